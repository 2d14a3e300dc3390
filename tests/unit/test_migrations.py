"""The Alembic migrations build exactly the schema the models describe (no forgotten column or index)."""
from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from lib.models import Base


def test_the_migrated_schema_matches_the_models(db_url):
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert differences == []
