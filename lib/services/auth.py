"""Log-in, session checks and one's own password. The authenticator draws the form; the rules live here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib import audit, passwords, vi
from lib.access import Actor
from lib.enums import AccountStatus, AuditAction
from lib.errors import ValidationError
from lib.models import Account
from lib.models.base import utcnow
from lib.services import password_policy, settings


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    message: str = ""
    account_id: int | None = None
    credential_version: int | None = None


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


def find_account(session: Session, username: str) -> Account | None:
    return session.scalar(sa.select(Account).where(Account.username == normalise_username(username)))


def verify_login(session: Session, username: str, password: str) -> LoginResult:
    """Check a log-in attempt, count failures and lock the account after too many (setting)."""
    account = find_account(session, username)
    if account is None:
        audit.record_event(session, AuditAction.LOGIN_FAILED, entity="accounts",
                           summary=normalise_username(username)[:100], actor_name=normalise_username(username)[:100])
        return LoginResult(False, vi.LOGIN_BAD)
    if account.status == AccountStatus.LOCKED:
        return LoginResult(False, vi.LOGIN_LOCKED)
    if account.status == AccountStatus.DEACTIVATED:
        return LoginResult(False, vi.LOGIN_DEACTIVATED)
    if not passwords.check_password(password or "", account.password_hash):
        return _count_failure(session, account)
    session.execute(sa.update(Account).where(Account.id == account.id)
                    .values(failed_logins=0, last_login_at=utcnow()))
    audit.record_event(session, AuditAction.LOGIN, entity="accounts", entity_id=account.id,
                       summary=account.username, unit_id=account.unit_id,
                       actor_id=account.id, actor_name=account.full_name)
    return LoginResult(True, "", account.id, account.credential_version)


def _count_failure(session: Session, account: Account) -> LoginResult:
    limit = settings.get(session, "max_failed_logins")
    # One atomic increment: two wrong attempts at the same moment both count.
    failures = session.scalar(
        sa.update(Account).where(Account.id == account.id)
        .values(failed_logins=Account.failed_logins + 1).returning(Account.failed_logins)
    )
    audit.record_event(session, AuditAction.LOGIN_FAILED, entity="accounts", entity_id=account.id,
                       summary=account.username, unit_id=account.unit_id,
                       details={"failed_logins": failures}, actor_name=account.username)
    if failures >= limit:
        session.execute(
            sa.update(Account).where(Account.id == account.id, Account.status == AccountStatus.ACTIVE)
            .values(status=AccountStatus.LOCKED, status_reason=vi.LOGIN_LOCKED_NOW.format(count=failures)[:255],
                    credential_version=Account.credential_version + 1, version=Account.version + 1)
        )
        audit.record_event(session, AuditAction.UPDATE, entity="accounts", entity_id=account.id,
                           summary=account.username, unit_id=account.unit_id,
                           details={"status": AccountStatus.LOCKED.value, "failed_logins": failures})
        return LoginResult(False, vi.LOGIN_LOCKED_NOW.format(count=failures))
    return LoginResult(False, vi.LOGIN_BAD_REMAINING.format(left=limit - failures))


def actor_for_session(session: Session, account_id: int | None, credential_version: int | None) -> Actor | None:
    """The actor behind a browser session, or None when the session must end (locked, password changed…)."""
    if account_id is None:
        return None
    account = session.get(Account, account_id)
    if account is None or account.status != AccountStatus.ACTIVE:
        return None
    if credential_version is not None and account.credential_version != credential_version:
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
    """Change one's own password; every other session of the account ends. Returns the new credential version."""
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

