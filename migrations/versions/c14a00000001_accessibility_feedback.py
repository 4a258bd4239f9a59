"""accessibility feedback: what the form of the accessibility statement received

Revision ID: c14a00000001
Revises: c13a00000003
Create Date: 2026-12-02 01:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c14a00000001'
down_revision = 'c13a00000003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('accessibility_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('page', sa.String(length=500), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_accessibility_feedback_tenant_id_tenant'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accessibility_feedback'))
    )
    with op.batch_alter_table('accessibility_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accessibility_feedback_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_accessibility_feedback_tenant_id'), ['tenant_id'], unique=False)


def downgrade():
    with op.batch_alter_table('accessibility_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accessibility_feedback_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_accessibility_feedback_created_at'))
    op.drop_table('accessibility_feedback')
