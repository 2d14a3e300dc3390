"""Widgets of the project pages: the money input (whole đồng) and the record's facts as label/value lines."""
from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib.core.format import fmt_money


def money_input(label: str, *, key: str, value: int = 0, help: str | None = None) -> int:
    """A whole-đồng amount, with its reading (e.g. «45.000.000.000 đ») written under the box."""
    amount = st.number_input(label, min_value=0, value=value, step=1_000_000, format="%d", key=key, help=help)
    amount = int(amount or 0)
    st.caption(f"= {fmt_money(amount)}" if amount else "Nhập số tiền bằng đồng, ví dụ 45000000000 cho 45 tỷ đồng.")
    return amount


def facts(lines: Sequence[tuple[str, str]], per_row: int = 3) -> None:
    """Label / value lines, `per_row` to a row: the whole record fits a 1366 × 768 screen above its histories."""
    for start in range(0, len(lines), per_row):
        columns = st.columns(per_row)
        for column, (label, value) in zip(columns, lines[start:start + per_row]):
            column.markdown(f"**{label}:** {value or '—'}")
