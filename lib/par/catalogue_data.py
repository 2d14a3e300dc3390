"""Demo PAR criteria trees (Bộ tiêu chí xác định Chỉ số CCHC), for the demo data and for tests.

Three trees, one per kind of unit ranked separately (seed 004 art. 7.1, 7.5): `DEPARTMENTS` (sở, ban, ngành
tỉnh), `DISTRICTS` (UBND cấp huyện) and `COMMUNES` (UBND cấp xã). Each has the eight fields (lĩnh vực) of the
national index (Quyết định số 876/QĐ-BNV), then tiêu chí and tiêu chí thành phần, 100 points in all, in the
wording of provincial decisions. The two local trees share most criteria (`LOCAL_GOVERNMENTS`); where a district
answers for the communes below it, its criterion says so, and the commune's says what a commune checks.

Node keys: code, name, max, children (a parent) or method, evidence, guidance and, by method, step or
levels (a leaf). Scores are strings for `Decimal`. `check()` lists what is wrong with a tree.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

DEPARTMENTS: list[dict] = [
    # ------------------------------------------------------------------ 1
    {"code": "1", "name": "Công tác chỉ đạo, điều hành cải cách hành chính", "max": "10", "children": [
        {"code": "1.1", "name": "Kế hoạch cải cách hành chính năm", "max": "2", "children": [
            {"code": "1.1.1", "name": "Ban hành kế hoạch CCHC năm kịp thời", "max": "0.5",
             "method": "yes_no", "evidence": True,
             "guidance": "Ban hành trong 15 ngày kể từ ngày UBND tỉnh ban hành Kế hoạch CCHC năm: 0,5 điểm; "
                         "sau thời hạn: 0 điểm. Tài liệu kiểm chứng: kế hoạch CCHC năm của sở."},
            {"code": "1.1.2", "name": "Mức độ hoàn thành kế hoạch CCHC", "max": "1", "method": "levels",
             "levels": [["0", "Hoàn thành dưới 80% kế hoạch"], ["0.5", "Hoàn thành từ 80% đến dưới 100%"],
                        ["1", "Hoàn thành 100% kế hoạch"]],
             "evidence": True,
             "guidance": "Tỷ lệ nhiệm vụ hoàn thành trên tổng số nhiệm vụ của kế hoạch. Tài liệu kiểm chứng: "
                         "báo cáo CCHC năm kèm bảng kết quả, sản phẩm của từng nhiệm vụ."},
            {"code": "1.1.3", "name": "Bố trí kinh phí thực hiện kế hoạch CCHC", "max": "0.5",
             "method": "yes_no", "evidence": True,
             "guidance": "Kế hoạch xác định nguồn kinh phí và dự toán năm có kinh phí cho CCHC: 0,5 điểm. "
                         "Tài liệu kiểm chứng: quyết định giao dự toán, kế hoạch CCHC."},
        ]},
        {"code": "1.2", "name": "Báo cáo cải cách hành chính", "max": "1", "children": [
            {"code": "1.2.1", "name": "Đủ số lượng, đúng thời hạn các báo cáo CCHC định kỳ", "max": "0.5",
             "method": "levels",
             "levels": [["0", "Thiếu báo cáo"], ["0.25", "Đủ báo cáo, có báo cáo gửi chậm"],
                        ["0.5", "Đủ 4 báo cáo, đúng thời hạn"]],
             "evidence": True,
             "guidance": "Gồm báo cáo quý I, 6 tháng, quý III và báo cáo năm theo hướng dẫn của Sở Nội vụ. "
                         "Tài liệu kiểm chứng: các báo cáo có số, ngày ban hành."},
            {"code": "1.2.2", "name": "Chất lượng báo cáo CCHC năm", "max": "0.5", "method": "range",
             "step": "0.25", "evidence": True,
             "guidance": "Đúng đề cương, đủ số liệu, chỉ rõ hạn chế và nguyên nhân: 0,5 điểm; mỗi nội dung "
                         "thiếu trừ 0,25 điểm. Tài liệu kiểm chứng: báo cáo CCHC năm."},
        ]},
        {"code": "1.3", "name": "Kiểm tra công tác cải cách hành chính", "max": "2", "children": [
            {"code": "1.3.1", "name": "Ban hành kế hoạch kiểm tra CCHC đối với các phòng, đơn vị trực thuộc",
             "max": "0.5", "method": "yes_no", "evidence": True,
             "guidance": "Có kế hoạch kiểm tra riêng hoặc nội dung kiểm tra trong kế hoạch CCHC, ban hành trong "
                         "quý I: 0,5 điểm. Tài liệu kiểm chứng: kế hoạch kiểm tra."},
            {"code": "1.3.2", "name": "Tỷ lệ phòng, đơn vị trực thuộc được kiểm tra trong năm", "max": "0.5",
             "method": "levels",
             "levels": [["0", "Dưới 30%"], ["0.25", "Từ 30% đến dưới 50%"], ["0.5", "Từ 50% trở lên"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: biên bản kiểm tra, thông báo kết luận kiểm tra."},
            {"code": "1.3.3", "name": "Xử lý các vấn đề phát hiện qua kiểm tra", "max": "1", "method": "levels",
             "levels": [["0", "Xử lý dưới 50% vấn đề phát hiện"], ["0.5", "Xử lý từ 50% đến dưới 100%"],
                        ["1", "Xử lý 100% hoặc không phát hiện vấn đề"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: văn bản chỉ đạo khắc phục, báo cáo kết quả khắc phục của đơn vị "
                         "được kiểm tra."},
        ]},
        {"code": "1.4", "name": "Công tác tuyên truyền cải cách hành chính", "max": "1.5", "children": [
            {"code": "1.4.1", "name": "Ban hành kế hoạch tuyên truyền CCHC", "max": "0.5", "method": "yes_no",
             "evidence": True,
             "guidance": "Có kế hoạch riêng hoặc nội dung tuyên truyền trong kế hoạch CCHC: 0,5 điểm. "
                         "Tài liệu kiểm chứng: kế hoạch."},
            {"code": "1.4.2", "name": "Mức độ thực hiện và đa dạng hóa hình thức tuyên truyền", "max": "1",
             "method": "range", "step": "0.25", "evidence": True,
             "guidance": "Hoàn thành kế hoạch: 0,5 điểm; có từ 3 hình thức trở lên (chuyên mục trên Trang TTĐT, "
                         "hội nghị, mạng xã hội, cuộc thi): thêm 0,5 điểm. Tài liệu kiểm chứng: đường dẫn tin "
                         "bài, hình ảnh, văn bản tổ chức."},
        ]},
        {"code": "1.5", "name": "Sáng kiến, giải pháp mới trong công tác cải cách hành chính", "max": "1.5",
         "method": "levels",
         "levels": [["0", "Không có sáng kiến, giải pháp"], ["0.5", "Có giải pháp được áp dụng tại sở"],
                    ["1", "Được Hội đồng sáng kiến tỉnh công nhận"],
                    ["1.5", "Được công nhận và nhân rộng trong tỉnh"]],
         "evidence": True,
         "guidance": "Tài liệu kiểm chứng: quyết định công nhận sáng kiến, văn bản nhân rộng mô hình, giải pháp."},
        {"code": "1.6", "name": "Thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao", "max": "2",
         "method": "levels",
         "levels": [["0", "Dưới 70% nhiệm vụ hoàn thành đúng hạn"], ["0.5", "Từ 70% đến dưới 80%"],
                    ["1", "Từ 80% đến dưới 90%"], ["1.5", "Từ 90% đến dưới 100%"],
                    ["2", "100% nhiệm vụ hoàn thành đúng hạn"]],
         "evidence": False,
         "guidance": "Tổ giúp việc lấy số liệu từ Hệ thống theo dõi nhiệm vụ của UBND tỉnh tại ngày 31/12; "
                     "sở không phải nộp tài liệu kiểm chứng."},
    ]},
    # ------------------------------------------------------------------ 2
    {"code": "2", "name": "Cải cách thể chế", "max": "9", "children": [
        {"code": "2.1", "name": "Xây dựng, ban hành văn bản quy phạm pháp luật do sở tham mưu", "max": "3.5",
         "children": [
            {"code": "2.1.1", "name": "Mức độ thực hiện Chương trình xây dựng VBQPPL của UBND tỉnh được giao",
             "max": "1.5", "method": "levels",
             "levels": [["0", "Dưới 70% dự thảo trình đúng hạn"], ["0.5", "Từ 70% đến dưới 90%"],
                        ["1", "Từ 90% đến dưới 100%"], ["1.5", "100% dự thảo trình đúng hạn"]],
             "evidence": True,
             "guidance": "Không được giao nhiệm vụ trong năm: đạt điểm tối đa. Tài liệu kiểm chứng: văn bản "
                         "giao nhiệm vụ, tờ trình kèm dự thảo."},
            {"code": "2.1.2", "name": "Lấy ý kiến, tham vấn đối tượng chịu sự tác động của văn bản đúng quy định",
             "max": "1", "method": "yes_no", "evidence": True,
             "guidance": "100% dự thảo được đăng tải lấy ý kiến trên Cổng TTĐT tỉnh đủ thời gian theo Luật Ban "
                         "hành VBQPPL: 1 điểm. Tài liệu kiểm chứng: văn bản lấy ý kiến, bản tổng hợp, giải trình."},
            {"code": "2.1.3", "name": "Chất lượng hồ sơ dự thảo gửi thẩm định", "max": "1", "method": "range",
             "step": "0.5", "evidence": True,
             "guidance": "Hồ sơ đầy đủ, không bị Sở Tư pháp trả lại: 1 điểm; mỗi hồ sơ bị trả lại trừ 0,5 điểm. "
                         "Tài liệu kiểm chứng: báo cáo thẩm định của Sở Tư pháp."},
        ]},
        {"code": "2.2", "name": "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", "max": "2.5", "children": [
            {"code": "2.2.1", "name": "Ban hành kế hoạch rà soát, hệ thống hóa VBQPPL thuộc ngành, lĩnh vực",
             "max": "0.5", "method": "yes_no", "evidence": True,
             "guidance": "Ban hành trong quý I: 0,5 điểm. Tài liệu kiểm chứng: kế hoạch rà soát."},
            {"code": "2.2.2", "name": "Mức độ hoàn thành kế hoạch rà soát, hệ thống hóa", "max": "1",
             "method": "levels",
             "levels": [["0", "Hoàn thành dưới 80%"], ["0.5", "Hoàn thành từ 80% đến dưới 100%"],
                        ["1", "Hoàn thành 100%"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo kết quả rà soát, danh mục văn bản đã rà soát."},
            {"code": "2.2.3", "name": "Xử lý kết quả rà soát", "max": "1", "method": "levels",
             "levels": [["0", "Không kiến nghị xử lý"], ["0.5", "Đã kiến nghị, chưa trình dự thảo"],
                        ["1", "Đã trình sửa đổi, bổ sung, thay thế, bãi bỏ hoặc không phát hiện văn bản cần xử lý"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: công văn kiến nghị, tờ trình UBND tỉnh xử lý văn bản."},
        ]},
        {"code": "2.3", "name": "Tổ chức thi hành và theo dõi tình hình thi hành pháp luật", "max": "3",
         "children": [
            {"code": "2.3.1", "name": "Ban hành kế hoạch theo dõi tình hình thi hành pháp luật trong ngành, lĩnh vực",
             "max": "0.5", "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: kế hoạch theo dõi tình hình thi hành pháp luật năm."},
            {"code": "2.3.2", "name": "Mức độ hoàn thành kế hoạch theo dõi thi hành pháp luật", "max": "1",
             "method": "levels",
             "levels": [["0", "Hoàn thành dưới 80%"], ["0.5", "Hoàn thành từ 80% đến dưới 100%"],
                        ["1", "Hoàn thành 100%"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo theo dõi tình hình thi hành pháp luật năm."},
            {"code": "2.3.3", "name": "Xử lý kết quả theo dõi, kiểm tra thi hành pháp luật", "max": "1.5",
             "method": "levels",
             "levels": [["0", "Không xử lý"], ["0.5", "Xử lý dưới 50% vấn đề phát hiện"],
                        ["1", "Xử lý từ 50% đến dưới 100%"], ["1.5", "Xử lý 100% hoặc không phát hiện vấn đề"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: văn bản xử lý hoặc kiến nghị cơ quan có thẩm quyền xử lý."},
        ]},
    ]},
    # ------------------------------------------------------------------ 3
    {"code": "3", "name": "Cải cách thủ tục hành chính", "max": "16", "children": [
        {"code": "3.1", "name": "Kiểm soát, rà soát, đánh giá thủ tục hành chính", "max": "4", "children": [
            {"code": "3.1.1", "name": "Ban hành kế hoạch kiểm soát, rà soát, đánh giá TTHC", "max": "0.5",
             "method": "yes_no", "evidence": True,
             "guidance": "Ban hành trong quý I: 0,5 điểm. Tài liệu kiểm chứng: kế hoạch."},
            {"code": "3.1.2", "name": "Mức độ hoàn thành kế hoạch", "max": "1.5", "method": "levels",
             "levels": [["0", "Hoàn thành dưới 80%"], ["0.5", "Từ 80% đến dưới 90%"],
                        ["1", "Từ 90% đến dưới 100%"], ["1.5", "Hoàn thành 100%"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo kết quả kiểm soát TTHC năm."},
            {"code": "3.1.3", "name": "Phương án đơn giản hóa TTHC, cắt giảm quy định liên quan đến hoạt động "
                                      "kinh doanh được thông qua", "max": "2", "method": "levels",
             "levels": [["0", "Không có phương án"], ["1", "Có phương án, chưa được thông qua"],
                        ["2", "Phương án được Chủ tịch UBND tỉnh thông qua"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: tờ trình, quyết định thông qua phương án đơn giản hóa."},
        ]},
        {"code": "3.2", "name": "Công bố, công khai thủ tục hành chính", "max": "3", "children": [
            {"code": "3.2.1", "name": "Tham mưu công bố danh mục TTHC đúng thời hạn", "max": "1",
             "method": "levels",
             "levels": [["0", "Dưới 80% quyết định trình đúng hạn"], ["0.5", "Từ 80% đến dưới 100%"],
                        ["1", "100% trình đúng hạn"]],
             "evidence": True,
             "guidance": "Thời hạn theo quy định về kiểm soát TTHC, tính từ ngày văn bản quy định TTHC có hiệu "
                         "lực. Tài liệu kiểm chứng: tờ trình, quyết định công bố."},
            {"code": "3.2.2", "name": "Công khai đầy đủ TTHC trên Cơ sở dữ liệu quốc gia về TTHC và Cổng Dịch vụ công",
             "max": "1", "method": "yes_no", "evidence": False,
             "guidance": "Tổ giúp việc kiểm tra ngẫu nhiên trên hệ thống; 100% TTHC công khai đúng quyết định "
                         "công bố còn hiệu lực: 1 điểm."},
            {"code": "3.2.3", "name": "Xây dựng, phê duyệt quy trình nội bộ, quy trình điện tử giải quyết TTHC",
             "max": "1", "method": "range", "step": "0.5", "evidence": True,
             "guidance": "100% TTHC có quy trình nội bộ được phê duyệt và cấu hình trên hệ thống: 1 điểm; từ 80%: "
                         "0,5 điểm. Tài liệu kiểm chứng: quyết định phê duyệt quy trình."},
        ]},
        {"code": "3.3", "name": "Thực hiện cơ chế một cửa, một cửa liên thông", "max": "5", "children": [
            {"code": "3.3.1", "name": "Tỷ lệ TTHC thuộc thẩm quyền được tiếp nhận tại Trung tâm Phục vụ hành chính "
                                      "công tỉnh", "max": "1", "method": "levels",
             "levels": [["0", "Dưới 90%"], ["0.5", "Từ 90% đến dưới 100%"], ["1", "100% (trừ TTHC được miễn)"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định phê duyệt danh mục TTHC tiếp nhận tại Trung tâm."},
            {"code": "3.3.2", "name": "Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn", "max": "2", "method": "levels",
             "levels": [["0", "Dưới 90%"], ["1", "Từ 90% đến dưới 95%"], ["1.5", "Từ 95% đến dưới 100%"],
                        ["2", "100%"]],
             "evidence": False,
             "guidance": "Số liệu từ Hệ thống thông tin giải quyết TTHC tỉnh tại ngày chốt số liệu; không tính "
                         "hồ sơ tạm dừng theo quy định."},
            {"code": "3.3.3", "name": "Xin lỗi người dân, tổ chức khi giải quyết hồ sơ trễ hạn", "max": "0.5",
             "method": "yes_no", "evidence": True,
             "guidance": "100% hồ sơ trễ hạn có phiếu xin lỗi và hẹn lại ngày trả kết quả, hoặc không có hồ sơ "
                         "trễ hạn: 0,5 điểm. Tài liệu kiểm chứng: phiếu xin lỗi."},
            {"code": "3.3.4", "name": "Số hóa hồ sơ, kết quả giải quyết TTHC", "max": "1.5", "method": "levels",
             "levels": [["0", "Dưới 50%"], ["0.5", "Từ 50% đến dưới 80%"], ["1", "Từ 80% đến dưới 100%"],
                        ["1.5", "100%"]],
             "evidence": False,
             "guidance": "Tỷ lệ hồ sơ được số hóa khi tiếp nhận và kết quả được số hóa, ký số khi trả; số liệu "
                         "lấy từ hệ thống."},
        ]},
        {"code": "3.4", "name": "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính",
         "max": "2", "children": [
            {"code": "3.4.1", "name": "Công khai địa chỉ, số điện thoại tiếp nhận phản ánh, kiến nghị",
             "max": "0.5", "method": "yes_no", "evidence": True,
             "guidance": "Công khai tại nơi giải quyết TTHC và trên Trang TTĐT của sở: 0,5 điểm. Tài liệu "
                         "kiểm chứng: hình ảnh, đường dẫn."},
            {"code": "3.4.2", "name": "Tỷ lệ phản ánh, kiến nghị được xử lý đúng thời hạn", "max": "1.5",
             "method": "levels",
             "levels": [["0", "Dưới 80%"], ["0.5", "Từ 80% đến dưới 90%"], ["1", "Từ 90% đến dưới 100%"],
                        ["1.5", "100% hoặc không có phản ánh, kiến nghị"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: sổ theo dõi, văn bản trả lời phản ánh, kiến nghị."},
        ]},
        {"code": "3.5", "name": "Kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp theo Quyết định "
                                "số 766/QĐ-TTg", "max": "2", "method": "range", "step": "0.25", "evidence": False,
         "guidance": "Quy đổi điểm Bộ chỉ số phục vụ người dân, doanh nghiệp của sở trên Cổng Dịch vụ công quốc "
                     "gia (thang 100) theo tỷ lệ, làm tròn xuống bội số 0,25; Tổ giúp việc lấy số liệu."},
    ]},
    # ------------------------------------------------------------------ 4
    {"code": "4", "name": "Cải cách tổ chức bộ máy hành chính nhà nước", "max": "8", "children": [
        {"code": "4.1", "name": "Thực hiện quy định về tổ chức bộ máy", "max": "3", "children": [
            {"code": "4.1.1", "name": "Tham mưu ban hành quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức "
                                      "của sở", "max": "1", "method": "yes_no", "evidence": True,
             "guidance": "Quyết định của UBND tỉnh còn hiệu lực, được tham mưu sửa đổi kịp thời khi văn bản của "
                         "bộ, ngành thay đổi: 1 điểm. Tài liệu kiểm chứng: tờ trình, quyết định của UBND tỉnh."},
            {"code": "4.1.2", "name": "Sắp xếp, kiện toàn các phòng, đơn vị thuộc sở theo tiêu chí quy định",
             "max": "1", "method": "levels",
             "levels": [["0", "Chưa thực hiện"], ["0.5", "Đang thực hiện theo lộ trình"],
                        ["1", "Hoàn thành, đúng tiêu chí"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: đề án, quyết định sắp xếp, kiện toàn phòng, đơn vị."},
            {"code": "4.1.3", "name": "Bố trí số lượng cấp phó đúng quy định", "max": "1", "method": "yes_no",
             "evidence": True,
             "guidance": "Số lượng phó giám đốc sở, phó trưởng phòng và cấp phó của đơn vị thuộc sở không vượt quy "
                         "định: 1 điểm. Tài liệu kiểm chứng: danh sách lãnh đạo, quyết định bổ nhiệm."},
        ]},
        {"code": "4.2", "name": "Quản lý, sử dụng biên chế công chức và số lượng người làm việc", "max": "3",
         "children": [
            {"code": "4.2.1", "name": "Sử dụng biên chế công chức không vượt số được giao", "max": "1",
             "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định giao biên chế, báo cáo số lượng công chức có mặt tại "
                         "ngày 31/12."},
            {"code": "4.2.2", "name": "Sử dụng số lượng người làm việc trong đơn vị sự nghiệp công lập không vượt "
                                      "số được giao", "max": "1", "method": "yes_no", "evidence": True,
             "guidance": "Không có đơn vị sự nghiệp trực thuộc: đạt điểm tối đa. Tài liệu kiểm chứng: quyết định "
                         "giao số lượng người làm việc, báo cáo số lượng."},
            {"code": "4.2.3", "name": "Thực hiện tinh giản biên chế theo kế hoạch", "max": "1", "method": "levels",
             "levels": [["0", "Không thực hiện"], ["0.5", "Đạt dưới 100% lộ trình năm"],
                        ["1", "Đạt 100% lộ trình năm"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: kế hoạch tinh giản biên chế được phê duyệt, quyết định giải quyết "
                         "chế độ."},
        ]},
        {"code": "4.3", "name": "Thực hiện phân cấp, ủy quyền quản lý nhà nước", "max": "2", "children": [
            {"code": "4.3.1", "name": "Thực hiện nhiệm vụ được phân cấp, ủy quyền", "max": "1", "method": "levels",
             "levels": [["0", "Có nhiệm vụ thực hiện không đúng"], ["0.5", "Thực hiện đầy đủ, có nhiệm vụ chậm"],
                        ["1", "Thực hiện đầy đủ, đúng thời hạn"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo kết quả thực hiện các nhiệm vụ được phân cấp, ủy quyền."},
            {"code": "4.3.2", "name": "Kiểm tra, đánh giá việc thực hiện nhiệm vụ đã phân cấp cho UBND cấp xã trong "
                                      "ngành, lĩnh vực", "max": "1", "method": "range", "step": "0.5",
             "evidence": True,
             "guidance": "Có kiểm tra: 0,5 điểm; có báo cáo đánh giá, kiến nghị điều chỉnh phân cấp: thêm 0,5 điểm. "
                         "Tài liệu kiểm chứng: kết luận kiểm tra, báo cáo đánh giá."},
        ]},
    ]},
    # ------------------------------------------------------------------ 5
    {"code": "5", "name": "Cải cách chế độ công vụ", "max": "12", "children": [
        {"code": "5.1", "name": "Vị trí việc làm của công chức, viên chức", "max": "2", "children": [
            {"code": "5.1.1", "name": "Danh mục vị trí việc làm được phê duyệt và cập nhật khi có thay đổi",
             "max": "1", "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định phê duyệt vị trí việc làm, bản mô tả công việc và "
                         "khung năng lực."},
            {"code": "5.1.2", "name": "Bố trí công chức, viên chức theo vị trí việc làm được phê duyệt", "max": "1",
             "method": "levels",
             "levels": [["0", "Dưới 80% bố trí đúng"], ["0.5", "Từ 80% đến dưới 100%"], ["1", "100% bố trí đúng"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: danh sách công chức, viên chức theo vị trí việc làm."},
        ]},
        {"code": "5.2", "name": "Tuyển dụng, sử dụng và quản lý công chức, viên chức", "max": "4", "children": [
            {"code": "5.2.1", "name": "Tuyển dụng, tiếp nhận công chức, viên chức đúng quy định", "max": "1",
             "method": "yes_no", "evidence": True,
             "guidance": "Không có sai phạm bị cơ quan có thẩm quyền kết luận: 1 điểm. Tài liệu kiểm chứng: kế "
                         "hoạch, thông báo và quyết định công nhận kết quả tuyển dụng."},
            {"code": "5.2.2", "name": "Bổ nhiệm, bổ nhiệm lại lãnh đạo cấp phòng và tương đương đúng quy định",
             "max": "1", "method": "yes_no", "evidence": True,
             "guidance": "Đúng tiêu chuẩn, quy trình, thẩm quyền: 1 điểm. Tài liệu kiểm chứng: hồ sơ, quyết định "
                         "bổ nhiệm."},
            {"code": "5.2.3", "name": "Đánh giá, xếp loại chất lượng công chức, viên chức", "max": "1",
             "method": "levels",
             "levels": [["0", "Không đúng quy định"], ["0.5", "Đúng quy định, chậm thời hạn"],
                        ["1", "Đúng quy định, đúng thời hạn"]],
             "evidence": True,
             "guidance": "Theo Nghị định số 90/2020/NĐ-CP và văn bản sửa đổi. Tài liệu kiểm chứng: quyết định "
                         "công nhận kết quả đánh giá, xếp loại."},
            {"code": "5.2.4", "name": "Cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức", "max": "1",
             "method": "levels",
             "levels": [["0", "Dưới 80% hồ sơ cập nhật"], ["0.5", "Từ 80% đến dưới 100%"],
                        ["1", "100% hồ sơ cập nhật đầy đủ, đúng hạn"]],
             "evidence": False,
             "guidance": "Tổ giúp việc kiểm tra trên Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức tại "
                         "ngày chốt số liệu."},
        ]},
        {"code": "5.3", "name": "Đào tạo, bồi dưỡng công chức, viên chức", "max": "2", "children": [
            {"code": "5.3.1", "name": "Ban hành kế hoạch đào tạo, bồi dưỡng năm", "max": "0.5", "method": "yes_no",
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: kế hoạch đào tạo, bồi dưỡng năm."},
            {"code": "5.3.2", "name": "Mức độ hoàn thành kế hoạch đào tạo, bồi dưỡng", "max": "1",
             "method": "levels",
             "levels": [["0", "Hoàn thành dưới 80%"], ["0.5", "Từ 80% đến dưới 100%"], ["1", "Hoàn thành 100%"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo kết quả, danh sách người được cử đi học, chứng chỉ."},
            {"code": "5.3.3", "name": "Khảo sát, đánh giá hiệu quả sau đào tạo, bồi dưỡng", "max": "0.5",
             "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: phiếu khảo sát, báo cáo đánh giá."},
        ]},
        {"code": "5.4", "name": "Chấp hành kỷ luật, kỷ cương hành chính", "max": "4", "children": [
            {"code": "5.4.1", "name": "Thực hiện quy định về văn hóa công vụ, quy tắc ứng xử", "max": "1",
             "method": "range", "step": "0.5", "evidence": True,
             "guidance": "Có quy chế văn hóa công sở: 0,5 điểm; không có phản ánh về thái độ, ứng xử được xác minh "
                         "đúng: thêm 0,5 điểm. Tài liệu kiểm chứng: quy chế, báo cáo."},
            {"code": "5.4.2", "name": "Cán bộ, công chức, viên chức bị xử lý kỷ luật trong năm", "max": "1.5",
             "method": "levels",
             "levels": [["0", "Có lãnh đạo sở bị kỷ luật"], ["0.5", "Có lãnh đạo cấp phòng bị kỷ luật"],
                        ["1", "Có công chức, viên chức khác bị kỷ luật"], ["1.5", "Không có trường hợp bị kỷ luật"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định kỷ luật hoặc báo cáo không có trường hợp bị kỷ luật."},
            {"code": "5.4.3", "name": "Tự kiểm tra công vụ, kiểm tra việc chấp hành kỷ luật, kỷ cương", "max": "1.5",
             "method": "range", "step": "0.5", "evidence": True,
             "guidance": "Có kế hoạch: 0,5 điểm; tổ chức kiểm tra: 0,5 điểm; xử lý sau kiểm tra: 0,5 điểm. "
                         "Tài liệu kiểm chứng: kế hoạch, biên bản, kết luận kiểm tra."},
        ]},
    ]},
    # ------------------------------------------------------------------ 6
    {"code": "6", "name": "Cải cách tài chính công", "max": "8", "children": [
        {"code": "6.1", "name": "Quản lý, sử dụng kinh phí ngân sách nhà nước", "max": "3", "children": [
            {"code": "6.1.1", "name": "Tỷ lệ giải ngân kế hoạch vốn đầu tư công được giao", "max": "1",
             "method": "levels",
             "levels": [["0", "Dưới 80%"], ["0.5", "Từ 80% đến dưới 95%"],
                        ["1", "Từ 95% trở lên hoặc không được giao vốn"]],
             "evidence": False,
             "guidance": "Số liệu do Sở Tài chính cung cấp khi kết thúc thời gian giải ngân (31/01 năm sau)."},
            {"code": "6.1.2", "name": "Công khai dự toán, quyết toán ngân sách đúng quy định", "max": "1",
             "method": "yes_no", "evidence": True,
             "guidance": "Công khai đủ nội dung, đúng thời hạn theo quy định về công khai ngân sách đối với đơn vị "
                         "dự toán: 1 điểm. Tài liệu kiểm chứng: quyết định công bố công khai."},
            {"code": "6.1.3", "name": "Ban hành và thực hiện quy chế chi tiêu nội bộ", "max": "1",
             "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quy chế chi tiêu nội bộ còn hiệu lực, biên bản hội nghị công chức."},
        ]},
        {"code": "6.2", "name": "Thực hiện cơ chế tự chủ tài chính tại đơn vị sự nghiệp công lập", "max": "2.5",
         "children": [
            {"code": "6.2.1", "name": "Tỷ lệ đơn vị sự nghiệp công lập trực thuộc được giao quyền tự chủ tài chính",
             "max": "1", "method": "levels",
             "levels": [["0", "Dưới 50%"], ["0.5", "Từ 50% đến dưới 100%"],
                        ["1", "100% hoặc không có đơn vị sự nghiệp"]],
             "evidence": True,
             "guidance": "Theo Nghị định số 60/2021/NĐ-CP. Tài liệu kiểm chứng: quyết định giao quyền tự chủ."},
            {"code": "6.2.2", "name": "Có đơn vị nâng mức tự chủ tài chính so với năm trước", "max": "0.5",
             "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định giao tự chủ của năm đánh giá và năm trước."},
            {"code": "6.2.3", "name": "Tham mưu ban hành định mức kinh tế - kỹ thuật, giá dịch vụ sự nghiệp công "
                                      "thuộc ngành, lĩnh vực", "max": "1", "method": "range", "step": "0.5",
             "evidence": True,
             "guidance": "Đã trình ban hành đủ danh mục: 1 điểm; đang trình: 0,5 điểm. Tài liệu kiểm chứng: tờ "
                         "trình, quyết định của UBND tỉnh."},
        ]},
        {"code": "6.3", "name": "Quản lý, sử dụng tài sản công", "max": "2.5", "children": [
            {"code": "6.3.1", "name": "Ban hành quy chế quản lý, sử dụng tài sản công của cơ quan", "max": "0.5",
             "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quy chế quản lý, sử dụng tài sản công."},
            {"code": "6.3.2", "name": "Kê khai, cập nhật tài sản công vào Cơ sở dữ liệu quốc gia về tài sản công",
             "max": "1", "method": "yes_no", "evidence": False,
             "guidance": "Sở Tài chính xác nhận số liệu trên cơ sở dữ liệu; kê khai đầy đủ, đúng hạn: 1 điểm."},
            {"code": "6.3.3", "name": "Thực hiện kết luận, kiến nghị của thanh tra, kiểm toán về tài chính, tài sản",
             "max": "1", "method": "levels",
             "levels": [["0", "Thực hiện dưới 50%"], ["0.5", "Từ 50% đến dưới 100%"],
                        ["1", "100% hoặc không có kết luận, kiến nghị"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo kết quả thực hiện kết luận, kiến nghị, chứng từ nộp ngân sách."},
        ]},
    ]},
    # ------------------------------------------------------------------ 7
    {"code": "7", "name": "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", "max": "14", "children": [
        {"code": "7.1", "name": "Kế hoạch chuyển đổi số và bảo đảm an toàn thông tin mạng", "max": "3", "children": [
            {"code": "7.1.1", "name": "Ban hành kế hoạch chuyển đổi số năm", "max": "0.5", "method": "yes_no",
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: kế hoạch chuyển đổi số, ứng dụng công nghệ thông tin năm."},
            {"code": "7.1.2", "name": "Mức độ hoàn thành kế hoạch chuyển đổi số", "max": "1", "method": "levels",
             "levels": [["0", "Hoàn thành dưới 80%"], ["0.5", "Từ 80% đến dưới 100%"], ["1", "Hoàn thành 100%"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo kết quả chuyển đổi số năm."},
            {"code": "7.1.3", "name": "Bảo đảm an toàn hệ thống thông tin theo cấp độ", "max": "1.5",
             "method": "levels",
             "levels": [["0", "Chưa xác định cấp độ"], ["0.5", "Đã phê duyệt hồ sơ đề xuất cấp độ"],
                        ["1", "Đã triển khai phương án bảo đảm an toàn thông tin"],
                        ["1.5", "Triển khai đầy đủ, có kiểm tra, đánh giá định kỳ"]],
             "evidence": True,
             "guidance": "Theo Nghị định số 85/2016/NĐ-CP. Tài liệu kiểm chứng: quyết định phê duyệt cấp độ, "
                         "báo cáo kiểm tra, đánh giá."},
        ]},
        {"code": "7.2", "name": "Xử lý văn bản, hồ sơ công việc trên môi trường điện tử", "max": "3.5", "children": [
            {"code": "7.2.1", "name": "Tỷ lệ văn bản đi được gửi, nhận dưới dạng điện tử (trừ văn bản mật)",
             "max": "1.5", "method": "levels",
             "levels": [["0", "Dưới 90%"], ["0.5", "Từ 90% đến dưới 95%"], ["1", "Từ 95% đến dưới 100%"],
                        ["1.5", "100%"]],
             "evidence": False,
             "guidance": "Số liệu thống kê từ Hệ thống quản lý văn bản và điều hành của tỉnh."},
            {"code": "7.2.2", "name": "Tỷ lệ văn bản điện tử được ký số", "max": "1", "method": "levels",
             "levels": [["0", "Dưới 90%"], ["0.5", "Từ 90% đến dưới 100%"], ["1", "100%"]],
             "evidence": False,
             "guidance": "Số liệu thống kê từ Hệ thống quản lý văn bản và điều hành của tỉnh."},
            {"code": "7.2.3", "name": "Lập hồ sơ công việc và xử lý công việc trên môi trường mạng", "max": "1",
             "method": "range", "step": "0.5", "evidence": True,
             "guidance": "100% phòng lập hồ sơ điện tử trên hệ thống: 1 điểm; từ 50%: 0,5 điểm. Tài liệu kiểm "
                         "chứng: thống kê từ hệ thống, danh mục hồ sơ."},
        ]},
        {"code": "7.3", "name": "Cung cấp dịch vụ công trực tuyến", "max": "5", "children": [
            {"code": "7.3.1", "name": "Tỷ lệ TTHC đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình",
             "max": "1.5", "method": "levels",
             "levels": [["0", "Dưới 80%"], ["0.5", "Từ 80% đến dưới 90%"], ["1", "Từ 90% đến dưới 100%"],
                        ["1.5", "100%"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: danh mục dịch vụ công trực tuyến được phê duyệt, đường dẫn trên "
                         "Cổng Dịch vụ công."},
            {"code": "7.3.2", "name": "Tỷ lệ hồ sơ TTHC được tiếp nhận, giải quyết trực tuyến", "max": "2",
             "method": "levels",
             "levels": [["0", "Dưới 30%"], ["0.5", "Từ 30% đến dưới 50%"], ["1", "Từ 50% đến dưới 70%"],
                        ["1.5", "Từ 70% đến dưới 80%"], ["2", "Từ 80% trở lên"]],
             "evidence": False,
             "guidance": "Số liệu từ Hệ thống thông tin giải quyết TTHC tỉnh, tính trên TTHC có cung cấp dịch vụ "
                         "công trực tuyến."},
            {"code": "7.3.3", "name": "Tỷ lệ hồ sơ có nghĩa vụ tài chính được thanh toán trực tuyến", "max": "1.5",
             "method": "levels",
             "levels": [["0", "Dưới 30%"], ["0.5", "Từ 30% đến dưới 50%"], ["1", "Từ 50% đến dưới 70%"],
                        ["1.5", "Từ 70% trở lên hoặc không có nghĩa vụ tài chính"]],
             "evidence": False,
             "guidance": "Số liệu từ Nền tảng thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia."},
        ]},
        {"code": "7.4", "name": "Trang thông tin điện tử và dữ liệu số", "max": "2.5", "children": [
            {"code": "7.4.1", "name": "Trang thông tin điện tử của sở cung cấp thông tin đầy đủ theo Nghị định số "
                                      "42/2022/NĐ-CP", "max": "1", "method": "range", "step": "0.5",
             "evidence": False,
             "guidance": "Tổ giúp việc kiểm tra trực tiếp: đủ nội dung, cập nhật thường xuyên: 1 điểm; thiếu "
                         "nội dung: 0,5 điểm."},
            {"code": "7.4.2", "name": "Xây dựng, cập nhật cơ sở dữ liệu chuyên ngành và chia sẻ với hệ thống của tỉnh",
             "max": "1", "method": "levels",
             "levels": [["0", "Chưa có cơ sở dữ liệu"], ["0.5", "Có cơ sở dữ liệu, chưa kết nối"],
                        ["1", "Đã kết nối, chia sẻ qua nền tảng tích hợp, chia sẻ dữ liệu của tỉnh"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: văn bản xác nhận kết nối của Sở Khoa học và Công nghệ."},
            {"code": "7.4.3", "name": "Công bố danh mục dữ liệu mở thuộc ngành, lĩnh vực", "max": "0.5",
             "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định công bố, đường dẫn trên Cổng dữ liệu mở của tỉnh."},
        ]},
    ]},
    # ------------------------------------------------------------------ 8
    {"code": "8", "name": "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",
     "max": "23", "children": [
        {"code": "8.1", "name": "Tác động đến chất lượng thể chế thuộc ngành, lĩnh vực", "max": "3", "children": [
            {"code": "8.1.1", "name": "Không có văn bản do sở tham mưu bị cơ quan có thẩm quyền kết luận trái "
                                      "pháp luật",
             "max": "1.5", "method": "yes_no", "evidence": False,
             "guidance": "Căn cứ kết quả kiểm tra văn bản của Sở Tư pháp và Bộ Tư pháp; có văn bản bị kết luận "
                         "trái pháp luật: 0 điểm."},
            {"code": "8.1.2", "name": "Tính kịp thời, khả thi của văn bản do sở tham mưu", "max": "1.5",
             "method": "range", "step": "0.5", "evidence": True,
             "guidance": "Mỗi văn bản phải sửa đổi do không khả thi trong năm đầu thi hành trừ 0,5 điểm. Tài liệu "
                         "kiểm chứng: báo cáo theo dõi thi hành pháp luật."},
        ]},
        {"code": "8.2", "name": "Tác động đến chất lượng giải quyết thủ tục hành chính", "max": "5", "children": [
            {"code": "8.2.1", "name": "Mức độ hài lòng của người dân, tổ chức đối với việc giải quyết TTHC của sở",
             "max": "3", "method": "levels",
             "levels": [["0", "Dưới 80%"], ["1", "Từ 80% đến dưới 90%"], ["2", "Từ 90% đến dưới 95%"],
                        ["3", "Từ 95% trở lên"]],
             "evidence": False,
             "guidance": "Căn cứ kết quả đánh giá trên Hệ thống thông tin giải quyết TTHC tỉnh và kết quả điều tra "
                         "xã hội học do Sở Nội vụ tổ chức."},
            {"code": "8.2.2", "name": "Phản ánh về hành vi nhũng nhiễu, gây phiền hà trong giải quyết TTHC",
             "max": "2", "method": "levels",
             "levels": [["0", "Có phản ánh được xác minh đúng, chưa xử lý"],
                        ["1", "Có phản ánh được xác minh đúng, đã xử lý dứt điểm"],
                        ["2", "Không có phản ánh được xác minh đúng"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo tiếp nhận, xác minh, xử lý phản ánh trong năm."},
        ]},
        {"code": "8.3", "name": "Tác động đến tổ chức bộ máy hành chính", "max": "3", "method": "range",
         "step": "0.5", "evidence": True,
         "guidance": "Tự đánh giá mức giảm đầu mối phòng, đơn vị và việc khắc phục chồng chéo chức năng, nhiệm vụ "
                     "so với năm trước. Tài liệu kiểm chứng: quyết định sắp xếp, bảng so sánh số lượng đầu mối."},
        {"code": "8.4", "name": "Tác động đến quản lý tài chính công", "max": "3", "method": "levels",
         "levels": [["0", "Không tiết kiệm được chi thường xuyên"], ["1", "Tiết kiệm dưới 5%"],
                    ["2", "Tiết kiệm từ 5% đến dưới 10%"], ["3", "Tiết kiệm từ 10% trở lên"]],
         "evidence": True,
         "guidance": "Tỷ lệ kinh phí tiết kiệm chi thường xuyên (gồm các đơn vị trực thuộc) so với dự toán được "
                     "giao. Tài liệu kiểm chứng: báo cáo quyết toán, báo cáo kết quả tiết kiệm."},
        {"code": "8.5", "name": "Tác động của chuyển đổi số đến người dân, tổ chức", "max": "3", "children": [
            {"code": "8.5.1", "name": "Mức độ hài lòng khi sử dụng dịch vụ công trực tuyến của sở", "max": "1.5",
             "method": "levels",
             "levels": [["0", "Dưới 80%"], ["0.5", "Từ 80% đến dưới 90%"], ["1", "Từ 90% đến dưới 95%"],
                        ["1.5", "Từ 95% trở lên"]],
             "evidence": False,
             "guidance": "Căn cứ kết quả đánh giá trên Cổng Dịch vụ công và kết quả điều tra xã hội học."},
            {"code": "8.5.2", "name": "Tái sử dụng dữ liệu, giấy tờ điện tử khi giải quyết TTHC", "max": "1.5",
             "method": "range", "step": "0.5", "evidence": True,
             "guidance": "Không yêu cầu nộp lại giấy tờ đã được số hóa hoặc đã có trong cơ sở dữ liệu: 1,5 điểm; "
                         "mỗi trường hợp bị phản ánh đúng trừ 0,5 điểm. Tài liệu kiểm chứng: báo cáo, thống kê "
                         "hệ thống."},
        ]},
        {"code": "8.6", "name": "Tác động đến phát triển kinh tế - xã hội thuộc ngành, lĩnh vực", "max": "6",
         "children": [
            {"code": "8.6.1", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội thuộc ngành, lĩnh vực "
                                      "được giao", "max": "3", "method": "levels",
             "levels": [["0", "Đạt dưới 70% chỉ tiêu"], ["1", "Đạt từ 70% đến dưới 90%"],
                        ["2", "Đạt từ 90% đến dưới 100%"], ["3", "Đạt 100% chỉ tiêu"]],
             "evidence": True,
             "guidance": "Chỉ tiêu do HĐND, UBND tỉnh giao trong năm. Tài liệu kiểm chứng: báo cáo kết quả thực "
                         "hiện nhiệm vụ năm của sở."},
            {"code": "8.6.2", "name": "Kết quả Chỉ số đánh giá năng lực cạnh tranh cấp sở, ngành (DDCI)", "max": "2",
             "method": "levels",
             "levels": [["0", "Thuộc nhóm xếp hạng thấp"], ["1", "Thuộc nhóm xếp hạng trung bình"],
                        ["2", "Thuộc nhóm xếp hạng cao"]],
             "evidence": False,
             "guidance": "Theo kết quả DDCI do UBND tỉnh công bố; sở không thuộc diện đánh giá tính 1 điểm."},
            {"code": "8.6.3", "name": "Giải quyết khiếu nại, tố cáo thuộc thẩm quyền", "max": "1", "method": "levels",
             "levels": [["0", "Giải quyết dưới 90%"], ["0.5", "Từ 90% đến dưới 100%"],
                        ["1", "100% hoặc không phát sinh"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo công tác giải quyết khiếu nại, tố cáo năm."},
        ]},
    ]},
]

LOCAL_GOVERNMENTS: list[dict] = [
    # ------------------------------------------------------------------ 1
    {"code": "1", "name": "Công tác chỉ đạo, điều hành cải cách hành chính", "max": "9", "children": [
        {"code": "1.1", "name": "Kế hoạch cải cách hành chính năm", "max": "2", "children": [
            {"code": "1.1.1", "name": "Ban hành kế hoạch CCHC năm kịp thời", "max": "0.5", "method": "yes_no",
             "evidence": True,
             "guidance": "Ban hành trong 15 ngày kể từ ngày UBND tỉnh ban hành Kế hoạch CCHC năm: 0,5 điểm. "
                         "Tài liệu kiểm chứng: kế hoạch CCHC năm của UBND."},
            {"code": "1.1.2", "name": "Mức độ hoàn thành kế hoạch CCHC", "max": "1", "method": "levels",
             "levels": [["0", "Hoàn thành dưới 80% kế hoạch"], ["0.5", "Hoàn thành từ 80% đến dưới 100%"],
                        ["1", "Hoàn thành 100% kế hoạch"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo CCHC năm kèm kết quả, sản phẩm của từng nhiệm vụ."},
            {"code": "1.1.3", "name": "Bố trí kinh phí thực hiện kế hoạch CCHC", "max": "0.5", "method": "yes_no",
             "evidence": True,
             "guidance": "Dự toán ngân sách năm có kinh phí cho CCHC: 0,5 điểm. Tài liệu kiểm chứng: quyết định "
                         "giao dự toán."},
        ]},
        {"code": "1.2", "name": "Thực hiện chế độ báo cáo cải cách hành chính định kỳ", "max": "1",
         "method": "levels",
         "levels": [["0", "Thiếu báo cáo"], ["0.5", "Đủ báo cáo, có báo cáo chậm hoặc sai đề cương"],
                    ["1", "Đủ, đúng thời hạn, đúng đề cương"]],
         "evidence": True,
         "guidance": "Gồm báo cáo quý I, 6 tháng, quý III và báo cáo năm. Tài liệu kiểm chứng: các báo cáo có số, "
                     "ngày ban hành."},
        {"code": "1.3", "name": "Kiểm tra công tác cải cách hành chính", "max": "2", "children": [
            {"code": "1.3.1", "name": "Ban hành kế hoạch kiểm tra CCHC", "max": "0.5", "method": "yes_no",
             "evidence": True,
             "guidance": "Ban hành trong quý I: 0,5 điểm. Tài liệu kiểm chứng: kế hoạch kiểm tra."},
            {"code": "1.3.2", "name": "Tỷ lệ cơ quan, đơn vị thuộc UBND được kiểm tra trong năm", "max": "0.5",
             "method": "levels",
             "levels": [["0", "Dưới 30%"], ["0.25", "Từ 30% đến dưới 50%"], ["0.5", "Từ 50% trở lên"]],
             "evidence": True,
             "guidance": "Đối với UBND cấp huyện, tính cả UBND cấp xã trực thuộc. Tài liệu kiểm chứng: biên bản, "
                         "thông báo kết luận kiểm tra."},
            {"code": "1.3.3", "name": "Xử lý các vấn đề phát hiện qua kiểm tra", "max": "1", "method": "levels",
             "levels": [["0", "Xử lý dưới 50% vấn đề phát hiện"], ["0.5", "Xử lý từ 50% đến dưới 100%"],
                        ["1", "Xử lý 100% hoặc không phát hiện vấn đề"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: văn bản chỉ đạo khắc phục, báo cáo kết quả khắc phục."},
        ]},
        {"code": "1.4", "name": "Công tác tuyên truyền cải cách hành chính", "max": "1.5", "children": [
            {"code": "1.4.1", "name": "Ban hành kế hoạch tuyên truyền CCHC", "max": "0.5", "method": "yes_no",
             "evidence": True,
             "guidance": "Có kế hoạch riêng hoặc nội dung tuyên truyền trong kế hoạch CCHC: 0,5 điểm."},
            {"code": "1.4.2", "name": "Mức độ thực hiện và đa dạng hóa hình thức tuyên truyền", "max": "1",
             "method": "range", "step": "0.25", "evidence": True,
             "guidance": "Hoàn thành kế hoạch: 0,5 điểm; tuyên truyền qua hệ thống truyền thanh cơ sở, hội nghị ở "
                         "thôn, tổ dân phố và mạng xã hội: thêm 0,5 điểm. Tài liệu kiểm chứng: lịch phát thanh, "
                         "hình ảnh, đường dẫn."},
        ]},
        {"code": "1.5", "name": "Sáng kiến, giải pháp mới trong công tác cải cách hành chính", "max": "1",
         "method": "levels",
         "levels": [["0", "Không có sáng kiến, giải pháp"], ["0.5", "Có giải pháp được áp dụng tại địa phương"],
                    ["1", "Được Hội đồng sáng kiến tỉnh công nhận"]],
         "evidence": True,
         "guidance": "Tài liệu kiểm chứng: quyết định công nhận sáng kiến, báo cáo hiệu quả áp dụng."},
        {"code": "1.6", "name": "Thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao", "max": "1.5",
         "method": "levels",
         "levels": [["0", "Dưới 80% nhiệm vụ hoàn thành đúng hạn"], ["0.5", "Từ 80% đến dưới 90%"],
                    ["1", "Từ 90% đến dưới 100%"], ["1.5", "100% nhiệm vụ hoàn thành đúng hạn"]],
         "evidence": False,
         "guidance": "Tổ giúp việc lấy số liệu từ Hệ thống theo dõi nhiệm vụ của UBND tỉnh tại ngày 31/12."},
    ]},
    # ------------------------------------------------------------------ 2
    {"code": "2", "name": "Cải cách thể chế", "max": "7", "children": [
        {"code": "2.1", "name": "Ban hành và kiểm tra văn bản quy phạm pháp luật của HĐND, UBND", "max": "2.5",
         "children": [
            {"code": "2.1.1", "name": "Ban hành VBQPPL đúng thẩm quyền, trình tự, thủ tục", "max": "1.5",
             "method": "levels",
             "levels": [["0", "Có văn bản sai thẩm quyền hoặc nội dung"],
                        ["1", "Có sai sót về thể thức, kỹ thuật trình bày"],
                        ["1.5", "Đúng quy định hoặc không ban hành văn bản"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: danh mục văn bản ban hành trong năm, báo cáo thẩm định hoặc ý kiến "
                         "của cơ quan tư pháp."},
            {"code": "2.1.2", "name": "Tự kiểm tra và gửi kiểm tra VBQPPL theo quy định", "max": "1",
             "method": "range", "step": "0.5", "evidence": True,
             "guidance": "100% văn bản được tự kiểm tra: 0,5 điểm; 100% văn bản gửi cơ quan kiểm tra đúng hạn: thêm "
                         "0,5 điểm. Đối với UBND cấp huyện, tính cả kiểm tra văn bản của cấp xã."},
        ]},
        {"code": "2.2", "name": "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", "max": "2", "children": [
            {"code": "2.2.1", "name": "Ban hành kế hoạch rà soát, hệ thống hóa VBQPPL", "max": "0.5",
             "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: kế hoạch rà soát năm."},
            {"code": "2.2.2", "name": "Mức độ hoàn thành kế hoạch rà soát", "max": "0.5", "method": "levels",
             "levels": [["0", "Hoàn thành dưới 80%"], ["0.25", "Từ 80% đến dưới 100%"], ["0.5", "Hoàn thành 100%"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo kết quả rà soát."},
            {"code": "2.2.3", "name": "Xử lý kết quả rà soát", "max": "1", "method": "levels",
             "levels": [["0", "Không xử lý"], ["0.5", "Xử lý chưa đầy đủ"],
                        ["1", "Xử lý đầy đủ hoặc không phát hiện văn bản cần xử lý"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: văn bản sửa đổi, bổ sung, bãi bỏ hoặc kiến nghị xử lý."},
        ]},
        {"code": "2.3", "name": "Theo dõi thi hành pháp luật và xây dựng đơn vị đạt chuẩn tiếp cận pháp luật",
         "max": "2.5", "children": [
            {"code": "2.3.1", "name": "Ban hành kế hoạch theo dõi tình hình thi hành pháp luật", "max": "0.5",
             "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: kế hoạch theo dõi tình hình thi hành pháp luật năm."},
            {"code": "2.3.2", "name": "Xử lý kết quả theo dõi thi hành pháp luật", "max": "1", "method": "levels",
             "levels": [["0", "Không xử lý"], ["0.5", "Xử lý dưới 100% vấn đề phát hiện"],
                        ["1", "Xử lý 100% hoặc không phát hiện vấn đề"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo theo dõi thi hành pháp luật, văn bản xử lý."},
            {"code": "2.3.3", "name": "Đạt chuẩn tiếp cận pháp luật", "max": "1", "method": "yes_no",
             "evidence": True,
             "guidance": "Xã, phường được công nhận đạt chuẩn tiếp cận pháp luật trong năm (cấp huyện: 100% xã "
                         "trực thuộc đạt chuẩn): 1 điểm. Tài liệu kiểm chứng: quyết định công nhận."},
        ]},
    ]},
    # ------------------------------------------------------------------ 3
    {"code": "3", "name": "Cải cách thủ tục hành chính", "max": "18", "children": [
        {"code": "3.1", "name": "Kiểm soát, rà soát, đơn giản hóa thủ tục hành chính", "max": "2.5", "children": [
            {"code": "3.1.1", "name": "Ban hành kế hoạch rà soát, đánh giá TTHC", "max": "0.5", "method": "yes_no",
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: kế hoạch rà soát, đánh giá TTHC năm."},
            {"code": "3.1.2", "name": "Mức độ hoàn thành kế hoạch rà soát, đánh giá TTHC", "max": "1",
             "method": "levels",
             "levels": [["0", "Hoàn thành dưới 80%"], ["0.5", "Từ 80% đến dưới 100%"], ["1", "Hoàn thành 100%"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo kết quả rà soát."},
            {"code": "3.1.3", "name": "Kiến nghị đơn giản hóa TTHC thuộc thẩm quyền giải quyết của địa phương",
             "max": "1", "method": "range", "step": "0.5", "evidence": True,
             "guidance": "Có kiến nghị gửi cơ quan có thẩm quyền: 0,5 điểm; kiến nghị được chấp thuận: thêm 0,5 "
                         "điểm. Tài liệu kiểm chứng: văn bản kiến nghị, văn bản trả lời."},
        ]},
        {"code": "3.2", "name": "Công khai thủ tục hành chính", "max": "2.5", "children": [
            {"code": "3.2.1", "name": "Niêm yết công khai TTHC tại Bộ phận Một cửa đúng quy định", "max": "1",
             "method": "yes_no", "evidence": True,
             "guidance": "Công khai bằng sổ, bảng niêm yết hoặc màn hình điện tử, có mã QR tra cứu: 1 điểm. "
                         "Tài liệu kiểm chứng: hình ảnh nơi niêm yết."},
            {"code": "3.2.2", "name": "Tỷ lệ TTHC thuộc thẩm quyền được công khai đầy đủ, đúng quyết định công bố "
                                      "còn hiệu lực", "max": "1", "method": "levels",
             "levels": [["0", "Dưới 90%"], ["0.5", "Từ 90% đến dưới 100%"], ["1", "100%"]],
             "evidence": True,
             "guidance": "Đối với UBND cấp huyện, tính cả TTHC thuộc thẩm quyền cấp xã. Tài liệu kiểm chứng: "
                         "danh mục TTHC đang công khai."},
            {"code": "3.2.3", "name": "Công khai TTHC và kết quả giải quyết hồ sơ trên Trang thông tin điện tử",
             "max": "0.5", "method": "yes_no", "evidence": False,
             "guidance": "Tổ giúp việc kiểm tra trực tiếp trên Trang thông tin điện tử của địa phương."},
        ]},
        {"code": "3.3", "name": "Thực hiện cơ chế một cửa, một cửa liên thông", "max": "7", "children": [
            {"code": "3.3.1", "name": "Tổ chức, hoạt động của Bộ phận Một cửa (Trung tâm Phục vụ hành chính công "
                                      "cấp xã) đúng quy định", "max": "1.5", "method": "range", "step": "0.5",
             "evidence": True,
             "guidance": "Đủ trụ sở, trang thiết bị, công chức tiếp nhận và quy chế hoạt động: 1,5 điểm; thiếu mỗi "
                         "điều kiện trừ 0,5 điểm. Tài liệu kiểm chứng: quyết định thành lập, quy chế, danh sách "
                         "công chức."},
            {"code": "3.3.2", "name": "Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn", "max": "2", "method": "levels",
             "levels": [["0", "Dưới 90%"], ["1", "Từ 90% đến dưới 95%"], ["1.5", "Từ 95% đến dưới 100%"],
                        ["2", "100%"]],
             "evidence": False,
             "guidance": "Số liệu từ Hệ thống thông tin giải quyết TTHC tỉnh; đối với UBND cấp huyện, tính cả hồ sơ "
                         "của cấp xã."},
            {"code": "3.3.3", "name": "Xin lỗi người dân, tổ chức khi giải quyết hồ sơ trễ hạn", "max": "0.5",
             "method": "yes_no", "evidence": True,
             "guidance": "100% hồ sơ trễ hạn có phiếu xin lỗi và hẹn lại ngày trả kết quả, hoặc không có hồ sơ trễ "
                         "hạn: 0,5 điểm."},
            {"code": "3.3.4", "name": "Thực hiện liên thông các nhóm TTHC", "max": "1", "method": "range",
             "step": "0.5", "evidence": True,
             "guidance": "Thực hiện đủ hai nhóm liên thông (đăng ký khai sinh - thường trú - thẻ BHYT cho trẻ em "
                         "dưới 6 tuổi; đăng ký khai tử - xóa thường trú - trợ cấp mai táng): 1 điểm; một nhóm: "
                         "0,5 điểm."},
            {"code": "3.3.5", "name": "Số hóa hồ sơ, kết quả giải quyết TTHC", "max": "1.5", "method": "levels",
             "levels": [["0", "Dưới 50%"], ["0.5", "Từ 50% đến dưới 80%"], ["1", "Từ 80% đến dưới 100%"],
                        ["1.5", "100%"]],
             "evidence": False,
             "guidance": "Số liệu từ Hệ thống thông tin giải quyết TTHC tỉnh."},
            {"code": "3.3.6", "name": "Tiếp nhận, trả kết quả TTHC không phụ thuộc địa giới hành chính",
             "max": "0.5", "method": "yes_no", "evidence": True,
             "guidance": "Tiếp nhận đúng danh mục TTHC không phụ thuộc địa giới hành chính do UBND tỉnh công bố: "
                         "0,5 điểm. Tài liệu kiểm chứng: thống kê hồ sơ từ hệ thống."},
        ]},
        {"code": "3.4", "name": "Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính", "max": "2.5",
         "children": [
            {"code": "3.4.1", "name": "Công khai địa chỉ, số điện thoại tiếp nhận phản ánh, kiến nghị", "max": "0.5",
             "method": "yes_no", "evidence": True,
             "guidance": "Công khai tại Bộ phận Một cửa và trên Trang thông tin điện tử: 0,5 điểm."},
            {"code": "3.4.2", "name": "Tỷ lệ phản ánh, kiến nghị được xử lý đúng thời hạn", "max": "2",
             "method": "levels",
             "levels": [["0", "Dưới 70%"], ["0.5", "Từ 70% đến dưới 80%"], ["1", "Từ 80% đến dưới 90%"],
                        ["1.5", "Từ 90% đến dưới 100%"], ["2", "100% hoặc không có phản ánh, kiến nghị"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: sổ theo dõi, văn bản trả lời phản ánh, kiến nghị."},
        ]},
        {"code": "3.5", "name": "Kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp theo Quyết định "
                                "số 766/QĐ-TTg", "max": "3.5", "method": "range", "step": "0.5", "evidence": False,
         "guidance": "Quy đổi điểm Bộ chỉ số phục vụ người dân, doanh nghiệp của địa phương (thang 100) theo tỷ lệ, "
                     "làm tròn xuống bội số 0,5; Tổ giúp việc lấy số liệu trên Cổng Dịch vụ công quốc gia."},
    ]},
    # ------------------------------------------------------------------ 4
    {"code": "4", "name": "Cải cách tổ chức bộ máy hành chính nhà nước", "max": "7", "children": [
        {"code": "4.1", "name": "Tổ chức các cơ quan chuyên môn và đơn vị sự nghiệp thuộc UBND", "max": "2.5",
         "children": [
            {"code": "4.1.1", "name": "Ban hành quy định chức năng, nhiệm vụ, quyền hạn của các cơ quan chuyên môn",
             "max": "1", "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định quy định chức năng, nhiệm vụ, quyền hạn còn hiệu lực."},
            {"code": "4.1.2", "name": "Bố trí số lượng cấp phó của các cơ quan chuyên môn đúng quy định", "max": "1",
             "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: danh sách lãnh đạo các cơ quan chuyên môn, quyết định bổ nhiệm."},
            {"code": "4.1.3", "name": "Sắp xếp, kiện toàn đơn vị sự nghiệp công lập thuộc UBND", "max": "0.5",
             "method": "levels",
             "levels": [["0", "Chưa thực hiện"], ["0.25", "Đang thực hiện theo lộ trình"],
                        ["0.5", "Hoàn thành theo kế hoạch"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: đề án, quyết định sắp xếp đơn vị sự nghiệp."},
        ]},
        {"code": "4.2", "name": "Quản lý biên chế và tổ chức thôn, tổ dân phố", "max": "2.5", "children": [
            {"code": "4.2.1", "name": "Sử dụng biên chế công chức không vượt số được giao", "max": "1",
             "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định giao biên chế, báo cáo số lượng công chức có mặt."},
            {"code": "4.2.2", "name": "Số lượng người làm việc trong đơn vị sự nghiệp công lập không vượt số được giao",
             "max": "0.5", "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định giao số lượng người làm việc, báo cáo số lượng."},
            {"code": "4.2.3", "name": "Sắp xếp thôn, tổ dân phố và bố trí người hoạt động không chuyên trách đúng "
                                      "quy định", "max": "1", "method": "levels",
             "levels": [["0", "Chưa thực hiện"], ["0.5", "Thực hiện chưa đầy đủ"], ["1", "Đúng quy định"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: nghị quyết sắp xếp thôn, tổ dân phố; danh sách người hoạt động "
                         "không chuyên trách."},
        ]},
        {"code": "4.3", "name": "Thực hiện phân cấp, phân quyền, ủy quyền", "max": "2", "children": [
            {"code": "4.3.1", "name": "Thực hiện nhiệm vụ được phân cấp, phân quyền, ủy quyền", "max": "1",
             "method": "levels",
             "levels": [["0", "Có nhiệm vụ thực hiện không đúng"], ["0.5", "Thực hiện đầy đủ, có nhiệm vụ chậm"],
                        ["1", "Thực hiện đầy đủ, đúng thời hạn"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo kết quả thực hiện nhiệm vụ được phân cấp, phân quyền."},
            {"code": "4.3.2", "name": "Rà soát, kiến nghị điều chỉnh nhiệm vụ phân cấp, phân quyền chưa phù hợp",
             "max": "1", "method": "range", "step": "0.5", "evidence": True,
             "guidance": "Có rà soát: 0,5 điểm; có kiến nghị cụ thể gửi cơ quan có thẩm quyền: thêm 0,5 điểm."},
        ]},
    ]},
    # ------------------------------------------------------------------ 5
    {"code": "5", "name": "Cải cách chế độ công vụ", "max": "11", "children": [
        {"code": "5.1", "name": "Vị trí việc làm và chuẩn hóa đội ngũ cán bộ, công chức", "max": "3", "children": [
            {"code": "5.1.1", "name": "Bố trí công chức, viên chức theo vị trí việc làm được phê duyệt", "max": "1",
             "method": "levels",
             "levels": [["0", "Dưới 80% bố trí đúng"], ["0.5", "Từ 80% đến dưới 100%"], ["1", "100% bố trí đúng"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: danh sách công chức, viên chức theo vị trí việc làm."},
            {"code": "5.1.2", "name": "Danh mục vị trí việc làm được phê duyệt và cập nhật khi có thay đổi",
             "max": "0.5", "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định phê duyệt vị trí việc làm."},
            {"code": "5.1.3", "name": "Tỷ lệ cán bộ, công chức đạt tiêu chuẩn chức danh, vị trí việc làm",
             "max": "1.5", "method": "levels",
             "levels": [["0", "Dưới 80%"], ["0.5", "Từ 80% đến dưới 90%"], ["1", "Từ 90% đến dưới 100%"],
                        ["1.5", "100%"]],
             "evidence": True,
             "guidance": "Tiêu chuẩn về trình độ chuyên môn, lý luận chính trị theo chức danh. Tài liệu kiểm "
                         "chứng: danh sách kèm trình độ đào tạo."},
        ]},
        {"code": "5.2", "name": "Tuyển dụng, sử dụng và quản lý cán bộ, công chức, viên chức", "max": "3",
         "children": [
            {"code": "5.2.1", "name": "Tuyển dụng, tiếp nhận công chức, viên chức đúng quy định", "max": "1",
             "method": "yes_no", "evidence": True,
             "guidance": "Không có sai phạm bị cơ quan có thẩm quyền kết luận: 1 điểm."},
            {"code": "5.2.2", "name": "Bổ nhiệm lãnh đạo cấp phòng và tương đương đúng quy định", "max": "1",
             "method": "yes_no", "evidence": True,
             "guidance": "Tài liệu kiểm chứng: hồ sơ, quyết định bổ nhiệm."},
            {"code": "5.2.3", "name": "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức", "max": "1",
             "method": "levels",
             "levels": [["0", "Không đúng quy định"], ["0.5", "Đúng quy định, chậm thời hạn"],
                        ["1", "Đúng quy định, đúng thời hạn"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định công nhận kết quả đánh giá, xếp loại."},
        ]},
        {"code": "5.3", "name": "Đào tạo, bồi dưỡng cán bộ, công chức, viên chức", "max": "2", "children": [
            {"code": "5.3.1", "name": "Ban hành kế hoạch đào tạo, bồi dưỡng năm", "max": "0.5", "method": "yes_no",
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: kế hoạch đào tạo, bồi dưỡng năm."},
            {"code": "5.3.2", "name": "Mức độ hoàn thành kế hoạch đào tạo, bồi dưỡng", "max": "1",
             "method": "levels",
             "levels": [["0", "Hoàn thành dưới 80%"], ["0.5", "Từ 80% đến dưới 100%"], ["1", "Hoàn thành 100%"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo kết quả, danh sách người được cử đi học."},
            {"code": "5.3.3", "name": "Bồi dưỡng kỹ năng, nghiệp vụ cho công chức tiếp nhận hồ sơ tại Bộ phận Một cửa",
             "max": "0.5", "method": "levels",
             "levels": [["0", "Không được bồi dưỡng"], ["0.25", "Dưới 100% công chức được bồi dưỡng"],
                        ["0.5", "100% công chức được bồi dưỡng"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: danh sách học viên, giấy chứng nhận."},
        ]},
        {"code": "5.4", "name": "Chấp hành kỷ luật, kỷ cương hành chính", "max": "3", "children": [
            {"code": "5.4.1", "name": "Thực hiện quy định về văn hóa công vụ, nội quy cơ quan", "max": "1",
             "method": "range", "step": "0.5", "evidence": True,
             "guidance": "Có quy chế văn hóa công sở: 0,5 điểm; không có phản ánh về thái độ, ứng xử được xác minh "
                         "đúng: thêm 0,5 điểm."},
            {"code": "5.4.2", "name": "Cán bộ, công chức, viên chức bị xử lý kỷ luật trong năm", "max": "1",
             "method": "levels",
             "levels": [["0", "Có người đứng đầu hoặc cấp phó của UBND bị kỷ luật"],
                        ["0.5", "Có cán bộ, công chức, viên chức khác bị kỷ luật"],
                        ["1", "Không có trường hợp bị kỷ luật"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định kỷ luật hoặc báo cáo không có trường hợp bị kỷ luật."},
            {"code": "5.4.3", "name": "Kiểm tra công vụ, kiểm tra việc chấp hành kỷ luật, kỷ cương", "max": "1",
             "method": "range", "step": "0.5", "evidence": True,
             "guidance": "Có tổ chức kiểm tra: 0,5 điểm; xử lý sau kiểm tra: thêm 0,5 điểm. Tài liệu kiểm chứng: "
                         "biên bản, kết luận kiểm tra."},
        ]},
    ]},
    # ------------------------------------------------------------------ 6
    {"code": "6", "name": "Cải cách tài chính công", "max": "10", "children": [
        {"code": "6.1", "name": "Thu ngân sách nhà nước trên địa bàn", "max": "3", "children": [
            {"code": "6.1.1", "name": "Tỷ lệ thực hiện dự toán thu ngân sách nhà nước được giao", "max": "2",
             "method": "levels",
             "levels": [["0", "Dưới 90% dự toán"], ["1", "Từ 90% đến dưới 100%"], ["1.5", "Từ 100% đến dưới 110%"],
                        ["2", "Từ 110% trở lên"]],
             "evidence": False,
             "guidance": "Thu nội địa không kể thu tiền sử dụng đất; số liệu do Sở Tài chính và cơ quan thuế "
                         "cung cấp."},
            {"code": "6.1.2", "name": "Tỷ lệ nợ thuế so với tổng thu ngân sách trên địa bàn", "max": "1",
             "method": "levels",
             "levels": [["0", "Trên 8%"], ["0.5", "Từ 5% đến 8%"], ["1", "Dưới 5%"]],
             "evidence": False,
             "guidance": "Số liệu do cơ quan thuế quản lý địa bàn cung cấp tại ngày 31/12."},
        ]},
        {"code": "6.2", "name": "Quản lý, sử dụng kinh phí ngân sách nhà nước", "max": "3", "children": [
            {"code": "6.2.1", "name": "Tỷ lệ giải ngân kế hoạch vốn đầu tư công", "max": "1.5", "method": "levels",
             "levels": [["0", "Dưới 80%"], ["0.5", "Từ 80% đến dưới 90%"], ["1", "Từ 90% đến dưới 95%"],
                        ["1.5", "Từ 95% trở lên"]],
             "evidence": False,
             "guidance": "Số liệu do Sở Tài chính cung cấp khi kết thúc thời gian giải ngân (31/01 năm sau)."},
            {"code": "6.2.2", "name": "Công khai ngân sách nhà nước đúng quy định", "max": "0.5", "method": "yes_no",
             "evidence": True,
             "guidance": "Công khai dự toán, quyết toán đúng nội dung, thời hạn trên Trang thông tin điện tử: "
                         "0,5 điểm. Tài liệu kiểm chứng: quyết định công bố, đường dẫn."},
            {"code": "6.2.3", "name": "Thực hiện kết luận, kiến nghị của thanh tra, kiểm toán về tài chính",
             "max": "1", "method": "levels",
             "levels": [["0", "Thực hiện dưới 50%"], ["0.5", "Từ 50% đến dưới 100%"],
                        ["1", "100% hoặc không có kết luận, kiến nghị"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo kết quả thực hiện kết luận, kiến nghị."},
        ]},
        {"code": "6.3", "name": "Thực hiện cơ chế tự chủ tài chính tại đơn vị sự nghiệp công lập", "max": "2",
         "children": [
            {"code": "6.3.1", "name": "Tỷ lệ đơn vị sự nghiệp công lập được giao quyền tự chủ tài chính", "max": "1",
             "method": "levels",
             "levels": [["0", "Dưới 50%"], ["0.5", "Từ 50% đến dưới 100%"], ["1", "100%"]],
             "evidence": True,
             "guidance": "Gồm trường học, trạm, trung tâm thuộc UBND. Tài liệu kiểm chứng: quyết định giao quyền "
                         "tự chủ."},
            {"code": "6.3.2", "name": "Tỷ lệ đơn vị sự nghiệp công lập ban hành và thực hiện quy chế chi tiêu nội bộ",
             "max": "1", "method": "range", "step": "0.5", "evidence": True,
             "guidance": "100% đơn vị: 1 điểm; từ 80% đến dưới 100%: 0,5 điểm. Tài liệu kiểm chứng: quy chế chi "
                         "tiêu nội bộ của các đơn vị."},
        ]},
        {"code": "6.4", "name": "Quản lý, sử dụng tài sản công", "max": "2", "children": [
            {"code": "6.4.1", "name": "Ban hành quy chế quản lý tài sản công và kê khai vào Cơ sở dữ liệu quốc gia "
                                      "về tài sản công", "max": "1", "method": "yes_no", "evidence": True,
             "guidance": "Có quy chế và kê khai đầy đủ, đúng hạn: 1 điểm. Tài liệu kiểm chứng: quy chế, "
                         "báo cáo kê khai."},
            {"code": "6.4.2", "name": "Xử lý trụ sở, nhà, đất dôi dư sau sắp xếp", "max": "1", "method": "levels",
             "levels": [["0", "Chưa có phương án xử lý"], ["0.5", "Có phương án, chưa hoàn thành"],
                        ["1", "Hoàn thành hoặc không có tài sản dôi dư"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: phương án xử lý được phê duyệt, biên bản bàn giao."},
        ]},
    ]},
    # ------------------------------------------------------------------ 7
    {"code": "7", "name": "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", "max": "13", "children": [
        {"code": "7.1", "name": "Kế hoạch chuyển đổi số và bảo đảm an toàn thông tin mạng", "max": "2.5",
         "children": [
            {"code": "7.1.1", "name": "Ban hành kế hoạch chuyển đổi số năm", "max": "0.5", "method": "yes_no",
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: kế hoạch chuyển đổi số năm."},
            {"code": "7.1.2", "name": "Mức độ hoàn thành kế hoạch chuyển đổi số", "max": "1", "method": "levels",
             "levels": [["0", "Hoàn thành dưới 80%"], ["0.5", "Từ 80% đến dưới 100%"], ["1", "Hoàn thành 100%"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo kết quả chuyển đổi số năm."},
            {"code": "7.1.3", "name": "Bảo đảm an toàn thông tin mạng", "max": "1", "method": "levels",
             "levels": [["0", "Chưa phê duyệt cấp độ hệ thống thông tin"], ["0.5", "Đã phê duyệt cấp độ"],
                        ["1", "Đã triển khai đầy đủ phương án bảo đảm an toàn thông tin"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định phê duyệt cấp độ, báo cáo triển khai phương án."},
        ]},
        {"code": "7.2", "name": "Văn bản điện tử", "max": "3", "children": [
            {"code": "7.2.1", "name": "Tỷ lệ văn bản đi được gửi, nhận dưới dạng điện tử (trừ văn bản mật)",
             "max": "1.5", "method": "levels",
             "levels": [["0", "Dưới 90%"], ["0.5", "Từ 90% đến dưới 95%"], ["1", "Từ 95% đến dưới 100%"],
                        ["1.5", "100%"]],
             "evidence": False,
             "guidance": "Số liệu thống kê từ Hệ thống quản lý văn bản và điều hành của tỉnh."},
            {"code": "7.2.2", "name": "Tỷ lệ văn bản điện tử được ký số", "max": "1.5", "method": "levels",
             "levels": [["0", "Dưới 90%"], ["0.5", "Từ 90% đến dưới 95%"], ["1", "Từ 95% đến dưới 100%"],
                        ["1.5", "100%"]],
             "evidence": False,
             "guidance": "Số liệu thống kê từ Hệ thống quản lý văn bản và điều hành của tỉnh."},
        ]},
        {"code": "7.3", "name": "Cung cấp dịch vụ công trực tuyến và hỗ trợ người dân", "max": "4.5", "children": [
            {"code": "7.3.1", "name": "Tỷ lệ hồ sơ TTHC được tiếp nhận, giải quyết trực tuyến", "max": "1.5",
             "method": "levels",
             "levels": [["0", "Dưới 30%"], ["0.5", "Từ 30% đến dưới 50%"], ["1", "Từ 50% đến dưới 80%"],
                        ["1.5", "Từ 80% trở lên"]],
             "evidence": False,
             "guidance": "Số liệu từ Hệ thống thông tin giải quyết TTHC tỉnh."},
            {"code": "7.3.2", "name": "Tỷ lệ TTHC đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình",
             "max": "1", "method": "levels",
             "levels": [["0", "Dưới 80%"], ["0.5", "Từ 80% đến dưới 100%"], ["1", "100%"]],
             "evidence": False,
             "guidance": "Tổ giúp việc đối chiếu danh mục được phê duyệt với cấu hình trên Cổng Dịch vụ công."},
            {"code": "7.3.3", "name": "Tỷ lệ hồ sơ có nghĩa vụ tài chính được thanh toán trực tuyến", "max": "1",
             "method": "levels",
             "levels": [["0", "Dưới 30%"], ["0.5", "Từ 30% đến dưới 50%"], ["1", "Từ 50% trở lên"]],
             "evidence": False,
             "guidance": "Số liệu từ Nền tảng thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia."},
            {"code": "7.3.4", "name": "Hoạt động của Tổ công nghệ số cộng đồng", "max": "1", "method": "range",
             "step": "0.5", "evidence": True,
             "guidance": "100% thôn, tổ dân phố có Tổ công nghệ số cộng đồng hoạt động thường xuyên: 1 điểm; từ "
                         "50%: 0,5 điểm. Tài liệu kiểm chứng: quyết định thành lập, báo cáo hoạt động."},
        ]},
        {"code": "7.4", "name": "Trang thông tin điện tử và dữ liệu số", "max": "3", "children": [
            {"code": "7.4.1", "name": "Trang thông tin điện tử đáp ứng yêu cầu theo Nghị định số 42/2022/NĐ-CP",
             "max": "1", "method": "range", "step": "0.5", "evidence": False,
             "guidance": "Tổ giúp việc kiểm tra trực tiếp: đủ nội dung, cập nhật thường xuyên: 1 điểm; thiếu "
                         "nội dung: 0,5 điểm."},
            {"code": "7.4.2", "name": "Số hóa dữ liệu hộ tịch", "max": "1", "method": "levels",
             "levels": [["0", "Dưới 70% sổ hộ tịch được số hóa"], ["0.5", "Từ 70% đến dưới 100%"],
                        ["1", "100% sổ hộ tịch được số hóa"]],
             "evidence": True,
             "guidance": "Sổ hộ tịch lưu tại địa phương được số hóa, cập nhật vào Cơ sở dữ liệu hộ tịch điện tử. "
                         "Tài liệu kiểm chứng: báo cáo có xác nhận của Sở Tư pháp."},
            {"code": "7.4.3", "name": "Thực hiện nhiệm vụ Đề án 06 về dữ liệu dân cư, định danh và xác thực "
                                      "điện tử", "max": "1", "method": "levels",
             "levels": [["0", "Hoàn thành dưới 70% nhiệm vụ"], ["0.5", "Từ 70% đến dưới 100%"],
                        ["1", "Hoàn thành 100% nhiệm vụ"]],
             "evidence": True,
             "guidance": "Nhiệm vụ năm theo Quyết định số 06/QĐ-TTg giao cho địa phương. Tài liệu kiểm chứng: "
                         "báo cáo kết quả thực hiện Đề án 06."},
        ]},
    ]},
    # ------------------------------------------------------------------ 8
    {"code": "8", "name": "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",
     "max": "25", "children": [
        {"code": "8.1", "name": "Tác động đến chất lượng thể chế tại địa phương", "max": "3", "children": [
            {"code": "8.1.1", "name": "Không có VBQPPL của HĐND, UBND bị cơ quan có thẩm quyền kết luận trái "
                                      "pháp luật", "max": "1.5", "method": "yes_no", "evidence": False,
             "guidance": "Căn cứ kết quả kiểm tra văn bản của cơ quan tư pháp; có văn bản bị kết luận trái pháp "
                         "luật: 0 điểm."},
            {"code": "8.1.2", "name": "Tính kịp thời, khả thi của văn bản chỉ đạo, điều hành tại địa phương",
             "max": "1.5", "method": "range", "step": "0.5", "evidence": True,
             "guidance": "Mỗi văn bản phải sửa đổi, thay thế do không khả thi trừ 0,5 điểm. Tài liệu kiểm chứng: "
                         "báo cáo theo dõi thi hành pháp luật."},
        ]},
        {"code": "8.2", "name": "Tác động đến chất lượng giải quyết thủ tục hành chính", "max": "6", "children": [
            {"code": "8.2.1", "name": "Mức độ hài lòng của người dân, tổ chức đối với việc giải quyết TTHC",
             "max": "3", "method": "levels",
             "levels": [["0", "Dưới 80%"], ["1", "Từ 80% đến dưới 90%"], ["2", "Từ 90% đến dưới 95%"],
                        ["3", "Từ 95% trở lên"]],
             "evidence": False,
             "guidance": "Căn cứ kết quả đánh giá trên Hệ thống thông tin giải quyết TTHC tỉnh và kết quả điều tra "
                         "xã hội học do Sở Nội vụ tổ chức."},
            {"code": "8.2.2", "name": "Mức giảm tỷ lệ hồ sơ trễ hạn so với năm trước", "max": "1.5",
             "method": "levels",
             "levels": [["0", "Tỷ lệ trễ hạn tăng"], ["0.5", "Không thay đổi"], ["1", "Giảm dưới 50%"],
                        ["1.5", "Giảm từ 50% trở lên hoặc không có hồ sơ trễ hạn"]],
             "evidence": False,
             "guidance": "Số liệu từ Hệ thống thông tin giải quyết TTHC tỉnh của năm đánh giá và năm trước."},
            {"code": "8.2.3", "name": "Phản ánh về hành vi nhũng nhiễu, gây phiền hà trong giải quyết TTHC",
             "max": "1.5", "method": "levels",
             "levels": [["0", "Có phản ánh được xác minh đúng, chưa xử lý"],
                        ["1", "Có phản ánh được xác minh đúng, đã xử lý dứt điểm"],
                        ["1.5", "Không có phản ánh được xác minh đúng"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo tiếp nhận, xác minh, xử lý phản ánh trong năm."},
        ]},
        {"code": "8.3", "name": "Tác động đến tổ chức bộ máy tại địa phương", "max": "2.5", "method": "range",
         "step": "0.5", "evidence": True,
         "guidance": "Tự đánh giá kết quả sắp xếp, giảm đầu mối cơ quan, đơn vị, thôn, tổ dân phố và sự vận hành "
                     "của bộ máy sau sắp xếp. Tài liệu kiểm chứng: quyết định sắp xếp, bảng so sánh số lượng đầu mối."},
        {"code": "8.4", "name": "Tác động đến tài chính công", "max": "3.5", "children": [
            {"code": "8.4.1", "name": "Tăng thu ngân sách nhà nước trên địa bàn so với năm trước", "max": "2",
             "method": "levels",
             "levels": [["0", "Không tăng"], ["1", "Tăng dưới 10%"], ["1.5", "Tăng từ 10% đến dưới 15%"],
                        ["2", "Tăng từ 15% trở lên"]],
             "evidence": False,
             "guidance": "Thu nội địa không kể thu tiền sử dụng đất; số liệu do Sở Tài chính cung cấp."},
            {"code": "8.4.2", "name": "Tỷ lệ tiết kiệm chi thường xuyên so với dự toán", "max": "1.5",
             "method": "levels",
             "levels": [["0", "Không tiết kiệm"], ["0.5", "Dưới 5%"], ["1", "Từ 5% đến dưới 10%"],
                        ["1.5", "Từ 10% trở lên"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: báo cáo quyết toán, báo cáo kết quả tiết kiệm chi."},
        ]},
        {"code": "8.5", "name": "Tác động của chuyển đổi số đến người dân, tổ chức", "max": "3", "children": [
            {"code": "8.5.1", "name": "Tỷ lệ người dân có tài khoản định danh điện tử được kích hoạt", "max": "1.5",
             "method": "levels",
             "levels": [["0", "Dưới 60%"], ["0.5", "Từ 60% đến dưới 70%"], ["1", "Từ 70% đến dưới 80%"],
                        ["1.5", "Từ 80% trở lên"]],
             "evidence": False,
             "guidance": "Tính trên dân số đủ điều kiện cấp tài khoản; số liệu do Công an tỉnh cung cấp."},
            {"code": "8.5.2", "name": "Mức độ hài lòng của người dân khi sử dụng dịch vụ công trực tuyến",
             "max": "1.5", "method": "range", "step": "0.5", "evidence": False,
             "guidance": "Căn cứ kết quả đánh giá trên Cổng Dịch vụ công và kết quả điều tra xã hội học: từ 95%: "
                         "1,5 điểm; mỗi mức giảm 5% trừ 0,5 điểm."},
        ]},
        {"code": "8.6", "name": "Tác động đến phát triển kinh tế - xã hội của địa phương", "max": "7", "children": [
            {"code": "8.6.1", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội được HĐND cùng cấp thông qua",
             "max": "3", "method": "levels",
             "levels": [["0", "Đạt dưới 70% chỉ tiêu"], ["1", "Đạt từ 70% đến dưới 90%"],
                        ["2", "Đạt từ 90% đến dưới 100%"], ["3", "Đạt 100% chỉ tiêu"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: nghị quyết của HĐND về nhiệm vụ năm, báo cáo kinh tế - xã hội năm."},
            {"code": "8.6.2", "name": "Giảm tỷ lệ hộ nghèo theo chỉ tiêu được giao", "max": "1.5", "method": "levels",
             "levels": [["0", "Không đạt chỉ tiêu"], ["1", "Đạt chỉ tiêu"], ["1.5", "Vượt chỉ tiêu"]],
             "evidence": True,
             "guidance": "Tài liệu kiểm chứng: quyết định công nhận kết quả rà soát hộ nghèo, hộ cận nghèo cuối năm."},
            {"code": "8.6.3", "name": "Xây dựng nông thôn mới, đô thị văn minh", "max": "1.5", "method": "levels",
             "levels": [["0", "Đạt dưới 80% kế hoạch năm"], ["1", "Đạt từ 80% đến dưới 100%"],
                        ["1.5", "Đạt 100% kế hoạch năm"]],
             "evidence": True,
             "guidance": "Tiêu chí nông thôn mới, nông thôn mới nâng cao (xã) hoặc đô thị văn minh (phường) theo "
                         "kế hoạch năm. Tài liệu kiểm chứng: báo cáo, quyết định công nhận."},
            {"code": "8.6.4", "name": "Phát triển doanh nghiệp trên địa bàn", "max": "1", "method": "levels",
             "levels": [["0", "Số doanh nghiệp thành lập mới giảm"], ["0.5", "Tăng dưới 10%"],
                        ["1", "Tăng từ 10% trở lên"]],
             "evidence": False,
             "guidance": "So với năm trước; số liệu đăng ký doanh nghiệp do Sở Tài chính cung cấp."},
        ]},
    ]},
]


# ---------------------------------------------------------------------------- the two local trees

# code → (name, guidance) where the district's criterion differs from the commune's; None keeps the shared text
_LOCAL_WORDING: dict[str, dict[str, tuple[str | None, str | None]]] = {
    "district": {
        "1.3.2": ("Tỷ lệ cơ quan chuyên môn và UBND cấp xã trực thuộc được kiểm tra trong năm", None),
    },
    "commune": {
        "1.3.2": ("Tỷ lệ bộ phận chuyên môn, thôn, ấp, khóm được kiểm tra trong năm",
                  "Tài liệu kiểm chứng: biên bản, thông báo kết luận kiểm tra."),
    },
}
_DISTRICT_ONLY = ("Đối với UBND cấp huyện", "đối với UBND cấp huyện", "(cấp huyện:")


def _for_commune(guidance: str) -> str:
    """A commune's guidance without the sentences that speak only of a district."""
    guidance = guidance.replace("; đối với UBND cấp huyện, tính cả hồ sơ của cấp xã", "")
    guidance = guidance.replace(" (cấp huyện: 100% xã trực thuộc đạt chuẩn)", "")
    sentences = [part for part in guidance.split(". ") if not any(mark in part for mark in _DISTRICT_ONLY)]
    text = ". ".join(sentences)
    return text if text.endswith(".") or not text else text + "."


def _local_tree(level: str) -> list[dict]:
    import copy

    tree = copy.deepcopy(LOCAL_GOVERNMENTS)
    wording = _LOCAL_WORDING[level]

    def walk(nodes: list[dict]) -> None:
        for node in nodes:
            name, guidance = wording.get(node["code"], (None, None))
            node["name"] = name or node["name"]
            if guidance is not None:
                node["guidance"] = guidance
            elif level == "commune" and node.get("guidance"):
                node["guidance"] = _for_commune(node["guidance"])
            walk(node.get("children", []))

    walk(tree)
    return tree


DISTRICTS: list[dict] = _local_tree("district")
COMMUNES: list[dict] = _local_tree("commune")


# ---------------------------------------------------------------------------- self-check

METHODS = ("range", "yes_no", "levels")
STEPS = (Decimal("0.25"), Decimal("0.5"), Decimal("1"))
_PARENT_KEYS = {"code", "name", "max", "children"}
_LEAF_KEYS = {"code", "name", "max", "method", "step", "levels", "evidence", "guidance"}


def _score(value: object, where: str, problems: list[str]) -> Decimal | None:
    """A score string as a Decimal, or None (with a problem) when it is not a plain non-negative number."""
    if not isinstance(value, str):
        problems.append(f"{where}: {value!r} is not a string")
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        problems.append(f"{where}: {value!r} is not a number")
        return None
    if not number.is_finite() or number < 0 or "e" in value.lower():
        problems.append(f"{where}: {value!r} is not a plain non-negative number")
        return None
    return number


def _check_leaf(node: dict, code: str, top: Decimal | None, problems: list[str]) -> None:
    for key in sorted(set(node) - _LEAF_KEYS):
        problems.append(f"{code}: unknown key {key!r}")
    method = node.get("method")
    if method not in METHODS:
        problems.append(f"{code}: method {method!r} is not one of {', '.join(METHODS)}")
    if not isinstance(node.get("evidence"), bool):
        problems.append(f"{code}: evidence must be True or False")
    guidance = node.get("guidance")
    if not isinstance(guidance, str) or not guidance.strip():
        problems.append(f"{code}: guidance is missing")
    if method != "range" and "step" in node:
        problems.append(f"{code}: step is only for the range method")
    if method != "levels" and "levels" in node:
        problems.append(f"{code}: levels are only for the levels method")
    if method == "range":
        step = _score(node.get("step"), f"{code} step", problems)
        if step is not None:
            if step not in STEPS:
                problems.append(f"{code}: step {node['step']} is not 0.25, 0.5 or 1")
            elif top is not None and top % step:
                problems.append(f"{code}: max {node['max']} is not a multiple of step {node['step']}")
    elif method == "levels":
        levels = node.get("levels")
        if not isinstance(levels, list) or len(levels) < 2:
            problems.append(f"{code}: levels need at least two entries")
            return
        scores: list[Decimal] = []
        for i, level in enumerate(levels, 1):
            if not (isinstance(level, (list, tuple)) and len(level) == 2):
                problems.append(f"{code}: level {i} is not [score, label]")
                continue
            if not isinstance(level[1], str) or not level[1].strip():
                problems.append(f"{code}: level {i} has no label")
            score = _score(level[0], f"{code} level {i}", problems)
            if score is not None:
                scores.append(score)
        if len(scores) != len(levels):
            return
        if scores[0] != 0:
            problems.append(f"{code}: the first level is {levels[0][0]}, not 0")
        if any(b <= a for a, b in zip(scores, scores[1:])):
            problems.append(f"{code}: level scores do not increase")
        if top is not None and scores[-1] != top:
            problems.append(f"{code}: the last level is {levels[-1][0]}, not max {node['max']}")


def _check_node(node: object, code: str, depth: int, problems: list[str]) -> Decimal | None:
    """Check one node and those below it; its max, or None when unreadable."""
    if not isinstance(node, dict):
        problems.append(f"{code}: not a dict")
        return None
    if node.get("code") != code:
        problems.append(f"{code}: code is {node.get('code')!r}, expected {code!r}")
    if not isinstance(node.get("name"), str) or not node["name"].strip():
        problems.append(f"{code}: name is missing")
    top = _score(node.get("max"), f"{code} max", problems)
    if top is not None and top <= 0:
        problems.append(f"{code}: max must be positive")
    children = node.get("children")
    if children:
        if depth >= 3:
            problems.append(f"{code}: a sub-criterion cannot have children")
        for key in sorted(set(node) - _PARENT_KEYS):
            problems.append(f"{code}: a parent cannot have {key!r}")
        maxes = [_check_node(child, f"{code}.{i}", depth + 1, problems) for i, child in enumerate(children, 1)]
        if top is not None and None not in maxes and sum(maxes, Decimal(0)) != top:
            problems.append(f"{code}: max {node['max']} ≠ sum of children {sum(maxes, Decimal(0))}")
    elif depth == 1:
        problems.append(f"{code}: a field must have criteria")
    else:
        _check_leaf(node, code, top, problems)
    return top


def check(tree: list[dict]) -> list[str]:
    """Problems in a tree: parent max ≠ sum of children, bad method data, total ≠ 100. Empty when sound."""
    problems: list[str] = []
    if len(tree) != 8:
        problems.append(f"{len(tree)} fields, expected 8")
    maxes = [_check_node(field, str(i), 1, problems) for i, field in enumerate(tree, 1)]
    if None not in maxes and sum(maxes, Decimal(0)) != 100:
        problems.append(f"total {sum(maxes, Decimal(0))} ≠ 100")
    return problems


def counts(tree: list[dict]) -> dict[str, object]:
    """Numbers of fields, criteria, sub-criteria and scored leaves, and the total."""
    criteria = [c for f in tree for c in f.get("children", [])]
    subs = [s for c in criteria for s in c.get("children", [])]
    leaves = len(subs) + sum(1 for c in criteria if not c.get("children"))
    return {"fields": len(tree), "criteria": len(criteria), "sub_criteria": len(subs), "leaves": leaves,
            "total": sum((Decimal(f["max"]) for f in tree), Decimal(0))}


if __name__ == "__main__":
    for label, tree in (("DEPARTMENTS", DEPARTMENTS), ("LOCAL_GOVERNMENTS", LOCAL_GOVERNMENTS)):
        print(label, counts(tree))
        for problem in check(tree) or ["no problems"]:
            print("   ", problem)
