"""The page «Lãnh đạo chỉ đạo»: the Office keeps the one list of directing leaders (issue 8, item 13)."""
from __future__ import annotations

import sqlalchemy as sa

from lib.core import vi
from lib.core.db import session_scope
from lib.tasks.leader_models import Leader
from tests.app.helpers import page, texts


def _table(at):  # noqa: ANN001, ANN202
    return at.dataframe[0].value


def test_the_office_adds_a_leader_and_a_second_row_for_one_person_is_refused(demo_db):
    at = page("pages/tasks/leaders.py", demo_db, "chuyenvien.vp").run()
    assert not at.exception
    assert list(_table(at)["Họ và tên"]) == ["Phạm Thiện Nghĩa", "Nguyễn Văn Thành", "Huỳnh Minh Tuấn"]
    at.text_input(key="ld-moi-ten").input("Trần Quốc Bảo")
    at.button(key="ld-luu-moi").click().run()
    assert not at.exception
    assert "Đã thêm «Phó Chủ tịch UBND tỉnh Trần Quốc Bảo» vào danh sách lãnh đạo chỉ đạo." in texts(at)
    assert "Trần Quốc Bảo" in list(_table(at)["Họ và tên"])

    at.text_input(key="ld-moi-ten").input("TRAN QUOC BAO")
    at.button(key="ld-luu-moi").click().run()
    assert vi.LEADER_DUPLICATE.format(existing="Phó Chủ tịch UBND tỉnh Trần Quốc Bảo") in [e.value for e in at.error]
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Leader)) == 4
