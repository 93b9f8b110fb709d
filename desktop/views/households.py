"""The household browser: a million households, instant.

``HouseholdTableModel`` is a ``QAbstractTableModel`` over the rows of a ``HouseholdPager``: it knows
only the count and keeps a small cache of pages (100 rows each) fetched as they come into view, by
keyset queries the indexes serve. The table is never loaded whole; memory does not grow with it.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QElapsedTimer,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from desktop.rules.codes import CATEGORY_LABELS, STAGE_LABELS
from desktop.services import households as hs
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.services.errors import ServiceError
from desktop.services.progress import Progress
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.flow import FlowRow, field_width
from desktop.views.full_ids import FullIdViewLog
from desktop.views.operations import run_in_background
from desktop.views.region_tree import RegionTree
from desktop.views.save_as import ask_save_path, export_in_background
from desktop.views.table_model import ColumnChooser, EmptyHint, columns_button, number_width, text_width
from desktop.views.timing import WhenShown, debounce

log = logging.getLogger("relief_desk")
Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class _CountSignals(QObject):
    done = Signal(int, int, int, bool)  # generation, total, filled, reload
    failed = Signal(int, str)


class _CountJob(QRunnable):
    """Counts the filtered view in a worker thread (its own session)."""

    def __init__(self, count: Callable[[], tuple[int, int]], generation: int, reload: bool,
                 signals: _CountSignals) -> None:
        super().__init__()
        self.count = count
        self.generation = generation
        self.reload = reload
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            total, filled = self.count()
        except Exception as exc:  # noqa: BLE001 — reported on the main thread as a plain message
            message = exc.message if isinstance(exc, ServiceError) else str(exc).splitlines()[0]
            self.signals.failed.emit(self.generation, message)
        else:
            self.signals.done.emit(self.generation, total, filled, self.reload)


class HouseholdTableModel(QAbstractTableModel):
    """Rows of the filtered, sorted view, fetched page by page as the view asks for them."""

    # (header, sort key): every column sorts; the sub-district and community columns sort by region.
    COLUMNS: list[tuple[str, str]] = [
        (QT_TRANSLATE_NOOP("HouseholdTableModel", "No."), "code"),
        (QT_TRANSLATE_NOOP("HouseholdTableModel", "Head of household"), "head_name"),
        (QT_TRANSLATE_NOOP("HouseholdTableModel", "ID number"), "head_id_number"),
        (QT_TRANSLATE_NOOP("HouseholdTableModel", "Sub-district"), "region"),
        (QT_TRANSLATE_NOOP("HouseholdTableModel", "Community"), "region"),
        (QT_TRANSLATE_NOOP("HouseholdTableModel", "Address"), "address"),
        (QT_TRANSLATE_NOOP("HouseholdTableModel", "Members"), "member_count"),
        (QT_TRANSLATE_NOOP("HouseholdTableModel", "Category"), "category"),
        (QT_TRANSLATE_NOOP("HouseholdTableModel", "Library class"), "stage"),
        (QT_TRANSLATE_NOOP("HouseholdTableModel", "Last assessed"), "last_assessed_on"),
        (QT_TRANSLATE_NOOP("HouseholdTableModel", "Next visit due"), "next_visit_due"),
    ]
    PAGE = 100
    MAX_PAGES = 60  # 6,000 rows at most in memory, whatever the size of the table

    loadFailed = Signal(str)
    counted = Signal(int)  # the number of rows, once known

    def __init__(self, db: Database, actor: Actor, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.pager = hs.HouseholdPager(db, actor)
        self._pages: OrderedDict[int, list[hs.HouseholdRow]] = OrderedDict()
        self._total = 0
        self._failed = False
        self._generation = 0
        self.counting = False
        self._signals = _CountSignals()
        self._signals.done.connect(self._count_done, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._count_failed, Qt.ConnectionType.QueuedConnection)

    # -- filter and refresh --------------------------------------------------------------------
    @property
    def filter(self) -> hs.HouseholdFilter:
        return self.pager.filter

    def set_filter(self, flt: hs.HouseholdFilter) -> None:
        """Apply a new filter: the first page at once; the count (for the scroll bar and the status
        line) follows from a worker thread when the first page is full."""
        self.beginResetModel()
        self._generation += 1
        self._pages.clear()
        self._failed = False
        first: list[hs.HouseholdRow] = []
        try:
            self.pager.prepare(flt)
            first = self.pager.first_rows(self.PAGE)
        except (ServiceError, SQLAlchemyError) as exc:
            self._report(exc)
        self._pages[0] = first
        self._total = len(first)
        self.counting = len(first) >= self.PAGE
        if not self.counting:
            self.pager.settle(first)
        self.endResetModel()
        if self.counting:
            self._start_count(reload=False)
        else:
            self.counted.emit(self._total)

    def read_first_page(self, flt: hs.HouseholdFilter) -> tuple[hs.HouseholdPager, list[hs.HouseholdRow]]:
        """For slow searches (a piece of the address): the first page read by a fresh pager, safe in a
        worker thread; show it with :meth:`show_first_page` on the main thread."""
        pager = hs.HouseholdPager(self.db, self.actor)
        pager.prepare(flt)
        return pager, pager.first_rows(self.PAGE)

    def show_first_page(self, pager: hs.HouseholdPager, first: list[hs.HouseholdRow]) -> None:
        self.beginResetModel()
        self._generation += 1
        self.pager = pager
        self._pages.clear()
        self._failed = False
        self._pages[0] = first
        self._total = len(first)
        self.counting = len(first) >= self.PAGE
        if not self.counting:
            self.pager.settle(first)
        self.endResetModel()
        if self.counting:
            self._start_count(reload=False)
        else:
            self.counted.emit(self._total)

    def reload(self) -> None:
        """Re-read after a change elsewhere, keeping rows in place (selection and scroll survive)."""
        self._generation += 1
        self.counting = True
        self._start_count(reload=True)

    def _start_count(self, *, reload: bool) -> None:
        try:
            if reload:
                self.pager.prepare()
            count = self.pager.counter()
        except (ServiceError, SQLAlchemyError) as exc:
            self.counting = False
            self._report(exc)
            return
        QThreadPool.globalInstance().start(_CountJob(count, self._generation, reload, self._signals))

    def _count_done(self, generation: int, total: int, filled: int, reload: bool) -> None:
        if generation != self._generation:
            return  # the filter changed meanwhile
        self.pager.apply_layout(total, filled)
        self.counting = False
        if reload:
            self._pages.clear()
            self._failed = False
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < self._total:
            self.beginRemoveRows(QModelIndex(), total, self._total - 1)
            self._total = total
            self.endRemoveRows()
        if reload and self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, self.columnCount() - 1))
        self.counted.emit(self._total)

    def _count_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.counting = False
            self._failed = False
            self._report(RuntimeError(message))

    def wait_for_count(self, timeout_ms: int = 30000) -> bool:
        """For tests and benchmarks: process events until the count has arrived."""
        timer = QElapsedTimer()
        timer.start()
        while self.counting and timer.elapsed() < timeout_ms:
            QThreadPool.globalInstance().waitForDone(10)
            QCoreApplication.processEvents()
        return not self.counting

    def _report(self, exc: BaseException) -> None:
        if not self._failed:
            self._failed = True
            message = exc.message if isinstance(exc, ServiceError) else str(exc).splitlines()[0]
            log.warning("household browser: %s", message)
            self.loadFailed.emit(message)

    # -- rows ----------------------------------------------------------------------------------
    def row_at(self, row: int) -> hs.HouseholdRow | None:
        if row < 0 or row >= self._total:
            return None
        page = row // self.PAGE
        rows = self._pages.get(page)
        if rows is None:
            if self._failed:
                return None
            try:
                rows = self.pager.rows(page * self.PAGE, self.PAGE)
            except (ServiceError, SQLAlchemyError) as exc:
                self._report(exc)
                return None
            self._pages[page] = rows
            if len(self._pages) > self.MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        offset = row - page * self.PAGE
        return rows[offset] if offset < len(rows) else None

    def household_id(self, row: int) -> int | None:
        r = self.row_at(row)
        return r.id if r else None

    def cached_row_of(self, household_id: int) -> int | None:
        """The row showing a household, if it is among the pages in memory."""
        for page, rows in self._pages.items():
            for offset, r in enumerate(rows):
                if r.id == household_id:
                    return page * self.PAGE + offset
        return None

    def cached_pages(self) -> int:
        return len(self._pages)

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("HouseholdTableModel", self.COLUMNS[section][0])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(self.COLUMNS):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.TextAlignmentRole, ID_ROLE):
            return None
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == 6:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        r = self.row_at(index.row())
        if r is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 10 and r.overdue:
                return QBrush(QColor("#C00000"))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 10 and r.overdue:
                return self.tr("Quarterly visit overdue")
            # the columns that may be elided: the address always, long names and region names
            return {1: r.head_name, 3: r.subdistrict, 4: r.community, 5: r.address}.get(col)
        values = (r.code, r.head_name, r.id_display, r.subdistrict, r.community, r.address, r.member_count,
                  r.category_label, r.stage_label, _date(r.last_assessed_on), _date(r.next_visit_due))
        return values[col]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        key = self.COLUMNS[column][1]
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.filter.sort and descending == self.filter.descending and self._total:
            return
        self.set_filter(replace(self.filter, sort=key, descending=descending))


class _AddressDelegate(QStyledItemDelegate):
    """An address begins with the city, district, sub-district and community the columns before it
    already show: cut on the left, a narrow column shows the building and room that tell rows apart
    ("黄石市西塞…" on every row told nothing). The whole address is in the tool tip."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


def _date(value: date | None) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


class HouseholdsPage(QWidget):
    """Browse, search, filter and export households; Enter opens the detail."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.details: dict[int, QWidget] = {}
        self._restore: tuple[int | None, int, int] | None = None
        self._full_ids = FullIdViewLog(ctx.actor, self)
        layout = QVBoxLayout(self)

        bar = FlowRow()  # wraps onto a second line on a narrow screen
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search: name, ID number or its last 4–6 characters, phone, address (Ctrl+F)"))
        self.search.setToolTip(self.search.placeholderText())  # whole, where a narrow box (150 %) cuts the hint
        self.search.setClearButtonEnabled(True)
        # room for an ID number; it grows when there is room (320 made the page scroll sideways at 1280 px)
        self.search.setMinimumWidth(field_width(self.search, "0" * 18))
        self.search_mode = QComboBox()
        for code, label in (("auto", self.tr("Anything")), ("name", self.tr("Name")), ("id", self.tr("ID number")),
                            ("phone", self.tr("Phone")), ("address", self.tr("Address"))):
            self.search_mode.addItem(label, code)
        self.stage = QComboBox()
        self.stage.addItem(self.tr("Any library class"), None)
        for code, label in STAGE_LABELS.items():
            self.stage.addItem(label, code.value)
        self.stage.addItem(self.tr("Not on the board"), hs.NO_STAGE)
        self.category = QComboBox()
        self.category.addItem(self.tr("Any category"), None)
        for code, label in CATEGORY_LABELS.items():
            self.category.addItem(label, code.value)
        self.status = QComboBox()
        self.status.addItem(self.tr("Any status"), None)
        self.status.addItem(self.tr("Visit overdue"), "overdue")
        self.status.addItem(self.tr("On the monitoring board"), "on_board")
        self.status.addItem(self.tr("Not on the board"), "not_on_board")
        self.open_button = QPushButton(self.tr("&Open"))
        self.export_button = QPushButton(self.tr("&Export…"))
        self.columns_button = columns_button(self.tr("Col&umns…"))
        search_label = QLabel(self.tr("&Search:"))
        search_label.setBuddy(self.search)
        bar.add_pair(search_label, self.search, 2)
        # Each list has its Alt key (the four had none: only the mouse or Tab through the page reached them).
        for text, combo in ((self.tr("Look &in:"), self.search_mode), (self.tr("&Library class:"), self.stage),
                            (self.tr("&Category:"), self.category), (self.tr("S&tatus:"), self.status)):
            label = QLabel(text)
            label.setBuddy(combo)
            bar.add_pair(label, combo)
        bar.addWidget(self.open_button)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        self.regions = RegionTree(ctx.db, ctx.actor)
        self.model = HouseholdTableModel(ctx.db, ctx.actor, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the detail and buttons, as in read_only_table
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # after the indicator: the first view is in registration order
        self.empty_hint = EmptyHint(self.table, "")  # an empty registry said nothing: what to do first
        self._fit_columns()
        # 户主姓名 and 身份证号 say whose row it is: always shown. At a narrower window (1280 px) the
        # address had a few pixels: until the user chooses, 最近评估 then 街道(镇) give way (the tree on the
        # left picks the sub-district and the community names it; 下次走访 stays for its overdue red).
        self.columns = ColumnChooser(self.table, "households", ctx.actor.username, essential=(1, 2), narrow=(9, 3),
                                     room=text_width(self.table, ["长" * 5]), button=self.columns_button)
        splitter = QSplitter()
        splitter.addWidget(self.regions)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([150, 1000])  # the tree's least width: the table needs the room at 1366×768
        layout.addWidget(splitter, 1)

        status_line = QHBoxLayout()
        self.count_label = QLabel()
        self.hint_label = QLabel()
        self.hint_label.setStyleSheet("color: #666;")
        status_line.addWidget(self.count_label)
        status_line.addWidget(self.hint_label, 1)
        # Below the table's right edge: the search bar above has no room left at 1280 px.
        status_line.addWidget(self.columns_button)
        layout.addLayout(status_line)

        self._search_timer = debounce(self, self.apply_filter, 250)
        # After a change: read again at once when the list is on screen, else once when it is shown.
        self._live = WhenShown(self, self.refresh_rows)
        self._refresh_timer = debounce(self, self._live, 300)

        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._search_now)
        for combo in (self.search_mode, self.stage, self.category, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.regions.regionChanged.connect(lambda _r: self.apply_filter())
        self.open_button.clicked.connect(self.open_current)
        self.export_button.clicked.connect(self.export)
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        self.model.counted.connect(self._show_count)
        self.model.loadFailed.connect(self._load_failed)
        ctx.changes.changed.connect(self._on_change)

        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)
        open_action = QAction(self)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.open_current)
        self.table.addAction(open_action)
        self.setTabOrder(self.search, self.table)

        self.apply_filter()

    def _fit_columns(self) -> None:
        """Each column as wide as its header or its usual content, measured in the font in use; the
        address takes what is left (elided, whole in its tool tip). Fixed widths with a 260-pixel address
        made the table wider than a maximized window at 1366×768: 救助类别 to 下次走访 were off-screen.
        The household number (17 digits) and the 18-character ID number are measured so that they are
        never cut to "4202030…"."""
        table, header = self.table, self.table.horizontalHeader()
        longest = "长" * 8  # a region name longer than this is elided (whole in the tool tip)
        samples: dict[int, list[str]] = {
            1: ["长" * 4],  # a four-character name
            3: [*self.regions.names("subdistrict"), "长" * 5],
            4: [*self.regions.names("community"), "长" * 5],
            6: ["999"],
            7: list(CATEGORY_LABELS.values()),
            8: list(STAGE_LABELS.values()),
            9: ["2000-12-31"],
            10: ["2000-12-31"],
        }
        for col in range(self.model.columnCount()):
            if col in (0, 2):
                content = number_width(table)
            else:
                content = min(text_width(table, samples.get(col, [])), text_width(table, [longest]))
            table.setColumnWidth(col, max(content, header.sectionSizeHint(col)))
        header.setStretchLastSection(False)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        table.setItemDelegateForColumn(5, _AddressDelegate(table))

    # -- filter --------------------------------------------------------------------------------
    def current_filter(self) -> hs.HouseholdFilter:
        return replace(self.model.filter, region_id=self.regions.current_region(), stage=self.stage.currentData(),
                       category=self.category.currentData(), status=self.status.currentData(),
                       search=self.search.text().strip(), search_mode=self.search_mode.currentData() or "auto")

    def _search_now(self) -> None:
        self._search_timer.stop()
        self.apply_filter()
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def apply_filter(self) -> None:
        self._search_timer.stop()
        flt = self.current_filter()
        self._restore = None
        self._set_empty_hint(flt)
        plan = hs.plan_search(flt.search, flt.search_mode)
        if plan.kind in ("address", "name_or_address"):
            self._search_in_background(flt)
        else:
            self.model.set_filter(flt)
            if self.model.counting:
                self.count_label.setText(self.tr("{n}+ households (counting…)").format(n=self.model.rowCount()))
        hints = {
            "": "",
            "name": self.tr("Searching names starting with “{v}”"),
            "id": self.tr("Searching the ID number {v}"),
            "id_tail": self.tr("Searching ID numbers ending in {v}"),
            "phone": self.tr("Searching phone numbers starting with {v}"),
            "address": self.tr("Searching addresses containing “{v}” (slower on a large registry)"),
            "name_or_address": self.tr("Searching names starting with “{v}” and addresses containing it "
                                       "(slower on a large registry)"),
            "invalid_id": self.tr("{v} is not a valid ID number: {why}"),
        }
        self.hint_label.setText(hints.get(plan.kind, "").format(v=plan.value, why=plan.note))

    def _set_empty_hint(self, flt: hs.HouseholdFilter) -> None:
        narrowed = (flt.region_id is not None or flt.stage or flt.category or flt.status or flt.search)
        self.empty_hint.setText(self.tr(
            "No household matches the search, the filters or the region chosen. Clear the search box, "
            "set the lists to 全部 or choose the whole district in the tree on the left.") if narrowed else self.tr(
            "There are no household records yet. To start, import the household register "
            "(主动发现 → 家庭台账 → 导入家庭台账, from the standard template), or register a clue "
            "(主动发现 → 线索收件箱 → 登记线索): a household record is made when a clue is investigated. The "
            "sub-districts and communities they name are set up first in 系统设置 → 区划管理."))

    def _search_in_background(self, flt: hs.HouseholdFilter) -> None:
        """A piece of the address cannot use an index: search off the UI thread (progress, cancel)."""
        model = self.model
        self.count_label.setText(self.tr("Searching…"))

        def work(progress: Progress) -> Any:
            result = model.read_first_page(flt)
            progress.check()  # cancelled meanwhile: drop the result
            return result

        def done(result: Any) -> None:
            if self.current_filter() == flt:  # still what the user asks for
                model.show_first_page(*result)
                if model.counting:
                    self.count_label.setText(self.tr("{n}+ households (counting…)").format(n=model.rowCount()))

        run_in_background(self, work, done, label=self.tr("Searching addresses…"),
                          on_cancelled=lambda: self.count_label.setText(self.tr("Search cancelled")))

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.tr("{n} households").format(n=f"{total:,}"))
        shown = replace(self.model.filter, sort="id", descending=False, today=None)  # the rows, in any order
        self._full_ids.shown(shown, lambda: hs.log_list_view(self.ctx.db, self.ctx.actor, shown, total))
        # On a big registry the rows are read when the scroll bar is let go, not at every pixel of a drag.
        self.table.verticalScrollBar().setTracking(total <= 20000)
        self._after_count()

    def _load_failed(self, message: str) -> None:
        self.hint_label.setText(self.tr("Could not read households: {message}").format(message=message))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- live updates --------------------------------------------------------------------------
    def _on_change(self, topic: str, _ident: int) -> None:
        if topic in ("regions", "*"):  # added, deleted or moved (系统设置 → 区划管理): the tree as it is now
            self.regions.reload()
        if topic in ("households", "*", "board", "assessments", "visits", "applications"):
            self._refresh_timer.start()

    def refresh_rows(self) -> None:
        """Re-read visible rows after a change, keeping the selected household and the scroll."""
        index = self.table.currentIndex()
        self._restore = (self.selected_household(), index.row() if index.isValid() else -1,
                         self.table.verticalScrollBar().value())
        self.model.reload()  # counts in the background, then re-reads; _after_count restores

    def _after_count(self) -> None:
        if self._restore is None:
            return
        selected, current_row, scroll = self._restore
        self._restore = None
        row = self.model.cached_row_of(selected) if selected is not None else None
        if row is None and selected is not None and 0 <= current_row < self.model.rowCount():
            # Is the household still at its row or nearby (rows before it may have come or gone)?
            for candidate in range(max(current_row - 50, 0), min(current_row + 50, self.model.rowCount())):
                if self.model.household_id(candidate) == selected:
                    row = candidate
                    break
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, max(self.table.currentIndex().column(), 0)),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.verticalScrollBar().setValue(scroll)

    # -- opening -------------------------------------------------------------------------------
    def selected_household(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.household_id(index.row())

    def open_current(self) -> None:
        household_id = self.selected_household()
        if household_id is not None:
            self.open_household(household_id)

    def open_row(self, row: int) -> None:
        household_id = self.model.household_id(row)
        if household_id is not None:
            self.open_household(household_id)

    def open_household(self, household_id: int) -> QWidget | None:
        """Open (or bring forward) the detail window of a household. Called by the main window too."""
        from desktop.views.household_detail import HouseholdDetailDialog

        existing = self.details.get(household_id)
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
        try:
            dialog = HouseholdDetailDialog(self.ctx, household_id, self)
        except ServiceError as exc:
            show_error(self, exc)
            return None
        self.details[household_id] = dialog
        dialog.finished.connect(lambda _r, hid=household_id: self.details.pop(hid, None))
        dialog.show()
        return dialog

    # -- export --------------------------------------------------------------------------------
    def export(self) -> None:
        flt = self.current_filter()
        total = self.model.rowCount()
        if total == 0:
            QMessageBox.information(self, self.tr("Export"), self.tr("No households match: nothing to export."))
            return
        path = ask_save_path(self, self.tr("Export households"), self.tr("households-{date}.xlsx"))
        if path is None:
            return
        self.start_export(flt, path)

    def start_export(self, flt: hs.HouseholdFilter, path: str) -> Any:
        db, actor = self.ctx.db, self.ctx.actor

        def work(progress: Progress) -> int:
            return hs.export_households(db, actor, flt, path, progress)

        def done(count: int) -> None:
            self.hint_label.setText(self.tr("Exported {n} households to {path}").format(n=count, path=path))

        return export_in_background(self, self.export_button, work, done, self.tr("Exporting households…"))

    def maybe_close(self) -> bool:
        for dialog in list(self.details.values()):
            closer = getattr(dialog, "maybe_close", None)
            if closer is not None and not closer():
                return False
        return True
