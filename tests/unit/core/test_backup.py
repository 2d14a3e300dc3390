"""Backup and restore of the database and the attachments (seeds 000 art. 10.5, 002 art. 12.2, 003 art. 10.3)."""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from lib import cli
from lib.core import demo
from lib.core.db import session_scope
from lib.core.enums import AuditAction, Role
from lib.core.errors import PermissionDenied, ValidationError
from lib.core.models import Account, Base, Unit
from lib.core.services import accounts, attachments, backup, backup_admin, units
from lib.core.services.accounts import AccountInput
from tests.unit.core_helpers import GOOD_PASSWORD, count

DEMO_ACCOUNTS = len(demo.ACCOUNTS) + len(demo.UNIT_EDITORS)  # the README's twelve and the units' editors

PDF = b"%PDF-1.4\n% Quyet dinh sap nhap\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


def _dump(engine) -> dict[str, list[dict]]:  # noqa: ANN001
    """Every row of every table, in primary-key order."""
    out = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            out[table.name] = [dict(r) for r in conn.execute(sa.select(table).order_by(*order)).mappings()]
    return out


def _attachments_dir() -> Path:
    return Path(os.environ["DONDOC_DATA_DIR"]) / "attachments"


def _new_account(engine, actor, unit_id: int, username: str) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return accounts.create_account(s, actor, AccountInput(username, "Người Mới", unit_id, {Role.UNIT_EDITOR}),
                                       GOOD_PASSWORD)


@pytest.fixture
def with_attachment(demo_db, actors, unit_ids):  # noqa: ANN001, ANN201
    with session_scope(demo_db) as s:
        att_id = attachments.save_upload(s, actors["quantri"], filename="QĐ sáp nhập.pdf", data=PDF,
                                         owner_type="unit_event", unit_id=unit_ids["STC"])
    return att_id


def test_round_trip(demo_db, actors, unit_ids, with_attachment):
    att_id = with_attachment
    snapshot = _dump(demo_db)
    buffer = io.BytesIO()
    counts = backup.create_backup(demo_db, buffer)
    assert counts["units"] == 34 and counts["accounts"] == DEMO_ACCOUNTS
    # This file, plus the demo's signed directive and report documents (required since issue 8, item 10) and the
    # State Treasury's file that Sở Tài chính imported (issue 10, item 6).
    assert counts["attachments"] == 1 + sum(r["owner_type"] in ("directive_document", "task_report", "treasury_import")
                                            for r in snapshot["attachments"])
    assert counts == {name: len(rows) for name, rows in snapshot.items()}

    # life goes on after the backup
    sxd = unit_ids["SXD"]
    with session_scope(demo_db) as s:
        unit = units.get_unit(s, sxd)
        units.rename_unit(s, actors["quantri"], sxd, unit.version, new_name="Sở Xây dựng (tên mới)",
                          on_date=date(2026, 1, 1))
    _new_account(demo_db, actors["quantri"], unit_ids["SXD"], "sau.sao.luu")
    shutil.rmtree(_attachments_dir())  # the disk with the files is lost too

    buffer.seek(0)
    restored = backup.restore_backup(demo_db, buffer)
    assert restored == counts

    after = _dump(demo_db)
    for name, rows in snapshot.items():
        if name == "audit_log":
            continue
        assert after[name] == rows, f"table {name} differs after restore"
    # the audit trail is the backup's, plus one RESTORE event
    assert after["audit_log"][:-1] == snapshot["audit_log"]
    assert after["audit_log"][-1]["action"] == AuditAction.RESTORE
    with session_scope(demo_db) as s:
        assert s.get(Unit, sxd).name == "Sở Xây dựng"
        assert s.scalar(sa.select(Account).where(Account.username == "sau.sao.luu")) is None
        got = attachments.download(s, actors["lanhdao"], att_id)
    assert got.data == PDF and got.name == "QĐ sáp nhập.pdf"
    sha = hashlib.sha256(PDF).hexdigest()
    assert (_attachments_dir() / sha[:2] / sha[2:4] / sha).read_bytes() == PDF

    # new ids still work: no primary-key clash with restored rows (PostgreSQL sequences were reset)
    new_id = _new_account(demo_db, actors["quantri"], unit_ids["SXD"], "sau.phuc.hoi")
    assert new_id > max(r["id"] for r in snapshot["accounts"])
    with session_scope(demo_db) as s:
        unit_id = units.create_unit(s, actors["quantri"], code="MOI", name="Đơn vị mới",
                                    kind=units.UnitKind.DEPARTMENT, parent_id=unit_ids["UBND"])
        att2 = attachments.save_upload(s, actors["quantri"], filename="b.pdf", data=PDF + b"x",
                                       owner_type="unit_event")
    assert unit_id > max(r["id"] for r in snapshot["units"])
    assert att2 > att_id
    assert count(demo_db, Account) == DEMO_ACCOUNTS + 1


def _fresh_install(engine) -> None:  # noqa: ANN001
    """Empty every table and, on PostgreSQL, rewind the id sequences: a brand-new server."""
    names = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        else:
            conn.execute(sa.update(Unit).values(parent_id=None, successor_id=None))
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())


def test_restore_into_fresh_install_then_new_ids(demo_db, actors, unit_ids, with_attachment):
    """A pilot's backup restored on a new server: the next ids must continue after the restored rows."""
    buffer = io.BytesIO()
    backup.create_backup(demo_db, buffer)
    snapshot = _dump(demo_db)
    _fresh_install(demo_db)
    assert count(demo_db, Account) == 0
    buffer.seek(0)
    backup.restore_backup(demo_db, buffer)
    after = _dump(demo_db)
    assert after["accounts"] == snapshot["accounts"] and after["units"] == snapshot["units"]
    # every kind of row can be added again without a primary-key clash
    new_account = _new_account(demo_db, actors["quantri"], unit_ids["SXD"], "tren.may.moi")
    with session_scope(demo_db) as s:
        new_unit = units.create_unit(s, actors["quantri"], code="MOI", name="Đơn vị mới",
                                     kind=units.UnitKind.DEPARTMENT, parent_id=unit_ids["UBND"],
                                     founded_on=date(2026, 1, 1))
        new_file = attachments.save_upload(s, actors["quantri"], filename="c.pdf", data=PDF + b"c",
                                           owner_type="unit_event")
    assert new_account == max(r["id"] for r in snapshot["accounts"]) + 1
    assert new_unit == max(r["id"] for r in snapshot["units"]) + 1
    assert new_file == with_attachment + 1
    with session_scope(demo_db) as s:
        assert auth_ok(s, "quantri")


def auth_ok(session, username: str) -> bool:  # noqa: ANN001
    from lib.core.services import auth

    return auth.verify_login(session, username, "DonDoc@2026").ok


def test_restored_logins_work(demo_db, actors):
    from lib.core.services import auth

    buffer = io.BytesIO()
    backup.create_backup(demo_db, buffer)
    buffer.seek(0)
    backup.restore_backup(demo_db, buffer)
    with session_scope(demo_db) as s:
        result = auth.verify_login(s, "quantri", "DonDoc@2026")
    assert result.ok
    with session_scope(demo_db) as s:
        actor = auth.actor_for_session(s, result.token)
    assert actor is not None and actor.roles == {Role.SYSTEM_ADMIN}


def test_restore_into_a_database_with_other_data(demo_db, actors, unit_ids):
    """Rows created after the backup with higher ids, merged units (self-references) — all replaced."""
    buffer = io.BytesIO()
    backup.create_backup(demo_db, buffer)
    snapshot = _dump(demo_db)
    with session_scope(demo_db) as s:
        unit = units.get_unit(s, unit_ids["STC"])
        units.merge_unit(s, actors["quantri"], unit.id, unit.version, successor_id=unit_ids["SXD"],
                         on_date=date(2026, 1, 1))
    buffer.seek(0)
    backup.restore_backup(demo_db, buffer)
    after = _dump(demo_db)
    assert after["units"] == snapshot["units"] and after["unit_events"] == snapshot["unit_events"]
    assert after["accounts"] == snapshot["accounts"]


def _rewrite(source: io.BytesIO, **manifest_changes) -> io.BytesIO:  # noqa: ANN003
    source.seek(0)
    target = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest.update(manifest_changes)
                data = json.dumps(manifest).encode()
            new.writestr(item, data)
    target.seek(0)
    return target


def _not_a_backup() -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bao-cao.txt", "Không phải bản sao lưu")
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize("source", [
    lambda ok: _not_a_backup(),
    lambda ok: io.BytesIO(b"day khong phai tep zip"),
    lambda ok: _rewrite(ok, format="khac-1"),
], ids=["other-zip", "not-zip", "other-format"])
def test_non_backup_refused(demo_db, source):
    ok = io.BytesIO()
    backup.create_backup(demo_db, ok)
    before = _dump(demo_db)
    with pytest.raises(ValidationError) as err:
        backup.restore_backup(demo_db, source(ok))
    assert "không phải là bản sao lưu của Đôn Đốc" in str(err.value)
    assert _dump(demo_db) == before


def test_wrong_revision_refused(demo_db):
    ok = io.BytesIO()
    backup.create_backup(demo_db, ok)
    before = _dump(demo_db)
    with pytest.raises(ValidationError) as err:
        backup.restore_backup(demo_db, _rewrite(ok, revision="0000_khac"))
    message = str(err.value)
    assert "0000_khac" in message and "phiên bản" in message
    assert _dump(demo_db) == before


def test_corrupt_blob_refused(demo_db, actors, with_attachment):
    ok = io.BytesIO()
    backup.create_backup(demo_db, ok)
    ok.seek(0)
    broken = io.BytesIO()
    with zipfile.ZipFile(ok) as old, zipfile.ZipFile(broken, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item, b"%PDF-1.4 bi sua" if item.filename.startswith("attachments/") else data)
    broken.seek(0)
    before = _dump(demo_db)
    with pytest.raises(ValidationError) as err:
        backup.restore_backup(demo_db, broken)
    assert "bị hỏng" in str(err.value)
    assert _dump(demo_db) == before


def test_backup_now_by_admin_only(demo_db, actors):
    with pytest.raises(PermissionDenied), session_scope(demo_db) as s:
        backup_admin.backup_now(s, actors["quantri.sxd"], io.BytesIO())
    target = io.BytesIO()
    with session_scope(demo_db) as s:
        counts = backup_admin.backup_now(s, actors["quantri"], target)
    assert counts["accounts"] == DEMO_ACCOUNTS
    assert backup.read_manifest(target)["created_by"] == "Trần Minh Quân"
    with session_scope(demo_db) as s:
        from lib.core.models import AuditLog

        [event] = s.scalars(sa.select(AuditLog).where(AuditLog.action == AuditAction.BACKUP)).all()
    assert event.actor_id == actors["quantri"].id


# --------------------------------------------------------------------------- command line

def test_cli_backup_and_restore(demo_db, actors, unit_ids, with_attachment, tmp_path, capsys):
    path = tmp_path / "sao-luu" / "dondoc.zip"
    snapshot = _dump(demo_db)
    assert cli.main(["backup", str(path)]) == 0
    assert path.is_file()
    assert "Đã sao lưu" in capsys.readouterr().out

    _new_account(demo_db, actors["quantri"], unit_ids["SXD"], "sau.sao.luu")
    shutil.rmtree(_attachments_dir())
    assert cli.main(["restore", str(path), "--yes"]) == 0
    assert "Đã phục hồi" in capsys.readouterr().out
    after = _dump(demo_db)
    assert after["accounts"] == snapshot["accounts"] and after["attachments"] == snapshot["attachments"]
    assert _new_account(demo_db, actors["quantri"], unit_ids["SXD"], "lan.nua") > max(
        r["id"] for r in snapshot["accounts"])
    sha = hashlib.sha256(PDF).hexdigest()
    assert (_attachments_dir() / sha[:2] / sha[2:4] / sha).is_file()


def test_cli_restore_refuses_non_backup(demo_db, tmp_path, capsys):
    path = tmp_path / "khac.zip"
    path.write_bytes(_not_a_backup().getvalue())
    before = _dump(demo_db)
    assert cli.main(["restore", str(path), "--yes"]) == 2
    assert "không phải là bản sao lưu" in capsys.readouterr().out
    assert _dump(demo_db) == before


def test_cli_restore_asks_for_confirmation(demo_db, actors, unit_ids, tmp_path, monkeypatch, capsys):
    path = tmp_path / "b.zip"
    assert cli.main(["backup", str(path)]) == 0
    _new_account(demo_db, actors["quantri"], unit_ids["SXD"], "sau.sao.luu")
    monkeypatch.setattr("builtins.input", lambda prompt="": "khong")
    assert cli.main(["restore", str(path)]) == 1
    assert count(demo_db, Account) == DEMO_ACCOUNTS + 1  # nothing restored


def test_cli_demo_on_non_empty_database(demo_db, capsys):
    before = _dump(demo_db)
    assert cli.main(["demo"]) == 2
    assert "demo --reset" in capsys.readouterr().out
    assert _dump(demo_db) == before


def test_cli_demo_reset(demo_db, actors, unit_ids, capsys):
    _new_account(demo_db, actors["quantri"], unit_ids["SXD"], "se.bi.xoa")
    assert cli.main(["demo", "--reset"]) == 0
    assert count(demo_db, Account) == DEMO_ACCOUNTS
    assert count(demo_db, Unit) == 34
    assert "DonDoc@2026" in capsys.readouterr().out


# --------------------------------------------------------------------------- issue 8 item 7: restore verifies

PDF2 = b"%PDF-1.4\n% Bao cao thu hai\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


def _lose_file(data: bytes) -> None:
    """The disk lost this one file of the store (the demo's documents stay)."""
    for path in _attachments_dir().rglob("*"):
        if path.is_file() and path.read_bytes() == data:
            path.unlink()


def _store_files() -> list[Path]:
    root = _attachments_dir()
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def two_files_backup(demo_db, actors, unit_ids) -> io.BytesIO:  # noqa: ANN001
    """A backup holding two attachments; afterwards the store is emptied (the disk with the files is lost)."""
    with session_scope(demo_db) as s:
        for name, data in (("QĐ sáp nhập.pdf", PDF), ("Báo cáo.pdf", PDF2)):
            attachments.save_upload(s, actors["quantri"], filename=name, data=data, owner_type="unit_event",
                                    unit_id=unit_ids["STC"])
    buffer = io.BytesIO()
    backup.create_backup(demo_db, buffer)
    shutil.rmtree(_attachments_dir())
    return buffer


def _edit(source: io.BytesIO, change) -> io.BytesIO:  # noqa: ANN001
    """A copy of the backup with `change(name, data)` applied to each member (None drops the member)."""
    source.seek(0)
    target = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = change(item.filename, old.read(item.filename))
            if data is not None:
                new.writestr(item.filename, data)
    target.seek(0)
    return target


def _manifest_edit(edit):  # noqa: ANN001, ANN202
    def change(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()
    return change


def _last_sha() -> str:
    return max(hashlib.sha256(PDF).hexdigest(), hashlib.sha256(PDF2).hexdigest())


def _drop_last_line(name: str, data: bytes) -> bytes:
    return b"\n".join(data.split(b"\n")[:-1]) if name == "db/accounts.jsonl" else data


def _corrupt_crc(source: io.BytesIO) -> io.BytesIO:
    """Flip one byte inside the stored data of the last attachment: the zip's CRC check fails on reading."""
    raw = bytearray(source.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive:
        info = archive.getinfo(f"attachments/{_last_sha()}")
    data_start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[data_start + info.compress_size // 2] ^= 0xFF
    return io.BytesIO(bytes(raw))


BROKEN_BACKUPS = [
    pytest.param(lambda ok: io.BytesIO(ok.getvalue()[: len(ok.getvalue()) // 2]),
                 "không đọc được như một tệp nén .zip", id="truncated-zip"),
    pytest.param(lambda ok: _edit(ok, lambda n, d: None if n == "manifest.json" else d),
                 "thiếu bảng kê manifest.json", id="no-manifest"),
    pytest.param(lambda ok: _edit(ok, lambda n, d: b"{khong phai json" if n == "manifest.json" else d),
                 "Bảng kê manifest.json của tệp", id="manifest-not-json"),
    pytest.param(lambda ok: _edit(ok, _manifest_edit(lambda m: m.pop("counts"))), "thiếu mục «counts»",
                 id="manifest-without-counts"),
    pytest.param(lambda ok: _edit(ok, lambda n, d: None if n == "db/units.jsonl" else d),
                 "thiếu dữ liệu bảng «units»", id="table-missing"),
    pytest.param(lambda ok: _edit(ok, _manifest_edit(lambda m: m["counts"].update(units=35))),
                 "bảng «units» có 34 dòng, khác số 35 dòng ghi trong bảng kê", id="count-above-rows"),
    pytest.param(lambda ok: _edit(ok, _drop_last_line), f"bảng «accounts» có {DEMO_ACCOUNTS - 1} dòng, khác số {DEMO_ACCOUNTS} dòng",
                 id="row-removed"),
    pytest.param(lambda ok: _edit(ok, lambda n, d: d + b"\n{hong" if n == "db/tasks.jsonl" else d),
                 "dữ liệu bảng «tasks» không đọc được", id="bad-json-line"),
    pytest.param(lambda ok: _edit(ok, lambda n, d: None if n == f"attachments/{_last_sha()}" else d),
                 "thiếu tệp đính kèm «", id="attachment-missing"),
    pytest.param(lambda ok: _edit(ok, lambda n, d: b"%PDF-1.4 bi sua" if n == f"attachments/{_last_sha()}" else d),
                 "sai mã băm", id="attachment-changed"),
    pytest.param(_corrupt_crc, "sai mã băm", id="attachment-crc-error"),
    pytest.param(lambda ok: _edit(ok, lambda n, d: d.replace(_last_sha().encode(), b"../../etc/passwd")
                                  if n == "db/attachments.jsonl" else d),
                 "dữ liệu bảng «attachments» không đọc được", id="attachment-row-bad-hash"),
]


@pytest.mark.parametrize(("broken", "reason"), BROKEN_BACKUPS)
def test_broken_backup_changes_nothing(demo_db, two_files_backup, broken, reason):
    """Before issue 8 counts went unchecked and files were written to the store before the hash check."""
    before = _dump(demo_db)
    with pytest.raises(ValidationError) as err:
        backup.restore_backup(demo_db, broken(two_files_backup))
    assert reason in str(err.value)
    assert _dump(demo_db) == before
    assert _store_files() == [], "no file may be written before the whole backup is verified"


def test_verified_backup_restores_both_files(demo_db, two_files_backup):
    two_files_backup.seek(0)
    counts = backup.restore_backup(demo_db, two_files_backup)
    assert counts["attachments"] == len(_store_files())  # the two files and the demo's signed documents
    assert {PDF, PDF2} <= {p.read_bytes() for p in _store_files()}


def test_rows_lost_on_insert_roll_back_and_remove_new_files(demo_db, actors, two_files_backup, monkeypatch):
    """The database is counted again before commit: a table that did not get all its rows fails the restore."""
    keep = hashlib.sha256(PDF).hexdigest()
    attachments.store().put(PDF)  # already in the store before the restore: must stay
    before = _dump(demo_db)
    expected = backup.read_manifest(two_files_backup)["counts"]["audit_log"]
    real = backup._without_cycles
    monkeypatch.setattr(backup, "_without_cycles",
                        lambda table, rows: real(table, rows)[:-1] if table.name == "audit_log" else real(table, rows))
    two_files_backup.seek(0)
    with pytest.raises(ValidationError) as err:
        backup.restore_backup(demo_db, two_files_backup)
    assert str(err.value) == (f"Phục hồi không thành công, dữ liệu hiện tại được giữ nguyên: cơ sở dữ liệu nhận "
                              f"{expected - 1} dòng của bảng «audit_log», khác số {expected} dòng trong bản sao lưu")
    assert _dump(demo_db) == before
    assert [p.name for p in _store_files()] == [keep]


def test_database_error_during_restore_is_a_vietnamese_message(demo_db, two_files_backup, monkeypatch):
    def refuse(conn, tables):  # noqa: ANN001, ANN202
        raise sa.exc.IntegrityError("UPDATE units", {}, Exception("foreign key violation"))

    monkeypatch.setattr(backup, "_restore_cycles", refuse)
    before = _dump(demo_db)
    two_files_backup.seek(0)
    with pytest.raises(ValidationError) as err:
        backup.restore_backup(demo_db, two_files_backup)
    assert str(err.value).startswith("Phục hồi không thành công, dữ liệu hiện tại được giữ nguyên: cơ sở dữ liệu")
    assert _dump(demo_db) == before
    assert _store_files() == []


# --------------------------------------------------------------------------- issue 8 item 7: backup refuses

def test_backup_refuses_when_an_attachment_file_is_missing(demo_db, actors, with_attachment, tmp_path):
    _lose_file(PDF)
    folder = tmp_path / "sao-luu"
    folder.mkdir()
    target = folder / "sl.zip"
    with pytest.raises(ValidationError) as err:
        backup.create_backup(demo_db, target)
    message = str(err.value)
    assert message.startswith("Không sao lưu: 1 tệp đính kèm không còn trong kho tệp")
    assert "«QĐ sáp nhập.pdf»" in message
    assert list(folder.iterdir()) == [], "neither the backup nor a partial file is left"
    with pytest.raises(ValidationError), session_scope(demo_db) as s:
        backup_admin.backup_now(s, actors["quantri"], io.BytesIO())


def test_backup_file_is_private_to_its_owner(demo_db, with_attachment, tmp_path):
    folder = tmp_path / "sao-luu"
    folder.mkdir()
    target = folder / "sl.zip"
    backup.create_backup(demo_db, target)
    assert zipfile.ZipFile(target).testzip() is None
    if os.name != "nt":  # POSIX mode bits; Windows protects the file through the folder's access list
        assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in folder.iterdir()] == ["sl.zip"]


def test_cli_backup_is_audited_and_private(demo_db, tmp_path, capsys):
    from lib.core.models import AuditLog

    path = tmp_path / "dondoc.zip"
    assert cli.main(["backup", str(path)]) == 0
    if os.name != "nt":
        assert path.stat().st_mode & 0o777 == 0o600
    with session_scope(demo_db) as s:
        [event] = s.scalars(sa.select(AuditLog).where(AuditLog.action == AuditAction.BACKUP)).all()
        assert event.actor_name == backup_admin.CLI_ACTOR and str(path) in event.after
    assert backup.read_manifest(path)["created_by"] == backup_admin.CLI_ACTOR


def test_cli_backup_failure_is_one_vietnamese_line(demo_db, with_attachment, tmp_path, capsys):
    _lose_file(PDF)
    assert cli.main(["backup", str(tmp_path / "a.zip")]) == 2
    out = capsys.readouterr()
    assert out.out.startswith("Lỗi: Không sao lưu: 1 tệp đính kèm") and out.err == ""
    blocker = tmp_path / "tep"
    blocker.write_text("x")
    assert cli.main(["backup", str(blocker / "b.zip")]) == 2  # the folder is a file: an OSError
    out = capsys.readouterr()
    assert out.out.startswith("Lỗi: không sao lưu được với tệp") and "Traceback" not in out.out + out.err


@pytest.mark.parametrize(("make", "expected"), [
    pytest.param(lambda p, ok: None, "không tìm thấy tệp sao lưu", id="no-such-file"),
    pytest.param(lambda p, ok: p.write_bytes(ok.getvalue()[:100]), "không đọc được như một tệp nén", id="truncated"),
    pytest.param(lambda p, ok: p.write_bytes(_edit(ok, lambda n, d: None if n == f"attachments/{_last_sha()}"
                                                    else d).getvalue()), "thiếu tệp đính kèm", id="missing-file"),
], )
def test_cli_restore_of_a_broken_backup_is_one_vietnamese_line(demo_db, two_files_backup, tmp_path, capsys, make,
                                                                  expected):
    path = tmp_path / "hong.zip"
    make(path, two_files_backup)
    before = _dump(demo_db)
    assert cli.main(["restore", str(path), "--yes"]) == 2
    out = capsys.readouterr()
    assert out.out.startswith("Lỗi: ") and expected in out.out and out.err == ""
    assert _dump(demo_db) == before and _store_files() == []


def test_cli_restore_catches_unexpected_errors(demo_db, two_files_backup, tmp_path, capsys, monkeypatch):
    path = tmp_path / "sl.zip"
    path.write_bytes(two_files_backup.getvalue())

    def crash(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("boom")

    monkeypatch.setattr(backup, "restore_backup", crash)
    assert cli.main(["restore", str(path), "--yes"]) == 2
    out = capsys.readouterr().out
    assert out.startswith("Lỗi không mong đợi khi phục hồi (RuntimeError: boom)")
    assert "Dữ liệu hiện tại không bị thay đổi." in out
