"""Department lists in the shapes offices really send, read from file to counts (desktop/io/spreadsheet.py
and the department import service). Each test builds a small file of one such shape."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from desktop.io import markup
from desktop.io import spreadsheet as ss
from desktop.rules import idcard

ID1 = idcard.make("420203", date(1990, 1, 1), 123)
ID2 = idcard.make("420203", date(1985, 6, 30), 246)
ID3 = idcard.make("420281", date(1950, 12, 31), 7)
BAD = ID3[:17] + ("0" if ID3[17] != "0" else "1")  # a wrong check character


def read_all(path: Path, **kw: Any) -> tuple[ss.Layout, list[ss.DataRow]]:
    with ss.open_workbook(path) as book:
        layout = ss.find_layout(book, **kw)
        return layout, list(ss.data_rows(book, layout))


def reasons(layout: ss.Layout, rows: list[ss.DataRow]) -> list[str | None]:
    col = layout.mapping["id_number"]
    return [idcard.parse(ss.value_at(r.values, col)).reason for r in rows]  # type: ignore[misc]


def test_the_total_row_of_an_excel_table_is_not_data(tmp_path: Path) -> None:
    """An Excel table (插入→表格) with its total row turned on: 汇总 in the first column and the count of
    the ID numbers under the ID column. It was read as one more person with an ID number too short."""
    path = tmp_path / "table.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    ws.add_table(0, 0, 4, 2, {
        "data": [["张三", ID1, "八泉街道"], ["李四", ID2, "河口镇"], ["王五", BAD, ""]], "total_row": True,
        "columns": [{"header": "姓名", "total_string": "汇总"},
                    {"header": "身份证号码", "total_function": "count", "total_value": 3}, {"header": "街道"}]})
    book.close()
    layout, rows = read_all(path)
    assert [r.number for r in rows] == [2, 3, 4]
    csv = tmp_path / "table.csv"  # the same table saved as CSV
    csv.write_text(f"姓名,身份证号码,街道\n张三,{ID1},八泉街道\n李四,{ID2},\n汇总,2,\n", encoding="gbk")
    assert [r.number for r in read_all(csv)[1]] == [2, 3]


def test_a_member_list_naming_the_head_of_household_is_read_by_the_member(tmp_path: Path) -> None:
    """户主姓名 | 户主身份证号 | 成员姓名 | 成员身份证号: each row is a member, so the member's number is the
    row's. The head's columns came first and were taken (every member of a household read as a repeat
    of its head, and the members themselves never screened)."""
    assert ss.map_columns(["户主姓名", "户主身份证号", "成员姓名", "与户主关系", "成员身份证号"]) == {
        "name": 2, "id_number": 4}
    assert ss.map_columns(["户主姓名", "户主身份证号", "患者姓名", "患者身份证号码"]) == {"name": 2, "id_number": 3}
    # under group cells of a two-row header
    assert ss.map_columns(["姓名", "身份证号", "姓名", "身份证号"], ["户主信息", "户主信息", "成员信息", "成员信息"]) == {
        "name": 2, "id_number": 3}
    # alone, or beside a relative's column, the head's columns are still the person's
    assert ss.map_columns(["户主姓名", "户主身份证号", "配偶姓名", "配偶身份证号"]) == {"name": 0, "id_number": 1}
    assert ss.map_columns(["户主", "身份证号码", "家庭人口"]) == {"name": 0, "id_number": 1}
    path = tmp_path / "members.csv"
    head = idcard.make("420203", date(1960, 1, 1), 11)
    path.write_text("户主姓名,户主身份证号,成员姓名,成员身份证号\n"
                    f"张一,{head},张一,{head}\n张一,{head},张二,{ID1}\n张一,{head},张三,{ID2}\n", encoding="gbk")
    layout, rows = read_all(path)
    assert [idcard.parse(r.values[layout.mapping["id_number"]]).number for r in rows] == [head, ID1, ID2]


def test_a_list_typed_with_full_width_commas_is_read(tmp_path: Path) -> None:
    """A list typed by hand with a Chinese input method separates its cells by "，": it was one column
    and refused as having no ID column. A CSV whose addresses hold "，" keeps its ASCII commas."""
    typed = tmp_path / "typed.txt"
    typed.write_bytes(f"姓名，身份证号码，住址\r\n张三，{ID1}，八泉街道\r\n李四，{BAD}，河口镇,3组\r\n".encode("gbk"))
    layout, rows = read_all(typed)
    assert layout.mapping == {"name": 0, "id_number": 1, "address": 2}
    assert [r.values[:2] for r in rows] == [["张三", ID1], ["李四", BAD]]
    plain = tmp_path / "plain.csv"
    plain.write_bytes(f"姓名,身份证号码,住址\r\n张三,{ID1},八泉街道，飞云社区\r\n李四,{ID2},河口镇，3组\r\n".encode("gbk"))
    assert [r.values for r in read_all(plain)[1]] == [["张三", ID1, "八泉街道，飞云社区"], ["李四", ID2, "河口镇，3组"]]


def test_a_person_written_over_two_rows_is_one_data_row(tmp_path: Path) -> None:
    """序号, 姓名 and 身份证号码 merged down over two rows, a second phone number and disability on the
    lower one: one person. The lower row was read as a second person without an ID number."""
    path = tmp_path / "two_rows.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    ws.write_row(0, 0, ["序号", "姓名", "身份证号码", "联系电话", "残疾类别"])
    for i, (name, number) in enumerate((("张三", ID1), ("李四", BAD))):
        top = 1 + 2 * i
        for col, value in enumerate((i + 1, name, number)):
            ws.merge_range(top, col, top + 1, col, value)
        ws.write_row(top, 3, ["13800000001", "肢体"])
        ws.write_row(top + 1, 3, ["13900000002", "视力"])
    ws.write_row(5, 0, [3, "王五", "", "13700000003"])  # a person of one row without an ID number
    book.close()
    assert [r.number for r in read_all(path)[1]] == [2, 4, 6]
    page = tmp_path / "two_rows.xls"  # the same as a web page's table (rowspan)
    page.write_text("<table><tr><th>姓名</th><th>身份证号码</th><th>联系电话</th></tr>"
                    f"<tr><td rowspan=2>张三</td><td rowspan=2>{ID1}</td><td>138</td></tr><tr><td>139</td></tr>"
                    f"<tr><td>李四</td><td>{ID2}</td><td>137</td></tr></table>", encoding="utf-8")
    assert [r.number for r in read_all(page)[1]] == [2, 4]


def test_a_header_under_long_filling_instructions_is_found(db, district, tmp_path) -> None:  # noqa: ANN001
    """43 lines of 填表说明 above the header: the header was looked for in the first 40 rows only and the
    list refused as having no ID column."""
    from desktop.services import department_import as di

    path = tmp_path / "说明很长.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("名单")
    for r in range(60):
        ws.write_string(r, 0, f"{r + 1}. 填表说明:请按要求填写第 {r + 1} 项内容,不得漏填。")
    ws.write_row(60, 0, ["序号", "姓名", "身份证号"])
    for i in range(3):
        ws.write_row(61 + i, 0, [i + 1, f"张{i}", idcard.make("420203", date(1980, 1, 1 + i), 5 + i)])
    book.close()
    result = di.import_department_list(db, district.admin, path, "人社", dry_run=True)
    assert (result.header_row, result.data_rows, result.valid) == (61, 3, 3)


# -- "Excel" lists that are web pages, in the markup the systems that export them really write --------

PEOPLE = [("张三", ID1, "八泉街道", "13800000001"), ("李四", ID2, "河口镇", "13800000002"),
          ("王五", BAD, "飞云社区", "")]


def _xhtml() -> str:
    """Clean XHTML: quoted attributes, <tbody>, self-closed empty cells and <br/>."""
    rows = "".join(f'<tr><td>{i}</td><td>{n}</td><td>{d}</td><td>{s}</td>' + (f"<td>{p}</td>" if p else "<td/>")
                   + "</tr>" for i, (n, d, s, p) in enumerate(PEOPLE, 1))
    return ('<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html xmlns="http://www.w3.org/1999/xhtml"><head>'
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/><title>名单</title></head><body>'
            '<h3>困难群众名单<br/>（第一批）</h3><table border="1"><thead><tr><th>序号</th><th>姓名</th><th>身份证号码</th>'
            f"<th>街道</th><th>联系电话</th></tr></thead><tbody>{rows}</tbody></table><p>制表人：张三</p></body></html>")


def _sloppy_html4() -> str:
    """An old system's HTML 4: upper-case tags, attributes without quotes, no cell or row ever closed,
    a <BR> inside a cell, and text between the cells."""
    rows = "\n".join(f"<TR ALIGN=center><TD>{i}<TD>{n}<TD NOWRAP>{d}<TD>{s}<TD>{p}" for i, (n, d, s, p) in enumerate(PEOPLE, 1))
    return ("<HTML><HEAD><META HTTP-EQUIV=Content-Type CONTENT=text/html;charset=gb2312></HEAD><BODY BGCOLOR=#FFFFFF>"
            "<CENTER><FONT SIZE=4><B>困难群众名单</B></FONT></CENTER>\n<TABLE BORDER=1 CELLSPACING=0 WIDTH=100%>\n"
            f"<TR><TH>序号<TH>姓名<TH>身份证<BR>号码<TH>街道<TH>联系电话\n{rows}\n</TABLE>\n<P>制表人：张三</BODY></HTML>")


def _excel_saved_page() -> str:
    """Excel's own "save as web page": conditional comments holding XML, a <style> block, x:num on
    the numbers, &nbsp; for empty cells, CRLF line ends, and cell text wrapped over source lines."""
    rows = "\r\n".join(
        f"<tr height=19 style='height:14.25pt'>\r\n  <td height=19 class=xl66 x:num>{i}</td>\r\n  <td class=xl66>{n}</td>\r\n"
        f"  <td class=xl65>{d}</td>\r\n  <td class=xl66>{s}</td>\r\n  <td class=xl66>{p or '&nbsp;'}</td>\r\n </tr>"
        for i, (n, d, s, p) in enumerate(PEOPLE, 1))
    return ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" '
            'xmlns="http://www.w3.org/TR/REC-html40">\r\n<head>\r\n<meta http-equiv=Content-Type content="text/html; charset=gb2312">'
            '\r\n<meta name=ProgId content=Excel.Sheet>\r\n<style>\r\n<!--table\r\n\t{mso-displayed-decimal-separator:"\\.";}\r\n'
            '.xl65\r\n\t{mso-number-format:"\\@";}\r\n-->\r\n</style>\r\n<!--[if gte mso 9]><xml>\r\n <x:ExcelWorkbook>'
            "<x:ExcelWorksheets><x:ExcelWorksheet><x:Name>名单</x:Name></x:ExcelWorksheet></x:ExcelWorksheets>"
            "</x:ExcelWorkbook>\r\n</xml><![endif]-->\r\n</head>\r\n<body link=blue vlink=purple>\r\n"
            "<table border=0 cellpadding=0 cellspacing=0 width=500 style='border-collapse:collapse;table-layout:fixed'>\r\n"
            " <col width=72 span=5>\r\n <tr height=27>\r\n  <td colspan=5 height=27 class=xl67>困难群众名单</td>\r\n </tr>\r\n"
            " <tr height=19>\r\n  <td>序号</td>\r\n  <td>姓名</td>\r\n  <td>身份证\r\n  号码</td>\r\n  <td>街道</td>\r\n"
            f"  <td>联系电话</td>\r\n </tr>\r\n{rows}\r\n <![if supportMisalignedColumns]>\r\n <tr height=0 style='display:none'>\r\n"
            "  <td width=72 style='width:54pt'></td>\r\n </tr>\r\n <![endif]>\r\n</table>\r\n</body>\r\n</html>\r\n")


def _comments_and_scripts() -> str:
    """A reporting system's page: rows commented out, a script that writes a cell, a <style> in the
    body, and the list inside a layout table with the title in a cell of its own."""
    rows = "".join(f"<tr><td>{i}</td><td>{n}</td><td>{d}</td><td>{s}</td><td>{p}</td></tr><!-- <tr><td>0</td><td>删除的人</td>"
                   f"<td>{ID3}</td></tr> -->" for i, (n, d, s, p) in enumerate(PEOPLE, 1))
    return ("<!DOCTYPE html><html><head><script>var x = '<table><tr><td>假</td></tr></table>';</script></head><body>"
            "<style>td { border: 1px solid; }</style><table class=layout><tr><td><h2>困难群众名单</h2></td></tr><tr><td>"
            "<table class=list><tr><th>序号</th><th>姓名</th><th>身份证号码</th><th>街道</th><th>联系电话"
            "<script>document.write('<td>不是列</td>')</script></th></tr>"
            f"{rows}</table></td></tr></table><p>打印时间：2026-10-08</p></body></html>")


@pytest.mark.parametrize("page", [_xhtml, _sloppy_html4, _excel_saved_page, _comments_and_scripts])
def test_one_list_in_the_markup_web_systems_write(tmp_path: Path, page: Any) -> None:
    """The same three persons in the markup of four kinds of exporting system, saved as .xls: each is
    read to the same header and the same persons, nothing from comments, scripts or styles, no
    half-closed cell or line end of the source in a value."""
    path = tmp_path / "名单.xls"
    text = page()
    path.write_bytes(text.encode("utf-8" if "charset=utf-8" in text else "gbk"))
    layout, rows = read_all(path)
    assert layout.mapping == {"name": 1, "id_number": 2, "subdistrict": 3, "phone": 4}
    assert [tuple(ss.cell_text(ss.value_at(r.values, c)) for c in range(1, 5)) for r in rows] == PEOPLE
    assert reasons(layout, rows) == [None, None, idcard.Invalid.CHECK]


def test_a_title_before_rows_without_a_table_tag_stays_above_them(tmp_path: Path) -> None:
    """A system that writes only <tr> lines under a line of text: the text is the first row, as a
    browser shows it. It was given as the last row, after the list, and the header's row number
    was one too small."""
    path = tmp_path / "rows.xls"
    path.write_text(f"<html><body>困难群众名单\n<tr><td>姓名<td>身份证号码\n<tr><td>张三<td>{ID1}\n<tr><td>李四<td>{ID2}\n",
                    encoding="utf-8")
    with ss.open_workbook(path) as book:
        assert [values for _, values in book.rows()][0] == ["困难群众名单"]
    layout, rows = read_all(path)
    assert (layout.header_row, [r.number for r in rows]) == (2, [3, 4])


def test_a_page_cut_off_inside_a_tag_keeps_no_half_tag(tmp_path: Path) -> None:
    """A download cut off in the middle of a tag: the rows up to there are read, and the half tag is
    no part of the last cell. It was read as text of the cell, so the last person's ID number
    ("…<td cla") was invalid."""
    path = tmp_path / "cut.xls"
    path.write_text(f"<table><tr><td>姓名<td>身份证号码<tr><td>张三<td>{ID1}<tr><td>李四<td>{ID2}<td cla", encoding="utf-8")
    layout, rows = read_all(path)
    assert [r.values[:2] for r in rows] == [["张三", ID1], ["李四", ID2]]
    assert reasons(layout, rows) == [None, None]


def test_a_page_whose_head_is_never_closed_is_read(tmp_path: Path) -> None:
    """A template that forgets </head> (the <body> tag ends it, as browsers read it): the list was
    refused as a web page without any table. And rows written straight after the page's <meta> and
    <style>, with neither <body> nor <table> (the parser leaves such rows in the head), are read."""
    path = tmp_path / "head.xls"
    path.write_text(f"<html><head><meta charset=utf-8><title>名单</title><body><table><tr><td>姓名<td>身份证号码"
                    f"<tr><td>张三<td>{ID1}</table></body></html>", encoding="utf-8")
    layout, rows = read_all(path)
    assert [r.values for r in rows] == [["张三", ID1]]
    rows_only = tmp_path / "rows_only.xls"
    rows_only.write_text(f"<meta charset=utf-8><style>td {{mso-number-format:'\\@';}}</style>\n<tr><td>姓名<td>身份证号码\n"
                         f"<tr><td>张三<td>{ID1}\n<tr><td>李四<td>{ID2}\n", encoding="utf-8")
    layout, rows = read_all(rows_only)
    assert [r.values for r in rows] == [["张三", ID1], ["李四", ID2]]


def test_a_page_with_a_picture_larger_than_the_parsers_default_limit_is_read_to_its_end(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page holding a pasted picture as a data: address of more than 10 MB (a scanned seal, say)
    between two printed pages of the list: libxml2 stops at its default limit on one attribute or
    text, which would lose the rest of the list; the reader lifts the limit."""
    path = tmp_path / "with_seal.xls"
    path.write_text(f"<html><body><table><tr><td>姓名<td>身份证号码<tr><td>张三<td>{ID1}</table>\n<p><img src='data:image/"
                    "png;base64," + "A" * 11_000_000 + f"'></p>\n<table><tr><td>李四<td>{ID2}</table>", encoding="utf-8")
    layout, rows = read_all(path)
    assert [r.values for r in rows] == [["张三", ID1], ["李四", ID2]]
    # Where the parser does stop (its limits as they are without that), the file is refused with the
    # line, not read as far as it went.
    monkeypatch.setattr(markup, "HTML_OPTIONS", {"no_network": True})
    with pytest.raises(ss.SpreadsheetError) as info:
        read_all(path)
    assert info.value.message == "文件“with_seal.xls”是网页(HTML)格式,第 2 行有无法解析的内容,无法读取。"
