"""The start-up window: opening and upgrading the database off the GUI thread, with something on screen.

A server that does not answer takes the connection's timeout (seconds, for each of its addresses) to
say so, and a large upgrade (on SQLite after copying the file aside) takes as long as it takes: the
window says which database it is connecting to or that it is upgrading, repaints meanwhile, and lets
the user cancel a connection that hangs (Esc, 取消). An upgrade cannot be cancelled half-way.

A connection cancelled is left to end by itself in its worker (a socket cannot be interrupted): its
outcome is then dropped and a database it opened after all is closed, never migrated."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import database
from desktop.services.database import Database
from desktop.services.progress import Progress
from desktop.views.operations import BackgroundOperation, run_in_background

log = logging.getLogger(__name__)

UPGRADING = "upgrading"  # the worker's stage, said by the window


@dataclass
class StartOutcome:
    """How opening the database went: ``db`` (and the upgrade's ``note``), ``error``, or ``cancelled``."""

    db: Database | None = None
    note: str | None = None
    error: BaseException | None = None
    cancelled: bool = False


def _open(raw_url: str | None, progress: Progress) -> tuple[Database, str | None]:
    def upgrading() -> None:
        progress.commit()  # a cancel asked before is honoured here; from now on it is refused
        progress.report(0, 0, UPGRADING)

    db, note = database.open_and_migrate(raw_url, before_upgrade=upgrading)
    try:
        progress.commit()  # cancelled while connecting to a database that needed nothing: closed
    except BaseException:
        db.dispose()
        raise
    return db, note


class StartupWindow(QDialog):
    """Small, frameless, on screen while :meth:`run` opens the database in the background."""

    def __init__(self, raw_url: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.raw_url = raw_url
        self.address = database.shown_address(raw_url)
        self.setWindowTitle(self.tr("Relief Desk"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        frame = QFrame(self)
        frame.setObjectName("startupFrame")
        frame.setStyleSheet("#startupFrame { border: 1px solid #8a9bb0; background: palette(window); }")
        outer.addWidget(frame)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(20, 16, 20, 14)
        title = QLabel(self.tr("Relief Desk"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        self.stage = QLabel(self.tr("Connecting to the database {address}…").format(address=self.address))
        self.stage.setWordWrap(True)
        self.stage.setMinimumWidth(380)
        layout.addWidget(self.stage)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # moving: the program is alive
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        layout.addWidget(self.bar)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.outcome = StartOutcome()
        self.operation: BackgroundOperation | None = None

    def run(self) -> StartOutcome:
        """Show the window, open and migrate the database off the GUI thread, and return how it went
        once it has ended or the user has cancelled (then at once, the worker left to end by itself)."""
        self.operation = run_in_background(None, lambda progress: _open(self.raw_url, progress), self._done,
                                           on_error=self._failed, on_cancelled=self._dropped,
                                           label=self.stage.text(), delay_ms=None, on_progress=self._on_stage)
        self.exec()
        return self.outcome

    def _on_stage(self, _done: int, _total: int, stage: str) -> None:
        if stage == UPGRADING and not self.outcome.cancelled:
            self.stage.setText(self.tr("Upgrading the database structure…"))
            self.cancel_button.setEnabled(False)  # an upgrade is not stopped half-way

    def _done(self, result: Any) -> None:
        db, note = result
        if self.outcome.cancelled:  # opened after all, too late: nobody wants it
            db.dispose()
            return
        self.outcome.db, self.outcome.note = db, note
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if self.outcome.cancelled:
            log.info("start: the connection cancelled ended with %r", exc)
            return
        self.outcome.error = exc
        self.accept()

    def _dropped(self) -> None:
        log.info("start: the connection cancelled has ended")

    def reject(self) -> None:
        """Esc, 取消 or closing the window: the connection is given up, unless an upgrade has begun."""
        op = self.operation
        if op is not None and not op.ended:
            if not op.progress.cancel():
                return  # upgrading: it ends by itself
            self.outcome.cancelled = True
        super().reject()
