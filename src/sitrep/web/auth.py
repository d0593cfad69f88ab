"""Who is asking: passwords, session cookies, API tokens, roles and CSRF tokens.

- Passwords are hashed with argon2 (argon2-cffi's defaults, RFC 9106's second choice).
- A browser session is a cookie signed with the server's key (kept in the database, so
  every server process on it accepts it), holding the user's id and the password hash's
  last characters: a new password or a disabled user ends every session at once.
- Scripts send ``Authorization: Bearer <token>``; only the token's SHA-256 is stored.
- Every form and every change sent by a browser carries a CSRF token, the same as the
  signed ``sitrep_csrf`` cookie holds (double submit); requests with a bearer token need
  none (a browser never adds one by itself).
- Without any user (one analyst on a laptop, ``sitrep serve`` on 127.0.0.1), the person
  at the keyboard is the admin, recorded in the audit log under ``--who``. Once a user
  exists, everyone logs in, except that ``--public`` lets anyone read.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from itsdangerous import BadSignature, URLSafeTimedSerializer

from sitrep.errors import InputError
from sitrep.store.users import ROLES, User

SESSION_COOKIE = "sitrep_session"
CSRF_COOKIE = "sitrep_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SESSION_DAYS = 14
MIN_PASSWORD = 10
_HASHER = PasswordHasher()
# A hash to check against when the user does not exist, so that the answer takes as long.
_DUMMY = _HASHER.hash("sitrep: no such user")


def hash_password(password: str) -> str:
    check_password(password)
    return _HASHER.hash(password)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters")


def verify_password(user: User | None, password: str) -> bool:
    """Whether ``password`` is ``user``'s (False for no user, a disabled one, or one with no
    password), taking about as long whichever it is."""
    stored = user.password_hash if user is not None and not user.disabled else None
    try:
        _HASHER.verify(stored or _DUMMY, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return stored is not None


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A new API token: "sitrep_" and 32 random bytes, URL-safe."""
    return "sitrep_" + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Principal:
    """Who a request comes from. ``user`` is None for the anonymous reader (``--public``)
    and for the local admin (no users yet); ``name`` goes into the audit log."""

    name: str
    role: str | None  # None: may not even read
    user: User | None = None
    how: str = "anonymous"  # "session", "token", "local" or "anonymous"

    def can(self, role: str) -> bool:
        return self.role is not None and ROLES.index(self.role) >= ROLES.index(role)

    @property
    def signed_in(self) -> bool:
        return self.how in ("session", "token")


@dataclass(frozen=True)
class Session:
    """A session cookie's content: the user's id and their password hash's fingerprint."""

    user_id: int
    fingerprint: str

    def valid_for(self, user: User) -> bool:
        """Whether it still names ``user`` as they are now (same password, enabled)."""
        return (
            self.user_id == user.id
            and hmac.compare_digest(self.fingerprint, _fingerprint(user))
            and not user.disabled
        )


class Signer:
    """Signs and reads the session and CSRF cookies with the server's key."""

    def __init__(self, key: str) -> None:
        self._session = URLSafeTimedSerializer(key, salt="sitrep-session")
        self._csrf = URLSafeTimedSerializer(key, salt="sitrep-csrf")

    def session_cookie(self, user: User) -> str:
        return self._session.dumps({"u": user.id, "p": _fingerprint(user)})

    def session(self, cookie: str) -> Session | None:
        """What a session cookie holds, if its signature holds and it is recent."""
        try:
            data = self._session.loads(cookie, max_age=SESSION_DAYS * 86400)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("u"), int):
            return None
        return Session(int(data["u"]), str(data.get("p", "")))

    def csrf_cookie(self) -> tuple[str, str]:
        """A new CSRF token and the signed cookie that holds it."""
        token = secrets.token_urlsafe(24)
        return token, self._csrf.dumps(token)

    def csrf_token(self, cookie: str | None) -> str | None:
        if not cookie:
            return None
        try:
            token = self._csrf.loads(cookie)
        except BadSignature:
            return None
        return token if isinstance(token, str) else None


def _fingerprint(user: User) -> str:
    """The last characters of the password hash: changes when the password does."""
    return (user.password_hash or "")[-12:]


def same_token(expected: str | None, given: str | None) -> bool:
    return bool(expected and given) and hmac.compare_digest(str(expected), str(given))


class Throttle:
    """Failed logins, remembered in this server process: after :data:`MAX_FAILURES`
    for one name, or four times that from one address, within :data:`WINDOW_SECONDS`,
    further attempts are refused until the window has passed (the right password too,
    so that guessing does not pay)."""

    MAX_FAILURES = 5
    WINDOW_SECONDS = 15 * 60

    def __init__(self) -> None:
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        kept = [t for t in self._failures.get(key, []) if now - t < self.WINDOW_SECONDS]
        if kept:
            self._failures[key] = kept
        else:
            self._failures.pop(key, None)
        return kept

    def wait(self, name: str, address: str, now: float | None = None) -> int:
        """Seconds until ``name`` from ``address`` may try again (0: now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            waits = []
            limits = (
                (f"name:{name.casefold()}", self.MAX_FAILURES),
                (f"address:{address}", 4 * self.MAX_FAILURES),
            )
            for key, limit in limits:
                recent = self._recent(key, now)
                if len(recent) >= limit:
                    waits.append(int(recent[-limit] + self.WINDOW_SECONDS - now) + 1)
            return max(waits, default=0)

    def failed(self, name: str, address: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            for key in (f"name:{name.casefold()}", f"address:{address}"):
                self._failures.setdefault(key, []).append(now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(f"name:{name.casefold()}", None)
