"""What the pages' widgets say where Streamlit would otherwise speak English: the file uploaders state the
limit and the file types in Vietnamese, and every select box has a Vietnamese placeholder."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from lib.core.calendar import local_today
from lib.core.db import session_scope
from lib.tasks.enums import DocType
from lib.core.files import ALLOWED_EXTENSIONS
from lib.tasks.models import DirectiveDocument
from lib.core.services import settings
from lib.tasks import workflow as tasks
from lib.tasks.workflow import DocumentInput, TaskInput, Upload
from tests.app.helpers import page
from tests.unit.core_helpers import leader_id

TYPES_TEXT = ", ".join(f".{t}" for t in ALLOWED_EXTENSIONS)


def _uploaders(at) -> list:  # noqa: ANN001
    return list(at.get("file_uploader"))


def _selects(at) -> list:  # noqa: ANN001
    return list(at.selectbox) + list(at.multiselect)


def _no_exception(at) -> None:  # noqa: ANN001
    assert not at.exception, [e.value for e in at.exception]


def _set_limit(engine: sa.Engine, actors: dict, mb: int) -> None:
    with session_scope(engine) as s:
        settings.update(s, actors["quantri"], {"upload_max_mb": mb})


@pytest.mark.parametrize(("limit", "shown"), [(20, 20), (5, 5), (50, 20)])
def test_the_entry_page_states_the_upload_limit_and_types_in_vietnamese(demo_db, actors, limit, shown):
    """The limit is the setting, never above what the web server takes (server.maxUploadSize = 20)."""
    _set_limit(demo_db, actors, limit)
    at = page("pages/tasks/entry.py", demo_db, "chuyenvien.vp").run()
    _no_exception(at)
    signed, excel, signed_many = _uploaders(at)
    assert signed.label == "Tệp văn bản đã ký, đóng dấu *"
    assert signed.proto.max_upload_size_mb == signed_many.proto.max_upload_size_mb == shown
    assert signed.help == ("Bản có chữ ký số (Quy chế kèm Quyết định 1298/QĐ-UBND-HC, Điều 6.3a). "
                           f"Dung lượng tối đa {shown} MB một tệp. Các định dạng: {TYPES_TEXT}.")
    assert signed_many.proto.multiple_files, "the Excel import takes the signed documents with the workbook"
    assert list(signed.proto.type) == [f".{t}" for t in ALLOWED_EXTENSIONS]
    assert excel.help == f"Tệp theo mẫu ở trên. Dung lượng tối đa {shown} MB một tệp. Các định dạng: .xlsx."
    # The line under each box (written by CSS over Streamlit's English «… per file • …»).
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert f'content: "Tối đa {shown} MB một tệp · {TYPES_TEXT}"' in styles
    assert ".st-key-vb-tep-0 " in styles and ".st-key-tep-excel-0 " in styles


def test_the_task_page_report_form_states_the_upload_limit(demo_db, actors, unit_ids):
    with session_scope(demo_db) as s:
        doc_id = tasks.create_document(s, actors["chuyenvien.vp"], DocumentInput(
            DocType.CONG_VAN, "9901/UBND-TH", "Về việc thử tải tệp", local_today() - timedelta(days=2),
            unit_ids["UBND"], leader_id(s, "Nguyễn Văn Thành"), "Nguyễn Văn Thành", drafter_id=actors["chuyenvien.vp"].id),
            [TaskInput("Báo cáo thử", unit_ids["SXD"], [], deadline=local_today() + timedelta(days=20),
                       follower_id=actors["chuyenvien.vp"].id)],
            signed_file=Upload("van-ban.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))
        task_id = s.get(DirectiveDocument, doc_id).tasks[0].id
    at = page("pages/tasks/task.py", demo_db, "capnhat.sxd")
    at.query_params["id"] = str(task_id)
    at.run()
    _no_exception(at)
    uploaders = _uploaders(at)
    assert uploaders and all(u.help == f"Dung lượng tối đa 20 MB một tệp. Các định dạng: {TYPES_TEXT}."
                             for u in uploaders)


@pytest.mark.parametrize(("path", "username"), [
    ("pages/tasks/entry.py", "chuyenvien.vp"),
    ("pages/tasks/reports.py", "chuyenvien.vp"),
    ("pages/tasks/overview.py", "lanhdao"),
    ("pages/tasks/inbox.py", "capnhat.sxd"),
    ("pages/admin/accounts.py", "quantri"),
    ("pages/admin/audit.py", "quantri"),
    ("pages/admin/calendar.py", "quantri"),
])
def test_select_boxes_have_a_vietnamese_placeholder(demo_db, path, username):
    """Never Streamlit's «Choose an option» when a box is empty."""
    at = page(path, demo_db, username).run()
    _no_exception(at)
    boxes = _selects(at)
    assert boxes
    empty = [b.label for b in boxes if not b.proto.placeholder.strip()]
    assert not empty, f"select boxes without a placeholder: {empty}"
    assert not [b.label for b in boxes if "choose" in b.proto.placeholder.lower()]
    # A None option («Tất cả», «— chọn —»…) chosen shows as an empty box with the placeholder: it must say the same.
    for box in at.selectbox:
        if box.value is None and box.index is not None:
            assert box.proto.placeholder == box.options[box.index], box.label
