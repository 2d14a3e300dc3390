"""Demo data of the module Chỉ số CCHC, for trainers: criteria trees for three years, two closed and published
rounds (earlier years to compare with), and this year's round with units in every state of the workflow.

Rows are written directly (not through the services) so that loading stays fast; they follow the services' rules:
scores are allowed values of their criterion, a parent's maximum is the sum of its children's, final = appraised
once the council approved a field.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core.calendar import LOCAL_TZ, local_today
from lib.core.demo import unit_editor
from lib.par.enums import (ParAssessmentStatus, ParEventKind, ParFieldStatus, ParMemberKind, ParRequestStatus,
                           ParRoundStatus, ParUnitGroup)
from lib.core.models import Account, Unit
from lib.par.models import (ParAssessment, ParComponent, ParComponentScore, ParCriterion, ParEvent,
                            ParEvidenceRequest, ParEvidenceRequestItem, ParFieldReview, ParRound, ParRoundMember,
                            ParScore)
from lib.core.format import fmt_decimal
from lib.core.models.base import utcnow
from lib.par.catalogue_data import COMMUNES, DEPARTMENTS, DISTRICTS
from lib.par import catalogue as par_catalogue
from lib.par.rounds import group_of

TREES = {ParUnitGroup.DEPARTMENT: DEPARTMENTS, ParUnitGroup.DISTRICT: DISTRICTS, ParUnitGroup.COMMUNE: COMMUNES}
EXPLANATION = "Đơn vị đã thực hiện đầy đủ; tài liệu kiểm chứng lưu tại Văn phòng đơn vị."

# This year's round: unit code → state
STATES = {
    "SNV": "final", "P-CAOLANH": "final",
    "SVHTTDL": "returned", "SCT": "appraised", "SYT": "partly_appraised",
    "SGDDT": "evidence_requested", "STP": "evidence_answered",
    "STC": "submitted", "P-SADEC": "submitted", "X-LAPVO": "draft_partial",
}


def _utc(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=LOCAL_TZ).astimezone(timezone.utc)


@dataclass
class _ScoreRow:
    assessment_id: int
    criterion_id: int
    field_id: int
    self_score: Decimal
    explanation: str
    appraised_score: Decimal | None = None
    appraisal_comment: str = ""
    final_score: Decimal | None = None
    version: int = 1
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)


class _Scorer:
    """Plausible scores: each unit has a level of quality; appraisal sometimes takes a step off."""

    def __init__(self, seed: str) -> None:
        self.rng = random.Random(seed)
        self.quality = self.rng.uniform(0.62, 0.97)

    def self_score(self, criterion: ParCriterion) -> Decimal:
        allowed = par_catalogue.allowed_scores(criterion)
        top = len(allowed) - 1
        index = round(self.quality * top + self.rng.uniform(-0.35, 0.6) * max(1, top / 3))
        return allowed[max(0, min(top, index))]

    def appraised(self, criterion: ParCriterion, own: Decimal) -> Decimal:
        allowed = par_catalogue.allowed_scores(criterion)
        index = allowed.index(own)
        if index > 0 and self.rng.random() < 0.3:
            return allowed[index - 1]
        return own


def _trees(session: Session, years: list[int]) -> dict[tuple[int, ParUnitGroup], list[ParCriterion]]:
    out = {}
    for year in years:
        for group, data in TREES.items():
            if not par_catalogue.tree(session, year, group):
                par_catalogue.load_data(session, year, group, data)
            out[(year, group)] = par_catalogue.tree(session, year, group)
    return out


def _members(round_: ParRound, assessor: Account, council: Account) -> None:
    for code in [str(i) for i in range(1, 9)]:
        round_.members.append(ParRoundMember(field_code=code, account_id=assessor.id, kind=ParMemberKind.ASSESSOR))
        round_.members.append(ParRoundMember(field_code=code, account_id=council.id, kind=ParMemberKind.COUNCIL))


class _Builder:
    def __init__(self, session: Session, round_: ParRound, nodes_by_group: dict, actors: dict[str, Account],
                 editors: dict[int, Account]) -> None:
        self.session, self.round, self.nodes_by_group, self.actors = session, round_, nodes_by_group, actors
        self.editors = editors  # unit id -> that unit's editor: a unit's own account submits and answers

    def assessment(self, unit: Unit, state: str, submitted_on: date | None) -> None:
        with self.session.no_autoflush:
            self._assessment(unit, state, submitted_on)

    def _assessment(self, unit: Unit, state: str, submitted_on: date | None) -> None:
        group = group_of(unit)
        nodes = self.nodes_by_group[group]
        field_of = par_catalogue.field_of(nodes)
        parents = {n.parent_id for n in nodes}
        leaves = [n for n in nodes if n.id not in parents]
        scorer = _Scorer(f"{self.round.year}-{unit.code}")
        a = ParAssessment(round_id=self.round.id, unit_id=unit.id, unit_group=group)
        self.session.add(a)
        self.session.flush()
        if state == "draft_empty":
            return
        scored = leaves if state != "draft_partial" else [n for n in leaves if field_of[n.id].code in ("1", "2")]
        scores = {node.id: _ScoreRow(a.id, node.id, field_of[node.id].id, scorer.self_score(node),
                                     EXPLANATION if node.evidence_required else "") for node in scored}
        try:
            self._workflow(a, state, submitted_on, scores, scorer, nodes, leaves, field_of)
        finally:  # one multi-row INSERT: the ORM's unit of work is far slower for thousands of rows
            self.session.execute(sa.insert(ParScore), [vars(row) for row in scores.values()])

    def _workflow(self, a: ParAssessment, state: str, submitted_on: date, scores: dict, scorer: _Scorer,
                  nodes: list[ParCriterion], leaves: list[ParCriterion], field_of: dict) -> None:
        if state == "draft_partial":
            return
        fields = [n for n in nodes if n.parent_id is None]
        editor, assessor, council = self.editors[a.unit_id], self.actors["assessor"], self.actors["council"]
        deadline = self.round.self_deadline
        a.status, a.submitted_at, a.submitted_by_id = ParAssessmentStatus.SUBMITTED, _utc(submitted_on, 10), editor.id
        a.submitted_late = submitted_on > deadline
        self._event(a, ParEventKind.SUBMITTED, editor, a.submitted_at,
                    f"Nộp muộn {(submitted_on - deadline).days} ngày so với hạn." if a.submitted_late else None)
        appraised_fields = {
            "final": len(fields), "returned": len(fields), "appraised": len(fields), "partly_appraised": 3,
        }.get(state, 0)
        approved_fields = {"final": len(fields), "returned": len(fields) - 1}.get(state, 0)
        for index, top in enumerate(fields):
            review = ParFieldReview(field_id=top.id)
            a.fields.append(review)
            in_field = [n for n in leaves if field_of[n.id].id == top.id]
            if index < appraised_fields or state in ("evidence_requested", "evidence_answered"):
                for node in in_field:
                    s = scores[node.id]
                    s.appraised_score = scorer.appraised(node, s.self_score)
                    if s.appraised_score != s.self_score:
                        s.appraisal_comment = "Tài liệu kiểm chứng chưa thể hiện đầy đủ kết quả thực hiện."
            if index < appraised_fields:
                day = submitted_on + timedelta(days=7)
                review.status, review.appraised_by_id, review.appraised_at = (ParFieldStatus.APPRAISED, assessor.id,
                                                                              _utc(day, 15))
                total = sum((scores[n.id].appraised_score for n in in_field), Decimal(0))
                self._event(a, ParEventKind.APPRAISED, assessor, review.appraised_at,
                            f"Lĩnh vực {top.code}: {fmt_decimal(total)}/{fmt_decimal(top.max_score)} điểm.", top.id)
            if index < approved_fields:
                day = submitted_on + timedelta(days=14)
                for node in in_field:
                    scores[node.id].final_score = scores[node.id].appraised_score
                review.status, review.approved_by_id, review.approved_at = (ParFieldStatus.APPROVED, council.id,
                                                                            _utc(day, 16))
                self._event(a, ParEventKind.FIELD_APPROVED, council, review.approved_at,
                            f"Lĩnh vực {top.code} được phê duyệt.", top.id)
            elif state == "returned" and index == approved_fields:
                review.status = ParFieldStatus.RETURNED
                review.council_comment = ("Đề nghị Tổ giúp việc rà soát lại điểm tiêu chí về tỷ lệ hồ sơ giải quyết "
                                          "đúng hạn, đối chiếu số liệu trên Hệ thống thông tin giải quyết TTHC.")
                self._event(a, ParEventKind.FIELD_RETURNED, council, _utc(submitted_on + timedelta(days=14), 16),
                            f"Lĩnh vực {top.code}: {review.council_comment}", top.id)
        if approved_fields == len(fields):
            a.status = ParAssessmentStatus.FINAL
        if state in ("evidence_requested", "evidence_answered"):
            self._request(a, scores, fields, leaves, field_of, submitted_on, answered=state == "evidence_answered")

    def _request(self, a: ParAssessment, scores: dict, fields: list, leaves: list, field_of: dict,
                 submitted_on: date, *, answered: bool) -> None:
        third = [n for n in leaves if field_of[n.id].code == "3" and n.evidence_required][:2]
        day = submitted_on + timedelta(days=3)
        request = ParEvidenceRequest(assessment_id=a.id, requested_by_id=self.actors["assessor"].id,
                                     note="Đề nghị bổ sung văn bản, báo cáo chứng minh kết quả thực hiện.",
                                     deadline=local_today() + timedelta(days=5), created_at=_utc(day, 14))
        request.items = [ParEvidenceRequestItem(criterion_id=n.id) for n in third]
        self.session.add(request)
        codes = ", ".join(n.code for n in third)
        self._event(a, ParEventKind.EVIDENCE_REQUESTED, self.actors["assessor"], request.created_at,
                    f"Tiêu chí {codes}; hạn {request.deadline:%d/%m/%Y}. {request.note}")
        if answered:
            for item in request.items:
                item.answer = "Đơn vị bổ sung báo cáo kết quả thực hiện và danh sách hồ sơ kèm theo."
            request.status, request.answered_at = ParRequestStatus.ANSWERED, _utc(day + timedelta(days=2), 10)
            editor = self.editors[a.unit_id]
            request.answered_by_id = editor.id
            self._event(a, ParEventKind.EVIDENCE_ANSWERED, editor, request.answered_at, f"Tiêu chí {codes}.")

    def _event(self, a: ParAssessment, kind: ParEventKind, who: Account, at: datetime, text: str | None = None,
               field_id: int | None = None) -> None:
        """One line of the history, at the very moment its record carries (submitted_at, appraised_at, …)."""
        self.session.add(ParEvent(assessment_id=a.id, kind=kind, actor_id=who.id, actor_name=who.full_name,
                                  field_id=field_id, text=text, at=at))


def _existing_in(units: dict[str, Unit], year: int) -> list[Unit]:
    """The units assessed for a past year, in the order of their kind and name: today's departments that existed
    then, and the local governments of that year — before the 2025 reform a district and the commune-level town
    under it, each ranked with its own kind (seed 004 art. 7.1, 7.5)."""
    end = date(year, 12, 31)

    def existed(u: Unit) -> bool:
        return u.founded_on is not None and u.founded_on <= end and (u.ended_on is None or u.ended_on > end)

    out = [u for u in units.values() if existed(u) and (
        group_of(u) == ParUnitGroup.DEPARTMENT and u.status.value == "active"
        or group_of(u) in (ParUnitGroup.DISTRICT, ParUnitGroup.COMMUNE))]
    return sorted(out, key=lambda u: (group_of(u).value, u.name))


def _editors(units: dict[str, Unit], accounts: dict[str, Account]) -> dict[int, Account]:
    """Unit id -> the editor who submits for it: the unit's own; for a unit merged away (assessed in the years before
    the merger, with no account of its own today), the editor of the unit that took it over."""
    by_id = {u.id: u for u in units.values()}
    editors: dict[int, Account] = {}
    for unit in units.values():
        current = unit
        while current is not None and unit.id not in editors:
            try:
                editors[unit.id] = unit_editor(accounts, current)
            except StopIteration:
                current = by_id.get(current.successor_id) if current.successor_id else None
    return editors


def load_demo_par(session: Session, units: dict[str, Unit], accounts: dict[str, Account]) -> None:
    today = local_today()
    year = today.year
    trees = _trees(session, [year - 2, year - 1, year])
    actors = {"assessor": accounts["tgv.snv"], "council": accounts["hoidong.snv"]}
    taking_part = [u for u in units.values() if u.status.value == "active" and group_of(u) is not None]
    editors = _editors(units, accounts)
    taking_part.sort(key=lambda u: (group_of(u).value, u.name))
    assessed = {past: _existing_in(units, past) for past in (year - 2, year - 1)}
    admin = accounts["cchc.snv"]

    for past in (year - 2, year - 1):
        deadline = date(past + 1, 1, 15)
        round_ = ParRound(year=past, name=f"Xác định Chỉ số CCHC năm {past}", self_deadline=deadline,
                          appraisal_deadline=date(past + 1, 2, 10), council_deadline=date(past + 1, 2, 28),
                          status=ParRoundStatus.CLOSED, published_to_leaders=True, published_to_public=True,
                          created_by_id=admin.id)
        session.add(round_)
        session.flush()
        _members(round_, actors["assessor"], actors["council"])
        builder = _Builder(session, round_, {g: trees[(past, g)] for g in ParUnitGroup}, actors, editors)
        rng = random.Random(past)
        for unit in assessed[past]:  # the units of that year: before 2025 also the districts and their communes
            submitted = deadline + timedelta(days=rng.choice([-6, -3, -1, 0, 2]))
            builder.assessment(unit, "final", submitted)
        if past == year - 1:
            survey = ParComponent(name="Điều tra xã hội học (mức độ hài lòng)", max_score=Decimal(10), seq=1)
            round_.components.append(survey)
            session.flush()
            for unit in assessed[past]:
                session.add(ParComponentScore(component_id=survey.id, unit_id=unit.id,
                                              score=Decimal(rng.randint(600, 950)) / 100))

    current = ParRound(year=year, name=f"Xác định Chỉ số CCHC năm {year}", self_deadline=today + timedelta(days=10),
                       appraisal_deadline=today + timedelta(days=30), council_deadline=today + timedelta(days=45),
                       created_by_id=admin.id)
    session.add(current)
    session.flush()
    _members(current, actors["assessor"], actors["council"])
    current.components.append(ParComponent(name="Điều tra xã hội học (mức độ hài lòng)", max_score=Decimal(10),
                                           seq=1))
    builder = _Builder(session, current, {g: trees[(year, g)] for g in ParUnitGroup}, actors, editors)
    for unit in taking_part:
        state = STATES.get(unit.code, "draft_empty")
        submitted = today - timedelta(days=20 if state in ("final", "returned") else 9)
        builder.assessment(unit, state, submitted)
    session.flush()
