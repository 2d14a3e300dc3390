"""The photo gallery of a project (seed 000 art. 7.3 «hình ảnh dự án»; issue 10 item 1) through `render_photos`: the
investor's editor uploads a photo and sees it in the gallery; a non-image is refused in Vietnamese; a leader sees the
gallery without the form; a peer investor gets «not found»."""
from __future__ import annotations

import io

import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from lib.core.db import session_scope
from lib.projects.models import Project, ProjectPhoto
from tests.app.helpers import texts as page_texts


def _gallery(actor, project_id: int) -> None:  # noqa: ANN001
    from lib.projects.photos_ui import render_photos
    from lib.ui.widgets import show_flash

    show_flash()
    render_photos(actor, project_id)


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), (30, 160, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def _app(actor, project_id: int) -> AppTest:  # noqa: ANN001
    return AppTest.from_function(_gallery, args=(actor, project_id), default_timeout=30).run()


def _project_id(engine) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(Project.id).where(Project.code == "DT-2024-001"))


def test_the_investor_uploads_a_photo_and_sees_it_in_the_gallery(demo_db, actors):
    pid = _project_id(demo_db)
    at = _app(actors["capnhat.sxd"], pid)
    assert not at.exception, [e.value for e in at.exception]
    assert "Dự án chưa có ảnh nào." in [e.value for e in at.info]
    # A PDF renamed .png passes the browser's extension filter, not the content check.
    at.file_uploader(key="anh-tep").set_value(("mo-cau.png", b"%PDF-1.4 ...", "image/png"))
    at.text_input(key="anh-chu-thich").input("Thi công mố cầu")
    at.button(key="anh-luu").click().run()
    assert any("nội dung không phải ảnh PNG" in e.value for e in at.error)
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count(ProjectPhoto.id))) == 0

    at.file_uploader(key="anh-tep").set_value(("mo-cau.png", _png(), "image/png"))
    at.text_input(key="anh-chu-thich").input("Thi công mố cầu")
    at.button(key="anh-luu").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Đã thêm ảnh «Thi công mố cầu»." in page_texts(at)
    images = at.get("image")
    assert images and "Thi công mố cầu — chụp ngày" in images[0].captions[0]
    with session_scope(demo_db) as s:
        photo_id = s.scalar(sa.select(ProjectPhoto.id))

    at.button(key=f"anh-{pid}-xoa-{photo_id}").click().run()      # the investor deletes it
    assert not at.exception, [e.value for e in at.exception]
    assert "Đã xóa ảnh «Thi công mố cầu»." in page_texts(at) and not at.get("image")
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count(ProjectPhoto.id))) == 0


def test_a_leader_sees_the_gallery_without_the_form_and_a_peer_finds_nothing(demo_db, actors):
    pid = _project_id(demo_db)
    at = _app(actors["lanhdao"], pid)
    assert not at.exception
    assert not at.get("file_uploader") and not at.button
    at = _app(actors["capnhat.laplvo"], pid)
    assert "Không tìm thấy dữ liệu" in at.error[0].value
