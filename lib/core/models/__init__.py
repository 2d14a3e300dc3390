"""All models, imported here so that metadata (and Alembic) sees every table."""
from lib.models.accounts import Account, AccountRole, LoginSession
from lib.models.base import Base
from lib.models.leaders import Leader
from lib.models.org import Unit, UnitEvent
from lib.models.system import Attachment, AuditLog, CalendarOverride, Setting
from lib.models.par import (ParAssessment, ParComponent, ParComponentScore, ParCriterion, ParEvent,
                             ParEvidenceRequest, ParEvidenceRequestItem, ParFieldReview, ParRound,
                             ParRoundMember, ParScore)
from lib.models.tasks import DirectiveDocument, Task, TaskCoUnit, TaskEvent, TaskReport

__all__ = ["Account", "AccountRole", "Attachment", "AuditLog", "Base", "CalendarOverride", "DirectiveDocument",
           "Leader", "LoginSession",
           "ParAssessment", "ParComponent", "ParComponentScore", "ParCriterion", "ParEvent", "ParEvidenceRequest",
           "ParEvidenceRequestItem", "ParFieldReview", "ParRound", "ParRoundMember", "ParScore",
           "Setting", "Task", "TaskCoUnit", "TaskEvent", "TaskReport", "Unit", "UnitEvent"]
