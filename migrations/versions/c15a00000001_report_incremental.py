"""Reports: indexes for reading one place's series (report and event figures), and where each KPR was last counted

Revision ID: c15a00000001
Revises: c14a00000004
Create Date: 2026-12-02 04:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c15a00000001'
down_revision = 'c14a00000004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('report_placement',
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('district', sa.String(length=120), nullable=False),
    sa.Column('federal_state', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_report_placement_tenant_id_tenant'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('tenant_id', name=op.f('pk_report_placement'))
    )
    with op.batch_alter_table('report_figure', schema=None) as batch_op:
        batch_op.create_index('ix_report_figure_scope_key_year', ['scope', 'scope_key', 'year'], unique=False)
    with op.batch_alter_table('event_figures', schema=None) as batch_op:
        batch_op.create_index('ix_event_figures_scope_key', ['scope', 'scope_key'], unique=False)


def downgrade():
    with op.batch_alter_table('event_figures', schema=None) as batch_op:
        batch_op.drop_index('ix_event_figures_scope_key')
    with op.batch_alter_table('report_figure', schema=None) as batch_op:
        batch_op.drop_index('ix_report_figure_scope_key_year')
    op.drop_table('report_placement')
