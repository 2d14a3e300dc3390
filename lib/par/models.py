"""Module Chỉ số CCHC (seed 004): the criteria tree per year and kind of unit, rounds, each unit's assessment
(self-assessment → appraisal → council approval), evidence requests, other score components, history."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lib.par.enums import (ParAssessmentStatus, ParEventKind, ParFieldStatus, ParMemberKind, ParRequestStatus,
                           ParRoundStatus, ParUnitGroup, ScoringMethod)
from lib.core.models.base import Base, Timestamped, Versioned, utcnow
from lib.core.models.types import NFCText, Points, enum_type


class ParCriterion(Timestamped, Base):
    """A node of the criteria tree: lĩnh vực (level 1) → tiêu chí (2) → tiêu chí thành phần (3).

    Leaves are scored (`method`); a parent's maximum is the sum of its children's."""

    __tablename__ = "par_criteria"
    __table_args__ = (sa.UniqueConstraint("year", "unit_group", "code", name="uq_par_criteria_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    unit_group: Mapped[ParUnitGroup] = mapped_column(enum_type(ParUnitGroup))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("par_criteria.id"), index=True)
    level: Mapped[int]
    code: Mapped[str] = mapped_column(sa.String(20))     # "3", "3.2", "3.2.1"
    sort_key: Mapped[str] = mapped_column(sa.String(40))  # "003.002.001": codes in numeric order
    name: Mapped[str] = mapped_column(NFCText())
    max_score: Mapped[Decimal] = mapped_column(Points())
    guidance: Mapped[str] = mapped_column(NFCText(), default="")
    method: Mapped[ScoringMethod | None] = mapped_column(enum_type(ScoringMethod))
    step: Mapped[Decimal | None] = mapped_column(Points())
    levels: Mapped[list | None] = mapped_column(sa.JSON)  # [["0", "Không thực hiện"], ["0.5", "…"], …]
    evidence_required: Mapped[bool] = mapped_column(default=False)


class ParRound(Timestamped, Versioned, Base):
    """A year's assessment round (đợt đánh giá) for a set of units."""

    __tablename__ = "par_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    self_deadline: Mapped[date]
    appraisal_deadline: Mapped[date | None]   # Tổ giúp việc finishes every field (seed 004 art. 7.3)
    council_deadline: Mapped[date | None]     # Hội đồng thẩm định approves every field (art. 7.4)
    status: Mapped[ParRoundStatus] = mapped_column(enum_type(ParRoundStatus), default=ParRoundStatus.OPEN)
    published_to_leaders: Mapped[bool] = mapped_column(default=False)
    published_to_public: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))

    members: Mapped[list["ParRoundMember"]] = relationship(cascade="all, delete-orphan")
    components: Mapped[list["ParComponent"]] = relationship(cascade="all, delete-orphan",
                                                            order_by="ParComponent.seq")


class ParRoundMember(Base):
    """A member of the assistance team or of the council, for one field (by its code) of a round."""

    __tablename__ = "par_round_members"
    __table_args__ = (sa.UniqueConstraint("round_id", "field_code", "account_id", "kind",
                                          name="uq_par_round_members_member"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("par_rounds.id"), index=True)
    field_code: Mapped[str] = mapped_column(sa.String(20))
    account_id: Mapped[int] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
    kind: Mapped[ParMemberKind] = mapped_column(enum_type(ParMemberKind))


class ParAssessment(Timestamped, Versioned, Base):
    """One unit's assessment in a round."""

    __tablename__ = "par_assessments"
    __table_args__ = (sa.UniqueConstraint("round_id", "unit_id", name="uq_par_assessments_unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("par_rounds.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    unit_group: Mapped[ParUnitGroup] = mapped_column(enum_type(ParUnitGroup))
    status: Mapped[ParAssessmentStatus] = mapped_column(enum_type(ParAssessmentStatus),
                                                        default=ParAssessmentStatus.DRAFT)
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))
    submitted_late: Mapped[bool] = mapped_column(default=False)

    fields: Mapped[list["ParFieldReview"]] = relationship(cascade="all, delete-orphan")


class ParFieldReview(Versioned, Base):
    """The appraisal and approval of one field (lĩnh vực) of an assessment."""

    __tablename__ = "par_field_reviews"
    __table_args__ = (sa.UniqueConstraint("assessment_id", "field_id", name="uq_par_field_reviews_field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("par_assessments.id"), index=True)
    field_id: Mapped[int] = mapped_column(sa.ForeignKey("par_criteria.id"), index=True)
    status: Mapped[ParFieldStatus] = mapped_column(enum_type(ParFieldStatus), default=ParFieldStatus.WAITING)
    appraised_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))
    appraised_at: Mapped[datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))
    approved_at: Mapped[datetime | None]
    council_comment: Mapped[str] = mapped_column(NFCText(), default="")


class ParScore(Timestamped, Versioned, Base):
    """Self, appraised and final score of one scored criterion of an assessment."""

    __tablename__ = "par_scores"
    __table_args__ = (sa.UniqueConstraint("assessment_id", "criterion_id", name="uq_par_scores_criterion"),
                      sa.Index("ix_par_scores_field_sums", "assessment_id", "field_id", "self_score",
                               "appraised_score", "final_score"))

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("par_assessments.id"), index=True)
    criterion_id: Mapped[int] = mapped_column(sa.ForeignKey("par_criteria.id"), index=True)
    field_id: Mapped[int] = mapped_column(sa.ForeignKey("par_criteria.id"))  # its lĩnh vực, for sums by field
    self_score: Mapped[Decimal | None] = mapped_column(Points())
    explanation: Mapped[str] = mapped_column(NFCText(), default="")
    appraised_score: Mapped[Decimal | None] = mapped_column(Points())
    appraisal_comment: Mapped[str] = mapped_column(NFCText(), default="")
    final_score: Mapped[Decimal | None] = mapped_column(Points())


class ParEvidenceRequest(Timestamped, Versioned, Base):
    """An assessor's request for more evidence on named criteria, with a deadline (versioned: two editors of the
    unit answering at once, one wins and the other is told)."""

    __tablename__ = "par_evidence_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("par_assessments.id"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))
    note: Mapped[str] = mapped_column(NFCText(), default="")
    deadline: Mapped[date]
    status: Mapped[ParRequestStatus] = mapped_column(enum_type(ParRequestStatus), default=ParRequestStatus.OPEN)
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))

    items: Mapped[list["ParEvidenceRequestItem"]] = relationship(cascade="all, delete-orphan")


class ParEvidenceRequestItem(Base):
    __tablename__ = "par_evidence_request_items"
    __table_args__ = (sa.UniqueConstraint("request_id", "criterion_id", name="uq_par_evidence_request_items_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("par_evidence_requests.id"), index=True)
    criterion_id: Mapped[int] = mapped_column(sa.ForeignKey("par_criteria.id"), index=True)
    answer: Mapped[str | None] = mapped_column(NFCText())


class ParEvent(Base):
    """The history of an assessment: submission, corrections, appraisal, requests, council decisions."""

    __tablename__ = "par_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("par_assessments.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[ParEventKind] = mapped_column(enum_type(ParEventKind))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))
    actor_name: Mapped[str] = mapped_column(sa.String(150))
    field_id: Mapped[int | None] = mapped_column(sa.ForeignKey("par_criteria.id"))
    text: Mapped[str | None] = mapped_column(NFCText())


class ParComponent(Base):
    """A score component outside self-assessment (e.g. the sociological survey), with its own maximum."""

    __tablename__ = "par_components"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("par_rounds.id"), index=True)
    seq: Mapped[int] = mapped_column(default=1)
    name: Mapped[str] = mapped_column(sa.String(200))
    max_score: Mapped[Decimal] = mapped_column(Points())


class ParComponentScore(Timestamped, Versioned, Base):
    __tablename__ = "par_component_scores"
    __table_args__ = (sa.UniqueConstraint("component_id", "unit_id", name="uq_par_component_scores_unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(sa.ForeignKey("par_components.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    score: Mapped[Decimal] = mapped_column(Points())
    note: Mapped[str] = mapped_column(NFCText(), default="")
