"""Backups asked for from the administrator page or the command line: permission check and audit around
lib.services.backup (seed 000 art. 10.5: every backup leaves a trace in the audit log)."""
from __future__ import annotations

import io
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit
from lib.core.access import Actor, require_role
from lib.core.db import session_scope
from lib.core.enums import AuditAction, Role
from lib.core.services.backup import create_backup

CLI_ACTOR = "Quản trị máy chủ (dòng lệnh)"


def backup_now(session: Session, actor: Actor, target: io.BytesIO) -> dict[str, int]:
    require_role(actor, Role.SYSTEM_ADMIN)
    counts = create_backup(session.get_bind(), target, actor_name=actor.full_name)
    audit.record_event(session, AuditAction.BACKUP, summary="Sao lưu dữ liệu từ trang quản trị",
                       details={"rows": sum(counts.values())}, actor_id=actor.id, actor_name=actor.full_name)
    return counts


def backup_to_file(engine: sa.Engine, target: Path) -> dict[str, int]:
    """`python -m lib.cli backup`: run on the server by whoever holds its shell, recorded like the page's."""
    counts = create_backup(engine, target, actor_name=CLI_ACTOR)
    with session_scope(engine) as session:
        audit.record_event(session, AuditAction.BACKUP, summary="Sao lưu dữ liệu bằng dòng lệnh trên máy chủ",
                           details={"rows": sum(counts.values()), "file": str(target)}, actor_name=CLI_ACTOR)
    return counts
