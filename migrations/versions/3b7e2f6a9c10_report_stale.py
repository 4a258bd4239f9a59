"""KPRs whose report figures are stale since their records changed

Revision ID: 3b7e2f6a9c10
Revises: 12c4cfc7073d
Create Date: 2026-12-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b7e2f6a9c10'
down_revision = '12c4cfc7073d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('report_stale',
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('since', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_report_stale_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('tenant_id', name=op.f('pk_report_stale'))
    )


def downgrade():
    op.drop_table('report_stale')
