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
    # the bank section a survey section was made for: chosen bank items land there even once renamed
    with op.batch_alter_table('survey_section', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bank_section', sa.String(length=100), nullable=True))


def downgrade():
    with op.batch_alter_table('survey_section', schema=None) as batch_op:
        batch_op.drop_column('bank_section')
