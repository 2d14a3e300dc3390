"""Log-in, session checks and one's own password. The authenticator draws the form; the rules live here."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, passwords, vi
from lib.core.access import Actor
from lib.core.enums import AccountStatus, AuditAction
from lib.core.errors import ValidationError
from lib.core.models import Account, LoginSession
from lib.core.models.base import utcnow
from lib.core.services import password_policy, settings


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    message: str = ""
    account_id: int | None = None
    credential_version: int | None = None
    token: str | None = None  # names the server-side log-in record; goes into the signed cookie


SESSION_LIFETIME = timedelta(days=1)
LOCKOUT_CAP = timedelta(days=1)  # doubling stops here: an attacker can keep an account out a day at most


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


def find_account(session: Session, username: str) -> Account | None:
    return session.scalar(sa.select(Account).where(Account.username == normalise_username(username)))


@cache
def _dummy_hash() -> str:
    """A hash to check a password against when there is no account to check it against (same cost, same time)."""
    return passwords.hash_password(secrets.token_urlsafe(16))


def failed_message(session: Session) -> str:
    """The one answer to a wrong password, an unknown user name and a temporarily locked account alike."""
    values = settings.all_settings(session)
    return vi.LOGIN_FAILED.format(limit=values["max_failed_logins"], minutes=values["lockout_minutes"])


def verify_login(session: Session, username: str, password: str,
                 lifetime: timedelta = SESSION_LIFETIME) -> LoginResult:
    """Check a log-in attempt; on success open a server-side log-in record (its token goes into the cookie).

    Too many wrong passwords lock the account for a while (settings max_failed_logins, lockout_minutes; doubled
    on each repeat). Neither the answer nor its time tells whether the user name exists.
    """
    account = find_account(session, username)
    if account is None:
        passwords.check_password(password or "", _dummy_hash())
        _audit_failure(session, None, normalise_username(username)[:100])
        return LoginResult(False, failed_message(session))
    now = utcnow()
    if account.locked_until is not None and account.locked_until > now:
        passwords.check_password(password or "", _dummy_hash())  # the real hash stays unguessable meanwhile
        _audit_failure(session, account, account.username, locked_until=account.locked_until)
        return LoginResult(False, failed_message(session))
    password_ok = passwords.check_password(password or "", account.password_hash)
    if account.status != AccountStatus.ACTIVE:
        _audit_failure(session, account, account.username, status=account.status.value)
        if not password_ok:
            return LoginResult(False, failed_message(session))
        return LoginResult(False, vi.LOGIN_LOCKED if account.status == AccountStatus.LOCKED else vi.LOGIN_DEACTIVATED)
    if not password_ok:
        return _count_failure(session, account)
    session.execute(sa.update(Account).where(Account.id == account.id)
                    .values(failed_logins=0, lockouts=0, locked_until=None, last_login_at=now))
    audit.record_event(session, AuditAction.LOGIN, entity="accounts", entity_id=account.id,
                       summary=account.username, unit_id=account.unit_id,
                       actor_id=account.id, actor_name=account.full_name)
    token = start_login_session(session, account.id, lifetime)
    return LoginResult(True, "", account.id, account.credential_version, token)


def _audit_failure(session: Session, account: Account | None, name: str, **details: object) -> None:
    audit.record_event(session, AuditAction.LOGIN_FAILED, entity="accounts",
                       entity_id=None if account is None else account.id, summary=name,
                       unit_id=None if account is None else account.unit_id, details=details or None,
                       actor_name=name)


def lockout_duration(base_minutes: int, earlier_lockouts: int) -> timedelta:
    """15, 30, 60… minutes (base from the setting), doubling with each lockout since the last good log-in."""
    return min(timedelta(minutes=base_minutes) * 2 ** min(earlier_lockouts, 16), LOCKOUT_CAP)


def _count_failure(session: Session, account: Account) -> LoginResult:
    values = settings.all_settings(session)
    limit = values["max_failed_logins"]
    # One atomic increment: two wrong attempts at the same moment both count.
    failures = session.scalar(
        sa.update(Account).where(Account.id == account.id)
        .values(failed_logins=Account.failed_logins + 1).returning(Account.failed_logins)
    )
    _audit_failure(session, account, account.username, failed_logins=failures)
    if failures >= limit:
        until = utcnow() + lockout_duration(values["lockout_minutes"], account.lockouts)
        locked = session.execute(
            sa.update(Account).where(Account.id == account.id, Account.failed_logins >= limit)
            .values(locked_until=until, failed_logins=0, lockouts=Account.lockouts + 1,
                    credential_version=Account.credential_version + 1, version=Account.version + 1)
        ).rowcount
        if locked:
            revoke_login_sessions(session, account.id)
            audit.record_event(session, AuditAction.UPDATE, entity="accounts", entity_id=account.id,
                               summary=account.username, unit_id=account.unit_id,
                               details={"locked_until": until, "failed_logins": failures})
    return LoginResult(False, failed_message(session))


# --------------------------------------------------------------------------- log-in records (the cookie's anchor)

def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_login_session(session: Session, account_id: int, lifetime: timedelta = SESSION_LIFETIME) -> str:
    """A new log-in record; returns its random token (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    # The account's expired records are dead whatever else happened to them: the table does not grow for ever.
    session.execute(sa.delete(LoginSession).where(LoginSession.account_id == account_id,
                                                  LoginSession.expires_at < now))
    session.add(LoginSession(token_hash=_token_hash(token), account_id=account_id, created_at=now,
                             expires_at=now + lifetime))
    session.flush()
    return token


def live_login_session(session: Session, token: str | None) -> LoginSession | None:
    """The log-in record the token names, if it is neither revoked nor expired."""
    if not token:
        return None
    record = session.scalar(sa.select(LoginSession).where(LoginSession.token_hash == _token_hash(token)))
    if record is None or record.revoked_at is not None or record.expires_at <= utcnow():
        return None
    return record


def revoke_login_sessions(session: Session, account_id: int) -> None:
    """Every open log-in of the account ends (lock, unlock, role change, password change or reset…)."""
    session.execute(sa.update(LoginSession)
                    .where(LoginSession.account_id == account_id, LoginSession.revoked_at.is_(None))
                    .values(revoked_at=utcnow()))


def logout(session: Session, token: str | None, actor: Actor | None) -> None:
    """Log-out: the log-in record ends, so the cookie (or a copy of it) no longer logs anyone in."""
    if token:
        session.execute(sa.update(LoginSession)
                        .where(LoginSession.token_hash == _token_hash(token), LoginSession.revoked_at.is_(None))
                        .values(revoked_at=utcnow()))
    if actor is not None:
        audit.record_event(session, AuditAction.LOGOUT, entity="accounts", entity_id=actor.id,
                           summary=actor.username, unit_id=actor.unit_id, actor_id=actor.id,
                           actor_name=actor.full_name)


def actor_for_session(session: Session, token: str | None, username: str | None = None) -> Actor | None:
    """The actor behind a browser session (or a cookie), or None when it must end: no live log-in record,
    or the account is no longer active. `username`, when given (the cookie's), must be the record's account."""
    record = live_login_session(session, token)
    if record is None:
        return None
    account = session.get(Account, record.account_id)
    if account is None or account.status != AccountStatus.ACTIVE:
        return None
    if username is not None and account.username != normalise_username(username):
        return None
    return to_actor(account)


def to_actor(account: Account) -> Actor:
    return Actor(id=account.id, username=account.username, full_name=account.full_name,
                 unit_id=account.unit_id, roles=account.roles)


def password_change_reason(session: Session, account_id: int, now: datetime | None = None) -> str | None:
    """Why the account must change its password before anything else, or None."""
    account = session.get(Account, account_id)
    if account is None:
        return None
    if account.must_change_password:
        return vi.PW_FIRST_LOGIN
    max_age = settings.get(session, "password_max_age_days")
    if max_age and (now or utcnow()) - account.password_changed_at > timedelta(days=max_age):
        return vi.PW_EXPIRED.format(days=max_age)
    return None


def change_own_password(session: Session, actor: Actor, old: str, new: str, confirm: str) -> int:
    """Change one's own password; every log-in of the account ends. Returns the new credential version."""
    account = session.get(Account, actor.id)
    if account is None or not passwords.check_password(old or "", account.password_hash):
        raise ValidationError(vi.PW_OLD_WRONG, field="old")
    if new != confirm:
        raise ValidationError(vi.PW_MISMATCH, field="confirm")
    if passwords.check_password(new, account.password_hash):
        raise ValidationError(vi.PW_SAME_AS_OLD, field="new")
    password_policy.check_for_account(session, new, account)
    audit.bind_actor(session, actor.id, actor.full_name)
    account.password_hash = passwords.hash_password(new)
    account.must_change_password = False
    account.password_changed_at = utcnow()
    account.credential_version += 1
    session.flush()
    revoke_login_sessions(session, account.id)  # the browser that changed it gets a new one (lib.ui.login)
    return account.credential_version


@dataclass(frozen=True)
class Profile:
    username: str
    full_name: str
    unit_name: str
    position: str | None
    email: str | None
    password_changed_at: datetime
    last_login_at: datetime | None


def profile(session: Session, actor: Actor) -> Profile:
    account = session.get(Account, actor.id)
    return Profile(account.username, account.full_name, account.unit.name, account.position, account.email,
                   account.password_changed_at, account.last_login_at)

