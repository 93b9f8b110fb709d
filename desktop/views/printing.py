"""Documents to PDF through Qt print support: HTML in, a PDF file out (A4, Chinese fonts)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.services.files import save_bytes

LAYOUT_DPI = 96  # QTextDocument lays out in logical pixels at this resolution

BASE_CSS = """
body { font-family: 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; }
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
    doc = QTextDocument()
    doc.setDefaultStyleSheet(BASE_CSS)
    doc.setHtml(html)
    # The page in the document's own layout units (logical pixels at 96 dpi, like a screen):
    # print_() scales these to the writer's 300 dpi. Giving it the 300-dpi pixel size instead
    # printed everything at a third of its size in the top-left corner.
    layout = writer.pageLayout()
    rect_mm = layout.paintRect(QPageLayout.Unit.Millimeter)
    doc.setPageSize(QSizeF(rect_mm.width() / 25.4 * LAYOUT_DPI, rect_mm.height() / 25.4 * LAYOUT_DPI))
    doc.print_(writer)
    del writer  # finishes the PDF in the buffer
    buffer.close()
    return save_bytes(path, bytes(buffer.data().data()))
