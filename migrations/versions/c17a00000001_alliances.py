"""Alliances: several states' networks on one installation; each KPR and each state role in one

Revision ID: c17a00000001
Revises: c16a00000003
Create Date: 2026-12-03 11:00:00

The network that was there before becomes the first alliance (id 1): every KPR and every state
role so far belongs to it, and every address keeps working (tenants.alliances).
"""
import sqlalchemy as sa
from alembic import op

revision = 'c17a00000001'
down_revision = 'c16a00000003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('alliance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('short_name', sa.String(length=40), nullable=False),
    sa.Column('federal_state', sa.String(length=60), nullable=False),
    sa.Column('host', sa.String(length=253), nullable=True),
    sa.Column('council_term', sa.String(length=120), nullable=False),
    sa.Column('operator_name', sa.String(length=200), nullable=False),
    sa.Column('operator_address', sa.String(length=300), nullable=False),
    sa.Column('operator_email', sa.String(length=254), nullable=False),
    sa.Column('mail_sender', sa.String(length=254), nullable=False),
    sa.Column('accent_colour', sa.String(length=7), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alliance')),
    sa.UniqueConstraint('host', name=op.f('uq_alliance_host')),
    sa.UniqueConstraint('slug', name=op.f('uq_alliance_slug'))
    )
    op.execute(sa.text(
        "INSERT INTO alliance (id, slug, name, short_name, federal_state, council_term, operator_name, "
        "operator_address, operator_email, mail_sender, accent_colour, created_at) VALUES (1, 'sachsen', "
        "'Allianz Sichere Sächsische Kommunen', 'ASSKomm', 'Sachsen', 'Kommunaler Präventionsrat', "
        "'Landespräventionsrat Sachsen', '', '', '', '', CURRENT_TIMESTAMP)"))
    if op.get_bind().dialect.name == 'postgresql':  # the next id after the one written by hand
        op.execute(sa.text("SELECT setval(pg_get_serial_sequence('alliance', 'id'), 1)"))
    with op.batch_alter_table('tenant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alliance_id', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.create_index(batch_op.f('ix_tenant_alliance_id'), ['alliance_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_tenant_alliance_id_alliance'), 'alliance', ['alliance_id'], ['id'])
        batch_op.drop_constraint(batch_op.f('uq_tenant_slug'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_tenant_alliance_id_slug'), ['alliance_id', 'slug'])
    with op.batch_alter_table('user_role', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alliance_id', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_user_role_alliance_id_alliance'), 'alliance', ['alliance_id'],
                                    ['id'], ondelete='CASCADE')
        batch_op.drop_constraint(batch_op.f('pk_user_role'), type_='primary')
        batch_op.create_primary_key(batch_op.f('pk_user_role'), ['user_id', 'role', 'alliance_id'])
    with op.batch_alter_table('accessibility_feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alliance_id', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.create_index(batch_op.f('ix_accessibility_feedback_alliance_id'), ['alliance_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_accessibility_feedback_alliance_id_alliance'), 'alliance',
                                    ['alliance_id'], ['id'])
    with op.batch_alter_table('webhook_endpoint', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alliance_id', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.create_index(batch_op.f('ix_webhook_endpoint_alliance_id'), ['alliance_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_webhook_endpoint_alliance_id_alliance'), 'alliance', ['alliance_id'], ['id'])
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alliance_id', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.create_index('ix_audit_entry_alliance_id_at', ['alliance_id', 'at'], unique=False)
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alliance_id', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.create_index(batch_op.f('ix_outbox_message_alliance_id'), ['alliance_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_outbox_message_alliance_id_alliance'), 'alliance',
                                    ['alliance_id'], ['id'])
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alliance_id', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.add_column(sa.Column('open_to_all_alliances', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.create_index(batch_op.f('ix_event_alliance_id'), ['alliance_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_event_alliance_id_alliance'), 'alliance', ['alliance_id'], ['id'])


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_event_alliance_id_alliance'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_event_alliance_id'))
        batch_op.drop_column('open_to_all_alliances')
        batch_op.drop_column('alliance_id')
    with op.batch_alter_table('accessibility_feedback', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_accessibility_feedback_alliance_id_alliance'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_accessibility_feedback_alliance_id'))
        batch_op.drop_column('alliance_id')
    with op.batch_alter_table('webhook_endpoint', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_webhook_endpoint_alliance_id_alliance'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_webhook_endpoint_alliance_id'))
        batch_op.drop_column('alliance_id')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_alliance_id_at')
        batch_op.drop_column('alliance_id')
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outbox_message_alliance_id_alliance'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_outbox_message_alliance_id'))
        batch_op.drop_column('alliance_id')
    op.execute(sa.text("DELETE FROM user_role WHERE alliance_id <> 1"))
    with op.batch_alter_table('user_role', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('pk_user_role'), type_='primary')
        batch_op.create_primary_key(batch_op.f('pk_user_role'), ['user_id', 'role'])
        batch_op.drop_constraint(batch_op.f('fk_user_role_alliance_id_alliance'), type_='foreignkey')
        batch_op.drop_column('alliance_id')
    with op.batch_alter_table('tenant', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_tenant_alliance_id_slug'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_tenant_slug'), ['slug'])
        batch_op.drop_constraint(batch_op.f('fk_tenant_alliance_id_alliance'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_tenant_alliance_id'))
        batch_op.drop_column('alliance_id')
    op.drop_table('alliance')
