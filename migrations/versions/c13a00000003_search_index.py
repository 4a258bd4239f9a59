"""search index: one entry per findable object, with each database's full-text structure
(PostgreSQL: a generated tsvector column, "german" configuration, GIN index; SQLite: an FTS5 table
of stems). After upgrading an existing installation run `flask --app asskomm search reindex`.

Revision ID: c13a00000003
Revises: c13a00000002
Create Date: 2026-12-01 22:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c13a00000003'
down_revision = 'c13a00000002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('rule', sa.String(length=40), nullable=True),
    sa.Column('rule_alt', sa.String(length=40), nullable=True),
    sa.Column('open_to_all', sa.Boolean(), nullable=False),
    sa.Column('for_alliance', sa.Boolean(), nullable=False),
    sa.Column('file_text', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_search_entry_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_entry')),
    sa.UniqueConstraint('kind', 'object_id', name=op.f('uq_search_entry_kind_object_id'))
    )
    with op.batch_alter_table('search_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_entry_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_entry_tenant_id'), ['tenant_id'], unique=False)

    if op.get_bind().dialect.name == 'postgresql':
        op.execute("""
            ALTER TABLE search_entry ADD COLUMN document tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('german', title), 'A')
                || setweight(to_tsvector('german', text), 'B')
                || setweight(to_tsvector('german', file_text), 'C')) STORED""")
        op.execute("CREATE INDEX ix_search_entry_document ON search_entry USING gin (document)")
    else:
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61')")
        # titles weigh more than texts
        op.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')")


def downgrade():
    if op.get_bind().dialect.name != 'postgresql':
        op.execute("DROP TABLE search_fts")
    with op.batch_alter_table('search_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_entry_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_search_entry_kind'))
    op.drop_table('search_entry')
