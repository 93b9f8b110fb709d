"""Department lists as real offices send them, round 6 (after test_department_variants_s15.py to _s19.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.services.database import Database
from tests.district import District
from tests.test_department_variants_s15 import (
    Raw,
    counts_a_clerk_finds,
    listed,
    raw_xlsx,
    sheet_xml,
    text_list,
    xls,
)
from tests.test_department_variants_s17 import book_of
from tests.test_import_department_files import Ids, Row, expected, people, register_three

HEADER = ["序号", "姓名", "身份证号码"]


@pytest.fixture
def screened(db: Database, district: District) -> Database:
    return register_three(db, district)


def count_formula(formula: str, result: int) -> Raw:
    """A formula whose number result was saved (SUBTOTAL, COUNTA)."""
    return Raw(f"<{{p}}c{{r}}><{{p}}f>{formula}</{{p}}f><{{p}}v>{result}</{{p}}v></{{p}}c>")


def spaced_headers(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    return book_of(tmp / "a.xlsx", [["序 号", "姓  名", "身 份 证 号"], *listed(rows)], rows)


def excel_subtotals(tmp: Path) -> tuple[Path, dict]:
    """数据 → 分类汇总 by 街道, 计数 on the ID column."""
    ids = Ids()
    groups = [("八泉街道", people(ids)), ("澄月街道", [("甲", ids.new(), "new"), ("乙", ids.new(), "new")])]
    lines: list[list[Any]] = [["序号", "街道", "姓名", "身份证号码"]]
    every: list[Row] = []
    n = 1
    for street, rows in groups:
        first = len(lines) + 1
        for name, value, _w in rows:
            lines.append([n, street, name, value])
            n += 1
        lines.append([None, f"{street} 计数", None, count_formula(f"SUBTOTAL(3,D{first}:D{len(lines)})", len(rows))])
        every += rows
    lines.append([None, "总计数", None, count_formula(f"SUBTOTAL(3,D2:D{len(lines)})", len(every))])
    path = raw_xlsx(tmp / "b.xlsx", [("Sheet1", sheet_xml(lines))])
    return path, expected(every)


def excel_subtotals_on_name(tmp: Path) -> tuple[Path, dict]:
    ids = Ids()
    groups = [("八泉街道", people(ids)), ("澄月街道", [("甲", ids.new(), "new"), ("乙", ids.new(), "new")])]
    lines: list[list[Any]] = [["序号", "街道", "姓名", "身份证号码"]]
    every: list[Row] = []
    n = 1
    for street, rows in groups:
        first = len(lines) + 1
        for name, value, _w in rows:
            lines.append([n, street, name, value])
            n += 1
        lines.append([None, f"{street} 计数", count_formula(f"SUBTOTAL(3,C{first}:C{len(lines)})", len(rows)), None])
        every += rows
    lines.append([None, "总计数", count_formula(f"SUBTOTAL(3,C2:C{len(lines)})", len(every)), None])
    path = raw_xlsx(tmp / "b2.xlsx", [("Sheet1", sheet_xml(lines))])
    return path, expected(every)


def table_totals_row(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    lines: list[list[Any]] = [HEADER, *listed(rows)]
    lines.append(["汇总", None, count_formula(f"SUBTOTAL(103,C2:C{len(lines)})", len(rows))])
    return raw_xlsx(tmp / "c.xlsx", [("Sheet1", sheet_xml(lines))]), expected(rows)


def summary_sheet_first(tmp: Path) -> tuple[Path, dict]:
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
    rows = people(Ids())
    lines = [["序号", "姓名", "残疾证号", "身份证号"]] + [[i, n, "", v] for i, n, v in listed(rows)]
    return book_of(tmp / "f.xlsx", lines, rows)


def trailing_punct(tmp: Path) -> tuple[Path, dict]:
    ids = Ids()
    rows = people(ids) + [("钱一", ids.new() + "，", "new"), ("钱二", ids.new() + "。", "new"), ("钱三", ids.new() + ";", "new")]
    return book_of(tmp / "g.xlsx", [HEADER, *listed(rows)], rows)


def no_id_words(tmp: Path) -> tuple[Path, dict]:
    ids = Ids()
    rows = people(ids) + [("钱一", "无", "empty"), ("钱二", "/", "empty"), ("钱三", "—", "empty")]
    return book_of(tmp / "h.xlsx", [HEADER, *listed(rows)], rows)


def xls_subtotals(tmp: Path) -> tuple[Path, dict]:
    ids = Ids()
    rows = people(ids, text=False)
    data: list[list[Any]] = [["序号", "街道", "姓名", "身份证号码"]] + [[i, "八泉街道", n, v] for i, n, v in listed(rows)]
    data.append([None, "八泉街道 计数", None, len(rows)])
    data.append([None, "总计数", None, len(rows)])
    return xls(tmp / "i.xls", [("Sheet1", data)]), expected(rows)


def csv_counted(tmp: Path) -> tuple[Path, dict]:
    ids = Ids()
    rows = people(ids)
    lines = [["序号", "街道", "姓名", "身份证号码"]] + [[i, "八泉街道", n, v] for i, n, v in listed(rows)]
    lines += [["", "八泉街道 计数", "", str(len(rows))], ["", "总计数", "", str(len(rows))]]
    return text_list(tmp / "j.csv", lines, rows)


def total_on_top(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    lines: list[list[Any]] = [HEADER, ["合计", f"{len(rows)}人", None], *listed(rows)]
    return book_of(tmp / "k.xlsx", lines, rows)


def total_on_top_number(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    lines: list[list[Any]] = [["序号", "街道", "姓名", "身份证号码"], [None, "总计", None, len(rows)],
                              *[[i, "八泉街道", n, v] for i, n, v in listed(rows)]]
    return book_of(tmp / "k2.xlsx", lines, rows)


def utf16_no_bom(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    path = tmp / "l.csv"
    text = "\r\n".join("\t".join(str(c) for c in line) for line in [HEADER, *listed(rows)]) + "\r\n"
    path.write_bytes(text.encode("utf-16-le"))
    return path, expected(rows)


def xlsx_named_xls(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    path, want = book_of(tmp / "m.xlsx", [HEADER, *listed(rows)], rows)
    return path.rename(tmp / "m.xls"), want


def xlsx_named_csv(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    path, want = book_of(tmp / "n.xlsx", [HEADER, *listed(rows)], rows)
    return path.rename(tmp / "n.csv"), want


def xls_named_xlsx(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids(), text=False)
    path = xls(tmp / "o.xls", [("Sheet1", [HEADER, *listed(rows)])])
    return path.rename(tmp / "o.xlsx"), expected(rows)


def other_headers(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    return book_of(tmp / "p.xlsx", [["序号", "救助对象", "公民身份证号", "证件类型"],
                                     *[[*r, "居民身份证"] for r in listed(rows)]], rows)


def household_heads(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    return book_of(tmp / "q.xlsx", [["序号", "户主", "身份证件号码", "家庭人口"], *[[*r, 3] for r in listed(rows)]], rows)


def page_headers_every_50_xls(tmp: Path) -> tuple[Path, dict]:
    ids = Ids()
    rows = people(ids, text=False) + [("某某", ids.new(), "new") for _ in range(120)]
    data: list[list[Any]] = [["西塞山区困难职工名单"], HEADER]
    for i, r in enumerate(listed(rows)):
        if i and i % 50 == 0:
            data.append(["序号", "姓名", "身份证\n号码"])
        data.append(r)
    return xls(tmp / "r.xls", [("Sheet1", data)]), expected(rows)


def csv_semicolon_trailing(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    lines = [[*HEADER, ""], *[[*r, ""] for r in listed(rows)]]
    return text_list(tmp / "s.csv", lines, rows, "utf-8-sig", ";")


def gbk_tabs_trailing(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    lines = [[*HEADER, ""], *[[*r, ""] for r in listed(rows)]]
    return text_list(tmp / "t.csv", lines, rows, "gbk", "\t")


def numbers_in_quotes(tmp: Path) -> tuple[Path, dict]:
    ids = Ids()
    rows = people(ids) + [("钱一", f"“{ids.new()}”", "new"), ("钱二", f'"{ids.new()}"', "new"),
                          ("钱三", f"「{ids.new()}」", "new"), ("钱四", f"“{ids.bad_check()}”", "check character")]
    return book_of(tmp / "u.xlsx", [HEADER, *listed(rows)], rows)


def no_number_in_words(tmp: Path) -> tuple[Path, dict]:
    ids = Ids()
    rows = people(ids) + [("钱一", "无身份证", "empty"), ("钱二", "新生儿", "empty"), ("钱三", "户口未落", "empty"),
                          ("钱四", "暂未办理身份证", "empty"), ("钱五", "未成年", "characters")]
    return text_list(tmp / "v.csv", [HEADER, *listed(rows)], rows)


def a_date_in_the_id_column(tmp: Path) -> tuple[Path, dict]:
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
def test_a_departments_file_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path, case: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(screened, capsys, tmp_path, *CASES[case](tmp_path))
