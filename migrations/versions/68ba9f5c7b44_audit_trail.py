"""Audit trail: one append-only entry per change of a domain row and per sign-in

Revision ID: 68ba9f5c7b44
Revises: 3b7e2f6a9c10
Create Date: 2026-12-01 08:36:07.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '68ba9f5c7b44'
down_revision = '3b7e2f6a9c10'
branch_labels = None
depends_on = None


def upgrade():
    # tenant_id has no foreign key on purpose: entries outlive their KPR (asskomm/audit/models.py).
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=160), nullable=False),
    sa.Column('actor_email', sa.String(length=254), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=True),
    sa.Column('object_type', sa.String(length=60), nullable=False),
    sa.Column('object_id', sa.String(length=100), nullable=False),
    sa.Column('object_label', sa.String(length=250), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('reason', sa.String(length=1000), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_audit_entry_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entry_at', ['at'], unique=False)
        batch_op.create_index('ix_audit_entry_tenant_id_at', ['tenant_id', 'at'], unique=False)
        batch_op.create_index('ix_audit_entry_user_id', ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_user_id')
        batch_op.drop_index('ix_audit_entry_tenant_id_at')
        batch_op.drop_index('ix_audit_entry_at')

    op.drop_table('audit_entry')
