"""Data scope (seed 004 art. 4): own unit and sub-units, never siblings or parents; province roles see all."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from lib.core import vi
from lib.core.access import (Actor, Scope, account_management_scope, data_scope, grantable_roles, require_in_scope,
                             require_role, subtree_ids)
from lib.core.db import session_scope
from lib.core.enums import Role
from lib.core.errors import PermissionDenied
from lib.core.models import Account, Unit


def _actor(unit_id: int, *roles: Role) -> Actor:
    return Actor(id=999_999, username="thu.nghiem", full_name="Người thử nghiệm", unit_id=unit_id,
                 roles=frozenset(roles))


def _codes(unit_ids: dict[str, int], ids) -> set[str]:  # noqa: ANN001
    by_id = {v: k for k, v in unit_ids.items()}
    return {by_id[i] for i in ids}


# --------------------------------------------------------------------------- unit-level scope

UNIT_SCOPE_CASES = [
    # (unit, role, codes that must be in scope, codes that must not)
    ("VP", Role.UNIT_ADMIN, {"VP", "VP-TH", "VP-KT"}, {"UBND", "SXD", "STC", "SNV"}),
    ("VP", Role.UNIT_EDITOR, {"VP", "VP-TH", "VP-KT"}, {"UBND", "SXD", "X-LAPVO"}),
    ("VP", Role.UNIT_VIEWER, {"VP", "VP-TH", "VP-KT"}, {"UBND", "SNV"}),
    ("VP-TH", Role.UNIT_EDITOR, {"VP-TH"}, {"VP", "VP-KT", "UBND"}),  # parent and sibling sub-unit never
    ("SXD", Role.UNIT_EDITOR, {"SXD", "SGTVT"}, {"STC", "SKHDT", "UBND", "VP"}),  # SGTVT merged into SXD
    ("X-LAPVO", Role.UNIT_ADMIN, {"X-LAPVO", "H-LAPVO", "TT-LAPVO"}, {"P-SADEC", "UBND", "X-TANHONG"}),
    ("STC", Role.UNIT_VIEWER, {"STC", "SKHDT"}, {"SXD", "SGTVT", "UBND"}),
    ("SNV", Role.PAR_ASSESSOR, {"SNV"}, {"STC", "UBND"}),  # PAR assessor is not a province-wide role
    ("SNV", Role.PAR_COUNCIL, {"SNV"}, {"SXD"}),
]


@pytest.mark.parametrize(("code", "role", "inside", "outside"), UNIT_SCOPE_CASES,
                         ids=[f"{c[0]}-{c[1].value}" for c in UNIT_SCOPE_CASES])
def test_unit_roles_see_own_subtree_only(demo_db, unit_ids, code, role, inside, outside):
    with session_scope(demo_db) as s:
        scope = data_scope(s, _actor(unit_ids[code], role))
    assert not scope.all_units
    seen = _codes(unit_ids, scope.unit_ids)
    assert inside <= seen
    assert not (outside & seen), f"{code} must not see {outside & seen}"
    for c in outside:
        assert not scope.contains(unit_ids[c])
        with pytest.raises(PermissionDenied) as err:
            require_in_scope(scope, unit_ids[c])
        assert str(err.value) == vi.ERR_OUT_OF_SCOPE
    for c in inside:
        require_in_scope(scope, unit_ids[c])


def test_vp_scope_is_exactly_vp_and_its_sub_units(demo_db, unit_ids):
    with session_scope(demo_db) as s:
        scope = data_scope(s, _actor(unit_ids["VP"], Role.UNIT_EDITOR))
    assert _codes(unit_ids, scope.unit_ids) == {"VP", "VP-TH", "VP-KT"}


def test_merged_units_count_under_their_successor(demo_db, unit_ids):
    with session_scope(demo_db) as s:
        assert _codes(unit_ids, subtree_ids(s, unit_ids["X-LAPVO"])) == {"X-LAPVO", "H-LAPVO", "TT-LAPVO"}
        assert _codes(unit_ids, subtree_ids(s, unit_ids["SKHCN"])) == {"SKHCN", "STTTT"}
        # the merged unit's own subtree does not reach its successor
        assert _codes(unit_ids, subtree_ids(s, unit_ids["H-LAPVO"])) == {"H-LAPVO", "TT-LAPVO"}


def test_scope_of_none_unit_is_refused(demo_db, unit_ids):
    with session_scope(demo_db) as s:
        scope = data_scope(s, _actor(unit_ids["SXD"], Role.UNIT_EDITOR))
    assert not scope.contains(None)
    with pytest.raises(PermissionDenied):
        require_in_scope(scope, None)


# --------------------------------------------------------------------------- province-wide roles

WIDE_ROLES = [Role.SYSTEM_ADMIN, Role.LEADER, Role.OFFICE_OFFICER, Role.PLANNING_OFFICER, Role.PAR_ADMIN]


@pytest.mark.parametrize("role", WIDE_ROLES, ids=[r.value for r in WIDE_ROLES])
def test_province_wide_roles_see_everything(demo_db, unit_ids, role):
    # sitting in a small sub-unit changes nothing for a province-level role
    with session_scope(demo_db) as s:
        scope = data_scope(s, _actor(unit_ids["VP-TH"], role))
        all_units = set(s.scalars(sa.select(Unit.id)))
    assert scope.all_units
    assert all(scope.contains(u) for u in all_units)


@pytest.mark.parametrize(("username", "wide"), [
    ("quantri", True), ("lanhdao", True), ("chuyenvien.vp", True), ("kehoach.stc", True), ("cchc.snv", True),
    ("quantri.sxd", False), ("capnhat.sxd", False), ("tracuu.sxd", False), ("capnhat.laplvo", False),
    ("quantri.laplvo", False), ("tgv.snv", False), ("hoidong.snv", False),
], ids=lambda v: str(v))
def test_demo_accounts_scope(demo_db, actors, username, wide):
    with session_scope(demo_db) as s:
        assert data_scope(s, actors[username]).all_units is wide


def test_mixed_roles_widest_wins(demo_db, unit_ids):
    with session_scope(demo_db) as s:
        scope = data_scope(s, _actor(unit_ids["SXD"], Role.UNIT_EDITOR, Role.LEADER))
    assert scope.all_units


# --------------------------------------------------------------------------- Scope.clause in a query

def test_scope_clause_filters_a_query(demo_db, unit_ids):
    with session_scope(demo_db) as s:
        scope = data_scope(s, _actor(unit_ids["SXD"], Role.UNIT_VIEWER))
        names = set(s.scalars(sa.select(Account.username).where(scope.clause(Account.unit_id))))
        codes = set(s.scalars(sa.select(Unit.code).where(scope.clause(Unit.id))))
    assert names == {"quantri.sxd", "capnhat.sxd", "tracuu.sxd"}
    assert codes == {"SXD", "SGTVT"}


def test_scope_clause_of_merged_successor_includes_predecessors(demo_db, unit_ids):
    with session_scope(demo_db) as s:
        scope = data_scope(s, _actor(unit_ids["X-LAPVO"], Role.UNIT_EDITOR))
        codes = set(s.scalars(sa.select(Unit.code).where(scope.clause(Unit.id))))
    assert codes == {"X-LAPVO", "H-LAPVO", "TT-LAPVO"}


def test_scope_clause_everything_is_unfiltered(demo_db, actors):
    with session_scope(demo_db) as s:
        scope = data_scope(s, actors["lanhdao"])
        total = s.scalar(sa.select(sa.func.count()).select_from(Unit))
        seen = s.scalar(sa.select(sa.func.count()).select_from(Unit).where(scope.clause(Unit.id)))
    assert seen == total == 34


def test_empty_scope_clause_matches_nothing(demo_db):
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Unit).where(Scope(False).clause(Unit.id))) == 0


# --------------------------------------------------------------------------- roles and grants

GRANT_CASES = [
    (Role.SYSTEM_ADMIN, frozenset(Role)),
    (Role.UNIT_ADMIN, frozenset({Role.UNIT_EDITOR, Role.UNIT_VIEWER})),
    (Role.PAR_ADMIN, frozenset({Role.PAR_ASSESSOR, Role.PAR_COUNCIL})),  # seed 004 art. 6.2, 9.1
    *[(r, frozenset()) for r in Role if r not in (Role.SYSTEM_ADMIN, Role.UNIT_ADMIN, Role.PAR_ADMIN)],
]


@pytest.mark.parametrize(("role", "expected"), GRANT_CASES, ids=[c[0].value for c in GRANT_CASES])
def test_grantable_roles_per_role(role, expected):
    assert grantable_roles(_actor(1, role)) == expected


def test_unit_admin_cannot_grant_admin_or_province_roles():
    granted = grantable_roles(_actor(1, Role.UNIT_ADMIN))
    for role in (Role.UNIT_ADMIN, Role.SYSTEM_ADMIN, Role.LEADER, Role.OFFICE_OFFICER, Role.PLANNING_OFFICER,
                 Role.PAR_ADMIN, Role.PAR_ASSESSOR, Role.PAR_COUNCIL):
        assert role not in granted


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.SYSTEM_ADMIN, Role.UNIT_ADMIN, Role.PAR_ADMIN)],
                         ids=lambda r: r.value)
def test_account_management_scope_refused_for_non_admins(demo_db, unit_ids, role):
    with session_scope(demo_db) as s, pytest.raises(PermissionDenied) as err:
        account_management_scope(s, _actor(unit_ids["SXD"], role))
    assert str(err.value) == vi.ERR_NO_PERMISSION


def test_account_management_scope_of_admins(demo_db, unit_ids, actors):
    with session_scope(demo_db) as s:
        assert account_management_scope(s, actors["quantri"]).all_units
        assert account_management_scope(s, actors["cchc.snv"]).all_units  # PAR accounts of every unit
        scope = account_management_scope(s, actors["quantri.sxd"])
    assert _codes(unit_ids, scope.unit_ids) == {"SXD", "SGTVT"}


def test_require_role():
    require_role(_actor(1, Role.LEADER), Role.LEADER, Role.SYSTEM_ADMIN)
    with pytest.raises(PermissionDenied) as err:
        require_role(_actor(1, Role.UNIT_EDITOR), Role.LEADER, Role.SYSTEM_ADMIN)
    assert str(err.value) == vi.ERR_NO_PERMISSION
