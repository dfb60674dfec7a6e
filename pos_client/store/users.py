"""Cashiers and managers: PINs kept as scrypt hashes with a per-user salt, and lockout.

Five wrong PINs in a row lock a user until a manager unlocks them. PINs are unique per
terminal, so the login screen can find the user from the PIN alone (``login``); wrong
PINs there belong to no user and are counted for the terminal over ``PIN_WINDOW``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import sqlite3
from typing import Any

from ..domain.errors import AuthError, InvalidInput
from ..domain.money import to_ascii_digits
from .base import StoreBase
from .db import canonical_json
from .models import Role, User, ts

MAX_FAILED_ATTEMPTS = 5
# Wrong PINs lock the login when MAX_FAILED_ATTEMPTS fall within this window of terminal
# time, however many right ones come between (a right PIN used to reset the count).
PIN_WINDOW = dt.timedelta(hours=24)
MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 12
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


def hash_pin(pin: str, salt: bytes | None = None, n: int = _SCRYPT_N, r: int = _SCRYPT_R,
             p: int = _SCRYPT_P) -> str:
    """``scrypt$n$r$p$salt$hash`` (hex); the cost is stored so it can be raised later."""
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    _, n, r, p, salt, digest = stored.split("$")
    candidate = hash_pin(pin, bytes.fromhex(salt), int(n), int(r), int(p))
    return hmac.compare_digest(candidate.rsplit("$", 1)[1], digest)


def clean_pin(pin: str) -> str:
    """A PIN as ASCII digits (Persian digits accepted), or ``InvalidInput``."""
    cleaned = to_ascii_digits(pin.strip())
    if not (cleaned.isascii() and cleaned.isdigit()
            and MIN_PIN_DIGITS <= len(cleaned) <= MAX_PIN_DIGITS):
        raise InvalidInput.from_code(
            "pin_invalid", min_pin_digits=MIN_PIN_DIGITS, max_pin_digits=MAX_PIN_DIGITS)
    return cleaned


def audit(conn: sqlite3.Connection, who: str, action: str, details: dict[str, Any],
          now: dt.datetime) -> None:
    """Append to the audit log of manager actions (never an identity in clear)."""
    conn.execute("INSERT INTO audit_log (at, who, action, details) VALUES (?, ?, ?, ?)",
                 [ts(now), who, action, canonical_json(details)])


def require_manager(conn: sqlite3.Connection, name: str) -> None:
    row = conn.execute("SELECT role, locked FROM users WHERE name = ?", [name]).fetchone()
    if row is None or row[0] != "manager" or row[1]:
        raise AuthError.from_code("manager_required:store_manager")


def _failures_in_window(conn: sqlite3.Connection, now: dt.datetime) -> int:
    """Wrong PINs within ``PIN_WINDOW`` before ``now``, since a manager last unlocked."""
    since = ts(now - PIN_WINDOW)
    row = conn.execute("SELECT counted_from FROM login_guard WHERE id = 1").fetchone()
    if row is not None and row[0] and row[0] > since:
        since = row[0]
    return int(conn.execute("SELECT count(*) FROM pin_failures WHERE at > ?",
                            [since]).fetchone()[0])


def _user(row: tuple[Any, ...]) -> User:
    return User(name=row[0], role=row[1], failed_attempts=row[2], locked=bool(row[3]))


class UserOps(StoreBase):
    def add_user(self, name: str, role: Role, pin: str, *, by: str = "setup") -> User:
        name = name.strip()
        if not name or len(name) > 64:
            raise InvalidInput.from_code("name_invalid")
        if role not in ("cashier", "manager"):
            raise InvalidInput.from_code("role_invalid")
        pin = clean_pin(pin)
        stored = hash_pin(pin)
        with self._c.write() as conn:
            rows = conn.execute("SELECT name, pin_hash FROM users").fetchall()
            if any(existing == name for existing, _ in rows):
                raise InvalidInput.from_code("user_exists", name=name)
            if any(pin_matches(pin, h) for _, h in rows):
                raise InvalidInput.from_code("pin_taken")
            conn.execute("INSERT INTO users (name, role, pin_hash, created_at) "
                         "VALUES (?, ?, ?, ?)", [name, role, stored, ts(self.now())])
            audit(conn, by, "add_user", {"name": name, "role": role}, self.now())
        return User(name, role, 0, False)

    def users(self) -> list[User]:
        with self._c.read() as conn:
            rows = conn.execute("SELECT name, role, failed_attempts, locked FROM users "
                                "ORDER BY name").fetchall()
        return [_user(r) for r in rows]

    def verify_pin(self, name: str, pin: str) -> User:
        """The user if ``pin`` is theirs; otherwise ``AuthError`` (and one more failure)."""
        with self._c.write() as conn:
            row = conn.execute("SELECT name, role, failed_attempts, locked, pin_hash "
                               "FROM users WHERE name = ?", [name]).fetchone()
            if row is None:
                raise AuthError.from_code("auth_failed:wrong_user_or_pin")
            if row[3]:
                raise self._locked_error()
            try:
                ok = pin_matches(clean_pin(pin), row[4])
            except InvalidInput:
                ok = False
            if ok:
                conn.execute("UPDATE users SET failed_attempts = 0 WHERE name = ?", [name])
                return User(row[0], row[1], 0, False)
            failures = row[2] + 1
            locked = failures >= MAX_FAILED_ATTEMPTS
            conn.execute("UPDATE users SET failed_attempts = ?, locked = ? WHERE name = ?",
                         [failures, int(locked), name])
        if locked:
            raise self._locked_error()
        left = MAX_FAILED_ATTEMPTS - failures
        raise AuthError.from_code("auth_failed:wrong_pin", attempts_left=left)

    def login(self, pin: str, *, purpose: str = "login") -> User:
        """The unlocked user whose PIN this is (PINs are unique), or ``AuthError``.

        A wrong PIN here belongs to no user, so the terminal counts them over a window of
        time (``PIN_WINDOW``), whoever signs in between: after ``MAX_FAILED_ATTEMPTS`` in
        the window the login is locked and only a manager's PIN is accepted, which unlocks
        it (audited). Every attempt while locked is audited, and so is every wrong PIN
        given where a manager's was asked (``purpose`` other than ``"login"``).
        """
        try:
            cleaned = clean_pin(pin)
        except InvalidInput as exc:
            raise AuthError(exc.fa, exc.en) from exc
        now = self.now()
        with self._c.read() as conn:
            rows = conn.execute("SELECT name, role, locked, pin_hash FROM users").fetchall()
            locked_terminal = _failures_in_window(conn, now) >= MAX_FAILED_ATTEMPTS
        match = next(((name, role, locked) for name, role, locked, stored in rows
                      if pin_matches(cleaned, stored)), None)
        if match is not None and not (locked_terminal and match[1] != "manager"):
            name, _role, locked = match
            if locked:
                raise self._locked_error()
            if locked_terminal:  # a manager's PIN: the wrong ones so far stop counting
                with self._c.write() as conn:
                    conn.execute("UPDATE login_guard SET failures = 0, locked_at = NULL, "
                                 "counted_from = ? WHERE id = 1", [ts(now)])
                    audit(conn, name, "unlock_login", {}, now)
            return self.verify_pin(name, cleaned)
        failures = self._wrong_pin(purpose, now, locked_terminal=locked_terminal)
        if failures >= MAX_FAILED_ATTEMPTS:
            raise AuthError.from_code("login_locked", max_failed_attempts=MAX_FAILED_ATTEMPTS)
        left = MAX_FAILED_ATTEMPTS - failures
        raise AuthError.from_code("pin_wrong", left=left)

    def manager_login(self, pin: str, purpose: str = "manager") -> User:
        """The manager whose PIN this is, for a protected action; any other PIN (a wrong
        one, or a cashier's) is counted with the wrong PINs and audited."""
        user = self.login(pin, purpose=purpose)
        if user.role == "manager":
            return user
        failures = self._wrong_pin(purpose, self.now(), locked_terminal=False, by=user.name)
        raise AuthError.from_code("manager_required:store_manager",
                                  extra={"attempts_left": max(0, MAX_FAILED_ATTEMPTS - failures)})

    def _wrong_pin(self, purpose: str, now: dt.datetime, *, locked_terminal: bool,
                   by: str = "") -> int:
        """Count one wrong PIN; returns the wrong PINs in the window, this one included."""
        with self._c.write() as conn:
            conn.execute("INSERT INTO pin_failures (at, purpose) VALUES (?, ?)",
                         [ts(now), purpose[:40]])
            failures = _failures_in_window(conn, now)
            conn.execute("UPDATE login_guard SET failures = ?, locked_at = CASE WHEN ? >= ? "
                         "THEN coalesce(locked_at, ?) END WHERE id = 1",
                         [failures, failures, MAX_FAILED_ATTEMPTS, ts(now)])
            if purpose != "login":
                details: dict[str, Any] = {"purpose": purpose, "failures": failures}
                if by:
                    details["pin_of"] = by
                audit(conn, "pin", "manager_pin_wrong", details, now)
            if failures >= MAX_FAILED_ATTEMPTS:
                audit(conn, "login", "login_refused_while_locked"
                      if locked_terminal else "login_locked", {"failures": failures}, now)
        return failures

    def unlock_user(self, name: str, manager: str) -> User:
        with self._c.write() as conn:
            require_manager(conn, manager)
            changed = conn.execute("UPDATE users SET locked = 0, failed_attempts = 0 "
                                   "WHERE name = ?", [name]).rowcount
            if not changed:
                raise AuthError.from_code("auth_failed:no_user", name=name)
            audit(conn, manager, "unlock_user", {"name": name}, self.now())
            row = conn.execute("SELECT name, role, failed_attempts, locked FROM users "
                               "WHERE name = ?", [name]).fetchone()
        return _user(row)

    def audit(self, who: str, action: str, details: dict[str, Any]) -> None:
        """Record a manager action done elsewhere (reports, settings, reprints...)."""
        with self._c.write() as conn:
            audit(conn, who, action, details, self.now())

    def audit_log(self, limit: int = 100) -> list[tuple[dt.datetime, str, str, dict[str, Any]]]:
        import json

        from .models import parse_ts
        with self._c.read() as conn:
            rows = conn.execute("SELECT at, who, action, details FROM audit_log "
                                "ORDER BY id DESC LIMIT ?", [limit]).fetchall()
        return [(parse_ts(r[0]), r[1], r[2], json.loads(r[3])) for r in rows]

    @staticmethod
    def _locked_error() -> AuthError:
        return AuthError.from_code("user_locked")
