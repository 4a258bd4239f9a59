"""security and delivery: feeds, sessions, mail

Revision ID: a1b2c3d40005
Revises: a1b2c3d40004
Create Date: 2026-12-01 10:00:00.000000

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'a1b2c3d40005'
down_revision = 'a1b2c3d40004'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
