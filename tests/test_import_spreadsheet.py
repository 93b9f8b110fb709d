"""Reading department spreadsheets: formats, layouts and bad input (desktop/io/spreadsheet.py)."""

from __future__ import annotations

import json
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from desktop.io import markup
from desktop.io import spreadsheet as ss
from desktop.rules import idcard

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8")) if SAMPLES.exists() else {}

ID1 = idcard.make("420203", __import__("datetime").date(1990, 1, 1), 123)
ID2 = idcard.make("420203", __import__("datetime").date(1985, 6, 30), 246)
ID3 = idcard.make("420281", __import__("datetime").date(1950, 12, 31), 7)


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]], merges: dict[str, list[tuple]] | None = None) -> Path:
    book = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, tuple) and value[0] == "formula":
                    ws.write_formula(r, c, value[1], None, value[2])
                elif isinstance(value, str):
                    ws.write_string(r, c, value)
                else:
                    ws.write(r, c, value)
        for (r1, c1, r2, c2, text) in (merges or {}).get(name, []):
            ws.merge_range(r1, c1, r2, c2, text)
    book.close()
    return path


def read_all(path: Path, **kw: Any) -> tuple[ss.Layout, list[ss.DataRow]]:
    with ss.open_workbook(path) as book:
        layout = ss.find_layout(book, **kw)
        return layout, list(ss.data_rows(book, layout))


def error_of(path: Path, **kw: Any) -> ss.SpreadsheetError:
    with pytest.raises(ss.SpreadsheetError) as info:
        read_all(path, **kw)
    assert path.name in info.value.message
    return info.value


# -- the samples -------------------------------------------------------------------------------

@pytest.mark.skipif(not EXPECTED, reason="shared samples not present")
@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if "data_rows" in e])
def test_samples_header_and_data_rows(name: str) -> None:
    layout, rows = read_all(SAMPLES / name)
    assert layout.header_row == EXPECTED[name]["header_row"]
    assert len(rows) == EXPECTED[name]["data_rows"]
    assert "id_number" in layout.mapping and "name" in layout.mapping


@pytest.mark.skipif(not EXPECTED, reason="shared samples not present")
def test_gbk_csv_is_detected() -> None:
    with ss.open_workbook(SAMPLES / "残联_持证残疾人名单_2026.csv") as book:
        assert book.format == "csv"
        assert book.encoding in ("gb18030", "gbk")


# -- column names ------------------------------------------------------------------------------

@pytest.mark.parametrize("header", ["身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证", "身份证件号码", "证件号",
                                    "身份证号码(18位)", "*身份证号", " 身份证 号码 ", "公民身份证号码", "居民身份证号码",
                                    "社会保障号码"])
def test_id_column_names(header: str) -> None:
    assert ss.map_columns(["序号", "姓名", header])["id_number"] == 2


@pytest.mark.parametrize("header", ["姓名", "户主姓名", "患者姓名", "残疾人姓名", "申请人", "参保人姓名", "学生姓名"])
def test_name_column_names(header: str) -> None:
    assert ss.map_columns([header, "身份证号"])["name"] == 0


def test_other_columns_and_preferences() -> None:
    m = ss.map_columns(["户主姓名", "姓名", "证件类型", "证件号码", "监护人身份证号", "街道/乡镇", "社区/村", "家庭住址",
                        "手机号"])
    assert m == {"name": 1, "id_type": 2, "id_number": 3, "subdistrict": 5, "community": 6, "address": 7, "phone": 8}
    m = ss.map_columns(["姓名", "身份证号", "所属街道", "所属社区", "户籍地址", "联系电话"])
    assert m == {"name": 0, "id_number": 1, "subdistrict": 2, "community": 3, "address": 4, "phone": 5}
    assert ss.map_columns(["乡镇", "村", "住址", "电话", "身份证"])["community"] == 1


@pytest.mark.parametrize("other", ["身份证地址", "身份证住址", "身份证复印件", "是否有身份证", "身份证照片"])
def test_columns_about_the_id_card_are_not_its_number(other: str) -> None:
    """"身份证地址" is the address printed on the card, "身份证复印件" whether a copy was handed in: when
    they come before an ID column with a name nobody listed, the ID column is still the one read."""
    assert ss.map_columns(["姓名", other, "持证人身份证号"])["id_number"] == 2


def test_the_ward_is_the_person_not_a_guardian() -> None:
    """被监护人 (the person under guardianship) is who the list is about, though the word holds 监护人."""
    headers = ["监护人姓名", "监护人身份证号", "被监护人姓名", "被监护人身份证号"]
    assert ss.map_columns(headers) == {"name": 2, "id_number": 3}


@pytest.mark.parametrize("headers", [
    ["学生姓名", "家长姓名", "家长身份证号", "学生身份证号"], ["学生姓名", "学生身份证号", "家长姓名", "家长身份证号"],
    ["家长姓名", "家长身份证号码", "学生姓名", "学生身份证号码", "学校"], ["患者姓名", "亲属身份证号", "患者身份证号"],
    ["监护人姓名", "监护人身份证号", "被监护人姓名", "被监护人身份证号"],
])
def test_the_id_column_belongs_to_the_person_named(headers: list[str]) -> None:
    """Two ID columns under names nobody listed: the ID of the person whose name is read (a school's
    list of students with a parent's ID beside each) — never one person's name with another's ID."""
    m = ss.map_columns(headers)
    assert headers[m["name"]][:2] == headers[m["id_number"]][:2] != "家长"


@pytest.mark.parametrize("headers", [
    ["户主姓名", "身份证号码(配偶)", "配偶姓名", "身份证号码(户主)"], ["姓名", "身份证号（监护人）", "身份证号"],
])
def test_a_remark_naming_a_relative_makes_the_column_secondary(headers: list[str]) -> None:
    """"身份证号码(配偶)" is the spouse's number as much as "配偶身份证号码" is: the remark in brackets
    is not dropped before the column is weighed."""
    assert ss.map_columns(headers)["id_number"] == len(headers) - 1


def test_two_header_rows_with_a_guardian_group_first(tmp_path: Path) -> None:
    """A merged group "监护人" over 姓名 and 身份证号, then the assisted person's group: the person's
    own columns are read, not the guardian's (which came first and have the same names)."""
    rows = [["序号", "监护人", None, "救助对象", None], [None, "姓名", "身份证号", "姓名", "身份证号"],
            [1, "张三", ID1, "张小三", ID2], [2, "李四", ID1, "李小四", ID3]]
    path = write_xlsx(tmp_path / "guardian.xlsx", {"名单": rows}, merges={"名单": [
        (0, 0, 1, 0, "序号"), (0, 1, 0, 2, "监护人"), (0, 3, 0, 4, "救助对象")]})
    layout, data = read_all(path)
    assert (layout.header_row, layout.header_height) == (1, 2)
    assert layout.mapping == {"name": 3, "id_number": 4}
    assert [r.values[4] for r in data] == [ID2, ID3]


# -- layouts -------------------------------------------------------------------------------------

def test_title_rows_blank_rows_footer_and_repeated_header(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", {"Sheet1": [
        ["某某局困难职工名单"], [], ["填报单位:某某局", None, "日期:2026-10-01"],
        ["序号", "姓名", "身份证号码", "联系电话"],
        [1, "张三", ID1, 13800000000],
        [],
        [2, "李四", ID2, ""],
        [3],  # pre-numbered empty row
        ["序号", "姓名", "身份证号码", "联系电话"],  # printed page header repeated
        [4, "王五", "", ""],  # a person with no ID is a data row (invalid: empty)
        ["合计", "", "", ""],
        [],
        ["制表人:赵六", None, "审核人:钱七"],
        [None, "联系电话:", 13912345678],
        [5, "补报人员", ID3],  # added under the signatures: a person still, not to be lost
        [None, "2026年10月8日"],
    ]})
    layout, rows = read_all(path)
    assert (layout.sheet, layout.header_row, layout.header_height) == ("Sheet1", 4, 1)
    assert [r.number for r in rows] == [5, 7, 10, 15]
    assert ss.cell_text(rows[0].values[3]) == "13800000000"


def test_a_note_in_the_middle_of_the_list_does_not_end_it(tmp_path: Path) -> None:
    """“注:以下为新增人员” between two groups of people: the people under it were left out of the import,
    without a word, the counts adding up all the same."""
    path = write_xlsx(tmp_path / "list.xlsx", {"Sheet1": [
        ["序号", "姓名", "身份证号码", "住址"],
        [1, "张三", ID1, "八泉街道"],
        ["注:以下为10月新增人员"],
        [2, "李四", ID2, "河口镇"],
        [3, "王五", ID3, "澄月街道"],
        ["注:本表一式两份"],
        ["制表人:赵六", None, "审核人:钱七"],
    ]})
    _layout, rows = read_all(path)
    assert [r.number for r in rows] == [2, 4, 5]


def test_footer_and_note_lines_with_full_width_colons(tmp_path: Path) -> None:
    assert ss.is_footer(["注：本表一式两份"]) and ss.is_footer(["说明：数据截至9月底"])
    assert ss.is_footer(["科室：社保科", None, "审核人：李四"])
    assert not ss.is_footer(["张三", "备注"])
    for footer in (["注：本表一式两份"], ["科室：社保科", None, "审核人：李四"]):
        path = write_xlsx(tmp_path / "list.xlsx", {"Sheet1": [
            ["姓名", "身份证号码", "住址"], ["张三", ID1, "八泉街道"], ["李四", ID2, "河口镇"], [], footer]})
        layout, rows = read_all(path)
        assert [r.number for r in rows] == [2, 3], footer


@pytest.mark.parametrize("footer", [
    ["审核：李四"], ["日期:2026年1月5日"], ["单位（盖章）"], ["联系人：张三", None, "联系电话：13900000000"],
    [None, "日期:2026-01-05"],  # in the ID column: its digits are not an ID number
    ["共 2 人"], [None, "以上共2人"], ["主管领导:", None, "经办人："],
    ["报送单位:西塞山区人力资源和社会保障局", None, "报送日期:2026年10月8日"], ["统计时间：2026-09-30"],
])
def test_footer_shapes_without_the_usual_markers(tmp_path: Path, footer: list[Any]) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", {"Sheet1": [
        ["姓名", "身份证号码", "住址"], ["张三", ID1, "八泉街道"], ["李四", ID2, "河口镇"], [], footer]})
    _layout, rows = read_all(path)
    assert [r.number for r in rows] == [2, 3]


@pytest.mark.parametrize("footer", [
    ["填报单位：某局", "联系电话：", "0714-6412345"],  # the number in the ID column, its label before it
    ["制表人：王五", None, "13812345678"], [None, None, "2026年10月8日"], [None, None, "2026-10-08"],
    ["合计", None, "1234567"],
])
def test_footer_lines_with_digits_in_the_id_column(tmp_path: Path, footer: list[Any]) -> None:
    """A phone number or a date under the last column of the footer has digits, not an ID number.
    A person whose ID cell holds a phone number is still a data row."""
    path = tmp_path / "list.csv"
    path.write_text("\n".join(",".join(r) for r in [
        ["姓名", "联系电话", "身份证号码"], ["张三", "138", ID1], ["李四", "", "13812345678"], ["王五", "", ID2],
        [c or "" for c in footer], ["赵六", "", ID3]]), encoding="utf-8")
    _layout, rows = read_all(path)
    assert [r.number for r in rows][:3] == [2, 3, 4]
    assert 5 not in [r.number for r in rows]


def test_subtotals_and_section_headings_inside_the_table_are_not_data(tmp_path: Path) -> None:
    """A list grouped by sub-district: a heading merged across the row above each group, a 小计
    line under it (in the name column, or as "八泉街道小计"), a person without an ID still counts."""
    rows = [
        ["姓名", "街道", "身份证号码", "住址"],
        ["八泉街道(2人)"],
        ["张三", "八泉街道", ID1, ""],
        ["李四", "八泉街道", ID2, ""],
        ["小计", "八泉街道", None, "2人"],
        ["二、河口镇"],
        ["王五", "河口镇", ID3, ""],
        [None, "河口镇小计", None, None],
        ["赵六", "河口镇", "", "没有身份证号"],
        ["\u200b", None, "\u3000", None],  # zero-width and ideographic spaces: a blank row
    ]
    path = write_xlsx(tmp_path / "grouped.xlsx", {"S": rows}, merges={"S": [(1, 0, 1, 3, "八泉街道(2人)")]})
    layout, data = read_all(path)
    assert (layout.header_row, layout.header_height) == (1, 1)  # the heading is not a second header row
    assert layout.mapping == {"name": 0, "subdistrict": 1, "id_number": 2, "address": 3}
    assert [r.number for r in data] == [3, 4, 7, 9]


def test_bare_region_headings_in_a_csv_are_not_data(tmp_path: Path) -> None:
    """A grouped list saved as CSV loses its merged cells: each group heading is a region's name alone
    in the first column. A person without an ID still counts."""
    path = tmp_path / "grouped.csv"
    path.write_text("\n".join([
        "姓名,身份证号码,住址", "八泉街道,,", f"张三,{ID1},八泉街道", "飞云社区居委会（2人）,,",
        f"李四,{ID2},", "河口镇,,", "王五,,没有身份证号", "章山村,,", f"赵六,{ID3},"]), encoding="utf-8")
    _layout, rows = read_all(path)
    assert [r.number for r in rows] == [3, 5, 7, 9]


def test_group_and_continuation_lines_in_the_name_column_are_not_persons(tmp_path: Path) -> None:
    path = tmp_path / "grouped.csv"
    path.write_text("\n".join([
        "姓名,身份证号码,住址", "特困人员,,", f"张三,{ID1},", "低保边缘家庭,,", f"李四,{ID2},", "续表,,",
        "王五,,没有身份证号", "以下空白,,"]), encoding="utf-8")
    _layout, rows = read_all(path)
    assert [r.number for r in rows] == [3, 5, 7]


def test_a_remark_on_a_person_row_is_not_the_footer(tmp_path: Path) -> None:
    """A person without an ID whose remark opens with 说明：/备注：/经办人： is a data row, and the rows
    after it are still read (it used to end the table there)."""
    for remark in ("说明：身份证遗失,待补", "备注：户口已迁出", "经办人：王五代办", "注：无身份证"):
        path = write_xlsx(tmp_path / "list.xlsx", {"Sheet1": [
            ["序号", "姓名", "身份证号码", "备注"], [1, "张三", ID1, ""], [2, "李四", "", remark],
            [3, "王五", ID2, ""], [None, "赵六", "无", remark], [5, "钱七", ID3, ""], [],
            ["制表人：", "孙八", "审核人：", "周九"]]})
        _layout, rows = read_all(path)
        assert [r.number for r in rows] == [2, 3, 4, 5, 6], remark


@pytest.mark.parametrize("heading", [
    "1、八泉街道", "2.河口镇", "（3）黄思湾街道", "八泉街道 3人", "八泉街道：3人", "八泉街道共3人", "黄石港区",
    "八泉街道-飞云社区", "第一网格", "3组", "低保边缘家庭", "2026年第三季度失业登记人员名单（续）", "2026年10月8日",
])
def test_group_headings_of_every_shape_in_a_csv_are_not_data(tmp_path: Path, heading: str) -> None:
    """Alone in the first column of a CSV (no merged cells to tell): numbered, with a count, or
    text that is not a person's name. A lone name is still a person without an ID."""
    path = tmp_path / "grouped.csv"
    path.write_text("\n".join([
        "姓名,身份证号码,住址", heading + ",,", f"张三,{ID1},八泉街道", "李四,,", "买买提·艾力,,",
        "王五（已故）,,", f"赵六,{ID2},", ",,某路1号"]), encoding="utf-8")
    _layout, rows = read_all(path)
    assert [r.number for r in rows] == [3, 4, 5, 6, 7, 8]


@pytest.mark.parametrize("page", ["第 1 页 共 2 页", "第2页/共2页", "共2页 第1页", "- 2 -", "—3—", "Page 2 of 5"])
def test_page_numbers_copied_into_the_table_are_not_data(tmp_path: Path, page: str) -> None:
    """A list copied from print keeps each page's number on a line of its own, wherever it stood on the
    page (here in the ID column): not a person with an unreadable ID number."""
    path = tmp_path / "pages.csv"
    path.write_text("\n".join([
        "序号,姓名,身份证号码,住址", f"1,张三,{ID1},八泉街道", f",,{page},", "序号,姓名,身份证号码,住址",
        f"2,李四,{ID2},", f",,{page},"]), encoding="utf-8")
    _layout, rows = read_all(path)
    assert [r.number for r in rows] == [2, 5]


def test_a_templates_spare_rows_are_not_data(tmp_path: Path) -> None:
    """A template numbered ahead, with formulas (性别, 年龄 from the ID number: 0 or 否 on a spare row)
    and 街道/证件类型 filled in down the page: rows with nothing that says who (no name, ID number,
    address or phone) are not people. A name alone still is a row (a person without an ID number)."""
    rows: list[list[Any]] = [["序号", "姓名", "证件类型", "身份证号", "街道", "年龄", "是否重残", "救助金额", "备注"]]
    rows += [[1, "张三", "居民身份证", ID1, "八泉街道", ("formula", "=2026-MID(D2,7,4)", 36), "否", 500, None],
             [2, "李四", "居民身份证", None, "八泉街道", ("formula", "=IFERROR(2026-MID(D3,7,4),0)", 0), "否", 500,
              None],
             [3, "王五（已故）", None, None, None, None, None, None, None]]
    for n in range(4, 30):
        rows.append([("formula", "=ROW()-1", n), None, "居民身份证", None, "八泉街道",
                     ("formula", f"=IFERROR(2026-MID(D{n + 1},7,4),0)", 0), ("formula", '=IF(D2="","否","是")', "否"),
                     ("formula", f"=F{n + 1}*0", 0), "户口迁出" if n == 9 else None])
    path = write_xlsx(tmp_path / "template.xlsx", {"名单": rows})
    layout, data = read_all(path)
    assert layout.mapping["name"] == 1 and layout.mapping["id_number"] == 3
    assert [r.number for r in data] == [2, 3, 4]


@pytest.mark.parametrize("numbers", [["甲", "乙", 1, 2, 3, 4], [1, 2, 3, 4, 5, 6], ["1", "2", "3", "4", "5", "6"]])
def test_a_row_numbering_the_columns_is_part_of_the_header(tmp_path: Path, numbers: list[Any]) -> None:
    """Statistical forms number their columns in the row under the names (栏次: 甲 乙 1 2 3 …): that
    row is not a person with an ID number of the wrong length."""
    path = write_xlsx(tmp_path / "form.xlsx", {"表1": [
        ["序号", "姓名", "身份证号码", "家庭人口", "月人均收入", "备注"], numbers,
        [1, "张三", ID1, 3, 500, None], [2, "李四", ID2, 2, 600, None]]})
    layout, rows = read_all(path)
    assert (layout.header_row, layout.header_height, layout.first_data_row) == (1, 2, 3)
    assert [r.number for r in rows] == [3, 4]


@pytest.mark.parametrize("codes", [["XH", "XM", "SFZHM", "JD"], [None, "AAC003", "AAC002", "AAB301"]])
def test_a_row_of_field_codes_under_the_names_is_part_of_the_header(tmp_path: Path, codes: list[Any]) -> None:
    """A system's export keeps its field codes in the row under the Chinese names: that row was a person
    named "XM" with the wrong characters in the ID column. A person with a passport number is still one."""
    path = write_xlsx(tmp_path / "export.xlsx", {"Sheet1": [
        ["序号", "姓名", "身份证号码", "街道"], codes, [1, "张三", ID1, "八泉街道"], [2, "JOHN", "E12345678", "A"]]})
    layout, rows = read_all(path)
    assert (layout.header_row, layout.header_height) == (1, 2)
    assert [r.number for r in rows] == [3, 4]
    path = write_xlsx(tmp_path / "people.xlsx", {"Sheet1": [
        ["姓名", "身份证号码", "国籍"], ["JOHN", "E12345678", "US"], ["张三", ID1, "CN"]]})
    layout, rows = read_all(path)
    assert layout.header_height == 1 and [r.number for r in rows] == [2, 3]


def test_a_line_of_labelled_values_is_not_a_person(tmp_path: Path) -> None:
    """"报送人：王五 | 电话：138…" (a note without a usual footer word) or "街道：八泉街道 | 社区：飞云社区" (a
    group heading written across the columns) is not a person with illegal characters in the ID
    column; the rows after it are still read."""
    path = tmp_path / "labelled.csv"
    path.write_text("\n".join([
        "序号,姓名,身份证号码,住址", f"1,张三,{ID1},八泉", "报送人：王五,,电话：13800000000,", "街道：八泉街道,,社区：飞云社区,",
        f"2,李四,{ID2},", "3,王五,备注：无证件,"]), encoding="utf-8")
    _layout, rows = read_all(path)
    assert [r.number for r in rows] == [2, 5, 6]


def test_a_repeated_two_row_header_is_not_data(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["失业人员名单"], ["序号", "基本信息", None, "所在地", None],
                             [None, "姓名", "身份证号码", "街道", "社区"], [1, "张三", ID1, "八泉街道", "飞云社区"]]
    rows += rows[1:3] + [[2, "李四", ID2, "河口镇", "章山村"]]
    path = write_xlsx(tmp_path / "list.xlsx", {"Sheet1": rows}, merges={"Sheet1": [
        (1, 1, 1, 2, "基本信息"), (1, 3, 1, 4, "所在地"), (4, 1, 4, 2, "基本信息"), (4, 3, 4, 4, "所在地")]})
    layout, data = read_all(path)
    assert (layout.header_row, layout.header_height) == (2, 2)
    assert [r.number for r in data] == [4, 7]


def test_a_second_list_pasted_under_the_first_brings_its_header_which_is_not_data(tmp_path: Path) -> None:
    """Two sub-districts' lists pasted into one sheet: the second keeps its own header, worded otherwise
    ("身份证号" / "公民身份号码" under "身份证号码"). It was read as a person with the wrong characters.
    A person whose ID cell says something about the card ("身份证丢失") is still a person."""
    path = write_xlsx(tmp_path / "list.xlsx", {"Sheet1": [
        ["序号", "姓名", "身份证号码", "街道"],
        [1, "张三", ID1, "八泉街道"],
        [],
        ["河口镇名单"],
        ["序号", "姓名", "身份证号", "所属街道"],
        [1, "李四", ID2, "河口镇"],
        ["编号", "户主姓名", "公民身份号码", "街道"],
        [2, "王五", "身份证丢失", "八泉街道飞云社区"],
        [3, "赵六", ID3, "河口镇"],
    ]})
    _layout, rows = read_all(path)
    assert [r.number for r in rows] == [2, 6, 8, 9]


def test_an_empty_id_column_is_passed_over_for_the_one_filled_in(tmp_path: Path) -> None:
    """A template with both 身份证号码 and 证件号码, the department filling in only the latter: every row
    was 'empty'. A guardian's or the head's numbers are still never taken for the person's."""
    rows = [[1, "张三", None, "居民身份证", ID1], [2, "李四", None, "居民身份证", ID2]]
    path = write_xlsx(tmp_path / "list.xlsx", {"Sheet1": [["序号", "姓名", "身份证号码", "证件类型", "证件号码"], *rows]})
    layout, data = read_all(path)
    assert layout.mapping["id_number"] == 4 and len(data) == 2
    for other in ("监护人身份证号", "户主身份证号码", "原身份证号"):
        path = write_xlsx(tmp_path / "minors.xlsx", {"Sheet1": [["序号", "姓名", "身份证号码", "证件类型", other], *rows]})
        layout, _data = read_all(path)
        assert layout.mapping["id_number"] == 2, other


def test_a_total_word_in_a_remark_beside_a_person_without_a_number_does_not_make_a_total(tmp_path: Path) -> None:
    """A person whose number is missing or short, with "合计发放3个月" in the remark or a sub-district
    written "河口镇汇总", was left out as a total line (the counts adding up all the same). Total lines,
    numbered or not, named 合计 or labelled in the sub-district column, are still no people."""
    path = write_xlsx(tmp_path / "list.xlsx", {"Sheet1": [
        ["序号", "姓名", "身份证号码", "街道", "备注"],
        [1, "张三", ID1, "八泉街道", ""],
        [2, "刘洋", "", "八泉街道", "合计发放3个月"],
        [3, "陈晨", "待补", "河口镇汇总", ""],
        [4, "李四", "4202031990", "八泉街道", "小计:两人"],
        [5, None, 4, "八泉街道小计", None],  # the serial numbers of a formula run on through the subtotal
        [None, "河口镇小计", 1, None, None],
        [6, "合计", 5, None, None],
        ["合计", None, "5人", None, None],
    ]})
    _layout, rows = read_all(path)
    assert [r.number for r in rows] == [2, 3, 4, 5]


def test_a_labelled_id_cell_is_still_a_data_row(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", {"Sheet1": [
        ["姓名", "身份证号码"], ["张三", ID1], ["李四", f"身份证:{ID2}"], ["王五", ID3]]})
    _layout, rows = read_all(path)
    assert [r.number for r in rows] == [2, 3, 4]


@pytest.mark.parametrize("title", ["2026年第三季度身份证号码信息核查名单", "身份证信息比对结果"])
def test_a_title_naming_the_id_number_is_not_the_header(tmp_path: Path, title: str) -> None:
    """The title says 身份证号码 and the header's other columns have names nobody listed (人员, 工作单位):
    the header is the row whose ID column has ID numbers under it, not the title over the serial
    numbers (every row was 'wrong length' and the header a person)."""
    path = write_xlsx(tmp_path / "title.xlsx", {"Sheet1": [
        [title], ["序号", "人员", "身份证号码", "工作单位"], [1, "张三", ID1, "某厂"], [2, "李四", ID2, "某厂"],
        [3, "王五", ID3, "某厂"]]}, merges={"Sheet1": [(0, 0, 0, 3, title)]})
    layout, rows = read_all(path)
    assert (layout.header_row, layout.mapping["id_number"]) == (2, 2)
    assert [r.number for r in rows] == [3, 4, 5]


def test_data_on_a_later_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "two.xlsx", {
        "说明": [["填表说明"], ["1. 身份证号请填写18位"], ["2. 姓名填写全名"]],
        "汇总": [["街道", "人数"], ["八泉街道", 3]],
        "名单": [["姓名", "证件号码", "街道"], ["张三", ID1, "八泉街道"], ["李四", ID2, "河口镇"]],
    })
    layout, rows = read_all(path)
    assert layout.sheet == "名单" and layout.sheet_names == ["说明", "汇总", "名单"]
    assert len(rows) == 2
    layout, rows = read_all(path, sheet="名单", header_row=1)
    assert len(rows) == 2
    with pytest.raises(ss.SpreadsheetError, match="没有名为"):
        read_all(path, sheet="不存在")


def test_an_empty_template_sheet_or_a_notes_table_does_not_hide_the_list(tmp_path: Path) -> None:
    """The sheet with ID numbers under its header is read, whatever comes first; a sheet that only
    names the columns (an empty or pre-numbered template, a table of filling notes) is not a list."""
    header = ["序号", "姓名", "身份证号码", "街道"]
    path = write_xlsx(tmp_path / "book.xlsx", {
        "模板": [header] + [[n] for n in range(1, 31)],
        "填表说明": [["字段", "填写要求"], ["身份证号码", "18位,文本格式"], ["姓名", "全名"]],
        "名单": [header, [1, "张三", ID1, "八泉街道"], [2, "李四", ID2, "河口镇"]],
        "汇总": [["街道", "人数"], ["八泉街道", 1]],
    })
    layout, rows = read_all(path)
    assert layout.sheet == "名单" and layout.other_sheets == []
    assert [r.number for r in rows] == [2, 3]


@pytest.mark.parametrize("marker", ["示例", "填写示例", "例:", 1])
def test_instructions_with_a_filled_in_example_do_not_hide_the_list(tmp_path: Path, marker: Any) -> None:
    """A "填表说明" sheet first, showing the table with one example row (an ID number in it), is not
    the list: the list on the next sheet is read (it was: one data row, the example). An example row
    left under the list's own header is not a person either."""
    header = ["序号", "姓名", "身份证号", "联系电话"]
    example = [marker, "张三", "420203199001011238", "13800000000"]
    path = write_xlsx(tmp_path / "book.xlsx", {
        "填表说明": [["填表说明"], ["1. 身份证号须为18位,以文本格式填写。"], [], header, example],
        "名单": [header, ["示例", "张三", "420203199001011238", "13800000000"], [1, "李四", ID1, ""],
                 [2, "王五", ID2, ""], [3, "赵六", ID3, ""]],
    })
    layout, rows = read_all(path)
    assert layout.sheet == "名单" and layout.other_sheets == []
    assert [r.number for r in rows] == [3, 4, 5]
    book = xlsxwriter.Workbook(str(tmp_path / "hidden.xlsx"))  # the list hidden behind the instructions
    for name, rows_ in (("填表说明", [header, example]), ("名单", [header, [1, "李四", ID1, ""]])):
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows_):
            ws.write_row(r, 0, row)
    ws.hide()
    book.close()
    layout, rows = read_all(tmp_path / "hidden.xlsx")
    assert layout.sheet == "名单" and [r.number for r in rows] == [2]


def test_hidden_sheets_only_when_no_visible_sheet_has_the_list(tmp_path: Path) -> None:
    def write(path: Path, hide_list: bool) -> Path:
        book = xlsxwriter.Workbook(str(path))
        book.add_worksheet("封面").write_string(0, 0, "某某局困难职工名单")
        for name, people, hidden in (("旧名单", [("甲", ID3)], True), ("名单", [("张三", ID1), ("李四", ID2)], hide_list)):
            ws = book.add_worksheet(name)
            ws.write_row(0, 0, ["姓名", "身份证号"])
            for r, (who, number) in enumerate(people, start=1):
                ws.write_row(r, 0, [who, number])
            if hidden:
                ws.hide()
        book.close()
        return path

    layout, rows = read_all(write(tmp_path / "visible.xlsx", hide_list=False))
    assert layout.sheet == "名单" and len(rows) == 2
    layout, _rows = read_all(write(tmp_path / "hidden.xlsx", hide_list=True))
    assert layout.sheet in ("旧名单", "名单")  # was: no ID column found


def test_two_header_rows_with_merged_group(tmp_path: Path) -> None:
    rows = [
        ["2026年大病救助对象名单"],
        [None, None, None, None, None],
        ["序号", "基本信息", None, "联系方式", None],
        [None, "姓名", "身份证号", "电话", "住址"],
        [1, "张三", ID1, "13800000000", "八泉街道八泉社区1栋"],
        [2, "李四", ID2, "13900000000", "河口镇道仕袱村3组"],
    ]
    path = write_xlsx(tmp_path / "merged.xlsx", {"名单": rows},
                      merges={"名单": [(0, 0, 0, 4, "2026年大病救助对象名单"), (2, 1, 2, 2, "基本信息"),
                                       (2, 3, 2, 4, "联系方式"), (2, 0, 3, 0, "序号")]})
    layout, data = read_all(path)
    assert layout.header_row == 3 and layout.header_height == 2
    assert layout.mapping == {"name": 1, "id_number": 2, "phone": 3, "address": 4}
    assert layout.columns[3] == "联系方式/电话"
    assert [r.number for r in data] == [5, 6]


def test_a_two_row_header_saved_as_csv_keeps_its_groups(tmp_path: Path) -> None:
    """A CSV keeps no merges: "监护人" stands over the guardian's 姓名 and 身份证号 only as the first of
    two cells. The group still reaches over the empty cell beside it, so the assisted person's
    columns are read, not the guardian's, which come first under the same names."""
    path = tmp_path / "guardian.csv"
    path.write_text("\n".join([
        "序号,监护人,,救助对象,", ",姓名,身份证号,姓名,身份证号", f"1,王五,{ID1},张小三,{ID2}", f"2,王五,{ID1},张小四,{ID3}"]),
        encoding="gbk")
    layout, rows = read_all(path)
    assert (layout.header_row, layout.header_height) == (1, 2)
    assert layout.mapping == {"name": 3, "id_number": 4}
    assert layout.columns[1:] == ["监护人/姓名", "监护人/身份证号", "救助对象/姓名", "救助对象/身份证号"]
    assert [r.number for r in rows] == [3, 4]


@pytest.mark.parametrize(("upper", "lower", "expect"), [
    ("身份证", ["号码", "有效期"], {"name": 1, "id_number": 2}),  # the lower row was read as a person
    ("证件", ["类型", "号码"], {"name": 1, "id_type": 2, "id_number": 3}),  # the name column was lost
])
def test_a_group_cell_and_the_name_under_it_name_the_id_column_together(tmp_path: Path, upper: str, lower: list[str],
                                                                         expect: dict[str, int]) -> None:
    """序号 and 姓名 merged down over two header rows, "身份证" (or "证件") merged over 号码 | 有效期: only
    together do the group and 号码 name the ID column. The upper row was taken for the header alone and
    its lower row counted as a person with an invalid number; or the lower row alone (the numbers found
    by their content), without the 姓名 above it, so the clues had no names."""
    rows = [["序号", "姓名", upper, None], [None, None, *lower]]
    rows += [[i, name, *([number, "长期"] if lower[0] == "号码" else ["居民身份证", number])]
             for i, (name, number) in enumerate((("张三", ID1), ("李四", ID2)), start=1)]
    path = write_xlsx(tmp_path / "group.xlsx", {"S": rows},
                      merges={"S": [(0, 0, 1, 0, "序号"), (0, 1, 1, 1, "姓名"), (0, 2, 0, 3, upper)]})
    text = tmp_path / "group.csv"  # the same saved as CSV: the group cell only the first of two
    text.write_text("\n".join(",".join("" if v is None else str(v) for v in r) for r in rows), encoding="gbk")
    for source in (path, text):
        layout, data = read_all(source)
        assert (layout.header_row, layout.header_height, layout.mapping) == (1, 2, expect), source.name
        assert [r.number for r in data] == [3, 4]


def test_two_header_rows_id_in_upper_row(tmp_path: Path) -> None:
    rows = [
        ["姓名", "身份证号", "联系方式", None],
        [None, None, "电话", "地址"],
        ["张三", ID1, "138", "某地"],
    ]
    path = write_xlsx(tmp_path / "upper.xlsx", {"S": rows}, merges={"S": [(0, 2, 0, 3, "联系方式")]})
    layout, data = read_all(path)
    assert layout.header_row == 1 and layout.header_height == 2
    assert layout.mapping == {"name": 0, "id_number": 1, "phone": 2, "address": 3}
    assert len(data) == 1


def test_data_starting_lower_right(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "offset.xlsx", {"S": [
        [], [], [None, None, "姓名", "身份证号"], [None, None, "张三", ID1]]})
    layout, data = read_all(path)
    assert layout.header_row == 3
    assert [r.number for r in data] == [4]
    assert idcard.parse(ss.value_at(data[0].values, layout.mapping["id_number"])).number == ID1


def test_formulas_are_read_as_their_values(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "formula.xlsx", {"S": [
        ["姓名", "身份证号"],
        ["张三", ("formula", f'="{ID1[:9]}"&"{ID1[9:]}"', ID1)],
        ["李四", ("formula", "=UPPER(\"x\")", "X")],
    ]})
    _layout, data = read_all(path)
    assert idcard.parse(data[0].values[1]).number == ID1
    assert idcard.parse(data[1].values[1]).reason is idcard.Invalid.LENGTH


def test_ids_as_numbers_full_width_and_15_digits(tmp_path: Path) -> None:
    fifteen = "420203500101123"
    full = ID2.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
    path = write_xlsx(tmp_path / "ids.xlsx", {"S": [
        ["姓名", "身份证号"],
        ["甲", float(ID1)],  # Excel kept only 15 significant digits
        ["乙", f" {full} "],
        ["丙", int(fifteen)],  # a 15-digit number survives as a number
        ["丁", "'" + ID3.lower()],
    ]})
    _layout, data = read_all(path)
    results = [idcard.parse(r.values[1]) for r in data]
    assert results[0].reason is idcard.Invalid.FLOAT
    assert results[1].number == ID2
    assert results[2].valid and results[2].converted_from_15
    assert results[3].number == ID3


def test_sheet_starting_in_column_b(tmp_path: Path) -> None:
    """Column A left empty (a margin): columns keep the sheet's numbers and letters, so a column
    given by letter, merged cells and the error workbook's layout all line up."""
    path = tmp_path / "margin.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("名单")
    ws.merge_range(0, 1, 0, 3, "困难职工名单")
    ws.write_row(1, 1, ["姓名", "身份证号", "街道"])
    ws.write_row(2, 1, ["张三", ID1])
    ws.write_row(3, 1, ["李四", ID2])
    ws.merge_range(2, 3, 3, 3, "八泉街道")
    book.close()
    layout, data = read_all(path)
    assert layout.mapping == {"name": 1, "id_number": 2, "subdistrict": 3}
    assert [r.values for r in data] == [["", "张三", ID1, "八泉街道"], ["", "李四", ID2, "八泉街道"]]
    from desktop.commands.imports import column_index

    assert column_index("C", layout.columns) == 2 and ss.column_letter(2) == "C"


def test_legacy_xls() -> None:
    """A legacy .xls (BIFF8, kept in tests/data): a note sheet first, a title, a two-row header
    under a merged group, an ID stored as a number, a blank row and a signature footer."""
    path = Path(__file__).parent / "data" / "import" / "工会_帮扶名单.xls"
    with ss.open_workbook(path) as wb:
        assert wb.format == "xls"
    layout, data = read_all(path)
    assert (layout.sheet, layout.header_row, layout.header_height) == ("名单", 2, 2)
    assert (layout.mapping["name"], layout.mapping["id_number"]) == (1, 2)
    assert [r.values[1] for r in data] == ["张三", "李四", "王五", "张三"]
    assert [idcard.parse(r.values[2]).reason for r in data] == [None, idcard.Invalid.FLOAT, None, None]


def _excel_web_page() -> str:
    """An "Excel" export that is a web page, as government systems write them: a title and a line
    outside the table, a two-row header (rowspan/colspan), a 街道 cell spanning three rows, Excel's
    x:num on a number cell (an ID that lost its digits), the table repeated per printed page, a
    total line, a footer paragraph, and sloppy closing tags."""
    num = ID3[:17] + "0"
    head = ("<tr><th rowspan=2>序号</th><th colspan=2>基本信息</th><th rowspan=2>街道</th>"
            "<th rowspan=2>联系电话</th></tr><tr><th>姓名</th><th>身份证号码</th></tr>")
    return "\n".join([
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>',
        '<meta http-equiv=Content-Type content="text/html; charset=gb2312"><title>名单</title>',
        '<style>.xl65{mso-number-format:"\\@";}</style></head><body>',
        "<h3>2026年困难职工名单</h3><p>填报单位：区总工会&nbsp; 日期：2026-10-08</p>",
        f"<table border=1>{head}",
        f'<tr><td x:num>1</td><td>张三</td><td class=xl65>{ID1}</td><td rowspan=3>八泉街道\n飞云社区</td><td>138</td></tr>',
        f"<tr><td x:num>2</td><td>李四<br>（已故）</td><td>{ID2}</td><td></td></tr>",
        f'<tr><td x:num>3</td><td>王五</td><td x:num="{num}">4.20281E+17</td><td></td></tr></table>',
        f"<TABLE border=1>{head.upper()}",
        f"<TR><TD x:num>4<TD>赵六<TD>{ID2}<TD>河口镇<TD>",
        "<TR><TD colspan=2>合计<TD>4人<TD><TD></TABLE>",
        "<p>制表人：王五　审核人：李四</p></body></html>"])


def test_html_table_saved_as_xls(tmp_path: Path) -> None:
    path = tmp_path / "困难职工.xls"
    path.write_bytes(_excel_web_page().encode("gbk"))
    with ss.open_workbook(path) as book:
        assert (book.format, book.encoding, book.sheet_names) == ("html", "gb18030", ["困难职工"])
    layout, data = read_all(path)
    assert (layout.header_row, layout.header_height) == (3, 2)
    assert layout.mapping == {"name": 1, "id_number": 2, "subdistrict": 3, "phone": 4}
    assert [r.number for r in data] == [5, 6, 7, 10]  # rows as Excel shows them; headers, total, footer left out
    assert [r.values[:4] for r in data] == [
        [1.0, "张三", ID1, "八泉街道 飞云社区"], [2.0, "李四\n（已故）", ID2, "八泉街道 飞云社区"],
        [3.0, "王五", float(ID3[:17] + "0"), "八泉街道 飞云社区"], [4.0, "赵六", ID2, "河口镇"]]
    assert idcard.parse(data[2].values[2]).reason == idcard.Invalid.FLOAT


def test_a_long_web_page_is_read_as_it_is_parsed_and_let_go_when_no_longer_wanted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A web page is parsed in a thread of its own that hands the rows on as it finds them: the first
    rows come before the page is read to its end, the thread ends when the rows are no longer
    wanted (none left waiting or holding the file), and an error reading the file on the way is
    the reader's error, said as for any file."""
    path = tmp_path / "long.xls"
    path.write_text("<table>" + "".join(f"<tr><td>张{i}<td>{ID1}" for i in range(60000)) + "</table>", encoding="utf-8")
    read: list[int] = []
    chunks = markup._chunks

    def counted(p: Path, encoding: str) -> Any:
        for chunk in chunks(p, encoding):
            read.append(len(chunk))
            yield chunk

    monkeypatch.setattr(markup, "_chunks", counted)
    rows = markup.html_rows(path, "utf-8")
    assert next(rows) == (0, 1, ["张0", ID1])
    assert sum(read) < path.stat().st_size // 2
    rows.close()
    assert not [t for t in threading.enumerate() if t.name == "html_rows"]
    assert sum(read) < path.stat().st_size // 2  # it stopped reading, not read on to the end

    def failing(p: Path, encoding: str) -> Any:
        yield from list(chunks(p, encoding))[:3]
        raise PermissionError(13, "locked")

    monkeypatch.setattr(markup, "_chunks", failing)
    with pytest.raises(PermissionError):
        list(markup.html_rows(path, "utf-8"))
    err = error_of(path)
    assert err.kind == "unreadable" and "占用" in err.message
    assert not [t for t in threading.enumerate() if t.name == "html_rows"]


def _spreadsheet_ml(encoding: str = "GBK") -> str:
    cell = '<Cell{}><Data ss:Type="{}">{}</Data></Cell>'.format
    return "\n".join([
        f'<?xml version="1.0" encoding="{encoding}"?>', '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
        '<Worksheet ss:Name="旧表"><Table><Row>' + cell("", "String", "姓名") + cell("", "String", "身份证号") + "</Row>",
        "<Row>" + cell("", "String", "旧") + cell("", "String", ID3) + "</Row></Table>",
        "<x:WorksheetOptions><x:Visible>SheetHidden</x:Visible></x:WorksheetOptions></Worksheet>",
        '<Worksheet ss:Name="名单"><Table>',
        "<Row>" + cell(' ss:MergeAcross="3"', "String", "失业人员名单") + "</Row>",
        '<Row ss:Index="3">' + "".join(cell("", "String", h) for h in ("序号", "姓名", "身份证号", "登记日期")) + "</Row>",
        "<Row>" + cell("", "Number", 1) + cell("", "String", "张三") + cell("", "String", ID1)
        + cell("", "DateTime", "2026-07-01T00:00:00.000") + "</Row>",
        "<Row>" + cell("", "Number", 2) + cell("", "String", "李四") + cell("", "Number", ID2[:17] + "0") + "</Row>",
        "<Row>" + cell("", "Number", 3) + cell(' ss:Index="3"', "Number", "420203500101123") + "</Row>",
        "</Table></Worksheet></Workbook>"])


def test_excel_2003_xml_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "失业人员.xls"
    path.write_bytes(_spreadsheet_ml().encode("gbk"))  # GBK: which the XML parser itself cannot read
    with ss.open_workbook(path) as book:
        assert (book.format, book.sheet_names) == ("xmlss", ["旧表", "名单"])
        assert not book.visible("旧表") and book.merged_ranges("名单") == [((0, 0), (0, 3))]
    layout, data = read_all(path)
    assert (layout.sheet, layout.header_row) == ("名单", 3)
    assert [r.number for r in data] == [4, 5, 6]
    assert data[0].values == [1.0, "张三", ID1, datetime(2026, 7, 1)]
    assert [idcard.parse(r.values[2]).reason for r in data] == [None, idcard.Invalid.FLOAT, None]
    assert idcard.parse(data[2].values[2]).converted_from_15


def test_excel_2003_xml_cells_with_rich_text_comments_and_no_namespace(tmp_path: Path) -> None:
    """A cell's value is its own Data: text in bold or colour inside it is joined, a comment's Data
    (a note on the cell) is not the value, a second Data is ignored. A workbook written without the
    namespace is read by the same names."""
    path = tmp_path / "rich.xls"
    path.write_text("\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>', '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">',
        '<Worksheet ss:Name="名单"><Table><Row><Cell><Data ss:Type="String">姓名</Data></Cell>',
        '<Cell><Data ss:Type="String">身份证号</Data></Cell></Row><Row>',
        '<Cell><Comment ss:Author="审核"><ss:Data xmlns="http://www.w3.org/TR/REC-html40"><B>已核实</B></ss:Data></Comment>'
        '<ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>张</B>三<Font html:Color="#FF0000">丰</Font>'
        '</ss:Data></Cell>',
        f'<Cell ss:Index="2"><Data ss:Type="String">{ID1}</Data><Data ss:Type="String">另一个</Data></Cell></Row>',
        "</Table></Worksheet></Workbook>"]), encoding="utf-8")
    with ss.open_workbook(path) as book:
        assert list(book.rows()) == [(1, ["姓名", "身份证号"]), (2, ["张三丰", ID1])]
    bare = tmp_path / "bare.xls"
    bare.write_text('<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook><Worksheet Name="N">'
                    '<Table><Row Index="2"><Cell Index="2" MergeAcross="1"><Data Type="Number">3</Data></Cell></Row>'
                    "</Table><WorksheetOptions><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>"
                    "</Workbook>", encoding="utf-8")
    with ss.open_workbook(bare) as book:
        assert (book.sheet_names, book.visible("N"), book.merged_ranges("N")) == (["N"], False, [((1, 1), (1, 2))])
        assert list(book.rows()) == [(1, []), (2, ["", 3.0])]


@pytest.mark.parametrize("kept_cells", [ss.MARKUP_KEPT_CELLS, 5])
def test_web_and_xml_lists_read_the_same_kept_or_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          kept_cells: int) -> None:
    """The rows of a web page or Excel 2003 XML file are kept from the first reading (parsed once), or
    read again when the file is too long to keep: the same rows either way, and changing the rows
    handed out does not change the next reading."""
    monkeypatch.setattr(ss, "MARKUP_KEPT_CELLS", kept_cells)
    page, xml = tmp_path / "web.xls", tmp_path / "xml.xls"
    page.write_bytes(_excel_web_page().encode("gbk"))
    xml.write_bytes(_spreadsheet_ml().encode("gbk"))
    with ss.open_workbook(page) as book:
        assert (book._markup_kept is not None) == (kept_cells > 5)
        first = list(book.rows())
        first[4][1].clear()
        assert [n for n, _ in book.rows()] == [n for n, _ in first] and len(list(book.rows())[4][1]) == 5
    layout, data = read_all(page)
    assert [r.number for r in data] == [5, 6, 7, 10] and data[0].values[1] == "张三"
    with ss.open_workbook(xml) as book:
        assert [n for n, _ in book.rows("名单")] == [1, 2, 3, 4, 5, 6] and list(book.rows("旧表"))[1][1][0] == "旧"


def test_broken_excel_2003_xml_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.xls"
    path.write_bytes(_spreadsheet_ml("UTF-8").encode("utf-8")[:-200])
    err = error_of(path)
    assert err.kind == "damaged" and "XML" in err.message and "第" in err.message and "行" in err.message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    text = f"残疾人姓名,身份证号码,住址\r\n张三,{ID1},八泉街道飞云社区\r\n李四,{ID2.lower()},\r\n\r\n"
    path = tmp_path / f"list-{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    layout, data = read_all(path)
    assert layout.mapping == {"name": 0, "id_number": 1, "address": 2}
    assert [r.values[0] for r in data] == ["张三", "李四"]
    assert data[0].values[2] == "八泉街道飞云社区"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_a_bom(tmp_path: Path, encoding: str) -> None:
    """Some exporters write "Unicode" text without the byte-order mark Excel puts first."""
    path = tmp_path / "unicode.txt"
    path.write_bytes(f"姓名\t身份证号码\r\n张一\t{ID1}\r\n李四\t{ID2}\r\n".encode(encoding))
    with ss.open_workbook(path) as book:
        assert (book.format, book.encoding) == ("csv", encoding)
    _layout, data = read_all(path)
    assert [r.values for r in data] == [["张一", ID1], ["李四", ID2]]
    binary = tmp_path / "random.csv"  # zero bytes that are not UTF-16 are still refused
    binary.write_bytes(b"\x00\x01\x02" * 300)
    assert error_of(binary).kind == "not_spreadsheet"


def test_csv_tab_and_semicolon_and_excel_text_guard(tmp_path: Path) -> None:
    path = tmp_path / "tab.txt"
    path.write_text(f"姓名\t身份证号\n张三\t{ID1}\n", encoding="gbk")
    _layout, data = read_all(path)
    assert data[0].values == ["张三", ID1]
    path = tmp_path / "semi.csv"
    path.write_text(f'姓名;身份证号\n张三;="{ID1}"\n', encoding="utf-8")
    _layout, data = read_all(path)
    assert data[0].values == ["张三", ID1]


def test_utf8_csv_with_a_stray_byte_is_still_utf8(tmp_path: Path) -> None:
    """A UTF-8 file cut short in the middle of a character, or with one byte pasted from elsewhere,
    was taken for GBK and refused ("不是可识别编码"): it is read, the broken byte shown as U+FFFD."""
    people = "".join(f"{n},{i},八泉街道飞云社区\n" for n, i in (("张三", ID1), ("李四", ID2), ("王五", ID3)))
    body = ("姓名,身份证号码,住址\n" + people).encode()
    stray = tmp_path / "stray.csv"
    stray.write_bytes(body.replace("李四".encode(), "李四".encode() + b"\xff"))
    cut = tmp_path / "cut.csv"
    cut.write_bytes(body + f"赵六,{ID1},八泉".encode()[:-1])
    for path in (stray, cut):
        assert ss.detect_encoding(path) == "utf-8"
        _layout, data = read_all(path)
        assert [idcard.parse(r.values[1]).number for r in data[:3]] == [ID1, ID2, ID3]
    assert read_all(stray)[1][1].values[0] == "李四\ufffd"
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(("姓名,身份证号码,住址\n" + people).encode("gbk"))
    assert ss.detect_encoding(gbk) == "gb18030"


def test_a_short_utf8_list_cut_inside_its_last_character_is_not_read_as_gbk(tmp_path: Path) -> None:
    """Two people, cut short inside the last character: too few characters for the one-in-a-thousand
    rule, so it was read as GBK and every name and heading garbled ("寮犱笁" for 张三), the clues made
    with those names."""
    cut = tmp_path / "cut.csv"
    cut.write_bytes(f"姓名,身份证号,备注\r\n张三,{ID1},补助\r\n李四,{ID2},无\r\n".encode()[:-3])
    stray = tmp_path / "stray.csv"  # a byte from elsewhere in the middle of a short file
    stray.write_bytes(f"姓名,身份证号\r\n张三,{ID1}\r\n李四,{ID2}\r\n".encode().replace("李四".encode(), b"\xff" + "李四".encode()))
    for path in (cut, stray):
        assert ss.detect_encoding(path) == "utf-8"
        layout, data = read_all(path)
        assert (layout.mapping["name"], layout.mapping["id_number"]) == (0, 1)
        assert [r.values[:2] for r in data] == [["张三", ID1], ["\ufffd李四" if path is stray else "李四", ID2]]
    gbk = tmp_path / "gbk.csv"  # a short GBK list stays GBK
    gbk.write_bytes(f"姓名,身份证号\r\n张三,{ID1}\r\n".encode("gbk"))
    assert ss.detect_encoding(gbk) == "gb18030"


def test_a_gbk_list_with_a_stray_byte_or_the_windows_euro_sign_is_read(tmp_path: Path) -> None:
    """Excel on Chinese Windows saves "€" as byte 0x80 (code page 936), which GB18030 lacks; a GBK list
    cut short inside its last character, or UTF-16 text cut at an odd byte, the same: one byte refused
    the whole list ("不是可识别编码的文本表格"). The byte reads as U+FFFD (the euro sign as itself); a
    file broken throughout is still refused."""
    text = f"姓名,身份证号,备注\r\n张三,{ID1},补助100元\r\n李四,{ID2},无\r\n"
    euro = tmp_path / "euro.csv"
    euro.write_bytes(text.encode("gbk").replace("100元".encode("gbk"), b"\x80100"))
    cut = tmp_path / "cut.csv"
    cut.write_bytes(text.encode("gbk")[:-3])
    wide = tmp_path / "unicode.txt"
    wide.write_bytes(text.replace(",", "\t").encode("utf-16")[:-1])
    for path in (euro, cut, wide):
        _layout, data = read_all(path)
        assert [r.values[:2] for r in data] == [["张三", ID1], ["李四", ID2]], path.name
    assert read_all(euro)[1][0].values[2] == "补助€100"
    assert read_all(cut)[1][1].values[2] == "\ufffd"
    broken = tmp_path / "broken.csv"  # no NUL byte, but no text either
    broken.write_bytes(bytes((i * 7919 + 13) % 255 + 1 for i in range(20000)))
    assert error_of(broken).kind == "not_spreadsheet"


def test_csv_delimiter_not_fooled_by_quoted_text_or_tab_suffixes(tmp_path: Path) -> None:
    """Semicolons inside quoted addresses, and the tab that exporters append to every long number so
    Excel keeps it as text, outnumbered the commas and were taken for the delimiter."""
    quoted = tmp_path / "quoted.csv"
    quoted.write_text("".join(f'"{n}","{i}","八泉街道;飞云社区;3栋;2单元"\r\n' for n, i in
                              [("姓名", "身份证号码"), ("张三", ID1), ("李四", ID2)]), encoding="gbk")
    suffixed = tmp_path / "suffixed.csv"
    suffixed.write_text("姓名,身份证号,联系电话\r\n" + "".join(f"{n}\t,{i}\t,13800000000\t\r\n" for n, i in
                                                            [("张三", ID1), ("李四", ID2), ("王五", ID3)]), encoding="gbk")
    for path, people in ((quoted, 2), (suffixed, 3)):
        layout, data = read_all(path)
        assert layout.mapping["id_number"] == 1 and len(data) == people, path.name
        assert [idcard.parse(r.values[1]).number for r in data] == [ID1, ID2, ID3][:people]
    tabbed = tmp_path / "tabbed.txt"  # a real tab-delimited file with empty trailing cells stays one
    tabbed.write_text(f"姓名\t身份证号\t备注\t其他\n张三\t{ID1}\t\t\n李四\t{ID2}\t\t\n", encoding="gbk")
    assert read_all(tabbed)[0].mapping["id_number"] == 1


def test_csv_quote_never_closed_is_refused_with_its_place(tmp_path: Path) -> None:
    """An opened quote swallows the rest of the file into one cell: refused, naming row and column."""
    path = tmp_path / "quote.csv"
    path.write_text(f'姓名,身份证号,住址\n张三,{ID1},"八泉街道\n李四,{ID2},飞云社区\n王五,{ID1},\n', encoding="utf-8")
    err = error_of(path)
    assert err.kind == "damaged" and "第 2 行第 3 列的引号没有闭合" in err.message and "其后 2 行" in err.message
    # a quoted cell spanning lines is fine, also at the very end of the file
    path.write_text(f'姓名,身份证号,住址\n张三,{ID1},"八泉街道\n飞云社区"\n李四,{ID2},"月亮山\n社区"\n',
                    encoding="utf-8")
    _layout, data = read_all(path)
    assert [r.values[2] for r in data] == ["八泉街道\n飞云社区", "月亮山\n社区"]


# -- bad input -----------------------------------------------------------------------------------

def test_not_a_spreadsheet(tmp_path: Path) -> None:
    pdf = tmp_path / "名单.xlsx"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n")
    assert error_of(pdf).kind == "not_spreadsheet"
    text = tmp_path / "notes.xlsx"
    text.write_text("这是一段说明文字,不是表格。", encoding="utf-8")
    assert error_of(text).kind == "not_spreadsheet"
    binary = tmp_path / "random.xls"
    binary.write_bytes(bytes(range(256)) * 10)
    assert error_of(binary).kind == "not_spreadsheet"
    page = tmp_path / "export.xls"  # a web system's error page saved under the export's name
    page.write_text("<html><body><p>会话已过期,请重新登录</p></body></html>", encoding="utf-8")
    err = error_of(page)
    assert err.kind == "not_spreadsheet" and "网页" in err.message and "没有表格" in err.message
    data = tmp_path / "data.xls"
    data.write_text('<?xml version="1.0"?><root><item>1</item></root>', encoding="utf-8")
    assert error_of(data).kind == "not_spreadsheet"
    damaged = tmp_path / "broken.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert error_of(damaged).kind in ("damaged", "not_spreadsheet")


def test_a_single_file_web_page_is_read_and_one_without_a_table_named(tmp_path: Path) -> None:
    """Excel's "single file web page" (MHT), sent as .xls: its page decoded from quoted-printable in its
    charset and read; one holding no table said to be what it is, not "plain text" (more in
    test_department_variants_s24.py)."""
    path = tmp_path / "名单.xls"
    head = ('MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; '
            'boundary="----=_NextPart_01"\r\n\r\n------=_NextPart_01\r\nContent-Transfer-Encoding: quoted-printable\r\n'
            'Content-Type: text/html; charset="gb2312"\r\n\r\n')
    path.write_text(head + "<html><body><table border=3D1><tr><td>=D0=D5=C3=FB</td></tr></table></body></html>\r\n",
                    encoding="ascii")
    with ss.open_workbook(path) as book:
        assert book.format == "mht" and book.sheet_names == ["名单"] and list(book.rows()) == [(1, ["姓名"])]
    path.write_text(head + "<html><body><p>=BB=E1=BB=B0=D2=D1=B9=FD=C6=DA</p></body></html>\r\n", encoding="ascii")
    err = error_of(path)
    assert err.kind == "not_spreadsheet" and "MHT" in err.message and "没有表格" in err.message


def test_damaged_legacy_xls_is_refused_before_calamine_reads_it(tmp_path: Path) -> None:
    """calamine follows an .xls file's sector chains as they are: on a truncated file it panics (a
    BaseException, once a traceback), on a chain that loops it allocates without end (the process
    was killed). Both are found in the file's structure first."""
    import struct

    good = (DATA / "工会_帮扶名单.xls").read_bytes()
    truncated = tmp_path / "truncated.xls"
    truncated.write_bytes(good[:len(good) * 3 // 4])
    looped = tmp_path / "looped.xls"
    data = bytearray(good)
    first_dir = struct.unpack_from("<I", data, 0x30)[0]
    fat_sector = struct.unpack_from("<I", data, 0x4C)[0]
    struct.pack_into("<I", data, 512 * (fat_sector + 1) + 4 * first_dir, first_dir)  # the directory chain loops
    looped.write_bytes(bytes(data))
    for path in (truncated, looped):
        with pytest.raises(ss.SpreadsheetError) as info:
            ss.sniff_format(path)  # before calamine is ever asked
        assert info.value.kind == "damaged" and "已损坏" in info.value.message and path.name in info.value.message
        assert error_of(path).kind == "damaged"
    assert ss.sniff_format(DATA / "工会_帮扶名单.xls") == "xls"


def test_calamine_panics_are_file_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import python_calamine as pc

    class PanicException(BaseException):  # as pyo3 raises it
        pass

    def panic(_path: str) -> None:
        raise PanicException("slice index starts at 8192 but ends at 7721")

    monkeypatch.setattr(pc.CalamineWorkbook, "from_path", panic)
    path = write_xlsx(tmp_path / "list.xlsx", {"S": [["姓名", "身份证号"], ["张三", ID1]]})
    assert error_of(path).kind == "damaged"
    with pytest.raises(KeyboardInterrupt):  # anything else that is not an error still goes through
        ss._reraise_unless_error(KeyboardInterrupt())


def test_encrypted_workbook(tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE2 compound file holding EncryptionInfo and EncryptedPackage streams.
    body = bytearray(ss.OLE2_MAGIC + b"\x00" * 504)
    directory = bytearray(512)
    for i, stream in enumerate(["Root Entry", "EncryptionInfo", "EncryptedPackage"]):
        encoded = stream.encode("utf-16-le")
        directory[i * 128:i * 128 + len(encoded)] = encoded
    path = tmp_path / "加密名单.xlsx"
    path.write_bytes(bytes(body + directory))
    err = error_of(path)
    assert err.kind == "encrypted" and "已加密" in err.message


def test_empty_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    err = error_of(empty)
    assert err.kind == "empty" and "空" in err.message
    blank_csv = tmp_path / "blank.csv"
    blank_csv.write_text("\r\n\r\n", encoding="utf-8")
    assert error_of(blank_csv).kind == "empty"
    sheet = write_xlsx(tmp_path / "nothing.xlsx", {"Sheet1": []})
    assert error_of(sheet).kind == "empty"


def test_no_id_column(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "noid.xlsx", {"S": [["姓名", "电话"], ["张三", "138"]]})
    err = error_of(path)
    assert err.kind == "no_id_column" and "身份证号" in err.message


def test_row_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    lines = ["姓名,身份证号"] + [f"人{i},{ID1}" for i in range(12)]
    path.write_text("\n".join(lines), encoding="utf-8")
    with ss.open_workbook(path) as book:
        layout = ss.find_layout(book)
        assert len(list(ss.data_rows(book, layout, max_rows=12))) == 12
        with pytest.raises(ss.SpreadsheetError) as info:
            list(ss.data_rows(book, layout, max_rows=10))
    assert info.value.kind == "too_many_rows" and "第 12 行" in info.value.message and "big.csv" in info.value.message
    assert ss.MAX_ROWS == 1_000_000


def test_locked_or_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "open-in-excel.xlsx", {"S": [["姓名", "身份证号"], ["张三", ID1]]})

    def locked(p: Path) -> Any:
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(ss, "_open_binary", locked)
    err = error_of(path)
    assert err.kind == "unreadable" and "占用" in err.message
    monkeypatch.undo()
    assert error_of(tmp_path / "missing.xlsx").kind == "unreadable"
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert error_of(folder).kind == "unreadable"


def test_notes_row_under_header_and_title_mentioning_id(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "notes.xlsx", {"S": [
        ["身份证号码核对名单"], [], [], [],
        ["姓名", "身份证号码", "电话"],
        ["(必填)", "(18位,请设为文本格式)", "(选填)"],
        ["张三", ID1, "138"],
        ["总人数:1", "", ""],
        ["以下空白"],
        ["李四", ID2, ""],
    ]})
    layout, data = read_all(path)
    assert (layout.header_row, layout.header_height) == (5, 2)
    assert [r.number for r in data] == [7]


DATA = Path(__file__).parent / "data" / "import"


def test_real_encrypted_workbook() -> None:
    # made with msoffcrypto-tool (Excel's "Encrypt with password", agile encryption)
    err = error_of(DATA / "加密名单.xlsx")
    assert err.kind == "encrypted" and "已加密" in err.message


def test_legacy_xls_fixture_with_merged_two_row_header() -> None:
    layout, data = read_all(DATA / "工会_帮扶名单.xls")
    assert (layout.sheet, layout.header_row, layout.header_height) == ("名单", 2, 2)
    assert layout.mapping == {"name": 1, "id_number": 2, "phone": 3, "address": 4}
    assert [r.number for r in data] == [4, 5, 6, 7]


def test_cells_merged_down_over_data_rows(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "merged-down.xlsx", {"S": [
        ["街道", "姓名", "身份证号"],
        ["八泉街道", "张三", ID1],
        [None, "李四", ID2],
        [None, None, None],
        ["河口镇", "王五", ID3],
    ]}, merges={"S": [(1, 0, 3, 0, "八泉街道")]})
    layout, data = read_all(path)
    assert [r.number for r in data] == [2, 3, 5]  # the merged blank row is still blank
    assert [r.values[0] for r in data] == ["八泉街道", "八泉街道", "河口镇"]


def test_big_integers_from_number_cells_are_numbers() -> None:
    assert idcard.parse(ss.id_cell(420203199001011238)).reason is idcard.Invalid.FLOAT
    assert idcard.parse(ss.id_cell(420203500101123)).converted_from_15
    assert ss.id_cell("420203199001011238") == "420203199001011238"


def test_legacy_xls_with_a_short_last_sector_is_read(tmp_path: Path) -> None:
    """Some writers leave the last sector of an .xls short; Excel and calamine read such a file, so the
    structure check does not refuse it."""
    short = tmp_path / "short.xls"
    short.write_bytes((DATA / "工会_帮扶名单.xls").read_bytes()[:-1])
    with ss.open_workbook(short) as book:
        layout = ss.find_layout(book)
        assert sum(1 for _ in ss.data_rows(book, layout)) == 4


# -- round three: what other offices send ---------------------------------------------------------

@pytest.mark.parametrize(("made_as", "named"), [("xlsx", ".xls"), ("xls", ".xlsx"), ("xlsx", ".xlsb"), ("xlsx", ".ods"),
                                                ("xls", ".et")])
def test_a_workbook_named_as_another_format_is_read_by_its_content(tmp_path: Path, made_as: str, named: str) -> None:
    """Systems export an .xlsx under an .xls name (and people rename files): read by what is inside,
    not refused as "damaged" because the name says another format."""
    if made_as == "xlsx":
        source = write_xlsx(tmp_path / "source.xlsx", {"名单": [["姓名", "身份证号"], ["张三", ID1], ["李四", ID2]]})
        expected = [2, 3]
    else:
        source = DATA / "工会_帮扶名单.xls"
        expected = [4, 5, 6, 7]
    path = tmp_path / f"名单{named}"
    path.write_bytes(source.read_bytes())
    _layout, data = read_all(path)
    assert [r.number for r in data] == expected


def _xlsx_with_sheet_xml(path: Path, sheet_xml: bytes, *, compress: int = 8) -> Path:
    book = write_xlsx(tmp := path.with_name("tmp-" + path.name), {"S": [["姓名", "身份证号"], ["张三", ID1]]})
    with __import__("zipfile").ZipFile(book) as zin, __import__("zipfile").ZipFile(path, "w", compress) as zout:
        for item in zin.namelist():
            zout.writestr(item, sheet_xml if item == "xl/worksheets/sheet1.xml" else zin.read(item))
    tmp.unlink()
    return path


def test_a_damaged_sheet_says_it_is_damaged(tmp_path: Path) -> None:
    """A sheet cut short, or its bytes changed on the way (the zip's checksum fails): "damaged",
    in words, not calamine's own ("无法读取(t)", "I/O error: Invalid checksum")."""
    cut = _xlsx_with_sheet_xml(tmp_path / "cut.xlsx", b'<?xml version="1.0"?><worksheet xmlns="http://schemas.'
                               b'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
                               b't="inlineStr"><is><t>\xe5\xa7\x93\xe5\x90\x8d')
    err = error_of(cut)
    assert err.kind == "damaged" and "已损坏" in err.message and "(t)" not in err.message
    good = write_xlsx(tmp_path / "good.xlsx", {"S": [["姓名", "身份证号"]] + [["张三", ID1]] * 50})
    stored = _xlsx_with_sheet_xml(tmp_path / "crc.xlsx", __import__("zipfile").ZipFile(good).read(
        "xl/worksheets/sheet1.xml"), compress=0)
    data = bytearray(stored.read_bytes())
    data[data.find(b"<sheetData>") + 40] ^= 0x20  # one bit changed in transit
    stored.write_bytes(bytes(data))
    err = error_of(stored)
    assert err.kind == "damaged" and "校验" in err.message and "checksum" not in err.message


def test_big5_text_is_read_as_big5(tmp_path: Path) -> None:
    """A CSV in Big5 (traditional characters: Excel on a traditional-Chinese Windows): GBK would read
    it without an error but as nonsense, so the header was not found by its names and the names of
    the people came out garbled."""
    path = tmp_path / "名单.csv"
    path.write_bytes(f"序號,姓名,身份證號碼,聯繫電話\r\n1,張偉,{ID1},138\r\n2,劉洋,{ID2},139\r\n".encode("big5"))
    with ss.open_workbook(path) as book:
        assert book.encoding == "cp950"
    layout, data = read_all(path)
    assert layout.mapping == {"name": 1, "id_number": 2, "phone": 3}
    assert [r.values[1] for r in data] == ["張偉", "劉洋"]
    gbk = tmp_path / "简体.csv"
    gbk.write_bytes(f"序号,姓名,身份证号码\r\n1,张伟,{ID1}\r\n".encode("gbk"))
    with ss.open_workbook(gbk) as book:
        assert book.encoding == "gb18030"


def test_blank_rows_down_to_the_sheets_last_row_are_passed_over_cheaply(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A stray space in row 1,048,576 makes a sheet of ten people a million rows long: the blank rows
    are skipped without looking at their cells one by one (that took seconds per file)."""
    path = tmp_path / "stray.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("S")
    for r, row in enumerate([["姓名", "身份证号", "街道"], ["张三", ID1, "八泉街道"], ["李四", ID2, "河口镇"]]):
        ws.write_row(r, 0, row)
    ws.write_string(1_048_575, 2, " ")
    book.close()
    looked_at = 0
    real = ss.cell_text

    def counting(value: Any) -> str:
        nonlocal looked_at
        looked_at += 1
        return real(value)

    monkeypatch.setattr(ss, "cell_text", counting)
    with ss.open_workbook(path) as wb:
        layout = ss.find_layout(wb)
        assert ss.rows_at_most(wb, layout) == 1_048_575
        looked_at = 0
        assert [r.number for r in ss.data_rows(wb, layout)] == [2, 3]
    assert looked_at < 1000


@pytest.mark.parametrize(("encoding", "newline"), [("utf-8", "\r\n"), ("gbk", "\n"), ("gbk", "\r"),
                                                   ("utf-16", "\r\n"), ("utf-16-be", "\n")])
def test_a_text_files_rows_are_counted_from_its_lines(tmp_path: Path, encoding: str, newline: str) -> None:
    """The bound on the rows under the header that decides whether a list must be counted before it is
    read: never fewer than the rows there are, whatever ends the lines (Excel for Mac writes "\\r")."""
    rows = ["姓名\t身份证号", *[f"张{i}\t{ID1}" for i in range(30)], '"王五\n（已故）"\t' + ID2]
    path = tmp_path / "list.txt"
    path.write_bytes(newline.join(rows).encode(encoding))
    with ss.open_workbook(path) as book:
        layout = ss.find_layout(book)
        data = list(ss.data_rows(book, layout))
        assert len(data) == 31
        assert 31 <= ss.rows_at_most(book, layout) <= 33


def test_hidden_and_filtered_out_rows_are_data_rows(tmp_path: Path) -> None:
    """A row hidden, or filtered out by an autofilter, is still in the file the department sent: it is
    read and counted like any other (the person filtering may have meant nothing by it)."""
    path = tmp_path / "filtered.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("S")
    rows = [["姓名", "身份证号", "街道"], ["张三", ID1, "八泉街道"], ["李四", ID2, "河口镇"], ["王五", ID3, "河口镇"]]
    for r, row in enumerate(rows):
        ws.write_row(r, 0, row)
    ws.autofilter(0, 0, 3, 2)
    ws.filter_column(2, "x == 八泉街道")
    ws.set_row(2, None, None, {"hidden": True})
    ws.set_row(3, None, None, {"hidden": True})
    book.close()
    _layout, data = read_all(path)
    assert [r.number for r in data] == [2, 3, 4]


def test_a_notes_row_under_a_two_row_header_is_part_of_the_header(tmp_path: Path) -> None:
    """The header's group row, its names, then "(必填)" / "(18位,文本格式)" under them: not a person
    with a bad ID number."""
    path = write_xlsx(tmp_path / "notes.xlsx", {"S": [
        ["临时救助对象名单"],
        ["序号", "救助对象", None, "所属街道"],
        [None, "姓名", "身份证号码", None],
        ["(必填)", "(必填)", "(18位,文本格式)", "(选填)"],
        [1, "张三", ID1, "八泉街道"],
        [2, "李四", ID2, "河口镇"],
    ]}, merges={"S": [(1, 1, 1, 2, "救助对象"), (1, 0, 2, 0, "序号"), (1, 3, 2, 3, "所属街道")]})
    layout, data = read_all(path)
    assert (layout.header_row, layout.header_height) == (2, 3)
    assert [r.number for r in data] == [5, 6]


def test_a_text_padded_with_nul_bytes_is_still_a_text(tmp_path: Path) -> None:
    """Old systems pad an export to a block size with NUL bytes: a CSV all the same, its padding no row."""
    path = tmp_path / "padded.csv"
    path.write_bytes(f"姓名,身份证号\r\n张三,{ID1}\r\n李四,{ID2}\r\n".encode("gbk") + b"\x00" * 300)
    _layout, data = read_all(path)
    assert [r.values[1] for r in data] == [ID1, ID2]
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x01\x00\x02\x00" * 50 + b"abc")
    assert error_of(binary).kind == "not_spreadsheet"


def _xls_with_formulas(path: Path, formulas: list[str]) -> Path:
    """A .xls written by xlwt: a header, then one formula a row in column B; xlwt saves an empty
    text as every formula's result (it calculates nothing)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("名单")
    ws.write(0, 0, "姓名")
    ws.write(0, 1, "金额")
    for r, formula in enumerate(formulas, start=1):
        ws.write(r, 0, f"人{r}")
        ws.write(r, 1, xlwt.Formula(formula))
    book.save(str(path))
    return path


def _set_formula_result(path: Path, row: int, result: float, flags: int) -> None:
    """Rewrite the saved result and option flags of the formula record at (row, column B), in place."""
    import re
    import struct

    data = bytearray(path.read_bytes())
    [record] = re.finditer(rb"\x06\x00..(?=" + re.escape(struct.pack("<2H", row, 1)) + b")", data, re.S)
    at = record.end()
    struct.pack_into("<dH", data, at + 6, result, flags)
    path.write_bytes(bytes(data))


def test_formulas_of_a_legacy_xls_that_nothing_calculated(tmp_path: Path) -> None:
    """A .xls from a program: every formula holds the empty placeholder, so none was calculated (Excel
    saves 12000 for =1000*12), each is told, with the result of those that are a constant."""
    path = _xls_with_formulas(tmp_path / "a.xls", ["1000*12", f'"{ID1[:9]}"&"{ID1[9:]}"', "42", '""'])
    with ss.open_workbook(path) as book:
        assert [values[1] for _n, values in book.rows("名单")][1:] == ["", "", "", ""]
        assert book.formulas_without_result("名单") == {(2, 1): None, (3, 1): ID1, (4, 1): 42.0, (5, 1): ""}


def test_formulas_of_a_legacy_xls_with_calculated_results(tmp_path: Path) -> None:
    """Results a spreadsheet program calculated are kept; a formula flagged to be calculated on
    opening (which Excel never sets) holds a placeholder, not a result."""
    path = _xls_with_formulas(tmp_path / "b.xls", ["1000*12", "B2/2", '""'])
    _set_formula_result(path, 1, 12000.0, 0)
    _set_formula_result(path, 2, 0.0, 0x0003)
    with ss.open_workbook(path) as book:
        assert [values[1] for _n, values in book.rows("名单")][1:3] == [12000.0, 0.0]
        assert book.formulas_without_result("名单") == {(3, 1): None}
