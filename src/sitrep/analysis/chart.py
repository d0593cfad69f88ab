"""Incidents over time, per actor or event type, as a DataFrame and as a PNG or SVG chart.

Input: an open Connection, the export :class:`~sitrep.export.query.Filters`, what to
split by (``actor`` or ``event_type``) and the period (``week`` or ``month``). Output:
:func:`timeline` gives the DataFrame the chart draws; :func:`chart` writes the chart to
a ``.png`` or ``.svg`` file and returns its path.

    >>> chart(conn, Filters(countries=("YEM",)), by="actor", period="month",
    ...       path=Path("yemen.svg"))
    PosixPath('yemen.svg')

The top panel has one line per group (the ``top`` groups with most incidents, the rest
as "other"); the lighter band under each line is the incidents whose date is not known
to the day, so a wide band warns that the line's shape is uncertain. The lower panel has
the killed (best figure) per period as bars, with the low-high range as error bars and a
caret where the upper bound is open ("at least 3"). Incidents sit at their first
possible day; undated ones cannot be placed and are counted in the caption. The counting
is :func:`sitrep.analysis.stats.stats`, done by the database.

SVG output is the same bytes for the same data: the ids matplotlib writes come from a
fixed salt and no creation date is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sitrep.analysis.stats import COUNT_COLUMNS, UNDATED, stats
from sitrep.errors import InputError
from sitrep.export.query import Filters

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from sitrep.store import Connection

SPLITS: tuple[str, ...] = ("actor", "event_type")
CHART_PERIODS: tuple[str, ...] = ("week", "month")
FORMATS: dict[str, str] = {".png": "png", ".svg": "svg"}
OTHER = "other"
LABEL_WIDTH = 40
# Fixed settings, so the chart looks the same whatever the user's matplotlib settings.
RC: dict[str, Any] = {
    "svg.hashsalt": "sitrep-chart",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
}
SPLIT_NAMES = {"actor": "perpetrator", "event_type": "event type"}


def _check(by: str, period: str, top: int) -> None:
    if by not in SPLITS:
        raise InputError(f"chart by {by!r}: not one of {', '.join(SPLITS)}")
    if period not in CHART_PERIODS:
        raise InputError(f"chart period {period!r}: not one of {', '.join(CHART_PERIODS)}")
    if top < 1:
        raise InputError(f"top {top}: show at least 1 group")


def timeline(
    conn: Connection, filters: Filters, *, by: str, period: str, top: int = 8
) -> pd.DataFrame:
    """Counts per period and group: the data :func:`chart` draws.

    Columns: ``period`` (its key: a week's Monday "2024-01-29" or a month "2024-01"),
    ``start`` (the period's first day, NaT for the "undated" row), ``group``, then the
    counts of :func:`~sitrep.analysis.stats.stats`. Groups beyond the ``top`` with most
    incidents are summed as "other"; every period between the first and the last is
    present (with zeros), so gaps show as gaps."""
    import pandas as pd  # here, not at the top: `sitrep stats` need not load it

    _check(by, period, top)
    frame = stats(conn, filters, [period, by])
    ranking = frame.groupby(by)["incidents"].sum().reset_index()
    ranking = ranking.sort_values(["incidents", by], ascending=[False, True], kind="stable")
    names = [str(n) for n in ranking[by]]
    kept = names[:top]
    groups = kept + ([OTHER] if len(names) > len(kept) else [])
    frame["group"] = frame[by].where(frame[by].isin(kept), OTHER)
    summed = frame.groupby([period, "group"], as_index=False)[list(COUNT_COLUMNS)].sum()
    periods = _all_periods([str(p) for p in summed[period]], period)
    full = pd.MultiIndex.from_product([periods, groups], names=["period", "group"])
    out = (
        summed.rename(columns={period: "period"})
        .set_index(["period", "group"])
        .reindex(full, fill_value=0)
        .reset_index()
    )
    out = out.astype(dict.fromkeys(COUNT_COLUMNS, "int64"))
    out.insert(
        1,
        "start",
        pd.to_datetime(out["period"].where(out["period"] != UNDATED), format=_FORMATS[period]),
    )
    out.attrs = {
        "by": by,
        "period": period,
        "groups": groups,
        "filters": filters.describe(),
        "notes": list(frame.attrs.get("notes", [])),
    }
    return out


_FORMATS = {"week": "%Y-%m-%d", "month": "%Y-%m"}


def _all_periods(keys: list[str], period: str) -> list[str]:
    """Every period key from the first to the last seen, then "undated" if seen."""
    import pandas as pd

    dated = sorted(k for k in set(keys) if k != UNDATED)
    out: list[str] = []
    if dated:
        if period == "week":
            days = pd.date_range(dated[0], dated[-1], freq="7D")
            out = [d.strftime("%Y-%m-%d") for d in days]
        else:
            months = pd.period_range(dated[0], dated[-1], freq="M")
            out = [m.strftime("%Y-%m") for m in months]
    if UNDATED in keys:
        out.append(UNDATED)
    return out


def chart(
    conn: Connection,
    filters: Filters,
    *,
    by: str,
    period: str,
    path: Path,
    top: int = 8,
) -> Path:
    """Write the chart of incidents over time to ``path`` (.png or .svg; see the module)."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        given = path.suffix or "no suffix"
        raise InputError(f"{path}: charts are written as {' or '.join(FORMATS)}, not {given!r}")
    _check(by, period, top)
    data = timeline(conn, filters, by=by, period=period, top=top)
    totals = stats(conn, filters, [period])
    with mpl.rc_context():
        mpl.rcdefaults()
        mpl.rcParams.update(cast(Any, RC))
        figure = _draw(data, totals, by=by, period=period, filters=filters)
        FigureCanvasAgg(figure)
        metadata: dict[str, Any] = {"Title": title(by, period)}
        if fmt == "svg":
            metadata["Date"] = None
        figure.savefig(path, format=fmt, dpi=150, metadata=metadata)
    return path


def title(by: str, period: str) -> str:
    """The chart's title, also written into the file's metadata."""
    return f"Incidents per {period} by {SPLIT_NAMES[by]}"


def _draw(
    data: pd.DataFrame, totals: pd.DataFrame, *, by: str, period: str, filters: Filters
) -> Figure:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(11, 7))
    counts, killed = figure.subplots(
        2, 1, sharex=True, gridspec_kw={"height_ratios": [2, 1], "hspace": 0.12}
    )
    figure.subplots_adjust(left=0.07, right=0.72, top=0.91, bottom=0.16)
    figure.suptitle(title(by, period), fontsize=13)
    dated = data[data["period"] != UNDATED]
    if dated.empty:
        counts.text(
            0.5,
            0.5,
            "No dated incidents match these filters",
            ha="center",
            transform=counts.transAxes,
        )
    else:
        _draw_counts(counts, dated, list(data.attrs["groups"]))
        _draw_killed(killed, totals, period)
        locator = AutoDateLocator()  # type: ignore[no-untyped-call]
        killed.xaxis.set_major_locator(locator)
        formatter = ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        killed.xaxis.set_major_formatter(formatter)
    counts.yaxis.set_major_locator(MaxNLocator(integer=True))
    killed.yaxis.set_major_locator(MaxNLocator(integer=True))
    counts.set_ylabel("incidents")
    counts.grid(axis="y", alpha=0.3)
    killed.set_ylabel("killed (best; bars: low-high)")
    killed.set_xlabel("week (starting Monday)" if period == "week" else "month")
    killed.grid(axis="y", alpha=0.3)
    figure.text(
        0.07, 0.02, _caption(totals, filters, by, period), fontsize=8, va="bottom", wrap=True
    )
    return figure


def _draw_counts(ax: Axes, dated: pd.DataFrame, groups: list[str]) -> None:
    import matplotlib as mpl
    from matplotlib.patches import Patch

    colours = mpl.colormaps["tab10"]
    handles: list[Any] = []
    for i, group in enumerate(groups):
        rows = dated[dated["group"] == group]
        x = rows["start"].to_numpy(dtype="datetime64[D]")
        colour = "0.45" if group == OTHER else colours(i % 10)
        (line,) = ax.plot(
            x,
            rows["incidents"],
            color=colour,
            marker="o",
            markersize=3,
            linewidth=1.5,
            label=_short(group),
        )
        ax.fill_between(
            x, rows["precise_date"], rows["incidents"], color=colour, alpha=0.2, linewidth=0
        )
        handles.append(line)
    handles.append(Patch(color="0.6", alpha=0.35, label="lighter band: date not\nknown to the day"))
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False
    )
    ax.set_ylim(bottom=0)


def _draw_killed(ax: Axes, totals: pd.DataFrame, period: str) -> None:
    import numpy as np

    rows = totals[totals[period] != UNDATED]
    x = np.array([_first_day(str(k), period) for k in rows[period]], dtype="datetime64[D]")
    best = rows["killed_best"].to_numpy()
    low = rows["killed_low"].to_numpy()
    high = rows["killed_high"].to_numpy()
    width = 5 if period == "week" else 22
    ax.bar(x, best, width=width, color="0.55", label="killed (best)")
    ax.errorbar(
        x,
        best,
        yerr=[best - low, high - best],
        fmt="none",
        ecolor="black",
        elinewidth=0.8,
        capsize=2,
        label="low-high",
    )
    open_rows = rows["killed_open"].to_numpy() > 0
    if open_rows.any():
        ax.plot(
            [d for d, o in zip(x, open_rows, strict=True) if o],
            high[open_rows],
            linestyle="none",
            marker="^",
            color="black",
            markersize=4,
            label="upper bound open",
        )
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.set_ylim(bottom=0)


def _first_day(key: str, period: str) -> str:
    return key if period == "week" else f"{key}-01"


def _short(name: str) -> str:
    return name if len(name) <= LABEL_WIDTH else name[: LABEL_WIDTH - 1] + "\u2026"


def _caption(totals: pd.DataFrame, filters: Filters, by: str, period: str) -> str:
    undated = int(totals.loc[totals[period] == UNDATED, "incidents"].sum())
    parts = [f"Filters: {filters.describe()}."]
    parts.append("Each incident is placed at its first possible day.")
    if by == "actor":
        parts.append("An incident with several perpetrators counts under each.")
    if undated:
        parts.append(f"Not shown: {undated} undated incident{'s' if undated != 1 else ''}.")
    return " ".join(parts)
