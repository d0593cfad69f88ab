"""The command line: parse, call the library, print. No logic of its own.

Data goes to stdout and messages to stderr, so pipes work. Exit status: 0 done,
1 the command failed (or some inputs of a batch did), 2 bad usage. A traceback is
shown only with --debug.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from sitrep import __version__

if TYPE_CHECKING:
    from sitrep.config import Settings
    from sitrep.models import Place
    from sitrep.reconcile import Reconciliation
    from sitrep.store import Store

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    """What the top-level options decided, handed to every command."""

    def __init__(self, db: str | None, debug: bool, max_file_bytes: int | None) -> None:
        from sitrep.config import load_settings

        self.debug = debug
        self.settings: Settings = load_settings({"db": db, "max_file_bytes": max_file_bytes})

    def open_store(self, *, check_schema: bool = True) -> Store:
        from sitrep.store import Store

        return Store(self.settings.db, check_schema=check_schema)


pass_context = click.make_pass_decorator(Context)

# What --status takes (models.Status, plus "active": candidate or confirmed, and "all"),
# spelled out here so that the command line loads no models to list its options.
STATUS_CHOICES = ("active", "all", "candidate", "confirmed", "rejected", "merged")


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


class SitrepGroup(click.Group):
    """Turns Sitrep's own errors into one plain line (a traceback only with --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        from pydantic import ValidationError

        from sitrep.errors import SitrepError

        try:
            return super().invoke(ctx)
        except (SitrepError, ValidationError) as exc:
            if ctx.obj is not None and getattr(ctx.obj, "debug", False):
                raise
            _fail(_plain(exc))


def _plain(exc: Exception) -> str:
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {e['msg']}" for e in exc.errors()
        )
    return str(exc)


@click.group(cls=SitrepGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    metavar="PATH_OR_URL",
    help="Database: a SQLite file (default ./sitrep.db) or a postgresql:// URL. "
    "Also SITREP_DB or db in sitrep.toml.",
)
@click.option(
    "--max-file-bytes",
    type=click.IntRange(min=1),
    help="Refuse input files larger than this many bytes (default 50 MiB).",
)
@click.option("--debug", is_flag=True, help="Show a traceback when a command fails.")
@click.version_option(__version__, prog_name="sitrep")
@click.pass_context
def cli(ctx: click.Context, db: str | None, max_file_bytes: int | None, debug: bool) -> None:
    """Sitrep turns published news reports into a sourced dataset of conflict incidents.

    \b
    Quick start:
      sitrep add report.html notes.txt      store reports
      sitrep reports                        list them
      sitrep db status                      where the data lives, schema and counts
    """
    from sitrep.errors import ConfigError

    try:
        ctx.obj = Context(db, debug, max_file_bytes)
    except ConfigError as exc:
        _fail(str(exc))


# sitrep reports


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one report per line.")
@click.option("--text", "with_text", is_flag=True, help="Include each report's text (JSON).")
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many.")
@pass_context
def reports(obj: Context, as_json: bool, with_text: bool, limit: int | None) -> None:
    """List the stored reports: a table on a terminal, --json for scripts.

    \b
    Example:
      sitrep reports --json | jq -r .url
    """
    with obj.open_store() as store:
        found = store.reports(limit=limit, with_text=with_text)
    if as_json:
        exclude = None if with_text else {"text"}
        for report in found:
            click.echo(report.model_dump_json(exclude=exclude))
        return
    rows = [
        [
            str(r.id),
            r.published or "",
            r.publisher or "",
            r.title or r.source or "",
            f"{len(r.text):,}" if with_text else f"{r.size:,}",
        ]
        for r in found
    ]
    _table(["id", "published", "publisher", "title", "bytes"], rows)
    click.echo(f"{len(rows)} report(s) in {store.where}", err=True)


def _table(header: list[str], rows: list[list[str]]) -> None:
    """A plain table that fits the terminal: the widest column is cut first."""
    width = shutil.get_terminal_size((120, 24)).columns
    cols = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)
    ]
    while sum(cols) + 2 * (len(cols) - 1) > width and max(cols) > 12:
        widest = cols.index(max(cols))
        cols[widest] -= 1
    for row in [header, *rows]:
        cells = [
            (cell if len(cell) <= w else cell[: w - 1] + "…").ljust(w)
            for cell, w in zip(row, cols, strict=True)
        ]
        click.echo("  ".join(cells).rstrip())


# sitrep db


@cli.group()
def db() -> None:
    """Create, upgrade and inspect the database's schema."""


@db.command()
@pass_context
def upgrade(obj: Context) -> None:
    """Bring the database to the schema this version of Sitrep needs.

    Safe to run at any time; an up-to-date database is left as it is.
    """
    from sitrep.store import migrate

    with obj.open_store(check_schema=False) as store:
        before, after = migrate.upgrade(store.engine)
    if before == after:
        click.echo(f"{store.where} is already at schema {after}")
    else:
        click.echo(f"upgraded {store.where} from schema {before or '(empty)'} to {after}")


@db.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@pass_context
def status(obj: Context, as_json: bool) -> None:
    """Show where the database is, its schema revision and what it holds."""
    from sitrep.store import migrate
    from sitrep.store.db import connect, current_revision

    with obj.open_store(check_schema=False) as store:
        with connect(store.engine, write=False) as conn:
            revision = current_revision(conn)
        todo = migrate.pending(store.engine)
        counts: dict[str, int | None] = {"reports": None, "incidents": None}
        if not todo:
            from sitrep.store import incidents, reports

            with store.read() as conn:
                counts = {
                    "reports": reports.count_reports(conn),
                    "incidents": incidents.count_incidents(conn),
                }
    info = {
        "database": store.where,
        "dialect": store.dialect,
        "revision": revision,
        "head": migrate.head_revision(),
        "pending": [t["revision"] for t in todo],
        **counts,
    }
    if as_json:
        click.echo(json.dumps(info))
        return
    click.echo(f"database:  {info['database']} ({info['dialect']})")
    if todo:
        click.echo(f"schema:    {revision or '(empty)'}; {len(todo)} migration(s) pending:")
        for t in todo:
            click.echo(f"           {t['revision']}  {t['message']}")
        fix = (
            "sitrep db upgrade"
            if obj.settings.db == "sitrep.db"
            else (f"sitrep --db {store.where} db upgrade")
        )
        click.echo(f"run:       {fix}")
    else:
        click.echo(f"schema:    {revision} (up to date)")
        click.echo(f"reports:   {counts['reports']}")
        click.echo(f"incidents: {counts['incidents']}")


# sitrep demo


@cli.command()
@pass_context
def demo(obj: Context) -> None:
    """Load the bundled sample reports into the database and show what it holds.

    \b
    Example (what `make demo` runs):
      sitrep --db demo.db demo
    """
    from sitrep.ingest.samples import sample_reports
    from sitrep.pipeline import add_reports

    with obj.open_store() as store:
        outcomes = list(add_reports(store, sample_reports(), who=obj.settings.who))
        found = store.reports()
        incidents = store.incidents()
        aggregates = store.aggregates()
    new = sum(o.new for o in outcomes)
    click.echo(f"Sitrep demo: {len(outcomes)} sample reports, {new} newly added to {store.where}\n")
    rows = [[str(r.id), r.published or "", r.publisher or "", r.title or ""] for r in found]
    _table(["id", "published", "publisher", "title"], rows)
    days = sorted(r.published for r in found if r.published)
    publishers = {r.publisher for r in found if r.publisher}
    if days:
        click.echo(
            f"\n{len(found)} reports from {len(publishers)} publishers, "
            f"published {days[0]} to {days[-1]}."
        )
    click.echo(
        f"\nExtraction found {len(incidents)} candidate incidents and "
        f"{len(aggregates)} aggregate statements:\n"
    )
    _incident_table(incidents)


# sitrep incidents


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one incident per line.")
@click.option("--report", "report_id", type=int, help="Only incidents drawn from this report.")
@click.option(
    "--status",
    type=click.Choice(STATUS_CHOICES),
    default="active",
    show_default=True,
    help="Only incidents with this status (active: candidate or confirmed; all: every one, "
    "merged and rejected too).",
)
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many.")
@click.pass_context
def incidents(
    ctx: click.Context,
    as_json: bool,
    report_id: int | None,
    status: str,
    limit: int | None,
) -> None:
    """List the stored incidents (a table on a terminal, --json for scripts), or review
    them with the commands below.

    \b
    Example:
      sitrep incidents --report 3
      sitrep incidents --json | jq .killed
      sitrep incidents show IRQ-2024-000012
    """
    if ctx.invoked_subcommand is not None:
        return
    obj: Context = ctx.obj
    with obj.open_store() as store:
        found = store.incidents(limit=limit, status=status, report_id=report_id)
    if as_json:
        from sitrep.extract.contract import incident_to_contract

        for incident in found:
            row = {
                "id": incident.id,
                "code": incident.code,
                "status": incident.status,
                "report_ids": incident.report_ids,
                **incident_to_contract(incident),
            }
            click.echo(json.dumps(row))
        return
    _incident_table(found)
    click.echo(f"{len(found)} incident(s) in {store.where}", err=True)


def _figure(count: Any) -> str:
    if count is None:
        return ""
    if count.low is not None and count.high is not None and count.low != count.high:
        return f"{count.low}-{count.high}"  # reports disagree, or one gives a range
    if count.best is not None:
        prefix = {"at_least": "≥", "more_than": ">", "about": "~", "up_to": "≤"}
        return prefix.get(count.qualifier, "") + str(count.best)
    if count.low is not None and count.high is not None:
        return f"{count.low}-{count.high}"
    if count.low is not None:
        return f"≥{count.low}"
    return f"≤{count.high}" if count.high is not None else "?"


_INCIDENT_COLUMNS = "id date precision type weapons place perpetrator killed injured report".split()


def _incident_table(found: Sequence[Any]) -> None:
    rows = []
    for i in found:
        date = i.date
        when = (
            ""
            if date is None or date.end is None
            else (str(date.start) if date.start == date.end else f"{date.start or '…'}..{date.end}")
        )
        rows.append(
            [
                str(i.id),
                when,
                date.precision if date else "",
                i.sub_event_type or i.event_type or "",
                ",".join(i.weapons),
                _place(i.location),
                _perpetrators(i.actors),
                _figure(i.killed),
                _figure(i.injured),
                ",".join(str(r) for r in i.report_ids),
            ]
        )
    _table(
        _INCIDENT_COLUMNS,
        rows,
    )


# How a perpetrator is tied to the act, in the table; attributed ones go unmarked.
_TIE = {"claimed": "claimed", "suspected": "suspected", "denied": "denied", "unknown": "?"}


def _perpetrators(actors: Sequence[Any]) -> str:
    """Who did it, for the table: "Houthis", "Kata'ib Hezbollah (claimed)"; "" for none."""
    out = []
    for actor in actors:
        if actor.role != "perpetrator":
            continue
        tie = _TIE.get(actor.attribution or "")
        out.append(f"{actor.name} ({tie})" if tie else actor.name)
    return ", ".join(out)


def _place(place: Place | None) -> str:
    """Where, for the table: "Erbil, IRQ", "Anbar, IRQ", "Iraq, IRQ", "Gulf of Aden" (a sea,
    as the report names it); "-" when unknown."""
    if place is None:
        return "-"
    name = place.name or place.admin1 or place.country
    if name is None and place.text:
        name = re.sub(r"^the\s+", "", place.text, flags=re.IGNORECASE)
    if name and place.country_code:
        return f"{name}, {place.country_code}"
    return name or place.country_code or "-"


# sitrep aggregates


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one statement per line.")
@click.option("--report", "report_id", type=int, help="Only statements made in this report.")
@pass_context
def aggregates(obj: Context, as_json: bool, report_id: int | None) -> None:
    """List the aggregate statements, each with what the record holds in its scope.

    A statement counts many events ("more than 100 launches by Iraqi militias since
    early November 2023"); Sitrep counts the stored incidents that fall in its period
    and are by its actors (with its weapons and country, when it names them) and shows
    both figures: "source: more than 100; recorded: 87". Incidents that may be in scope
    (undated, no perpetrator, dates across the period's edge) are shown as "possible"
    and not counted.

    \b
    Example:
      sitrep aggregates --report 3
      sitrep aggregates --json | jq '[.source, .recorded]'
    """
    with obj.open_store() as store:
        found = store.reconciled(report_id=report_id)
    if as_json:
        from sitrep.extract.contract import aggregate_to_contract
        from sitrep.reconcile import source_figure

        for r in found:
            row = {
                "id": r.statement.id,
                "report_id": r.statement.report_id,
                **aggregate_to_contract(r.statement),
                "scope": r.scope,
                "source": source_figure(r.statement.value),
                "recorded": r.recorded,
                "incident_ids": list(r.incident_ids),
                "possible": r.possible,
                "possible_ids": list(r.possible_ids),
                "unknown": list(r.unknown),
            }
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    for n, r in enumerate(found):
        click.echo(("\n" if n else "") + _aggregate_block(r))
    click.echo(f"{len(found)} aggregate statement(s) in {store.where}", err=True)


def _aggregate_block(r: Reconciliation) -> str:
    statement = r.statement
    period = statement.period
    when = "no period"
    if period is not None:
        when = f"{period.start or '…'}..{period.end or '…'}"
        if period.text:
            when += f' ("{period.text}")'
    actors = ", ".join(f"{a.name} ({a.attribution or 'unknown'})" for a in statement.actors) or "-"
    lines = [
        f"aggregate {statement.id}  report {statement.report_id}  {statement.metric}",
        f"  period:   {when}",
        f"  actors:   {actors}",
    ]
    if statement.weapons:
        lines.append(f"  weapons:  {', '.join(statement.weapons)}")
    if statement.targets_text:
        lines.append(f"  targets:  {statement.targets_text}")
    lines.append(f"  {r.phrase()}")
    ids = ", ".join(str(i) for i in r.incident_ids) or "none"
    lines.append(f"  incidents in scope: {ids}")
    if r.possible_ids:
        lines.append(f"  possible: {', '.join(str(i) for i in r.possible_ids)}")
    lines.extend(f"  not known: {u}" for u in r.unknown)
    return "\n".join(lines)


# sitrep extract


@cli.command()
@click.option(
    "--input",
    "input_path",
    default="-",
    show_default=True,
    type=click.Path(allow_dash=True, dir_okay=False),
    help="JSON Lines of reports (id, text, published, title, ...); - for stdin.",
)
@click.option(
    "--output",
    "output_path",
    default="-",
    show_default=True,
    type=click.Path(allow_dash=True, dir_okay=False, writable=True),
    help="Where to write one JSON result per input line; - for stdout.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes to spread the work over (default: the number of CPU cores).",
)
def extract(input_path: str, output_path: str, workers: int | None) -> None:
    """Extract incidents from reports given as JSON Lines, without a database.

    The interface is fixed (extract-contract.md): one output object per input line,
    in the same order, {"id", "incidents", "aggregates", "error"}. A bad line gets
    "error" set and the run goes on; the exit status is then 1. Needs no database
    and no network.

    \b
    Example:
      sitrep extract --input reports.jsonl --output incidents.jsonl --workers 2
    """
    import os

    from sitrep.extract.contract import extract_lines

    workers = workers or os.cpu_count() or 1
    counts = {"documents": 0, "incidents": 0, "aggregates": 0, "errors": 0}
    show = sys.stderr.isatty()
    with (
        click.open_file(input_path, "r", encoding="utf-8") as source,
        click.open_file(output_path, "w", encoding="utf-8") as sink,
    ):
        lines = (line for line in source if line.strip())
        for result in extract_lines(lines, workers=workers):
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
            counts["documents"] += 1
            counts["incidents"] += len(result["incidents"])
            counts["aggregates"] += len(result["aggregates"])
            if result["error"]:
                counts["errors"] += 1
                click.echo(
                    f"error: {result['id'] or 'line ' + str(counts['documents'])}: "
                    f"{result['error']}",
                    err=True,
                )
            if show and counts["documents"] % 50 == 0:
                click.echo(f"\r{counts['documents']} documents", err=True, nl=False)
    if show:
        click.echo("\r", err=True, nl=False)
    click.echo(
        f"{counts['documents']} documents: {counts['incidents']} incidents, "
        f"{counts['aggregates']} aggregate statements, {counts['errors']} errors",
        err=True,
    )
    if counts["errors"]:
        sys.exit(1)


# sitrep eval


@cli.command(name="eval")
@click.argument("gold_path", metavar="GOLD.jsonl", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes for extraction (default: the number of CPU cores).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--predictions",
    "predictions_out",
    type=click.Path(dir_okay=False, writable=True),
    help="Also write the extractor's output (JSON Lines) here.",
)
def evaluate(
    gold_path: str, workers: int | None, as_json: bool, predictions_out: str | None
) -> None:
    """Score the extractor against a hand-coded gold file.

    GOLD.jsonl is in the benchmark format (one document per line with "id",
    "text", "published" and "gold" incidents). Prints incident precision, recall
    and F1, and per-field accuracy on the matched incidents.

    \b
    Example:
      sitrep eval ../shared/bench/seed.jsonl
    """
    import os

    from sitrep.evaluate import load_jsonl, score
    from sitrep.extract.contract import extract_lines

    gold = load_jsonl(gold_path)
    lines = [json.dumps({k: d.get(k) for k in ("id", "text", "published", "title")}) for d in gold]
    predictions = list(extract_lines(lines, workers=workers or os.cpu_count() or 1))
    if predictions_out:
        with open(predictions_out, "w", encoding="utf-8") as handle:
            for p in predictions:
                handle.write(json.dumps(p, ensure_ascii=False) + "\n")
    result = score(gold, predictions)
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else result.format())


# The commands that take reports in (add, feeds, watch, sources) live in cli_ingest; those
# that review incidents (incidents show/set/merge/split/history/undo, review) in cli_review;
# export, import, compare, stats and chart in cli_export; serve and users in cli_web.
from sitrep import cli_export, cli_ingest, cli_review, cli_web  # noqa: E402,F401


def main(argv: Sequence[str] | None = None) -> None:
    """The console script ``sitrep``."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="sitrep")
