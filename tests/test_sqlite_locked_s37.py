"""Session 37: a SQLite file locked by another program, met by a statement sent past SQLAlchemy (the
register import's BEGIN IMMEDIATE, the bulk inserts), was an internal error (exit 3, "OperationalError:
database is locked"); it is said as everywhere else, and nothing is written."""
from __future__ import annotations

import sqlite3

import pytest

from desktop.services.base import begin_immediate
from desktop.services.bulk import insert_rows
from desktop.services.database import open_and_migrate
from desktop.services.errors import DatabaseUnavailable


def test_a_locked_file_is_said_not_crashed(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "办公室.db"
    db = open_and_migrate(f"sqlite:///{path}")[0]
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE scratch (x INTEGER)")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        session = db.session_factory()
        session.connection().exec_driver_sql("PRAGMA busy_timeout=50")
        with pytest.raises(DatabaseUnavailable, match="正被其他程序占用"):
            begin_immediate(session)
        session.close()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA busy_timeout=50")
            with pytest.raises(DatabaseUnavailable, match="正被其他程序占用"):
                insert_rows(conn, "scratch", ["x"], [(1,), (2,)])
    finally:
        other.rollback()
        other.close()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM scratch").scalar() == 0
    db.dispose()
