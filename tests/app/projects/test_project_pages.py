"""The project pages «Dự án đầu tư công» and «Hồ sơ dự án» (issue 10, item 1; seed 000 art. 4, 6, 7, 9.1, 11.4) for
each decisive role: the investor's editor, Sở Tài chính, a peer investor typing another's id, a leader reading."""
from __future__ import annotations

import sqlalchemy as sa

from lib.core import vi
from lib.core.db import session_scope
from lib.projects import texts
from lib.projects.enums import ProjectStatus
from lib.projects.models import Project, ProjectChange, ProjectDocument, ProjectStatusChange
from tests.app.helpers import page, texts as page_texts

LIST = "pages/projects/list.py"
DETAIL = "pages/projects/project.py"
SXD_CODES = ["DT-2024-001", "DT-2025-002"]   # the demo's projects of Sở Xây dựng


def _id(engine, code: str) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(Project.id).where(Project.code == code))


def _doc_id(engine, number: str) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(ProjectDocument.id).where(ProjectDocument.number == number))


def _all_codes(engine, status: ProjectStatus | None = None) -> list[str]:  # noqa: ANN001
    query = sa.select(Project.code).order_by(Project.code)
    with session_scope(engine) as s:
        return list(s.scalars(query if status is None else query.where(Project.status == status)))


def _codes(at) -> list[str]:  # noqa: ANN001
    return list(at.dataframe[0].value["Mã dự án"])


def _detail(engine, username: str, code: str):  # noqa: ANN001, ANN202
    at = page(DETAIL, engine, username)
    at.query_params["id"] = str(_id(engine, code))
    return at.run()


def _no_exception(at) -> None:  # noqa: ANN001
    assert not at.exception, [e.value for e in at.exception]


# ---------------------------------------------------------------- the list

def test_the_investor_sees_its_own_projects_and_creates_one(demo_db):
    at = page(LIST, demo_db, "capnhat.sxd").run()
    _no_exception(at)
    assert _codes(at) == SXD_CODES                       # art. 4: an investor sees only its own projects
    assert "Khởi tạo dự án mới" in [e.label for e in at.expander]

    at.text_input(key="da-ma").input("DA-2026-050")
    at.text_input(key="da-ten").input("Cải tạo trụ sở Sở Xây dựng")
    at.number_input(key="da-tmdt").set_value(300_000_000_000)    # 300 tỷ, field class 1 default: group B, not C
    at.multiselect(key="da-dia-diem").select(at.multiselect(key="da-dia-diem").options[0])
    at.button(key="da-luu-moi").click().run()
    # The group is checked against total investment and field (Luật Đầu tư công 58/2024): refused, in Vietnamese.
    assert any("Nhóm dự án không phù hợp với tổng mức đầu tư" in e.value for e in at.error)
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(Project.id).where(Project.code == "DA-2026-050")) is None

    at.number_input(key="da-tmdt").set_value(45_000_000_000)     # 45 tỷ: group C
    at.button(key="da-luu-moi").click().run()
    _no_exception(at)
    assert "Đã khởi tạo dự án «DA-2026-050»." in [e.value for e in at.success]
    assert "DA-2026-050" in _codes(at)
    with session_scope(demo_db) as s:
        project = s.scalar(sa.select(Project).where(Project.code == "DA-2026-050"))
        assert project.entry_late_days == 0 and project.total_investment == 45_000_000_000


def test_the_department_of_finance_sees_every_project_and_filters(demo_db):
    at = page(LIST, demo_db, "kehoach.stc").run()
    _no_exception(at)
    assert sorted(_codes(at)) == _all_codes(demo_db) and "TN-2025-001" in _codes(at)  # art. 11: all, private too
    assert "Khởi tạo dự án đầu tư tư nhân được giao theo dõi" in [e.label for e in at.expander]

    at.selectbox(key="da-trang-thai").set_value(ProjectStatus.PAUSED).run()
    assert sorted(_codes(at)) == _all_codes(demo_db, ProjectStatus.PAUSED) and "DT-2024-005" in _codes(at)
    at.selectbox(key="da-trang-thai").set_value(None)
    at.text_input(key="da-tim").input("benh vien").run()               # without diacritics
    assert _codes(at) == ["DT-2024-005"]
    at.text_input(key="da-tim").input("")
    at.selectbox(key="da-chu-dau-tu").set_value("Xã Lấp Vò").run()
    assert _codes(at) == ["DT-2025-007", "DT-2025-008"]


def test_a_leader_reads_the_list_without_a_form(demo_db):
    at = page(LIST, demo_db, "lanhdao").run()
    _no_exception(at)
    assert sorted(_codes(at)) == _all_codes(demo_db)
    assert not at.expander and not at.button


# ---------------------------------------------------------------- one project

def test_the_investor_reads_the_lateness_arithmetic_and_enters_an_approved_change(demo_db):
    at = _detail(demo_db, "capnhat.sxd", "DT-2024-001")
    _no_exception(at)
    shown = page_texts(at)
    assert "Hồ sơ dự án" in [e.value for e in at.title]
    # Art. 7.2: each change with its document, effective date and lateness in working days.
    assert "**Tổng mức đầu tư:** 185 tỷ đồng → **196 tỷ đồng**" in shown
    assert "Theo Quyết định số 2210/QĐ-UBND" in shown
    assert any("+ 5 ngày làm việc → hạn cập nhật" in w.value and "chậm 4 ngày làm việc" in w.value
               for w in at.warning)

    assert at.selectbox(key="hs-td-van-ban").value == _doc_id(demo_db, "2210/QĐ-UBND")   # the latest document
    at.number_input(key="hs-td-tmdt").set_value(205_000_000_000)
    at.button(key="hs-luu-thay-doi").click().run()
    _no_exception(at)
    assert "Đã cập nhật thay đổi được phê duyệt." in [e.value for e in at.success]
    with session_scope(demo_db) as s:
        project_id = s.scalar(sa.select(Project.id).where(Project.code == "DT-2024-001"))
        assert s.get(Project, project_id).total_investment == 205_000_000_000
        assert s.scalar(sa.select(sa.func.count()).select_from(ProjectChange)
                        .where(ProjectChange.project_id == project_id)) == 3


def test_the_investor_adds_a_document_and_a_pause_needs_its_reason(demo_db):
    at = _detail(demo_db, "capnhat.sxd", "DT-2025-002")
    at.text_input(key="hs-vb-so").input("2450/QĐ-UBND")
    at.text_input(key="hs-vb-co-quan").input("UBND tỉnh Đồng Tháp")
    at.button(key="hs-luu-van-ban").click().run()
    _no_exception(at)
    assert "Đã thêm quyết định số 2450/QĐ-UBND." in [e.value for e in at.success]

    at.selectbox(key="hs-tt-trang-thai").set_value(ProjectStatus.PAUSED)
    at.button(key="hs-luu-trang-thai").click().run()
    assert texts.PRJ_STATUS_REASON.format(action="tạm dừng") in [e.value for e in at.error]
    at.text_area(key="hs-tt-ly-do").input("Chờ bố trí vốn năm sau")
    at.button(key="hs-luu-trang-thai").click().run()
    _no_exception(at)
    with session_scope(demo_db) as s:
        project_id = s.scalar(sa.select(Project.id).where(Project.code == "DT-2025-002"))
        assert s.get(Project, project_id).status == ProjectStatus.PAUSED
        assert s.scalar(sa.select(sa.func.count()).select_from(ProjectDocument)
                        .where(ProjectDocument.project_id == project_id)) == 2
        last = s.scalars(sa.select(ProjectStatusChange).where(ProjectStatusChange.project_id == project_id)
                         .order_by(ProjectStatusChange.id.desc())).first()
        assert last.reason == "Chờ bố trí vốn năm sau"


def test_the_department_of_finance_edits_the_private_project_and_reads_the_public_ones(demo_db):
    at = _detail(demo_db, "kehoach.stc", "TN-2025-001")
    _no_exception(at)
    assert "Công ty Cổ phần Nông sản Sen Hồng" in page_texts(at)
    assert at.button(key="hs-luu-van-ban")                               # art. 11.4: entered by the department

    at = _detail(demo_db, "kehoach.stc", "DT-2024-001")
    _no_exception(at)
    assert "Quyết định số 1875/QĐ-UBND" in page_texts(at)
    # the record is read only (Sở Tài chính may enter capital plans, in the tab «Vốn và giải ngân», art. 11)
    assert not [b for b in at.button if b.key and b.key.startswith("hs-")]
    assert "Bạn chỉ được xem hồ sơ dự án này" in page_texts(at)


def test_a_peer_investor_typing_another_investors_id_gets_not_found(demo_db):
    at = _detail(demo_db, "capnhat.laplvo", "DT-2024-001")
    _no_exception(at)
    assert [e.value for e in at.error] == [vi.ERR_NOT_FOUND]
    assert "DT-2024-001" not in page_texts(at) and not at.dataframe

    at = _detail(demo_db, "capnhat.laplvo", "DT-2025-007")                # its own project opens
    assert "Nhà văn hóa và sân thể thao xã Lấp Vò" in page_texts(at)


def test_a_leader_reads_a_project_without_forms(demo_db):
    at = _detail(demo_db, "lanhdao", "DT-2025-004")
    _no_exception(at)
    assert not at.button and not at.text_input
    # Art. 9.1: the record entered 15 working days after its start, 10 allowed.
    assert any("Thời hạn khởi tạo dự án" in w.value and "chậm 5 ngày làm việc" in w.value for w in at.warning)
