"""One casualty word and its role -> the figures it governs.

Input: a segment of a report, a casualty word found in it (a match of
``casualty_words.TRIGGER_RE``) with its kind, role and whether it needs a person noun,
and whether the words around it are all capitals. Output: the figures (``figures._Figure``)
the word governs, each with its subset flag; their spans take in the word itself.

    "the strike killed 15 of the attacking al-Shabaab terrorists"

gives one figure of 15 militants for "killed" (an active verb takes the figure on its
right); "three U.S. soldiers were killed" one of three soldiers (a passive takes the
figure on its left). The roles are listed with ``casualty_words.TRIGGERS``: a verb, an
active form, an intransitive verb, an adjective, a noun, an "of" phrase, a toll, "among
the dead", the attacker's own death, hostages, "destroyed" of a ministry bulletin, and
"shot" (an injury only when no death is told near).
"""

from __future__ import annotations

import re

from sitrep.extract.casualty_phrases import (
    after_aside,
    has_aside,
    left_pronoun,
    one_after_the,
    shot_figures,
    sufferers,
)
from sitrep.extract.figures import _Figure
from sitrep.extract.numbers import _NUMBER_RE, _Q, _phrase
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
# Words said of people only: "the deal was killed" is not a death, "was shot dead" is.
_PEOPLE_ONLY_RE = re.compile(
    r"shot|stabbed|beaten|hacked|burn|tortured|strangled|stoned|clubbed|gunned|murdered"
    r"|assassinated|slain|kidnapped|abducted|beheaded|lynched|martyred|massacred|fatally"
    r"|mortally",
    _I,
)
# "destroyed 27 armored personnel carriers": the people noun names a thing.
_THING_AFTER_RE = re.compile(r"\s+(?:carriers?|vehicles?|depots?|quarters)\b", re.IGNORECASE)


def figures_for(
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
