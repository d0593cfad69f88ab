"""Who did it, to whom, and how the report ties them to the act.

Input: the report text, the span of one act (its event words), and the actor names found
in the report (``ActorName``: offsets, canonical name, id, type). Output: ``ActorRole``s -
each actor of the act with its role (perpetrator, target, victim) and, for a perpetrator,
the attribution of the contract and the claim channel.

    "Houthi militants fired two missiles at the ship, CENTCOM said."
        -> Houthis, perpetrator, attributed_by_official
    "Israel was attacked by Hizballah drones"
        -> Hezbollah, perpetrator, attributed_by_source (the report says so)
    "The Islamic Resistance in Iraq claimed the attack in a statement on Telegram."
        -> claimed, channel "Telegram"

The rules read the sentence as a reporter writes it: the subject of an active verb
("militias fired") and the agent of a passive one ("attacked by Hizballah drones") are
perpetrators; what follows "at", "against", "on" or "targeting" is the target; what the
sentence says around the name decides the attribution.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.extract.segment import Sentence
from sitrep.models import Attribution, Role

if TYPE_CHECKING:
    from sitrep.extract.coreference import Draft

# A claim: the actor says it did it.
_CLAIM = re.compile(
    r"\bclaim(?:ed|s|ing)?\s+(?:the\s+)?(?:responsibility|credit"
    r"|(?:the\s+|an?\s+|this\s+|that\s+)?(?:[\w-]+\s+){0,2}?(?:attack|strike|bombing|operation"
    r"|killing|kidnapping|assassination|ambush|raid)s?\b)"
    r"|\b(?:said|says|announced|stated)\s+(?:that\s+)?(?:it|they)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:carried\s+out|targeted|attacked|launched|fired|struck|hit|bombed|killed|downed|shot)"
    r"|\btook\s+responsibility|\baccepted\s+responsibility|\bin\s+a\s+claim\b",
    re.IGNORECASE,
)
_DENIAL = re.compile(
    r"\bden(?:ied|ies|y|ying)\s+(?:any\s+|all\s+)?(?:involvement|responsibility|role|part"
    r"|links?|carrying|that\s+(?:it|they))|\brejected\s+(?:any\s+)?(?:responsibility|involvement)",
    re.IGNORECASE,
)
_SUSPECTED = re.compile(
    r"\b(?:suspected|suspect|believed|alleged(?:ly)?|presumabl[ey]|presumed|apparently"
    r"|blamed|blames|blaming|accused|accuses|accusing|attributed|reportedly|likely|probably"
    r"|thought\s+to\s+be|possibly)\b",
    re.IGNORECASE,
)
# Someone in office speaking: "the Pentagon said", "according to police", "CENTCOM reported".
_OFFICIAL = re.compile(
    r"\b(?:officials?|spokes(?:man|woman|person|men)|pentagon|army|military|armed\s+forces"
    r"|police|authorities|ministry|minister|commander|centcom|africom|command|government"
    r"|president|governor|mayor|security\s+forces?|department|idf|defen[cs]e\s+forces"
    r"|prosecutor|sources?\s+in\s+the\s+(?:army|police|military)|communiqu[eé])\b"
    r"[^.;]{0,60}?\b(?:said|says|stated|reported|reports|announced|told|confirmed|added"
    r"|blamed|accused|attributed)\b"
    r"|\baccording\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:officials?|police|army|military"
    r"|authorities|ministry|spokes\w+|pentagon|centcom|command|government|sources)\b",
    re.IGNORECASE,
)
# After a claim: many acts, not this one.
_MANY = re.compile(
    r"\s+for\s+(?:more\s+than|over|some|about|at\s+least|dozens|scores|hundreds|several"
    r"|numerous|many|\d)",
    re.IGNORECASE,
)
# Where a claim was made.
_CHANNEL = re.compile(
    r"\b(?:on|via|through|in)\s+(?:its\s+|their\s+|a\s+|an\s+)?(?:official\s+)?"
    r"(?P<channel>telegram(?:\s+channel)?|x|twitter|website|web\s+site|statement|communiqu[eé]"
    r"|video|audio\s+(?:message|recording)|radio|television|tv|press\s+release|social\s+media"
    r"|al-naba|amaq(?:\s+news\s+agency)?)\b",
    re.IGNORECASE,
)
_BLAMED_BEFORE = re.compile(
    r"\b(?:blamed\s+on|attributed\s+to|claimed\s+by|carried\s+out\s+by|the\s+work\s+of"
    r"|perpetrated\s+by)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
_BY_BEFORE = re.compile(r"\b(?:by|from)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,3}$", re.I)
_TARGET_BEFORE = re.compile(
    r"\b(?:at|against|on|targeting|targeted|toward|towards|into)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w.'-]+\s+){0,3}$",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|is|are|got|get)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)
# Words before an unnamed kind that say whose it is: "Iran-backed Shiite", "Iraqi".
_KIND_LEAD = re.compile(
    r"(?:\b(?:[\w]+-(?:backed|aligned|allied|linked|affiliated|supported)|(?-i:[A-Z][a-z]+)"
    r"(?:i|n|an|ian|ite|ish|ese)\b)\s+){1,3}$",
    re.IGNORECASE,
)
# "these same militias", "the group", "the militants": a reference back to a named actor.
ANAPHOR = re.compile(
    r"\b(?:these|those|the)\s+(?:same\s+)?(?:militias?|groups?|militants|rebels|guerrillas"
    r"|insurgents|fighters|organi[sz]ations?|movement)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ActorName:
    """An actor named in the report: offsets, the name to report, and the registry's data."""

    start: int
    end: int
    text: str
    name: str
    actor_id: str | None = None
    actor_type: str | None = None
    named: bool = True


@dataclass(frozen=True, slots=True)
class ActorRole:
    start: int
    end: int
    text: str
    name: str
    role: Role
    attribution: Attribution | None
    actor_id: str | None = None
    actor_type: str | None = None
    claim_channel: str | None = None
    cue: tuple[int, int] | None = None  # the words the attribution rests on


def roles(
    text: str,
    act_start: int,
    act_end: int,
    events: Sequence[tuple[int, int]],
    names: Sequence[ActorName],
) -> list[ActorRole]:
    """The actors of one act: ``events`` are the offsets of its event words, ``act_start``
    to ``act_end`` the clause that tells it, ``names`` every actor named in the report."""
    if not events:
        return []
    first_event = min(s for s, _ in events)
    out: list[ActorRole] = []
    for name in names:
        if not act_start <= name.start < act_end:
            continue
        role = _role(text, name, act_start, first_event)
        if role is None:
            continue
        if role == "perpetrator":
            out.append(_as_role(name, role, *attribution_of(text, name, act_start, act_end)))
        else:
            out.append(_as_role(name, role, None, None, None))
    return _dedupe(out)


def claims_elsewhere(
    text: str, names: Sequence[ActorName], sentences: Sequence[Sentence]
) -> list[ActorRole]:
    """Claims told in their own sentence near the act: "The Islamic Resistance in Iraq
    claimed responsibility for the attack in a statement on Telegram." ``sentences`` are
    the sentences to read."""
    out = []
    for sentence in sentences:
        for name in names:
            if not sentence.start <= name.start < sentence.end:
                continue
            said = _claim_or_denial(text, name, sentence.end)
            if said is None:
                continue
            attribution, found = said
            if found.start() - name.end > 120 or _MANY.match(text, found.end()):
                # "have claimed responsibility for more than 100 launches": many acts
                continue
            if re.search(r"\b(?:a|an)\b", found.group(0), re.IGNORECASE):
                continue  # "claimed a drone attack on the base": another act, told there
            channel = _channel(text, sentence.start, sentence.end)
            cue = (found.start(), found.end())
            out.append(_as_role(name, "perpetrator", attribution, channel, cue))
    return _dedupe(out)


def _claim_or_denial(
    text: str, name: ActorName, end: int
) -> tuple[Attribution, re.Match[str]] | None:
    """A claim, else a denial, said after the name and before ``end``."""
    claim = _CLAIM.search(text, name.end, end)
    if claim is not None:
        return "claimed", claim
    denial = _DENIAL.search(text, name.end, end)
    return ("denied", denial) if denial is not None else None


def _as_role(
    name: ActorName,
    role: Role,
    attribution: Attribution | None,
    channel: str | None,
    cue: tuple[int, int] | None,
) -> ActorRole:
    return ActorRole(
        name.start,
        name.end,
        name.text,
        name.name,
        role,
        attribution,
        name.actor_id,
        name.actor_type,
        channel,
        cue,
    )


def attribution_of(
    text: str, name: ActorName, act_start: int, act_end: int
) -> tuple[Attribution, str | None, tuple[int, int] | None]:
    """How the report ties the perpetrator to the act, the claim channel, and the cue.
    Only the act's own clause counts; a claim in the next sentence is handled by
    ``claims_elsewhere``."""
    said = _claim_or_denial(text, name, act_end)
    if said is not None:
        attribution, found = said
        channel = _channel(text, act_start, act_end) if attribution == "claimed" else None
        return attribution, channel, (found.start(), found.end())
    near_lo = max(act_start, name.start - 80)
    suspected = _SUSPECTED.search(text, near_lo, min(act_end, name.end + 40))
    if suspected is not None:
        return "suspected", None, (suspected.start(), suspected.end())
    official = _OFFICIAL.search(text, act_start, act_end)
    if official is not None and not (official.start() <= name.start < official.end()):
        return "attributed_by_official", None, (official.start(), official.end())
    return "attributed_by_source", None, None


def _role(text: str, name: ActorName, act_start: int, first_event: int) -> Role | None:
    before = text[max(act_start, name.start - 60) : name.start]
    if _BLAMED_BEFORE.search(before) or _BY_BEFORE.search(before):
        return "perpetrator"  # "attacked by Hizballah drones", "KILLED BY FMLN GUERRILLAS"
    if _TARGET_BEFORE.search(before):
        return "target"  # "fired two rockets at a U.S. base", "an attack on the FMLN"
    if name.end <= first_event:
        between = text[name.end : first_event]
        if _PASSIVE_BEFORE.search(between) or re.search(r"\b(?:was|were)\b", between, re.I):
            return "target"  # "Israel was attacked by ..."
        if len(between) <= 80:
            return "perpetrator"  # "These same militias fired", "FMLN GUERRILLAS ATTACKED"
        return None
    # After the act's word with no preposition: the object of an active verb.
    gap = text[first_event : name.start]
    if len(gap) <= 40 and not re.search(r"[,;]|\b(?:said|says|and)\b", gap):
        return "target" if name.named else "victim"
    return None


def _channel(text: str, start: int, end: int) -> str | None:
    """The most specific channel named: "in a statement on its Telegram channel" is
    Telegram."""
    found = [_channel_name(m.group("channel")) for m in _CHANNEL.finditer(text, start, end)]
    specific = [c for c in found if c not in ("statement", "communiqué", "communique")]
    chosen = specific or found
    return chosen[0] if chosen else None


def _channel_name(raw: str) -> str:
    word = raw.lower()
    if word.startswith("telegram"):
        return "Telegram"
    if word in ("x", "twitter"):
        return "X"
    return word


def _dedupe(items: list[ActorRole]) -> list[ActorRole]:
    seen: dict[tuple[str, str], ActorRole] = {}
    for item in items:
        key = (item.name, item.role)
        if key not in seen:
            seen[key] = item
    return list(seen.values())


def with_anaphors(text: str, names: Sequence[ActorName]) -> list[ActorName]:
    """``names`` plus the references back to them: "These same militias fired two
    rockets" names the "Iran-backed Shiite militias operating in Iraq" of the sentence
    before. A reference takes the nearest earlier name within a few sentences."""
    out = list(names)
    for match in ANAPHOR.finditer(text):
        inside = [n for n in names if n.start < match.end() and match.start() < n.end]
        if any(n.named for n in inside):
            continue  # part of a name already: "the group Islamic State"
        earlier = [n for n in names if n.end <= match.start() and match.start() - n.end < 600]
        if not earlier:
            continue
        head = match.group(0).split()[-1].lower().rstrip("s")
        same_head = [n for n in earlier if head in n.text.lower()]
        antecedent = (same_head or earlier)[-1]
        # "These same militias": the reference replaces the bare kind inside it.
        out = [n for n in out if n not in inside]
        out.append(
            ActorName(
                match.start(),
                match.end(),
                match.group(0),
                antecedent.name,
                antecedent.actor_id,
                antecedent.actor_type,
                antecedent.named,
            )
        )
    out.sort(key=lambda n: n.start)
    return out


def named_in(text: str, start: int = 0) -> list[ActorName]:
    """Every actor the bundled actor list finds in text[start:], with references back."""
    from sitrep.resolve.actors import registry

    names: list[ActorName] = []
    for hit in registry().find(text, start):
        begin, name = hit.start, hit.actor.name
        after_named = bool(names) and names[-1].named
        if not hit.actor.named and after_named and not text[names[-1].end : hit.start].strip():
            continue  # "Houthi militants": the Houthis, already named
        if not hit.actor.named:
            # "Iran-backed Shiite militias": the words before an unnamed kind say whose.
            lead = _KIND_LEAD.search(text, max(start, hit.start - 60), hit.start)
            if lead is not None:
                begin = lead.start()
                name = " ".join(text[begin : hit.end].split())
        names.append(
            ActorName(
                begin,
                hit.end,
                text[begin : hit.end],
                name,
                hit.actor.id,
                hit.actor.type,
                hit.actor.named,
            )
        )
    return with_anaphors(text, names)


def merge_claims(found: list[ActorRole], claims: list[ActorRole]) -> list[ActorRole]:
    """Claims and denials told near the act win over the plain reading of its sentence;
    competing claims are all kept."""
    out = list(found)
    for claim in claims:
        same = [i for i, r in enumerate(out) if r.name == claim.name and r.role == "perpetrator"]
        if same:
            out[same[0]] = claim
        else:
            out.append(claim)
    return out


def incident_roles(
    text: str,
    draft: Draft,
    sentences: Sequence[Sentence],
    names: Sequence[ActorName],
) -> list[ActorRole]:
    """The actors of one incident: read from each of its clauses, then claims and
    denials told up to two sentences after its last clause."""
    found: list[ActorRole] = []
    for cluster in draft.clusters:
        events = [(e.start, e.end) for e in cluster.events]
        found.extend(roles(text, cluster.start, cluster.end, events, names))
    near = sentences[draft.clusters[0].sentence : draft.last.sentence + 3]
    return merge_claims(found, claims_elsewhere(text, names, near))
