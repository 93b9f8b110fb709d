"""Ids are never given twice (migration 0012): after the newest clues, batches, import rows or audit
entries are deleted, the next ones get new ids, so an audit entry's "clue 123" keeps naming its clue."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from desktop.models import AuditEntry, Base, Clue, ImportBatch, ImportRow
from desktop.services import database
from desktop.services import department_import as di
from desktop.services.database import Database
from tests.district import District
from tests.test_import_department import write_list

TABLES = ("audit_log", "import_batches", "import_rows", "clues")


def _top(db: Database, model: type) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.max(model.id))) or 0


def test_undoing_an_import_frees_no_id(db: Database, district: District, tmp_path: Path) -> None:
    path = write_list(tmp_path / "list.csv")
    wrong = di.import_department_list(db, district.admin, path, "卫健")
    before = {model: _top(db, model) for model in (ImportBatch, ImportRow, Clue)}
    assert all(before.values())
    di.undo_batch(db, district.admin, wrong.batch_id, "部门选错")
    assert not _top(db, Clue)
    right = di.import_department_list(db, district.admin, path, "医保")
    assert right.batch_id > before[ImportBatch]
    with db.session_factory() as s:
        assert s.scalar(select(func.min(ImportRow.id))) > before[ImportRow]
        assert s.scalar(select(func.min(Clue.id))) > before[Clue]
        # the audit log's entry of the undo names the undone batch, not the new one
        undone = s.scalar(select(AuditEntry.entity_id).where(AuditEntry.action == "import.undo"))
        assert undone == wrong.batch_id != right.batch_id


def test_a_deleted_audit_entry_id_is_not_given_again(db: Database) -> None:
    with db.session_factory() as s:
        s.add_all([AuditEntry(action="test.one"), AuditEntry(action="test.two")])
        s.commit()
    top = _top(db, AuditEntry)
    with db.engine.begin() as conn:
        conn.execute(AuditEntry.__table__.delete().where(AuditEntry.id == top))
    with db.session_factory() as s:
        entry = AuditEntry(action="test.three")
        s.add(entry)
        s.commit()
        assert entry.id > top


def _at_0011(tmp_path: Path) -> Database:
    """A database of the schema before 0012 with a batch, its rows and clues, a batch without rows
    and audit entries."""
    db = database.open_database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    with db.engine.begin() as conn:
        command.upgrade(database._alembic_config(conn), "0011")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO import_batches (id, kind, department, file_name, file_hash, sheet, "
                          "header_row, mapping, counts, imported_by, created_at) VALUES (1, 'department', "
                          "'health', 'a.xlsx', 'ab', 'Sheet1', 1, '{}', '{}', '甲', '2026-01-01')"))
        conn.execute(text("INSERT INTO import_batches (id, kind, department, file_name, file_hash, sheet, "
                          "header_row, mapping, counts, imported_by, created_at) VALUES (2, 'department', "
                          "'civil', 'b.xlsx', 'bc', 'Sheet1', 1, '{}', '{}', '甲', '2026-01-01')"))
        for n in (1, 2, 3):
            conn.execute(text("INSERT INTO import_rows (id, batch_id, row_number, name, raw_id, outcome, data) "
                              "VALUES (:n, 1, :n, '甲', '', 'new', '{}')"), {"n": n})
            conn.execute(text("INSERT INTO clues (id, person_name, phone, address, source_level, source, "
                              "reported_on, reported_by, description, status, batch_id, version, updated_at, "
                              "created_at) VALUES (:n, '甲', '', '某处', 'department', 'health', '2026-01-01', '', "
                              "'', 'new', 1, 1, '2026-01-01', '2026-01-01')"), {"n": n})
            conn.execute(text("INSERT INTO audit_log (id, at, username, workstation, action, entity, entity_id, "
                              "detail) VALUES (:n, '2026-01-01', '甲', '', 'clue.create', 'clues', :n, '')"),
                         {"n": n})
    assert database.current_revision(db) == "0011"
    return db


def _schema(db: Database) -> list[tuple[str, str]]:
    with db.engine.connect() as conn:
        return sorted(tuple(row) for row in conn.execute(text(
            "SELECT type, name FROM sqlite_master WHERE tbl_name IN ('audit_log', 'import_batches', "
            "'import_rows', 'clues')")).all())


def test_the_upgrade_keeps_every_row_and_then_reuses_no_id(tmp_path: Path) -> None:
    db = _at_0011(tmp_path)
    schema = _schema(db)
    assert ("trigger", "trg_clues_discovered_on_delete") in schema
    database.migrate(db)  # as relief-desk db upgrade and the start-up window do
    assert database.current_revision(db) == database.head_revision()
    assert _schema(db) == schema  # the same indexes and triggers
    with db.engine.connect() as conn:
        for table in TABLES:  # rows kept; import_rows not deleted with their batch
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == (2 if table == "import_batches"
                                                                                      else 3)
            assert "AUTOINCREMENT" in conn.execute(text("SELECT sql FROM sqlite_master WHERE name = :t"),
                                                   {"t": table}).scalar()
        assert conn.execute(text("SELECT address FROM clues WHERE id = 3")).scalar() == "某处"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1  # back on for the program
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
        assert diff == []
    with db.engine.begin() as conn:
        for table in TABLES:  # the newest of each: batch 2, and row, clue and entry 3
            conn.execute(text(f"DELETE FROM {table} WHERE id = (SELECT max(id) FROM {table})"))
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO import_batches (kind, department, file_name, file_hash, sheet, header_row, "
                          "mapping, counts, imported_by, created_at) VALUES ('department', 'health', 'b.xlsx', "
                          "'cd', 'Sheet1', 1, '{}', '{}', '甲', '2026-01-02')"))
        assert conn.execute(text("SELECT max(id) FROM import_batches")).scalar() == 3
        conn.execute(text("INSERT INTO import_rows (batch_id, row_number, name, raw_id, outcome, data) "
                          "VALUES (3, 1, '乙', '', 'new', '{}')"))
        conn.execute(text("INSERT INTO clues (person_name, phone, address, source_level, source, reported_on, "
                          "reported_by, description, status, batch_id, version, updated_at, created_at) VALUES "
                          "('乙', '', '', 'department', 'health', '2026-01-02', '', '', 'new', 3, 1, "
                          "'2026-01-02', '2026-01-02')"))
        conn.execute(text("INSERT INTO audit_log (at, username, workstation, action, entity, detail) "
                          "VALUES ('2026-01-02', '乙', '', 'test', '', '')"))
        for table in ("audit_log", "import_rows", "clues"):  # 3 was deleted: 4, never 3 again
            assert conn.execute(text(f"SELECT max(id) FROM {table}")).scalar() == 4
    db.dispose()


def test_down_to_0011_and_up_again_keeps_the_rows(tmp_path: Path) -> None:
    db = _at_0011(tmp_path)
    database.migrate(db)
    database.downgrade(db, "0011")
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM import_rows")).scalar() == 3
        assert "AUTOINCREMENT" not in conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'clues'")).scalar()
    database.migrate(db)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM clues")).scalar() == 3
        assert "AUTOINCREMENT" in conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'clues'")).scalar()
    db.dispose()
