"""Reports of the module Nhiệm vụ: summary tables by unit, leader or document, and lists, with Excel exports in
the official layout (they honour the filters and the user's scope)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy.orm import Session

from lib.core import audit
from lib.core.access import Actor
from lib.core.calendar import local_today
from lib.core.enums import AuditAction
from lib.core.models.base import utcnow
from lib.core.excel import Column, official_workbook
from lib.core.services import settings
from lib.tasks import stats as task_stats
from lib.tasks.queries import TaskFilter, list_tasks

SUMMARY_KINDS = {"unit": "Theo đơn vị chủ trì", "leader": "Theo lãnh đạo chỉ đạo", "document": "Theo văn bản",
                 "office": "Việc cập nhật, duyệt của Văn phòng (theo chuyên viên)"}
SUMMARY_FIRST = {"unit": ("Đơn vị chủ trì", "unit", 40), "leader": ("Người chỉ đạo", "leader", 34),
                 "document": ("Văn bản", "document", 60)}
SUMMARY_COLUMNS = [("total", "Tổng số", "int"), ("done", "Đã hoàn thành", "int"),
                   ("on_time", "Hoàn thành trước hạn, đúng hạn", "int"), ("late", "Hoàn thành trễ hạn", "int"),
                   ("overdue", "Chưa hoàn thành, quá hạn", "int"), ("due_soon", "Sắp đến hạn", "int"),
                   ("on_time_rate", "Tỷ lệ đúng hạn", "percent")]


@dataclass(frozen=True)
class Table:
    columns: list[Column]
    rows: list[list]


OFFICE_COLUMNS = [Column("Chuyên viên", 30), Column("Văn bản đã nhập", 14, "int"),
                  Column("Văn bản nhập chậm", 14, "int"), Column("Tổng số ngày nhập chậm", 14, "int"),
                  Column("Báo cáo đã duyệt", 14, "int"), Column("Báo cáo duyệt chậm", 14, "int"),
                  Column("Tổng số ngày duyệt chậm", 14, "int")]


def as_of(period_end: date | None, today: date | None = None) -> date:
    """The day a period report judges open tasks on: the period's end (today while the period runs)."""
    today = today or local_today()
    return min(period_end, today) if period_end else today


def summary(session: Session, actor: Actor, kind: str, f: TaskFilter, today: date | None = None) -> Table:
    """A summary table; open tasks are judged as of `today` (pass `as_of(period.end)` for a period report)."""
    today = today or local_today()
    if kind == "office":
        frame = task_stats.office_lateness(session, actor, f.issued_from, f.issued_to)
        return Table(OFFICE_COLUMNS, [[r["officer"]] + [int(r[k]) for k in task_stats.OFFICE_COUNTS]
                                      for r in frame.to_dict("records")])
    frame: pd.DataFrame = {"unit": task_stats.by_unit, "leader": task_stats.by_leader,
                           "document": task_stats.by_document}[kind](session, actor, f, today)
    title, column, width = SUMMARY_FIRST[kind]
    columns = [Column(title, width)] + [Column(label, 14, kind_) for _, label, kind_ in SUMMARY_COLUMNS]
    rows = [[r[column]] + [None if pd.isna(r[k]) else r[k] for k, _, _ in SUMMARY_COLUMNS]
            for r in frame.to_dict("records")]
    return Table(columns, rows)


LIST_COLUMNS = [Column("Văn bản giao", 18), Column("Ngày ban hành", 12, "date"), Column("Trích yếu", 36),
                Column("Người chỉ đạo", 24), Column("Nội dung nhiệm vụ", 50), Column("Đơn vị chủ trì", 26),
                Column("Hạn xử lý", 12, "date"), Column("Trạng thái", 18), Column("Thời hạn", 14),
                Column("Ngày hoàn thành", 13, "date"), Column("Người theo dõi", 22)]


def task_list(session: Session, actor: Actor, f: TaskFilter, today: date | None = None,
              max_rows: int = 100_000) -> Table:
    rows, _ = list_tasks(session, actor, f, limit=max_rows, today=today, order="newest")
    return Table(LIST_COLUMNS, [[r.number_symbol, r.issued_on, r.document_summary, r.directed_by, r.content,
                                 r.lead_unit, r.deadline if r.deadline else "Dài hạn", r.status.label,
                                 r.timeliness.label if r.timeliness else "", r.done_on, r.follower]
                                for r in rows])


def to_excel(session: Session, actor: Actor, table: Table, *, title: str, period: str | None) -> bytes:
    province = settings.get(session, "province_name")
    data = official_workbook(issuer_parent=f"UBND {province}".upper(), issuer="VĂN PHÒNG UBND TỈNH", title=title,
                             period=period, columns=table.columns, rows=table.rows, extracted_at=utcnow(),
                             extracted_by=actor.full_name)
    audit.record_event(session, AuditAction.EXPORT, entity="tasks", summary=f"{title} ({len(table.rows)} dòng)",
                       actor_id=actor.id, actor_name=actor.full_name)
    return data
