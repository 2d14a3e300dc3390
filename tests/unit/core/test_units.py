"""The organisation tree and its history: create, rename, move, merge, dissolve (seed 000 art. 4.2; 2025 reform)."""
from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from lib.core import vi
from lib.core.access import data_scope, subtree_ids
from lib.core.db import session_scope
from lib.core.enums import AccountStatus, AuditAction, Role, UnitEventKind, UnitKind, UnitStatus
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.core.models import Account, AuditLog, Unit, UnitEvent
from lib.core.services import accounts, units
from tests.unit.core_helpers import audit_since, counts, max_audit_id

DAY = date(2026, 1, 1)


def _unit(engine, unit_id: int) -> Unit:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.get(Unit, unit_id)


def _version(engine, unit_id: int) -> int:  # noqa: ANN001
    return _unit(engine, unit_id).version


def _refused(engine, exc_type, call):  # noqa: ANN001, ANN202
    before = counts(engine)
    with pytest.raises(exc_type) as err, session_scope(engine) as s:
        call(s)
    assert counts(engine) == before, "a refused request must not write anything"
    return err.value


def _account_units(engine, *usernames: str) -> dict[str, int]:  # noqa: ANN001
    with session_scope(engine) as s:
        return dict(s.execute(sa.select(Account.username, Account.unit_id).where(Account.username.in_(usernames))).tuples().all())


def _events(engine, unit_id: int) -> list[UnitEvent]:  # noqa: ANN001
    with session_scope(engine) as s:
        return units.history(s, unit_id)


# --------------------------------------------------------------------------- create

def test_create_unit(demo_db, actors, unit_ids):
    with session_scope(demo_db) as s:
        new_id = units.create_unit(s, actors["quantri"], code=" sxd-qlcl ", name="Phòng Quản lý chất lượng",
                                   kind=UnitKind.SUB_UNIT, parent_id=unit_ids["SXD"], founded_on=DAY,
                                   decision="Quyết định số 1/QĐ-SXD")
    created = _unit(demo_db, new_id)
    assert created.code == "SXD-QLCL" and created.parent_id == unit_ids["SXD"]
    assert created.status == UnitStatus.ACTIVE
    [event] = _events(demo_db, new_id)
    assert event.kind == UnitEventKind.FOUNDED and event.new_name == "Phòng Quản lý chất lượng"
    assert event.decision == "Quyết định số 1/QĐ-SXD" and event.created_by_id == actors["quantri"].id
    with session_scope(demo_db) as s:  # the unit admin of SXD now sees the new sub-unit
        assert data_scope(s, actors["quantri.sxd"]).contains(new_id)


@pytest.mark.parametrize(("code", "expected_exc", "message"), [
    ("X", ValidationError, vi.UNIT_CODE_INVALID),
    ("SỞ-XD", ValidationError, vi.UNIT_CODE_INVALID),
    ("CO KHOANG", ValidationError, vi.UNIT_CODE_INVALID),
    ("A" * 31, ValidationError, vi.UNIT_CODE_INVALID),
    ("", ValidationError, vi.UNIT_CODE_INVALID),
    ("SXD", ConflictError, vi.UNIT_CODE_TAKEN.format(code="SXD")),
    ("sxd", ConflictError, vi.UNIT_CODE_TAKEN.format(code="SXD")),
    ("SKHDT", ConflictError, vi.UNIT_CODE_TAKEN.format(code="SKHDT")),  # a merged unit keeps its code
], ids=["one-char", "diacritics", "space", "too-long", "empty", "duplicate", "duplicate-lower", "merged-code"])
def test_create_unit_code_rules(demo_db, actors, unit_ids, code, expected_exc, message):
    error = _refused(demo_db, expected_exc, lambda s: units.create_unit(
        s, actors["quantri"], code=code, name="Đơn vị thử", kind=UnitKind.DEPARTMENT, parent_id=unit_ids["UBND"]))
    assert str(error) == message
    assert error.field == "code"


def test_create_unit_name_required_and_parent_active(demo_db, actors, unit_ids):
    error = _refused(demo_db, ValidationError, lambda s: units.create_unit(
        s, actors["quantri"], code="MOI", name="  ", kind=UnitKind.DEPARTMENT, parent_id=unit_ids["UBND"]))
    assert "tên đơn vị" in str(error)
    error = _refused(demo_db, ValidationError, lambda s: units.create_unit(
        s, actors["quantri"], code="MOI", name="Đơn vị mới", kind=UnitKind.SUB_UNIT, parent_id=unit_ids["SKHDT"]))
    assert "Sở Kế hoạch và Đầu tư" in str(error) and "đã sáp nhập hoặc giải thể" in str(error)


# --------------------------------------------------------------------------- rename

def test_rename_keeps_history_and_old_name(demo_db, actors, unit_ids):
    sxd = unit_ids["SXD"]
    with session_scope(demo_db) as s:
        units.rename_unit(s, actors["quantri"], sxd, _version(demo_db, sxd), new_name="Sở Xây dựng và Giao thông",
                          on_date=date(2026, 3, 1), decision="Quyết định số 99/QĐ-UBND")
    assert _unit(demo_db, sxd).name == "Sở Xây dựng và Giao thông"
    rename = [e for e in _events(demo_db, sxd) if e.kind == UnitEventKind.RENAMED]
    assert len(rename) == 1
    assert (rename[0].old_name, rename[0].new_name, rename[0].on_date) == (
        "Sở Xây dựng", "Sở Xây dựng và Giao thông", date(2026, 3, 1))
    with session_scope(demo_db) as s:
        assert units.name_at(s, sxd, date(2026, 2, 28)) == "Sở Xây dựng"
        assert units.name_at(s, sxd, date(2025, 1, 1)) == "Sở Xây dựng"
        assert units.name_at(s, sxd, date(2026, 3, 1)) == "Sở Xây dựng và Giao thông"
        assert units.name_at(s, sxd, date(2026, 12, 31)) == "Sở Xây dựng và Giao thông"
        text = [r.description for r in units.history_rows(s, sxd)]
        # the unit's accounts stay where they were
        assert accounts.list_accounts(s, actors["quantri.sxd"])
    assert "Đổi tên từ «Sở Xây dựng» thành «Sở Xây dựng và Giao thông»" in text


def test_two_renames_name_at_each_period(demo_db, actors, unit_ids):
    vp = unit_ids["VP-KT"]
    for name, on in (("Phòng Kinh tế ngành", date(2025, 6, 1)), ("Phòng Kinh tế - Tài chính", date(2026, 2, 1))):
        with session_scope(demo_db) as s:
            units.rename_unit(s, actors["quantri"], vp, _version(demo_db, vp), new_name=name, on_date=on)
    with session_scope(demo_db) as s:
        assert units.name_at(s, vp, date(2025, 5, 31)) == "Phòng Kinh tế"
        assert units.name_at(s, vp, date(2025, 12, 31)) == "Phòng Kinh tế ngành"
        assert units.name_at(s, vp, date(2026, 2, 1)) == "Phòng Kinh tế - Tài chính"


def test_demo_rename_history(demo_db, unit_ids):
    with session_scope(demo_db) as s:
        assert units.name_at(s, unit_ids["SNNMT"], date(2025, 2, 28)) == "Sở Nông nghiệp và Phát triển nông thôn"
        assert units.name_at(s, unit_ids["SNNMT"], date(2025, 3, 1)) == "Sở Nông nghiệp và Môi trường"


@pytest.mark.parametrize(("new_name", "message"), [
    ("Sở Xây dựng", vi.UNIT_SAME_NAME), ("   ", "tên mới"),
], ids=["same", "empty"])
def test_rename_refused(demo_db, actors, unit_ids, new_name, message):
    sxd = unit_ids["SXD"]
    error = _refused(demo_db, ValidationError, lambda s: units.rename_unit(
        s, actors["quantri"], sxd, _version(demo_db, sxd), new_name=new_name, on_date=DAY))
    assert message in str(error)


def test_rename_merged_unit_refused(demo_db, actors, unit_ids):
    skhdt = unit_ids["SKHDT"]
    error = _refused(demo_db, ValidationError, lambda s: units.rename_unit(
        s, actors["quantri"], skhdt, _version(demo_db, skhdt), new_name="Tên khác", on_date=DAY))
    assert str(error) == vi.UNIT_INACTIVE.format(unit="Sở Kế hoạch và Đầu tư")


# --------------------------------------------------------------------------- move

def test_move_unit(demo_db, actors, unit_ids):
    kt = unit_ids["VP-KT"]
    with session_scope(demo_db) as s:
        units.move_unit(s, actors["quantri"], kt, _version(demo_db, kt), new_parent_id=unit_ids["STC"], on_date=DAY)
    assert _unit(demo_db, kt).parent_id == unit_ids["STC"]
    [moved] = [e for e in _events(demo_db, kt) if e.kind == UnitEventKind.MOVED]
    assert moved.related_unit_id == unit_ids["STC"]
    with session_scope(demo_db) as s:
        assert kt in subtree_ids(s, unit_ids["STC"]) and kt not in subtree_ids(s, unit_ids["VP"])


@pytest.mark.parametrize(("unit", "new_parent"), [("VP", "VP"), ("VP", "VP-TH"), ("UBND", "VP-KT"),
                                                   ("X-LAPVO", "H-LAPVO")],
                         ids=["itself", "own-child", "root-under-grandchild", "under-merged"])
def test_move_cycle_or_inactive_parent_refused(demo_db, actors, unit_ids, unit, new_parent):
    uid = unit_ids[unit]
    error = _refused(demo_db, ValidationError, lambda s: units.move_unit(
        s, actors["quantri"], uid, _version(demo_db, uid), new_parent_id=unit_ids[new_parent], on_date=DAY))
    assert str(error) in (vi.UNIT_PARENT_CYCLE, vi.UNIT_INACTIVE.format(unit="Huyện Lấp Vò"))
    assert _unit(demo_db, uid).parent_id == (None if unit == "UBND" else unit_ids["UBND"])


# --------------------------------------------------------------------------- merge

def _prepare_sxd_with_sub_units(engine, actor, unit_ids) -> tuple[int, int]:  # noqa: ANN001
    """SXD gets an active sub-unit and a dissolved one."""
    with session_scope(engine) as s:
        active = units.create_unit(s, actor, code="SXD-QH", name="Phòng Quy hoạch", kind=UnitKind.SUB_UNIT,
                                   parent_id=unit_ids["SXD"], founded_on=date(2020, 1, 1))
        gone = units.create_unit(s, actor, code="SXD-CU", name="Phòng cũ", kind=UnitKind.SUB_UNIT,
                                 parent_id=unit_ids["SXD"], founded_on=date(2020, 1, 1))
    with session_scope(engine) as s:
        units.dissolve_unit(s, actor, gone, _version(engine, gone), on_date=date(2024, 1, 1))
    return active, gone


def test_merge_moves_accounts_and_active_sub_units(demo_db, actors, unit_ids, monkeypatch):
    monkeypatch.setattr(units, "MERGE_HANDLERS", [])  # the core only; modules' handlers have their own tests
    admin = actors["quantri"]
    sxd, stc = unit_ids["SXD"], unit_ids["STC"]
    active_sub, dissolved_sub = _prepare_sxd_with_sub_units(demo_db, admin, unit_ids)
    start = max_audit_id(demo_db)
    with session_scope(demo_db) as s:
        moved = units.merge_unit(s, admin, sxd, _version(demo_db, sxd), successor_id=stc, on_date=DAY,
                                 decision="Quyết định số 5/QĐ-UBND")
    assert moved == {"accounts": 3, "sub_units": 1, "work": 0}
    merged = _unit(demo_db, sxd)
    assert (merged.status, merged.successor_id, merged.ended_on) == (UnitStatus.MERGED, stc, DAY)
    assert merged.name == "Sở Xây dựng"  # the old unit keeps its name for old records
    assert set(_account_units(demo_db, "quantri.sxd", "capnhat.sxd", "tracuu.sxd").values()) == {stc}
    assert _unit(demo_db, active_sub).parent_id == stc
    assert _unit(demo_db, dissolved_sub).parent_id == sxd  # dissolved sub-units stay where they were

    [merged_event] = [e for e in _events(demo_db, sxd) if e.kind == UnitEventKind.MERGED]
    [absorbed] = [e for e in _events(demo_db, stc) if e.kind == UnitEventKind.ABSORBED and e.related_unit_id == sxd]
    assert merged_event.related_unit_id == stc and merged_event.decision == "Quyết định số 5/QĐ-UBND"
    assert absorbed.on_date == DAY
    [sub_moved] = [e for e in _events(demo_db, active_sub) if e.kind == UnitEventKind.MOVED]
    assert sub_moved.related_unit_id == stc and "Sở Xây dựng" in sub_moved.note

    with session_scope(demo_db) as s:
        stc_history = [r.description for r in units.history_rows(s, stc)]
        sxd_history = [r.description for r in units.history_rows(s, sxd)]
        # old records made under the old unit still show its name
        old_rows = s.scalars(sa.select(AuditLog).where(AuditLog.unit_id == sxd)).all()
        assert old_rows
        assert all(s.get(Unit, r.unit_id).name == "Sở Xây dựng" for r in old_rows)
        assert units.name_at(s, sxd, date(2025, 6, 1)) == "Sở Xây dựng"
        # the successor's people see the merged unit's data; the merged unit's ex-admin is now under STC
        assert data_scope(s, accounts_actor(s, "quantri.sxd")).contains(sxd)
        assert sxd in subtree_ids(s, stc) and unit_ids["SGTVT"] in subtree_ids(s, stc)
    assert "Tiếp nhận Sở Xây dựng sáp nhập vào" in stc_history
    assert "Sáp nhập vào Sở Tài chính" in sxd_history

    rows = audit_since(demo_db, start)
    assert {r["actor_id"] for r in rows} == {admin.id}
    assert any(r["entity"] == "units" and r["entity_id"] == str(sxd) and r["after"].get("status") == "merged"
               for r in rows)
    assert sum(1 for r in rows if r["entity"] == "accounts" and r["after"].get("unit_id") == stc) == 3


def accounts_actor(session, username: str):  # noqa: ANN001, ANN201
    from lib.core.services.auth import find_account, to_actor

    return to_actor(find_account(session, username))


def test_demo_merger_old_unit_name_still_shown(demo_db, unit_ids):
    with session_scope(demo_db) as s:
        stc_history = [r.description for r in units.history_rows(s, unit_ids["STC"])]
        skhdt = s.get(Unit, unit_ids["SKHDT"])
        assert (skhdt.status, skhdt.successor_id) == (UnitStatus.MERGED, unit_ids["STC"])
        assert skhdt.name == "Sở Kế hoạch và Đầu tư"
    assert "Tiếp nhận Sở Kế hoạch và Đầu tư sáp nhập vào" in stc_history


def test_merge_handlers_are_called(demo_db, actors, unit_ids, monkeypatch):
    calls = []

    def handler(session, predecessor_id, successor_id):  # noqa: ANN001, ANN202
        calls.append((predecessor_id, successor_id))
        assert session.get(Unit, predecessor_id) is not None  # same session, inside the transaction
        return 7

    monkeypatch.setattr(units, "MERGE_HANDLERS", [handler])
    sxd, stc = unit_ids["SXD"], unit_ids["STC"]
    with session_scope(demo_db) as s:
        moved = units.merge_unit(s, actors["quantri"], sxd, _version(demo_db, sxd), successor_id=stc, on_date=DAY)
    assert calls == [(sxd, stc)]
    assert moved["work"] == 7


def test_merge_handler_failure_rolls_back_everything(demo_db, actors, unit_ids, monkeypatch):
    def handler(session, predecessor_id, successor_id):  # noqa: ANN001, ANN202
        raise ValidationError("Không chuyển được công việc.")

    monkeypatch.setattr(units, "MERGE_HANDLERS", [handler])
    sxd = unit_ids["SXD"]
    _refused(demo_db, ValidationError, lambda s: units.merge_unit(
        s, actors["quantri"], sxd, _version(demo_db, sxd), successor_id=unit_ids["STC"], on_date=DAY))
    assert _unit(demo_db, sxd).status == UnitStatus.ACTIVE
    assert set(_account_units(demo_db, "capnhat.sxd").values()) == {sxd}


@pytest.mark.parametrize(("unit", "successor", "exc", "message"), [
    ("SXD", "SXD", ValidationError, vi.UNIT_SUCCESSOR_INVALID),
    ("VP", "VP-TH", ValidationError, vi.UNIT_SUCCESSOR_INVALID),        # into its own sub-unit
    ("X-LAPVO", "H-LAPVO", ValidationError, vi.UNIT_SUCCESSOR_INVALID),  # into a unit merged into it
    ("SXD", "SKHDT", ValidationError, vi.UNIT_INACTIVE.format(unit="Sở Kế hoạch và Đầu tư")),
    ("SKHDT", "SXD", ValidationError, vi.UNIT_INACTIVE.format(unit="Sở Kế hoạch và Đầu tư")),
], ids=["itself", "own-child", "own-predecessor", "inactive-successor", "already-merged"])
def test_merge_refused(demo_db, actors, unit_ids, unit, successor, exc, message):
    uid = unit_ids[unit]
    error = _refused(demo_db, exc, lambda s: units.merge_unit(
        s, actors["quantri"], uid, _version(demo_db, uid), successor_id=unit_ids[successor], on_date=DAY))
    assert str(error) == message


# --------------------------------------------------------------------------- dissolve

@pytest.mark.parametrize(("unit", "message"), [
    ("SXD", vi.UNIT_HAS_ACCOUNTS.format(n=3)),
    ("VP", vi.UNIT_HAS_ACTIVE_CHILDREN.format(n=2)),
    ("X-LAPVO", vi.UNIT_HAS_ACCOUNTS.format(n=2)),
], ids=["accounts", "sub-units", "commune-accounts"])
def test_dissolve_without_successor_refused_when_not_empty(demo_db, actors, unit_ids, unit, message):
    uid = unit_ids[unit]
    error = _refused(demo_db, ValidationError, lambda s: units.dissolve_unit(
        s, actors["quantri"], uid, _version(demo_db, uid), on_date=DAY))
    assert str(error) == message
    assert _unit(demo_db, uid).status == UnitStatus.ACTIVE


def test_dissolve_empty_unit(demo_db, actors, unit_ids):
    kt = unit_ids["VP-KT"]
    with session_scope(demo_db) as s:
        moved = units.dissolve_unit(s, actors["quantri"], kt, _version(demo_db, kt), on_date=DAY,
                                    decision="Quyết định số 7/QĐ-UBND")
    assert moved == {"accounts": 0, "sub_units": 0, "work": 0}
    gone = _unit(demo_db, kt)
    assert (gone.status, gone.ended_on, gone.successor_id) == (UnitStatus.DISSOLVED, DAY, None)
    [event] = [e for e in _events(demo_db, kt) if e.kind == UnitEventKind.DISSOLVED]
    assert event.decision == "Quyết định số 7/QĐ-UBND"


def test_dissolve_allowed_once_accounts_deactivated(demo_db, actors, unit_ids):
    sxd = unit_ids["SXD"]
    for name in ("quantri.sxd", "capnhat.sxd", "tracuu.sxd"):
        with session_scope(demo_db) as s:
            acc = accounts.get_account(s, actors["quantri"], accounts_actor(s, name).id)
            accounts.deactivate_account(s, actors["quantri"], acc.id, "Giải thể đơn vị")
    with session_scope(demo_db) as s:
        units.dissolve_unit(s, actors["quantri"], sxd, _version(demo_db, sxd), on_date=DAY)
    assert _unit(demo_db, sxd).status == UnitStatus.DISSOLVED
    assert set(_account_units(demo_db, "quantri.sxd", "capnhat.sxd", "tracuu.sxd").values()) == {sxd}


def test_dissolve_with_successor_moves_accounts(demo_db, actors, unit_ids, monkeypatch):
    calls = []
    monkeypatch.setattr(units, "MERGE_HANDLERS", [lambda s, a, b: calls.append((a, b)) or 2])
    sxd, stc = unit_ids["SXD"], unit_ids["STC"]
    with session_scope(demo_db) as s:
        moved = units.dissolve_unit(s, actors["quantri"], sxd, _version(demo_db, sxd), on_date=DAY, successor_id=stc)
    assert moved == {"accounts": 3, "sub_units": 0, "work": 2}
    assert calls == [(sxd, stc)]
    gone = _unit(demo_db, sxd)
    assert (gone.status, gone.successor_id) == (UnitStatus.DISSOLVED, stc)
    assert set(_account_units(demo_db, "quantri.sxd", "capnhat.sxd", "tracuu.sxd").values()) == {stc}
    with session_scope(demo_db) as s:
        assert "Giải thể; Sở Tài chính tiếp nhận" in [r.description for r in units.history_rows(s, sxd)]


# --------------------------------------------------------------------------- common refusals

def _operations(unit_ids, version, on):  # noqa: ANN001, ANN202
    sdttg = unit_ids["SDTTG"]
    return {
        "rename": lambda s, a: units.rename_unit(s, a, sdttg, version, new_name="Sở Dân tộc", on_date=on),
        "merge": lambda s, a: units.merge_unit(s, a, sdttg, version, successor_id=unit_ids["SNV"], on_date=on),
        "dissolve": lambda s, a: units.dissolve_unit(s, a, sdttg, version, on_date=on),
    }


@pytest.mark.parametrize("op", ["rename", "merge", "dissolve"])
def test_date_before_founded_refused(demo_db, actors, unit_ids, op):
    # SDTTG was founded on 01/03/2025
    call = _operations(unit_ids, _version(demo_db, unit_ids["SDTTG"]), date(2025, 2, 28))[op]
    error = _refused(demo_db, ValidationError, lambda s: call(s, actors["quantri"]))
    assert str(error) == vi.UNIT_DATE_BEFORE_FOUNDED.format(founded="01/03/2025")
    assert error.field == "on_date"


@pytest.mark.parametrize("op", ["rename", "merge", "dissolve", "move", "details"])
def test_stale_version_refused(demo_db, actors, unit_ids, op):
    sdttg = unit_ids["SDTTG"]
    stale = _version(demo_db, sdttg)
    with session_scope(demo_db) as s:  # someone else saves first
        units.update_details(s, actors["quantri"], sdttg, stale, short_name="SDTTG", kind=UnitKind.DEPARTMENT,
                             note=None)
    calls = _operations(unit_ids, stale, DAY)
    calls["move"] = lambda s, a: units.move_unit(s, a, sdttg, stale, new_parent_id=unit_ids["VP"], on_date=DAY)
    calls["details"] = lambda s, a: units.update_details(s, a, sdttg, stale, short_name="X",
                                                         kind=UnitKind.DEPARTMENT, note=None)
    error = _refused(demo_db, ConflictError, lambda s: calls[op](s, actors["quantri"]))
    assert str(error) == vi.ERR_STALE
    after = _unit(demo_db, sdttg)
    assert after.short_name == "SDTTG" and after.status == UnitStatus.ACTIVE and after.name == "Sở Dân tộc và Tôn giáo"


@pytest.mark.parametrize("username", ["quantri.sxd", "lanhdao", "capnhat.sxd", "chuyenvien.vp", "cchc.snv"])
@pytest.mark.parametrize("op", ["create", "rename", "move", "merge", "dissolve", "details"])
def test_non_admin_refused(demo_db, actors, unit_ids, username, op):
    sdttg = unit_ids["SDTTG"]
    v = _version(demo_db, sdttg)
    calls = _operations(unit_ids, v, DAY)
    calls["create"] = lambda s, a: units.create_unit(s, a, code="MOI", name="Mới", kind=UnitKind.DEPARTMENT,
                                                     parent_id=unit_ids["UBND"])
    calls["move"] = lambda s, a: units.move_unit(s, a, sdttg, v, new_parent_id=unit_ids["VP"], on_date=DAY)
    calls["details"] = lambda s, a: units.update_details(s, a, sdttg, v, short_name="X", kind=UnitKind.DEPARTMENT,
                                                         note=None)
    error = _refused(demo_db, PermissionDenied, lambda s: calls[op](s, actors[username]))
    assert str(error) == vi.ERR_NO_PERMISSION


def test_unknown_unit(demo_db, actors):
    _refused(demo_db, NotFound, lambda s: units.rename_unit(s, actors["quantri"], 987654, 1, new_name="X",
                                                            on_date=DAY))


def test_tree_order_and_units_in(demo_db, unit_ids):
    with session_scope(demo_db) as s:
        rows = units.tree(s)
        active = units.units_in(s, None)
        vp_scope = units.units_in(s, frozenset({unit_ids["VP"], unit_ids["VP-TH"], unit_ids["VP-KT"]}))
    assert rows[0].code == "UBND" and rows[0].depth == 0
    positions = {r.code: i for i, r in enumerate(rows)}
    assert positions["VP"] < positions["VP-KT"] < positions["VP-TH"]
    assert {r.code: r.depth for r in rows}["TT-LAPVO"] == 2
    assert len(rows) == 34
    assert all(r.status == UnitStatus.ACTIVE for r in active) and len(active) == 34 - 6
    assert [r.code for r in vp_scope] == ["VP", "VP-KT", "VP-TH"]


def test_accounts_status_not_touched_by_merge(demo_db, actors, unit_ids):
    """A merger moves accounts; it does not lock or deactivate them."""
    sxd = unit_ids["SXD"]
    with session_scope(demo_db) as s:
        units.merge_unit(s, actors["quantri"], sxd, _version(demo_db, sxd), successor_id=unit_ids["STC"],
                         on_date=DAY)
    with session_scope(demo_db) as s:
        statuses = set(s.scalars(sa.select(Account.status).where(Account.unit_id == unit_ids["STC"])))
        n_audit_units = s.scalar(sa.select(sa.func.count()).select_from(AuditLog).where(
            AuditLog.entity == "units", AuditLog.action == AuditAction.UPDATE))
    assert statuses == {AccountStatus.ACTIVE}
    assert n_audit_units >= 1
    assert Role.UNIT_ADMIN in accounts_actor_roles(demo_db, "quantri.sxd")


def accounts_actor_roles(engine, username: str):  # noqa: ANN001, ANN201
    with session_scope(engine) as s:
        return accounts_actor(s, username).roles


# --------------------------------------------------------------------------- decision files (issue 8 item 8)

PDF = b"%PDF-1.4\n% Quyet dinh\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


@pytest.mark.parametrize("username", ["tracuu.sxd", "capnhat.sxd", "quantri.sxd"])
def test_decision_file_stored_only_by_system_admin(demo_db, actors, unit_ids, username):
    """Before issue 8 the unit-history upload accepted any account, a lookup account included."""
    error = _refused(demo_db, PermissionDenied, lambda s: units.store_decision_file(
        s, actors[username], unit_ids["SXD"], filename="QĐ.pdf", data=PDF))
    assert str(error) == vi.ERR_NO_PERMISSION


def test_decision_file_read_within_the_units_it_concerns(demo_db, actors, unit_ids):
    """A merger's decision concerns both units: the successor's people read it, another unit's people do not."""
    from lib.core.services import attachments

    stc, sxd = unit_ids["STC"], unit_ids["SXD"]
    with session_scope(demo_db) as s:
        att_id = units.store_decision_file(s, actors["quantri"], stc, filename="QĐ sáp nhập.pdf", data=PDF)
        units.merge_unit(s, actors["quantri"], stc, _version(demo_db, stc), successor_id=sxd, on_date=DAY,
                         decision="Quyết định số 1/QĐ-UBND", attachment_id=att_id)
    with session_scope(demo_db) as s:
        assert att_id in [e.attachment_id for e in units.history_rows(s, sxd) if e.kind == UnitEventKind.ABSORBED]
        for username in ("capnhat.sxd", "tracuu.sxd", "lanhdao", "quantri"):
            assert attachments.download(s, actors[username], att_id).data == PDF
        for username in ("capnhat.laplvo", "quantri.laplvo"):
            with pytest.raises(PermissionDenied):
                attachments.download(s, actors[username], att_id)


def test_decision_file_of_a_new_unit_is_read_through_its_founding_event(demo_db, actors, unit_ids):
    from lib.core.services import attachments

    with session_scope(demo_db) as s:
        att_id = units.store_decision_file(s, actors["quantri"], None, filename="QĐ thành lập.pdf", data=PDF)
        new_id = units.create_unit(s, actors["quantri"], code="P-MOI", name="Phòng mới", kind=UnitKind.SUB_UNIT,
                                   parent_id=unit_ids["SXD"], founded_on=DAY, attachment_id=att_id)
    with session_scope(demo_db) as s:
        assert [e.attachment_id for e in units.history_rows(s, new_id)] == [att_id]
        assert attachments.download(s, actors["capnhat.sxd"], att_id).data == PDF  # SXD's subtree
        with pytest.raises(PermissionDenied):
            attachments.download(s, actors["capnhat.laplvo"], att_id)
