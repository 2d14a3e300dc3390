"""Who may do what, and on which units' data. Every service asks here; pages only mirror it.

The scope rule (seed 004 art. 4): a unit's people see and edit their own unit's data and their
sub-units'; never a sibling's, never a parent's. Province-level roles see everything. A unit that was
merged into another counts, for data, as part of its successor.
"""
from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import vi
from lib.core.enums import Role
from lib.core.errors import PermissionDenied
from lib.core.models import Unit

PROVINCE_WIDE_ROLES = frozenset({
    Role.SYSTEM_ADMIN, Role.LEADER, Role.OFFICE_OFFICER, Role.PLANNING_OFFICER, Role.PAR_ADMIN,
})

# The accounts of the PAR appraisal that the Department of Home Affairs provides and whose passwords it resets
# (seed 004 art. 6.2, 9.1): members of the working group (Tổ giúp việc) and of the appraisal council (Hội đồng
# thẩm định), art. 2 and 7.3–7.4. The units' own accounts (self-assessment) serve both modules and stay with the
# system and unit administrators.
PAR_ACCOUNT_ROLES = frozenset({Role.PAR_ASSESSOR, Role.PAR_COUNCIL})

# Which roles an account holding the key role may give to others (seed 000 art. 4.3–4.5, seed 004 art. 9.1).
GRANTABLE_ROLES: dict[Role, frozenset[Role]] = {
    Role.SYSTEM_ADMIN: frozenset(Role),
    Role.UNIT_ADMIN: frozenset({Role.UNIT_EDITOR, Role.UNIT_VIEWER}),
    Role.PAR_ADMIN: PAR_ACCOUNT_ROLES,
}

ACCOUNT_MANAGER_ROLES = frozenset(GRANTABLE_ROLES)


class AccountAction(enum.Enum):
    CREATE = "create"
    EDIT = "edit"                      # names, unit, contact details, roles
    CHANGE_STATUS = "change_status"    # lock, unlock, deactivate
    RESET_PASSWORD = "reset_password"


# What each account manager may do to the accounts holding roles it may grant: the PAR administrator only
# creates them and resets their passwords (issue 8, item 4).
ACCOUNT_ACTIONS: dict[Role, frozenset[AccountAction]] = {
    Role.SYSTEM_ADMIN: frozenset(AccountAction),
    Role.UNIT_ADMIN: frozenset(AccountAction),
    Role.PAR_ADMIN: frozenset({AccountAction.CREATE, AccountAction.RESET_PASSWORD}),
}


@dataclass(frozen=True)
class Actor:
    """The logged-in account as services see it."""

    id: int
    username: str
    full_name: str
    unit_id: int
    roles: frozenset[Role]

    def has(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def label(self) -> str:
        return f"{self.full_name} ({self.username})"


@dataclass(frozen=True)
class Scope:
    """The units whose data an actor may see: all of them, or a set of ids."""

    all_units: bool
    unit_ids: frozenset[int] = frozenset()

    def contains(self, unit_id: int | None) -> bool:
        return self.all_units or (unit_id is not None and unit_id in self.unit_ids)

    def clause(self, column: sa.ColumnElement) -> sa.ColumnElement[bool]:
        """A WHERE condition limiting `column` (a unit id) to the scope."""
        return sa.true() if self.all_units else column.in_(sorted(self.unit_ids))


EVERYTHING = Scope(all_units=True)


def require_role(actor: Actor, *roles: Role) -> None:
    if not actor.has(*roles):
        raise PermissionDenied(vi.ERR_NO_PERMISSION)


def unit_links(session: Session) -> list[tuple[int, int | None, int | None]]:
    return [tuple(r) for r in session.execute(sa.select(Unit.id, Unit.parent_id, Unit.successor_id))]


def subtree_ids(session: Session, root_id: int) -> frozenset[int]:
    """The unit, its sub-units at any depth, and every unit merged into one of them (at any depth)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    absorbed: dict[int | None, list[int]] = defaultdict(list)
    for unit_id, parent_id, successor_id in unit_links(session):
        children[parent_id].append(unit_id)
        if successor_id is not None:
            absorbed[successor_id].append(unit_id)
    found: set[int] = set()
    stack = [root_id]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, ()))
        stack.extend(absorbed.get(current, ()))
    return frozenset(found)


def data_scope(session: Session, actor: Actor, wide_roles: Iterable[Role] = PROVINCE_WIDE_ROLES) -> Scope:
    """What the actor may read: everything for a province-level role, else the own unit's subtree."""
    if actor.has(*wide_roles):
        return EVERYTHING
    return Scope(all_units=False, unit_ids=subtree_ids(session, actor.unit_id))


def require_in_scope(scope: Scope, unit_id: int | None) -> None:
    if not scope.contains(unit_id):
        raise PermissionDenied(vi.ERR_OUT_OF_SCOPE)


def account_management_scope(session: Session, actor: Actor) -> Scope:
    """The units whose accounts the actor manages through any of its manager roles (what `manager_scope` says)."""
    managers = actor.roles & ACCOUNT_MANAGER_ROLES
    if not managers:
        raise PermissionDenied(vi.ERR_NO_PERMISSION)
    scopes = [manager_scope(session, actor, m) for m in managers]
    if any(scope.all_units for scope in scopes):
        return EVERYTHING
    return Scope(all_units=False, unit_ids=frozenset().union(*(scope.unit_ids for scope in scopes)))


def manager_scope(session: Session, actor: Actor, manager: Role) -> Scope:
    """System administrators manage every unit's accounts; the PAR administrator too (the working group and the
    council draw members from every unit, seed 004 art. 6.2); unit administrators their unit's subtree."""
    if manager == Role.UNIT_ADMIN:
        return Scope(all_units=False, unit_ids=subtree_ids(session, actor.unit_id))
    return EVERYTHING


def grantable_roles(actor: Actor) -> frozenset[Role]:
    granted: set[Role] = set()
    for role in actor.roles:
        granted |= GRANTABLE_ROLES.get(role, frozenset())
    return frozenset(granted)


def account_actions(actor: Actor) -> frozenset[AccountAction]:
    """What the actor may do to some accounts (the page offers only these)."""
    return frozenset().union(*(ACCOUNT_ACTIONS[m] for m in actor.roles & ACCOUNT_MANAGER_ROLES))


def may_manage(session: Session, actor: Actor, role: Role, unit_id: int, action: AccountAction) -> bool:
    """Whether one of the actor's manager roles may do `action` to an account of `unit_id` holding `role`."""
    return any(role in GRANTABLE_ROLES[m] and action in ACCOUNT_ACTIONS[m]
               and manager_scope(session, actor, m).contains(unit_id)
               for m in actor.roles & ACCOUNT_MANAGER_ROLES)
