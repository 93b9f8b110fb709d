"""Starting the window: translations, database, login, main window."""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QTimer
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import config, i18n
from desktop.logs import setup_logging
from desktop.services import auth
from desktop.services.base import Actor
from desktop.services.database import Database, open_and_migrate
from desktop.services.errors import ServiceError
from desktop.views.context import AppContext
from desktop.views.errors import install_excepthook
from desktop.views.operations import collect_garbage_on_gui_thread, quit_allowed, wait_for_workers


class Application(QApplication):
    """Quitting (文件 → 退出 closes the window; the application asked to quit, a second close) goes
    through the main window's question about work still running, before Qt closes any window: a
    progress dialog or an import wizard closed first would cancel its work without asking."""

    def event(self, event: QEvent) -> bool:
        return quit_event(self, event)


def quit_event(app: QApplication, event: QEvent) -> bool:
    """:meth:`Application.event`: a Quit refused while work is running (asked about, retried after)."""
    if event.type() == QEvent.Type.Quit and not quit_allowed():
        event.ignore()
        return True
    return QApplication.event(app, event)


# Strings of Qt's own dialogs that Qt's zh_CN catalogue lacks (Qt 6 added a mnemonic to these file
# dialog labels, so the old translations no longer match). Our translators load after Qt's and fill the gap.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or Application(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Relief Desk")
    app.setOrganizationName("ReliefDesk")
    settings = config.Settings.load()
    i18n.install(app, settings.language or i18n.DEFAULT_LANGUAGE)
    if sys.platform == "win32":
        app.setFont(QFont("Microsoft YaHei UI", 9))
    icon = Path(__file__).resolve().parent / "resources" / "relief-desk.png"
    app.setWindowIcon(QIcon(str(icon)))
    collect_garbage_on_gui_thread(app)  # background work must never free a window's objects
    return app


def open_database_with_message(database_url: str | None, *, quiet: bool = False) -> Database | None:
    """Open and migrate; in the window, a failure offers the connection settings and tries again."""
    from desktop.services import connection

    if not quiet and database_url is None and connection.needs_setup():
        from desktop.views.connection import ConnectionDialog

        if not ConnectionDialog().exec():
            return None
    while True:
        try:
            db, note = open_and_migrate(database_url) if quiet else open_in_startup_window(database_url)
        except ServiceError as exc:
            if quiet:
                print(f"错误:{exc.message}", file=sys.stderr)
                return None
            problem = exc.message
        except StartCancelled as exc:
            problem = exc.message
        else:
            break
        preconfigured = connection.preconfigured_note()
        if database_url is not None or preconfigured:  # command line or IT's: nothing to change here
            QMessageBox.critical(None, QApplication.translate("App", "Relief Desk"),
                                 "\n\n".join(filter(None, (problem, preconfigured))))
            return None
        from desktop.views.connection import ConnectionDialog

        if not ConnectionDialog(problem=problem).exec():
            return None
    if note:
        logging.getLogger("relief_desk").info(note)
    for warning in db.warnings:
        if not quiet:
            QMessageBox.warning(None, QApplication.translate("App", "Relief Desk"), warning)
    return db


class StartCancelled(Exception):
    """The user cancelled the connection in the start-up window."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def open_in_startup_window(database_url: str | None) -> tuple[Database, str | None]:
    """:func:`open_and_migrate` off the GUI thread, the start-up window on screen meanwhile. Raises
    what it raised (a :class:`ServiceError`, or a bug for the crash dialog), or :class:`StartCancelled`."""
    from desktop.views.startup import StartupWindow

    window = StartupWindow(database_url)
    outcome = window.run()
    window.deleteLater()
    if outcome.cancelled:
        raise StartCancelled(QApplication.translate(
            "App", "Connecting to the database {address} was cancelled: it did not answer. Check the "
            "connection settings, or try again later.").format(address=window.address))
    if outcome.error is not None:
        raise outcome.error
    assert outcome.db is not None
    return outcome.db, outcome.note


def login(db: Database) -> Actor | None:
    from desktop.views.login import FirstRunDialog, LoginDialog

    settings = config.Settings.load()
    if not auth.has_users(db):
        dialog = FirstRunDialog(db)
    else:
        dialog = LoginDialog(db, settings.last_username)
    if not dialog.exec() or dialog.actor is None:
        return None
    settings.last_username = dialog.actor.username
    try:
        settings.save()
    except OSError:
        pass
    return dialog.actor


def main(database_url: str | None = None, smoke_test: bool = False) -> int:
    setup_logging()
    app = make_application()
    failures: list[str] = []
    if smoke_test:  # no dialogs: report and fail
        def record(exc_type, exc, tb) -> None:  # noqa: ANN001
            import traceback

            failures.append("".join(traceback.format_exception(exc_type, exc, tb)))
            print(failures[-1], file=sys.stderr)

        sys.excepthook = record
    else:
        install_excepthook()
    db = open_database_with_message(database_url, quiet=smoke_test)
    if db is None:
        wait_for_workers()  # a connection cancelled at start ends by itself (within its timeout)
        return 1
    from desktop.views.main_window import MainWindow

    if smoke_test:
        # The file readers and their compiled libraries are in the bundle (the window imports them
        # only when a file is read).
        import lxml.etree  # noqa: F401
        import python_calamine  # noqa: F401

        from desktop.io import spreadsheet  # noqa: F401

        window = MainWindow(AppContext(db, Actor.system(config.workstation_name())))
        window.show()
        settle_start_objects()
        for key in window.page_keys():
            window.show_page(key)
            app.processEvents()
        QTimer.singleShot(200, lambda: app.exit(0))  # not quit(): nobody is there to answer a question
        code = app.exec()
        window.close()
        wait_for_workers()
        db.dispose()
        if failures or code:
            print("smoke test failed", file=sys.stderr)
            return 1
        print("smoke test ok")
        return 0
    actor = login(db)
    if actor is None:
        db.dispose()
        return 0
    window = MainWindow(AppContext(db, actor))
    window.show()
    settle_start_objects()
    window.back_up_today()
    code = app.exec()
    wait_for_workers()  # never closing the database under a worker still writing
    db.dispose()
    return code


def settle_start_objects() -> None:
    """Everything made while starting (Qt wrappers, mappers, modules, the pages) lives as long as
    the window: set it aside from the cyclic garbage collector, whose full passes over it otherwise
    add 50–150 ms at random to work that makes many objects (a statistics refresh, a big list)."""
    gc.collect()
    gc.freeze()


if __name__ == "__main__":
    raise SystemExit(main())
