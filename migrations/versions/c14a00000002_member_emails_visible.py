"""tenant.member_emails_visible: whether a KPR's members see each other's e-mail addresses (off).

Revision ID: c14a00000002
Revises: c14a00000001
Create Date: 2026-12-02 01:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c14a00000002'
down_revision = 'c14a00000001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tenant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('member_emails_visible', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('tenant', schema=None) as batch_op:
        batch_op.drop_column('member_emails_visible')
