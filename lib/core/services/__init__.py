"""The core's services: units, accounts, log-in, password policy, settings, calendar, attachments, audit log,
backup and first start. Each checks the caller's permission (lib.core.access) and owns its rules; modules hook
into them through the registries they expose (`units.MERGE_HANDLERS`, `attachments.READ_RULES`)."""
