"""The page «Bảng điều hành dự án» (issue 10 item 7; seed 000 art. 5.7, 6): the leader sees every project and drills
from a unit's late steps to one project; an investor's editor sees only its own projects."""
from __future__ import annotations

import sqlalchemy as sa

from lib.core.db import session_scope
from lib.core.models import Account
from lib.core.services.auth import to_actor
from lib.projects import step_reports
from lib.projects.models import Project
from tests.app.helpers import page, texts as page_texts

BOARD = "pages/projects/board.py"


def _no_exception(at) -> None:  # noqa: ANN001
    assert not at.exception, [e.value for e in at.exception]


def _metric(at, label: str) -> str:  # noqa: ANN001
    return next(m.value for m in at.metric if m.label == label)


def test_the_leader_drills_from_a_units_late_steps_to_a_project(demo_db):
    at = page(BOARD, demo_db, "lanhdao").run()
    _no_exception(at)
    with session_scope(demo_db) as s:
        total = s.scalar(sa.select(sa.func.count()).select_from(Project))
        leader = to_actor(s.scalar(sa.select(Account).where(Account.username == "lanhdao")))
        late = step_reports.late_steps_by_unit(s, leader)
    assert _metric(at, "Dự án") == str(total)
    assert "Toàn bộ dự án của tỉnh" in page_texts(at)
    table = next(d.value for d in at.dataframe if "Tổng số ngày làm việc trễ" in d.value.columns)
    assert list(table["Đơn vị"]) == [u.unit for u in late]             # the same figures as the step service
    assert late, "the demo has late steps"

    at.session_state["bd-tre"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    _no_exception(at)
    steps = next(d.value for d in at.dataframe if "Trễ (ngày làm việc)" in d.value.columns)
    assert len(steps) == late[0].late_finished + late[0].overdue_open
    at.session_state["bd-tre-buoc"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    _no_exception(at)
    assert at.button(key="bd-tre-mo")


def test_an_investors_editor_sees_only_its_own_projects(demo_db):
    at = page(BOARD, demo_db, "capnhat.laplvo").run()
    _no_exception(at)
    with session_scope(demo_db) as s:
        unit_id = s.scalar(sa.select(Account.unit_id).where(Account.username == "capnhat.laplvo"))
        own = s.scalar(sa.select(sa.func.count()).select_from(Project).where(Project.investor_unit_id == unit_id))
    assert _metric(at, "Dự án") == str(own)
    assert "Các dự án đơn vị làm chủ đầu tư" in page_texts(at)
