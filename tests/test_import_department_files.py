"""Department lists as each department really sends them, through ``relief-desk import department --json``.

Each case builds one small file the way a department's office writes it (WPS or Excel, a legacy .xls, a
CSV in GBK, GB18030, UTF-8 with BOM or UTF-16, a tab-separated .txt, a web page or a CSV named .xlsx …)
and gives the counts a careful clerk finds in it: data rows, valid, invalid by reason, duplicates and the
screening buckets. Broken files give one plain message naming the file, never a traceback."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
import xlwt  # type: ignore[import-untyped]
from openpyxl.styles import Alignment

from desktop.cli import main as cli_main
from desktop.rules import codes, idcard
from desktop.services.database import Database
from tests.district import District
from tests.test_import_department import add_household

IN = idcard.make("420203", date(1960, 3, 1), 11)  # a member of a household on 低保
IN_X = idcard.make("420203", date(1955, 3, 8), 18)  # on 特困, the number ends in X
KNOWN = idcard.make("420203", date(1970, 4, 2), 22)  # registered, not in assistance
assert IN_X.endswith("X")

Row = tuple[str, Any, str]  # name, ID cell, what it is: new / new15 / in / known / dup / an idcard.Invalid value
Case = Callable[[Path], tuple[Path, dict[str, Any]]]


class Ids:
    """New valid numbers, each different."""

    def __init__(self) -> None:
        self.n = 100

    def new(self) -> str:
        self.n += 1
        return idcard.make("420203", date(1950 + self.n % 60, 1 + self.n % 12, 1 + self.n % 28), self.n % 1000)

    def legacy(self) -> tuple[str, str]:
        """A 15-digit number and the 18-digit number it becomes."""
        self.n += 1
        number = idcard.make("420203", date(1930 + self.n % 60, 1 + self.n % 12, 1 + self.n % 28), self.n % 1000)
        return number[:6] + number[8:17], number

    def bad_check(self) -> str:
        number = self.new()
        return number[:17] + ("1" if number[17] != "1" else "2")


def fullwidth(number: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in number)


def people(ids: Ids, *, text: bool = True) -> list[Row]:
    """The mix every list here carries: numbers spaced, in full-width digits, with a lowercase x or an
    apostrophe, a legacy 15-digit one, three kinds of wrong number, an empty one, two repeats, and
    people in assistance and registered."""
    first = ids.new()
    legacy, _ = ids.legacy()
    rows: list[Row] = [
        ("王伟", first, "new"),
        ("李芳", IN, "in"),
        ("张娜", f"{KNOWN[:6]} {KNOWN[6:14]} {KNOWN[14:]}", "known"),
        ("刘秀英", IN_X.lower(), "in"),
        ("陈敏", fullwidth(ids.new()), "new"),
        ("杨静", f" {ids.new()} ", "new"),
        ("黄丽", legacy, "new15"),
        ("赵强", ids.bad_check(), "check character"),
        ("吴磊", ids.new()[:17], "length"),
        ("周军", "420203199013321234", "birth date"),
        ("徐洋", first, "dup"),
        ("孙勇", "", "empty"),
        ("马艳", f"{first[:6]} {first[6:]}", "dup"),
    ]
    if text:  # what only a text cell holds: Excel's text of a number cell, an apostrophe typed before it
        rows += [("朱杰", "4.20203199001012E+17", "stored as a number"), ("胡娟", "'" + ids.new(), "new")]
    return rows


def expected(rows: list[Row]) -> dict[str, Any]:
    want: dict[str, Any] = {"data_rows": len(rows), "valid": 0, "invalid": {}, "duplicates": 0,
                            "legacy_15_converted": 0, "in_assistance": 0, "known": 0, "new": 0}
    for _name, _value, what in rows:
        if what == "dup":
            want["duplicates"] += 1
        elif what in ("new", "new15", "in", "known"):
            want["valid"] += 1
            want["legacy_15_converted"] += what == "new15"
            want[{"in": "in_assistance", "known": "known"}.get(what, "new")] += 1
        else:
            want["invalid"][what] = want["invalid"].get(what, 0) + 1
    return want


def csv_bytes(rows: list[list[Any]], encoding: str, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def saved(book: openpyxl.Workbook, path: Path, rows: list[Row]) -> tuple[Path, dict[str, Any]]:
    book.save(path)
    return path, expected(rows)


def closed(book: xlsxwriter.Workbook, path: Path, rows: list[Row]) -> tuple[Path, dict[str, Any]]:
    book.close()
    return path, expected(rows)


# -- the files ------------------------------------------------------------------------------------

def medical_wps(tmp: Path) -> tuple[Path, dict]:
    """医保局 (WPS): a merged title, the unit and date, the header on row 3 with line breaks in it,
    序号, dates as numbers, a number cell, 合计 and 填表人/审核人 under the list."""
    rows = people(Ids())
    rows.insert(3, ("高明", 420203198807150016.0, "stored as a number"))
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["2026年西塞山区大病患者名单"])
    ws.merge_cells("A1:G1")
    ws.append(["填报单位:区医疗保障局", None, None, None, "填报日期:2026年10月8日"])
    ws.append(["序号", "患者\n姓名", "性别", "身份证号\n(必填)", "疾病名称", "住院日期", "住址"])
    ws["D3"].alignment = Alignment(wrap_text=True)
    for i, (name, value, _what) in enumerate(rows, 1):
        ws.append([i, name, "男", value, "尿毒症", 46000 + i, "八泉街道飞云社区"])
    ws.append(["合计", None, None, f"{len(rows)}人"])
    ws.append(["填表人:张三", None, "审核人:李四", None, "联系电话:0714-1234567"])
    return saved(book, tmp / "医保局_大病患者.xlsx", rows)


def disabled_xls(tmp: Path) -> tuple[Path, dict]:
    """残联 (.xls): a 说明 sheet first; the list on the second under a merged title, its header on row 5
    with "公民身份\\n号码"; the signatures two rows under it."""
    rows = people(Ids()) + [("林霞", 420203199001011238.0, "stored as a number")]
    book = xlwt.Workbook(encoding="utf-8")
    notes = book.add_sheet("说明")
    notes.write(0, 0, "填表说明:")
    notes.write(1, 0, "1. 身份证号必须为18位")
    ws = book.add_sheet("持证残疾人")
    ws.write_merge(0, 0, 0, 5, "西塞山区持证残疾人名单")
    ws.write_merge(1, 1, 0, 5, "(2026年第三季度)")
    ws.write(2, 0, "单位:区残联")
    ws.write(3, 4, "单位:人")
    for c, title in enumerate(["序号", "姓名", "公民身份\n号码", "残疾类别", "残疾等级", "联系电话"]):
        ws.write(4, c, title)
    for i, (name, value, _what) in enumerate(rows, 1):
        for c, cell in enumerate([i, name, value, "肢体", "二级", "13800001111"]):
            ws.write(4 + i, c, cell)
    ws.write(6 + len(rows), 0, "制表人:王五      审核人:赵六")
    path = tmp / "残联_持证残疾人.xls"
    book.save(str(path))
    return path, expected(rows)


def hrss_et(tmp: Path) -> tuple[Path, dict]:
    """人社局: a legacy workbook saved by WPS under its own name (.et), ID column 证件号码."""
    rows = people(Ids())
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("失业人员")
    for c, title in enumerate(["序号", "姓名", "证件号码", "失业登记日期", "所在社区"]):
        ws.write(0, c, title)
    for i, (name, value, _what) in enumerate(rows, 1):
        for c, cell in enumerate([i, name, value, "2026-07-01", "飞云社区"]):
            ws.write(i, c, cell)
    path = tmp / "人社局_失业登记.et"
    book.save(str(path))
    return path, expected(rows)


def education_gb18030(tmp: Path) -> tuple[Path, dict]:
    """教育局: GB18030 CSV whose names hold characters beyond GBK (four bytes each), 学生姓名, and a
    学籍号 holding the ID number after a letter."""
    rows = people(Ids())
    rows[0] = ("王㛃", *rows[0][1:])
    rows[1] = ("李𠀾", *rows[1][1:])
    path = tmp / "教育局_学生资助.csv"
    path.write_bytes(csv_bytes([["序号", "学生姓名", "学籍号", "身份证号码", "学校"]] + [
        [i, name, f"G{value}" if value else "", value, "第十五中学"] for i, (name, value, _what) in enumerate(rows, 1)],
        "gb18030"))
    return path, expected(rows)


def housing_utf8_bom(tmp: Path) -> tuple[Path, dict]:
    """住建局: UTF-8 with BOM, a title and a blank line above, a blank line inside, 户主姓名, 合计 and
    the signature line under the list."""
    rows = people(Ids())
    lines: list[list[Any]] = [["2026年公租房保障家庭名单", "", "", ""], ["", "", "", ""], ["序号", "户主姓名", "身份证号", "街道"]]
    for i, (name, value, _what) in enumerate(rows, 1):
        lines.append([i, name, value, "八泉街道"])
        if i == 5:
            lines.append(["", "", "", ""])
    lines += [["合计", "", "", ""], ["填表人:", "", "审核人:", ""]]
    path = tmp / "住建局_公租房.csv"
    path.write_bytes(csv_bytes(lines, "utf-8-sig"))
    return path, expected(rows)


def health_utf16(tmp: Path) -> tuple[Path, dict]:
    """卫健委: Excel's "Unicode text" (UTF-16 with BOM, tab-separated), saved as .txt."""
    rows = people(Ids())
    path = tmp / "卫健委_计生特扶.txt"
    path.write_bytes(csv_bytes([["姓名", "身份证号", "扶助类别"]] + [[n, v, "特别扶助"] for n, v, _w in rows], "utf-16",
                               "\t"))
    return path, expected(rows)


def rural_gbk_tabs(tmp: Path) -> tuple[Path, dict]:
    """乡村振兴局: a GBK tab-separated .txt of household members (户主姓名 beside 成员姓名)."""
    rows = people(Ids())
    path = tmp / "乡村振兴局_监测户.txt"
    path.write_bytes(csv_bytes([["户编号", "户主姓名", "与户主关系", "成员姓名", "证件号码", "村"]] + [
        [f"H{i:03d}", "户主", "本人", n, v, "道仕袱村"] for i, (n, v, _w) in enumerate(rows, 1)], "gbk", "\t"))
    return path, expected(rows)


def union_two_row_header(tmp: Path) -> tuple[Path, dict]:
    """总工会: 基本信息 merged over 姓名 | 身份证号 | 工作单位, 困难情况 over two more, 序号 merged down;
    a total row with the sum of incomes."""
    rows = people(Ids())
    path = tmp / "总工会_困难职工.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("困难职工")
    ws.merge_range(0, 0, 0, 5, "2026年困难职工档案")
    ws.merge_range(1, 0, 2, 0, "序号")
    ws.merge_range(1, 1, 1, 3, "基本信息")
    ws.merge_range(1, 4, 1, 5, "困难情况")
    ws.write_row(2, 1, ["姓名", "身份证号", "工作单位", "困难类型", "家庭月收入"])
    for i, (name, value, _what) in enumerate(rows, 1):
        ws.write_row(2 + i, 0, [i, name])
        ws.write_string(2 + i, 2, value)
        ws.write_row(2 + i, 3, ["某厂", "因病", 1200])
    ws.write(3 + len(rows), 0, "合计")
    ws.write(3 + len(rows), 5, 1200 * len(rows))
    return closed(book, path, rows)


def police_register_xls(tmp: Path) -> tuple[Path, dict]:
    """公安 户籍: legacy 15-digit numbers kept in number cells (exact), an 18-digit one that lost its
    digits, and a person listed with the 15- and then the 18-digit number (a repeat)."""
    ids = Ids()
    rows: list[Row] = [("王一", float(ids.legacy()[0]), "new15") for _ in range(4)]
    legacy, full = ids.legacy()
    rows += [("王五", 420203198807150016.0, "stored as a number"), ("王六", ids.new(), "new"), ("王七", KNOWN, "known"),
             ("王八", legacy, "new15"), ("王八", full, "dup")]
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("户籍人口")
    for c, title in enumerate(["姓名", "性别", "公民身份号码", "户籍地址", "迁入日期"]):
        ws.write(0, c, title)
    for i, (name, value, _what) in enumerate(rows, 1):
        for c, cell in enumerate([name, "女", value, "湖北省黄石市西塞山区八泉街道", 40000 + i]):
            ws.write(i, c, cell)
    path = tmp / "公安_户籍迁入.xls"
    book.save(str(path))
    return path, expected(rows)


def court_gbk(tmp: Path) -> tuple[Path, dict]:
    """法院 失信被执行人: 证件类型 beside 证件号码; a company's credit code and a passport among people."""
    ids = Ids()
    rows: list[Row] = [("王伟", ids.new(), "new"), ("李芳", IN, "in"),
                       ("黄石某某商贸有限公司", "91420200MA4KXXXX1A", "characters"),
                       ("JOHN SMITH", "E12345678", "characters"), ("赵强", ids.bad_check(), "check character")]
    kinds = ["居民身份证", "居民身份证", "统一社会信用代码", "护照", "居民身份证"]
    path = tmp / "法院_失信被执行人.csv"
    path.write_bytes(csv_bytes([["案号", "被执行人姓名/名称", "证件类型", "证件号码", "执行法院"]] + [
        [f"(2026)鄂0203执{i}号", n, kind, v, "西塞山区人民法院"] for i, ((n, v, _w), kind) in enumerate(zip(rows, kinds, strict=True), 1)],
        "gbk"))
    return path, expected(rows)


def funeral_filtered(tmp: Path) -> tuple[Path, dict]:
    """民政 殡葬: 逝者姓名, dates as numbers, an auto filter on and two rows hidden (still data)."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "火化信息"
    ws.append(["逝者姓名", "身份证号码", "死亡日期", "火化日期", "家属联系电话"])
    for name, value, _what in rows:
        ws.append([name, value, 46200, 46203, "13900002222"])
    ws.auto_filter.ref = f"A1:E{len(rows) + 1}"
    ws.row_dimensions[4].hidden = True
    ws.row_dimensions[7].hidden = True
    return saved(book, tmp / "民政_殡葬火化.xlsx", rows)


def sheets_notes_and_hidden(tmp: Path) -> tuple[Path, dict]:
    """填表说明 first, the list second, an older list on a hidden sheet with more rows (not read); the
    sheet protected with a password (the file is not)."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    book.active.title = "填表说明"
    book.active.append(["本表由各社区填写,身份证号码请设置为文本格式。"])
    ws = book.create_sheet("名单")
    ws.append(["姓名", "身份证号码", "社区"])
    for name, value, _what in rows:
        ws.append([name, value, "飞云社区"])
    ws.protection.sheet = True
    ws.protection.password = "123"
    old = book.create_sheet("上期名单")
    old.sheet_state = "hidden"
    old.append(["姓名", "身份证号码", "社区"])
    ids = Ids()
    ids.n = 700
    for _ in range(40):
        old.append(["某某", ids.new(), "飞云社区"])
    return saved(book, tmp / "多工作表.xlsx", rows)


def formulas(tmp: Path) -> tuple[Path, dict]:
    """序号 by =ROW()-1, some ID numbers as ="…" formulas, all with their results saved (as Excel does)."""
    rows = people(Ids())
    path = tmp / "公式.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    ws.write_row(0, 0, ["序号", "姓名", "身份证号", "备注"])
    for i, (name, value, _what) in enumerate(rows, 1):
        ws.write_formula(i, 0, "=ROW()-1", None, i)
        ws.write_string(i, 1, name)
        if i % 3 == 0 and value:
            ws.write_formula(i, 2, f'="{value}"', None, value)
        else:
            ws.write_string(i, 2, value)
    return closed(book, path, rows)


def wide(tmp: Path) -> tuple[Path, dict]:
    """180 columns of figures, the ID number in the 151st."""
    rows = people(Ids())
    path = tmp / "宽表.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    titles = [f"指标{i}" for i in range(180)]
    titles[2], titles[150] = "姓名", "身份证号"
    ws.write_row(0, 0, titles)
    for r, (name, value, _what) in enumerate(rows, 1):
        cells: list[Any] = [r * 3 + c for c in range(180)]
        cells[2] = name
        ws.write_row(r, 0, cells)
        ws.write_string(r, 150, value)
    return closed(book, path, rows)


def csv_named_xlsx(tmp: Path) -> tuple[Path, dict]:
    """A GBK CSV a system saved under the name .xlsx."""
    rows = people(Ids())
    path = tmp / "其实是CSV.xlsx"
    path.write_bytes(csv_bytes([["姓名", "身份证号"]] + [[n, v] for n, v, _w in rows], "gbk"))
    return path, expected(rows)


def html_named_xlsx(tmp: Path) -> tuple[Path, dict]:
    """A web system's "Excel export": an HTML table in GB2312 under the name .xlsx, a title row above."""
    rows = people(Ids())
    page = ["<html><head><meta charset=gb2312></head><body><table border=1>",
            "<tr><td colspan=2>低保边缘名单</td></tr><tr><th>姓名</th><th>身份证号</th></tr>"]
    page += [f"<tr><td>{n}</td><td style=\"mso-number-format:'\\@'\">{v}</td></tr>" for n, v, _w in rows]
    path = tmp / "其实是网页.xlsx"
    path.write_bytes("\n".join([*page, "</table></body></html>"]).encode("gbk"))
    return path, expected(rows)


def tsv_named_xls(tmp: Path) -> tuple[Path, dict]:
    """A system's "Excel" export that is GBK tab-separated text named .xls."""
    rows = people(Ids())
    path = tmp / "导出.xls"
    path.write_bytes(csv_bytes([["姓名", "身份证号码", "地址"]] + [[n, v, "八泉街道"] for n, v, _w in rows], "gbk", "\t"))
    return path, expected(rows)


def excel_csv_of_numbers(tmp: Path) -> tuple[Path, dict]:
    """Excel's CSV of number cells (4.20203E+17), the tab and ="…" exporters add to keep digits as text."""
    ids = Ids()
    rows: list[Row] = [("王伟", "4.20203E+17", "stored as a number"), ("李芳", "4.2020e+17", "stored as a number"),
                       ("张娜", ids.new() + "\t", "new"), ("刘英", f'="{ids.new()}"', "new"), ("陈敏", IN, "in")]
    path = tmp / "科学计数法.csv"
    path.write_bytes(("\r\n".join(["姓名,身份证号"] + [f"{n},{v}" for n, v, _w in rows]) + "\r\n").encode("gbk"))
    return path, expected(rows)


def header_row_5_from_column_c(tmp: Path) -> tuple[Path, dict]:
    """八泉街道's own table: title and notes merged from column C, "填报单位(盖章):", the header on row 5
    (身份证号(必填)), blank rows in the middle, signatures and a date under it."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    ws = book.active
    ws["C1"] = "八泉街道困难群众排查表"
    ws.merge_cells("C1:G1")
    ws["C2"] = "填报说明:1.身份证号为18位;2.不得空项"
    ws.merge_cells("C2:G2")
    ws["C4"] = "填报单位(盖章):"
    for c, title in enumerate(["序号", "姓名", "身份证号(必填)", "联系电话", "困难类型"]):
        ws.cell(5, 3 + c, title)
    r = 6
    for i, (name, value, _what) in enumerate(rows, 1):
        for c, cell in enumerate([i, name, value, "13812345678", "因病"]):
            ws.cell(r, 3 + c, cell)
        r += 2 if i in (4, 9) else 1
    ws.cell(r + 1, 3, "填表人:")
    ws.cell(r + 1, 5, "审核人:")
    ws.cell(r + 2, 3, "填表日期:2026年10月9日")
    return saved(book, tmp / "排查表.xlsx", rows)


def header_with_line_break_csv(tmp: Path) -> tuple[Path, dict]:
    """Excel's GBK CSV of a header cell with a line break ("公民身份\\n号码", quoted) and a 合计 line."""
    rows = people(Ids())
    path = tmp / "换行表头.csv"
    path.write_bytes(csv_bytes([["序号", "姓名", "公民身份\n号码", "备注"]]
                               + [[i, n, v, ""] for i, (n, v, _w) in enumerate(rows, 1)]
                               + [["合计", f"{len(rows)}人", "", ""]], "gbk"))
    return path, expected(rows)


def medical_aid_xls_two_rows(tmp: Path) -> tuple[Path, dict]:
    """A legacy .xls with a merged two-row header (基本信息 over 姓名 | 身份证号) and a hidden row."""
    rows = people(Ids())
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Sheet1")
    ws.write_merge(0, 0, 0, 4, "2026年医疗救助对象名单")
    ws.write_merge(1, 2, 0, 0, "序号")
    ws.write_merge(1, 1, 1, 2, "基本信息")
    ws.write_merge(1, 1, 3, 4, "救助情况")
    for c, title in enumerate(["姓名", "身份证号", "救助金额", "救助日期"], 1):
        ws.write(2, c, title)
    for i, (name, value, _what) in enumerate(rows, 1):
        for c, cell in enumerate([i, name, value, 500.0, 46100]):
            ws.write(2 + i, c, cell)
    ws.row(5).hidden = True
    path = tmp / "医疗救助.xls"
    book.save(str(path))
    return path, expected(rows)


def id_card_group_over_number(tmp: Path) -> tuple[Path, dict]:
    """"身份证" merged over 号码 | 有效期, 姓名 merged down the two header rows."""
    rows = people(Ids())
    path = tmp / "身份证分组.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    ws.merge_range(0, 0, 1, 0, "序号")
    ws.merge_range(0, 1, 1, 1, "姓名")
    ws.merge_range(0, 2, 0, 3, "身份证")
    ws.write_row(1, 2, ["号码", "有效期"])
    for i, (name, value, _what) in enumerate(rows, 1):
        ws.write_row(1 + i, 0, [i, name])
        ws.write_string(1 + i, 2, value)
        ws.write_string(1 + i, 3, "长期")
    return closed(book, path, rows)


def typed_with_an_ime(tmp: Path) -> tuple[Path, dict]:
    """学生姓名 and numbers typed through a Chinese input method: full-width Ｘ, × for X, full-width
    digits, ideographic spaces and a zero-width space around them."""
    ids = Ids()
    rows: list[Row] = [("王伟", IN_X[:17] + "Ｘ", "in"), ("李芳", IN_X[:17] + "×", "dup"),
                       ("张娜", fullwidth(KNOWN), "known"), ("刘英", "\u3000" + ids.new() + "\u3000", "new"),
                       ("陈敏", ids.new() + "\u200b", "new")]
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["学生姓名", "身份证号", "学段"])
    for name, value, _what in rows:
        ws.append([name, value, "义务教育"])
    return saved(book, tmp / "学生.xlsx", rows)


def third_sheet(tmp: Path) -> tuple[Path, dict]:
    """封面, then a summary by sub-district (汇总), the list itself on the third sheet (明细)."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    book.active.title = "封面"
    book.active.append(["西塞山区人社局"])
    summary = book.create_sheet("汇总")
    for line in (["街道", "人数"], ["八泉街道", 10], ["合计", 10]):
        summary.append(line)
    ws = book.create_sheet("明细")
    ws.append(["序号", "姓名", "身份证号码", "街道"])
    for i, (name, value, _what) in enumerate(rows, 1):
        ws.append([i, name, value, "八泉街道"])
    return saved(book, tmp / "第三个工作表.xlsx", rows)


def semicolons(tmp: Path) -> tuple[Path, dict]:
    """UTF-8 without BOM, semicolon-separated with LF line ends; addresses quoted with semicolons in them."""
    rows = people(Ids())
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(
        [["姓名", "身份证号", "住址"]] + [[n, v, "八泉街道;3栋"] for n, v, _w in rows])
    path = tmp / "分号.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path, expected(rows)


def excel_2003_xml(tmp: Path) -> tuple[Path, dict]:
    """An Excel 2003 XML spreadsheet saved as .xls."""
    rows = people(Ids())

    def cell(text: str) -> str:
        return f'<Cell><Data ss:Type="String">{text}</Data></Cell>'

    body = "".join(f"<Row>{cell(n)}{cell(v)}</Row>" for n, v, _w in rows)
    path = tmp / "xml2003.xls"
    path.write_text('<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
                    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="名单"><Table>'
                    f"<Row>{cell('姓名')}{cell('身份证号')}</Row>{body}</Table></Worksheet></Workbook>", encoding="utf-8")
    return path, expected(rows)


def gbk_with_euro_and_cut(tmp: Path) -> tuple[Path, dict]:
    """A GBK CSV from Excel on Chinese Windows with "€" in a remark (byte 0x80) and cut short inside its
    last character: read, not refused whole."""
    rows = people(Ids())
    data = csv_bytes([["姓名", "身份证号", "备注"]] + [[n, v, "补助100元"] for n, v, _w in rows], "gbk")
    path = tmp / "欧元.csv"
    path.write_bytes(data.replace("100元".encode("gbk"), b"\x80100")[:-3])
    return path, expected(rows)


CASES: dict[str, Case] = {f.__name__: f for f in (
    medical_wps, disabled_xls, hrss_et, education_gb18030, housing_utf8_bom, health_utf16, rural_gbk_tabs,
    union_two_row_header, police_register_xls, court_gbk, funeral_filtered, sheets_notes_and_hidden, formulas, wide,
    csv_named_xlsx, html_named_xlsx, tsv_named_xls, excel_csv_of_numbers, header_row_5_from_column_c,
    header_with_line_break_csv, medical_aid_xls_two_rows, id_card_group_over_number, typed_with_an_ime, third_sheet,
    semicolons, excel_2003_xml, gbk_with_euro_and_cut)}


@pytest.fixture
def registered(sqlite_db: Database, sqlite_district: District) -> Database:
    return register_three(sqlite_db, sqlite_district)


def register_three(db: Database, district: District) -> Database:
    """IN on 低保, IN_X on 特困, KNOWN registered and not in assistance."""
    add_household(db, district, IN, "甲", codes.Category.DIBAO, codes.Stage.ASSISTED, "八泉社区")
    add_household(db, district, IN_X, "丙", codes.Category.TEKUN, codes.Stage.ASSISTED, "飞云社区")
    add_household(db, district, KNOWN, "乙", codes.Category.NONE, codes.Stage.CLASS_I, "闸口社区")
    return db


def run(db: Database, capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, dict]:
    code = cli_main(["import", "department", str(path), "--department", "医保", "--json", *extra,
                     "--database-url", db.url.render_as_string(hide_password=False)])
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1, out
    return code, json.loads(out[0])


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(registered: Database, tmp_path: Path, case: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path, want = CASES[case](tmp_path)
    errors = tmp_path / "errors.xlsx"
    code, got = run(registered, capsys, path, "--dry-run", "--errors", str(errors))
    assert code == 0, got
    assert {k: got[k] for k in want} == want
    assert got["data_rows"] == got["valid"] + sum(got["invalid"].values()) + got["duplicates"]
    written = openpyxl.load_workbook(errors).active
    assert written.max_row - written.min_row + 1 >= sum(want["invalid"].values()) + want["duplicates"]


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("空文件.xlsx", b"", "是空的"),
    ("空文件.csv", b"", "是空的"),
    ("只有BOM.csv", b"\xef\xbb\xbf", "是空的"),
    ("截断.xlsx", None, "已损坏"),
    ("截断.xls", None, "已损坏"),
    ("只有表头.csv", "姓名,身份证号码\r\n".encode("gbk"), "没有数据行"),
])
def test_a_broken_file_is_one_plain_message(registered: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            name: str, content: bytes | None, kind: str) -> None:
    path = tmp_path / name
    if content is None:  # a real workbook cut in half (a download or a copy broken off)
        source, _want = (medical_wps if name.endswith("x") else disabled_xls)(tmp_path)
        content = source.read_bytes()[: source.stat().st_size // 2]
    path.write_bytes(content)
    code, got = run(registered, capsys, path)
    assert code != 0 and got["code"] == "invalid_file"
    assert name in got["error"] and kind in got["error"] and "Traceback" not in got["error"]
