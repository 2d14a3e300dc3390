"""Attachment rules of seed 002 art. 4.4: whitelist, content sniffing, safe names, blob storage.

Every sample file is generated here; no binary fixture is committed.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import os
import tarfile
import zipfile
import zlib
from pathlib import Path

import pytest

import lib.core.files as files_module
from lib.core.errors import ValidationError
from lib.core.files import (ALLOWED_EXTENSIONS, ALLOWED_EXTENSIONS_TEXT, BlobStore, CheckedFile, check_upload,
                            format_size, safe_filename)

MIB = 1024 * 1024
LIMIT = 10 * MIB
EXECUTABLE_MESSAGE = "là tệp thực thi (chương trình), không được phép đính kèm."


# --------------------------------------------------------------------------- sample builders


def make_pdf(prefix: bytes = b"") -> bytes:
    return prefix + b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def make_ole2() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def make_zip(members: list[tuple[str, bytes]], stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, content) in enumerate(members):
            method = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=method)
    return buffer.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def make_docx(extra: list[tuple[str, bytes]] | None = None) -> bytes:
    return make_zip([
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", b"<Relationships/>"),
        ("word/document.xml", b"<w:document/>"),
        *(extra or []),
    ])


def make_xlsx() -> bytes:
    return make_zip([
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", b"<Relationships/>"),
        ("xl/workbook.xml", b"<workbook/>"),
    ])


def make_odf(kind: str, mimetype_first: bool = True) -> bytes:
    mimetype = ("mimetype", f"application/vnd.oasis.opendocument.{kind}".encode())
    content = ("content.xml", b"<office:document-content/>")
    manifest = ("META-INF/manifest.xml", b"<manifest:manifest/>")
    members = [mimetype, content, manifest] if mimetype_first else [content, mimetype, manifest]
    return make_zip(members, stored_first=mimetype_first)


def make_odf_mimetype_listed_first_but_stored_second() -> bytes:
    """Central directory says `mimetype` comes first, but its bytes are not at the start of the file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", b"<office:document-content/>")
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        archive.filelist.reverse()  # the central directory is written from this list on close
    return buffer.getvalue()


def make_gzip(content: bytes, original_name: str = "") -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename=original_name, mode="wb", fileobj=buffer, mtime=0) as handle:
        handle.write(content)
    return buffer.getvalue()


RAR4 = b"Rar!\x1a\x07\x00" + b"\xcf\x90\x73\x00\x00\x0d\x00" + b"\x00" * 32
RAR5 = b"Rar!\x1a\x07\x01\x00" + b"\x33\x92\xb5\xe5\x0a\x01\x05\x06\x00" + b"\x00" * 32
RTF = b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times New Roman;}}\\f0 B\\'e1o c\\'e1o\\par}"
VIETNAMESE = "Báo cáo tình hình thực hiện chỉ đạo của Ủy ban nhân dân tỉnh"
UTF8_TEXT = VIETNAMESE.encode("utf-8")
UTF8_BOM_TEXT = b"\xef\xbb\xbf" + UTF8_TEXT
# Windows-1258 writes the tone marks as combining characters after a base letter it knows.
CP1258_TEXT = "Ba\u0301o ca\u0301o ti\u0300nh hi\u0300nh thư\u0323c hiê\u0323n".encode("cp1258")
CSV_TEXT = "STT;Nội dung;Hạn xử lý\n1;Rà soát dự án;31/05/2026\n".encode("utf-8")

PE_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50 + b"PE\x00\x00" + b"\x00" * 64
ELF_PROGRAM = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
MACHO_PROGRAM = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 24
SHELL_SCRIPT = b"#!/bin/sh\nrm -rf /\n"


def test_samples_are_really_what_they_claim() -> None:
    """Guards the builders: the cp1258 sample must not be UTF-8, the zips must open."""
    with pytest.raises(UnicodeDecodeError):
        CP1258_TEXT.decode("utf-8")
    assert zipfile.ZipFile(io.BytesIO(make_docx())).namelist()[0] == "[Content_Types].xml"
    assert zipfile.ZipFile(io.BytesIO(make_odf("text"))).namelist()[0] == "mimetype"
    assert gzip.decompress(make_gzip(b"abc")) == b"abc"
    reordered = zipfile.ZipFile(io.BytesIO(make_odf_mimetype_listed_first_but_stored_second())).infolist()
    assert reordered[0].filename == "mimetype" and reordered[0].header_offset > 0


# --------------------------------------------------------------------------- whitelist constants


def test_whitelist_is_the_regulation_list() -> None:
    assert set(ALLOWED_EXTENSIONS) == {
        "txt", "rtf", "pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "csv", "ppt", "odp", "zip", "gz", "rar",
    }
    assert all(ext == ext.lower() and not ext.startswith(".") for ext in ALLOWED_EXTENSIONS)
    assert ALLOWED_EXTENSIONS_TEXT.startswith(".txt, .rtf, .pdf")
    assert ALLOWED_EXTENSIONS_TEXT.endswith(".rar")
    assert ALLOWED_EXTENSIONS_TEXT.count(".") == len(ALLOWED_EXTENSIONS)


# --------------------------------------------------------------------------- accepted


ACCEPTED = [
    pytest.param("Báo cáo.txt", UTF8_TEXT, "text/plain", id="txt-utf8"),
    pytest.param("bao_cao_bom.txt", UTF8_BOM_TEXT, "text/plain", id="txt-utf8-bom"),
    pytest.param("van_ban_cu.txt", CP1258_TEXT, "text/plain", id="txt-cp1258"),
    pytest.param("danh_sach.csv", CSV_TEXT, "text/csv", id="csv"),
    pytest.param("to_trinh.rtf", RTF, "application/rtf", id="rtf"),
    pytest.param("quyet_dinh.pdf", make_pdf(), "application/pdf", id="pdf"),
    pytest.param("quet.pdf", make_pdf(b"\x00" * 1024), "application/pdf", id="pdf-1024-leading-bytes"),
    pytest.param("cong_van.doc", make_ole2(), "application/msword", id="doc"),
    pytest.param("so_lieu.xls", make_ole2(), "application/vnd.ms-excel", id="xls"),
    pytest.param("trinh_chieu.ppt", make_ole2(), "application/vnd.ms-powerpoint", id="ppt"),
    pytest.param(
        "ke_hoach.docx", make_docx(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", id="docx",
    ),
    pytest.param(
        "tien_do.xlsx", make_xlsx(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", id="xlsx",
    ),
    pytest.param("bien_ban.odt", make_odf("text"), "application/vnd.oasis.opendocument.text", id="odt"),
    pytest.param("bang_tinh.ods", make_odf("spreadsheet"), "application/vnd.oasis.opendocument.spreadsheet", id="ods"),
    pytest.param(
        "thuyet_trinh.odp", make_odf("presentation"), "application/vnd.oasis.opendocument.presentation", id="odp",
    ),
    pytest.param("ho_so.zip", make_zip([("a.pdf", make_pdf()), ("b/ghi chú.txt", UTF8_TEXT)]),
                 "application/zip", id="zip"),
    pytest.param("nhat_ky.gz", make_gzip(UTF8_TEXT, "nhat_ky.txt"), "application/gzip", id="gz"),
    pytest.param("sao_luu.tar.gz", make_gzip(b"x" * 600), "application/gzip", id="tar.gz-counts-as-gz"),
    pytest.param("luu_tru.rar", RAR4, "application/vnd.rar", id="rar4"),
    pytest.param("luu_tru_moi.rar", RAR5, "application/vnd.rar", id="rar5"),
    pytest.param("QUYET_DINH.PDF", make_pdf(), "application/pdf", id="upper-case-extension"),
    pytest.param("Ke_Hoach.DocX", make_docx(),
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document", id="mixed-case-docx"),
]


@pytest.mark.parametrize(("filename", "data", "mime"), ACCEPTED)
def test_allowed_file_is_accepted(filename: str, data: bytes, mime: str) -> None:
    checked = check_upload(filename, data, LIMIT, allow_rar=True)  # .rar only when the setting allows it

    assert isinstance(checked, CheckedFile)
    assert checked.name == filename
    assert checked.extension == filename.rsplit(".", 1)[1].lower()
    assert checked.mime == mime
    assert checked.size == len(data)
    assert checked.sha256 == hashlib.sha256(data).hexdigest()


def test_every_allowed_extension_has_an_accepted_sample() -> None:
    covered = {param.values[0].rsplit(".", 1)[1].lower() for param in ACCEPTED}
    assert covered == set(ALLOWED_EXTENSIONS)


def test_checked_file_is_frozen() -> None:
    checked = check_upload("a.pdf", make_pdf(), LIMIT)
    with pytest.raises(AttributeError):
        checked.size = 0  # type: ignore[misc]


def test_checked_name_is_made_safe() -> None:
    checked = check_upload("C:\\fakepath\\..\\Báo cáo  quý 1.pdf", make_pdf(), LIMIT)
    assert checked.name == "Báo cáo quý 1.pdf"


# --------------------------------------------------------------------------- executables by content


EXECUTABLE_DISGUISES = [
    pytest.param("bao_cao.pdf", PE_PROGRAM, id="windows-exe-renamed-pdf"),
    pytest.param("ke_hoach.docx", PE_PROGRAM, id="windows-exe-renamed-docx"),
    pytest.param("ho_so.zip", PE_PROGRAM + make_zip([("a.txt", b"a")]), id="self-extracting-exe-renamed-zip"),
    pytest.param("ghi_chu.txt", PE_PROGRAM, id="windows-exe-renamed-txt"),
    pytest.param("bao_cao.exe.pdf", PE_PROGRAM, id="double-extension-exe-pdf"),
    pytest.param("polyglot.pdf", PE_PROGRAM + make_pdf(), id="exe-with-pdf-signature-inside"),
    pytest.param("tai_lieu.pdf", ELF_PROGRAM, id="linux-elf-renamed-pdf"),
    pytest.param("so_lieu.xls", MACHO_PROGRAM, id="macos-macho-renamed-xls"),
    pytest.param("ghi_chu.txt", SHELL_SCRIPT, id="shell-script-renamed-txt"),
    pytest.param("du_lieu.csv", ELF_PROGRAM, id="linux-elf-renamed-csv"),
    pytest.param("nen.gz", make_gzip(PE_PROGRAM), id="gzip-of-windows-exe"),
]


@pytest.mark.parametrize(("filename", "data"), EXECUTABLE_DISGUISES)
def test_executable_content_is_refused_whatever_the_name(filename: str, data: bytes) -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload(filename, data, LIMIT)
    assert str(caught.value) == f"Tệp «{filename}» {EXECUTABLE_MESSAGE}"


# --------------------------------------------------------------------------- refused by name


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        pytest.param("setup.exe", PE_PROGRAM, id="exe"),
        pytest.param("chay.bat", b"@echo off\r\n", id="bat"),
        pytest.param("kich_ban.js", b"alert(1)", id="js"),
        pytest.param("trang.html", b"<html></html>", id="html"),
        pytest.param("trinh_chieu.pptx", make_zip([("ppt/presentation.xml", b"<p/>")]), id="pptx-not-listed"),
        pytest.param("bao_cao.pdf.exe", make_pdf(), id="pdf-content-named-exe"),
    ],
)
def test_extension_outside_whitelist_is_refused(filename: str, data: bytes) -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload(filename, data, LIMIT)
    message = str(caught.value)
    extension = filename.rsplit(".", 1)[1]
    assert message.startswith(f"Tệp «{filename}» có định dạng .{extension}, không được phép đính kèm.")
    assert f"Chỉ chấp nhận các định dạng: {ALLOWED_EXTENSIONS_TEXT}." in message


@pytest.mark.parametrize(
    "filename", ["bao_cao", "bao_cao.", "  . "], ids=["no-dot", "trailing-dot", "dots-and-spaces-only"]
)
def test_name_without_extension_is_refused(filename: str) -> None:
    with pytest.raises(ValidationError, match="không có phần mở rộng") as caught:
        check_upload(filename, make_pdf(), LIMIT)
    assert ALLOWED_EXTENSIONS_TEXT in str(caught.value)


# --------------------------------------------------------------------------- content does not match the name


MISMATCHES = [
    pytest.param("ke_hoach.docx", make_pdf(), "docx", id="pdf-renamed-docx"),
    pytest.param("ke_hoach.docx", make_zip([("a.txt", b"a")]), "docx", id="plain-zip-renamed-docx"),
    pytest.param("ke_hoach.docx", make_zip([("word/document.xml", b"<w/>")]), "docx", id="docx-without-content-types"),
    pytest.param("so_lieu.xlsx", make_docx(), "xlsx", id="docx-renamed-xlsx"),
    pytest.param("bien_ban.ods", make_odf("text"), "ods", id="odt-renamed-ods"),
    pytest.param("bien_ban.odt", make_odf("text", mimetype_first=False), "odt", id="odt-mimetype-not-first"),
    pytest.param("bien_ban.odt", make_odf_mimetype_listed_first_but_stored_second(), "odt",
                 id="odt-mimetype-first-only-in-central-directory"),
    pytest.param("bien_ban.odt", make_docx(), "odt", id="docx-renamed-odt"),
    pytest.param("ho_so.zip", make_pdf(), "zip", id="pdf-renamed-zip"),
    pytest.param("ho_so.zip", b"PK\x03\x04 not really a zip", "zip", id="broken-zip"),
    pytest.param("ho_so.zip", make_pdf() + make_zip([("a.txt", b"a")]), "zip", id="zip-with-data-glued-in-front"),
    pytest.param("quyet_dinh.pdf", make_ole2(), "pdf", id="ole2-renamed-pdf"),
    pytest.param("quyet_dinh.pdf", make_pdf(b"\x00" * 1025), "pdf", id="pdf-signature-after-1024-bytes"),
    pytest.param("cong_van.doc", make_docx(), "doc", id="docx-renamed-doc"),
    pytest.param("to_trinh.rtf", UTF8_TEXT, "rtf", id="text-renamed-rtf"),
    pytest.param("nen.gz", make_zip([("a.txt", b"a")]), "gz", id="zip-renamed-gz"),
    pytest.param("nen.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff garbage!", "gz", id="corrupt-gz"),
    pytest.param("luu_tru.rar", make_zip([("a.txt", b"a")]), "rar", id="zip-renamed-rar"),
    pytest.param("ghi_chu.txt", b"abc\x00def", "txt", id="txt-with-nul"),
    pytest.param("ghi_chu.txt", make_pdf(b"\x00"), "txt", id="binary-renamed-txt"),
    pytest.param("ghi_chu.txt", b"abc \x81\x8d\x9e", "txt", id="txt-neither-utf8-nor-cp1258"),
    pytest.param("du_lieu.csv", make_ole2(), "csv", id="xls-renamed-csv"),
]


@pytest.mark.parametrize(("filename", "data", "extension"), MISMATCHES)
def test_content_not_matching_extension_is_refused(filename: str, data: bytes, extension: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload(filename, data, LIMIT)
    assert str(caught.value) == (
        f"Nội dung tệp «{filename}» không đúng định dạng .{extension} (có thể tệp đã bị đổi tên)."
    )


# --------------------------------------------------------------------------- executables inside archives


@pytest.mark.parametrize(
    ("filename", "data", "member"),
    [
        pytest.param("ho_so.zip", make_zip([("a.pdf", make_pdf()), ("setup.exe", PE_PROGRAM)]), "setup.exe",
                     id="zip-with-exe"),
        pytest.param("ho_so.zip", make_zip([("thu muc/chay.BAT", b"@echo off")]), "thu muc/chay.BAT",
                     id="zip-with-upper-case-bat-in-folder"),
        pytest.param("ho_so.zip", make_zip([("a.js.", b"alert(1)")]), "a.js.", id="zip-with-js-trailing-dot"),
        pytest.param("ho_so.zip", make_zip([("lenh.ps1", b"Get-Item")]), "lenh.ps1", id="zip-with-ps1"),
        pytest.param("ke_hoach.docx", make_docx([("word/media/run.exe", PE_PROGRAM)]), "word/media/run.exe",
                     id="docx-with-exe-member"),
        pytest.param("nen.gz", make_gzip(b"harmless", "setup.exe"), "setup.exe", id="gzip-original-name-exe"),
    ],
)
def test_archive_carrying_executable_is_refused(filename: str, data: bytes, member: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload(filename, data, LIMIT)
    assert str(caught.value) == f"Tệp nén «{filename}» chứa tệp thực thi «{member}», không được phép đính kèm."


def test_zip_with_harmless_similar_names_is_accepted() -> None:
    data = make_zip([("exe.txt", b"a"), ("bat/readme.pdf", make_pdf()), ("shell.shtml.txt", b"b")])
    assert check_upload("ho_so.zip", data, LIMIT).extension == "zip"


# --------------------------------------------------------------------------- size


def test_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload("Báo cáo.pdf", b"", LIMIT)
    assert str(caught.value) == "Tệp «Báo cáo.pdf» rỗng."


def test_over_limit_is_refused_with_vietnamese_megabytes() -> None:
    data = make_pdf() + b"\x00" * (12 * MIB + 400 * 1024)  # ≈ 12,39 MB
    with pytest.raises(ValidationError) as caught:
        check_upload("Bản đồ.pdf", data, LIMIT)
    assert str(caught.value) == "Tệp «Bản đồ.pdf» có dung lượng 12,4 MB, vượt quá giới hạn 10 MB cho phép."


def test_one_byte_over_limit_is_refused_and_never_shown_as_equal() -> None:
    data = make_pdf().ljust(LIMIT + 1, b"\n")
    with pytest.raises(ValidationError) as caught:
        check_upload("a.pdf", data, LIMIT)
    assert "dung lượng 10,1 MB, vượt quá giới hạn 10 MB" in str(caught.value)


def test_size_is_checked_before_the_content() -> None:
    with pytest.raises(ValidationError, match="vượt quá giới hạn"):
        check_upload("setup.exe", PE_PROGRAM, 10)


def test_exactly_at_limit_is_accepted() -> None:
    data = make_pdf().ljust(LIMIT, b"\n")
    assert check_upload("a.pdf", data, LIMIT).size == LIMIT


def test_small_limit_is_shown_in_kilobytes() -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload("a.txt", b"x" * 3000, 2048)
    assert str(caught.value) == "Tệp «a.txt» có dung lượng 3 KB, vượt quá giới hạn 2 KB cho phép."


def test_non_positive_limit_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        check_upload("a.pdf", make_pdf(), 0)


@pytest.mark.parametrize(
    ("num_bytes", "rounding", "expected"),
    [
        (10 * MIB, "nearest", "10 MB"),
        (int(12.4 * MIB), "nearest", "12,4 MB"),
        (MIB + 1, "up", "1,1 MB"),
        (2 * MIB - 1, "down", "1,9 MB"),
        (1536 * MIB, "nearest", "1.536 MB"),
        (800 * 1024, "nearest", "800 KB"),
        (512, "nearest", "512 byte"),
    ],
)
def test_format_size_is_vietnamese(num_bytes: int, rounding: str, expected: str) -> None:
    assert format_size(num_bytes, rounding) == expected


# --------------------------------------------------------------------------- safe_filename


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Báo cáo  kết quả.PDF", "Báo cáo kết quả.PDF", id="collapse-spaces-keep-case"),
        pytest.param("../../Báo cáo tháng 5/2026.pdf", "2026.pdf", id="unix-directories-dropped"),
        pytest.param("C:\\Users\\cb\\Tờ trình.docx", "Tờ trình.docx", id="windows-directories-dropped"),
        pytest.param("Ba\u0301o ca\u0301o.pdf", "Báo cáo.pdf", id="nfc-normalised"),
        pytest.param('a<b>c:d"e|f?g*h.txt', "abcdefgh.txt", id="forbidden-characters-removed"),
        pytest.param("bao\x00cao\x1f\x7f.pdf", "baocao.pdf", id="control-characters-removed"),
        pytest.param("hoa_don\u202efdp.exe", "hoa_donfdp.exe", id="right-to-left-override-removed"),
        pytest.param("  ..bí mật.. .pdf. . ", "bí mật.pdf", id="leading-trailing-dots-spaces"),
        pytest.param("dòng 1\ndòng\t2.txt", "dòng 1 dòng 2.txt", id="newline-and-tab-become-space"),
        pytest.param("CON.txt", "_CON.txt", id="reserved-con"),
        pytest.param("nul", "_nul", id="reserved-nul-lower-no-extension"),
        pytest.param("com1.tar.gz", "_com1.tar.gz", id="reserved-com1-before-first-dot"),
        pytest.param("LPT9 .pdf", "_LPT9.pdf", id="reserved-lpt9-trailing-space"),
        pytest.param("COM10.pdf", "COM10.pdf", id="com10-not-reserved"),
        pytest.param("CONTRACT.pdf", "CONTRACT.pdf", id="con-prefix-not-reserved"),
        pytest.param("", "tep_dinh_kem", id="empty"),
        pytest.param("...", "tep_dinh_kem", id="dots-only"),
        pytest.param(".pdf", "tep_dinh_kem.pdf", id="extension-only"),
        pytest.param("<>?*.docx", "tep_dinh_kem.docx", id="only-forbidden-then-fallback"),
        pytest.param("thư mục/", "tep_dinh_kem", id="directory-only"),
        pytest.param("Quyết định số 12/QĐ-UBND.pdf", "QĐ-UBND.pdf", id="slash-in-document-number-is-a-directory"),
    ],
)
def test_safe_filename(raw: str, expected: str) -> None:
    assert safe_filename(raw) == expected


def test_safe_filename_custom_fallback() -> None:
    assert safe_filename("///.xlsx", fallback="bang_tinh") == "bang_tinh.xlsx"


def test_safe_filename_cuts_stem_keeps_extension() -> None:
    result = safe_filename("Báo cáo " + "ư" * 300 + ".docx")
    assert len(result) == 150
    assert result.endswith("ư.docx")
    assert result.startswith("Báo cáo ")


def test_safe_filename_cut_does_not_end_stem_with_space() -> None:
    raw = "a" * 145 + " bc.pdf"  # a cut at 146 characters would leave "aaa… " before ".pdf"
    result = safe_filename(raw)
    assert result == "a" * 145 + ".pdf"
    assert len(result) <= 150


def test_safe_filename_keeps_short_names_unchanged_length() -> None:
    raw = "x" * 146 + ".pdf"
    assert safe_filename(raw) == raw


# --------------------------------------------------------------------------- BlobStore


def test_blob_put_and_read(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "blobs")
    data = "Nội dung tệp đính kèm".encode()
    digest = store.put(data)

    assert digest == hashlib.sha256(data).hexdigest()
    assert store.path_for(digest) == tmp_path / "blobs" / digest[:2] / digest[2:4] / digest
    assert store.path_for(digest).read_bytes() == data
    assert store.read(digest) == data
    assert store.exists(digest)


def test_blob_identical_content_stored_once_without_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = BlobStore(tmp_path)
    replaced: list[object] = []
    real_replace = os.replace

    def spy_replace(src: object, dst: object) -> None:
        replaced.append(dst)
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(files_module.os, "replace", spy_replace)
    first = store.put(b"cung noi dung")
    second = store.put(b"cung noi dung")

    assert first == second
    assert len(replaced) == 1
    assert list(store.iter_hashes()) == [first]
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [store.path_for(first)]


def test_blob_different_content_gets_different_hashes(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    assert store.put(b"a") != store.put(b"b")
    assert store.read(hashlib.sha256(b"a").hexdigest()) == b"a"


def test_blob_no_temporary_file_left_after_put(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    digest = store.put(b"x" * 10_000)
    folder = store.path_for(digest).parent
    assert [p.name for p in folder.iterdir()] == [digest]


def test_blob_failed_replace_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = BlobStore(tmp_path)

    def failing_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files_module.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        store.put(b"abc")

    digest = hashlib.sha256(b"abc").hexdigest()
    assert not store.exists(digest)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_blob_writes_through_a_temporary_file_in_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = BlobStore(tmp_path)
    sources: list[Path] = []
    real_replace = os.replace

    def spy_replace(src: str, dst: str) -> None:
        sources.append(Path(src))
        assert not Path(dst).exists()  # the final name appears only through the atomic rename
        real_replace(src, dst)

    monkeypatch.setattr(files_module.os, "replace", spy_replace)
    digest = store.put(b"atomic")

    assert len(sources) == 1
    assert sources[0].parent == store.path_for(digest).parent
    assert sources[0].name != digest


def test_blob_concurrent_writer_on_windows_is_tolerated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses os.replace over a file someone holds open; if that file is our blob, all is well."""
    store = BlobStore(tmp_path)
    real_replace = os.replace

    def other_writer_won(src: str, dst: str) -> None:
        Path(dst).write_bytes(b"same")
        raise PermissionError("file in use")

    monkeypatch.setattr(files_module.os, "replace", other_writer_won)
    digest = store.put(b"same")

    monkeypatch.setattr(files_module.os, "replace", real_replace)
    assert store.read(digest) == b"same"
    assert [p.name for p in store.path_for(digest).parent.iterdir()] == [digest]


def test_blob_permission_error_without_blob_is_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = BlobStore(tmp_path)

    def denied(src: str, dst: str) -> None:
        raise PermissionError("access denied")

    monkeypatch.setattr(files_module.os, "replace", denied)
    with pytest.raises(PermissionError):
        store.put(b"data")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    "bad_hash",
    [
        pytest.param("A" * 64, id="upper-case"),
        pytest.param("a" * 63, id="too-short"),
        pytest.param("a" * 65, id="too-long"),
        pytest.param("g" * 64, id="not-hex"),
        pytest.param("../../etc/passwd", id="path-traversal"),
        pytest.param("..\\..\\" + "a" * 58, id="windows-traversal"),
        pytest.param("a" * 64 + "\n", id="trailing-newline"),
        pytest.param("", id="empty"),
    ],
)
def test_blob_invalid_hash_is_refused(tmp_path: Path, bad_hash: str) -> None:
    store = BlobStore(tmp_path)
    for call in (store.path_for, store.read, store.exists):
        with pytest.raises(ValidationError, match="Mã tệp đính kèm không hợp lệ."):
            call(bad_hash)


def test_blob_read_missing_raises_file_not_found(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    missing = hashlib.sha256(b"never stored").hexdigest()
    assert not store.exists(missing)
    with pytest.raises(FileNotFoundError):
        store.read(missing)


def test_blob_iter_hashes_lists_only_blobs(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    digests = sorted(store.put(content) for content in (b"1", b"2", b"3"))
    stray_folder = store.path_for(digests[0]).parent
    (stray_folder / ".tmp-abc.part").write_bytes(b"half written")
    (tmp_path / "README.txt").write_text("not a blob")
    for first, second in (("00", digests[1][2:4]), (digests[1][:2], "00")):
        wrong_place = tmp_path / first / second  # a hash in the wrong folder is not a blob
        wrong_place.mkdir(parents=True, exist_ok=True)
        (wrong_place / digests[1]).write_bytes(b"2")
    (store.path_for(digests[2]).parent / (digests[2] + ".bak")).write_bytes(b"x")

    assert list(store.iter_hashes()) == digests


def test_blob_iter_hashes_on_missing_root_is_empty(tmp_path: Path) -> None:
    assert list(BlobStore(tmp_path / "nothing_here").iter_hashes()) == []


# --------------------------------------------------------------------------- issue 8 item 8: deeper content checks


def make_pe() -> bytes:
    """A Windows program as the loader sees it: MZ header whose e_lfanew (0x3C) points at "PE\\0\\0"."""
    header = bytearray(b"MZ" + b"\x00" * 0x7E)
    header[0x3C:0x40] = (0x80).to_bytes(4, "little")
    return bytes(header) + b"PE\x00\x00\x4c\x01" + b"\x00" * 200


def make_tar_gz(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in members:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def make_pdf_with_attachment(content: bytes, name: str = "phu_luc.txt", compress: bool = True) -> bytes:
    """A PDF with one embedded file (PDF 1.7 §7.11.4: /Filespec → /EF → /Type /EmbeddedFile stream)."""
    stream = zlib.compress(content) if compress else content
    flate = b"/Filter /FlateDecode " if compress else b""
    return (
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Names << /EmbeddedFiles << /Names [(f) 2 0 R] >> >> >>\nendobj\n"
        b"2 0 obj\n<< /Type /Filespec /F (" + name.encode("latin-1") + b") /EF << /F 3 0 R >> >>\nendobj\n"
        b"3 0 obj\n<< /Type /EmbeddedFile " + flate + b"/Length " + str(len(stream)).encode() + b" >>\nstream\n"
        + stream + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def make_pdf_with_action(action: bytes) -> bytes:
    return (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /OpenAction << /S " + action +
            b" /F (cmd.txt) >> >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def nest_zips(levels: int, innermost: list[tuple[str, bytes]]) -> bytes:
    data = make_zip(innermost)
    for level in range(levels - 1):
        data = make_zip([(f"lop{levels - 1 - level}.zip", data)])
    return data


def make_declared_bomb_xlsx(declared: int) -> bytes:
    """A valid-looking .xlsx whose central directory declares `declared` bytes for one sheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<sheetData/>" * 100)
        archive.filelist[-1].file_size = declared  # written into the central directory on close
    return buffer.getvalue()


def make_ole2_with_macros() -> bytes:
    """An OLE2 file whose directory names a _VBA_PROJECT stream (names are UTF-16LE in the directory)."""
    return make_ole2() + "_VBA_PROJECT".encode("utf-16-le") + b"\x00" * 64


def test_valid_pe_sample_is_a_program() -> None:
    assert files_module.is_program(make_pe())
    assert files_module.contains_program(b"%PDF-1.4\n" + make_pe())
    assert not files_module.contains_program(make_pdf() + b"MZ and more MZ text")


def test_content_is_identified_by_puremagic(monkeypatch: pytest.MonkeyPatch) -> None:
    """The signature database decides: with puremagic recognising nothing, an Office 97 file is refused."""
    assert check_upload("cong_van.doc", make_ole2(), LIMIT).extension == "doc"

    def nothing(data: bytes, filename: object = None) -> list:
        raise files_module.puremagic.PureError("Could not identify file")

    monkeypatch.setattr(files_module.puremagic, "magic_string", nothing)
    with pytest.raises(ValidationError, match="không đúng định dạng .doc"):
        check_upload("cong_van.doc", make_ole2(), LIMIT)


# --- RAR: seed 002 art. 4.4 allows it "khi cần thiết"; its content cannot be inspected, so a setting decides.

def test_rar_is_refused_unless_the_setting_allows_it() -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload("luu_tru.rar", RAR5, LIMIT)
    message = str(caught.value)
    assert message.startswith("Tệp «luu_tru.rar» là tệp nén .rar")
    assert "Hãy nén lại bằng .zip" in message
    assert check_upload("luu_tru.rar", RAR5, LIMIT, allow_rar=True).extension == "rar"


def test_rar_inside_a_zip_follows_the_same_setting() -> None:
    data = make_zip([("a.pdf", make_pdf()), ("ho so/cu.rar", RAR4)])
    with pytest.raises(ValidationError) as caught:
        check_upload("ho_so.zip", data, LIMIT)
    assert str(caught.value).startswith("Tệp nén «ho_so.zip» chứa tệp .rar «ho so/cu.rar»")
    assert check_upload("ho_so.zip", data, LIMIT, allow_rar=True).extension == "zip"


# --- archives checked recursively

NESTED_REFUSED = [
    pytest.param("ho_so.zip", make_zip([("trong.zip", make_zip([("setup.exe", b"x")]))]), "trong.zip/setup.exe",
                 id="zip-in-zip-exe-name"),
    pytest.param("ho_so.zip", make_zip([("trong.zip", make_zip([("ghi_chu.txt", make_pe())]))]),
                 "trong.zip/ghi_chu.txt", id="zip-in-zip-program-renamed-txt"),
    pytest.param("ho_so.zip", make_zip([("bao_cao.pdf", make_pe())]), "bao_cao.pdf", id="zip-program-renamed-pdf"),
    pytest.param("nen.tar.gz", make_tar_gz([("a.pdf", make_pdf()), ("bin/cai_dat.exe", b"x")]), "bin/cai_dat.exe",
                 id="tar-gz-exe-name"),
    pytest.param("nen.tar.gz", make_tar_gz([("so_lieu.csv", ELF_PROGRAM)]), "so_lieu.csv",
                 id="tar-gz-elf-renamed-csv"),
    pytest.param("nen.tar.gz", make_tar_gz([("trong.zip", make_zip([("run.bat", b"@echo off")]))]),
                 "trong.zip/run.bat", id="tar-gz-zip-bat"),
    pytest.param("ho_so.zip", make_zip([("nen.tar.gz", make_tar_gz([("x.ps1", b"Get-Item")]))]), "nen.tar.gz/x.ps1",
                 id="zip-tar-gz-ps1"),
    pytest.param("ho_so.zip", nest_zips(4, [("sau/trong/cung.js", b"alert(1)")]), "lop1.zip/lop2.zip/lop3.zip/sau/trong/cung.js",
                 id="four-levels-deep"),
]


@pytest.mark.parametrize(("filename", "data", "member"), NESTED_REFUSED)
def test_program_anywhere_in_nested_archives_is_refused(filename: str, data: bytes, member: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload(filename, data, LIMIT)
    assert str(caught.value) == f"Tệp nén «{filename}» chứa tệp thực thi «{member}», không được phép đính kèm."


@pytest.mark.parametrize(("filename", "data"), [
    pytest.param("ho_so.zip", make_zip([("trong.zip", make_zip([("a.pdf", make_pdf())])), ("b.txt", UTF8_TEXT)]),
                 id="zip-in-zip"),
    pytest.param("nen.tar.gz", make_tar_gz([("a.pdf", make_pdf()), ("bang/so_lieu.xlsx", make_xlsx())]),
                 id="tar-gz"),
    pytest.param("ho_so.zip", nest_zips(4, [("a.txt", UTF8_TEXT)]), id="four-levels"),
    pytest.param("ho_so.zip", make_zip([("cong_van.doc", make_ole2()), ("nen.gz", make_gzip(UTF8_TEXT))]),
                 id="zip-with-doc-and-gz"),
])
def test_harmless_nested_archives_are_accepted(filename: str, data: bytes) -> None:
    assert check_upload(filename, data, LIMIT).name == filename


def test_too_many_nested_levels_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload("ho_so.zip", nest_zips(5, [("a.txt", UTF8_TEXT)]), LIMIT)
    assert str(caught.value).startswith("Tệp nén «ho_so.zip» có quá 4 lớp tệp nén lồng nhau")


def test_broken_member_inside_a_zip_is_refused() -> None:
    data = make_zip([("trong.zip", b"PK\x03\x04 khong phai zip" + b"\x00" * 40)])
    with pytest.raises(ValidationError) as caught:
        check_upload("ho_so.zip", data, LIMIT)
    assert str(caught.value) == "Tệp «ho_so.zip» bị hỏng: không đọc được phần «trong.zip» bên trong."


def test_password_protected_member_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bi_mat.pdf", b"\x00" * 40)
        archive.filelist[-1].flag_bits |= 0x1  # "encrypted" in the central directory: unreadable without password
    with pytest.raises(ValidationError) as caught:
        check_upload("ho_so.zip", buffer.getvalue(), LIMIT)
    assert "«bi_mat.pdf» được đặt mật khẩu" in str(caught.value)


# --- macros

@pytest.mark.parametrize(("filename", "data", "where"), [
    pytest.param("ke_hoach.docx", make_docx([("word/vbaProject.bin", make_ole2())]), "Tệp «ke_hoach.docx»",
                 id="docx-vbaProject"),
    pytest.param("so_lieu.xlsx", make_zip([("[Content_Types].xml", CONTENT_TYPES), ("xl/workbook.xml", b"<w/>"),
                                            ("xl/VBAPROJECT.BIN", make_ole2())]), "Tệp «so_lieu.xlsx»",
                 id="xlsx-vbaProject-upper-case"),
    pytest.param("cong_van.doc", make_ole2_with_macros(), "Tệp «cong_van.doc»", id="doc-with-vba-stream"),
    pytest.param("ho_so.zip", make_zip([("ke_hoach.docx", make_docx([("word/vbaProject.bin", b"x")]))]),
                 "Tệp «ho_so.zip» có tệp «ke_hoach.docx» bên trong", id="docx-with-macros-inside-zip"),
    pytest.param("ho_so.zip", make_zip([("so_lieu.xls", make_ole2_with_macros())]),
                 "Tệp «ho_so.zip» có tệp «so_lieu.xls» bên trong", id="xls-with-macros-inside-zip"),
])
def test_office_file_with_macros_is_refused(filename: str, data: bytes, where: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload(filename, data, LIMIT)
    assert str(caught.value).startswith(f"{where} chứa macro (mã lệnh VBA), không được phép đính kèm.")


# --- a PDF that carries a program

PDF_WITH_PROGRAM = [
    pytest.param(make_pdf() + make_pe(), "có chương trình (tệp thực thi) nhúng bên trong", id="pe-appended"),
    pytest.param(make_pdf_with_attachment(ELF_PROGRAM, compress=False), "có chương trình", id="elf-embedded-raw"),
    pytest.param(make_pdf_with_attachment(make_pe(), "phu_luc.txt"), "có chương trình", id="pe-embedded-flate"),
    pytest.param(make_pdf_with_attachment(b"harmless", "cai_dat.exe"), "chứa tệp thực thi «cai_dat.exe» nhúng",
                 id="embedded-file-named-exe"),
    pytest.param(make_pdf_with_attachment(make_zip([("run.bat", b"@echo")]), "ho_so.zip"),
                 "chứa tệp thực thi «run.bat» nhúng", id="embedded-zip-with-bat"),
    pytest.param(make_pdf_with_action(b"/Launch"), "chứa lệnh mở chương trình (/Launch)", id="launch-action"),
    pytest.param(make_pdf_with_action(b"/L#61unch"), "chứa lệnh mở chương trình (/Launch)", id="launch-hex-escaped"),
]


@pytest.mark.parametrize(("data", "reason"), PDF_WITH_PROGRAM)
def test_pdf_carrying_a_program_is_refused(data: bytes, reason: str) -> None:
    assert data.startswith(b"%PDF-")
    with pytest.raises(ValidationError) as caught:
        check_upload("bao_cao.pdf", data, LIMIT)
    message = str(caught.value)
    assert message.startswith("Tệp «bao_cao.pdf» ") and reason in message and "không được phép đính kèm" in message


def test_pdf_with_a_harmless_attachment_is_accepted() -> None:
    data = make_pdf_with_attachment(CSV_TEXT, "so_lieu.csv")
    assert check_upload("bao_cao.pdf", data, LIMIT).extension == "pdf"
    assert check_upload("bao_cao.pdf", make_pdf_with_action(b"/GoTo"), LIMIT).extension == "pdf"


# --- zip bombs, by declared uncompressed size

def test_zip_bomb_named_xlsx_is_refused_by_declared_size() -> None:
    data = make_declared_bomb_xlsx(5 * 1024 * MIB)  # 5 GiB declared, a few hundred bytes on disk
    assert len(data) < 2000
    with pytest.raises(ValidationError) as caught:
        check_upload("so_lieu.xlsx", data, LIMIT)
    assert str(caught.value) == (
        "Tệp «so_lieu.xlsx» khi giải nén có dung lượng khai báo vượt quá 1.024 MB (dấu hiệu «bom nén»), "
        "không được phép đính kèm.")


def test_real_compression_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """16 MB of zeros deflate to a few KB; with the limit lowered to 8 MB the workbook is refused."""
    monkeypatch.setattr(files_module, "MAX_EXPANDED_BYTES", 8 * MIB)
    xlsx = make_zip([("[Content_Types].xml", CONTENT_TYPES), ("xl/workbook.xml", b"<w/>"),
                     ("xl/worksheets/sheet1.xml", b"\x00" * (16 * MIB))])
    gz = make_gzip(b"\x00" * (16 * MIB), "so_lieu.csv")
    inner = make_zip([("a.csv", b"0" * (5 * MIB))])
    nested = make_zip([("mot.zip", inner), ("hai.zip", inner)])  # 2 × 5 MB, each level counted
    for filename, data in (("so_lieu.xlsx", xlsx), ("so_lieu.gz", gz), ("ho_so.zip", nested)):
        assert len(data) < 100 * 1024
        with pytest.raises(ValidationError, match="bom nén"):
            check_upload(filename, data, LIMIT)
    monkeypatch.setattr(files_module, "MAX_EXPANDED_BYTES", 32 * MIB)
    for filename, data in (("so_lieu.xlsx", xlsx), ("so_lieu.gz", gz), ("ho_so.zip", nested)):
        assert check_upload(filename, data, LIMIT).name == filename


def test_too_many_files_inside_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every member is identified, so their number is bounded (all levels together)."""
    monkeypatch.setattr(files_module, "MAX_ARCHIVE_MEMBERS", 10)
    flat = make_zip([(f"{i}.txt", b"a") for i in range(11)])
    nested = make_zip([("a.zip", make_zip([(f"{i}.txt", b"a") for i in range(6)])), ("b.txt", b"b"),
                       ("c.zip", make_zip([(f"{i}.txt", b"a") for i in range(3)]))])  # 3 + 6 + 3 = 12
    for data in (flat, nested):
        with pytest.raises(ValidationError) as caught:
            check_upload("ho_so.zip", data, LIMIT)
        assert str(caught.value) == ("Tệp nén «ho_so.zip» chứa hơn 10 tệp bên trong, phần mềm không kiểm tra hết "
                                     "được nên không nhận. Hãy chia thành nhiều tệp nén nhỏ hơn.")
    assert check_upload("ho_so.zip", make_zip([(f"{i}.txt", b"a") for i in range(10)]), LIMIT)


@pytest.mark.parametrize(("filename", "data", "member"), [
    pytest.param("bao_cao.pdf", make_pdf_with_attachment(b"PK\x03\x04" + b"\x00" * 60, "ho_so.zip"), "tệp nhúng",
                 id="broken-zip-embedded-in-pdf"),
    pytest.param("nen.tar.gz", make_tar_gz([("trong.zip", b"PK\x03\x04" + b"\x00" * 60)]), "trong.zip",
                 id="broken-zip-in-tar-gz"),
])
def test_broken_archive_deeper_down_is_a_clear_refusal(filename: str, data: bytes, member: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload(filename, data, LIMIT)
    assert str(caught.value) == f"Tệp «{filename}» bị hỏng: không đọc được phần «{member}» bên trong."


def test_zip_needing_an_unknown_version_is_a_mismatch_not_a_crash() -> None:
    data = bytearray(make_zip([("a.txt", b"a")]))
    central = data.find(b"PK\x01\x02")
    data[central + 6] = 105  # "version needed to extract" 10.5: zipfile raises NotImplementedError
    with pytest.raises(ValidationError, match="không đúng định dạng .zip"):
        check_upload("ho_so.zip", bytes(data), LIMIT)
