"""A project's photos (seed 000 art. 7.3 «hình ảnh dự án»; issue 10 item 1): the investor's editors upload images
checked by content, with caption, date taken (not in the future) and optional step; the gallery follows the
project's scope (peers: not found, also for the files); published projects' photos are public; the investor
deletes a photo."""
from __future__ import annotations

import io
from datetime import date as D, datetime, timedelta

import pytest
import sqlalchemy as sa

from lib.core.calendar import LOCAL_TZ
from lib.core.db import session_scope
from lib.core.errors import NotFound, PermissionDenied, ValidationError
from lib.core.models import Attachment
from lib.core.services import attachments
from lib.projects import photos, process
from lib.projects.models import Project, ProjectPhoto, ProjectStep
from lib.projects.records import Upload

NOW = datetime(2026, 3, 3, 9, 0, tzinfo=LOCAL_TZ)


def image(kind: str = "PNG", size: tuple[int, int] = (8, 6)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format=kind)
    return buffer.getvalue()


def project_id(engine, code: str = "DT-2024-001") -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(Project.id).where(Project.code == code))


def add(engine, actor, pid: int, upload: Upload | None, caption: str = "Thi công mố cầu",  # noqa: ANN001
        taken: D = D(2026, 3, 1), step_id: int | None = None) -> int:
    with session_scope(engine) as s:
        return photos.add_photo(s, actor, pid, upload, caption, taken, step_id, now=NOW)


def count(engine) -> tuple[int, int]:  # noqa: ANN001
    with session_scope(engine) as s:
        return (s.scalar(sa.select(sa.func.count(ProjectPhoto.id))),
                s.scalar(sa.select(sa.func.count(Attachment.id)).where(Attachment.owner_type == photos.OWNER_PHOTO)))


@pytest.mark.parametrize("name, kind", [("cau.png", "PNG"), ("cau.jpg", "JPEG"), ("cau.JPEG", "JPEG"),
                                        ("cau.webp", "WEBP")])
def test_the_investor_adds_jpeg_png_and_webp_photos(demo_db, actors, name, kind):
    pid = project_id(demo_db)
    photo_id = add(demo_db, actors["capnhat.sxd"], pid, Upload(name, image(kind)))
    with session_scope(demo_db) as s:
        found = photos.gallery(s, actors["capnhat.sxd"], pid)
        assert [p.id for p in found.photos] == [photo_id] and found.may_edit
        assert found.photos[0].caption == "Thi công mố cầu" and found.photos[0].taken_on == D(2026, 3, 1)
        assert found.photos[0].data == image(kind)


@pytest.mark.parametrize("name, data, message", [
    ("cau.pdf", b"%PDF-1.4 ...", "chỉ nhận ảnh .jpg, .jpeg, .png, .webp"),          # not an image type at all
    ("cau.gif", b"GIF89a" + b"\x00" * 20, "chỉ nhận ảnh"),                             # an image, not allowed
    ("virus.png", b"MZ\x90\x00" + b"\x00" * 100, "nội dung không phải ảnh PNG"),        # a program renamed .png
    ("cau.jpg", None, "nội dung không phải ảnh JPEG"),                                 # a PNG named .jpg
    ("cau.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "bị hỏng"),                        # a signature, no image
    ("cau.png", b"", "rỗng"),
])
def test_a_file_that_is_not_a_real_image_is_refused_and_nothing_is_stored(demo_db, actors, name, data, message):
    data = image("PNG") if data is None else data
    with pytest.raises(ValidationError) as error:
        add(demo_db, actors["capnhat.sxd"], project_id(demo_db), Upload(name, data))
    assert message in str(error.value) and error.value.field == "file"
    assert count(demo_db) == (0, 0)


def test_caption_date_and_step_are_checked(demo_db, actors):
    sxd, pid = actors["capnhat.sxd"], project_id(demo_db)
    png = Upload("cau.png", image())
    with pytest.raises(ValidationError, match="chú thích") as error:
        add(demo_db, sxd, pid, png, caption="   ")
    assert error.value.field == "caption"
    with pytest.raises(ValidationError, match="không được sau ngày hôm nay") as error:
        add(demo_db, sxd, pid, png, taken=NOW.date() + timedelta(days=1))
    assert error.value.field == "taken_on"
    with pytest.raises(ValidationError, match="Vui lòng chọn tệp ảnh"):
        add(demo_db, sxd, pid, None)
    other = project_id(demo_db, "DT-2025-002")
    with session_scope(demo_db) as s:   # a step of another project of the same investor is refused
        if process.process_version(s, sxd, other) is None:   # the demo may have given it its process already
            process.apply_template(s, sxd, other, process.propose_template(s, sxd, other), D(2026, 1, 5))
        foreign_step = s.scalar(sa.select(ProjectStep.id).where(ProjectStep.project_id == other)
                                   .order_by(ProjectStep.position))
    with pytest.raises(ValidationError, match="không thuộc quy trình") as error:
        add(demo_db, sxd, pid, png, step_id=foreign_step)
    assert error.value.field == "step_id"
    assert count(demo_db) == (0, 0)
    photo_id = add(demo_db, sxd, other, png, step_id=foreign_step)      # its own step: kept and shown
    with session_scope(demo_db) as s:
        shown = photos.gallery(s, sxd, other).photos
        assert shown[0].id == photo_id and shown[0].step.startswith("1. ")


def test_scope_peers_do_not_find_readers_read_only_the_investor_writes(demo_db, actors):
    pid = project_id(demo_db)
    png = Upload("cau.png", image())
    with pytest.raises(NotFound):                                      # a peer investor, typed id
        add(demo_db, actors["capnhat.laplvo"], pid, png)
    with pytest.raises(PermissionDenied):                              # a lookup account of the investor
        add(demo_db, actors["tracuu.sxd"], pid, png)
    with pytest.raises(PermissionDenied):                              # the leader reads, never uploads
        add(demo_db, actors["lanhdao"], pid, png)
    photo_id = add(demo_db, actors["capnhat.sxd"], pid, png)
    with session_scope(demo_db) as s:
        with pytest.raises(NotFound):
            photos.gallery(s, actors["capnhat.laplvo"], pid)
        for reader in ("lanhdao", "kehoach.stc", "tracuu.sxd"):
            found = photos.gallery(s, actors[reader], pid)
            assert [p.id for p in found.photos] == [photo_id] and not found.may_edit
    with session_scope(demo_db) as s:
        with pytest.raises(NotFound):
            photos.delete_photo(s, actors["capnhat.laplvo"], photo_id)
        with pytest.raises(PermissionDenied):
            photos.delete_photo(s, actors["lanhdao"], photo_id)
    assert count(demo_db) == (1, 1)


def test_the_files_read_rule_follows_the_project_and_its_publication(demo_db, actors):
    pid = project_id(demo_db)
    photo_id = add(demo_db, actors["capnhat.sxd"], pid, Upload("cau.png", image()))
    with session_scope(demo_db) as s:
        file_id = s.get(ProjectPhoto, photo_id).attachment_id
        s.get(Project, pid).published = False
    with session_scope(demo_db) as s:
        assert attachments.download(s, actors["capnhat.sxd"], file_id).data == image()
        assert attachments.info(s, actors["lanhdao"], file_id).id == file_id
        with pytest.raises(NotFound):                                  # a peer, unpublished project
            attachments.info(s, actors["capnhat.laplvo"], file_id)
        with pytest.raises(NotFound):                                  # nobody logged in
            attachments.info(s, None, file_id)
        with pytest.raises(NotFound):
            photos.public_gallery(s, pid)
        s.get(Project, pid).published = True
    with session_scope(demo_db) as s:                                  # published: everyone sees the photos
        assert attachments.info(s, actors["capnhat.laplvo"], file_id).id == file_id
        assert [p.id for p in photos.public_gallery(s, pid)] == [photo_id]


def test_the_investor_deletes_a_photo_and_its_file_is_withdrawn(demo_db, actors):
    pid = project_id(demo_db)
    photo_id = add(demo_db, actors["capnhat.sxd"], pid, Upload("cau.png", image()))
    with session_scope(demo_db) as s:
        file_id = s.get(ProjectPhoto, photo_id).attachment_id
        assert photos.delete_photo(s, actors["capnhat.sxd"], photo_id) == "Thi công mố cầu"
    with session_scope(demo_db) as s:
        assert s.get(ProjectPhoto, photo_id) is None
        assert photos.gallery(s, actors["capnhat.sxd"], pid).photos == []
        with pytest.raises(NotFound):
            attachments.info(s, actors["capnhat.sxd"], file_id)
