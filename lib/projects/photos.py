"""A project's photos (seed 000 art. 7.3: «hình ảnh dự án» among the record's information; issue 10 item 1): the
investor's editors upload site photos (JPEG, PNG or WebP — judged by the file's content, not only its name) with a
caption, the day they were taken (never in the future) and optionally the step they show; everyone who may see the
project sees the gallery; the investor deletes a photo. Peers get «not found», as for the record itself.

Files are attachments of owner type `project_photo`; their read rule follows the project's scope, and the photos
of a published project are open to everyone (the public page reads them through `public_gallery`)."""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, vi
from lib.core.access import Actor
from lib.core.calendar import to_local
from lib.core.errors import NotFound, PermissionDenied, ValidationError
from lib.core.files import format_size, safe_filename
from lib.core.format import fmt_date
from lib.core.models import Attachment
from lib.core.models.base import utcnow
from lib.core.services import attachments
from lib.core.text import nfc
from lib.projects import records, texts
from lib.projects.models import Project, ProjectPhoto, ProjectStep

OWNER_PHOTO = "project_photo"
CAPTION_MAX = 500

# The image types a photo may have: extension -> (format name Pillow reports, MIME type, signature test).
IMAGE_TYPES: dict[str, tuple[str, str]] = {
    "jpg": ("JPEG", "image/jpeg"),
    "jpeg": ("JPEG", "image/jpeg"),
    "png": ("PNG", "image/png"),
    "webp": ("WEBP", "image/webp"),
}


def _signature(data: bytes) -> str | None:
    """The image format the first bytes announce (JPEG SOI marker, PNG signature, RIFF…WEBP), else None."""
    if data[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


@dataclass(frozen=True)
class CheckedImage:
    name: str
    extension: str
    mime: str
    size: int
    sha256: str


def check_image(filename: str, data: bytes, max_bytes: int) -> CheckedImage:
    """A photo upload: a .jpg/.jpeg/.png/.webp name, a content whose signature is that format, and an image that
    decodes (Pillow's `verify`). Raises ValidationError in Vietnamese; nothing is stored then."""
    name = safe_filename(filename, fallback="anh")
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in IMAGE_TYPES:
        raise ValidationError(texts.PHO_NOT_IMAGE.format(name=name, types=texts.PHO_TYPES_TEXT), field="file")
    if not data:
        raise ValidationError(texts.PHO_EMPTY.format(name=name), field="file")
    if len(data) > max_bytes:
        raise ValidationError(texts.PHO_TOO_BIG.format(name=name, size=format_size(len(data)),
                                                       limit=max_bytes // (1024 * 1024)), field="file")
    expected, mime = IMAGE_TYPES[extension]
    if _signature(data) != expected:
        raise ValidationError(texts.PHO_MISMATCH.format(name=name, extension=extension, kind=expected), field="file")
    _check_decodes(name, data, expected)
    return CheckedImage(name, extension, mime, len(data), hashlib.sha256(data).hexdigest())


def _check_decodes(name: str, data: bytes, expected: str) -> None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            found = image.format
            image.verify()
    except Exception as error:  # noqa: BLE001 — any decoder failure (truncated, bomb, garbage) is a broken file
        raise ValidationError(texts.PHO_BROKEN.format(name=name), field="file") from error
    if found != expected:
        raise ValidationError(texts.PHO_BROKEN.format(name=name), field="file")


# ---------------------------------------------------------------- writing

def _check_step(session: Session, project: Project, step_id: int | None) -> int | None:
    if step_id is None:
        return None
    step = session.get(ProjectStep, step_id)
    if step is None or step.project_id != project.id:
        raise ValidationError(texts.PHO_STEP_NOT_IN_PROJECT, field="step_id")
    return step.id


def _clean_caption(caption: str | None) -> str:
    text = " ".join(nfc(caption or "").split())
    if not text:
        raise ValidationError(texts.PHO_CAPTION_REQUIRED, field="caption")
    if len(text) > CAPTION_MAX:
        raise ValidationError(texts.PHO_CAPTION_TOO_LONG.format(limit=CAPTION_MAX), field="caption")
    return text


def add_photo(session: Session, actor: Actor, project_id: int, upload: records.Upload | None, caption: str,
              taken_on: date, step_id: int | None = None, now: datetime | None = None) -> int:
    """The investor's editor adds a photo (seed 000 art. 7.3). Every check runs before anything is stored."""
    project = records._writable(session, actor, project_id, None)
    today = to_local(now or utcnow()).date()
    text = _clean_caption(caption)
    if taken_on > today:
        raise ValidationError(texts.PHO_TAKEN_FUTURE.format(day=fmt_date(taken_on)), field="taken_on")
    step = _check_step(session, project, step_id)
    if upload is None or not upload.filename:
        raise ValidationError(texts.PHO_FILE_REQUIRED, field="file")
    attachments.require_may_store(session, actor, OWNER_PHOTO, project.investor_unit_id)
    checked = check_image(upload.filename, upload.data, attachments.max_upload_bytes(session))
    attachments.store().put(upload.data)   # before the row commits: a row never points at a missing file
    audit.bind_actor(session, actor.id, actor.full_name)
    file = Attachment(sha256=checked.sha256, size=checked.size, name=checked.name, extension=checked.extension,
                      mime=checked.mime, owner_type=OWNER_PHOTO, unit_id=project.investor_unit_id,
                      is_public=False, uploaded_by_id=actor.id)
    session.add(file)
    session.flush()
    photo = ProjectPhoto(project_id=project.id, step_id=step, attachment_id=file.id, caption=text, taken_on=taken_on,
                         created_by_id=actor.id)
    session.add(photo)
    session.flush()
    file.owner_id = photo.id
    session.flush()
    return photo.id


def delete_photo(session: Session, actor: Actor, photo_id: int, now: datetime | None = None) -> str:
    """The investor's editor deletes a photo: the row goes, its file is withdrawn (no one reads it any more; the
    stored content stays for the backups and the audit). Returns the caption."""
    photo = session.get(ProjectPhoto, photo_id)
    if photo is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    records._writable(session, actor, photo.project_id, None)   # NotFound for peers, PermissionDenied for readers
    file = session.get(Attachment, photo.attachment_id)
    if file is not None:
        file.withdrawn_at = now or utcnow()
    caption = photo.caption
    session.delete(photo)
    session.flush()
    return caption


# ---------------------------------------------------------------- reading

@dataclass(frozen=True)
class Photo:
    id: int
    caption: str
    taken_on: date
    step: str | None
    attachment_id: int
    data: bytes


@dataclass(frozen=True)
class Gallery:
    photos: list[Photo]
    may_edit: bool
    steps: list[tuple[int, str]]     # the project's steps (id, «n. name») for the upload form


def _photos_of(session: Session, project_id: int) -> list[Photo]:
    rows = session.execute(
        sa.select(ProjectPhoto, Attachment.sha256, ProjectStep.position, ProjectStep.name)
        .join(Attachment, Attachment.id == ProjectPhoto.attachment_id)
        .outerjoin(ProjectStep, ProjectStep.id == ProjectPhoto.step_id)
        .where(ProjectPhoto.project_id == project_id, Attachment.withdrawn_at.is_(None))
        .order_by(ProjectPhoto.taken_on.desc(), ProjectPhoto.id.desc())).all()
    store = attachments.store()
    out = []
    for photo, sha256, position, step_name in rows:
        try:
            data = store.read(sha256)
        except (OSError, ValueError):   # a file lost from the store is left out, never a crash
            continue
        step = f"{position}. {step_name}" if step_name else None
        out.append(Photo(photo.id, photo.caption, photo.taken_on, step, photo.attachment_id, data))
    return out


def gallery(session: Session, actor: Actor, project_id: int) -> Gallery:
    """The project's photos, newest first, for whoever may see the project (NotFound otherwise)."""
    project = records._project(session, actor, project_id)
    try:
        records._require_writer(session, actor, project.kind, project.investor_unit_id)
        may_edit = True
    except PermissionDenied:
        may_edit = False
    steps = [(sid, f"{pos}. {name}") for sid, pos, name in session.execute(
        sa.select(ProjectStep.id, ProjectStep.position, ProjectStep.name)
        .where(ProjectStep.project_id == project.id).order_by(ProjectStep.position))] if may_edit else []
    return Gallery(_photos_of(session, project.id), may_edit, steps)


def public_gallery(session: Session, project_id: int) -> list[Photo]:
    """The photos of a published project, for everyone (no log-in); NotFound for any other project."""
    project = session.get(Project, project_id)
    if project is None or not project.published:
        raise NotFound(vi.ERR_NOT_FOUND)
    return _photos_of(session, project.id)


def photo_counts(session: Session, project_ids: list[int]) -> dict[int, int]:
    if not project_ids:
        return {}
    return dict(session.execute(
        sa.select(ProjectPhoto.project_id, sa.func.count(ProjectPhoto.id))
        .join(Attachment, Attachment.id == ProjectPhoto.attachment_id)
        .where(ProjectPhoto.project_id.in_(project_ids), Attachment.withdrawn_at.is_(None))
        .group_by(ProjectPhoto.project_id)).all())


# ---------------------------------------------------------------- plugging into the core

def _photo_read_rule(session: Session, actor: Actor, row: Attachment) -> bool:
    """A photo's file: whoever may see the project; anyone logged in when the project is published."""
    photo = session.get(ProjectPhoto, row.owner_id) if row.owner_id is not None else None
    if photo is None:
        return False
    project = session.get(Project, photo.project_id)
    if project is None:
        return False
    if project.published:
        return True
    try:
        records._project(session, actor, project.id)
    except NotFound:
        return False
    return True


def _photo_write_rule(session: Session, actor: Actor, unit_id: int | None) -> None:
    """Only the investor's editors store a photo (the unit is the project's investor)."""
    if not actor.has(*records.INVESTOR_WRITER_ROLES):
        raise PermissionDenied(vi.ERR_NO_PERMISSION)


def _register() -> None:
    attachments.READ_RULES[OWNER_PHOTO] = _photo_read_rule
    attachments.WRITE_RULES[OWNER_PHOTO] = _photo_write_rule


_register()
