"""Đôn Đốc — one command to install and start, one to test. Works on Windows, Linux and macOS.

    python run.py          cài đặt (lần đầu) và khởi động ứng dụng (mặc định tại http://127.0.0.1:8501)
    python run.py --server.port 8080 --server.address 0.0.0.0
                           khởi động ở cổng 8080, cho các máy khác trong mạng truy cập
    python run.py test     cài thêm công cụ kiểm thử và chạy toàn bộ bộ kiểm thử

Everything is installed into a private virtual environment `.venv` beside this file; a requirements file
is installed again only when it changes.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    python = venv_python()
    if not python.exists():
        print("Đang tạo môi trường Python riêng (.venv)…", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    return python


def install(python: Path, requirements: str) -> None:
    """pip install -r <requirements> unless that exact file (and what it includes) was installed already."""
    files = [ROOT / requirements] + ([ROOT / "requirements.txt"] if requirements != "requirements.txt" else [])
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    marker = VENV / f".installed-{requirements}"
    if marker.exists() and marker.read_text() == digest:
        return
    print(f"Đang cài đặt thư viện từ {requirements}…", flush=True)
    subprocess.check_call([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                           "-r", str(ROOT / requirements)])
    marker.write_text(digest)


def start(python: Path, extra: list[str]) -> int:
    """Streamlit through lib/ui/server.py, which prints the address actually in use (the options given here, e.g.
    `--server.port 8080 --server.address 0.0.0.0`, or .streamlit/config.toml) in Vietnamese once it is ready."""
    print("Đang khởi động Đôn Đốc…", flush=True)
    return subprocess.call([str(python), "-m", "lib.ui.server", *extra], cwd=ROOT)


def test(python: Path, extra: list[str]) -> int:
    return subprocess.call([str(python), "-m", "pytest", *extra], cwd=ROOT)


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        print("Cần Python 3.11 trở lên.", file=sys.stderr)
        return 1
    command, extra = (argv[0], argv[1:]) if argv and argv[0] in ("start", "test") else ("start", argv)
    python = ensure_venv()
    install(python, "requirements-dev.txt" if command == "test" else "requirements.txt")
    return test(python, extra) if command == "test" else start(python, extra)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
