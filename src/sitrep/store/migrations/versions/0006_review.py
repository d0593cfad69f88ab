"""Review: stable incident codes, field statuses, derived-value rules, claims, matching
suggestions, and audit entries grouped by operation

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("code", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("field_status", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("rules", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("claims", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("independent_sources", sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_incidents_code"), ["code"])
    # Incidents stored before get their code now: country, year, id.
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, country_code, date_start FROM incidents")).fetchall()
    for incident_id, country, start in rows:
        year = str(start)[:4] if start is not None else "0000"
        code = f"{country or 'XXX'}-{year}-{incident_id:06d}"
        conn.execute(
            sa.text("UPDATE incidents SET code = :c WHERE id = :i"), {"c": code, "i": incident_id}
        )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("operation", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_audit_log_operation"), ["operation"], unique=False)
    op.create_table(
        "match_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("a_id", sa.Integer(), nullable=False),
        sa.Column("b_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["a_id"], ["incidents.id"], name=op.f("fk_match_suggestions_a_id_incidents")
        ),
        sa.ForeignKeyConstraint(
            ["b_id"], ["incidents.id"], name=op.f("fk_match_suggestions_b_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_suggestions")),
        sa.UniqueConstraint("a_id", "b_id", name="uq_match_suggestions_pair"),
    )
    with op.batch_alter_table("match_suggestions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_suggestions_a_id"), ["a_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_match_suggestions_b_id"), ["b_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_match_suggestions_status"), ["status"], unique=False)


def downgrade() -> None:
    op.drop_table("match_suggestions")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_operation"))
        batch_op.drop_column("operation")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_incidents_code"), type_="unique")
        batch_op.drop_column("independent_sources")
        batch_op.drop_column("claims")
        batch_op.drop_column("rules")
        batch_op.drop_column("field_status")
        batch_op.drop_column("code")
