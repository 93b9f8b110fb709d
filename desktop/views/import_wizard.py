"""The department-list import wizard (部门名单导入).

File and department → sheet, header row and column mapping (fixable) → preview of the rows →
dry run with the counts → import (progress, cancel) → result with counts that add up, the error
workbook and bulk assignment of the rows that have no sub-district/community yet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.rules import codes, idcard
from desktop.services import department_import as di
from desktop.services.errors import ServiceError
from desktop.services.progress import Progress
from desktop.views.clue_form import fill_regions
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.full_ids import FullIdViewLog
from desktop.views.keys import clear_layout
from desktop.views.operations import BackgroundOperation, CancelQuestion, run_busy, run_in_background
from desktop.views.save_as import export_in_background, with_suffix
from desktop.views.screens import resize_to_fit
from desktop.views.table_model import read_only_table

Index = QModelIndex | QPersistentModelIndex

FIELD_ORDER = ("id_number", "name", "subdistrict", "community", "address", "phone", "id_type")
# .et: WPS; .htm/.html/.xml: tables that systems export as "Excel" (all read by content)
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".et", ".ods", ".csv", ".txt", ".htm", ".html", ".xml")
SPREADSHEET_FILTER = " ".join(f"*{suffix}" for suffix in SPREADSHEET_SUFFIXES)


class RowsTableModel(QAbstractTableModel):
    """A read-only table of plain rows (strings), with optional per-row colours; the columns in
    ``numbers`` (row numbers, counts) are right-aligned."""

    def __init__(self, headers: Sequence[str] = (), parent: QWidget | None = None, *,
                 numbers: Sequence[int] = ()) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.numbers = frozenset(numbers)
        self.rows: list[list[str]] = []
        self.colours: list[str | None] = []

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[Any]],
                 colours: Sequence[str | None] | None = None) -> None:
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = [["" if v is None else str(v) for v in row] for row in rows]
        self.colours = list(colours) if colours is not None else [None] * len(self.rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else ""
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.ForegroundRole and self.colours[index.row()]:
            return QColor(self.colours[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.numbers:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() < len(row):
            return long_text_tip(row[index.column()])
        return None


TIP_FROM = 16  # characters: a longer cell (a reason, an address, a file name) may be cut short in its column


def long_text_tip(text: str) -> str | None:
    """The whole of a long cell as a tool tip, wrapped (as rich text) to a readable width: a reason
    that says how to put a row right is cut short in a narrow column."""
    return f"<p>{escape(text)}</p>" if len(text) >= TIP_FROM else None


def import_cancel_question() -> CancelQuestion:
    """Asked before the user's Cancel stops an import (the department wizard's, the register's): what
    was read is lost. A dry run writes nothing and is cancelled without a question."""
    return CancelQuestion(
        QCoreApplication.translate("ImportCancel", "Importing… Cancel the import? The data read so far will not be "
                                                   "saved."),
        QCoreApplication.translate("ImportCancel", "&Cancel the import"),
        QCoreApplication.translate("ImportCancel", "C&ontinue the import"))


class SheetChoice(QComboBox):
    """Which sheet of a workbook to read (the department wizard's mapping page, the register import
    dialog): filled with the workbook's sheets and the one the service found, without signalling
    that as a choice; ``chosen()`` is the sheet to pass to the service (None before any is known)."""

    def label(self) -> QLabel:
        """The label to put before it (Alt+S)."""
        label = QLabel(self.tr("&Sheet:"))
        label.setBuddy(self)
        return label

    def fill(self, names: Sequence[str], current: str) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItems(list(names))
        self.setCurrentText(current)
        self.blockSignals(False)
        self.setEnabled(len(names) > 1)

    def chosen(self) -> str | None:
        return self.currentText() or None


class CountsView(QGroupBox):
    """The counts of a screening, laid out so that they visibly add up. ``value(key)`` reads one back."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.grid = QGridLayout(self)
        self.values: dict[str, QLabel] = {}
        self.total_check = QLabel()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #a04000;")

    def _row(self, key: str, label: str, value: int, indent: int = 0, bold: bool = False) -> None:
        row = self.grid.rowCount()
        name = QLabel("    " * indent + label)
        number = QLabel(str(value))
        number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        number.setObjectName(f"count_{key}")
        if bold:
            name.setStyleSheet("font-weight: bold;")
            number.setStyleSheet("font-weight: bold;")
        self.grid.addWidget(name, row, 0)
        self.grid.addWidget(number, row, 1)
        self.values[key] = number

    def show_result(self, result: di.DepartmentImportResult) -> None:
        clear_layout(self.grid, keep=(self.total_check, self.note))
        self.values.clear()
        self._row("data_rows", self.tr("Data rows in the file"), result.data_rows, bold=True)
        self._row("valid", self.tr("Valid"), result.valid, 1)
        invalid_total = sum(result.invalid.values())
        self._row("invalid", self.tr("Invalid"), invalid_total, 1)
        for reason, n in result.invalid.items():
            label = di.reason_label(reason)
            self._row(f"invalid:{reason}", label, n, 2)
        self._row("duplicates", self.tr("Duplicates (ID repeated earlier in the file)"), result.duplicates, 1)
        adds_up = result.data_rows == result.valid + invalid_total + result.duplicates
        self.total_check.setText(
            self.tr("{rows} = {valid} valid + {invalid} invalid + {dups} duplicates {mark}").format(
                rows=result.data_rows, valid=result.valid, invalid=invalid_total, dups=result.duplicates,
                mark="✓" if adds_up else "✗"))
        self.total_check.setStyleSheet("color: #1e7e34;" if adds_up else "color: #c0392b; font-weight: bold;")
        self.grid.addWidget(self.total_check, self.grid.rowCount(), 0, 1, 2)
        self._row("in_assistance", self.tr("Valid rows: in assistance (低保/特困), set aside"),
                  result.buckets.get("in_assistance", 0), bold=True)
        self._row("known", self.tr("Valid rows: known households not in assistance"), result.buckets.get("known", 0),
                  bold=True)
        self._row("new", self.tr("Valid rows: new people (become clues)"), result.buckets.get("new", 0), bold=True)
        buckets = sum(result.buckets.values())
        check = QLabel(self.tr("{valid} valid = {a} in assistance + {k} known + {n} new {mark}").format(
            valid=result.valid, a=result.buckets.get("in_assistance", 0), k=result.buckets.get("known", 0),
            n=result.buckets.get("new", 0), mark="✓" if buckets == result.valid else "✗"))
        check.setStyleSheet("color: #1e7e34;" if buckets == result.valid else "color: #c0392b; font-weight: bold;")
        self.grid.addWidget(check, self.grid.rowCount(), 0, 1, 2)
        self._row("unassigned", self.tr("Not in assistance and without a sub-district/community"), result.unassigned,
                  1)
        new = result.buckets.get("new", 0)
        if result.clues_created < new:  # their open clue is being worked on: no second one
            self._row("open_clue", self.tr("New people who already have an open clue (none made again)"),
                      new - result.clues_created, 1)
        self._row("legacy_15_converted", self.tr("Valid rows: 15-digit IDs converted to 18"), result.legacy_15_converted, 1)
        self.grid.addWidget(self.note, self.grid.rowCount(), 0, 1, 2)
        self.note.setText("\n".join(di.import_notes(result)))  # the file's own trouble, said once
        self.note.setVisible(bool(self.note.text()))

    def value(self, key: str) -> int | None:
        label = self.values.get(key)
        return int(label.text()) if label is not None else None

    def shown(self) -> dict[str, Any]:
        """What the view shows, in the shape of expected.json."""
        invalid = {k.split(":", 1)[1]: int(v.text()) for k, v in self.values.items() if k.startswith("invalid:")}
        out: dict[str, Any] = {k: int(v.text()) for k, v in self.values.items() if ":" not in k and k != "invalid"}
        out["invalid"] = invalid
        return out


# -- pages --------------------------------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, wizard: DepartmentImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Choose the list"))
        self.setSubTitle(self.tr("The spreadsheet a department sent (.xlsx, .xls or .csv) and the department."))
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("Path of the file"))
        self.path.textChanged.connect(self._guess_department)
        self.path.textChanged.connect(self._changed)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self.browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path)  # a row of two widgets gives the form's own label no buddy: Alt+F did nothing
        form.addRow(file_label, row)
        # The nine horizontal sources first, then the other departments that sent lists before (so
        # that the next list from 公安局 is filed under the same name); any other name may be typed.
        self.department = QComboBox()
        self.department.setEditable(True)
        self.department.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.department.addItem("", None)
        for code, label in codes.DEPARTMENT_LABELS.items():
            self.department.addItem(label, code)
        try:
            others = di.other_departments(wizard.ctx.db, wizard.ctx.actor)
        except ServiceError:
            others = []
        for name in others:
            self.department.addItem(name, name)
        line = self.department.lineEdit()
        line.setMaxLength(codes.MAX_DEPARTMENT_NAME * 2)  # room for spaces tidied away; the name is checked
        line.setPlaceholderText(self.tr("Choose or type the department"))
        self.department.currentTextChanged.connect(self._department_typed)
        form.addRow(self.tr("&Department:"), self.department)
        self.department_hint = QLabel()
        self.department_hint.setWordWrap(True)
        self.department_hint.setStyleSheet("color: #666;")
        form.addRow("", self.department_hint)
        self.registerField("path*", self.path)
        self._ready = False
        self._department_typed(self.department.currentText())

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Department list"), self.path.text(),
                                              self.tr("Spreadsheets ({patterns})").format(patterns=SPREADSHEET_FILTER))
        if path:
            self.path.setText(path)

    def _guess_department(self, text: str) -> None:
        if not self.department.currentText().strip():
            code = codes.department_code(Path(text).stem.split("_")[0]) if text.strip() else None
            if code:
                self.department.setCurrentIndex(self.department.findData(code))

    def chosen_department(self) -> str:
        """What the import is told: the code of one of the nine when picked from the list, else the
        name as typed (the service tidies it and knows 人社局 as 人社)."""
        text = self.department.currentText()
        index = self.department.findText(text)
        data = self.department.itemData(index) if index > 0 else None
        return data if isinstance(data, str) else text.strip()

    def _department_typed(self, text: str) -> None:
        """Say what the typed name will be filed as: one of the nine, or an other department by name."""
        try:
            key = codes.department_key(text)
        except ValueError as exc:
            hint = self.tr("Lists from other departments are accepted too (公安, 法院, 农业农村局 …): "
                           "type the department's name.") if not text.strip() else str(exc)
        else:
            if codes.is_other_department(key):
                hint = self.tr("Other department: the list is kept and shown under the name “{name}”.").format(
                    name=key)
            else:
                hint = self.tr("Filed as {label}, one of the nine departments that send lists.").format(
                    label=codes.department_label(key))
        self.department_hint.setText(hint)
        self._changed()

    def _changed(self) -> None:
        self._ready = False
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path.text().strip()) and bool(self.department.currentText().strip())

    def validatePage(self) -> bool:  # noqa: N802
        if self._ready:
            return True
        path = self.path.text().strip()
        if not Path(path).exists():  # a folder is read, and refused as one (it said "does not exist")
            QMessageBox.warning(self, self.w.windowTitle(), self.tr("The file “{path}” does not exist.").format(path=path))
            return False
        try:
            department = codes.department_key(self.chosen_department())
        except ValueError as exc:
            QMessageBox.warning(self, self.w.windowTitle(), str(exc))
            self.department.setFocus()
            return False
        db = self.w.ctx.db

        def work(progress: Progress) -> di.Preview:
            progress.report(0, 0, self.tr("Reading {name}…").format(name=Path(path).name))
            return di.preview(path, department, db=db)

        def done(preview: di.Preview) -> None:
            self.w.path = path
            self.w.department = department
            self.w.preview = preview
            self.w.mapping = dict(preview.mapping)
            self._ready = True
            self.w.next()

        run_in_background(self, work, done, label=self.tr("Reading the file…"))
        return False


class MappingPage(QWizardPage):
    def __init__(self, wizard: DepartmentImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Where the data is"))
        self.setSubTitle(self.tr("Check the sheet, the header row and which column holds each field. "
                                 "Correct anything that was guessed wrong."))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.sheet = SheetChoice()
        self.header_row = QSpinBox()
        self.header_row.setRange(1, 1000)
        self.reread = QPushButton(self.tr("&Read again"))
        self.reread.clicked.connect(self.read_again)
        top.addWidget(self.sheet.label())
        top.addWidget(self.sheet, 1)
        label = QLabel(self.tr("&Header row:"))
        label.setBuddy(self.header_row)
        top.addWidget(label)
        top.addWidget(self.header_row)
        top.addWidget(self.reread)
        layout.addLayout(top)
        self.info = QLabel()
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        box = QGroupBox(self.tr("Columns"))
        form = QFormLayout(box)
        self.combos: dict[str, QComboBox] = {}
        # Each with its Alt key, free beside 工作表 S, 表头行 H, 重新读取 R and the wizard's B and N.
        labels = {"id_number": self.tr("&ID number (required):"), "name": self.tr("Na&me:"),
                  "subdistrict": self.tr("Sub-&district / town:"), "community": self.tr("&Community / village:"),
                  "address": self.tr("&Address:"), "phone": self.tr("&Phone:"),
                  "id_type": self.tr("Document &type (beside a document number):")}
        for fld in FIELD_ORDER:
            combo = QComboBox()
            combo.currentIndexChanged.connect(self.completeChanged)
            self.combos[fld] = combo
            form.addRow(labels[fld], combo)  # the form makes the label and its buddy
        self.combos["id_number"].activated.connect(self._name_follows)  # the user's choice, not a fill
        self.combos["id_number"].currentIndexChanged.connect(self._note_id_columns)
        self.combos["name"].currentIndexChanged.connect(self._note_id_columns)
        layout.addWidget(box)
        # A list with two ID columns (本人 and 监护人, 患者 and 赡养人): which one the list is screened by.
        self.id_note = QLabel()
        self.id_note.setWordWrap(True)
        self.id_note.setStyleSheet("color: #b9770e;")
        layout.addWidget(self.id_note)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        self._fill(self.w.preview)

    def _fill(self, preview: di.Preview | None) -> None:
        if preview is None:
            return
        self.sheet.fill(preview.sheet_names, preview.sheet)
        self.header_row.setValue(preview.header_row)
        for fld, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not in this file)"), None)
            for index, name in enumerate(preview.columns):
                combo.addItem(f"{di.ss.column_letter(index)}: {name}", index)
            chosen = preview.mapping.get(fld)
            combo.setCurrentIndex(combo.findData(chosen) if chosen is not None else 0)
            combo.blockSignals(False)
        parts = [self.tr("File type: {fmt}").format(fmt=self._format_label(preview.format))]
        if preview.encoding:
            parts.append(self.tr("encoding: {enc}").format(enc=di.encoding_label(preview.encoding)))
        parts.append(self.tr("about {n} rows below the header").format(n=preview.total_rows_estimate))
        if preview.header_height > 1:
            parts.append(self.tr("two-row header"))
        text = "  ·  ".join(parts)
        if preview.remembered:
            text += " " + self.tr("The column mapping saved at the last import from this department was applied.")
        if preview.other_sheets:
            text += "\n" + di.other_sheets_note(preview.other_sheets, preview.sheet)
        self.info.setText(text)
        self._note_id_columns()
        self.completeChanged.emit()

    def _format_label(self, fmt: str | None) -> str:
        """What the file is, in the words a clerk knows from Excel's Save As list."""
        labels = {
            "xlsx": self.tr("Excel workbook (.xlsx)"),
            "xls": self.tr("Excel 97-2003 workbook (.xls)"),
            "ods": self.tr("OpenDocument spreadsheet (.ods)"),
            "csv": self.tr("CSV text"),
            "html": self.tr("web page table (HTML)"),
            "mht": self.tr("single file web page (MHT)"),
            "xmlss": self.tr("Excel 2003 XML spreadsheet"),
        }
        return labels.get(fmt or "", fmt or "-")

    def _note_id_columns(self) -> None:
        preview = self.w.preview
        mapping = self.mapping()
        if preview is not None and "id_number" not in mapping:  # Next stayed greyed out with nothing saying why
            self.id_note.setText(self.tr("No ID number column was found in header row {row} (it is named like {names}). "
                                         "Choose the column holding the ID numbers above, or correct the header row "
                                         "and press Read again.").format(
                row=self.header_row.value(), names="、".join(di.ss.ALIASES["id_number"][:6])))
            return
        if preview is None or not di.other_id_columns(preview.columns, mapping):
            self.id_note.clear()
            return
        self.id_note.setText(self.tr("More than one column holds ID numbers: make sure the person's own is "
                                     "chosen above.") + "\n" + di.columns_note(preview.columns, mapping))

    def mapping(self) -> dict[str, int]:
        return {fld: combo.currentData() for fld, combo in self.combos.items() if combo.currentData() is not None}

    def _name_follows(self) -> None:
        """Another ID column chosen: the name is that person's (the guardian's number, his name), when
        the file has a name column for him; the name combo shows the change before Next."""
        id_col = self.combos["id_number"].currentData()
        if self.w.preview is None or id_col is None:
            return
        name = di.with_id_column(self.w.preview.columns, self.mapping(), id_col).get("name")
        combo = self.combos["name"]
        if name is not None and name != combo.currentData():
            combo.setCurrentIndex(combo.findData(name))

    def isComplete(self) -> bool:  # noqa: N802
        return self.combos["id_number"].currentData() is not None

    def read_again(self) -> None:
        path, department, db = self.w.path, self.w.department, self.w.ctx.db
        sheet, header_row = self.sheet.chosen(), self.header_row.value()

        def work(progress: Progress) -> di.Preview:
            return di.preview(path, department, db=db, sheet=sheet, header_row=header_row)

        def done(preview: di.Preview) -> None:
            self.w.preview = preview
            self._fill(preview)

        run_in_background(self, work, done, label=self.tr("Reading the file…"))

    def validatePage(self) -> bool:  # noqa: N802
        mapping = self.mapping()
        used = [c for c in mapping.values()]
        if len(used) != len(set(used)):
            QMessageBox.warning(self, self.w.windowTitle(), self.tr("One column is chosen for two fields."))
            return False
        self.w.mapping = mapping
        self.w.sheet = self.sheet.chosen()
        self.w.header_row = self.header_row.value()
        return True


class PreviewPage(QWizardPage):
    def __init__(self, wizard: DepartmentImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("The first rows as they will be read. Rows in red have an ID number that cannot "
                                 "be used."))
        layout = QVBoxLayout(self)
        self.model = RowsTableModel()
        self.table = read_only_table(self.model)
        layout.addWidget(self.table)
        self._full_ids = FullIdViewLog(wizard.ctx.actor, self)

    def initializePage(self) -> None:  # noqa: N802
        preview = self.w.preview
        if preview is None:
            return
        mapping = self.w.mapping
        labels = {"id_number": self.tr("ID number"), "name": self.tr("Name"), "subdistrict": self.tr("Sub-district"),
                  "community": self.tr("Community"), "address": self.tr("Address"), "phone": self.tr("Phone"),
                  "id_type": self.tr("Document type")}
        fields = [f for f in FIELD_ORDER if f in mapping]
        headers = [self.tr("Row")] + [labels[f] for f in fields] + [self.tr("Check")]
        rows, colours = [], []
        numbers = preview.sample_row_numbers or list(range(1, len(preview.sample_rows) + 1))
        # judged by the service as the import judges them (a repeat, another document, a 残疾人证号)
        checks = di.check_samples(preview, mapping)
        whole = 0  # the rows whose ID number is shown whole
        for number, values, checked in zip(numbers, preview.sample_rows, checks, strict=False):
            cells = [values[mapping[f]] if mapping[f] < len(values) else "" for f in fields]
            if "id_number" in fields and checked.number:
                if self.w.ctx.actor.sees_full_id:
                    whole += 1
                else:
                    cells[fields.index("id_number")] = idcard.mask(checked.number)
            check = self.tr("ok") if checked.usable else checked.message
            if checked.converted_from_15:
                check = self.tr("15 digits, converted")
            rows.append([str(number), *cells, check])
            colours.append(None if checked.usable else "#c0392b")
        self.model.set_rows(headers, rows, colours)
        self.table.resizeColumnsToContents()
        if whole:  # once per file, sheet, header row and ID column: not on coming back with Back
            key = (preview.file_name, preview.sheet, preview.header_row, mapping.get("id_number"))
            self._full_ids.shown(key, lambda: di.log_preview_view(self.w.ctx.db, self.w.ctx.actor, preview, whole))


class DryRunPage(QWizardPage):
    """Screens the whole file without writing anything, then offers the import."""

    def __init__(self, wizard: DepartmentImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Dry run"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        layout = QVBoxLayout(self)
        self.counts = CountsView(self.tr("What the import will find"))
        layout.addWidget(self.counts)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #c0392b; font-weight: bold;")
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self.result: di.DepartmentImportResult | None = None
        self.running = False
        self.operation: BackgroundOperation | None = None

    def _subtitle(self, already_imported: bool = False, screened: bool = True) -> None:
        if not screened:  # refused or cancelled: it said the whole file was screened, and to press Import
            self.setSubTitle(self.tr("The file was not screened; nothing has been written. Go back to choose another "
                                     "file or correct the sheet, header row and columns."))
            self.counts.setVisible(False)  # an empty box
            return
        self.counts.setVisible(True)
        self.setSubTitle(self.tr("The whole file was screened; nothing has been written. It was imported before "
                                 "and cannot be imported again.") if already_imported else
                         self.tr("The whole file was screened; nothing has been written. Import to keep the batch "
                                 "and create clues for the new people."))

    def initializePage(self) -> None:  # noqa: N802
        self.result = None
        self.warning.clear()
        self._subtitle()
        self.running = True
        self.completeChanged.emit()
        w = self.w
        args = dict(mapping=w.mapping, sheet=w.sheet, header_row=w.header_row)

        def work(progress: Progress) -> di.DepartmentImportResult:
            result = di.import_department_list(w.ctx.db, w.ctx.actor, w.path, w.department, dry_run=True,
                                               progress=progress, **args)
            di.look_for_hidden_rows(result, w.path)
            return result

        def done(result: di.DepartmentImportResult) -> None:
            self.running = False
            self.result = result
            self.counts.show_result(result)
            if result.already_imported:
                self.warning.setText(result.already_imported)
                self._subtitle(already_imported=True)
            self.completeChanged.emit()

        def failed(exc: BaseException) -> None:
            self.running = False
            self.warning.setText(getattr(exc, "message", "") or str(exc))
            self._subtitle(screened=False)
            self.completeChanged.emit()
            show_error(self, exc)

        def cancelled() -> None:
            self.running = False
            self.warning.setText(self.tr("The dry run was cancelled. Go back or run it again."))
            self._subtitle(screened=False)
            self.completeChanged.emit()

        self.operation = run_in_background(self, work, done, on_error=failed, on_cancelled=cancelled,
                                           label=self.tr("Screening the list (dry run)…"))

    def isComplete(self) -> bool:  # noqa: N802
        return self.result is not None and not self.running and not self.result.already_imported


class ResultPage(QWizardPage):
    """Runs the import, then shows the result, the error workbook and bulk assignment."""

    def __init__(self, wizard: DepartmentImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Imported"))
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.counts = CountsView(self.tr("Screening result"))
        layout.addWidget(self.counts)
        actions = QHBoxLayout()
        self.errors_button = QPushButton(self.tr("Save the &error workbook…"))
        self.errors_button.clicked.connect(self.save_errors)
        actions.addWidget(self.errors_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        assign = QGroupBox(self.tr("Rows without a sub-district or community"))
        arow = QHBoxLayout(assign)
        self.unassigned_label = QLabel()
        self.region = QComboBox()
        fill_regions(self.region, wizard.ctx)
        self.unassigned_label.setBuddy(self.region)  # its "&to" leads to the list of regions
        self.assign_button = QPushButton(self.tr("&Assign them all"))
        self.assign_button.clicked.connect(self.assign_all)
        arow.addWidget(self.unassigned_label, 1)
        arow.addWidget(self.region)
        arow.addWidget(self.assign_button)
        layout.addWidget(assign)
        self.assign_box = assign
        layout.addStretch(1)
        self.result: di.DepartmentImportResult | None = None
        self.running = False
        self.assigning: BackgroundOperation | None = None  # rows being assigned, off the UI thread
        self.on_saved: Callable[[str], None] | None = None

    def initializePage(self) -> None:  # noqa: N802
        self.result = None
        self.running = True
        self.status.setText(self.tr("Importing…"))
        self.errors_button.setEnabled(False)
        self.assign_box.setEnabled(False)
        self.completeChanged.emit()
        w = self.w
        args = dict(mapping=w.mapping, sheet=w.sheet, header_row=w.header_row)

        def work(progress: Progress) -> di.DepartmentImportResult:
            result = di.import_department_list(w.ctx.db, w.ctx.actor, w.path, w.department, progress=progress, **args)
            di.look_for_hidden_rows(result, w.path)
            return result

        def done(result: di.DepartmentImportResult) -> None:
            self._finished()
            self.result = result
            w.result = result
            self.counts.show_result(result)
            text = self.tr("Batch #{id}: “{file}” from {dept} was imported. {clues} new clue(s) "
                           "were created.").format(id=result.batch_id, file=result.file_name,
                                                   dept=result.department_label, clues=result.clues_created)
            if result.clues_created < result.buckets["new"]:  # their open clue is being worked on
                text += self.tr(" {n} new person(s) already had an open clue: no second one was made.").format(
                    n=result.buckets["new"] - result.clues_created)
            self.status.setText(text)
            self.errors_button.setEnabled(bool(result.errors))
            self._show_unassigned(result.unassigned)
            w.ctx.changes.publish("clues", 0)
            w.ctx.changes.publish("import_batches", result.batch_id or 0)
            self.completeChanged.emit()

        def failed(exc: BaseException) -> None:
            self._finished()
            self.status.setText(self.tr("The import failed and nothing was written: {msg}").format(
                msg=getattr(exc, "message", "") or str(exc)))
            self.status.setStyleSheet("color: #c0392b;")
            self.completeChanged.emit()
            show_error(self, exc)

        def cancelled() -> None:
            self._finished()
            self.status.setText(self.tr("The import was cancelled. Nothing of it was written."))
            self.status.setStyleSheet("color: #c0392b;")
            self.completeChanged.emit()

        self.operation = run_in_background(self, work, done, on_error=failed, on_cancelled=cancelled,
                                           label=self.tr("Importing the list…"), cancel_question=import_cancel_question())

    def _finished(self) -> None:
        """The import has run (or failed, or was cancelled): there is nothing left to cancel, and a
        Cancel button beside Finish would suggest it undoes the batch (that is 导入记录 → 撤销本批导入)."""
        self.running = False
        self.w.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)

    def _show_unassigned(self, n: int) -> None:
        self.unassigned_label.setText(self.tr("{n} row(s) not in assistance have no sub-district or community. "
                                              "Assign them &to:").format(n=n))
        self.assign_box.setEnabled(n > 0)

    def isComplete(self) -> bool:  # noqa: N802
        return not self.running and self.assigning is None

    def save_errors(self, path: str | None = None) -> None:
        if self.result is None:
            return
        if not path:
            suggested = str(Path(self.w.path).with_name(Path(self.w.path).stem + "_错误清单.xlsx"))
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the error workbook"), suggested,
                                                  self.tr("Excel workbook (*.xlsx)"))
            path = with_suffix(path) if path else path
        if not path:
            return
        source, result, target = self.w.path, self.result, path

        def done(n: int) -> None:
            self.status.setText(self.tr("{n} row(s) with their reasons were written to {path}.").format(
                n=n, path=target))
            if self.on_saved is not None:
                self.on_saved(target)

        # the whole file is read again (a department's list can have 100,000 rows)
        export_in_background(self, self.errors_button, lambda _p: di.write_error_workbook(source, result, target),
                             done, self.tr("Writing the error workbook…"), cancellable=False)

    def assign_all(self) -> None:
        if self.result is None or self.result.batch_id is None:
            return
        region_id = self.region.currentData()
        if region_id is None or self.assigning is not None:
            return
        db, actor, batch_id, result = self.w.ctx.db, self.w.ctx.actor, self.result.batch_id, self.result
        region = self.region.currentText().strip()

        def work() -> tuple[int, dict[str, int]]:  # every row without a region of a list of 100,000
            return di.assign_rows(db, actor, batch_id, None, region_id), di.count_batch_rows(db, actor, batch_id)

        def done(answer: tuple[int, dict[str, int]]) -> None:
            self._assigned()
            n, counts = answer
            result.unassigned = counts["unassigned"]
            self.counts.values["unassigned"].setText(str(counts["unassigned"]))
            self._show_unassigned(counts["unassigned"])
            self.status.setText(self.tr("{n} row(s) assigned to {region}.").format(n=n, region=region))
            self.w.ctx.changes.publish("clues", 0)

        def failed(exc: BaseException) -> None:
            self._assigned()
            show_error(self, exc)

        self.assigning = run_busy(self, self.assign_button, self.tr("Assigning…"), work, done, on_error=failed,
                                  hold=(self.region, self.errors_button))
        self.completeChanged.emit()  # Finish waits for it

    def _assigned(self) -> None:
        self.assigning = None
        self.completeChanged.emit()


class DepartmentImportWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = ""
        self.department: str | None = None
        self.preview: di.Preview | None = None
        self.mapping: dict[str, int] = {}
        self.sheet: str | None = None
        self.header_row: int | None = None
        self.result: di.DepartmentImportResult | None = None
        self.setWindowTitle(self.tr("Import a department list"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        resize_to_fit(self, 860, 640)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.dry_run_page = DryRunPage(self)
        self.result_page = ResultPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.dry_run_page, self.result_page):
            self.addPage(page)

    def reject(self) -> None:
        """Cancel, Esc or the close button: work running is cancelled first (the wizard stays, saying
        so): an import once the user agrees (import_cancel_question), a dry run at once."""
        if self.currentPage() is self.result_page and self.result_page.running:
            self.result_page.operation.ask_cancel()
            return
        if self.currentPage() is self.dry_run_page and self.dry_run_page.running:
            if self.dry_run_page.operation is not None:
                self.dry_run_page.operation.ask_cancel()
            return
        if self.result_page.assigning is not None:  # cannot be stopped: the wizard waits for it
            return
        super().reject()
