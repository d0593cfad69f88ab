"""Score ``sitrep extract`` output against the benchmark gold (shared/bench/README.md).

Input: bench documents (``{"id", "dataset", "gold": [incident, ...], "meta",
"aggregates"?}``) and the extractor's output objects (``{"id", "incidents",
"aggregates", "error"}``, extract-contract.md), keyed by id or as a list.
Output: an :class:`Evaluation`: true and false positives and misses per dataset,
accuracy of each field on the paired incidents, aggregate statements found, and the
pairs, misses and false positives themselves for error analysis. A place or a
perpetrator is right when its resolved name or its words in the report match the gold.

    >>> gold = [{"id": "d1", "gold": [{"country_code": "IRQ", "date_start": "2024-08-05",
    ...          "date_end": "2024-08-05", "killed": 2}], "meta": {}}]
    >>> pred = [{"id": "d1", "incidents": [{"location": {"country_code": "IRQ"},
    ...          "date": {"start": "2024-08-05", "end": "2024-08-05"},
    ...          "killed": {"low": 2, "best": 2, "high": 2}}]}]
    >>> result = score(gold, pred)
    >>> result.overall.true_positives, result.fields["killed_exact"].rate
    (1, 1.0)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Doc = Mapping[str, Any]
Interval = tuple[dt.date | None, dt.date | None]

MATCH_RATIO = 0.85
NEAR_KM = 25.0

# Dropped before names are compared: UCDP codes "Rami village" and "Idlib governorate"
# where a report says "Rami" and "Idlib".
PLACE_TYPE_WORDS = frozenset(
    (
        "village", "town", "city", "province", "department", "governorate", "district",
        "subdistrict", "region", "municipality", "neighbourhood", "neighborhood", "camp",
        "base", "airport", "state", "county", "area", "prefecture", "commune", "settlement",
        "hamlet", "canton", "oblast", "muhafazat",
        # The Arabic article comes and goes in transliteration: "Al Anbar" is "Anbar".
        "al", "el",
    )
)  # fmt: skip

# The figures of the field table, in its order; each is scored only where the gold has a value.
FIELDS = (
    "date_inside", "date_exact", "date_range_consistent", "date_range_exact",
    "date_consistent", "date_precision",
    "country", "admin1", "location", "coordinates", "location_precision",
    "perpetrator", "attribution", "event_type", "sub_event_type",
    "weapons_overlap", "weapons_exact",
    "killed_exact", "killed_in_range", "injured_exact", "injured_in_range",
    "aggregates",
)  # fmt: skip

# Assignment weights: any allowed pair outweighs every tie-break, and a pair with a
# required gold incident outweighs one with an optional incident (it also saves a miss).
_PAIR_WEIGHT = 100.0
_REQUIRED_BONUS = 50.0


@dataclass
class FieldScore:
    """How often one field was right on the pairs where the gold has a value."""

    n: int = 0
    correct: int = 0

    @property
    def rate(self) -> float | None:
        return self.correct / self.n if self.n else None

    def as_dict(self) -> dict[str, Any]:
        return {"n": self.n, "correct": self.correct, "rate": self.rate}


@dataclass
class IncidentCounts:
    """Incident-level figures for one dataset (or all of them)."""

    documents: int = 0
    gold: int = 0
    optional: int = 0
    predicted: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    negatives: int = 0
    negatives_empty: int = 0

    @property
    def precision(self) -> float | None:
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float | None:
        return _ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float | None:
        tp, fp, fn = self.true_positives, self.false_positives, self.false_negatives
        return _ratio(2 * tp, 2 * tp + fp + fn)

    @property
    def negatives_empty_rate(self) -> float | None:
        return _ratio(self.negatives_empty, self.negatives)

    def add(self, other: IncidentCounts) -> IncidentCounts:
        names = self.__dataclass_fields__
        return IncidentCounts(**{k: getattr(self, k) + getattr(other, k) for k in names})

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for name in ("precision", "recall", "f1", "negatives_empty_rate"):
            out[name] = getattr(self, name)
        return out


@dataclass
class Finding:
    """One pair, miss or false positive, with the reason, for error analysis."""

    doc_id: str
    dataset: str
    gold: Doc | None
    prediction: Doc | None
    reason: str
    wrong: tuple[str, ...] = ()  # pairs only: the fields that were scored and wrong

    def as_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "wrong": list(self.wrong)}


@dataclass
class Evaluation:
    """Everything :func:`score` measured. Ratios are None where the denominator is 0."""

    datasets: dict[str, IncidentCounts] = field(default_factory=dict)
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    predicted_aggregates: int = 0
    missing_predictions: int = 0
    prediction_errors: int = 0
    non_exhaustive: list[str] = field(default_factory=list)
    pairs: list[Finding] = field(default_factory=list)
    misses: list[Finding] = field(default_factory=list)
    false_positives: list[Finding] = field(default_factory=list)

    @property
    def overall(self) -> IncidentCounts:
        total = IncidentCounts()
        for counts in self.datasets.values():
            total = total.add(counts)
        return total

    @property
    def precision(self) -> float | None:
        return self.overall.precision

    @property
    def recall(self) -> float | None:
        return self.overall.recall

    @property
    def f1(self) -> float | None:
        return self.overall.f1

    def as_dict(self, include_findings: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "overall": self.overall.as_dict(),
            "datasets": {name: c.as_dict() for name, c in self.datasets.items()},
            "fields": {name: s.as_dict() for name, s in self.fields.items()},
            "predicted_aggregates": self.predicted_aggregates,
            "missing_predictions": self.missing_predictions,
            "prediction_errors": self.prediction_errors,
            "precision_is_lower_bound": self.non_exhaustive,
        }
        if include_findings:
            for name in ("pairs", "misses", "false_positives"):
                out[name] = [f.as_dict() for f in getattr(self, name)]
        return out

    def format(self) -> str:
        head = ("dataset", "docs", "gold", "opt", "pred", "TP", "FP", "FN", "P", "R", "F1")
        rows = list(self.datasets.items())
        if len(rows) > 1:
            rows.append(("all", self.overall))
        lines = [f"{head[0]:<10}" + "".join(f"{h:>7}" for h in head[1:])]
        for name, c in rows:
            ints = [c.documents, c.gold, c.optional, c.predicted, c.true_positives]
            ints += [c.false_positives, c.false_negatives]
            rates = (c.precision, c.recall, c.f1)
            lines.append(
                f"{name[:10]:<10}"
                + "".join(f"{v:>7}" for v in ints)
                + "".join(f"{_rate(r):>7}" for r in rates)
            )
        lines.append("")
        with_negatives = [(name, c) for name, c in self.datasets.items() if c.negatives]
        if len(with_negatives) > 1:
            with_negatives.append(("all", self.overall))
        for name, c in with_negatives:
            lines.append(
                f"{name}: negative documents (gold []) left empty: "
                f"{c.negatives_empty} of {c.negatives} ({_rate(c.negatives_empty_rate)})"
            )
        for name in self.non_exhaustive:
            lines.append(
                f"{name}: the gold is not exhaustive (one coded event per report), "
                "so precision is a lower bound"
            )
        if self.missing_predictions:
            lines.append(f"documents without a prediction: {self.missing_predictions}")
        if self.prediction_errors:
            lines.append(f"predictions with an error: {self.prediction_errors}")
        lines += ["", f"{'field':<20}{'n':>7}{'correct':>9}{'rate':>8}"]
        for name, s in self.fields.items():
            if s.n:
                lines.append(f"{name:<20}{s.n:>7}{s.correct:>9}{_rate(s.rate):>8}")
        if self.fields["aggregates"].n or self.predicted_aggregates:
            lines.append(f"predicted aggregate statements: {self.predicted_aggregates}")
        lines.append("(fields with no gold value on any pair are left out)")
        return "\n".join(lines)


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read one JSON object per line; blank lines are skipped."""
    docs: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(value, dict):
                raise ValueError(f"{path}:{number}: expected a JSON object per line")
            docs.append(value)
    return docs


load_gold = load_jsonl


def score(gold_docs: Sequence[Doc], predictions: Mapping[str, Doc] | Sequence[Doc]) -> Evaluation:
    """Pair each document's predicted incidents with its gold ones and count."""
    if isinstance(predictions, Mapping):
        by_id = {str(k): v for k, v in predictions.items()}
    else:
        by_id = {}
        for prediction in predictions:
            by_id.setdefault(str(prediction.get("id")), prediction)
    result = Evaluation()
    non_exhaustive: set[str] = set()
    for doc in gold_docs:
        doc_id = str(doc.get("id"))
        dataset = str(doc.get("dataset") or doc_id.split("-", 1)[0] or "unknown")
        counts = result.datasets.setdefault(dataset, IncidentCounts())
        found = by_id.get(doc_id)
        if found is None:
            result.missing_predictions += 1
        elif found.get("error"):
            result.prediction_errors += 1
        output: Doc = found or {}
        if (doc.get("meta") or {}).get("gold_exhaustive") is False:
            non_exhaustive.add(dataset)
        golds = [g for g in doc.get("gold") or [] if isinstance(g, Mapping)]
        preds = [p for p in output.get("incidents") or [] if isinstance(p, Mapping)]
        counts.documents += 1
        counts.gold += len(golds)
        counts.optional += sum(1 for g in golds if g.get("optional"))
        counts.predicted += len(preds)
        if not golds:
            counts.negatives += 1
            counts.negatives_empty += not preds
        _score_document(result, counts, doc_id, dataset, golds, preds)
        _score_aggregates(result, doc.get("aggregates"), output.get("aggregates"))
    result.non_exhaustive = sorted(non_exhaustive)
    return result


def _score_document(
    result: Evaluation,
    counts: IncidentCounts,
    doc_id: str,
    dataset: str,
    golds: list[Doc],
    preds: list[Doc],
) -> None:
    blockers = [[_blockers(g, p) for p in preds] for g in golds]
    weights = [
        [
            0.0
            if blockers[i][j]
            else _PAIR_WEIGHT + (0 if g.get("optional") else _REQUIRED_BONUS) + _affinity(g, p)
            for j, p in enumerate(preds)
        ]
        for i, g in enumerate(golds)
    ]
    pairs = _assign(weights)
    paired_gold = {i for i, _ in pairs}
    paired_pred = {j for _, j in pairs}
    for i, j in pairs:
        g, p = golds[i], preds[j]
        checks = _field_checks(g, p)
        for name, ok in checks.items():
            result.fields[name].n += 1
            result.fields[name].correct += ok
        wrong = tuple(name for name, ok in checks.items() if not ok)
        reason = ", ".join(_pair_grounds(g, p)) or "no country, date or place to compare"
        result.pairs.append(Finding(doc_id, dataset, g, p, reason, wrong))
    counts.true_positives += len(pairs)
    for i, g in enumerate(golds):
        if i in paired_gold or g.get("optional"):
            continue
        counts.false_negatives += 1
        why = [blockers[i][j] for j in range(len(preds))]
        reason = _unpaired_reason(why, "predicted incident", "gold incident")
        result.misses.append(Finding(doc_id, dataset, g, None, reason))
    for j, p in enumerate(preds):
        if j in paired_pred:
            continue
        counts.false_positives += 1
        why = [blockers[i][j] for i in range(len(golds))]
        reason = _unpaired_reason(why, "gold incident", "prediction")
        result.false_positives.append(Finding(doc_id, dataset, None, p, reason))


def _unpaired_reason(why: list[list[str]], other: str, this: str) -> str:
    """Why an incident was left unpaired, given the blockers against each ``other``."""
    if not why:
        return f"no {other} in the document"
    if any(not reasons for reasons in why):
        return f"every compatible {other} was paired with another {this}"
    return "; ".join(sorted({r for reasons in why for r in reasons}))


def _blockers(g: Doc, p: Doc) -> list[str]:
    """Why gold ``g`` and prediction ``p`` cannot be a pair; empty when they can."""
    out = []
    gold_cc, pred_cc = _code(g.get("country_code")), _code(_loc(p).get("country_code"))
    # A prediction without a country does not block: the place extractor lands later,
    # and until then the pairing has to lean on dates and places.
    if gold_cc and pred_cc and gold_cc != pred_cc:
        out.append(f"country {pred_cc} is not {gold_cc}")
    gold_dates, pred_dates = _gold_intervals(g), _pred_interval(p)
    if gold_dates and pred_dates and not _dates_overlap(g, p) and not _places_match(g, p):
        out.append("dates do not overlap and no place matches")
    return out


def _pair_grounds(g: Doc, p: Doc) -> list[str]:
    grounds = []
    gold_cc = _code(g.get("country_code"))
    if gold_cc and gold_cc == _code(_loc(p).get("country_code")):
        grounds.append("same country")
    if _dates_overlap(g, p):
        grounds.append("dates overlap")
    if _places_match(g, p):
        grounds.append("places match")
    return grounds


def _affinity(g: Doc, p: Doc) -> float:
    """A tie-break between allowed pairs (below 50): dates and place overlap first, then
    every field the prediction gets right."""
    value = 5.0 * _dates_overlap(g, p) + 5.0 * _places_match(g, p)
    return value + sum(_field_checks(g, p).values())


def _field_checks(g: Doc, p: Doc) -> dict[str, bool]:
    """Each field the gold has a value for -> whether the prediction got it right."""
    out: dict[str, bool] = {}
    loc = _loc(p)
    date = _mapping(p.get("date"))
    closed = _closed(_pred_interval(p))
    intervals = _gold_intervals(g)
    if _day(g.get("date_start")):
        whole = [c for c in map(_closed, intervals) if c]
        if g.get("date_start") == g.get("date_end"):
            # The gold is one day: is that day inside the predicted interval, and is the
            # prediction that very day?
            out["date_inside"] = closed is not None and any(
                closed[0] <= start and end <= closed[1] for start, end in whole
            )
            out["date_exact"] = closed in whole
        else:
            # The gold is a span ("8-9 JAN", "NOVEMBER"): the prediction should lie within
            # it (or cover it); a single day inside it is consistent, not wrong.
            out["date_range_consistent"] = closed is not None and any(
                (start <= closed[0] and closed[1] <= end)
                or (closed[0] <= start and end <= closed[1])
                for start, end in whole
            )
            out["date_range_exact"] = closed in whole
    elif _day(g.get("date_end")):
        # "On or before": a predicted interval that ends by then is consistent with it,
        # including a prediction that is itself "on or before" (no start).
        ends = [end for _, end in intervals if end]
        predicted_end = _day(date.get("end"))
        out["date_consistent"] = (
            predicted_end is not None and bool(ends) and (predicted_end <= max(ends))
        )
    if g.get("date_precision"):
        out["date_precision"] = date.get("precision") == g["date_precision"]
    if g.get("country_code"):
        out["country"] = _code(loc.get("country_code")) == _code(g["country_code"])
    alternatives = list(g.get("location_alternatives") or [])
    if g.get("admin1"):
        out["admin1"] = _names_match([g["admin1"], *alternatives], [loc.get("admin1")])
    gold_xy, pred_xy = _coords(g), _coords(loc)
    near = bool(gold_xy and pred_xy and _km(gold_xy, pred_xy) <= NEAR_KM)
    if g.get("location"):
        names = [g["location"], *alternatives]
        # The place as resolved or as the report words it ("Santa Cruz de la Sierra" for
        # "SANTA CRUZ"): the gold names places as the text does; whether the name was
        # resolved to the right country is scored by "country".
        out["location"] = _names_match(names, [loc.get("name"), loc.get("text")]) or near
    if gold_xy and pred_xy:
        out["coordinates"] = near
    if g.get("location_precision"):
        out["location_precision"] = loc.get("precision") == g["location_precision"]
    perps = [
        a
        for a in p.get("actors") or []
        if isinstance(a, Mapping) and a.get("role") == "perpetrator"
    ]
    if g.get("perpetrators"):
        aliases = [
            *g["perpetrators"],
            *(n for group in g.get("perpetrator_aliases") or [] for n in group),
        ]
        # The actor's name as resolved, or as the report words it: "HONDURAN MILITARY"
        # is right for a gold "HONDURAN MILITARY" whether or not it resolves to the
        # registry's "Honduran Armed Forces".
        out["perpetrator"] = any(
            _actor_matches(a.get("name"), aliases) or _actor_matches(a.get("text"), aliases)
            for a in perps
        )
    if g.get("attribution"):
        readings = g.get("attribution_alternatives") or [g["attribution"]]
        claimed = any(a.get("attribution") == "claimed" for a in perps)
        out["attribution"] = claimed in {r == "claimed" for r in readings}
    for key in ("event_type", "sub_event_type"):
        if g.get(key):
            out[key] = _normalise(p.get(key)) == _normalise(g[key])
    gold_weapons = set(g.get("weapons") or [])
    if gold_weapons:
        pred_weapons = set(p.get("weapons") or [])
        out["weapons_overlap"] = bool(gold_weapons & pred_weapons)
        out["weapons_exact"] = gold_weapons == pred_weapons
    for kind in ("killed", "injured"):
        out.update(_count_checks(kind, g, p.get(kind)))
    return out


def _count_checks(kind: str, g: Doc, predicted: Any) -> dict[str, bool]:
    count = _mapping(predicted)
    best, low, high = (_number(count.get(k)) for k in ("best", "low", "high"))
    out: dict[str, bool] = {}
    exact = _number(g.get(kind))
    if exact is not None:
        out[f"{kind}_exact"] = best == exact if best is not None else low == high == exact
    gold_low, gold_high = _number(g.get(f"{kind}_low")), _number(g.get(f"{kind}_high"))
    if gold_low is not None:
        value = best if best is not None else low
        out[f"{kind}_in_range"] = (
            value is not None and gold_low <= value and (gold_high is None or value <= gold_high)
        )
    return out


def _score_aggregates(result: Evaluation, gold: Any, predicted: Any) -> None:
    """A gold statement is found when a predicted one has the same metric, qualifier and
    first bound (value.low, or value.best where the gold has no low)."""
    preds = [a for a in predicted or [] if isinstance(a, Mapping)]
    result.predicted_aggregates += len(preds)
    unused = [_aggregate_key(a) for a in preds]
    for statement in gold or []:
        if not isinstance(statement, Mapping):
            continue
        result.fields["aggregates"].n += 1
        key = _aggregate_key(statement)
        if key in unused:
            unused.remove(key)
            result.fields["aggregates"].correct += 1


def _aggregate_key(statement: Doc) -> tuple[str, Any, Any]:
    value = _mapping(statement.get("value"))
    first = value.get("low") if value.get("low") is not None else value.get("best")
    return (_normalise(statement.get("metric")), first, value.get("qualifier"))


def _assign(weights: list[list[float]]) -> list[tuple[int, int]]:
    """The one-to-one assignment of rows to columns with the largest total weight
    (Kuhn-Munkres with potentials); pairs of weight 0 mean "not allowed" and are dropped."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if not rows or not cols:
        return []
    size = max(rows, cols)
    cost = [
        [-weights[i][j] if i < rows and j < cols else 0.0 for j in range(size)] for i in range(size)
    ]
    u = [0.0] * (size + 1)
    v = [0.0] * (size + 1)
    owner = [0] * (size + 1)  # owner[column] = row, 1-based; 0 = free
    way = [0] * (size + 1)
    for row in range(1, size + 1):
        owner[0] = row
        col0 = 0
        minv = [math.inf] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[col0] = True
            row0, delta, col1 = owner[col0], math.inf, 0
            for col in range(1, size + 1):
                if not used[col]:
                    reduced = cost[row0 - 1][col - 1] - u[row0] - v[col]
                    if reduced < minv[col]:
                        minv[col], way[col] = reduced, col0
                    if minv[col] < delta:
                        delta, col1 = minv[col], col
            for col in range(size + 1):
                if used[col]:
                    u[owner[col]] += delta
                    v[col] -= delta
                else:
                    minv[col] -= delta
            col0 = col1
            if owner[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            owner[col0] = owner[col1]
            col0 = col1
    pairs = [(owner[c] - 1, c - 1) for c in range(1, size + 1) if owner[c]]
    return sorted((i, j) for i, j in pairs if i < rows and j < cols and weights[i][j] > 0)


def _number(value: Any) -> float | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if ok else None


def _mapping(value: Any) -> Doc:
    return value if isinstance(value, Mapping) else {}


def _loc(p: Doc) -> Doc:
    return _mapping(p.get("location"))


def _code(value: Any) -> str | None:
    return value.strip().upper() or None if isinstance(value, str) else None


def _day(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _gold_intervals(g: Doc) -> list[Interval]:
    """The primary interval and every accepted alternative; a None start is "on or before"."""
    raw = [(g.get("date_start"), g.get("date_end"))]
    raw += [tuple(a) for a in g.get("date_alternatives") or [] if len(a) == 2]
    out: list[Interval] = []
    for start, end in raw:
        interval = (_day(start), _day(end))
        if interval != (None, None) and interval not in out:
            out.append(interval)
    return out


def _pred_interval(p: Doc) -> Interval | None:
    date = p.get("date")
    if not isinstance(date, Mapping):
        return None
    interval = (_day(date.get("start")), _day(date.get("end")))
    return None if interval == (None, None) else interval


def _overlap(a: Interval, b: Interval) -> bool:
    lo, hi = dt.date.min, dt.date.max
    return (a[0] or lo) <= (b[1] or hi) and (b[0] or lo) <= (a[1] or hi)


def _closed(interval: Interval | None) -> tuple[dt.date, dt.date] | None:
    if interval is None or interval[0] is None or interval[1] is None:
        return None
    return interval[0], interval[1]


def _dates_overlap(g: Doc, p: Doc) -> bool:
    pred = _pred_interval(p)
    return pred is not None and any(_overlap(i, pred) for i in _gold_intervals(g))


def _places_match(g: Doc, p: Doc) -> bool:
    """Gold place, alternatives or admin1 against the predicted name, admin2 or admin1;
    or coordinates within 25 km."""
    loc = _loc(p)
    golds = [g.get("location"), *(g.get("location_alternatives") or []), g.get("admin1")]
    preds = [loc.get("name"), loc.get("admin2"), loc.get("admin1")]
    gold_xy, pred_xy = _coords(g), _coords(loc)
    if gold_xy and pred_xy and _km(gold_xy, pred_xy) <= NEAR_KM:
        return True
    return _names_match(golds, preds)


def _normalise(name: Any, drop: frozenset[str] = frozenset()) -> str:
    """Lower case, no accents, words only; ``drop`` words go unless nothing is left."""
    if not isinstance(name, str):
        return ""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['\u2019\u02bc\u02bb`]", "", text)  # Qa'im, Qaʼim and Qaim are one name
    words = re.sub(r"[\W_]+", " ", text).split()
    kept = [w for w in words if w not in drop]
    return " ".join(kept or words)


def _similar(a: str, b: str) -> bool:
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= MATCH_RATIO


def _names_match(golds: Iterable[Any], preds: Iterable[Any]) -> bool:
    gold_names = {n for n in (_normalise(x, PLACE_TYPE_WORDS) for x in golds) if n}
    pred_names = {n for n in (_normalise(x, PLACE_TYPE_WORDS) for x in preds) if n}
    return any(_similar(a, b) for a in gold_names for b in pred_names)


def _actor_matches(name: Any, aliases: Iterable[Any]) -> bool:
    """Similar names, or one inside the other as whole words ("FMLN" in "the FMLN rebels")."""
    pred = _normalise(name)
    if not pred:
        return False
    for alias in aliases:
        gold = _normalise(alias)
        if gold and (
            _similar(gold, pred) or f" {gold} " in f" {pred} " or f" {pred} " in f" {gold} "
        ):
            return True
    return False


def _coords(place: Doc) -> tuple[float, float] | None:
    lat, lon = place.get("latitude"), place.get("longitude")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return float(lat), float(lon)
    return None


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
