"""Department lists as real offices send them, round 6 (after test_department_variants_s15.py to _s19.py).

Defects found (each a case below, failing before its fix): the group lines of Excel's 数据 → 分类汇总
("八泉街道 计数" with =SUBTOTAL(3,…) under the ID or name column) were read as people with a number of
the wrong length; a stop typed after a number ("…1238，", "…1238。", "…1238;") and quotes around it
(“420…”, "420…", 「…」) made a valid number invalid (characters); "无身份证", "新生儿", "户口未落"
were wrong characters while "无" and "无证" were a missing number (empty); a date cell in the ID column
was reported as holding the characters "-" and ":".

The other cases are shapes not tried before that were right already: Excel's table total row, a total
line right under the header, a summary sheet before one sheet per sub-district, the first sub-district's
sheet empty, header words spaced (身 份 证 号), UTF-16 without BOM, a workbook under another extension,
the header repeated every 50 rows of an .xls, 救助对象 / 公民身份证号 / 户主 / 身份证件号码 columns.

Each case gives what a careful clerk finds; a dry run prints it, and a real import prints the same and
writes an error workbook holding exactly the invalid and repeated rows, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.services.database import Database
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_department_variants_s15 import (
    Raw,
    counts_a_clerk_finds,
    listed,
    raw_xlsx,
    sheet_xml,
    text_list,
    wizard_counts_as_the_command,
    xls,
)
from tests.test_department_variants_s17 import book_of
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_discovery_views import messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import (  # noqa: F401 (registered is a fixture)
    Ids,
    Row,
    expected,
    people,
    register_three,
    registered,
)

HEADER = ["序号", "姓名", "身份证号码"]


def count_formula(formula: str, result: int) -> Raw:
    """A formula whose number result was saved (SUBTOTAL, COUNTA)."""
    return Raw(f"<{{p}}c{{r}}><{{p}}f>{formula}</{{p}}f><{{p}}v>{result}</{{p}}v></{{p}}c>")


def spaced_headers(tmp: Path) -> tuple[Path, dict]:
    """WPS: header words spaced out to fill a wide cell (序 号 | 姓  名 | 身 份 证 号)."""
    rows = people(Ids())
    return book_of(tmp / "a.xlsx", [["序 号", "姓  名", "身 份 证 号"], *listed(rows)], rows)


def _subtotalled(tmp: Path, name: str, column: str) -> tuple[Path, dict]:
    """A list grouped by 街道 with Excel's 分类汇总 (计数 on ``column``, C the names or D the ID numbers):
    "八泉街道 计数" after each group with =SUBTOTAL(3,…), "总计数" at the end."""
    ids = Ids()
    groups = [("八泉街道", people(ids)), ("澄月街道", [("甲", ids.new(), "new"), ("乙", ids.new(), "new")])]
    lines: list[list[Any]] = [["序号", "街道", "姓名", "身份证号码"]]
    every: list[Row] = []
    n = 1

    def total(label: str, formula: str, result: int) -> list[Any]:
        count = count_formula(formula, result)
        return [None, label, count, None] if column == "C" else [None, label, None, count]

    for street, rows in groups:
        first = len(lines) + 1
        for person, value, _w in rows:
            lines.append([n, street, person, value])
            n += 1
        lines.append(total(f"{street} 计数", f"SUBTOTAL(3,{column}{first}:{column}{len(lines)})", len(rows)))
        every += rows
    lines.append(total("总计数", f"SUBTOTAL(3,{column}2:{column}{len(lines)})", len(every)))
    path = raw_xlsx(tmp / name, [("Sheet1", sheet_xml(lines))])
    return path, expected(every)


def excel_subtotals(tmp: Path) -> tuple[Path, dict]:
    """应急管理 (数据 → 分类汇总 by 街道, 计数 on the ID column)."""
    return _subtotalled(tmp, "b.xlsx", "D")


def excel_subtotals_on_name(tmp: Path) -> tuple[Path, dict]:
    """The same, 计数 on the name column."""
    return _subtotalled(tmp, "b2.xlsx", "C")


def table_totals_row(tmp: Path) -> tuple[Path, dict]:
    """An Excel table (套用表格格式) with its total row: 汇总 and =SUBTOTAL(103,…) under the ID numbers."""
    rows = people(Ids())
    lines: list[list[Any]] = [HEADER, *listed(rows)]
    lines.append(["汇总", None, count_formula(f"SUBTOTAL(103,C2:C{len(lines)})", len(rows))])
    return raw_xlsx(tmp / "c.xlsx", [("Sheet1", sheet_xml(lines))]), expected(rows)


def summary_sheet_first(tmp: Path) -> tuple[Path, dict]:
    """工会: a 汇总 sheet (街道 | 人数) first, then one sheet per sub-district: the first list is read, the
    other named."""
    rows = people(Ids())
    other = Ids()
    other.n = 700
    second = [HEADER] + [[i, "某某", other.new()] for i in range(1, 4)]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "汇总"
    for line in (["街道", "人数", "备注"], ["八泉街道", len(rows), None], ["澄月街道", 3, None], ["合计", len(rows) + 3, None]):
        ws.append(line)
    for title, lines in (("八泉街道", [HEADER, *listed(rows)]), ("澄月街道", second)):
        s = book.create_sheet(title)
        for line in lines:
            s.append(line)
    path = tmp / "d.xlsx"
    book.save(path)
    return path, {**expected(rows), "other_sheets": ["澄月街道"]}


def first_street_sheet_empty(tmp: Path) -> tuple[Path, dict]:
    """One sheet per sub-district, the first with its header and no one: the list with people is read."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "八泉街道"
    ws.append(HEADER)
    s = book.create_sheet("澄月街道")
    for line in [HEADER, *listed(rows)]:
        s.append(line)
    path = tmp / "e.xlsx"
    book.save(path)
    return path, expected(rows)


def disability_card_first(tmp: Path) -> tuple[Path, dict]:
    """残联: 残疾证号 (left empty) before 身份证号."""
    rows = people(Ids())
    lines = [["序号", "姓名", "残疾证号", "身份证号"]] + [[i, n, "", v] for i, n, v in listed(rows)]
    return book_of(tmp / "f.xlsx", lines, rows)


def trailing_punct(tmp: Path) -> tuple[Path, dict]:
    """A list pasted from a document or a message: a stop after some numbers (，。;)."""
    ids = Ids()
    rows = people(ids) + [("钱一", ids.new() + "，", "new"), ("钱二", ids.new() + "。", "new"), ("钱三", ids.new() + ";", "new")]
    return book_of(tmp / "g.xlsx", [HEADER, *listed(rows)], rows)


def no_id_words(tmp: Path) -> tuple[Path, dict]:
    """无 / — where a person has no number."""
    ids = Ids()
    rows = people(ids) + [("钱一", "无", "empty"), ("钱二", "/", "empty"), ("钱三", "—", "empty")]
    return book_of(tmp / "h.xlsx", [HEADER, *listed(rows)], rows)


def xls_subtotals(tmp: Path) -> tuple[Path, dict]:
    """分类汇总 in an .xls, the counts plain numbers under the ID column."""
    ids = Ids()
    rows = people(ids, text=False)
    data: list[list[Any]] = [["序号", "街道", "姓名", "身份证号码"]] + [[i, "八泉街道", n, v] for i, n, v in listed(rows)]
    data.append([None, "八泉街道 计数", None, len(rows)])
    data.append([None, "总计数", None, len(rows)])
    return xls(tmp / "i.xls", [("Sheet1", data)]), expected(rows)


def csv_counted(tmp: Path) -> tuple[Path, dict]:
    """分类汇总 saved as GBK CSV."""
    ids = Ids()
    rows = people(ids)
    lines = [["序号", "街道", "姓名", "身份证号码"]] + [[i, "八泉街道", n, v] for i, n, v in listed(rows)]
    lines += [["", "八泉街道 计数", "", str(len(rows))], ["", "总计数", "", str(len(rows))]]
    return text_list(tmp / "j.csv", lines, rows)


def total_on_top(tmp: Path) -> tuple[Path, dict]:
    """统计 style: the total line right under the header (合计 | 15人)."""
    rows = people(Ids())
    lines: list[list[Any]] = [HEADER, ["合计", f"{len(rows)}人", None], *listed(rows)]
    return book_of(tmp / "k.xlsx", lines, rows)


def total_on_top_number(tmp: Path) -> tuple[Path, dict]:
    """总计 under the header, the count under the ID column as a number."""
    rows = people(Ids())
    lines: list[list[Any]] = [["序号", "街道", "姓名", "身份证号码"], [None, "总计", None, len(rows)],
                              *[[i, "八泉街道", n, v] for i, n, v in listed(rows)]]
    return book_of(tmp / "k2.xlsx", lines, rows)


def utf16_no_bom(tmp: Path) -> tuple[Path, dict]:
    """A .NET exporter's tab-separated UTF-16 LE without a byte-order mark."""
    rows = people(Ids())
    path = tmp / "l.csv"
    text = "\r\n".join("\t".join(str(c) for c in line) for line in [HEADER, *listed(rows)]) + "\r\n"
    path.write_bytes(text.encode("utf-16-le"))
    return path, expected(rows)


def xlsx_named_xls(tmp: Path) -> tuple[Path, dict]:
    """WPS "另存为" keeping the old name: an .xlsx named .xls."""
    rows = people(Ids())
    path, want = book_of(tmp / "m.xlsx", [HEADER, *listed(rows)], rows)
    return path.rename(tmp / "m.xls"), want


def xlsx_named_csv(tmp: Path) -> tuple[Path, dict]:
    """An .xlsx named .csv."""
    rows = people(Ids())
    path, want = book_of(tmp / "n.xlsx", [HEADER, *listed(rows)], rows)
    return path.rename(tmp / "n.csv"), want


def xls_named_xlsx(tmp: Path) -> tuple[Path, dict]:
    """An .xls named .xlsx."""
    rows = people(Ids(), text=False)
    path = xls(tmp / "o.xls", [("Sheet1", [HEADER, *listed(rows)])])
    return path.rename(tmp / "o.xlsx"), expected(rows)


def other_headers(tmp: Path) -> tuple[Path, dict]:
    """民政: 救助对象 | 公民身份证号 | 证件类型."""
    rows = people(Ids())
    return book_of(tmp / "p.xlsx", [["序号", "救助对象", "公民身份证号", "证件类型"],
                                     *[[*r, "居民身份证"] for r in listed(rows)]], rows)


def household_heads(tmp: Path) -> tuple[Path, dict]:
    """住建: 户主 | 身份证件号码 | 家庭人口."""
    rows = people(Ids())
    return book_of(tmp / "q.xlsx", [["序号", "户主", "身份证件号码", "家庭人口"], *[[*r, 3] for r in listed(rows)]], rows)


def page_headers_every_50_xls(tmp: Path) -> tuple[Path, dict]:
    """工会 (.xls set up for printing): the header again every 50 persons, its ID cell on two lines."""
    ids = Ids()
    rows = people(ids, text=False) + [("某某", ids.new(), "new") for _ in range(120)]
    data: list[list[Any]] = [["西塞山区困难职工名单"], HEADER]
    for i, r in enumerate(listed(rows)):
        if i and i % 50 == 0:
            data.append(["序号", "姓名", "身份证\n号码"])
        data.append(r)
    return xls(tmp / "r.xls", [("Sheet1", data)]), expected(rows)


def csv_semicolon_trailing(tmp: Path) -> tuple[Path, dict]:
    """Semicolons, UTF-8 with BOM, an empty field at the end of every line."""
    rows = people(Ids())
    lines = [[*HEADER, ""], *[[*r, ""] for r in listed(rows)]]
    return text_list(tmp / "s.csv", lines, rows, "utf-8-sig", ";")


def gbk_tabs_trailing(tmp: Path) -> tuple[Path, dict]:
    """Tabs, GBK, an empty field at the end of every line."""
    rows = people(Ids())
    lines = [[*HEADER, ""], *[[*r, ""] for r in listed(rows)]]
    return text_list(tmp / "t.csv", lines, rows, "gbk", "\t")


def numbers_in_quotes(tmp: Path) -> tuple[Path, dict]:
    """Numbers pasted from a document in quotes (“…”, "…", 「…」)."""
    ids = Ids()
    rows = people(ids) + [("钱一", f"“{ids.new()}”", "new"), ("钱二", f'"{ids.new()}"', "new"),
                          ("钱三", f"「{ids.new()}」", "new"), ("钱四", f"“{ids.bad_check()}”", "check character")]
    return book_of(tmp / "u.xlsx", [HEADER, *listed(rows)], rows)


def no_number_in_words(tmp: Path) -> tuple[Path, dict]:
    """卫健: no number said in words (无身份证, 新生儿, 户口未落, 暂未办理身份证); 未成年 is no such word."""
    ids = Ids()
    rows = people(ids) + [("钱一", "无身份证", "empty"), ("钱二", "新生儿", "empty"), ("钱三", "户口未落", "empty"),
                          ("钱四", "暂未办理身份证", "empty"), ("钱五", "未成年", "characters")]
    return text_list(tmp / "v.csv", [HEADER, *listed(rows)], rows)


def a_date_in_the_id_column(tmp: Path) -> tuple[Path, dict]:
    """A birth date typed in the ID column, a date cell."""
    ids = Ids()
    rows = people(ids) + [("钱一", datetime(1990, 1, 1), "characters")]
    return book_of(tmp / "w.xlsx", [HEADER, *listed(rows)], rows)


CASES: dict[str, Any] = {f.__name__: f for f in (
    spaced_headers, excel_subtotals, excel_subtotals_on_name, table_totals_row, summary_sheet_first,
    first_street_sheet_empty, disability_card_first, trailing_punct, no_id_words, xls_subtotals, csv_counted,
    total_on_top, total_on_top_number, utf16_no_bom, xlsx_named_xls, xlsx_named_csv, xls_named_xlsx, other_headers,
    household_heads, page_headers_every_50_xls, csv_semicolon_trailing, gbk_tabs_trailing,
    numbers_in_quotes, no_number_in_words, a_date_in_the_id_column)}


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path, case: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(screened, capsys, tmp_path, *CASES[case](tmp_path))


@pytest.mark.parametrize("case", ["excel_subtotals", "numbers_in_quotes", "no_number_in_words"])
def test_the_wizard_finds_what_the_command_prints(qtbot: Any, registered: Database,  # noqa: F811
                                                  sqlite_district: District, messages: list[str],  # noqa: F811
                                                  tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  case: str) -> None:
    wizard_counts_as_the_command(qtbot, registered, sqlite_district, capsys, *CASES[case](tmp_path))
    assert wait_for_background()
