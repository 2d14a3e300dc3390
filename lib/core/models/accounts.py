"""Accounts (tài khoản) and the roles they hold."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lib.core.enums import AccountStatus, Role
from lib.core.models.base import Base, Timestamped, Versioned, utcnow
from lib.core.models.types import enum_type


class Account(Timestamped, Versioned, Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(100), unique=True)  # stored lower-case
    full_name: Mapped[str] = mapped_column(sa.String(150))
    email: Mapped[str | None] = mapped_column(sa.String(150))
    phone: Mapped[str | None] = mapped_column(sa.String(30))
    position: Mapped[str | None] = mapped_column(sa.String(150))
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    status: Mapped[AccountStatus] = mapped_column(enum_type(AccountStatus), default=AccountStatus.ACTIVE, index=True)
    status_reason: Mapped[str | None] = mapped_column(sa.String(255))
    password_hash: Mapped[str] = mapped_column(sa.String(100))
    must_change_password: Mapped[bool] = mapped_column(default=True)
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    failed_logins: Mapped[int] = mapped_column(default=0)
    # Too many wrong passwords lock the account until this moment (temporary; AccountStatus.LOCKED is an
    # administrator's act). Each lockout since the last successful log-in doubles the next one.
    locked_until: Mapped[datetime | None]
    lockouts: Mapped[int] = mapped_column(default=0, server_default="0")
    # Bumped whenever the credentials or the standing of the account change: every open session ends.
    credential_version: Mapped[int] = mapped_column(default=1)
    last_login_at: Mapped[datetime | None]
    search_key: Mapped[str] = mapped_column(sa.String(400), default="")

    unit = relationship("Unit", foreign_keys=[unit_id], lazy="joined")
    role_rows: Mapped[list["AccountRole"]] = relationship(
        back_populates="account", cascade="all, delete-orphan", lazy="selectin",
        foreign_keys="AccountRole.account_id",
    )

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(r.role for r in self.role_rows)


class AccountRole(Base):
    __tablename__ = "account_roles"
    __table_args__ = (sa.UniqueConstraint("account_id", "role", name="uq_account_roles_account_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
    role: Mapped[Role] = mapped_column(enum_type(Role), index=True)
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    granted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))

    account: Mapped[Account] = relationship(back_populates="role_rows", foreign_keys=[account_id])


class LoginSession(Base):
    """One log-in: the browser's signed cookie names it; log-out and every change of the account's standing
    revoke it, so a copied cookie is worthless afterwards. Only a hash of the token is stored."""
    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    account_id: Mapped[int] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
