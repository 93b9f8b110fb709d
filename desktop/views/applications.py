"""The Applications area: the list with working days left (overdue in red), the post-check queue
and the front desk (one door accepts, departments handle together)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.rules import procedure as proc
from desktop.rules.codes import TRACK_LABELS
from desktop.services import applications as svc
from desktop.services.base import CutList
from desktop.services.errors import ServiceError
from desktop.services.progress import Progress
from desktop.views.application_detail import ApplicationDetailDialog, county_only
from desktop.views.application_forms import (
    AcceptDialog,
    FrontDeskForm,
    MonthlyAssistanceDialog,
    PeriodDialog,
    PostCheckDialog,
    SpotCheckDialog,
)
from desktop.views.combos import choose, quietly
from desktop.views.confirm import confirmed
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.flow import FlowRow, field_width
from desktop.views.operations import BackgroundOperation, run_in_background
from desktop.views.save_as import ask_save_path, export_in_background, with_suffix
from desktop.views.table_model import (
    ColumnChooser,
    CutNote,
    RowListTableModel,
    columns_button,
    read_only_table,
)
from desktop.views.timing import WhenShown

RED = QColor("#c62828")
ORANGE_BG = QColor("#fff3e0")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class ApplicationsTableModel(RowListTableModel[svc.ApplicationRow]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("ApplicationsTableModel", "No."),
        QT_TRANSLATE_NOOP("ApplicationsTableModel", "Head of household"),
        QT_TRANSLATE_NOOP("ApplicationsTableModel", "Community"),
        QT_TRANSLATE_NOOP("ApplicationsTableModel", "Category"),
        QT_TRANSLATE_NOOP("ApplicationsTableModel", "Track"),
        QT_TRANSLATE_NOOP("ApplicationsTableModel", "Status"),
        QT_TRANSLATE_NOOP("ApplicationsTableModel", "Next step"),
        QT_TRANSLATE_NOOP("ApplicationsTableModel", "Step due"),
        QT_TRANSLATE_NOOP("ApplicationsTableModel", "Procedure due"),
        QT_TRANSLATE_NOOP("ApplicationsTableModel", "Working days left"),
    )

    def display(self, r: svc.ApplicationRow, col: int) -> str:
        if r.working_days_left is None:
            left = ""
        elif r.working_days_left < 0:  # a minus sign reads as a typing error, as in the detail
            left = self.tr("overdue by {n}").format(n=-r.working_days_left)
        else:
            left = str(r.working_days_left)
        if r.warning and left:
            left += " *"
        values = (str(r.id), r.head_name, r.region_name, r.category_label, r.track_label,
                  r.status_label + (self.tr(" (extended)") if r.extended and r.status == "open" else ""),
                  r.next_step_label, r.step_due_on.isoformat() if r.step_due_on else "",
                  r.due_on.isoformat() if r.status == "open" else "", left)
        return values[col]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal and section == 9:
            return self.tr("Working days to the earlier of the two deadlines: the next step's and the procedure's")
        return super().headerData(section, orientation, role)

    def role_data(self, r: svc.ApplicationRow, col: int, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and col == 9 and r.effective_due_on and not (r.warning or r.overdue):
            return self.tr("To {day}, the earlier of the next step's and the procedure's deadlines").format(
                day=r.effective_due_on.isoformat())
        if role == Qt.ItemDataRole.ForegroundRole and r.overdue:
            return QBrush(RED)
        if role == Qt.ItemDataRole.BackgroundRole and r.warning and col >= 7:
            return QBrush(ORANGE_BG)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 1:  # a long name is cut short in its column
                return r.head_name
            if col == 5 and r.after_help:
                return self.tr("Emergency help was given first; the steps left are completed afterwards, "
                               "each by its own deadline")
            if r.warning:
                return r.warning
            if r.overdue:
                return self.tr("Overdue")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 9:  # the last column fills the width
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class PostChecksTableModel(RowListTableModel[svc.PostCheckInfo]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("PostChecksTableModel", "Application"),
        QT_TRANSLATE_NOOP("PostChecksTableModel", "Head of household"),
        QT_TRANSLATE_NOOP("PostChecksTableModel", "Community"),
        QT_TRANSLATE_NOOP("PostChecksTableModel", "Kind"),
        QT_TRANSLATE_NOOP("PostChecksTableModel", "Due"),
        QT_TRANSLATE_NOOP("PostChecksTableModel", "Sample"),
        QT_TRANSLATE_NOOP("PostChecksTableModel", "Assistance"),
    )

    def display(self, c: svc.PostCheckInfo, column: int) -> str:
        if column == 6:  # an approval with a last day: its check was (or falls) due while still paid
            if c.assistance_ends is None:
                return ""
            day = c.assistance_ends.isoformat()
            return (self.tr("stopped on {day}") if c.assistance_ended else self.tr("paid until {day}")).format(day=day)
        return (str(c.application_id), c.head_name, c.region_name, c.kind_label, c.due_on.isoformat(),
                str(c.sample_id or ""))[column]

    def role_data(self, c: svc.PostCheckInfo, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and c.overdue:
            return QBrush(RED)
        return None




def cap_column_widths(table: QTableView, characters: int = 16) -> None:
    """Columns fitted to their contents, but none wider than about ``characters`` Chinese characters:
    one very long name took the whole width and pushed the deadlines out of sight (it is cut short
    with "…"; its tool tip shows it whole)."""
    table.horizontalHeader().setMaximumSectionSize(table.fontMetrics().horizontalAdvance("长" * characters) + 12)


AWAITING_SHOWN = 50  # households awaiting acceptance named in the button's menu


class ApplicationsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.as_of: date | None = None  # None = today (tests set a date)
        self._generation = 0  # of the list being loaded
        self.writes = ctx.actor.may_write
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._build_list_tab(), self.tr("&Applications"))
        self.tabs.addTab(self._build_post_check_tab(), self.tr("&Post-checks"))
        self.front_desk: FrontDeskForm | None = None
        if self.writes:  # a supervisor looks only: no form to fill in that could not be saved
            self.front_desk = FrontDeskForm(ctx)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the form's first field, not to its frame
            scroll.setWidget(self.front_desk)
            self.tabs.addTab(scroll, self.tr("&Front desk"))
        self._live = WhenShown(self, lambda: self.refresh())
        ctx.changes.changed.connect(self._on_change)
        QShortcut(QKeySequence.StandardKey.Refresh, self, activated=self.refresh)
        QShortcut(QKeySequence.StandardKey.New, self, activated=lambda: self.new_application())
        self.refresh()

    # -- building -----------------------------------------------------------------------------------
    def _build_list_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        filters = FlowRow()  # the filters and buttons wrap onto a second line on a narrow screen
        self.status = QComboBox()
        # first and chosen: the open applications and, with them, the paperwork still to complete after
        # emergency help given first (approved already, its steps have deadlines too)
        for code, label in (((svc.TO_DO, self.tr("Open or paperwork due")), ("open", self.tr("Open")),
                             ("approved", self.tr("Approved")),
                             ("refused", self.tr("Refused")),
                             (svc.TO_SERVE, self.tr("Refused, written notice to serve")), ("revoked", self.tr("Revoked")),
                             ("withdrawn", self.tr("Withdrawn")), ("", self.tr("All")))):
            self.status.addItem(label, code)
        self.track = QComboBox()
        self.track.addItem(self.tr("All tracks"), "")
        for code, label in TRACK_LABELS.items():
            self.track.addItem(label, code.value)
        self.step = QComboBox()
        self.step.addItem(self.tr("Any next step"), "")
        for step in (proc.Step.CHECK, proc.Step.INVESTIGATION, proc.Step.APPRAISAL, proc.Step.PUBLICITY,
                     proc.Step.DECISION):
            self.step.addItem(proc.STEP_LABELS[step], step.value)
        self.region = QComboBox()
        self.region.addItem(self.tr("All regions"), None)
        try:
            for rid, name, depth in svc.region_choices(self.ctx.db, self.ctx.actor):
                self.region.addItem("  " * max(depth, 0) + name, rid)
        except ServiceError as exc:
            show_error(self, exc)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Head of household"))
        self.name.setClearButtonEnabled(True)
        self.overdue = QCheckBox(self.tr("Overdue on&ly"))  # &O is 打开
        for text, widget in ((self.tr("&Status:"), self.status), (self.tr("&Track:"), self.track),
                             (self.tr("N&ext step:"), self.step), (self.tr("Re&gion:"), self.region),
                             (self.tr("Head of ho&usehold:"), self.name)):
            label = QLabel(text)
            label.setBuddy(widget)  # Alt and the letter go to the filter
            filters.add_pair(label, widget, 1 if widget is self.name else 0)
        self.name.setMinimumWidth(field_width(self.name, "长" * 6))
        filters.addWidget(self.overdue)
        # The columns shown are the user's to choose (also a right click on the header), as in 家庭档案.
        self.columns_button = columns_button(self.tr("&Columns…"))  # U is 户主's here
        filters.addWidget(self.columns_button)
        for combo in (self.status, self.track, self.step, self.region):
            combo.currentIndexChanged.connect(self.refresh)
        self.overdue.toggled.connect(self.refresh)
        self.name.returnPressed.connect(self.refresh)
        layout.addLayout(filters)
        bar = FlowRow()
        new = QPushButton(self.tr("&New application…"))
        new.clicked.connect(lambda: self.new_application())
        new.setToolTip(QKeySequence(QKeySequence.StandardKey.New).toString(QKeySequence.SequenceFormat.NativeText))
        if not self.writes:
            new.setEnabled(False)
            new.setToolTip(self.tr("Supervisors look only; applications are taken by the office staff."))
        open_button = QPushButton(self.tr("&Open…"))
        open_button.clicked.connect(self.open_selected)
        xlsx = self.publicity_xlsx_button = QPushButton(self.tr("Publicity list (&xlsx)…"))
        xlsx.clicked.connect(lambda: self.export_publicity("xlsx"))
        pdf = self.publicity_pdf_button = QPushButton(self.tr("Publicity list (P&DF)…"))
        pdf.clicked.connect(lambda: self.export_publicity("pdf"))
        self.list_export_button = QPushButton(self.tr("Export the list as a wor&kbook…"))
        self.list_export_button.setToolTip(self.tr("Every application under the filters (not only the first "
                                                   "{n:,} shown) as an Excel list; the export is logged")
                                           .format(n=svc.LIST_LIMIT))
        self.list_export_button.clicked.connect(lambda: self.export_list())
        monthly = QPushButton(self.tr("&Monthly payments…"))
        monthly.setToolTip(self.tr("Record a month's assistance payments for every running approval"))
        monthly.clicked.connect(self.record_monthly_payments)
        self.monthly_due = QLabel()  # this month's payments not yet recorded (for those who record them)
        self.monthly_due.setStyleSheet("color: #b35c00; font-weight: bold;")
        self.monthly_due.hide()
        # Households in 申请中 with no application accepted yet (a clue closed as "check passed", the form
        # cancelled, or closed on the command line): listed here until they are accepted.
        self.awaiting_button = QPushButton()
        self._open_awaiting = False  # open its menu once the list has loaded (show_list("awaiting"))
        self.awaiting_button.setStyleSheet("color: #b35c00; font-weight: bold;")
        self.awaiting_button.setToolTip(self.tr(
            "Households in “applying” whose application has not been accepted yet (a clue closed as "
            "“check passed”): choose one to accept its application. If the family no longer applies, reopen "
            "its clue or move it back on the board."))
        self.awaiting_button.setMenu(QMenu(self.awaiting_button))
        self.awaiting_button.hide()
        refresh = QPushButton(self.tr("&Refresh"))
        # F5 is the page's own (it refreshes from the post-check and front-desk tabs too): named here
        refresh.setToolTip(QKeySequence(QKeySequence.StandardKey.Refresh).toString(QKeySequence.SequenceFormat.NativeText))
        refresh.clicked.connect(self.refresh)
        for b in (new, open_button, self.list_export_button, xlsx, pdf, monthly, self.monthly_due,
                  self.awaiting_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.count_label = QLabel()
        bar.addWidget(self.count_label)
        bar.addWidget(refresh)
        layout.addLayout(bar)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3e0; color: #8a4b00; padding: 6px; border: 1px solid #f0b070;")
        self.banner.hide()
        layout.addWidget(self.banner)
        self.model = ApplicationsTableModel(self)
        self.table = read_only_table(self.model, fit_contents=True, single=True, empty=self.tr(
            "No application matches the filters above. Change the status, track, next step or region; "
            "a new application is taken with “New application”."))
        cap_column_widths(self.table)
        # 编号 and 户主 say whose application it is: always shown.
        self.columns = ColumnChooser(self.table, "applications", self.ctx.actor.username, essential=(0, 1),
                                     button=self.columns_button)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activated.connect(lambda _index: self.open_selected())
        layout.addWidget(self.table)
        return tab

    def _build_post_check_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        bar = QHBoxLayout()
        record = QPushButton(self.tr("&Record result…"))
        record.clicked.connect(self.record_post_check)
        draw = QPushButton(self.tr("&Draw spot-check sample…"))
        draw.clicked.connect(self.draw_sample)
        export = QPushButton(self.tr("&Export sample list…"))
        export.clicked.connect(self.export_sample)
        open_app = QPushButton(self.tr("Open &application…"))
        open_app.clicked.connect(self.open_post_check_application)
        for b in (record, draw):
            county_only(b, self.ctx.actor.role in svc.DECIDERS)
        self.record_check_button, self.draw_button, self.open_check_button = record, draw, open_app
        self.checks_export_button = QPushButton(self.tr("E&xport the checks…"))
        self.checks_export_button.setToolTip(self.tr("Every check under the filters (not only the first {n:,} "
                                                     "shown) as an Excel list; the export is logged")
                                             .format(n=svc.LIST_LIMIT))
        self.checks_export_button.clicked.connect(lambda: self.export_checks())
        for b in (record, draw, export, open_app, self.checks_export_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.sample_label = QLabel()
        bar.addWidget(self.sample_label)
        layout.addLayout(bar)
        # With every approval paid monthly reviewed yearly the list is long: by kind, overdue only.
        filters = QHBoxLayout()
        self.check_kind = QComboBox()
        self.check_kind.addItem(self.tr("All kinds"), "")
        for code, label in proc.POST_CHECK_LABELS.items():
            self.check_kind.addItem(label, code)
        kind_label = QLabel(self.tr("&Kind:"))
        kind_label.setBuddy(self.check_kind)
        self.checks_soon = QCheckBox(self.tr("Due &within {n} days").format(n=svc.CHECKS_DUE_SOON_DAYS))
        self.checks_soon.setToolTip(self.tr("The checks due within the next {n} days and those overdue (the figure "
                                            "of “Today's work”)").format(n=svc.CHECKS_DUE_SOON_DAYS))
        self.checks_overdue = QCheckBox(self.tr("Overdue on&ly"))
        self.checks_count = QLabel()
        for w in (kind_label, self.check_kind, self.checks_soon, self.checks_overdue):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.checks_count)
        layout.addLayout(filters)
        # The service filters: the list stops at the earliest LIST_LIMIT of the checks chosen, not of all.
        self.check_kind.currentIndexChanged.connect(self.refresh_checks)
        self.checks_overdue.toggled.connect(self.refresh_checks)
        self.checks_soon.toggled.connect(self.refresh_checks)
        self._checks_generation = 0  # of the post-check list being loaded
        self.checks_model = PostChecksTableModel(self)
        self.checks_table = read_only_table(self.checks_model, fit_contents=True, single=True, empty=self.tr(
            "No check after approval is waiting for the filters above. Checks are scheduled when an "
            "application is approved; a spot check sample is drawn with “Draw spot-check sample”."))
        cap_column_widths(self.checks_table)
        self.checks_table.doubleClicked.connect(lambda _index: self.record_post_check())
        layout.addWidget(self.checks_table)
        self.checks_cut = CutNote()  # the list stops at the earliest LIST_LIMIT: says so when it does
        layout.addWidget(self.checks_cut)
        self.last_sample: svc.SampleInfo | None = None
        return tab

    # -- data ---------------------------------------------------------------------------------------
    def _on_change(self, topic: str, _ident: int) -> None:
        # a clue closed as "check passed" (or a move on the board) puts a household in 申请中 to await acceptance
        if topic in ("applications", "post_checks", "calendar", "households", "clues", "board", "*"):
            self._live()  # now when shown; else once the page is shown again

    def filters(self) -> dict:
        return dict(as_of=self.as_of, status=self.status.currentData() or None, track=self.track.currentData() or None,
                    next_step=self.step.currentData() or None, region_id=self.region.currentData(),
                    overdue_only=self.overdue.isChecked(), name=self.name.text())

    def check_filters(self) -> dict:
        return dict(as_of=self.as_of, kind=self.check_kind.currentData() or None,
                    overdue_only=self.checks_overdue.isChecked(),
                    due_within_days=svc.CHECKS_DUE_SOON_DAYS if self.checks_soon.isChecked() else None)

    def refresh(self) -> None:
        db, actor, filters, as_of, check_filters = (self.ctx.db, self.ctx.actor, self.filters(), self.as_of,
                                                    self.check_filters())

        def work(_progress):  # noqa: ANN001, ANN202
            today = date.today()
            records = actor.role in svc.DECIDERS
            month = svc.monthly_assistance(db, actor, min(as_of or today, today), today=today) if records else None
            missed = svc.unrecorded_months(db, actor, today=min(as_of or today, today)) if records else []
            to_serve = svc.refusals_to_serve(db, actor, as_of=as_of) if actor.role in svc.SERVERS else []
            return (svc.list_applications(db, actor, limit=svc.LIST_LIMIT, **filters),
                    svc.post_check_queue(db, actor, **check_filters), (month, missed, to_serve),
                    svc.awaiting_acceptance(db, actor, limit=AWAITING_SHOWN))

        # Refreshes overlap (a filter changed while the last list was loading) and finish in any order:
        # only the latest one may fill the list, or an older, unfiltered answer replaced the right one.
        self._generation += 1
        self._checks_generation += 1
        generation, checks_generation = self._generation, self._checks_generation
        run_in_background(self, work, lambda result: self._show(result, checks_generation)
                          if generation == self._generation else None,
                          label=self.tr("Loading applications…"), cancellable=False)

    def refresh_checks(self) -> None:
        """The post-check list again, under its filters (the applications list stays as it is)."""
        db, actor, check_filters = self.ctx.db, self.ctx.actor, self.check_filters()
        self._checks_generation += 1
        generation = self._checks_generation
        run_in_background(self, lambda _progress: svc.post_check_queue(db, actor, **check_filters),
                          lambda checks: self._show_checks(checks) if generation == self._checks_generation else None,
                          label=self.tr("Loading post-checks…"), cancellable=False)

    def _show(self, result: tuple[CutList, CutList,
                                  tuple[svc.MonthlyAssistance | None, list[date], list[svc.RefusalToServe]], CutList],
              checks_generation: int) -> None:
        rows, checks, (month, missed, to_serve), awaiting = result
        self._show_awaiting(awaiting)
        if self._open_awaiting:  # asked for from 今日工作: the households, not the applications
            self._open_awaiting = False
            if awaiting:
                self.awaiting_button.setFocus()
                self.awaiting_button.menu().popup(
                    self.awaiting_button.mapToGlobal(self.awaiting_button.rect().bottomLeft()))
        due = month.due if month is not None else 0
        parts = [self.tr("{month}: {n} household(s) to record").format(month=f"{month.month:%Y-%m}", n=due)] \
            if month is not None and due > 0 else []
        every_month, in_short = "、".join(f"{m:%Y-%m}" for m in missed), svc.months_text(missed)
        if missed:  # a month nobody recorded: the families were not paid, or the payment is not on record
            parts.append(self.tr("not recorded: {months}").format(months=in_short))
        if to_serve:  # RULES.md §1.5: the written refusal within 3 working days of the decision
            parts.append(self.tr("written refusals to serve: {n} ({late} late)").format(
                n=len(to_serve), late=sum(1 for r in to_serve if r.overdue)))
        self.monthly_due.setText(";".join(parts))
        self.monthly_due.setToolTip(self.tr("not recorded: {months}").format(months=every_month)
                                    if in_short != every_month else "")  # each month, when the line is shortened
        self.monthly_due.setVisible(bool(parts))
        selected = self.selected_id()
        self.model.set_rows(rows)
        if checks_generation == self._checks_generation:  # not replaced meanwhile by a filter's own load
            self._show_checks(checks)
        overdue = sum(1 for r in rows if r.overdue)
        if rows.truncated:  # the list stops there: say so, how many there are, and how to see the rest
            self.count_label.setText(self.tr("the first {n} of {total} application(s) only ({overdue} overdue among "
                                             "them): narrow the filters, or export the list for all").format(
                n=f"{len(rows):,}", total=f"{rows.total:,}", overdue=overdue))
        else:
            self.count_label.setText(self.tr("{n} application(s), {overdue} overdue").format(n=len(rows),
                                                                                          overdue=overdue))
        warnings = sorted({r.warning for r in rows if r.warning})
        self.banner.setText("⚠ " + "\n".join(warnings) + self.tr(" (rows marked *)") if warnings else "")
        self.banner.setVisible(bool(warnings))
        if selected is not None:
            for i, r in enumerate(rows):
                if r.id == selected:
                    self.table.selectRow(i)
                    break

    def _show_awaiting(self, awaiting: CutList) -> None:
        """The button listing the households waiting for their application to be accepted."""
        menu = self.awaiting_button.menu()
        menu.clear()
        for a in awaiting:
            parts = [a.head_name + (f"({a.code})" if a.code else ""), a.region_name]
            if a.clue_id is not None:
                parts.append(self.tr("clue #{id}").format(id=a.clue_id))
            if a.since is not None:
                parts.append(self.tr("since {day}").format(day=a.since.isoformat()))
            action = menu.addAction(self.tr("Accept: {who}").format(who=" · ".join(p for p in parts if p)))
            action.triggered.connect(lambda _checked=False, hid=a.household_id: self.apply_for_household(hid))
        if awaiting.truncated:
            more = menu.addAction(self.tr("… {n} more: find them on the board under “applying”").format(
                n=awaiting.total - len(awaiting)))
            more.setEnabled(False)
        self.awaiting_button.setText(self.tr("{n} household(s) awaiting acceptance").format(n=awaiting.total))
        self.awaiting_button.setVisible(bool(awaiting))

    def _show_checks(self, checks: CutList) -> None:
        selected = self.selected_check()
        self.checks_model.set_rows(checks)
        # nothing to record or open in an empty list (the buttons said "select a row first" only when pressed)
        self.record_check_button.setEnabled(bool(checks) and self.ctx.actor.role in svc.DECIDERS)
        self.open_check_button.setEnabled(bool(checks))
        overdue = sum(1 for c in checks if c.overdue)
        if checks.truncated:  # the list stops there: say so, how many there are, and how to see the rest
            self.checks_count.setText(self.tr("the first {n} of {total} check(s) only, {overdue} overdue among them")
                                      .format(n=f"{len(checks):,}", total=f"{checks.total:,}", overdue=overdue))
            self.checks_cut.say(self.tr("Only the {n} checks due soonest are shown, of {total}. Choose a kind or "
                                        "overdue only to narrow the list, or “Export the checks” for every one.")
                                .format(n=f"{len(checks):,}", total=f"{checks.total:,}"))
        else:
            self.checks_count.setText(self.tr("{n} check(s) to do, {overdue} overdue").format(
                n=len(checks), overdue=overdue))
            self.checks_cut.say("")
        if selected is not None:
            for i, c in enumerate(checks):
                if c.id == selected.id:
                    self.checks_table.selectRow(i)
                    break

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()].id

    # -- actions ------------------------------------------------------------------------------------
    def show_list(self, what: str) -> None:
        """One list of this page (from 今日工作), its other filters back to all so that the list is the count's:
        "to_do" or "overdue" (applications open or with paperwork due), "to_serve" or "to_serve_overdue" (the
        written refusals not served), "refused", "awaiting" (the households awaiting acceptance, on the list
        tab's button), "post_checks" (due within CHECKS_DUE_SOON_DAYS) or "post_checks_overdue", "payments"
        (the monthly payments dialog)."""
        if what == "payments":
            self.record_monthly_payments()
            return
        if what.startswith("post_checks"):
            with quietly(self.check_kind, self.checks_overdue, self.checks_soon):
                self.check_kind.setCurrentIndex(0)
                self.checks_overdue.setChecked(what.endswith("overdue"))
                self.checks_soon.setChecked(not what.endswith("overdue"))
            self.tabs.setCurrentIndex(1)
            self.refresh_checks()
            return
        with quietly(self.status, self.track, self.step, self.region, self.name, self.overdue):
            choose(self.status, "refused" if what == "refused" else svc.TO_SERVE if what.startswith("to_serve")
                   else svc.TO_DO)
            for combo in (self.track, self.step, self.region):
                combo.setCurrentIndex(0)
            self.name.clear()
            self.overdue.setChecked(what.endswith("overdue"))
        self._open_awaiting = what == "awaiting"
        self.tabs.setCurrentIndex(0)
        self.refresh()

    def apply_for_household(self, household_id: int) -> None:
        """Asked by another page: open the accept dialog prefilled with the household. Cancelled while the
        household waits in 申请中 with no application (a clue closed as "check passed"), it asks whether to
        accept now or later, and says where the household stays listed meanwhile."""
        self.tabs.setCurrentIndex(0)
        while self.writes and self.new_application(household_id) is None:
            try:
                waiting = svc.awaits_acceptance(self.ctx.db, self.ctx.actor, household_id)
            except ServiceError:
                return
            if not waiting or not confirmed(
                    self, self.tr("Application not accepted"),
                    self.tr("The household is in “applying” but no application has been accepted for it.\n\n"
                            "Until it is, it is listed on this page under “household(s) awaiting acceptance” and "
                            "its clue says “awaiting application”. If the family no longer applies, reopen the "
                            "clue (the household goes back where it was) or move it back on the board.\n\n"
                            "Accept the application now?"),
                    self.tr("Accept now"), self.tr("Later")):
                self.refresh()
                return

    def new_application(self, household_id: int | None = None) -> int | None:
        if not self.writes:  # Ctrl+N too
            return None
        try:
            dialog = AcceptDialog(self.ctx, self, household_id)
        except ServiceError as exc:
            show_error(self, exc)
            return None
        if dialog.exec() and dialog.application_id is not None:
            self.refresh()
            self.open_application(dialog.application_id)
            return dialog.application_id
        return None

    def open_selected(self) -> None:
        app_id = self.selected_id()
        if app_id is None:  # the button did nothing at all
            QMessageBox.information(self, self.tr("Applications"), self.tr("Select an application in the list first."))
            return
        self.open_application(app_id)

    def open_application(self, application_id: int) -> None:
        dialog = ApplicationDetailDialog(self.ctx, application_id, self)
        dialog.exec()
        self.refresh()

    def export_list(self, path: str | None = None) -> BackgroundOperation | None:
        db, actor, filters = self.ctx.db, self.ctx.actor, self.filters()
        return self._export(self.model, self.list_export_button, path, self.tr("Export the list"),
                            self.tr("No application is listed: there is nothing to export."),
                            self.tr("applications-{date}.xlsx"), self.tr("Saved {path}\n{n} application(s)."),
                            self.tr("Exporting the applications…"),
                            lambda target, p: svc.export_applications_xlsx(db, actor, target, progress=p, **filters))

    def export_checks(self, path: str | None = None) -> BackgroundOperation | None:
        """Every post-check under the filters as a workbook: the list shows the earliest LIST_LIMIT."""
        db, actor, filters = self.ctx.db, self.ctx.actor, self.check_filters()
        return self._export(self.checks_model, self.checks_export_button, path, self.tr("Export the checks"),
                            self.tr("No check is listed: there is nothing to export."),
                            self.tr("post-checks-{date}.xlsx"), self.tr("Saved {path}\n{n} check(s)."),
                            self.tr("Exporting the post-checks…"),
                            lambda target, p: svc.export_post_checks_xlsx(db, actor, target, progress=p, **filters))

    def _export(self, model: RowListTableModel, button: QPushButton, path: str | None, title: str, nothing: str,
                name: str, saved: str, label: str, work: Callable[[str, Progress], int]) -> BackgroundOperation | None:
        """A list of this page as a workbook, off the UI thread: ``work(path, progress)`` writes it (every row
        under the filters, not only those shown) and gives the number written, said in ``saved``."""
        if model.rowCount() == 0:
            QMessageBox.information(self, title, nothing)
            return None
        if path is None:
            path = ask_save_path(self, title, name)
            if path is None:
                return None
        target = path

        def done(n: int) -> None:
            QMessageBox.information(self, title, saved.format(path=target, n=f"{n:,}"))

        return export_in_background(self, button, lambda p: work(target, p), done, label)

    def export_publicity(self, kind: str, path: str | None = None, period: tuple[date, date] | None = None) -> None:
        if period is None:
            dialog = PeriodDialog(self)
            if not dialog.exec():
                return
            period = dialog.period()
        first, last = period
        if not path:
            suffix = "xlsx" if kind == "xlsx" else "pdf"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save publicity list"),
                                                  f"公示名单_{first:%Y%m%d}-{last:%Y%m%d}.{suffix}",
                                                  "Excel (*.xlsx)" if kind == "xlsx" else "PDF (*.pdf)")
            if not path:
                return
            path = with_suffix(path, suffix)
        db, actor = self.ctx.db, self.ctx.actor
        target = path
        buttons = (self.publicity_xlsx_button, self.publicity_pdf_button)
        for button in buttons:  # one click, one file
            button.setEnabled(False)
        label = self.tr("Writing the publicity list…")
        if kind == "xlsx":
            op = run_in_background(self, lambda p: svc.export_publicity_xlsx(db, actor, target, decided_from=first,
                                                                             decided_to=last, progress=p),
                                   lambda n: self._exported(target, n), label=label)
        else:
            from desktop.views.printing import html_to_pdf

            def printed(html: str) -> None:  # Qt prints on the UI thread; the period's decisions were read off it
                try:
                    html_to_pdf(html, target, title=svc.publicity_title(first, last))
                except OSError as exc:
                    show_error(self, exc)
                    return
                self._exported(target, None)

            op = run_in_background(self, lambda _p: svc.publicity_html(db, actor, decided_from=first, decided_to=last,
                                                                       record_as=target), printed, label=label,
                                   cancellable=False)  # takes no progress: a Cancel button would do nothing
        op.done.connect(lambda: [button.setEnabled(True) for button in buttons])

    def record_monthly_payments(self) -> None:
        dialog = MonthlyAssistanceDialog(self.ctx, self)
        dialog.exec()
        if dialog.recorded:
            self.count_label.setText(self.tr("{n} payment(s) recorded").format(n=dialog.recorded))

    def _exported(self, path: str, n: int | None) -> None:
        text = self.tr("Saved to {path}").format(path=path)
        if n is not None:
            text = self.tr("{n} row(s) saved to {path}").format(n=n, path=path)
        self.count_label.setText(text)

    def selected_check(self) -> svc.PostCheckInfo | None:
        index = self.checks_table.currentIndex()
        if not index.isValid():
            return None
        return self.checks_model.rows[index.row()]

    def record_post_check(self) -> None:
        if not self.record_check_button.isEnabled():  # a double-click on the list: show the application
            self.open_post_check_application()
            return
        check = self.selected_check()
        if check is None:
            QMessageBox.information(self, self.tr("Post-checks"), self.tr("Select a post-check first."))
            return
        dialog = PostCheckDialog(self.ctx, check, self)
        if dialog.exec():
            if dialog.revocation_id is not None:
                QMessageBox.warning(self, self.tr("Revocation opened"), self.tr(
                    "The check failed: assistance was stopped and revocation case {id} was opened.").format(
                    id=dialog.revocation_id))
            self.refresh()

    def open_post_check_application(self) -> None:
        check = self.selected_check()
        if check is None:
            QMessageBox.information(self, self.tr("Post-checks"), self.tr("Select a post-check first."))
            return
        self.open_application(check.application_id)

    def draw_sample(self) -> None:
        dialog = SpotCheckDialog(self.ctx, self)
        if dialog.exec() and dialog.sample is not None:
            self.last_sample = dialog.sample
            sample = dialog.sample
            text = self.tr("Sample {id}: {n} drawn from {pop}, seed {seed}").format(
                id=sample.id, n=len(sample.rows), pop=sample.population_size, seed=sample.seed)
            if sample.under_check:
                text += self.tr(" ({n} household(s) still under an earlier spot check not drawn again)").format(
                    n=sample.under_check)
            self.sample_label.setText(text)
            self.refresh()

    def export_sample(self, path: str | None = None) -> None:
        sample_id = self.last_sample.id if self.last_sample else None
        if sample_id is None:
            check = self.selected_check()
            sample_id = check.sample_id if check else None
        if sample_id is None:
            QMessageBox.information(self, self.tr("Spot checks"),
                                    self.tr("Draw a sample, or select a spot check of the sample to export."))
            return
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save sample list"), f"抽查样本_{sample_id}.xlsx",
                                                  "Excel (*.xlsx)")
            if not path:
                return
            path = with_suffix(path)
        db, actor, target = self.ctx.db, self.ctx.actor, path
        run_in_background(self, lambda p: svc.export_sample_xlsx(db, actor, sample_id, target, p),
                          lambda n: self.sample_label.setText(self.tr("{n} row(s) saved to {path}").format(
                              n=n, path=Path(target).name)), label=self.tr("Writing the sample list…"))
