"""Generate a public-investment portfolio at scale for the benchmarks (issue 10): 3 000 projects × ~25 steps over
5 years, capital plans by year and source, monthly disbursement by source (~400 000 rows), monthly physical progress
and one State Treasury file for the last closed month.

    python -m bench.projects_generate [--projects 3000] [--units 150]      (uses DATABASE_URL / DONDOC_DATA_DIR)

Rows are written in bulk (the services' rules are tested elsewhere); the demo province is loaded first, so the demo
accounts (kehoach.stc, lanhdao, the investors' editors) work on the generated data."""
from __future__ import annotations

import argparse
import random
import time as clock
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa

from bench.generate import add_units
from lib import modules as _modules  # noqa: F401 - every module plugged into the core
from lib.core import demo
from lib.core.calendar import LOCAL_TZ, WorkCalendar, local_today
from lib.core.db import get_engine, session_scope
from lib.core.enums import UnitKind
from lib.core.models import Unit
from lib.core.text import fold
from lib.projects.enums import (
    CapitalPlanKind, CapitalSource, DecidingLevel, ProjectField, ProjectGroup, ProjectKind, ProjectPhase,
    ProjectStatus, ResolverKind,
)
from lib.projects.finance_models import (
    CapitalPlanLine, Disbursement, ProjectMonthlyProgress, TreasuryFigure, TreasuryImport,
)
from lib.projects.models import (
    ProcessTemplate, Project, ProjectCapitalSource, ProjectLocation, ProjectProcess, ProjectStep, ProjectStepLink,
)

CHUNK = 5000
BILLION = 1_000_000_000
STEPS_PER_PROJECT = 25
PLACES = ["Cao Lãnh", "Sa Đéc", "Hồng Ngự", "Tháp Mười", "Lấp Vò", "Tân Hồng", "Thanh Bình", "Lai Vung", "Châu Thành",
          "Tam Nông", "Mỹ Tho", "Gò Công", "Cai Lậy", "Cái Bè", "Chợ Gạo"]
WORKS = ["Nâng cấp đường", "Xây dựng cầu", "Kè chống sạt lở", "Trường tiểu học", "Trạm y tế", "Hệ thống cấp nước",
         "Nhà văn hóa", "Cống thủy lợi", "Đê bao", "Trung tâm hành chính", "Chợ", "Khu tái định cư"]
MONEY_SOURCES = [CapitalSource.CENTRAL_BUDGET, CapitalSource.PROVINCE_BUDGET, CapitalSource.COMMUNE_BUDGET,
                 CapitalSource.ODA_LOAN]


def _utc(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=LOCAL_TZ).astimezone(timezone.utc)


def _template_steps(session) -> list[tuple[ProjectPhase, str, int]]:  # noqa: ANN001
    """The longest default template's steps, repeated up to STEPS_PER_PROJECT: (phase, name, working days)."""
    template = max(session.scalars(sa.select(ProcessTemplate)), key=lambda t: len(t.steps))
    base = [(s.phase, s.name, s.duration_days) for s in template.steps]
    steps = list(base)
    while len(steps) < STEPS_PER_PROJECT:
        phase, name, days = base[len(steps) % len(base)]
        steps.append((phase, f"{name} (đợt {len(steps) // len(base) + 1})", days))
    order = {ProjectPhase.PREPARATION: 0, ProjectPhase.IMPLEMENTATION: 1, ProjectPhase.CLOSING: 2}
    return sorted(steps[:STEPS_PER_PROJECT], key=lambda s: order[s[0]])


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def generate(n_projects: int, n_units: int, seed: int = 13) -> dict[str, int]:  # noqa: C901 - one linear recipe
    rng = random.Random(seed)
    engine = get_engine()
    with session_scope(engine) as session:
        demo.load(session, reset=True)
        unit_ids = add_units(session, n_units)
        communes = list(session.scalars(sa.select(Unit.id).where(Unit.kind == UnitKind.COMMUNE,
                                                                 Unit.status == "active")))
        steps = _template_steps(session)
        creator = session.scalar(sa.text("SELECT id FROM accounts WHERE username = 'kehoach.stc'"))
    calendar = WorkCalendar()
    today = local_today()
    first_year = today.year - 4
    counts = dict.fromkeys(("projects", "steps", "plan_lines", "disbursements", "progress", "treasury"), 0)
    with engine.begin() as conn:
        next_project = (conn.scalar(sa.select(sa.func.max(Project.id))) or 0) + 1
        next_step = (conn.scalar(sa.select(sa.func.max(ProjectStep.id))) or 0) + 1
        import_id = conn.execute(sa.insert(TreasuryImport).values(
            year=today.year, month=max(today.month - 1, 1), file_name="kho-bac-thu-tai.xlsx", row_count=0,
            imported_at=_utc(today), imported_by_id=creator).returning(TreasuryImport.id)).scalar_one()
        rows: dict[type, list[dict]] = {}

        def add(model: type, **values: object) -> None:
            rows.setdefault(model, []).append(values)

        def flush(force: bool = False) -> None:
            if not force and len(rows.get(Disbursement, [])) < CHUNK:
                return
            for model in (Project, ProjectLocation, ProjectCapitalSource, ProjectProcess, ProjectStep,
                          ProjectStepLink, CapitalPlanLine, Disbursement, ProjectMonthlyProgress, TreasuryFigure):
                if rows.get(model):
                    conn.execute(sa.insert(model), rows[model])
            rows.clear()

        for n in range(n_projects):
            project_id = next_project + n
            investor = rng.choice(unit_ids)
            start = calendar.on_or_next_working_day(date(first_year, 1, 1) + timedelta(days=rng.randrange(4 * 365)))
            years = rng.choice((2, 3, 4))
            end = min(date(start.year + years, start.month, min(start.day, 28)), date(today.year + 3, 12, 31))
            group = rng.choices((ProjectGroup.B, ProjectGroup.C), (1, 4))[0]
            total = (rng.randrange(120, 900) if group == ProjectGroup.B else rng.randrange(3, 110)) * BILLION
            sources = rng.sample(MONEY_SOURCES, rng.choice((2, 3)))
            phase = (ProjectPhase.PREPARATION if start > today - timedelta(days=200) else
                     ProjectPhase.CLOSING if end < today else ProjectPhase.IMPLEMENTATION)
            status = rng.choices(list(ProjectStatus), (90, 4, 2, 4))[0]
            name = f"{rng.choice(WORKS)} {rng.choice(PLACES)} số {n + 1:04d}"
            entry_due = calendar.add_working_days(start, 10)
            add(Project, id=project_id, code=f"BENCH-{n + 1:05d}", name=name, kind=ProjectKind.PUBLIC,
                field=rng.choice(list(ProjectField)), project_group=group, deciding_level=DecidingLevel.PROVINCE,
                investor_unit_id=investor, private_investor=None, management_form="Ban quản lý dự án",
                total_investment=total, planned_start=start, planned_end=end, preparation_start=start,
                preparation_end=None, implementation_start=None, implementation_end=None, closing_start=None,
                closing_end=None, phase=phase, status=status, published=n % 10 == 0, entered_at=_utc(start),
                entry_due_on=entry_due, entry_late_days=0, created_by_id=creator, search_key=fold(name),
                created_at=_utc(start), updated_at=_utc(start), version=1)
            add(ProjectLocation, project_id=project_id, commune_id=rng.choice(communes), latitude=None, longitude=None)
            shares = [total // len(sources)] * len(sources)
            shares[0] += total - sum(shares)
            for source, share in zip(sources, shares):
                add(ProjectCapitalSource, project_id=project_id, source=source, amount=share)
            add(ProjectProcess, project_id=project_id, template_id=None, starts_on=start, created_by_id=creator,
                created_at=_utc(start), updated_at=_utc(start), version=1)
            day = start
            for position, (step_phase, step_name, days) in enumerate(steps, start=1):
                step_id = next_step
                next_step += 1
                planned_end = calendar.add_working_days(day, days - 1)
                done = planned_end < today and rng.random() < 0.85
                slip = rng.choice((0, 0, 0, 2, 5, 12)) if done else 0
                actual_end = min(calendar.add_working_days(planned_end, slip), today) if done else None
                add(ProjectStep, id=step_id, project_id=project_id, position=position, phase=step_phase,
                    name=step_name, unit_id=rng.choice(unit_ids) if position % 4 == 0 else investor,
                    resolver_kind=ResolverKind.UNIT, duration_days=days, planned_start=day, planned_end=planned_end,
                    deadline=planned_end, deadline_set=False, actual_start=day if day <= today else None,
                    actual_end=actual_end)
                if position > 1:
                    add(ProjectStepLink, step_id=step_id, depends_on_id=step_id - 1)
                day = calendar.add_working_days(planned_end, 1)
            counts["steps"] += len(steps)
            for year in range(max(start.year, first_year), min(end.year, today.year) + 1):
                year_plan = {}
                for source in sources:
                    year_plan[source] = total // (len(sources) * years)
                    add(CapitalPlanLine, project_id=project_id, year=year, source=source,
                        kind=CapitalPlanKind.ALLOCATED, amount=year_plan[source], month_from=1,
                        decision_number=f"{100 + year % 100}/QĐ-UBND", decision_date=date(year, 1, 5),
                        issuer="UBND tỉnh", note="", attachment_id=None, entered_at=_utc(date(year, 1, 8)),
                        entered_by_id=creator)
                    counts["plan_lines"] += 1
                last_month = 12 if year < today.year else today.month - 1
                for month in range(1, last_month + 1):
                    if date(year, month, 1) < start.replace(day=1):
                        continue
                    for source in sources:
                        amount = year_plan[source] // 12 * rng.randrange(50, 110) // 100
                        confirmed = calendar.on_or_next_working_day(_month_end(year, month) - timedelta(days=3))
                        add(Disbursement, project_id=project_id, year=year, month=month, source=source,
                            amount=max(amount, 1), treasury_confirmed_on=confirmed, note="",
                            entered_at=_utc(calendar.add_working_days(confirmed, 3)), entered_by_id=creator,
                            entry_due_on=calendar.add_working_days(confirmed, 5), entry_late_days=0)
                        counts["disbursements"] += 1
                        if year == today.year and month == today.month - 1 and counts["treasury"] < 5000:
                            add(TreasuryFigure, import_id=import_id, investor_unit_id=investor,
                                project_id=project_id, source=source, year=year, month=month,
                                amount=max(amount, 1) + (BILLION if rng.random() < 0.02 else 0))
                            counts["treasury"] += 1
                    add(ProjectMonthlyProgress, project_id=project_id, year=year, month=month,
                        physical_percent=min(100.0, 100.0 * (month + 12 * (year - start.year)) / (12 * years)),
                        note="", reported_at=_utc(_month_end(year, month)), reported_by_id=creator)
                    counts["progress"] += 1
            counts["projects"] += 1
            flush()
        flush(force=True)
        conn.execute(sa.update(TreasuryImport).where(TreasuryImport.id == import_id)
                     .values(row_count=counts["treasury"]))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=3000)
    parser.add_argument("--units", type=int, default=150)
    args = parser.parse_args()
    started = clock.perf_counter()
    counts = generate(args.projects, args.units)
    print(f"Generated {counts} in {clock.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
