"""The conflict dialog: another workstation saved first.

It names who saved and when, shows their saved values beside the user's, and never discards the
user's typing on its own: the caller keeps the input, and the user chooses to reload the saved
version, to re-apply their own changes on top of it, or to go back to editing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.errors import ConflictError
from desktop.views.screens import resize_to_fit


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


class ConflictDialog(QDialog):
    """``exec()`` then read ``choice``: RELOAD, REAPPLY or KEEP_EDITING (also on Esc)."""

    KEEP_EDITING = 0
    RELOAD = 1
    REAPPLY = 2

    def __init__(self, parent: QWidget | None, error: ConflictError, fields: Sequence[tuple[str, str]],
                 theirs: dict[str, Any], mine: dict[str, Any]) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictDialog")
        self.setWindowTitle(self.tr("Saved by someone else first"))
        self.error = error
        self.choice = self.KEEP_EDITING
        info = error.info
        when = info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if info.saved_at else self.tr("an unknown time")
        layout = QVBoxLayout(self)
        self.message = QLabel(self.tr(
            "<b>{who}</b> saved this record at <b>{when}</b>, after you opened it.<br>"
            "Your input has been kept. Compare the values below, then reload their version or re-apply "
            "your changes on top of it.").format(who=info.saved_by, when=when))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.message)
        self.table = QTableWidget(len(fields), 3)
        # who saved is named in the message above: a long name would be cut off in a column's header
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Their saved values"), self.tr("Your input")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the three choices below
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        differ = QBrush(QColor("#FFF2CC"))
        for row, (key, label) in enumerate(fields):
            cells = [label, _text(theirs.get(key)), _text(mine.get(key))]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)  # a long address is cut to "…" in its column: the whole of it
                if cells[1] != cells[2]:
                    item.setBackground(differ)
                self.table.setItem(row, col, item)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.reapply_button = QPushButton(self.tr("&Re-apply my changes"))
        self.reload_button = QPushButton(self.tr("Re&load their version"))
        self.keep_button = QPushButton(self.tr("&Keep editing"))
        buttons.addButton(self.reapply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.reapply_button.clicked.connect(lambda: self._choose(self.REAPPLY))
        self.reload_button.clicked.connect(lambda: self._choose(self.RELOAD))
        self.keep_button.clicked.connect(lambda: self._choose(self.KEEP_EDITING))
        layout.addWidget(buttons)
        # Enter keeps editing: the default is set once the buttons are in the dialog, as QPushButton
        # tells only its dialog; set before, the box made "Re-apply my changes" (overwriting the other
        # save) the default when shown.
        self.keep_button.setDefault(True)
        resize_to_fit(self, 640, 160 + 30 * len(fields))

    def _choose(self, choice: int) -> None:
        self.choice = choice
        if choice == self.KEEP_EDITING:
            self.reject()
        else:
            self.accept()

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows (field, theirs, mine): for tests and screen readers."""
        return [tuple(self.table.item(r, c).text() for c in range(3)) for r in range(self.table.rowCount())]  # type: ignore[misc]
