"""The audit trail: every ORM write is recorded, with actor, before and after, in the same transaction.

Services put the acting account on the session (`bind_actor`); a flush listener writes one audit row per
created, changed or deleted object, through the same connection, so the audit row commits or rolls back
with the change it describes. Events that change no row (log-in, export, download) use `record_event`.
"""
from __future__ import annotations

import enum
import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from lib.enums import AuditAction
from lib.models import AuditLog
from lib.models.base import utcnow

NOT_AUDITED_TABLES = {"audit_log"}
HIDDEN_FIELDS = {"password_hash"}
IGNORED_FIELDS = {"search_key", "updated_at", "version", "created_at"}

ENTITY_LABELS = {
    "units": "Đơn vị",
    "unit_events": "Lịch sử đơn vị",
    "accounts": "Tài khoản",
    "account_roles": "Vai trò của tài khoản",
    "settings": "Tham số hệ thống",
    "calendar_overrides": "Lịch làm việc",
    "attachments": "Tệp đính kèm",
    "directive_documents": "Văn bản chỉ đạo",
    "tasks": "Nhiệm vụ",
    "task_co_units": "Đơn vị phối hợp",
    "task_reports": "Báo cáo kết quả",
    "task_events": "Lịch sử nhiệm vụ",
    "par_criteria": "Tiêu chí Chỉ số CCHC",
    "par_rounds": "Đợt đánh giá Chỉ số CCHC",
    "par_round_members": "Phân công thẩm định, phê duyệt CCHC",
    "par_assessments": "Hồ sơ Chỉ số CCHC của đơn vị",
    "par_field_reviews": "Thẩm định, phê duyệt lĩnh vực CCHC",
    "par_scores": "Điểm Chỉ số CCHC",
    "par_evidence_requests": "Yêu cầu bổ sung tài liệu kiểm chứng",
    "par_evidence_request_items": "Tiêu chí cần bổ sung tài liệu",
    "par_events": "Lịch sử hồ sơ CCHC",
    "par_components": "Thành phần điểm CCHC",
    "par_component_scores": "Điểm thành phần CCHC",
    "system": "Hệ thống",
}


def bind_actor(session: Session, actor_id: int | None, actor_name: str | None) -> None:
    session.info["actor_id"] = actor_id
    session.info["actor_name"] = actor_name


def suspend(session: Session) -> None:
    """Bulk loads (demo data, restore) write one summary event instead of a row per object."""
    session.info["audit_suspended"] = True


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (date, time)):  # a time: e.g. the hour a directive document was issued
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def _dump(values: dict[str, Any]) -> str | None:
    return json.dumps(values, ensure_ascii=False, sort_keys=True) if values else None


def _column_keys(obj: Any) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs if attr.key not in IGNORED_FIELDS]


def _shown(key: str, value: Any) -> Any:
    return "***" if key in HIDDEN_FIELDS and value is not None else _jsonable(value)


def _snapshot(obj: Any) -> dict[str, Any]:
    return {k: _shown(k, getattr(obj, k)) for k in _column_keys(obj)}


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before, after = {}, {}
    for key in _column_keys(obj):
        hist = state.attrs[key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else getattr(obj, key)
        if old == new:
            continue
        before[key], after[key] = _shown(key, old), _shown(key, new)
    return before, after


def _summary(obj: Any) -> str | None:
    for attr in ("username", "name", "number_symbol", "code", "key", "content", "note"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value[:500]
    return None


def _unit_of(obj: Any) -> int | None:
    if obj.__tablename__ == "units":
        return obj.id
    value = getattr(obj, "unit_id", None)
    return value if isinstance(value, int) else None


def _row(session: Session, obj: Any, action: AuditAction, before: dict | None, after: dict | None) -> dict:
    # A new object gets its identity key only after the flush; its primary key attributes are already set.
    state = inspect(obj)
    pk = state.identity or state.mapper.primary_key_from_instance(obj)
    return {
        "at": utcnow(),
        "actor_id": session.info.get("actor_id"),
        "actor_name": session.info.get("actor_name"),
        "action": action,
        "entity": obj.__tablename__,
        "entity_id": ",".join(str(v) for v in pk) if pk and None not in pk else None,
        "summary": _summary(obj),
        "before": _dump(before or {}),
        "after": _dump(after or {}),
        "unit_id": _unit_of(obj),
    }


def _audited(obj: Any) -> bool:
    return getattr(obj, "__tablename__", None) not in NOT_AUDITED_TABLES and hasattr(obj, "__tablename__")


@sa.event.listens_for(Session, "after_flush")
def _write_audit_rows(session: Session, _context: Any) -> None:
    if session.info.get("audit_suspended"):
        return
    rows = [_row(session, o, AuditAction.CREATE, None, _snapshot(o)) for o in session.new if _audited(o)]
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if after:
                rows.append(_row(session, obj, AuditAction.UPDATE, before, after))
    rows += [_row(session, o, AuditAction.DELETE, _snapshot(o), None) for o in session.deleted if _audited(o)]
    if rows:
        session.connection().execute(sa.insert(AuditLog.__table__), _stringify_actions(rows))


def _stringify_actions(rows: list[dict]) -> list[dict]:
    for row in rows:
        row["action"] = row["action"].value
    return rows


def record_event(session: Session, action: AuditAction, *, entity: str = "system", entity_id: Any = None,
                 summary: str | None = None, details: dict | None = None, unit_id: int | None = None,
                 actor_id: int | None = None, actor_name: str | None = None) -> None:
    """An event that is not a row change (log-in, export, backup): one audit row, same transaction."""
    session.add(AuditLog(
        at=utcnow(),
        actor_id=actor_id if actor_id is not None else session.info.get("actor_id"),
        actor_name=actor_name if actor_name is not None else session.info.get("actor_name"),
        action=action, entity=entity, entity_id=None if entity_id is None else str(entity_id),
        summary=summary, after=_dump({k: _jsonable(v) for k, v in (details or {}).items()}), unit_id=unit_id,
    ))
