"""Dialogs of the application procedure: accept, step, decision, front desk, post-check results,
spot-check draw, referral outcome, recovery, stop, publicity list. They call services only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.io.files import system_reason
from desktop.rules import procedure as proc
from desktop.rules.codes import CATEGORY_LABELS, DEPARTMENT_LABELS, STAGE_LABELS, TRACK_LABELS, Stage, Track
from desktop.services import applications as svc
from desktop.services.base import CutList
from desktop.services.calendar import load_calendar
from desktop.services.errors import ConflictError, ServiceError
from desktop.views.confirm import FormDialog, asked_yes
from desktop.views.context import AppContext
from desktop.views.dates import EARLIEST, day_edit
from desktop.views.errors import show_error
from desktop.views.keys import enter_runs, leads_to, text_box
from desktop.views.operations import BusyDialog, run_in_background
from desktop.views.save_as import with_suffix
from desktop.views.screens import resize_to_fit
from desktop.views.table_model import CutNote


def date_of(edit: QDateEdit) -> date:
    return edit.date().toPython()  # type: ignore[no-any-return]


class DayOffHint(QLabel):
    """Under a date of the procedure: says when the day is a weekend or a statutory holiday (a slip of
    the day in the date field moves every deadline counted from it). A make-up working day (调休) is
    not one. Nothing is refused: emergency help is given on holidays too."""

    def __init__(self, ctx: AppContext, edit: QDateEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.calendar = load_calendar(ctx.db)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b26a00;")
        edit.dateChanged.connect(lambda _d: self.update_hint())
        self.update_hint()

    def update_hint(self) -> None:
        day = date_of(self.edit)
        off = not self.calendar.is_workday(day)
        self.setText(self.tr("{day} is a day off (a weekend or a holiday): please check the date.").format(
            day=day.isoformat()) if off else "")
        if self.parentWidget() is None and off:
            # not placed in its form yet: shown now it flashed up as a window of its own (on a weekend or
            # holiday, opening 申请审批 took the focus from the main window); it shows with its form
            self.setAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide, False)
            return
        self.setHidden(not off)


def read_again_after_conflict(ctx: AppContext, detail: svc.ApplicationDetail,
                              exc: ServiceError) -> svc.ApplicationDetail:
    """After "another user saved first" the form keeps what was typed; the application is read again so
    that pressing OK once more saves it on the application as it now is (the procedure is checked again:
    a step the other user recorded meanwhile is refused, naming it). Before, every further OK was refused
    on the stale version, and the input was lost with the form."""
    if not isinstance(exc, ConflictError):
        return detail
    try:
        return svc.get_detail(ctx.db, ctx.actor, detail.row.id)
    except ServiceError:
        return detail  # the save itself will say what is wrong


def ok_cancel(dialog: QDialog, ok_text: str = "") -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def show_whole_placeholder(edit: QLineEdit) -> None:
    """A box wide enough for its whole grey note: in the forms' narrow boxes the note was cut to
    "留空则生成新的随…" or "例如:申请人配偶代…", the part saying what to write lost."""
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 24)


class HouseholdPicker(QWidget):
    """Type part of a name or household code, pick from the matches."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout()
        outer.addLayout(layout)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Name or household code"))
        show_whole_placeholder(self.search)  # not squeezed by the matches' label and list beside it
        enter_runs(self.search, self.find)  # searches only: Enter must not also accept the application
        self.combo = QComboBox()
        self.combo.setMinimumWidth(280)
        find = QPushButton(self.tr("&Find"))
        find.clicked.connect(self.find)
        matches = QLabel(self.tr("&Matches:"))  # the households found, without tabbing past the button
        matches.setBuddy(self.combo)
        layout.addWidget(self.search, 1)
        layout.addWidget(find)
        layout.addWidget(matches)
        layout.addWidget(self.combo, 2)
        self.cut_note = CutNote()  # the matches stop at CHOICES_LIMIT: says so when they do
        outer.addWidget(self.cut_note)
        leads_to(self, self.search)  # the form's "&Household:" label leads here
        self.heads: dict[int, str] = {}

    def find(self) -> None:
        try:
            choices = svc.household_choices(self.ctx.db, self.ctx.actor, self.search.text())
        except ServiceError as exc:
            show_error(self, exc)
            return
        self._show(choices)

    def set_household(self, household_id: int) -> None:
        self._show(CutList([svc.household_choice(self.ctx.db, self.ctx.actor, household_id)]))

    def _show(self, choices: CutList) -> None:
        self.cut_note.say(self.tr("Only the first {n} of {total} matching households are listed: type more of the "
                                  "name or the household code to narrow them.").format(
            n=f"{len(choices):,}", total=f"{choices.total:,}") if choices.truncated else "")
        self.heads = {c.id: c.head_name for c in choices}
        self.combo.clear()
        for choice in choices:
            self.combo.addItem(choice.label, choice.id)
        # One match is the household; of several the clerk chooses (the first one, chosen for them,
        # was accepted for whoever came first in the list).
        self.combo.setPlaceholderText(self.tr("Choose one of {n} households").format(n=len(choices))
                                      if len(choices) > 1 else self.tr("No household found") if not choices else "")
        self.combo.setCurrentIndex(0 if len(choices) == 1 else -1)

    def household_id(self) -> int | None:
        value = self.combo.currentData()
        return int(value) if value is not None else None

    def head_name(self) -> str:
        hid = self.household_id()
        return self.heads.get(hid, "") if hid is not None else ""


class ApplicationInputs(QWidget):
    """The fields of an application (shared by the accept dialog and the front desk)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.household = HouseholdPicker(ctx)
        self.category = QComboBox()
        for code in proc.APPLICABLE_CATEGORIES:
            self.category.addItem(CATEGORY_LABELS[code], code.value)
        self.temporary_kind = QComboBox()
        for code, label in proc.TEMPORARY_KIND_LABELS.items():
            self.temporary_kind.addItem(label, code)
        self.track = QComboBox()
        for code, label in TRACK_LABELS.items():
            self.track.addItem(label, code.value)
        self.accepted_on = day_edit()
        self.note = QLineEdit()
        form.addRow(self.tr("&Household:"), self.household)
        form.addRow(self.tr("&Category:"), self.category)
        form.addRow(self.tr("Temporary assistance &kind:"), self.temporary_kind)
        form.addRow(self.tr("&Track:"), self.track)
        form.addRow(self.tr("&Accepted on:"), self.accepted_on)
        self.accepted_hint = DayOffHint(ctx, self.accepted_on)
        form.addRow("", self.accepted_hint)
        form.addRow(self.tr("&Note:"), self.note)
        self.commitment_box = QGroupBox(self.tr("Signed commitment (commitment track)"))
        cform = QFormLayout(self.commitment_box)
        self.signer = QLineEdit()
        self.signer.setMaxLength(64)  # the column's length
        self.signed_on = day_edit()
        self.commitment_text = text_box()
        self.commitment_text.setPlaceholderText(self.tr("Text of the commitment, if not the standard form"))
        self.commitment_text.setMaximumHeight(60)
        file_row = QHBoxLayout()
        self.file_label = QLabel(self.tr("No scan attached"))
        choose = QPushButton(self.tr("Attach &scan…"))
        choose.clicked.connect(self.choose_file)
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(choose)
        cform.addRow(self.tr("Signed &by:"), self.signer)
        cform.addRow(self.tr("Signed &on:"), self.signed_on)
        cform.addRow(self.tr("Te&xt:"), self.commitment_text)
        cform.addRow(self.tr("Scanned file:"), file_row)
        form.addRow(self.commitment_box)
        self.file_path: str | None = None
        self._signer_default = ""  # the head's name, put in 签署人 while the user has not typed another
        self.household.combo.currentIndexChanged.connect(self._default_signer)
        self.category.currentIndexChanged.connect(self._sync)
        self.track.currentIndexChanged.connect(self._sync)
        self._sync()

    def _default_signer(self) -> None:
        """The applicant who signs the commitment is most often the head of the household."""
        if self.signer.text().strip() in ("", self._signer_default):
            self._signer_default = self.household.head_name()
            self.signer.setText(self._signer_default)

    def _sync(self) -> None:
        self.temporary_kind.setEnabled(self.category.currentData() == "temporary")
        self.commitment_box.setVisible(self.track.currentData() == Track.COMMITMENT)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Scanned commitment"), "",
                                              self.tr("Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)"))
        if path:
            self.file_path = path
            self.file_label.setText(Path(path).name)

    def commitment(self) -> svc.CommitmentInput | None:
        if self.track.currentData() != Track.COMMITMENT:
            return None
        data = None
        name = None
        if self.file_path:
            try:
                data = Path(self.file_path).read_bytes()
            except OSError as exc:
                raise ServiceError(f"无法读取文件“{self.file_path}”:{system_reason(exc)}") from exc
            name = Path(self.file_path).name
        return svc.CommitmentInput(self.signer.text(), date_of(self.signed_on), self.commitment_text.toPlainText(),
                                   name, data)

    def values(self) -> dict:
        household_id = self.household.household_id()
        if household_id is None:
            raise ServiceError("请先查找并选择申请的家庭。")
        return dict(household_id=household_id, category=self.category.currentData(), track=self.track.currentData(),
                    accepted_on=date_of(self.accepted_on),
                    temporary_kind=self.temporary_kind.currentData() if self.category.currentData() == "temporary"
                    else None, commitment=self.commitment(), note=self.note.text())


def exit_stage_combo() -> QComboBox:
    """The library a family goes to when its assistance stops: 一类库 (first) or 二类库."""
    combo = QComboBox()
    for code in (Stage.CLASS_I, Stage.CLASS_II):
        combo.addItem(STAGE_LABELS[code], code.value)
    return combo


def heading(detail: svc.ApplicationDetail, *, members: bool = False) -> QLabel:
    """The first line of an application's dialogs: head of household (family size), category, track."""
    r = detail.row
    size = f"({r.member_count}人)" if members else " "
    return QLabel(f"<b>{escape(r.head_name)}</b>{size}· {r.category_label} · {r.track_label}")


class AcceptDialog(FormDialog):
    """Accept an application (受理)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, household_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.application_id: int | None = None
        self.setWindowTitle(self.tr("Accept an application"))
        layout = QVBoxLayout(self)
        self.basis_label = QLabel()
        self.basis_label.setWordWrap(True)
        self.basis_label.setStyleSheet("color: #1565c0;")
        self.basis_label.hide()
        layout.addWidget(self.basis_label)
        self.inputs = ApplicationInputs(ctx)
        layout.addWidget(self.inputs)
        layout.addStretch(1)  # room to spare goes below the fields, not between the note and them
        layout.addWidget(ok_cancel(self, self.tr("Accept")))
        self.basis: svc.ApplicationBasis | None = None
        if household_id is not None:
            self.inputs.household.set_household(household_id)
            self.basis = svc.application_basis(ctx.db, ctx.actor, household_id)
        if self.basis is not None:  # started from an assessment or a visit: the category assessed
            b = self.basis
            self.basis_label.setText(self.tr("Based on assessment {id} of {day}: {category}, per-capita monthly "
                                             "income {income} yuan.").format(
                id=b.assessment_id, day=b.assessed_on.isoformat(), category=b.category_label,
                income=f"{b.per_capita_income:,.2f}"))
            self.basis_label.show()
            if b.category is not None:
                self.inputs.category.setCurrentIndex(self.inputs.category.findData(b.category))
        resize_to_fit(self, 620, 440)

    def accept(self) -> None:
        try:
            values = self.inputs.values()
            if self.basis is not None and values["household_id"] == self.basis.household_id:
                values["assessment_id"] = self.basis.assessment_id  # the application keeps its assessment
            accepted = svc.accept_application(self.ctx.db, self.ctx.actor, **values)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.application_id = accepted.application_id
        self.ctx.changes.publish("applications", self.application_id)
        if accepted.stage_kept:  # accepted, but the household was moved after the acceptance date and stays
            QMessageBox.information(self, self.windowTitle(), accepted.stage_kept)
        super().accept()


class FrontDeskForm(QWidget):
    """One door accepts (一门受理): the application and referrals to departments in one go."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("One door accepts, departments handle together: accept the application and "
                               "refer the family's other needs to the departments at the same time."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.inputs = ApplicationInputs(ctx)
        layout.addWidget(self.inputs)
        box = QGroupBox(self.tr("Refer to &departments"))  # Alt goes to the first department, Tab on
        grid = QGridLayout(box)
        self.departments: dict[str, tuple[QCheckBox, QLineEdit]] = {}
        for row, (code, label) in enumerate(DEPARTMENT_LABELS.items()):
            check = QCheckBox(label)
            need = QLineEdit()
            need.setPlaceholderText(self.tr("What the family needs from this department"))
            need.setEnabled(False)
            check.toggled.connect(need.setEnabled)
            grid.addWidget(check, row // 2, (row % 2) * 2)
            grid.addWidget(need, row // 2, (row % 2) * 2 + 1)
            self.departments[code] = (check, need)
        layout.addWidget(box)
        self.submit = QPushButton(self.tr("Accept and &refer"))
        self.submit.clicked.connect(self.save)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.submit)
        layout.addLayout(bar)
        layout.addStretch(1)
        self.result: svc.FrontDeskResult | None = None

    def question(self, values: dict) -> str:
        """What one click does, said before it is done: an application is not taken back."""
        inputs = self.inputs
        category = inputs.category.currentText()
        if values.get("temporary_kind"):
            category += f"({inputs.temporary_kind.currentText()})"
        day = values["accepted_on"]
        text = self.tr("Accept a {category} application ({track}) for the household of {head}, accepted on "
                       "{day}?").format(category=category, track=inputs.track.currentText(),
                                        head=inputs.household.head_name() or inputs.household.combo.currentText(),
                                        day=day.isoformat())
        if not inputs.accepted_hint.calendar.is_workday(day):
            text += "\n\n" + self.tr("{day} is a day off (a weekend or a holiday).").format(day=day.isoformat())
        departments = [check.text() for check, _need in self.departments.values() if check.isChecked()]
        text += "\n\n" + (self.tr("It is referred to: {departments}.").format(departments="、".join(departments))
                           if departments else self.tr("No department is ticked: nothing is referred."))
        return text

    def referrals(self) -> list[svc.ReferralInput]:
        return [svc.ReferralInput(code, need.text()) for code, (check, need) in self.departments.items()
                if check.isChecked()]

    def save(self) -> bool:
        try:
            values = self.inputs.values()
        except ServiceError as exc:
            show_error(self, exc)
            return False
        if not asked_yes(self, self.tr("Front desk"), self.question(values)):
            return False
        try:
            self.result = svc.front_desk(self.ctx.db, self.ctx.actor, referrals=self.referrals(), **values)
        except ServiceError as exc:
            show_error(self, exc)
            return False
        self.ctx.changes.publish("applications", self.result.application_id)
        self.ctx.changes.publish("referrals", 0)
        text = self.tr("Application {id} accepted; {n} referral(s) sent.").format(
            id=self.result.application_id, n=len(self.result.referral_ids))
        if self.result.stage_kept:  # the household was moved after the acceptance date and stays
            text += "\n\n" + self.result.stage_kept
        QMessageBox.information(self, self.tr("Front desk"), text)
        for check, need in self.departments.values():
            check.setChecked(False)
            need.clear()
        return True


class StepDialog(FormDialog):
    """Record one step of the procedure as done."""

    def __init__(self, ctx: AppContext, detail: svc.ApplicationDetail, step: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.step = step
        label = proc.STEP_LABELS[proc.Step(step)]
        self.setWindowTitle(self.tr("Record step: {step}").format(step=label))
        form = QFormLayout(self)
        form.addRow(heading(detail))
        self.on = day_edit()
        form.addRow(self.tr("&Done on:"), self.on)
        self.on_hint = DayOffHint(ctx, self.on)
        form.addRow("", self.on_hint)
        self.result_group = QButtonGroup(self)
        self.passed = QRadioButton()
        self.failed = QRadioButton()
        self.investigators: list[QLineEdit] = []
        self.objection = QCheckBox(self.tr("Someone o&bjected (a democratic appraisal follows on the regular track)"))
        self.publicity_start = day_edit()
        if step == proc.Step.CHECK:
            self.passed.setText(self.tr("&Passed"))
            self.failed.setText(self.tr("&Not passed"))
            self._radios(form, self.tr("Data check result:"))
        elif step == proc.Step.APPRAISAL:
            self.passed.setText(self.tr("&Agreed"))
            self.failed.setText(self.tr("Did &not agree"))
            self._radios(form, self.tr("Appraisal result:"))
        elif step == proc.Step.INVESTIGATION:
            for i in range(3):
                edit = QLineEdit()
                edit.setPlaceholderText(self.tr("optional") if i >= 2 else "")
                self.investigators.append(edit)
                form.addRow(self.tr("Investigator &{n}:").format(n=i + 1), edit)  # Alt+1, Alt+2, Alt+3
            form.addRow(self.objection)
        elif step == proc.Step.PUBLICITY:
            last = max((s.completed_on for s in detail.steps if s.completed_on), default=detail.row.accepted_on)
            self.publicity_start.setDate(QDate(last))
            form.addRow(self.tr("Publicity &started on:"), self.publicity_start)
            form.addRow(QLabel(self.tr("Publicity lasts 7 calendar days; it can be closed from the 8th day.")))
            form.addRow(self.objection)
        self.note = text_box()
        self.note.setMaximumHeight(70)
        form.addRow(self.tr("N&ote:"), self.note)
        form.addRow(ok_cancel(self, self.tr("Record")))

    def _radios(self, form: QFormLayout, title: str) -> None:
        row = QHBoxLayout()
        for button in (self.passed, self.failed):
            self.result_group.addButton(button)
            row.addWidget(button)
        self.passed.setChecked(True)
        form.addRow(title, row)

    def accept(self) -> None:
        result = ""
        if self.step == proc.Step.CHECK:
            result = "passed" if self.passed.isChecked() else "failed"
        elif self.step == proc.Step.APPRAISAL:
            result = "agreed" if self.passed.isChecked() else "disagreed"
        try:
            svc.complete_step(
                self.ctx.db, self.ctx.actor, self.detail.row.id, self.step, on=date_of(self.on),
                expected_version=self.detail.row.version, result=result, note=self.note.toPlainText(),
                investigators=[e.text() for e in self.investigators],
                objection=self.objection.isChecked() if self.step in (proc.Step.INVESTIGATION, proc.Step.PUBLICITY)
                else None,
                publicity_start=date_of(self.publicity_start) if self.step == proc.Step.PUBLICITY else None)
        except ServiceError as exc:
            show_error(self, exc)
            self.detail = read_again_after_conflict(self.ctx, self.detail, exc)
            return
        self.ctx.changes.publish("applications", self.detail.row.id)
        super().accept()


class DecisionDialog(FormDialog):
    """Approve with a monthly amount (paid from the next month) or refuse with reasons."""

    def __init__(self, ctx: AppContext, detail: svc.ApplicationDetail, approve_allowed: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.setWindowTitle(self.tr("Decision"))
        form = QFormLayout(self)
        form.addRow(heading(detail, members=True))
        self.approve = QRadioButton(self.tr("&Approve"))
        self.refuse = QRadioButton(self.tr("&Refuse"))
        group = QButtonGroup(self)
        group.addButton(self.approve)
        group.addButton(self.refuse)
        row = QHBoxLayout()
        row.addWidget(self.approve)
        row.addWidget(self.refuse)
        form.addRow(self.tr("Decision:"), row)
        self.on = day_edit()
        form.addRow(self.tr("Decided &on:"), self.on)
        self.on_hint = DayOffHint(ctx, self.on)
        form.addRow("", self.on_hint)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("0.00")
        once = proc.paid_once(detail.row.category)
        form.addRow(self.tr("One-off a&mount (yuan):") if once else self.tr("Monthly a&mount (yuan):"), self.amount)
        if detail.allowance is not None:  # 低保: the difference to the standard, by the latest assessment
            self.basis = QLabel(self._allowance_text(detail.allowance))
            self.basis.setWordWrap(True)
            self.basis.setStyleSheet("color: #1565c0;")
            self.basis.setMinimumWidth(self.fontMetrics().horizontalAdvance("按") * 30)  # the formula on two lines
            form.addRow("", self.basis)
            if detail.allowance.allowance > 0:
                self.amount.setText(f"{detail.allowance.allowance:.2f}")
        self.start_label = QLabel()
        form.addRow(self.tr("Paid in:") if once else self.tr("Payment starts:"), self.start_label)
        self.irregular = QCheckBox(self.tr("&Irregular income: re-check every 6 months"))
        if not once:  # reviewed yearly, every six months where income is irregular
            form.addRow(self.irregular)
        self.replaces = QLabel()  # one monthly assistance at a time: approving changes the category
        self.replaces.setWordWrap(True)
        self.replaces.setStyleSheet("color: #8a5300;")
        if detail.replaces:
            form.addRow(self.replaces)
        self.reason = text_box()
        self.reason.setMaximumHeight(80)
        form.addRow(self.tr("R&easons for refusal:"), self.reason)
        form.addRow(ok_cancel(self, self.tr("Decide")))
        self.approve.toggled.connect(self._sync)
        self.on.dateChanged.connect(self._sync)
        if approve_allowed:
            self.approve.setChecked(True)
        else:
            self.approve.setEnabled(False)
            self.approve.setToolTip(self.tr("The data check did not pass: the application can only be refused."))
            self.refuse.setChecked(True)
        self._sync()

    def _sync(self) -> None:
        approving = self.approve.isChecked()
        self.amount.setEnabled(approving)
        self.irregular.setEnabled(approving)
        self.reason.setEnabled(not approving)
        start = proc.start_month_after(date_of(self.on))
        self.start_label.setText(f"{start:%Y-%m}" if approving else "-")
        self.replaces.setText(self._replaces_text(start))
        self.replaces.setEnabled(approving)

    def _allowance_text(self, a: svc.AllowanceBasis) -> str:
        if a.allowance > 0:
            text = self.tr("By the assessment of {day}: (standard {standard} − per-capita income {income}) × {members} "
                           "person(s) = {amount} yuan a month.")
        else:
            text = self.tr("By the assessment of {day} the per-capita income {income} is not below the standard "
                           "{standard}: no allowance by the difference.")
        text = text.format(day=f"{a.assessed_on:%Y-%m-%d}", standard=f"{a.standard:,.2f}",
                           income=f"{a.per_capita_income:,.2f}", members=a.members, amount=f"{a.allowance:,.2f}")
        if a.standard_paid is not None and a.standard_since is not None:
            text += " " + self.tr("The standard is {now} from {since} ({then} when assessed): assess again to reckon "
                                  "the amount.").format(now=f"{a.standard_paid:,.2f}", since=f"{a.standard_since:%Y-%m-%d}",
                                                        then=f"{a.standard:,.2f}")
        if a.members_now != a.members:
            text += " " + self.tr("The household has {now} member(s) now, {then} when assessed: assess it again "
                                  "first.").format(now=a.members_now, then=a.members)
        return text

    def _replaces_text(self, start: date) -> str:
        return self.tr("The family receives {running}. Approving stops it: from {start} the family is paid "
                       "under this application.").format(running=self.detail.replaces or "", start=f"{start:%Y-%m}")

    def accept(self) -> None:
        approving = self.approve.isChecked()
        amount = self.amount.text().strip() or None if approving else None
        try:  # what is missing is said before the question (不予批准 asked, then 须写明理由)
            svc.checked_decision(approving, amount, self.reason.toPlainText())
        except ServiceError as exc:
            show_error(self, exc)
            (self.amount if approving else self.reason).setFocus()
            return
        if not approving and not asked_yes(
                self, self.tr("Refuse"), self.tr("Refuse this application? The family goes back to class I.")):
            return
        allowance = self.detail.allowance
        if approving and allowance is not None and allowance.exceeded_by(self.amount.text()) and not asked_yes(
                self, self.tr("Decision"), self.tr(
                    "The amount is more than the standard for the whole family ({standard} × {members} person(s) "
                    "= {full} yuan a month). Approve it anyway?").format(
                    standard=f"{allowance.standard:,.2f}", members=allowance.members, full=f"{allowance.full:,.2f}")):
            return
        replacing = approving and bool(self.detail.replaces)
        if replacing and not asked_yes(
                self, self.tr("Change of assistance"),
                self._replaces_text(proc.start_month_after(date_of(self.on))) + "\n\n" + self.tr("Approve?")):
            return
        try:
            svc.decide(self.ctx.db, self.ctx.actor, self.detail.row.id, approve=approving, on=date_of(self.on),
                       amount=amount, reason=self.reason.toPlainText(), expected_version=self.detail.row.version,
                       irregular_income=self.irregular.isChecked(), replace_running=replacing)
        except ServiceError as exc:
            show_error(self, exc)
            self.detail = read_again_after_conflict(self.ctx, self.detail, exc)
            return
        self.ctx.changes.publish("applications", self.detail.row.id)
        super().accept()


class ReasonDialog(FormDialog):
    """A date (optional), a reason, and for stopping assistance the library the family goes to."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None, *, with_date: bool = False,
                 with_stage: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.on = day_edit()
        if with_date:
            form.addRow(self.tr("&Date:"), self.on)
        self.stage = exit_stage_combo()
        if with_stage:
            form.addRow(self.tr("Family goes &to:"), self.stage)
        self.reason = text_box()
        self.reason.setMaximumHeight(90)
        form.addRow(prompt, self.reason)
        form.addRow(ok_cancel(self))


class StopAssistanceDialog(ReasonDialog):
    """Stop assistance: the date, the library the family goes to, the reason, and for 低保 the
    gradual exit after employment (就业渐退) with the last day it would still be assisted."""

    def __init__(self, ctx: AppContext, detail: svc.ApplicationDetail, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Stop assistance"), self.tr("&Reason:"), parent, with_date=True, with_stage=True)
        self.ctx = ctx
        self.application_id = detail.row.id
        self.in_exit = detail.exit_stage is not None
        self.gradual = QCheckBox(self.tr("&Gradual exit after employment (assistance goes on for the set months)"))
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        form = self.layout()
        assert isinstance(form, QFormLayout)
        row = form.rowCount() - 1  # before the buttons
        form.insertRow(row, self.gradual)
        form.insertRow(row + 1, self.plan_label)
        if self.in_exit:
            self.gradual.setEnabled(False)
            self.plan_label.setText(
                (self.tr("A gradual exit runs until {day}; stopping now ends it on the date above.")
                 if detail.gradual_exit_from is not None else
                 self.tr("Assistance is already to stop on {day}; a new stop can only bring that day forward."))
                .format(day=f"{detail.stopped_on:%Y-%m-%d}"))
        elif detail.row.category != "dibao":
            self.gradual.setEnabled(False)
            self.plan_label.setText(self.tr("Gradual exit applies to 低保 only."))
        self.gradual.toggled.connect(self._show_plan)
        self.on.dateChanged.connect(self._show_plan)

    def _show_plan(self) -> None:
        if self.in_exit or not self.gradual.isEnabled():
            return
        if not self.gradual.isChecked():
            self.plan_label.setText("")
            return
        try:
            plan = svc.gradual_exit_plan(self.ctx.db, self.ctx.actor, self.application_id, date_of(self.on))
        except ServiceError as exc:
            self.plan_label.setText(str(exc))
            return
        if plan.months == 0:
            self.plan_label.setText(self.tr("The gradual exit period in force is 0 months: assistance stops on the "
                                            "date above."))
        else:
            self.plan_label.setText(self.tr("{months} months in force: assisted up to and including {day}; then the "
                                            "family moves to the library chosen above.").format(
                months=plan.months, day=f"{plan.last_day:%Y-%m-%d}"))


class PostCheckDialog(FormDialog):
    def __init__(self, ctx: AppContext, check: svc.PostCheckInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.check = check
        self.revocation_id: int | None = None
        self.setWindowTitle(self.tr("Post-check result"))
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{check.head_name}</b> · {check.kind_label} · {check.due_on.isoformat()}"))
        self.on = day_edit()
        form.addRow(self.tr("Checked &on:"), self.on)
        self.passed = QRadioButton(self.tr("&Passed"))
        stops = check.stops_when_failed
        self.failed = QRadioButton(
            self.tr("&Not passed: no longer eligible, stop assistance") if stops and not check.revoked
            else self.tr("&Not passed: record the finding (the approval is revoked already)") if check.revoked
            else self.tr("&Not passed: revoke and recover"))
        group = QButtonGroup(self)
        group.addButton(self.passed)
        group.addButton(self.failed)
        self.passed.setChecked(True)
        form.addRow(self.passed)
        form.addRow(self.failed)
        self.note = text_box()
        self.note.setMaximumHeight(70)
        form.addRow(self.tr("&Findings:"), self.note)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("default: everything paid on this application"))
        show_whole_placeholder(self.amount)
        self.stage = exit_stage_combo()
        self.gradual = QCheckBox(self.tr("&Gradual exit after employment (assistance goes on for the set months)"))
        if check.revoked:  # revoked by an earlier check: that case recovers what was paid
            pass
        elif stops:  # a regular-track review: the family no longer qualifies; nothing is recovered
            form.addRow(self.tr("Family goes &to:"), self.stage)
            if check.gradual_exit_allowed:
                form.addRow(self.gradual)
        else:
            form.addRow(self.tr("Amount to &recover:"), self.amount)
        for widget in (self.amount, self.stage, self.gradual):
            widget.setEnabled(False)
        self.failed.toggled.connect(self._sync)
        form.addRow(ok_cancel(self, self.tr("Record")))

    def _sync(self, failed: bool) -> None:
        for widget in (self.amount, self.stage, self.gradual):
            widget.setEnabled(failed)

    def accept(self) -> None:
        failed = self.failed.isChecked()
        question = (self.tr("Record the check as failed? The approval is revoked already and what was paid is "
                            "recovered under that revocation; this check records its finding only.")
                    if self.check.revoked else
                    self.tr("Record the review as not passed? The assistance stops and the family moves to the "
                            "library chosen.") if self.check.stops_when_failed else
                    self.tr("Record the check as failed? Assistance stops and a revocation and recovery case opens."))
        if failed and not asked_yes(self, self.tr("Not passed"), question):
            return
        try:
            self.revocation_id = svc.record_post_check(
                self.ctx.db, self.ctx.actor, self.check.id, on=date_of(self.on), passed=not failed,
                note=self.note.toPlainText(), amount_to_recover=self.amount.text().strip() or None,
                to_stage=self.stage.currentData(), gradual=self.gradual.isChecked() and self.gradual.isEnabled(),
                expected_version=self.check.version)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("applications", self.check.application_id)
        super().accept()


class SpotCheckDialog(FormDialog):
    """Draw a random sample of commitment-track approvals: a rate or a count, stratified or not."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sample: svc.SampleInfo | None = None
        # The samples known when the user decides to draw: one drawn meanwhile on another
        # workstation refuses this draw (named in a plain message) instead of a second sample.
        try:
            self.seen_latest: int | None = svc.latest_sample(ctx.db, ctx.actor)
        except ServiceError:
            self.seen_latest = None  # the draw itself will say what is wrong with the database
        self.setWindowTitle(self.tr("Draw a spot-check sample"))
        form = QFormLayout(self)
        self.on = day_edit()
        form.addRow(self.tr("Drawn &on:"), self.on)
        self.by_rate = QRadioButton(self.tr("By &rate (%)"))
        self.by_count = QRadioButton(self.tr("By &count"))
        group = QButtonGroup(self)
        group.addButton(self.by_rate)
        group.addButton(self.by_count)
        self.rate = QSpinBox()
        self.rate.setRange(1, 100)
        self.rate.setValue(10)
        self.count = QSpinBox()
        self.count.setRange(1, 100000)
        self.count.setValue(20)
        self.by_rate.setChecked(True)
        form.addRow(self.by_rate, self.rate)
        form.addRow(self.by_count, self.count)
        self.stratified = QCheckBox(self.tr("S&tratify by sub-district"))
        self.stratified.setChecked(True)
        form.addRow(self.stratified)
        self.seed = QLineEdit()
        self.seed.setPlaceholderText(self.tr("empty: a new random seed (it is stored with the sample)"))
        show_whole_placeholder(self.seed)
        form.addRow(self.tr("Random &seed:"), self.seed)
        form.addRow(ok_cancel(self, self.tr("Draw")))

    def accept(self) -> None:
        seed_text = self.seed.text().strip()
        try:  # the seed as typed: the service says plainly what is wrong with it
            self.sample = svc.draw_spot_check(
                self.ctx.db, self.ctx.actor, on=date_of(self.on),
                rate=Decimal(self.rate.value()) / 100 if self.by_rate.isChecked() else None,
                count=self.count.value() if self.by_count.isChecked() else None,
                stratified=self.stratified.isChecked(), seed=seed_text or None,
                seen_latest=self.seen_latest)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("post_checks", self.sample.id)
        super().accept()


class ReferralOutcomeDialog(FormDialog):
    def __init__(self, ctx: AppContext, referral: svc.ReferralInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.referral = referral
        self.setWindowTitle(self.tr("Department outcome: {dept}").format(dept=referral.department_label))
        form = QFormLayout(self)
        form.addRow(QLabel(referral.need or "-"))
        self.status = QComboBox()
        for code, label in svc.REFERRAL_STATUS_LABELS.items():
            if code != "sent":
                self.status.addItem(label, code)
        self.on = day_edit()
        self.feedback = text_box(referral.feedback)
        self.feedback.setMaximumHeight(80)
        form.addRow(self.tr("&Outcome:"), self.status)
        form.addRow(self.tr("&Date:"), self.on)
        form.addRow(self.tr("Department &feedback:"), self.feedback)
        form.addRow(ok_cancel(self))

    def accept(self) -> None:
        try:
            svc.record_referral_outcome(self.ctx.db, self.ctx.actor, self.referral.id,
                                        status=self.status.currentData(), feedback=self.feedback.toPlainText(),
                                        on=date_of(self.on), expected_version=self.referral.version)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("referrals", self.referral.id)
        super().accept()


class RecoveryDialog(FormDialog):
    def __init__(self, ctx: AppContext, revocation: svc.RevocationInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.revocation = revocation
        self.setWindowTitle(self.tr("Recovery"))
        form = QFormLayout(self)
        form.addRow(self.tr("To recover:"), QLabel(f"{revocation.amount_to_recover:,.2f}"))
        self.amount = QLineEdit(str(revocation.amount_recovered))
        self.on = day_edit()
        self.close_case = QCheckBox(self.tr("&Close the case"))
        form.addRow(self.tr("&Recovered so far:"), self.amount)
        form.addRow(self.tr("&Date:"), self.on)
        form.addRow(self.close_case)
        form.addRow(ok_cancel(self))

    def accept(self) -> None:
        asks = self.revocation.recovery_questions(self.amount.text(), self.close_case.isChecked())
        if asks and not asked_yes(self, self.tr("Recovery"), "\n\n".join(asks) + "\n\n" + self.tr("Record it so?")):
            return
        try:
            svc.record_recovery(self.ctx.db, self.ctx.actor, self.revocation.id, amount_recovered=self.amount.text(),
                                on=date_of(self.on), close=self.close_case.isChecked(),
                                expected_version=self.revocation.version)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("applications", self.revocation.application_id)
        super().accept()


class TraceBackDialog(FormDialog):
    """Trace a revoked approval back (问题倒查): who handled each step, and on time or not; the county's
    finding on them: followed the procedure in good faith (容错免责) or not, and what was wrong."""

    def __init__(self, ctx: AppContext, detail: svc.ApplicationDetail, revocation: svc.RevocationInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.revocation = revocation
        self.setWindowTitle(self.tr("Trace back"))
        form = QFormLayout(self)
        form.addRow(heading(detail))
        reason = QLabel(escape(revocation.reason))
        reason.setWordWrap(True)
        form.addRow(self.tr("Check not passed:"), reason)
        if detail.commitment is not None:
            form.addRow(self.tr("Commitment:"), QLabel(self.tr("signed by {name} on {day}").format(
                name=escape(detail.commitment.signer_name), day=f"{detail.commitment.signed_on:%Y-%m-%d}")))
        self.steps = QTreeWidget()
        self.steps.setRootIsDecorated(False)
        self.steps.setHeaderLabels([self.tr("Step"), self.tr("Done on"), self.tr("Due"), self.tr("By"),
                                    self.tr("On time")])
        for s in detail.steps:
            self.steps.addTopLevelItem(QTreeWidgetItem([
                s.label, f"{s.completed_on:%Y-%m-%d}" if s.completed_on else "",
                f"{s.due_on:%Y-%m-%d}" if s.due_on else "", s.by, self.tr("late") if s.late else self.tr("yes")]))
        for col in range(5):
            self.steps.resizeColumnToContents(col)
        self.steps.setMinimumHeight(140)
        form.addRow(self.tr("Who handled it:"), self.steps)
        self.exempt = QRadioButton(proc.TRACE_FINDINGS["exempt"])
        self.liable = QRadioButton(proc.TRACE_FINDINGS["liable"])
        group = QButtonGroup(self)
        group.addButton(self.exempt)
        group.addButton(self.liable)
        (self.liable if revocation.trace_finding == "liable" else self.exempt).setChecked(True)
        form.addRow(self.tr("&Finding:"), self.exempt)  # then the arrow keys choose
        form.addRow("", self.liable)
        self.note = text_box(revocation.trace_note)
        self.note.setMaximumHeight(80)
        self.note.setPlaceholderText(self.tr("For a finding of fault: which step, which member of staff, what was wrong"))
        form.addRow(self.tr("&Explanation:"), self.note)
        self.on = day_edit()
        if revocation.traced_on is not None:
            self.on.setDate(revocation.traced_on)
        form.addRow(self.tr("&Date:"), self.on)
        if revocation.traced_on is not None:
            form.addRow(QLabel(self.tr("Recorded by {name} on {day}; saving again replaces it (the audit log keeps "
                                       "the earlier finding).").format(name=escape(revocation.traced_by),
                                                                       day=f"{revocation.traced_on:%Y-%m-%d}")))
        form.addRow(ok_cancel(self, self.tr("Record")))
        resize_to_fit(self, 640, 520)

    def accept(self) -> None:
        try:
            svc.record_trace_finding(self.ctx.db, self.ctx.actor, self.revocation.id,
                                     finding="liable" if self.liable.isChecked() else "exempt",
                                     note=self.note.toPlainText(), on=date_of(self.on),
                                     expected_version=self.revocation.version)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("applications", self.revocation.application_id)
        super().accept()


class RefusalServedDialog(FormDialog):
    """The written refusal with its reasons reached the applicant (送达): when and how."""

    def __init__(self, ctx: AppContext, detail: svc.ApplicationDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.application_id = detail.row.id
        self.setWindowTitle(self.tr("Written notice served"))
        form = QFormLayout(self)
        form.addRow(heading(detail))
        self.on = day_edit()
        form.addRow(self.tr("Served &on:"), self.on)
        self.method = QComboBox()
        for code, label in proc.SERVICE_METHODS.items():
            self.method.addItem(label, code)
        form.addRow(self.tr("&How:"), self.method)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. received by the applicant's spouse; registered mail number"))
        show_whole_placeholder(self.note)
        form.addRow(self.tr("No&te:"), self.note)
        form.addRow(ok_cancel(self, self.tr("Record")))

    def accept(self) -> None:
        try:
            svc.record_refusal_served(self.ctx.db, self.ctx.actor, self.application_id, on=date_of(self.on),
                                      method=self.method.currentData(), note=self.note.text())
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("applications", self.application_id)
        super().accept()


class PeriodDialog(QDialog):
    """Choose the decision period of a publicity list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Publicity list"))
        form = QFormLayout(self)
        today = date.today()
        self.first = day_edit(date(today.year, today.month, 1))
        self.last = day_edit(today)
        form.addRow(self.tr("Decided &from:"), self.first)
        form.addRow(self.tr("Decided &to:"), self.last)
        note = QLabel(self.tr("The list shows only name, household size and amount."))
        note.setAlignment(Qt.AlignmentFlag.AlignLeft)
        form.addRow(note)
        form.addRow(ok_cancel(self))

    def period(self) -> tuple[date, date]:
        return date_of(self.first), date_of(self.last)

    def accept(self) -> None:
        first, last = self.period()
        if first > last:  # the list would come out empty, as if nobody had been approved
            show_error(self, ServiceError(f"起始日期 {first.isoformat()} 晚于截止日期 {last.isoformat()},"
                                          "请检查日期是否填反。"))
            self.first.setFocus()
            return
        super().accept()


class MonthlyAssistanceDialog(BusyDialog):
    """Record a month's assistance payments: every running approval not yet recorded for the month.

    Shows what is recorded and what is still due before anything is written, asks once more, and
    writes in one step; a month that has not begun cannot be chosen. The write runs off the UI thread
    (one record per household: the whole district's running approvals); the month holds still
    meanwhile, and closing the dialog waits for it (what was recorded is still counted)."""

    tell_after_closing = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.recorded = 0  # households written by this dialog
        self.state: svc.MonthlyAssistance | None = None
        self.setWindowTitle(self.tr("Monthly assistance payments"))
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        self.month = QDateEdit()
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setMinimumDate(EARLIEST)
        self.month.setMaximumDate(QDate(self.today))
        self.month.setDate(QDate(self.today))
        form.addRow(self.tr("&Month:"), self.month)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.record_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.roster_button = self.buttons.addButton(self.tr("Payment ros&ter…"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.roster_button.setToolTip(self.tr("Save the month's recorded payments, household by household, as xlsx "
                                              "for the finance office or the bank"))
        self.roster_button.clicked.connect(lambda: self.export_roster())
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        form.addRow(self.buttons)
        self.may_record = ctx.actor.role in svc.DECIDERS
        if not self.may_record:
            self.record_button.setToolTip(self.tr("Only the district reviewer or an administrator records payments."))
        self.month.dateChanged.connect(lambda _d: self.load())
        self.load()

    def selected_month(self) -> date:
        picked: date = self.month.date().toPython()
        return picked.replace(day=1)

    def load(self) -> None:
        try:
            self.state = svc.monthly_assistance(self.ctx.db, self.ctx.actor, self.selected_month(), today=self.today)
        except ServiceError as exc:
            self.state = None
            self.summary.setText(exc.message)
            self.record_button.setEnabled(False)
            return
        s = self.state
        self.summary.setText(self.tr(
            "{month}: {recorded} household(s) recorded, {recorded_amount} yuan in all.\n"
            "Still to record: {due} household(s), {due_amount} yuan.").format(
            month=f"{s.month:%Y-%m}", recorded=s.recorded, recorded_amount=f"{s.recorded_amount:,.2f}",
            due=s.due, due_amount=f"{s.due_amount:,.2f}"))
        # February recorded while January waits: said here, not only on the page behind the dialog
        if earlier := svc.unrecorded_months(self.ctx.db, self.ctx.actor, today=s.month):
            self.summary.setText(self.summary.text() + "\n" + self.tr(
                "Earlier months not recorded: {months} (families not paid, or paid and not on record).").format(
                months="、".join(f"{m:%Y-%m}" for m in earlier)))
        self.record_button.setText(self.tr("&Record {n} household(s)").format(n=s.due))
        self.record_button.setEnabled(self.may_record and s.due > 0)
        self.roster_button.setEnabled(self.ctx.actor.role in svc.ROSTER_READERS and s.recorded > 0)

    def export_roster(self, path: str | None = None) -> None:
        s = self.state
        if s is None or s.recorded == 0:
            return
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save payment roster"),
                                                  f"救助发放花名册_{s.month:%Y-%m}.xlsx", "Excel (*.xlsx)")
            if not path:
                return
            path = with_suffix(path)
        db, actor, month, target = self.ctx.db, self.ctx.actor, s.month, path

        def done(result: tuple[int, Decimal]) -> None:
            n, total = result
            self.summary.setText(self.summary.text() + "\n" + self.tr(
                "Roster saved: {n} household(s), {amount} yuan → {path}").format(n=n, amount=f"{total:,.2f}",
                                                                                    path=target))

        run_in_background(self, lambda p: svc.export_payment_roster_xlsx(db, actor, target, month, progress=p), done,
                          label=self.tr("Writing the payment roster…"))

    def record(self) -> None:
        s = self.state
        if s is None or s.due == 0 or self.busy:
            return
        yes = asked_yes(self, self.windowTitle(), self.tr(
            "Record the {month} payment for {n} household(s), {amount} yuan in all?\n"
            "Recorded payments count as paid and are not undone here.").format(
            month=f"{s.month:%Y-%m}", n=s.due, amount=f"{s.due_amount:,.2f}"))
        if not yes or self.busy:
            return
        db, actor, month, today, expected = self.ctx.db, self.ctx.actor, s.month, self.today, (s.due, s.due_amount)

        def done(n: int) -> None:
            self.recorded += n
            self.ctx.changes.publish("applications", 0)
            self.load()

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self.load()  # the numbers as they are now, to confirm again

        self.run_busy(self.record_button, self.tr("Recording {n} household(s)…").format(n=s.due),
                      lambda: svc.record_monthly_assistance(db, actor, month, today=today, expected=expected),
                      done, failed, hold=(self.month, self.roster_button))
