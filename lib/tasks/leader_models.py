"""Directing leaders (lãnh đạo chỉ đạo): the one list that entry, import and statistics share.

The directing leader of a directive document is the Chairman or a Vice-Chairman of the provincial People's
Committee (seed 002 art. 8.1: «lãnh đạo UBND tỉnh chỉ đạo»). Not every one of them has an account, so the Office
keeps a managed list (name, title, order, active) whose rows may point at the leader's account.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from lib.core.models.base import Base, Timestamped, Versioned


class Leader(Timestamped, Versioned, Base):
    __tablename__ = "leaders"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(sa.String(150))             # "Nguyễn Văn Thành"
    title: Mapped[str] = mapped_column(sa.String(150), default="")      # "Phó Chủ tịch UBND tỉnh"
    account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    # The folded name ("nguyen van thanh"): one row per person, and what the Excel import matches against.
    search_key: Mapped[str] = mapped_column(sa.String(150), unique=True)

    @property
    def label(self) -> str:
        return leader_label(self.title, self.full_name)


def leader_label(title: str | None, full_name: str) -> str:
    """«Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành» (the name alone when no title is recorded)."""
    return f"{title} {full_name}".strip() if title else full_name
