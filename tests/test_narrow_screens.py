"""Every page of the main window fits an office screen: 1024×768 (about 800 pixels beside the navigation)
or 1366×768 at 125 % (about 909). Pages were 979–1094 pixels wide and sat in a sideways scroll area that hid
the buttons at the right end of their rows (列/导出/打开 on 家庭台账, 刷新 and the exports on 统计分析, …)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QTabWidget, QWidget

from desktop.services import auth, demo
from desktop.services.database import Database
from desktop.views.calendar_settings import CalendarSettingsTab
from desktop.views.clue_form import ClueForm
from desktop.views.context import AppContext
from desktop.views.main_window import MainWindow
from desktop.views.operations import wait_for_background
from tests.district import District

pytestmark = pytest.mark.usefixtures("chinese")

PAGE_ROOM = 800  # 1024 pixels less the navigation


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()
        assert wait_for_background()
        QApplication.processEvents()


def _problems(window: MainWindow, key: str, where: str) -> list[str]:
    page = window.page(key)
    holder = window._holders[key]
    area = holder.viewport()
    assert area.width() >= PAGE_ROOM - 20, where  # the window is 1024 wide, less the navigation
    found = []
    if page.minimumSizeHint().width() > PAGE_ROOM:
        found.append(f"{where}: needs {page.minimumSizeHint().width()} pixels of width")
    if holder.horizontalScrollBar().isVisible():
        found.append(f"{where}: scrolls sideways")
    for button in page.findChildren(QAbstractButton):
        if not button.isVisibleTo(page) or not button.text():
            continue
        right = button.mapTo(area, button.rect().topRight()).x()
        if right >= area.width():
            found.append(f"{where}: {button.text()} at {right}, beyond the page's {area.width()}")
    return found


def test_every_page_and_tab_fits_a_1024_pixel_screen(qtbot, db: Database) -> None:  # noqa: ANN001
    demo.build_demo(db, households=300, seed=1)
    window = MainWindow(AppContext(db, auth.login(db, "admin", "admin123")))
    qtbot.addWidget(window)
    window.show()
    window.resize(1024, 740)
    problems: list[str] = []
    for key in window.page_keys():
        window.show_page(key)
        _settle()
        page: QWidget = window.page(key)
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(page)]
        if not tabs:
            problems += _problems(window, key, key)
            continue
        top = tabs[0]
        for i in range(top.count()):
            top.setCurrentIndex(i)
            _settle()
            problems += _problems(window, key, f"{key}/{top.tabText(i)}")
        top.setCurrentIndex(0)
    assert problems == [], "\n".join(problems)


def test_the_calendar_editor_shows_a_whole_range_beside_the_years_on_a_1024_pixel_screen(qtbot,  # noqa: ANN001
                                                                                         district: District) -> None:
    """Beside the long label “放假日期(每行一个日期或范围)” the boxes were 140 pixels wide on a 1024-pixel
    screen: the example range read “2027-02-06..2027-02-” and the source's hint “例如国务院办公厅通…”."""
    tab = CalendarSettingsTab(AppContext(district.db, district.admin))
    qtbot.addWidget(tab)
    tab.resize(PAGE_ROOM, 600)
    tab.show()
    QApplication.processEvents()
    for box in (tab.days_off, tab.workdays):
        assert box.viewport().width() >= box.fontMetrics().horizontalAdvance("2027-02-06..2027-02-14") + 8
    assert tab.note.width() >= tab.note.fontMetrics().horizontalAdvance(tab.note.placeholderText()) + 8


def test_the_clue_form_leaves_no_empty_row_under_the_id_number(qtbot, district: District) -> None:  # noqa: ANN001
    """The line under the ID number that says whether it is valid took a row's height while empty: a gap
    between 身份证号 and 联系电话 in every new clue form."""
    form = ClueForm(AppContext(district.db, district.admin))
    qtbot.addWidget(form)
    form.show()
    QApplication.processEvents()
    spacing = form.id_number.geometry().top() - form.name.geometry().bottom()
    assert form.phone.geometry().top() - form.id_number.geometry().bottom() == spacing
    form.id_number.setText("420203199001011238")
    QApplication.processEvents()
    assert form.id_hint.isVisible() and form.id_hint.text()
    form.id_number.clear()
    QApplication.processEvents()
    assert not form.id_hint.isVisible()
