"""Chỉ số CCHC workflow pages driven through AppTest: the unit's self-assessment (draft, refusal, submission), the
assessor's appraisal with a request for more evidence, the unit's answer, the council's decision, and who sees what.

Each test builds its own small criteria tree and round (year 2031, which no demo data uses) through the services, so
the demo round of this year may exist or not; one test also opens the demo's own assessment with the full tree.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from lib.core import vi
from lib.core.calendar import local_today
from lib.core.db import session_scope
from lib.core.enums import AccountStatus
from lib.par.enums import ParAssessmentStatus, ParFieldStatus, ParMemberKind, ParRequestStatus, ParUnitGroup
from lib.core.format import fmt_date
from lib.core.models import Account, Attachment
from lib.par.models import ParAssessment, ParCriterion, ParEvidenceRequest, ParFieldReview, ParRound, ParScore
from lib.par import assessments as par_assessments, catalogue as par_catalogue, rounds as par_rounds
from lib.par.assessments import OWNER_EVIDENCE, Entry
from lib.par.rounds import RoundInput
from tests.app.drive import app, leaves, values
from tests.app.helpers import page, texts

ASSESSMENT = "pages/par/assessment.py"
SELF = "pages/par/self.py"
APPRAISAL = "pages/par/appraisal.py"
COUNCIL = "pages/par/council.py"
EDITOR, VIEWER, PEER = "capnhat.sxd", "tracuu.sxd", "capnhat.laplvo"
ADMIN, ASSESSOR, MEMBER = "cchc.snv", "tgv.snv", "hoidong.snv"
YEAR = 2031
ROUND_NAME = "Thử nghiệm Chỉ số CCHC năm 2031"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

TREE: list[dict] = [
    {"code": "1", "name": "Công tác chỉ đạo, điều hành cải cách hành chính", "max": "40", "children": [
        {"code": "1.1", "name": "Kế hoạch cải cách hành chính năm", "max": "10", "children": [
            {"code": "1.1.1", "name": "Ban hành kế hoạch CCHC năm kịp thời", "max": "5", "method": "yes_no",
             "evidence": True, "guidance": "Ban hành trong 15 ngày kể từ ngày UBND tỉnh ban hành kế hoạch: 5 điểm."},
            {"code": "1.1.2", "name": "Mức độ hoàn thành kế hoạch CCHC", "max": "5", "method": "levels",
             "levels": [["0", "Dưới 80% kế hoạch"], ["2.5", "Từ 80% đến dưới 100%"], ["5", "Hoàn thành 100%"]]},
        ]},
        {"code": "1.2", "name": "Kiểm tra công tác cải cách hành chính", "max": "30", "method": "range",
         "step": "0.5"},
    ]},
    {"code": "2", "name": "Cải cách thủ tục hành chính", "max": "60", "children": [
        {"code": "2.1", "name": "Công khai thủ tục hành chính", "max": "30", "method": "range", "step": "1"},
        {"code": "2.2", "name": "Giải quyết hồ sơ đúng hạn", "max": "30", "method": "yes_no"},
    ]},
]
FIELD_TABS = ["1. Công tác chỉ đạo, điều hành cải cách hành chính", "2. Cải cách thủ tục hành chính"]
SELF_SCORES = {"1.1.1": "5", "1.1.2": "2.5", "1.2": "20", "2.1": "25", "2.2": "30"}


@dataclass
class Par:
    assessment_id: int
    ids: dict[str, int]          # criterion code → id (fields too)

    def field(self, code: str) -> int:
        return self.ids[code]


@pytest.fixture
def par(demo_db, actors, unit_ids) -> Par:  # noqa: ANN001
    """A 2031 round for Sở Xây dựng on the small tree; tgv.snv appraises and hoidong.snv approves both fields."""
    with session_scope(demo_db) as s:
        par_catalogue.load_data(s, YEAR, ParUnitGroup.DEPARTMENT, TREE)
        round_id = par_rounds.create_round(s, actors[ADMIN], RoundInput(
            YEAR, ROUND_NAME, local_today() + timedelta(days=30), [unit_ids["SXD"]]))
        for code in ("1", "2"):
            par_rounds.set_members(s, actors[ADMIN], round_id, code, ParMemberKind.ASSESSOR, [actors[ASSESSOR].id])
            par_rounds.set_members(s, actors[ADMIN], round_id, code, ParMemberKind.COUNCIL, [actors[MEMBER].id])
        assessment_id = s.scalar(sa.select(ParAssessment.id).where(ParAssessment.round_id == round_id))
        ids = dict(s.execute(sa.select(ParCriterion.code, ParCriterion.id).where(
            ParCriterion.year == YEAR, ParCriterion.unit_group == ParUnitGroup.DEPARTMENT)).all())
    return Par(assessment_id, ids)


def _submitted(engine, actors, p: Par) -> None:  # noqa: ANN001
    with session_scope(engine) as s:
        par_assessments.save_self(s, actors[EDITOR], p.assessment_id, {
            p.ids[code]: Entry(score, "Đã thực hiện đầy đủ.") for code, score in SELF_SCORES.items()})
        par_assessments.submit(s, actors[EDITOR], p.assessment_id)


def _appraised(engine, actors, p: Par, field: str = "1") -> None:  # noqa: ANN001
    _submitted(engine, actors, p)
    with session_scope(engine) as s:
        par_assessments.save_appraisal(s, actors[ASSESSOR], p.assessment_id, {
            p.ids[code]: Entry(SELF_SCORES[code], "") for code in SELF_SCORES if code.startswith(f"{field}.")})
        par_assessments.finish_field(s, actors[ASSESSOR], p.assessment_id, p.field(field))


def _open(engine, username: str, assessment_id: int | str, field: str | None = None):  # noqa: ANN001, ANN202
    at = page(ASSESSMENT, engine, username)
    at.query_params["id"] = str(assessment_id)
    if field:
        at.query_params["lv"] = field
    return at.run()


def _one(widgets, prefix: str):  # noqa: ANN001, ANN202
    """The single widget whose key starts with `prefix` (keys end with the state the form was drawn from)."""
    found = [w for w in widgets if w.key and w.key.startswith(prefix)]
    assert len(found) == 1, f"expected one widget with a key starting {prefix!r}, found {[w.key for w in found]}"
    return found[0]


def _keys(at) -> list[str]:  # noqa: ANN001
    return [w.key for w in leaves(at.main) if getattr(w, "key", None)]


def _choose(selectbox, label: str) -> None:  # noqa: ANN001
    selectbox.select_index(selectbox.options.index(label))


def _scores(engine, assessment_id: int) -> dict[str, ParScore]:  # noqa: ANN001
    with session_scope(engine) as s:
        rows = s.execute(sa.select(ParCriterion.code, ParScore).join(ParScore, ParScore.criterion_id == ParCriterion.id)
                         .where(ParScore.assessment_id == assessment_id)).all()
        for _, row in rows:
            s.expunge(row)
        return {code: row for code, row in rows}


def _evidence(engine, assessment_id: int) -> list[tuple[str, str]]:  # noqa: ANN001
    """(criterion code, file name) of the files attached and not withdrawn."""
    with session_scope(engine) as s:
        return sorted(s.execute(
            sa.select(ParCriterion.code, Attachment.name).join(ParScore, ParScore.criterion_id == ParCriterion.id)
            .join(Attachment, sa.and_(Attachment.owner_type == OWNER_EVIDENCE, Attachment.owner_id == ParScore.id))
            .where(ParScore.assessment_id == assessment_id, Attachment.withdrawn_at.is_(None))).all())


def _status(engine, assessment_id: int) -> ParAssessmentStatus:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.get(ParAssessment, assessment_id).status


def _field_review(engine, assessment_id: int, field_id: int) -> tuple[ParFieldStatus, str]:  # noqa: ANN001
    with session_scope(engine) as s:
        review = s.scalar(sa.select(ParFieldReview).where(ParFieldReview.assessment_id == assessment_id,
                                                          ParFieldReview.field_id == field_id))
        return review.status, review.council_comment


def _after(at, key: str):  # noqa: ANN001, ANN202
    """The element drawn right after the widget whose key is (or, for keys ending with the form's state, starts
    with) `key`: where the outcome of a button, or a refusal naming an input, must appear (issue 8 item 12)."""
    elements = leaves(at.main)
    [index] = [i for i, e in enumerate(elements) if getattr(e, "key", None) and
               (e.key == key or e.key.startswith(key + "-"))]
    return elements[index + 1]


def _no_error(at) -> None:  # noqa: ANN001
    assert not at.exception, at.exception
    assert not at.error, values(at.error)


# ---------------------------------------------------------------- the unit's self-assessment

def test_the_unit_saves_a_draft_with_evidence_then_submits(demo_db, actors, par):
    p = par
    at = _open(demo_db, EDITOR, p.assessment_id)
    _no_error(at)
    assert values(at.title) == ["Hồ sơ Chỉ số CCHC"]
    assert "Sở Xây dựng" in texts(at) and ROUND_NAME in texts(at)
    assert [t.label for t in at.tabs] == FIELD_TABS, "tabs name the field (issue 8 item 15)"
    assert "Ban hành trong 15 ngày" in texts(at), "the scoring guidance is shown"

    # Field 1: a yes/no and a levels criterion chosen by label, a range criterion typed with a decimal comma.
    _choose(_one(at.selectbox, f"ts-{p.ids['1.1.1']}-diem"), "5 — Có")
    _choose(_one(at.selectbox, f"ts-{p.ids['1.1.2']}-diem"), "2,5 — Từ 80% đến dưới 100%")
    _one(at.text_input, f"ts-{p.ids['1.2']}-diem").input("20,5")
    _one(at.text_area, f"ts-{p.ids['1.1.1']}-gt").input("Kế hoạch số 12/KH-SXD ngày 10/01/2031.")
    _one(at.file_uploader, f"ts-{p.ids['1.1.1']}-tep").set_value(("ke-hoach-cchc.pdf", PDF, "application/pdf"))
    at.button(key=f"ts-luu-{p.field('1')}").click().run()

    _no_error(at)
    assert "Đã lưu nháp lĩnh vực 1, thêm 1 tệp tài liệu kiểm chứng." in values(at.success)
    saved = _after(at, f"ts-luu-{p.field('1')}")
    assert (saved.type, saved.value) == ("success", "Đã lưu nháp lĩnh vực 1, thêm 1 tệp tài liệu kiểm chứng."), \
        "the success is shown right below «Lưu nháp», not at the top of a form thousands of pixels long"
    scores = _scores(demo_db, p.assessment_id)
    assert {c: s.self_score for c, s in scores.items()} == {
        "1.1.1": Decimal(5), "1.1.2": Decimal("2.5"), "1.2": Decimal("20.5")}
    assert scores["1.1.1"].explanation == "Kế hoạch số 12/KH-SXD ngày 10/01/2031."
    assert _evidence(demo_db, p.assessment_id) == [("1.1.1", "ke-hoach-cchc.pdf")]
    assert _one(at.text_input, f"ts-{p.ids['1.2']}-diem").value == "20,5", "the form shows the saved score"
    assert "Đã đính kèm: ke-hoach-cchc.pdf" in values(at.caption)

    # Submitting with a field left unscored is refused by the service, with the codes it misses.
    at.checkbox(key="nop-xac-nhan").check()
    at.button(key="nop-gui").click().run()
    assert values(at.error) == [vi.PAR_MISSING_SCORES.format(codes="2.1, 2.2")]
    assert _status(demo_db, p.assessment_id) == ParAssessmentStatus.DRAFT

    # Field 2 in its own tab (only the open tab is drawn).
    at.session_state[f"hs-lv-{p.assessment_id}"] = FIELD_TABS[1]
    at.run()
    assert not [k for k in _keys(at) if k.startswith(f"ts-{p.ids['1.2']}-")], "field 1 is not drawn meanwhile"
    _one(at.text_input, f"ts-{p.ids['2.1']}-diem").input("25")
    _choose(_one(at.selectbox, f"ts-{p.ids['2.2']}-diem"), "30 — Có")
    at.button(key=f"ts-luu-{p.field('2')}").click().run()
    _no_error(at)

    # Without the confirmation box nothing is submitted; with it, the assessment is submitted and locked.
    at.checkbox(key="nop-xac-nhan").uncheck()
    at.button(key="nop-gui").click().run()
    assert values(at.error) == ["Vui lòng đánh dấu ô xác nhận trước khi nộp kết quả tự đánh giá."]
    assert _status(demo_db, p.assessment_id) == ParAssessmentStatus.DRAFT
    at.checkbox(key="nop-xac-nhan").check()
    at.button(key="nop-gui").click().run()

    _no_error(at)
    assert "Đã nộp kết quả tự đánh giá; Tổ giúp việc sẽ thẩm định từng lĩnh vực." in values(at.success)
    with session_scope(demo_db) as s:
        row = s.get(ParAssessment, p.assessment_id)
        assert row.status == ParAssessmentStatus.SUBMITTED and row.submitted_at is not None
        assert row.submitted_by_id == actors[EDITOR].id and not row.submitted_late
    assert {c: s.self_score for c, s in _scores(demo_db, p.assessment_id).items()} == {
        "1.1.1": Decimal(5), "1.1.2": Decimal("2.5"), "1.2": Decimal("20.5"), "2.1": Decimal(25), "2.2": Decimal(30)}
    keys = _keys(at)
    assert not [k for k in keys if k.startswith(("ts-", "nop-"))], "after submission the unit can no longer edit"
    assert "Nộp kết quả tự đánh giá" in [row["Nội dung"] for row in at.table[-1].value.to_dict("records")]


def test_a_score_outside_the_allowed_values_is_refused_and_nothing_is_saved(demo_db, actors, par):
    p = par
    at = _open(demo_db, EDITOR, p.assessment_id)
    _choose(_one(at.selectbox, f"ts-{p.ids['1.1.1']}-diem"), "5 — Có")
    _one(at.text_input, f"ts-{p.ids['1.2']}-diem").input("20,3")
    _one(at.text_area, f"ts-{p.ids['1.2']}-gt").input("Đã kiểm tra 5 phòng")
    at.button(key=f"ts-luu-{p.field('1')}").click().run()

    assert not at.exception
    refusal = vi.PAR_SCORE_STEP.format(code="1.2", step="0,5", value="20,3")
    assert values(at.error) == [refusal, refusal], "under the wrong score and under the button"
    below_button = _after(at, f"ts-luu-{p.field('1')}")
    assert (below_button.type, below_button.value) == ("error", refusal), "the refusal follows «Lưu nháp»"
    below_score = _after(at, f"ts-{p.ids['1.2']}-diem")
    assert (below_score.type, below_score.value) == ("error", refusal), "and follows the offending score"
    assert not at.success
    assert _scores(demo_db, p.assessment_id) == {}, "nothing is saved, not even the acceptable score"
    # What the user typed is still there to correct.
    assert _one(at.text_input, f"ts-{p.ids['1.2']}-diem").value == "20,3"
    assert _one(at.text_area, f"ts-{p.ids['1.2']}-gt").value == "Đã kiểm tra 5 phòng"
    assert _one(at.selectbox, f"ts-{p.ids['1.1.1']}-diem").value == Decimal(5)

    # Above the maximum: the range message; after correcting, it saves.
    _one(at.text_input, f"ts-{p.ids['1.2']}-diem").input("31")
    at.button(key=f"ts-luu-{p.field('1')}").click().run()
    assert values(at.error) == [vi.PAR_SCORE_OUT_OF_RANGE.format(code="1.2", max="30", value="31")] * 2
    assert _scores(demo_db, p.assessment_id) == {}
    _one(at.text_input, f"ts-{p.ids['1.2']}-diem").input("20,5")
    at.button(key=f"ts-luu-{p.field('1')}").click().run()
    _no_error(at)
    assert _scores(demo_db, p.assessment_id)["1.2"].self_score == Decimal("20.5")


def test_a_form_sent_after_the_account_was_locked_saves_nothing(demo_db, actors, par):
    at = _open(demo_db, EDITOR, par.assessment_id)
    _one(at.text_input, f"ts-{par.ids['1.2']}-diem").input("10")
    with session_scope(demo_db) as s:   # locked by the unit administrator while the form was open
        s.scalar(sa.select(Account).where(Account.username == EDITOR)).status = AccountStatus.LOCKED
    at.button(key=f"ts-luu-{par.field('1')}").click().run()

    assert not at.exception
    assert _scores(demo_db, par.assessment_id) == {}
    assert values(at.warning) == [vi.ERR_LOGIN_REQUIRED] and not at.success


def test_a_peer_unit_opening_the_address_sees_only_not_found(demo_db, actors, par):
    _submitted(demo_db, actors, par)
    at = _open(demo_db, PEER, par.assessment_id)
    assert not at.exception
    assert values(at.error) == [vi.ERR_NOT_FOUND]
    assert [e.type for e in leaves(at.main)] == ["error"]
    shown = texts(at)
    assert "Sở Xây dựng" not in shown and ROUND_NAME not in shown and "Lĩnh vực" not in shown
    # An id that does not exist, or is not a number, looks the same or asks to choose one.
    at = _open(demo_db, PEER, 987654)
    assert values(at.error) == [vi.ERR_NOT_FOUND] and [e.type for e in leaves(at.main)] == ["error"]
    at = _open(demo_db, PEER, "abc")
    assert not at.error and "Chưa chọn hồ sơ" in texts(at)


def test_a_viewer_reads_the_assessment_without_any_save_button(demo_db, actors, par):
    with session_scope(demo_db) as s:
        par_assessments.save_self(s, actors[EDITOR], par.assessment_id, {
            par.ids["1.2"]: Entry("12,5", "Kiểm tra 4 phòng chuyên môn")})
    at = _open(demo_db, VIEWER, par.assessment_id)
    _no_error(at)
    assert vi.TASK_READ_ONLY in values(at.caption)
    assert not at.button and not at.text_input and not at.text_area and not at.selectbox and not at.file_uploader
    assert not at.checkbox
    table = at.dataframe[0].value
    assert list(table.loc[table["Mã"] == "1.2", "Tự chấm"]) == ["12,5"]
    assert "Kiểm tra 4 phòng chuyên môn" in texts(at)
    # The editor of the same unit, on the same assessment, has the forms: the difference is the account's right.
    at = _open(demo_db, EDITOR, par.assessment_id)
    assert f"ts-luu-{par.field('1')}" in _keys(at) and "nop-gui" in _keys(at)


# ---------------------------------------------------------------- appraisal, evidence request, council

def test_the_assessor_appraises_requests_evidence_the_unit_answers_and_the_field_is_finished(demo_db, actors, par):
    p = par
    _submitted(demo_db, actors, p)
    f1 = p.field("1")
    at = _open(demo_db, ASSESSOR, p.assessment_id, field="1")
    _no_error(at)
    assert "Đơn vị tự chấm: **5 — Có**" in values(at.markdown)
    _choose(_one(at.selectbox, f"td-{p.ids['1.1.1']}-diem"), "5 — Có")
    _choose(_one(at.selectbox, f"td-{p.ids['1.1.2']}-diem"), "0 — Dưới 80% kế hoạch")
    _one(at.text_area, f"td-{p.ids['1.1.2']}-nx").input("Báo cáo chỉ thể hiện 75% nhiệm vụ hoàn thành.")
    _one(at.text_input, f"td-{p.ids['1.2']}-diem").input("18")
    at.button(key=f"td-luu-{f1}").click().run()

    _no_error(at)
    assert "Đã lưu điểm thẩm định lĩnh vực 1." in values(at.success)
    scores = _scores(demo_db, p.assessment_id)
    assert {c: scores[c].appraised_score for c in ("1.1.1", "1.1.2", "1.2")} == {
        "1.1.1": Decimal(5), "1.1.2": Decimal(0), "1.2": Decimal(18)}
    assert scores["1.1.2"].appraisal_comment == "Báo cáo chỉ thể hiện 75% nhiệm vụ hoàn thành."
    assert scores["2.1"].appraised_score is None

    # A request for more evidence on one criterion, with a deadline.
    deadline = local_today() + timedelta(days=3)
    _one(at.multiselect, f"yc-{f1}-tc").set_value([p.ids["1.1.1"]])
    _one(at.date_input, f"yc-{f1}-han").set_value(deadline)
    _one(at.text_area, f"yc-{f1}-gc").input("Bổ sung bản ký số của kế hoạch.")
    at.button(key=f"yc-gui-{f1}").click().run()
    _no_error(at)
    with session_scope(demo_db) as s:
        request = s.scalar(sa.select(ParEvidenceRequest).where(ParEvidenceRequest.assessment_id == p.assessment_id))
        assert (request.status, request.deadline, request.note) == (
            ParRequestStatus.OPEN, deadline, "Bổ sung bản ký số của kế hoạch.")
        assert [i.criterion_id for i in request.items] == [p.ids["1.1.1"]]
        request_id = request.id

    # While the unit has not answered, the field cannot be finished.
    at.button(key=f"td-xong-{f1}").click().run()
    assert values(at.error) == [vi.PAR_FIELD_OPEN_REQUEST.format(field="1", deadline=fmt_date(deadline))]
    assert _field_review(demo_db, p.assessment_id, f1)[0] == ParFieldStatus.WAITING

    # The unit is offered the requested criterion only, and answers with a text and a file.
    unit = _open(demo_db, EDITOR, p.assessment_id)
    _no_error(unit)
    answer_keys = [k for k in _keys(unit) if k.startswith(f"bs-{request_id}-")]
    assert answer_keys == [f"bs-{request_id}-{p.ids['1.1.1']}-tl", f"bs-{request_id}-{p.ids['1.1.1']}-tep"]
    assert "Bổ sung bản ký số của kế hoạch." in texts(unit)
    unit.text_area(key=f"bs-{request_id}-{p.ids['1.1.1']}-tl").input("Gửi kèm bản ký số.")
    unit.file_uploader(key=f"bs-{request_id}-{p.ids['1.1.1']}-tep").set_value(
        ("ke-hoach-ky-so.pdf", PDF, "application/pdf"))
    unit.button(key=f"bs-gui-{request_id}").click().run()
    _no_error(unit)
    assert "Đã gửi nội dung bổ sung tiêu chí 1.1.1 cho Tổ giúp việc." in values(unit.success)
    assert not [k for k in _keys(unit) if k.startswith("bs-")], "the answered request is no longer offered"
    with session_scope(demo_db) as s:
        request = s.get(ParEvidenceRequest, request_id)
        assert request.status == ParRequestStatus.ANSWERED and request.items[0].answer == "Gửi kèm bản ký số."
    assert _evidence(demo_db, p.assessment_id) == [("1.1.1", "ke-hoach-ky-so.pdf")]

    # The assessor sees the answer and the file, and finishes the field.
    at = _open(demo_db, ASSESSOR, p.assessment_id, field="1")
    assert "Gửi kèm bản ký số." in texts(at)
    assert [b.label for b in at.get("download_button")] == ["ke-hoach-ky-so.pdf"]
    at.button(key=f"td-xong-{f1}").click().run()
    _no_error(at)
    assert _field_review(demo_db, p.assessment_id, f1)[0] == ParFieldStatus.APPRAISED
    assert not [k for k in _keys(at) if k.startswith(f"td-{p.ids['1.2']}-")], "a finished field is read-only"
    assert _field_review(demo_db, p.assessment_id, p.field("2"))[0] == ParFieldStatus.WAITING


def test_finishing_a_field_with_a_criterion_unappraised_is_refused(demo_db, actors, par):
    _submitted(demo_db, actors, par)
    f1 = par.field("1")
    at = _open(demo_db, ASSESSOR, par.assessment_id, field="1")
    _choose(_one(at.selectbox, f"td-{par.ids['1.1.1']}-diem"), "5 — Có")
    at.button(key=f"td-xong-{f1}").click().run()
    assert values(at.error) == [vi.PAR_FIELD_INCOMPLETE.format(field="1", codes="1.1.2, 1.2")]
    assert _field_review(demo_db, par.assessment_id, f1)[0] == ParFieldStatus.WAITING
    assert _scores(demo_db, par.assessment_id)["1.1.1"].appraised_score is None, "save and finish are one step"


def test_the_council_approves_a_field(demo_db, actors, par):
    _appraised(demo_db, actors, par)
    f1 = par.field("1")
    at = _open(demo_db, MEMBER, par.assessment_id, field="1")
    _no_error(at)
    assert [t.label for t in at.tabs] == FIELD_TABS
    table = at.dataframe[0].value
    assert list(table["Thẩm định"]) == ["", "5", "2,5", "20"] and list(table["Tự chấm"])[1:] == ["5", "2,5", "20"]
    at.button(key=f"hd-duyet-{f1}").click().run()

    _no_error(at)
    assert "Đã phê duyệt lĩnh vực 1; điểm thẩm định là điểm chính thức." in values(at.success)
    assert _field_review(demo_db, par.assessment_id, f1)[0] == ParFieldStatus.APPROVED
    scores = _scores(demo_db, par.assessment_id)
    assert {c: scores[c].final_score for c in ("1.1.1", "1.1.2", "1.2")} == {
        "1.1.1": Decimal(5), "1.1.2": Decimal("2.5"), "1.2": Decimal(20)}
    assert f"hd-duyet-{f1}" not in _keys(at), "an approved field offers no decision any more"
    assert "Phê duyệt" in [m.label for m in at.metric] and "27,5/40" in values(at.metric)


def test_the_council_returns_a_field_only_with_a_comment(demo_db, actors, par):
    _appraised(demo_db, actors, par)
    f1 = par.field("1")
    at = _open(demo_db, MEMBER, par.assessment_id, field="1")
    at.button(key=f"hd-tra-{f1}").click().run()
    assert values(at.error) == [vi.PAR_COMMENT_REQUIRED]
    assert _field_review(demo_db, par.assessment_id, f1) == (ParFieldStatus.APPRAISED, "")

    _one(at.text_area, f"hd-{f1}-yk").input("Tiêu chí 1.2 chưa đối chiếu biên bản kiểm tra.")
    at.button(key=f"hd-tra-{f1}").click().run()
    _no_error(at)
    assert _field_review(demo_db, par.assessment_id, f1) == (
        ParFieldStatus.RETURNED, "Tiêu chí 1.2 chưa đối chiếu biên bản kiểm tra.")
    # The assessor sees the council's comment and may appraise again.
    at = _open(demo_db, ASSESSOR, par.assessment_id, field="1")
    assert any("Tiêu chí 1.2 chưa đối chiếu biên bản kiểm tra." in w for w in values(at.warning))
    assert f"td-luu-{f1}" in _keys(at)


def test_a_council_decision_on_a_field_decided_meanwhile_shows_the_conflict(demo_db, actors, par):
    _appraised(demo_db, actors, par)
    f1 = par.field("1")
    at = _open(demo_db, MEMBER, par.assessment_id, field="1")
    with session_scope(demo_db) as s:   # another member (or another window) decides first
        par_assessments.return_field(s, actors[MEMBER], par.assessment_id, f1, "Cần thẩm định lại.")
    at.button(key=f"hd-duyet-{f1}").click().run()

    assert not at.exception
    [message] = values(at.error)
    assert message.startswith("Lĩnh vực 1 vừa được người khác xử lý") and "Quyết định của bạn chưa được lưu." in message
    assert _field_review(demo_db, par.assessment_id, f1) == (ParFieldStatus.RETURNED, "Cần thẩm định lại.")


# ---------------------------------------------------------------- lists and the way into an assessment

def _frame(at, key: str):  # noqa: ANN001, ANN202
    return next(d for d in at.dataframe if d.key == key).value


def _select(at, key: str, row: int) -> None:  # noqa: ANN001
    at.session_state[key] = {"selection": {"rows": [row], "columns": []}}
    at.run()


def test_the_unit_opens_its_assessment_from_the_self_assessment_list(demo_db, actors, par):
    at = app(demo_db, EDITOR).run()
    at.switch_page(SELF).run()
    _no_error(at)
    frame = _frame(at, "ts-bang")
    assert ROUND_NAME in list(frame["Đợt đánh giá"]) and "Đơn vị" not in frame.columns
    assert "Đơn vị: Sở Xây dựng" in values(at.caption), "one unit: named once above the table"
    _select(at, "ts-bang", list(frame["Đợt đánh giá"]).index(ROUND_NAME))
    at.button(key="ts-mo").click().run()
    _no_error(at)
    assert values(at.title) == ["Hồ sơ Chỉ số CCHC"] and at.query_params["id"] == str(par.assessment_id)


def test_a_peer_unit_does_not_see_the_assessment_in_its_list(demo_db, actors, par):
    at = page(SELF, demo_db, PEER).run()
    _no_error(at)
    frame = _frame(at, "ts-bang")
    assert ROUND_NAME not in list(frame["Đợt đánh giá"])
    # Xã Lấp Vò reads its own and, from before the 2025 reform, those of the district and town merged into it
    assert set(frame["Đơn vị"]) == {"Xã Lấp Vò", "Huyện Lấp Vò", "Thị trấn Lấp Vò"}


@pytest.mark.parametrize(("username", "path", "key", "arrange"), [
    (ASSESSOR, APPRAISAL, "tdq", _submitted),
    (MEMBER, COUNCIL, "hdq", _appraised),
])
def test_the_queues_list_the_field_and_open_the_assessment_on_it(demo_db, actors, par, username, path, key,
                                                                 arrange):
    arrange(demo_db, actors, par)
    at = app(demo_db, username).run()
    at.switch_page(path).run()
    _no_error(at)
    frame = _frame(at, f"{key}-bang")
    ours = frame[frame["Đơn vị"] == "Sở Xây dựng"]   # the demo round of this year has Sở Xây dựng still drafting
    expected = ["1. Công tác chỉ đạo, điều hành cải cách hành chính", "2. Cải cách thủ tục hành chính"]
    assert list(ours["Lĩnh vực"]) == (expected if key == "tdq" else expected[:1])
    submitted = list(frame["Nộp lúc"])
    assert submitted == sorted(submitted, key=lambda t: (t[6:10], t[3:5], t[:2], t[11:])), "oldest first"
    _select(at, f"{key}-bang", list(frame.index).index(ours.index[0]))
    at.button(key=f"{key}-mo").click().run()
    _no_error(at)
    assert values(at.title) == ["Hồ sơ Chỉ số CCHC"]
    assert at.query_params["id"] == str(par.assessment_id) and at.query_params["lv"] == "1"


def test_the_demo_assessment_with_the_full_tree_opens_for_its_editor(demo_db, actors, unit_ids):
    with session_scope(demo_db) as s:
        assessment_id = s.scalar(sa.select(ParAssessment.id).join(ParRound).where(
            ParAssessment.unit_id == unit_ids["SXD"], ParRound.year == local_today().year))
    if assessment_id is None:
        pytest.skip("no demo round this year")
    at = _open(demo_db, EDITOR, assessment_id)
    _no_error(at)
    assert len(at.tabs) == 8 and at.button(key=f"ts-luu-{_first_field(demo_db, assessment_id)}")


def _first_field(engine, assessment_id: int) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        a = s.get(ParAssessment, assessment_id)
        year = s.get(ParRound, a.round_id).year
        return s.scalar(sa.select(ParCriterion.id).where(
            ParCriterion.year == year, ParCriterion.unit_group == a.unit_group, ParCriterion.code == "1"))


def test_the_par_administrator_corrects_a_submitted_score_and_the_unit_reads_it(demo_db, actors, par):
    """Seed 004 art. 4.1 (issue 8 item 11): a level above corrects after the submission, with a reason; the unit
    reads who changed what in the history and has no such form itself."""
    p = par
    _submitted(demo_db, actors, p)
    assert not [k for k in _keys(_open(demo_db, EDITOR, p.assessment_id)) if k.startswith("dc-")]
    at = _open(demo_db, ADMIN, p.assessment_id)
    _no_error(at)
    at.selectbox(key=f"dc-{p.field('1')}-tc").set_value(p.ids["1.2"])
    at.text_input(key=f"dc-{p.field('1')}-diem").input("15")
    at.button(key=f"dc-luu-{p.field('1')}").click().run()
    assert values(at.error) == [vi.PAR_CORRECT_REASON], "shown next to the form"
    at.text_area(key=f"dc-{p.field('1')}-ly-do").input("Biên bản kiểm tra chỉ có 3 phòng")
    at.button(key=f"dc-luu-{p.field('1')}").click().run()
    _no_error(at)
    assert _scores(demo_db, p.assessment_id)["1.2"].self_score == Decimal(15)
    unit = _open(demo_db, EDITOR, p.assessment_id)
    history = unit.table[-1].value.to_dict("records")
    assert {"Người thực hiện": actors[ADMIN].full_name, "Nội dung": "Cấp trên điều chỉnh điểm tự đánh giá",
            "Chi tiết": "Sau khi đơn vị nộp: tiêu chí 1.2: 20 → 15. Lý do: Biên bản kiểm tra chỉ có 3 phòng"} in [
        {k: r[k] for k in ("Người thực hiện", "Nội dung", "Chi tiết")} for r in history]


def test_a_read_only_account_is_offered_no_action_it_cannot_take(demo_db, actors):
    """Issue 8 item 15: tracuu.sxd (TRA_CUU) reads the unit's assessment; no «self-assess», «answer», «submit» or
    «correct» button or form appears for it, on the list nor on the record."""
    at = page(SELF, demo_db, VIEWER).run()
    _no_error(at)
    assert [b.label for b in at.button] == ["Xem hồ sơ"]
    assert vi.TASK_READ_ONLY in values(at.caption)
    with session_scope(demo_db) as s:
        assessment_id = s.scalar(sa.select(ParAssessment.id).join(ParRound).where(
            ParAssessment.unit_id == actors[VIEWER].unit_id, ParRound.year == local_today().year))
    record = _open(demo_db, VIEWER, assessment_id)
    _no_error(record)
    assert not [k for k in _keys(record) if k.startswith(("ts-", "nop-", "bs-", "dc-", "td-", "yc-", "hd-", "mo-"))]
    assert not record.button
