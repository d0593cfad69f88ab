"""Casualty figures in report text: who was killed, injured, abducted or missing, and how many.

Input: a report's text (optionally a ``start``/``end`` range of it). Output: one
``CasualtyMention`` per figure the text states, each with the exact span it came from
(``text[m.start:m.end] == m.text``), the kind, the group (``sitrep.models.CASUALTY_GROUPS``),
low/best/high bounds with a qualifier, and whether the dead are the attackers themselves.
``total`` (in ``tolls``, importable from here) folds the mentions of one incident into
one ``Count`` per kind without counting a figure twice.

    >>> [(m.kind, m.group, m.best, m.text) for m in find_casualties(
    ...     "Militias fired two rockets at a U.S. base, injuring seven Americans.")]
    [('injured', 'foreign military/personnel', 7, 'injuring seven Americans')]

The rules are compiled regular expressions around each casualty word ("killed",
"wounded", "kidnapped", "death toll"...): pure, no model, no I/O, and fast enough for
tens of thousands of sentences a second on one core. The bounds and word lists a domain
expert may want to review are tables at the top of ``numbers`` (number words, vague
words, qualifiers), ``victims`` (people nouns and their groups, names, titles), this
module (casualty words) and ``zero_statements``. The work is split by subject:

- ``numbers``: number phrases and their bounds (``parse_number``).
- ``victims``: who the people are: group nouns, foreign forces, names in capitals.
- ``figures``: one figure from one noun phrase ("at least 30 civilians", "the mayor").
- ``victim_lists``: the figures on either side of a casualty word, as lists of people.
- ``modifiers``: words between a subject and its verb ("TWO POLICEMEN GUARDING THE
  CONSULATE WERE KILLED").
- ``casualty_phrases``: casualties told without a figure next to a casualty word ("THE
  MINISTER'S DEATH", "FOUR PEOPLE HAVE BULLET WOUNDS", "GUNMEN SHOT THE MAYOR").
- ``zero_statements``: "no one was hurt", "no casualties".
- ``casualties`` (this module): casualty words and ``find_casualties``.
- ``tolls``: ``total``, the count of one kind for an incident.

Choices worth knowing:

- A number phrase never invents bounds: "about 50" is best 50 with no low or high;
  "dozens" is a floor of 24 with no best; a range "3 to 5" has low 3, high 5, no best.
- "casualties" alone mixes dead and wounded, so "27 casualties" is not recorded (it
  would be wrong as either kind); "no casualties" is a zero for both kinds, and so is
  "caused only material damage".
- "killed or wounded" (one figure for both kinds) is left out for the same reason.
- Threats, intentions and negations are not casualties: "threatened to kill 5
  hostages", "the strikes were intended to kill", "could have killed dozens", "was not
  hurt" give nothing; "death threats", "death squads" and "the death penalty" neither.
- "shot" or "stabbed" people are injured only when no death is told in the sentence
  before, the same sentence or the next: "SHOT FORMER MINISTER X ... HIS CONDITION IS
  CRITICAL" is one injured, "GUNMEN SHOT THE MAYOR. HE DIED ..." no injured.
- "captured" and "seized" are not abductions: armies capture fighters, and "seized a
  town" or "seized weapons" are far more common than seized people.
- The attackers' own deaths ("the gunman was shot dead", "two of the attackers were
  killed", "blew himself up") are mentions with ``perpetrator`` set; totals leave them out.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from sitrep.extract.casualty_phrases import (
    after_aside,
    counted_acts,
    death_nearby,
    has_aside,
    left_pronoun,
    one_after_the,
    possessive_deaths,
    romance_tolls,
    shot_figures,
    sufferers,
)
from sitrep.extract.dates import _trie
from sitrep.extract.figures import _Figure
from sitrep.extract.numbers import _NUMBER_RE, _Q, NumberPhrase, _phrase
from sitrep.extract.tolls import total
from sitrep.extract.victim_lists import (
    _BE_FORMS,
    _RIGHT_RE,
    _RIGHT_WINDOW,
    _left_figures,
    _right_figures,
    _subject_fallback,
    _subset_figures,
    _widen_left,
)
from sitrep.extract.victims import _group_in, _refine_group
from sitrep.extract.zero_statements import find_zero_statements, has_zero_hint
from sitrep.models import CASUALTY_GROUPS

# --------------------------------------------------------------------------------------
# Tables for review
# --------------------------------------------------------------------------------------

# Between a death noun and its "of": "THE ASSASSINATION IN FEBRUARY OF", "THE MURDER IN
# CALI OF", "THE KILLINGS DURING THE PAST 72 HOURS OF" ("IN THE TOWN OF" is a place).
_OF_GAP = (
    r"(?:\s+(?:in|on)\s+(?!(?:the|a|an|this|that|its|their|his|her|various|several|many"
    r"|some|other|all|most|both|each|parts?|areas?|different|recent)\s)(?:[\w.'’-]+\s+){0,2}?"
    r"[\w.'’-]+|\s+(?:during|in|over)\s+the\s+(?:past|last)\s+(?:[\w-]+\s+)?"
    r"(?:hours|days|weeks|months|years|week|month|year))?"
)

# Casualty words. (pattern, kind, role, needs a person noun). Roles:
#   verb     "killed": passive ("were killed", "killed by") takes the figure on its left,
#            active ("killed 15 of the attackers") on its right, else the left ("15 killed")
#   active   "killing", "kills": the figure is on the right ("killing two policemen")
#   intrans  "died", "lost their lives": the figure is on the left
#   adj      "dead", "missing": left ("left 12 people dead") or "30 dead civilians"
#   noun     "fatalities", "injuries": a number right before ("two presumed fatalities")
#   of       "the murder of six Jesuits", "the body of a subversive": right after "of"
#   toll     "the death toll rose to 15": the number after the verb
#   among    "among the dead were 12 children": part of a figure already given
#   self     "blew himself up": the attacker's own death
#   hostages "took 5 hostages"
#   destroy  "destroyed 65 Ukrainian soldiers": a number of people on the right only
#   shot     "shot the mayor", "the judge was shot": an injury when no death is told near
#            (``casualty_phrases``)
# "needs a person noun": "the economy was hurt", "a part missing", "executed a plan" are
# not casualties, so these words count only with a people noun or a bare number.
TRIGGERS: tuple[tuple[str, str, str, bool], ...] = (
    (r"among\s+(?:the\s+)?(?:dead|killed|fatalities|victims)\s+(?:were|was|are|is)",
     "killed", "among", False),
    (r"among\s+(?:the\s+)?(?:wounded|injured)\s+(?:were|was|are|is)", "injured", "among", False),
    (r"blew\s+(?:himself|herself|themselves)\s+up"
     r"|(?:killed|shot)\s+(?:himself|herself|themselves)", "killed", "self", False),
    (rf"(?:deaths?|murders?|killings?|assassinations?|massacres?|executions?|slayings?)"
     rf"{_OF_GAP}\s+of|(?:bod(?:y|ies)|corpses?|remains)\s+of", "killed", "of", False),
    (rf"(?:injury|injuries|wounding|woundings){_OF_GAP}\s+of", "injured", "of", False),
    (r"(?:kidnappings?|abductions?)\s+of", "abducted", "of", False),
    (r"death\s+toll|toll\s+of\s+(?:dead|deaths)"
     r"|number\s+of\s+(?:[\w-]+\s+){0,2}?(?:dead|deaths|fatalities|killed)",
     "killed", "toll", False),
    (r"shot\s+(?:dead|to\s+death)|(?:stabbed|beaten|hacked|burned|burnt|tortured|strangled"
     r"|stoned|clubbed)\s+to\s+death|put\s+to\s+death|gunned\s+down"
     r"|fatally\s+(?:shot|wounded|injured|stabbed|hit)|mortally\s+wounded",
     "killed", "verb", False),
    (r"killed|murdered|assassinated|massacred|slain|slaughtered|beheaded|lynched|decapitated"
     r"|martyred", "killed", "verb", False),
    (r"executed", "killed", "verb", True),
    # Russian and Ukrainian ministry bulletins: "destroyed 65 Ukrainian soldiers",
    # "eliminated 12 militants"; "destroyed three tanks" counts no one (a person noun).
    (r"destroyed|eliminated|neutrali[sz]ed|liquidated", "killed", "destroy", True),
    (r"executes|executing|execute", "killed", "active", True),
    # "burn four local guerrillas alive", "BURNED A PEASANT ALIVE"
    (r"burn(?:s|ed|t|ing)?(?=\s+(?:[\w'’-]+\s+){1,5}?alive(?![\w'’-]))", "killed", "active",
     False),
    (r"killing|murdering|assassinating|massacring|slaughtering|beheading|kills|kill"
     r"|assassinates|assassinate|beheads|behead", "killed", "active", False),
    (r"died|dies|die|perished|(?:lost|lose|loses|losing)\s+(?:their|his|her)\s+li(?:ves|fe)"
     r"|pass(?:ed|es)\s+away|succumbed\s+to\s+(?:his|her|their)\s+(?:wounds|injuries)",
     "killed", "intrans", False),
    (r"dead", "killed", "adj", False),
    (r"deaths|death|fatalities|fatality|bodies|corpses|martyrs", "killed", "noun", False),
    (r"injured|wounded", "injured", "verb", False),
    (r"hurt|harmed", "injured", "verb", True),
    (r"injuring|wounding|hurting|injures|injure|wound", "injured", "active", False),
    (r"injuries|injury|wounds", "injured", "noun", False),
    (r"kidnapped|abducted|taken\s+(?:hostage|captive)|held\s+(?:hostage|captive)",
     "abducted", "verb", False),
    (r"kidnapping|abducting|kidnaps|kidnap|abducts|abduct", "abducted", "active", False),
    (r"hostages", "abducted", "hostages", False),
    (r"missing|disappeared|unaccounted\s+for", "missing", "adj", True),
    # last: "shot dead", "stabbed to death", "shot himself" above take the words first
    (r"shot|stabbed", "injured", "shot", True),
)  # fmt: skip


# --------------------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    """One casualty figure in the text, e.g. "three U.S. soldiers were killed".

    ``subset``: the figure is part of the figure of the same kind before it ("including
    12 children", "among the dead were..."). ``additional``: the people are more than
    those counted before ("another soldier died", "three other people", "a technician was
    also killed"). ``noun``: the people noun in lower case ("soldiers", "maids"), None for
    a bare number or a name. ``joined``: the figure continues a list with the figure of the
    same kind before it ("two policemen and three civilians", "the mayor, as well as two
    peasants"): different people from those earlier in the same list.
    """

    start: int
    end: int
    text: str
    kind: str
    group: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    perpetrator: bool
    number: NumberPhrase | None
    subset: bool = False
    additional: bool = False
    noun: str | None = None
    joined: bool = False


# --------------------------------------------------------------------------------------
# Regular expressions, built once from the tables
# --------------------------------------------------------------------------------------

_I = re.IGNORECASE
# "the death toll rose to 15", "THE NUMBER OF GUERRILLAS KILLED BY 11TH BRIGADE TROOPS HAS
# RISEN TO 26", "a death toll of 12"
_TOLL_TAIL_RE = re.compile(
    rf"(?:\s*:|\s+(?:of|at|was|is|stands\s+at|stood\s+at))\s+(?P<q>{_Q})"
    r"|(?:\s+(?!(?:and|but|or)\b)[\w.'’-]+){0,8}?\s+(?:(?:has|had|have|now|already)\s+)*"
    r"(?:risen|rose|rises|climbed|climbs|increased|jumped|reached|reaches|hit|stands|stood"
    r"|is|was|passed|surpassed|exceeded|topped|grew|grown|went\s+up|remains|remained)"
    rf"(?:\s+(?:at|to))?(?:\s+from\s+{_Q}\s+to)?\s+(?P<q2>{_Q})",
    _I,
)
_BY_RE = re.compile(r"\s+by(?![\w'’-])", _I)
_ALSO_BEFORE_RE = re.compile(r"\balso(?:\s+[^\W\d_]+ly)?\s+\Z", _I)
_COMBINED_RE = re.compile(r"\s*,?\s*(?:or|and|and/or|&)\s*", _I)
_DET_BEFORE_RE = re.compile(r"\b(?:the|a|this|that|mass|its|their|his|her)\s+\Z", _I)
_DEF_DET_BEFORE_RE = re.compile(r"\b(?:the|his|her|their|its|these|those)\s+\Z", _I)
_OBJECT_START_RE = re.compile(rf"\s+(?:a|an|the|his|her|their|its|him|them|{_Q})(?![\w'’-])", _I)
_DEATH_COMPOUND_RE = re.compile(r"[\s-]+(?:squads?|threats?|penalty|sentences?|lists?|row)", _I)
_CAUSED_RE = re.compile(
    r"\b(?:left|leaving|leaves|caused|causing|causes|resulted\s+in|resulting\s+in)"
    r"(?:\s+(?:minor|light|slight|serious|severe|some|several|multiple))?\s+\Z",
    _I,
)
_TAKE_BEFORE_RE = re.compile(
    r"\b(?:took|take|takes|taking|seized|seizing|seize|seizes|holding|held|hold|holds"
    r"|grabbed)\s+(?:\S+\s+){0,2}\Z",
    _I,
)
# "threatened to kill", "intended to kill", "could have been killed", "was not hurt".
_INTENT_RE = re.compile(
    r"(?:\b(?:to|will|would|could|might|may|can|cannot|shall|should|must|not|never|almost"
    r"|nearly)"
    r"|n[’']t)(?:\s+(?:have|be|been|being|get|also|ever|[^\W\d_]+ly))*\s+\Z"
    # "HAD THE MISSION OF ASSASSINATING", "a plot to kidnap", "aimed at killing"
    r"|\b(?:mission|plans?|plot|attempts?|intention|aim|aimed|goal|threats?|risk|capable"
    r"|trying|tried)\s+(?:of|to|at)\s+\Z",
    _I,
)
# ... but "are believed to have been killed" reports a death, and so does "THE SNIPER
# MANAGED TO KILL 1 PERSON".
_REPORTED_TO_RE = re.compile(
    r"\b(?:believed|reported|said|thought|feared|presumed|known|understood|appears?"
    r"|appeared|seems?|seemed|confirmed)\s+to\s+have\s+been\s+\Z"
    r"|\b(?:managed|manages|succeeded)\s+to\s+\Z",
    _I,
)
# Words said of people only: "the deal was killed" is not a death, "was shot dead" is.
_PEOPLE_ONLY_RE = re.compile(
    r"shot|stabbed|beaten|hacked|burn|tortured|strangled|stoned|clubbed|gunned|murdered"
    r"|assassinated|slain|kidnapped|abducted|beheaded|lynched|martyred|massacred|fatally"
    r"|mortally",
    _I,
)
_LOWER_RE = re.compile(r"[a-z]")
# "destroyed 27 armored personnel carriers": the people noun names a thing.
_THING_AFTER_RE = re.compile(r"\s+(?:carriers?|vehicles?|depots?|quarters)\b", re.IGNORECASE)

# The first letters of every casualty word in TRIGGERS: a cheap test before the long
# alternation, which would otherwise be tried at every word of the report
# (tests/test_speed_filters.py checks that every trigger starts with one of these).
TRIGGER_STARTS = (
    "among", "blew", "kill", "shot", "death", "dead", "murder", "assassin", "massacr",
    "execut", "slay", "slain", "slaughter", "bod", "corpse", "remains", "injur", "wound",
    "kidnap", "abduct", "toll", "number", "stab", "beaten", "hack", "burn", "tortur",
    "strangl", "stone", "club", "put", "gunned", "fatal", "mortal", "behead", "lynch",
    "decapitat", "martyr", "die", "perish", "los", "pass", "succumb", "hurt", "harm",
    "taken", "held", "hostage", "missing", "disappear", "unaccounted", "destroy", "eliminat",
    "neutrali", "liquidat",
)  # fmt: skip
_TRIGGER_RE = re.compile(
    r"(?<![\w'’-])"
    + f"(?={_trie(sorted(TRIGGER_STARTS))})"
    + r"(?:"
    + "|".join(rf"(?P<t{i}>{p})" for i, (p, *_) in enumerate(TRIGGERS))
    + r")(?![\w'’-])",
    _I,
)
_TRIGGER_LOWER_RE = re.compile(_TRIGGER_RE.pattern)
# Cheap substring test before any regex: most sentences have no casualty word at all.
# Every TRIGGERS pattern and zero statement contains one of these (tests/test_casualties.py
# has a sentence for every casualty word).
_STEMS = (
    "kill", "murder", "assassin", "massacr", "slain", "slaughter", "behead", "lynch",
    "decapitat", "execut", "die", "perish", "martyr", "lost", "lose", "dead", "death",
    "fatal", "bod", "corpse", "remains", "injur", "wound", "hurt", "harm", "kidnap",
    "abduct", "hostage", "captive", "missing", "disappear", "unaccounted", "gunned",
    "blew", "shot", "casualt", "damage", "victim", "unscath", "lives", "loss", "stab",
    "passe", "succumb", "destroy", "eliminat", "neutrali", "liquidat", "burn",
)  # fmt: skip

# --------------------------------------------------------------------------------------
# Finding casualties
# --------------------------------------------------------------------------------------


def _zero_mentions(seg: str, offset: int, text: str) -> tuple[list[CasualtyMention], list[range]]:
    mentions: list[CasualtyMention] = []
    spans: list[range] = []
    for zero in find_zero_statements(seg):
        s, e = zero.start + offset, zero.end + offset
        spans.append(range(zero.start, zero.end))
        for kind in zero.kinds:
            mentions.append(
                CasualtyMention(
                    s, e, text[s:e], kind, zero.group, 0, 0, 0, "exact", False, None,
                    noun=zero.noun,
                )
            )  # fmt: skip
    return mentions, spans


def find_casualties(text: str, start: int = 0, end: int | None = None) -> list[CasualtyMention]:
    """Every casualty figure in ``text[start:end]``, sorted by start (absolute offsets).

    >>> [(m.kind, m.best) for m in find_casualties("killed two and wounded five")]
    [('killed', 2), ('injured', 5)]
    """
    if not isinstance(text, str):
        return []
    lo, hi, _ = slice(start, end).indices(len(text))
    if hi <= lo:
        return []
    seg = text[lo:hi]
    lowered = seg.lower()
    # "sete mortos", "Asesinan a 10 personas", "Double homicide": tolls no English
    # casualty word tells
    told = romance_tolls(seg) + [(f, "killed") for f in counted_acts(seg)]
    if not told and not any(stem in lowered for stem in _STEMS):
        return []
    # Lower case, the trigger regex runs twice as fast as with IGNORECASE; a few characters
    # change length when lowered ("İ"), and then the offsets would not match.
    lowered_same = len(lowered) == len(seg)
    triggers = list(
        (_TRIGGER_LOWER_RE if lowered_same else _TRIGGER_RE).finditer(
            lowered if lowered_same else seg
        )
    )
    possessives = possessive_deaths(seg)  # "THE MINISTER'S DEATH"
    if not triggers and not possessives and not told and not has_zero_hint(seg):
        return []
    mentions, zero_spans = _zero_mentions(seg, lo, text)
    # "KILLED OR WOUNDED": one figure for two kinds cannot be split (see the docstring).
    combined: set[int] = set()
    for a, b in itertools.pairwise(triggers):
        kinds = {TRIGGERS[_index(a)][1], TRIGGERS[_index(b)][1]}
        # but "shot and killed a teacher" is a death: "shot" tells how
        shot_and = TRIGGERS[_index(a)][2] == "shot"
        if (
            kinds == {"killed", "injured"}
            and not shot_and
            and _COMBINED_RE.fullmatch(seg, a.end(), b.start())
        ):
            combined.update((a.start(), b.start()))
    found: list[tuple[_Figure, str, bool, bool]] = []  # figure, kind, perpetrator, subset
    found.extend((f, "killed", f.group == "perpetrators", False) for f in possessives)
    shot: list[_Figure] = []  # injured if no death is told near (casualty_phrases)
    for t in triggers:
        if t.start() in combined or any(t.start() in span for span in zero_spans):
            continue
        _pattern, kind, role, weak = TRIGGERS[_index(t)]
        ts, te = t.start(), t.end()
        lower_window = _LOWER_RE.search(seg, max(0, ts - 120), min(hi - lo, te + 120))
        caps = lower_window is None
        intent = role in ("verb", "active", "intrans", "adj", "shot") and _INTENT_RE.search(
            seg, max(0, ts - 40), ts
        )
        if intent and not _REPORTED_TO_RE.search(seg, max(0, ts - 60), ts):
            continue
        for figure, subset in _figures_for(seg, hi - lo, t, kind, role, weak, caps):
            perpetrator = figure.group == "perpetrators" or role == "self"
            found.append((figure, kind, perpetrator, subset))
            if role == "shot":
                shot.append(figure)
    if shot:
        found = _drop_shot_dead(found, shot, text, lo)
    for figure, kind in told:
        if not any(f.start < figure.end and figure.start < f.end for f, *_ in found):
            found.append((figure, kind, False, False))
    found.sort(key=lambda item: item[0].start)
    for i, (figure, kind, _perpetrator, subset) in enumerate(found):
        # "THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WERE WOUNDED": militants too
        for prev, _kind, prev_perpetrator, _subset in reversed(found[max(0, i - 4) : i]):
            if not figure.inherit or figure.start - prev.end > 200:
                break
            if prev.group != "unknown":
                figure.group = prev.group
                found[i] = (figure, kind, prev_perpetrator, subset)
                break
    seen: set[tuple[int, int, str, str]] = set()
    for figure, kind, perpetrator, subset in found:
        key = (figure.start, figure.end, kind, figure.group)
        if key in seen or figure.end <= figure.start:
            continue
        seen.add(key)
        number = figure.number
        if number is not None:
            number = NumberPhrase(
                number.start + lo,
                number.end + lo,
                number.text,
                number.low,
                number.best,
                number.high,
                number.qualifier,
            )
        s, e = figure.start + lo, figure.end + lo
        mentions.append(
            CasualtyMention(
                s,
                e,
                text[s:e],
                kind,
                figure.group,
                figure.low,
                figure.best,
                figure.high,
                figure.qualifier,
                perpetrator,
                number,
                subset,
                figure.additional,
                figure.noun,
                figure.joined,
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _index(m: re.Match[str]) -> int:
    return int((m.lastgroup or "t0")[1:])


def _drop_shot_dead(
    found: list[tuple[_Figure, str, bool, bool]], shot: list[_Figure], text: str, lo: int
) -> list[tuple[_Figure, str, bool, bool]]:
    """People "shot" are injured only when no death is told near and no other casualty
    word already counts them ("THE JUDGE WAS SHOT AND WOUNDED")."""
    shot_ids = {id(f) for f in shot}
    others = [f for f, _kind, _p, _s in found if id(f) not in shot_ids]
    kept = []
    for item in found:
        figure = item[0]
        if id(figure) in shot_ids and (
            any(o.start < figure.end and figure.start < o.end for o in others)
            or death_nearby(text, figure.start + lo, figure.end + lo)
        ):
            continue
        kept.append(item)
    return kept


def _figures_for(
    seg: str, hi: int, t: re.Match[str], kind: str, role: str, weak: bool, caps: bool
) -> list[tuple[_Figure, bool]]:
    """The figures one casualty word governs, each with its subset flag; spans take in
    the word itself ("three U.S. soldiers were killed", "injuring seven Americans")."""
    ts, te = t.start(), t.end()

    def left(noun_role: bool = False) -> tuple[list[_Figure], str]:
        intrans = role == "intrans"
        return _left_figures(seg, 0, ts, weak=weak, noun_role=noun_role, caps=caps, intrans=intrans)

    def right(aside: bool = False) -> list[tuple[_Figure, bool]]:
        # "THE MASSACRE OF SAN FRANCISCO": a massacre is named after its place
        names = not t.group().lower().startswith("massacre")
        figures = _right_figures(seg, te, hi, weak=weak, caps=caps, names=names)
        if not figures and aside:
            figures = after_aside(seg, te, hi, weak, caps)  # "MURDERED, AT GUNPOINT, A..."
        if not figures:
            return []
        also = role in ("active", "verb") and _ALSO_BEFORE_RE.search(seg, max(0, ts - 24), ts)
        for figure in figures:
            figure.start = min(figure.start, ts)
            figure.additional = figure.additional or bool(also)  # "THEY ALSO KILLED TWO"
        subs, _ = _subset_figures(seg, figures[-1].end, hi, caps=caps)
        return [(f, role == "among") for f in figures] + [(f, True) for f in subs]

    if role == "shot":
        return shot_figures(seg, ts, te, hi, caps)
    if role == "destroy":
        # people counted after the verb, the people noun last: not "destroyed 27 armored
        # personnel carriers", "the post was destroyed"
        return [
            (f, s)
            for f, s in right()
            if f.number is not None
            and _group_in(seg[f.start : f.end].split()[-1]) is not None
            and not _THING_AFTER_RE.match(seg, f.end)
            and not s
        ]
    if kind == "injured" and role in ("noun", "active"):
        having = sufferers(seg, ts, te, hi, caps)
        if having:
            return having  # "FOUR PEOPLE HAVE BULLET WOUNDS", "HE SUSTAINED INJURIES"
    if role == "active":
        if _DET_BEFORE_RE.search(seg, max(0, ts - 12), ts):
            return []  # "the killing", "THE MASS KIDNAPPING": an act, not a count
        return right(aside=True)
    if role == "of" and t.group()[:1].lower() in "bcr":
        # "28 BODIES OF ALLEGED PEASANTS", "107 DISFIGURED BODIES OF THE VICTIMS": the
        # number is before the word; the "of" phrase says who
        counted, _aux = left(noun_role=True)
        if counted and counted[-1].number is not None:
            figure = counted[-1]
            of = _right_figures(seg, te, hi, weak=weak, caps=caps)
            if of:
                figure.group, figure.noun = of[0].group, of[0].noun
                figure.end = of[0].end
            else:
                figure.end = te
            return [(figure, False)]
    if role in ("of", "among"):
        return right()
    if role == "toll":
        m = _TOLL_TAIL_RE.match(seg, te, min(hi, te + 120))
        q = "q" if m is not None and m["q"] is not None else "q2"
        num_m = _NUMBER_RE.match(seg, m.start(q), m.end(q)) if m else None
        number = _phrase(num_m) if num_m else None
        if m is None or number is None or number.text.lower() in ("a", "an", "another"):
            return []
        found = _group_in(t.group())
        group = _refine_group(found[0], found[2], t.group(), seg, ts) if found else "unknown"
        figure = _Figure(
            ts, m.end(q), group, number.low, number.best, number.high, number.qualifier, number
        )
        return [(figure, False)]
    if role in ("noun", "hostages"):
        figures, _aux = left(noun_role=True)
        if t.group().lower() == "death" and (
            _DEATH_COMPOUND_RE.match(seg, te) or any(f.best != 1 for f in figures)
        ):
            return []  # "ONE UNFORTUNATE DEATH" is one; "MANY DEATH SQUADS" is none
        if not figures and kind == "injured" and _CAUSED_RE.search(seg, max(0, ts - 40), ts):
            # "the attack had left minor injuries on board": someone was hurt
            return [(_Figure(ts, te, "unknown", 1, None, None, "vague", None), False)]
        if role == "hostages" and figures:
            before = figures[-1].start
            if not _TAKE_BEFORE_RE.search(seg, max(0, before - 40), before):
                return []  # "threatened to kill 5 hostages": no one was taken here
        return _widen_left(figures[-1:], te, seg, hi, caps)
    figures, aux = left()
    aux_words = set(aux.lower().split())
    passive = bool(aux_words & _BE_FORMS) or _BY_RE.match(seg, te) is not None
    det = _DEF_DET_BEFORE_RE.search(seg, max(0, ts - 8), ts)
    dead = t.group().lower() == "dead" and not figures  # not "27 OF THEIR DEAD COMRADES"
    if det is not None and ((role == "verb" and not passive) or dead):
        # "THE WOUNDED WOMAN WAS...", "THE ASSASSINATED CARLOS PIZARRO": one person; "THE
        # MURDERED PRIESTS WERE...": people counted elsewhere, if at all
        return [(f, False) for f in one_after_the(seg, det.start(), t, hi, caps)]
    if role == "verb" and not passive:
        numbered = any(f.number is not None for f in figures)
        active = right(aside=not numbered)
        if active:
            return active  # "the strike killed 15 of the attacking al-Shabaab terrorists"
        if aux_words & {"has", "have", "had"} or _OBJECT_START_RE.match(seg, te):
            return []  # "the guerrillas have killed", "KILLED A COLOMBIAN": not a subject
        if not numbered and has_aside(seg, te, hi):
            return []  # "THE REBELS KILLED, ACCORDING TO THE ARMY, ...": the killers
    if role == "adj" and figures and figures[-1].number and seg[figures[-1].end : ts].isspace():
        # "30 DEAD CIVILIANS", "ONE DEAD TERRORIST": a number, the word, then the people
        nxt = _RIGHT_RE.match(seg, te, min(hi, te + _RIGHT_WINDOW))
        if nxt is not None and nxt["bare"] is not None:
            found = _group_in(nxt["bare"].split()[0])
            if found is not None:
                figure = figures[-1]
                figure.end = nxt.start("bare") + len(nxt["bare"].split()[0])
                figure.group = _refine_group(found[0], found[2], nxt["bare"], seg, ts)
                figure.noun = found[2]
                return [(figure, False)]
    if role == "self":
        if not figures:
            if "themselves" in t.group().lower():
                return [(_Figure(ts, te, "perpetrators", 2, None, None, "vague", None), False)]
            return [(_Figure(ts, te, "perpetrators", 1, 1, 1, "exact", None), False)]
        for figure in figures:
            figure.group = "perpetrators"
    if not figures and not weak and role in ("verb", "intrans", "adj"):
        certain = _PEOPLE_ONLY_RE.match(t.group()) is not None
        fallback = _subject_fallback(seg, 0, ts, aux, caps, certain, role == "intrans")
        if fallback is not None:
            figures = [fallback]
    if not figures and role in ("verb", "adj"):
        one = left_pronoun(seg, ts, te)  # "THE MEN SHOT HIM AND LEFT HIM SERIOUSLY WOUNDED"
        figures = [one] if one is not None else []
    if "also" in aux_words:
        for figure in figures:
            figure.additional = True  # "A SOUND TECHNICIAN ... WAS ALSO KILLED": one more
    return _widen_left(figures, te, seg, hi, caps)


__all__ = [
    "CASUALTY_GROUPS",
    "CasualtyMention",
    "find_casualties",
    "total",
]
