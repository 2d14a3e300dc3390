"""Kết quả Chỉ số CCHC: a round's ranking within each kind of unit (self, appraised, approved, other components,
total, grade), charts, a unit's profile by field, earlier years, Excel. What each user reads is the service's."""
from datetime import datetime

import altair as alt
import pandas as pd
import streamlit as st

from lib.par.enums import ParRoundStatus, ParUnitGroup
from lib.core.format import fmt_date, fmt_decimal
from lib.core.excel import excel_filename
from lib.par import results as par_results
from lib.ui.guard import require_page
from lib.par.admin_ui import (excel_download, groups_in, missing, points, rank_text, ranking_chart, ranking_columns,
                              ranking_frame)
from lib.ui.session import db

actor = require_page("par_results")
st.title("Kết quả Chỉ số CCHC")
SCORE_KINDS = {"self": "Tự đánh giá", "appraised": "Thẩm định", "final": "Phê duyệt"}

with db() as session:
    readable = par_results.readable_rounds(session, actor)
if not readable:
    st.info("Chưa có đợt đánh giá nào có kết quả bạn được xem. Kết quả được xem sau khi Sở Nội vụ công bố.")
    st.stop()

by_id = {r.id: r for r in readable}
c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
round_id = c1.selectbox("Đợt đánh giá", list(by_id), key="kq-dot",
                        format_func=lambda i: f"{by_id[i].name} (năm {by_id[i].year})")
with db() as session:
    result = par_results.results(session, actor, round_id)
current = result.round
table = result.table
with c2:
    def export() -> bytes:
        with db() as session:
            return par_results.to_excel(session, actor, round_id)

    excel_download("Tải kết quả (Excel)", export,
                   excel_filename(f"Ket qua Chi so CCHC {current.year}", datetime.now()), key="kq-excel")
state = "đã kết thúc" if current.status == ParRoundStatus.CLOSED else "đang thực hiện"
st.caption(f"Đợt {state} · hạn tự đánh giá {fmt_date(current.self_deadline)} · xếp hạng trong từng nhóm đơn vị theo "
           "điểm Hội đồng thẩm định phê duyệt cộng các thành phần điểm khác, khi đơn vị đã được phê duyệt toàn bộ.")
if table.empty:
    st.info("Đợt đánh giá chưa có kết quả của đơn vị nào bạn được xem.")
    st.stop()

for group in groups_in(table):
    rows = table[table["group"] == group].reset_index(drop=True)
    st.subheader(group.label)
    shown = ranking_frame(rows, result.components, totals_only=False)
    st.dataframe(shown, hide_index=True, width="stretch", key=f"kq-bang-{group.value}",
                 column_config=ranking_columns(result.components), height="auto")
    ranked = rows[rows["total"].notna()]
    if len(ranked) > 1:
        chart = ranking_chart(ranked, group)
        st.altair_chart(chart, width="stretch")

# ---------------------------------------------------------------- one unit, field by field and over the years

st.divider()
st.subheader("Kết quả của một đơn vị")
units = dict(zip(table["unit_id"].astype(int), table["unit"]))
unit_id = st.selectbox("Đơn vị", list(units), format_func=units.get, key="kq-don-vi")
fields = result.fields[result.fields["unit_id"] == unit_id]
if fields.empty:
    st.info(f"{units[unit_id]} chưa có điểm theo lĩnh vực trong đợt này.")
else:
    profile = []
    for record in fields.to_dict("records"):
        maximum = record["max"]
        label = f"{record['code']}. {record['field']}"
        for key, kind in SCORE_KINDS.items():
            value = record[key]
            if missing(value) or not maximum:
                continue
            profile.append({"Lĩnh vực": label, "Mã": record["code"], "Loại điểm": kind,
                            "Tỷ lệ %": round(float(value / maximum * 100), 2),
                            "Điểm": f"{points(value)}/{points(maximum)}"})
    frame = pd.DataFrame(profile)
    if not frame.empty:
        chart = alt.Chart(frame).mark_bar().encode(
            x=alt.X("Mã:N", title="Lĩnh vực", sort=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("Loại điểm:N", sort=list(SCORE_KINDS.values())),
            y=alt.Y("Tỷ lệ %:Q", title="% điểm tối đa của lĩnh vực", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("Loại điểm:N", sort=list(SCORE_KINDS.values()), legend=alt.Legend(orient="bottom")),
            tooltip=["Lĩnh vực", "Loại điểm", "Điểm", alt.Tooltip("Tỷ lệ %:Q", format=".1f")],
        ).properties(height=300)
        st.markdown(f"**{units[unit_id]}: điểm theo lĩnh vực** (tỷ lệ so với điểm tối đa của lĩnh vực)")
        st.altair_chart(chart, width="stretch")
    st.dataframe(pd.DataFrame([{
        "Lĩnh vực": f"{r['code']}. {r['field']}", "Tối đa": points(r["max"]), "Tự đánh giá": points(r["self"]),
        "Thẩm định": points(r["appraised"]), "Phê duyệt": points(r["final"])} for r in fields.to_dict("records")]),
        hide_index=True, width="stretch", key="kq-linh-vuc",
        column_config={"Lĩnh vực": st.column_config.TextColumn(width=360),
                       **{c: st.column_config.TextColumn(width=90, alignment="right")
                          for c in ("Tối đa", "Tự đánh giá", "Thẩm định", "Phê duyệt")}})

groups = groups_in(table)
compare_group = groups[0] if len(groups) == 1 else st.session_state.get("kq-nhom", groups[0])
with db() as session:
    history, compare = par_results.over_the_years(session, actor, unit_id, ParUnitGroup(compare_group))
if len(history) > 1 or (len(history) == 1 and int(history.iloc[0]["year"]) != current.year):
    st.markdown(f"**{units[unit_id]} qua các năm**")
    st.dataframe(pd.DataFrame([{
        "Năm": str(r["year"]), "Đợt đánh giá": r["round"], "Tự đánh giá": points(r["self"]),
        "Phê duyệt": points(r["final"]), "Tổng điểm": points(r["total"]),
        "Hạng": rank_text(r["rank"]),
        "Xếp loại": r["grade"] or "—"} for r in history.to_dict("records")]),
        hide_index=True, width="stretch", key="kq-lich-su")

st.divider()
st.subheader("So sánh qua các năm")
if len(groups) > 1:  # chosen before the figures above were read (its value is in the session state)
    st.radio("Nhóm đơn vị", groups, format_func=lambda g: g.label, horizontal=True, key="kq-nhom")
years = [c for c in compare.columns if c != "unit"] if not compare.empty else []
if len(years) < 2:
    st.info("Chưa có kết quả của năm trước để so sánh.")
else:
    st.dataframe(pd.DataFrame([{"Đơn vị": r["unit"], **{str(y): points(r[y]) for y in years}}
                               for r in compare.to_dict("records")]),
                 hide_index=True, width="stretch", key="kq-so-sanh",
                 column_config={"Đơn vị": st.column_config.TextColumn(width=260),
                                **{str(y): st.column_config.TextColumn(width=80, alignment="right") for y in years}})
    long = compare.melt(id_vars="unit", var_name="Năm", value_name="total").dropna(subset=["total"])
    names = sorted(long["unit"].unique())
    default = [units[unit_id]] if units[unit_id] in names else names[:1]
    picked = st.multiselect("Đơn vị trên biểu đồ", names, default=default + [n for n in names if n not in default][:4],
                            key=f"kq-so-sanh-dv-{compare_group}")
    long = long[long["unit"].isin(picked)]
    if not long.empty:
        long = long.assign(**{"Tổng điểm": [float(v) for v in long["total"]],
                              "Điểm": [points(v) for v in long["total"]], "Năm": long["Năm"].astype(str)})
        chart = alt.Chart(long.rename(columns={"unit": "Đơn vị"})).mark_line(point=True).encode(
            x=alt.X("Năm:O", title="Năm", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("Tổng điểm:Q", title="Tổng điểm", scale=alt.Scale(zero=False)),
            color=alt.Color("Đơn vị:N", legend=alt.Legend(orient="bottom", columns=2, labelLimit=260)),
            tooltip=["Đơn vị", "Năm", alt.Tooltip("Điểm:N", title="Tổng điểm")],
        ).properties(height=300)
        st.altair_chart(chart, width="stretch")
st.caption(f"Điểm tối đa mỗi nhóm: {', '.join(sorted({fmt_decimal(v) for v in table['max_total']}))} điểm "
           "(bộ tiêu chí và các thành phần điểm khác).")
