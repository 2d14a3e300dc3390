"""Figures for leaders and reports: counts by status and timeliness, units ranked, by leader, by month."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core.access import Actor, require_role
from lib.core.calendar import local_today
from lib.core.db import year_month
from lib.core.enums import Role, Timeliness
from lib.tasks.enums import TaskStatus
from lib.core.models import Account, Unit
from lib.tasks.models import DirectiveDocument, Task, TaskReport
from lib.tasks import leaders
from lib.tasks.queries import TaskFilter, _apply, done_by, timeliness_of
from lib.tasks.workflow import task_scope, visible_task_clause

DONE_ON_TIME = (Timeliness.EARLY.value, Timeliness.ON_TIME.value)


@dataclass(frozen=True)
class Overview:
    total: int
    by_status: dict[TaskStatus, int]
    by_timeliness: dict[Timeliness, int]
    long_term_open: int
    on_time_rate: float | None          # done on time / done with a deadline
    by_unit: pd.DataFrame
    by_leader: pd.DataFrame
    by_month: pd.DataFrame


def _base(session: Session, actor: Actor, f: TaskFilter, today: date, *columns) -> tuple[sa.Select, sa.ColumnElement]:
    """Aggregates read the tasks table alone (a covering index serves them); names are looked up afterwards."""
    timeliness = timeliness_of(session, today)
    query = sa.select(*columns).select_from(Task).where(visible_task_clause(task_scope(session, actor)))
    return _apply(query, f, timeliness, today), timeliness


def overview(session: Session, actor: Actor, f: TaskFilter | None = None, today: date | None = None) -> Overview:
    """All the leader's figures in four scans of the tasks table (counts and units share one)."""
    f = f or TaskFilter()
    today = today or local_today()
    t = timeliness_of(session, today).label("t")
    query, _ = _base(session, actor, f, today, Task.lead_unit_id, Task.status, t, Task.long_term,
                     sa.func.count().label("n"))
    counts = session.execute(query.group_by(Task.lead_unit_id, Task.status, t, Task.long_term)).all()
    by_status = {s: 0 for s in TaskStatus if s != TaskStatus.WITHDRAWN}
    by_timeliness = {x: 0 for x in Timeliness}
    per_unit: dict[int, dict[str, int]] = {}
    long_term_open = 0
    for unit_id, status, timeliness, long_term, n in counts:
        by_status[status] = by_status.get(status, 0) + n
        if timeliness:
            by_timeliness[Timeliness(timeliness)] += n
        elif long_term and status.is_open:
            long_term_open += n
        row = per_unit.setdefault(unit_id, dict.fromkeys(COUNTS, 0))
        row["total"] += n
        row["done"] += n if status == TaskStatus.DONE else 0
        row["on_time"] += n if timeliness in DONE_ON_TIME else 0
        row["late"] += n if timeliness == Timeliness.LATE.value else 0
        row["overdue"] += n if timeliness == Timeliness.OVERDUE.value else 0
        row["due_soon"] += n if timeliness == Timeliness.DUE_SOON.value else 0
    done_dated = sum(by_timeliness[x] for x in (Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE))
    on_time = by_timeliness[Timeliness.EARLY] + by_timeliness[Timeliness.ON_TIME]
    names = _unit_names(session)
    units = _rank_units(_frame([{"key": k, "label": names.get(k, ""), **v} for k, v in per_unit.items()], "unit"))
    return Overview(sum(by_status.values()), by_status, by_timeliness, long_term_open,
                    on_time / done_dated if done_dated else None,
                    units, by_leader(session, actor, f, today), by_month(session, actor, f, today))


COUNTS = ("total", "done", "on_time", "late", "overdue", "due_soon")
MONTH_COUNTS = ("assigned", "done", "on_time")


def _aggregate(session: Session, actor: Actor, f: TaskFilter, today: date, key: sa.ColumnElement) -> sa.Select:
    """Counts per `key` (a column of tasks): total, done, done on time, done late, overdue, due soon."""
    t = timeliness_of(session, today)
    query, _ = _base(
        session, actor, f, today, key.label("key"),
        sa.func.count().label("total"),
        sa.func.sum(sa.case((done_by(today), 1), else_=0)).label("done"),
        sa.func.sum(sa.case((t.in_(DONE_ON_TIME), 1), else_=0)).label("on_time"),
        sa.func.sum(sa.case((t == Timeliness.LATE.value, 1), else_=0)).label("late"),
        sa.func.sum(sa.case((t == Timeliness.OVERDUE.value, 1), else_=0)).label("overdue"),
        sa.func.sum(sa.case((t == Timeliness.DUE_SOON.value, 1), else_=0)).label("due_soon"),
    )
    return query.group_by(key)


def _frame(rows: list[dict], label_column: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["key", "label", *COUNTS])
    for column in COUNTS:
        frame[column] = frame[column].fillna(0).astype(int)
    dated_done = frame["on_time"] + frame["late"]
    frame["on_time_rate"] = (frame["on_time"] / dated_done.where(dated_done > 0)).astype(float)
    return frame.rename(columns={"label": label_column})


def _unit_names(session: Session) -> dict[int, str]:
    return dict(session.execute(sa.select(Unit.id, Unit.name)).all())


def _rank_units(frame: pd.DataFrame) -> pd.DataFrame:
    """Best on-time rate first, then fewest overdue, then most tasks."""
    return frame.sort_values(["on_time_rate", "overdue", "total"], ascending=[False, True, False],
                             na_position="last").reset_index(drop=True)


def by_unit(session: Session, actor: Actor, f: TaskFilter, today: date | None = None) -> pd.DataFrame:
    """Lead units ranked: best on-time rate first, then fewest overdue."""
    today = today or local_today()
    names = _unit_names(session)
    rows = [{**r._asdict(), "label": names.get(r.key, "")}
            for r in session.execute(_aggregate(session, actor, f, today, Task.lead_unit_id))]
    return _rank_units(_frame(rows, "unit"))


def _per_document(session: Session, actor: Actor, f: TaskFilter, today: date, label: sa.ColumnElement,
                  key: sa.ColumnElement) -> list[dict]:
    """Aggregate per document on the tasks table first, then join the (far fewer) documents."""
    inner = _aggregate(session, actor, f, today, Task.document_id).subquery()
    query = (sa.select(key.label("key"), label.label("label"), *[sa.func.sum(inner.c[c]).label(c) for c in COUNTS])
             .join(inner, inner.c.key == DirectiveDocument.id).group_by(key, label))
    return [r._asdict() for r in session.execute(query)]


def by_leader(session: Session, actor: Actor, f: TaskFilter, today: date | None = None) -> pd.DataFrame:
    """Per directing leader of the list (one row per person, whatever was written on each document); `key` is the
    leader's id, `leader` their title and name as the list has them now."""
    today = today or local_today()
    inner = _aggregate(session, actor, f, today, Task.document_id).subquery()
    query = (sa.select(DirectiveDocument.leader_id.label("key"), *[sa.func.sum(inner.c[c]).label(c) for c in COUNTS])
             .join(inner, inner.c.key == DirectiveDocument.id).group_by(DirectiveDocument.leader_id))
    names = leaders.labels(session)
    rows = [{**r._asdict(), "label": names.get(r.key, "")} for r in session.execute(query)]
    return _frame(rows, "leader").sort_values(["total", "leader"], ascending=[False, True]).reset_index(drop=True)


def by_month(session: Session, actor: Actor, f: TaskFilter, today: date | None = None) -> pd.DataFrame:
    """Month by month: tasks assigned (by issue date) and tasks done, done on time (by completion date)."""
    today = today or local_today()
    issued = year_month(Task.issued_on)
    done = sa.case((Task.status == TaskStatus.DONE, year_month(Task.done_on)))
    query, _ = _base(session, actor, f, today, issued, done, Task.done_timeliness, sa.func.count())
    figures: dict[str, dict[str, int]] = {}
    for issued_month, done_month, timeliness, n in session.execute(query.group_by(issued, done, Task.done_timeliness)):
        figures.setdefault(issued_month, dict.fromkeys(MONTH_COUNTS, 0))["assigned"] += n
        if done_month:
            month = figures.setdefault(done_month, dict.fromkeys(MONTH_COUNTS, 0))
            month["done"] += n
            month["on_time"] += n if timeliness in (Timeliness.EARLY, Timeliness.ON_TIME) else 0
    return pd.DataFrame([{"month": m, **figures[m]} for m in sorted(figures)], columns=["month", *MONTH_COUNTS])


def by_document(session: Session, actor: Actor, f: TaskFilter, today: date | None = None) -> pd.DataFrame:
    today = today or local_today()
    rows = _per_document(session, actor, f, today,
                         DirectiveDocument.number_symbol + " — " + DirectiveDocument.summary, DirectiveDocument.id)
    return _frame(rows, "document").sort_values("key", ascending=False).reset_index(drop=True)


OFFICE_COUNTS = ("entered", "entered_late", "entry_late_days", "reviewed", "reviewed_late", "review_late_days")


def office_lateness(session: Session, actor: Actor, start: date | None, end: date | None) -> pd.DataFrame:
    """The Office's own lateness, by officer, for a period: documents entered (issued in the period) and how late
    (seed 002 art. 8.1; seed 001 art. 6.3b), reports reviewed (due for review in the period) and how late (seed 001
    art. 6.4). Officers with nothing in the period are left out."""
    require_role(actor, Role.OFFICE_OFFICER, Role.LEADER, Role.SYSTEM_ADMIN)
    late = sa.case((DirectiveDocument.entry_late_days > 0, 1), else_=0)
    entered = sa.select(DirectiveDocument.entered_by_id, sa.func.count(), sa.func.sum(late),
                        sa.func.sum(DirectiveDocument.entry_late_days)).where(
        DirectiveDocument.entered_by_id.is_not(None)).group_by(DirectiveDocument.entered_by_id)
    if start:
        entered = entered.where(DirectiveDocument.issued_on >= start)
    if end:
        entered = entered.where(DirectiveDocument.issued_on <= end)
    review_late = sa.case((TaskReport.review_late_days > 0, 1), else_=0)
    reviewed = sa.select(TaskReport.decided_by_id, sa.func.count(), sa.func.sum(review_late),
                         sa.func.sum(TaskReport.review_late_days)).where(
        TaskReport.decided_by_id.is_not(None), TaskReport.review_due_on.is_not(None)).group_by(TaskReport.decided_by_id)
    if start:
        reviewed = reviewed.where(TaskReport.review_due_on >= start)
    if end:
        reviewed = reviewed.where(TaskReport.review_due_on <= end)
    figures: dict[int, dict[str, int]] = {}
    for officer_id, n, n_late, days in session.execute(entered):
        figures.setdefault(officer_id, dict.fromkeys(OFFICE_COUNTS, 0)).update(
            entered=n, entered_late=int(n_late or 0), entry_late_days=int(days or 0))
    for officer_id, n, n_late, days in session.execute(reviewed):
        figures.setdefault(officer_id, dict.fromkeys(OFFICE_COUNTS, 0)).update(
            reviewed=n, reviewed_late=int(n_late or 0), review_late_days=int(days or 0))
    names = dict(session.execute(sa.select(Account.id, Account.full_name).where(Account.id.in_(list(figures)))).all())
    frame = pd.DataFrame([{"key": k, "officer": names.get(k, ""), **v} for k, v in figures.items()],
                         columns=["key", "officer", *OFFICE_COUNTS])
    return frame.sort_values(["entry_late_days", "review_late_days", "officer"],
                             ascending=[False, False, True]).reset_index(drop=True)
