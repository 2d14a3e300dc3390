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
