"""Documents to PDF through Qt print support: HTML in, a PDF file out (A4, Chinese fonts)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument, QTextLayout

from desktop.services.files import save_bytes

LAYOUT_DPI = 96  # QTextDocument lays out in logical pixels at this resolution

# After the office's usual fonts, those drawing the rare characters of names (CJK Extension A/B, e.g. 𠮷 䶮):
# Windows' SimSun-ExtB/ExtG, MingLiU-ExtB; Linux's Noto/Source Han and HanaMin. Qt tries them in turn for
# a character the first one lacks.
BASE_CSS = """
body { font-family: 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'SimSun-ExtB', 'SimSun-ExtG',
       'MingLiU-ExtB', 'Source Han Sans SC', 'HanaMinA', 'HanaMinB', sans-serif; font-size: 10.5pt; }
h1 { font-size: 16pt; text-align: center; }
h2 { font-size: 13pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #444; padding: 3px 6px; }
th { background: #e8eef7; }
.right { text-align: right; }
.muted { color: #666; }
"""


def html_to_pdf(html: str, path: str | Path, *, title: str = "", landscape: bool = False) -> Path:
    """Render HTML to an A4 PDF. Returns the path written.

    The PDF is drawn into memory and then saved atomically, so a path that cannot be written (a
    folder, no permission, a full disk) raises OSError naming it and leaves no half-written file;
    QPdfWriter given the path itself only warned and wrote nothing."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Relief Desk")
    writer.setResolution(300)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    doc = printed_document(html)
    # The page in the document's own layout units (logical pixels at 96 dpi, like a screen); the
    # painter scales these to the writer's 300 dpi. Laying the document out at the 300-dpi pixel
    # size instead printed everything at a third of its size in the top-left corner.
    layout = writer.pageLayout()
    rect_mm = layout.paintRect(QPageLayout.Unit.Millimeter)
    page = QSizeF(rect_mm.width() / 25.4 * LAYOUT_DPI, rect_mm.height() / 25.4 * LAYOUT_DPI)
    painter = QPainter(writer)
    painter.scale(writer.resolution() / LAYOUT_DPI, writer.resolution() / LAYOUT_DPI)
    paint_pages(doc, painter, page, writer.newPage)
    painter.end()
    del writer  # finishes the PDF in the buffer
    buffer.close()
    return save_bytes(path, bytes(buffer.data().data()))


FOOTER = 28  # logical pixels under the text of each page (about 7 mm) for its page number


def paint_pages(doc: QTextDocument, painter: QPainter, page: QSizeF, new_page: Callable[[], object]) -> int:
    """Lay ``doc`` out on pages of ``page`` (logical pixels) and paint them, each after the first on a
    ``new_page()``; a document of several pages gets 第 n 页,共 N 页 at the foot of each (a page missing from
    a posted publicity list is seen). QTextDocument.print_ numbered no page of a document laid out to a
    page size. Returns the number of pages."""
    body = QSizeF(page.width(), page.height() - FOOTER)
    doc.setPageSize(body)
    pages = doc.pageCount()
    font = QFont(doc.defaultFont())
    font.setPixelSize(12)  # logical pixels, as the painter is scaled: a point size would be the device's
    for n in range(pages):
        if n:
            new_page()
        painter.save()
        painter.translate(0, -n * body.height())
        doc.drawContents(painter, QRectF(0, n * body.height(), body.width(), body.height()))
        painter.restore()
        if pages > 1:
            painter.setFont(font)
            painter.drawText(QRectF(0, body.height(), body.width(), FOOTER), Qt.AlignmentFlag.AlignCenter,
                             f"第 {n + 1} 页,共 {pages} 页")
    return pages


def printed_document(html: str) -> QTextDocument:
    """The document as printed: the HTML in the program's style, and under it, when some character of
    it has no font here (a rare name character), the note :func:`missing_note` (a box in a name is not
    printed as if it were the name)."""
    doc = QTextDocument()
    doc.setDefaultStyleSheet(BASE_CSS)
    doc.setHtml(html)
    missing = undrawable(doc)
    if missing:
        doc.setHtml(html + missing_note(missing))
    return doc


def _drawable(ch: str, font: QFont) -> bool:
    """Whether ``ch`` gets a real glyph in ``font`` or a font Qt falls back to (not the empty box)."""
    layout = QTextLayout(ch, font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    runs = line.glyphRuns(-1, -1, QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes)
    return all(0 not in run.glyphIndexes() for run in runs)


def undrawable(doc: QTextDocument) -> dict[str, list[str]]:
    """The characters of ``doc`` no font on this computer can draw (a rare name character such as 𠮷
    where no font has CJK Extension B), each with the texts (table cells, paragraphs) it stands in."""
    known: dict[tuple[str, str], bool] = {}
    out: dict[str, list[str]] = {}
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            font = fragment.charFormat().font()
            for ch in dict.fromkeys(fragment.text()):
                if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") or ch == "\ufffc":
                    continue
                key = (font.key(), ch)
                if key not in known:
                    known[key] = _drawable(ch, font)
                if not known[key] and block.text() not in (texts := out.setdefault(ch, [])):
                    texts.append(block.text())
            it += 1
        block = block.next()
    return out


def missing_note(missing: dict[str, list[str]]) -> str:
    """A note under the document naming the characters printed as empty boxes, where, and their code,
    for the clerk to write them in by hand (or print on a computer with a font that has them)."""
    def shown(text: str) -> str:
        return escape("".join("□" if ch in missing else ch for ch in text)[:40])

    items = "; ".join(f"U+{ord(ch):04X}(见“{'”“'.join(shown(t) for t in texts[:3])}”)" for ch, texts in missing.items())
    return (f"<p><b>注:</b>本机没有能显示以下 {len(missing)} 个字的字体,文中印为空框“□”:{items}。"
            "请在打印件上手工补写,或在装有这些字的字体(如 SimSun-ExtB)的电脑上重新导出。</p>")
