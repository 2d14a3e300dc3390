"""The administration pages driven through their widgets, as a user would, with the outcome checked in the DB."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from lib.core import demo, passwords, vi
from lib.core.access import subtree_ids
from lib.core.calendar import WorkCalendar, local_today
from lib.core.db import session_scope
from lib.core.enums import AccountStatus, AuditAction, CalendarOverrideKind, Role, UnitStatus
from lib.core.format import fmt_date
from lib.core.models import Account, AuditLog, CalendarOverride, Unit
from lib.core.services import auth, settings
from lib.home import weekday_vi
from tests.app.drive import account, app, count, leaves, one, values
from tests.app.helpers import page, texts

ACCOUNTS_PAGE = "pages/admin/accounts.py"
UNITS_PAGE = "pages/admin/units.py"
SETTINGS_PAGE = "pages/admin/settings.py"
CALENDAR_PAGE = "pages/admin/calendar.py"
PROFILE_PAGE = "pages/account/profile.py"
AUDIT_PAGE = "pages/admin/audit.py"
BACKUP_PAGE = "pages/admin/backup.py"

STRONG = "Khoi#Tao2026"


def no_exception(at) -> None:  # noqa: ANN001
    assert not at.exception, [e.value for e in at.exception]


# ---- accounts: the "Tạo tài khoản mới" form ----------------------------------------------------------------


def fill_new_account(at, *, username: str, full_name: str, unit_id: int, roles: list[Role],  # noqa: ANN001
                     password: str = STRONG, email: str = "") -> None:
    one(at.text_input, "Tên đăng nhập *").input(username)
    one(at.text_input, "Họ và tên *").input(full_name)
    one(at.text_input, "Thư điện tử công vụ").input(email)
    at.selectbox(key="tao-dv").set_value(unit_id)
    one(at.multiselect, "Vai trò *").set_value(roles)
    at.text_input(key="tao-mk").input(password)


def test_system_admin_creates_an_account(demo_db: sa.Engine, unit_ids: dict[str, int]) -> None:
    at = page(ACCOUNTS_PAGE, demo_db, "quantri").run()
    no_exception(at)
    fill_new_account(at, username="  NguyenVanA ", full_name="Nguyễn Văn A", unit_id=unit_ids["STC"],
                     roles=[Role.PLANNING_OFFICER, Role.UNIT_VIEWER], email="nguyenvana@dongthap.gov.vn")
    one(at.button, "Tạo tài khoản").click().run()

    no_exception(at)
    assert vi.ACC_CREATED.format(username="nguyenvana") in values(at.success)
    created = account(demo_db, "nguyenvana")
    assert created is not None
    assert created.must_change_password is True
    assert created.unit_code == "STC" and created.full_name == "Nguyễn Văn A"
    assert created.roles == {Role.PLANNING_OFFICER, Role.UNIT_VIEWER}
    assert created.status == AccountStatus.ACTIVE
    assert passwords.check_password(STRONG, created.password_hash)
    # …and the new account is in the list.
    assert "nguyenvana" in list(at.dataframe[0].value["Tên đăng nhập"])


def test_a_user_name_already_taken_is_refused(demo_db: sa.Engine, unit_ids: dict[str, int]) -> None:
    before = count(demo_db, Account)
    at = page(ACCOUNTS_PAGE, demo_db, "quantri").run()
    fill_new_account(at, username="CapNhat.SXD", full_name="Người Trùng Tên", unit_id=unit_ids["SXD"],
                     roles=[Role.UNIT_EDITOR])
    one(at.button, "Tạo tài khoản").click().run()

    no_exception(at)
    assert any("đã được sử dụng" in e for e in values(at.error))
    assert vi.ACC_USERNAME_TAKEN.format(username="capnhat.sxd") in values(at.error)
    assert not at.success
    assert count(demo_db, Account) == before
    assert account(demo_db, "capnhat.sxd").full_name == "Võ Thị Mai"


@pytest.mark.parametrize("weak, message", [
    ("Ab@1", vi.PW_TOO_SHORT.format(n=8)),
    ("Qwerty123", "Đây là một mật khẩu rất phổ biến."),   # zxcvbn's feedback, shown in Vietnamese
    ("Xx#nguyenvanb1", vi.PW_PERSONAL),
], ids=["short", "common", "contains-username"])
def test_a_weak_initial_password_is_refused(demo_db: sa.Engine, unit_ids: dict[str, int], weak: str,
                                            message: str) -> None:
    before = count(demo_db, Account)
    at = page(ACCOUNTS_PAGE, demo_db, "quantri").run()
    fill_new_account(at, username="nguyenvanb", full_name="Nguyễn Văn B", unit_id=unit_ids["SXD"],
                     roles=[Role.UNIT_EDITOR], password=weak)
    one(at.button, "Tạo tài khoản").click().run()

    no_exception(at)
    assert any(message in e for e in values(at.error)), values(at.error)
    assert account(demo_db, "nguyenvanb") is None
    assert count(demo_db, Account) == before


def test_missing_role_is_refused(demo_db: sa.Engine, unit_ids: dict[str, int]) -> None:
    at = page(ACCOUNTS_PAGE, demo_db, "quantri").run()
    fill_new_account(at, username="nguyenvanc", full_name="Nguyễn Văn C", unit_id=unit_ids["SXD"], roles=[])
    one(at.button, "Tạo tài khoản").click().run()

    assert vi.ACC_NO_ROLE in values(at.error)
    assert account(demo_db, "nguyenvanc") is None


def test_unit_admin_is_offered_only_the_own_subtree_and_unit_roles(demo_db: sa.Engine,
                                                                     unit_ids: dict[str, int]) -> None:
    at = page(ACCOUNTS_PAGE, demo_db, "quantri.sxd").run()
    no_exception(at)

    with session_scope(demo_db) as s:
        subtree = subtree_ids(s, unit_ids["SXD"])
        active_in_subtree = {u.name for u in s.scalars(sa.select(Unit).where(Unit.id.in_(subtree),
                                                                             Unit.status == UnitStatus.ACTIVE))}
        others = {u.name for u in s.scalars(sa.select(Unit).where(Unit.id.not_in(subtree)))}
    unit_box = at.selectbox(key="tao-dv")
    offered = {o.strip("\u3000 ") for o in unit_box.options}
    assert offered == active_in_subtree == {"Sở Xây dựng"}
    assert not offered & others
    assert unit_box.value == unit_ids["SXD"]
    assert set(one(at.multiselect, "Vai trò *").options) == {Role.UNIT_EDITOR.label, Role.UNIT_VIEWER.label}
    # The list shows only the unit's own accounts, and its unit filter only the unit.
    assert set(at.dataframe[0].value["Tên đăng nhập"]) == {"quantri.sxd", "capnhat.sxd", "tracuu.sxd"}
    assert {o.strip() for o in at.selectbox(key="acc-unit").options} == {vi.ALL, "Sở Xây dựng"}


def test_unit_admin_creates_an_account_in_the_own_unit(demo_db: sa.Engine, unit_ids: dict[str, int]) -> None:
    at = page(ACCOUNTS_PAGE, demo_db, "quantri.sxd").run()
    fill_new_account(at, username="tranthib", full_name="Trần Thị B", unit_id=unit_ids["SXD"],
                     roles=[Role.UNIT_EDITOR])
    one(at.button, "Tạo tài khoản").click().run()

    no_exception(at)
    assert vi.ACC_CREATED.format(username="tranthib") in values(at.success)
    created = account(demo_db, "tranthib")
    assert created.unit_code == "SXD" and created.roles == {Role.UNIT_EDITOR} and created.must_change_password


# ---- accounts: edit, lock, unlock, reset (row picked through the table's selection state) ------------------


def pick_account(at, username: str):  # noqa: ANN001, ANN201
    """Select the table row of `username`, as a click on the row would, and rerun."""
    names = list(at.dataframe(key="acc-table").value["Tên đăng nhập"])
    at.session_state["acc-table"] = {"selection": {"rows": [names.index(username)], "columns": []}}
    return at.run()


def test_lock_then_unlock_an_account(demo_db: sa.Engine) -> None:
    at = pick_account(page(ACCOUNTS_PAGE, demo_db, "quantri").run(), "capnhat.sxd")
    no_exception(at)
    assert "Võ Thị Mai · capnhat.sxd" in values(at.subheader)

    one(at.button, "Thực hiện").click().run()  # no reason
    assert vi.ACC_REASON_REQUIRED in values(at.error)
    assert account(demo_db, "capnhat.sxd").status == AccountStatus.ACTIVE

    one(at.text_input, "Lý do").input("Nghỉ phép dài ngày")
    one(at.button, "Thực hiện").click().run()
    no_exception(at)
    assert vi.ACC_LOCKED in values(at.success)
    locked = account(demo_db, "capnhat.sxd")
    assert locked.status == AccountStatus.LOCKED

    one(at.button, "Mở khóa / kích hoạt lại tài khoản").click().run()
    no_exception(at)
    assert vi.ACC_UNLOCKED in values(at.success)
    assert account(demo_db, "capnhat.sxd").status == AccountStatus.ACTIVE


def test_an_administrator_cannot_lock_oneself(demo_db: sa.Engine) -> None:
    at = pick_account(page(ACCOUNTS_PAGE, demo_db, "quantri").run(), "quantri")
    one(at.text_input, "Lý do").input("Thử")
    one(at.button, "Thực hiện").click().run()

    assert vi.ACC_NOT_SELF in values(at.error)
    assert account(demo_db, "quantri").status == AccountStatus.ACTIVE


def test_edit_an_account(demo_db: sa.Engine) -> None:
    at = pick_account(page(ACCOUNTS_PAGE, demo_db, "quantri.sxd").run(), "tracuu.sxd")
    one(at.text_input, "Họ và tên").input("Huỳnh Văn Lộc Mới")
    roles = one(at.multiselect, "Vai trò")
    roles.set_value([Role.UNIT_VIEWER, Role.UNIT_EDITOR])
    one(at.button, "Lưu thay đổi").click().run()

    no_exception(at)
    assert vi.ACC_SAVED in values(at.success)
    saved = account(demo_db, "tracuu.sxd")
    assert saved.full_name == "Huỳnh Văn Lộc Mới" and saved.roles == {Role.UNIT_VIEWER, Role.UNIT_EDITOR}


def test_reset_a_password(demo_db: sa.Engine) -> None:
    at = pick_account(page(ACCOUNTS_PAGE, demo_db, "quantri").run(), "capnhat.laplvo")
    new_password = "CapLai#2026x"
    at.text_input(key=f"mk-{account(demo_db, 'capnhat.laplvo').id}").input(new_password)
    one(at.button, "Cấp lại mật khẩu").click().run()

    no_exception(at)
    assert vi.ACC_PASSWORD_RESET in values(at.success)
    reset = account(demo_db, "capnhat.laplvo")
    assert reset.must_change_password and passwords.check_password(new_password, reset.password_hash)


def test_par_admin_creates_and_resets_only_par_accounts(demo_db: sa.Engine, unit_ids: dict[str, int]) -> None:
    """Seed 004 art. 6.2, 9.1 (issue 8, item 4): the page offers the PAR roles, the PAR accounts, and for a picked
    account only the password reset."""
    at = page(ACCOUNTS_PAGE, demo_db, "cchc.snv").run()
    no_exception(at)
    assert set(one(at.multiselect, "Vai trò *").options) == {Role.PAR_ASSESSOR.label, Role.PAR_COUNCIL.label}
    assert set(at.dataframe[0].value["Tên đăng nhập"]) == {"tgv.snv", "hoidong.snv"}

    fill_new_account(at, username="hoidong.stc", full_name="Phan Văn Hội", unit_id=unit_ids["STC"],
                     roles=[Role.PAR_COUNCIL])
    one(at.button, "Tạo tài khoản").click().run()
    no_exception(at)
    assert vi.ACC_CREATED.format(username="hoidong.stc") in values(at.success)
    assert account(demo_db, "hoidong.stc").roles == {Role.PAR_COUNCIL}

    at = pick_account(page(ACCOUNTS_PAGE, demo_db, "cchc.snv").run(), "tgv.snv")
    assert {t.label for t in at.tabs} == {"Danh sách tài khoản", "Tạo tài khoản mới", "Cấp lại mật khẩu"}
    assert not [b for b in at.button if b.label in ("Lưu thay đổi", "Thực hiện", "Mở khóa / kích hoạt lại tài khoản")]
    at.text_input(key=f"mk-{account(demo_db, 'tgv.snv').id}").input("CapLai#Cchc2026")
    one(at.button, "Cấp lại mật khẩu").click().run()
    no_exception(at)
    assert vi.ACC_PASSWORD_RESET in values(at.success)
    assert passwords.check_password("CapLai#Cchc2026", account(demo_db, "tgv.snv").password_hash)


# ---- units --------------------------------------------------------------------------------------------------


def test_system_admin_adds_a_unit(demo_db: sa.Engine, unit_ids: dict[str, int]) -> None:
    at = page(UNITS_PAGE, demo_db, "quantri").run()
    no_exception(at)
    rows_before = len(at.dataframe[0].value)
    assert one(at.expander, "Thêm đơn vị mới")

    one(at.text_input, "Mã đơn vị *").input("sngv")
    one(at.text_input, "Tên đơn vị *").input("Sở Ngoại vụ")
    at.text_input(key="them-qd").input("Quyết định số 9/QĐ-UBND ngày 02/01/2026")
    assert at.selectbox(key="them-cha").value == unit_ids["UBND"]
    one(at.button, "Thêm đơn vị").click().run()

    no_exception(at)
    assert "Đã thêm đơn vị «Sở Ngoại vụ»." in values(at.success)
    with session_scope(demo_db) as s:
        unit = s.scalar(sa.select(Unit).where(Unit.code == "SNGV"))
        assert unit is not None and unit.name == "Sở Ngoại vụ" and unit.parent_id == unit_ids["UBND"]
        assert unit.status == UnitStatus.ACTIVE
    table = at.dataframe[0].value
    assert len(table) == rows_before + 1 and "SNGV" in list(table["Mã"])


def test_a_unit_code_already_used_is_refused(demo_db: sa.Engine) -> None:
    before = count(demo_db, Unit)
    at = page(UNITS_PAGE, demo_db, "quantri").run()
    one(at.text_input, "Mã đơn vị *").input("SXD")
    one(at.text_input, "Tên đơn vị *").input("Sở Xây dựng 2")
    one(at.button, "Thêm đơn vị").click().run()

    refusal = vi.UNIT_CODE_TAKEN.format(code="SXD")
    assert values(at.error) == [refusal, refusal]
    assert count(demo_db, Unit) == before
    # Issue 8 item 12: right under the code it is about, and right under the button that was pressed.
    elements = leaves(at.main)
    code_box = next(i for i, e in enumerate(elements) if getattr(e, "label", None) == "Mã đơn vị *")
    button = next(i for i, e in enumerate(elements) if getattr(e, "label", None) == "Thêm đơn vị")
    assert (elements[code_box + 1].type, elements[code_box + 1].value) == ("error", refusal)
    assert (elements[button + 1].type, elements[button + 1].value) == ("error", refusal)


@pytest.mark.parametrize("username", ["capnhat.sxd", "quantri.sxd", "lanhdao"])
def test_others_see_the_tree_but_cannot_change_it(demo_db: sa.Engine, unit_ids: dict[str, int],
                                                   username: str) -> None:
    at = page(UNITS_PAGE, demo_db, username).run()
    no_exception(at)
    table = at.dataframe[0].value
    assert len(table) == count(demo_db, Unit) and {"SXD", "STC", "X-LAPVO"} <= set(table["Mã"])
    assert not [e for e in at.expander if e.label == "Thêm đơn vị mới"]
    assert not [b for b in at.button if b.label == "Thêm đơn vị"]

    codes = list(table["Mã"])
    at.session_state["dv-table"] = {"selection": {"rows": [codes.index("SXD")], "columns": []}}
    at.run()
    no_exception(at)
    assert "Sở Xây dựng (SXD)" in values(at.subheader)  # the history is shown…
    assert not [b for b in at.button if b.label in {"Đổi tên", "Chuyển", "Sáp nhập", "Giải thể", "Lưu"}]  # …no edits


def test_system_admin_renames_a_unit(demo_db: sa.Engine, unit_ids: dict[str, int]) -> None:
    at = page(UNITS_PAGE, demo_db, "quantri").run()
    codes = list(at.dataframe[0].value["Mã"])
    at.session_state["dv-table"] = {"selection": {"rows": [codes.index("SXD")], "columns": []}}
    at.run()
    one(at.text_input, "Tên mới").input("Sở Xây dựng và Giao thông")
    at.text_input(key=f"dt-{unit_ids['SXD']}-qd").input("Quyết định số 10/QĐ-UBND")
    one(at.button, "Đổi tên").click().run()

    no_exception(at)
    assert any("Sở Xây dựng và Giao thông" in s for s in values(at.success))
    with session_scope(demo_db) as s:
        assert s.get(Unit, unit_ids["SXD"]).name == "Sở Xây dựng và Giao thông"


# ---- settings and the maintenance notice --------------------------------------------------------------------

NOTICE = "Hệ thống tạm dừng từ 17:00 đến 18:00 ngày 25/11/2026 để nâng cấp."


def test_number_settings_are_narrow_boxes_beside_their_label(demo_db: sa.Engine) -> None:
    """A number needs no box across the whole page: each sits in a narrow column, its label written beside it."""
    at = page(SETTINGS_PAGE, demo_db, "quantri").run()
    no_exception(at)
    numbers = {n.label for n in at.number_input}
    assert numbers == {d.label for d in settings.DEFINITIONS if d.kind == "int"}
    narrow = {leaf.label for col in at.columns if col.weight <= 0.25 for leaf in leaves(col)
              if leaf.type == "number_input"}
    assert narrow == numbers
    shown = values(at.markdown)
    assert all(label in shown for label in numbers)
    assert "0 = không bắt buộc đổi định kỳ." in values(at.caption)


def test_settings_are_saved_and_the_maintenance_notice_reaches_everyone(demo_db: sa.Engine) -> None:
    at = page(SETTINGS_PAGE, demo_db, "quantri").run()
    no_exception(at)
    one(at.number_input, "Số lần đăng nhập sai liên tiếp trước khi tạm khóa tài khoản").set_value(7)
    one(at.toggle, "Hiển thị thông báo bảo trì").set_value(True)
    one(at.text_area, "Nội dung thông báo bảo trì").input(NOTICE)
    one(at.button, "Lưu tham số").click().run()

    no_exception(at)
    assert any(s.startswith("Đã lưu tham số.") for s in values(at.success))
    with session_scope(demo_db) as s:
        assert settings.get(s, "max_failed_logins") == 7
        assert settings.get(s, "maintenance_active") is True
        assert settings.get(s, "maintenance_message") == NOTICE
    # The form shows the saved values after the rerun.
    assert one(at.number_input, "Số lần đăng nhập sai liên tiếp trước khi tạm khóa tài khoản").value == 7

    # Not logged in: the log-in page carries the notice.
    visitor = app().run()
    no_exception(visitor)
    assert {w.label for w in visitor.text_input} == {vi.LOGIN_USERNAME, vi.LOGIN_PASSWORD}
    assert any(NOTICE in w for w in values(visitor.warning))
    # Any logged-in user sees it too.
    viewer = app(demo_db, "tracuu.sxd").run()
    assert values(viewer.title) == ["Xin chào, Huỳnh Văn Lộc"]
    assert any(NOTICE in w for w in values(viewer.warning))

    # The new lockout limit is what the log-in form counts against.
    one(visitor.text_input, vi.LOGIN_USERNAME).input("tracuu.sxd")
    one(visitor.text_input, vi.LOGIN_PASSWORD).input("sai-mat-khau")
    one(visitor.button, vi.LOGIN_BUTTON).click().run()
    assert vi.LOGIN_FAILED.format(limit=7, minutes=15) in values(visitor.error)


def test_switching_the_notice_off_hides_it(demo_db: sa.Engine, actors: dict) -> None:
    with session_scope(demo_db) as s:
        settings.update(s, actors["quantri"], {"maintenance_active": True, "maintenance_message": NOTICE})
    assert any(NOTICE in w for w in values(app().run().warning))

    at = page(SETTINGS_PAGE, demo_db, "quantri").run()
    one(at.toggle, "Hiển thị thông báo bảo trì").set_value(False)
    one(at.button, "Lưu tham số").click().run()
    no_exception(at)

    assert not any(NOTICE in w for w in values(app().run().warning))


# ---- calendar ---------------------------------------------------------------------------------------------


def a_national_working_day(year: int) -> date:
    national = WorkCalendar()
    day = date(year, 1, 6)
    while not national.is_working_day(day):
        day += timedelta(days=1)
    return day


def test_add_a_day_off_with_its_basis_then_withdraw_it(demo_db: sa.Engine) -> None:
    day = a_national_working_day(local_today().year)
    note = "Công văn số 123/UBND-VP cho nghỉ bù"
    at = page(CALENDAR_PAGE, demo_db, "quantri").run()
    no_exception(at)
    assert "Chưa có điều chỉnh nào trong năm này." in values(at.markdown)

    at.date_input(key="dc-ngay").set_value(day)
    one(at.text_input, "Căn cứ").input(note)
    one(at.button, "Thêm").click().run()

    no_exception(at)
    assert f"Đã thêm điều chỉnh ngày {fmt_date(day)}." in values(at.success)
    listed = f"**{fmt_date(day)}** ({weekday_vi(day)}) — {CalendarOverrideKind.DAY_OFF.label}: {note}"
    assert listed in values(at.markdown)
    with session_scope(demo_db) as s:
        row = s.scalar(sa.select(CalendarOverride).where(CalendarOverride.day == day))
        assert row.kind == CalendarOverrideKind.DAY_OFF and row.active and row.note == note

    one(at.button, "Thu hồi").click().run()
    no_exception(at)
    assert f"Đã thu hồi điều chỉnh ngày {fmt_date(day)}." in values(at.success)
    assert listed not in values(at.markdown)
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(CalendarOverride.active).where(CalendarOverride.day == day)) is False


def test_a_calendar_override_without_its_basis_is_refused(demo_db: sa.Engine) -> None:
    at = page(CALENDAR_PAGE, demo_db, "quantri").run()
    at.date_input(key="dc-ngay").set_value(a_national_working_day(local_today().year))
    one(at.button, "Thêm").click().run()

    no_exception(at)
    assert vi.CAL_NOTE_REQUIRED in values(at.error)
    assert count(demo_db, CalendarOverride) == 0


# ---- profile: one's own password -------------------------------------------------------------------------


def fill_password_change(at, old: str, new: str, confirm: str) -> None:  # noqa: ANN001
    one(at.text_input, "Mật khẩu hiện tại").input(old)
    one(at.text_input, "Mật khẩu mới").input(new)
    one(at.text_input, "Nhập lại mật khẩu mới").input(confirm)
    one(at.button, "Đổi mật khẩu").click().run()


def test_the_profile_lists_ones_details_without_an_empty_header_row(demo_db: sa.Engine) -> None:
    at = page(PROFILE_PAGE, demo_db, "capnhat.sxd").run()
    no_exception(at)
    [details] = at.table
    assert details.proto.hide_header  # (a Markdown table always has a header: it was an empty bar)
    rows = dict(zip(details.value.iloc[:, 0], details.value.iloc[:, 1]))
    assert rows["Họ và tên"] == "Võ Thị Mai" and rows["Tên đăng nhập"] == "capnhat.sxd"
    assert rows["Đơn vị"] == "Sở Xây dựng" and rows["Vai trò"] == "Cán bộ cập nhật"
    assert not [m for m in values(at.markdown) if "| |" in m]


def test_change_own_password(demo_db: sa.Engine) -> None:
    at = page(PROFILE_PAGE, demo_db, "capnhat.sxd").run()
    no_exception(at)
    before = account(demo_db, "capnhat.sxd")
    old_token = at.session_state["login_token"]

    fill_password_change(at, "khong-dung", "Moi#Matkhau26", "Moi#Matkhau26")
    assert vi.PW_OLD_WRONG in values(at.error)
    fill_password_change(at, demo.DEMO_PASSWORD, "Moi#Matkhau26", "Moi#Matkhau27")
    assert vi.PW_MISMATCH in values(at.error)
    fill_password_change(at, demo.DEMO_PASSWORD, "ngan", "ngan")
    assert any(vi.PW_TOO_SHORT.format(n=8) in e for e in values(at.error))
    assert account(demo_db, "capnhat.sxd").password_hash == before.password_hash

    fill_password_change(at, demo.DEMO_PASSWORD, "Moi#Matkhau26", "Moi#Matkhau26")
    no_exception(at)
    assert vi.PW_CHANGED in values(at.success)
    assert not at.error
    after = account(demo_db, "capnhat.sxd")
    assert passwords.check_password("Moi#Matkhau26", after.password_hash)
    assert after.credential_version == before.credential_version + 1
    # Every earlier log-in ended; this session goes on with a new log-in record, on the next rerun too.
    with session_scope(demo_db) as s:
        assert auth.actor_for_session(s, at.session_state["login_token"]).username == "capnhat.sxd"
        assert auth.actor_for_session(s, old_token) is None
    at.run()
    assert values(at.title) == ["Tài khoản của tôi"]


def test_first_login_password_change_lifts_the_restriction(demo_db: sa.Engine) -> None:
    with session_scope(demo_db) as s:
        s.execute(sa.update(Account).where(Account.username == "tgv.snv").values(must_change_password=True))
    at = app(demo_db, "tgv.snv").run()
    assert vi.PW_FIRST_LOGIN in values(at.warning)

    fill_password_change(at, demo.DEMO_PASSWORD, "DoiLan#Dau2026", "DoiLan#Dau2026")
    no_exception(at)
    assert account(demo_db, "tgv.snv").must_change_password is False
    at.run()
    assert values(at.title) == ["Xin chào, Lý Ngọc Hân"]


# ---- audit and backup -----------------------------------------------------------------------------------


def test_audit_page_lists_actions_and_filters_by_action(demo_db: sa.Engine) -> None:
    with session_scope(demo_db) as s:
        for _ in range(3):
            auth.verify_login(s, "tracuu.sxd", "sai")
        auth.verify_login(s, "tracuu.sxd", demo.DEMO_PASSWORD)
    at = page(ACCOUNTS_PAGE, demo_db, "quantri").run()  # and one change made through a page
    at = pick_account(at, "capnhat.sxd")
    one(at.text_input, "Lý do").input("Kiểm tra nhật ký")
    one(at.button, "Thực hiện").click().run()

    log = page(AUDIT_PAGE, demo_db, "quantri").run()
    no_exception(log)
    table = log.dataframe[0].value
    assert len(table) == count(demo_db, AuditLog) >= 6
    assert {AuditAction.LOGIN_FAILED.label, AuditAction.LOGIN.label, AuditAction.UPDATE.label} <= set(table["Thao tác"])
    assert f"{len(table)} dòng nhật ký · 1 trang" in values(log.caption)

    log.selectbox(key="nk-tt").set_value(AuditAction.LOGIN_FAILED).run()
    no_exception(log)
    failed = log.dataframe[0].value
    assert list(failed["Thao tác"]) == [AuditAction.LOGIN_FAILED.label] * 3
    assert set(failed["Người thực hiện"]) == {"tracuu.sxd"}

    log.selectbox(key="nk-tt").set_value(AuditAction.UPDATE).run()
    updates = log.dataframe[0].value.to_dict("records")
    assert len(updates) == 1
    assert updates[0]["Thao tác"] == AuditAction.UPDATE.label and updates[0]["Mô tả"] == "capnhat.sxd"
    assert updates[0]["Người thực hiện"] == "Trần Minh Quân"
    # Field names and values in Vietnamese, never the raw keys and enum values.
    assert "Trạng thái: Đang hoạt động → Đã khóa" in updates[0]["Nội dung thay đổi"]
    assert "Lý do (khóa, ngừng sử dụng): (trống) → Kiểm tra nhật ký" in updates[0]["Nội dung thay đổi"]
    assert "status" not in updates[0]["Nội dung thay đổi"]

    log.selectbox(key="nk-tt").set_value(None).run()
    log.text_input(key="nk-nguoi").input("khong co ai ten nay").run()
    assert len(log.dataframe[0].value) == 0


def test_backup_page_offers_the_download(demo_db: sa.Engine) -> None:
    at = page(BACKUP_PAGE, demo_db, "quantri").run()
    no_exception(at)
    assert not at.get("download_button")

    one(at.button, "Tạo bản sao lưu").click().run()

    no_exception(at)
    assert any(s.startswith("Đã sao lưu ") for s in values(at.success))
    downloads = at.get("download_button")
    assert [d.label for d in downloads] == ["Tải bản sao lưu"]
    assert at.session_state["sl-ten"].startswith("dondoc-saoluu-") and at.session_state["sl-ten"].endswith(".zip")
    assert at.session_state["sl-tep"][:2] == b"PK"  # a zip file
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(AuditLog)
                        .where(AuditLog.action == AuditAction.BACKUP)) == 1


def test_texts_helper_sees_the_page(demo_db: sa.Engine) -> None:
    # A sanity check of the shared helper the other app tests rely on.
    assert "Sao lưu dữ liệu" in texts(page(BACKUP_PAGE, demo_db, "quantri").run())
