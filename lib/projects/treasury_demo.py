"""The demo's State Treasury file (issue 10, item 12): Sở Tài chính imports the Treasury's figures of every month
of this year up to last month, built from what the investors entered, with a few differences for the trainers to
show in «Đối chiếu giải ngân»: one amount the Treasury counts higher, one disbursement the Treasury has not
confirmed, one the investor has not entered yet. The file goes through the real import (all its checks)."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from openpyxl import Workbook
from sqlalchemy.orm import Session

from lib.core.calendar import local_today
from lib.core.excel import save_workbook
from lib.core.models import Account, Unit
from lib.core.services.auth import to_actor
from lib.projects import treasury
from lib.projects.finance_models import Disbursement
from lib.projects.models import Project

MILLION = 1_000_000


def last_closed_month(today: date) -> tuple[int, int] | None:
    """The year and month of the Treasury file: last month of this year (None in January: nothing closed yet)."""
    return (today.year, today.month - 1) if today.month > 1 else None


def _rows(session: Session, year: int, month: int) -> list[list[object]]:
    """The investors' own figures per project, source and month up to `month`, as the Treasury file's rows."""
    query = (sa.select(Unit.code, Project.code, Disbursement.source, Disbursement.month,
                       sa.func.sum(Disbursement.amount))
             .join(Project, Project.id == Disbursement.project_id).join(Unit, Unit.id == Project.investor_unit_id)
             .where(Disbursement.year == year, Disbursement.month <= month)
             .group_by(Unit.code, Project.code, Disbursement.source, Disbursement.month)
             .order_by(Project.code, Disbursement.month, Disbursement.source))
    return [[unit, code, source.label, f"{m:02d}/{year}", int(amount)]
            for unit, code, source, m, amount in session.execute(query)]


def _with_differences(rows: list[list[object]], month: int) -> list[list[object]]:
    """Three differences in the last month: an amount higher, a row the Treasury lacks, a row only it has."""
    last = [row for row in rows if row[3].startswith(f"{month:02d}/")]
    if len(last) < 3:
        return rows
    higher, missing, copied = last[0], last[1], last[2]
    higher[4] = int(higher[4]) + 150 * MILLION
    rows = [row for row in rows if row is not missing]
    if month > 1:   # a disbursement the investor has not entered yet: the same project, the month before
        earlier = f"{month - 1:02d}/{copied[3][3:]}"
        if not any(r[1] == copied[1] and r[2] == copied[2] and r[3] == earlier for r in rows):
            rows.append([copied[0], copied[1], copied[2], earlier, 420 * MILLION])
    return rows


def treasury_workbook(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = treasury.SHEET
    ws.append(list(treasury.HEADERS))
    for row in rows:
        ws.append(row)
    return save_workbook(wb)


def load_demo_treasury(session: Session, units: dict[str, Unit], accounts: dict[str, Account]) -> None:
    period = last_closed_month(local_today())
    if period is None:
        return
    year, month = period
    rows = _rows(session, year, month)
    if not rows:
        return
    data = treasury_workbook(_with_differences(rows, month))
    result = treasury.import_treasury(session, to_actor(accounts["kehoach.stc"]), year=year, month=month,
                                      filename=f"kho-bac-giai-ngan-{month:02d}-{year}.xlsx", data=data)
    if not result.ok:
        raise RuntimeError(f"demo Treasury file refused: {result.errors[:3]}")
