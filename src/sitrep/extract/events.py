"""Event mentions, weapons and the ACLED event type of an incident.

Input: a sentence (offsets into the report text). Output: ``EventMention``s - the
words that say something violent happened ("fired two rockets", "was attacked",
"KIDNAPPED") with their family and whether they are real (not "would attack",
"the attacks have declined"); ``WeaponMention``s from the contract's weapon list;
and ``classify()``, which names the ACLED event type and sub-event type exactly
as ACLED spells them.

    >>> [m.family for m in find_events("Militants fired two rockets at the base.")]
    ['shelling']

Intercepted or failed attacks are still incidents, with their outcome.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

from sitrep.extract import event_words_romance

# Families of event words, most specific first; classify() maps them to ACLED's types.
FAMILY_PRIORITY = (
    "suicide",
    "air",
    "shelling",
    "explosion",
    "grenade",
    "abduction",
    "sexual",
    "clash",
    "kill",
    "attack",
    "arson",
    "robbery",
    "intercept",
)

_TRIGGERS: dict[str, str] = {
    "suicide": r"suicide[- ](?:bomb(?:er|ers|ing|ings)?|attacks?|blasts?|car[- ]bomb(?:ing)?s?)"
    r"|blew (?:himself|herself|themselves) up",
    # A "strike" by armed forces is an air or drone strike unless the text names
    # another weapon ("missile strike" is matched under shelling first).
    "air": r"air[- ]?strikes?|air[- ]raids?|aerial (?:bombardments?|attacks?|strikes?)|strikes?"
    r"|drone (?:strikes?|attacks?)|(?:uav|uas) (?:strikes?|attacks?)|bombing raids?"
    r"|(?:warplanes?|(?:war|fighter )?jets?|helicopters?|helicopter gunships?|aircraft)"
    r" (?:struck|bombed|hit|attacked|shelled|pounded|targeted|raided)|strafed|strafing"
    # Headlines tell it in the present: "Warplanes bomb six towns", "Russian aviation burns".
    r"|(?:warplanes?|(?:war|fighter )?jets|helicopters|aviation|aircraft)"
    r" (?:bomb|bombs|shell|shells|pound|pounds|target|targets|strike|hit|hits|raid|raids"
    r"|burns?|kills?)"
    # Barrel bombs are dropped from helicopters: "40 explosive barrels dropped on the city".
    r"|(?:explosive|barrel) barrels?|barrel[- ]bombs?"
    # Weapons or launch sites destroyed by a strike: the weapons are its targets.
    r"|destroyed(?: [\w.'()-]+){0,5} (?:missiles?|rockets?|drones?|uavs?|uass?|launchers?"
    r"|radars?|ground control stations?|boats?|vessels?|weapons? (?:depots?|storage))",
    "shelling": r"shell(?:ing|ed|s)|shell (?:their |its |the )?(?:positions?|areas?|villages?"
    r"|towns?)|bombard(?:ed|ment|ments)|artillery (?:fire|attacks?|strikes?)"
    r"|mortar (?:fire|attacks?|rounds?|shells?)|rocket (?:fire|attacks?|strikes?)"
    r"|missile (?:attacks?|strikes?|fire)"
    r"|(?:rockets?|missiles?|mortars?|shells|projectiles?|asbms?|drones?|uavs?)"
    r"(?: [\w.'()-]+){0,2} (?:was|were|had been|have been|has been) (?:launched|fired)"
    r"|(?:fired|launched|lobbed)(?: [\w.'-]+){0,4} (?:rockets?|missiles?|mortars?|asbms?"
    r"|shells?|projectiles?|drones?|uavs?)"
    # Missiles that fell short: "all three came down harmlessly in the sea".
    r"|(?:came down|fell|splashed down|impacted)(?: \w+){0,2} (?:in|into) the (?:sea|water)",
    "explosion": r"explo(?:sions?|ded|des)|blasts?|detonat(?:ed|ion|ions)|bomb(?:ed|ings?)"
    r"|(?:bomb|dynamite|explosive|grenade) attacks?|car[- ]bombs?|truck[- ]bombs?|ieds?"
    r"|roadside bombs?|went off|blew up|set off"
    r"|(?:threw|hurled|tossed|planted) (?:[\w-]+ ){0,2}(?:bombs?|dynamite|explosives?"
    r"|explosive devices?|petards?)",
    "grenade": r"(?:threw|hurled|tossed|lobbed) (?:a |an |two |several )?(?:hand )?grenades?"
    r"|grenade (?:was|were) (?:thrown|hurled)",
    "abduction": r"kidnap(?:ped|ping|pings|s)?|abduct(?:ed|ion|ions|s)?"
    r"|(?:taken|took|held|holding|seized) (?:\w+ ){0,3}hostages?|hostage[- ]taking",
    "sexual": r"rap(?:ed|es)|sexual(?:ly)? (?:violence|assault(?:ed)?|abuse)",
    "clash": r"clash(?:es|ed)?|firefights?|gunfights?|fighting|fought|battles?|battled"
    r"|skirmish(?:es)?|exchang(?:ed|es|ing) (?:of )?(?:gun)?fire|exchanges? of (?:gun)?fire"
    r"|engaged in combat|armed confrontations?",
    # "kill" and "kills" as headlines write them: "Gunmen kill doctor in east Afghanistan".
    "kill": r"killed|killing|kills?|murder(?:ed|s)?|assassinat(?:ed|ion|ions)|slain|slaughtered"
    r"|massacr(?:ed|e|es)|executed|shot dead|gunned down|shot and killed"
    r"|bodies (?:\w+ ){0,6}(?:were )?found|found dead"
    # Headlines in the present: "IS executes 3 men", "gunmen assassinate a leader", "Unknown
    # attackers gun down tribal elder", "Soldiers burn four guerrillas alive".
    r"|execut(?:es?|ing) (?:[\w'’-]+ ){0,3}?(?:m[ae]n|wom[ae]n|boys?|girls?|child(?:ren)?"
    r"|civilians?|people|persons?|prisoners?|members?|fighters?|soldiers?|hostages?|captives?"
    r"|leaders?|commanders?|journalists?|activists?|spies|informants?|youths?|elders?)"
    # Not "forces that assassinate and cause destruction": a habit, not an act.
    r"|assassinates?(?! and\b| or\b)|guns? down|beheaded|beheads"
    r"|burn(?:s|ed|t)? (?:[\w'’-]+ ){0,4}?alive|burn(?:ed|t) to death|martyred|homicides?"
    # "They find a body with signs of torture"; "remains" alone may be a ruin's.
    r"|finds? (?:a |the )?(?:[\w-]+ ){0,2}?(?:body|bodies|corpses?|human remains)"
    # "Violent Saturday at the border left five dead", "operations leave 14 Taliban dead".
    r"|(?:left|leaves?|leaving) (?:[\w-]+ ){0,3}?dead"
    # The Russian defence ministry's words for killing: "destroyed 65 Ukrainian soldiers".
    r"|destroyed (?:up to |more than |over |about )?\d[\d,]* (?:[\w-]+ ){0,2}?(?:soldiers"
    r"|servicemen|militants|fighters|nationalists|mercenaries|terrorists|militiamen)",
    "attack": r"attack(?:s|ed|ing)?|assault(?:s|ed)?|raid(?:s|ed)?|ambush(?:es|ed)?"
    r"|opened fire|shootings?|shot at|gunfire|stormed|struck|targeted|fired on"
    r"|firing (?:on|at)|(?:heavy|indiscriminate|unprovoked|cross-border) firing"
    # "Man chased and shot", "is shot in front of the residence"; not "shot down".
    r"|(?:is|was|were|are|been|being|and|gets?|got) shot(?! down| at)"
    # "Targeting Jurin town", "Factions target areas in ...".
    r"|target(?:s|ing)? (?:the |a |an |its |their |several |[\w'’-]+ )?(?:areas?|positions?"
    r"|towns?|villages?|neighbou?rhoods?|cit(?:y|ies)|headquarters|checkpoints?|convoys?)"
    r"|(?:missiles?|rockets?|drones?|shells?|projectiles?|bombs?|asbms?)(?: [\w-]+){0,3}"
    r" (?:hit|struck|slammed into|landed on|crashed into)"
    r"|fired at|hit by|were hit|was hit|sabotage[d]?|dynamited|machine-?gunned|stabb(?:ed|ing)"
    # A ship sunk in a conflict report was sunk by an attack ("they sank the Rubymar").
    r"|sank|sunk|sinking of",
    "arson": r"arson|set (?:fire to|on fire|ablaze)|torched|burned down|burnt down"
    r"|firebomb(?:ed|s)?|incendiary (?:attack|bomb)s?"
    r"|(?:houses?|homes?|villages?) (?:were |was )?(?:burnt|burned)",
    "robbery": r"robb(?:ed|ery|eries)|looted|looting",
    "intercept": r"intercept(?:ed|ion|s)?|shot down|downed|defus(?:ed|ing)|deactivated"
    r"|dismantled (?:a |an |the )?(?:bomb|explosive|device)|foiled",
}

# The Portuguese, Spanish and French words of each family join its English words.
for _family, _words in event_words_romance.BY_FAMILY.items():
    _TRIGGERS[_family] += "|" + _words

# The trigger and weapon patterns are written in lower case and matched against the text
# with its ASCII capitals lowered (same length, same offsets): several times faster than a
# case-insensitive match of so many alternatives. Every word starts with a letter or a
# digit, so the match is tried only where a word begins ("(?<!\w)(?=\w)"), not at both
# ends of every word as a leading "\b" would: half as many tries, twice as fast.
_WORD_START = r"(?<!\w)(?=\w)"
_TRIGGER = re.compile(
    _WORD_START
    + r"(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _TRIGGERS.items())
    + r")\b"
)
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


@functools.lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """``text`` with its ASCII capitals in lower case; every offset stays the same."""
    return text.translate(_ASCII_LOWER)


_WEAPONS: dict[str, str] = {
    "suicide_bomb": r"suicide[- ](?:bomb(?:er|ers|ing)?|vests?|belts?|attackers?)"
    r"|blew (?:himself|herself|themselves) up",
    "vehicle_bomb": r"car[- ]bombs?|truck[- ]bombs?|vbieds?|vehicle[- ]borne|booby[- ]trapped "
    r"(?:car|vehicle|truck)s?|bomb-laden (?:car|truck|vehicle)",
    "drone": r"drones?|uavs?|uas|unmanned aerial (?:vehicles?|systems?)|quadcopters?"
    r"|one-way attack",
    "rocket": r"rockets?|katyushas?|rpgs?|rocket-propelled grenades?",
    "missile": r"missiles?|atgms?|asbms?|ascms?",
    "artillery": r"artillery|shell(?:ing|ed|s)|howitzers?|cannon fire",
    "mortar": r"mortars?",
    "airstrike": r"air[- ]?strikes?|air[- ]raids?|warplanes?|fighter jets?|aircraft"
    r"|helicopter gunships?|aerial bombardments?|bombing raids?",
    "ied": r"ieds?|improvised explosive(?: devices?)?|roadside bombs?|explosive (?:devices?"
    r"|charges?|artifacts?)|dynamite|bombs?|explosives?|detonators?|parcel bombs?",
    "landmine": r"land ?mines?|anti-(?:personnel|tank) mines?|mine (?:blast|explosion)s?"
    # "Mines of ISIS kill 25": mines that kill or explode
    r"|mines?(?= (?:of|planted|left|laid) [^.]{0,40}?\b(?:kill|killed|kills|exploded|blast))"
    r"|mines? (?=(?:killed|kill|kills|exploded|explode)\b)",
    "grenade": r"(?:hand )?grenades?",
    "firearm": r"guns?|gunfire|gunmen|gunman|rifles?|machine-?guns?|pistols?|bullets?|snipers?"
    r"|shot dead|shot (?:him|her|them)|opened fire|shootings?|firearms?|ak-47s?|m-16s?"
    r"|machine-?gunned|automatic weapons?|shot and killed|gunned down",
    "knife": r"knives|knife|stabb(?:ed|ing)|machetes?|hatchets?",
    "arson": r"arson|set (?:fire to|on fire|ablaze)|torched|burned down|burnt down"
    r"|firebomb(?:ed|s)?|molotov cocktails?|incendiary",
}

_WEAPON = re.compile(
    _WORD_START
    + r"(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _WEAPONS.items())
    + r")\b"
)

# Words before a trigger that make it something that did not (yet) happen:
# "the larger and more dramatic assault Iran is planning", "such an attack would be".
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might|should|will|shall|'ll|plan(?:s|ned|ning)?|threat(?:s|en|ens"
    r"|ened|ening)?|intend(?:s|ed)?|prepar(?:e|es|ed|ing)|aim(?:s|ed)? to|in order to"
    r"|to carry out|to conduct|to launch|possible|potential|prevent(?:ed|ing)?|deter"
    r"|warn(?:s|ed|ing)?|expect(?:s|ed)?|prelude|in case|if|fear(?:s|ed)?|risk(?:s)?"
    r"|call(?:s|ed)? for|ready to|vow(?:s|ed)?|such an?|any|future|averted|capable of"
    r"|imminent|retaliat\w*|respond|response to)\b",
    re.IGNORECASE,
)
# The act just after "after": "Fear in Douma after heavy shelling" - it happened.
_AFTER_END = re.compile(
    r"\b(?:after|following|since)\s+(?:(?:the|a|an|heavy|fierce|\w+ish)\s+)?$", re.IGNORECASE
)
# "may" in capitals copy is the month as often as the verb; only the lower-case verb counts.
_MAY = re.compile(r"\bmay\b")
_NEGATION = re.compile(r"\b(?:no|not|never|without|nor)\b\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
# Not violence: "heart attack", "general strike", "hunger strike", "ceasefire".
_NOT_VIOLENCE = re.compile(
    r"\b(?:heart|panic|asthma|cyber|verbal|political|media|propaganda|legal) (?:attacks?)\b"
    r"|\b(?:general|hunger|labou?r|transport|national|armed|workers'?|teachers'?) strikes?\b"
    r"|\bstrike (?:action|by (?:workers|teachers|unions?))\b|\bon strike\b"
    r"|\bcease-?fire\b|\bfight(?:ing)? (?:against )?(?:corruption|poverty|crime|drugs)\b"
    r"|\blegal battles?\b|\bbattle (?:for|over) (?:votes|control of parliament)\b",
    re.IGNORECASE,
)
_PLURAL_NOUN = re.compile(
    r"(?:attacks|strikes|raids|bombings|launches|killings|kidnappings|abductions|shootings"
    r"|clashes|assaults|ambushes|explosions|blasts|incidents|assassinations|operations"
    r"|homicides|" + event_words_romance.PLURAL_NOUNS + r")$",
    re.IGNORECASE,
)
_FAILED = re.compile(
    r"\b(?:missed|failed|foiled|attempted|unsuccessful|thwarted|attempt)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class EventMention:
    start: int
    end: int
    text: str
    family: str
    plural: bool
    hypothetical: bool
    negated: bool

    @property
    def real(self) -> bool:
        return not (self.hypothetical or self.negated)


@dataclass(frozen=True, slots=True)
class WeaponMention:
    start: int
    end: int
    text: str
    weapon: str


def find_events(text: str, start: int = 0, end: int | None = None) -> list[EventMention]:
    """Event words in ``text[start:end]`` (absolute offsets), in order."""
    end = len(text) if end is None else end
    blocked = [(m.start(), m.end()) for m in _NOT_VIOLENCE.finditer(text, start, end)]
    out = []
    for match in _TRIGGER.finditer(lowered(text), start, end):
        if any(a <= match.start() < b for a, b in blocked):
            continue
        family = match.lastgroup or "attack"
        word = text[match.start() : match.end()]
        before = text[max(start, match.start() - 90) : match.start()]
        clause = re.split(r"[;:()]|, (?:but|while|as|and) |\.\s", before)[-1]
        # "Fear in Douma after shelling": what came after the act says it happened
        clause = _AFTER_END.split(clause)[-1]
        out.append(
            EventMention(
                start=match.start(),
                end=match.end(),
                text=word,
                family=family,
                plural=bool(_PLURAL_NOUN.search(word)),
                hypothetical=bool(
                    _HYPOTHETICAL.search(clause) or _MAY.search(clause) or _infinitive(before, word)
                ),
                negated=bool(_NEGATION.search(before)),
            )
        )
    return out


def _infinitive(before: str, word: str) -> bool:
    # "to attack", "to carry out attacks": intent, not an act.
    return bool(re.search(r"\bto\s*$", before, re.IGNORECASE)) and not word.lower().endswith(
        ("ed", "ing")
    )


def find_weapons(text: str, start: int = 0, end: int | None = None) -> list[WeaponMention]:
    end = len(text) if end is None else end
    return [
        WeaponMention(m.start(), m.end(), text[m.start() : m.end()], m.lastgroup or "other")
        for m in _WEAPON.finditer(lowered(text), start, end)
    ]


def failed(text: str) -> bool:
    return bool(_FAILED.search(text))


# Targets that make an armed attack a battle rather than violence against civilians.
_ARMED_TARGET = re.compile(
    r"\b(?:army|soldiers?|troops?|military|patrols?|garrison|barracks|checkpoints?|outposts?"
    r"|police(?:men)?|police (?:station|post)s?|security forces|guerrillas?|rebels?|militants?"
    r"|fighters?|insurgents?|militias?|bases?|positions?|convoys?|brigades?|battalions?"
    r"|national guard|carabineros?|forces)\b",
    re.IGNORECASE,
)
_ARMED_GROUPS = {"military", "police", "security forces", "foreign military/personnel", "militants"}


def classify(
    families: Iterable[str],
    weapons: Iterable[str],
    *,
    victim_groups: Iterable[str] = (),
    context: str = "",
    harmed: bool = False,
) -> tuple[str, str]:
    """The ACLED (event type, sub-event type) of an incident from what was found in it."""
    fams = set(families)
    arms = set(weapons)
    if "suicide" in fams or "suicide_bomb" in arms:
        return "Explosions/Remote violence", "Suicide bomb"
    if "intercept" in fams and not harmed and fams <= {"intercept", "attack", "shelling", "air"}:
        return "Strategic developments", "Disrupted weapons use"
    drone_like = (
        "air" in fams
        or "airstrike" in arms
        or ("drone" in arms and not arms & {"rocket", "missile"})
    )
    if drone_like and (
        fams & {"air", "attack", "kill", "explosion", "shelling", "intercept"} or arms
    ):
        return "Explosions/Remote violence", "Air/drone strike"
    if "shelling" in fams or arms & {"rocket", "missile", "artillery", "mortar"}:
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if "explosion" in fams or arms & {"ied", "vehicle_bomb", "landmine"}:
        if "grenade" in arms and not arms & {"ied", "vehicle_bomb", "landmine"}:
            return "Explosions/Remote violence", "Grenade"
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    if "grenade" in fams or "grenade" in arms:
        return "Explosions/Remote violence", "Grenade"
    if "abduction" in fams:
        return "Violence against civilians", "Abduction/forced disappearance"
    if "sexual" in fams:
        return "Violence against civilians", "Sexual violence"
    armed = bool(set(victim_groups) & _ARMED_GROUPS) or bool(_ARMED_TARGET.search(context))
    if "clash" in fams:
        return "Battles", "Armed clash"
    if fams & {"kill", "attack"}:
        if armed:
            return "Battles", "Armed clash"
        return "Violence against civilians", "Attack"
    if "arson" in fams:
        if harmed:
            return "Violence against civilians", "Attack"
        return "Strategic developments", "Looting/property destruction"
    if "robbery" in fams:
        return "Strategic developments", "Looting/property destruction"
    if "intercept" in fams:
        return "Strategic developments", "Disrupted weapons use"
    return "Violence against civilians", "Attack"
