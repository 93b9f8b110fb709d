"""Department lists as real offices send them, round 24 (after test_department_variants_s15.py to _s22.py).

Defect found: an "Excel" file that is really a single file web page (MHT, a MIME archive: Excel's
"单个文件网页" or a web system's "导出Excel" that wraps its page so) was refused as "网页存档格式,无法直接读取"
although Excel and WPS open it without a word, so offices send it as .xls. It is read now: the parts
are decoded (quoted-printable or base64) in their charset (GB2312 or UTF-8); Excel's archive lists its
sheets in its frame page (name, part, hidden), each read as its own sheet, a hidden one not read; a web
system's archive is its one page. An archive holding no table at all is still refused in plain words.

Shapes tried that were right already (kept here as cases): a housing list naming the applicant and a
family member each with a number (the applicant's is read, the family member's named as another
column), an .xlsx on the 1904 date system with a date column beside the numbers, and a BIFF8 .xls
without a shared string table (LABEL records, numbers in MULRK)."""

from __future__ import annotations

import base64
import datetime
import quopri
import struct
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from xlwt.CompoundDoc import XlsDoc  # type: ignore[import-untyped]

from desktop.cli import main as cli_main
from desktop.io import spreadsheet as ss
from desktop.services.database import Database
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_department_variants_s15 import (
    _biff8_text,
    _record,
    counts_a_clerk_finds,
    others,
    wizard_counts_as_the_command,
)
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_discovery_views import messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import Ids, Row, expected, people, registered, run  # noqa: F401

BOUNDARY = "----=_NextPart_01DB3F2A.6C1E8B50"


def _qp(text: str, encoding: str) -> bytes:
    """Quoted-printable as Excel writes it: "=3D" for "=", soft breaks at 76, CR LF line ends."""
    return quopri.encodestring(text.encode(encoding).replace(b"\r\n", b"\n")).replace(b"\n", b"\r\n")


def _b64(text: str, encoding: str) -> bytes:
    data = base64.encodebytes(text.encode(encoding))
    return data.replace(b"\n", b"\r\n")


def archive(parts: list[tuple[str, str, str, str]], *, preamble: bytes = b"", head: str = "") -> bytes:
    """A MIME archive (.mht) of ``parts``: (Content-Location, charset, transfer encoding, page text); a
    location's Chinese file name written percent-encoded, as the pages referring to it do not; a charset
    after "-" not named in the part's header (only the page's <meta> names it)."""
    out = [(head + "MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\n"
            f'Content-Type: multipart/related; boundary="{BOUNDARY}"\r\n\r\n').encode("ascii") + preamble + b"\r\n"]
    for location, charset, transfer, text in parts:
        named = "" if charset.startswith("-") else f'; charset="{charset}"'  # "-gbk": GBK, its part naming none
        charset = charset.lstrip("-")
        body = _qp(text, charset) if transfer == "quoted-printable" else _b64(text, charset)
        out.append((f"\r\n--{BOUNDARY}\r\nContent-Location: {quote(location, safe=':/')}\r\n"
                    f"Content-Transfer-Encoding: {transfer}\r\n"
                    f"Content-Type: text/html{named}\r\n\r\n").encode("ascii") + body)
    out.append(f"\r\n--{BOUNDARY}--\r\n".encode("ascii"))
    return b"".join(out)


def _sheet_page(rows: list[list[Any]], *, hidden: bool = False, charset: str = "gb2312") -> str:
    """A sheet's page as Excel writes it in a web page: x:num on number cells, x:str on texts kept as text."""
    options = "<x:Visible>SheetHidden</x:Visible>" if hidden else ""
    lines = ['<html xmlns:o="urn:schemas-microsoft-com:office:office" '
             'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">',
             f'<head><meta http-equiv=Content-Type content="text/html; charset={charset}">',
             '<meta name=ProgId content=Excel.Sheet><meta name=Generator content="Microsoft Excel 15">',
             '<link id=Main-File rel=Main-File href="../名单.htm"><link rel=File-List href=filelist.xml>',
             "<style>.xl65{mso-number-format:\"\\@\";}</style>",
             f"<!--[if gte mso 9]><xml><x:WorksheetOptions>{options}<x:Selected/></x:WorksheetOptions></xml><![endif]-->",
             "</head><body link=blue vlink=purple>",
             "<table border=0 cellpadding=0 cellspacing=0 width=400 style='border-collapse:collapse'>"]
    for line in rows:
        cells = []
        for value in line:
            if isinstance(value, int):
                cells.append(f"<td align=right x:num>{value}</td>")
            elif value == "":
                cells.append("<td></td>")
            else:
                cells.append(f"<td class=xl65 x:str>{escape(str(value))}</td>")
        lines.append(" <tr height=18>" + "".join(cells) + "</tr>")
    lines.append("</table></body></html>")
    return "\r\n".join(lines)


def _frame_page(sheets: list[tuple[str, bool]], charset: str) -> str:
    """Excel's main page of a workbook of several sheets: the sheets listed in its XML, a frameset."""
    listed = "".join(f"<x:ExcelWorksheet><x:Name>{escape(name)}</x:Name>"
                     f'<x:WorksheetSource HRef="名单.files/sheet{n:03}.htm"/>'
                     f"{'<x:WorksheetOptions><x:Visible>SheetHidden</x:Visible></x:WorksheetOptions>' if hidden else ''}"
                     "</x:ExcelWorksheet>\r\n" for n, (name, hidden) in enumerate(sheets, 1))
    return ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">\r\n'
            f'<head><meta name="Excel Workbook Frameset"><meta http-equiv=Content-Type content="text/html; charset={charset}">'
            '<meta name=ProgId content=Excel.Sheet>\r\n<link rel=File-List href="名单.files/filelist.xml">\r\n'
            f"<!--[if gte mso 9]><xml>\r\n<x:ExcelWorkbook>\r\n<x:ExcelWorksheets>\r\n{listed}</x:ExcelWorksheets>\r\n"
            "<x:ActiveSheet>1</x:ActiveSheet></x:ExcelWorkbook></xml><![endif]-->\r\n</head>\r\n"
            '<frameset rows="*,39" border=0 width=0 frameborder=no framespacing=0>\r\n'
            '<frame src="名单.files/sheet002.htm" name="frSheet">\r\n'
            '<frame src="名单.files/tabstrip.htm" name="frTabs" marginwidth=0 marginheight=0>\r\n'
            "</frameset></html>\r\n")


def _tabstrip(names: list[str]) -> str:
    """Excel's sheet tabs: a table of links (no list)."""
    tabs = "".join(f'<td nowrap><a href="sheet{n:03}.htm" target="frSheet">{escape(name)}</a></td>'
                   for n, name in enumerate(names, 1))
    return f"<html><head></head><body><table border=0 cellspacing=1><tr>{tabs}</tr></table></body></html>"


def _numbered(rows: list[Row]) -> list[list[Any]]:
    return [[i, name, value] for i, (name, value, _what) in enumerate(rows, 1)]


def excel_single_file_web_page(tmp: Path) -> tuple[Path, dict]:
    """民政 (Excel's "单个文件网页" saved as .xls): GB2312, quoted-printable, a Chinese preamble; a hidden
    sheet of last year's list first (more rows, not read), the list on the second sheet under a title,
    then a 填表说明 sheet; the tab strip's table of sheet names is no sheet."""
    rows = people(Ids())
    older = [[i, f"旧{i}", v] for i, v in enumerate(others(700, 30), 1)]
    base = "file:///C:/8F2A1C3D/"
    names = [("2025年名单", True), ("低保复核名单", False), ("填表说明", False)]
    parts = [(base + "名单.htm", "gb2312", "quoted-printable", _frame_page(names, "gb2312")),
             (base + "名单.files/sheet001.htm", "gb2312", "quoted-printable",
              _sheet_page([["序号", "姓名", "身份证号码"], *older], hidden=True)),
             (base + "名单.files/sheet002.htm", "gb2312", "quoted-printable",
              _sheet_page([["2026年低保复核名单"], ["序号", "姓名", "身份证号码"], *_numbered(rows)])),
             (base + "名单.files/sheet003.htm", "gb2312", "quoted-printable",
              _sheet_page([["填表说明"], ["1.身份证号码须为18位"]])),
             (base + "名单.files/tabstrip.htm", "gb2312", "quoted-printable", _tabstrip([n for n, _h in names]))]
    path = tmp / "民政_复核名单.xls"
    preamble = "此文档为“单个文件网页”，也称为“Web 档案”文件。".encode("gbk")
    path.write_bytes(archive(parts, preamble=preamble))
    want = expected(rows)
    want.update(sheet="低保复核名单", other_sheets=[])  # the hidden list is not named, the notes hold no list
    return path, want


def web_system_mht_base64(tmp: Path) -> tuple[Path, dict]:
    """医保 (a web system's "导出Excel" wrapped as a web archive): one UTF-8 page in base64, the header
    lines Internet Explorer writes before MIME-Version, a 合计 line and 制表人 under the list."""
    rows = people(Ids())
    page = _sheet_page([["参保人员名单"], ["序号", "参保人姓名", "公民身份号码", "险种"],
                        *[[*line, "城乡居民"] for line in _numbered(rows)],
                        ["合计", f"{len(rows)}人", "", ""], ["制表人:", "张三", "审核人:", "李四"]], charset="utf-8")
    path = tmp / "医保_参保名单.xlsx"
    path.write_bytes(archive([("http://ybj.example.gov.cn/export/list.htm", "utf-8", "base64", page)],
                             head="From: <Saved by Windows Internet Explorer 8>\r\nSubject: list\r\n"
                                  "Date: Thu, 3 Dec 2026 09:12:40 +0800\r\n"))
    return path, expected(rows)


def excel_one_sheet_web_page(tmp: Path) -> tuple[Path, dict]:
    """总工会 (Excel's "单个文件网页" of a one-sheet workbook): no frames, the sheet's name in the page's
    own XML (<x:ExcelWorksheet> without a source), UTF-8, quoted-printable."""
    rows = people(Ids())
    page = _sheet_page([["序号", "姓名", "身份证号"], *_numbered(rows)], charset="utf-8").replace(
        "<x:WorksheetOptions>", "<x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>困难职工</x:Name>"
        "<x:WorksheetOptions>").replace("</x:WorksheetOptions>", "</x:WorksheetOptions></x:ExcelWorksheet>"
                                        "</x:ExcelWorksheets></x:ExcelWorkbook>")
    path = tmp / "总工会_困难职工.xls"
    path.write_bytes(archive([("file:///C:/5B7E/book.htm", "utf-8", "quoted-printable", page)]))
    want = expected(rows)
    want["sheet"] = "困难职工"
    return path, want


def web_system_gbk_named_by_meta_only(tmp: Path) -> tuple[Path, dict]:
    """残联 (a web system's archive): the page in GBK, base64, its part's header naming no charset (only
    the page's <meta> says GBK), the numbers written as text under a title."""
    rows = people(Ids())
    page = _sheet_page([["持证残疾人名单"], ["序号", "姓名", "证件号码", "残疾类别"],
                        *[[*line, "肢体"] for line in _numbered(rows)]], charset="gbk")
    path = tmp / "残联_名单.xls"
    path.write_bytes(archive([("http://cl.example.gov.cn/export/list.htm", "-gbk", "base64", page)]))
    return path, expected(rows)


def labels_and_mulrk_xls(tmp: Path) -> tuple[Path, dict]:
    """住建 (a PHP system's BIFF8 writer): no shared string table, every text a LABEL record in UTF-16,
    序号 and 家庭人口 side by side in one MULRK record a row, CODEPAGE 1200."""
    rows = people(Ids())
    data: list[list[Any]] = [["序号", "家庭人口", "户主姓名", "身份证号"]]
    data += [[i, 3, name, value] for i, (name, value, _what) in enumerate(rows, 1)]
    cells = b""
    for r, line in enumerate(data):
        numbers = [v for v in line[:2] if isinstance(v, int)]
        if numbers:
            cells += _record(0x00BD, struct.pack("<HH", r, 0) + b"".join(struct.pack("<HI", 0, v << 2 | 2) for v in numbers)
                             + struct.pack("<H", len(numbers) - 1))
        for c, value in enumerate(line):
            if isinstance(value, str) and value:
                cells += _record(0x0204, struct.pack("<HHH", r, c, 0) + _biff8_text(value, "HB"))

    def bof(kind: int) -> bytes:
        return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))

    sheet = bof(0x10) + _record(0x0200, struct.pack("<IIHHH", 0, len(data), 0, 4, 0)) + cells + _record(0x000A, b"")
    head, tail = bof(0x05) + _record(0x0042, struct.pack("<H", 1200)), _record(0x000A, b"")
    size = len(_record(0x0085, struct.pack("<IBB", 0, 0, 0) + _biff8_text("住房保障", "BB")))
    bound = _record(0x0085, struct.pack("<IBB", len(head) + size + len(tail), 0, 0) + _biff8_text("住房保障", "BB"))
    path = tmp / "住建_保障家庭.xls"
    XlsDoc().save(str(path), head + bound + tail + sheet)
    return path, expected(rows)


def applicant_and_family_member(tmp: Path) -> tuple[Path, dict]:
    """住保: 申请人姓名 | 申请人身份证号 | 家属姓名 | 家属身份证号 | 与申请人关系: the applicant is the person."""
    rows = people(Ids())
    family = others(900, len(rows))
    book = openpyxl.Workbook()
    book.active.append(["序号", "申请人姓名", "申请人身份证号", "家属姓名", "家属身份证号", "与申请人关系"])
    for i, ((name, value, _what), member) in enumerate(zip(rows, family, strict=True), 1):
        book.active.append([i, name, value, "家属" + name, member, "配偶"])
    path = tmp / "住保_申请家庭.xlsx"
    book.save(path)
    return path, expected(rows)


def mac_1904_xlsx(tmp: Path) -> tuple[Path, dict]:
    """Excel for Mac on the 1904 date system (.xlsx): 出生日期 as date cells beside the numbers."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904
    book.active.append(["姓名", "身份证号", "出生日期"])
    for name, value, _what in rows:
        book.active.append([name, value, datetime.date(1990, 1, 1)])
    path = tmp / "卫健_mac.xlsx"
    book.save(path)
    return path, expected(rows)


CASES: dict[str, Any] = {f.__name__: f for f in (
    excel_single_file_web_page, excel_one_sheet_web_page, web_system_mht_base64, web_system_gbk_named_by_meta_only,
    labels_and_mulrk_xls, applicant_and_family_member, mac_1904_xlsx)}


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path, case: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(screened, capsys, tmp_path, *CASES[case](tmp_path))


WEB_ARCHIVES = ("excel_single_file_web_page", "excel_one_sheet_web_page", "web_system_mht_base64")


@pytest.mark.parametrize("case", WEB_ARCHIVES)
def test_the_wizard_reads_a_web_archive_as_the_command_does(qtbot: Any, registered: Database,  # noqa: F811
                                                            sqlite_district: District, messages: list[str],  # noqa: F811
                                                            tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            case: str) -> None:
    """The import window's dry run of a single file web page shows the counts the command prints, and
    its page of columns names the file's type as Excel's Save As list does."""
    wizard = wizard_counts_as_the_command(qtbot, registered, sqlite_district, capsys, *CASES[case](tmp_path))
    assert "File type: single file web page (MHT)" in wizard.mapping_page.info.text()
    assert wait_for_background()


def test_a_web_archive_without_a_list_is_one_plain_message(screened: Database, tmp_path: Path,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A web system's session-expired page saved as the export: said to be a web archive holding no table."""
    path = tmp_path / "导出.xls"
    path.write_bytes(archive([("http://example.gov.cn/export.do", "gb2312", "quoted-printable",
                               "<html><body><p>会话已过期,请重新登录</p></body></html>")]))
    code, got = run(screened, capsys, path, "--dry-run")
    assert code == 1 and got["code"] == "invalid_file", got
    assert "导出.xls" in got["error"] and "MHT" in got["error"] and "没有表格" in got["error"]
    assert ss.sniff_format(path) == "mht"


def test_the_summary_says_the_list_came_in_a_web_archive(screened: Database, tmp_path: Path,  # noqa: F811
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path, want = excel_single_file_web_page(tmp_path)
    code = cli_main(["import", "department", str(path), "--department", "民政", "--dry-run",
                     "--database-url", screened.url.render_as_string(hide_password=False)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "网页存档(MHT,“单个文件网页”)的工作表“低保复核名单”,表头在第 2 行" in out
    assert f"数据行 {want['data_rows']} = 有效 {want['valid']} + 无效 {sum(want['invalid'].values())} + 重复 2" in out
