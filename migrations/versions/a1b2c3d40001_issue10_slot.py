"""events registration and organising

Revision ID: a1b2c3d40001
Revises: 68ba9f5c7b44
Create Date: 2026-12-01 10:00:00.000000

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'a1b2c3d40001'
down_revision = '68ba9f5c7b44'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
