"""Time Sở Tài chính's monthly extraction and the Treasury import with reconciliation (issue 10: «monthly extraction
Excel ≤ 2 s» on 3,000 projects, «Treasury import of 5,000 rows with reconciliation ≤ 5 s»).

    python -m bench.finance_run [--projects 3000] [--repeat 5]      (uses DATABASE_URL / DONDOC_DATA_DIR)

Loads the demo province when the database has no projects, adds the bench projects (codes «BF-0001» …) with a
capital plan for two sources and a disbursement for every month of last year, then prints the median wall time of
each call and of the raw SQL behind it.
"""
from __future__ import annotations

import argparse
import io
import statistics
import time
from datetime import date

import sqlalchemy as sa
from openpyxl import Workbook

from lib import modules as _modules  # noqa: F401 - every module plugged into the core
from lib.core import demo
from lib.core.calendar import local_today
from lib.core.db import get_engine, session_scope, upgrade_schema
from lib.core.models import Account
from lib.core.services.auth import to_actor
from lib.projects import extraction, treasury
from lib.projects.enums import CapitalPlanKind, CapitalSource
from lib.projects.finance_models import CapitalPlanLine, Disbursement
from lib.projects.models import Project

SOURCES = (CapitalSource.CENTRAL_BUDGET, CapitalSource.PROVINCE_BUDGET)


def median_ms(fn, repeat: int) -> float:  # noqa: ANN001
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def prepare(engine: sa.Engine, n_projects: int, year: int) -> list[tuple[str, str]]:
    """The bench projects (code, investor code), created once."""
    with session_scope(engine) as s:
        if s.scalar(sa.select(sa.func.count()).select_from(Project)) == 0:
            demo.load(s, reset=True)
    with session_scope(engine) as s:
        template = s.scalar(sa.select(Project).where(Project.code == "DT-2024-001"))
        have = s.scalar(sa.select(sa.func.count()).select_from(Project).where(Project.code.like("BF-%")))
        if have < n_projects:
            base = {c.key: getattr(template, c.key) for c in Project.__table__.columns if c.key not in ("id", "code")}
            s.execute(sa.insert(Project), [{**base, "code": f"BF-{i:04d}"} for i in range(have, n_projects)])
            ids = list(s.scalars(sa.select(Project.id).where(Project.code.like("BF-%"), Project.id.notin_(
                sa.select(CapitalPlanLine.project_id).where(CapitalPlanLine.year == year)))))
            s.execute(sa.insert(CapitalPlanLine), [
                {"project_id": pid, "year": year, "source": src, "kind": CapitalPlanKind.ALLOCATED,
                 "amount": 12_000_000_000, "month_from": 1, "decision_number": "", "issuer": "", "note": ""}
                for pid in ids for src in SOURCES])
            for month in range(1, 13):
                s.execute(sa.insert(Disbursement), [
                    {"project_id": pid, "year": year, "month": month, "source": src, "amount": 400_000_000,
                     "treasury_confirmed_on": date(year, month, 10), "entry_due_on": date(year, month, 17),
                     "note": "", "entry_late_days": 0} for pid in ids for src in SOURCES])
        return [(code, "SXD") for code in s.scalars(sa.select(Project.code).where(Project.code.like("BF-%"))
                                                      .order_by(Project.code))]


def treasury_file(projects: list[tuple[str, str]], year: int, rows: int = 5000) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = treasury.SHEET
    ws.append(list(treasury.HEADERS))
    written = 0
    for month in range(1, 13):
        for code, investor in projects:
            for src in SOURCES:
                if written == rows:
                    break
                amount = 400_000_000 if written % 50 else 390_000_000       # one row in fifty differs
                ws.append([investor, code, src.label, f"{month:02d}/{year}", amount])
                written += 1
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    engine = get_engine()
    upgrade_schema(engine)
    year = local_today().year - 1
    projects = prepare(engine, args.projects, year)
    with session_scope(engine) as s:
        actor = to_actor(s.scalar(sa.select(Account).where(Account.username == "kehoach.stc")))
    data = treasury_file(projects, year)

    def extract() -> None:
        with session_scope(engine) as s:
            extraction.workbook(s, actor, year, 12)

    def extract_sql() -> None:
        with session_scope(engine) as s:
            extraction.lines(s, actor, year, 12)

    def import_and_reconcile() -> None:
        with session_scope(engine) as s:
            assert treasury.import_treasury(s, actor, year=year, month=12, filename="bench.xlsx", data=data).ok
        with session_scope(engine) as s:
            treasury.reconciliation(s, actor, year, 12, cumulative=True)

    def reconcile_sql() -> None:
        with session_scope(engine) as s:
            months = treasury.covered_months(s, year)
            treasury.investor_totals(s, year, months)
            treasury.treasury_totals(s, year, months)

    print(f"{len(projects)} bench projects, year {year}")
    print(f"Monthly extraction (Excel): {median_ms(extract, args.repeat):8.0f} ms   (≤ 2000)")
    print(f"  its aggregate queries:    {median_ms(extract_sql, args.repeat):8.0f} ms")
    print(f"Treasury import 5,000 rows + reconciliation: {median_ms(import_and_reconcile, args.repeat):8.0f} ms   "
          f"(≤ 5000)")
    print(f"  the reconciliation's aggregate queries:   {median_ms(reconcile_sql, args.repeat):8.0f} ms")


if __name__ == "__main__":
    main()
