"""Attachments: checked on the way in, stored by content, handed out only after a permission check.

Each kind of owner (a unit event, a task report, a PAR evidence…) registers who may read its files, and may
register who may store them. Whatever the caller checked before, `save_upload` itself refuses a read-only
(lookup) account, a unit outside the actor's scope and an owner's own write rule.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, config, vi
from lib.core.access import Actor, data_scope, require_in_scope, require_role
from lib.core.enums import AuditAction, Role
from lib.core.errors import NotFound, PermissionDenied
from lib.core.files import BlobStore, check_upload
from lib.core.models import Attachment, UnitEvent
from lib.core.services import settings

# owner_type -> (session, actor, attachment) -> may the actor read it?
READ_RULES: dict[str, Callable[[Session, Actor, Attachment], bool]] = {}
# owner_type -> (session, actor, unit_id) -> raise PermissionDenied unless the actor may store a file there.
WRITE_RULES: dict[str, Callable[[Session, Actor, int | None], None]] = {}

# Roles that only read: an account holding nothing else never stores a file (seed 000: tài khoản tra cứu).
READ_ONLY_ROLES = frozenset({Role.UNIT_VIEWER})


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    name: str
    size: int
    mime: str
    uploaded_at: object
    is_public: bool


@dataclass(frozen=True)
class Download:
    name: str
    mime: str
    data: bytes


def store() -> BlobStore:
    return BlobStore(config.attachments_dir())


def max_upload_bytes(session: Session) -> int:
    return int(settings.get(session, "upload_max_mb")) * 1024 * 1024


def allow_rar(session: Session) -> bool:
    return bool(settings.get(session, "upload_allow_rar"))


def require_may_store(session: Session, actor: Actor | None, owner_type: str, unit_id: int | None) -> None:
    """The actor's own right to store a file for this owner: not a lookup account, the unit in scope, the
    owner's write rule. Raises PermissionDenied (Vietnamese)."""
    if actor is None:
        raise PermissionDenied(vi.ERR_NO_PERMISSION)
    if not actor.roles - READ_ONLY_ROLES:
        raise PermissionDenied(vi.ATT_READ_ONLY)
    if unit_id is not None:
        require_in_scope(data_scope(session, actor), unit_id)
    rule = WRITE_RULES.get(owner_type)
    if rule is not None:
        rule(session, actor, unit_id)


def save_upload(session: Session, actor: Actor, *, filename: str, data: bytes, owner_type: str,
                owner_id: int | None = None, unit_id: int | None = None, is_public: bool = False) -> int:
    """Check the actor's right, then the file (type by name and by content, size) and keep it.

    Raises PermissionDenied or ValidationError, in Vietnamese; nothing is stored then."""
    require_may_store(session, actor, owner_type, unit_id)
    checked = check_upload(filename, data, max_upload_bytes(session), allow_rar=allow_rar(session))
    store().put(data)  # before the row commits: a row never points at a missing file
    audit.bind_actor(session, actor.id, actor.full_name)
    row = Attachment(sha256=checked.sha256, size=checked.size, name=checked.name, extension=checked.extension,
                     mime=checked.mime, owner_type=owner_type, owner_id=owner_id, unit_id=unit_id,
                     is_public=is_public, uploaded_by_id=actor.id)
    session.add(row)
    session.flush()
    return row.id


def attach_to(session: Session, attachment_id: int, owner_id: int) -> None:
    """Link a file uploaded before its owner existed (the owner is created in the same transaction)."""
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    if row.owner_id is not None and row.owner_id != owner_id:  # a file already filed elsewhere is not moved
        raise PermissionDenied(vi.ATT_NOT_ALLOWED)
    row.owner_id = owner_id
    session.flush()


def _may_read(session: Session, actor: Actor | None, row: Attachment) -> bool:
    if row.withdrawn_at is not None:
        return False
    if actor is None:
        return row.is_public
    rule = READ_RULES.get(row.owner_type)
    return rule(session, actor, row) if rule else False


def info(session: Session, actor: Actor | None, attachment_id: int) -> AttachmentInfo:
    row = session.get(Attachment, attachment_id)
    if row is None or not _may_read(session, actor, row):
        raise NotFound(vi.ERR_NOT_FOUND)
    return AttachmentInfo(row.id, row.name, row.size, row.mime, row.uploaded_at, row.is_public)


def download(session: Session, actor: Actor | None, attachment_id: int) -> Download:
    """The file's content, after the owner's read rule allowed it; the download is audited."""
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    if not _may_read(session, actor, row):
        raise PermissionDenied(vi.ERR_NOT_FOUND)
    data = store().read(row.sha256)
    audit.record_event(session, AuditAction.DOWNLOAD, entity="attachments", entity_id=row.id, summary=row.name,
                       unit_id=row.unit_id, actor_id=actor.id if actor else None,
                       actor_name=actor.full_name if actor else "Khách (trang công khai)")
    return Download(row.name, row.mime, data)


def referenced_hashes(session: Session) -> set[str]:
    return set(session.scalars(sa.select(Attachment.sha256).distinct()))


OWNER_UNIT_EVENT = "unit_event"


def _unit_event_read_rule(session: Session, actor: Actor, row: Attachment) -> bool:
    """A decision on the organisation (founding, rename, merger…) is read by province-wide roles and by the
    people of a unit the decision concerns (its subtree scope, seed 004 art. 4), not by every account."""
    scope = data_scope(session, actor)
    if scope.all_units:
        return True
    units = set(session.scalars(sa.select(UnitEvent.unit_id).where(UnitEvent.attachment_id == row.id)))
    units.add(row.unit_id)
    return any(unit_id is not None and scope.contains(unit_id) for unit_id in units)


def _unit_event_write_rule(session: Session, actor: Actor, unit_id: int | None) -> None:
    require_role(actor, Role.SYSTEM_ADMIN)  # only system administrators change the organisation tree


READ_RULES[OWNER_UNIT_EVENT] = _unit_event_read_rule
WRITE_RULES[OWNER_UNIT_EVENT] = _unit_event_write_rule
