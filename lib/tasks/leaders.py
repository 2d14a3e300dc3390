"""Directing leaders (lãnh đạo chỉ đạo): the one list that document entry, the Excel import and the statistics use.

The directing leader of a directive document is the Chairman or a Vice-Chairman of the provincial People's
Committee (seed 002 art. 8.1). Some have no account in the application, so the list is kept by the Office (and the
system administrator): name, title, order, active, and optionally the leader's account. A document points at a
row of this list, so that «Nguyễn Văn Thành» and «Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành» are one leader in
every figure.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, vi
from lib.core.access import Actor, require_role
from lib.core.enums import AccountStatus, Role
from lib.core.errors import ConflictError, NotFound, ValidationError
from lib.core.models import Account, AccountRole
from lib.tasks.leader_models import Leader
from lib.tasks.leader_models import leader_label
from lib.core.text import fold, nfc

LEADER_ADMIN_ROLES = (Role.SYSTEM_ADMIN, Role.OFFICE_OFFICER)

# A title written before (or after) the name, on folded text: «Phó Chủ tịch Thường trực UBND tỉnh Đồng Tháp»,
# «Chủ tịch Ủy ban nhân dân tỉnh», «PCT», «Đồng chí Chủ tịch», or a bare «Ông», «Bà», «Đồng chí».
_TITLE = re.compile(r"^(?:(?:dong chi|d/c|ong|ba)(?:\s+|$))?(?:(?:(?:pho\s+)?chu\s+tich|pct|ct)\b|$)")
_SEPARATORS = re.compile(r"[,;:.()\-–—]+")


@dataclass(frozen=True)
class LeaderRow:
    id: int
    full_name: str
    title: str
    label: str
    account_id: int | None
    account_name: str | None
    active: bool
    sort_order: int
    search_key: str
    version: int


@dataclass
class LeaderInput:
    full_name: str
    title: str
    account_id: int | None = None
    active: bool = True
    sort_order: int = 0


# ---------------------------------------------------------------- reading and matching

def list_leaders(session: Session, *, active_only: bool = True) -> list[LeaderRow]:
    """The list in its order (the Chairman first, as the Office arranged it); inactive rows last."""
    query = (sa.select(Leader, Account.full_name).outerjoin(Account, Account.id == Leader.account_id)
             .order_by(Leader.active.desc(), Leader.sort_order, Leader.full_name, Leader.id))
    if active_only:
        query = query.where(Leader.active.is_(True))
    return [LeaderRow(row.id, row.full_name, row.title, row.label, row.account_id, account, row.active,
                      row.sort_order, row.search_key, row.version) for row, account in session.execute(query)]


def labels(session: Session) -> dict[int, str]:
    """Every leader's «title name», active or not (statistics name old documents' leaders too)."""
    return {i: leader_label(title, name)
            for i, title, name in session.execute(sa.select(Leader.id, Leader.title, Leader.full_name))}


def _words(text: str) -> str:
    return fold(_SEPARATORS.sub(" ", text or ""))


def _is_title(words: str, leader: LeaderRow) -> bool:
    return words == fold(leader.title) or _TITLE.match(words) is not None


def match_leader(rows: Sequence[LeaderRow], text: str) -> LeaderRow | None:
    """The leader that `text` names: the name alone or with a title before or after it, whatever the case and
    diacritics («nguyen van thanh», «Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành», «Nguyễn Văn Thành – PCT UBND tỉnh»).
    A longer name that merely ends with a leader's name («Trần Nguyễn Văn Thành») is not that leader."""
    key = _words(text)
    if not key:
        return None
    for leader in sorted(rows, key=lambda r: -len(r.search_key)):
        name = leader.search_key
        if key == name:
            return leader
        if key.endswith(f" {name}") and _is_title(key[:-len(name) - 1], leader):
            return leader
        if key.startswith(f"{name} ") and _is_title(key[len(name) + 1:], leader):
            return leader
    return None


def active_leader(session: Session, leader_id: int | None) -> Leader:
    """The directing leader chosen for a document: a row of the list that is still active."""
    leader = session.get(Leader, leader_id) if leader_id is not None else None
    if leader is None:
        raise ValidationError(vi.LEADER_REQUIRED, field="leader_id")
    if not leader.active:
        raise ValidationError(vi.LEADER_INACTIVE.format(name=leader.label), field="leader_id")
    return leader


def leader_accounts(session: Session) -> list[tuple[int, str]]:
    """Active accounts holding the leader role (a list row may point at one of them)."""
    return [(i, n) for i, n in session.execute(
        sa.select(Account.id, Account.full_name).join(AccountRole, AccountRole.account_id == Account.id)
        .where(AccountRole.role == Role.LEADER, Account.status == AccountStatus.ACTIVE)
        .order_by(Account.full_name))]


# ---------------------------------------------------------------- keeping the list

def _clean(session: Session, data: LeaderInput, leader_id: int | None) -> tuple[str, str, str]:
    name = " ".join((nfc(data.full_name) or "").split())
    title = " ".join((nfc(data.title) or "").split())
    if not name:
        raise ValidationError(vi.LEADER_NAME_REQUIRED, field="full_name")
    if not title:
        raise ValidationError(vi.LEADER_TITLE_REQUIRED, field="title")
    key = fold(name)
    if len(name) > 150 or len(title) > 150:
        raise ValidationError(vi.LEADER_TOO_LONG, field="full_name" if len(name) > 150 else "title")
    if _TITLE.match(key):
        raise ValidationError(vi.LEADER_NAME_HAS_TITLE.format(value=name), field="full_name")
    same = session.scalar(sa.select(Leader).where(Leader.search_key == key, Leader.id != (leader_id or 0)))
    if same is not None:
        raise ConflictError(vi.LEADER_DUPLICATE.format(existing=same.label), field="full_name")
    if data.account_id is not None:
        ok = session.scalar(sa.select(Account.id).join(AccountRole, AccountRole.account_id == Account.id).where(
            Account.id == data.account_id, Account.status == AccountStatus.ACTIVE, AccountRole.role == Role.LEADER))
        if ok is None:
            raise ValidationError(vi.LEADER_ACCOUNT_INVALID, field="account_id")
        taken = session.scalar(sa.select(Leader).where(Leader.account_id == data.account_id,
                                                       Leader.id != (leader_id or 0)))
        if taken is not None:
            raise ConflictError(vi.LEADER_ACCOUNT_TAKEN.format(existing=taken.label), field="account_id")
    return name, title, key


def _flush(session: Session) -> None:
    try:
        session.flush()
    except sa.exc.IntegrityError as error:  # the same name (or account) saved by someone else a moment ago
        session.rollback()
        raise ConflictError(vi.ERR_STALE) from error
    except sa.orm.exc.StaleDataError as error:
        session.rollback()
        raise ConflictError(vi.ERR_STALE) from error


def create_leader(session: Session, actor: Actor, data: LeaderInput) -> int:
    require_role(actor, *LEADER_ADMIN_ROLES)
    name, title, key = _clean(session, data, None)
    audit.bind_actor(session, actor.id, actor.full_name)
    leader = Leader(full_name=name, title=title, account_id=data.account_id, active=data.active,
                    sort_order=int(data.sort_order), search_key=key)
    session.add(leader)
    _flush(session)
    return leader.id


def update_leader(session: Session, actor: Actor, leader_id: int, expected_version: int | None,
                  data: LeaderInput) -> None:
    """Correct a name or title, reorder, link an account, or retire a leader (documents keep pointing at the row)."""
    require_role(actor, *LEADER_ADMIN_ROLES)
    leader = session.get(Leader, leader_id)
    if leader is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    if expected_version is not None and leader.version != expected_version:
        raise ConflictError(vi.ERR_STALE)
    name, title, key = _clean(session, data, leader_id)
    audit.bind_actor(session, actor.id, actor.full_name)
    leader.full_name, leader.title, leader.search_key = name, title, key
    leader.account_id, leader.active, leader.sort_order = data.account_id, data.active, int(data.sort_order)
    _flush(session)
