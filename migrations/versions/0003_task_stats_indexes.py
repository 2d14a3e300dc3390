"""covering indexes for the leader's figures by period and by document

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 07:00:00
"""
from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_tasks_document_id", table_name="tasks")
    op.create_index("ix_tasks_document_stats", "tasks", ["document_id", "status", "deadline", "done_timeliness",
                                                         "long_term", "lead_unit_id", "issued_on"])
    op.create_index("ix_tasks_period_stats", "tasks", ["issued_on", "status", "deadline", "done_timeliness",
                                                       "done_on", "long_term", "lead_unit_id", "document_id"])


def downgrade() -> None:
    op.drop_index("ix_tasks_period_stats", table_name="tasks")
    op.drop_index("ix_tasks_document_stats", table_name="tasks")
    op.create_index("ix_tasks_document_id", "tasks", ["document_id"])
