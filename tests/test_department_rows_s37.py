"""Session 37 acceptance: in a numbered list, a line carried over from the row above (a second address
line, a second phone number) and a group's heading in the name column (城镇, 新增, 已故) were counted as
people with an empty ID; a column headed 姓名（身份证号） was not found as the ID column."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from desktop.io import spreadsheet
from desktop.rules import idcard


def _rows(path: Path) -> list[int]:
    book = spreadsheet.open_workbook(path)
    return [r.number for r in spreadsheet.data_rows(book, spreadsheet.find_layout(book))]


def _write(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def _id(i: int) -> str:
    return idcard.make("420203", date(1960, 1, 1 + i), 11 + 2 * i)


def test_lines_carried_over_are_not_people(tmp_path: Path) -> None:
    path = _write(tmp_path / "续行.xlsx", [
        ["序号", "姓名", "身份证号", "住址", "联系电话", "备注"],
        [1, "甲", _id(1), "西塞山区八泉街道", "13800000000", ""],
        [2, "乙", _id(2), "八泉街道", "13800000001", ""],
        ["", "", "", "青龙阁社区12栋3单元", "", ""],
        [3, "丙", _id(3), "八泉街道", "13800000002", ""],
        ["", "", "", "", "0714-6221234", ""],
        [4, "丁", _id(4), "八泉街道", "", ""],
        [5, "戊", "", "八泉街道", "", "身份证号待补"],  # numbered: a person, their number missing
    ])
    assert _rows(path) == [2, 3, 5, 7, 8]


def test_headings_in_the_name_column_are_not_people(tmp_path: Path) -> None:
    rows: list[list[object]] = [["序号", "姓名", "身份证号码", "类别"]]
    n = 0
    for heading in ("城镇", "新增", "已故"):
        rows.append(["", heading, "", ""])
        for _ in range(2):
            n += 1
            rows.append([n, f"人{n}", _id(n), "低保"])
    assert _rows(_write(tmp_path / "分组.xlsx", rows)) == [3, 4, 6, 7, 9, 10]


def test_a_list_not_numbered_keeps_its_people_without_numbers(tmp_path: Path) -> None:
    path = _write(tmp_path / "未编号.xlsx", [
        ["序号", "姓名", "身份证号"],
        ["", "张三", ""],
        ["", "李四", _id(5)],
        ["", "王五", ""],
    ])
    assert _rows(path) == [2, 3, 4]


def test_a_name_column_with_the_number_in_brackets(tmp_path: Path) -> None:
    path = _write(tmp_path / "括号.xlsx", [["序号", "姓名（身份证号）", "网格员"]]
                  + [[i, f"张{i}（{_id(i)}）", "李"] for i in range(1, 4)])
    book = spreadsheet.open_workbook(path)
    layout = spreadsheet.find_layout(book)
    assert layout.mapping.get("id_number") == 1
    assert len(list(spreadsheet.data_rows(book, layout))) == 3
