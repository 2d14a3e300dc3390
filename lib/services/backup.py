"""Backup and restore of the database and the attachments in one file, while the app keeps running.

The backup is a zip: manifest.json (format, schema revision, counts), one JSON-lines file per table read
in a single snapshot transaction, and the attachment blobs the rows refer to. Being independent of the
database engine, a pilot's SQLite backup can also be restored into the province's PostgreSQL.
"""
from __future__ import annotations

import base64
import io
import json
import zipfile
from datetime import date, datetime, time, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from lib import audit, vi
from lib.db import current_revision, session_scope
from lib.enums import AuditAction
from lib.errors import ValidationError
from lib.files import BlobStore
from lib.models import Base
from lib.services.attachments import store

FORMAT = "dondoc-backup-1"


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


def create_backup(engine: sa.Engine, target: Path | io.BytesIO, *, blobs: BlobStore | None = None,
                  actor_name: str = "Hệ thống") -> dict[str, int]:
    """Write a consistent backup; returns the row count per table."""
    blobs = blobs or store()
    counts: dict[str, int] = {}
    hashes: set[str] = set()
    with _snapshot_connection(engine) as conn, conn.begin(), \
            zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("SELECT 1")  # the read transaction starts with the first statement
        for table in Base.metadata.sorted_tables:
            lines = []
            for row in conn.execute(sa.select(table)).mappings():
                lines.append(json.dumps({k: _encode(v) for k, v in row.items()}, ensure_ascii=False))
                if table.name == "attachments":
                    hashes.add(row["sha256"])
            archive.writestr(f"db/{table.name}.jsonl", "\n".join(lines))
            counts[table.name] = len(lines)
        for sha in sorted(hashes):
            if blobs.exists(sha):
                archive.writestr(f"attachments/{sha}", blobs.read(sha))
        manifest = {"format": FORMAT, "revision": current_revision(engine), "dialect": engine.dialect.name,
                    "created_at": datetime.now(timezone.utc).isoformat(), "counts": counts,
                    "attachments": len(hashes), "created_by": actor_name}
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return counts


def read_manifest(source: Path | io.BytesIO) -> dict:
    name = getattr(source, "name", "tệp")
    try:
        with zipfile.ZipFile(source) as archive:
            manifest = json.loads(archive.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError) as error:
        raise ValidationError(vi.BK_WRONG_FILE.format(name=name)) from error
    if manifest.get("format") != FORMAT:
        raise ValidationError(vi.BK_WRONG_FILE.format(name=name))
    return manifest


def restore_backup(engine: sa.Engine, source: Path | io.BytesIO, *, blobs: BlobStore | None = None) -> dict[str, int]:
    """Replace every row with the backup's, in one transaction; attachments are put back first."""
    from lib.demo import wipe

    blobs = blobs or store()
    manifest = read_manifest(source)
    current = current_revision(engine)
    if manifest["revision"] != current:
        raise ValidationError(vi.BK_WRONG_REVISION.format(backup=manifest["revision"], current=current))
    with zipfile.ZipFile(source) as archive:
        for name in archive.namelist():
            if name.startswith("attachments/"):
                data = archive.read(name)
                if blobs.put(data) != name.split("/", 1)[1]:
                    raise ValidationError(vi.BK_CORRUPT.format(detail=f"tệp {name} sai mã băm"))
        with session_scope(engine) as session:
            audit.suspend(session)
            wipe(session)
            conn = session.connection()
            for table in Base.metadata.sorted_tables:
                rows = _rows(archive, table)
                if rows:
                    conn.execute(table.insert(), _without_cycles(table, rows))
            _restore_cycles(conn, archive)
            _reset_sequences(conn)
            session.info.pop("audit_suspended", None)
            audit.record_event(session, AuditAction.RESTORE, summary="Phục hồi dữ liệu từ bản sao lưu",
                               details={"created_at": manifest["created_at"], "counts": manifest["counts"]},
                               actor_name="Hệ thống")
    return manifest["counts"]


def _rows(archive: zipfile.ZipFile, table: sa.Table) -> list[dict]:
    try:
        text = archive.read(f"db/{table.name}.jsonl").decode("utf-8")
    except KeyError as error:
        raise ValidationError(vi.BK_CORRUPT.format(detail=f"thiếu bảng {table.name}")) from error
    return [{k: _decode(v) for k, v in json.loads(line).items()} for line in text.splitlines() if line.strip()]


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


def _restore_cycles(conn: sa.Connection, archive: zipfile.ZipFile) -> None:
    for table_name, columns in SELF_REFERENCES.items():
        table = Base.metadata.tables[table_name]
        for row in _rows(archive, table):
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
