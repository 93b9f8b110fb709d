"""A fast streaming xlsx writer for very long single-sheet tables (100,000+ rows).

xlsxwriter spends several microseconds per cell; a re-assessment of 100,000 households writes two
million cells. This writer streams the sheet XML straight into the zip (deflate level 1), keeps
repeated strings once in the shared-strings table, and writes to a temporary file that replaces the
target only when complete: a cancelled or failed export leaves nothing half-written.

Cells: str → text, bool → 是/否, int/float/Decimal → number (Decimal with the money format),
date → date, datetime → date and time, None/"" → empty. Columns listed in ``text_columns`` are always
text (ID numbers). A text longer than Excel's 32,767 characters is cut there (as xlsxwriter does).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from desktop.io.files import replacing
from desktop.io.spreadsheet import SERIAL_EPOCH, column_letter
from desktop.io.xlsx_writer import MAX_CELL_TEXT, fit_widths, sheet_name

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EPOCH = SERIAL_EPOCH.date()

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
# Styles: 0 normal, 1 header (bold, filled, bordered), 2 money, 3 text, 4 date, 5 title (bold 14pt),
# 6 date and time.
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/>
<numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font>
<font><b/><sz val="14"/><name val="宋体"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>
<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


def _clean(text: str) -> str:
    text = escape(text)
    if not text.isprintable():
        text = _CONTROL.sub("", text)
    return text


def write_rows(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str = "Sheet1",
               title: str = "", text_columns: Sequence[int] = (), widths: Sequence[int] | None = None,
               empty_note: str = "", on_row: Callable[[int], None] | None = None, before_replace: Callable[[], None] | None = None) -> int:
    """Write one sheet (optional title line, a bold header row, frozen panes, autofilter). ``on_row(n)``
    is called every 1,000 rows and may raise to cancel; ``before_replace()`` once before the file is put
    in place (files.replacing). Columns without a given width fit the header and the first rows.
    ``empty_note``: written under the header when there are no rows. Returns the number of data rows written."""
    letters = [column_letter(i) for i in range(max(len(headers), 1))]
    text_cols = set(text_columns)
    strings: dict[str, int] = {}
    written = 0

    def sst(text: str) -> int:
        """The shared-string index of a raw text (escaped once, when first seen)."""
        index = strings.get(text)
        if index is None:
            index = strings[text] = len(strings)
        return index

    with replacing(path, before_replace) as tmp_name:
        with zipfile.ZipFile(tmp_name, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
            zf.writestr("_rels/.rels", _RELS)
            zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
            zf.writestr("xl/styles.xml", _STYLES)
            zf.writestr("xl/workbook.xml", (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                f'<sheets><sheet name="{_clean(sheet_name(sheet))}" sheetId="1" r:id="rId1"/></sheets>'
                + "</workbook>"))
            header_row = 2 if title else 1
            with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as raw:
                parts: list[str] = [
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                    f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="{header_row}" '
                    f'topLeftCell="A{header_row + 1}" activePane="bottomLeft" state="frozen"/>'
                    "</sheetView></sheetViews><cols>"]
                fitted, rows = fit_widths(headers, rows, widths)
                for i, width in enumerate(fitted):
                    style = ' style="3"' if i in text_cols else ""
                    parts.append(f'<col min="{i + 1}" max="{i + 1}" width="{width}" customWidth="1"{style}/>')
                parts.append("</cols><sheetData>")
                if title:
                    parts.append(f'<row r="1"><c r="A1" t="s" s="5"><v>{sst(title)}</v></c></row>')
                parts.append(f'<row r="{header_row}">')
                for i, header in enumerate(headers):
                    parts.append(f'<c r="{letters[i]}{header_row}" t="s" s="1"><v>{sst(header)}</v></c>')
                parts.append("</row>")
                raw.write("".join(parts).encode("utf-8"))
                parts = []
                r = header_row
                get = strings.get
                for values in rows:
                    r += 1
                    rs = str(r)
                    cells = [f'<row r="{rs}">']
                    add = cells.append
                    for col, value in enumerate(values):
                        kind = type(value)
                        if kind is str:
                            if not value:
                                continue
                            index = get(value)
                            if index is None:
                                index = sst(value)
                            add(f'<c r="{letters[col]}{rs}" t="s"><v>{index}</v></c>')
                        elif value is None:
                            continue
                        elif col in text_cols:
                            add(f'<c r="{letters[col]}{rs}" t="s"><v>{sst(str(value))}</v></c>')
                        elif kind is Decimal:
                            add(f'<c r="{letters[col]}{rs}" s="2"><v>{value}</v></c>')
                        elif kind is bool:
                            add(f'<c r="{letters[col]}{rs}" t="s"><v>{sst("是" if value else "否")}</v></c>')
                        elif kind is int or kind is float:
                            add(f'<c r="{letters[col]}{rs}"><v>{value}</v></c>')
                        elif isinstance(value, datetime):
                            moment = value.replace(tzinfo=None) - SERIAL_EPOCH
                            add(f'<c r="{letters[col]}{rs}" s="6"><v>{moment.total_seconds() / 86400:.8f}</v></c>')
                        elif isinstance(value, date):
                            add(f'<c r="{letters[col]}{rs}" s="4"><v>{(value - _EPOCH).days}</v></c>')
                        elif isinstance(value, Decimal | int | float):
                            add(f'<c r="{letters[col]}{rs}"><v>{value}</v></c>')
                        else:
                            add(f'<c r="{letters[col]}{rs}" t="s"><v>{sst(str(value))}</v></c>')
                    cells.append("</row>")
                    parts.append("".join(cells))
                    written += 1
                    if written % 1000 == 0:
                        raw.write("".join(parts).encode("utf-8"))
                        parts = []
                        if on_row is not None:
                            on_row(written)
                tail = "</sheetData>"
                if r == header_row and empty_note:
                    tail = (f'<row r="{r + 1}"><c r="A{r + 1}" t="s"><v>{sst(empty_note)}</v></c></row>'
                            + tail)
                if headers and r > header_row:
                    tail += f'<autoFilter ref="A{header_row}:{letters[len(headers) - 1]}{r}"/>'
                parts.append(tail + "</worksheet>")
                raw.write("".join(parts).encode("utf-8"))
            with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as raw:
                raw.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                           f'count="{len(strings)}" uniqueCount="{len(strings)}">').encode())
                chunk: list[str] = []
                for raw_text in strings:  # insertion order = index order
                    text = _clean(raw_text if len(raw_text) <= MAX_CELL_TEXT else raw_text[:MAX_CELL_TEXT])
                    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
                    chunk.append(f"<si><t{space}>{text}</t></si>")
                    if len(chunk) >= 5000:
                        raw.write("".join(chunk).encode("utf-8"))
                        chunk = []
                chunk.append("</sst>")
                raw.write("".join(chunk).encode("utf-8"))
    return written
