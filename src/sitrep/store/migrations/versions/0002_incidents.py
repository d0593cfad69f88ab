"""Incidents with actors, casualties and evidence; aggregate statements; audit log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("grade", sa.String(length=16), nullable=True),
        sa.Column("event_type", sa.String(length=64), nullable=True),
        sa.Column("sub_event_type", sa.String(length=64), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("weapons", sa.JSON(), nullable=False),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=False),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("date_anchor", sa.Date(), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("admin2", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("country_code", sa.String(length=3), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("place_precision", sa.String(length=16), nullable=False),
        sa.Column("place_text", sa.Text(), nullable=True),
        sa.Column("gazetteer_id", sa.String(length=64), nullable=True),
        sa.Column("killed_low", sa.Integer(), nullable=True),
        sa.Column("killed_best", sa.Integer(), nullable=True),
        sa.Column("killed_high", sa.Integer(), nullable=True),
        sa.Column("killed_qualifier", sa.String(length=16), nullable=True),
        sa.Column("injured_low", sa.Integer(), nullable=True),
        sa.Column("injured_best", sa.Integer(), nullable=True),
        sa.Column("injured_high", sa.Integer(), nullable=True),
        sa.Column("injured_qualifier", sa.String(length=16), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "date_start IS NULL OR date_end IS NULL OR date_start <= date_end",
            name=op.f("ck_incidents_date_order"),
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["incidents.id"], name=op.f("fk_incidents_merged_into_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incidents_country_code"), ["country_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_incidents_date_start"), ["date_start"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_event_type"), ["event_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_status"), ["status"], unique=False)

    op.create_table(
        "incident_reports",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_reports_incident_id_incidents"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_incident_reports_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("incident_id", "report_id", name=op.f("pk_incident_reports")),
    )
    with op.batch_alter_table("incident_reports", schema=None) as batch_op:
        batch_op.create_index("ix_incident_reports_report_id", ["report_id"], unique=False)

    op.create_table(
        "incident_actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("attribution", sa.String(length=32), nullable=True),
        sa.Column("actor_id", sa.String(length=128), nullable=True),
        sa.Column("actor_type", sa.String(length=64), nullable=True),
        sa.Column("claimant", sa.Text(), nullable=True),
        sa.Column("claim_channel", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_actors_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_actors")),
    )
    with op.batch_alter_table("incident_actors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_actors_incident_id"), ["incident_id"], unique=False
        )

    op.create_table(
        "casualties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("casualty_group", sa.String(length=32), nullable=False),
        sa.Column("low", sa.Integer(), nullable=True),
        sa.Column("best", sa.Integer(), nullable=True),
        sa.Column("high", sa.Integer(), nullable=True),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_casualties_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_casualties")),
    )
    with op.batch_alter_table("casualties", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_casualties_incident_id"), ["incident_id"], unique=False
        )

    op.create_table(
        "aggregates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("metric", sa.String(length=64), nullable=False),
        sa.Column("low", sa.Integer(), nullable=True),
        sa.Column("best", sa.Integer(), nullable=True),
        sa.Column("high", sa.Integer(), nullable=True),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("period_precision", sa.String(length=16), nullable=True),
        sa.Column("period_text", sa.Text(), nullable=True),
        sa.Column("period_anchor", sa.Date(), nullable=True),
        sa.Column("actors", sa.JSON(), nullable=False),
        sa.Column("targets_text", sa.Text(), nullable=True),
        sa.Column("location", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_aggregates_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aggregates")),
    )
    with op.batch_alter_table("aggregates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_aggregates_report_id"), ["report_id"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("aggregate_id", sa.Integer(), nullable=True),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "incident_id IS NOT NULL OR aggregate_id IS NOT NULL", name=op.f("ck_evidence_owner")
        ),
        sa.CheckConstraint("span_start <= span_end", name=op.f("ck_evidence_span_order")),
        sa.ForeignKeyConstraint(
            ["aggregate_id"], ["aggregates.id"], name=op.f("fk_evidence_aggregate_id_aggregates")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_evidence_incident_id_incidents")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_evidence_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_aggregate_id"), ["aggregate_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_evidence_incident_id"), ["incident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evidence_report_id"), ["report_id"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("entity", sa.String(length=16), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("old", sa.JSON(), nullable=True),
        sa.Column("new", sa.JSON(), nullable=True),
        sa.Column("why", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_entity", ["entity", "entity_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_entity")

    op.drop_table("audit_log")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_report_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_incident_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_aggregate_id"))

    op.drop_table("evidence")
    with op.batch_alter_table("aggregates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aggregates_report_id"))

    op.drop_table("aggregates")
    with op.batch_alter_table("casualties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_casualties_incident_id"))

    op.drop_table("casualties")
    with op.batch_alter_table("incident_actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_actors_incident_id"))

    op.drop_table("incident_actors")
    with op.batch_alter_table("incident_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_reports_report_id")

    op.drop_table("incident_reports")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_status"))
        batch_op.drop_index(batch_op.f("ix_incidents_event_type"))
        batch_op.drop_index(batch_op.f("ix_incidents_date_start"))
        batch_op.drop_index(batch_op.f("ix_incidents_country_code"))

    op.drop_table("incidents")
