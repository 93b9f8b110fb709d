"""Two kinds of errors (after qutebrowser): a known problem is a plain message; a bug reaches the
crash dialog with a copyable report and is written to the log file.

Known problems are a :class:`ServiceError` (its message is already plain Chinese) and a file that
could not be written: an OSError naming the file (the writers in :mod:`desktop.io.files` name the
file the user chose), from an export run directly or in the background. It is told in plain words
with what to do; nothing was written to the file (the writers are atomic)."""

from __future__ import annotations

import logging
import os
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
from desktop.rules.idcard import mask_in_text
from desktop.services.errors import AccountChanged, SchemaTooNew, ServiceError
from desktop.services.files import failure_kind

log = logging.getLogger("relief_desk")


def plain_message(exc: BaseException) -> str | None:
    """The plain message for a known problem; None for a bug."""
    if isinstance(exc, ServiceError):
        return exc.message
    if isinstance(exc, OSError) and isinstance(exc.filename, str | bytes | os.PathLike) and exc.filename:
        return file_not_saved(exc)
    return None


def file_not_saved(exc: OSError) -> str:
    """Which file could not be saved, why, and what to do."""
    path = os.fsdecode(exc.filename)
    kind = failure_kind(exc)
    if kind == "folder":
        reason = QCoreApplication.translate("Errors", "this is a folder; choose a file name")
    elif kind == "permission":
        reason = QCoreApplication.translate(
            "Errors", "no permission to write there, or the file is open in another program; "
                      "close it there, or save under another name or in another folder")
    elif kind == "missing":
        reason = QCoreApplication.translate(
            "Errors", "the folder or drive does not exist or cannot hold files; choose another folder")
    elif kind == "full":
        reason = QCoreApplication.translate("Errors", "the disk is full; free some space or save to another drive")
    elif kind == "read_only":
        reason = QCoreApplication.translate("Errors", "the drive is read-only; save to another drive")
    else:
        reason = QCoreApplication.translate(
            "Errors", "the system reported “{error}”; save under another name or in another folder").format(
            error=exc.strerror or exc)
    return QCoreApplication.translate("Errors", "Could not save {path}: {reason}. Nothing was saved.").format(
        path=path, reason=reason)


_account_change_told = False


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A known problem as a plain message; anything else in the crash dialog. An account stopped or
    changed while its window was open, and a database upgraded by a newer program meanwhile, are
    told once, and the program closes: every page would otherwise say the same at its next refresh."""
    global _account_change_told
    if isinstance(exc, AccountChanged | SchemaTooNew):
        if not _account_change_told:
            _account_change_told = True
            then = (QCoreApplication.translate("Errors", "The program closes now; start it again and log in.")
                    if isinstance(exc, AccountChanged) else QCoreApplication.translate("Errors", "The program closes now."))
            QMessageBox.warning(parent, QCoreApplication.translate("Errors", "Relief Desk"), exc.message + "\n\n" + then)
            QApplication.quit()
        return
    message = plain_message(exc)
    if message is None:
        show_crash(parent, type(exc), exc, exc.__traceback__)
        return
    if isinstance(exc, OSError):
        log.warning("file not saved: %r", exc)
    QMessageBox.warning(parent, QCoreApplication.translate("Errors", "Relief Desk"), message)


class CrashDialog(QDialog):
    def __init__(self, parent: QWidget | None, report: str, log_path: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Errors", "Unexpected error"))
        layout = QVBoxLayout(self)
        label = QLabel(QCoreApplication.translate(
            "Errors", "Relief Desk hit an unexpected error. Your saved data is safe; the action that "
                      "failed was not saved. Please copy the report below and send it to IT.\n"
                      "The report was also written to: {path}").format(path=log_path))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(QCoreApplication.translate("Errors", "Copy report"),
                                 QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(640, 420)


def crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(exc_type, exc, tb)
    # masked: the report is copied and sent to IT (RULES.md §4)
    return mask_in_text(f"Relief Desk {__version__}\nPython {sys.version.split()[0]} on {platform.platform()}\n\n"
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
        if plain_message(exc) is not None:
            show_error(QApplication.activeWindow(), exc)
            return
        show_crash(QApplication.activeWindow(), exc_type, exc, tb)

    sys.excepthook = hook
