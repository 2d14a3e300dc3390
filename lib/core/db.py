"""Engine, sessions and schema upgrades. The only module that knows SQLite from PostgreSQL."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from lib.core import config

_engines: dict[str, sa.Engine] = {}
_lock = threading.Lock()
_upgraded: set[str] = set()


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache: aggregates over 100 000 tasks stay in memory
    cur.execute("PRAGMA mmap_size=268435456")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def make_engine(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def get_engine(url: str | None = None) -> sa.Engine:
    """One engine per database URL per process, schema upgraded to the newest migration on first use."""
    url = config.normalise_url(url or config.database_url())
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = make_engine(url)
        if url not in _upgraded:
            upgrade_schema(engine)
            _upgraded.add(url)
    return engine


def dispose_engines() -> None:
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _upgraded.clear()


def alembic_config(engine: sa.Engine):  # noqa: ANN201
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(config.ROOT, "migrations")))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade_schema(engine: sa.Engine) -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(Path(config.ROOT, "migrations"))).get_current_head() or ""


def current_revision(engine: sa.Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


_factories: dict[str, sessionmaker[Session]] = {}


def session_factory(engine: sa.Engine | None = None) -> sessionmaker[Session]:
    engine = engine or get_engine()
    key = engine.url.render_as_string(hide_password=False)
    factory = _factories.get(key)
    if factory is None or factory.kw.get("bind") is not engine:
        factory = _factories[key] = sessionmaker(bind=engine, expire_on_commit=False)
    return factory


@contextmanager
def session_scope(engine: sa.Engine | None = None) -> Iterator[Session]:
    """A unit of work: commit at the end, roll back on any error."""
    session = session_factory(engine)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def is_unique_violation(error: sa.exc.IntegrityError) -> bool:
    text = str(error.orig).lower()
    return "unique" in text or "duplicate key" in text


def year_month(column: sa.ColumnElement) -> sa.ColumnElement[str]:
    """'YYYY-MM' of a date column, on SQLite and PostgreSQL alike."""
    return sa.func.substr(sa.cast(column, sa.String), 1, 7)
