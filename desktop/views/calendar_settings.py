"""Settings tab: the holiday calendar. Administrators enter a year's days off and make-up working
days; every deadline in an unknown year is an estimate until they do."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.rules.codes import Role
from desktop.services import calendar as cal_svc
from desktop.services.errors import ServiceError
from desktop.views.confirm import asked_yes
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.keys import text_box
from desktop.views.operations import BackgroundOperation, run_busy
from desktop.views.table_model import RowListTableModel, read_only_table


def compress(days: list[date]) -> str:
    """Dates as lines, consecutive runs written as ranges."""
    lines: list[str] = []
    run: list[date] = []
    for d in sorted(days):
        if run and d - run[-1] == timedelta(days=1):
            run.append(d)
            continue
        if run:
            lines.append(run[0].isoformat() if len(run) == 1 else f"{run[0].isoformat()}..{run[-1].isoformat()}")
        run = [d]
    if run:
        lines.append(run[0].isoformat() if len(run) == 1 else f"{run[0].isoformat()}..{run[-1].isoformat()}")
    return "\n".join(lines)


class YearsTableModel(RowListTableModel[cal_svc.YearInfo]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("YearsTableModel", "Year"),
        QT_TRANSLATE_NOOP("YearsTableModel", "Source"),
        QT_TRANSLATE_NOOP("YearsTableModel", "Days off"),
        QT_TRANSLATE_NOOP("YearsTableModel", "Make-up days"),
        QT_TRANSLATE_NOOP("YearsTableModel", "Note"),
    )

    def display(self, y: cal_svc.YearInfo, column: int) -> str:
        if y.entered:
            source = self.tr("Entered by an administrator")
        elif y.in_library:
            source = self.tr("Holiday library")
        else:
            source = self.tr("Unknown: weekends and fixed holidays only")
        # The days deadlines count with: a library year's own schedule, not the 0 entries it has here.
        return (str(y.year), source, str(sum(1 for d in y.schedule if not d.workday)),
                str(sum(1 for d in y.schedule if d.workday)), y.note)[column]

    def role_data(self, y: cal_svc.YearInfo, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and not y.known:
            return QBrush(QColor("#c62828"))
        return None


class CalendarSettingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.editable = ctx.actor.role == Role.ADMIN
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Deadlines count working days: weekends and statutory holidays are skipped, make-up "
                               "working days count. The holiday library carries the published years; enter a new "
                               "year here when the State Council publishes it. Until then, deadlines in that year "
                               "are estimates and are marked so."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        splitter = QSplitter()
        self.model = YearsTableModel(self)
        self.table = read_only_table(self.model, fit_contents=True, single=True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self._loaded: tuple[str, str, str] = ("", "", "")  # the editor's text as last shown or saved
        self.operation: BackgroundOperation | None = None  # a change being saved
        self._reverting = False
        splitter.addWidget(self.table)
        editor = QWidget()
        form = QFormLayout(editor)
        # Labels above their fields: beside the long "Days off (…)" label the boxes were left 140 pixels on
        # a 1024-pixel screen (less at 150 %), the example range and the source's hint cut to "2027-02-06..2027-02-".
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year + 1)
        self.days_off = text_box()
        self.days_off.setPlaceholderText("2027-01-01\n2027-02-06..2027-02-14")
        self.workdays = text_box()
        self.workdays.setPlaceholderText("2027-02-20")
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. the State Council notice number"))
        form.addRow(self.tr("&Year:"), self.year)
        form.addRow(self.tr("Days &off (one date or range per line):"), self.days_off)
        form.addRow(self.tr("&Make-up working days:"), self.workdays)
        form.addRow(self.tr("&Source:"), self.note)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save year"))
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("&Remove entries of this year"))
        self.clear_button.clicked.connect(self.clear)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        if not self.editable:
            for w in (self.days_off, self.workdays, self.note):
                w.setReadOnly(True)
            self.save_button.setEnabled(False)
            self.clear_button.setEnabled(False)
            form.addRow(QLabel(self.tr("Only an administrator can change the calendar.")))
        splitter.addWidget(editor)
        splitter.setSizes([560, 440])
        layout.addWidget(splitter, 1)  # the list and editor take the height, not the wrapped note above them
        self.refresh()
        # The year to enter first: this year while nobody has entered it (January 2027 without the 2027 notice
        # entered showed 2028, and "2月6日至14日" typed there counted for 2028), else the next unknown one.
        missing = next((i for i, y in enumerate(self.model.rows) if y.year >= self.today.year and not y.known), None)
        if missing is not None:
            self.table.selectRow(missing)

    def refresh(self, select_year: int | None = None) -> None:
        try:
            self.model.set_rows(cal_svc.list_years(self.ctx.db, self.ctx.actor, around=self.today.year))
        except ServiceError as exc:
            show_error(self, exc)
            return
        row = next((i for i, y in enumerate(self.model.rows) if y.year == select_year), None)
        if row is not None:
            self.table.selectRow(row)

    def _editor_text(self) -> tuple[str, str, str]:
        return self.days_off.toPlainText().strip(), self.workdays.toPlainText().strip(), self.note.text().strip()

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        """Another year chosen in the list: days typed and not saved are not replaced without a word."""
        if self._reverting or not current.isValid():
            return
        if self.editable and self._editor_text() != self._loaded and QMessageBox.question(
                self, self.tr("Calendar"),
                self.tr("The days typed for {year} are not saved. Discard them and show {other}?").format(
                    year=self.year.value(), other=self.model.rows[current.row()].year),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            self._reverting = True
            try:
                if previous.isValid():
                    self.table.setCurrentIndex(previous)
                else:
                    self.table.clearSelection()
            finally:
                self._reverting = False
            return
        self.show_year(current.row())

    def show_year(self, row: int) -> None:
        """A year's schedule in the editor: what was entered, else the library's published days (so
        that saving a library year after a correction keeps its holidays)."""
        if row < 0 or row >= len(self.model.rows):
            return
        info = self.model.rows[row]
        self.year.setValue(info.year)
        self.days_off.setPlainText(compress([d.day for d in info.schedule if not d.workday]))
        self.workdays.setPlainText(compress([d.day for d in info.schedule if d.workday]))
        self.note.setText(info.note)
        self._loaded = self._editor_text()

    @property
    def busy(self) -> bool:
        return self.operation is not None

    def _run(self, button: QPushButton, busy_text: str, work: Callable[[], Any],
             done: Callable[[Any], None]) -> None:
        """A change of the calendar off the UI thread: it recomputes every open deadline running through
        the year (seconds with thousands of open applications). The editor and the list hold still
        meanwhile, so that what is shown afterwards is what was saved."""
        typed = self._editor_text()

        def finished(result: Any) -> None:
            self.operation = None
            self._loaded = typed
            done(result)

        def failed(exc: BaseException) -> None:
            self.operation = None
            show_error(self, exc)

        self.operation = run_busy(self, button, busy_text, work, finished, on_error=failed, hold=(
            self.table, self.year, self.days_off, self.workdays, self.note, self.save_button, self.clear_button))

    def save(self) -> bool:
        """Save the year typed: False when a day typed is refused (said at once), True when the save
        is under way (its result is told when it ends)."""
        if self.busy:
            return False
        year = self.year.value()
        try:
            off = cal_svc.parse_days(self.days_off.toPlainText(), year, "放假日期")
            work = cal_svc.parse_days(self.workdays.toPlainText(), year, "调休上班日期")
        except ServiceError as exc:
            show_error(self, exc)
            return False
        db, actor, note = self.ctx.db, self.ctx.actor, self.note.text()

        def done(info: cal_svc.YearInfo) -> None:
            self.ctx.changes.publish("calendar", year)
            self.refresh(select_year=year)
            assert info.moved is not None
            said = self.tr("The holidays of {year} are saved.").format(year=year) + "\n" + self.moved_text(info.moved)
            # a library year entered without some of its published days; a lone weekend typed as a day off
            if warning := info.warnings():
                QMessageBox.warning(self, self.tr("Calendar"), said + "\n\n" + warning)
            else:
                QMessageBox.information(self, self.tr("Calendar"), said)

        self._run(self.save_button, self.tr("Saving…"),
                  lambda: cal_svc.set_year(db, actor, year, days_off=off, workdays=work, note=note), done)
        return True

    def maybe_close(self) -> bool:
        """The window is not closed under a change of the calendar still being saved."""
        if not self.busy:
            return True
        QMessageBox.information(self, self.tr("Calendar"), self.tr(
            "The holiday calendar is still being saved and the open deadlines recomputed. Close the window "
            "again when that is done."))
        return False

    def moved_text(self, moved: cal_svc.DeadlinesMoved) -> str:
        """How many deadlines still open the change moved (the applications list shows them anew)."""
        if not moved.total:
            return self.tr("No deadline still open moved.")
        kinds = [text.format(n=n) for text, n in (
            (self.tr("whole procedure {n}"), moved.procedure), (self.tr("next step {n}"), moved.steps),
            (self.tr("written refusal {n}"), moved.refusal_notices)) if n]  # only the kinds that moved
        return self.tr("Deadlines still open that moved: {total} ({kinds}), in {apps} application(s).").format(
            total=moved.total, kinds=self.tr(", ").join(kinds), apps=len(moved.application_ids))

    def clear(self) -> None:
        if self.busy:
            return
        year = self.year.value()
        if not asked_yes(self, self.tr("Calendar"), self.tr(
                "Remove the entries of {year}? Its deadlines fall back to the holiday library or to an "
                "estimate.").format(year=year)):
            return
        db, actor = self.ctx.db, self.ctx.actor

        def done(moved: cal_svc.DeadlinesMoved) -> None:
            self.ctx.changes.publish("calendar", year)
            self.refresh(select_year=year)
            QMessageBox.information(self, self.tr("Calendar"), self.tr("The entries of {year} are removed.").format(
                year=year) + "\n" + self.moved_text(moved))

        self._run(self.clear_button, self.tr("Removing…"), lambda: cal_svc.clear_year(db, actor, year), done)
