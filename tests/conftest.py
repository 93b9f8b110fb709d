"""Test fixtures: a real database per test, SQLite always and PostgreSQL when
RELIEF_DESK_TEST_PG_URL names a server (each test run makes its own throwaway database)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_DATA = Path(os.environ.setdefault("RELIEF_DESK_DATA_DIR", str(Path(__file__).parent / ".data" / uuid.uuid4().hex)))
os.environ.pop("RELIEF_DESK_DATABASE_URL", None)
os.environ["RELIEF_DESK_FAST_PASSWORD_HASH"] = "1"

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from desktop.models import Base  # noqa: E402
from desktop.services.database import Database, migrate, open_database  # noqa: E402
from tests.district import District, build_district  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("RELIEF_DESK_TEST_PG_URL", "")


def pytest_sessionstart(session: pytest.Session) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py")], check=True,
                   stdout=subprocess.DEVNULL)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_DATA, ignore_errors=True)


_unexpected_crashes: list[str] = []  # crash reports a test did not ask to see (shown_errors records those)


def _crash_dialog_recorded(dialog: Any) -> int:  # noqa: ANN401
    """The crash dialog's exec() in tests: a modal box nobody closes hung the run (a background job failing
    as its test ended); its report fails the test instead (or the next one, when it came after the check)."""
    _unexpected_crashes.append(dialog.text.toPlainText())
    return 0


@pytest.fixture(autouse=True, scope="session")
def _crash_dialog_never_waits() -> None:
    from desktop.views.errors import CrashDialog

    CrashDialog.exec = _crash_dialog_recorded  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _no_unexpected_crash_dialog(_crash_dialog_never_waits: None) -> Iterator[None]:
    yield
    if _unexpected_crashes:
        reports = "\n\n".join(_unexpected_crashes)
        _unexpected_crashes.clear()
        pytest.fail(f"the crash dialog was shown (a background job failed?):\n{reports}")


_collector = None  # the GUI-thread garbage collector, once a test has made the QApplication


@pytest.fixture(autouse=True)
def _garbage_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """As in the program (desktop.app.make_application): Python's cyclic collector runs on the GUI
    thread only, by its timer (in the middle of a test too, as in the program), so a background job of
    one test never frees another test's widgets off it. After each test, what the thresholds call for
    is collected here, on the main thread, as well."""
    global _collector
    if _collector is None and ("qtbot" in request.fixturenames or "qapp" in request.fixturenames):
        from desktop.views.operations import collect_garbage_on_gui_thread

        _collector = collect_garbage_on_gui_thread(request.getfixturevalue("qapp"))
    yield
    if _collector is not None:
        _collector.check()


_HELD_KEYS = (("ControlModifier", "Key_Control"), ("ShiftModifier", "Key_Shift"), ("AltModifier", "Key_Alt"),
              ("MetaModifier", "Key_Meta"))


@pytest.fixture(autouse=True)
def _no_modifier_left_held() -> Iterator[None]:
    """A test's key click that a shortcut took can leave Ctrl (or Shift, Alt) held in Qt's view of the
    keyboard (QGuiApplication.keyboardModifiers()); a later test's click then adds to a selection instead
    of replacing it. After every test, whatever is still held is let go, as the user does."""
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    if QApplication.instance() is None or not QGuiApplication.keyboardModifiers():
        return
    target = QApplication.focusWidget() or QApplication.activeWindow()
    spare = None
    if target is None:
        target = spare = QWidget()
    for modifier, key in _HELD_KEYS:
        if QGuiApplication.keyboardModifiers() & getattr(Qt.KeyboardModifier, modifier):
            QTest.keyRelease(target, getattr(Qt.Key, key))
    if spare is not None:
        spare.deleteLater()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = open_database(f"sqlite:///{path}")
    migrate(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@contextmanager
def new_pg_database(prefix: str = "relief_test") -> Iterator[str]:
    """A throwaway, migrated PostgreSQL database on the server RELIEF_DESK_TEST_PG_URL names (the test
    is skipped without one); its URL, dropped afterwards."""
    if not PG_URL:
        pytest.skip("PostgreSQL tests need RELIEF_DESK_TEST_PG_URL (e.g. postgresql://postgres@127.0.0.1/postgres)")
    admin_url = make_url(PG_URL).set(drivername="postgresql+psycopg")
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    try:
        db = open_database(url)
        migrate(db)
        db.dispose()
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_database_url() -> Iterator[str]:
    with new_pg_database() as url:
        yield url


_EMPTY_PG = ";".join([  # DELETE, not TRUNCATE: on a test's few rows a tenth of the time (TRUNCATE makes new files)
    *(f'DELETE FROM "{t.name}"' for t in reversed(Base.metadata.sorted_tables)),
    "SELECT setval(oid::regclass, 1, false) FROM pg_class WHERE relkind = 'S'",  # ids from 1, as in a new database
])


def _empty_pg(db: Database) -> None:
    """Every table emptied and every id sequence back at 1."""
    with db.engine.begin() as conn:
        conn.exec_driver_sql(_EMPTY_PG)


def _finish_background_work() -> None:
    """Work a test's window left running (a page refreshing itself after the test's last save) ends
    on that test's database, before the next test empties it. Let run on, it failed there as an
    account deleted meanwhile and told a window of a test that is over, in a message box in the
    middle of the next test (which crashed Qt once)."""
    if "desktop.views.operations" in sys.modules:
        from desktop.views.operations import wait_for_background

        wait_for_background()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty, migrated database (each test gets its own)."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "test.sqlite3"
        shutil.copy(template, path)
        database = open_database(f"sqlite:///{path}")
    else:
        url = request.getfixturevalue("pg_database_url")
        database = open_database(url)
        _empty_pg(database)
    yield database
    _finish_background_work()
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """SQLite only (for view tests, which need not run twice)."""
    path = tmp_path / "test.sqlite3"
    shutil.copy(sqlite_template, path)
    database = open_database(f"sqlite:///{path}")
    yield database
    _finish_background_work()
    database.dispose()


@pytest.fixture
def district(db: Database) -> District:
    """A small district: two sub-districts, four communities, one user per role."""
    return build_district(db)


@pytest.fixture
def sqlite_district(sqlite_db: Database) -> District:
    return build_district(sqlite_db)


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder nothing can be written into. Root ignores the permission bits, so there the folder
    is also made immutable (chattr +i); where that is impossible the test is skipped."""
    folder = tmp_path / "只读文件夹"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = False
    if os.access(folder, os.W_OK):
        immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
        if not immutable:
            folder.chmod(0o755)
            pytest.skip("cannot make a read-only folder here (root without chattr)")
    yield folder
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


def _remove_translators() -> None:
    from PySide6.QtWidgets import QApplication

    from desktop import i18n

    app = QApplication.instance()
    for translator in list(i18n._installed):
        if app is not None:
            app.removeTranslator(translator)
    i18n._installed.clear()


@pytest.fixture(autouse=True)
def _no_translator_left_installed() -> Iterator[None]:
    """Every test starts in English unless it asks for Chinese (:func:`chinese`): a test that ran the
    program's start (desktop.app.make_application) or switched languages left Chinese installed, and a
    later test that assumed Chinese without asking passed or failed by the order xdist ran them in."""
    yield
    if "desktop.i18n" in sys.modules and sys.modules["desktop.i18n"]._installed:
        _remove_translators()


@pytest.fixture
def chinese(qapp):  # noqa: ANN001, ANN201
    """The program in Simplified Chinese, as the office reads it (whatever an earlier test installed);
    no translator is left installed afterwards."""
    from desktop import i18n

    i18n.install(qapp, "zh_CN")
    yield
    _remove_translators()


@pytest.fixture
def cjk_font(qapp) -> None:  # noqa: ANN001
    """Tests that measure or print Chinese text need a Chinese font, as every office PC has; a
    machine without one (no fonts-wqy-microhei, say) skips them with this reason. CI installs one."""
    from PySide6.QtGui import QFontDatabase

    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no Chinese font on this machine (install fonts-wqy-microhei): text widths differ")


class ShownErrors:
    """What desktop.views.errors showed: plain messages (the text of the warning box) and crashes."""

    def __init__(self) -> None:
        self.plain: list[str] = []
        self.crashes: list[BaseException] = []

    def clear(self) -> None:
        self.plain.clear()
        self.crashes.clear()


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> ShownErrors:
    """Record the plain message box and the crash dialog of desktop.views.errors instead of showing them."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.views import errors

    shown = ShownErrors()

    def warning(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        shown.plain.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(errors.QMessageBox, "warning", warning)
    monkeypatch.setattr(errors, "show_crash", lambda _p, _t, exc, _tb: shown.crashes.append(exc))
    return shown


@pytest.fixture
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A settings file of this test's own: the columns one test chooses must not follow into the next."""
    from desktop import config

    monkeypatch.setenv(config.ENV_DATA_DIR, str(tmp_path))
    return tmp_path / "settings.json"

