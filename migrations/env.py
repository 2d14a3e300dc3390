"""Alembic environment: the engine comes from the app (lib.db) or from DATABASE_URL."""
from __future__ import annotations

from alembic import context
from sqlalchemy.types import TypeDecorator

from lib.core import config as app_config
from lib.core.db import make_engine
from lib.core.models import Base
from lib import modules as _modules  # noqa: F401 - every module's tables in the metadata

target_metadata = Base.metadata


def render_item(type_, obj, autogen_context):  # noqa: ANN001, ANN201
    """Write the database type of our TypeDecorators, so migrations never import application code."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        impl = obj.impl if not isinstance(obj.impl, type) else obj.impl()
        return f"sa.{impl!r}"
    return False


def run_migrations() -> None:
    cfg = context.config
    engine = cfg.attributes.get("engine") or make_engine(app_config.database_url())
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # batch mode re-creates a table that other tables' rows point at: checked again at the end
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_item=render_item,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"Migration left rows pointing at missing rows: {broken[:5]}")
        connection.commit()
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


run_migrations()
