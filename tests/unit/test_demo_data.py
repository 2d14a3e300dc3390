"""The demo province reads like real data (issue 8, item 19): texts in proper case, every unit's submission made by
an account of that unit, and each record's own time equal to the time its history line shows."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import sqlalchemy as sa

from lib.core.access import subtree_ids
from lib.core.db import session_scope
from lib.par.enums import ParEventKind
from lib.tasks.enums import TaskEventKind
from lib.core.models import Account, Unit
from lib.tasks.models import DirectiveDocument, Task, TaskEvent, TaskReport
from lib.par.models import ParAssessment, ParEvent, ParEvidenceRequest, ParFieldReview

UNIT_ACTS = (TaskEventKind.ACKNOWLEDGED, TaskEventKind.PROGRESS, TaskEventKind.REPORTED, TaskEventKind.RETURNED)
ACRONYM = re.compile(r"\b[A-ZĐ]{2,}\b")


def test_report_texts_keep_the_case_of_what_they_quote(demo_db):
    """«báo cáo UBND tỉnh», not «báo cáo ubnd tỉnh»: a report quoting its task keeps the task's acronyms."""
    with session_scope(demo_db) as s:
        pairs = s.execute(sa.select(Task.content, TaskReport.content).join(TaskReport, TaskReport.task_id == Task.id))
        quoted = [(task, report) for task, report in pairs]
        texts = [t for t in s.scalars(sa.select(TaskEvent.text).where(TaskEvent.text.is_not(None)))]
        texts += [t for t in s.scalars(sa.select(TaskReport.content))]
        texts += [t for t in s.scalars(sa.select(ParEvent.text).where(ParEvent.text.is_not(None)))]
    assert any("UBND" in task for task, _ in quoted), "the demo quotes a task that names the UBND"
    for task, report in quoted:
        for acronym in ACRONYM.findall(task):
            assert acronym in report, (acronym, report)
    lowered = [t for t in texts if re.search(r"\b(ubnd|hđnd|tthc|cchc)\b", t)]
    assert lowered == []
    assert all(t[:1] == t[:1].upper() for t in texts), "every text starts with a capital"


def test_every_submission_is_made_by_an_account_of_the_submitting_unit(demo_db):
    with session_scope(demo_db) as s:
        accounts = {a.id: a for a in s.scalars(sa.select(Account))}

        def of_unit(account_id: int | None, unit_id: int) -> bool:
            return account_id in accounts and accounts[account_id].unit_id in subtree_ids(s, unit_id)

        reports = s.scalars(sa.select(TaskReport)).all()
        assert reports and all(of_unit(r.submitted_by_id, r.unit_id) for r in reports), [
            (r.id, r.unit_id, accounts[r.submitted_by_id].username) for r in reports
            if not of_unit(r.submitted_by_id, r.unit_id)]
        unit_events = s.execute(sa.select(TaskEvent, Task.lead_unit_id).join(Task, Task.id == TaskEvent.task_id)
                                .where(TaskEvent.kind.in_(UNIT_ACTS))).all()
        assert unit_events and all(of_unit(e.actor_id, lead) for e, lead in unit_events)
        assert all(e.actor_name == accounts[e.actor_id].full_name for e, _ in unit_events)

        successor = dict(s.execute(sa.select(Unit.id, Unit.successor_id)).all())

        def answers_for(account_id: int, unit_id: int) -> bool:
            """The unit's own account; for a unit merged away since, an account of the unit that took it over."""
            while unit_id is not None:
                if accounts[account_id].unit_id == unit_id:
                    return True
                unit_id = successor.get(unit_id)
            return False

        submitted = s.scalars(sa.select(ParAssessment).where(ParAssessment.submitted_at.is_not(None))).all()
        assert len({a.unit_id for a in submitted}) > 10
        assert all(a.submitted_by_id and answers_for(a.submitted_by_id, a.unit_id) for a in submitted)
        unit_of = {a.id: a.unit_id for a in s.scalars(sa.select(ParAssessment))}
        par_events = s.scalars(sa.select(ParEvent).where(
            ParEvent.kind.in_([ParEventKind.SUBMITTED, ParEventKind.EVIDENCE_ANSWERED]))).all()
        assert par_events and all(answers_for(e.actor_id, unit_of[e.assessment_id]) for e in par_events)
        answered = s.scalars(sa.select(ParEvidenceRequest).where(ParEvidenceRequest.answered_by_id.is_not(None))).all()
        assert answered and all(accounts[r.answered_by_id].unit_id == unit_of[r.assessment_id] for r in answered)


def test_a_record_and_its_history_show_the_same_moment(demo_db):
    now = datetime.now(timezone.utc)
    with session_scope(demo_db) as s:
        events = s.scalars(sa.select(TaskEvent).order_by(TaskEvent.id)).all()
        by_task_kind = {(e.task_id, e.kind): e.at for e in events}
        by_report_kind = {(e.report_id, e.kind): e.at for e in events if e.report_id}
        for task, entered_at in s.execute(sa.select(Task, DirectiveDocument.entered_at).join(DirectiveDocument)):
            assert by_task_kind[(task.id, TaskEventKind.CREATED)] == entered_at <= now
            if task.acknowledged_at is not None:
                assert by_task_kind[(task.id, TaskEventKind.ACKNOWLEDGED)] == task.acknowledged_at
        for r in s.scalars(sa.select(TaskReport)):
            assert by_report_kind[(r.id, TaskEventKind.REPORTED)] == r.submitted_at <= now
            if r.decided_at is not None:
                kind = TaskEventKind.APPROVED if r.decision.value == "approved" else TaskEventKind.REJECTED
                assert by_report_kind[(r.id, kind)] == r.decided_at
                assert r.submitted_at <= r.decided_at <= now, "a decision follows its report"

        par = s.scalars(sa.select(ParEvent)).all()
        at = {(e.assessment_id, e.kind, e.field_id): e.at for e in par}
        for a in s.scalars(sa.select(ParAssessment).where(ParAssessment.submitted_at.is_not(None))):
            assert at[(a.id, ParEventKind.SUBMITTED, None)] == a.submitted_at
        for review in s.scalars(sa.select(ParFieldReview)):
            if review.appraised_at is not None:
                assert at[(review.assessment_id, ParEventKind.APPRAISED, review.field_id)] == review.appraised_at
            if review.approved_at is not None:
                assert at[(review.assessment_id, ParEventKind.FIELD_APPROVED, review.field_id)] == review.approved_at
        for request in s.scalars(sa.select(ParEvidenceRequest)):
            assert at[(request.assessment_id, ParEventKind.EVIDENCE_REQUESTED, None)] == request.created_at
            if request.answered_at is not None:
                assert at[(request.assessment_id, ParEventKind.EVIDENCE_ANSWERED, None)] == request.answered_at
