"""Widgets and helpers that several pages share."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st

from lib.core import vi
from lib.core.errors import DomainError
from lib.core.services.units import UnitRow
from lib.ui import outcome
from lib.ui.outcome import action_button, at_input, submit_button  # noqa: F401  (the pages' buttons)

T = TypeVar("T")

FLASH_KEY = "_flash"


def flash(message: str) -> None:
    """A success message that survives the rerun that follows a saved form: shown below the button pressed in this
    run (see lib.ui.outcome), or at the top of the page when the action came from elsewhere."""
    if not outcome.succeeded(message):
        st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    """At the top of every page that acts: a success kept without a button, and the place of outcomes whose
    button is gone."""
    outcome.start_page()
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def attempt(action: Callable[[], T], success: str | None = None, *, rerun: bool = True) -> T | None:
    """Run a service call right after a button drawn with `submit_button` / `action_button` was pressed. A refusal
    is shown in Vietnamese below that button (and below the input it names) and nothing is saved; a success is
    shown below the button after the rerun."""
    try:
        result = action()
    except DomainError as error:
        outcome.refused(error)
        return None
    if success:
        flash(success)
    if rerun:
        st.rerun()
    return result


def selection_key(base: str, ids: Sequence[Any]) -> str:
    """The key of a selectable data frame showing the rows `ids`: a new key whenever the list changes.

    A data frame's selection is a row number that survives reruns; after a new search or sort the same number
    would point at another record, and the forms under the table would act on it. A new key starts the new list
    with nothing selected. The first list keeps `base` itself as its key."""
    ids_key, generation_key = f"_{base}-ids", f"_{base}-generation"
    current = list(ids)
    if st.session_state.get(ids_key, current) != current:
        st.session_state[generation_key] = st.session_state.get(generation_key, 0) + 1
    st.session_state[ids_key] = current
    generation = st.session_state.get(generation_key, 0)
    return base if generation == 0 else f"{base}-{generation}"


def unit_label(row: UnitRow, indent: bool = True) -> str:
    prefix = "　" * row.depth if indent else ""
    suffix = "" if row.status.value == "active" else f" ({row.status.label.lower()})"
    return f"{prefix}{row.name}{suffix}"


def unit_select(label: str, rows: Sequence[UnitRow], *, key: str, default_id: int | None = None,
                allow_none: bool = False, none_label: str = "(không có)", help: str | None = None) -> int | None:
    """A select box of units in tree order; returns the chosen unit id."""
    options: list[int | None] = ([None] if allow_none else []) + [r.id for r in rows]
    labels = {r.id: unit_label(r) for r in rows}
    index = options.index(default_id) if default_id in options else 0
    if not options:
        st.info("Chưa có đơn vị nào.")
        return None
    # A None option chosen shows as an empty box with its placeholder: the placeholder is the None label.
    return st.selectbox(label, options, index=index, key=key, help=help,
                        placeholder=none_label if allow_none else vi.CHOOSE,
                        format_func=lambda i: none_label if i is None else labels[i])


def enum_select(label: str, members: Sequence[Any], *, key: str, allow_all: bool = False,
                index: int = 0) -> Any:
    options = ([None] if allow_all else []) + list(members)
    return st.selectbox(label, options, index=index, key=key, placeholder=vi.ALL if allow_all else vi.CHOOSE,
                        format_func=lambda m: vi.ALL if m is None else m.label)


def upload_limit_mb(setting_mb: int) -> int:
    """The size a file may have: the administrator's setting, never above what the web server accepts
    (`server.maxUploadSize` in .streamlit/config.toml refuses bigger requests before the app sees them)."""
    from streamlit import config

    return max(1, min(int(setting_mb), int(config.get_option("server.maxUploadSize"))))


def file_input(label: str, *, key: str, max_mb: int, types: Sequence[str] | None = None,
               help: str | None = None, multiple: bool = False) -> Any:
    """A file uploader that states, in Vietnamese, its size limit and the file types it takes.

    Streamlit writes "Upload" and "… per file • TYPES" under the box in English and offers no parameter for
    either; the shared style (lib.ui.chrome) replaces both, and the line under this uploader is written here."""
    import re

    from lib.core.files import ALLOWED_EXTENSIONS

    types = list(types or ALLOWED_EXTENSIONS)
    limit = upload_limit_mb(max_mb)
    types_text = ", ".join(f".{t}" for t in types)
    line = f"Tối đa {limit} MB một tệp · {types_text}"
    css_key = re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())
    st.html(f"<style>.st-key-{css_key} [data-testid='stFileUploaderDropzoneInstructions'] span::after "
            f"{{content: \"{line}\";}}</style>")
    rule = f"Dung lượng tối đa {limit} MB một tệp. Các định dạng: {types_text}."
    return st.file_uploader(label, type=types, key=key, max_upload_size=limit, accept_multiple_files=multiple,
                            help=f"{help} {rule}" if help else rule)


FILTER_PARAMS = {"statuses": "trang-thai", "timeliness": "thoi-han", "lead_only": "chu-tri", "mine": "theo-doi",
                 "returned": "tra-lai"}


def filter_query(**filters: Any) -> dict[str, str]:
    """The query string of a link that opens a list filtered: statuses / timeliness (enum members), lead_only,
    mine (flags). Read back by `preset_filters` on the page the link opens."""
    query = {}
    for name, value in filters.items():
        if value:
            query[FILTER_PARAMS[name]] = ",".join(v.value for v in value) if isinstance(value, (list, tuple)) else "1"
    return query


def preset_filters(**widgets: tuple[str, Any]) -> dict[str, Any]:
    """Put the filters a link carried (see `filter_query`) into the widgets' state before they are drawn, then
    drop them from the address (the widgets keep them; the user changes them from there). `widgets` maps a filter
    name to (widget key, enum class, or None for a flag). Returns the filters found."""
    found: dict[str, Any] = {}
    for name, (key, enum_class) in widgets.items():
        raw = st.query_params.get(FILTER_PARAMS[name])
        if raw is None:
            continue
        if enum_class is None:
            found[name] = raw == "1"
        else:
            known = {m.value: m for m in enum_class}
            found[name] = [known[v] for v in raw.split(",") if v in known]
        if key:
            st.session_state[key] = found[name]
        del st.query_params[FILTER_PARAMS[name]]
    return found


def date_input(label: str, value: Any = "today", *, key: str, **kwargs: Any) -> Any:
    return st.date_input(label, value=value, key=key, format="DD/MM/YYYY", **kwargs)


def page_link(spec: "PageSpec", label: str | None = None,  # noqa: F821
              query_params: dict[str, str] | None = None) -> None:
    """A link to another page of the menu (plain text when the page runs outside the app's navigation)."""
    from streamlit.errors import StreamlitAPIException

    try:
        st.page_link(spec.path, label=label or spec.title, icon=spec.icon, query_params=query_params or None)
    except StreamlitAPIException:
        st.markdown(f"- {label or spec.title}")


def file_download_button(actor: "Actor | None", attachment_id: int, *, label: str | None = None,  # noqa: F821
                         key: str) -> None:
    """A download button for an attachment the actor may read; the file is read (and audited) only on click."""
    from lib.core.errors import DomainError as _DomainError
    from lib.core.services import attachments
    from lib.ui.session import db

    try:
        with db() as session:
            info = attachments.info(session, actor, attachment_id)
    except _DomainError:
        return

    def fetch() -> bytes:
        with db() as session:
            return attachments.download(session, actor, attachment_id).data

    st.download_button(label or f"Tải tệp: {info.name}", fetch, file_name=info.name, mime=info.mime, key=key,
                       icon=":material/download:", on_click="ignore")
