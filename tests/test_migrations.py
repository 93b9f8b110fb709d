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


def test_database_of_the_first_schema_is_brought_up_to_the_models(tmp_path: Path) -> None:
    """A database made with the first landed revision 0001 (before its copied region columns and
    statistics indexes) upgrades to head and then matches the models, data kept and filled."""
    import shutil

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    old = tmp_path / "migrations"
    shutil.copytree(database.MIGRATIONS_DIR, old, ignore=shutil.ignore_patterns("__pycache__"))
    for revision in (old / "versions").glob("*.py"):
        revision.unlink()
    # the first landed revision, kept as text (it is a frozen copy, not code of this project)
    shutil.copy(Path(__file__).parent / "data" / "schema_0001_first_landed.py.txt", old / "versions" / "0001_initial.py")
    db = database.open_database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    with db.engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(old))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.execute(text("INSERT INTO regions (id, name, code, level, path, area_type, version, updated_at) "
                          "VALUES (7, '八泉社区', 'C7', 'community', '/7/', 'urban', 1, '2026-01-01')"))
        conn.execute(text("INSERT INTO households (id, code, region_id, address, phone, area_type, single_parent, "
                          "head_name, member_count, category, note, version, updated_at, created_at) VALUES "
                          "(1, 'H1', 7, '', '', 'urban', 0, '甲', 1, 'none', '', 1, '2026-01-01', '2026-01-01')"))
        conn.execute(text("INSERT INTO library_moves (household_id, from_stage, to_stage, moved_on, reason, "
                          "created_at) VALUES (1, NULL, 'class_1', '2026-01-02', '', '2026-01-02')"))
    assert database.current_revision(db) == "0001"
    database.migrate(db)
    assert database.current_revision(db) == database.head_revision()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
        assert diff == []
        assert conn.execute(text("SELECT region_id FROM library_moves")).scalar() == 7
    db.dispose()


def test_programs_started_together_on_an_old_file_upgrade_it_once(tmp_path: Path) -> None:
    """Session 38: four commands started together on a file of an older version ran the upgrade side by
    side (one failed with "duplicate column name", in English) and a copy named "before the upgrade"
    could hold the upgraded database. The first takes the write lock, the others then find nothing to do."""
    import sqlite3
    import subprocess
    import sys

    path = tmp_path / "old.sqlite3"
    db = database.open_database(f"sqlite:///{path}")
    database.migrate(db)
    database.downgrade(db, "0009")
    db.dispose()
    code = "import sys; from desktop.cli import main; sys.exit(main(sys.argv[1:]))"
    runs = [subprocess.Popen([sys.executable, "-c", code, "--database-url", f"sqlite:///{path}", "user", "list"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outcomes = [(run.wait(timeout=120), run.stdout.read() + run.stderr.read()) for run in runs]
    assert [status for status, _ in outcomes] == [0, 0, 0, 0], outcomes
    assert sum("升级前已备份数据库到" in text for _, text in outcomes) == 1, outcomes
    [copy] = tmp_path.glob("old.before-upgrade-0009-*.sqlite3")
    assert sqlite3.connect(copy).execute("SELECT version_num FROM alembic_version").fetchone() == ("0009",)
