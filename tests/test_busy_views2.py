"""Service calls that write or read thousands of rows run off the UI thread (operations.run_busy / BusyDialog):
recording a month's assistance payments (one record per running approval of the district), assigning
an import batch's rows to a region (the batch rows dialog and the import wizard's last page: a
department list of 100,000 rows) and assigning the clues selected in the inbox (one audit entry per
clue); and reading the decisions of a publicity list as PDF. Meanwhile the window answers, the button
is off and says what is going on, what the call works on holds still, and closing waits for it.

As in test_busy_views, each test holds the service call in its worker thread until the test has looked
at the window: run on the UI thread (as before), the call is not held and is recorded as made there."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from desktop.rules import idcard
from desktop.services import applications as svc
from desktop.services import clues
from desktop.services import department_import as di
from desktop.services.errors import ServiceError
from desktop.views import application_forms as forms
from desktop.views import applications as applications_view
from desktop.views import clue_form, discovery, import_wizard
from desktop.views.applications import ApplicationsPage
from desktop.views.context import AppContext
from desktop.views.discovery import BatchRowsDialog, DiscoveryPage
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_applications import make_household, run_regular
from tests.test_busy_views import Held, answers_while_busy, closing_text, hold
from tests.test_discovery_views import SAMPLES, _run_wizard, needs_samples

CSV = "残联_持证残疾人名单_2026.csv"


@pytest.fixture
def held_open() -> Iterator[list[Held]]:
    """Every Held released at the end, whatever the test did (no worker left waiting)."""
    made: list[Held] = []
    yield made
    for held in made:
        held.release()
    wait_for_background(10000)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Message boxes answer at once (Yes) and are recorded; so are the errors the views show."""
    seen: dict[str, list[str]] = {"boxes": [], "errors": []}

    def box(_parent: QWidget | None, _title: str, text: str, *_a: object, **_k: object) -> object:
        seen["boxes"].append(text)
        return QMessageBox.StandardButton.Yes

    def show_error(_parent: QWidget | None, exc: BaseException) -> None:
        seen["errors"].append(exc.message if isinstance(exc, ServiceError) else repr(exc))

    for name in ("information", "warning", "question"):
        monkeypatch.setattr(QMessageBox, name, box)
    for module in (forms, applications_view, discovery, import_wizard):
        monkeypatch.setattr(module, "show_error", show_error)
    return seen


def _two_running_approvals(d: District) -> None:
    for region in ("八泉社区", "闸口社区"):  # 低保 650 a month from April, April–June written on approval
        run_regular(d, make_household(d.db, d.regions[region]))


def test_recording_a_months_payments_runs_off_the_ui_thread(qtbot, district: District,  # noqa: ANN001
                                                            held_open: list[Held], shown: dict[str, list[str]],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    d = district
    _two_running_approvals(d)
    published: list[str] = []
    ctx = AppContext(d.db, d.admin)
    ctx.changes.changed.connect(lambda topic, _ident: published.append(topic))
    dialog = forms.MonthlyAssistanceDialog(ctx, today=date(2026, 7, 15))
    qtbot.addWidget(dialog)
    assert (dialog.state.due, dialog.state.due_amount) == (2, Decimal("1300.00"))
    record = hold(held_open, monkeypatch, svc, "record_monthly_assistance")
    dialog.record_button.click()
    record.started(qtbot)
    assert len(shown["boxes"]) == 1 and "1,300.00" in shown["boxes"][0]  # confirmed first, as before
    assert not dialog.record_button.isEnabled()
    assert dialog.record_button.text() == dialog.tr("Recording {n} household(s)…").format(n=2)
    assert not dialog.month.isEnabled() and not dialog.roster_button.isEnabled()
    answers_while_busy(qtbot)
    dialog.record()  # Enter again: not asked, not sent
    assert len(shown["boxes"]) == 1 and record.threads == [False] and published == []
    record.release()
    assert wait_for_background()
    assert shown["errors"] == [] and dialog.recorded == 2 and "applications" in published
    assert (dialog.state.recorded, dialog.state.recorded_amount, dialog.state.due) == (2, Decimal("1300.00"), 0)
    assert not dialog.record_button.isEnabled() and dialog.month.isEnabled() and dialog.roster_button.isEnabled()
    assert svc.monthly_assistance(d.db, d.admin, date(2026, 7, 1), today=date(2026, 7, 15)).recorded == 2


def test_a_payment_refused_is_told_and_closing_meanwhile_still_counts_the_recorded(  # noqa: ANN201
        qtbot, sqlite_district: District, held_open: list[Held], shown: dict[str, list[str]],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch):
    d = sqlite_district
    _two_running_approvals(d)
    dialog = forms.MonthlyAssistanceDialog(AppContext(d.db, d.admin), today=date(2026, 7, 15))
    qtbot.addWidget(dialog)
    svc.record_monthly_assistance(d.db, d.admin, date(2026, 7, 1), today=date(2026, 7, 15))  # another workstation
    dialog.record_button.click()
    assert wait_for_background()
    assert len(shown["errors"]) == 1 and "确认时是 2 户,合计 1,300.00 元,现在是 0 户" in shown["errors"][0]
    assert dialog.recorded == 0 and (dialog.state.recorded, dialog.state.due) == (2, 0)
    # August: closed while being recorded, the dialog waits, then closes with the payments counted
    dialog = forms.MonthlyAssistanceDialog(AppContext(d.db, d.admin), today=date(2026, 8, 15))
    qtbot.addWidget(dialog)
    assert dialog.state.due == 2
    dialog.show()
    record = hold(held_open, monkeypatch, svc, "record_monthly_assistance")
    dialog.record_button.click()
    record.started(qtbot)
    dialog.reject()
    assert dialog.isVisible() and dialog.cancel_button.text() == closing_text()
    record.release()
    assert wait_for_background()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert dialog.recorded == 2 and len(shown["errors"]) == 1


def test_assigning_the_selected_clues_runs_off_the_ui_thread(qtbot, district: District,  # noqa: ANN001
                                                             held_open: list[Held], shown: dict[str, list[str]],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    d = district
    ctx = AppContext(d.db, d.admin)
    for i in range(3):
        clues.add_clue(d.db, d.admin, clues.ClueInput(
            source_level="informant", source="building_head", reported_on=date.today(), description=f"情况{i}",
            person_name=f"孙{i}", id_number=idcard.make("420203", date(1950, 1, 1 + i), 40 + i)))
    page = DiscoveryPage(ctx)
    qtbot.addWidget(page)
    inbox = page.inbox
    inbox.table.selectAll()
    asked: list[int] = []

    def choose(dialog: clue_form.AssignDialog) -> int:
        asked.append(1)
        dialog.region.setCurrentIndex(dialog.region.findData(d.regions["闸口社区"]))
        return 1

    monkeypatch.setattr(clue_form.AssignDialog, "exec", choose)
    assign = hold(held_open, monkeypatch, clues, "assign_clues")
    inbox.assign()
    assign.started(qtbot)
    assert not inbox.assign_button.isEnabled() and inbox.assign_button.text() == inbox.tr("Assigning…")
    assert not inbox.edit_button.isEnabled() and not inbox.close_button.isEnabled()
    answers_while_busy(qtbot)
    inbox.refresh()  # the change feed meanwhile (another workstation): the buttons stay off
    inbox.table.selectRow(0)
    assert not inbox.edit_button.isEnabled() and not inbox.investigate_button.isEnabled()
    inbox.assign()  # not asked again, not sent again
    assert asked == [1] and assign.threads == [False]
    assert not page.maybe_close() and len(shown["boxes"]) == 1  # the window waits for it
    assign.release()
    assert wait_for_background()
    assert shown["errors"] == [] and page.maybe_close()
    assert "3" in inbox.message.text() and "闸口社区" in inbox.message.text()
    assert {c.region_name for c in inbox.model.rows} == {"闸口社区"}  # refreshed through the change feed
    assert inbox.assign_button.isEnabled() and inbox.assign_button.text() == inbox.tr("&Assign…")
    assert inbox.edit_button.isEnabled()  # one row selected


@needs_samples
def test_assigning_a_batchs_rows_runs_off_the_ui_thread(qtbot, district: District,  # noqa: ANN001
                                                        held_open: list[Held], shown: dict[str, list[str]],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    d = district
    di.import_department_list(d.db, d.admin, SAMPLES / CSV, "残联")
    batch = di.list_batches(d.db, d.admin)[0]
    unassigned = di.count_batch_rows(d.db, d.admin, batch.id)["unassigned"]
    assert unassigned > 0
    dialog = BatchRowsDialog(AppContext(d.db, d.admin), batch)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.region.setCurrentIndex(dialog.region.findData(d.regions["道仕袱村"]))
    assign = hold(held_open, monkeypatch, di, "assign_rows")
    dialog.assign_unassigned.click()
    assign.started(qtbot)
    assert not dialog.assign_unassigned.isEnabled() and dialog.assign_unassigned.text() == dialog.tr("Assigning…")
    assert not dialog.assign_selected.isEnabled() and not dialog.region.isEnabled()
    assert not dialog.outcome.isEnabled() and not dialog.table.isEnabled()
    answers_while_busy(qtbot)
    dialog.assign(selected=False)
    dialog.reject()  # closed meanwhile: waits for the assignment, then closes
    assert dialog.isVisible() and dialog.cancel_button.text() == closing_text()
    assign.release()
    assert wait_for_background()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert assign.threads == [False] and shown["errors"] == []
    assert di.count_batch_rows(d.db, d.admin, batch.id)["unassigned"] == 0
    assert dialog.last_message == dialog.tr("{n} row(s) assigned.").format(n=unassigned)
    assert dialog.assign_unassigned.isEnabled() and dialog.region.isEnabled() and dialog.table.isEnabled()


@needs_samples
def test_the_import_wizards_assign_them_all_runs_off_the_ui_thread(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                   held_open: list[Held],
                                                                   shown: dict[str, list[str]],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    d = sqlite_district
    wizard = _run_wizard(qtbot, AppContext(d.db, d.admin), SAMPLES / CSV)
    wizard.next()
    assert wait_for_background()
    page = wizard.result_page
    assert page.counts.value("unassigned") and page.assign_box.isEnabled()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled()
    page.region.setCurrentIndex(page.region.findData(d.regions["道仕袱村"]))
    assign = hold(held_open, monkeypatch, di, "assign_rows")
    page.assign_all()
    assign.started(qtbot)
    assert not page.assign_button.isEnabled() and page.assign_button.text() == page.tr("Assigning…")
    assert not page.region.isEnabled() and not finish.isEnabled()
    answers_while_busy(qtbot)
    page.assign_all()
    wizard.reject()  # Esc, the close button: the assignment cannot be stopped, the wizard waits
    assert wizard.isVisible() and assign.threads == [False]
    assign.release()
    assert wait_for_background()
    assert shown["errors"] == [] and page.counts.value("unassigned") == 0 and not page.assign_box.isEnabled()
    assert "道仕袱村" in page.status.text() and finish.isEnabled()
    assert di.count_batch_rows(d.db, d.admin, wizard.result.batch_id)["unassigned"] == 0


def test_the_publicity_pdf_reads_the_decisions_off_the_ui_thread(qtbot, district: District,  # noqa: ANN001
                                                                 held_open: list[Held], shown: dict[str, list[str]],
                                                                 monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """The xlsx was written off the UI thread already; the PDF read the period's decisions on it."""
    d = district
    on = date.today() - timedelta(days=1)
    app_id = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"], "张三", 3),
                        category="temporary", temporary_kind="emergency", accepted_on=on)
    svc.decide(d.db, d.admin, app_id, approve=True, on=on, amount="1200")
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    assert wait_for_background()
    read = hold(held_open, monkeypatch, svc, "publicity_html")
    pdf = tmp_path / "公示.pdf"
    page.export_publicity("pdf", str(pdf), (on, on))
    read.started(qtbot)
    assert not page.publicity_pdf_button.isEnabled() and not page.publicity_xlsx_button.isEnabled()
    answers_while_busy(qtbot)
    assert not pdf.exists()
    read.release()
    assert wait_for_background()
    assert pdf.read_bytes().startswith(b"%PDF") and shown["errors"] == []
    assert str(pdf) in page.count_label.text()
    assert page.publicity_pdf_button.isEnabled() and page.publicity_xlsx_button.isEnabled()
