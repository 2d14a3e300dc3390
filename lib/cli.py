"""Command line: python -m lib.cli <lệnh>. Run `python -m lib.cli --help` for the list."""
from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime
from pathlib import Path

from lib import modules as _modules  # noqa: F401 - every module plugged into the core
from lib.core import config, demo, passwords
from lib.core.db import get_engine, session_scope
from lib.core.errors import DomainError


def _print(text: str) -> None:
    try:
        print(text)
    except UnicodeEncodeError:  # an old Windows console: keep the message readable without diacritics
        from lib.core.text import fold
        print(fold(text))


def cmd_init_db(_args: argparse.Namespace) -> int:
    get_engine()
    _print(f"Đã khởi tạo/cập nhật cơ sở dữ liệu: {config.database_url()}")
    return 0


def cmd_create_admin(args: argparse.Namespace) -> int:
    from lib.core.services import setup

    password = args.password or getpass.getpass("Mật khẩu: ")
    with session_scope(get_engine()) as session:
        setup.create_first_admin(session, province=args.province, full_name=args.name, username=args.username,
                                 password=password)
    _print(f"Đã tạo quản trị hệ thống «{args.username}».")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from lib.core.services import setup

    with session_scope(get_engine()) as session:
        counts = setup.load_demo(session, reset=args.reset)
    _print(f"Đã nạp dữ liệu mẫu: {counts['units']} đơn vị, {counts['accounts']} tài khoản.")
    _print(f"Mật khẩu chung của các tài khoản mẫu: {demo.DEMO_PASSWORD}")
    for username, full_name, _position, unit, roles in demo.ACCOUNTS:
        _print(f"  {username:<16} {', '.join(r.label for r in roles)} — {full_name} ({unit})")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from lib.core.services.backup_admin import backup_to_file

    target = Path(args.file or config.data_dir() / "backups" / f"dondoc-{datetime.now():%Y%m%d-%H%M%S}.zip")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        counts = backup_to_file(get_engine(), target)
    except (Exception, KeyboardInterrupt) as error:  # noqa: BLE001 — a Vietnamese line, never a traceback
        return _failed("sao lưu", error, target)
    _print(f"Đã sao lưu {sum(counts.values())} dòng dữ liệu vào {target} (chỉ tài khoản chạy lệnh được đọc tệp này).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from lib.core.format import fmt_datetime
    from lib.core.services.backup import read_manifest, restore_backup

    source = Path(args.file)
    try:
        if not source.is_file():
            _print(f"Lỗi: không tìm thấy tệp sao lưu «{source}».")
            return 2
        manifest = read_manifest(source)
        if not args.yes:
            created = _created_at(manifest, fmt_datetime)
            answer = input(f"Phục hồi bản sao lưu lúc {created}? Toàn bộ dữ liệu hiện tại sẽ bị thay thế."
                           " Gõ «dong y» để tiếp tục: ")
            if answer.strip().lower() not in ("dong y", "đồng ý"):
                _print("Đã hủy.")
                return 1
        counts = restore_backup(get_engine(), source)
    except (Exception, KeyboardInterrupt) as error:  # noqa: BLE001 — a Vietnamese line, never a traceback
        return _failed("phục hồi", error, source)
    _print(f"Đã phục hồi {sum(counts.values())} dòng dữ liệu.")
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    """Restore an account's access from the server's shell; every error is a Vietnamese message, never a traceback."""
    from lib.core import vi
    from lib.core.services import accounts

    try:
        with session_scope(get_engine()) as session:
            account = accounts.unlock_from_shell(session, args.username)
            done = vi.ACC_UNLOCKED_SHELL.format(username=account.username, full_name=account.full_name)
    except DomainError as error:
        _print(f"Lỗi: {error}")
        return 2
    except Exception as error:  # noqa: BLE001 - a database that cannot be reached, a broken configuration…
        import sqlalchemy as sa

        reason = vi.CLI_NO_DATABASE if isinstance(error, sa.exc.OperationalError) else type(error).__name__
        _print(vi.ACC_UNLOCK_FAILED.format(username=args.username, error=reason))
        return 1
    _print(done)
    return 0


def _add_unlock(sub: argparse._SubParsersAction) -> None:
    unlock = sub.add_parser("unlock", help="mở khóa tài khoản (kể cả quản trị hệ thống) từ máy chủ")
    unlock.add_argument("username", help="tên đăng nhập của tài khoản cần mở khóa")
    unlock.set_defaults(func=cmd_unlock)
def _created_at(manifest: dict, fmt_datetime) -> str:  # noqa: ANN001
    try:
        return fmt_datetime(datetime.fromisoformat(manifest["created_at"]))
    except (TypeError, ValueError):
        return str(manifest["created_at"])


def _failed(what: str, error: Exception, path: Path) -> int:
    """One Vietnamese line for any failure of backup or restore; exit code 2."""
    if isinstance(error, DomainError):
        _print(f"Lỗi: {error}")
    elif isinstance(error, OSError):
        _print(f"Lỗi: không {what} được với tệp «{path}»: {error.strerror or error}.")
    elif isinstance(error, (KeyboardInterrupt, EOFError)):
        _print("Đã hủy.")
    else:
        _print(f"Lỗi không mong đợi khi {what} ({type(error).__name__}: {error}). "
               "Dữ liệu hiện tại không bị thay đổi.")
    return 2


def cmd_oc4ids(args: argparse.Namespace) -> int:
    """The published projects as an OC4IDS 0.9.5 project package (issue 10 item 11), validated before it is written."""
    from lib.projects import oc4ids

    target = Path(args.out)
    with session_scope(get_engine()) as session:
        package = oc4ids.build_package(session)
    errors = oc4ids.validate_package(package)
    if errors:
        _print(f"Lỗi: dữ liệu xuất không hợp lệ theo OC4IDS 0.9.5 ({len(errors)} lỗi), chưa ghi tệp:")
        for error in errors[:20]:
            _print(f"  {error}")
        return 2
    try:
        target.write_bytes(oc4ids.package_bytes(package))
    except OSError as error:
        return _failed("ghi", error, target)
    _print(f"Đã xuất {len(package['projects'])} dự án công khai theo chuẩn OC4IDS 0.9.5 vào tệp «{target}».")
    return 0


def cmd_hash_password(args: argparse.Namespace) -> int:
    _print(passwords.hash_password(args.password or getpass.getpass("Mật khẩu: ")))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m lib.cli", description="Đôn Đốc — công cụ quản trị")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("init-db", help="tạo hoặc nâng cấp cơ sở dữ liệu").set_defaults(func=cmd_init_db)
    admin = sub.add_parser("create-admin", help="tạo quản trị hệ thống đầu tiên")
    admin.add_argument("--username", default="quantri")
    admin.add_argument("--name", default="Quản trị hệ thống")
    admin.add_argument("--province", default="Tỉnh Đồng Tháp")
    admin.add_argument("--password", help="nếu bỏ trống sẽ được hỏi")
    admin.set_defaults(func=cmd_create_admin)
    demo_cmd = sub.add_parser("demo", help="nạp dữ liệu mẫu cho tập huấn")
    demo_cmd.add_argument("--reset", action="store_true", help="xóa toàn bộ dữ liệu rồi nạp lại")
    demo_cmd.set_defaults(func=cmd_demo)
    backup = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu và tệp đính kèm vào một tệp")
    backup.add_argument("file", nargs="?")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help="phục hồi từ tệp sao lưu")
    restore.add_argument("file")
    restore.add_argument("--yes", action="store_true", help="không hỏi lại")
    restore.set_defaults(func=cmd_restore)
    hp = sub.add_parser("hash-password", help="tạo mã băm mật khẩu cho tệp cấu hình")
    hp.add_argument("--password")
    hp.set_defaults(func=cmd_hash_password)
    _add_unlock(sub)
    oc4 = sub.add_parser("oc4ids", help="xuất các dự án đầu tư công được công khai theo chuẩn dữ liệu mở OC4IDS 0.9.5")
    oc4.add_argument("--out", required=True, help="tệp JSON cần ghi")
    oc4.set_defaults(func=cmd_oc4ids)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except DomainError as error:
        _print(f"Lỗi: {error}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
