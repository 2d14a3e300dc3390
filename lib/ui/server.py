"""Start the web server of Đôn Đốc: `python -m lib.ui.server [Streamlit options, e.g. --server.port 8080]`.

It is `streamlit run app.py` with two differences, both for what a user sees:
- Streamlit treats an app beside a `pages/` folder as an old-style multipage app until some session has called
  `st.navigation`; in that window (the first visit after a start) any address other than the root opens
  Streamlit's English «Page not found» dialog (and the old mode would run `pages/*.py` directly). app.py always
  builds its own navigation, so the old mode is switched off before the first visit.
- Streamlit's English start-up banner («You can now view your Streamlit app…») is replaced by one Vietnamese line
  with the address and port actually in use (from the options given here or .streamlit/config.toml).

run.py starts the app through this module; the browser tests do too.
"""
from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"


def addresses() -> list[str]:
    """The addresses at which the server can be reached, from Streamlit's configuration in force."""
    from streamlit import config, net_util

    port = config.get_option("server.port")
    host = config.get_option("server.address") or "localhost"
    if host in ("0.0.0.0", "::"):  # noqa: S104 - every interface: this computer, and others on the network
        found = [f"http://localhost:{port}"]
        internal = net_util.get_internal_ip()
        if internal:
            found.append(f"http://{internal}:{port}")
        return found
    return [f"http://{host}:{port}"]


def print_addresses(is_running_hello: bool = False) -> None:  # noqa: ARG001 - Streamlit passes it by name
    shown = " hoặc ".join(addresses())
    print(f"Đôn Đốc đang chạy tại {shown} (nhấn Ctrl+C để dừng).", flush=True)


def main(argv: list[str]) -> int:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import bootstrap, cli

    PagesManager.uses_pages_directory = False  # never Streamlit's old pages/ mode: app.py has its navigation
    bootstrap._print_url = print_addresses  # noqa: SLF001 - the English banner, replaced (streamlit==1.67.0)
    return cli.main(args=["run", str(APP), *argv], prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
