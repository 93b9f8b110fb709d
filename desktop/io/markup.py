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
import email
import email.policy
import html
import queue
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import datetime
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lxml import etree

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
    return codec_of(m.group(1).decode("ascii")) if m else None


def codec_of(name: str) -> str | None:
    """Python's name of the encoding a page names (GB2312 and GBK read as GB18030), if it knows it."""
    name = name.strip().strip("\"'").lower()
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


def _text_chunks(text: str) -> Iterator[str]:
    for start in range(0, len(text), CHUNK):
        yield text[start:start + CHUNK]


def _span(value: str | None, least: int = 1) -> int:
    """A colspan/rowspan (``least`` 1) or an ss:MergeAcross/MergeDown (``least`` 0) as written."""
    try:
        return min(max(int((value or "").strip() or least), least), MAX_SPAN)
    except ValueError:
        return least


# -- HTML ----------------------------------------------------------------------------------------

_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "br", "li", "center", "pre", "table", "hr"})
_IGNORED = frozenset({"title", "style", "script", "xml", "template"})  # not <head>: the parser ends it where a page does
_SPACE = re.compile(r"[ \t\r\n\f]+")
_BR = "\x00"  # a <br> in a cell, until the cell is read (the parser passes no NUL in text)


def _cell_text(parts: list[str]) -> str:
    """A cell's text as a browser shows it: runs of spaces and line ends in the source are one space,
    lines are those a <br> begins, each trimmed."""
    text = "".join(parts)
    if text.isprintable() and "  " not in text:  # the usual cell: nothing to fold
        return text.strip()
    return "\n".join(_SPACE.sub(" ", line).strip() for line in text.split(_BR)).strip()


class _HtmlRows:
    """Rows of every table (and of loose text between them) in document order. The target of
    libxml2's HTML parser (lxml), which calls start/end/data as it reads: no tree is built, and the
    parser has already closed what the page left open (a <td> before the next, a <tr> before the
    next) as browsers do.

    The innermost open table's state is held in attributes of its own (what a cell start, its text
    and its end touch, once per cell of a long list); an outer table's is kept in ``outer`` while a
    table nested in one of its cells is read."""

    def __init__(self) -> None:
        self.depth = 0  # tables open
        self.outer: list[tuple[Any, ...]] = []  # saved state of the tables around the innermost
        self.covered: dict[int, int] = {}  # column -> rows below still covered by a rowspan
        self.row: list[Any] | None = None
        self.cells: list[tuple[int, int, int]] = []  # (column, colspan, rowspan) of the open row's cells
        self.col = 0  # the next cell's column
        self.cell: list[str] | None = None  # the open cell's text
        self.cell_col = 0
        self.cell_num: str | None = None  # Excel's x:num, when the cell holds a number
        self.loose: list[str] = []
        self.ignored = 0
        self.number = 0
        self.out: list[tuple[int, list[Any]]] = []
        self.merged: list[Merged] = []
        self.saw_table = False

    # rows out
    def _flush_loose(self) -> None:
        text = _SPACE.sub(" ", "".join(self.loose)).strip()
        self.loose = []
        if text:
            self.number += 1
            self.out.append((self.number, [text]))

    def _close_cell(self) -> None:
        parts = self.cell
        self.cell = None
        if parts is None or self.row is None:
            return
        value: Any = _cell_text(parts) if parts else ""
        if self.cell_num is not None:
            try:
                value = float(self.cell_num.strip() or value.replace(",", ""))
            except ValueError:
                pass
        self.row[self.cell_col] = value

    def _close_row(self) -> None:
        if self.cell is not None:
            self._close_cell()
        row = self.row
        if row is None:
            return
        self.number += 1
        if self.covered:
            self.covered = {c: n - 1 for c, n in self.covered.items() if n > 1}
        for col, colspan, rowspan in self.cells:
            if colspan > 1 or rowspan > 1:
                self.merged.append(((self.number - 1, col), (self.number + rowspan - 2, col + colspan - 1)))
                if rowspan > 1:
                    for c in range(col, col + colspan):
                        self.covered[c] = rowspan - 1
        self.row = None
        self.cells = []
        while row and row[-1] == "":
            row.pop()
        self.out.append((self.number, row))

    def _open_table(self) -> None:
        if self.depth:
            self.outer.append((self.covered, self.row, self.cells, self.col, self.cell, self.cell_col, self.cell_num))
        else:
            self._flush_loose()
        self.depth += 1
        self.saw_table = True
        self.covered, self.row, self.cells, self.col, self.cell, self.cell_num = {}, None, [], 0, None, None

    def _close_table(self) -> None:
        self._close_row()
        self.depth -= 1
        if self.outer:
            (self.covered, self.row, self.cells, self.col, self.cell, self.cell_col,
             self.cell_num) = self.outer.pop()

    # parser callbacks
    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if self.ignored:
            if tag in _IGNORED:
                self.ignored += 1
        elif tag == "td" or tag == "th":
            if self.row is None:
                if not self.depth:  # a cell outside any table: a table all the same, as browsers show it
                    self._open_table()
                self.row, self.cells, self.col = [], [], 0
            elif self.cell is not None:
                self._close_cell()
            col = self.col
            if self.covered:
                while self.covered.get(col, 0) > 0:
                    col += 1
            colspan = rowspan = 1
            if attrs:
                if "colspan" in attrs:
                    colspan = _span(attrs["colspan"])
                if "rowspan" in attrs:
                    rowspan = _span(attrs["rowspan"])
                self.cell_num = attrs.get("x:num")  # "" when the mark has no value
            else:
                self.cell_num = None
            row = self.row
            while len(row) < col + colspan:
                row.append("")
            self.cells.append((col, colspan, rowspan))
            self.cell = []
            self.cell_col = col
            self.col = col + colspan
        elif tag == "tr":
            if not self.depth:
                self._open_table()
            elif self.row is not None:
                self._close_row()
            self.row, self.cells, self.col = [], [], 0
        elif tag in _IGNORED:
            self.ignored += 1
        elif tag == "br":
            if self.cell is not None:
                self.cell.append(_BR)
            elif not self.depth:
                self._flush_loose()
        elif tag == "table":
            self._open_table()
        elif tag in _BLOCKS and not self.depth:
            self._flush_loose()

    def end(self, tag: str) -> None:
        if self.ignored:
            if tag in _IGNORED:
                self.ignored -= 1
        elif tag == "td" or tag == "th":
            if self.cell is not None:
                self._close_cell()
        elif tag == "tr":
            if self.row is not None:
                self._close_row()
        elif tag == "table":
            if self.depth:
                self._close_table()
        elif tag in _BLOCKS and not self.depth:
            self._flush_loose()

    def data(self, data: str) -> None:
        if self.cell is not None:
            if not self.ignored:
                self.cell.append(data)
        elif not self.depth and not self.ignored:
            self.loose.append(data)
        # text in a table but in no cell is dropped, as browsers show it outside the table

    def close(self) -> None:
        while self.depth:
            self._close_table()
        self._flush_loose()

    def drain(self) -> list[tuple[int, list[Any]]]:
        out, self.out = self.out, []
        return out


class _Stopped(Exception):
    """The rows are no longer wanted: the parse ends."""


class _PageSource:
    """The page for the parser to read, as UTF-8 whatever its <meta charset> says (its encoding is
    known already). Each time the parser asks for more, the rows it found so far are handed on."""

    def __init__(self, chunks: Iterator[str], hand_on: Callable[[], None]) -> None:
        self.chunks = chunks
        self.hand_on = hand_on

    def read(self, size: int) -> bytes:
        self.hand_on()
        chunk = next(self.chunks, None)
        return b"" if chunk is None else chunk.encode("utf-8", "replace")


_DONE = object()
# No limit on the length of one text or attribute (a picture pasted as a data: address above the
# list can exceed libxml2's 10 MB), no network.
HTML_OPTIONS: dict[str, Any] = {"huge_tree": True, "no_network": True}


def html_rows(path: Path, encoding: str, merged: list[Merged] | None = None) -> Iterator[Row]:
    """(0, row number, values) for every row of the page; merged ranges appended to ``merged``."""
    return _page_rows(_chunks(path, encoding), merged)


def _page_rows(chunks: Iterator[str], merged: list[Merged] | None, *, table_needed: bool = True) -> Iterator[Row]:
    """The rows of a page read piece by piece from ``chunks`` (see :func:`html_rows`).

    libxml2 reads the page through :class:`_PageSource`, which it asks for more as it goes and
    whose consumed part it lets go: memory stays bounded for a page of any length (fed to it
    piece by piece instead, it keeps the whole page). That reading runs in a thread of its own,
    handing rows over in batches, a few at most waiting, so they come out here as they are found
    and the reading stops when they are no longer wanted."""
    rows = _HtmlRows()
    batches: queue.Queue[Any] = queue.Queue(maxsize=4)
    stop = threading.Event()

    def hand_on() -> None:
        if stop.is_set():
            raise _Stopped
        if rows.out:
            batches.put(rows.drain())

    def read() -> None:
        try:
            parser = etree.HTMLParser(target=rows, encoding="utf-8", **HTML_OPTIONS)
            try:
                etree.parse(_PageSource(chunks, hand_on), parser)
            except etree.XMLSyntaxError as exc:
                if rows.saw_table or rows.number:
                    raise MarkupError(f"第 {exc.lineno} 行有无法解析的内容") from exc
                rows.close()  # no element at all (nothing but comments or a declaration)
            else:
                # The parser mends what a page leaves undone and goes on; it stops only at what it
                # cannot take (a limit exceeded), which would lose the rest of the page unsaid.
                last = parser.error_log.last_error
                if last is not None and last.level >= etree.ErrorLevels.FATAL:
                    raise MarkupError(f"第 {last.line} 行有无法解析的内容")
            batches.put(rows.drain())
            batches.put(_DONE)
        except _Stopped:
            pass
        except BaseException as exc:  # handed on to be raised where the rows are read
            batches.put(exc)

    reader = threading.Thread(target=read, name="html_rows", daemon=True)
    reader.start()
    try:
        while (batch := batches.get()) is not _DONE:
            if isinstance(batch, BaseException):
                raise batch
            for number, values in batch:
                yield 0, number, values
    finally:
        stop.set()
        while reader.is_alive():  # unblock a reader waiting to hand on rows, until it sees the stop
            try:
                batches.get_nowait()
            except queue.Empty:
                reader.join(0.01)
    if not rows.saw_table and table_needed:
        raise MarkupError("其中没有表格")
    if merged is not None:
        merged.extend(rows.merged)


# -- single file web pages (MHT) -------------------------------------------------------------------------

# Excel's "单个文件网页" and many web systems' "导出Excel" write a MIME archive (.mht) under the name
# .xls: the page's parts one after another, each quoted-printable or base64, each with its charset.
# Excel's holds a frame page listing the sheets (<x:ExcelWorksheet>: name, the part holding it, hidden
# or not) and a page per sheet; a web system's holds the one page with the table.

_ARCHIVE_HEAD = re.compile(rb"^(?:[\w-]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)*?mime-version:", re.I)
_WORKSHEET = re.compile(r"<x:ExcelWorksheet\b[^>]*>(.*?)</x:ExcelWorksheet\s*>", re.I | re.S)
_WORKSHEET_NAME = re.compile(r"<x:Name\b[^>]*>(.*?)</x:Name\s*>", re.I | re.S)
_WORKSHEET_SOURCE = re.compile(r"<x:WorksheetSource\b[^>]*?\bHRef\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_WORKSHEET_HIDDEN = re.compile(r"<x:Visible\b[^>]*>\s*Sheet(?:Very)?Hidden\s*<", re.I)
_TABLE = re.compile(r"<t[dhr][\s>]|<table\b", re.I)


def is_web_archive(head: bytes) -> bool:
    """A MIME archive (MHT): its header lines (From:, Subject: … as Internet Explorer saves one) name
    MIME-Version and a multipart/related content."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return _ARCHIVE_HEAD.match(text) is not None and b"multipart/related" in text.lower()


def _location(value: str | None) -> str:
    """A part's Content-Location or a page's reference to one, as a path to compare by its end."""
    text = unquote((value or "").strip()).replace("\\", "/")
    text = text.split("#", 1)[0].split("?", 1)[0]
    while text.startswith("./"):
        text = text[2:]
    return text.lower()


def _part_text(part: Message) -> str:
    """A part's page as text: its bytes decoded from quoted-printable or base64, in the charset its
    header names, else the one its <meta> names, else UTF-8 when it is that, else GB18030."""
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return ""
    encoding = codec_of(part.get_content_charset() or "") or declared_encoding(data[:4096])
    if encoding is None:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            encoding = "gb18030"
    return data.decode(encoding, "replace").lstrip("\ufeff")


def archive_pages(path: Path) -> tuple[list[tuple[SheetInfo, str]], str | None]:
    """The sheets of a single file web page: (name, hidden or not; the page holding it) each, in the
    order the archive lists them, and the charset of its first page."""
    with open(path, "rb") as fh:
        archive = email.message_from_binary_file(fh, policy=email.policy.compat32)
    pages: list[tuple[str, str]] = []  # (location, text) of every HTML part
    charset: str | None = None
    for part in archive.walk():
        if part.is_multipart() or part.get_content_type() not in ("text/html", "application/xhtml+xml"):
            continue
        pages.append((_location(part.get("Content-Location")), _part_text(part)))
        charset = charset or codec_of(part.get_content_charset() or "") or "utf-8"
    if not pages:
        raise MarkupError("其中没有网页内容")
    listed = [(html.unescape(name.group(1)).strip() if (name := _WORKSHEET_NAME.search(body)) else "",
               source.group(1) if (source := _WORKSHEET_SOURCE.search(body)) else None,
               _WORKSHEET_HIDDEN.search(body) is not None)
              for body in _WORKSHEET.findall(pages[0][1])]
    sheets: list[tuple[SheetInfo, str]] = []
    if listed and all(source for _n, source, _h in listed):  # Excel's frame page: a part per sheet
        for n, (name, source, hidden) in enumerate(listed, 1):
            want = _location(source)
            text = next((t for at, t in pages if at == want or at.endswith("/" + want)), None)
            if text is None:
                want = want.rsplit("/", 1)[-1]
                text = next((t for at, t in pages if at.rsplit("/", 1)[-1] == want), "")
            info = SheetInfo(name or f"Sheet{n}")
            info.visible = not hidden and _WORKSHEET_HIDDEN.search(text) is None
            sheets.append((info, text))
    else:  # the page (or pages) holding a table, the first named as Excel names its one sheet
        for at, text in pages:
            if _TABLE.search(text) is None or at.endswith("tabstrip.htm"):
                continue
            if sheets:
                name = Path(at).stem or f"Sheet{len(sheets) + 1}"
            else:
                name = (listed[0][0] if listed else "") or path.stem
            sheets.append((SheetInfo(name), text))
    if not sheets:
        raise MarkupError("其中没有表格")
    return sheets, charset


def archive_rows(pages: list[tuple[SheetInfo, str]], only: int | None, *, first: bool = False) -> Iterator[Row]:
    """(sheet index, row number, values) of every sheet of a single file web page (of sheet ``only``
    alone when given); read the ``first`` time, each sheet's height and merged cells are noted."""
    for index, (info, text) in enumerate(pages):
        if only is not None and index != only:
            continue
        for _sheet, number, values in _page_rows(_text_chunks(text), info.merged if first else None,
                                                 table_needed=False):
            if first:
                info.height = number
            yield index, number, values


# -- Excel 2003 XML (SpreadsheetML) ---------------------------------------------------------------------

_XML_DECL = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")
_SS_TYPE = f"{{{_SS}}}Type"  # ss:Type, as the parser names it


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
                self.kind = (attrs.get(_SS_TYPE) or self._attr(attrs, "Type")) if attrs else None
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
            elif depth == 1:  # the end of the cell
                values, index = self.values, self.index
                if index is None and not self.across and not self.down:  # the usual cell: the next column
                    values.append(self.value)
                else:
                    self._place_cell()
                self.value, self.text, self.has_data = "", None, False
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

    def _place_cell(self) -> None:
        """The ended cell's value where its ss:Index puts it, and its merged range."""
        index, across, values = self.index, self.across, self.values
        col = index - 1 if index and index - 1 >= len(values) else len(values)
        if col > len(values):
            values.extend([""] * (col - len(values)))
        values.append(self.value)
        if across:
            values.extend([""] * across)
        if (across or self.down) and self.sheets is not None:
            self.sheets[self.sheet].merged.append(((self.number - 1, col), (self.number - 1 + self.down, col + across)))

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
