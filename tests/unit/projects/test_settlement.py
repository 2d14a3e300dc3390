"""The settlement of a completed project (issue 10 item 10, Nghị định 99/2021/NĐ-CP Điều 47): the three clocks by
group (dossier 9/9/6/4 months, verification 8/8/4/3 months, approval 1 month/1 month/20 days/15 days — settings),
counted in months and calendar days with a last day off moved to the next working day (Bộ luật Dân sự 2015, Điều
148); the final value and end against the approved ones with the reasons required when they differ; scope as the
project's record."""
from __future__ import annotations

from datetime import date as D, datetime

import pytest
import sqlalchemy as sa

from lib.core.calendar import LOCAL_TZ, WorkCalendar
from lib.core.db import session_scope
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.core.services import settings
from lib.projects import settlement
from lib.projects.enums import ProjectGroup
from lib.projects.models import Project, ProjectDocument, ProjectSettlement
from lib.projects.settlement import SettlementInput

NOW = datetime(2026, 6, 25, 9, 0, tzinfo=LOCAL_TZ)
TODAY = NOW.date()
DATES = {"handover_on": D(2026, 1, 15), "dossier_submitted_on": D(2026, 5, 20), "verified_on": D(2026, 6, 1),
         "approved_on": None}

# group -> per clock (due, ends_on, done, late days, overdue)
CLOCK_TABLE = {
    ProjectGroup.C: [(D(2026, 5, 15), D(2026, 5, 15), D(2026, 5, 20), 5, False),       # 4 months, 5 days late
                     (D(2026, 8, 20), D(2026, 8, 20), D(2026, 6, 1), 0, False),        # 3 months
                     (D(2026, 6, 16), D(2026, 6, 16), None, 9, True)],                 # 15 days, open, 9 overdue
    ProjectGroup.B: [(D(2026, 7, 15), D(2026, 7, 15), D(2026, 5, 20), 0, False),       # 6 months
                     (D(2026, 9, 20), D(2026, 9, 21), D(2026, 6, 1), 0, False),        # 4 months, Sunday → Monday
                     (D(2026, 6, 21), D(2026, 6, 22), None, 3, True)],                 # 20 days, Sunday → Monday
    ProjectGroup.A: [(D(2026, 10, 15), D(2026, 10, 15), D(2026, 5, 20), 0, False),     # 9 months
                     (D(2027, 1, 20), D(2027, 1, 20), D(2026, 6, 1), 0, False),        # 8 months
                     (D(2026, 7, 1), D(2026, 7, 1), None, None, False)],               # 1 month, in time
    ProjectGroup.NATIONAL: [(D(2026, 10, 15), D(2026, 10, 15), D(2026, 5, 20), 0, False),
                            (D(2027, 1, 20), D(2027, 1, 20), D(2026, 6, 1), 0, False),
                            (D(2026, 7, 1), D(2026, 7, 1), None, None, False)],
}


@pytest.mark.parametrize("group", list(CLOCK_TABLE))
def test_the_clocks_of_each_group(session, group):
    clocks = settlement.clocks(session, group, DATES, TODAY, WorkCalendar())
    assert [c.key for c in clocks] == ["dossier", "verification", "approval"]
    assert [(c.due, c.ends_on, c.done, c.late_days, c.overdue) for c in clocks] == CLOCK_TABLE[group]
    assert [c.start for c in clocks] == [D(2026, 1, 15), D(2026, 5, 20), D(2026, 6, 1)]   # one after the other


def test_the_lengths_are_settings_and_the_arithmetic_is_explained(session):
    clocks = settlement.clocks(session, ProjectGroup.C, DATES, TODAY, WorkCalendar())
    assert clocks[0].explanation == ("Ngày ký biên bản bàn giao đưa vào sử dụng 15/01/2026 + 4 tháng → hạn 15/05/2026; "
                                     "hoàn thành 20/05/2026: chậm 5 ngày")
    assert "+ 15 ngày (theo lịch) → hạn 16/06/2026" in clocks[2].explanation
    assert "quá hạn 9 ngày" in clocks[2].explanation
    b = settlement.clocks(session, ProjectGroup.B, DATES, TODAY, WorkCalendar())
    assert "hạn rơi vào ngày nghỉ 21/06/2026: kết thúc vào ngày làm việc tiếp theo 22/06/2026" in b[2].explanation
    keys = {d.key: d for d in settings.DEFINITIONS}
    assert [keys[f"project_settlement_dossier_months_{g}"].default for g in ("national", "a", "b", "c")] == [9, 9, 6, 4]
    assert [keys[f"project_settlement_verification_months_{g}"].default
            for g in ("national", "a", "b", "c")] == [8, 8, 4, 3]
    approval = ("project_settlement_approval_months_national", "project_settlement_approval_months_a",
                "project_settlement_approval_days_b", "project_settlement_approval_days_c")
    assert [keys[k].default for k in approval] == [1, 1, 20, 15]
    assert all("Điều 47" in keys[k].source for k in keys if k.startswith("project_settlement_"))
    from lib.core.models import Setting
    session.add(Setting(key="project_settlement_dossier_months_c", value="5"))   # an administrator's change
    session.flush()
    assert settlement.clocks(session, ProjectGroup.C, DATES, TODAY, WorkCalendar())[0].due == D(2026, 6, 15)


@pytest.mark.parametrize("start, months, due, clamped", [
    (D(2025, 8, 31), 6, D(2026, 2, 28), True),      # no 31 February: the last day of the month (art. 148.3)
    (D(2024, 8, 31), 6, D(2025, 2, 28), True),
    (D(2023, 8, 29), 6, D(2024, 2, 29), False),     # leap year
    (D(2026, 1, 15), 12, D(2027, 1, 15), False),
])
def test_months_end_on_the_same_day_or_the_last_day_of_the_month(start, months, due, clamped):
    assert settlement.add_months(start, months) == (due, clamped)


def test_a_clamped_due_date_on_a_saturday_moves_to_the_next_working_day():
    clock = settlement.run_clock(WorkCalendar(), "dossier", "Lập hồ sơ", D(2025, 8, 31), 6, settlement.MONTHS, None,
                                 D(2026, 2, 27), "Bàn giao")
    assert (clock.due, clock.ends_on, clock.overdue, clock.late_days) == (D(2026, 2, 28), D(2026, 3, 2), False, None)
    assert "tháng 02/2026 không có ngày 31" in clock.explanation and "02/03/2026" in clock.explanation


def test_a_clock_not_started_waits_for_the_previous_stage(session):
    clocks = settlement.clocks(session, ProjectGroup.C, {"handover_on": D(2026, 1, 15)}, TODAY, WorkCalendar())
    assert clocks[0].overdue and clocks[0].late_days == (TODAY - D(2026, 5, 15)).days
    assert clocks[1].start is None and clocks[2].start is None and "Chưa bắt đầu" in clocks[1].explanation


# ---------------------------------------------------------------- the record

def _project(engine, code: str = "DT-2023-006") -> Project:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(Project).where(Project.code == code))


def _save(engine, actor, project_id: int, data: SettlementInput, version: int | None = None) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return settlement.save_settlement(s, actor, project_id, version, data, now=NOW)


def _rows(engine) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(sa.func.count(ProjectSettlement.id)))


def test_the_investor_records_the_settlement_and_the_reasons_are_required_when_values_differ(demo_db, actors):
    school, editor = _project(demo_db, "DT-2024-001"), actors["capnhat.sxd"]
    base = SettlementInput(D(2026, 1, 15), D(2026, 5, 20), D(2026, 6, 1))
    with pytest.raises(ValidationError, match="lý do chênh lệch") as error:
        _save(demo_db, editor, school.id, SettlementInput(D(2026, 1, 15), final_value=school.total_investment - 1))
    assert error.value.field == "difference_reasons"
    with pytest.raises(ValidationError, match="lý do chênh lệch"):
        _save(demo_db, editor, school.id, SettlementInput(D(2026, 1, 15), actual_end=D(2026, 1, 10)))
    assert _rows(demo_db) == 0
    # Same values as approved: no reason needed.
    _save(demo_db, editor, school.id, SettlementInput(D(2026, 1, 15), final_value=school.total_investment))
    with session_scope(demo_db) as s:
        row = s.scalar(sa.select(ProjectSettlement).where(ProjectSettlement.project_id == school.id))
        version = row.version
    base.final_value, base.actual_end = school.total_investment - 350_000_000, D(2026, 1, 10)
    base.difference_reasons = "Tiết kiệm sau đấu thầu; hoàn thành sớm do thời tiết thuận lợi"
    _save(demo_db, editor, school.id, base, version)
    with session_scope(demo_db) as s:
        view = settlement.settlement_view(s, actors["lanhdao"], school.id, TODAY)
        assert view.settlement.final_value == school.total_investment - 350_000_000 and not view.may_edit
        assert "350.000.000" in view.comparisons[0].difference and view.comparisons[1].difference != "—"
        assert [c.done for c in view.clocks] == [D(2026, 5, 20), D(2026, 6, 1), None]
    with pytest.raises(ConflictError):                                 # someone saved in between
        _save(demo_db, editor, school.id, base, version)


@pytest.mark.parametrize("changes, field, message", [
    ({"handover_on": None}, "handover_on", "biên bản nghiệm thu"),
    ({"handover_on": D(2026, 6, 26)}, "handover_on", "không được sau ngày hôm nay"),
    ({"dossier_submitted_on": D(2026, 1, 10)}, "dossier_submitted_on", "không được trước"),
    ({"dossier_submitted_on": None, "verified_on": D(2026, 6, 1)}, "verified_on", "Chưa có ngày nộp đủ hồ sơ"),
    ({"approved_on": D(2026, 5, 30)}, "approved_on", "không được trước"),
    ({"final_value": -1}, "final_value", "không âm"),
    ({"actual_end": D(2026, 7, 1), "difference_reasons": "x"}, "actual_end", "không được sau ngày hôm nay"),
])
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_saved(demo_db, actors, changes, field, message):
    data = SettlementInput(D(2026, 1, 15), D(2026, 5, 20), D(2026, 6, 1))
    for key, value in changes.items():
        setattr(data, key, value)
    with pytest.raises(ValidationError, match=message) as error:
        _save(demo_db, actors["capnhat.sxd"], _project(demo_db, "DT-2024-001").id, data)
    assert error.value.field == field
    assert _rows(demo_db) == 0


def test_scope_peers_do_not_find_readers_only_read_documents_belong_to_the_project(demo_db, actors):
    pid = _project(demo_db, "DT-2024-001").id
    data = SettlementInput(D(2026, 1, 15))
    with pytest.raises(NotFound):
        _save(demo_db, actors["capnhat.laplvo"], pid, data)
    with pytest.raises(PermissionDenied):
        _save(demo_db, actors["tracuu.sxd"], pid, data)
    with pytest.raises(PermissionDenied):
        _save(demo_db, actors["kehoach.stc"], pid, data)
    with session_scope(demo_db) as s:
        with pytest.raises(NotFound):
            settlement.settlement_view(s, actors["capnhat.laplvo"], pid)
        other_doc = s.scalar(sa.select(ProjectDocument.id).join(Project, Project.id == ProjectDocument.project_id)
                             .where(Project.code == "DT-2025-007"))
    data.handover_document_id = other_doc
    with pytest.raises(ValidationError, match="không thuộc hồ sơ dự án"):
        _save(demo_db, actors["capnhat.sxd"], pid, data)
    private = _project(demo_db, "TN-2025-001").id
    with pytest.raises(PermissionDenied, match="tư nhân"):
        _save(demo_db, actors["kehoach.stc"], private, SettlementInput(D(2026, 1, 15)))
    assert _rows(demo_db) == 0
