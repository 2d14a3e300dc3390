"""Attachments: the whitelist of seed 002 art. 4.4, content identification, safe names, content-addressed storage.

A file is judged by its name AND by its content: a Windows program renamed `.pdf` is refused. Content is
identified with puremagic's signature database (pure Python, so Windows laptops need no libmagic); what a
signature cannot tell is checked by structure: the parts of an Office file, archives opened member by member
(zip in zip, tar.gz; RAR only when a setting allows it, since its content cannot be inspected), macros,
programs hidden inside a PDF, and the declared uncompressed size of every archive (zip bombs).
Every refusal is a `ValidationError` whose Vietnamese message names the file and the reason.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import tarfile
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import puremagic

from lib.core.errors import ValidationError

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

# What puremagic must find in a file for its extension (its candidates' extensions, without the dot).
# Text (txt, csv) has no signature and is judged by decoding; PDF by Acrobat's rule below.
EXPECTED_SIGNATURES: dict[str, frozenset[str]] = {
    "rtf": frozenset({"rtf"}),
    "doc": frozenset({"doc"}),  # the OLE2 compound file of every Office 97–2003 document
    "xls": frozenset({"xls"}),
    "ppt": frozenset({"ppt"}),
    "gz": frozenset({"gz"}),
    "rar": frozenset({"rar"}),
    "zip": frozenset({"zip"}),  # and, by structure below, docx, xlsx, odt, ods, odp
}

# puremagic candidates that are programs: by MIME type or by the database's own description.
EXECUTABLE_MIME_TYPES: frozenset[str] = frozenset({
    "application/vnd.microsoft.portable-executable", "application/x-executable", "application/x-pef-executable",
    "application/x-shellscript", "application/x-msdownload", "application/x-dosexec", "application/x-mach-binary",
})
_EXECUTABLE_DESCRIPTION = re.compile(r"executable|mach-o|\bdll\b", re.IGNORECASE)
# The one program signature puremagic lacks: a script's interpreter line (it lists only python and awk).
SCRIPT_SIGNATURE = b"#!"

PDF_SIGNATURE = b"%PDF-"
PDF_MAX_OFFSET = 1024  # Acrobat accepts the header anywhere in the first 1024 bytes
TEXT_SNIFF_BYTES = 8 * 1024
SNIFF_BYTES = 8 * 1024

OOXML_MAIN_FOLDER: dict[str, str] = {"docx": "word/", "xlsx": "xl/"}
ODF_MIMETYPE: dict[str, bytes] = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
# A VBA project: vbaProject.bin in an OOXML package, the _VBA_PROJECT stream (UTF-16 name) in an OLE2 file.
OOXML_MACRO_PART = re.compile(r"(^|/)vbaproject[^/]*\.bin$", re.IGNORECASE)
OLE2_MACRO_STREAM = "_VBA_PROJECT".encode("utf-16-le")

_KIB = 1024
_MIB = 1024 * 1024
_GIB = 1024 * _MIB

# Archive limits (technical, not from the regulation): what the check may unpack for one upload.
MAX_EXPANDED_BYTES = 1 * _GIB      # declared uncompressed size of every archive level, added up
MAX_NESTED_ARCHIVE_BYTES = 64 * _MIB  # an archive inside an archive is read into memory up to this size
MAX_ARCHIVE_DEPTH = 4              # zip in zip in zip in zip
MAX_ARCHIVE_MEMBERS = 5_000        # files inside one upload, all levels (each is identified: ~1–2 ms)

MAX_FILENAME_LENGTH = 150
_FORBIDDEN_CHARS = re.compile(r'[<>:"/\\|?*]')
_WHITESPACE = re.compile(r"\s+")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_WINDOWS_RESERVED: frozenset[str] = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{prefix}{digit}" for prefix in ("COM", "LPT") for digit in "123456789¹²³"}
)


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


def check_upload(filename: str, data: bytes, max_bytes: int, *, allow_rar: bool = False) -> CheckedFile:
    """Apply seed 002 art. 4.4 to one upload; raise ValidationError (Vietnamese) on the first broken rule.

    `allow_rar` is the setting «upload_allow_rar»: a RAR archive cannot be opened here, so by default it is refused.
    """
    if max_bytes < 1:
        raise ValueError("max_bytes must be a positive number of bytes")
    name = safe_filename(filename)
    _check_size(name, len(data), max_bytes)
    extension = _check_extension(name)
    _check_not_executable(name, data)
    _CONTENT_CHECKS[extension](_Scan(name, extension, allow_rar), data)
    return CheckedFile(
        name=name,
        extension=extension,
        mime=MIME_TYPES[extension],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


@dataclass
class _Scan:
    """One upload under inspection: its name and type for messages, the RAR setting, the unpacking budget."""

    name: str
    extension: str
    allow_rar: bool
    budget: int = field(default_factory=lambda: MAX_EXPANDED_BYTES)
    members: int = 0

    @property
    def is_archive(self) -> bool:
        return self.extension in ARCHIVE_EXTENSIONS

    def count_member(self) -> None:
        self.members += 1
        if self.members > MAX_ARCHIVE_MEMBERS:
            raise ValidationError(_too_many_message(self.name))

    def spend(self, num_bytes: int) -> None:
        """Count unpacked (or declared-unpacked) bytes; refuse the upload as a zip bomb past the limit."""
        self.budget -= num_bytes
        if self.budget < 0:
            raise ValidationError(_bomb_message(self.name))


ARCHIVE_EXTENSIONS: frozenset[str] = frozenset({"zip", "gz", "rar", "docx", "xlsx", "odt", "ods", "odp"})


class _Unreadable(Exception):
    """An archive level could not be decoded (broken data, unknown compression)."""


_READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
                OSError, ValueError, tarfile.TarError)


# ----------------------------------------------------------------- messages

def _executable_message(name: str) -> str:
    return f"Tệp «{name}» là tệp thực thi (chương trình), không được phép đính kèm."


def _mismatch(name: str, extension: str) -> ValidationError:
    return ValidationError(
        f"Nội dung tệp «{name}» không đúng định dạng .{extension} (có thể tệp đã bị đổi tên)."
    )


def _archive_member_message(name: str, member: str) -> str:
    return (
        f"Tệp nén «{name}» chứa tệp thực thi «{_printable(member)}», "
        "không được phép đính kèm."
    )


def _member_program_message(scan: _Scan, member: str | None) -> str:
    if member is None:
        return _executable_message(scan.name) if scan.is_archive else (
            f"Tệp «{scan.name}» có chương trình (tệp thực thi) nhúng bên trong, không được phép đính kèm.")
    if scan.is_archive:
        return _archive_member_message(scan.name, member)
    return f"Tệp «{scan.name}» chứa tệp thực thi «{_printable(member)}» nhúng bên trong, không được phép đính kèm."


def _macro_message(scan: _Scan, member: str | None = None) -> str:
    where = f"Tệp «{scan.name}» có tệp «{_printable(member)}» bên trong" if member else f"Tệp «{scan.name}»"
    return (f"{where} chứa macro (mã lệnh VBA), không được phép đính kèm. "
            "Hãy lưu lại thành tệp không có macro (.docx, .xlsx, .doc, .xls) rồi đính kèm.")


def _rar_message(scan: _Scan, member: str | None = None) -> str:
    what = f"Tệp nén «{scan.name}» chứa tệp .rar «{_printable(member)}»" if member else \
        f"Tệp «{scan.name}» là tệp nén .rar"
    return (f"{what}: phần mềm không mở được tệp .rar để kiểm tra nội dung nên không nhận. Hãy nén lại bằng .zip "
            "(quản trị hệ thống có thể cho phép tệp .rar tại trang «Tham số và bảo trì»).")


def _bomb_message(name: str) -> str:
    return (f"Tệp «{name}» khi giải nén có dung lượng khai báo vượt quá {format_size(MAX_EXPANDED_BYTES)} "
            "(dấu hiệu «bom nén»), không được phép đính kèm.")


def _too_many_message(name: str) -> str:
    limit = f"{MAX_ARCHIVE_MEMBERS:,}".replace(",", ".")
    return (f"Tệp nén «{name}» chứa hơn {limit} tệp bên trong, phần mềm không kiểm tra hết được "
            "nên không nhận. Hãy chia thành nhiều tệp nén nhỏ hơn.")


def _encrypted_message(scan: _Scan, member: str) -> str:
    return (f"Tệp nén «{scan.name}» có tệp «{_printable(member)}» được đặt mật khẩu: phần mềm không kiểm tra được "
            "nội dung nên không nhận. Hãy nén lại không đặt mật khẩu.")


def _corrupt_message(scan: _Scan, member: str) -> str:
    return f"Tệp «{scan.name}» bị hỏng: không đọc được phần «{_printable(member)}» bên trong."


def _too_deep_message(scan: _Scan) -> str:
    return (f"Tệp nén «{scan.name}» có quá {MAX_ARCHIVE_DEPTH} lớp tệp nén lồng nhau, phần mềm không kiểm tra hết "
            "được nên không nhận.")


def _too_big_message(scan: _Scan, member: str) -> str:
    return (f"Tệp nén «{scan.name}» chứa tệp nén «{_printable(member)}» lớn hơn "
            f"{format_size(MAX_NESTED_ARCHIVE_BYTES)}, phần mềm không kiểm tra được nên không nhận.")


def _pdf_launch_message(name: str) -> str:
    return f"Tệp «{name}» chứa lệnh mở chương trình (/Launch), không được phép đính kèm."


# ----------------------------------------------------------------- name, size, identification

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


def _identify(data: bytes) -> list[puremagic.PureMagicWithConfidence]:
    """puremagic's candidates for the content, best first; [] when nothing in its database matches."""
    if not data:
        return []
    try:
        return puremagic.magic_string(data)
    except (puremagic.PureError, ValueError):
        return []


def _signature_extensions(data: bytes) -> frozenset[str]:
    return frozenset(c.extension.lower().lstrip(".") for c in _identify(data))


def is_program(data: bytes) -> bool:
    """Does the content start like a program (Windows PE, ELF, Mach-O, a script…)?"""
    return data.startswith(SCRIPT_SIGNATURE) or _is_program(_identify(data[:SNIFF_BYTES]))


def _is_program(candidates: list[puremagic.PureMagicWithConfidence]) -> bool:
    return any(c.mime_type in EXECUTABLE_MIME_TYPES or _EXECUTABLE_DESCRIPTION.search(c.name) for c in candidates)


_PE_STUB = b"This program cannot be run in DOS mode"
_ELF_HEADER = re.compile(rb"\x7fELF[\x01\x02][\x01\x02]\x01")


def contains_program(data: bytes) -> bool:
    """A Windows PE (MZ header whose e_lfanew points at "PE\\0\\0") or an ELF header anywhere in the bytes."""
    if _PE_STUB in data or _ELF_HEADER.search(data):
        return True
    for match in re.finditer(b"MZ", data):
        start = match.start()
        pe_offset = int.from_bytes(data[start + 0x3C:start + 0x40], "little")
        if 0x40 <= pe_offset < 0x10000 and data[start + pe_offset:start + pe_offset + 4] == b"PE\x00\x00":
            return True
    return False


def _check_not_executable(name: str, data: bytes) -> None:
    if is_program(data):
        raise ValidationError(_executable_message(name))


def _check_signature(scan: _Scan, data: bytes) -> None:
    if not EXPECTED_SIGNATURES[scan.extension] & _signature_extensions(data[:SNIFF_BYTES]):
        raise _mismatch(scan.name, scan.extension)


# ----------------------------------------------------------------- by type

def _check_pdf(scan: _Scan, data: bytes) -> None:
    if data.find(PDF_SIGNATURE, 0, PDF_MAX_OFFSET + len(PDF_SIGNATURE)) < 0:
        raise _mismatch(scan.name, scan.extension)
    if _PDF_LAUNCH.search(data):
        raise ValidationError(_pdf_launch_message(scan.name))
    for raw in _PDF_FILE_NAMES.findall(data):
        file_name = _pdf_string(raw)
        if _is_executable_name(file_name):
            raise ValidationError(_member_program_message(scan, file_name))
    if contains_program(data):
        raise ValidationError(_member_program_message(scan, None))
    for content in _pdf_embedded_files(data):
        scan.spend(len(content))
        try:
            _scan_member(scan, None, io.BytesIO(content), len(content), depth=0)
        except (*_READ_ERRORS, _Unreadable):
            raise ValidationError(_corrupt_message(scan, "tệp nhúng")) from None


def _pdf_name(name: str) -> re.Pattern[bytes]:
    """A PDF name, also when written with #xx escapes (/L#61unch is /Launch), not followed by more name."""
    parts = []
    for char in name:
        code = f"{ord(char):02x}"
        hex_escape = "#" + "".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in code)
        parts.append(f"(?:{re.escape(char)}|{hex_escape})")
    return re.compile(("/" + "".join(parts) + r"(?![A-Za-z0-9#._-])").encode("ascii"))


_PDF_LAUNCH = _pdf_name("Launch")
_PDF_EMBEDDED_FILE = _pdf_name("EmbeddedFile")
_PDF_FILE_NAMES = re.compile(rb"/(?:UF|F)\s*(\((?:\\.|[^\\)]){1,1024}\)|<[0-9A-Fa-f\s]{2,4096}>)", re.DOTALL)
_PDF_STREAM = re.compile(rb"stream\r?\n")


def _pdf_string(raw: bytes) -> str:
    """A PDF string operand ( (literal) or <hex> ) as text; UTF-16 when it starts with a byte-order mark."""
    if raw.startswith(b"<"):
        try:
            value = bytes.fromhex(re.sub(rb"\s", b"", raw[1:-1]).decode("ascii"))
        except ValueError:
            return ""
    else:
        value = re.sub(rb"\\([()\\])", rb"\1", raw[1:-1])
    if value.startswith(b"\xfe\xff"):
        return value[2:].decode("utf-16-be", errors="replace")
    return value.decode("latin-1")


def _pdf_embedded_files(data: bytes) -> Iterator[bytes]:
    """The content of each embedded-file stream (/Type /EmbeddedFile), inflated when it is Flate-compressed."""
    for match in _PDF_EMBEDDED_FILE.finditer(data):
        stream = _PDF_STREAM.search(data, match.end(), match.end() + 4096)
        if stream is None:
            continue
        start = stream.end()
        end = data.find(b"endstream", start)
        raw = data[start:end if end >= 0 else len(data)]
        try:
            yield zlib.decompressobj().decompress(raw, MAX_NESTED_ARCHIVE_BYTES)
        except zlib.error:
            yield raw


def _check_ole2(scan: _Scan, data: bytes) -> None:
    _check_signature(scan, data)
    _check_ole2_content(scan, data, None)


def _check_ole2_content(scan: _Scan, data: bytes, member: str | None) -> None:
    if OLE2_MACRO_STREAM in data:
        raise ValidationError(_macro_message(scan, member))
    if contains_program(data):  # e.g. a program packed as an embedded object
        raise ValidationError(_member_program_message(scan, member))


def _check_rtf(scan: _Scan, data: bytes) -> None:
    _check_signature(scan, data)


def _check_rar(scan: _Scan, data: bytes) -> None:
    _check_signature(scan, data)
    if not scan.allow_rar:
        raise ValidationError(_rar_message(scan))


def _check_text(scan: _Scan, data: bytes) -> None:
    if b"\x00" in data[:TEXT_SNIFF_BYTES] or not _decodes_as_text(data):
        raise _mismatch(scan.name, scan.extension)


def _decodes_as_text(data: bytes) -> bool:
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _check_gzip(scan: _Scan, data: bytes) -> None:
    _check_signature(scan, data)
    try:
        _scan_gzip(scan, "", data, depth=0)
    except _Unreadable:
        raise _mismatch(scan.name, scan.extension) from None


def _check_zip_family(scan: _Scan, data: bytes) -> None:
    archive = _open_zip(data)
    if archive is None:
        raise _mismatch(scan.name, scan.extension)
    with archive:
        infos = archive.infolist()
        if scan.extension == "zip":
            _check_signature(scan, data)
        if scan.extension in OOXML_MAIN_FOLDER and not _is_ooxml(infos, OOXML_MAIN_FOLDER[scan.extension]):
            _check_member_names(scan, infos, "")  # a program is named as such before "not a .docx"
            raise _mismatch(scan.name, scan.extension)
        if scan.extension in ODF_MIMETYPE and not _is_odf(archive, infos, ODF_MIMETYPE[scan.extension]):
            raise _mismatch(scan.name, scan.extension)
        _scan_zip(scan, archive, "", depth=0)


# ----------------------------------------------------------------- archives, member by member

def _open_zip(data: bytes) -> zipfile.ZipFile | None:
    """A readable zip that starts at byte 0 (no program or other data glued in front), else None."""
    if not data.startswith(b"PK"):
        return None
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
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


def _check_member_names(scan: _Scan, infos: list[zipfile.ZipInfo], prefix: str) -> None:
    for info in infos:
        if _is_executable_name(info.filename):
            raise ValidationError(_member_program_message(scan, prefix + info.filename))
        if OOXML_MACRO_PART.search(info.filename):
            raise ValidationError(_macro_message(scan, prefix.rstrip("/") or None))


def _scan_zip(scan: _Scan, archive: zipfile.ZipFile, prefix: str, depth: int) -> None:
    """Names first (programs, macros), then the declared size (zip bomb), then each member's content."""
    infos = archive.infolist()
    for _ in infos:
        scan.count_member()
    _check_member_names(scan, infos, prefix)
    scan.spend(sum(info.file_size for info in infos))
    for info in infos:
        if info.is_dir():
            continue
        member = prefix + info.filename
        if info.flag_bits & 0x1:
            raise ValidationError(_encrypted_message(scan, member))
        try:
            with archive.open(info) as handle:
                _scan_member(scan, member, handle, info.file_size, depth)
        except (*_READ_ERRORS, _Unreadable):
            raise ValidationError(_corrupt_message(scan, member)) from None


def _archive_kind(head: bytes) -> str | None:
    return _kind_of(frozenset(c.extension.lower().lstrip(".") for c in _identify(head)))


def _kind_of(found: frozenset[str]) -> str | None:
    for kind in ("rar", "gz", "tar", "zip"):
        if kind in found:
            return kind
    return "ole2" if "doc" in found else None


def _scan_member(scan: _Scan, member: str | None, handle: IO[bytes], size: int | None, depth: int) -> None:
    """One file inside an archive (or embedded in a PDF): no program; archives and OLE2 files are opened in turn."""
    head = handle.read(SNIFF_BYTES)
    if not head or head.lstrip()[:1] == b"<":  # empty, or markup (the XML parts of Office files): no program
        return
    candidates = _identify(head)
    if head.startswith(SCRIPT_SIGNATURE) or _is_program(candidates):
        raise ValidationError(_member_program_message(scan, member))
    kind = _kind_of(frozenset(c.extension.lower().lstrip(".") for c in candidates))
    if kind is None:
        return
    label = member or "tệp nhúng"  # a file embedded in a PDF has no path of its own
    if kind == "rar":
        if not scan.allow_rar:
            raise ValidationError(_rar_message(scan, label))
        return
    if kind != "ole2" and depth + 1 >= MAX_ARCHIVE_DEPTH:
        raise ValidationError(_too_deep_message(scan))
    if size is not None and size > MAX_NESTED_ARCHIVE_BYTES:
        raise ValidationError(_too_big_message(scan, label))
    data = head + handle.read(MAX_NESTED_ARCHIVE_BYTES + 1 - len(head))
    if len(data) > MAX_NESTED_ARCHIVE_BYTES:
        raise ValidationError(_too_big_message(scan, label))
    _scan_nested(scan, member, kind, data, depth + 1)


def _scan_nested(scan: _Scan, member: str | None, kind: str, data: bytes, depth: int) -> None:
    prefix = f"{member}/" if member else ""
    if kind == "ole2":
        _check_ole2_content(scan, data, member)
    elif kind == "zip":
        archive = _open_zip(data)
        if archive is None:
            raise _Unreadable
        with archive:
            _scan_zip(scan, archive, prefix, depth)
    elif kind == "gz":
        _scan_gzip(scan, prefix, data, depth)
    elif kind == "tar":
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
            _scan_tar(scan, archive, prefix, depth, count_bytes=True)


def _scan_gzip(scan: _Scan, prefix: str, data: bytes, depth: int) -> None:
    """A gzip stream: its recorded name, its declared size (ISIZE), then its content; a tar inside is streamed."""
    inner_name = _gzip_original_name(data)
    if inner_name is not None and _is_executable_name(inner_name):
        raise ValidationError(_member_program_message(scan, prefix + inner_name))
    declared = int.from_bytes(data[-4:], "little") if len(data) >= 18 else 0
    if declared > scan.budget:
        raise ValidationError(_bomb_message(scan.name))
    stream = _Counted(gzip.GzipFile(fileobj=io.BytesIO(data)), scan)
    member = (prefix + inner_name) if inner_name else (prefix.rstrip("/") or None)
    try:
        head = stream.read(SNIFF_BYTES)
        if _archive_kind(head) == "tar":
            with tarfile.open(fileobj=_Prefixed(head, stream), mode="r|") as archive:
                _scan_tar(scan, archive, prefix, depth + 1, count_bytes=False)
        else:
            _scan_member(scan, member, _Prefixed(head, stream), None, depth)
    except _READ_ERRORS:
        raise _Unreadable from None


def _scan_tar(scan: _Scan, archive: tarfile.TarFile, prefix: str, depth: int, *, count_bytes: bool) -> None:
    if depth >= MAX_ARCHIVE_DEPTH:
        raise ValidationError(_too_deep_message(scan))
    for info in archive:
        scan.count_member()
        member = prefix + info.name
        if _is_executable_name(info.name):
            raise ValidationError(_member_program_message(scan, member))
        if not info.isfile():
            continue
        if count_bytes:
            scan.spend(info.size)
        handle = archive.extractfile(info)
        if handle is not None:
            try:
                _scan_member(scan, member, handle, info.size, depth)
            except (*_READ_ERRORS, _Unreadable):
                raise ValidationError(_corrupt_message(scan, member)) from None


class _Counted:
    """A reader that counts what it hands out against the upload's unpacking budget."""

    def __init__(self, raw: IO[bytes], scan: _Scan) -> None:
        self.raw, self.scan = raw, scan

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.scan.spend(len(chunk))
        return chunk


class _Prefixed:
    """Bytes already read (the sniffed head) followed by the rest of a stream."""

    def __init__(self, head: bytes, rest: _Counted) -> None:
        self.head, self.rest = head, rest

    def read(self, size: int = -1) -> bytes:
        if not self.head:
            return self.rest.read(size)
        if size is None or size < 0:
            out, self.head = self.head + self.rest.read(), b""
            return out
        out, self.head = self.head[:size], self.head[size:]
        if len(out) < size:
            out += self.rest.read(size - len(out))
        return out


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


def _is_executable_name(member: str) -> bool:
    base = re.split(r"[/\\]", member)[-1].rstrip(" .")
    _, dot, extension = base.rpartition(".")
    return bool(dot) and extension.lower() in EXECUTABLE_EXTENSIONS


_CONTENT_CHECKS: dict[str, Callable[[_Scan, bytes], None]] = {
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
