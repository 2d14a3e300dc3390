"""Helpers shared by the Chỉ số CCHC service tests (tests/unit/par/test_par_*.py).

The tests build their own small criteria trees for years no demo data uses (2029–2033) and their own rounds
through the services, so that demo PAR data (lib/par/demo.py) may exist or not.

The small tree (100 points):
    1   Công tác chỉ đạo, điều hành CCHC                     50
      1.1   Kế hoạch CCHC năm          range, step 0.5, max 10, evidence required
      1.2   Báo cáo CCHC đúng hạn       yes/no, max 20
      1.3   Kiểm tra CCHC                                       20
        1.3.1  Kế hoạch kiểm tra       levels 0 / 5 / 10
        1.3.2  Tỷ lệ đơn vị được kiểm tra  range, step 0.25, max 10
    2   Cải cách thủ tục hành chính                          50
      2.1   Công khai thủ tục           range, step 1, max 30, evidence required
      2.2   Giải quyết hồ sơ đúng hạn   levels 0 / 10 / 20
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa

from lib.core.calendar import LOCAL_TZ
from lib.core.db import session_scope
from lib.par.enums import ParMemberKind, ParUnitGroup
from lib.core.enums import Role, UnitKind
from lib.core.models import Account, Unit
from lib.par.models import ParAssessment, ParCriterion
from lib.core.services import accounts, units
from lib.par import assessments as par_assessments, catalogue as par_catalogue, rounds as par_rounds
from lib.core.services.accounts import AccountInput
from lib.core.services.auth import to_actor
from lib.par.assessments import Entry, Upload
from lib.par.rounds import RoundInput

ADMIN = "cchc.snv"          # PAR administrator (Sở Nội vụ)
ASSESSOR = "tgv.snv"        # member of the assistance team
COUNCIL = "hoidong.snv"     # member of the appraisal council
EDITOR = "capnhat.sxd"      # editor of Sở Xây dựng
VIEWER = "tracuu.sxd"       # read-only account of Sở Xây dựng
UNIT_ADMIN = "quantri.sxd"  # unit administrator of Sở Xây dựng
LOCAL_EDITOR = "capnhat.laplvo"  # editor of Xã Lấp Vò
LEADER = "lanhdao"
SYSADMIN = "quantri"
PASSWORD = "Moi#Matkhau2026"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

YEAR = 2030
DEADLINE = date(2030, 3, 31)
LEAVES = ("1.1", "1.2", "1.3.1", "1.3.2", "2.1", "2.2")
FULL = {"1.1": "10", "1.2": "20", "1.3.1": "10", "1.3.2": "10", "2.1": "30", "2.2": "20"}  # 100 points

SMALL_TREE: list[dict] = [
    {"code": "1", "name": "Công tác chỉ đạo, điều hành cải cách hành chính", "max": "50", "children": [
        {"code": "1.1", "name": "Kế hoạch cải cách hành chính năm", "max": "10", "method": "range", "step": "0.5",
         "evidence": True, "guidance": "Ban hành đúng hạn, đủ nội dung: 10 điểm."},
        {"code": "1.2", "name": "Báo cáo cải cách hành chính đúng hạn", "max": "20", "method": "yes_no"},
        {"code": "1.3", "name": "Kiểm tra công tác cải cách hành chính", "max": "20", "children": [
            {"code": "1.3.1", "name": "Ban hành kế hoạch kiểm tra", "max": "10", "method": "levels",
             "levels": [["0", "Không ban hành"], ["5", "Ban hành chậm"], ["10", "Ban hành đúng hạn"]]},
            {"code": "1.3.2", "name": "Tỷ lệ đơn vị trực thuộc được kiểm tra", "max": "10", "method": "range",
             "step": "0.25"},
        ]},
    ]},
    {"code": "2", "name": "Cải cách thủ tục hành chính", "max": "50", "children": [
        {"code": "2.1", "name": "Công khai thủ tục hành chính", "max": "30", "method": "range", "step": "1",
         "evidence": True},
        {"code": "2.2", "name": "Giải quyết hồ sơ đúng hạn", "max": "20", "method": "levels",
         "levels": [["0", "Dưới 90%"], ["10", "Từ 90% đến dưới 100%"], ["20", "100% đúng hạn"]]},
    ]},
]


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LOCAL_TZ)


def act(engine: sa.Engine, fn, *args, **kw):  # noqa: ANN001, ANN002, ANN003, ANN201
    """One user action in its own transaction (committed, or rolled back when it raises)."""
    with session_scope(engine) as s:
        return fn(s, *args, **kw)


def load_tree(engine: sa.Engine, year: int = YEAR, group: ParUnitGroup = ParUnitGroup.DEPARTMENT,
              nodes: list[dict] | None = None) -> dict[str, int]:
    with session_scope(engine) as s:
        par_catalogue.load_data(s, year, group, nodes or SMALL_TREE)
    return criterion_ids(engine, year, group)


def criterion_ids(engine: sa.Engine, year: int = YEAR,
                  group: ParUnitGroup = ParUnitGroup.DEPARTMENT) -> dict[str, int]:
    with session_scope(engine) as s:
        return dict(s.execute(sa.select(ParCriterion.code, ParCriterion.id).where(
            ParCriterion.year == year, ParCriterion.unit_group == group)).all())


def snapshot(engine: sa.Engine, year: int = YEAR, group: ParUnitGroup = ParUnitGroup.DEPARTMENT) -> list[tuple]:
    """Everything a tree says, comparable across years and databases."""
    with session_scope(engine) as s:
        return [(n.code, n.level, n.name, n.max_score, n.guidance, n.method, n.step,
                 [(Decimal(str(v)), label) for v, label in n.levels] if n.levels else None, n.evidence_required)
                for n in par_catalogue.tree(s, year, group)]


def maxima(engine: sa.Engine, year: int = YEAR, group: ParUnitGroup = ParUnitGroup.DEPARTMENT) -> dict[str, Decimal]:
    with session_scope(engine) as s:
        return {n.code: n.max_score for n in par_catalogue.tree(s, year, group)}


def new_account(engine: sa.Engine, actors: dict, username: str, unit_id: int, *roles: Role):  # noqa: ANN201
    """A further account (another assessor, another council member, an editor of a new unit)."""
    with session_scope(engine) as s:
        account_id = accounts.create_account(
            s, actors[SYSADMIN], AccountInput(username, f"Người dùng {username}", unit_id, set(roles)), PASSWORD)
    with session_scope(engine) as s:
        return to_actor(s.get(Account, account_id))


def local_hierarchy(engine: sa.Engine, actors: dict) -> dict[str, object]:
    """A district (H-THU) with a commune under it (X-THU), each with an editor: a level above and a level below.

    Returns unit ids by code and actors by role: "district", "commune"."""
    with session_scope(engine) as s:
        province = s.scalar(sa.select(Unit.id).where(Unit.code == "UBND"))
        district = units.create_unit(s, None, code="H-THU", name="UBND huyện Thử Nghiệm", kind=UnitKind.DISTRICT,
                                     parent_id=province, founded_on=date(2020, 1, 1))
        commune = units.create_unit(s, None, code="X-THU", name="UBND xã Thử Nghiệm", kind=UnitKind.COMMUNE,
                                    parent_id=district, founded_on=date(2020, 1, 1))
    return {"H-THU": district, "X-THU": commune,
            "district": new_account(engine, actors, "capnhat.hthu", district, Role.UNIT_EDITOR),
            "commune": new_account(engine, actors, "capnhat.xthu", commune, Role.UNIT_EDITOR)}


def make_round(engine: sa.Engine, actors: dict, unit_ids: list[int], *, year: int = YEAR,
               deadline: date = DEADLINE, name: str | None = None,
               assessors: dict[str, list] | None = None, council: dict[str, list] | None = None) -> int:
    """A round of the PAR administrator, with members per field (by default tgv.snv and hoidong.snv on both);
    members are user names of demo accounts or Actor objects."""
    assessors = {"1": [ASSESSOR], "2": [ASSESSOR]} if assessors is None else assessors
    council = {"1": [COUNCIL], "2": [COUNCIL]} if council is None else council
    admin = actors[ADMIN]
    round_id = act(engine, par_rounds.create_round, admin,
                   RoundInput(year, name or f"Đánh giá Chỉ số CCHC năm {year}", deadline, unit_ids))
    for kind, by_field in ((ParMemberKind.ASSESSOR, assessors), (ParMemberKind.COUNCIL, council)):
        for code, usernames in by_field.items():
            act(engine, par_rounds.set_members, admin, round_id, code, kind,
                [actors[u].id if isinstance(u, str) else u.id for u in usernames])
    return round_id


def assessment_of(engine: sa.Engine, round_id: int, unit_id: int) -> int:
    with session_scope(engine) as s:
        return s.scalar(sa.select(ParAssessment.id).where(ParAssessment.round_id == round_id,
                                                          ParAssessment.unit_id == unit_id))


def entries(ids: dict[str, int], scores: dict[str, object], text: str = "") -> dict[int, Entry]:
    return {ids[code]: Entry(score, text) for code, score in scores.items()}


def self_assess(engine: sa.Engine, actor, assessment_id: int, ids: dict[str, int],  # noqa: ANN001
                scores: dict[str, object] | None = None, *, submit: bool = True, now: datetime | None = None) -> None:
    """Score every criterion (explained, so that evidence is not needed) and submit on time."""
    scores = {**FULL, **(scores or {})}
    act(engine, par_assessments.save_self, actor, assessment_id,
        entries(ids, scores, "Có kế hoạch, báo cáo kèm theo hồ sơ lưu tại đơn vị."))
    if submit:
        act(engine, par_assessments.submit, actor, assessment_id, now=now or at(2030, 3, 20))


def appraise_field(engine: sa.Engine, actor, assessment_id: int, ids: dict[str, int], field: str,  # noqa: ANN001
                   scores: dict[str, object], *, finish: bool = True) -> None:
    act(engine, par_assessments.save_appraisal, actor, assessment_id,
        entries(ids, {c: v for c, v in scores.items() if c.split(".")[0] == field}, "Đúng với hồ sơ."))
    if finish:
        act(engine, par_assessments.finish_field, actor, assessment_id, ids[field])


def run_to_final(engine: sa.Engine, actors: dict, assessment_id: int, ids: dict[str, int],
                 appraised: dict[str, object] | None = None, self_scores: dict[str, object] | None = None) -> None:
    """Self-assessment, appraisal of both fields and the council's approval (all by the default members)."""
    editor = actors[EDITOR]
    with session_scope(engine) as s:
        unit_id = s.get(ParAssessment, assessment_id).unit_id
    if unit_id != editor.unit_id:
        editor = actors[ADMIN]  # the PAR administrator may fill any unit's draft
    self_assess(engine, editor, assessment_id, ids, self_scores)
    scores = {**FULL, **(appraised or {})}
    for field in ("1", "2"):
        appraise_field(engine, actors[ASSESSOR], assessment_id, ids, field, scores)
        act(engine, par_assessments.approve_field, actors[COUNCIL], assessment_id, ids[field])


def upload(name: str = "ke-hoach-cchc.pdf") -> Upload:
    return Upload(name, PDF)
