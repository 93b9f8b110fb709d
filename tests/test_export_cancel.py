"""Exports started with a Cancel button honour it: the publicity list, the payment roster, the spot-check
sample, the application list, the statistics tables and the audit log. Cancelled before the file is complete, they
leave no file (and no temporary one), no audit entry and no error; once the file is in place a cancel
is refused (the export is logged). The exit guard's 取消并退出 ends such an export promptly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.models import AuditEntry
from desktop.services import applications as svc
from desktop.services import audit as audit_svc
from desktop.services import statistics as st
from desktop.services.progress import Cancelled, Progress
from desktop.views import application_forms as forms
from desktop.views.applications import ApplicationsPage
from desktop.views.audit_log import AuditLogTab
from desktop.views.context import AppContext
from desktop.views.operations import ExitGuard, running_operations, wait_for_background
from tests.conftest import ShownErrors
from tests.district import District
from tests.test_applications import make_household, run_regular
from tests.test_busy_views import Held, held_open, hold  # noqa: F401 (held_open: a fixture, through made)
from tests.test_quit_while_busy import asked, choose, open_window

PERIOD = (date(2026, 3, 1), date(2026, 3, 31))  # run_regular decides on 2026-03-10
MONTH = date(2026, 5, 1)  # April–June are written on approval


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where the exports are saved (the test database is beside it, not in it)."""
    path = tmp_path / "saved"
    path.mkdir()
    return path


@pytest.fixture
def made(request: pytest.FixtureRequest) -> list[Held]:
    """:func:`tests.test_busy_views.held_open`: every Held released at the end of the test."""
    return request.getfixturevalue("held_open")


def approvals(d: District) -> None:
    for region in ("八泉社区", "闸口社区"):
        run_regular(d, make_household(d.db, d.regions[region]))


def audits(d: District, action: str) -> int:
    with d.db.session_factory() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)) or 0)


def cancelled_progress() -> Progress:
    progress = Progress()
    progress.cancel()
    return progress


def test_the_statistics_tables_stop_mid_way_and_leave_no_file(folder: Path) -> None:
    """Cancelled while its rows are written (after the first thousand): no file, no temporary file,
    and a file of that name written before is left as it was."""
    out = folder / "统计.xlsx"
    out.write_bytes(b"before")
    progress: Progress

    def cancel_at_first_report(done: int, _total: int, _text: str) -> None:
        seen.append(done)
        progress.cancel()

    seen: list[int] = []
    progress = Progress(cancel_at_first_report)
    rows = [[f"第{i}行", i] for i in range(2500)]
    with pytest.raises(Cancelled):
        st.export_tables(str(out), [("表", "标题", ["项目", "数值"], rows)], progress)
    assert seen == [1000]  # stopped at the next thousand, not written to the end
    assert out.read_bytes() == b"before" and sorted(p.name for p in folder.iterdir()) == ["统计.xlsx"]
    out.unlink()
    with pytest.raises(Cancelled):  # a small table is not reported on: the cancel is honoured at the end
        st.export_tables(str(out), [("表", "标题", ["项目", "数值"], rows[:3])], cancelled_progress())
    assert list(folder.iterdir()) == []
    progress = Progress()
    assert st.export_tables(str(out), [("表", "标题", ["项目", "数值"], rows[:3])], progress) == 3
    assert out.exists() and not progress.cancel()  # the file is in place: too late to cancel


def test_the_exports_of_applications_honour_a_cancel(district: District, folder: Path) -> None:
    d = district
    approvals(d)
    exports = {
        "payments.roster": lambda path, p: svc.export_payment_roster_xlsx(d.db, d.admin, path, MONTH, progress=p),
        "publicity.export": lambda path, p: svc.export_publicity_xlsx(d.db, d.admin, path, decided_from=PERIOD[0],
                                                                      decided_to=PERIOD[1], progress=p),
        "applications.export": lambda path, p: svc.export_applications_xlsx(d.db, d.admin, path, status=None,
                                                                             progress=p),
    }
    for action, export in exports.items():
        out = folder / f"{action}.xlsx"
        with pytest.raises(Cancelled):
            export(out, cancelled_progress())
        assert list(folder.iterdir()) == [] and audits(d, action) == 0, action
        export(out, Progress())
        assert out.exists() and audits(d, action) == 1, action
        out.unlink()


def test_cancelling_the_publicity_xlsx_leaves_no_file_and_no_error(qtbot, district: District,  # noqa: ANN001
                                                                   made: list[Held], shown_errors: ShownErrors,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   folder: Path) -> None:
    d = district
    approvals(d)
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    assert wait_for_background()
    read = hold(made, monkeypatch, svc, "publicity_list")
    out = folder / "公示.xlsx"
    page.export_publicity("xlsx", str(out), PERIOD)
    read.started(qtbot)
    (op,) = running_operations()
    op.show_progress()
    assert op.dialog is not None and op.can_cancel  # it was started without a Cancel button
    op.ask_cancel()  # the progress dialog's Cancel: no question (nothing is lost but the file)
    assert op.progress.cancelled
    read.release()
    assert wait_for_background()
    assert list(folder.iterdir()) == [] and audits(d, "publicity.export") == 0
    assert shown_errors.plain == [] and shown_errors.crashes == []
    assert page.publicity_xlsx_button.isEnabled() and page.publicity_pdf_button.isEnabled()


def test_cancel_and_exit_ends_a_roster_export_promptly(qtbot, district: District, made: list[Held],  # noqa: ANN001
                                                       shown_errors: ShownErrors, monkeypatch: pytest.MonkeyPatch,
                                                       folder: Path) -> None:
    d = district
    approvals(d)
    window = open_window(qtbot, d)
    dialog = forms.MonthlyAssistanceDialog(AppContext(d.db, d.admin), window, today=date(2026, 7, 15))
    qtbot.addWidget(dialog)
    dialog.month.setDate(MONTH)
    assert wait_for_background() and dialog.state is not None and dialog.state.recorded == 2
    read = hold(made, monkeypatch, svc, "payment_roster")
    out = folder / "花名册.xlsx"
    dialog.export_roster(str(out))
    read.started(qtbot)
    window.close()
    asked(qtbot, window)
    choose(window, ExitGuard.CANCEL)
    (op,) = running_operations()
    assert op.progress.cancelled
    read.release()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)  # the export stopped: no waiting for it
    assert running_operations() == []
    assert list(folder.iterdir()) == [] and audits(d, "payments.roster") == 0
    assert shown_errors.plain == [] and shown_errors.crashes == []


def test_the_audit_log_export_honours_a_cancel_until_its_file_is_in_place(district: District, folder: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """It took only a per-row callback: a cancel after its last thousand rows still wrote the file and
    its audit entry, and one after the file was in place was accepted though the export went on."""
    d = district
    with d.db.session_factory.begin() as s:  # enough entries for the writer to report on
        s.add_all(AuditEntry(action="user.login", username="admin", detail=f"登录 {i}") for i in range(2500))
    everything = audit_svc.AuditFilter()
    out = folder / "操作日志.xlsx"
    with pytest.raises(Cancelled):  # cancelled before the first thousand rows were reported: at the end
        audit_svc.export_xlsx(d.db, d.admin, everything, out, progress=cancelled_progress())
    assert list(folder.iterdir()) == [] and audits(d, "audit.export") == 0
    progress: Progress
    seen: list[int] = []

    def cancel_at_first_report(done: int, _total: int, _text: str) -> None:
        seen.append(done)
        progress.cancel()

    progress = Progress(cancel_at_first_report)
    with pytest.raises(Cancelled):
        audit_svc.export_xlsx(d.db, d.admin, everything, out, progress=progress)
    assert seen == [1000]  # stopped at the next thousand, not written to the end
    assert list(folder.iterdir()) == [] and audits(d, "audit.export") == 0
    # the file in place, the export's audit entry about to be written: a cancel now is refused
    log_access, refused = audit_svc.log_access, []

    def cancel_before_logging(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        refused.append((out.exists(), progress.cancel()))
        return log_access(*args, **kwargs)

    monkeypatch.setattr(audit_svc, "log_access", cancel_before_logging)
    progress = Progress()
    assert audit_svc.export_xlsx(d.db, d.admin, everything, out, progress=progress) > 2500
    assert refused == [(True, False)] and not progress.cancelled
    assert out.exists() and audits(d, "audit.export") == 1


def test_cancelling_the_audit_log_export_leaves_no_file_and_no_entry(qtbot, district: District,  # noqa: ANN001
                                                                    made: list[Held], shown_errors: ShownErrors,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    folder: Path) -> None:
    """A short log is written without a report of its rows: the cancel asked meanwhile was ignored."""
    d = district
    tab = AuditLogTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    tab.show()
    read = hold(made, monkeypatch, audit_svc, "Names")  # the entries are read, the file not yet written
    out = folder / "操作日志.xlsx"
    tab.export(str(out))
    read.started(qtbot)
    (op,) = running_operations()
    assert op.can_cancel and not tab.export_button.isEnabled()  # one click, one file
    op.ask_cancel()
    assert op.progress.cancelled
    read.release()
    assert wait_for_background()
    assert list(folder.iterdir()) == [] and audits(d, "audit.export") == 0
    assert shown_errors.plain == [] and shown_errors.crashes == []
    assert tab.export_button.isEnabled()
