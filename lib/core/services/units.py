"""The organisation tree and its history: found, rename, move, merge, dissolve (seed 000 art. 4.2; 2025 reform)."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, vi
from lib.core.access import Actor, require_role, subtree_ids
from lib.core.enums import AccountStatus, Role, UnitEventKind, UnitKind, UnitStatus
from lib.core.errors import ConflictError, NotFound, ValidationError
from lib.core.models import Account, Unit, UnitEvent
from lib.core.text import fold, nfc

CODE_RE = re.compile(r"^[A-Za-z0-9_-]{2,30}$")

# Modules register here what a merger must move to the successor (their open, future work).
# Each handler gets (session, predecessor_id, successor_id) and returns how many records it moved.
MERGE_HANDLERS: list[Callable[[Session, int, int], int]] = []


@dataclass(frozen=True)
class UnitRow:
    id: int
    code: str
    name: str
    short_name: str | None
    kind: UnitKind
    parent_id: int | None
    status: UnitStatus
    founded_on: date | None
    ended_on: date | None
    successor_id: int | None
    depth: int
    version: int


def _get(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    return unit


def _active(session: Session, unit_id: int) -> Unit:
    unit = _get(session, unit_id)
    if unit.status != UnitStatus.ACTIVE:
        raise ValidationError(vi.UNIT_INACTIVE.format(unit=unit.name))
    return unit


def _check_version(unit: Unit, expected_version: int | None) -> None:
    if expected_version is not None and unit.version != expected_version:
        raise ConflictError(vi.ERR_STALE)


def _search_key(unit: Unit) -> str:
    return fold(" ".join(filter(None, [unit.code, unit.name, unit.short_name])))[:400]


def tree(session: Session, *, include_inactive: bool = True) -> list[UnitRow]:
    """Every unit in tree order (parents before children, siblings by code), with its depth."""
    kind_order = {kind: i for i, kind in enumerate(UnitKind)}
    units = sorted(session.scalars(sa.select(Unit)), key=lambda u: (kind_order[u.kind], u.code))
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    known = {u.id for u in units}
    roots = [u for u in units if u.parent_id is None or u.parent_id not in known]
    rows: list[UnitRow] = []

    def walk(unit: Unit, depth: int) -> None:
        if include_inactive or unit.status == UnitStatus.ACTIVE:
            rows.append(UnitRow(unit.id, unit.code, unit.name, unit.short_name, unit.kind, unit.parent_id,
                                unit.status, unit.founded_on, unit.ended_on, unit.successor_id, depth, unit.version))
        for child in children.get(unit.id, []):
            walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    return rows


def units_in(session: Session, unit_ids: frozenset[int] | None, *, active_only: bool = True) -> list[UnitRow]:
    """The units of a scope (None = all) in tree order, e.g. for a select box."""
    return [r for r in tree(session, include_inactive=not active_only)
            if unit_ids is None or r.id in unit_ids]


@dataclass(frozen=True)
class EventRow:
    id: int
    on_date: date
    kind: UnitEventKind
    description: str
    decision: str | None
    attachment_id: int | None


def history_rows(session: Session, unit_id: int) -> list[EventRow]:
    """The unit's history in words, oldest first."""
    names = dict(session.execute(sa.select(Unit.id, Unit.name)).all())
    rows = []
    for e in history(session, unit_id):
        related = names.get(e.related_unit_id, "")
        text = {
            UnitEventKind.FOUNDED: f"Thành lập với tên «{e.new_name or ''}»",
            UnitEventKind.RENAMED: f"Đổi tên từ «{e.old_name}» thành «{e.new_name}»",
            UnitEventKind.MOVED: f"Trực thuộc {related}" if related else "Chuyển lên cấp cao nhất",
            UnitEventKind.MERGED: f"Sáp nhập vào {related}",
            UnitEventKind.ABSORBED: f"Tiếp nhận {related} sáp nhập vào",
            UnitEventKind.DISSOLVED: f"Giải thể{'; ' + related + ' tiếp nhận' if related else ''}",
        }[e.kind]
        if e.note:
            text += f". {e.note}"
        rows.append(EventRow(e.id, e.on_date, e.kind, text, e.decision, e.attachment_id))
    return rows


def history(session: Session, unit_id: int) -> list[UnitEvent]:
    return list(session.scalars(sa.select(UnitEvent).where(UnitEvent.unit_id == unit_id)
                                .order_by(UnitEvent.on_date, UnitEvent.id)))


def name_at(session: Session, unit_id: int, on: date) -> str:
    """The name the unit had on a date: old records keep the name they were made under."""
    unit = _get(session, unit_id)
    name = unit.name
    renames = session.scalars(
        sa.select(UnitEvent).where(UnitEvent.unit_id == unit_id, UnitEvent.kind == UnitEventKind.RENAMED,
                                   UnitEvent.on_date > on).order_by(UnitEvent.on_date.desc(), UnitEvent.id.desc()))
    for event in renames:
        name = event.old_name or name
    return name


def _event(session: Session, actor: Actor | None, unit: Unit, kind: UnitEventKind, on: date, *,
           old_name: str | None = None, new_name: str | None = None, related: Unit | None = None,
           decision: str | None = None, note: str | None = None, attachment_id: int | None = None) -> UnitEvent:
    event = UnitEvent(unit_id=unit.id, kind=kind, on_date=on, old_name=old_name, new_name=new_name,
                      related_unit_id=related.id if related else None, decision=nfc(decision) or None,
                      note=nfc(note) or None, attachment_id=attachment_id, created_by_id=actor.id if actor else None)
    session.add(event)
    return event


def _check_parent(session: Session, unit_id: int | None, parent_id: int | None) -> None:
    if parent_id is None:
        return
    _active(session, parent_id)
    if unit_id is not None and parent_id in subtree_ids(session, unit_id):
        raise ValidationError(vi.UNIT_PARENT_CYCLE, field="parent_id")


def _check_date(unit: Unit, on: date) -> None:
    if unit.founded_on and on < unit.founded_on:
        raise ValidationError(vi.UNIT_DATE_BEFORE_FOUNDED.format(founded=unit.founded_on.strftime("%d/%m/%Y")),
                              field="on_date")


def create_unit(session: Session, actor: Actor | None, *, code: str, name: str, kind: UnitKind,
                parent_id: int | None, founded_on: date | None = None, short_name: str | None = None,
                decision: str | None = None, note: str | None = None, attachment_id: int | None = None) -> int:
    if actor is not None:
        require_role(actor, Role.SYSTEM_ADMIN)
    code = (code or "").strip().upper()
    if not CODE_RE.match(code):
        raise ValidationError(vi.UNIT_CODE_INVALID, field="code")
    name = nfc(name) or ""
    if not name:
        raise ValidationError(vi.ERR_REQUIRED.format(field="tên đơn vị"), field="name")
    if session.scalar(sa.select(Unit.id).where(Unit.code == code)) is not None:
        raise ConflictError(vi.UNIT_CODE_TAKEN.format(code=code), field="code")
    _check_parent(session, None, parent_id)
    audit.bind_actor(session, actor.id if actor else None, actor.full_name if actor else vi.SYSTEM)
    unit = Unit(code=code, name=name, short_name=nfc(short_name) or None, kind=kind, parent_id=parent_id,
                founded_on=founded_on, note=nfc(note) or None)
    unit.search_key = _search_key(unit)
    session.add(unit)
    try:
        session.flush()
    except sa.exc.IntegrityError as error:
        raise ConflictError(vi.UNIT_CODE_TAKEN.format(code=code), field="code") from error
    if founded_on:
        _event(session, actor, unit, UnitEventKind.FOUNDED, founded_on, new_name=name, decision=decision,
               note=note, attachment_id=attachment_id)
    session.flush()
    return unit.id


def update_details(session: Session, actor: Actor, unit_id: int, expected_version: int, *,
                   short_name: str | None, kind: UnitKind, note: str | None) -> None:
    """Corrections that are not history (abbreviation, kind, note). Renames go through `rename_unit`."""
    require_role(actor, Role.SYSTEM_ADMIN)
    unit = _get(session, unit_id)
    _check_version(unit, expected_version)
    audit.bind_actor(session, actor.id, actor.full_name)
    unit.short_name, unit.kind, unit.note = nfc(short_name) or None, kind, nfc(note) or None
    unit.search_key = _search_key(unit)
    _flush(session)


def _flush(session: Session) -> None:
    try:
        session.flush()
    except sa.orm.exc.StaleDataError as error:
        raise ConflictError(vi.ERR_STALE) from error


def rename_unit(session: Session, actor: Actor, unit_id: int, expected_version: int, *, new_name: str,
                on_date: date, decision: str | None = None, note: str | None = None,
                attachment_id: int | None = None) -> None:
    require_role(actor, Role.SYSTEM_ADMIN)
    unit = _active(session, unit_id)
    _check_version(unit, expected_version)
    _check_date(unit, on_date)
    new_name = nfc(new_name) or ""
    if not new_name:
        raise ValidationError(vi.ERR_REQUIRED.format(field="tên mới"), field="new_name")
    if new_name == unit.name:
        raise ValidationError(vi.UNIT_SAME_NAME, field="new_name")
    audit.bind_actor(session, actor.id, actor.full_name)
    _event(session, actor, unit, UnitEventKind.RENAMED, on_date, old_name=unit.name, new_name=new_name,
           decision=decision, note=note, attachment_id=attachment_id)
    unit.name = new_name
    unit.search_key = _search_key(unit)
    _flush(session)


def move_unit(session: Session, actor: Actor, unit_id: int, expected_version: int, *, new_parent_id: int | None,
              on_date: date, decision: str | None = None, note: str | None = None) -> None:
    require_role(actor, Role.SYSTEM_ADMIN)
    unit = _active(session, unit_id)
    _check_version(unit, expected_version)
    _check_parent(session, unit.id, new_parent_id)
    audit.bind_actor(session, actor.id, actor.full_name)
    new_parent = session.get(Unit, new_parent_id) if new_parent_id else None
    _event(session, actor, unit, UnitEventKind.MOVED, on_date, related=new_parent, decision=decision, note=note)
    unit.parent_id = new_parent_id
    _flush(session)


def merge_unit(session: Session, actor: Actor, unit_id: int, expected_version: int, *, successor_id: int,
               on_date: date, decision: str | None = None, note: str | None = None,
               attachment_id: int | None = None) -> dict[str, int]:
    """Merge a unit into its successor: accounts, active sub-units and open work move; old records stay put."""
    require_role(actor, Role.SYSTEM_ADMIN)
    unit = _active(session, unit_id)
    _check_version(unit, expected_version)
    _check_date(unit, on_date)
    if successor_id == unit.id or successor_id in subtree_ids(session, unit.id):
        raise ValidationError(vi.UNIT_SUCCESSOR_INVALID, field="successor_id")
    successor = _active(session, successor_id)
    audit.bind_actor(session, actor.id, actor.full_name)
    moved = _hand_over(session, actor, unit, successor, on_date)
    unit.status, unit.ended_on, unit.successor_id = UnitStatus.MERGED, on_date, successor.id
    _event(session, actor, unit, UnitEventKind.MERGED, on_date, related=successor, decision=decision, note=note,
           attachment_id=attachment_id)
    _event(session, actor, successor, UnitEventKind.ABSORBED, on_date, related=unit, decision=decision, note=note,
           attachment_id=attachment_id)
    _flush(session)
    return moved


def _hand_over(session: Session, actor: Actor, unit: Unit, successor: Unit, on_date: date) -> dict[str, int]:
    from lib.core.services.accounts import move_accounts

    moved = {"accounts": move_accounts(session, unit.id, successor.id), "sub_units": 0, "work": 0}
    for child in session.scalars(sa.select(Unit).where(Unit.parent_id == unit.id,
                                                       Unit.status == UnitStatus.ACTIVE)):
        _event(session, actor, child, UnitEventKind.MOVED, on_date, related=successor,
               note=f"Chuyển theo việc sáp nhập {unit.name} vào {successor.name}")
        child.parent_id = successor.id
        moved["sub_units"] += 1
    for handler in MERGE_HANDLERS:
        moved["work"] += handler(session, unit.id, successor.id)
    return moved


def dissolve_unit(session: Session, actor: Actor, unit_id: int, expected_version: int, *, on_date: date,
                  successor_id: int | None = None, decision: str | None = None, note: str | None = None,
                  attachment_id: int | None = None) -> dict[str, int]:
    """Dissolve a unit. With a successor, its accounts and work move there; without, it must be empty."""
    require_role(actor, Role.SYSTEM_ADMIN)
    unit = _active(session, unit_id)
    _check_version(unit, expected_version)
    _check_date(unit, on_date)
    moved = {"accounts": 0, "sub_units": 0, "work": 0}
    audit.bind_actor(session, actor.id, actor.full_name)
    if successor_id is not None:
        if successor_id == unit.id or successor_id in subtree_ids(session, unit.id):
            raise ValidationError(vi.UNIT_SUCCESSOR_INVALID, field="successor_id")
        successor = _active(session, successor_id)
        moved = _hand_over(session, actor, unit, successor, on_date)
        unit.successor_id = successor.id
    else:
        _require_empty(session, unit)
        successor = None
    unit.status, unit.ended_on = UnitStatus.DISSOLVED, on_date
    _event(session, actor, unit, UnitEventKind.DISSOLVED, on_date, related=successor, decision=decision, note=note,
           attachment_id=attachment_id)
    _flush(session)
    return moved


def _require_empty(session: Session, unit: Unit) -> None:
    children = session.scalar(sa.select(sa.func.count()).select_from(Unit).where(
        Unit.parent_id == unit.id, Unit.status == UnitStatus.ACTIVE)) or 0
    if children:
        raise ValidationError(vi.UNIT_HAS_ACTIVE_CHILDREN.format(n=children))
    accounts = session.scalar(sa.select(sa.func.count()).select_from(Account).where(
        Account.unit_id == unit.id, Account.status == AccountStatus.ACTIVE)) or 0
    if accounts:
        raise ValidationError(vi.UNIT_HAS_ACCOUNTS.format(n=accounts))


def store_decision_file(session: Session, actor: Actor, unit_id: int | None, *, filename: str,
                        data: bytes) -> int:
    """The decision document of a change to a unit (founding, rename, merger…), before the change is saved.

    Only a system administrator changes the organisation, so only they store these files; the file is tied to
    the unit (None: a unit being founded, tied through its event) so that its people can read it."""
    from lib.core.services import attachments

    require_role(actor, Role.SYSTEM_ADMIN)
    if unit_id is not None:
        _get(session, unit_id)
    return attachments.save_upload(session, actor, filename=filename, data=data,
                                   owner_type=attachments.OWNER_UNIT_EVENT, unit_id=unit_id)


def get_unit(session: Session, unit_id: int) -> Unit:
    return _get(session, unit_id)


def count_units(session: Session) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(Unit)) or 0
