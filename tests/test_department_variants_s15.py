"""More department lists as Chinese offices really send them, through ``relief-desk import department``.

The files of test_import_department_files.py came from Excel, WPS and xlwt as those libraries write
them. These come from the other writers a list passes through: the exporters of business systems
(inline strings, no dimension tag, cells without references, prefixed XML, numbers written in full or
in scientific notation), LibreOffice (.ods with repeated rows), hand-kept workbooks (序号 merged down
over a household's members, three header rows, several lists on several sheets, a name and a number
in one cell) and text files (GB18030 with its BOM, Excel's "sep=" line, a Mac's CR line ends, pipes).

Each case gives what a careful clerk finds: data rows, valid, invalid by reason, duplicates and the
screening buckets. A dry run prints them; a real import prints the same and writes an error workbook
holding exactly the invalid and repeated rows with a reason each."""

from __future__ import annotations

import random
import struct
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
import pytest
import xlsxwriter
import xlwt  # type: ignore[import-untyped]
from python_calamine import CalamineWorkbook
from sqlalchemy import select
from xlwt.CompoundDoc import XlsDoc  # type: ignore[import-untyped]

from desktop.io import spreadsheet as ss
from desktop.io.spreadsheet import cell_text, column_letter
from desktop.models import ImportRow
from desktop.rules import idcard
from desktop.services import department_import as di
from desktop.services.database import Database
from desktop.views.context import AppContext
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_discovery_views import _run_wizard, messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import (  # noqa: F401 (registered is a fixture)
    IN,
    IN_X,
    KNOWN,
    Ids,
    Row,
    csv_bytes,
    expected,
    fullwidth,
    people,
    registered,
    run,
)

Case = Callable[[Path], tuple[Path, dict[str, Any]]]


# -- writers ------------------------------------------------------------------------------------

class Raw:
    """A cell written as given: ``{r}`` is its reference attribute, ``{p}`` the element prefix."""

    def __init__(self, xml: str) -> None:
        self.xml = xml


def number(text: str) -> Raw:
    """A number cell holding ``text`` as the writer put it ("4.20203199001011E17", "420203800101123")."""
    return Raw(f"<{{p}}c{{r}}><{{p}}v>{text}</{{p}}v></{{p}}c>")


def text_formula(formula: str, result: str) -> Raw:
    """A formula whose text result was saved (t="str")."""
    return Raw(f'<{{p}}c{{r}} t="str"><{{p}}f>{escape(formula)}</{{p}}f><{{p}}v>{escape(result)}</{{p}}v></{{p}}c>')


NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def sheet_xml(rows: Sequence[Sequence[Any]], *, p: str = "", refs: bool = True, dimension: str | None = None,
              shared: list[str] | None = None, before: str = "", after: str = "",
              hidden_rows: Sequence[int] = ()) -> str:
    """A worksheet part. Strings are inline (t="inlineStr") unless ``shared`` collects them."""
    body = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, value in enumerate(row):
            ref = f' r="{column_letter(c)}{r}"' if refs else ""
            if value is None:
                continue
            if isinstance(value, Raw):
                cells.append(value.xml.format(r=ref, p=p))
            elif isinstance(value, str):
                if shared is not None:
                    shared.append(value)
                    cells.append(f'<{p}c{ref} t="s"><{p}v>{len(shared) - 1}</{p}v></{p}c>')
                else:
                    cells.append(f'<{p}c{ref} t="inlineStr"><{p}is><{p}t xml:space="preserve">{escape(value)}'
                                 f"</{p}t></{p}is></{p}c>")
            else:
                cells.append(f"<{p}c{ref}><{p}v>{value}</{p}v></{p}c>")
        row_ref = f' r="{r}"' if refs else ""
        hidden = ' hidden="1"' if r in hidden_rows else ""
        body.append(f"<{p}row{row_ref}{hidden}>{''.join(cells)}</{p}row>")
    xmlns = f'xmlns{":" + p[:-1] if p else ""}="{NS}" xmlns:r="{RNS}"'
    dim = f'<{p}dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}worksheet {xmlns}>{dim}{before}'
            f"<{p}sheetData>{''.join(body)}</{p}sheetData>{after}</{p}worksheet>")


def shared_strings_xml(strings: Sequence[str], p: str = "") -> str:
    items = "".join(s if s.startswith(f"<{p}si>") else f'<{p}si><{p}t xml:space="preserve">{escape(s)}</{p}t></{p}si>'
                    for s in strings)
    xmlns = f'xmlns{":" + p[:-1] if p else ""}="{NS}"'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}sst {xmlns} count="{len(strings)}" '
            f'uniqueCount="{len(strings)}">{items}</{p}sst>')


def raw_xlsx(path: Path, sheets: Sequence[tuple[str, str]], *, strings: str | None = None, p: str = "",
             targets: Sequence[str] | None = None, states: Sequence[str] = ()) -> Path:
    """An .xlsx put together part by part, as a business system's exporter writes one: ``sheets`` are
    (name, worksheet XML); ``targets`` the parts' names as the workbook's relationships give them."""
    targets = targets or [f"worksheets/sheet{i}.xml" for i in range(1, len(sheets) + 1)]
    parts = {t.lstrip("/").removeprefix("xl/"): t for t in targets}
    overrides = "".join(f'<Override PartName="/xl/{name}" ContentType="application/vnd.openxmlformats-officedocument.'
                        f'spreadsheetml.worksheet+xml"/>' for name in parts)
    if strings is not None:
        overrides += ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                      'officedocument.spreadsheetml.sharedStrings+xml"/>')
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
             '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
             f'main+xml"/>{overrides}</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    xmlns = f'xmlns{":" + p[:-1] if p else ""}="{NS}" xmlns:r="{RNS}"'
    entries = "".join(f'<{p}sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"'
                      f'{f" state={chr(34)}{states[i - 1]}{chr(34)}" if i <= len(states) and states[i - 1] else ""}/>'
                      for i, (name, _xml) in enumerate(sheets, 1))
    workbook = f'<?xml version="1.0" encoding="UTF-8"?><{p}workbook {xmlns}><{p}sheets>{entries}</{p}sheets></{p}workbook>'
    relations = "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                        f'relationships/worksheet" Target="{target}"/>' for i, target in enumerate(targets, 1))
    if strings is not None:
        relations += (f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/'
                      '2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
    book_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                 f'package/2006/relationships">{relations}</Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr("xl/_rels/workbook.xml.rels", book_rels)
        for (_name, xml), part in zip(sheets, parts, strict=True):
            zf.writestr(f"xl/{part}", xml)
        if strings is not None:
            zf.writestr("xl/sharedStrings.xml", strings)
    return path


def ods(path: Path, tables: Sequence[tuple[str, str]]) -> Path:
    """An OpenDocument spreadsheet as LibreOffice saves it (``tables``: name, the rows' XML)."""
    body = "".join(f'<table:table table:name="{escape(name)}">{rows}</table:table>' for name, rows in tables)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                    compress_type=zipfile.ZIP_STORED)
        zf.writestr("META-INF/manifest.xml", manifest)
        zf.writestr("content.xml", content)
    return path


def ods_row(values: Sequence[Any], *, width: int = 0) -> str:
    cells = []
    for value in values:
        if value is None:
            cells.append("<table:table-cell/>")
        elif isinstance(value, Raw):
            cells.append(value.xml)
        elif isinstance(value, str):
            cells.append(f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p>'
                         "</table:table-cell>")
        else:
            cells.append(f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p>'
                         "</table:table-cell>")
    if width > len(values):  # LibreOffice's empty cells to the sheet's last column
        cells.append(f'<table:table-cell table:number-columns-repeated="{width - len(values)}"/>')
    return f"<table:table-row>{''.join(cells)}</table:table-row>"


def xls(path: Path, sheets: Sequence[tuple[str, Sequence[Sequence[Any]]]],
        merges: Sequence[tuple[int, int, int, int, int]] = (), *, password: str = "") -> Path:
    """A legacy .xls written as xlwt writes it; ``merges``: (sheet, r1, r2, c1, c2), 0-based; ``password``
    protects the workbook and each sheet (not the file: nothing is encrypted)."""
    book = xlwt.Workbook(encoding="utf-8")
    book.protect, book.password = bool(password), password
    made = []
    for name, rows in sheets:
        ws = book.add_sheet(name)
        ws.protect, ws.password = bool(password), password
        made.append(ws)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    ws.write(r, c, value)
    for index, r1, r2, c1, c2 in merges:
        made[index].merge(r1, r2, c1, c2)
    book.save(str(path))
    return path


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _biff8_text(text: str, count: str) -> bytes:
    """An XLUnicodeString: one byte a character when every one fits (fHighByte 0), else UTF-16."""
    try:
        raw, flag = text.encode("latin-1"), 0
    except UnicodeEncodeError:
        raw, flag = text.encode("utf-16-le"), 1
    return struct.pack(f"<{count}", len(text), flag) + raw


def jxl_xls(path: Path, name: str, rows: Sequence[Sequence[Any]], codepage: int = 1252, *, small: bool = False) -> Path:
    """A .xls as JExcelApi (jxl) writes it: BIFF8, the texts in the shared string table (LABELSST) and a
    CODEPAGE record of 1252 (jxl's fixed value), in the compound file xlwt writes."""
    strings: dict[str, int] = {}
    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and value:
                cells += _record(0x00FD, struct.pack("<HHHI", r, c, 0, strings.setdefault(value, len(strings))))
            elif isinstance(value, int | float):
                cells += _record(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))
    width = max(len(row) for row in rows)

    def bof(kind: int) -> bytes:
        return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))

    sheet = bof(0x10) + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0)) + cells + _record(0x000A, b"")
    sst = struct.pack("<II", len(strings), len(strings)) + b"".join(_biff8_text(t, "HB") for t in strings)
    head = bof(0x05) + _record(0x0042, struct.pack("<H", codepage))
    tail = _record(0x00FC, sst) + _record(0x000A, b"")
    bound_size = len(_record(0x0085, struct.pack("<IBB", 0, 0, 0) + _biff8_text(name, "BB")))
    bound = _record(0x0085, struct.pack("<IBB", len(head) + bound_size + len(tail), 0, 0) + _biff8_text(name, "BB"))
    if small:
        return small_compound(path, head + bound + tail + sheet)
    XlsDoc().save(str(path), head + bound + tail + sheet)
    return path


def excel95_xls(path: Path, sheets: Sequence[tuple[str, Sequence[Sequence[Any]], int]], codepage: int = 936) -> Path:
    """A .xls as Excel 5.0/95 (BIFF5) saves it on a Chinese Windows: texts in GBK (LABEL), small whole
    numbers as RK, others as NUMBER, a ("=", text) cell as a formula whose text result follows in a
    STRING record; ``sheets``: (name, rows, state: 0 visible, 1 hidden); the stream named "Book"."""
    encoding = {936: "gbk", 950: "cp950"}.get(codepage, "latin-1")

    def bof(kind: int) -> bytes:
        return _record(0x0809, struct.pack("<HHHH", 0x0500, kind, 0x0DBB, 0x07CC))

    streams = []
    for _name, rows, _state in sheets:
        body = bof(0x10) + _record(0x0200, struct.pack("<5H", 0, len(rows), 0, max(map(len, rows)), 0))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, tuple):
                    text = value[1].encode(encoding)
                    body += _record(0x0006, struct.pack("<3H", r, c, 0) + b"\x00" * 6 + b"\xff\xff"
                                    + struct.pack("<HIH", 0, 0, 0))
                    body += _record(0x0207, struct.pack("<H", len(text)) + text)
                elif isinstance(value, str) and value:
                    text = value.encode(encoding)
                    body += _record(0x0204, struct.pack("<4H", r, c, 0, len(text)) + text)
                elif isinstance(value, int) and 0 <= value < 1 << 29:
                    body += _record(0x027E, struct.pack("<3HI", r, c, 0, value << 2 | 2))
                elif isinstance(value, int | float):
                    body += _record(0x0203, struct.pack("<3Hd", r, c, 0, float(value)))
        streams.append(body + _record(0x000A, b""))
    head = bof(0x05) + _record(0x0042, struct.pack("<H", codepage))

    def bound(offset: int, name: str, state: int) -> bytes:
        raw = name.encode(encoding)
        return _record(0x0085, struct.pack("<IBBB", offset, state, 0, len(raw)) + raw)

    offset = len(head) + sum(len(bound(0, name, 0)) for name, _r, _s in sheets) + 4
    globals_ = head
    for (name, _rows, state), body in zip(sheets, streams, strict=True):
        globals_ += bound(offset, name, state)
        offset += len(body)
    XlsDoc().save(str(path), globals_ + _record(0x000A, b"") + b"".join(streams))
    data = bytearray(path.read_bytes())  # Excel 95 names its stream "Book"
    at = data.index("Workbook\x00".encode("utf-16-le"))
    data[at:at + 18] = "Book\x00".encode("utf-16-le").ljust(18, b"\x00")
    data[at + 0x40:at + 0x42] = struct.pack("<H", 10)
    path.write_bytes(bytes(data))
    return path


def small_compound(path: Path, stream: bytes) -> Path:
    """A compound file whose Workbook stream (under 4096 bytes) lies in the mini stream, its 64-byte
    pieces stored in reverse order (as a writer that reuses freed sectors leaves them)."""
    end, free, fat_mark, none = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    assert len(stream) < 4096
    pieces = [stream[i:i + 64].ljust(64, b"\x00") for i in range(0, len(stream), 64)]
    n = len(pieces)
    slots = list(range(n))[::-1]  # piece k of the stream sits in mini sector slots[k]
    mini = bytearray(64 * n)
    mini_fat = [free] * 128
    for k, slot in enumerate(slots):
        mini[slot * 64:(slot + 1) * 64] = pieces[k]
        mini_fat[slot] = slots[k + 1] if k + 1 < n else end
    data_sectors = -(-len(mini) // 512)
    fat = [fat_mark, end, end] + [3 + i + 1 for i in range(data_sectors - 1)] + [end]
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = (name + "\x00").encode("utf-16-le") if name else b""
        return (raw.ljust(64, b"\x00") + struct.pack("<HBB3I", len(raw), kind, 1, none, none, child) + bytes(36)
                + struct.pack("<3I", start, size, 0))

    directory = (entry("Root Entry", 5, 1, 3, len(mini)) + entry("Workbook", 2, none, slots[0], len(stream))
                 + entry("", 0, none, 0, 0) * 2)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<9I", 0, 1, 1, 0, 4096, 2, 1, end, 0) + struct.pack("<I", 0) + struct.pack("<108I", *[free] * 108))
    path.write_bytes(header + struct.pack("<128I", *fat) + directory + struct.pack("<128I", *mini_fat)
                     + bytes(mini).ljust(data_sectors * 512, b"\x00"))
    return path


def listed(rows: list[Row]) -> list[list[Any]]:
    """序号 | 姓名 | 身份证号 rows for ``rows``."""
    return [[i, name, value] for i, (name, value, _what) in enumerate(rows, 1)]


# -- xlsx from business systems -------------------------------------------------------------------

def hrss_inline_strings(tmp: Path) -> tuple[Path, dict]:
    """人社 (a Java exporter): every text an inline string, no shared strings, no dimension, no styles; a
    title row above the header."""
    rows = people(Ids())
    data = [["2026年第三季度失业登记人员名单"], ["序号", "姓名", "公民身份号码", "登记日期"]]
    data += [[i, n, v, "2026-07-01"] for i, (n, v, _w) in enumerate(rows, 1)]
    return raw_xlsx(tmp / "人社_失业登记.xlsx", [("失业人员", sheet_xml(data))]), expected(rows)


def medical_cells_without_refs(tmp: Path) -> tuple[Path, dict]:
    """医保 (a web system's exporter): rows and cells written without their r="A1" references, strings
    shared."""
    rows = people(Ids())
    shared: list[str] = []
    xml = sheet_xml([["参保人姓名", "证件号码", "险种"]] + [[n, v, "城乡居民医保"] for n, v, _w in rows],
                    refs=False, shared=shared)
    return raw_xlsx(tmp / "医保_参保.xlsx", [("Sheet1", xml)], strings=shared_strings_xml(shared)), expected(rows)


def health_shared_formulas(tmp: Path) -> tuple[Path, dict]:
    """卫健: 序号 a shared formula (=ROW()-2 written once, the other cells pointing to it) and 出生日期
    taken from the number by =MID(), both with their results saved."""
    rows = people(Ids())
    data: list[list[Any]] = [["计划生育特殊家庭名单"], ["序号", "姓名", "身份证号码", "出生年月"]]
    last = len(rows) + 2
    for i, (name, value, _what) in enumerate(rows, 1):
        r = i + 2
        serial = (Raw(f'<{{p}}c{{r}}><{{p}}f t="shared" ref="A3:A{last}" si="0">ROW()-2</{{p}}f><{{p}}v>{i}</{{p}}v>'
                      "</{p}c>") if i == 1 else Raw(f'<{{p}}c{{r}}><{{p}}f t="shared" si="0"/><{{p}}v>{i}</{{p}}v></{{p}}c>'))
        born = (Raw(f'<{{p}}c{{r}} t="str"><{{p}}f t="shared" ref="D3:D{last}" si="1">MID(C{r},7,6)</{{p}}f>'
                    f"<{{p}}v>{escape(str(value)[6:12])}</{{p}}v></{{p}}c>") if i == 1 else
                Raw(f'<{{p}}c{{r}} t="str"><{{p}}f t="shared" si="1"/><{{p}}v>{escape(str(value)[6:12])}</{{p}}v></{{p}}c>'))
        data.append([serial, name, value, born])
    return raw_xlsx(tmp / "卫健_计生特扶.xlsx", [("名单", sheet_xml(data, dimension=f"A1:D{last}"))]), expected(rows)


def housing_text_formula_ids(tmp: Path) -> tuple[Path, dict]:
    """住建: the numbers as typed kept in a hidden column (原始号码), the ID column =TRIM() of it with its
    text results saved."""
    rows = people(Ids())
    data: list[list[Any]] = [["户主姓名", "身份证号", "原始号码", "保障方式"]]
    for i, (name, value, _what) in enumerate(rows, 2):
        shown = str(value).strip()
        data.append([name, text_formula(f"TRIM(C{i})", shown) if shown else Raw(
            f'<{{p}}c{{r}} t="str"><{{p}}f>TRIM(C{i})</{{p}}f><{{p}}v></{{p}}v></{{p}}c>'), value, "租赁补贴"])
    cols = '<cols><col min="3" max="3" width="0" hidden="1" customWidth="1"/></cols>'
    return raw_xlsx(tmp / "住建_公租房.xlsx", [("名单", sheet_xml(data, before=cols))]), expected(rows)


def medical_scientific_numbers(tmp: Path) -> tuple[Path, dict]:
    """医保 (Apache POI): numbers written as doubles, "4.20203199001011E17" (stored as a number) and a
    legacy 15-digit number in full (exact, converted); the rest text."""
    ids = Ids()
    legacy, _full = ids.legacy()
    rows: list[Row] = [("王伟", number("4.20203199001011E17"), "stored as a number"),
                       ("李芳", number("4.2020319551203E17"), "stored as a number"),
                       ("张娜", number(legacy), "new15"), ("刘英", IN, "in"), ("陈敏", ids.new(), "new"),
                       ("杨静", KNOWN, "known"), ("黄丽", IN, "dup")]
    data = [["姓名", "身份证号码"]] + [[n, v] for n, v, _w in rows]
    return raw_xlsx(tmp / "医保_大病.xlsx", [("sheet0", sheet_xml(data))]), expected(rows)


def police_prefixed_xml(tmp: Path) -> tuple[Path, dict]:
    """公安 (the .NET Open XML SDK): every element with the x: prefix, strings shared."""
    rows = people(Ids())
    shared: list[str] = []
    data = [["姓名", "性别", "公民身份号码", "户籍地址"]] + [[n, "男", v, "八泉街道"] for n, v, _w in rows]
    xml = sheet_xml(data, p="x:", shared=shared)
    return raw_xlsx(tmp / "公安_户籍.xlsx", [("户籍人口", xml)], strings=shared_strings_xml(shared, "x:"),
                    p="x:"), expected(rows)


def disabled_rich_text(tmp: Path) -> tuple[Path, dict]:
    """残联 (WPS): shared strings in runs, an ID number's last digits in red in a run of their own, names
    with phonetic guides."""
    rows = people(Ids())
    strings: list[str] = []

    def shared(item: str) -> Raw:
        strings.append(item)
        return Raw(f'<{{p}}c{{r}} t="s"><{{p}}v>{len(strings) - 1}</{{p}}v></{{p}}c>')

    def runs(value: str) -> str:
        if len(value) <= 12:
            return value
        return (f'<si><r><t xml:space="preserve">{escape(value[:12])}</t></r><r><rPr><color rgb="FFFF0000"/></rPr>'
                f'<t xml:space="preserve">{escape(value[12:])}</t></r></si>')

    data: list[list[Any]] = [[shared("姓名"), shared("身份证号"), shared("残疾类别")]]
    for name, value, _what in rows:
        data.append([shared(f'<si><t>{escape(name)}</t><rPh sb="0" eb="1"><t>ｶﾅ</t></rPh></si>'), shared(runs(value)),
                     shared("肢体")])
    return raw_xlsx(tmp / "残联_持证.xlsx", [("Sheet1", sheet_xml(data))], strings=shared_strings_xml(strings)), \
        expected(rows)


def education_absolute_targets(tmp: Path) -> tuple[Path, dict]:
    """教育 (a school system): the workbook's relationships name the sheet by an absolute path, the part
    not called sheet1.xml; ID numbers given by ="…" whose results were never saved, one cell typed as
    a text result (t="str"), which was read as an empty text saved."""
    rows = people(Ids())
    data: list[list[Any]] = [["学生姓名", "身份证号", "学校"]]
    for i, (name, value, _what) in enumerate(rows, 2):
        if i in (3, 4) and value:
            kind = ' t="str"' if i == 4 else ""
            data.append([name, Raw(f'<{{p}}c{{r}}{kind}><{{p}}f>"{escape(value)}"</{{p}}f></{{p}}c>'), "十五中"])
        else:
            data.append([name, value, "十五中"])
    return raw_xlsx(tmp / "教育_资助.xlsx", [("学生", sheet_xml(data))], targets=["/xl/worksheets/data.xml"]), \
        expected(rows)


def township_wrong_dimension(tmp: Path) -> tuple[Path, dict]:
    """乡镇 (an exporter that never updates it): a dimension tag of A1:C3 over a list running to row 17."""
    rows = people(Ids())
    data = [["姓名", "身份证号", "村"]] + [[n, v, "道仕袱村"] for n, v, _w in rows]
    return raw_xlsx(tmp / "河口镇_排查.xlsx", [("Sheet1", sheet_xml(data, dimension="A1:C3"))]), expected(rows)


def civil_hidden_sheet_first(tmp: Path) -> tuple[Path, dict]:
    """民政: a hidden code sheet first (证件类型 codes, with a 身份证号 column of examples), the list on the
    second, visible sheet."""
    rows = people(Ids())
    codes_sheet = [["代码", "证件类型", "身份证号"], ["01", "居民身份证", IN], ["02", "护照", KNOWN]]
    data = [["姓名", "身份证号", "证件类型"]] + [[n, v, "居民身份证"] for n, v, _w in rows]
    return raw_xlsx(tmp / "民政_临时救助.xlsx", [("代码表", sheet_xml(codes_sheet)), ("名单", sheet_xml(data))],
                    states=["hidden", ""]), expected(rows)


# -- LibreOffice -----------------------------------------------------------------------------------

def disabled_libreoffice_ods(tmp: Path) -> tuple[Path, dict]:
    """残联 (LibreOffice .ods): a title spanned over the columns, the ID numbers as text but one a float
    cell, the empty rows repeated down to the sheet's last row as LibreOffice writes them."""
    rows = people(Ids()) + [("林霞", 420203199001011238.0, "stored as a number")]
    body = ['<table:table-column table:number-columns-repeated="1024"/>',
            '<table:table-row><table:table-cell office:value-type="string" table:number-columns-spanned="4">'
            '<text:p>持证残疾人名单</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated'
            '="3"/><table:table-cell table:number-columns-repeated="1020"/></table:table-row>',
            ods_row(["序号", "姓名", "身份证号码", "残疾等级"], width=1024)]
    for i, (name, value, _what) in enumerate(rows, 1):
        cell = (f'<table:table-cell office:value-type="float" office:value="{value!r}"><text:p>{value:.5E}'
                "</text:p></table:table-cell>") if isinstance(value, float) else None
        body.append(ods_row([i, name, Raw(cell) if cell else value, "二级"], width=1024))
    body.append('<table:table-row table:number-rows-repeated="1048550"><table:table-cell '
                'table:number-columns-repeated="1024"/></table:table-row>')
    return ods(tmp / "残联_名单.ods", [("名单", "".join(body))]), expected(rows)


# -- legacy .xls kept by hand ----------------------------------------------------------------------

def village_household_members_xls(tmp: Path) -> tuple[Path, dict]:
    """乡镇 (.xls): one row per person, 户序号 and 户主姓名 merged down over the household's members,
    成员姓名 and 身份证号 on each row; two members without a number (children)."""
    ids = Ids()
    households: list[list[Row]] = [
        [("王大", ids.new(), "new"), ("李二", ids.new(), "new"), ("王小", "", "empty")],
        [("张三", IN, "in"), ("刘四", ids.bad_check(), "check character")],
        [("陈五", KNOWN, "known")],
        [("赵六", fullwidth(ids.new()), "new"), ("孙七", IN, "dup"), ("赵八", "无", "empty"), ("赵九", ids.new(), "new")],
    ]
    data: list[list[Any]] = [["2026年河口镇困难家庭成员花名册", None, None, None, None],
                             ["户序号", "户主姓名", "成员姓名", "与户主关系", "身份证号码"]]
    merges = [(0, 0, 0, 0, 4)]
    flat: list[Row] = []
    for h, members in enumerate(households, 1):
        top = len(data)
        for k, (name, value, what) in enumerate(members):
            data.append([h if k == 0 else None, members[0][0] if k == 0 else None, name, "本人" if k == 0 else "子女",
                         value])
            flat.append((name, value, what))
        if len(members) > 1:
            merges += [(0, top, top + len(members) - 1, 0, 0), (0, top, top + len(members) - 1, 1, 1)]
    return xls(tmp / "河口镇_花名册.xls", [("花名册", data)], merges), expected(flat)


def housing_three_header_rows_xls(tmp: Path) -> tuple[Path, dict]:
    """住建 (.xls): a header over three rows: 基本情况 over everything, then 姓名 and 身份证号 merged down two
    rows beside 住房情况 over 面积 | 人均."""
    rows = people(Ids())
    data: list[list[Any]] = [["序号", "基本情况", None, None, None],
                             [None, "姓名", "身份证号", "住房情况", None],
                             [None, None, None, "面积", "人均"]]
    data += [[i, n, v, 40.5, 13.5] for i, (n, v, _w) in enumerate(rows, 1)]
    merges = [(0, 0, 2, 0, 0), (0, 0, 0, 1, 4), (0, 1, 2, 1, 1), (0, 1, 2, 2, 2), (0, 1, 1, 3, 4)]
    return xls(tmp / "住建_住房困难.xls", [("Sheet1", data)], merges), expected(rows)


def township_sheets_by_village_xls(tmp: Path) -> tuple[Path, dict]:
    """乡镇 (.xls): 填表说明 first, then one sheet per village; the first village's list is read and the
    others named (each is imported on its own)."""
    rows = people(Ids())
    other = Ids()
    other.n = 500
    data = [["序号", "姓名", "身份证号码", "村"]] + [[*r, "道仕袱村"] for r in listed(rows)]
    second = [["序号", "姓名", "身份证号码", "村"]] + [[i, "某某", other.new(), "黄思湾村"] for i in range(1, 6)]
    path = xls(tmp / "河口镇_分村.xls", [("填表说明", [["1. 每村一个工作表"], ["2. 身份证号码填18位"]]),
                                        ("道仕袱村", data), ("黄思湾村", second)])
    return path, {**expected(rows), "other_sheets": ["黄思湾村"]}


def health_footer_merged_xls(tmp: Path) -> tuple[Path, dict]:
    """卫健 (.xls): 合计 merged over the first three columns ("合计:15人"), then one merged line of
    signatures and date, and "以下空白"."""
    rows = people(Ids())
    n = len(rows)
    data: list[list[Any]] = [["序号", "姓名", "身份证号码", "病种"]] + [[*r, "尿毒症"] for r in listed(rows)]
    data += [[f"合计:{n}人", None, None, n], ["制表人:王五    审核人:赵六    日期:2026年10月9日", None, None, None],
             ["以下空白", None, None, None]]
    merges = [(0, n + 1, n + 1, 0, 2), (0, n + 2, n + 2, 0, 3)]
    return xls(tmp / "卫健_大病.xls", [("Sheet1", data)], merges), expected(rows)


def hrss_hidden_former_column_xls(tmp: Path) -> tuple[Path, dict]:
    """人社 (.xls): a hidden column 原身份证号 of the old 15-digit numbers first, the 18-digit 身份证号 after."""
    ids = Ids()
    rows: list[Row] = []
    data: list[list[Any]] = [["姓名", "原身份证号", "身份证号", "就业状态"]]
    for name, value, what in people(ids):
        old = value[:6] + value[8:17] if isinstance(value, str) and len(value) == 18 and value.isdigit() else ""
        data.append([name, old, value, "失业"])
        rows.append((name, value, what))
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("名单")
    for r, row in enumerate(data):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    ws.col(1).hidden = True
    path = tmp / "人社_就业.xls"
    book.save(str(path))
    return path, expected(rows)


def village_name_and_number_in_one_cell_xls(tmp: Path) -> tuple[Path, dict]:
    """村委会 (.xls typed by hand): 序号 | 姓名及身份证号 ("张三 420203…", a space, a line break, a colon or
    brackets between them, or the number first) | 家庭人口."""
    ids = Ids()
    rows: list[Row] = [("王伟", f"王伟 {ids.new()}", "new"), ("李芳", f"李芳\n{IN}", "in"),
                       ("张娜", f"张娜{KNOWN}", "known"), ("刘英", f"刘英  {ids.bad_check()}", "check character"),
                       ("陈敏", f"陈敏 {ids.new()[:16]}", "length"), ("杨静", f"杨静 {IN.lower()}", "dup"),
                       ("黄丽", "黄丽", "empty"), ("赵强", f"赵强({ids.new()})", "new"), ("吴磊", f"吴磊:{ids.new()}", "new"),
                       ("周军", f"{ids.new()} 周军", "new"), ("徐洋", f"徐洋（户主） {ids.new()}", "new")]
    data = [["序号", "姓名及身份证号", "家庭人口"]] + [[i, v, 3] for i, (_n, v, _w) in enumerate(rows, 1)]
    return xls(tmp / "道仕袱村_名单.xls", [("Sheet1", data)]), expected(rows)


# -- xlsx kept by hand ------------------------------------------------------------------------------

def education_group_header_id_merged_down(tmp: Path) -> tuple[Path, dict]:
    """教育: 基本信息 over 姓名 | 性别, 身份证号码 merged down both header rows, 联系方式 over 手机 | 固话."""
    rows = people(Ids())
    path = tmp / "教育_贫困学生.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("学生")
    ws.merge_range(0, 0, 1, 0, "序号")
    ws.merge_range(0, 1, 0, 2, "基本信息")
    ws.merge_range(0, 3, 1, 3, "身份证号码")
    ws.merge_range(0, 4, 0, 5, "联系方式")
    ws.write_row(1, 1, ["姓名", "性别"])
    ws.write_row(1, 4, ["手机", "固话"])
    for i, (name, value, _what) in enumerate(rows, 2):
        ws.write_row(i, 0, [i - 1, name, "女"])
        ws.write_string(i, 3, value)
        ws.write_row(i, 4, ["13800001111", "0714-6543210"])
    book.close()
    return path, expected(rows)


def plain(path: Path, header: list[str], lines: Sequence[Sequence[Any]], rows: list[Row]) -> tuple[Path, dict]:
    """An .xlsx of one header row and ``lines`` under it (openpyxl), and what a clerk finds in ``rows``."""
    book = openpyxl.Workbook()
    for line in [header, *lines]:
        book.active.append(list(line))
    book.save(path)
    return path, expected(rows)


def others(start: int, count: int) -> list[str]:
    """``count`` valid numbers of people beside the persons listed (a head, a guardian, a parent)."""
    ids = Ids()
    ids.n = start
    return [ids.new() for _ in range(count)]


def police_id_type_in_brackets(tmp: Path) -> tuple[Path, dict]:
    """公安: 证件号码(身份证) as the column name, 证件类型 beside it."""
    rows = people(Ids())
    return plain(tmp / "公安_人口.xlsx", ["姓名", "证件类型", "证件号码(身份证)", "户籍地"],
                 [[n, "居民身份证", v, "西塞山区"] for n, v, _w in rows], rows)


def housing_head_first_member_after(tmp: Path) -> tuple[Path, dict]:
    """住建: 户主身份证 first (the same head on several rows), then 家庭成员 | 身份证号(18位)."""
    rows, heads = people(Ids()), others(900, 3)
    return plain(tmp / "住建_家庭成员.xlsx", ["户主姓名", "户主身份证", "家庭成员", "身份证号(18位)", "关系"],
                 [["户主", heads[i % 3], n, v, "子女"] for i, (n, v, _w) in enumerate(rows)], rows)


def disabled_guardian_before_own(tmp: Path) -> tuple[Path, dict]:
    """残联 (minors and people under guardianship): 监护人姓名 | 监护人身份证 first, then 姓名 | 本人身份证."""
    rows = people(Ids())
    carers = others(950, len(rows))
    return plain(tmp / "残联_监护.xlsx", ["监护人姓名", "监护人身份证", "姓名", "本人身份证", "残疾类别"],
                 [["监护人", carer, n, v, "智力"] for carer, (n, v, _w) in zip(carers, rows, strict=True)], rows)


def housing_applicant_and_family(tmp: Path) -> tuple[Path, dict]:
    """住保: 申请人姓名 | 申请人身份证号码 and 共同申请人身份证号码 (a spouse, often empty) after it."""
    rows = people(Ids())
    spouses = others(960, len(rows))
    return plain(tmp / "住保_申请.xlsx", ["申请编号", "申请人姓名", "申请人身份证号码", "共同申请人姓名", "共同申请人身份证号码"],
                 [[f"ZB{i:04d}", n, v, "配偶" if i % 2 else None, spouses[i - 1] if i % 2 else None]
                  for i, (n, v, _w) in enumerate(rows, 1)], rows)


def medical_patient_column_names(tmp: Path) -> tuple[Path, dict]:
    """医保 (a hospital's list): 住院号 | 患者姓名 | 患者身份证号 | 入院日期 | 陪护人电话."""
    rows = people(Ids())
    return plain(tmp / "医保_住院.xlsx", ["住院号", "患者姓名", "患者身份证号", "入院日期", "陪护人电话"],
                 [[f"ZY2026{i:05d}", n, v, "2026-08-01", "13900001111"] for i, (n, v, _w) in enumerate(rows, 1)], rows)


def citizen_id_full_name(tmp: Path) -> tuple[Path, dict]:
    """应急管理: 公民身份证号码 and 受灾人员姓名; the numbers of 15 digits kept as number cells (exact)."""
    ids = Ids()
    rows = people(ids) + [("钱一", int(ids.legacy()[0]), "new15"), ("钱二", 420203800101123, "new15")]
    return plain(tmp / "应急_受灾.xlsx", ["受灾人员姓名", "公民身份证号码", "受灾类型"], [[n, v, "洪涝"] for n, v, _w in rows],
                 rows)


def social_security_card_number(tmp: Path) -> tuple[Path, dict]:
    """人社: the ID column named 社会保障卡号 (a social security card's number is the holder's ID number)."""
    rows = people(Ids())
    return plain(tmp / "人社_待遇.xlsx", ["姓名", "社会保障卡号", "待遇类型"], [[n, v, "失业保险金"] for n, v, _w in rows], rows)


def student_and_parent(tmp: Path) -> tuple[Path, dict]:
    """教育: 家长姓名 | 家长身份证号 | 学生姓名 | 学生身份证号 (the same parent for siblings)."""
    rows, parents = people(Ids()), others(970, 4)
    return plain(tmp / "教育_学生家长.xlsx", ["家长姓名", "家长身份证号", "学生姓名", "学生身份证号", "就读学校"],
                 [["家长", parents[i % 4], n, v, "第十五中学"] for i, (n, v, _w) in enumerate(rows)], rows)


def printed_pages_with_titles(tmp: Path) -> tuple[Path, dict]:
    """卫健 (pasted from a printed report): every five persons a blank row, the title again ("…(续表)")
    and the header again."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    ws = book.active
    title, header = "2026年计划生育特殊家庭名单", ["序号", "姓名", "身份证号码", "类别"]
    ws.append([title])
    ws.append(header)
    for i, (name, value, _what) in enumerate(rows, 1):
        ws.append([i, name, value, "失独"])
        if i % 5 == 0 and i < len(rows):
            ws.append([])
            ws.append([title + "(续表)"])
            ws.append(header)
    book.save(tmp / "卫健_续表.xlsx")
    return tmp / "卫健_续表.xlsx", expected(rows)


def insurance_kinds_repeat_a_person(tmp: Path) -> tuple[Path, dict]:
    """医保: one row per person and insurance kind, so the same person comes twice (duplicates)."""
    ids = Ids()
    a, b = ids.new(), ids.new()
    rows: list[Row] = [("王伟", a, "new"), ("王伟", a, "dup"), ("李芳", IN, "in"), ("李芳", IN, "dup"),
                       ("张娜", b, "new"), ("张娜", b.lower(), "dup"), ("刘英", KNOWN, "known")]
    kinds = ["基本医保", "大病保险", "基本医保", "医疗救助", "基本医保", "大病保险", "基本医保"]
    return plain(tmp / "医保_险种.xlsx", ["参保人姓名", "身份证号码", "险种"],
                 [[n, v, kind] for (n, v, _w), kind in zip(rows, kinds, strict=True)], rows)


def justice_hidden_columns_and_rows(tmp: Path) -> tuple[Path, dict]:
    """司法 (社区矫正): the header on row 2 under a merged title, two hidden columns between the name and
    the number, hidden rows (still data), frozen panes and an auto filter with a criterion."""
    rows = people(Ids())
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["社区矫正对象名单"])
    ws.merge_cells("A1:F1")
    ws.append(["序号", "姓名", "曾用名", "案由", "身份证号码", "矫正类别"])
    for i, (name, value, _what) in enumerate(rows, 1):
        ws.append([i, name, None, "盗窃", value, "缓刑"])
    ws.column_dimensions["C"].hidden = True
    ws.column_dimensions["D"].hidden = True
    for r in (4, 9, 12):
        ws.row_dimensions[r].hidden = True
    ws.freeze_panes = "C3"
    ws.auto_filter.ref = f"A2:F{len(rows) + 2}"
    ws.auto_filter.add_filter_column(5, ["缓刑"])
    book.save(tmp / "司法_矫正.xlsx")
    return tmp / "司法_矫正.xlsx", expected(rows)


def union_totals_signature_cells(tmp: Path) -> tuple[Path, dict]:
    """总工会: a 小计 per sub-district inside the list (with a sum under 补助金额), 总计 and then 单位负责人,
    填表人 and 联系电话 in cells of their own, a date below."""
    ids = Ids()
    rows = people(ids)
    first, second = rows[:7], rows[7:]
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "街道", "职工姓名", "身份证号码", "补助金额"])
    n = 0
    for part, street in ((first, "八泉街道"), (second, "河口镇")):
        for name, value, _what in part:
            n += 1
            ws.append([n, street, name, value, 500])
        ws.append([None, f"{street}小计", None, None, 500 * len(part)])
    ws.append(["总计", None, None, None, 500 * n])
    ws.append(["单位负责人:", "李四", "填表人:", "王五", "联系电话:0714-6222222"])
    ws.append([None, None, None, "2026年10月9日"])
    book.save(tmp / "总工会_送温暖.xlsx")
    return tmp / "总工会_送温暖.xlsx", expected(first + second)


# -- text files ------------------------------------------------------------------------------------

def education_gb18030_with_bom(tmp: Path) -> tuple[Path, dict]:
    """教育: GB18030 text with its own byte-order mark (84 31 95 33) in front."""
    rows = people(Ids())
    path = tmp / "教育_资助名单.csv"
    text = csv_bytes([["序号", "学生姓名", "身份证号", "学段"]] + [[*r, "高中"] for r in listed(rows)], "gb18030")
    path.write_bytes("\ufeff".encode("gb18030") + text)
    assert path.read_bytes().startswith(b"\x84\x31\x95\x33")
    return path, expected(rows)


def housing_excel_csv_utf8_multiline(tmp: Path) -> tuple[Path, dict]:
    """住建 (Excel's "CSV UTF-8"): BOM, addresses with a line break inside quotes, a title line above."""
    rows = people(Ids())
    lines: list[list[Any]] = [["2026年廉租住房保障名单", "", "", ""], ["序号", "姓名", "身份证号", "住址"]]
    lines += [[*r, "八泉街道\n飞云小区3栋"] for r in listed(rows)]
    path = tmp / "住建_廉租房.csv"
    path.write_bytes(csv_bytes(lines, "utf-8-sig"))
    return path, expected(rows)


def police_tab_txt_with_export_lines(tmp: Path) -> tuple[Path, dict]:
    """公安 (a system's tab-separated export, UTF-8 without BOM): 导出时间 and 导出人 lines above the header,
    LF line ends, a tab after every line."""
    rows = people(Ids())
    text = "导出时间:2026-10-08 10:12:00\t\t\t\n导出人:张警官\t\t\t\n"
    text += "姓名\t公民身份号码\t户籍地址\t\n" + "".join(f"{n}\t{v}\t八泉街道\t\n" for n, v, _w in rows)
    path = tmp / "公安_导出.txt"
    path.write_bytes(text.encode("utf-8"))
    return path, expected(rows)


def text_list(path: Path, lines: Sequence[Sequence[Any]], rows: list[Row], encoding: str = "gbk", delimiter: str = ",",
              *, before: bytes = b"", line_end: bytes = b"\r\n") -> tuple[Path, dict]:
    """A text list of ``lines`` (written as Excel writes CSV), and what a clerk finds in ``rows``."""
    path.write_bytes(before + csv_bytes([list(line) for line in lines], encoding, delimiter).replace(
        "\r\n".encode(encoding), line_end))
    return path, expected(rows)


def health_mac_cr_csv(tmp: Path) -> tuple[Path, dict]:
    """卫健 (Excel for Mac, "CSV"): lines ending in CR alone, UTF-8."""
    rows = people(Ids())
    return text_list(tmp / "卫健_mac.csv", [["姓名", "身份证号", "类别"]] + [[n, v, "特扶"] for n, v, _w in rows], rows,
                     "utf-8", line_end=b"\r")


def medical_pipe_txt(tmp: Path) -> tuple[Path, dict]:
    """医保 (a settlement system's text export): GBK, fields separated by |."""
    rows = people(Ids())
    return text_list(tmp / "医保_结算.txt", [["姓名", "证件号码", "结算金额"]] + [[n, v, "1200.00"] for n, v, _w in rows],
                     rows, delimiter="|")


def excel_sep_line_csv(tmp: Path) -> tuple[Path, dict]:
    """A CSV for Excel with its "sep=;" first line, semicolons, UTF-8 with BOM."""
    rows = people(Ids())
    return text_list(tmp / "分隔符提示.csv", [["姓名", "身份证号码", "社区"]] + [[n, v, "飞云社区"] for n, v, _w in rows],
                     rows, "utf-8", ";", before=b"\xef\xbb\xbfsep=;\r\n")


def csv_wider_than_the_list(tmp: Path) -> tuple[Path, dict]:
    """GBK CSV from a sheet whose used range ran far right: twenty empty fields after every line, blank
    lines written as commas."""
    rows = people(Ids())
    lines = [["序号", "姓名", "身份证号码", "备注"] + [""] * 20]
    for i, r in enumerate(listed(rows), 1):
        lines.append([*r, ""] + [""] * 20)
        if i % 4 == 0:
            lines.append([""] * 24)
    path = tmp / "宽范围.csv"
    path.write_bytes(csv_bytes(lines, "gbk"))
    return path, expected(rows)


def ids_with_spaces_and_dashes_csv(tmp: Path) -> tuple[Path, dict]:
    """GBK CSV of numbers typed in groups: spaces, ideographic spaces and a line break between groups are
    read; dashes are characters an ID number does not have."""
    ids = Ids()
    a, b, c, d = ids.new(), ids.new(), ids.new(), ids.new()
    rows: list[Row] = [("王伟", f"{a[:6]} {a[6:14]} {a[14:]}", "new"), ("李芳", f"{b[:6]}\u3000{b[6:]}", "new"),
                       ("张娜", f"{c[:9]}\n{c[9:]}", "new"), ("刘英", f"{d[:6]}-{d[6:14]}-{d[14:]}", "characters"),
                       ("陈敏", f"{IN[:4]} {IN[4:8]} {IN[8:12]} {IN[12:16]} {IN[16:]}", "in"),
                       ("杨静", f"{a[:6]}  {a[6:]}", "dup")]
    path = tmp / "分组号码.csv"
    path.write_bytes(csv_bytes([["姓名", "身份证号"]] + [[n, v] for n, v, _w in rows], "gbk"))
    return path, expected(rows)


def utf16_be_csv(tmp: Path) -> tuple[Path, dict]:
    """UTF-16 big-endian with its BOM, tab-separated (an old Mac's "Unicode text")."""
    rows = people(Ids())
    path = tmp / "utf16be.txt"
    path.write_bytes(b"\xfe\xff" + csv_bytes([["姓名", "身份证号"]] + [[n, v] for n, v, _w in rows], "utf-16-be", "\t"))
    return path, expected(rows)


def stacked_lists_by_community_csv(tmp: Path) -> tuple[Path, dict]:
    """A GBK CSV of two communities' lists one under the other, each with its own name line and header."""
    ids = Ids()
    rows = people(ids)
    first, second = rows[:8], rows[8:]
    lines: list[list[Any]] = [["飞云社区", "", ""], ["姓名", "身份证号码", "电话"]]
    lines += [[n, v, "13800000000"] for n, v, _w in first]
    lines += [["", "", ""], ["八泉社区", "", ""], ["姓名", "身份证号码", "电话"]]
    lines += [[n, v, "13800000000"] for n, v, _w in second]
    path = tmp / "两个社区.csv"
    path.write_bytes(csv_bytes(lines, "gbk"))
    return path, expected(rows)


def python_on_windows_csv(tmp: Path) -> tuple[Path, dict]:
    """A script's CSV written on Windows without newline="" (every line ends in CR CR LF), GBK."""
    rows = people(Ids())
    return text_list(tmp / "脚本导出.csv", [["姓名", "身份证号码", "街道"]] + [[n, v, "八泉街道"] for n, v, _w in rows], rows,
                     line_end=b"\r\r\n")


def dos_exports_joined(tmp: Path) -> tuple[Path, dict]:
    """Two exports of a DOS-era system joined with `copy a.csv+b.csv`: the second's header again, and the
    end-of-file mark (Ctrl+Z) at the very end."""
    rows = people(Ids())
    first = csv_bytes([["姓名", "身份证号"]] + [[n, v] for n, v, _w in rows[:6]], "gbk")
    second = csv_bytes([["姓名", "身份证号"]] + [[n, v] for n, v, _w in rows[6:]], "gbk")
    path = tmp / "合并导出.csv"
    path.write_bytes(first + second + b"\x1a")
    return path, expected(rows)


def libreoffice_repeated_rows_ods(tmp: Path) -> tuple[Path, dict]:
    """LibreOffice (.ods) writes two identical rows as one row repeated (the same person listed twice
    running), a number split by a text span and a number with a <text:s/> space inside."""
    ids = Ids()
    a, b, c = ids.new(), ids.new(), ids.new()
    rows: list[Row] = [("王伟", a, "new"), ("王伟", a, "dup"), ("李芳", b, "new"), ("张娜", c, "new"), ("刘英", IN, "in")]
    body = [ods_row(["姓名", "身份证号", "社区"]),
            '<table:table-row table:number-rows-repeated="2">' + ods_row(["王伟", a, "飞云"]).removeprefix("<table:table-row>"),
            ods_row(["李芳", Raw(f'<table:table-cell office:value-type="string"><text:p>{b[:6]}<text:span text:style-name="T1">'
                                f"{b[6:14]}</text:span>{b[14:]}</text:p></table:table-cell>"), "飞云"]),
            ods_row(["张娜", Raw(f'<table:table-cell office:value-type="string"><text:p>{c[:6]}<text:s/>{c[6:]}</text:p>'
                                "</table:table-cell>"), "飞云"]),
            ods_row(["刘英", IN, "飞云"])]
    return ods(tmp / "重复行.ods", [("名单", "".join(body))]), expected(rows)


def rows_out_of_order_xlsx(tmp: Path) -> tuple[Path, dict]:
    """An exporter that writes the rows out of order (row 5 before row 2) and a header with Excel's
    _x000D_ escape for a line break ("身份证号码_x000D_\n(18位)")."""
    rows = people(Ids())
    shared: list[str] = []
    xml = sheet_xml([["姓名", "身份证号码_x000D_\n(18位)"]] + [[n, v] for n, v, _w in rows], shared=shared)
    head, body = xml.split("<sheetData>")
    lines = body.split("</sheetData>")[0].split("</row>")[:-1]
    lines = lines[:1] + lines[4:5] + lines[1:4] + lines[5:]
    xml = head + "<sheetData>" + "</row>".join(lines) + "</row></sheetData>" + body.split("</sheetData>")[1]
    return raw_xlsx(tmp / "乱序.xlsx", [("S", xml)], strings=shared_strings_xml(shared)), expected(rows)


# -- what calamine or the reading got wrong ------------------------------------------------------------

def hrss_jxl_xls(tmp: Path) -> tuple[Path, dict]:
    """人社 (a Java system writing with JExcelApi): BIFF8 with the CODEPAGE 1252 jxl always writes; every
    text came out garbled (calamine decoded the Unicode texts by that code page), no ID column was found."""
    rows = people(Ids()) + [("林霞", 420203199001011238.0, "stored as a number"), ("钱二", 420203800101123, "new15")]
    data = [["2026年第三季度失业人员名单"], ["序号", "姓名", "身份证号码", "失业日期"]]
    data += [[*r, "2026-07-01"] for r in listed(rows)]
    return jxl_xls(tmp / "人社_jxl导出.xls", "失业人员", data), expected(rows)


def disabled_jxl_xls_936(tmp: Path) -> tuple[Path, dict]:
    """残联 (a jxl set to the Chinese code page): BIFF8 naming code page 936."""
    rows = people(Ids())
    data = [["姓名", "公民身份号码", "残疾类别"]] + [[n, v, "肢体"] for n, v, _w in rows]
    return jxl_xls(tmp / "残联_系统导出.xls", "Sheet1", data, codepage=936), expected(rows)


def education_small_jxl_xls(tmp: Path) -> tuple[Path, dict]:
    """教育 (a school system on jxl): a list of five, its workbook under 4096 bytes kept in the compound
    file's mini stream, the pieces out of order."""
    ids = Ids()
    rows: list[Row] = [("王伟", ids.new(), "new"), ("李芳", IN, "in"), ("张娜", KNOWN.lower(), "known"),
                       ("刘英", ids.bad_check(), "check character"), ("陈敏", IN, "dup")]
    data = [["学生姓名", "身份证号", "年级"]] + [[n, v, "初一"] for n, v, _w in rows]
    return jxl_xls(tmp / "教育_小名单.xls", "学生", data, small=True), expected(rows)


def township_excel95_xls(tmp: Path) -> tuple[Path, dict]:
    """乡镇 (an old system's "Excel 5.0/95" export on a Chinese Windows): BIFF5 in GBK, a hidden sheet of
    last year's list first, a title, 序号 as RK numbers, one ID number from a formula's saved text, one a
    number cell that lost its digits, a legacy one in a number cell. calamine broke every GBK text apart
    byte by byte (no ID column was found)."""
    ids = Ids()
    rows = people(ids) + [("林霞", 420203199001011238.0, "stored as a number"), ("钱二", 420203800101123, "new15"),
                          ("孙三", ("=", ids.new()), "new")]
    old = [["姓名", "身份证号码"]] + [["某某", n] for n in others(990, 30)]
    data: list[list[Any]] = [["2026年河口镇低保边缘家庭名单"], ["序号", "户主姓名", "身份证号码", "家庭人口"]]
    data += [[i, n, v, 3] for i, (n, v, _w) in enumerate(rows, 1)]
    path = excel95_xls(tmp / "河口镇_95格式.xls", [("去年", old, 1), ("低保边缘", data, 0)])
    return path, expected(rows)


def lists_pasted_with_columns_in_another_order(tmp: Path) -> tuple[Path, dict]:
    """街道 (three communities' lists pasted one under the other): the second community put 身份证号 first
    and 姓名 after it, the third went back to the first's order. The second header was counted as a
    person (its 姓名 read as an ID number) and its people's names were read as their numbers."""
    rows = people(Ids())
    first, second, third = rows[:5], rows[5:11], rows[11:]
    lines: list[list[Any]] = [["八泉社区"], ["姓名", "身份证号码", "联系电话", "备注"]]
    lines += [[n, v, "13800000000", ""] for n, v, _w in first]
    lines += [[], ["飞云社区"], ["身份证号码", "备注", "姓名", "联系电话"]]
    lines += [[v, "", n, "13900000000"] for n, v, _w in second]
    lines += [[], ["闸口社区"], ["姓名", "身份证号码", "联系电话", "备注"]]
    lines += [[n, v, "13700000000", ""] for n, v, _w in third]
    book = openpyxl.Workbook()
    for line in lines:
        book.active.append(line)
    book.save(tmp / "街道_汇总.xlsx")
    return tmp / "街道_汇总.xlsx", expected(rows)


def note_then_people_without_numbers_xls(tmp: Path) -> tuple[Path, dict]:
    """住建 (.xls): "注:以下为补报人员" in the middle, then people numbered on in 序号, two of them without an
    ID number yet ("待补", empty): they were dropped (under a note only an ID number made a person);
    the signatures after "注:本表一式两份" are not people."""
    ids = Ids()
    first: list[Row] = [("王伟", ids.new(), "new"), ("李芳", IN, "in"), ("张娜", ids.bad_check(), "check character")]
    later: list[Row] = [("刘英", "待补", "empty"), ("陈敏", ids.new(), "new"), ("杨静", "", "empty"),
                        ("黄丽", KNOWN, "known")]
    data: list[list[Any]] = [["序号", "姓名", "身份证号码", "住房类型"]]
    data += [[i, n, v, "公租房"] for i, (n, v, _w) in enumerate(first, 1)]
    data += [[None, "注:以下为10月补报人员"]]  # typed in the name column (in 序号 it read as a row without a person)
    data += [[i, n, v, "公租房"] for i, (n, v, _w) in enumerate(later, len(first) + 1)]
    data += [["注:本表一式两份"], ["制表人:王五", None, "审核人:赵六"], [None, "李四", None, "2026年10月9日"]]
    return xls(tmp / "住建_补报.xls", [("Sheet1", data)]), expected(first + later)


def web_system_html_xls(tmp: Path) -> tuple[Path, dict]:
    """临时救助 (a web system's "导出Excel"): an HTML page in GB2312 named .xls, the list's table inside a
    layout table, thead and tbody, 序号 and 金额 spanning two header rows beside 基本信息 over 姓名 |
    身份证<br>号码, &nbsp; before the names, x:str and x:num cells, a 合计 row spanning three columns."""
    rows = people(Ids())
    page = ['<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta http-equiv="Content-Type" '
            'content="text/html; charset=gb2312"><style>.t{mso-number-format:"\\@";}</style></head><body>',
            "<table><tr><td><table border=1><thead><tr><td colspan=4>2026年临时救助名单</td></tr>",
            "<tr><th rowspan=2>序号</th><th colspan=2>基本信息</th><th rowspan=2>金额</th></tr>"
            "<tr><th>姓名</th><th>身份证<br>号码</th></tr></thead><tbody>"]
    page += [f'<tr><td x:num>{i}</td><td>&nbsp;{escape(n)}</td><td class=t x:str>{escape(v)}</td><td x:num="500">500.00</td>'
             "</tr>" for i, (n, v, _w) in enumerate(rows, 1)]
    page.append(f"<tr><td colspan=3>合计</td><td>{500 * len(rows)}</td></tr></tbody></table></td></tr></table></body></html>")
    path = tmp / "临时救助_导出.xls"
    path.write_bytes("\n".join(page).encode("gbk"))
    return path, expected(rows)


def civil_name_and_number_under_one_merged_heading(tmp: Path) -> tuple[Path, dict]:
    """民政: "姓名及身份证号" merged over two columns, the names in the first, the numbers in the second. The
    heading and the first person were read as a two-row header (the first person lost) and the names
    were taken for the numbers."""
    rows = people(Ids())
    path = tmp / "民政_合并表头.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    ws.write(0, 0, "序号")
    ws.merge_range(0, 1, 0, 2, "姓名及身份证号")
    ws.write(0, 3, "备注")
    for i, (name, value, _what) in enumerate(rows, 1):
        ws.write(i, 0, i)
        ws.write_string(i, 1, name)
        ws.write_string(i, 2, value)
    book.close()
    return path, expected(rows)


def copied_from_wechat_and_an_ime(tmp: Path) -> tuple[Path, dict]:
    """卫健 (numbers copied from WeChat or a Windows dialog, typed through an input method): the direction
    marks U+202D … U+202C around a number, a left-to-right mark after one, the Roman numeral Ⅹ (or ⅹ) that
    an input method offers for X."""
    ids = Ids()
    rows: list[Row] = [("王伟", "\u202d" + ids.new() + "\u202c", "new"), ("李芳", IN_X[:17] + "Ⅹ", "in"),
                       ("张娜", KNOWN + "\u200e", "known"), ("刘英", "\u202a" + IN_X[:17] + "ⅹ\u202c", "dup"),
                       ("陈敏", "\u2066" + ids.bad_check() + "\u2069", "check character")]
    path = tmp / "卫健_复制粘贴.csv"
    path.write_bytes(csv_bytes([["姓名", "身份证号"]] + [[n, v] for n, v, _w in rows], "utf-8-sig"))
    return path, expected(rows)


CASES: dict[str, Case] = {f.__name__: f for f in (
    hrss_inline_strings, medical_cells_without_refs, health_shared_formulas, housing_text_formula_ids,
    medical_scientific_numbers, police_prefixed_xml, disabled_rich_text, education_absolute_targets,
    township_wrong_dimension, civil_hidden_sheet_first, disabled_libreoffice_ods, village_household_members_xls,
    housing_three_header_rows_xls, township_sheets_by_village_xls, health_footer_merged_xls,
    hrss_hidden_former_column_xls, village_name_and_number_in_one_cell_xls, education_group_header_id_merged_down,
    police_id_type_in_brackets, housing_head_first_member_after, disabled_guardian_before_own,
    housing_applicant_and_family, medical_patient_column_names, citizen_id_full_name, social_security_card_number,
    student_and_parent, printed_pages_with_titles, insurance_kinds_repeat_a_person, justice_hidden_columns_and_rows,
    union_totals_signature_cells, education_gb18030_with_bom, housing_excel_csv_utf8_multiline,
    police_tab_txt_with_export_lines, health_mac_cr_csv, medical_pipe_txt, excel_sep_line_csv, csv_wider_than_the_list,
    ids_with_spaces_and_dashes_csv, utf16_be_csv, stacked_lists_by_community_csv, hrss_jxl_xls, disabled_jxl_xls_936,
    education_small_jxl_xls, township_excel95_xls, lists_pasted_with_columns_in_another_order,
    note_then_people_without_numbers_xls, web_system_html_xls, python_on_windows_csv, dos_exports_joined,
    libreoffice_repeated_rows_ods, rows_out_of_order_xlsx,    civil_name_and_number_under_one_merged_heading, copied_from_wechat_and_an_ime)}


def error_rows(path: Path) -> list[tuple[int, str]]:
    """(原文件行号, 错误原因) of every row of an error workbook."""
    table = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    for at, row in enumerate(table):
        texts = [str(v) for v in row]
        if "原文件行号" in texts:
            col = texts.index("原文件行号")
            return [(int(r[col]), str(r[col + 1])) for r in table[at + 1:] if r[col] != ""]
    raise AssertionError("no 原文件行号 column")


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(registered: Database, tmp_path: Path, case: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(registered, capsys, tmp_path, *CASES[case](tmp_path))


def counts_a_clerk_finds(db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path,
                         want: dict[str, Any]) -> None:
    """A dry run of ``path`` prints ``want``; a real import prints the same and writes an error workbook
    holding exactly the invalid and repeated rows, each with its reason."""
    other_sheets = want.pop("other_sheets", None)
    code, got = run(db, capsys, path, "--dry-run")
    assert code == 0, got
    assert {k: got[k] for k in want} == want
    assert got["data_rows"] == got["valid"] + sum(got["invalid"].values()) + got["duplicates"]
    if other_sheets is not None:
        assert got["other_sheets"] == other_sheets
    # imported for good, the same counts, and the error workbook holds exactly the rows to correct
    errors = tmp_path / "errors.xlsx"
    code, kept = run(db, capsys, path, "--errors", str(errors))
    assert code == 0, kept
    assert {k: kept[k] for k in want} == want
    written = error_rows(errors)
    assert len(written) == sum(want["invalid"].values()) + want["duplicates"]
    assert len({n for n, _r in written}) == len(written) and all(reason for _n, reason in written)
    assert sum("重复" in reason for _n, reason in written) == want["duplicates"]


def test_the_writers_make_what_they_say(tmp_path: Path) -> None:
    """The hand-made parts are what the cases say: inline strings without a dimension, cells without
    references, shared formulas, an .ods with its rows repeated."""
    data = zipfile.ZipFile(hrss_inline_strings(tmp_path)[0]).read("xl/worksheets/sheet1.xml")
    assert b't="inlineStr"' in data and b"<dimension" not in data
    data = zipfile.ZipFile(medical_cells_without_refs(tmp_path)[0]).read("xl/worksheets/sheet1.xml")
    assert b" r=" not in data
    data = zipfile.ZipFile(health_shared_formulas(tmp_path)[0]).read("xl/worksheets/sheet1.xml")
    assert data.count(b'<f t="shared" si="0"/>') > 10
    assert b"number-rows-repeated" in zipfile.ZipFile(disabled_libreoffice_ods(tmp_path)[0]).read("content.xml")


@pytest.mark.parametrize("case", ["hrss_jxl_xls", "education_small_jxl_xls", "township_excel95_xls", "village_name_and_number_in_one_cell_xls",
                                  "civil_name_and_number_under_one_merged_heading", "copied_from_wechat_and_an_ime",
                                  "disabled_libreoffice_ods", "education_gb18030_with_bom", "hrss_inline_strings"])
def test_the_wizard_finds_what_the_command_prints(qtbot: Any, registered: Database,  # noqa: F811
                                                  sqlite_district: District, messages: list[str], tmp_path: Path,  # noqa: F811
                                                  capsys: pytest.CaptureFixture[str], case: str) -> None:
    path, want = CASES[case](tmp_path)
    wizard = wizard_counts_as_the_command(qtbot, registered, sqlite_district, capsys, path, want)
    # the preview marks its rows as the import judges them
    result = di.import_department_list(registered, sqlite_district.admin, path, "医保", dry_run=True)
    bad = {problem.row_number for problem in result.errors}
    preview = wizard.preview
    assert preview is not None
    checks = di.check_samples(preview, wizard.mapping_page.mapping())
    assert checks and [c.usable for c in checks] == [n not in bad for n in preview.sample_row_numbers[:len(checks)]]
    assert wait_for_background()


def wizard_counts_as_the_command(qtbot: Any, db: Database, district: District, capsys: pytest.CaptureFixture[str],
                                 path: Path, want: dict[str, Any]) -> Any:
    """The wizard's dry run of ``path`` shows the counts the command prints, and those are ``want``."""
    _code, cli = run(db, capsys, path, "--dry-run")
    wizard = _run_wizard(qtbot, AppContext(db, district.admin), path, "医保")
    shown = wizard.dry_run_page.counts.shown()
    keys = ("data_rows", "valid", "invalid", "duplicates", "legacy_15_converted", "in_assistance", "known", "new")
    assert {k: shown[k] for k in keys} == {k: cli[k] for k in keys} == {k: want[k] for k in keys}
    return wizard


def test_the_name_written_with_the_number_is_the_persons(registered: Database, sqlite_district: District,  # noqa: F811
                                                         tmp_path: Path) -> None:
    """A list whose only column of people is 姓名及身份证号 keeps each person's name from it: the batch's
    rows (and the clues of new people) are named, not blank."""
    path, _want = village_name_and_number_in_one_cell_xls(tmp_path)
    result = di.import_department_list(registered, sqlite_district.admin, path, "残联")
    with registered.session_factory() as s:
        names = dict(s.execute(select(ImportRow.row_number, ImportRow.name).where(
            ImportRow.batch_id == result.batch_id)).all())
    assert names == {2: "王伟", 3: "李芳", 4: "张娜", 5: "刘英", 6: "陈敏", 7: "杨静", 8: "黄丽", 9: "赵强", 10: "吴磊",
                     11: "周军", 12: "徐洋（户主）"}


def _rezipped(source: Path, path: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """``source`` zipped again as ``path``, each part changed by ``change`` (None: left out)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.namelist():
            data = change(item, zin.read(item))
            if data is not None:
                zout.writestr(item, data)
    source.unlink()
    return path


def _cut(source: Path, path: Path) -> Path:
    path.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    source.unlink()
    return path


def _aligned_report(path: Path) -> Path:
    """An old system's report printed to a file: GBK, the columns lined up with spaces."""
    ids = Ids()
    lines = ["姓名        身份证号              住址"] + [f"{name:<6}{ids.new():<22}八泉街道" for name in ("张三", "李四", "欧阳小明")]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


BROKEN: dict[str, tuple[Callable[[Path], Path], str]] = {
    "sheet part missing": (lambda tmp: _rezipped(hrss_inline_strings(tmp)[0], tmp / "缺工作表.xlsx", lambda item, data: (
        None if item == "xl/worksheets/sheet1.xml" else data)), "工作表的内容不在文件中"),
    "sheet cut short": (lambda tmp: _rezipped(hrss_inline_strings(tmp)[0], tmp / "截断工作表.xlsx", lambda item, data: (
        data[: len(data) // 2] if item == "xl/worksheets/sheet1.xml" else data)), "已损坏"),
    "shared string missing": (lambda tmp: _rezipped(medical_cells_without_refs(tmp)[0], tmp / "缺字符串.xlsx", lambda item, data: (
        data[: data.index(b"<si>", len(data) // 2)] + b"</sst>" if item == "xl/sharedStrings.xml" else data)), "已损坏"),
    "ods cut": (lambda tmp: _cut(disabled_libreoffice_ods(tmp)[0], tmp / "截断.ods"), "已损坏"),
    "jxl cut": (lambda tmp: _cut(hrss_jxl_xls(tmp)[0], tmp / "截断jxl.xls"), "已损坏"),
    "excel95 cut": (lambda tmp: _cut(township_excel95_xls(tmp)[0], tmp / "截断95.xls"), "已损坏"),
    "columns lined up by spaces": (lambda tmp: _aligned_report(tmp / "公安_打印输出.txt"), "按空格对齐"),
    "gb18030 bom only": (lambda tmp: (tmp / "只有BOM.csv").write_bytes(b"\x84\x31\x95\x33") and tmp / "只有BOM.csv", "是空的"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_variant_is_one_plain_message(registered: Database, tmp_path: Path,  # noqa: F811
                                               capsys: pytest.CaptureFixture[str], case: str) -> None:
    make, words = BROKEN[case]
    path = make(tmp_path)
    code, got = run(registered, capsys, path)
    assert code != 0 and got["code"] == "invalid_file", got
    assert path.name in got["error"] and words in got["error"] and "Traceback" not in got["error"]


def test_a_heading_over_names_and_numbers_is_remembered_for_the_next_list(registered: Database,  # noqa: F811
                                                                          sqlite_district: District, tmp_path: Path) -> None:
    """The names under "姓名及身份证号" (merged over both columns) are the name column, named 姓名: the
    department's next list, laid out alike, is read by the remembered mapping the same way."""
    first, _want = civil_name_and_number_under_one_merged_heading(tmp_path)
    result = di.import_department_list(registered, sqlite_district.admin, first, "民政")
    assert result.mapping == {"name": 1, "id_number": 2} and result.columns[1:3] == ["姓名", "姓名及身份证号"]
    second = tmp_path / "下一批.xlsx"
    book = xlsxwriter.Workbook(str(second))
    ws = book.add_worksheet()
    ws.write_row(0, 0, ["序号", "姓名及身份证号", None, "备注"])
    ws.merge_range(0, 1, 0, 2, "姓名及身份证号")
    for i, number in enumerate(others(600, 3), 1):
        ws.write_row(i, 0, [i, f"某{i}", number])
    book.close()
    preview = di.preview(second, "民政", db=registered)
    assert preview.remembered and preview.mapping == {"name": 1, "id_number": 2}
    again = di.import_department_list(registered, sqlite_district.admin, second, "民政")
    assert (again.data_rows, again.valid) == (3, 3)


# -- random layouts -------------------------------------------------------------------------------------

ID_HEADINGS = ["身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证号(必填)", "公民身份证号码", "身份证号\n(18位)",
               "居民身份证号码"]
NAME_HEADINGS = ["姓名", "户主姓名", "患者姓名", "申请人姓名", "学生姓名", "对象姓名"]
OTHER_COLUMNS: list[tuple[str, Any]] = [("性别", "男"), ("联系电话", "13800001111"), ("住址", "八泉街道飞云社区3栋"),
                                        ("备注", ""), ("金额", 500), ("病种", "尿毒症"), ("出生日期", "1990-01-01")]
OTHERS_IDS = ["监护人身份证号", "户主身份证号", "配偶身份证号", "联系人身份证号码", "代办人身份证号"]
TITLE_LINES: list[list[Any]] = [["2026年西塞山区困难群众名单"], ["填报单位:区医保局", None, "填报日期:2026年10月8日"], [],
                                ["单位:人"]]
FOOTER_LINES: list[list[Any]] = [["合计", "15人"], ["制表人:张三", None, "审核人:李四"], ["注:本表一式两份"],
                                 ["填表日期:2026年10月9日"], [], ["以下空白"]]


def random_list(seed: int, tmp: Path) -> tuple[Path, list[Row]]:
    """A list laid out at random from what departments do: title lines, 序号, the columns in any order,
    someone else's ID column, a group row over the header (merged where the format keeps merges), a
    notes row, blank rows, section headings and a subtotal, the header repeated every five persons, a
    note in the middle, a second list pasted under the first with its columns in another order, the
    name and the number in one column, footers; written by openpyxl, XlsxWriter or xlwt, or as GBK, UTF-8 or UTF-16 text, from column A–C."""
    rnd = random.Random(seed)
    ids = Ids()
    ids.n = rnd.randint(100, 900)
    rows: list[Row] = []
    seen: set[str] = set()
    mixed = people(ids, text=rnd.random() < 0.7)
    rnd.shuffle(mixed)
    for name, value, _what in mixed:  # what each row is, in this order
        parsed = idcard.parse(value)
        what = str(parsed.reason.value) if parsed.reason else "dup" if parsed.number in seen else (
            "in" if parsed.number in (IN, IN_X) else "known" if parsed.number == KNOWN else
            "new15" if parsed.converted_from_15 else "new")
        seen.add(parsed.number or "")
        rows.append((name, value, what))
    both = rnd.random() < 0.15  # one column 姓名及身份证号: "张三 420203…"
    columns: list[tuple[str, Any]] = ([("姓名及身份证号", "both")] if both else
                                      [(rnd.choice(NAME_HEADINGS), "name"), (rnd.choice(ID_HEADINGS), "id")])
    columns += rnd.sample(OTHER_COLUMNS, rnd.randint(0, 4))
    rnd.shuffle(columns)
    if rnd.random() < 0.3:
        columns.insert(rnd.randint(0, len(columns)), (rnd.choice(OTHERS_IDS), "other"))
    serial = rnd.random() < 0.7
    if serial:
        columns.insert(0, ("序号", "serial"))
    header: list[Any] = [c[0] for c in columns]
    lines: list[list[Any]] = [list(t) for t in rnd.sample(TITLE_LINES, rnd.randint(0, 3))]
    merges: list[tuple[int, int, int, int]] = []  # rows and columns, 0-based, of the lines
    if rnd.random() < 0.3:  # 基本信息 over the columns up to the ID column, 其他情况 over the rest
        at = next(k for k, c in enumerate(columns) if c[1] in ("id", "both"))
        group: list[Any] = [None] * len(columns)
        group[int(serial)] = "基本信息"
        if at + 1 < len(columns):
            group[at + 1] = "其他情况"
        r = len(lines)
        merges += [(r, r, int(serial), at)] if at > int(serial) else []
        merges += [(r, r, at + 1, len(columns) - 1)] if len(columns) - 1 > at + 1 else []
        if serial:
            group[0], header = "序号", [None, *header[1:]]
            merges.append((r, r + 1, 0, 0))
        lines.append(group)
    lines.append(header)
    if rnd.random() < 0.2:
        lines.append(["(必填,18位)" if c[1] in ("id", "both") else None for c in columns])
    blanks, pages, sections, note, pasted = (rnd.random() < 0.4, rnd.random() < 0.2, rnd.random() < 0.2,
                                             rnd.random() < 0.2, rnd.random() < 0.2)
    if sections:
        lines.append(["一、八泉街道"])
    carer = Ids()
    carer.n = 950
    order = list(range(len(columns)))  # a second list pasted under the first may put its columns in another order
    for i, (name, value, _what) in enumerate(rows, 1):
        line = [i if kind == "serial" else name if kind == "name" else value if kind == "id" else
                carer.new() if kind == "other" else f"{name} {cell_text(value)}" if kind == "both" else kind
                for _h, kind in columns]
        lines.append([line[j] for j in order])
        if blanks and rnd.random() < 0.15:
            lines.append([])
        if pages and i % 5 == 0:
            lines.append([columns[j][0] for j in order])
        if sections and i == 7:
            lines += [["小计", *[None] * (len(columns) - 2), 7], ["二、河口镇"]]
        if note and i == 4:  # typed in the name column
            lines.append(["注:以下为补报人员" if columns[j][1] in ("name", "both") else None for j in order])
        if pasted and i == 9:
            rnd.shuffle(order)
            lines += [[], [columns[j][0] for j in order]]
    lines += [list(f) for f in rnd.sample(FOOTER_LINES, rnd.randint(0, 3))]
    writer, offset = rnd.choice(["openpyxl", "xlsxwriter", "xlwt", "gbk", "utf-8-sig", "utf-16"]), rnd.randint(0, 2)
    path = tmp / f"随机{seed}.{ {'openpyxl': 'xlsx', 'xlsxwriter': 'xlsx', 'xlwt': 'xls', 'utf-16': 'txt'}.get(writer, 'csv')}"
    cells = [(r, c + offset, v) for r, line in enumerate(lines) for c, v in enumerate(line) if v is not None and v != ""]
    if writer in ("gbk", "utf-8-sig", "utf-16"):
        path.write_bytes(csv_bytes([[""] * offset + ["" if v is None else v for v in line] for line in lines], writer,
                                   "\t" if writer == "utf-16" else ","))
    elif writer == "openpyxl":
        book = openpyxl.Workbook()
        for r, c, v in cells:
            book.active.cell(r + 1, c + 1, v)
        for r1, r2, c1, c2 in merges:
            book.active.merge_cells(start_row=r1 + 1, end_row=r2 + 1, start_column=c1 + 1 + offset, end_column=c2 + 1 + offset)
        book.save(path)
    elif writer == "xlsxwriter":
        wbook = xlsxwriter.Workbook(str(path))
        sheet = wbook.add_worksheet()
        for r, c, v in cells:
            sheet.write_string(r, c, v) if isinstance(v, str) else sheet.write(r, c, v)
        for r1, r2, c1, c2 in merges:
            sheet.merge_range(r1, c1 + offset, r2, c2 + offset, lines[r1][c1] or "")
        wbook.close()
    else:
        xbook = xlwt.Workbook(encoding="utf-8")
        xsheet = xbook.add_sheet("Sheet1")
        for r, c, v in cells:
            xsheet.write(r, c, v)
        for r1, r2, c1, c2 in merges:
            xsheet.merge(r1, r2, c1 + offset, c2 + offset)
        xbook.save(str(path))
    return path, rows


def test_random_layouts_give_the_counts_a_clerk_finds(registered: Database, sqlite_district: District,  # noqa: F811
                                                      tmp_path: Path) -> None:
    """Two hundred lists laid out at random (see random_list) read as their rows say, whatever the mix.
    A person without a number under a note in a text list (its 序号 a text) was left out; a second list
    in another order under a note, or under a header over two rows, was read by the first list's
    columns; a title line above a 姓名及身份证号 column was taken for the header."""
    wrong = []
    for seed in range(200):
        path, rows = random_list(seed, tmp_path)
        want = expected(rows)
        result = di.import_department_list(registered, sqlite_district.admin, path, "医保", dry_run=True)
        got = {"data_rows": result.data_rows, "valid": result.valid, "invalid": result.invalid,
               "duplicates": result.duplicates, "legacy_15_converted": result.legacy_15_converted,
               **result.buckets}
        if got != {k: want[k] for k in got}:
            wrong.append((seed, path.name, got, want))
    assert wrong == []


A1, A2, A3 = others(700, 3)
UNDER_NOTES: dict[str, tuple[list[list[Any]], list[int]]] = {
    # a text list: its 序号 are texts, and the person without a number under the note is numbered on
    "numbered in a text list": ([["序号", "姓名", "身份证号码"], ["1", "张三", A1], [None, "注:以下为补报人员"], ["2", "李四", ""],
                                 ["3", "王五", A2]], [2, 4, 5]),
    # no 序号: a name alone between the note and a person with a number is a person
    "a name before a numbered person": ([["姓名", "身份证号码"], ["张三", A1], [None, "注:以下为补报人员"], ["李四", ""],
                                         ["王五", A2]], [2, 4, 5]),
    # filled in like the rows above it, last before the closing note and the signatures
    "filled in, the last one": ([["姓名", "身份证号码", "性别", "病种"], ["张三", A1, "男", "尿毒症"],
                                 ["注:以下为补报人员"], ["李四", "", "女", "尿毒症"], ["注:本表一式两份"],
                                 ["制表人:王五", None, "审核人:赵六"]], [2, 4]),
    # a name written under the closing note is the one who filled it in, not a person of the list
    "a name under the closing note": ([["姓名", "身份证号码"], ["张三", A1], ["李四", A2], ["注:本表一式两份"], ["王五"],
                                       ["制表人:", "赵六"]], [2, 3]),
    # a table of figures by sub-district under the signatures: its numbered rows name no person
    "figures under the signatures": ([["序号", "姓名", "身份证号码"], ["1", "张三", A1], ["2", "李四", A2],
                                      ["制表人:王五", None, "审核人:赵六"], ["1", "八泉街道", "15"], ["2", "河口镇", "3"]], [2, 3]),
    # a second list in another order under the note
    "another list under the note": ([["序号", "姓名", "身份证号码"], ["1", "张三", A1], [None, "注:以下为补报人员"],
                                     ["身份证号码", "姓名", "序号"], [A2, "李四", "2"], ["", "王五", "3"], [A3, "赵六", "4"]],
                                    [2, 5, 6, 7]),
}


@pytest.mark.parametrize("case", UNDER_NOTES)
def test_people_under_a_note_in_the_middle_are_data_rows(tmp_path: Path, case: str) -> None:
    """A note in the middle ("注:以下为补报人员") does not end the list: its people are read, those still
    without a number too; what follows the closing note and the signatures is not."""
    lines, want = UNDER_NOTES[case]
    path = tmp_path / "名单.csv"
    path.write_bytes(csv_bytes(lines, "gbk"))
    with ss.Workbook(path) as book:
        layout = ss.find_layout(book)
        assert [row.number for row in ss.data_rows(book, layout)] == want


HEADERS: dict[str, tuple[list[list[Any]], int, list[int]]] = {
    # the header names its ID column 姓名及身份证号: it beats a title line whose cells stand over a
    # column of other numbers (the head's), found by their content alone
    "a title line over a head's numbers": ([["填报单位:区医保局", "", "填报日期:2026年10月8日"], ["2026年困难群众名单"],
                                             ["序号", "姓名及身份证号", "户主身份证号"], ["1", f"张三 {A1}", A3], ["2", "李四", A3],
                                             ["3", f"王五 {A2}", A3]], 3, [4, 5, 6]),
    # 序号 named in the row above the header read (over its empty cell), a second list in another
    # order naming it in its own header
    "序号 above the header": ([["序号", "基本信息", "其他情况"], ["", "姓名及身份证号", "联系电话"], ["1", f"张三 {A1}", "138"],
                             [], ["序号", "联系电话", "姓名及身份证号"], ["2", "139", f"李四 {A2}"], ["3", "137", "王五"]], 2,
                            [3, 6, 7]),
}


@pytest.mark.parametrize("case", HEADERS)
def test_the_header_and_a_second_lists_header(tmp_path: Path, case: str) -> None:
    lines, header_row, want = HEADERS[case]
    path = tmp_path / "名单.csv"
    path.write_bytes(csv_bytes(lines, "utf-8-sig"))
    with ss.Workbook(path) as book:
        layout = ss.find_layout(book)
        rows = list(ss.data_rows(book, layout))
    assert layout.header_row == header_row and [row.number for row in rows] == want
    assert all(ss.split_name_and_id(row.values[layout.mapping["id_number"]])[0] for row in rows)
