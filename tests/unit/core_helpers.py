"""Small helpers shared by the core service tests (tests/unit/core/test_{access,accounts,auth,units,...}.py)."""
from __future__ import annotations

import json

import sqlalchemy as sa

from lib.core.db import session_scope
from lib.core.models import Account, AuditLog, Unit

GOOD_PASSWORD = "Moi#Matkhau2026"  # meets the default policy (8+ chars, 3 of 4 classes)
OTHER_PASSWORD = "Khac#Matkhau2027"


def count(engine: sa.Engine, model) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(sa.func.count()).select_from(model)) or 0


def counts(engine: sa.Engine) -> dict[str, int]:
    """Rows in the tables a refused account or unit write must not touch."""
    from lib.core.models import AccountRole, Setting, UnitEvent

    return {m.__tablename__: count(engine, m) for m in (Account, AccountRole, AuditLog, Unit, UnitEvent, Setting)}


def max_audit_id(engine: sa.Engine) -> int:
    with session_scope(engine) as s:
        return s.scalar(sa.select(sa.func.max(AuditLog.id))) or 0


def audit_since(engine: sa.Engine, after_id: int) -> list[dict]:
    """The audit rows written after `after_id`, oldest first, with before/after parsed."""
    with session_scope(engine) as s:
        rows = s.scalars(sa.select(AuditLog).where(AuditLog.id > after_id).order_by(AuditLog.id))
        return [{
            "id": r.id, "actor_id": r.actor_id, "actor_name": r.actor_name, "action": r.action,
            "entity": r.entity, "entity_id": r.entity_id, "summary": r.summary, "unit_id": r.unit_id,
            "before": json.loads(r.before) if r.before else {}, "after": json.loads(r.after) if r.after else {},
            "raw": f"{r.before or ''}{r.after or ''}",
        } for r in rows]


def account_by_name(engine: sa.Engine, username: str) -> Account | None:
    with session_scope(engine) as s:
        return s.scalar(sa.select(Account).where(Account.username == username))


def account_id(engine: sa.Engine, username: str) -> int:
    account = account_by_name(engine, username)
    assert account is not None, username
    return account.id


def unit(engine: sa.Engine, unit_id: int) -> Unit:
    with session_scope(engine) as s:
        return s.get(Unit, unit_id)


def leader_id(session, text: str) -> int:  # noqa: ANN001
    """The id of the demo's directing leader that `text` names («Nguyễn Văn Thành», with or without the title)."""
    from lib.tasks import leaders

    found = leaders.match_leader(leaders.list_leaders(session, active_only=False), text)
    assert found is not None, text
    return found.id
