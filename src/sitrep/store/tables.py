"""The database schema, as SQLAlchemy Core tables.

Reports are kept whole (text, metadata, sha256 and the raw bytes in ``report_raw``);
an incident links to many reports (``incident_reports``) and to many evidence spans
(``evidence``); its actors and casualty figures have a table each; aggregate
statements and the append-only audit log complete the vocabulary of ARCHITECTURE.md.

Changing this file needs a migration in ``migrations/versions`` (a test compares the
migrated schema with these tables).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

# Stable constraint names, so migrations can refer to them on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

UTCDateTime = DateTime(timezone=True)

reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("url", Text, index=True),
    Column("canonical_url", Text, index=True),
    Column("title", Text),
    Column("publisher", Text),
    Column("author", Text),
    Column("published", String(40)),
    Column("published_date", Date, index=True),
    Column("retrieved_at", UTCDateTime, nullable=False),
    Column("language", String(16)),
    Column("media_type", String(64), nullable=False),
    Column("encoding", String(32)),
    Column("source", Text),
    Column("size", BigInteger, nullable=False),
    Column("text", Text, nullable=False),
    # The hash of the text alone: the same article fetched twice with other ads around it.
    Column("text_sha256", String(64), index=True),
    # Where each page begins in ``text`` (PDFs), so evidence can cite its page.
    Column("page_starts", JSON(none_as_null=True)),
    # A near-duplicate copy (syndicated wire story) points at the first-seen original.
    Column("original_id", Integer, ForeignKey("reports.id"), index=True),
    Column("original_similarity", Float),
)

# MinHash signatures and their LSH band keys, for finding near-duplicate reports.
report_signatures = Table(
    "report_signatures",
    metadata,
    Column("report_id", Integer, ForeignKey("reports.id"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

report_bands = Table(
    "report_bands",
    metadata,
    Column("band_key", BigInteger, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id"), primary_key=True),
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("name", Text),
    Column("interval_seconds", Integer, nullable=False),
    Column("added_at", UTCDateTime, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_polled_at", UTCDateTime),
    Column("next_poll_at", UTCDateTime, index=True),
    Column("last_status", String(32)),
    Column("last_error", Text),
    Column("entries_seen", Integer, nullable=False),
    Column("reports_added", Integer, nullable=False),
)

# Every entry a feed has shown, so a poll adds only what is new (by GUID, link or content).
feed_entries = Table(
    "feed_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("feed_id", Integer, ForeignKey("feeds.id"), nullable=False),
    Column("key", Text, nullable=False),
    Column("link", Text),
    Column("title", Text),
    Column("published", Text),
    Column("content_hash", String(64), nullable=False),
    Column("seen_at", UTCDateTime, nullable=False),
    Column("report_id", Integer, ForeignKey("reports.id")),
    Column("error", Text),
    UniqueConstraint("feed_id", "key", name="uq_feed_entries_feed_key"),
    Index("ix_feed_entries_content_hash", "feed_id", "content_hash"),
)

# The archival copy of the bytes a report was made from, apart from the listing.
report_raw = Table(
    "report_raw",
    metadata,
    Column(
        "report_id",
        Integer,
        ForeignKey("reports.id", ondelete="RESTRICT"),
        primary_key=True,
    ),
    Column("compression", String(16), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("status", String(16), nullable=False, index=True),
    Column("grade", String(16)),
    Column("event_type", String(64), index=True),
    Column("sub_event_type", String(64)),
    Column("outcome", String(16)),
    Column("weapons", JSON, nullable=False),
    Column("target", Text),
    Column("date_start", Date, index=True),
    Column("date_end", Date),
    Column("date_precision", String(16), nullable=False),
    Column("date_text", Text),
    Column("date_anchor", Date),
    Column("place_name", Text),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("country", Text),
    Column("country_code", String(3), index=True),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("place_precision", String(16), nullable=False),
    Column("place_text", Text),
    Column("gazetteer_id", String(64)),
    # The other places the report offered, ranked, as Place dumps (for review).
    Column("location_candidates", JSON, nullable=False),
    Column("killed_low", Integer),
    Column("killed_best", Integer),
    Column("killed_high", Integer),
    Column("killed_qualifier", String(16)),
    Column("injured_low", Integer),
    Column("injured_best", Integer),
    Column("injured_high", Integer),
    Column("injured_qualifier", String(16)),
    Column("confidence", Float),
    Column("notes", Text),
    Column("merged_into_id", Integer, ForeignKey("incidents.id")),
    # A stable human-readable id, "IRQ-2024-000123", given once when the incident is made.
    Column("code", String(32), unique=True),
    # Per field: suggested, accepted, edited or rejected (fields not named: suggested).
    Column("field_status", JSON),
    # For an incident made of several reports: the rule behind each derived value.
    Column("rules", JSON),
    # Every claim, official attribution, suspicion and denial, each with its sources.
    Column("claims", JSON),
    Column("independent_sources", Integer),
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint(
        "date_start IS NULL OR date_end IS NULL OR date_start <= date_end", name="date_order"
    ),
    # Listing pages: by date (and within a country), by toll, and within a map's box.
    Index("ix_incidents_date_id", "date_start", "id"),
    Index("ix_incidents_country_date", "country_code", "date_start", "id"),
    Index("ix_incidents_killed_id", "killed_best", "id"),
    Index("ix_incidents_lat_lon", "latitude", "longitude"),
)

# What `sitrep stats` sums, per group of incidents sharing these keys. Triggers on
# incidents keep it (migration 0009): an incident added, changed or removed moves its
# counts; a group left with no incident is deleted. Derived: backups leave it out and a
# restore rebuilds it.
DAY_KEYS: tuple[str, ...] = ("date_start", "country_code", "event_type", "status", "date_end")
DAY_SUMS: tuple[str, ...] = (
    "incidents",
    *(f"{kind}_{part}" for kind in ("killed", "injured")
      for part in ("low", "best", "high", "figures", "bounded")),
    "vague_date",
    "precise_place",
)  # fmt: skip
incident_days = Table(
    "incident_days",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("date_start", Date),
    Column("country_code", String(3)),
    Column("event_type", String(64)),
    Column("status", String(16), nullable=False),
    Column("date_end", Date),
    *(Column(name, Integer, nullable=False) for name in DAY_SUMS),
    Index("ix_incident_days_group", *DAY_KEYS, unique=True, postgresql_nulls_not_distinct=True),
    info={"derived": True},
)

incident_reports = Table(
    "incident_reports",
    metadata,
    Column("incident_id", Integer, ForeignKey("incidents.id"), primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id"), primary_key=True),
    Index("ix_incident_reports_report_id", "report_id"),
)

incident_actors = Table(
    "incident_actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", Integer, ForeignKey("incidents.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("attribution", String(32)),
    Column("actor_id", String(128)),
    Column("actor_type", String(64)),
    Column("claimant", Text),
    Column("claim_channel", Text),
    Column("text", Text),
)
# Filters match admin1 and actors case-insensitively (sitrep.store.records.where).
Index("ix_incidents_admin1_lower", func.lower(incidents.c.admin1))
Index("ix_incident_actors_name_lower", func.lower(incident_actors.c.name))
Index("ix_incident_actors_actor_id_lower", func.lower(incident_actors.c.actor_id))

casualties = Table(
    "casualties",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", Integer, ForeignKey("incidents.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("casualty_group", String(32), nullable=False),
    Column("low", Integer),
    Column("best", Integer),
    Column("high", Integer),
    Column("qualifier", String(16), nullable=False),
    Column("text", Text),
)

aggregates = Table(
    "aggregates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id"), index=True),
    Column("metric", String(64), nullable=False),
    Column("low", Integer),
    Column("best", Integer),
    Column("high", Integer),
    Column("qualifier", String(16), nullable=False),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("period_precision", String(16)),
    Column("period_text", Text),
    Column("period_anchor", Date),
    Column("actors", JSON, nullable=False),
    Column("weapons", JSON, nullable=False),
    Column("targets_text", Text),
    Column("location", JSON),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", Integer, ForeignKey("incidents.id"), index=True),
    Column("aggregate_id", Integer, ForeignKey("aggregates.id"), index=True),
    Column("report_id", Integer, ForeignKey("reports.id"), index=True),
    Column("position", Integer, nullable=False),
    Column("field", String(32)),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("page", Integer),
    CheckConstraint("incident_id IS NOT NULL OR aggregate_id IS NOT NULL", name="owner"),
    CheckConstraint("span_start <= span_end", name="span_order"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
    Column("who", Text, nullable=False),
    Column("entity", String(16), nullable=False),
    Column("entity_id", Integer, nullable=False),
    Column("action", String(32), nullable=False),
    Column("field", String(64)),
    Column("old", JSON),
    Column("new", JSON),
    Column("why", Text),
    # The entries one operation wrote (a merge touches several incidents) share its id.
    Column("operation", String(36), index=True),
    Index("ix_audit_log_entity", "entity", "entity_id"),
)

# Pairs of incidents that may be one, found by matching, waiting for an analyst.
match_suggestions = Table(
    "match_suggestions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("a_id", Integer, ForeignKey("incidents.id"), nullable=False, index=True),
    Column("b_id", Integer, ForeignKey("incidents.id"), nullable=False, index=True),
    Column("score", Float, nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("decided_at", UTCDateTime),
    Column("decided_by", Text),
    UniqueConstraint("a_id", "b_id", name="uq_match_suggestions_pair"),
)

# Reference datasets (ACLED, UCDP GED, GTD) brought in for comparison: kept apart from
# Sitrep's own incidents, each event labelled with its dataset and the import it came in.
reference_imports = Table(
    "reference_imports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dataset", String(8), nullable=False),  # "acled", "ucdp" or "gtd"
    Column("version", Text, nullable=False),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("rows_imported", Integer, nullable=False),
    Column("rows_refused", Integer, nullable=False),
    Column("imported_at", UTCDateTime, nullable=False),
    Column("who", Text, nullable=False),
)

reference_events = Table(
    "reference_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("import_id", Integer, ForeignKey("reference_imports.id"), nullable=False, index=True),
    Column("dataset", String(8), nullable=False),
    Column("event_id", Text, nullable=False),  # the dataset's own id
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(16), nullable=False),
    Column("country", Text),
    Column("country_code", String(3), index=True),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("location", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("place_precision", String(16), nullable=False),
    Column("event_type", String(64)),  # ACLED's taxonomy, UCDP and GTD types mapped onto it
    Column("sub_event_type", String(64)),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("killed_low", Integer),
    Column("killed_best", Integer),
    Column("killed_high", Integer),
    Column("injured", Integer),
    Column("source", Text),
    Column("notes", Text),
    Column("raw", JSON, nullable=False),  # the original row, column name -> text
    Index("ix_reference_events_dataset_date", "dataset", "date_start"),
)

# The web app's users (``sitrep users``): a role (admin, editor, viewer) and an argon2
# password hash; never deleted, disabled instead, so the audit log's names stay theirs.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text),
    Column("disabled", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_login_at", UTCDateTime),
)

# Tokens for scripts: only their SHA-256 is kept; the token is shown once, when made.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_used_at", UTCDateTime),
    Column("revoked", Boolean, nullable=False),
)

# The web server's secrets (the key that signs session cookies), made on first start and
# shared by every server process on the database.
server_secrets = Table(
    "server_secrets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# SQLite's full-text index over reports (migration 0010) is a virtual table with shadow
# tables of its own, all named after it; PostgreSQL keeps a GIN index on reports instead.
# Neither is in this metadata: queries reach them through sitrep.store.search.
SEARCH_TABLE = "reports_fts"
SEARCH_INDEX = "ix_reports_words"


def is_search_table(name: str) -> bool:
    """Whether a table of the database is part of SQLite's full-text index."""
    return name == SEARCH_TABLE or name.startswith(SEARCH_TABLE + "_")


def in_metadata(name: str | None, kind: str) -> bool:
    """For schema comparison: False for the full-text index's tables and index, which
    the migrations make and this metadata does not describe."""
    if kind == "table":
        return not is_search_table(name or "")
    return not (kind == "index" and name == SEARCH_INDEX)
