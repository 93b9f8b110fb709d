"""The start on a workstation: the database is opened and upgraded off the GUI thread with a start-up
window on screen (a server that does not answer used to leave no window at all for 5 s and more),
a connection that hangs can be cancelled and leads to the connection dialog, and the dialog's local
choice may name another SQLite file (a broken default file used to bring the dialog back for ever)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import text
from sqlalchemy.engine import make_url

from desktop import app, config
from desktop.services import connection, database
from desktop.views import connection as connection_view
from desktop.views import login as login_view
from desktop.views.operations import wait_for_background
from desktop.views.startup import StartupWindow
from tests.conftest import _empty_pg


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.ENV_DATA_DIR, str(tmp_path / "data"))
    monkeypatch.delenv(config.ENV_DATABASE_URL, raising=False)
    monkeypatch.setattr(database, "_session_passwords", {}, raising=False)


@pytest.fixture
def silent_server() -> Iterator[tuple[int, list[socket.socket]]]:
    """A server on 127.0.0.1 (a free port) that accepts connections and never answers: a database
    server that hangs. Yields its port and the connections it accepted."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.1)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            accepted.append(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1], accepted
    assert wait_for_background()  # the cancelled connection ends by itself (its timeout)
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    listener.close()


class Seen:
    """What the start showed: the start-up window (its text when it appeared and when it closed), the
    connection dialogs (their problem) and the login."""

    def __init__(self) -> None:
        self.startup_shown: list[str] = []
        self.startup_closed: list[tuple[str, bool]] = []  # (text, cancel enabled)
        self.dialogs: list[str] = []
        self.logins: list[str] = []


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> Seen:
    seen = Seen()
    show_event = StartupWindow.showEvent
    accept = StartupWindow.accept

    def shown(self: StartupWindow, event) -> None:  # noqa: ANN001
        seen.startup_shown.append(self.stage.text())
        show_event(self, event)

    def accepted(self: StartupWindow) -> None:
        seen.startup_closed.append((self.stage.text(), self.cancel_button.isEnabled()))
        accept(self)

    monkeypatch.setattr(StartupWindow, "showEvent", shown)
    monkeypatch.setattr(StartupWindow, "accept", accepted)
    monkeypatch.setattr(app.QMessageBox, "critical", lambda _p, _t, message: seen.dialogs.append("critical: " + message))
    return seen


def startup_window() -> StartupWindow | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, StartupWindow) and w.isVisible()), None)


def test_startup_window_shows_while_the_server_hangs_and_cancel_offers_the_connection_dialog(
        silent_server: tuple[int, list[socket.socket]], seen: Seen, qtbot, chinese,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening the database ran on the GUI thread with nothing on screen: 5 s and more of no window
    at all for a server that does not answer, and no way to stop it."""
    port, accepted = silent_server
    connection.save(connection.postgres_url("127.0.0.1", port, "relief", "clerk"))
    monkeypatch.setattr(connection_view.ConnectionDialog, "exec",
                        lambda dialog: seen.dialogs.append(dialog.findChildren(connection_view.QLabel)[0].text()) or 0)
    while_waiting: list[tuple[str, bool, int]] = []

    def press_escape() -> None:
        window = startup_window()
        if window is None or not accepted:  # not yet on screen, or the server not yet reached
            QTimer.singleShot(20, press_escape)
            return
        QApplication.processEvents()
        while_waiting.append((window.stage.text(), window.cancel_button.isEnabled(), len(accepted)))
        qtbot.keyClick(window, Qt.Key.Key_Escape)

    QTimer.singleShot(0, press_escape)
    started = time.monotonic()
    assert app.open_database_with_message(None) is None
    assert time.monotonic() - started < 4  # cancelled, not the connection's timeout (5 s)
    address = f"127.0.0.1:{port}/relief"
    assert while_waiting == [(f"正在连接数据库 {address}…", True, 1)]
    assert seen.startup_shown == [f"正在连接数据库 {address}…"] and seen.startup_closed == []
    assert len(seen.dialogs) == 1 and "已取消" in seen.dialogs[0] and address in seen.dialogs[0]
    assert "clerk" not in seen.startup_shown[0]


def test_cancel_of_an_address_given_on_the_command_line_says_so_and_stops(
        silent_server: tuple[int, list[socket.socket]], seen: Seen, qtbot, chinese) -> None:  # noqa: ANN001
    port, accepted = silent_server

    def press_cancel() -> None:
        window = startup_window()
        if window is None or not accepted:
            QTimer.singleShot(20, press_cancel)
            return
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press_cancel)
    assert app.open_database_with_message(f"postgresql://clerk:Geheim99@127.0.0.1:{port}/relief") is None
    assert len(seen.dialogs) == 1 and seen.dialogs[0].startswith("critical: ") and "已取消" in seen.dialogs[0]
    assert "Geheim99" not in seen.dialogs[0] + seen.startup_shown[0]


@pytest.fixture(params=["sqlite", "postgresql"])
def start_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database of the current schema, saved as this workstation's choice."""
    if request.param == "sqlite":
        path = tmp_path / "办公室 数据.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        connection.save_local(path)
        return connection.sqlite_url(path)
    url = request.getfixturevalue("pg_database_url")
    shared = database.open_database(url)
    _empty_pg(shared)  # the session's shared database: no accounts left by earlier tests (first run)
    shared.dispose()
    connection.save(make_url(url))
    return url


def test_a_database_that_answers_leads_to_login(start_url: str, seen: Seen, chinese,  # noqa: ANN001
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def login_shown(dialog) -> int:  # noqa: ANN001
        assert startup_window() is None  # gone before the login
        seen.logins.append(type(dialog).__name__)
        return 0

    monkeypatch.setattr(login_view.FirstRunDialog, "exec", login_shown)
    monkeypatch.setattr(login_view.LoginDialog, "exec", login_shown)
    monkeypatch.setattr(app, "install_excepthook", lambda: None)
    monkeypatch.setattr(app, "setup_logging", lambda: None)
    assert app.main() == 0  # the login dialog cancelled: the program ends
    address = database.shown_address(None)
    assert seen.startup_shown == [f"正在连接数据库 {address}…"]
    assert seen.startup_closed == [(f"正在连接数据库 {address}…", True)]
    assert seen.logins == ["FirstRunDialog"] and seen.dialogs == []
    assert make_url(start_url).database in address


def old_database_saved(tmp_path: Path) -> Path:
    """A database of revision 0009, saved as this workstation's choice: opening it upgrades it."""
    path = tmp_path / "old.sqlite3"
    db = database.open_database(connection.sqlite_url(path))
    database.migrate(db)
    database.downgrade(db, "0009")
    db.dispose()
    connection.save_local(path)
    return path


def test_an_upgrade_says_so_and_may_not_be_cancelled(tmp_path: Path, seen: Seen, chinese) -> None:  # noqa: ANN001
    path = old_database_saved(tmp_path)
    opened = app.open_database_with_message(None)
    assert opened is not None and opened.sqlite_path == path
    assert database.current_revision(opened) == database.head_revision()
    opened.dispose()
    assert seen.startup_closed == [("正在升级数据结构…", False)]
    assert list(tmp_path.glob("old.before-upgrade-0009-*.sqlite3"))  # backed up first, as before


def fill_dialog(seen: Seen, monkeypatch: pytest.MonkeyPatch, file: Path) -> None:
    """The connection dialog, as a user answers it: the local database, in ``file``, then 保存."""
    def answer(dialog: connection_view.ConnectionDialog) -> int:
        seen.dialogs.append(dialog.findChildren(connection_view.QLabel)[0].text())
        dialog.form.local.setChecked(True)
        dialog.form.file.setText(str(file))
        dialog.save_button.click()
        assert wait_for_background()
        seen.dialogs.append(dialog.form.result.text())
        return int(dialog.result() == dialog.DialogCode.Accepted)

    monkeypatch.setattr(connection_view.ConnectionDialog, "exec", answer)


def test_a_broken_default_file_can_be_replaced_by_another_file(tmp_path: Path, seen: Seen, qapp,  # noqa: ANN001
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The dialog's local choice was always the default file: a broken one brought the dialog back
    until the user gave up. Now another file is chosen, saved and used, now and at the next start."""
    broken = config.default_sqlite_path()
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"this is not a database at all, just bytes " * 100)
    other = tmp_path / "新 建" / "救助.sqlite3"
    other.parent.mkdir()
    fill_dialog(seen, monkeypatch, other)
    db = app.open_database_with_message(None)
    assert db is not None and db.sqlite_path == other
    db.dispose()
    assert "不是救助工作台的数据库" in seen.dialogs[0] and str(broken) in seen.dialogs[0]
    assert str(other) in seen.dialogs[1]  # 已保存:本机使用本地数据库 …
    assert config.Settings.load().database_url == connection.sqlite_url(other)
    # The next start uses it, and the dialog shows it.
    seen.dialogs.clear()
    db = app.open_database_with_message(None)
    assert db is not None and db.sqlite_path == other and seen.dialogs == []
    db.dispose()
    form = connection_view.ConnectionForm()
    assert form.local.isChecked() and form.local_file() == other
    # Back to the default file: refused while it is broken (nothing saved); once mended (here: moved
    # away), saved as no choice at all (it follows the data folder).
    form.default_button.click()
    assert form.local_file() == broken
    form.save()
    assert wait_for_background() and "不是救助工作台的数据库" in form.result.text()
    assert config.Settings.load().database_url == connection.sqlite_url(other)
    broken.rename(tmp_path / "broken.bin")
    form.save()
    assert wait_for_background() and config.Settings.load().database_url == ""
    assert connection.local_path() == broken
    form.deleteLater()


def test_a_file_of_a_newer_schema_is_refused_and_a_new_file_is_not_left_behind(
        tmp_path: Path, sqlite_template: Path, qtbot, chinese) -> None:  # noqa: ANN001
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(sqlite_template, newer)
    db = database.open_database(connection.sqlite_url(newer))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    db.dispose()
    dialog = connection_view.ConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.form.local.setChecked(True)
    dialog.form.file.setText(str(newer))
    dialog.save_button.click()
    assert wait_for_background()
    assert dialog.result() != dialog.DialogCode.Accepted and "比本程序更新" in dialog.form.result.text()
    assert not config.Settings.path().exists()
    fresh = tmp_path / "新文件.sqlite3"
    dialog.form.file.setText(str(fresh))
    dialog.form.test_button.click()
    assert wait_for_background() and "连接成功" in dialog.form.result.text()
    assert not fresh.exists() and not list(tmp_path.glob("新文件*"))  # made at the start that uses it


def test_an_upgrade_reported_before_the_window_listens_still_says_so(tmp_path: Path, seen: Seen, chinese,  # noqa: ANN001
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The window listened to the worker's stages only once the worker had started: a quick worker
    (a busy machine's main thread late) said "upgrading" to nobody, and the window kept saying
    "connecting", cancellable, all through the upgrade. Here the worker runs to its end at once."""
    from desktop.views import operations

    class AtOnce:
        @staticmethod
        def globalInstance() -> AtOnce:  # noqa: N802
            return AtOnce()

        def start(self, job) -> None:  # noqa: ANN001
            job.run()

    monkeypatch.setattr(operations, "QThreadPool", AtOnce)
    old_database_saved(tmp_path)
    opened = app.open_database_with_message(None)
    assert opened is not None
    opened.dispose()
    assert seen.startup_closed == [("正在升级数据结构…", False)]
