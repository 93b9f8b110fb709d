"""Department lists as real offices send them, round 27 (after test_department_variants_s15.py to _s26.py).

Defects found (each a case below, failing before its fix): a list laid across the sheet (transposed: 姓名
and 身份证号码 down column A, one person a column, as a form filled from left to right) was refused as
"the header (row 2) has no data rows under it" (the row of numbers taken for the header), or, with a row
of phone numbers under it, imported as one person with a wrong number; an ID number cut into two columns
(身份证前6位 | 身份证后12位, a form's narrow cells) gave "wrong length" on every row and no word of the cut;
a number written as Excel in a European locale writes it (4,20203E+17, a decimal comma) was "wrong
characters" rather than "stored as a number"; a UTF-8 CSV with GBK lines after its own (two exports joined
with `copy a.csv+b.csv`) was refused as "no known encoding" (or, with one such line, its names shown broken).

The other cases are shapes not tried before that were right already: hyperlinks on names and numbers,
comments, data validation lists, conditional formatting of repeats, a sheet named as an export names it
("导出数据(2026-10-08 15_30)"), an empty Sheet1 before "Sheet1 (2)", defined names and a print area,
XlsxWriter's rich strings, notes (VML), tables and URLs, openpyxl's write-only mode, #N/A left by a
VLOOKUP, names with 先生/女士 or (户主) after them, two people in one cell, a spouse's columns on the
head's row, a court's list of persons and companies, 纳税人识别号, 全国学籍号 (G + the number) before
身份证件号, 残疾人证号 (the number and two digits) alone, a newborn's empty number beside the mother's,
two UTF-8 exports with their BOMs joined, # comment lines, "sep=" naming a
tab or a pipe, Big5, UTF-16 with semicolons, a name broken over two lines inside quotes, and .tsv, .dat,
.htm, .xlt, .ett and .txt names; a PDF, a RAR or a Word file under a spreadsheet's name, a zip and a
workbook without a cell are each one plain message."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from desktop.rules import idcard
from desktop.services.database import Database
from tests.district import District
from tests.test_department_variants_s15 import (
    counts_a_clerk_finds,
    listed,
    text_list,
    wizard_counts_as_the_command,
    xls,
)
from tests.test_department_variants_s17 import book_of
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_import_department_files import (  # noqa: F401 (registered: a fixture)
    IN,
    IN_X,
    KNOWN,
    Ids,
    Row,
    csv_bytes,
    expected,
    people,
    registered,
    run,
)

HEADER = ["序号", "姓名", "身份证号码"]


def _dressed(path: Path, title: str, lines: list[list[Any]], rows: list[Row], dress: Any) -> tuple[Path, dict]:
    """An .xlsx (openpyxl) of ``lines`` on the sheet ``title``, ``dress`` adding what the office's file has."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for line in lines:
        ws.append(line)
    dress(ws)
    book.save(path)
    return path, expected(rows)


# -- workbooks with what Excel and WPS put around a list ------------------------------------------

def red_cross_hyperlinked_names(tmp: Path) -> tuple[Path, dict]:
    """红十字会 (a web system's export): every name a link to the person's page, some numbers links too."""
    rows = people(Ids())

    def dress(ws: Any) -> None:
        for r in range(2, len(rows) + 2):
            ws.cell(r, 2).hyperlink = f"https://hszh.example.cn/person/{r}"
            if r % 3 == 0:
                ws.cell(r, 3).hyperlink = f"https://hszh.example.cn/id/{r}"

    return _dressed(tmp / "红十字会_受助人员.xlsx", "受助人员", [["序号", "受助人", "证件号码"]] + listed(rows), rows, dress)


def tax_comments_on_numbers(tmp: Path) -> tuple[Path, dict]:
    """税务 (checked by hand): notes on some number cells ("已核实", "与户籍不一致"), one on the header."""
    rows = people(Ids())

    def dress(ws: Any) -> None:
        ws["C1"].comment = Comment("请填写18位身份证号", "税务局")
        for r in (2, 5, 9):
            ws.cell(r, 3).comment = Comment("已核实" if r != 9 else "与户籍不一致", "张三")

    return _dressed(tmp / "税务_核实.xlsx", "名单", [HEADER] + listed(rows), rows, dress)


def education_validation_lists(tmp: Path) -> tuple[Path, dict]:
    """教育局 (a template with drop-downs): 性别 and 学段 chosen from lists, the number column limited to 18
    characters by a validation rule, the rules reaching row 1000 below the list."""
    rows = people(Ids())

    def dress(ws: Any) -> None:
        sex = DataValidation(type="list", formula1='"男,女"', allow_blank=True)
        level = DataValidation(type="list", formula1='"学前,小学,初中,高中"', allow_blank=True)
        length = DataValidation(type="textLength", operator="equal", formula1="18", showErrorMessage=True)
        for rule, cells in ((sex, "C2:C1000"), (level, "D2:D1000"), (length, "E2:E1000")):
            ws.add_data_validation(rule)
            rule.add(cells)

    return _dressed(tmp / "教育局_学生资助.xlsx", "学生名单", [["序号", "学生姓名", "性别", "学段", "身份证号码"]]
                + [[i, n, "男", "小学", v] for i, (n, v, _w) in enumerate(rows, 1)], rows, dress)


def health_repeats_highlighted(tmp: Path) -> tuple[Path, dict]:
    """卫健委: repeats marked by conditional formatting (=COUNTIF($C:$C,C2)>1 in red), a fill on the header."""
    rows = people(Ids())

    def dress(ws: Any) -> None:
        red = PatternFill("solid", start_color="FFC7CE")
        ws.conditional_formatting.add(f"C2:C{len(rows) + 1}", FormulaRule(formula=["COUNTIF($C:$C,C2)>1"], fill=red))
        for c in range(1, 4):
            ws.cell(1, c).fill = PatternFill("solid", start_color="DDEBF7")

    return _dressed(tmp / "卫健委_查重.xlsx", "名单", [HEADER] + listed(rows), rows, dress)


def emergency_export_sheet_name(tmp: Path) -> tuple[Path, dict]:
    """应急管理局 (a system's export): the sheet named with the export's time in brackets, panes frozen under
    the header, a filter over the list."""
    rows = people(Ids())

    def dress(ws: Any) -> None:
        ws.freeze_panes = "C2"
        ws.auto_filter.ref = f"A1:D{len(rows) + 1}"

    return _dressed(tmp / "应急管理局_受灾人员.xlsx", "导出数据(2026-10-08 15_30)", [["序号", "受灾人员姓名", "身份证号", "受灾类型"]]
                + [[i, n, v, "洪涝"] for i, (n, v, _w) in enumerate(rows, 1)], rows, dress)


def empty_sheet1_before_its_copy(tmp: Path) -> tuple[Path, dict]:
    """工会 (a sheet copied and the original emptied): Sheet1 empty, the list on "Sheet1 (2)"."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    ws = book.create_sheet("Sheet1 (2)")
    for line in [["困难职工名单"], ["序号", "职工姓名", "身份证号", "工作单位"]] + [
            [i, n, v, "华新水泥"] for i, (n, v, _w) in enumerate(rows, 1)]:
        ws.append(line)
    book.active = 1
    path = tmp / "工会_困难职工.xlsx"
    book.save(path)
    return path, expected(rows)


def court_print_area_and_names(tmp: Path) -> tuple[Path, dict]:
    """法院 (set up for printing): a print area, the header the print title, a defined name over the list."""
    rows = people(Ids())

    def dress(ws: Any) -> None:
        ws.print_area = f"A1:D{len(rows) + 1}"
        ws.print_title_rows = "1:1"
        ws.parent.defined_names["名单"] = DefinedName("名单", attr_text=f"'司法救助'!$A$1:$D${len(rows) + 1}")

    return _dressed(tmp / "法院_司法救助.xlsx", "司法救助", [["序号", "申请人", "身份证号码", "案号"]]
                + [[i, n, v, f"(2026)鄂0203司救{i}号"] for i, (n, v, _w) in enumerate(rows, 1)], rows, dress)


def xlsxwriter_rich_strings(tmp: Path) -> tuple[Path, dict]:
    """妇联 (XlsxWriter): names and numbers written as rich strings, the birth date in a number in bold."""
    rows = people(Ids())
    path = tmp / "妇联_两癌救助.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("两癌救助")
    bold, red = book.add_format({"bold": True}), book.add_format({"font_color": "red"})
    for c, title in enumerate(HEADER):
        ws.write_string(0, c, title)
    for r, (n, v, _w) in enumerate(rows, 1):
        ws.write_number(r, 0, r)
        ws.write_rich_string(r, 1, red, n[:1], n[1:]) if len(n) > 1 else ws.write_string(r, 1, n)
        text = str(v)
        if len(text) == 18 and text.isdigit():
            ws.write_rich_string(r, 2, text[:6], bold, text[6:14], text[14:])
        elif text:
            ws.write_string(r, 2, text)
    book.close()
    return path, expected(rows)


def xlsxwriter_notes_urls_and_table(tmp: Path) -> tuple[Path, dict]:
    """乡村振兴局 (XlsxWriter): the list an Excel table without a totals row, a note on some numbers (VML),
    a drop-down on 监测类型, a link to the policy in the title row above the table."""
    rows = people(Ids())
    path = tmp / "乡村振兴_监测对象.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("监测对象")
    ws.write_url(0, 0, "https://xczx.example.cn/policy", string="防返贫监测对象名单(政策依据)")
    text = book.add_format({"num_format": "@"})
    data = [[i, n, str(v), "脱贫不稳定户"] for i, (n, v, _w) in enumerate(rows, 1)]
    ws.add_table(1, 0, len(rows) + 1, 3, {"data": data, "columns": [
        {"header": "序号"}, {"header": "户主姓名"}, {"header": "证件号码", "format": text}, {"header": "监测类型"}]})
    for r in (3, 6):
        ws.write_comment(r, 2, "已入户核实")
    ws.data_validation(2, 3, 500, 3, {"validate": "list", "source": ["脱贫不稳定户", "边缘易致贫户", "突发严重困难户"]})
    book.close()
    return path, expected(rows)


def openpyxl_write_only(tmp: Path) -> tuple[Path, dict]:
    """大数据局 (a script using openpyxl's write-only mode): rows streamed, no dimension kept while writing."""
    rows = people(Ids())
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("数据")
    for line in [HEADER] + listed(rows):
        ws.append(line)
    path = tmp / "大数据局_比对.xlsx"
    book.save(path)
    return path, expected(rows)


def vlookup_misses(tmp: Path) -> tuple[Path, dict]:
    """人社局 (numbers looked up with VLOOKUP and pasted as values): #N/A where the lookup found no one."""
    ids = Ids()
    rows: list[Row] = [("甲", ids.new(), "new"), ("乙", "#N/A", "formula error"), ("丙", IN, "in"),
                       ("丁", "#N/A", "formula error"), ("戊", KNOWN, "known")]
    return book_of(tmp / "人社局_匹配.xlsx", [HEADER] + listed(rows), rows)


# -- lists whose people are written otherwise -----------------------------------------------------

def names_with_honorifics_and_remarks(tmp: Path) -> tuple[Path, dict]:
    """总工会 (typed for a letter): names with 先生 / 女士 after them, (户主) and （户主） as remarks."""
    rows = people(Ids())
    suffixes = ["先生", "女士", "(户主)", "（户主）", "", " 同志"]
    rows = [(n + suffixes[i % len(suffixes)], v, w) for i, (n, v, w) in enumerate(rows)]
    return book_of(tmp / "总工会_慰问.xlsx", [HEADER] + listed(rows), rows)


def two_people_in_one_cell(tmp: Path) -> tuple[Path, dict]:
    """村委会 (a couple on one line): "张三、李四" and both numbers in one cell joined by 、 or a line break:
    one row, not knowing whose number is meant, is a row to correct."""
    ids = Ids()
    a, b, c, d = ids.new(), ids.new(), ids.new(), ids.new()
    rows: list[Row] = [("王五", ids.new(), "new"), ("张三、李四", f"{a}、{b}", "characters"), ("赵六", IN, "in"),
                       ("钱七\n孙八", f"{c}\n{d}", "characters"), ("周九", KNOWN, "known")]
    return book_of(tmp / "村委会_夫妻.xlsx", [HEADER] + listed(rows), rows)


def spouse_columns_on_the_heads_row(tmp: Path) -> tuple[Path, dict]:
    """住建局 (a household a row): 户主姓名 | 户主身份证号 | 配偶姓名 | 配偶身份证号 | 家庭人口: the head is the
    person; the spouse's number is another column."""
    ids = Ids()
    rows = people(ids)
    lines: list[list[Any]] = [["序号", "户主姓名", "户主身份证号", "配偶姓名", "配偶身份证号", "家庭人口"]]
    lines += [[i, n, v, "配偶" + str(i), ids.new() if i % 3 else "", 3] for i, (n, v, _w) in enumerate(rows, 1)]
    return book_of(tmp / "住建局_公租房.xlsx", lines, rows)


def court_persons_and_companies(tmp: Path) -> tuple[Path, dict]:
    """法院 (被执行人): persons and companies in one list, a company's 统一社会信用代码 in the number column."""
    ids = Ids()
    rows: list[Row] = [("张三", ids.new(), "new"), ("黄石某某建材有限公司", "91420200MA4F1234X5", "characters"),
                       ("李四", KNOWN, "known"), ("王五", IN_X, "in")]
    lines = [["案号", "被执行人姓名/名称", "身份证号码/组织机构代码", "执行标的(元)"]]
    lines += [[f"(2026)鄂0203执{i}号", n, v, 5000 * i] for i, (n, v, _w) in enumerate(rows, 1)]
    return book_of(tmp / "法院_被执行人.xlsx", lines, rows)


def taxpayer_numbers(tmp: Path) -> tuple[Path, dict]:
    """税务局 (个人所得税): 纳税人名称 | 纳税人识别号 (a person's is the ID number) | 所属期."""
    rows = people(Ids())
    lines = [["纳税人名称", "纳税人识别号", "所属期"]] + [[n, v, "2026-09"] for n, v, _w in rows]
    return book_of(tmp / "税务局_个税.xlsx", lines, rows)


def student_number_before_id(tmp: Path) -> tuple[Path, dict]:
    """教育局 (学籍系统): 全国学籍号 (G and the ID number) first, then 姓名 and 身份证件号."""
    rows = people(Ids())
    lines = [["全国学籍号", "姓名", "身份证件号", "年级"]]
    lines += [["G" + idcard.normalize(v) if v else "", n, v, "三年级"] for n, v, _w in rows]
    return book_of(tmp / "教育局_学籍.xlsx", lines, rows)


def disability_certificate_only(tmp: Path) -> tuple[Path, dict]:
    """残联 (持证残疾人): only 残疾人证号, the ID number and two digits (category and grade)."""
    ids = Ids()
    rows: list[Row] = [("张三", ids.new() + "12", "new"), ("李四", IN + "41", "in"), ("王五", KNOWN + "23", "known"),
                       ("赵六", ids.new() + "31", "new")]
    lines = [["序号", "姓名", "残疾人证号", "残疾类别", "残疾等级"]]
    lines += [[i, n, v, "视力", "二级"] for i, (n, v, _w) in enumerate(rows, 1)]
    return book_of(tmp / "残联_持证.xlsx", lines, rows)


def newborns_beside_mothers(tmp: Path) -> tuple[Path, dict]:
    """卫健委 (新生儿): the child's number often still empty, the mother's number beside it."""
    ids = Ids()
    rows: list[Row] = [("张宝宝", "", "empty"), ("李宝宝", ids.new(), "new"), ("王宝宝", "", "empty"),
                       ("赵宝宝", IN, "in")]
    lines = [["新生儿姓名", "身份证号", "母亲姓名", "母亲身份证号"]]
    lines += [[n, v, "母亲" + n[0], ids.new()] for n, v, _w in rows]
    return book_of(tmp / "卫健委_新生儿.xlsx", lines, rows)


# -- text files -----------------------------------------------------------------------------------

def _csv_lines(rows: list[Row], header: list[str] = HEADER) -> list[list[Any]]:
    return [header] + listed(rows)


def joined_utf8_exports_with_boms(tmp: Path) -> tuple[Path, dict]:
    """医保局 (two exports joined with `copy /b a.csv+b.csv`): the second's BOM and header in the middle."""
    ids = Ids()
    rows = people(ids)
    more: list[Row] = [("后补甲", ids.new(), "new"), ("后补乙", IN, "dup")]
    path = tmp / "医保局_合并.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_bytes(_csv_lines(rows), "utf-8")
                     + b"\xef\xbb\xbf" + csv_bytes(_csv_lines(more), "utf-8"))
    return path, expected(rows + more)


def gbk_lines_after_utf8(tmp: Path) -> tuple[Path, dict]:
    """乡镇 (lines added in Notepad set to ANSI): a UTF-8 export with GBK lines appended."""
    ids = Ids()
    rows = people(ids)
    more: list[Row] = [("钱七", ids.new(), "new"), ("孙八", KNOWN, "dup")]
    path = tmp / "乡镇_补录.csv"
    path.write_bytes(csv_bytes(_csv_lines(rows), "utf-8") + csv_bytes(listed(more), "gbk"))
    return path, expected(rows + more)


def hash_comment_lines(tmp: Path) -> tuple[Path, dict]:
    """公安 (a query tool's export): "# 导出时间" and "# 导出人" lines above the header."""
    rows = people(Ids())
    return text_list(tmp / "公安_查询.csv", [["# 导出时间:2026-10-08 09:12"], ["# 导出人:admin"]] + _csv_lines(rows),
                     rows)


def sep_line_naming_a_tab(tmp: Path) -> tuple[Path, dict]:
    """"sep=" followed by a tab, then a tab-separated list (GBK)."""
    rows = people(Ids())
    return text_list(tmp / "制表符.txt", [["sep=\t"]] + _csv_lines(rows), rows, "gbk", "\t")


def sep_line_naming_a_pipe(tmp: Path) -> tuple[Path, dict]:
    """"sep=|" then pipes (GBK)."""
    rows = people(Ids())
    return text_list(tmp / "竖线.txt", [["sep=|"]] + _csv_lines(rows), rows, "gbk", "|")


def big5_traditional_header(tmp: Path) -> tuple[Path, dict]:
    """台办 (a list typed in Traditional Chinese): Big5, 姓名,身份證號碼."""
    rows: list[Row] = [("陳大文", IN, "in"), ("黃小明", KNOWN, "known"), ("林志強", Ids().new(), "new")]
    return text_list(tmp / "台办_名单.csv", [["序號", "姓名", "身份證號碼"]] + listed(rows), rows, "big5")


def utf16_semicolons(tmp: Path) -> tuple[Path, dict]:
    """A .NET export: UTF-16 LE with its BOM, semicolons."""
    rows = people(Ids())
    return text_list(tmp / "卫健_分号.csv", _csv_lines(rows), rows, "utf-16", ";",
                     line_end="\r\n".encode("utf-16-le"))


def name_broken_inside_quotes(tmp: Path) -> tuple[Path, dict]:
    """妇联 (a sheet with wrapped name cells saved as CSV): "王伟\\n(户主)" quoted, UTF-8 with BOM."""
    rows = people(Ids())
    lines = [HEADER] + [[i, f"{n}\n(户主)" if i % 2 else n, v] for i, (n, v, _w) in enumerate(rows, 1)]
    return text_list(tmp / "妇联_换行.csv", lines, rows, "utf-8-sig")


def european_scientific_numbers(tmp: Path) -> tuple[Path, dict]:
    """Excel in a European locale saving number cells: 4,20203E+17 (a decimal comma), semicolons."""
    ids = Ids()
    rows: list[Row] = [("甲", "4,20203E+17", "stored as a number"), ("乙", ids.new(), "new"),
                       ("丙", "4,20203199001011E+17", "stored as a number"), ("丁", IN, "in")]
    return text_list(tmp / "欧洲区域.csv", _csv_lines(rows), rows, "utf-8-sig", ";")


def tsv_name(tmp: Path) -> tuple[Path, dict]:
    """A .tsv (tab-separated values) in GBK."""
    rows = people(Ids())
    return text_list(tmp / "名单.tsv", _csv_lines(rows), rows, "gbk", "\t")


def dat_name(tmp: Path) -> tuple[Path, dict]:
    """An old system's .dat that is a GBK CSV."""
    rows = people(Ids())
    return text_list(tmp / "EXPORT.DAT", _csv_lines(rows), rows)


def htm_page(tmp: Path) -> tuple[Path, dict]:
    """A web page saved as .htm (UTF-8), one table."""
    rows = people(Ids())
    cells = "".join(f"<tr><td>{i}</td><td>{n}</td><td>{v}</td></tr>" for i, (n, v, _w) in enumerate(rows, 1))
    path = tmp / "名单.htm"
    path.write_text(f"<html><head><meta charset='utf-8'></head><body><table><tr><td>序号</td><td>姓名</td>"
                    f"<td>身份证号码</td></tr>{cells}</table></body></html>", encoding="utf-8")
    return path, expected(rows)


def legacy_template_xlt(tmp: Path) -> tuple[Path, dict]:
    """An .xls template (.xlt) filled in and sent as it is."""
    rows = people(Ids())
    return xls(tmp / "模板.xlt", [("名单", _csv_lines(rows))]), expected(rows)


def wps_template_ett(tmp: Path) -> tuple[Path, dict]:
    """WPS's template name (.ett) over an .xlsx."""
    rows = people(Ids())
    path, want = book_of(tmp / "模板.xlsx", _csv_lines(rows), rows)
    return path.rename(tmp / "模板.ett"), want


def xlsx_named_txt(tmp: Path) -> tuple[Path, dict]:
    """An .xlsx a mail client saved as .txt."""
    rows = people(Ids())
    path, want = book_of(tmp / "附件.xlsx", _csv_lines(rows), rows)
    return path.rename(tmp / "附件.txt"), want


def double_extension(tmp: Path) -> tuple[Path, dict]:
    """名单.xls.xlsx (Windows hiding the known extension, the clerk typing it again)."""
    rows = people(Ids())
    return book_of(tmp / "名单.xls.xlsx", _csv_lines(rows), rows)


def quote_prefixed_numbers(tmp: Path) -> tuple[Path, dict]:
    """民政 (numbers typed after Excel's apostrophe): the apostrophe kept as the cells' quotePrefix style."""
    rows = people(Ids())

    def dress(ws: Any) -> None:
        for r in range(2, len(rows) + 2):
            ws.cell(r, 3).quotePrefix = True

    return _dressed(tmp / "民政_撇号.xlsx", "名单", [HEADER] + listed(rows), rows, dress)


def big5_web_page_named_xls(tmp: Path) -> tuple[Path, dict]:
    """台办 (a web system's "导出Excel" on a traditional-Chinese server): an HTML page in Big5 named .xls."""
    rows: list[Row] = [("陳大文", IN, "in"), ("黃小明", KNOWN, "known"), ("林志強", Ids().new(), "new"),
                       ("張美玲", "", "empty")]
    cells = "".join(f"<tr><td>{n}</td><td style='mso-number-format:\"\\@\"'>{v}</td></tr>" for n, v, _w in rows)
    path = tmp / "台办_导出.xls"
    path.write_bytes(("<html><head><meta http-equiv='Content-Type' content='text/html; charset=big5'></head><body>"
                      f"<table><tr><td>姓名</td><td>身份證號碼</td></tr>{cells}</table></body></html>").encode("big5"))
    return path, expected(rows)


def utf16_pipes_under_a_title(tmp: Path) -> tuple[Path, dict]:
    """医保局 (a settlement system's "Unicode" export): UTF-16 LE with its BOM, pipes, a title line."""
    rows = people(Ids())
    return text_list(tmp / "医保局_结算.txt", [["2026年9月结算人员"]] + _csv_lines(rows), rows, "utf-16", "|",
                     line_end="\r\n".encode("utf-16-le"))


CASES: dict[str, Any] = {f.__name__: f for f in (
    # faults found (each failed before its fix)
    european_scientific_numbers, gbk_lines_after_utf8,
    # right already
    red_cross_hyperlinked_names, tax_comments_on_numbers, education_validation_lists, health_repeats_highlighted,
    emergency_export_sheet_name, empty_sheet1_before_its_copy, court_print_area_and_names, xlsxwriter_rich_strings,
    xlsxwriter_notes_urls_and_table, openpyxl_write_only, vlookup_misses, names_with_honorifics_and_remarks,
    two_people_in_one_cell, spouse_columns_on_the_heads_row, court_persons_and_companies, taxpayer_numbers,
    student_number_before_id, disability_certificate_only, newborns_beside_mothers, joined_utf8_exports_with_boms,
    hash_comment_lines, sep_line_naming_a_tab, sep_line_naming_a_pipe, big5_traditional_header,
    utf16_semicolons, name_broken_inside_quotes, tsv_name, dat_name, htm_page, legacy_template_xlt, wps_template_ett,
    xlsx_named_txt, double_extension, quote_prefixed_numbers, big5_web_page_named_xls, utf16_pipes_under_a_title)}


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path, case: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(screened, capsys, tmp_path, *CASES[case](tmp_path))


# -- refused, saying why --------------------------------------------------------------------------

def _laid_across(tmp: Path, labels: list[str], extra: list[list[Any]] | None = None) -> Path:
    rows = people(Ids())[:6]
    columns = {"序号": list(range(1, len(rows) + 1)), "姓名": [n for n, _v, _w in rows],
               "身份证号码": [v for _n, v, _w in rows]}
    lines = [[label] + columns[label] for label in labels] + (extra or [])
    return book_of(tmp / "横排.xlsx", lines, rows)[0]


@pytest.mark.parametrize(("labels", "extra", "row"), [
    (["姓名", "身份证号码"], [], 2),
    (["序号", "姓名", "身份证号码"], [["联系电话"] + ["13800000000"] * 6], 3),  # a row read as one person before
    (["身份证号码", "姓名"], [], 1),
])
def test_a_list_laid_across_the_sheet_is_refused_saying_so(screened: Database, tmp_path: Path,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str], labels: list[str],
                                                           extra: list[list[Any]], row: int) -> None:
    """乡镇 (a form filled from left to right): 姓名 and 身份证号码 down column A, one person a column."""
    path = _laid_across(tmp_path, labels, extra)
    code, got = run(screened, capsys, path, "--dry-run")
    assert code == 1 and got["code"] == "invalid_file", got
    assert "横着排" in got["error"] and f"第 {row} 行 A 列" in got["error"] and "转置" in got["error"]
    assert "横排.xlsx" in got["error"]


@pytest.mark.parametrize(("header", "cut"), [
    (["序号", "姓名", "身份证前6位", "身份证后12位"], (6,)),
    (["序号", "姓名", "身份证号前6位", "身份证号中8位", "身份证号后4位"], (6, 14)),
])
def test_a_number_cut_into_columns_is_refused_naming_them(screened: Database, tmp_path: Path,  # noqa: F811
                                                          capsys: pytest.CaptureFixture[str], header: list[str],
                                                          cut: tuple[int, ...]) -> None:
    """住建局 (a form with narrow cells): the number in two or three columns; each part alone has the wrong
    length, so every row was "wrong length" before, with no word of the cut."""
    rows = people(Ids())[:4]
    lines: list[list[Any]] = [header]
    for i, (n, v, _w) in enumerate(rows, 1):
        number = idcard.normalize(v)
        bounds = (0, *cut, 18)
        lines.append([i, n] + [number[a:b] for a, b in zip(bounds, bounds[1:], strict=False)])
    path, _want = book_of(tmp_path / "分列.xlsx", lines, rows)
    code, got = run(screened, capsys, path, "--dry-run")
    assert code == 1 and got["code"] == "invalid_file", got
    letters = "、".join("CDE"[:len(cut) + 1])
    assert f"身份证号分在 {letters} 列" in got["error"] and "=C2&D2" in got["error"] and "分列.xlsx" in got["error"]


def test_a_column_of_the_numbers_last_digits_beside_the_whole_number_is_no_cut(
        screened: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """医保 (a check column): 身份证号码 whole, and 身份证后4位 beside it for the phone hotline: read as usual."""
    rows = people(Ids())
    lines = [["序号", "姓名", "身份证号码", "身份证后4位"]]
    lines += [[i, n, v, idcard.normalize(v)[-4:]] for i, (n, v, _w) in enumerate(rows, 1)]
    counts_a_clerk_finds(screened, capsys, tmp_path, *book_of(tmp_path / "后四位.xlsx", lines, rows))


def _pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def _rar(path: Path) -> None:
    path.write_bytes(b"Rar!\x1a\x07\x01\x00" + b"\x00" * 64)


def _docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")


def _zip_of_a_list(path: Path) -> None:
    source = path.with_name("inside.xlsx")
    book_of(source, [HEADER, [1, "甲", IN]], [])
    with zipfile.ZipFile(path, "w") as z:
        z.write(source, "名单.xlsx")


def _no_cells(path: Path) -> None:
    book = openpyxl.Workbook()
    book.create_sheet("Sheet2")
    book.save(path)


@pytest.mark.parametrize(("name", "make", "words"), [
    ("扫描件.xls", _pdf, "不是电子表格"),
    ("名单.pdf", _pdf, "不是电子表格"),
    ("压缩.xls", _rar, "不是电子表格"),
    ("通知.xlsx", _docx, "Word 文档"),
    ("名单.zip", _zip_of_a_list, "压缩文件"),
    ("名单.xlsx", _zip_of_a_list, "压缩文件"),
    ("空表.xlsx", _no_cells, "没有任何数据"),
])
def test_what_is_no_list_is_one_plain_message(screened: Database, tmp_path: Path,  # noqa: F811
                                              capsys: pytest.CaptureFixture[str], name: str, make: Any,
                                              words: str) -> None:
    path = tmp_path / name
    make(path)
    code, got = run(screened, capsys, path, "--dry-run")
    assert code == 1 and got["code"] == "invalid_file", got
    assert name in got["error"] and words in got["error"] and "Traceback" not in got["error"]


def test_the_writers_make_what_they_say(tmp_path: Path) -> None:
    """The hyperlinks, notes, validations and the table are in the files; the joined CSV holds two BOMs."""
    links = zipfile.ZipFile(red_cross_hyperlinked_names(tmp_path)[0])
    assert b"<hyperlink" in links.read("xl/worksheets/sheet1.xml")
    valid = zipfile.ZipFile(education_validation_lists(tmp_path)[0])
    assert valid.read("xl/worksheets/sheet1.xml").count(b"<dataValidation ") == 3
    table = zipfile.ZipFile(xlsxwriter_notes_urls_and_table(tmp_path)[0])
    assert "xl/tables/table1.xml" in table.namelist() and any("vmlDrawing" in n for n in table.namelist())
    assert joined_utf8_exports_with_boms(tmp_path)[0].read_bytes().count(b"\xef\xbb\xbf") == 2
    assert b"<r><rPr>" in zipfile.ZipFile(xlsxwriter_rich_strings(tmp_path)[0]).read("xl/sharedStrings.xml")


@pytest.mark.parametrize("case", [european_scientific_numbers, disability_certificate_only, big5_traditional_header],
                         ids=lambda f: f.__name__)
def test_the_wizard_finds_what_the_command_prints(qtbot: Any, registered: Database,  # noqa: F811
                                                  sqlite_district: District, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str], case: Any) -> None:
    wizard_counts_as_the_command(qtbot, registered, sqlite_district, capsys, *case(tmp_path))


def test_the_wizard_refuses_a_list_laid_across_on_its_first_page(qtbot: Any, registered: Database,  # noqa: F811
                                                                 sqlite_district: District, tmp_path: Path) -> None:
    """The wizard's preview reads the layout as the command does, so it says the same."""
    from desktop.services import department_import as di
    from desktop.services.errors import ServiceError

    path = _laid_across(tmp_path, ["姓名", "身份证号码"])
    with pytest.raises(ServiceError, match="横着排"):
        di.preview(path, "医保", db=registered)


def test_gbk_lines_after_utf8_ones_keep_their_names(tmp_path: Path) -> None:
    """The lines in GBK are read as GBK (their names whole), the UTF-8 ones as UTF-8; a UTF-8 character cut off
    at the very end of a file is still shown broken, not taken for a GBK one."""
    from desktop.io import spreadsheet as ss

    path, _want = gbk_lines_after_utf8(tmp_path)
    book = ss.open_workbook(path)
    names = [values[1] for _n, values in book.rows(book.sheet_names[0])]
    assert names[:3] == ["姓名", "王伟", "李芳"] and names[-2:] == ["钱七", "孙八"]
    cut = tmp_path / "截断.csv"
    cut.write_bytes(csv_bytes([["姓名", "身份证号码"], ["王伟", IN]], "utf-8") + "张".encode()[:2])
    book = ss.open_workbook(cut)
    assert [values for _n, values in book.rows(book.sheet_names[0])][-1] == ["\ufffd"]


def test_utf8_lines_after_gbk_ones_keep_their_names(tmp_path: Path) -> None:
    """The reverse: a GBK export with UTF-8 lines appended. GBK text decodes as UTF-8 now and then, but
    never into Chinese only, so a line that does is UTF-8 (its names were garbled: 钱七 read as GBK)."""
    from desktop.io import spreadsheet as ss

    path = tmp_path / "合并.csv"
    path.write_bytes(csv_bytes([["姓名", "身份证号码"], ["王伟", IN]], "gbk") + csv_bytes([["钱七", IN], ["孙八", IN]], "utf-8"))
    book = ss.open_workbook(path)
    assert book.encoding == "gb18030"
    assert [values[0] for _n, values in book.rows(book.sheet_names[0])] == ["姓名", "王伟", "钱七", "孙八"]
    # a GBK file without such lines streams as before, names that decode as UTF-8 by chance (某 is C4 B3) kept
    plain = tmp_path / "gbk.csv"
    plain.write_bytes(csv_bytes([["姓名", "身份证号码"], ["某某", IN], ["王伟", IN]], "gbk"))
    book = ss.open_workbook(plain)
    assert book._text is None
    assert [values[0] for _n, values in book.rows(book.sheet_names[0])] == ["姓名", "某某", "王伟"]
