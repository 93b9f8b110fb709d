"""Department lists as real offices send them, round 4 (after test_department_variants_s15.py, _s16.py and _s17.py).

New variety: a web system's CSV with a tab put before every long number (not after it) so Excel keeps it
as text, Excel formula text (="420203…") in a CSV plain and quoted, a CSV whose every line ends in a comma
with a last line of commas only, column names carrying their length ("身份证号码(18位)"), a header frozen on
row 1 with empty rows under it before the data, two exports pasted together in Notepad (CRLF and LF line
ends), an .xls with real date cells beside the numbers, names with a middle dot (阿卜杜·热合曼) with and
without a number, a system's CSV whose only header is its field codes (XM, SFZHM), an Excel workbook whose
shared strings carry phonetic (pinyin) runs, an empty but formatted first sheet before the list, pandas'
unnamed index column, a header in two languages, quoted fields separated by ", ", a DOS end-of-file mark,
an .xls long enough for its strings to run over CONTINUE records, a masked 身份证号码 beside the full
社会保障号码, the old 15-digit number in brackets after the new one; and two lists laid side by side on one
sheet (城镇 | 农村), which is refused naming the columns, as rows are read one person wide.

Each case gives what a careful clerk finds (data rows, valid, invalid by reason, duplicates, the
screening buckets); a dry run prints it, and a real import prints the same and writes an error workbook
holding exactly the invalid and repeated rows with a reason each, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwt  # type: ignore[import-untyped]
from openpyxl.styles import PatternFill
from sqlalchemy import func, select

from desktop.models import ImportBatch
from desktop.rules import idcard
from desktop.services.database import Database
from desktop.views.context import AppContext
from desktop.views.import_wizard import DepartmentImportWizard
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
from tests.test_department_variants_s17 import book_of
from tests.test_discovery_views import messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import (  # noqa: F401 (registered is a fixture)
    IN,
    IN_X,
    KNOWN,
    Ids,
    Row,
    expected,
    people,
    register_three,
    registered,
    run,
)

HEADER = ["序号", "姓名", "身份证号码"]


@pytest.fixture
def screened(db: Database, district: District) -> Database:
    """The registry of ``registered`` on either database."""
    return register_three(db, district)


# -- the files ------------------------------------------------------------------------------------

def tab_before_numbers_csv(tmp: Path) -> tuple[Path, dict]:
    """人社 (a web system's "导出CSV"): GBK, a tab put *before* every long number (ID and phone) so that
    Excel opens it as text; the tab is inside the field, the fields are separated by commas."""
    rows = people(Ids())
    lines = [["序号", "姓名", "身份证号码", "联系电话"]]
    lines += [[i, n, f"\t{v}" if v else "", "\t13800000000"] for i, (n, v, _w) in enumerate(rows, 1)]
    return text_list(tmp / "人社_导出.csv", lines, rows)


def excel_formula_text_csv(tmp: Path) -> tuple[Path, dict]:
    """公安 (a household-register query exported for Excel): every number written as ="420203…" so that
    Excel keeps its digits; most fields bare, every other one quoted whole with its quotes doubled (the csv
    writer's way), an empty number as =\"\" ."""
    rows = people(Ids())
    body = "序号,姓名,公民身份号码,户籍地址\r\n"
    for i, (n, v, _w) in enumerate(rows, 1):
        number = f'"=""{v}"""' if i % 2 else f'="{v}"'
        body += f"{i},{n},{number},飞云街道{i}号\r\n"
    path = tmp / "户籍查询.csv"
    path.write_bytes(body.encode("gbk"))
    return path, expected(rows)


def trailing_commas_csv(tmp: Path) -> tuple[Path, dict]:
    """住建 (a spreadsheet saved as CSV whose used range ran one column further): every line ends in a
    comma, 合计 after the list, and a last line of commas only."""
    rows = people(Ids())
    lines = [["序号", "姓名", "身份证号码", "住房困难类型", ""]]
    lines += [[*line, "无房", ""] for line in listed(rows)]
    lines += [["合计", f"{len(rows)}户", "", "", ""], ["", "", "", "", ""]]
    return text_list(tmp / "住房困难.csv", lines, rows)


def header_notes_with_digits(tmp: Path) -> tuple[Path, dict]:
    """医保 (a form handed down with its filling rules in the column names): "身份证号码(18位)",
    "姓名(须与身份证一致)", "联系电话(11位手机号)", "参保年度(2024)"."""
    rows = people(Ids())
    lines = [["序号", "姓名（须与身份证一致）", "身份证号码（18位）", "联系电话(11位手机号)", "参保年度(2024)"]]
    lines += [[*line, "13800000000", 2024] for line in listed(rows)]
    return book_of(tmp / "参保资助.xlsx", lines, rows)


def header_frozen_blank_rows_then_data(tmp: Path) -> tuple[Path, dict]:
    """卫健 (a header frozen on row 1 with a filter; the rows kept under it for notes were left empty,
    filled in colour): three empty rows between the header and the first person, coloured empty rows after
    the last one."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "名单"
    ws.append(["序号", "姓名", "身份证号码", "慢病种类"])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:D{len(rows) + 4}"
    yellow = PatternFill("solid", fgColor="FFFF00")
    for r in (2, 3, 4):
        for c in range(1, 5):
            ws.cell(r, c).fill = yellow
    for i, (n, v, _w) in enumerate(rows, 1):
        ws.append([i, n, v, "高血压"])
    for r in range(ws.max_row + 1, ws.max_row + 40):
        ws.cell(r, 3).fill = yellow
    path = tmp / "慢病名单.xlsx"
    book.save(path)
    return path, expected(rows)


def mixed_line_ends_csv(tmp: Path) -> tuple[Path, dict]:
    """街道 (two communities' exports pasted together in Notepad): UTF-8 without BOM, the first part with
    CRLF line ends, the second with LF, the second header left in, one line ending in CR alone."""
    rows = people(Ids())
    first, second = rows[:7], rows[7:]
    head = "姓名,身份证号码,社区"
    part1 = "\r\n".join([head] + [f"{n},{v},八泉社区" for n, v, _w in first]) + "\r\n"
    lines2 = [f"{n},{v},飞云社区" for n, v, _w in second]
    part2 = "\n".join([head] + lines2[:3]) + "\r" + "\n".join(lines2[3:]) + "\n"
    path = tmp / "两社区合并.csv"
    path.write_bytes((part1 + part2).encode("utf-8"))
    return path, expected(rows)


def veterans_xls_with_date_cells(tmp: Path) -> tuple[Path, dict]:
    """退役军人事务局 (xlwt, as its old system writes): 出生日期, 入伍时间 and 退役时间 as real date cells with a
    date format beside the number, written as text; a title row above."""
    rows = people(Ids())
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("退役军人")
    dated = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    ws.write(0, 0, "2024年困难退役军人名单")
    for c, word in enumerate(["序号", "姓名", "出生日期", "身份证号码", "入伍时间", "退役时间"]):
        ws.write(1, c, word)
    for r, (n, v, _w) in enumerate(rows, 2):
        ws.write(r, 0, r - 1)
        ws.write(r, 1, n)
        ws.write(r, 2, date(1960 + r, 1 + r % 12, 1), dated)
        if v:
            ws.write(r, 3, v)
        ws.write(r, 4, date(1980 + r, 3, 1), dated)
        ws.write(r, 5, date(1985 + r, 12, 1), dated)
    path = tmp / "退役军人.xls"
    book.save(str(path))
    return path, expected(rows)


def middle_dot_names(tmp: Path) -> tuple[Path, dict]:
    """民宗 / 社区 (a list of residents from Xinjiang): names with a middle dot, written ·, • or ・, some long;
    two of them without a number (empty), one with a wrong length."""
    ids = Ids()
    rows: list[Row] = [("阿卜杜·热合曼", ids.new(), "new"), ("买买提•艾力", ids.new(), "new"),
                       ("迪丽努尔・阿不都热依木", ids.new(), "new"), ("阿依古丽·买买提明", "", "empty"),
                       ("热依拉·阿不都克热木", "", "empty"), ("王伟", IN, "in"),
                       ("努尔买买提·吐尔洪", ids.new()[:16], "length"), ("李芳", KNOWN, "known")]
    return book_of(tmp / "少数民族居民.xlsx", [HEADER, *listed(rows)], rows)


def field_codes_only_csv(tmp: Path) -> tuple[Path, dict]:
    """公安 / 大数据局 (a database table dumped to CSV): the header is the table's field codes only,
    XH,XM,SFZHM,XB,LXDH, GBK."""
    rows = people(Ids())
    lines = [["XH", "XM", "SFZHM", "XB", "LXDH"]]
    lines += [[*line, "男", "13800000000"] for line in listed(rows)]
    return text_list(tmp / "T_RKXX.csv", lines, rows)


def phonetic_runs_in_shared_strings(tmp: Path) -> tuple[Path, dict]:
    """民政 (Excel on a Chinese or Japanese Windows): shared strings carrying phonetic properties, and
    pinyin runs (<rPh>) over the header words and the names, which are no part of the text."""
    rows = people(Ids())
    strings: list[str] = []
    sheet = sheet_xml([HEADER, *listed(rows)], shared=strings)
    names = {n for n, _v, _w in rows}

    def phonetic(text: str) -> str:
        if text in HEADER or text in names:
            return (f'<si><t>{text}</t><rPh sb="0" eb="{len(text)}"><t>pinyin</t></rPh>'
                    '<phoneticPr fontId="1" type="noConversion"/></si>')
        return text

    path = raw_xlsx(tmp / "拼音.xlsx", [("Sheet1", sheet)],
                    strings=shared_strings_xml([phonetic(s) for s in strings]))
    return path, expected(rows)


def empty_formatted_first_sheet(tmp: Path) -> tuple[Path, dict]:
    """社区 (a workbook started from an office template): Sheet1 empty but formatted (borders and fills
    down to row 200, column widths set), the list on Sheet2."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Sheet1"
    grey = PatternFill("solid", fgColor="DDDDDD")
    for r in range(1, 201):
        for c in range(1, 6):
            first.cell(r, c).fill = grey
    first.column_dimensions["C"].width = 24
    ws = book.create_sheet("Sheet2")
    for line in [HEADER, *listed(rows)]:
        ws.append(line)
    path = tmp / "社区名单.xlsx"
    book.save(path)
    return path, expected(rows)


def side_by_side(tmp: Path, groups: bool = True, right_filled: bool = True) -> tuple[Path, list[Row], list[Row]]:
    """民政 (a list printed on one landscape page): 城镇 on the left, 农村 on the right (named in a row above
    when ``groups``), each half with its own 序号 | 姓名 | 身份证号码, an empty column between; the right
    half shorter, and without its numbers unless ``right_filled``."""
    ids = Ids()
    left = people(ids)
    right: list[Row] = [("钱军", ids.new(), "new"), ("孙丽", ids.new()[:17], "length"), ("周红", "", "empty"),
                        ("吴刚", ids.new(), "new"), ("郑华", left[0][1], "dup")]
    lines: list[list[Any]] = [["城镇", None, None, None, "农村"]] if groups else []
    lines.append([*HEADER, None, *HEADER])
    for i, (n, v, _w) in enumerate(left):
        line: list[Any] = [i + 1, n, v, None]
        if i < len(right):
            line += [i + 1, right[i][0], right[i][1] if right_filled else None]
        lines.append(line)
    path, _want = book_of(tmp / "城乡并排.xlsx", lines, left)
    return path, left, right


def pandas_index_column_csv(tmp: Path) -> tuple[Path, dict]:
    """大数据局 (a data office's script, pandas ``to_csv`` with its index): the first column unnamed (the header
    line starts with a comma) and counting from 0, UTF-8 with BOM."""
    rows = people(Ids())
    lines = [["", "姓名", "身份证号码", "所属社区"]] + [[i, n, v, "飞云社区"] for i, (n, v, _w) in enumerate(rows)]
    return text_list(tmp / "比对结果.csv", lines, rows, "utf-8-sig")


def bilingual_header(tmp: Path) -> tuple[Path, dict]:
    """外事 / 出入境 (a form in two languages): "姓名 Name", "身份证号码 ID No.", "联系电话 Tel." on one line each,
    a title above in both languages."""
    rows = people(Ids())
    lines = [["困难群众名单 List of Persons"], ["序号 No.", "姓名 Name", "身份证号码 ID No.", "联系电话 Tel."]]
    lines += [[*line, "13800000000"] for line in listed(rows)]
    return book_of(tmp / "双语表.xlsx", lines, rows)


def comma_space_quoted_csv(tmp: Path) -> tuple[Path, dict]:
    """教育 (a hand-written exporter): every field quoted and the fields separated by a comma and a space,
    ``"王伟", "420203…", "第十五中学"``, UTF-8 without BOM."""
    rows = people(Ids())
    def line(values: list[Any]) -> str:
        return ", ".join('"' + str(v).replace('"', '""') + '"' for v in values)
    body = "\r\n".join([line(["姓名", "身份证号码", "学校"])] + [line([n, v, "第十五中学"]) for n, v, _w in rows])
    path = tmp / "学生资助.csv"
    path.write_bytes((body + "\r\n").encode("utf-8"))
    return path, expected(rows)


def dos_end_of_file_mark_csv(tmp: Path) -> tuple[Path, dict]:
    """总工会 (an old FoxPro/DOS system's export): GBK, the file ends in the DOS end-of-file mark Ctrl-Z
    (0x1A) after the last line."""
    rows = people(Ids())
    path, want = text_list(tmp / "困难职工.csv", [["姓名", "身份证号码", "工作单位"]]
                           + [[n, v, "市纺织厂"] for n, v, _w in rows], rows)
    path.write_bytes(path.read_bytes() + b"\x1a")
    return path, want


def long_xls_strings_over_continue_records(tmp: Path) -> tuple[Path, dict]:
    """残联 (xlwt, a whole year's list): 1,200 people with their numbers as text, so that the shared strings run
    over many CONTINUE records, Chinese names and remarks among them."""
    ids = Ids()
    rows: list[Row] = people(ids) + [(f"残疾人{i:04d}", ids.new(), "new") for i in range(1200)]
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("持证残疾人")
    for c, word in enumerate(["序号", "姓名", "身份证号码", "残疾类别"]):
        ws.write(0, c, word)
    for r, (n, v, _w) in enumerate(rows, 1):
        ws.write(r, 0, r)
        ws.write(r, 1, n)
        if v:
            ws.write(r, 2, v)
        ws.write(r, 3, f"肢体残疾{r % 4 + 1}级,居住在第{r}号")
    path = tmp / "持证残疾人.xls"
    book.save(str(path))
    return path, expected(rows)


def masked_id_beside_full_social_security_number(tmp: Path) -> tuple[Path, dict]:
    """医保 (a settlement system's export for another office): 身份证号码 masked for privacy (420203********1234),
    the full number only under 社会保障号码 further right. A clerk reads the full one."""
    rows = people(Ids(), text=False)
    lines = [["序号", "姓名", "身份证号码", "社会保障号码", "参保类型"]]
    lines += [[i, n, idcard.mask(idcard.normalize(v)) if v else "", v, "城乡居民"] for i, (n, v, _w) in enumerate(rows, 1)]
    return book_of(tmp / "医保_脱敏.xlsx", lines, rows)


def old_number_in_brackets(tmp: Path) -> tuple[Path, dict]:
    """公安 (a household-register extract): the number now with the old 15-digit one after it in brackets,
    "420203197207191028(420203720719102)" or "…（原420203720719102）"; once a different person's old number
    beside it (which of them is meant cannot be told)."""
    ids = Ids()
    old1, new1 = ids.legacy()
    old2, new2 = ids.legacy()
    old3, _new3 = ids.legacy()
    _old4, new4 = ids.legacy()
    rows: list[Row] = [("王伟", f"{new1}({old1})", "new"), ("李芳", f"{new2}（原{old2}）", "new"),
                       ("张娜", f"{new4}({old3})", "characters"), ("刘洋", IN, "in"), ("陈静", f"{new1} ({old1})", "dup")]
    return book_of(tmp / "户籍摘录.xlsx", [HEADER, *listed(rows)], rows)


CASES: dict[str, Case] = {f.__name__: f for f in (
    tab_before_numbers_csv, excel_formula_text_csv, trailing_commas_csv, header_notes_with_digits,
    header_frozen_blank_rows_then_data, mixed_line_ends_csv, veterans_xls_with_date_cells, middle_dot_names,
    field_codes_only_csv, phonetic_runs_in_shared_strings, empty_formatted_first_sheet, pandas_index_column_csv,
    bilingual_header, comma_space_quoted_csv, dos_end_of_file_mark_csv, long_xls_strings_over_continue_records,
    masked_id_beside_full_social_security_number, old_number_in_brackets)}


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path, case: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(screened, capsys, tmp_path, *CASES[case](tmp_path))


@pytest.mark.parametrize("groups", [True, False])
def test_two_lists_side_by_side_are_refused_saying_where(screened: Database, tmp_path: Path, groups: bool,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Was: only the left list was read (15 of 20 people, 5 left out without a word). Rows are read one
    person wide, so the file is refused, naming the columns, and nothing is kept."""
    path, _left, _right = side_by_side(tmp_path, groups)
    for extra in (("--dry-run",), ()):
        code, got = run(screened, capsys, path, *extra)
        assert code != 0 and got["code"] == "invalid_file", got
        assert "左右并排" in got["error"] and "B、C 列和 F、G 列" in got["error"] and "从 F 列起" in got["error"]
        assert "城乡并排.xlsx" in got["error"] and "Traceback" not in got["error"]
    with screened.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_a_blank_copy_of_the_columns_beside_the_list_is_no_second_list(screened: Database, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The same header copied to the right with names but no numbers under it (a half not yet filled in):
    the list on the left is read as it is."""
    path, left, _right = side_by_side(tmp_path, right_filled=False)
    counts_a_clerk_finds(screened, capsys, tmp_path, path, expected(left))


def test_the_wizard_refuses_two_lists_side_by_side_on_its_first_page(qtbot: Any, sqlite_district: District,
                                                                     messages: list[str],  # noqa: F811
                                                                     tmp_path: Path) -> None:
    path, _left, _right = side_by_side(tmp_path)
    wizard = DepartmentImportWizard(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.file_page.department.setCurrentIndex(1)
    wizard.next()
    assert wait_for_background()
    assert wizard.currentPage() is wizard.file_page
    assert "左右并排" in messages[-1] and "从 F 列起" in messages[-1]


def test_the_list_looked_up_again_beside_itself_is_no_second_list(screened: Database, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """民政 (a clerk's check before sending): 姓名 | 身份证号码 again on the right, filled by VLOOKUP from the
    registry for the same people row by row (#N/A where none was found): one list, read as it is."""
    rows = people(Ids())
    lines = [["序号", "姓名", "身份证号码", "", "姓名", "身份证号码"]]
    lines += [[*line, None, *(line[1:] if i % 4 else ["#N/A", "#N/A"])] for i, line in enumerate(listed(rows))]
    counts_a_clerk_finds(screened, capsys, tmp_path, *book_of(tmp_path / "核对.xlsx", lines, rows))


@pytest.mark.parametrize("case", ["tab_before_numbers_csv", "veterans_xls_with_date_cells", "middle_dot_names",
                                  "comma_space_quoted_csv", "masked_id_beside_full_social_security_number"])
def test_the_wizard_finds_what_the_command_prints(qtbot: Any, registered: Database,  # noqa: F811
                                                  sqlite_district: District, messages: list[str],  # noqa: F811
                                                  tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  case: str) -> None:
    wizard_counts_as_the_command(qtbot, registered, sqlite_district, capsys, *CASES[case](tmp_path))
    assert wait_for_background()
