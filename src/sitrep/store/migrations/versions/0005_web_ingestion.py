"""Web ingestion: text hashes, PDF pages, near-duplicate links and signatures, feeds

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("page_starts", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("original_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("original_similarity", sa.Float(), nullable=True))
        batch_op.create_index(batch_op.f("ix_reports_text_sha256"), ["text_sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_url"), ["url"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_original_id"), ["original_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_reports_original_id_reports"), "reports", ["original_id"], ["id"]
        )

    # Reports stored before: the hash of their text, as sitrep.models.text_digest makes it.
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, text FROM reports")).fetchall()
    for report_id, body in rows:
        digest = hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()
        conn.execute(
            sa.text("UPDATE reports SET text_sha256 = :d WHERE id = :i"),
            {"d": digest, "i": report_id},
        )

    op.create_table(
        "report_signatures",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_signatures_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_report_signatures")),
    )
    op.create_table(
        "report_bands",
        sa.Column("band_key", sa.BigInteger(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_bands_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("band_key", "report_id", name=op.f("pk_report_bands")),
    )
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("interval_seconds", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_polled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_poll_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.String(length=32), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("entries_seen", sa.Integer(), nullable=False),
        sa.Column("reports_added", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feeds")),
        sa.UniqueConstraint("url", name=op.f("uq_feeds_url")),
    )
    with op.batch_alter_table("feeds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feeds_next_poll_at"), ["next_poll_at"], unique=False)
    op.create_table(
        "feed_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["feeds.id"], name=op.f("fk_feed_entries_feed_id_feeds")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_feed_entries_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_entries")),
        sa.UniqueConstraint("feed_id", "key", name="uq_feed_entries_feed_key"),
    )
    with op.batch_alter_table("feed_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_feed_entries_content_hash", ["feed_id", "content_hash"], unique=False
        )


def downgrade() -> None:
    op.drop_table("feed_entries")
    op.drop_table("feeds")
    op.drop_table("report_bands")
    op.drop_table("report_signatures")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_reports_original_id_reports"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_reports_original_id"))
        batch_op.drop_index(batch_op.f("ix_reports_text_sha256"))
        batch_op.drop_index(batch_op.f("ix_reports_url"))
        batch_op.drop_column("original_similarity")
        batch_op.drop_column("original_id")
        batch_op.drop_column("page_starts")
        batch_op.drop_column("text_sha256")
