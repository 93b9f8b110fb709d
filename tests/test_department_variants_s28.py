"""Department lists as real offices send them, round 28 (after test_department_variants_s15.py to _s27.py).

Defects found (each a case below, failing before its fix): a list grouped by sub-district with each group's
heading written across the columns as the rows are ("一 | 黄思湾街道 |", "(2) | 八泉街道 |", perhaps with
its count "5人" in a cell of its own) counted every heading as a person without an ID number (or with
wrong characters "5人"); a CSV (semicolons, BOM, CRLF) whose last row ends in an address quoted over two
lines holding a semicolon was refused as "the quote is not closed", though it was.

The other cases are shapes not tried before that were right already: 身分证号, a bare "ID", a header
with a line break and its unit in brackets, 证件号码（身份证/户口簿）, 身份证号/社会保障卡号, the header
on row 8 under a notice merged over five rows, an X typed as ×, Cyrillic Х or Greek Χ, a legacy
15-digit number in a number cell (.xlsx and .xls), pandas' "….0" and "e+17" text, a second table
below the first with its own header, a Java exporter's list beside a hidden helper sheet, text formulas
="4202…", Excel's "Unicode text" (UTF-16 LE, tabs) and an .xls with a sign-off footer."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest

from desktop.services.database import Database
from tests.district import District
from tests.test_department_variants_s15 import Raw, counts_a_clerk_finds, listed, raw_xlsx, sheet_xml
from tests.test_department_variants_s15 import wizard_counts_as_the_command as wizard_counts
from tests.test_department_variants_s17 import book_of, xls_of
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_department_variants_s27 import IN, IN_X, KNOWN, Ids, Row, csv_bytes, expected, people
from tests.test_import_department_files import registered  # noqa: F401 (a fixture)
from tests.test_import_spreadsheet import error_of, read_all

HEADER = ["序号", "姓名", "身份证号码"]
STREETS = ("黄思湾街道", "八泉街道", "澄月街道")


def _grouped(rows: list[Row], heading: Any) -> list[list[Any]]:
    """The header, then ``rows`` in three groups of five, each under the row ``heading(k, street, people)``."""
    lines: list[list[Any]] = [HEADER]
    for k, street in enumerate(STREETS):
        part = rows[k * 5:k * 5 + 5]
        lines.append(heading(k, street, part))
        lines += [[i, n, v] for i, (n, v, _w) in enumerate(part, 1)]
    return lines


# -- sub-district headings written across the columns (each failing before its fix) -----------------

def numeral_in_serial_name_in_name_column(tmp: Path) -> tuple[Path, dict]:
    """民政: "一 | 黄思湾街道 |" before each sub-district's people (the heading typed as a row is)."""
    rows = people(Ids())
    return book_of(tmp / "分街道.xlsx", _grouped(rows, lambda k, street, _p: ["一二三"[k], street, None]), rows)


def numeral_street_and_count(tmp: Path) -> tuple[Path, dict]:
    """The same with each group's count under the ID column: "二 | 八泉街道 | 5人"."""
    rows = people(Ids())
    return book_of(tmp / "分街道人数.xlsx", _grouped(rows, lambda k, street, p: ["一二三"[k], street, f"{len(p)}人"]), rows)


def bracketed_digits_in_serial_gbk_csv(tmp: Path) -> tuple[Path, dict]:
    """A GBK CSV: "（2）,八泉街道," before each group."""
    rows = people(Ids())
    path = tmp / "分街道.csv"
    path.write_bytes(csv_bytes(_grouped(rows, lambda k, street, _p: [f"（{k + 1}）", street, ""]), "gbk"))
    return path, expected(rows)


def heading_and_count_apart(tmp: Path) -> tuple[Path, dict]:
    """"一、黄思湾街道 | | （共5人）": the numbered heading in 序号, its count under the ID column."""
    rows = people(Ids())
    return book_of(tmp / "分街道共计.xlsx", _grouped(rows, lambda k, street, p: [f"{'一二三'[k]}、{street}", None,
                                                                           f"（共{len(p)}人）"]), rows)


# -- a quoted cell over two lines at the end of a CSV (failing before its fix) -----------------------

def semicolons_bom_crlf_address_over_lines(tmp: Path) -> tuple[Path, dict]:
    """A European Excel's CSV (semicolons, BOM, CRLF): each address quoted over two lines with a
    semicolon in it, the last row's too."""
    rows = people(Ids())
    lines = [HEADER + ["住址"]] + [[i, n, v, "黄石市\n西塞山区;八泉"] for i, (n, v, _w) in enumerate(rows, 1)]
    path = tmp / "分号.csv"
    path.write_bytes(codecs.BOM_UTF8 + csv_bytes(lines, "utf-8", ";"))
    return path, expected(rows)


def unicode_text_remark_over_lines(tmp: Path) -> tuple[Path, dict]:
    """Excel's "Unicode 文本" (UTF-16 LE with BOM, tabs), the last remark quoted over two lines, no line end after it."""
    rows = people(Ids())
    lines = [HEADER + ["备注"]] + [[i, n, v, ""] for i, (n, v, _w) in enumerate(rows, 1)]
    lines[-1][-1] = "已核实\t待复查"
    text = csv_bytes(lines, "utf-16-le", "\t").decode("utf-16-le").replace("\t待复查", "\n待复查\t").rstrip("\r\n")
    path = tmp / "unicode.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    return path, expected(rows)


# -- shapes right already --------------------------------------------------------------------------

def _headed(tmp: Path, name: str, header: list[str]) -> tuple[Path, dict]:
    rows = people(Ids())
    return book_of(tmp / name, [header, *listed(rows)], rows)


def shenfen_written_with_fen(tmp: Path) -> tuple[Path, dict]:
    return _headed(tmp, "身分证.xlsx", ["序号", "姓名", "身分证号"])


def bare_id_header(tmp: Path) -> tuple[Path, dict]:
    return _headed(tmp, "id.xlsx", ["No.", "Name", "ID"])


def header_broken_with_unit(tmp: Path) -> tuple[Path, dict]:
    return _headed(tmp, "单位.xlsx", ["序号", "姓 名", "身份证号码\n（18位，必填）"])


def id_card_or_household_book(tmp: Path) -> tuple[Path, dict]:
    return _headed(tmp, "户口簿.xlsx", ["序号", "姓名", "证件号码（身份证/户口簿）"])


def id_or_social_security(tmp: Path) -> tuple[Path, dict]:
    return _headed(tmp, "社保卡.xlsx", ["序号", "姓名", "身份证号/社会保障卡号"])


def notice_then_header_on_row_8(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    notice = ("填报说明：1.本表由各社区于2026年10月15日前报送；2.身份证号码须为18位，末位为X的请大写；"
              "3.已死亡、迁出人员不再填报；4.联系电话0714-6221234。")
    lines: list[list[Any]] = [["附件2"], ["黄石市西塞山区2026年困难群众排查名单"], [notice], [], [], [], [],
                              HEADER + ["备注"], *listed(rows)]
    return book_of(tmp / "说明.xlsx", lines, rows, merges=("A3:D7",))


def _ending_in_x(ids: Ids) -> str:
    while not (number := ids.new()).endswith("X"):
        pass
    return number


def x_typed_as_look_alikes(tmp: Path) -> tuple[Path, dict]:
    ids = Ids()
    a, b = _ending_in_x(ids), _ending_in_x(ids)
    rows: list[Row] = [("甲", IN_X[:17] + "×", "in"), ("乙", a[:17] + "Х", "new"), ("丙", b[:17] + "Χ", "new"),
                       ("丁", KNOWN, "known"), ("戊", a, "dup")]
    return book_of(tmp / "乘号.xlsx", [HEADER, *listed(rows)], rows)


def _numbers(ids: Ids) -> list[Row]:
    legacy, _ = ids.legacy()
    return [("甲", int(legacy), "new15"), ("乙", ids.new(), "new"), ("丙", float(IN), "stored as a number"),
            ("丁", KNOWN, "known")]


def legacy_number_cells_xlsx(tmp: Path) -> tuple[Path, dict]:
    rows = _numbers(Ids())
    return book_of(tmp / "十五位.xlsx", [HEADER, *listed(rows)], rows)


def legacy_number_cells_xls(tmp: Path) -> tuple[Path, dict]:
    rows = _numbers(Ids())
    return xls_of(tmp / "十五位.xls", [HEADER, *listed(rows)], rows)


def pandas_float_text_csv(tmp: Path) -> tuple[Path, dict]:
    legacy, _ = Ids().legacy()
    rows: list[Row] = [("甲", legacy + ".0", "new15"), ("乙", "4.202031960030101e+17", "stored as a number"),
                       ("丙", KNOWN, "known")]
    path = tmp / "pandas.csv"
    path.write_bytes(csv_bytes([["", "姓名", "身份证号码"]] + [[i, n, v] for i, (n, v, _w) in enumerate(rows)], "utf-8"))
    return path, expected(rows)


def second_table_below(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    ids = Ids()
    ids.n = 700
    gone: list[Row] = [("亡一", ids.new(), "new"), ("亡二", ids.new(), "new")]
    lines = [HEADER, *listed(rows), [], ["二、本季度死亡人员"], ["序号", "姓名", "身份证号码", "死亡日期"],
             *[[i, n, v, "2026-08-01"] for i, (n, v, _w) in enumerate(gone, 1)]]
    return book_of(tmp / "两表.xlsx", lines, rows + gone)


def java_list_and_hidden_helper(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    helper = sheet_xml([["街道"], *[[s] for s in STREETS]])
    sheet = sheet_xml([HEADER + ["街道"], *[r + ["八泉街道"] for r in listed(rows)]])
    return raw_xlsx(tmp / "poi.xlsx", [("Sheet1", sheet), ("hiddenSheet", helper)], states=["", "hidden"]), expected(rows)


def text_formula_ids(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    data = [HEADER] + [[i, n, Raw(f'<{{p}}c{{r}} t="str"><{{p}}f>"{v}"</{{p}}f><{{p}}v>{v}</{{p}}v></{{p}}c>')
                        if v.strip() else v] for i, (n, v, _w) in enumerate(rows, 1)]
    return raw_xlsx(tmp / "公式.xlsx", [("Sheet1", sheet_xml(data))]), expected(rows)


def xls_sign_off(tmp: Path) -> tuple[Path, dict]:
    rows = people(Ids())
    lines = [["西塞山区残联持证名单"], HEADER, *listed(rows), ["合计", f"{len(rows)}人"], ["制表人：", "张三", "审核人：李四"],
             ["单位（盖章）", None, "2026年10月8日"]]
    return xls_of(tmp / "落款.xls", lines, rows)


CASES = {f.__name__: f for f in (
    numeral_in_serial_name_in_name_column, numeral_street_and_count, bracketed_digits_in_serial_gbk_csv,
    heading_and_count_apart, semicolons_bom_crlf_address_over_lines, unicode_text_remark_over_lines,
    shenfen_written_with_fen, bare_id_header, header_broken_with_unit, id_card_or_household_book, id_or_social_security,
    notice_then_header_on_row_8, x_typed_as_look_alikes, legacy_number_cells_xlsx, legacy_number_cells_xls,
    pandas_float_text_csv, second_table_below, java_list_and_hidden_helper, text_formula_ids, xls_sign_off)}


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path, case: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(screened, capsys, tmp_path, *CASES[case](tmp_path))


@pytest.mark.parametrize("case", [numeral_street_and_count, semicolons_bom_crlf_address_over_lines],
                         ids=lambda f: f.__name__)
def test_the_wizard_finds_what_the_command_prints(qtbot: Any, registered: Database,  # noqa: F811
                                                  sqlite_district: District, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str], case: Any) -> None:
    wizard_counts(qtbot, registered, sqlite_district, capsys, *case(tmp_path))


def test_a_person_numbered_beside_a_missing_number_is_still_a_person(tmp_path: Path) -> None:
    """Only a heading's number (一, (2), 3、) and a region's or a group's name make a heading: a person
    numbered 1 whose ID number is missing (perhaps with the household's size beside it) is still read, to
    be told it is empty."""
    path = tmp_path / "缺号.csv"
    path.write_bytes(csv_bytes([HEADER + ["人口"], ["一", "八泉街道", "", ""], ["1", "王建村", "", ""],
                                ["2", "李芳", "", "3人"], ["二", "李芳", "", ""], ["3、", "低保对象", "", ""],
                                ["3", "张娜", IN, ""]], "utf-8"))
    _layout, data = read_all(path)
    assert [r.values[1] for r in data] == ["王建村", "李芳", "李芳", "张娜"]


def test_a_quote_left_open_before_the_last_row_is_still_refused(tmp_path: Path) -> None:
    """The last cell spanning lines is refused when a quote was really left open (the rest of the file
    swallowed), even with other cells quoted over lines before it."""
    path = tmp_path / "未闭合.csv"
    path.write_text(f'姓名;身份证号;住址\n张三;{IN};"黄石市\n八泉"\n李四;{KNOWN};"飞云\n王五;{IN_X};月亮山\n', encoding="utf-8")
    assert "第 3 行第 3 列的引号没有闭合" in error_of(path).message
