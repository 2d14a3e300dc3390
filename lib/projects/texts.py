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

# ---------------------------------------------------------------- H6: Excel in and out (issue 10 item 9)
PXL_NOT_ALLOWED = ("Chỉ cán bộ cập nhật của chủ đầu tư, cán bộ Sở Tài chính (kế hoạch, đầu tư) và quản trị hệ thống "
                   "được nhập dự án từ tệp Excel.")
PXL_NOT_XLSX = ("Tệp tải lên không phải là tệp Excel (.xlsx). Hãy tải tệp mẫu, nhập dữ liệu rồi lưu dưới dạng "
                "«Excel Workbook (.xlsx)».")
PXL_XLS = ("Tệp Excel 97–2003 (.xls) không được hỗ trợ. Hãy mở tệp trong Excel và lưu lại dưới dạng «Excel Workbook "
           "(.xlsx)».")
PXL_TOO_BIG = "Tệp tải lên lớn hơn giới hạn {mb} MB."
PXL_NO_SHEET = "Tệp không có trang tính «{sheet}». Hãy dùng tệp mẫu tải về từ phần mềm."
PXL_MISSING_COLUMN = "Thiếu cột «{column}» ở dòng tiêu đề (dòng 1). Hãy dùng tệp mẫu tải về từ phần mềm."
PXL_NO_ROWS = "Tệp không có dòng dữ liệu nào (dữ liệu bắt đầu từ dòng 2, dưới dòng tiêu đề)."
PXL_REQUIRED = "Chưa nhập «{column}» (cột bắt buộc)."
PXL_DATE = "Ngày «{value}» không hợp lệ. Nhập theo dạng dd/mm/yyyy, ví dụ 05/03/2026."
PXL_MONEY = ("Số tiền «{value}» không hợp lệ. Nhập số nguyên đồng, có thể có dấu chấm ngăn cách hàng nghìn, ví dụ "
             "45.000.000.000.")
PXL_FIELD = "Lĩnh vực «{value}» không hợp lệ. Nhập «Loại 1», «Loại 2», «Loại 3» hoặc «Loại 4» (xem trang «Hướng dẫn»)."
PXL_GROUP = "Nhóm dự án «{value}» không hợp lệ. Nhập «Quan trọng quốc gia», «Nhóm A», «Nhóm B» hoặc «Nhóm C»."
PXL_LEVEL = "Cấp quyết định đầu tư «{value}» không hợp lệ. Nhập «Trung ương», «Cấp tỉnh» hoặc «Cấp xã»."
PXL_INVESTOR_UNKNOWN = "Không có đơn vị «{value}» (xem danh sách chủ đầu tư ở trang «Hướng dẫn»)."
PXL_COMMUNE_UNKNOWN = ("Không có xã, phường, đặc khu đang hoạt động tên «{value}» (xem danh sách ở trang «Hướng dẫn»; "
                       "nhiều nơi thì cách nhau bằng dấu chấm phẩy).")
PXL_CODE_TWICE = "Mã dự án «{code}» đã dùng ở dòng {first} của tệp. Mỗi dự án một mã riêng."
PXL_GUIDE_NOTES = (
    "Mỗi dòng của trang «Dự án» là một dự án đầu tư công. Dòng 2 là dòng ví dụ: hãy ghi đè hoặc xóa trước khi nhập.",
    "Cột tô màu cam là bắt buộc. Không đổi tên, không xóa dòng tiêu đề. Số tiền ghi bằng đồng (số nguyên).",
    "Phần mềm kiểm tra toàn bộ tệp theo đúng các quy định như khi khởi tạo từng dự án: nếu còn lỗi ở bất kỳ dòng nào "
    "thì chưa nhập dòng nào, và báo lỗi theo dòng, cột.",
    "Mỗi tệp nhập tối đa 1.000 dự án; nếu nhiều hơn, hãy chia thành nhiều tệp.",
)
# ---------------------------------------------------------------- H1: schedule, forecast and early warning (item 4)
SCH_DEADLINE = "Thời hạn {deadline}"
SCH_DEADLINE_DAY_OFF = "Thời hạn {deadline} (ngày nghỉ: kéo dài đến hết {ends_on}, Bộ luật Dân sự 2015, Điều 148)"
SCH_DONE_ON = "hoàn thành {day}"
SCH_TODAY = "hôm nay {day} chưa hoàn thành"
SCH_TODAY_LEFT = "hôm nay {day}"
SCH_LATE = "chậm {days} ngày làm việc"
SCH_OVERDUE = "quá hạn {days} ngày làm việc"
SCH_LEFT = "còn {days} ngày làm việc"
SCH_DUE_TODAY = "đến hạn hôm nay"
SCH_ON_TIME = "đúng hạn"
SCH_UNREPORTED = ("Hoàn thành {done}; hôm nay {today}: {days} ngày làm việc chưa có báo cáo tiến độ{skipped} (báo cáo "
                  "chậm nhất 05 ngày làm việc sau khi hoàn thành, Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 9 "
                  "khoản 2)")
SCH_PROJECT_LATE = ("Ngày kết thúc được phê duyệt {approved}; bước cuối «{step}» dự báo kết thúc {forecast}{skipped}: "
                    "chậm {days} ngày làm việc")
SCH_PROJECT_ON_TIME = "Ngày kết thúc được phê duyệt {approved}; bước cuối «{step}» dự báo kết thúc {forecast}: đúng hạn"
SCH_SKIPPED_MANY = "không tính {count} ngày nghỉ lễ, Tết, nghỉ bù từ {first} đến {last}"
SCH_MAKE_UP_MANY = "tính cả {count} ngày làm bù"
SCH_ALERT_DUE_SOON = "Bước {position} «{name}» ({unit}) sắp đến hạn: {days}"
SCH_ALERT_OVERDUE = "Bước {position} «{name}» ({unit}) quá hạn {days} ngày làm việc"
SCH_ALERT_UNREPORTED = "Bước {position} «{name}» ({unit}) đã hoàn thành nhưng chưa báo cáo tiến độ"
SCH_ALERT_PROJECT_LATE = "Dự án dự báo kết thúc sau ngày được phê duyệt {days} ngày làm việc"
PRC_STEP_REQUIRED = "Vui lòng chọn bước."
# ---------------------------------------------------------------- H2: step reports, judgements, reminders
# (seed 000 art. 8.3–8.7, 9.2)
STP_ONLY_RESOLVER = ("Chỉ cán bộ của đơn vị giải quyết bước «{step}» ({unit}) được báo cáo tiến độ bước này (Quy chế "
                     "kèm Quyết định 561/QĐ-UBND-HC, Điều 9 khoản 2).")
STP_READ_ONLY = "Tài khoản tra cứu chỉ được xem tiến độ các bước, không được báo cáo hay cập nhật."
STP_PROJECT_CANCELLED = "Dự án đang ở trạng thái «{status}»: không nhận báo cáo, đôn đốc cho các bước của dự án."
STP_START_REQUIRED = "Vui lòng nhập ngày bắt đầu thực hiện bước."
STP_DATE_FUTURE = ("{label} ({day}) là ngày trong tương lai. Chỉ báo cáo việc đã diễn ra (hôm nay là {today}); ngày "
                   "dự kiến đã có trong quy trình của dự án.")
STP_FINISH_BEFORE_START = "Ngày hoàn thành ({finish}) không được trước ngày bắt đầu ({start})."
STP_PERCENT_INVALID = "Mức độ hoàn thành phải là số nguyên từ 0 đến 100 (%) (đã nhập: {value})."
STP_FINISH_NEEDS_100 = ("Bước đã hoàn thành thì mức độ hoàn thành phải là 100 % (đã nhập: {value} %). Nếu bước chưa "
                        "xong, để trống ngày hoàn thành.")
STP_STILL_FINISHED = ("Bước đã được báo cáo hoàn thành ngày {day}: báo cáo bổ sung phải ghi ngày hoàn thành (có thể "
                      "điều chỉnh ngày này nếu báo cáo trước ghi sai).")
STP_NOT_FINISHED = "Bước «{step}» chưa được báo cáo hoàn thành: chưa có kết quả đúng hạn, trễ hạn để xác nhận."
STP_ONLY_INVESTOR = ("Chỉ cán bộ của chủ đầu tư được xác nhận đúng hạn, trễ hạn và đôn đốc đơn vị giải quyết (Quy chế "
                     "kèm Quyết định 561/QĐ-UBND-HC, Điều 8 khoản 3 và 5).")
STP_REASON_REQUIRED = "Vui lòng nêu lý do điều chỉnh kết quả đúng hạn, trễ hạn (Điều 8 khoản 3)."
STP_CORRECTION_SAME = ("Kết quả điều chỉnh giống kết quả hiện tại: nếu đồng ý với kết quả, hãy chọn «Xác nhận» thay vì "
                       "điều chỉnh.")
STP_LATE_DAYS_INVALID = ("Bước trễ hạn thì số ngày làm việc trễ phải là số nguyên từ 1 trở lên (đã nhập: {value}).")
STP_RESPONSIBLE_REQUIRED = "Vui lòng chọn đơn vị chịu trách nhiệm về việc trễ hạn (Điều 8 khoản 7)."
STP_MESSAGE_TOO_LONG = "Nội dung đôn đốc tối đa {limit} ký tự (đã nhập {length})."
STP_REMIND_FINISHED = ("Bước «{step}» đã được báo cáo hoàn thành ngày {day}, không cần đôn đốc báo cáo nữa.")
STP_DEFAULT_REMINDER = "Đề nghị đơn vị báo cáo tiến độ thực hiện bước «{step}» của dự án {code} trên phần mềm."
STP_FINISHED_LABEL = "Ngày hoàn thành"
STP_STARTED_LABEL = "Ngày bắt đầu"
STP_START_FINISH = "Hoàn thành bước"
STP_JUDGE_EXPLAIN = "Thời hạn của bước {deadline}{shift}; hoàn thành {finish}{notes}: {verdict}"
STP_DEADLINE_SHIFT = " (rơi vào ngày nghỉ, kéo dài đến hết ngày làm việc {day})"
# ---------------------------------------------------------------- H4: Sở Tài chính — Treasury import,
# reconciliation, reminders, monthly extraction (seed 000 art. 9.3–9.4, 11; issue 10 item 6)
FIN_ARTICLE = "Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 11"
FIN_IMPORT_ONLY = ("Chỉ cán bộ Sở Tài chính (kế hoạch, đầu tư) và quản trị hệ thống được nhập số liệu giải ngân của Kho "
                   "bạc Nhà nước (" + FIN_ARTICLE + " khoản 1, 3).")
FIN_WIDE_ONLY = ("Chỉ Sở Tài chính, lãnh đạo UBND tỉnh và quản trị hệ thống được xem số liệu giải ngân của toàn tỉnh ("
                 + FIN_ARTICLE + " khoản 2).")
FIN_REMIND_ONLY = "Chỉ cán bộ Sở Tài chính (kế hoạch, đầu tư) và quản trị hệ thống được nhắc chủ đầu tư báo cáo."
FIN_PERIOD_INVALID = "Kỳ số liệu không hợp lệ: chọn tháng từ 1 đến 12 của năm {year}."
FIN_PERIOD_FUTURE = "Kỳ số liệu tháng {month} là tháng chưa tới. Chỉ nhập số liệu đến tháng hiện tại."
FIN_NOT_XLSX = ("Tệp tải lên không phải là tệp Excel (.xlsx). Hãy tải tệp mẫu, nhập số liệu rồi lưu dưới dạng "
                "«Excel Workbook (.xlsx)».")
FIN_XLS = ("Tệp Excel 97–2003 (.xls) không được hỗ trợ. Hãy mở tệp trong Excel và lưu lại dưới dạng «Excel Workbook "
           "(.xlsx)».")
FIN_TOO_BIG = "Tệp tải lên lớn hơn giới hạn {mb} MB."
FIN_NO_SHEET = "Tệp không có trang tính «{sheet}». Hãy dùng tệp mẫu tải về từ phần mềm."
FIN_MISSING_COLUMN = "Thiếu cột «{column}» ở dòng tiêu đề (dòng 1). Hãy dùng tệp mẫu tải về từ phần mềm."
FIN_NO_ROWS = "Tệp không có dòng số liệu nào (số liệu bắt đầu từ dòng 2, dưới dòng tiêu đề)."
FIN_REQUIRED = "Vui lòng nhập «{column}»."
FIN_INVESTOR_UNKNOWN = "Không có chủ đầu tư «{value}» (ghi mã đơn vị hoặc tên đơn vị, xem trang «Hướng dẫn»)."
FIN_PROJECT_UNKNOWN = "Không có dự án mã «{value}» trong phần mềm. Kiểm tra lại mã dự án (xem trang «Hướng dẫn»)."
FIN_PROJECT_PRIVATE = "Dự án «{code}» là dự án đầu tư tư nhân, không sử dụng vốn đầu tư công."
FIN_NOT_INVESTOR = ("Chủ đầu tư «{given}» không phải là chủ đầu tư của dự án «{code}» (chủ đầu tư trong phần mềm: "
                    "{investor}).")
FIN_SOURCE_UNKNOWN = ("Nguồn vốn «{value}» không có trong danh mục. Ghi một trong: {choices}.")
FIN_MONTH_INVALID = "Tháng «{value}» không hợp lệ. Ghi theo dạng mm/yyyy, ví dụ 05/2026."
FIN_MONTH_FUTURE = "Tháng {month} là tháng chưa tới: Kho bạc chỉ báo cáo số đã giải ngân."
FIN_MONTH_OUTSIDE = "Tháng {month} nằm ngoài kỳ số liệu đã chọn (từ 01/{year} đến {period})."
FIN_AMOUNT_INVALID = "Số tiền «{value}» không hợp lệ: ghi số nguyên đồng, ví dụ 1.250.000.000."
FIN_AMOUNT_NEGATIVE = "Số tiền không được âm (đã ghi: {value})."
FIN_DUPLICATE = ("Trùng với dòng {first}: cùng dự án «{code}», nguồn vốn «{source}», tháng {month}. Mỗi dự án, nguồn "
                 "vốn, tháng chỉ ghi một dòng.")
FIN_IMPORTED = "Đã nhập {rows} dòng số liệu của Kho bạc cho kỳ tháng {period}."
FIN_IMPORTED_SUPERSEDED = " Tệp nhập trước cho cùng kỳ được thay thế (vẫn được lưu lại)."
FIN_EXPLANATION_REQUIRED = "Vui lòng nhập nội dung giải trình chênh lệch."
FIN_EXPLANATION_INVESTOR_ONLY = ("Chỉ chủ đầu tư của dự án được giải trình chênh lệch với số liệu Kho bạc ("
                                 + FIN_ARTICLE + " khoản 3).")
FIN_EXPLANATION_SAVED = "Đã lưu giải trình chênh lệch."
FIN_REMINDED = "Đã nhắc {unit} gửi báo cáo tình hình thực hiện, giải ngân tháng {period}."
FIN_REMIND_NOT_MISSING = "{unit} đã gửi báo cáo tháng {period}, không cần nhắc."
FIN_REMIND_NOT_INVESTOR = "Đơn vị được chọn không phải là chủ đầu tư của dự án đầu tư công nào đang thực hiện."
FIN_REMINDER_SUMMARY = "Nhắc gửi báo cáo tình hình thực hiện, giải ngân tháng {period}"
FIN_EXTRACTION_NOTE = ("Ghi chú: kế hoạch vốn năm là tổng các dòng kế hoạch giao, điều chỉnh và kéo dài có hiệu lực đến "
                       "tháng báo cáo; số giải ngân do chủ đầu tư cập nhật trên phần mềm (Quy chế kèm Quyết định "
                       "561/QĐ-UBND-HC, Điều 9 khoản 4, Điều 11 khoản 2); dự án tạm dừng, hủy bỏ không tính.")
# ---------------------------------------------------------------- H5: photos, settlement, open data (issue 10 items
# 1 (photos), 10, 11)
PHO_TYPES_TEXT = ".jpg, .jpeg, .png, .webp"
PHO_NOT_IMAGE = ("Tệp «{name}» không phải là ảnh được chấp nhận: chỉ nhận ảnh {types} (kiểm tra theo nội dung tệp, "
                 "không chỉ theo phần mở rộng).")
PHO_MISMATCH = "Tệp «{name}» có phần mở rộng .{extension} nhưng nội dung không phải ảnh {kind}."
PHO_BROKEN = "Tệp ảnh «{name}» bị hỏng hoặc không đọc được."
PHO_EMPTY = "Tệp ảnh «{name}» rỗng."
PHO_TOO_BIG = "Tệp ảnh «{name}» có dung lượng {size}, vượt mức tối đa {limit} MB một tệp."
PHO_FILE_REQUIRED = "Vui lòng chọn tệp ảnh."
PHO_CAPTION_REQUIRED = "Vui lòng nhập chú thích cho ảnh."
PHO_CAPTION_TOO_LONG = "Chú thích ảnh dài quá {limit} ký tự."
PHO_TAKEN_FUTURE = "Ngày chụp ({day}) không được sau ngày hôm nay."
PHO_STEP_NOT_IN_PROJECT = "Bước đã chọn không thuộc quy trình của dự án này."
PHO_ADDED = "Đã thêm ảnh «{caption}»."
PHO_DELETED = "Đã xóa ảnh «{caption}»."

STL_RULE = "Nghị định 99/2021/NĐ-CP, Điều 47"
STL_HANDOVER_REQUIRED = "Vui lòng nhập ngày ký biên bản nghiệm thu, bàn giao đưa vào sử dụng."
STL_PRIVATE = "Dự án đầu tư tư nhân không quyết toán vốn đầu tư công."
STL_NO_GROUP = "Dự án chưa có nhóm dự án, không tính được thời hạn quyết toán."
STL_FUTURE = "{label} ({day}) không được sau ngày hôm nay."
STL_ORDER = "{label} ({day}) không được trước {before_label} ({before})."
STL_NEEDS_PREVIOUS = "Chưa có {before_label}: chưa thể nhập {label}."
STL_FINAL_VALUE_NEGATIVE = "Giá trị quyết toán phải là số nguyên không âm (đồng)."
STL_REASONS_REQUIRED = ("Giá trị quyết toán hoặc ngày hoàn thành thực tế khác với giá trị, thời hạn được phê duyệt: "
                        "vui lòng nêu lý do chênh lệch.")
STL_DOCUMENT_NOT_IN_PROJECT = "Văn bản đã chọn không thuộc hồ sơ dự án này."
STL_SAVED = "Đã lưu thông tin quyết toán dự án hoàn thành."
STL_HANDOVER = "Ngày ký biên bản bàn giao đưa vào sử dụng"
STL_DOSSIER = "Ngày nộp đủ hồ sơ quyết toán"
STL_VERIFIED = "Ngày nhận báo cáo thẩm tra quyết toán"
STL_APPROVED = "Ngày phê duyệt quyết toán"
STL_CLOCK_DOSSIER = "Lập hồ sơ quyết toán"
STL_CLOCK_VERIFICATION = "Thẩm tra quyết toán"
STL_CLOCK_APPROVAL = "Phê duyệt quyết toán"
STL_NOT_STARTED = "Chưa bắt đầu: chờ {before_label}."
STL_ON_TIME = "đúng hạn"
STL_LATE = "chậm {days} ngày"
STL_OPEN_IN_TIME = "còn {days} ngày"
STL_OPEN_LATE = "quá hạn {days} ngày"
STL_LAST_DAY = ("hạn rơi vào ngày nghỉ {day}: kết thúc vào ngày làm việc tiếp theo {ends} (Bộ luật Dân sự 2015, "
                "Điều 148 khoản 5)")
STL_END_OF_MONTH = "tháng {month} không có ngày {day}: lấy ngày cuối tháng (Bộ luật Dân sự 2015, Điều 148 khoản 3)"

OC4_PUBLIC_TITLE = "Dự án đầu tư công công khai"
OC4_NOTHING = "Chưa có dự án nào được công khai."
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
