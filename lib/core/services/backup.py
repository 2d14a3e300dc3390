"""Backup and restore of the database and the attachments in one file, while the app keeps running.

The backup is a zip: manifest.json (format, schema revision, counts), one JSON-lines file per table read
in a single snapshot transaction, and the attachment blobs the rows refer to. Being independent of the
database engine, a pilot's SQLite backup can also be restored into the province's PostgreSQL.
A restore verifies everything (counts, hashes) before it writes anything, and a failed restore changes nothing.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
import zlib
from datetime import date, datetime, time, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from lib.core import audit, vi
from lib.core.db import current_revision, session_scope
from lib.core.enums import AuditAction
from lib.core.errors import DomainError, ValidationError
from lib.core.files import BlobStore
from lib.core.models import Base
from lib.core.services.attachments import store

FORMAT = "dondoc-backup-1"
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if isinstance(value, time):
        return {"$t": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, bytes):
        return {"$b": base64.b64encode(value).decode("ascii")}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        (tag, raw), = value.items()
        if tag == "$dt":
            parsed = datetime.fromisoformat(raw)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
        if tag == "$d":
            return date.fromisoformat(raw)
        if tag == "$t":
            return time.fromisoformat(raw)
        if tag == "$dec":
            return Decimal(raw)
        if tag == "$b":
            return base64.b64decode(raw)
    return value


def _snapshot_connection(engine: sa.Engine) -> sa.Connection:
    if engine.dialect.name == "postgresql":
        return engine.connect().execution_options(isolation_level="REPEATABLE READ")
    return engine.connect()


# --------------------------------------------------------------------------- backup

def create_backup(engine: sa.Engine, target: Path | io.BytesIO, *, blobs: BlobStore | None = None,
                  actor_name: str = "Hệ thống") -> dict[str, int]:
    """Write a consistent backup; returns the row count per table.

    Refused (ValidationError, nothing left behind) when a file that an attachment row points at is missing
    from the store: a backup that cannot be restored is worse than none. A file on disk is readable by its
    owner only (mode 0600): it holds every account's password hash."""
    if isinstance(target, io.BytesIO):
        return _write_backup(engine, target, blobs or store(), actor_name)
    target = Path(target)
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".dondoc-", suffix=".part")
    os.close(handle)
    temp = Path(temp_name)
    try:
        counts = _write_backup(engine, temp, blobs or store(), actor_name)
        _owner_only(temp)
        os.replace(temp, target)
        _owner_only(target)
    finally:
        temp.unlink(missing_ok=True)
    return counts


def _owner_only(path: Path) -> None:
    if os.name != "nt":  # Windows has no such mode bits; the folder's access list protects the file there
        os.chmod(path, 0o600)


def _write_backup(engine: sa.Engine, target: Path | io.BytesIO, blobs: BlobStore, actor_name: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    files: dict[str, str] = {}  # sha256 -> a name it is known by
    with _snapshot_connection(engine) as conn, conn.begin(), \
            zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("SELECT 1")  # the read transaction starts with the first statement
        for table in Base.metadata.sorted_tables:
            lines = []
            for row in conn.execute(sa.select(table)).mappings():
                lines.append(json.dumps({k: _encode(v) for k, v in row.items()}, ensure_ascii=False))
                if table.name == "attachments":
                    files.setdefault(row["sha256"], row["name"])
            archive.writestr(f"db/{table.name}.jsonl", "\n".join(lines))
            counts[table.name] = len(lines)
        _require_files_present(files, blobs)
        for sha in sorted(files):
            archive.writestr(f"attachments/{sha}", blobs.read(sha))
        manifest = {"format": FORMAT, "revision": current_revision(engine), "dialect": engine.dialect.name,
                    "created_at": datetime.now(timezone.utc).isoformat(), "counts": counts,
                    "attachments": len(files), "created_by": actor_name}
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return counts


def _require_files_present(files: dict[str, str], blobs: BlobStore) -> None:
    missing = [(sha, name) for sha, name in sorted(files.items(), key=lambda item: item[1]) if not blobs.exists(sha)]
    if missing:
        names = ", ".join(f"«{name}»" for _, name in missing[:3]) + (", …" if len(missing) > 3 else "")
        raise ValidationError(vi.BK_ATTACHMENTS_MISSING.format(n=len(missing), folder=blobs.root, names=names))


# --------------------------------------------------------------------------- reading a backup

MANIFEST_FIELDS = ("format", "revision", "created_at", "counts")


def _source_name(source: Path | io.BytesIO) -> str:
    return Path(source).name if isinstance(source, (str, Path)) else getattr(source, "name", "tệp tải lên")


def _open_archive(source: Path | io.BytesIO) -> zipfile.ZipFile:
    name = _source_name(source)
    if isinstance(source, io.BytesIO):
        source.seek(0)
    try:
        return zipfile.ZipFile(source)
    except zipfile.BadZipFile as error:
        raise ValidationError(vi.BK_NOT_ZIP.format(name=name)) from error
    except OSError as error:
        raise ValidationError(vi.BK_CANNOT_READ.format(name=name, detail=error.strerror or error)) from error


def read_manifest(source: Path | io.BytesIO) -> dict:
    with _open_archive(source) as archive:
        return _manifest(archive, _source_name(source))


def _manifest(archive: zipfile.ZipFile, name: str) -> dict:
    try:
        raw = archive.read("manifest.json")
    except KeyError as error:
        raise ValidationError(vi.BK_NO_MANIFEST.format(name=name)) from error
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
        raise ValidationError(vi.BK_BAD_MANIFEST.format(name=name, field="manifest.json")) from error
    try:
        manifest = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValidationError(vi.BK_BAD_MANIFEST.format(name=name, field="manifest.json")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValidationError(vi.BK_WRONG_FILE.format(name=name))
    for field in MANIFEST_FIELDS:
        if field not in manifest:
            raise ValidationError(vi.BK_BAD_MANIFEST.format(name=name, field=field))
    counts = manifest["counts"]
    if not isinstance(counts, dict) or not all(isinstance(n, int) and n >= 0 for n in counts.values()):
        raise ValidationError(vi.BK_BAD_MANIFEST.format(name=name, field="counts"))
    return manifest


def _member(archive: zipfile.ZipFile, member: str, missing: str) -> bytes:
    try:
        return archive.read(member)
    except KeyError as error:
        raise ValidationError(vi.BK_CORRUPT.format(detail=missing)) from error
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:  # CRC mismatch, truncated data
        raise ValidationError(vi.BK_CORRUPT.format(detail=f"phần «{member}» không đọc được")) from error


def _read_tables(archive: zipfile.ZipFile, counts: dict[str, int]) -> dict[str, list[dict]]:
    """Every table's rows, decoded; each table's number of rows must be the manifest's."""
    tables: dict[str, list[dict]] = {}
    for table in Base.metadata.sorted_tables:
        if table.name not in counts:
            raise ValidationError(vi.BK_CORRUPT.format(detail=vi.BK_MISSING_TABLE.format(table=table.name)))
        text = _member(archive, f"db/{table.name}.jsonl", vi.BK_MISSING_TABLE.format(table=table.name))
        rows = []
        for number, line in enumerate(text.decode("utf-8", errors="replace").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rows.append({k: _decode(v) for k, v in json.loads(line).items()})
            except (json.JSONDecodeError, AttributeError, ValueError, TypeError) as error:
                raise ValidationError(vi.BK_CORRUPT.format(
                    detail=vi.BK_BAD_TABLE.format(table=table.name, line=number))) from error
        _check_count(table.name, len(rows), counts[table.name])
        tables[table.name] = rows
    return tables


def _check_count(table: str, found: int, expected: int) -> None:
    if found != expected:
        raise ValidationError(vi.BK_CORRUPT.format(
            detail=vi.BK_COUNT_MISMATCH.format(table=table, found=found, expected=expected)))


def _verified_files(archive: zipfile.ZipFile, attachment_rows: list[dict]) -> list[str]:
    """The hash of every file the attachment rows need, each present in the backup and matching its content."""
    names: dict[str, str] = {}
    for row in attachment_rows:
        sha = row.get("sha256")
        if not isinstance(sha, str) or not _SHA256_HEX.fullmatch(sha):
            raise ValidationError(vi.BK_CORRUPT.format(detail=vi.BK_BAD_TABLE.format(
                table="attachments", line=attachment_rows.index(row) + 1)))
        names.setdefault(sha, str(row.get("name") or sha[:12]))
    for sha, name in sorted(names.items()):
        member = f"attachments/{sha}"
        digest = hashlib.sha256()
        try:
            with archive.open(member) as handle:
                for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                    digest.update(chunk)
        except KeyError as error:
            raise ValidationError(vi.BK_CORRUPT.format(
                detail=vi.BK_MISSING_ATTACHMENT.format(name=name, sha=sha[:12]))) from error
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
            raise ValidationError(vi.BK_CORRUPT.format(detail=vi.BK_HASH_MISMATCH.format(name=name))) from error
        if digest.hexdigest() != sha:
            raise ValidationError(vi.BK_CORRUPT.format(detail=vi.BK_HASH_MISMATCH.format(name=name)))
    return sorted(names)


# --------------------------------------------------------------------------- restore

def restore_backup(engine: sa.Engine, source: Path | io.BytesIO, *, blobs: BlobStore | None = None) -> dict[str, int]:
    """Replace every row with the backup's, in one transaction, after verifying the whole backup.

    Order: manifest and revision; every table read and counted against the manifest; every attachment's hash
    checked; only then files are put in the store (new ones remembered) and the rows replaced; the rows in the
    database are counted again before commit. Any failure rolls the transaction back and removes the files
    this restore added, so a failed restore changes nothing. Every refusal is a Vietnamese ValidationError."""
    blobs = blobs or store()
    with _open_archive(source) as archive:
        manifest = _manifest(archive, _source_name(source))
        current = current_revision(engine)
        if manifest["revision"] != current:
            raise ValidationError(vi.BK_WRONG_REVISION.format(backup=manifest["revision"], current=current))
        tables = _read_tables(archive, manifest["counts"])
        needed = _verified_files(archive, tables["attachments"])
        added: list[str] = []
        try:
            for sha in needed:
                if not blobs.exists(sha):
                    blobs.put(archive.read(f"attachments/{sha}"))
                    added.append(sha)
            _replace_rows(engine, tables, manifest)
        except BaseException as error:
            _remove(blobs, added)
            if isinstance(error, DomainError) or not isinstance(error, Exception):
                raise
            raise ValidationError(vi.BK_RESTORE_FAILED.format(detail=_describe(error))) from error
    return manifest["counts"]


def _replace_rows(engine: sa.Engine, tables: dict[str, list[dict]], manifest: dict) -> None:
    from lib.core.demo import wipe

    with session_scope(engine) as session:
        audit.suspend(session)
        wipe(session)
        conn = session.connection()
        for table in Base.metadata.sorted_tables:
            rows = tables[table.name]
            if rows:
                conn.execute(table.insert(), _without_cycles(table, rows))
        _restore_cycles(conn, tables)
        _reset_sequences(conn)
        for table in Base.metadata.sorted_tables:  # what the database now holds, before the commit
            found = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            expected = manifest["counts"][table.name]
            if found != expected:
                raise ValidationError(vi.BK_RESTORE_FAILED.format(
                    detail=vi.BK_DB_COUNT_MISMATCH.format(table=table.name, found=found, expected=expected)))
        session.info.pop("audit_suspended", None)
        audit.record_event(session, AuditAction.RESTORE, summary="Phục hồi dữ liệu từ bản sao lưu",
                           details={"created_at": manifest["created_at"], "counts": manifest["counts"]},
                           actor_name="Hệ thống")


def _remove(blobs: BlobStore, hashes: list[str]) -> None:
    for sha in hashes:
        path = blobs.path_for(sha)
        path.unlink(missing_ok=True)
        for folder in (path.parent, path.parent.parent):
            try:
                folder.rmdir()  # only when empty
            except OSError:
                break


def _describe(error: Exception) -> str:
    if isinstance(error, sa.exc.SQLAlchemyError):
        return "cơ sở dữ liệu từ chối dữ liệu của bản sao lưu (" + str(getattr(error, "orig", error)).splitlines()[0] + ")"
    if isinstance(error, OSError):
        return f"không ghi được tệp đính kèm vào kho tệp ({error.strerror or error})"
    return f"{type(error).__name__}: {error}"


def _self_references() -> dict[str, tuple[str, ...]]:
    """Columns that point at a row of their own table (a unit's parent, a criterion's parent), by table."""
    found: dict[str, tuple[str, ...]] = {}
    for table in Base.metadata.sorted_tables:
        columns = tuple(fk.parent.name for fk in table.foreign_keys if fk.column.table is table)
        if columns:
            found[table.name] = tuple(sorted(columns))
    return found


SELF_REFERENCES = _self_references()


def _without_cycles(table: sa.Table, rows: list[dict]) -> list[dict]:
    """Self-references are inserted empty first and filled in afterwards (rows may point forward)."""
    columns = SELF_REFERENCES.get(table.name)
    if not columns:
        return rows
    return [{**row, **{c: None for c in columns}} for row in rows]


def _restore_cycles(conn: sa.Connection, tables: dict[str, list[dict]]) -> None:
    for table_name, columns in SELF_REFERENCES.items():
        table = Base.metadata.tables[table_name]
        for row in tables[table_name]:
            values = {c: row[c] for c in columns if row.get(c) is not None}
            if values:
                if "updated_at" in table.c:  # else the column's onupdate would stamp the restore time
                    values["updated_at"] = row["updated_at"]
                conn.execute(sa.update(table).where(table.c.id == row["id"]).values(**values))


def _reset_sequences(conn: sa.Connection) -> None:
    if conn.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        if "id" in table.c and isinstance(table.c.id.type, sa.Integer):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)")
