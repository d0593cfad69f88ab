"""The web app's commands: ``sitrep serve`` and ``sitrep users add|list|set|disable|token``.

    $ sitrep serve                                  # http://127.0.0.1:8000, you are admin
    $ sitrep users add ana --role admin             # asks for the password
    $ sitrep serve --host 0.0.0.0 --public          # a team server; anyone may read

Registered on ``sitrep.cli``'s group when imported (``sitrep.cli`` imports it at its end).
"""

from __future__ import annotations

import ipaddress
import sys
from typing import Any

import click

from sitrep.cli import Context, cli, pass_context

ROLE_CHOICE = click.Choice(["viewer", "editor", "admin"])


def _loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--public", is_flag=True, help="Anyone may read without logging in.")
@click.option(
    "--tiles",
    help="A map tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png "
    "(default: the country outlines shipped with Sitrep, no network).",
)
@click.option("--tiles-attribution", default="", help="Credit shown for the tiles.")
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="A host name the server is reached by (repeatable); by default only the loopback "
    "names when listening on loopback, any name otherwise.",
)
@click.option("--secure-cookies", is_flag=True, help="Mark cookies Secure (served over HTTPS).")
@pass_context
def serve(
    obj: Context,
    /,
    host: str,
    port: int,
    public: bool,
    tiles: str | None,
    tiles_attribution: str,
    allow_hosts: tuple[str, ...],
    secure_cookies: bool,
) -> None:
    """The web app and JSON API (OpenAPI at /docs).

    On 127.0.0.1 with no user defined, whoever opens the page is the admin (recorded under
    your name). Listening on any other address needs an admin with a password first
    (`sitrep users add NAME --role admin`); then everyone logs in, and --public lets
    anyone read.
    """
    import uvicorn

    from sitrep.store.users import count_admins
    from sitrep.web.app import LOCAL_HOSTS, ServerConfig, create_app

    local = _loopback(host)
    store = obj.open_store()
    with store.read() as conn:
        admins = count_admins(conn)
    if not local and admins == 0:
        store.close()
        raise click.UsageError(
            f"listening on {host} makes Sitrep reachable from other machines: first add an "
            "admin with a password (sitrep users add NAME --role admin)"
        )
    if public and not local and not secure_cookies:
        click.echo("note: passwords travel in clear unless HTTPS is in front", err=True)
    hosts: tuple[str, ...] | None = tuple(allow_hosts) or (LOCAL_HOSTS if local else None)
    config = ServerConfig(
        settings=obj.settings,
        public=public,
        allowed_hosts=hosts,
        tiles=tiles,
        tiles_attribution=tiles_attribution,
        secure_cookies=secure_cookies,
        local_admin=local,
    )
    app = create_app(store, config)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Sitrep on http://{shown}:{port}/ (API docs at /docs); Ctrl-C stops it", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()


@cli.group()
def users() -> None:
    """The web app's users: roles viewer (read), editor (add and review), admin (users)."""


def _password(given_stdin: bool) -> str:
    if given_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@users.command(name="add")
@click.argument("name")
@click.option("--role", type=ROLE_CHOICE, default="viewer", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin.")
@pass_context
def users_add(obj: Context, /, name: str, role: str, password_stdin: bool) -> None:
    """Add a user (asks for a password of 10 characters or more)."""
    from sitrep.store.users import add_user
    from sitrep.web.auth import hash_password

    hashed = hash_password(_password(password_stdin))
    with obj.open_store() as store, store.transaction() as conn:
        add_user(conn, name, role, hashed)
    click.echo(f"added {name} ({role})", err=True)


@users.command(name="list")
@pass_context
def users_list(obj: Context, /) -> None:
    """The users, their roles and last logins."""
    from sitrep.store.users import list_users

    with obj.open_store() as store, store.read() as conn:
        found = list_users(conn)
    for u in found:
        state = "disabled" if u.disabled else "active"
        last = u.last_login_at.isoformat(timespec="minutes") if u.last_login_at else "never"
        click.echo(f"{u.name}\t{u.role}\t{state}\tlast login {last}")
    if not found:
        click.echo("no users: `sitrep serve` on 127.0.0.1 treats you as the admin", err=True)


@users.command(name="set")
@click.argument("name")
@click.option("--role", type=ROLE_CHOICE)
@click.option("--password", "new_password", is_flag=True, help="Set a new password.")
@click.option("--password-stdin", is_flag=True, help="Read the new password from stdin.")
@click.option("--enable", is_flag=True, help="Enable a disabled user.")
@pass_context
def users_set(
    obj: Context,
    /,
    name: str,
    role: str | None,
    new_password: bool,
    password_stdin: bool,
    enable: bool,
) -> None:
    """Change a user's role or password, or enable them again."""
    password = _password(password_stdin) if new_password or password_stdin else None
    _change(obj, name, role=role, disabled=False if enable else None, password=password)
    click.echo(f"changed {name}", err=True)


@users.command(name="disable")
@click.argument("name")
@pass_context
def users_disable(obj: Context, /, name: str) -> None:
    """Disable a user: their sessions and tokens stop working; the audit log keeps them."""
    _change(obj, name, disabled=True)
    click.echo(f"disabled {name}", err=True)


def _change(obj: Context, name: str, **change: Any) -> None:
    from sitrep.store.users import set_user
    from sitrep.web.auth import hash_password

    password = change.pop("password", None)
    hashed = hash_password(password) if password is not None else None
    with obj.open_store() as store, store.transaction() as conn:
        set_user(conn, name, password_hash=hashed, **change)


@users.command(name="token")
@click.argument("name")
@click.option("--label", default="script", show_default=True, help="What the token is for.")
@pass_context
def users_token(obj: Context, /, name: str, label: str) -> None:
    """Make an API token for a user and print it (shown once)."""
    from sitrep.store.users import add_token, find_user
    from sitrep.web.auth import new_token, token_digest

    token = new_token()
    with obj.open_store() as store, store.transaction() as conn:
        add_token(conn, find_user(conn, name).id, label, token_digest(token))
    click.echo(token)
