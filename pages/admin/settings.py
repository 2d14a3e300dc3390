"""Tham số và bảo trì: security and upload settings, the maintenance notice."""
import streamlit as st

from lib.core.services import settings
from lib.ui.guard import require_page
from lib.ui.outcome import submit_button
from lib.ui.session import db
from lib.ui.widgets import attempt, show_flash

actor = require_page("settings")
st.title("Tham số và bảo trì")
show_flash()

with db() as session:
    current = settings.all_settings(session)

groups: dict[str, list[settings.SettingDef]] = {}
for definition in settings.DEFINITIONS:
    groups.setdefault(definition.group, []).append(definition)

with st.form("tham-so"):
    values = {}
    for group, definitions in groups.items():
        st.subheader(group)
        for d in definitions:
            if d.kind == "int":
                # The label on the left, a narrow box on the right (a number needs no full-width box).
                text, box = st.columns([4, 1], vertical_alignment="center")
                text.markdown(d.label)
                if d.help or d.source:
                    text.caption(" ".join(filter(None, [d.help, f"Căn cứ: {d.source}." if d.source else ""])))
                values[d.key] = box.number_input(d.label, min_value=d.minimum, max_value=d.maximum,
                                                 value=int(current[d.key]), step=1, label_visibility="collapsed")
            elif d.kind == "choice":
                labels = dict(d.choices)
                options = list(labels)
                values[d.key] = st.radio(d.label, options, index=options.index(current[d.key]),
                                         format_func=labels.get,
                                         help=f"Căn cứ: {d.source}." if d.source else None)
            elif d.kind == "bool":
                values[d.key] = st.toggle(d.label, value=bool(current[d.key]), help=d.help or None)
            elif d.key == "maintenance_message":
                values[d.key] = st.text_area(d.label, value=current[d.key],
                                             placeholder="ví dụ: Hệ thống tạm dừng từ 17:00 đến 18:00 ngày 25/11/2026 "
                                                         "để nâng cấp. Vui lòng lưu công việc trước thời điểm này.")
            else:
                values[d.key] = st.text_input(d.label, value=current[d.key], help=d.help or None)
    if submit_button("Lưu tham số", type="primary"):
        def save() -> None:
            with db() as session:
                settings.update(session, actor, values)
        attempt(save, "Đã lưu tham số. Thông báo bảo trì (nếu bật) hiển thị ngay cho mọi người dùng.")
