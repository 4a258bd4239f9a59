"""survey: collection changes (slot for issue 12)

The answers, responses and codes lose the timestamps every tenant table has: a response's creation
moment and the moment a code was marked used would tie the two together (anonymity by design).

Revision ID: b12a00000002
Revises: b12a00000001
Create Date: 2026-12-01 15:10:00.000000

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'b12a00000002'
down_revision = 'b12a00000001'
branch_labels = None
depends_on = None

TABLES = ('survey_code', 'survey_response', 'survey_answer')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('updated_at')
            batch_op.drop_column('created_at')


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('created_at', sa.DateTime(timezone=True), nullable=False,
                                          server_default=sa.text('CURRENT_TIMESTAMP')))
            batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False,
                                          server_default=sa.text('CURRENT_TIMESTAMP')))
