"""Casualty phrases that are not a figure next to a casualty word.

Input: the scanned text and, for most helpers, the position of a casualty word found by
``casualties``. Output: ``_Figure``s (offsets in the scanned text) or the position a
figure starts at. The phrases:

- a death named by whose it was: "THE MINISTER'S DEATH", "DR JOSE RODRIGUEZ'S MURDER";
- the people who have wounds: "FOUR PEOPLE HAVE BULLET WOUNDS", "HE SUSTAINED INJURIES";
- one person after "the": "THE WOUNDED WOMAN WAS ...", "THE ASSASSINATED CARLOS PIZARRO";
- an aside between a verb and its object: "THEY MURDERED, AT GUNPOINT, A SOLDIER";
- "LEFT HIM SERIOUSLY WOUNDED";
- people shot or stabbed: an injury, unless a death is told in the sentence before, the
  same sentence or the next (``death_nearby``): "TWO INDIVIDUALS SHOT FORMER JUNTA MEMBER
  GUSTAVO LEIGH ... HIS CONDITION IS VERY SERIOUS".

    >>> text = "THE POLICE ARE INVESTIGATING THE MINISTER'S DEATH."
    >>> [(f.group, f.best, text[f.start : f.end]) for f in possessive_deaths(text)]
    [('officials', 1, "THE MINISTER'S DEATH")]
"""

from __future__ import annotations

import re

from sitrep.extract.figures import _Figure
from sitrep.extract.victim_lists import (
    _BE_FORMS,
    _SPEAKER_AFTER_RE,
    _left_figures,
    _right_figures,
    _subject_fallback,
    _widen_left,
)
from sitrep.extract.victims import (
    _GROUP_OF,
    TITLES,
    _group_in,
    _is_name,
    _is_person_noun,
    _refine_group,
)

_I = re.IGNORECASE
_LOWER_RE = re.compile(r"[a-z]")

# --------------------------------------------------------------------------------------
# A death named by whose it was
# --------------------------------------------------------------------------------------

_POSSESSIVE_RE = re.compile(
    # (?=['’]): a cheap test first, both branches start at the apostrophe
    r"(?=['’])(?:['’]s|(?<=s)['’])\s+(?:(?:recent|brutal|cowardly|tragic|violent|untimely|vile"
    r"|abominable|treacherous|cruel|heinous|regrettable|sad|senseless)\s+)?"
    r"(?P<noun>death|murder|assassination|killing|execution|slaying)(?![\w'’-])",
    _I,
)
# What follows makes the owner someone else than the dead: "NORIEGA'S MURDER OF", "THE
# JUDGE'S DEATH THREATS", "THE MAYOR'S DEATH PENALTY BILL", "NORIEGA'S MURDER TRIAL".
_NOT_A_DEATH_AFTER_RE = re.compile(
    r"\s+of\b|[\s-]+(?:squads?|threats?|penalty|sentences?|lists?|row|trials?|charges?"
    r"|convictions?|suspects?|plots?|attempts?|orders?|warrants?)\b",
    _I,
)
# ... and what comes before makes it no death: "THE SOLDIERS PLOTTED THE MINISTER'S
# ASSASSINATION", "A PLAN FOR GALAN'S MURDER".
_NOT_A_DEATH_BEFORE_RE = re.compile(
    r"\b(?:plot|plots|plotted|plotting|plan|plans|planned|planning|attempt|attempts"
    r"|attempted|attempting|conspired|conspiring|conspiracy|threat|threats|threatened"
    r"|threatening|prevent|prevented|avoid|avoided|faked?|demand|demanded|demanding"
    r"|rumou?red|rumou?rs?|called\s+for|calls\s+for)\s+(?:(?:the|for|of|to)\s+)*"
    r"(?:[^\W\d_]+\s+)?\Z",  # "PLANNING GENERAL MANUEL ANTONIO NORIEGA'S MURDER"
    _I,
)
_OWNER_WORD_RE = re.compile(r"[^\W\d_][\w.'’-]*")
_DETERMINERS = frozenset("the a an his her their its this that".split())


def possessive_deaths(seg: str) -> list[_Figure]:
    """ "DR JOSE RODRIGUEZ'S DEATH", "THE MINISTER'S DEATH": one named or singular person
    dead. A plural owner ("THE PRIESTS' MURDER") is left to the figures told elsewhere."""
    found: list[_Figure] = []
    if "'" not in seg and "’" not in seg:
        return found
    for m in _POSSESSIVE_RE.finditer(seg):
        owner_end = m.start()
        if _NOT_A_DEATH_AFTER_RE.match(seg, m.end()):
            continue
        words = _owner_words(seg, owner_end)
        if not words:
            continue
        caps = _LOWER_RE.search(seg, max(0, owner_end - 120), m.end() + 60) is None
        figure = _named_owner(seg, words, caps) or _described_owner(seg, words)
        if figure is None:
            continue
        if _NOT_A_DEATH_BEFORE_RE.search(seg, max(0, figure.start - 40), figure.start):
            continue
        figure.end = m.end("noun")
        found.append(figure)
    return found


def _owner_words(seg: str, end: int) -> list[re.Match[str]]:
    """The words right before a possessive ending at ``end`` (up to six, with only spaces
    between them)."""
    words = list(_OWNER_WORD_RE.finditer(seg, max(0, end - 90), end))
    if not words or words[-1].end() != end:
        return []
    run = [words[-1]]
    for w in reversed(words[:-1]):
        if not seg[w.end() : run[0].start()].isspace() or len(run) >= 6:
            break
        run.insert(0, w)
    return run


def _named_owner(seg: str, words: list[re.Match[str]], caps: bool) -> _Figure | None:
    """ "MAGISTRATE CARLOS VALENCIA GARCIA'S", "GALAN'S", "Senator Ruiz's"."""
    names = 0
    for w in reversed(words):
        if names >= 4 or not _is_name([w.group()], caps, single=True):
            break
        names += 1
    if not names:
        return None
    first = len(words) - names
    group, noun = "unknown", None
    if first > 0:
        title = words[first - 1].group().lower()
        if title in TITLES or title in _GROUP_OF:
            first -= 1
            found = _group_in(" ".join(w.group() for w in words[: first + 1]))
            if found is not None:
                group, noun = found[0], found[2]
    start = words[first].start()
    group = _refine_group(group, noun or "", seg[start : words[-1].end()], seg, start)
    return _Figure(start, words[-1].end(), group, 1, 1, 1, "exact", None, noun=noun, name=True)


def _described_owner(seg: str, words: list[re.Match[str]]) -> _Figure | None:
    """ "THE MINISTER'S", "THE SALVADORAN ARCHBISHOP'S", "THE RADIO ANNOUNCER'S"."""
    last = words[-1].group()
    found = _group_in(last)
    if found is not None and found[1]:
        return None  # a plural: how many is told elsewhere
    if found is None and not _is_person_noun(last):
        return None
    for i in range(len(words) - 2, max(-1, len(words) - 5), -1):
        if words[i].group().lower() in _DETERMINERS:
            start = words[i].start()
            group, noun = "unknown", last.lower()
            if found is not None:
                group = _refine_group(found[0], found[2], seg[start : words[-1].end()], seg, start)
                noun = found[2]
            return _Figure(start, words[-1].end(), group, 1, 1, 1, "exact", None, noun=noun)
    return None


# --------------------------------------------------------------------------------------
# Wounds people have, and one person after "the"
# --------------------------------------------------------------------------------------

# "FOUR PEOPLE HAVE BULLET WOUNDS", "HE SUFFERED THREE GUNSHOT WOUNDS", "THE DRIVER
# SUSTAINED SERIOUS INJURIES", "TWO PEOPLE WITH STAB WOUNDS": the subject is the injured.
# The words between are adjectives or a number, never a verb ("HAVE CAUSED 11 INJURIES").
_SUFFERED_RE = re.compile(
    r"(?<![\w'’-])(?:has|have|had|having|suffered|suffers|suffer|suffering|sustained|sustains"
    r"|sustain|received|receives|receiving|with)"
    r"(?:\s+(?!(?:and|or|but|the|his|her|their|its|to|of|in|on|at|by|from|for|with|that"
    r"|which|who|been|be|not|no|any|left|leave|leaves|cause|causes)\b)"
    r"(?![\w'’-]*(?:ed|ing)\b)[\w'’-]+){0,3}?\s+\Z",
    _I,
)
_LAST_WORD_RE = re.compile(r"([^\W\d_][\w'’-]*)[\s,]*\Z")


def sufferers(seg: str, ts: int, te: int, hi: int, caps: bool) -> list[tuple[_Figure, bool]]:
    """The people who have the wounds or injuries named at ``ts``: "FOUR PEOPLE HAVE
    BULLET WOUNDS" is four injured, "HE SUFFERED THREE BULLET WOUNDS" one."""
    m = _SUFFERED_RE.search(seg, max(0, ts - 70), ts)
    if m is None or m.start() == 0 or not seg[m.start() - 1].isspace():
        return []
    figures, aux = _left_figures(seg, 0, m.start(), weak=False, noun_role=False, caps=caps)
    last = _LAST_WORD_RE.search(seg, max(0, m.start() - 40), m.start())
    if not figures and last is not None and _is_one_person(last.group(1), caps):
        # "THE DRIVER SUSTAINED INJURIES", "HE SUFFERED THREE BULLET WOUNDS"; not "THE CREW
        # SAID THE ATTACK HAD LEFT MINOR INJURIES"
        one = _subject_fallback(seg, 0, m.start(), aux, caps, True, True)
        figures = [one] if one is not None else []
    return _widen_left(figures, te, seg, hi, caps)


def _is_one_person(word: str, caps: bool) -> bool:
    low = word.lower()
    if low in ("he", "she"):
        return True
    found = _group_in(word)
    if found is not None:
        return not found[1]
    return _is_person_noun(word) or _is_name([word], caps, single=True)


def one_after_the(seg: str, det_start: int, t: re.Match[str], hi: int, caps: bool) -> list[_Figure]:
    """ "THE WOUNDED WOMAN", "HIS WOUNDED WIFE", "THE ASSASSINATED CARLOS PIZARRO": one
    person. "THE MURDERED PRIESTS" are counted where the text says how many, if at all;
    "the Dead Volume" is a name, and "THE INJURED DRUG TRAFFICKERS" no one person."""
    word = t.group()
    if not caps and word[:1].isupper():
        return []
    figures = _right_figures(seg, t.end(), hi, weak=False, caps=caps)
    if not figures or figures[0].best != 1 or figures[0].number is not None:
        return []
    if figures[0].noun is None and not _PEOPLE_ONLY_RE.fullmatch(word):
        return []  # a name needs a word said of people only: "THE ASSASSINATED X"
    one = figures[0]
    one.start = det_start
    return [one]


_PEOPLE_ONLY_RE = re.compile(r"murdered|assassinated|slain|killed|executed|martyred", _I)

# "LEFT HIM SERIOUSLY WOUNDED"
_LEFT_PRONOUN_RE = re.compile(
    r"\b(?:left|leaving|leaves|leave)\s+(?P<pron>him|her)(?:\s+[^\W\d_]+ly)?\s+\Z", _I
)


def left_pronoun(seg: str, ts: int, te: int) -> _Figure | None:
    m = _LEFT_PRONOUN_RE.search(seg, max(0, ts - 40), ts)
    if m is None:
        return None
    return _Figure(m.start("pron"), te, "unknown", 1, 1, 1, "exact", None, name=True)


# --------------------------------------------------------------------------------------
# An aside between a verb and its object
# --------------------------------------------------------------------------------------

_ASIDE_WORD = r"(?:[^\W\d_][\w'’-]*|\d+)"
_VERB_ASIDE_RE = re.compile(
    rf"(?:\s*,\s*{_ASIDE_WORD}(?:\s+{_ASIDE_WORD}){{0,6}}"
    rf"|\s+(?:in|on|at|during|with|within|after|before|inside|near|over)"
    rf"(?:\s+{_ASIDE_WORD}){{1,6}})\s*,(?=\s)",
    _I,
)
_VERB_AFTER_RE = re.compile(r"\s+(?:was|were|is|are|has|have|had)\b", _I)


def has_aside(seg: str, te: int, hi: int) -> bool:
    """An aside between commas right after a verb: "THE REBELS KILLED, ACCORDING TO THE
    ARMY, ..." (not "BURNED TO DEATH INSIDE THEIR VEHICLE IN LA SELVA, ...")."""
    m = _VERB_ASIDE_RE.match(seg, te, hi)
    return m is not None and m.group().lstrip().startswith(",")


def after_aside(seg: str, te: int, hi: int, weak: bool, caps: bool) -> list[_Figure]:
    """The objects after an aside: "THEY MURDERED, AT GUNPOINT, A SOLDIER", "ASSASSINATED
    IN LESS THAN 48 HOURS, MAGISTRATE CARLOS VALENCIA GARCIA, ...". Not "KILLED IN THE
    ATTACK, THE MAYOR SAID": the words after the aside start a clause."""
    m = _VERB_ASIDE_RE.match(seg, te, hi)
    if m is None:
        return []
    figures = _right_figures(seg, m.end(), hi, weak=weak, caps=caps)
    if figures and (
        _SPEAKER_AFTER_RE.match(seg, figures[0].end, hi)
        or _VERB_AFTER_RE.match(seg, figures[0].end, hi)
    ):
        return []
    return figures


# --------------------------------------------------------------------------------------
# Shot or stabbed, and no death near
# --------------------------------------------------------------------------------------

_SHOT_MOST = 4
_SHOT_NOT_HIT_RE = re.compile(r"\s+(?:at|down|up|through)\b", _I)
_SHOT_DET_BEFORE_RE = re.compile(r"\b(?:a|the|one|his|her|their|its|first|last)\s+\Z", _I)


def shot_figures(seg: str, ts: int, te: int, hi: int, caps: bool) -> list[tuple[_Figure, bool]]:
    """ "TWO INDIVIDUALS SHOT FORMER JUNTA MEMBER GUSTAVO LEIGH", "THE JUDGE WAS SHOT":
    people hit. Not "SHOT AT THE CAR", "A SHOT WAS HEARD", "WAS FOUND SHOT" (dead)."""
    if _SHOT_NOT_HIT_RE.match(seg, te) or _SHOT_DET_BEFORE_RE.search(seg, max(0, ts - 8), ts):
        return []
    figures, aux = _left_figures(seg, 0, ts, weak=True, noun_role=False, caps=caps)
    aux_words = set(aux.lower().split())
    if aux_words & _BE_FORMS:
        if "found" in aux_words:
            return []
        if not figures:
            one = _subject_fallback(seg, 0, ts, aux, caps, True, False)
            figures = [one] if one is not None else []
        if not _few(figures):
            return []
        return _widen_left(figures, te, seg, hi, caps)
    objects = _right_figures(seg, te, hi, weak=True, caps=caps)
    if not _few(objects):
        return []
    for figure in objects:
        figure.start = min(figure.start, ts)
    return [(figure, False) for figure in objects]


def _few(figures: list[_Figure]) -> bool:
    """A few people counted one by one: "THE ARMY SHOT 65 MRTA MEMBERS IN A CLASH" and
    "THE PRIESTS WERE ALSO SHOT" (how many is told elsewhere) are more likely dead."""
    return all(f.best is not None and f.best <= _SHOT_MOST for f in figures)


_DEATH_WORD_RE = re.compile(
    r"(?<![\w'’-])(?:kill|murder|assassin|dead|death|died|dies|dying|slain|fatal|bod(?:y|ies)"
    r"(?![\w'’-])|corpse|execut(?:ed|ion|ions|ing)\b|perish|lifeless|passed\s+away|funeral"
    r"|buried|burial|autops|massacr|lost\s+(?:his|her|their)\s+li)",
    _I,
)
_SENTENCE_END_RE = re.compile(r"(?<![A-Z]\.[A-Z])[.!?]+[\"')\]]*\s+|\n\s*\n")
_NEAR = 600


def death_nearby(text: str, start: int, end: int) -> bool:
    """A death is told in the sentence before ``start``, the sentence of ``start:end`` or
    the next one: then someone shot there may well have died."""
    before = [m.end() for m in _SENTENCE_END_RE.finditer(text, max(0, start - _NEAR), start)]
    lo = before[-2] if len(before) >= 2 else max(0, start - _NEAR)
    after = [m.start() for m in _SENTENCE_END_RE.finditer(text, end, end + _NEAR)][:2]
    hi = after[-1] if len(after) == 2 else min(len(text), end + _NEAR)
    return _DEATH_WORD_RE.search(text, lo, hi) is not None


# --------------------------------------------------------------------------------------
# Acts named by how many they killed: "Double homicide", "a triple murder"
# --------------------------------------------------------------------------------------

_TIMES: dict[str, int] = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
_COUNTED_ACT_RE = re.compile(
    r"(?<![\w'’-])(?P<times>double|triple|quadruple|quintuple)[\s-]+"
    r"(?:homicides?|murders?|killings?|assassinations?|executions?)(?![\w'’-])",
    _I,
)


def counted_acts(seg: str) -> list[_Figure]:
    """ "Double homicide in Rio": two killed; "a triple murder": three."""
    lowered = seg.lower()
    if not any(times in lowered for times in _TIMES):
        return []
    out = []
    for m in _COUNTED_ACT_RE.finditer(seg):
        n = _TIMES[m["times"].lower()]
        out.append(_Figure(m.start(), m.end(), "unknown", n, n, n, "exact", None))
    return out


# --------------------------------------------------------------------------------------
# Tolls in Portuguese, Spanish and French headlines
# --------------------------------------------------------------------------------------

# Number words of each language (the events' lexicon in ``event_words_romance`` has the
# same ones). Portuguese "dos" is "of the", so each table counts only with its own nouns.
_ROMANCE_NUMBERS: dict[str, dict[str, int]] = {
    "pt": {
        "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "tres": 3, "quatro": 4,
        "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10, "onze": 11,
        "doze": 12, "treze": 13, "vinte": 20,
    },
    "es": {
        "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
        "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
        "veinte": 20,
    },
    "fr": {
        "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
        "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
        "vingt": 20,
    },
}  # fmt: skip
# The dead and the wounded, and the people nouns, of each language.
_ROMANCE_DEAD = {"pt": r"mort[oa]s", "es": r"muert[oa]s", "fr": r"morts"}
_ROMANCE_HURT = {"pt": r"ferid[oa]s", "es": r"herid[oa]s", "fr": r"bless[ée]e?s"}
_ROMANCE_PEOPLE = {
    "pt": r"pessoas|homens|mulheres|jovens|crianças|policiais|militares|soldados|civis|corpos",
    "es": r"personas|hombres|mujeres|jóvenes|niños|policías|militares|soldados|civiles"
    r"|cuerpos|cadáveres",
    "fr": r"personnes|hommes|femmes|jeunes|enfants|policiers|militaires|soldats|civils"
    r"|corps",
}
# Verbs whose subject is the dead ("Duas pessoas morrem") and verbs of killing whose
# object is ("Asesinan a 10 personas", "Hallan dos cuerpos").
_ROMANCE_DIE = {
    "pt": r"morrem|morreram|morre|morreu|assassinad[oa]s|executad[oa]s"
    r"|são\s+mort[oa]s|foram\s+mort[oa]s"
    r"|são\s+assassinad[oa]s|foram\s+assassinad[oa]s|são\s+executad[oa]s"
    r"|foram\s+executad[oa]s|são\s+encontrad[oa]s|foram\s+encontrad[oa]s",
    "es": r"mueren|murieron|muere|murió|asesinad[oa]s|ejecutad[oa]s",
    "fr": r"meurent|sont\s+mort(?:e?s)?|ont\s+été\s+tué(?:e?s)?|sont\s+tué(?:e?s)?"
    r"|tué(?:e?s)?|assassiné(?:e?s)?|exécuté(?:e?s)?",
}
_ROMANCE_KILL = {
    "pt": r"assassinam|assassinaram|matam|mataram|executam|executaram|encontram|acham"
    r"|localizam",
    "es": r"asesinan|asesinaron|matan|mataron|ejecutan|ejecutaron|hallan|hallaron|encuentran"
    r"|encontraron|localizan|localizaron",
    "fr": r"tuent|ont\s+tué|exécutent|ont\s+exécuté",
}
_NUM_GAP = r"(?:\s+[^\W\d_]+){0,2}?"  # "sete pessoas", "4 jeunes hommes", "10 personas más"


def _romance_re(lang: str) -> re.Pattern[str]:
    number = r"[1-9]\d*|" + "|".join(sorted(_ROMANCE_NUMBERS[lang], key=len, reverse=True))
    people = _ROMANCE_PEOPLE[lang]
    return re.compile(
        r"(?<![\w'’-])(?:"
        # "sete mortos", "4 morts", "10 personas muertas", "três feridos"
        rf"(?P<n1>{number})(?:\s+(?:{people}))?{_NUM_GAP}\s+"
        rf"(?:(?P<dead>{_ROMANCE_DEAD[lang]})|(?P<hurt>{_ROMANCE_HURT[lang]}))"
        # "Duas pessoas morrem", "dos hombres fueron asesinados"
        rf"|(?P<n2>{number})\s+(?:{people}){_NUM_GAP}\s+(?:{_ROMANCE_DIE[lang]})"
        # "Asesinan a 10 personas", "Hallan dos cuerpos", "tuent trois civils"
        rf"|(?:{_ROMANCE_KILL[lang]})\s+(?:a\s+|à\s+)?(?P<n3>{number})(?:\s+[^\W\d_]+)?"
        rf"\s+(?:{people})"
        # "Corpos de homem e mulher são encontrados": one body each
        rf"|(?P<bodies>(?:corpos|cuerpos|corps)\s+(?:de|du|des)\s+(?:[^\W\d_]+\s+){{1,3}}?"
        r"(?:e|y|et)\s+[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)(?=\s+(?:são|foram|son|fueron|sont|ont|é|es|est)"
        r"\s|\s*$)"
        r")(?![\w'’-])",
        _I,
    )


_ROMANCE_RES = {lang: _romance_re(lang) for lang in _ROMANCE_NUMBERS}
# Letters any of these tolls has: the cheap test before the patterns.
_ROMANCE_STEMS = (
    "mortos", "mortas", "morts", "muert", "morre", "muer", "meur", "ferid", "herid", "bless",
    "asesin", "assassinam", "assassinaram", "assassinad", "matam", "mataram", "matan",
    "mataron", "executam", "executaram", "executad", "ejecut", "exécut", "tuent", "tué",
    "hallan", "hallaron", "encontr", "localiz", "corpos", "cuerpos", "corps d", "acham",
)  # fmt: skip


def romance_tolls(seg: str) -> list[tuple[_Figure, str]]:
    """The dead and wounded counted in a Portuguese, Spanish or French headline, each with
    its kind: "sete mortos" (seven killed), "Asesinan a 10 personas", "4 morts dans une
    attaque", "Corpos de homem e mulher são encontrados" (two)."""
    lowered = seg.lower()
    if not any(stem in lowered for stem in _ROMANCE_STEMS):
        return []
    found: list[tuple[_Figure, str]] = []
    taken: list[tuple[int, int]] = []
    for lang, pattern in _ROMANCE_RES.items():
        for m in pattern.finditer(seg):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            kind = "injured" if m["hurt"] else "killed"
            if m["bodies"] is not None:
                n = len(re.findall(r"\s(?:e|y|et)\s", m["bodies"], _I)) + 1
            else:
                word = (m["n1"] or m["n2"] or m["n3"]).lower()
                n = int(word) if word.isdigit() else _ROMANCE_NUMBERS[lang][word]
            end = m.end()
            found.append((_Figure(m.start(), end, "unknown", n, n, n, "exact", None), kind))
            taken.append((m.start(), end))
    return found
