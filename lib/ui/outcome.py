"""Where the outcome of a form is shown: right below the button that was pressed, and a refusal that names an
input also right below that input.

A form can be far longer than the screen (a Chỉ số CCHC field is several thousand pixels); a message at the top of
the page is never seen by someone who pressed «Lưu nháp» at the bottom, and a refused score then looks saved.

How a page uses it:
- draw the button with `submit_button` (in a form) or `action_button` (outside one) instead of
  `st.form_submit_button` / `st.button`: a placeholder follows the button;
- run the service call with `lib.ui.widgets.attempt` right after the button was pressed: a refusal is written
  into that placeholder at once; a success is kept and written there after the rerun that redraws the page;
- optionally put `at_input(slot, name)` under an input: a refusal whose `DomainError.field` (or one of whose
  `DomainError.fields`) is `name` is written there as well;
- a button's callback (which runs before the page) keeps its outcome with `record(slot, …)`; the button drawn
  with the same `slot` shows it.

An outcome whose button is not drawn again (the form is gone after the save) stays at the top of the page, where
`widgets.show_flash` (`start_page`) first draws every outcome; an outcome is kept for one run only, never shown
later at a button pressed again.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from lib.core.errors import DomainError

PENDING = "_outcome-pending"    # slot -> Outcome kept for the next run
PLACES = "_outcome-places"      # slot -> placeholder below its button, drawn in this run
INPUTS = "_outcome-inputs"      # (slot, input name) -> placeholder below the input, drawn in this run
PRESSED = "_outcome-pressed"    # the slot of the button pressed in this run
TOP = "_outcome-top"            # slot -> the outcome's first place, at the top of the page, in this run
TABS = "_outcome-tabs"          # tab labels -> the tab that last showed an outcome

SUCCESS_ICON = ":material/check_circle:"
ERROR_ICON = ":material/error:"


@dataclass
class Outcome:
    ok: bool
    message: str
    fields: dict[str, str]
    age: int = 0    # 1 once drawn at the top of a page (see start_page)


def _state() -> Any:
    return st.session_state


def _pending() -> dict[str, Outcome]:
    return _state().setdefault(PENDING, {})


def new_run() -> None:
    """At the start of every run of the app: forget the places drawn in the last run."""
    state = _state()
    for key in (PLACES, INPUTS, PRESSED, TOP):
        state.pop(key, None)


def start_page() -> None:
    """At the top of a page (before any of its buttons): the places of an earlier run are not this page's; each
    outcome kept for this run is drawn here first, and moved below its button when the page draws that button
    (so an outcome whose form is gone after the save stays here, at the top)."""
    state = _state()
    for key in (PLACES, INPUTS, PRESSED):
        state.pop(key, None)
    pending, tops = _pending(), {}
    for slot in list(pending):
        if pending[slot].age > 0:   # drawn at the top of an earlier run already: it has been seen
            del pending[slot]
            continue
        pending[slot].age = 1
        tops[slot] = st.empty()
        _write(tops[slot], pending[slot])
    state[TOP] = tops


def error_fields(error: DomainError) -> dict[str, str]:
    """The inputs a refusal names, each with its own message."""
    fields = dict(getattr(error, "fields", None) or {})
    if error.field and error.field not in fields:
        fields[error.field] = str(error)
    return fields


def record(slot: str, ok: bool, message: str, fields: dict[str, str] | None = None) -> None:
    """Keep an outcome for the button of `slot` (shown when that button is drawn, in this run or the next)."""
    _pending()[slot] = Outcome(ok, message, dict(fields or {}))


def record_error(slot: str, error: DomainError) -> None:
    record(slot, False, str(error), error_fields(error))


def _write(place: Any, item: Outcome) -> None:
    if item.ok:
        place.success(item.message, icon=SUCCESS_ICON)
    else:
        place.error(item.message, icon=ERROR_ICON)


def here(slot: str) -> None:
    """The place of `slot`'s outcome (right after its button, or after a row of buttons sharing the slot)."""
    place = st.empty()
    _state().setdefault(PLACES, {})[slot] = place
    item = _pending().pop(slot, None)
    if item is not None:
        _write(place, item)
        top = (_state().get(TOP) or {}).get(slot)
        if top is not None:
            top.empty()


def expander(label: str, *slots: str, **kwargs: Any) -> Any:
    """`st.expander` holding the form of `slots`: open when one of them has an outcome to show, so that the message
    under its button is seen after the rerun (a closed expander would hide it)."""
    pending = _pending()
    return st.expander(label, expanded=kwargs.pop("expanded", False) or any(s in pending for s in slots), **kwargs)


def _matches(slot: str, pending: Mapping[str, Any]) -> bool:
    """`slot` is pending; a slot ending in «*» names every slot that begins so (forms drawn per row)."""
    if slot.endswith("*"):
        return any(name.startswith(slot[:-1]) for name in pending)
    return slot in pending


def tabs(labels: Sequence[str], slots: Mapping[str, Iterable[str]], **kwargs: Any) -> Sequence[Any]:
    """`st.tabs` whose forms show outcomes: the tab whose button (one of `slots[label]`; «prefix*» for every slot
    that begins so) has an outcome to show is the one open after the rerun (Streamlit would open the first tab and
    hide the message). The tab stays the default afterwards, so that the next rerun does not jump back to the first
    one."""
    pending = _pending()
    remembered = _state().setdefault(TABS, {})
    group = "|".join(labels)
    for label, its_slots in slots.items():
        if any(_matches(s, pending) for s in its_slots):
            remembered[group] = label
    default = remembered.get(group)
    return st.tabs(list(labels), default=default if default in labels else None, **kwargs)


def at_input(slot: str, name: str) -> None:
    """The place, under an input of `slot`'s form, of a refusal naming the input `name`."""
    place = st.empty()
    _state().setdefault(INPUTS, {})[(slot, name)] = place
    item = _pending().get(slot)
    if item is not None and not item.ok and name in item.fields:
        place.error(item.fields[name], icon=ERROR_ICON)


def _button_drawn(pressed: bool, slot: str, show: bool) -> bool:
    if pressed:
        _state()[PRESSED] = slot
    if show:
        here(slot)
    return pressed


def submit_button(label: str, *, key: str | None = None, slot: str | None = None, show: bool = True,
                  **kwargs: Any) -> bool:
    """`st.form_submit_button` followed by the place of its outcome. `slot` names the outcome (default: the key, or
    the label); `show=False` when several buttons in a row share a slot placed by `here(slot)` after the row."""
    pressed = st.form_submit_button(label, key=key, **kwargs)
    return _button_drawn(pressed, slot or key or label, show)


def action_button(label: str, *, key: str | None = None, slot: str | None = None, show: bool = True,
                  **kwargs: Any) -> bool:
    """`st.button` followed by the place of its outcome (see `submit_button`)."""
    pressed = st.button(label, key=key, **kwargs)
    return _button_drawn(pressed, slot or key or label, show)


def refused(error: DomainError, slot: str | None = None) -> None:
    """Show a refusal now: below the pressed button and below each input it names; where the page drew no such
    place, where the page is now."""
    slot = slot or _state().pop(PRESSED, None)
    places = _state().get(PLACES, {})
    place = places.get(slot) if slot else None
    (place or st).error(str(error), icon=ERROR_ICON)
    inputs = _state().get(INPUTS, {})
    for name, message in error_fields(error).items():
        under = inputs.get((slot, name))
        if under is not None:
            under.error(message, icon=ERROR_ICON)


def succeeded(message: str, slot: str | None = None) -> bool:
    """Keep a success for the pressed button (shown below it after the rerun). False when no button was pressed in
    this run (the caller shows the message at the top instead)."""
    slot = slot or _state().pop(PRESSED, None)   # used once: a later callback never inherits it
    if slot is None:
        return False
    record(slot, True, message)
    return True
