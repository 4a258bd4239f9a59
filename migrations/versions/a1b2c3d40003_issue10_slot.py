"""workspace: meetings, consultations, founding, public

A coach withdraws a consultation entry instead of deleting it: consultation.withdrawn_at.

Revision ID: a1b2c3d40003
Revises: a1b2c3d40002
Create Date: 2026-12-01 10:00:00.000000

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'a1b2c3d40003'
down_revision = 'a1b2c3d40002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_at')
