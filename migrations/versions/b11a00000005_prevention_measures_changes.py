"""prevention cycle: later changes of the measures pages (empty until they need one)

Revision ID: b11a00000005
Revises: b11a00000004
Create Date: 2026-12-01 11:45:00.000000

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'b11a00000005'
down_revision = 'b11a00000004'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
