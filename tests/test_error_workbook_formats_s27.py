"""The error workbook shows the rows' numbers and dates as the list did (session 27): an amount with two
decimals and thousands separators, a percentage, a date written yyyy"年"m"月"d"日", a time of day — read from
the .xlsx or .xls the list came in (Workbook.number_formats), not all as General and yyyy-mm-dd."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwt

from desktop.io import error_workbook as eb
from desktop.io import register_template as tpl
from desktop.io import spreadsheet as ss
from desktop.services import department_import as di
from desktop.services import register_import as ri
from desktop.services.database import Database
from tests.district import District
from tests.test_import_department import A
from tests.test_import_register import H1, H1_SPOUSE, row

HEADER = ["序号", "姓名", "身份证号码", "救助金额", "自付比例", "出生日期", "登记时间"]
BAD = ["420203199001011230", "420203199001011231", "4202031990010112"]  # check digit wrong ×2, too short
FORMATS = ["General", "General", "@", "#,##0.00", "0.00%", 'yyyy"年"m"月"d"日"', "yyyy/m/d h:mm"]


def _list_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["2026年医疗救助对象名单"])
    ws.append(HEADER)
    for i, number in enumerate([A, *BAD], start=1):
        ws.append([i, f"张{i}", number, 1234.5 * i, 0.15, dt.date(1990, 1, i), dt.datetime(2026, 1, i, 8, 30)])
    for cells in ws.iter_rows(min_row=3):
        for cell, number_format in zip(cells, FORMATS, strict=True):
            cell.number_format = number_format
    book.save(path)
    return path


def _list_xls(path: Path) -> Path:
    book = xlwt.Workbook()
    ws = book.add_sheet("名单")
    for c, h in enumerate(HEADER[:6]):
        ws.write(0, c, h)
    styles = [None, None, None, *(xlwt.easyxf(num_format_str=f) for f in FORMATS[3:6])]
    for r, number in enumerate([A, *BAD], start=1):
        for c, value in enumerate([r, f"张{r}", number, 1234.5 * r, 0.15, dt.date(1990, 1, r)]):
            ws.write(r, c, value, styles[c]) if styles[c] is not None else ws.write(r, c, value)
    book.save(str(path))
    return path


def _shown(path: Path) -> list[list[tuple[object, str]]]:
    ws = openpyxl.load_workbook(path).active
    return [[(c.value, c.number_format) for c in r] for r in ws.iter_rows()]


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_a_lists_error_rows_keep_its_number_and_date_formats(db: Database, district: District, tmp_path: Path,
                                                             kind: str) -> None:
    path = _list_xlsx(tmp_path / "名单.xlsx") if kind == "xlsx" else _list_xls(tmp_path / "名单.xls")
    result = di.import_department_list(db, district.admin, path, "医保", dry_run=True)
    assert (result.data_rows, result.valid, sum(result.invalid.values())) == (4, 1, 3)
    out = tmp_path / "需更正.xlsx"
    assert di.write_error_workbook(path, result, out) == 3
    rows = _shown(out)
    first = rows[2] if kind == "xlsx" else rows[1]  # the title row kept above the header
    assert first[2] == (BAD[0], "@")  # the ID number stays text
    assert first[3] == (1234.5 * 2, "#,##0.00") and first[4] == (0.15, "0.00%")
    assert first[5] == (dt.datetime(1990, 1, 2), 'yyyy"年"m"月"d"日"')
    if kind == "xlsx":
        assert first[6] == (dt.datetime(2026, 1, 2, 8, 30), "yyyy/m/d h:mm")
    assert first[0] == (2, "General")  # a serial number as it was


def test_a_csv_list_gets_plain_formats(db: Database, district: District, tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text("姓名,身份证号码,金额,日期\n张一,420203199001011230,1234.50,2026-01-02\n", encoding="utf-8")
    assert ss.open_workbook(path).number_formats("名单", 2) == {}  # a text file has none
    result = di.import_department_list(db, district.admin, path, "医保", dry_run=True)
    assert di.write_error_workbook(path, result, tmp_path / "e.xlsx") == 1


def test_built_in_chinese_formats_and_a_damaged_styles_part(tmp_path: Path) -> None:
    """A built-in format only a Chinese Excel names (31: yyyy"年"m"月"d"日") is written as its text; a workbook
    whose styles part is missing shows its numbers as General, and is still read."""
    path = _list_xlsx(tmp_path / "a.xlsx")
    book = ss.open_workbook(path)
    assert book.number_formats("Sheet", 3) == {3: 4, 4: 10, 5: 'yyyy"年"m"月"d"日"', 6: "yyyy/m/d h:mm"}
    assert book.number_formats("Sheet", 100) == {}  # no rows there
    damaged = tmp_path / "b.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/styles.xml":
                continue
            target.writestr(item, data)
    assert ss.open_workbook(damaged).number_formats("Sheet", 3) == {}
    assert ss.CJK_FORMATS[31] == 'yyyy"年"m"月"d"日"'
    assert eb.is_date_format(31) and eb.is_date_format(14) and not eb.is_date_format(4)
    assert eb.is_date_format('yyyy"年"m"月"') and eb.is_date_format("[$-F800]dddd, mmmm dd, yyyy")
    assert not eb.is_date_format('#,##0.00"元"') and not eb.is_date_format("0.00_);[Red](0.00)")


def test_a_registers_error_rows_keep_its_amount_format(db: Database, district: District, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "家庭台账"
    ws.append(list(tpl.HEADER))
    ws.append(row(户编号="G2", 与户主关系="本人", 姓名="户主", 身份证号=H1, 街道="八泉街道", 社区="八泉社区",
                  工资性收入=24000.5))
    ws.append(row(户编号="G2", 与户主关系="配偶", 姓名="配偶", 身份证号=H1_SPOUSE[:17] + "0", 工资性收入=1200))
    wage = tpl.HEADER.index("工资性收入")
    for cells in ws.iter_rows(min_row=2):
        cells[wage].number_format = "#,##0.00"
        cells[wage].value = cells[wage].value or None
    book.save(path := tmp_path / "台账.xlsx")
    result = ri.import_households(db, district.admin, path, dry_run=True)
    assert ri.write_error_workbook(path, result, out := tmp_path / "e.xlsx") == 2
    rows = _shown(out)
    assert [r[wage] for r in rows[1:]] == [(24000.5, "#,##0.00"), (1200, "#,##0.00")]


@pytest.mark.parametrize(("top", "header", "landscape"), [
    # a title line over a header two rows high: the header repeats, the title is printed once
    (eb.SheetTop([["2026年医保大额支出名单"], ["序号", "姓名", "身份证号码"], [None, None, None]], 1), "$2:$3", False),
    # a wide list: printed across the page
    (eb.SheetTop([[f"列{n}" for n in range(12)]], 0), "$1:$1", True),
    # no header in the file: the row naming the columns read repeats
    (eb.SheetTop([], 0), "$1:$1", False),
])
def test_the_error_workbook_prints_with_its_header_on_every_page(tmp_path: Path, top: eb.SheetTop, header: str,
                                                                 landscape: bool) -> None:
    """It is printed and corrected by hand: A4, its columns on the page's width, the header rows on
    every page and the page numbers at the foot."""
    out = tmp_path / "需更正.xlsx"
    rows = [(n, ["1", f"人{n}", A], "身份证号校验码不对") for n in range(3, 203)]
    assert eb.write_error_rows(out, top, rows, text_column=2, names={1: "姓名", 2: "身份证号"}) == 200
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws.print_title_rows == header
    assert (ws.page_setup.paperSize, ws.page_setup.orientation) == (9, "landscape" if landscape else "portrait")
    assert ws.sheet_properties.pageSetUpPr.fitToPage  # one page wide (the default, left out), as many long:
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.oddFooter.center.text == "第 &P 页,共 &N 页"
