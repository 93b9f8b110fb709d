"""ids never reused on SQLite: the audit log, clues, import batches and import rows use AUTOINCREMENT

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05

SQLite gives a new row one more than the largest id in the table: after the newest rows are deleted
(undoing an import deletes its batch, its rows and its clues) the next rows got the same ids, and an
audit entry "clue 123" then named a different clue. With AUTOINCREMENT SQLite keeps the largest id
ever given (in sqlite_sequence) and never gives it again. PostgreSQL's sequences never go back:
nothing to do there.

SQLite cannot add AUTOINCREMENT to a table: each table is rebuilt (a new table from the old one's
own CREATE statement, its rows copied with one INSERT ... SELECT, the old table dropped, the new one
renamed, its indexes and triggers created again). Ids a deletion freed before this upgrade cannot be
known; from here on the largest id kept is never given again.

Dropping a table others refer to needs foreign keys off (with them on, the drop first deletes the
rows, and import_rows would go with their batches): services.database.migrate upgrades SQLite with
foreign keys off, and this revision refuses to run otherwise.
"""

from __future__ import annotations

import re

from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

TABLES = ("audit_log", "import_batches", "import_rows", "clues")
_ID = re.compile(r"^(\s*)id INTEGER NOT NULL,", re.MULTILINE)
_ID_AUTO = re.compile(r"^(\s*)id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,", re.MULTILINE)


def _with_autoincrement(table: str, create: str) -> str:
    pk = re.compile(r",\s*CONSTRAINT pk_" + table + r" PRIMARY KEY \(id\)")
    if len(_ID.findall(create)) != 1 or len(pk.findall(create)) != 1:
        raise RuntimeError(f"数据表 {table} 的结构与预期不同,无法升级:{create}")
    return _ID.sub(r"\1id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,", pk.sub("", create))


def _without_autoincrement(table: str, create: str) -> str:
    if len(_ID_AUTO.findall(create)) != 1:
        raise RuntimeError(f"数据表 {table} 的结构与预期不同,无法降级:{create}")
    body = _ID_AUTO.sub(r"\1id INTEGER NOT NULL,", create).rstrip()
    return body[:-1].rstrip() + f", \n\tCONSTRAINT pk_{table} PRIMARY KEY (id)\n)"


def _rebuild(autoincrement: bool) -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    if conn.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("升级 SQLite 数据库时外键检查必须关闭(请用 relief-desk db upgrade 或启动程序升级)。")
    conn.exec_driver_sql("PRAGMA legacy_alter_table=ON")  # the rename below: no check of other tables' triggers
    try:
        for table in TABLES:
            schema = conn.exec_driver_sql(
                "SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
                "ORDER BY type = 'table' DESC, rowid", (table,)).all()
            create = schema[0][1]
            if ("AUTOINCREMENT" in create) == autoincrement:
                continue
            create = (_with_autoincrement if autoincrement else _without_autoincrement)(table, create)
            new = f"{table}__rebuilt"
            head = re.match(r'CREATE TABLE "?' + table + r'"? \(', create)  # quoted once renamed
            if head is None:
                raise RuntimeError(f"数据表 {table} 的结构与预期不同:{create}")
            conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{new}"')
            conn.exec_driver_sql(f'CREATE TABLE "{new}" (' + create[head.end():])
            conn.exec_driver_sql(f'INSERT INTO "{new}" SELECT * FROM "{table}"')
            conn.exec_driver_sql(f'DROP TABLE "{table}"')
            conn.exec_driver_sql(f'ALTER TABLE "{new}" RENAME TO "{table}"')
            for _type, sql in schema[1:]:  # its indexes and triggers, dropped with the old table
                conn.exec_driver_sql(sql)
    finally:
        conn.exec_driver_sql("PRAGMA legacy_alter_table=OFF")


def upgrade() -> None:
    _rebuild(autoincrement=True)


def downgrade() -> None:
    _rebuild(autoincrement=False)
