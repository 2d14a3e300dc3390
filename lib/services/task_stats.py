"""Figures for leaders and reports: counts by status and timeliness, units ranked, by leader, by month."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.access import Actor
from lib.calendar import local_today
from lib.db import year_month
from lib.enums import TaskStatus, Timeliness
from lib.models import DirectiveDocument, Task, Unit
from lib.services.task_queries import TaskFilter, _apply, soon_limit, timeliness_expr
from lib.services.tasks import task_scope, visible_task_clause

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
    timeliness = timeliness_expr(today, soon_limit(session, today))
    query = sa.select(*columns).select_from(Task).where(visible_task_clause(task_scope(session, actor)))
    return _apply(query, f, timeliness, today), timeliness


def overview(session: Session, actor: Actor, f: TaskFilter | None = None, today: date | None = None) -> Overview:
    f = f or TaskFilter()
    today = today or local_today()
    t = timeliness_expr(today, soon_limit(session, today)).label("t")
    query, _ = _base(session, actor, f, today, Task.status, t, Task.long_term, sa.func.count().label("n"))
    counts = session.execute(query.group_by(Task.status, t, Task.long_term)).all()
    by_status = {s: 0 for s in TaskStatus if s != TaskStatus.WITHDRAWN}
    by_timeliness = {x: 0 for x in Timeliness}
    long_term_open = 0
    for status, timeliness, long_term, n in counts:
        by_status[status] = by_status.get(status, 0) + n
        if timeliness:
            by_timeliness[Timeliness(timeliness)] += n
        elif long_term and status.is_open:
            long_term_open += n
    done_dated = sum(by_timeliness[x] for x in (Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE))
    on_time = by_timeliness[Timeliness.EARLY] + by_timeliness[Timeliness.ON_TIME]
    return Overview(sum(by_status.values()), by_status, by_timeliness, long_term_open,
                    on_time / done_dated if done_dated else None,
                    by_unit(session, actor, f, today), by_leader(session, actor, f, today),
                    by_month(session, actor, f, today))


COUNTS = ("total", "done", "on_time", "late", "overdue", "due_soon")


def _aggregate(session: Session, actor: Actor, f: TaskFilter, today: date, key: sa.ColumnElement) -> sa.Select:
    """Counts per `key` (a column of tasks): total, done, done on time, done late, overdue, due soon."""
    t = timeliness_expr(today, soon_limit(session, today))
    query, _ = _base(
        session, actor, f, today, key.label("key"),
        sa.func.count().label("total"),
        sa.func.sum(sa.case((Task.status == TaskStatus.DONE, 1), else_=0)).label("done"),
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


def by_unit(session: Session, actor: Actor, f: TaskFilter, today: date | None = None) -> pd.DataFrame:
    """Lead units ranked: best on-time rate first, then fewest overdue."""
    today = today or local_today()
    names = dict(session.execute(sa.select(Unit.id, Unit.name)).all())
    rows = [{**r._asdict(), "label": names.get(r.key, "")}
            for r in session.execute(_aggregate(session, actor, f, today, Task.lead_unit_id))]
    return _frame(rows, "unit").sort_values(["on_time_rate", "overdue", "total"], ascending=[False, True, False],
                                            na_position="last").reset_index(drop=True)


def _per_document(session: Session, actor: Actor, f: TaskFilter, today: date, label: sa.ColumnElement,
                  key: sa.ColumnElement) -> list[dict]:
    """Aggregate per document on the tasks table first, then join the (far fewer) documents."""
    inner = _aggregate(session, actor, f, today, Task.document_id).subquery()
    query = (sa.select(key.label("key"), label.label("label"), *[sa.func.sum(inner.c[c]).label(c) for c in COUNTS])
             .join(inner, inner.c.key == DirectiveDocument.id).group_by(key, label))
    return [r._asdict() for r in session.execute(query)]


def by_leader(session: Session, actor: Actor, f: TaskFilter, today: date | None = None) -> pd.DataFrame:
    today = today or local_today()
    rows = _per_document(session, actor, f, today, DirectiveDocument.directed_by_name,
                         DirectiveDocument.directed_by_name)
    return _frame(rows, "leader").sort_values("total", ascending=False).reset_index(drop=True)


def by_month(session: Session, actor: Actor, f: TaskFilter, today: date | None = None) -> pd.DataFrame:
    """Month by month: tasks assigned (by issue date) and tasks done, done on time (by completion date)."""
    today = today or local_today()
    month = year_month(Task.issued_on)
    assigned_q, _ = _base(session, actor, f, today, month.label("month"), sa.func.count().label("assigned"))
    assigned = dict(session.execute(assigned_q.group_by(month)).all())
    done_month = year_month(Task.done_on)
    done_q, _ = _base(session, actor, f, today, done_month.label("month"), sa.func.count().label("done"),
                      sa.func.sum(sa.case((Task.done_timeliness.in_([Timeliness.EARLY, Timeliness.ON_TIME]), 1),
                                          else_=0)).label("on_time"))
    done_rows = session.execute(done_q.where(Task.status == TaskStatus.DONE).group_by(done_month)).all()
    months = sorted(set(assigned) | {m for m, _, _ in done_rows if m})
    done = {m: (d, o or 0) for m, d, o in done_rows if m}
    return pd.DataFrame([{"month": m, "assigned": assigned.get(m, 0), "done": done.get(m, (0, 0))[0],
                          "on_time": done.get(m, (0, 0))[1]} for m in months],
                        columns=["month", "assigned", "done", "on_time"])


def by_document(session: Session, actor: Actor, f: TaskFilter, today: date | None = None) -> pd.DataFrame:
    today = today or local_today()
    rows = _per_document(session, actor, f, today,
                         DirectiveDocument.number_symbol + " — " + DirectiveDocument.summary, DirectiveDocument.id)
    return _frame(rows, "document").sort_values("key", ascending=False).reset_index(drop=True)
