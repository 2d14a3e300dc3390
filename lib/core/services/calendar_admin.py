"""Province overrides of the national working-day calendar, and the calendar every service uses."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, vi
from lib.core.access import Actor, require_role
from lib.core.calendar import Overrides, WorkCalendar
from lib.core.enums import CalendarOverrideKind, Role
from lib.core.errors import ConflictError, NotFound, ValidationError
from lib.core.models import CalendarOverride
from lib.core.text import nfc

_cache: dict[tuple[str, tuple], WorkCalendar] = {}
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class OverrideRow:
    id: int
    day: date
    kind: CalendarOverrideKind
    note: str
    active: bool
    version: int


def _active_overrides(session: Session) -> tuple[tuple[date, CalendarOverrideKind], ...]:
    rows = session.execute(sa.select(CalendarOverride.day, CalendarOverride.kind)
                           .where(CalendarOverride.active.is_(True)).order_by(CalendarOverride.day))
    return tuple((d, k) for d, k in rows)


def work_calendar(session: Session) -> WorkCalendar:
    """The calendar with the province's overrides. Rebuilt only when the overrides change."""
    active = _active_overrides(session)
    key = (str(session.get_bind().url), active)
    with _cache_lock:
        calendar = _cache.get(key)
        if calendar is None:
            overrides = Overrides(
                days_off=frozenset(d for d, k in active if k == CalendarOverrideKind.DAY_OFF),
                working_days=frozenset(d for d, k in active if k == CalendarOverrideKind.WORKING_DAY),
            )
            calendar = _cache[key] = WorkCalendar(overrides)
    return calendar


def list_overrides(session: Session, year: int | None = None, include_withdrawn: bool = False) -> list[OverrideRow]:
    query = sa.select(CalendarOverride).order_by(CalendarOverride.day)
    if year is not None:
        query = query.where(CalendarOverride.day.between(date(year, 1, 1), date(year, 12, 31)))
    if not include_withdrawn:
        query = query.where(CalendarOverride.active.is_(True))
    return [OverrideRow(o.id, o.day, o.kind, o.note, o.active, o.version) for o in session.scalars(query)]


def add_override(session: Session, actor: Actor, day: date, kind: CalendarOverrideKind, note: str) -> int:
    require_role(actor, Role.SYSTEM_ADMIN)
    note = nfc(note) or ""
    if not note:
        raise ValidationError(vi.CAL_NOTE_REQUIRED, field="note")
    national = WorkCalendar().is_working_day(day)
    if kind == CalendarOverrideKind.DAY_OFF and not national:
        raise ValidationError(vi.CAL_ALREADY_OFF.format(day=day.strftime("%d/%m/%Y")))
    if kind == CalendarOverrideKind.WORKING_DAY and national:
        raise ValidationError(vi.CAL_ALREADY_WORKING.format(day=day.strftime("%d/%m/%Y")))
    existing = session.scalar(sa.select(CalendarOverride).where(CalendarOverride.day == day))
    audit.bind_actor(session, actor.id, actor.full_name)
    if existing is not None and existing.active:
        raise ConflictError(vi.CAL_DUPLICATE.format(day=day.strftime("%d/%m/%Y"), kind=existing.kind.label))
    if existing is not None:  # a withdrawn override of that day is brought back with the new content
        existing.kind, existing.note, existing.active, existing.created_by_id = kind, note, True, actor.id
        session.flush()
        return existing.id
    row = CalendarOverride(day=day, kind=kind, note=note, created_by_id=actor.id)
    session.add(row)
    try:
        session.flush()
    except sa.exc.IntegrityError as error:
        raise ConflictError(vi.CAL_DUPLICATE.format(day=day.strftime("%d/%m/%Y"), kind=kind.label)) from error
    return row.id


def withdraw_override(session: Session, actor: Actor, override_id: int) -> None:
    require_role(actor, Role.SYSTEM_ADMIN)
    row = session.get(CalendarOverride, override_id)
    if row is None or not row.active:
        raise NotFound(vi.ERR_NOT_FOUND)
    audit.bind_actor(session, actor.id, actor.full_name)
    row.active = False
    session.flush()
