"""Every sentence a user reads that is not a field label of one page: messages, errors, common words.

Kept in one module so that the wording stays consistent and can be reviewed in one place.
"""
from __future__ import annotations

APP_NAME = "Đôn Đốc"
APP_TAGLINE = "Theo dõi, đôn đốc nhiệm vụ, dự án và chỉ số cải cách hành chính"

# An address that is not a page of the app (instead of Streamlit's English «Page not found» dialog)
NOT_FOUND_TITLE = "Không tìm thấy trang"
NOT_FOUND_TEXT = ("Địa chỉ «/{path}» không phải là một trang của phần mềm {app}: có thể đường dẫn đã cũ hoặc bị gõ "
                  "nhầm.")
BACK_HOME = "Về trang chủ"
BACK_LOGIN = "Về trang đăng nhập"
PUBLIC_LINKS = "Trang công khai:"
SEE_ALSO = "Xem thêm:"

# Generic refusals
ERR_NO_PERMISSION = "Bạn không có quyền thực hiện thao tác này."
ERR_OUT_OF_SCOPE = "Dữ liệu này thuộc đơn vị ngoài phạm vi được phân quyền của bạn."
ERR_NOT_FOUND = "Không tìm thấy dữ liệu (có thể đã bị thu hồi hoặc bạn không có quyền xem)."
ERR_STALE = ("Dữ liệu vừa được người khác cập nhật trong lúc bạn đang sửa. "
             "Thay đổi của bạn chưa được lưu; vui lòng tải lại và nhập lại.")
ERR_REQUIRED = "Vui lòng nhập {field}."
ERR_PAGE_FORBIDDEN = "Bạn không có quyền truy cập trang này."
ERR_LOGIN_REQUIRED = "Vui lòng đăng nhập để sử dụng hệ thống."
ERR_MUST_CHANGE_PASSWORD = "Bạn cần đổi mật khẩu trước khi sử dụng hệ thống."
ERR_UNEXPECTED = "Đã xảy ra lỗi không mong muốn. Dữ liệu chưa được lưu; vui lòng thử lại hoặc báo quản trị hệ thống."

# Log-in
LOGIN_TITLE = "Đăng nhập"
LOGIN_USERNAME = "Tên đăng nhập (hoặc thư điện tử công vụ)"
LOGIN_PASSWORD = "Mật khẩu"
LOGIN_BUTTON = "Đăng nhập"
# The same answer to an unknown user name, a wrong password and a temporarily locked account (never tells which).
LOGIN_FAILED = ("Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa do nhập sai nhiều lần. "
                "Sau {limit} lần nhập sai liên tiếp, tài khoản bị tạm khóa {minutes} phút (lâu hơn nếu tiếp tục "
                "nhập sai); vui lòng thử lại sau hoặc liên hệ quản trị đơn vị.")
LOGIN_LOCKED = "Tài khoản đang bị khóa. Vui lòng liên hệ quản trị đơn vị hoặc quản trị hệ thống để mở khóa."
LOGIN_DEACTIVATED = "Tài khoản đã ngừng sử dụng. Vui lòng liên hệ quản trị đơn vị."
SESSION_ENDED = ("Phiên làm việc đã kết thúc (đã đăng xuất, tài khoản bị khóa hoặc mở khóa, đổi vai trò, "
                 "ngừng sử dụng hoặc mật khẩu đã được đổi). Vui lòng đăng nhập lại.")
LOGOUT = "Đăng xuất"

# Passwords
PW_TOO_SHORT = "Mật khẩu phải có ít nhất {n} ký tự."
PW_WEAK = "Mật khẩu quá dễ đoán (độ mạnh {score}/4, cần tối thiểu {min}/4)."
PW_PERSONAL = "Mật khẩu dựa trên tên đăng nhập, họ tên, tên đơn vị hoặc tên phần mềm."
PW_HINT_GENERAL = ("Hãy dùng một cụm từ dài gồm vài từ không liên quan đến nhau, "
                   "ví dụ: «Trồng cây ven sông Tiền mùa nước nổi».")
PW_DEMO_PASSWORD = ("Đây là mật khẩu chung của dữ liệu mẫu (đã công bố trong tài liệu hướng dẫn); "
                    "chỉ được dùng khi hệ thống chạy dữ liệu mẫu để tập huấn.")
PW_POLICY = ("Mật khẩu dài ít nhất {length} ký tự và đủ khó đoán (độ mạnh tối thiểu {score}/4, đo bằng công cụ "
             "zxcvbn); không dựa trên tên đăng nhập, họ tên, tên đơn vị hay tên phần mềm. Nên dùng một cụm từ "
             "dài gồm vài từ không liên quan đến nhau; có thể gõ tiếng Việt có dấu.")
PW_POLICY_MAX_AGE = " Mật khẩu phải được đổi sau mỗi {days} ngày."
PW_SAME_AS_OLD = "Mật khẩu mới phải khác mật khẩu hiện tại."
PW_OLD_WRONG = "Mật khẩu hiện tại không đúng."
PW_MISMATCH = "Hai lần nhập mật khẩu mới không khớp nhau."
PW_CHANGED = "Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản này đã được đăng xuất."
PW_EXPIRED = "Mật khẩu của bạn đã quá {days} ngày chưa đổi. Vui lòng đổi mật khẩu để tiếp tục."
PW_FIRST_LOGIN = "Đây là lần đăng nhập đầu tiên (hoặc mật khẩu vừa được cấp lại). Vui lòng đặt mật khẩu mới."

# zxcvbn's feedback (zxcvbn/feedback.py of the pinned version, every text it can give) in Vietnamese.
ZXCVBN_FEEDBACK: dict[str, str] = {
    "Use a few words, avoid common phrases.": "Hãy ghép vài từ với nhau, tránh các câu quen thuộc.",
    "No need for symbols, digits, or uppercase letters.": "Không cần ký hiệu, chữ số hay chữ hoa.",
    "Add another word or two. Uncommon words are better.": "Thêm một hai từ nữa; từ ít gặp càng tốt.",
    "Straight rows of keys are easy to guess.": "Các phím liền nhau trên một hàng bàn phím rất dễ đoán.",
    "Short keyboard patterns are easy to guess.": "Các đường gõ ngắn trên bàn phím rất dễ đoán.",
    "Use a longer keyboard pattern with more turns.": "Nếu theo đường gõ trên bàn phím, hãy dùng đường dài hơn, "
                                                      "đổi hướng nhiều lần.",
    'Repeats like "aaa" are easy to guess.': "Ký tự lặp lại như «aaa» rất dễ đoán.",
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".':
        "Chuỗi lặp lại như «abcabcabc» chỉ khó đoán hơn «abc» một chút.",
    "Avoid repeated words and characters.": "Tránh lặp lại từ và ký tự.",
    'Sequences like "abc" or "6543" are easy to guess.': "Dãy liên tiếp như «abc» hay «6543» rất dễ đoán.",
    "Avoid sequences.": "Tránh các dãy ký tự liên tiếp.",
    "Recent years are easy to guess.": "Các năm gần đây rất dễ đoán.",
    "Avoid recent years.": "Tránh dùng các năm gần đây.",
    "Avoid years that are associated with you.": "Tránh dùng những năm gắn với bản thân bạn.",
    "Dates are often easy to guess.": "Ngày tháng thường rất dễ đoán.",
    "Avoid dates and years that are associated with you.": "Tránh dùng ngày tháng, năm gắn với bản thân bạn.",
    "This is a top-10 common password.": "Đây là một trong 10 mật khẩu phổ biến nhất.",
    "This is a top-100 common password.": "Đây là một trong 100 mật khẩu phổ biến nhất.",
    "This is a very common password.": "Đây là một mật khẩu rất phổ biến.",
    "This is similar to a commonly used password.": "Mật khẩu này gần giống một mật khẩu phổ biến.",
    "A word by itself is easy to guess.": "Một từ đứng riêng rất dễ đoán.",
    "Names and surnames by themselves are easy to guess.": "Họ hoặc tên đứng riêng rất dễ đoán.",
    "Common names and surnames are easy to guess.": "Họ, tên phổ biến rất dễ đoán.",
    "Capitalization doesn't help very much.": "Viết hoa chữ cái đầu không làm mật khẩu khó đoán hơn bao nhiêu.",
    "All-uppercase is almost as easy to guess as all-lowercase.":
        "Viết hoa toàn bộ cũng dễ đoán gần như viết thường toàn bộ.",
    "Reversed words aren't much harder to guess.": "Viết ngược một từ không làm nó khó đoán hơn bao nhiêu.",
    "Predictable substitutions like '@' instead of 'a' don't help very much.":
        "Thay ký tự theo kiểu dễ đoán (như «@» thay cho «a») không giúp được nhiều.",
}

# Accounts
ACC_USERNAME_TAKEN = "Tên đăng nhập «{username}» đã được sử dụng. Vui lòng chọn tên khác."
ACC_USERNAME_INVALID = ("Tên đăng nhập chỉ gồm chữ cái không dấu, chữ số và các ký tự . _ - @ "
                        "(3–100 ký tự), ví dụ: nguyenvana hoặc nguyenvana@dongthap.gov.vn.")
ACC_ROLE_NOT_GRANTABLE = "Bạn không được cấp vai trò «{role}»."
ACC_HIGHER_ROLE = ("Bạn không được thay đổi tài khoản giữ vai trò «{role}»; "
                   "việc này do quản trị hệ thống thực hiện.")
ACC_NO_ROLE = "Vui lòng chọn ít nhất một vai trò."
ACC_NOT_SELF = "Bạn không thể tự khóa, ngừng sử dụng hoặc thu hồi quyền quản trị của chính mình."
ACC_UNIT_INACTIVE = "Đơn vị «{unit}» đã sáp nhập hoặc giải thể; không thể gán tài khoản vào đơn vị này."
ACC_EMAIL_INVALID = "Địa chỉ thư điện tử «{email}» không hợp lệ."
ACC_TEMP_LOCKED = " — tạm khóa do nhập sai mật khẩu nhiều lần, đến {until}"
ACC_TEMP_LOCKED_SHORT = " (đang tạm khóa)"
ACC_LIFT_TEMP_LOCK = "Mở tạm khóa ngay"
ACC_NO_SUCH_USERNAME = "Không có tài khoản nào có tên đăng nhập «{username}»."
ACC_UNLOCKED_SHELL = ("Đã mở khóa tài khoản «{username}» ({full_name}). Các phiên đăng nhập cũ của tài khoản "
                      "đã kết thúc; người dùng đăng nhập lại bằng mật khẩu hiện tại.")
ACC_UNLOCK_FAILED = "Lỗi: không mở khóa được tài khoản «{username}»: {error}"
CLI_NO_DATABASE = ("không kết nối được cơ sở dữ liệu; kiểm tra biến môi trường DATABASE_URL và máy chủ "
                   "cơ sở dữ liệu.")
SHELL_ACTOR = "Quản trị máy chủ (dòng lệnh)"
ACC_CREATED = "Đã tạo tài khoản «{username}». Mật khẩu ban đầu phải được đổi ở lần đăng nhập đầu tiên."
ACC_SAVED = "Đã lưu thông tin tài khoản."
ACC_LOCKED = "Đã khóa tài khoản. Các phiên đăng nhập của tài khoản đã kết thúc."
ACC_UNLOCKED = "Đã mở khóa tài khoản."
ACC_DEACTIVATED = "Đã chuyển tài khoản sang trạng thái ngừng sử dụng; lịch sử của tài khoản được giữ nguyên."
ACC_PASSWORD_RESET = "Đã cấp lại mật khẩu. Người dùng phải đổi mật khẩu ở lần đăng nhập tới."
ACC_REASON_REQUIRED = "Vui lòng nhập lý do."
ACC_ACTION_NOT_ALLOWED = ("Bạn chỉ được tạo tài khoản và cấp lại mật khẩu cho tài khoản giữ vai trò "
                          "Chỉ số CCHC; việc khác do quản trị hệ thống hoặc quản trị đơn vị thực hiện.")

# Units
UNIT_CODE_TAKEN = "Mã đơn vị «{code}» đã được sử dụng."
UNIT_CODE_INVALID = "Mã đơn vị chỉ gồm chữ cái không dấu, chữ số, dấu gạch ngang hoặc gạch dưới (2–30 ký tự)."
UNIT_PARENT_CYCLE = "Không thể chọn đơn vị cấp trên là chính đơn vị này hoặc một đơn vị trực thuộc nó."
UNIT_INACTIVE = "Đơn vị «{unit}» đã sáp nhập hoặc giải thể; không thể thay đổi."
UNIT_SUCCESSOR_INVALID = "Đơn vị tiếp nhận phải là một đơn vị khác, đang hoạt động."
UNIT_DATE_BEFORE_FOUNDED = "Ngày hiệu lực không được trước ngày thành lập đơn vị ({founded})."
UNIT_HAS_ACTIVE_CHILDREN = ("Đơn vị còn {n} đơn vị trực thuộc đang hoạt động. "
                            "Hãy chuyển hoặc giải thể các đơn vị đó trước, hoặc chọn đơn vị tiếp nhận.")
UNIT_HAS_ACCOUNTS = ("Đơn vị còn {n} tài khoản đang hoạt động. "
                     "Hãy chọn đơn vị tiếp nhận để chuyển tài khoản và công việc sang.")
UNIT_SAME_NAME = "Tên mới trùng với tên hiện tại."

# Calendar
CAL_DUPLICATE = "Ngày {day} đã có điều chỉnh ({kind}). Hãy thu hồi điều chỉnh cũ trước."
CAL_NOTE_REQUIRED = "Vui lòng ghi căn cứ (văn bản, lý do) của điều chỉnh lịch."
CAL_ALREADY_OFF = "Ngày {day} vốn đã là ngày nghỉ; không cần thêm ngày nghỉ bổ sung."
CAL_ALREADY_WORKING = "Ngày {day} vốn đã là ngày làm việc; không cần thêm ngày làm việc bổ sung."

# Settings
SET_OUT_OF_RANGE = "Giá trị của «{label}» phải từ {min} đến {max}."
SET_UNKNOWN = "Tham số «{key}» không tồn tại."
SET_CONFLICT = ("Tham số vừa được quản trị viên khác lưu trong lúc bạn đang sửa. Thay đổi của bạn chưa được lưu; "
                "vui lòng tải lại trang để xem giá trị hiện tại rồi lưu lại.")

# Backup
BK_WRONG_FILE = "Tệp «{name}» không phải là bản sao lưu của Đôn Đốc."
BK_WRONG_REVISION = ("Bản sao lưu được tạo với phiên bản cơ sở dữ liệu {backup}, khác phiên bản hiện tại {current}. "
                     "Hãy cài đúng phiên bản phần mềm tương ứng trước khi phục hồi.")
BK_CORRUPT = "Bản sao lưu bị hỏng: {detail}."
BK_NOT_ZIP = ("Tệp «{name}» không phải là bản sao lưu của Đôn Đốc: không đọc được như một tệp nén .zip "
              "(có thể tệp bị hỏng hoặc chép chưa hết).")
BK_NO_MANIFEST = "Tệp «{name}» không phải là bản sao lưu của Đôn Đốc: thiếu bảng kê manifest.json."
BK_BAD_MANIFEST = "Bảng kê manifest.json của tệp «{name}» bị hỏng hoặc thiếu mục «{field}»."
BK_MISSING_TABLE = "thiếu dữ liệu bảng «{table}»"
BK_BAD_TABLE = "dữ liệu bảng «{table}» không đọc được (dòng {line})"
BK_COUNT_MISMATCH = "bảng «{table}» có {found} dòng, khác số {expected} dòng ghi trong bảng kê"
BK_DB_COUNT_MISMATCH = "cơ sở dữ liệu nhận {found} dòng của bảng «{table}», khác số {expected} dòng trong bản sao lưu"
BK_MISSING_ATTACHMENT = "thiếu tệp đính kèm «{name}» (mã {sha})"
BK_HASH_MISMATCH = "tệp đính kèm «{name}» sai mã băm (nội dung đã bị thay đổi)"
BK_ATTACHMENTS_MISSING = ("Không sao lưu: {n} tệp đính kèm không còn trong kho tệp ({folder}), ví dụ: {names}. "
                          "Hãy chép lại các tệp này vào kho (hoặc phục hồi kho tệp) rồi sao lưu lại.")
BK_RESTORE_FAILED = "Phục hồi không thành công, dữ liệu hiện tại được giữ nguyên: {detail}"
BK_CANNOT_READ = "Không đọc được tệp «{name}»: {detail}."
BK_CANNOT_WRITE = "Không ghi được tệp sao lưu «{name}»: {detail}."

# Attachments
ATT_READ_ONLY = "Tài khoản tra cứu chỉ được xem, không được tải tệp đính kèm lên."
ATT_NOT_ALLOWED = "Bạn không có quyền đính kèm tệp vào mục này."

# Excel files read by an import (lib/core/excel_reader.py)
XL_UNREADABLE = "Tệp không phải là tệp Excel (.xlsx) đọc được."
XL_TOO_LARGE_UNPACKED = ("Tệp Excel khi giải nén lớn hơn {mb} MB (hoặc nén bất thường), vượt giới hạn cho phép. "
                         "Hãy xóa dữ liệu thừa hoặc chia thành nhiều tệp nhỏ hơn.")
XL_XML_FORBIDDEN = ("Tệp Excel chứa khai báo XML không được phép (DTD, thực thể), có thể là tệp độc hại. "
                    "Hãy mở tệp bằng Excel, lưu lại rồi tải lên lại.")
XL_TOO_MANY_ROWS = ("Trang tính «{sheet}» có hơn {n} dòng dữ liệu (kể cả dòng trống). Hãy xóa các dòng thừa "
                    "hoặc chia thành nhiều tệp nhỏ hơn.")
XL_TOO_MANY_COLUMNS = ("Trang tính «{sheet}» có {n} cột, vượt giới hạn {limit} cột. Hãy xóa các cột thừa "
                       "hoặc dùng tệp mẫu tải về từ phần mềm.")
XL_BOOLEAN_CELL = "Ô chứa giá trị đúng/sai (TRUE/FALSE), không phải là số. Hãy nhập một số."

# Common words
YES = "Có"
NO = "Không"
SAVE = "Lưu"
CANCEL = "Hủy"
SEARCH = "Tìm kiếm"
ALL = "Tất cả"
CHOOSE = "Chọn…"                         # placeholder of a select box (Streamlit's is English)
CHOOSE_MANY = "Chọn một hoặc nhiều…"      # placeholder of a multiselect
NONE = "(không có)"
SYSTEM = "Hệ thống"

# Module Nhiệm vụ
TASK_CLASSIFIED = ("Văn bản mật không được cập nhật vào phần mềm (Quy chế, Điều 6). "
                   "Văn bản này chưa được lưu.")
TASK_NUMBER_INVALID = ("Số, ký hiệu «{value}» không đúng thể thức (Nghị định 30/2020/NĐ-CP). "
                       "Ví dụ đúng: 1298/QĐ-UBND-HC, 02/2020/QĐ-UBND, 125/UBND-KT.")
TASK_NUMBER_TAKEN = "Số {number} của {issuer} năm {year} đã được dùng cho văn bản «{existing}»."
TASK_ISSUED_FUTURE = "Ngày ban hành không được sau ngày hôm nay."
TASK_NO_TASKS = "Văn bản phải có ít nhất một nhiệm vụ."
TASK_DEADLINE_BEFORE_ISSUE = "Nhiệm vụ {n}: thời hạn xử lý ({deadline}) không được trước ngày ban hành văn bản ({issued})."
TASK_NO_DEADLINE = ("Nhiệm vụ {n}: chưa có thời hạn xử lý. Nhiệm vụ không có thời hạn không được theo dõi, "
                    "trừ khi Chánh Văn phòng quyết định theo dõi là nhiệm vụ dài hạn.")
TASK_BOTH_DEADLINES = "Nhiệm vụ {n}: chỉ nhập thời hạn theo ngày hoặc theo số ngày làm việc, không nhập cả hai."
TASK_CONTENT_REQUIRED = "Nhiệm vụ {n}: vui lòng nhập nội dung nhiệm vụ."
TASK_LEAD_REQUIRED = "Nhiệm vụ {n}: vui lòng chọn đơn vị chủ trì."
TASK_CO_IS_LEAD = "Nhiệm vụ {n}: đơn vị chủ trì không đồng thời là đơn vị phối hợp."
TASK_UNIT_INACTIVE = "Nhiệm vụ {n}: đơn vị «{unit}» đã sáp nhập hoặc giải thể."
TASK_FOLLOWER_INVALID = "Người theo dõi, đôn đốc phải là chuyên viên Văn phòng đang hoạt động."
TASK_WRONG_STATE = "Nhiệm vụ đang ở trạng thái «{status}», không thể {action}."
TASK_NOT_LEAD = "Chỉ đơn vị chủ trì mới được {action} nhiệm vụ này."
TASK_NOT_CO_UNIT = "Đơn vị của bạn không phải đơn vị phối hợp của nhiệm vụ này."
TASK_REASON_REQUIRED = "Vui lòng nêu rõ lý do."
TASK_REPORT_CONTENT_REQUIRED = "Vui lòng nhập nội dung kết quả thực hiện."
TASK_REPORT_DATE_FUTURE = "Ngày của văn bản báo cáo không được sau ngày hôm nay."
TASK_REPORT_DECIDED = "Báo cáo này đã được {who} xác nhận «{decision}» lúc {at}. Quyết định của bạn chưa được lưu."
TASK_NO_NUMBER = "Không số"
TASK_NUMBER_REQUIRED = ("Vui lòng nhập số, ký hiệu văn bản (chỉ phiếu lấy ý kiến qua mạng không cần số, ký hiệu — "
                        "Quy chế kèm Quyết định 1298/QĐ-UBND-HC, Điều 6.3a).")
TASK_DRAFTER_REQUIRED = ("Vui lòng chọn công chức soạn thảo, trình ký văn bản (Quy chế kèm Quyết định "
                         "1298/QĐ-UBND-HC, Điều 6.3a).")
TASK_DRAFTER_INVALID = "Công chức soạn thảo, trình ký phải là chuyên viên Văn phòng đang hoạt động."
TASK_FOLLOWER_REQUIRED = ("Nhiệm vụ {n}: vui lòng chọn người theo dõi, đôn đốc thuộc Văn phòng (Quy chế kèm Quyết "
                          "định 520/QĐ-UBND, Điều 8.1đ).")
TASK_SIGNED_FILE_REQUIRED = ("Vui lòng đính kèm tệp văn bản giao nhiệm vụ có ký tên, đóng dấu (Quy chế kèm Quyết định "
                             "1298/QĐ-UBND-HC, Điều 6.3a).")
TASK_REPORT_DOC_REQUIRED = ("Vui lòng nhập {field} của văn bản báo cáo (Quy chế kèm Quyết định 1298/QĐ-UBND-HC, "
                            "Điều 7.5b; Quy chế kèm Quyết định 520/QĐ-UBND, Điều 8.2b).")
TASK_REPORT_FILE_REQUIRED = ("Vui lòng đính kèm tệp văn bản báo cáo có ký tên, đóng dấu (chữ ký số hoặc bản quét) "
                             "(Quy chế kèm Quyết định 1298/QĐ-UBND-HC, Điều 7.5c).")
TASK_ON_TIME = "đúng hạn"
TASK_LATE_DAYS = "chậm {days} ngày làm việc"
TASK_READ_ONLY = "Tài khoản tra cứu chỉ được xem, không được cập nhật dữ liệu."

# Module Chỉ số CCHC
PAR_SCORE_NOT_NUMBER = "Tiêu chí {code}: điểm «{value}» không phải là một số."
PAR_SCORE_OUT_OF_RANGE = "Tiêu chí {code}: điểm phải từ 0 đến {max} (điểm tối đa). Điểm {value} không được chấp nhận."
PAR_SCORE_STEP = "Tiêu chí {code}: điểm phải là bội số của {step} (ví dụ 0; {step}; …). Điểm {value} không hợp lệ."
PAR_SCORE_YES_NO = "Tiêu chí {code} chỉ chấm 0 hoặc {max} điểm. Điểm {value} không hợp lệ."
PAR_SCORE_LEVELS = "Tiêu chí {code} chỉ nhận một trong các mức điểm: {levels}. Điểm {value} không hợp lệ."
PAR_NOT_SCORED = "Tiêu chí {code} là tiêu chí tổng hợp, điểm được cộng từ các tiêu chí thành phần."
PAR_TREE_LOCKED = ("Bộ tiêu chí năm {year} ({group}) đang được sử dụng trong đợt đánh giá «{round}» chưa kết thúc: "
                   "không được thêm, xóa tiêu chí hay đổi điểm tối đa, cách chấm.")
PAR_CODE_INVALID = "Mã tiêu chí «{code}» không đúng dạng (ví dụ: 1; 1.2; 1.2.3)."
PAR_CODE_TAKEN = "Mã tiêu chí {code} đã có trong bộ tiêu chí năm {year} ({group})."
PAR_PARENT_MISSING = "Tiêu chí {code}: chưa có tiêu chí cấp trên {parent}."
PAR_MAX_INVALID = "Tiêu chí {code}: điểm tối đa phải lớn hơn 0 và không quá 100."
PAR_STEP_INVALID = "Tiêu chí {code}: bước điểm phải lớn hơn 0 và điểm tối đa phải chia hết cho bước điểm."
PAR_LEVELS_INVALID = ("Tiêu chí {code}: các mức điểm phải tăng dần, bắt đầu từ 0 và mức cao nhất bằng điểm tối đa "
                      "({max}).")
PAR_METHOD_REQUIRED = "Tiêu chí {code}: vui lòng chọn cách chấm điểm."
PAR_NAME_REQUIRED = "Tiêu chí {code}: vui lòng nhập tên tiêu chí."
PAR_PARENT_SUM = "Tiêu chí {code}: điểm tối đa {max} khác tổng điểm tối đa các tiêu chí con ({sum})."
PAR_HAS_SCORES = "Tiêu chí {code} đã có điểm chấm của đơn vị, không được xóa."
PAR_HAS_CHILDREN = "Tiêu chí {code} còn tiêu chí con; hãy xóa các tiêu chí con trước."
PAR_TREE_EXISTS = "Năm {year} đã có bộ tiêu chí ({group}); không sao chép đè lên."
PAR_TREE_EMPTY = "Chưa có bộ tiêu chí năm {year} ({group})."
PAR_ROUND_NAME_REQUIRED = "Vui lòng nhập tên đợt đánh giá."
PAR_ROUND_APPRAISAL_DEADLINE = "Hạn thẩm định phải từ hạn tự đánh giá ({self}) trở đi."
PAR_ROUND_COUNCIL_DEADLINE = "Hạn Hội đồng phê duyệt phải từ hạn của bước trước ({before}) trở đi."
PAR_ROUND_NO_UNITS = "Vui lòng chọn ít nhất một đơn vị được đánh giá."
PAR_ROUND_UNIT_KIND = "Đơn vị «{unit}» không thuộc nhóm được đánh giá Chỉ số CCHC (sở, ban, ngành hoặc UBND cấp huyện, cấp xã)."
PAR_ROUND_TREE_PROBLEMS = "Bộ tiêu chí năm {year} ({group}) chưa hợp lệ: {problems}"
PAR_ROUND_CLOSED = "Đợt đánh giá «{round}» đã kết thúc; dữ liệu không còn được thay đổi."
PAR_ROUND_UNIT_TAKEN = "Đơn vị «{unit}» đã có trong đợt đánh giá «{round}» của năm {year}."
PAR_ROUND_MEMBER_ROLE = "Tài khoản «{name}» không có vai trò {role}."
PAR_SUBMITTED_LOCKED = "Đơn vị đã nộp kết quả tự đánh giá lúc {at}; điểm tự đánh giá không còn được sửa."
PAR_MISSING_SCORES = "Chưa chấm điểm các tiêu chí: {codes}."
PAR_EXPLANATION_REQUIRED = ("Tiêu chí {codes} bắt buộc có tài liệu kiểm chứng nhưng chưa đính kèm: "
                            "vui lòng đính kèm tài liệu hoặc giải trình lý do.")
PAR_APPRAISED_LATE = "Hoàn thành thẩm định muộn {days} ngày so với hạn {deadline}."
PAR_APPROVED_LATE = "Phê duyệt muộn {days} ngày so với hạn {deadline}."
PAR_CORRECT_HIGHER_ONLY = ("Sau khi đã nộp, chỉ cấp trên của đơn vị (hoặc Sở Nội vụ) được điều chỉnh điểm tự "
                           "đánh giá.")
PAR_CORRECT_REASON = "Vui lòng ghi lý do điều chỉnh điểm tự đánh giá (đơn vị sẽ xem được trong lịch sử hồ sơ)."
PAR_CORRECT_NOTHING = "Không có điểm nào thay đổi; chưa có gì được điều chỉnh."
PAR_NOT_ASSIGNED = "Bạn không được phân công thẩm định lĩnh vực {field} trong đợt này."
PAR_NOT_COUNCIL = "Bạn không được phân công phê duyệt lĩnh vực {field} trong đợt này."
PAR_NOT_SUBMITTED = "Đơn vị chưa nộp kết quả tự đánh giá."
PAR_FIELD_WRONG_STATE = "Lĩnh vực {field} đang ở trạng thái «{status}», không thể {action}."
PAR_FIELD_INCOMPLETE = "Lĩnh vực {field}: chưa nhập điểm thẩm định các tiêu chí {codes}."
PAR_FIELD_OPEN_REQUEST = "Lĩnh vực {field}: đơn vị chưa trả lời yêu cầu bổ sung tài liệu (hạn {deadline})."
PAR_REQUEST_EMPTY = "Vui lòng chọn ít nhất một tiêu chí cần đơn vị bổ sung tài liệu."
PAR_REQUEST_DEADLINE = "Hạn bổ sung tài liệu phải từ hôm nay trở đi."
PAR_REQUEST_CLOSED = "Yêu cầu bổ sung này đã được trả lời; không thể trả lời lại."
PAR_REQUEST_ANSWERED_MEANWHILE = ("Yêu cầu bổ sung này vừa được {name} trả lời lúc {at} trong lúc bạn đang soạn. "
                                  "Nội dung của bạn chưa được gửi; vui lòng tải lại trang để xem nội dung đã gửi.")
PAR_REQUEST_OTHER_CRITERION = "Tiêu chí {code} không nằm trong yêu cầu bổ sung; đơn vị chỉ trả lời các tiêu chí được yêu cầu."
PAR_ANSWER_EMPTY = "Tiêu chí {code}: vui lòng nhập giải trình hoặc đính kèm tài liệu bổ sung."
PAR_COMMENT_REQUIRED = "Vui lòng nhập ý kiến của Hội đồng khi trả lại lĩnh vực cho Tổ giúp việc."
PAR_REOPEN_APPRAISED = "Đã có lĩnh vực được thẩm định; không thể mở lại để đơn vị tự đánh giá."
PAR_COMPONENT_NAME_REQUIRED = "Vui lòng nhập tên thành phần điểm."
PAR_COMPONENT_MAX = "Điểm tối đa của thành phần điểm phải lớn hơn 0."
PAR_COMPONENT_SCORE = "Điểm «{value}» của {unit} phải từ 0 đến {max}."
PAR_COMPONENT_UNIT = "Đơn vị «{unit}» không có trong đợt đánh giá."
PAR_NOT_PUBLISHED = "Kết quả đợt đánh giá này chưa được công bố."
SET_GRADE_ORDER = ("Các mức xếp loại Chỉ số CCHC phải giảm dần: Xuất sắc > Tốt > Khá > Trung bình. "
                   "Chưa lưu tham số nào.")
SET_PROJECT_C_ABOVE_A = ("Lĩnh vực loại {n}: mức «nhóm C dưới» ({c} tỷ đồng) phải thấp hơn mức «nhóm A từ» "
                         "({a} tỷ đồng); dự án nhóm B nằm giữa hai mức này.")
SET_PROJECT_A_ABOVE_NATIONAL = ("Lĩnh vực loại {n}: mức «nhóm A từ» ({a} tỷ đồng) không được cao hơn mức của dự án "
                                "quan trọng quốc gia ({national} tỷ đồng).")

# Directing leaders (lãnh đạo chỉ đạo): one managed list for entry, import and statistics
LEADER_NAME_REQUIRED = "Vui lòng nhập họ và tên lãnh đạo."
LEADER_TITLE_REQUIRED = "Vui lòng nhập chức vụ của lãnh đạo (ví dụ: Phó Chủ tịch UBND tỉnh)."
LEADER_NAME_HAS_TITLE = ("Họ và tên «{value}» có kèm chức vụ. Chỉ nhập họ và tên vào ô này; chức vụ nhập vào ô "
                         "«Chức vụ».")
LEADER_TOO_LONG = "Họ và tên, chức vụ mỗi ô không quá 150 ký tự."
LEADER_DUPLICATE = "Danh sách đã có lãnh đạo «{existing}». Mỗi người chỉ có một dòng trong danh sách."
LEADER_ACCOUNT_INVALID = "Tài khoản liên kết phải là tài khoản đang hoạt động có vai trò «Lãnh đạo UBND»."
LEADER_ACCOUNT_TAKEN = "Tài khoản này đã được liên kết với lãnh đạo «{existing}»."
LEADER_LIST_EMPTY = ("Danh sách lãnh đạo chỉ đạo chưa có ai. Hãy thêm Chủ tịch, các Phó Chủ tịch UBND tỉnh ở trang "
                     "«Lãnh đạo chỉ đạo» trước khi nhập văn bản.")
LEADER_REQUIRED = "Vui lòng chọn người chỉ đạo trong danh sách lãnh đạo chỉ đạo."
LEADER_INACTIVE = "Lãnh đạo «{name}» không còn trong danh sách lãnh đạo chỉ đạo đang hoạt động."
LEADER_UNKNOWN = ("Người chỉ đạo «{value}» không có trong danh sách lãnh đạo chỉ đạo (xem trang «Hướng dẫn»). "
                  "Nhập họ tên như trong danh sách, có thể kèm chức vụ.")
