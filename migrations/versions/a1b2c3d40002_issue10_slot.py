"""events day: check-in and certificates

Revision ID: a1b2c3d40002
Revises: a1b2c3d40001
Create Date: 2026-12-01 10:00:00.000000

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'a1b2c3d40002'
down_revision = 'a1b2c3d40001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
