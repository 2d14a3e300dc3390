"""Streamlit's own English words: what the app sets so that users read Vietnamese only.

Select boxes and multiselects get a Vietnamese placeholder; file uploaders go through lib.ui.widgets.file_input
(Vietnamese limit and types); the web server's upload limit is the default of the setting; the CSS rules that
replace the words no parameter reaches still select something in the pinned Streamlit frontend.
"""
from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest
import streamlit

from lib.services.settings import DEFINITIONS
from lib.ui import chrome

ROOT = Path(__file__).resolve().parents[2]
STATIC_JS = Path(streamlit.__file__).parent / "static" / "static" / "js"


def _is_par(path: Path) -> bool:
    """The Chỉ số CCHC pages are another team's (they follow the same rule on their side)."""
    rel = path.relative_to(ROOT).as_posix()
    return rel.startswith("pages/par/") or rel == "pages/public/par.py" or Path(rel).name.startswith("par_")


def _sources() -> list[Path]:
    files = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py")), *sorted((ROOT / "lib" / "ui").glob("*.py"))]
    return [f for f in files if not _is_par(f)]


def _calls(name: str) -> list[tuple[str, int, ast.Call]]:
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name:
                found.append((path.relative_to(ROOT).as_posix(), node.lineno, node))
    return found


@pytest.mark.parametrize("widget", ["selectbox", "multiselect"])
def test_every_select_box_has_a_vietnamese_placeholder(widget: str) -> None:
    """Without one, an empty box says «Choose an option» (or «Add an option», «No options to select»)."""
    calls = _calls(widget)
    assert calls, f"no {widget} found: the scan is broken"
    missing = [f"{path}:{line}" for path, line, call in calls if "placeholder" not in {k.arg for k in call.keywords}]
    assert not missing, f"{widget} without placeholder=: {missing}"


def test_file_uploaders_go_through_the_helper_that_states_limit_and_types() -> None:
    direct = [f"{path}:{line}" for path, line, _ in _calls("file_uploader") if path != "lib/ui/widgets.py"]
    assert not direct, f"use lib.ui.widgets.file_input instead of st.file_uploader: {direct}"


def test_the_web_server_upload_limit_is_the_default_of_the_setting() -> None:
    """Streamlit prints the server limit under every uploader ("200MB per file" before); the service refuses
    bigger files than the setting anyway."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    default = next(d.default for d in DEFINITIONS if d.key == "upload_max_mb")
    assert config["server"]["maxUploadSize"] == default == 20


def test_the_css_that_replaces_streamlits_english_words_still_selects_them() -> None:
    """The «No results» line of a select box and a multiselect has no parameter; the style hides it by its CSS
    class and writes Vietnamese instead. A Streamlit upgrade that renames the class must fail here."""
    selectbox = next(STATIC_JS.glob("Selectbox.*.js")).read_text(encoding="utf-8")
    multiselect = next(STATIC_JS.glob("Multiselect.*.js")).read_text(encoding="utf-8")
    uploader = next(STATIC_JS.glob("FileUploader.*.js")).read_text(encoding="utf-8")
    select_class, multi_class = chrome.NO_RESULTS_CLASSES
    # The styled span with that class is what renderEmptyState draws, and it says «No results».
    span = re.search(r"(\w+)=\w+\(`span`,\{target:`" + select_class + "`\}", selectbox)
    assert span and f"renderEmptyState:()=>r({span.group(1)},{{children:`No results`}})" in selectbox
    span = re.search(r"(\w+)=\w+\(`span`,\{target:`" + multi_class + "`\}", multiselect)
    assert span and f"renderEmptyState:()=>r({span.group(1)},{{children:" in multiselect
    assert "No results" in multiselect
    for class_name in chrome.NO_RESULTS_CLASSES:
        assert f".{class_name}::after" in chrome.CSS
    # The uploader's button label and its line of instructions.
    assert "stFileUploaderDropzoneInstructions" in uploader and "per file" in uploader
    assert "label:l?`Upload directories`:`Upload`" in uploader
    assert 'content: "Chọn tệp"' in chrome.CSS
