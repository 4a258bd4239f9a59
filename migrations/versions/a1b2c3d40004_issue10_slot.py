"""state council: archived KPRs, districts, people

Revision ID: a1b2c3d40004
Revises: a1b2c3d40003
Create Date: 2026-12-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1b2c3d40004'
down_revision = 'a1b2c3d40003'
branch_labels = None
depends_on = None


# Saxony's districts by AGS prefix, frozen here as of this revision (tenants/districts.py holds the list).
SAXONY_DISTRICTS = {
    "14511": "Stadt Chemnitz", "14521": "Erzgebirgskreis", "14522": "Landkreis Mittelsachsen",
    "14523": "Vogtlandkreis", "14524": "Landkreis Zwickau", "14612": "Stadt Dresden",
    "14625": "Landkreis Bautzen", "14626": "Landkreis Görlitz", "14627": "Landkreis Meißen",
    "14628": "Landkreis Sächsische Schweiz-Osterzgebirge", "14713": "Stadt Leipzig",
    "14729": "Landkreis Leipzig", "14730": "Landkreis Nordsachsen",
}


def upgrade():
    with op.batch_alter_table('tenant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))
    # Districts typed before they were chosen from the list ("LK Zwickau") take the official name
    # their AGS says, so that filters, map and reports know one district once.
    tenant = sa.table('tenant', sa.column('ags', sa.String), sa.column('district', sa.String),
                      sa.column('federal_state', sa.String))
    for key, name in SAXONY_DISTRICTS.items():
        op.execute(tenant.update().where(tenant.c.federal_state == 'Sachsen', tenant.c.ags.like(f'{key}%'))
                   .values(district=name))


def downgrade():
    with op.batch_alter_table('tenant', schema=None) as batch_op:
        batch_op.drop_column('archived_at')
