"""Module Nhiệm vụ, entry by the Office: the document's checks, the tasks' checks, and how late the Office entered it.

Documents are issued in 2026 (March–May) and entered with an explicit `now`, so nothing depends on the real date.
Every refusal is checked for its Vietnamese message and for leaving the database untouched.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest
import sqlalchemy as sa

from lib.core import vi
from lib.core.calendar import LOCAL_TZ, WorkCalendar
from lib.core.db import session_scope
from lib.tasks.enums import DocType, TaskEventKind, TaskStatus, Urgency
from lib.core.errors import ConflictError, PermissionDenied, ValidationError
from lib.core.models import Attachment, AuditLog
from lib.tasks.models import DirectiveDocument, Task, TaskCoUnit, TaskEvent
from lib.core.services import settings
from lib.tasks import workflow as tasks
from lib.core.services.calendar_admin import work_calendar
from lib.tasks.workflow import DocumentInput, TaskInput, Upload

OFFICER = "chuyenvien.vp"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ISSUED = date(2026, 3, 2)          # a Monday
NOW = datetime(2026, 3, 2, 10, 30, tzinfo=LOCAL_TZ)


_LEADER: dict[str, int] = {}


@pytest.fixture(autouse=True)
def _directing_leader(request: pytest.FixtureRequest) -> None:
    """`doc()` names the demo's Phó Chủ tịch Nguyễn Văn Thành (a row of the leaders' list) as the directing leader."""
    if "demo_db" in request.fixturenames:
        _LEADER["id"] = request.getfixturevalue("leader_ids")["Nguyễn Văn Thành"]


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LOCAL_TZ)


def doc(unit_ids: dict[str, int], number_symbol: str = "501/VP-TH", issued_on: date = ISSUED,
        issuer: str = "VP", **kw) -> DocumentInput:  # noqa: ANN003
    values = dict(doc_type=DocType.CONG_VAN, number_symbol=number_symbol,
                  summary="Về việc đẩy nhanh tiến độ giải ngân vốn đầu tư công", issued_on=issued_on,
                  issuer_unit_id=unit_ids[issuer], leader_id=_LEADER.get("id"),
                  signer="Nguyễn Văn Thành", issued_time=time(9, 0))
    values.update(kw)
    return DocumentInput(**values)


def task(unit_ids: dict[str, int], lead: str | None = "SXD", co: tuple[str, ...] = (),
         deadline: date | None = date(2026, 3, 31), **kw) -> TaskInput:  # noqa: ANN003
    return TaskInput("Rà soát, báo cáo danh mục dự án chậm giải ngân", unit_ids[lead] if lead else None,
                     [unit_ids[c] for c in co], deadline=deadline, **kw)


def complete(actor, d: DocumentInput, ts: list[TaskInput], signed_file: Upload | None  # noqa: ANN001
             ) -> tuple[DocumentInput, list[TaskInput], Upload]:
    """What every entry must carry (the drafter, each task's follower, the signed file), where a test left it out."""
    d = d if d.drafter_id is not None else replace(d, drafter_id=actor.id)
    ts = [t if t.follower_id is not None else replace(t, follower_id=actor.id) for t in ts]
    return d, ts, signed_file or Upload("van-ban.pdf", PDF)


def enter(engine, actor, d: DocumentInput, ts: list[TaskInput], now: datetime = NOW,  # noqa: ANN001
          signed_file: Upload | None = None) -> int:
    d, ts, signed_file = complete(actor, d, ts, signed_file)
    with session_scope(engine) as s:
        return tasks.create_document(s, actor, d, ts, signed_file=signed_file, now=now)


def counts(engine) -> tuple[int, ...]:  # noqa: ANN001
    with session_scope(engine) as s:
        return tuple(s.scalar(sa.select(sa.func.count()).select_from(m)) or 0
                     for m in (DirectiveDocument, Task, TaskCoUnit, TaskEvent, Attachment, AuditLog))


def refused(engine, actor, d: DocumentInput, ts: list[TaskInput], error: type[Exception],  # noqa: ANN001
            *keywords: str, now: datetime = NOW, signed_file: Upload | None = None) -> str:
    """Entering is refused with `error` whose message holds every keyword, and nothing at all is written."""
    before = counts(engine)
    with pytest.raises(error) as caught:
        enter(engine, actor, d, ts, now=now, signed_file=signed_file)
    message = str(caught.value)
    for keyword in keywords:
        assert keyword in message, (keyword, message)
    assert counts(engine) == before, "a refused entry writes nothing"
    return message


def document(engine, document_id: int) -> DirectiveDocument:  # noqa: ANN001
    with session_scope(engine) as s:
        row = s.get(DirectiveDocument, document_id)
        row.tasks  # noqa: B018  (load them)
        for t in row.tasks:
            t.co_units  # noqa: B018
        return row


# ---------------------------------------------------------------- a valid entry

def test_a_document_with_two_tasks_is_entered_with_its_file_and_history(demo_db, actors, unit_ids):
    officer = actors[OFFICER]
    document_id = enter(demo_db, officer, doc(unit_ids, "1298/QĐ-UBND-HC", doc_type=DocType.QUYET_DINH,
                                              drafter_id=officer.id),
                        [task(unit_ids, "SXD", ("X-LAPVO", "SNV"), follower_id=officer.id),
                         task(unit_ids, "X-LAPVO", deadline=None, deadline_working_days=5)],
                        signed_file=Upload("Quyết định 1298.pdf", PDF))
    row = document(demo_db, document_id)
    assert (row.number, row.symbol, row.number_symbol) == ("1298", "QĐ-UBND-HC", "1298/QĐ-UBND-HC")
    assert row.issued_year == 2026 and row.entered_by_id == officer.id and row.attachment_id
    one, two = row.tasks
    assert (one.seq, one.status, one.lead_unit_id) == (1, TaskStatus.NEW, unit_ids["SXD"])
    assert {c.unit_id for c in one.co_units} == {unit_ids["X-LAPVO"], unit_ids["SNV"]}
    assert one.follower_id == officer.id and one.deadline == date(2026, 3, 31)
    assert two.deadline == WorkCalendar().add_working_days(ISSUED, 5) == date(2026, 3, 9)
    with session_scope(demo_db) as s:
        created = s.scalars(sa.select(TaskEvent).where(TaskEvent.task_id.in_([one.id, two.id]))).all()
        assert sorted(e.kind for e in created) == [TaskEventKind.CREATED] * 2
        assert s.get(Attachment, row.attachment_id).owner_id == document_id


# ---------------------------------------------------------------- the document's checks

def test_a_classified_document_is_refused_and_nothing_is_written(demo_db, actors, unit_ids):
    message = refused(demo_db, actors[OFFICER], doc(unit_ids, classified=True), [task(unit_ids)], ValidationError,
                      "mật", "chưa được lưu", signed_file=Upload("mat.pdf", PDF))
    assert message == vi.TASK_CLASSIFIED


@pytest.mark.parametrize("value", ["1298/QĐ-UBND-HC", "02/2020/QĐ-UBND", "125/UBND-KT", "313/TTr-VP"])
def test_number_symbols_in_the_official_form_are_accepted(demo_db, actors, unit_ids, value):
    document_id = enter(demo_db, actors[OFFICER], doc(unit_ids, value), [task(unit_ids)])
    row = document(demo_db, document_id)
    assert row.number_symbol == value
    number, symbol = value.split("/", 1)
    assert (row.number, row.symbol) == (number, symbol)


@pytest.mark.parametrize("value", ["QĐ-UBND", "1298", "1298/", "abc/QĐ", "1298 QĐ-UBND", "12/QĐ UBND/x/y"])
def test_number_symbols_not_in_the_official_form_are_refused(demo_db, actors, unit_ids, value):
    message = refused(demo_db, actors[OFFICER], doc(unit_ids, value), [task(unit_ids)], ValidationError,
                      "không đúng thể thức", "Nghị định 30/2020", "1298/QĐ-UBND-HC")
    assert f"«{value.strip()}»" in message


def test_the_same_number_of_the_same_issuer_in_the_same_year_is_refused(demo_db, actors, unit_ids):
    officer = actors[OFFICER]
    enter(demo_db, officer, doc(unit_ids, "1298/QĐ-UBND-HC", issuer="UBND"), [task(unit_ids)])
    for again in ("1298/QĐ-UBND-HC", "1298/UBND-KT"):   # the number decides, whatever the symbol
        refused(demo_db, officer, doc(unit_ids, again, issuer="UBND", issued_on=date(2026, 3, 20)),
                [task(unit_ids)], ConflictError, "1298", "năm 2026", "đã được dùng", "1298/QĐ-UBND-HC",
                now=at(2026, 3, 20))
    # Another year, or another issuer: a different document.
    other_year = enter(demo_db, officer, doc(unit_ids, "1298/QĐ-UBND-HC", issuer="UBND",
                                             issued_on=date(2025, 12, 23)), [task(unit_ids, deadline=None,
                                                                                   long_term=True)])
    other_issuer = enter(demo_db, officer, doc(unit_ids, "1298/QĐ-UBND-HC", issuer="VP"), [task(unit_ids)])
    assert document(demo_db, other_year).issued_year == 2025
    assert document(demo_db, other_issuer).issuer_unit_id == unit_ids["VP"]


def test_an_issue_date_in_the_future_is_refused(demo_db, actors, unit_ids):
    refused(demo_db, actors[OFFICER], doc(unit_ids, issued_on=date(2026, 3, 3)), [task(unit_ids)],
            ValidationError, "Ngày ban hành", "không được sau ngày hôm nay", now=at(2026, 3, 2, 23, 59))
    # Just after midnight local time (still 2 March in UTC) the 3rd is today.
    enter(demo_db, actors[OFFICER], doc(unit_ids, issued_on=date(2026, 3, 3)), [task(unit_ids)],
          now=at(2026, 3, 3, 0, 5))


@pytest.mark.parametrize("field, value, keyword", [
    ("summary", "  ", "trích yếu"), ("signer", "", "người ký")])
def test_required_document_fields(demo_db, actors, unit_ids, field, value, keyword):
    refused(demo_db, actors[OFFICER], doc(unit_ids, **{field: value}), [task(unit_ids)], ValidationError,
            "Vui lòng nhập", keyword)


def test_only_office_officers_enter_documents(demo_db, actors, unit_ids):
    for username in ("capnhat.sxd", "tracuu.sxd", "lanhdao", "quantri"):
        refused(demo_db, actors[username], doc(unit_ids), [task(unit_ids)], PermissionDenied, "không có quyền")


# ---------------------------------------------------------------- the tasks' checks

def test_a_document_without_tasks_is_refused(demo_db, actors, unit_ids):
    refused(demo_db, actors[OFFICER], doc(unit_ids), [], ValidationError, "ít nhất một nhiệm vụ")


def test_a_task_without_deadline_is_refused_unless_long_term(demo_db, actors, unit_ids):
    message = refused(demo_db, actors[OFFICER], doc(unit_ids), [task(unit_ids), task(unit_ids, deadline=None)],
                      ValidationError, "Nhiệm vụ 2", "chưa có thời hạn", "dài hạn")
    assert "Chánh Văn phòng" in message
    document_id = enter(demo_db, actors[OFFICER], doc(unit_ids),
                        [task(unit_ids), task(unit_ids, deadline=None, long_term=True)])
    one, two = document(demo_db, document_id).tasks
    assert (one.long_term, one.deadline) == (False, date(2026, 3, 31))
    assert (two.long_term, two.deadline) == (True, None)


def test_long_term_with_a_deadline_is_an_ordinary_task(demo_db, actors, unit_ids):
    document_id = enter(demo_db, actors[OFFICER], doc(unit_ids), [task(unit_ids, long_term=True)])
    [only] = document(demo_db, document_id).tasks
    assert (only.long_term, only.deadline) == (False, date(2026, 3, 31))


def test_a_deadline_before_the_issue_date_is_refused(demo_db, actors, unit_ids):
    refused(demo_db, actors[OFFICER], doc(unit_ids), [task(unit_ids, deadline=date(2026, 3, 1))], ValidationError,
            "Nhiệm vụ 1", "không được trước ngày ban hành", "01/03/2026", "02/03/2026")
    # The issue date itself is a valid deadline.
    enter(demo_db, actors[OFFICER], doc(unit_ids), [task(unit_ids, deadline=ISSUED)])


@pytest.mark.parametrize("issued, n, expected", [
    (date(2026, 2, 10), 5, date(2026, 2, 24)),    # across Tết Bính Ngọ (16–20/2 off): not 17/2
    (date(2026, 4, 28), 3, date(2026, 5, 5)),     # across Giỗ Tổ, 30/4 and 1/5: not 1/5
    (date(2026, 4, 24), 1, date(2026, 4, 28)),    # Friday + 1: the weekend and the Giỗ Tổ make-up Monday
])
def test_a_deadline_in_working_days_counts_on_the_calendar(demo_db, actors, unit_ids, issued, n, expected):
    with session_scope(demo_db) as s:
        assert work_calendar(s).add_working_days(issued, n) == expected
    document_id = enter(demo_db, actors[OFFICER], doc(unit_ids, issued_on=issued),
                        [task(unit_ids, deadline=None, deadline_working_days=n)], now=at(2026, 5, 6))
    [only] = document(demo_db, document_id).tasks
    assert only.deadline == expected and not only.long_term


def test_a_date_and_a_number_of_working_days_together_are_refused(demo_db, actors, unit_ids):
    refused(demo_db, actors[OFFICER], doc(unit_ids), [task(unit_ids, deadline_working_days=10)], ValidationError,
            "Nhiệm vụ 1", "không nhập cả hai")


def test_a_merged_unit_cannot_be_given_a_task(demo_db, actors, unit_ids):
    refused(demo_db, actors[OFFICER], doc(unit_ids), [task(unit_ids, "SKHDT")], ValidationError,
            "Nhiệm vụ 1", "Sở Kế hoạch và Đầu tư", "đã sáp nhập")
    refused(demo_db, actors[OFFICER], doc(unit_ids), [task(unit_ids, "SXD"), task(unit_ids, "STC", ("SGTVT",))],
            ValidationError, "Nhiệm vụ 2", "Sở Giao thông vận tải", "đã sáp nhập")


def test_a_task_needs_a_lead_unit_and_content(demo_db, actors, unit_ids):
    refused(demo_db, actors[OFFICER], doc(unit_ids), [task(unit_ids, lead=None)], ValidationError,
            "Nhiệm vụ 1", "đơn vị chủ trì")
    blank = task(unit_ids)
    blank.content = "   "
    refused(demo_db, actors[OFFICER], doc(unit_ids), [blank], ValidationError, "Nhiệm vụ 1", "nội dung nhiệm vụ")


def test_the_lead_unit_cannot_also_coordinate(demo_db, actors, unit_ids):
    refused(demo_db, actors[OFFICER], doc(unit_ids), [task(unit_ids, "SXD", ("SNV", "SXD"))], ValidationError,
            "Nhiệm vụ 1", "chủ trì", "phối hợp")


def test_duplicate_coordinating_units_are_kept_once(demo_db, actors, unit_ids):
    document_id = enter(demo_db, actors[OFFICER], doc(unit_ids), [task(unit_ids, "SXD", ("SNV", "SNV", "STC"))])
    [only] = document(demo_db, document_id).tasks
    assert sorted(c.unit_id for c in only.co_units) == sorted([unit_ids["SNV"], unit_ids["STC"]])


def test_the_follower_must_be_an_office_officer(demo_db, actors, unit_ids):
    for username in ("capnhat.sxd", "lanhdao", "quantri"):
        refused(demo_db, actors[OFFICER], doc(unit_ids), [task(unit_ids, follower_id=actors[username].id)],
                ValidationError, "Người theo dõi", "chuyên viên Văn phòng")
    document_id = enter(demo_db, actors[OFFICER], doc(unit_ids),
                        [task(unit_ids, follower_id=actors[OFFICER].id)])
    assert document(demo_db, document_id).tasks[0].follower_id == actors[OFFICER].id


# ---------------------------------------------------------------- how late the Office entered it

def _entered(engine, actor, unit_ids, number: str, issued_on: date, issued_time: time | None,  # noqa: ANN001
             now: datetime, urgency: Urgency = Urgency.NORMAL) -> DirectiveDocument:
    document_id = enter(engine, actor, doc(unit_ids, number, issued_on=issued_on, issued_time=issued_time,
                                           urgency=urgency), [task(unit_ids, deadline=date(2026, 6, 30))], now=now)
    return document(engine, document_id)


def test_same_day_rule_entered_the_same_day_is_on_time(demo_db, actors, unit_ids):
    row = _entered(demo_db, actors[OFFICER], unit_ids, "601/VP-TH", date(2026, 3, 4), time(14, 0),
                   at(2026, 3, 4, 16, 45))
    assert (row.entry_due_on, row.entry_late_days) == (date(2026, 3, 4), 0)
    late = _entered(demo_db, actors[OFFICER], unit_ids, "602/VP-TH", date(2026, 3, 4), time(14, 0),
                    at(2026, 3, 5, 8, 0))
    assert (late.entry_due_on, late.entry_late_days) == (date(2026, 3, 4), 1)


def test_same_day_rule_after_15h_before_the_april_holidays(demo_db, actors, unit_ids):
    """Issued Wed 29/4/2026 at 15:01: due the next working day, Mon 4/5 (30/4, 1/5 and the weekend are off)."""
    officer = actors[OFFICER]
    on_monday = _entered(demo_db, officer, unit_ids, "603/VP-TH", date(2026, 4, 29), time(15, 1),
                         at(2026, 5, 4, 16, 0))
    assert (on_monday.entry_due_on, on_monday.entry_late_days) == (date(2026, 5, 4), 0)
    on_tuesday = _entered(demo_db, officer, unit_ids, "604/VP-TH", date(2026, 4, 29), time(15, 1),
                          at(2026, 5, 5, 9, 0))
    assert (on_tuesday.entry_due_on, on_tuesday.entry_late_days) == (date(2026, 5, 4), 1)
    # At 15:00 sharp it is still the same day.
    sharp = _entered(demo_db, officer, unit_ids, "605/VP-TH", date(2026, 4, 29), time(15, 0),
                     at(2026, 5, 4, 8, 0))
    assert (sharp.entry_due_on, sharp.entry_late_days) == (date(2026, 4, 29), 1)


def _set_rule(engine, actors, **values) -> None:  # noqa: ANN001, ANN003
    with session_scope(engine) as s:
        settings.update(s, actors["quantri"], values)


def test_the_entry_rule_is_set_by_the_system_administrator_only(demo_db, actors):
    with pytest.raises(PermissionDenied), session_scope(demo_db) as s:
        settings.update(s, actors[OFFICER], {"entry_rule": "working_days"})
    with session_scope(demo_db) as s:
        assert settings.get(s, "entry_rule") == "same_day"


def test_working_days_rule_three_days_urgent_the_same_day(demo_db, actors, unit_ids):
    _set_rule(demo_db, actors, entry_rule="working_days", entry_working_days=3)
    officer = actors[OFFICER]
    # Issued Tue 28/4 10:00: three working days are 29/4, 4/5, 5/5.
    within = _entered(demo_db, officer, unit_ids, "611/VP-TH", date(2026, 4, 28), time(10, 0), at(2026, 5, 5, 16))
    assert (within.entry_due_on, within.entry_late_days) == (date(2026, 5, 5), 0)
    later = _entered(demo_db, officer, unit_ids, "612/VP-TH", date(2026, 4, 28), time(10, 0), at(2026, 5, 7, 9))
    assert (later.entry_due_on, later.entry_late_days) == (date(2026, 5, 5), 2)
    # Urgent: the same day, whatever the rule.
    urgent_ok = _entered(demo_db, officer, unit_ids, "613/VP-TH", date(2026, 4, 28), time(10, 0),
                         at(2026, 4, 28, 17), urgency=Urgency.URGENT)
    assert (urgent_ok.entry_due_on, urgent_ok.entry_late_days) == (date(2026, 4, 28), 0)
    urgent_late = _entered(demo_db, officer, unit_ids, "614/VP-TH", date(2026, 4, 28), time(10, 0),
                           at(2026, 4, 29, 8), urgency=Urgency.URGENT)
    assert (urgent_late.entry_due_on, urgent_late.entry_late_days) == (date(2026, 4, 28), 1)
    flash = _entered(demo_db, officer, unit_ids, "615/VP-TH", date(2026, 4, 28), time(10, 0),
                     at(2026, 4, 29, 8), urgency=Urgency.FLASH)
    assert flash.entry_late_days == 1


def test_working_days_rule_follows_the_setting(demo_db, actors, unit_ids):
    _set_rule(demo_db, actors, entry_rule="working_days", entry_working_days=5)
    row = _entered(demo_db, actors[OFFICER], unit_ids, "621/VP-TH", date(2026, 4, 28), time(10, 0),
                   at(2026, 5, 7, 9))
    assert (row.entry_due_on, row.entry_late_days) == (date(2026, 5, 7), 0)


def test_a_document_entered_on_a_day_off_after_its_due_day_is_late(demo_db, actors, unit_ids):
    """Entered on Saturday after a Friday deadline: one working day late, not zero."""
    row = _entered(demo_db, actors[OFFICER], unit_ids, "631/VP-TH", date(2026, 3, 6), time(9, 0),
                   at(2026, 3, 7, 9))
    assert (row.entry_due_on, row.entry_late_days) == (date(2026, 3, 6), 1)


# ---------------------------------------------------------------- seed fidelity (issue 8, item 10)

def _entered_with(engine, actor, unit_ids, number: str, issued_on: date, issued_time: time | None,  # noqa: ANN001
                  now: datetime, deadline: date, urgency: Urgency = Urgency.NORMAL) -> DirectiveDocument:
    document_id = enter(engine, actor, doc(unit_ids, number, issued_on=issued_on, issued_time=issued_time,
                                           urgency=urgency), [task(unit_ids, deadline=deadline)], now=now)
    return document(engine, document_id)


def test_an_urgent_document_issued_after_15h_is_still_due_the_same_day(demo_db, actors, unit_ids):
    """Seed 002 art. 8.1: «Trường hợp văn bản hỏa tốc, khẩn thì phải cập nhật ngay trong ngày phát hành văn bản» —
    no 15:00 shift, under either rule."""
    officer = actors[OFFICER]
    for n, rule in enumerate(("same_day", "working_days")):
        _set_rule(demo_db, actors, entry_rule=rule)
        row = _entered_with(demo_db, officer, unit_ids, f"70{n}/VP-TH", date(2026, 12, 2), time(16, 30),
                            at(2026, 12, 3, 9), deadline=date(2026, 12, 31), urgency=Urgency.URGENT)
        assert (row.entry_due_on, row.entry_late_days) == (date(2026, 12, 2), 1), rule


def test_the_three_working_days_count_from_the_issue_date_without_the_15h_shift(demo_db, actors, unit_ids):
    """Seed 002 art. 8.1: «không quá 03 ngày làm việc … kể từ khi văn bản … được ban hành». Issued Tue 28/4/2026 at
    16:00: 29/4, 4/5, 5/5 (30/4, 1/5 are holidays) — not 6/5 as with a shift to the next working day."""
    _set_rule(demo_db, actors, entry_rule="working_days", entry_working_days=3)
    row = _entered(demo_db, actors[OFFICER], unit_ids, "711/VP-TH", date(2026, 4, 28), time(16, 0),
                   at(2026, 5, 6, 9))
    assert (row.entry_due_on, row.entry_late_days) == (date(2026, 5, 5), 1)


@pytest.mark.parametrize("rule", ["same_day", "working_days"])
def test_the_entry_deadline_never_runs_past_the_tasks_own_deadline(demo_db, actors, unit_ids, rule):
    """Seed 002 art. 8.1: «(và không quá thời hạn thực hiện nhiệm vụ)»."""
    _set_rule(demo_db, actors, entry_rule=rule, entry_working_days=3)
    # Issued Mon 2/3/2026 at 16:00; its task is due the same day: the entry is due that day, not 3/3 or 5/3.
    row = _entered_with(demo_db, actors[OFFICER], unit_ids, "721/VP-TH", date(2026, 3, 2), time(16, 0),
                        at(2026, 3, 3, 9), deadline=date(2026, 3, 2))
    assert (row.entry_due_on, row.entry_late_days, row.entry_basis) == (date(2026, 3, 2), 1, "task_deadline")


def test_the_drafter_the_follower_and_the_signed_file_are_required(demo_db, actors, unit_ids):
    """Seed 001 art. 6.3a (drafter, signed file), seed 002 art. 8.1đ (follow-up officer)."""
    officer = actors[OFFICER]
    full_doc, full_tasks, signed = complete(officer, doc(unit_ids, "731/VP-TH"), [task(unit_ids)], None)

    def refused_raw(d: DocumentInput, ts: list[TaskInput], upload: Upload | None, *keywords: str) -> None:
        before = counts(demo_db)
        with pytest.raises(ValidationError) as caught, session_scope(demo_db) as s:
            tasks.create_document(s, officer, d, ts, signed_file=upload, now=NOW)
        for keyword in keywords:
            assert keyword in str(caught.value)
        assert counts(demo_db) == before

    refused_raw(replace(full_doc, drafter_id=None), full_tasks, signed, "soạn thảo", "Điều 6.3a")
    refused_raw(replace(full_doc, drafter_id=actors["capnhat.sxd"].id), full_tasks, signed, "soạn thảo")
    refused_raw(full_doc, [replace(full_tasks[0], follower_id=None)], signed, "Nhiệm vụ 1", "theo dõi", "8.1đ")
    refused_raw(full_doc, full_tasks, None, "tệp văn bản", "ký tên, đóng dấu", "Điều 6.3a")
    with session_scope(demo_db) as s:
        assert tasks.create_document(s, officer, full_doc, full_tasks, signed_file=signed, now=NOW)


def test_an_online_opinion_form_needs_no_number_or_symbol(demo_db, actors, unit_ids):
    """Seed 001 art. 6.3a: «phiếu lấy ý kiến … qua mạng không cần cập nhật số, ký hiệu»; other types still need one."""
    officer = actors[OFFICER]
    ids = [enter(demo_db, officer, doc(unit_ids, "", doc_type=DocType.PHIEU_LAY_Y_KIEN), [task(unit_ids)])
           for _ in range(2)]  # two forms of the same issuer and year: no clash on an empty number
    first = document(demo_db, ids[0])
    assert (first.number, first.symbol, first.number_symbol) == (None, None, vi.TASK_NO_NUMBER)
    message = refused(demo_db, officer, doc(unit_ids, " "), [task(unit_ids)], ValidationError, "số, ký hiệu")
    assert message == vi.TASK_NUMBER_REQUIRED
    numbered = enter(demo_db, officer, doc(unit_ids, "741/VP-TH", doc_type=DocType.PHIEU_LAY_Y_KIEN),
                     [task(unit_ids)])
    assert document(demo_db, numbered).number_symbol == "741/VP-TH"


def test_the_entry_lateness_is_explained_with_its_arithmetic(demo_db, actors, unit_ids):
    from lib.tasks import queries as task_queries

    officer = actors[OFFICER]
    row = _entered_with(demo_db, officer, unit_ids, "751/VP-TH", date(2026, 12, 2), None, at(2026, 12, 3, 9),
                        deadline=date(2026, 12, 31), urgency=Urgency.URGENT)
    with session_scope(demo_db) as s:
        detail = task_queries.task_detail(s, officer, row.tasks[0].id, today=date(2026, 12, 3))
    assert detail.entry_note == ("Ban hành 02/12/2026 (khẩn) → hạn nhập 02/12/2026 (trong ngày, văn bản khẩn); "
                                 "nhập 03/12/2026: chậm 1 ngày làm việc")
    late_afternoon = _entered_with(demo_db, officer, unit_ids, "752/VP-TH", date(2026, 12, 4), time(16, 10),
                                   at(2026, 12, 7, 8), deadline=date(2026, 12, 31))
    with session_scope(demo_db) as s:
        note = task_queries.task_detail(s, officer, late_afternoon.tasks[0].id, today=date(2026, 12, 7)).entry_note
    assert note == ("Ban hành 04/12/2026 lúc 16:10 (sau 15:00) → hạn nhập 07/12/2026 (ngày làm việc tiếp theo); "
                    "nhập 07/12/2026: đúng hạn")
