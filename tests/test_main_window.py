"""The window shell: login, first run, navigation, status bar, translations, smoke test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from desktop import i18n
from desktop.rules.codes import Role
from desktop.services import auth, database
from desktop.services.database import Database
from desktop.views.context import AppContext
from desktop.views.login import FirstRunDialog, LoginDialog
from desktop.views.main_window import MainWindow
from desktop.views.operations import wait_for_background
from tests.district import PASSWORD, District

# Run in Simplified Chinese, as users see it (conftest's fixture: no translator left behind).
pytestmark = pytest.mark.usefixtures("chinese")


def test_chinese_is_the_default_language(qapp: QApplication) -> None:
    loaded = i18n.install(qapp)
    assert any(name.startswith("qtbase_zh_CN") or name.startswith("qt_zh_CN") for name in loaded)
    assert QCoreApplication.translate("Pages", "Households") == "家庭档案"


def test_login_dialog(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    dialog = LoginDialog(sqlite_district.db, "admin")
    qtbot.addWidget(dialog)
    dialog.password.setText("wrong")
    dialog.try_login()
    assert wait_for_background()
    assert dialog.actor is None and "不正确" in dialog.message.text()
    dialog.password.setText(PASSWORD)
    dialog.try_login()
    assert wait_for_background()
    assert dialog.actor is not None and dialog.actor.username == "admin"


def test_first_run_creates_the_administrator(qtbot, sqlite_db: Database) -> None:  # noqa: ANN001
    dialog = FirstRunDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.password.setText("secret123")
    dialog.password2.setText("different")
    dialog.create()
    assert dialog.actor is None and dialog.message.text()
    dialog.password2.setText("secret123")
    dialog.create()
    assert wait_for_background()
    assert dialog.actor is not None and dialog.actor.role == Role.ADMIN
    assert auth.has_users(sqlite_db)


def test_navigation_and_status_bar(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    window = MainWindow(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(window)
    assert window.page_keys()[:3] == ["today", "households", "discovery"]
    assert "settings" in window.page_keys()
    for key in window.page_keys():
        window.show_page(key)
        assert window.current_page() is window.page(key)
    assert sqlite_district.db.describe() in window.db_label.text()
    assert "admin" not in window.user_label.text() or "系统管理员" in window.user_label.text()
    assert database.head_revision() in window.schema_label.text()


def test_supervisor_sees_statistics_only(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    window = MainWindow(AppContext(sqlite_district.db, sqlite_district.actor(Role.SUPERVISOR)))
    qtbot.addWidget(window)
    assert window.page_keys() == ["statistics"]


def test_keyboard_switches_pages(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    window = MainWindow(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.nav.currentRow() == 1
    # The shortcut took the key, and Qt's view of the keyboard still has Ctrl held: let go, as the user does.
    qtbot.keyRelease(window.nav, Qt.Key.Key_Control)
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier


def test_smoke_test_flag(tmp_path: Path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'smoke.sqlite3'}"
    result = subprocess.run([sys.executable, "-m", "desktop", "--database-url", url, "--smoke-test"],
                            capture_output=True, text=True, timeout=120,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "smoke test ok" in result.stdout
    assert (tmp_path / "smoke.sqlite3").exists()


def test_smoke_test_with_a_bad_database(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"junk" * 500)
    result = subprocess.run([sys.executable, "-m", "desktop", "--database-url", f"sqlite:///{junk}", "--smoke-test"],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "不是" in result.stderr


def test_english_can_be_chosen(qapp: QApplication) -> None:
    assert i18n.install(qapp, "en") == []
    assert QCoreApplication.translate("Pages", "Households") == "Households"
    i18n.install(qapp, "zh_CN")


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text or "")
    return found.group(1).upper() if found else None


def test_alt_keys_are_not_taken_twice(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """On every page and every tab of it, each Alt+letter reaches one control: none repeats the menu
    bar's (文件 F, 视图 V, 帮助 H) and no two visible controls share one. Every tab has its Alt key (系统设置's
    had none), and so has every field of every page: 家庭档案's four lists had none, nor had the search
    boxes of 线索收件箱, 看板/走访/转介 and 申请列表, 一门受理's departments and matching households, and
    操作日志's second date and text."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget

    from desktop.views.operations import wait_for_background
    from tests.mnemonics import fields_without_alt_key, tabs_without_alt_key

    window = MainWindow(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(window)
    window.show()
    menu = {_mnemonic(a.text()) for a in window.menuBar().actions()} - {None}
    assert menu == {"F", "V", "H"}
    problems: list[str] = []

    def check(page: QWidget, where: str) -> None:
        seen: dict[str, list[str]] = {}
        for widget in page.findChildren(QAbstractButton) + page.findChildren(QLabel) + page.findChildren(QGroupBox):
            if not widget.isVisibleTo(window) or (isinstance(widget, QLabel) and widget.buddy() is None):
                continue
            text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
            if (key := _mnemonic(text)) is not None:
                seen.setdefault(key, []).append(text)
        for tabs in page.findChildren(QTabWidget):
            if tabs.isVisibleTo(window):
                for i in range(tabs.count()):
                    if (key := _mnemonic(tabs.tabText(i))) is not None:
                        seen.setdefault(key, []).append(tabs.tabText(i))
        for key, texts in seen.items():
            if key in menu or len(texts) > 1:
                problems.append(f"{where}: Alt+{key} {texts}")
        problems.extend(f"{where}: no Alt key for the tab {text}" for text in tabs_without_alt_key(page))
        problems.extend(f"{where}: no Alt key for {field}" for field in fields_without_alt_key(page))

    for key in window.page_keys():
        window.show_page(key)
        page = window.page(key)
        assert wait_for_background()
        tabs = page.findChildren(QTabWidget)
        if not tabs:
            check(page, key)
            continue
        top = tabs[0]
        for i in range(top.count()):
            top.setCurrentIndex(i)
            assert wait_for_background()
            check(page, f"{key}/{top.tabText(i)}")
    assert problems == []


def test_the_window_fits_a_small_screen(qtbot, sqlite_district: District, monkeypatch) -> None:  # noqa: ANN001
    """The window opened at 1280×800 whatever the screen: on a 1366×768 laptop (about 728 pixels above
    the taskbar) its status bar and the lowest buttons of a page hung below the screen's edge."""
    from PySide6.QtCore import QRect, QSize

    from desktop.views import screens

    window = MainWindow(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(window)
    room = screens.screen_of(window).availableGeometry()  # the offscreen platform's screen: 800×800
    assert window.width() <= room.width() - 16 and window.height() <= room.height() - 40

    class Laptop:
        def availableGeometry(self) -> QRect:  # noqa: N802
            return QRect(0, 0, 1366, 728)

    monkeypatch.setattr(screens, "screen_of", lambda _window: Laptop())
    laptop = QWidget()
    qtbot.addWidget(laptop)
    assert screens.fit_size(laptop, QSize(1280, 800)) == QSize(1280, 688)
    assert screens.fit_size(laptop, QSize(900, 600)) == QSize(900, 600)  # a size that fits is kept


def test_the_about_box_says_the_version_and_where_the_data_log_and_settings_are(
        qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    from desktop import __version__
    from desktop.config import Settings
    from desktop.logs import log_file

    window = MainWindow(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(window)
    text = window.about_text()
    assert __version__ in text
    assert f"数据库:{sqlite_district.db.describe()}" in text and str(sqlite_district.db.url.database) in text
    assert f"日志文件:{log_file()}" in text and f"设置文件:{Settings.path()}" in text
    assert str(log_file()).endswith("relief-desk.log")
