"""The core's tables (units, accounts, log-in sessions, settings, calendar, attachments, audit log) and the shared
declarative base. Each module keeps its own tables in its package (lib/tasks/models.py, lib/par/models.py);
`lib.modules` imports them all, so that the metadata (Alembic, backup, demo reset) sees every table."""
from lib.core.models.accounts import Account, AccountRole, LoginSession
from lib.core.models.base import Base
from lib.core.models.org import Unit, UnitEvent
from lib.core.models.system import Attachment, AuditLog, CalendarOverride, Setting

__all__ = ["Account", "AccountRole", "Attachment", "AuditLog", "Base", "CalendarOverride", "LoginSession",
           "Setting", "Unit", "UnitEvent"]
