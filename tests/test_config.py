"""Settings: a flag beats the environment, which beats sitrep.toml, which beats the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.config import Settings, load_settings
from sitrep.errors import ConfigError


def test_defaults(tmp_path: Path) -> None:
    settings = load_settings(environ={"USER": "ana"}, config_file=tmp_path / "none.toml")
    assert settings == Settings(db="sitrep.db", max_file_bytes=50 * 1024 * 1024, who="ana")


def test_precedence(tmp_path: Path) -> None:
    toml = tmp_path / "sitrep.toml"
    toml.write_text('db = "toml.db"\nmax_file_bytes = 10\nwho = "toml"\n')
    env = {"SITREP_DB": "env.db", "SITREP_MAX_FILE_BYTES": "20"}
    settings = load_settings({"db": "flag.db"}, environ=env, config_file=toml)
    assert (settings.db, settings.max_file_bytes, settings.who) == ("flag.db", 20, "toml")


@pytest.mark.parametrize(
    ("content", "env", "message"),
    [
        pytest.param("colour = 'red'\n", {}, "unknown setting(s) colour", id="unknown key"),
        pytest.param(
            "",
            {"SITREP_MAX_FILE_BYTES": "lots"},
            "max_file_bytes 'lots' is not",
            id="a size that is not a number",
        ),
        pytest.param(
            "max_file_bytes = -5\n", {}, "max_file_bytes -5 must be above 0", id="a negative size"
        ),
        pytest.param("db = [\n", {}, "is not valid TOML", id="broken TOML"),
    ],
)
def test_bad_settings_are_named(
    tmp_path: Path, content: str, env: dict[str, str], message: str
) -> None:
    toml = tmp_path / "sitrep.toml"
    toml.write_text(content)
    with pytest.raises(ConfigError) as caught:
        load_settings(environ=env, config_file=toml)
    assert message in str(caught.value)
