"""The same list in another file is the same list (issue 4 §6): a department list or household register
saved again by Excel (other bytes), or exported again as .xls or CSV, is recognised by what it holds
(department_import.ContentHash, ImportBatch.content_hash) and refused as already imported."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwt
from sqlalchemy import func, select, text

from desktop.cli import main as cli_main
from desktop.io import spreadsheet as ss
from desktop.models import Clue, Household, ImportBatch, ImportRow
from desktop.services import database
from desktop.services import department_import as di
from desktop.services import register_import as ri
from desktop.services.database import Database
from desktop.services.errors import ServiceError
from desktop.services.progress import Cancelled, Progress
from tests.district import District
from tests.test_cli_json_errors import check_refused
from tests.test_import_department import A, B, C, D, E
from tests.test_import_register import add_regions, small_register

HEADER = ["序号", "姓名", "身份证号码", "街道", "社区", "联系电话", "备注"]
ROWS: list[list[Any]] = [
    [1, "甲", A, "八泉街道", "八泉社区", 13800000001, ""],
    [2, "乙", B, "", "", 13800000002, "低保户"],
    [3, "丙", C, "八泉街道", "飞云", None, ""],
    [4, "丁", D, "", "", 13800000004.0, ""],
    [5, "戊", E, "", "", "", 2.5],
]


def write_xlsx(path: Path, rows: list[list[Any]], *, sheet: str = "Sheet1", title: str | None = None) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    book.save(path)
    return path


def resave(source: Path, target: Path) -> Path:
    """What Excel does to an unchanged list: the same cells, another file (other bytes)."""
    old = openpyxl.load_workbook(source)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in old.worksheets:
        ws = book.create_sheet(sheet.title)
        for r in sheet.iter_rows(values_only=True):
            ws.append(list(r))
    book.properties.creator = "Excel"
    book.save(target)
    assert di.file_sha256(source) != di.file_sha256(target)
    return target


def as_csv(source: Path, target: Path, encoding: str = "gbk") -> Path:
    """The sheet exported as CSV: every cell as it shows (12.0 as "12"), an empty one as nothing."""
    with open(target, "w", encoding=encoding, newline="") as fh:
        out = csv.writer(fh)
        for r in openpyxl.load_workbook(source).active.iter_rows(values_only=True):
            out.writerow([ss.cell_text(v) for v in r])
    return target


def as_xls(source: Path, target: Path) -> Path:
    book = xlwt.Workbook()
    ws = book.add_sheet("名单")
    for i, r in enumerate(openpyxl.load_workbook(source).active.iter_rows(values_only=True)):
        for j, v in enumerate(r):
            if v is not None:
                ws.write(i, j, v)
    book.save(str(target))
    return target


def count(db: Database, model: type, *where: Any) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


# -- the fingerprint ----------------------------------------------------------------------------

def test_a_number_reads_as_the_text_it_shows_and_empty_cells_at_the_end_do_not_count() -> None:
    def digest(rows: list[list[Any]], header: list[str] = HEADER, mapping: dict | None = None) -> str:
        h = di.ContentHash(header, {"id_number": 2} if mapping is None else mapping)
        for r in rows:
            h.add(r)
        return h.hexdigest()

    xlsx = [[1.0, "甲", A, 13800000001.0, "", ""], [2, "乙", B, 2.5, "", ""]]  # the readers give "" for empty
    text_cells = [["1", "甲", A, "13800000001"], ["2", "乙", B, "2.5"]]
    assert digest(xlsx) == digest(text_cells) == digest(text_cells, [*HEADER, "", ""])
    assert digest(xlsx) != digest([["1", "甲", A, "13800000002"], ["2", "乙", B, "2.5"]])  # one cell changed
    assert digest(xlsx) != digest(text_cells[::-1])  # the rows in another order
    assert digest(xlsx) != digest([["1", "甲", A, "", "13800000001"], ["2", "乙", B, "2.5"]])  # a cell moved
    assert digest(xlsx) != digest(text_cells, mapping={"id_number": 1})  # read by another column
    assert digest(xlsx) != digest(text_cells, ["序号", "名字", "身份证号码"])  # another header


def test_empty_columns_and_the_order_of_columns_do_not_count() -> None:
    def digest(header: list[str], rows: list[list[Any]], mapping: dict[str, int]) -> str:
        h = di.ContentHash(header, mapping)
        for r in rows:
            h.add(r)
        return h.hexdigest()

    rows = [[1, "甲", A, "八泉"], [2, "乙", B, ""], [3, "丙", C]]  # a CSV row without its empty cells at the end
    plain = digest(["序号", "姓名", "身份证号码", "街道"], rows, {"id_number": 2, "name": 1})
    # a blank column inserted before the ID numbers, and an empty 备注 column added at the end
    padded = [[r[0], r[1], "", *r[2:]] + [""] * (4 - len(r)) + [""] for r in rows]
    assert digest(["序号", "姓名", "", "身份证号码", "街道", "备注"], padded, {"id_number": 3, "name": 1}) == plain
    # the same columns in another order
    moved = [[r[2], r[1], r[0], *r[3:]] for r in rows]
    assert digest(["身份证号码", "姓名", "序号", "街道"], moved, {"id_number": 0, "name": 1}) == plain
    # … but a column under another heading, or read as another field, or with one more value, is another list
    assert digest(["序号", "姓名", "身份证号码", "社区"], rows, {"id_number": 2, "name": 1}) != plain
    assert digest(["序号", "姓名", "身份证号码", "街道"], rows, {"id_number": 2}) != plain
    assert digest(["序号", "姓名", "身份证号码", "街道"], [*rows[:2], [3, "丙", C, "飞云"]],
                  {"id_number": 2, "name": 1}) != plain
    assert digest(["序号", "姓名", "身份证号码", "街道", "备注"], [*rows[:2], [3, "丙", C, "", "x"]],
                  {"id_number": 2, "name": 1}) != plain


def test_rows_are_hashed_in_chunks_whatever_their_grouping(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [[i, f"人{i}", str(i) * 3] for i in range(12_345)]
    first = di.ContentHash(HEADER, {})
    for r in rows:
        first.add(r)
    monkeypatch.setattr(di, "_HASH_ROWS", 7)
    second = di.ContentHash(HEADER, {})
    for r in rows:
        second.add([str(v) for v in r])
    assert first.hexdigest() == second.hexdigest()


# -- department lists ---------------------------------------------------------------------------

@pytest.mark.parametrize("again", ["resaved", "csv", "xls"])
def test_the_same_list_in_another_file_is_refused(db: Database, district: District, tmp_path: Path,
                                                   again: str) -> None:
    first_path = write_xlsx(tmp_path / "卫健名单.xlsx", ROWS)
    first = di.import_department_list(db, district.admin, first_path, "卫健")
    assert first.batch_id is not None and len(first.content_hash) == 64
    clues = count(db, Clue)
    copy = {"resaved": lambda: resave(first_path, tmp_path / "卫健名单(另存).xlsx"),
            "csv": lambda: as_csv(first_path, tmp_path / "导出.csv"),
            "xls": lambda: as_xls(first_path, tmp_path / "导出.xls")}[again]()
    with pytest.raises(ServiceError) as info:
        di.import_department_list(db, district.admin, copy, "医保")  # another department: the same people
    message = info.value.message
    assert info.value.code == "already_imported"
    assert f"文件“{copy.name}”" in message and f"批次 {first.batch_id}" in message and "卫健名单.xlsx" in message
    assert district.admin.username in message and "相同" in message and "导入过" in message
    assert "(卫健名单,原文件名" in message  # the department the earlier list came from
    assert count(db, ImportBatch) == 1 and count(db, Clue) == clues
    assert count(db, ImportRow, ImportRow.batch_id != first.batch_id) == 0  # the rows it wrote rolled back
    # a dry run counts the list and says so, as for the file itself
    dry = di.import_department_list(db, district.admin, copy, "卫健", dry_run=True)
    assert dry.data_rows == 5 and dry.valid == 5 and dry.content_hash == first.content_hash
    assert dry.already_imported == message
    assert count(db, ImportBatch) == 1


def test_the_list_sent_again_with_a_blank_column_inserted_is_refused(db: Database, district: District,
                                                                     tmp_path: Path) -> None:
    first = di.import_department_list(db, district.admin, write_xlsx(tmp_path / "a.xlsx", ROWS), "卫健")
    book = openpyxl.Workbook()
    ws = book.active
    ws.append([*HEADER[:2], "", *HEADER[2:], "核实情况"])  # an empty column before the IDs, an empty one at the end
    for r in ROWS:
        ws.append([*r[:2], None, *r[2:], None])
    book.save(tmp_path / "b.xlsx")
    with pytest.raises(ServiceError, match=f"与批次 {first.batch_id}") as info:
        di.import_department_list(db, district.admin, tmp_path / "b.xlsx", "卫健")
    assert info.value.code == "already_imported" and count(db, ImportBatch) == 1


def test_the_byte_identical_file_is_still_refused_before_it_is_read(db: Database, district: District,
                                                                    tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", ROWS)
    first = di.import_department_list(db, district.admin, path, "卫健")
    progress_reports: list[str] = []
    with pytest.raises(ServiceError, match=re.escape(f"导入过(批次 {first.batch_id},")) as info:
        di.import_department_list(db, district.admin, path, "卫健",
                                  progress=Progress(lambda _d, _t, s: progress_reports.append(s)))
    assert "相同" not in info.value.message and progress_reports == []  # refused before any row was read


def test_a_list_with_one_cell_changed_is_imported(db: Database, district: District, tmp_path: Path) -> None:
    first_path = write_xlsx(tmp_path / "a.xlsx", ROWS)
    first = di.import_department_list(db, district.admin, first_path, "卫健")
    changed = [list(r) for r in ROWS]
    changed[1][6] = "低保户(已退出)"  # a remark the import does not even read
    second = di.import_department_list(db, district.admin, write_xlsx(tmp_path / "b.xlsx", changed), "卫健")
    assert second.batch_id is not None and second.content_hash != first.content_hash
    # a title row above the header, another sheet name, rows in another place: the same list
    moved = write_xlsx(tmp_path / "c.xlsx", ROWS, sheet="名单", title="2026年第一季度卫健名单")
    with pytest.raises(ServiceError, match=f"与批次 {first.batch_id}"):
        di.import_department_list(db, district.admin, moved, "卫健")
    assert count(db, ImportBatch) == 2
    with db.session_factory() as s:
        assert sorted(s.scalars(select(ImportBatch.content_hash))) == sorted([first.content_hash, second.content_hash])


class CancelAtTheEnd(Progress):
    """Cancels at the last moment a cancel still rolls everything back (the batch has its hash then)."""

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        if text == "完成":
            self.cancel()
        super().report(done, total, text)


def test_a_cancelled_import_leaves_no_hash_behind(db: Database, district: District, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", ROWS)
    with pytest.raises(Cancelled):
        di.import_department_list(db, district.admin, path, "卫健", progress=CancelAtTheEnd())
    assert count(db, ImportBatch) == 0 and count(db, ImportRow) == 0
    result = di.import_department_list(db, district.admin, as_csv(path, tmp_path / "a.csv"), "卫健")
    assert result.batch_id is not None  # not refused: nothing of the cancelled import was kept


def test_a_failed_import_leaves_no_hash_behind(db: Database, district: District, tmp_path: Path) -> None:
    """An import that fails while the list is read (too many rows), after its batch was made."""
    path = write_xlsx(tmp_path / "a.xlsx", ROWS)
    with pytest.raises(ServiceError, match="超过"):
        di.import_department_list(db, district.admin, path, "卫健", max_rows=4)
    assert count(db, ImportBatch) == 0
    assert di.import_department_list(db, district.admin, resave(path, tmp_path / "b.xlsx"), "卫健").batch_id


def old_batch(db: Database, kind: str, file_hash: str, name: str) -> int:
    """A batch imported before migration 0010: no content hash."""
    with db.session_factory() as s:
        batch = ImportBatch(kind=kind, department="health" if kind == "department" else None, file_name=name,
                            file_hash=file_hash, sheet="Sheet1", imported_by="老用户")
        s.add(batch)
        s.commit()
        return batch.id


def test_batches_without_a_content_hash_still_work(db: Database, district: District, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", ROWS)
    first = old_batch(db, "department", di.file_sha256(path), "a.xlsx")
    old_batch(db, "department", "0" * 64, "other.xlsx")  # several without one: the unique index allows it
    old_batch(db, "households", "1" * 64, "台账.xlsx")
    with pytest.raises(ServiceError, match=re.escape(f"由 老用户 导入过(批次 {first},")):  # known by its bytes
        di.import_department_list(db, district.admin, path, "卫健")
    # its content is not known (the file of an old batch is not kept): another file of it is imported
    assert di.import_department_list(db, district.admin, resave(path, tmp_path / "b.xlsx"), "卫健").batch_id
    assert len(di.list_batches(db, district.admin)) == 4


def test_the_database_refuses_a_second_batch_of_the_same_content(db: Database, district: District,
                                                                  tmp_path: Path) -> None:
    """Two workstations importing the same list at once: both checked before either wrote."""
    from sqlalchemy.exc import IntegrityError

    from desktop.services.base import saved_elsewhere

    result = di.import_department_list(db, district.admin, write_xlsx(tmp_path / "a.xlsx", ROWS), "卫健")
    with db.session_factory() as s:
        s.add(ImportBatch(kind="department", department="civil", file_name="b.csv", file_hash="f" * 64,
                          content_hash=result.content_hash))
        with pytest.raises(IntegrityError) as info:
            s.flush()
        problem = saved_elsewhere(info.value)
        assert problem is not None and "同样内容的名单刚刚已在另一台电脑上导入" in problem.message
        s.rollback()
        s.add(ImportBatch(kind="households", file_name="b.csv", file_hash="f" * 64, content_hash=result.content_hash))
        s.commit()  # another kind: another list


def url_of(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def test_command_line_refuses_it_as_it_refuses_the_file(db: Database, district: District, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", ROWS)
    url = url_of(db)
    assert cli_main(["import", "department", str(path), "--department", "卫健", "--json", "--database-url", url]) == 0
    capsys.readouterr()
    copy = as_csv(path, tmp_path / "a.csv")
    refused = check_refused(["import", "department", str(copy), "--department", "卫健", "--json", "--database-url", url],
                            capsys, "already_imported")
    assert "文件“a.csv”的内容与批次" in refused["error"] and "相同" in refused["error"]
    assert cli_main(["import", "department", str(copy), "--department", "卫健", "--json", "--dry-run",
                     "--database-url", url]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry["batch_id"] is None and "相同" in dry["already_imported"] and dry["data_rows"] == 5
    assert cli_main(["import", "department", str(copy), "--department", "卫健", "--dry-run",
                     "--database-url", url]) == 0
    assert "注意:文件“a.csv”的内容与批次" in capsys.readouterr().out


# -- household registers ------------------------------------------------------------------------

def register_as_csv(source: Path, target: Path) -> Path:
    with open(target, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        for r in openpyxl.load_workbook(source).active.iter_rows(values_only=True):
            out.writerow([ss.cell_text(v) for v in r])
    return target


@pytest.mark.parametrize("again", ["resaved", "csv"])
def test_the_same_register_in_another_file_is_refused(db: Database, district: District, tmp_path: Path,
                                                       again: str) -> None:
    add_regions(db, district)
    path = small_register(tmp_path / "台账.xlsx")
    first = ri.import_households(db, district.admin, path)
    assert first.batch_id is not None and len(first.content_hash) == 64
    with db.session_factory() as s:
        versions = sorted(s.scalars(select(Household.version)))
    copy = resave(path, tmp_path / "台账(另存).xlsx") if again == "resaved" else register_as_csv(path, tmp_path / "台账.csv")
    with pytest.raises(ServiceError) as info:
        ri.import_households(db, district.admin, copy)
    message = info.value.message
    assert info.value.code == "already_imported" and f"批次 {first.batch_id}(家庭台账,原文件名“台账.xlsx”)相同" in message
    assert district.admin.username in message and "如需更正,请在家庭档案中修改" in message
    with db.session_factory() as s:
        assert sorted(s.scalars(select(Household.version))) == versions  # not applied again
    assert count(db, ImportBatch) == 1
    dry = ri.import_households(db, district.admin, copy, dry_run=True)
    assert dry.already_imported == message and dry.households == 2


def test_a_register_with_one_cell_changed_is_imported(db: Database, district: District, tmp_path: Path) -> None:
    add_regions(db, district)
    first = ri.import_households(db, district.admin, small_register(tmp_path / "a.xlsx"))
    second = ri.import_households(db, district.admin, small_register(tmp_path / "b.xlsx", child_grade="一级"))
    assert second.batch_id is not None and second.content_hash != first.content_hash


def test_a_cancelled_register_import_leaves_no_hash_behind(db: Database, district: District, tmp_path: Path) -> None:
    add_regions(db, district)
    path = small_register(tmp_path / "a.xlsx")

    class CancelWhileWriting(Progress):
        def report(self, done: int, total: int = 0, text: str = "") -> None:
            if text.startswith("正在写入"):
                self.cancel()
            super().report(done, total, text)

    with pytest.raises(Cancelled):
        ri.import_households(db, district.admin, path, progress=CancelWhileWriting())
    assert count(db, ImportBatch) == 0 and count(db, Household) == 0
    assert ri.import_households(db, district.admin, register_as_csv(path, tmp_path / "a.csv")).batch_id


def test_the_command_line_refuses_the_register_as_it_refuses_the_file(db: Database, district: District,
                                                                      tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    add_regions(db, district)
    path = small_register(tmp_path / "a.xlsx")
    url = url_of(db)
    assert cli_main(["import", "households", str(path), "--database-url", url]) == 0
    capsys.readouterr()
    copy = register_as_csv(path, tmp_path / "a.csv")
    dry = check_refused(["import", "households", str(copy), "--dry-run", "--json", "--database-url", url], capsys,
                        "already_imported")  # a dry run foretells the refusal
    assert "家庭台账,原文件名“a.xlsx”)相同" in dry["error"]
    refused = check_refused(["import", "households", str(copy), "--json", "--database-url", url], capsys,
                            "already_imported")
    assert "家庭台账,原文件名“a.xlsx”)相同" in refused["error"]


# -- the migration ------------------------------------------------------------------------------

def test_batches_from_before_the_migration_have_no_content_hash(tmp_path: Path) -> None:
    db = database.open_database(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    database.migrate(db)
    database.downgrade(db, "0009")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO import_batches (kind, department, file_name, file_hash, sheet, header_row, "
                          "mapping, counts, imported_by, created_at) VALUES ('department', 'health', 'a.xlsx', "
                          "'ab', 'Sheet1', 1, '{}', '{}', '甲', '2026-01-01')"))
    database.migrate(db)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT file_name, content_hash FROM import_batches")).one() == ("a.xlsx", None)
    db.dispose()


# -- the windows --------------------------------------------------------------------------------

def test_the_wizard_shows_the_repeat_as_it_shows_the_file(qtbot: Any, sqlite_district: District,
                                                          tmp_path: Path) -> None:
    from desktop.views.context import AppContext
    from tests.test_discovery_views import _run_wizard

    d = sqlite_district
    path = write_xlsx(tmp_path / "卫健名单.xlsx", ROWS)
    first = di.import_department_list(d.db, d.admin, path, "卫健")
    wizard = _run_wizard(qtbot, AppContext(d.db, d.admin), as_csv(path, tmp_path / "卫健名单.csv"), "卫健")
    page = wizard.dry_run_page
    assert f"与批次 {first.batch_id}(卫健名单,原文件名“卫健名单.xlsx”)相同" in page.warning.text()
    assert not page.isComplete()  # the import button stays disabled
    assert page.subTitle() == page.tr("The whole file was screened; nothing has been written. It was imported "
                                      "before and cannot be imported again.")
    assert page.counts.shown()["data_rows"] == 5


def test_the_register_dialog_shows_the_repeat_as_it_shows_the_file(qtbot: Any, sqlite_district: District,
                                                                   tmp_path: Path, shown_errors: Any,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.views.context import AppContext
    from desktop.views.operations import wait_for_background
    from desktop.views.register_import import RegisterImportDialog

    d = sqlite_district
    add_regions(d.db, d)
    path = small_register(tmp_path / "台账.xlsx")
    first = ri.import_households(d.db, d.admin, path)
    dialog = RegisterImportDialog(AppContext(d.db, d.admin))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(resave(path, tmp_path / "台账(另存).xlsx")))
    dialog.run(dry_run=True)
    assert wait_for_background()
    said = f"与批次 {first.batch_id}(家庭台账,原文件名“台账.xlsx”)相同"
    assert said in dialog.summary.text() and "#c0392b" in dialog.summary.styleSheet()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes))
    dialog.run(dry_run=False)
    assert wait_for_background()
    assert said in dialog.summary.text() and len(shown_errors.plain) == 1 and said in shown_errors.plain[0]
    assert count(d.db, ImportBatch) == 1
