"""Closing a form without saving: what was typed is not thrown away without a word."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox


def discard_confirmed(dialog: QDialog, changed: bool, question: str = "") -> bool:
    """Esc, Cancel or the window's close button on ``dialog``: True when nothing was typed
    (``changed`` False), or the user agrees to discard it (``question``, or a general one)."""
    if not changed:
        return True
    answer = QMessageBox.question(
        dialog, dialog.windowTitle(), question or QCoreApplication.translate("Confirm", "Discard your changes?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
