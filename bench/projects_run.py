"""Time the pages of Dự án đầu tư công on the generated portfolio (run `python -m bench.projects_generate` first).

    python -m bench.projects_run [--repeat 7]

Prints, for each page of issue 10's targets, the median of one rerun of the page (Streamlit AppTest: script +
services + serialisation, without the browser), of the service call alone and of the raw SQL behind it; and the
monthly extraction (Excel) and the import of a Treasury file of 5 000 rows with its reconciliation.
"""
from __future__ import annotations

import argparse

import sqlalchemy as sa
from openpyxl import Workbook

from bench.run import actor_of, in_session, median_ms, page_rerun_ms
from lib import modules as _modules  # noqa: F401 - every module plugged into the core
from lib.core.calendar import local_today
from lib.core.db import get_engine, session_scope
from lib.core.excel import save_workbook
from lib.core.models import Account, Unit
from lib.projects import boards, extraction, records, treasury
from lib.projects.finance_models import Disbursement, TreasuryFigure
from lib.projects.models import Project, ProjectStep

RAW_BOARD = [  # what the leaders' board reads, as plain SQL: counts, open overdue steps, disbursement by investor
    "SELECT project_group, field, phase, status, count(*) FROM projects GROUP BY 1, 2, 3, 4",
    "SELECT s.unit_id, count(*) FROM project_steps s JOIN projects p ON p.id = s.project_id "
    "WHERE s.actual_end IS NULL AND s.deadline < :today AND p.status IN ('active') GROUP BY s.unit_id",
    "SELECT p.investor_unit_id, sum(d.amount) FROM disbursements d JOIN projects p ON p.id = d.project_id "
    "WHERE d.year = :year AND d.month <= :month GROUP BY p.investor_unit_id",
    "SELECT p.investor_unit_id, sum(c.amount) FROM capital_plan_lines c JOIN projects p ON p.id = c.project_id "
    "WHERE c.year = :year GROUP BY p.investor_unit_id",
    "SELECT s.project_id, s.id, s.deadline, s.actual_start, s.actual_end, s.duration_days FROM project_steps s "
    "JOIN projects p ON p.id = s.project_id WHERE p.status = 'active'",
]
RAW_PROJECT = [  # one project's page: the record, its steps, documents, histories, figures
    "SELECT * FROM projects WHERE id = :pid",
    "SELECT * FROM project_steps WHERE project_id = :pid ORDER BY position",
    "SELECT * FROM project_step_links WHERE step_id IN (SELECT id FROM project_steps WHERE project_id = :pid)",
    "SELECT * FROM project_documents WHERE project_id = :pid",
    "SELECT * FROM project_changes WHERE project_id = :pid",
    "SELECT * FROM project_status_changes WHERE project_id = :pid",
    "SELECT year, month, source, sum(amount) FROM disbursements WHERE project_id = :pid GROUP BY 1, 2, 3",
    "SELECT * FROM capital_plan_lines WHERE project_id = :pid",
    "SELECT * FROM project_monthly_progress WHERE project_id = :pid",
]


def raw_ms(engine: sa.Engine, statements: list[str], params: dict, repeat: int) -> float:
    def run() -> None:
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(sa.text(statement), {k: v for k, v in params.items() if f":{k}" in statement}).all()
    return median_ms(run, repeat)


def busiest_investor(engine: sa.Engine) -> tuple[int, int]:
    """The investor with the most projects, and one of its projects with steps: (unit id, project id)."""
    with session_scope(engine) as s:
        unit_id = s.scalar(sa.select(Project.investor_unit_id).group_by(Project.investor_unit_id)
                           .order_by(sa.func.count().desc()).limit(1))
        project_id = s.scalar(sa.select(ProjectStep.project_id).join(Project)
                              .where(Project.investor_unit_id == unit_id).limit(1))
        return unit_id, project_id


def treasury_file(engine: sa.Engine, year: int, month: int, rows: int = 5000) -> bytes:
    """A Treasury file of `rows` rows from the generated disbursements of the year up to `month`."""
    wb = Workbook()
    ws = wb.active
    ws.title = treasury.SHEET
    ws.append(list(treasury.HEADERS))
    with session_scope(engine) as s:
        query = (sa.select(Unit.code, Project.code, Disbursement.source, Disbursement.month,
                           sa.func.sum(Disbursement.amount))
                 .join(Project, Project.id == Disbursement.project_id)
                 .join(Unit, Unit.id == Project.investor_unit_id)
                 .where(Disbursement.year == year, Disbursement.month <= month)
                 .group_by(Unit.code, Project.code, Disbursement.source, Disbursement.month)
                 .order_by(Disbursement.month.desc(), Project.code).limit(rows))
        for unit, code, source, m, amount in s.execute(query):
            ws.append([unit, code, source.label, f"{m:02d}/{year}", int(amount)])
    return save_workbook(wb)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    engine = get_engine()
    today = local_today()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    with session_scope(engine) as s:
        n_projects = s.scalar(sa.select(sa.func.count()).select_from(Project))
        n_steps = s.scalar(sa.select(sa.func.count()).select_from(ProjectStep))
        n_money = s.scalar(sa.select(sa.func.count()).select_from(Disbursement))
    unit_id, project_id = busiest_investor(engine)
    with session_scope(engine) as s:
        editor = s.scalar(sa.select(Account.username).where(Account.unit_id == unit_id).limit(1))
    if editor is None:
        from bench.run import bench_editor
        editor = bench_editor(engine, "bench.cdt", "Cán bộ thử tải chủ đầu tư", unit_id)
    leader, investor, finance = actor_of(engine, "lanhdao"), actor_of(engine, editor), actor_of(engine, "kehoach.stc")
    with session_scope(engine) as s:
        own = len(records.list_projects(s, investor))
    print(f"Database: {engine.dialect.name}, {n_projects} projects, {n_steps} steps, {n_money} disbursements; "
          f"the investor holds {own} projects")
    params = {"today": today, "year": year, "month": month, "pid": project_id}
    sql = {"board": raw_ms(engine, RAW_BOARD, params, args.repeat),
           "project": raw_ms(engine, RAW_PROJECT, params, args.repeat)}
    data = treasury_file(engine, year, month)

    def import_and_reconcile(s) -> None:  # noqa: ANN001
        result = treasury.import_treasury(s, finance, year=year, month=month, filename="kho-bac.xlsx", data=data)
        assert result.ok, result.errors[:3]
        treasury.reconciliation(s, finance, year, month)
        s.rollback()

    results = {
        "Bảng điều hành (lãnh đạo, toàn tỉnh) — dịch vụ": (median_ms(in_session(
            engine, lambda s: boards.board(s, leader, year=year, month=month)), args.repeat), sql["board"]),
        "Bảng điều hành (lãnh đạo) — chạy lại trang": (page_rerun_ms(
            "pages/projects/board.py", engine, "lanhdao", args.repeat), sql["board"]),
        "Bảng điều hành (chủ đầu tư) — chạy lại trang": (page_rerun_ms(
            "pages/projects/board.py", engine, editor, args.repeat), sql["board"]),
        "Hồ sơ một dự án — chạy lại trang": (page_rerun_ms(
            "pages/projects/project.py", engine, editor, args.repeat, query={"id": str(project_id)}),
            sql["project"]),
        "Trích xuất giải ngân tháng (Excel)": (median_ms(in_session(
            engine, lambda s: extraction.workbook(s, finance, year, month)), max(3, args.repeat // 2)), None),
        "Nhập tệp Kho bạc 5.000 dòng + đối chiếu": (median_ms(in_session(engine, import_and_reconcile),
                                                                 max(3, args.repeat // 2)), None),
    }
    with session_scope(engine) as s:   # the import above was rolled back: nothing kept
        assert s.scalar(sa.select(sa.func.count()).select_from(TreasuryFigure)) <= 5000
    for name, (ms, raw) in results.items():
        print(f"{name:<50} {ms:8.0f} ms" + (f"   (SQL thô: {raw:6.0f} ms)" if raw is not None else ""))


if __name__ == "__main__":
    main()
