"""annual report: Präventionsbericht per KPR and year, versions submitted to the state council (slot for issue 13)

Revision ID: c13a00000001
Revises: b12a00000005
Create Date: 2026-12-01 19:00:00.000000

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'c13a00000001'
down_revision = 'b12a00000005'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
