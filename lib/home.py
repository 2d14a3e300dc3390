"""What the home page shows everyone: scope counts and the calendar ahead."""
from __future__ import annotations

import calendar as std_calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core.access import Actor, data_scope
from lib.core.calendar import WorkCalendar
from lib.core.enums import AccountStatus, UnitStatus
from lib.core.models import Account, Unit
from lib.core.services.calendar_admin import work_calendar

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@dataclass(frozen=True)
class Summary:
    unit_name: str
    units_in_scope: int
    active_accounts: int
    working_days_left_in_month: int


def weekday_vi(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def summary(session: Session, actor: Actor, today: date | None = None) -> Summary:
    from lib.core.calendar import local_today

    today = today or local_today()
    scope = data_scope(session, actor)
    units = session.scalar(sa.select(sa.func.count()).select_from(Unit).where(
        scope.clause(Unit.id), Unit.status == UnitStatus.ACTIVE)) or 0
    accounts = session.scalar(sa.select(sa.func.count()).select_from(Account).where(
        scope.clause(Account.unit_id), Account.status == AccountStatus.ACTIVE)) or 0
    month_end = date(today.year, today.month, std_calendar.monthrange(today.year, today.month)[1])
    left = work_calendar(session).working_days_between(today, month_end)
    unit = session.get(Unit, actor.unit_id)
    return Summary(unit.name if unit else "", units, accounts, left)


def day_off_label(day: date, name: str) -> str:
    """The reason of a day off as listed to users; a holiday on a weekend says so, so that no Tết day looks
    missing from the list (its own day off is the weekend; a compensating day, if any, is listed apart)."""
    if day.weekday() == 5:
        return f"{name} (trùng thứ Bảy)"
    if day.weekday() == 6:
        return f"{name} (trùng Chủ nhật)"
    return name


def upcoming_days_off(calendar: WorkCalendar, today: date, limit: int = 10) -> list[tuple[date, str]]:
    """Public holidays and province days off from today on, weekends included (marked), at most `limit`,
    within the next 366 days."""
    found: list[tuple[date, str]] = []
    for year in (today.year, today.year + 1):
        for day, name in calendar.days_in_year(year):
            if today <= day <= today + timedelta(days=366) and len(found) < limit:
                found.append((day, day_off_label(day, name)))
    return found


@dataclass(frozen=True)
class ActionItem:
    label: str
    count: int
    page_key: str
    hint: str
    filters: dict = field(default_factory=dict)  # what the page it links to filters by (lib.ui.widgets.filter_query)


def task_actions(session: Session, actor: Actor, today: date | None = None) -> list[ActionItem]:
    """What needs this user's action today, with counts (home page)."""
    from lib.core.access import subtree_ids
    from lib.core.enums import Role, Timeliness
    from lib.tasks.enums import TaskStatus
    from lib.tasks.queries import TaskFilter, list_tasks, review_queue

    from lib.core.calendar import local_today

    today = today or local_today()

    def count(**kwargs) -> int:  # noqa: ANN003
        return list_tasks(session, actor, TaskFilter(**kwargs), limit=1, today=today)[1]

    items: list[ActionItem] = []
    if actor.has(Role.UNIT_EDITOR, Role.UNIT_ADMIN, Role.UNIT_VIEWER):
        own = subtree_ids(session, actor.unit_id)
        open_states = [s for s in TaskStatus if s.is_open and s != TaskStatus.SUBMITTED]
        items += [
            ActionItem("Nhiệm vụ quá hạn", count(involving_unit_ids=own, statuses=open_states,
                                                 timeliness=[Timeliness.OVERDUE]), "task_inbox",
                       "Cần báo cáo kết quả ngay.", {"statuses": open_states, "timeliness": [Timeliness.OVERDUE]}),
            ActionItem("Nhiệm vụ sắp đến hạn", count(involving_unit_ids=own, statuses=open_states,
                                                     timeliness=[Timeliness.DUE_SOON]), "task_inbox",
                       "Hạn xử lý trong vài ngày làm việc tới.",
                       {"statuses": open_states, "timeliness": [Timeliness.DUE_SOON]}),
            # Only the lead unit acknowledges a task and reports on it: coordinated tasks are not counted here.
            ActionItem("Nhiệm vụ mới chưa tiếp nhận", count(lead_unit_ids=own, statuses=[TaskStatus.NEW]),
                       "task_inbox", "Đơn vị chủ trì mở nhiệm vụ để tiếp nhận.",
                       {"statuses": [TaskStatus.NEW], "lead_only": True}),
            ActionItem("Báo cáo bị trả lại (không đạt)", count(lead_unit_ids=own, statuses=[TaskStatus.REJECTED]),
                       "task_inbox", "Văn phòng đề nghị bổ sung, báo cáo lại.",
                       {"statuses": [TaskStatus.REJECTED], "lead_only": True}),
        ]
    if actor.has(Role.OFFICE_OFFICER):
        items += [
            ActionItem("Báo cáo chờ duyệt", review_queue(session, actor, limit=1)[1], "task_review",
                       "Rà soát ít nhất mỗi ngày một lần."),
            ActionItem("Nhiệm vụ đơn vị trả lại", count(statuses=[TaskStatus.RETURNED]), "task_review",
                       "Điều chỉnh hoặc giao lại đơn vị khác.", {"returned": True}),
            ActionItem("Nhiệm vụ tôi theo dõi đã quá hạn", count(follower_id=actor.id,
                                                                timeliness=[Timeliness.OVERDUE]),
                       "task_overview", "Đôn đốc đơn vị chủ trì.", {"timeliness": [Timeliness.OVERDUE], "mine": True}),
        ]
    if actor.has(Role.LEADER) and not actor.has(Role.OFFICE_OFFICER):
        items += [
            ActionItem("Nhiệm vụ quá hạn toàn tỉnh", count(timeliness=[Timeliness.OVERDUE]), "task_overview",
                       "Xem đơn vị nào đang chậm.", {"timeliness": [Timeliness.OVERDUE]}),
            ActionItem("Nhiệm vụ sắp đến hạn", count(timeliness=[Timeliness.DUE_SOON]), "task_overview",
                       "Hạn xử lý trong vài ngày làm việc tới.", {"timeliness": [Timeliness.DUE_SOON]}),
        ]
    return items


def par_actions(session: Session, actor: Actor) -> list[ActionItem]:
    """Chỉ số CCHC work waiting for this user: the unit's draft and the assessors' requests (unit accounts), the
    fields to appraise (Tổ giúp việc) and to approve (Hội đồng thẩm định). Only while a round asks something."""
    from lib.par.enums import ParAssessmentStatus
    from lib.core.enums import Role
    from lib.core.format import fmt_date
    from lib.par import assessments as par_assessments

    items: list[ActionItem] = []
    if actor.has(Role.UNIT_EDITOR, Role.UNIT_ADMIN, Role.UNIT_VIEWER):
        mine = par_assessments.unit_assessments(session, actor)
        drafts = [a for a in mine if a.status == ParAssessmentStatus.DRAFT and a.round_open]
        if drafts:
            deadline = min(a.deadline for a in drafts)
            items.append(ActionItem("Hồ sơ Chỉ số CCHC chưa nộp", len(drafts), "par_self",
                                    f"Hạn nộp kết quả tự đánh giá: {fmt_date(deadline)}."))
        requests = sum(a.open_requests for a in mine if a.round_open)
        if requests:
            items.append(ActionItem("Yêu cầu bổ sung tài liệu CCHC", requests, "par_self",
                                    "Tổ giúp việc đề nghị bổ sung tài liệu kiểm chứng."))
    if actor.has(Role.PAR_ASSESSOR):
        items.append(ActionItem("Lĩnh vực CCHC chờ thẩm định", len(par_assessments.appraisal_queue(session, actor)),
                                "par_appraisal", "Các lĩnh vực được phân công, nộp sớm nhất trước."))
    if actor.has(Role.PAR_COUNCIL):
        items.append(ActionItem("Lĩnh vực CCHC chờ phê duyệt", len(par_assessments.council_queue(session, actor)),
                                "par_council", "Tổ giúp việc đã thẩm định xong."))
    return items


# The home page's items of the project steps (seed 000 art. 8.5, 9.2): label, hint, filters of the link.
STEP_ACTION_TEXTS = {
    "reminded": ("Bước dự án được đôn đốc báo cáo", "Chủ đầu tư đề nghị đơn vị báo cáo tiến độ.", {}),
    "overdue": ("Bước dự án quá hạn", "Đơn vị giải quyết báo cáo tiến độ, khó khăn vướng mắc.", "overdue"),
    "due_soon": ("Bước dự án sắp đến hạn", "Hạn giải quyết trong vài ngày làm việc tới.", "due_soon"),
    "to_confirm": ("Bước dự án chờ chủ đầu tư xác nhận", "Xác nhận hoặc điều chỉnh kết quả đúng hạn, trễ hạn.", {}),
}


def project_step_actions(session: Session, actor: Actor, today: date | None = None) -> list[ActionItem]:
    """Dự án đầu tư công work waiting for this user: reminders of the investor, overdue and soon-due steps of the
    unit, judgements to confirm. Only non-zero counts."""
    from lib.core.enums import Timeliness
    from lib.projects import step_reports

    items = []
    for action in step_reports.step_actions(session, actor, today):
        label, hint, state = STEP_ACTION_TEXTS[action.key]
        filters = {"timeliness": [Timeliness(state)]} if isinstance(state, str) else {}
        items.append(ActionItem(label, action.count, "project_steps", hint, filters))
    return items


def finance_actions(session: Session, actor: Actor, today: date | None = None) -> list[ActionItem]:
    """Dự án đầu tư công, Sở Tài chính's part (seed 000 art. 9.3, 11.3): for an investor, the Department's reminders
    to send a missing monthly report and the differences with the Treasury not explained yet; for Sở Tài chính, the
    investors whose report for last month is missing."""
    from lib.core.calendar import local_today
    from lib.core.enums import Role
    from lib.projects import treasury

    today = today or local_today()
    items: list[ActionItem] = []
    if actor.has(Role.UNIT_EDITOR, Role.UNIT_ADMIN):
        reminders = treasury.reminders_for(session, actor)
        if reminders:
            months = ", ".join(f"{r.month:02d}/{r.year}" for r in reminders[:3])
            items.append(ActionItem("Sở Tài chính nhắc gửi báo cáo giải ngân", len(reminders), "project_treasury",
                                    f"Báo cáo tình hình thực hiện, giải ngân tháng {months} chưa gửi."))
        unexplained = treasury.unexplained_count(session, actor, today)
        if unexplained:
            items.append(ActionItem("Chênh lệch với Kho bạc chưa giải trình", unexplained, "project_treasury",
                                    "Số giải ngân đã cập nhật khác số liệu Kho bạc Nhà nước."))
    if actor.has(Role.PLANNING_OFFICER):
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        missing = treasury.missing_reports(session, actor, year, month)
        items.append(ActionItem(f"Chủ đầu tư chưa gửi báo cáo tháng {month:02d}/{year}", len(missing),
                                "project_treasury", "Nhắc chủ đầu tư gửi báo cáo tình hình thực hiện, giải ngân."))
    return items
