"""Rows hidden in a department's sheet (by hand, or by a filter showing one 街道 only) are read and
counted as any other; the command and the wizard say how many there are, and what to do if they
should not have been imported, since whoever opens the file sees fewer rows than the counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.cli import main as cli_main
from desktop.io import spreadsheet as ss
from desktop.services import department_import as di
from desktop.services.database import Database
from desktop.views.context import AppContext
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_department_variants_s15 import _run_wizard
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_discovery_views import messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import Ids, registered  # noqa: F401 (a fixture)
from tests.test_register_libreoffice import shangyao  # noqa: F401 (a fixture)

DATA = Path(__file__).parent / "data" / "import"
# written by LibreOffice (as .xls, .xlsx and .ods): header rows 1–2, rows 8 and 10 hidden by hand
HIDDEN = "LibreOffice_合并表头隐藏行筛选批注"


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_the_rows_hidden_in_each_format(suffix: str) -> None:
    path = DATA / f"{HIDDEN}.{suffix}"
    with ss.open_workbook(path) as book:
        sheet, fmt = ss.find_layout(book).sheet, book.format
    assert ss.hidden_rows(path, sheet, fmt) == {8, 10}
    assert ss.hidden_rows(path, "没有这个工作表", fmt) == frozenset()


def filtered(tmp: Path) -> Path:
    """An .xlsx as Excel saves a filter on 街道: the rows of other 街道 marked hidden, a hidden row
    under the list (a footer) that is no data row."""
    ids = Ids()
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "名单"
    ws.append(["2026年第四季度困难职工名单"])
    ws.append(["姓名", "身份证号", "街道"])
    for i in range(8):
        ws.append([f"人{i}", ids.new(), "八泉街道" if i % 2 else "澄月街道"])
    ws.append([])
    ws.append(["制表人:王"])
    for r in (3, 5, 7, 9, 12):
        ws.row_dimensions[r].hidden = True
    ws.auto_filter.ref = "A2:C10"
    book.save(tmp / "工会_名单_筛选.xlsx")
    return tmp / "工会_名单_筛选.xlsx"


def test_the_command_says_how_many_rows_are_hidden(screened: Database, tmp_path: Path,  # noqa: F811
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = filtered(tmp_path)
    url = ["--database-url", screened.url.render_as_string(hide_password=False)]
    assert cli_main(["import", "department", str(path), "--department", "区总工会", "--dry-run", *url]) == 0
    out = capsys.readouterr().out
    assert "数据行 8 = 有效 8" in out  # counted as any other row
    assert "注意:表格中有 4 行数据是隐藏的" in out and "请在原表格中删除它们后再导入" in out
    assert cli_main(["import", "department", str(path), "--department", "区总工会", "--json", *url]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["hidden_rows"] == 4 and got["data_rows"] == 8 and isinstance(got["batch_id"], int)
    assert cli_main(["import", "department", str(DATA / f"{HIDDEN}.xls"), "--department", "人社", *url]) == 0
    out = capsys.readouterr().out
    assert "有 2 行数据是隐藏的" in out and "relief-desk import undo" in out  # imported: undo first


def test_nothing_said_of_a_sheet_without_hidden_rows(screened: Database, district: District,  # noqa: F811
                                                     tmp_path: Path) -> None:
    path = DATA / "LibreOffice_说明在前名单在后.xlsx"
    result = di.import_department_list(screened, district.admin, path, "人社", dry_run=True)
    assert di.look_for_hidden_rows(result, path) == 0 and di.import_notes(result) == []
    csv = tmp_path / "名单.csv"
    csv.write_text("姓名,身份证号\n甲,420203199001011238\n", encoding="utf-8")
    result = di.import_department_list(screened, district.admin, csv, "人社", dry_run=True)
    assert di.look_for_hidden_rows(result, csv) == 0


def test_the_wizard_says_it_under_the_counts(qtbot: Any, registered: Database,  # noqa: F811
                                             sqlite_district: District, messages: list[str],  # noqa: F811
                                             tmp_path: Path) -> None:
    wizard = _run_wizard(qtbot, AppContext(registered, sqlite_district.admin), filtered(tmp_path), "区总工会")
    note = wizard.dry_run_page.counts.note
    assert "表格中有 4 行数据是隐藏的" in note.text() and not note.isHidden()
    assert wait_for_background()


def test_rows_without_their_numbers_are_counted() -> None:
    """A writer may leave the row numbers out (r="…"): each row is then the one after the last; a
    hidden column is no hidden row."""
    data = (b'<cols><col min="2" max="2" hidden="1"/></cols><row r="2"><c/></row><row hidden="1"></row>'
            b'<x:row r="7" hidden="true"><c/></x:row>')
    assert ss._xlsx_hidden_rows_counted(data) == {3, 7}


def test_a_registers_hidden_person_rows_are_said(db: Database, shangyao: District, tmp_path: Path,  # noqa: F811
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The household register (LibreOffice's, three households on rows 2–9) with two persons' rows
    hidden: read as every other row; the command, its --json and the window say which."""
    from tests.test_register_variants_s15 import import_json, run

    book = openpyxl.load_workbook(DATA / "家庭台账_LibreOffice.xlsx")
    for r in (3, 4):
        book.active.row_dimensions[r].hidden = True
    path = tmp_path / "家庭台账_隐藏两行.xlsx"
    book.save(path)
    _status, got = import_json(db, capsys, path, "--dry-run")
    assert got["hidden_rows"] == 2 and got["rows"] == 8 and got["households_rejected"] == 0
    _status, out, _err = run(db, capsys, str(path), "--dry-run")
    assert "注意:表格中有 2 行人员是隐藏的(手动隐藏或被筛选掉,第 3、4 行)" in out and "删除这些行后再导入" in out
    _status, got = import_json(db, capsys, DATA / "家庭台账_LibreOffice.xlsx", "--dry-run")
    assert got["hidden_rows"] == 0


def test_the_register_window_says_it(qtbot: Any, db: Database, shangyao: District, tmp_path: Path) -> None:  # noqa: F811
    from desktop.views.register_import import RegisterImportDialog

    book = openpyxl.load_workbook(DATA / "家庭台账_LibreOffice.xlsx")
    book.active.row_dimensions[5].hidden = True
    path = tmp_path / "家庭台账_隐藏一行.xlsx"
    book.save(path)
    dialog = RegisterImportDialog(AppContext(db, shangyao.admin))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    dialog.run(dry_run=True)
    assert wait_for_background()
    assert "表格中有 1 行人员是隐藏的(手动隐藏或被筛选掉,第 5 行)" in dialog.summary.text()
