"""Shared fixtures: a fresh, migrated database per test (SQLite by default, PostgreSQL with TEST_DATABASE_URL)."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

os.environ.setdefault("DONDOC_BCRYPT_ROUNDS", "4")  # bcrypt at full cost would make the suite crawl
os.environ.setdefault("DONDOC_DEBUG", "1")  # let app.py raise in tests instead of showing the friendly message

from lib.core import db as dbmod  # noqa: E402
from lib.core.config import attachments_dir, normalise_url  # noqa: E402
from lib.core.models import Base  # noqa: E402
from lib import modules as _modules  # noqa: E402,F401 - every module plugged into the core

PG_URL = os.environ.get("TEST_DATABASE_URL")


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _new_pg_schema(schema: str) -> tuple[sa.Engine, str]:
    """An empty schema on the PostgreSQL server (dropped first if left over), and the URL that works in it."""
    base = sa.create_engine(normalise_url(PG_URL))
    with base.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in PG_URL else "?"
    return base, normalise_url(f"{PG_URL}{separator}options=-csearch_path%3D{schema}")


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """SQLite: a migrated database file to copy. PostgreSQL: a migrated schema of this worker process (its pid in
    the name, so that two test runs on the same server never touch each other's tables), dropped at the end."""
    if PG_URL:
        schema = f"t_{_worker()}_{os.getpid()}"
        base, url = _new_pg_schema(schema)
        engine = dbmod.make_engine(url)
        dbmod.upgrade_schema(engine)
        engine.dispose()
        yield url
        dbmod.dispose_engines()
        with base.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        base.dispose()
        return
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = dbmod.make_engine(f"sqlite:///{path.as_posix()}")
    dbmod.upgrade_schema(engine)
    engine.dispose()
    yield str(path)


def _truncate_all(url: str) -> None:
    engine = sa.create_engine(url)
    names = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    engine.dispose()


@pytest.fixture
def db_url(template_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh database for this test; the app's own code (pages, CLI) is pointed at it too."""
    if PG_URL:
        _truncate_all(template_db)
        url = template_db
    else:
        target = tmp_path / "app.db"
        shutil.copy(template_db, target)
        url = f"sqlite:///{target.as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DONDOC_DATA_DIR", str(tmp_path / "data"))
    dbmod.dispose_engines()
    dbmod._upgraded.add(url)  # migrated already (template); skip Alembic's check on every test
    _clear_streamlit_caches()
    yield url
    dbmod.dispose_engines()
    _clear_streamlit_caches()


def _clear_streamlit_caches() -> None:
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def engine(db_url: str) -> sa.Engine:
    return dbmod.get_engine(db_url)


@pytest.fixture
def session(engine: sa.Engine) -> Iterator[sa.orm.Session]:
    """A session for arranging and asserting; tests commit explicitly where the code under test would."""
    factory = dbmod.session_factory(engine)
    s = factory()
    try:
        yield s
    finally:
        s.rollback()
        s.close()


_DEMO_FILES: list[Path] = []  # the demo's attachment store (its signed documents and reports), one per worker


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)  # blobs are content-addressed and never rewritten: a hard link is a safe copy
    except OSError:
        shutil.copy2(source, target)


@pytest.fixture(scope="session")
def demo_template(template_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo province loaded once per worker process: a database file (SQLite) or a schema (PostgreSQL) that
    each test's demo database is copied from, instead of loading the demo again for every test."""
    from lib.core import demo

    data_dir = tmp_path_factory.mktemp("demo-data")
    _DEMO_FILES.clear()
    _DEMO_FILES.append(data_dir / "attachments")
    previous = os.environ.get("DONDOC_DATA_DIR")
    os.environ["DONDOC_DATA_DIR"] = str(data_dir)
    try:
        if PG_URL:
            schema = f"t_{_worker()}_{os.getpid()}_demo"
            base, url = _new_pg_schema(schema)
            engine = dbmod.make_engine(url)
            dbmod.upgrade_schema(engine)
            with dbmod.session_scope(engine) as s:
                demo.load(s)
            engine.dispose()
            yield schema
            with base.begin() as conn:
                conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            base.dispose()
            return
        path = tmp_path_factory.mktemp("demo") / "demo.db"
        shutil.copy(template_db, path)
        engine = dbmod.make_engine(f"sqlite:///{path.as_posix()}")
        with dbmod.session_scope(engine) as s:
            demo.load(s)
        engine.dispose()
        yield str(path)
    finally:
        if previous is None:
            os.environ.pop("DONDOC_DATA_DIR", None)
        else:
            os.environ["DONDOC_DATA_DIR"] = previous


def _copy_schema_rows(url: str, source_schema: str) -> None:
    """PostgreSQL: fill this test's (empty) tables from the demo schema, then move the id sequences past them."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for table in Base.metadata.sorted_tables:
            conn.exec_driver_sql(f"INSERT INTO {table.name} SELECT * FROM {source_schema}.{table.name}")
            if "id" in table.c:
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)")
    engine.dispose()


@pytest.fixture
def demo_db(db_url: str, demo_template: str) -> sa.Engine:
    """The demo province: units with history, one account per role (password DonDoc@2026), tasks and PAR rounds
    in every state."""
    if PG_URL:
        _copy_schema_rows(db_url, demo_template)
    else:
        dbmod.dispose_engines()
        shutil.copy(demo_template, sa.engine.make_url(db_url).database)
    if _DEMO_FILES and _DEMO_FILES[0].exists():  # the files the demo's attachment rows point at
        shutil.copytree(_DEMO_FILES[0], attachments_dir(), dirs_exist_ok=True, copy_function=_link_or_copy)
    _clear_streamlit_caches()
    return dbmod.get_engine(db_url)


@pytest.fixture
def actors(demo_db: sa.Engine):  # noqa: ANN201
    """Actor objects of the demo accounts, by user name."""
    from lib.core.models import Account
    from lib.core.services.auth import to_actor

    with dbmod.session_scope(demo_db) as s:
        return {a.username: to_actor(a) for a in s.scalars(sa.select(Account))}


@pytest.fixture
def unit_ids(demo_db: sa.Engine) -> dict[str, int]:
    from lib.core.models import Unit

    with dbmod.session_scope(demo_db) as s:
        return dict(s.execute(sa.select(Unit.code, Unit.id)).all())


@pytest.fixture
def leader_ids(demo_db: sa.Engine) -> dict[str, int]:
    """The demo's directing leaders (lãnh đạo chỉ đạo) by name: «Nguyễn Văn Thành» (Phó Chủ tịch, the demo
    account «lanhdao»), «Phạm Thiện Nghĩa» (Chủ tịch), «Huỳnh Minh Tuấn» (Phó Chủ tịch)."""
    from lib.tasks.leader_models import Leader

    with dbmod.session_scope(demo_db) as s:
        return dict(s.execute(sa.select(Leader.full_name, Leader.id)).all())
