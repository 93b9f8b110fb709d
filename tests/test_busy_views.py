"""Slow single service calls run off the UI thread (operations.run_busy / BusyDialog): logging in and
creating the first administrator (argon2 is slow on purpose, a shared database answers over the
network), changing or resetting a password, saving or removing a year of the holiday calendar (it
recomputes every open deadline running through the year); and, with a progress dialog, an import's
error workbook (the whole file read again) and undoing an import batch. Meanwhile the window answers, the button
is off and says what is going on, Enter pressed again sends nothing, and closing waits for the call.

Each test holds the service call in its worker thread until the test has looked at the window: run on
the UI thread (as before), the call is not held and is recorded as made there."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services import auth
from desktop.services import calendar as cal_svc
from desktop.services.calendar import DeadlinesMoved, load_calendar
from desktop.services.database import Database
from desktop.services.errors import ServiceError
from desktop.views import calendar_settings
from desktop.views.calendar_settings import CalendarSettingsTab
from desktop.views.context import AppContext
from desktop.views.login import FirstRunDialog, LoginDialog
from desktop.views.operations import wait_for_background
from desktop.views.users import PasswordDialog
from tests.conftest import ShownErrors
from tests.district import PASSWORD, District


class Held:
    """A service function replaced by one that, in a worker thread, waits for :meth:`release`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> None:
        self.original: Callable[..., Any] = getattr(owner, name)
        self.gate = threading.Event()
        self.threads: list[bool] = []  # per call: made on the UI (main) thread
        monkeypatch.setattr(owner, name, self)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        on_ui_thread = threading.current_thread() is threading.main_thread()
        self.threads.append(on_ui_thread)
        if not on_ui_thread:
            self.gate.wait(10)
        return self.original(*args, **kwargs)

    def release(self) -> None:
        self.gate.set()

    def started(self, qtbot) -> None:  # noqa: ANN001
        """The call was made, off the UI thread, and is being held."""
        qtbot.waitUntil(lambda: bool(self.threads), timeout=5000)
        assert self.threads == [False], "the service call ran on the UI thread"


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Held]]:
    """Every Held released at the end, whatever the test did (no worker left waiting)."""
    made: list[Held] = []
    yield made
    for held in made:
        held.release()
    wait_for_background(10000)


def hold(made: list[Held], monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> Held:
    held = Held(monkeypatch, owner, name)
    made.append(held)
    return held


def answers_while_busy(qtbot) -> None:  # noqa: ANN001
    """The event loop runs: a timer set now fires."""
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: fired == [True], timeout=2000)


def closing_text() -> str:
    return QCoreApplication.translate("BusyDialog", "Closing…")


def logging_in(qtbot, made: list[Held], monkeypatch: pytest.MonkeyPatch, db: Database,  # noqa: ANN001
               password: str) -> tuple[Held, LoginDialog]:
    """The login dialog on screen, ``password`` typed and Enter pressed: the login is being held."""
    login = hold(made, monkeypatch, auth, "login")
    dialog = LoginDialog(db, "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.message.setText("an earlier refusal")
    dialog.password.setText(password)
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)
    login.started(qtbot)
    return login, dialog


def test_logging_in_runs_off_the_ui_thread_and_enter_twice_sends_once(qtbot, district: District,  # noqa: ANN001
                                                                      held_open: list[Held],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    login, dialog = logging_in(qtbot, held_open, monkeypatch, district.db, PASSWORD)
    assert not dialog.ok_button.isEnabled() and dialog.ok_button.text() == dialog.tr("Logging in…")
    assert dialog.password.isReadOnly() and dialog.username.isReadOnly()
    assert dialog.cursor().shape() == Qt.CursorShape.WaitCursor
    answers_while_busy(qtbot)
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)  # impatient: Enter again
    dialog.try_login()
    answers_while_busy(qtbot)
    assert login.threads == [False] and dialog.isVisible()
    login.release()
    assert wait_for_background()
    assert dialog.actor is not None and dialog.actor.username == "admin"
    assert dialog.result() == LoginDialog.DialogCode.Accepted and not dialog.isVisible()
    assert login.threads == [False]  # one login: one audit entry
    assert dialog.ok_button.isEnabled() and dialog.ok_button.text() == dialog.tr("Log in")
    assert dialog.cursor().shape() == Qt.CursorShape.ArrowCursor


def test_a_wrong_password_is_told_as_before_and_the_form_is_back(qtbot, district: District,  # noqa: ANN001
                                                                  held_open: list[Held],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    login, dialog = logging_in(qtbot, held_open, monkeypatch, district.db, "wrong")
    assert dialog.message.text() == ""  # the earlier answer is not taken for this one
    login.release()
    assert wait_for_background()
    assert dialog.actor is None and dialog.message.text().startswith("用户名或密码不正确。还可再试 4 次")
    assert not dialog.password.isReadOnly() and dialog.ok_button.isEnabled()
    assert dialog.password.selectedText() == "wrong"  # ready to be typed over


def test_closing_the_login_dialog_while_logging_in_closes_it_afterwards_logged_out(  # noqa: ANN201
        qtbot, sqlite_district: District, held_open: list[Held], monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001
    entries, last = login_entries(sqlite_district.db), last_login(sqlite_district.db)
    login, dialog = logging_in(qtbot, held_open, monkeypatch, sqlite_district.db, PASSWORD)
    dialog.cancel_button.click()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # and Esc, and the title bar's close button
    dialog.close()
    assert dialog.isVisible()  # not gone while the database is still answering
    assert not dialog.cancel_button.isEnabled() and dialog.cancel_button.text() == closing_text()
    login.release()
    assert wait_for_background()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert dialog.result() == LoginDialog.DialogCode.Rejected and dialog.actor is None  # the user gave up
    # not a login: the audit log does not say 登录, the account does not show one
    assert login_entries(sqlite_district.db) == entries and last_login(sqlite_district.db) == last


def login_entries(db: Database) -> list[tuple[str, str]]:
    from sqlalchemy import select

    from desktop.models import AuditEntry

    with db.session_factory() as s:
        return [(a, d) for a, d in s.execute(select(AuditEntry.action, AuditEntry.detail)
                                            .where(AuditEntry.action.like("user.login%")).order_by(AuditEntry.id))]


def last_login(db: Database) -> object:
    from sqlalchemy import select

    from desktop.models import User

    with db.session_factory() as s:
        return s.scalar(select(User.last_login_at).where(User.username == "admin"))


def test_a_wrong_password_cancelled_still_counts(qtbot, district: District,  # noqa: ANN001
                                                 held_open: list[Held], monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing the window does not take back a wrong password: it counts towards the lock as before."""
    entries = login_entries(district.db)
    login, dialog = logging_in(qtbot, held_open, monkeypatch, district.db, "wrong")
    dialog.reject()
    login.release()
    assert wait_for_background()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert dialog.actor is None and dialog.message.text() == ""  # closed: the refusal is not told
    assert [a for a, _d in login_entries(district.db)[len(entries):]] == ["user.login_failed"]
    with pytest.raises(ServiceError, match="还可再试 3 次"):
        auth.login(district.db, "admin", "wrong")


def test_a_login_closed_too_late_to_cancel_stands(qtbot, district: District,  # noqa: ANN001
                                                  held_open: list[Held], monkeypatch: pytest.MonkeyPatch) -> None:
    """The login was committed when the window was closed (its cancel refused): the user is logged in,
    as the audit log says, rather than an entry claiming a login the user never got."""
    entries, last = login_entries(district.db), last_login(district.db)
    finishing = hold(held_open, monkeypatch, auth, "actor_for")  # called after the login's commit
    dialog = LoginDialog(district.db, "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText(PASSWORD)
    dialog.try_login()
    finishing.started(qtbot)
    dialog.reject()
    assert dialog.operation is not None and not dialog.operation.progress.cancelled
    finishing.release()
    assert wait_for_background()
    assert dialog.result() == LoginDialog.DialogCode.Accepted and dialog.actor is not None
    assert login_entries(district.db) == [*entries, ("user.login", "登录")] and last_login(district.db) != last


def creating_the_administrator(qtbot, made: list[Held], monkeypatch: pytest.MonkeyPatch, db: Database,  # noqa: ANN001
                               held: str) -> tuple[Held, FirstRunDialog]:
    """The first-run dialog filled in and sent: ``auth.<held>`` (the creation, or its login) is being held."""
    call = hold(made, monkeypatch, auth, held)
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.password.setText("secret123")
    dialog.password2.setText("secret123")
    dialog.create()
    call.started(qtbot)
    return call, dialog


def test_first_run_cancelled_makes_the_account_without_a_login(qtbot, sqlite_db: Database,  # noqa: ANN001
                                                               held_open: list[Held],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    login, dialog = creating_the_administrator(qtbot, held_open, monkeypatch, sqlite_db, "login")
    dialog.reject()
    login.release()
    assert wait_for_background()
    assert dialog.result() == FirstRunDialog.DialogCode.Rejected and dialog.actor is None
    assert auth.has_users(sqlite_db) and login_entries(sqlite_db) == [] and last_login(sqlite_db) is None


def test_first_administrator_is_created_off_the_ui_thread(qtbot, sqlite_db: Database,  # noqa: ANN001
                                                          held_open: list[Held],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    create, dialog = creating_the_administrator(qtbot, held_open, monkeypatch, sqlite_db, "create_first_admin")
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_button.text() == dialog.tr("Creating the administrator…")
    dialog.create()
    create.release()
    assert wait_for_background()
    assert create.threads == [False] and dialog.actor is not None and dialog.actor.username == "admin"
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted


def test_changing_ones_password_runs_off_the_ui_thread(qtbot, district: District, held_open: list[Held],  # noqa: ANN001
                                                       shown_errors: ShownErrors, monkeypatch: pytest.MonkeyPatch) -> None:
    change = hold(held_open, monkeypatch, auth, "change_password")
    me = district.actor("community_worker")
    dialog = PasswordDialog(AppContext(district.db, me))
    qtbot.addWidget(dialog)
    dialog.old.setText("wrong")
    dialog.new.setText("my-own-secret")
    dialog.again.setText("my-own-secret")
    dialog.save()
    change.started(qtbot)
    assert not dialog.ok_button.isEnabled() and dialog.ok_button.text() == dialog.tr("Saving…")
    assert dialog.old.isReadOnly() and dialog.new.isReadOnly()
    answers_while_busy(qtbot)
    change.release()
    assert wait_for_background()
    assert len(shown_errors.plain) == 1 and shown_errors.plain[0].startswith("当前密码不正确。还可再试 4 次")
    assert dialog.result() != PasswordDialog.DialogCode.Accepted and dialog.ok_button.isEnabled()
    dialog.old.setText(PASSWORD)
    dialog.save()
    assert wait_for_background()
    assert dialog.result() == PasswordDialog.DialogCode.Accepted and len(shown_errors.plain) == 1
    assert auth.login(district.db, "community_worker", "my-own-secret").username == "community_worker"


def test_a_password_changed_while_the_dialog_was_being_closed_is_still_told(qtbot,  # noqa: ANN001
                                                                             sqlite_district: District,
                                                                             held_open: list[Held],
                                                                             shown_errors: ShownErrors,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancel pressed after OK does not stop the change: the dialog waits for it and says it was made
    (closed as cancelled, the user would go on typing the old password and lock the account)."""
    change = hold(held_open, monkeypatch, auth, "change_password")
    d = sqlite_district
    dialog = PasswordDialog(AppContext(d.db, d.actor("community_worker")))
    qtbot.addWidget(dialog)
    dialog.old.setText(PASSWORD)
    dialog.new.setText("my-own-secret")
    dialog.again.setText("my-own-secret")
    dialog.save()
    change.started(qtbot)
    dialog.reject()
    assert dialog.cancel_button.text() == closing_text() and not dialog.cancel_button.isEnabled()
    change.release()
    assert wait_for_background()
    assert dialog.result() == PasswordDialog.DialogCode.Accepted and shown_errors.plain == [] == shown_errors.crashes
    assert auth.login(d.db, "community_worker", "my-own-secret").username == "community_worker"


def test_an_administrators_reset_runs_off_the_ui_thread(qtbot, sqlite_district: District,  # noqa: ANN001
                                                        held_open: list[Held], shown_errors: ShownErrors,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    reset = hold(held_open, monkeypatch, auth, "reset_password")
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    published: list[tuple[str, int]] = []
    ctx.changes.changed.connect(lambda topic, ident: published.append((topic, ident)))
    worker = auth.find_user(d.db, d.admin, "community_worker")
    dialog = PasswordDialog(ctx, None, worker)
    qtbot.addWidget(dialog)
    dialog.new.setText("temporary1")
    dialog.again.setText("temporary1")
    dialog.save()
    reset.started(qtbot)
    assert not dialog.ok_button.isEnabled() and published == []
    reset.release()
    assert wait_for_background()
    assert dialog.result() == PasswordDialog.DialogCode.Accepted and ("users", worker.id) in published
    assert auth.login(d.db, "community_worker", "temporary1").username == "community_worker"


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"told": [], "errors": []}

    def tell(_parent: QWidget | None, _title: str, text: str, *_a: object, **_k: object) -> object:
        seen["told"].append(text)
        return QMessageBox.StandardButton.Yes

    def show_error(_parent: QWidget | None, exc: BaseException) -> None:
        seen["errors"].append(exc.message if isinstance(exc, ServiceError) else repr(exc))

    monkeypatch.setattr(QMessageBox, "information", tell)
    monkeypatch.setattr(QMessageBox, "warning", tell)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(calendar_settings, "show_error", show_error)
    return seen


def test_saving_the_calendar_recomputes_deadlines_off_the_ui_thread(qtbot, district: District,  # noqa: ANN001
                                                                     held_open: list[Held],
                                                                     told: dict[str, list[str]],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_calendar import _running_into_2027

    _running_into_2027(district)
    set_year = hold(held_open, monkeypatch, cal_svc, "set_year")
    tab = CalendarSettingsTab(AppContext(district.db, district.admin))
    qtbot.addWidget(tab)
    tab.year.setValue(2027)
    tab.days_off.setPlainText("01-01\n02-05..02-13")
    tab.workdays.setPlainText("02-20")
    assert tab.save()
    set_year.started(qtbot)
    assert not tab.save_button.isEnabled() and tab.save_button.text() == tab.tr("Saving…")
    assert not tab.clear_button.isEnabled() and not tab.table.isEnabled() and not tab.year.isEnabled()
    assert tab.days_off.isReadOnly() and tab.workdays.isReadOnly() and tab.note.isReadOnly()
    assert tab.cursor().shape() == Qt.CursorShape.WaitCursor
    answers_while_busy(qtbot)
    assert not tab.save()  # a second save is not sent
    tab.clear()
    assert not tab.maybe_close() and len(told["told"]) == 1  # the window waits for the save
    set_year.release()
    assert wait_for_background()
    assert set_year.threads == [False] and told["errors"] == []
    moved = tab.moved_text(DeadlinesMoved(procedure=2, steps=2, refusal_notices=1, application_ids=(1, 2, 3, 4)))
    assert told["told"][-1] == tab.tr("The holidays of {year} are saved.").format(year=2027) + "\n" + moved
    assert not load_calendar(district.db).is_workday(date(2027, 2, 8))
    assert tab.save_button.isEnabled() and tab.save_button.text() == tab.tr("&Save year")
    assert not tab.days_off.isReadOnly() and tab.table.isEnabled() and tab.maybe_close()
    assert tab.model.rows[tab.table.currentIndex().row()].year == 2027  # the saved year shown


def test_removing_a_year_runs_off_the_ui_thread_and_errors_are_told(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                     held_open: list[Held],
                                                                     told: dict[str, list[str]],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    d = sqlite_district
    clear_year = hold(held_open, monkeypatch, cal_svc, "clear_year")
    tab = CalendarSettingsTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    tab.year.setValue(2027)  # nothing entered: the service refuses
    tab.clear()
    clear_year.started(qtbot)
    assert not tab.clear_button.isEnabled() and tab.clear_button.text() == tab.tr("Removing…")
    clear_year.release()
    assert wait_for_background()
    assert told["errors"] == ["2027 年没有管理员录入的节假日安排,无需删除。"] and tab.clear_button.isEnabled()
    # a refusal of the service itself (not of the typing) is told the same way, the typing kept
    tab.days_off.setPlainText("01-01")
    tab.workdays.setPlainText("01-04")  # a Monday
    assert tab.save() and wait_for_background()
    assert "调休上班日期应是周六或周日" in told["errors"][-1] and tab.workdays.toPlainText() == "01-04"


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes answer at once (Yes) and are recorded; errors the views show, too."""
    seen: list[str] = []

    def box(_parent: QWidget | None, _title: str, text: str, *_a: object, **_k: object) -> object:
        seen.append(text)
        return QMessageBox.StandardButton.Yes

    for name in ("information", "warning", "question"):
        monkeypatch.setattr(QMessageBox, name, box)
    return seen


def test_undoing_an_import_and_its_error_workbook_run_off_the_ui_thread(qtbot, district: District,  # noqa: ANN001
                                                                        held_open: list[Held], boxes: list[str],
                                                                        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch is a whole department list (100,000 rows and more): its error workbook reads the file
    again, undoing it deletes its rows and clues."""
    from PySide6.QtWidgets import QInputDialog

    from desktop.services import department_import as di
    from desktop.views.discovery import ImportHistoryTab
    from tests.test_import_department import write_list_per_sheet

    d = district
    source = write_list_per_sheet(tmp_path / "分街道名单.xlsx")
    di.import_department_list(d.db, d.admin, source, "残联")
    tab = ImportHistoryTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    workbook = hold(held_open, monkeypatch, di, "write_error_workbook")
    tab.save_errors(str(source), str(tmp_path / "错误清单.xlsx"))
    workbook.started(qtbot)
    assert not tab.errors_button.isEnabled()
    answers_while_busy(qtbot)
    workbook.release()
    assert wait_for_background()
    assert boxes == [tab.last_message] and str(tmp_path / "错误清单.xlsx") in tab.last_message
    assert tab.errors_button.isEnabled()
    undo = hold(held_open, monkeypatch, di, "undo_batch")
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("部门选错", True)))
    tab.undo_button.click()
    undo.started(qtbot)
    assert not tab.undo_button.isEnabled() and tab.model.rowCount() == 1
    undo.release()
    assert wait_for_background()
    assert tab.model.rowCount() == 0 and boxes[-1] == tab.last_message == tab.tr(
        "Batch #{id} was undone: {rows} row(s) and {clues} clue(s) removed.").format(id=1, rows=2, clues=2)
    assert di.list_batches(d.db, d.admin) == []


def test_the_registers_error_workbook_is_written_off_the_ui_thread(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                   held_open: list[Held], boxes: list[str],
                                                                   tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.services import register_import as ri
    from desktop.views.register_import import RegisterImportDialog
    from tests.test_discovery_views import _register_with_a_bad_row

    template = tmp_path / "模板.xlsx"
    ri.write_register_template(template)
    bad, _header = _register_with_a_bad_row(template, tmp_path)
    dialog = RegisterImportDialog(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(bad))
    dialog.run(dry_run=True)
    assert wait_for_background() and dialog.errors_button.isEnabled()
    workbook = hold(held_open, monkeypatch, ri, "write_error_workbook")
    out = tmp_path / "错误清单.xlsx"
    dialog.save_errors(str(out))
    workbook.started(qtbot)
    assert not dialog.errors_button.isEnabled() and not dialog.import_button.isEnabled()
    answers_while_busy(qtbot)
    workbook.release()
    assert wait_for_background()
    assert out.exists() and str(out) in dialog.summary.text() and boxes == []
    assert dialog.errors_button.isEnabled() and dialog.import_button.isEnabled()


def test_testing_the_server_runs_off_the_ui_thread_and_closing_meanwhile_saves_nothing(  # noqa: ANN201
        qtbot, held_open: list[Held], monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001
    """A server that does not answer takes the connection's timeout (5 s) to say so: the connection
    dialog (first start, or the database cannot be opened) and the settings tab froze meanwhile."""
    from desktop.services import connection
    from desktop.views.connection import ConnectionDialog

    check = hold(held_open, monkeypatch, connection, "check")
    dialog = ConnectionDialog(problem="连接不上数据库服务器")
    qtbot.addWidget(dialog)
    form = dialog.form
    form.shared.setChecked(True)
    form.host.setText("127.0.0.1")
    form.port.setValue(1)
    form.test_button.click()
    check.started(qtbot)
    assert not form.test_button.isEnabled() and form.test_button.text() == form.tr("Testing the connection…")
    assert not form.box.isEnabled() and not form.local.isEnabled() and form.result.text() == ""
    answers_while_busy(qtbot)
    check.release()
    assert wait_for_background()
    assert "连接不上" in form.result.text() and form.test_button.isEnabled() and form.box.isEnabled()
    # Save tests first; closing meanwhile closes the dialog afterwards, with nothing saved
    saved: list[object] = []
    monkeypatch.setattr(connection, "save", saved.append)
    monkeypatch.setattr(connection, "check", lambda url: connection.ConnectionCheck(True, "连接成功。"))
    again = hold(held_open, monkeypatch, connection, "check")
    dialog.show()
    dialog.save_button.click()
    again.started(qtbot)
    assert not dialog.save_button.isEnabled()
    dialog.reject()
    assert dialog.isVisible() and dialog.cancel_button.text() == closing_text()
    again.release()
    assert wait_for_background()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert dialog.result() == ConnectionDialog.DialogCode.Rejected and saved == []
    # saved when left open
    dialog.show()
    dialog.save_button.click()
    assert wait_for_background()
    assert dialog.result() == ConnectionDialog.DialogCode.Accepted and len(saved) == 1
