"""Department lists as LibreOffice Calc saves them (7.4, written through Python-UNO the way a clerk
builds the list: cell formats, merged headers, hidden rows, formulas, protection, a password).

The files are in tests/data/import/ (LibreOffice_*), each saved by LibreOffice as .xls and .xlsx;
the counts below are the ones the rows were written to give. Defects found: an .xls with a password
to open (LibreOffice writes RC4 in a FILEPASS record, as Excel and WPS write theirs) was called
damaged ("Cannot detect file format"): the records after FILEPASS are encrypted, the code page
among them, which was read as a foreign code page and the file handed to calamine patched;
and an .ods lookup that found nobody (#N/A, saved by LibreOffice as an empty text marked
calcext:value-type="error") was counted as an empty ID number, not as a formula error.

The rest was right already and is pinned here: an 18-digit number saved as a double
(4.20203199001012E+17, with or without the "@" format applied afterwards), a leading apostrophe,
formulas whose cached results LibreOffice saves (=A2&"", TRIM, VLOOKUP into another sheet; its
TEXT(text;"@") turns the digits into a number first, so the result has lost them), merged title and
group headers over two header rows, hidden rows and columns, autofilter (on the sheet, or a named range: an Excel table), comments,
borders and fills, 合计 and 小计 rows, 街道 merged down, a 制表人 footer, a 说明 sheet or an empty
Sheet1 before the list, sheet protection, date and phone number cells, full-width digits and
spaces in ID numbers, and CSV exported by LibreOffice in UTF-8 and GBK."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop.io import biff
from desktop.io import spreadsheet as ss
from desktop.services.database import Database
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_department_variants_s15 import counts_a_clerk_finds, wizard_counts_as_the_command
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_discovery_views import messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import registered, run  # noqa: F401 (registered is a fixture)

DATA = Path(__file__).parent / "data" / "import"


def counts(data_rows: int, valid: int, invalid: dict[str, int], duplicates: int, legacy: int = 0) -> dict[str, Any]:
    return {"data_rows": data_rows, "valid": valid, "invalid": invalid, "duplicates": duplicates,
            "legacy_15_converted": legacy, "in_assistance": 0, "known": 0, "new": valid}


# file stem -> (header row, what a clerk counts)
LISTS: dict[str, tuple[int, dict[str, Any]]] = {
    # 4 text cells, 2 numbers and a number given the "@" format afterwards (doubles: digits lost), a
    # leading apostrophe, a 15-digit number (kept whole), a repeat, a wrong check character
    "身份证号文本与数字格式": (1, counts(11, 6, {"stored as a number": 3, "check character": 1}, 1, legacy=1)),
    # =底册!B2&"", TRIM, TEXT(15 digits;"000…"), VLOOKUP into 底册 (one a repeat), a text constant with a
    # wrong check character; TEXT(text;"@") gives "4.20202196403155E+17" in LibreOffice
    "公式身份证号": (1, counts(9, 6, {"check character": 1, "stored as a number": 1}, 1, legacy=1)),
    # a VLOOKUP that found nobody: #N/A
    "公式查找不到": (1, counts(5, 4, {"formula error": 1}, 0)),
    # merged title, 基本信息/联系方式 over 姓名/身份证号码 and 联系电话/住址, two data rows and a column
    # hidden, 自动筛选, comments, borders and fills, 合计 with COUNTA, 制表人 footer; again with the filter
    # on a named range, which LibreOffice saves in an .xlsx as an Excel table (xl/tables/)
    "合并表头隐藏行筛选批注": (2, counts(10, 8, {"check character": 1}, 1)),
    "合并表头隐藏行筛选批注_命名区域": (2, counts(10, 8, {"check character": 1}, 1)),
    # 街道 merged down over its rows, "八泉街道 小计" rows with SUM, 合计
    "街道合并单元格与小计": (1, counts(5, 4, {}, 1)),
    "说明在前名单在后": (1, counts(7, 6, {}, 1)),
    "空白Sheet1在前": (2, counts(7, 6, {}, 1)),
    "工作表保护": (1, counts(7, 6, {}, 1)),
    # full-width digits, spaces (ASCII and ideographic) inside and around, lowercase x, "无", 17 digits;
    # date cells (出生日期, 登记日期 in 年月日), phone numbers as numbers
    "日期电话全角空格": (1, counts(10, 7, {"empty": 1, "length": 1}, 1)),
}
FILES = [(f"LibreOffice_{stem}.{ext}", stem) for stem in LISTS for ext in ("xls", "xlsx")]
FILES += [("LibreOffice_公式查找不到.ods", "公式查找不到"),
          ("LibreOffice_身份证号文本与数字格式_UTF8.csv", "身份证号文本与数字格式"),
          ("LibreOffice_身份证号文本与数字格式_GBK.csv", "身份证号文本与数字格式")]


@pytest.mark.parametrize(("name", "stem"), FILES)
def test_a_list_saved_by_libreoffice_gives_the_counts_a_clerk_finds(
        screened: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, stem: str,  # noqa: F811
) -> None:
    header_row, want = LISTS[stem]
    with ss.open_workbook(DATA / name) as book:
        assert ss.find_layout(book).header_row == header_row
    counts_a_clerk_finds(screened, capsys, tmp_path, DATA / name, dict(want))


def test_the_files_are_what_they_say() -> None:
    """LibreOffice wrote what the cases say: doubles for the numbers, the layout's parts, CSV encodings."""
    with ss.open_workbook(DATA / "LibreOffice_身份证号文本与数字格式.xls") as book:
        ids = [values[2] for _n, values in book.rows("名单")][1:]
    assert [type(v).__name__ for v in ids].count("float") == 4  # three of 18 digits, one of 15
    assert any(isinstance(v, float) and ss.cell_text(v).endswith("E+17") for v in ids)
    with zipfile.ZipFile(DATA / "LibreOffice_合并表头隐藏行筛选批注.xlsx") as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
        parts = zf.namelist()
    assert sheet.count('hidden="true"') == 3 and "<autoFilter" in sheet  # two rows and a column
    assert sheet.count("<mergeCell ") == 7 and any("comments" in p for p in parts)
    with zipfile.ZipFile(DATA / "LibreOffice_合并表头隐藏行筛选批注_命名区域.xlsx") as zf:
        assert b"<autoFilter" in zf.read("xl/tables/table1.xml")
    with zipfile.ZipFile(DATA / "LibreOffice_工作表保护.xlsx") as zf:
        assert "<sheetProtection" in zf.read("xl/worksheets/sheet1.xml").decode()
    with zipfile.ZipFile(DATA / "LibreOffice_公式查找不到.ods") as zf:
        assert b'calcext:value-type="error"' in zf.read("content.xml")
    assert "王伟" in (DATA / "LibreOffice_身份证号文本与数字格式_GBK.csv").read_bytes().decode("gbk")
    assert "王伟" in (DATA / "LibreOffice_身份证号文本与数字格式_UTF8.csv").read_text("utf-8")


def test_an_xls_with_a_password_to_open_is_said_to_be_encrypted(
        screened: Database, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """LibreOffice's "Save with password" as .xls: RC4 in a FILEPASS record; the message says 加密, like
    that of an encrypted .xlsx, not that the file is damaged."""
    path = DATA / "LibreOffice_打开密码.xls"
    assert biff.is_encrypted(path)
    with pytest.raises(ss.SpreadsheetError) as caught:
        ss.open_workbook(path)
    assert caught.value.kind == "encrypted" and "已加密" in caught.value.message
    code, got = run(screened, capsys, path, "--dry-run")
    assert code != 0 and "已加密" in got["error"] and "损坏" not in got["error"]
    # the other workbooks of LibreOffice and Excel are not
    assert not any(biff.is_encrypted(p) for p in (DATA / "工会_帮扶名单.xls", DATA / "LibreOffice_工作表保护.xls"))


def test_the_wizard_finds_what_the_command_prints_for_a_libreoffice_xls(
        qtbot: Any, registered: Database, sqlite_district: District, messages: list[str],  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    _header_row, want = LISTS["合并表头隐藏行筛选批注"]
    wizard_counts_as_the_command(qtbot, registered, sqlite_district, capsys,
                                 DATA / "LibreOffice_合并表头隐藏行筛选批注.xls", dict(want))
    assert wait_for_background()
