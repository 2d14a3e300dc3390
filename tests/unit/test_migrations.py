"""The Alembic migrations build exactly the schema the models describe (no forgotten column or index)."""
from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from lib.core.models import Base


def test_the_migrated_schema_matches_the_models(db_url):
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert differences == []


def _par_snapshot(engine: sa.Engine) -> tuple[dict, dict]:
    """Each assessment's group and scores by criterion code; the number of criteria per year and group."""
    with engine.connect() as conn:
        groups = dict(conn.execute(sa.text("SELECT id, unit_group FROM par_assessments")).all())
        scores: dict[int, set] = {}
        for row in conn.execute(sa.text(
                "SELECT s.assessment_id, c.code, c.unit_group, s.self_score, s.appraised_score, s.final_score, "
                "f.code FROM par_scores s JOIN par_criteria c ON c.id = s.criterion_id "
                "JOIN par_criteria f ON f.id = s.field_id")):
            scores.setdefault(row[0], set()).add(tuple(row[1:]))
        trees = dict(((year, group), n) for year, group, n in conn.execute(sa.text(
            "SELECT year, unit_group, count(*) FROM par_criteria GROUP BY year, unit_group")))
    return {a: (groups[a], scores.get(a, set())) for a in groups}, trees


def test_migration_0007_splits_the_local_group_and_keeps_every_score(demo_db):
    """Issue 8 item 11: a pilot's 'local' rounds become district and commune ones (each assessment by its unit's
    kind, scored on its own kind's tree), with the same scores; the downgrade merges them back."""
    from alembic import command

    from lib.core.db import alembic_config

    before, trees = _par_snapshot(demo_db)
    assert {g for g, _ in before.values()} == {"department", "district", "commune"}
    command.downgrade(alembic_config(demo_db), "0006")
    merged, merged_trees = _par_snapshot(demo_db)
    assert {g for g, _ in merged.values()} == {"department", "local"}
    assert all(g == "department" for year, g in merged_trees if g != "local")
    command.upgrade(alembic_config(demo_db), "head")
    after, after_trees = _par_snapshot(demo_db)
    assert after == before
    assert after_trees == trees
