"""The household register import dialog (家庭台账导入): choose the file, dry run, import, errors by
row and column, and the empty template to download."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import register_import as ri
from desktop.services.errors import ServiceError
from desktop.services.progress import Progress
from desktop.views.confirm import asked_yes
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.import_wizard import (
    SPREADSHEET_FILTER,
    RowsTableModel,
    SheetChoice,
    import_cancel_question,
)
from desktop.views.operations import BackgroundOperation, run_in_background
from desktop.views.save_as import with_suffix
from desktop.views.screens import resize_to_fit
from desktop.views.table_model import EmptyHint, read_only_table

TEMPLATE_NAME = "家庭台账_导入模板.xlsx"


def save_template(parent: QWidget, path: str | None = None) -> str | None:
    """Ask where to save the empty standard register template, and write it."""
    if not path:
        path, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("RegisterImportDialog", "Save the empty register template"),
            str(Path.home() / TEMPLATE_NAME), "Excel (*.xlsx)")
        path = with_suffix(path) if path else path  # "模板" typed: 模板.xlsx, as the command asks for
    if not path:
        return None
    try:
        ri.write_register_template(path)
    except ServiceError as exc:
        show_error(parent, exc)
        return None
    return path


class RegisterImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: ri.RegisterImportResult | None = None
        self.setWindowTitle(self.tr("Import the household register"))
        resize_to_fit(self, 860, 600)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("A filled copy of the standard register template"))
        self.path.textChanged.connect(self._file_changed)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self.browse)
        self.template_button = QPushButton(self.tr("Save the empty &template…"))
        self.template_button.clicked.connect(self.save_template)
        label = QLabel(self.tr("&File:"))
        label.setBuddy(self.path)
        row.addWidget(label)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        row.addWidget(self.template_button)
        layout.addLayout(row)
        # Offices send one sheet per 街道, or a 说明 sheet first: the sheet is read as found unless another is chosen.
        row = QHBoxLayout()
        self.sheet = SheetChoice()
        self.sheet.setEnabled(False)
        self.sheet.currentTextChanged.connect(self._sheet_chosen)
        row.addWidget(self.sheet.label())
        row.addWidget(self.sheet, 1)
        layout.addLayout(row)
        self.sheet_info = QLabel()
        self.sheet_info.setWordWrap(True)
        layout.addWidget(self.sheet_info)
        self.preview: ri.RegisterPreview | None = None  # of the file in the box (its sheets), once read
        self.preview_path = ""  # the file it was read from
        self.reads = 0  # reads of the sheets asked for: only the last one's answer is shown
        self.preview_timer = QTimer(self)  # the file is read once typing stops, not at every key
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(250)
        self.preview_timer.timeout.connect(lambda: self.read_sheets())
        actions = QHBoxLayout()
        self.dry_run_button = QPushButton(self.tr("&Dry run (writes nothing)"))
        self.dry_run_button.clicked.connect(lambda: self.run(dry_run=True))
        self.dry_run_button.setDefault(True)  # Enter after the path is typed checks it (it opened “Browse”)
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        self.errors_button = QPushButton(self.tr("Save the &error workbook…"))
        self.errors_button.setToolTip(self.tr("The rows of the households left out, in the file's own layout, "
                                              "with each row's number in the file and the reason beside it, "
                                              "to correct and import again"))
        self.errors_button.clicked.connect(lambda: self.save_errors())
        actions.addWidget(self.dry_run_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.errors_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.errors_label = QLabel(self.tr("Errors"))
        layout.addWidget(self.errors_label)
        self.errors = RowsTableModel([self.tr("Row"), self.tr("Column"), self.tr("Problem")], self, numbers=(0,))
        self.table = read_only_table(self.errors)
        # a clean run left an empty white box under "Errors (0)": it says so instead
        self.empty_hint = EmptyHint(self.table, self.not_run_hint())
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.running = False
        self.operation: BackgroundOperation | None = None  # a dry run or an import running
        self.result_path = ""  # the file the result was read from
        self._path_changed()

    def _path_changed(self) -> None:
        has = bool(self.path.text().strip())
        # a sheet without the template header has nothing to import (the line under the sheet says why)
        ready = has and not self.running and not (self.preview is not None and self.preview.problem)
        self.dry_run_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.sheet.setEnabled(not self.running and self.sheet.count() > 1)
        # the rows left out, from the file the result was read from (not one chosen since)
        self.errors_button.setEnabled(not self.running and self.result is not None
                                      and bool(self.result.rejected_rows)
                                      and self.path.text().strip() == self.result_path)

    def _file_changed(self) -> None:
        """Another file: its sheets are not known yet (the last file's are not its own)."""
        self.preview = None
        self.reads += 1  # a read of the last file still under way is not this one's
        self.sheet.fill([], "")
        self.sheet_info.clear()
        self._path_changed()
        self.preview_timer.start()

    def _sheet_chosen(self, sheet: str) -> None:
        """Another sheet chosen: what was found in the last one is not this one's; read it."""
        if not sheet:
            return
        self._forget_result()
        self.summary.clear()
        self.read_sheets(sheet)

    def chosen_sheet(self) -> str | None:
        """The sheet to import: the one in the box when it lists this file's sheets, else the
        service finds it (the file was not read yet)."""
        if self.preview is None or self.preview_path != self.path.text().strip():
            return None
        return self.sheet.chosen()

    def read_sheets(self, sheet: str | None = None) -> None:
        """Read the file's sheets and where the register is in ``sheet`` (else the sheet found)."""
        self.preview_timer.stop()  # this read is the one asked for
        self.reads += 1
        read, path = self.reads, self.path.text().strip()
        if not path or not Path(path).is_file():
            return

        def done(preview: ri.RegisterPreview) -> None:
            if read != self.reads:
                return  # another file or sheet was chosen meanwhile: its read says what is shown
            self.preview, self.preview_path = preview, path
            self.sheet.fill(preview.sheet_names, preview.sheet)
            self.show_preview(preview)
            self._path_changed()

        def failed(exc: BaseException) -> None:
            if read != self.reads:
                return
            # said under the file, as a dry run would (which shows it in a message box as well)
            self.sheet.fill([], "")
            self.sheet_info.setText(getattr(exc, "message", "") or str(exc))
            self.sheet_info.setStyleSheet("color: #c0392b;")
            self._path_changed()

        run_in_background(self, lambda _p: ri.preview_register(path, sheet), done, on_error=failed,
                          label=self.tr("Reading the file…"))

    def show_preview(self, preview: ri.RegisterPreview) -> None:
        if preview.problem:
            self.sheet_info.setText(preview.problem)
            self.sheet_info.setStyleSheet("color: #c0392b;")
            return
        text = self.tr("Sheet “{sheet}”: the template header is on row {row}, with {n} row(s) under it.").format(
            sheet=preview.sheet, row=preview.header_row, n=preview.rows_estimate)
        if preview.other_sheets:
            text += "\n" + ri.other_sheets_note(preview) + self.other_sheets_hint()
        self.sheet_info.setText(text)
        self.sheet_info.setStyleSheet("")

    def other_sheets_hint(self) -> str:
        return self.tr("To import another sheet, choose it under Sheet above and run the import again.")

    def not_run_hint(self) -> str:
        """What the error list says before a run: where its rows come from."""
        return self.tr("Choose the register file and press “Dry run”: the rows with errors are listed here.")

    def _forget_result(self) -> None:
        """The errors of an earlier run are not of what is chosen now: they would be read as its reasons."""
        self.result = None
        self.empty_hint.setText(self.not_run_hint())
        self.errors.set_rows([self.tr("Row"), self.tr("Column"), self.tr("Problem")], [])
        self.errors_label.setText(self.tr("Errors"))
        self._path_changed()

    def save_errors(self, path: str | None = None) -> None:
        """Write the rows of the households left out, with their reasons, to a workbook."""
        if self.result is None or not self.result.rejected_rows:
            return
        source = self.result_path
        if not path:
            suggested = str(Path(source).with_name(Path(source).stem + "_错误清单.xlsx"))
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the error workbook"), suggested,
                                                  self.tr("Excel workbook (*.xlsx)"))
            path = with_suffix(path) if path else path
        if not path:
            return
        result, target = self.result, path
        self.running = True  # no other run meanwhile, and one click makes one file
        self._path_changed()

        def done(n: int) -> None:
            self.summary.setText(self.summary.text() + "\n" + self.tr(
                "{n} row(s) of the households left out were written with their reasons to {path}.").format(
                n=n, path=target))

        def ended() -> None:
            self.running = False
            self._path_changed()

        # the whole register is read again (a district's has 100,000 rows and more)
        op = run_in_background(self, lambda _p: ri.write_error_workbook(source, result, target), done,
                               on_error=lambda exc: show_error(self, exc), label=self.tr("Writing the error workbook…"),
                               cancellable=False)
        op.done.connect(ended)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Household register"), self.path.text(),
                                              self.tr("Spreadsheets ({patterns})").format(patterns=SPREADSHEET_FILTER))
        if path:
            self.path.setText(path)

    def save_template(self) -> None:
        path = save_template(self)
        if path:
            self.summary.setText(self.tr("The empty template was saved to {path}.").format(path=path))

    def run(self, *, dry_run: bool) -> None:
        path = self.path.text().strip()
        if not Path(path).exists():  # a folder is read, and refused as one (it said "does not exist")
            QMessageBox.warning(self, self.windowTitle(), self.tr("The file “{path}” does not exist.").format(path=path))
            return
        if not dry_run and not asked_yes(
                self, self.windowTitle(),
                self.tr("Import “{name}” now? Households in the file are created or updated; a household with any "
                        "bad row is left out.").format(name=Path(path).name)):
            return
        db, actor, sheet = self.ctx.db, self.ctx.actor, self.chosen_sheet()
        self.running = True
        self._path_changed()

        def work(progress: Progress) -> ri.RegisterImportResult:
            return ri.import_households(db, actor, path, dry_run=dry_run, progress=progress, sheet=sheet)

        def done(result: ri.RegisterImportResult) -> None:
            self.running = False
            self.operation = None
            self.result_path = path
            self.show_result(result)
            self._path_changed()
            if not result.dry_run:
                if result.subdistricts_created:  # a new database's first register brought its 街道/社区
                    self.ctx.changes.publish("regions", 0)
                self.ctx.changes.publish("households", 0)
                self.ctx.changes.publish("board", 0)
                self.ctx.changes.publish("import_batches", result.batch_id or 0)

        def failed(exc: BaseException) -> None:
            self.running = False
            self.operation = None
            self._forget_result()  # the errors of an earlier run are not this file's
            self.summary.setText(getattr(exc, "message", "") or str(exc))
            self.summary.setStyleSheet("color: #c0392b;")
            show_error(self, exc)

        def cancelled() -> None:
            self.running = False
            self.operation = None
            self._path_changed()
            self.summary.setText(self.tr("Cancelled. Nothing was written."))

        self.operation = run_in_background(
            self, work, done, on_error=failed, on_cancelled=cancelled,
            label=self.tr("Checking the register…") if dry_run else self.tr("Importing the register…"),
            cancel_question=None if dry_run else import_cancel_question())

    def reject(self) -> None:
        """Close, Esc or the close button while a dry run or an import runs: it is cancelled first (the
        dialog stays, saying so): an import once the user agrees, a dry run at once."""
        op = self.operation
        if op is not None:
            op.ask_cancel()
            return
        super().reject()

    def show_result(self, result: ri.RegisterImportResult) -> None:
        self.result = result
        if result.dry_run:
            text = self.tr("Dry run of “{file}”: nothing was written. {rows} person row(s) in {households} "
                           "household(s): {created} household(s) would be created and {updated} updated "
                           "({persons} person(s)); {rejected} household(s) with errors would be left out.")
        elif result.batch_id is None:
            text = self.tr("Nothing was imported from “{file}”: all {households} household(s) ({rows} person row(s)) "
                           "have errors. Correct them and import the file again.")
        else:
            text = self.tr("“{file}” was imported as batch #{id}. {rows} person row(s) in {households} household(s): "
                           "{created} household(s) created and {updated} updated ({persons} person(s)); "
                           "{rejected} household(s) with errors were left out.")
        text = text.format(file=result.file_name, id=result.batch_id, rows=f"{result.rows:,}",
                           households=f"{result.households:,}", created=f"{result.households_created:,}",
                           updated=f"{result.households_updated:,}", persons=f"{result.persons:,}",
                           rejected=f"{result.households_rejected:,}")
        if result.rejected_rows and (result.dry_run or result.batch_id is not None):  # else: all were left out
            left = (self.tr("{n} person row(s) of the households with errors would not be imported (why: "
                            "the errors below; the error workbook holds these rows, to send back).") if result.dry_run else
                    self.tr("{n} person row(s) of the households with errors were not imported (why: the "
                            "errors below; the error workbook holds these rows, to send back)."))
            text += "\n" + left.format(n=f"{len(result.rejected_rows):,}")
        if result.subdistricts_created:
            text += "\n" + ri.regions_note(result)
        if result.members_removed:
            removed = (self.tr("{n} member(s) no longer listed would be removed from their household: {names}")
                       if result.dry_run else
                       self.tr("{n} member(s) no longer listed were removed from their household: {names}"))
            text += "\n" + removed.format(n=result.members_removed, names=ri.removed_note(result))
        if result.income_lines_kept:
            text += "\n" + ri.kept_note(result)
        if result.blanks_kept:
            text += "\n" + ri.blanks_kept_note(result)
        if result.unread_columns:
            text += "\n" + ri.unread_note(result)
        if result.hidden_rows:
            text += "\n" + ri.hidden_rows_note(result)
        if result.to_check:
            text += "\n" + ri.to_check_note(result) + "".join(f"\n  {line}" for line in result.to_check[:20])
        if result.other_sheets:
            text += "\n" + ri.other_sheets_note(result) + self.other_sheets_hint()
        if result.already_imported:
            text += "\n" + result.already_imported
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #c0392b;" if result.already_imported else "")
        rows = [[str(e.row) if e.row else "", e.column, e.message] for e in result.errors]
        self.empty_hint.setText(self.tr("No errors: every row of the file passed the checks."))
        self.errors.set_rows([self.tr("Row"), self.tr("Column"), self.tr("Problem")], rows)
        self.errors_label.setText(self.tr("Errors ({n})").format(n=f"{len(rows):,}"))
        self.table.resizeColumnsToContents()
