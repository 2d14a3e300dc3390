"""Chỉ số CCHC, results: other score components (entered and from Excel), self / appraised / approved totals,
ranking within each kind of unit, grade bands from the settings, earlier years, the Excel export, publication
to leaders and the public, and who reads which rows.

Trees and rounds are the tests' own (2029, 2030), built through the services; rows of demo rounds are ignored.
"""
from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from lib.core import vi
from lib.core.db import session_scope
from lib.par.enums import ParUnitGroup
from lib.core.enums import Role
from lib.core.errors import NotFound, PermissionDenied, ValidationError
from lib.par import assessments as par_assessments, results as par_results, rounds as par_rounds
from lib.core.services import settings
from lib.par.catalogue import ImportRefused
from tests.unit.par_helpers import (ADMIN, ASSESSOR, COUNCIL, EDITOR, LEADER, LOCAL_EDITOR, SYSADMIN, VIEWER, YEAR,
                                    act, assessment_of, entries, load_tree, local_hierarchy, make_round,
                                    new_account, run_to_final)

DEPT, DISTRICT, COMMUNE = ParUnitGroup.DEPARTMENT, ParUnitGroup.DISTRICT, ParUnitGroup.COMMUNE
SURVEY = "Điều tra xã hội học"


def survey_round(engine, actors, unit_ids, codes=("SXD", "STC", "X-LAPVO")):  # noqa: ANN001, ANN201
    load_tree(engine, YEAR, DEPT)
    load_tree(engine, YEAR, COMMUNE)
    round_id = make_round(engine, actors, [unit_ids[c] for c in codes])
    component_id = act(engine, par_rounds.add_component, actors[ADMIN], round_id, SURVEY, "10")
    return round_id, component_id


def component_scores(engine, component_id: int) -> dict[int, Decimal]:  # noqa: ANN001
    with session_scope(engine) as s:
        return par_rounds.component_scores(s, component_id)


# =========================================================================== other components

def test_component_scores_are_entered_for_several_units(demo_db, actors, unit_ids):
    _round, component_id = survey_round(demo_db, actors, unit_ids)
    act(demo_db, par_rounds.set_component_scores, actors[ADMIN], component_id,
        {unit_ids["SXD"]: "8,5", unit_ids["STC"]: 3, unit_ids["X-LAPVO"]: ""})
    assert component_scores(demo_db, component_id) == {unit_ids["SXD"]: Decimal("8.5"), unit_ids["STC"]: 3}
    act(demo_db, par_rounds.set_component_scores, actors[ADMIN], component_id,
        {unit_ids["SXD"]: "9.25", unit_ids["X-LAPVO"]: "0"})
    assert component_scores(demo_db, component_id) == {unit_ids["SXD"]: Decimal("9.25"), unit_ids["STC"]: 3,
                                                       unit_ids["X-LAPVO"]: 0}


@pytest.mark.parametrize("value", ["10.5", "-1", "chín", float("nan")], ids=["above-max", "negative",
                                                                              "not-a-number", "nan"])
def test_a_wrong_component_score_is_refused_and_nothing_saved(demo_db, actors, unit_ids, value):
    _round, component_id = survey_round(demo_db, actors, unit_ids)
    act(demo_db, par_rounds.set_component_scores, actors[ADMIN], component_id, {unit_ids["STC"]: "2"})
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_rounds.set_component_scores, actors[ADMIN], component_id,
            {unit_ids["SXD"]: "8", unit_ids["STC"]: value})
    assert str(refused.value) == vi.PAR_COMPONENT_SCORE.format(value=value, unit="Sở Tài chính", max="10")
    assert component_scores(demo_db, component_id) == {unit_ids["STC"]: 2}


def test_a_component_score_of_a_unit_outside_the_round_is_refused(demo_db, actors, unit_ids):
    _round, component_id = survey_round(demo_db, actors, unit_ids)
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_rounds.set_component_scores, actors[ADMIN], component_id,
            {unit_ids["SXD"]: "8", unit_ids["SYT"]: "5"})
    assert str(refused.value) == vi.PAR_COMPONENT_UNIT.format(unit=unit_ids["SYT"])
    assert component_scores(demo_db, component_id) == {}


@pytest.mark.parametrize("maximum", ["0", "101", "mười", ""])
def test_a_component_needs_a_maximum_between_0_and_100(demo_db, actors, unit_ids, maximum):
    round_id, _component = survey_round(demo_db, actors, unit_ids)
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_rounds.add_component, actors[ADMIN], round_id, "Chỉ số hài lòng", maximum)
    assert str(refused.value) == vi.PAR_COMPONENT_MAX
    with session_scope(demo_db) as s:
        assert [c.name for c in par_rounds.get_round(s, round_id).components] == [SURVEY]


def test_only_the_par_administrator_handles_components(demo_db, actors, unit_ids):
    round_id, component_id = survey_round(demo_db, actors, unit_ids)
    with session_scope(demo_db) as s:
        template = par_rounds.component_template(s, component_id)
    for username in (SYSADMIN, EDITOR, ASSESSOR, COUNCIL, LEADER):
        actor = actors[username]
        for call in (lambda: act(demo_db, par_rounds.add_component, actor, round_id, "Khác", 5),
                     lambda: act(demo_db, par_rounds.set_component_scores, actor, component_id,
                                 {unit_ids["SXD"]: 5}),
                     lambda: act(demo_db, par_rounds.import_component_scores, actor, component_id, template)):
            with pytest.raises(PermissionDenied):
                call()
    assert component_scores(demo_db, component_id) == {}


def _fill(template: bytes, values: dict[str, object], extra: list[list] | None = None) -> bytes:
    wb = load_workbook(io.BytesIO(template))
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=2):
        if row[0].value in values:
            row[2].value = values[row[0].value]
    for line in extra or []:
        ws.append(line)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_component_scores_round_trip_through_the_excel_template(demo_db, actors, unit_ids):
    _round, component_id = survey_round(demo_db, actors, unit_ids)
    with session_scope(demo_db) as s:
        template = par_rounds.component_template(s, component_id)
    ws = load_workbook(io.BytesIO(template)).worksheets[0]
    assert [c.value for c in ws[1]] == ["Mã đơn vị", "Tên đơn vị", "Điểm"]
    assert sorted((r[0], r[1], r[2]) for r in ws.iter_rows(min_row=2, values_only=True)) == [
        ("STC", "Sở Tài chính", None), ("SXD", "Sở Xây dựng", None), ("X-LAPVO", "Xã Lấp Vò", None)]
    count = act(demo_db, par_rounds.import_component_scores, actors[ADMIN], component_id,
                _fill(template, {"SXD": 8.5, "STC": "7,25", "X-LAPVO": None}))
    assert count == 2
    assert component_scores(demo_db, component_id) == {unit_ids["SXD"]: Decimal("8.5"),
                                                       unit_ids["STC"]: Decimal("7.25")}
    # the next template shows what was saved, and reading it back changes nothing
    with session_scope(demo_db) as s:
        again = par_rounds.component_template(s, component_id)
    assert {r[0]: r[2] for r in load_workbook(io.BytesIO(again)).worksheets[0].iter_rows(min_row=2,
                                                                                          values_only=True)} == {
        "SXD": 8.5, "STC": 7.25, "X-LAPVO": None}
    act(demo_db, par_rounds.import_component_scores, actors[ADMIN], component_id, again)
    assert component_scores(demo_db, component_id) == {unit_ids["SXD"]: Decimal("8.5"),
                                                       unit_ids["STC"]: Decimal("7.25")}


def test_a_component_import_with_errors_saves_nothing(demo_db, actors, unit_ids):
    _round, component_id = survey_round(demo_db, actors, unit_ids)
    with session_scope(demo_db) as s:
        template = par_rounds.component_template(s, component_id)
    rows = {r[0]: n for n, r in enumerate(load_workbook(io.BytesIO(template)).worksheets[0].iter_rows(
        min_row=2, values_only=True), start=2)}
    data = _fill(template, {"SXD": 8, "STC": 12, "X-LAPVO": 5}, extra=[["SYT", "Sở Y tế", 6]])
    with pytest.raises(ImportRefused) as refused:
        act(demo_db, par_rounds.import_component_scores, actors[ADMIN], component_id, data)
    got = [(e.row, e.column, e.message) for e in refused.value.errors]
    assert got == [
        (rows["STC"], "Điểm", vi.PAR_COMPONENT_SCORE.format(value=12, unit="Sở Tài chính", max="10")),
        (5, "Mã đơn vị", vi.PAR_COMPONENT_UNIT.format(unit="SYT")),
    ]
    assert component_scores(demo_db, component_id) == {}
    with pytest.raises(ValidationError):
        act(demo_db, par_rounds.import_component_scores, actors[ADMIN], component_id, b"PK not really")
    empty = Workbook()
    empty.active.append(["Mã đơn vị", "Tên đơn vị", "Điểm"])
    buffer = io.BytesIO()
    empty.save(buffer)
    assert act(demo_db, par_rounds.import_component_scores, actors[ADMIN], component_id, buffer.getvalue()) == 0
    assert component_scores(demo_db, component_id) == {}


# =========================================================================== results

@pytest.fixture
def ranked(demo_db, actors, unit_ids):  # noqa: ANN001, ANN201
    """The 2030 round approved for four units; Phường Mỹ Tho still drafting.

    unit        approved  survey  total (of 110)
    SXD            80        8       88   (80 %)
    STC            85        3       88   (80 %)
    SCT            70        5       75   (68,18 %)
    X-LAPVO        60        6       66   (60 %)
    P-MYTHO      draft       —        —
    """
    ids = load_tree(demo_db, YEAR, DEPT)
    local_ids = load_tree(demo_db, YEAR, COMMUNE)
    codes = ("SXD", "STC", "SCT", "X-LAPVO", "P-MYTHO")
    round_id = make_round(demo_db, actors, [unit_ids[c] for c in codes])
    assessments = {c: assessment_of(demo_db, round_id, unit_ids[c]) for c in codes}
    run_to_final(demo_db, actors, assessments["SXD"], ids, {"2.1": "10"})
    run_to_final(demo_db, actors, assessments["STC"], ids, {"2.1": "15"})
    run_to_final(demo_db, actors, assessments["SCT"], ids, {"1.2": "0", "2.1": "20"})
    run_to_final(demo_db, actors, assessments["X-LAPVO"], local_ids, {"1.2": "0", "2.1": "10"})
    act(demo_db, par_assessments.save_self, actors[ADMIN], assessments["P-MYTHO"], entries(local_ids, {"1.1": "5"}))
    component_id = act(demo_db, par_rounds.add_component, actors[ADMIN], round_id, SURVEY, 10)
    act(demo_db, par_rounds.set_component_scores, actors[ADMIN], component_id,
        {unit_ids["SXD"]: 8, unit_ids["STC"]: 3, unit_ids["SCT"]: 5, unit_ids["X-LAPVO"]: 6})
    return round_id, component_id, assessments


def rank(value: object) -> int | None:
    return None if pd.isna(value) else int(value)


def table_of(engine, actor, round_id: int) -> dict[str, dict]:  # noqa: ANN001
    result = act(engine, par_results.results, actor, round_id)
    return {r["unit"]: {**r, "rank": rank(r["rank"])} for r in result.table.to_dict("records")}


def test_self_appraised_and_final_totals_by_field_and_in_total(demo_db, actors, ranked):
    round_id, component_id, _ = ranked
    result = act(demo_db, par_results.results, actors[ADMIN], round_id)
    rows = table_of(demo_db, actors[ADMIN], round_id)
    sxd = rows["Sở Xây dựng"]
    assert (sxd["self"], sxd["appraised"], sxd["final"], sxd[f"component_{component_id}"]) == (100, 80, 80, 8)
    assert (sxd["total"], sxd["max_total"], sxd["percent"]) == (88, 110, pytest.approx(80.0))
    sct = rows["Sở Công Thương"]
    assert (sct["self"], sct["final"], sct["total"], sct["percent"]) == (100, 70, 75, pytest.approx(68.1818, 1e-4))
    draft = rows["Phường Mỹ Tho"]
    assert (draft["self"], draft["appraised"], draft["final"], draft["total"], draft["rank"], draft["grade"]) == (
        5, 0, 0, None, None, "")
    per_field = {(r["unit"], r["code"]): (r["self"], r["appraised"], r["final"], r["max"])
                 for r in result.fields.to_dict("records")}
    assert per_field[("Sở Xây dựng", "1")] == (50, 50, 50, 50)
    assert per_field[("Sở Xây dựng", "2")] == (50, 30, 30, 50)
    assert per_field[("Sở Công Thương", "1")] == (50, 30, 30, 50)
    assert per_field[("Xã Lấp Vò", "1")] == (50, 30, 30, 50)
    assert per_field[("Xã Lấp Vò", "2")] == (50, 30, 30, 50)
    assert per_field[("Phường Mỹ Tho", "1")] == (5, None, None, 50)
    assert ("Phường Mỹ Tho", "2") not in per_field  # nothing scored there yet
    assert [c.name for c in result.components] == [SURVEY]


def test_ranking_within_each_kind_of_unit_on_approved_total_and_components(demo_db, actors, unit_ids, ranked):
    round_id, component_id, _ = ranked
    table = act(demo_db, par_results.results, actors[ADMIN], round_id).table
    assert [(r["group"], rank(r["rank"]), r["unit"]) for r in table.to_dict("records")] == [
        (DEPT, 1, "Sở Tài chính"), (DEPT, 1, "Sở Xây dựng"), (DEPT, 3, "Sở Công Thương"),
        (COMMUNE, 1, "Xã Lấp Vò"), (COMMUNE, None, "Phường Mỹ Tho")]
    # the components count: one more survey point puts Sở Tài chính alone in first place
    act(demo_db, par_rounds.set_component_scores, actors[ADMIN], component_id, {unit_ids["STC"]: 4})
    rows = table_of(demo_db, actors[ADMIN], round_id)
    assert (rows["Sở Tài chính"]["rank"], rows["Sở Xây dựng"]["rank"], rows["Sở Công Thương"]["rank"]) == (1, 2, 3)
    assert rows["Sở Tài chính"]["total"] == 89


def test_districts_and_communes_are_ranked_apart_each_on_its_own_tree(demo_db, actors, unit_ids):
    """Seed 004 art. 7.1, 7.5 (issue 8 item 11): a district never shares a ranking with communes, and each kind is
    scored on its own tree of the year."""
    district_ids = load_tree(demo_db, YEAR, DISTRICT)
    commune_ids = load_tree(demo_db, YEAR, COMMUNE)
    assert set(district_ids) == set(commune_ids) and set(district_ids.values()).isdisjoint(commune_ids.values())
    local = local_hierarchy(demo_db, actors)
    round_id = make_round(demo_db, actors, [local["H-THU"], unit_ids["X-LAPVO"], unit_ids["P-MYTHO"]])
    run_to_final(demo_db, actors, assessment_of(demo_db, round_id, local["H-THU"]), district_ids, {"2.1": "10"})
    run_to_final(demo_db, actors, assessment_of(demo_db, round_id, unit_ids["X-LAPVO"]), commune_ids)
    run_to_final(demo_db, actors, assessment_of(demo_db, round_id, unit_ids["P-MYTHO"]), commune_ids, {"2.1": "20"})
    table = act(demo_db, par_results.results, actors[ADMIN], round_id).table
    assert [(r["group"], rank(r["rank"]), r["unit"]) for r in table.to_dict("records")] == [
        (DISTRICT, 1, "UBND huyện Thử Nghiệm"), (COMMUNE, 1, "Xã Lấp Vò"), (COMMUNE, 2, "Phường Mỹ Tho")]


def test_grades_follow_the_bands_in_the_settings(demo_db, actors, ranked):
    round_id, _component, _ = ranked
    rows = table_of(demo_db, actors[ADMIN], round_id)
    assert {u: r["grade"] for u, r in rows.items()} == {
        "Sở Xây dựng": "Tốt", "Sở Tài chính": "Tốt", "Sở Công Thương": "Trung bình", "Xã Lấp Vò": "Trung bình",
        "Phường Mỹ Tho": ""}
    act(demo_db, settings.update, actors[SYSADMIN], {"par_grade_fair": 65, "par_grade_good": 81})
    rows = table_of(demo_db, actors[ADMIN], round_id)
    assert {u: r["grade"] for u, r in rows.items()} == {
        "Sở Xây dựng": "Khá", "Sở Tài chính": "Khá", "Sở Công Thương": "Khá", "Xã Lấp Vò": "Trung bình",
        "Phường Mỹ Tho": ""}
    act(demo_db, settings.update, actors[SYSADMIN], {"par_grade_average": 61})
    assert table_of(demo_db, actors[ADMIN], round_id)["Xã Lấp Vò"]["grade"] == "Yếu"


@pytest.mark.parametrize("percent, expected", [(100, "Xuất sắc"), (90, "Xuất sắc"), (89.99, "Tốt"), (80, "Tốt"),
                                               (70, "Khá"), (69.9, "Trung bình"), (50, "Trung bình"),
                                               (49.99, "Yếu"), (0, "Yếu"), (None, "")])
def test_default_grade_bands(engine, percent, expected):
    with session_scope(engine) as s:
        assert par_results.grade(par_results.grade_bands(s), percent) == expected


@pytest.mark.parametrize("values", [{"par_grade_good": 90}, {"par_grade_good": 95},
                                    {"par_grade_average": 70}, {"par_grade_excellent": 75, "par_grade_fair": 60}],
                         ids=["equal", "above", "average-equals-fair", "excellent-below-good"])
def test_grade_settings_must_go_down(demo_db, actors, values):
    with session_scope(demo_db) as s:
        before = settings.all_settings(s)
    with pytest.raises(ValidationError) as refused:
        act(demo_db, settings.update, actors[SYSADMIN], values)
    assert str(refused.value) == vi.SET_GRADE_ORDER
    with session_scope(demo_db) as s:
        assert settings.all_settings(s) == before


def test_comparison_with_earlier_years(demo_db, actors, unit_ids, ranked):
    round_2030, _component, _ = ranked
    ids_2029 = load_tree(demo_db, 2029, DEPT)
    round_2029 = make_round(demo_db, actors, [unit_ids["SXD"], unit_ids["STC"]], year=2029,
                            name="Đánh giá Chỉ số CCHC năm 2029")
    run_to_final(demo_db, actors, assessment_of(demo_db, round_2029, unit_ids["SXD"]), ids_2029, {"2.1": "20"})
    frame = act(demo_db, par_results.comparison, actors[ADMIN], DEPT)
    mine = frame[frame["unit"].isin(["Sở Xây dựng", "Sở Tài chính", "Sở Công Thương"])].set_index("unit")
    assert mine.loc["Sở Xây dựng", 2029] == 90 and mine.loc["Sở Xây dựng", 2030] == 88
    assert mine.loc["Sở Tài chính", 2030] == 88 and pd.isna(mine.loc["Sở Tài chính", 2029])
    for actor in (actors[ADMIN], actors[EDITOR]):
        history = act(demo_db, par_results.unit_history, actor, unit_ids["SXD"])
        history = history[history["year"].isin([2029, 2030])].sort_values("year")
        assert [(r["year"], r["total"], rank(r["rank"]), r["grade"], r["self"])
                for r in history.to_dict("records")] == [
            (2029, 90, 1, "Xuất sắc", 100), (2030, 88, 1, "Tốt", 100)]
    assert round_2030 != round_2029


def _cells(data: bytes) -> list[list[object]]:
    ws = load_workbook(io.BytesIO(data)).active
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_the_excel_export_is_in_the_official_layout(demo_db, actors, ranked):
    round_id, _component, _ = ranked
    with session_scope(demo_db) as s:
        data = par_results.to_excel(s, actors[ADMIN], round_id)
    rows = _cells(data)
    flat = [v for row in rows for v in row if v is not None]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat and "Độc lập - Tự do - Hạnh phúc" in flat
    assert "SỞ NỘI VỤ" in flat and f"KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {YEAR}" in flat
    assert any(isinstance(v, str) and v.startswith("Ngày trích xuất:") and actors[ADMIN].full_name in v for v in flat)
    header_at = next(i for i, row in enumerate(rows) if "Xếp hạng" in row)
    header = [v for v in rows[header_at] if v is not None]
    assert header == ["STT", "Nhóm đơn vị", "Xếp hạng", "Đơn vị", "Tự đánh giá", "Thẩm định", "Hội đồng phê duyệt",
                      SURVEY, "Tổng điểm", "Tỷ lệ (%)", "Xếp loại"]
    body = [row[:len(header)] for row in rows[header_at + 1:header_at + 6]]
    assert [r[1:4] for r in body] == [[DEPT.label, 1, "Sở Tài chính"], [DEPT.label, 1, "Sở Xây dựng"],
                                      [DEPT.label, 3, "Sở Công Thương"], [COMMUNE.label, 1, "Xã Lấp Vò"],
                                      [COMMUNE.label, None, "Phường Mỹ Tho"]]
    assert body[1][4:] == [100, 80, 80, 8, 88, 80, "Tốt"]
    # a unit's export holds its own row only
    with session_scope(demo_db) as s:
        own = _cells(par_results.to_excel(s, actors[EDITOR], round_id))
    units = [row[3] for row in own[header_at + 1:] if row[1] in (DEPT.label, COMMUNE.label)]
    assert units == ["Sở Xây dựng"]


def test_leaders_see_nothing_before_publication_and_the_public_only_totals(demo_db, actors, ranked):
    round_id, _component, assessments = ranked
    leader = actors[LEADER]
    for actor in (leader, None):
        with pytest.raises(NotFound):
            act(demo_db, par_results.results, actor, round_id)
        assert round_id not in [r.id for r in act(demo_db, par_results.readable_rounds, actor)]
    with pytest.raises(NotFound):
        act(demo_db, par_assessments.view, leader, assessments["SXD"])

    act(demo_db, par_rounds.publish, actors[ADMIN], round_id, to_leaders=True, to_public=False)
    seen = act(demo_db, par_results.results, leader, round_id)
    assert len(seen.table) == 5 and not seen.totals_only and len(seen.fields) == 9
    assert act(demo_db, par_assessments.view, leader, assessments["SXD"]).unit_name == "Sở Xây dựng"
    with pytest.raises(NotFound):
        act(demo_db, par_results.results, None, round_id)

    act(demo_db, par_rounds.publish, actors[ADMIN], round_id, to_leaders=False, to_public=True)
    public = act(demo_db, par_results.results, None, round_id)
    assert public.totals_only and public.fields.empty
    assert {r["unit"]: (r["total"], rank(r["rank"]), r["grade"]) for r in public.table.to_dict("records")} == {
        "Sở Xây dựng": (88, 1, "Tốt"), "Sở Tài chính": (88, 1, "Tốt"), "Sở Công Thương": (75, 3, "Trung bình"),
        "Xã Lấp Vò": (66, 1, "Trung bình")}  # Phường Mỹ Tho, not yet approved, is not published
    assert public.table["self"].isna().all() and public.table["appraised"].isna().all()
    assert round_id in [r.id for r in act(demo_db, par_results.readable_rounds, None)]
    assert len(act(demo_db, par_results.results, leader, round_id).table) == 5   # public implies leaders

    act(demo_db, par_rounds.publish, actors[ADMIN], round_id, to_leaders=False, to_public=False)
    for actor in (leader, None):
        with pytest.raises(NotFound):
            act(demo_db, par_results.results, actor, round_id)
    with pytest.raises(PermissionDenied):
        act(demo_db, par_rounds.publish, actors[EDITOR], round_id, to_leaders=True, to_public=True)


# =========================================================================== who reads which rows

def test_result_rows_follow_the_data_scope(demo_db, actors, unit_ids, ranked):
    round_id, _component, _ = ranked
    everyone = {"Sở Xây dựng", "Sở Tài chính", "Sở Công Thương", "Xã Lấp Vò", "Phường Mỹ Tho"}
    for username, expected in ((ADMIN, everyone), (SYSADMIN, everyone), (ASSESSOR, everyone), (COUNCIL, everyone),
                               (EDITOR, {"Sở Xây dựng"}), (VIEWER, {"Sở Xây dựng"}),
                               (LOCAL_EDITOR, {"Xã Lấp Vò"})):
        result = act(demo_db, par_results.results, actors[username], round_id)
        assert set(result.table["unit"]) == expected, username
        assert set(result.fields["unit"]) == expected, username
    # a unit sees its place among all units of its kind
    assert table_of(demo_db, actors[EDITOR], round_id)["Sở Xây dựng"]["rank"] == 1
    # an assessor who is not a member of this round reads nothing
    outsider = new_account(demo_db, actors, "tgv3.snv", actors[ASSESSOR].unit_id, Role.PAR_ASSESSOR)
    with pytest.raises(NotFound):
        act(demo_db, par_results.results, outsider, round_id)


def test_a_level_above_reads_the_results_of_the_levels_below(demo_db, actors, unit_ids):
    load_tree(demo_db, YEAR, DISTRICT)
    load_tree(demo_db, YEAR, COMMUNE)
    local = local_hierarchy(demo_db, actors)
    round_id = make_round(demo_db, actors, [local["H-THU"], local["X-THU"], unit_ids["X-LAPVO"]])
    names = {"H-THU": "UBND huyện Thử Nghiệm", "X-THU": "UBND xã Thử Nghiệm", "X-LAPVO": "Xã Lấp Vò"}
    for actor, expected in ((local["district"], {"H-THU", "X-THU"}), (local["commune"], {"X-THU"}),
                            (actors[LOCAL_EDITOR], {"X-LAPVO"})):
        table = act(demo_db, par_results.results, actor, round_id).table
        assert set(table["unit"]) == {names[c] for c in expected}
