"""The list of pages: file, title, section, and the roles allowed. One source for the menu and the guards."""
from __future__ import annotations

from dataclasses import dataclass

from lib.core.enums import Role

EVERYONE: frozenset[Role] = frozenset(Role)


@dataclass(frozen=True)
class PageSpec:
    key: str
    path: str
    title: str
    icon: str
    section: str
    roles: frozenset[Role]
    url_path: str
    default: bool = False
    hidden: bool = False     # registered (its URL works) but not listed in the menu, e.g. a task opened by id
    public: bool = False     # also open without log-in (seed 001 art. 2.2: results published on the portal)


SECTION_GENERAL = "Chung"
SECTION_TASKS = "Nhiệm vụ"
SECTION_PAR = "Chỉ số CCHC"
SECTION_PROJECTS = "Dự án đầu tư công"
SECTION_ADMIN = "Quản trị hệ thống"
SECTIONS = (SECTION_GENERAL, SECTION_TASKS, SECTION_PAR, SECTION_PROJECTS, SECTION_ADMIN)  # menu order
PAR_UNIT_ROLES = frozenset({Role.UNIT_EDITOR, Role.UNIT_ADMIN, Role.UNIT_VIEWER})
# Investors' people see their own projects; leaders, the Department of Finance and the administrator all of them
# (seed 000 art. 4, 6, 11; lib.projects.records.PROJECT_WIDE_ROLES).
PROJECT_ROLES = PAR_UNIT_ROLES | {Role.LEADER, Role.PLANNING_OFFICER, Role.SYSTEM_ADMIN}

PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", "pages/account/home.py", "Trang chủ", ":material/home:", SECTION_GENERAL, EVERYONE,
             "trang-chu", default=True),
    PageSpec("profile", "pages/account/profile.py", "Tài khoản của tôi", ":material/person:", SECTION_GENERAL,
             EVERYONE, "tai-khoan-cua-toi"),
    PageSpec("units", "pages/admin/units.py", "Đơn vị", ":material/account_tree:", SECTION_GENERAL,
             EVERYONE, "don-vi"),
    PageSpec("task_entry", "pages/tasks/entry.py", "Nhập văn bản chỉ đạo", ":material/post_add:", SECTION_TASKS,
             frozenset({Role.OFFICE_OFFICER}), "nhap-van-ban-chi-dao"),
    PageSpec("task_review", "pages/tasks/review.py", "Duyệt báo cáo", ":material/fact_check:", SECTION_TASKS,
             frozenset({Role.OFFICE_OFFICER}), "duyet-bao-cao"),
    PageSpec("task_detail", "pages/tasks/task.py", "Chi tiết nhiệm vụ", ":material/assignment:", SECTION_TASKS,
             EVERYONE, "chi-tiet-nhiem-vu", hidden=True),
    PageSpec("task_inbox", "pages/tasks/inbox.py", "Nhiệm vụ của đơn vị", ":material/inbox:", SECTION_TASKS,
             frozenset({Role.UNIT_EDITOR, Role.UNIT_ADMIN, Role.UNIT_VIEWER}), "nhiem-vu-don-vi"),
    PageSpec("task_overview", "pages/tasks/overview.py", "Tổng quan nhiệm vụ", ":material/monitoring:",
             SECTION_TASKS, frozenset({Role.LEADER, Role.OFFICE_OFFICER, Role.SYSTEM_ADMIN}), "tong-quan-nhiem-vu"),
    PageSpec("task_reports", "pages/tasks/reports.py", "Báo cáo nhiệm vụ", ":material/summarize:", SECTION_TASKS,
             frozenset({Role.SYSTEM_ADMIN, Role.LEADER, Role.OFFICE_OFFICER, Role.UNIT_ADMIN, Role.UNIT_EDITOR,
                        Role.UNIT_VIEWER}), "bao-cao-nhiem-vu"),
    PageSpec("leaders", "pages/tasks/leaders.py", "Lãnh đạo chỉ đạo", ":material/badge:", SECTION_TASKS,
             frozenset({Role.OFFICE_OFFICER, Role.SYSTEM_ADMIN}), "lanh-dao-chi-dao"),
    PageSpec("public_tasks", "pages/public/tasks.py", "Kết quả công khai", ":material/public:", SECTION_GENERAL,
             EVERYONE, "cong-khai", public=True),
    PageSpec("par_self", "pages/par/self.py", "Tự đánh giá CCHC", ":material/checklist:", SECTION_PAR,
             PAR_UNIT_ROLES | {Role.PAR_ADMIN}, "tu-danh-gia-cchc"),
    PageSpec("par_assessment", "pages/par/assessment.py", "Hồ sơ Chỉ số CCHC", ":material/description:",
             SECTION_PAR, EVERYONE, "ho-so-cchc", hidden=True),
    PageSpec("par_appraisal", "pages/par/appraisal.py", "Thẩm định CCHC", ":material/rate_review:", SECTION_PAR,
             frozenset({Role.PAR_ASSESSOR}), "tham-dinh-cchc"),
    PageSpec("par_council", "pages/par/council.py", "Phê duyệt CCHC", ":material/gavel:", SECTION_PAR,
             frozenset({Role.PAR_COUNCIL}), "phe-duyet-cchc"),
    PageSpec("par_results", "pages/par/results.py", "Kết quả Chỉ số CCHC", ":material/leaderboard:", SECTION_PAR,
             PAR_UNIT_ROLES | {Role.PAR_ADMIN, Role.PAR_ASSESSOR, Role.PAR_COUNCIL, Role.LEADER, Role.SYSTEM_ADMIN},
             "ket-qua-cchc"),
    PageSpec("par_rounds", "pages/par/rounds.py", "Đợt đánh giá CCHC", ":material/event_note:", SECTION_PAR,
             frozenset({Role.PAR_ADMIN}), "dot-danh-gia-cchc"),
    PageSpec("par_catalogue", "pages/par/catalogue.py", "Bộ tiêu chí CCHC", ":material/format_list_numbered:",
             SECTION_PAR, frozenset({Role.PAR_ADMIN, Role.PAR_ASSESSOR, Role.PAR_COUNCIL}), "bo-tieu-chi-cchc"),
    PageSpec("public_par", "pages/public/par.py", "Chỉ số CCHC công bố", ":material/public:", SECTION_GENERAL,
             EVERYONE, "cong-khai-cchc", public=True),
    PageSpec("projects", "pages/projects/list.py", "Dự án đầu tư công", ":material/construction:",
             SECTION_PROJECTS, PROJECT_ROLES, "du-an-dau-tu"),
    # The investor's overview of its projects (seed 000 art. 5.7) and the leaders' view of every project (art. 6).
    PageSpec("project_board", "pages/projects/board.py", "Bảng điều hành dự án", ":material/dashboard:",
             SECTION_PROJECTS, PROJECT_ROLES, "bang-dieu-hanh-du-an"),
    PageSpec("project_detail", "pages/projects/project.py", "Hồ sơ dự án", ":material/folder_open:",
             SECTION_PROJECTS, PROJECT_ROLES, "ho-so-du-an", hidden=True),
    # The process templates: the system administrator and Sở Tài chính (lib.projects.process.TEMPLATE_ADMIN_ROLES).
    PageSpec("process_templates", "pages/projects/templates.py", "Quy trình mẫu", ":material/schema:",
             SECTION_PROJECTS, frozenset({Role.SYSTEM_ADMIN, Role.PLANNING_OFFICER}), "quy-trinh-mau"),
    # Each resolving unit's steps across all projects, its reports, the investor's confirmations and reminders
    # (seed 000 art. 8.3–8.7, 9.2); leaders, Sở Tài chính and the administrator see every step.
    PageSpec("project_steps", "pages/projects/steps.py", "Bước cần giải quyết", ":material/pending_actions:",
             SECTION_PROJECTS, PROJECT_ROLES, "buoc-can-giai-quyet"),
    PageSpec("project_treasury", "pages/projects/treasury.py", "Đối chiếu giải ngân", ":material/account_balance:",
             SECTION_PROJECTS, PROJECT_ROLES, "doi-chieu-giai-ngan"),
    PageSpec("public_projects", "pages/public/projects.py", "Dự án công khai", ":material/public:", SECTION_GENERAL,
             EVERYONE, "cong-khai-du-an", public=True),
    PageSpec("project_finance", "pages/projects/finance.py", "Kế hoạch vốn và giải ngân", ":material/payments:",
             SECTION_PROJECTS, PROJECT_ROLES, "ke-hoach-von-giai-ngan"),
    PageSpec("accounts", "pages/admin/accounts.py", "Tài khoản người dùng", ":material/group:", SECTION_ADMIN,
             frozenset({Role.SYSTEM_ADMIN, Role.UNIT_ADMIN, Role.PAR_ADMIN}), "quan-ly-tai-khoan"),
    PageSpec("calendar", "pages/admin/calendar.py", "Lịch làm việc", ":material/calendar_month:", SECTION_ADMIN,
             frozenset({Role.SYSTEM_ADMIN}), "lich-lam-viec"),
    PageSpec("settings", "pages/admin/settings.py", "Tham số và bảo trì", ":material/settings:", SECTION_ADMIN,
             frozenset({Role.SYSTEM_ADMIN}), "tham-so"),
    PageSpec("audit", "pages/admin/audit.py", "Nhật ký hệ thống", ":material/history:", SECTION_ADMIN,
             frozenset({Role.SYSTEM_ADMIN}), "nhat-ky"),
    PageSpec("backup", "pages/admin/backup.py", "Sao lưu dữ liệu", ":material/backup:", SECTION_ADMIN,
             frozenset({Role.SYSTEM_ADMIN}), "sao-luu"),
)

BY_KEY = {p.key: p for p in PAGES}


def allowed(spec: PageSpec, roles: frozenset[Role]) -> bool:
    return bool(spec.roles & roles)


def pages_for(roles: frozenset[Role], *, include_hidden: bool = False) -> list[PageSpec]:
    """The pages of these roles, in menu order; hidden pages (opened by link only) on request."""
    return [p for p in PAGES if allowed(p, roles) and (include_hidden or not p.hidden)]


def public_pages() -> list[PageSpec]:
    return [p for p in PAGES if p.public]
