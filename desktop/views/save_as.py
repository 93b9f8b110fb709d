"""Exports from a view: the save dialog (a suggested name in the user's home folder, the suffix
added when the name is typed without it, as Windows users often type just 名单) and the run off the
UI thread with the export's button off until it ends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QWidget

from desktop.services.progress import Progress
from desktop.views.operations import BackgroundOperation, run_in_background

FILTERS = {"xlsx": QT_TRANSLATE_NOOP("SaveAs", "Excel workbook (*.xlsx)"),
           "pdf": QT_TRANSLATE_NOOP("SaveAs", "PDF document (*.pdf)")}


_NAME_BAD = str.maketrans({c: "_" for c in '\\/:*?"<>|' + "".join(map(chr, range(32)))})


def file_name(name: str) -> str:
    """A suggested file name Windows accepts: a person's or department's name in it (张三/李四, “A”)
    must not make a folder of part of it or a name the save fails on."""
    return name.translate(_NAME_BAD).strip().rstrip(". ") or "导出"


def ask_save_path(parent: QWidget, title: str, name: str, suffix: str = "xlsx") -> str | None:
    """The path chosen, ending in ``.suffix``; None when the user cancels. ``{date}`` in the suggested
    name is today's (20261130)."""
    suggested = file_name(name.replace("{date}", date.today().strftime("%Y%m%d")))
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested),
                                          QCoreApplication.translate("SaveAs", FILTERS[suffix]))
    if not path:
        return None
    return with_suffix(path, suffix)


def with_suffix(path: str, suffix: str = "xlsx") -> str:
    """``path`` as chosen in a save dialog, ending in ``.suffix``: the dialog (not the Windows one)
    saves a name typed without it (模板) as it is, a file nothing opens. A folder stays a folder: the
    writer says to choose a file name."""
    if path.lower().endswith("." + suffix) or Path(path).is_dir():
        return path
    return f"{path}.{suffix}"


def export_in_background(parent: QWidget, button: QAbstractButton, work: Callable[[Progress], Any],
                         done: Callable[[Any], None], label: str, *, cancellable: bool = True) -> BackgroundOperation:
    """``work`` off the UI thread with progress (and cancel, unless the work cannot stop: it takes no
    progress); ``button`` stays off until it ends, so one click makes one file."""
    button.setEnabled(False)
    op = run_in_background(parent, work, done, label=label, cancellable=cancellable)
    op.done.connect(lambda: button.setEnabled(True))
    return op
