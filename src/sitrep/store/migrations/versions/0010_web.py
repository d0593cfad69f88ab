"""The web app: users, API tokens and the server's signing key; full-text search over
reports; indexes for listing incidents by date, place and toll

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# SQLite: an FTS5 index over the reports' title and text, kept by triggers. PostgreSQL: a
# GIN index over the same words (the 'simple' configuration: no stemming, any language).
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE reports_fts USING fts5(title, text, content='reports', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN "
    "INSERT INTO reports_fts(rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text); END",
    "CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN "
    "INSERT INTO reports_fts(reports_fts, rowid, title, text) "
    "VALUES ('delete', OLD.id, OLD.title, OLD.text); END",
    "CREATE TRIGGER reports_fts_update AFTER UPDATE OF title, text ON reports BEGIN "
    "INSERT INTO reports_fts(reports_fts, rowid, title, text) "
    "VALUES ('delete', OLD.id, OLD.title, OLD.text); "
    "INSERT INTO reports_fts(rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text); END",
    "INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')",
]
POSTGRESQL_FTS = (
    "CREATE INDEX ix_reports_words ON reports USING gin "
    "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"
)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_api_tokens_token_sha256")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"], unique=False)
    op.create_table(
        "server_secrets",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_server_secrets")),
    )
    op.create_index("ix_incidents_date_id", "incidents", ["date_start", "id"], unique=False)
    op.create_index("ix_incidents_country_date", "incidents", ["country_code", "date_start", "id"])
    op.create_index("ix_incidents_killed_id", "incidents", ["killed_best", "id"], unique=False)
    op.create_index("ix_incidents_lat_lon", "incidents", ["latitude", "longitude"], unique=False)
    # Filters by admin1 and by actor match case-insensitively: indexes on lower(...).
    op.create_index("ix_incidents_admin1_lower", "incidents", [sa.text("lower(admin1)")])
    op.create_index("ix_incident_actors_name_lower", "incident_actors", [sa.text("lower(name)")])
    op.create_index(
        "ix_incident_actors_actor_id_lower", "incident_actors", [sa.text("lower(actor_id)")]
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRESQL_FTS)
    else:
        for statement in SQLITE_FTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_reports_words")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER reports_fts_{name}")
        op.execute("DROP TABLE reports_fts")
    op.drop_index("ix_incident_actors_actor_id_lower", table_name="incident_actors")
    op.drop_index("ix_incident_actors_name_lower", table_name="incident_actors")
    op.drop_index("ix_incidents_admin1_lower", table_name="incidents")
    for name in (
        "ix_incidents_lat_lon",
        "ix_incidents_killed_id",
        "ix_incidents_country_date",
        "ix_incidents_date_id",
    ):
        op.drop_index(name, table_name="incidents")
    op.drop_table("server_secrets")
    op.drop_index(op.f("ix_api_tokens_user_id"), table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_table("users")
