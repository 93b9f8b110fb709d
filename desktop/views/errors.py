"""Two kinds of errors (after qutebrowser): a known problem is a plain message; a bug reaches the
crash dialog with a copyable report and is written to the log file."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.logs import setup_logging
from desktop.services.errors import ServiceError

log = logging.getLogger("relief_desk")


def tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, ServiceError):
        QMessageBox.warning(parent, tr("Relief Desk"), exc.message)
        return
    show_crash(parent, type(exc), exc, exc.__traceback__)


class CrashDialog(QDialog):
    def __init__(self, parent: QWidget | None, report: str, log_path: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Unexpected error"))
        layout = QVBoxLayout(self)
        label = QLabel(tr("Relief Desk hit an unexpected error. Your saved data is safe; the action that "
                          "failed was not saved. Please copy the report below and send it to IT.\n"
                          "The report was also written to: {path}").format(path=log_path))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(tr("Copy report"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(640, 420)


def crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(exc_type, exc, tb)
    return (f"Relief Desk {__version__}\nPython {sys.version.split()[0]} on {platform.platform()}\n\n"
            + "".join(lines))


def show_crash(parent: QWidget | None, exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    report = crash_report(exc_type, exc, tb)
    log_path = setup_logging()
    log.error("unexpected error\n%s", report)
    if QApplication.instance() is None:
        print(report, file=sys.stderr)
        return
    CrashDialog(parent, report, str(log_path)).exec()


def install_excepthook() -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, ServiceError):
            show_error(QApplication.activeWindow(), exc)
            return
        show_crash(QApplication.activeWindow(), exc_type, exc, tb)

    sys.excepthook = hook
