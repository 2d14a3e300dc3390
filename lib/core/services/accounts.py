"""Account administration: create, edit, lock, unlock, deactivate, reset password (seed 000 art. 4; 004 art. 8).

Who manages which accounts is in lib.access: system administrators all, unit administrators their unit's
subtree, the PAR administrator the PAR appraisal's accounts (create and reset password only; 004 art. 6.2, 9.1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, passwords, vi
from lib.core.access import (PAR_ACCOUNT_ROLES, AccountAction, Actor, account_actions, account_management_scope,
                             grantable_roles, manager_scope, may_manage, require_in_scope)
from lib.core.enums import AccountStatus, Role, UnitStatus
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.core.models import Account, AccountRole, Unit
from lib.core.models.base import utcnow
from lib.core.services import auth, password_policy
from lib.core.text import fold, nfc

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,99}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class AccountInput:
    username: str
    full_name: str
    unit_id: int
    roles: set[Role] = field(default_factory=set)
    email: str | None = None
    phone: str | None = None
    position: str | None = None


@dataclass(frozen=True)
class AccountRow:
    id: int
    username: str
    full_name: str
    unit_id: int
    unit_name: str
    position: str | None
    email: str | None
    phone: str | None
    status: AccountStatus
    status_reason: str | None
    roles: frozenset[Role]
    must_change_password: bool
    last_login_at: object
    version: int
    locked_until: datetime | None = None  # a temporary lockout after wrong passwords, while it lasts


def _row(account: Account) -> AccountRow:
    locked_until = account.locked_until if account.locked_until and account.locked_until > utcnow() else None
    return AccountRow(account.id, account.username, account.full_name, account.unit_id, account.unit.name,
                      account.position, account.email, account.phone, account.status, account.status_reason,
                      account.roles, account.must_change_password, account.last_login_at, account.version,
                      locked_until)


def list_accounts(session: Session, actor: Actor, *, unit_id: int | None = None, text: str = "",
                  status: AccountStatus | None = None, role: Role | None = None) -> list[AccountRow]:
    query = sa.select(Account).where(_visible(session, actor)).order_by(Account.unit_id, Account.full_name)
    if unit_id is not None:
        query = query.where(Account.unit_id == unit_id)
    if status is not None:
        query = query.where(Account.status == status)
    if role is not None:
        query = query.where(Account.id.in_(sa.select(AccountRole.account_id).where(AccountRole.role == role)))
    key = fold(text)
    if key:
        query = query.where(Account.search_key.contains(key, autoescape=True))
    return [_row(a) for a in session.scalars(query)]


def get_account(session: Session, actor: Actor, account_id: int) -> AccountRow:
    return _row(_managed(session, actor, account_id))


def _visible(session: Session, actor: Actor) -> sa.ColumnElement[bool]:
    """The accounts the actor sees: system and unit administrators every account of their scope; the PAR
    administrator only the accounts holding nothing but PAR appraisal roles (never the others' details)."""
    account_management_scope(session, actor)  # refuses anyone who manages no accounts
    clauses = [manager_scope(session, actor, m).clause(Account.unit_id)
               for m in actor.roles & {Role.SYSTEM_ADMIN, Role.UNIT_ADMIN}]
    if actor.has(Role.PAR_ADMIN):
        clauses.append(_holds_only(PAR_ACCOUNT_ROLES))
    return sa.or_(*clauses)


def _holds_only(roles: frozenset[Role]) -> sa.ColumnElement[bool]:
    holders = sa.select(AccountRole.account_id)
    return sa.and_(Account.id.in_(holders.where(AccountRole.role.in_(sorted(roles)))),
                   Account.id.not_in(holders.where(AccountRole.role.not_in(sorted(roles)))))


def _managed(session: Session, actor: Actor, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    if not session.scalar(sa.select(sa.func.count()).select_from(Account)
                          .where(Account.id == account_id, _visible(session, actor))):
        raise PermissionDenied(vi.ERR_OUT_OF_SCOPE)
    return account


def _changeable(session: Session, actor: Actor, account_id: int, action: AccountAction) -> Account:
    """An account the actor may change this way: visible, and every role it holds one the actor may manage there
    (else a unit administrator could reset a system administrator's password and log in as them)."""
    if action not in account_actions(actor):
        raise PermissionDenied(vi.ACC_ACTION_NOT_ALLOWED if actor.has(Role.PAR_ADMIN) else vi.ERR_NO_PERMISSION)
    account = _managed(session, actor, account_id)
    if account.id != actor.id:
        for role in sorted(account.roles, key=lambda r: r.value):
            if not may_manage(session, actor, role, account.unit_id, action):
                raise PermissionDenied(vi.ACC_HIGHER_ROLE.format(role=role.label))
    return account


def _check_version(account: Account, expected_version: int | None) -> None:
    if expected_version is not None and account.version != expected_version:
        raise ConflictError(vi.ERR_STALE)


def _clean(data: AccountInput) -> AccountInput:
    username = auth.normalise_username(data.username)
    if not USERNAME_RE.match(username):
        raise ValidationError(vi.ACC_USERNAME_INVALID, field="username")
    full_name = nfc(data.full_name) or ""
    if not full_name:
        raise ValidationError(vi.ERR_REQUIRED.format(field="họ và tên"), field="full_name")
    email = (nfc(data.email) or "").lower() or None
    if email and not EMAIL_RE.match(email):
        raise ValidationError(vi.ACC_EMAIL_INVALID.format(email=email), field="email")
    if not data.roles:
        raise ValidationError(vi.ACC_NO_ROLE, field="roles")
    return AccountInput(username, full_name, data.unit_id, set(data.roles), email,
                        nfc(data.phone) or None, nfc(data.position) or None)


def _check_unit(session: Session, actor: Actor, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    require_in_scope(account_management_scope(session, actor), unit_id)
    if unit.status != UnitStatus.ACTIVE:
        raise ValidationError(vi.ACC_UNIT_INACTIVE.format(unit=unit.name), field="unit_id")
    return unit


def _check_grants(session: Session, actor: Actor, unit_id: int, before: frozenset[Role], after: set[Role],
                  action: AccountAction) -> None:
    """Every role given or taken away is one the actor may grant, at this unit, for this action."""
    allowed = grantable_roles(actor)
    for role in sorted(set(after) ^ set(before), key=lambda r: r.value):
        if role not in allowed:
            raise PermissionDenied(vi.ACC_ROLE_NOT_GRANTABLE.format(role=role.label))
        if not may_manage(session, actor, role, unit_id, action):
            raise PermissionDenied(vi.ERR_OUT_OF_SCOPE)


def _search_key(data: AccountInput) -> str:
    return fold(" ".join(filter(None, [data.username, data.full_name, data.email, data.position])))[:400]


def _username_taken(session: Session, username: str, except_id: int | None = None) -> bool:
    query = sa.select(Account.id).where(Account.username == username)
    if except_id is not None:
        query = query.where(Account.id != except_id)
    return session.scalar(query) is not None


def create_account(session: Session, actor: Actor, data: AccountInput, initial_password: str) -> int:
    """A new account with an initial password that must be changed at the first log-in."""
    data = _clean(data)
    _check_unit(session, actor, data.unit_id)
    _check_grants(session, actor, data.unit_id, frozenset(), data.roles, AccountAction.CREATE)
    if _username_taken(session, data.username):
        raise ConflictError(vi.ACC_USERNAME_TAKEN.format(username=data.username), field="username")
    password_policy.check(session, initial_password, username=data.username, full_name=data.full_name,
                          unit_id=data.unit_id)
    audit.bind_actor(session, actor.id, actor.full_name)
    account = Account(username=data.username, full_name=data.full_name, unit_id=data.unit_id, email=data.email,
                      phone=data.phone, position=data.position, password_hash=passwords.hash_password(initial_password),
                      must_change_password=True, search_key=_search_key(data))
    account.role_rows = [AccountRole(role=r, granted_by_id=actor.id) for r in sorted(data.roles, key=str)]
    session.add(account)
    _flush_unique(session, data.username)
    return account.id


def _flush_unique(session: Session, username: str) -> None:
    try:
        session.flush()
    except sa.exc.IntegrityError as error:
        raise ConflictError(vi.ACC_USERNAME_TAKEN.format(username=username), field="username") from error


def update_account(session: Session, actor: Actor, account_id: int, expected_version: int,
                   data: AccountInput) -> None:
    """Edit name, unit, contact and roles. Refused if someone saved the account since it was loaded."""
    account = _changeable(session, actor, account_id, AccountAction.EDIT)
    _check_version(account, expected_version)
    data = _clean(data)
    if data.unit_id != account.unit_id:
        _check_unit(session, actor, data.unit_id)
        if account.id != actor.id and not all(may_manage(session, actor, r, data.unit_id, AccountAction.EDIT)
                                              for r in data.roles):
            raise PermissionDenied(vi.ERR_OUT_OF_SCOPE)
    _check_grants(session, actor, data.unit_id, account.roles, data.roles, AccountAction.EDIT)
    if account.id == actor.id and Role.SYSTEM_ADMIN in account.roles and Role.SYSTEM_ADMIN not in data.roles:
        raise ValidationError(vi.ACC_NOT_SELF)
    if data.username != account.username and _username_taken(session, data.username, account.id):
        raise ConflictError(vi.ACC_USERNAME_TAKEN.format(username=data.username), field="username")
    audit.bind_actor(session, actor.id, actor.full_name)
    roles_changed = set(data.roles) != set(account.roles)
    account.username, account.full_name, account.unit_id = data.username, data.full_name, data.unit_id
    account.email, account.phone, account.position = data.email, data.phone, data.position
    account.search_key = _search_key(data)
    if roles_changed:
        _set_roles(session, account, data.roles, actor)
        account.credential_version += 1  # also makes the row dirty, so its optimistic-lock version moves
    _flush_stale_safe(session, data.username)
    if roles_changed:
        auth.revoke_login_sessions(session, account.id)  # a copied cookie must not carry the old roles


def _set_roles(session: Session, account: Account, roles: set[Role], actor: Actor) -> None:
    for row in account.role_rows:
        if row.role not in roles:
            session.delete(row)  # explicitly: an orphan removed by the cascade alone would escape the audit trail
    keep = [row for row in account.role_rows if row.role in roles]
    have = {row.role for row in keep}
    account.role_rows = keep + [AccountRole(role=r, granted_by_id=actor.id)
                                for r in sorted(roles - have, key=str)]


def _flush_stale_safe(session: Session, username: str) -> None:
    try:
        _flush_unique(session, username)
    except sa.orm.exc.StaleDataError as error:
        raise ConflictError(vi.ERR_STALE) from error


def _set_status(session: Session, actor: Actor, account_id: int, expected_version: int | None,
                status: AccountStatus, reason: str | None) -> None:
    account = _changeable(session, actor, account_id, AccountAction.CHANGE_STATUS)
    _check_version(account, expected_version)
    if account.id == actor.id and status != AccountStatus.ACTIVE:
        raise ValidationError(vi.ACC_NOT_SELF)
    if status != AccountStatus.ACTIVE and not (reason or "").strip():
        raise ValidationError(vi.ACC_REASON_REQUIRED, field="reason")
    audit.bind_actor(session, actor.id, actor.full_name)
    account.status = status
    account.status_reason = (nfc(reason) or None) if status != AccountStatus.ACTIVE else None
    if status == AccountStatus.ACTIVE:
        account.failed_logins, account.lockouts, account.locked_until = 0, 0, None
    account.credential_version += 1
    _flush_stale_safe(session, account.username)
    # Lock, unlock and deactivation all end every log-in: after an unlock the user logs in afresh.
    auth.revoke_login_sessions(session, account.id)


def lock_account(session: Session, actor: Actor, account_id: int, reason: str,
                 expected_version: int | None = None) -> None:
    _set_status(session, actor, account_id, expected_version, AccountStatus.LOCKED, reason)


def unlock_account(session: Session, actor: Actor, account_id: int, expected_version: int | None = None) -> None:
    _set_status(session, actor, account_id, expected_version, AccountStatus.ACTIVE, None)


def deactivate_account(session: Session, actor: Actor, account_id: int, reason: str,
                       expected_version: int | None = None) -> None:
    """A staff change (transfer, retirement): the account stops working, its history stays (seed 004 art. 8)."""
    _set_status(session, actor, account_id, expected_version, AccountStatus.DEACTIVATED, reason)


def reset_password(session: Session, actor: Actor, account_id: int, new_password: str,
                   expected_version: int | None = None) -> None:
    account = _changeable(session, actor, account_id, AccountAction.RESET_PASSWORD)
    _check_version(account, expected_version)
    password_policy.check_for_account(session, new_password, account)
    audit.bind_actor(session, actor.id, actor.full_name)
    account.password_hash = passwords.hash_password(new_password)
    account.must_change_password = True
    account.password_changed_at = utcnow()
    account.credential_version += 1
    _flush_stale_safe(session, account.username)
    auth.revoke_login_sessions(session, account.id)


def unlock_from_shell(session: Session, username: str) -> Account:
    """`python -m lib.cli unlock`: someone with shell access on the server restores an account's access (a locked
    or deactivated system administrator included), so lockout can never leave the province without one.
    Lifts the administrator's lock, deactivation and a temporary lockout; every earlier log-in ends."""
    account = auth.find_account(session, username)
    if account is None:
        raise NotFound(vi.ACC_NO_SUCH_USERNAME.format(username=auth.normalise_username(username)))
    audit.bind_actor(session, None, vi.SHELL_ACTOR)
    account.status, account.status_reason = AccountStatus.ACTIVE, None
    account.failed_logins, account.lockouts, account.locked_until = 0, 0, None
    account.credential_version += 1
    session.flush()
    auth.revoke_login_sessions(session, account.id)
    return account


def create_first_admin(session: Session, username: str, full_name: str, password: str, unit_id: int,
                       must_change: bool = False) -> int:
    """The bootstrap administrator (first start, command line). Refused once any system administrator exists."""
    if has_system_admin(session):
        raise PermissionDenied(vi.ERR_NO_PERMISSION)
    data = _clean(AccountInput(username, full_name, unit_id, {Role.SYSTEM_ADMIN}))
    if _username_taken(session, data.username):
        raise ConflictError(vi.ACC_USERNAME_TAKEN.format(username=data.username), field="username")
    password_policy.check(session, password, username=data.username, full_name=data.full_name, unit_id=unit_id)
    audit.bind_actor(session, None, vi.SYSTEM)
    account = Account(username=data.username, full_name=data.full_name, unit_id=unit_id,
                      password_hash=passwords.hash_password(password), must_change_password=must_change,
                      search_key=_search_key(data))
    account.role_rows = [AccountRole(role=Role.SYSTEM_ADMIN)]
    session.add(account)
    _flush_unique(session, data.username)
    return account.id


def has_system_admin(session: Session) -> bool:
    return session.scalar(
        sa.select(sa.func.count()).select_from(AccountRole).where(AccountRole.role == Role.SYSTEM_ADMIN)
    ) > 0


def allowed_actions(actor: Actor) -> frozenset[AccountAction]:
    """What the accounts page offers this actor."""
    return account_actions(actor)


def count_accounts(session: Session) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(Account)) or 0


def move_accounts(session: Session, from_unit_id: int, to_unit_id: int) -> int:
    """Used by a unit merger: the predecessor's accounts now belong to the successor."""
    moved = 0
    for account in session.scalars(sa.select(Account).where(Account.unit_id == from_unit_id)):
        account.unit_id = to_unit_id
        moved += 1
    return moved
