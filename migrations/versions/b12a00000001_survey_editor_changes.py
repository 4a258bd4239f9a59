"""survey: editor changes (slot for issue 12)

Revision ID: b12a00000001
Revises: a92219248e0c
Create Date: 2026-12-01 15:10:00.000000

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'b12a00000001'
down_revision = 'a92219248e0c'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
