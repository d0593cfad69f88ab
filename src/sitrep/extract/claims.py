"""Claims, denials and blame: how a report ties a group to an act beyond the clause that
tells the act (extract/actors.py reads that clause; extract/messages.py a group's own
messages and accounts).

Input: the report text, its sentences near the act, and the actor names found in it
(``ActorName``). Output: ``ActorRole``s for perpetrators, each with the attribution the
words give it and, for a claim, the channel.

    "The Islamic Resistance in Iraq claimed the attack in a statement on Telegram."
        -> claimed, channel "Telegram"
    "THE POLICE SUSPECT THE FMLN."                     -> FMLN, suspected
    "A FLAG OF THE FRONT WAS FOUND AT THE SCENE."       -> suspected
    "THE MILITIAS CARRIED IT OUT."                      -> attributed by the source
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sitrep.extract.actor_mentions import (
    ActorName,
    ActorRole,
    as_role,
    dedupe_roles,
)
from sitrep.extract.segment import Sentence
from sitrep.models import Attribution

if TYPE_CHECKING:
    from sitrep.extract.coreference import Draft


# A claim: the actor says it did it.
CLAIM = re.compile(
    r"\bclaim(?:ed|s|ing)?\s+(?:the\s+)?(?:responsibility|credit"
    # "claimed that the attack was a maneuver by ...": a statement, not a claim
    r"|(?!that\s+(?:the|a|an|it|they|he|she|this)\b)"
    r"(?:the\s+|an?\s+|this\s+|that\s+)?(?:[\w-]+\s+){0,2}?(?:attack|strike|bombing|operation"
    r"|killing|kidnapping|assassination|ambush|raid)s?\b)"
    # "said in a statement on Telegram that it had attacked"
    r"|\b(?:said|says|announced|stated|claim(?:ed|s)?|admitted)\s+"
    r"(?:(?:in|on|via|through)\s+[^.;\"“”]{0,50}?\s+)?(?:that\s+)?(?:it|they)\s+"
    r"(?:had\s+|has\s+|have\s+)?(?:carried\s+out|targeted|attacked|launched|fired|struck|hit"
    r"|bombed|killed|downed|shot|inflicted|destroyed|ambushed|kidnapped|executed|blew\s+up"
    r"|sabotaged|captured|seized|overran|stormed|raided|took\s+control\s+of"
    r"|(?:was|were)\s+responsible)"
    r"|\b(?:took|accepted|assumed|admitted)\s+(?:full\s+)?responsibility"
    r"|\badmit(?:ted|s)?\s+(?:its|their)\s+(?:role|involvement|participation)"
    # "LEFT MESSAGES WITH LOCAL NEWSPAPERS CLAIMING TO BE THE ASSAILANTS"
    r"|\bclaim(?:ed|s|ing)?\s+to\s+(?:be|have\s+been)\s+(?:the\s+)?(?:assailants|attackers"
    r"|perpetrators|authors|killers|kidnappers|ones\s+responsible|responsible)"
    r"|\bin\s+a\s+claim\b",
    re.IGNORECASE,
)


# "NEITHER THE GUERRILLAS NOR ANY OTHER ORGANIZATION HAVE CLAIMED RESPONSIBILITY"
NEGATED = re.compile(r"\b(?:no|not|neither|nor|never|yet\s+to|none)\b", re.IGNORECASE)


# A sentence that may tell a claim or a denial, anywhere in the report.
_CLAIM_HINT = re.compile(r"\b(?:claim|responsib|credit|admit|den[iy])", re.IGNORECASE)


# A sentence that may tell a blame or a suspicion.
_BLAME_HINT = re.compile(r"\b(?:blam|accus|suspect|attribut|have\s+been|work\s+of)", re.IGNORECASE)


_DENIAL = re.compile(
    r"\bden(?:ied|ies|y|ying)\s+(?:any\s+|all\s+)?(?:involvement|responsibility|role|part"
    r"|links?|carrying|that\s+(?:it|they))|\brejected\s+(?:any\s+)?(?:responsibility|involvement)",
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


SUSPECTED = re.compile(
    r"\b(?:suspected|suspect|believed|alleged(?:ly)?|presumabl[ey]|presumed|apparently"
    r"|blamed|blames|blaming|accused|accuses|accusing|attributed|reportedly|likely|probably"
    r"|thought\s+to\s+be|possibly|to\s+blame)\b"
    # "FOR WHICH THEY HOLD THE ARMY RESPONSIBLE"
    r"|\b(?:hold|holds|held|holding)\b(?=[^.;]{0,60}\bresponsible\b)",
    re.IGNORECASE,
)


# Someone in office speaking: "the Pentagon said", "according to police", "CENTCOM reported".
OFFICIAL = re.compile(
    r"\b(?:officials?|spokes(?:man|woman|person|men)|pentagon|army|military|armed\s+forces"
    r"|air\s+force|navy"
    r"|police|authorities|ministry|minister|commander|centcom|africom|command|government"
    r"|president|governor|mayor|security\s+forces?|department|idf|defen[cs]e\s+forces"
    r"|prosecutor|sources?\s+in\s+the\s+(?:army|police|military)|communiqu[eé])\b"
    r"[^.;]{0,60}?\b(?:said|says|stated|reported|reports|announced|told|confirmed|added"
    r"|disclosed|revealed|blamed|accused|attributed)\b"
    r"|\baccording\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:officials?|police|army|military"
    r"|authorities|ministry|spokes\w+|pentagon|centcom|command|government|sources)\b",
    re.IGNORECASE,
)


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
            said = claim_or_denial(text, name, sentence.end)
            if said is None:
                continue
            attribution, found = said
            if not is_claimant(text, name, names, found):
                continue
            if found.start() - name.end > 120 or _MANY.match(text, found.end()):
                # "have claimed responsibility for more than 100 launches": many acts
                continue
            words = _CHANNEL_THAT.sub(" that", found.group(0))
            if re.search(r"\b(?:a|an)\b", words, re.IGNORECASE):
                continue  # "claimed a drone attack on the base": another act, told there
            channel = channel_in(text, sentence.start, sentence.end)
            cue = (found.start(), found.end())
            if attribution == "claimed" and _ALLEGED_VOICE.search(
                text, max(sentence.start, name.start - 60), name.start
            ):
                # "AN ALLEGED SPOKESMAN OF THE CARTEL CLAIMED IT": the group is suspected;
                # whether it spoke is itself in doubt.
                attribution, channel = "suspected", None
            out.append(as_role(name, "perpetrator", attribution, channel, cue))
    return dedupe_roles(out)


# Where a claim was said, before what it says: "in a statement on Telegram that".
_CHANNEL_THAT = re.compile(r"\b(?:in|on|via|through)\s+[^.;]*?\s+that\b", re.IGNORECASE)


# Someone who may not speak for the group: "an alleged spokesman of", "a self-styled member of".
_ALLEGED_VOICE = re.compile(
    r"\b(?:alleged|supposed|purported|self-styled)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:of|for|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def is_claimant(
    text: str, name: ActorName, names: Sequence[ActorName], found: re.Match[str]
) -> bool:
    """Whether ``name`` is who makes the claim or denial ``found``: the nearest actor
    before it ("THE POLICE SAID THE MRTA CLAIMED IT" is the MRTA's claim), and not
    negated ("NO GROUP HAS CLAIMED RESPONSIBILITY"), nor a name that only says whose a
    thing is ("A GROUP THAT CLAIMED AN ATTACK ON A U.S. MILITARY CONVOY CLAIMED THIS ONE")."""
    if any(name.end <= n.start and n.end <= found.start() for n in names):
        return False
    if _THING_AFTER.match(text, name.end):
        return False
    return not NEGATED.search(text, max(0, name.start - 25), found.start())


# A kind that says who stands behind it: "Iran-backed militant groups", "ISIS-linked fighters".
_BACKED_KIND = re.compile(r"\w-(?:backed|aligned|allied|linked|affiliated|supported)\b", re.I)


def blames_near(
    text: str, names: Sequence[ActorName], sentences: Sequence[Sentence]
) -> list[ActorRole]:
    """Actors blamed, accused or suspected in ``sentences``: perpetrators with attribution
    ``suspected``. The one blamed is the first actor after the verb; a denial of blame
    ("DID NOT BLAME") is none; a kind of actor is one only when the kind says what sort of
    group it is ("DRUG TRAFFICKING RINGS", "THE MILITARY") or who backs it ("Iran-backed
    militant groups")."""
    out = []
    for sentence in sentences:
        # A kind that says what sort of group it is counts ("BLAMED DEATH SQUADS"); one that
        # says nothing of who they are ("gunmen", "terrorists") does not.
        inside = [
            n
            for n in names
            if sentence.start <= n.start < sentence.end
            and (n.named or n.actor_type is not None or _BACKED_KIND.search(n.text))
        ]
        for index, name in enumerate(inside):
            lo = max(sentence.start, name.start - 90)
            verb = _BLAME_VERB_BEFORE.search(text, lo, name.start)
            if verb is None:
                continue
            if index and inside[index - 1].end > verb.start():
                continue  # another actor stands between the verb and this one
            if NEGATED.search(text, max(sentence.start, verb.start() - 25), verb.start()):
                continue
            out.append(as_role(name, "perpetrator", "suspected", None, (verb.start(), verb.end())))
    return dedupe_roles(out)


# The doers in a force's dress: "MEN IN THE UNIFORM OF THE ARMY", "MEN WEARING THE FRONT'S
# INSIGNIA", "INDIVIDUALS IN ARMY UNIFORMS".
_WORN = r"(?:uniforms?|insignias?|fatigues|armbands?)"
_WORN_BEFORE = re.compile(
    rf"\b(?:in|wearing|wore|dressed\s+in|with)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?{_WORN}\s+of"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_WEARING_BEFORE = re.compile(
    r"\b(?:in|wearing|wore|dressed\s+in)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE
)
_WORN_HINT = re.compile(_WORN, re.IGNORECASE)
_WORN_AFTER_NAME = re.compile(rf"[\s'’s]*(?:[\w-]+\s+)?{_WORN}\b", re.IGNORECASE)


def _worn_by_doers(text: str, name: ActorName, lo: int) -> tuple[int, int] | None:
    """The words by which a report says the doers wore ``name``'s dress, or None."""
    before = _WORN_BEFORE.search(text, max(lo, name.start - 60), name.start)
    if before is not None:
        return (before.start(), name.end)
    after = _WORN_AFTER_NAME.match(text, name.end)
    if after is None:
        return None
    wearing = _WEARING_BEFORE.search(text, max(lo, name.start - 30), name.start)
    return (wearing.start(), after.end()) if wearing is not None else None


def traces_near(
    text: str, names: Sequence[ActorName], sentences: Sequence[Sentence]
) -> list[ActorRole]:
    """Groups whose signs were found where the act took place - "A FLAG OF THE FRONT WAS
    FOUND AT THE SCENE", "ITS PROPAGANDA WAS STREWN ABOUT": perpetrators with attribution
    ``suspected``, the signs being the report's only tie."""
    out = []
    lower = _lowered(text)
    dress = any(w in lower for w in ("uniform", "insignia", "fatigues", "armband"))
    worn_hits = _hits(_WORN_HINT, text) if dress else ()
    for sentence in sentences:
        dressed = bool(worn_hits) and _hit_in(worn_hits, sentence.start, sentence.end)
        for name in names:
            if not (sentence.start <= name.start < sentence.end and name.named):
                continue
            worn = _worn_by_doers(text, name, sentence.start) if dressed else None
            if worn is not None:
                out.append(as_role(name, "perpetrator", "suspected", None, worn))
                continue
            before = _TRACE_BEFORE.search(text, max(sentence.start, name.start - 60), name.start)
            after = _TRACE_AFTER_NAME.match(text, name.end)
            if before is None and after is None:
                continue
            found = _FOUND.match(text, after.end() if after is not None else name.end)
            if found is None or found.end() > sentence.end:
                continue
            cue = ((before or after or found).start(), found.end())
            out.append(as_role(name, "perpetrator", "suspected", None, cue))
    return dedupe_roles(out)


def claims_in_report(
    text: str, names: Sequence[ActorName], sentences: Sequence[Sentence]
) -> list[ActorRole]:
    """Claims and denials anywhere in the report ("THE MRTA HAS CLAIMED RESPONSIBILITY
    FOR THE KIDNAPPING OF HECTOR DELGADO PARKER")."""
    told = _hinted(_CLAIM_HINT, text, tuple(sentences))
    return claims_elsewhere(text, names, told) if told else []


@functools.lru_cache(maxsize=64)
def _lowered(text: str) -> str:
    """The report in lower case, to tell cheaply whether a rule's words are in it at all."""
    return text.lower()


@functools.lru_cache(maxsize=64)
def _hits(hint: re.Pattern[str], text: str) -> tuple[int, ...]:
    """Where ``hint`` finds something in the report: read once a report, not once an act."""
    return tuple(m.start() for m in hint.finditer(text))


def _hit_in(hits: tuple[int, ...], start: int, end: int) -> bool:
    index = bisect.bisect_left(hits, start)
    return index < len(hits) and hits[index] < end


@functools.lru_cache(maxsize=64)
def _hinted(hint: re.Pattern[str], text: str, sentences: tuple[Sentence, ...]) -> list[Sentence]:
    """The sentences ``hint`` finds something in: read once a report, not once an act."""
    return [s for s in sentences if hint.search(text, s.start, s.end)]


def claim_or_denial(
    text: str, name: ActorName, end: int
) -> tuple[Attribution, re.Match[str]] | None:
    """A claim, else a denial, said after the name and before ``end``."""
    claim = CLAIM.search(text, name.end, end)
    if claim is not None:
        return "claimed", claim
    denial = _DENIAL.search(text, name.end, end)
    return ("denied", denial) if denial is not None else None


def channel_in(text: str, start: int, end: int) -> str | None:
    """The most specific channel named: "in a statement on its Telegram channel" is
    Telegram."""
    found = [_channel_name(m.group("channel")) for m in _CHANNEL.finditer(text, start, end)]
    specific = [c for c in found if c not in ("statement", "communiqué", "communique")]
    if not specific:
        # A group's own medium named in the clause: "the group's Amaq news agency said"
        from sitrep.resolve.actors import registry

        specific = [" ".join(h.text.split()) for h in registry().outlets_in(text, start, end)]
    chosen = specific or found
    return chosen[0] if chosen else None


def _channel_name(raw: str) -> str:
    word = raw.lower()
    if word.startswith("telegram"):
        return "Telegram"
    if word in ("x", "twitter"):
        return "X"
    return word


# A claim naming the act it claims by its verb: "CLAIMED IT AMBUSHED", "said they had fired".
_CLAIMED_VERB = re.compile(
    r"\b(?:it|they)\s+(?:had\s+|has\s+|have\s+)?(?P<verb>[A-Za-z]+)(?:\s+[A-Za-z]+)?$",
    re.IGNORECASE,
)


# Verbs that claim whatever act it was: "SAID IT CARRIED OUT", "claimed they attacked".
_ANY_ACT_VERBS = frozenset(
    "carried targeted attacked launched struck hit inflicted was were".split()
)


def of_this_act(text: str, claim: ActorRole, stems: set[str]) -> bool:
    """Whether a claim told near an act can be its claim: not when it names another act by
    its verb ("THE FRONT CLAIMED IT AMBUSHED A PATROL" is not the claim of a bombing)."""
    if claim.cue is None or claim.attribution != "claimed":
        return True
    verb = _CLAIMED_VERB.search(text, claim.cue[0], claim.cue[1])
    if verb is None or verb.group("verb").lower() in _ANY_ACT_VERBS:
        return True
    return stem(verb.group("verb")) in stems


def report_claims_of(
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
    stems = {stem(e.text) for c in draft.clusters for e in c.events}
    out = []
    for claim in claims_in_report(text, names, sentences):
        if claim.name in settled:
            continue
        if claim.name in perpetrators:
            out.append(claim)
        elif not perpetrators and claim.attribution == "claimed" and claim.cue is not None:
            # The act the claim is for: the words after the cue, up to the clause's end.
            told = re.split(r"[.;]", text[claim.cue[0] : claim.cue[1] + 80])[0]
            if any(stem(w) in stems for w in re.findall(r"[A-Za-z]{5,}", told)):
                out.append(claim)
    return out


def report_blames_of(
    text: str, draft: Draft, sentences: Sequence[Sentence], names: Sequence[ActorName]
) -> list[ActorRole]:
    """Blame told anywhere in the report in a sentence that names the same kind of act as
    this one ("BLAMED THE FMLN FOR THE ATTACK" of an attack)."""
    stems = {stem(e.text) for c in draft.clusters for e in c.events}
    told = [
        s
        for s in _hinted(_BLAME_HINT, text, tuple(sentences))
        if any(stem(w) in stems for w in re.findall(r"[A-Za-z]{5,}", text[s.start : s.end]))
    ]
    return blames_near(text, names, told) if told else []


def stem(word: str) -> str:
    """ "KIDNAPPING", "kidnapped" -> "kidna": enough to tell one kind of act from another."""
    return word.lower()[:5]


# The doer named as such, in a sentence of its own: "the militias carried it out", "the front
# carried out the bombing", "the group was behind the attack".
_DOER_AFTER = re.compile(
    r"[^.;]{0,50}?\b(?:carried\s+(?:it|them)\s+out\b|carried\s+out\s+(?:the|this|that|these|those)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|bombings?|killings?|assaults?|raids?|ambush(?:es)?"
    r"|massacres?|kidnappings?|murders?)\b|(?:was|were|is|are)\s+behind\s+(?:the|this|that|these"
    r"|it|them)\b)"
    # "THE SALVADORAN MILITARY INTELLIGENCE, THE PERPETRATORS, KNEW THE CENTER"
    r"|[\s,(]+(?:the\s+)?(?:perpetrators|culprits|authors\s+of\s+the\s+(?:crime|attack"
    r"|massacre|murders?|killings?|bombing))\b"
    # "THE ARMED FORCES ARE BEING CHARGED WITH THE DEATH OF TWO JOURNALISTS": suspected
    r"|\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:being\s+|also\s+)?"
    r"(?P<charged>charged\s+with|accused\s+of|blamed\s+for|suspected\s+of"
    r"|held\s+responsible\s+for)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:deaths?|murders?|killings?"
    r"|attacks?|bombings?|massacres?|kidnappings?|assassinations?|crimes?)\b",
    re.IGNORECASE,
)
# The words every doer named so holds: a report without them is not read further, and only
# the sentences that hold them are.
_DOER_WORDS = (
    "carried it out", "carried them out", "carried out th", "behind", "perpetrators", "culprits",
    "authors of", "charged with", "accused of", "blamed for", "suspected of", "responsible for",
)  # fmt: skip
_DOER_HINT = re.compile(
    "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _DOER_WORDS), re.IGNORECASE
)


def doers_near(
    text: str, names: Sequence[ActorName], sentences: Sequence[Sentence]
) -> list[ActorRole]:
    """Actors a sentence near the act names as its doers ("it is known that the militias
    carried it out"): suspected when the sentence guesses, attributed by an official when
    one speaks in its paragraph, else by the source."""
    out = []
    lower = _lowered(text)
    if not any(w in lower for w in _DOER_WORDS):
        return []
    hits = _hits(_DOER_HINT, text)
    if not hits:
        return []
    for sentence in (s for s in sentences if _hit_in(hits, s.start, s.end)):
        inside = [n for n in names if sentence.start <= n.start < sentence.end]
        for name in inside:
            found = _DOER_AFTER.match(text, name.end, sentence.end)
            if found is None or any(name.end <= n.start < found.end() for n in inside):
                continue
            if NEGATED.search(text, name.end, found.end()):
                continue
            cue = (found.start(), found.end())
            guess = found.group("charged") or SUSPECTED.search(
                text, max(sentence.start, name.start - 80), found.end()
            )
            paragraph = text.rfind("\n\n", 0, sentence.start) + 1
            official = OFFICIAL.search(text, paragraph, found.end())
            if guess is not None:
                out.append(as_role(name, "perpetrator", "suspected", None, cue))
            elif official is not None and not official.start() <= name.start < official.end():
                out.append(as_role(name, "perpetrator", "attributed_by_official", None, cue))
            else:
                out.append(as_role(name, "perpetrator", "attributed_by_source", None, cue))
    return dedupe_roles(out)
