"""module Dự án đầu tư công: covering indexes for the disbursement figures (sums by year up to a month, cumulative by project)

Revision ID: 0013
Revises: 0012
"""
from __future__ import annotations

from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('disbursements', schema=None) as batch_op:
        batch_op.create_index('ix_disbursements_totals', ['year', 'month', 'project_id', 'source', 'amount'],
                              unique=False)
        batch_op.create_index('ix_disbursements_project_totals', ['project_id', 'year', 'month', 'amount'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('disbursements', schema=None) as batch_op:
        batch_op.drop_index('ix_disbursements_project_totals')
        batch_op.drop_index('ix_disbursements_totals')
