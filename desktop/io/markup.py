"""Tables that arrive as web pages or XML with a spreadsheet's name.

Government systems very often export "Excel" files that are really an HTML table (a .xls holding
``<table>``) or an Excel 2003 XML spreadsheet (SpreadsheetML, ``<Workbook xmlns="urn:schemas-
microsoft-com:office:spreadsheet">``). Excel opens both without a word, so the departments send them
as .xls. They are read here row by row, as :class:`desktop.io.spreadsheet.Workbook` reads any other
sheet: 1-based row numbers, cell values (text; numbers where the file marks a number), merged cells
(``colspan``/``rowspan``, ``ss:MergeAcross``/``ss:MergeDown``) reported as ranges with their value
in the top-left cell only. An HTML page is one sheet holding every table and loose line of text in
the order Excel shows them; an XML spreadsheet has its own named, possibly hidden, worksheets.

Nothing here knows about ID numbers or layouts; a file that cannot be parsed is a MarkupError whose
text says where (the reader turns it into a message for the user).
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

CHUNK = 1 << 16  # characters fed to a parser at a time
MAX_SPAN = 1000  # a colspan/rowspan beyond this is damage, not a layout

Merged = tuple[tuple[int, int], tuple[int, int]]  # ((first row, first col), (last row, last col)), 0-based
Row = tuple[int, int, list[Any]]  # (sheet index, 1-based row number, values)

_SS = "urn:schemas-microsoft-com:office:spreadsheet"


class MarkupError(Exception):
    """The file is not well-formed enough to read; the text says what and where (Chinese)."""


def kind_of(head: bytes) -> str | None:
    """'html', 'xmlss' (Excel 2003 XML), 'xml' (some other XML) or None, from the first bytes."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head[: len(head) // 2 * 2].decode("utf-16", "replace")
    else:
        text = head.decode("latin-1")
    text = text.lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()
    if text.startswith("<?xml") or text.startswith("<workbook"):
        if _SS in text or "progid=\"excel.sheet\"" in text:
            return "xmlss"
        return "html" if "<html" in text else "xml"
    if text.startswith(("<html", "<!doctype", "<table", "<meta", "<head", "<body", "<style", "<!--")):
        return "html"
    return None


_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_encoding(head: bytes) -> str | None:
    """The encoding a page or XML declaration names (GB2312 and GBK read as GB18030), if Python knows it."""
    m = _DECLARED.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    if name in ("gb2312", "gbk", "gb_2312-80", "cp936", "x-gbk", "euc-cn"):
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _chunks(path: Path, encoding: str) -> Iterator[str]:
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        while chunk := fh.read(CHUNK):
            yield chunk


def _span(value: str | None, least: int = 1) -> int:
    """A colspan/rowspan (``least`` 1) or an ss:MergeAcross/MergeDown (``least`` 0) as written."""
    try:
        return min(max(int((value or "").strip() or least), least), MAX_SPAN)
    except ValueError:
        return least


# -- HTML ----------------------------------------------------------------------------------------

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "br", "li", "center", "pre", "table", "hr"}
_IGNORED = {"head", "title", "style", "script", "xml", "template"}
_SPACE = re.compile(r"[ \t\r\n\f]+")


class _Table:
    __slots__ = ("covered", "row", "cells", "col", "cell", "cell_num")

    def __init__(self) -> None:
        self.covered: dict[int, int] = {}  # column -> rows below still covered by a rowspan
        self.row: list[Any] | None = None
        self.cells: list[tuple[int, int, int]] = []  # (column, colspan, rowspan) of the open row's cells
        self.col = 0
        self.cell: list[str] | None = None
        self.cell_num: str | None = None  # Excel's x:num, when the cell holds a number


class _HtmlRows(HTMLParser):
    """Rows of every table (and of loose text between them) in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self.loose: list[str] = []
        self.ignored = 0
        self.number = 0
        self.out: list[tuple[int, list[Any]]] = []
        self.merged: list[Merged] = []
        self.saw_table = False

    # rows out
    def _emit(self, values: list[Any], cells: Sequence[tuple[int, int, int]] = ()) -> None:
        self.number += 1
        for col, colspan, rowspan in cells:
            if colspan > 1 or rowspan > 1:
                self.merged.append(((self.number - 1, col), (self.number + rowspan - 2, col + colspan - 1)))
        while values and values[-1] == "":
            values.pop()
        self.out.append((self.number, values))

    def _flush_loose(self) -> None:
        text = _SPACE.sub(" ", "".join(self.loose)).strip()
        self.loose = []
        if text:
            self._emit([text])

    # cells and rows
    def _close_cell(self, t: _Table) -> None:
        if t.cell is None or t.row is None:
            t.cell = None
            return
        text = "\n".join(part.strip() for part in "".join(t.cell).split("\n")).strip()  # lines from <br> only
        value: Any = text
        if t.cell_num is not None:
            try:
                value = float(t.cell_num.strip() or text.replace(",", ""))
            except ValueError:
                value = text
        t.row[t.cells[-1][0]] = value
        t.cell = None

    def _open_row(self, t: _Table) -> None:
        self._close_row(t)
        t.row, t.cells, t.col = [], [], 0

    def _close_row(self, t: _Table) -> None:
        self._close_cell(t)
        if t.row is None:
            return
        t.covered = {c: n - 1 for c, n in t.covered.items() if n > 1}
        for col, colspan, rowspan in t.cells:
            if rowspan > 1:
                for c in range(col, col + colspan):
                    t.covered[c] = rowspan - 1
        row, cells = t.row, t.cells
        t.row, t.cells = None, []
        self._emit(row, cells)

    def _open_cell(self, t: _Table, attrs: dict[str, str | None]) -> None:
        if t.row is None:
            self._open_row(t)
        self._close_cell(t)
        assert t.row is not None
        while t.covered.get(t.col, 0) > 0:
            t.col += 1
        colspan, rowspan = _span(attrs.get("colspan")), _span(attrs.get("rowspan"))
        if len(t.row) < t.col + colspan:
            t.row.extend([""] * (t.col + colspan - len(t.row)))
        t.cells.append((t.col, colspan, rowspan))
        t.cell = []
        t.cell_num = (attrs.get("x:num") or "") if "x:num" in attrs else None
        t.col += colspan

    # parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _IGNORED:
            self.ignored += 1
            return
        if self.ignored:
            return
        if tag in _BLOCKS and not self.tables:
            self._flush_loose()
        if tag == "table":
            self.saw_table = True
            self.tables.append(_Table())
            return
        if tag == "tr":
            if not self.tables:
                self.saw_table = True
                self.tables.append(_Table())
            self._open_row(self.tables[-1])
        elif tag in ("td", "th"):
            if not self.tables:
                self.saw_table = True
                self.tables.append(_Table())
            self._open_cell(self.tables[-1], dict(attrs))
        elif tag == "br" and self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _IGNORED:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _IGNORED:
            self.ignored = max(self.ignored - 1, 0)
            return
        if self.ignored:
            return
        if tag == "table" and self.tables:
            t = self.tables.pop()
            self._close_row(t)
        elif tag == "tr" and self.tables:
            self._close_row(self.tables[-1])
        elif tag in ("td", "th") and self.tables:
            self._close_cell(self.tables[-1])
        elif tag in _BLOCKS and not self.tables:
            self._flush_loose()

    def handle_data(self, data: str) -> None:
        if self.ignored:
            return
        if self.tables:
            t = self.tables[-1]
            if t.cell is not None:
                t.cell.append(_SPACE.sub(" ", data))  # a line end in the source is a space, as a browser shows it
            # text between cells (not in any) is dropped, as browsers show it outside the table
        else:
            self.loose.append(data)

    def finish(self) -> None:
        while self.tables:
            self._close_row(self.tables.pop())
        self._flush_loose()

    def drain(self) -> list[tuple[int, list[Any]]]:
        out, self.out = self.out, []
        return out


def html_rows(path: Path, encoding: str, merged: list[Merged] | None = None) -> Iterator[Row]:
    """(0, row number, values) for every row of the page; merged ranges appended to ``merged``."""
    parser = _HtmlRows()
    for chunk in _chunks(path, encoding):
        parser.feed(chunk)
        for number, values in parser.drain():
            yield 0, number, values
    parser.close()
    parser.finish()
    for number, values in parser.drain():
        yield 0, number, values
    if not parser.saw_table:
        raise MarkupError("其中没有表格")
    if merged is not None:
        merged.extend(parser.merged)


# -- Excel 2003 XML (SpreadsheetML) ---------------------------------------------------------------------

def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(el: ET.Element, name: str) -> str | None:
    for key, value in el.attrib.items():
        if key == name or key.endswith("}" + name):
            return value
    return None


def _index(el: ET.Element) -> int | None:
    value = _attr(el, "Index")
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _xml_value(cell: ET.Element) -> Any:
    data = next((c for c in cell if _local(c.tag) == "Data"), None)
    if data is None:
        return ""
    text = "".join(data.itertext())
    kind = (_attr(data, "Type") or "String").lower()
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "datetime":
        try:
            return datetime.fromisoformat(text.strip())
        except ValueError:
            return text
    if kind == "boolean":
        return text.strip() in ("1", "true", "TRUE")
    return text


_XML_DECL = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")


class SheetInfo:
    __slots__ = ("name", "visible", "height", "merged")

    def __init__(self, name: str) -> None:
        self.name = name
        self.visible = True
        self.height = 0
        self.merged: list[Merged] = []


def xmlss_rows(path: Path, encoding: str, sheets: list[SheetInfo] | None = None,
               only: int | None = None) -> Iterator[Row]:
    """(sheet index, row number, values) of every row (or of sheet ``only``); blank rows between
    numbered rows are given too. With ``sheets`` the worksheets' names, visibility, heights and
    merged ranges are collected."""
    parser = ET.XMLPullParser(events=("start", "end"))
    stack: list[ET.Element] = []
    sheet = -1
    number = 0
    values: list[Any] = []
    first = True
    in_options = False
    for chunk in _chunks(path, encoding):
        if first:  # read as text already: the declared encoding (perhaps GBK, which expat lacks) is done with
            chunk = _XML_DECL.sub("", chunk, count=1)
            first = False
        try:
            parser.feed(chunk)
            events = list(parser.read_events())
        except ET.ParseError as exc:
            raise MarkupError(f"XML 格式错误,第 {exc.position[0]} 行") from exc
        for event, el in events:
            name = _local(el.tag)
            if event == "start":
                stack.append(el)
                if name == "Worksheet":
                    sheet += 1
                    number = 0
                    if only is not None and sheet > only:
                        return
                    if sheets is not None:
                        sheets.append(SheetInfo(_attr(el, "Name") or f"Sheet{sheet + 1}"))
                elif name == "Row":
                    index = _index(el)
                    target = index if index and index > number else number + 1
                    if only is None or sheet == only:
                        for blank in range(number + 1, target):
                            yield sheet, blank, []
                    number = target
                    values = []
                elif name == "WorksheetOptions":
                    in_options = True
                continue
            stack.pop()
            if name == "Cell" and sheet >= 0:
                index = _index(el)
                col = index - 1 if index and index - 1 >= len(values) else len(values)
                values.extend([""] * (col - len(values)))
                values.append(_xml_value(el))
                across, down = _span(_attr(el, "MergeAcross"), 0), _span(_attr(el, "MergeDown"), 0)
                if across:
                    values.extend([""] * across)
                if (across or down) and sheets is not None:
                    sheets[sheet].merged.append(((number - 1, col), (number - 1 + down, col + across)))
            elif name == "Row" and sheet >= 0:
                while values and values[-1] == "":
                    values.pop()
                if sheets is not None:
                    sheets[sheet].height = number
                if only is None or sheet == only:
                    yield sheet, number, values
                values = []
                if stack:
                    stack[-1].remove(el)  # rows are not kept: memory stays bounded
            elif name == "Visible" and in_options and sheets is not None and sheet >= 0:
                sheets[sheet].visible = (el.text or "").strip().lower() not in ("sheethidden", "sheetveryhidden")
            elif name == "WorksheetOptions":
                in_options = False
    try:
        parser.close()
    except ET.ParseError as exc:
        raise MarkupError(f"XML 格式错误,第 {exc.position[0]} 行,文件不完整") from exc
