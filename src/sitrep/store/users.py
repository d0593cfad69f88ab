"""The web app's users, their API tokens and the server's secrets, as stored rows.

Passwords reach this module already hashed (:mod:`sitrep.web.auth` hashes them with
argon2) and tokens as their SHA-256: nothing here can tell a password or a token.
Users are never deleted, only disabled, so that the names in the audit log keep
pointing at someone.

    >>> user_id = add_user(conn, "ana", "editor", password_hash)
    >>> find_user(conn, "ana").role
    'editor'
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from sitrep.errors import InputError, NotFound
from sitrep.store.tables import api_tokens, server_secrets, users

ROLES: tuple[str, ...] = ("viewer", "editor", "admin")  # each can do what the last can
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    disabled: bool
    password_hash: str | None
    created_at: dt.datetime
    last_login_at: dt.datetime | None

    def can(self, role: str) -> bool:
        """Whether this user holds ``role`` or a higher one."""
        return not self.disabled and ROLES.index(self.role) >= ROLES.index(role)


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise InputError(
            f"user name {name!r}: 1-64 letters, digits, '.', '_', '@' or '-', "
            "starting with a letter or digit"
        )
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError(f"role {role!r} is not one of {', '.join(ROLES)}")
    return role


def add_user(conn: Connection, name: str, role: str, password_hash: str | None) -> int:
    """A new user; InputError when the name is taken."""
    check_name(name)
    check_role(role)
    try:
        with conn.begin_nested():
            result = conn.execute(
                insert(users).values(
                    name=name,
                    role=role,
                    password_hash=password_hash,
                    disabled=False,
                    created_at=dt.datetime.now(dt.UTC),
                )
            )
    except IntegrityError as exc:
        raise InputError(f"there is already a user {name!r}") from exc
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def _user(row: object) -> User:
    r = row._mapping  # type: ignore[attr-defined]
    return User(
        id=int(r["id"]),
        name=r["name"],
        role=r["role"],
        disabled=bool(r["disabled"]),
        password_hash=r["password_hash"],
        created_at=r["created_at"],
        last_login_at=r["last_login_at"],
    )


def find_user(conn: Connection, name: str) -> User:
    row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None:
        raise NotFound(f"no user {name!r}")
    return _user(row)


def get_user(conn: Connection, user_id: int) -> User:
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    if row is None:
        raise NotFound(f"no user with id {user_id}")
    return _user(row)


def list_users(conn: Connection) -> list[User]:
    return [_user(r) for r in conn.execute(select(users).order_by(users.c.name))]


def count_admins(conn: Connection, *, with_password: bool = True) -> int:
    """Enabled admins (with a password set, unless told otherwise)."""
    stmt = select(func.count()).where(users.c.role == "admin", users.c.disabled.is_(False))
    if with_password:
        stmt = stmt.where(users.c.password_hash.is_not(None))
    return int(conn.execute(stmt).scalar_one())


def count_users(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(users)).scalar_one())


def set_user(
    conn: Connection,
    name: str,
    *,
    role: str | None = None,
    disabled: bool | None = None,
    password_hash: str | None = None,
) -> User:
    """Change a user's role, disabled flag or password hash; returns the user after.
    InputError when the change would leave no enabled admin with a password (the caller's
    transaction then writes nothing)."""
    user = find_user(conn, name)
    values: dict[str, object] = {}
    if role is not None:
        values["role"] = check_role(role)
    if disabled is not None:
        values["disabled"] = disabled
    if password_hash is not None:
        values["password_hash"] = password_hash
    if values:
        conn.execute(update(users).where(users.c.id == user.id).values(**values))
        if count_admins(conn) == 0:
            raise InputError("that would leave no admin who can log in: keep one")
    return get_user(conn, user.id)


def record_login(conn: Connection, user_id: int) -> None:
    conn.execute(
        update(users).where(users.c.id == user_id).values(last_login_at=dt.datetime.now(dt.UTC))
    )


# API tokens


@dataclass(frozen=True)
class Token:
    id: int
    user_id: int
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked: bool


def add_token(conn: Connection, user_id: int, name: str, token_sha256: str) -> int:
    result = conn.execute(
        insert(api_tokens).values(
            user_id=user_id,
            name=name,
            token_sha256=token_sha256,
            created_at=dt.datetime.now(dt.UTC),
            revoked=False,
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def user_of_token(conn: Connection, token_sha256: str) -> User | None:
    """The enabled user whose live token this is (and the token is marked used)."""
    row = conn.execute(
        select(api_tokens.c.id, api_tokens.c.user_id).where(
            api_tokens.c.token_sha256 == token_sha256, api_tokens.c.revoked.is_(False)
        )
    ).first()
    if row is None:
        return None
    user = get_user(conn, int(row.user_id))
    if user.disabled:
        return None
    conn.execute(
        update(api_tokens)
        .where(api_tokens.c.id == row.id)
        .values(last_used_at=dt.datetime.now(dt.UTC))
    )
    return user


def list_tokens(conn: Connection, user_id: int) -> list[Token]:
    rows = conn.execute(
        select(api_tokens).where(api_tokens.c.user_id == user_id).order_by(api_tokens.c.id)
    ).mappings()
    return [
        Token(
            id=int(r["id"]),
            user_id=int(r["user_id"]),
            name=r["name"],
            created_at=r["created_at"],
            last_used_at=r["last_used_at"],
            revoked=bool(r["revoked"]),
        )
        for r in rows
    ]


def revoke_token(conn: Connection, user_id: int, token_id: int) -> None:
    done = conn.execute(
        update(api_tokens)
        .where(api_tokens.c.id == token_id, api_tokens.c.user_id == user_id)
        .values(revoked=True)
    )
    if done.rowcount == 0:
        raise NotFound(f"no token {token_id} of this user")


# Server secrets


def secret(conn: Connection, name: str) -> str:
    """The secret called ``name``, made (32 random bytes, hex) the first time it is asked
    for; every server on the database gets the same one."""
    found = conn.execute(
        select(server_secrets.c.value).where(server_secrets.c.name == name)
    ).scalar()
    if found is not None:
        return str(found)
    try:
        with conn.begin_nested():
            conn.execute(insert(server_secrets).values(name=name, value=secrets.token_hex(32)))
    except IntegrityError:
        pass  # another server made it meanwhile: read theirs
    return str(
        conn.execute(
            select(server_secrets.c.value).where(server_secrets.c.name == name)
        ).scalar_one()
    )
