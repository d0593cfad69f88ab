"""A group's own voice: its messages, its communiqués, its account of its own act.

Input: the report text, the actor names found in it (``ActorName``) and the roles already
read for an act. Output: those roles with ``claimed`` where the perpetrator itself tells the
act - in a communiqué, leaflets or messages ("THE FRONT SENT MESSAGES TO THE NEWSPAPERS"),
in the first person ("OUR UNITS SHOT DOWN A HELICOPTER"), or as the speaker of the act's own
sentence ("..., the group said in a statement"; "The army said its troops killed").
extract/claims.py reads claims of responsibility, denials and blame; extract/actors.py calls
both.

    "ISWAP fighters killed 10 soldiers, the group said in a statement."
        -> ISWAP, claimed, channel "statement"
    "THE COMMANDOS LEFT LEAFLETS SIGNED BY THE ELN"  -> ELN, claimed, channel "leaflets"
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep.extract.actor_mentions import (
    ARMED_TYPES,
    ActorName,
    ActorRole,
    as_role,
    named_of_type,
)
from sitrep.extract.claims import NEGATED, channel_in
from sitrep.extract.segment import Sentence

if TYPE_CHECKING:
    from sitrep.extract.coreference import Draft


# A group's own message, read after its name: "THE GROUP SENT WRITTEN MESSAGES TO THE
# NEWSPAPERS", "THE COMMANDOS LEFT LEAFLETS AT THE SCENE", "FREED BY THE GROUP WITH A
# MESSAGE", "THE FRONT'S COMMUNIQUE READS:", "THE FRONT COMMUNIQUE ISSUED TODAY ADDS".
# One that denies or condemns ("ISSUED A COMMUNIQUE DENYING ANY ROLE") is no claim.
_MESSAGE_AFTER = re.compile(
    r"(?:(?P<verb>[^.;]{0,60}?\b(?:sent|issued|left|released|distributed|scattered|dropped|delivered"
    r"|faxed|mailed|posted|painted|with)\s+(?:[\w-]+\s+){0,3}?)"
    r"|[\s\]\)'’s\"“]*(?:[\w-]+\s+){0,2}?)"
    r"(?P<channel>communiqu[eé]s?|messages?|leaflets?|fliers?|flyers?|pamphlets?|letters?"
    r"|notes?|graffiti|banners?)\b"
    r"(?(verb)|(?:(?:\s*\[[^\]]*\])*[^.;:]{0,40}?\b(?:reads?|states?|says?|said|stated|adds?"
    r"|added)\b|\s*:))"
    r"(?![^.;]{0,40}?\b(?:den(?:y|ying|ied|ies)|reject|condemn|repudiat|deplor|regret))",
    re.IGNORECASE,
)


# Doers naming themselves in what they left: "LEAFLETS SIGNED BY THE", "FLIERS IDENTIFYING
# THEMSELVES AS MEMBERS OF THE".
_SIGNED_BEFORE = re.compile(
    r"\b(communiqu[eé]s?|messages?|leaflets?|fliers?|flyers?|pamphlets?|letters?|notes?)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:signed\s+by|identifying\s+(?:themselves|itself)\s+as"
    r"(?:\s+(?:members|militants)\s+of)?)\s+(?:the\s+|a\s+)?(?:[\w'\"“-]+\s+){0,2}?[\"“]?$",
    re.IGNORECASE,
)


# The end of a quotation that a message is read from: '...," THE LEAFLETS READ'.
_QUOTED_MESSAGE = re.compile(
    r"[^\"”]{0,160}?[\"”]\s*,?\s*(?:the|a|its|their)\s+(?P<channel>leaflets?|communiqu[eé]s?"
    r"|messages?|statements?|letters?|pamphlets?|fliers?|flyers?|notes?)\s+"
    r"(?:read|reads|said|says|stated|states|added|adds)\b",
    re.IGNORECASE,
)


# The actor reporting what follows: "THE FRONT REPORTS THAT", "THE GROUP ANNOUNCED:".
_SAYS_THAT = re.compile(
    r"[\s\]\)\"']*(?:[\w-]+\s+){0,2}?(?:reports?|reported|said|says|announced|announces"
    r"|stated|states|informed|confirmed|disclosed)\s*(?:that\b|:)",
    re.IGNORECASE,
)


# The group named in its own message, before its name: "LEAFLETS SIGNED BY THE GROUP", "FLIERS
# IDENTIFYING THEMSELVES AS MEMBERS OF".
_MESSAGE_BEFORE = re.compile(
    r"(?:\b(?P<channel>communiqu[eé]s?|messages?|leaflets?|fliers?|flyers?|pamphlets?|letters?"
    r"|notes?|graffiti|banners?)\s+(?:[\w-]+\s+){0,2}?(?:(?:signed|issued|sent|released)\s+by|from"
    r"|identifying\s+(?:themselves|itself|the\s+[\w-]+)\s+as(?:\s+(?:members|militants)\s+of)?)"
    r"\s+(?:the\s+|a\s+)?(?:[\w'\"“-]+\s+){0,2}?)[\"“]?$",
    re.IGNORECASE,
)


# A group telling its own act: "OUR ANTIAIRCRAFT UNITS OPENED FIRE ON TWO HELICOPTERS", "WE
# ATTACKED THE GARRISON". Only nouns for a group's own fighters count: in a government's
# statement "our armed forces" or "our troops" are the state's, not a claim by the rebels.
_FIRST_PERSON = re.compile(
    r"\bour\s+(?:[\w'-]+\s+){0,3}?(?:units?|combatants|fighters|guerrillas?|columns?"
    r"|commandos?|militants|mujahideen|mujahidin|brigades?|detachments?|cells?|comrades"
    r"|organi[sz]ation)\b"
    # "THE COMMANDOS OF OUR ORGANIZATION HAVE SEIZED"
    r"|\bof\s+our\s+organi[sz]ation\s+(?:have\s+|has\s+|had\s+)?$"
    r"|\bwe\s+(?:have\s+|had\s+|also\s+)*$",
    re.IGNORECASE,
)


# The group's own fighters after the act's word: "A CLASH WITH OUR UNITS", "AMBUSHED BY OUR
# FORCES".
_FIRST_PERSON_AFTER = re.compile(
    r"[^.;]{0,20}?\b(?:with|by|of)\s+our\s+(?:[\w'-]+\s+){0,2}?(?:units?|combatants|fighters"
    r"|guerrillas?|columns?|commandos?|forces|militants|brigades?|detachments?)\b",
    re.IGNORECASE,
)


def message_claims(
    text: str,
    names: Sequence[ActorName],
    found: Sequence[ActorRole],
    sentences: Sequence[Sentence],
) -> list[ActorRole]:
    """The act's perpetrators that ``sentences`` (those around the act) show telling it in
    their own message - a communiqué, leaflets left at the scene, messages sent to the
    press: claimed. Only a group already the act's perpetrator is read so; the message
    alone does not say which act it is about. The exception: an act with no named
    perpetrator whose doers left a message naming themselves ("THE ATTACKERS LEFT LEAFLETS
    IDENTIFYING THEMSELVES AS MEMBERS OF ...")."""
    if not sentences:
        return list(found)
    lo, hi = sentences[0].start, sentences[-1].end
    out = list(found)
    if not any(r.role == "perpetrator" and r.named for r in out):
        for name in names:
            if not (lo <= name.start < hi and name.named):
                continue
            signed = _SIGNED_BEFORE.search(text, max(lo, name.start - 80), name.start)
            if signed is not None and not any(r.name == name.name for r in out):
                channel = _channel_of(signed.group(1))
                out.append(
                    as_role(name, "perpetrator", "claimed", channel, (signed.start(), name.start))
                )
    for index, role in enumerate(out):
        # A kind that says what force it is ("THE NATIONAL POLICE") may tell its own act.
        if role.role != "perpetrator" or not (role.named or role.actor_type is not None):
            continue
        if role.attribution in ("claimed", "denied"):
            continue
        told = _tells_own_act(text, role, names)
        if told is not None:
            out[index] = replace(role, attribution="claimed", cue=told)
            continue
        conceded = _force_speaks(text, role, role.start, hi)
        if conceded is not None:
            out[index] = replace(role, attribution="claimed", cue=conceded)
            continue
        if not role.named:
            continue
        for name in names:
            if name.name != role.name or not lo <= name.start < hi:
                continue
            message = _own_message(text, name, names)
            if message is not None:
                channel, words = message
                out[index] = replace(role, attribution="claimed", claim_channel=channel, cue=words)
                break
    return out


# A state force's own officials speaking: "MILITARY OFFICIALS HAVE STATED THAT THE INCIDENT
# ... HAD BEEN A TRAGIC MISTAKE", "an army spokesman confirmed".
_FORCE_SPEAKS = re.compile(
    r"\b(?P<force>military|army|armed\s+forces|defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e"
    r"|navy|air\s+force|police)\s+(?:officials?|spokes(?:man|woman|person)|sources|commanders?"
    r"|command|statement|communiqu[eé])\s+(?:[\w-]+\s+){0,2}?(?:said|stated|admitted"
    r"|acknowledged|confirmed|conceded|reported|announced)\b",
    re.IGNORECASE,
)


def _force_speaks(text: str, role: ActorRole, start: int, end: int) -> tuple[int, int] | None:
    """Where the state force that did the act speaks of it through its own officials, in
    the act's passage after it is told; None otherwise. Police officials speak for the
    police, military ones for the army, navy, air force or armed forces."""
    if role.actor_type != "State Forces":
        return None
    name = role.name.lower()
    for found in _FORCE_SPEAKS.finditer(text, start, end):
        force = found.group("force").lower()
        if force == "police":
            mine = "police" in name
        else:
            mine = "police" not in name and any(
                w in name
                for w in (
                    "army",
                    "armed forces",
                    "air force",
                    "navy",
                    "military",
                    "defense forces",
                    "defence forces",
                    "armed",
                )
            )
        if mine:
            return (found.start(), found.end())
    return None


def _tells_own_act(
    text: str, role: ActorRole, names: Sequence[ActorName]
) -> tuple[int, int] | None:
    """The words by which the perpetrator itself reports the act, earlier in the sentence
    that names it: "THE FRONT REPORTS THAT ITS COLUMNS ATTACKED THE GARRISON"."""
    for name in names:
        if name.start >= role.start or name.name != role.name:
            continue
        if re.search(r"[.;]", text[name.end : role.start]):
            continue  # another sentence
        said = _SAYS_THAT.match(text, name.end) or _INFORMS_THAT.match(text, name.end)
        if said is not None and said.end() <= role.start:
            return (name.start, said.end())
    return None


# The actor telling the press of its own act, through a spokesman: "THE POLICE, THROUGH ITS
# DEPUTY DIRECTOR, INFORMED THE PRESS THIS AFTERNOON THAT THE POLICE HAD KILLED".
_INFORMS_THAT = re.compile(
    r"[^.;]{0,100}?\b(?:informed|told|announced|reported|confirmed|disclosed|admitted"
    r"|acknowledged)\s+(?:[\w-]+\s+){0,6}?that\b",
    re.IGNORECASE,
)


def _own_message(
    text: str, name: ActorName, names: Sequence[ActorName]
) -> tuple[str, tuple[int, int]] | None:
    """The channel and the words of a message ``name`` put out, told just after the name
    or just before it; None when there is none, or it is negated ("HAS NOT ISSUED ANY
    COMMUNIQUE") or another actor stands between."""
    after = _MESSAGE_AFTER.match(text, name.end)
    if after is not None:
        between = text[name.end : after.start("channel")]
        others = any(name.end <= n.start < after.start("channel") for n in names)
        if not others and not NEGATED.search(between):
            return _channel_of(after.group("channel")), (after.start(), after.end())
    before = _MESSAGE_BEFORE.search(text, max(0, name.start - 80), name.start)
    if before is not None and not any(before.start() <= n.start < name.start for n in names):
        return _channel_of(before.group("channel")), (before.start(), name.start)
    quoted = _QUOTED_MESSAGE.match(text, name.end)
    if quoted is not None:
        # '"THE COMMAND OF THE FRONT ATTACKED A CONVOY," THE LEAFLETS READ': its own words
        return _channel_of(quoted.group("channel")), (name.start, quoted.end())
    return None


def _channel_of(word: str) -> str:
    """ "LEAFLETS" -> "leaflets", "COMMUNIQUE" -> "communiqué": the channel as recorded."""
    lower = word.lower()
    if lower.startswith("communiq"):
        return "communiqué"
    return lower


def own_account(text: str, draft: Draft, names: Sequence[ActorName]) -> ActorRole | None:
    """The act told in the first person by the armed group the report speaks for (its
    communiqué or radio): a claim. The group is the one named last before the act."""
    for cluster in draft.clusters:
        for event in cluster.events:
            lo = max(cluster.start, event.start - 80)
            found = _FIRST_PERSON.search(text, lo, event.start) or _FIRST_PERSON_AFTER.match(
                text, event.end, min(cluster.end, event.end + 40)
            )
            if found is None:
                continue
            groups = [n for n in names if n.end <= event.start and named_of_type(n, ARMED_TYPES)]
            if not groups:
                return None
            return as_role(groups[-1], "perpetrator", "claimed", None, (found.start(), found.end()))
    return None


# The speaker of what comes before: "..., the group said in a statement", "Amaq said".
_SAID_AFTER = re.compile(
    r"[\s,\]\)'’s]*(?:[\w-]+\s+){0,2}?(?:said|says|stated|announced|reported|confirmed)\b",
    re.IGNORECASE,
)
# A speaker's own force: "The army said its troops killed", "Israel said its jets struck".
_SAID_ITS_BEFORE = re.compile(
    r"\b(?:said|says|stated|announced|reported|confirmed)\s+(?:that\s+)?(?:its|their)\s+$",
    re.IGNORECASE,
)


def own_voice(
    text: str, name: ActorName, start: int, end: int, names: Sequence[ActorName]
) -> tuple[str | None, tuple[int, int]] | None:
    """The channel and the words by which the perpetrator itself tells the act in its
    clause (``text[start:end]``): named again, or through its own medium, as the speaker
    ("ISWAP fighters killed 10 soldiers, the group said in a statement"; "..., its Amaq
    news agency said"), or as the speaker whose own force did it ("The army said its troops
    killed"). None when the clause has no such speaker."""
    from sitrep.resolve.actors import registry

    speakers = [(n.start, n.end) for n in names if n is not name and n.name == name.name]
    speakers += [
        (h.start, h.end)
        for h in registry().outlets_in(text, start, end)
        if h.actor.name == name.name
    ]
    for lo, hi in speakers:
        if not start <= lo < end:
            continue
        said = _SAID_AFTER.match(text, hi)
        if said is None or any(hi <= n.start < said.end() for n in names):
            continue
        return channel_in(text, start, end), (lo, said.end())
    if re.match(r"(?:its|their)\s", name.text, re.IGNORECASE) and re.search(
        r"\b(?:said|says|stated|announced|reported|confirmed)\s+(?:that\s+)?$",
        text[max(start, name.start - 30) : name.start],
        re.IGNORECASE,
    ):
        # "Israel said its aircraft struck": the country tells its own forces' act
        return channel_in(text, start, end), (max(start, name.start - 30), name.end)
    its = _SAID_ITS_BEFORE.search(text, max(start, name.start - 40), name.start)
    if its is not None:
        speaker = [n for n in names if start <= n.start and n.end <= its.start()]
        if speaker and not re.search(r"[.;]", text[speaker[-1].end : its.start()]):
            return channel_in(text, start, end), (speaker[-1].start, its.end())
    return None
