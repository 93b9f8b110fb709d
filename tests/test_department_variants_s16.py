"""Department lists as real offices send them, round 2 (after test_department_variants_s15.py).

New variety: a 说明 sheet whose field table names the columns before the list's own sheet, header cells
broken over lines and marked required ((必填), *), 序号 that starts again for each community, 证件类型
mixing 居民身份证 with passports and passes, total lines that count the people ("合计: 13 人" under the
name, the count in the ID column), rows hidden by a filter, WPS's inline rich strings, CSV with tabs or
semicolons with and without a BOM, an .xls on the 1904 date system, floats written in lower-case
scientific notation, a sheet 300 columns wide, and HTML or XML exports named .xls.

Each case gives what a careful clerk finds (data rows, valid, invalid by reason, duplicates, the
screening buckets); a dry run prints it, and a real import prints the same and writes an error workbook
holding exactly the invalid and repeated rows with a reason each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwt  # type: ignore[import-untyped]

from desktop.io import spreadsheet as ss
from desktop.io.spreadsheet import column_letter
from desktop.rules import idcard
from desktop.services.database import Database
from tests.test_department_variants_s15 import (
    Case,
    Raw,
    counts_a_clerk_finds,
    listed,
    number,
    plain,
    raw_xlsx,
    sheet_xml,
    text_list,
)
from tests.test_import_department_files import (  # noqa: F401 (registered is a fixture)
    IN,
    KNOWN,
    Ids,
    Row,
    csv_bytes,
    expected,
    people,
    registered,
    run,
)


def instructions_sheet_naming_the_columns(tmp: Path) -> tuple[Path, dict]:
    """民政: a 填表说明 sheet with a table of the fields (字段 | 填写要求, rows 姓名 and 身份证号码 …), an
    example sheet of one made-up person, and the list on the third sheet under a title."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "填表说明"
    for line in (["填表说明"], ["字段", "填写要求"], ["姓名", "与身份证一致"], ["身份证号码", "18位,设置为文本格式"],
                 ["联系电话", "手机号码"], ["注:请勿修改表头"]):
        notes.append(line)
    example = book.create_sheet("填写示例")
    example.append(["序号", "姓名", "身份证号码", "联系电话"])
    example.append([1, "张三(示例)", "420203199001011238", "13800000000"])
    ws = book.create_sheet("名单")
    ws.append(["2026年残疾人两项补贴名单"])
    ws.append(["序号", "姓名", "身份证号码", "联系电话"])
    for line in listed(rows):
        ws.append([*line, "13900001111"])
    book.save(tmp / "残联_两项补贴.xlsx")
    return tmp / "残联_两项补贴.xlsx", expected(rows)


def header_broken_over_lines_and_marked_required(tmp: Path) -> tuple[Path, dict]:
    """WPS: header cells typed with Alt+Enter ("身份证\\n号码"), marked required ("姓名\\n(必填)", "身份证\\n号码*",
    "*联系电话", "户籍地址（选填）")."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序\n号", "姓名\n(必填)", "身份证\n号码*", "*联系电话", "户籍地址（选填）"])
    for line in listed(rows):
        ws.append([*line, "13900001111", "八泉街道飞云社区"])
    book.save(tmp / "医保_必填.xlsx")
    return tmp / "医保_必填.xlsx", expected(rows)


def serial_restarting_by_community(tmp: Path) -> tuple[Path, dict]:
    """街道: three communities' lists in one sheet, 序号 starting at 1 again for each, the first two under a
    heading line, the third without one."""
    rows = people(Ids())
    parts = [rows[:5], rows[5:10], rows[10:]]
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "姓名", "身份证号码", "社区"])
    for k, (part, community) in enumerate(zip(parts, ("八泉社区", "飞云社区", "月亮山社区"), strict=True)):
        if k < 2:
            ws.append([community])
        for i, (name, value, _w) in enumerate(part, 1):
            ws.append([i, name, value, community])
    book.save(tmp / "街道_分社区.xlsx")
    return tmp / "街道_分社区.xlsx", expected(rows)


def passports_among_id_cards(tmp: Path) -> tuple[Path, dict]:
    """公安 (出入境): 证件类型 | 证件号码 mixing 居民身份证 with 护照 and 港澳居民来往内地通行证; a passport's number
    is no ID number (its number gives the reason), an ID number under 护照 is still read."""
    ids = Ids()
    a, b = ids.new(), ids.new()
    typed: list[tuple[str, str, Any, str]] = [
        ("王伟", "居民身份证", a, "new"), ("李芳", "护照", "E12345678", "characters"),
        ("张娜", "港澳居民来往内地通行证", "H01234567", "characters"), ("刘英", "居民身份证", IN, "in"),
        ("陈敏", "护照", "123456789", "length"), ("杨静", "护照", b, "new"), ("黄丽", "居民身份证", KNOWN, "known"),
        ("赵强", "外国人永久居留身份证", "USA420203199001", "characters"), ("吴磊", "居民身份证", a, "dup"),
    ]
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["姓名", "证件类型", "证件号码", "国籍"])
    for name, kind, value, _w in typed:
        ws.append([name, kind, value, "中国"])
    book.save(tmp / "公安_出入境.xlsx")
    return tmp / "公安_出入境.xlsx", expected([(n, v, w) for n, _k, v, w in typed])


def totals_counting_people(tmp: Path) -> tuple[Path, dict]:
    """卫健: a total line with the count under the name ("合计: 15 人"), then one with 总计 in 序号 and the count
    as a number in the ID column, then 制表人."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "姓名", "身份证号码", "补助金额"])
    for line in listed(rows):
        ws.append([*line, 300])
    ws.append([None, f"合计: {len(rows)} 人", None, 300 * len(rows)])
    ws.append(["总计", None, len(rows), 300 * len(rows)])
    ws.append(["制表人:李四", None, "审核人:王五"])
    book.save(tmp / "卫健_合计人数.xlsx")
    return tmp / "卫健_合计人数.xlsx", expected(rows)


def count_in_the_id_column(tmp: Path) -> tuple[Path, dict]:
    """乡镇: 合计 under 姓名 and "15人" in the ID column (text)."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "姓名", "身份证号码"])
    for line in listed(rows):
        ws.append(line)
    ws.append([None, "合计", f"{len(rows)}人"])
    book.save(tmp / "乡镇_合计.xlsx")
    return tmp / "乡镇_合计.xlsx", expected(rows)


def filtered_list_with_hidden_rows_raw(tmp: Path) -> tuple[Path, dict]:
    """An exporter's .xlsx with an auto filter and rows hidden by it (hidden="1"): still data rows."""
    rows = people(Ids())
    data = [["姓名", "身份证号码", "类别"]] + [[n, v, "低收入"] for n, v, _w in rows]
    after = f'<autoFilter ref="A1:C{len(data)}"><filterColumn colId="2"><filters><filter val="低收入"/></filters></filterColumn></autoFilter>'
    return raw_xlsx(tmp / "筛选.xlsx", [("Sheet1", sheet_xml(data, after=after, hidden_rows=(3, 4, 9)))]), expected(rows)


def wps_inline_rich_strings(tmp: Path) -> tuple[Path, dict]:
    """WPS: strings inline in rich runs (<is><r><t>…</t></r><r>…</r></is>), the ID number split over two runs."""
    rows = people(Ids())

    def runs(text: str) -> Raw:
        cut = len(text) // 2
        parts = "".join(f'<{{p}}r><{{p}}rPr><{{p}}sz val="11"/></{{p}}rPr><{{p}}t xml:space="preserve">{t}</{{p}}t></{{p}}r>'
                        for t in (text[:cut], text[cut:]) if t)
        return Raw(f'<{{p}}c{{r}} t="inlineStr"><{{p}}is>{parts}</{{p}}is></{{p}}c>')

    data: list[list[Any]] = [[runs("姓名"), runs("身份证号码")]]
    data += [[runs(n), runs(str(v)) if str(v) else None] for n, v, _w in rows]
    return raw_xlsx(tmp / "WPS_内联.xlsx", [("Sheet1", sheet_xml(data))]), expected(rows)


def tabs_with_bom(tmp: Path) -> tuple[Path, dict]:
    """A tab-separated .csv in UTF-8 with a BOM (a system's "导出为文本")."""
    rows = people(Ids())
    return text_list(tmp / "制表符BOM.csv", [["姓名", "身份证号码", "社区"]] + [[n, v, "八泉社区"] for n, v, _w in rows],
                     rows, "utf-8", "\t", before=b"\xef\xbb\xbf")


def tabs_gbk_without_bom(tmp: Path) -> tuple[Path, dict]:
    """A tab-separated .txt in GBK, no BOM, a title line above the header."""
    rows = people(Ids())
    return text_list(tmp / "制表符.txt", [["低保边缘家庭名单"], ["序号", "姓名", "身份证号码"], *listed(rows)], rows, "gbk", "\t")


def semicolons_gbk_without_bom(tmp: Path) -> tuple[Path, dict]:
    """A semicolon-separated CSV in GBK without BOM, addresses holding commas."""
    rows = people(Ids())
    return text_list(tmp / "分号.csv", [["姓名", "身份证号码", "住址"]] + [[n, v, "八泉街道,飞云社区3栋"] for n, v, _w in rows],
                     rows, "gbk", ";")


def semicolons_utf8_with_bom(tmp: Path) -> tuple[Path, dict]:
    """A semicolon-separated CSV in UTF-8 with BOM (Excel in a European locale), no sep= line."""
    rows = people(Ids())
    return text_list(tmp / "分号BOM.csv", [["序号", "姓名", "身份证号码"], *listed(rows)], rows, "utf-8", ";",
                     before=b"\xef\xbb\xbf")


def xls_1904_dates(tmp: Path) -> tuple[Path, dict]:
    """An .xls from Excel for Mac on the 1904 date system, a 出生日期 date column beside the numbers."""
    rows = people(Ids())
    book = xlwt.Workbook(encoding="utf-8")
    book.dates_1904 = True
    ws = book.add_sheet("名单")
    style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for c, head in enumerate(["姓名", "身份证号码", "出生日期"]):
        ws.write(0, c, head)
    for r, (name, value, _w) in enumerate(rows, 1):
        ws.write(r, 0, name)
        if value != "":
            ws.write(r, 1, value)
        ws.write(r, 2, 30000 + r, style)
    path = tmp / "mac_1904.xls"
    book.save(str(path))
    return path, expected(rows)


def floats_in_lower_case_notation(tmp: Path) -> tuple[Path, dict]:
    """A script's CSV and an exporter's .xlsx of numbers as floats: "4.20203199001011e+17", "4.202032e17",
    "420203199001011000.0" (the digits past the fifteenth lost): each stored as a number, never read as
    another person's number."""
    ids = Ids()
    a = ids.new()
    rows: list[Row] = [("王伟", "4.20203199001011e+17", "stored as a number"), ("李芳", "4.202032e17", "stored as a number"),
                       ("张娜", "420203199001011000.0", "stored as a number"), ("刘英", a, "new"),
                       ("陈敏", number("4.20203199001011e+17"), "stored as a number"),
                       ("杨静", number("420203199001011264"), "stored as a number"), ("黄丽", IN, "in")]
    data = [["姓名", "身份证号码"]] + [[n, v] for n, v, _w in rows]
    return raw_xlsx(tmp / "浮点.xlsx", [("Sheet1", sheet_xml(data))]), expected(rows)


def floats_in_lower_case_notation_csv(tmp: Path) -> tuple[Path, dict]:
    """The same in a CSV: "4.20203199001011e+17", "4.202032e17", "420203199001011000.0"."""
    ids = Ids()
    rows: list[Row] = [("王伟", "4.20203199001011e+17", "stored as a number"), ("李芳", "4.202032e17", "stored as a number"),
                       ("张娜", "420203199001011000.0", "stored as a number"), ("刘英", ids.new(), "new"),
                       ("黄丽", IN, "in")]
    return text_list(tmp / "浮点.csv", [["姓名", "身份证号码"]] + [[n, v] for n, v, _w in rows], rows, "utf-8")


def very_wide_sheet(tmp: Path) -> tuple[Path, dict]:
    """A statistics system's export 300 columns wide (one per indicator), the ID column at column 250."""
    rows = people(Ids())
    width = 300
    header: list[Any] = [f"指标{c}" for c in range(width)]
    header[3], header[249] = "姓名", "身份证号码"
    data = [header]
    for name, value, _w in rows:
        line: list[Any] = [c for c in range(width)]
        line[3], line[249] = name, value if value != "" else None
        data.append(line)
    return raw_xlsx(tmp / "宽表.xlsx", [("Sheet1", sheet_xml(data, dimension=f"A1:{column_letter(width - 1)}{len(data)}"))]), \
        expected(rows)


def html_table_inside_a_page(tmp: Path) -> tuple[Path, dict]:
    """A web system's "导出Excel": a UTF-8 HTML page named .xls, a layout table around the list's table, the
    title in a <caption>, the header in <thead> with <th>, numbers with mso-number-format text."""
    rows = people(Ids())
    cells = "".join(f'<tr><td>{i}</td><td>{n}</td><td style="mso-number-format:\'\\@\'">{v}</td></tr>'
                    for i, (n, v, _w) in enumerate(rows, 1))
    page = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
            '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>'
            '<table><tr><td>导出时间:2026-11-01</td></tr><tr><td>'
            '<table border="1"><caption>临时救助对象名单</caption><thead><tr><th>序号</th><th>姓名</th><th>身份证号码</th></tr>'
            f'</thead><tbody>{cells}</tbody></table></td></tr></table></body></html>')
    path = tmp / "临时救助_导出.xls"
    path.write_text(page, encoding="utf-8")
    return path, expected(rows)


def excel_numbers_shown_in_full_csv(tmp: Path) -> tuple[Path, dict]:
    """A CSV saved from number cells formatted "0": Excel writes the 15 digits it kept and zeros for the
    rest ("420203199001011000"). Each is stored as a number (the digits are lost), never checked as if
    typed, never read as another person's number."""
    ids = Ids()
    zeroed = []
    while len(zeroed) < 4:  # (one in eleven of them would pass the check: those cannot be told from a number)
        shown = ids.new()[:15] + "000"
        if idcard.check_char(shown[:17]) != "0":
            zeroed.append(shown)
    rows: list[Row] = [("王伟", zeroed[0], "stored as a number"), ("李芳", zeroed[1], "stored as a number"),
                       ("张娜", ids.new(), "new"), ("刘英", zeroed[2], "stored as a number"), ("陈敏", IN, "in"),
                       ("杨静", zeroed[3], "stored as a number"), ("黄丽", KNOWN, "known")]
    return text_list(tmp / "数字格式.csv", [["姓名", "身份证号码"]] + [[n, v] for n, v, _w in rows], rows)


def query_form_above_a_web_list(tmp: Path) -> tuple[Path, dict]:
    """A web system's "导出Excel" (HTML named .xls) that keeps the page's query form above the list: a table
    of labels ending in a colon ("姓名: | | 身份证号码: |", then 查询), then the list's own table."""
    rows = people(Ids())
    form = '<table><tr><td>姓名:</td><td></td><td>身份证号码:</td><td></td></tr><tr><td>查询</td><td>重置</td></tr></table>'
    cells = "".join(f"<tr><td>{i}</td><td>{n}</td><td>{v}</td></tr>" for i, (n, v, _w) in enumerate(rows, 1))
    page = (f'<html><head><meta charset="gbk"></head><body>{form}<table border="1"><tr><th>序号</th><th>姓名</th>'
            f"<th>身份证号码</th></tr>{cells}</table></body></html>")
    path = tmp / "查询结果.xls"
    path.write_bytes(page.encode("gbk"))
    return path, expected(rows)


def required_marks_in_square_brackets(tmp: Path) -> tuple[Path, dict]:
    """A template marking its columns 【必填】/[选填] in square brackets."""
    rows = people(Ids())
    return plain(tmp / "方括号.xlsx", ["序号", "姓名【必填】", "身份证号码【必填】", "联系电话[选填]"],
                 [[*line, "13900001111"] for line in listed(rows)], rows)


def stray_cell_in_the_last_column(tmp: Path) -> tuple[Path, dict]:
    """WPS: a space typed in column XFD on one row (the used range runs to the sheet's last column)."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["姓名", "身份证号码", "社区"])
    for name, value, _w in rows:
        ws.append([name, value, "飞云社区"])
    ws.cell(row=4, column=16384, value=" ")
    ws.cell(row=6, column=300, value="备注")
    book.save(tmp / "右边有空格.xlsx")
    return tmp / "右边有空格.xlsx", expected(rows)


def example_sheet_named_sheet1(tmp: Path) -> tuple[Path, dict]:
    """A template whose first sheet, named Sheet1, shows how to fill it in: 填表说明 over the header and one
    made-up person (not marked 示例 in the row), "(此页为样式,请在第二页填写)" under it; the list on Sheet2."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Sheet1"
    for line in (["填表说明:请按以下格式填写,身份证号码为18位"], ["姓名", "身份证号码", "联系电话"],
                 ["张三", "420203199001011238", "13800000000"], ["(此页为样式,请在第二页填写)"]):
        first.append(line)
    ws = book.create_sheet("Sheet2")
    ws.append(["姓名", "身份证号码", "联系电话"])
    for name, value, _w in rows:
        ws.append([name, value, "13900001111"])
    book.save(tmp / "带样式页.xlsx")
    return tmp / "带样式页.xlsx", {**expected(rows), "other_sheets": []}


CASES: dict[str, Case] = {f.__name__: f for f in (
    instructions_sheet_naming_the_columns, header_broken_over_lines_and_marked_required, serial_restarting_by_community,
    passports_among_id_cards, totals_counting_people, count_in_the_id_column, filtered_list_with_hidden_rows_raw,
    wps_inline_rich_strings, tabs_with_bom, tabs_gbk_without_bom, semicolons_gbk_without_bom, semicolons_utf8_with_bom,
    xls_1904_dates, floats_in_lower_case_notation, floats_in_lower_case_notation_csv, very_wide_sheet,
    html_table_inside_a_page, excel_numbers_shown_in_full_csv, query_form_above_a_web_list,
    required_marks_in_square_brackets, stray_cell_in_the_last_column, example_sheet_named_sheet1)}


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(registered: Database, tmp_path: Path, case: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(registered, capsys, tmp_path, *CASES[case](tmp_path))


def test_the_columns_marked_in_square_brackets_are_mapped(registered: Database, tmp_path: Path,  # noqa: F811
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """"姓名【必填】" is the name column and "联系电话[选填]" the phone, as "姓名(必填)" is."""
    path, _want = required_marks_in_square_brackets(tmp_path)
    _code, got = run(registered, capsys, path, "--dry-run")
    assert {k: v["header"] for k, v in got["columns"].items()} == {
        "name": "姓名【必填】", "id_number": "身份证号码【必填】", "phone": "联系电话[选填]"}


@pytest.mark.parametrize(("value", "reason"), [
    ("420203199001012000", idcard.Invalid.FLOAT),  # digits past the fifteenth written as zeros
    ("420203199001012001", idcard.Invalid.CHECK),  # a wrong check character, typed
])
def test_a_number_ending_in_zeros_that_fails_its_check_was_a_number_cell(value: str, reason: idcard.Invalid) -> None:
    parsed = idcard.parse(value)
    assert parsed.reason is reason
    if reason is idcard.Invalid.FLOAT:
        assert "000" in parsed.message and "文本" in parsed.message


def test_a_stray_cell_far_right_does_not_widen_every_row(tmp_path: Path) -> None:
    """Each row is read as wide as its own values, not as the used range one stray cell stretches to
    16,384 columns (which made a list of 3,000 rows take a minute to read); the values far right are kept."""
    path, _want = stray_cell_in_the_last_column(tmp_path)
    with ss.open_workbook(path) as book:
        widths = {number: len(values) for number, values in book.rows(book.sheet_names[0])}
        rows = dict(book.rows(book.sheet_names[0]))
    assert widths[4] == 16384 and rows[4][16383] == " "
    assert widths[6] == 300 and rows[6][299] == "备注"
    assert max(w for n, w in widths.items() if n not in (4, 6)) == 3
