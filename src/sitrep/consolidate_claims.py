"""Several reports' actors -> the incident's actors, claims and grade (part of
sitrep.consolidate).

Input: the credible members' actors. Output: each actor and role once with its strongest
attribution, every claim and denial as a ``Claim`` with its reports and sources, and
``grade``: the incident's grade and why.

    >>> claim = Claim(actor="Islamic State", actor_id="isis", attribution="claimed",
    ...               claim_channel="Amaq", report_ids=(1,), sources=1)
    >>> grade([claim], independent_sources=2, competing=False)[0]
    'confirmed'
    >>> grade([], independent_sources=1, competing=False)[0]
    'weak'

- Actors: each actor and role once (the same registry id, else the same name), with its
  strongest attribution: claimed > attributed_by_official > attributed_by_source >
  suspected > unknown. A denial is never overwritten: it stays a ``Claim`` of its own.
- Claims are the perpetrators' and claimants' (a denial in Sitrep's coding is a named
  perpetrator denying the act).

Pure: no database, no network.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitrep.consolidate_figures import _norm, _reports
from sitrep.models import Actor, Grade

if TYPE_CHECKING:
    # Only for type hints: sitrep.consolidate imports this module.
    from sitrep.consolidate import Member

__all__ = ["ATTRIBUTION_ORDER", "Claim", "grade"]

# Strongest first. "denied" is ranked last: a denial never overwrites a claim.
ATTRIBUTION_ORDER: tuple[str, ...] = (
    "claimed",
    "attributed_by_official",
    "attributed_by_source",
    "suspected",
    "unknown",
    "denied",
)


@dataclass(frozen=True)
class Claim:
    """Who one or more reports say did it (or denied it), and how they say it."""

    actor: str
    actor_id: str | None
    attribution: str
    claim_channel: str | None
    report_ids: tuple[int, ...]
    sources: int


# --------------------------------------------------------------------------------------
# Grade
# --------------------------------------------------------------------------------------


def _who(claims: Iterable[Claim], attribution: str, verb: str) -> list[str]:
    return [
        f"{c.actor} {verb} it ({_reports(c.report_ids)})"
        for c in claims
        if c.attribution == attribution
    ]


def grade(claims: Sequence[Claim], independent_sources: int, competing: bool) -> tuple[Grade, str]:
    """The incident's grade and why, from its claims and its independent credible sources.

    contested: two actors claim it, or a named perpetrator denies it. confirmed: the
    perpetrator claimed it (or a belligerent conceded it) and at least one other
    independent source reports the incident. fair: two or more independent sources.
    weak: one (or none).
    """
    claimed = _who(claims, "claimed", "claimed")
    denied = _who(claims, "denied", "denied")
    if competing:
        return "contested", "contested: more than one actor claims it: " + "; ".join(
            claimed + denied
        )
    if denied:
        return "contested", "contested: " + " and ".join(claimed + denied)
    if claimed and independent_sources >= 2:
        return "confirmed", (
            f"confirmed: {'; '.join(claimed)}, and {independent_sources} independent sources "
            "report the incident"
        )
    if independent_sources >= 2:
        return "fair", f"fair: {independent_sources} independent credible sources, no claim"
    if claimed:
        return "weak", (
            f"weak: {'; '.join(claimed)}, but no other independent source reports the incident"
        )
    if independent_sources == 1:
        return "weak", "weak: one independent source (syndicated copies count once)"
    return "weak", "weak: no report is marked credible"


# --------------------------------------------------------------------------------------
# Actors and claims
# --------------------------------------------------------------------------------------


def _actor_key(credible: Sequence[Member]) -> Callable[[Actor], str]:
    """An actor's identity: its registry id, or the id another report gives the same name,
    else its name."""
    ids: dict[str, str] = {}
    for member in credible:
        for actor in member.incident.actors:
            if actor.actor_id:
                ids.setdefault(_norm(actor.name), actor.actor_id)

    def key(actor: Actor) -> str:
        found = actor.actor_id or ids.get(_norm(actor.name))
        return f"id:{found}" if found else f"name:{_norm(actor.name)}"

    return key


def _strength(actor: Actor) -> int:
    return ATTRIBUTION_ORDER.index(actor.attribution or "unknown")


def _merge_actors(credible: Sequence[Member], key: Callable[[Actor], str]) -> list[Actor]:
    """Each actor and role once, with its strongest attribution."""
    groups: dict[tuple[str, str], list[Actor]] = {}
    for member in credible:
        for actor in member.incident.actors:
            groups.setdefault((key(actor), actor.role), []).append(actor)
    merged = []
    for mentions in groups.values():
        chosen = min(mentions, key=_strength)  # min() keeps the first of equals
        # The registry id and type from any report; the channel only from a report that
        # says the same thing (a claim's Telegram channel is not a suspicion's).
        alike = [a for a in mentions if a.attribution == chosen.attribution]
        fill = {
            name: next((getattr(a, name) for a in among if getattr(a, name)), None)
            for name, among in (
                ("actor_id", mentions),
                ("actor_type", mentions),
                ("claim_channel", alike),
            )
            if getattr(chosen, name) is None
        }
        merged.append(chosen.model_copy(update=fill))
    return merged


def _claims(credible: Sequence[Member], key: Callable[[Actor], str]) -> list[Claim]:
    """Every perpetrator's and claimant's attribution, with its reports and sources."""
    found: dict[tuple[str, str], list[tuple[Member, Actor]]] = {}
    for member in credible:
        for actor in member.incident.actors:
            if actor.role == "perpetrator" or actor.attribution == "claimed":
                how = actor.attribution or "unknown"
                found.setdefault((key(actor), how), []).append((member, actor))
    claims = []
    for (_, attribution), said in found.items():
        first = said[0][1]
        claims.append(
            Claim(
                actor=first.name,
                actor_id=next((a.actor_id for _, a in said if a.actor_id), None)
                or _id_of(key(first)),
                attribution=attribution,
                claim_channel=next((a.claim_channel for _, a in said if a.claim_channel), None),
                report_ids=tuple(sorted({m.report_id for m, _ in said})),
                sources=len({m.source for m, _ in said}),
            )
        )
    claims.sort(key=lambda c: ATTRIBUTION_ORDER.index(c.attribution))
    return claims


def _id_of(key: str) -> str | None:
    return key[3:] if key.startswith("id:") else None


def _perpetrator_conflict(credible: Sequence[Member], key: Callable[[Actor], str]) -> str | None:
    """Reports naming wholly different perpetrators (denials aside)."""
    named: list[tuple[int, dict[str, str]]] = []
    for member in credible:
        doers = {
            key(a): a.name
            for a in member.incident.actors
            if a.role == "perpetrator" and a.attribution != "denied"
        }
        if doers:
            named.append((member.report_id, doers))
    apart = any(
        not set(a).intersection(b) for i, (_, a) in enumerate(named) for _, b in named[i + 1 :]
    )
    if not apart:
        return None
    by_actor: dict[str, tuple[str, list[int]]] = {}
    for rid, doers in named:
        for k, name in doers.items():
            by_actor.setdefault(k, (name, []))[1].append(rid)
    listed = ", ".join(f"{name} ({_reports(ids)})" for name, ids in by_actor.values())
    return f"perpetrators differ: {listed}"


def _claim_record(claim: Claim) -> dict[str, Any]:
    """A claim as the incident stores it (``Incident.claims``): plain JSON values."""
    return {
        "actor": claim.actor,
        "actor_id": claim.actor_id,
        "attribution": claim.attribution,
        "claim_channel": claim.claim_channel,
        "report_ids": list(claim.report_ids),
        "sources": claim.sources,
    }


def _claim_key(claim: Claim) -> str:
    """A claim's actor identity: its registry id, else its name."""
    return f"id:{claim.actor_id}" if claim.actor_id else f"name:{_norm(claim.actor)}"
