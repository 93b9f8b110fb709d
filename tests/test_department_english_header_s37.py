"""Session 37: a bilingual list's English second header row (No. | Name | ID No. | Address) under the
Chinese one was read as a person (data rows +1, an invalid row "characters"); English headers are known."""
from __future__ import annotations

from datetime import date

import openpyxl

from desktop.io import spreadsheet
from desktop.rules import idcard


def test_an_english_second_header_row_is_a_header(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "双语名单.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "身份证号", "地址", "电话"])
    ws.append(["No.", "Name", "ID No.", "Address", "Tel"])
    for i in range(4):
        ws.append([i + 1, f"人{i}", idcard.make("420203", date(1970, 1, 1 + i), 21 + i * 2), "八泉路", "13800000000"])
    wb.save(path)
    book = spreadsheet.open_workbook(path)
    layout = spreadsheet.find_layout(book)
    rows = list(spreadsheet.data_rows(book, layout))
    assert [r.number for r in rows] == [3, 4, 5, 6]


def test_english_headers_alone_are_mapped(tmp_path) -> None:  # noqa: ANN001
    assert spreadsheet.map_columns(["No.", "Full Name", "ID Card No.", "Home Address", "Phone"]) == {
        "name": 1, "id_number": 2, "address": 3, "phone": 4}
    assert spreadsheet.map_columns(["No.", "Name", "Identity Card Number", "Tel"]) == {
        "name": 1, "id_number": 2, "phone": 3}


def test_the_address_where_people_live_comes_first() -> None:
    """Session 37 acceptance: with 户籍地址 and 现住址 both given, the registered address was read for the
    region (all rows of people registered elsewhere and living here unassigned); 房屋坐落 (住建) was unknown."""
    assert spreadsheet.map_columns(["序号", "姓名", "公民身份号码", "户籍地址", "现住址"])["address"] == 4
    assert spreadsheet.map_columns(["序号", "姓名", "身份证号", "房屋坐落"])["address"] == 3
    assert spreadsheet.map_columns(["姓名", "身份证号", "户籍地址"])["address"] == 2
