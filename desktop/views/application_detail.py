"""One application: its step timeline (who did what, when, against which deadline) and the
actions the procedure allows next."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.io.files import system_reason
from desktop.rules import procedure as proc
from desktop.rules.codes import STAGE_LABELS, Stage
from desktop.services import applications as svc
from desktop.services.errors import ServiceError
from desktop.services.files import save_bytes
from desktop.views.application_forms import (
    DecisionDialog,
    PostCheckDialog,
    ReasonDialog,
    RecoveryDialog,
    ReferralOutcomeDialog,
    RefusalServedDialog,
    StepDialog,
    StopAssistanceDialog,
    TraceBackDialog,
    date_of,
)
from desktop.views.confirm import asked_yes
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.keys import clear_layout
from desktop.views.save_as import ask_save_path
from desktop.views.screens import resize_to_fit
from desktop.views.table_model import EmptyHint

RED = QColor("#c62828")
ORANGE = QColor("#b26a00")
GREY = QColor("#777777")


def fmt(value: date | None) -> str:
    return value.isoformat() if value else ""


def due_text(due: svc.Due) -> str:
    if due.due_on is None:
        return ""
    if due.working_days_left is None:
        return due.due_on.isoformat()
    if due.working_days_left < 0:
        return QCoreApplication.translate("ApplicationDetailDialog", "{day} (overdue by {n})").format(
            day=due.due_on.isoformat(), n=-due.working_days_left)
    if due.working_days_left == 0:
        return QCoreApplication.translate("ApplicationDetailDialog", "{day} (due today)").format(
            day=due.due_on.isoformat())
    return QCoreApplication.translate("ApplicationDetailDialog", "{day} ({n} working days left)").format(
        day=due.due_on.isoformat(), n=due.working_days_left)


def action_button(text: str) -> QPushButton:
    """A button of the application window. Not an auto-default one: Enter pressed in the timeline or a
    list pressed the first of them (a post-check's 记录结果 on a tab not even shown, or 办理下一步), as a
    dialog's default button; the buttons are pressed by click, Space or their Alt key."""
    button = QPushButton(text)
    button.setAutoDefault(False)
    return button


def county_only(button: QPushButton, allowed: bool) -> None:
    """A step only the district reviewer or an administrator records: for other roles the button is
    disabled and says who records it (its form would take the input, then the service refuse it)."""
    button.setEnabled(allowed)
    button.setToolTip("" if allowed else QCoreApplication.translate(
        "ApplicationDetailDialog", "Only the district reviewer or an administrator records this."))


class ApplicationDetailDialog(QDialog):
    def __init__(self, ctx: AppContext, application_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.application_id = application_id
        self.detail: svc.ApplicationDetail | None = None
        self.setWindowTitle(self.tr("Application {id}").format(id=application_id))
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b26a00; font-weight: bold;")
        layout.addWidget(self.warning)
        self.timeline = QTreeWidget()
        self.timeline.setRootIsDecorated(False)
        self.timeline.setHeaderLabels([self.tr("Step"), self.tr("Started"), self.tr("Due"), self.tr("Done on"),
                                       self.tr("Result"), self.tr("By"), self.tr("Note")])
        layout.addWidget(QLabel(self.tr("<b>Step timeline</b>")))
        layout.addWidget(self.timeline, 2)
        self.actions_bar = QHBoxLayout()
        layout.addLayout(self.actions_bar)
        self.tabs = QTabWidget()
        # An empty list under a tab was a blank box with its buttons still offered: each says why it is empty.
        self.post_checks = self._tree([self.tr("Kind"), self.tr("Due"), self.tr("Done on"), self.tr("Result"),
                                       self.tr("Note")], self.tr(
            "No check after approval. The centralised cross-check or the yearly review is scheduled when the "
            "application is approved; a spot check when the approval is drawn in a sample."))
        self.referrals = self._tree([self.tr("Department"), self.tr("Need"), self.tr("Status"), self.tr("Sent on"),
                                     self.tr("Closed on"), self.tr("Feedback")], self.tr(
            "No referral to a department for this family. Families are referred at the front desk, from the "
            "board or when a visit is recorded."))
        self.revocations = self._tree([self.tr("Reason"), self.tr("To recover"), self.tr("Recovered"),
                                       self.tr("Status"), self.tr("Closed on"), self.tr("Trace back")], self.tr(
            "Not revoked. A revocation case, with the money to recover, is opened when a check after approval "
            "is not passed."))
        self.may_decide = ctx.actor.role in svc.DECIDERS
        self.tabs.addTab(self._with_buttons(self.post_checks, (self.tr("Record &result…"), self.record_post_check,
                                                               self.may_decide)), self.tr("Post-chec&ks"))
        self.tabs.addTab(self._with_buttons(self.referrals, (self.tr("Record department &outcome…"),
                                                             self.record_referral, True)), self.tr("Referra&ls"))
        self.tabs.addTab(self._with_buttons(self.revocations,
                                            (self.tr("&Trace back…"), self.trace_back, self.may_decide),
                                            (self.tr("Record re&covery…"), self.record_recovery, self.may_decide)),
                         self.tr("Revocation and recover&y"))
        layout.addWidget(self.tabs, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setDefault(True)  # Enter closes, as Esc; records nothing
        layout.addWidget(close)
        resize_to_fit(self, 980, 680)
        self.reload()

    def _tree(self, headers: list[str], empty: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels(headers)
        EmptyHint(tree, empty)
        return tree

    def _with_buttons(self, tree: QTreeWidget, *buttons: tuple[str, Any, bool]) -> QWidget:
        """The list with its buttons (text, slot, allowed for this role) under it, on the right."""
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(tree)
        row = QHBoxLayout()
        row.addStretch(1)
        for text, slot, allowed in buttons:
            button = action_button(text)
            button.clicked.connect(slot)
            county_only(button, allowed)
            row.addWidget(button)
        lay.addLayout(row)
        return box

    # -- showing ------------------------------------------------------------------------------------
    def reload(self) -> None:
        try:
            self.detail = svc.get_detail(self.ctx.db, self.ctx.actor, self.application_id)
        except ServiceError as exc:
            show_error(self, exc)
            return
        d = self.detail
        r = d.row
        status_colour = {"approved": "#2e7d32", "refused": "#c62828", "revoked": "#c62828",
                         "withdrawn": "#777777"}.get(r.status, "#1565c0")
        due_line = ""
        if r.status == "open":
            left = r.working_days_left
            colour = "#c62828" if r.overdue else "#000"
            if left is not None and left < 0:  # "working days left: -11" read as a typing error
                left_text = self.tr("overdue by {n} working days").format(n=-left)
            else:
                left_text = self.tr("working days left: {left}").format(left="-" if left is None else left)
                if left is not None and r.effective_due_on:  # to which of the two days (they differ)
                    left_text += self.tr(" (to {day}, the earlier)").format(day=fmt(r.effective_due_on))
            due_line = self.tr("Procedure due {due}{ext}; next step due {step}; ").format(
                due=fmt(r.due_on), ext=self.tr(" (extended)") if r.extended else "",
                step=fmt(r.step_due_on) or "-") + f"<span style='color:{colour}'>{left_text}</span>"
        paid = ""
        if r.status in ("approved", "revoked"):
            amount = f"{r.amount:,.2f}" if r.amount is not None else "-"
            start = f"{d.start_month:%Y-%m}" if d.start_month else "-"
            if proc.paid_once(r.category):  # 临时救助: one payment, in the month after approval
                paid = self.tr("One-off amount {amount} yuan, paid in {start}; {total} yuan paid so far.").format(
                    amount=amount, start=start, total=f"{d.total_paid:,.2f}")
            else:
                paid = self.tr("Monthly amount {amount} yuan from {start}; {months} month(s) paid, {total} yuan in "
                               "all.").format(amount=amount, start=start, months=d.months_paid,
                                              total=f"{d.total_paid:,.2f}")
            if d.stopped_on and d.exit_stage is not None and d.gradual_exit_from is not None:
                paid += " " + self.tr("Gradual exit after employment decided on {start}: assisted up to {day}, then to "
                                      "{stage}.").format(start=fmt(d.gradual_exit_from), day=fmt(d.stopped_on),
                                                         stage=STAGE_LABELS.get(Stage(d.exit_stage), d.exit_stage))
            elif d.stopped_on and d.exit_stage is not None:
                paid += " " + self.tr("Stop decided ahead: assisted up to {day}, then to {stage}.").format(
                    day=fmt(d.stopped_on), stage=STAGE_LABELS.get(Stage(d.exit_stage), d.exit_stage))
            elif d.stopped_on:
                paid += " " + self.tr("Stopped on {day}.").format(day=fmt(d.stopped_on))
                if d.gradual_exit_from:
                    paid += " " + self.tr("(End of a gradual exit decided on {start}.)").format(
                        start=fmt(d.gradual_exit_from))
        commitment = ""
        if d.commitment is not None:
            commitment = self.tr("Commitment signed by {name} on {day}{file}.").format(
                name=d.commitment.signer_name, day=fmt(d.commitment.signed_on),
                file=self.tr(", scan attached") if d.commitment.has_file else self.tr(", no scan attached"))
        # Labels taken out of the f-strings: lupdate does not see a tr() inside one, so they stayed English.
        extension_label = self.tr("Extension reason:")
        withdrawn = ""
        if (w := d.withdrawal) is not None:
            withdrawn = self.tr("Withdrawn by the applicant on {day}:").format(day=fmt(w.withdrawn_on) or "-") \
                + " " + escape(w.reason)
        refusal_label = self.tr("Refusal reasons:")
        served = ""
        if (notice := d.refusal_notice) is not None:
            due = fmt(notice.due_on) or "-"
            if notice.served_on is not None:
                served = self.tr("Written refusal due by {due}; served on {day} ({how}).").format(
                    due=due, day=fmt(notice.served_on), how=notice.served_how)
            else:
                served = f"<span style='color:{'#c62828' if notice.overdue else '#b26a00'}'>" + self.tr(
                    "Written refusal due by {due}; not yet recorded as served.").format(due=due) + "</span>"
                if notice.warning:  # the due day is an estimate: its year's holidays are not entered
                    served += " ⚠ " + escape(notice.warning)
        self.header.setText(
            f"<h2>{escape(r.head_name)}({r.member_count}人)· {r.category_label} · {r.track_label} · "
            f"<span style='color:{status_colour}'>{r.status_label}</span></h2>"
            f"<p>{r.subdistrict_name} {r.region_name} · " + self.tr("accepted on {day}").format(day=fmt(r.accepted_on))
            + f"</p><p>{due_line}</p><p>{paid}</p><p>{escape(commitment)}</p>"
            + (f"<p>{extension_label} {escape(d.extension_reason)}</p>" if d.extension_reason else "")
            + (f"<p>{refusal_label} {escape(d.refusal_reason)}</p>" if d.refusal_reason else "")
            + (f"<p>{served}</p>" if served else "")
            + (f"<p>{withdrawn}</p>" if withdrawn else ""))
        self.warning.setText(("⚠ " + r.warning) if r.warning else "")
        self.warning.setVisible(bool(r.warning))
        self.timeline.clear()
        for s in d.steps:
            extra = ""
            if s.data.get("investigators"):
                extra = self.tr("Investigators: {names}").format(names="、".join(s.data["investigators"]))
            if s.data.get("publicity_from"):
                extra = self.tr("Publicity {start} to {end}").format(start=s.data["publicity_from"],
                                                                      end=s.data["publicity_until"])
            if s.data.get("objection"):
                extra += " " + self.tr("(objection raised)")
            if s.data.get("after_decision"):
                extra += " " + self.tr("(completed after emergency help)")
            if s.data.get("notice_due"):
                extra += " " + self.tr("Written refusal due {day}").format(day=s.data["notice_due"])
            note = " ".join(x for x in (extra.strip(), s.note) if x)
            item = QTreeWidgetItem([s.label, fmt(s.started_on), fmt(s.due_on), fmt(s.completed_on), s.result_label,
                                    s.by, note])
            if s.late:
                item.setForeground(3, QBrush(RED))
                item.setToolTip(3, self.tr("Completed after its deadline"))
            self.timeline.addTopLevelItem(item)
        italic = QFont()
        italic.setItalic(True)
        for a in d.actions:
            item = QTreeWidgetItem([self.tr("Next: {step}").format(step=a.label), "", due_text(a.due), "", "", "",
                                    a.due.warning])
            for col in range(7):
                item.setFont(col, italic)
                item.setForeground(col, QBrush(RED if a.due.overdue else GREY))
            if a.due.warning:
                item.setForeground(6, QBrush(ORANGE))
            self.timeline.addTopLevelItem(item)
        for col in range(6):
            self.timeline.resizeColumnToContents(col)
        self._fill(self.post_checks, [[c.kind_label, fmt(c.due_on), fmt(c.done_on),
                                       {"passed": self.tr("Passed"), "failed": self.tr("Not passed")}.get(
                                           c.result or "", ""), c.note] for c in d.post_checks])
        self._fill(self.referrals, [[f.department_label, f.need, f.status_label, fmt(f.sent_on), fmt(f.closed_on),
                                     f.feedback] for f in d.referrals])
        self._fill(self.revocations, [[v.reason, f"{v.amount_to_recover:,.2f}", f"{v.amount_recovered:,.2f}",
                                       self.tr("Closed") if v.status == "closed" else self.tr("Open"),
                                       fmt(v.closed_on), v.trace_label or self.tr("not yet")] for v in d.revocations])
        self._build_actions()

    def _fill(self, tree: QTreeWidget, rows: list[list[str]]) -> None:
        tree.clear()
        for values in rows:
            tree.addTopLevelItem(QTreeWidgetItem([str(v) for v in values]))
        for col in range(tree.columnCount()):
            tree.resizeColumnToContents(col)

    def _build_actions(self) -> None:
        clear_layout(self.actions_bar)
        assert self.detail is not None
        d = self.detail
        self.action_buttons: dict[str, QPushButton] = {}
        for a in d.actions:
            if a.step == proc.Step.DECISION:
                text = self.tr("&Decide…") if a.approve_allowed else self.tr("Re&fuse…")
            else:
                text = self.tr("Record &next step: {step}…").format(step=a.label)
                if a.after_decision:
                    text = self.tr("&Next: complete {step} afterwards…").format(step=a.label)
            button = action_button(text)
            button.clicked.connect(lambda _=False, action=a: self.do_step(action))
            county_only(button, self.may_record(a.step))
            self.actions_bar.addWidget(button)
            self.action_buttons[a.step] = button
        if d.can_extend:
            b = action_button(self.tr("E&xtend to 45 days…"))
            b.clicked.connect(self.extend)
            self.actions_bar.addWidget(b)
            self.action_buttons["extend"] = b
        if d.can_withdraw:
            b = action_button(self.tr("&Withdraw…"))
            b.setToolTip(self.tr("The applicant withdraws the application: it is closed without a decision"))
            b.clicked.connect(self.withdraw)
            self.actions_bar.addWidget(b)
            self.action_buttons["withdraw"] = b
        if d.can_stop:
            b = action_button(self.tr("&Stop assistance…"))
            b.clicked.connect(self.stop)
            county_only(b, self.may_decide)
            self.actions_bar.addWidget(b)
            self.action_buttons["stop"] = b
        if d.row.status in ("approved", "refused", "revoked"):
            b = action_button(self.tr("&Print notice…"))
            b.clicked.connect(self.print_notice)
            self.actions_bar.addWidget(b)
            self.action_buttons["notice"] = b
        if d.row.status == "refused":
            b = action_button(self.tr("Record &written notice served…"))
            b.clicked.connect(self.record_served)
            b.setEnabled(self.ctx.actor.role in svc.SERVERS)
            if not b.isEnabled():
                b.setToolTip(self.tr("The sub-district caseworker, the district reviewer or an administrator records this."))
            self.actions_bar.addWidget(b)
            self.action_buttons["served"] = b
        if d.commitment is not None:
            b = action_button(self.tr("&Attach commitment scan…"))
            b.clicked.connect(self.attach_scan)
            if not self.ctx.actor.may_write:
                b.setEnabled(False)
                b.setToolTip(self.tr("Supervisors look only; the office staff attach the scan."))
            self.actions_bar.addWidget(b)
            if d.commitment.has_file:
                s = action_button(self.tr("Sa&ve scan as…"))
                s.clicked.connect(self.save_scan)
                self.actions_bar.addWidget(s)
        self.actions_bar.addStretch(1)
        # Made after the window's other controls, the buttons came last in the Tab order, after 关闭:
        # they take their place between the timeline above them and the tabs below.
        previous: QWidget = self.timeline
        for i in range(self.actions_bar.count()):
            if (button := self.actions_bar.itemAt(i).widget()) is not None:
                QWidget.setTabOrder(previous, button)
                previous = button
        QWidget.setTabOrder(previous, self.tabs)

    def may_record(self, step: str) -> bool:
        """The decision and the authorised data check are the county's (services refuse them to others)."""
        if step == proc.Step.DECISION:
            return self.may_decide
        if step == proc.Step.CHECK:
            return self.ctx.actor.role in svc.CHECKERS
        return True

    # -- actions ------------------------------------------------------------------------------------
    def after_change(self) -> None:
        self.ctx.changes.publish("applications", self.application_id)
        self.reload()

    def do_step(self, action: svc.ActionInfo) -> None:
        assert self.detail is not None
        if action.step == proc.Step.DECISION:
            dialog: QDialog = DecisionDialog(self.ctx, self.detail, action.approve_allowed, self)
        else:
            dialog = StepDialog(self.ctx, self.detail, action.step, self)
        dialog.exec()
        # Saved, or closed after a refusal: another workstation may have moved the application on
        # meanwhile (a conflict), and the buttons offered here must be the ones that now apply.
        self.reload()

    def _refused(self, exc: ServiceError, still: str) -> bool:
        """A save refused: say why and read the application again. True when the dialog, whose input is
        kept, is to be shown again (``still`` is what the application must still allow)."""
        show_error(self, exc)
        self.reload()
        return self.detail is not None and bool(getattr(self.detail, still))

    def extend(self) -> None:
        assert self.detail is not None
        dialog = ReasonDialog(self.tr("Extend to 45 working days"), self.tr("&Reason (recorded):"), self)
        while dialog.exec():
            try:
                svc.extend(self.ctx.db, self.ctx.actor, self.application_id, reason=dialog.reason.toPlainText(),
                           expected_version=self.detail.row.version)
            except ServiceError as exc:
                if self._refused(exc, "can_extend"):
                    continue  # the reason typed is shown again, not lost
                return
            self.after_change()
            return

    def withdraw(self) -> None:
        """The applicant withdraws (撤回): the date, the library the family goes to and the reason, asked
        again before the application is closed; a refused save shows the form again as typed."""
        assert self.detail is not None
        dialog = ReasonDialog(self.tr("Withdraw the application"), self.tr("&Reason (e.g. the applicant's written "
                                                                           "request):"), self,
                              with_date=True, with_stage=True)
        while dialog.exec():
            question = self.tr("Withdraw the application of {name}? It is closed without a decision and cannot be "
                               "taken up again (a new application can be accepted later); the family goes to "
                               "{stage}.").format(name=self.detail.row.head_name, stage=dialog.stage.currentText())
            if not asked_yes(self, self.tr("Withdraw the application"), question):
                return
            try:
                svc.withdraw(self.ctx.db, self.ctx.actor, self.application_id, on=date_of(dialog.on),
                             reason=dialog.reason.toPlainText(), to_stage=dialog.stage.currentData(),
                             expected_version=self.detail.row.version)
            except ServiceError as exc:
                if self._refused(exc, "can_withdraw"):
                    continue  # a date or a missing reason: corrected in the same form
                return
            self.after_change()
            return

    def stop(self) -> None:
        assert self.detail is not None
        dialog = StopAssistanceDialog(self.ctx, self.detail, self)
        while dialog.exec():
            gradual = dialog.gradual.isChecked()
            question = (self.tr("Start the gradual exit of {name}? Payments go on for the months shown; then the "
                                "family leaves the assisted column.") if gradual else
                        self.tr("Stop the assistance of {name}? {month} is still paid (the month of the stop "
                                "date), then payments end and the family leaves the assisted column."))
            if not asked_yes(self, self.tr("Stop assistance"), question.format(
                    name=self.detail.row.head_name, month=f"{date_of(dialog.on):%Y-%m}")):
                return
            try:
                svc.stop_assistance(self.ctx.db, self.ctx.actor, self.application_id, on=date_of(dialog.on),
                                    reason=dialog.reason.toPlainText(), to_stage=dialog.stage.currentData(),
                                    gradual=gradual, expected_version=self.detail.row.version)
            except ServiceError as exc:
                if self._refused(exc, "can_stop"):
                    continue  # a wrong date or a missing reason: corrected in the same dialog
                return
            self.after_change()
            return

    def record_served(self) -> None:
        assert self.detail is not None
        if RefusalServedDialog(self.ctx, self.detail, self).exec():
            self.after_change()

    def print_notice(self, path: str | None = None) -> Path | None:
        from desktop.views.printing import html_to_pdf

        try:
            doc = svc.notice_document(self.ctx.db, self.ctx.actor, self.application_id)
        except ServiceError as exc:
            show_error(self, exc)
            return None
        if not path:
            path = ask_save_path(self, self.tr("Save notice as PDF"), f"{doc.title}-{self.application_id}.pdf", "pdf")
            if not path:
                return None
        try:
            written = html_to_pdf(doc.html, path, title=doc.title)
            svc.log_notice_printed(self.ctx.db, self.ctx.actor, self.application_id, doc, written)
        except (OSError, ServiceError) as exc:
            show_error(self, exc)
            return None
        return written

    def attach_scan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Scanned commitment"), "",
                                              self.tr("Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)"))
        if not path:
            return
        try:
            data = Path(path).read_bytes()
            svc.attach_commitment_file(self.ctx.db, self.ctx.actor, self.application_id, file_name=path, data=data)
        except OSError as exc:
            show_error(self, ServiceError(f"无法读取文件“{path}”:{system_reason(exc)}"))
            return
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.after_change()

    def save_scan(self) -> None:
        found = svc.commitment_file(self.ctx.db, self.ctx.actor, self.application_id)
        if found is None:
            return
        name, data = found
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save scan as"), name)
        if path:
            try:
                save_bytes(path, data)
            except OSError as exc:
                show_error(self, exc)

    def _selected(self, tree: QTreeWidget) -> int | None:
        item = tree.currentItem()
        if item is None:  # the button under the list did nothing at all
            QMessageBox.information(self, self.windowTitle(), self.tr("Select a row in the list first."))
            return None
        return tree.indexOfTopLevelItem(item)

    def record_post_check(self) -> None:
        assert self.detail is not None
        row = self._selected(self.post_checks)
        if row is None:
            return
        check = self.detail.post_checks[row]
        if check.done_on is not None:
            QMessageBox.information(self, self.tr("Post-check"), self.tr("This check already has its result."))
            return
        PostCheckDialog(self.ctx, check, self).exec()
        self.reload()

    def record_referral(self) -> None:
        assert self.detail is not None
        row = self._selected(self.referrals)
        if row is None:
            return
        ReferralOutcomeDialog(self.ctx, self.detail.referrals[row], self).exec()
        self.reload()

    def trace_back(self) -> None:
        assert self.detail is not None
        row = self._selected(self.revocations)
        if row is None:
            return
        TraceBackDialog(self.ctx, self.detail, self.detail.revocations[row], self).exec()
        self.reload()

    def record_recovery(self) -> None:
        assert self.detail is not None
        row = self._selected(self.revocations)
        if row is None:
            return
        RecoveryDialog(self.ctx, self.detail.revocations[row], self).exec()
        self.reload()
