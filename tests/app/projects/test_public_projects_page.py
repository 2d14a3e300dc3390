"""«Dự án công khai» (issue 10 item 11): everyone, without log-in, sees the published projects with their progress
and photos and downloads the OC4IDS file; nothing of an unpublished project appears."""
from __future__ import annotations

import io
from datetime import date as D, datetime

import sqlalchemy as sa

from lib.core.calendar import LOCAL_TZ
from lib.core.db import session_scope
from lib.projects import photos
from lib.projects.finance_models import ProjectMonthlyProgress
from lib.projects.models import Project
from lib.projects.records import Upload
from tests.app.helpers import page, texts as page_texts
from tests.unit.projects_helpers import without_demo_figures

PUBLIC = "pages/public/projects.py"


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), (30, 160, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def _prepare(engine, actors) -> tuple[int, str, str]:  # noqa: ANN001
    """DT-2024-001 published with a photo and 35 % physical progress; DT-2025-002 unpublished."""
    without_demo_figures(engine)
    with session_scope(engine) as s:
        shown = s.scalar(sa.select(Project).where(Project.code == "DT-2024-001"))
        hidden = s.scalar(sa.select(Project).where(Project.code == "DT-2025-002"))
        hidden.published = False
        s.add(ProjectMonthlyProgress(project_id=shown.id, year=2026, month=1, physical_percent=35.0))
        shown_id, hidden_name = shown.id, hidden.name
    with session_scope(engine) as s:
        photos.add_photo(s, actors["capnhat.sxd"], shown_id, Upload("mo-cau.png", _png()), "Thi công mố cầu",
                         D(2026, 1, 10), now=datetime(2026, 1, 12, 9, tzinfo=LOCAL_TZ))
    return shown_id, "DT-2025-002", hidden_name


def test_anyone_sees_only_published_projects_with_progress_and_photos(demo_db, actors):
    shown_id, hidden_code, hidden_name = _prepare(demo_db, actors)
    at = page(PUBLIC).run()                                       # nobody logged in
    assert not at.exception, [e.value for e in at.exception]
    codes = list(at.dataframe[0].value["Mã dự án"])
    assert "DT-2024-001" in codes and hidden_code not in codes and "TN-2025-001" not in codes
    row = at.dataframe[0].value.set_index("Mã dự án").loc["DT-2024-001"]
    assert row["Khối lượng hoàn thành"] == "35,0%" and row["Ảnh"] == 1
    assert hidden_name not in page_texts(at)
    assert hidden_code not in [str(o) for o in at.selectbox(key="ck-da-chon").options]
    assert at.get("download_button")                                # the OC4IDS file is offered
    at.selectbox(key="ck-da-chon").set_value(shown_id).run()
    assert not at.exception
    assert "Thi công mố cầu" in at.get("image")[0].captions[0]
    assert "35,0%" in [m.value for m in at.metric]


def test_with_nothing_published_the_page_says_so(demo_db):
    with session_scope(demo_db) as s:
        for project in s.scalars(sa.select(Project)):
            project.published = False
    at = page(PUBLIC).run()
    assert not at.exception
    assert "Chưa có dự án nào được công khai." in [e.value for e in at.info]
    assert not at.dataframe
