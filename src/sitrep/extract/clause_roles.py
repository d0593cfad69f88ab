"""Who did it and to whom, read from the clause that tells one act, and how that clause
ties the doer to it.

Input: the report text, the span of one act (its event words), and the actor names found
in the report (``ActorName``). Output: ``ActorRole``s - each actor of the act with its role
(perpetrator, target, victim) and, for a perpetrator, the attribution of the contract.

    "Houthi militants fired two missiles at the ship, CENTCOM said."
        -> Houthis, perpetrator, attributed_by_official
    "Israel was attacked by Hizballah drones"
        -> Hezbollah, perpetrator, attributed_by_source (the report says so)

The rules read the sentence as a reporter writes it: the subject of an active verb
("militias fired") and the agent of a passive one ("attacked by Hizballah drones") are
perpetrators; what follows "at", "against", "on" or "targeting", and the object of a verb
of harm ("wounded two soldiers"), is the target; what the sentence says around the name
decides the attribution. Speakers are not perpetrators ("THE POLICE REPORTED THAT",
"according to the army", "Hamas condemned"), nor are those who stop an act ("THE POLICE
DEFUSED"). extract/actors.py reads the rest of the report around the act.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitrep.extract.actor_mentions import (
    SPEAKS_AFTER,
    TARGET_BEFORE,
    ActorName,
    ActorRole,
    as_role,
    dedupe_roles,
    words_after,
)
from sitrep.extract.claims import (
    CLAIM,
    OFFICIAL,
    SUSPECTED,
    channel_in,
    claim_or_denial,
    is_claimant,
)
from sitrep.extract.messages import own_voice
from sitrep.models import Attribution, Role

_BLAMED_BEFORE = re.compile(
    # "ATTRIBUTED RIVERA'S MURDER TO", "HAS BEEN BLAMED, ACCORDING TO SOME REPORTS, ON"
    r"\b(?:blam(?:ed|es|ing)[\s,]+(?:[\w'-]+[\s,]+){0,5}?on"
    r"|attribut(?:ed|es|ing)\s+(?:[\w'-]+\s+){0,4}?to"
    r"|claimed\s+by"
    r"|the\s+work\s+of"
    # "PERPETRATED IN SAN SALVADOR ON 16 NOVEMBER 1989 BY THE SALVADORAN ARMY"
    r"|(?:carried\s+out|perpetrated|committed|staged|ordered|masterminded)[^.;:]{0,50}?\s+by"
    # "A BOMB WHICH HAD BEEN PLACED BY TERRORISTS": the agent of the act's own verbs
    r"|(?:placed|planted|set|left|thrown|hurled|tossed|detonated|fired|launched|machinegunned"
    r"|shot|struck|hit|targeted|seized|held|taken|executed|riddled)\s+by"
    # "A DRONE THAT HAD BEEN LAUNCHED FROM AREAS UNDER HOUTHI CONTROL": whence it was fired
    r"|(?:launched|fired|shot)\s+from(?:\s+[\w'-]+){0,3})"
    r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,2}[\"“]?$",
    re.IGNORECASE,
)


# "blamed the FMLN for the attack", "hold the army responsible", "accused the police of":
# the one blamed, named between the verb and what it is blamed for.
_BLAMING_BEFORE = re.compile(
    r"\b(?:blam(?:ed|es|ing|e)|accus(?:ed|es|ing|e)|h[eo]lds?|holding|suspect(?:ed|s)?)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)


_BLAMED_FOR_AFTER = re.compile(
    r"^[\s\]\)\"']*(?:\[[^\]]{0,80}\]\s*)?(?:for|of|responsible)\b", re.IGNORECASE
)


# The actor held answerable for the act it precedes.
_RESPONSIBLE_AFTER = re.compile(
    r"^[^.;]*?\b(?:is|are|was|were|be|been)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:to\s+blame|responsible|guilty)\s+(?:for|of)\s+(?:[\w'-]+\s+){0,4}$",
    re.IGNORECASE,
)


# Between an act's word and a name after it, words that make the name something other than
# its object: "CLASHES BETWEEN SOLDIERS AND GUERRILLAS" (both fought), "THE ATTACK, IN
# WHICH GUERRILLA DESERTER ... WAS KILLED", "CLASHES WITH A MILITARY PATROL".
_NOT_OBJECT = re.compile(
    r"[,;]|\b(?:said|says|and|which|who|whom|whose|between|with|while|when|after|before"
    r"|since|because|than|during|following|fear|despite|although|though)\b",
    re.IGNORECASE,
)


# A place after a name, which the name only says whose it is ("THE FMLN CAMP"); its aircraft
# and convoys are the actor acting ("AIR FORCE HELICOPTERS STRAFED").
_PLACE_AFTER = re.compile(
    r"\s+(?:bases?|headquarters|posts?|stations?|barracks|installations?|offices?|buildings?"
    r"|camps?|garrisons?|convoys?|positions?|targets?|sites?|facilit(?:y|ies)|depots?"
    r"|outposts?|checkpoints?|infrastructure|strongholds?|hideouts?)\b",
    re.IGNORECASE,
)


# A second thing said, after a claim: "AND ALSO CHARGED", "AND SAID".
_SPEAKS_AGAIN = re.compile(
    r"\b(?:charged|said|added|reported|denounced|stated|alleged|accused|claimed)\b", re.IGNORECASE
)


# "WERE THE ONES WHO", "WAS THE GROUP THAT": the name is the doer the clause picks out.
_THE_ONES_WHO = re.compile(
    r"\b(?:was|were|is|are)\s+(?:the\s+)?(?:ones?|people|men|persons|group|unit)\s+(?:who|that)"
    r"\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)


# An event word in the progressive: "WAS BOMBING", "were shelling".
_PROGRESSIVE = re.compile(r"[A-Za-z]+ing\b", re.IGNORECASE)


# "ACCORDING TO THE POLICE, UNIDENTIFIED PERSONS DROVE UP ...": the source.
_ACCORDING_BEFORE = re.compile(
    r"\baccording\s+to\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,3}$", re.IGNORECASE
)


# How far after the act's word its agent may follow: "KIDNAPPED MORE THAN A MONTH AGO IN
# BOGOTA BY THE NATIONAL LIBERATION ARMY".
_AGENT_REACH = 70


# Event words whose subject responds to an act instead of doing it.
RESPONSE = re.compile(r"defus|deactivat|dismantl|foil|intercept", re.IGNORECASE)


# "on 26 January", "at 0300": a time, not a target.
_TIME_WORDS = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:night|morning|evening|dawn)\b",
    re.IGNORECASE,
)


_BY_BEFORE = re.compile(
    # not "facilities used by", "a base run by": whose the thing is
    r"(?<!used\s)(?<!owned\s)(?<!run\s)(?<!operated\s)(?<!controlled\s)(?<!held\s)"
    r"(?<!occupied\s)(?<!manned\s)(?<!guarded\s)(?<!frequented\s)"
    r"\b(?:by|from)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,3}[\"“]?$"
    # "KILLED BY A GROUP OF 30 TO 40 MEN WEARING MILITARY UNIFORMS"
    r"|\bby\s+(?:a|an|the)\s+(?:group|band|squad|column|unit|commando|gang|cell)\s+of\s+"
    r"(?:[\w'-]+\s+){0,5}$",
    re.I,
)


# "THE ATTACK WAS REPELLED BY THE ARMED FORCES": "by" names who stopped the act.
_REPELLED_BY_BEFORE = re.compile(
    r"\b(?:repelled|repulsed|thwarted|foiled|defused|deactivated|dismantled|intercepted"
    r"|fended\s+off|beaten\s+back|pushed\s+back|prevented|neutralized|neutralised)"
    r"\s+by\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "A REPORT ISSUED BY THE ARMY", "AS REPORTED BY THE POLICE": "by" names the source.
_SOURCE_BY = re.compile(
    r"\b(?:report(?:s|ed)?|issued|released|published|announced|confirmed|denied|stated|quoted"
    r"|cited|statement|communiqu[eé]|according|interviewed|consulted|informed|told|alerted)"
    r"\s+by\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)


# The force an act helps, not its doer: "in support of the army's offensive", "at the request
# of the government".
_SUPPORTED_BEFORE = re.compile(
    r"\b(?:in\s+support\s+of|to\s+support|supporting|on\s+behalf\s+of|at\s+the\s+request\s+of"
    r"|in\s+aid\s+of|to\s+assist|assisting|to\s+help)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# A clause of its own before the preposition: "A MAN LINKED TO THE CARTEL, WHICH COMPETES
# AGAINST THE OTHER CARTEL": what follows is that clause's, not the act's.
_OWN_CLAUSE = re.compile(r",\s+(?:which|who|whose)\s+(?:[\w-]+\s+){0,3}?$", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|is|are|got|get)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)


def roles(
    text: str,
    act_start: int,
    act_end: int,
    events: Sequence[tuple[int, int]],
    names: Sequence[ActorName],
    responses: Sequence[tuple[int, int]] = (),
) -> list[ActorRole]:
    """The actors of one act: ``events`` are the offsets of its event words, ``act_start``
    to ``act_end`` the clause that tells it, ``names`` every actor named in the report.
    ``responses`` are the event words whose subject stops the act rather than does it
    ("THE POLICE DEFUSED ANOTHER 20 KG OF EXPLOSIVES")."""
    if not events:
        return []
    starts = sorted(s for s, _ in events)
    ends = sorted(e for _, e in events)
    answered = {s for s, _ in responses}
    out: list[ActorRole] = []
    for name in names:
        if not act_start <= name.start < act_end:
            continue
        # The event word the name belongs to: the next one after it ("HEAVY FIGHTING RAGED
        # WHEN MEMBERS OF THE FMLN ATTACKED A SUBSTATION"), else the last one before it.
        following = [s for s in starts if s >= name.end]
        before = [s for s in starts if s < name.start]
        event = following[0] if following else (before[-1] if before else starts[0])
        prior_end = max((e for e in ends if e <= name.start), default=None)
        if (
            following
            and prior_end is not None
            and name.start - prior_end <= _OBJECT_REACH
            and not _NOT_OBJECT.search(text, prior_end, name.start)
            and not _PREPOSITION.search(text, prior_end, name.start)
        ):
            # "wounded two American service members on Sunday, officials said, the latest in
            # a string of attacks": the object of the verb just before, whatever follows.
            event = before[-1]
        elif following and before and _NOUN_PHRASE.fullmatch(text, name.end, following[0]):
            # "killed 10 soldiers in an attack on a base": the next act's word is a noun in
            # a phrase of the verb before, not a verb whose subject the name is.
            event = before[-1]
        elif (
            following
            and before
            and _PROGRESSIVE.match(text, following[0])
            and re.search(r",\s*$", text[name.end : following[0]])
        ):
            # "ambushed a Malian army convoy near Boni, killing 12 soldiers": the participle
            # belongs to the clause's subject; the name is the object of the verb before.
            event = before[-1]
        if following and _other_subject(text, name, names, following[0]):
            if not before and _HEADLINE_GAP.search(text, name.end, following[0]):
                # "CENTCOM statement: Houthi forces attack a tanker": the verb's subject is
                # the other name; this one is before the act, not in it.
                continue
            # "ATTACKING FORCES OF THE SOMALI NATIONAL ARMY NEAR CADALE, WHEN U.S. AFRICA
            # COMMAND HIT THEM": the next verb has its own subject; this name is the
            # object of the one before.
            if before:
                event = before[-1]
        if any(name.start <= s < name.end for s, _ in events):
            # "U.S. warplanes bombed a camp", "Israeli airstrikes on Gaza": the act's words
            # begin inside the name (the aircraft are both the actor and the weapon, the
            # strikes are named by whose they are); what follows the name is the act's.
            event = name.end
        role = _role(text, name, act_start, event, prior_end)
        if role is None:
            continue
        if role == "perpetrator" and event in answered and event >= name.end:
            before_name = text[max(act_start, name.start - 60) : name.start]
            if not (_BLAMED_BEFORE.search(before_name) or _BY_BEFORE.search(before_name)):
                continue  # "THE POLICE DEFUSED THE BOMB": they stopped the act
        if role == "perpetrator":
            tie = attribution_of(text, name, act_start, act_end, names)
            out.append(as_role(name, role, *tie))
        else:
            out.append(as_role(name, role, None, None, None))
    return dedupe_roles(out)


# A verb of harm just before a name, which is its object: "wounding two American soldiers",
# "killed at least four militants"; not "killed by the FMLN".
_HARMED_BEFORE = re.compile(
    r"\b(?:wound(?:ed|ing|s)?|injur(?:ed|ing|es)|kill(?:ed|ing|s)?|abduct(?:ed|ing|s)?"
    r"|kidnapp?(?:ed|ing|s)?|maim(?:ed|ing|s)?|hurt(?:ing|s)?)\s+"
    r"(?:(?!(?:by|in|on|at|near|during|after|before|from|with|for|when|while|and|or)\b)"
    r"[\w'’-]+\s+){0,4}?$",
    re.IGNORECASE,
)


# A count before a name: "20 militants", "at least 12 soldiers", "dozens of civilians".
_COUNTED_BEFORE = re.compile(
    r"(?:\b\d[\d,]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens"
    r"\s+of|scores\s+of|hundreds\s+of|several|many))\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# A headline's passive, with no auxiliary and no object after it: "... killed in airstrikes".
_HEADLINE_PASSIVE = re.compile(
    r"\s+(?:were\s+|are\s+|have\s+been\s+)?(?:killed|wounded|injured|hurt|abducted"
    r"|kidnapped)(?=\s+(?:in|by|during|as|after|near|when|on|at|while|since|following)\b"
    r"|\s*[,.;:]|\s*$)",
    re.IGNORECASE,
)


# A preposition between a verb and a name: the name is no object of the verb ("killed in an
# al-Shabaab attack").
_PREPOSITION = re.compile(
    r"\b(?:in|on|at|by|near|during|from|with|for|after|before|of|to|into|outside|inside)\b",
    re.IGNORECASE,
)


# How far after an act's verb a name is still its object: "wounded two American soldiers".
_OBJECT_REACH = 20


# A phrase that opens on an act's noun: "in an attack", "during the raid", "after a clash".
_NOUN_PHRASE = re.compile(
    # "killed a Hamas commander in an airstrike": the name's own noun may come first
    r"(?:\s+(?:commanders?|leaders?|members?|fighters?|officials?|militants?|officers?"
    r"|operatives?|chiefs?))?"
    r"\s*,?\s*(?:in|during|at|after|before|following|from|with|of)\s+"
    r"(?:(?:an?|the|this|that|its|their|his|her)\s+)?(?:[\w-]+\s+){0,2}?",
    re.IGNORECASE,
)


# "CENTCOM statement: Houthi forces attack a tanker": a speaker set before the act's clause.
_HEADLINE_GAP = re.compile(r":|\b(?:statement|said|says|reports?|reported|announced)\b", re.I)


def _other_subject(text: str, name: ActorName, names: Sequence[ActorName], event: int) -> bool:
    """Whether another actor stands between ``name`` and the event word ``event`` as that
    word's own subject. One joined to the name ("X and Y attacked") or set beside it ("THE
    EXTRADITABLES, THE ARMED WING OF THE MEDELLIN CARTEL, GUNNED DOWN") does not."""
    for other in names:
        if name.end <= other.start and other.end <= event:
            return re.match(r"[\s\"'”]*(?:,|and\b|or\b)", text[name.end : other.start]) is None
    return False


def attribution_of(
    text: str,
    name: ActorName,
    act_start: int,
    act_end: int,
    names: Sequence[ActorName] = (),
) -> tuple[Attribution, str | None, tuple[int, int] | None]:
    """How the report ties the perpetrator to the act, the claim channel, and the cue.
    Only the act's own clause counts; a claim in the next sentence is handled by
    ``claims_elsewhere``. ``names``: the report's actors, so that a claim made by another
    one after this name is not read as this one's."""
    said = claim_or_denial(text, name, act_end)
    if said is not None and is_claimant(text, name, names, said[1]):
        attribution, found = said
        channel = channel_in(text, act_start, act_end) if attribution == "claimed" else None
        return attribution, channel, (found.start(), found.end())
    near_lo = max(act_start, name.start - 80)
    suspected = SUSPECTED.search(text, near_lo, min(act_end, name.end + 40))
    if suspected is not None:
        return "suspected", None, (suspected.start(), suspected.end())
    voice = own_voice(text, name, act_start, act_end, names)
    if voice is not None:
        return "claimed", voice[0], voice[1]
    official = OFFICIAL.search(text, act_start, act_end)
    if official is not None and not (official.start() <= name.start < official.end()):
        return "attributed_by_official", None, (official.start(), official.end())
    return "attributed_by_source", None, None


def _role(
    text: str, name: ActorName, act_start: int, first_event: int, prior_end: int | None = None
) -> Role | None:
    """``first_event``: the event word the name goes with; ``prior_end``: where the last
    event word before the name ends."""
    before = text[max(act_start, name.start - 60) : name.start]
    if _SOURCE_BY.search(before) or _ACCORDING_BEFORE.search(before):
        return None  # "ACCORDING TO A REPORT ISSUED BY THE ARMY": the source
    if _SUPPORTED_BEFORE.search(before):
        return None  # "a strike in support of the army's offensive": the force helped
    if _REPELLED_BY_BEFORE.search(before):
        return None  # "THE ATTACK WAS REPELLED BY THE ARMED FORCES": they stopped it
    if _BLAMED_BEFORE.search(before):
        return "perpetrator"  # "blamed on al-Shabaab", "PERPETRATED BY UNIDENTIFIED MEN"
    if _HARMED_BEFORE.search(before):
        # "wounded two American service members": who the act harmed
        return "target" if name.named else "victim"
    if (
        _BY_BEFORE.search(before)
        and prior_end is not None
        and name.start - prior_end <= _AGENT_REACH
    ):
        # "attacked by Hizballah drones", "KILLED BY FMLN GUERRILLAS"; not "2,500 PEOPLE
        # HAVE BEEN DETAINED BY THE POLICE IN RAIDS ... FOR HIS KIDNAPPERS".
        return "perpetrator"
    if _BLAMING_BEFORE.search(before) and _BLAMED_FOR_AFTER.match(words_after(text, name)):
        return "perpetrator"  # "THE POLICE BLAMED THE FMLN FOR THE ATTACK"
    target = TARGET_BEFORE.search(before)
    if (
        target is not None
        and not _TIME_WORDS.search(target.group(0))
        and not _OWN_CLAUSE.search(before, 0, target.start())
    ):
        return "target"  # "fired two rockets at a U.S. base", "an attack on the FMLN"
    if name.end <= first_event:
        between = text[name.end : first_event]
        if _COUNTED_BEFORE.search(before) and _HEADLINE_PASSIVE.match(text, name.end):
            # "20 militants killed in Pak airstrikes": a headline's passive, its victims
            return "target" if name.named else "victim"
        if SPEAKS_AFTER.match(between) and not CLAIM.search(between + text[first_event:][:80]):
            return None  # "THE POLICE REPORTED THAT A CAR BOMB EXPLODED": the source
        claim = CLAIM.search(between)
        if claim is not None and _SPEAKS_AGAIN.search(between, claim.end()):
            # "THE FRONT CLAIMED IT DOWNED A HELICOPTER AND CHARGED THAT HOUSES WERE DESTROYED":
            # the claim is of another act; of this one the name only speaks
            return None
        if _THE_ONES_WHO.search(between) and len(between) <= 80:
            return "perpetrator"  # "SOLDIERS WERE THE ONES WHO MURDERED THE PRIESTS"

        if _RESPONSIBLE_AFTER.search(between) and not re.search(
            r"\b(?:with|of|and|to|for|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", before, re.I
        ):
            # "DEATH SQUADS, WORKING CLOSELY WITH ..., ARE MOST CERTAINLY TO BLAME FOR THE
            # RECENT MURDER OF SIX PRIESTS"
            return "perpetrator"
        if re.search(r"\b(?:who|which|that)\s+(?:[\w-]+\s+){0,2}?(?:was|were)\b", between, re.I):
            # "GUERRILLAS RELEASED THREE ENGINEERS WHO WERE KIDNAPPED": the passive is the
            # engineers'; what the name did to them is not said in this clause.
            return None
        if _PROGRESSIVE.match(text, first_event) and re.search(
            r"\b(?:was|were|is|are|been)\s+$", between, re.I
        ):
            # "THE ARMY WAS BOMBING NEIGHBORHOODS": the active voice, in the progressive
            return "perpetrator" if len(between) <= 80 else None
        if _PASSIVE_BEFORE.search(between) or re.search(r"\b(?:was|were)\b", between, re.I):
            return "target"  # "Israel was attacked by ..."
        if re.match(r"\s*,", between) and re.search(
            r"\bwith\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", before, re.IGNORECASE
        ):
            return None  # "DEATH SQUADS, WORKING CLOSELY WITH MILITARY MEN, ARE TO BLAME"
        if _PLACE_AFTER.match(text, name.end):
            return None  # "THE ARMY BASE ... WAS SHELLED": the name says whose the place is
        if len(between) <= 80:
            return "perpetrator"  # "These same militias fired", "FMLN GUERRILLAS ATTACKED"
        return None
    # After the act's word with no preposition: the object of an active verb.
    gap = text[first_event : name.start]
    if len(gap) <= 40 and not _NOT_OBJECT.search(gap):
        return "target" if name.named else "victim"
    return None
