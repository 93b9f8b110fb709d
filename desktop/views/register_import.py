"""The household register import dialog (家庭台账导入): choose the file, dry run, import, errors by
row and column, and the empty template to download."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
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
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.import_wizard import SPREADSHEET_FILTER, RowsTableModel
from desktop.views.operations import run_in_background
from desktop.views.table_model import read_only_table

TEMPLATE_NAME = "家庭台账_导入模板.xlsx"


def save_template(parent: QWidget, path: str | None = None) -> str | None:
    """Ask where to save the empty standard register template, and write it."""
    if not path:
        path, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("RegisterImportDialog", "Save the empty register template"),
            str(Path.home() / TEMPLATE_NAME), "Excel (*.xlsx)")
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
        self.resize(860, 600)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("A filled copy of the standard register template"))
        self.path.textChanged.connect(self._path_changed)
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
        actions = QHBoxLayout()
        self.dry_run_button = QPushButton(self.tr("&Dry run (writes nothing)"))
        self.dry_run_button.clicked.connect(lambda: self.run(dry_run=True))
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
        self.errors = RowsTableModel([self.tr("Row"), self.tr("Column"), self.tr("Problem")], self)
        self.table = read_only_table(self.errors)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.running = False
        self.result_path = ""  # the file the result was read from
        self._path_changed()

    def _path_changed(self) -> None:
        has = bool(self.path.text().strip())
        self.dry_run_button.setEnabled(has and not self.running)
        self.import_button.setEnabled(has and not self.running)
        # the rows left out, from the file the result was read from (not one chosen since)
        self.errors_button.setEnabled(not self.running and self.result is not None
                                      and bool(self.result.rejected_rows)
                                      and self.path.text().strip() == self.result_path)

    def save_errors(self, path: str | None = None) -> None:
        """Write the rows of the households left out, with their reasons, to a workbook."""
        if self.result is None or not self.result.rejected_rows:
            return
        source = self.result_path
        if not path:
            suggested = str(Path(source).with_name(Path(source).stem + "_错误清单.xlsx"))
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the error workbook"), suggested,
                                                  self.tr("Excel workbook (*.xlsx)"))
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
        if not Path(path).is_file():
            QMessageBox.warning(self, self.windowTitle(), self.tr("The file “{path}” does not exist.").format(path=path))
            return
        if not dry_run and QMessageBox.question(
                self, self.windowTitle(),
                self.tr("Import “{name}” now? Households in the file are created or updated; a household with any "
                        "bad row is left out.").format(name=Path(path).name)) != QMessageBox.StandardButton.Yes:
            return
        db, actor = self.ctx.db, self.ctx.actor
        self.running = True
        self._path_changed()

        def work(progress: Progress) -> ri.RegisterImportResult:
            return ri.import_households(db, actor, path, dry_run=dry_run, progress=progress)

        def done(result: ri.RegisterImportResult) -> None:
            self.running = False
            self.result_path = path
            self.show_result(result)
            self._path_changed()
            if not result.dry_run:
                self.ctx.changes.publish("households", 0)
                self.ctx.changes.publish("board", 0)
                self.ctx.changes.publish("import_batches", result.batch_id or 0)

        def failed(exc: BaseException) -> None:
            self.running = False
            # the errors of an earlier run are not this file's: they would be read as the reasons
            self.result = None
            self.errors.set_rows([self.tr("Row"), self.tr("Column"), self.tr("Problem")], [])
            self.errors_label.setText(self.tr("Errors"))
            self._path_changed()
            self.summary.setText(getattr(exc, "message", "") or str(exc))
            self.summary.setStyleSheet("color: #c0392b;")
            show_error(self, exc)

        def cancelled() -> None:
            self.running = False
            self._path_changed()
            self.summary.setText(self.tr("Cancelled. Nothing was written."))

        run_in_background(self, work, done, on_error=failed, on_cancelled=cancelled,
                          label=self.tr("Checking the register…") if dry_run else self.tr("Importing the register…"))

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
        text = text.format(file=result.file_name, id=result.batch_id, rows=result.rows, households=result.households,
                           created=result.households_created, updated=result.households_updated,
                           persons=result.persons, rejected=result.households_rejected)
        if result.members_removed:
            removed = (self.tr("{n} member(s) no longer listed would be removed from their household: {names}")
                       if result.dry_run else
                       self.tr("{n} member(s) no longer listed were removed from their household: {names}"))
            text += "\n" + removed.format(n=result.members_removed, names=ri.removed_note(result))
        if result.income_lines_kept:
            text += "\n" + ri.kept_note(result)
        if result.other_sheets:
            text += "\n" + ri.other_sheets_note(result)
        if result.already_imported:
            text += "\n" + result.already_imported
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #c0392b;" if result.already_imported else "")
        rows = [[str(e.row) if e.row else "", e.column, e.message] for e in result.errors]
        self.errors.set_rows([self.tr("Row"), self.tr("Column"), self.tr("Problem")], rows)
        self.errors_label.setText(self.tr("Errors ({n})").format(n=len(rows)))
        self.table.resizeColumnsToContents()
