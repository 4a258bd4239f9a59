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
    op.create_table('annual_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('foreword', sa.Text(), nullable=False),
    sa.Column('outlook', sa.Text(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('year >= 2000', name=op.f('ck_annual_report_report_year_plausible')),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_annual_report_document_id_document'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_annual_report_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_report')),
    sa.UniqueConstraint('tenant_id', 'year', name=op.f('uq_annual_report_tenant_id_year'))
    )
    with op.batch_alter_table('annual_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annual_report_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('annual_report_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'returned', name='versionstatus', native_enum=False, length=20), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('returned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('returned_by_id', sa.Integer(), nullable=True),
    sa.Column('return_remark', sa.Text(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['annual_report.id'], name=op.f('fk_annual_report_version_report_id_annual_report'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['returned_by_id'], ['user_account.id'], name=op.f('fk_annual_report_version_returned_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['user_account.id'], name=op.f('fk_annual_report_version_submitted_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_annual_report_version_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_report_version')),
    sa.UniqueConstraint('report_id', 'number', name=op.f('uq_annual_report_version_report_id_number'))
    )
    with op.batch_alter_table('annual_report_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annual_report_version_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_annual_report_version_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_annual_report_version_year'), ['year'], unique=False)


def downgrade():
    with op.batch_alter_table('annual_report_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annual_report_version_year'))
        batch_op.drop_index(batch_op.f('ix_annual_report_version_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_annual_report_version_report_id'))
    op.drop_table('annual_report_version')
    with op.batch_alter_table('annual_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annual_report_tenant_id'))
    op.drop_table('annual_report')
