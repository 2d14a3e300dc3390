"""Reading the audit trail: filter, page, export in the official Excel layout."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core.access import Actor, require_role
from lib.core.audit import ENTITY_LABELS, field_label, record_event, referenced_table, value_text
from lib.core.calendar import LOCAL_TZ
from lib.core.enums import AuditAction, Role
from lib.core.models import Account, AuditLog, Base, Unit
from lib.core.models.base import utcnow
from lib.core.excel import Column, official_workbook
from lib.core.services import settings
from lib.core.text import fold


@dataclass(frozen=True)
class AuditFilter:
    start: date | None = None
    end: date | None = None
    action: AuditAction | None = None
    entity: str | None = None
    actor_text: str = ""
    entity_id: str | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: AuditAction
    entity: str
    entity_id: str | None
    summary: str | None
    changes: str


def _local_midnight_utc(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=LOCAL_TZ)


def _query(f: AuditFilter) -> sa.Select:
    query = sa.select(AuditLog)
    if f.start:
        query = query.where(AuditLog.at >= _local_midnight_utc(f.start))
    if f.end:
        query = query.where(AuditLog.at < _local_midnight_utc(f.end + timedelta(days=1)))
    if f.action:
        query = query.where(AuditLog.action == f.action)
    if f.entity:
        query = query.where(AuditLog.entity == f.entity)
    if f.entity_id:
        query = query.where(AuditLog.entity_id == f.entity_id)
    return query


def describe_changes(before: str | None, after: str | None, entity: str = "",
                     names: dict[tuple[str, int], str] | None = None) -> str:
    """«Field: old → new; …» with Vietnamese field names and values (enum labels, dates, unit and account names),
    in the order of the table's columns."""
    old, new = json.loads(before) if before else {}, json.loads(after) if after else {}
    keys = _ordered(entity, set(old) | set(new))

    def text(key: str, value: object) -> str:
        return value_text(entity, key, value, names)

    if old and new:
        return "; ".join(f"{field_label(entity, k)}: {text(k, old.get(k))} → {text(k, new.get(k))}" for k in keys)
    return "; ".join(f"{field_label(entity, k)}: {text(k, (new or old).get(k))}" for k in keys)


def _ordered(entity: str, keys: set[str]) -> list[str]:
    table = Base.metadata.tables.get(entity)
    order = {c.name: i for i, c in enumerate(table.c)} if table is not None else {}
    return sorted(keys, key=lambda k: (order.get(k, len(order)), k))


NAMED_TABLES = {"units": (Unit.id, Unit.name), "accounts": (Account.id, Account.full_name)}


def _names(session: Session, rows: list[AuditLog]) -> dict[tuple[str, int], str]:
    """The names of the units and accounts these rows refer to by id, in one query per table."""
    wanted: dict[str, set[int]] = {table: set() for table in NAMED_TABLES}
    for r in rows:
        for raw in (r.before, r.after):
            for key, value in (json.loads(raw) if raw else {}).items():
                target = referenced_table(r.entity, key)
                if target in wanted and isinstance(value, int) and not isinstance(value, bool):
                    wanted[target].add(value)
    names: dict[tuple[str, int], str] = {}
    for table, ids in wanted.items():
        if ids:
            id_col, name_col = NAMED_TABLES[table]
            names.update({(table, i): n for i, n in session.execute(sa.select(id_col, name_col)
                                                                     .where(id_col.in_(sorted(ids))))})
    return names


def _matches_actor(row: AuditLog, needle: str) -> bool:
    return not needle or needle in fold(row.actor_name or "")


def search(session: Session, actor: Actor, f: AuditFilter, *, limit: int = 500, offset: int = 0
           ) -> tuple[list[AuditRow], int]:
    """Newest first. Returns one page of rows and the total count that matches."""
    require_role(actor, Role.SYSTEM_ADMIN)
    query = _query(f)
    needle = fold(f.actor_text)
    if needle:
        # Actor names are few and short: match them diacritics-insensitively in Python, then filter by name.
        names = [n for n in session.scalars(sa.select(AuditLog.actor_name).distinct()) if n and needle in fold(n)]
        query = query.where(AuditLog.actor_name.in_(names))
    total = session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    rows = list(session.scalars(query.order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(limit).offset(offset)))
    names = _names(session, rows)
    return [_to_row(r, names) for r in rows], total


def _to_row(r: AuditLog, names: dict[tuple[str, int], str]) -> AuditRow:
    summary = r.summary
    if r.entity == "settings" and summary in SETTING_LABELS:
        summary = SETTING_LABELS[summary]
    return AuditRow(r.id, r.at, r.actor_name or "Hệ thống", r.action, ENTITY_LABELS.get(r.entity, r.entity),
                    r.entity_id, summary, describe_changes(r.before, r.after, r.entity, names))


def entities() -> dict[str, str]:
    return dict(ENTITY_LABELS)


SETTING_LABELS = {d.key: d.label for d in settings.DEFINITIONS}

COLUMNS = [Column("Thời điểm", 18, "datetime"), Column("Người thực hiện", 24), Column("Thao tác", 14),
           Column("Đối tượng", 18), Column("Mã", 8), Column("Mô tả", 28), Column("Nội dung thay đổi", 60)]


def export_excel(session: Session, actor: Actor, f: AuditFilter, *, max_rows: int = 50_000) -> bytes:
    rows, _ = search(session, actor, f, limit=max_rows)
    period = _period_text(f)
    province = settings.get(session, "province_name")
    data = official_workbook(
        issuer_parent=f"UBND {province}".upper(), issuer="Hệ thống Đôn Đốc", title="Nhật ký hệ thống",
        period=period, columns=COLUMNS, extracted_at=utcnow(), extracted_by=actor.full_name,
        rows=[(r.at, r.actor, r.action.label, r.entity, r.entity_id, r.summary, r.changes) for r in rows],
    )
    record_event(session, AuditAction.EXPORT, entity="audit_log", summary=f"Xuất nhật ký ({len(rows)} dòng)",
                 actor_id=actor.id, actor_name=actor.full_name)
    return data


def _period_text(f: AuditFilter) -> str | None:
    if f.start and f.end:
        return f"từ ngày {f.start:%d/%m/%Y} đến ngày {f.end:%d/%m/%Y}"
    if f.start:
        return f"từ ngày {f.start:%d/%m/%Y}"
    if f.end:
        return f"đến ngày {f.end:%d/%m/%Y}"
    return None
