"""Backups asked for from the administrator page: permission check and audit around lib.services.backup."""
from __future__ import annotations

import io

from sqlalchemy.orm import Session

from lib import audit
from lib.access import Actor, require_role
from lib.enums import AuditAction, Role
from lib.services.backup import create_backup


def backup_now(session: Session, actor: Actor, target: io.BytesIO) -> dict[str, int]:
    require_role(actor, Role.SYSTEM_ADMIN)
    counts = create_backup(session.get_bind(), target, actor_name=actor.full_name)
    audit.record_event(session, AuditAction.BACKUP, summary="Sao lưu dữ liệu từ trang quản trị",
                       details={"rows": sum(counts.values())}, actor_id=actor.id, actor_name=actor.full_name)
    return counts
