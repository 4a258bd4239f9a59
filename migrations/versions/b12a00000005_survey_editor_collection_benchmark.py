"""citizen survey: what the editor, the collection and the benchmark need beyond the core tables

- survey_section.bank_section: the bank section a survey section was made for, so chosen bank items
  land there even once the section is renamed.
- The answers, responses and codes lose the timestamps every tenant table has: a response's creation
  moment and the moment a code was used would tie the two together (anonymity by design).
- A used code is deleted rather than marked: PostgreSQL's xmin of an updated code row would name
  the transaction of its response. The survey counts the codes it issued instead.
- survey_answer is read by response and question together (the results' breakdowns).
- survey_benchmark_figure is read one item at a time (the state council's page).

The four slot revisions before this one were landed empty and stay so.

Revision ID: b12a00000005
Revises: b12a00000004
Create Date: 2026-12-01 18:55:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b12a00000005'
down_revision = 'b12a00000004'
branch_labels = None
depends_on = None

ANONYMOUS = ('survey_code', 'survey_response', 'survey_answer')


def upgrade():
    with op.batch_alter_table('survey_section', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bank_section', sa.String(length=100), nullable=True))
    for table in ANONYMOUS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('updated_at')
            batch_op.drop_column('created_at')
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.add_column(sa.Column('codes_issued', sa.Integer(), nullable=False, server_default='0'))
    op.execute("UPDATE survey SET codes_issued = "
               "(SELECT count(*) FROM survey_code WHERE survey_code.survey_id = survey.id)")
    op.execute("DELETE FROM survey_code WHERE used")
    with op.batch_alter_table('survey_code', schema=None) as batch_op:
        batch_op.drop_column('used')
    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_answer_response_id')
        batch_op.create_index('ix_survey_answer_response_question', ['response_id', 'question_id'], unique=False)
    with op.batch_alter_table('survey_benchmark_figure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_benchmark_figure_item_key'), ['item_key'], unique=False)


def downgrade():
    with op.batch_alter_table('survey_benchmark_figure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_benchmark_figure_item_key'))
    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_answer_response_question')
        batch_op.create_index('ix_survey_answer_response_id', ['response_id'], unique=False)
    with op.batch_alter_table('survey_code', schema=None) as batch_op:
        batch_op.add_column(sa.Column('used', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.drop_column('codes_issued')
    for table in ANONYMOUS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('created_at', sa.DateTime(timezone=True), nullable=False,
                                          server_default=sa.text('CURRENT_TIMESTAMP')))
            batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False,
                                          server_default=sa.text('CURRENT_TIMESTAMP')))
    with op.batch_alter_table('survey_section', schema=None) as batch_op:
        batch_op.drop_column('bank_section')
