"""Chỉ số CCHC — one unit's assessment: self-assessment with evidence, appraisal by the assistance team (Tổ giúp
việc) field by field with requests for more evidence, approval by the council (Hội đồng thẩm định).

Who sees what (seed 004 art. 4): the unit and the levels above it (its parent units, the PAR administrator)
read and may correct the self-assessment while it is a draft; sibling units never see it; an assessor or a
council member sees only the fields assigned to them in that round; leaders see it once the round's results are
published to them. Anything else gets "not found", also for an id typed in a URL.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, vi
from lib.core.access import Actor, subtree_ids
from lib.core.calendar import local_today, to_local
from lib.par.enums import (ParAssessmentStatus, ParEventKind, ParFieldStatus, ParMemberKind, ParRequestStatus,
                           ParRoundStatus)
from lib.core.enums import Role, UnitKind
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.core.format import fmt_date, fmt_datetime, fmt_decimal
from lib.core.models import Account, Attachment, Unit
from lib.par.models import (ParAssessment, ParCriterion, ParEvent, ParEvidenceRequest, ParEvidenceRequestItem,
                            ParFieldReview, ParRound, ParRoundMember, ParScore)
from lib.core.models.base import utcnow
from lib.core.services import attachments
from lib.par import catalogue as par_catalogue, rounds as par_rounds
from lib.par.catalogue import check_score
from lib.core.text import nfc

OWNER_EVIDENCE = "par_score"
UNIT_WRITER_ROLES = (Role.UNIT_EDITOR, Role.UNIT_ADMIN)
UNIT_ROLES = (Role.UNIT_EDITOR, Role.UNIT_ADMIN, Role.UNIT_VIEWER)
WIDE_READERS = (Role.PAR_ADMIN, Role.SYSTEM_ADMIN)


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


@dataclass
class Entry:
    """What a person typed for one criterion: a score (None = not yet) and a text."""

    score: object = None
    text: str = ""


# ---------------------------------------------------------------- who may see and do what

@dataclass(frozen=True)
class Access:
    """The actor's relation to one assessment."""

    unit_side: bool                    # the unit itself or a level above it (or the PAR administrator)
    writer: bool                       # may write the self-assessment (not a read-only account)
    all_fields: bool                   # reads every field
    assessor_fields: frozenset[str]    # field codes the actor appraises in this round
    council_fields: frozenset[str]     # field codes the actor approves in this round

    @property
    def readable_fields(self) -> frozenset[str] | None:
        """None = all fields."""
        return None if self.all_fields else self.assessor_fields | self.council_fields


def access(session: Session, actor: Actor, assessment: ParAssessment) -> Access | None:
    """How the actor relates to the assessment, or None when they may not see it at all."""
    round_ = session.get(ParRound, assessment.round_id)
    memberships = session.execute(sa.select(ParRoundMember.field_code, ParRoundMember.kind).where(
        ParRoundMember.round_id == round_.id, ParRoundMember.account_id == actor.id)).all()
    if memberships and not _member_reaches(session, actor, assessment):
        memberships = []
    assessor = frozenset(code for code, kind in memberships if kind == ParMemberKind.ASSESSOR
                         and actor.has(Role.PAR_ASSESSOR))
    council = frozenset(code for code, kind in memberships if kind == ParMemberKind.COUNCIL
                        and actor.has(Role.PAR_COUNCIL))
    if actor.has(*WIDE_READERS):
        return Access(True, actor.has(Role.PAR_ADMIN), True, assessor, council)
    if actor.has(*UNIT_ROLES) and assessment.unit_id in subtree_ids(session, actor.unit_id):
        return Access(True, actor.has(*UNIT_WRITER_ROLES), True, assessor, council)
    if actor.has(Role.LEADER) and round_.published_to_leaders:
        return Access(False, False, True, assessor, council)
    if assessor or council:
        return Access(False, False, False, assessor, council)
    return None


def appraising_district(session: Session, unit_id: int) -> int | None:
    """The district whose team and council appraise this unit: the nearest district above a commune (seed 004
    art. 7.5, Hội đồng thẩm định cấp xã do Chủ tịch UBND cấp huyện thành lập); None where the province appraises
    (departments, districts, communes directly under the province)."""
    unit = session.get(Unit, unit_id)
    if unit is None or unit.kind != UnitKind.COMMUNE:
        return None
    seen: set[int] = set()
    parent = session.get(Unit, unit.parent_id) if unit.parent_id else None
    while parent is not None and parent.id not in seen:
        if parent.kind == UnitKind.DISTRICT:
            return parent.id
        seen.add(parent.id)
        parent = session.get(Unit, parent.parent_id) if parent.parent_id else None
    return None


def member_reaches(session: Session, actor_unit_id: int | None, unit_id: int) -> bool:
    """Whether a member of a round's team or council (by their unit) appraises this unit: never their own unit;
    a district's members the communes below it only; the province's members every other unit — a commune under a
    district only where the province appraises it, i.e. never (seed 004 art. 7.3–7.5)."""
    if actor_unit_id == unit_id:
        return False
    own = session.get(Unit, actor_unit_id) if actor_unit_id is not None else None
    district = appraising_district(session, unit_id)
    if own is not None and own.kind == UnitKind.DISTRICT:
        return district == own.id
    return district is None


def _member_reaches(session: Session, actor: Actor, assessment: ParAssessment) -> bool:
    return member_reaches(session, actor.unit_id, assessment.unit_id)


def get(session: Session, actor: Actor, assessment_id: int) -> tuple[ParAssessment, Access]:
    assessment = session.get(ParAssessment, assessment_id)
    if assessment is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    relation = access(session, actor, assessment)
    if relation is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    return assessment, relation


def _open_round(session: Session, assessment: ParAssessment) -> ParRound:
    round_ = session.get(ParRound, assessment.round_id)
    par_rounds.require_open(round_)
    return round_


def _require_self_writer(relation: Access) -> None:
    if not relation.unit_side:
        raise PermissionDenied(vi.ERR_NO_PERMISSION)
    if not relation.writer:
        raise PermissionDenied(vi.TASK_READ_ONLY)


def _event(session: Session, actor: Actor, assessment: ParAssessment, kind: ParEventKind, *,
           field_id: int | None = None, text: str | None = None, at: datetime | None = None) -> None:
    session.add(ParEvent(assessment_id=assessment.id, kind=kind, actor_id=actor.id, actor_name=actor.full_name,
                         field_id=field_id, text=nfc(text) or None, at=at or utcnow()))


def _flush(session: Session) -> None:
    try:
        session.flush()
    except sa.orm.exc.StaleDataError as error:
        raise ConflictError(vi.ERR_STALE) from error


def _criteria(session: Session, assessment: ParAssessment) -> list[ParCriterion]:
    round_ = session.get(ParRound, assessment.round_id)
    return par_catalogue.tree(session, round_.year, assessment.unit_group)


def _field_ids(nodes: list[ParCriterion]) -> dict[int, int]:
    """criterion id → id of its field (lĩnh vực)."""
    return {criterion_id: top.id for criterion_id, top in par_catalogue.field_of(nodes).items()}


def _scores(session: Session, assessment: ParAssessment) -> dict[int, ParScore]:
    return {s.criterion_id: s for s in session.scalars(sa.select(ParScore).where(
        ParScore.assessment_id == assessment.id))}


def _score_row(session: Session, assessment: ParAssessment, scores: dict[int, ParScore], criterion: ParCriterion,
               field_id: int) -> ParScore:
    row = scores.get(criterion.id)
    if row is None:
        row = ParScore(assessment_id=assessment.id, criterion_id=criterion.id, field_id=field_id)
        session.add(row)
        scores[criterion.id] = row
    return row


def _evidence_counts(session: Session, score_ids: list[int]) -> dict[int, int]:
    if not score_ids:
        return {}
    return dict(session.execute(sa.select(Attachment.owner_id, sa.func.count()).where(
        Attachment.owner_type == OWNER_EVIDENCE, Attachment.owner_id.in_(score_ids),
        Attachment.withdrawn_at.is_(None)).group_by(Attachment.owner_id)).all())


def criterion_input(criterion_id: int) -> str:
    """The name of a criterion's score in a refusal's `fields` (the page shows the message under that input)."""
    return f"criterion-{criterion_id}"


def _refuse_all(errors: dict[int, str]) -> None:
    """Refuse every wrong score at once, each also named by its criterion (errors: criterion id -> message)."""
    if errors:
        raise ValidationError(" ".join(errors.values()),
                              fields={criterion_input(cid): message for cid, message in errors.items()})


def _checked_scores(session: Session, assessment: ParAssessment, values: dict[int, Any], *, blank_allowed: bool,
                    field_check: Callable[[ParCriterion], None] | None = None,
                    ) -> tuple[dict[int, ParCriterion], dict[int, int], dict[int, Decimal | None]]:
    """Every value checked against its criterion's rule before anything is written: a criterion that is not scored
    is not found, `field_check` (given the field's node) may refuse the field, and every wrong score is refused at
    once (`_refuse_all`). Returns the assessment's criteria by id, each criterion's field id, and the checked
    scores (None for a blank value where `blank_allowed`)."""
    nodes = _criteria(session, assessment)
    by_id = {n.id: n for n in nodes}
    scored = {n.id for n in par_catalogue.leaves(nodes)}
    fields = _field_ids(nodes)
    errors: dict[int, str] = {}
    checked: dict[int, Decimal | None] = {}
    for criterion_id, value in values.items():
        if criterion_id not in scored:
            raise NotFound(vi.ERR_NOT_FOUND)
        if field_check is not None:
            field_check(by_id[fields[criterion_id]])
        if blank_allowed and value in (None, ""):
            checked[criterion_id] = None
            continue
        try:
            checked[criterion_id] = check_score(by_id[criterion_id], value)
        except ValidationError as error:
            errors[criterion_id] = str(error)
    _refuse_all(errors)
    return by_id, fields, checked


# ---------------------------------------------------------------- self-assessment

def save_self(session: Session, actor: Actor, assessment_id: int, entries: dict[int, Entry],
              expected_version: int | None = None) -> None:
    """Keep the unit's draft: scores (each checked against its criterion's rule) and explanations. Every wrong
    score is named; nothing is saved unless all are acceptable."""
    assessment, relation = get(session, actor, assessment_id)
    _require_self_writer(relation)
    _open_round(session, assessment)
    if assessment.status != ParAssessmentStatus.DRAFT:
        raise ValidationError(vi.PAR_SUBMITTED_LOCKED.format(at=fmt_datetime(assessment.submitted_at)))
    if expected_version is not None and assessment.version != expected_version:
        raise ConflictError(vi.ERR_STALE)
    by_id, fields, checked = _checked_scores(session, assessment, {c: e.score for c, e in entries.items()},
                                             blank_allowed=True)
    audit.bind_actor(session, actor.id, actor.full_name)
    scores = _scores(session, assessment)
    corrected = []
    for criterion_id, entry in entries.items():
        row = scores.get(criterion_id)
        text = nfc(entry.text or "").strip()
        if row is None and checked[criterion_id] is None and not text:
            continue
        row = _score_row(session, assessment, scores, by_id[criterion_id], fields[criterion_id])
        if row.self_score != checked[criterion_id]:
            corrected.append(f"{by_id[criterion_id].code}: {fmt_decimal(row.self_score) or '—'} → "
                             f"{fmt_decimal(checked[criterion_id]) or '—'}")
            row.self_score = checked[criterion_id]
        if row.explanation != text:
            row.explanation = text
    if corrected and actor.unit_id != assessment.unit_id:  # a level above (or the PAR administrator) corrected
        _event(session, actor, assessment, ParEventKind.CORRECTED, text="Tiêu chí " + "; ".join(corrected) + ".")
    assessment.updated_at = utcnow()  # bumps the version: a second editor's stale form is refused
    _flush(session)


def add_evidence(session: Session, actor: Actor, assessment_id: int, criterion_id: int, upload: Upload) -> int:
    """Attach a file (tài liệu kiểm chứng) to a criterion: while the draft is open, or when an open request of the
    assessors names that criterion."""
    assessment, relation = get(session, actor, assessment_id)
    _require_self_writer(relation)
    _open_round(session, assessment)
    if assessment.status != ParAssessmentStatus.DRAFT and criterion_id not in _requested(session, assessment):
        raise ValidationError(vi.PAR_SUBMITTED_LOCKED.format(at=fmt_datetime(assessment.submitted_at)))
    nodes = _criteria(session, assessment)
    criterion = next((n for n in par_catalogue.leaves(nodes) if n.id == criterion_id), None)
    if criterion is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    audit.bind_actor(session, actor.id, actor.full_name)
    row = _score_row(session, assessment, _scores(session, assessment), criterion, _field_ids(nodes)[criterion_id])
    session.flush()
    return attachments.save_upload(session, actor, filename=upload.filename, data=upload.data,
                                   owner_type=OWNER_EVIDENCE, owner_id=row.id, unit_id=assessment.unit_id)


def remove_evidence(session: Session, actor: Actor, attachment_id: int) -> None:
    """Withdraw a file from a draft (it stays in the store and in the audit trail)."""
    row = session.get(Attachment, attachment_id)
    if row is None or row.owner_type != OWNER_EVIDENCE:
        raise NotFound(vi.ERR_NOT_FOUND)
    score = session.get(ParScore, row.owner_id)
    assessment, relation = get(session, actor, score.assessment_id)
    _require_self_writer(relation)
    _open_round(session, assessment)
    if assessment.status != ParAssessmentStatus.DRAFT:
        raise ValidationError(vi.PAR_SUBMITTED_LOCKED.format(at=fmt_datetime(assessment.submitted_at)))
    audit.bind_actor(session, actor.id, actor.full_name)
    row.withdrawn_at = utcnow()
    session.flush()


def submit(session: Session, actor: Actor, assessment_id: int, now: datetime | None = None) -> None:
    """Hand the self-assessment to the assessors: every criterion scored; where evidence is required and none is
    attached, an explanation is required. The scores are locked; after the deadline it is marked late."""
    assessment, relation = get(session, actor, assessment_id)
    _require_self_writer(relation)
    round_ = _open_round(session, assessment)
    if assessment.status != ParAssessmentStatus.DRAFT:
        raise ValidationError(vi.PAR_SUBMITTED_LOCKED.format(at=fmt_datetime(assessment.submitted_at)))
    nodes = _criteria(session, assessment)
    scores = _scores(session, assessment)
    leaves = par_catalogue.leaves(nodes)
    missing = [n.code for n in leaves if scores.get(n.id) is None or scores[n.id].self_score is None]
    if missing:
        raise ValidationError(vi.PAR_MISSING_SCORES.format(codes=", ".join(missing)))
    evidence = _evidence_counts(session, [s.id for s in scores.values()])
    unexplained = [n.code for n in leaves if n.evidence_required and not evidence.get(scores[n.id].id)
                   and not scores[n.id].explanation.strip()]
    if unexplained:
        raise ValidationError(vi.PAR_EXPLANATION_REQUIRED.format(codes=", ".join(unexplained)))
    now = now or utcnow()
    audit.bind_actor(session, actor.id, actor.full_name)
    assessment.status = ParAssessmentStatus.SUBMITTED
    assessment.submitted_at, assessment.submitted_by_id = now, actor.id
    late_days = (to_local(now).date() - round_.self_deadline).days
    assessment.submitted_late = late_days > 0
    existing = {f.field_id for f in assessment.fields}
    for top in par_catalogue.fields_of(nodes):
        if top.id not in existing:
            assessment.fields.append(ParFieldReview(field_id=top.id))
    _event(session, actor, assessment, ParEventKind.SUBMITTED, at=now,
           text=f"Nộp muộn {late_days} ngày so với hạn {fmt_date(round_.self_deadline)}." if late_days > 0 else None)
    _flush(session)


def reopen(session: Session, actor: Actor, assessment_id: int, reason: str) -> None:
    """The PAR administrator gives a submitted self-assessment back to the unit (before any field is appraised)."""
    assessment, relation = get(session, actor, assessment_id)
    if not actor.has(Role.PAR_ADMIN):
        raise PermissionDenied(vi.ERR_NO_PERMISSION)
    _open_round(session, assessment)
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError(vi.TASK_REASON_REQUIRED)
    if assessment.status != ParAssessmentStatus.SUBMITTED or any(
            f.status != ParFieldStatus.WAITING for f in assessment.fields):
        raise ValidationError(vi.PAR_REOPEN_APPRAISED)
    audit.bind_actor(session, actor.id, actor.full_name)
    assessment.status = ParAssessmentStatus.DRAFT
    assessment.submitted_at = None
    _event(session, actor, assessment, ParEventKind.REOPENED, text=reason)
    _flush(session)


def may_correct_submitted(actor: Actor, relation: Access, assessment: ParAssessment) -> bool:
    """A level above the unit (its parent units' editors, the PAR administrator) corrects a submitted
    self-assessment (seed 004 art. 4.1: cấp trên được cập nhật, sửa đổi dữ liệu của cấp dưới); the unit itself
    does not once it has submitted (art. 4.3)."""
    return (relation.unit_side and relation.writer and actor.unit_id != assessment.unit_id
            and assessment.status == ParAssessmentStatus.SUBMITTED)


def correct_submitted(session: Session, actor: Actor, assessment_id: int, scores: dict[int, object], reason: str,
                      expected_version: int | None = None) -> None:
    """A level above corrects self-assessment scores after the submission, in fields the assistance team has not
    finished yet. The history says what changed, by whom and why (the unit reads it); the audit log keeps each
    score's old and new value."""
    assessment, relation = get(session, actor, assessment_id)
    _open_round(session, assessment)
    if not may_correct_submitted(actor, relation, assessment):
        if assessment.status == ParAssessmentStatus.DRAFT and relation.unit_side:
            raise ValidationError(vi.PAR_NOT_SUBMITTED)
        raise PermissionDenied(vi.PAR_CORRECT_HIGHER_ONLY if relation.unit_side else vi.ERR_NO_PERMISSION)
    if expected_version is not None and assessment.version != expected_version:
        raise ConflictError(vi.ERR_STALE)
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError(vi.PAR_CORRECT_REASON)
    def field_check(field_node: ParCriterion) -> None:
        _require_field_state(_field_review(assessment, field_node.id), field_node, APPRAISABLE,
                             "điều chỉnh điểm tự đánh giá")

    by_id, fields, checked = _checked_scores(session, assessment, scores, blank_allowed=False,
                                             field_check=field_check)
    audit.bind_actor(session, actor.id, actor.full_name)
    rows = _scores(session, assessment)
    changed = []
    for criterion_id, value in checked.items():
        row = _score_row(session, assessment, rows, by_id[criterion_id], fields[criterion_id])
        if row.self_score != value:
            changed.append(f"{by_id[criterion_id].code}: {fmt_decimal(row.self_score) or '—'} → {fmt_decimal(value)}")
            row.self_score = value
    if not changed:
        raise ValidationError(vi.PAR_CORRECT_NOTHING)
    _event(session, actor, assessment, ParEventKind.CORRECTED,
           text=f"Sau khi đơn vị nộp: tiêu chí {'; '.join(changed)}. Lý do: {reason}")
    assessment.updated_at = utcnow()  # bumps the version
    _flush(session)


# ---------------------------------------------------------------- appraisal by the assistance team

def _field_review(assessment: ParAssessment, field_id: int) -> ParFieldReview:
    review = next((f for f in assessment.fields if f.field_id == field_id), None)
    if review is None:
        raise ValidationError(vi.PAR_NOT_SUBMITTED)
    return review


def _require_assessor(session: Session, relation: Access, field_node: ParCriterion) -> None:
    if field_node.code not in relation.assessor_fields:
        raise PermissionDenied(vi.PAR_NOT_ASSIGNED.format(field=field_node.code))


def _require_field_state(review: ParFieldReview, field_node: ParCriterion, allowed: set[ParFieldStatus],
                         action: str) -> None:
    if review.status not in allowed:
        raise ValidationError(vi.PAR_FIELD_WRONG_STATE.format(field=field_node.code, status=review.status.label,
                                                              action=action))


APPRAISABLE = {ParFieldStatus.WAITING, ParFieldStatus.RETURNED}


def save_appraisal(session: Session, actor: Actor, assessment_id: int, entries: dict[int, Entry]) -> None:
    """The assessor's score and comment per criterion, in the fields assigned to them."""
    assessment, relation = get(session, actor, assessment_id)
    _open_round(session, assessment)
    if assessment.status == ParAssessmentStatus.DRAFT:
        raise ValidationError(vi.PAR_NOT_SUBMITTED)
    def field_check(field_node: ParCriterion) -> None:
        _require_assessor(session, relation, field_node)
        _require_field_state(_field_review(assessment, field_node.id), field_node, APPRAISABLE, "thẩm định")

    by_id, fields, checked = _checked_scores(session, assessment, {c: e.score for c, e in entries.items()},
                                             blank_allowed=True, field_check=field_check)
    audit.bind_actor(session, actor.id, actor.full_name)
    scores = _scores(session, assessment)
    for criterion_id, entry in entries.items():
        row = _score_row(session, assessment, scores, by_id[criterion_id], fields[criterion_id])
        text = nfc(entry.text or "").strip()
        if row.appraised_score != checked[criterion_id]:
            row.appraised_score = checked[criterion_id]
        if row.appraisal_comment != text:
            row.appraisal_comment = text
    _flush(session)


def _requested(session: Session, assessment: ParAssessment) -> set[int]:
    """Criteria named by a request still waiting for the unit's answer."""
    return set(session.scalars(sa.select(ParEvidenceRequestItem.criterion_id).join(ParEvidenceRequest).where(
        ParEvidenceRequest.assessment_id == assessment.id, ParEvidenceRequest.status == ParRequestStatus.OPEN)))


def request_evidence(session: Session, actor: Actor, assessment_id: int, criterion_ids: list[int],
                     deadline: date, note: str = "") -> int:
    """Ask the unit for more evidence on named criteria (in the assessor's fields), by a deadline."""
    assessment, relation = get(session, actor, assessment_id)
    _open_round(session, assessment)
    if assessment.status == ParAssessmentStatus.DRAFT:
        raise ValidationError(vi.PAR_NOT_SUBMITTED)
    if not criterion_ids:
        raise ValidationError(vi.PAR_REQUEST_EMPTY)
    if deadline < local_today():
        raise ValidationError(vi.PAR_REQUEST_DEADLINE)
    nodes = _criteria(session, assessment)
    by_id = {n.id: n for n in nodes}
    scored = {n.id for n in par_catalogue.leaves(nodes)}
    fields = _field_ids(nodes)
    for criterion_id in criterion_ids:
        if criterion_id not in scored:
            raise NotFound(vi.ERR_NOT_FOUND)
        field_node = by_id[fields[criterion_id]]
        _require_assessor(session, relation, field_node)
        _require_field_state(_field_review(assessment, field_node.id), field_node, APPRAISABLE,
                             "yêu cầu bổ sung tài liệu")
    audit.bind_actor(session, actor.id, actor.full_name)
    request = ParEvidenceRequest(assessment_id=assessment.id, requested_by_id=actor.id, deadline=deadline,
                                 note=nfc(note or "").strip())
    request.items = [ParEvidenceRequestItem(criterion_id=c) for c in dict.fromkeys(criterion_ids)]
    session.add(request)
    codes = ", ".join(by_id[c].code for c in dict.fromkeys(criterion_ids))
    _event(session, actor, assessment, ParEventKind.EVIDENCE_REQUESTED,
           text=f"Tiêu chí {codes}; hạn {fmt_date(deadline)}." + (f" {request.note}" if request.note else ""))
    _flush(session)
    return request.id


def _answered_meanwhile(session: Session, request: ParEvidenceRequest) -> ConflictError:
    """Another editor of the unit answered first: name them, so that the second knows whose answer stands."""
    session.refresh(request)
    if request.status != ParRequestStatus.ANSWERED:
        return ConflictError(vi.ERR_STALE)
    name = session.scalar(sa.select(Account.full_name).where(Account.id == request.answered_by_id)) or "người khác"
    return ConflictError(vi.PAR_REQUEST_ANSWERED_MEANWHILE.format(name=name, at=fmt_datetime(request.answered_at)))


def answer_request(session: Session, actor: Actor, request_id: int, answers: dict[int, str],
                   uploads: dict[int, list[Upload]] | None = None, now: datetime | None = None,
                   expected_version: int | None = None) -> None:
    """The unit answers a request on the named criteria only: a text, files, or both for each of them.

    `expected_version` is the request's version the form was built from: when two editors answer at once, the
    first wins and the second gets the conflict message (also when both reach the database together)."""
    request = session.get(ParEvidenceRequest, request_id)
    if request is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    assessment, relation = get(session, actor, request.assessment_id)
    _require_self_writer(relation)
    _open_round(session, assessment)
    if expected_version is not None and request.version != expected_version:
        raise _answered_meanwhile(session, request)
    if request.status != ParRequestStatus.OPEN:
        raise ValidationError(vi.PAR_REQUEST_CLOSED)
    uploads = uploads or {}
    nodes = _criteria(session, assessment)
    by_id = {n.id: n for n in nodes}
    asked = {item.criterion_id: item for item in request.items}
    for criterion_id in set(answers) | set(uploads):
        if criterion_id not in asked:
            node = by_id.get(criterion_id)
            raise ValidationError(vi.PAR_REQUEST_OTHER_CRITERION.format(code=node.code if node else criterion_id))
    for criterion_id in asked:
        if not nfc(answers.get(criterion_id) or "").strip() and not uploads.get(criterion_id):
            raise ValidationError(vi.PAR_ANSWER_EMPTY.format(code=by_id[criterion_id].code))
    now = now or utcnow()
    audit.bind_actor(session, actor.id, actor.full_name)
    scores = _scores(session, assessment)
    fields = _field_ids(nodes)
    for criterion_id, item in asked.items():
        item.answer = nfc(answers.get(criterion_id) or "").strip() or None
        row = _score_row(session, assessment, scores, by_id[criterion_id], fields[criterion_id])
        session.flush()
        for upload in uploads.get(criterion_id, []):
            attachments.save_upload(session, actor, filename=upload.filename, data=upload.data,
                                    owner_type=OWNER_EVIDENCE, owner_id=row.id, unit_id=assessment.unit_id)
    request.status, request.answered_at, request.answered_by_id = ParRequestStatus.ANSWERED, now, actor.id
    late = to_local(now).date() > request.deadline
    codes = ", ".join(by_id[c].code for c in asked)
    _event(session, actor, assessment, ParEventKind.EVIDENCE_ANSWERED, at=now,
           text=f"Tiêu chí {codes}." + (f" Trả lời sau hạn {fmt_date(request.deadline)}." if late else ""))
    try:
        session.flush()
    except sa.orm.exc.StaleDataError as error:
        session.rollback()
        raise _answered_meanwhile(session, request) from error


def finish_field(session: Session, actor: Actor, assessment_id: int, field_id: int,
                 expected_version: int | None = None, now: datetime | None = None) -> None:
    """The assessor hands a field to the council: every criterion appraised, no request left unanswered. After
    the round's appraisal deadline (seed 004 art. 7.3) the history says how late."""
    assessment, relation = get(session, actor, assessment_id)
    round_ = _open_round(session, assessment)
    nodes = _criteria(session, assessment)
    by_id = {n.id: n for n in nodes}
    field_node = by_id.get(field_id)
    if field_node is None or field_node.parent_id is not None:
        raise NotFound(vi.ERR_NOT_FOUND)
    _require_assessor(session, relation, field_node)
    review = _field_review(assessment, field_id)
    _require_field_state(review, field_node, APPRAISABLE, "hoàn thành thẩm định")
    if expected_version is not None and review.version != expected_version:
        raise ConflictError(vi.ERR_STALE)
    fields = _field_ids(nodes)
    scores = _scores(session, assessment)
    in_field = [n for n in par_catalogue.leaves(nodes) if fields[n.id] == field_id]
    missing = [n.code for n in in_field if scores.get(n.id) is None or scores[n.id].appraised_score is None]
    if missing:
        raise ValidationError(vi.PAR_FIELD_INCOMPLETE.format(field=field_node.code, codes=", ".join(missing)))
    open_requests = session.scalars(sa.select(ParEvidenceRequest).where(
        ParEvidenceRequest.assessment_id == assessment.id, ParEvidenceRequest.status == ParRequestStatus.OPEN))
    for request in open_requests:
        if any(fields.get(i.criterion_id) == field_id for i in request.items):
            raise ValidationError(vi.PAR_FIELD_OPEN_REQUEST.format(field=field_node.code,
                                                                   deadline=fmt_date(request.deadline)))
    now = now or utcnow()
    audit.bind_actor(session, actor.id, actor.full_name)
    review.status, review.appraised_by_id, review.appraised_at = ParFieldStatus.APPRAISED, actor.id, now
    total = sum((scores[n.id].appraised_score for n in in_field), Decimal(0))
    _event(session, actor, assessment, ParEventKind.APPRAISED, field_id=field_id, at=now,
           text=f"Lĩnh vực {field_node.code}: {fmt_decimal(total)}/{fmt_decimal(field_node.max_score)} điểm."
           + _lateness(vi.PAR_APPRAISED_LATE, round_.appraisal_deadline, now))
    _flush(session)


def _lateness(template: str, deadline: date | None, at: datetime) -> str:
    days = par_rounds.late_days(deadline, at)
    return " " + template.format(days=days, deadline=fmt_date(deadline)) if days else ""


# ---------------------------------------------------------------- approval by the council

def _council_field(session: Session, actor: Actor, assessment_id: int, field_id: int, expected_version: int | None,
                   action: str) -> tuple[ParAssessment, ParFieldReview, ParCriterion, list[ParCriterion]]:
    assessment, relation = get(session, actor, assessment_id)
    _open_round(session, assessment)
    nodes = _criteria(session, assessment)
    field_node = next((n for n in nodes if n.id == field_id and n.parent_id is None), None)
    if field_node is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    if field_node.code not in relation.council_fields:
        raise PermissionDenied(vi.PAR_NOT_COUNCIL.format(field=field_node.code))
    review = _field_review(assessment, field_id)
    if expected_version is not None and review.version != expected_version:
        raise ConflictError(_decided_message(session, review, field_node))
    _require_field_state(review, field_node, {ParFieldStatus.APPRAISED}, action)
    return assessment, review, field_node, nodes


def _decided_message(session: Session, review: ParFieldReview, field_node: ParCriterion) -> str:
    session.refresh(review)
    return (f"Lĩnh vực {field_node.code} vừa được người khác xử lý (trạng thái hiện tại: «{review.status.label}»). "
            "Quyết định của bạn chưa được lưu.")


def approve_field(session: Session, actor: Actor, assessment_id: int, field_id: int,
                  expected_version: int | None = None, now: datetime | None = None) -> None:
    """The appraised scores of the field become final and locked. After the round's deadline for the council
    (seed 004 art. 7.4) the history says how late."""
    assessment, review, field_node, nodes = _council_field(session, actor, assessment_id, field_id,
                                                           expected_version, "phê duyệt")
    now = now or utcnow()
    deadline = session.get(ParRound, assessment.round_id).council_deadline
    audit.bind_actor(session, actor.id, actor.full_name)
    fields = _field_ids(nodes)
    for row in _scores(session, assessment).values():
        if fields.get(row.criterion_id) == field_id and row.final_score != row.appraised_score:
            row.final_score = row.appraised_score
    review.status, review.approved_by_id, review.approved_at = ParFieldStatus.APPROVED, actor.id, now
    review.council_comment = ""
    _event(session, actor, assessment, ParEventKind.FIELD_APPROVED, field_id=field_id, at=now,
           text=f"Lĩnh vực {field_node.code} được phê duyệt." + _lateness(vi.PAR_APPROVED_LATE, deadline, now))
    if all(f.status == ParFieldStatus.APPROVED for f in assessment.fields):
        assessment.status = ParAssessmentStatus.FINAL
    _flush(session)


def return_field(session: Session, actor: Actor, assessment_id: int, field_id: int, comment: str,
                 expected_version: int | None = None) -> None:
    """Send the field back to the assessor with the council's comment."""
    comment = nfc(comment or "").strip()
    if not comment:
        raise ValidationError(vi.PAR_COMMENT_REQUIRED)
    assessment, review, field_node, _ = _council_field(session, actor, assessment_id, field_id, expected_version,
                                                       "trả lại")
    audit.bind_actor(session, actor.id, actor.full_name)
    review.status, review.council_comment = ParFieldStatus.RETURNED, comment
    _event(session, actor, assessment, ParEventKind.FIELD_RETURNED, field_id=field_id,
           text=f"Lĩnh vực {field_node.code}: {comment}")
    _flush(session)


# ---------------------------------------------------------------- what a page shows

@dataclass
class EvidenceFile:
    id: int
    name: str
    uploaded_at: datetime


@dataclass
class CriterionView:
    id: int
    code: str
    name: str
    level: int
    max_score: Decimal
    scored: bool                      # a leaf (tiêu chí thành phần, or a criterion without children)
    criterion: ParCriterion
    self_score: Decimal | None = None
    explanation: str = ""
    appraised_score: Decimal | None = None
    appraisal_comment: str = ""
    final_score: Decimal | None = None
    evidence: list[EvidenceFile] = field(default_factory=list)
    requested: bool = False          # named by an open request


@dataclass
class FieldView:
    id: int
    code: str
    name: str
    max_score: Decimal
    status: ParFieldStatus | None
    version: int | None
    council_comment: str
    rows: list[CriterionView]
    self_total: Decimal
    appraised_total: Decimal | None
    final_total: Decimal | None
    can_appraise: bool
    can_approve: bool
    appraisal_late_days: int = 0     # finished (or, unfinished, today) after the round's appraisal deadline
    approval_late_days: int = 0      # approved (or, not yet, today) after the council's deadline


@dataclass
class RequestView:
    id: int
    version: int
    status: ParRequestStatus
    deadline: date
    note: str
    codes: list[str]
    criterion_ids: list[int]
    answers: dict[str, str]
    created_at: datetime
    answered_at: datetime | None


@dataclass
class AssessmentView:
    id: int
    version: int
    round_id: int
    round_name: str
    year: int
    deadline: date
    round_open: bool
    unit_id: int
    unit_name: str
    group_label: str
    status: ParAssessmentStatus
    submitted_at: datetime | None
    submitted_late: bool
    can_edit_self: bool
    can_answer: bool
    fields: list[FieldView]
    requests: list[RequestView]
    history: list[tuple[datetime, str, str, str]]     # when, who, what, details
    appraisal_deadline: date | None = None
    council_deadline: date | None = None
    can_correct: bool = False                          # a level above may correct the submitted scores


def view(session: Session, actor: Actor, assessment_id: int) -> AssessmentView:
    """The assessment as the actor may see it (only their fields for an assessor or a council member)."""
    assessment, relation = get(session, actor, assessment_id)
    round_ = session.get(ParRound, assessment.round_id)
    unit = session.get(Unit, assessment.unit_id)
    nodes = _criteria(session, assessment)
    fields = _field_ids(nodes)
    scored = {n.id for n in par_catalogue.leaves(nodes)}
    scores = _scores(session, assessment)
    files: dict[int, list[EvidenceFile]] = {}
    score_by_id = {s.id: s for s in scores.values()}
    if score_by_id:
        for a in session.scalars(sa.select(Attachment).where(
                Attachment.owner_type == OWNER_EVIDENCE, Attachment.owner_id.in_(list(score_by_id)),
                Attachment.withdrawn_at.is_(None)).order_by(Attachment.id)):
            files.setdefault(score_by_id[a.owner_id].criterion_id, []).append(EvidenceFile(a.id, a.name,
                                                                                           a.uploaded_at))
    requested = _requested(session, assessment)
    readable = relation.readable_fields
    reviews = {f.field_id: f for f in assessment.fields}
    round_open = round_.status == ParRoundStatus.OPEN
    out_fields: list[FieldView] = []
    for top in par_catalogue.fields_of(nodes):
        if readable is not None and top.code not in readable:
            continue
        rows = []
        for node in nodes:
            if fields[node.id] != top.id or node.id == top.id:
                continue
            s = scores.get(node.id)
            rows.append(CriterionView(
                node.id, node.code, node.name, node.level, node.max_score, node.id in scored, node,
                s.self_score if s else None, s.explanation if s else "", s.appraised_score if s else None,
                s.appraisal_comment if s else "", s.final_score if s else None, files.get(node.id, []),
                node.id in requested))
        review = reviews.get(top.id)
        status = review.status if review else None
        if _appraisal_hidden(actor, relation, top, status):
            for r in rows:
                r.appraised_score, r.appraisal_comment = None, ""
        leaf_rows = [r for r in rows if r.scored]
        out_fields.append(FieldView(
            top.id, top.code, top.name, top.max_score, status, review.version if review else None,
            review.council_comment if review else "", rows,
            sum((r.self_score or Decimal(0) for r in leaf_rows), Decimal(0)),
            _total(leaf_rows, "appraised_score"), _total(leaf_rows, "final_score"),
            round_open and top.code in relation.assessor_fields and status in APPRAISABLE,
            round_open and top.code in relation.council_fields and status == ParFieldStatus.APPRAISED,
            *_field_lateness(round_, review)))
    by_id = {n.id: n for n in nodes}
    requests = [RequestView(r.id, r.version, r.status, r.deadline, r.note,
                            [by_id[i.criterion_id].code for i in r.items], [i.criterion_id for i in r.items],
                            {by_id[i.criterion_id].code: i.answer or "" for i in r.items}, r.created_at,
                            r.answered_at)
                for r in session.scalars(sa.select(ParEvidenceRequest).where(
                    ParEvidenceRequest.assessment_id == assessment.id).order_by(ParEvidenceRequest.id))
                if readable is None or any(fields_code(by_id, fields, i.criterion_id) in readable for i in r.items)]
    history = [(e.at, e.actor_name, e.kind.label, e.text or "") for e in session.scalars(
        sa.select(ParEvent).where(ParEvent.assessment_id == assessment.id).order_by(ParEvent.at, ParEvent.id))
        if readable is None or e.field_id is None or by_id[e.field_id].code in readable]
    return AssessmentView(
        assessment.id, assessment.version, round_.id, round_.name, round_.year, round_.self_deadline, round_open,
        unit.id, unit.name, assessment.unit_group.label, assessment.status, assessment.submitted_at,
        assessment.submitted_late,
        round_open and relation.unit_side and relation.writer and assessment.status == ParAssessmentStatus.DRAFT,
        round_open and relation.unit_side and relation.writer and bool(requested),
        out_fields, requests, history, round_.appraisal_deadline, round_.council_deadline,
        round_open and may_correct_submitted(actor, relation, assessment))


def _field_lateness(round_: ParRound, review: ParFieldReview | None) -> tuple[int, int]:
    """Days late of the appraisal and of the approval of a field (seed 004 art. 7.3, 7.4): at the moment it was
    done, or today while it is still waiting."""
    if review is None:
        return 0, 0
    if review.status in APPRAISABLE or review.appraised_at is None:
        appraised = par_rounds.late_days(round_.appraisal_deadline)
    else:
        appraised = par_rounds.late_days(round_.appraisal_deadline, review.appraised_at)
    if review.status == ParFieldStatus.APPROVED:
        approved = par_rounds.late_days(round_.council_deadline, review.approved_at)
    else:
        approved = par_rounds.late_days(round_.council_deadline)
    return appraised, approved


def _appraisal_hidden(actor: Actor, relation: Access, field_node: ParCriterion,
                      status: ParFieldStatus | None) -> bool:
    """The unit sees the assessors' scores once they have finished the field, not while they are working on it."""
    if actor.has(*WIDE_READERS) or field_node.code in relation.assessor_fields | relation.council_fields:
        return False
    return relation.unit_side and status in (None, *APPRAISABLE)


def fields_code(by_id: dict[int, ParCriterion], fields: dict[int, int], criterion_id: int) -> str:
    return by_id[fields[criterion_id]].code


def _total(rows: list[CriterionView], attr: str) -> Decimal | None:
    values = [getattr(r, attr) for r in rows]
    return None if any(v is None for v in values) else sum(values, Decimal(0))


# ---------------------------------------------------------------- lists

@dataclass
class AssessmentRow:
    id: int
    round_name: str
    year: int
    unit_name: str
    status: ParAssessmentStatus
    deadline: date
    submitted_at: datetime | None
    submitted_late: bool
    open_requests: int
    round_open: bool = True
    can_write: bool = False          # the actor may self-assess and answer requests (not a read-only account)


def unit_assessments(session: Session, actor: Actor) -> list[AssessmentRow]:
    """The assessments of the actor's unit and the units below it (or all, for the PAR administrator)."""
    query = (sa.select(ParAssessment, ParRound, Unit.name).join(ParRound, ParRound.id == ParAssessment.round_id)
             .join(Unit, Unit.id == ParAssessment.unit_id))
    if not actor.has(*WIDE_READERS):
        if not actor.has(*UNIT_ROLES):
            return []
        query = query.where(ParAssessment.unit_id.in_(sorted(subtree_ids(session, actor.unit_id))))
    rows = session.execute(query.order_by(ParRound.year.desc(), Unit.name)).all()
    open_counts = dict(session.execute(sa.select(ParEvidenceRequest.assessment_id, sa.func.count()).where(
        ParEvidenceRequest.status == ParRequestStatus.OPEN).group_by(ParEvidenceRequest.assessment_id)).all())
    writer = actor.has(*UNIT_WRITER_ROLES, Role.PAR_ADMIN)
    return [AssessmentRow(a.id, r.name, r.year, name, a.status, r.self_deadline, a.submitted_at, a.submitted_late,
                          open_counts.get(a.id, 0), r.status == ParRoundStatus.OPEN,
                          writer and r.status == ParRoundStatus.OPEN) for a, r, name in rows]


@dataclass
class QueueRow:
    assessment_id: int
    round_name: str
    unit_name: str
    field_id: int
    field_code: str
    field_name: str
    status: ParFieldStatus
    submitted_at: datetime | None
    open_request: bool
    deadline: date | None = None      # the round's deadline for this step (appraisal or approval)
    late_days: int = 0                # days past it today (0: not late)


def _queue(session: Session, actor: Actor, kind: ParMemberKind, statuses: set[ParFieldStatus]) -> list[QueueRow]:
    member = sa.select(ParRoundMember.round_id, ParRoundMember.field_code).where(
        ParRoundMember.account_id == actor.id, ParRoundMember.kind == kind).subquery()
    deadline = ParRound.appraisal_deadline if kind == ParMemberKind.ASSESSOR else ParRound.council_deadline
    query = (sa.select(ParAssessment.id, ParRound.name, Unit.name, ParCriterion.id, ParCriterion.code,
                       ParCriterion.name, ParFieldReview.status, ParAssessment.submitted_at, ParAssessment.unit_id,
                       deadline)
             .join(ParFieldReview, ParFieldReview.assessment_id == ParAssessment.id)
             .join(ParCriterion, ParCriterion.id == ParFieldReview.field_id)
             .join(ParRound, ParRound.id == ParAssessment.round_id)
             .join(Unit, Unit.id == ParAssessment.unit_id)
             .join(member, sa.and_(member.c.round_id == ParRound.id, member.c.field_code == ParCriterion.code))
             .where(ParRound.status == ParRoundStatus.OPEN, ParFieldReview.status.in_(list(statuses)))
             .order_by(ParAssessment.submitted_at, Unit.name, ParCriterion.sort_key))
    own = session.get(Unit, actor.unit_id)
    if own is not None and own.kind == UnitKind.DISTRICT:  # a district's team: the communes below it only
        query = query.where(ParAssessment.unit_id.in_(sorted(subtree_ids(session, own.id))))
    open_by_assessment = set(session.scalars(sa.select(ParEvidenceRequest.assessment_id).where(
        ParEvidenceRequest.status == ParRequestStatus.OPEN)))
    reaches: dict[int, bool] = {}
    rows = []
    for row in session.execute(query):
        unit_id, deadline = row[-2], row[-1]
        if unit_id not in reaches:
            reaches[unit_id] = member_reaches(session, actor.unit_id, unit_id)
        if reaches[unit_id]:
            rows.append(QueueRow(*row[:-2], open_request=row[0] in open_by_assessment, deadline=deadline,
                                 late_days=par_rounds.late_days(deadline)))
    return rows


def appraisal_queue(session: Session, actor: Actor) -> list[QueueRow]:
    """Fields waiting for the actor's appraisal (also those the council sent back), oldest submission first."""
    if not actor.has(Role.PAR_ASSESSOR):
        return []
    return _queue(session, actor, ParMemberKind.ASSESSOR, APPRAISABLE)


def council_queue(session: Session, actor: Actor) -> list[QueueRow]:
    if not actor.has(Role.PAR_COUNCIL):
        return []
    return _queue(session, actor, ParMemberKind.COUNCIL, {ParFieldStatus.APPRAISED})


def _register() -> None:
    def read_rule(session: Session, actor: Actor, row: Attachment) -> bool:
        score = session.get(ParScore, row.owner_id)
        if score is None:
            return False
        assessment = session.get(ParAssessment, score.assessment_id)
        relation = access(session, actor, assessment)
        if relation is None:
            return False
        readable = relation.readable_fields
        if readable is None:
            return True
        field_node = session.get(ParCriterion, score.field_id)
        return field_node is not None and field_node.code in readable

    attachments.READ_RULES[OWNER_EVIDENCE] = read_rule


_register()
