"""What `sitrep stats` sums, kept per day, country, event type and status by triggers on
incidents (incident_days, in place of the stats index)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The group of a row: an incident adds to the row of its own values of these.
KEYS = ["date_start", "country_code", "event_type", "status", "date_end"]

# What one incident adds to its row, written over a row alias ({r}: NEW, OLD or incidents).
# Each matches what stats counts over incidents (sitrep.store.stats).
ADDS = {
    "incidents": "1",
    "killed_low": "COALESCE({r}.killed_low, 0)",
    "killed_best": "COALESCE({r}.killed_best, {r}.killed_low, 0)",
    "killed_high": "COALESCE({r}.killed_high, {r}.killed_best, {r}.killed_low, 0)",
    "killed_figures": "CASE WHEN COALESCE({r}.killed_low, {r}.killed_best, {r}.killed_high) "
    "IS NULL THEN 0 ELSE 1 END",
    "killed_bounded": "CASE WHEN {r}.killed_high IS NULL THEN 0 ELSE 1 END",
    "injured_low": "COALESCE({r}.injured_low, 0)",
    "injured_best": "COALESCE({r}.injured_best, {r}.injured_low, 0)",
    "injured_high": "COALESCE({r}.injured_high, {r}.injured_best, {r}.injured_low, 0)",
    "injured_figures": "CASE WHEN COALESCE({r}.injured_low, {r}.injured_best, "
    "{r}.injured_high) IS NULL THEN 0 ELSE 1 END",
    "injured_bounded": "CASE WHEN {r}.injured_high IS NULL THEN 0 ELSE 1 END",
    "vague_date": "CASE WHEN {r}.date_precision IS NULL OR {r}.date_precision = 'day' "
    "THEN 0 ELSE 1 END",
    "precise_place": "CASE WHEN {r}.place_precision IN ('exact', 'near', 'admin2') "
    "THEN 1 ELSE 0 END",
}

# The incident columns whose change moves an incident's contribution.
WATCHED = sorted(
    {*KEYS, "date_precision", "place_precision"}
    | {f"{kind}_{part}" for kind in ("killed", "injured") for part in ("low", "best", "high")}
)

STATS_COLUMNS = [
    "date_start", "country_code", "event_type", "status", "date_end", "date_precision",
    "place_precision", "killed_low", "killed_best", "killed_high", "injured_low",
    "injured_best", "injured_high",
]  # fmt: skip


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "incident_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("country_code", sa.String(length=3), nullable=True),
        sa.Column("event_type", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=True),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in ADDS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_days")),
    )
    # One row per group, NULL keys included: PostgreSQL (15 and later) is told so, on
    # SQLite the triggers look before they add a row.
    op.create_index(
        "ix_incident_days_group",
        "incident_days",
        KEYS,
        unique=True,
        postgresql_nulls_not_distinct=True,
    )
    if dialect == "postgresql":
        op.execute(_postgresql_function())
        op.execute(
            f"CREATE TRIGGER incident_days AFTER INSERT OR DELETE OR UPDATE OF "
            f"{', '.join(WATCHED)} ON incidents FOR EACH ROW "
            "EXECUTE FUNCTION sitrep_incident_days()"
        )
    else:
        for statement in _sqlite_triggers():
            op.execute(statement)
    sums = ", ".join(f"SUM({add.format(r='incidents')})" for add in ADDS.values())
    op.execute(
        f"INSERT INTO incident_days ({', '.join(KEYS)}, {', '.join(ADDS)}) "
        f"SELECT {', '.join(KEYS)}, {sums} FROM incidents GROUP BY {', '.join(KEYS)}"
    )
    op.drop_index("ix_incidents_stats", table_name="incidents")


def downgrade() -> None:
    op.create_index("ix_incidents_stats", "incidents", STATS_COLUMNS, unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER incident_days ON incidents")
        op.execute("DROP FUNCTION sitrep_incident_days()")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER incident_days_{name}")
    op.drop_table("incident_days")


def _postgresql_function() -> str:
    def upsert(r: str, sign: str) -> str:
        adds = (f"{sign}({a.format(r=r)})" for a in ADDS.values())
        values = ", ".join([*(f"{r}.{k}" for k in KEYS), *adds])
        sets = ", ".join(f"{name} = d.{name} + EXCLUDED.{name}" for name in ADDS)
        return (
            f"INSERT INTO incident_days AS d ({', '.join(KEYS)}, {', '.join(ADDS)}) "
            f"VALUES ({values}) ON CONFLICT ({', '.join(KEYS)}) DO UPDATE SET {sets} "
            "RETURNING d.id, d.incidents INTO row_id, left_over;"
        )

    return f"""
CREATE FUNCTION sitrep_incident_days() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_id integer;
  left_over integer;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    {upsert("OLD", "-")}
    IF left_over = 0 THEN
      DELETE FROM incident_days WHERE id = row_id;
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    {upsert("NEW", "")}
  END IF;
  RETURN NULL;
END
$$"""


def _sqlite_triggers() -> list[str]:
    def same(r: str) -> str:
        return " AND ".join(f"{k} IS {r}.{k}" for k in KEYS)

    def add(r: str) -> str:
        zeros = ", ".join("0" for _ in ADDS)
        sets = ", ".join(f"{name} = {name} + {a.format(r=r)}" for name, a in ADDS.items())
        return (
            f"INSERT INTO incident_days ({', '.join(KEYS)}, {', '.join(ADDS)}) "
            f"SELECT {', '.join(f'{r}.{k}' for k in KEYS)}, {zeros} "
            f"WHERE NOT EXISTS (SELECT 1 FROM incident_days WHERE {same(r)}); "
            f"UPDATE incident_days SET {sets} WHERE {same(r)};"
        )

    def remove(r: str) -> str:
        sets = ", ".join(f"{name} = {name} - {a.format(r=r)}" for name, a in ADDS.items())
        return (
            f"UPDATE incident_days SET {sets} WHERE {same(r)}; "
            f"DELETE FROM incident_days WHERE {same(r)} AND incidents = 0;"
        )

    return [
        f"CREATE TRIGGER incident_days_insert AFTER INSERT ON incidents BEGIN {add('NEW')} END",
        f"CREATE TRIGGER incident_days_delete AFTER DELETE ON incidents BEGIN {remove('OLD')} END",
        f"CREATE TRIGGER incident_days_update AFTER UPDATE OF {', '.join(WATCHED)} ON incidents "
        f"BEGIN {remove('OLD')} {add('NEW')} END",
    ]
