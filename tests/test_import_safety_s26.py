"""Import safety, acceptance round 26 (issue 4 §6), on SQLite and PostgreSQL: a command killed at
several moments of a department list or register import leaves nothing of its batch, no broken or
locked database, and the same file imports afterwards; two processes importing one file at once;
the same list in other clothes; undo and import again; a full disk said as such (never a crash)."""

from __future__ import annotations

import csv
import json
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text

from bench.bench_register_import import registers
from bench.bench_register_import import write as write_register_rows
from desktop.cli import main as cli_main
from desktop.models import AuditEntry, Clue, Household, ImportBatch, ImportRow, Member
from desktop.rules import idcard
from desktop.services import bulk, clues
from desktop.services import department_import as di
from desktop.services import register_import as ri
from desktop.services.database import Database
from desktop.services.errors import ALREADY_IMPORTED, DatabaseUnavailable, ServiceError
from tests.district import District

REPO = Path(__file__).resolve().parent.parent
TABLES = ("import_batches", "import_rows", "clues", "households", "members", "incomes", "audit_log", "regions",
          "library_moves")


def url_of(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def snapshot(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


def count(db: Database, model: type, *where: Any) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def write_department_list(path: Path, rows: int = 2500, *, start: int = 0, bad_every: int = 0) -> Path:
    """A UTF-8 CSV of ``rows`` people, every other one with his community; ``bad_every``: every such row's
    ID number with a wrong check character (invalid rows, which PostgreSQL takes by COPY)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["序号", "姓名", "身份证号码", "街道", "社区"])
        for i in range(rows):
            number = idcard.make("420203", date.fromordinal(date(1950, 1, 1).toordinal() + i + start), 7)
            if bad_every and i % bad_every == 0:
                number = number[:17] + ("0" if number[17] != "0" else "1")
            out.writerow([i + 1, f"人{i}", number, "八泉街道" if i % 2 else "", "飞云社区" if i % 2 else ""])
    return path


def write_register(path: Path, households: int = 120) -> Path:
    first, _ = registers(households)
    return write_register_rows(path, first)


# A command run in its own process, killed (SIGKILL, as a crash or the task manager) at a moment:
# "first-insert" (rows read, the first row about to be written; tried by hand, as the others on a
# 100,000-row list and a 20,000-person register), "mid-write" (some rows written in the open
# transaction), "commit" (everything written, the commit about to be sent).
KILLER = """
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
from desktop.cli import main
moment = sys.argv[1]
seen = {"inserts": 0}
def die():
    os.kill(os.getpid(), signal.SIGKILL)
@event.listens_for(Engine, "before_cursor_execute")
def _insert(conn, cursor, statement, params, context, many):
    if statement.lstrip().upper().startswith("INSERT"):
        seen["inserts"] += 1
        if (moment == "first-insert" and seen["inserts"] == 1) or (moment == "mid-write" and seen["inserts"] == 3):
            die()
@event.listens_for(Engine, "commit")
def _commit(conn):
    if moment == "commit" and seen["inserts"]:
        die()
sys.exit(main(sys.argv[2:]))
"""


def run_cli(*args: str, killed_at: str | None = None, timeout: int = 60) -> subprocess.CompletedProcess[str]:
    code = KILLER if killed_at else "import sys; from desktop.cli import main; sys.exit(main(sys.argv[2:]))"
    return subprocess.run([sys.executable, "-c", code, killed_at or "-", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=timeout, check=False)


def check_sound(db: Database) -> None:
    """SQLite: the file is whole and no lock is left (a write goes through at once)."""
    if db.is_sqlite:
        conn = sqlite3.connect(db.url.database, timeout=0.5)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.execute("BEGIN IMMEDIATE")
            conn.rollback()
        finally:
            conn.close()


@pytest.mark.parametrize("moment", ["mid-write", "commit"])
def test_a_department_import_killed_leaves_nothing_and_imports_afterwards(db: Database, district: District,
                                                                          tmp_path: Path, moment: str) -> None:
    path = write_department_list(tmp_path / "民政名单.csv", 1200)
    before = snapshot(db)
    done = run_cli("import", "department", str(path), "--department", "民政局", "--database-url", url_of(db),
                   killed_at=moment)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert snapshot(db) == before  # no batch row, no rows, no clues, no audit entry
    check_sound(db)
    again = di.import_department_list(db, district.admin, path, "民政局")  # not refused, not locked out
    assert (again.data_rows, again.clues_created) == (1200, 1200)
    assert count(db, ImportBatch) == before["import_batches"] + 1


@pytest.mark.parametrize("moment", ["mid-write", "commit"])
def test_a_register_import_killed_leaves_nothing_and_imports_afterwards(db: Database, district: District,
                                                                        tmp_path: Path, moment: str) -> None:
    path = write_register(tmp_path / "台账.xlsx", 60)
    before = snapshot(db)
    done = run_cli("import", "households", str(path), "--database-url", url_of(db), killed_at=moment)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert snapshot(db) == before  # no household, member, income, region or batch half made
    check_sound(db)
    again = ri.import_households(db, district.admin, path)
    assert again.households_created == 60 == count(db, Household) - before["households"]


@pytest.mark.parametrize("what", ["department", "households"])
def test_two_processes_importing_one_file_at_once(db: Database, district: District, tmp_path: Path,
                                                  what: str) -> None:
    """Two commands started together: one imports, the other is refused in plain words (exit 1)."""
    if what == "department":
        path = write_department_list(tmp_path / "名单.csv", 200)
        args = ["import", "department", str(path), "--department", "医保局"]
    else:
        path = write_register(tmp_path / "台账.xlsx", 20)
        args = ["import", "households", str(path)]
    code = "import sys; from desktop.cli import main; sys.exit(main(sys.argv[1:]))"
    procs = [subprocess.Popen([sys.executable, "-c", code, *args, "--database-url", url_of(db)], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = sorted((p.wait(60), p.stderr.read()) for p in procs)
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    (won, _), (lost, message) = outcomes
    assert (won, lost) == (0, 1), outcomes
    assert message.startswith("错误:") and "导入过" in message and path.name in message and "Traceback" not in message
    kind = di.KIND if what == "department" else "households"
    assert count(db, ImportBatch, ImportBatch.kind == kind) == 1
    check_sound(db)


def test_the_same_list_as_utf8_csv_with_a_byte_order_mark_is_refused_by_name_date_and_who(
        db: Database, district: District, tmp_path: Path) -> None:
    plain = write_department_list(tmp_path / "名单.csv", 30)
    first = di.import_department_list(db, district.admin, plain, "民政局")
    bom = tmp_path / "名单(记事本另存).csv"
    bom.write_text(plain.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8-sig")
    gbk = tmp_path / "名单_gbk.csv"
    gbk.write_text(plain.read_text(encoding="utf-8"), encoding="gbk")
    for copy in (bom, gbk):
        with pytest.raises(ServiceError) as info:
            di.import_department_list(db, district.admin, copy, "民政局")
        assert info.value.code == ALREADY_IMPORTED
        message = info.value.message
        assert f"“{copy.name}”" in message and f"批次 {first.batch_id}" in message and "“名单.csv”" in message
        assert district.admin.username in message and date.today().strftime("%Y-%m-%d") in message
    assert count(db, ImportBatch) == 1


def test_rows_reordered_are_another_list_that_sends_nobody_out_twice(db: Database, district: District,
                                                                     tmp_path: Path) -> None:
    path = write_department_list(tmp_path / "名单.csv", 40)
    first = di.import_department_list(db, district.admin, path, "民政局")
    lines = path.read_text(encoding="utf-8").splitlines()
    reordered = tmp_path / "名单(排序后).csv"
    reordered.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n", encoding="utf-8")
    second = di.import_department_list(db, district.admin, reordered, "民政局")
    assert second.batch_id != first.batch_id and second.content_hash != first.content_hash
    assert (second.buckets["new"], second.clues_created) == (40, 0)  # each already has an open clue
    assert count(db, Clue) == 40


def test_the_same_list_for_a_second_department_is_refused_naming_the_first(
        db: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_department_list(tmp_path / "名单.csv", 20)
    first = di.import_department_list(db, district.admin, path, "民政局")
    assert cli_main(["import", "department", str(path), "--department", "残联", "--json", "--database-url",
                     url_of(db)]) == 1
    refusal = json.loads(capsys.readouterr().out)
    assert refusal["code"] == ALREADY_IMPORTED and f"批次 {first.batch_id}" in refusal["error"]
    assert count(db, ImportBatch) == 1 and count(db, ImportRow) == 20


def test_undo_then_the_same_file_again_and_the_lists_agree(db: Database, district: District, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = write_department_list(tmp_path / "名单.csv", 25)
    url = url_of(db)
    assert cli_main(["import", "department", str(path), "--department", "民政局", "--database-url", url]) == 0
    (batch,) = di.list_batches(db, district.admin)
    capsys.readouterr()
    assert cli_main(["import", "undo", str(batch.id), "--reason", "部门选错", "--yes", "--database-url", url]) == 0
    assert count(db, ImportBatch) == 0 and count(db, Clue) == 0 and count(db, ImportRow) == 0
    assert count(db, AuditEntry, AuditEntry.action == "import.undo") == 1
    assert cli_main(["import", "department", str(path), "--department", "残联", "--database-url", url]) == 0
    reg = write_register(tmp_path / "台账.xlsx", 10)
    assert cli_main(["import", "households", str(reg), "--database-url", url]) == 0
    capsys.readouterr()
    assert cli_main(["import", "batches", "--json", "--database-url", url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert cli_main(["import", "batches", "--database-url", url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [b["kind"] for b in listed] == ["households", di.KIND] and len(lines) == 2
    for b, line in zip(listed, lines, strict=True):
        cells = line.split("\t")
        assert cells[0] == str(b["id"]) and cells[3] == b["file"] and cells[5] == b["imported_by"]
        assert b["hash"] and b["counts"]
    assert listed[1]["department_label"] == "残联" and "数据行 25,有效 25" in lines[1]
    assert f"家庭 10 户:新建 {listed[0]['counts']['households_created']}" in lines[0]


def test_undo_of_a_batch_with_a_closed_clue_is_refused_and_assigned_ones_are_undone(
        db: Database, district: District, tmp_path: Path) -> None:
    path = write_department_list(tmp_path / "名单.csv", 6)
    batch = di.import_department_list(db, district.admin, path, "民政局").batch_id
    with db.session_factory() as s:
        ids = list(s.scalars(select(Clue.id).where(Clue.batch_id == batch).order_by(Clue.id)))
    assigned = [i for i in ids if clues.get_clue(db, district.admin, i).status == "assigned"]
    assert assigned  # half of the rows name their community
    clues.close_clue(db, district.admin, assigned[0], "not_hardship")
    with pytest.raises(ServiceError, match="已有 1 条开始调查、已办结"):
        di.undo_batch(db, district.admin, batch, "再试")
    assert count(db, Clue, Clue.batch_id == batch) == 6 and count(db, ImportBatch) == 1
    other = di.import_department_list(db, district.admin, write_department_list(tmp_path / "b.csv", 6, start=100),
                                      "残联").batch_id
    assert count(db, Clue, Clue.batch_id == other, Clue.status == "assigned") == 3
    di.undo_batch(db, district.admin, other, "发错")  # assigned, not yet taken up: undone with the batch
    assert count(db, Clue, Clue.batch_id == other) == 0 and count(db, ImportBatch) == 1


def _disk_fills_up(db: Database) -> Callable[[], None]:
    """The disk fills up once the import writes: on SQLite a page limit a few pages above the file's
    size (SQLITE_FULL, as a full disk gives); on PostgreSQL the server's disk_full error, raised where
    COPY writes the rows."""
    if db.is_sqlite:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("VACUUM")  # no free pages left to fill
        db.engine.dispose()

        def limit(dbapi_conn: Any, _record: Any) -> None:
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 4}")

        event.listen(db.engine, "connect", limit)

        def free() -> None:
            event.remove(db.engine, "connect", limit)
            db.engine.dispose()
        return free
    # the server's own disk_full error, from the COPY that writes the invalid rows (a trigger raises it)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE FUNCTION s26_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                             "RAISE EXCEPTION 'could not extend file: No space left on device' "
                             "USING ERRCODE = 'disk_full'; END $$")
        conn.exec_driver_sql("CREATE TRIGGER s26_disk_full BEFORE INSERT ON import_rows FOR EACH ROW "
                             "WHEN (NEW.outcome IN ('invalid', 'duplicate')) EXECUTE FUNCTION s26_disk_full()")

    def free() -> None:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TRIGGER s26_disk_full ON import_rows")
            conn.exec_driver_sql("DROP FUNCTION s26_disk_full")
    return free


def test_a_full_disk_is_said_and_nothing_is_kept(db: Database, district: District, tmp_path: Path) -> None:
    path = write_department_list(tmp_path / "名单.csv", 3000, bad_every=10)
    before = snapshot(db)
    space_freed = _disk_fills_up(db)
    try:
        with pytest.raises(DatabaseUnavailable) as info:
            di.import_department_list(db, district.admin, path, "民政局")
    finally:
        space_freed()
    assert "磁盘已满" in info.value.message and "没有保存任何内容" in info.value.message
    assert "连接中断" not in info.value.message
    assert snapshot(db) == before
    check_sound(db)
    assert di.import_department_list(db, district.admin, path, "民政局").batch_id is not None


def test_a_connection_lost_during_copy_is_said_not_a_crash(db: Database, district: District, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    if db.is_sqlite:
        pytest.skip("COPY and a server connection: PostgreSQL only")
    path = write_department_list(tmp_path / "名单.csv", 1500, bad_every=10)
    original = bulk.insert_rows

    def cut(conn: Any, table: str, columns: Any, rows: Any) -> None:
        pid = conn.connection.dbapi_connection.info.backend_pid
        with db.engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        original(conn, table, columns, rows)

    monkeypatch.setattr(bulk, "insert_rows", cut)
    with pytest.raises(DatabaseUnavailable, match="连接中断"):
        di.import_department_list(db, district.admin, path, "民政局")
    monkeypatch.undo()
    assert count(db, ImportBatch) == 0 and count(db, ImportRow) == 0
    assert di.import_department_list(db, district.admin, path, "民政局").batch_id is not None


def test_a_register_with_one_bad_household_keeps_the_others_and_leaves_the_bad_one_as_it_was(
        db: Database, district: District, tmp_path: Path) -> None:
    first, second = registers(6)
    path = write_register_rows(tmp_path / "台账.xlsx", first)
    ri.import_households(db, district.admin, path)

    def the_household(code: str) -> tuple[Any, ...]:
        with db.session_factory() as s:
            h = s.scalar(select(Household).where(Household.code == code))
            assert h is not None
            return (h.version, h.updated_at, tuple(sorted((m.id_number, m.name) for m in s.scalars(
                select(Member).where(Member.household_id == h.id)))))

    bad_code = second[0][0]
    kept = the_household(bad_code)
    rows = [list(r) for r in second]
    for r in rows:
        if r[0] == bad_code and r[1] != "本人":
            r[3] = r[3][:17] + ("0" if r[3][17] != "0" else "1")  # a member's ID number mistyped
            break
    else:  # the first household has one person: break its head's row instead
        rows[0][8] = "城镇乡"
    result = ri.import_households(db, district.admin, write_register_rows(tmp_path / "台账2.xlsx", rows))
    assert result.households_rejected == 1 and result.households_updated == 5 and result.batch_id is not None
    assert the_household(bad_code) == kept  # not half-updated: its head, members and version as they were


def test_the_wizard_closed_at_the_preview_writes_nothing(qtbot: Any, sqlite_district: District,
                                                         tmp_path: Path) -> None:
    from tests.test_quit_while_busy import at_the_preview

    d = sqlite_district
    before = snapshot(d.db)
    wizard = at_the_preview(qtbot, d, tmp_path)
    wizard.reject()
    assert not wizard.isVisible()
    # nothing of the import; the one line is the preview's view of the file's ID numbers (RULES.md §4)
    assert snapshot(d.db) == {**before, "audit_log": before["audit_log"] + 1}
    assert count(d.db, AuditEntry, AuditEntry.entity == "import_preview") == 1


def test_the_history_tab_lists_what_the_command_lists(qtbot: Any, sqlite_district: District, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.views.context import AppContext
    from desktop.views.discovery import ImportHistoryTab

    d = sqlite_district
    url = url_of(d.db)
    assert cli_main(["import", "department", str(write_department_list(tmp_path / "a.csv", 12)),
                     "--department", "民政局", "--database-url", url]) == 0
    assert cli_main(["import", "households", str(write_register(tmp_path / "台账.xlsx", 5)),
                     "--database-url", url]) == 0
    capsys.readouterr()
    assert cli_main(["import", "batches", "--json", "--database-url", url]) == 0
    listed = json.loads(capsys.readouterr().out)
    tab = ImportHistoryTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    shown = [[tab.model.index(r, c).data() for c in range(tab.model.columnCount())]
             for r in range(tab.model.rowCount())]
    assert [str(row[0]) for row in shown] == [str(b["id"]) for b in listed]
    assert [row[3] for row in shown] == [b["file"] for b in listed]
    assert [row[-1] for row in shown] == [b["imported_by"] for b in listed]
    dept = next(row for row, b in zip(shown, listed, strict=True) if b["kind"] == di.KIND)
    assert str(dept[4]) == "12" and str(dept[10]) == "12"  # data rows, new
