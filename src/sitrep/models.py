"""Sitrep's data model: the pydantic models used at every edge.

Input: plain values from extraction, the CLI, the API or the store.
Output: validated models; an impossible value is refused with a message that names
the field and the value, e.g. ``latitude 200.0 is outside -90..90``.

    >>> Count(low=3, best=5, high=5, qualifier="exact").best
    5

The vocabulary follows ARCHITECTURE.md: a Report is one source document; a Span is
the exact passage a value came from; an Incident carries a date interval with its
precision, a place with its precision, the ACLED event type, weapons, actors with
their attribution, and casualties as kind x group x low/best/high/qualifier; an
AggregateStatement counts many events; an AuditEntry records one change.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from importlib import resources
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

DatePrecision = Literal["day", "days", "week", "part_of_month", "month", "year", "unknown"]
PlacePrecision = Literal[
    "exact", "near", "admin2", "admin1", "region", "country", "water", "unknown"
]
Role = Literal["perpetrator", "target", "victim", "other"]
Attribution = Literal[
    "claimed",
    "attributed_by_source",
    "attributed_by_official",
    "suspected",
    "denied",
    "unknown",
]
Qualifier = Literal["exact", "at_least", "more_than", "about", "up_to", "vague"]
CasualtyKind = Literal["killed", "injured", "abducted", "missing"]
Status = Literal["candidate", "confirmed", "rejected", "merged"]
Grade = Literal["confirmed", "fair", "weak", "contested", "single-source"]
FieldStatus = Literal["suggested", "accepted", "edited", "rejected"]
Weapon = Literal[
    "drone",
    "rocket",
    "missile",
    "artillery",
    "mortar",
    "airstrike",
    "ied",
    "suicide_bomb",
    "vehicle_bomb",
    "grenade",
    "firearm",
    "knife",
    "arson",
    "landmine",
    "other",
]
Outcome = Literal["completed", "intercepted", "failed", "unknown"]

# The groups a casualty count can belong to. "foreign military/personnel" is how
# the seed report's "seven Americans" (U.S. troops abroad) is coded.
CASUALTY_GROUPS: tuple[str, ...] = (
    "civilians",
    "children",
    "women",
    "journalists",
    "aid workers",
    "officials",
    "military",
    "police",
    "security forces",
    "foreign military/personnel",
    "militants",
    "perpetrators",
    "crew",
    "unknown",
)

# ACLED's event types and sub-event types, spelled exactly as ACLED spells them.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}


@functools.cache
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code -> English short name, from the bundled table."""
    table = resources.files("sitrep.data").joinpath("countries.tsv").read_text("utf-8")
    names: dict[str, str] = {}
    for line in table.splitlines()[1:]:
        if line.strip():
            alpha3, _alpha2, name = line.split("\t")
            names[alpha3] = name
    return names


class Model(BaseModel):
    """Base of Sitrep's models: unknown fields are errors, assignment is validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Span(Model):
    """The exact passage of a report that supports a value: ``text[start:end] == quote``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    field: str | None = None
    report_id: int | None = None
    page: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _offsets_match_quote(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if len(self.quote) != self.end - self.start:
            raise ValueError(
                f"quote {self.quote!r} has {len(self.quote)} characters "
                f"but start..end {self.start}..{self.end} spans {self.end - self.start}"
            )
        return self


class DateSpan(Model):
    """When something happened: the earliest and latest day it can have happened on."""

    start: dt.date | None = None
    end: dt.date | None = None
    precision: DatePrecision = "unknown"
    text: str | None = None
    anchor: dt.date | None = None

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Self:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"date end {self.end} is before start {self.start}")
        return self


class Place(Model):
    """Where something happened, with how precisely it is known."""

    name: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: PlacePrecision = "unknown"
    text: str | None = None
    gazetteer_id: str | None = None

    @field_validator("country_code")
    @classmethod
    def _known_iso3(cls, value: str | None) -> str | None:
        if value is None:
            return None
        code = value.upper()
        if code not in country_names():
            raise ValueError(f"country_code {value!r} is not an ISO 3166-1 alpha-3 code")
        return code

    @field_validator("latitude")
    @classmethod
    def _latitude_range(cls, value: float | None) -> float | None:
        if value is not None and not -90 <= value <= 90:
            raise ValueError(f"latitude {value} is outside -90..90")
        return value

    @field_validator("longitude")
    @classmethod
    def _longitude_range(cls, value: float | None) -> float | None:
        if value is not None and not -180 <= value <= 180:
            raise ValueError(f"longitude {value} is outside -180..180")
        return value

    @model_validator(mode="after")
    def _both_coordinates(self) -> Self:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError(
                f"latitude {self.latitude} and longitude {self.longitude}: "
                "give both coordinates or neither"
            )
        if self.country is None and self.country_code is not None:
            # Fill the name from the code so the two never disagree silently.
            object.__setattr__(self, "country", country_names()[self.country_code])
        return self


class Area(Model):
    """Where the events an aggregate statement counts happened: the words that say so
    ("bases in Iraq and Syria") and the countries they name, in the order named."""

    text: str | None = None
    country_codes: list[str] = Field(default_factory=list)

    @field_validator("country_codes")
    @classmethod
    def _known_iso3(cls, value: list[str]) -> list[str]:
        codes = [code.upper() for code in value]
        unknown = [code for code in codes if code not in country_names()]
        if unknown:
            raise ValueError(f"country_codes {unknown!r}: not ISO 3166-1 alpha-3 codes")
        return codes


class Count(Model):
    """A number as reports give it: low <= best <= high, with a qualifier.

    ``high`` None means no upper bound ("at least 3"); ``best`` None means no single
    figure ("dozens").
    """

    low: int | None = Field(default=None, ge=0)
    best: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    qualifier: Qualifier = "exact"

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        low, best, high = self.low, self.best, self.high
        if low is not None and high is not None and low > high:
            raise ValueError(f"low {low} is above high {high}")
        if best is not None and low is not None and best < low:
            raise ValueError(f"best {best} is outside low..high ({low}..{_bound(high)})")
        if best is not None and high is not None and best > high:
            raise ValueError(f"best {best} is outside low..high ({_bound(low)}..{high})")
        return self


def _bound(value: int | None) -> str:
    return "" if value is None else str(value)


def count_columns(prefix: str, count: Count | None) -> dict[str, Any]:
    """A Count as flat columns: ``killed_low``, ``killed_best``, ``killed_high``,
    ``killed_qualifier`` (all None when there is no count)."""
    if count is None:
        return {f"{prefix}_{k}": None for k in ("low", "best", "high", "qualifier")}
    return {
        f"{prefix}_low": count.low,
        f"{prefix}_best": count.best,
        f"{prefix}_high": count.high,
        f"{prefix}_qualifier": count.qualifier,
    }


class Casualties(Count):
    """One casualty figure: a kind (killed, injured...) of one group (civilians...)."""

    kind: CasualtyKind
    group: str = "unknown"
    text: str | None = None

    @field_validator("group")
    @classmethod
    def _known_group(cls, value: str) -> str:
        if value not in CASUALTY_GROUPS:
            raise ValueError(f"group {value!r} is not one of: {', '.join(CASUALTY_GROUPS)}")
        return value


class Actor(Model):
    """An actor named in an incident, with its role and how it was tied to the act."""

    name: str
    role: Role = "perpetrator"
    attribution: Attribution | None = None
    actor_id: str | None = None
    actor_type: str | None = None
    claimant: str | None = None
    claim_channel: str | None = None
    text: str | None = None

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("actor name is empty")
        return value.strip()


class Incident(Model):
    """One violent incident, with the evidence behind each of its values."""

    id: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    outcome: Outcome | None = None
    weapons: list[Weapon] = Field(default_factory=list)
    target: str | None = None
    date: DateSpan | None = None
    location: Place | None = None
    # The other places the report names that could be the incident's, best first (the
    # chosen one first), for review.
    location_candidates: list[Place] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    killed: Count | None = None
    injured: Count | None = None
    casualties: list[Casualties] = Field(default_factory=list)
    status: Status = "candidate"
    grade: Grade | None = None
    confidence: float | None = Field(default=None, ge=0, le=1)
    notes: str | None = None
    evidence: list[Span] = Field(default_factory=list)
    report_ids: list[int] = Field(default_factory=list)
    version: int = Field(default=1, ge=1)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    code: str | None = None
    """A stable human-readable id, "IRQ-2024-000123", given when the incident is stored."""
    merged_into: int | None = None
    """For an incident merged into another: the one it is now part of."""
    field_status: dict[str, FieldStatus] = Field(default_factory=dict)
    """Review status per field; a field not named is "suggested"."""
    rules: dict[str, str] = Field(default_factory=dict)
    """For an incident drawn from several reports: the rule behind each derived value."""
    claims: list[dict[str, Any]] = Field(default_factory=list)
    """Every claim, official attribution, suspicion and denial, each with its sources."""
    independent_sources: int | None = None

    @model_validator(mode="after")
    def _acled_taxonomy(self) -> Self:
        etype, sub = self.event_type, self.sub_event_type
        if etype is not None and etype not in EVENT_TYPES:
            raise ValueError(
                f"event_type {etype!r} is not an ACLED event type ({', '.join(EVENT_TYPES)})"
            )
        if sub is not None:
            if etype is None:
                raise ValueError(f"sub_event_type {sub!r} needs an event_type")
            if sub not in EVENT_TYPES[etype]:
                raise ValueError(
                    f"sub_event_type {sub!r} is not a sub-event type of {etype!r} "
                    f"({', '.join(EVENT_TYPES[etype])})"
                )
        return self


class AggregateStatement(Model):
    """A statement that counts many events: "more than 100 launches since November"."""

    id: int | None = None
    report_id: int | None = None
    metric: str
    value: Count
    period: DateSpan | None = None
    actors: list[Actor] = Field(default_factory=list)
    weapons: list[Weapon] = Field(default_factory=list)
    targets_text: str | None = None
    location: Area | None = None
    evidence: list[Span] = Field(default_factory=list)


class AuditEntry(Model):
    """One recorded change: who changed what, when, from what to what, and why."""

    id: int | None = None
    at: dt.datetime
    who: str
    entity: Literal["report", "incident", "aggregate"]
    entity_id: int
    action: str
    field: str | None = None
    old: Any = None
    new: Any = None
    why: str | None = None
    operation: str | None = None
    """The entries one operation wrote (a merge changes several incidents) share this id."""


class Report(Model):
    """One source document, its text, its metadata and the hash of its raw bytes."""

    id: int | None = None
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    retrieved_at: dt.datetime | None = None
    language: str | None = None
    text: str
    media_type: str = "text/plain"
    encoding: str | None = None
    source: str | None = None
    sha256: str = ""
    size: int = Field(default=0, ge=0)
    raw: bytes | None = Field(default=None, exclude=True, repr=False)
    text_sha256: str = ""
    """The hash of the text alone (whitespace collapsed): the same article in other HTML."""
    page_starts: list[int] | None = None
    """Where each page begins in ``text``, for PDFs: evidence cites its page."""
    original_id: int | None = None
    """For a near-duplicate copy (a syndicated story), the first-seen report it copies."""
    original_similarity: float | None = None

    @field_validator("published")
    @classmethod
    def _iso_published(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return normalise_published(value)

    @model_validator(mode="after")
    def _hash_raw(self) -> Self:
        if self.raw is not None:
            digest = hashlib.sha256(self.raw).hexdigest()
            if self.sha256 and self.sha256 != digest:
                raise ValueError(f"sha256 {self.sha256} does not match the raw bytes ({digest})")
            object.__setattr__(self, "sha256", digest)
            object.__setattr__(self, "size", len(self.raw))
        elif not self.sha256:
            raw = self.text.encode("utf-8")
            object.__setattr__(self, "sha256", hashlib.sha256(raw).hexdigest())
            object.__setattr__(self, "size", len(raw))
        if not self.text_sha256:
            object.__setattr__(self, "text_sha256", text_digest(self.text))
        return self

    @property
    def published_date(self) -> dt.date | None:
        """The local calendar day of publication: the anchor for "yesterday"."""
        return None if self.published is None else dt.date.fromisoformat(self.published[:10])


def text_digest(text: str) -> str:
    """The sha256 of a text with its whitespace collapsed and case kept."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def normalise_published(value: str) -> str:
    """Check an ISO 8601 date or datetime and return it in a canonical form.

    The local day and offset are kept as given ("2024-08-07T09:30:00+03:00" stays in
    +03:00): converting to UTC could move the day that "yesterday" counts from.
    """
    text = value.strip()
    try:
        if len(text) <= 10:
            return dt.date.fromisoformat(text).isoformat()
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError as exc:
        raise ValueError(
            f"published {value!r} is not a valid ISO 8601 date or datetime "
            f"(like 2024-08-07 or 2024-08-07T09:30:00+03:00): {exc}"
        ) from None
