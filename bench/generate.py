"""Generate a province at scale for the benchmarks: 150 units, 100 000 tasks over 5 years, reports and history.

    python -m bench.generate [--tasks 100000] [--units 150]      (uses DATABASE_URL / DONDOC_DATA_DIR)
"""
from __future__ import annotations

import argparse
import random
import time as clock
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa

from lib import modules as _modules  # noqa: F401 - every module plugged into the core
from lib.core import demo
from lib.core.calendar import LOCAL_TZ, WorkCalendar, local_today
from lib.core.db import get_engine, session_scope
from lib.tasks.enums import DocType, ReportDecision, TaskEventKind, TaskStatus, Urgency
from lib.core.enums import Timeliness, UnitKind
from lib.core.models import Account, Unit
from lib.tasks.models import DirectiveDocument, Task, TaskCoUnit, TaskEvent, TaskReport
from lib.core.text import fold

CHUNK = 5000


def _utc(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=LOCAL_TZ).astimezone(timezone.utc)


def add_units(session, n_units: int) -> list[int]:  # noqa: ANN001
    """Demo province plus extra departments and communes up to n_units active units."""
    root = session.scalar(sa.select(Unit.id).where(Unit.code == "UBND"))
    have = session.scalar(sa.select(sa.func.count()).select_from(Unit).where(Unit.status == "active"))
    for i in range(max(0, n_units - have)):
        kind = UnitKind.COMMUNE if i % 3 else UnitKind.DEPARTMENT
        name = f"{'Xã' if kind == UnitKind.COMMUNE else 'Ban'} Thử nghiệm {i + 1:03d}"
        session.add(Unit(code=f"BENCH-{i + 1:03d}", name=name, kind=kind, parent_id=root, search_key=fold(name)))
    session.flush()
    return list(session.scalars(sa.select(Unit.id).where(Unit.status == "active", Unit.kind != UnitKind.PEOPLES_COMMITTEE)))


def _leaders(session, office_id: int) -> list[tuple[int, str]]:  # noqa: ANN001
    """The demo's directing leaders and one more Vice-Chairman: (id, title and name)."""
    from lib.tasks import leaders
    from lib.core.services.auth import to_actor

    if leaders.match_leader(leaders.list_leaders(session), "Trần Thị Hoa") is None:
        office = to_actor(session.get(Account, office_id))
        leaders.create_leader(session, office, leaders.LeaderInput("Trần Thị Hoa", "Phó Chủ tịch UBND tỉnh"))
    return [(r.id, r.label) for r in leaders.list_leaders(session)]


def generate(n_tasks: int, n_units: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    engine = get_engine()
    with session_scope(engine) as session:
        demo.load(session, reset=True)
        unit_ids = add_units(session, n_units)
        office_id = session.scalar(sa.text("SELECT id FROM accounts WHERE username = 'chuyenvien.vp'"))
        root = session.scalar(sa.select(Unit.id).where(Unit.code == "UBND"))
        leaders = _leaders(session, office_id)
    calendar = WorkCalendar()
    today = local_today()
    start = today - timedelta(days=5 * 365)
    counts = {"documents": 0, "tasks": 0, "reports": 0, "events": 0}
    with engine.begin() as conn:
        next_task = (conn.scalar(sa.select(sa.func.max(Task.id))) or 0) + 1
        next_doc = (conn.scalar(sa.select(sa.func.max(DirectiveDocument.id))) or 0) + 1
        next_report = (conn.scalar(sa.select(sa.func.max(TaskReport.id))) or 0) + 1
        docs, tasks, co, reports, events = [], [], [], [], []
        per_year: dict[int, int] = {}
        while counts["tasks"] < n_tasks:
            issued = start + timedelta(days=rng.randrange((today - start).days))
            issued = calendar.on_or_next_working_day(issued)
            if issued > today:
                continue
            per_year[issued.year] = per_year.get(issued.year, 5000) + 1
            number = per_year[issued.year]
            summary = f"Về việc triển khai nhiệm vụ số {number} năm {issued.year} về {rng.choice(TOPICS)}"
            docs.append(dict(id=next_doc, doc_type=rng.choice([DocType.CONG_VAN, DocType.THONG_BAO_KET_LUAN,
                                                               DocType.QUYET_DINH, DocType.KE_HOACH]).value,
                             number=str(number), symbol="UBND-TH", number_symbol=f"{number}/UBND-TH",
                             summary=summary, issued_on=issued, issued_time=time(9, 0), issued_year=issued.year,
                             issuer_unit_id=root, **dict(zip(("leader_id", "directed_by_name"),
                                                             rng.choice(leaders))), signer="Nguyễn Văn A",
                             urgency=Urgency.NORMAL.value, is_public=True, entered_at=_utc(issued, 10),
                             entered_by_id=office_id, entry_due_on=issued, entry_late_days=0,
                             search_key=fold(f"{number}/UBND-TH {summary}"), created_at=_utc(issued, 10),
                             updated_at=_utc(issued, 10), version=1))
            for seq in range(1, rng.randint(2, 6) + 1):
                deadline = calendar.add_working_days(issued, rng.choice([5, 10, 15, 20, 30]))
                lead = rng.choice(unit_ids)
                content = f"Nhiệm vụ {seq}: {rng.choice(TOPICS)} (văn bản {number}/UBND-TH)"
                status, done_at, timeliness, submits = _fate(rng, issued, deadline, today)
                tasks.append(dict(id=next_task, document_id=next_doc, seq=seq, issued_on=issued, content=content, lead_unit_id=lead,
                                  deadline=deadline, long_term=False, follower_id=office_id, status=status.value,
                                  acknowledged_at=_utc(issued, 11), done_at=done_at,
                                  done_on=done_at.astimezone(LOCAL_TZ).date() if done_at else None,
                                  done_timeliness=timeliness.value if timeliness else None, is_public=True,
                                  search_key=fold(f"{content} {summary}"), created_at=_utc(issued, 10),
                                  updated_at=_utc(issued, 10), version=1))
                if rng.random() < 0.3:
                    co.append(dict(task_id=next_task, unit_id=rng.choice([u for u in unit_ids if u != lead])))
                events.append(dict(task_id=next_task, kind=TaskEventKind.CREATED.value, at=_utc(issued, 10),
                                   actor_name="Chuyên viên", internal=False))
                for i, (moment, decision) in enumerate(submits):
                    reports.append(dict(id=next_report, task_id=next_task, unit_id=lead, submitted_at=moment,
                                        content="Đã thực hiện, báo cáo kết quả kèm theo.", decision=decision.value,
                                        decided_at=moment + timedelta(hours=20) if decision != ReportDecision.PENDING
                                        else None, decided_by_id=office_id if decision != ReportDecision.PENDING
                                        else None, decision_reason="Bổ sung số liệu" if decision ==
                                        ReportDecision.REJECTED else None, created_at=moment, updated_at=moment,
                                        version=1))
                    events.append(dict(task_id=next_task, kind=TaskEventKind.REPORTED.value, at=moment,
                                       actor_name="Cán bộ", report_id=next_report, internal=False))
                    next_report += 1
                next_task += 1
                counts["tasks"] += 1
            next_doc += 1
            counts["documents"] += 1
            if len(tasks) >= CHUNK:
                _flush(conn, docs, tasks, co, reports, events, counts)
        _flush(conn, docs, tasks, co, reports, events, counts)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for table in ("directive_documents", "tasks", "task_reports", "task_events", "task_co_units"):
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                     f"(SELECT MAX(id) FROM {table}))")
            conn.exec_driver_sql("ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    return counts


def _fate(rng: random.Random, issued: date, deadline: date, today: date):  # noqa: ANN202
    """Status, done moment, timeliness and the report submissions of one task."""
    if deadline >= today or rng.random() < 0.06:
        if rng.random() < 0.3 and issued < today:
            moment = _utc(min(today, issued + timedelta(days=rng.randint(1, 10))), 14)
            return TaskStatus.SUBMITTED, None, None, [(moment, ReportDecision.PENDING)]
        return rng.choice([TaskStatus.NEW, TaskStatus.ACKNOWLEDGED]), None, None, []
    offset = rng.choice([-5, -2, 0, 0, 3, 8])
    submitted = deadline + timedelta(days=offset)
    submits = []
    if rng.random() < 0.15:
        submits.append((_utc(submitted - timedelta(days=3), 9), ReportDecision.REJECTED))
    submits.append((_utc(submitted, 14), ReportDecision.APPROVED))
    timeliness = Timeliness.EARLY if offset < 0 else Timeliness.ON_TIME if offset == 0 else Timeliness.LATE
    return TaskStatus.DONE, submits[-1][0], timeliness, submits


def _flush(conn, docs, tasks, co, reports, events, counts) -> None:  # noqa: ANN001
    for table, rows in ((DirectiveDocument, docs), (Task, tasks), (TaskCoUnit, co), (TaskReport, reports),
                        (TaskEvent, events)):
        if rows:
            conn.execute(sa.insert(table.__table__), rows)
    counts["reports"] += len(reports)
    counts["events"] += len(events)
    for rows in (docs, tasks, co, reports, events):
        rows.clear()


TOPICS = ["giải ngân vốn đầu tư công", "cải cách thủ tục hành chính", "chuyển đổi số", "bồi thường, giải phóng mặt bằng",
          "phòng, chống thiên tai", "an toàn giao thông", "xây dựng nông thôn mới", "thu ngân sách",
          "bảo vệ môi trường", "phát triển du lịch", "y tế cơ sở", "giáo dục phổ thông", "an sinh xã hội"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=150)
    args = parser.parse_args()
    started = clock.perf_counter()
    counts = generate(args.tasks, args.units)
    print(f"Generated {counts} in {clock.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
