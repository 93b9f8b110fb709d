"""The bases for read-only table models that show plain rows from a service: a whole list, or a
list fetched a page at a time as the user scrolls."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


_KEYBOARD = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason, Qt.FocusReason.ShortcutFocusReason)


class _SelectOnFocus(QObject):
    """A list reached with the keyboard and nothing selected: Qt makes its first row current without
    showing it, and Enter then opened a row the user could not see. The current row is selected."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QTableView) and event.reason() in _KEYBOARD:
            selection, model = watched.selectionModel(), watched.model()
            if selection is not None and model is not None and model.rowCount() > 0 \
                    and not selection.hasSelection():
                current = watched.currentIndex()
                watched.selectRow(current.row() if current.isValid() else 0)
        return False


class EmptyHint(QLabel):
    """A grey note across an empty list saying why nothing is listed and what to do (an empty white
    box told the user nothing: no records, a filter too narrow, or a list still to be loaded?).

    It stays hidden until the model has been filled once (a list loading in the background is not
    yet empty) and whenever the model has rows. ``setText`` changes the note, e.g. with the filter."""

    def __init__(self, view: QAbstractItemView, text: str) -> None:
        super().__init__(text, view.viewport())
        self.setObjectName("emptyHint")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("color: #777; padding: 24px;")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks still reach the list
        self._view = view
        self._filled = False
        view.viewport().installEventFilter(self)
        model = view.model()
        model.modelReset.connect(self._loaded)
        model.rowsInserted.connect(self._loaded)
        model.rowsRemoved.connect(self._loaded)
        model.layoutChanged.connect(self._loaded)
        self.hide()

    def _loaded(self, *_args: object) -> None:
        self._filled = True
        self.refresh()

    def refresh(self) -> None:
        """Show the note when the list is empty (after its first filling), hide it otherwise."""
        model = self._view.model()
        empty = self._filled and model is not None and model.rowCount() == 0
        if empty:
            self.setGeometry(self._view.viewport().rect())
        self.setVisible(empty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self._view.viewport().rect())
        return False


def width_scale(view: QAbstractItemView) -> float:
    """How much wider than the default font (the one column widths are given for) the view's font
    draws; Microsoft YaHei on Windows is wider. Never below 1."""
    return max(view.fontMetrics().horizontalAdvance("0000") / 28, 1.0)


def number_width(view: QAbstractItemView, chars: int = 18) -> int:
    """The width that shows a household number (17 digits in the district's scheme) or an ID number
    (18 characters) whole in ``view``'s font, with the cell's margins: a column a given width at the
    default font cut them to "4202030010…" where the font is wider or the table narrower."""
    return view.fontMetrics().horizontalAdvance("0") * chars + 16


def text_width(view: QAbstractItemView, texts: Iterable[str]) -> int:
    """The width that shows the widest of ``texts`` whole in a cell of ``view``: its font, and the
    cell's margins (3 pixels each side in the item delegate) and grid line with a little to spare."""
    metrics = view.fontMetrics()
    return max((metrics.horizontalAdvance(text) for text in texts), default=0) + 12


def read_only_table(model: QAbstractTableModel, *, widths: Sequence[int] = (), fit_contents: bool = False,
                    single: bool = False, empty: str = "", numbers: Sequence[int] = ()) -> QTableView:
    """A table of whole rows that are read, not edited: rows selected whole, alternating colours, no
    row numbers, the last column filling the width; Tab leaves the table for the next widget (a table of
    rows moved from cell to cell with Tab and held the keyboard inside: the buttons and the detail pane
    beside it could be reached only by the mouse or by walking every cell). ``widths`` are starting widths in pixels at the
    default font (measuring contents costs a pass over the rows); ``fit_contents`` measures instead.
    ``empty``: the note shown while the table lists nothing (see EmptyHint). ``numbers``: the columns
    that hold household or ID numbers, made wide enough to show them whole (see number_width)."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.installEventFilter(_SelectOnFocus(table))
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if fit_contents
                                else QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    scale = width_scale(table)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, int(width * scale))
    for column in numbers:
        table.setColumnWidth(column, max(table.columnWidth(column), number_width(table)))
    if empty:
        EmptyHint(table, empty)
    return table


class RowListTableModel(QAbstractTableModel, Generic[R]):
    """A table over ``rows`` (plain dataclasses or tuples), one column per entry of ``COLUMNS``.

    Subclasses set ``COLUMNS`` to English header texts marked with
    ``QT_TRANSLATE_NOOP("<SubclassName>", ...)``: headers are translated in the subclass's own
    context, so every model keeps its translations. ``display(row, column)`` gives the DisplayRole
    value; ``role_data(row, column, role)`` any other role (colours, tool tips, alignment).
    """

    COLUMNS: Sequence[str] = ()
    CONTEXT = ""  # the translation context of COLUMNS when several models share one

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
            return QCoreApplication.translate(self.CONTEXT or type(self).__name__, self.COLUMNS[section])
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


class PagedTableModel(RowListTableModel[R]):
    """Rows fetched a page at a time as the user scrolls (keyset paging).

    ``loader(after, limit)`` gives up to ``limit`` rows following the row whose ``key`` is
    ``after`` (None: from the start). ``load(keep)`` starts again, fetching at least the ``keep``
    rows already seen, so a refresh keeps the user's place."""

    PAGE_SIZE = 200

    def __init__(self, loader: Callable[[Any, int], list[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.rows: list[R] = []
        self.exhausted = True

    def key(self, row: R) -> Any:
        raise NotImplementedError

    def load(self, keep: int = 0) -> None:
        limit = max(self.PAGE_SIZE, keep)
        rows = self.loader(None, limit)
        self.beginResetModel()
        self.rows = rows
        self.exhausted = len(rows) < limit
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid() or self.exhausted or not self.rows:
            return
        page = self.loader(self.key(self.rows[-1]), self.PAGE_SIZE)
        self.exhausted = len(page) < self.PAGE_SIZE
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()
