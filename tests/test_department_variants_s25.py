"""Department lists as real offices send them, round 25 (after test_department_variants_s15.py to _s24.py).

Defects found (each a case below, failing before its fix): a Markdown table pasted from a chat tool
("| 序号 | 姓名 | 身份证号 |" then "| --- | --- | --- |") counted its rule line as a person without a
number, as it did any line of dashes under a text report's header; a tab-separated list whose addresses
hold commas ("湖北省,黄石市,西塞山区") was split at the commas (more of them on the data lines than tabs),
so no ID column was found; ="420203…" pasted as text into a workbook's cells (a CSV made for Excel,
copied cell by cell) was a number with bad characters, although the same text in a CSV is read.

The other cases are shapes not tried before that were right already: remarks 已死亡/已迁出 (still
people), UTF-16 with commas, a doubled BOM, 户口簿 and 港澳台居民居住证 numbers (810000/830000), numbers
in groups of four or three, one number under two names, formulas a script wrote without results, a
carriage return escaped in a cell (_x000D_), a member's or household's number before the ID column,
an .ods named .xlsx, an .xls named .csv, no extension, an upper-case one, NUL padding after a CSV,
pipes around every line, numbers alone one a line, XlsxWriter's constant_memory mode."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
import xlwt  # type: ignore[import-untyped]

from desktop.rules import idcard
from desktop.services.database import Database
from tests.district import District
from tests.test_department_variants_s15 import (
    counts_a_clerk_finds,
    listed,
    ods,
    ods_row,
    text_list,
    wizard_counts_as_the_command,
)
from tests.test_department_variants_s17 import book_of
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_discovery_views import messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import IN, KNOWN, Ids, Row, expected, people, registered, run  # noqa: F401

HEADER = ["序号", "姓名", "身份证号码"]


def _xlsxwriter(path: Path, lines: list[list[Any]], rows: list[Row], **options: Any) -> tuple[Path, dict]:
    book = xlsxwriter.Workbook(str(path), options)
    ws = book.add_worksheet("名单")
    for r, line in enumerate(lines):
        for c, value in enumerate(line):
            if value is not None:
                ws.write(r, c, value)
    book.close()
    return path, expected(rows)


def civil_remarks_deceased_and_moved(tmp: Path) -> tuple[Path, dict]:
    """民政: a 备注 column saying 已死亡 / 已迁出 / 已故 on some rows (the people are still rows of the list)."""
    rows = people(Ids())
    notes = ["已死亡", "", "已迁出", "", "已故(2024年3月)", ""]
    lines = [HEADER + ["备注"]] + [[*line, notes[i % len(notes)]] for i, line in enumerate(listed(rows))]
    return _xlsxwriter(tmp / "民政_备注.xlsx", lines, rows)


def utf16_comma_csv(tmp: Path) -> tuple[Path, dict]:
    """卫健委 (a .NET export): UTF-16 LE with BOM, comma-separated (not tabs), CRLF."""
    rows = people(Ids())
    return text_list(tmp / "卫健委.csv", [HEADER] + listed(rows), rows, "utf-16")


def double_bom_csv(tmp: Path) -> tuple[Path, dict]:
    """教育局: a UTF-8 CSV opened and saved again by a tool that added a second BOM."""
    rows = people(Ids())
    return text_list(tmp / "教育局.csv", [HEADER] + listed(rows), rows, "utf-8", before=b"\xef\xbb\xbf\xef\xbb\xbf")


def markdown_table_from_chat(tmp: Path) -> tuple[Path, dict]:
    """总工会 (pasted from a chat tool into Notepad): a Markdown table, "| 序号 | 姓名 | 身份证号 |", a rule line."""
    rows = people(Ids())
    text = "| 序号 | 姓名 | 身份证号 |\n| --- | --- | --- |\n"
    text += "".join(f"| {i} | {n} | {v} |\n" for i, n, v in listed(rows))
    path = tmp / "总工会.txt"
    path.write_text(text, encoding="utf-8")
    return path, expected(rows)


def household_book_and_permits(tmp: Path) -> tuple[Path, dict]:
    """教育局 / 公安: 证件类型 of 身份证, 户口簿 (a child's number in the household book is an ID number),
    港澳台居民居住证 (810000/830000 numbers, GB 11643 numbers), 港澳通行证 and 台胞证."""
    ids = Ids()
    hk = idcard.make("810000", date(1988, 5, 6), 31)
    tw = idcard.make("830000", date(1979, 11, 2), 42)
    child = idcard.make("420203", date(2016, 7, 9), 52)
    typed: list[tuple[str, str, Any, str]] = [
        ("王伟", "身份证", ids.new(), "new"), ("王小宝", "户口簿", child, "new"), ("陈家明", "港澳台居民居住证", hk, "new"),
        ("林志强", "港澳台居民居住证", tw, "new"), ("李芳", "港澳通行证", "C12345678", "characters"),
        ("张娜", "台胞证", "01234567", "length"), ("刘英", "身份证", IN, "in"), ("王小宝", "户口簿", child, "dup"),
    ]
    lines = [["姓名", "证件类型", "证件号码"]] + [[n, k, v] for n, k, v, _w in typed]
    return book_of(tmp / "教育局_证件.xlsx", lines, [(n, v, w) for n, _k, v, w in typed])


def grouped_by_four_and_odd_marks(tmp: Path) -> tuple[Path, dict]:
    """住建局 (numbers copied from a bank form): in groups of four, of six, with a line break."""
    ids = Ids()
    a, b, c = ids.new(), ids.new(), ids.new()
    rows: list[Row] = [
        ("甲", " ".join(a[i:i + 4] for i in range(0, 18, 4)), "new"), ("乙", " ".join(b[i:i + 6] for i in range(0, 18, 6)), "new"),
        ("丙", c[:10] + "\n" + c[10:], "new"), ("丁", IN, "in"), ("戊", " ".join(KNOWN[i:i + 3] for i in range(0, 18, 3)), "known"),
        ("己", a, "dup"),
    ]
    return book_of(tmp / "住建局_分组.xlsx", [HEADER] + listed(rows), rows)


def same_number_other_names(tmp: Path) -> tuple[Path, dict]:
    """乡村振兴: the same number under two different names (a typing slip copied down): a repeat."""
    ids = Ids()
    a, b = ids.new(), ids.new()
    rows: list[Row] = [("王伟", a, "new"), ("王玮", a, "dup"), ("李芳", b, "new"), ("李小芳", b, "dup"), ("张三", a, "dup"),
                       ("刘英", IN, "in")]
    return book_of(tmp / "乡村振兴.xlsx", [HEADER] + listed(rows), rows)


def text_cells_holding_equals_formula(tmp: Path) -> tuple[Path, dict]:
    """公安: a CSV of ="420…" pasted into a workbook as text: cells holding the formula text itself."""
    ids = Ids()
    a, b = ids.new(), ids.new()
    rows: list[Row] = [("甲", f'="{a}"', "new"), ("乙", f'="{b}"', "new"), ("丙", f'="{IN}"', "in"), ("丁", '=""', "empty")]
    return _xlsxwriter(tmp / "公安_粘贴.xlsx", [HEADER] + listed(rows), rows, strings_to_formulas=False)


def formulas_without_saved_values(tmp: Path) -> tuple[Path, dict]:
    """大数据局 (openpyxl from a script): 序号 as =ROW()-1 and numbers as ="420…" formulas with no saved result."""
    ids = Ids()
    a, b = ids.new(), ids.new()
    rows: list[Row] = [("甲", a, "new"), ("乙", b, "new"), ("丙", IN, "in")]
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(HEADER)
    for n, v, _w in rows:
        ws.append(["=ROW()-1", n, f'="{v}"'])
    path = tmp / "脚本公式.xlsx"
    book.save(path)
    return path, expected(rows)


def carriage_return_inside_cells(tmp: Path) -> tuple[Path, dict]:
    """医保 (a system's export): a carriage return or a tab left at the end of ID cells (_x000D_, _x0009_)."""
    ids = Ids()
    rows: list[Row] = [("甲", ids.new() + "\r", "new"), ("乙", ids.new() + "\t", "new"), ("丙", IN + "\r\n", "in"),
                       ("丁", "\r", "empty")]
    return _xlsxwriter(tmp / "医保_回车.xlsx", [HEADER] + listed(rows), rows)


def membership_number_before_id(tmp: Path) -> tuple[Path, dict]:
    """总工会: 会员证号 (12 digits) before 身份证号码."""
    rows = people(Ids())
    lines = [["序号", "姓名", "会员证号", "身份证号码"]] + [[i, n, f"4202{i:08d}", v] for i, n, v in listed(rows)]
    return book_of(tmp / "总工会_会员.xlsx", lines, rows)


def household_number_before_id(tmp: Path) -> tuple[Path, dict]:
    """公安: 户号 (9 digits, the same for a household) before 公民身份号码."""
    rows = people(Ids())
    lines = [["户号", "姓名", "与户主关系", "公民身份号码"]] + [[f"{420100000 + i // 3}", n, "户主", v]
                                                    for i, (n, v, _w) in enumerate(rows)]
    return book_of(tmp / "公安_户号.xlsx", lines, rows)


def ods_named_xlsx(tmp: Path) -> tuple[Path, dict]:
    """A LibreOffice .ods saved under the name .xlsx."""
    rows = people(Ids())
    path = ods(tmp / "残联_实为ods.xlsx", [("名单", "".join(ods_row(line) for line in [HEADER] + listed(rows)))])
    return path, expected(rows)


def xls_named_csv(tmp: Path) -> tuple[Path, dict]:
    """A legacy .xls a system saved under the name .csv."""
    rows = people(Ids())
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("名单")
    for r, line in enumerate([HEADER] + listed(rows)):
        for c, value in enumerate(line):
            ws.write(r, c, value)
    path = tmp / "民政_实为xls.csv"
    book.save(str(path))
    return path, expected(rows)


def no_extension(tmp: Path) -> tuple[Path, dict]:
    """An .xlsx sent without any extension (a name cut by a mail client)."""
    rows = people(Ids())
    path, want = book_of(tmp / "x.xlsx", [HEADER] + listed(rows), rows)
    target = tmp / "卫健委名单"
    path.rename(target)
    return target, want


def upper_case_extension(tmp: Path) -> tuple[Path, dict]:
    """A GBK CSV named .CSV (an old system's upper-case names)."""
    rows = people(Ids())
    return text_list(tmp / "MINZHENG.CSV", [HEADER] + listed(rows), rows)


def nul_padded_csv(tmp: Path) -> tuple[Path, dict]:
    """A GBK CSV copied off a broken USB stick: NUL bytes after the last line to the end of a block."""
    rows = people(Ids())
    path, want = text_list(tmp / "乡镇_U盘.csv", [HEADER] + listed(rows), rows)
    data = path.read_bytes()
    path.write_bytes(data + b"\x00" * (4096 - len(data) % 4096))
    return path, want


def trailing_and_leading_pipes(tmp: Path) -> tuple[Path, dict]:
    """公安 (a mainframe-style export): |姓名|身份证号| with a pipe before and after every line, GBK."""
    rows = people(Ids())
    text = "|姓名|身份证号|地址|\r\n" + "".join(f"|{n}|{v}|八泉街道|\r\n" for n, v, _w in rows)
    path = tmp / "公安_竖线.txt"
    path.write_bytes(text.encode("gbk"))
    return path, expected(rows)


def tabs_with_commas_in_addresses(tmp: Path) -> tuple[Path, dict]:
    """乡村振兴 (.txt, GBK): tab-separated, every address holding commas ("湖北省,黄石市,西塞山区")."""
    rows = people(Ids())
    lines = [["姓名", "身份证号码", "家庭住址", "备注"]] + [[n, v, "湖北省,黄石市,西塞山区,八泉街道", "脱贫户,监测户"]
                                                    for n, v, _w in rows]
    return text_list(tmp / "乡村振兴.txt", lines, rows, "gbk", "\t")


def numbers_only_no_header(tmp: Path) -> tuple[Path, dict]:
    """公安 (a query's result pasted into Notepad): one number a line, no header, no names."""
    ids = Ids()
    rows: list[Row] = [("", ids.new(), "new"), ("", IN, "in"), ("", KNOWN, "known"), ("", ids.new(), "new"), ("", IN, "dup")]
    path = tmp / "公安_号码.txt"
    path.write_text("".join(f"{v}\r\n" for _n, v, _w in rows), encoding="utf-8")
    return path, expected(rows)


def constant_memory_xlsxwriter(tmp: Path) -> tuple[Path, dict]:
    """民政 (a system writing with XlsxWriter's constant_memory mode: inline strings, rows streamed)."""
    rows = people(Ids())
    return _xlsxwriter(tmp / "民政_流式.xlsx", [["低保对象名单"], [], HEADER] + listed(rows), rows,
                       constant_memory=True)


CASES: dict[str, Any] = {f.__name__: f for f in (
    # defects found (each failed before its fix)
    markdown_table_from_chat, text_cells_holding_equals_formula, tabs_with_commas_in_addresses,
    # right already
    civil_remarks_deceased_and_moved, utf16_comma_csv, double_bom_csv, household_book_and_permits,
    grouped_by_four_and_odd_marks, same_number_other_names, formulas_without_saved_values, carriage_return_inside_cells,
    membership_number_before_id, household_number_before_id, ods_named_xlsx, xls_named_csv, no_extension,
    upper_case_extension, nul_padded_csv, trailing_and_leading_pipes, numbers_only_no_header, constant_memory_xlsxwriter)}


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path, case: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(screened, capsys, tmp_path, *CASES[case](tmp_path))


def test_the_writers_make_what_they_say(tmp_path: Path) -> None:
    """XlsxWriter escaped the carriage returns (_x000D_) and kept ="…" as text; constant_memory wrote inline
    strings; openpyxl saved the formulas without a result; the .ods and the .xls are what their names hide."""
    sheet = "xl/worksheets/sheet1.xml"
    assert b"_x000D_" in zipfile.ZipFile(carriage_return_inside_cells(tmp_path)[0]).read("xl/sharedStrings.xml")
    strings = zipfile.ZipFile(text_cells_holding_equals_formula(tmp_path)[0]).read("xl/sharedStrings.xml")
    assert b"=&quot;420203" in strings or b'="420203' in strings
    assert b'<f>' not in zipfile.ZipFile(text_cells_holding_equals_formula(tmp_path)[0]).read(sheet)
    assert b't="inlineStr"' in zipfile.ZipFile(constant_memory_xlsxwriter(tmp_path)[0]).read(sheet)
    data = zipfile.ZipFile(formulas_without_saved_values(tmp_path)[0]).read(sheet)
    assert data.count(b"</f><v></v>") == 6  # 序号 and the number of three persons, no result saved
    assert zipfile.ZipFile(ods_named_xlsx(tmp_path)[0]).read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    assert xls_named_csv(tmp_path)[0].read_bytes()[:4] == bytes.fromhex("d0cf11e0")


@pytest.mark.parametrize("case", [markdown_table_from_chat, tabs_with_commas_in_addresses,
                                  text_cells_holding_equals_formula], ids=lambda f: f.__name__)
def test_the_wizard_finds_what_the_command_prints(qtbot: Any, registered: Database,  # noqa: F811
                                                  sqlite_district: District, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str], case: Any) -> None:
    wizard_counts_as_the_command(qtbot, registered, sqlite_district, capsys, *case(tmp_path))


def test_a_rule_line_is_no_person_but_a_row_of_dashes_numbered_is(screened: Database, tmp_path: Path,  # noqa: F811
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """"------ | --------" under a text report's header is no row; a person numbered in 序号 whose name and
    number are "—" (not known yet) still is one, its number empty."""
    ids = Ids()
    a = ids.new()
    path, _want = text_list(tmp_path / "报表.csv", [HEADER, ["----", "------", "==========="], [1, "王伟", a],
                                                   [2, "——", "——"], [3, "李芳", IN], ["", "", ""],
                                                   [":---", "---:", ":---:"]], [])
    code, got = run(screened, capsys, path, "--dry-run")
    assert code == 0, got
    assert (got["data_rows"], got["valid"], got["invalid"], got["duplicates"]) == (3, 2, {"empty": 1}, 0)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("名单.xlsx", None, "文件“名单.xlsx”不是电子表格(是其他格式的压缩文件)。"),
    ("乡镇.csv", b"\x00" * 4096, "文件“乡镇.csv”里没有任何数据。"),
])
def test_a_file_that_holds_no_list_is_one_plain_message(screened: Database, tmp_path: Path,  # noqa: F811
                                                        capsys: pytest.CaptureFixture[str], name: str,
                                                        content: bytes | None, message: str) -> None:
    """A zip holding a CSV sent under the name .xlsx, a file of NUL bytes (a copy that never finished)."""
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("名单.csv", f"姓名,身份证号\n甲,{IN}\n")
    else:
        path.write_bytes(content)
    code, got = run(screened, capsys, path, "--dry-run")
    assert code == 1 and got == {"error": message, "code": "invalid_file"}
