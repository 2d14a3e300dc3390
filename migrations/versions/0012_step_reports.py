"""module Dự án đầu tư công: step reports, on-time / late judgements with the investor's confirmation, reminders

Revision ID: 0012
Revises: 0011
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('project_step_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('reported_by_id', sa.Integer(), nullable=True),
    sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('progress_percent', sa.Integer(), nullable=False),
    sa.Column('finished_on', sa.Date(), nullable=True),
    sa.Column('advantages', sa.Text(), nullable=False),
    sa.Column('difficulties', sa.Text(), nullable=False),
    sa.Column('proposals', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('late_days', sa.Integer(), nullable=True),
    sa.CheckConstraint('progress_percent >= 0 AND progress_percent <= 100', name=op.f('ck_project_step_reports_percent_range')),
    sa.ForeignKeyConstraint(['reported_by_id'], ['accounts.id'], name=op.f('fk_project_step_reports_reported_by_id_accounts')),
    sa.ForeignKeyConstraint(['step_id'], ['project_steps.id'], name=op.f('fk_project_step_reports_step_id_project_steps')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_project_step_reports_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_step_reports'))
    )
    with op.batch_alter_table('project_step_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_step_reports_reported_by_id'), ['reported_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_step_reports_step_id'), ['step_id'], unique=False)
        batch_op.create_index('ix_project_step_reports_step_reported', ['step_id', 'reported_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_step_reports_unit_id'), ['unit_id'], unique=False)

    op.create_table('project_step_judgements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('software', 'confirmed', 'corrected', name='judgementkind', native_enum=False, length=40), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('finished_on', sa.Date(), nullable=False),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('late_days', sa.Integer(), nullable=False),
    sa.Column('responsible_unit_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['accounts.id'], name=op.f('fk_project_step_judgements_by_id_accounts')),
    sa.ForeignKeyConstraint(['responsible_unit_id'], ['units.id'], name=op.f('fk_project_step_judgements_responsible_unit_id_units')),
    sa.ForeignKeyConstraint(['step_id'], ['project_steps.id'], name=op.f('fk_project_step_judgements_step_id_project_steps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_step_judgements'))
    )
    with op.batch_alter_table('project_step_judgements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_step_judgements_by_id'), ['by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_step_judgements_responsible_unit_id'), ['responsible_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_step_judgements_step_id'), ['step_id'], unique=False)

    op.create_table('project_step_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('from_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('report_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['from_id'], ['accounts.id'], name=op.f('fk_project_step_reminders_from_id_accounts')),
    sa.ForeignKeyConstraint(['report_id'], ['project_step_reports.id'], name=op.f('fk_project_step_reminders_report_id_project_step_reports')),
    sa.ForeignKeyConstraint(['step_id'], ['project_steps.id'], name=op.f('fk_project_step_reminders_step_id_project_steps')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_project_step_reminders_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_step_reminders'))
    )
    with op.batch_alter_table('project_step_reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_step_reminders_from_id'), ['from_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_step_reminders_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_step_reminders_step_id'), ['step_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_step_reminders_unit_id'), ['unit_id'], unique=False)


def downgrade() -> None:
    op.drop_table('project_step_reminders')
    op.drop_table('project_step_judgements')
    op.drop_table('project_step_reports')
