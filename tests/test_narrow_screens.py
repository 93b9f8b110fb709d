"""Every page of the main window fits an office screen: 1024×768 (about 800 pixels beside the navigation)
or 1366×768 at 125 % (about 909). Pages were 979–1094 pixels wide and sat in a sideways scroll area that hid
the buttons at the right end of their rows (列/导出/打开 on 家庭台账, 刷新 and the exports on 统计分析, …)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QTabWidget, QWidget

from desktop.services import auth, demo
from desktop.services.database import Database
from desktop.views.context import AppContext
from desktop.views.main_window import MainWindow
from desktop.views.operations import wait_for_background

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
    assert problems == []
