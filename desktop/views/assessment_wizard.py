"""The assessment wizard: household → members and health → incomes → expenses → verification → result.

Every figure is checked and computed by services; the wizard only gathers input and shows results.
"""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QDate,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.rules import means_test as mt
from desktop.rules.codes import (
    DEPARTMENT_LABELS,
    EXPENSE_LABELS,
    GRADE_LABELS,
    INCOME_LABELS,
    NET_INCOME_KINDS,
    RELATION_LABELS,
    Category,
    ExpenseKind,
    IncomeKind,
    Relation,
)
from desktop.services import assessment as svc
from desktop.services.base import CutList
from desktop.services.errors import ServiceError
from desktop.views.context import AppContext
from desktop.views.dates import day_edit
from desktop.views.errors import show_error
from desktop.views.keys import clear_layout, enter_runs, leads_to, text_box
from desktop.views.save_as import ask_save_path
from desktop.views.screens import resize_to_fit
from desktop.views.table_model import CutNote, RowListTableModel, read_only_table

MONEY_RE = QRegularExpression(r"^\d{0,9}([.]\d{0,2})?$")
SIGNED_MONEY_RE = QRegularExpression(r"^-?\d{0,9}([.]\d{0,2})?$")
HOUSEHOLD_ROW = -1  # income/expense lines not tied to a member


def parse_money(text: str) -> Decimal:
    text = text.strip()
    if not text or text in ("-", "."):
        return Decimal("0")
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        return Decimal("0")


def money_text(value: Decimal) -> str:
    return "" if value == 0 else f"{value.quantize(Decimal('0.01'))}"


# -- page 1: choose the household -----------------------------------------------------------------------

class HouseholdHitsTableModel(RowListTableModel[svc.HouseholdHit]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("HouseholdHitsTableModel", "Code"),
        QT_TRANSLATE_NOOP("HouseholdHitsTableModel", "Head of household"),
        QT_TRANSLATE_NOOP("HouseholdHitsTableModel", "ID number"),
        QT_TRANSLATE_NOOP("HouseholdHitsTableModel", "Community"),
        QT_TRANSLATE_NOOP("HouseholdHitsTableModel", "Members"),
        QT_TRANSLATE_NOOP("HouseholdHitsTableModel", "Category"),
        QT_TRANSLATE_NOOP("HouseholdHitsTableModel", "Board"),
        QT_TRANSLATE_NOOP("HouseholdHitsTableModel", "Last assessed"),
    )

    def display(self, h: svc.HouseholdHit, column: int) -> object:
        return (h.code, h.head_name, h.head_id, h.region_name, h.member_count, h.category_label, h.stage_label,
                h.last_assessed_on.isoformat() if h.last_assessed_on else "")[column]

    def role_data(self, h: svc.HouseholdHit, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:  # the member count, as on 家庭档案
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ChooseHouseholdPage(QWizardPage):
    def __init__(self, wizard: AssessmentWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Choose the household"))
        self.setSubTitle(self.tr("Search by the head's name, any member's name, household code or ID number "
                                 "(the last digits are enough)."))
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Name, code or ID number"))
        enter_runs(self.search, self.run_search)  # Enter lists the matches; Next stays the user's choice
        button = QPushButton(self.tr("&Search"))
        button.clicked.connect(self.run_search)
        label = QLabel(self.tr("&Look up:"))  # the box's own Alt key: Alt+S presses 查找 instead
        label.setBuddy(self.search)
        bar.addWidget(label)
        bar.addWidget(self.search, 1)
        bar.addWidget(button)
        layout.addLayout(bar)
        self.model = HouseholdHitsTableModel(self)
        # the household and ID numbers whole (they were cut to "4202030010…"), the head count narrow
        self.table = read_only_table(self.model, single=True, widths=(0, 90, 0, 100, 50, 90, 90), numbers=(0, 2))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.completeChanged.emit())
        self.table.doubleClicked.connect(lambda *_: self.wiz.next())
        layout.addWidget(self.table)
        self.status = QLabel()
        layout.addWidget(self.status)
        self.cut_note = CutNote()  # a search stops at SEARCH_LIMIT households: says so when it does
        layout.addWidget(self.cut_note)

    def run_search(self) -> None:
        try:
            rows = svc.search_households(self.wiz.ctx.db, self.wiz.ctx.actor, self.search.text())
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.show_hits(rows)
        if rows:
            self.table.selectRow(0)
        self.completeChanged.emit()

    def show_hits(self, rows: CutList) -> None:
        self.model.set_rows(rows)
        self.status.setText(self.tr("%1 households found.").replace("%1", f"{rows.total:,}") if rows else
                            self.tr("No household matches. Check the spelling or search by ID number."))
        self.cut_note.say(self.tr("Only the first %1 are listed: type more of the name, or the ID number, to "
                                  "find the others.").replace("%1", f"{len(rows):,}") if rows.truncated else "")

    def select_household(self, household_id: int) -> None:
        for row, hit in enumerate(self.model.rows):
            if hit.id == household_id:
                self.table.selectRow(row)
                return

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].id if rows else None

    def isComplete(self) -> bool:  # noqa: N802
        return self.selected_id() is not None

    def validatePage(self) -> bool:  # noqa: N802
        hid = self.selected_id()
        if hid is None:
            return False
        return self.wiz.load(hid)


# -- page 2: members and health ---------------------------------------------------------------------------

class MembersPage(QWizardPage):
    def __init__(self, wizard: AssessmentWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Members and health"))
        self.setSubTitle(self.tr("Check each member's health, disability, ability to work and schooling. "
                                 "Changes are saved to the household when you continue."))
        outer = QVBoxLayout(self)
        self.single_parent = QCheckBox(self.tr("Single-parent &household"))
        outer.addWidget(self.single_parent)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from 单亲家庭 straight to the first member's fields
        self.holder = QWidget()
        self.grid = QGridLayout(self.holder)
        scroll.setWidget(self.holder)
        outer.addWidget(scroll)
        self.rows: list[dict[str, QWidget]] = []
        self.choices = svc.member_choices()

    def _combo(self, pairs: list[tuple[str, str]], current: object) -> QComboBox:
        box = QComboBox()
        for code, label in pairs:
            box.addItem(label, code)
        index = box.findData(current)
        box.setCurrentIndex(max(index, 0))
        return box

    def initializePage(self) -> None:  # noqa: N802
        inputs = self.wiz.inputs
        assert inputs is not None
        clear_layout(self.grid)
        headers = [self.tr("Name"), self.tr("Relation"), self.tr("Age"), self.tr("Health"), self.tr("Disability"),
                   self.tr("Grade"), self.tr("Ability to work"), self.tr("Schooling"), self.tr("Employed"),
                   self.tr("Union member")]
        for col, text in enumerate(headers):
            label = QLabel(f"<b>{text}</b>")
            self.grid.addWidget(label, 0, col)
        self.single_parent.setChecked(inputs.single_parent)
        self.rows = []
        on = self.wiz.assessment_date()
        for r, m in enumerate(inputs.members, start=1):
            age = "" if m.birth_date is None else str(mt.MemberInput(m.id, m.name, birth_date=m.birth_date).age_on(on))
            widgets: dict[str, QWidget] = {
                "health": self._combo(self.choices["health"], m.health),
                "disability": self._combo(self.choices["disability"], m.disability),
                "grade": self._combo([(str(k), v) for k, v in GRADE_LABELS.items()], str(m.disability_grade)),
                "labour": self._combo(self.choices["labour"], m.labour_capacity),
                "schooling": self._combo(self.choices["schooling"], m.schooling),
                "employed": self._combo([("", self.tr("Unknown")), ("yes", self.tr("Yes")), ("no", self.tr("No"))],
                                        "" if m.employed is None else ("yes" if m.employed else "no")),
                "union": QCheckBox(),
            }
            widgets["union"].setChecked(m.union_member)  # type: ignore[attr-defined]
            self.grid.addWidget(QLabel(m.name), r, 0)
            relation = RELATION_LABELS.get(Relation(m.relation), m.relation) \
                if m.relation in Relation._value2member_map_ else m.relation
            self.grid.addWidget(QLabel(relation), r, 1)
            self.grid.addWidget(QLabel(age), r, 2)
            for col, key in enumerate(("health", "disability", "grade", "labour", "schooling", "employed", "union"),
                                      start=3):
                self.grid.addWidget(widgets[key], r, col)
            self.rows.append(widgets)
        self.grid.setRowStretch(len(inputs.members) + 1, 1)

    def edits(self) -> list[svc.MemberEdit]:
        inputs = self.wiz.inputs
        assert inputs is not None
        out = []
        for m, w in zip(inputs.members, self.rows, strict=True):
            employed_code = w["employed"].currentData()  # type: ignore[attr-defined]
            out.append(svc.MemberEdit(
                m.id, m.version, w["health"].currentData(), w["disability"].currentData(),  # type: ignore[attr-defined]
                int(w["grade"].currentData()), w["labour"].currentData(),  # type: ignore[attr-defined]
                w["schooling"].currentData(),  # type: ignore[attr-defined]
                None if not employed_code else employed_code == "yes", w["union"].isChecked()))  # type: ignore[attr-defined]
        return out

    def validatePage(self) -> bool:  # noqa: N802
        inputs = self.wiz.inputs
        assert inputs is not None
        try:
            self.wiz.inputs = svc.update_members(self.wiz.ctx.db, self.wiz.ctx.actor, inputs.household_id,
                                                 self.edits(), single_parent=self.single_parent.isChecked(),
                                                 household_version=inputs.version)
        except ServiceError as exc:
            show_error(self, exc)
            return False
        return True


# -- pages 3 and 4: incomes and expenses --------------------------------------------------------------------

class MoneyGridPage(QWizardPage):
    """A grid of money fields: one row per member plus one for the household, one column per kind."""

    def __init__(self, wizard: AssessmentWizard, kinds: list[tuple[str, str]], signed: tuple[str, ...] = ()) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.kinds = kinds
        self.signed = signed
        outer = QVBoxLayout(self)
        self.note = QLabel()
        self.note.setWordWrap(True)
        outer.addWidget(self.note)
        holder = QWidget()
        self.grid = QGridLayout(holder)
        outer.addWidget(holder)
        self.extra = QVBoxLayout()
        outer.addLayout(self.extra)
        self.total = QLabel()
        outer.addWidget(self.total)
        outer.addStretch(1)
        self.fields: dict[tuple[int, str], QLineEdit] = {}
        self.built_for: tuple[int, tuple[int, ...]] | None = None

    def already_built(self) -> bool:
        """Going back to the members page and forward again keeps what was typed here."""
        inputs = self.wiz.inputs
        assert inputs is not None
        key = (inputs.household_id, tuple(m.id for m in inputs.members))
        if key == self.built_for:
            return True
        self.built_for = key
        return False

    def row_keys(self) -> list[tuple[int, str]]:
        inputs = self.wiz.inputs
        assert inputs is not None
        return [(m.id, m.name) for m in inputs.members] + [(HOUSEHOLD_ROW, self.tr("Household (not by member)"))]

    def build(self, values: dict[tuple[int, str], Decimal]) -> None:
        clear_layout(self.grid)
        self.fields = {}
        member_header = self.tr("Member")
        self.grid.addWidget(QLabel(f"<b>{member_header}</b>"), 0, 0)
        for col, (_, label) in enumerate(self.kinds, start=1):
            self.grid.addWidget(QLabel(f"<b>{label}</b>"), 0, col)
        for r, (mid, name) in enumerate(self.row_keys(), start=1):
            self.grid.addWidget(QLabel(name), r, 0)
            for col, (kind, label) in enumerate(self.kinds, start=1):
                edit = QLineEdit(money_text(values.get((mid, kind), Decimal("0"))))
                edit.setValidator(QRegularExpressionValidator(SIGNED_MONEY_RE if kind in self.signed else MONEY_RE,
                                                              edit))
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
                edit.setPlaceholderText("0.00")
                edit.setAccessibleName(f"{name} {label}")
                edit.textChanged.connect(self.update_total)
                self.grid.addWidget(edit, r, col)
                self.fields[(mid, kind)] = edit
        # The amounts are made after the page's other widgets (and the wizard's buttons): Tab goes
        # through them row by row first, then to the check boxes under them.
        chain = list(self.fields.values()) + [w for w in self.findChildren(QCheckBox) if w.parent() is not self]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.update_total()

    def focus_first(self) -> None:
        """The first amount takes the keyboard when the page opens: typing starts at once, instead of in
        the Next button (incomes) or a check box under the grid (expenses)."""
        if self.fields:
            first = next(iter(self.fields.values()))
            first.setFocus(Qt.FocusReason.TabFocusReason)
            first.selectAll()

    def values(self) -> dict[tuple[int, str], Decimal]:
        return {key: parse_money(edit.text()) for key, edit in self.fields.items()}

    def update_total(self) -> None:
        total = sum(self.values().values(), Decimal("0"))
        self.total.setText(self.tr("Total over 12 months: %1 yuan").replace("%1", f"{total:,.2f}"))


EXEMPT = "exempt"


class IncomesPage(MoneyGridPage):
    def __init__(self, wizard: AssessmentWizard) -> None:
        kinds = [(k.value, INCOME_LABELS[k]) for k in IncomeKind] + [(EXEMPT, "")]
        super().__init__(wizard, kinds, signed=tuple(k.value for k in NET_INCOME_KINDS))
        self.kinds[-1] = (EXEMPT, self.tr("Not counted (exempt)"))
        self.setTitle(self.tr("Income over the last 12 months"))
        self.note.setText(self.tr(
            "Yuan over the 12 months before the assessment date. Net business, property and transfer income may "
            "be negative (a loss, or more paid out in taxes, contributions and support than received). Put "
            "veterans' benefits, family-planning rewards, scholarships, bravery awards and assistance payments "
            "under \"Not counted\": they are recorded but are not income. The basic resident pension has its own "
            "column: whether it is counted follows the policy setting in force on the assessment date (the "
            "result explains it)."))

    def initializePage(self) -> None:  # noqa: N802
        inputs = self.wiz.inputs
        assert inputs is not None
        if self.already_built():
            return
        ids = {m.id for m in inputs.members}
        values: dict[tuple[int, str], Decimal] = {}
        for item in inputs.incomes:
            mid = item.member_id if item.member_id in ids else HOUSEHOLD_ROW
            key = (mid, EXEMPT if item.exempt else item.kind)
            values[key] = values.get(key, Decimal("0")) + item.amount
        self.build(values)

    def items(self) -> list[mt.IncomeItem]:
        out = []
        for (mid, kind), amount in self.values().items():
            if amount == 0:
                continue
            member = None if mid == HOUSEHOLD_ROW else mid
            if kind == EXEMPT:
                out.append(mt.IncomeItem(IncomeKind.OTHER.value, amount, True, member))
            else:
                out.append(mt.IncomeItem(kind, amount, False, member))
        return out

    def update_total(self) -> None:
        pension_kind = IncomeKind.RESIDENT_PENSION.value
        values = self.values().items()
        counted = sum((v for (_, k), v in values if k not in (EXEMPT, pension_kind)), Decimal("0"))
        exempt = sum((v for (_, k), v in values if k == EXEMPT), Decimal("0"))
        pension = sum((v for (_, k), v in values if k == pension_kind), Decimal("0"))
        text = (self.tr("Counted income over 12 months: %1 yuan; not counted: %2 yuan")
                .replace("%1", f"{counted:,.2f}").replace("%2", f"{exempt:,.2f}"))
        if pension:  # counted or not by the policy setting on the assessment date: the result page says which
            text += self.tr("; basic resident pension %1 yuan, counted or not as the policy setting says").replace(
                "%1", f"{pension:,.2f}")
        self.total.setText(text)


class ExpensesPage(MoneyGridPage):
    def __init__(self, wizard: AssessmentWizard) -> None:
        super().__init__(wizard, [(k.value, EXPENSE_LABELS[k]) for k in ExpenseKind])
        self.setTitle(self.tr("Rigid spending over the last 12 months"))
        self.note.setText(self.tr(
            "Out-of-pocket medical costs after insurance, education fees at public-school rates, rehabilitation "
            "and other rigid spending, in yuan over the same 12 months."))
        box = QGroupBox(self.tr("Other needs to refer"))
        row = QHBoxLayout(box)
        self.housing = QCheckBox(self.tr("Housing difficulty"))
        self.legal = QCheckBox(self.tr("Needs legal aid"))
        self.disaster = QCheckBox(self.tr("Hit by a disaster or accident"))
        for w in (self.housing, self.legal, self.disaster):
            row.addWidget(w)
        row.addStretch(1)
        self.extra.addWidget(box)

    def initializePage(self) -> None:  # noqa: N802
        inputs = self.wiz.inputs
        assert inputs is not None
        if self.already_built():
            return
        ids = {m.id for m in inputs.members}
        values: dict[tuple[int, str], Decimal] = {}
        for item in inputs.expenses:
            key = (item.member_id if item.member_id in ids else HOUSEHOLD_ROW, item.kind)
            values[key] = values.get(key, Decimal("0")) + item.amount
        self.build(values)

    def items(self) -> list[mt.ExpenseItem]:
        return [mt.ExpenseItem(kind, amount, None if mid == HOUSEHOLD_ROW else mid)
                for (mid, kind), amount in self.values().items() if amount != 0]


# -- page 5: verification ---------------------------------------------------------------------------------

class VerificationPage(QWizardPage):
    def __init__(self, wizard: AssessmentWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Verification"))
        self.setSubTitle(self.tr("How were the figures verified, and by whom? A home survey needs at least two "
                                 "investigators."))
        form = QFormLayout(self)
        self.date = day_edit(QDate.currentDate())
        self.date.setMaximumDate(QDate.currentDate())
        form.addRow(self.tr("Assessment &date:"), self.date)
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.methods: dict[str, QCheckBox] = {}
        for n, (code, label) in enumerate(mt.VERIFICATION_METHODS.items()):
            check = QCheckBox(label)
            check.toggled.connect(lambda *_: self.completeChanged.emit())
            grid.addWidget(check, n // 3, n % 3)
            self.methods[code] = check
        leads_to(box, next(iter(self.methods.values())))  # Alt and the letter go to the first method
        form.addRow(self.tr("&Methods used:"), box)
        self.investigators = QLineEdit()
        self.investigators.setPlaceholderText(self.tr("Names separated by commas, e.g. 王芳, 李强"))
        self.investigators.setText(svc.last_investigators(wizard.ctx.db, wizard.ctx.actor))  # mostly the same
        self.investigators.textChanged.connect(lambda *_: self.completeChanged.emit())
        form.addRow(self.tr("In&vestigators:"), self.investigators)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #a33;")
        form.addRow("", self.hint)

    def chosen_methods(self) -> list[str]:
        return [code for code, check in self.methods.items() if check.isChecked()]

    def names(self) -> list[str]:
        text = self.investigators.text()
        for sep in ",,、;;":
            text = text.replace(sep, " ")
        return [n for n in dict.fromkeys(text.split()) if n]

    def isComplete(self) -> bool:  # noqa: N802
        methods = self.chosen_methods()
        names = self.names()
        if not methods:
            self.hint.setText(self.tr("Tick at least one verification method."))
            return False
        if not names:
            self.hint.setText(self.tr("Enter the investigators."))
            return False
        if mt.HOME_SURVEY in methods and len(names) < 2:
            self.hint.setText(self.tr("A home survey needs at least two investigators."))
            return False
        self.hint.setText("")
        return True

    def validatePage(self) -> bool:  # noqa: N802
        return self.wiz.run_preview()


# -- page 6: the result -----------------------------------------------------------------------------------

class ResultPage(QWizardPage):
    def __init__(self, wizard: AssessmentWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Result"))
        self.setSubTitle(self.tr("The calculation step by step, and where the household should go next."))
        layout = QVBoxLayout(self)
        self.headline = QLabel()
        self.headline.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(self.headline)
        self.explanation = QTextBrowser()
        layout.addWidget(self.explanation, 1)
        # A household moved on the board after the assessment date keeps its place (the service's words):
        # said here, before saving, so nobody expects the placement below to move it.
        self.stage_kept = QLabel()
        self.stage_kept.setWordWrap(True)
        self.stage_kept.setStyleSheet("color: #a33;")
        self.stage_kept.hide()
        layout.addWidget(self.stage_kept)
        form = QFormLayout()
        self.placement = QComboBox()
        for code, label in mt.PLACEMENT_LABELS.items():
            self.placement.addItem(label, code)
        self.placement.currentIndexChanged.connect(self._placement_changed)
        form.addRow(self.tr("Pl&acement:"), self.placement)
        self.reason = text_box()
        self.reason.setPlaceholderText(self.tr("Required when the placement differs from the suggestion"))
        self.reason.setMaximumHeight(60)
        self.reason.textChanged.connect(lambda: self.completeChanged.emit())
        form.addRow(self.tr("&Reason for the change:"), self.reason)
        refer = QWidget()
        self.refer_layout = QHBoxLayout(refer)
        self.refer_layout.setContentsMargins(0, 0, 0, 0)
        self.refer: dict[str, QCheckBox] = {}
        for code, label in DEPARTMENT_LABELS.items():
            check = QCheckBox(label)
            self.refer[code] = check
            self.refer_layout.addWidget(check)
        self.refer_layout.addStretch(1)
        leads_to(refer, next(iter(self.refer.values())))
        form.addRow(self.tr("Refer &to:"), refer)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&Print calculation sheet…"))
        self.print_button.clicked.connect(self.wiz.print_sheet)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:  # noqa: N802
        pv = self.wiz.preview
        assert pv is not None
        r = pv.result
        urgent = self.tr(" — URGENT") if r.urgent else ""
        allowance = ""
        if r.category == Category.DIBAO:  # paid by the difference to the standard (社会救助暂行办法 art. 13)
            allowance = self.tr("; by the difference to the standard {amount} yuan a month").format(
                amount=f"{mt.dibao_allowance(r.dibao_line, r.per_capita_monthly, r.members):,.2f}")
        self.headline.setText(self.tr("Result: %1, per-capita monthly income %2 yuan").replace("%1", r.label)
                              .replace("%2", f"{r.per_capita_monthly:,.2f}") + allowance + urgent)
        items = "".join(f"<li>{html.escape(step)}</li>" for step in r.steps)
        self.explanation.setHtml(f"<ol style='margin-left:-20px'>{items}</ol>")
        for i in range(self.placement.count()):  # "keeps its assistance" for a household already in it
            self.placement.setItemText(i, mt.placement_label(self.placement.itemData(i), r.category,
                                                             pv.current_category))
        self.placement.setCurrentIndex(self.placement.findData(r.suggested_placement))
        suggested = {ref.department for ref in r.referrals}
        for code, check in self.refer.items():
            check.setChecked(code in suggested)
            check.setToolTip(next((ref.need for ref in r.referrals if ref.department == code), ""))
        self.reason.clear()
        self._placement_changed()

    def is_override(self) -> bool:
        pv = self.wiz.preview
        return pv is not None and self.placement.currentData() != pv.result.suggested_placement

    def _placement_changed(self) -> None:
        self.reason.setEnabled(self.is_override())
        pv = self.wiz.preview
        kept = pv.stage_kept(self.placement.currentData()) if pv is not None else ""
        self.stage_kept.setText(kept)
        self.stage_kept.setVisible(bool(kept))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return not self.is_override() or bool(self.reason.toPlainText().strip())

    def departments(self) -> list[str]:
        return [code for code, check in self.refer.items() if check.isChecked()]


# -- the wizard --------------------------------------------------------------------------------------------

class AssessmentWizard(QWizard):
    """``saved(assessment_id, household_id)`` fires after a successful save."""

    saved = Signal(int, int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, household_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.inputs: svc.HouseholdInputs | None = None
        self.preview: svc.Preview | None = None
        self.result_saved: svc.Saved | None = None
        self.setWindowTitle(self.tr("Comprehensive assessment"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Save assessment"))
        self.choose = ChooseHouseholdPage(self)
        self.members = MembersPage(self)
        self.incomes = IncomesPage(self)
        self.expenses = ExpensesPage(self)
        self.verification = VerificationPage(self)
        self.result = ResultPage(self)
        for page in (self.choose, self.members, self.incomes, self.expenses, self.verification, self.result):
            self.addPage(page)
        resize_to_fit(self, 980, 640)
        self.currentIdChanged.connect(self._page_shown)
        if household_id is not None:
            self.preselect(household_id)

    def preselect(self, household_id: int) -> None:
        try:
            hits = svc.search_households(self.ctx.db, self.ctx.actor, "")
            if household_id not in {h.id for h in hits}:
                inputs = svc.load_household(self.ctx.db, self.ctx.actor, household_id)
                hits = svc.search_households(self.ctx.db, self.ctx.actor, inputs.code or inputs.head_name)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.choose.show_hits(hits)
        self.choose.select_household(household_id)

    def _page_shown(self, _page_id: int) -> None:
        page = self.currentPage()
        if isinstance(page, MoneyGridPage):
            page.focus_first()

    def assessment_date(self) -> date:
        return self.verification.date.date().toPython()

    def load(self, household_id: int) -> bool:
        try:
            self.inputs = svc.load_household(self.ctx.db, self.ctx.actor, household_id)
        except ServiceError as exc:
            show_error(self, exc)
            return False
        if not self.inputs.members:
            QMessageBox.warning(self, self.tr("Comprehensive assessment"),
                                self.tr("This household has no members recorded. Add its members first."))
            return False
        return True

    def facts(self) -> mt.HouseholdFacts:
        assert self.inputs is not None
        members = tuple(m.to_input() for m in self.inputs.members)
        return mt.HouseholdFacts(members, tuple(self.incomes.items()), tuple(self.expenses.items()),
                                 self.inputs.single_parent, self.expenses.housing.isChecked(),
                                 self.expenses.legal.isChecked(), self.expenses.disaster.isChecked())

    def run_preview(self) -> bool:
        assert self.inputs is not None
        try:
            self.preview = svc.preview(self.ctx.db, self.ctx.actor, self.inputs.household_id, self.facts(),
                                       self.assessment_date())
        except ServiceError as exc:
            show_error(self, exc)
            return False
        return True

    def request(self) -> svc.SaveRequest:
        assert self.inputs is not None
        return svc.SaveRequest(
            household_id=self.inputs.household_id, assessed_on=self.assessment_date(), facts=self.facts(),
            verification_methods=self.verification.chosen_methods(), investigators=self.verification.names(),
            placement=self.result.placement.currentData(),
            override_reason=self.result.reason.toPlainText() if self.result.is_override() else "",
            refer_departments=self.result.departments(), household_version=self.inputs.version,
            settings_seen=self.preview.settings.frozen() if self.preview is not None else None)

    def accept(self) -> None:
        try:
            saved = svc.save_assessment(self.ctx.db, self.ctx.actor, self.request())
        except svc.PolicyChanged as exc:  # recalculated with the new settings, shown for the user to check
            show_error(self, exc)
            if self.run_preview():
                self.result.initializePage()
            return
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.result_saved = saved
        self.ctx.changes.publish("assessments", saved.assessment_id)
        self.ctx.changes.publish("households", saved.household_id)
        self.saved.emit(saved.assessment_id, saved.household_id)
        if saved.stage_kept:  # saved, but the household was moved after the assessment date and stays
            QMessageBox.information(self, self.tr("Comprehensive assessment"), saved.stage_kept)
        super().accept()
        if saved.start_application:
            self.ctx.nav.applyForHousehold.emit(saved.household_id)

    def draft_detail(self) -> svc.AssessmentDetail | None:
        if self.inputs is None or self.preview is None:
            return None
        req = self.request()
        return svc.AssessmentDetail(
            0, self.inputs.household_id, self.inputs.head_name, "", self.inputs.region_name, "", req.assessed_on,
            req.facts, self.preview.settings.frozen(), self.preview.result.summary(), self.preview.result.explanation,
            req.verification_methods, req.investigators, self.preview.result.suggested_placement, req.placement,
            req.override_reason, self.ctx.actor.display_name, None)

    def print_sheet(self) -> None:
        detail = self.draft_detail()
        if detail is None:
            return
        path = ask_save_path(self, self.tr("Save calculation sheet"),
                             f"评估计算表_{detail.head_name}_{detail.assessed_on}.pdf", "pdf")
        if path:
            try:
                write_sheet(detail, path, draft=True)
                svc.log_sheet_printed(self.ctx.db, self.ctx.actor, detail, path, draft=True)
            except (OSError, ServiceError) as exc:
                show_error(self, exc)


def sheet_html(d: svc.AssessmentDetail, *, draft: bool = False) -> str:
    """The calculation sheet (评估计算表): inputs, settings used, explanation and placement."""
    from desktop.rules import policy as policy_rules

    e = html.escape
    res = d.result
    names = {m.member_id: m.name for m in d.facts.members}
    member_rows = "".join(
        f"<tr><td>{e(m.name)}</td><td>{m.birth_date or ''}</td><td>{e(svc.label_of('health', m.health))}</td>"
        f"<td>{e(svc.label_of('disability', m.disability))}{' ' + GRADE_LABELS.get(m.disability_grade, '') if m.disability_grade else ''}</td>"
        f"<td>{e(svc.label_of('labour', m.labour_capacity))}</td><td>{e(svc.label_of('schooling', m.schooling))}</td></tr>"
        for m in d.facts.members)
    money_rows = "".join(
        f"<tr><td>{e(names.get(i.member_id, '家庭'))}</td><td>{e(INCOME_LABELS[IncomeKind(i.kind)])}"
        f"{'(不计入)' if i.exempt else ''}</td><td class='right'>{i.amount:,.2f}</td></tr>" for i in d.facts.incomes)
    money_rows += "".join(
        f"<tr><td>{e(names.get(x.member_id, '家庭'))}</td><td>{e(EXPENSE_LABELS[ExpenseKind(x.kind)])}</td>"
        f"<td class='right'>{x.amount:,.2f}</td></tr>" for x in d.facts.expenses)
    settings_rows = "".join(
        f"<tr><td>{e(policy_rules.SPEC_BY_NAME[n].label)}</td><td>{e(policy_rules.display_value(n, Decimal(v['value'])))}"
        f"</td><td>{e(v['effective_from'])}</td></tr>" for n, v in d.settings.items() if n in policy_rules.SPEC_BY_NAME)
    steps = "".join(f"<li>{e(line.split('. ', 1)[1] if '. ' in line else line)}</li>"
                    for line in d.explanation.splitlines())
    methods = "、".join(mt.VERIFICATION_METHODS.get(m, m) for m in d.verification_methods)
    override = f"<p>改变建议去向的理由:{e(d.override_reason)}</p>" if d.override_reason else ""
    mark = "<p class='muted'>(草稿,尚未保存)</p>" if draft else f"<p class='muted'>评估编号 {d.id}</p>"
    # as the explanation above writes it: "3,875.00 元"
    per_capita = mt.yuan(Decimal(str(res["per_capita_monthly"]))) if res.get("per_capita_monthly") not in (None, "") \
        else ""
    return f"""<h1>家庭经济状况综合评估计算表</h1>{mark}
<table><tr><th>户主</th><td>{e(d.head_name)}</td><th>所在社区(村)</th><td>{e(d.region_name)}</td></tr>
<tr><th>评估日期</th><td>{d.assessed_on}</td><th>评估人</th><td>{e(d.assessor)}</td></tr>
<tr><th>核查方式</th><td>{e(methods)}</td><th>调查人员</th><td>{e('、'.join(d.investigators))}</td></tr></table>
<h2>家庭成员</h2><table><tr><th>姓名</th><th>出生日期</th><th>健康</th><th>残疾</th><th>劳动能力</th><th>在校</th></tr>
{member_rows}</table>
<h2>近12个月收支(元)</h2><table><tr><th>成员</th><th>项目</th><th>金额</th></tr>{money_rows}</table>
<h2>适用政策参数</h2><table><tr><th>参数</th><th>数值</th><th>执行日期</th></tr>{settings_rows}</table>
<h2>计算过程</h2><ol>{steps}</ol>
<h2>结论</h2><p>评估类别:<b>{e(res.get('category_label', ''))}</b>;月人均收入 <b>{e(per_capita)}</b>;
救助缓急:{'紧急' if res.get('urgent') else '一般'};计算规则版本 {e(res.get('rule_version') or '未记录')}。</p>
<p>建议去向:{e(d.suggested_label)};确定去向:<b>{e(d.placement_label)}</b>。</p>
{override}
<p style='margin-top:30px'>调查人员签字:__________________ 审核人签字:__________________ 日期:____________</p>"""


def write_sheet(detail: svc.AssessmentDetail, path: str, *, draft: bool = False) -> None:
    from desktop.views.printing import html_to_pdf

    html_to_pdf(sheet_html(detail, draft=draft), path, title="家庭经济状况综合评估计算表")
