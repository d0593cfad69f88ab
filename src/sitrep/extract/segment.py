"""Report text -> sentences with their character offsets.

Input: the report's plain text. Output: ``Sentence`` spans in order, each with
``text[start:end] == sentence.text``. Paragraph breaks always end a sentence;
a full stop ends one unless it closes an abbreviation ("U.S.", "Gen.", "Aug.",
"Fla."), an initial ("J. Smith") or a number ("No. 5").

    >>> [s.text for s in split_sentences("Gen. Kurilla spoke. Two rockets hit Erbil.")]
    ['Gen. Kurilla spoke.', 'Two rockets hit Erbil.']

Wire copy in capitals ("HOPE FOR MASS KILLERS.  GEN.  BUSTILLO RESIGNS") is
handled the same way: the check is case-insensitive.
"""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass

# Letters that Python's case-blind patterns match to ASCII letters ("ı" to "i", "ſ" to
# "s", the Kelvin sign to "k", "İ" to "i") but that lower() does not turn into them: a
# word matched case-blind and then looked up in lower case ("frıday") would be missing
# from every table. Each is replaced by its ASCII letter, one character for one, so every
# offset stays the same.
_FOLDED_LETTERS = str.maketrans({"\u0131": "i", "\u0130": "I", "\u017f": "s", "\u212a": "K"})


def fold_letters(text: str) -> str:
    """``text`` with the letters that case-blind patterns take for ASCII ("tonıght") made
    ASCII, at the same offsets.

    >>> fold_letters("Frıday, ſix İraqi")
    'Friday, six Iraqi'
    """
    if text.isascii():
        return text
    return text.translate(_FOLDED_LETTERS)


# Words that end with a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr cdr brig rep sen gov
    pres amb rev fr sr jr st mt ft no nos vol art sec dept univ inc co corp ltd bros
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo
    approx est vs etc al e.g i.e u.s u.k u.n u.a.e d.c a.m p.m
    """.split()
)

# After these, a capitalised word usually does start a new sentence ("... the U.S. The
# attack ..."); after "Gen." or "Aug." it does not.
_ENDING_ABBREVIATIONS = frozenset({"u.s", "u.k", "u.n", "u.a.e", "d.c", "a.m", "p.m", "etc"})
_SENTENCE_STARTERS = frozenset(
    """
    the a an in on at it its he she they we i this that these those there but and yet
    however meanwhile earlier later officials police no one two three four five
    """.split()
)

_BOUNDARY = re.compile(
    r"""
    # cheap test first: every boundary starts at a line break, a stop, or the spaces
    # after a stop (the scan tries the four branches at far fewer places)
    (?=[\n.!?]|(?<=[:.!?])[ \t])
    (?:
    (?P<para>\n[ \t]*\n\s*)                      # a blank line
    | (?P<indent>\n(?=[ \t]{2,}\S))               # a new line that starts indented (wire copy)
    | (?P<line>(?<=[:.!?])[ \t]*\n|\n(?=[A-Z\u201c"]))  # a line after a stop, or before a capital
    | (?P<stop>[.!?]+["'\u201d\u2019)\]]*)(?P<gap>\s+)(?=["'\u201c\u2018(\[]?[A-Z0-9])
    )
    """,
    re.VERBOSE,
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_WORD_WINDOW = 64
_PARAGRAPH_GAP = re.compile(r"\n[ \t]*\n|\n[ \t]{2,}")
# "No. 5" and "Nos. 3 and 4" are abbreviations only before a number.
_BEFORE_NUMBER = frozenset({"no", "nos", "art", "vol", "sec"})


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; whitespace between them belongs to none."""
    # Extraction and the aggregate statements both split the same report: split it once.
    return list(_split(text))


@functools.lru_cache(maxsize=8)
def _split(text: str) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    begin = 0
    paragraph = 0
    # In wire copy set in capitals a capital after a line break says nothing.
    capitals = mostly_capitals(text)
    for match in _BOUNDARY.finditer(text):
        if match.group("stop"):
            if not _ends_sentence(text, match):
                continue
            cut, resume = match.end("stop"), match.end()
            new_paragraph = bool(_PARAGRAPH_GAP.search(match.group("gap")))
        elif match.group("line") is not None:
            if _inside_ellipsis(text, match.start()) or (
                capitals and text[match.start() - 1 : match.start()] not in (":", "!", "?")
            ):
                # Lines end with "." in capitals copy too; the stop branch sees those.
                continue
            cut, resume, new_paragraph = match.start(), match.end(), False
        else:
            cut, resume, new_paragraph = match.start(), match.end(), True
        _append(sentences, text, begin, cut, paragraph)
        begin = resume
        if new_paragraph:
            paragraph += 1
    _append(sentences, text, begin, len(text), paragraph)
    return tuple(sentences)


_UPPER = string.ascii_uppercase.encode()
_LOWER = string.ascii_lowercase.encode()


@functools.lru_cache(maxsize=8)
def mostly_capitals(text: str) -> bool:
    """Whether the report's opening is set in capitals (more than 80% of its letters)."""
    # As bytes, deleting the letters of one case counts them in one pass: other
    # characters become "?" and are counted by neither.
    head = text[:2000].encode("latin-1", "replace")
    upper = len(head) - len(head.translate(None, _UPPER))
    lower = len(head) - len(head.translate(None, _LOWER))
    return upper + lower > 0 and upper > 0.8 * (upper + lower)


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], paragraph))


def _inside_ellipsis(text: str, at: int) -> bool:
    # "Since early November 2023, . . . Iraqi militias have claimed": an omission
    # inside a quotation, not the end of a sentence.
    return text[max(0, at - 5) : at].rstrip().endswith(". .")


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    stop = match.group("stop")
    if _inside_ellipsis(text, match.end("stop")):
        return False
    if not stop.startswith("."):
        return True  # ! and ? always end a sentence
    # Only the word before the stop matters: read a short window, not the whole text.
    word_match = _WORD_BEFORE.search(text, max(0, match.start() - _WORD_WINDOW), match.start())
    if word_match is None:
        # "No. 5." or a bare number: a full stop after digits ends the sentence.
        return True
    word = word_match.group(1).lower().rstrip(".")
    if word in _BEFORE_NUMBER:
        return not text[match.end() : match.end() + 1].isdigit()
    if word in ABBREVIATIONS:
        if word in _ENDING_ABBREVIATIONS:
            following = text[match.end() : match.end() + 20].split(maxsplit=1)
            nxt = following[0].strip("\"'([").lower() if following else ""
            # In capitals nothing tells "U.S. THE" apart; only a clear starter splits.
            return nxt in _SENTENCE_STARTERS
        return False
    # An initial ("J. Smith"), but not a one-letter word in capitals ("PLAN B.").
    return not (
        len(word) == 1
        and word.isalpha()
        and text[word_match.start()].isupper()
        and match.group("gap") == " "
        and len(stop) == 1
        and _next_is_name(text, match)
    )


def _next_is_name(text: str, match: re.Match[str]) -> bool:
    following = text[match.end() : match.end() + 30].split(maxsplit=1)
    return bool(following) and following[0][:1].isupper() and not following[0].isupper()
