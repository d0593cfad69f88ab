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
  other, records that group with attribution ``unknown`` (never the group whose own
  communiqué the report is: it tells its own acts as its own).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sitrep.extract.actor_mentions import ARMED_TYPES, named_of_type

# The names found in a report, as the incident builder and aggregates read them here.
from sitrep.extract.actor_mentions import ActorName as ActorName
from sitrep.extract.actor_mentions import named_in as named_in
from sitrep.extract.segment import Sentence
from sitrep.models import Attribution, Role

if TYPE_CHECKING:
    from sitrep.extract.coreference import Draft


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
# A sentence that may tell a blame or a suspicion.
_BLAME_HINT = re.compile(r"\b(?:blam|accus|suspect|attribut|have\s+been|work\s+of)", re.IGNORECASE)
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
    r"(?:\s+[\w-]+){0,4}?\s+to|blamed(?:\s+[\w-]+){0,4}?\s+on"
    # "THE ATTACKS COULD HAVE BEEN CARRIED OUT BY", "PROBABLY THE WORK OF": a guess at the doer
    r"|(?:could|may|might|must)\s+have\s+been\s+(?:carried\s+out|perpetrated|committed|staged"
    r"|planted|placed|ordered|masterminded)\s+by|(?:probably|possibly|apparently)\s+the\s+work\s+of)"
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
    r"|since|because|than|during|following|fear|despite|although|though)\b",
    re.IGNORECASE,
)
# Signs a group leaves where it acts, and their finding: "A FLAG FROM THE FRONT WAS FOUND AT
# THE SCENE", "MUCH GROUP PROPAGANDA WAS STREWN", "LEAFLETS SIGNED BY THE COMMANDOS WERE LEFT".
_TRACE_WORDS = (
    r"(?:flags?|banners?|leaflets?|pamphlets?|fliers?|flyers?|propaganda|graffiti|slogans?"
    r"|insignia|emblems?)"
)
_TRACE_BEFORE = re.compile(
    rf"\b{_TRACE_WORDS}\s+(?:of|from|belonging\s+to|signed\s+by)\s+(?:the\s+)?[\"“]?$",
    re.IGNORECASE,
)
_TRACE_AFTER_NAME = re.compile(rf"[\s\])\"'’s]*{_TRACE_WORDS}\b", re.IGNORECASE)
_FOUND = re.compile(
    r"[^.;]{0,40}?\b(?:was|were|had\s+been|have\s+been|has\s+been)\s+(?:[\w-]+\s+)?"
    r"(?:found|left|discovered|strewn|scattered|painted|hung|posted)\b",
    re.IGNORECASE,
)
# A thing after a name, which the name only says whose it is: "A U.S. MILITARY CONVOY".
_THING_AFTER = re.compile(
    r"\s+(?:convoys?|bases?|headquarters|vehicles?|helicopters?|planes?|aircraft|posts?"
    r"|stations?|barracks|installations?|offices?|buildings?|trucks?|camps?|garrisons?)\b",
    re.IGNORECASE,
)
# A place after a name, which the name only says whose it is ("THE FMLN CAMP"); its aircraft
# and convoys are the actor acting ("AIR FORCE HELICOPTERS STRAFED").
_PLACE_AFTER = re.compile(
    r"\s+(?:bases?|headquarters|posts?|stations?|barracks|installations?|offices?|buildings?"
    r"|camps?|garrisons?)\b",
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
# Event words whose subject responds to an act instead of doing it.
_RESPONSE = re.compile(r"defus|deactivat|dismantl|foil|intercept", re.IGNORECASE)
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
    negated ("NO GROUP HAS CLAIMED RESPONSIBILITY"), nor a name that only says whose a
    thing is ("A GROUP THAT CLAIMED AN ATTACK ON A U.S. MILITARY CONVOY CLAIMED THIS ONE")."""
    if any(name.end <= n.start and n.end <= found.start() for n in names):
        return False
    if _THING_AFTER.match(text, name.end):
        return False
    return not _NEGATED.search(text, max(0, name.start - 25), found.start())


def blames_near(
    text: str, names: Sequence[ActorName], sentences: Sequence[Sentence]
) -> list[ActorRole]:
    """Actors blamed, accused or suspected in ``sentences``: perpetrators with attribution
    ``suspected``. The one blamed is the first actor after the verb; a denial of blame
    ("DID NOT BLAME") is none; a kind of actor is one only when the kind says what sort of
    group it is ("DRUG TRAFFICKING RINGS", "THE MILITARY")."""
    out = []
    for sentence in sentences:
        # A kind that says what sort of group it is counts ("BLAMED DEATH SQUADS"); one that
        # says nothing of who they are ("gunmen", "terrorists") does not.
        inside = [
            n
            for n in names
            if sentence.start <= n.start < sentence.end and (n.named or n.actor_type is not None)
        ]
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


def traces_near(
    text: str, names: Sequence[ActorName], sentences: Sequence[Sentence]
) -> list[ActorRole]:
    """Groups whose signs were found where the act took place - "A FLAG OF THE FRONT WAS
    FOUND AT THE SCENE", "ITS PROPAGANDA WAS STREWN ABOUT": perpetrators with attribution
    ``suspected``, the signs being the report's only tie."""
    out = []
    for sentence in sentences:
        for name in names:
            if not (sentence.start <= name.start < sentence.end and name.named):
                continue
            before = _TRACE_BEFORE.search(text, max(sentence.start, name.start - 60), name.start)
            after = _TRACE_AFTER_NAME.match(text, name.end)
            if before is None and after is None:
                continue
            found = _FOUND.match(text, after.end() if after is not None else name.end)
            if found is None or found.end() > sentence.end:
                continue
            cue = ((before or after or found).start(), found.end())
            out.append(_as_role(name, "perpetrator", "suspected", None, cue))
    return _dedupe(out)


def claims_in_report(
    text: str, names: Sequence[ActorName], sentences: Sequence[Sentence]
) -> list[ActorRole]:
    """Claims and denials anywhere in the report ("THE MRTA HAS CLAIMED RESPONSIBILITY
    FOR THE KIDNAPPING OF HECTOR DELGADO PARKER")."""
    told = _hinted(_CLAIM_HINT, text, tuple(sentences))
    return claims_elsewhere(text, names, told) if told else []


@functools.lru_cache(maxsize=64)
def _hinted(hint: re.Pattern[str], text: str, sentences: tuple[Sentence, ...]) -> list[Sentence]:
    """The sentences ``hint`` finds something in: read once a report, not once an act."""
    return [s for s in sentences if hint.search(text, s.start, s.end)]


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
        claim = _CLAIM.search(between)
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


# How many sentences before an act may name the group it is read beside.
_CONTEXT_SENTENCES = 3


def _after(text: str, name: ActorName) -> str:
    """The words just after a name (the patterns read from their start, "^")."""
    return text[name.end : name.end + 120]


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
    return _dedupe(message_claims(text, names, found, told))


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
    stems = {_stem(e.text) for c in draft.clusters for e in c.events}
    near_claims = [c for c in claims_elsewhere(text, names, near) if _of_this_act(text, c, stems)]
    out = merge_claims(found, near_claims)
    own = own_account(text, draft, names)
    if own is not None:
        out = merge_claims(out, [own])
    out = merge_claims(out, _report_claims_of(text, draft, sentences, names, out))
    told = sentences[max(draft.clusters[0].sentence - 2, 0) : draft.last.sentence + 4]
    traced = {t.name: t for t in traces_near(text, names, told)}
    if traced:
        # A group whose flag or leaflets were found at the scene is not what the act hit.
        out = [r for r in out if r.name not in traced or r.role == "perpetrator"]
        out += [t for t in traced.values() if t.name not in {r.name for r in out}]
    have = {r.name for r in out}
    out += [b for b in blames_near(text, names, told) if b.name not in have]
    perpetrators = [r for r in out if r.role == "perpetrator"]
    if any(r.named for r in perpetrators):
        return out
    blamed = _report_blames_of(text, draft, sentences, names)
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
    if context is None or context.name == report_author(text, names):
        # A group's own communiqué tells its enemies' acts in the third person, its own in
        # the first ("OUR UNITS"): an act it does not tell as its own is not guessed to be.
        return out
    # The group the act is read beside, which claims this kind of act elsewhere in the report.
    claims = _report_claims_of(text, draft, sentences, names, [])
    claimed = [c for c in claims if c.name == context.name and c.attribution == "claimed"]
    return [*out, claimed[0] if claimed else context]


# A claim naming the act it claims by its verb: "CLAIMED IT AMBUSHED", "said they had fired".
_CLAIMED_VERB = re.compile(
    r"\b(?:it|they)\s+(?:had\s+|has\s+|have\s+)?(?P<verb>[A-Za-z]+)(?:\s+[A-Za-z]+)?$",
    re.IGNORECASE,
)


# Verbs that claim whatever act it was: "SAID IT CARRIED OUT", "claimed they attacked".
_ANY_ACT_VERBS = frozenset(
    "carried targeted attacked launched struck hit inflicted was were".split()
)


def _of_this_act(text: str, claim: ActorRole, stems: set[str]) -> bool:
    """Whether a claim told near an act can be its claim: not when it names another act by
    its verb ("THE FRONT CLAIMED IT AMBUSHED A PATROL" is not the claim of a bombing)."""
    if claim.cue is None or claim.attribution != "claimed":
        return True
    verb = _CLAIMED_VERB.search(text, claim.cue[0], claim.cue[1])
    if verb is None or verb.group("verb").lower() in _ANY_ACT_VERBS:
        return True
    return _stem(verb.group("verb")) in stems


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


def _report_blames_of(
    text: str, draft: Draft, sentences: Sequence[Sentence], names: Sequence[ActorName]
) -> list[ActorRole]:
    """Blame told anywhere in the report in a sentence that names the same kind of act as
    this one ("BLAMED THE FMLN FOR THE ATTACK" of an attack)."""
    stems = {_stem(e.text) for c in draft.clusters for e in c.events}
    told = [
        s
        for s in _hinted(_BLAME_HINT, text, tuple(sentences))
        if any(_stem(w) in stems for w in re.findall(r"[A-Za-z]{5,}", text[s.start : s.end]))
    ]
    return blames_near(text, names, told) if told else []


def _stem(word: str) -> str:
    """ "KIDNAPPING", "kidnapped" -> "kidna": enough to tell one kind of act from another."""
    return word.lower()[:5]


def only_group(
    text: str, names: Sequence[ActorName], taken: Sequence[ActorRole]
) -> ActorRole | None:
    """An act with no perpetrator in a report that names one armed group and no other: the
    report is about that group ("THE MRTA, WHICH HAS DETONATED ABOUT 20 CAR BOMBS ...").
    Recorded with attribution ``unknown``, as in ``in_context``."""
    groups = [n for n in names if named_of_type(n, ARMED_TYPES)]
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


# How often the actor a report is about must be named, and how many times as often as any
# other, to be read as the doer of an act the report tells with no doer.
_MAIN_MENTIONS = 3
_MAIN_MARGIN = 2


# A report's label naming who issued it, after the dateline or another label: "-- [COMMUNIQUE]
# [the group's name] [TEXT]", "-- [REPORT] [the group's general command] [TEXT]".
_LABEL_BEFORE = re.compile(r"(?:--|\])\s*\[(?:the\s+)?[\"“]?$", re.IGNORECASE)
# How far into a report its labels are read.
_HEADER = 300


def report_author(text: str, names: Sequence[ActorName]) -> str | None:
    """The armed group whose own statement the report is, as its label says, or None."""
    for n in names:
        if n.start > _HEADER:
            break
        if n.named and n.actor_type in ARMED_TYPES and _LABEL_BEFORE.search(text, 0, n.start):
            return n.name
    return None


def main_actor(
    text: str, names: Sequence[ActorName], taken: Sequence[ActorRole]
) -> ActorRole | None:
    """An act with no perpetrator in a report about one armed actor: the one it names far
    more often than any other ("THE ELN ... THE ELN ... THE GUERRILLA GROUP ..."), named
    at least three times and twice as often as the next. Recorded with attribution
    ``unknown``, as in ``only_group``; never an actor the act is aimed at."""
    counts: dict[str, int] = {}
    for n in names:
        if n.named and n.actor_id is not None:
            counts[n.actor_id] = counts.get(n.actor_id, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    top, times = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if times < _MAIN_MENTIONS or times < _MAIN_MARGIN * runner_up:
        return None
    aimed_at = {r.name for r in taken if r.role in ("target", "victim")}
    spoken = [
        n
        for n in names
        if n.actor_id == top and n.name not in aimed_at and not _SPEAKS_AFTER.match(_after(text, n))
    ]
    return _as_role(spoken[0], "perpetrator", "unknown", None, None) if spoken else None


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
                    _as_role(name, "perpetrator", "claimed", channel, (signed.start(), name.start))
                )
    for index, role in enumerate(out):
        if role.role != "perpetrator" or not role.named:
            continue
        if role.attribution in ("claimed", "denied"):
            continue
        told = _tells_own_act(text, role, names)
        if told is not None:
            out[index] = replace(role, attribution="claimed", cue=told)
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
        said = _SAYS_THAT.match(text, name.end)
        if said is not None and said.end() <= role.start:
            return (name.start, said.end())
    return None


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
        if not others and not _NEGATED.search(between):
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
            found = _FIRST_PERSON.search(text, lo, event.start)
            if found is None:
                continue
            groups = [n for n in names if n.end <= event.start and named_of_type(n, ARMED_TYPES)]
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
        and n.actor_type in ARMED_TYPES
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
    if _SERIES_AFTER.match(_after(text, chosen)) or _HELD_BY_BEFORE.search(
        text, max(0, chosen.start - 50), chosen.start
    ):
        # "Houthi militants fired six missiles. ... A second missile came down near the
        # ship": the report tells the series as theirs; "launched from areas controlled by
        # the Houthis": the report places the launch in their hands.
        return _as_role(chosen, "perpetrator", "attributed_by_source", None, None)
    return _as_role(chosen, "perpetrator", "unknown", None, None)


# The group as the doer of the series an act belongs to: "Houthi militants fired a total of".
_SERIES_AFTER = re.compile(
    r"^(?:\s+[\w-]+){0,2}?\s+(?:have\s+(?:now\s+)?|had\s+)?(?:fired|launched|attacked"
    r"|struck|shelled|bombed|killed|sank|hit|seized|kidnapped|abducted)\b",
    re.IGNORECASE,
)
_HELD_BY_BEFORE = re.compile(
    r"\b(?:controlled|held|run)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
