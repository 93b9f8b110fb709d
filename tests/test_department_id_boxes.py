"""ID numbers written one character per cell, as on a paper form copied cell by cell.

Found in an acceptance round: the 公民身份号码 of a list typed from paper forms stands in 18 narrow
columns, one digit (or X) per cell, the header "身份证号码" merged across them (sometimes across 15 of
them with 3 more beside it unnamed, or with a second header row numbering the boxes 1 … 18). Only the
first of those columns was read, so every person counted as a number of the wrong `length`. A clerk
reads the whole number: so does the import now, in .xlsx, .xls, .ods and a web page's table (colspan),
the wizard shows the joined number and finds the same counts, and the error workbook writes a bad row
back one character per cell, as it was sent."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from desktop.io import spreadsheet as ss
from desktop.rules import idcard
from desktop.services import department_import as di
from desktop.services.database import Database
from tests.district import District
from tests.test_department_variants_s15 import Raw, ods, ods_row, wizard_counts_as_the_command, xls
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_discovery_views import messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import IN, Ids, Row, expected, people, registered, run  # noqa: F401

BOXES = 18
FIRST_BOX = 2  # column C, after 序号 and 姓名
AFTER = FIRST_BOX + BOXES  # column U: 联系电话, then 住址


def boxed_people() -> list[Row]:
    """The usual mix (tests/test_import_department_files.py) as a clerk copies it from the forms, one
    character per box: valid numbers (one in full-width digits, one ending in a lowercase x), a legacy
    15-digit number (its last three boxes blank), a wrong check character, a number one box short, an
    impossible birth date, two repeats and a form whose boxes were left empty."""
    return [(name, number.replace(" ", ""), what) for name, number, what in people(Ids(), text=False)]


# the --json counts of boxed_people(), as a clerk reading the boxes finds them
WANT = {"data_rows": 13, "valid": 7, "invalid": {"check character": 1, "length": 1, "birth date": 1, "empty": 1},
        "duplicates": 2, "legacy_15_converted": 1, "in_assistance": 2, "known": 1, "new": 4}


def boxes(number: str, *, as_numbers: bool = False) -> list[Any]:
    """One character per box, the boxes past the number's end left empty (None); digits as numbers
    when ``as_numbers`` (typed into Excel cells, they are)."""
    return [None if i >= len(number) else int(number[i]) if as_numbers and number[i].isdigit() else number[i]
            for i in range(BOXES)]


def person(i: int, name: str, number: str, *, as_numbers: bool = False) -> list[Any]:
    return [i, name, *boxes(number, as_numbers=as_numbers), "13800000000", "八泉街道"]


def xlsx_boxes(path: Path, rows: list[Row], *, shape: str = "merged", as_numbers: bool = False) -> Path:
    """A title row, then the header: "身份证号码" merged over the 18 boxes (``shape`` "merged"), over 15
    of them with the other 3 unnamed ("split"), or over the 18 with a row under it numbering them 1 … 18
    ("numbered", 序号 and 姓名 merged down both rows)."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("名单")
    ws.merge_range(0, 0, 0, AFTER + 1, "2026年低保对象核查名单(按户籍登记表填写)")
    top = 1
    if shape == "numbered":
        ws.merge_range(1, 0, 2, 0, "序号")
        ws.merge_range(1, 1, 2, 1, "姓名")
        ws.merge_range(1, FIRST_BOX, 1, AFTER - 1, "身份证号码")
        ws.merge_range(1, AFTER, 2, AFTER, "联系电话")
        ws.merge_range(1, AFTER + 1, 2, AFTER + 1, "住址")
        ws.write_row(2, FIRST_BOX, list(range(1, BOXES + 1)))
        top = 2
    else:
        ws.write_row(1, 0, ["序号", "姓名"])
        ws.merge_range(1, FIRST_BOX, 1, FIRST_BOX + (14 if shape == "split" else BOXES - 1), "身份证号码")
        if shape == "split":
            ws.merge_range(1, FIRST_BOX + 15, 1, AFTER - 1, "")
        ws.write_row(1, AFTER, ["联系电话", "住址"])
    ws.set_column(FIRST_BOX, AFTER - 1, 2.5)
    for i, (name, number, _what) in enumerate(rows, 1):
        for c, value in enumerate(person(i, name, number, as_numbers=as_numbers)):
            if value is not None:
                ws.write(top + i, c, value)
    book.close()
    return path


def xls_boxes(path: Path, rows: list[Row]) -> Path:
    """The same as a legacy .xls (xlwt), the digits typed as numbers."""
    lines: list[list[Any]] = [["2026年低保对象核查名单"], ["序号", "姓名", "身份证号码", *[None] * (BOXES - 1), "联系电话", "住址"]]
    lines += [person(i, name, number, as_numbers=True) for i, (name, number, _w) in enumerate(rows, 1)]
    return xls(path, [("名单", lines)], merges=[(0, 0, 0, 0, AFTER + 1), (0, 1, 1, FIRST_BOX, AFTER - 1)])


def ods_boxes(path: Path, rows: list[Row]) -> Path:
    """The same as LibreOffice saves it: the header cell spanning the boxes, covered cells under the span."""
    spanned = Raw(f'<table:table-cell table:number-columns-spanned="{BOXES}" table:number-rows-spanned="1" '
                  f'office:value-type="string"><text:p>身份证号码</text:p></table:table-cell>'
                  f'<table:covered-table-cell table:number-columns-repeated="{BOXES - 1}"/>')
    header = ods_row(["序号", "姓名"])[:-len("</table:table-row>")] + spanned.xml + ods_row(["联系电话", "住址"])[
        len("<table:table-row>"):]
    body = ods_row(["2026年低保对象核查名单"]) + header + "".join(
        ods_row(person(i, name, number)) for i, (name, number, _w) in enumerate(rows, 1))
    return ods(path, [("名单", body)])


def html_boxes(path: Path, rows: list[Row]) -> Path:
    """A web system's "导出Excel": an HTML table, the header cell over the boxes with colspan."""
    page = ["<html><head><meta charset=utf-8></head><body><table border=1>",
            f"<tr><td colspan={AFTER + 2}>2026年低保对象核查名单</td></tr>",
            f"<tr><th>序号</th><th>姓名</th><th colspan={BOXES}>身份证号码</th><th>联系电话</th><th>住址</th></tr>"]
    for i, (name, number, _w) in enumerate(rows, 1):
        cells = person(i, name, number)
        page.append("<tr>" + "".join(f"<td>{escape(str(v)) if v is not None else ''}</td>" for v in cells) + "</tr>")
    path.write_bytes("\n".join([*page, "</table></body></html>"]).encode("utf-8"))
    return path


FILES = {
    "xlsx merged over 18": lambda tmp, rows: xlsx_boxes(tmp / "低保_逐格.xlsx", rows),
    "xlsx merged over 15 and 3 unnamed": lambda tmp, rows: xlsx_boxes(tmp / "低保_15加3.xlsx", rows, shape="split"),
    "xlsx boxes numbered 1 to 18, digits as numbers": lambda tmp, rows: xlsx_boxes(
        tmp / "低保_编号格.xlsx", rows, shape="numbered", as_numbers=True),
    "xls": lambda tmp, rows: xls_boxes(tmp / "低保_逐格.xls", rows),
    "ods": lambda tmp, rows: ods_boxes(tmp / "低保_逐格.ods", rows),
    "html colspan": lambda tmp, rows: html_boxes(tmp / "低保_网页.xls", rows),
}


def test_the_cases_are_what_a_clerk_counts() -> None:
    assert expected(boxed_people()) == WANT


@pytest.mark.parametrize("shape", FILES)
def test_the_boxes_are_read_as_one_number(screened: Database, tmp_path: Path, shape: str,  # noqa: F811
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Was: {"length": 12, "empty": 1}, every number read from its first box alone."""
    path = FILES[shape](tmp_path, boxed_people())
    code, got = run(screened, capsys, path, "--dry-run")
    assert code == 0, got
    assert {k: got[k] for k in WANT} == WANT
    assert got["columns"]["id_number"] == {"column": "C", "header": "身份证号码", "last_column": "T"}
    assert got["columns"]["phone"]["column"] == "U" and got["columns"]["address"]["column"] == "V"


def _error_sheet(path: Path) -> list[list[Any]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


@pytest.mark.parametrize("shape", ["xlsx merged over 18", "xls"])
def test_the_error_workbook_writes_the_boxes_back_as_they_were(screened: Database, tmp_path: Path,  # noqa: F811
                                                               shape: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad row goes back one character per box under the header merged over them, so the office
    corrects the box that is wrong; the repeat and the empty form with it."""
    rows = boxed_people()
    path = FILES[shape](tmp_path, rows)
    errors = tmp_path / "需更正.xlsx"
    code, got = run(screened, capsys, path, "--errors", str(errors))
    assert code == 0, got
    assert {k: got[k] for k in WANT} == WANT
    table = _error_sheet(errors)
    header = [str(v) for v in table[1]]
    assert header[:3] == ["序号", "姓名", "身份证号码"] and header[FIRST_BOX + 1:AFTER] == [""] * (BOXES - 1)
    assert header[AFTER:AFTER + 2] == ["联系电话", "住址"]
    at = header.index("原文件行号")
    written = {int(r[at]): r for r in table[2:] if r[at] != ""}
    bad = list(range(10, 16))  # the rows of 赵强, 吴磊, 周军, 徐洋, 孙勇 and 马艳 in the sent sheet
    assert sorted(written) == bad
    for row, (name, number, _what) in zip(bad, rows[7:], strict=True):
        line = written[row]
        assert line[1] == name
        assert [ss.cell_text(v) for v in line[FIRST_BOX:AFTER]] == [c or "" for c in boxes(number)]
        assert line[AFTER:AFTER + 2] == ["13800000000", "八泉街道"]
    assert written[11][at + 1] == "身份证号位数不对(应为18位或15位)"
    assert written[13][at + 1] == written[15][at + 1] == "与第3行重复"
    assert written[14][at + 1] == "身份证号为空"
    merges = CalamineWorkbook.from_path(str(errors)).get_sheet_by_index(0).merged_cell_ranges
    assert ((1, FIRST_BOX), (1, AFTER - 1)) in merges


def test_the_preview_shows_the_joined_number(tmp_path: Path) -> None:
    rows = boxed_people()
    preview = di.preview(FILES["xlsx merged over 18"](tmp_path, rows))
    assert preview.mapping == {"name": 1, "id_number": FIRST_BOX, "phone": AFTER, "address": AFTER + 1}
    assert [r[FIRST_BOX] for r in preview.sample_rows] == [number for _n, number, _w in rows]
    assert preview.sample_rows[6][FIRST_BOX] == rows[6][1] and len(rows[6][1]) == 15  # the legacy number


@pytest.mark.parametrize("shape", ["xlsx merged over 18", "xlsx boxes numbered 1 to 18, digits as numbers", "ods"])
def test_the_wizard_finds_what_the_command_prints(qtbot: Any, registered: Database,  # noqa: F811
                                                  sqlite_district: District, tmp_path: Path, shape: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    rows = boxed_people()
    wizard = wizard_counts_as_the_command(qtbot, registered, sqlite_district, capsys,
                                          FILES[shape](tmp_path, rows), expected(rows))
    model = wizard.preview_page.model
    shown = [(model.index(r, 1).data(), model.index(r, 2).data()) for r in range(model.rowCount())]  # 行号 | 身份证号 | 姓名
    # (full-width digits typed as numbers are numbers: compared as the import reads them)
    assert [(idcard.normalize(n), name) for n, name in shown] == [
        (idcard.normalize(number), name) for name, number, _what in rows]
    assert shown[:2] == [(rows[0][1], "王伟"), (IN, "李芳")]


def test_an_id_column_merged_over_two_columns_is_no_boxes(tmp_path: Path) -> None:
    """"身份证号" merged over C:D, the numbers whole in C: one value per row as before, no boxes; nor
    are 18 columns of single characters under a header not merged over them."""
    path = tmp_path / "两格.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("名单")
    ws.write_row(0, 0, ["序号", "姓名"])
    ws.merge_range(0, 2, 0, 3, "身份证号")
    number = idcard.make("420203", date(1980, 5, 6), 31)
    ws.write_row(1, 0, [1, "王伟", number, "备注"])
    book.close()
    with ss.open_workbook(path) as opened:
        layout = ss.find_layout(opened)
        assert layout.id_boxes is None
        assert [r.values[2] for r in ss.data_rows(opened, layout)] == [number]
    loose = tmp_path / "未合并.xlsx"
    book = xlsxwriter.Workbook(str(loose))
    ws = book.add_worksheet("名单")
    ws.write_row(0, 0, ["序号", "姓名", "身份证号码"])
    ws.write_row(1, 0, [1, "王伟", *number])
    book.close()
    with ss.open_workbook(loose) as opened:
        assert ss.find_layout(opened, require_id=False).id_boxes is None


def test_a_full_width_x_in_the_last_box_is_a_box(tmp_path: Path) -> None:
    """An IME left the check character as "Ｘ" (or "ｘ") in the last box: still one character per cell."""
    stem = next(n for n in (idcard.make("420203", date(1980, 5, k), 1) for k in range(1, 29)) if n.endswith("X"))
    rows = [("王伟", stem[:-1] + "Ｘ", "valid"), ("李芳", idcard.make("420203", date(1981, 6, 7), 2), "valid")]
    path = tmp_path / "全角X.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("名单")
    ws.write_row(0, 0, ["序号", "姓名"])
    ws.merge_range(0, FIRST_BOX, 0, FIRST_BOX + BOXES - 1, "身份证号码")
    for i, (name, number, _what) in enumerate(rows, start=1):
        ws.write_row(i, 0, [i, name, *number])
    book.close()
    with ss.open_workbook(path) as opened:
        layout = ss.find_layout(opened)
        assert layout.id_boxes == (FIRST_BOX, FIRST_BOX + BOXES - 1)
        assert [idcard.normalize(r.values[FIRST_BOX]) for r in ss.data_rows(opened, layout)] == [
            stem, rows[1][1]]


def test_the_summary_names_the_boxes(screened: Database, tmp_path: Path,  # noqa: F811
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from desktop import cli

    path = FILES["xlsx merged over 18"](tmp_path, boxed_people())
    capsys.readouterr()
    url = screened.url.render_as_string(hide_password=False)
    assert cli.main(["--database-url", url, "import", "department", str(path), "--department", "医保", "--dry-run"]) == 0
    assert "  身份证号取自 C–T 列“身份证号码”(每格一位,连起来读),姓名取自 B 列“姓名”。" in capsys.readouterr().out
