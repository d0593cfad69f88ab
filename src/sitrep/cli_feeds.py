"""The commands that follow feeds: ``feeds`` (add, list, poll) and ``watch``. No logic of
their own: they parse, call sitrep.store.feeds and sitrep.polling, and print.

Input: a feed URL, or the feeds followed; output: the feeds stored, and each poll's
outcome on stdout (text, or JSON with --json), logs on stderr.

    $ sitrep feeds add https://www.example.org/rss.xml --interval 1h
    following feed 1: Example News (every 1h); it lists 20 entries
    $ sitrep watch 2>> watch.log

Registered on ``sitrep.cli``'s group when imported: ``sitrep.cli_ingest`` imports this
module at its end, and shares ``make_fetcher`` with it.
"""

from __future__ import annotations

import datetime as dt
import json
import signal
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from sitrep.cli import Context, _table, cli, pass_context
from sitrep.cli_ingest import make_fetcher

if TYPE_CHECKING:
    from sitrep.polling import PollOutcome


def _interval(_ctx: click.Context, _param: click.Parameter, value: str) -> int:
    from sitrep.errors import SitrepError

    try:
        return parse_interval(value)
    except SitrepError as exc:
        raise click.BadParameter(str(exc)) from None


_UNITS = {"s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


def parse_interval(value: str) -> int:
    """ "30m", "1h", "90s", "900" (seconds), "1d" -> seconds."""
    from sitrep.errors import SitrepError

    text = value.strip().lower().replace(" ", "")
    number = text.rstrip("abcdefghijklmnopqrstuvwxyz")
    unit = text[len(number) :] or "s"
    if not number.isdigit() or unit not in _UNITS or int(number) <= 0:
        raise SitrepError(f"{value!r} is not an interval; write e.g. 90s, 30m, 1h or 1d")
    return int(number) * _UNITS[unit]


@cli.group()
def feeds() -> None:
    """Follow RSS and Atom feeds: each new entry's article is added as a report."""


@feeds.command(name="add")
@click.argument("url")
@click.option("--name", help="A short name for the feed (default: its own title).")
@click.option(
    "--interval",
    default="30m",
    show_default=True,
    callback=_interval,
    help="How often `sitrep watch` polls it: 90s, 30m, 1h, 1d.",
)
@click.option("--allow-private", is_flag=True, help="The feed is on a private address.")
@click.option("--no-check", is_flag=True, help="Follow it without fetching it first.")
@pass_context
def feeds_add(
    obj: Context, url: str, name: str | None, interval: int, allow_private: bool, no_check: bool
) -> None:
    """Follow a feed. It is fetched once first to check that it is a feed.

    \b
    Example:
      sitrep feeds add https://www.example.org/rss.xml --name Example --interval 1h
    """
    from sitrep.ingest.feeds import parse_feed
    from sitrep.store.feeds import add_feed

    title = None
    entries = 0
    with make_fetcher(obj, allow_private) as fetcher:
        url = fetcher.check(url)
        if not no_check:
            fetched = fetcher.get(url)
            parsed = parse_feed(fetched.body, source=fetched.final_url)
            title = parsed.title
            entries = len(parsed.entries)
    with obj.open_store() as store, store.transaction() as conn:
        feed = add_feed(conn, url, name=name or title, interval_seconds=interval)
    checked = "" if no_check else f"; it lists {entries} entries"
    click.echo(
        f"following feed {feed.id}: {feed.name or feed.url} (every {_duration(interval)}){checked}"
    )
    click.echo(
        "poll it now with `sitrep feeds poll`, or keep polling with `sitrep watch`", err=True
    )


@feeds.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one feed per line.")
@pass_context
def feeds_list(obj: Context, as_json: bool) -> None:
    """The feeds followed, when each was polled, and what it gave."""
    from sitrep.store.feeds import list_feeds

    with obj.open_store() as store, store.read() as conn:
        found = list_feeds(conn)
    if as_json:
        for feed in found:
            click.echo(json.dumps(feed.as_dict()))
        return
    rows = [
        [
            str(f.id),
            f.name or "",
            _duration(f.interval_seconds),
            f.last_polled_at.strftime("%Y-%m-%d %H:%M") if f.last_polled_at else "never",
            f.last_status or "",
            str(f.reports_added),
            f.url,
        ]
        for f in found
    ]
    _table(["id", "name", "every", "last polled", "status", "reports", "url"], rows)
    click.echo(f"{len(rows)} feed(s) followed in {store.where}", err=True)


@feeds.command(name="poll")
@click.argument("which", nargs=-1, metavar="[FEED...]")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--allow-private", is_flag=True, help="Fetch from private addresses too.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per feed.")
@pass_context
def feeds_poll(
    obj: Context, which: Sequence[str], workers: int, allow_private: bool, as_json: bool
) -> None:
    """Poll every feed now (or those named by id, name or URL) and add the new entries.

    A server that says nothing changed since the last poll (ETag, Last-Modified) costs
    nothing; entries seen before are not added again. Exit status 1 when a feed failed.
    """
    from sitrep.polling import poll_feed
    from sitrep.store.feeds import find_feed, list_feeds

    failed = 0
    with obj.open_store() as store:
        with store.read() as conn:
            todo = [find_feed(conn, w) for w in which] if which else list_feeds(conn)
        if not todo:
            click.echo("no feeds followed; add one with `sitrep feeds add URL`", err=True)
        with make_fetcher(obj, allow_private) as fetcher:
            for feed in todo:
                outcome = poll_feed(
                    store, feed, fetcher=fetcher, who=obj.settings.who, workers=workers
                )
                failed += outcome.status == "error"
                _print_poll(outcome, as_json)
    if failed:
        sys.exit(1)


def _print_poll(outcome: PollOutcome, as_json: bool) -> None:
    from sitrep.polling import describe_poll

    if not as_json:
        click.echo(describe_poll(outcome))
        for added in outcome.added:
            if not added.ok:
                click.echo(f"  error: {added.source}: {added.error}", err=True)
        return
    click.echo(
        json.dumps(
            {
                "feed": outcome.feed.id,
                "status": outcome.status,
                "entries": outcome.entries,
                "new_entries": outcome.new_entries,
                "reports_added": [a.report_id for a in outcome.added if a.ok and a.new],
                "errors": [
                    {"source": a.source, "error": a.error} for a in outcome.added if not a.ok
                ],
                "error": outcome.error,
            }
        )
    )


def _duration(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


# sitrep watch


@cli.command()
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--allow-private", is_flag=True, help="Fetch from private addresses too.")
@pass_context
def watch(obj: Context, workers: int, allow_private: bool) -> None:
    """Poll every feed on its own interval until stopped (Ctrl-C or SIGTERM), logging
    what each poll added. Safe to stop at any moment: what was stored stays stored.

    \b
    Example:
      sitrep watch 2>> watch.log
    """
    from sitrep.polling import watch as watch_feeds

    stop = threading.Event()

    def _stop(signum: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt  # a second Ctrl-C: stop now; the open transaction rolls back
        _log(f"stopping ({signal.Signals(signum).name}) after the current step")
        stop.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    with obj.open_store() as store, make_fetcher(obj, allow_private) as fetcher:
        _log(f"watching the feeds of {store.where}")
        watch_feeds(
            store, fetcher=fetcher, stop=stop, log=_log, who=obj.settings.who, workers=workers
        )
    _log("stopped")


def _log(message: str) -> None:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    click.echo(f"{stamp} {message}", err=True)
