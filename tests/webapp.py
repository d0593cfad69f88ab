"""Helpers for the web app's tests: the app over a store, an HTTP client for it (in
process), and a real server (uvicorn on 127.0.0.1) for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn
from fastapi.testclient import TestClient

from sitrep.config import Settings
from sitrep.store import Store
from sitrep.store.users import add_user
from sitrep.web.app import ServerConfig, create_app
from sitrep.web.auth import hash_password

PASSWORD = "correct horse battery"


def config(db: str, **changes: Any) -> ServerConfig:
    return ServerConfig(settings=Settings(db=db, who="tester"), **changes)


def client(store: Store, **changes: Any) -> TestClient:
    app = create_app(store, config(store.db, **changes))
    return TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)


def csrf(c: TestClient) -> str:
    """The CSRF token of this client's cookie (the cookie is set by the same answer)."""
    token = c.get("/api/me").json()["csrf_token"]
    assert isinstance(token, str) and token
    return token


def make_user(store: Store, name: str, role: str) -> None:
    with store.transaction() as conn:
        add_user(conn, name, role, hash_password(PASSWORD))


def login(c: TestClient, name: str, password: str = PASSWORD) -> httpx.Response:
    token = csrf(c)
    return c.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(store: Store, **changes: Any) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    app = create_app(store, config(store.db, **changes))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
