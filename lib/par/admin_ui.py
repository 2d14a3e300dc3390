"""What the Chỉ số CCHC pages share: scores shown the Vietnamese way, the scoring rule in words, the table of
import errors, the Excel upload, and the ranking table of a round (full, or totals only for the public)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from lib.par.enums import ParAssessmentStatus, ParUnitGroup, ScoringMethod
from lib.core.format import fmt_decimal
from lib.par.models import ParCriterion
from lib.par.catalogue import CellError
from lib.par.results import GRADES, LOWEST_GRADE
from lib.core.text import in_sentence

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DASH = "—"
GRADE_ORDER = [label for _key, label in GRADES] + [LOWEST_GRADE]   # best first, as the chart legend
GRADE_COLOURS = ["#1a7f37", "#4c9a2a", "#d4a72c", "#e36209", "#cf222e"]


def missing(value: Any) -> bool:
    """None, NaN or pandas' <NA> (a rank before the council has finished)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def points(value: Any) -> str:
    """A score as users read it: 12,5 (comma, trailing zeros trimmed); a missing score as a dash."""
    if missing(value):
        return DASH
    try:
        return fmt_decimal(value)
    except (TypeError, ValueError):
        return DASH


def percent(value: Any) -> str:
    """A percentage already on the 0–100 scale: 87,25."""
    if missing(value):
        return DASH
    return fmt_decimal(value, 2)


# ---------------------------------------------------------------- the criteria tree

def method_text(node: ParCriterion) -> str:
    """The scoring rule in a few words, for the tree table."""
    if node.method is None:
        return "Tổng tiêu chí con"
    if node.method == ScoringMethod.YES_NO:
        return f"Có/Không (0 hoặc {fmt_decimal(node.max_score)})"
    if node.method == ScoringMethod.LEVELS:
        scores = "; ".join(fmt_decimal(Decimal(str(score))) for score, _label in (node.levels or []))
        return f"Theo mức: {scores}"
    return f"Khoảng 0–{fmt_decimal(node.max_score)}, bước {fmt_decimal(node.step or Decimal(1))}"


def levels_text(levels: list | None) -> str:
    """The levels of a criterion as the lines a person edits: «0,5: Hoàn thành một phần»."""
    return "\n".join(f"{fmt_decimal(Decimal(str(score)))}: {label}" for score, label in (levels or []))


def parse_levels(text: str) -> list[tuple[str, str]]:
    """Lines «điểm: nhãn» (or «điểm - nhãn») as (score text, label); the service checks the scores."""
    levels = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        score, sep, label = line.partition(":")
        if not sep:
            score, sep, label = line.partition(" - ")
        levels.append((score.strip(), label.strip()))
    return levels


def tree_frame(nodes: Sequence[ParCriterion]) -> pd.DataFrame:
    """The tree as an indented table: a field in capitals weight, its criteria and sub-criteria indented."""
    indent = "\u3000"
    rows = []
    for node in nodes:
        rows.append({
            "Mã": node.code,
            "Tên lĩnh vực, tiêu chí": indent * (node.level - 1) + node.name,
            "Điểm tối đa": fmt_decimal(node.max_score),
            "Cách chấm": method_text(node),
            "TLKC": "Bắt buộc" if node.evidence_required else "",
        })
    return pd.DataFrame(rows, columns=["Mã", "Tên lĩnh vực, tiêu chí", "Điểm tối đa", "Cách chấm", "TLKC"])


TREE_COLUMNS = {
    "Mã": st.column_config.TextColumn("Mã", width=60),
    "Tên lĩnh vực, tiêu chí": st.column_config.TextColumn("Tên lĩnh vực, tiêu chí", width=430),
    "Điểm tối đa": st.column_config.TextColumn("Tối đa", width=64, alignment="right", help="Điểm tối đa"),
    "Cách chấm": st.column_config.TextColumn("Cách chấm", width=190),
    "TLKC": st.column_config.TextColumn("TLKC", width=72,
                                        help="Bắt buộc đính kèm tài liệu kiểm chứng khi tự đánh giá"),
}


# ---------------------------------------------------------------- Excel import

def error_table(errors: Sequence[CellError], *, key: str) -> None:
    """Where a refused file is wrong: row, column, message — every message readable in full."""
    table = [{"Dòng": str(e.row), "Cột": e.column, "Lỗi": e.message} for e in errors]
    if len(table) <= 100:
        st.table(table, hide_index=True, border="horizontal")
    else:
        st.dataframe(table, hide_index=True, width="stretch", key=key,
                     column_config={"Dòng": st.column_config.TextColumn(width=60),
                                    "Cột": st.column_config.TextColumn(width=160),
                                    "Lỗi": st.column_config.TextColumn(width=900)})


def refused_message(count: int) -> str:
    return (f"Tệp có {count} lỗi; chưa nhập dòng nào. Hãy sửa các lỗi dưới đây trong tệp rồi tải lên lại.")


def xlsx_uploader(label: str, *, key: str, help: str | None = None) -> Any:
    from lib.core.services import settings
    from lib.ui.session import db

    with db() as session:
        limit = settings.get(session, "upload_max_mb")
    return st.file_uploader(label, type=["xlsx"], key=key, max_upload_size=limit,
                            help=help or f"Tệp Excel (.xlsx), tối đa {limit} MB.")


def excel_download(label: str, make: Callable[[], bytes], file_name: str, *, key: str) -> None:
    """A download button whose file is made only when the user clicks (an export is audited then)."""
    st.download_button(label, make, file_name=file_name, mime=XLSX_MIME, key=key, icon=":material/download:",
                       on_click="ignore")


# ---------------------------------------------------------------- results

def late_text(value: Any) -> str:
    return "" if missing(value) or not value else "Có"


def rank_text(value: Any) -> str:
    if missing(value):
        return DASH
    return str(int(value))


STATUS_SHORT = {ParAssessmentStatus.DRAFT: "Đang tự đánh giá", ParAssessmentStatus.SUBMITTED: "Đang thẩm định",
                ParAssessmentStatus.FINAL: "Đã phê duyệt"}


def stage_points(record: dict, key: str) -> str:
    """A sum of `results().table` for one stage; a dash while the unit has not reached that stage (an empty sum
    there is "not yet", not a score of 0)."""
    status = ParAssessmentStatus(record["status"])
    value = record[key]
    empty = missing(value) or value == 0
    if empty and (status == ParAssessmentStatus.DRAFT or (key != "self" and status != ParAssessmentStatus.FINAL)):
        return DASH
    return points(value)


def ranking_frame(table: pd.DataFrame, components: Sequence[Any], *, totals_only: bool) -> pd.DataFrame:
    """One kind of unit's rows of `results().table`, as the page shows them (strings in Vietnamese style)."""
    rows = []
    for record in table.to_dict("records"):
        row: dict[str, str] = {"Hạng": rank_text(record["rank"]), "Đơn vị": record["unit"]}
        if not totals_only:
            row["Tự đánh giá"] = stage_points(record, "self")
            row["Thẩm định"] = stage_points(record, "appraised")
            row["Phê duyệt"] = stage_points(record, "final")
            for component in components:
                row[component.name] = points(record.get(f"component_{component.id}"))
        row["Tổng điểm"] = points(record["total"])
        row["Tỷ lệ %"] = percent(record["percent"])
        row["Xếp loại"] = record["grade"] or DASH
        if not totals_only:
            row["Nộp muộn"] = late_text(record["late"])
            row["Tình trạng"] = STATUS_SHORT[ParAssessmentStatus(record["status"])]
        rows.append(row)
    columns = ["Hạng", "Đơn vị"]
    if not totals_only:
        columns += ["Tự đánh giá", "Thẩm định", "Phê duyệt", *[c.name for c in components]]
    columns += ["Tổng điểm", "Tỷ lệ %", "Xếp loại"]
    if not totals_only:
        columns += ["Nộp muộn"]
        if any(r["Tình trạng"] != STATUS_SHORT[ParAssessmentStatus.FINAL] for r in rows):
            columns += ["Tình trạng"]   # only while some unit is not yet approved
    return pd.DataFrame(rows, columns=columns)


def ranking_columns(components: Sequence[Any], *, short: bool = True) -> dict[str, Any]:
    """Short labels and widths: the table of one kind of unit fits 1366 px beside the menu (one component).
    `short=False` for the public table of totals only, which has room for full labels."""
    def number(label: str, help: str, width: int = 70) -> Any:
        return st.column_config.TextColumn(label, help=help, width=width, alignment="right")

    config: dict[str, Any] = {
        "Hạng": st.column_config.TextColumn("Hạng", width=46, alignment="center"),
        "Đơn vị": st.column_config.TextColumn("Đơn vị", width=205 if short else 300),
        "Tự đánh giá": number("Tự ĐG", "Tổng điểm đơn vị tự đánh giá", 62),
        "Thẩm định": number("Thẩm định", "Tổng điểm Tổ giúp việc thẩm định"),
        "Phê duyệt": number("Phê duyệt", "Tổng điểm Hội đồng thẩm định phê duyệt"),
        "Tổng điểm": number("Tổng" if short else "Tổng điểm",
                            "Tổng điểm: điểm phê duyệt cộng điểm các thành phần khác", 60 if short else 90),
        "Tỷ lệ %": number("Tỷ lệ %", "Tổng điểm so với điểm tối đa", 62 if short else 80),
        "Xếp loại": st.column_config.TextColumn("Xếp loại", width=82 if short else 110),
        "Nộp muộn": st.column_config.TextColumn("Muộn", width=56, help="Nộp kết quả tự đánh giá sau hạn của đợt"),
        "Tình trạng": st.column_config.TextColumn("Tình trạng", width=124),
    }
    for component in components:
        short = component.name if len(component.name) <= 10 else component.name[:9].rstrip() + "…"
        config[component.name] = number(short, f"{component.name} (tối đa {fmt_decimal(component.max_score)} điểm)")
    return config


def groups_in(table: pd.DataFrame) -> list[ParUnitGroup]:
    present = set(table["group"]) if not table.empty else set()
    return [g for g in ParUnitGroup if g in present]


BAR_HEIGHT = 26   # px per unit: room for a 12 px label on every bar


def ranking_chart(rows: pd.DataFrame, group: ParUnitGroup) -> alt.Chart:
    """The ranking of one kind of unit as bars, every unit named on the axis (Vega-Lite drops labels it thinks
    overlap: 7 names for 14 bars), titled with the kind of unit as written («UBND cấp huyện»).

    `rows`: the ranked units of the group, with unit, total, rank and grade."""
    bars = pd.DataFrame({"Đơn vị": rows["unit"], "Tổng điểm": [float(v) for v in rows["total"]],
                         "Hạng": [int(r) for r in rows["rank"]], "Xếp loại": rows["grade"],
                         "Điểm": [points(v) for v in rows["total"]]})
    return alt.Chart(bars).mark_bar().encode(
        y=alt.Y("Đơn vị:N", sort="-x", title=None,
                axis=alt.Axis(labelLimit=240, labelOverlap=False, labelFontSize=12, labelPadding=4)),
        x=alt.X("Tổng điểm:Q", title="Tổng điểm"),
        color=alt.Color("Xếp loại:N", scale=alt.Scale(domain=GRADE_ORDER, range=GRADE_COLOURS),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("Hạng:Q"), alt.Tooltip("Đơn vị:N"), alt.Tooltip("Điểm:N", title="Tổng điểm"),
                 alt.Tooltip("Xếp loại:N")],
    ).properties(height=BAR_HEIGHT * len(bars), title=f"Xếp hạng {in_sentence(group.label)}")
