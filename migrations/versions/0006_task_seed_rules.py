"""tasks: seed fidelity (urgent entry, report documents, review lateness)

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_URGENCY = sa.Enum('normal', 'urgent', 'very_urgent', 'flash', name='urgency', native_enum=False, length=40)


def upgrade() -> None:
    with op.batch_alter_table('directive_documents', schema=None) as batch_op:
        batch_op.alter_column('number', existing_type=sa.String(length=10), nullable=True)
        batch_op.alter_column('symbol', existing_type=sa.String(length=60), nullable=True)
        batch_op.add_column(sa.Column('entry_basis', sa.String(length=20), nullable=True))
    with op.batch_alter_table('task_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('doc_time', sa.Time(), nullable=True))
        batch_op.add_column(sa.Column('doc_urgency', _URGENCY, server_default='normal', nullable=False))
        batch_op.add_column(sa.Column('entry_due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('entry_basis', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('entry_late_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('review_due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('review_late_days', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('task_reports', schema=None) as batch_op:
        for column in ('review_late_days', 'review_due_on', 'entry_late_days', 'entry_basis', 'entry_due_on',
                       'doc_urgency', 'doc_time'):
            batch_op.drop_column(column)
    # Opinion forms entered without a number get one back, unique per row, so that the column can be NOT NULL.
    op.execute("UPDATE directive_documents SET number = 'P' || CAST(id AS VARCHAR(9)), symbol = '' "
               "WHERE number IS NULL")
    with op.batch_alter_table('directive_documents', schema=None) as batch_op:
        batch_op.drop_column('entry_basis')
        batch_op.alter_column('symbol', existing_type=sa.String(length=60), nullable=False)
        batch_op.alter_column('number', existing_type=sa.String(length=10), nullable=False)
