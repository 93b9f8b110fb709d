"""One base for the read-only table models that show a list of plain rows from a service."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


class RowListTableModel(QAbstractTableModel, Generic[R]):
    """A table over ``rows`` (plain dataclasses or tuples), one column per entry of ``COLUMNS``.

    Subclasses set ``COLUMNS`` to English header texts marked with
    ``QT_TRANSLATE_NOOP("<SubclassName>", ...)``: headers are translated in the subclass's own
    context, so every model keeps its translations. ``display(row, column)`` gives the DisplayRole
    value; ``role_data(row, column, role)`` any other role (colours, tool tips, alignment).
    """

    COLUMNS: Sequence[str] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: Sequence[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate(type(self).__name__, self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        return self.role_data(row, index.column(), role)

    def display(self, row: R, column: int) -> Any:
        """The text shown in ``column`` for ``row`` (a few models show plain numbers as ints)."""
        raise NotImplementedError

    def role_data(self, row: R, column: int, role: int) -> Any:
        """Any role but DisplayRole; none by default."""
        return None
