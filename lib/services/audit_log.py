"""Reading the audit trail: filter, page, export in the official Excel layout."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.access import Actor, require_role
from lib.audit import ENTITY_LABELS, record_event
from lib.calendar import LOCAL_TZ
from lib.enums import AuditAction, Role
from lib.models import AuditLog
from lib.models.base import utcnow
from lib.reports.excel import Column, official_workbook
from lib.services import settings
from lib.text import fold


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


def describe_changes(before: str | None, after: str | None) -> str:
    old, new = json.loads(before) if before else {}, json.loads(after) if after else {}
    keys = sorted(set(old) | set(new))
    if old and new:
        return "; ".join(f"{k}: {old.get(k)!s} → {new.get(k)!s}" for k in keys)
    return "; ".join(f"{k}: {(new or old).get(k)!s}" for k in keys)


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
    rows = session.scalars(query.order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(limit).offset(offset))
    return [_to_row(r) for r in rows], total


def _to_row(r: AuditLog) -> AuditRow:
    return AuditRow(r.id, r.at, r.actor_name or "Hệ thống", r.action, ENTITY_LABELS.get(r.entity, r.entity),
                    r.entity_id, r.summary, describe_changes(r.before, r.after))


def entities() -> dict[str, str]:
    return dict(ENTITY_LABELS)


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
