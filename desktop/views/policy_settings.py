"""Settings tab: the dated means-test settings (低保标准 and the rest), by area. Everyone may look;
administrators enter new values with the date they take effect."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.rules import policy as rules
from desktop.rules.codes import Role
from desktop.services import policy
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.views.confirm import FormDialog
from desktop.views.context import AppContext
from desktop.views.dates import day_edit
from desktop.views.errors import show_error
from desktop.views.screens import resize_to_content, scrolling_body
from desktop.views.table_model import RowListTableModel

AREAS = (("urban", "城市"), ("rural", "农村"))
InForceLine = tuple[str, str, policy.InForceRow | None, policy.InForceRow | None]  # label, name, urban, rural


class InForceTableModel(RowListTableModel[InForceLine]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("InForceTableModel", "Setting"),
        QT_TRANSLATE_NOOP("InForceTableModel", "Name"),
        QT_TRANSLATE_NOOP("InForceTableModel", "Urban"),
        QT_TRANSLATE_NOOP("InForceTableModel", "Urban since"),
        QT_TRANSLATE_NOOP("InForceTableModel", "Rural"),
        QT_TRANSLATE_NOOP("InForceTableModel", "Rural since"),
    )

    def set_rows(self, rows: list[policy.InForceRow]) -> None:  # type: ignore[override]
        by = {(r.area_type, r.name): r for r in rows}
        super().set_rows([(s.label, s.name, by.get(("urban", s.name)), by.get(("rural", s.name)))
                          for s in rules.SPECS])

    def display(self, line: InForceLine, column: int) -> str:
        label, name, urban, rural = line

        def since(r: policy.InForceRow | None) -> str:
            return r.effective_from.isoformat() if r and r.effective_from else ""

        def shown(r: policy.InForceRow | None) -> str:  # a default in use: "未设置(按默认值“1.5”)", as policy show
            return r.display if r and (r.value is not None or rules.SPEC_BY_NAME[r.name].default) else self.tr("not set")

        return (label, name, shown(urban), since(urban), shown(rural), since(rural))[column]

    def role_data(self, line: InForceLine, column: int, role: int) -> object:
        _label, name, urban, rural = line
        row = urban if column in (2, 3) else rural if column in (4, 5) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return (row.note + "\n" if row is not None and row.note else "") + rules.SPEC_BY_NAME[name].help
        if role == Qt.ItemDataRole.ForegroundRole and column in (2, 4):
            if row is None or (row.value is None and not rules.SPEC_BY_NAME[name].default):
                return QColor("#b00020")
        if role == Qt.ItemDataRole.ForegroundRole and column in (3, 5) and row is not None and row.note:
            return QColor("#b35900")  # a yearly figure whose new value is not entered yet
        return None


class HistoryTableModel(RowListTableModel[policy.SettingRow]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("HistoryTableModel", "Area"),
        QT_TRANSLATE_NOOP("HistoryTableModel", "Setting"),
        QT_TRANSLATE_NOOP("HistoryTableModel", "Value"),
        QT_TRANSLATE_NOOP("HistoryTableModel", "In force from"),
        QT_TRANSLATE_NOOP("HistoryTableModel", "Entered or corrected"),
        QT_TRANSLATE_NOOP("HistoryTableModel", "Note"),
    )

    def display(self, r: policy.SettingRow, column: int) -> str:
        return (r.area_label, r.label, r.display, r.effective_from.isoformat(), r.changed, r.note)[column]


class SetValuesDialog(FormDialog):
    """Enter the values taking effect on a date for one area; only changed values are written."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("New policy values"))
        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.effective = day_edit(QDate(QDate.currentDate().year() + 1, 1, 1))
        self.effective.dateChanged.connect(self.load_current)
        self.area = QComboBox()
        for code, label in AREAS:
            self.area.addItem(label, code)
        self.area.currentIndexChanged.connect(self.load_current)
        top.addRow(self.tr("In force &from:"), self.effective)
        top.addRow(self.tr("&Area:"), self.area)
        layout.addLayout(top)
        box = QGroupBox(self.tr("Values (shown: those in force on that date; change what the new document sets)"))
        form = QFormLayout(box)
        self.fields: dict[str, QLineEdit] = {}
        self.current: dict[str, str] = {}
        self._shown: dict[str, str] = {}  # what load_current put in each field (anything else was typed)
        for spec in rules.SPECS:
            edit = QLineEdit()
            edit.setToolTip(spec.help)
            edit.setPlaceholderText(rules.FLAG_HINT if spec.kind == rules.FLAG else spec.unit)
            self.fields[spec.name] = edit
            # the unit where there is one; a ratio is typed with its "%", and the code name (rigid_expense_ratio)
            # is for the command line, not for the form
            form.addRow(f"{spec.label}({spec.unit}):" if spec.unit else f"{spec.label}:", edit)
        values = scrolling_body(layout)  # a small screen scrolls the values; date, note and buttons stay
        values.addWidget(box)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. the document number"))
        note_form = QFormLayout()
        note_form.addRow(self.tr("&Note:"), self.note)
        layout.addLayout(note_form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_to_content(self, values)
        self.load_current()

    def load_current(self) -> None:
        try:
            rows = policy.show(self.ctx.db, self.ctx.actor, self.effective.date().toPython(), self.area.currentData())
        except ServiceError as exc:
            show_error(self, exc)
            return
        typed = {name for name, edit in self.fields.items() if edit.text() != self._shown.get(name, "")}
        self.current = {r.name: rules.format_value(r.name, r.value) if r.value is not None else "" for r in rows}
        self._shown = {}
        for name, edit in self.fields.items():
            if name in typed:  # the user's input stays when they change the date or the area
                continue
            value = self.current.get(name, "")
            spec = rules.SPEC_BY_NAME[name]
            if value and spec.kind == rules.RATIO:
                value = rules.display_value(name, rules.parse_value(name, value)).split("%")[0] + "%"
            elif value and spec.kind == rules.FLAG:  # 是 / 否, as it is typed
                value = rules.display_value(name, rules.parse_value(name, value))
            edit.setText(value)
            self._shown[name] = value

    def changed_values(self) -> dict[str, str]:
        out = {}
        for name, edit in self.fields.items():
            text = edit.text().strip()
            if not text:
                continue
            try:
                value = rules.format_value(name, rules.parse_value(name, text))
            except rules.PolicyValueError:
                out[name] = text  # the service names the problem
                continue
            if value != self.current.get(name, ""):
                out[name] = text
        return out

    def save(self) -> None:
        for edit in self.fields.values():  # a value put right since the last refusal is no longer marked
            edit.setStyleSheet("")
        values = self.changed_values()
        if not values:
            QMessageBox.information(self, self.tr("New policy values"), self.tr("No value was changed."))
            return
        try:
            policy.set_settings(self.ctx.db, self.ctx.actor, effective_from=self.effective.date().toPython(),
                                area_type=self.area.currentData(), values=values, note=self.note.text().strip())
        except ValidationFailed as exc:
            for name in exc.problems:
                if name in self.fields:
                    self.fields[name].setStyleSheet("background: #fde7e9;")
            if exc.problems:  # the fields by their labels: "低保标准(dibao_standard)" is the command line's
                exc = ValidationFailed("\n".join(text.replace(f"({name})", "") for name, text in exc.problems.items()),
                                       exc.problems)
            show_error(self, exc)
            return
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("policy", 0)
        self.accept()


class PolicySettingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.is_admin = ctx.actor.role == Role.ADMIN
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Means-test settings by the date they take effect, for urban and rural areas. "
                              "An assessment uses the values in force on its date and records them. Values "
                              "marked \"%1\" are the demo district's and must be confirmed locally.")
                      .replace("%1", rules.DEMO_NOTE))
        note.setWordWrap(True)
        layout.addWidget(note)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("In force &on:")))
        self.on = day_edit(QDate.currentDate())
        self.on.dateChanged.connect(self.refresh)
        bar.itemAt(0).widget().setBuddy(self.on)  # type: ignore[union-attr]
        bar.addWidget(self.on)
        bar.addStretch(1)
        self.add_button = QPushButton(self.tr("&New values…"))
        self.add_button.clicked.connect(self.add_values)
        self.delete_button = QPushButton(self.tr("&Delete entry…"))
        self.delete_button.clicked.connect(self.delete_entry)
        self.seed_button = QPushButton(self.tr("Enter the demo district's values"))
        self.seed_button.setToolTip(self.tr("Only when no setting exists yet; the values must be confirmed locally."))
        self.seed_button.clicked.connect(self.seed_values)
        bar.addWidget(self.seed_button)
        bar.addWidget(self.add_button)
        bar.addWidget(self.delete_button)
        layout.addLayout(bar)
        if not self.is_admin:
            self.add_button.hide()
            self.delete_button.hide()
            self.seed_button.hide()
            locked = QLabel(self.tr("Only administrators can change policy settings."))
            locked.setStyleSheet("color: #666;")
            layout.addWidget(locked)
        self.in_force = InForceTableModel(self)
        self.in_force_view = QTableView()
        self.in_force_view.setModel(self.in_force)
        self.in_force_view.setTabKeyNavigation(False)
        self.in_force_view.verticalHeader().hide()
        self.in_force_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.in_force_view, 3)
        self.renewal_note = QLabel()  # yearly figures whose new value is not entered yet
        self.renewal_note.setWordWrap(True)
        self.renewal_note.setStyleSheet("color: #b35900;")
        self.renewal_note.hide()
        layout.addWidget(self.renewal_note)
        self.upcoming_note = QLabel()  # values entered for a later date (a raise entered in December)
        self.upcoming_note.setWordWrap(True)
        self.upcoming_note.setStyleSheet("color: #1f4e79;")
        self.upcoming_note.hide()
        layout.addWidget(self.upcoming_note)
        layout.addWidget(QLabel(self.tr("All entries")))
        self.history = HistoryTableModel(self)
        self.history_view = QTableView()
        self.history_view.setModel(self.history)
        self.history_view.setTabKeyNavigation(False)
        self.history_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.history_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.history_view.verticalHeader().hide()
        self.history_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.history_view, 2)
        ctx.changes.changed.connect(lambda topic, _id: self.refresh() if topic in ("policy", "*") else None)
        self.refresh()

    def refresh(self) -> None:
        try:
            in_force = policy.show(self.ctx.db, self.ctx.actor, self.on.date().toPython())
            entries = policy.list_settings(self.ctx.db, self.ctx.actor)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.history.set_rows(entries)
        later = policy.upcoming(entries, self.on.date().toPython())  # from the entries listed, not read again
        self.in_force.set_rows(in_force)
        stale = [f"{r.label}({r.area_label}):{r.note}" for r in in_force if r.note]
        self.renewal_note.setText(self.tr("Note: {items}. Assessments still use the earlier value; enter the new "
                                          "one with New values.").format(items=";".join(stale)))
        self.renewal_note.setVisible(bool(stale))
        self.upcoming_note.setText(self.tr("Entered, not in force yet on this date: {items}.").format(
            items=policy.upcoming_text(later)))
        self.upcoming_note.setVisible(bool(later))
        self.in_force_view.resizeColumnsToContents()
        self.history_view.resizeColumnsToContents()
        self.seed_button.setVisible(self.is_admin and not self.history.rows)

    def seed_values(self) -> None:
        try:
            policy.seed_default_policy(self.ctx.db, self.ctx.actor)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("policy", 0)
        self.refresh()

    def add_values(self) -> SetValuesDialog:
        dialog = SetValuesDialog(self.ctx, self)
        dialog.accepted.connect(self.refresh)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def delete_entry(self) -> None:
        rows = self.history_view.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, self.tr("Delete entry"), self.tr("Select an entry in the list first."))
            return
        r = self.history.rows[rows[0].row()]
        answer = QMessageBox.question(
            self, self.tr("Delete entry"),
            self.tr("Delete %1 = %2 (%3, in force from %4)? Assessments already saved keep the values they used.")
            .replace("%1", r.label).replace("%2", r.display).replace("%3", r.area_label)
            .replace("%4", r.effective_from.isoformat()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            policy.delete_setting(self.ctx.db, self.ctx.actor, r.id, r.version)
        except ServiceError as exc:
            show_error(self, exc)
        self.ctx.changes.publish("policy", 0)
        self.refresh()
