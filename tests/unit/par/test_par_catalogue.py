"""Chỉ số CCHC, the criteria catalogue: parent maxima, scoring rules, evidence flag, copy from last year, Excel
round trip and import errors, the lock while a round uses the tree, scored criteria kept, only the PAR
administrator edits.

Trees are built for years no demo data uses (2030–2034), so demo PAR rows may exist or not.
"""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from lib.par import catalogue_data as par_catalogue_data
from lib.core import vi
from lib.core.db import session_scope
from lib.par.enums import ParUnitGroup, ScoringMethod
from lib.core.errors import PermissionDenied, ValidationError
from lib.par.models import ParCriterion
from lib.par import assessments as par_assessments, catalogue as par_catalogue, rounds as par_rounds
from lib.par.catalogue import C_CODE, C_MAX, C_METHOD, CriterionInput, ImportRefused, allowed_scores, check_score
from tests.unit.par_helpers import (ADMIN, ASSESSOR, COUNCIL, EDITOR, LEADER, SYSADMIN, YEAR, act, criterion_ids,
                                    entries, load_tree, make_round, maxima, snapshot)

DEPT = ParUnitGroup.DEPARTMENT


def add(engine, actor, code: str, name: str, **kw):  # noqa: ANN001, ANN003, ANN201
    return act(engine, par_catalogue.add_criterion, actor, YEAR, DEPT, CriterionInput(code, name, **kw))


def node(engine, code: str, year: int = YEAR) -> ParCriterion:  # noqa: ANN001
    with session_scope(engine) as s:
        return next(n for n in par_catalogue.tree(s, year, DEPT) if n.code == code)


# --------------------------------------------------------------------------- parent maximum = sum of children

def test_parent_maximum_is_recomputed_after_add_update_delete(demo_db, actors):
    admin = actors[ADMIN]
    add(demo_db, admin, "1", "Công tác chỉ đạo, điều hành CCHC")
    assert maxima(demo_db) == {"1": 0}
    add(demo_db, admin, "1.1", "Kế hoạch CCHC năm", max_score="2", method=ScoringMethod.RANGE, step="0.5")
    add(demo_db, admin, "1.2", "Báo cáo CCHC", max_score="1,5", method=ScoringMethod.YES_NO)
    add(demo_db, admin, "1.3", "Kiểm tra CCHC")
    add(demo_db, admin, "1.3.1", "Kế hoạch kiểm tra", max_score=1, method=ScoringMethod.LEVELS,
        levels=[("0", "Không"), ("0,5", "Chậm"), ("1", "Đúng hạn")])
    add(demo_db, admin, "1.3.2", "Tỷ lệ đơn vị được kiểm tra", max_score="0.75", method=ScoringMethod.RANGE,
        step="0.25")
    assert maxima(demo_db) == {"1": Decimal("5.25"), "1.1": 2, "1.2": Decimal("1.5"), "1.3": Decimal("1.75"),
                               "1.3.1": 1, "1.3.2": Decimal("0.75")}

    ids = criterion_ids(demo_db)
    act(demo_db, par_catalogue.update_criterion, admin, ids["1.3.2"],
        CriterionInput("1.3.2", "Tỷ lệ đơn vị được kiểm tra", "2", method=ScoringMethod.RANGE, step="0.25"))
    assert maxima(demo_db)["1.3"] == Decimal("3") and maxima(demo_db)["1"] == Decimal("6.5")

    # a maximum typed for a parent is not taken: a parent's maximum is its children's sum
    act(demo_db, par_catalogue.update_criterion, admin, ids["1.3"],
        CriterionInput("1.3", "Kiểm tra công tác CCHC", "99", method=ScoringMethod.RANGE, step="1"))
    parent = node(demo_db, "1.3")
    assert (parent.name, parent.max_score, parent.method) == ("Kiểm tra công tác CCHC", Decimal(3), None)

    act(demo_db, par_catalogue.delete_criterion, admin, ids["1.1"])
    assert maxima(demo_db) == {"1": Decimal("4.5"), "1.2": Decimal("1.5"), "1.3": Decimal("3"), "1.3.1": 1,
                               "1.3.2": Decimal("2")}

    # a child under a scored criterion makes it a parent: no rule of its own, maximum = the child's
    add(demo_db, admin, "1.2.1", "Báo cáo quý", max_score="0.5", method=ScoringMethod.YES_NO, evidence_required=True)
    became_parent = node(demo_db, "1.2")
    assert (became_parent.max_score, became_parent.method, became_parent.evidence_required) == (
        Decimal("0.5"), None, False)
    assert maxima(demo_db)["1"] == Decimal("3.5")


def test_deleting_a_parent_with_children_is_refused(demo_db, actors):
    ids = load_tree(demo_db)
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_catalogue.delete_criterion, actors[ADMIN], ids["1.3"])
    assert str(refused.value) == vi.PAR_HAS_CHILDREN.format(code="1.3")
    assert "1.3" in maxima(demo_db)


@pytest.mark.parametrize("year_data", [par_catalogue_data.DEPARTMENTS, par_catalogue_data.DISTRICTS,
                                       par_catalogue_data.COMMUNES], ids=["departments", "districts", "communes"])
def test_demo_trees_load_without_problems_and_total_100(engine, year_data):
    with session_scope(engine) as s:
        count = par_catalogue.load_data(s, 2031, DEPT, year_data)
    with session_scope(engine) as s:
        nodes = par_catalogue.tree(s, 2031, DEPT)
        assert len(nodes) == count > 20
        assert par_catalogue.problems(nodes) == []
        assert sum(n.max_score for n in par_catalogue.fields_of(nodes)) == 100
        children: dict[int, list] = {}
        for n in nodes:
            children.setdefault(n.parent_id, []).append(n)
        for n in nodes:
            if n.id in children:
                assert n.max_score == sum(k.max_score for k in children[n.id]) and n.method is None, n.code
            else:
                assert n.method is not None, n.code


def test_a_tree_with_wrong_total_or_unscored_leaf_has_problems(demo_db, actors):
    admin = actors[ADMIN]
    add(demo_db, admin, "1", "Lĩnh vực một")
    add(demo_db, admin, "1.1", "Tiêu chí có điểm", max_score="60", method=ScoringMethod.RANGE)
    add(demo_db, admin, "2", "Lĩnh vực hai chưa có tiêu chí")
    with session_scope(demo_db) as s:
        found = par_catalogue.problems(par_catalogue.tree(s, YEAR, DEPT))
    assert vi.PAR_METHOD_REQUIRED.format(code="2") in found
    assert any("phải bằng 100" in p and "60" in p for p in found)


# --------------------------------------------------------------------------- the scoring rule

def criterion(method: ScoringMethod, max_score: str, step: str | None = None,
              levels: list[str] | None = None) -> ParCriterion:
    return ParCriterion(code="9.9", name="Tiêu chí thử", max_score=Decimal(max_score), method=method,
                        step=Decimal(step) if step else None,
                        levels=[[v, f"Mức {v}"] for v in levels] if levels else None)


@pytest.mark.parametrize("step", ["0.25", "0.5", "1"])
def test_range_accepts_exactly_the_multiples_of_its_step(step):
    rule = criterion(ScoringMethod.RANGE, "3", step)
    accepted = []
    for hundredths in range(-100, 401, 5):        # -1.00 … 4.00 by 0.05
        value = Decimal(hundredths) / 100
        try:
            accepted.append(check_score(rule, value))
        except ValidationError:
            pass
    expected = [Decimal(step) * i for i in range(int(3 / Decimal(step)) + 1)]
    assert accepted == expected
    assert allowed_scores(rule) == expected


def test_yes_no_and_levels_accept_exactly_their_values():
    yes_no = criterion(ScoringMethod.YES_NO, "1.5")
    levels = criterion(ScoringMethod.LEVELS, "1", levels=["0", "0.25", "1"])
    candidates = [Decimal(h) / 100 for h in range(-50, 201, 5)]

    def accepted(rule: ParCriterion) -> list[Decimal]:
        out = []
        for value in candidates:
            try:
                out.append(check_score(rule, value))
            except ValidationError:
                pass
        return out

    assert accepted(yes_no) == [0, Decimal("1.5")]
    assert accepted(levels) == [0, Decimal("0.25"), 1]


@pytest.mark.parametrize("text, expected", [("0,75", "0.75"), (" 1.5 ", "1.5"), ("0", "0"), (2, "2"),
                                            (0.25, "0.25")])
def test_scores_typed_with_comma_or_as_numbers_are_read(text, expected):
    assert check_score(criterion(ScoringMethod.RANGE, "2", "0.25"), text) == Decimal(expected)


@pytest.mark.parametrize("rule, value, message", [
    (criterion(ScoringMethod.RANGE, "2", "0.25"), "2.25",
     vi.PAR_SCORE_OUT_OF_RANGE.format(code="9.9", max="2", value="2,25")),
    (criterion(ScoringMethod.RANGE, "2", "0.25"), "-0.25",
     vi.PAR_SCORE_OUT_OF_RANGE.format(code="9.9", max="2", value="-0,25")),
    (criterion(ScoringMethod.RANGE, "2", "0.5"), "0.75",
     vi.PAR_SCORE_STEP.format(code="9.9", step="0,5", value="0,75")),
    (criterion(ScoringMethod.RANGE, "2", "1"), "1.5",
     vi.PAR_SCORE_STEP.format(code="9.9", step="1", value="1,5")),
    (criterion(ScoringMethod.RANGE, "2", "0.25"), "hai điểm",
     vi.PAR_SCORE_NOT_NUMBER.format(code="9.9", value="hai điểm")),
    (criterion(ScoringMethod.RANGE, "2", "0.25"), "NaN",
     vi.PAR_SCORE_NOT_NUMBER.format(code="9.9", value="NaN")),
    (criterion(ScoringMethod.RANGE, "2", "0.25"), float("nan"),
     vi.PAR_SCORE_NOT_NUMBER.format(code="9.9", value="nan")),
    (criterion(ScoringMethod.YES_NO, "1"), "0.5", vi.PAR_SCORE_YES_NO.format(code="9.9", max="1", value="0,5")),
    (criterion(ScoringMethod.LEVELS, "1", levels=["0", "0.5", "1"]), "0.75",
     vi.PAR_SCORE_LEVELS.format(code="9.9", levels="0; 0,5; 1", value="0,75")),
    (criterion(ScoringMethod.LEVELS, "1", levels=["0", "0.5", "1"]), "1.5",
     vi.PAR_SCORE_OUT_OF_RANGE.format(code="9.9", max="1", value="1,5")),
    (ParCriterion(code="9", name="Lĩnh vực", max_score=Decimal(5), method=None), "1",
     vi.PAR_NOT_SCORED.format(code="9")),
], ids=["above-max", "negative", "off-step-0.5", "off-step-1", "not-a-number", "nan-text", "nan-float",
        "yes-no-half", "not-a-level", "level-above-max", "parent"])
def test_check_score_refuses_with_a_vietnamese_message(rule, value, message):
    with pytest.raises(ValidationError) as refused:
        check_score(rule, value)
    assert str(refused.value) == message


def _msg(template: str, code: str = "1.1", **kw) -> str:  # noqa: ANN003
    return template.format(code=code, **kw)


@pytest.mark.parametrize("data, message", [
    (CriterionInput("1.1", "X", "1", method=ScoringMethod.RANGE, step="0.3"), _msg(vi.PAR_STEP_INVALID)),
    (CriterionInput("1.1", "X", "0", method=ScoringMethod.YES_NO), _msg(vi.PAR_MAX_INVALID)),
    (CriterionInput("1.1", "X", "101", method=ScoringMethod.YES_NO), _msg(vi.PAR_MAX_INVALID)),
    (CriterionInput("1.1", "X", "1", method=ScoringMethod.LEVELS, levels=[("0.5", "a"), ("1", "b")]),
     _msg(vi.PAR_LEVELS_INVALID, max="1")),
    (CriterionInput("1.1", "X", "1", method=ScoringMethod.LEVELS, levels=[("0", "a"), ("0.5", "b")]),
     _msg(vi.PAR_LEVELS_INVALID, max="1")),
    (CriterionInput("1.1", "X", "1", method=ScoringMethod.LEVELS, levels=[("0", "a"), ("1", "b"), ("0.5", "c")]),
     _msg(vi.PAR_LEVELS_INVALID, max="1")),
    (CriterionInput("1.1", "", "1", method=ScoringMethod.YES_NO), _msg(vi.PAR_NAME_REQUIRED)),
    (CriterionInput("1.a", "X", "1", method=ScoringMethod.YES_NO), _msg(vi.PAR_CODE_INVALID, code="1.a")),
    (CriterionInput("2.1", "X", "1", method=ScoringMethod.YES_NO),
     _msg(vi.PAR_PARENT_MISSING, code="2.1", parent="2")),
    (CriterionInput("1", "X"), _msg(vi.PAR_CODE_TAKEN, code="1", year=YEAR, group=DEPT.label)),
], ids=["step-not-dividing", "max-zero", "max-over-100", "levels-not-from-0", "levels-not-to-max",
        "levels-not-increasing", "no-name", "bad-code", "missing-parent", "duplicate"])
def test_a_bad_criterion_is_refused_and_nothing_added(demo_db, actors, data, message):
    add(demo_db, actors[ADMIN], "1", "Lĩnh vực một")
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_catalogue.add_criterion, actors[ADMIN], YEAR, DEPT, data)
    assert str(refused.value) == message
    assert list(maxima(demo_db)) == ["1"]


def test_levels_are_stored_as_plain_numbers_and_labelled(demo_db, actors):
    admin = actors[ADMIN]
    add(demo_db, admin, "1", "Lĩnh vực")
    add(demo_db, admin, "1.1", "Theo mức", max_score="20", method=ScoringMethod.LEVELS,
        levels=[("0", "Không"), ("10,0", "Một phần"), ("20", "Đầy đủ")])
    stored = node(demo_db, "1.1")
    assert stored.levels == [["0", "Không"], ["10", "Một phần"], ["20", "Đầy đủ"]]
    assert allowed_scores(stored) == [0, 10, 20]
    assert par_catalogue.level_label(stored, Decimal("10.00")) == "10 — Một phần"


# --------------------------------------------------------------------------- evidence required

def test_evidence_required_flag_is_kept_and_only_on_scored_criteria(demo_db, actors):
    admin = actors[ADMIN]
    add(demo_db, admin, "1", "Lĩnh vực")
    add(demo_db, admin, "1.1", "Có tài liệu", max_score="1", method=ScoringMethod.YES_NO, evidence_required=True)
    add(demo_db, admin, "1.2", "Không cần tài liệu", max_score="1", method=ScoringMethod.YES_NO)
    assert (node(demo_db, "1.1").evidence_required, node(demo_db, "1.2").evidence_required) == (True, False)
    ids = criterion_ids(demo_db)
    act(demo_db, par_catalogue.update_criterion, admin, ids["1.1"],
        CriterionInput("1.1", "Có tài liệu", "1", method=ScoringMethod.YES_NO, evidence_required=False))
    act(demo_db, par_catalogue.update_criterion, admin, ids["1.2"],
        CriterionInput("1.2", "Không cần tài liệu", "1", method=ScoringMethod.YES_NO, evidence_required=True))
    assert (node(demo_db, "1.1").evidence_required, node(demo_db, "1.2").evidence_required) == (False, True)
    # a grouping node never requires evidence (it is not scored)
    act(demo_db, par_catalogue.update_criterion, admin, ids["1"], CriterionInput("1", "Lĩnh vực",
                                                                                   evidence_required=True))
    assert node(demo_db, "1").evidence_required is False


# --------------------------------------------------------------------------- copy from last year

def test_copy_from_last_year_gives_the_same_tree(demo_db, actors):
    load_tree(demo_db, 2030)
    count = act(demo_db, par_catalogue.copy_tree, actors[ADMIN], 2030, 2031, DEPT)
    assert count == len(snapshot(demo_db, 2030)) == 9
    assert snapshot(demo_db, 2031) == snapshot(demo_db, 2030)
    # the copy is a tree of its own: changing it leaves last year's as it was
    ids = criterion_ids(demo_db, 2031)
    act(demo_db, par_catalogue.update_criterion, actors[ADMIN], ids["2.2"],
        CriterionInput("2.2", "Giải quyết hồ sơ đúng hạn", "20", method=ScoringMethod.RANGE, step="1"))
    assert node(demo_db, "2.2", 2031).method == ScoringMethod.RANGE
    assert node(demo_db, "2.2", 2030).method == ScoringMethod.LEVELS


def test_copy_over_an_existing_tree_or_from_an_empty_year_is_refused(demo_db, actors):
    load_tree(demo_db, 2030)
    act(demo_db, par_catalogue.add_criterion, actors[ADMIN], 2031, DEPT, CriterionInput("1", "Đã bắt đầu"))
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_catalogue.copy_tree, actors[ADMIN], 2030, 2031, DEPT)
    assert str(refused.value) == vi.PAR_TREE_EXISTS.format(year=2031, group=DEPT.label)
    assert [row[0] for row in snapshot(demo_db, 2031)] == ["1"]
    with pytest.raises(ValidationError) as empty:
        act(demo_db, par_catalogue.copy_tree, actors[ADMIN], 2029, 2032, DEPT)
    assert str(empty.value) == vi.PAR_TREE_EMPTY.format(year=2029, group=DEPT.label)
    assert snapshot(demo_db, 2032) == []


# --------------------------------------------------------------------------- Excel

def export(engine, year: int = YEAR) -> bytes:  # noqa: ANN001
    with session_scope(engine) as s:
        return par_catalogue.export_excel(s, year, DEPT)


@pytest.mark.parametrize("nodes", [None, par_catalogue_data.DEPARTMENTS], ids=["small", "demo-departments"])
def test_excel_export_then_import_gives_the_same_tree(demo_db, actors, nodes):
    load_tree(demo_db, 2030, nodes=nodes)
    data = export(demo_db, 2030)
    ws = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws[1]][:4] == [C_CODE, "Tên lĩnh vực, tiêu chí, tiêu chí thành phần", C_MAX, C_METHOD]
    count = act(demo_db, par_catalogue.import_excel, actors[ADMIN], 2032, DEPT, data)
    assert count == len(snapshot(demo_db, 2030))
    assert snapshot(demo_db, 2032) == snapshot(demo_db, 2030)


def test_import_replaces_an_unused_tree(demo_db, actors):
    load_tree(demo_db, 2030)
    before = snapshot(demo_db, 2030)
    wb = load_workbook(io.BytesIO(export(demo_db, 2030)))
    ws = wb.active
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "2.1")
    row[1].value = "Công khai đầy đủ thủ tục hành chính"
    act(demo_db, par_catalogue.import_excel, actors[ADMIN], 2030, DEPT, save(wb))
    after = snapshot(demo_db, 2030)
    assert [r[0] for r in after] == [r[0] for r in before]
    assert dict((r[0], r[2]) for r in after)["2.1"] == "Công khai đầy đủ thủ tục hành chính"


def save(wb) -> bytes:  # noqa: ANN001
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _set(ws, code: str, column: str, value) -> int:  # noqa: ANN001
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == code:
            row[headers.index(column)].value = value
            return row[0].row
    raise AssertionError(code)


def _wrong_parent_sum(ws) -> list[tuple[int, str, str]]:  # noqa: ANN001
    _set(ws, "1", C_MAX, 55)     # consistent with the wrong 1.3, so that only 1.3 is wrong
    line = _set(ws, "1.3", C_MAX, 25)
    return [(line, C_MAX, vi.PAR_PARENT_SUM.format(code="1.3", max="25", sum="20"))]


def _bad_method(ws) -> list[tuple[int, str, str]]:  # noqa: ANN001
    line = _set(ws, "1.2", C_METHOD, "Tùy Hội đồng")
    return [(line, C_METHOD, "«Tùy Hội đồng» không phải một cách chấm")]


def _duplicate_code(ws) -> list[tuple[int, str, str]]:  # noqa: ANN001
    line = _set(ws, "1.3.2", C_CODE, "1.3.1")
    return [(line, C_CODE, vi.PAR_CODE_TAKEN.format(code="1.3.1", year=2032, group=DEPT.label))]


def _missing_parent(ws) -> list[tuple[int, str, str]]:  # noqa: ANN001
    ws.append(["3.1", "Tiêu chí không có lĩnh vực", 5, "Có/Không", None, "", "Không", ""])
    return [(ws.max_row, C_CODE, vi.PAR_PARENT_MISSING.format(code="3.1", parent="3"))]


def _bad_step_and_level(ws) -> list[tuple[int, str, str]]:  # noqa: ANN001
    step_line = _set(ws, "2.1", "Bước điểm", 0.7)
    level_line = _set(ws, "2.2", "Các mức điểm", "0: Dưới 90%; 25: Đúng hạn")
    return [(step_line, "Bước điểm", vi.PAR_STEP_INVALID.format(code="2.1")),
            (level_line, "Các mức điểm", vi.PAR_LEVELS_INVALID.split("{max}")[0].format(code="2.2"))]


@pytest.mark.parametrize("spoil", [_wrong_parent_sum, _bad_method, _duplicate_code, _missing_parent,
                                   _bad_step_and_level])
def test_import_errors_name_row_and_column_and_nothing_is_imported(demo_db, actors, spoil):
    load_tree(demo_db, 2030)
    load_tree(demo_db, 2032)  # the year to replace; it must stay as it was
    before = snapshot(demo_db, 2032)
    wb = load_workbook(io.BytesIO(export(demo_db, 2030)))
    expected = spoil(wb.active)
    with pytest.raises(ImportRefused) as refused:
        act(demo_db, par_catalogue.import_excel, actors[ADMIN], 2032, DEPT, save(wb))
    errors = refused.value.errors
    assert len(errors) == len(expected), [str(e) for e in errors]
    for (line, column, message), error in zip(expected, errors):
        assert (error.row, error.column) == (line, column)
        assert message in error.message
        assert str(error).startswith(f"Dòng {line}, cột «{column}»: ")
    assert "chưa nhập tiêu chí nào" in str(refused.value)
    assert snapshot(demo_db, 2032) == before
    # into an empty year, just as nothing
    with pytest.raises(ImportRefused):
        act(demo_db, par_catalogue.import_excel, actors[ADMIN], 2033, DEPT, save(wb))
    assert snapshot(demo_db, 2033) == []


def test_import_of_a_file_that_is_not_excel_is_refused(demo_db, actors):
    with pytest.raises(ValidationError):
        act(demo_db, par_catalogue.import_excel, actors[ADMIN], 2032, DEPT, b"not a workbook")
    assert snapshot(demo_db, 2032) == []


# --------------------------------------------------------------------------- the tree while a round uses it

@pytest.fixture
def used_tree(demo_db, actors, unit_ids):  # noqa: ANN001, ANN201
    ids = load_tree(demo_db)
    round_id = make_round(demo_db, actors, [unit_ids["SXD"]])
    return ids, round_id


@pytest.mark.parametrize("change", ["add", "delete", "max", "method", "step", "evidence", "import"])
def test_a_tree_used_by_an_open_round_keeps_its_structure(demo_db, actors, used_tree, change):
    ids, _round = used_tree
    admin = actors[ADMIN]
    before = snapshot(demo_db)
    calls = {
        "add": lambda: act(demo_db, par_catalogue.add_criterion, admin, YEAR, DEPT,
                           CriterionInput("2.3", "Tiêu chí mới", "1", method=ScoringMethod.YES_NO)),
        "delete": lambda: act(demo_db, par_catalogue.delete_criterion, admin, ids["2.2"]),
        "max": lambda: act(demo_db, par_catalogue.update_criterion, admin, ids["1.2"],
                           CriterionInput("1.2", "Báo cáo cải cách hành chính đúng hạn", "15",
                                          method=ScoringMethod.YES_NO)),
        "method": lambda: act(demo_db, par_catalogue.update_criterion, admin, ids["1.2"],
                              CriterionInput("1.2", "Báo cáo cải cách hành chính đúng hạn", "20",
                                             method=ScoringMethod.RANGE, step="1")),
        "step": lambda: act(demo_db, par_catalogue.update_criterion, admin, ids["1.1"],
                            CriterionInput("1.1", "Kế hoạch cải cách hành chính năm", "10",
                                           method=ScoringMethod.RANGE, step="1", evidence_required=True)),
        "evidence": lambda: act(demo_db, par_catalogue.update_criterion, admin, ids["1.2"],
                                CriterionInput("1.2", "Báo cáo cải cách hành chính đúng hạn", "20",
                                               method=ScoringMethod.YES_NO, evidence_required=True)),
        "import": lambda: act(demo_db, par_catalogue.import_excel, admin, YEAR, DEPT, export(demo_db)),
    }
    with pytest.raises(ValidationError) as refused:
        calls[change]()
    assert "đang được sử dụng trong đợt đánh giá" in str(refused.value)
    assert f"Đánh giá Chỉ số CCHC năm {YEAR}" in str(refused.value)
    assert snapshot(demo_db) == before


def test_wording_may_be_corrected_while_the_tree_is_used(demo_db, actors, used_tree):
    ids, _round = used_tree
    act(demo_db, par_catalogue.update_criterion, actors[ADMIN], ids["1.1"],
        CriterionInput("1.1", "Kế hoạch cải cách hành chính năm (sửa lời văn)", "10", "Hướng dẫn mới",
                       ScoringMethod.RANGE, "0.5", [], True))
    act(demo_db, par_catalogue.update_criterion, actors[ADMIN], ids["1"],
        CriterionInput("1", "Công tác chỉ đạo, điều hành CCHC của cơ quan"))
    changed = node(demo_db, "1.1")
    assert (changed.name, changed.guidance, changed.max_score, changed.step) == (
        "Kế hoạch cải cách hành chính năm (sửa lời văn)", "Hướng dẫn mới", 10, Decimal("0.5"))
    assert node(demo_db, "1").name == "Công tác chỉ đạo, điều hành CCHC của cơ quan"


def test_the_lock_is_per_year_and_kind_of_unit_and_ends_with_the_round(demo_db, actors, used_tree):
    ids, round_id = used_tree
    admin = actors[ADMIN]
    # the local governments' tree of the same year is not used by the round
    load_tree(demo_db, YEAR, ParUnitGroup.COMMUNE)
    act(demo_db, par_catalogue.add_criterion, admin, YEAR, ParUnitGroup.COMMUNE,
        CriterionInput("2.3", "Tiêu chí mới", "1", method=ScoringMethod.YES_NO))
    act(demo_db, par_rounds.close_round, admin, round_id)
    act(demo_db, par_catalogue.add_criterion, admin, YEAR, DEPT,
        CriterionInput("2.3", "Tiêu chí mới", "1", method=ScoringMethod.YES_NO))
    assert maxima(demo_db)["2"] == 51


def test_deleting_a_scored_criterion_is_refused(demo_db, actors, used_tree):
    ids, round_id = used_tree
    admin = actors[ADMIN]
    with session_scope(demo_db) as s:
        assessment_id = par_rounds.assessments_of(s, round_id)[0].id
    act(demo_db, par_assessments.save_self, actors[EDITOR], assessment_id, entries(ids, {"1.3.2": "2.5"}))
    act(demo_db, par_rounds.close_round, admin, round_id)
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_catalogue.delete_criterion, admin, ids["1.3.2"])
    assert str(refused.value) == vi.PAR_HAS_SCORES.format(code="1.3.2")
    # its field has scores too; an unscored criterion of the closed year may go
    act(demo_db, par_catalogue.delete_criterion, admin, ids["2.2"])
    assert "1.3.2" in maxima(demo_db) and "2.2" not in maxima(demo_db)
    # nor may a scored criterion be turned into a parent
    with pytest.raises(ValidationError) as parent:
        act(demo_db, par_catalogue.add_criterion, admin, YEAR, DEPT,
            CriterionInput("1.3.2.1", "Con", "1", method=ScoringMethod.YES_NO))
    assert "1.3.2" in str(parent.value)


# --------------------------------------------------------------------------- only the PAR administrator

@pytest.mark.parametrize("username", [SYSADMIN, EDITOR, ASSESSOR, COUNCIL, LEADER])
def test_only_the_par_administrator_edits_the_catalogue(demo_db, actors, username):
    ids = load_tree(demo_db)
    actor = actors[username]
    before = snapshot(demo_db)
    data = export(demo_db)
    calls = [
        lambda: act(demo_db, par_catalogue.add_criterion, actor, YEAR, DEPT,
                    CriterionInput("2.3", "Mới", "1", method=ScoringMethod.YES_NO)),
        lambda: act(demo_db, par_catalogue.update_criterion, actor, ids["1"], CriterionInput("1", "Đổi tên")),
        lambda: act(demo_db, par_catalogue.delete_criterion, actor, ids["2.2"]),
        lambda: act(demo_db, par_catalogue.copy_tree, actor, YEAR, 2031, DEPT),
        lambda: act(demo_db, par_catalogue.import_excel, actor, 2031, DEPT, data),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert snapshot(demo_db) == before
    assert snapshot(demo_db, 2031) == []
