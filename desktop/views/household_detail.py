"""One household: its own fields, members, incomes and expenses, and read-only timelines.

Edits are checked as the user types (ID check character, birth date and sex against the ID, an
ID already belonging to another household) and saved through the services with the household's
version: when another workstation saved first, the conflict dialog shows both versions and the
user's input is kept until they choose."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.rules import idcard
from desktop.rules.codes import (
    AREA_LABELS,
    DISABILITY_LABELS,
    EXPENSE_LABELS,
    GRADE_LABELS,
    HEALTH_LABELS,
    INCOME_LABELS,
    LABOUR_LABELS,
    RELATION_LABELS,
    SCHOOLING_LABELS,
    Relation,
    relation_after_head_change,
)
from desktop.services import households as hs
from desktop.services import monitoring, regions
from desktop.services.base import WRITERS
from desktop.services.errors import ConflictError, ServiceError, ValidationFailed
from desktop.views.confirm import FormDialog, ReasonDialog, asked_yes
from desktop.views.conflict import ConflictDialog
from desktop.views.context import AppContext
from desktop.views.dates import day_edit
from desktop.views.errors import show_error
from desktop.views.keys import text_box
from desktop.views.screens import resize_to_content, resize_to_fit, scrolling_body
from desktop.views.table_model import CutNote, EmptyHint
from desktop.views.timing import debounce


def _fill(combo: QComboBox, labels: dict, current: Any = None) -> None:
    for code, label in labels.items():
        combo.addItem(label, code.value if hasattr(code, "value") else code)
    if current is not None:
        _select(combo, current)


def _select(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


class ReadOnlyTable(QTreeWidget):
    """A small read-only list (members, incomes, timelines of one household: tens of rows)."""

    def __init__(self, headers: list[str], parent: QWidget | None = None, *, empty: str = "") -> None:
        super().__init__(parent)
        self.setHeaderLabels(headers)
        if empty:  # an empty list said nothing (no record yet, or still to load?): the note says what to do
            EmptyHint(self, empty)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(True)

    def set_rows(self, rows: list[tuple[Any, list[str]]]) -> None:
        current = self.current_key()
        self.clear()
        for key, values in rows:
            item = QTreeWidgetItem(values)
            item.setData(0, Qt.ItemDataRole.UserRole, key)
            self.addTopLevelItem(item)
            if key == current:
                self.setCurrentItem(item)

    def current_key(self) -> Any:
        item = self.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None


# -------------------------------------------------------------------------------------------------
# Saving with conflict handling (shared by the household form and the sub-dialogs)
# -------------------------------------------------------------------------------------------------


def save_with_conflicts(parent: QWidget, ctx: AppContext, household_id: int, attempt: Callable[[hs.HouseholdDetail | None], Any],
                        fields: list[tuple[str, str]], mine: dict[str, Any],
                        theirs_of: Callable[[hs.HouseholdDetail], dict[str, Any]]) -> tuple[str, Any]:
    """Run ``attempt(None)``; on a conflict show the conflict dialog. Returns ("saved", result),
    ("reload", fresh detail) or ("keep", None) — in the last case the caller keeps the input."""
    fresh: hs.HouseholdDetail | None = None
    while True:
        try:
            return "saved", attempt(fresh)
        except ConflictError as exc:
            try:
                fresh = hs.get_household(ctx.db, ctx.actor, household_id)
            except ServiceError as again:
                show_error(parent, again)
                return "keep", None
            dialog = ConflictDialog(parent, exc, fields, theirs_of(fresh), mine)
            dialog.exec()
            choice = dialog.choice
            dialog.deleteLater()
            if choice == ConflictDialog.RELOAD:
                return "reload", fresh
            if choice != ConflictDialog.REAPPLY:
                return "keep", None
            # Re-apply: try again on top of the version just read.
        except ValidationFailed as exc:
            show_error(parent, exc)
            return "keep", None
        except ServiceError as exc:
            show_error(parent, exc)
            return "keep", None


# -------------------------------------------------------------------------------------------------
# Member dialog
# -------------------------------------------------------------------------------------------------


class MemberDialog(FormDialog):
    """Add or edit one member, with checks as the user types."""

    def state(self) -> object:  # what closing without saving would throw away
        return self.values()

    def __init__(self, detail: HouseholdDetailDialog, member: hs.MemberInfo | None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.ctx = detail.ctx
        self.member = member
        self.setWindowTitle(self.tr("Edit member") if member else self.tr("Add member"))
        outer = QVBoxLayout(self)
        fields = scrolling_body(outer)  # a small screen scrolls the fields; problems and buttons stay
        form = QFormLayout()
        fields.addLayout(form)
        self.name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(24)
        self.id_number.setPlaceholderText(self.tr("18 characters"))
        self.relation = QComboBox()
        _fill(self.relation, RELATION_LABELS)
        self.sex = QComboBox()
        self.sex.addItem(self.tr("(from the ID number)"), "")
        self.sex.addItem("男", "男")
        self.sex.addItem("女", "女")
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(self.tr("YYYY-MM-DD (from the ID number when empty)"))
        self.phone = QLineEdit()
        self.name.setMaxLength(64)  # the columns' lengths: a longer text is a database error on PostgreSQL
        self.phone.setMaxLength(32)
        self.health = QComboBox()
        _fill(self.health, HEALTH_LABELS)
        self.disability = QComboBox()
        _fill(self.disability, DISABILITY_LABELS)
        self.grade = QComboBox()
        _fill(self.grade, GRADE_LABELS)
        self.labour = QComboBox()
        _fill(self.labour, LABOUR_LABELS)
        self.schooling = QComboBox()
        _fill(self.schooling, SCHOOLING_LABELS)
        self.employed = QComboBox()
        self.employed.addItem(self.tr("Unknown"), None)
        self.employed.addItem(self.tr("Yes"), True)
        self.employed.addItem(self.tr("No"), False)
        self.union_member = QCheckBox(self.tr("&Trade-union member"))
        self.note = QLineEdit()
        self.problems = QLabel()
        self.problems.setStyleSheet("color: #C00000;")
        self.problems.setWordWrap(True)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&ID number:"), self.id_number)
        form.addRow(self.tr("&Relation to head:"), self.relation)
        form.addRow(self.tr("Se&x:"), self.sex)
        form.addRow(self.tr("&Birth date:"), self.birth_date)
        form.addRow(self.tr("&Phone:"), self.phone)
        form.addRow(self.tr("&Health:"), self.health)
        form.addRow(self.tr("&Disability type:"), self.disability)
        form.addRow(self.tr("Disability &grade:"), self.grade)
        form.addRow(self.tr("&Labour capacity:"), self.labour)
        form.addRow(self.tr("&Schooling:"), self.schooling)
        form.addRow(self.tr("E&mployed:"), self.employed)
        form.addRow("", self.union_member)
        form.addRow(self.tr("N&ote:"), self.note)
        outer.addWidget(self.problems)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self._owner_timer = debounce(self, self._check_owner, 300)
        self._owner_problem = ""
        self._id_shown = ""
        self._birth_hidden = False
        # One head at all times: the head's relation changes only with 更换户主 (change_head), which
        # names the new head in the same step; another member cannot be made a second 本人.
        self.head = next((m for m in detail.current.members if m.relation == Relation.SELF), None)
        self.head_hint = QLabel(self.tr("The head's relation changes with “Change head…” on the Members tab, "
                                        "which chooses the new head in the same step."))
        self.head_hint.setWordWrap(True)
        self.head_hint.setStyleSheet("color: #5f6368;")
        form.insertRow(3, "", self.head_hint)
        if member is not None:
            self.load(member)
        elif self.head is not None:  # the household has its head already (and perhaps a spouse)
            spouse = any(m.relation == Relation.SPOUSE for m in detail.current.members)
            _select(self.relation, Relation.CHILD if spouse else Relation.SPOUSE)
        is_head = member is not None and member.relation == Relation.SELF
        self.relation.setEnabled(not is_head)
        form.setRowVisible(self.head_hint, is_head)
        self.setMinimumWidth(460)
        for widget in (self.name, self.id_number, self.birth_date):
            widget.textChanged.connect(self.validate)
        for combo in (self.sex, self.disability, self.grade, self.relation):
            combo.currentIndexChanged.connect(self.validate)
        self.id_number.textChanged.connect(lambda _t: self._owner_timer.start())
        self.id_number.textChanged.connect(lambda _t: self._show_birth())
        self.validate()
        resize_to_content(self, fields)  # every row and the problems shown, where the screen has the room
        self.mark_unchanged()

    def load(self, m: hs.MemberInfo) -> None:
        self.member = m
        self.name.setText(m.name)
        self._id_shown = m.id_display
        self.id_number.setText(m.id_display)
        _select(self.relation, m.relation)
        _select(self.sex, m.sex)
        self.birth_date.setText(m.birth_text)
        self._birth_hidden = m.birth_date is None and bool(m.birth_text)
        self._show_birth()
        self.phone.setText(m.phone)
        _select(self.health, m.health)
        _select(self.disability, m.disability)
        _select(self.grade, m.disability_grade)
        _select(self.labour, m.labour_capacity)
        _select(self.schooling, m.schooling)
        _select(self.employed, m.employed)
        self.union_member.setChecked(m.union_member)
        self.note.setText(m.note)

    def id_changed(self) -> bool:
        return self.member is None or self.id_number.text().strip() != self._id_shown

    def _show_birth(self) -> None:
        """Beside a masked ID the birth date shows its year only and cannot be edited: the date is the
        part of the number the mask hides. A new number typed in is the birth date's source again."""
        hidden = self._birth_hidden and not self.id_changed()
        if self.birth_date.isReadOnly() and not hidden:
            self.birth_date.clear()
        elif hidden and self.member is not None:
            self.birth_date.setText(self.member.birth_text)
        self.birth_date.setReadOnly(hidden)
        self.birth_date.setToolTip(self.tr("Only the year is shown: the full date is the part of the ID number "
                                           "that is masked. It follows the ID number.") if hidden else "")

    def values(self) -> dict[str, Any]:
        """Everything in the form (the ID only when typed: a masked number is not sent back)."""
        out: dict[str, Any] = {
            "name": self.name.text().strip(), "relation": self.relation.currentData(), "sex": self.sex.currentData(),
            "birth_date": self.birth_date.text().strip() or None, "phone": self.phone.text().strip(),
            "health": self.health.currentData(), "disability": self.disability.currentData(),
            "disability_grade": self.grade.currentData(), "labour_capacity": self.labour.currentData(),
            "schooling": self.schooling.currentData(), "employed": self.employed.currentData(),
            "union_member": self.union_member.isChecked(), "note": self.note.text().strip(),
        }
        if self.id_changed():
            out["id_number"] = self.id_number.text()
        elif self._birth_hidden:
            del out["birth_date"]  # the year shown is no date: the stored one stays
        return out

    def changes(self) -> dict[str, Any]:
        values = self.values()
        if self.member is None:
            return values
        m = self.member
        current = {"name": m.name, "relation": m.relation, "sex": m.sex, "birth_date": _fmt(m.birth_date) or None,
                   "phone": m.phone, "health": m.health, "disability": m.disability,
                   "disability_grade": m.disability_grade, "labour_capacity": m.labour_capacity,
                   "schooling": m.schooling, "employed": m.employed, "union_member": m.union_member, "note": m.note}
        return {k: v for k, v in values.items() if k == "id_number" or current.get(k) != v}

    def validate(self) -> dict[str, str]:
        values = self.values()
        checked = dict(values)
        shown = self.id_number.text().strip()
        if "id_number" not in values and self.member is not None and not self.member.id_masked \
                and shown == self.member.id_display:  # unchanged, shown whole: a birth date or sex edited is checked
            checked["id_number"] = shown
        elif "id_number" not in values:  # masked, unchanged: its agreement was checked when it was saved
            checked.pop("birth_date", None)
            checked.pop("sex", None)
        problems = hs.check_member_fields(checked)
        if values["relation"] == Relation.SELF and self.head is not None and \
                (self.member is None or self.member.id != self.head.id):
            problems["relation"] = hs.second_head(self.head.name)
        if self._owner_problem and "id_number" not in problems and self.id_changed():
            problems["id_number"] = self._owner_problem
        labels = hs.MEMBER_FIELDS
        self.problems.setText("\n".join(f"{labels.get(k, k)}:{v}" for k, v in problems.items()))
        for key, widget in (("name", self.name), ("id_number", self.id_number), ("birth_date", self.birth_date)):
            widget.setStyleSheet("border: 1px solid #C00000;" if key in problems else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)
        return problems

    def _check_owner(self) -> None:
        self._owner_problem = ""
        if self.id_changed():
            parsed = idcard.parse(self.id_number.text())
            if parsed.valid and parsed.number:
                try:
                    owner = hs.find_id_owner(self.ctx.db, self.ctx.actor, parsed.number,
                                             exclude_member_id=self.member.id if self.member else None)
                except ServiceError:
                    owner = None
                if owner is not None:
                    self._owner_problem = (owner.message() if owner.household_id != self.detail.household_id
                                           else self.tr("This ID number already belongs to member {name} of this "
                                                        "household").format(name=owner.member_name))
        self.validate()

    def save(self) -> None:
        self._check_owner()
        if self.validate():
            return
        changes = self.changes()
        if self.member is not None and not changes:
            self.accept()
            return
        ctx, detail = self.ctx, self.detail
        member = self.member

        def attempt(fresh: hs.HouseholdDetail | None) -> int:
            version = fresh.version if fresh else detail.version
            if member is None:
                _mid, new_version = hs.add_member(ctx.db, ctx.actor, detail.household_id, version, changes)
                return new_version
            member_version = member.version
            if fresh is not None:
                now = next((m for m in fresh.members if m.id == member.id), None)
                if now is None:
                    raise ValidationFailed(self.tr("This member was removed by someone else."))
                member_version = now.version
            return hs.update_member(ctx.db, ctx.actor, member.id, member_version, changes, household_version=version)

        fields = [(k, hs.MEMBER_FIELDS[k]) for k in changes if k in hs.MEMBER_FIELDS]

        def theirs(fresh: hs.HouseholdDetail) -> dict[str, Any]:
            now = next((m for m in fresh.members if member is not None and m.id == member.id), None)
            if now is None:
                return {}
            return {"name": now.name, "id_number": now.id_display, "relation": now.relation_label, "sex": now.sex,
                    "birth_date": now.birth_text, "phone": now.phone, "health": now.health_label,
                    "disability": now.disability_label, "disability_grade": now.grade_label,
                    "labour_capacity": now.labour_label, "schooling": now.schooling_label,
                    "employed": now.employed, "union_member": now.union_member, "note": now.note}

        mine = self._display(changes)
        outcome, result = save_with_conflicts(self, ctx, detail.household_id, attempt, fields, mine, theirs)
        if outcome == "saved":
            detail.after_child_save(result)
            self.accept()
        elif outcome == "reload":
            detail.show_detail(result, keep_form=True)
            now = next((m for m in result.members if member is not None and m.id == member.id), None)
            if now is not None:
                self.load(now)
                self.mark_unchanged()
            self.validate()

    def _display(self, values: dict[str, Any]) -> dict[str, Any]:
        shown = dict(values)
        for key, combo in (("relation", self.relation), ("health", self.health), ("disability", self.disability),
                           ("disability_grade", self.grade), ("labour_capacity", self.labour),
                           ("schooling", self.schooling), ("employed", self.employed)):
            if key in shown:
                shown[key] = combo.currentText()
        return shown


# -------------------------------------------------------------------------------------------------
# Income / expense dialog
# -------------------------------------------------------------------------------------------------


class MoneyDialog(FormDialog):
    def state(self) -> object:  # what closing without saving would throw away
        return self.values()

    def __init__(self, detail: HouseholdDetailDialog, kind: str, line: hs.MoneyLine | None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.kind = kind  # "income" or "expense"
        self.line = line
        is_income = kind == "income"
        if is_income:
            self.setWindowTitle(self.tr("Edit income") if line else self.tr("Add income"))
        else:
            self.setWindowTitle(self.tr("Edit expense") if line else self.tr("Add expense"))
        form = QFormLayout(self)
        self.member = QComboBox()
        self.member.addItem(self.tr("Whole household"), None)
        for m in detail.current.members:
            self.member.addItem(m.name, m.id)
        self.kind_combo = QComboBox()
        _fill(self.kind_combo, INCOME_LABELS if is_income else EXPENSE_LABELS)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("yuan over 12 months"))
        self.period_end = day_edit()
        # An assessment counts the household's latest set of figures (the rows with the latest date):
        # a new line joins that set, instead of starting a set of its own that would hide the others.
        lines = detail.current.incomes if is_income else detail.current.expenses
        latest = max((x.period_end for x in lines), default=None)
        self.period_end.setDate(QDate(latest.year, latest.month, latest.day) if latest else QDate.currentDate())
        self.period_hint = QLabel(self.tr("Assessments count the lines with the latest date: give every line of "
                                          "this year's figures the same date."))
        self.period_hint.setWordWrap(True)
        self.period_hint.setStyleSheet("color: #5f6368;")
        self.exempt = QCheckBox(self.tr("&Not counted as income (exempt)"))
        self.note = QLineEdit()
        self.note.setMaxLength(256)  # the column's length
        form.addRow(self.tr("&Member:"), self.member)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow(self.tr("&Amount:"), self.amount)
        form.addRow(self.tr("12 months &ending on:"), self.period_end)
        form.addRow("", self.period_hint)
        if is_income:
            form.addRow("", self.exempt)
        form.addRow(self.tr("N&ote:"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if line is not None:
            _select(self.member, line.member_id)
            _select(self.kind_combo, line.kind)
            self.amount.setText(str(line.amount))
            self.period_end.setDate(QDate(line.period_end.year, line.period_end.month, line.period_end.day))
            self.exempt.setChecked(line.exempt)
            self.note.setText(line.note)
        self.mark_unchanged()

    def values(self) -> dict[str, Any]:
        out = {"member_id": self.member.currentData(), "kind": self.kind_combo.currentData(),
               "amount": self.amount.text().strip(), "period_end": self.period_end.date().toPython(),
               "note": self.note.text().strip()}
        if self.kind == "income":
            out["exempt"] = self.exempt.isChecked()
        return out

    def save(self) -> None:
        ctx, detail, line = self.detail.ctx, self.detail, self.line
        values = self.values()
        income = self.kind == "income"

        def attempt(fresh: hs.HouseholdDetail | None) -> int:
            version = fresh.version if fresh else detail.version
            if line is None:
                add = hs.add_income if income else hs.add_expense
                return add(ctx.db, ctx.actor, detail.household_id, version, values)[1]
            line_version = line.version
            if fresh is not None:
                now = next((x for x in (fresh.incomes if income else fresh.expenses) if x.id == line.id), None)
                if now is None:
                    raise ValidationFailed(self.tr("This line was removed by someone else."))
                line_version = now.version
            update = hs.update_income if income else hs.update_expense
            return update(ctx.db, ctx.actor, line.id, line_version, values, household_version=version)

        labels = hs.INCOME_FIELDS if income else hs.EXPENSE_FIELDS
        fields = [(k, labels[k]) for k in values if k in labels]

        def theirs(fresh: hs.HouseholdDetail) -> dict[str, Any]:
            now = next((x for x in (fresh.incomes if income else fresh.expenses) if line and x.id == line.id), None)
            if now is None:
                return {}
            return {"member_id": now.member_name, "kind": now.kind_label, "amount": _fmt(now.amount),
                    "period_end": _fmt(now.period_end), "exempt": now.exempt, "note": now.note}

        mine = dict(values, member_id=self.member.currentText(), kind=self.kind_combo.currentText(),
                    period_end=_fmt(values["period_end"]))
        outcome, result = save_with_conflicts(self, ctx, detail.household_id, attempt, fields, mine, theirs)
        if outcome == "saved":
            detail.after_child_save(result)
            self.accept()
        elif outcome == "reload":
            detail.show_detail(result, keep_form=True)
            super().reject()  # the user chose their version: nothing to ask


# -------------------------------------------------------------------------------------------------
# Change of the head of household (更换户主)
# -------------------------------------------------------------------------------------------------


class ChangeHeadDialog(FormDialog):
    """更换户主: the new head, the former head's relation to them and every other member's. Each
    relation is to the head, so all may change: they are filled in where the relations tell
    (rules.codes.relation_after_head_change), the others keep theirs and are named to be checked.
    Saved in one step (hs.change_head): the household never has no head nor two."""

    def __init__(self, detail: HouseholdDetailDialog, new_head: hs.MemberInfo | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.ctx = detail.ctx
        self.members = list(detail.current.members)
        self.old_head = next((m for m in self.members if m.relation == Relation.SELF), None)
        self.setWindowTitle(self.tr("Change head of household"))
        form = self.form = QFormLayout(self)
        intro = QLabel(self.tr("Current head: {name}").format(name=self.old_head.name) if self.old_head
                       else self.tr("This household has no head: choose one."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.new_head = QComboBox()
        for m in self.members:
            if m.relation != Relation.SELF:
                self.new_head.addItem(f"{m.name}({m.relation_label})", m.id)
        if new_head is not None:
            _select(self.new_head, new_head.id)
        form.addRow(self.tr("&New head:"), self.new_head)
        explain = QLabel(self.tr("Relations are to the head: below, each member's relation to the new head."))
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #5f6368;")
        form.addRow(explain)
        self.combos: dict[int, QComboBox] = {}
        for m in self.members:
            combo = QComboBox()
            _fill(combo, {k: v for k, v in RELATION_LABELS.items() if k != Relation.SELF})
            label = (self.tr("{name} (former head):").format(name=m.name) if m.relation == Relation.SELF
                     else self.tr("{name} (now {relation}):").format(name=m.name, relation=m.relation_label))
            form.addRow(label, combo)
            self.combos[m.id] = combo
        self.check_note = QLabel()
        self.check_note.setWordWrap(True)
        self.check_note.setStyleSheet("color: #B06000;")
        form.addRow(self.check_note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.new_head.currentIndexChanged.connect(self.suggest)
        self.suggest()
        self.setMinimumWidth(440)
        self.mark_unchanged()

    def chosen(self) -> hs.MemberInfo | None:
        return next((m for m in self.members if m.id == self.new_head.currentData()), None)

    def suggest(self) -> None:
        """Fill each relation for the chosen head; name those the relations alone do not tell."""
        new = self.chosen()
        unknown = []
        for m in self.members:
            combo = self.combos[m.id]
            self.form.setRowVisible(combo, new is not None and m.id != new.id)
            if new is None or m.id == new.id:
                continue
            suggested = relation_after_head_change(new.relation, m.relation)
            if suggested is None:
                unknown.append(m.name)
                suggested = Relation.OTHER if m.relation == Relation.SELF else m.relation
            _select(combo, suggested)
        self.check_note.setText(self.tr("Please check: {names} (not known from the relations to the former head)")
                                .format(names="、".join(unknown)) if unknown else "")
        self.check_note.setVisible(bool(unknown))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(new is not None)

    def relations(self) -> dict[int, str]:
        new = self.chosen()
        return {m.id: self.combos[m.id].currentData() for m in self.members if new is None or m.id != new.id}

    def save(self) -> None:
        new = self.chosen()
        if new is None:
            return
        relations = self.relations()
        old_relation = relations.pop(self.old_head.id) if self.old_head is not None else None
        try:
            version = hs.change_head(self.ctx.db, self.ctx.actor, self.detail.household_id, self.detail.version,
                                     new.id, old_relation, relations)
        except ConflictError as exc:  # someone else changed the household: its members may be others now
            show_error(self, exc)
            self.detail.reload()
            QDialog.reject(self)  # said already: closed without the question to discard
            return
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.detail.after_child_save(version)
        self.accept()


# -------------------------------------------------------------------------------------------------
# The detail window
# -------------------------------------------------------------------------------------------------


class HouseholdDetailDialog(QDialog):
    """A household's detail in its own window (several may be open). Ctrl+S saves; Esc closes."""

    def __init__(self, ctx: AppContext, household_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.current = hs.get_household(ctx.db, ctx.actor, household_id, log_view=True)
        self.version = self.current.version
        self._loading = False
        resize_to_fit(self, 1000, 680)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # -- household form
        page = QWidget()
        form = QFormLayout(page)
        self.code = QLineEdit()
        self.region = QComboBox()
        try:
            for region in regions.list_regions(ctx.db, ctx.actor):
                if region.level == "community":
                    self.region.addItem(region.name, region.id)
        except ServiceError as exc:
            show_error(self, exc)
        self.address = QLineEdit()
        self.phone = QLineEdit()
        for edit, length in ((self.code, 32), (self.address, 256), (self.phone, 32)):  # the columns' lengths
            edit.setMaxLength(length)
        self.area_type = QComboBox()
        _fill(self.area_type, AREA_LABELS)
        self.single_parent = QCheckBox(self.tr("Single-parent &family"))
        self.note = text_box()
        self.note.setMaximumHeight(90)
        self.read_only = QLabel()
        self.read_only.setWordWrap(True)
        self.read_only.setStyleSheet("color: #444;")
        form.addRow(self.tr("Household &no.:"), self.code)
        form.addRow(self.tr("&Community:"), self.region)
        form.addRow(self.tr("&Address:"), self.address)
        form.addRow(self.tr("&Phone:"), self.phone)
        form.addRow(self.tr("Urban / &rural:"), self.area_type)
        form.addRow("", self.single_parent)
        form.addRow(self.tr("N&ote:"), self.note)
        form.addRow(self.read_only)
        buttons_line = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("&Undo my changes"))
        self.revert_button.clicked.connect(self.revert)
        self.dirty_label = QLabel()
        buttons_line.addWidget(self.save_button)
        buttons_line.addWidget(self.revert_button)
        buttons_line.addWidget(self.dirty_label, 1)
        form.addRow(buttons_line)
        self.tabs.addTab(page, self.tr("Househo&ld"))
        for widget in (self.code, self.address, self.phone):
            widget.textChanged.connect(self._mark_dirty)
        self.note.textChanged.connect(self._mark_dirty)
        self.region.currentIndexChanged.connect(self._mark_dirty)
        self.area_type.currentIndexChanged.connect(self._mark_dirty)
        self.single_parent.toggled.connect(self._mark_dirty)

        # -- members
        page = QWidget()
        box = QVBoxLayout(page)
        self.members = ReadOnlyTable([self.tr("Name"), self.tr("ID number"), self.tr("Relation"), self.tr("Sex"),
                                      self.tr("Age"), self.tr("Health"), self.tr("Disability"), self.tr("Labour capacity"),
                                      self.tr("Schooling")],
                                     empty=self.tr("No member is recorded. “Add member…” adds one, the head first."))
        self.members.itemActivated.connect(lambda *_: self.edit_member())
        box.addWidget(self.members)
        line = QHBoxLayout()
        for text, slot in ((self.tr("&Add member…"), self.add_member), (self.tr("&Edit member…"), self.edit_member),
                           (self.tr("&Remove member"), self.remove_member), (self.tr("Change &head…"), self.change_head)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            line.addWidget(button)
        self.change_head_button = button
        line.addStretch(1)
        box.addLayout(line)
        self.tabs.addTab(page, self.tr("Mem&bers"))

        # -- incomes and expenses
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(QLabel(self.tr("Incomes (12 months)")))
        self.incomes = ReadOnlyTable([self.tr("Member"), self.tr("Kind"), self.tr("Amount (yuan)"),
                                      self.tr("12 months ending"), self.tr("Exempt"), self.tr("Note")], empty=self.tr(
            "No income is recorded for the 12 months. “Add income…” records one; the assessment wizard does too."))
        self.incomes.itemActivated.connect(lambda *_: self.edit_line("income"))
        box.addWidget(self.incomes)
        box.addLayout(self._line_buttons("income"))
        box.addWidget(QLabel(self.tr("Rigid expenses (12 months)")))
        self.expenses = ReadOnlyTable([self.tr("Member"), self.tr("Kind"), self.tr("Amount (yuan)"),
                                       self.tr("12 months ending"), self.tr("Note")], empty=self.tr(
            "No rigid expense is recorded for the 12 months. “Add expense…” records medical, education or other "
            "rigid expenses."))
        self.expenses.itemActivated.connect(lambda *_: self.edit_line("expense"))
        box.addWidget(self.expenses)
        box.addLayout(self._line_buttons("expense"))
        self.tabs.addTab(page, self.tr("&Income and expenses"))

        # -- history (read only)
        self.history = QTreeWidget()
        self.history.setHeaderLabels([self.tr("Date"), self.tr("What"), self.tr("By"), self.tr("Details")])
        self.history.setUniformRowHeights(True)
        self.history.setAlternatingRowColors(True)
        for col in range(3):
            self.history.header().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.history.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(self.history)
        line = QHBoxLayout()
        self.withdraw_button = QPushButton(self.tr("&Withdraw visit recorded in error…"))
        self.withdraw_button.setToolTip(self.tr(
            "A visit recorded for the wrong household or day: it is removed (kept in the audit log with your "
            "reason) and the household's next visit is due again as its other visits give. Record it again "
            "for the right household."))
        self.withdraw_button.setEnabled(False)
        self.withdraw_button.clicked.connect(self.withdraw_visit)
        self.history.currentItemChanged.connect(
            lambda *_: self.withdraw_button.setEnabled(self._selected_visit() is not None))
        line.addWidget(self.withdraw_button)
        line.addStretch(1)
        box.addLayout(line)
        self.history_cut = CutNote()  # the change history stops at the latest HISTORY_SHOWN: says so when it does
        box.addWidget(self.history_cut)
        self.tabs.addTab(page, self.tr("Histor&y"))

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        # The household's assessment from its own window: a clerk who had just corrected a member's income
        # had to go to 救助评估, search the household again and pick it out of the list.
        self.assess_button = close.addButton(self.tr("New assessment (&G)…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.assess_button.setToolTip(self.tr("Opens the assessment wizard for this household (救助评估 → 新建评估)"))
        self.assess_button.setEnabled(ctx.actor.role in WRITERS)
        self.assess_button.clicked.connect(lambda: ctx.nav.assessHousehold.emit(self.household_id))
        layout.addWidget(close)
        save_action = QAction(self)
        save_action.setShortcut(QKeySequence.StandardKey.Save)
        save_action.triggered.connect(self.save)
        self.addAction(save_action)
        ctx.changes.changed.connect(self._on_change)

        self.show_detail(self.current, keep_form=False)
        # Opened with the typing in the first field: the tab bar had the focus, and a worker who opened the
        # household to correct its number or address had to Tab past it first.
        self.code.setFocus()

    # -- showing -------------------------------------------------------------------------------
    def show_detail(self, d: hs.HouseholdDetail, *, keep_form: bool) -> None:
        """Show a (fresh) detail. ``keep_form``: leave the user's unsaved household fields alone."""
        dirty = keep_form and self.is_dirty()
        self.current = d
        if not dirty:
            self.version = d.version
        self.setWindowTitle(self.tr("Household {code} — {name}").format(code=d.code, name=d.head_name or "—"))
        board = d.stage_label or self.tr("not on the board")
        self.heading.setText(self.tr(
            "<b style='font-size:15px'>{name}</b> &nbsp; {id} &nbsp; {code}<br>{sub} {community} · "
            "{members} member(s) · category: {category} · library: {board}").format(
            name=d.head_name or "—", id=d.head_id_display, code=d.code, sub=d.subdistrict, community=d.community,
            members=d.member_count, category=d.category_label, board=board) + (
            "<br><span style='color:#C00000'>" + self.tr("This household has no head: choose one with "
                                                         "“Change head…” on the Members tab.") + "</span>"
            if d.members and not any(m.relation == Relation.SELF for m in d.members) else ""))
        if not dirty:
            self._loading = True
            self.code.setText(d.code)
            _select(self.region, d.region_id)
            self.address.setText(d.address)
            self.phone.setText(d.phone)
            _select(self.area_type, d.area_type)
            self.single_parent.setChecked(d.single_parent)
            self.note.setPlainText(d.note)
            self._loading = False
        # Saved by nobody known (an import, the demo): the time alone, not "by —".
        saved = (self.tr("Last saved {when} by {who}").format(when=_fmt(d.updated_at), who=d.updated_by)
                 if d.updated_by else self.tr("Last saved {when}").format(when=_fmt(d.updated_at)))
        self.read_only.setText(self.tr(
            "Last assessed: {assessed} · last visit: {visited} · next visit due: {due} · on the board since: {since}"
        ).format(assessed=_fmt(d.last_assessed_on) or "—", visited=_fmt(d.last_visited_on) or "—",
                 due=_fmt(d.next_visit_due) or "—", since=_fmt(d.stage_since) or "—") + "\n" + saved)
        self.change_head_button.setEnabled(any(m.relation != Relation.SELF for m in d.members))
        self.members.set_rows([(m.id, [m.name, m.id_display, m.relation_label, m.sex, _fmt(m.age), m.health_label,
                                       (m.disability_label + (" " + m.grade_label if m.disability_grade else "")),
                                       m.labour_label, m.schooling_label]) for m in d.members])
        self.incomes.set_rows([(x.id, [x.member_name, x.kind_label, _fmt(x.amount), _fmt(x.period_end),
                                       self.tr("Yes") if x.exempt else "", x.note]) for x in d.incomes])
        self.expenses.set_rows([(x.id, [x.member_name, x.kind_label, _fmt(x.amount), _fmt(x.period_end), x.note])
                                for x in d.expenses])
        self.history.clear()
        groups = [(self.tr("Clues"), d.clues), (self.tr("Assessments"), d.assessments),
                  (self.tr("Library moves"), d.library_moves), (self.tr("Visits"), d.visits),
                  (self.tr("Referrals"), d.referrals), (self.tr("Applications"), d.applications),
                  (self.tr("Change history"), d.audit)]
        for title, entries in groups:
            top = QTreeWidgetItem([f"{title} ({len(entries)})"])
            top.setFirstColumnSpanned(True)
            self.history.addTopLevelItem(top)
            for e in entries:
                item = QTreeWidgetItem([_fmt(e.when), e.title, e.by, e.detail.replace("\n", " ")])
                item.setToolTip(3, e.detail)
                if e.kind == "visit":
                    item.setData(0, Qt.ItemDataRole.UserRole, e.ref)
                top.addChild(item)
            top.setExpanded(bool(entries))
        self.history_cut.say(self.tr(
            "Change history: only the latest {n} changes are shown, of {total}. The audit log (Settings → Audit "
            "log, the administrator's: search for the household's code or head's ID number) holds the earlier ones.").format(n=f"{len(d.audit):,}", total=f"{d.audit.total:,}")
            if d.audit.truncated else "")
        self._update_dirty_label()

    def form_values(self) -> dict[str, Any]:
        return {"code": self.code.text().strip(), "region_id": self.region.currentData(),
                "address": self.address.text().strip(), "phone": self.phone.text().strip(),
                "area_type": self.area_type.currentData(), "single_parent": self.single_parent.isChecked(),
                "note": self.note.toPlainText().strip()}

    def form_changes(self) -> dict[str, Any]:
        base = self.current.editable_values()
        return {k: v for k, v in self.form_values().items() if (base.get(k) or "") != (v or "")}

    def is_dirty(self) -> bool:
        return bool(self.form_changes())

    def _mark_dirty(self, *_: Any) -> None:
        if not self._loading:
            self._update_dirty_label()

    def _update_dirty_label(self) -> None:
        changes = self.form_changes()
        self.dirty_label.setText(self.tr("Unsaved changes: {fields}").format(
            fields="、".join(hs.HOUSEHOLD_FIELDS[k] for k in changes)) if changes else "")
        self.save_button.setEnabled(bool(changes))
        self.revert_button.setEnabled(bool(changes))

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> bool:
        changes = self.form_changes()
        if not changes:
            return True

        def attempt(fresh: hs.HouseholdDetail | None) -> int:
            version = fresh.version if fresh else self.version
            return hs.save_household(self.ctx.db, self.ctx.actor, self.household_id, version, changes)

        fields = [(k, hs.HOUSEHOLD_FIELDS[k]) for k in changes]
        mine = self._display(changes)
        outcome, result = save_with_conflicts(self, self.ctx, self.household_id, attempt, fields, mine,
                                              lambda fresh: self._display(fresh.editable_values(), fresh))
        if outcome == "saved":
            self.version = result
            self.reload()
            return True
        if outcome == "reload":
            self.current = result
            self.version = result.version
            self.show_detail(result, keep_form=False)
        return False

    def _display(self, values: dict[str, Any], d: hs.HouseholdDetail | None = None) -> dict[str, Any]:
        shown = dict(values)
        if "region_id" in shown:
            index = self.region.findData(shown["region_id"])
            shown["region_id"] = self.region.itemText(index) if index >= 0 else (d.community if d else shown["region_id"])
        if "area_type" in shown:
            index = self.area_type.findData(shown["area_type"])
            shown["area_type"] = self.area_type.itemText(index) if index >= 0 else shown["area_type"]
        return shown

    def revert(self) -> None:
        self.show_detail(self.current, keep_form=False)

    def reload(self) -> None:
        try:
            self.show_detail(hs.get_household(self.ctx.db, self.ctx.actor, self.household_id), keep_form=True)
        except ServiceError as exc:
            show_error(self, exc)

    def after_child_save(self, new_version: int) -> None:
        """A member/income/expense was saved: adopt the household's new version and re-read."""
        self.version = new_version
        try:
            fresh = hs.get_household(self.ctx.db, self.ctx.actor, self.household_id)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.show_detail(fresh, keep_form=True)
        if fresh.version == new_version:
            self.version = new_version

    # What may change a household or its history: a visit or a move changes its version too.
    LIVE_TOPICS = frozenset({"households", "visits", "board", "referrals", "*"})

    def _on_change(self, topic: str, ident: int) -> None:
        if topic in self.LIVE_TOPICS and ident in (self.household_id, 0) and self.isVisible():
            try:
                fresh = hs.get_household(self.ctx.db, self.ctx.actor, self.household_id)
            except ServiceError:
                return
            if fresh.version == self.current.version:
                if topic != "households":  # its history only (a referral): the form stays as typed
                    self.show_detail(fresh, keep_form=True)
            else:
                # Show what others saved; the user's unsaved form stays, and its save will meet the conflict dialog.
                keep_version = self.version
                dirty = self.is_dirty()
                self.show_detail(fresh, keep_form=True)
                if dirty:
                    self.version = keep_version
                    self.dirty_label.setText(self.dirty_label.text() + "  " + self.tr(
                        "(someone else has saved this household since you started editing)"))

    # -- members and money lines -----------------------------------------------------------------
    def _selected_member(self) -> hs.MemberInfo | None:
        key = self.members.current_key()
        return next((m for m in self.current.members if m.id == key), None)

    def add_member(self) -> None:
        MemberDialog(self, None).exec()

    def edit_member(self) -> None:
        member = self._selected_member()
        if member is not None:
            MemberDialog(self, member).exec()

    def change_head(self) -> None:
        """更换户主, the selected member (when not the head) proposed as the new one."""
        member = self._selected_member()
        ChangeHeadDialog(self, member if member is not None and member.relation != Relation.SELF else None).exec()

    def remove_member(self) -> None:
        member = self._selected_member()
        if member is None:
            return
        if member.relation == Relation.SELF:  # refused by the service: said before asking to confirm
            QMessageBox.information(self, self.tr("Remove member"), hs.head_not_removed(member.name))
            return
        if not asked_yes(self, self.tr("Remove member"), self.tr(
                "Remove {name} from this household? Their income and expense lines are removed too.").format(
                name=member.name)):
            return
        try:
            version = hs.remove_member(self.ctx.db, self.ctx.actor, member.id, member.version,
                                       household_version=self.version)
        except ConflictError as exc:
            show_error(self, exc)
            self.reload()
            return
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.after_child_save(version)

    def _line_buttons(self, kind: str) -> QHBoxLayout:
        line = QHBoxLayout()
        # Both lists are on one tab: each button has a name and an Alt key of its own.
        texts = ((self.tr("&Add income…"), self.tr("&Edit income…"), self.tr("&Remove income")) if kind == "income"
                 else (self.tr("Add e&xpense…"), self.tr("Edi&t expense…"), self.tr("Re&move expense")))
        for text, slot in zip(texts, (lambda: self.add_line(kind), lambda: self.edit_line(kind),
                                      lambda: self.remove_line(kind)), strict=True):
            button = QPushButton(text)
            button.clicked.connect(slot)
            line.addWidget(button)
        line.addStretch(1)
        return line

    def _selected_line(self, kind: str) -> hs.MoneyLine | None:
        table, lines = (self.incomes, self.current.incomes) if kind == "income" else (self.expenses, self.current.expenses)
        key = table.current_key()
        return next((x for x in lines if x.id == key), None)

    def add_line(self, kind: str) -> None:
        MoneyDialog(self, kind, None).exec()

    def edit_line(self, kind: str) -> None:
        line = self._selected_line(kind)
        if line is not None:
            MoneyDialog(self, kind, line).exec()

    def remove_line(self, kind: str) -> None:
        line = self._selected_line(kind)
        if line is None:
            return
        if not asked_yes(self, self.tr("Remove"), self.tr("Remove {kind} of {amount} yuan?").format(
                kind=line.kind_label, amount=_fmt(line.amount))):
            return
        remove = hs.remove_income if kind == "income" else hs.remove_expense
        try:
            version = remove(self.ctx.db, self.ctx.actor, line.id, line.version, household_version=self.version)
        except ConflictError as exc:
            show_error(self, exc)
            self.reload()
            return
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.after_child_save(version)

    # -- visits --------------------------------------------------------------------------------
    def _selected_visit(self) -> tuple[int, str] | None:
        """The visit chosen in the history: (its id, its date as shown)."""
        item = self.history.currentItem()
        ref = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return (int(ref), item.text(0)) if ref is not None else None

    def withdraw_visit(self) -> None:
        chosen = self._selected_visit()
        if chosen is None:
            return
        visit_id, day = chosen
        dialog = ReasonDialog(self)
        dialog.build(self.tr("Withdraw visit"), self.tr(
            "Withdraw the visit of <b>{day}</b> recorded for <b>{name}</b>? It is removed from the household's "
            "visits; the household is due a visit again as its other visits give.").format(
            day=day, name=self.current.head_name or "—"),
            self.tr("&Reason (recorded with your name):"), self.tr("e.g. recorded for the wrong household"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            monitoring.withdraw_visit(self.ctx.db, self.ctx.actor, visit_id, reason=dialog.reason())
        except ServiceError as exc:
            show_error(self, exc)
        self.reload()

    # -- closing -------------------------------------------------------------------------------
    def maybe_close(self) -> bool:
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("Save your changes to this household before closing?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)  # Enter keeps what was typed
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _stop_listening(self) -> None:
        try:
            self.ctx.changes.changed.disconnect(self._on_change)
        except (RuntimeError, TypeError):
            pass

    def reject(self) -> None:  # Esc and Close
        if self.maybe_close():
            self._stop_listening()
            super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001
        if self.maybe_close():
            self._stop_listening()
            event.accept()
        else:
            event.ignore()
