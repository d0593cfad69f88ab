"""Who did it, to whom, and how the report ties them to the act: the actors of one incident.

Input: the report text, one incident's draft (its clauses and event words), its sentences
and the actor names found in the report (``ActorName``). Output: ``ActorRole``s - each actor
of the act once in each role (perpetrator, target, victim) and, for a perpetrator, the
attribution of the contract and the claim channel.

    "Houthi militants fired two missiles at the ship, CENTCOM said."
        -> Houthis, perpetrator, attributed_by_official
    "The Islamic Resistance in Iraq claimed the attack in a statement on Telegram."
        -> claimed, channel "Telegram"

Each clause of the act is read by extract/clause_roles.py (the subject of "fired", the
agent of "was attacked by", the target after "at"; speakers are not doers).

Beyond the act's own clause, in this order (claims and blame are read by extract/claims.py,
a group's own messages by extract/messages.py):

- mentions (extract/actor_mentions.py): a kind stands for the group the report names
  ("THE GUERRILLAS" after the FMLN; "the army" after "SALVADORAN ARMY"); a name and its
  bracketed acronym are one;
- claims and denials in the next sentences, and anywhere in the report when they are of
  this perpetrator or of the same kind of act ("HAS CLAIMED RESPONSIBILITY FOR THE
  KIDNAPPING"), but not a claim that names another act by its verb ("CLAIMED IT AMBUSHED
  A PATROL" near a bombing); a first-person account ("OUR UNITS SHOT DOWN") is a claim;
- the perpetrator's own message near the act is a claim: a communiqué, leaflets, messages
  to the press ("THE FRONT SENT MESSAGES TO THE NEWSPAPERS"), the act told in its own
  report ("THE FRONT REPORTS THAT ITS COLUMNS ATTACKED"), doers naming themselves in what
  they left ("LEAFLETS SIGNED BY");
- blame told nearby ("THE POLICE SUSPECT SHINING PATH"), a guess at the doer ("COULD HAVE
  BEEN CARRIED OUT BY"), the group's signs found at the scene ("A FLAG OF THE FRONT WAS
  FOUND") add a ``suspected`` perpetrator; for an act with no named perpetrator, so does
  blame anywhere in the report for the same kind of act;
- an act with no perpetrator beside a group named just before it, in a report that
  names one armed actor only, or in one about one actor named far more often than any
  other, records that group with attribution ``unknown`` (extract/actor_context.py; never
  the group whose own communiqué the report is: it tells its own acts as its own).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep.extract.actor_context import (
    in_context,
    main_actor,
    only_group,
    report_author,
    report_voice,
    series_told,
)
from sitrep.extract.actor_mentions import (
    ARMED_TYPES,
    SPEAKS_AFTER,
    TARGET_BEFORE,
    ActorRole,
    as_role,
    dedupe_roles,
    words_after,
)

# The names found in a report, as the incident builder and aggregates read them here.
from sitrep.extract.actor_mentions import ActorName as ActorName
from sitrep.extract.actor_mentions import named_in as named_in
from sitrep.extract.claims import (
    blames_near,
    claims_in_report,
    doers_near,
    of_this_act,
    report_blames_of,
    report_claims_of,
    stem,
    traces_near,
)
from sitrep.extract.claims import claims_elsewhere as claims_elsewhere
from sitrep.extract.clause_roles import RESPONSE, attribution_of
from sitrep.extract.clause_roles import roles as roles
from sitrep.extract.messages import message_claims, own_account
from sitrep.extract.segment import Sentence

if TYPE_CHECKING:
    from sitrep.extract.coreference import Draft


# How many sentences before an act may name the group it is read beside.
_CONTEXT_SENTENCES = 3


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
    """The actors of one incident, each actor once in each role: read from each of its
    clauses, then claims, denials and blame told near it (see the module's docstring)."""
    found = _incident_roles(text, draft, sentences, names)
    told = sentences[max(draft.clusters[0].sentence - 2, 0) : draft.last.sentence + 4]
    out = dedupe_roles(message_claims(text, names, found, told))
    held = {
        n.name
        for n in names
        if text.startswith("-", n.end)
        and _HELD_AFTER.match(text, n.end)
        and any(c.start <= n.start < c.end for c in draft.clusters)
        and not _FROM_BEFORE.search(text, max(0, n.start - 30), n.start)
    }
    # "struck targets in Houthi-controlled parts of Yemen": the act hits the area the group
    # holds; the group is not its doer, whatever a later clause seems to say.
    out = _without_doers(out, held)
    hit = {r.name for r in out if r.role in ("target", "victim")}
    both = {
        r.name
        for r in out
        if r.role == "perpetrator"
        and r.name in hit
        and r.attribution not in ("claimed", "denied")
        and _WAS_DOING.match(text, r.end)
    }
    # "Al-Shabaab terrorists were attacking the army near Cadale when U.S. Africa Command hit
    # them": one incident holds the strike and the attack it answered; the side the strike
    # hit, with another doer named, is what it hit, not its doer.
    return _without_doers(out, both)


def _without_doers(roles: list[ActorRole], dropped: set[str]) -> list[ActorRole]:
    """``roles`` without the perpetrator roles of the actors ``dropped`` names, when another
    named perpetrator remains; unchanged otherwise."""
    doers = {r.name for r in roles if r.role == "perpetrator" and r.named}
    if not dropped or not doers - dropped:
        return roles
    return [r for r in roles if not (r.role == "perpetrator" and r.name in dropped)]


# A name as the subject of an act in progress: "AL-SHABAAB TERRORISTS WERE ATTACKING".
_WAS_DOING = re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:was|were)\s+[a-z]+ing\b", re.IGNORECASE)


# "and that on March 2 they sank the ship": "they", the subject of the act's verb.
_THEY_BEFORE = re.compile(r"\bthey\s+(?:had\s+|have\s+|also\s+|then\s+|later\s+)*$", re.IGNORECASE)


def _they_of(
    text: str, draft: Draft, sentences: Sequence[Sentence], names: Sequence[ActorName]
) -> list[ActorRole]:
    """The group "they" stands for, as the subject of the act's verb: the last group named
    earlier in the sentence, as the doer of an act it tells ("THE HOUTHIS HAD KILLED ...,
    AND THEN THEY SANK"), with the attribution of that clause."""
    for cluster in draft.clusters:
        sentence = sentences[cluster.sentence]
        for event in cluster.events:
            they = _THEY_BEFORE.search(text, max(sentence.start, event.start - 30), event.start)
            if they is None:
                continue
            earlier = [
                n for n in names if sentence.start <= n.start and n.end <= they.start() and n.named
            ]
            if not earlier:
                return []
            last = earlier[-1]
            if last.actor_type not in ARMED_TYPES and last.actor_type != "State Forces":
                return []
            if TARGET_BEFORE.search(text[max(sentence.start, last.start - 60) : last.start]):
                return []  # "an attack on the army, which they ...": not the doer
            tie = attribution_of(text, last, sentence.start, event.end, names)
            return [
                replace(as_role(last, "perpetrator", *tie), start=they.start(), end=they.end() - 1)
            ]
    return []


def _incident_roles(
    text: str,
    draft: Draft,
    sentences: Sequence[Sentence],
    names: Sequence[ActorName],
) -> list[ActorRole]:
    found: list[ActorRole] = []
    for cluster in draft.clusters:
        events = [(e.start, e.end) for e in cluster.events]
        responses = [(e.start, e.end) for e in cluster.events if RESPONSE.match(e.text)]
        found.extend(roles(text, cluster.start, cluster.end, events, names, responses))
    if not any(r.role == "perpetrator" and r.named for r in found):
        found.extend(_they_of(text, draft, sentences, names))
    near = sentences[draft.clusters[0].sentence : draft.last.sentence + 4]
    stems = {stem(e.text) for c in draft.clusters for e in c.events}
    near_claims = [c for c in claims_elsewhere(text, names, near) if of_this_act(text, c, stems)]
    out = merge_claims(found, near_claims)
    own = own_account(text, draft, names)
    if own is not None:
        out = merge_claims(out, [own])
    out = merge_claims(out, report_claims_of(text, draft, sentences, names, out))
    told = sentences[max(draft.clusters[0].sentence - 2, 0) : draft.last.sentence + 4]
    traced = {t.name: t for t in traces_near(text, names, told)}
    if traced:
        # A group whose flag or leaflets were found at the scene is not what the act hit.
        out = [r for r in out if r.name not in traced or r.role == "perpetrator"]
        out += [t for t in traced.values() if t.name not in {r.name for r in out}]
    have = {r.name for r in out}
    if any(r.role == "perpetrator" and r.named for r in found):
        # The act's own words name its doer: blame told before it is of other acts ("a
        # string of attacks that Washington blames on militias"), not of this one.
        blame_told = sentences[draft.clusters[0].sentence : draft.last.sentence + 4]
    else:
        blame_told = told
    out += [b for b in blames_near(text, names, blame_told) if b.name not in have]
    have = {r.name for r in out}
    out += [d for d in doers_near(text, names, told) if d.name not in have]
    perpetrators = [r for r in out if r.role == "perpetrator"]
    if any(r.named for r in perpetrators):
        return out
    blamed = report_blames_of(text, draft, sentences, names)
    if blamed:
        # "COPREFA DENIED ANY RESPONSIBILITY FOR THE ATTACK AND BLAMED THE FMLN", told
        # further on: the report's blame for this kind of act names who the doers are thought
        # to be.
        return [*out, *(b for b in blamed if b.name not in have)]
    # No perpetrator, or only a kind of one ("SEVERAL ARMED MEN KIDNAPPED THE BISHOP"): the
    # group the passage names may be who they were.
    first = draft.clusters[0].sentence
    # The two sentences before, and the act's own clauses; the rest of its sentence tells
    # other acts ("drones from Lebanon, as well as rocket fire from Gaza").
    spans = [(s.start, s.end) for s in sentences[max(first - _CONTEXT_SENTENCES, 0) : first]]
    spans += [(c.start, c.end) for c in draft.clusters]
    context = in_context(text, draft, spans, names, out)
    if perpetrators:
        # "Gunmen opened fire on a checkpoint" beside a named group: it is theirs only when
        # the passage blames the group ("THE AUTHORITIES BLAMED THE ELN FOR THE MURDER").
        if context is not None and context.attribution == "suspected":
            return [*out, context]
        if all(r.actor_type is None for r in perpetrators):
            # "THE ATTACKERS" in a report about one group: the report's group, told apart
            # from them by nothing it says
            main = main_actor(text, names, out)
            if main is None or main.name == report_author(text, names):
                return out
            return [*out, main]
        return out
    if context is None:
        context = only_group(text, names, out)
    if context is None:
        context = main_actor(text, names, out)
    author = report_author(text, names)
    if context is not None and context.name in (author, report_voice(text)):
        # A group's own communiqué or radio tells its enemies' acts in the third person, its
        # own mostly in the first ("OUR UNITS"): beside the state force it fights, an act
        # told with no doer is more likely that force's; a communiqué's act is never
        # guessed to be its author's.
        enemy = in_context(text, draft, spans, names, out, types=frozenset({"State Forces"}))
        if enemy is not None:
            return [*out, enemy]
        if context.name == author:
            return out
    if context is None:
        return out
    # The group the act is read beside, which claims this kind of act elsewhere in the report.
    claims = report_claims_of(text, draft, sentences, names, [])
    claimed = [c for c in claims if c.name == context.name and c.attribution == "claimed"]
    if not claimed:
        # "HAS CLAIMED RESPONSIBILITY FOR TODAY'S ATTACK": a claim of "the attack" by the
        # group the act is read beside is a claim of this act, whatever kind it is.
        claimed = [
            c
            for c in claims_in_report(text, names, sentences)
            if c.name == context.name
            and c.attribution == "claimed"
            and c.cue is not None
            and _ANY_ACT.search(re.split(r"[.;]", text[c.cue[0] : c.cue[1] + 60])[0])
        ]
    if not claimed and context.attribution == "unknown" and context.actor_type == "State Forces":
        # A state force that reports in its own voice the act the report is about ("THE
        # POLICE REPORTED THE DEATH OF ..."): its own account, as a claim.
        voice = next(
            (
                n
                for n in names
                if n.name == context.name
                and n.start < draft.clusters[0].start
                and SPEAKS_AFTER.match(words_after(text, n))
            ),
            None,
        )
        if voice is not None:
            claimed = [replace(context, attribution="claimed", cue=(voice.start, voice.end))]
    if not claimed and context.attribution == "unknown":
        series = series_told(text, names, context.name, draft.clusters[0].start)
        if series is not None:
            # "Houthi militants fired a total of six missiles. ... The other three came down
            # in the sea": the report told the series as the group's, and this act is one
            # of it.
            context = replace(context, attribution="attributed_by_source", cue=series)
    return [*out, claimed[0] if claimed else context]


# Words that name whatever act it was: "the attack", "the operation".
_ANY_ACT = re.compile(r"\b(?:attacks?|operations?|actions?|incidents?)\b", re.IGNORECASE)


# "Houthi-controlled", "rebel-held": the name says whose the area is.
_HELD_AFTER = re.compile(r"-(?:controlled|held|run|occupied|dominated)\b", re.IGNORECASE)
# "launched from Houthi-held territory": the area the act came from, not the one it hit.
_FROM_BEFORE = re.compile(r"\b(?:from|by|within)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
