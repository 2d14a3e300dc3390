"""Attachments: the whitelist of seed 002 art. 4.4, content sniffing, safe names, content-addressed storage.

A file is judged by its name AND by its content: a Windows program renamed `.pdf` is refused.
Every refusal is a `ValidationError` whose Vietnamese message names the file.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lib.errors import ValidationError

# --------------------------------------------------------------------------- whitelist

ALLOWED_EXTENSIONS: tuple[str, ...] = (
    "txt", "rtf", "pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "csv", "ppt", "odp",
    "zip", "gz", "rar",
)
ALLOWED_EXTENSIONS_TEXT: str = ", ".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)

MIME_TYPES: dict[str, str] = {
    "txt": "text/plain",
    "rtf": "application/rtf",
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
    "ppt": "application/vnd.ms-powerpoint",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "zip": "application/zip",
    "gz": "application/gzip",
    "rar": "application/vnd.rar",
}

# Names inside an archive that would run if double-clicked.
EXECUTABLE_EXTENSIONS: frozenset[str] = frozenset({
    "exe", "com", "bat", "cmd", "msi", "scr", "pif", "vbs", "vbe", "js", "jse", "wsf", "wsh",
    "ps1", "jar", "dll", "sys", "cpl", "hta", "lnk", "reg", "sh",
})

# Magic numbers of programs, checked at the start of the file whatever its name.
EXECUTABLE_SIGNATURES: tuple[bytes, ...] = (
    b"MZ",                    # Windows / DOS program (PE)
    b"\x7fELF",               # Linux / Unix program
    b"\xfe\xed\xfa\xce",      # Mach-O 32-bit, big-endian
    b"\xfe\xed\xfa\xcf",      # Mach-O 64-bit, big-endian
    b"\xce\xfa\xed\xfe",      # Mach-O 32-bit, little-endian
    b"\xcf\xfa\xed\xfe",      # Mach-O 64-bit, little-endian
    b"\xca\xfe\xba\xbe",      # Mach-O universal binary (also Java class)
    b"#!",                    # script with an interpreter line
)

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_SIGNATURE = b"%PDF-"
PDF_MAX_OFFSET = 1024
GZIP_SIGNATURE = b"\x1f\x8b"
RAR_SIGNATURE = b"Rar!\x1a\x07"  # followed by \x00 (RAR 4) or \x01\x00 (RAR 5)
RTF_SIGNATURE = b"{\\rtf"
TEXT_SNIFF_BYTES = 8 * 1024

OOXML_MAIN_FOLDER: dict[str, str] = {"docx": "word/", "xlsx": "xl/"}
ODF_MIMETYPE: dict[str, bytes] = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}

MAX_FILENAME_LENGTH = 150
_FORBIDDEN_CHARS = re.compile(r'[<>:"/\\|?*]')
_WHITESPACE = re.compile(r"\s+")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_WINDOWS_RESERVED: frozenset[str] = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{prefix}{digit}" for prefix in ("COM", "LPT") for digit in "123456789¹²³"}
)

_KIB = 1024
_MIB = 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed every rule; `name` is safe to show and to offer for download."""

    name: str
    extension: str
    mime: str
    size: int
    sha256: str


# --------------------------------------------------------------------------- safe names


def safe_filename(name: str, fallback: str = "tep_dinh_kem") -> str:
    """A display/download name without directories, control or forbidden characters; Vietnamese kept (NFC)."""
    text = unicodedata.normalize("NFC", name)
    text = re.split(r"[/\\]", text)[-1]
    text = _WHITESPACE.sub(" ", text)
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    text = _FORBIDDEN_CHARS.sub("", text)
    text = _WHITESPACE.sub(" ", text).rstrip(" .")
    stem, dot, extension = text.rpartition(".")
    if not dot:
        stem, extension = text, ""
    stem, extension = stem.strip(" ."), extension.strip(" ")
    if not stem:
        stem = fallback
    if stem.split(".")[0].strip(" ").upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    return _fit_length(stem, extension, fallback)


def _fit_length(stem: str, extension: str, fallback: str) -> str:
    suffix = f".{extension}" if extension else ""
    room = MAX_FILENAME_LENGTH - len(suffix)
    if room < 1:  # an absurd "extension": keep the start of the whole name
        return (stem + suffix)[:MAX_FILENAME_LENGTH].rstrip(" .") or fallback
    stem = stem[:room].rstrip(" .") or fallback[:room]
    return stem + suffix


def _extension_of(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def _printable(text: str) -> str:
    """A name taken from inside an archive, made harmless for a message."""
    cleaned = "".join(ch for ch in unicodedata.normalize("NFC", text) if not unicodedata.category(ch).startswith("C"))
    return cleaned[:MAX_FILENAME_LENGTH]


# --------------------------------------------------------------------------- sizes


def format_size(num_bytes: int, rounding: str = "nearest") -> str:
    """Vietnamese-style size: "12,4 MB", "1.536 MB", "800 KB", "512 byte". rounding: nearest | up | down."""
    if num_bytes >= _MIB:
        unit_bytes, unit = _MIB, "MB"
    elif num_bytes >= _KIB:
        unit_bytes, unit = _KIB, "KB"
    else:
        return f"{num_bytes} byte"
    numerator = num_bytes * 10
    if rounding == "up":
        tenths = -(-numerator // unit_bytes)
    elif rounding == "down":
        tenths = numerator // unit_bytes
    else:
        tenths = (2 * numerator + unit_bytes) // (2 * unit_bytes)
    whole, fraction = divmod(tenths, 10)
    whole_text = f"{whole:,}".replace(",", ".")
    return f"{whole_text},{fraction} {unit}" if fraction else f"{whole_text} {unit}"


# --------------------------------------------------------------------------- upload check


def check_upload(filename: str, data: bytes, max_bytes: int) -> CheckedFile:
    """Apply seed 002 art. 4.4 to one upload; raise ValidationError (Vietnamese) on the first broken rule."""
    if max_bytes < 1:
        raise ValueError("max_bytes must be a positive number of bytes")
    name = safe_filename(filename)
    _check_size(name, len(data), max_bytes)
    extension = _check_extension(name)
    _check_not_executable(name, data)
    _CONTENT_CHECKS[extension](name, extension, data)
    return CheckedFile(
        name=name,
        extension=extension,
        mime=MIME_TYPES[extension],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size == 0:
        raise ValidationError(f"Tệp «{name}» rỗng.")
    if size > max_bytes:
        raise ValidationError(
            f"Tệp «{name}» có dung lượng {format_size(size, 'up')}, "
            f"vượt quá giới hạn {format_size(max_bytes, 'down')} cho phép."
        )


def _check_extension(name: str) -> str:
    extension = _extension_of(name)
    if not extension:
        raise ValidationError(
            f"Tệp «{name}» không có phần mở rộng (đuôi tệp) nên không xác định được loại tệp. "
            f"Chỉ chấp nhận các định dạng: {ALLOWED_EXTENSIONS_TEXT}."
        )
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            f"Tệp «{name}» có định dạng .{extension}, không được phép đính kèm. "
            f"Chỉ chấp nhận các định dạng: {ALLOWED_EXTENSIONS_TEXT}."
        )
    return extension


def _check_not_executable(name: str, data: bytes) -> None:
    if data.startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(_executable_message(name))


def _executable_message(name: str) -> str:
    return f"Tệp «{name}» là tệp thực thi (chương trình), không được phép đính kèm."


def _mismatch(name: str, extension: str) -> ValidationError:
    return ValidationError(
        f"Nội dung tệp «{name}» không đúng định dạng .{extension} (có thể tệp đã bị đổi tên)."
    )


def _check_pdf(name: str, extension: str, data: bytes) -> None:
    if data.find(PDF_SIGNATURE, 0, PDF_MAX_OFFSET + len(PDF_SIGNATURE)) < 0:
        raise _mismatch(name, extension)


def _check_ole2(name: str, extension: str, data: bytes) -> None:
    if not data.startswith(OLE2_SIGNATURE):
        raise _mismatch(name, extension)


def _check_rtf(name: str, extension: str, data: bytes) -> None:
    if not data.startswith(RTF_SIGNATURE):
        raise _mismatch(name, extension)


def _check_rar(name: str, extension: str, data: bytes) -> None:
    if not data.startswith(RAR_SIGNATURE):
        raise _mismatch(name, extension)


def _check_text(name: str, extension: str, data: bytes) -> None:
    if b"\x00" in data[:TEXT_SNIFF_BYTES] or not _decodes_as_text(data):
        raise _mismatch(name, extension)


def _decodes_as_text(data: bytes) -> bool:
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _check_gzip(name: str, extension: str, data: bytes) -> None:
    if not data.startswith(GZIP_SIGNATURE):
        raise _mismatch(name, extension)
    inner_name = _gzip_original_name(data)
    if inner_name is not None and _is_executable_name(inner_name):
        raise ValidationError(_archive_member_message(name, inner_name))
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[: 64 * _KIB], 16)
    except zlib.error:
        raise _mismatch(name, extension) from None
    if head.startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(_executable_message(name))


def _gzip_original_name(data: bytes) -> str | None:
    """The FNAME field of a gzip header (RFC 1952), if present."""
    if len(data) < 10 or not data[3] & 0x08:
        return None
    position = 10
    if data[3] & 0x04:  # FEXTRA: two-byte length then the field
        if len(data) < 12:
            return None
        position += 2 + int.from_bytes(data[10:12], "little")
    end = data.find(b"\x00", position)
    if end < 0:
        return None
    return data[position:end].decode("latin-1")


def _check_zip_family(name: str, extension: str, data: bytes) -> None:
    archive = _open_zip(data)
    if archive is None:
        raise _mismatch(name, extension)
    with archive:
        infos = archive.infolist()
        for info in infos:
            if _is_executable_name(info.filename):
                raise ValidationError(_archive_member_message(name, info.filename))
        if extension in OOXML_MAIN_FOLDER and not _is_ooxml(infos, OOXML_MAIN_FOLDER[extension]):
            raise _mismatch(name, extension)
        if extension in ODF_MIMETYPE and not _is_odf(archive, infos, ODF_MIMETYPE[extension]):
            raise _mismatch(name, extension)


def _open_zip(data: bytes) -> zipfile.ZipFile | None:
    """A readable zip that starts at byte 0 (no program or other data glued in front), else None."""
    if not data.startswith(b"PK"):
        return None
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None


def _is_ooxml(infos: list[zipfile.ZipInfo], main_folder: str) -> bool:
    names = {info.filename.lower() for info in infos}
    return "[content_types].xml" in names and any(n.startswith(main_folder) for n in names)


def _is_odf(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], expected: bytes) -> bool:
    first = infos[0] if infos else None
    if first is None or first.filename != "mimetype" or first.header_offset != 0 or first.file_size > 200:
        return False
    try:
        return archive.read(first) == expected
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError, zlib.error):
        return False


def _is_executable_name(member: str) -> bool:
    base = re.split(r"[/\\]", member)[-1].rstrip(" .")
    _, dot, extension = base.rpartition(".")
    return bool(dot) and extension.lower() in EXECUTABLE_EXTENSIONS


def _archive_member_message(name: str, member: str) -> str:
    return (
        f"Tệp nén «{name}» chứa tệp thực thi «{_printable(member)}», "
        "không được phép đính kèm."
    )


_CONTENT_CHECKS: dict[str, Callable[[str, str, bytes], None]] = {
    "txt": _check_text,
    "csv": _check_text,
    "rtf": _check_rtf,
    "pdf": _check_pdf,
    "doc": _check_ole2,
    "xls": _check_ole2,
    "ppt": _check_ole2,
    "docx": _check_zip_family,
    "xlsx": _check_zip_family,
    "odt": _check_zip_family,
    "ods": _check_zip_family,
    "odp": _check_zip_family,
    "zip": _check_zip_family,
    "gz": _check_gzip,
    "rar": _check_rar,
}


# --------------------------------------------------------------------------- storage


class BlobStore:
    """Content-addressed storage: root/ab/cd/<sha256>; identical content is stored once; files are immutable."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def put(self, data: bytes) -> str:
        """Store `data` (atomically: temp file in the same folder, then os.replace); return its sha256 hex."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        if target.is_file():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        self._write_atomically(target, data)
        return digest

    def path_for(self, sha256: str) -> Path:
        """Where the blob lives; only a well-formed hash (64 lower-case hex) is accepted, never a user path."""
        if not isinstance(sha256, str) or not _SHA256_HEX.fullmatch(sha256):
            raise ValidationError("Mã tệp đính kèm không hợp lệ.")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def read(self, sha256: str) -> bytes:
        """The stored bytes; FileNotFoundError if no such blob."""
        return self.path_for(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def iter_hashes(self) -> Iterator[str]:
        """Every stored blob, in sorted order (temporary and stray files are skipped)."""
        if not self.root.is_dir():
            return
        for first in sorted(self.root.iterdir()):
            if not first.is_dir():
                continue
            for second in sorted(first.iterdir()):
                if not second.is_dir():
                    continue
                for blob in sorted(second.iterdir()):
                    if self._is_blob(blob, first.name, second.name):
                        yield blob.name

    @staticmethod
    def _is_blob(path: Path, first: str, second: str) -> bool:
        name = path.name
        return (
            _SHA256_HEX.fullmatch(name) is not None
            and name[:2] == first
            and name[2:4] == second
            and path.is_file()
        )

    @staticmethod
    def _write_atomically(target: Path, data: bytes) -> None:
        handle = tempfile.NamedTemporaryFile(
            dir=target.parent, prefix=".tmp-", suffix=".part", delete=False
        )
        temp_path = Path(handle.name)
        try:
            with handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.replace(temp_path, target)
            except PermissionError:
                # Windows: another writer put the same content and a reader holds it open; same bytes, fine.
                if not target.is_file():
                    raise
        finally:
            if temp_path.exists():
                temp_path.unlink()
