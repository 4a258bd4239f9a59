"""events registration and organising

Revision ID: a1b2c3d40001
Revises: 68ba9f5c7b44
Create Date: 2026-12-01 10:00:00.000000

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'a1b2c3d40001'
down_revision = '68ba9f5c7b44'
branch_labels = None
depends_on = None


def upgrade():
    # Seats the invited KPRs reserve with their replies count against the capacity too.
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reserved_seats', sa.Integer(), server_default='0', nullable=False))
        batch_op.drop_constraint(batch_op.f('ck_event_never_overbooked'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f('ck_event_never_overbooked'),
            'confirmed_count >= 0 AND reserved_seats >= 0 AND confirmed_count + reserved_seats <= capacity')
    with op.batch_alter_table('event_figures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kpr_participants', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('event_figures', schema=None) as batch_op:
        batch_op.drop_column('kpr_participants')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_event_never_overbooked'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_event_never_overbooked'),
                                        'confirmed_count >= 0 AND confirmed_count <= capacity')
        batch_op.drop_column('reserved_seats')
