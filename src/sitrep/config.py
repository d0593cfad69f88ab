"""Settings: a flag beats the environment (SITREP_*), which beats sitrep.toml, which
beats the default. Settings are data: each has a name, a default and its help in
one place (SETTINGS below). Built once by the CLI or the caller and passed down;
nothing reads them at import time.

    >>> load_settings({"db": "other.db"}).db
    'other.db'
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError

MIB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    db: str = "sitrep.db"
    """Database: a file path for SQLite, or a postgresql:// URL."""

    max_file_bytes: int = 50 * MIB
    """Largest input file Sitrep accepts, in bytes; larger files are refused."""

    who: str = ""
    """Name recorded in the audit log for changes made from this machine."""

    allow_private: bool = False
    """Fetch from loopback and private addresses too (a newsroom's intranet)."""

    allow_hosts: str = ""
    """Hosts whose private addresses may be fetched, comma-separated (one intranet server)."""

    fetch_timeout: int = 20
    """Seconds to wait for a server to answer (connect or each read) before giving up."""

    max_fetch_bytes: int = 20 * MIB
    """Largest page or feed fetched, in bytes (as received, and 2.5 times that decoded)."""


SETTINGS: dict[str, str] = {
    "db": "Database: a file path for SQLite (default ./sitrep.db) or a postgresql:// URL.",
    "max_file_bytes": "Largest input file accepted, in bytes (default 52428800 = 50 MiB).",
    "who": "Name recorded in the audit log (default: the login name).",
    "allow_private": "Fetch from loopback and private addresses too, e.g. an intranet "
    "(default false: only public addresses).",
    "allow_hosts": "Hosts whose private addresses may be fetched, comma-separated, e.g. "
    "'intranet.example.org,10.0.0.5' (default none).",
    "fetch_timeout": "Seconds to wait for a web server to connect or send (default 20).",
    "max_fetch_bytes": "Largest page or feed fetched, in bytes (default 20971520 = 20 MiB).",
}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Build the settings from flags (``overrides``), SITREP_* variables and sitrep.toml."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = config_file or Path(environ.get("SITREP_CONFIG", "sitrep.toml"))
    if path.is_file():
        try:
            values.update(tomllib.loads(path.read_text("utf-8")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    for name in SETTINGS:
        env = environ.get(f"SITREP_{name.upper()}")
        if env:
            values[name] = env
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    unknown = set(values) - set(SETTINGS)
    if unknown:
        raise ConfigError(
            f"unknown setting(s) {', '.join(sorted(unknown))} in {path}; "
            f"known: {', '.join(SETTINGS)}"
        )
    kwargs: dict[str, Any] = {}
    for field in fields(Settings):
        if field.name not in values:
            continue
        value = values[field.name]
        if isinstance(field.default, bool):
            kwargs[field.name] = _boolean(field.name, value)
            continue
        if field.type == "int" or isinstance(field.default, int):
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise ConfigError(f"{field.name} {value!r} is not a whole number") from None
            if value <= 0:
                raise ConfigError(f"{field.name} {value} must be above 0")
        kwargs[field.name] = str(value) if isinstance(field.default, str) else value
    settings = Settings(**kwargs)
    if not settings.who:
        settings = Settings(**{**kwargs, "who": _login_name(environ)})
    return settings


def _boolean(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ConfigError(f"{name} {value!r} is not true or false")


def _login_name(environ: Mapping[str, str]) -> str:
    return environ.get("USER") or environ.get("LOGNAME") or "sitrep"
