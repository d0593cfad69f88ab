"""Packaging promises: a light import, and the layout's boundaries."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "sitrep"
HEAVY = ["sqlalchemy", "pydantic", "pandas", "alembic", "trafilatura", "click", "lxml"]


def test_importing_sitrep_loads_nothing_heavy() -> None:
    code = (
        f"import sys, json, sitrep; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path",
    [p for p in SRC.rglob("*.py") if "store" not in p.relative_to(SRC).parts],
    ids=lambda p: str(p.relative_to(SRC)),
)
def test_only_the_store_imports_sqlalchemy(path: Path) -> None:
    assert not {n for n in _imports(path) if n.split(".")[0] in {"sqlalchemy", "alembic"}}


def test_the_samples_keep_their_source_and_licence() -> None:
    samples = sorted((SRC / "data" / "samples").glob("*.json"))
    assert len(samples) == 15
    for path in samples:
        doc = json.loads(path.read_text("utf-8"))
        assert doc["url"].startswith("https://"), path.name
        assert "CC BY 4.0" in doc["licence"], path.name
