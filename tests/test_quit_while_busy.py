"""Closing the main window (or the application asked to quit) while background work runs: the program
asks whether to wait for it, cancel it (only work that may be cancelled; rolled back, nothing left
half-written) or go back, and never exits with a worker thread still writing to the database.

Each test holds the service call in its worker thread (as tests/test_busy_views.py does) while it
answers the question."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import isValid
from sqlalchemy import func, select

from desktop.app import quit_event
from desktop.models import AuditEntry, Clue, ImportBatch, ImportRow
from desktop.services import calendar as cal_svc
from desktop.services import department_import as di
from desktop.services.calendar import load_calendar
from desktop.services.database import Database
from desktop.views.calendar_settings import CalendarSettingsTab
from desktop.views.context import AppContext
from desktop.views.import_wizard import DepartmentImportWizard
from desktop.views.main_window import MainWindow
from desktop.views.operations import ExitGuard, running_operations, wait_for_background
from tests.district import District
from tests.test_busy_views import Held, boxes, held_open, hold  # noqa: F401 (the fixtures used here)
from tests.test_import_department import write_list_per_sheet

pytestmark = pytest.mark.usefixtures("boxes")  # the views' own message boxes answer at once


@pytest.fixture
def helds(request: pytest.FixtureRequest) -> list[Held]:
    """:func:`tests.test_busy_views.held_open`: every Held released at the end of the test."""
    return request.getfixturevalue("held_open")


def tr(text: str) -> str:
    return QCoreApplication.translate("ExitGuard", text)


def open_window(qtbot, district: District) -> MainWindow:  # noqa: ANN001
    window = MainWindow(AppContext(district.db, district.admin))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert wait_for_background()  # the first page (今日工作) reads its figures
    return window


def at_the_preview(qtbot, district: District, tmp_path: Path) -> DepartmentImportWizard:  # noqa: ANN001
    """The wizard on a department list, at its preview page (Next starts the dry run)."""
    wizard = DepartmentImportWizard(AppContext(district.db, district.admin))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(write_list_per_sheet(tmp_path / "分街道名单.xlsx")))
    wizard.file_page.department.setCurrentIndex(wizard.file_page.department.findText("残联"))
    wizard.next()
    assert wait_for_background()
    wizard.next()
    return wizard


def importing(qtbot, made: list[Held], monkeypatch: pytest.MonkeyPatch, district: District,  # noqa: ANN001
              tmp_path: Path) -> tuple[Held, DepartmentImportWizard]:
    """A department list being imported from the wizard, held mid-way: its batch, rows and clues are
    written but not committed."""
    wizard = at_the_preview(qtbot, district, tmp_path)
    wizard.next()
    assert wait_for_background() and wizard.currentPage() is wizard.dry_run_page
    held = hold(made, monkeypatch, di, "_remember_mapping")  # after the rows and clues, before the commit
    wizard.next()
    held.started(qtbot)
    return held, wizard


def saving_the_calendar(qtbot, made: list[Held], monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
                        district: District) -> tuple[Held, CalendarSettingsTab]:
    """A year of the holiday calendar being saved (it cannot be cancelled), held in its worker."""
    held = hold(made, monkeypatch, cal_svc, "set_year")
    tab = CalendarSettingsTab(AppContext(district.db, district.admin))
    qtbot.addWidget(tab)
    tab.year.setValue(2027)
    tab.days_off.setPlainText("01-01")
    assert tab.save()
    held.started(qtbot)
    return held, tab


def asked(qtbot, window: MainWindow) -> QMessageBox:  # noqa: ANN001
    """The question on screen (after its short grace for work about to end)."""
    qtbot.waitUntil(lambda: window.exit_guard.box is not None and window.exit_guard.box.isVisible(), timeout=5000)
    box = window.exit_guard.box
    assert box is not None
    return box


def choose(window: MainWindow, choice: str) -> None:
    button = window.exit_guard.buttons[choice]
    assert button.isVisible()
    button.click()


def closed_while_importing(qtbot, made: list[Held], monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
                           district: District, tmp_path: Path, choice: str):  # noqa: ANN201
    """The main window closed while a list is imported (held mid-way), ``choice`` answered: the
    window, the held import, the wizard and the import's operation."""
    window = open_window(qtbot, district)
    held, wizard = importing(qtbot, made, monkeypatch, district, tmp_path)
    window.close()
    asked(qtbot, window)
    choose(window, choice)
    (op,) = running_operations()
    return window, held, wizard, op


def count(db: Database, model: type) -> int:
    with db.session_factory() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_nothing_running_closes_at_once(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    window = open_window(qtbot, sqlite_district)
    assert running_operations() == []
    assert window.close() and not window.isVisible() and window.exit_guard.box is None


def test_go_back_keeps_the_window_and_the_import_goes_on(qtbot, sqlite_district: District,  # noqa: ANN001
                                                          helds: list[Held],
                                                          monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    d = sqlite_district
    window = open_window(qtbot, d)
    held, wizard = importing(qtbot, helds, monkeypatch, d, tmp_path)
    assert not window.close()  # not closed under the import
    box = asked(qtbot, window)
    assert box.windowTitle() == tr("Exit Relief Desk")
    label = QCoreApplication.translate("ResultPage", "Importing the list…")
    assert box.text() == tr("Work is still running: {work}").format(work=label)
    assert box.informativeText() == tr("Wait until it is done and then exit, or cancel it and exit: what it did is "
                                       "rolled back, nothing is left half-written.")
    assert window.exit_guard.buttons[ExitGuard.CANCEL].isVisible()
    choose(window, ExitGuard.BACK)
    assert window.isVisible() and window.exit_guard.box is None and window.exit_guard.mode is None
    held.release()
    assert wait_for_background()
    qtbot.wait(50)
    assert window.isVisible()  # the import ending does not close the window: the user went back
    assert count(d.db, ImportBatch) == 1 and count(d.db, ImportRow) == 2 and count(d.db, Clue) == 2
    assert wizard.result_page.result is not None and wizard.result_page.result.batch_id is not None
    assert window.close() and not window.isVisible()  # nothing running now: closes at once


def test_wait_shows_the_progress_and_closes_when_the_import_is_done(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                     helds: list[Held],
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     tmp_path: Path) -> None:
    d = sqlite_district
    window, held, _wizard, op = closed_while_importing(qtbot, helds, monkeypatch, d, tmp_path, ExitGuard.WAIT)
    assert op.dialog is not None and op.dialog.isVisible()  # the work's own progress dialog
    assert op.dialog.windowTitle() == tr("Exiting when done")
    assert not op.progress.cancelled and window.isVisible()
    assert not window.close() and window.exit_guard.box is None  # a second close: still waiting, not asked again
    qtbot.wait(600)  # past the grace: still no second question
    assert window.exit_guard.box is None and window.isVisible()
    held.release()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert running_operations() == []
    assert count(d.db, ImportBatch) == 1 and count(d.db, ImportRow) == 2 and count(d.db, Clue) == 2


def test_cancel_and_exit_rolls_the_import_back_then_closes(qtbot, district: District,  # noqa: ANN001
                                                            helds: list[Held],
                                                            monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The import is held with its batch, rows and clues written (not committed); cancelled, all of
    it is rolled back, and the window closes only once the worker has ended."""
    d = district
    with d.db.session_factory() as session:
        audits = session.scalar(select(func.max(AuditEntry.id))) or 0
    window, held, wizard, op = closed_while_importing(qtbot, helds, monkeypatch, d, tmp_path, ExitGuard.CANCEL)
    assert op.progress.cancelled and op.dialog is not None and op.dialog.isVisible()
    assert op.dialog.labelText() == QCoreApplication.translate("BackgroundOperation", "Cancelling…")
    qtbot.wait(300)
    assert window.isVisible()  # the worker is still in the database: the window waits for its rollback
    held.release()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    assert running_operations() == []
    assert count(d.db, ImportBatch) == 0 and count(d.db, ImportRow) == 0 and count(d.db, Clue) == 0
    with d.db.session_factory() as session:  # the preview's view of the file's numbers is all that was logged
        assert list(session.scalars(select(AuditEntry.entity).where(AuditEntry.id > audits))) == ["import_preview"]
    assert wizard.result_page.status.text() == wizard.result_page.tr(
        "The import was cancelled. Nothing of it was written.")


def test_a_calendar_save_cannot_be_cancelled_and_is_waited_for(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                helds: list[Held],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    d = sqlite_district
    window = open_window(qtbot, d)
    held, tab = saving_the_calendar(qtbot, helds, monkeypatch, d)
    window.close()
    box = asked(qtbot, window)
    assert box.text() == tr("Work is still running: {work}").format(work=tab.tr("Saving…"))
    assert box.informativeText() == tr(
        "It cannot be stopped half-way: wait until it is done and then exit, or go back.")
    assert not window.exit_guard.buttons[ExitGuard.CANCEL].isVisible()  # only wait or go back
    choose(window, ExitGuard.WAIT)
    (op,) = running_operations()
    assert op.dialog is not None and op.dialog.isVisible() and not op.progress.cancelled
    held.release()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert not load_calendar(d.db).is_workday(date(2027, 1, 1))  # saved whole


def test_the_work_ending_while_asked_closes_the_question_and_the_window(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                         helds: list[Held],
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, sqlite_district)
    held, _tab = saving_the_calendar(qtbot, helds, monkeypatch, sqlite_district)
    window.close()
    box = asked(qtbot, window)
    held.release()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert (not isValid(box) or not box.isVisible()) and window.exit_guard.box is None


def test_quitting_the_application_asks_the_same_before_closing_any_window(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                          helds: list[Held],
                                                                          monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    """QApplication.quit() (a tray, the system) sends the application a Quit event; Qt would close the
    windows, a modal import wizard or progress dialog first, which cancels its work without asking."""
    d = sqlite_district
    window = open_window(qtbot, d)
    held, wizard = importing(qtbot, helds, monkeypatch, d, tmp_path)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    event = QEvent(QEvent.Type.Quit)
    assert quit_event(app, event) and not event.isAccepted()  # refused for now
    assert wizard.isVisible() and window.isVisible()
    box = asked(qtbot, window)
    assert QCoreApplication.translate("ResultPage", "Importing the list…") in box.text()
    (op,) = running_operations()
    assert not op.progress.cancelled  # the wizard was not closed under it
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    choose(window, ExitGuard.WAIT)
    assert quit_event(app, QEvent(QEvent.Type.Quit))  # asked again meanwhile: still waiting, no new question
    assert window.exit_guard.box is None
    held.release()
    qtbot.waitUntil(lambda: quits == [True], timeout=5000)  # then the application is asked to quit again
    assert count(d.db, ImportBatch) == 1


def test_cancel_with_a_save_running_too_cancels_the_import_and_waits_for_the_save(  # noqa: ANN201
        qtbot, sqlite_district: District, helds: list[Held],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    d = sqlite_district
    window = open_window(qtbot, d)
    held_import, _wizard = importing(qtbot, helds, monkeypatch, d, tmp_path)
    held_save, tab = saving_the_calendar(qtbot, helds, monkeypatch, d)
    window.close()
    box = asked(qtbot, window)
    importing_label = QCoreApplication.translate("ResultPage", "Importing the list…")
    assert box.text() == tr("Work is still running:") + f"\n• {importing_label}\n• {tab.tr('Saving…')}"
    assert box.informativeText() == tr(
        "Wait until it is done and then exit, or cancel what can be cancelled and exit: that is rolled back, "
        "nothing is left half-written; the rest cannot be stopped and is waited for.")
    choose(window, ExitGuard.CANCEL)
    import_op, save_op = running_operations()
    assert import_op.progress.cancelled and not save_op.progress.cancelled
    held_import.release()
    qtbot.waitUntil(lambda: len(running_operations()) == 1, timeout=5000)
    assert window.isVisible()  # the save is still running
    held_save.release()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert count(d.db, ImportBatch) == 0 and count(d.db, Clue) == 0
    assert not load_calendar(d.db).is_workday(date(2027, 1, 1))


def test_the_program_waits_for_workers_before_closing_the_database(qtbot) -> None:  # noqa: ANN001
    """The last step of the program, after the event loop (work started after the window closed)."""
    import time

    from desktop.views import operations

    ended: list[bool] = []

    def work(_progress: object) -> None:
        time.sleep(0.3)
        ended.append(True)

    operations.run_in_background(None, work, cancellable=False)
    started = time.monotonic()
    operations.wait_for_workers()
    assert ended == [True] and time.monotonic() - started >= 0.2
    assert wait_for_background()


def test_a_window_gone_before_its_delayed_exit_is_left_alone(qtbot) -> None:  # noqa: ANN001
    """The last work ends with the guard waiting to exit: its exit is tried on the next turn of the
    event loop. If the window (and its guard) is deleted before then, nothing is tried on what is gone
    (it once raised "Internal C++ object (QTimer) already deleted" in whatever ran next)."""
    import shiboken6
    from PySide6.QtWidgets import QWidget

    from desktop.views import operations

    window = QWidget()
    guard = ExitGuard(window)
    exited: list[bool] = []
    guard.mode, guard._then = ExitGuard.WAIT, lambda: exited.append(True)
    operations._ended()  # nothing running: the exit is scheduled
    shiboken6.delete(window)
    assert not isValid(guard)
    qtbot.wait(20)
    assert exited == []  # pytest-qt fails the test on an exception raised in the event loop

    window = QWidget()  # the same with the window still there: the exit happens
    qtbot.addWidget(window)
    guard = ExitGuard(window)
    guard.mode, guard._then = ExitGuard.WAIT, lambda: exited.append(True)
    operations._ended()
    qtbot.wait(20)
    assert exited == [True] and guard.mode is None
