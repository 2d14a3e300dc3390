"""Chỉ số CCHC: seed fidelity (unit kinds, deadlines, corrections, versions)

- Three kinds of unit ranked separately (seed 004 art. 7.1, 7.5): the former group "local" (UBND cấp huyện, cấp
  xã) becomes "district" and "commune". Each assessment takes its unit's kind; each local criteria tree is kept as
  the district's tree and copied as the commune's, so that a pilot's rounds keep their scores.
- Rounds get the appraisal and the council's deadlines (art. 7.2–7.4).
- Evidence requests get a version column (optimistic locking: two editors answering at once).

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

criteria = sa.table(
    'par_criteria', sa.column('id', sa.Integer), sa.column('year', sa.Integer), sa.column('unit_group', sa.String),
    sa.column('parent_id', sa.Integer), sa.column('level', sa.Integer), sa.column('code', sa.String),
    sa.column('sort_key', sa.String), sa.column('name', sa.Text), sa.column('max_score', sa.Integer),
    sa.column('guidance', sa.Text), sa.column('method', sa.String), sa.column('step', sa.Integer),
    sa.column('levels', sa.JSON), sa.column('evidence_required', sa.Boolean),
    sa.column('created_at', sa.DateTime(timezone=True)), sa.column('updated_at', sa.DateTime(timezone=True)),
)
assessments = sa.table('par_assessments', sa.column('id', sa.Integer), sa.column('unit_id', sa.Integer),
                       sa.column('unit_group', sa.String))
units = sa.table('units', sa.column('id', sa.Integer), sa.column('kind', sa.String))
scores = sa.table('par_scores', sa.column('assessment_id', sa.Integer), sa.column('criterion_id', sa.Integer),
                  sa.column('field_id', sa.Integer))
reviews = sa.table('par_field_reviews', sa.column('assessment_id', sa.Integer), sa.column('field_id', sa.Integer))
request_items = sa.table('par_evidence_request_items', sa.column('request_id', sa.Integer),
                         sa.column('criterion_id', sa.Integer))
requests = sa.table('par_evidence_requests', sa.column('id', sa.Integer), sa.column('assessment_id', sa.Integer))
events = sa.table('par_events', sa.column('assessment_id', sa.Integer), sa.column('field_id', sa.Integer))


def _copy_local_trees_for_communes(conn: sa.Connection) -> dict[int, int]:
    """Every 'local' node copied as a 'commune' node (parents first); returns old id → new id."""
    rows = conn.execute(sa.select(criteria).where(criteria.c.unit_group == 'local')
                        .order_by(criteria.c.level, criteria.c.id)).mappings().all()
    new_ids: dict[int, int] = {}
    for row in rows:
        values = {k: v for k, v in row.items() if k != 'id'}
        values['unit_group'] = 'commune'
        values['parent_id'] = new_ids.get(row['parent_id']) if row['parent_id'] is not None else None
        new_ids[row['id']] = conn.execute(sa.insert(criteria).values(**values).returning(criteria.c.id)).scalar_one()
    return new_ids


def _move_commune_assessments(conn: sa.Connection, new_ids: dict[int, int]) -> None:
    """A commune's assessment is scored on the commune tree: its rows point at the copied nodes."""
    commune_assessments = [a for a, in conn.execute(
        sa.select(assessments.c.id).join(units, units.c.id == assessments.c.unit_id)
        .where(assessments.c.unit_group == 'local', units.c.kind == 'commune'))]
    if not commune_assessments:
        return
    commune_requests = [r for r, in conn.execute(sa.select(requests.c.id).where(
        requests.c.assessment_id.in_(commune_assessments)))]
    for old, new in new_ids.items():
        conn.execute(sa.update(scores).where(scores.c.assessment_id.in_(commune_assessments),
                                             scores.c.criterion_id == old).values(criterion_id=new))
        conn.execute(sa.update(scores).where(scores.c.assessment_id.in_(commune_assessments),
                                             scores.c.field_id == old).values(field_id=new))
        conn.execute(sa.update(reviews).where(reviews.c.assessment_id.in_(commune_assessments),
                                              reviews.c.field_id == old).values(field_id=new))
        conn.execute(sa.update(events).where(events.c.assessment_id.in_(commune_assessments),
                                             events.c.field_id == old).values(field_id=new))
        if commune_requests:
            conn.execute(sa.update(request_items).where(request_items.c.request_id.in_(commune_requests),
                                                        request_items.c.criterion_id == old)
                         .values(criterion_id=new))
    conn.execute(sa.update(assessments).where(assessments.c.id.in_(commune_assessments))
                 .values(unit_group='commune'))


def upgrade() -> None:
    with op.batch_alter_table('par_rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('appraisal_deadline', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('council_deadline', sa.Date(), nullable=True))
    # The server default fills the rows of a pilot's database; it stays (removing it would make SQLite copy the
    # table, which its foreign keys refuse while rows point at it). The ORM always writes the version itself.
    with op.batch_alter_table('par_evidence_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))

    conn = op.get_bind()
    new_ids = _copy_local_trees_for_communes(conn)
    _move_commune_assessments(conn, new_ids)
    conn.execute(sa.update(assessments).where(assessments.c.unit_group == 'local').values(unit_group='district'))
    conn.execute(sa.update(criteria).where(criteria.c.unit_group == 'local').values(unit_group='district'))


def downgrade() -> None:
    """Communes and districts share the 'local' group again: commune assessments go back to the district tree of
    their year (same codes), the commune trees are dropped."""
    conn = op.get_bind()
    local = criteria.alias('local_tree')
    pairs = conn.execute(sa.select(criteria.c.id, local.c.id).join(local, sa.and_(
        local.c.year == criteria.c.year, local.c.code == criteria.c.code, local.c.unit_group == 'district'))
        .where(criteria.c.unit_group == 'commune')).all()
    back = {commune: district for commune, district in pairs}
    commune_assessments = [a for a, in conn.execute(sa.select(assessments.c.id).where(
        assessments.c.unit_group == 'commune'))]
    if commune_assessments:
        commune_requests = [r for r, in conn.execute(sa.select(requests.c.id).where(
            requests.c.assessment_id.in_(commune_assessments)))]
        for old, new in back.items():
            for table, column in ((scores, 'criterion_id'), (scores, 'field_id'), (reviews, 'field_id'),
                                  (events, 'field_id')):
                conn.execute(sa.update(table).where(table.c.assessment_id.in_(commune_assessments),
                                                    table.c[column] == old).values({column: new}))
            if commune_requests:
                conn.execute(sa.update(request_items).where(request_items.c.request_id.in_(commune_requests),
                                                            request_items.c.criterion_id == old)
                             .values(criterion_id=new))
    commune_nodes = conn.execute(sa.select(criteria.c.id).where(criteria.c.unit_group == 'commune')
                                 .order_by(criteria.c.level.desc())).scalars().all()
    for node in commune_nodes:  # children first (self-referencing parent_id)
        conn.execute(sa.delete(criteria).where(criteria.c.id == node))
    conn.execute(sa.update(assessments).where(assessments.c.unit_group.in_(['district', 'commune']))
                 .values(unit_group='local'))
    conn.execute(sa.update(criteria).where(criteria.c.unit_group == 'district').values(unit_group='local'))
    # ALTER TABLE … DROP COLUMN in place (SQLite 3.35+ too): a batch copy of a table other rows point at would be
    # refused by SQLite's foreign keys.
    op.drop_column('par_evidence_requests', 'version')
    op.drop_column('par_rounds', 'council_deadline')
    op.drop_column('par_rounds', 'appraisal_deadline')
