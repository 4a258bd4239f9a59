"""security and delivery: feeds, sessions, mail

Revision ID: a1b2c3d40005
Revises: a1b2c3d40004
Create Date: 2026-12-01 10:00:00.000000

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'a1b2c3d40005'
down_revision = 'a1b2c3d40004'
branch_labels = None
depends_on = None


def upgrade():
    # --- sessions (issue 10, C2): a logout ends the person's sessions on the server.
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='1', nullable=False))

    # --- mail (issue 10, C5): when the current attempt took an outbox message, so that a
    # "sending" left by a killed worker is taken again after MAIL_STALE_SECONDS.
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    # --- sessions (issue 10, C2)
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('session_version')

    # --- mail (issue 10, C5)
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_column('claimed_at')
