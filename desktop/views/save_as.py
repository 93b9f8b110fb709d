"""The save dialog of an export: a suggested name in the user's home folder, and the suffix added
when the name is typed without it (Windows users often type just 名单)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

FILTERS = {"xlsx": QT_TRANSLATE_NOOP("SaveAs", "Excel workbook (*.xlsx)"),
           "pdf": QT_TRANSLATE_NOOP("SaveAs", "PDF document (*.pdf)")}


def ask_save_path(parent: QWidget, title: str, name: str, suffix: str = "xlsx") -> str | None:
    """The path chosen, ending in ``.suffix``; None when the user cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name),
                                          QCoreApplication.translate("SaveAs", FILTERS[suffix]))
    if not path:
        return None
    return path if path.lower().endswith("." + suffix) else f"{path}.{suffix}"
