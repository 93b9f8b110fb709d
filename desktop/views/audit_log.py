"""Settings tab: the audit log (administrator only): filter, read a page at a time, see the values
before and after, export what the filter selects."""

from __future__ import annotations

import json
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.services import audit
from desktop.services.errors import ServiceError
from desktop.views.context import AppContext
from desktop.views.dates import day_edit
from desktop.views.errors import show_error
from desktop.views.flow import FlowRow, field_width
from desktop.views.keys import shortcut_for
from desktop.views.save_as import export_in_background, with_suffix
from desktop.views.table_model import PagedTableModel, read_only_table

DEFAULT_DAYS = 30


class AuditTableModel(PagedTableModel[audit.AuditRow]):
    COLUMNS = (QT_TRANSLATE_NOOP("AuditTableModel", "Time"), QT_TRANSLATE_NOOP("AuditTableModel", "User"),
               QT_TRANSLATE_NOOP("AuditTableModel", "Workstation"), QT_TRANSLATE_NOOP("AuditTableModel", "Action"),
               QT_TRANSLATE_NOOP("AuditTableModel", "Record"), QT_TRANSLATE_NOOP("AuditTableModel", "Description"))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self._page, parent)
        self.ctx = ctx
        self.filter = audit.AuditFilter()

    def _page(self, before_id: int | None, limit: int) -> list[audit.AuditRow]:
        return audit.list_entries(self.ctx.db, self.ctx.actor, self.filter, before_id=before_id, limit=limit)

    def key(self, row: audit.AuditRow) -> int:
        return row.id

    def display(self, r: audit.AuditRow, column: int) -> str:
        return (f"{r.at.astimezone():%Y-%m-%d %H:%M:%S}", r.user_label or r.username, r.workstation, r.action_label, r.target,
                r.detail)[column]

    def role_data(self, r: audit.AuditRow, column: int, role: int) -> Any:
        """As a tool tip, the whole text (a narrow column cuts it) and, for IT, the raw codes of the action
        and of the record."""
        if role != Qt.ItemDataRole.ToolTipRole:
            return None
        if column in (3, 4):
            return self.display(r, column) + "\n" + (
                self.tr("Action code (for IT): {code}").format(code=r.action) if column == 3 else
                self.tr("Table and record number (for IT): {record}").format(record=_raw_record(r)))
        if column == 5 and r.detail:
            return r.detail
        return None


def _raw_record(r: audit.AuditRow) -> str:
    return f"{r.entity} #{r.entity_id}" if r.entity_id is not None else r.entity


def _pretty(values: dict | None) -> str:
    return json.dumps(values, ensure_ascii=False, indent=1, sort_keys=True) if values else "—"


class AuditLogTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        today = today or date.today()
        self.opened_on = today  # a tab left open past midnight still shows today's entries
        layout = QVBoxLayout(self)
        bar = FlowRow()  # wraps onto a second line on a narrow screen
        self.date_from = day_edit(today - timedelta(days=DEFAULT_DAYS - 1))
        self.date_to = day_edit(today)
        self.user = QComboBox()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), "")
        for key, (label, _codes) in audit.GROUPS.items():
            self.kind.addItem(label, key)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Text, or a household's code, or a person's name or ID number"))
        self.text.setToolTip(self.tr("Entries whose description, action or workstation holds this text; a household's "
                                     "whole code gives every entry about that household (and not others that merely "
                                     "contain it); its head's ID number or whole name also gives every entry about it, "
                                     "and a whole name the entries about the clues on a person of that name."))
        self.text.setClearButtonEnabled(True)
        label = QLabel(self.tr("&From:"))
        label.setBuddy(self.date_from)
        bar.add_pair(label, self.date_from)
        for text, widget in ((self.tr("t&o"), self.date_to), (self.tr("&User:"), self.user),
                             (self.tr("&Kind:"), self.kind), (self.tr("Co&ntaining:"), self.text)):
            label = QLabel(text)
            label.setBuddy(widget)
            bar.add_pair(label, widget, 1 if widget is self.text else 0)
        self.text.setMinimumWidth(field_width(self.text, "0" * 18))
        self.search_button = QPushButton(self.tr("&Search"))
        self.export_button = QPushButton(self.tr("E&xport (xlsx)…"))
        bar.addWidget(self.search_button)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        self.model = AuditTableModel(ctx, self)
        self.table = read_only_table(self.model, widths=(145, 105, 80, 170, 210), single=True, empty=self.tr(
            "Nothing was recorded between these dates for the user, kind and text chosen above."))
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText(self.tr("Select an entry to see the values before and after."))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([420, 160])
        layout.addWidget(splitter, 1)
        self.status = QLabel()
        self.technical = QCheckBox(self.tr("&Technical details"))
        self.technical.setToolTip(self.tr("Also show the action's code, the table and record number, and the "
                                          "values before and after as stored (for IT)."))
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.technical)
        layout.addLayout(footer)

        self.search_button.clicked.connect(lambda: self.search())
        self.text.returnPressed.connect(lambda: self.search())
        for combo in (self.user, self.kind):
            combo.activated.connect(lambda _i: self.search())
        self.export_button.clicked.connect(lambda: self.export())
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show(current.row()))
        self.technical.toggled.connect(lambda _on: self._show(self.table.currentIndex().row()))
        shortcut_for(self.search_button, QKeySequence.StandardKey.Refresh)  # F5 reads again; the tool tip says so
        self.loaded = False  # read when first shown: the settings page builds every tab at once

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Read when first shown, and again each time the tab comes back into view: what was done
        meanwhile on the other tabs and pages (a year's holidays saved, an account changed) is
        listed, with the same filter and the same entry selected."""
        if not self.loaded:
            self.loaded = True
            self._load_users()
            self.search()
        elif not event.spontaneous():
            self._load_users()
            self.search(keep_selection=True)
        super().showEvent(event)

    def _load_users(self) -> None:
        chosen = self.user.currentData()
        self.user.clear()
        self.user.addItem(self.tr("All users"), "")
        try:
            for label, name in audit.usernames(self.ctx.db, self.ctx.actor):
                self.user.addItem(label, name)
        except ServiceError as exc:
            show_error(self, exc)
        self.user.setCurrentIndex(max(self.user.findData(chosen), 0) if chosen else 0)

    def current_filter(self) -> audit.AuditFilter:
        return audit.AuditFilter(self.date_from.date().toPython(), self.date_to.date().toPython(),
                                 self.user.currentData() or "", self.kind.currentData() or "", self.text.text())

    def search(self, keep_selection: bool = False) -> None:
        index = self.table.currentIndex()
        selected = self.model.rows[index.row()].id if keep_selection and index.isValid() else None
        today = date.today()
        if today > self.opened_on and self.date_to.date().toPython() == self.opened_on:
            self.date_to.setDate(QDate(today))  # the period "up to today" moves on with the clock
        self.opened_on = max(self.opened_on, today)
        self.model.filter = self.current_filter()
        try:
            self.model.load()
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.details.clear()
        row = next((i for i, r in enumerate(self.model.rows) if r.id == selected), None)
        if row is not None:
            self.table.selectRow(row)
        more = "+" if self.model.canFetchMore() else ""
        self.status.setText(self.tr("{n}{more} entries, newest first.").format(n=len(self.model.rows), more=more))

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.model.rows):
            self.details.clear()
            return
        r = self.model.rows[row]
        parts = [f"<p><b>{escape(r.action_label)}</b>  {escape(r.target)}<br>",
                 escape(self.tr("{at} by {user} at workstation {station}").format(
                     at=f"{r.at.astimezone():%Y-%m-%d %H:%M:%S}", user=r.user_label or r.username, station=r.workstation or "—")),
                 "</p>"]
        if r.detail:
            parts.append(f"<p>{escape(r.detail)}</p>")
        if r.changes:
            both = r.before is not None and r.after is not None
            head = (self.tr("Item"), self.tr("Before"), self.tr("After")) if both else (
                self.tr("Item"), self.tr("Removed") if r.after is None else self.tr("Recorded"))
            cells = "".join(f"<th align='left'>{escape(h)}</th>" for h in head)
            lines = [f"<table cellspacing='0' cellpadding='3' border='1'><tr>{cells}</tr>"]
            for c in r.changes:
                values = (c.label, c.before, c.after) if both else (c.label, c.after or c.before)
                lines.append("<tr>" + "".join(f"<td>{escape(v or '—')}</td>" for v in values) + "</tr>")
            parts.append("".join(lines) + "</table>")
        if self.technical.isChecked():
            raw = self.tr("Action code: {action}; record: {record}; household id: {household}").format(
                action=r.action, record=_raw_record(r), household="—" if r.household_id is None else r.household_id)
            before, after = self.tr("Before:"), self.tr("After:")
            parts.append(f"<hr><p>{escape(raw)}</p><p>{escape(before)}</p><pre>{escape(_pretty(r.before))}</pre>"
                         f"<p>{escape(after)}</p><pre>{escape(_pretty(r.after))}</pre>")
        self.details.setHtml("".join(parts))

    def export(self, path: str | None = None) -> None:
        flt = self.current_filter()
        if not path:
            suggested = f"操作日志_{flt.date_from or ''}_{flt.date_to or ''}.xlsx"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit log"), suggested,
                                                  self.tr("Excel workbook (*.xlsx)"))
            if not path:
                return
            path = with_suffix(path)
        db, actor, target = self.ctx.db, self.ctx.actor, path

        def done(n: int) -> None:
            self.status.setText(self.tr("{n} entries saved to {path}").format(n=n, path=Path(target).name))
            self.search()

        export_in_background(self, self.export_button, lambda p: audit.export_xlsx(db, actor, flt, target, progress=p),
                             done, self.tr("Exporting the audit log…"))
