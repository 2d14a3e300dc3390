"""Administrator settings, stored in the database, with defaults and limits defined here."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from lib.core import audit, vi
from lib.core.access import Actor, require_role
from lib.core.enums import Role
from lib.core.errors import ConflictError, ValidationError
from lib.core.models import Setting


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
    source: str = ""  # the article the default comes from (shown next to the setting)


PROJECT_GROUP = "Dự án đầu tư công"

DEFINITIONS: tuple[SettingDef, ...] = (
    # Passwords (seed 003 art. 9.1a: each officer keeps the account secure): never below the floors of
    # lib.passwords (8 characters, zxcvbn score 3), whatever is stored.
    SettingDef("password_min_length", "Độ dài tối thiểu của mật khẩu (ký tự)", 8, minimum=8, maximum=64,
               help="Không thể đặt dưới 8 ký tự."),
    SettingDef("password_min_score", "Độ mạnh tối thiểu của mật khẩu (thang 0–4 của công cụ zxcvbn)", 3,
               minimum=3, maximum=4,
               help="3: khó đoán (cần khoảng trăm triệu lần thử); 4: rất khó đoán. Không thể đặt dưới 3."),
    SettingDef("password_max_age_days", "Chu kỳ bắt buộc đổi mật khẩu (ngày)", 90, minimum=0, maximum=730,
               help="0 = không bắt buộc đổi định kỳ."),
    SettingDef("max_failed_logins", "Số lần đăng nhập sai liên tiếp trước khi tạm khóa tài khoản", 5,
               minimum=3, maximum=20),
    # Not from the seeds (they only require each account to keep its password secret, seed 003 art. 9.1a):
    # common practice against password guessing that never locks an account for good.
    SettingDef("lockout_minutes", "Thời gian tạm khóa tài khoản sau khi nhập sai quá số lần cho phép (phút)", 15,
               minimum=1, maximum=1440,
               help="Mỗi lần bị tạm khóa lại mà chưa đăng nhập thành công, thời gian khóa tăng gấp đôi "
                    "(tối đa 24 giờ). Khóa hẳn tài khoản là việc của quản trị viên."),
    SettingDef("upload_max_mb", "Dung lượng tối đa của một tệp đính kèm (MB)", 20, minimum=1, maximum=200,
               group="Tệp đính kèm",
               help="Máy chủ web nhận tệp tối đa theo server.maxUploadSize trong tệp .streamlit/config.toml "
                    "(20 MB); muốn cho phép tệp lớn hơn, tăng cả giá trị đó."),
    SettingDef("upload_allow_rar", "Cho phép đính kèm tệp nén .rar", False, kind="bool", group="Tệp đính kèm",
               help="Quy chế ban hành kèm Quyết định 520/QĐ-UBND (Điều 4 khoản 4) cho phép tệp .rar «khi cần "
                    "thiết». Phần mềm không mở được tệp .rar để kiểm tra tệp thực thi bên trong nên mặc định không "
                    "nhận; nên dùng .zip."),
    SettingDef("due_soon_working_days", "Số ngày làm việc còn lại để coi là «sắp đến hạn»", 3,
               minimum=0, maximum=30, group="Thời hạn"),
    SettingDef("entry_rule", "Quy định về thời hạn cập nhật văn bản vào phần mềm", "same_day", kind="choice",
               choices=(("same_day", "Trong ngày ban hành; văn bản ban hành sau 15 giờ: ngày làm việc tiếp theo "
                                     "(văn bản khẩn, hỏa tốc: trong ngày ban hành)"),
                        ("working_days", "Trong số ngày làm việc quy định kể từ ngày ban hành "
                                         "(văn bản khẩn, hỏa tốc: trong ngày ban hành)")),
               group="Thời hạn",
               source="Quy chế kèm Quyết định 1298/QĐ-UBND-HC, Điều 6.3b, 7.5; Quy chế kèm Quyết định "
                      "520/QĐ-UBND, Điều 8.1, 8.2"),
    SettingDef("entry_working_days", "Số ngày làm việc để Văn phòng cập nhật văn bản chỉ đạo (khi áp dụng quy định "
               "theo ngày làm việc)", 3, minimum=1, maximum=10, group="Thời hạn",
               help="Không quá thời hạn thực hiện nhiệm vụ.",
               source="Quy chế kèm Quyết định 520/QĐ-UBND, Điều 8.1"),
    SettingDef("report_entry_working_days", "Số ngày làm việc để đơn vị cập nhật văn bản báo cáo kết quả (khi áp "
               "dụng quy định theo ngày làm việc)", 2, minimum=1, maximum=10, group="Thời hạn",
               help="Tính từ ngày phát hành văn bản báo cáo.",
               source="Quy chế kèm Quyết định 520/QĐ-UBND, Điều 8.2"),
    SettingDef("cutoff_hour", "Giờ giới hạn trong ngày: văn bản phát hành sau giờ này được cập nhật, xem xét trong "
               "ngày làm việc tiếp theo", 15, minimum=8, maximum=17, group="Thời hạn",
               source="Quy chế kèm Quyết định 1298/QĐ-UBND-HC, Điều 6.3b, 6.4, 7.5"),
    SettingDef("par_grade_excellent", "Chỉ số CCHC: tỷ lệ điểm tối thiểu để xếp loại «Xuất sắc» (%)", 90,
               minimum=1, maximum=100, group="Chỉ số CCHC",
               help="Xếp loại theo tổng điểm đã phê duyệt so với tổng điểm tối đa."),
    SettingDef("par_grade_good", "Chỉ số CCHC: tỷ lệ điểm tối thiểu để xếp loại «Tốt» (%)", 80, minimum=1,
               maximum=100, group="Chỉ số CCHC"),
    SettingDef("par_grade_fair", "Chỉ số CCHC: tỷ lệ điểm tối thiểu để xếp loại «Khá» (%)", 70, minimum=1,
               maximum=100, group="Chỉ số CCHC"),
    SettingDef("par_grade_average", "Chỉ số CCHC: tỷ lệ điểm tối thiểu để xếp loại «Trung bình» (%)", 50,
               minimum=1, maximum=100, group="Chỉ số CCHC", help="Dưới mức này: «Yếu»."),
    # Dự án đầu tư công (seed 000): the group thresholds of Luật Đầu tư công 58/2024/QH15 in tỷ đồng, by the law's
    # four field classes (lib/projects/enums.py ProjectField), and the entry deadlines of the seed.
    SettingDef("project_national_min_billion", "Dự án quan trọng quốc gia: tổng mức đầu tư từ (tỷ đồng)", 30000,
               minimum=1, maximum=1_000_000, group=PROJECT_GROUP,
               source="Luật Đầu tư công số 58/2024/QH15, Điều 7 khoản 1 («từ 30.000 tỷ đồng trở lên»)"),
    *(SettingDef(f"project_group_a_min_{n}", f"Dự án nhóm A, lĩnh vực loại {n}: tổng mức đầu tư từ (tỷ đồng)", value,
                 minimum=1, maximum=1_000_000, group=PROJECT_GROUP,
                 source=f"Luật Đầu tư công số 58/2024/QH15, Điều 8 khoản {n + 1} («từ {thousands} tỷ đồng trở lên»)")
      for n, value, thousands in ((1, 4600, "4.600"), (2, 3000, "3.000"), (3, 2000, "2.000"), (4, 1400, "1.400"))),
    *(SettingDef(f"project_group_c_max_{n}", f"Dự án nhóm C, lĩnh vực loại {n}: tổng mức đầu tư dưới (tỷ đồng)", value,
                 minimum=1, maximum=1_000_000, group=PROJECT_GROUP,
                 help="Dự án nhóm B: từ mức này đến dưới mức của nhóm A cùng lĩnh vực.",
                 source=f"Luật Đầu tư công số 58/2024/QH15, Điều 10 khoản {n} («dưới {value} tỷ đồng»); "
                        f"nhóm B: Điều 9 khoản {n}")
      for n, value in ((1, 240), (2, 160), (3, 120), (4, 90))),
    SettingDef("project_entry_working_days", "Số ngày làm việc để chủ đầu tư khởi tạo thông tin dự án, kể từ ngày "
               "bắt đầu lập chủ trương đầu tư", 10, minimum=1, maximum=30, group=PROJECT_GROUP,
               source="Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 9 khoản 1"),
    SettingDef("project_change_working_days", "Số ngày làm việc để chủ đầu tư cập nhật thay đổi được phê duyệt, kể "
               "từ ngày thay đổi", 5, minimum=1, maximum=30, group=PROJECT_GROUP,
               source="Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 7 khoản 2"),
    # H1 (issue 10 item 4): early warning of the project's steps. The seed sets no number of days (art. 8.6 asks the
    # investor to act «kịp thời» on late steps): the province chooses it.
    SettingDef("project_step_warning_days", "Cảnh báo bước của quy trình dự án sắp đến hạn khi còn không quá (ngày "
               "làm việc)", 5, minimum=0, maximum=30, group=PROJECT_GROUP,
               help="Tham số do tỉnh quy định (Quy chế không nêu số ngày cụ thể); 0: chỉ cảnh báo bước đến hạn trong "
                    "ngày.",
               source="Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 8 khoản 6 (chủ đầu tư điều chỉnh kịp thời để dự "
                      "án đảm bảo tiến độ)"),
    SettingDef("project_step_report_days", "Số ngày làm việc để đơn vị giải quyết báo cáo tiến độ trên phần mềm, kể "
               "từ ngày hoàn thành bước công việc", 5, minimum=1, maximum=30, group=PROJECT_GROUP,
               help="«Chậm nhất 05 ngày làm việc sau khi hoàn thành phần công việc của quy trình dự án, cơ quan giải "
                    "quyết công việc có trách nhiệm phải báo cáo tiến độ trên phần mềm.»",
               source="Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 9 khoản 2"),
    # H5 — settlement clocks after completion (Nghị định 99/2021/NĐ-CP, Điều 47; the figures) and the
    # OC4IDS open-data prefix. Months: the same day of the month n months later; days: calendar days («ngày»).
    *(SettingDef(f"project_settlement_dossier_months_{g}", f"Quyết toán dự án hoàn thành — {label}: thời hạn lập hồ "
                 "sơ quyết toán, kể từ ngày ký biên bản bàn giao đưa vào sử dụng (tháng)", value, minimum=1,
                 maximum=36, group=PROJECT_GROUP, source="Nghị định 99/2021/NĐ-CP, Điều 47")
      for g, label, value in (("national", "dự án quan trọng quốc gia", 9), ("a", "dự án nhóm A", 9),
                              ("b", "dự án nhóm B", 6), ("c", "dự án nhóm C", 4))),
    *(SettingDef(f"project_settlement_verification_months_{g}", f"Quyết toán dự án hoàn thành — {label}: thời hạn "
                 "thẩm tra quyết toán, kể từ ngày nhận đủ hồ sơ quyết toán (tháng)", value, minimum=1, maximum=36,
                 group=PROJECT_GROUP, source="Nghị định 99/2021/NĐ-CP, Điều 47")
      for g, label, value in (("national", "dự án quan trọng quốc gia", 8), ("a", "dự án nhóm A", 8),
                              ("b", "dự án nhóm B", 4), ("c", "dự án nhóm C", 3))),
    *(SettingDef(f"project_settlement_approval_{unit}_{g}", f"Quyết toán dự án hoàn thành — {label}: thời hạn phê "
                 f"duyệt quyết toán, kể từ ngày nhận báo cáo thẩm tra ({unit_label})", value, minimum=1,
                 maximum=maximum, group=PROJECT_GROUP, source="Nghị định 99/2021/NĐ-CP, Điều 47")
      for g, label, unit, unit_label, value, maximum in (
          ("national", "dự án quan trọng quốc gia", "months", "tháng", 1, 12),
          ("a", "dự án nhóm A", "months", "tháng", 1, 12),
          ("b", "dự án nhóm B", "days", "ngày theo lịch", 20, 365),
          ("c", "dự án nhóm C", "days", "ngày theo lịch", 15, 365))),
    SettingDef("project_oc4ids_prefix", "Tiền tố mã dự án khi công bố dữ liệu mở OC4IDS", "oc4ids-dtdt01", kind="text",
               group=PROJECT_GROUP, help="Tiền tố do Open Contracting Partnership cấp (dạng «oc4ids-xxxxxx»); mã "
               "dự án công bố = tiền tố + «-» + mã dự án.",
               source="OC4IDS 0.9.5, trường «id» (Project identifier)"),
    # H3 — capital plan, disbursement, monthly reports and progress (seed 000 art. 9.3–9.4; issue 10 item 5)
    SettingDef("project_disbursement_entry_days", "Số ngày làm việc để chủ đầu tư cập nhật giải ngân, kể từ ngày Kho "
               "bạc Nhà nước xác nhận hoàn thành thủ tục giải ngân", 5, minimum=1, maximum=30, group=PROJECT_GROUP,
               source="Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 9 khoản 4 («Chậm nhất 05 ngày làm việc kể từ Kho "
                      "bạc Nhà nước nơi giao dịch xác nhận hoàn thành thủ tục giải ngân»)"),
    SettingDef("project_monthly_report_day", "Hạn báo cáo tháng của chủ đầu tư: ngày … của tháng sau", 5, minimum=1,
               maximum=28, group=PROJECT_GROUP,
               help="Quy chế chỉ quy định báo cáo «định kỳ hằng tháng», không nêu ngày: UBND tỉnh (Sở Tài chính) "
                    "quy định ngày. Hạn rơi vào ngày nghỉ thì lùi sang ngày làm việc tiếp theo.",
               source="Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 9 khoản 3 («Định kỳ hằng tháng hoặc đột xuất "
                      "(nếu có), các chủ đầu tư báo cáo tình hình thực hiện và giải ngân kế hoạch vốn»)"),
    SettingDef("project_progress_gap_warn", "Chênh lệch giữa tiến độ khối lượng và tiến độ giải ngân để cảnh báo "
               "(điểm %)", 15, minimum=1, maximum=100, group=PROJECT_GROUP,
               help="Tiến độ giải ngân = lũy kế giải ngân / tổng mức đầu tư. Phải nhỏ hơn mức báo động."),
    SettingDef("project_progress_gap_alarm", "Chênh lệch giữa tiến độ khối lượng và tiến độ giải ngân để báo động "
               "(điểm %)", 30, minimum=1, maximum=100, group=PROJECT_GROUP),
    SettingDef("project_disbursement_target_curve", "Đường mục tiêu giải ngân do UBND tỉnh đặt: tỷ lệ kế hoạch vốn "
               "năm phải giải ngân đến hết mỗi tháng (12 số phần trăm, cách nhau bằng dấu phẩy, từ tháng 1 đến "
               "tháng 12)", "5,10,18,25,33,42,50,58,66,75,85,100", kind="text", group=PROJECT_GROUP,
               help="Ví dụ «5,10,18,…,100»: hết tháng 1 giải ngân 5% kế hoạch, hết tháng 12 giải ngân 100%. Các số "
                    "không giảm dần, từ 0 đến 100. Chủ đầu tư có tỷ lệ giải ngân dưới đường mục tiêu bị cảnh báo.",
               source="Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 11 khoản 3 (theo dõi, đôn đốc tiến độ giải ngân)"),
    SettingDef("province_name", "Tên tỉnh (dùng trên báo cáo)", "Tỉnh Đồng Tháp", kind="text",
               group="Thông tin chung"),
    SettingDef("maintenance_active", "Hiển thị thông báo bảo trì", False, kind="bool", group="Bảo trì"),
    SettingDef("maintenance_message", "Nội dung thông báo bảo trì", "", kind="text", group="Bảo trì"),
)

BY_KEY = {d.key: d for d in DEFINITIONS}


def all_settings(session: Session) -> dict[str, Any]:
    stored = {key: json.loads(value) for key, value in session.execute(sa.select(Setting.key, Setting.value))}
    return {d.key: _within_limits(d, stored.get(d.key, d.default)) for d in DEFINITIONS}


def get(session: Session, key: str) -> Any:
    definition = BY_KEY[key]
    value = session.scalar(sa.select(Setting.value).where(Setting.key == key))
    return definition.default if value is None else _within_limits(definition, json.loads(value))


def _within_limits(definition: SettingDef, value: Any) -> Any:
    """A number stored before its limits were raised (a pilot's password length of 6) reads as the nearest limit."""
    if definition.kind != "int" or not isinstance(value, int):
        return value
    return min(max(value, definition.minimum), definition.maximum)


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
    _check_project_thresholds({**current, **clean})
    _check_project_finance({**current, **clean})
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


def _check_project_thresholds(values: dict[str, Any]) -> None:
    """For each field class: group C's ceiling below group A's floor, and group A's floor not above the national
    importance floor (Luật Đầu tư công 58/2024/QH15, art. 7–10)."""
    national = int(values["project_national_min_billion"])
    for n in range(1, 5):
        floor_a, ceiling_c = int(values[f"project_group_a_min_{n}"]), int(values[f"project_group_c_max_{n}"])
        if ceiling_c >= floor_a:
            raise ValidationError(vi.SET_PROJECT_C_ABOVE_A.format(n=n, c=ceiling_c, a=floor_a),
                                  field=f"project_group_c_max_{n}")
        if floor_a > national:
            raise ValidationError(vi.SET_PROJECT_A_ABOVE_NATIONAL.format(n=n, a=floor_a, national=national),
                                  field=f"project_group_a_min_{n}")


SET_PROJECT_GAP_ORDER = ("Mức báo động chênh lệch tiến độ ({alarm} điểm %) phải lớn hơn mức cảnh báo ({warn} điểm "
                         "%).")
SET_PROJECT_CURVE = ("Đường mục tiêu giải ngân «{value}» không hợp lệ: nhập đúng 12 số nguyên từ 0 đến 100, cách nhau "
                     "bằng dấu phẩy, không giảm dần (ví dụ 5,10,18,25,33,42,50,58,66,75,85,100).")


def parse_target_curve(text: str) -> list[int] | None:
    """The 12 month-end shares (percent) of the disbursement target curve, or None when the text is not one."""
    try:
        values = [int(part.strip()) for part in str(text or "").split(",")]
    except ValueError:
        return None
    if len(values) != 12 or any(not 0 <= v <= 100 for v in values) or any(a > b for a, b in zip(values, values[1:])):
        return None
    return values


def _check_project_finance(values: dict[str, Any]) -> None:
    """The gap alarm above the warning; the target curve 12 non-decreasing percentages (issue 10 item 5)."""
    warn, alarm = int(values["project_progress_gap_warn"]), int(values["project_progress_gap_alarm"])
    if alarm <= warn:
        raise ValidationError(SET_PROJECT_GAP_ORDER.format(alarm=alarm, warn=warn), field="project_progress_gap_alarm")
    curve = values["project_disbursement_target_curve"]
    if parse_target_curve(curve) is None:
        raise ValidationError(SET_PROJECT_CURVE.format(value=curve), field="project_disbursement_target_curve")


def maintenance_notice(session: Session) -> str | None:
    values = all_settings(session)
    message = (values["maintenance_message"] or "").strip()
    return message if values["maintenance_active"] and message else None
