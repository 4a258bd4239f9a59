"""Alliances: their own funding window, a comparison across alliances, and job runs per alliance

Revision ID: c17a00000002
Revises: c17a00000001
Create Date: 2026-12-03 13:00:00

An alliance may set its own application window (empty: the installation's FUNDING_WINDOW_*) and
choose to compare its survey benchmark with the other alliances that do. A run of a job records the
alliance it covered (NULL: the whole installation). The benchmark's summaries are per alliance,
alliance 0 being the comparison across alliances; the snapshot is rebuilt by its next run.
"""
import sqlalchemy as sa
from alembic import op

revision = 'c17a00000002'
down_revision = 'c17a00000001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('alliance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('funding_window_start', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('funding_window_end', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('compares_across', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('snapshot_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alliance_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_snapshot_run_alliance_id_alliance'), 'alliance', ['alliance_id'],
                                    ['id'], ondelete='CASCADE')
    op.execute(sa.text("DELETE FROM survey_benchmark_summary"))
    with op.batch_alter_table('survey_benchmark_summary', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alliance_id', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.drop_constraint(batch_op.f('pk_survey_benchmark_summary'), type_='primary')
        batch_op.create_primary_key(batch_op.f('pk_survey_benchmark_summary'), ['alliance_id', 'item_key', 'size_class'])


def downgrade():
    op.execute(sa.text("DELETE FROM survey_benchmark_summary"))
    with op.batch_alter_table('survey_benchmark_summary', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('pk_survey_benchmark_summary'), type_='primary')
        batch_op.create_primary_key(batch_op.f('pk_survey_benchmark_summary'), ['item_key', 'size_class'])
        batch_op.drop_column('alliance_id')
    with op.batch_alter_table('snapshot_run', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_snapshot_run_alliance_id_alliance'), type_='foreignkey')
        batch_op.drop_column('alliance_id')
    with op.batch_alter_table('alliance', schema=None) as batch_op:
        batch_op.drop_column('compares_across')
        batch_op.drop_column('funding_window_end')
        batch_op.drop_column('funding_window_start')
