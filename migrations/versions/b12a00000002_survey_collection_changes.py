"""survey: collection changes (slot for issue 12)

The answers, responses and codes lose the timestamps every tenant table has: a response's creation
moment and the moment a code was marked used would tie the two together (anonymity by design).
A used code is deleted rather than marked, since PostgreSQL's xmin of an updated code row would
name the transaction of its response; the survey counts the codes it issued instead.

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
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.add_column(sa.Column('codes_issued', sa.Integer(), nullable=False, server_default='0'))
    op.execute("UPDATE survey SET codes_issued = (SELECT count(*) FROM survey_code WHERE survey_code.survey_id = survey.id)")
    op.execute("DELETE FROM survey_code WHERE used")
    with op.batch_alter_table('survey_code', schema=None) as batch_op:
        batch_op.drop_column('used')


def downgrade():
    with op.batch_alter_table('survey_code', schema=None) as batch_op:
        batch_op.add_column(sa.Column('used', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.drop_column('codes_issued')
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('created_at', sa.DateTime(timezone=True), nullable=False,
                                          server_default=sa.text('CURRENT_TIMESTAMP')))
            batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False,
                                          server_default=sa.text('CURRENT_TIMESTAMP')))
