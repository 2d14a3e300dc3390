"""What surrounds every page: style, maintenance banner, identity in the sidebar, the first start."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from lib.core import auth_config, vi
from lib.core.access import Actor
from lib.core.errors import DomainError
from lib.core.services import accounts, settings, setup
from lib.ui.outcome import submit_button
from lib.ui.session import db

CSS = """
<style>
  .block-container {padding-top: 2.2rem; padding-bottom: 2rem; max-width: 1400px;}
  [data-testid="stSidebar"] .dd-identity {font-size: 0.9rem; line-height: 1.35;}
  [data-testid="stSidebar"] .dd-identity small {color: #5f6b7a;}
  .dd-login-brand {text-align: center; margin-top: 1.5rem;}
  .dd-login-brand h1 {margin-bottom: 0.1rem;}
  .dd-muted {color: #5f6b7a; font-size: 0.9rem;}
  /* Streamlit's own English words that no parameter changes (pinned streamlit==1.67.0; the test
     tests/unit/test_streamlit_strings.py fails if an upgrade renames what these rules select). */
  [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {font-size: 0;}
  [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after
    {content: "Chọn tệp"; font-size: 0.875rem;}
  [data-testid="stFileUploaderDropzoneInstructions"] span {font-size: 0; white-space: normal;}
  [data-testid="stFileUploaderDropzoneInstructions"] span::after
    {content: "Kéo thả tệp vào đây"; font-size: 0.875rem; white-space: normal;}
  .equpb2c9, .eo2qvtu11 {font-size: 0 !important;}
  .equpb2c9::after, .eo2qvtu11::after {content: "Không có lựa chọn phù hợp"; font-size: 0.875rem;}
  /* The block of the script that writes Vietnamese over Streamlit's remaining English (TRANSLATE_JS): no space. */
  [data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script#dd-vi) {display: none;}
</style>
"""

# The CSS classes of the "No results" line of Streamlit's select box and multiselect (frontend of 1.67.0).
NO_RESULTS_CLASSES = ("equpb2c9", "eo2qvtu11")

# Streamlit's English words that neither a parameter nor CSS reaches: what screen readers announce (aria labels,
# «Help for …», «Skip to main content»), the empty date and time fields («dd / mm / yyyy», «HH : mm»), the size of an
# uploaded file («208.0B», «0.6KB») and the uploader's own words. A watcher rewrites them in the page as Streamlit
# draws them (attributes and text nodes only: the elements stay React's). The words and the selectors are those of
# the pinned streamlit==1.67.0 frontend; tests/unit/test_streamlit_strings.py fails if an upgrade changes them.
ARIA_WORDS = {
    "Choose date": "Chọn ngày", "Choose date range": "Chọn khoảng ngày", "Clear date": "Xóa ngày",
    "Clear dates": "Xóa các ngày", "Clear time": "Xóa giờ", "Clear entry": "Xóa nội dung",
    "Show password": "Hiện mật khẩu", "Hide password": "Ẩn mật khẩu", "Clear value": "Xóa giá trị",
    "Open": "Mở danh sách", "Clear all": "Xóa tất cả", "Selected values": "Các giá trị đã chọn",
    "Decrement": "Giảm", "Increment": "Tăng", "Add files": "Thêm tệp", "file upload": "Tải tệp lên",
    "App pages": "Các trang", "Close": "Đóng", "Collapse sidebar": "Thu gọn thanh bên",
    "Expand sidebar": "Mở thanh bên", "Sidebar": "Thanh bên", "Main menu": "Trình đơn",
    "Scroll tabs left": "Cuộn thẻ sang trái", "Scroll tabs right": "Cuộn thẻ sang phải",
    "Running...": "Đang xử lý…", "Link to heading": "Liên kết tới tiêu đề", "Notifications": "Thông báo",
    "Help": "Hướng dẫn", "Empty": "Trống", "Show/hide columns": "Ẩn/hiện cột", "Download as CSV": "Tải về dạng CSV",
    "Download as PNG": "Tải về dạng PNG", "Search": "Tìm kiếm", "Fullscreen": "Toàn màn hình",
    "Close fullscreen": "Thoát toàn màn hình", "Clear selection": "Bỏ chọn", "Add row": "Thêm dòng",
}
ARIA_PATTERNS = {  # JavaScript regular expression -> replacement
    "^Help for (.+)$": "Hướng dẫn: $1", "^Remove (.+)$": "Bỏ chọn $1",
    "^Cancel upload of (.+)$": "Hủy tải lên $1",
    "^day, (.*)$": "ngày, $1", "^month, (.*)$": "tháng, $1", "^year, (.*)$": "năm, $1",
    "^hour, (.*)$": "giờ, $1", "^minute, (.*)$": "phút, $1", "^second, (.*)$": "giây, $1",
}
TEXT_WORDS = {"Skip to main content": "Chuyển đến nội dung chính", "Upload": "Chọn tệp", "add icon": "thêm tệp"}
FIELD_PLACEHOLDERS = {"day": "ngày", "month": "tháng", "year": "năm", "hour": "giờ", "minute": "phút",
                      "second": "giây"}
TRANSLATE_JS = """
<script id="dd-vi">
(() => {
  if (window.__ddVi) return;
  window.__ddVi = true;
  const ARIA = %(aria)s, PATTERNS = Object.entries(%(patterns)s).map(([p, r]) => [new RegExp(p), r]);
  const TEXTS = %(texts)s, FIELDS = %(fields)s;
  const aria = (value) => {
    if (ARIA[value]) return ARIA[value];
    for (const [re, to] of PATTERNS) if (re.test(value)) return value.replace(re, to);
    return value;
  };
  const size = (text) => {  // «208.0B», «0.6KB» -> «208 B», «0,6 KB»
    const m = /^([0-9]+(?:[.][0-9]+)?) ?(B|KB|MB|GB)$/.exec(text.trim());
    return m ? `${Number(m[1]).toLocaleString('vi-VN', {maximumFractionDigits: 1})} ${m[2]}` : text;
  };
  const day = (text) => {  // «December 03, 2026» -> «03/12/2026»
    const d = new Date(text);
    if (isNaN(d)) return text;
    const two = (n) => String(n).padStart(2, '0');
    return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
  };
  const fix = (root) => {
    root.querySelectorAll('[aria-label], [aria-valuetext]').forEach((e) => {
      for (const name of ['aria-label', 'aria-valuetext']) {
        const value = e.getAttribute(name);
        if (value) { const to = aria(value); if (to !== value) e.setAttribute(name, to); }
      }
    });
    root.querySelectorAll('[data-placeholder="true"][data-type]').forEach((e) => {
      const to = FIELDS[e.getAttribute('data-type')];
      const node = e.firstChild;
      if (to && node && node.nodeType === 3 && node.nodeValue !== to) node.nodeValue = to;
    });
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue, parent = node.parentElement;
      if (!text || !parent) continue;
      let to = TEXTS[text.trim()];
      if (!to && parent.closest('[data-testid="stFileChip"]')) to = size(text);
      if (!to && text.startsWith('Selected Date: ')) to = `Ngày đã chọn: ${day(text.slice(15))}`;
      if (to && to !== text) node.nodeValue = to;
    }
    // The uploader's hidden line («200MB per file • PDF, …», in several text nodes): the Vietnamese line that the
    // style shows in its place, so that a screen reader reads what the eye sees.
    root.querySelectorAll('[data-testid="stFileUploaderDropzoneInstructions"] span').forEach((span) => {
      const shown = getComputedStyle(span, '::after').content;
      if (!shown || shown === 'none' || shown === 'normal') return;
      const line = JSON.parse(shown);
      Array.from(span.childNodes).filter((n) => n.nodeType === 3).forEach((n, i) => {
        const to = i === 0 ? line : '';
        if (n.nodeValue !== to) n.nodeValue = to;
      });
    });
  };
  let queued = false;
  const run = () => { queued = false; fix(document.body); };
  new MutationObserver(() => { if (!queued) { queued = true; requestAnimationFrame(run); } })
    .observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                             attributeFilter: ['aria-label', 'aria-valuetext', 'data-placeholder']});
  run();
})();
</script>
"""


def translate_js() -> str:
    import json

    return TRANSLATE_JS % {"aria": json.dumps(ARIA_WORDS, ensure_ascii=False),
                           "patterns": json.dumps(ARIA_PATTERNS, ensure_ascii=False),
                           "texts": json.dumps(TEXT_WORDS, ensure_ascii=False),
                           "fields": json.dumps(FIELD_PLACEHOLDERS, ensure_ascii=False)}


def style() -> None:
    st.html(CSS)  # style tags only: Streamlit adds them to the page without an empty block above the title
    st.html(translate_js(), unsafe_allow_javascript=True)


def maintenance_banner() -> None:
    with db() as session:
        message = settings.maintenance_notice(session)
    if message:
        st.warning(f"**Thông báo bảo trì:** {message}", icon=":material/construction:")


def needs_first_setup() -> bool:
    """True while the database has no account; the YAML's bootstrap administrator, if any, is created first."""
    with db() as session:
        setup.bootstrap_from_config(session, auth_config.load())
        return accounts.count_accounts(session) == 0


def narrow_column():  # noqa: ANN201
    """The centred column of the log-in form and of the first start's form (the same width for both)."""
    _, middle, _ = st.columns([1, 1.2, 1])
    return middle


def login_header():  # noqa: ANN201
    """The brand above the log-in form; returns the narrow middle column the form goes in."""
    with db() as session:
        province = settings.get(session, "province_name")
    middle = narrow_column()
    with middle:
        st.markdown(f"<div class='dd-login-brand'><h1>{vi.APP_NAME}</h1>"
                    f"<p class='dd-muted'>{vi.APP_TAGLINE}<br/>{province}</p></div>", unsafe_allow_html=True)
    return middle


def public_link() -> None:
    """Under the log-in form: the public results, open to everyone."""
    from streamlit.errors import StreamlitAPIException

    try:
        st.page_link("pages/public/tasks.py", label="Xem kết quả thực hiện nhiệm vụ được công khai",
                     icon=":material/public:")
        st.page_link("pages/public/par.py", label="Xem kết quả Chỉ số cải cách hành chính được công bố",
                     icon=":material/leaderboard:")
    except StreamlitAPIException:  # outside the app's navigation (page tests)
        pass


# ---------------------------------------------------------------- addresses that are not pages

LOGIN_PAGE_KEY = "_trang-dang-nhap"   # the log-in page of this session's navigation (a page link's target)


def requested_url_path() -> str:
    """The page address the browser asked for by URL on this run ("" for the root, or when the run comes from a
    link or a widget of a page already shown, which Streamlit identifies by the page itself).

    Streamlit 1.67 keeps it in the session's pages manager (`intended_page_name`); no public API gives it before
    `st.navigation` resolves the page. tests/unit/test_streamlit_strings.py fails if an upgrade renames it."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    if manager is None or getattr(manager, "intended_page_script_hash", None):
        return ""
    return (getattr(manager, "intended_page_name", None) or "").strip().strip("/")


def _url_paths(pages: list[st.Page] | dict[str, list[st.Page]]) -> set[str]:
    flat = [p for group in pages.values() for p in group] if isinstance(pages, dict) else pages
    return {p.url_path for p in flat} | {p._url_path for p in flat}  # noqa: SLF001 - the default page's own path


ADDRESSES_KEY = "_dia-chi-khac"  # the unknown addresses this session asked for
ROOT_PREFIX = "goc-"             # the private address of a default page (see root_page)


def root_page(target: Any, *, title: str, url_path: str, icon: str | None = None) -> list[st.Page]:
    """The default page of a navigation, served at the root address «/», and the same page under its own address.

    Streamlit serves a default page at «/» only: its own address (/dang-nhap, /trang-chu typed or bookmarked) would
    open the English «Page not found» dialog. So the default page gets a private address and a hidden twin gets the
    real one. (st.switch_page and st.page_link to the file find the default page: it is registered first.)"""
    extra = {"icon": icon} if icon else {}
    return [st.Page(target, title=title, url_path=ROOT_PREFIX + url_path, default=True, **extra),
            st.Page(target, title=title, url_path=url_path, visibility="hidden", **extra)]


def with_address(pages: list[st.Page], page_for: Callable[[str], Any], title: str) -> list[st.Page]:
    """`pages` plus `unknown_addresses(pages, …)`."""
    return pages + unknown_addresses(pages, page_for, title)


def unknown_addresses(pages: list[st.Page], page_for: Callable[[str], Any], title: str) -> list[st.Page]:
    """For each address the browser asked for that none of `pages` (every page of the navigation) has, the page
    `page_for(address)` under that address (hidden). Without it Streamlit answers an unknown address with its
    English «Page not found … Running the app's main page.» dialog (it offers no catch-all page). An address once
    asked for stays registered for the session: the reruns of the page shown there name it by its hash, not by its
    address."""
    asked = st.session_state.setdefault(ADDRESSES_KEY, [])
    path = requested_url_path()
    if path and "/" not in path and path not in asked:
        asked.append(path)
    known = _url_paths(pages)
    return [st.Page(page_for(p), title=title, url_path=p, visibility="hidden") for p in asked if p not in known]


def not_found_page(back: Any, back_label: str,
                   back_icon: str = ":material/home:") -> Callable[[str], Callable[[], None]]:
    """For `with_address`: the page of an unknown address, with a title, what happened, and the way back (`back`:
    a page or its file)."""
    def page_for(path: str) -> Callable[[], None]:
        def page() -> None:
            st.title(vi.NOT_FOUND_TITLE)
            st.warning(vi.NOT_FOUND_TEXT.format(path=path, app=vi.APP_NAME), icon=":material/link_off:")
            st.page_link(back, label=back_label, icon=back_icon)
            public_links()
        return page
    return page_for


def public_links(current: str | None = None) -> None:
    """Links between the public pages, and to the log-in (or, for a user logged in, the home page)."""
    from lib.ui.nav import BY_KEY, public_pages
    from streamlit.errors import StreamlitAPIException

    targets = [(spec.path, spec.title, spec.icon) for spec in public_pages() if spec.key != current]
    login = st.session_state.get(LOGIN_PAGE_KEY)
    if current is not None:
        if st.session_state.get("authentication_status"):
            targets.append((BY_KEY["home"].path, vi.BACK_HOME, ":material/home:"))
        elif login is not None:
            targets.append((login, vi.LOGIN_TITLE, ":material/login:"))
    with st.container(horizontal=True, gap="medium", vertical_alignment="center"):
        st.caption(vi.PUBLIC_LINKS if current is None else vi.SEE_ALSO, width="content")
        for target, label, icon in targets:
            try:
                st.page_link(target, label=label, icon=icon)
            except StreamlitAPIException:  # the page runs alone, outside the app's navigation (page tests)
                st.caption(label)


FORBIDDEN_FLAG = "_trang-khong-duoc-phep"
FORBIDDEN_TITLE = "Không có quyền truy cập"


def forbidden_page() -> None:
    """What the address of a page outside the account's roles runs: the home page, which says why."""
    from lib.ui.nav import BY_KEY

    st.session_state[FORBIDDEN_FLAG] = True
    st.switch_page(BY_KEY["home"].path)


HOME_REDIRECT_TITLE = "Trang chủ"


def home_redirect_page() -> None:
    """The log-in, first-start or password-change address opened by a user already past that step: the home
    page (silently: nothing went wrong)."""
    from lib.ui.nav import BY_KEY

    st.switch_page(BY_KEY["home"].path)


def forbidden_note() -> None:
    """On the home page after an address the account may not open sent the user there. It stays while the home
    page reruns (logging in from the cookie of a freshly loaded address reruns it) and goes once the user opens
    another page (app.py clears it)."""
    if st.session_state.get(FORBIDDEN_FLAG):
        st.warning(vi.ERR_PAGE_FORBIDDEN, icon=":material/block:")


def clear_forbidden_note() -> None:
    st.session_state.pop(FORBIDDEN_FLAG, None)


def sidebar_identity(actor: Actor) -> None:
    with db() as session:
        unit_name = setup.unit_name(session, actor.unit_id)
    roles = ", ".join(sorted(r.label for r in actor.roles))
    st.sidebar.markdown(
        f"<div class='dd-identity'><b>{actor.full_name}</b><br/><small>{actor.username}</small><br/>"
        f"{unit_name}<br/><small>{roles}</small></div>", unsafe_allow_html=True)


def first_setup_page() -> None:
    """An empty database: create the first administrator, or load the demo data for a training class."""
    st.title("Khởi tạo hệ thống Đôn Đốc", text_alignment="center")
    with narrow_column():
        _first_setup_forms()


def _first_setup_forms() -> None:
    st.info("Cơ sở dữ liệu đang trống. Hãy tạo tài khoản quản trị hệ thống đầu tiên, "
            "hoặc nạp dữ liệu mẫu để tập huấn.")
    first, demo = st.tabs(["Tạo quản trị hệ thống", "Nạp dữ liệu mẫu (tập huấn)"])
    with first, st.form("khoi-tao-quan-tri"):
        province = st.text_input("Tên tỉnh", value="Tỉnh Đồng Tháp", help="Ví dụ: Tỉnh Đồng Tháp")
        full_name = st.text_input("Họ và tên quản trị viên")
        username = st.text_input("Tên đăng nhập", value="quantri")
        password = st.text_input("Mật khẩu", type="password")
        confirm = st.text_input("Nhập lại mật khẩu", type="password")
        if submit_button("Tạo quản trị hệ thống", type="primary"):
            _create_first_admin(province, full_name, username, password, confirm)
    with demo:
        st.write("Nạp đơn vị của một tỉnh mẫu (sau sắp xếp năm 2025) và một tài khoản cho mỗi vai trò. "
                 "Mật khẩu của các tài khoản mẫu được ghi trong README.")
        if st.button("Nạp dữ liệu mẫu", type="primary"):
            with db() as session:
                setup.load_demo(session)
            st.success("Đã nạp dữ liệu mẫu.")
            st.rerun()


def _create_first_admin(province: str, full_name: str, username: str, password: str, confirm: str) -> None:
    if password != confirm:
        st.error(vi.PW_MISMATCH)
        return
    try:
        with db() as session:
            setup.create_first_admin(session, province=province, full_name=full_name, username=username,
                                     password=password)
    except DomainError as error:
        st.error(str(error))
        return
    st.success("Đã tạo tài khoản quản trị hệ thống. Hãy đăng nhập.")
    st.rerun()
