"""Demo directives and tasks in every state, dated relative to today, for trainers."""
from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sqlalchemy.orm import Session

from lib.core.calendar import LOCAL_TZ, local_today
from lib.core.demo import unit_editor
from lib.tasks.enums import DocType, Urgency
from lib.core.enums import UnitKind
from lib.core.models import Account, Unit
from lib.tasks.models import DirectiveDocument
from lib.tasks import leaders as L
from lib.tasks import workflow as T
from lib.core.services.auth import to_actor
from lib.core.services.calendar_admin import work_calendar

# The directing leaders' list: (name, title, order in the list, demo account)
LEADERS = [("Nguyễn Văn Thành", "Phó Chủ tịch UBND tỉnh", 2, "lanhdao"),
           ("Phạm Thiện Nghĩa", "Chủ tịch UBND tỉnh", 1, None),
           ("Huỳnh Minh Tuấn", "Phó Chủ tịch UBND tỉnh", 3, None)]

# (type, symbol, summary, days ago, leader index, urgency, [(content, lead, co-units, working days, outcome)])
# outcome: new | ack | submitted | rejected | returned | early | ontime | late | overdue | longterm
DOCUMENTS = [
    (DocType.THONG_BAO_KET_LUAN, "TB-VPUBND", "Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải ngân "
     "vốn đầu tư công năm 2026", 150, 0, Urgency.NORMAL, [
         ("Rà soát, báo cáo danh mục dự án chậm giải ngân, đề xuất điều chuyển vốn", "STC", ["SXD"], 10, "early"),
         ("Đẩy nhanh công tác bồi thường, giải phóng mặt bằng các dự án giao thông trọng điểm", "SXD",
          ["SNNMT", "X-LAPVO"], 15, "late"),
         ("Tổng hợp khó khăn, vướng mắc của các chủ đầu tư, báo cáo UBND tỉnh", "STC", [], 7, "ontime"),
     ]),
    (DocType.CONG_VAN, "UBND-KT", "Về việc triển khai thực hiện Kế hoạch chuyển đổi số năm 2026", 120, 1,
     Urgency.NORMAL, [
         ("Xây dựng kế hoạch chuyển đổi số của ngành, gửi Sở Khoa học và Công nghệ thẩm định", "SYT", ["SKHCN"],
          10, "early"),
         ("Hướng dẫn các xã, phường triển khai nền tảng số dùng chung", "SKHCN", ["P-CAOLANH", "X-LAPVO"], 20, "late"),
         ("Báo cáo kết quả số hóa hồ sơ thủ tục hành chính", "SNV", [], 10, "submitted"),
     ]),
    (DocType.CHI_THI, "CT-UBND", "Về tăng cường kỷ luật, kỷ cương hành chính trong cơ quan nhà nước", 90, 1,
     Urgency.NORMAL, [
         ("Kiểm tra việc chấp hành giờ giấc làm việc, báo cáo kết quả định kỳ", "SNV", [], 15, "ontime"),
         ("Công khai đường dây nóng tiếp nhận phản ánh của người dân, doanh nghiệp", "X-LAPVO", [], 5, "rejected"),
         ("Thực hiện nghiêm quy chế văn hóa công sở", "SGDDT", [], None, "longterm"),
     ]),
    (DocType.CONG_VAN, "UBND-VX", "Về việc chuẩn bị các điều kiện tổ chức Tết Nguyên đán Bính Ngọ 2026", 70, 2,
     Urgency.URGENT, [
         ("Bảo đảm hàng hóa thiết yếu, bình ổn giá dịp Tết", "SCT", ["STC"], 10, "early"),
         ("Tổ chức thăm, tặng quà gia đình chính sách", "SNV", ["X-LAPVO", "P-SADEC"], 8, "ontime"),
         ("Bảo đảm an toàn giao thông, trật tự đô thị dịp Tết", "SXD", [], 8, "late"),
     ]),
    (DocType.QUYET_DINH, "QĐ-UBND", "Ban hành Kế hoạch cải cách hành chính năm 2026", 60, 1, Urgency.NORMAL, [
         ("Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền", "STP", ["SNV"], 20, "submitted"),
         ("Triển khai dịch vụ công trực tuyến toàn trình", "SKHCN", [], 25, "overdue"),
         ("Đo lường sự hài lòng của người dân, tổ chức", "SNV", [], 30, "ack"),
     ]),
    (DocType.THONG_BAO_KET_LUAN, "TB-VPUBND", "Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với Xã Lấp Vò", 40, 1,
     Urgency.NORMAL, [
         ("Hoàn thiện hồ sơ đề nghị công nhận xã đạt chuẩn nông thôn mới nâng cao", "X-LAPVO", ["SNNMT"], 15, "overdue"),
         ("Lập phương án sắp xếp trụ sở làm việc sau sáp nhập", "X-LAPVO", ["STC", "SXD"], 20, "returned"),
         ("Hỗ trợ xã hoàn thiện quy hoạch chung xây dựng", "SXD", ["X-LAPVO"], 25, "ack"),
     ]),
    (DocType.CONG_VAN, "UBND-KT", "Về việc đôn đốc báo cáo tình hình thực hiện dự án sử dụng đất", 25, 0,
     Urgency.VERY_URGENT, [
         ("Báo cáo danh mục dự án chậm tiến độ trong khu kinh tế", "BQLKKT", [], 5, "overdue"),
         ("Tổng hợp các dự án ngoài khu kinh tế chậm triển khai", "SNNMT", ["SXD"], 10, "submitted"),
     ]),
    (DocType.KE_HOACH, "KH-UBND", "Kế hoạch kiểm tra công tác cải cách hành chính quý IV năm 2026", 12, 2,
     Urgency.NORMAL, [
         ("Xây dựng lịch kiểm tra tại các sở, ngành, địa phương", "SNV", [], 8, "due_soon"),
         ("Tự kiểm tra, báo cáo kết quả thực hiện cải cách hành chính", "SXD", [], 15, "new"),
         ("Tự kiểm tra, báo cáo kết quả thực hiện cải cách hành chính", "X-LAPVO", [], 15, "new"),
     ]),
    (DocType.CONG_VAN, "UBND-VX", "Về việc phòng, chống dịch sốt xuất huyết", 3, 2, Urgency.FLASH, [
         ("Tổ chức chiến dịch diệt lăng quăng, phun hóa chất tại các ổ dịch", "SYT", ["P-CAOLANH", "P-MYTHO"], 3,
          "new"),
         ("Tuyên truyền biện pháp phòng bệnh trên các phương tiện thông tin", "SVHTTDL", ["SYT"], 5, "ack"),
     ]),
]


def demo_pdf(title: str) -> bytes:
    """A small valid PDF standing for a signed document (demo only)."""
    text = title.encode("ascii", "ignore").decode().replace("(", "").replace(")", "")[:80]
    stream = f"BT /F1 12 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def load_demo_tasks(session: Session, units: dict[str, Unit], accounts: dict[str, Account]) -> None:
    rng = random.Random(2026)
    calendar = work_calendar(session)
    today = local_today()
    office = to_actor(accounts["chuyenvien.vp"])
    leader_ids = [L.create_leader(session, office, L.LeaderInput(name, title, accounts[user].id if user else None,
                                                                   sort_order=order))
                  for name, title, order, user in LEADERS]
    numbers = {"UBND": 100}
    for doc_type, symbol, summary, days_ago, leader, urgency, task_specs in DOCUMENTS:
        issued = calendar.on_or_next_working_day(today - timedelta(days=days_ago))
        if issued > today:
            issued = today
        issuer = "UBND"
        numbers[issuer] += rng.randint(7, 60)
        number_symbol = f"{numbers[issuer]}/{symbol}"
        entered = datetime.combine(issued, time(9, 30), tzinfo=LOCAL_TZ) + timedelta(days=rng.choice([0, 0, 0, 1, 3]))
        entered = min(entered, datetime.now(LOCAL_TZ))
        doc_input = T.DocumentInput(doc_type, number_symbol, summary, issued, units[issuer].id, leader_ids[leader],
                                    LEADERS[leader][0], issued_time=time(10, 0), drafter_id=office.id,
                                    urgency=urgency)
        task_inputs = [T.TaskInput(content, units[lead].id, [units[c].id for c in co],
                                   deadline_working_days=days, long_term=days is None,
                                   follower_id=office.id) for content, lead, co, days, _ in task_specs]
        signed = T.Upload(f"{number_symbol.replace('/', '-')}.pdf", demo_pdf(f"Van ban {number_symbol}"))
        document_id = T.create_document(session, office, doc_input, task_inputs, signed_file=signed, now=entered)
        document = session.get(DirectiveDocument, document_id)
        for task, (_, lead, _, _, outcome) in zip(document.tasks, task_specs):
            _play(session, task, outcome, to_actor(unit_editor(accounts, units[lead])), units[lead], office,
                  calendar, today)


def sentence_part(text: str) -> str:
    """`text` to follow a colon: its first letter lower-cased unless the first word is an acronym («UBND tỉnh…»
    stays as written; only «Rà soát…» becomes «rà soát…»)."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]


# Who signs a unit's report document, by the kind of unit.
SIGNERS = {UnitKind.DEPARTMENT: "Giám đốc Sở", UnitKind.ECONOMIC_ZONE: "Trưởng Ban Quản lý Khu kinh tế",
           UnitKind.COMMUNE: "Chủ tịch UBND"}


def _moment(day, hour: int = 10) -> datetime:  # noqa: ANN001
    return datetime.combine(day, time(hour, 0), tzinfo=LOCAL_TZ)


def _play(session: Session, task, outcome: str, editor, unit: Unit, office, calendar, today) -> None:  # noqa: ANN001
    """Bring a freshly created task to the state `outcome` through the services."""
    if outcome in ("new", "overdue", "due_soon", "longterm"):
        return
    acknowledged = min(task.document.entered_at + timedelta(hours=1), datetime.now(LOCAL_TZ))
    T.acknowledge(session, editor, task.id, now=acknowledged)
    if outcome == "ack":
        return
    if outcome == "returned":
        T.return_to_office(session, editor, task.id, "Nội dung thuộc thẩm quyền của Sở Tài chính và Sở Xây dựng; "
                                                     "đề nghị Văn phòng giao lại đơn vị chủ trì.")
        return
    deadline = task.deadline
    submit_day = {"early": deadline - timedelta(days=3),
                  "ontime": deadline, "late": deadline + timedelta(days=4)}.get(outcome, today)
    submit_day = min(max(submit_day, task.document.issued_on), today)
    signer = SIGNERS.get(unit.kind, "Thủ trưởng đơn vị")
    if unit.kind == UnitKind.COMMUNE:
        signer = f"{signer} {sentence_part(unit.name)}"
    report = T.ReportInput(f"Đã triển khai thực hiện: {sentence_part(task.content)}. Kết quả chi tiết tại văn bản "
                           "kèm theo.", "Báo cáo kết quả thực hiện",
                           f"{task.id + 200}/BC-{editor.username.split('.')[-1].upper()}", task.content, submit_day,
                           signer)
    upload = T.Upload(f"{report.doc_number.replace('/', '-')}.pdf", demo_pdf(f"Bao cao {report.doc_number}"))
    now = datetime.now(LOCAL_TZ)  # nothing happens in the future, and a decision follows its report
    submitted = min(max(_moment(submit_day, 14), acknowledged), now)
    decided = max(submitted, min(max(_moment(submit_day, 16), submitted + timedelta(hours=2)), now))
    if outcome == "rejected":
        first = T.submit_report(session, editor, task.id, report, upload, now=submitted)
        T.reject(session, office, first, "Báo cáo chưa nêu rõ số điện thoại đường dây nóng và hình thức công khai; "
                                         "đề nghị bổ sung.", now=decided)
        return
    report_id = T.submit_report(session, editor, task.id, report, upload, now=submitted)
    if outcome in ("early", "ontime", "late"):
        T.approve(session, office, report_id, now=decided)
