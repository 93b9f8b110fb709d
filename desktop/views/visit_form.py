"""Recording a quarterly visit (走访): date, visitors, findings, outcome.

Outcome "changed" asks the main window for the assessment wizard; "eligible" asks it to start an
application. The input is kept when saving fails.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import monitoring
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.views.confirm import FormDialog
from desktop.views.context import AppContext
from desktop.views.dates import day_edit
from desktop.views.errors import show_error
from desktop.views.keys import text_box


class VisitForm(FormDialog):
    """``saved`` carries the visit; after it the navigator is asked for the follow-up screen."""

    saved = Signal(object)

    OUTCOMES = ("unchanged", "changed", "eligible")

    def state(self) -> object:  # what closing without saving would throw away
        return self.values()

    def __init__(self, ctx: AppContext, household_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.result_visit: monitoring.VisitInfo | None = None
        self.setWindowTitle(self.tr("Record visit"))
        self.setMinimumWidth(480)
        summary = monitoring.household_summary(ctx.db, ctx.actor, household_id)
        layout = QVBoxLayout(self)
        head = QLabel(self.tr("<b>{name}</b> ({id}) · {community} · {stage}<br>Last visit: {last} · due by {due}").format(
            name=summary.head_name, id=summary.head_id_masked, community=summary.community,
            stage=summary.stage_label, last=summary.last_visited_on or self.tr("never"),
            due=summary.visit_due or "-"))
        head.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(head)
        form = QFormLayout()
        self.visited_on = day_edit(QDate.currentDate())
        self.visited_on.setMaximumDate(QDate.currentDate())
        if summary.known_since is not None:
            self.visited_on.setMinimumDate(QDate(summary.known_since))
        # The names of this user's last visit: the day's visits are mostly made by the same colleagues.
        self.visitors = QLineEdit(monitoring.last_visitors(ctx.db, ctx.actor))
        self.visitors.setPlaceholderText(self.tr("Names of the visitors, e.g. 李明、王芳"))
        self.findings = text_box()
        self.findings.setPlaceholderText(self.tr("What was found: income, health, expenses, needs…"))
        self.outcome_group = QButtonGroup(self)
        outcome_box = QVBoxLayout()
        labels = {
            "unchanged": self.tr("&Unchanged: record the visit"),
            "changed": self.tr("&Changed: re-assess the household"),
            "eligible": self.tr("&Eligible: start an application"),
        }
        self.outcome_buttons: dict[str, QRadioButton] = {}
        for number, code in enumerate(self.OUTCOMES):
            button = QRadioButton(labels[code])
            self.outcome_group.addButton(button, number)
            self.outcome_buttons[code] = button
            outcome_box.addWidget(button)
        self.outcome_buttons["unchanged"].setChecked(True)
        form.addRow(self.tr("Visit &date:"), self.visited_on)
        form.addRow(self.tr("&Visitors:"), self.visitors)
        form.addRow(self.tr("&Findings:"), self.findings)
        form.addRow(self.tr("Outcome:"), outcome_box)
        # 三及时: a special need found on the visit is referred to its department at once.
        self.refer_after = QCheckBox(self.tr("&Refer a special need to a department after saving"))
        self.refer_after.setToolTip(self.tr("Opens the referral form with the findings as the need."))
        form.addRow("", self.refer_after)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #d93025;")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.visitors.text():  # the names are filled in: the findings are what is left to write
            self.findings.setFocus()
        else:
            self.visitors.setFocus()
        self.mark_unchanged()

    def values(self) -> tuple:
        return (self.visited_on.date().toPython(), self.visitors.text().strip(), self.findings.toPlainText().strip(),
                self.outcome(), self.refer_after.isChecked())

    def outcome(self) -> str:
        return self.OUTCOMES[max(self.outcome_group.checkedId(), 0)]

    def save(self) -> None:
        try:
            visit = monitoring.record_visit(
                self.ctx.db, self.ctx.actor, self.household_id, visited_on=self.visited_on.date().toPython(),
                visitors=self.visitors.text(), findings=self.findings.toPlainText(), outcome=self.outcome())
        except ValidationFailed as exc:
            self.problem.setText(exc.message)  # the input stays for correction
            return
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.result_visit = visit
        self.ctx.changes.publish("visits", self.household_id)
        self.saved.emit(visit)
        self.accept()
        if visit.outcome == "changed":
            self.ctx.nav.assessHousehold.emit(self.household_id)
        elif visit.outcome == "eligible":
            self.ctx.nav.applyForHousehold.emit(self.household_id)
