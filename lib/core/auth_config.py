"""The authenticator's YAML: cookie settings and, optionally, the bootstrap administrator.

It is written once, when missing (with a random cookie key), and never rewritten by the app.
Accounts, roles and password hashes live in the database.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

import yaml

from lib.core import config

TEMPLATE = """\
# Đôn Đốc — cấu hình đăng nhập (Authentication settings).
# Tệp này được tạo một lần khi khởi động lần đầu; phần mềm không tự ghi lại tệp này.
cookie:
  name: dondoc_auth
  key: {key}            # khóa bí mật ký cookie; đổi khóa = đăng xuất mọi người dùng
  expiry_days: 1
  # true khi người dùng truy cập qua HTTPS (máy chủ ủy quyền ngược có TLS phía trước): cookie chỉ gửi qua HTTPS.
  secure: false
# Quản trị hệ thống khởi tạo (tùy chọn), dùng cho máy chủ cài đặt tự động.
# Được tạo vào cơ sở dữ liệu khi chưa có quản trị hệ thống nào; mật khẩu phải đổi ở lần đăng nhập đầu.
# Mã băm tạo bằng: python -m lib.cli hash-password
# bootstrap_admin:
#   username: quantri
#   name: Quản trị hệ thống
#   password_hash: "sha256-b64$$2b$12$..."
"""


@dataclass(frozen=True)
class AuthConfig:
    cookie_name: str
    cookie_key: str
    cookie_expiry_days: float
    bootstrap_admin: dict | None
    cookie_secure: bool = False  # the deployment is behind TLS: the log-in cookie is sent over HTTPS only


def load(path: Path | None = None) -> AuthConfig:
    path = path or config.auth_config_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEMPLATE.format(key=secrets.token_urlsafe(32)), encoding="utf-8")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cookie = data.get("cookie") or {}
    return AuthConfig(
        cookie_name=str(cookie.get("name", "dondoc_auth")),
        cookie_key=str(cookie.get("key") or secrets.token_urlsafe(32)),
        cookie_expiry_days=float(cookie.get("expiry_days", 1)),
        bootstrap_admin=data.get("bootstrap_admin") or None,
        cookie_secure=bool(cookie.get("secure", False)),
    )
