"""Department lists as real offices send them, round 26 (after test_department_variants_s15.py to _s25.py).

Defects found (each a case below, failing before its fix): a mark typed before or after a whole ID number to
flag the row ("…1237*" a key household, "…1237✓", "√", "✔️", "＊") made the number one with bad characters;
a statistical form's 栏次 row under the header of a narrow list ("甲 | 乙 | 1", or "甲 | 乙 | 丙") was a person
whose ID number was "1" (only a row of three numbers or more was told), as was one starting with the word 栏次
("栏次 | 甲 | 乙") or leaving 序号 without a letter (" | 甲 | 乙").

The other cases are shapes not tried before that were right already: names with characters outside GBK
(𠀀) in a GB18030 CSV, also in its first line; a blank row after every person; the header again at every
printed page; the list on the third of five sheets (说明, 汇总 before it); a workbook and sheet protected
with a password, panes frozen, print titles, a filter; the same as .xls; an Excel table with its totals
row; each person on two rows, merged down; a copy's file name with spaces and brackets; tab-separated text
named .xls; UTF-16 without its byte-order mark; Excel 2003 XML with ss:Index; a script's CSV with its
unnamed index column; 证件类型 as codes (01, 03)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from openpyxl.workbook.protection import WorkbookProtection

from desktop.rules import idcard
from desktop.services.database import Database
from tests.district import District
from tests.test_department_variants_s15 import (
    counts_a_clerk_finds,
    listed,
    text_list,
    wizard_counts_as_the_command,
    xls,
)
from tests.test_department_variants_s17 import book_of
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_discovery_views import messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import IN, KNOWN, Ids, Row, expected, people, registered, run  # noqa: F401

HEADER = ["序号", "姓名", "身份证号码"]
RARE = "\U00020000"  # 𠀀, four bytes in GB18030 and UTF-8


def gb18030_rare_names_csv(tmp: Path) -> tuple[Path, dict]:
    """公安 (a system's export in GB18030, no BOM): names holding characters outside GBK (𠀀, 䶮), four bytes each."""
    rows = [(f"王{RARE}" if i % 2 else f"李䶮{RARE}", v, w) for i, (_n, v, w) in enumerate(people(Ids()))]
    return text_list(tmp / "公安_生僻字.csv", [HEADER] + listed(rows), rows, "gb18030")


def gb18030_rare_title_csv(tmp: Path) -> tuple[Path, dict]:
    """The same with a rare character already in the title line above the header (the first bytes read)."""
    rows = [(f"{RARE}{n}", v, w) for n, v, w in people(Ids())]
    return text_list(tmp / "公安_标题生僻字.csv", [[f"{RARE}家村名单"], HEADER] + listed(rows), rows, "gb18030")



def blank_spacer_rows(tmp: Path) -> tuple[Path, dict]:
    """卫健: every other row left blank (the clerk's way of making the printout airier)."""
    rows = people(Ids())
    lines: list[list[Any]] = [HEADER]
    for line in listed(rows):
        lines += [line, []]
    return book_of(tmp / "卫健_空行.xlsx", lines, rows)


def header_at_each_page(tmp: Path) -> tuple[Path, dict]:
    """医保: the header row copied again at the top of every printed page (every five persons)."""
    rows = people(Ids())
    lines: list[list[Any]] = []
    for i, line in enumerate(listed(rows)):
        if i % 5 == 0:
            lines.append(HEADER)
        lines.append(line)
    return book_of(tmp / "医保_每页表头.xlsx", lines, rows)


def trailing_marks_after_numbers(tmp: Path) -> tuple[Path, dict]:
    """住建: a mark typed after (or before) a whole number to flag it ("*" for a key household, "✓" or "√" checked);
    stars in place of digits are still no number."""
    ids = Ids()
    a, b, c, d = ids.new(), ids.new(), ids.new(), ids.new()
    legacy, _ = ids.legacy()
    rows: list[Row] = [("甲", a + "*", "new"), ("乙", b + "✓", "new"), ("丙", c + "√", "new"), ("丁", IN + " ✓", "in"),
                       ("戊", KNOWN + "＊", "known"), ("己", a, "dup"), ("庚", "★" + d, "new"), ("辛", d + "✔️", "dup"),
                       ("壬", legacy + "*", "new15"), ("癸", IN[:14] + "****", "characters"), ("子", b[:17] + "*", "characters")]
    return book_of(tmp / "住建_标记.xlsx", [HEADER] + listed(rows), rows)



def five_sheets_list_on_third(tmp: Path) -> tuple[Path, dict]:
    """教育: 说明 | 汇总 | 名单 | 字典 | Sheet5; 汇总 a count per sub-district, 字典 the codes."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    notes.append(["填表说明"])
    notes.append(["1. 身份证号码请填写18位,以文本格式录入"])
    summary = book.create_sheet("汇总")
    summary.append(["街道", "人数"])
    summary.append(["八泉街道", 8])
    summary.append(["黄思湾街道", 7])
    summary.append(["合计", 15])
    ws = book.create_sheet("名单")
    for line in [HEADER] + listed(rows):
        ws.append(line)
    codes = book.create_sheet("字典")
    codes.append(["代码", "名称"])
    codes.append(["01", "居民身份证"])
    book.create_sheet("Sheet5")
    path = tmp / "教育_五表.xlsx"
    book.save(path)
    return path, expected(rows)


def protected_workbook_and_sheet(tmp: Path) -> tuple[Path, dict]:
    """司法: the structure of the workbook and the sheet protected with a password (the file itself is not), panes
    frozen, the header the print title, a filter over the list."""
    rows = people(Ids())
    path, want = book_of(tmp / "司法_保护.xlsx", [HEADER] + listed(rows), rows)
    book = openpyxl.load_workbook(path)
    ws = book.active
    ws.freeze_panes, ws.print_title_rows, ws.auto_filter.ref = "A2", "1:1", f"A1:C{len(rows) + 1}"
    ws.protection.sheet, ws.protection.password = True, "123456"
    book.security = WorkbookProtection(workbookPassword="123456", lockStructure=True)
    book.save(path)
    return path, want


def protected_xls_sheet(tmp: Path) -> tuple[Path, dict]:
    """人社 (.xls): the workbook and the sheet protected with a password (PROTECT and PASSWORD records), nothing
    encrypted."""
    rows = people(Ids())
    return xls(tmp / "人社_保护.xls", [("名单", [HEADER] + listed(rows))], password="abc"), expected(rows)


def excel_table_with_totals_row(tmp: Path) -> tuple[Path, dict]:
    """应急管理 (Excel's 套用表格格式): the list a table with a totals row (汇总, a count under 身份证号码)."""
    rows = people(Ids())
    book = xlsxwriter.Workbook(str(tmp / "应急_表格.xlsx"))
    ws = book.add_worksheet("名单")
    n = len(rows)
    data = [[i, name, value] for i, name, value in listed(rows)]
    ws.add_table(0, 0, n + 1, 2, {"data": data, "total_row": True, "columns": [
        {"header": "序号", "total_string": "汇总"}, {"header": "姓名"},
        {"header": "身份证号码", "total_function": "count"}]})
    book.close()
    return tmp / "应急_表格.xlsx", expected(rows)


def code_row_under_header(tmp: Path) -> tuple[Path, dict]:
    """统计报表式: a row of column numbers under the header (栏次: 甲 | 乙 | 1), as forms print."""
    rows = people(Ids())
    return book_of(tmp / "人社_栏次.xlsx", [HEADER, ["甲", "乙", "1"]] + listed(rows), rows)


def code_row_of_letters_only(tmp: Path) -> tuple[Path, dict]:
    """The same form whose columns are all of words, lettered 甲 | 乙 | 丙 | 丁 in the 栏次 row."""
    rows = people(Ids())
    return book_of(tmp / "民政_栏次.xlsx", [HEADER + ["备注"], ["甲", "乙", "丙", "丁"]] + listed(rows), rows)



def merged_name_over_two_rows(tmp: Path) -> tuple[Path, dict]:
    """乡镇: each person on two rows (家庭住址 on two lines), 序号, 姓名 and 身份证号 merged down over both."""
    ids = Ids()
    rows: list[Row] = [("甲", ids.new(), "new"), ("乙", IN, "in"), ("丙", ids.new()[:17], "length"), ("丁", KNOWN, "known")]
    lines: list[list[Any]] = [HEADER + ["家庭住址"]]
    merges = []
    for i, (n, v, _w) in enumerate(rows):
        r = 2 + 2 * i
        lines += [[i + 1, n, v, "八泉街道"], [None, None, None, "飞云社区3栋"]]
        merges += [f"A{r}:A{r + 1}", f"B{r}:B{r + 1}", f"C{r}:C{r + 1}"]
    return book_of(tmp / "乡镇_两行.xlsx", lines, rows, merges=tuple(merges))


def chinese_name_with_spaces_and_copy_suffix(tmp: Path) -> tuple[Path, dict]:
    """A mail client's copy: "2026年 第三季度 低保边缘 名单 (1) - 副本.xlsx", spaces and brackets in the name."""
    rows = people(Ids())
    return book_of(tmp / "2026年 第三季度 低保边缘 名单 (1) - 副本.xlsx", [HEADER] + listed(rows), rows)






def excel_2003_xml_with_index(tmp: Path) -> tuple[Path, dict]:
    """"XML 电子表格 2003": ss:Index skipping empty cells and rows, the numbers as String, one as a Number."""
    rows = people(Ids())
    xml = ['<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
           '<Worksheet ss:Name="名单"><Table>'
           '<Row><Cell ss:MergeAcross="3"><Data ss:Type="String">低保边缘名单</Data></Cell></Row>'
           '<Row ss:Index="3"><Cell><Data ss:Type="String">序号</Data></Cell><Cell><Data ss:Type="String">姓名</Data></Cell>'
           '<Cell ss:Index="4"><Data ss:Type="String">身份证号码</Data></Cell></Row>']
    for i, n, v in listed(rows):
        cell = (f'<Cell ss:Index="4"><Data ss:Type="String">{v}</Data></Cell>' if v != "" else "")
        xml.append(f'<Row><Cell><Data ss:Type="Number">{i}</Data></Cell><Cell><Data ss:Type="String">{n}</Data></Cell>'
                   f"{cell}</Row>")
    xml.append("</Table></Worksheet></Workbook>")
    path = tmp / "民政_2003.xml"
    path.write_text("".join(xml), encoding="utf-8")
    return path, expected(rows)




def pandas_like_index_csv(tmp: Path) -> tuple[Path, dict]:
    """DataFrame.to_csv in UTF-8: ",姓名,身份证号" and the index first, LF line ends."""
    rows = people(Ids())
    lines = [["", "姓名", "身份证号"]] + [[i, n, v] for i, (n, v, _w) in enumerate(rows)]
    return text_list(tmp / "脚本.csv", lines, rows, "utf-8", line_end=b"\n")


def id_type_column_with_codes(tmp: Path) -> tuple[Path, dict]:
    """公安: 证件类型 written as codes (01 居民身份证, 03 护照) beside 证件号码."""
    ids = Ids()
    rows: list[Row] = [("甲", ids.new(), "new"), ("乙", IN, "in"), ("丙", "E12345678", "characters"), ("丁", KNOWN, "known")]
    kinds = ["01", "01", "03", "01"]
    lines = [["姓名", "证件类型", "证件号码"]] + [[n, k, v] for (n, v, _w), k in zip(rows, kinds, strict=True)]
    return book_of(tmp / "公安_证件代码.xlsx", lines, rows)







def tab_text_named_xls(tmp: Path) -> tuple[Path, dict]:
    """An old system's "导出Excel": tab-separated GBK text under the name .xls."""
    rows = people(Ids())
    return text_list(tmp / "低保_导出.xls", [HEADER] + listed(rows), rows, "gbk", "\t")


def utf16_without_bom_tabs(tmp: Path) -> tuple[Path, dict]:
    """A Windows tool's "Unicode 文本" that left out the byte-order mark: UTF-16 LE, tabs."""
    rows = people(Ids())
    return text_list(tmp / "unicode.txt", [HEADER] + listed(rows), rows, "utf-16-le", "\t",
                     line_end="\r\n".encode("utf-16-le"))



CASES: dict[str, Any] = {f.__name__: f for f in (
    # defects found (each failed before its fix)
    trailing_marks_after_numbers, code_row_under_header, code_row_of_letters_only,
    # right already
    gb18030_rare_names_csv, gb18030_rare_title_csv, blank_spacer_rows, header_at_each_page, five_sheets_list_on_third,
    protected_workbook_and_sheet, protected_xls_sheet, excel_table_with_totals_row, merged_name_over_two_rows,
    chinese_name_with_spaces_and_copy_suffix, tab_text_named_xls, utf16_without_bom_tabs, excel_2003_xml_with_index,
    pandas_like_index_csv, id_type_column_with_codes)}


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path, case: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(screened, capsys, tmp_path, *CASES[case](tmp_path))


@pytest.mark.parametrize("code_row", [["栏次", "甲", "乙"], ["栏次", "1", "2"], [None, "甲", "乙"], ["甲", "乙", "1"]])
def test_a_row_numbering_the_columns_is_no_person(screened: Database, tmp_path: Path,  # noqa: F811
                                                  capsys: pytest.CaptureFixture[str], code_row: list[Any]) -> None:
    """The 栏次 row of a three-column form: the word 栏次 first, or 序号 left without a letter; only 甲 乙 … or
    numbers otherwise."""
    rows = people(Ids())
    path, want = book_of(tmp_path / "栏次.xlsx", [HEADER, code_row] + listed(rows), rows)
    code, got = run(screened, capsys, path, "--dry-run")
    assert code == 0, got
    assert {k: got[k] for k in want} == want


def test_the_writers_make_what_they_say(tmp_path: Path) -> None:
    """The table has its totals row, the protections are there (no encryption), the GB18030 text holds four-byte
    characters, the UTF-16 text has no byte-order mark."""
    table = zipfile.ZipFile(excel_table_with_totals_row(tmp_path)[0])
    assert b'totalsRowCount="1"' in table.read("xl/tables/table1.xml")
    protected = zipfile.ZipFile(protected_workbook_and_sheet(tmp_path)[0])
    assert b"<sheetProtection" in protected.read("xl/worksheets/sheet1.xml")
    assert b"<workbookProtection" in protected.read("xl/workbook.xml")
    assert RARE.encode("gb18030") in gb18030_rare_title_csv(tmp_path)[0].read_bytes()[:12]
    assert utf16_without_bom_tabs(tmp_path)[0].read_bytes()[:4] == "序号".encode("utf-16-le")


@pytest.mark.parametrize("case", [trailing_marks_after_numbers, code_row_under_header, code_row_of_letters_only],
                         ids=lambda f: f.__name__)
def test_the_wizard_finds_what_the_command_prints(qtbot: Any, registered: Database,  # noqa: F811
                                                  sqlite_district: District, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str], case: Any) -> None:
    wizard_counts_as_the_command(qtbot, registered, sqlite_district, capsys, *case(tmp_path))


@pytest.mark.parametrize(("raw", "number"), [
    (f"{KNOWN}*", KNOWN), (f"*{KNOWN}", KNOWN), (f"{KNOWN}✓", KNOWN), (f"{KNOWN} √", KNOWN), (f"{KNOWN}✔️", KNOWN),
    (f"{KNOWN}✅", KNOWN), (f"★{KNOWN}", KNOWN), (f"{KNOWN[:6]}{KNOWN[8:17]}*", KNOWN),
    (f"{KNOWN[:17]}*", None), (f"{KNOWN[:14]}****", None), (f"{KNOWN[:6]}********{KNOWN[14:]}", None), ("*", None),
    (f"{KNOWN[:15]}***", None), (f"{KNOWN[:15]}＊＊＊", None),  # the last three hidden, not a 15-digit number marked
])
def test_a_mark_beside_a_whole_number_is_not_part_of_it(raw: str, number: str | None) -> None:
    """A flag typed beside a whole number is left out; stars standing for digits are no number (the masked
    one is said to be masked), nor is a number short of a digit with a star after it."""
    result = idcard.parse(raw)
    assert result.number == number
    if raw.startswith(KNOWN[:6]) and "********" in raw:
        assert "星号遮盖" in result.message


@pytest.mark.parametrize(("name", "content", "message"), [
    ("民政.xls", b"", "文件“民政.xls”是空的(0 字节),没有任何内容。"),
    ("民政.xlsx", b"PK\x03\x04" + b"\x00" * 20, "文件“民政.xlsx”已损坏(压缩结构不完整),无法读取。请重新导出或索取原件。"),
    ("名单.csv", b"\xef\xbb\xbf", "文件“名单.csv”是空的,没有任何内容。"),
    ("名单.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "文件“名单.xlsx”已损坏:文件头无效,无法读取。请重新导出或索取原件。"),
])
def test_a_file_that_holds_no_list_is_one_plain_message(screened: Database, tmp_path: Path,  # noqa: F811
                                                        capsys: pytest.CaptureFixture[str], name: str,
                                                        content: bytes, message: str) -> None:
    """A 0-byte .xls (a download that never started), a zip cut after its first header, a CSV of a BOM alone,
    a compound file's header and nothing after it (a copy broken off)."""
    path = tmp_path / name
    path.write_bytes(content)
    code, got = run(screened, capsys, path, "--dry-run")
    assert code == 1 and got == {"error": message, "code": "invalid_file"}


def test_two_lists_side_by_side_are_refused_saying_where_the_second_starts(screened: Database, tmp_path: Path,  # noqa: F811
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """乡镇 (to save paper): 城镇 on the left, 农村 on the right of one sheet; one person a row cannot be read."""
    ids = Ids()
    left, right = people(ids)[:6], people(ids)[:4]
    lines = [HEADER + [None] + HEADER]
    for k in range(len(left)):
        lines.append(listed(left)[k] + [None] + (listed(right)[k] if k < len(right) else []))
    path, _want = book_of(tmp_path / "城乡.xlsx", lines, left + right)
    code, got = run(screened, capsys, path, "--dry-run")
    assert code == 1 and got["code"] == "invalid_file"
    assert "B、C 列和 F、G 列" in got["error"] and "从 F 列起" in got["error"]
