"""Acceptance of the printed documents with the names real offices have (session 28): rare characters
(CJK Extension A/B, 𠮷 䶮), a minority name with its middle dot, a name with a space, a long name; amounts
with fen and zero. A PDF shows a character no font here can draw as an empty box: the document then
says so under it, naming the character and where it stands. An xlsx list printed from Excel/WPS has its
header on every page, all its columns across the page and page numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop.services import applications as svc
from tests.district import District
from tests.test_applications import make_household

NAMES = ["张𠮷", "王䶮", "阿卜杜拉·艾买提", "欧阳 娜娜", "买买提依明·阿不都热合曼·艾力克木·吐尔逊巴克"]
NO_FONT = "\U0003134f"  # a code point no font has (unassigned): printed as a box on any computer


def _approve(district: District, name: str, amount: str) -> int:
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["八泉社区"], name, 2)
    app = svc.accept(db, admin, household_id=hid, category="dibao", track="regular", accepted_on=date(2026, 2, 10))
    svc.complete_step(db, admin, app, "check", on=date(2026, 2, 12), result="passed")
    svc.complete_step(db, admin, app, "investigation", on=date(2026, 2, 24), investigators=["李四", "王五"])
    svc.complete_step(db, admin, app, "publicity", on=date(2026, 3, 4), publicity_start=date(2026, 2, 25))
    svc.decide(db, admin, app, approve=True, on=date(2026, 3, 10), amount=amount, today=date(2026, 6, 15))
    return app


def test_roster_and_publicity_xlsx_keep_the_names_add_up_and_print_with_header_and_pages(
        district: District, tmp_path: Path) -> None:
    amounts = ["0.01", "12345.67", "650", "99999.99", "0.50"]
    for name, amount in zip(NAMES, amounts, strict=True):
        _approve(district, name, amount)
    db, admin = district.db, district.admin
    svc.record_monthly_assistance(db, admin, date(2026, 4, 1), today=date(2026, 6, 15))
    n, total = svc.export_payment_roster_xlsx(db, admin, tmp_path / "花名册.xlsx", date(2026, 4, 1))
    assert (n, total) == (5, Decimal("112996.17"))
    ws = openpyxl.load_workbook(tmp_path / "花名册.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1] == tuple(svc.ROSTER_HEADERS)
    body, last = rows[2:-1], rows[-1]
    assert sorted(r[4] for r in body) == sorted(NAMES)  # every character kept, 𠮷 (outside the BMP) too
    assert last[0] == "合计" and last[4] == "5 户" and last[7] == 10
    assert round(sum(Decimal(str(r[8])) for r in body), 2) == Decimal(str(last[8])) == total
    # printed from Excel/WPS: the header row again on every page, all ten columns on the width of
    # landscape A4, and 第 n 页,共 N 页 at the foot
    assert ws.print_title_rows == "$2:$2"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.oddFooter.center.text == "第 &P 页,共 &N 页"

    svc.export_publicity_xlsx(db, admin, tmp_path / "公示.xlsx", decided_from=date(2026, 3, 1),
                              decided_to=date(2026, 3, 31))
    ws = openpyxl.load_workbook(tmp_path / "公示.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1] == svc.PUBLICITY_HEADERS
    assert [(r[1], Decimal(str(r[3])).quantize(Decimal("0.01"))) for r in rows[2:]] == \
        [(name, Decimal(a).quantize(Decimal("0.01"))) for name, a in zip(NAMES, amounts, strict=True)]
    assert ws.print_title_rows == "$2:$2" and ws.page_setup.orientation != "landscape"  # four columns: upright


def test_a_pdf_says_which_characters_it_prints_as_boxes(district: District, qapp, tmp_path: Path,
                                                        cjk_font: None) -> None:  # noqa: ANN001
    from PySide6.QtGui import QFont

    from desktop.views import printing

    for name in [*NAMES, f"赵{NO_FONT}"]:
        _approve(district, name, "650")
    html = svc.publicity_html(district.db, district.admin, decided_from=date(2026, 3, 1), decided_to=date(2026, 3, 31))
    text = printing.printed_document(html).toPlainText()
    assert all(name in text for name in NAMES)  # the names themselves as they are (a box only where no font)
    note = text[text.index("注:"):]
    assert f"U+{ord(NO_FONT):05X}(见“赵□”)" in note and "手工补写" in note
    # 𠮷 is named only where no font here draws it (this computer's fonts decide), the dots never
    rare = not printing._drawable("𠮷", QFont("WenQuanYi Micro Hei"))
    assert ("U+20BB7(见“张□”)" in note) == rare
    assert "U+00B7" not in note and "U+0020" not in note
    out = printing.html_to_pdf(html, tmp_path / "公示.pdf")
    assert out.read_bytes().startswith(b"%PDF")

    plain = printing.printed_document("<p>阿卜杜拉·艾买提 欧阳 娜娜 1,234.56</p>").toPlainText()
    assert "注:" not in plain  # nothing missing: no note


@pytest.mark.parametrize("rows", [0, 1])
def test_approval_notice_of_a_rare_name_and_an_empty_publicity_period(district: District, rows: int) -> None:
    if rows:
        app = _approve(district, "陈𡒄", "0.01")
        notice = svc.notice_document(district.db, district.admin, app)
        assert "陈𡒄" in notice.html and "<b>0.01</b>" in notice.html
    html = svc.publicity_html(district.db, district.admin, decided_from=date(2026, 3, 1), decided_to=date(2026, 3, 31))
    assert f"共 {rows} 户" in html and "<th>姓名</th>" in html


def test_a_pdf_of_several_pages_numbers_them_and_one_of_one_page_does_not(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    """QTextDocument.print_ numbered no page of a document laid out to the A4 page: a posted publicity list of
    three pages could lose one unseen."""
    import re

    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QImage, QPainter

    from desktop.views import printing

    rows = "".join(f"<tr><td>{i}</td><td>户主{i}</td><td>1,234.00</td></tr>" for i in range(1, 121))
    html = f"<table><thead><tr><th>序号</th><th>姓名</th><th>金额</th></tr></thead>{rows}</table>"
    written: list[str] = []

    class Recording(QPainter):
        def drawText(self, *args: object) -> None:  # noqa: N802 (Qt's name)
            written.append(str(args[-1]))
            super().drawText(*args)

    image = QImage(700, 1000, QImage.Format.Format_RGB32)
    painter = Recording(image)
    pages = printing.paint_pages(printing.printed_document(html), painter, QSizeF(700, 1000), lambda: None)
    painter.end()
    assert pages >= 2 and written == [f"第 {n} 页,共 {pages} 页" for n in range(1, pages + 1)]
    pdf = printing.html_to_pdf(html, tmp_path / "list.pdf")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes())) >= 2
    written.clear()
    painter = Recording(image)
    assert printing.paint_pages(printing.printed_document("<p>通知书</p>"), painter, QSizeF(700, 1000), lambda: None) == 1
    painter.end()
    assert written == []
