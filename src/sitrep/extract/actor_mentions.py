"""The actors a report names, and what its unnamed ones stand for.

Input: the report text. Output: ``ActorName``s in text order - offsets, the name to
report, and the actor list's id and type - with references and kinds resolved to the
organisation they stand for.

    "FMLN GUERRILLAS ATTACKED A POST. THE GUERRILLAS FLED."
        -> FMLN (0-17), FMLN (33-47: "THE GUERRILLAS", the group named before)
    "Iran-backed Shiite militias fired rockets. These same militias ..."
        -> "Iran-backed Shiite militias", and the reference names them again

The bundled actor list (resolve/actors.py) finds the names; the rules here decide which
of its hits are one mention ("ARMY OF NATIONAL LIBERATION (ELN)"), which are modifiers
and not actors ("A POLICE STATION"), and which named actor a kind ("the guerrillas",
"soldiers") or a reference ("the group") stands for. Roles and attribution are read
from these names by extract/actors.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sitrep.models import Attribution, Role

if TYPE_CHECKING:
    from sitrep.resolve.actors import ActorRegistry

# A kind of actor used as a modifier: "A POLICE STATION", "MILITARY SOURCES", "POLICE
# EXPLOSIVES EXPERTS" name a place or a speaker, not an actor of the act.
_MODIFIED_NOUN = re.compile(
    r"[ \t\n]+(?:and\s+[\w-]+\s+)?(?:explosives\s+)?"
    r"(?:stations?|posts?|bases?|headquarters|barracks|garrisons?"
    r"|reports?|sources?|spokes(?:man|men|woman|person)|intelligence|experts?|chiefs?"
    r"|commanders?|academy|school|hospital|press|communiqu[eé]s?|statements?|checkpoints?"
    r"|installations?|facilit(?:y|ies)|buildings?|uniforms?|investigators?|authorities"
    r"|officials?|court|radio|targets?|objectives?)\b"
    # "rebel-held Idlib", "militant-controlled areas": whose the area is
    r"|-(?:held|controlled|run|occupied|dominated)\b",
    re.IGNORECASE,
)
# Words before an unnamed kind that say whose it is: "Iran-backed Shiite", "Iraqi".
_KIND_LEAD = re.compile(
    r"(?:\b(?:[\w]+-(?:backed|aligned|allied|linked|affiliated|supported)|(?-i:[A-Z][a-z]+)"
    r"(?:i|n|an|ian|ite|ish|ese)\b)\s+){1,3}$",
    re.IGNORECASE,
)
# "these same militias", "the group", "this organization": a reference back to a named actor.
ANAPHOR = re.compile(
    r"\b(?:these|those|the|this)\s+(?:same\s+)?"
    # "THIS ALLEGED ORGANIZATION", "THE NEW GROUP", "THE GUERRILLA GROUP'S COMMUNIQUE"
    r"(?:(?:new|alleged|armed|guerrilla|terrorist|subversive|rebel|insurgent|clandestine"
    r"|paramilitary|militant|jihadist|islamist"
    r"|extremist|leftist|rightist|marxist|maoist|self-styled|so-called)\s+)?"
    r"(?:militias?|groups?|militants|rebels|guerrillas"
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


# Unnamed kinds that stand for an organisation the report names: "the guerrillas" of a
# report about the FMLN are the FMLN's, "the militants" of one about al-Shabaab al-Shabaab's.
_REBEL_TYPES = frozenset({"Rebel Groups"})
ARMED_TYPES = frozenset({"Rebel Groups", "Political Militias"})
_RESOLVABLE_KINDS: dict[str, frozenset[str]] = {
    "unnamed-guerrillas": _REBEL_TYPES,
    "unnamed-rebels": _REBEL_TYPES,
    "unnamed-subversives": _REBEL_TYPES,
    "unnamed-insurgents": _REBEL_TYPES,
    "unnamed-maoists": _REBEL_TYPES,
    "unnamed-terrorists": ARMED_TYPES,
    "unnamed-militants": ARMED_TYPES,
    "unnamed-jihadists": ARMED_TYPES,
}
# The heads of references that can only mean an armed group, never the state's forces.
_GROUP_HEADS = frozenset(
    "militia group militant rebel guerrilla insurgent fighter organization organisation"
    " movement".split()
)
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
    # Aircraft are the air force's: "HELICOPTER GUNSHIPS STRAFED THE VILLAGE"
    "warplanes": "air force",
    "fighter jets": "air force",
    "helicopter gunships": "air force",
    "military aircraft": "air force",
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


def named_of_type(name: ActorName, types: frozenset[str]) -> bool:
    """Whether ``name`` is a named actor (not a kind) of one of ``types``."""
    return name.named and name.actor_type in types


def _stands_for(
    kind: ActorName, names: Sequence[ActorName], types: frozenset[str]
) -> ActorName | None:
    """The organisation an unnamed kind stands for: the nearest one named before it in the
    report, or, when none is, the only one the report names at all."""
    earlier = [
        n
        for n in names
        if n.end <= kind.start and kind.start - n.end < _REACH and named_of_type(n, types)
    ]
    if earlier:
        return earlier[-1]
    anywhere = {n.actor_id for n in names if named_of_type(n, types)}
    if len(anywhere) == 1:
        return next(n for n in names if named_of_type(n, types))
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
            branch = None if name.named else _BRANCH_OF_KIND.get(name.name.lower())
            if force is None and branch == "air force":
                # Unresolved, aircraft are still named by their branch: "HELICOPTER GUNSHIPS"
                # are the air force, not a weapon ("soldiers" and "the military" keep the
                # report's word: either may be the army, the armed forces or another force)
                name = replace(name, name=branch)
            out.append(name if force is None else _as_named(name, force))
            continue
        following = names[index + 1] if index + 1 < len(names) else None
        if (
            following is not None
            and named_of_type(following, types)
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
    return resolve_kinds(text, with_anaphors(text, _with_forces_of(text, start, names)))


# "the militaries of both the United States and the United Kingdom", "forces of the United
# States": the states' forces, named by their countries.
_FORCES_OF = re.compile(
    r"\b(?:militaries|military|armed\s+forces|forces|troops|navies|navy)\s+of\s+(?:both\s+)?"
    r"(?:the\s+)?(?-i:(?P<a>[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2}))"
    r"(?:\s*,?\s+and\s+(?:of\s+)?(?:the\s+)?(?-i:(?P<b>[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})))?",
    re.IGNORECASE,
)


# A country speaking of its own forces: "Israel said its aircraft struck", "Russia said its air
# defences destroyed".
_COUNTRY_SAID_ITS = re.compile(
    r"(?-i:\b(?P<country>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}))"
    r"(?:['’]s\s+(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|government))?"
    r"\s+(?:said|says|announced|stated|reported|confirmed)\s+(?:that\s+)?"
    r"(?P<force>(?:its|their)\s+(?:forces|troops|soldiers|army|military|aircraft|jets"
    r"|fighter\s+jets|warplanes|drones|navy|warships|artillery|air\s+defen[cs]es?"
    r"|air\s+force))\b",
    re.IGNORECASE,
)


# A country as the doer of an act: "Russia launched 40 drones", "Israel struck Rafah".
_COUNTRY_ACTS = re.compile(
    r"(?-i:\b(?P<country>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}))"
    r"\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|again\s+|then\s+|later\s+)?"
    r"(?:launched|fired|struck|attacked|bombed|shelled|hit|targeted|carried\s+out|conducted"
    r"|shot\s+down|downed|intercepted|invaded)\b",
    re.IGNORECASE,
)


_PLACE_PREPOSITION = re.compile(
    r"\b(?:from|in|into|over|on|at|to|of|near|inside|across|against|toward|towards)\s+$",
    re.IGNORECASE,
)


def _country_forces(text: str, start: int) -> list[ActorName]:
    """Countries as their state forces, where they speak of their forces ("Israel said its
    aircraft struck" -> "its aircraft") or act themselves ("Russia launched 40 drones")."""
    return [*_country_said_its(text, start), *_country_acts(text, start)]


def _country_acts(text: str, start: int) -> list[ActorName]:
    out = []
    for found in _COUNTRY_ACTS.finditer(text, start):
        lo, hi = found.span("country")
        if _PLACE_PREPOSITION.search(text, max(start, lo - 12), lo):
            continue  # "drones launched from Russia struck Kharkiv": a place, not the doer
        words = re.sub(r"^the\s+", "", found.group("country"), flags=re.IGNORECASE)
        forces = _forces_of_country(text, lo, hi, words)
        if forces is not None:
            out.append(forces)
    return out


def _country_said_its(text: str, start: int) -> list[ActorName]:
    """ "Israel said its aircraft struck": "its aircraft" as the country's state forces."""
    out = []
    for found in _COUNTRY_SAID_ITS.finditer(text, start):
        lo, hi = found.span("force")
        forces = _forces_of_country(text, lo, hi, found.group("country"))
        if forces is not None:
            out.append(forces)
    return out


def _forces_of_country(text: str, lo: int, hi: int, country: str) -> ActorName | None:
    """``text[lo:hi]`` as a mention of the state forces of the country ``country`` names,
    or None when it names none or the actor list has no forces for it."""
    from sitrep.resolve.actors import state_forces_of
    from sitrep.resolve.gazetteer import gazetteer

    found = gazetteer().country(country)
    code = found.country_code if found is not None else None
    entry = state_forces_of(code) if code is not None else None
    if entry is None:
        return None
    return ActorName(lo, hi, text[lo:hi], entry.name, entry.id, entry.type, True)


def _with_forces_of(text: str, start: int, names: list[ActorName]) -> list[ActorName]:
    """``names`` with the forces a report names by their country ("the militaries of the
    United States", "Israel said its aircraft") as those forces, where the actor list has
    them."""
    from sitrep.resolve.actors import registry

    actors = registry()
    added: list[ActorName] = []
    for found in _FORCES_OF.finditer(text, start):
        for group in ("a", "b"):
            country = found.group(group)
            if country is None:
                continue
            spelled = next(
                (
                    s
                    for s in (f"{country} forces", f"{country} armed forces", f"{country} military")
                    if actors.spelling(s) is not None
                ),
                None,
            )
            entry = actors.lookup(spelled) if spelled is not None else None
            if entry is None or entry.type != "State Forces":
                continue
            lo, hi = found.span(group)
            added.append(ActorName(lo, hi, text[lo:hi], entry.name, entry.id, entry.type, True))
    taken = [*names, *added]
    added += [
        c
        for c in _country_forces(text, start)
        if not any(n.start < c.end and c.start < n.end for n in taken)
    ]
    if not added:
        return names
    # A kind inside the phrase ("forces of the United States") is the forces just named.
    spans = [(a.start, a.end) for a in added]
    kept = [
        n
        for n in names
        if not any(lo - 40 <= n.start and n.end <= hi for lo, hi in spans) or n.named
    ]
    return sorted([*kept, *added], key=lambda n: n.start)


def _kind_name(spelled: str) -> str:
    """ "the army" -> "army": the article belongs to the sentence, not the name."""
    return re.sub(r"^(?:the|a|an)\s+", "", spelled, flags=re.IGNORECASE)


# An actor of one act, as extract/actors.py and extract/claims.py read it.
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


def as_role(
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


def dedupe_roles(items: list[ActorRole]) -> list[ActorRole]:
    seen: dict[tuple[str, str], ActorRole] = {}
    for item in items:
        key = (item.name, item.role)
        if key not in seen:
            seen[key] = item
    return list(seen.values())


# The actor is the one speaking: "THE POLICE HAVE REPORTED THAT A CARBOMB EXPLODED".
SPEAKS_AFTER = re.compile(
    r"^[\s,]*(?:[\w-]+\s+){0,3}?(?:said|says|reported|reports|announced|stated|told|confirmed"
    r"|added|explained|indicated|disclosed|revealed|noted|asserted|denounced|charged|blamed"
    r"|accused|attributed|denied|learned|believes?|suspects?|informed|warned"
    # "HAMAS CONDEMNED THE ATTACK", "THE FMLN, REGARDING THE ATTACK ON ...": not the doer
    r"|condemn(?:s|ed)?|repudiat(?:es|ed)|deplor(?:es|ed)|lament(?:s|ed)|regarding|concerning"
    r"|mourn(?:s|ed)?|investigat(?:es|ed|ing)|demanded|urged"
    # "THE ARMY HAD ASKED FOR THE STRIKE": who wanted the act, not who did it
    r"|asked\s+for|requested|called\s+for|welcomed|praised|thanked"
    # "THE ARMED FORCES CLAIMED THEY HAD NO INFORMATION"; a claim of the act is read apart
    r"|claim(?:s|ed)?(?!\s+(?:full\s+)?(?:responsibility|credit)))\b"
    # "[FMLN GENERAL COMMAND] [TEXT] CONCERNING ...": a label over the text, not a subject
    r"|^[^\[\]]*\]\s*\[",
    re.IGNORECASE,
)


# The act aimed at what follows: "fired two rockets at a U.S. base", "an attack on the FMLN".
TARGET_BEFORE = re.compile(
    r"\b(?:at|against|on|targeting|targeted|toward|towards|into)\s+(?:the\s+|a\s+|an\s+)?"
    # "IMPOSED ON THE ENTIRE COUNTRY AFTER FMLN GUERRILLAS CARRIED OUT ...": a word that
    # opens a clause ends the phrase the preposition governs.
    r"(?:(?!(?:after|before|when|while|since|because|where|which|who|that|and|but|as|then"
    r"|until|once|if)\b)[\w.'-]+\s+){0,3}$",
    re.IGNORECASE,
)


def words_after(text: str, name: ActorName) -> str:
    """The words just after a name (the patterns read from their start, "^")."""
    return text[name.end : name.end + 120]
