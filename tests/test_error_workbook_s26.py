"""The error workbook of a department list, acceptance round 26: written, corrected the way an office
corrects it (openpyxl standing in for Excel/WPS), and imported again (both databases).

Defects found (each a case below, failing before its fix): an error workbook corrected and sent back
with rows still wrong gave an error workbook with a second 原文件行号 | 错误原因 pair after the first,
the first holding the reasons of the round before (out of date: "出生日期不存在" beside "位数不对"),
and so was a lone 错误原因 kept when the office had deleted 原文件行号; an ID number written as a
formula never calculated (="420203…") was read by the import but left empty in the error workbook;
a date with its time of day (登记时间 2026-01-03 09:45) was shown as the date alone; a text longer
than an Excel cell holds (a CSV's 40,000-character 情况说明) was cut at 32,767 characters without a
word, so the corrected row sent back would lack the rest.

The other cases are shapes that were right already, kept as guards: a title and a header two rows
high with merged group headings, ID numbers in boxes, a legacy .xls, a GBK CSV with leading zeros and
phone numbers, columns beyond Z, a list without a header; and the wizard's error workbook is the
command's."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwt  # type: ignore[import-untyped]

from desktop.services.database import Database
from desktop.views.context import AppContext
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_discovery_views import _run_wizard, messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import Ids, run

PAIR = ("原文件行号", "错误原因")


def sheet(path: Path) -> list[list[Any]]:
    return [list(r) for r in openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True)]


def bad_rows(path: Path) -> dict[int, tuple[int, list[Any]]]:
    """原文件行号 -> (the row's number in the error workbook, its values) of every row written."""
    rows = sheet(path)
    for at, values in enumerate(rows):
        if PAIR[0] in values:
            col = values.index(PAIR[0])
            assert values[col + 1] == PAIR[1] and values.count(PAIR[0]) == 1, values  # one pair, never two
            return {r[col]: (at + 2 + i, r) for i, r in enumerate(rows[at + 1:]) if r[col] is not None}
    raise AssertionError("no 原文件行号 column")


def reasons(path: Path) -> dict[int, str]:
    rows = sheet(path)
    col = next(r for r in rows if PAIR[0] in r).index(PAIR[0])
    return {n: values[col + 1] for n, (_at, values) in bad_rows(path).items()}


def imported(db: Database, capsys: pytest.CaptureFixture[str], path: Path, errors: Path) -> dict[str, Any]:
    """The import of ``path`` writing ``errors``: every invalid and repeated row in it once."""
    code, got = run(db, capsys, path, "--errors", str(errors))
    assert code == 0, got
    assert len(bad_rows(errors)) == sum(got["invalid"].values()) + got["duplicates"]
    return got


def corrected(errors: Path, out: Path, numbers: dict[int, str], id_col: int) -> Path:
    """``errors`` with the ID number of the rows ``numbers`` names (原文件行号 -> number) corrected."""
    book = openpyxl.load_workbook(errors)
    for number, (at, _values) in bad_rows(errors).items():
        if number in numbers:
            book.worksheets[0].cell(at, id_col + 1).value = numbers[number]
    book.save(out)
    return out


def test_an_error_workbook_sent_back_with_rows_still_wrong_gets_its_reasons_replaced(
        db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A title, a header two rows high with merged headings, a cell beyond the list: corrected once,
    one row still wrong, the next error workbook has the one pair where it was, the new reason in it,
    the header merged as before and the cell beyond the list where it was."""
    ids = Ids()
    same = ids.new()
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["困难群众名单"])
    ws.append(["序号", "基本信息", None, "联系方式", None])
    ws.append([None, "姓名", "身份证号码", "电话", "地址"])
    for cells in ("A1:E1", "A2:A3", "B2:C2", "D2:E2"):
        ws.merge_cells(cells)
    for line in ([1, "王伟", same, "13800138000", "八泉街道1号"], [2, "李芳", same, 13800138001, "八泉街道2号"],
                 [3, "张娜", "42020319901332123X", "0710-1234567", "闸口", None, "表外的字"], [4, "刘英", "12", None, "甲"]):
        ws.append(line)
    source = tmp_path / "合并 表头.xlsx"
    book.save(source)
    first = tmp_path / "错误清单 1.xlsx"
    got = imported(db, capsys, source, first)
    assert got["invalid"] == {"birth date": 1, "length": 1} and got["duplicates"] == 1
    assert reasons(first) == {5: "与第4行重复", 6: "身份证号中的出生日期“1990年13月32日”不存在",
                              7: "身份证号位数不对(应为18位或15位)"}
    # corrected: the repeated row and the length; the birth date now too short (still wrong)
    sent_back = corrected(first, tmp_path / "已更正 1.xlsx", {5: ids.new(), 6: "420203199012", 7: ids.new()}, 2)
    second = tmp_path / "错误清单 2.xlsx"
    got = imported(db, capsys, sent_back, second)
    assert (got["data_rows"], got["valid"], got["invalid"], got["duplicates"]) == (3, 2, {"length": 1}, 0)
    rows = sheet(second)
    assert rows == [["困难群众名单"] + [None] * 8, ["序号", "基本信息", None, "联系方式", None, None, None, *PAIR],
                    [None, "姓名", "身份证号码", "电话", "地址", None, None, None, None],
                    [3, "张娜", "420203199012", "0710-1234567", "闸口", None, "表外的字", 5, "身份证号位数不对(应为18位或15位)"]]
    merged = {str(r) for r in openpyxl.load_workbook(second).worksheets[0].merged_cells.ranges}
    assert merged == {"A1:E1", "A2:A3", "B2:C2", "D2:E2", "H2:H3", "I2:I3"}
    # corrected again: it imports whole
    again = corrected(second, tmp_path / "已更正 2.xlsx", {5: ids.new()}, 2)
    code, got = run(db, capsys, again)
    assert code == 0 and (got["data_rows"], got["valid"]) == (1, 1)


def test_a_list_without_a_header_sent_back_twice(db: Database, capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    """The header row the error workbook names its columns with is read as the header when sent back,
    and its pair reused."""
    ids = Ids()
    same = ids.new()
    book = openpyxl.Workbook()
    for line in ([1, "王伟", same, "甲"], [2, "李芳", ids.new(), "乙"], [3, "张娜", same, "丙"], [4, "刘英", "123", "丁"]):
        book.active.append(line)
    source = tmp_path / "无表头.xlsx"
    book.save(source)
    first = tmp_path / "错误清单 1.xlsx"
    imported(db, capsys, source, first)
    assert reasons(first) == {3: "与第1行重复", 4: "身份证号位数不对(应为18位或15位)"}
    second = tmp_path / "错误清单 2.xlsx"
    got = imported(db, capsys, corrected(first, tmp_path / "已更正.xlsx", {3: ids.new(), 4: "999"}, 2), second)
    assert (got["valid"], got["invalid"]) == (1, {"length": 1})
    assert sheet(second) == [[None, "姓名", "身份证号", None, *PAIR], [4, "刘英", "999", "丁", 3, "身份证号位数不对(应为18位或15位)"]]


def test_the_reason_column_left_alone_is_replaced_too(db: Database, capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    """The office deleted 原文件行号 (not theirs) and sent the rest back: its 错误原因 of the round before
    is not kept beside the new pair."""
    ids = Ids()
    book = openpyxl.Workbook()
    for line in (["姓名", "身份证号码", "备注"], ["王伟", ids.new(), "x"], ["李芳", "1", "y"], ["张娜", "2", "z"]):
        book.active.append(line)
    book.save(tmp_path / "名单.xlsx")
    first = tmp_path / "错误清单 1.xlsx"
    imported(db, capsys, tmp_path / "名单.xlsx", first)
    book = openpyxl.load_workbook(first)
    book.active.delete_cols(4)
    book.active.cell(2, 2).value = ids.new()
    book.save(tmp_path / "已更正.xlsx")
    second = tmp_path / "错误清单 2.xlsx"
    imported(db, capsys, tmp_path / "已更正.xlsx", second)
    assert sheet(second) == [["姓名", "身份证号码", "备注", *PAIR], ["张娜", "2", "z", 3, "身份证号位数不对(应为18位或15位)"]]


def test_an_id_number_written_as_a_formula_is_in_the_error_workbook(db: Database, capsys: pytest.CaptureFixture[str],
                                                                     tmp_path: Path) -> None:
    """="420203…" (a system's way to keep the digits as text), never calculated: the import reads the
    number, and so does the error workbook (the cell was empty there)."""
    same = Ids().new()
    book = openpyxl.Workbook()
    for line in (["姓名", "身份证号码"], ["王伟", same], ["李芳", f'="{same}"']):
        book.active.append(line)
    book.save(tmp_path / "公式.xlsx")
    errors = tmp_path / "错误清单.xlsx"
    got = imported(db, capsys, tmp_path / "公式.xlsx", errors)
    assert got["duplicates"] == 1
    assert sheet(errors) == [["姓名", "身份证号码", *PAIR], ["李芳", same, 3, "与第2行重复"]]


def test_a_date_with_its_time_keeps_its_time(db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ids = Ids()
    same = ids.new()
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["姓名", "身份证号码", "出生日期", "登记时间", "金额", "是否"])
    ws.append(["王伟", same, date(1960, 1, 1), datetime(2026, 1, 2, 8, 30), 1.5, True])
    ws.append(["李芳", same, date(1961, 2, 3), datetime(2026, 1, 3, 9, 45), 123456789.123, False])
    source = tmp_path / "登记时间.xlsx"
    book.save(source)
    errors = tmp_path / "错误清单.xlsx"
    imported(db, capsys, source, errors)
    cells = openpyxl.load_workbook(errors).worksheets[0][2]
    assert [c.value for c in cells] == ["李芳", same, datetime(1961, 2, 3), datetime(2026, 1, 3, 9, 45), 123456789.123,
                                        False, 3, "与第2行重复"]
    # as the list showed them (openpyxl's own formats here; see test_error_workbook_formats_s27.py)
    assert (cells[2].number_format, cells[3].number_format) == ("yyyy-mm-dd", "yyyy-mm-dd h:mm:ss")


def test_a_text_longer_than_a_cell_holds_is_said_to_be_cut(db: Database, capsys: pytest.CaptureFixture[str],
                                                          tmp_path: Path) -> None:
    ids = Ids()
    same = ids.new()
    long, short = "说明" * 20000, "家庭困难情况说明。" * 3000  # 40,000 and 27,000 characters
    out = io.StringIO()
    csv.writer(out).writerows([["姓名", "身份证号码", "情况说明"], ["王伟", same, "短"], ["李芳", same, long],
                               ["张娜", "12", short]])
    source = tmp_path / "超长 说明.csv"
    source.write_bytes(out.getvalue().encode("gbk"))
    errors = tmp_path / "错误清单.xlsx"
    imported(db, capsys, source, errors)
    rows = bad_rows(errors)
    assert rows[3][1][2] == long[:32767] and rows[4][1][2] == short  # what fits is whole
    assert reasons(errors) == {
        3: "与第2行重复(注意:C 列的文字超过 Excel 一格能放的 32767 字,本表中只有前 32767 字,请按原文件补全)",
        4: "身份证号位数不对(应为18位或15位)"}


def xls_with_title(path: Path, lines: list[list[Any]]) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("名单")
    ws.write_merge(0, 0, 0, 3, "低保名单")
    day = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, line in enumerate(lines, start=1):
        for c, value in enumerate(line):
            if isinstance(value, date):
                ws.write(r, c, datetime(value.year, value.month, value.day), day)
            elif value is not None:
                ws.write(r, c, value)
    book.save(str(path))
    return path


def shapes(tmp: Path) -> dict[str, tuple[Path, int, dict[int, str], dict[int, dict[int, Any]]]]:
    """name -> (file, the ID column, 原文件行号 -> its reason's words, 原文件行号 -> cells as written)."""
    ids = Ids()
    out: dict[str, tuple[Path, int, dict[int, str], dict[int, dict[int, Any]]]] = {}
    a = ids.new()
    out["xls"] = (xls_with_title(tmp / "旧版 名单.xls", [
        ["序号", "姓名", "身份证号码", "出生日期"], [1, "王伟", a, date(1960, 1, 1)], [2, "李芳", a, date(1961, 2, 2)],
        [3, "张娜", "123", date(1962, 3, 3)], [4, "刘英", ids.new(), None]]),
        2, {4: "与第3行重复", 5: "位数"}, {4: {0: 2, 3: datetime(1961, 2, 2)}})
    a = ids.new()
    text = io.StringIO()
    csv.writer(text).writerows([["序号", "姓名", "身份证号码", "联系电话", "日期", "金额"],
                                ["001", "王伟", a, "13800138000", "2026-03-01", "1,234.50"],
                                ["002", "李芳", a, "013800138000", "2026/3/2", "88"],
                                ["003", "张娜", "4.20203199001012E+17", "0710-1234567", "2026年3月3日", "0.10"]])
    (tmp / "残联 名单.csv").write_bytes(text.getvalue().encode("gbk"))
    out["gbk csv"] = (tmp / "残联 名单.csv", 2, {3: "与第2行重复", 4: "数字"},
                      {3: {0: "002", 3: "013800138000", 4: "2026/3/2", 5: "88"}, 4: {2: "4.20203199001012E+17"}})
    a = ids.new()
    book = openpyxl.Workbook()
    ws = book.active
    ws.append([f"项目{i}" for i in range(1, 28)] + ["姓名", "身份证号码", "编号"])
    for line in ([*range(27), "王伟", a, "00123"], [*range(27), "李芳", a, "00124"], [None] * 27 + ["张娜", a[:15] + "ABC"]):
        ws.append(line)
    book.save(tmp / "宽表.xlsx")
    out["beyond Z"] = (tmp / "宽表.xlsx", 28, {3: "与第2行重复", 4: ""}, {3: {26: 26, 27: "李芳", 29: "00124"}})
    a = ids.new()
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["姓名", "公民身份号码", *[None] * 17, "备注"])
    ws.merge_cells(start_row=1, start_column=2, end_row=1, end_column=19)
    ws.append(["王伟", *a, "好"])
    ws.append(["李芳", *a[:17], None, "短"])
    ws.append(["张娜", *a, "重"])
    book.save(tmp / "方格 身份证.xlsx")
    out["boxes"] = (tmp / "方格 身份证.xlsx", -1, {3: "", 4: "与第2行重复"}, {3: {1: a[0], 17: a[16], 18: None, 19: "短"}})
    return out


@pytest.mark.parametrize("name", ["xls", "gbk csv", "beyond Z", "boxes"])
def test_corrected_and_sent_back_it_imports_whole(db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                  name: str) -> None:
    source, id_col, words, cells = shapes(tmp_path)[name]
    errors = tmp_path / "错误 清单.xlsx"
    imported(db, capsys, source, errors)
    rows = bad_rows(errors)
    assert set(rows) == set(words)
    for number, said in reasons(errors).items():
        assert words[number] in said
    for number, want in cells.items():
        assert {c: rows[number][1][c] for c in want} == want
    book = openpyxl.load_workbook(errors)
    ids = Ids()
    ids.n = 500
    for at, _values in rows.values():
        number = ids.new()
        for i, ch in enumerate([number] if id_col >= 0 else number):  # boxes: one character a cell
            book.worksheets[0].cell(at, (id_col if id_col >= 0 else i + 1) + 1).value = ch
    book.save(tmp_path / "已更正.xlsx")
    code, got = run(db, capsys, tmp_path / "已更正.xlsx")
    assert code == 0 and (got["data_rows"], got["valid"]) == (len(rows), len(rows)), got


@pytest.mark.parametrize("name", ["xls", "boxes"])
def test_the_wizards_error_workbook_is_the_commands(qtbot: Any, db: Database, district: District,
                                                    messages: list[str], tmp_path: Path,  # noqa: F811
                                                    capsys: pytest.CaptureFixture[str], name: str) -> None:
    source = shapes(tmp_path)[name][0]
    by_command = tmp_path / "命令.xlsx"
    code, _got = run(db, capsys, source, "--dry-run", "--errors", str(by_command))
    assert code == 0
    wizard = _run_wizard(qtbot, AppContext(db, district.admin), source, "医保")
    wizard.next()  # import
    assert wait_for_background()
    by_wizard = tmp_path / "向导.xlsx"
    wizard.result_page.save_errors(str(by_wizard))
    assert wait_for_background()
    assert sheet(by_wizard) == sheet(by_command) and len(bad_rows(by_wizard)) == 2
