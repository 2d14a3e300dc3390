"""Chỉ số CCHC pages of Sở Nội vụ and of the readers, driven through AppTest: the criteria catalogue, the rounds,
the results with their Excel file, and the public page. Data is arranged through the services in a year of its
own (the demo's years stay untouched)."""
from __future__ import annotations

import io
import json
from datetime import timedelta
from decimal import Decimal

import pandas as pd
import pytest
import sqlalchemy as sa
from openpyxl import Workbook, load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager

from lib.core import vi
from lib.core.calendar import local_today
from lib.core.db import session_scope
from lib.par.enums import ParAssessmentStatus, ParMemberKind, ParRoundStatus, ParUnitGroup, ScoringMethod
from lib.par.models import ParComponentScore, ParRound, ParRoundMember
from lib.core.excel import NATIONAL_MOTTO, NATIONAL_TITLE
from lib.par import assessments as par_assessments, catalogue as par_catalogue, rounds as par_rounds
from lib.par.assessments import Entry
from lib.par.rounds import RoundInput
from lib.par import admin_ui as par_admin
from tests.app.drive import values
from tests.app.helpers import page, texts

CATALOGUE = "pages/par/catalogue.py"
ROUNDS = "pages/par/rounds.py"
RESULTS = "pages/par/results.py"
PUBLIC = "pages/public/par.py"
ADMIN, ASSESSOR, COUNCIL, LEADER = "cchc.snv", "tgv.snv", "hoidong.snv", "lanhdao"
YEAR = local_today().year + 4          # a year of the tests' own: the demo's trees and rounds are earlier
DEPT = ParUnitGroup.DEPARTMENT
COMMUNE = ParUnitGroup.COMMUNE

# A small tree, 100 points: field 1 (60) = 1.1 range 0–40 by 0,5 + 1.2 yes/no 20; field 2 (40) = 2.1 levels 0/20/40.
TREE = [
    {"code": "1", "name": "Công tác chỉ đạo, điều hành cải cách hành chính", "max": "60", "children": [
        {"code": "1.1", "name": "Thực hiện kế hoạch cải cách hành chính năm", "max": "40", "method": "range",
         "step": "0.5", "guidance": "Hoàn thành 100% kế hoạch: 40 điểm; mỗi nhiệm vụ chưa hoàn thành trừ 0,5 điểm."},
        {"code": "1.2", "name": "Báo cáo cải cách hành chính đúng hạn", "max": "20", "method": "yes_no",
         "evidence": True},
    ]},
    {"code": "2", "name": "Cải cách thể chế", "max": "40", "children": [
        {"code": "2.1", "name": "Rà soát văn bản quy phạm pháp luật", "max": "40", "method": "levels",
         "levels": [["0", "Không thực hiện"], ["20", "Thực hiện một phần"], ["40", "Thực hiện đầy đủ"]]},
    ]},
]


# ---------------------------------------------------------------- arranging through the services

def no_exception(at) -> None:  # noqa: ANN001
    assert not at.exception, [e.value for e in at.exception]


def arrange_tree(engine, groups=(DEPT, COMMUNE), year: int = YEAR) -> None:  # noqa: ANN001
    with session_scope(engine) as s:
        for group in groups:
            par_catalogue.load_data(s, year, group, TREE)


def tree_of(engine, group=DEPT, year: int = YEAR) -> dict[str, tuple]:  # noqa: ANN001
    """code → (max, method, step, name) as the database holds them."""
    with session_scope(engine) as s:
        return {n.code: (n.max_score, n.method, n.step, n.name) for n in par_catalogue.tree(s, year, group)}


def arrange_round(engine, actors, unit_ids, codes, *, name: str = "Đợt thử nghiệm", year: int = YEAR,  # noqa: ANN001
                  leaders: bool = False, public: bool = False, members: bool = True) -> int:
    with session_scope(engine) as s:
        round_id = par_rounds.create_round(s, actors[ADMIN], RoundInput(
            year, name, local_today() + timedelta(days=30), [unit_ids[c] for c in codes]))
        if members:
            for field in ("1", "2"):
                par_rounds.set_members(s, actors[ADMIN], round_id, field, ParMemberKind.ASSESSOR,
                                       [actors[ASSESSOR].id])
                par_rounds.set_members(s, actors[ADMIN], round_id, field, ParMemberKind.COUNCIL,
                                       [actors[COUNCIL].id])
        if leaders or public:
            par_rounds.publish(s, actors[ADMIN], round_id, to_leaders=leaders, to_public=public)
    return round_id


def assessment_id(engine, round_id: int, unit_id: int) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return next(a.id for a in par_rounds.assessments_of(s, round_id) if a.unit_id == unit_id)


def approve_all(engine, actors, round_id: int, unit_id: int, scores: dict[str, str], *,  # noqa: ANN001
                year: int = YEAR) -> None:
    """Self-assessment, appraisal and the council's approval of every field, each with `scores`."""
    aid = assessment_id(engine, round_id, unit_id)
    with session_scope(engine) as s:
        group = s.get(par_assessments.ParAssessment, aid).unit_group
        nodes = {n.code: n.id for n in par_catalogue.tree(s, year, group)}
    entries = {nodes[code]: Entry(score, "Đã thực hiện, hồ sơ lưu tại đơn vị") for code, score in scores.items()}
    with session_scope(engine) as s:
        par_assessments.save_self(s, actors[ADMIN], aid, entries)
        par_assessments.submit(s, actors[ADMIN], aid)
    with session_scope(engine) as s:
        par_assessments.save_appraisal(s, actors[ASSESSOR], aid, entries)
        for field in ("1", "2"):
            par_assessments.finish_field(s, actors[ASSESSOR], aid, nodes[field])
    with session_scope(engine) as s:
        for field in ("1", "2"):
            par_assessments.approve_field(s, actors[COUNCIL], aid, nodes[field])


def frame(at, key: str):  # noqa: ANN001, ANN201
    """The selectable table whose key is `key` (a key with a generation suffix counts)."""
    found = [d for d in at.dataframe if d.key == key or (d.key or "").startswith(key + "-")]
    assert len(found) == 1, f"table {key!r} expected, found {[d.key for d in at.dataframe]}"
    return found[0]


def tables_with(at, *columns: str) -> list:  # noqa: ANN001
    """The read-only tables (as frames) that have these columns, in page order."""
    return [d.value for d in at.dataframe if all(c in d.value.columns for c in columns)]


def ranking(at) -> dict[str, list[dict]]:  # noqa: ANN001
    """The ranking tables of a results page by the heading above them (the kind of unit)."""
    headings = [h.value for h in at.subheader if h.value in {g.label for g in ParUnitGroup}]
    found = tables_with(at, "Hạng", "Đơn vị", "Tổng điểm", "Xếp loại")
    assert len(found) == len(headings), (headings, len(found))
    return {h: t.to_dict("records") for h, t in zip(headings, found)}


def xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict:
    """What the pages hand to st.download_button (deferred files are made as on a click)."""
    files: dict[str, tuple] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def keep(self, data, mimetype, coordinates, file_name=None, **kwargs):  # noqa: ANN001, ANN003, ANN202
        url = add(self, data, mimetype, coordinates, file_name=file_name, **kwargs)
        files[url] = (data, file_name)
        return url

    def keep_deferred(self, maker, mimetype, coordinates, file_name=None, **kwargs):  # noqa: ANN001, ANN003, ANN202
        file_id = add_deferred(self, maker, mimetype, coordinates, file_name=file_name, **kwargs)
        files[file_id] = (maker, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add", keep)
    monkeypatch.setattr(MediaFileManager, "add_deferred", keep_deferred)
    return files


def downloaded(at, downloads: dict, label: str) -> tuple[bytes, str]:  # noqa: ANN001
    proto = next(b for b in at.get("download_button") if b.label == label).proto
    if proto.url:
        return downloads[proto.url]
    maker, name = downloads[proto.deferred_file_id]
    return (maker() if callable(maker) else maker), name


# ================================================================ the catalogue

def _catalogue(engine, username: str = ADMIN, year: int = YEAR):  # noqa: ANN001, ANN202
    at = page(CATALOGUE, engine, username).run()
    no_exception(at)
    at.selectbox(key="tc-nam").set_value(year).run()
    no_exception(at)
    return at


def _tree_rows(at) -> dict[str, dict]:  # noqa: ANN001
    table = frame(at, "tc-bang").value
    return {r["Mã"]: r for r in table.to_dict("records")}


def test_the_tree_is_shown_indented_with_its_totals_and_rules(demo_db):
    arrange_tree(demo_db, groups=(DEPT,))
    at = _catalogue(demo_db)
    rows = _tree_rows(at)
    assert list(rows) == ["1", "1.1", "1.2", "2", "2.1"]
    assert rows["1"]["Điểm tối đa"] == "60" and rows["1"]["Cách chấm"] == "Tổng tiêu chí con"
    assert rows["1.1"]["Tên lĩnh vực, tiêu chí"] == "\u3000Thực hiện kế hoạch cải cách hành chính năm"
    assert rows["1.1"]["Cách chấm"] == "Khoảng 0–40, bước 0,5"
    assert rows["1.2"]["Cách chấm"] == "Có/Không (0 hoặc 20)" and rows["1.2"]["TLKC"] == "Bắt buộc"
    assert rows["2.1"]["Cách chấm"] == "Theo mức: 0; 20; 40"
    assert [m.value for m in at.metric][:2] == ["100", "2"]
    assert not at.warning, "a complete tree of 100 points has no problem"
    # the other kind of unit has no tree for this year
    at.radio(key="tc-nhom").set_value(COMMUNE).run()
    assert f"Chưa có bộ tiêu chí năm {YEAR} ({COMMUNE.label})." in values(at.info)


def test_adding_a_leaf_recomputes_the_parent_maximum_and_the_total_is_flagged(demo_db):
    arrange_tree(demo_db, groups=(DEPT,))
    at = _catalogue(demo_db)
    at.text_input(key="tc-them-ma").input("1.3")
    at.text_input(key="tc-them-ten").input("Tuyên truyền cải cách hành chính")
    at.text_input(key="tc-them-max").input("2,5")
    at.selectbox(key="tc-them-cach").set_value(ScoringMethod.RANGE)
    at.text_input(key="tc-them-buoc").input("0,5")
    at.checkbox(key="tc-them-tlkc").check()
    at.button(key="tc-them-luu").click().run()
    no_exception(at)

    assert not at.error, values(at.error)
    assert values(at.success) == [f"Đã thêm tiêu chí 1.3 vào bộ tiêu chí năm {YEAR} ({DEPT.label})."]
    rows = _tree_rows(at)
    assert rows["1"]["Điểm tối đa"] == "62,5", "the field's maximum is the sum of its criteria"
    assert rows["1.3"]["Cách chấm"] == "Khoảng 0–2,5, bước 0,5" and rows["1.3"]["TLKC"] == "Bắt buộc"
    assert "Tổng điểm tối đa của bộ tiêu chí là 102,5, phải bằng 100." in values(at.warning)[0]
    db = tree_of(demo_db)
    assert db["1"][0] == Decimal("62.5") and db["1"][1] is None
    assert db["1.3"][:3] == (Decimal("2.5"), ScoringMethod.RANGE, Decimal("0.5"))

    # a wrong rule is refused with its reason; nothing is added
    at.text_input(key="tc-them-ma").input("1.4")
    at.text_input(key="tc-them-ten").input("Tiêu chí mức điểm sai")
    at.text_input(key="tc-them-max").input("1")
    at.selectbox(key="tc-them-cach").set_value(ScoringMethod.LEVELS)
    at.text_area(key="tc-them-muc").input("0: Không\n0,5: Một phần")
    at.button(key="tc-them-luu").click().run()
    assert values(at.error) == [vi.PAR_LEVELS_INVALID.format(code="1.4", max="1")]
    assert "1.4" not in tree_of(demo_db)


def test_editing_and_deleting_a_selected_criterion(demo_db):
    arrange_tree(demo_db, groups=(DEPT,))
    at = _catalogue(demo_db)
    codes = list(_tree_rows(at))
    table = frame(at, "tc-bang")
    at.session_state[table.key] = {"selection": {"rows": [codes.index("2.1")], "columns": []}}
    at.run()
    prefix = next(t.key for t in at.text_input if t.key.startswith("tc-sua-") and t.key.endswith("-ten"))[:-4]
    assert at.text_area(key=f"{prefix}-muc").value == "0: Không thực hiện\n20: Thực hiện một phần\n40: Thực hiện đầy đủ"
    at.text_input(key=f"{prefix}-ten").input("Rà soát, hệ thống hóa văn bản quy phạm pháp luật")
    at.text_area(key=f"{prefix}-muc").input("0: Không thực hiện\n10: Dưới 50%\n25: Từ 50%\n40: Đầy đủ")
    at.button(key="tc-sua-luu").click().run()
    no_exception(at)
    assert values(at.success) == ["Đã lưu tiêu chí 2.1."]
    db = tree_of(demo_db)
    assert db["2.1"][3] == "Rà soát, hệ thống hóa văn bản quy phạm pháp luật"
    assert _tree_rows(at)["2.1"]["Cách chấm"] == "Theo mức: 0; 10; 25; 40"

    at.session_state[frame(at, "tc-bang").key] = {"selection": {"rows": [codes.index("1.2")], "columns": []}}
    at.run()
    assert at.button(key="tc-xoa").disabled, "deleting needs the confirmation first"
    next(c for c in at.checkbox if c.key.endswith("-xac-nhan")).check().run()
    at.button(key="tc-xoa").click().run()
    no_exception(at)
    assert values(at.success) == ["Đã xóa tiêu chí 1.2."]
    db = tree_of(demo_db)
    assert "1.2" not in db and db["1"][0] == Decimal(40)


def test_an_import_with_a_wrong_parent_sum_is_refused_by_row_and_column_and_nothing_changes(demo_db):
    arrange_tree(demo_db, groups=(DEPT,))
    with session_scope(demo_db) as s:
        data = par_catalogue.export_excel(s, YEAR, DEPT)
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    row_of = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row_of["2"], 3).value = 45                                   # field 2 says 45; its criteria make 40
    ws.cell(row_of["1.1"], 2).value = "Tên mới không được nhập"
    buffer = io.BytesIO()
    wb.save(buffer)
    before = tree_of(demo_db)

    at = _catalogue(demo_db)
    at.file_uploader(key="tc-tep.0").upload("bo-tieu-chi.xlsx", buffer.getvalue()).run()
    at.button(key="tc-nhap").click().run()
    no_exception(at)
    assert values(at.error) == ["Tệp có 1 lỗi; chưa nhập dòng nào. Hãy sửa các lỗi dưới đây trong tệp rồi tải lên lại."]
    [table] = at.table
    assert table.value.to_dict("records") == [{
        "Dòng": str(row_of["2"]), "Cột": "Điểm tối đa",
        "Lỗi": vi.PAR_PARENT_SUM.format(code="2", max="45", sum="40")}]
    assert tree_of(demo_db) == before, "nothing imported"

    # the same file with the right sum replaces the tree
    ws.cell(row_of["2"], 3).value = 40
    buffer = io.BytesIO()
    wb.save(buffer)
    at.file_uploader(key="tc-tep.0").set_value(("bo-tieu-chi.xlsx", buffer.getvalue(), "application/octet-stream"))
    at.run()
    at.button(key="tc-nhap").click().run()
    no_exception(at)
    assert values(at.success) == [f"Đã nhập 5 dòng từ tệp «bo-tieu-chi.xlsx» vào bộ tiêu chí năm {YEAR} "
                                  f"({DEPT.label})."]
    assert tree_of(demo_db)["1.1"][3] == "Tên mới không được nhập"


def test_the_export_is_the_tree_and_copying_starts_a_new_year(demo_db, downloads):
    arrange_tree(demo_db, groups=(DEPT,))
    at = _catalogue(demo_db)
    data, name = downloaded(at, downloads, "Tải bộ tiêu chí (Excel)")
    assert name == f"bo-tieu-chi-cchc-{YEAR}-department.xlsx"
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã tiêu chí", "Tên lĩnh vực, tiêu chí, tiêu chí thành phần", "Điểm tối đa")
    assert [(r[0], r[2]) for r in rows[1:]] == [("1", 60), ("1.1", 40), ("1.2", 20), ("2", 40), ("2.1", 40)]

    at = _catalogue(demo_db)
    at.selectbox(key="tc-nam").set_value(YEAR + 1).run()
    at.selectbox(key="tc-nguon").set_value(YEAR)
    at.button(key="tc-sao-chep-luu").click().run()
    no_exception(at)
    assert values(at.success) == [f"Đã sao chép bộ tiêu chí năm {YEAR} sang năm {YEAR + 1} ({DEPT.label})."]
    assert tree_of(demo_db, year=YEAR + 1) == tree_of(demo_db)


def test_a_tree_used_by_an_open_round_refuses_structural_change_with_the_reason(demo_db, actors, unit_ids):
    arrange_tree(demo_db)
    arrange_round(demo_db, actors, unit_ids, ["SXD"], name="Đợt khóa bộ tiêu chí")
    reason = vi.PAR_TREE_LOCKED.format(year=YEAR, group=DEPT.label, round="Đợt khóa bộ tiêu chí")
    before = tree_of(demo_db)
    at = _catalogue(demo_db)
    assert reason in values(at.info)

    at.text_input(key="tc-them-ma").input("2.2")
    at.text_input(key="tc-them-ten").input("Tiêu chí thêm khi đang đánh giá")
    at.text_input(key="tc-them-max").input("5")
    at.button(key="tc-them-luu").click().run()
    no_exception(at)
    assert values(at.error) == [reason]
    assert tree_of(demo_db) == before

    # wording may still be corrected; the maximum may not
    codes = list(_tree_rows(at))
    at.session_state[frame(at, "tc-bang").key] = {"selection": {"rows": [codes.index("1.1")], "columns": []}}
    at.run()
    prefix = next(t.key for t in at.text_input if t.key.startswith("tc-sua-") and t.key.endswith("-ten"))[:-4]
    at.text_input(key=f"{prefix}-max").input("30")
    at.button(key="tc-sua-luu").click().run()
    assert values(at.error) == [reason]
    assert tree_of(demo_db)["1.1"][0] == Decimal(40)
    at.text_input(key=f"{prefix}-max").input("40")
    at.text_input(key=f"{prefix}-ten").input("Thực hiện kế hoạch CCHC năm (đã sửa chính tả)")
    at.button(key="tc-sua-luu").click().run()
    assert values(at.success) == ["Đã lưu tiêu chí 1.1."]
    assert tree_of(demo_db)["1.1"][3] == "Thực hiện kế hoạch CCHC năm (đã sửa chính tả)"


def test_assessors_read_the_catalogue_without_editing(demo_db):
    arrange_tree(demo_db, groups=(DEPT,))
    for username in (ASSESSOR, COUNCIL):
        at = _catalogue(demo_db, username)
        assert list(_tree_rows(at)) == ["1", "1.1", "1.2", "2", "2.1"]
        assert not at.tabs and not at.text_input and not at.button
        assert "chế độ chỉ đọc" in texts(at)
    at = page(CATALOGUE, demo_db, "capnhat.sxd").run()
    assert values(at.error) == [vi.ERR_PAGE_FORBIDDEN]


# ================================================================ rounds

def _rounds(engine, round_id: int | None = None):  # noqa: ANN001, ANN202
    at = page(ROUNDS, engine, ADMIN).run()
    no_exception(at)
    if round_id is not None:
        at.selectbox(key="dot-chon").set_value(round_id).run()
        no_exception(at)
    return at


def test_creating_a_round_with_all_departments_and_setting_members(demo_db, actors, unit_ids):
    arrange_tree(demo_db)
    with session_scope(demo_db) as s:
        departments = {u.id for u in par_rounds.assessable_units(s) if par_rounds.group_of(u) == DEPT}
    at = _rounds(demo_db)
    at.button(key="dot-moi-tat-ca-so").click().run()
    assert set(at.multiselect(key="dot-moi-so.0").value) == departments
    at.number_input(key="dot-moi-nam.0").set_value(YEAR)
    at.text_input(key="dot-moi-ten.0").input(f"Xác định Chỉ số CCHC năm {YEAR}")
    deadline = local_today() + timedelta(days=45)
    at.date_input(key="dot-moi-han.0").set_value(deadline)
    at.multiselect(key="dot-moi-xa.0").select(unit_ids["X-LAPVO"])
    at.button(key="dot-moi-luu").click().run()
    no_exception(at)

    assert not at.error, values(at.error)
    n = len(departments) + 1
    assert values(at.success) == [f"Đã tạo đợt «Xác định Chỉ số CCHC năm {YEAR}» với {n} đơn vị; hạn tự đánh giá "
                                  f"{deadline:%d/%m/%Y}."]
    with session_scope(demo_db) as s:
        row = s.scalar(sa.select(ParRound).where(ParRound.year == YEAR))
        round_id, status = row.id, row.status
        assert row.self_deadline == deadline
        assessed = {a.unit_id for a in par_rounds.assessments_of(s, row.id)}
    assert status == ParRoundStatus.OPEN and assessed == departments | {unit_ids["X-LAPVO"]}
    assert at.selectbox(key="dot-chon").value == round_id, "the new round is the one shown"
    assert [m.value for m in at.metric][:2] == [str(n), str(n)], "every unit starts its self-assessment"
    assert at.multiselect(key="dot-moi-so.1").value == [], "the next form starts empty"

    # members of field 1
    at.multiselect(key=f"dot-tv-{round_id}-1-assessor").select(actors[ASSESSOR].id)
    at.multiselect(key=f"dot-tv-{round_id}-1-council").select(actors[COUNCIL].id)
    at.multiselect(key=f"dot-tv-{round_id}-2-council").select(actors[COUNCIL].id)
    at.button(key="dot-tv-luu").click().run()
    no_exception(at)
    assert values(at.success) == [f"Đã lưu phân công thành viên thẩm định của đợt «Xác định Chỉ số CCHC năm {YEAR}»."]
    with session_scope(demo_db) as s:
        members = set(s.execute(sa.select(ParRoundMember.field_code, ParRoundMember.kind, ParRoundMember.account_id)
                                .where(ParRoundMember.round_id == round_id)).all())
    assert members == {("1", ParMemberKind.ASSESSOR, actors[ASSESSOR].id),
                       ("1", ParMemberKind.COUNCIL, actors[COUNCIL].id),
                       ("2", ParMemberKind.COUNCIL, actors[COUNCIL].id)}
    # only accounts with the role are offered
    assert set(at.multiselect(key=f"dot-tv-{round_id}-1-assessor").options) == {"Lý Ngọc Hân"}

    # a unit already in this year's round is refused in a second round of the year
    at = _rounds(demo_db)
    at.number_input(key="dot-moi-nam.0").set_value(YEAR)
    at.text_input(key="dot-moi-ten.0").input("Đợt trùng")
    at.multiselect(key="dot-moi-xa.0").select(unit_ids["X-LAPVO"])
    at.button(key="dot-moi-luu").click().run()
    assert values(at.error) == [vi.PAR_ROUND_UNIT_TAKEN.format(unit="Xã Lấp Vò", round=f"Xác định Chỉ số CCHC năm "
                                                                                    f"{YEAR}", year=YEAR)]
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(ParRound).where(ParRound.year == YEAR)) == 1


def test_the_round_shows_each_units_status_and_closing_needs_confirmation(demo_db, actors, unit_ids):
    arrange_tree(demo_db)
    round_id = arrange_round(demo_db, actors, unit_ids, ["SXD", "SNV", "X-LAPVO"], name="Đợt theo dõi")
    approve_all(demo_db, actors, round_id, unit_ids["SXD"], {"1.1": "35", "1.2": "20", "2.1": "40"})
    aid = assessment_id(demo_db, round_id, unit_ids["SNV"])
    with session_scope(demo_db) as s:
        nodes = {n.code: n.id for n in par_catalogue.tree(s, YEAR, DEPT)}
        par_assessments.save_self(s, actors[ADMIN], aid, {nodes[c]: Entry(v, "Có hồ sơ") for c, v in
                                                          {"1.1": "30", "1.2": "20", "2.1": "20"}.items()})
        par_assessments.submit(s, actors[ADMIN], aid)
    at = _rounds(demo_db, round_id)
    assert [m.value for m in at.metric] == ["3", "1", "1", "1", "0"]
    [units] = tables_with(at, "Tình trạng", "Nộp muộn")
    units = units.set_index("Đơn vị")
    assert units.loc["Sở Xây dựng", "Tình trạng"] == ParAssessmentStatus.FINAL.label
    assert units.loc["Sở Xây dựng", "Phê duyệt"] == "95"
    assert units.loc["Sở Nội vụ", "Tình trạng"] == ParAssessmentStatus.SUBMITTED.label
    assert units.loc["Xã Lấp Vò", "Tình trạng"] == ParAssessmentStatus.DRAFT.label

    # name and deadline
    new_deadline = local_today() + timedelta(days=60)
    at.text_input(key=f"dot-sua-ten-{round_id}").input("Đợt theo dõi (gia hạn)")
    at.date_input(key=f"dot-sua-han-{round_id}").set_value(new_deadline)
    at.button(key="dot-sua-luu").click().run()
    assert values(at.success) == [f"Đã lưu đợt «Đợt theo dõi (gia hạn)», hạn tự đánh giá {new_deadline:%d/%m/%Y}."]

    # publish, then close (confirmation first)
    at.checkbox(key=f"dot-cb-ld-{round_id}").check()
    at.button(key="dot-cb-luu").click().run()
    assert values(at.success) == ["Kết quả đợt «Đợt theo dõi (gia hạn)»: đã công bố cho lãnh đạo."]
    assert at.button(key="dot-ket-thuc").disabled
    at.checkbox(key=f"dot-ket-thuc-xn-{round_id}").check().run()
    at.button(key="dot-ket-thuc").click().run()
    no_exception(at)
    assert values(at.success) == ["Đã kết thúc đợt «Đợt theo dõi (gia hạn)»."]
    with session_scope(demo_db) as s:
        row = s.get(ParRound, round_id)
        assert (row.status, row.published_to_leaders, row.published_to_public, row.self_deadline) == (
            ParRoundStatus.CLOSED, True, False, new_deadline)
    assert any("đã kết thúc" in v for v in values(at.info))
    assert at.button(key="dot-tv-luu").disabled and at.button(key="dot-sua-luu").disabled


def _component_table(at, component_id: int) -> list[str]:  # noqa: ANN001
    return list(frame(at, f"dot-tp-bang-diem-{component_id}").value["Đơn vị"])


def test_component_scores_entered_on_the_table_and_a_score_above_the_maximum_is_refused(demo_db, actors, unit_ids):
    arrange_tree(demo_db)
    round_id = arrange_round(demo_db, actors, unit_ids, ["SXD", "SNV"], name="Đợt điểm thành phần")
    at = _rounds(demo_db, round_id)
    at.text_input(key="dot-tp-ten").input("Điều tra xã hội học")
    at.text_input(key="dot-tp-max").input("10")
    at.button(key="dot-tp-them").click().run()
    no_exception(at)
    assert values(at.success) == ["Đã thêm thành phần điểm «Điều tra xã hội học»."]
    with session_scope(demo_db) as s:
        [component] = s.get(ParRound, round_id).components
        component_id = component.id
        assert component.max_score == Decimal(10)

    units = _component_table(at, component_id)
    assert units == ["Sở Nội vụ", "Sở Xây dựng"]
    key = f"dot-tp-bang-diem-{component_id}"
    at.session_state[key] = {"edited_rows": {units.index("Sở Xây dựng"): {"Điểm": "8,5"},
                                             units.index("Sở Nội vụ"): {"Điểm": "7"}},
                             "added_rows": [], "deleted_rows": []}
    at.button(key="dot-tp-luu").click().run()
    no_exception(at)
    assert values(at.success) == ["Đã lưu điểm «Điều tra xã hội học» của các đơn vị."]

    def saved() -> dict[int, Decimal]:
        with session_scope(demo_db) as s:
            return dict(s.execute(sa.select(ParComponentScore.unit_id, ParComponentScore.score).where(
                ParComponentScore.component_id == component_id)).all())

    assert saved() == {unit_ids["SXD"]: Decimal("8.5"), unit_ids["SNV"]: Decimal(7)}
    assert list(frame(at, key).value["Điểm"]) == ["7", "8,5"]

    at.session_state[key] = {"edited_rows": {units.index("Sở Xây dựng"): {"Điểm": "10,5"},
                                             units.index("Sở Nội vụ"): {"Điểm": "9"}},
                             "added_rows": [], "deleted_rows": []}
    at.button(key="dot-tp-luu").click().run()
    assert values(at.error) == [vi.PAR_COMPONENT_SCORE.format(value="10,5", unit="Sở Xây dựng", max="10")]
    assert saved() == {unit_ids["SXD"]: Decimal("8.5"), unit_ids["SNV"]: Decimal(7)}, "nothing saved"


def test_component_scores_imported_from_excel_every_row_checked(demo_db, actors, unit_ids, downloads):
    arrange_tree(demo_db)
    round_id = arrange_round(demo_db, actors, unit_ids, ["SXD", "SNV", "X-LAPVO"], name="Đợt nhập điểm")
    with session_scope(demo_db) as s:
        component_id = par_rounds.add_component(s, actors[ADMIN], round_id, "Điều tra xã hội học", "10")
    at = _rounds(demo_db, round_id)
    data, name = downloaded(at, downloads, "Tải tệp mẫu (.xlsx)")
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[0] == ("Mã đơn vị", "Tên đơn vị", "Điểm")
    assert sorted(r[0] for r in rows[1:]) == ["SNV", "SXD", "X-LAPVO"]

    bad = xlsx([["Mã đơn vị", "Tên đơn vị", "Điểm"], ["SXD", "Sở Xây dựng", 9], ["SNV", "Sở Nội vụ", 11],
                ["STC", "Sở Tài chính", 5]])
    at.file_uploader(key=f"dot-tp-tep-{component_id}.0").upload("diem.xlsx", bad).run()
    at.button(key="dot-tp-nhap").click().run()
    no_exception(at)
    assert values(at.error) == ["Tệp có 2 lỗi; chưa nhập dòng nào. Hãy sửa các lỗi dưới đây trong tệp rồi tải lên lại."]
    [table] = at.table
    assert table.value.to_dict("records") == [
        {"Dòng": "3", "Cột": "Điểm", "Lỗi": vi.PAR_COMPONENT_SCORE.format(value=11, unit="Sở Nội vụ", max="10")},
        {"Dòng": "4", "Cột": "Mã đơn vị", "Lỗi": vi.PAR_COMPONENT_UNIT.format(unit="STC")}]
    with session_scope(demo_db) as s:
        assert par_rounds.component_scores(s, component_id) == {}, "nothing imported"

    good = xlsx([["Mã đơn vị", "Tên đơn vị", "Điểm"], ["SXD", "Sở Xây dựng", 9], ["SNV", "Sở Nội vụ", "7,5"]])
    at.file_uploader(key=f"dot-tp-tep-{component_id}.0").set_value(("diem.xlsx", good, "application/octet-stream"))
    at.run()
    at.button(key="dot-tp-nhap").click().run()
    no_exception(at)
    assert values(at.success) == ["Đã nhập điểm «Điều tra xã hội học» của 2 đơn vị từ tệp «diem.xlsx»."]
    with session_scope(demo_db) as s:
        assert par_rounds.component_scores(s, component_id) == {unit_ids["SXD"]: Decimal(9),
                                                                unit_ids["SNV"]: Decimal("7.5")}


def test_only_the_par_administrator_opens_the_rounds_page(demo_db):
    for username in (ASSESSOR, LEADER, "capnhat.sxd"):
        at = page(ROUNDS, demo_db, username).run()
        assert values(at.error) == [vi.ERR_PAGE_FORBIDDEN], username
        assert not at.button


# ================================================================ results

@pytest.fixture
def ranked(demo_db, actors, unit_ids) -> int:
    """A round of the tests' year: three departments approved (with a survey component), a commune still drafting."""
    arrange_tree(demo_db)
    round_id = arrange_round(demo_db, actors, unit_ids, ["SXD", "SCT", "STC", "X-LAPVO"], name="Đợt xếp hạng")
    with session_scope(demo_db) as s:
        component_id = par_rounds.add_component(s, actors[ADMIN], round_id, "Điều tra xã hội học", "10")
        par_rounds.set_component_scores(s, actors[ADMIN], component_id, {unit_ids["SXD"]: "8", unit_ids["SCT"]: "9",
                                                                          unit_ids["STC"]: "6,5"})
    approve_all(demo_db, actors, round_id, unit_ids["SXD"], {"1.1": "35", "1.2": "20", "2.1": "40"})   # 95 + 8
    approve_all(demo_db, actors, round_id, unit_ids["SCT"], {"1.1": "30,5", "1.2": "20", "2.1": "20"})  # 70,5 + 9
    approve_all(demo_db, actors, round_id, unit_ids["STC"], {"1.1": "25", "1.2": "0", "2.1": "40"})    # 65 + 6,5
    return round_id


def _results(engine, username: str, round_id: int | None = None):  # noqa: ANN001, ANN202
    at = page(RESULTS, engine, username).run()
    no_exception(at)
    if round_id is not None:
        at.selectbox(key="kq-dot").set_value(round_id).run()
        no_exception(at)
    return at


def test_the_results_rank_units_on_the_approved_total_with_components_and_grades(demo_db, unit_ids, ranked):
    at = _results(demo_db, ADMIN, ranked)
    tables = ranking(at)
    assert list(tables) == [DEPT.label, COMMUNE.label]
    table = tables_with(at, "Hạng", "Xếp loại")[0]
    assert list(table.columns) == ["Hạng", "Đơn vị", "Tự đánh giá", "Thẩm định", "Phê duyệt", "Điều tra xã hội học",
                                   "Tổng điểm", "Tỷ lệ %", "Xếp loại", "Nộp muộn"], "all approved: no status column"
    got = [(r["Hạng"], r["Đơn vị"], r["Phê duyệt"], r["Điều tra xã hội học"], r["Tổng điểm"], r["Tỷ lệ %"],
            r["Xếp loại"]) for r in table.to_dict("records")]
    assert got == [("1", "Sở Xây dựng", "95", "8", "103", "93,64", "Xuất sắc"),       # 103/110
                   ("2", "Sở Công Thương", "70,5", "9", "79,5", "72,27", "Khá"),
                   ("3", "Sở Tài chính", "65", "6,5", "71,5", "65", "Trung bình")]
    local = tables[COMMUNE.label]
    assert [(r["Hạng"], r["Đơn vị"], r["Tự đánh giá"], r["Phê duyệt"], r["Tổng điểm"], r["Tình trạng"])
            for r in local] == [("—", "Xã Lấp Vò", "—", "—", "—", "Đang tự đánh giá")], "not approved: not ranked"
    assert ParUnitGroup.DEPARTMENT.label in values(at.subheader) and at.get("vega_lite_chart")

    # a unit's profile by field: self, appraised and approved side by side
    at.selectbox(key="kq-don-vi").set_value(unit_ids["SCT"]).run()
    no_exception(at)
    profile = tables_with(at, "Lĩnh vực", "Tối đa")[0].to_dict("records")
    assert [tuple(r.values()) for r in profile] == [
        ("1. Công tác chỉ đạo, điều hành cải cách hành chính", "60", "50,5", "50,5", "50,5"),
        ("2. Cải cách thể chế", "40", "20", "20", "20")]
    titles = [json.loads(c.proto.spec).get("title") for c in at.get("vega_lite_chart")]
    assert f"Xếp hạng {DEPT.label.lower()}" in titles
    assert any(m.value.startswith("**Sở Công Thương: điểm theo lĩnh vực**") for m in at.markdown)
    assert len(at.get("vega_lite_chart")) == 3  # the ranking, the unit's profile, the years


def test_the_excel_export_has_the_official_heading_and_the_ranked_rows(demo_db, actors, ranked, downloads):
    at = _results(demo_db, ADMIN, ranked)
    data, name = downloaded(at, downloads, "Tải kết quả (Excel)")
    assert name.startswith(f"ket-qua-chi-so-cchc-{YEAR}_") and name.endswith(".xlsx")
    ws = load_workbook(io.BytesIO(data)).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    heading = [v for r in rows for v in r if isinstance(v, str)]
    for line in (NATIONAL_TITLE, NATIONAL_MOTTO, "SỞ NỘI VỤ", f"KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {YEAR}"):
        assert line in heading, line
    header = next(i for i, r in enumerate(rows) if r[0] == "STT")
    titles = rows[header]
    body = [dict(zip(titles, r)) for r in rows[header + 1:header + 5]]
    assert [(r["Xếp hạng"], r["Đơn vị"], r["Tổng điểm"], r["Xếp loại"]) for r in body] == [
        (1, "Sở Xây dựng", 103, "Xuất sắc"), (2, "Sở Công Thương", 79.5, "Khá"),
        (3, "Sở Tài chính", 71.5, "Trung bình"),
        (None, "Xã Lấp Vò", None, None)]
    assert body[0]["Điều tra xã hội học"] == 8 and body[0]["Nhóm đơn vị"] == DEPT.label


def test_a_unit_editor_sees_only_its_own_row_with_its_place(demo_db, ranked):
    at = _results(demo_db, "capnhat.sxd", ranked)
    tables = ranking(at)
    assert list(tables) == [DEPT.label], "no commune of its own: no table of communes"
    assert [(r["Hạng"], r["Đơn vị"], r["Tổng điểm"]) for r in tables[DEPT.label]] == [("1", "Sở Xây dựng", "103")]
    shown = texts(at) + repr([d.value.to_dict() for d in at.dataframe])
    assert "Sở Công Thương" not in shown and "Sở Tài chính" not in shown and "Xã Lấp Vò" not in shown
    assert at.selectbox(key="kq-don-vi").options == ["Sở Xây dựng"]


def test_a_leader_reads_a_round_only_once_it_is_published_to_leaders(demo_db, actors, ranked):
    at = page(RESULTS, demo_db, LEADER).run()
    no_exception(at)
    options = at.selectbox(key="kq-dot").options if at.selectbox else []
    assert "Đợt xếp hạng" not in " ".join(options)
    with session_scope(demo_db) as s:
        par_rounds.publish(s, actors[ADMIN], ranked, to_leaders=True, to_public=False)
    at = _results(demo_db, LEADER, ranked)
    assert [r["Đơn vị"] for r in ranking(at)[DEPT.label]] == [
        "Sở Xây dựng", "Sở Công Thương", "Sở Tài chính"]


# ================================================================ the public page

def test_the_public_page_shows_only_rounds_published_to_the_public_with_totals_and_grades(demo_db, actors, unit_ids,
                                                                                        ranked):
    with session_scope(demo_db) as s:
        par_rounds.publish(s, actors[ADMIN], ranked, to_leaders=True, to_public=False)
    at = page(PUBLIC).run()
    no_exception(at)
    assert "account_id" not in at.session_state
    assert at.title[0].value == "Công bố kết quả Chỉ số cải cách hành chính"
    options = at.selectbox(key="ck-cchc-dot").options if at.selectbox else []
    assert not any("Đợt xếp hạng" in o for o in options), "published to leaders only: not public"

    with session_scope(demo_db) as s:
        par_rounds.publish(s, actors[ADMIN], ranked, to_leaders=True, to_public=True)
    at = page(PUBLIC).run()
    at.selectbox(key="ck-cchc-dot").set_value(ranked).run()
    no_exception(at)
    tables = ranking(at)
    assert list(tables) == [DEPT.label], "the commune is not approved yet: nothing of it is public"
    assert "Xã Lấp Vò" not in texts(at) + repr([d.value.to_dict() for d in at.dataframe])
    [table] = tables_with(at, "Hạng")
    assert list(table.columns) == ["Hạng", "Đơn vị", "Tổng điểm", "Tỷ lệ %", "Xếp loại"]
    assert [tuple(r.values()) for r in table.to_dict("records")] == [
        ("1", "Sở Xây dựng", "103", "93,64", "Xuất sắc"), ("2", "Sở Công Thương", "79,5", "72,27", "Khá"),
        ("3", "Sở Tài chính", "71,5", "65", "Trung bình")]
    assert not at.get("download_button") and not at.get("vega_lite_chart")


def test_the_ranking_chart_names_every_unit_and_keeps_acronyms():
    """Issue 8 item 15: 14 bars, 14 names (no label culled as overlapping), and «UBND cấp huyện» as written."""
    rows = pd.DataFrame({"unit": [f"UBND huyện Thử Nghiệm {i}" for i in range(14)],
                         "total": [Decimal(90 - i) for i in range(14)], "rank": list(range(1, 15)),
                         "grade": ["Tốt"] * 14})
    spec = par_admin.ranking_chart(rows, ParUnitGroup.DISTRICT).to_dict()
    axis = spec["encoding"]["y"]["axis"]
    assert axis["labelOverlap"] is False
    assert spec["height"] >= 14 * (axis["labelFontSize"] + 2 * axis["labelPadding"])
    assert spec["title"] == "Xếp hạng UBND cấp huyện"
    assert par_admin.ranking_chart(rows, DEPT).to_dict()["title"] == "Xếp hạng sở, ban, ngành tỉnh"
