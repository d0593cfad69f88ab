"""The data model accepts what reports say and refuses impossible values by name."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from pydantic import ValidationError

from sitrep.models import (
    EVENT_TYPES,
    Actor,
    AggregateStatement,
    AuditEntry,
    Casualties,
    Count,
    DateSpan,
    Incident,
    Place,
    Report,
    Span,
)

TEXT = "These same militias fired two rockets at a U.S. base in western Iraq on Monday."
MONDAY = TEXT.index("on Monday")


def seed_incident() -> Incident:
    return Incident(
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        weapons=["rocket"],
        target="U.S. base",
        date=DateSpan(
            start=dt.date(2024, 8, 5),
            end=dt.date(2024, 8, 5),
            precision="day",
            text="on Monday",
            anchor=dt.date(2024, 8, 7),
        ),
        location=Place(
            country_code="IRQ",
            admin1="Anbar",
            latitude=33.8,
            longitude=42.4,
            precision="region",
            text="a U.S. base in western Iraq",
        ),
        actors=[
            Actor(
                name="Iran-backed Iraqi militias",
                attribution="attributed_by_source",
                text="These same militias",
            ),
            Actor(name="United States", role="target", text="a U.S. base"),
        ],
        injured=Count(low=7, best=7, high=7),
        casualties=[
            Casualties(
                kind="injured",
                group="foreign military/personnel",
                low=7,
                best=7,
                high=7,
                text="injuring seven Americans",
            ),
        ],
        confidence=0.8,
        evidence=[
            Span(start=MONDAY, end=MONDAY + 9, quote=TEXT[MONDAY : MONDAY + 9], field="date")
        ],
    )


def test_a_full_incident_is_valid_and_fills_the_country_name() -> None:
    incident = seed_incident()
    assert incident.location is not None
    assert incident.location.country == "Iraq"
    assert incident.evidence[0].quote == "on Monday"
    assert incident.status == "candidate"


def test_every_acled_sub_event_type_is_accepted_with_its_event_type() -> None:
    for event_type, subs in EVENT_TYPES.items():
        for sub in subs:
            assert Incident(event_type=event_type, sub_event_type=sub).sub_event_type == sub
    assert sum(len(s) for s in EVENT_TYPES.values()) == 25


@pytest.mark.parametrize(
    ("build", "message"),
    [
        pytest.param(
            lambda: DateSpan(start=dt.date(2024, 8, 5), end=dt.date(2024, 8, 4)),
            "date end 2024-08-04 is before start 2024-08-05",
            id="end before start is refused",
        ),
        pytest.param(lambda: Count(low=-1), "low", id="a negative count is refused"),
        pytest.param(
            lambda: Casualties(kind="killed", best=-3), "best", id="negative casualties refused"
        ),
        pytest.param(
            lambda: Place(latitude=200, longitude=10),
            "latitude 200.0 is outside -90..90",
            id="latitude 200 is refused",
        ),
        pytest.param(
            lambda: Place(latitude=10, longitude=-181),
            "longitude -181.0 is outside -180..180",
            id="longitude -181 is refused",
        ),
        pytest.param(
            lambda: Place(latitude=10), "give both coordinates", id="a lone latitude is refused"
        ),
        pytest.param(
            lambda: Place(country_code="XYZ"),
            "country_code 'XYZ' is not an ISO 3166-1 alpha-3 code",
            id="unknown ISO3 code is refused",
        ),
        pytest.param(
            lambda: Count(low=3, best=7, high=5),
            "best 7 is outside low..high (3..5)",
            id="best above high is refused",
        ),
        pytest.param(
            lambda: Count(low=3, best=2),
            "best 2 is outside low..high (3..)",
            id="best below low is refused",
        ),
        pytest.param(lambda: Count(low=9, high=5), "low 9 is above high 5", id="low above high"),
        pytest.param(
            lambda: Incident(event_type="Terrorism"),
            "event_type 'Terrorism' is not an ACLED event type",
            id="an event type outside ACLED's is refused",
        ),
        pytest.param(
            lambda: Incident(event_type="Battles", sub_event_type="Air/drone strike"),
            "sub_event_type 'Air/drone strike' is not a sub-event type of 'Battles'",
            id="a sub-event type of another event type is refused",
        ),
        pytest.param(
            lambda: Incident(weapons=["laser"]), "weapons.0", id="a weapon outside the list"
        ),
        pytest.param(
            lambda: Span(start=5, end=9, quote="on Monday"),
            "quote 'on Monday' has 9 characters but start..end 5..9 spans 4",
            id="a span whose quote does not fit its offsets is refused",
        ),
        pytest.param(
            lambda: Casualties(kind="killed", group="aliens"),
            "group 'aliens' is not one of",
            id="an unknown casualty group is refused",
        ),
        pytest.param(
            lambda: Report(text="x", published="2024-02-31"),
            "published '2024-02-31' is not a valid ISO 8601 date",
            id="31 February is refused as a publication date",
        ),
        pytest.param(lambda: Actor(name="  "), "actor name is empty", id="blank actor name"),
        pytest.param(
            lambda: Incident(confidence=1.5), "confidence", id="confidence above 1 is refused"
        ),
    ],
)
def test_impossible_values_are_refused_with_field_and_value(build, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        build()
    assert message in str(caught.value)


def test_assignment_is_validated_too() -> None:
    place = Place(country_code="IRQ")
    with pytest.raises(ValidationError, match=r"latitude 95\.0"):
        place.latitude = 95


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        pytest.param(dict(low=3), (3, None, None), id="at least sets only the low bound"),
        pytest.param(dict(low=3, best=4, high=5), (3, 4, 5), id="a range with a best value"),
        pytest.param(dict(low=0, best=0, high=0), (0, 0, 0), id="zero means none reported"),
    ],
)
def test_counts(count: dict[str, int], expected: tuple[int | None, ...]) -> None:
    c = Count(**count)
    assert (c.low, c.best, c.high) == expected


def test_report_hashes_its_raw_bytes_and_keeps_the_local_publication_day() -> None:
    report = Report(
        text="café", raw="café".encode("latin-1"), published="2024-08-07T00:30:00+03:00"
    )
    assert report.sha256 == hashlib.sha256("café".encode("latin-1")).hexdigest()
    assert report.size == 4
    assert report.published == "2024-08-07T00:30:00+03:00"
    assert report.published_date == dt.date(2024, 8, 7)
    assert "raw" not in report.model_dump()


def test_report_refuses_a_sha256_that_does_not_match_its_bytes() -> None:
    with pytest.raises(ValidationError, match="does not match the raw bytes"):
        Report(text="a", raw=b"a", sha256="0" * 64)


def test_aggregate_and_audit_entry() -> None:
    statement = AggregateStatement(
        metric="attacks",
        value=Count(low=101, qualifier="more_than"),
        period=DateSpan(
            start=dt.date(2023, 11, 1),
            end=dt.date(2024, 8, 7),
            precision="part_of_month",
            text="Since early November 2023",
        ),
        actors=[Actor(name="Iraqi militias", attribution="claimed")],
        targets_text="Israeli targets",
    )
    assert statement.value.high is None
    entry = AuditEntry(
        at=dt.datetime.now(dt.UTC),
        who="ana",
        entity="incident",
        entity_id=1,
        action="edit",
        field="killed.best",
        old=3,
        new=5,
        why="ministry update",
    )
    assert entry.new == 5
    with pytest.raises(ValidationError):
        AuditEntry(
            at=dt.datetime.now(dt.UTC), who="ana", entity="everything", entity_id=1, action="edit"
        )


def test_unknown_fields_are_errors() -> None:
    with pytest.raises(ValidationError, match="kiled"):
        Incident.model_validate({"kiled": {"low": 1}})
