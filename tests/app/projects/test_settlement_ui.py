"""The settlement of a completed project through `render_settlement` (issue 10 item 10, Nghị định 99/2021/NĐ-CP
Điều 47): the investor's editor enters the handover and the final value — refused without the reasons for a
difference, saved with them — and sees the clocks with their arithmetic; a leader reads; a peer finds nothing."""
from __future__ import annotations

from datetime import date as D

import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from lib.core.db import session_scope
from lib.projects.models import Project, ProjectSettlement
from tests.app.helpers import texts as page_texts


def _settlement(actor, project_id: int) -> None:  # noqa: ANN001
    from lib.projects.settlement_ui import render_settlement
    from lib.ui.widgets import show_flash

    show_flash()
    render_settlement(actor, project_id)


def _app(actor, project_id: int) -> AppTest:  # noqa: ANN001
    return AppTest.from_function(_settlement, args=(actor, project_id), default_timeout=30).run()


def _project(engine) -> Project:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(Project).where(Project.code == "DT-2024-001"))


def test_the_investor_enters_the_settlement_reasons_required_then_sees_the_clocks(demo_db, actors):
    project = _project(demo_db)
    at = _app(actors["capnhat.sxd"], project.id)
    assert not at.exception, [e.value for e in at.exception]
    assert any("các thời hạn quyết toán chưa bắt đầu" in e.value for e in at.info)
    at.date_input(key="qtoan-ban-giao").set_value(D(2026, 1, 15))
    at.date_input(key="qtoan-ho-so").set_value(D(2026, 5, 20))
    at.checkbox(key="qtoan-co-gia-tri").check()
    at.number_input(key="qtoan-gia-tri").set_value(project.total_investment - 1_000_000_000)
    at.button(key="qtoan-luu").click().run()
    assert any("vui lòng nêu lý do chênh lệch" in e.value for e in at.error)
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count(ProjectSettlement.id))) == 0

    at.text_area(key="qtoan-ly-do").input("Tiết kiệm sau đấu thầu")
    at.button(key="qtoan-luu").click().run()
    assert not at.exception, [e.value for e in at.exception]
    text = page_texts(at)
    assert "Đã lưu thông tin quyết toán dự án hoàn thành." in text
    # Group B: the dossier within 6 months of the handover; verification 4 months from the dossier.
    assert "15/01/2026 + 6 tháng → hạn 15/07/2026; hoàn thành 20/05/2026: đúng hạn" in text
    assert "20/05/2026 + 4 tháng → hạn 20/09/2026" in text
    assert list(at.dataframe[0].value["Công việc"]) == ["Lập hồ sơ quyết toán", "Thẩm tra quyết toán",
                                                        "Phê duyệt quyết toán"]
    with session_scope(demo_db) as s:
        row = s.scalar(sa.select(ProjectSettlement))
        assert row.final_value == project.total_investment - 1_000_000_000
        assert row.difference_reasons == "Tiết kiệm sau đấu thầu"


def test_a_leader_reads_without_the_form_and_a_peer_finds_nothing(demo_db, actors):
    project = _project(demo_db)
    at = _app(actors["lanhdao"], project.id)
    assert not at.exception
    assert not at.button and not at.get("date_input")
    at = _app(actors["capnhat.laplvo"], project.id)
    assert "Không tìm thấy dữ liệu" in at.error[0].value
