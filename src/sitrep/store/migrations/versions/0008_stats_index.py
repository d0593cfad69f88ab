"""An index covering what `sitrep stats` sums, so counts by period and country read it
instead of the incidents table

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

STATS_COLUMNS = [
    "date_start", "country_code", "event_type", "status", "date_end", "date_precision",
    "place_precision", "killed_low", "killed_best", "killed_high", "injured_low",
    "injured_best", "injured_high",
]  # fmt: skip


def upgrade() -> None:
    op.create_index("ix_incidents_stats", "incidents", STATS_COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_incidents_stats", table_name="incidents")
