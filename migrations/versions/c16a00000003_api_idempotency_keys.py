"""API: the answers to POSTs sent with an Idempotency-Key, kept for a day

Revision ID: c16a00000003
Revises: c16a00000002
Create Date: 2026-12-03 10:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c16a00000003'
down_revision = 'c16a00000002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('api_idempotency_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'],
                            name=op.f('fk_api_idempotency_key_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_idempotency_key')),
    sa.UniqueConstraint('user_id', 'key', name=op.f('uq_api_idempotency_key_user_id_key'))
    )
    op.create_index('ix_api_idempotency_key_created', 'api_idempotency_key', ['user_id', 'created_at'],
                    unique=False)


def downgrade():
    op.drop_index('ix_api_idempotency_key_created', table_name='api_idempotency_key')
    op.drop_table('api_idempotency_key')
