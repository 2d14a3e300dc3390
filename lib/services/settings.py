"""Administrator settings, stored in the database, with defaults and limits defined here."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from lib import audit, vi
from lib.access import Actor, require_role
from lib.enums import Role
from lib.errors import ConflictError, ValidationError
from lib.models import Setting


@dataclass(frozen=True)
class SettingDef:
    key: str
    label: str
    default: Any
    kind: str = "int"  # int | bool | text | choice
    minimum: int | None = None
    maximum: int | None = None
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (value, Vietnamese label)
    group: str = "Bảo mật"


DEFINITIONS: tuple[SettingDef, ...] = (
    SettingDef("password_min_length", "Độ dài tối thiểu của mật khẩu (ký tự)", 8, minimum=6, maximum=64),
    SettingDef("password_min_classes", "Số loại ký tự tối thiểu trong mật khẩu", 3, minimum=1, maximum=4,
               help="Trong 4 loại: chữ thường, chữ hoa, chữ số, ký tự đặc biệt."),
    SettingDef("password_max_age_days", "Chu kỳ bắt buộc đổi mật khẩu (ngày)", 90, minimum=0, maximum=730,
               help="0 = không bắt buộc đổi định kỳ."),
    SettingDef("max_failed_logins", "Số lần đăng nhập sai liên tiếp trước khi khóa tài khoản", 5,
               minimum=3, maximum=20),
    SettingDef("upload_max_mb", "Dung lượng tối đa của một tệp đính kèm (MB)", 20, minimum=1, maximum=200,
               group="Tệp đính kèm",
               help="Máy chủ web nhận tệp tối đa theo server.maxUploadSize trong tệp .streamlit/config.toml "
                    "(20 MB); muốn cho phép tệp lớn hơn, tăng cả giá trị đó."),
    SettingDef("due_soon_working_days", "Số ngày làm việc còn lại để coi là «sắp đến hạn»", 3,
               minimum=0, maximum=30, group="Thời hạn"),
    SettingDef("entry_rule", "Thời hạn Văn phòng cập nhật văn bản chỉ đạo", "same_day", kind="choice",
               choices=(("same_day", "Trong ngày ban hành (văn bản ban hành sau 15 giờ: ngày làm việc tiếp theo)"),
                        ("working_days", "Trong số ngày làm việc quy định (văn bản khẩn: trong ngày)")),
               group="Thời hạn"),
    SettingDef("entry_working_days", "Số ngày làm việc để cập nhật văn bản (khi áp dụng quy định theo ngày làm việc)",
               3, minimum=1, maximum=10, group="Thời hạn"),
    SettingDef("par_grade_excellent", "Chỉ số CCHC: tỷ lệ điểm tối thiểu để xếp loại «Xuất sắc» (%)", 90,
               minimum=1, maximum=100, group="Chỉ số CCHC",
               help="Xếp loại theo tổng điểm đã phê duyệt so với tổng điểm tối đa."),
    SettingDef("par_grade_good", "Chỉ số CCHC: tỷ lệ điểm tối thiểu để xếp loại «Tốt» (%)", 80, minimum=1,
               maximum=100, group="Chỉ số CCHC"),
    SettingDef("par_grade_fair", "Chỉ số CCHC: tỷ lệ điểm tối thiểu để xếp loại «Khá» (%)", 70, minimum=1,
               maximum=100, group="Chỉ số CCHC"),
    SettingDef("par_grade_average", "Chỉ số CCHC: tỷ lệ điểm tối thiểu để xếp loại «Trung bình» (%)", 50,
               minimum=1, maximum=100, group="Chỉ số CCHC", help="Dưới mức này: «Yếu»."),
    SettingDef("province_name", "Tên tỉnh (dùng trên báo cáo)", "Tỉnh Đồng Tháp", kind="text",
               group="Thông tin chung"),
    SettingDef("maintenance_active", "Hiển thị thông báo bảo trì", False, kind="bool", group="Bảo trì"),
    SettingDef("maintenance_message", "Nội dung thông báo bảo trì", "", kind="text", group="Bảo trì"),
)

BY_KEY = {d.key: d for d in DEFINITIONS}


def all_settings(session: Session) -> dict[str, Any]:
    stored = {key: json.loads(value) for key, value in session.execute(sa.select(Setting.key, Setting.value))}
    return {d.key: stored.get(d.key, d.default) for d in DEFINITIONS}


def get(session: Session, key: str) -> Any:
    definition = BY_KEY[key]
    value = session.scalar(sa.select(Setting.value).where(Setting.key == key))
    return definition.default if value is None else json.loads(value)


def validate(key: str, value: Any) -> Any:
    definition = BY_KEY.get(key)
    if definition is None:
        raise ValidationError(vi.SET_UNKNOWN.format(key=key))
    if definition.kind == "int":
        out_of_range = ValidationError(vi.SET_OUT_OF_RANGE.format(
            label=definition.label, min=definition.minimum, max=definition.maximum), field=key)
        try:
            value = int(value)
        except (TypeError, ValueError) as error:  # "abc", None: not a number at all
            raise out_of_range from error
        if not definition.minimum <= value <= definition.maximum:
            raise out_of_range
    elif definition.kind == "bool":
        value = bool(value)
    elif definition.kind == "choice":
        if value not in {v for v, _ in definition.choices}:
            raise ValidationError(vi.SET_UNKNOWN.format(key=value), field=key)
    else:
        value = str(value or "").strip()
    return value


def update(session: Session, actor: Actor, values: dict[str, Any]) -> dict[str, Any]:
    """Save several settings at once; all are validated before anything is written."""
    require_role(actor, Role.SYSTEM_ADMIN)
    audit.bind_actor(session, actor.id, actor.full_name)
    store(session, values, actor_id=actor.id)
    return all_settings(session)


def store(session: Session, values: dict[str, Any], actor_id: int | None = None) -> None:
    """Validate every value, then write those that changed."""
    clean = {key: validate(key, value) for key, value in values.items()}
    current = all_settings(session)
    _check_grade_bands({**current, **clean})
    for key, value in clean.items():
        row = session.get(Setting, key)
        if row is not None and current.get(key) == value:
            continue
        encoded = json.dumps(value, ensure_ascii=False)
        if row is None:
            session.add(Setting(key=key, value=encoded, updated_by_id=actor_id))
        else:
            row.value, row.updated_by_id = encoded, actor_id
    try:
        session.flush()
    except (IntegrityError, StaleDataError) as error:  # another administrator saved the same setting meanwhile
        raise ConflictError(vi.SET_CONFLICT) from error


GRADE_KEYS = ("par_grade_excellent", "par_grade_good", "par_grade_fair", "par_grade_average")


def _check_grade_bands(values: dict[str, Any]) -> None:
    """The PAR grade thresholds must go strictly down: Xuất sắc > Tốt > Khá > Trung bình."""
    limits = [int(values[key]) for key in GRADE_KEYS]
    if any(a <= b for a, b in zip(limits, limits[1:])):
        raise ValidationError(vi.SET_GRADE_ORDER, field="par_grade_good")


def maintenance_notice(session: Session) -> str | None:
    values = all_settings(session)
    message = (values["maintenance_message"] or "").strip()
    return message if values["maintenance_active"] and message else None
