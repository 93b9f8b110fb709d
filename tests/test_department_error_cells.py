"""Formula error values (#N/A of a VLOOKUP that found nothing, #REF! of a deleted source) in a department
list. The spreadsheet reader gives such a cell as empty; an ID cell holding one is counted under its own
reason (formula error), its message naming the value, in the command's --json, the error workbook and
the wizard; a row holding only error values is a person's row with a bad ID, counted, not skipped; a
truly blank row below, or a template's spare row whose lookup key is not filled in, is not a row."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwt  # type: ignore[import-untyped]
from sqlalchemy import select

from desktop.models.discovery import Clue, ImportRow
from desktop.services import department_import as di
from desktop.services.database import Database
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_department_variants_s15 import error_rows, wizard_counts_as_the_command
from tests.test_department_variants_s17 import rezipped
from tests.test_discovery_views import messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import Ids, registered, run  # noqa: F401 (registered is a fixture)

HEADER = ["序号", "姓名", "身份证号码", "家庭住址"]
ERROR = "formula error"  # the reason key the --json output gives
VLOOKUP = b"<f>VLOOKUP(B3,Sheet2!A:B,2,FALSE)</f>"


def lines() -> list[list[Any]]:
    """Two good people, one whose ID lookup found nothing (#N/A, its address #REF!), one row all #REF!
    but its serial number, one whose ID gives #VALUE!; a spare row of the template (ID #N/A, no name)
    and blank rows below."""
    ids = Ids()
    return [HEADER,
            [1, "王伟", ids.new(), "八泉街道1号"],
            [2, "李芳", "#N/A", "#REF!"],
            [3, "#REF!", "#REF!", "#REF!"],
            [4, "张娜", "#VALUE!", "闸口街道2号"],
            [5, "刘英", ids.new(), "#N/A"],
            [None, None, "#N/A", None],
            [None, None, None, None],
            [None, None, None, None]]


WANT = {"data_rows": 5, "valid": 2, "invalid": {ERROR: 3}, "duplicates": 0, "new": 2}
REASONS = {3: "#N/A", 4: "#REF!", 5: "#VALUE!"}


def xlsx_of(path: Path) -> Path:
    """Error values as Excel saves them: typed (t="e"), and row 3's ID the saved result of a VLOOKUP
    (openpyxl's flag asking to calculate on opening taken out, as Excel saves the workbook)."""
    book = openpyxl.Workbook()
    ws = book.active
    for line in lines():
        ws.append(line)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("#"):
                cell.data_type = "e"
    book.create_sheet("Sheet2")
    book.save(path.with_suffix(".tmp.xlsx"))
    out = rezipped(path.with_suffix(".tmp.xlsx"), path,
                   {b'<c r="C3" t="e"><v>#N/A</v>': b'<c r="C3" t="e">' + VLOOKUP + b"<v>#N/A</v>",
                    b' fullCalcOnLoad="1"': b""})  # saved by Excel: calculated
    path.with_suffix(".tmp.xlsx").unlink()
    return out


def xls_of(path: Path) -> Path:
    """Error values in a legacy .xls (BOOLERR records; xlwt takes the codes, not '#N/A')."""
    codes = {"#N/A": 0x2A, "#REF!": 0x17, "#VALUE!": 0x0F}
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("名单")
    for r, line in enumerate(lines()):
        for c, value in enumerate(line):
            if value in codes:
                ws.row(r).set_cell_error(c, codes[value])
            elif value is not None:
                ws.write(r, c, value)
    book.save(str(path))
    return path


def csv_of(path: Path) -> Path:
    """A CSV holds the error value as its text (Excel's 另存为 CSV writes what the cell shows)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([["" if v is None else v for v in line] for line in lines()])
    return path


WRITERS = {"xlsx": xlsx_of, "xls": xls_of, "csv": csv_of}


def test_the_xlsx_holds_what_the_test_says(tmp_path: Path) -> None:
    import zipfile

    data = zipfile.ZipFile(xlsx_of(tmp_path / "l.xlsx")).read("xl/worksheets/sheet1.xml")
    assert b'<c r="C3" t="e">' + VLOOKUP + b"<v>#N/A</v>" in data and b'<c r="B4" t="e"><v>#REF!</v>' in data


@pytest.mark.parametrize("kind", WRITERS)
def test_an_error_value_in_the_id_column_is_counted_as_one(db: Database, district: District, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str], kind: str) -> None:
    path = WRITERS[kind](tmp_path / f"名单.{kind}")
    code, got = run(db, capsys, path, "--dry-run")
    assert code == 0, got
    assert {k: got[k] for k in WANT} == WANT
    # imported for good: the same counts, and the error workbook names the value on each row
    errors = tmp_path / "errors.xlsx"
    code, kept = run(db, capsys, path, "--errors", str(errors))
    assert code == 0, kept
    assert {k: kept[k] for k in WANT} == WANT
    written = dict(error_rows(errors))
    assert set(written) == set(REASONS)
    for row, value in REASONS.items():
        assert written[row].startswith(f"公式出错({value})"), written[row]
    # written again later from the batch kept in the database: the same messages
    again = tmp_path / "again.xlsx"
    di.write_error_workbook(path, kept["batch_id"], again, db=db, actor=district.admin)
    assert dict(error_rows(again)) == written


def test_the_reason_has_its_label() -> None:
    assert "公式出错" in di.reason_label(ERROR)


@pytest.mark.parametrize("kind", WRITERS)
def test_error_values_elsewhere_are_not_names_or_addresses(db: Database, district: District, tmp_path: Path,
                                                           kind: str) -> None:
    """An error value in the name or address column of a person's row is empty, not the text "#N/A"
    (a CSV holds it as that text; the other readers give the cell as empty)."""
    path = WRITERS[kind](tmp_path / f"名单.{kind}")
    result = di.import_department_list(db, district.admin, path, "医保")
    with db.session_factory() as s:
        rows = s.execute(select(ImportRow.row_number, ImportRow.name, ImportRow.raw_id, ImportRow.data).where(
            ImportRow.batch_id == result.batch_id)).all()
        clues = s.execute(select(Clue.person_name, Clue.address).where(Clue.batch_id == result.batch_id)).all()
    assert not any("#" in (name or "") or "#" in str(data or "") for _n, name, _raw, data in rows)
    assert {n: raw for n, _name, raw, _data in rows if n in REASONS} == REASONS
    assert sorted(clues) == [("刘英", ""), ("王伟", "八泉街道1号")]


def test_every_error_text_of_a_csv_is_empty_in_name_phone_and_address(db: Database, district: District,
                                                                      tmp_path: Path) -> None:
    """Each of Excel's error texts in the name, phone or address cell of a CSV: read as empty, in the
    clue and in the batch's row; a text that only starts with "#" is kept."""
    ids = Ids()
    texts = ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!"]
    lines = [["姓名", "身份证号码", "联系电话", "家庭住址"]]
    lines += [[text, ids.new(), f" {text}", text] for text in texts]
    lines.append(["#号楼的王伟", ids.new(), "#13800000001", "#3栋2单元"])
    path = tmp_path / "名单.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(lines)
    result = di.import_department_list(db, district.admin, path, "医保")
    assert result.valid == len(texts) + 1
    with db.session_factory() as s:
        clues = s.execute(select(Clue.person_name, Clue.phone, Clue.address).where(
            Clue.batch_id == result.batch_id).order_by(Clue.id)).all()
        rows = s.execute(select(ImportRow.name, ImportRow.data).where(
            ImportRow.batch_id == result.batch_id).order_by(ImportRow.row_number)).all()
    assert clues == [("", "", "")] * len(texts) + [("#号楼的王伟", "#13800000001", "#3栋2单元")]
    assert [(name, data.get("phone"), data.get("address")) for name, data in rows] == \
        [("", None, None)] * len(texts) + [("#号楼的王伟", "#13800000001", "#3栋2单元")]


def test_the_preview_shows_the_error_value(db: Database, district: District, tmp_path: Path) -> None:
    preview = di.preview(xlsx_of(tmp_path / "名单.xlsx"), "医保", db=db)
    checks = di.check_samples(preview, preview.mapping)
    by_row = dict(zip(preview.sample_row_numbers, checks, strict=True))
    assert by_row[3].message.startswith("公式出错(#N/A)") and by_row[4].message.startswith("公式出错(#REF!)")


def test_the_wizard_counts_them_as_the_command(qtbot: Any, registered: Database,  # noqa: F811
                                              sqlite_district: District, messages: list[str],  # noqa: F811
                                              tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = xlsx_of(tmp_path / "名单.xlsx")
    want = {"data_rows": 5, "valid": 2, "invalid": {ERROR: 3}, "duplicates": 0, "legacy_15_converted": 0,
            "in_assistance": 0, "known": 0, "new": 2}
    wizard = wizard_counts_as_the_command(qtbot, registered, sqlite_district, capsys, path, want)
    assert wizard is not None
    assert wait_for_background()


def test_blank_rows_and_signatures_do_not_make_the_sheet_read_again(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Looking for error values reads the sheet's XML a second time: only a row with a name or a 序号 and
    an empty ID cell asks for it, never the blank row and signature line most lists end with (a
    100,000-row list would pay a tenth of a second for nothing)."""
    from desktop.io import spreadsheet as ss

    looks: list[str] = []
    real = ss._xlsx_formulas_without_result
    monkeypatch.setattr(ss, "_xlsx_formulas_without_result", lambda path, sheet: looks.append(sheet) or real(path, sheet))
    path = tmp_path / "clean.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["困难职工名单"])
    ws.append(HEADER)
    ids = Ids()
    for i, number in enumerate([ids.new() for _ in range(3)], start=1):
        ws.append([i, f"张{i}", number, "飞云社区"])
    ws.append([])
    ws.append(["制表人:王五  审核人:赵六  制表日期:2026年10月8日"])
    book.save(path)
    with ss.open_workbook(path) as wb:
        assert sum(1 for _ in ss.data_rows(wb, ss.find_layout(wb))) == 3
    assert looks == []
