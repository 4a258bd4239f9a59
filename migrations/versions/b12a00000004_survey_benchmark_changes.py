"""survey: benchmark changes (slot for issue 12)

Revision ID: b12a00000004
Revises: b12a00000003
Create Date: 2026-12-01 15:10:00.000000

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'b12a00000004'
down_revision = 'b12a00000003'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
