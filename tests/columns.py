"""Helpers for the tests of the column chooser (列…, a right click on a list's header)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTableView

from desktop.views.table_model import ColumnChooser


def menu_actions(chooser: ColumnChooser) -> dict[str, QAction]:
    """The chooser's menu entries by their text (the column names, then 恢复默认列)."""
    menu = chooser.menu()
    return {a.text().replace("&&", "&"): a for a in menu.actions() if a.text()}


def shown_columns(table: QTableView) -> list[str]:
    """The header texts of the columns shown, in the order shown."""
    header, model = table.horizontalHeader(), table.model()
    return [model.headerData(header.logicalIndex(v), Qt.Orientation.Horizontal)
            for v in range(header.count()) if not header.isSectionHidden(header.logicalIndex(v))]
