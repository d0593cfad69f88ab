"""Reference datasets: imports of ACLED, UCDP GED and GTD files and their events, kept
apart from Sitrep's incidents

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reference_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(length=8), nullable=False),
        sa.Column("version", sa.Text(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("rows_imported", sa.Integer(), nullable=False),
        sa.Column("rows_refused", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_imports")),
    )
    op.create_table(
        "reference_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(length=8), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=False),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("country_code", sa.String(length=3), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("admin2", sa.Text(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("place_precision", sa.String(length=16), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=True),
        sa.Column("sub_event_type", sa.String(length=64), nullable=True),
        sa.Column("actor1", sa.Text(), nullable=True),
        sa.Column("actor2", sa.Text(), nullable=True),
        sa.Column("killed_low", sa.Integer(), nullable=True),
        sa.Column("killed_best", sa.Integer(), nullable=True),
        sa.Column("killed_high", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("raw", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["reference_imports.id"],
            name=op.f("fk_reference_events_import_id_reference_imports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_events")),
    )
    with op.batch_alter_table("reference_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reference_events_import_id"), ["import_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reference_events_country_code"), ["country_code"], unique=False
        )
        batch_op.create_index(
            "ix_reference_events_dataset_date", ["dataset", "date_start"], unique=False
        )


def downgrade() -> None:
    op.drop_table("reference_events")
    op.drop_table("reference_imports")
