"""Chỉ số CCHC, the work of a round: rounds (units, deadline, members, closing), the unit's self-assessment,
appraisal by the assistance team with evidence requests, the council's approval, history, data scope.

Trees and rounds are the tests' own (year 2030), built through the services; one `act` per user action.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
import sqlalchemy as sa

from lib.core import vi
from lib.core.calendar import local_today
from lib.core.db import session_scope
from lib.core.enums import AuditAction, Role
from lib.par.enums import (ParAssessmentStatus, ParEventKind, ParFieldStatus, ParMemberKind, ParRequestStatus,
                           ParRoundStatus, ParUnitGroup)
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.par.models import (ParAssessment, ParEvent, ParEvidenceRequest, ParFieldReview, ParRound, ParRoundMember,
                            ParScore)
from lib.core.services import attachments
from lib.par import assessments as par_assessments, rounds as par_rounds
from lib.par.assessments import Entry
from lib.par.rounds import RoundInput
from tests.unit.core_helpers import audit_since, max_audit_id
from tests.unit.par_helpers import (ADMIN, ASSESSOR, COUNCIL, DEADLINE, EDITOR, FULL, LEADER, LOCAL_EDITOR, PDF,
                                    SMALL_TREE, SYSADMIN, UNIT_ADMIN, VIEWER, YEAR, act, appraise_field,
                                    assessment_of, at, criterion_ids, entries, load_tree, local_hierarchy, make_round,
                                    new_account, self_assess, upload)

DEPT, DISTRICT, COMMUNE = ParUnitGroup.DEPARTMENT, ParUnitGroup.DISTRICT, ParUnitGroup.COMMUNE


@pytest.fixture
def trees(demo_db):  # noqa: ANN001, ANN201
    """The small tree for the three kinds of unit in 2030; criterion ids by code of the departments' tree."""
    ids = load_tree(demo_db, YEAR, DEPT)
    load_tree(demo_db, YEAR, DISTRICT)
    load_tree(demo_db, YEAR, COMMUNE)
    return ids


@pytest.fixture
def sxd(demo_db, actors, unit_ids, trees):  # noqa: ANN001, ANN201
    """A round of Sở Xây dựng and Xã Lấp Vò; returns (round id, SXD's assessment id)."""
    round_id = make_round(demo_db, actors, [unit_ids["SXD"], unit_ids["X-LAPVO"]])
    return round_id, assessment_of(demo_db, round_id, unit_ids["SXD"])


def scores_of(engine, assessment_id: int, ids: dict[str, int]) -> dict[str, tuple]:  # noqa: ANN001
    code_of = {v: k for k, v in ids.items()}
    with session_scope(engine) as s:
        return {code_of[r.criterion_id]: (r.self_score, r.appraised_score, r.final_score)
                for r in s.scalars(sa.select(ParScore).where(ParScore.assessment_id == assessment_id))}


def status(engine, assessment_id: int) -> ParAssessmentStatus:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.get(ParAssessment, assessment_id).status


def field_state(engine, assessment_id: int, field_id: int) -> tuple[ParFieldStatus, int, str]:  # noqa: ANN001
    with session_scope(engine) as s:
        review = s.scalar(sa.select(ParFieldReview).where(ParFieldReview.assessment_id == assessment_id,
                                                          ParFieldReview.field_id == field_id))
        return review.status, review.version, review.council_comment


def events(engine, assessment_id: int) -> list[tuple[ParEventKind, str, str | None]]:  # noqa: ANN001
    with session_scope(engine) as s:
        return [(e.kind, e.actor_name, e.text) for e in s.scalars(
            sa.select(ParEvent).where(ParEvent.assessment_id == assessment_id).order_by(ParEvent.at, ParEvent.id))]


def view(engine, actor, assessment_id: int):  # noqa: ANN001, ANN201
    return act(engine, par_assessments.view, actor, assessment_id)


def later(days: int = 7) -> date:
    return local_today() + timedelta(days=days)


# =========================================================================== rounds

def test_a_round_opens_self_assessment_for_its_units_with_a_deadline(demo_db, actors, unit_ids, trees):
    round_id = act(demo_db, par_rounds.create_round, actors[ADMIN],
                   RoundInput(YEAR, "  Đánh giá Chỉ số CCHC năm 2030  ", DEADLINE,
                              [unit_ids["SXD"], unit_ids["STC"], unit_ids["X-LAPVO"], unit_ids["SXD"]]))
    with session_scope(demo_db) as s:
        row = s.get(ParRound, round_id)
        assert (row.year, row.name, row.self_deadline, row.status, row.created_by_id) == (
            YEAR, "Đánh giá Chỉ số CCHC năm 2030", DEADLINE, ParRoundStatus.OPEN, actors[ADMIN].id)
        got = {(a.unit_id, a.unit_group, a.status) for a in par_rounds.assessments_of(s, round_id)}
    assert got == {(unit_ids["SXD"], DEPT, ParAssessmentStatus.DRAFT),
                   (unit_ids["STC"], DEPT, ParAssessmentStatus.DRAFT),
                   (unit_ids["X-LAPVO"], COMMUNE, ParAssessmentStatus.DRAFT)}
    act(demo_db, par_rounds.update_round, actors[ADMIN], round_id, name="Đợt 2030", self_deadline=date(2030, 4, 15))
    act(demo_db, par_rounds.add_units, actors[ADMIN], round_id, [unit_ids["SYT"]])
    with session_scope(demo_db) as s:
        assert s.get(ParRound, round_id).self_deadline == date(2030, 4, 15)
        assert len(par_rounds.assessments_of(s, round_id)) == 4


def round_count(engine) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(sa.func.count()).select_from(ParRound).where(ParRound.year.in_([2030, 2031])))


@pytest.mark.parametrize("code", ["UBND", "VP-TH", "SGTVT", "TT-LAPVO"],
                         ids=["province-committee", "sub-unit", "merged-department", "merged-commune"])
def test_only_active_departments_and_local_governments_are_assessed(demo_db, actors, unit_ids, trees, code):
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_rounds.create_round, actors[ADMIN],
            RoundInput(YEAR, "Đợt 2030", DEADLINE, [unit_ids["SXD"], unit_ids[code]]))
    assert "không thuộc nhóm được đánh giá Chỉ số CCHC" in str(refused.value)
    assert round_count(demo_db) == 0


def test_a_round_needs_a_name_and_units_and_only_the_par_administrator_opens_one(demo_db, actors, unit_ids, trees):
    with pytest.raises(ValidationError, match="tên đợt"):
        act(demo_db, par_rounds.create_round, actors[ADMIN], RoundInput(YEAR, " ", DEADLINE, [unit_ids["SXD"]]))
    with pytest.raises(ValidationError) as none:
        act(demo_db, par_rounds.create_round, actors[ADMIN], RoundInput(YEAR, "Đợt 2030", DEADLINE, []))
    assert str(none.value) == vi.PAR_ROUND_NO_UNITS
    for username in (SYSADMIN, EDITOR, ASSESSOR, COUNCIL, LEADER):
        with pytest.raises(PermissionDenied):
            act(demo_db, par_rounds.create_round, actors[username],
                RoundInput(YEAR, "Đợt 2030", DEADLINE, [unit_ids["SXD"]]))
    assert round_count(demo_db) == 0


def test_a_unit_is_in_one_round_per_year(demo_db, actors, unit_ids, trees):
    first = make_round(demo_db, actors, [unit_ids["SXD"]], name="Đợt chính 2030")
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_rounds.create_round, actors[ADMIN],
            RoundInput(YEAR, "Đợt bổ sung 2030", DEADLINE, [unit_ids["STC"], unit_ids["SXD"]]))
    assert str(refused.value) == vi.PAR_ROUND_UNIT_TAKEN.format(unit="Sở Xây dựng", round="Đợt chính 2030",
                                                                year=YEAR)
    assert round_count(demo_db) == 1
    second = make_round(demo_db, actors, [unit_ids["STC"]], name="Đợt bổ sung 2030")
    with pytest.raises(ValidationError):
        act(demo_db, par_rounds.add_units, actors[ADMIN], second, [unit_ids["SXD"]])
    with pytest.raises(ValidationError):  # nor twice in the same round
        act(demo_db, par_rounds.add_units, actors[ADMIN], first, [unit_ids["SXD"]])
    with session_scope(demo_db) as s:
        assert [a.unit_id for a in par_rounds.assessments_of(s, first)] == [unit_ids["SXD"]]
        assert [a.unit_id for a in par_rounds.assessments_of(s, second)] == [unit_ids["STC"]]
    # another year is another round
    load_tree(demo_db, 2031, DEPT)
    make_round(demo_db, actors, [unit_ids["SXD"]], year=2031)


def test_a_round_needs_a_valid_tree_for_each_kind_of_unit(demo_db, actors, unit_ids):
    load_tree(demo_db, YEAR, DEPT)
    with pytest.raises(ValidationError) as no_local:
        act(demo_db, par_rounds.create_round, actors[ADMIN],
            RoundInput(YEAR, "Đợt 2030", DEADLINE, [unit_ids["SXD"], unit_ids["X-LAPVO"]]))
    assert str(no_local.value) == vi.PAR_TREE_EMPTY.format(year=YEAR, group=COMMUNE.label)
    # a tree whose total is 90, not 100
    short = [SMALL_TREE[0], {**SMALL_TREE[1], "max": "40", "children": [
        {**SMALL_TREE[1]["children"][0], "max": "20"}, SMALL_TREE[1]["children"][1]]}]
    load_tree(demo_db, 2031, DEPT, short)
    with pytest.raises(ValidationError) as invalid:
        act(demo_db, par_rounds.create_round, actors[ADMIN],
            RoundInput(2031, "Đợt 2031", date(2031, 3, 31), [unit_ids["SXD"]]))
    assert str(invalid.value).startswith(f"Bộ tiêu chí năm 2031 ({DEPT.label}) chưa hợp lệ")
    assert "phải bằng 100" in str(invalid.value)
    assert round_count(demo_db) == 0


def members(engine, round_id: int) -> set[tuple[str, ParMemberKind, int]]:  # noqa: ANN001
    with session_scope(engine) as s:
        return {(m.field_code, m.kind, m.account_id) for m in s.scalars(
            sa.select(ParRoundMember).where(ParRoundMember.round_id == round_id))}


@pytest.mark.parametrize("kind, username", [(ParMemberKind.ASSESSOR, COUNCIL), (ParMemberKind.ASSESSOR, EDITOR),
                                            (ParMemberKind.COUNCIL, ASSESSOR), (ParMemberKind.COUNCIL, ADMIN)])
def test_members_of_a_field_must_hold_the_role(demo_db, actors, sxd, kind, username):
    round_id, _ = sxd
    before = members(demo_db, round_id)
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_rounds.set_members, actors[ADMIN], round_id, "1", kind,
            [actors[ASSESSOR if kind == ParMemberKind.ASSESSOR else COUNCIL].id, actors[username].id])
    role = Role.PAR_ASSESSOR if kind == ParMemberKind.ASSESSOR else Role.PAR_COUNCIL
    assert str(refused.value) == vi.PAR_ROUND_MEMBER_ROLE.format(name=actors[username].full_name, role=role.label)
    assert members(demo_db, round_id) == before


def test_members_are_replaced_per_field(demo_db, actors, sxd):
    round_id, _ = sxd
    other = new_account(demo_db, actors, "tgv2.snv", actors[ASSESSOR].unit_id, Role.PAR_ASSESSOR)
    act(demo_db, par_rounds.set_members, actors[ADMIN], round_id, "2", ParMemberKind.ASSESSOR, [other.id])
    assert members(demo_db, round_id) == {
        ("1", ParMemberKind.ASSESSOR, actors[ASSESSOR].id), ("2", ParMemberKind.ASSESSOR, other.id),
        ("1", ParMemberKind.COUNCIL, actors[COUNCIL].id), ("2", ParMemberKind.COUNCIL, actors[COUNCIL].id)}


def test_removing_members_writes_audit_rows(demo_db, actors, sxd):
    """A member dropped from the list leaves the round through the orphan cascade; the audit trail still shows who
    removed whom (issue 8 item 9; seed 004 art. 5.2)."""
    round_id, _ = sxd
    start = max_audit_id(demo_db)
    act(demo_db, par_rounds.set_members, actors[ADMIN], round_id, "1", ParMemberKind.ASSESSOR, [])
    removed = [r for r in audit_since(demo_db, start) if r["entity"] == "par_round_members"]
    assert [(r["action"], r["actor_id"], r["before"]["account_id"], r["before"]["field_code"]) for r in removed] == [
        (AuditAction.DELETE, actors[ADMIN].id, actors[ASSESSOR].id, "1")]


def test_a_closed_round_refuses_every_change(demo_db, actors, unit_ids, sxd, trees):
    round_id, assessment_id = sxd
    act(demo_db, par_assessments.save_self, actors[EDITOR], assessment_id, entries(trees, {"1.1": "5"}))
    act(demo_db, par_rounds.close_round, actors[ADMIN], round_id)
    closed = vi.PAR_ROUND_CLOSED.format(round=f"Đánh giá Chỉ số CCHC năm {YEAR}")
    calls = [
        lambda: act(demo_db, par_rounds.update_round, actors[ADMIN], round_id, name="Đổi tên",
                    self_deadline=date(2030, 5, 1)),
        lambda: act(demo_db, par_rounds.add_units, actors[ADMIN], round_id, [unit_ids["STC"]]),
        lambda: act(demo_db, par_rounds.set_members, actors[ADMIN], round_id, "1", ParMemberKind.ASSESSOR, []),
        lambda: act(demo_db, par_rounds.add_component, actors[ADMIN], round_id, "Điều tra xã hội học", 10),
        lambda: act(demo_db, par_rounds.close_round, actors[ADMIN], round_id),
        lambda: act(demo_db, par_assessments.save_self, actors[EDITOR], assessment_id, entries(trees, {"1.1": "6"})),
        lambda: act(demo_db, par_assessments.add_evidence, actors[EDITOR], assessment_id, trees["1.1"], upload()),
        lambda: act(demo_db, par_assessments.submit, actors[EDITOR], assessment_id),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as refused:
            call()
        assert str(refused.value) == closed
    with session_scope(demo_db) as s:
        row = s.get(ParRound, round_id)
        assert (row.name, row.self_deadline, row.status, len(row.components)) == (
            f"Đánh giá Chỉ số CCHC năm {YEAR}", DEADLINE, ParRoundStatus.CLOSED, 0)
        assert len(par_rounds.assessments_of(s, round_id)) == 2
    assert len(members(demo_db, round_id)) == 4
    assert scores_of(demo_db, assessment_id, trees)["1.1"][0] == 5
    assert status(demo_db, assessment_id) == ParAssessmentStatus.DRAFT
    assert view(demo_db, actors[EDITOR], assessment_id).can_edit_self is False


# =========================================================================== self-assessment

def test_a_wrong_score_is_refused_and_nothing_saved(demo_db, actors, sxd, trees):
    _round, assessment_id = sxd
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_assessments.save_self, actors[EDITOR], assessment_id,
            entries(trees, {"1.1": "7.5", "1.2": "10", "1.3.1": "7", "2.1": "31"}, "Giải trình"))
    message = str(refused.value)
    assert vi.PAR_SCORE_YES_NO.format(code="1.2", max="20", value="10") in message
    assert vi.PAR_SCORE_LEVELS.format(code="1.3.1", levels="0; 5; 10", value="7") in message
    assert vi.PAR_SCORE_OUT_OF_RANGE.format(code="2.1", max="30", value="31") in message
    assert "1.1" not in message
    assert scores_of(demo_db, assessment_id, trees) == {}
    # a parent criterion is not scored
    with pytest.raises(NotFound):
        act(demo_db, par_assessments.save_self, actors[EDITOR], assessment_id, {trees["1.3"]: Entry("5")})
    assert scores_of(demo_db, assessment_id, trees) == {}


def test_the_draft_is_kept_between_visits(demo_db, actors, sxd, trees):
    _round, assessment_id = sxd
    act(demo_db, par_assessments.save_self, actors[EDITOR], assessment_id,
        {trees["1.1"]: Entry("7,5", "Kế hoạch số 12/KH-SXD"), trees["2.2"]: Entry("10", "")})
    act(demo_db, par_assessments.save_self, actors[EDITOR], assessment_id,
        {trees["2.2"]: Entry(None, "Chưa có số liệu quý IV"), trees["1.2"]: Entry("20")})
    seen = view(demo_db, actors[EDITOR], assessment_id)
    rows = {r.code: r for f in seen.fields for r in f.rows}
    assert (rows["1.1"].self_score, rows["1.1"].explanation) == (Decimal("7.5"), "Kế hoạch số 12/KH-SXD")
    assert (rows["2.2"].self_score, rows["2.2"].explanation) == (None, "Chưa có số liệu quý IV")
    assert rows["1.2"].self_score == 20 and rows["2.1"].self_score is None
    assert [f.self_total for f in seen.fields] == [Decimal("27.5"), 0]
    assert seen.status == ParAssessmentStatus.DRAFT and seen.can_edit_self


def test_a_stale_form_is_refused(demo_db, actors, sxd, trees):
    _round, assessment_id = sxd
    version = view(demo_db, actors[EDITOR], assessment_id).version
    act(demo_db, par_assessments.save_self, actors[UNIT_ADMIN], assessment_id, entries(trees, {"1.1": "8"}),
        expected_version=version)
    with pytest.raises(ConflictError):
        act(demo_db, par_assessments.save_self, actors[EDITOR], assessment_id, entries(trees, {"1.1": "2"}),
            expected_version=version)
    assert scores_of(demo_db, assessment_id, trees)["1.1"][0] == 8


def test_submission_needs_every_criterion_scored(demo_db, actors, sxd, trees):
    _round, assessment_id = sxd
    act(demo_db, par_assessments.save_self, actors[EDITOR], assessment_id,
        entries(trees, {c: v for c, v in FULL.items() if c not in ("1.3.2", "2.2")}, "Giải trình"))
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_assessments.submit, actors[EDITOR], assessment_id, now=at(2030, 3, 20))
    assert str(refused.value) == vi.PAR_MISSING_SCORES.format(codes="1.3.2, 2.2")
    assert status(demo_db, assessment_id) == ParAssessmentStatus.DRAFT
    assert events(demo_db, assessment_id) == []


def test_evidence_or_an_explanation_is_required_where_the_tree_says(demo_db, actors, sxd, trees):
    _round, assessment_id = sxd
    editor = actors[EDITOR]
    act(demo_db, par_assessments.save_self, editor, assessment_id, entries(trees, FULL))
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_assessments.submit, editor, assessment_id, now=at(2030, 3, 20))
    assert str(refused.value) == vi.PAR_EXPLANATION_REQUIRED.format(codes="1.1, 2.1")
    # a file on 1.1, an explanation on 2.1
    act(demo_db, par_assessments.add_evidence, editor, assessment_id, trees["1.1"], upload())
    with pytest.raises(ValidationError) as still:
        act(demo_db, par_assessments.submit, editor, assessment_id, now=at(2030, 3, 20))
    assert str(still.value) == vi.PAR_EXPLANATION_REQUIRED.format(codes="2.1")
    act(demo_db, par_assessments.save_self, editor, assessment_id,
        {trees["2.1"]: Entry("30", "Cổng dịch vụ công đăng tải đủ 215 thủ tục; ảnh chụp lưu tại Sở.")})
    act(demo_db, par_assessments.submit, editor, assessment_id, now=at(2030, 3, 20))
    assert status(demo_db, assessment_id) == ParAssessmentStatus.SUBMITTED


def test_a_withdrawn_file_no_longer_counts_as_evidence(demo_db, actors, sxd, trees):
    _round, assessment_id = sxd
    editor = actors[EDITOR]
    act(demo_db, par_assessments.save_self, editor, assessment_id,
        {**entries(trees, FULL), trees["2.1"]: Entry("30", "Giải trình")})
    file_id = act(demo_db, par_assessments.add_evidence, editor, assessment_id, trees["1.1"], upload())
    act(demo_db, par_assessments.remove_evidence, editor, file_id)
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_assessments.submit, editor, assessment_id, now=at(2030, 3, 20))
    assert str(refused.value) == vi.PAR_EXPLANATION_REQUIRED.format(codes="1.1")


def test_submission_locks_the_scores(demo_db, actors, sxd, trees):
    _round, assessment_id = sxd
    self_assess(demo_db, actors[EDITOR], assessment_id, trees, {"1.1": "9"})
    with session_scope(demo_db) as s:
        row = s.get(ParAssessment, assessment_id)
        assert (row.status, row.submitted_by_id, row.submitted_late) == (
            ParAssessmentStatus.SUBMITTED, actors[EDITOR].id, False)
        assert {f.status for f in row.fields} == {ParFieldStatus.WAITING} and len(row.fields) == 2
    for actor in (actors[EDITOR], actors[UNIT_ADMIN], actors[ADMIN]):
        with pytest.raises(ValidationError) as refused:
            act(demo_db, par_assessments.save_self, actor, assessment_id, entries(trees, {"1.1": "10"}))
        assert str(refused.value).startswith("Đơn vị đã nộp kết quả tự đánh giá lúc 20/03/2030")
        with pytest.raises(ValidationError):
            act(demo_db, par_assessments.add_evidence, actor, assessment_id, trees["1.2"], upload())
        with pytest.raises(ValidationError):
            act(demo_db, par_assessments.submit, actor, assessment_id, now=at(2030, 3, 21))
    assert scores_of(demo_db, assessment_id, trees)["1.1"][0] == 9
    assert view(demo_db, actors[EDITOR], assessment_id).can_edit_self is False


@pytest.mark.parametrize("now, late, text", [
    (at(2030, 3, 31, 23, 59), False, None),
    (datetime(2030, 3, 31, 16, 30, tzinfo=timezone.utc), False, None),   # 23:30 in Việt Nam
    (datetime(2030, 3, 31, 17, 30, tzinfo=timezone.utc), True, "Nộp muộn 1 ngày so với hạn 31/03/2030."),
    (at(2030, 4, 3, 8, 0), True, "Nộp muộn 3 ngày so với hạn 31/03/2030."),
], ids=["last-minute", "utc-same-day", "utc-next-day", "three-days"])
def test_a_submission_after_the_deadline_is_marked_late(demo_db, actors, sxd, trees, now, late, text):
    _round, assessment_id = sxd
    self_assess(demo_db, actors[EDITOR], assessment_id, trees, now=now)
    with session_scope(demo_db) as s:
        assert s.get(ParAssessment, assessment_id).submitted_late is late
    assert events(demo_db, assessment_id) == [(ParEventKind.SUBMITTED, actors[EDITOR].full_name, text)]
    assert view(demo_db, actors[EDITOR], assessment_id).submitted_late is late


def test_the_level_above_and_the_par_administrator_may_correct_a_draft(demo_db, actors, trees):
    local = local_hierarchy(demo_db, actors)
    round_id = make_round(demo_db, actors, [local["H-THU"], local["X-THU"]])
    commune_assessment = assessment_of(demo_db, round_id, local["X-THU"])
    district_assessment = assessment_of(demo_db, round_id, local["H-THU"])
    local_ids = criterion_ids(demo_db, YEAR, COMMUNE)
    commune, district = local["commune"], local["district"]
    act(demo_db, par_assessments.save_self, commune, commune_assessment, entries(local_ids, {"1.1": "10"}))
    # the district (the level above) corrects the commune's draft; so does the PAR administrator
    act(demo_db, par_assessments.save_self, district, commune_assessment, entries(local_ids, {"1.1": "8"}))
    act(demo_db, par_assessments.save_self, actors[ADMIN], commune_assessment, entries(local_ids, {"1.2": "0"}))
    assert scores_of(demo_db, commune_assessment, local_ids) == {"1.1": (8, None, None), "1.2": (0, None, None)}
    assert events(demo_db, commune_assessment) == [
        (ParEventKind.CORRECTED, district.full_name, "Tiêu chí 1.1: 10 → 8."),
        (ParEventKind.CORRECTED, actors[ADMIN].full_name, "Tiêu chí 1.2: — → 0."),
    ]
    assert view(demo_db, district, commune_assessment).can_edit_self
    # the commune does not read nor correct the district's
    for call in (lambda: view(demo_db, commune, district_assessment),
                 lambda: act(demo_db, par_assessments.save_self, commune, district_assessment,
                             entries(local_ids, {"1.1": "1"}))):
        with pytest.raises(NotFound):
            call()
    assert scores_of(demo_db, district_assessment, local_ids) == {}


def test_a_read_only_account_cannot_write(demo_db, actors, sxd, trees):
    _round, assessment_id = sxd
    viewer = actors[VIEWER]
    seen = view(demo_db, viewer, assessment_id)
    assert seen.unit_name == "Sở Xây dựng" and seen.can_edit_self is False
    calls = [
        lambda: act(demo_db, par_assessments.save_self, viewer, assessment_id, entries(trees, {"1.1": "5"})),
        lambda: act(demo_db, par_assessments.add_evidence, viewer, assessment_id, trees["1.1"], upload()),
        lambda: act(demo_db, par_assessments.submit, viewer, assessment_id),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert scores_of(demo_db, assessment_id, trees) == {}


def test_a_peer_unit_gets_not_found_also_for_the_evidence_file(demo_db, actors, unit_ids, sxd, trees):
    round_id, assessment_id = sxd
    file_id = act(demo_db, par_assessments.add_evidence, actors[EDITOR], assessment_id, trees["1.1"], upload())
    peer = actors[LOCAL_EDITOR]
    for call in (lambda: act(demo_db, par_assessments.get, peer, assessment_id),
                 lambda: view(demo_db, peer, assessment_id),
                 lambda: act(demo_db, par_assessments.save_self, peer, assessment_id, entries(trees, {"1.1": "1"})),
                 lambda: act(demo_db, par_assessments.add_evidence, peer, assessment_id, trees["1.1"], upload()),
                 lambda: act(demo_db, par_assessments.submit, peer, assessment_id),
                 lambda: act(demo_db, attachments.info, peer, file_id),
                 lambda: act(demo_db, par_assessments.remove_evidence, peer, file_id)):
        with pytest.raises(NotFound) as refused:
            call()
        assert str(refused.value) == vi.ERR_NOT_FOUND
    # the download refuses with the same "not found" message (attachments.download raises PermissionDenied)
    with pytest.raises((NotFound, PermissionDenied)) as download:
        act(demo_db, attachments.download, peer, file_id)
    assert str(download.value) == vi.ERR_NOT_FOUND
    # the unit itself, its read-only account and the PAR administrator get the file
    for username in (EDITOR, VIEWER, ADMIN):
        assert act(demo_db, attachments.download, actors[username], file_id).data == PDF
    assert [r.unit_name for r in act(demo_db, par_assessments.unit_assessments, peer)
            if r.round_name == f"Đánh giá Chỉ số CCHC năm {YEAR}"] == ["Xã Lấp Vò"]
    assert scores_of(demo_db, assessment_id, trees) == {"1.1": (None, None, None)}


# =========================================================================== appraisal

@pytest.fixture
def split(demo_db, actors, unit_ids, trees):  # noqa: ANN001, ANN201
    """A submitted SXD assessment: tgv.snv appraises field 1, tgv2.snv field 2; hoidong.snv approves both."""
    second = new_account(demo_db, actors, "tgv2.snv", actors[ASSESSOR].unit_id, Role.PAR_ASSESSOR)
    round_id = make_round(demo_db, actors, [unit_ids["SXD"]], assessors={"1": [ASSESSOR], "2": [second]})
    assessment_id = assessment_of(demo_db, round_id, unit_ids["SXD"])
    act(demo_db, par_assessments.save_self, actors[EDITOR], assessment_id, entries(trees, FULL, "Giải trình"))
    act(demo_db, par_assessments.add_evidence, actors[EDITOR], assessment_id, trees["1.1"], upload("kh-1-1.pdf"))
    act(demo_db, par_assessments.add_evidence, actors[EDITOR], assessment_id, trees["2.1"], upload("tthc-2-1.pdf"))
    act(demo_db, par_assessments.submit, actors[EDITOR], assessment_id, now=at(2030, 3, 20))
    return assessment_id, second


def test_an_assessor_sees_and_appraises_only_the_fields_assigned(demo_db, actors, trees, split):
    assessment_id, second = split
    first = actors[ASSESSOR]
    mine = view(demo_db, first, assessment_id)
    assert [f.code for f in mine.fields] == ["1"] and mine.fields[0].can_appraise
    assert [f.code for f in view(demo_db, second, assessment_id).fields] == ["2"]
    assert [f.code for f in view(demo_db, actors[EDITOR], assessment_id).fields] == ["1", "2"]
    # evidence files follow the fields: the first assessor reads 1.1's file, not 2.1's
    files = {r.code: r.evidence[0].id for f in view(demo_db, actors[EDITOR], assessment_id).fields
             for r in f.rows if r.evidence}
    assert act(demo_db, attachments.download, first, files["1.1"]).data == PDF
    with pytest.raises((NotFound, PermissionDenied)):
        act(demo_db, attachments.download, first, files["2.1"])
    # writing in another's field is refused, and nothing is saved
    with pytest.raises(PermissionDenied) as refused:
        act(demo_db, par_assessments.save_appraisal, first, assessment_id,
            entries(trees, {"1.1": "10", "2.1": "20"}))
    assert str(refused.value) == vi.PAR_NOT_ASSIGNED.format(field="2")
    for call in (lambda: act(demo_db, par_assessments.finish_field, first, assessment_id, trees["2"]),
                 lambda: act(demo_db, par_assessments.request_evidence, first, assessment_id, [trees["2.1"]],
                             later())):
        with pytest.raises(PermissionDenied):
            call()
    assert {c: v[1] for c, v in scores_of(demo_db, assessment_id, trees).items()} == dict.fromkeys(FULL)
    # an assessor who is not a member of the round does not see the assessment at all
    outsider = new_account(demo_db, actors, "tgv3.snv", actors[ASSESSOR].unit_id, Role.PAR_ASSESSOR)
    with pytest.raises(NotFound):
        view(demo_db, outsider, assessment_id)
    # the unit cannot appraise itself
    with pytest.raises(PermissionDenied):
        act(demo_db, par_assessments.save_appraisal, actors[EDITOR], assessment_id, entries(trees, {"1.1": "10"}))


def test_appraisal_waits_for_the_submission_and_follows_the_scoring_rule(demo_db, actors, sxd, trees):
    _round, assessment_id = sxd
    with pytest.raises(ValidationError) as early:
        act(demo_db, par_assessments.save_appraisal, actors[ASSESSOR], assessment_id, entries(trees, {"1.1": "5"}))
    assert str(early.value) == vi.PAR_NOT_SUBMITTED
    self_assess(demo_db, actors[EDITOR], assessment_id, trees)
    with pytest.raises(ValidationError) as wrong:
        act(demo_db, par_assessments.save_appraisal, actors[ASSESSOR], assessment_id,
            entries(trees, {"1.1": "5", "1.3.2": "2.3"}))
    assert str(wrong.value) == vi.PAR_SCORE_STEP.format(code="1.3.2", step="0,25", value="2,3")
    assert scores_of(demo_db, assessment_id, trees)["1.1"] == (10, None, None)


def test_evidence_requests_name_criteria_and_a_deadline(demo_db, actors, trees, split):
    assessment_id, _second = split
    assessor, editor = actors[ASSESSOR], actors[EDITOR]
    for criteria, deadline, message in (([trees["1.2"]], local_today() - timedelta(days=1),
                                         vi.PAR_REQUEST_DEADLINE), ([], later(), vi.PAR_REQUEST_EMPTY)):
        with pytest.raises(ValidationError) as refused:
            act(demo_db, par_assessments.request_evidence, assessor, assessment_id, criteria, deadline)
        assert str(refused.value) == message
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(ParEvidenceRequest).where(
            ParEvidenceRequest.assessment_id == assessment_id)) == 0
    request_id = act(demo_db, par_assessments.request_evidence, assessor, assessment_id,
                     [trees["1.2"], trees["1.3.1"]], local_today(), "Bổ sung báo cáo quý IV")
    seen = view(demo_db, editor, assessment_id)
    assert seen.can_answer and [r.codes for r in seen.requests] == [["1.2", "1.3.1"]]
    assert {r.code for f in seen.fields for r in f.rows if r.requested} == {"1.2", "1.3.1"}
    # the unit answers the named criteria only, and not with nothing
    with pytest.raises(ValidationError) as other:
        act(demo_db, par_assessments.answer_request, editor, request_id,
            {trees["1.2"]: "Đã bổ sung", trees["1.3.1"]: "Đã bổ sung", trees["1.1"]: "Thêm"})
    assert str(other.value) == vi.PAR_REQUEST_OTHER_CRITERION.format(code="1.1")
    with pytest.raises(ValidationError) as empty:
        act(demo_db, par_assessments.answer_request, editor, request_id, {trees["1.2"]: "Đã bổ sung",
                                                                          trees["1.3.1"]: "   "})
    assert str(empty.value) == vi.PAR_ANSWER_EMPTY.format(code="1.3.1")
    # a file for a requested criterion may be added after submission; for another one not
    with pytest.raises(ValidationError):
        act(demo_db, par_assessments.add_evidence, editor, assessment_id, trees["2.2"], upload())
    for username in (VIEWER, LOCAL_EDITOR):
        with pytest.raises((PermissionDenied, NotFound)):
            act(demo_db, par_assessments.answer_request, actors[username], request_id,
                {trees["1.2"]: "x", trees["1.3.1"]: "y"})
    with session_scope(demo_db) as s:
        assert s.get(ParEvidenceRequest, request_id).status == ParRequestStatus.OPEN
    act(demo_db, par_assessments.answer_request, editor, request_id,
        {trees["1.2"]: "Báo cáo số 45/BC-SXD ngày 15/12/2030"},
        {trees["1.3.1"]: [par_assessments.Upload("ke-hoach-kiem-tra.pdf", PDF)]})
    answered = view(demo_db, assessor, assessment_id)
    assert answered.requests[0].status == ParRequestStatus.ANSWERED
    assert answered.requests[0].answers == {"1.2": "Báo cáo số 45/BC-SXD ngày 15/12/2030", "1.3.1": ""}
    assert [e.name for f in answered.fields for r in f.rows if r.code == "1.3.1" for e in r.evidence] == [
        "ke-hoach-kiem-tra.pdf"]
    with pytest.raises(ValidationError) as again:
        act(demo_db, par_assessments.answer_request, editor, request_id, {trees["1.2"]: "Lần nữa",
                                                                          trees["1.3.1"]: "Lần nữa"})
    assert str(again.value) == vi.PAR_REQUEST_CLOSED
    # the second assessor does not see a request about the first field
    assert view(demo_db, _second, assessment_id).requests == []


@pytest.mark.parametrize("race", ["form", "flush"])
def test_two_editors_answering_the_same_request_at_once(demo_db, actors, trees, split, race):
    """Both open the request; the first answer stands, the second gets the conflict message naming the first
    (issue 8 item 9). "form": the second submits a form built from the old version; "flush": both pass every check
    and reach the database together (the version column refuses the second UPDATE)."""
    assessment_id, _second = split
    first, second = actors[EDITOR], actors[UNIT_ADMIN]
    request_id = act(demo_db, par_assessments.request_evidence, actors[ASSESSOR], assessment_id,
                     [trees["1.2"]], later(), "Bổ sung báo cáo quý IV")
    version = view(demo_db, second, assessment_id).requests[0].version
    assert view(demo_db, first, assessment_id).requests[0].version == version

    def first_answers(*_args) -> None:  # noqa: ANN002
        act(demo_db, par_assessments.answer_request, first, request_id, {trees["1.2"]: "Báo cáo số 45/BC-SXD"},
            expected_version=version)

    with pytest.raises(ConflictError) as conflict, session_scope(demo_db) as s:
        if race == "form":
            first_answers()
        else:
            sa.event.listen(s, "before_flush", first_answers, once=True)
        par_assessments.answer_request(s, second, request_id, {trees["1.2"]: "Báo cáo khác"},
                                       expected_version=version)
    assert str(conflict.value).startswith(f"Yêu cầu bổ sung này vừa được {first.full_name} trả lời lúc ")
    answered = view(demo_db, actors[ASSESSOR], assessment_id).requests[0]
    assert (answered.status, answered.answers) == (ParRequestStatus.ANSWERED, {"1.2": "Báo cáo số 45/BC-SXD"})
    assert [e[1] for e in events(demo_db, assessment_id) if e[0] == ParEventKind.EVIDENCE_ANSWERED] == [
        first.full_name]


def test_a_field_is_finished_when_all_appraised_and_no_request_open(demo_db, actors, trees, split):
    assessment_id, second = split
    assessor = actors[ASSESSOR]
    act(demo_db, par_assessments.save_appraisal, assessor, assessment_id, entries(trees, {"1.1": "8", "1.2": "20"}))
    with pytest.raises(ValidationError) as incomplete:
        act(demo_db, par_assessments.finish_field, assessor, assessment_id, trees["1"])
    assert str(incomplete.value) == vi.PAR_FIELD_INCOMPLETE.format(field="1", codes="1.3.1, 1.3.2")
    act(demo_db, par_assessments.save_appraisal, assessor, assessment_id,
        entries(trees, {"1.3.1": "5", "1.3.2": "9.75"}, "Theo biên bản kiểm tra"))
    request_id = act(demo_db, par_assessments.request_evidence, assessor, assessment_id, [trees["1.3.1"]], later(3))
    with pytest.raises(ValidationError) as waiting:
        act(demo_db, par_assessments.finish_field, assessor, assessment_id, trees["1"])
    assert str(waiting.value).startswith("Lĩnh vực 1: đơn vị chưa trả lời yêu cầu bổ sung tài liệu")
    assert field_state(demo_db, assessment_id, trees["1"])[0] == ParFieldStatus.WAITING
    # a request on field 1 does not hold field 2 back
    appraise_field(demo_db, second, assessment_id, trees, "2", FULL)
    assert field_state(demo_db, assessment_id, trees["2"])[0] == ParFieldStatus.APPRAISED
    act(demo_db, par_assessments.answer_request, actors[EDITOR], request_id, {trees["1.3.1"]: "Đã gửi kế hoạch"})
    act(demo_db, par_assessments.finish_field, assessor, assessment_id, trees["1"])
    assert field_state(demo_db, assessment_id, trees["1"])[0] == ParFieldStatus.APPRAISED
    assert view(demo_db, actors[EDITOR], assessment_id).fields[0].appraised_total == Decimal("42.75")
    # finished fields are no longer appraised
    with pytest.raises(ValidationError):
        act(demo_db, par_assessments.save_appraisal, assessor, assessment_id, entries(trees, {"1.1": "10"}))
    assert scores_of(demo_db, assessment_id, trees)["1.1"][1] == 8


# =========================================================================== council

@pytest.fixture
def appraised(demo_db, actors, sxd, trees):  # noqa: ANN001, ANN201
    """SXD submitted 100 points; the team appraised field 1 at 40 and field 2 at 45."""
    _round, assessment_id = sxd
    self_assess(demo_db, actors[EDITOR], assessment_id, trees)
    scores = {**FULL, "1.1": "5", "1.3.2": "5", "2.1": "25"}
    appraise_field(demo_db, actors[ASSESSOR], assessment_id, trees, "1", scores)
    appraise_field(demo_db, actors[ASSESSOR], assessment_id, trees, "2", scores)
    return assessment_id


def test_approval_makes_the_appraised_scores_final_and_locks_them(demo_db, actors, trees, appraised):
    assessment_id = appraised
    council, assessor = actors[COUNCIL], actors[ASSESSOR]
    with pytest.raises(PermissionDenied) as not_council:
        act(demo_db, par_assessments.approve_field, assessor, assessment_id, trees["1"])
    assert str(not_council.value) == vi.PAR_NOT_COUNCIL.format(field="1")
    act(demo_db, par_assessments.approve_field, council, assessment_id, trees["1"])
    got = scores_of(demo_db, assessment_id, trees)
    assert {c: got[c][2] for c in got} == {"1.1": 5, "1.2": 20, "1.3.1": 10, "1.3.2": 5, "2.1": None, "2.2": None}
    assert status(demo_db, assessment_id) == ParAssessmentStatus.SUBMITTED
    with pytest.raises(ValidationError) as locked:
        act(demo_db, par_assessments.save_appraisal, assessor, assessment_id, entries(trees, {"1.1": "10"}))
    assert str(locked.value) == vi.PAR_FIELD_WRONG_STATE.format(field="1", status=ParFieldStatus.APPROVED.label,
                                                                action="thẩm định")
    with pytest.raises(ValidationError):
        act(demo_db, par_assessments.approve_field, council, assessment_id, trees["1"])
    with pytest.raises(ValidationError):
        act(demo_db, par_assessments.return_field, council, assessment_id, trees["1"], "Xem lại")
    assert scores_of(demo_db, assessment_id, trees)["1.1"] == (10, 5, 5)
    act(demo_db, par_assessments.approve_field, council, assessment_id, trees["2"])
    assert status(demo_db, assessment_id) == ParAssessmentStatus.FINAL
    seen = view(demo_db, actors[EDITOR], assessment_id)
    assert [(f.self_total, f.appraised_total, f.final_total) for f in seen.fields] == [
        (50, 40, 40), (50, 45, 45)]


def test_the_council_approves_only_an_appraised_field(demo_db, actors, sxd, trees):
    _round, assessment_id = sxd
    self_assess(demo_db, actors[EDITOR], assessment_id, trees)
    with pytest.raises(ValidationError) as waiting:
        act(demo_db, par_assessments.approve_field, actors[COUNCIL], assessment_id, trees["1"])
    assert "«Chờ thẩm định»" in str(waiting.value)
    assert {v[2] for v in scores_of(demo_db, assessment_id, trees).values()} == {None}


def test_returning_a_field_needs_a_comment_and_the_team_appraises_again(demo_db, actors, trees, appraised):
    assessment_id = appraised
    council, assessor = actors[COUNCIL], actors[ASSESSOR]
    with pytest.raises(ValidationError) as refused:
        act(demo_db, par_assessments.return_field, council, assessment_id, trees["2"], "   ")
    assert str(refused.value) == vi.PAR_COMMENT_REQUIRED
    assert field_state(demo_db, assessment_id, trees["2"])[0] == ParFieldStatus.APPRAISED
    act(demo_db, par_assessments.return_field, council, assessment_id, trees["2"],
        "Tiêu chí 2.1 chấm thấp so với kết quả công khai trên Cổng")
    state, _version, comment = field_state(demo_db, assessment_id, trees["2"])
    assert (state, comment) == (ParFieldStatus.RETURNED, "Tiêu chí 2.1 chấm thấp so với kết quả công khai trên Cổng")
    field = view(demo_db, assessor, assessment_id).fields[1]
    assert field.can_appraise and field.council_comment.startswith("Tiêu chí 2.1")
    assert [q.field_code for q in act(demo_db, par_assessments.appraisal_queue, assessor)
            if q.assessment_id == assessment_id] == ["2"]
    appraise_field(demo_db, assessor, assessment_id, trees, "2", {"2.1": "29", "2.2": "20"})
    act(demo_db, par_assessments.approve_field, council, assessment_id, trees["2"])
    got = scores_of(demo_db, assessment_id, trees)
    assert (got["2.1"], got["2.2"]) == ((30, 29, 29), (20, 20, 20))
    assert field_state(demo_db, assessment_id, trees["2"])[2] == ""


@pytest.mark.parametrize("first", ["approve", "return"])
def test_two_council_members_deciding_at_once(demo_db, actors, trees, appraised, first):
    assessment_id = appraised
    other = new_account(demo_db, actors, "hoidong2.snv", actors[COUNCIL].unit_id, Role.PAR_COUNCIL)
    with session_scope(demo_db) as s:
        round_id = s.get(ParAssessment, assessment_id).round_id
    act(demo_db, par_rounds.set_members, actors[ADMIN], round_id, "1", ParMemberKind.COUNCIL,
        [actors[COUNCIL].id, other.id])
    # both open the page and see the same version of field 1
    version = view(demo_db, actors[COUNCIL], assessment_id).fields[0].version
    assert view(demo_db, other, assessment_id).fields[0].version == version
    decide = {
        "approve": lambda who: act(demo_db, par_assessments.approve_field, who, assessment_id, trees["1"],
                                   expected_version=version),
        "return": lambda who: act(demo_db, par_assessments.return_field, who, assessment_id, trees["1"],
                                  "Chưa đủ căn cứ", expected_version=version),
    }
    second = "return" if first == "approve" else "approve"
    decide[first](actors[COUNCIL])
    with pytest.raises(ConflictError) as conflict:
        decide[second](other)
    expected_state = ParFieldStatus.APPROVED if first == "approve" else ParFieldStatus.RETURNED
    assert f"trạng thái hiện tại: «{expected_state.label}»" in str(conflict.value)
    state, _version, comment = field_state(demo_db, assessment_id, trees["1"])
    assert state == expected_state
    assert comment == ("" if first == "approve" else "Chưa đủ căn cứ")
    finals = {c: v[2] for c, v in scores_of(demo_db, assessment_id, trees).items() if c.startswith("1.")}
    assert finals == ({"1.1": 5, "1.2": 20, "1.3.1": 10, "1.3.2": 5} if first == "approve"
                      else dict.fromkeys(finals))
    decisions = [e for e in events(demo_db, assessment_id)
                 if e[0] in (ParEventKind.FIELD_APPROVED, ParEventKind.FIELD_RETURNED)]
    assert decisions == [(ParEventKind.FIELD_APPROVED if first == "approve" else ParEventKind.FIELD_RETURNED,
                          actors[COUNCIL].full_name,
                          "Lĩnh vực 1 được phê duyệt." if first == "approve" else "Lĩnh vực 1: Chưa đủ căn cứ")]


def test_the_history_records_every_step(demo_db, actors, unit_ids, trees):
    """Every step at the real time (the deadline was two days ago), so that the history is in order."""
    deadline = local_today() - timedelta(days=2)
    round_id = make_round(demo_db, actors, [unit_ids["SXD"]], deadline=deadline)
    assessment_id = assessment_of(demo_db, round_id, unit_ids["SXD"])
    editor, assessor, council, admin = actors[EDITOR], actors[ASSESSOR], actors[COUNCIL], actors[ADMIN]
    act(demo_db, par_assessments.save_self, editor, assessment_id, entries(trees, FULL, "Giải trình"))
    act(demo_db, par_assessments.save_self, admin, assessment_id, entries(trees, {"2.2": "10"}, "Giải trình"))
    act(demo_db, par_assessments.submit, editor, assessment_id)
    with pytest.raises(ValidationError):
        act(demo_db, par_assessments.reopen, admin, assessment_id, " ")
    with pytest.raises(PermissionDenied):
        act(demo_db, par_assessments.reopen, editor, assessment_id, "Xin mở lại")
    act(demo_db, par_assessments.reopen, admin, assessment_id, "Đơn vị xin nộp lại bảng điểm")
    act(demo_db, par_assessments.save_self, editor, assessment_id, entries(trees, {"2.2": "20"}, "Giải trình"))
    act(demo_db, par_assessments.submit, editor, assessment_id)
    request_id = act(demo_db, par_assessments.request_evidence, assessor, assessment_id, [trees["1.1"]], later())
    act(demo_db, par_assessments.answer_request, editor, request_id, {trees["1.1"]: "Kế hoạch 12/KH-SXD"})
    appraise_field(demo_db, assessor, assessment_id, trees, "1", FULL)
    with pytest.raises(ValidationError):  # the appraisal started: no more reopening
        act(demo_db, par_assessments.reopen, admin, assessment_id, "Lần nữa")
    act(demo_db, par_assessments.return_field, council, assessment_id, trees["1"], "Xem lại 1.3.2")
    appraise_field(demo_db, assessor, assessment_id, trees, "1", {**FULL, "1.3.2": "9.5"})
    act(demo_db, par_assessments.approve_field, council, assessment_id, trees["1"])
    appraise_field(demo_db, assessor, assessment_id, trees, "2", FULL)
    act(demo_db, par_assessments.approve_field, council, assessment_id, trees["2"])
    kinds = [(kind, who) for kind, who, _text in events(demo_db, assessment_id)]
    assert kinds == [
        (ParEventKind.CORRECTED, admin.full_name),
        (ParEventKind.SUBMITTED, editor.full_name),
        (ParEventKind.REOPENED, admin.full_name),
        (ParEventKind.SUBMITTED, editor.full_name),
        (ParEventKind.EVIDENCE_REQUESTED, assessor.full_name),
        (ParEventKind.EVIDENCE_ANSWERED, editor.full_name),
        (ParEventKind.APPRAISED, assessor.full_name),
        (ParEventKind.FIELD_RETURNED, council.full_name),
        (ParEventKind.APPRAISED, assessor.full_name),
        (ParEventKind.FIELD_APPROVED, council.full_name),
        (ParEventKind.APPRAISED, assessor.full_name),
        (ParEventKind.FIELD_APPROVED, council.full_name),
    ]
    texts = [text for _kind, _who, text in events(demo_db, assessment_id)]
    assert texts[0] == "Tiêu chí 2.2: 20 → 10."
    assert texts[1] == texts[3] == f"Nộp muộn 2 ngày so với hạn {deadline:%d/%m/%Y}."
    assert texts[2] == "Đơn vị xin nộp lại bảng điểm"
    assert texts[6] == "Lĩnh vực 1: 50/50 điểm." and texts[8] == "Lĩnh vực 1: 49,5/50 điểm."
    assert status(demo_db, assessment_id) == ParAssessmentStatus.FINAL
    history = view(demo_db, editor, assessment_id).history
    assert [h[2] for h in history] == [kind.label for kind, _who in kinds]
    # an assessor of field 2 only reads the steps of field 2 and those of the whole assessment
    only_two = new_account(demo_db, actors, "tgv2.snv", assessor.unit_id, Role.PAR_ASSESSOR)
    act(demo_db, par_rounds.set_members, admin, round_id, "2", ParMemberKind.ASSESSOR, [only_two.id])
    assert ParEventKind.FIELD_RETURNED.label not in [h[2] for h in view(demo_db, only_two, assessment_id).history]


# =========================================================================== data scope (seed 004 art. 4)

def test_units_read_their_own_and_lower_levels_never_peers_or_higher(demo_db, actors, unit_ids, trees):
    local = local_hierarchy(demo_db, actors)
    round_id = make_round(demo_db, actors, [unit_ids["SXD"], unit_ids["X-LAPVO"], local["H-THU"], local["X-THU"]])
    by_unit = {code: assessment_of(demo_db, round_id, uid) for code, uid in (
        ("SXD", unit_ids["SXD"]), ("X-LAPVO", unit_ids["X-LAPVO"]), ("H-THU", local["H-THU"]),
        ("X-THU", local["X-THU"]))}
    readers = {
        "SXD editor": (actors[EDITOR], {"SXD"}),
        "SXD viewer": (actors[VIEWER], {"SXD"}),
        "Lấp Vò editor": (actors[LOCAL_EDITOR], {"X-LAPVO"}),
        "district editor": (local["district"], {"H-THU", "X-THU"}),
        "commune editor": (local["commune"], {"X-THU"}),
        "PAR administrator": (actors[ADMIN], set(by_unit)),
        "system administrator": (actors[SYSADMIN], set(by_unit)),
        "leader before publication": (actors[LEADER], set()),
    }
    mine = f"Đánh giá Chỉ số CCHC năm {YEAR}"
    for label, (actor, allowed) in readers.items():
        for code, assessment_id in by_unit.items():
            if code in allowed:
                assert view(demo_db, actor, assessment_id).id == assessment_id, (label, code)
            else:
                with pytest.raises(NotFound):
                    view(demo_db, actor, assessment_id)
        listed = {r.unit_name for r in act(demo_db, par_assessments.unit_assessments, actor) if r.round_name == mine}
        names = {"SXD": "Sở Xây dựng", "X-LAPVO": "Xã Lấp Vò", "H-THU": "UBND huyện Thử Nghiệm",
                 "X-THU": "UBND xã Thử Nghiệm"}
        assert listed == {names[c] for c in allowed}, label
    # once published to leaders, the leader reads every unit (but writes nothing)
    act(demo_db, par_rounds.publish, actors[ADMIN], round_id, to_leaders=True, to_public=False)
    seen = view(demo_db, actors[LEADER], by_unit["SXD"])
    assert seen.can_edit_self is False and [f.code for f in seen.fields] == ["1", "2"]
    with pytest.raises(PermissionDenied):
        act(demo_db, par_assessments.save_self, actors[LEADER], by_unit["SXD"], entries(trees, {"1.1": "1"}))


def test_a_typed_id_that_does_not_exist_is_not_found(demo_db, actors, sxd):
    with pytest.raises(NotFound):
        view(demo_db, actors[ADMIN], 987654)
    with pytest.raises(NotFound):
        act(demo_db, par_assessments.answer_request, actors[EDITOR], 987654, {})


# =========================================================================== seed fidelity (issue 8 item 11)

def test_appraisal_and_approval_have_their_own_deadlines_in_order(demo_db, actors, unit_ids, sxd, trees):
    """Seed 004 art. 7.2–7.4: self-assessment, then appraisal, then the council's approval, each by its date."""
    round_id, _ = sxd
    admin = actors[ADMIN]
    for appraisal, council, message in (
            (date(2030, 3, 30), None, vi.PAR_ROUND_APPRAISAL_DEADLINE.format(self="31/03/2030")),
            (date(2030, 4, 30), date(2030, 4, 29), vi.PAR_ROUND_COUNCIL_DEADLINE.format(before="30/04/2030")),
            (None, date(2030, 3, 1), vi.PAR_ROUND_COUNCIL_DEADLINE.format(before="31/03/2030"))):
        with pytest.raises(ValidationError) as refused:
            act(demo_db, par_rounds.update_round, admin, round_id, name="Đợt 2030", self_deadline=DEADLINE,
                appraisal_deadline=appraisal, council_deadline=council)
        assert str(refused.value) == message
        with pytest.raises(ValidationError):
            act(demo_db, par_rounds.create_round, admin, RoundInput(YEAR + 1, "Đợt", DEADLINE, [unit_ids["STC"]],
                                                                    appraisal, council))
    act(demo_db, par_rounds.update_round, admin, round_id, name="Đợt 2030", self_deadline=DEADLINE,
        appraisal_deadline=date(2030, 4, 30), council_deadline=date(2030, 5, 15))
    with session_scope(demo_db) as s:
        row = s.get(ParRound, round_id)
        assert (row.appraisal_deadline, row.council_deadline) == (date(2030, 4, 30), date(2030, 5, 15))


def test_a_late_appraisal_and_a_late_approval_are_shown(demo_db, actors, sxd, trees):
    """The history says how late each step was; the queues and the assessment show the days late."""
    round_id, assessment_id = sxd
    appraisal_deadline, council_deadline = local_today() - timedelta(days=6), local_today() - timedelta(days=2)
    act(demo_db, par_rounds.update_round, actors[ADMIN], round_id, name="Đợt 2030",
        self_deadline=appraisal_deadline - timedelta(days=10), appraisal_deadline=appraisal_deadline,
        council_deadline=council_deadline)
    self_assess(demo_db, actors[EDITOR], assessment_id, trees)
    queue = [r for r in act(demo_db, par_assessments.appraisal_queue, actors[ASSESSOR])
             if r.assessment_id == assessment_id]
    assert {(r.field_code, r.deadline, r.late_days) for r in queue} == {
        ("1", appraisal_deadline, 6), ("2", appraisal_deadline, 6)}
    act(demo_db, par_assessments.save_appraisal, actors[ASSESSOR], assessment_id, entries(trees, FULL))
    act(demo_db, par_assessments.finish_field, actors[ASSESSOR], assessment_id, trees["1"],
        now=datetime.combine(appraisal_deadline, datetime.min.time(), tzinfo=timezone.utc))  # on time
    act(demo_db, par_assessments.finish_field, actors[ASSESSOR], assessment_id, trees["2"])  # 6 days late
    council_queue = [r for r in act(demo_db, par_assessments.council_queue, actors[COUNCIL])
                     if r.assessment_id == assessment_id]
    assert {(r.field_code, r.deadline, r.late_days) for r in council_queue} == {
        ("1", council_deadline, 2), ("2", council_deadline, 2)}
    act(demo_db, par_assessments.approve_field, actors[COUNCIL], assessment_id, trees["1"])
    texts = [text for kind, _who, text in events(demo_db, assessment_id)
             if kind in (ParEventKind.APPRAISED, ParEventKind.FIELD_APPROVED)]
    assert texts == [
        "Lĩnh vực 1: 50/50 điểm.",
        "Lĩnh vực 2: 50/50 điểm. " + vi.PAR_APPRAISED_LATE.format(days=6, deadline=f"{appraisal_deadline:%d/%m/%Y}"),
        "Lĩnh vực 1 được phê duyệt. " + vi.PAR_APPROVED_LATE.format(days=2, deadline=f"{council_deadline:%d/%m/%Y}"),
    ]
    seen = view(demo_db, actors[EDITOR], assessment_id)
    assert (seen.appraisal_deadline, seen.council_deadline) == (appraisal_deadline, council_deadline)
    assert [(f.code, f.appraisal_late_days, f.approval_late_days) for f in seen.fields] == [("1", 0, 2), ("2", 6, 2)]


def test_a_level_above_corrects_a_submitted_self_assessment(demo_db, actors, trees):
    """Seed 004 art. 4.1: the district corrects its commune's data after submission; the history and the audit
    log say what changed and by whom, and the commune reads it. The commune itself may not (art. 4.3)."""
    local = local_hierarchy(demo_db, actors)
    district_assessor = new_account(demo_db, actors, "tgv.hthu", local["H-THU"], Role.PAR_ASSESSOR)
    round_id = make_round(demo_db, actors, [local["X-THU"]], assessors={"1": [district_assessor]})
    assessment_id = assessment_of(demo_db, round_id, local["X-THU"])
    ids = criterion_ids(demo_db, YEAR, COMMUNE)
    commune, district = local["commune"], local["district"]
    self_assess(demo_db, commune, assessment_id, ids)
    correct = par_assessments.correct_submitted
    with pytest.raises(PermissionDenied) as own:
        act(demo_db, correct, commune, assessment_id, {ids["1.1"]: "8"}, "Tự sửa")
    assert str(own.value) == vi.PAR_CORRECT_HIGHER_ONLY
    with pytest.raises(ValidationError) as no_reason:
        act(demo_db, correct, district, assessment_id, {ids["1.1"]: "8"}, "  ")
    assert str(no_reason.value) == vi.PAR_CORRECT_REASON
    with pytest.raises(ValidationError):  # the scoring rule still holds (step 0.5)
        act(demo_db, correct, district, assessment_id, {ids["1.1"]: "8.3"}, "Sai bước")
    start = max_audit_id(demo_db)
    assert view(demo_db, district, assessment_id).can_correct
    assert not view(demo_db, commune, assessment_id).can_correct
    act(demo_db, correct, district, assessment_id, {ids["1.1"]: "8"}, "Kế hoạch ban hành chậm 10 ngày")
    assert scores_of(demo_db, assessment_id, ids)["1.1"] == (8, None, None)
    history = view(demo_db, commune, assessment_id).history
    assert [h[1:] for h in history if h[2] == ParEventKind.CORRECTED.label] == [(
        district.full_name, ParEventKind.CORRECTED.label,
        "Sau khi đơn vị nộp: tiêu chí 1.1: 10 → 8. Lý do: Kế hoạch ban hành chậm 10 ngày")]
    audited = [r for r in audit_since(demo_db, start) if r["entity"] == "par_scores"]
    assert [(r["actor_id"], r["before"]["self_score"], r["after"]["self_score"]) for r in audited] == [
        (district.id, "10.00", "8.00")]
    # once the team has finished a field, its self-assessment is no longer corrected
    appraise_field(demo_db, district_assessor, assessment_id, ids, "1", FULL)
    with pytest.raises(ValidationError):
        act(demo_db, correct, district, assessment_id, {ids["1.2"]: "0"}, "Muộn")
