"""Discovery (先发现): the clue inbox, department-list and household-register imports, import history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QDate,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.rules.codes import CATEGORY_LABELS, STAGE_LABELS, Role
from desktop.services import clues
from desktop.services import department_import as di
from desktop.services.clues import ClueFilter, ClueInfo
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.services.progress import Progress
from desktop.views.clue_form import AssignDialog, CloseClueDialog, ClueForm, ReopenClueDialog, fill_regions
from desktop.views.combos import choose, quietly, refill
from desktop.views.context import AppContext
from desktop.views.dates import day_edit
from desktop.views.errors import show_error
from desktop.views.flow import FlowRow, field_width
from desktop.views.full_ids import FullIdViewLog
from desktop.views.import_wizard import SPREADSHEET_FILTER, SPREADSHEET_SUFFIXES, RowsTableModel
from desktop.views.keys import shortcut_for
from desktop.views.operations import BackgroundOperation, BusyDialog, run_busy, run_in_background
from desktop.views.save_as import ask_save_path, export_in_background, with_suffix
from desktop.views.screens import resize_to_fit
from desktop.views.table_model import ColumnChooser, CutNote, PagedTableModel, columns_button, read_only_table
from desktop.views.timing import WhenShown, debounce

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

STATUS_COLOURS = {"new": "#c0392b", "assigned": "#b9770e", "investigating": "#1f618d", "closed": "#555555"}


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())



def _esc(text: str) -> str:
    """Plain text for the clue detail's HTML."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ClueTableModel(PagedTableModel[ClueInfo]):
    """Clues newest first, fetched a page at a time as the user scrolls (keyset paging)."""

    COLUMNS = (QT_TRANSLATE_NOOP("ClueTableModel", "No."), QT_TRANSLATE_NOOP("ClueTableModel", "Found on"),
               QT_TRANSLATE_NOOP("ClueTableModel", "Person"), QT_TRANSLATE_NOOP("ClueTableModel", "ID number"),
               QT_TRANSLATE_NOOP("ClueTableModel", "Source"), QT_TRANSLATE_NOOP("ClueTableModel", "Channel"),
               QT_TRANSLATE_NOOP("ClueTableModel", "Region"), QT_TRANSLATE_NOOP("ClueTableModel", "Status"),
               QT_TRANSLATE_NOOP("ClueTableModel", "Outcome"))

    @property
    def PAGE_SIZE(self) -> int:  # type: ignore[override]  # noqa: N802
        return clues.PAGE_SIZE  # the service's page, whatever it is set to

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self._page, parent)
        self.ctx = ctx
        self.filter = ClueFilter()

    def _page(self, before_id: int | None, limit: int) -> list[ClueInfo]:
        return clues.list_clues(self.ctx.db, self.ctx.actor, self.filter, before_id=before_id, limit=limit)

    def key(self, row: ClueInfo) -> int:
        return row.id

    def show(self, flt: ClueFilter) -> None:
        """The first page of the clues ``flt`` selects."""
        self.filter = flt
        self.load()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        c = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 8:
                return c.outcome_text  # "(待受理申请)" while the application it started is not accepted
            return (str(c.id), c.reported_on.isoformat(), c.person_name, c.id_number, c.source_label,
                    c.channel_label, c.region_name or self.tr("(unassigned)"), c.status_label)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 7:
            return QColor(STATUS_COLOURS.get(c.status, "#000000"))
        if role == Qt.ItemDataRole.ForegroundRole and column == 8 and c.awaits_application:
            return QColor("#b35c00")
        if role == Qt.ItemDataRole.UserRole:
            return c
        return None

    def clue(self, row: int) -> ClueInfo:
        return self.rows[row]


class ClueInboxTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.can_write = ctx.actor.may_write
        self.last_assigned_region: int | None = None  # the assign dialog starts there the next time
        self._full_ids = FullIdViewLog(ctx.actor, self)
        self.assigning: BackgroundOperation | None = None  # clues being assigned, off the UI thread
        layout = QVBoxLayout(self)

        # -- filters -------------------------------------------------------------------------
        filters = FlowRow()  # the filters and buttons wrap onto a second line on a narrow screen
        self.status = QComboBox()
        self.status.addItem(self.tr("Open clues"), ("new", "assigned", "investigating"))
        self.status.addItem(self.tr("All statuses"), ())
        for status in clues.STATUSES:
            self.status.addItem(clues.STATUS_LABELS[status], (status,))
        self.source = QComboBox()
        self._fill_sources()
        self.region = QComboBox()
        self._fill_regions()
        self.use_dates = QCheckBox(self.tr("&Found"))
        today = date.today()
        self.date_from = day_edit(date(today.year, 1, 1))
        self.date_to = day_edit(today)
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(False)
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Name or ID number"))
        self.text.setClearButtonEnabled(True)
        for widget in (self.status, self.source, self.region):
            widget.currentIndexChanged.connect(self.refresh)
        self.use_dates.toggled.connect(self.refresh)
        self.date_from.dateChanged.connect(self.refresh)
        self.date_to.dateChanged.connect(self.refresh)
        self._text_timer = debounce(self, self.refresh, 300)
        self.text.textChanged.connect(self._text_timer.start)
        for text, combo in ((self.tr("Stat&us:"), self.status), (self.tr("Sou&rce:"), self.source),
                            (self.tr("Re&gion:"), self.region)):
            label = QLabel(text)
            label.setBuddy(combo)  # Alt and the letter go to the filter
            filters.add_pair(label, combo)
        filters.addWidget(self.use_dates)
        # Each date box has its Alt key (Tab from the check box was the only way in); the labels grey
        # out with the boxes while no dates are chosen.
        for text, edit in ((self.tr("&since"), self.date_from), (self.tr("&to"), self.date_to)):
            label = QLabel(text)
            label.setBuddy(edit)
            label.setEnabled(False)
            self.use_dates.toggled.connect(label.setEnabled)
            filters.add_pair(label, edit)
        label = QLabel(self.tr("Na&me or ID:"))
        label.setBuddy(self.text)
        self.text.setMinimumWidth(field_width(self.text, "0" * 18))
        filters.add_pair(label, self.text, 1)
        layout.addLayout(filters)

        # -- actions -------------------------------------------------------------------------
        bar = FlowRow()
        self.new_button = QPushButton(self.tr("&New clue…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.assign_button = QPushButton(self.tr("&Assign…"))
        self.investigate_button = QPushButton(self.tr("Start &investigation"))
        self.close_button = QPushButton(self.tr("&Close with outcome…"))
        self.reopen_button = QPushButton(self.tr("Re&open…"))
        self.reopen_button.setToolTip(self.tr("Reopen a clue closed by mistake or too early (the reason is "
                                              "kept in the log)"))
        self.household_button = QPushButton(self.tr("Open &household"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setToolTip(self.tr("Save every clue under the filters as an Excel work list "
                                              "(ID numbers as your role sees them; the export is logged)"))
        # The columns shown are the user's to choose (also a right click on the header), as in 家庭档案;
        # in this bar, not the filters': there the name box needs the room.
        self.columns_button = columns_button(self.tr("Co&lumns…"))
        self.new_button.clicked.connect(self.new_clue)
        self.edit_button.clicked.connect(self.edit_clue)
        self.assign_button.clicked.connect(self.assign)
        self.investigate_button.clicked.connect(self.investigate)
        self.close_button.clicked.connect(self.close_clue)
        self.reopen_button.clicked.connect(self.reopen_clue)
        self.household_button.clicked.connect(self.open_household)
        self.export_button.clicked.connect(lambda: self.export())
        for button in (self.new_button, self.edit_button, self.assign_button, self.investigate_button,
                       self.close_button, self.reopen_button, self.household_button, self.export_button,
                       self.columns_button):
            bar.addWidget(button)
        bar.addStretch(1)
        self.counts = QLabel()
        # on two lines (refresh) rather than widening the page past 1366 pixels: eight buttons leave little room
        self.counts.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.counts, 1)
        layout.addLayout(bar)
        # What the last action did: an assigned or closed clue may leave the filtered list at once.
        self.message = QLabel()
        self.message.setStyleSheet("color: #2e7d32;")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        shortcut_for(self.new_button, QKeySequence.StandardKey.New)  # named in its tool tip
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)

        # -- table and detail ----------------------------------------------------------------
        self.model = ClueTableModel(ctx, self)
        self.table = read_only_table(self.model, widths=(56, 92, 80, 150, 110, 80, 90, 70), empty=self.tr(
            "No clue matches the filters above. Change the status, source, region or dates "
            "(closed clues are under “All statuses”); a new clue is entered with “New clue”."))  # several for bulk assign
        # 当事人 and 身份证号 say whose clue it is: always shown.
        self.columns = ColumnChooser(self.table, "clues", ctx.actor.username, essential=(2, 3),
                                     button=self.columns_button)
        self.table.activated.connect(lambda _: self.edit_clue())  # Enter or double-click
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(
            lambda pos: self.context_menu().exec(self.table.viewport().mapToGlobal(pos)))
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._link_clicked)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        if not self.can_write:
            for button in (self.new_button, self.edit_button, self.assign_button, self.investigate_button,
                           self.close_button, self.reopen_button):
                button.hide()
        self._changed_topics: set[str] = set()
        self._live = WhenShown(self, self._apply_changes)
        ctx.changes.changed.connect(self._changed)
        self.refresh()

    def _fill_sources(self) -> None:
        """The source filter: each level, its sources, and after the nine departments those outside
        them that have sent lists (公安局 …), filled again when a batch comes or goes."""
        try:
            others = di.other_departments(self.ctx.db, self.ctx.actor)
        except ServiceError:
            others = []
        items: list[tuple[str, object]] = [(self.tr("All sources"), "")]
        for level, label, sources in clues.source_choices(others):
            items.append((label, f"{level}|"))
            items += [("    " + source_label, f"{level}|{code}") for code, source_label in sources]
        refill(self.source, items)

    def _fill_regions(self) -> bool:
        """The region filter, filled again when regions change (系统设置 → 区划管理). False when the
        region chosen is gone."""
        unassigned = (self.tr("Unassigned"), -1) if clues.sees_unassigned(self.ctx.actor) else None
        try:
            return fill_regions(self.region, self.ctx, blank=self.tr("All regions"), extra=unassigned)
        except ServiceError:
            return True

    def show_status(self, status: str) -> None:
        """Every clue of one status: the other filters back to all, so that the count 今日工作 gave is the list's."""
        with quietly(self.status, self.source, self.region, self.use_dates, self.text):
            choose(self.status, (status,))
            self.source.setCurrentIndex(0)
            self.region.setCurrentIndex(0)
            self.use_dates.setChecked(False)
            self.text.clear()
        self.refresh()

    # -- data ----------------------------------------------------------------------------------
    def current_filter(self) -> ClueFilter:
        level, _, source = (self.source.currentData() or "").partition("|")
        region = self.region.currentData()
        return ClueFilter(
            statuses=tuple(self.status.currentData() or ()), source_level=level or None, source=source or None,
            region_id=region if region not in (None, -1) else None, unassigned_only=region == -1,
            date_from=_pydate(self.date_from.date()) if self.use_dates.isChecked() else None,
            date_to=_pydate(self.date_to.date()) if self.use_dates.isChecked() else None,
            text=self.text.text())

    def refresh(self) -> None:
        selected = {c.id for c in self.selected()}
        scroll = self.table.verticalScrollBar().value()
        flt = self.current_filter()
        try:
            self.model.show(flt)
            counts = clues.count_clues(self.ctx.db, self.ctx.actor, flt)
        except ServiceError as exc:
            show_error(self, exc)
            return
        rows = sum(counts.by_status.get(s, 0) for s in flt.statuses or clues.STATUSES)
        self._full_ids.shown(flt, lambda: clues.log_list_view(self.ctx.db, self.ctx.actor, flt, rows))
        parts = [f"{clues.STATUS_LABELS[s]} {counts.by_status.get(s, 0)}" for s in clues.STATUSES]
        if clues.sees_unassigned(self.ctx.actor):
            parts.append(self.tr("unassigned {n}").format(n=counts.unassigned))
        half = (len(parts) + 1) // 2
        self.counts.setText("  ·  ".join(parts[:half]) + "\n" + "  ·  ".join(parts[half:]))
        selection = self.table.selectionModel()
        for row, clue in enumerate(self.model.rows):
            if clue.id in selected:
                selection.select(self.model.index(row, 0), selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)
        self.table.verticalScrollBar().setValue(scroll)
        self._selection_changed()

    def _changed(self, topic: str, _ident: int) -> None:
        # an application accepted (or the household moved on the board) ends a clue's "awaiting application"
        if topic in ("import_batches", "regions", "clues", "households", "applications", "board", "*"):
            self._changed_topics.add(topic)
            self._live()  # now when shown; else once the inbox is shown again

    def _apply_changes(self) -> None:
        topics, self._changed_topics = self._changed_topics, set()
        if topics & {"import_batches", "*"}:
            self._fill_sources()
        again = bool(topics & {"clues", "households", "applications", "board", "*"})
        if topics & {"regions", "*"} and not self._fill_regions():
            again = True  # the region chosen is gone: all regions now
        if again:
            self.refresh()

    def selected(self) -> list[ClueInfo]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.clue(r) for r in rows if r < len(self.model.rows)]

    def _selection_changed(self) -> None:
        chosen = self.selected()
        single = chosen[0] if len(chosen) == 1 else None
        open_ = [c for c in chosen if c.status != "closed"]
        free = self.assigning is None  # the clues being assigned are not changed meanwhile
        self.edit_button.setEnabled(free and single is not None and single.status != "closed")
        self.assign_button.setEnabled(free and bool(open_) and len(open_) == len(chosen))
        self.investigate_button.setEnabled(free and single is not None and single.status in ("new", "assigned"))
        self.close_button.setEnabled(free and single is not None and single.status != "closed")
        self.reopen_button.setEnabled(free and self.can_write and single is not None and single.status == "closed")
        self.household_button.setEnabled(single is not None and single.household_id is not None)
        self.detail.setHtml(self._detail_html(single, len(chosen), [c for c in chosen if c.status == "closed"]))

    def _detail_html(self, c: ClueInfo | None, n: int, closed: list[ClueInfo] | None = None) -> str:
        if c is None:
            if n and closed:  # why 分派 is greyed out: say which ones to leave out
                shown = "、".join(f"#{x.id}" for x in closed[:20]) + ("…" if len(closed) > 20 else "")
                return self.tr("<p style='color:#666'>{n} clues selected.</p><p>{k} of them are closed ({ids}) "
                               "and cannot be assigned: leave them out of the selection to assign the rest.</p>"
                               ).format(n=n, k=len(closed), ids=shown)
            if n:
                return self.tr("<p style='color:#666'>{n} clues selected.</p>").format(n=n)
            return self.tr("<p style='color:#666'>Select a clue to see who reported what, and when. "
                           "A new one is recorded with “New clue…”.</p>")

        rows = [
            (self.tr("Person"), f"{_esc(c.person_name)} {_esc(c.id_number)}"),
            (self.tr("Phone / address"), f"{_esc(c.phone)} {_esc(c.address)}"),
            (self.tr("Source"), f"{_esc(c.source_label)}({_esc(clues.SOURCE_LEVEL_LABELS.get(c.source_level, ''))})"
                                f" {_esc(c.channel_label)}"),
            (self.tr("Reported by"), _esc(c.reported_by)),
            (self.tr("Region"), _esc(c.region_name) or self.tr("(unassigned)")),
            (self.tr("Status"), _esc(c.status_label) + (f" — {_esc(c.outcome_text)} {c.closed_on}"
                                                       if c.outcome else "")),
        ]
        if c.status == "closed":
            rows.extend(self._closing_rows(c))
        else:
            rows.extend(self._reopening_rows(c))
        if c.household_id:
            rows.append((self.tr("Household"), f"{_esc(c.household_code) or f'#{c.household_id}'} "
                                               f"{_esc(c.household_head)} {_esc(c.household_stage_label)} "
                                               f"{_esc(c.household_category_label)}"))
        if c.awaits_application:
            text = self.tr("not accepted yet: the household is in “applying”, awaiting its application")
            accept = self.tr("Accept the application…")
            link = f" <a href='#apply'>{accept}</a>" if self.can_write else ""
            rows.append((self.tr("Application"), f"<span style='color:#b35c00'>{text}</span>{link}"))
        if c.batch_id:
            rows.append((self.tr("Import batch"), f"#{c.batch_id}"))
        table = "".join(f"<tr><td style='color:#666;padding-right:12px'>{k}</td><td>{v}</td></tr>" for k, v in rows)
        title = self.tr("Clue #{id}").format(id=c.id)
        link = self.tr("Reopen this clue…")
        reopen = f"<p><a href='#reopen'>{link}</a></p>" if c.status == "closed" and self.can_write else ""
        return (f"<h3>{title} · {c.reported_on}</h3><table>{table}</table>"
                f"<p>{_esc(c.description).replace(chr(10), '<br>')}</p>{reopen}")

    def _link_clicked(self, url: QUrl) -> None:
        if url.toString() == "#reopen":
            self.reopen_clue()
        elif url.toString() == "#apply":
            self.accept_application()

    def accept_application(self) -> None:
        """The application a clue closed as "check passed" started, not accepted yet: accept it now."""
        chosen = self.selected()
        if len(chosen) == 1 and chosen[0].awaits_application and chosen[0].household_id is not None:
            self.ctx.nav.applyForHousehold.emit(chosen[0].household_id)

    def _closing_rows(self, c: ClueInfo) -> list[tuple[str, str]]:
        """Who closed the clue, when, and the outcome note written then."""
        try:
            closing = clues.clue_closing(self.ctx.db, self.ctx.actor, c.id)
        except ServiceError:
            return []  # the list is refreshed by the change feed; the rest of the detail stands
        if closing is None:
            return []
        when = closing.closed_at.astimezone().strftime("%Y-%m-%d %H:%M") if closing.closed_at else ""
        by = f"{_esc(closing.closed_by)} {when}".strip() or self.tr("(not recorded)")
        note = _esc(closing.note).replace(chr(10), "<br>") if closing.note else self.tr("(none written)")
        return [(self.tr("Closed by"), by), (self.tr("Closing note"), note)]

    def _reopening_rows(self, c: ClueInfo) -> list[tuple[str, str]]:
        """For a clue reopened after a closing: who reopened it, when, why, and how it had been closed."""
        try:
            reopening = clues.clue_reopening(self.ctx.db, self.ctx.actor, c.id)
        except ServiceError:
            return []
        if reopening is None:
            return []
        when = reopening.reopened_at.astimezone().strftime("%Y-%m-%d %H:%M")
        was = f"{_esc(reopening.outcome_label)} {reopening.closed_on or ''}".strip()
        return [(self.tr("Reopened by"), f"{_esc(reopening.reopened_by)} {when}"),
                (self.tr("Reason for reopening"), _esc(reopening.reason).replace(chr(10), "<br>")),
                (self.tr("Closed before as"), was or self.tr("(not recorded)"))]

    # -- actions -------------------------------------------------------------------------------
    def new_clue(self) -> None:
        if not self.can_write:
            return
        form = ClueForm(self.ctx, self)
        if form.exec():
            self.refresh()

    def edit_clue(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1 or not self.can_write:
            return
        if chosen[0].status == "closed":
            return
        try:
            form = ClueForm(self.ctx, self, chosen[0].id)
        except ServiceError as exc:
            show_error(self, exc)
            return
        if form.exec():
            self.refresh()

    def assign(self) -> None:
        chosen = self.selected()
        if not chosen or self.assigning is not None:
            return
        regions = {c.region_id for c in chosen}
        dialog = AssignDialog(self.ctx, len(chosen), self, now_in=regions.pop() if len(regions) == 1 else None,
                              last=self.last_assigned_region)
        if not dialog.exec() or dialog.region_id() is None or self.assigning is not None:
            return
        region_id = self.last_assigned_region = dialog.region_id()
        region_name = dialog.region.currentText().strip()
        db, actor = self.ctx.db, self.ctx.actor
        ids, versions = [c.id for c in chosen], {c.id: c.version for c in chosen}

        def done(n: int) -> None:
            self.assigning = None
            self.ctx.changes.publish("clues", 0)
            self._live.flush()  # assigned while another page was shown: the inbox is current all the same
            self.tell(self.tr("{n} clue(s) assigned to {region}: they are listed under “Assigned”.").format(
                n=n, region=region_name))

        def failed(exc: BaseException) -> None:
            self.assigning = None
            show_error(self, exc)
            self.refresh()

        # one audit entry and one version check per clue: a selection of thousands takes a while
        self.assigning = run_busy(self, self.assign_button, self.tr("Assigning…"),
                                  lambda: clues.assign_clues(db, actor, ids, region_id, versions=versions),
                                  done, on_error=failed, hold=(self.edit_button, self.investigate_button,
                                                               self.close_button, self.reopen_button))

    def maybe_close(self) -> bool:
        """The window is not closed under clues still being assigned."""
        if self.assigning is None:
            return True
        QMessageBox.information(self, self.tr("Clue inbox"), self.tr(
            "The selected clues are still being assigned. Close the window again when that is done."))
        return False

    def investigate(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        try:
            clues.start_investigation(self.ctx.db, self.ctx.actor, chosen[0].id, expected_version=chosen[0].version)
        except ServiceError as exc:
            show_error(self, exc)
            self.refresh()
            return
        self.ctx.changes.publish("clues", chosen[0].id)
        self._live.flush()
        self.tell(self.tr("Clue #{id} ({name}): investigation started; it is listed under “Investigating”.").format(
            id=chosen[0].id, name=chosen[0].person_name))

    def close_clue(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        clue = chosen[0]
        dialog = CloseClueDialog(clue, self)
        result = self._until_done(dialog, lambda: clues.close_clue(
            self.ctx.db, self.ctx.actor, clue.id, dialog.outcome() or "", expected_version=clue.version,
            closed_on=dialog.closed_date(), note=dialog.note.text()))
        if result is None:
            return
        outcome = result.outcome
        self.ctx.changes.publish("clues", clue.id)
        told = self.tr("Clue #{id} ({name}) was closed: {outcome}.").format(
            id=clue.id, name=clue.person_name, outcome=clues.OUTCOME_LABELS.get(outcome, outcome))
        if result.other_open_clue_id is not None:
            told += "\n" + self.tr("Clue #{id} about this person is still open.").format(id=result.other_open_clue_id)
        self.tell(told)
        if result.household_id is not None and (result.to_stage or result.from_stage) is not None:  # moved on the board
            self.ctx.changes.publish("board", result.household_id)
            if result.household_created:
                self.ctx.changes.publish("households", result.household_id)
        self._live.flush()
        if result.start_application and result.household_id is not None:
            self.ctx.nav.applyForHousehold.emit(result.household_id)

    def reopen_clue(self) -> None:
        """Reopen the selected closed clue after saying what happens to it and asking why."""
        chosen = self.selected()
        if len(chosen) != 1 or chosen[0].status != "closed" or not self.can_write:
            return
        clue = chosen[0]
        try:
            plan = clues.reopen_plan(self.ctx.db, self.ctx.actor, clue.id)
        except ServiceError as exc:
            show_error(self, exc)
            self.refresh()
            return
        if plan.refusal:
            show_error(self, ValidationFailed(plan.refusal))
            return
        dialog = ReopenClueDialog(plan, self)
        done = self._until_done(dialog, lambda: clues.reopen_clue(
            self.ctx.db, self.ctx.actor, clue.id, reason=dialog.reason.text(), expected_version=clue.version))
        if done is None:
            return
        self.ctx.changes.publish("clues", clue.id)
        if done.moves_household and done.household_id is not None:
            self.ctx.changes.publish("board", done.household_id)
        self._live.flush()
        self.tell(self.tr("Clue #{id} ({name}) was reopened: it is listed under “{status}”. {effect}").format(
            id=clue.id, name=clue.person_name, status=done.returns_to_label, effect=done.effect))

    def context_menu(self) -> QMenu:
        """The inbox buttons that apply to the selection, on the table's right-click menu."""
        menu = QMenu(self)
        for button in (self.edit_button, self.assign_button, self.investigate_button, self.close_button,
                       self.reopen_button, self.household_button):
            if button.isHidden():
                continue
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        return menu

    def _until_done(self, dialog: QDialog, attempt: Callable[[], T]) -> T | None:
        """Show ``dialog`` until ``attempt`` succeeds or the user cancels (None). A refusal of the input
        shows the dialog again as it was filled in (the note or reason typed is not lost); any other
        refusal (a conflict, the clue gone) ends it and reloads the list."""
        while True:
            if not dialog.exec():
                return None
            try:
                return attempt()
            except ValidationFailed as exc:
                show_error(self, exc)
            except ServiceError as exc:
                show_error(self, exc)
                self.refresh()
                return None

    def tell(self, text: str) -> None:
        self.last_message = text
        self.message.setText(text)
        self.message.show()

    def export(self, path: str | None = None) -> BackgroundOperation | None:
        """Every clue under the filters (not only the rows loaded so far) to an xlsx work list."""
        if self.model.rowCount() == 0:
            QMessageBox.information(self, self.tr("Export clues"),
                                    self.tr("No clue matches the filters: there is nothing to export."))
            return None
        if path is None:
            path = ask_save_path(self, self.tr("Export clues"), self.tr("clues-{date}.xlsx"))
            if path is None:
                return None
        db, actor, flt, target = self.ctx.db, self.ctx.actor, self.current_filter(), path

        def work(progress: Progress) -> int:
            return clues.export_clues(db, actor, flt, target, progress)

        def done(n: int) -> None:
            self.tell(self.tr("Exported {n} clue(s) to {path}.").format(n=f"{n:,}", path=target))

        return export_in_background(self, self.export_button, work, done, self.tr("Exporting clues…"))

    def open_household(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1 and chosen[0].household_id:
            self.ctx.nav.openHousehold.emit(chosen[0].household_id)


class ImportLauncherTab(QWidget):
    """A short explanation and the button that starts an import (department list or household register)."""

    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        layout = QVBoxLayout(self)
        text = QLabel()
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        buttons = QHBoxLayout()
        if kind == "department":
            text.setText(self.tr(
                "<h3>Import a department list</h3><p>Departments (human resources, medical insurance, the disabled "
                "persons' federation …) send lists of people. The list is screened against the registry: people "
                "already receiving 低保 or 特困 are set aside; the others are known households (with their "
                "library class) or new people, who become clues for their sub-district or community.</p>"
                "<p>Reads .xlsx, .xls and .csv (UTF-8 or GBK). Title rows, merged headers, blank rows and the "
                "signature footer are handled; you can correct the column mapping before anything is written. "
                "A dry run writes nothing.</p>"))
            self.start = QPushButton(self.tr("&Import a department list…"))
            self.start.clicked.connect(lambda: self.open_wizard())
        else:
            text.setText(self.tr(
                "<h3>Import the household register</h3><p>The standard register template (one row per person; "
                "rows sharing 户编号 form one household) creates or updates households, members, incomes, "
                "expenses, the current assistance category and the library class. A household with any bad row "
                "is not imported at all; the errors are listed by row and column.</p>"))
            self.start = QPushButton(self.tr("&Import a household register…"))
            self.start.clicked.connect(lambda: self.open_register())
            self.template = QPushButton(self.tr("Save the empty &template…"))
            self.template.clicked.connect(self.save_template)
            buttons.addWidget(self.template)
        buttons.insertWidget(0, self.start)
        buttons.addStretch(1)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Earlier imports of this kind:")))
        self.batches = ImportHistoryTab(ctx, self, kind=di.KIND if kind == "department" else "households")
        layout.addWidget(self.batches, 1)
        if ctx.actor.role in (Role.SUPERVISOR, Role.COMMUNITY_WORKER):
            self.start.setEnabled(False)
            self.start.setToolTip(self.tr("Imports are done by district or sub-district staff."))
        else:
            self.setAcceptDrops(True)  # a file dragged here from Explorer or a mail starts the import
            text.setToolTip(self.tr("You can also drag the file onto this page."))

    # -- a file dropped on the page -------------------------------------------------------------
    @staticmethod
    def dropped_file(mime: QMimeData) -> str | None:
        """The one local spreadsheet being dragged, if that is what it is."""
        urls = [u for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
        if len(urls) != 1:
            return None
        path = urls[0].toLocalFile()
        return path if Path(path).suffix.lower() in SPREADSHEET_SUFFIXES else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = self.dropped_file(event.mimeData())
        if path is None:
            return
        event.acceptProposedAction()
        # After the drop has finished: a modal dialog opened inside the drop would hold Explorer's drag.
        QTimer.singleShot(0, self, lambda: self.open_wizard(path) if self.kind == "department" else self.open_register(path))

    def open_wizard(self, path: str = "") -> None:
        from desktop.views.import_wizard import DepartmentImportWizard

        wizard = DepartmentImportWizard(self.ctx, self)
        if path:
            wizard.file_page.path.setText(path)
        wizard.exec()

    def open_register(self, path: str = "") -> None:
        from desktop.views.register_import import RegisterImportDialog

        dialog = RegisterImportDialog(self.ctx, self)
        if path:
            dialog.path.setText(path)
        dialog.exec()

    def save_template(self) -> None:
        from desktop.views.register_import import save_template

        save_template(self)


class BatchRowsDialog(BusyDialog):
    """The rows of one department batch with what screening made of them; assign rows in bulk.

    Assigning runs off the UI thread (every row without a region of a list of 100,000, with their
    clues); the rows shown hold still meanwhile, and closing the dialog waits for it."""

    tell_after_closing = True  # the rows were assigned all the same: the other pages are told

    PAGE = 500

    def __init__(self, ctx: AppContext, batch: di.BatchInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.batch = batch
        self._full_ids = FullIdViewLog(ctx.actor, self)
        self.rows: list[di.BatchRow] = []
        self.setWindowTitle(self.tr("Batch #{id}: {file}").format(id=batch.id, file=batch.file_name))
        resize_to_fit(self, 1000, 640)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.outcome = QComboBox()
        self.outcome.addItem(self.tr("All rows"), None)
        self.outcome.addItem(self.tr("Not in assistance (known and new)"), ("known", "new"))
        self.outcome.addItem(self.tr("Not in assistance, without a region"), "unassigned")
        for code in di.OUTCOMES:
            self.outcome.addItem(di.OUTCOME_LABELS[code], code)
        self.outcome.currentIndexChanged.connect(self.reload)
        label = QLabel(self.tr("&Show:"))
        label.setBuddy(self.outcome)
        top.addWidget(label)
        top.addWidget(self.outcome)
        top.addStretch(1)
        self.counts = QLabel()
        top.addWidget(self.counts)
        layout.addLayout(top)
        self.model = RowsTableModel(parent=self)
        self.table = read_only_table(self.model, empty=self.tr("No row of this batch is shown by “Show”."))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalScrollBar().valueChanged.connect(self._maybe_more)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.region = QComboBox()
        fill_regions(self.region, ctx)
        self.assign_selected = QPushButton(self.tr("Assign s&elected rows"))  # &S is 显示
        self.assign_unassigned = QPushButton(self.tr("Assign &all rows without a region"))
        self.assign_selected.clicked.connect(lambda: self.assign(selected=True))
        self.assign_unassigned.clicked.connect(lambda: self.assign(selected=False))
        for button in (self.assign_selected, self.assign_unassigned):
            button.setAutoDefault(False)  # Enter on a row assigned the rows selected to the region shown
        assign_label = QLabel(self.tr("Assign &to:"))
        assign_label.setBuddy(self.region)
        bottom.addWidget(assign_label)
        bottom.addWidget(self.region)
        bottom.addWidget(self.assign_selected)
        bottom.addWidget(self.assign_unassigned)
        bottom.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.cancel_button.setDefault(True)  # Enter closes, as Esc; assigns nothing
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        if batch.kind != di.KIND or ctx.actor.role not in di.IMPORTERS:
            for widget in (self.region, self.assign_selected, self.assign_unassigned):
                widget.setEnabled(False)
        self.reload()

    def _fetch(self, offset: int) -> list[di.BatchRow]:
        wanted = self.outcome.currentData()
        if wanted == "unassigned":
            return di.list_batch_rows(self.ctx.db, self.ctx.actor, self.batch.id, offset=offset, limit=self.PAGE,
                                      unassigned_only=True)
        return di.list_batch_rows(self.ctx.db, self.ctx.actor, self.batch.id, wanted, offset=offset, limit=self.PAGE)

    def reload(self) -> None:
        try:
            self.rows = self._fetch(0)
            counts = di.count_batch_rows(self.ctx.db, self.ctx.actor, self.batch.id)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self._more = len(self.rows) >= self.PAGE
        wanted = self.outcome.currentData()
        shown = counts.get("unassigned", 0) if wanted == "unassigned" else sum(
            counts.get(k, 0) for k in ([wanted] if isinstance(wanted, str) else wanted or di.OUTCOMES))
        self._full_ids.shown(wanted, lambda: di.log_rows_view(self.ctx.db, self.ctx.actor, self.batch.id, wanted, shown))
        self.counts.setText("  ·  ".join(f"{di.OUTCOME_LABELS[k]} {counts.get(k, 0)}" for k in di.OUTCOMES)
                            + "  ·  " + self.tr("without a region {n}").format(n=counts.get("unassigned", 0)))
        self._show()

    def _maybe_more(self, value: int) -> None:
        bar = self.table.verticalScrollBar()
        if self._more and value >= bar.maximum() - 5:
            page = self._fetch(len(self.rows))
            self._more = len(page) >= self.PAGE
            self.rows.extend(page)
            self._show(keep_scroll=True)

    def _show(self, keep_scroll: bool = False) -> None:
        scroll = self.table.verticalScrollBar().value()
        headers = [self.tr("Row"), self.tr("Name"), self.tr("ID number"), self.tr("Result"), self.tr("Reason"),
                   self.tr("Region"), self.tr("Library"), self.tr("Open clue / application")]
        table, colours = [], []
        for r in self.rows:
            stage = STAGE_LABELS.get(r.household_stage, "") if r.household_stage else ""
            category = CATEGORY_LABELS.get(r.household_category, "") if r.household_category else ""
            opened = []
            if r.open_clue_id:
                opened.append(self.tr("clue #{id}").format(id=r.open_clue_id))
            if r.open_application_id:
                opened.append(self.tr("application #{id}").format(id=r.open_application_id))
            number = r.id_number or r.raw_id
            table.append([r.row_number, r.name, number, r.outcome_label, r.reason_label, r.region_name,
                          " ".join(x for x in (stage, category if category != "无" else "") if x), ", ".join(opened)])
            colours.append("#c0392b" if r.outcome in ("invalid", "duplicate") else
                           "#888888" if r.outcome == "in_assistance" else None)
        self.model.set_rows(headers, table, colours)
        if keep_scroll:
            self.table.verticalScrollBar().setValue(scroll)
        else:
            self.table.resizeColumnsToContents()

    def assign(self, *, selected: bool) -> None:
        region_id = self.region.currentData()
        if region_id is None or self.busy:
            return
        ids: list[int] | None = None
        if selected:
            picked = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
            ids = [self.rows[i].id for i in picked if self.rows[i].outcome in ("known", "new")]
            if not ids:
                QMessageBox.information(self, self.windowTitle(),
                                        self.tr("Select rows that are not in assistance (known or new) first."))
                return
        db, actor, batch_id = self.ctx.db, self.ctx.actor, self.batch.id

        def done(n: int) -> None:
            self.ctx.changes.publish("clues", 0)
            self.ctx.changes.publish("import_batches", batch_id)
            self.last_message = self.tr("{n} row(s) assigned.").format(n=n)
            self.reload()

        button = self.assign_selected if selected else self.assign_unassigned
        self.run_busy(button, self.tr("Assigning…"), lambda: di.assign_rows(db, actor, batch_id, ids, region_id),
                      done, lambda exc: show_error(self, exc),
                      hold=(self.region, self.assign_selected, self.assign_unassigned, self.outcome, self.table))


class ImportHistoryTab(QWidget):
    """Every imported batch: file, hash, counts and who imported it."""

    COLUMNS = (QT_TRANSLATE_NOOP("ImportHistoryTab", "Batch"), QT_TRANSLATE_NOOP("ImportHistoryTab", "Imported at"),
               QT_TRANSLATE_NOOP("ImportHistoryTab", "Kind"), QT_TRANSLATE_NOOP("ImportHistoryTab", "File"),
               QT_TRANSLATE_NOOP("ImportHistoryTab", "Data rows"), QT_TRANSLATE_NOOP("ImportHistoryTab", "Valid"),
               QT_TRANSLATE_NOOP("ImportHistoryTab", "Invalid"), QT_TRANSLATE_NOOP("ImportHistoryTab", "Duplicates"),
               QT_TRANSLATE_NOOP("ImportHistoryTab", "In assistance"), QT_TRANSLATE_NOOP("ImportHistoryTab", "Known"),
               QT_TRANSLATE_NOOP("ImportHistoryTab", "New"), QT_TRANSLATE_NOOP("ImportHistoryTab", "Without region"),
               QT_TRANSLATE_NOOP("ImportHistoryTab", "Imported by"))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, kind: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.batches: list[di.BatchInfo] = []
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.rows_button = QPushButton(self.tr("Show &rows…"))
        self.errors_button = QPushButton(self.tr("Save the &error workbook…"))
        self.undo_button = QPushButton(self.tr("&Undo this import…"))
        self.undo_button.setToolTip(self.tr("Remove a batch imported by mistake, with the clues it created, "
                                            "so that the file can be imported again"))
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.rows_button.clicked.connect(self.show_rows)
        self.errors_button.clicked.connect(self.save_errors)
        self.undo_button.clicked.connect(lambda: self.undo_import())
        self.refresh_button.clicked.connect(self.refresh)
        for button in (self.rows_button, self.errors_button, self.undo_button, self.refresh_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = RowsTableModel(parent=self)
        self.table = read_only_table(self.model, empty={
            di.KIND: self.tr("No department list has been imported yet: “Import a department list” reads "
                             "the spreadsheet a department sent."),
            "households": self.tr("No household register has been imported yet: “Import a household register” "
                                  "reads a file filled in on the standard template."),
        }.get(kind or "", self.tr("Nothing has been imported yet.")))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.activated.connect(lambda _: self.show_rows())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        if not di.counts_whole_batches(ctx.actor):
            self.table.horizontalHeader().setToolTip(self.tr(
                "The counts of a department list are those of its rows in your own regions, as “Show rows” "
                "shows them, not the whole file's."))
        layout.addWidget(self.table, 1)
        # The latest batches only, as long as the user has not asked for every one: the line says so.
        self.show_all = False
        cut_line = QHBoxLayout()
        self.cut_note = CutNote()
        self.all_button = QPushButton(self.tr("List &all batches"))
        self.all_button.clicked.connect(self.list_every_batch)
        self.all_button.hide()
        cut_line.addWidget(self.cut_note, 1)
        cut_line.addWidget(self.all_button)
        layout.addLayout(cut_line)
        self.hash_label = QLabel()
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.hash_label)
        self._live = WhenShown(self, lambda: self.refresh())
        ctx.changes.changed.connect(self._changed)
        self.refresh()

    def _changed(self, topic: str, _ident: int) -> None:
        if topic in ("import_batches", "*"):
            self._live()  # now when shown; else once the history is shown again

    def refresh(self) -> None:
        keep = self.selected()
        try:
            batches = di.list_batches(self.ctx.db, self.ctx.actor, self.kind,
                                      limit=None if self.show_all else di.BATCHES_SHOWN)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.batches = list(batches)
        # say so, how many there are, and how to see the rest
        self.cut_note.say(self.tr("Only the latest {n} batches are shown, of {total}: “List all batches” shows "
                                  "every one.").format(n=f"{len(batches):,}", total=f"{batches.total:,}")
                          if batches.truncated else "")
        self.all_button.setVisible(batches.truncated)
        rows = []
        for b in self.batches:
            c = b.counts or {}
            if b.kind == di.KIND:
                invalid = sum((c.get("invalid") or {}).values())
                numbers = [c.get("data_rows", ""), c.get("valid", ""), invalid, c.get("duplicates", ""),
                           c.get("in_assistance", ""), c.get("known", ""), c.get("new", ""), c.get("unassigned", "")]
                kind = self.tr("Department list: {dept}").format(dept=b.department_label)
            else:
                # rows as a list's: the person rows imported and those left out with their households
                # (batches before rows_rejected was kept: the number of errors)
                rejected = c.get("rows_rejected")
                valid = c["rows"] - rejected if rejected is not None and "rows" in c else ""
                numbers = [c.get("rows", ""), valid, c.get("errors", "") if rejected is None else rejected, "", "",
                           c.get("households_updated", ""), c.get("households_created", ""), ""]
                kind = self.tr("Household register")
            when = b.created_at.astimezone().strftime("%Y-%m-%d %H:%M") if b.created_at else ""
            rows.append([b.id, when, kind, b.file_name, *numbers, b.imported_by])
        self.model.set_rows([self.tr(c) for c in self.COLUMNS], rows)
        self.table.resizeColumnsToContents()
        if keep is not None:
            for row, batch in enumerate(self.batches):
                if batch.id == keep.id:
                    self.table.selectRow(row)
        self._selection_changed()

    def list_every_batch(self) -> None:
        self.show_all = True
        self.refresh()

    def selected(self) -> di.BatchInfo | None:
        if not hasattr(self, "table"):
            return None
        rows = self.table.selectionModel().selectedRows()
        return self.batches[rows[0].row()] if rows and rows[0].row() < len(self.batches) else None

    def _selection_changed(self) -> None:
        batch = self.selected()
        self.rows_button.setEnabled(batch is not None and batch.kind == di.KIND)
        self.errors_button.setEnabled(batch is not None and batch.kind == di.KIND
                                      and self.ctx.actor.role in di.IMPORTERS)
        self.undo_button.setEnabled(batch is not None and batch.kind == di.KIND
                                    and self.ctx.actor.role in di.IMPORTERS)
        text = ""
        if batch is not None:
            text = self.tr("File fingerprint (SHA-256): {hash}").format(hash=batch.hash)
            if batch.sheet:
                text = self.tr("Sheet: {sheet}").format(sheet=batch.sheet) + "  ·  " + text
            if batch.kind != di.KIND:  # why the three buttons stay grey for it
                text += "\n" + self.tr("A household register import has no rows to show here and cannot be "
                                        "undone as a whole: it created or updated households; correct them in "
                                        "家庭档案.")
        self.hash_label.setText(text)

    def show_rows(self) -> None:
        batch = self.selected()
        if batch is not None and batch.kind == di.KIND:
            BatchRowsDialog(self.ctx, batch, self).exec()

    def save_errors(self, source: str | None = None, target: str | None = None) -> None:
        batch = self.selected()
        if batch is None:
            return
        if not source:
            source, _ = QFileDialog.getOpenFileName(
                self, self.tr("The original file of batch #{id} ({file})").format(id=batch.id, file=batch.file_name),
                batch.file_name, self.tr("Spreadsheets ({patterns})").format(patterns=SPREADSHEET_FILTER))
        if not source:
            return
        if not target:
            suggested = str(Path(source).with_name(Path(source).stem + "_错误清单.xlsx"))
            target, _ = QFileDialog.getSaveFileName(self, self.tr("Save the error workbook"), suggested,
                                                    self.tr("Excel workbook (*.xlsx)"))
            target = with_suffix(target) if target else target
        if not target:
            return
        db, actor, batch_id, written = self.ctx.db, self.ctx.actor, batch.id, target

        def done(n: int) -> None:
            self.last_message = self.tr("{n} row(s) with their reasons were written to {path}.").format(
                n=n, path=written)
            QMessageBox.information(self, self.tr("Error workbook"), self.last_message)

        # the whole file is read again (a department's list can have 100,000 rows)
        export_in_background(self, self.errors_button, lambda _p: di.write_error_workbook(
            source, batch_id, written, db=db, actor=actor), done, self.tr("Writing the error workbook…"),
            cancellable=False)


    def undo_import(self, reason: str | None = None) -> None:
        """Remove the selected batch after saying what goes and asking why (``reason`` from tests)."""
        batch = self.selected()
        if batch is None:
            return
        try:
            info = di.undo_info(self.ctx.db, self.ctx.actor, batch.id, expected_hash=batch.hash)
        except ServiceError as exc:
            show_error(self, exc)
            return
        if info.refusal:
            show_error(self, ServiceError(info.refusal))
            return
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Undo import"), self.tr(
                "Batch #{id}, {dept} list {file}: its {rows} row(s) and the {clues} clue(s) it created will be "
                "removed; the file can then be imported again.\n\nWhy is it undone? (kept in the log)").format(
                id=batch.id, dept=info.batch.department_label, file=info.batch.file_name, rows=info.rows,
                clues=info.clues))
            if not ok:
                return
        db, actor, why = self.ctx.db, self.ctx.actor, reason

        def done(_info: di.UndoInfo) -> None:
            self.ctx.changes.publish("import_batches", batch.id)
            self.ctx.changes.publish("clues", 0)
            self.last_message = self.tr("Batch #{id} was undone: {rows} row(s) and {clues} clue(s) removed.").format(
                id=batch.id, rows=info.rows, clues=info.clues)
            QMessageBox.information(self, self.tr("Undo import"), self.last_message)

        # a batch of a whole list: its rows and the clues it made are deleted (100,000 rows and more)
        self.undo_button.setEnabled(False)
        op = run_in_background(self, lambda _p: di.undo_batch(db, actor, batch.id, why, expected_hash=batch.hash), done,
                               on_error=lambda exc: show_error(self, exc), label=self.tr("Undoing the import…"),
                               cancellable=False)
        op.done.connect(self._selection_changed)  # the button as the selection says


class DiscoveryPage(QWidget):
    """The discovery area: four tabs."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget()
        self.inbox = ClueInboxTab(ctx, self)
        self.department = ImportLauncherTab(ctx, "department", self)
        self.register = ImportLauncherTab(ctx, "households", self)
        self.tabs.addTab(self.inbox, self.tr("Clue &inbox"))
        self.tabs.addTab(self.department, self.tr("&Department lists"))
        self.tabs.addTab(self.register, self.tr("Household &register"))
        self.history = ImportHistoryTab(ctx, self)
        self.tabs.addTab(self.history, self.tr("Import &history"))
        layout.addWidget(self.tabs)

    def maybe_close(self) -> bool:
        return self.inbox.maybe_close()

    def show_list(self, status: str) -> None:
        """The clue inbox with every clue of one status ("new", "assigned", "investigating": from 今日工作)."""
        self.tabs.setCurrentWidget(self.inbox)
        self.inbox.show_status(status)
