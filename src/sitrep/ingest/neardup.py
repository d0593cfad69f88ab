"""Report texts -> MinHash signatures, LSH band keys, and near-duplicate links.

Input: the text of a report. Output: a 512-byte signature (128 MinHash values over the
text's word 5-grams) to keep in a BLOB column, and 32 band keys (signed 64-bit ints) to keep
in an indexed table ``(report_id, band_key BIGINT)``. Two reports that share a band key are
candidates; their signatures then say how alike they are (estimated Jaccard similarity of
their 5-gram sets). From the links "copy -> original", Sitrep counts independent sources.

    >>> story = "Two rockets hit the airport in Erbil on Monday night, officials said."
    >>> copy = "TWO ROCKETS HIT THE AIRPORT IN ERBIL ON MONDAY NIGHT, OFFICIALS SAID"
    >>> is_near_duplicate(signature(story), signature(copy))
    True
    >>> independent_sources({1: None, 2: 1, 3: 2, 4: None})
    2

Choices, and why (the tests in tests/test_neardup.py show them on written news texts):

- Shingles are word 5-grams of the normalised text (casefolded, accents folded, punctuation
  dropped), so wire copy in capitals and a re-punctuated copy shingle alike, while two
  reporters who tell the same facts in their own words share almost no 5-gram.
- ``SIGNATURE_SIZE = 128`` uint32 values: 512 bytes a report; the standard error of the
  estimate is sqrt(J(1-J)/128), about 0.04 near J = 0.6.
- ``THRESHOLD = 0.6`` on the estimate. Realistic edits of a wire story keep its 5-gram
  Jaccard above it: a new first line plus a "Reporting by ..." trailer gives about 0.8, an
  upper-case wire copy with a dateline about 0.9, one paragraph of five cut 0.7 to 0.9 (0.70
  when the cut paragraph is the longest, a third of the story: at a threshold of 0.7 such a
  copy would be missed half the time, hence 0.6). Independent reports of the same strike sit
  near 0.0, and two articles that quote the same statement inside different text near 0.15:
  quoting a statement does not make an outlet a copy. When the quote is nearly all of both
  items they are linked, which is right: both only relay the statement. A copy cut to half
  of the story (Jaccard about 0.5) is not linked.
- ``BANDS = 32`` bands of ``ROWS = 4`` values. A pair of Jaccard similarity s becomes a
  candidate with probability 1 - (1 - s**4)**32:

      s     0.1     0.2    0.3    0.4    0.5    0.6    0.7     0.8
      P     0.003   0.05   0.23   0.56   0.87   0.988  0.9998  1.0000

  Pairs from 0.65 up (the copies the threshold is for) are candidates 998 times in 1,000 or
  more, pairs at or below 0.2 rarely (5 %), and each report needs 32 rows in the band table.
  Pairs at 0.5 are candidates nine times in ten; that costs nothing at THRESHOLD = 0.6, but a
  caller querying at 0.5 would miss about one in eight. Being near-certain at 0.5 while
  staying at 10 % for 0.2 takes 256 values in 64 bands of 4 (twice the storage and rows).

Everything is deterministic across processes, machines and numpy versions: words are
hashed with blake2b, the MinHash coefficients come from blake2b too, never from Python's
``hash()`` or a random generator. Changing the normalisation, the constants or the hashing
changes every signature: stored signatures and band keys must then be recomputed.

Empty text (or text with no word at all) gets a signature that matches nothing, not even
itself: its similarity to anything is 0.0 and it has no band keys.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterator, Mapping

import numpy as np
import numpy.typing as npt

from sitrep.errors import InputError

SIGNATURE_SIZE = 128
BANDS = 32
ROWS = 4
THRESHOLD = 0.6

_SHINGLE_WORDS = 5

_U64 = npt.NDArray[np.uint64]
_U32 = npt.NDArray[np.uint32]

_VALUE_BYTES = 4
_SIGNATURE_BYTES = SIGNATURE_SIZE * _VALUE_BYTES
# Every value at the maximum: no real text's minima can all be 2**32 - 1.
_EMPTY = b"\xff" * _SIGNATURE_BYTES
# Shingle hashes are fed to the MinHash in blocks, so a book-length text does not make a
# (128 x words) matrix at once.
_BLOCK = 4096
# The band index sits in the top bits of each key, so equal rows in different bands never
# give the same key, and a key tells which band it came from.
_BAND_BITS = max(1, (BANDS - 1).bit_length())
_HASH_BITS = 64 - _BAND_BITS
_PERSON = b"sitrep-nd-v1"
# An odd multiplier chains the word hashes of one 5-gram into one value.
_CHAIN = 0x9E3779B97F4A7C15
_BAND_SEED = 0x5172E9D0B4A1C3F7

_NON_WORD = re.compile(r"[\W_]+")

assert BANDS * ROWS <= SIGNATURE_SIZE, "the bands must fit in the signature"


# --- text -> shingles ---------------------------------------------------------------


def _words(text: str) -> list[str]:
    """Casefolded words without accents or punctuation: "Kramatórsk's" -> ["kramatorsk", "s"]."""
    folded = text.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    return [w for w in _NON_WORD.split(folded) if w]


@functools.lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8, person=_PERSON).digest()
    return int.from_bytes(digest, "little")


def _mix(values: _U64) -> _U64:
    """Spread every input bit over the whole 64-bit value (a multiply-xorshift finaliser)."""
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xC4CEB9FE1A85EC53)
    return values ^ (values >> np.uint64(33))


def _shingle_hashes(text: str) -> _U64:
    """The distinct 64-bit hashes of the text's word 5-grams (one for a shorter text)."""
    words = _words(text)
    if not words:
        return np.empty(0, dtype=np.uint64)
    hashed = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    width = min(_SHINGLE_WORDS, len(words))
    count = len(words) - width + 1
    # Start from the width, so a 3-word text never hashes like a 5-gram.
    chained = np.full(count, width, dtype=np.uint64)
    for offset in range(width):
        chained = chained * np.uint64(_CHAIN) + hashed[offset : offset + count]
    return np.unique(_mix(chained))


def shingles(text: str) -> set[int]:
    """The hashes (unsigned 64-bit ints) of the normalised text's word 5-grams.

    A text of fewer than five words is one shingle of all its words; a text without words
    has none. ``shingles("Shelling hit Kharkiv.") == shingles("SHELLING HIT KHARKIV")``.
    """
    return {int(h) for h in _shingle_hashes(text)}


# --- shingles -> signature ------------------------------------------------------------


@functools.cache
def _coefficients() -> tuple[_U64, _U64]:
    """Odd multipliers and offsets of the 128 hash functions."""
    multipliers = []
    offsets = []
    for i in range(SIGNATURE_SIZE):
        seed = f"minhash {i}".encode()
        digest = hashlib.blake2b(seed, digest_size=16, person=_PERSON).digest()
        multipliers.append(int.from_bytes(digest[:8], "little") | 1)
        offsets.append(int.from_bytes(digest[8:], "little"))
    return np.array(multipliers, dtype=np.uint64), np.array(offsets, dtype=np.uint64)


def _minhash(hashes: _U64) -> _U32:
    multipliers, offsets = _coefficients()
    lowest = np.full(SIGNATURE_SIZE, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(hashes), _BLOCK):
        block = hashes[start : start + _BLOCK]
        # One row a shingle, one column a hash function; wraps modulo 2**64, on purpose.
        # (This layout reduces down the columns, several times faster than the transpose.)
        permuted = block[:, np.newaxis] * multipliers
        permuted += offsets
        np.minimum(lowest, permuted.min(axis=0), out=lowest)
    # The high half of a product orders like the product, and is the better-mixed half.
    return (lowest >> np.uint64(32)).astype(np.uint32)


def signature(text: str) -> bytes:
    """The text's MinHash signature: SIGNATURE_SIZE little-endian uint32 values (512 bytes).

    A text without words gets the signature that matches nothing.
    """
    hashes = _shingle_hashes(text)
    if len(hashes) == 0:
        return _EMPTY
    return _minhash(hashes).astype("<u4").tobytes()


def _values(sig: bytes) -> _U32:
    if len(sig) != _SIGNATURE_BYTES:
        raise InputError(
            f"a near-duplicate signature is {_SIGNATURE_BYTES} bytes "
            f"({SIGNATURE_SIZE} uint32 values), this one is {len(sig)} bytes; "
            "compute it with sitrep.ingest.neardup.signature(text)"
        )
    return np.frombuffer(sig, dtype="<u4")


# --- signature -> band keys, comparisons ----------------------------------------------


def band_keys(sig: bytes) -> list[int]:
    """BANDS signed 64-bit keys (they fit PostgreSQL BIGINT), the band index in the top bits.

    The empty-text signature has no keys, so it is never anyone's candidate.
    """
    values = _values(sig)
    if sig == _EMPTY:
        return []
    rows = values[: BANDS * ROWS].reshape(BANDS, ROWS).astype(np.uint64)
    bands = np.arange(BANDS, dtype=np.uint64)
    # Each step mixes a bijection of (state, value): different rows give different states
    # but by a 64-bit accident, and the band number seeds the state.
    state = _mix(bands ^ np.uint64(_BAND_SEED))
    for column in range(ROWS):
        state = _mix(state ^ rows[:, column])
    keys = (bands << np.uint64(_HASH_BITS)) | (state >> np.uint64(_BAND_BITS))
    signed: list[int] = keys.view(np.int64).tolist()  # the same 64 bits, read as signed
    return signed


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two texts' 5-gram sets: the share of equal values."""
    left, right = _values(a), _values(b)
    if a == _EMPTY or b == _EMPTY:
        return 0.0
    return float(np.count_nonzero(left == right)) / SIGNATURE_SIZE


def is_near_duplicate(a: bytes, b: bytes, threshold: float = THRESHOLD) -> bool:
    """True when the estimated similarity is at or above ``threshold``."""
    return similarity(a, b) >= threshold


# --- an in-memory index ---------------------------------------------------------------


class NearDupIndex:
    """An in-memory index (for batches and the benchmark): add signatures, query candidates.

    Band keys are kept in sorted numpy arrays (12 bytes a key) with a small dict for the
    latest additions, merged into the arrays as it grows; signatures sit in one uint32
    matrix, so a query compares all its candidates in one step.

        >>> index = NearDupIndex()
        >>> index.add(7, signature("Two rockets hit the airport in Erbil on Monday night."))
        >>> index.query(signature("TWO ROCKETS HIT THE AIRPORT IN ERBIL ON MONDAY NIGHT"))
        [(7, 1.0)]
    """

    # Recent keys wait in a dict (about 100 bytes a key) until there are this many; then
    # they join the sorted arrays (12 bytes a key) in one linear merge.
    _MERGE_AT = 1 << 17

    def __init__(self) -> None:
        self._rows: dict[int, int] = {}
        self._ids: list[int] = []
        self._signatures: _U32 = np.empty((1024, SIGNATURE_SIZE), dtype=np.uint32)
        self._keys: npt.NDArray[np.int64] = np.empty(0, dtype=np.int64)
        self._owners: npt.NDArray[np.int32] = np.empty(0, dtype=np.int32)
        self._recent: dict[int, list[int]] = {}
        self._recent_keys: list[int] = []
        self._recent_rows: list[int] = []

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, item_id: int, sig: bytes) -> None:
        """Index one report's signature under its id (an id can be added once)."""
        values = _values(sig)
        if item_id in self._rows:
            raise InputError(
                f"report {item_id} is already in the near-duplicate index; "
                "build a new index to change its signature"
            )
        row = len(self._ids)
        if row == len(self._signatures):
            grown = np.empty((2 * row, SIGNATURE_SIZE), dtype=np.uint32)
            grown[:row] = self._signatures
            self._signatures = grown
        self._signatures[row] = values
        self._rows[item_id] = row
        self._ids.append(item_id)
        for key in band_keys(sig):
            self._recent.setdefault(key, []).append(row)
            self._recent_keys.append(key)
            self._recent_rows.append(row)
        if len(self._recent_keys) >= self._MERGE_AT:
            self._merge()

    def _merge(self) -> None:
        """Move the latest band keys into the sorted arrays (a merge of two sorted runs)."""
        new_keys = np.array(self._recent_keys, dtype=np.int64)
        order = np.argsort(new_keys, kind="stable")
        keys = np.concatenate([self._keys, new_keys[order]])
        owners = np.concatenate([self._owners, np.array(self._recent_rows, dtype=np.int32)[order]])
        order = np.argsort(keys, kind="stable")  # two sorted runs: a linear merge
        self._keys = keys[order]
        self._owners = owners[order]
        self._recent = {}
        self._recent_keys = []
        self._recent_rows = []

    def _candidate_rows(self, sig: bytes) -> list[int]:
        keys = band_keys(sig)
        if not keys:
            return []
        wanted = np.array(keys, dtype=np.int64)
        starts = np.searchsorted(self._keys, wanted, side="left")
        ends = np.searchsorted(self._keys, wanted, side="right")
        rows: set[int] = set()
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            if end > start:
                rows.update(self._owners[start:end].tolist())
        for key in keys:
            rows.update(self._recent.get(key, ()))
        return sorted(rows)

    def candidates(self, sig: bytes) -> set[int]:
        """The ids of indexed reports sharing at least one band key with ``sig``."""
        return {self._ids[row] for row in self._candidate_rows(sig)}

    def query(self, sig: bytes, threshold: float = THRESHOLD) -> list[tuple[int, float]]:
        """(id, similarity) of the candidates at or above ``threshold``, best first."""
        rows = self._candidate_rows(sig)
        if not rows:
            return []
        values = _values(sig)
        equal = np.count_nonzero(self._signatures[rows] == values, axis=1)
        scored = [
            (self._ids[row], int(hits) / SIGNATURE_SIZE)
            for row, hits in zip(rows, equal.tolist(), strict=True)
        ]
        found = [(item, score) for item, score in scored if score >= threshold]
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))


# --- copy links -> independent sources -------------------------------------------------


def _walk(start: int, links: Mapping[int, int | None]) -> Iterator[int]:
    """``start``, then the original it copies, and so on, stopping before a repeat."""
    seen: set[int] = set()
    node: int | None = start
    while node is not None and node not in seen:
        seen.add(node)
        yield node
        node = links.get(node)


def roots(links: Mapping[int, int | None]) -> dict[int, int]:
    """Each report id -> the original at the end of its chain of copies.

    ``links`` maps a report to the report it copies (None for an original). An original
    outside ``links`` is a root of its own. A cycle of copies (a data error) has its
    smallest id as root, so the answer does not depend on where the walk began.

        >>> roots({1: None, 2: 1, 3: 2, 5: 9})
        {1: 1, 2: 1, 3: 1, 5: 9}
    """
    found: dict[int, int] = {}
    for start in links:
        if start in found:
            continue
        path: list[int] = []
        root: int | None = None
        for node in _walk(start, links):
            if node in found:
                root = found[node]
                break
            path.append(node)
        if root is None:
            root = _end_of(path, links)
        for node in path:
            found[node] = root
    return {report: found[report] for report in links}


def _end_of(path: list[int], links: Mapping[int, int | None]) -> int:
    """The root of a fresh walk: its last node, or the smallest id of the cycle it closed."""
    last = path[-1]
    following = links.get(last)
    if following is None or following not in path:
        return last
    return min(path[path.index(following) :])


def independent_sources(links: Mapping[int, int | None]) -> int:
    """How many independent originals the reports in ``links`` come down to.

    A copy of a copy counts once; a cycle of copies counts once.

        >>> independent_sources({1: None, 2: 1, 3: 2, 4: None, 5: 9})
        3
    """
    return len(set(roots(links).values()))
