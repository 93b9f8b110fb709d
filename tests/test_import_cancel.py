"""Cancelling an import that is running asks first (the rows read so far are lost): 取消导入 rolls it back,
继续导入 (the default) lets it run to the end. A dry run writes nothing and is cancelled at once.

Each import is held in its worker thread (tests/test_busy_views.py Held) while the question is answered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop.models import Clue, Household, ImportBatch
from desktop.services import department_import as di
from desktop.services import register_import as ri
from desktop.views.context import AppContext
from desktop.views.import_wizard import import_cancel_question
from desktop.views.operations import BackgroundOperation, running_operations, wait_for_background
from desktop.views.register_import import RegisterImportDialog
from tests.district import District
from tests.test_busy_views import Held, boxes, held_open, hold  # noqa: F401 (the fixtures used here)
from tests.test_import_register import small_register
from tests.test_quit_while_busy import at_the_preview, count, importing

pytestmark = pytest.mark.usefixtures("boxes")  # the views' own message boxes answer at once


@pytest.fixture
def made(request: pytest.FixtureRequest) -> list[Held]:
    """:func:`tests.test_busy_views.held_open`: every Held released at the end of the test."""
    return request.getfixturevalue("held_open")


class Answer:
    """Answers the cancel question, when it comes, with ``button`` (its text); records what was asked."""

    def __init__(self, button: str) -> None:
        self.button = button
        self.asked: list[tuple[str, list[str], str]] = []  # (question, buttons, default)
        QTimer.singleShot(0, self.look)

    def look(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, self.look)
            return
        buttons = sorted(b.text() for b in box.buttons())
        default = box.defaultButton().text() if box.defaultButton() is not None else ""
        self.asked.append((box.text(), buttons, default))
        next(b for b in box.buttons() if b.text() == self.button).click()


def question() -> tuple[str, str, str]:
    q = import_cancel_question()
    return q.text, q.cancel, q.go_on


def the_operation() -> BackgroundOperation:
    (op,) = running_operations()
    return op


def test_the_question_and_its_chinese(qapp) -> None:  # noqa: ANN001
    from desktop import i18n

    i18n.install(QApplication.instance(), "zh_CN")
    try:
        assert question() == ("正在导入……取消导入?已读取的数据不会保存", "取消导入(&C)", "继续导入(&O)")
    finally:
        i18n.install(QApplication.instance(), "en")


def test_cancel_asks_and_continue_lets_the_import_run_to_the_end(qtbot, district: District,  # noqa: ANN001
                                                                 made: list[Held],
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    d = district
    held, wizard = importing(qtbot, made, monkeypatch, d, tmp_path)
    op = the_operation()
    text, cancel, go_on = question()
    answer = Answer(go_on)
    QTest.keyClick(wizard, Qt.Key.Key_Escape)  # the wizard's Esc (its Cancel button does the same)
    assert answer.asked == [(text, sorted([cancel, go_on]), go_on)]  # continuing is the default
    assert not op.progress.cancelled and wizard.isVisible() and wizard.result_page.running
    op.show_progress()  # the progress dialog's Cancel button asks too
    answer = Answer(go_on)
    assert op.dialog is not None
    op.dialog.findChild(QPushButton).click()
    assert [a[0] for a in answer.asked] == [text]
    assert not op.progress.cancelled and op.dialog.isVisible()  # not hidden, not reset
    held.release()
    assert wait_for_background()
    assert count(d.db, ImportBatch) == 1 and count(d.db, Clue) == 2
    result = wizard.result_page.result
    assert result is not None and result.batch_id is not None and wizard.isVisible()


def test_answering_cancel_rolls_the_import_back(qtbot, district: District, made: list[Held],  # noqa: ANN001
                                                monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    d = district
    held, wizard = importing(qtbot, made, monkeypatch, d, tmp_path)
    op = the_operation()
    op.show_progress()
    _text, cancel, _go_on = question()
    answer = Answer(cancel)
    assert op.dialog is not None
    QTest.keyClick(op.dialog, Qt.Key.Key_Escape)  # Esc on the progress dialog
    assert len(answer.asked) == 1 and op.progress.cancelled
    assert op.dialog.labelText() == QCoreApplication.translate("BackgroundOperation", "Cancelling…")
    held.release()
    assert wait_for_background()
    assert count(d.db, ImportBatch) == 0 and count(d.db, Clue) == 0
    assert wizard.result_page.status.text() == wizard.result_page.tr(
        "The import was cancelled. Nothing of it was written.")
    assert wizard.isVisible()  # the wizard says so; the next Cancel closes it
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible()


def test_a_question_left_open_goes_when_the_import_ends(qtbot, sqlite_district: District,  # noqa: ANN001
                                                        made: list[Held], monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    """The import ends while the question is on screen: the question goes, the import stands."""
    d = sqlite_district
    held, wizard = importing(qtbot, made, monkeypatch, d, tmp_path)
    op = the_operation()
    seen: list[bool] = []

    def while_asked() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, while_asked)
            return
        seen.append(True)
        held.release()  # the import ends meanwhile; nobody answers

    QTimer.singleShot(0, while_asked)
    wizard.reject()
    assert seen == [True] and not op.progress.cancelled
    assert wait_for_background()
    assert count(d.db, ImportBatch) == 1 and wizard.result_page.result is not None


def test_a_dry_run_is_cancelled_without_a_question(qtbot, sqlite_district: District,  # noqa: ANN001
                                                   made: list[Held], monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    d = sqlite_district
    wizard = at_the_preview(qtbot, d, tmp_path)
    held = hold(made, monkeypatch, di, "import_department_list")
    wizard.next()
    held.started(qtbot)
    assert wizard.currentPage() is wizard.dry_run_page
    answer = Answer("")
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    assert the_operation().progress.cancelled and wizard.isVisible()
    held.release()
    assert wait_for_background()
    qtbot.wait(50)
    assert answer.asked == []
    assert wizard.dry_run_page.warning.text() == wizard.dry_run_page.tr(
        "The dry run was cancelled. Go back or run it again.")
    assert count(d.db, ImportBatch) == 0


def registering(qtbot, made: list[Held], monkeypatch: pytest.MonkeyPatch, district: District,  # noqa: ANN001
                tmp_path: Path, dry_run: bool) -> tuple[Held, RegisterImportDialog]:
    """The register dialog importing (or dry-running) a small register, held after its rows were read."""
    dialog = RegisterImportDialog(AppContext(district.db, district.admin))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(small_register(tmp_path / "台账.xlsx")))
    held = hold(made, monkeypatch, ri, "_write" if not dry_run else "_check_households")
    dialog.run(dry_run=dry_run)
    held.started(qtbot)
    return held, dialog


@pytest.mark.parametrize("answer", ["go_on", "cancel"])
def test_the_register_import_asks_too(qtbot, district: District, made: list[Held],  # noqa: ANN001
                                      monkeypatch: pytest.MonkeyPatch, tmp_path: Path, answer: str) -> None:
    d = district
    households = count(d.db, Household)
    held, dialog = registering(qtbot, made, monkeypatch, d, tmp_path, dry_run=False)
    op = the_operation()
    text, cancel, go_on = question()
    asked = Answer(cancel if answer == "cancel" else go_on)
    dialog.reject()  # Close or Esc while it runs
    assert asked.asked == [(text, sorted([cancel, go_on]), go_on)] and dialog.isVisible()
    assert op.progress.cancelled == (answer == "cancel")
    held.release()
    assert wait_for_background()
    if answer == "cancel":
        assert count(d.db, ImportBatch) == 0 and count(d.db, Household) == households
        assert dialog.summary.text() == dialog.tr("Cancelled. Nothing was written.")
    else:
        assert count(d.db, ImportBatch) == 1 and count(d.db, Household) == households + 2
        assert dialog.result is not None and dialog.result.batch_id is not None
    assert dialog.isVisible()
    dialog.reject()  # nothing running: closes
    assert not dialog.isVisible()


def test_the_register_dry_run_is_cancelled_without_a_question(qtbot, sqlite_district: District,  # noqa: ANN001
                                                              made: list[Held],
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    held, dialog = registering(qtbot, made, monkeypatch, sqlite_district, tmp_path, dry_run=True)
    op = the_operation()
    op.show_progress()
    answer = Answer("")
    assert op.dialog is not None
    op.dialog.findChild(QPushButton).click()
    assert op.progress.cancelled
    held.release()
    assert wait_for_background()
    qtbot.wait(50)
    assert answer.asked == [] and dialog.summary.text() == dialog.tr("Cancelled. Nothing was written.")
