"""Attachments through the service: checked, stored by content, read only after the owner's rule (seed 002 art. 4.4)."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from lib.core import vi
from lib.core.db import session_scope
from lib.core.enums import AuditAction
from lib.core.errors import NotFound, PermissionDenied, ValidationError
from lib.core.models import Attachment
from lib.core.models.base import utcnow
from lib.core.services import attachments, settings
from tests.unit.core_helpers import audit_since, count, counts, max_audit_id

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"This program cannot be run in DOS mode"


def _attachments_dir() -> Path:
    return Path(os.environ["DONDOC_DATA_DIR"]) / "attachments"


def _blobs() -> list[Path]:
    """The files in the store besides the demo's own signed documents (copied in with the demo database)."""
    from tests.conftest import _DEMO_FILES

    demo = {p.name for p in _DEMO_FILES[0].rglob("*")} if _DEMO_FILES and _DEMO_FILES[0].exists() else set()
    root = _attachments_dir()
    return [p for p in root.rglob("*") if p.is_file() and p.name not in demo] if root.exists() else []


def _upload(engine, actor, *, filename="quyet-dinh.pdf", data=PDF, owner_type="unit_event", **kw) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return attachments.save_upload(s, actor, filename=filename, data=data, owner_type=owner_type, **kw)


def test_save_upload_stores_blob_and_row(demo_db, actors, unit_ids):
    att_id = _upload(demo_db, actors["quantri"], filename="Quyết định sáp nhập.pdf", unit_id=unit_ids["SXD"],
                     owner_id=5)
    sha = hashlib.sha256(PDF).hexdigest()
    blob = _attachments_dir() / sha[:2] / sha[2:4] / sha
    assert blob.is_file() and blob.read_bytes() == PDF
    assert str(blob).startswith(os.environ["DONDOC_DATA_DIR"])  # under the configured data folder
    with session_scope(demo_db) as s:
        row = s.get(Attachment, att_id)
        assert (row.sha256, row.size, row.extension, row.mime) == (sha, len(PDF), "pdf", "application/pdf")
        assert row.name == "Quyết định sáp nhập.pdf"
        assert (row.owner_type, row.owner_id, row.unit_id) == ("unit_event", 5, unit_ids["SXD"])
        assert row.uploaded_by_id == actors["quantri"].id and row.is_public is False


def test_same_content_stored_once(demo_db, actors):
    rows_before, blobs_before = count(demo_db, Attachment), len(_blobs())  # the demo's signed files
    first = _upload(demo_db, actors["quantri"], filename="a.pdf")
    second = _upload(demo_db, actors["quantri"], filename="b.pdf")
    assert first != second
    assert len(_blobs()) == blobs_before + 1
    assert count(demo_db, Attachment) == rows_before + 2


@pytest.mark.parametrize(("limit_mb", "size", "ok"), [
    (1, 1024 * 1024 * 3 // 2, False),
    (1, 1024 * 1024, True),
    (2, 1024 * 1024 * 3 // 2, True),
], ids=["1.5MB-over-1MB", "exactly-1MB", "1.5MB-under-2MB"])
def test_size_limit_from_setting(demo_db, actors, limit_mb, size, ok):
    with session_scope(demo_db) as s:
        settings.update(s, actors["quantri"], {"upload_max_mb": limit_mb})
    data = PDF + b"0" * (size - len(PDF))
    assert len(data) == size
    if ok:
        assert _upload(demo_db, actors["quantri"], filename="lon.pdf", data=data)
        return
    before = counts(demo_db), count(demo_db, Attachment)
    with pytest.raises(ValidationError) as err:
        _upload(demo_db, actors["quantri"], filename="lon.pdf", data=data)
    message = str(err.value)
    assert "MB" in message and "lon.pdf" in message and "vượt quá giới hạn" in message
    assert "1 MB" in message
    assert (counts(demo_db), count(demo_db, Attachment)) == before
    assert _blobs() == []


def test_default_limit_is_20_mb(demo_db):
    with session_scope(demo_db) as s:
        assert attachments.max_upload_bytes(s) == 20 * 1024 * 1024


@pytest.mark.parametrize(("filename", "data", "keyword"), [
    ("bao-cao.pdf", EXE, "tệp thực thi"),
    ("bao-cao.docx", EXE, "tệp thực thi"),
    ("chay.exe", PDF, "không được phép"),
    ("bao-cao.pdf", b"day khong phai pdf", "không đúng định dạng"),
    ("khong-duoi", PDF, "không có phần mở rộng"),
    ("rong.pdf", b"", "rỗng"),
], ids=["mz-as-pdf", "mz-as-docx", "exe-name", "fake-pdf", "no-extension", "empty"])
def test_refused_upload_writes_nothing(demo_db, actors, filename, data, keyword):
    before = counts(demo_db), count(demo_db, Attachment)
    with pytest.raises(ValidationError) as err:
        _upload(demo_db, actors["quantri"], filename=filename, data=data)
    assert keyword in str(err.value)
    assert (counts(demo_db), count(demo_db, Attachment)) == before
    assert _blobs() == [], "no blob may be left behind by a refused upload"


# --------------------------------------------------------------------------- download

def test_download_by_logged_in_actor_in_scope(demo_db, actors, unit_ids):
    """A unit's decision file is read by province-wide roles and by that unit's people (seed 004 art. 4 scope)."""
    att_id = _upload(demo_db, actors["quantri"], filename="QĐ 415.pdf", unit_id=unit_ids["SXD"])
    start = max_audit_id(demo_db)
    readers = ("capnhat.sxd", "tracuu.sxd", "lanhdao")
    for username in readers:
        with session_scope(demo_db) as s:
            got = attachments.download(s, actors[username], att_id)
        assert (got.name, got.mime, got.data) == ("QĐ 415.pdf", "application/pdf", PDF)
    rows = audit_since(demo_db, start)
    assert [r["action"] for r in rows] == [AuditAction.DOWNLOAD] * 3
    assert [r["actor_id"] for r in rows] == [actors[u].id for u in readers]
    assert all(r["entity"] == "attachments" and r["entity_id"] == str(att_id) and r["summary"] == "QĐ 415.pdf"
               and r["unit_id"] == unit_ids["SXD"] for r in rows)


@pytest.mark.parametrize("username", ["capnhat.laplvo", "quantri.laplvo"])
def test_unit_history_file_out_of_scope_refused(demo_db, actors, unit_ids, username):
    """Before issue 8 every logged-in account could read every unit's decision files."""
    att_id = _upload(demo_db, actors["quantri"], filename="QĐ 415.pdf", unit_id=unit_ids["SXD"])
    start = max_audit_id(demo_db)
    with pytest.raises(PermissionDenied), session_scope(demo_db) as s:
        attachments.download(s, actors[username], att_id)
    with pytest.raises(NotFound), session_scope(demo_db) as s:
        attachments.info(s, actors[username], att_id)
    assert audit_since(demo_db, start) == []


def test_download_unknown_owner_type_refused(demo_db, actors):
    att_id = _upload(demo_db, actors["quantri"], owner_type="khong_ro")
    start = max_audit_id(demo_db)
    for username in ("quantri", "capnhat.sxd"):
        with pytest.raises(PermissionDenied) as err, session_scope(demo_db) as s:
            attachments.download(s, actors[username], att_id)
        assert str(err.value) == vi.ERR_NOT_FOUND  # does not even confirm that the file exists
    assert audit_since(demo_db, start) == []


@pytest.mark.parametrize(("is_public", "allowed"), [(False, False), (True, True)], ids=["private", "public"])
def test_download_without_login(demo_db, actors, is_public, allowed):
    att_id = _upload(demo_db, actors["quantri"], is_public=is_public)
    start = max_audit_id(demo_db)
    if allowed:
        with session_scope(demo_db) as s:
            assert attachments.download(s, None, att_id).data == PDF
        [row] = audit_since(demo_db, start)
        assert row["action"] == AuditAction.DOWNLOAD and row["actor_id"] is None
        assert row["actor_name"] == "Khách (trang công khai)"
    else:
        with pytest.raises(PermissionDenied), session_scope(demo_db) as s:
            attachments.download(s, None, att_id)
        assert audit_since(demo_db, start) == []


def test_download_withdrawn_or_missing(demo_db, actors):
    att_id = _upload(demo_db, actors["quantri"], is_public=True)
    with session_scope(demo_db) as s:
        s.execute(sa.update(Attachment).where(Attachment.id == att_id).values(withdrawn_at=utcnow()))
    with pytest.raises(PermissionDenied), session_scope(demo_db) as s:
        attachments.download(s, actors["quantri"], att_id)
    with pytest.raises(NotFound), session_scope(demo_db) as s:
        attachments.download(s, actors["quantri"], 987654)


def test_info_follows_the_same_rule(demo_db, actors, unit_ids):
    ok = _upload(demo_db, actors["quantri"], filename="a.pdf", unit_id=unit_ids["SXD"])
    hidden = _upload(demo_db, actors["quantri"], filename="b.pdf", owner_type="khong_ro")
    with session_scope(demo_db) as s:
        info = attachments.info(s, actors["capnhat.sxd"], ok)
        assert (info.name, info.size) == ("a.pdf", len(PDF))
        with pytest.raises(NotFound):
            attachments.info(s, actors["capnhat.sxd"], hidden)
        with pytest.raises(NotFound):
            attachments.info(s, None, ok)


# --------------------------------------------------------------------------- who may store (issue 8 item 8)

def _nothing_stored(engine, before) -> None:  # noqa: ANN001
    assert (counts(engine), count(engine, Attachment)) == before
    assert _blobs() == [], "a refused upload leaves no file in the store"


@pytest.mark.parametrize("owner_type", ["unit_event", "task_report", "par_evidence", "khong_ro"])
def test_lookup_account_cannot_store_a_file(demo_db, actors, unit_ids, owner_type):
    """The helper checks the actor itself: a read-only (tra cứu) account stores nothing, whatever the caller."""
    before = counts(demo_db), count(demo_db, Attachment)
    with pytest.raises(PermissionDenied) as err:
        _upload(demo_db, actors["tracuu.sxd"], owner_type=owner_type, unit_id=unit_ids["SXD"])
    assert str(err.value) == vi.ATT_READ_ONLY
    _nothing_stored(demo_db, before)


@pytest.mark.parametrize("username", ["capnhat.sxd", "quantri.sxd", "lanhdao"])
def test_only_system_admin_stores_unit_history_files(demo_db, actors, unit_ids, username):
    before = counts(demo_db), count(demo_db, Attachment)
    with pytest.raises(PermissionDenied) as err:
        _upload(demo_db, actors[username], owner_type="unit_event", unit_id=unit_ids["SXD"])
    assert str(err.value) == vi.ERR_NO_PERMISSION
    _nothing_stored(demo_db, before)


def test_file_for_a_unit_out_of_scope_refused(demo_db, actors, unit_ids):
    before = counts(demo_db), count(demo_db, Attachment)
    with pytest.raises(PermissionDenied) as err:
        _upload(demo_db, actors["capnhat.sxd"], owner_type="khong_ro", unit_id=unit_ids["X-LAPVO"])
    assert str(err.value) == vi.ERR_OUT_OF_SCOPE
    with pytest.raises(PermissionDenied):
        _upload(demo_db, None, owner_type="khong_ro")
    _nothing_stored(demo_db, before)
    assert _upload(demo_db, actors["capnhat.sxd"], owner_type="khong_ro", unit_id=unit_ids["SXD"])


RAR5 = b"Rar!\x1a\x07\x01\x00" + b"\x33\x92\xb5\xe5\x0a\x01\x05\x06\x00" + b"\x00" * 32


def test_rar_follows_the_setting(demo_db, actors):
    before = counts(demo_db), count(demo_db, Attachment)
    with pytest.raises(ValidationError) as err:
        _upload(demo_db, actors["quantri"], filename="ho_so.rar", data=RAR5)
    assert "tệp nén .rar" in str(err.value) and "Hãy nén lại bằng .zip" in str(err.value)
    _nothing_stored(demo_db, before)
    with session_scope(demo_db) as s:
        settings.update(s, actors["quantri"], {"upload_allow_rar": True})
    assert _upload(demo_db, actors["quantri"], filename="ho_so.rar", data=RAR5)


def test_attach_to_never_moves_a_filed_attachment(demo_db, actors, unit_ids):
    """A file already tied to its owner cannot be re-pointed at another one (e.g. a record the actor may read)."""
    att_id = _upload(demo_db, actors["quantri"], unit_id=unit_ids["SXD"], owner_id=5)
    with pytest.raises(PermissionDenied) as err, session_scope(demo_db) as s:
        attachments.attach_to(s, att_id, 6)
    assert str(err.value) == vi.ATT_NOT_ALLOWED
    with session_scope(demo_db) as s:
        attachments.attach_to(s, att_id, 5)
        assert s.get(Attachment, att_id).owner_id == 5
    fresh = _upload(demo_db, actors["quantri"], unit_id=unit_ids["SXD"])
    with session_scope(demo_db) as s:
        attachments.attach_to(s, fresh, 7)
        assert s.get(Attachment, fresh).owner_id == 7
