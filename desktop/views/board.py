"""The monitoring page (先预警): the board of six columns, the visit list and the referrals.

Moving a card (drag it, or Ctrl+M, or the context menu) asks for the reason and calls the service,
which refuses moves the loop forbids (the message names the rule) and moves made on a stale card
(someone moved it first: the board then shows where it is now). Changes from this and other
workstations arrive through ``ctx.changes`` and update counts and cards in place, keeping the
selection and scroll position.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.rules import monitoring as rules
from desktop.rules.codes import CATEGORY_LABELS, Role
from desktop.services import monitoring, referrals, regions
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.services.monitoring import BoardFilter, Card, MoveConflict
from desktop.services.progress import Progress
from desktop.views.board_column import BoardColumn
from desktop.views.combos import choose, quietly, refill
from desktop.views.confirm import ReasonDialog
from desktop.views.conflict import ConflictDialog
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.flow import FlowRow, field_width
from desktop.views.keys import shortcut_for
from desktop.views.operations import BackgroundOperation, run_in_background
from desktop.views.referral_form import ReferralForm, ReferralResultDialog, print_letter
from desktop.views.save_as import ask_save_path, export_in_background
from desktop.views.table_model import PagedTableModel, read_only_table
from desktop.views.timing import debounce
from desktop.views.visit_form import VisitForm

Index = QModelIndex | QPersistentModelIndex
WRITERS = {Role.ADMIN, Role.DISTRICT_REVIEWER, Role.SUBDISTRICT_CASEWORKER, Role.COMMUNITY_WORKER}


class MoveDialog(ReasonDialog):
    """Asks why a card moves; OK only with a reason."""

    def __init__(self, name: str, from_stage: str, to_stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.build(self.tr("Move household"), self.tr("Move <b>{name}</b> from <b>{source}</b> to <b>{target}</b>.").format(
            name=name, source=rules.stage_label(from_stage), target=rules.stage_label(to_stage)),
            self.tr("&Reason for the move (recorded with your name):"),
            self.tr("e.g. income fell after the visit of 5 May"))


class RegionCombo(QComboBox):
    """The regions the user may see, indented under their parents, filled again when regions are
    added, renamed, moved or deleted (系统设置 → 区划管理) with the choice kept; a region chosen that
    is gone falls back to all regions (and says so through currentIndexChanged)."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.fill()
        ctx.changes.changed.connect(self._changed)

    def fill(self) -> None:
        items: list[tuple[str, object]] = [(QCoreApplication.translate("BoardTables", "All regions"), None)]
        try:
            items += [("  " * max(r.path.count("/") - 2, 0) + r.name, r.id)
                      for r in regions.list_regions(self.ctx.db, self.ctx.actor)]
        except ServiceError as exc:
            show_error(self.parentWidget(), exc)
        if not refill(self, items):
            self.currentIndexChanged.emit(0)

    def _changed(self, topic: str, _ident: int) -> None:
        if topic in ("regions", "*"):
            self.fill()


# -- the board tab ----------------------------------------------------------------------------------

class BoardTab(QWidget):
    def __init__(self, ctx: AppContext, page: BoardPage) -> None:
        super().__init__(page)
        self.ctx = ctx
        self.page = page
        self.move_dialog: MoveDialog | None = None
        self.conflict_dialog: ConflictDialog | None = None
        self.current_column: BoardColumn | None = None
        self._live_running = False
        self._live_again = False
        layout = QVBoxLayout(self)
        bar = FlowRow()  # wraps onto a second line on a narrow screen
        self.region = RegionCombo(ctx, self)
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
        for code, label in CATEGORY_LABELS.items():
            self.category.addItem(label, code.value)
        self.overdue = QCheckBox(self.tr("&Overdue visits only"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, ID number (last digits) or phone"))
        self.search.setClearButtonEnabled(True)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        shortcut_for(self.refresh_button, QKeySequence.StandardKey.Refresh)  # Alt+R stays
        for widget, label in ((self.region, self.tr("Re&gion:")), (self.category, self.tr("&Category:"))):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.add_pair(caption, widget)
        bar.addWidget(self.overdue)
        self.search.setMinimumWidth(field_width(self.search, "0" * 18))
        bar.add_pair(_caption(self.tr("Na&me, ID or phone:"), self.search), self.search, 1)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)

        # The six columns scroll sideways in their own place on a narrow screen, not the whole page.
        columns_box = QWidget()
        columns = QHBoxLayout(columns_box)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(6)
        self.columns: dict[str, BoardColumn] = {}
        for stage, label in monitoring.stage_choices():
            column = BoardColumn(stage, label, self._load_page, self)
            column.model.cardDropped.connect(self.request_move)
            column.view.customContextMenuRequested.connect(lambda pos, c=column: self._context_menu(c, pos))
            column.view.clicked.connect(lambda _i, c=column: self._focus_column(c))
            column.view.activated.connect(lambda _i, c=column: self._open(c))  # Enter or double-click
            self.columns[stage] = column
            columns.addWidget(column, 1)
        columns_scroll = QScrollArea()
        columns_scroll.setWidgetResizable(True)
        columns_scroll.setFrameShape(QFrame.Shape.NoFrame)
        columns_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        columns_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        columns_scroll.setWidget(columns_box)
        layout.addWidget(columns_scroll, 1)
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #5f6368;")
        layout.addWidget(self.summary)

        self._search_timer = debounce(self, self.reload, 300)
        self.search.textChanged.connect(self._search_timer.start)
        self.region.currentIndexChanged.connect(self.reload)
        self.category.currentIndexChanged.connect(self.reload)
        self.overdue.toggled.connect(self.reload)
        self.refresh_button.clicked.connect(self.refresh)

        self.writer = ctx.actor.role in WRITERS
        self.act_move = self._action(self.tr("&Move card…"), "Ctrl+M", self.move_current)
        self.act_visit = self._action(self.tr("Record &visit…"), "Ctrl+Shift+V", self.visit_current)
        self.act_refer = self._action(self.tr("Re&fer to a department…"), "Ctrl+Shift+R", self.refer_current)
        self.act_open = self._action(self.tr("&Open household"), "", self.open_current)
        self.act_assess = self._action(self.tr("Re-&assess…"), "", self.assess_current)
        for action in (self.act_move, self.act_visit, self.act_refer, self.act_assess):
            action.setEnabled(self.writer)
        for column in self.columns.values():
            if not self.writer:
                column.view.setDragEnabled(False)
                column.view.setAcceptDrops(False)

    def _action(self, text: str, shortcut: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- data ----------------------------------------------------------------------------------------
    def filter(self) -> BoardFilter:
        return BoardFilter(region_id=self.region.currentData(), category=self.category.currentData(),
                           overdue_only=self.overdue.isChecked(), search=self.search.text())

    def _load_page(self, stage: str, after_id: int | None) -> list[Card]:
        try:
            return monitoring.column_page(self.ctx.db, self.ctx.actor, stage, self.filter(), after_id=after_id)
        except ServiceError as exc:
            show_error(self, exc)
            return []

    def reload(self) -> None:
        """Everything anew (the filter changed)."""
        try:
            board = monitoring.open_board(self.ctx.db, self.ctx.actor, self.filter())
        except ServiceError as exc:
            show_error(self, exc)
            return
        hint = self._empty_text()
        for col in board:
            column = self.columns[col.stage]
            column.empty_hint.setText(hint)
            column.model.set_cards(col.cards, col.count)
            column.set_count(col.count)
        self._update_summary({c.stage: c.count for c in board})

    def _empty_text(self) -> str:
        """What an empty column says: nobody in it, or nobody under the filter (and how to see all)."""
        flt = self.filter()
        if flt.region_id is not None or flt.category or flt.overdue_only or flt.search.strip():
            return self.tr("No household here matches the filter above")
        return self.tr("No household at present")

    def refresh(self) -> None:
        """Counts and the cards already loaded, merged in place (selection and scroll survive)."""
        flt = self.filter()
        try:
            counts = monitoring.column_counts(self.ctx.db, self.ctx.actor, flt)
            for stage, column in self.columns.items():
                upto, limit = column.model.refresh_range()
                fresh = monitoring.column_page(self.ctx.db, self.ctx.actor, stage, flt, upto_id=upto, limit=limit)
                column.model.merge(fresh)
                column.model.set_total(counts[stage])
                column.set_count(counts[stage])
        except ServiceError as exc:
            show_error(self, exc)
            return
        self._update_summary(counts)

    def live_refresh(self) -> None:
        """Like :meth:`refresh`, with the reading done off the UI thread (changes from other
        workstations arrive often; the board must not stutter). Overlapping requests coalesce."""
        if self._live_running:
            self._live_again = True
            return
        self._live_running = True
        self._live_again = False
        flt = self.filter()
        ranges = {stage: column.model.refresh_range() for stage, column in self.columns.items()}
        db, actor = self.ctx.db, self.ctx.actor

        def work(_progress: Any) -> tuple[dict[str, int], dict[str, list[Card]], dict[str, int]]:
            counts = monitoring.column_counts(db, actor, flt)
            fresh = {stage: monitoring.column_page(db, actor, stage, flt, upto_id=upto, limit=limit)
                     for stage, (upto, limit) in ranges.items()}
            return counts, fresh, monitoring.visit_counts(db, actor, flt=flt)

        def done(result: tuple[dict[str, int], dict[str, list[Card]], dict[str, int]]) -> None:
            if not shiboken6.isValid(self):  # the page closed while reading
                return
            self._live_running = False
            counts, fresh, visits = result
            if self.filter() == flt and all(self.columns[s].model.refresh_range() == r for s, r in ranges.items()):
                for stage, column in self.columns.items():
                    column.model.merge(fresh[stage])
                    column.model.set_total(counts[stage])
                    column.set_count(counts[stage])
                self._show_summary(counts, visits)
            else:
                self._live_again = True  # the user changed the view meanwhile: read again
            if self._live_again:
                self.live_refresh()

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._live_running = False
            message = exc.message if isinstance(exc, ServiceError) else str(exc)
            self.summary.setText(self.tr("Could not refresh the board: {error}").format(error=message))

        # No parent and no dialog: a page closed meanwhile must not take the operation with it.
        run_in_background(None, work, done, on_error=failed, cancellable=False, delay_ms=2_000_000_000)

    def _update_summary(self, counts: dict[str, int]) -> None:
        try:
            visits = monitoring.visit_counts(self.ctx.db, self.ctx.actor, flt=self.filter())
        except ServiceError:
            visits = {"all": 0, "due": 0, "overdue": 0}
        self._show_summary(counts, visits)

    def _show_summary(self, counts: dict[str, int], visits: dict[str, int]) -> None:
        self.summary.setText(self.tr(
            "{total} households on the board · {monitored} need quarterly visits · "
            "{due} not yet visited this quarter · {overdue} overdue").format(
            total=f"{sum(counts.values()):,}", monitored=f"{visits['all']:,}", due=f"{visits['due']:,}",
            overdue=f"{visits['overdue']:,}"))

    # -- selection -----------------------------------------------------------------------------------
    def _focus_column(self, column: BoardColumn) -> None:
        self.current_column = column
        for other in self.columns.values():
            if other is not column:
                other.view.clearSelection()

    def current_card(self) -> Card | None:
        focus = self.focusWidget()
        for column in self.columns.values():
            if column.view is focus:
                self.current_column = column
        if self.current_column is None:
            return None
        return self.current_column.current_card()

    def select_household(self, household_id: int) -> bool:
        for column in self.columns.values():
            if column.select(household_id):
                self._focus_column(column)
                column.view.setFocus()
                return True
        return False

    # -- moving --------------------------------------------------------------------------------------
    def request_move(self, household_id: int, version: int, from_stage: str, to_stage: str, reason: str = "") -> None:
        """A card was dropped on another column (or chosen from the menu): check, ask why, move.
        ``reason``: what was typed before, when a refused move asks again."""
        if not self.writer:
            return
        check = rules.check_move(from_stage, to_stage)
        if not check.allowed:
            QMessageBox.warning(self, self.tr("Move refused"), check.message)
            return
        column = self.columns.get(from_stage)
        row = column.model.row_of(household_id) if column else -1
        name = column.model.cards[row].head_name if column and row >= 0 else str(household_id)
        dialog = MoveDialog(name, from_stage, to_stage, self)
        if reason:  # Esc asks before throwing it away: it was typed, only not yet saved
            dialog.mark_unchanged()
            dialog.reason_edit.setPlainText(reason)
        self.move_dialog = dialog
        dialog.accepted.connect(lambda: self._do_move(household_id, version, to_stage, dialog.reason(), from_stage))
        dialog.finished.connect(lambda _r: self._move_dialog_closed(dialog))
        dialog.open()

    def _move_dialog_closed(self, dialog: MoveDialog) -> None:
        if self.move_dialog is dialog:  # not the one a refused move has opened again
            self.move_dialog = None

    def _do_move(self, household_id: int, version: int, to_stage: str, reason: str, from_stage: str = "") -> None:
        try:
            result = monitoring.move_card(self.ctx.db, self.ctx.actor, household_id, to_stage, reason,
                                          expected_version=version)
        except MoveConflict as exc:
            stale = self._loaded_card(household_id)  # as this screen had it, before the refresh
            self.refresh()
            if exc.card is not None:
                self.select_household(exc.card.id)
            if self._ask_after_conflict(exc, stale, to_stage) and exc.card is not None:
                self._do_move(household_id, exc.card.version, to_stage, reason)  # on top of their save
            return
        except ValidationFailed as exc:  # the reason as written was refused: asked again, the text kept
            show_error(self, exc)
            if from_stage:
                self.request_move(household_id, version, from_stage, to_stage, reason)
            return
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.refresh()
        target = self.columns[result.to_stage]
        while target.model.row_of(household_id) < 0 and target.model.canFetchMore():
            target.model.fetchMore()  # the card sorts beyond the loaded pages: load up to it
        self.select_household(household_id)
        self.ctx.changes.publish("board", household_id)

    def _loaded_card(self, household_id: int) -> Card | None:
        for column in self.columns.values():
            row = column.model.row_of(household_id)
            if row >= 0:
                return column.model.cards[row]
        return None

    def _ask_after_conflict(self, exc: MoveConflict, stale: Card | None, to_stage: str) -> bool:
        """The conflict dialog, as the household form shows it: who saved first and when, their
        saved values beside what this screen had with the move asked for. True: move it again."""
        theirs = dict(exc.now)
        mine = dict(exc.then if exc.then is not None else theirs)
        if exc.then is None and stale is not None:  # the log does not hold it: what the card showed
            mine.update(head_name=stale.head_name, category=stale.category_label,
                        last_visited_on=stale.last_visited_on.isoformat() if stale.last_visited_on else "")
        mine["stage"] = rules.stage_label(to_stage)
        dialog = ConflictDialog(self, exc, monitoring.CONFLICT_FIELDS, theirs, mine)
        dialog.keep_button.hide()  # nothing typed is waiting: leaving it where it is is "reload"
        self.conflict_dialog = dialog
        dialog.exec()
        self.conflict_dialog = None
        choice = dialog.choice
        dialog.deleteLater()
        return choice == ConflictDialog.REAPPLY and exc.card is not None

    def move_current(self) -> None:
        card = self.current_card()
        if card is None or self.current_column is None:
            return
        view = self.current_column.view
        rect = view.visualRect(view.currentIndex())
        self.move_menu(card).popup(view.viewport().mapToGlobal(rect.center()))

    def move_menu(self, card: Card) -> QMenu:
        menu = QMenu(self.tr("Move to"), self)
        for stage, label in monitoring.stage_choices():
            if stage == card.stage:
                continue
            action = menu.addAction(label)
            check = rules.check_move(card.stage, stage)
            if not check.allowed and check.rule is not None:
                action.setToolTip(check.rule.name)
            action.triggered.connect(lambda _=False, s=stage: self.request_move(card.id, card.version, card.stage, s))
        menu.setToolTipsVisible(True)
        return menu

    # -- other actions -------------------------------------------------------------------------------
    def _context_menu(self, column: BoardColumn, pos: QPoint) -> None:
        index = column.view.indexAt(pos)
        if not index.isValid():
            return
        column.view.setCurrentIndex(index)
        self._focus_column(column)
        card = column.current_card()
        if card is None:
            return
        menu = QMenu(self)
        move = menu.addMenu(self.move_menu(card))
        move.setEnabled(self.writer)
        menu.addAction(self.act_visit)
        menu.addAction(self.act_refer)
        menu.addAction(self.act_assess)
        menu.addSeparator()
        menu.addAction(self.act_open)
        menu.popup(column.view.viewport().mapToGlobal(pos))

    def _open(self, column: BoardColumn) -> None:
        self._focus_column(column)
        self.open_current()

    def open_current(self) -> None:
        card = self.current_card()
        if card is not None:
            self.ctx.nav.openHousehold.emit(card.id)

    def visit_current(self) -> None:
        card = self.current_card()
        if card is not None:
            self.page.record_visit(card.id)

    def refer_current(self) -> None:
        card = self.current_card()
        if card is not None:
            self.page.refer_household(card.id)

    def assess_current(self) -> None:
        card = self.current_card()
        if card is not None:
            self.ctx.nav.assessHousehold.emit(card.id)


# -- paged tables ----------------------------------------------------------------------------------

def _day(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


LATE_BACKGROUND = QBrush(QColor("#fce8e6"))
LATE_FOREGROUND = QBrush(QColor("#b3261e"))


class VisitTableModel(PagedTableModel[monitoring.VisitDueRow]):
    CONTEXT = "BoardTables"
    COLUMNS = (QT_TRANSLATE_NOOP("BoardTables", "Head of household"), QT_TRANSLATE_NOOP("BoardTables", "ID number"),
               QT_TRANSLATE_NOOP("BoardTables", "Sub-district"), QT_TRANSLATE_NOOP("BoardTables", "Community"),
               QT_TRANSLATE_NOOP("BoardTables", "Library"), QT_TRANSLATE_NOOP("BoardTables", "Category"),
               QT_TRANSLATE_NOOP("BoardTables", "Last visit"), QT_TRANSLATE_NOOP("BoardTables", "Due by"),
               QT_TRANSLATE_NOOP("BoardTables", "This quarter"))

    def key(self, row: monitoring.VisitDueRow) -> tuple[str, int]:
        return row.region_path, row.household_id  # the list's order, community by community: its keyset

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        r: monitoring.VisitDueRow = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            status = self.tr("Visited") if r.visited_this_quarter else (
                self.tr("Overdue") if r.overdue else self.tr("Due"))
            return (r.head_name, r.head_id_masked, r.subdistrict, r.community, r.stage_label, r.category_label,
                    _day(r.last_visited_on) or self.tr("never"), _day(r.visit_due), status)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and r.overdue:
            return LATE_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and r.overdue and index.column() in (7, 8):
            return LATE_FOREGROUND
        return None


class ReferralTableModel(PagedTableModel[referrals.ReferralInfo]):
    CONTEXT = "BoardTables"
    COLUMNS = (QT_TRANSLATE_NOOP("BoardTables", "No."), QT_TRANSLATE_NOOP("BoardTables", "Sent on"),
               QT_TRANSLATE_NOOP("BoardTables", "Head of household"), QT_TRANSLATE_NOOP("BoardTables", "Community"),
               QT_TRANSLATE_NOOP("BoardTables", "Department"), QT_TRANSLATE_NOOP("BoardTables", "Need"),
               QT_TRANSLATE_NOOP("BoardTables", "Due by"), QT_TRANSLATE_NOOP("BoardTables", "Status"),
               QT_TRANSLATE_NOOP("BoardTables", "Feedback"))

    def key(self, row: referrals.ReferralInfo) -> int:
        return row.id

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        r: referrals.ReferralInfo = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            status = r.status_label + (self.tr(" (overdue)") if r.overdue else "")
            return (referrals.referral_code(r.id), _day(r.sent_on), r.head_name, r.community, r.department_label,
                    r.need.replace("\n", " "), _day(r.due_on), status, r.feedback.replace("\n", " "))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (5, 8):
            return (r.need if index.column() == 5 else r.feedback) or None
        if role == Qt.ItemDataRole.BackgroundRole and r.overdue:
            return LATE_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and r.overdue and index.column() in (6, 7):
            return LATE_FOREGROUND
        return None


def _caption(text: str, field: QWidget) -> QLabel:
    """A field's label: its Alt key goes to the field."""
    caption = QLabel(text)
    caption.setBuddy(field)
    return caption


def _table(model: QAbstractTableModel, widths: tuple[int, ...], empty: str, stretch: tuple[int, ...] = ()) -> QTableView:
    """A table over a paged model: plain rows a little taller than the default; ``empty``, the note
    shown while it lists nothing. ``stretch``: the columns of free text that share the width left by
    the others (their text elided, whole in the tool tip), so the table fits the window without
    scrolling sideways; the last column stretches when none is given."""
    table = read_only_table(model, widths=widths, single=True, empty=empty)
    table.setAlternatingRowColors(False)
    table.verticalHeader().setDefaultSectionSize(26)
    if stretch:
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table


def _reload_keeping(table: QTableView, model: PagedTableModel) -> None:
    """Reload the rows already seen; keep the selected row (by key) and the scroll position. When the
    selected row has left the list (a household visited leaves 本季度未走访), the row that took its
    place is selected: Enter goes on to the next household instead of to none, or to an unmarked first row."""
    selected = table.currentIndex()
    key = model.key(model.rows[selected.row()]) if selected.isValid() and selected.row() < len(model.rows) else None
    column = selected.column() if selected.isValid() else 0
    scroll = table.verticalScrollBar().value()
    model.load(keep=len(model.rows))
    if key is not None:
        rows = [row for row, item in enumerate(model.rows) if model.key(item) == key]
        if rows or model.rows:
            table.setCurrentIndex(model.index(rows[0] if rows else min(selected.row(), len(model.rows) - 1), column))
    table.verticalScrollBar().setValue(scroll)


class QuarterDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.today = today or date.today()
        self.setWindowTitle(self.tr("Quarterly report"))
        form = QFormLayout(self)
        # opens on the quarter just over during the month after it (its report is due), else on this one
        year, quarter = rules.quarter_to_report(self.today)
        self.year = QSpinBox()
        self.year.setRange(2015, self.today.year)  # a quarter not yet begun has nothing to report (the service says so)
        self.year.setValue(year)
        self.quarter = QComboBox()
        for q in range(1, 5):
            self.quarter.addItem(self.tr("Quarter {n}").format(n=q), q)
        self.quarter.setCurrentIndex(quarter - 1)
        form.addRow(self.tr("&Year:"), self.year)
        form.addRow(self.tr("&Quarter:"), self.quarter)
        self.note = QLabel()  # final figures or progress, before the file is written
        self.note.setWordWrap(True)
        self.note.setMinimumWidth(self.note.fontMetrics().horizontalAdvance("长" * 24))  # two lines, not four
        form.addRow(self.note)
        self.year.valueChanged.connect(self._say)
        self.quarter.currentIndexChanged.connect(self._say)
        self._say()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _say(self) -> None:
        year, quarter = self.year.value(), self.quarter.currentData()
        label = rules.quarter_label(year, quarter)
        if rules.quarter_start(year, quarter) > self.today:
            self.note.setText(self.tr("{quarter} has not begun: nothing to report yet.").format(quarter=label))
        elif rules.quarter_end(year, quarter) < self.today:
            self.note.setText(self.tr("{quarter} is over: the report gives its final figures.").format(quarter=label))
        else:
            self.note.setText(self.tr("{quarter} is under way until {end}: the report gives the progress so far; "
                                      "export it again after the quarter for the final figures.").format(
                quarter=label, end=rules.quarter_end(year, quarter).isoformat()))


class VisitsTab(QWidget):
    STATES = (("due", QT_TRANSLATE_NOOP("BoardTables", "Not visited this quarter")),
              ("overdue", QT_TRANSLATE_NOOP("BoardTables", "Overdue")),
              ("all", QT_TRANSLATE_NOOP("BoardTables", "All monitored households")))

    def __init__(self, ctx: AppContext, page: BoardPage) -> None:
        super().__init__(page)
        self.ctx = ctx
        self.page = page
        layout = QVBoxLayout(self)
        bar = FlowRow()  # wraps onto a second line on a narrow screen
        self.state = QComboBox()
        for code, label in self.STATES:
            self.state.addItem(QCoreApplication.translate("BoardTables", label), code)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, ID number (last digits) or phone"))
        self.search.setClearButtonEnabled(True)
        self.visit_button = QPushButton(self.tr("Record &visit…"))
        self.report_button = QPushButton(self.tr("&Quarterly report…"))
        self.list_button = QPushButton(self.tr("E&xport visit list…"))
        self.list_button.setToolTip(self.tr("The households shown, with address and phone, as an Excel list to "
                                            "take on the rounds (ID numbers as your role sees them; logged)"))
        caption = QLabel(self.tr("&Show:"))
        caption.setBuddy(self.state)
        bar.add_pair(caption, self.state)
        self.region = RegionCombo(ctx, self)
        region_caption = QLabel(self.tr("Re&gion:"))
        region_caption.setBuddy(self.region)
        bar.add_pair(region_caption, self.region)
        self.search.setMinimumWidth(field_width(self.search, "0" * 18))
        bar.add_pair(_caption(self.tr("Na&me, ID or phone:"), self.search), self.search, 1)
        bar.addWidget(self.visit_button)
        bar.addWidget(self.list_button)
        bar.addWidget(self.report_button)
        layout.addLayout(bar)
        self.model = VisitTableModel(self._load, self)
        self.table = _table(self.model, (90, 170, 110, 110, 70, 90, 100, 100), self.tr(
            "No household matches “Show”, the region and the search above (households in 一类库, 二类库 "
            "and 救助中 are listed here)."))
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.visit_button.setEnabled(ctx.actor.role in WRITERS)
        self.visit_button.clicked.connect(self.visit_selected)
        self.report_button.clicked.connect(self.ask_quarterly_report)
        self.list_button.clicked.connect(lambda: self.export_visit_list())
        self.table.activated.connect(lambda _i: self.visit_selected())  # Enter or double-click
        self.state.currentIndexChanged.connect(self.reload)
        self.region.currentIndexChanged.connect(self.reload)
        self._timer = debounce(self, self.reload, 300)
        self.search.textChanged.connect(self._timer.start)

    def _load(self, after: tuple[str, int] | None, limit: int | None) -> list[monitoring.VisitDueRow]:
        try:  # in the exported visit list's order: by sub-district and community, then household
            return monitoring.visit_due_page(self.ctx.db, self.ctx.actor, state=self.state.currentData(),
                                             region_id=self.region.currentData(), search=self.search.text(),
                                             after=after, limit=limit)
        except ServiceError as exc:
            show_error(self, exc)
            return []

    def reload(self) -> None:
        self.model.load()
        self._summary()

    def refresh(self) -> None:
        _reload_keeping(self.table, self.model)
        self._summary()

    def _summary(self) -> None:
        try:
            # the households the list draws from (its region and search; "Show" picks among them)
            counts = monitoring.visit_counts(self.ctx.db, self.ctx.actor, flt=BoardFilter(
                region_id=self.region.currentData(), search=self.search.text()))
        except ServiceError:
            return
        year, quarter = rules.quarter_of(date.today())
        self.summary.setText(self.tr(
            "{quarter}: {all} monitored households, {due} not yet visited, {overdue} overdue").format(
            quarter=rules.quarter_label(year, quarter), all=f"{counts['all']:,}", due=f"{counts['due']:,}",
            overdue=f"{counts['overdue']:,}"))

    def visit_selected(self) -> None:
        index = self.table.currentIndex()
        if self.ctx.actor.role not in WRITERS:
            return
        if not index.isValid():  # the button did nothing at all
            QMessageBox.information(self, self.tr("Record visit"), self.tr("Select a household in the list first."))
            return
        self.page.record_visit(self.model.rows[index.row()].household_id)

    def export_visit_list(self, path: str | None = None) -> BackgroundOperation | None:
        """The list as shown (its filter, region and search), every row of it, to xlsx."""
        if self.model.rowCount() == 0:
            QMessageBox.information(self, self.tr("Visit list"),
                                    self.tr("No household is shown: there is nothing to export."))
            return None
        if path is None:
            path = ask_save_path(self, self.tr("Export visit list"), self.tr("visit-list-{date}.xlsx"))
            if path is None:
                return None
        db, actor, target = self.ctx.db, self.ctx.actor, path
        state, region_id, search = self.state.currentData(), self.region.currentData(), self.search.text()

        def work(progress: Progress) -> int:
            return monitoring.export_visit_list(db, actor, target, state=state, region_id=region_id, search=search,
                                                progress=progress)

        def done(n: int) -> None:
            QMessageBox.information(self, self.tr("Visit list"), self.tr(
                "Saved {path}\n{n} household(s).").format(path=target, n=f"{n:,}"))

        return export_in_background(self, self.list_button, work, done, self.tr("Exporting the visit list…"))

    def ask_quarterly_report(self) -> None:
        dialog = QuarterDialog(self)
        if not dialog.exec():
            return
        year, quarter = dialog.year.value(), dialog.quarter.currentData()
        name = f"季度上报_{year}Q{quarter}.xlsx"
        path = ask_save_path(self, self.tr("Save quarterly report"), name)
        if path:
            self.export_quarterly_report(year, quarter, path)

    def export_quarterly_report(self, year: int, quarter: int, path: str) -> None:
        db, actor = self.ctx.db, self.ctx.actor

        def work(progress: Any) -> monitoring.QuarterlyReport:
            return monitoring.export_quarterly_report(db, actor, year, quarter, path, progress=progress)

        def done(report: monitoring.QuarterlyReport) -> None:
            total = report.total()
            text = self.tr("Saved {path}\nDue: {due}, visited: {done}, missing: {missing}.").format(
                path=path, due=total.due, done=total.done, missing=total.missing)
            if not report.finished:  # the service's sentence: the quarter is not over, the figures are progress
                text += "\n\n" + report.interim_note()
            QMessageBox.information(self, self.tr("Quarterly report"), text)

        run_in_background(self, work, done, label=self.tr("Writing the quarterly report…"))


class ReferralsTab(QWidget):
    STATES = (("open", QT_TRANSLATE_NOOP("BoardTables", "Open")), ("overdue", QT_TRANSLATE_NOOP("BoardTables", "Overdue")),
              ("all", QT_TRANSLATE_NOOP("BoardTables", "All")), ("sent", QT_TRANSLATE_NOOP("BoardTables", "Sent")),
              ("received", QT_TRANSLATE_NOOP("BoardTables", "Received")),
              ("done", QT_TRANSLATE_NOOP("BoardTables", "Done")),
              ("declined", QT_TRANSLATE_NOOP("BoardTables", "Declined")))

    def __init__(self, ctx: AppContext, page: BoardPage) -> None:
        super().__init__(page)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        bar = FlowRow()  # wraps onto a second line on a narrow screen
        self.department = QComboBox()
        self.department.addItem(self.tr("All departments"), None)
        for code, label in referrals.department_choices():
            self.department.addItem(label, code)
        self.state = QComboBox()
        for code, label in self.STATES:
            self.state.addItem(QCoreApplication.translate("BoardTables", label), code)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name or need"))
        self.search.setClearButtonEnabled(True)
        for widget, label in ((self.department, self.tr("&Department:")), (self.state, self.tr("S&tatus:"))):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.add_pair(caption, widget)
        bar.add_pair(_caption(self.tr("Na&me or need:"), self.search), self.search, 1)
        layout.addLayout(bar)
        actions = FlowRow()
        self.answer_button = QPushButton(self.tr("Department's &answer…"))
        self.letter_button = QPushButton(self.tr("Referral &letter (PDF)…"))
        self.export_button = QPushButton(self.tr("&Export list for the department…"))
        for button in (self.answer_button, self.letter_button, self.export_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.model = ReferralTableModel(self._load, self)
        # Need (5) and feedback (8) share what the number, dates, names and status leave: at 1280×720 the
        # table scrolled sideways and the department's feedback was off screen.
        self.table = _table(self.model, (76, 84, 66, 96, 66, 0, 84, 100, 0), self.tr(
            "No referral matches the department, status and search above. Households are referred from the board "
            "(a card's menu, “Refer to a department”) or when a visit is recorded."), stretch=(5, 8))
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.answer_button.setEnabled(ctx.actor.role in WRITERS)
        self.answer_button.clicked.connect(self.answer_selected)
        self.letter_button.clicked.connect(self.letter_selected)
        self.export_button.clicked.connect(self.ask_export)
        self.table.activated.connect(lambda _i: self.answer_selected())  # Enter or double-click
        self.department.currentIndexChanged.connect(self.reload)
        self.state.currentIndexChanged.connect(self.reload)
        self._timer = debounce(self, self.reload, 300)
        self.search.textChanged.connect(self._timer.start)

    def _load(self, after: int | None, limit: int | None) -> list[referrals.ReferralInfo]:
        try:
            return referrals.list_referrals(self.ctx.db, self.ctx.actor, department=self.department.currentData(),
                                            status=self.state.currentData(), search=self.search.text(),
                                            after_id=after, limit=limit)
        except ServiceError as exc:
            show_error(self, exc)
            return []

    def reload(self) -> None:
        self.model.load()
        self._summary()

    def refresh(self) -> None:
        _reload_keeping(self.table, self.model)
        self._summary()

    def _summary(self) -> None:
        try:
            # the referrals the list draws from (its department and search; "Status" picks among them)
            counts = referrals.referral_counts(self.ctx.db, self.ctx.actor, department=self.department.currentData(),
                                               search=self.search.text())
        except ServiceError:
            return
        self.summary.setText(self.tr("{open} open referrals, {overdue} overdue").format(
            open=f"{counts['open']:,}", overdue=f"{counts['overdue']:,}"))

    def selected(self) -> referrals.ReferralInfo | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def select_referral(self, referral_id: int) -> None:
        for row, item in enumerate(self.model.rows):
            if item.id == referral_id:
                self.table.setCurrentIndex(self.model.index(row, 0))
                return

    def answer_selected(self) -> None:
        referral = self.selected()
        if self.ctx.actor.role not in WRITERS:
            return
        if referral is None:  # the button did nothing at all
            QMessageBox.information(self, self.tr("Referral"), self.tr("Select a referral in the list first."))
            return
        if referral.status not in rules.OPEN_REFERRAL_STATUSES:
            QMessageBox.information(self, self.tr("Referral"), self.tr("This referral is already closed."))
            return
        dialog = ReferralResultDialog(self.ctx, referral, self)
        if dialog.exec():
            self.refresh()

    def letter_selected(self) -> None:
        referral = self.selected()
        if referral is None:
            QMessageBox.information(self, self.tr("Referral"), self.tr("Select a referral in the list first."))
            return
        name = f"转介函_{referral.department_label}_{referral.head_name}.pdf"
        path = ask_save_path(self, self.tr("Save referral letter"), name, "pdf")
        if not path:
            return
        try:
            print_letter(self.ctx, referral.id, path)
        except (ServiceError, OSError) as exc:
            show_error(self, exc)

    def ask_export(self) -> None:
        department = self.department.currentData()
        if department is None:
            QMessageBox.information(self, self.tr("Export"), self.tr("Choose a department first."))
            self.department.setFocus()
            return
        label = self.department.currentText()
        path = ask_save_path(self, self.tr("Save referral list"), f"转介名单_{label}.xlsx")
        if path:
            self.export_department(department, path)

    def export_department(self, department: str, path: str) -> None:
        db, actor, status = self.ctx.db, self.ctx.actor, self.state.currentData()

        def work(progress: Any) -> int:
            return referrals.export_department_list(db, actor, department, path, status=status, progress=progress)

        def done(count: int) -> None:
            QMessageBox.information(self, self.tr("Export"),
                                    self.tr("Saved {count} referrals to {path}").format(count=count, path=path))

        run_in_background(self, work, done, label=self.tr("Writing the referral list…"))


# -- the page --------------------------------------------------------------------------------------

class BoardPage(QWidget):
    """Key "board" in pages.py: 看板, 走访, 转介."""

    LIVE_TOPICS = frozenset({"board", "households", "visits", "referrals", "applications", "assessments",
                             "clues", "*"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.tabs = QTabWidget()
        self.board = BoardTab(ctx, self)
        self.visits = VisitsTab(ctx, self)
        self.referrals = ReferralsTab(ctx, self)
        self.tabs.addTab(self.board, self.tr("&Board"))
        self.tabs.addTab(self.visits, self.tr("&Visits"))
        self.tabs.addTab(self.referrals, self.tr("Re&ferrals"))
        layout.addWidget(self.tabs)
        self._stale: set[QWidget] = set()
        self._pending: set[tuple[str, int]] = set()
        self._live_timer = debounce(self, self._apply_changes, 250)
        ctx.changes.changed.connect(self._on_change)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_if_stale())
        self.board.reload()
        self._stale |= {self.visits, self.referrals}  # loaded when first shown

    # -- live updates --------------------------------------------------------------------------------
    def _on_change(self, topic: str, ident: int) -> None:
        if topic in self.LIVE_TOPICS:
            self._pending.add((topic, ident))
            self._live_timer.start()

    def _apply_changes(self) -> None:
        topics = {t for t, _ in self._pending}
        self._pending.clear()
        tabs: set[QWidget] = {self.board}
        if topics & {"visits", "board", "households", "*"}:
            tabs.add(self.visits)
        if topics & {"referrals", "households", "*"}:
            tabs.add(self.referrals)
        self._stale |= tabs
        self._refresh_if_stale()

    def _refresh_if_stale(self) -> None:
        current = self.tabs.currentWidget()
        if current in self._stale and self.isVisible():
            self._stale.discard(current)
            getattr(current, "live_refresh", getattr(current, "refresh", None))()

    def showEvent(self, event) -> None:  # noqa: N802, ANN001
        super().showEvent(event)
        self._refresh_if_stale()

    # -- entry points for other pages ----------------------------------------------------------------
    def show_list(self, what: str) -> None:
        """The visits or referrals tab listing one state ("visits_due", "visits_overdue", "referrals_open",
        "referrals_overdue": from 今日工作), its other filters back to all so that the list is the count's."""
        tab_name, _, state = what.partition("_")
        tab: VisitsTab | ReferralsTab = self.visits if tab_name == "visits" else self.referrals
        others = (tab.region,) if isinstance(tab, VisitsTab) else (tab.department,)
        with quietly(tab.state, tab.search, *others):
            choose(tab.state, state)
            tab.search.clear()
            for combo in others:
                combo.setCurrentIndex(0)
        self._stale.discard(tab)  # loaded below, once
        self.tabs.setCurrentWidget(tab)
        tab.reload()

    def refer_household(self, household_id: int, assessment_id: int | None = None, need: str = "", *,
                        show: bool = True) -> None:
        """Open the referral form for a household (from a card, a household, an assessment or a visit).
        ``show``: go to the referral in the referral list afterwards; a visit round stays where it is."""
        try:
            form = ReferralForm(self.ctx, household_id, self, assessment_id=assessment_id, need=need)
        except ServiceError as exc:
            show_error(self, exc)
            return
        if form.exec() and form.referral is not None:
            self.referrals.refresh()
            self.board.refresh()
            if show:
                self.tabs.setCurrentWidget(self.referrals)
                self.referrals.select_referral(form.referral.id)

    def record_visit(self, household_id: int) -> None:
        try:
            form = VisitForm(self.ctx, household_id, self)
        except ServiceError as exc:
            show_error(self, exc)
            return
        if form.exec():
            self.board.refresh()
            self.visits.refresh()
            if form.refer_after.isChecked() and form.result_visit is not None:
                self.refer_household(household_id, need=form.result_visit.findings, show=False)

    def show_household(self, household_id: int) -> None:
        self.tabs.setCurrentWidget(self.board)
        self.board.select_household(household_id)
