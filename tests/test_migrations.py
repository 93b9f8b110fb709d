"""One head; upgrade from empty; models match migrations; downgrade and upgrade again."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from desktop.models import Base
from desktop.services import database
from desktop.services.database import Database


def test_single_head() -> None:
    script = ScriptDirectory.from_config(database._alembic_config())
    assert len(script.get_heads()) == 1


def test_upgraded_schema_matches_models(db: Database) -> None:
    assert database.current_revision(db) == database.head_revision()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
    assert diff == []


def test_every_table_created(db: Database) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    db = database.open_database(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    database.migrate(db)
    database.downgrade(db, "base")
    assert database.current_revision(db) is None
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    database.migrate(db)
    assert database.current_revision(db) == database.head_revision()
    db.dispose()


def test_upgrade_from_empty_on_postgresql(pg_database_url: str) -> None:
    # The session database was migrated from empty by the fixture; migrating again is a no-op.
    db = database.open_database(pg_database_url)
    assert database.current_revision(db) == database.head_revision()
    assert database.migrate(db) is None
    db.dispose()
