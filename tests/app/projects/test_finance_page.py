"""The page «Kế hoạch vốn và giải ngân» (issue 10 item 5; seed 000 art. 9.3–9.4, 11) for each decisive role: the
investor's editor enters a disbursement, Sở Tài chính sees the province's tables, a peer investor sees only its own
projects."""
from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from lib.core import vi
from lib.core.calendar import local_today
from lib.core.db import session_scope
from lib.core.models import Account
from lib.core.services.auth import to_actor
from lib.projects import capital
from lib.projects.capital import PlanLineInput
from lib.projects.enums import CapitalPlanKind, CapitalSource
from lib.projects.finance_models import Disbursement
from lib.projects.models import Project
from tests.app.helpers import page, texts as page_texts
from tests.unit.projects_helpers import without_demo_figures

FINANCE = "pages/projects/finance.py"
TY = 1_000_000_000


@pytest.fixture
def bare_db(demo_db):  # noqa: ANN001, ANN201
    """The demo province without its money figures: the test enters its own and checks the sums exactly."""
    return without_demo_figures(demo_db)


def _id(engine, code: str) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(Project.id).where(Project.code == code))


def _plan(engine, username: str, code: str, amount: int) -> int:  # noqa: ANN001
    year = local_today().year
    with session_scope(engine) as s:
        actor = to_actor(s.scalar(sa.select(Account).where(Account.username == username)))
        project_id = s.scalar(sa.select(Project.id).where(Project.code == code))
        capital.add_plan_line(s, actor, project_id, PlanLineInput(
            year, CapitalSource.PROVINCE_BUDGET, CapitalPlanKind.ALLOCATED, amount, "15/QĐ-UBND", date(year, 1, 10),
            "UBND tỉnh Đồng Tháp"))
    return project_id


def _no_exception(at) -> None:  # noqa: ANN001
    assert not at.exception, [e.value for e in at.exception]


def test_the_investor_enters_a_disbursement(bare_db):
    project_id = _plan(bare_db, "capnhat.sxd", "DT-2024-001", 20 * TY)
    at = page(FINANCE, bare_db, "capnhat.sxd").run()
    _no_exception(at)
    at.selectbox(key="gn-gn-du-an").set_value(project_id)
    at.selectbox(key="gn-gn-nguon").set_value(CapitalSource.PROVINCE_BUDGET)
    at.number_input(key="gn-gn-so-tien").set_value(25 * TY)
    at.button(key="gn-gn").click().run()
    _no_exception(at)
    # Above the plan: refused with both amounts, nothing saved.
    assert any("vượt kế hoạch vốn 20.000.000.000 đ" in e.value for e in at.error)
    with session_scope(bare_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Disbursement)) == 0
    at.number_input(key="gn-gn-so-tien").set_value(5 * TY)
    at.button(key="gn-gn").click().run()
    _no_exception(at)
    with session_scope(bare_db) as s:
        row = s.scalar(sa.select(Disbursement))
        assert (row.project_id, row.amount, row.entry_late_days) == (project_id, 5 * TY, 0)
    assert "5.000.000.000 đ" in page_texts(at)
    assert "25,0%" in page_texts(at)                                 # 5 of 20 tỷ


def test_the_department_of_finance_sees_the_province_tables(bare_db):
    _plan(bare_db, "kehoach.stc", "DT-2024-001", 20 * TY)
    _plan(bare_db, "capnhat.laplvo", "DT-2025-007", 4 * TY)
    at = page(FINANCE, bare_db, "kehoach.stc").run()
    _no_exception(at)
    shown = page_texts(at)
    assert "Toàn tỉnh: lũy kế đến hết tháng" in shown and "24.000.000.000 đ" in shown
    tables = [d.value for d in at.dataframe]
    investors = next(t for t in tables if "Chủ đầu tư" in t.columns and "Đường mục tiêu" in t.columns)
    assert {"Sở Xây dựng", "Xã Lấp Vò"} <= set(investors["Chủ đầu tư"])
    assert "Nhập kế hoạch vốn từ Excel" in [t.label for t in at.tabs]
    assert "Dự kiến cả năm theo nhịp hiện tại: 0 đ ÷" in page_texts(at)     # the projection's arithmetic shown
    at.selectbox(key="gn-bd-du-an").set_value(_id(bare_db, "DT-2024-001")).run()
    _no_exception(at)
    assert len(at.get("vega_lite_chart")) + len(at.get("arrow_vega_lite_chart")) >= 2


def test_a_peer_investor_sees_only_its_own_projects(bare_db):
    _plan(bare_db, "capnhat.sxd", "DT-2024-001", 20 * TY)
    at = page(FINANCE, bare_db, "capnhat.laplvo").run()
    _no_exception(at)
    projects = next(d.value for d in at.dataframe if "Mã dự án" in d.value.columns)
    own = _own_codes(bare_db, "X-LAPVO")
    assert "DT-2025-007" in own and list(projects["Mã dự án"]) == own
    assert "Các dự án của đơn vị" in page_texts(at)
    assert "20.000.000.000 đ" not in page_texts(at)                 # Sở Xây dựng's plan stays hidden
    assert all(not o.startswith("DT-2024-001") for o in at.selectbox(key="gn-gn-du-an").options)


def _own_codes(engine, unit_code: str) -> list[str]:  # noqa: ANN001
    from lib.core.models import Unit
    from lib.projects.enums import ProjectKind

    with session_scope(engine) as s:
        return list(s.scalars(sa.select(Project.code).join(Unit, Unit.id == Project.investor_unit_id)
                              .where(Unit.code == unit_code, Project.kind == ProjectKind.PUBLIC)
                              .order_by(Project.code)))


# ---------------------------------------------------------------- the block of the project page

def _project_block():  # noqa: ANN202 - run by AppTest as a script
    import streamlit as st

    from lib.projects.finance_ui import render_project_finance
    from lib.ui.session import current_actor

    render_project_finance(current_actor(), int(st.query_params["id"]))


def _block(engine, username: str, project_id: int):  # noqa: ANN001, ANN202
    from streamlit.testing.v1 import AppTest

    from tests.app.helpers import login_as

    at = AppTest.from_function(_project_block, default_timeout=30)
    login_as(at, engine, username)
    at.query_params["id"] = str(project_id)
    return at.run()


def test_the_project_block_enters_and_deletes_a_disbursement_and_hides_from_a_peer(bare_db):
    project_id = _plan(bare_db, "capnhat.sxd", "DT-2024-001", 20 * TY)
    at = _block(bare_db, "capnhat.sxd", project_id)
    _no_exception(at)
    key = f"tc-{project_id}"
    at.selectbox(key=f"{key}-gn-nguon").set_value(CapitalSource.PROVINCE_BUDGET)
    at.number_input(key=f"{key}-gn-so-tien").set_value(4 * TY)
    at.button(key=f"{key}-gn").click().run()
    _no_exception(at)
    shown = page_texts(at)
    assert "20,0%" in shown and "Kho bạc Nhà nước xác nhận giải ngân" in str(at.dataframe[-1].value["Cách tính"][0])
    at.text_input(key=f"{key}-sua-ly-do").input("Nhập trùng")
    at.button(key=f"{key}-sua-xoa").click().run()
    _no_exception(at)
    with session_scope(bare_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Disbursement)) == 0
    peer = _block(bare_db, "capnhat.laplvo", project_id)
    _no_exception(peer)
    assert [e.value for e in peer.error] == [vi.ERR_NOT_FOUND]
    reader = _block(bare_db, "lanhdao", project_id)
    _no_exception(reader)
    assert not [b for b in reader.button if b.key and b.key.startswith(key)]     # leaders read only


def test_the_pages_draw_the_demo_figures(demo_db):
    at = page(FINANCE, demo_db, "lanhdao").run()
    _no_exception(at)
    flags = next(d.value for d in at.dataframe if "Cảnh báo" in d.value.columns)["Cảnh báo"]
    assert "Chậm so với mục tiêu" in set(flags)
    assert "Cập nhật số liệu" not in [t.label for t in at.tabs]                     # leaders read only
    block = _block(demo_db, "capnhat.sxd", _id(demo_db, "DT-2024-001"))
    _no_exception(block)
    assert "Kế hoạch vốn năm trước chuyển sang" in str(block.dataframe[0].value["Loại"].tolist()) \
        or local_today().month < 8
