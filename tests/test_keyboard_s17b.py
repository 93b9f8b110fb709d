"""Keyboard-only pass, round 2 (session 17): what the keys alone met in the settings, the statistics,
a household's detail and the search boxes of the clue form and the assessment wizard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from desktop.rules.codes import Role
from desktop.views.assessment_wizard import AssessmentWizard
from desktop.views.clue_form import ClueForm
from desktop.views.context import AppContext
from desktop.views.household_detail import HouseholdDetailDialog
from desktop.views.main_window import MainWindow
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.mnemonics import duplicate_mnemonics, fields_without_alt_key
from tests.test_assessment import add_household
from tests.test_keyboard_s17 import ALT, CTRL, NONE, _presses, _window

pytestmark = pytest.mark.usefixtures("chinese")


def _ctrl(qtbot, window: MainWindow, number: int) -> QWidget | None:  # noqa: ANN001
    """Ctrl+<number> pressed where the focus is; the widget with the focus afterwards."""
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key(Qt.Key.Key_0 + number), CTRL)
    assert wait_for_background()
    qtbot.wait(50)
    qtbot.keyRelease(window, Qt.Key.Key_Control)
    return QApplication.focusWidget()


def _inside(widget: QWidget | None, page: QWidget) -> bool:
    return widget is not None and (widget is page or page.isAncestorOf(widget))


def test_settings_and_statistics_take_the_focus_when_shown(qtbot, district: District) -> None:  # noqa: ANN001
    """Ctrl+7 (系统设置) left no widget with the focus, and the main window no longer active: the regions
    tab showed its buttons before they were in the tab, each for a moment a window of its own. The
    keyboard then reached nothing until a click. Now, from a field of another page, the focus goes on to
    the page's first control, and from the list of pages stays on it, as on every other page."""
    window = _window(qtbot, district)
    keys = window.page_keys()
    window.show_page("households")  # the window opens on 今日工作
    window.page("households").search.setFocus()
    focus = _ctrl(qtbot, window, keys.index("settings") + 1)
    assert QApplication.activeWindow() is window
    assert _inside(focus, window.page("settings"))
    focus = _ctrl(qtbot, window, keys.index("statistics") + 1)
    assert _inside(focus, window.page("statistics"))
    window.nav.setFocus()
    assert _ctrl(qtbot, window, keys.index("households") + 1) is window.nav
    assert _ctrl(qtbot, window, keys.index("settings") + 1) is window.nav
    assert QApplication.activeWindow() is window


def test_f5_is_named_on_statistics_applications_and_the_audit_log(qtbot, district: District) -> None:  # noqa: ANN001
    """F5 refreshed 统计分析, 申请审批 and the audit log but no tool tip said so; on 统计分析 it did nothing
    from the list of pages (only from one of the page's fields). Each refresh button now names it, and F5
    presses it from the list of pages too."""
    window = _window(qtbot, district)
    statistics = window.page("statistics")
    assert "F5" in statistics.refresh_button.toolTip()
    assert _presses(qtbot, window, "statistics", statistics.refresh_button,
                    [(Qt.Key.Key_F5, NONE), (Qt.Key.Key_R, ALT)]) == [0, 1]

    applications = window.page("applications")
    refresh = [b for b in applications.findChildren(QPushButton) if b.text() == "刷新(&R)"]
    assert len(refresh) == 1 and "F5" in refresh[0].toolTip()
    before = applications._generation
    window.show_page("applications")
    assert wait_for_background()
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_F5)
    assert wait_for_background()
    assert applications._generation == before + 1

    settings = window.page("settings")
    audit = settings.tabs.widget(settings.tabs.count() - 1)
    window.show_page("settings")
    settings.tabs.setCurrentWidget(audit)
    assert "F5" in audit.search_button.toolTip()
    assert _presses(qtbot, window, "settings", audit.search_button, [(Qt.Key.Key_F5, NONE)]) == [0]


@pytest.fixture
def _closing_never_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """A detail left with typing in it (the test failed half-way) asks before closing: Discard, so a
    failure is reported instead of waiting for a click that never comes."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)


@pytest.mark.usefixtures("_closing_never_waits")
def test_household_detail_opens_in_its_first_field(qtbot, district: District) -> None:  # noqa: ANN001
    """A household's detail opened with the focus on its tab bar: typing did nothing, the number had to be
    reached by Tab. Now the focus is in 户编号 and what is typed goes there."""
    hid = add_household(district.db, district.regions["飞云社区"], [{"name": "钱多多"}])
    dialog = HouseholdDetailDialog(AppContext(district.db, district.admin), hid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is dialog.code
    code = dialog.code.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_End)
    qtbot.keyClicks(QApplication.focusWidget(), "9")
    assert dialog.code.text() == code + "9" and dialog.is_dirty()
    qtbot.keyClick(dialog.code, Qt.Key.Key_Backspace)  # as it was: closing asks nothing
    assert dialog.code.text() == code and not dialog.is_dirty()


def _alt_l_reaches(qtbot, dialog: QWidget, box: QWidget, elsewhere: QWidget) -> None:  # noqa: ANN001
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    elsewhere.setFocus()
    assert QApplication.focusWidget() is elsewhere
    qtbot.keyClick(elsewhere, Qt.Key.Key_L, ALT)
    assert QApplication.focusWidget() is box
    assert duplicate_mnemonics(dialog) == {}


def test_clue_search_box_has_its_own_alt_key(qtbot, district: District) -> None:  # noqa: ANN001
    """The clue form's registry search box had no Alt key (Alt+S pressed 查找). 检索(&L) leads to it now."""
    form = ClueForm(AppContext(district.db, district.actor(Role.SUBDISTRICT_CASEWORKER)))
    _alt_l_reaches(qtbot, form, form.search, form.name)
    qtbot.keyClick(form.search, Qt.Key.Key_W, ALT)  # 发现的情况(&W), a group box, leads to its text
    assert QApplication.focusWidget() is form.description


def test_assessment_search_box_has_its_own_alt_key(qtbot, district: District) -> None:  # noqa: ANN001
    """The assessment wizard's household search box had no Alt key of its own. 检索(&L) leads to it now."""
    wizard = AssessmentWizard(AppContext(district.db, district.admin))
    _alt_l_reaches(qtbot, wizard, wizard.choose.search, wizard.choose.table)
    assert fields_without_alt_key(wizard) == []
