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
sentence says around the name decides the attribution. Speakers are not perpetrators
("THE POLICE REPORTED THAT", "according to the army", "Hamas condemned"), nor are those
who stop an act ("THE POLICE DEFUSED").

Beyond the act's own clause, in this order:

- mentions: a kind stands for the group the report names ("THE GUERRILLAS" after the
  FMLN; "the army" after "SALVADORAN ARMY"); a name and its bracketed acronym are one;
- claims and denials in the next sentences, and anywhere in the report when they are of
  this perpetrator or of the same kind of act ("HAS CLAIMED RESPONSIBILITY FOR THE
  KIDNAPPING"); a first-person account ("OUR UNITS SHOT DOWN") is a claim;
- blame told nearby ("THE POLICE SUSPECT SHINING PATH") adds a ``suspected`` perpetrator;
- an act with no perpetrator beside a group named just before it, or in a report that
  names one armed actor only, records that group with attribution ``unknown``.
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
    from sitrep.resolve.actors import ActorRegistry

# A claim: the actor says it did it.
_CLAIM = re.compile(
    r"\bclaim(?:ed|s|ing)?\s+(?:the\s+)?(?:responsibility|credit"
    # "claimed that the attack was a maneuver by ...": a statement, not a claim
    r"|(?!that\s+(?:the|a|an|it|they|he|she|this)\b)"
    r"(?:the\s+|an?\s+|this\s+|that\s+)?(?:[\w-]+\s+){0,2}?(?:attack|strike|bombing|operation"
    r"|killing|kidnapping|assassination|ambush|raid)s?\b)"
    r"|\b(?:said|says|announced|stated|claim(?:ed|s)?|admitted)\s+(?:that\s+)?(?:it|they)\s+"
    r"(?:had\s+|has\s+|have\s+)?(?:carried\s+out|targeted|attacked|launched|fired|struck|hit"
    r"|bombed|killed|downed|shot|inflicted|destroyed|ambushed|kidnapped|executed|blew\s+up"
    r"|sabotaged|(?:was|were)\s+responsible)"
    r"|\b(?:took|accepted|assumed|admitted)\s+(?:full\s+)?responsibility"
    r"|\badmit(?:ted|s)?\s+(?:its|their)\s+(?:role|involvement|participation)"
    # "LEFT MESSAGES WITH LOCAL NEWSPAPERS CLAIMING TO BE THE ASSAILANTS"
    r"|\bclaim(?:ed|s|ing)?\s+to\s+(?:be|have\s+been)\s+(?:the\s+)?(?:assailants|attackers"
    r"|perpetrators|authors|killers|kidnappers|ones\s+responsible|responsible)"
    r"|\bin\s+a\s+claim\b",
    re.IGNORECASE,
)
# "NEITHER THE GUERRILLAS NOR ANY OTHER ORGANIZATION HAVE CLAIMED RESPONSIBILITY"
_NEGATED = re.compile(r"\b(?:no|not|neither|nor|never|yet\s+to|none)\b", re.IGNORECASE)
# A sentence that may tell a claim or a denial, anywhere in the report.
_CLAIM_HINT = re.compile(r"\b(?:claim|responsib|credit|admit|den[iy])", re.IGNORECASE)
_DENIAL = re.compile(
    r"\bden(?:ied|ies|y|ying)\s+(?:any\s+|all\s+)?(?:involvement|responsibility|role|part"
    r"|links?|carrying|that\s+(?:it|they))|\brejected\s+(?:any\s+)?(?:responsibility|involvement)",
    re.IGNORECASE,
)
_SUSPECTED = re.compile(
    r"\b(?:suspected|suspect|believed|alleged(?:ly)?|presumabl[ey]|presumed|apparently"
    r"|blamed|blames|blaming|accused|accuses|accusing|attributed|reportedly|likely|probably"
    r"|thought\s+to\s+be|possibly|to\s+blame)\b"
    # "FOR WHICH THEY HOLD THE ARMY RESPONSIBLE"
    r"|\b(?:hold|holds|held|holding)\b(?=[^.;]{0,60}\bresponsible\b)",
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
    # "ATTRIBUTED RIVERA'S MURDER TO", "HAS BEEN BLAMED, ACCORDING TO SOME REPORTS, ON"
    r"\b(?:blamed[\s,]+(?:[\w'-]+[\s,]+){0,5}?on|attributed\s+(?:[\w'-]+\s+){0,4}?to"
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
# A blame told in its own sentence: "COPREFA ... BLAMED THE FMLN [FARABUNDO MARTI NATIONAL
# LIBERATION FRONT]", "THE POLICE SUSPECT THE EXTREME LEFT-WING MAOIST ORGANIZATION, 'SENDERO
# LUMINOSO'", "officials attributed the attack to al-Shabaab".
_BLAME_VERB_BEFORE = re.compile(
    r"\b(?:blam(?:ed|es|ing|e)|accus(?:ed|es|ing|e)|suspect(?:ed|s)?|attribut(?:ed|es|ing|e)"
    r"(?:\s+[\w-]+){0,4}?\s+to|blamed(?:\s+[\w-]+){0,4}?\s+on)"
    r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w,'\"“”-]+\s+){0,5}?[\"“]?$",
    re.IGNORECASE,
)
_BLAMED_FOR_AFTER = re.compile(
    r"^[\s\]\)\"']*(?:\[[^\]]{0,80}\]\s*)?(?:for|of|responsible)\b", re.IGNORECASE
)
# The actor is the one speaking: "THE POLICE HAVE REPORTED THAT A CARBOMB EXPLODED".
_SPEAKS_AFTER = re.compile(
    r"^[\s,]*(?:[\w-]+\s+){0,3}?(?:said|says|reported|reports|announced|stated|told|confirmed"
    r"|added|explained|indicated|disclosed|revealed|noted|asserted|denounced|charged|blamed"
    r"|accused|attributed|denied|learned|believes?|suspects?|informed|warned"
    # "HAMAS CONDEMNED THE ATTACK", "THE FMLN, REGARDING THE ATTACK ON ...": not the doer
    r"|condemn(?:s|ed)?|repudiat(?:es|ed)|deplor(?:es|ed)|lament(?:s|ed)|regarding|concerning"
    r"|mourn(?:s|ed)?|investigat(?:es|ed|ing)|demanded|urged"
    # "THE ARMED FORCES CLAIMED THEY HAD NO INFORMATION"; a claim of the act is read apart
    r"|claim(?:s|ed)?(?!\s+(?:full\s+)?(?:responsibility|credit)))\b"
    # "[FMLN GENERAL COMMAND] [TEXT] CONCERNING ...": a label over the text, not a subject
    r"|^[^\[\]]*\]\s*\[",
    re.IGNORECASE,
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
    r"|since|because|than|during|following|fear)\b",
    re.IGNORECASE,
)
# "ACCORDING TO THE POLICE, UNIDENTIFIED PERSONS DROVE UP ...": the source.
_ACCORDING_BEFORE = re.compile(
    r"\baccording\s+to\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,3}$", re.IGNORECASE
)
# How far after the act's word its agent may follow: "KIDNAPPED MORE THAN A MONTH AGO IN
# BOGOTA BY THE NATIONAL LIBERATION ARMY".
_AGENT_REACH = 70
# Event words whose subject responds to an act instead of doing it.
_RESPONSE = re.compile(r"defus|deactivat|dismantl|foil|intercept", re.IGNORECASE)
# A kind of actor used as a modifier: "A POLICE STATION", "MILITARY SOURCES", "POLICE
# EXPLOSIVES EXPERTS" name a place or a speaker, not an actor of the act.
_MODIFIED_NOUN = re.compile(
    r"[ \t\n]+(?:and\s+[\w-]+\s+)?(?:explosives\s+)?"
    r"(?:stations?|posts?|bases?|headquarters|barracks|garrisons?"
    r"|reports?|sources?|spokes(?:man|men|woman|person)|intelligence|experts?|chiefs?"
    r"|commanders?|academy|school|hospital|press|communiqu[eé]s?|statements?|checkpoints?"
    r"|installations?|facilit(?:y|ies)|buildings?|uniforms?|investigators?|authorities"
    r"|officials?|court|radio)\b",
    re.IGNORECASE,
)
# "on 26 January", "at 0300": a time, not a target.
_TIME_WORDS = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:night|morning|evening|dawn)\b",
    re.IGNORECASE,
)
_BY_BEFORE = re.compile(
    r"\b(?:by|from)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,3}[\"“]?$"
    # "KILLED BY A GROUP OF 30 TO 40 MEN WEARING MILITARY UNIFORMS"
    r"|\bby\s+(?:a|an|the)\s+(?:group|band|squad|column|unit|commando|gang|cell)\s+of\s+"
    r"(?:[\w'-]+\s+){0,5}$",
    re.I,
)
# "A REPORT ISSUED BY THE ARMY", "AS REPORTED BY THE POLICE": "by" names the source.
_SOURCE_BY = re.compile(
    r"\b(?:report(?:s|ed)?|issued|released|published|announced|confirmed|denied|stated|quoted"
    r"|cited|statement|communiqu[eé]|according|interviewed|consulted|informed|told|alerted)"
    r"\s+by\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
_TARGET_BEFORE = re.compile(
    r"\b(?:at|against|on|targeting|targeted|toward|towards|into)\s+(?:the\s+|a\s+|an\s+)?"
    # "IMPOSED ON THE ENTIRE COUNTRY AFTER FMLN GUERRILLAS CARRIED OUT ...": a word that
    # opens a clause ends the phrase the preposition governs.
    r"(?:(?!(?:after|before|when|while|since|because|where|which|who|that|and|but|as|then"
    r"|until|once|if)\b)[\w.'-]+\s+){0,3}$",
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
    named: bool = True  # False: a kind of actor ("gunmen"), not a named one


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
        if following and before and _other_subject(text, name, names, following[0]):
            # "ATTACKING FORCES OF THE SOMALI NATIONAL ARMY NEAR CADALE, WHEN U.S. AFRICA
            # COMMAND HIT THEM": the next verb has its own subject; this name is the
            # object of the one before.
            event = before[-1]
        prior = [e for e in ends if e <= name.start]
        role = _role(text, name, act_start, event, prior[-1] if prior else None)
        if role is None:
            continue
        if role == "perpetrator" and event in answered and event >= name.end:
            before_name = text[max(act_start, name.start - 60) : name.start]
            if not (_BLAMED_BEFORE.search(before_name) or _BY_BEFORE.search(before_name)):
                continue  # "THE POLICE DEFUSED THE BOMB": they stopped the act
        if role == "perpetrator":
            tie = attribution_of(text, name, act_start, act_end, names)
            out.append(_as_role(name, role, *tie))
        else:
            out.append(_as_role(name, role, None, None, None))
    return _dedupe(out)


def _other_subject(text: str, name: ActorName, names: Sequence[ActorName], event: int) -> bool:
    """Whether another actor stands between ``name`` and the event word ``event`` as that
    word's own subject. One joined to the name ("X and Y attacked") or set beside it ("THE
    EXTRADITABLES, THE ARMED WING OF THE MEDELLIN CARTEL, GUNNED DOWN") does not."""
    for other in names:
        if name.end <= other.start and other.end <= event:
            return re.match(r"[\s\"'”]*(?:,|and\b|or\b)", text[name.end : other.start]) is None
    return False


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
            if not _claimant(text, name, names, found):
                continue
            if found.start() - name.end > 120 or _MANY.match(text, found.end()):
                # "have claimed responsibility for more than 100 launches": many acts
                continue
            if re.search(r"\b(?:a|an)\b", found.group(0), re.IGNORECASE):
                continue  # "claimed a drone attack on the base": another act, told there
            channel = _channel(text, sentence.start, sentence.end)
            cue = (found.start(), found.end())
            out.append(_as_role(name, "perpetrator", attribution, channel, cue))
    return _dedupe(out)


def _claimant(text: str, name: ActorName, names: Sequence[ActorName], found: re.Match[str]) -> bool:
    """Whether ``name`` is who makes the claim or denial ``found``: the nearest actor
    before it ("THE POLICE SAID THE MRTA CLAIMED IT" is the MRTA's claim), and not
    negated ("NO GROUP HAS CLAIMED RESPONSIBILITY")."""
    if any(name.end <= n.start and n.end <= found.start() for n in names):
        return False
    return not _NEGATED.search(text, max(0, name.start - 25), found.start())


def blames_near(
    text: str, names: Sequence[ActorName], sentences: Sequence[Sentence]
) -> list[ActorRole]:
    """Actors blamed, accused or suspected in ``sentences``: perpetrators with attribution
    ``suspected``. The one blamed is the first actor after the verb; a denial of blame
    ("DID NOT BLAME") is none."""
    out = []
    for sentence in sentences:
        inside = [n for n in names if sentence.start <= n.start < sentence.end and n.named]
        for index, name in enumerate(inside):
            lo = max(sentence.start, name.start - 90)
            verb = _BLAME_VERB_BEFORE.search(text, lo, name.start)
            if verb is None:
                continue
            if index and inside[index - 1].end > verb.start():
                continue  # another actor stands between the verb and this one
            if _NEGATED.search(text, max(sentence.start, verb.start() - 25), verb.start()):
                continue
            out.append(_as_role(name, "perpetrator", "suspected", None, (verb.start(), verb.end())))
    return _dedupe(out)


def claims_in_report(
    text: str, names: Sequence[ActorName], sentences: Sequence[Sentence]
) -> list[ActorRole]:
    """Claims and denials anywhere in the report ("THE MRTA HAS CLAIMED RESPONSIBILITY
    FOR THE KIDNAPPING OF HECTOR DELGADO PARKER")."""
    told = [s for s in sentences if _CLAIM_HINT.search(text, s.start, s.end)]
    return claims_elsewhere(text, names, told) if told else []


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
        name.named,
    )


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
    said = _claim_or_denial(text, name, act_end)
    if said is not None and _claimant(text, name, names, said[1]):
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


def _role(
    text: str, name: ActorName, act_start: int, first_event: int, prior_end: int | None = None
) -> Role | None:
    """``first_event``: the event word the name goes with; ``prior_end``: where the last
    event word before the name ends."""
    before = text[max(act_start, name.start - 60) : name.start]
    if _SOURCE_BY.search(before) or _ACCORDING_BEFORE.search(before):
        return None  # "ACCORDING TO A REPORT ISSUED BY THE ARMY": the source
    if _BLAMED_BEFORE.search(before):
        return "perpetrator"  # "blamed on al-Shabaab", "PERPETRATED BY UNIDENTIFIED MEN"
    if (
        _BY_BEFORE.search(before)
        and prior_end is not None
        and name.start - prior_end <= _AGENT_REACH
    ):
        # "attacked by Hizballah drones", "KILLED BY FMLN GUERRILLAS"; not "2,500 PEOPLE
        # HAVE BEEN DETAINED BY THE POLICE IN RAIDS ... FOR HIS KIDNAPPERS".
        return "perpetrator"
    if _BLAMING_BEFORE.search(before) and _BLAMED_FOR_AFTER.match(_after(text, name)):
        return "perpetrator"  # "THE POLICE BLAMED THE FMLN FOR THE ATTACK"
    target = _TARGET_BEFORE.search(before)
    if target is not None and not _TIME_WORDS.search(target.group(0)):
        return "target"  # "fired two rockets at a U.S. base", "an attack on the FMLN"
    if name.end <= first_event:
        between = text[name.end : first_event]
        if _SPEAKS_AFTER.match(between) and not _CLAIM.search(between + text[first_event:][:80]):
            return None  # "THE POLICE REPORTED THAT A CAR BOMB EXPLODED": the source

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
        if _PASSIVE_BEFORE.search(between) or re.search(r"\b(?:was|were)\b", between, re.I):
            return "target"  # "Israel was attacked by ..."
        if re.match(r"\s*,", between) and re.search(
            r"\bwith\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", before, re.IGNORECASE
        ):
            return None  # "DEATH SQUADS, WORKING CLOSELY WITH MILITARY MEN, ARE TO BLAME"
        if len(between) <= 80:
            return "perpetrator"  # "These same militias fired", "FMLN GUERRILLAS ATTACKED"
        return None
    # After the act's word with no preposition: the object of an active verb.
    gap = text[first_event : name.start]
    if len(gap) <= 40 and not _NOT_OBJECT.search(gap):
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


# Unnamed kinds that stand for an organisation the report names: "the guerrillas" of a
# report about the FMLN are the FMLN's, "the militants" of one about al-Shabaab al-Shabaab's.
_REBEL_TYPES = frozenset({"Rebel Groups"})
_ARMED_TYPES = frozenset({"Rebel Groups", "Political Militias"})
_RESOLVABLE_KINDS: dict[str, frozenset[str]] = {
    "unnamed-guerrillas": _REBEL_TYPES,
    "unnamed-rebels": _REBEL_TYPES,
    "unnamed-subversives": _REBEL_TYPES,
    "unnamed-insurgents": _REBEL_TYPES,
    "unnamed-maoists": _REBEL_TYPES,
    "unnamed-terrorists": _ARMED_TYPES,
    "unnamed-militants": _ARMED_TYPES,
    "unnamed-jihadists": _ARMED_TYPES,
}
# The heads of references that can only mean an armed group, never the state's forces.
_GROUP_HEADS = frozenset(
    "militia group militant rebel guerrilla insurgent fighter organization organisation"
    " movement".split()
)
# How many sentences before an act may name the group it is read beside.
_CONTEXT_SENTENCES = 3
# How far back a reference or a bare kind looks for the organisation it stands for.
_REACH = 2000
# "TERRORISTS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT": the kind, then whose.
_OF_THE = re.compile(r"\s+(?:of|from|belonging\s+to)\s+(?:the\s+)?$", re.IGNORECASE)
# Between a name and its kind: "FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] URBAN COMMANDOS".
_NAME_GLUE = re.compile(r"[\s\[\]()\"'’]*")


# The state's forces by the branch a kind names: soldiers and troops are an army's.
_BRANCH_OF_KIND = {
    "army": "army",
    "the army": "army",
    "army troops": "army",
    "army patrol": "army",
    "soldiers": "army",
    "soldier": "army",
    "troops": "army",
    "government troops": "army",
    "government soldiers": "army",
    "armed forces": "armed forces",
    "the armed forces": "armed forces",
    "members of the armed forces": "armed forces",
    "air force": "air force",
    "the air force": "air force",
    "police": "police",
    "the police": "police",
    "national police": "police",
    "policemen": "police",
    "police forces": "police",
    "military": "armed forces",
    "the military": "armed forces",
    "military men": "armed forces",
    "government forces": "armed forces",
}


def _state_force(kind: ActorName, names: Sequence[ActorName]) -> ActorName | None:
    """The named force an unnamed one is: "the army" of a report that has named the
    "SALVADORAN ARMY" is the Salvadoran Army; the nearest such name before it, or the only
    one in the report."""
    branch = _BRANCH_OF_KIND.get(kind.name.lower())
    if branch is None:
        return None
    forces = [
        n
        for n in names
        if n.named and n.actor_type == "State Forces" and f" {branch} " in f" {n.name.lower()} "
    ]
    earlier = [n for n in forces if n.end <= kind.start and kind.start - n.end < _REACH]
    if earlier:
        return earlier[-1]
    if len({n.actor_id for n in forces}) == 1:
        return forces[0]
    return _national_force(kind, names, branch)


def _national_force(kind: ActorName, names: Sequence[ActorName], branch: str) -> ActorName | None:
    """ "The military" of a report whose named state forces are all one country's ("ATLACATL
    BATTALION", "SALVADORAN AIR FORCE") is that country's armed forces, and "soldiers" its
    army where the actor list has one."""
    from sitrep.resolve.actors import registry

    actors = registry()
    roots = {
        _root(actors, n.actor_id)
        for n in names
        if n.named and n.actor_type == "State Forces" and n.actor_id is not None
    }
    if len(roots) != 1 or branch == "police":
        return None
    root = actors.get(roots.pop())
    if "police" in root.name.lower() or len(root.countries) != 1:
        # The police are not the military; forces that serve abroad (U.S. forces) are not
        # the forces of the country a report is about.
        return None
    chosen = root
    if branch != "armed forces":
        # "soldiers", "the air force": the branch of those forces with that name
        branches = [m for m in actors.members(root.id) if f" {branch} " in f" {m.name.lower()} "]
        if len(branches) == 1:
            chosen = branches[0]
    return ActorName(kind.start, kind.end, kind.text, chosen.name, chosen.id, chosen.type, True)


def _root(actors: ActorRegistry, actor_id: str) -> str:
    """The state force at the top of ``actor_id``'s umbrellas (the Atlacatl Battalion's is
    the Salvadoran Armed Forces)."""
    seen = {actor_id}
    entry = actors.get(actor_id)
    while True:
        parents = [
            u for u in entry.umbrella if actors.get(u).type == "State Forces" and u not in seen
        ]
        if not parents:
            return entry.id
        entry = actors.get(parents[0])
        seen.add(entry.id)


def _after(text: str, name: ActorName) -> str:
    """The words just after a name (the patterns read from their start, "^")."""
    return text[name.end : name.end + 120]


def _compatible(name: ActorName, types: frozenset[str]) -> bool:
    return name.named and name.actor_type in types


def _stands_for(
    kind: ActorName, names: Sequence[ActorName], types: frozenset[str]
) -> ActorName | None:
    """The organisation an unnamed kind stands for: the nearest one named before it in the
    report, or, when none is, the only one the report names at all."""
    earlier = [
        n
        for n in names
        if n.end <= kind.start and kind.start - n.end < _REACH and _compatible(n, types)
    ]
    if earlier:
        return earlier[-1]
    anywhere = {n.actor_id for n in names if _compatible(n, types)}
    if len(anywhere) == 1:
        return next(n for n in names if _compatible(n, types))
    return None


def _as_named(kind: ActorName, organisation: ActorName, end: int | None = None) -> ActorName:
    stop = kind.end if end is None else end
    return ActorName(
        kind.start,
        stop,
        kind.text if end is None else "",
        organisation.name,
        organisation.actor_id,
        organisation.actor_type,
        True,
    )


def resolve_kinds(text: str, names: Sequence[ActorName]) -> list[ActorName]:
    """Unnamed kinds of armed group ("the guerrillas", "URBAN COMMANDOS") replaced by the
    organisation they stand for, where the report names one; other names unchanged."""
    out: list[ActorName] = []
    skip: set[int] = set()
    for index, name in enumerate(names):
        if index in skip:
            continue
        types = _RESOLVABLE_KINDS.get(name.actor_id or "") if not name.named else None
        if types is None:
            force = None if name.named else _state_force(name, names)
            out.append(name if force is None else _as_named(name, force))
            continue
        following = names[index + 1] if index + 1 < len(names) else None
        if (
            following is not None
            and _compatible(following, types)
            and _OF_THE.search(text, name.end, following.start)
            and following.start - name.end < 30
        ):
            # "TERRORISTS OF THE FMLN": one mention, the organisation's.
            merged = _as_named(name, following, following.end)
            out.append(
                ActorName(
                    merged.start,
                    merged.end,
                    text[merged.start : merged.end],
                    merged.name,
                    merged.actor_id,
                    merged.actor_type,
                )
            )
            skip.add(index + 1)
            continue
        organisation = _stands_for(name, names, types)
        out.append(name if organisation is None else _as_named(name, organisation))
    return out


def with_anaphors(text: str, names: Sequence[ActorName]) -> list[ActorName]:
    """``names`` plus the references back to them: "These same militias fired two
    rockets" names the "Iran-backed Shiite militias operating in Iraq" of the sentence
    before. A reference takes the nearest earlier name within a few sentences that can
    be what it names: "the guerrillas" are never the army."""
    out = list(names)
    for match in ANAPHOR.finditer(text):
        inside = [n for n in names if n.start < match.end() and match.start() < n.end]
        if any(n.named for n in inside):
            continue  # part of a name already: "the group Islamic State"
        head = match.group(0).split()[-1].lower().rstrip("s")
        earlier = [
            n
            for n in names
            if n.end <= match.start()
            and match.start() - n.end < 600
            and not (head in _GROUP_HEADS and n.actor_type == "State Forces")
        ]
        if not earlier:
            continue
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

    actors = registry()
    names: list[ActorName] = []
    for hit in actors.find(text, start):
        begin, name = hit.start, hit.actor.name
        after_named = bool(names) and names[-1].named
        if (
            not hit.actor.named
            and after_named
            and _NAME_GLUE.fullmatch(text, names[-1].end, hit.start)
        ):
            continue  # "Houthi militants", "FMLN [...] URBAN COMMANDOS": the group, named
        if (
            hit.actor.named
            and after_named
            and names[-1].actor_id == hit.actor.id
            and _NAME_GLUE.fullmatch(text, names[-1].end, hit.start)
        ):
            # "ARMY OF NATIONAL LIBERATION (ELN)": one mention, whatever role it has.
            last = names.pop()
            names.append(
                ActorName(
                    last.start,
                    hit.end,
                    text[last.start : hit.end],
                    last.name,
                    last.actor_id,
                    last.actor_type,
                    last.named,
                )
            )
            continue
        if not hit.actor.named and _MODIFIED_NOUN.match(text, hit.end):
            continue  # "A POLICE STATION", "MILITARY SOURCES SAID"
        if not hit.actor.named:
            # An unnamed kind is named as the report words it: "drug mafias", "army".
            name = _kind_name(actors.spelling(hit.text) or hit.actor.name)
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
    return resolve_kinds(text, with_anaphors(text, names))


def _kind_name(spelled: str) -> str:
    """ "the army" -> "army": the article belongs to the sentence, not the name."""
    return re.sub(r"^(?:the|a|an)\s+", "", spelled, flags=re.IGNORECASE)


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
    return _dedupe(_incident_roles(text, draft, sentences, names))


def _incident_roles(
    text: str,
    draft: Draft,
    sentences: Sequence[Sentence],
    names: Sequence[ActorName],
) -> list[ActorRole]:
    found: list[ActorRole] = []
    for cluster in draft.clusters:
        events = [(e.start, e.end) for e in cluster.events]
        responses = [(e.start, e.end) for e in cluster.events if _RESPONSE.match(e.text)]
        found.extend(roles(text, cluster.start, cluster.end, events, names, responses))
    near = sentences[draft.clusters[0].sentence : draft.last.sentence + 4]
    out = merge_claims(found, claims_elsewhere(text, names, near))
    own = own_account(text, draft, names)
    if own is not None:
        out = merge_claims(out, [own])
    out = merge_claims(out, _report_claims_of(text, draft, sentences, names, out))
    told = sentences[max(draft.clusters[0].sentence - 2, 0) : draft.last.sentence + 4]
    have = {r.name for r in out}
    out += [b for b in blames_near(text, names, told) if b.name not in have]
    perpetrators = [r for r in out if r.role == "perpetrator"]
    if any(r.named for r in perpetrators):
        return out
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
        if context is None or context.attribution != "suspected":
            return out
        return [*out, context]
    if context is None:
        context = only_group(text, names, out)
    return out if context is None else [*out, context]


def _report_claims_of(
    text: str,
    draft: Draft,
    sentences: Sequence[Sentence],
    names: Sequence[ActorName],
    found: Sequence[ActorRole],
) -> list[ActorRole]:
    """Claims told anywhere in the report that are this act's: by a group already its
    perpetrator, or, for an act with none, a claim naming the same kind of act ("HAS
    CLAIMED RESPONSIBILITY FOR THE KIDNAPPING" of a kidnapping)."""
    perpetrators = {r.name for r in found if r.role == "perpetrator"}
    # What the act's own passage says (a claim, a denial) is not overruled from afar.
    settled = {
        r.name for r in found if r.role == "perpetrator" and r.attribution in ("claimed", "denied")
    }
    stems = {_stem(e.text) for c in draft.clusters for e in c.events}
    out = []
    for claim in claims_in_report(text, names, sentences):
        if claim.name in settled:
            continue
        if claim.name in perpetrators:
            out.append(claim)
        elif not perpetrators and claim.attribution == "claimed" and claim.cue is not None:
            # The act the claim is for: the words after the cue, up to the clause's end.
            told = re.split(r"[.;]", text[claim.cue[0] : claim.cue[1] + 80])[0]
            if any(_stem(w) in stems for w in re.findall(r"[A-Za-z]{5,}", told)):
                out.append(claim)
    return out


def _stem(word: str) -> str:
    """ "KIDNAPPING", "kidnapped" -> "kidna": enough to tell one kind of act from another."""
    return word.lower()[:5]


def only_group(
    text: str, names: Sequence[ActorName], taken: Sequence[ActorRole]
) -> ActorRole | None:
    """An act with no perpetrator in a report that names one armed group and no other: the
    report is about that group ("THE MRTA, WHICH HAS DETONATED ABOUT 20 CAR BOMBS ...").
    Recorded with attribution ``unknown``, as in ``in_context``."""
    groups = [n for n in names if _compatible(n, _ARMED_TYPES)]
    # Every armed actor the report mentions, unnamed kinds too ("Iran-backed militias",
    # "gunmen"): a second one means the act may be its, and no guess is made.
    armed = {n.name for n in names if n.actor_type != "State Forces"}
    if len({n.actor_id for n in groups}) != 1 or len(armed) != 1:
        return None
    aimed_at = {r.name for r in taken if r.role in ("target", "victim")}
    spoken = [
        n for n in groups if n.name not in aimed_at and not _SPEAKS_AFTER.match(_after(text, n))
    ]
    return _as_role(spoken[0], "perpetrator", "unknown", None, None) if spoken else None


# A group telling its own act: "OUR ANTIAIRCRAFT UNITS OPENED FIRE ON TWO HELICOPTERS", "WE
# ATTACKED THE GARRISON". Only nouns for a group's own fighters count: in a government's
# statement "our armed forces" or "our troops" are the state's, not a claim by the rebels.
_FIRST_PERSON = re.compile(
    r"\bour\s+(?:[\w'-]+\s+){0,3}?(?:units?|combatants|fighters|guerrillas?|columns?"
    r"|commandos?|militants|mujahideen|mujahidin|brigades?|detachments?|cells?)\b"
    r"|\bwe\s+(?:have\s+|had\s+|also\s+)*$",
    re.IGNORECASE,
)


def own_account(text: str, draft: Draft, names: Sequence[ActorName]) -> ActorRole | None:
    """The act told in the first person by the armed group the report speaks for (its
    communiqué or radio): a claim. The group is the one named last before the act."""
    for cluster in draft.clusters:
        for event in cluster.events:
            lo = max(cluster.start, event.start - 80)
            found = _FIRST_PERSON.search(text, lo, event.start)
            if found is None:
                continue
            groups = [n for n in names if n.end <= event.start and _compatible(n, _ARMED_TYPES)]
            if not groups:
                return None
            return _as_role(
                groups[-1], "perpetrator", "claimed", None, (found.start(), found.end())
            )
    return None


def in_context(
    text: str,
    draft: Draft,
    spans: Sequence[tuple[int, int]],
    names: Sequence[ActorName],
    taken: Sequence[ActorRole],
) -> ActorRole | None:
    """An act told with no perpetrator, beside the armed group the passage is about: "THE
    FMLN HAS STEPPED UP ITS SABOTAGE CAMPAIGN. TWO BOMBS EXPLODED AT A POWER STATION
    TODAY." The group is recorded with attribution ``unknown``: the report does not tie it
    to this act in words. Only a group named in the act's sentence or the one before
    counts, never one the act is aimed at or one that is only speaking."""
    aimed_at = {r.name for r in taken if r.role in ("target", "victim")}
    first = draft.clusters[0].events[0].start
    candidates = [
        n
        for n in names
        if any(lo <= n.start < hi for lo, hi in spans)
        and n.named
        and n.actor_type in _ARMED_TYPES
        and n.name not in aimed_at
        and not _SPEAKS_AFTER.match(_after(text, n))
        and not _TARGET_BEFORE.search(text[max(0, n.start - 60) : n.start])
    ]
    if not candidates:
        return None
    chosen = min(candidates, key=lambda n: abs(n.start - first))
    # "THE AUTHORITIES BLAMED THE ELN FOR THE MURDER. SEVERAL ARMED MEN KIDNAPPED ...":
    # suspected, as the sentence says; otherwise the tie is unknown.
    near = _SUSPECTED.search(text, max(0, chosen.start - 80), chosen.end + 40)
    if near is not None:
        return _as_role(chosen, "perpetrator", "suspected", None, (near.start(), near.end()))
    return _as_role(chosen, "perpetrator", "unknown", None, None)
