"""Practices shared beyond the alliance: a shared measure may be opened to the other alliances' KPRs

Revision ID: c17a00000003
Revises: c17a00000002
Create Date: 2026-12-03 13:00:00

Every measure so far stays within its alliance (False).
"""
import sqlalchemy as sa
from alembic import op

revision = 'c17a00000003'
down_revision = 'c17a00000002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('prevention_measure') as batch_op:
        batch_op.add_column(sa.Column('shared_beyond_alliance', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('prevention_measure') as batch_op:
        batch_op.drop_column('shared_beyond_alliance')
