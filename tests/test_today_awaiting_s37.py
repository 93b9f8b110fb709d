"""Session 37: 今日工作's figure of households awaiting acceptance opened the list of applications; it
opens the households themselves (the 待受理 button's menu, each entry accepting its application)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.views.context import AppContext
from desktop.views.main_window import MainWindow
from tests.district import District
from tests.monitoring_helpers import add_households
from tests.test_today_page_s29 import _settle


def test_the_figure_opens_the_households(qtbot, sqlite_district: District, chinese) -> None:  # noqa: ANN001
    d = sqlite_district
    add_households(d.db, d.regions["飞云社区"], "applying", 2, name="待受理")
    window = MainWindow(AppContext(d.db, d.admin))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    page = window.current_page()
    qtbot.waitUntil(lambda: page.work is not None)
    _settle(qtbot)
    assert page.work.item("awaiting_acceptance").count == 2
    qtbot.mouseClick(page.count_buttons["awaiting_acceptance"], Qt.MouseButton.LeftButton)
    _settle(qtbot)
    button = window.page("applications").awaiting_button
    menu = button.menu()
    assert window.current_page() is window.page("applications") and menu.isVisible()
    assert [a.text() for a in menu.actions() if a.isEnabled()][0].startswith("受理:待受理")
    menu.hide()
