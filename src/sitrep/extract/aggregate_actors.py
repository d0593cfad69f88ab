"""An aggregate mention -> the perpetrators it counts, each with the span that names it.

Input: the report's text, an ``AggregateMention`` (from ``aggregates``) and the actors
named in the report (``actors.named_in``). Output: ``StatementActor``s, each an ``Actor``
(role "perpetrator", with its attribution) and the span of its name.

    "Iraqi militias have claimed responsibility for more than 100 launches ... and have
     carried out some 200 strikes against bases in Iraq and Syria"

gives Iraqi militias, claimed, for the first statement and Iraqi militias,
attributed_by_source, for the second.

The actors are the perpetrators the statement counts, read from the statement's own
clause and never from another sentence: the subject before the number ("Iraqi militias
have claimed responsibility for more than 100 launches" -> Iraqi militias, claimed),
the agent after it ("some 200 strikes by Iraqi militias" -> attributed_by_source), a
name inside the phrase ("some 200 Houthi attacks"), or the subject of the clause before
when the statement's clause has none of its own ("Iraqi militias have claimed ... and
have carried out some 200 strikes" -> Iraqi militias, attributed_by_source: the claim
belongs to the first clause only).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.extract.actors import ActorName
from sitrep.extract.aggregates import CASUALTY_METRICS, AggregateMention
from sitrep.extract.clause_roles import attribution_of
from sitrep.extract.segment import split_sentences
from sitrep.models import Actor, Attribution


@dataclass(frozen=True, slots=True)
class StatementActor:
    """A perpetrator of an aggregate statement and the span that names it (with the words
    its attribution rests on, when they follow the name: "Iraqi militias have claimed
    responsibility")."""

    actor: Actor
    start: int
    end: int


# Where one clause of a sentence ends and the next begins: "...; ...", "..., but ...",
# and a coordinator followed by a verb, whose subject is then the previous clause's:
# "Iraqi militias have claimed ... and have carried out some 200 strikes".
_CLAUSE_BREAK = re.compile(
    r";|:\s|,\s+(?:and|but|while|whereas)\b"
    r"|\s(?:and|but|while|whereas)\s+(?=(?:have|has|had|also|then|later|were|was|are|is|did"
    r"|would|will|[a-z]+ed)\b)",
    re.IGNORECASE,
)
_CARRIES_SUBJECT = re.compile(
    r"\W*(?:and|but|while|whereas)\s+(?:have|has|had|also|then|later|were|was|are|is|did"
    r"|would|will|[a-z]+ed)\b",
    re.IGNORECASE,
)
_CLAIMED_COUNT = re.compile(
    r"(?P<cue>\bclaim(?:ed|s|ing)?(?:\s+(?:responsibility|credit))?)(?:\s+for)?\s*$",
    re.IGNORECASE,
)
# A name just after one of these is what was attacked, not who attacked.
_TARGET_BEFORE = re.compile(
    r"\b(?:at|against|on|targeting|targeted|toward|towards|into)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w.'-]+\s+){0,3}$",
    re.IGNORECASE,
)
# A name followed by one of these is the source of the figure: "Israel says ...".
_SPEAKER_AFTER = re.compile(
    r"['’]?s?\s*(?:\w+\s+){0,2}?(?:said|says|say|reported|reports|announced|told|stated"
    r"|estimates?|estimated|counted|counts|recorded|records|documented|believes|according)\b",
    re.IGNORECASE,
)
# "some 200 strikes by Iraqi militias", "attacks claimed by the group".
_AGENT_BEFORE = re.compile(
    r"^(?:\s+[\w'-]+){0,4}?\s+(?P<how>claimed\s+by|carried\s+out\s+by|blamed\s+on"
    r"|attributed\s+to|by)\s+(?:the\s+|a\s+|an\s+)?(?P<doubt>(?:suspected|alleged)\s+)?"
    r"(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# Between a name inside the phrase and its end: at most two words that modify the noun.
_MODIFIER_AFTER = re.compile(
    r"(?:\s+(?!(?:in|during|of|at|on|by|as|killed|wounded|injured|dead|died|die|were|was)\b)"
    r"[\w/'-]+){1,3}",
    re.IGNORECASE,
)
_HARM_VERB = re.compile(
    r"\b(?:kill|murder|massacre|slaughter|execute|wound|injure|kidnap|abduct|shoot|shot)\w*",
    re.IGNORECASE,
)
_TOLL_WORDS = re.compile(
    r"\b(?:killed|wounded|injured|dead|died|die|were|was|murdered|abducted|kidnapped)\b",
    re.IGNORECASE,
)
# Names joined into one subject: "Hamas and Islamic Jihad have fired ...".
_JOINED = re.compile(r"\s*(?:,|&|and|,\s*and)\s*(?:the\s+)?", re.IGNORECASE)


def statement_actors(
    text: str, mention: AggregateMention, names: Sequence[ActorName]
) -> list[StatementActor]:
    """The perpetrators an aggregate statement counts, from its own clause (or, when that
    clause has no subject, the clause before it in the same sentence)."""
    if not names:
        return []
    sentence_start, sentence_end = _sentence_around(text, mention.start)
    clause_start = _clause_start(text, sentence_start, mention.start)
    clause_end = _clause_end(text, mention.end, sentence_end)
    casualties = mention.metric in CASUALTY_METRICS
    out: list[StatementActor] = []
    # The agent: "some 200 strikes by Iraqi militias".
    for name in names:
        if mention.end <= name.start < clause_end:
            agent = _AGENT_BEFORE.match(text[mention.end : name.start])
            if agent is not None:
                out.append(_agent(name, agent))
    # A name just before the counted noun: "some 200 Houthi attacks", not the victims of
    # "20 Kurdish militants killed in air strikes".
    if not out and not casualties:
        inside = [n for n in names if mention.start <= n.start and n.end <= mention.end]
        out.extend(
            _subject(text, n, mention.start, mention)
            for n in inside
            if _MODIFIER_AFTER.fullmatch(text, n.end, mention.end)
            and _TARGET_BEFORE.search(text, mention.start, n.start) is None
        )
    # A toll has a perpetrator before it only when the phrase opens with its verb: "the
    # death squads murdered hundreds of citizens"; "the FMLN ... approximately 1,000 dead"
    # may be the FMLN's own dead.
    opening = text[mention.start : mention.number.start]
    if casualties and not _HARM_VERB.search(opening):
        return _unique(out)
    # "SIX GUERRILLAS WERE KILLED IN THE CLASHES": a toll inside the phrase; whoever the
    # clause names before it may be either side.
    if out or _TOLL_WORDS.search(text, mention.number.end, mention.end):
        return _unique(out)
    # The subject: the nearest name before the number in the statement's own clause.
    own = _subjects(text, names, clause_start, mention.start)
    if own:
        return _unique([_subject(text, n, clause_start, mention) for n in own])
    if clause_start > sentence_start and _CARRIES_SUBJECT.match(text, clause_start):
        # "..., Iraqi militias have claimed ... and have carried out some 200 strikes": the
        # attribution is read from this clause's own words, not the claim of the one before.
        before = _clause_start(text, sentence_start, clause_start)
        carried = _subjects(text, names, before, clause_start, nearest=False)
        return _unique([_subject(text, n, clause_start, mention, carried=True) for n in carried])
    return []


def _subjects(
    text: str, names: Sequence[ActorName], start: int, end: int, *, nearest: bool = True
) -> list[ActorName]:
    """The subject of ``text[start:end]``: the nearest (or first) name that is neither a
    target nor a speaker, with the names joined to it by "and"."""
    eligible = [
        n
        for n in names
        if start <= n.start
        and n.end <= end
        and _TARGET_BEFORE.search(text, max(start, n.start - 60), n.start) is None
        and _SPEAKER_AFTER.match(text, n.end, end) is None
    ]
    if not eligible:
        return []
    index = len(eligible) - 1 if nearest else 0
    group = [eligible[index]]
    while index > 0 and _JOINED.fullmatch(text, eligible[index - 1].end, eligible[index].start):
        index -= 1
        group.insert(0, eligible[index])
    if not nearest:
        last = eligible.index(group[-1])
        for following in eligible[last + 1 :]:
            if not _JOINED.fullmatch(text, group[-1].end, following.start):
                break
            group.append(following)
    return group


def _subject(
    text: str, name: ActorName, start: int, mention: AggregateMention, *, carried: bool = False
) -> StatementActor:
    # Read from ``start`` (the clause), not from the name, when the subject is carried.
    reader = name if not carried else ActorName(start, start, "", name.name)
    claimed = _CLAIMED_COUNT.search(text, reader.end, mention.start)
    if claimed is not None:
        # "The Houthis have claimed more than 50 attacks": a claim of the count itself.
        attribution: Attribution = "claimed"
        channel = None
        cue: tuple[int, int] | None = claimed.span("cue")
    else:
        attribution, channel, cue = attribution_of(text, reader, start, mention.end)
    span_end = name.end
    if cue is not None and not carried and cue[0] >= name.end and cue[1] <= mention.start:
        span_end = max(span_end, cue[1])
    return StatementActor(_actor(name, attribution, channel), name.start, span_end)


def _agent(name: ActorName, agent: re.Match[str]) -> StatementActor:
    how = " ".join(agent.group("how").lower().split())
    attribution: Attribution = "attributed_by_source"
    if how == "claimed by":
        attribution = "claimed"
    elif how in ("blamed on", "attributed to") or agent.group("doubt"):
        attribution = "suspected"
    return StatementActor(_actor(name, attribution, None), name.start, name.end)


def _actor(name: ActorName, attribution: Attribution, channel: str | None) -> Actor:
    return Actor(
        name=name.name,
        role="perpetrator",
        attribution=attribution,
        actor_id=name.actor_id,
        actor_type=name.actor_type,
        claim_channel=channel,
        text=name.text,
    )


def _unique(found: list[StatementActor]) -> list[StatementActor]:
    seen: dict[str, StatementActor] = {}
    for item in found:
        seen.setdefault(item.actor.name, item)
    return list(seen.values())


@functools.lru_cache(maxsize=4)
def _sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    # A report's statements are built one after another: split it once, not once each.
    return tuple((s.start, s.end) for s in split_sentences(text))


def _sentence_around(text: str, position: int) -> tuple[int, int]:
    for start, end in _sentence_bounds(text):
        if start <= position < end:
            return start, end
    return 0, len(text)


def _clause_start(text: str, sentence_start: int, position: int) -> int:
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, sentence_start, position)]
    return breaks[-1] if breaks else sentence_start


def _clause_end(text: str, position: int, sentence_end: int) -> int:
    found = _CLAUSE_BREAK.search(text, position, sentence_end)
    return found.start() if found else sentence_end
