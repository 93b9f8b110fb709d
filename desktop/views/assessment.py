"""The assessment area: recent assessments, a new assessment (the wizard), the calculation sheet, and
re-assessment of everyone in scope ("政策找人") with confirmation of the proposed moves."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.rules import means_test as mt
from desktop.services import assessment as svc
from desktop.services import regions
from desktop.services.errors import ServiceError
from desktop.views.assessment_wizard import AssessmentWizard, write_sheet
from desktop.views.confirm import asked_yes
from desktop.views.context import AppContext
from desktop.views.dates import day_edit
from desktop.views.errors import show_error
from desktop.views.keys import shortcut_for
from desktop.views.operations import run_in_background
from desktop.views.save_as import ask_save_path, with_suffix
from desktop.views.screens import resize_to_fit
from desktop.views.table_model import (
    ColumnChooser,
    CutNote,
    RowListTableModel,
    columns_button,
    read_only_table,
)


class AssessmentsTableModel(RowListTableModel[svc.AssessmentRow]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("AssessmentsTableModel", "No."),
        QT_TRANSLATE_NOOP("AssessmentsTableModel", "Date"),
        QT_TRANSLATE_NOOP("AssessmentsTableModel", "Head of household"),
        QT_TRANSLATE_NOOP("AssessmentsTableModel", "Community"),
        QT_TRANSLATE_NOOP("AssessmentsTableModel", "Result"),
        QT_TRANSLATE_NOOP("AssessmentsTableModel", "Per-capita income"),
        QT_TRANSLATE_NOOP("AssessmentsTableModel", "Urgent"),
        QT_TRANSLATE_NOOP("AssessmentsTableModel", "Placement"),
        QT_TRANSLATE_NOOP("AssessmentsTableModel", "Assessor"),
    )

    def display(self, r: svc.AssessmentRow, column: int) -> object:
        placement = r.placement_label + (self.tr(" (changed)") if r.overridden else "")
        return (r.id, r.assessed_on.isoformat(), r.head_name, r.region_name, r.category_label,
                f"{r.per_capita_income:,.2f}", self.tr("Yes") if r.urgent else "", placement,
                r.assessor)[column]

    def role_data(self, r: svc.AssessmentRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ProposalsTableModel(RowListTableModel[svc.Proposal]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("ProposalsTableModel", "Code"),
        QT_TRANSLATE_NOOP("ProposalsTableModel", "Head of household"),
        QT_TRANSLATE_NOOP("ProposalsTableModel", "Current category"),
        QT_TRANSLATE_NOOP("ProposalsTableModel", "Suggested category"),
        QT_TRANSLATE_NOOP("ProposalsTableModel", "Per-capita income"),
        QT_TRANSLATE_NOOP("ProposalsTableModel", "Proposed move"),
    )

    def __init__(self, rows: list[svc.Proposal], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = list(rows)

    def display(self, p: svc.Proposal, column: int) -> str:
        return (p.code, p.head_name, svc.category_label(p.current_category), svc.category_label(p.suggested_category),
                f"{p.per_capita_income:,.2f}", mt.PLACEMENT_LABELS[p.placement])[column]


SKIPPED_NAMED = 20  # households named in the message after confirming; the rest are counted


class ReassessDialog(QDialog):
    """Choose the scope, date and file; run; review the changes; confirm the moves."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary: svc.ReassessSummary | None = None
        self.confirmed: svc.ConfirmResult | None = None
        self.setWindowTitle(self.tr("Re-assess everyone"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Runs the means test again for every household in the chosen area with the "
                               "policy settings in force on the date, and writes one row per household to a "
                               "workbook. Nothing in the register changes until you confirm the moves."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.region = QComboBox()
        self.region.addItem(self.tr("Everything I can see"), None)
        try:
            for region in regions.list_regions(ctx.db, ctx.actor):
                depth = max(region.path.count("/") - 2, 0)
                self.region.addItem("    " * depth + region.name, region.id)
        except ServiceError as exc:
            show_error(self, exc)
        form.addRow(self.tr("&Area:"), self.region)
        self.as_of = day_edit(QDate.currentDate())
        form.addRow(self.tr("Settings in force &on:"), self.as_of)
        row = QHBoxLayout()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.path = QLineEdit(str(Path(folder or ".") / f"重新评估_{date.today().isoformat()}.xlsx"))
        self._replace_agreed = ""  # the path the user agreed may replace a file there
        browse = QToolButton()
        browse.setText("…")
        browse.clicked.connect(self.browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        label = QLabel(self.tr("Output &file:"))
        label.setBuddy(self.path)  # a row of two widgets gives the form's own label no buddy
        form.addRow(label, row)
        layout.addLayout(form)
        self.run_button = QPushButton(self.tr("&Run re-assessment"))
        self.run_button.clicked.connect(self.run)
        layout.addWidget(self.run_button)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        self.model = ProposalsTableModel([], self)
        self.table = read_only_table(self.model, numbers=(0,), empty=self.tr(
            "No household needs a move: each suggested placement matches where the household is now."))  # rows selected whole; Ctrl/Shift+click picks several
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        layout.addWidget(self.table, 1)
        self.selection_hint = QLabel()
        self.selection_hint.setWordWrap(True)
        layout.addWidget(self.selection_hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.confirm_button = buttons.addButton(self.tr("&Confirm proposed moves…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_to_fit(self, 860, 560)

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save re-assessment"), self.path.text(),
                                              self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.path.setText(with_suffix(path))
            self._replace_agreed = self.path.text()  # the save dialog asked about a file already there

    def run(self) -> None:
        region_id = self.region.currentData()
        as_of = self.as_of.date().toPython()
        out = self.path.text().strip()
        # the name offered is the day's: a second run that day (another region) replaced the first's file
        if out != self._replace_agreed and Path(out).is_file() and not asked_yes(
                self, self.windowTitle(), self.tr("The file {name} already exists (perhaps an earlier "
                                                  "re-assessment). Replace it?").format(name=out)):
            return
        self._replace_agreed = out
        self.run_button.setEnabled(False)

        def work(progress):  # noqa: ANN001, ANN202
            return svc.reassess(self.ctx.db, self.ctx.actor, region_id=region_id, as_of=as_of, out_path=out,
                                progress=progress)

        def failed(exc: BaseException) -> None:
            self.run_button.setEnabled(True)
            show_error(self, exc)

        run_in_background(self, work, self.show_summary, on_error=failed,
                          on_cancelled=lambda: self.run_button.setEnabled(True),
                          label=self.tr("Re-assessing households…"))

    def show_summary(self, summary: svc.ReassessSummary) -> None:
        self.summary = summary
        self.run_button.setEnabled(True)
        counts = ", ".join(f"{mt.RESULT_LABELS[k]} {v:,}" for k, v in summary.by_category.items())
        text = self.tr("%1 households re-assessed with the settings in force on %2: %3. %4 changed. "
                       "Written to %5.").replace("%1", f"{summary.total:,}").replace("%2", summary.as_of.isoformat()) \
            .replace("%3", counts).replace("%4", f"{summary.changed:,}").replace("%5", summary.out_path)
        if summary.by_category.get("dibao"):
            text += " " + self.tr("By the difference to the standard, the {n} households assessed for the "
                                  "subsistence allowance would be paid {amount} yuan a month in all.").format(
                n=f"{summary.by_category['dibao']:,}", amount=f"{summary.dibao_allowance:,.2f}")
        if summary.without_members:
            text += " " + self.tr("%1 households have no members and could not be assessed.").replace(
                "%1", f"{summary.without_members:,}")
        if summary.figures_off_period:
            text += " " + self.tr("Note: the incomes on record of %1 households are not for the 12 months before "
                                  "the date (said in the sheet's remarks); check their results.").replace(
                "%1", f"{summary.figures_off_period:,}")
        self.result_label.setText(text)
        self.model.set_rows(list(summary.proposals))
        self.table.selectAll()  # all proposed moves by default; the user may narrow the choice
        self._selection_changed()

    def selected_proposals(self) -> list[svc.Proposal]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows if r < len(self.model.rows)]

    def _selection_changed(self) -> None:
        """The button says how many moves it confirms: all of them, or only the rows chosen."""
        chosen, total = len(self.selected_proposals()), len(self.model.rows)
        self.confirm_button.setEnabled(chosen > 0)
        self.confirm_button.setText(self.tr("&Confirm %1 selected moves…").replace("%1", f"{chosen:,}"))
        if not total:
            self.selection_hint.setText("")
        elif chosen == total:
            self.selection_hint.setText(self.tr("All %1 proposed moves are selected. To confirm only some, click "
                                                "a row and Ctrl+click or Shift+click the others.")
                                        .replace("%1", f"{total:,}"))
        else:
            self.selection_hint.setText(self.tr("%1 of %2 proposed moves selected; the others stay in the list "
                                                "and in the workbook.").replace("%1", f"{chosen:,}")
                                        .replace("%2", f"{total:,}"))

    def confirm(self) -> None:
        proposals = self.selected_proposals()
        if not proposals:
            return
        if not asked_yes(self, self.tr("Confirm moves"),
                         self.tr("Move %1 households as proposed? Each move is recorded with its reason.")
                         .replace("%1", str(len(proposals)))):
            return

        def work(progress):  # noqa: ANN001, ANN202
            return svc.confirm_moves(self.ctx.db, self.ctx.actor, proposals, progress=progress)

        done = {p.household_id for p in proposals}
        run_in_background(self, work, lambda result: self.show_confirmed(result, done),
                          label=self.tr("Applying the moves…"))

    def show_confirmed(self, result: svc.ConfirmResult, done: set[int]) -> None:
        """The confirmed rows leave the list; the rest can still be confirmed (or left) afterwards."""
        self.confirmed = result
        rest = [p for p in self.model.rows if p.household_id not in done]
        self.model.set_rows(rest)
        self.table.clearSelection()
        self._selection_changed()
        self.ctx.changes.publish("board", 0)
        self.ctx.changes.publish("households", 0)
        text = self.tr("%1 households moved, %2 unchanged.").replace("%1", str(result.moved)) \
            .replace("%2", str(result.unchanged))
        if result.skipped:
            # every skipped household counted, the first ones named: they leave the list, so a name cut
            # off here without a word was a household nobody would re-assess
            names = "; ".join(result.skipped[:SKIPPED_NAMED])
            if len(result.skipped) > SKIPPED_NAMED:
                names += self.tr(" … and %1 more").replace("%1", str(len(result.skipped) - SKIPPED_NAMED))
            text += "\n" + self.tr("%1 households skipped (re-assess them again): %2").replace(
                "%1", str(len(result.skipped))).replace("%2", names)
        self.result_label.setText(text)
        QMessageBox.information(self, self.tr("Confirm moves"), text)


class AssessmentPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.wizard: AssessmentWizard | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New assessment…"))
        shortcut_for(self.new_button, QKeySequence.StandardKey.New)  # Alt+N stays
        self.new_button.clicked.connect(lambda: self.assess_household(None))
        self.reassess_button = QPushButton(self.tr("&Re-assess everyone…"))
        self.reassess_button.clicked.connect(self.reassess)
        self.print_button = QPushButton(self.tr("&Print calculation sheet…"))
        self.print_button.clicked.connect(self.print_selected)
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.columns_button = columns_button(self.tr("Col&umns…"))
        for b in (self.new_button, self.reassess_button, self.print_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.columns_button)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)
        shortcut_for(self.refresh_button, QKeySequence.StandardKey.Refresh)  # F5, named in its tool tip

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.model = AssessmentsTableModel(self)
        self.table = read_only_table(self.model, widths=(60, 90, 80, 100, 90, 100, 50, 200), single=True, empty=self.tr(
            "No assessment yet: “New assessment” works out a household's income and category."))
        self.table.selectionModel().selectionChanged.connect(self.show_selected)
        # 编号 and 户主 say whose assessment it is: always shown.
        self.columns = ColumnChooser(self.table, "assessments", ctx.actor.username, essential=(0, 2),
                                     button=self.columns_button)
        listed = QWidget()  # the list and, under it, the line saying when it is cut
        listed_layout = QVBoxLayout(listed)
        listed_layout.setContentsMargins(0, 0, 0, 0)
        listed_layout.addWidget(self.table, 1)
        self.cut_note = CutNote()
        listed_layout.addWidget(self.cut_note)
        splitter.addWidget(listed)
        self.detail = QTextBrowser()
        splitter.addWidget(self.detail)
        splitter.setSizes([360, 240])
        layout.addWidget(splitter, 1)
        ctx.changes.changed.connect(self._changed)
        self.refresh()

    def _changed(self, topic: str, _ident: int) -> None:
        if topic in ("assessments", "*"):
            self.refresh()

    def refresh(self) -> None:
        selected = self.selected_id()
        try:
            rows = svc.list_assessments(self.ctx.db, self.ctx.actor)
        except ServiceError as exc:
            self.detail.setPlainText(exc.message)
            self.new_button.setEnabled(False)
            self.reassess_button.setEnabled(False)
            return
        self.model.set_rows(rows)
        # the latest LIST_LIMIT only: say so, how many there are, and where the others are
        self.cut_note.say(self.tr("Only the latest {n} assessments are shown, of {total}. Each household's "
                                  "assessments are all in its window (Households, History tab).")
                          .format(n=f"{len(rows):,}", total=f"{rows.total:,}") if rows.truncated else "")
        for n, r in enumerate(rows):
            if r.id == selected:
                self.table.selectRow(n)
                break
        else:
            self.detail.setPlainText(self.tr("Select an assessment to see its calculation.") if rows else
                                     self.tr("No assessments yet. Start one with \"New assessment\"."))

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].id if rows else None

    def show_selected(self) -> None:
        aid = self.selected_id()
        if aid is None:
            return
        try:
            d = svc.get_assessment(self.ctx.db, self.ctx.actor, aid)
        except ServiceError as exc:
            show_error(self, exc)
            return
        methods = "、".join(mt.VERIFICATION_METHODS.get(m, m) for m in d.verification_methods)
        head = self.tr("Assessment %1 of %2 on %3 — verified by %4 (%5)").replace("%1", str(d.id)) \
            .replace("%2", d.head_name).replace("%3", d.assessed_on.isoformat()).replace("%4", methods) \
            .replace("%5", "、".join(d.investigators))
        self.detail.setPlainText(head + "\n\n" + d.explanation
                                 + (f"\n\n改变建议去向的理由:{d.override_reason}" if d.override_reason else ""))

    def assess_household(self, household_id: int | None) -> AssessmentWizard:
        """Open the wizard (for a household when given). The main window calls this for the board."""
        wizard = AssessmentWizard(self.ctx, self, household_id)
        wizard.saved.connect(lambda *_: self.refresh())
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.wizard = wizard
        wizard.open()
        if household_id is None:
            wizard.choose.search.setFocus()
        return wizard

    def reassess(self) -> ReassessDialog:
        dialog = ReassessDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def print_selected(self) -> None:
        aid = self.selected_id()
        if aid is None:
            QMessageBox.information(self, self.tr("Print calculation sheet"), self.tr("Select an assessment first."))
            return
        try:
            detail = svc.get_assessment(self.ctx.db, self.ctx.actor, aid)
        except ServiceError as exc:
            show_error(self, exc)
            return
        path = ask_save_path(self, self.tr("Save calculation sheet"),
                             f"评估计算表_{detail.head_name}_{detail.id}.pdf", "pdf")
        if path:
            try:
                write_sheet(detail, path)
                svc.log_sheet_printed(self.ctx.db, self.ctx.actor, detail, path)
            except (OSError, ServiceError) as exc:
                show_error(self, exc)
