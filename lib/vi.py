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
LOGIN_BAD = "Tên đăng nhập hoặc mật khẩu không đúng."
LOGIN_BAD_REMAINING = "Tên đăng nhập hoặc mật khẩu không đúng. Còn {left} lần thử trước khi tài khoản bị khóa."
LOGIN_LOCKED_NOW = ("Tài khoản đã bị khóa do nhập sai mật khẩu {count} lần liên tiếp. "
                    "Vui lòng liên hệ quản trị đơn vị hoặc quản trị hệ thống để mở khóa.")
LOGIN_LOCKED = "Tài khoản đang bị khóa. Vui lòng liên hệ quản trị đơn vị hoặc quản trị hệ thống để mở khóa."
LOGIN_DEACTIVATED = "Tài khoản đã ngừng sử dụng. Vui lòng liên hệ quản trị đơn vị."
SESSION_ENDED = ("Phiên làm việc đã kết thúc vì tài khoản bị khóa, ngừng sử dụng hoặc mật khẩu đã được đổi. "
                 "Vui lòng đăng nhập lại.")
LOGOUT = "Đăng xuất"

# Passwords
PW_TOO_SHORT = "Mật khẩu phải có ít nhất {n} ký tự."
PW_CLASSES = "Mật khẩu phải có ít nhất {n} trong 4 loại ký tự: chữ thường, chữ hoa, chữ số, ký tự đặc biệt."
PW_CONTAINS_USERNAME = "Mật khẩu không được chứa tên đăng nhập."
PW_SAME_AS_OLD = "Mật khẩu mới phải khác mật khẩu hiện tại."
PW_OLD_WRONG = "Mật khẩu hiện tại không đúng."
PW_MISMATCH = "Hai lần nhập mật khẩu mới không khớp nhau."
PW_CHANGED = "Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản này đã được đăng xuất."
PW_EXPIRED = "Mật khẩu của bạn đã quá {days} ngày chưa đổi. Vui lòng đổi mật khẩu để tiếp tục."
PW_FIRST_LOGIN = "Đây là lần đăng nhập đầu tiên (hoặc mật khẩu vừa được cấp lại). Vui lòng đặt mật khẩu mới."

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
ACC_CREATED = "Đã tạo tài khoản «{username}». Mật khẩu ban đầu phải được đổi ở lần đăng nhập đầu tiên."
ACC_SAVED = "Đã lưu thông tin tài khoản."
ACC_LOCKED = "Đã khóa tài khoản. Các phiên đăng nhập của tài khoản đã kết thúc."
ACC_UNLOCKED = "Đã mở khóa tài khoản."
ACC_DEACTIVATED = "Đã chuyển tài khoản sang trạng thái ngừng sử dụng; lịch sử của tài khoản được giữ nguyên."
ACC_PASSWORD_RESET = "Đã cấp lại mật khẩu. Người dùng phải đổi mật khẩu ở lần đăng nhập tới."
ACC_REASON_REQUIRED = "Vui lòng nhập lý do."

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

# Backup
BK_WRONG_FILE = "Tệp «{name}» không phải là bản sao lưu của Đôn Đốc."
BK_WRONG_REVISION = ("Bản sao lưu được tạo với phiên bản cơ sở dữ liệu {backup}, khác phiên bản hiện tại {current}. "
                     "Hãy cài đúng phiên bản phần mềm tương ứng trước khi phục hồi.")
BK_CORRUPT = "Bản sao lưu bị hỏng: {detail}."

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
PAR_NOT_ASSIGNED = "Bạn không được phân công thẩm định lĩnh vực {field} trong đợt này."
PAR_NOT_COUNCIL = "Bạn không được phân công phê duyệt lĩnh vực {field} trong đợt này."
PAR_NOT_SUBMITTED = "Đơn vị chưa nộp kết quả tự đánh giá."
PAR_FIELD_WRONG_STATE = "Lĩnh vực {field} đang ở trạng thái «{status}», không thể {action}."
PAR_FIELD_INCOMPLETE = "Lĩnh vực {field}: chưa nhập điểm thẩm định các tiêu chí {codes}."
PAR_FIELD_OPEN_REQUEST = "Lĩnh vực {field}: đơn vị chưa trả lời yêu cầu bổ sung tài liệu (hạn {deadline})."
PAR_REQUEST_EMPTY = "Vui lòng chọn ít nhất một tiêu chí cần đơn vị bổ sung tài liệu."
PAR_REQUEST_DEADLINE = "Hạn bổ sung tài liệu phải từ hôm nay trở đi."
PAR_REQUEST_CLOSED = "Yêu cầu bổ sung này đã được trả lời; không thể trả lời lại."
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
