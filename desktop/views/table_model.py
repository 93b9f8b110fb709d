"""The bases for read-only table models that show plain rows from a service: a whole list, or a
list fetched a page at a time as the user scrolls."""

from __future__ import annotations

import logging
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
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QWidget,
)
from shiboken6 import isValid

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
        # no padding above and below: in a short list (the application window's checks at 150 %) 24 pixels
        # each way left no room and the note was cut through its middle; it is centred anyway
        self.setStyleSheet("color: #777; padding: 0 24px;")
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


class CutNote(QLabel):
    """The line under a list that stops at a limit: how many rows it shows, how many there are, and how
    to see the rest (a list cut at 5,000 rows without a word let the user take it for the whole). Hidden
    while the list shows every row. The page writes the sentence (:meth:`say`); every cut list says it
    here, in the same place and colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cutNote")
        self.setWordWrap(True)
        self.setStyleSheet("color: #8a4b00; background: #fff3e0; padding: 3px 6px;")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def say(self, text: str) -> None:
        """Show ``text`` under the list; an empty text (nothing cut) hides the line."""
        self.setText(text)
        self.setVisible(bool(text))


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


def columns_button(text: str) -> QPushButton:
    """The button that opens a :class:`ColumnChooser`'s menu from the keyboard: ``text`` is the page's
    own (its Alt key free there, e.g. 列(&U)…), the tool tip the same everywhere."""
    button = QPushButton(text)
    button.setToolTip(QCoreApplication.translate(
        "ColumnChooser", "Choose the columns shown (also a right click on the column headers)"))
    return button


class ColumnChooser(QObject):
    """The columns of a big list chosen by the user, as in the office programs they know: a right click
    on the header (or ``button``, reached with its Alt key) opens a menu of the column names with check
    marks and 恢复默认列. The ``essential`` columns are always shown (checked, greyed), and the last one
    shown cannot be hidden. Dragging a header moves its column, dragging its edge sizes it.

    What the user chose (columns shown, their order and widths) is remembered per staff account on this
    workstation (``desktop.config.view_state``, the local settings file) and restored when the list is
    built again. Until the user chooses, the ``narrow`` columns are hidden, in that order, only while
    the table is too narrow for all of them: while the section that stretches would be narrower than
    ``room`` pixels (or, with no stretching section, while the table would scroll sideways).

    Switched on per table: ``ColumnChooser(table, "households", actor.username, ...)``."""

    SAVE_DELAY_MS = 500  # a drag resizes a section many times a second: saved once it has stopped

    def __init__(self, table: QTableView, name: str, username: str, *, essential: Sequence[int] = (),
                 narrow: Sequence[int] = (), room: int = 0, button: QAbstractButton | None = None) -> None:
        super().__init__(table)
        self.setObjectName(f"columnChooser_{name}")
        self.table, self.name, self.username = table, name, username
        self.essential = set(essential)
        self.narrow = [c for c in narrow if c not in self.essential]
        self.room = room
        self.header = header = table.horizontalHeader()
        self.defaults = {c: header.sectionSize(c) for c in range(header.count())}  # as the view laid them out
        self.widths = dict(self.defaults)  # the width each column has when shown
        self.chosen = False  # the user has chosen (the narrow-window default no longer applies)
        self._applying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos: self.menu().exec(header.mapToGlobal(pos)))
        header.sectionMoved.connect(self._user_changed)
        header.sectionResized.connect(self._resized)
        self.button = button
        if button is not None:
            button.clicked.connect(self.show_menu_at_button)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)
        self._viewport = table.viewport()  # its size is the room (the table's own comes before it)
        self._viewport.installEventFilter(self)
        self.restore()

    # -- the menu ------------------------------------------------------------------------------
    def menu(self) -> QMenu:
        """A new menu of the columns in the order shown, checked when shown, then 恢复默认列."""
        menu = QMenu(self.table)
        menu.setObjectName("columnMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        model = self.table.model()
        shown = self.shown()
        for visual in range(self.header.count()):
            column = self.header.logicalIndex(visual)
            text = str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
            action = menu.addAction(text.replace("&", "&&"))
            action.setCheckable(True)
            action.setChecked(column in shown)
            action.setData(column)
            if column in self.essential:
                action.setEnabled(False)
                action.setToolTip(self.tr("Always shown"))
            elif shown == [column]:
                action.setEnabled(False)  # the last column shown: a list of no column shows nothing
            action.toggled.connect(lambda on, c=column: self.set_shown(c, on))
        menu.setToolTipsVisible(True)
        menu.addSeparator()
        reset = menu.addAction(self.tr("&Restore default columns"))
        reset.setObjectName("restoreDefaultColumns")
        reset.triggered.connect(self.restore_defaults)
        return menu

    def show_menu_at_button(self) -> None:
        if self.button is not None:
            self.menu().popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))

    # -- choosing ------------------------------------------------------------------------------
    def shown(self) -> list[int]:
        """The columns shown, in the order shown."""
        return [c for c in (self.header.logicalIndex(v) for v in range(self.header.count()))
                if not self.header.isSectionHidden(c)]

    def set_shown(self, column: int, on: bool) -> None:
        """Show or hide ``column`` as the user chose; an essential or the last shown column stays."""
        if not on and (column in self.essential or self.shown() == [column]):
            return
        self._show(column, on)
        self.chosen = True
        self.save()

    def restore_defaults(self) -> None:
        """Every column shown in the view's own order and widths; the choice is forgotten."""
        self.widths = dict(self.defaults)
        self._apply(range(self.header.count()), set())
        self.chosen = False
        self._timer.stop()
        self._store(None)
        self.fit_narrow()

    def _apply(self, order: Iterable[int], hidden: set[int]) -> None:
        """Columns in ``order``, those in ``hidden`` hidden, the others at their :attr:`widths`."""
        self._applying = True
        try:
            for visual, column in enumerate(order):
                self.header.moveSection(self.header.visualIndex(column), visual)
            for column in range(self.header.count()):
                self.header.setSectionHidden(column, column in hidden)
                if column not in hidden:
                    self._set_width(column)
        finally:
            self._applying = False

    def _show(self, column: int, on: bool) -> None:
        self._applying = True
        try:
            self.header.setSectionHidden(column, not on)
            if on:
                self._set_width(column)
        finally:
            self._applying = False

    def _sized_by_user(self, column: int) -> bool:
        """Whether ``column``'s width is the user's to set: not a column fitted to its contents or one that
        takes what is left (a stretching column, or the last one shown where the last stretches), whose
        width changes with the data or the window and was no choice of the user's."""
        header = self.header
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
            return False
        return not (header.stretchLastSection() and column == self._last_shown())

    def _last_shown(self) -> int | None:
        for visual in range(self.header.count() - 1, -1, -1):
            column = self.header.logicalIndex(visual)
            if not self.header.isSectionHidden(column):
                return column
        return None

    def _set_width(self, column: int) -> None:
        if self._sized_by_user(column):
            self.header.resizeSection(column, self.widths.get(column, self.header.defaultSectionSize()))

    def _resized(self, column: int, _old: int, new: int) -> None:
        if not isValid(self.header):  # the list is being destroyed: its header goes first
            return
        if self._applying or new <= 0 or not self._sized_by_user(column):
            return  # hidden, laid out by the view, or the column that takes what is left
        self.widths[column] = new
        self._user_changed()

    def _user_changed(self, *_args: object) -> None:
        if self._applying:
            return
        self.chosen = True
        self._timer.start()

    # -- a narrow window -----------------------------------------------------------------------
    def fit_narrow(self) -> None:
        """Until the user has chosen: the ``narrow`` columns hidden, in order, while the table lacks
        room for them, shown again when it has it."""
        if self.chosen or not self.narrow or not self.table.isVisible():
            return
        available = self.table.viewport().width()
        stretch = [c for c in range(self.header.count())
                   if self.header.sectionResizeMode(c) == QHeaderView.ResizeMode.Stretch]
        fixed = [c for c in range(self.header.count()) if c not in stretch]

        def needed(hidden: set[int]) -> int:
            return sum(self.widths.get(c, 0) for c in fixed if c not in hidden) + (self.room if stretch else 0)

        hidden: set[int] = set()
        for column in self.narrow:
            if needed(hidden) <= available:
                break
            hidden.add(column)
        for column in self.narrow:
            if self.header.isSectionHidden(column) != (column in hidden):
                self._show(column, column not in hidden)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self.fit_narrow()
        return False

    # -- remembering ---------------------------------------------------------------------------
    def state(self) -> dict:
        """What the user chose, as saved: the columns shown, in order, and every column's width."""
        count = self.header.count()
        return {"columns": count,
                "order": [self.header.logicalIndex(v) for v in range(count)],
                "hidden": [c for c in range(count) if self.header.isSectionHidden(c)],
                "widths": {str(c): w for c, w in sorted(self.widths.items())}}

    def save(self) -> None:
        self._timer.stop()
        if self.chosen:
            self._store(self.state())

    def flush(self) -> None:
        """Save a change still waiting for its delay (the program is closing)."""
        if self._timer.isActive():
            self.save()

    def _store(self, state: dict | None) -> None:
        from desktop import config

        try:
            config.save_view_state(self.username, self.name, state)
        except OSError as exc:  # a read-only settings folder: the choice lasts until the program closes
            logging.getLogger("relief_desk").warning("could not save the columns of %s: %s", self.name, exc)

    def restore(self) -> None:
        """Apply what the user chose last time, if it fits this table (a table whose columns have
        changed since starts from its defaults)."""
        from desktop import config

        state = config.view_state(self.username, self.name)
        count = self.header.count()
        try:
            if not state or state.get("columns") != count:
                return
            order = [int(c) for c in state.get("order", [])]
            hidden = {int(c) for c in state.get("hidden", [])} - self.essential
            widths = {int(c): int(w) for c, w in dict(state.get("widths", {})).items()}
        except (TypeError, ValueError, AttributeError):
            return  # a settings file edited by hand: the defaults
        if sorted(order) != list(range(count)) or not hidden.issubset(range(count)) or len(hidden) >= count:
            return
        self.widths.update({c: w for c, w in widths.items() if 0 <= c < count and w > 0})
        self._apply(order, hidden)
        self.chosen = True
