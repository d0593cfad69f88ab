"""The commands that take reports in: ``add`` (files, folders, URLs, lists, CSV) and
``sources``. No logic of their own: they parse, call sitrep.pipeline, and print. The
``feeds`` and ``watch`` commands are in sitrep.cli_feeds, imported at the end of this
module so that they register with it.

Input: files, folders, URLs, lists or a CSV of them; output: the reports stored, one
line per input on stdout (a JSON object with --json), problems on stderr.

    $ sitrep add --publisher Reuters --published 2024-08-07 story.html
    added report 12: story.html (Rockets on Erbil): 1 candidate incident(s), ...
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sitrep.cli import Context, _fail, cli, pass_context

if TYPE_CHECKING:
    from sitrep.ingest.fetch import Fetcher
    from sitrep.ingest.files import ReportMeta
    from sitrep.pipeline import AddOutcome, UrlJob


def _published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from sitrep.models import normalise_published

    try:
        return normalise_published(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def is_url(value: str) -> bool:
    return "://" in value[:12]


def make_fetcher(obj: Context, allow_private: bool = False) -> Fetcher:
    from sitrep.ingest.fetch import Fetcher, FetchPolicy

    return Fetcher(FetchPolicy.from_settings(obj.settings, allow_private=allow_private))


# sitrep add


@dataclass(frozen=True)
class _Inputs:
    """What ``sitrep add`` was given, sorted out: files (with their metadata) and URLs."""

    local: list[tuple[str, ReportMeta] | AddOutcome]
    """Files with their metadata, or the problem an input has, in the order given."""
    urls: list[UrlJob]


@cli.command()
@click.argument("inputs", nargs=-1, metavar="FILE|DIR|URL...")
@click.option(
    "--from-list",
    "from_list",
    type=click.Path(exists=True, dir_okay=False),
    help="A text file of URLs or paths, one per line (# starts a comment).",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(exists=True, dir_okay=False),
    help="A CSV file with a 'url' (or 'path') column and optional title, publisher, author, "
    "published and language columns.",
)
@click.option("--url", help="The URL the report was published at (one file only).")
@click.option("--title", help="Title, when the input has none.")
@click.option("--publisher", help="Publisher or outlet, e.g. 'Reuters'.")
@click.option("--author", help="Author or byline.")
@click.option(
    "--published",
    callback=_published,
    help="Publication date or datetime, ISO 8601 (2024-08-07 or 2024-08-07T09:30+03:00): "
    "the day 'yesterday' counts from.",
)
@click.option("--language", help="Language code, e.g. 'en'.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=lambda: min(os.cpu_count() or 1, 4),
    show_default="the number of cores, at most 4",
    help="Processes that read and extract fetched pages.",
)
@click.option(
    "--per-host",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Pages fetched at once from one site.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Fetch from loopback and private addresses too (an intranet). Also SITREP_ALLOW_PRIVATE.",
)
@click.option(
    "--progress/--no-progress", default=None, help="A progress bar (default: on a terminal)."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input on stdout.")
@pass_context
def add(
    obj: Context,
    inputs: Sequence[str],
    from_list: str | None,
    csv_path: str | None,
    url: str | None,
    title: str | None,
    publisher: str | None,
    author: str | None,
    published: str | None,
    language: str | None,
    workers: int,
    per_host: int,
    allow_private: bool,
    progress: bool | None,
    as_json: bool,
) -> None:
    """Add reports: files (.txt, .md, .html, .pdf, .eml), folders of them (recursively),
    web pages by URL, or - for standard input.

    A web page is fetched (only public addresses unless --allow-private), its article's
    text and metadata are read, and its raw HTML is kept compressed as the archival copy.
    Each report is stored once: the same bytes, the same text or the same URL is
    recognised, and a near-copy of a stored report (the same wire story on another site)
    is linked to it. The incidents each report describes are extracted and stored as
    candidates with their evidence. An input that fails is reported on its own line and
    the rest are still added; the exit status is then 1.

    \b
    Examples:
      sitrep add --publisher Reuters --published 2024-08-07 story.html
      sitrep add https://www.example.org/news/strike-on-erbil
      sitrep add reports/                    every report file in the folder
      sitrep add --from-list urls.txt
      sitrep add --csv sources.csv           url,title,publisher,published columns
      pbpaste | sitrep add - --title "Rockets on Erbil" --published 2024-08-07
    """
    from sitrep.ingest.files import ReportMeta
    from sitrep.pipeline import AddOutcome, add_files, add_urls

    if not inputs and not from_list and not csv_path:
        raise click.UsageError("give at least one FILE, DIR or URL, or --from-list / --csv")
    if url and len(inputs) != 1:
        raise click.UsageError("--url describes one report; give one FILE with it")
    if list(inputs).count("-") > 1:
        raise click.UsageError("standard input (-) can be read only once")
    meta = ReportMeta(url, title, publisher, author, published, language)
    given = _sort_inputs(inputs, meta, from_list, csv_path)
    counts = {"added": 0, "existing": 0, "failed": 0}
    with obj.open_store() as store:
        for item in given.local:
            if isinstance(item, AddOutcome):
                counts[_print_outcome(item, as_json)] += 1
                continue
            path, file_meta = item
            for outcome in add_files(
                store,
                [path],
                max_bytes=obj.settings.max_file_bytes,
                meta=file_meta,
                who=obj.settings.who,
            ):
                counts[_print_outcome(outcome, as_json)] += 1
        if given.urls:
            show = sys.stderr.isatty() and not as_json if progress is None else progress
            with make_fetcher(obj, allow_private) as fetcher:
                outcomes = add_urls(
                    store,
                    given.urls,
                    fetcher=fetcher,
                    who=obj.settings.who,
                    workers=workers,
                    per_host=per_host,
                )
                for outcome in _with_progress(outcomes, len(given.urls), show):
                    counts[_print_outcome(outcome, as_json)] += 1
    click.echo(
        f"{counts['added']} added, {counts['existing']} already stored, {counts['failed']} failed",
        err=True,
    )
    if counts["failed"]:
        sys.exit(1)


def _with_progress(outcomes: Iterator[AddOutcome], total: int, show: bool) -> Iterator[AddOutcome]:
    """The outcomes as they come, with a progress bar on stderr when ``show``."""
    if not show:
        yield from outcomes
        return
    with click.progressbar(length=total, label="fetching", file=sys.stderr) as bar:
        for outcome in outcomes:
            bar.update(1)
            yield outcome


def _sort_inputs(
    inputs: Sequence[str], meta: ReportMeta, from_list: str | None, csv_path: str | None
) -> _Inputs:
    from sitrep.pipeline import AddOutcome, UrlJob

    local: list[tuple[str, ReportMeta] | AddOutcome] = []
    urls: list[UrlJob] = []
    given: list[tuple[str, ReportMeta] | AddOutcome] = [(item, meta) for item in inputs]
    if from_list:
        given += [(line, meta) for line in _list_lines(from_list)]
    if csv_path:
        given += _csv_rows(csv_path, meta)
    for entry in given:
        if isinstance(entry, AddOutcome):
            local.append(entry)
            continue
        item, item_meta = entry
        if is_url(item):
            urls.append(UrlJob(item, item_meta))
        elif item != "-" and os.path.isdir(item):
            found = list(_folder_files(item))
            if not found:
                local.append(AddOutcome(source=item, error="is a folder with no report files"))
            local += [(path, item_meta) for path in found]
        else:
            local.append((item, item_meta))
    return _Inputs(local, urls)


def _list_lines(path: str) -> list[str]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = [line.strip() for line in handle]
    return [line for line in lines if line and not line.startswith("#")]


# The columns a CSV of sources may have, besides 'url' or 'path'.
_CSV_META = ("title", "publisher", "author", "published", "language")


def _csv_rows(path: str, meta: ReportMeta) -> list[tuple[str, ReportMeta] | AddOutcome]:
    """Each row's URL or path with its metadata, or, for a bad row, what is wrong with it
    (its source names the file and line)."""
    from sitrep.errors import FileRejected
    from sitrep.ingest.files import ReportMeta
    from sitrep.models import normalise_published
    from sitrep.pipeline import AddOutcome

    rows: list[tuple[str, ReportMeta] | AddOutcome] = []
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = {c.strip().lower(): c for c in reader.fieldnames or []}
        key = "url" if "url" in columns else "path" if "path" in columns else None
        if key is None:
            raise FileRejected(
                path, f"has no 'url' or 'path' column (its columns: {', '.join(columns)})"
            )
        for row in reader:
            line = reader.line_num
            values = {k: (row.get(columns[k]) or "").strip() for k in columns}
            where = values.get(key, "")
            if not where:
                rows.append(AddOutcome(source=f"{path}:{line}", error=f"the {key} is empty"))
                continue
            published = values.get("published") or meta.published
            if published:
                try:
                    published = normalise_published(published)
                except ValueError:
                    rows.append(
                        AddOutcome(
                            source=f"{path}:{line}",
                            error=f"published {values['published']!r} is not an ISO 8601 date",
                        )
                    )
                    continue
            rows.append(
                (
                    where,
                    ReportMeta(
                        url=where if key == "url" else meta.url,
                        title=values.get("title") or meta.title,
                        publisher=values.get("publisher") or meta.publisher,
                        author=values.get("author") or meta.author,
                        published=published,
                        language=values.get("language") or meta.language,
                    ),
                )
            )
    return rows


def _folder_files(folder: str) -> Iterator[str]:
    """The report files in a folder and its subfolders, in name order; hidden ones skipped."""
    from sitrep.ingest.files import SUFFIXES

    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            suffix = Path(name).suffix.lower()
            if name.startswith(".") or not suffix or suffix not in SUFFIXES:
                continue
            yield os.path.join(root, name)


def _print_outcome(outcome: AddOutcome, as_json: bool) -> str:
    status = "failed" if not outcome.ok else "added" if outcome.new else "existing"
    if as_json:
        click.echo(
            json.dumps(
                {
                    "source": outcome.source,
                    "status": status,
                    "report_id": outcome.report_id,
                    "title": outcome.title,
                    "incidents": outcome.incidents,
                    "aggregates": outcome.aggregates,
                    "copy_of": outcome.copy_of,
                    "error": outcome.error,
                }
            )
        )
    elif status == "failed":
        click.echo(f"error: {outcome.source}: {outcome.error}", err=True)
    elif status == "added":
        title = f" ({outcome.title})" if outcome.title else ""
        copy = f"; a copy of report {outcome.copy_of}" if outcome.copy_of else ""
        click.echo(
            f"added report {outcome.report_id}: {outcome.source}{title}: {_found(outcome)}{copy}"
        )
    elif outcome.stored_before:
        click.echo(f"{outcome.source}: stored before as report {outcome.report_id}; not fetched")
    else:
        click.echo(
            f"{outcome.source}: already stored as report {outcome.report_id}; "
            f"extraction re-run: {_found(outcome)}"
        )
    return status


def _found(outcome: AddOutcome) -> str:
    return f"{outcome.incidents} candidate incident(s), {outcome.aggregates} aggregate statement(s)"


# sitrep sources


@cli.command()
@click.argument("report_ids", nargs=-1, required=True, type=int, metavar="REPORT_ID...")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@pass_context
def sources(obj: Context, report_ids: Sequence[int], as_json: bool) -> None:
    """How many independent sources some reports are: a syndicated copy of a story counts
    once, with its original.

    \b
    Example:
      sitrep sources 12 13 17 20
    """
    from sitrep.store.syndication import originals

    with obj.open_store() as store, store.read() as conn:
        found = originals(conn, report_ids)
    missing = sorted(set(report_ids) - set(found))
    if missing:
        _fail(f"no report with id {', '.join(map(str, missing))}")
    groups: dict[int, list[int]] = {}
    for report_id, original in sorted(found.items()):
        groups.setdefault(original, []).append(report_id)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "reports": len(found),
                    "independent_sources": len(groups),
                    "sources": [
                        {"original": o, "reports": ids} for o, ids in sorted(groups.items())
                    ],
                }
            )
        )
        return
    click.echo(f"{len(found)} report(s) from {len(groups)} independent source(s):")
    for original, ids in sorted(groups.items()):
        copies = [i for i in ids if i != original]
        extra = f" (copies: {', '.join(f'#{i}' for i in copies)})" if copies else ""
        click.echo(f"  #{original}{extra}")


# `sitrep feeds` and `sitrep watch` register on import; cli_feeds uses make_fetcher above.
from sitrep import cli_feeds  # noqa: E402,F401
