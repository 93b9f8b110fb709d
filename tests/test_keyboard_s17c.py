"""Keyboard-only pass, round 3 (session 17): the department import wizard past its first page, the
assessment wizard's later pages, the procedure dialogs of an application and the settings dialogs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

from desktop.rules.codes import Role
from desktop.services import applications as svc
from desktop.services import auth, policy, regions
from desktop.views import application_forms as forms
from desktop.views.assessment_wizard import AssessmentWizard
from desktop.views.context import AppContext
from desktop.views.import_wizard import DepartmentImportWizard
from desktop.views.operations import wait_for_background
from desktop.views.policy_settings import SetValuesDialog
from desktop.views.regions import AddRegionDialog, RenameRegionDialog
from desktop.views.users import UserDialog
from tests.district import District
from tests.mnemonics import duplicate_mnemonics, fields_without_alt_key
from tests.test_applications import make_household
from tests.test_assessment import add_household
from tests.test_discovery_views import messages  # noqa: F401  (a fixture: message boxes recorded, not shown)
from tests.test_import_department import registry, write_list  # noqa: F401  (registry: a fixture)
from tests.test_keyboard_s17 import ALT

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def asked(messages: list[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:  # noqa: F811
    """Questions before closing are answered Discard (and recorded), so a failure half-way is reported
    instead of waiting for a click that never comes; other message boxes are recorded, not shown."""
    seen: list[str] = []

    def discard(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append(text)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", staticmethod(discard))
    yield seen
    for key in (Qt.Key.Key_Alt, Qt.Key.Key_Control):  # held in Qt's view of the keyboard: let go, as the user does
        focus = QApplication.focusWidget()
        if focus is not None:
            QTest.keyRelease(focus, key)


def _open(qtbot, dialog: QWidget) -> QWidget:  # noqa: ANN001
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _key(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    """``key`` pressed where the focus is, and whatever it started in the background finished."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    qtbot.wait(150)  # an Alt key presses its button as a click shown (animateClick: 100 ms)
    assert wait_for_background()
    qtbot.wait(20)


@pytest.mark.usefixtures("registry")
def test_the_department_import_runs_by_keys_and_its_last_page_reaches_the_regions(
        qtbot, district: District, asked: list[str], tmp_path: Path) -> None:  # noqa: ANN001
    """After the import, 有 n 行…全部分派到: had no Alt key: the list of regions to assign the rows to was
    reached only by Tab through the counts. 全部分派到(&T) leads there now. The rest of the way (a column's
    field changed with the keys, Next, Back, Import and Finish by Enter and Alt) already answered."""
    wizard = _open(qtbot, DepartmentImportWizard(AppContext(district.db, district.admin)))
    assert isinstance(wizard, DepartmentImportWizard)
    wizard.file_page.path.setText(str(write_list(tmp_path / "名单.csv")))
    wizard.file_page.department.setEditText("公安局")
    _key(qtbot, Qt.Key.Key_N, ALT)
    mapping = wizard.mapping_page
    assert wizard.currentPage() is mapping and duplicate_mnemonics(wizard) == {}
    name = mapping.combos["name"]
    _key(qtbot, Qt.Key.Key_M, ALT)  # 姓名(&M)
    assert QApplication.focusWidget() is name
    chosen = name.currentIndex()
    _key(qtbot, Qt.Key.Key_Down)
    assert name.currentIndex() == chosen + 1
    _key(qtbot, Qt.Key.Key_Up)
    assert name.currentIndex() == chosen
    _key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.preview_page and duplicate_mnemonics(wizard) == {}
    _key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.dry_run_page and duplicate_mnemonics(wizard) == {}
    _key(qtbot, Qt.Key.Key_B, ALT)
    assert wizard.currentPage() is wizard.preview_page
    _key(qtbot, Qt.Key.Key_Return)
    _key(qtbot, Qt.Key.Key_I, ALT)  # 导入(&I)
    result = wizard.result_page
    assert wizard.currentPage() is result and wizard.result is not None and wizard.result.unassigned > 0
    assert duplicate_mnemonics(wizard) == {}
    assert fields_without_alt_key(wizard) == []
    _key(qtbot, Qt.Key.Key_T, ALT)
    assert QApplication.focusWidget() is result.region
    _key(qtbot, Qt.Key.Key_F, ALT)  # 完成(&F)
    assert not wizard.isVisible() and wizard.result.batch_id is not None
    assert asked == []


def test_the_assessment_s_later_pages_by_keys(qtbot, district: District, asked: list[str]) -> None:  # noqa: ANN001
    """核查方式(&M) and 转介部门(&E) showed an Alt key that did nothing: their row of check boxes took no
    focus, so the label gave it none (the first box was only its focus proxy). Alt and the letter now go to
    the first box, and Tab still goes straight from the date to it. 单亲家庭 had no Alt key (单亲家庭(&H)
    now). On the result page Enter in 变更理由 starts a new line and saves nothing; no page claims an Alt key
    twice."""
    policy.seed_default_policy(district.db)
    hid = add_household(district.db, district.regions["八泉社区"], [{"name": "刘建国", "born": date(1958, 4, 2)}],
                        incomes={"wages": "15000"})
    wizard = _open(qtbot, AssessmentWizard(AppContext(district.db, district.actor(Role.SUBDISTRICT_CASEWORKER)),
                                           household_id=hid))
    assert isinstance(wizard, AssessmentWizard)
    saved: list[int] = []
    wizard.saved.connect(lambda assessment_id, _hid: saved.append(assessment_id))
    _key(qtbot, Qt.Key.Key_N, ALT)
    assert wizard.currentPage() is wizard.members and duplicate_mnemonics(wizard) == {}
    single_parent = wizard.members.single_parent
    assert single_parent.text() not in fields_without_alt_key(wizard)
    _key(qtbot, Qt.Key.Key_Tab)  # on to the first member's fields, and back by the Alt key
    assert QApplication.focusWidget() is not single_parent
    _key(qtbot, Qt.Key.Key_H, ALT)  # a check box's own Alt key ticks it, as everywhere
    assert QApplication.focusWidget() is single_parent and single_parent.isChecked()
    _key(qtbot, Qt.Key.Key_H, ALT)
    assert not single_parent.isChecked()
    for _page in (wizard.incomes, wizard.expenses, wizard.verification):
        _key(qtbot, Qt.Key.Key_N, ALT)
        assert duplicate_mnemonics(wizard) == {}
    verification = wizard.verification
    assert wizard.currentPage() is verification
    first_method = next(iter(verification.methods.values()))
    assert QApplication.focusWidget() is verification.date
    for _section in range(4):  # Tab goes through the date's year, month and day, then on to the first method
        if QApplication.focusWidget() is not verification.date:
            break
        _key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is first_method
    _key(qtbot, Qt.Key.Key_V, ALT)
    _key(qtbot, Qt.Key.Key_M, ALT)  # 核查方式(&M): the first method, not ticked by it
    assert QApplication.focusWidget() is first_method and not first_method.isChecked()
    _key(qtbot, Qt.Key.Key_Space)
    _key(qtbot, Qt.Key.Key_V, ALT)  # 调查人(&V)
    qtbot.keyClicks(QApplication.focusWidget(), "wang,li")
    assert verification.isComplete()
    _key(qtbot, Qt.Key.Key_Return)  # Next, as on every page before the last
    result = wizard.result
    assert wizard.currentPage() is result and duplicate_mnemonics(wizard) == {}
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    result.placement.setCurrentIndex((result.placement.currentIndex() + 1) % result.placement.count())
    _key(qtbot, Qt.Key.Key_R, ALT)  # 变更理由(&R)
    assert QApplication.focusWidget() is result.reason
    qtbot.keyClicks(result.reason, "visit")
    _key(qtbot, Qt.Key.Key_E, ALT)  # 转介部门(&E): the first department, not ticked by it
    first_department = next(iter(result.refer.values()))
    assert QApplication.focusWidget() is first_department
    _key(qtbot, Qt.Key.Key_R, ALT)
    _key(qtbot, Qt.Key.Key_Return)
    assert wizard.isVisible() and saved == [] and result.reason.toPlainText() == "visit\n"


def test_the_household_label_of_an_acceptance_leads_to_its_search_box(
        qtbot, district: District, asked: list[str]) -> None:  # noqa: ANN001
    """家庭(&E) in 受理申请 showed an Alt key that did nothing (the search box and its list took no focus as
    one): from 备注 the household could be reached only by Tab back through the form."""
    dialog = _open(qtbot, forms.AcceptDialog(AppContext(district.db, district.admin)))
    assert isinstance(dialog, forms.AcceptDialog)
    _key(qtbot, Qt.Key.Key_N, ALT)  # 备注(&N)
    assert QApplication.focusWidget() is dialog.inputs.note
    _key(qtbot, Qt.Key.Key_E, ALT)
    assert QApplication.focusWidget() is dialog.inputs.household.search
    assert asked == []


def _dialogs(district: District) -> dict[str, tuple[Callable[[], QWidget], Callable[[QWidget], QWidget]]]:
    """Each dialog, and the field the focus should be in when it opens."""
    ctx = AppContext(district.db, district.admin)
    app_id = svc.accept(district.db, district.admin, category="dibao",
                        household_id=make_household(district.db, district.regions["八泉社区"]),
                        accepted_on=date.today() - timedelta(days=3))
    detail = svc.get_detail(district.db, district.admin, app_id)
    region_rows = regions.list_regions(district.db, district.admin)
    other = next(u for u in auth.list_users(district.db, district.admin) if u.username != district.admin.username)
    return {
        "accept": (lambda: forms.AcceptDialog(ctx), lambda d: d.inputs.household.search),
        "check": (lambda: forms.StepDialog(ctx, detail, "check"), lambda d: d.on),
        "investigation": (lambda: forms.StepDialog(ctx, detail, "investigation"), lambda d: d.on),
        "decision": (lambda: forms.DecisionDialog(ctx, detail), lambda d: d.approve),
        "stop": (lambda: forms.StopAssistanceDialog(ctx, detail), lambda d: d.on),
        "withdraw": (lambda: forms.ReasonDialog("撤回申请", "撤回原因(&R):", with_date=True, with_stage=True),
                     lambda d: d.on),
        "add user": (lambda: UserDialog(ctx), lambda d: d.username),
        "edit user": (lambda: UserDialog(ctx, user=other), lambda d: d.display_name),
        "add region": (lambda: AddRegionDialog(ctx, region_rows[0]), lambda d: d.name),
        "rename region": (lambda: RenameRegionDialog(ctx, region_rows[1]), lambda d: d.name),
        "policy": (lambda: SetValuesDialog(ctx), lambda d: d.effective),
    }


def test_dialogs_open_in_their_first_field_and_esc_asks_only_after_typing(
        qtbot, district: District, asked: list[str]) -> None:  # noqa: ANN001
    """Editing a user opened in 用户名, which cannot be changed: what was typed went nowhere. It opens in
    姓名 now. Every procedure and settings dialog opens in its first field, claims no Alt key twice, and Esc
    closes it at once when nothing was typed, after a question when something was."""
    for name, (make, first) in _dialogs(district).items():
        dialog = _open(qtbot, make())
        assert QApplication.focusWidget() is first(dialog), name
        assert duplicate_mnemonics(dialog) == {}, name
        _key(qtbot, Qt.Key.Key_Escape)
        assert not dialog.isVisible() and asked == [], name

    for name, (make, first) in _dialogs(district).items():
        if name in ("check", "investigation", "decision", "stop", "withdraw", "policy"):
            continue  # they open in a date or a choice: typing is shown above with a text field
        dialog = _open(qtbot, make())
        _key(qtbot, Qt.Key.Key_End)
        qtbot.keyClicks(QApplication.focusWidget(), "x")
        assert "x" in first(dialog).text(), name
        _key(qtbot, Qt.Key.Key_Escape)
        assert len(asked) == 1 and dialog.isVisible(), name  # asked; the answer was not Yes: the typing stays
        asked.clear()
        _key(qtbot, Qt.Key.Key_Backspace)  # as it was: Esc closes without a question
        _key(qtbot, Qt.Key.Key_Escape)
        assert not dialog.isVisible() and asked == [], name
