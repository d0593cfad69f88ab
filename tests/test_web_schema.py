"""The API against its own OpenAPI schema: schemathesis generates requests for every
operation (valid and invalid: odd strings, huge numbers, missing fields) and no answer
may be a server error (5xx). Run on SQLite and PostgreSQL, as an admin with a bearer
token, over the sample database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

import sitrep
from exportdata import fill
from sitrep.store.users import add_token, add_user
from sitrep.web.app import create_app
from sitrep.web.auth import hash_password, token_digest
from webapp import PASSWORD, config

TOKEN = "sitrep_schema-test-token"


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    from conftest import fresh_database

    databases = fresh_database(request, request.param, tmp_path / "schema.db")
    db = next(databases)
    store = sitrep.open(db)
    try:
        fill(store)
        with store.transaction() as conn:
            user_id = add_user(conn, "root", "admin", hash_password(PASSWORD))
            add_token(conn, user_id, "schemathesis", token_digest(TOKEN))
        yield create_app(store, config(db, allowed_hosts=None))
    finally:
        store.close()
        next(databases, None)


def test_no_request_makes_a_server_error(app: Any) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    tried = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in GenerationMode:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=12,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case: Any) -> None:
                nonlocal tried
                tried += 1
                response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
                try:
                    case.validate_response(response, checks=[not_a_server_error])
                except Exception as exc:
                    failures.append(f"{case.operation.label}: {exc}")

            try:
                check()
            except Unsatisfiable:
                continue  # nothing to make invalid (an operation without parameters)
    assert tried > 200, "schemathesis generated too few requests to mean anything"
    assert failures == [], "\n".join(failures[:5])
