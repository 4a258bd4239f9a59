"""events day: certificates reissued with versions; renewable calendar feed addresses

Revision ID: a1b2c3d40002
Revises: a1b2c3d40001
Create Date: 2026-12-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1b2c3d40002'
down_revision = 'a1b2c3d40001'
branch_labels = None
depends_on = None


def upgrade():
    # A certificate is reissued when what it shows changed; the earlier PDF is kept as a version.
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('content', sa.String(length=64), server_default='', nullable=False))
    op.create_table('certificate_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('replaced_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'],
                            name=op.f('fk_certificate_version_registration_id_registration'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_version')),
    sa.UniqueConstraint('registration_id', 'version', name=op.f('uq_certificate_version_registration_id_version'))
    )
    # Personal calendar feed addresses that their owners renewed (no row: the first address).
    op.create_table('feed_key',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('feed', sa.String(length=40), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.Column('renewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_feed_key_user_id_user_account'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'feed', name=op.f('pk_feed_key'))
    )


def downgrade():
    op.drop_table('feed_key')
    op.drop_table('certificate_version')
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_column('content')
        batch_op.drop_column('version')
