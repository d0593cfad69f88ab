"""One casualty figure read from one noun phrase: "at least 30 civilians", "the mayor".

Input: a match of the noun-phrase pattern ``_NP`` (a number, a determiner or bare words,
then modifiers and the people noun) next to a casualty word in the scanned text, or the
position right after a name in a list. Output: a ``_Figure``: its span, group, bounds and
qualifier, the number phrase, the people noun and whether it is a person's name; None
when the phrase does not count people ("10 years", "THE AMERICAN SCHOOL", "A PART").

    >>> seg = "at least 30 civilians"
    >>> m = re.match(_NP + _POST, seg, re.IGNORECASE)
    >>> f = _figure(m, seg, weak=False, noun_role=False, caps=False, allow_name=False)
    >>> (f.group, f.low, f.best, f.qualifier, f.noun)
    ('civilians', 30, None, 'at_least', 'civilians')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extract.numbers import (
    _DETS,
    _NUMBER_RE,
    _Q,
    SCALES,
    TEENS,
    TENS,
    UNITS,
    NumberPhrase,
    _alt,
    _norm,
    _phrase,
)
from sitrep.extract.victims import (
    _GROUP_ALT,
    _GROUP_OF,
    _GROUP_RE,
    _INSTITUTIONS,
    _RANKS,
    _STOP_WORDS,
    _VAGUE_HEADS,
    NOT_PEOPLE,
    TITLES,
    _group_in,
    _is_name,
    _refine_group,
    _words,
)


@dataclass(slots=True)
class _Figure:
    """A candidate casualty figure read from a noun phrase (offsets in the scanned text)."""

    start: int
    end: int
    group: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    number: NumberPhrase | None
    additional: bool = False
    inherit: bool = False  # "seven others": the group of the figure before
    noun: str | None = None  # the people noun, lower case: "soldiers", "maids"
    name: bool = False  # a person's name: "Jose Perez"
    joined: bool = False  # continues a list: "two policemen and three civilians"


# --------------------------------------------------------------------------------------
# The noun-phrase pattern
# --------------------------------------------------------------------------------------

_I = re.IGNORECASE
_STOP = _alt(_STOP_WORDS | set(UNITS) | set(TEENS) | set(TENS) | set(SCALES))
_TOKEN = (
    r"(?:(?:[^\W\d_]\.){2,}(?!\w)"  # U.S., U.N.
    rf"|(?!(?:{_STOP})(?![\w'’-]))[^\W\d_][\w'’]*(?:-[\w'’]+)*"  # words, al-Shabaab
    r"|\d+(?:-[^\W\d_]+)+|\d+(?:st|nd|rd|th|d)(?![\w'’-])"  # 25-year-old, 2D CORPORAL
    r"|\([^()]{1,40}\)|\[[^\[\]]{1,60}\])"  # (FMLN), [ADMINISTRATIVE DEPARTMENT]
)
_MODS = rf"(?:\s+(?:{_TOKEN}|(?:and|or)(?=\s+(?:{_GROUP_ALT})(?![\w-]))))"
# After the people noun: "THE MAYOR OF A SMALL TOWN", "two sailors on the destroyer",
# "ONE OF THE DAUGHTERS OF THE ISRAELI AMBASSADOR TO EL SALVADOR".
_POST = (
    r"(?P<post>(?:\s+(?:of|on|in|at|from|to|aboard|inside)\s+(?:(?:the|his|her|their|its|a|an)\s+)?"
    rf"{_TOKEN}(?:\s+{_TOKEN}){{0,3}}){{1,2}})?"
)
# A noun phrase that may hold a casualty figure: a number ("at least 30 civilians"), a
# determiner ("the mayor"), or bare words ("PEASANTS", "Jose Perez").
_NP = (
    rf"(?:(?P<qdet>(?:the|all|its|their|his|her|these|those|our)\s+)?(?P<q>{_Q})"
    rf"(?P<part>\s+of\s+{_DETS}(?:\s+{_Q})?)?(?P<mods>{_MODS}{{0,7}})"
    rf"|(?P<det>the|his|her|their|its|these|those|this|both)(?P<dmods>{_MODS}{{1,5}})"
    rf"|(?<![\w'’.-])(?P<bare>{_TOKEN}(?:\s+{_TOKEN}){{0,4}}))"
)

_AGED_NAME_RE = re.compile(r"\s*(?:\d+-years?-old|late)\s+(?P<name>.+)", _I | re.DOTALL)
_DEMONYM_RE = re.compile(r"[^\W\d_]{3,}(?:ian|ean|an|ese|ard|i|man)", _I)
_ADDITIONAL_WORDS = frozenset({"other", "others", "another", "more", "additional", "further"})
_BRACKETED_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SUPERLATIVE_RE = re.compile(r"most|best|top|leading|main|foremost|principal|[^\W\d_]{2,}est", _I)
_NAME_RUN_RE = re.compile(r"[^\W\d_][\w'’.-]*")
_PREPOSITIONS = _words("of in at on from to by for with into onto upon during after before")
_AND_RE = re.compile(r"\band\b", _I)
_IN_LAW_RE = re.compile(
    r"(?:(?<![\w'’-])(?:his|her|their|the)\s+)?(?<![\w'’-])(?P<kin>[^\W\d_]+)"
    r"\s*-\s*in\s*-\s*law\s+\Z",
    _I,
)


# --------------------------------------------------------------------------------------
# Reading one figure
# --------------------------------------------------------------------------------------


def _head(
    text: str, at: int, post: str, caps: bool, right: bool
) -> tuple[str, bool, str, int, bool] | None:
    """The people noun heading ``text`` (which starts at ``at``): group, plural, noun,
    where the noun ends and whether a name follows it. Only names may follow the noun:
    "THE SALVADORAN POLITICAL LEADER HECTOR OQUELI" is a leader, "THE AMERICAN SCHOOL"
    and "THE GUERRILLA GROUP" are not people. After a verb the phrase may run on:
    "killings of 6 civilians unjustified". A rank takes the group of its "of" phrase:
    "A CORPORAL OF THE CARABINEROS"."""
    if "[" in text or "(" in text:
        # "FENASTRAS [SALVADORAN WORKERS NATIONAL UNION FEDERATION]": a name spelled out
        text = _BRACKETED_RE.sub(lambda b: " " * len(b.group()), text)
    found = _group_in(text)
    if found is None:
        return None
    group, plural, noun = found
    cut = text.lower().rfind(noun) + len(noun)
    trailing = text[cut:].split()
    named = False
    if trailing and trailing[0].lower() in _INSTITUTIONS:
        return None
    if trailing and _is_name(trailing, caps, single=True):
        cut = len(text.rstrip())  # the name is part of the phrase
        named = True
    elif trailing and not right:
        return None
    if post.lower().lstrip().startswith("of") and noun in _RANKS:
        in_post = _group_in(post)
        if in_post is not None and in_post[0] != "unknown":
            group = in_post[0]
    return group, plural, noun, at + cut, named


def _figure(
    m: re.Match[str],
    seg: str,
    *,
    weak: bool,
    noun_role: bool,
    caps: bool,
    allow_name: bool,
    right: bool = False,
) -> _Figure | None:
    """Read a casualty figure from a noun-phrase match, or None if it is not people."""
    post = m.groupdict().get("post") or ""
    if m.groupdict().get("pron"):
        if _norm(m["pron"]) == "them":
            return None  # how many "them" are is said elsewhere
        end = m.end("pron")
        return _Figure(m.start("pron"), end, "unknown", 1, 1, 1, "exact", None, name=True)
    if m["q"] is not None:
        return _number_figure(m, seg, weak=weak, noun_role=noun_role, caps=caps, right=right)
    det = m["det"] is not None
    words = m["dmods"] if det else m["bare"]
    if words is None:
        return None
    at = m.start("dmods") if det else m.start("bare")
    start = m.start("det") if det else at
    head = _head(words, at, post, caps, right)
    if head is None and det and allow_name and not weak:
        # "THE MURDER OF THE 39-YEAR-OLD PIZARRO", "THE LATE GALAN": a person's name
        aged = _AGED_NAME_RE.fullmatch(words)
        if aged is not None and _is_name(aged["name"].split(), caps, single=True):
            return _Figure(start, m.end("dmods"), "unknown", 1, 1, 1, "exact", None, name=True)
    if head is None:
        if det or not allow_name or weak:
            return None
        name = _BRACKETED_RE.sub(" ", words).split()  # "ANA CASANOVA [NAME AS RECEIVED]"
        while len(name) > 1 and name[0].lower() in TITLES:
            name = name[1:]  # "MSGR OSCAR ARNULFO ROMERO", "MONSIGNOR ROMERO"
        name_end: int | None = m.end("bare")  # "Jose Perez"
        if not _is_name(name, caps, single=len(name) < len(words.split())):
            # "FORMER HONDURAN ARMED FORCES CHIEF GUSTAVO ALVAREZ MARTINEZ"
            name_end = _described_name_end(seg, at, min(len(seg), at + 140), caps)
        if name_end is None:
            return None
        return _Figure(start, name_end, "unknown", 1, 1, 1, "exact", None, name=True)
    group, plural, noun, end, named = head
    group = _refine_group(group, noun, words, seg, start)
    if named:
        end = _name_end(seg, end, caps)
    if plural and det and m["det"].lower() == "both":  # "BOTH POLICEMEN DIED"
        return _Figure(start, end, group, 2, 2, 2, "exact", None, noun=noun)
    if plural and not named:  # "the soldiers were killed", "MURDERED PEASANTS": two or more
        return _Figure(start, end, group, 2, None, None, "vague", None, noun=noun)
    if det and not plural and not named:
        nouns = [_GROUP_OF[_norm(g.group())] for g in _GROUP_RE.finditer(words)]
        if len(nouns) >= 2 and not any(p for _g, p in nouns) and _AND_RE.search(words):
            # "HIS BODYGUARD AND DRIVER WERE ALSO KILLED": two people
            same = len({g for g, _p in nouns[-2:]}) == 1
            return _Figure(start, end, group if same else "unknown", 2, 2, 2, "exact", None)
    # "MURDERED PEASANTS VICTOR MANUEL VASQUEZ AND RAFAEL ROMERO": one person per name
    return _Figure(start, end, group, 1, 1, 1, "exact", None, noun=noun, name=named)


def _name_end(seg: str, at: int, caps: bool) -> int:
    """Where a name that runs on past ``at`` ends: the noun phrase pattern stops after five
    words, "SALVADORAN SOCIAL DEMOCRATIC LEADER HECTOR| OQUELI"."""
    end = at
    for w in _NAME_RUN_RE.finditer(seg, at, min(len(seg), at + 60)):
        word = w.group().rstrip(".")
        if not seg[end : w.start()].isspace() or not _is_name([word], caps, single=True):
            break
        end = w.start() + len(word)
        if len(word) < len(w.group()):
            break
    return end


def _described_name_end(seg: str, at: int, hi: int, caps: bool) -> int | None:
    """Where a name ends after words that describe the person: "FORMER HONDURAN ARMED
    FORCES CHIEF GUSTAVO ALVAREZ MARTINEZ", "[RETIRED] GENERAL GUSTAVO ALVAREZ MARTINEZ.".
    The describing words are no function words, and the name is two words or more."""
    run: list[tuple[str, int]] = []  # (word, where it ends)
    last = at
    brackets = [b.span() for b in _BRACKETED_RE.finditer(seg, at, hi)]
    for w in _NAME_RUN_RE.finditer(seg, at, hi):
        if any(a <= w.start() < b for a, b in brackets):
            continue  # "[RETIRED] GENERAL ...": an editor's words, no part of the name
        if run and _BRACKETED_RE.sub("", seg[last : w.start()]).strip():
            break
        if w.group().lower() in _STOP_WORDS:
            break
        word = w.group().split("--")[0].rstrip(".")
        run.append((word, w.start() + len(word)))
        last = w.end()
        if len(run) >= 10 or len(word) < len(w.group()):
            break  # a full stop or a dash ends the name: "... ALVAREZ MARTINEZ."
    names = 0
    for word, _end in reversed(run):
        if not _is_name([word], caps, single=True):
            break
        names += 1
    if names < 2 or names == len(run) or names > 4:
        return None
    return run[-1][1]


def _number_figure(
    m: re.Match[str], seg: str, *, weak: bool, noun_role: bool, caps: bool, right: bool
) -> _Figure | None:
    """A figure with a number: "at least 30 civilians", "two of the attackers", "15"."""
    num_m = _NUMBER_RE.match(seg, m.start("q"), m.end("q"))
    number = _phrase(num_m) if num_m else None
    if number is None:
        return None
    q = _norm(m["q"])
    mods = m["mods"] or ""
    words = mods.split()
    post = m.groupdict().get("post") or ""
    if any(w.lower().strip("()") in NOT_PEOPLE for w in words) and (
        words[-1].lower() in NOT_PEOPLE or _group_in(mods) is None
    ):
        # "10 years", "30 HEAD OF CATTLE", "the 10 November offensive"; but "a village
        # chief" and "two bus drivers" are people
        return None
    if q == "one" and m["part"] and words and _SUPERLATIVE_RE.fullmatch(words[0]):
        return None  # "RAMIRO CASTILLO, ONE OF THE MOST PROMINENT BUSINESSMEN": who he was
    year = q.isdigit() and len(q) == 4 and 1900 <= int(q) <= 2099
    if not words and q.isdigit() and (q.startswith("0") or year):
        return None  # "AT 0830", "IN 1989": a time or a year, not a count
    head = _head(mods, m.start("mods"), post, caps, right) if words and not noun_role else None
    article = q in ("a", "an", "another")
    if head is None and not noun_role:
        demonym = len(words) == 1 and _DEMONYM_RE.fullmatch(words[0]) is not None
        if article and demonym and not weak and (caps or words[0][0].isupper()):
            pass  # "killed a Colombian, and wounded an Ecuadorean"
        elif article or (words and weak):
            return None  # "A PART MISSING", "the economy was hurt"
        elif (
            words
            and not (words[-1].lower().endswith("s") or m["part"])
            and {w.lower() for w in words} - _ADDITIONAL_WORDS  # "dozens more wounded"
        ):
            return None  # "ONE LEG": a singular noun that is not people
    if noun_role:  # "30 civilian deaths": the modifiers say who
        found = _group_in(mods)
        head = (found[0], found[1], found[2], m.end("q"), False) if found else None
    group, _plural, noun, _end, _named = head if head else ("unknown", True, "", 0, False)
    if head is None and words and not noun_role and words[-1].lower() not in _ADDITIONAL_WORDS:
        noun = words[-1].lower()  # "five Salvadorans": people, if of no known group
    end = m.end("mods") if words else m.end("q")
    if head is not None and not noun_role:
        end = _name_end(seg, head[3], caps) if head[4] else head[3]
        if post.lower().lstrip().startswith("of") and noun in _VAGUE_HEADS | _RANKS:
            end = m.end("post")  # "57 members of the regime forces"
    groups = {_GROUP_OF[_norm(g.group())][0] for g in _GROUP_RE.finditer(mods)}
    if len(groups - {"unknown"}) > 1 and re.search(r"\b(?:and|or)\b", mods, _I):
        group = "unknown"  # "200 SOLDIERS AND GUERRILLAS": one figure for two sides
    group = _refine_group(group, noun, seg[m.start() : end], seg, m.start())
    additional = bool({w.lower() for w in words} & _ADDITIONAL_WORDS) or q == "another"
    inherit = group == "unknown" and (
        noun == "others" or _norm(m["part"] or "").endswith(("them", "whom"))
    )
    low, best, high, qualifier = number.low, number.best, number.high, number.qualifier
    if qualifier == "up_to" and low is None and high:
        low = 1  # "up to 3 people were killed": at least one was
    start = m.start("qdet") if m.groupdict().get("qdet") else m.start("q")
    return _Figure(
        start, end, group, low, best, high, qualifier, number, additional, inherit, noun or None
    )


def _name_before(seg: str, lo: int, end: int, caps: bool) -> _Figure | None:
    """A person named right before ``end``, as an item of a list: "SOTOMAYOR", "COMRADES
    SOTELO", "HIS SON FREDDY", "RUBEN DARIO RAMIREZ". The word before must end a clause or
    be a function word: "OF PUBLIC ORDER" names no one."""
    words = list(_NAME_RUN_RE.finditer(seg, max(lo, end - 90), end))
    run: list[re.Match[str]] = []
    for w in reversed(words):
        if run and not seg[w.end() : run[0].start()].isspace():
            break
        if not run and seg[w.end() : end].strip():
            return None
        run.insert(0, w)
        if len(run) >= 7:
            break
    names = 0
    for w in reversed(run):
        if names >= 4 or not _is_name([w.group().rstrip(".")], caps, single=True):
            break
        names += 1
    if not names:
        return None
    rest = run[: len(run) - names]
    first = run[len(run) - names]
    group, noun = "unknown", None
    kin = _IN_LAW_RE.search(seg, max(lo, first.start() - 40), first.start())
    if kin is not None:
        # "HIS BROTHER - IN - LAW NORBERTO SAAVEDRA": the wires space the hyphens
        noun = kin["kin"].lower() + "-in-law"
        group = _GROUP_OF.get(noun, ("unknown", False))[0]
        end = run[-1].end()
        return _Figure(kin.start(), end, group, 1, 1, 1, "exact", None, noun=noun, name=True)
    titled = False
    if rest and (rest[-1].group().lower() in TITLES or rest[-1].group().lower() in _GROUP_OF):
        title = rest.pop()
        titled = names >= 2  # "LIBERAL PARTY MEMBER FABIO ROA": a title and a full name
        first = title
        found = _GROUP_OF.get(title.group().lower())
        if found is not None:
            group, noun = found[0], title.group().lower()
        if rest and rest[-1].group().lower() in ("his", "her", "their", "the"):
            first = rest.pop()
    if rest and not titled:
        before = rest[-1].group().lower()
        sentence_end = before.endswith(".") and before.rstrip(".") not in TITLES
        if sentence_end:
            pass  # "FOR DOING HER DUTY.  MARIA ELENA DIAZ PEREZ"
        elif before not in _STOP_WORDS or before in _PREPOSITIONS:
            return None  # "OF PUBLIC ORDER", "THE SOCIAL DEMOCRATIC"
    elif words and words[0] is not first and first is run[0]:
        between = seg[max(lo, first.start() - 3) : first.start()].strip()
        if between and between[-1].isalnum():
            return None
    name_end = run[-1].end()
    return _Figure(first.start(), name_end, group, 1, 1, 1, "exact", None, noun=noun, name=True)
