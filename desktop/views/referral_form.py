"""Referral forms: a new referral (转介) to a department, the department's answer, and the letter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.rules.codes import CATEGORY_LABELS, Category
from desktop.rules.monitoring import check_referral_status
from desktop.services import monitoring, referrals
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.views.confirm import FormDialog
from desktop.views.context import AppContext
from desktop.views.dates import day_edit
from desktop.views.errors import show_error
from desktop.views.keys import text_box
from desktop.views.printing import html_to_pdf


class ReferralForm(FormDialog):
    """Refer a household (optionally from an assessment) to a department."""

    def state(self) -> object:  # what closing without saving would throw away
        return self.values()

    def __init__(self, ctx: AppContext, household_id: int, parent: QWidget | None = None, *,
                 assessment_id: int | None = None, need: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.assessment_id = assessment_id
        self.referral: referrals.ReferralInfo | None = None
        self.setWindowTitle(self.tr("Refer to a department"))
        self.setMinimumWidth(460)
        summary = monitoring.household_summary(ctx.db, ctx.actor, household_id)
        layout = QVBoxLayout(self)
        # What the department needs to know of the family: its assistance, or, with none, its library
        # (a category "无" said nothing).
        where = summary.category_label if summary.category_label not in ("", CATEGORY_LABELS[Category.NONE]) \
            else summary.stage_label
        head = QLabel(self.tr("<b>{name}</b> ({id}) · {community} · {category}").format(
            name=summary.head_name, id=summary.head_id_masked, community=summary.community, category=where))
        head.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(head)
        form = QFormLayout()
        self.department = QComboBox()
        self.department.addItem(self.tr("(choose a department)"), "")
        for code, label in referrals.department_choices():
            self.department.addItem(label, code)
        self.need = text_box(need)
        self.need.setPlaceholderText(self.tr("What the department should help with"))
        self.due_on = day_edit(QDate(referrals.suggested_due_on(ctx.db)))
        self.due_on.setMinimumDate(QDate.currentDate())
        form.addRow(self.tr("&Department:"), self.department)
        form.addRow(self.tr("&Need:"), self.need)
        form.addRow(self.tr("D&ue date:"), self.due_on)
        self.due_note = QLabel()  # a day off, or a year whose holidays are not entered (the service's words)
        self.due_note.setWordWrap(True)
        self.due_note.setStyleSheet("color: #b26a00;")
        form.addRow("", self.due_note)
        self.due_on.dateChanged.connect(lambda _d: self._update_due_note())
        self._update_due_note()
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #d93025;")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.department.setFocus()
        self.mark_unchanged()

    def values(self) -> tuple:
        return (self.department.currentData(), self.need.toPlainText().strip(), self.due_on.date().toPython())

    def _update_due_note(self) -> None:
        try:
            note = referrals.due_note(self.ctx.db, self.due_on.date().toPython())
        except ServiceError:  # the note is a help; the save says what is wrong with the database
            note = ""
        self.due_note.setText(note)
        self.due_note.setHidden(not note)

    def save(self) -> None:
        try:
            self.referral = referrals.create_referral(
                self.ctx.db, self.ctx.actor, self.household_id, department=self.department.currentData() or "",
                need=self.need.toPlainText(), due_on=self.due_on.date().toPython(), assessment_id=self.assessment_id)
        except ValidationFailed as exc:
            self.problem.setText(exc.message)
            return
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("referrals", self.household_id)
        self.accept()


class ReferralResultDialog(FormDialog):
    """The department's answer: received, done or declined, with its feedback."""

    def __init__(self, ctx: AppContext, referral: referrals.ReferralInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.referral = referral
        self.updated: referrals.ReferralInfo | None = None
        self.setWindowTitle(self.tr("Department's answer"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        head = QLabel(self.tr("<b>{name}</b> → {department}<br>{need}").format(
            name=referral.head_name, department=referral.department_label, need=referral.need))
        head.setWordWrap(True)
        layout.addWidget(head)
        form = QFormLayout()
        self.status = QComboBox()
        labels = {"received": self.tr("Received by the department"), "done": self.tr("Done"),
                  "declined": self.tr("Declined")}
        for code in ("received", "done", "declined"):
            if check_referral_status(referral.status, code) is None:
                self.status.addItem(labels[code], code)
        self.feedback = text_box()
        self.feedback.setPlaceholderText(self.tr("The department's feedback (required for done or declined)"))
        form.addRow(self.tr("&Status:"), self.status)
        form.addRow(self.tr("&Feedback:"), self.feedback)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #d93025;")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self.updated = referrals.update_status(
                self.ctx.db, self.ctx.actor, self.referral.id, self.status.currentData() or "",
                feedback=self.feedback.toPlainText(), expected_version=self.referral.version)
        except ValidationFailed as exc:
            self.problem.setText(exc.message)
            return
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("referrals", self.referral.household_id)
        self.accept()


def print_letter(ctx: AppContext, referral_id: int, path: str | Path) -> Path:
    """Write the referral letter (转介函) as a PDF."""
    letter = referrals.referral_letter(ctx.db, ctx.actor, referral_id)
    return html_to_pdf(referrals.letter_html(letter), path, title=f"转介函 {letter.head_name}")
