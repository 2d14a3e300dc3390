"""The photo gallery of a project (seed 000 art. 7.3 «hình ảnh dự án»; issue 10 item 1): a grid of images with
caption and date, the investor's upload form and delete buttons. The lead wires `render_photos` into a tab of the
project page."""
from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib.core import vi
from lib.core.access import Actor
from lib.core.calendar import local_today
from lib.core.errors import NotFound
from lib.core.format import fmt_date
from lib.core.services import settings
from lib.projects import photos, records, texts
from lib.ui import outcome
from lib.ui.session import db
from lib.ui.widgets import action_button, attempt, date_input, file_input, submit_button

PER_ROW = 3
IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


def photo_grid(items: Sequence[photos.Photo], *, actor: Actor | None = None, may_delete: bool = False,
               key: str = "anh") -> None:
    """Images three to a row, each with its caption, the day it was taken and the step it shows."""
    for start in range(0, len(items), PER_ROW):
        columns = st.columns(PER_ROW)
        for column, photo in zip(columns, items[start:start + PER_ROW]):
            with column:
                line = f"{photo.caption} — chụp ngày {fmt_date(photo.taken_on)}"
                if photo.step:
                    line += f" · bước {photo.step}"
                st.image(photo.data, caption=line, width="stretch")
                if may_delete and actor is not None:
                    if action_button("Xóa ảnh", key=f"{key}-xoa-{photo.id}", icon=":material/delete:"):
                        def delete(photo_id: int = photo.id) -> str:
                            with db() as session:
                                return photos.delete_photo(session, actor, photo_id)
                        attempt(delete, texts.PHO_DELETED.format(caption=photo.caption))


def render_photos(actor: Actor, project_id: int) -> None:
    """The gallery of one project for `actor`, with the upload form for the investor's editors."""
    try:
        with db() as session:
            found = photos.gallery(session, actor, project_id)
            upload_mb = settings.get(session, "upload_max_mb")
    except NotFound:
        st.error(vi.ERR_NOT_FOUND)
        return
    if found.photos:
        photo_grid(found.photos, actor=actor, may_delete=found.may_edit, key=f"anh-{project_id}")
    else:
        st.info("Dự án chưa có ảnh nào.", icon=":material/photo_library:")
    if not found.may_edit:
        return
    today = local_today()
    steps = dict(found.steps)
    with outcome.expander("Thêm ảnh hiện trường", "anh-luu"), st.form("anh-them", clear_on_submit=True):
        upload = file_input("Tệp ảnh *", key="anh-tep", max_mb=upload_mb, types=IMAGE_EXTENSIONS)
        outcome.at_input("anh-luu", "file")
        caption = st.text_input("Chú thích *", key="anh-chu-thich", max_chars=photos.CAPTION_MAX,
                                placeholder="ví dụ: Thi công mố cầu phía bờ trái")
        outcome.at_input("anh-luu", "caption")
        c1, c2 = st.columns(2)
        with c1:
            taken = date_input("Ngày chụp *", value=today, key="anh-ngay", max_value=today)
            outcome.at_input("anh-luu", "taken_on")
        step_id = c2.selectbox("Bước của quy trình (không bắt buộc)", list(steps), index=None, key="anh-buoc",
                               placeholder=vi.CHOOSE, format_func=lambda i: steps[i])
        if submit_button("Thêm ảnh", key="anh-luu", type="primary", icon=":material/add_photo_alternate:"):
            file = records.Upload(upload.name, upload.getvalue()) if upload is not None else None

            def save() -> int:
                with db() as session:
                    return photos.add_photo(session, actor, project_id, file, caption, taken, step_id)
            attempt(save, texts.PHO_ADDED.format(caption=" ".join((caption or "").split())))
