"""Where things live. Everything can be changed with environment variables; nothing needs to be set."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    path = Path(os.environ.get("DONDOC_DATA_DIR", ROOT / "data"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return normalise_url(url)
    return f"sqlite:///{(data_dir() / 'app.db').as_posix()}"


def normalise_url(url: str) -> str:
    """Accept the usual postgres:// spellings and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def attachments_dir() -> Path:
    path = data_dir() / "attachments"
    path.mkdir(parents=True, exist_ok=True)
    return path


def auth_config_path() -> Path:
    return Path(os.environ.get("DONDOC_AUTH_CONFIG", data_dir() / "auth.yaml"))


def bcrypt_rounds() -> int:
    """12 in production; the test suite lowers it to keep thousands of hashes fast."""
    return int(os.environ.get("DONDOC_BCRYPT_ROUNDS", "12"))
