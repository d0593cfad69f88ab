"""The commands that take data out of Sitrep and bring reference data in: ``export``,
``import``, ``compare``, ``stats`` and ``chart``. No logic of their own: they parse the
shared filters, call sitrep.export, sitrep.reference, sitrep.analysis and
sitrep.store.backup, and print.

    $ sitrep export --format acled --country IRQ --from 2024-01-01 -o iraq.csv
    $ sitrep export --format jsonl -o backup.jsonl        # the whole database
    $ sitrep import --format sitrep backup.jsonl          # into an empty database

Registered on ``sitrep.cli``'s group when imported (``sitrep.cli`` imports it at its end).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from sitrep.cli import STATUS_CHOICES, Context, cli, pass_context

if TYPE_CHECKING:
    from sitrep.export.query import Filters

# Incident formats: name -> (writes text (else a file path), suffix).
FORMATS: dict[str, tuple[bool, str]] = {
    "acled": (True, ".csv"),
    "ucdp": (True, ".csv"),
    "gtd": (True, ".csv"),
    "geojson": (True, ".geojson"),
    "incidents-jsonl": (True, ".jsonl"),
    "parquet": (False, ".parquet"),
    "datasette": (False, ".db"),
}
GRADES = ("confirmed", "fair", "weak", "contested", "single-source")


def _date(_ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The filters every export, stats, chart and comparison accepts."""
    options = [
        click.option("--from", "date_from", callback=_date, help="Dated on or after (YYYY-MM-DD)."),
        click.option("--to", "date_to", callback=_date, help="Dated on or before (YYYY-MM-DD)."),
        click.option("--country", multiple=True, help="ISO alpha-3 code or name; repeatable."),
        click.option("--admin1", multiple=True, help="Province, governorate, state; repeatable."),
        click.option("--actor", multiple=True, help="Actor name or id, any role; repeatable."),
        click.option("--event-type", multiple=True, help="ACLED event type; repeatable."),
        click.option(
            "--status",
            multiple=True,
            type=click.Choice(STATUS_CHOICES),
            help="Incident status; repeatable (default: active, i.e. candidate or confirmed).",
        ),
        click.option("--grade", multiple=True, type=click.Choice(GRADES), help="Repeatable."),
        click.option(
            "--min-sources",
            type=click.IntRange(min=1),
            help="At least this many independent sources.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def make_filters(options: dict[str, Any]) -> Filters:
    """The Filters the filter options describe (an InputError for bad values)."""
    from sitrep.export.query import ACTIVE, Filters

    return Filters(
        date_from=options.pop("date_from"),
        date_to=options.pop("date_to"),
        countries=tuple(options.pop("country")),
        admin1=tuple(options.pop("admin1")),
        actors=tuple(options.pop("actor")),
        event_types=tuple(options.pop("event_type")),
        statuses=tuple(options.pop("status")) or ACTIVE,
        grades=tuple(options.pop("grade")),
        min_sources=options.pop("min_sources"),
    )


@contextlib.contextmanager
def _output(target: str, *, text: bool) -> Iterator[Any]:
    """The stream or path to write to. A file is written beside its name and renamed into
    place at the end, so a failed export never leaves a half-written file behind."""
    if target == "-":
        if not text:
            raise click.UsageError("this format writes a file: give -o FILE")
        yield sys.stdout
        return
    final = Path(target)
    partial = final.with_name(final.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if text:
            with partial.open("w", encoding="utf-8", newline="") as out:
                yield out
        else:
            yield partial
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)


@cli.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, "jsonl"]),
    required=True,
    help="acled/ucdp/gtd: CSV in that dataset's columns plus Sitrep's; geojson; "
    "incidents-jsonl: incidents with nested evidence; parquet; datasette: a SQLite file "
    "for Datasette; jsonl: a backup of the whole database (sitrep import --format sitrep).",
)
@click.option("-o", "--output", default="-", show_default=True, help="File to write; - for stdout.")
@click.option("--title", default="Sitrep incidents", show_default=True, help="The dataset's title.")
@click.option("--overwrite", is_flag=True, help="datasette: replace an existing database file.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes writing a large CSV, JSON Lines or Parquet export (50,000 incidents "
    "or more each); default: the machine's cores, up to 4. The file is the same.",
)
@filter_options
@pass_context
def export_command(
    obj: Context,
    /,
    fmt: str,
    output: str,
    title: str,
    overwrite: bool,
    jobs: int | None,
    **options: Any,
) -> None:
    """Write incidents in an analyst's format, with their citations and quotes.

    \b
    Examples:
      sitrep export --format acled --country IRQ --from 2024-01-01 -o iraq.csv
      sitrep export --format geojson --min-sources 2 -o map.geojson
      sitrep export --format datasette --status all -o incidents.db
      sitrep export --format jsonl -o backup.jsonl
    """
    from sitrep.export.common import Meta
    from sitrep.export.query import Filters
    from sitrep.export.run import default_jobs, export

    filters = make_filters(options)
    if fmt == "jsonl":
        if filters != Filters():
            raise click.UsageError(
                "--format jsonl is a backup of the whole database and takes no filters; "
                "for filtered incidents as JSON Lines use --format incidents-jsonl"
            )
        _backup(obj, output)
        return
    text, _suffix = FORMATS[fmt]
    meta = Meta(title=title, filters=filters)
    jobs = jobs or default_jobs()
    workdir = None if output == "-" else Path(output).absolute().parent
    with obj.open_store() as store:
        if fmt == "datasette":
            # It writes its database and metadata file under other names and renames both
            # into place itself, and refuses to overwrite unless asked.
            if output == "-":
                raise click.UsageError("--format datasette writes a file: give -o FILE")
            written = export(store, fmt, filters, meta, Path(output), overwrite=overwrite)
        else:
            with _output(output, text=text) as out:
                written = export(store, fmt, filters, meta, out, jobs=jobs, workdir=workdir)
    where = "stdout" if output == "-" else output
    click.echo(f"{written} incident(s) written to {where} ({fmt})", err=True)


def _backup(obj: Context, output: str) -> None:
    from sitrep.store.backup import dump_store

    # One snapshot: a database written to meanwhile still gives a consistent backup.
    with obj.open_store() as store, _output(output, text=True) as out:
        counts = dump_store(store, out)
    rows = sum(counts.values())
    where = "stdout" if output == "-" else output
    click.echo(f"backup of {rows} row(s) in {len(counts)} table(s) written to {where}", err=True)


def _open_input(path: str) -> IO[str]:
    if path == "-":
        return sys.stdin
    return open(path, encoding="utf-8", newline="")


@cli.command(name="stats")
@click.option(
    "--by",
    default="month,country",
    show_default=True,
    help="Comma-separated keys: day, week, month, year, country, admin1, actor, event_type, "
    "sub_event_type.",
)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one group per line.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header.")
@filter_options
@pass_context
def stats_command(obj: Context, /, by: str, as_json: bool, as_csv: bool, **options: Any) -> None:
    """Counts and casualty totals by period, place, actor or event type.

    Each group shows how many incidents it holds, killed and injured as low-high (best),
    and how many are known to the day and to the place.

    \b
    Examples:
      sitrep stats --by month,country
      sitrep stats --by week,actor --country YEM --from 2024-01-01 --csv > weekly.csv
    """
    from sitrep.analysis.stats import (
        COUNT_COLUMNS,
        check_keys,
        format_rows,
        key_columns,
        notes,
        stats_rows,
    )

    filters = make_filters(options)
    keys = check_keys([k.strip() for k in by.split(",") if k.strip()])
    with obj.open_store() as store, store.read() as conn:
        rows = stats_rows(conn, filters, keys)
    columns = [*key_columns(keys), *COUNT_COLUMNS]
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, separators=(",", ":")))
    elif as_csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([row[name] for name in columns] for row in rows)
        click.echo(buffer.getvalue(), nl=False)
    else:
        click.echo(format_rows(rows, columns))
        for note in notes(keys):
            click.echo(f"  note: {note}", err=True)


@cli.command(name="chart")
@click.option("-o", "--output", required=True, help="The chart: a .png or .svg file.")
@click.option(
    "--by", type=click.Choice(["actor", "event_type"]), default="event_type", show_default=True
)
@click.option("--period", type=click.Choice(["week", "month"]), default="month", show_default=True)
@click.option("--top", type=click.IntRange(min=1), default=8, show_default=True,
              help="Groups drawn; the rest as 'other'.")  # fmt: skip
@filter_options
@pass_context
def chart_command(
    obj: Context, /, output: str, by: str, period: str, top: int, **options: Any
) -> None:
    """Incidents over time by actor or event type, with the uncertainty shown.

    The upper panel counts incidents per period (a lighter band for those not dated to
    the day); the lower one shows killed (best) with low-high bars.

    \b
    Example:
      sitrep chart --by actor --period week --country IRQ -o iraq.svg
    """
    from sitrep.analysis.chart import chart

    filters = make_filters(options)
    with obj.open_store() as store, store.read() as conn:
        path = chart(conn, filters, by=by, period=period, path=Path(output), top=top)
    click.echo(f"chart written to {path}", err=True)


@cli.command(name="import")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["acled", "ucdp", "gtd", "sitrep"]),
    required=True,
    help="acled/ucdp/gtd: a reference dataset's CSV, kept apart from Sitrep's incidents; "
    "sitrep: a backup from `sitrep export --format jsonl`, into an empty database.",
)
@click.option("--version", "version", help="The reference dataset's version (default: file name).")
@click.option("--replace", is_flag=True, help="Import again a file imported before.")
@click.argument("file")
@pass_context
def import_command(
    obj: Context, /, fmt: str, version: str | None, replace: bool, file: str
) -> None:
    """Bring in a reference dataset (ACLED, UCDP GED, GTD) or restore a backup.

    A bad row is reported with its line number and the good rows are imported.

    \b
    Examples:
      sitrep import --format acled --version 2024-03 acled-iraq.csv
      sitrep compare --with acled --country IRQ
      sitrep --db new.db import --format sitrep backup.jsonl
    """
    if fmt == "sitrep":
        _restore(obj, file)
        return
    from sitrep.reference import import_file

    with obj.open_store() as store, store.transaction() as conn:
        result = import_file(
            conn, file, fmt, version=version, replace=replace, who=obj.settings.who
        )
    for line, message in result.problems:
        click.echo(f"{file}:{line}: {message}", err=True)
    for line, message in getattr(result, "warnings", []):
        click.echo(f"{file}:{line}: warning: {message}", err=True)
    refused = f", {result.rows_refused} refused" if result.rows_refused else ""
    click.echo(
        f"imported {result.rows_imported} {fmt} event(s){refused} as {fmt} "
        f"{result.version} (import {result.import_id})"
    )


def _restore(obj: Context, file: str) -> None:
    from sitrep.store.backup import restore_store

    with obj.open_store() as store, _open_input(file) as source:
        counts = restore_store(store, source, name=file)
    click.echo(f"restored {sum(counts.values())} row(s) in {len(counts)} table(s) from {file}")


@cli.command(name="compare")
@click.option(
    "--with",
    "dataset",
    type=click.Choice(["acled", "ucdp", "gtd"]),
    required=True,
    help="The reference dataset imported with `sitrep import`.",
)
@click.option("--version", "version", help="One version of it (default: every import).")
@click.option("--list", "listed", type=click.IntRange(min=0), default=20, show_default=True,
              help="Show this many of each kind of miss.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="The whole comparison as one JSON object.")
@filter_options
@pass_context
def compare_command(
    obj: Context, /, dataset: str, version: str | None, listed: int, as_json: bool, **options: Any
) -> None:
    """What Sitrep has that a reference dataset lacks, and the reverse.

    Incidents are matched to reference events by date, place and event type with the
    same rules as linking reports (sitrep.dedupe), one to one, best first.

    \b
    Example:
      sitrep compare --with acled --country IRQ --from 2024-01-01
    """
    import json

    from sitrep.reference import compare

    filters = make_filters(options)
    with obj.open_store() as store, store.read() as conn:
        found = compare(conn, dataset, filters, version=version)
    if as_json:
        frames = found.to_frame()
        out = {name: json.loads(frame.to_json(orient="records")) for name, frame in frames.items()}
        click.echo(json.dumps({"dataset": dataset, "versions": found.versions, **out}))
        return
    c = found.overall
    click.echo(
        f"{dataset} ({', '.join(found.versions) or 'no import'}), {filters.describe()}:\n"
        f"  reference events: {c.reference_total}, of which Sitrep has {c.reference_matched}"
        f" ({_pct(c.reference_share)})\n"
        f"  Sitrep incidents: {c.sitrep_total}, of which the reference has {c.sitrep_matched}"
        f" ({_pct(c.sitrep_share)})\n"
        f"  matched: {len(found.links)} linked, {len(found.reviews)} possible (review)"
    )
    if listed:
        click.echo(f"\nOnly in Sitrep ({len(found.only_sitrep)}):")
        for incident_id, code in found.only_sitrep[:listed]:
            click.echo(f"  {code or incident_id}")
        click.echo(f"\nOnly in {dataset} ({len(found.only_reference)}):")
        for event_id in found.only_reference[:listed]:
            click.echo(f"  {event_id}")
        click.echo("\nBy country:")
        for country, cov in sorted(found.by_country.items()):
            click.echo(
                f"  {country}: reference {cov.reference_matched}/{cov.reference_total}, "
                f"Sitrep {cov.sitrep_matched}/{cov.sitrep_total}"
            )


def _pct(share: float | None) -> str:
    return "n/a" if share is None else f"{share:.1%}"
