"""practice exchange: shared measures, questions and adoptions across the alliance (slot for issue 13)

Revision ID: c13a00000002
Revises: c13a00000001
Create Date: 2026-12-01 19:00:00.000000

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'c13a00000002'
down_revision = 'c13a00000001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
