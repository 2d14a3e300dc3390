"""What every module shares: configuration, database, the working-day calendar and periods, roles and scope
(access), the audit trail, attachments, formats, Vietnamese texts, errors, the shared enumerations, passwords, the
core tables and services (units, accounts, log-in, settings, calendar, backup, first start) and the demo province.

The core imports no module package (an import-linter contract in .importlinter, run by the tests)."""
