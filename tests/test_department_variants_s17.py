"""Department lists as real offices send them, round 3 (after test_department_variants_s15.py and _s16.py).

New variety: Excel's "Strict Open XML" save, a macro workbook (.xlsm), a very hidden first sheet, Excel's
"Unicode text" named .csv, a "sep=," line, notes between the header and the data, a numbering row
under the header (1 2 3 4 …), a header word split over two rows, ID numbers written after "身份证:",
a printed list pasted back (the header again at the top of every page, 序号 starting again, page
footers), household heads followed by members with only their numbers, village headings between the
groups of a list, a second header row of the system's field codes (xm, sfzh), 填表人/审核人/制表日期
footer lines after 合计.

Each case gives what a careful clerk finds (data rows, valid, invalid by reason, duplicates, the
screening buckets); a dry run prints it, and a real import prints the same and writes an error workbook
holding exactly the invalid and repeated rows with a reason each."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwt  # type: ignore[import-untyped]

from desktop.rules import idcard
from desktop.services.database import Database
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_department_variants_s15 import (
    Case,
    counts_a_clerk_finds,
    listed,
    raw_xlsx,
    shared_strings_xml,
    sheet_xml,
    text_list,
    wizard_counts_as_the_command,
)
from tests.test_discovery_views import messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import (  # noqa: F401 (registered is a fixture)
    Ids,
    Row,
    expected,
    people,
    registered,
    run,
)

HEADER = ["序号", "姓名", "身份证号码"]

STRICT = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
}


def rezipped(source: Path, path: Path, change: dict[bytes, bytes]) -> Path:
    """``source`` zipped again as ``path`` with every part's bytes replaced as ``change`` says."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            for old, new in change.items():
                data = data.replace(old, new)
            zout.writestr(item.filename, data)
    return path


def book_of(path: Path, lines: list[list[Any]], rows: list[Row], *, merges: tuple[str, ...] = ()) -> tuple[Path, dict]:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "名单"
    for line in lines:
        ws.append(line)
    for merge in merges:
        ws.merge_cells(merge)
    book.save(path)
    return path, expected(rows)


def xls_of(path: Path, lines: list[list[Any]], rows: list[Row]) -> tuple[Path, dict]:
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("名单")
    for r, line in enumerate(lines):
        for c, value in enumerate(line):
            if value is not None and value != "":
                ws.write(r, c, value)
    book.save(str(path))
    return path, expected(rows)


def numbered(rows: list[Row], *beside: Any) -> list[list[Any]]:
    """序号 | 姓名 | 身份证号 rows for ``rows``, ``beside`` after each."""
    return [[i, name, value, *beside] for i, (name, value, _what) in enumerate(rows, 1)]


def under_two_header_rows(write: Any, path: Path, names: list[Any], second: list[Any], *beside: Any
                          ) -> tuple[Path, dict]:
    """The usual mix under ``names`` and a ``second`` header row, ``beside`` after each person, written by ``write``."""
    rows = people(Ids())
    return write(path, [names, second, *numbered(rows, *beside)], rows)


# -- the files ------------------------------------------------------------------------------------

def strict_open_xml(tmp: Path) -> tuple[Path, dict]:
    """Excel's "Strict Open XML 电子表格": the ISO/IEC 29500 strict namespaces everywhere, strings shared."""
    rows = people(Ids())
    strings: list[str] = []
    sheet = sheet_xml([["飞云街道医保参保困难人员名单"], HEADER, *listed(rows)], shared=strings)
    source = raw_xlsx(tmp / "transitional.xlsx", [("Sheet1", sheet)], strings=shared_strings_xml(strings))
    path = rezipped(source, tmp / "严格格式.xlsx", STRICT)
    source.unlink()
    return path, expected(rows)


def strict_open_xml_inline(tmp: Path) -> tuple[Path, dict]:
    """Strict namespaces with inline strings and no shared-strings part, no dimension."""
    rows = people(Ids())
    source = raw_xlsx(tmp / "t.xlsx", [("名单", sheet_xml([HEADER, *listed(rows)]))])
    path = rezipped(source, tmp / "严格内联.xlsx", STRICT)
    source.unlink()
    return path, expected(rows)


MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def main_part_as(tmp: Path, name: str, content_type: bytes) -> tuple[Path, dict]:
    """A plain list saved as ``name``, its workbook part of ``content_type`` (a macro workbook, a template)."""
    rows = people(Ids())
    source, want = book_of(tmp / "plain.xlsx", [HEADER, *listed(rows)], rows)
    path = rezipped(source, tmp / name, {MAIN: content_type})
    source.unlink()
    return path, want


def macro_workbook_xlsm(tmp: Path) -> tuple[Path, dict]:
    """A template with a macro button (.xlsm): the main part's content type is macroEnabled."""
    return main_part_as(tmp, "带宏模板.xlsm", b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")


def very_hidden_first_sheet(tmp: Path) -> tuple[Path, dict]:
    """A system's template: a very hidden first sheet of codes with an older list, the list second."""
    rows = people(Ids())
    old = [["姓名", "身份证号码"]] + [[f"旧{i}", Ids().new()] for i in range(30)]
    path = raw_xlsx(tmp / "深度隐藏.xlsx", [("codes", sheet_xml(old)), ("名单", sheet_xml([HEADER, *listed(rows)]))],
                    states=["veryHidden", ""])
    return path, {**expected(rows), "other_sheets": []}


def unicode_text_named_csv(tmp: Path) -> tuple[Path, dict]:
    """Excel's "Unicode 文本" saved under the name .csv: UTF-16 LE with its BOM, tab-separated."""
    rows = people(Ids())
    return text_list(tmp / "卫健_unicode.csv", [["姓名", "身份证号码", "备注"]] + [[n, v, "无"] for n, v, _w in rows],
                     rows, "utf-16-le", "\t", before=b"\xff\xfe", line_end="\r\n".encode("utf-16-le"))


def unicode_text_with_title_and_quotes(tmp: Path) -> tuple[Path, dict]:
    """Excel's "Unicode 文本" (.txt) of a sheet with a title, an address holding a line break (quoted)."""
    rows = people(Ids())
    lines = [["2024年医疗救助对象名单"], [], ["姓名", "身份证号码", "住址"]]
    lines += [[n, v, "飞云街道\n3栋" if i % 3 == 0 else "八泉街道"] for i, (n, v, _w) in enumerate(rows)]
    return text_list(tmp / "医疗救助.txt", lines, rows, "utf-16-le", "\t", before=b"\xff\xfe", line_end="\r\n".encode("utf-16-le"))


def sep_comma_line_gbk(tmp: Path) -> tuple[Path, dict]:
    """"sep=," first, then a GBK CSV without BOM."""
    rows = people(Ids())
    return text_list(tmp / "sep逗号.csv", [["姓名", "身份证号码", "社区"]] + [[n, v, "八泉社区"] for n, v, _w in rows],
                     rows, before=b"sep=,\r\n")


def notes_between_header_and_data(tmp: Path) -> tuple[Path, dict]:
    """说明 lines under the header before the first person ("说明:1.身份证号码须为18位;2.…")."""
    rows = people(Ids())
    lines = [HEADER, ["说明:1.身份证号码须为18位;2.姓名须与身份证一致。"], ["填写示例:", "张三", "(18位身份证号码)"],
             *listed(rows)]
    return book_of(tmp / "说明在表头下.xlsx", lines, rows)


def numbering_row_under_header(tmp: Path) -> tuple[Path, dict]:
    """A government form: the header, then a row numbering its columns 1 2 3 4 5 (as numbers)."""
    rows = people(Ids())
    lines = [["低保边缘家庭核对名单"], ["序号", "姓名", "身份证号码", "家庭人口", "备注"], [1, 2, 3, 4, 5], *numbered(rows, 3)]
    return book_of(tmp / "栏目编号.xlsx", lines, rows)


def numbering_row_as_text_xls(tmp: Path) -> tuple[Path, dict]:
    """The same in an .xls, the numbering typed as text with brackets: (1) (2) (3) …"""
    return under_two_header_rows(xls_of, tmp / "栏目编号.xls", ["序号", "姓名", "身份证号码", "家庭人口", "备注"], ["(1)", "(2)", "(3)", "(4)", "(5)"], 3, "")


def id_header_word_split_over_two_rows(tmp: Path) -> tuple[Path, dict]:
    """A narrow column: "公民身份" on the first header row, "号码" under it; 姓名 and 序号 merged down."""
    rows = people(Ids())
    lines = [["序号", "姓名", "公民身份", "联系电话"], [None, None, "号码", None]]
    lines += numbered(rows, "13800000000")
    return book_of(tmp / "表头两行.xlsx", lines, rows, merges=("A1:A2", "B1:B2", "D1:D2"))


def id_written_after_a_label(tmp: Path) -> tuple[Path, dict]:
    """A hand-typed list: "身份证:420203…" / "身份证号：…" in the ID column."""
    ids = Ids()
    rows: list[Row] = [("王伟", "身份证:" + ids.new(), "new"), ("李芳", "身份证号：" + ids.new(), "new"),
                       ("张娜", "身份证号码: " + ids.new(), "new"), ("刘洋", ids.new(), "new"),
                       ("陈静", "身份证：" + ids.new()[:17], "length")]
    return book_of(tmp / "带标签号码.xlsx", [HEADER, *listed(rows)], rows)


def printed_pages_pasted_back(tmp: Path) -> tuple[Path, dict]:
    """A printed list pasted back: each page repeats the title and the header, 序号 starting at 1 again,
    "第 1 页 共 3 页" under each page."""
    rows = people(Ids())
    lines: list[list[Any]] = []
    for page, start in enumerate(range(0, len(rows), 6), 1):
        lines += [["医保困难人员名单"], HEADER]
        lines += [[i, n, v] for i, (n, v, _w) in enumerate(rows[start:start + 6], 1)]
        lines += [[f"第 {page} 页 共 3 页"]]
    return book_of(tmp / "打印页.xlsx", lines, rows)


def printed_pages_header_only_csv(tmp: Path) -> tuple[Path, dict]:
    """The same in a GBK CSV without titles: the header line again every five persons."""
    rows = people(Ids())
    lines: list[list[Any]] = []
    for start in range(0, len(rows), 5):
        lines += [HEADER] + [[i, n, v] for i, (n, v, _w) in enumerate(rows[start:start + 5], 1)]
    return text_list(tmp / "分页表头.csv", lines, rows)


def members_with_numbers_only(tmp: Path) -> tuple[Path, dict]:
    """Each household's head with name and number, the members under it with only their numbers."""
    ids = Ids()
    rows: list[Row] = []
    lines: list[list[Any]] = [["户序号", "户主姓名", "身份证号码", "与户主关系"]]
    for h in range(1, 4):
        head = ids.new()
        rows.append((f"户主{h}", head, "new"))
        lines.append([h, f"户主{h}", head, "本人"])
        for relation in ("配偶", "子女"):
            member = ids.new()
            rows.append(("", member, "new"))
            lines.append([None, None, member, relation])
    rows.append(("", ids.new()[:16], "length"))
    lines.append([None, None, rows[-1][1], "子女"])
    return book_of(tmp / "户主与成员.xlsx", lines, rows)


def village_headings_between_groups(tmp: Path) -> tuple[Path, dict]:
    """A sub-district's list in groups: "一、飞云村(5人)" on a line of its own before each village."""
    rows = people(Ids())
    lines: list[list[Any]] = [HEADER]
    for heading, start in (("一、飞云村", 0), ("二、八泉村", 5), ("三、闸口村", 10)):
        part = rows[start:start + 5]
        lines.append([f"{heading}({len(part)}人)"])
        lines += [[i, n, v] for i, (n, v, _w) in enumerate(part, 1)]
    return book_of(tmp / "分村.xlsx", lines, rows)


def field_codes_under_header(tmp: Path) -> tuple[Path, dict]:
    """A system's import template: 姓名 | 身份证号码 and under them its field codes XM | SFZH."""
    return under_two_header_rows(book_of, tmp / "字段代码.xlsx", ["序号", "姓名", "身份证号码", "联系电话"], ["XH", "XM", "SFZHM", "LXDH"], "")


def total_and_signature_footer(tmp: Path) -> tuple[Path, dict]:
    """合计 after the list, then 填表人 | 审核人 | 制表日期 spread over the columns, and 单位(盖章)."""
    rows = people(Ids())
    lines = [HEADER, *listed(rows), ["合计", f"{len(rows)}人", ""], [],
             ["填表人:王小明", "审核人:李大华", "制表日期:2024年3月5日"], ["填报单位(盖章):", "", "联系电话:0714-6221234"]]
    return book_of(tmp / "落款.xlsx", lines, rows)


def total_and_signature_footer_xls(tmp: Path) -> tuple[Path, dict]:
    """The same footer in an .xls, 总计 and the labels in the ID column's cells too."""
    rows = people(Ids())
    lines = [HEADER, *listed(rows), ["总计", "", f"共{len(rows)}人"],
             ["填表人:", "王小明", "审核人:李大华"], ["制表日期:", "", "2024-03-05"]]
    return xls_of(tmp / "落款.xls", lines, rows)


def rare_characters_gb18030_csv(tmp: Path) -> tuple[Path, dict]:
    """GB18030 without a BOM: names with 䶮, 𠇔 (beyond GBK), the rest GBK."""
    rows = [(n if i % 4 else n[:1] + ("䶮" if i % 8 else "𠇔"), v, w) for i, (n, v, w) in enumerate(people(Ids()))]
    return text_list(tmp / "生僻字.csv", [["姓名", "身份证号码"]] + [[n, v] for n, v, _w in rows], rows, "gb18030")


def semicolon_gbk_with_sep_line_txt(tmp: Path) -> tuple[Path, dict]:
    """A .txt with "sep=;" and semicolons, GBK."""
    rows = people(Ids())
    return text_list(tmp / "分号.txt", [["姓名", "身份证号码"]] + [[n, v] for n, v, _w in rows], rows, "gbk", ";",
                     before=b"sep=;\r\n")


def xlsx_with_wrong_small_dimension_and_header_lower(tmp: Path) -> tuple[Path, dict]:
    """A dimension of A1:A1 (as some writers leave it) and the header on row 4 under an export line."""
    rows = people(Ids())
    lines = [["导出时间:2024-03-01 09:12"], ["导出人:admin"], [], HEADER, *listed(rows)]
    return raw_xlsx(tmp / "维度.xlsx", [("Sheet1", sheet_xml(lines, dimension="A1"))]), expected(rows)


def chart_sheet_first(tmp: Path) -> tuple[Path, dict]:
    """A statistics office's workbook: a chart sheet (图表) first, the list on the sheet after it."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "名单"
    for line in [HEADER, *listed(rows)]:
        ws.append(line)
    book.create_chartsheet("图表", 0)
    path = tmp / "图表在前.xlsx"
    book.save(path)
    return path, expected(rows)


def excel_template_xltx(tmp: Path) -> tuple[Path, dict]:
    """A list filled in the department's Excel template and saved as the template (.xltx)."""
    return main_part_as(tmp, "名单模板.xltx",
                        b"application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml")


def sep_line_after_a_bom(tmp: Path) -> tuple[Path, dict]:
    """UTF-8 with a BOM, then "sep=,", then the list."""
    rows = people(Ids())
    return text_list(tmp / "bom_sep.csv", [["sep=,"], ["姓名", "身份证号码"]] + [[n, v] for n, v, _w in rows], rows,
                     "utf-8-sig")


def quote_marks_typed_before_numbers(tmp: Path) -> tuple[Path, dict]:
    """Numbers typed after a Chinese input method's quote (‘ ’ ＇ instead of Excel's apostrophe)."""
    ids = Ids()
    rows: list[Row] = [("王伟", "‘" + ids.new(), "new"), ("李芳", "’" + ids.new(), "new"),
                       ("张娜", "＇" + ids.new(), "new"), ("刘洋", "'" + ids.new(), "new"), ("陈静", ids.new(), "new")]
    return book_of(tmp / "引号.xlsx", [HEADER, *listed(rows)], rows)


def blank_below_marker(tmp: Path) -> tuple[Path, dict]:
    """A form's "以下空白" line after the last person, then empty numbered rows to the page's end."""
    rows = people(Ids())
    lines = [HEADER, *listed(rows), [len(rows) + 1, "以下空白"]] + [[i, None, None] for i in range(len(rows) + 2, 25)]
    return book_of(tmp / "以下空白.xlsx", lines, rows)


def page_subtotals_xls(tmp: Path) -> tuple[Path, dict]:
    """A printed report typed back in (.xls): "本页小计 5人" after each page, the header again, "累计" at the end."""
    rows = people(Ids())
    lines: list[list[Any]] = []
    for start in range(0, len(rows), 5):
        part = rows[start:start + 5]
        lines += [HEADER] + [[start + i, n, v] for i, (n, v, _w) in enumerate(part, 1)]
        lines += [["本页小计", f"{len(part)}人", ""]]
    lines += [["累计", f"{len(rows)}人", ""]]
    return xls_of(tmp / "本页小计.xls", lines, rows)


def circled_numbering_row_csv(tmp: Path) -> tuple[Path, dict]:
    """A GBK CSV of a form whose columns are numbered ① ② ③ … under their names."""
    return under_two_header_rows(text_list, tmp / "栏目编号.csv", ["序号", "姓名", "身份证号码", "备注"], ["①", "②", "③", "④"], "")


def id_header_word_split_csv(tmp: Path) -> tuple[Path, dict]:
    """The header of a narrow ID column broken over two lines, saved as CSV: "身份证" over "号码"."""
    return under_two_header_rows(text_list, tmp / "表头断行.csv", ["序号", "姓名", "身份证", "所在社区"], ["", "", "号码", ""], "闸口社区")


CASES: dict[str, Case] = {f.__name__: f for f in (
    strict_open_xml, strict_open_xml_inline, macro_workbook_xlsm, very_hidden_first_sheet, unicode_text_named_csv,
    unicode_text_with_title_and_quotes, sep_comma_line_gbk, notes_between_header_and_data, numbering_row_under_header,
    numbering_row_as_text_xls, id_header_word_split_over_two_rows, id_written_after_a_label, printed_pages_pasted_back,
    printed_pages_header_only_csv, members_with_numbers_only, village_headings_between_groups, field_codes_under_header,
    total_and_signature_footer, total_and_signature_footer_xls, rare_characters_gb18030_csv,
    semicolon_gbk_with_sep_line_txt, xlsx_with_wrong_small_dimension_and_header_lower, chart_sheet_first,
    excel_template_xltx, sep_line_after_a_bom, quote_marks_typed_before_numbers, blank_below_marker, page_subtotals_xls,
    circled_numbering_row_csv, id_header_word_split_csv)}


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(registered: Database, tmp_path: Path, case: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(registered, capsys, tmp_path, *CASES[case](tmp_path))


def digits_only_python_calls_digits(tmp: Path) -> tuple[Path, dict]:
    """Numbers typed with an input method's symbols: a circled ① for 1, a superscript ² (str.isdigit says
    both are digits, int() takes neither) and Arabic-Indic digits pasted from a web page."""
    ids = Ids()
    rows: list[Row] = [("王伟", "①" + ids.new()[1:], "characters"), ("李芳", ids.new()[:17] + "²", "characters"),
                       ("张娜", ids.new()[:14] + "١٢٣٤", "characters"), ("刘洋", "①" + ids.new()[1:15], "characters"),
                       ("陈静", ids.new(), "new")]
    return book_of(tmp / "符号数字.xlsx", [HEADER, *listed(rows)], rows)


def test_digits_python_calls_digits_are_bad_characters(registered: Database, tmp_path: Path,  # noqa: F811
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Was: "①2020…" (18 or 15 long) stopped the whole import with an internal error (ValueError from
    int()), and Arabic-Indic digits were read as digits; each is now an invalid row naming the character."""
    counts_a_clerk_finds(registered, capsys, tmp_path, *digits_only_python_calls_digits(tmp_path))
    assert "“①”" in idcard.parse("①" + Ids().new()[1:]).message


@pytest.mark.parametrize("case", ["id_header_word_split_over_two_rows", "printed_pages_pasted_back",
                                  "circled_numbering_row_csv", "strict_open_xml"])
def test_the_wizard_finds_what_the_command_prints(qtbot: Any, registered: Database,  # noqa: F811
                                                  sqlite_district: District, messages: list[str],  # noqa: F811
                                                  tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  case: str) -> None:
    wizard_counts_as_the_command(qtbot, registered, sqlite_district, capsys, *CASES[case](tmp_path))
    assert wait_for_background()
