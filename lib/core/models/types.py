"""Column types that carry two house rules: text is NFC, moments are UTC and timezone-aware."""
from __future__ import annotations

import unicodedata
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


class NFCString(TypeDecorator[str]):
    """A string normalised to Unicode NFC on the way in (TCVN 6909:2001 is Unicode)."""

    impl = sa.String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> Any:
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        return value


class NFCText(NFCString):
    impl = sa.Text
    cache_ok = True


class UTCDateTime(TypeDecorator[datetime]):
    """Stored in UTC; a naive value read back (SQLite) gets UTC attached; a naive value written is refused."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs a timezone-aware datetime")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def enum_type(enum_cls: type) -> sa.Enum:
    """Enums are stored as their English value in a VARCHAR (no native enum: same on SQLite and PostgreSQL)."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=40,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Points(TypeDecorator[Decimal]):
    """A score with two decimals (PAR points), kept as an integer number of hundredths: exact sums in SQL on
    SQLite and PostgreSQL alike (SQLite has no decimal type)."""

    impl = sa.Integer
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        return int((Decimal(str(value)) * 100).to_integral_value(rounding=ROUND_HALF_UP))

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))
