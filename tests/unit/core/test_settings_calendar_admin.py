"""Administrator settings and the province's working-day overrides."""
from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from lib.core import vi
from lib.core.db import session_scope
from lib.core.enums import CalendarOverrideKind, Role
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.core.models import CalendarOverride, Setting
from lib.core.services import calendar_admin, settings
from tests.unit.core_helpers import count, counts

DAY_OFF = CalendarOverrideKind.DAY_OFF
WORKING = CalendarOverrideKind.WORKING_DAY
TUESDAY = date(2026, 3, 10)     # an ordinary working Tuesday
SATURDAY = date(2026, 3, 14)    # an ordinary Saturday


def _all(engine) -> dict:  # noqa: ANN001
    with session_scope(engine) as s:
        return settings.all_settings(s)


def _update(engine, actor, values: dict) -> dict:  # noqa: ANN001
    with session_scope(engine) as s:
        return settings.update(s, actor, values)


# --------------------------------------------------------------------------- settings

def test_defaults(engine):
    values = _all(engine)
    core = {
        "password_min_length": 8, "password_min_score": 3, "password_max_age_days": 90, "max_failed_logins": 5,
        "upload_max_mb": 20, "due_soon_working_days": 3, "province_name": "Tỉnh Đồng Tháp",
        "maintenance_active": False, "maintenance_message": "",
    }
    assert {k: values[k] for k in core} == core  # modules may add settings of their own
    with session_scope(engine) as s:
        assert settings.get(s, "max_failed_logins") == 5
        assert settings.maintenance_notice(s) is None
    assert count(engine, Setting) == 0  # defaults live in the code, not in rows


def test_update_saves_and_reads_back(demo_db, actors):
    result = _update(demo_db, actors["quantri"], {"upload_max_mb": "15", "max_failed_logins": 3,
                                                  "province_name": "  Tỉnh Vĩnh Long "})
    assert result["upload_max_mb"] == 15 and result["max_failed_logins"] == 3
    assert result["province_name"] == "Tỉnh Vĩnh Long"
    with session_scope(demo_db) as s:
        assert settings.get(s, "upload_max_mb") == 15
        row = s.get(Setting, "upload_max_mb")
        assert row.updated_by_id == actors["quantri"].id
    # saving the same value again writes nothing
    n = count(demo_db, Setting)
    before = counts(demo_db)
    _update(demo_db, actors["quantri"], {"upload_max_mb": 15})
    assert count(demo_db, Setting) == n and counts(demo_db) == before


@pytest.mark.parametrize(("key", "value", "label", "lo", "hi"), [
    ("max_failed_logins", 2, "Số lần đăng nhập sai liên tiếp", 3, 20),
    ("max_failed_logins", 21, "Số lần đăng nhập sai liên tiếp", 3, 20),
    ("password_min_length", 7, "Độ dài tối thiểu của mật khẩu", 8, 64),
    ("password_min_score", 2, "Độ mạnh tối thiểu của mật khẩu", 3, 4),
    ("password_min_score", 5, "Độ mạnh tối thiểu của mật khẩu", 3, 4),
    ("password_max_age_days", -1, "Chu kỳ bắt buộc đổi mật khẩu", 0, 730),
    ("upload_max_mb", 0, "Dung lượng tối đa của một tệp đính kèm", 1, 200),
    ("upload_max_mb", 201, "Dung lượng tối đa của một tệp đính kèm", 1, 200),
    ("due_soon_working_days", 31, "sắp đến hạn", 0, 30),
    ("upload_max_mb", "mười", "Dung lượng tối đa của một tệp đính kèm", 1, 200),
], ids=["logins-low", "logins-high", "pw-length", "pw-score-low", "pw-score-high", "max-age-negative", "upload-zero", "upload-high",
        "due-soon", "not-a-number"])
def test_update_out_of_range_saves_nothing(demo_db, actors, key, value, label, lo, hi):
    before = counts(demo_db)
    # a valid value in the same form is not saved either: all or nothing
    with pytest.raises(ValidationError) as err, session_scope(demo_db) as s:
        settings.update(s, actors["quantri"], {"province_name": "Tỉnh Khác", key: value})
    message = str(err.value)
    assert label in message
    assert f"phải từ {lo} đến {hi}" in message
    assert err.value.field == key
    assert counts(demo_db) == before
    assert _all(demo_db)["province_name"] == "Tỉnh Đồng Tháp"


def test_unknown_setting_refused(demo_db, actors):
    with pytest.raises(ValidationError) as err, session_scope(demo_db) as s:
        settings.update(s, actors["quantri"], {"khong_co": 1})
    assert str(err.value) == vi.SET_UNKNOWN.format(key="khong_co")


@pytest.mark.parametrize("existing", [False, True], ids=["both-create", "both-update"])
def test_two_administrators_saving_the_same_setting_at_once(demo_db, actors, existing):
    """The second administrator read the settings before the first saved: a Vietnamese conflict message, not a
    database error, and the first one's value stays (issue 8 item 9)."""
    key = "due_soon_working_days"
    if existing:
        _update(demo_db, actors["quantri"], {key: 4})
    with session_scope(demo_db) as s:
        assert (s.get(Setting, key) is not None) is existing
    other = actors["quantri"]

    def the_other_saves_first(*_args) -> None:  # noqa: ANN002
        _update(demo_db, other, {key: 5})

    with pytest.raises(ConflictError) as err, session_scope(demo_db) as s:
        sa.event.listen(s, "before_flush", the_other_saves_first, once=True)
        settings.update(s, actors["quantri"], {key: 6})
    assert str(err.value) == vi.SET_CONFLICT
    assert _all(demo_db)[key] == 5


@pytest.mark.parametrize("username", ["quantri.sxd", "lanhdao", "capnhat.sxd", "cchc.snv"])
def test_settings_update_refused_for_non_admin(demo_db, actors, username):
    before = counts(demo_db)
    with pytest.raises(PermissionDenied) as err, session_scope(demo_db) as s:
        settings.update(s, actors[username], {"upload_max_mb": 5})
    assert str(err.value) == vi.ERR_NO_PERMISSION
    assert counts(demo_db) == before


@pytest.mark.parametrize(("active", "message", "shown"), [
    (True, "Hệ thống bảo trì từ 17:00 ngày 20/3/2026.", "Hệ thống bảo trì từ 17:00 ngày 20/3/2026."),
    (False, "Hệ thống bảo trì từ 17:00 ngày 20/3/2026.", None),
    (True, "   ", None),
], ids=["on", "off", "on-but-empty"])
def test_maintenance_notice(demo_db, actors, active, message, shown):
    _update(demo_db, actors["quantri"], {"maintenance_active": active, "maintenance_message": message})
    with session_scope(demo_db) as s:
        assert settings.maintenance_notice(s) == shown


def test_maintenance_notice_switched_off_again(demo_db, actors):
    _update(demo_db, actors["quantri"], {"maintenance_active": True, "maintenance_message": "Bảo trì tối nay."})
    with session_scope(demo_db) as s:
        assert settings.maintenance_notice(s) == "Bảo trì tối nay."
    _update(demo_db, actors["quantri"], {"maintenance_active": False})
    with session_scope(demo_db) as s:
        assert settings.maintenance_notice(s) is None
        assert settings.get(s, "maintenance_message") == "Bảo trì tối nay."


# --------------------------------------------------------------------------- calendar overrides

def _add(engine, actor, day: date, kind: CalendarOverrideKind, note: str = "Quyết định số 12/QĐ-UBND") -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return calendar_admin.add_override(s, actor, day, kind, note)


def _cal(engine):  # noqa: ANN001, ANN202
    with session_scope(engine) as s:
        return calendar_admin.work_calendar(s)


def test_day_off_on_working_weekday(demo_db, actors):
    assert _cal(demo_db).is_working_day(TUESDAY)
    assert _cal(demo_db).add_working_days(date(2026, 3, 9), 1) == TUESDAY
    _add(demo_db, actors["quantri"], TUESDAY, DAY_OFF, "Nghỉ bù theo Quyết định số 12/QĐ-UBND")
    cal = _cal(demo_db)
    assert not cal.is_working_day(TUESDAY)
    assert cal.add_working_days(date(2026, 3, 9), 1) == date(2026, 3, 11)  # deadlines shift past the day off
    assert cal.add_working_days(date(2026, 3, 9), 5) == date(2026, 3, 17)
    assert cal.working_days_between(date(2026, 3, 9), date(2026, 3, 13)) == 3
    with session_scope(demo_db) as s:
        [row] = calendar_admin.list_overrides(s, 2026)
    assert (row.day, row.kind, row.note, row.active) == (TUESDAY, DAY_OFF, "Nghỉ bù theo Quyết định số 12/QĐ-UBND",
                                                          True)


def test_working_day_on_saturday(demo_db, actors):
    assert not _cal(demo_db).is_working_day(SATURDAY)
    assert _cal(demo_db).add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)
    _add(demo_db, actors["quantri"], SATURDAY, WORKING, "Làm bù cho ngày nghỉ 10/3")
    cal = _cal(demo_db)
    assert cal.is_working_day(SATURDAY)
    assert cal.add_working_days(date(2026, 3, 13), 1) == SATURDAY


def test_duplicate_refused(demo_db, actors):
    _add(demo_db, actors["quantri"], TUESDAY, DAY_OFF)
    before = counts(demo_db), count(demo_db, CalendarOverride)
    with pytest.raises(ConflictError) as err, session_scope(demo_db) as s:
        calendar_admin.add_override(s, actors["quantri"], TUESDAY, DAY_OFF, "Lần hai")
    assert str(err.value) == vi.CAL_DUPLICATE.format(day="10/03/2026", kind=DAY_OFF.label)
    assert (counts(demo_db), count(demo_db, CalendarOverride)) == before


def test_duplicate_saturday_refused(demo_db, actors):
    _add(demo_db, actors["quantri"], SATURDAY, WORKING)
    with pytest.raises(ConflictError) as err, session_scope(demo_db) as s:
        calendar_admin.add_override(s, actors["quantri"], SATURDAY, WORKING, "Lần hai")
    assert "14/03/2026" in str(err.value) and WORKING.label in str(err.value)
    assert count(demo_db, CalendarOverride) == 1


@pytest.mark.parametrize("note", ["", "   ", None], ids=["empty", "blank", "none"])
def test_note_required(demo_db, actors, note):
    with pytest.raises(ValidationError) as err, session_scope(demo_db) as s:
        calendar_admin.add_override(s, actors["quantri"], TUESDAY, DAY_OFF, note)
    assert str(err.value) == vi.CAL_NOTE_REQUIRED
    assert count(demo_db, CalendarOverride) == 0


@pytest.mark.parametrize(("day", "kind", "message"), [
    (date(2026, 9, 2), DAY_OFF, vi.CAL_ALREADY_OFF.format(day="02/09/2026")),      # Quốc khánh
    (date(2026, 5, 1), DAY_OFF, vi.CAL_ALREADY_OFF.format(day="01/05/2026")),      # Quốc tế Lao động
    (date(2026, 3, 15), DAY_OFF, vi.CAL_ALREADY_OFF.format(day="15/03/2026")),     # a Sunday
    (TUESDAY, WORKING, vi.CAL_ALREADY_WORKING.format(day="10/03/2026")),
], ids=["2-9", "1-5", "sunday", "already-working"])
def test_override_that_changes_nothing_refused(demo_db, actors, day, kind, message):
    before = counts(demo_db)
    with pytest.raises(ValidationError) as err, session_scope(demo_db) as s:
        calendar_admin.add_override(s, actors["quantri"], day, kind, "Không cần")
    assert str(err.value) == message
    assert counts(demo_db) == before and count(demo_db, CalendarOverride) == 0


def test_withdraw_restores(demo_db, actors):
    row_id = _add(demo_db, actors["quantri"], TUESDAY, DAY_OFF)
    assert not _cal(demo_db).is_working_day(TUESDAY)
    with session_scope(demo_db) as s:
        calendar_admin.withdraw_override(s, actors["quantri"], row_id)
    cal = _cal(demo_db)
    assert cal.is_working_day(TUESDAY)
    assert cal.add_working_days(date(2026, 3, 9), 1) == TUESDAY
    with session_scope(demo_db) as s:
        assert calendar_admin.list_overrides(s, 2026) == []
        [kept] = calendar_admin.list_overrides(s, 2026, include_withdrawn=True)  # withdrawn, not deleted
    assert kept.id == row_id and kept.active is False
    # withdrawing twice is refused
    with pytest.raises(NotFound), session_scope(demo_db) as s:
        calendar_admin.withdraw_override(s, actors["quantri"], row_id)


def test_withdrawn_day_can_be_added_again(demo_db, actors):
    row_id = _add(demo_db, actors["quantri"], SATURDAY, WORKING)
    with session_scope(demo_db) as s:
        calendar_admin.withdraw_override(s, actors["quantri"], row_id)
    again = _add(demo_db, actors["quantri"], SATURDAY, WORKING, "Làm bù lần hai")
    assert again == row_id
    assert _cal(demo_db).is_working_day(SATURDAY)
    with session_scope(demo_db) as s:
        [row] = calendar_admin.list_overrides(s, 2026)
    assert row.note == "Làm bù lần hai"


@pytest.mark.parametrize("username", ["quantri.sxd", "lanhdao", "chuyenvien.vp", "capnhat.sxd"])
def test_calendar_refused_for_non_admin(demo_db, actors, username):
    row_id = _add(demo_db, actors["quantri"], TUESDAY, DAY_OFF)
    before = counts(demo_db), count(demo_db, CalendarOverride)
    with pytest.raises(PermissionDenied) as err, session_scope(demo_db) as s:
        calendar_admin.add_override(s, actors[username], SATURDAY, WORKING, "Làm bù")
    assert str(err.value) == vi.ERR_NO_PERMISSION
    with pytest.raises(PermissionDenied), session_scope(demo_db) as s:
        calendar_admin.withdraw_override(s, actors[username], row_id)
    assert (counts(demo_db), count(demo_db, CalendarOverride)) == before
    assert not _cal(demo_db).is_working_day(TUESDAY)
    assert Role.SYSTEM_ADMIN not in actors[username].roles


def test_work_calendar_reads_only_active_overrides(demo_db, actors):
    _add(demo_db, actors["quantri"], TUESDAY, DAY_OFF)
    with session_scope(demo_db) as s:
        s.execute(sa.update(CalendarOverride).values(active=False))
    assert _cal(demo_db).is_working_day(TUESDAY)
