"""Time the pages of the module Nhiệm vụ on the generated province (run `python -m bench.generate` first).

    python -m bench.run [--repeat 7]

Prints the median of each measurement: one rerun of the page (Streamlit AppTest, i.e. script + services +
serialisation, without the browser) and the service call alone.
"""
from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from lib import modules as _modules  # noqa: F401 - every module plugged into the core
from lib.core.db import get_engine, session_scope
from lib.core.enums import Role
from lib.tasks.enums import TaskStatus
from lib.core.models import Account, AccountRole, Unit
from lib.tasks.models import Task
from lib.core.services import auth
from lib.tasks import queries as task_queries, reports as task_reports, stats as task_stats
from lib.core.services.auth import to_actor
from lib.tasks.queries import TaskFilter

ROOT = Path(__file__).resolve().parents[1]


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up: caches, first query plans
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def bench_editor(engine: sa.Engine, username: str, full_name: str, unit_id: int) -> str:
    """An editor account of the unit for the measurements (created, or moved to that unit)."""
    from lib.core import passwords

    with session_scope(engine) as s:
        account = s.scalar(sa.select(Account).where(Account.username == username))
        if account is None:
            account = Account(username=username, full_name=full_name, unit_id=unit_id,
                              password_hash=passwords.hash_password("Bench@2026"), must_change_password=False)
            account.role_rows = [AccountRole(role=Role.UNIT_EDITOR)]
            s.add(account)
        account.unit_id = unit_id
    return username


def busiest_unit_editor(engine: sa.Engine) -> tuple[str, int]:
    """An editor account in the unit that leads the most tasks."""
    with session_scope(engine) as s:
        unit_id, n = s.execute(sa.select(Task.lead_unit_id, sa.func.count()).group_by(Task.lead_unit_id)
                               .order_by(sa.func.count().desc()).limit(1)).one()
    return bench_editor(engine, "bench.editor", "Cán bộ thử tải", unit_id), n


def in_session(engine: sa.Engine, fn: Callable[[object], object]) -> Callable[[], object]:
    """A measurable call: `fn(session)` in its own session, as one page run would do."""
    def run() -> object:
        with session_scope(engine) as s:
            return fn(s)
    return run


def actor_of(engine: sa.Engine, username: str):  # noqa: ANN201
    with session_scope(engine) as s:
        return to_actor(s.scalar(sa.select(Account).where(Account.username == username)))


def page_rerun_ms(path: str, engine: sa.Engine, username: str, repeat: int, *,
                  query: dict[str, str] | None = None, **widgets: object) -> float:
    """Median time of one rerun of the page for the account, with the given address parameters and widget values
    (by key)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / path), default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    for key, value in widgets.items():
        at.session_state[key] = value
    with session_scope(engine) as s:
        account = s.scalar(sa.select(Account).where(Account.username == username))
        at.session_state["authentication_status"] = True
        at.session_state["account_id"] = account.id
        at.session_state["login_token"] = auth.start_login_session(s, account.id)
    at.run()
    assert not at.exception, at.exception
    return median_ms(at.run, repeat)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    engine = get_engine()
    with session_scope(engine) as s:
        n_tasks = s.scalar(sa.select(sa.func.count()).select_from(Task))
        n_units = s.scalar(sa.select(sa.func.count()).select_from(Unit))
    editor, led = busiest_unit_editor(engine)
    office, leader = actor_of(engine, "chuyenvien.vp"), actor_of(engine, "lanhdao")
    unit_editor = actor_of(engine, editor)
    print(f"Database: {engine.dialect.name}, {n_tasks} tasks, {n_units} units; inbox unit leads {led} tasks")

    def with_session(fn):  # noqa: ANN001, ANN202
        return in_session(engine, fn)

    export_filter = TaskFilter(statuses=[TaskStatus.DONE], issued_from=date(2000, 1, 1))
    results = {
        "Hộp nhiệm vụ của đơn vị — dịch vụ": median_ms(with_session(
            lambda s: task_queries.inbox(s, unit_editor)), args.repeat),
        "Hàng chờ duyệt — dịch vụ": median_ms(with_session(
            lambda s: task_queries.review_queue(s, office)), args.repeat),
        "Tổng quan lãnh đạo (toàn bộ 5 năm) — dịch vụ": median_ms(with_session(
            lambda s: task_stats.overview(s, leader)), args.repeat),
        "Xuất Excel 10.000 dòng": median_ms(with_session(
            lambda s: task_reports.to_excel(s, leader, task_reports.task_list(s, leader, export_filter,
                                                                              max_rows=10_000),
                                            title="Danh sách nhiệm vụ", period=None)), max(3, args.repeat // 2)),
        "Hộp nhiệm vụ của đơn vị — chạy lại trang": page_rerun_ms("pages/tasks/inbox.py", engine, editor,
                                                                  args.repeat),
        "Tổng quan lãnh đạo — chạy lại trang (năm nay)": page_rerun_ms("pages/tasks/overview.py", engine,
                                                                       "lanhdao", args.repeat),
        "Tổng quan lãnh đạo — chạy lại trang (toàn bộ 5 năm)": page_rerun_ms(
            "pages/tasks/overview.py", engine, "lanhdao", args.repeat, **{"tq-ky": "Toàn bộ"}),
    }
    review_page = ROOT / "pages/tasks/review.py"
    if review_page.exists():
        results["Hàng chờ duyệt — chạy lại trang"] = page_rerun_ms("pages/tasks/review.py", engine,
                                                                   "chuyenvien.vp", args.repeat)
    for name, ms in results.items():
        print(f"{name:<55} {ms:8.0f} ms")


if __name__ == "__main__":
    main()
