"""Who may do what, and on which units' data. Every service asks here; pages only mirror it.

The scope rule (seed 004 art. 4): a unit's people see and edit their own unit's data and their
sub-units'; never a sibling's, never a parent's. Province-level roles see everything. A unit that was
merged into another counts, for data, as part of its successor.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib import vi
from lib.enums import Role
from lib.errors import PermissionDenied
from lib.models import Unit

PROVINCE_WIDE_ROLES = frozenset({
    Role.SYSTEM_ADMIN, Role.LEADER, Role.OFFICE_OFFICER, Role.PLANNING_OFFICER, Role.PAR_ADMIN,
})

# Which roles an account holding the key role may give to others (seed 000 art. 4.3–4.5, seed 004 art. 9.1).
GRANTABLE_ROLES: dict[Role, frozenset[Role]] = {
    Role.SYSTEM_ADMIN: frozenset(Role),
    Role.UNIT_ADMIN: frozenset({Role.UNIT_EDITOR, Role.UNIT_VIEWER}),
}

ACCOUNT_MANAGER_ROLES = frozenset(GRANTABLE_ROLES)


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
    """System administrators manage every account; unit administrators their unit's subtree."""
    if actor.has(Role.SYSTEM_ADMIN):
        return EVERYTHING
    if actor.has(Role.UNIT_ADMIN):
        return Scope(all_units=False, unit_ids=subtree_ids(session, actor.unit_id))
    raise PermissionDenied(vi.ERR_NO_PERMISSION)


def grantable_roles(actor: Actor) -> frozenset[Role]:
    granted: set[Role] = set()
    for role in actor.roles:
        granted |= GRANTABLE_ROLES.get(role, frozenset())
    return frozenset(granted)
