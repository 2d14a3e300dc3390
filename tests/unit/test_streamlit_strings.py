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

from lib.core.services.settings import DEFINITIONS
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


# ---- the start-up line and the addresses that are not pages (issue 8 item 14) ---------------------------------

@pytest.fixture
def streamlit_options():  # noqa: ANN201
    """Set Streamlit options for one test, as `--server.port` on the command line would; restored afterwards."""
    from streamlit import config

    saved: dict[str, object] = {}

    def set_options(**options: object) -> None:
        for name, value in options.items():
            key = name.replace("__", ".")
            saved.setdefault(key, config.get_option(key))
            config.set_option(key, value)

    yield set_options
    for key, value in saved.items():
        config.set_option(key, value)


def test_the_start_up_line_names_the_port_given_not_always_8501(streamlit_options, capsys) -> None:
    from lib.ui import server

    streamlit_options(server__port=8080, server__address="127.0.0.1")
    server.print_addresses()
    assert capsys.readouterr().out == "Đôn Đốc đang chạy tại http://127.0.0.1:8080 (nhấn Ctrl+C để dừng).\n"

    # Served to the whole network (the province server): this computer's address and its network address.
    streamlit_options(server__address="0.0.0.0")
    server.print_addresses()
    line = capsys.readouterr().out
    assert line.startswith("Đôn Đốc đang chạy tại http://localhost:8080") and "8501" not in line


def test_run_py_starts_the_server_module_with_the_options_given(monkeypatch, capsys) -> None:
    """`python run.py --server.port 8080` reaches Streamlit; the line printed before it does not claim a port."""
    import run

    calls = []
    monkeypatch.setattr(run.subprocess, "call", lambda args, cwd: calls.append(args) or 0)
    assert run.start(Path("python"), ["--server.port", "8080"]) == 0
    assert calls == [["python", "-m", "lib.ui.server", "--server.port", "8080"]]
    assert "8501" not in capsys.readouterr().out


def test_streamlits_english_banner_and_server_log_are_off() -> None:
    """`streamlit run app.py` directly prints no English banner either (run.py prints its own line)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["logger"]["hideWelcomeMessage"] is True and config["logger"]["level"] == "warning"


def test_the_streamlit_internals_behind_the_not_found_page_still_exist() -> None:
    """lib.ui.chrome.requested_url_path reads the address asked for from the session's pages manager, and
    lib.ui.server switches the old pages/ mode off and replaces the banner: an upgrade that renames any of these
    must fail here, not silently bring back the English «Page not found» dialog."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import bootstrap

    assert isinstance(PagesManager.intended_page_name, property)
    assert isinstance(PagesManager.intended_page_script_hash, property)
    assert hasattr(PagesManager, "uses_pages_directory") and callable(bootstrap._print_url)
    frontend = next(STATIC_JS.glob("index.*.js")).read_text(encoding="utf-8")
    assert "Running the app's main page." in frontend  # what the app keeps users from seeing


def test_the_english_words_rewritten_in_the_page_are_those_of_the_pinned_frontend() -> None:
    """The page script (chrome.TRANSLATE_JS, added by chrome.style on every run) rewrites Streamlit's remaining
    English — screen-reader labels («Help for …», «Choose date»), «Skip to main content», the empty date and time
    fields («dd / mm / yyyy», «HH : mm»), file sizes in the upload chips («0.6KB») — by exact words and selectors;
    each must still occur in the pinned frontend, and the script must carry every translation."""
    frontend = " ".join(f.read_text(encoding="utf-8") for f in STATIC_JS.glob("*.js"))
    words = [w for w in [*chrome.ARIA_WORDS, *chrome.TEXT_WORDS] if w != "add icon"]  # «add icon»: an icon's name
    missing = [w for w in words if f"`{w}`" not in frontend]
    assert not missing, f"no longer in Streamlit's frontend: {missing}"
    for marker in ("Help for ", "Remove ", "Cancel upload of ", "Selected Date: ", "data-placeholder",
                   "stFileChip", "stFileUploaderDropzoneInstructions", "stSkipToContent"):
        assert marker in frontend, marker
    script = chrome.translate_js()
    for vietnamese in [*chrome.ARIA_WORDS.values(), *chrome.TEXT_WORDS.values(), *chrome.FIELD_PLACEHOLDERS.values(),
                       "Chuyển đến nội dung chính", "Hướng dẫn: $1", "Ngày đã chọn: "]:
        assert vietnamese in script, vietnamese
    assert 'id="dd-vi"' in script and "script#dd-vi" in chrome.CSS  # the script's block takes no space


# ---- markers that do not depend on an emoji font (issue 8 item 17) -------------------------------------------

EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]")


def test_no_emoji_in_what_the_pages_show() -> None:
    """Without an emoji font (a plain Windows or Linux office computer) an emoji is an empty box: markers are
    Material icons (":material/schedule:") or coloured text. Only the browser tab's icon is an emoji."""
    files = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py")), *sorted((ROOT / "lib").rglob("*.py"))]
    found = [f"{path.relative_to(ROOT).as_posix()}:{number}: {line.strip()}"
             for path in files for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if EMOJI.search(line) and "page_icon=" not in line]
    assert not found, "\n".join(found)


def test_the_timeliness_column_is_coloured_text() -> None:
    from lib.core.enums import Timeliness
    from lib.tasks import list_ui as task_list

    assert task_list.timeliness_badge(Timeliness.OVERDUE) == "Quá hạn"
    assert task_list.timeliness_style("Quá hạn") == "color: #b3261e; font-weight: 600"
    assert task_list.timeliness_style("Sắp đến hạn") == "color: #a35200"
    assert task_list.timeliness_style("Đúng hạn") == "color: #1e7b34"
    assert task_list.timeliness_style("Dài hạn") == ""


def test_the_readme_says_how_other_computers_reach_the_app() -> None:
    """Issue 8 item 18: the province-server case — the address the server binds to and the port option."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python run.py --server.address 0.0.0.0 --server.port 8080" in readme
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert f"`{config['server']['address']}`" in readme and f"`{config['server']['port']}`" in readme
