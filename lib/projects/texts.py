"""The Vietnamese messages of Dự án đầu tư công (kept with the module, like its enums)."""
from __future__ import annotations

PRJ_CODE_REQUIRED = "Vui lòng nhập mã dự án."
PRJ_CODE_INVALID = ("Mã dự án «{value}» không hợp lệ: dùng 2–30 ký tự gồm chữ cái không dấu, chữ số và các dấu "
                    "- . / _ (ví dụ: DA-2026-001).")
PRJ_CODE_TAKEN = "Mã dự án «{code}» đã được dùng cho dự án khác. Vui lòng nhập mã khác."
PRJ_NAME_REQUIRED = "Vui lòng nhập tên dự án."
PRJ_TOTAL_INVALID = ("Tổng mức đầu tư phải là số nguyên đồng lớn hơn 0 (đã nhập: {value}). Nhập số tiền bằng đồng, "
                     "ví dụ 45.000.000.000 cho 45 tỷ đồng.")
PRJ_SOURCE_NEGATIVE = "Số vốn của nguồn «{source}» phải là số nguyên đồng không âm (đã nhập: {value})."
PRJ_SOURCES_ABOVE_TOTAL = ("Tổng các nguồn vốn ({sources}) vượt tổng mức đầu tư ({total}). Vui lòng kiểm tra lại số "
                           "vốn từng nguồn.")
PRJ_PRIVATE_PUBLIC_CAPITAL = ("Dự án đầu tư tư nhân không sử dụng vốn đầu tư công: không được ghi nguồn «{source}» "
                              "(Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 11 khoản 4). Chỉ ghi «Nguồn vốn khác».")
PRJ_PRIVATE_INVESTOR_REQUIRED = "Vui lòng nhập tên nhà đầu tư của dự án đầu tư tư nhân."
PRJ_END_BEFORE_START = "{end_label} ({end}) không được trước {start_label} ({start})."
PRJ_PHASE_ORDER = "{later_label} ({later}) không được trước {earlier_label} ({earlier})."
PRJ_PREPARATION_FUTURE = ("Ngày bắt đầu lập chủ trương đầu tư ({day}) là ngày trong tương lai. Dự án được khởi tạo khi "
                          "đã bắt đầu bước đầu tiên của chuẩn bị đầu tư (Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều "
                          "7 khoản 1).")
PRJ_GROUP_REQUIRED = "Vui lòng chọn nhóm dự án (quan trọng quốc gia, A, B hoặc C)."
PRJ_LEVEL_REQUIRED = "Vui lòng chọn cấp quyết định đầu tư (trung ương, cấp tỉnh hoặc cấp xã)."
PRJ_GROUP_MISMATCH = ("Nhóm dự án không phù hợp với tổng mức đầu tư: dự án lĩnh vực loại {field_class} có tổng mức "
                      "đầu tư {total}, {rule}, nên là {expected} theo {article}; đã chọn {chosen}.")
PRJ_LOCATION_REQUIRED = "Vui lòng chọn ít nhất một xã, phường nơi thực hiện dự án."
PRJ_LOCATION_NOT_COMMUNE = "«{unit}» không phải là xã, phường, đặc khu đang hoạt động."
PRJ_LOCATION_DUPLICATE = "Xã, phường «{unit}» được chọn hai lần."
PRJ_COORDINATES_INVALID = ("Tọa độ của «{unit}» không hợp lệ: nhập cả vĩ độ (8–24) và kinh độ (102–118) trong lãnh thổ "
                           "Việt Nam, hoặc để trống cả hai.")
PRJ_INVESTOR_INVALID = "Chủ đầu tư phải là một đơn vị đang hoạt động."
PRJ_INVESTOR_OUT_OF_SCOPE = ("Bạn chỉ được khởi tạo dự án mà đơn vị mình (hoặc đơn vị trực thuộc) là chủ đầu tư "
                             "(Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 7 khoản 1).")
PRJ_NOT_INVESTOR = ("Chỉ cán bộ của chủ đầu tư được cập nhật thông tin dự án này (Quy chế kèm Quyết định "
                    "561/QĐ-UBND-HC, Điều 8 khoản 3).")
PRJ_READ_ONLY = "Tài khoản tra cứu chỉ được xem thông tin dự án, không được cập nhật."
PRJ_PRIVATE_FINANCE_ONLY = ("Dự án đầu tư tư nhân do Sở Tài chính khởi tạo và cập nhật (Quy chế kèm Quyết định "
                            "561/QĐ-UBND-HC, Điều 11 khoản 4).")
PRJ_APPROVED_FIELD = ("«{label}» là giá trị đã được phê duyệt: chỉ thay đổi bằng «Cập nhật thay đổi được phê duyệt», "
                      "kèm văn bản phê duyệt và ngày thay đổi (Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 7 khoản 2).")
PRJ_DOC_NUMBER_REQUIRED = "Vui lòng nhập số, ký hiệu văn bản (ví dụ: 1234/QĐ-UBND)."
PRJ_DOC_ISSUER_REQUIRED = "Vui lòng nhập cơ quan ban hành văn bản."
PRJ_DOC_FUTURE = "Ngày ký văn bản ({day}) không được sau ngày hôm nay."
PRJ_CHANGE_NOTHING = "Không có giá trị nào thay đổi so với thông tin hiện tại của dự án."
PRJ_CHANGE_BEFORE_DOCUMENT = ("Ngày thay đổi có hiệu lực ({effective}) không được trước ngày ký văn bản phê duyệt "
                              "{number} ({signed}).")
PRJ_CHANGE_PRIVATE_INVESTOR = "Dự án đầu tư tư nhân không có chủ đầu tư là cơ quan nhà nước để thay đổi."
PRJ_STATUS_UNCHANGED = "Trạng thái và giai đoạn chọn giống hiện tại: không có gì để cập nhật."
PRJ_STATUS_FINAL = "Dự án đã ở trạng thái «{status}», không thể chuyển sang trạng thái khác."
PRJ_STATUS_REASON = "Vui lòng nêu lý do {action} dự án."
PRJ_STATUS_FUTURE = "Ngày hiệu lực ({day}) không được sau ngày hôm nay."

# Working-day arithmetic shown next to each lateness (issue 10, item 4)
PRJ_ON_TIME = "đúng hạn"
PRJ_LATE_DAYS = "chậm {days} ngày làm việc"
PRJ_SKIPPED = "không tính {days}"
PRJ_MAKE_UP = "tính cả ngày làm bù {days}"
PRJ_START_PREPARATION = "Bắt đầu lập chủ trương đầu tư"
PRJ_START_CHANGE = "Thay đổi có hiệu lực"

# Process templates and the project's steps (seed 000 art. 5.2, 7.1, 8.3)
PRC_TEMPLATE_ADMIN_ONLY = ("Chỉ quản trị hệ thống và cán bộ Sở Tài chính (kế hoạch, đầu tư) được quản lý mẫu quy trình "
                           "(Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 5 khoản 2).")
PRC_TEMPLATE_NAME_REQUIRED = "Vui lòng nhập tên mẫu quy trình."
PRC_TEMPLATE_NAME_TAKEN = "Tên mẫu quy trình «{name}» đã được dùng. Vui lòng đặt tên khác."
PRC_TEMPLATE_INACTIVE = "Mẫu quy trình «{name}» đã ngừng sử dụng, không thể áp dụng cho dự án."
PRC_TEMPLATE_EMPTY = "Mẫu quy trình «{name}» chưa có bước nào, không thể áp dụng cho dự án."
PRC_STEP_NAME_REQUIRED = "Vui lòng nhập tên bước."
PRC_DURATION_INVALID = ("Số ngày làm việc dự kiến của bước «{name}» phải là số nguyên lớn hơn 0 (đã nhập: {value}).")
PRC_DEADLINE_BEFORE_START = ("Thời hạn của bước «{name}» ({deadline}) không được trước ngày bắt đầu dự kiến của bước "
                             "({start}).")
PRC_UNIT_INACTIVE = ("Đơn vị giải quyết «{unit}» không còn hoạt động (đã sáp nhập hoặc giải thể). Vui lòng chọn một "
                     "đơn vị đang hoạt động.")
PRC_UNIT_REQUIRED = "Vui lòng chọn đơn vị giải quyết bước «{name}»."
PRC_UNIT_ONLY_FOR_KIND_UNIT = ("Bước «{name}» giao cho «{kind}»: không chọn đơn vị cụ thể (đơn vị được xác định khi "
                               "áp dụng mẫu cho từng dự án).")
PRC_CYCLE = ("Không thể để bước «{step}» chờ bước «{other}»: các bước sẽ chờ nhau thành vòng tròn ({cycle}), không "
             "tính được ngày dự kiến.")
PRC_POSITION_INVALID = "Vị trí mới phải từ 1 đến {count}."
PRC_NO_PROCESS = "Dự án chưa có quy trình thực hiện: vui lòng áp dụng một mẫu quy trình trước."
PRC_PROCESS_STARTED = ("Dự án đã có quy trình với bước đã bắt đầu thực hiện, không thể áp dụng lại mẫu quy trình. Vui "
                       "lòng điều chỉnh từng bước.")
PRC_PROJECT_CLOSED = "Dự án đang ở trạng thái «{status}», không thể điều chỉnh quy trình."
PRC_STEP_STARTED = "Bước «{name}» đã bắt đầu thực hiện, không thể xóa."
PRC_NOTHING_CHANGED = "Không có thông tin nào của bước thay đổi."
PRC_RESOLVER_FALLBACK = ("Chưa có đơn vị «{kind}» đang hoạt động trong danh mục đơn vị: bước «{name}» tạm giao cho chủ "
                         "đầu tư, vui lòng chọn lại đơn vị giải quyết.")

# H3 — capital plan, disbursement, monthly reports, progress and the target curve (seed 000 art. 5.6, 9.3–9.4)
CAP_REGULATION = "Quy chế kèm Quyết định 561/QĐ-UBND-HC"
CAP_PRIVATE = ("Dự án «{code}» là dự án đầu tư tư nhân, không sử dụng vốn đầu tư công: không có kế hoạch vốn và giải "
               "ngân ({regulation}, Điều 11 khoản 4).")
CAP_NOT_WRITER = ("Chỉ cán bộ của chủ đầu tư (và Sở Tài chính đối với kế hoạch vốn) được cập nhật kế hoạch vốn, giải "
                  "ngân của dự án này.")
CAP_YEAR_INVALID = "Năm kế hoạch {year} không hợp lệ: nhập năm từ 2000 đến {last}."
CAP_MONTH_INVALID = "Tháng {month} không hợp lệ: nhập tháng từ 1 đến 12."
CAP_AMOUNT_INVALID = "Số tiền phải là số nguyên đồng lớn hơn 0 (đã nhập: {value})."
CAP_ADJUST_ZERO = "Số tiền điều chỉnh phải khác 0: ghi số dương khi tăng, số âm khi giảm kế hoạch vốn."
CAP_DECISION_NUMBER = "Vui lòng nhập số quyết định giao, điều chỉnh kế hoạch vốn (ví dụ: 125/QĐ-UBND)."
CAP_DECISION_DATE = "Vui lòng nhập ngày quyết định."
CAP_DECISION_FUTURE = "Ngày quyết định ({day}) không được sau ngày hôm nay."
CAP_ISSUER = "Vui lòng nhập cơ quan ban hành quyết định."
CAP_PLAN_NEGATIVE = ("Không thể điều chỉnh: kế hoạch vốn năm {year} nguồn «{source}» của dự án «{code}» hiện là "
                     "{plan}, điều chỉnh {amount} sẽ làm kế hoạch vốn âm ({after}).")
CAP_PLAN_BELOW_DISBURSED = ("Không thể điều chỉnh: kế hoạch vốn năm {year} nguồn «{source}» của dự án «{code}» sau "
                            "điều chỉnh là {after}, thấp hơn số đã giải ngân {disbursed}.")
CAP_NO_PLAN = ("Dự án «{code}» chưa có kế hoạch vốn năm {year} nguồn «{source}»: vui lòng cập nhật kế hoạch vốn trước "
               "khi cập nhật giải ngân.")
CAP_ABOVE_PLAN = ("Không thể cập nhật: lũy kế giải ngân năm {year} nguồn «{source}» sẽ là {total} (đã giải ngân "
                  "{before} + lần này {amount}), vượt kế hoạch vốn {plan}.")
CAP_CONFIRMED_REQUIRED = "Vui lòng nhập ngày Kho bạc Nhà nước xác nhận hoàn thành thủ tục giải ngân."
CAP_CONFIRMED_FUTURE = "Ngày Kho bạc Nhà nước xác nhận ({day}) không được sau ngày hôm nay."
CAP_MONTH_AFTER_CONFIRMED = ("Tháng giải ngân {month}/{year} không được sau tháng Kho bạc Nhà nước xác nhận "
                             "({day}).")
CAP_PROJECT_STOPPED = ("Dự án «{code}» đang ở trạng thái «{status}»{since}{reason}: không cập nhật giải ngân cho dự "
                       "án tạm dừng hoặc đã hủy bỏ.")
CAP_REASON_REQUIRED = "Vui lòng nêu lý do sửa hoặc xóa số liệu giải ngân đã cập nhật."
CAP_START_TREASURY = "Kho bạc Nhà nước xác nhận giải ngân"
CAP_PERIOD_FUTURE = "Tháng {month}/{year} chưa đến: không cập nhật cho tháng trong tương lai."
CAP_PERCENT_INVALID = "Tiến độ khối lượng phải từ 0 đến 100% (đã nhập: {value})."
CAP_REPORT_RESULTS = "Vui lòng nhập kết quả thực hiện và giải ngân trong tháng."
CAP_REPORT_NOT_INVESTOR = "Chỉ cán bộ của chủ đầu tư được gửi báo cáo tháng của đơn vị mình."
CAP_REPORT_EXISTS = ("Chủ đầu tư đã gửi báo cáo tháng {month}/{year}: mở báo cáo đó để sửa (mỗi chủ đầu tư một báo "
                     "cáo mỗi tháng).")
CAP_REPORT_DUE = "Hết tháng {month}/{year}: hạn báo cáo ngày {day} tháng sau → {due}"
CAP_GAP_OK = "Bình thường"
CAP_GAP_WARN = "Cảnh báo"
CAP_GAP_ALARM = "Báo động"
CAP_PROJECTION = ("Dự kiến cả năm theo nhịp hiện tại: {disbursed} ÷ {months} tháng × 12 = {raw}{cap} → {projected} "
                  "({rate} kế hoạch vốn).")
CAP_PROJECTION_CAP = ", không vượt kế hoạch vốn {plan}"
CAP_TARGET = "Đường mục tiêu hết tháng {month}: {target} kế hoạch vốn; tỷ lệ giải ngân {rate}{verdict}."
CAP_BEHIND = ", thấp hơn mục tiêu {points} điểm %"
CAP_AHEAD = ", đạt mục tiêu"
CAP_IMPORT_ROLE = "Chỉ cán bộ Sở Tài chính và cán bộ của chủ đầu tư được nhập kế hoạch vốn từ tệp Excel."
CAP_IMPORT_UNKNOWN_PROJECT = "Không có dự án mã «{code}»."
CAP_IMPORT_OUT_OF_SCOPE = ("Dự án «{code}» không thuộc chủ đầu tư của bạn: bạn chỉ nhập kế hoạch vốn cho dự án của "
                           "đơn vị mình.")
CAP_IMPORT_SOURCE = ("Nguồn vốn «{value}» không có trong danh mục: ghi một trong «Ngân sách trung ương», «Ngân sách "
                     "tỉnh», «Ngân sách xã», «Vốn ODA, vốn vay ưu đãi», «Nguồn vốn khác».")
CAP_IMPORT_KIND = "Loại «{value}» không hợp lệ: ghi «giao», «điều chỉnh» hoặc «năm trước chuyển sang»."
CAP_IMPORT_AMOUNT = "Số tiền «{value}» không hợp lệ: nhập số nguyên đồng, ví dụ 15000000000."
CAP_IMPORT_YEAR = "Năm «{value}» không hợp lệ: nhập năm bốn chữ số, ví dụ 2026."
CAP_IMPORT_REQUIRED = "Vui lòng nhập «{column}»."
