"""The figures on either side of a casualty word, read as lists of people.

Input: the scanned text and the position of a casualty word ("were killed", "killing",
"the murder of"). Output: ``_Figure``s: the subject before the word with the items of its
list ("AN OFFICER AND A SERGEANT WERE KILLED"), the objects after it ("killing two
policemen and three civilians"), the part after "including" or "six of them", the people
"along with" the subject, or the one person a clause is about ("He was shot dead"). Items
of a list after the first are marked ``joined`` (different people); a name and its
description side by side ("JOSE PEREZ, A FARMER") are one person.

    >>> seg = "killing two policemen and three civilians"
    >>> found = _right_figures(seg, 7, len(seg), weak=False, caps=False)
    >>> [(f.group, f.best, f.joined) for f in found]
    [('police', 2, False), ('civilians', 3, True)]
"""

from __future__ import annotations

import re

from sitrep.extract.figures import (
    _BRACKETED_RE,
    _MODS,
    _NP,
    _POST,
    _TOKEN,
    _Figure,
    _figure,
    _name_before,
)
from sitrep.extract.modifiers import _LEAD_RE, _is_lead, _modifier_start
from sitrep.extract.numbers import _DETS, _NUMBER_RE, _Q, _norm, _phrase
from sitrep.extract.victims import (
    _INSTITUTIONS,
    _NEVER_NAMES,
    _group_in,
    _is_name,
    _is_person_noun,
    _refine_group,
    _words,
)

# --------------------------------------------------------------------------------------
# Patterns around a casualty word
# --------------------------------------------------------------------------------------

_I = re.IGNORECASE
_AUX = (
    r"(?:was|were|is|are|am|be|been|being|has|have|had|get|gets|got|gotten|getting|remain"
    r"|remains|remained|lay|lie|lies|reportedly|allegedly|apparently|presumably|also|later"
    r"|then|all|both|each|reported|found|believed|confirmed|feared|presumed|said|known|still"
    r"|thought|understood|to|[^\W\d_]+ly|(?:[^\W\d_]+ed|shot|hit|beaten|taken|struck)"
    r"\s*,?\s+(?:and|or))(?![\w'’-])"
)
_LEFT_RE = re.compile(
    rf"{_NP}{_POST}(?P<gap>\s*,?(?:\s+(?:who|that|which))?(?P<aux>(?>(?:\s+{_AUX}){{0,5}})))\s+\Z",
    _I,
)
_AUX_TAIL_RE = re.compile(rf"\s*,?(?:\s+(?:who|that|which))?(?P<aux>(?:\s+{_AUX}){{1,5}})\s+\Z", _I)
# The conjunct before a list item ("FOUR SOLDIERS AND", "HIS WIFE,"), and what joins them.
_CHAIN_LEFT_RE = re.compile(
    rf"(?:(?P<qdet>(?:the|all)\s+)?(?P<q>{_Q})(?P<part>\s+of\s+{_DETS})?(?P<mods>{_MODS}{{0,4}})"
    rf"|(?P<det>the|his|her|their|its)(?P<dmods>{_MODS}{{1,4}})){_POST}\s*\Z",
    _I,
)
_CONJ_END_RE = re.compile(
    r"(?:\s*[,;]\s*(?:and\s+)?|\s+and\s+"
    r"|\s*,?\s+(?:as\s+well\s+as|along\s+with|together\s+with)\s+)\Z",
    _I,
)
# An aside inside a list: "SIX JESUITS (FIVE SPANIARDS AND ONE SALVADORAN) AND TWO WOMEN"
_ASIDE_END_RE = re.compile(
    r"\s*(?:\([^()]{1,80}\)|\[[^\[\]]{1,80}\]|(?:--|—)[^-—]{1,80}(?:--|—))\s*\Z"
)
_RIGHT_RE = re.compile(
    r"(?:\s+(?:also|reportedly|allegedly|instantly|today|yesterday|tonight"
    r"|(?:last|this)\s+(?:night|morning|evening|afternoon|week)))*\s+"
    rf"(?:{_NP}{_POST}|(?P<pron>him|her|them)(?![\w'’-]))",
    _I,
)
_CHAIN_RIGHT_RE = re.compile(
    r"\s*,?\s+(?:as\s+well\s+as|along\s+with|together\s+with)\s+"
    r"|\s*,\s*(?:and\s+)?(?:of\s+)?|\s+and\s+(?:of\s+)?",
    _I,
)
_SEMI_NEXT_RE = re.compile(r"(?:(?!\band\b)[^;.!?]){0,60}?;\s*(?:and\s+)?", _I)
_CLAUSE_AFTER_RE = re.compile(
    r"\s(?:[^\W\d_]{3,}ed|is|are|was|were|has|have|had|will|would|said|says|say)(?![\w'’-])", _I
)

# "RODRIGUEZ PORTH WAS KILLED NEAR HIS HOME, ALONG WITH TWO OF HIS BODYGUARDS"
_ALONG_WITH_RE = re.compile(
    r"(?:\s+(?!(?:and|but|or|who|which|when|while|as|after|before)\b)[^\s.;:!?\"]+){0,12}?"
    r"\s*,?\s+(?P<kw>along\s+with|together\s+with)(?=\s)",
    _I,
)
# "176 were killed yesterday, including 57 members of the regime forces"
_SUBSET_RE = re.compile(
    r"(?:\s+(?!(?:and|but|or)\b)[^\s,.;:!?]+){0,8}?\s*,?"
    r"\s+(?P<kw>including|among\s+them|among\s+whom|of\s+whom|of\s+them)(?=\s)",
    _I,
)
_SUBSET_OF_THEM_RE = re.compile(
    rf"\s*,\s*(?P<q>{_Q})\s+of\s+(?:them|whom)(?:\s+(?:were|are|being))?\s+"
    rf"(?P<mods>{_TOKEN}(?:\s+{_TOKEN}){{0,2}})",
    _I,
)

_RELATIVE_RE = re.compile(r"\b(?:who|whom|whose|which|that|where)\b", _I)
_BOUNDARY_RE = re.compile(r"[;!?]|\.\s|\n\s*\n|--", _I)
_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")
_BE_FORMS = _words("was were is are am be been being get gets got gotten getting")
_SPEAKER_AFTER_RE = re.compile(
    r"\s+(?:said|say|says|told|reported|report|reports|added|stated|confirmed|announced"
    r"|claimed|noted|warned)\b",
    re.IGNORECASE,
)

_CONJUNCTIONS = _words("after before when while since because until once as that")
_OF_BEFORE_RE = re.compile(r"\bof\s+\Z", _I)
_THE_RE = re.compile(r"the\s", _I)
_INCLUDING_BEFORE_RE = re.compile(r"(?:,|\s)\s*including\s+\Z", _I)
_POSSESSIVE_DET_RE = re.compile(r"(?:his|her|their|its)\s", _I)
# A new clause after a semicolon: "KILLED MINISTER ANTONIO RODRIGUEZ PORTH; THE GUERRILLAS
# HAVE DENIED RESPONSIBILITY"
_CLAUSE_NEXT_RE = re.compile(
    r"\s+(?:was|were|is|are|has|have|had|will|would|said|says|denied|claimed)(?![\w'’-])", _I
)
_LEFT_WORDS = 14  # "FIVE FARABUNDO MARTI NATIONAL LIBERATION FRONT (FMLN) REBELS WERE KILLED"
_WORD_START_RE = re.compile(r"(?<!\S)\S")


# --------------------------------------------------------------------------------------
# The subject on the left
# --------------------------------------------------------------------------------------


def _words_back(seg: str, lo: int, at: int, count: int) -> int:
    """Where the ``count``-th word before ``at`` starts: a bound for left-hand searches
    that keeps them short (regex search tries every start position)."""
    starts = [m.start() for m in _WORD_START_RE.finditer(seg, max(lo, at - 160), at)]
    return starts[-count] if len(starts) >= count else max(lo, at - 160)


_RIGHT_WINDOW = 120


def _left_figures(
    seg: str, lo: int, at: int, *, weak: bool, noun_role: bool, caps: bool, intrans: bool = False
) -> tuple[list[_Figure], str]:
    """Figures ending right before ``at``: the subject of "were killed" and its conjuncts.

    Returns the figures (nearest last) and the auxiliary words between ("were", "had been").
    A passive verb or ``intrans`` ("died") lets words that describe the subject stand
    between it and the verb: "TWO POLICEMEN GUARDING THE CONSULATE WERE KILLED".
    """
    pos = _words_back(seg, lo, at, _LEFT_WORDS)
    of_them = False
    described = False  # the subject comes before words that describe it
    figure: _Figure | None = None
    for _ in range(8):  # a few retries: "a town" fails, "the mayor of a town" may not
        m = _LEFT_RE.search(seg, pos, at)
        if m is None:
            break
        figure = _figure(m, seg, weak=weak, noun_role=noun_role, caps=caps, allow_name=False)
        listed = "," in m["gap"] or not set(m["aux"].lower().split()) & _BE_FORMS
        if figure is not None and m["bare"] is not None and weak and listed:
            # "RELATIVES OF POLITICAL PRISONERS, MISSING, AND MURDERED PEOPLE": a list,
            # not "FIVE PEASANTS ARE MISSING"
            figure = None
        aux_set = set(m["aux"].lower().split())
        singular_verb = aux_set & {"was", "is", "has"} and not aux_set & {"were", "are", "have"}
        if figure is not None and figure.number is None and figure.best is None and singular_verb:
            figure = None  # "(ELN) GUERRILLAS, WAS FOUND DEAD": a plural is not its subject
            break
        if (
            figure is not None
            and singular_verb
            and (figure.low or 0) > 1
            and _OF_BEFORE_RE.search(seg, max(lo, figure.start - 6), figure.start)
        ):
            figure = None  # "ONE OF THE THREE TOP LEADERS OF THE UNION HAS BEEN FOUND DEAD"
            break
        comma_before = seg[max(lo, m.start() - 3) : m.start()].rstrip().endswith(",")
        if figure is not None and figure.number is not None and comma_before:
            if not (m["mods"] or m["part"] or m["post"] or noun_role) and m["q"].isdigit():
                # "JOSE OSCAR MARIN, 32, WAS KILLED": an age ("..., 13 BODIES" is a count)
                figure = None
                break
            of_them = _norm(m["part"] or "").endswith(("them", "whom"))
        if figure is not None and "," in m["gap"]:
            comma = seg.rfind(",", max(lo, figure.start - 80), figure.start)
            if comma >= 0 and _RELATIVE_RE.search(seg, comma, figure.start):
                # "TWO PEASANTS, WHO HAD HELPED THE POLICE, HAVE BEEN SHOT": the police
                # end a relative clause; the subject is before it
                figure = None
                break
        including = _INCLUDING_BEFORE_RE.search(seg, max(lo, m.start() - 16), m.start())
        if figure is not None and including is not None:
            # "FOUR PEOPLE INCLUDING ONE CHILD WERE INJURED": four, of whom one child
            cut = including.start() + (2 if seg[including.start()] == "," else 1)
            whole = _np_before(seg, lo, cut, caps)
            if whole is not None and whole.number is not None:
                figure = whole
        if figure is not None:
            if intrans or aux_set & _BE_FORMS:
                # "FOUR GUARDS PROTECTING THE JUDGE WERE KILLED": the guards, not the judge
                lead = _LEAD_RE.search(seg, max(lo, figure.start - 80), figure.start)
                if (
                    lead is not None
                    and lead.start() > lo
                    and _is_lead(lead)
                    and seg[lead.start() - 1].isspace()
                ):
                    figure = _np_before(seg, lo, lead.start(), caps) or figure
            break
        pos = m.start() + 1
    aux = m["aux"] or "" if m is not None and figure is not None else ""
    if m is None or figure is None:
        tail = _AUX_TAIL_RE.search(seg, max(lo, at - 80), at)
        aux = tail["aux"] if tail else ""
        if noun_role or weak:
            return [], aux
        subject_end = len(seg[: tail.start() if tail else at].rstrip(" ,"))
        if intrans or set(aux.lower().split()) & _BE_FORMS:
            # "SIX JESUIT PRIESTS AND TWO HUMBLE WOMEN WHO WORKED WITH THEM WERE MURDERED"
            described_end = _modifier_start(seg, lo, subject_end)
            if described_end is not None:
                figure = _np_before(seg, lo, described_end, caps)
                described = figure is not None
            aux_set = set(aux.lower().split())
            if figure is not None and figure.best != 1 and aux_set & {"was", "is", "has"}:
                figure = None  # "ONE OF THE THREE LEADERS OF THE UNION (AEU) HAS BEEN..."
        if figure is None:
            # "CRISTOBAL PEREZ AND RUBEN DARIO RAMIREZ WERE SHOT": names, if they are a list
            figure = _name_before(seg, lo, subject_end, caps)
        if figure is None:
            return [], aux
    elif noun_role and (m["gap"].strip() or figure.number is None):
        return [], aux
    figures = [figure]
    edge = figure.start
    listed = False
    while len(figures) < 8:
        conj = _CONJ_END_RE.search(seg, max(lo, edge - 24), edge)
        if conj is None:
            break
        end = conj.start()
        aside = _ASIDE_END_RE.search(seg, max(lo, end - 90), end)
        if aside is not None and "and" in conj.group().lower():
            end = aside.start()  # "SIX JESUITS (FIVE SPANIARDS AND ONE SALVADORAN) AND"
        chain = _CHAIN_LEFT_RE.search(seg, _words_back(seg, lo, end, 9), end)
        more = None
        if chain is not None:
            more = _figure(chain, seg, weak=weak, noun_role=False, caps=caps, allow_name=False)
        joint = conj.group().lower()
        listed = listed or "and" in joint or "with" in joint or ";" in joint
        if more is None and listed:
            # "HIS WIFE AND COMRADES SOTELO AND"; "QUISPE, ISIDORO SAUNE, AND": names, in a
            # list that ends with "and" ("INSTEAD, TWO CHILDREN WERE KILLED" has none)
            more = _name_before(seg, lo, end, caps)
        if more is None and (("and" in joint and "," in joint) or ";" in joint):
            # "MARIA DIAZ, THIRD JUDGE OF PUBLIC ORDER, AND TWO OF HER BODYGUARDS"; "JUAN
            # SOSA, CANDIDATE FOR MAYOR OF SAN ROQUE, CESAR DEPARTMENT, AND HIS SON"
            more = _name_before_asides(seg, lo, end, caps)
        elif chain is not None and "and" not in conj.group().lower() and not chain["mods"]:
            break  # "PABLO PELAEZ GONZALES, 45, A FORMER MAYOR": an age, not a victim
        if more is None:
            break
        plain_comma = conj.group().strip() == ","
        if (
            plain_comma
            and _THE_RE.match(seg, more.start)
            and _OF_BEFORE_RE.search(seg, max(lo, more.start - 6), more.start)
        ):
            break  # "OF THE 16 MEMBERS OF THE BOARD, THREE WERE MURDERED": a part of them
        if of_them:
            # "SIX JESUITS, FIVE OF THEM OF SPANISH BACKGROUND, WERE ASSASSINATED": six
            figures, of_them = [more], False
        elif plain_comma and _one_person(more, figures[0], seg):
            # "OQUELI COLINDRES, A SALVADORAN LEADER OF THE SOCIALIST INTERNATIONAL, WAS
            # FOUND DEAD": a name and what he was, one man
            figures[0].start = more.start
        else:
            figures[0].joined = True  # "AN OFFICER AND A SERGEANT": different people
            figures.insert(0, more)
        edge = more.start
    alone = len(figures) == 1 and figures[-1].name and figures[-1].number is None
    if alone and (figures[-1].noun is None or (m is None and not described)):
        return [], aux  # one name: "JOSE PEREZ WAS KIDNAPPED" is the fallback's
    return figures, aux


def _name_before_asides(seg: str, lo: int, end: int, caps: bool) -> _Figure | None:
    """A name before up to three asides that end at ``end``, each after a comma."""
    for _ in range(3):
        comma = seg.rfind(",", max(lo, end - 70), end)
        if comma <= lo or _ASIDE_STOP_RE.search(seg, comma + 1, end):
            return None
        named = _name_before(seg, lo, comma, caps)
        if named is not None:
            return named
        end = comma
    return None


def _one_person(a: _Figure, b: _Figure, seg: str) -> bool:
    """A name and a description of one person side by side: "JOSE PEREZ, A FARMER"; not
    "RODRIGUEZ GACHA, HIS SON"."""
    if a.name == b.name:
        return False
    other = b if a.name else a
    if _POSSESSIVE_DET_RE.match(seg, other.start):
        return False
    article = other.number is None or other.number.text.lower() in ("a", "an")
    return article and other.best == 1 and other.low == 1


def _np_before(seg: str, lo: int, cut: int, caps: bool) -> _Figure | None:
    """The people ending a subject right before ``cut`` (see ``_modifier_start``)."""
    pos = _words_back(seg, lo, cut, _LEFT_WORDS)
    for _ in range(4):
        m = _LEFT_RE.search(seg, pos, cut)
        if m is None or m["aux"].strip():
            return None
        figure = _figure(m, seg, weak=False, noun_role=False, caps=caps, allow_name=False)
        if figure is not None and figure.number is not None and not m["mods"]:
            return None  # "ERNESTO VASQUEZ, 72, WHO WAS WORKING THERE": an age
        if figure is not None:
            return figure
        pos = m.start() + 1
    return None


_ASIDE_STOP_RE = re.compile(r"[.;:()\[\]\"]|\b(?:and|or|who|which|that|was|were|is|are)\b", _I)


# --------------------------------------------------------------------------------------
# The objects on the right, and what follows the subject
# --------------------------------------------------------------------------------------


def _right_figures(
    seg: str, at: int, hi: int, *, weak: bool, caps: bool, names: bool = True
) -> list[_Figure]:
    """Figures starting right after ``at``: the object of "killing", "the murder of"."""
    figures: list[_Figure] = []
    pos = at
    previous: _Figure | None = None
    comma = apposition = False
    semis = 0
    while len(figures) < 8:
        m = _RIGHT_RE.match(seg, pos, min(hi, pos + _RIGHT_WINDOW))
        if m is None:
            break
        first = not figures
        names_here = names and (first or semis > 0 or (previous is not None and previous.name))
        figure = _figure(
            m, seg, weak=weak, noun_role=False, caps=caps, allow_name=names_here, right=True
        )
        if figure is None:
            break
        if not first and figure.number is None and figure.noun is None and not figure.name:
            break
        if not first and figure.number is not None and not figure.noun and not m["mods"]:
            break  # "KILLING MARIA JACINTA PULIDO, 42": an age
        if not first and _SPEAKER_AFTER_RE.match(seg, figure.end, hi):
            break  # "injuring seven Americans, officials said": the speakers, not victims
        article = figure.number is None or figure.number.text.lower() in ("a", "an")
        det = (m["det"] or "the").lower() in ("the", "a", "an", "its")
        if (
            previous is not None
            and previous.name
            and comma
            and article
            and det
            and figure.best == 1
            and not figure.name
        ):
            # "SENATOR LUIS CARLOS GALAN, THE LIBERAL PARTY PRESIDENTIAL CANDIDATE" and
            # "MSGR OSCAR ARNULFO ROMERO, ARCHBISHOP OF SAN SALVADOR": the same man
            figure = None
            apposition = True
        elif previous is not None:
            if seg[previous.start : previous.end].lower() == previous.noun:
                break  # "SENATOR AND PRESIDENTIAL CANDIDATE LUIS CARLOS GALAN": one man
            figure.joined = True  # "killing two policemen and three civilians"
        if figure is not None and comma and _CLAUSE_AFTER_RE.search(seg, figure.end, m.end() + 1):
            break  # "GALAN, THE 4,015 JUDGES OF THE COUNTRY DECIDED": a new clause
        if figure is not None and semis and _CLAUSE_NEXT_RE.match(seg, figure.end):
            break  # "...RODRIGUEZ PORTH; THE GUERRILLAS HAVE DENIED": a new clause
        if figure is not None:
            figures.append(figure)
            if _SUBSET_OF_THEM_RE.match(seg, figure.end, hi):
                break  # "EIGHT PEOPLE, SIX OF THEM JESUITS": a part, not more people
            previous = figure
        # the link comes after an "of" phrase: "THE MAYOR OF THE TOWN, AS WELL AS TWO ..."
        after = max(m.end(), previous.end if previous is not None else 0)
        link = None
        if previous is not None and (previous.name or semis):
            # "KILLING MARIA JACINTA PULIDO, 42; PILAR PULIDO, 19; A MINOR KNOWN AS CARLOS;"
            link = _SEMI_NEXT_RE.match(seg, after, min(hi, after + 70))
            semis += link is not None
        if link is None:
            link = _CHAIN_RIGHT_RE.match(seg, after, hi)
        if link is None:
            break
        joint = link.group().lower()
        comma = "," in joint and "and" not in joint and ";" not in joint
        if apposition and "," not in link.group():
            break  # "PABLO PELAEZ, PRESIDENT OF THE HOLASA COMPANY AND MAYOR": still him
        apposition = False
        pos = link.end() - 1 if seg[link.end() - 1].isspace() else link.end()
        if pos >= hi or not seg[pos].isspace():
            break
    return figures


def _subset_figures(seg: str, at: int, hi: int, *, caps: bool) -> tuple[list[_Figure], int]:
    """ "30 civilians, including 12 children": the part figures after ``at``."""
    m = _SUBSET_RE.match(seg, at, hi)
    if m is not None:
        keyword_start = m.start("kw")
        figures = _right_figures(seg, m.end(), hi, weak=False, caps=caps)
        if figures:
            figures[0].start = keyword_start
        return figures, keyword_start
    m = _SUBSET_OF_THEM_RE.match(seg, at, hi)
    if m is not None:
        num_m = _NUMBER_RE.match(seg, m.start("q"), m.end("q"))
        number = _phrase(num_m) if num_m else None
        found = _group_in(m["mods"])
        if number is not None and found is not None:
            end = m.start("mods") + m["mods"].lower().rfind(found[2]) + len(found[2])
            figure = _Figure(
                m.start("q"),
                end,
                found[0],
                number.low,
                number.best,
                number.high,
                number.qualifier,
                number,
            )
            return [figure], m.start("q")
    return [], at


def _widen_left(
    figures: list[_Figure], te: int, seg: str, hi: int, caps: bool
) -> list[tuple[_Figure, bool]]:
    """Spans of left figures run to the end of the casualty word; then "including ..."."""
    if not figures:
        return []
    results: list[tuple[_Figure, bool]] = []
    for figure in figures:
        figure.end = te
        results.append((figure, False))
    subs, _ = _subset_figures(seg, te, hi, caps=caps)
    results.extend((f, True) for f in subs)
    along = None if subs else _ALONG_WITH_RE.match(seg, te, min(hi, te + 160))
    if along is not None:
        more = _right_figures(seg, along.end(), hi, weak=False, caps=caps)
        if more:
            more[0].start = along.start("kw")
            for figure in more:
                figure.joined = True  # different people from those on the left
                figure.additional = figures[-1].additional
            results.extend((f, False) for f in more)
    return results


# --------------------------------------------------------------------------------------
# One person before the word
# --------------------------------------------------------------------------------------

# "a/the <noun>", perhaps with an "of" phrase, ending a subject: "A SOUND TECHNICIAN OF THE
# (CBS) TELEVISION NETWORK", "the owner of the shop"
_DESCRIBED_RE = re.compile(
    r"(?<![\w'’.-])(?:the|a|an|his|her|their)\s+(?:[^\W\d_][\w'’-]*\s+){0,2}?"
    r"(?P<noun>[^\W\d_]+)"
    rf"(?:\s+(?:of|for|from|at|in|with)\s+(?:(?:the|a|an|his|her|their|its)\s+)?"
    rf"{_TOKEN}(?:\s+{_TOKEN}){{0,3}})?\s*\Z",
    _I,
)


def _subject_fallback(
    seg: str, lo: int, at: int, aux: str, caps: bool, certain: bool, intransitive: bool
) -> _Figure | None:
    """One victim named or described before "was killed": "He was shot dead", "JOSE PEREZ
    WAS KIDNAPPED", "the mayor, who had been threatened, was killed". With a word only
    people suffer (``certain``), any "the <noun>" will do: "The clerk was shot dead".
    "died" needs no "was": "INSPECTOR EULOGIO FLORES DIED IN THE EXPLOSION"."""
    aux_words = set(aux.lower().split())
    if aux_words & {"were", "are", "have"} or not (aux_words & _BE_FORMS or intransitive):
        return None  # only a singular subject is one person
    clause_start = max(lo, at - 250)
    for b in _BOUNDARY_RE.finditer(seg, clause_start, at):
        clause_start = b.end()
    clause = seg[clause_start:at].rstrip()
    subject_end = clause_start + len(clause[: len(clause) - len(aux.strip())].rstrip(" ,"))
    cut = _modifier_start(seg, clause_start, subject_end)
    if cut is not None:
        # "A MAN, WHO IS BELIEVED TO HAVE BEEN THE WATCHMAN AT THE TOWER, WAS KILLED"
        subject_end = len(seg[:cut].rstrip(" ,"))
    words = list(_WORD_RE.finditer(seg, clause_start, subject_end))
    if "[" in seg[clause_start:subject_end]:
        # "DEPUTY PABLO LI ORMENO, OF THE APRA [AMERICAN POPULAR REVOLUTIONARY ALLIANCE]
        # PARTY, WAS MURDERED": the words in brackets spell out a name
        spans = [b.span() for b in _BRACKETED_RE.finditer(seg, clause_start, subject_end)]
        words = [w for w in words if not any(a <= w.start() < b for a, b in spans)]
    words = words[-5:]
    if not words:
        return None
    last = words[-1].group().lower()
    if last in ("it", "which", "this", "that", "they", "there", "what"):
        return None
    if last in ("he", "she", "who"):
        return _Figure(words[-1].start(), at, "unknown", 1, 1, 1, "exact", None, name=True)
    if len(words) >= 2 and words[-2].group().lower() in _CONJUNCTIONS:
        # "TOLD NEWSMEN TODAY AFTER PIZARRO WAS KILLED": the clause starts at "after"
        words = words[-1:]
        if _is_name([words[0].group()], caps, single=True):
            return _Figure(words[0].start(), at, "unknown", 1, 1, 1, "exact", None, name=True)
    for i, word in reversed(list(enumerate(words))):
        found = _group_in(word.group())
        after = words[i + 1].group().lower() if i + 1 < len(words) else ""
        # not "M-19 GUERRILLA GROUP", nor "(ELN) GUERRILLAS, WAS FOUND DEAD": one person
        if found is not None and after not in _INSTITUTIONS and not found[1]:
            group = _refine_group(found[0], found[2], seg[word.start() : at], seg, at)
            return _Figure(word.start(), at, group, 1, 1, 1, "exact", None, noun=found[2])
    if _is_name([w.group() for w in words[-2:]], caps):
        return _Figure(words[-2:][0].start(), at, "unknown", 1, 1, 1, "exact", None, name=True)
    one = _name_before(seg, clause_start, subject_end, caps)
    if one is not None:  # "GALAN WAS MURDERED THAT EVENING", "[WORDS] ALVARADO WAS KILLED"
        one.end = at
        return one
    comma = seg.rfind(",", clause_start, subject_end)
    if seg[subject_end : subject_end + 1] == "," and comma > clause_start:
        # "MARTA LUZ LOPEZ, MANAGER OF EL ESPECTADOR IN MEDELLIN, WAS KILLED", "COMRADE
        # FORERO, PARTY SECRETARY, WAS KILLED"
        named = list(_WORD_RE.finditer(seg, clause_start, comma))[-2:]
        if len(named) == 2 and _is_name([w.group() for w in named], caps):
            return _Figure(named[0].start(), at, "unknown", 1, 1, 1, "exact", None, name=True)
        one = _name_before(seg, clause_start, comma, caps)
        if one is not None:
            one.end = at
            return one
    described = _DESCRIBED_RE.search(seg, max(clause_start, subject_end - 90), subject_end)
    if described is not None and _is_person_noun(described["noun"]):
        # "A SOUND TECHNICIAN OF THE (CBS) TELEVISION NETWORK WAS ALSO KILLED"
        noun = described["noun"].lower()
        return _Figure(described.start(), at, "unknown", 1, 1, 1, "exact", None, noun=noun)
    if certain and len(words) >= 2 and words[-2].group().lower() in ("the", "a", "an", "his"):
        noun = words[-1].group().lower()
        if noun not in _NEVER_NAMES:
            return _Figure(words[-2].start(), at, "unknown", 1, 1, 1, "exact", None, noun=noun)
    return None
