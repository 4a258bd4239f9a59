"""practice exchange: shared measures, questions and adoptions across the alliance (slot for issue 13)

Revision ID: c13a00000002
Revises: c13a00000001
Create Date: 2026-12-01 19:00:00.000000

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'c13a00000002'
down_revision = 'c13a00000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('practice_adoption',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('adopted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['adopted_by_id'], ['user_account.id'], name=op.f('fk_practice_adoption_adopted_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['measure_id'], ['prevention_measure.id'], name=op.f('fk_practice_adoption_measure_id_prevention_measure'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['practice_id'], ['prevention_measure.id'], name=op.f('fk_practice_adoption_practice_id_prevention_measure'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_practice_adoption_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_adoption')),
    sa.UniqueConstraint('tenant_id', 'practice_id', name=op.f('uq_practice_adoption_tenant_id_practice_id'))
    )
    with op.batch_alter_table('practice_adoption', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_adoption_measure_id'), ['measure_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_adoption_practice_id'), ['practice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_adoption_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('practice_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('asked_by_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['asked_by_id'], ['user_account.id'], name=op.f('fk_practice_question_asked_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['practice_id'], ['prevention_measure.id'], name=op.f('fk_practice_question_practice_id_prevention_measure'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_practice_question_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_question'))
    )
    with op.batch_alter_table('practice_question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_question_asked_at'), ['asked_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_question_asked_by_id'), ['asked_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_question_practice_id'), ['practice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_question_tenant_id'), ['tenant_id'], unique=False)

    # the exchange searches shared measures only
    with op.batch_alter_table('prevention_measure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prevention_measure_shareable'), ['shareable'], unique=False)

    # a question is answered to the person who asked it
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reply_to', sa.String(length=254), nullable=True))


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_column('reply_to')

    with op.batch_alter_table('prevention_measure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_prevention_measure_shareable'))

    with op.batch_alter_table('practice_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_question_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_practice_question_practice_id'))
        batch_op.drop_index(batch_op.f('ix_practice_question_asked_by_id'))
        batch_op.drop_index(batch_op.f('ix_practice_question_asked_at'))
    op.drop_table('practice_question')

    with op.batch_alter_table('practice_adoption', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_adoption_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_practice_adoption_practice_id'))
        batch_op.drop_index(batch_op.f('ix_practice_adoption_measure_id'))
    op.drop_table('practice_adoption')
