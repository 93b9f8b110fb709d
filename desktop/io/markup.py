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

_XML_DECL = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")


class SheetInfo:
    __slots__ = ("name", "visible", "height", "merged")

    def __init__(self, name: str) -> None:
        self.name = name
        self.visible = True
        self.height = 0
        self.merged: list[Merged] = []


def _number(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _xml_value(kind: str | None, text: str) -> Any:
    """A cell's value by its ss:Type: numbers, dates and true/false as such, anything else as text."""
    if kind is None or kind == "String":
        return text
    kind = kind.lower()
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


class _XmlRows:
    """The target of the XML parser (expat): rows out as they end, sheets' names, visibility and
    merged ranges collected; no tree is built. Elements and attributes are known by their local
    names, whatever namespace (or none) a writer put them in."""

    def __init__(self, sheets: list[SheetInfo] | None, only: int | None) -> None:
        self.sheets = sheets
        self.only = only
        self.names: dict[str, str] = {}  # tag or attribute key -> local name
        self.sheet = -1
        self.number = 0
        self.values: list[Any] = []
        self.out: list[Row] = []
        self.done = False  # sheet ``only`` is over
        self.in_cell = 0  # elements open in the open cell, the cell itself counted (0: no cell open)
        self.index: int | None = None  # the open cell's ss:Index, MergeAcross and MergeDown
        self.across = self.down = 0
        self.has_data = False  # the cell's own Data (not a Comment's, not a second) seen
        self.kind: str | None = None  # its ss:Type
        self.text: list[str] | None = None  # its text (or x:Visible's), while in it
        self.value: Any = ""
        self.in_options = False

    def _local(self, name: str) -> str:
        local = self.names[name] = name.rsplit("}", 1)[-1]
        return local

    def _attr(self, attrs: dict[str, str], name: str) -> str | None:
        names = self.names
        for key, value in attrs.items():
            if (names.get(key) or self._local(key)) == name:
                return value
        return None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        depth = self.in_cell
        if depth:
            self.in_cell = depth + 1
            if depth == 1 and not self.has_data and (self.names.get(tag) or self._local(tag)) == "Data":
                self.kind = self._attr(attrs, "Type") if attrs else None
                self.text = []
                self.has_data = True
            return
        name = self.names.get(tag) or self._local(tag)
        if name == "Cell":
            if self.sheet < 0:
                return
            self.in_cell = 1
            self.index, self.across, self.down = None, 0, 0
            if attrs:
                names = self.names
                for key, value in attrs.items():
                    local = names.get(key) or self._local(key)
                    if local == "Index":
                        self.index = _number(value)
                    elif local == "MergeAcross":
                        self.across = _span(value, 0)
                    elif local == "MergeDown":
                        self.down = _span(value, 0)
        elif name == "Row":
            index = _number(self._attr(attrs, "Index")) if attrs else None
            target = index if index and index > self.number else self.number + 1
            if self.only is None or self.sheet == self.only:
                for blank in range(self.number + 1, target):
                    self.out.append((self.sheet, blank, []))
            self.number = target
            self.values = []
        elif name == "Worksheet":
            self.sheet += 1
            self.number = 0
            if self.only is not None and self.sheet > self.only:
                self.done = True
            if self.sheets is not None:
                self.sheets.append(SheetInfo((self._attr(attrs, "Name") if attrs else None) or f"Sheet{self.sheet + 1}"))
        elif name == "WorksheetOptions":
            self.in_options = True
        elif name == "Visible" and self.in_options:
            self.text = []

    def data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, tag: str) -> None:
        depth = self.in_cell
        if depth:
            if depth == 2 and self.text is not None:  # the end of the cell's Data
                self.value = _xml_value(self.kind, "".join(self.text))
                self.text = None
            elif depth == 1:
                self._end_cell()
            self.in_cell = depth - 1
            return
        name = self.names.get(tag) or self._local(tag)
        if name == "Row" and self.sheet >= 0:
            values = self.values
            while values and values[-1] == "":
                values.pop()
            if self.sheets is not None:
                self.sheets[self.sheet].height = self.number
            if self.only is None or self.sheet == self.only:
                self.out.append((self.sheet, self.number, values))
            self.values = []
        elif name == "Visible" and self.text is not None:
            if self.sheets is not None and self.sheet >= 0:
                text = "".join(self.text).strip().lower()
                self.sheets[self.sheet].visible = text not in ("sheethidden", "sheetveryhidden")
            self.text = None
        elif name == "WorksheetOptions":
            self.in_options = False

    def _end_cell(self) -> None:
        index, across, values = self.index, self.across, self.values
        col = index - 1 if index and index - 1 >= len(values) else len(values)
        if col > len(values):
            values.extend([""] * (col - len(values)))
        values.append(self.value)
        if across:
            values.extend([""] * across)
        if (across or self.down) and self.sheets is not None:
            self.sheets[self.sheet].merged.append(((self.number - 1, col), (self.number - 1 + self.down, col + across)))
        self.value, self.text, self.has_data = "", None, False

    def close(self) -> None:
        return None


def xmlss_rows(path: Path, encoding: str, sheets: list[SheetInfo] | None = None,
               only: int | None = None) -> Iterator[Row]:
    """(sheet index, row number, values) of every row (or of sheet ``only``); blank rows between
    numbered rows are given too. With ``sheets`` the worksheets' names, visibility, heights and
    merged ranges are collected."""
    rows = _XmlRows(sheets, only)
    parser = ET.XMLParser(target=rows)
    first = True
    try:
        for chunk in _chunks(path, encoding):
            if first:  # read as text already: the declared encoding (perhaps GBK, which expat lacks) is done with
                chunk = _XML_DECL.sub("", chunk, count=1)
                first = False
            parser.feed(chunk.encode("utf-8", "surrogatepass"))
            if rows.out:
                out, rows.out = rows.out, []
                yield from out
            if rows.done:
                return
    except ET.ParseError as exc:
        raise MarkupError(f"XML 格式错误,第 {exc.position[0]} 行") from exc
    try:
        parser.close()
    except ET.ParseError as exc:
        raise MarkupError(f"XML 格式错误,第 {exc.position[0]} 行,文件不完整") from exc
    yield from rows.out
