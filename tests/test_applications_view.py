"""The Applications area through the window (pytest-qt): a full regular and a full commitment
application, the 2026→2027 warning, the front desk, documents and the calendar tab."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton, QWidget
from python_calamine import CalamineWorkbook

from desktop import config
from desktop.rules.codes import Role
from desktop.services import applications as svc
from desktop.services.errors import ServiceError
from desktop.views import application_detail as detail_mod
from desktop.views import application_forms as forms
from desktop.views.application_detail import ApplicationDetailDialog
from desktop.views.applications import ApplicationsPage, ApplicationsTableModel
from desktop.views.calendar_settings import CalendarSettingsTab
from desktop.views.context import AppContext
from desktop.views.main_window import MainWindow
from desktop.views.operations import wait_for_background
from desktop.views.table_model import ColumnChooser
from tests.columns import menu_actions, shown_columns
from tests.discard import Case, check_discard_question
from tests.district import District
from tests.test_applications import _commitment_approved, make_household, run_regular
from tests.test_cut_lists import AS_OF, three_checks


class ModalScript:
    """Answers modal dialogs in order: each step is (dialog class, action(dialog))."""

    def __init__(self, steps: list[tuple[type, Callable]]) -> None:
        self.steps = list(steps)
        self.handled: list[QWidget] = []  # kept alive so a new dialog never reuses an old one's id
        self.timer = QTimer()
        self.timer.timeout.connect(self.tick)
        self.timer.start(20)

    def tick(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not self.steps or any(w is widget for w in self.handled):
            return
        cls, action = self.steps[0]
        if isinstance(widget, cls):
            self.steps.pop(0)
            self.handled.append(widget)
            QTimer.singleShot(0, lambda: self._run(action, widget))

    @staticmethod
    def _run(action: Callable, widget: QWidget) -> None:
        """A step that fails (an assertion, a service error) ends its dialog: the test fails, instead of
        waiting for ever on a dialog nobody answers."""
        try:
            action(widget)
        except BaseException:
            if widget.isVisible():
                QDialog.done(widget, 0) if isinstance(widget, QDialog) else widget.close()
            raise

    def done(self) -> bool:
        return not self.steps


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Service errors the views show; confirmations answered Yes."""
    shown: list[str] = []

    def fake_show_error(_parent: QWidget | None, exc: BaseException) -> None:
        shown.append(exc.message if isinstance(exc, ServiceError) else repr(exc))

    for module in (forms, detail_mod):
        monkeypatch.setattr(module, "show_error", fake_show_error)
    import desktop.views.applications as page_mod
    import desktop.views.calendar_settings as calendar_mod

    monkeypatch.setattr(page_mod, "show_error", fake_show_error)
    monkeypatch.setattr(calendar_mod, "show_error", fake_show_error)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    return shown


def set_date(edit, value: date) -> None:  # noqa: ANN001
    edit.setDate(QDate(value))


def click_action(qtbot, dialog: ApplicationDetailDialog, key: str, script: ModalScript) -> None:  # noqa: ANN001
    assert key in dialog.action_buttons, f"no button {key}: {list(dialog.action_buttons)}"
    dialog.action_buttons[key].click()
    qtbot.waitUntil(lambda: len(script.steps) == 0 or QApplication.activeModalWidget() is None, timeout=5000)


def test_full_regular_application_through_the_window(qtbot, sqlite_district: District, errors: list[str]) -> None:
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    hid = make_household(d.db, d.regions["八泉社区"], "张三", 3)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    accepted = date.today() - timedelta(days=60)

    def fill_accept(dialog: forms.AcceptDialog) -> None:
        assert dialog.inputs.household.household_id() == hid  # prefilled by the request
        set_date(dialog.inputs.accepted_on, accepted)
        dialog.accept()

    script = ModalScript([(forms.AcceptDialog, fill_accept), (ApplicationDetailDialog, lambda w: w.reject())])
    ctx.nav.applyForHousehold.emit(hid)  # another page asks; the main window opens our page
    qtbot.waitUntil(script.done, timeout=5000)
    assert errors == []
    page = window.page("applications")
    assert isinstance(page, ApplicationsPage)
    app_id = svc.application_ids_for_household(d.db, d.admin, hid)[0]
    wait_for_background()
    assert [r.id for r in page.model.rows] == [app_id]

    dialog = ApplicationDetailDialog(ctx, app_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert list(dialog.action_buttons) == ["check", "extend", "withdraw"]

    def step(on: date, fill: Callable | None = None) -> Callable:
        def run(w: forms.StepDialog) -> None:
            set_date(w.on, on)
            if fill:
                fill(w)
            w.accept()
        return run

    def investigators(w: forms.StepDialog) -> None:
        w.investigators[0].setText("李四")
        w.investigators[1].setText("王五")

    def publicity(w: forms.StepDialog) -> None:
        set_date(w.publicity_start, accepted + timedelta(days=5))

    def decide(w: forms.DecisionDialog) -> None:
        set_date(w.on, accepted + timedelta(days=14))
        w.amount.setText("650")
        w.accept()

    script = ModalScript([(forms.StepDialog, step(accepted + timedelta(days=1))),
                          (forms.StepDialog, step(accepted + timedelta(days=4), investigators)),
                          (forms.StepDialog, step(accepted + timedelta(days=12), publicity)),
                          (forms.DecisionDialog, decide)])
    for key in ("check", "investigation", "publicity", "decision"):
        click_action(qtbot, dialog, key, script)
        assert errors == [], errors
    assert script.done()
    detail = dialog.detail
    assert detail is not None and detail.row.status == "approved" and detail.row.step == "done"
    assert [s.step for s in detail.steps] == ["accepted", "check", "investigation", "publicity", "decision"]
    assert dialog.timeline.topLevelItemCount() == 5
    assert "notice" in dialog.action_buttons and "stop" in dialog.action_buttons
    pdf = dialog.print_notice(str(Path(d.db.url.database).parent / "notice.pdf"))
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    # logged once written, with the file (a save cancelled was logged as a print, without one)
    from sqlalchemy import select

    from desktop.models import AuditEntry
    with d.db.session_factory() as s:
        printed = s.scalars(select(AuditEntry).where(AuditEntry.action == "notice.print")).all()
    assert [e.detail for e in printed] == [f"打印社会救助审批通知书(申请编号 {dialog.application_id}):{pdf}"]


def test_skipping_a_step_in_the_window_shows_the_rule(qtbot, sqlite_district: District, errors: list[str]) -> None:
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    app_id = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"]), category="dibao",
                        accepted_on=date.today() - timedelta(days=3))
    detail = svc.get_detail(d.db, d.admin, app_id)
    dialog = forms.StepDialog(ctx, detail, "investigation")
    qtbot.addWidget(dialog)
    dialog.investigators[0].setText("甲")
    dialog.investigators[1].setText("乙")
    dialog.accept()
    assert len(errors) == 1 and "须先完成“授权核对”" in errors[0] and "最低生活保障审核确认办法" in errors[0]
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_full_commitment_application_through_the_window(qtbot, qtmodeltester, sqlite_district: District,
                                                        errors: list[str], tmp_path: Path) -> None:
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    make_household(d.db, d.regions["飞云社区"], "赵敏", 4)
    page = ApplicationsPage(ctx)
    qtbot.addWidget(page)
    wait_for_background()
    accepted = date.today() - timedelta(days=40)
    scan = tmp_path / "承诺书.png"
    scan.write_bytes(b"\x89PNG scan")

    def fill_accept(dialog: forms.AcceptDialog) -> None:
        inputs = dialog.inputs
        inputs.household.search.setText("赵敏")
        inputs.household.find()
        inputs.track.setCurrentIndex(inputs.track.findData("commitment"))
        assert inputs.commitment_box.isVisibleTo(dialog)
        set_date(inputs.accepted_on, accepted)
        inputs.signer.setText("赵敏")
        set_date(inputs.signed_on, accepted)
        inputs.file_path = str(scan)
        dialog.accept()

    script = ModalScript([(forms.AcceptDialog, fill_accept), (ApplicationDetailDialog, lambda w: w.reject())])
    app_id = page.new_application()
    assert script.done() and errors == [] and app_id is not None
    dialog = ApplicationDetailDialog(ctx, app_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "extend" not in dialog.action_buttons  # 10 working days, no extension
    assert dialog.detail is not None and dialog.detail.commitment is not None and dialog.detail.commitment.has_file

    def step(on: date, fill: Callable | None = None) -> Callable:
        def run(w: forms.StepDialog) -> None:
            set_date(w.on, on)
            if fill:
                fill(w)
            w.accept()
        return run

    def investigation(w: forms.StepDialog) -> None:
        w.investigators[0].setText("刘一")
        w.investigators[1].setText("陈二")
        w.objection.setChecked(True)  # objection, but no democratic appraisal on this track

    def decide(w: forms.DecisionDialog) -> None:
        set_date(w.on, accepted + timedelta(days=10))
        w.amount.setText("820.50")
        w.accept()

    script = ModalScript([(forms.StepDialog, step(accepted + timedelta(days=1))),
                          (forms.StepDialog, step(accepted + timedelta(days=2), investigation)),
                          (forms.StepDialog, step(accepted + timedelta(days=9),
                                                  lambda w: set_date(w.publicity_start, accepted + timedelta(days=2)))),
                          (forms.DecisionDialog, decide)])
    for key in ("check", "investigation", "publicity", "decision"):
        click_action(qtbot, dialog, key, script)
        assert errors == [], errors
    detail = dialog.detail
    assert detail is not None and detail.row.status == "approved"
    assert "appraisal" not in [s.step for s in detail.steps]
    assert {p.kind for p in detail.post_checks} == {"centralised", "periodic"}
    assert dialog.post_checks.topLevelItemCount() == 2
    # the post-check queue on the page, a spot-check draw and a failed check
    page.refresh()
    wait_for_background()
    assert {c.kind for c in page.checks_model.rows} == {"centralised", "periodic"}
    qtmodeltester.check(page.checks_model)

    def draw(w: forms.SpotCheckDialog) -> None:
        w.by_count.setChecked(True)
        w.count.setValue(1)
        w.seed.setText("12345")
        w.accept()

    script = ModalScript([(forms.SpotCheckDialog, draw)])
    page.draw_sample()
    assert script.done() and page.last_sample is not None and page.last_sample.seed == 12345
    assert "12345" in page.sample_label.text()

    other = _commitment_approved(d, "钱进")  # the first family is under check: not drawn again

    def drawn_meanwhile(w: forms.SpotCheckDialog) -> None:
        # another reviewer draws while this dialog is open: this draw is refused, not a second sample
        assert [r.application_id for r in svc.draw_spot_check(d.db, d.admin, on=date.today(), count=1,
                                                               seed=7).rows] == [other]
        w.by_count.setChecked(True)
        w.count.setValue(1)
        w.accept()
        assert w.sample is None and w.isVisible()
        w.reject()

    script = ModalScript([(forms.SpotCheckDialog, drawn_meanwhile)])
    page.draw_sample()
    assert script.done() and len(errors) == 1 and "本次没有抽取" in errors[0], errors
    assert page.last_sample is not None and page.last_sample.seed == 12345
    errors.clear()
    target = tmp_path / "sample.xlsx"
    page.export_sample(str(target))
    wait_for_background()
    title = openpyxl.load_workbook(target).active["A1"].value
    assert "随机种子 12345" in title
    wait_for_background()
    spot_row = next(i for i, c in enumerate(page.checks_model.rows) if c.kind == "spot" and c.application_id == app_id)
    page.checks_table.selectRow(spot_row)

    def fail(w: forms.PostCheckDialog) -> None:
        w.failed.setChecked(True)
        w.note.setPlainText("抽查发现隐瞒收入")
        w.accept()

    script = ModalScript([(forms.PostCheckDialog, fail)])
    page.record_post_check()
    assert script.done() and errors == []
    detail = svc.get_detail(d.db, d.admin, app_id)
    assert detail.row.status == "revoked" and len(detail.revocations) == 1


def test_failed_yearly_review_of_a_regular_approval_stops_the_assistance(qtbot, sqlite_district: District,
                                                                         errors: list[str]) -> None:
    """The review dialog of a regular-track approval offers stopping (library, gradual exit for 低保), not
    revocation and recovery; the decision dialog of 临时救助 asks for a one-off amount."""
    from tests.test_applications import approved_dibao, household

    d = sqlite_district
    hid, app_id = approved_dibao(d, "周九")
    check = next(c for c in svc.get_detail(d.db, d.admin, app_id).post_checks if c.kind == "periodic")
    dialog = forms.PostCheckDialog(AppContext(d.db, d.admin), check)
    qtbot.addWidget(dialog)
    assert dialog.failed.text() == dialog.tr("&Not passed: no longer eligible, stop assistance")
    assert dialog.amount.parent() is None  # nothing to recover: the family was entitled until now
    assert not dialog.stage.isEnabled() and not dialog.gradual.isEnabled()
    dialog.failed.setChecked(True)
    assert dialog.stage.isEnabled() and dialog.gradual.isEnabled()
    dialog.stage.setCurrentIndex(dialog.stage.findData("class_2"))
    dialog.note.setPlainText("家庭人均收入已超过低保标准")
    dialog.accept()  # confirmed Yes by the fixture
    assert errors == [] and dialog.revocation_id is None
    detail = svc.get_detail(d.db, d.admin, app_id)
    assert detail.stopped_on == date.today() and detail.revocations == ()
    assert household(d.db, hid).stage == "class_2"
    temporary = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["闸口社区"]), category="temporary",
                           temporary_kind="emergency", accepted_on=date(2026, 5, 6))
    decide = forms.DecisionDialog(AppContext(d.db, d.admin), svc.get_detail(d.db, d.admin, temporary))
    qtbot.addWidget(decide)
    labels = [decide.layout().labelForField(w).text() for w in (decide.amount, decide.start_label)]
    assert labels == [decide.tr("One-off a&mount (yuan):"), decide.tr("Paid in:")]
    assert not decide.irregular.isVisibleTo(decide)


def test_decision_dialog_approves_a_change_of_category_after_saying_what_stops(
        qtbot, sqlite_district: District, errors: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_applications import approved_dibao, household, regular_steps

    d = sqlite_district
    hid, dibao = approved_dibao(d, "韩三")
    tekun = svc.accept(d.db, d.admin, household_id=hid, category="tekun", accepted_on=date(2026, 6, 1))
    regular_steps(d, tekun, date(2026, 6, 1))
    asked: list[str] = []

    def question(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = forms.DecisionDialog(AppContext(d.db, d.admin), svc.get_detail(d.db, d.admin, tekun))
    qtbot.addWidget(dialog)
    set_date(dialog.on, date(2026, 6, 16))
    assert dialog.replaces.isVisibleTo(dialog)
    assert f"低保(申请编号 {dibao},2026-03-10 批准)" in dialog.replaces.text()
    assert "2026-07" in dialog.replaces.text()
    dialog.amount.setText("900")
    dialog.accept()  # answered No: nothing decided
    assert svc.get_detail(d.db, d.admin, tekun).row.status == "open" and errors == []
    dialog.accept()
    assert errors == [] and len(asked) == 2 and dialog.result() == QDialog.DialogCode.Accepted
    assert svc.get_detail(d.db, d.admin, dibao).stopped_on == date(2026, 6, 30)
    assert household(d.db, hid).category == "tekun"
    # an application with nothing running says nothing of it
    plain = forms.DecisionDialog(AppContext(d.db, d.admin), svc.get_detail(d.db, d.admin, dibao))
    qtbot.addWidget(plain)
    assert not plain.replaces.isVisibleTo(plain)


def test_2027_warning_shows_in_the_list_and_detail(qtbot, qtmodeltester, sqlite_district: District,  # noqa: ANN001
                                                   errors: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    app_id = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["闸口社区"], "王强"),
                        category="tekun", accepted_on=date(2026, 12, 20), today=date(2026, 12, 21))
    page = ApplicationsPage(ctx)
    qtbot.addWidget(page)
    page.as_of = date(2026, 12, 21)
    page.refresh()
    wait_for_background()
    page.show()
    assert page.banner.isVisible() and "2027年的法定节假日安排尚未录入" in page.banner.text()
    qtmodeltester.check(page.model)
    index = page.model.index(0, 9)
    assert page.model.data(index).endswith("*")
    assert "2027" in page.model.data(index, 3)  # tooltip
    dialog = ApplicationDetailDialog(ctx, app_id)
    qtbot.addWidget(dialog)
    assert "2027" in dialog.warning.text()
    # the administrator enters 2027 in the settings tab: the warning goes everywhere
    tab = CalendarSettingsTab(ctx)
    qtbot.addWidget(tab)
    tab.year.setValue(2027)
    tab.days_off.setPlainText("2027-01-01\n2027-02-06..2027-02-14")
    tab.workdays.setPlainText("2027-02-20")
    assert tab.save() and wait_for_background() and errors == []
    wait_for_background()
    assert not page.banner.isVisible() and not page.model.rows[0].warning
    qtmodeltester.check(tab.model)
    tab.days_off.setPlainText("2027-01-01\n2027-02-30")
    assert not tab.save() and "第 2 行“2027-02-30”不存在" in errors[-1]
    # a library year saved without some of its published days: said after saving (found in the cal8 pass)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text))
    tab.year.setValue(2026)
    tab.days_off.setPlainText("2026-10-01..2026-10-08")
    tab.workdays.setPlainText("")
    assert tab.save() and wait_for_background()
    assert len(warned) == 1 and "2026-02-16" in warned[0] and "调休上班 2026-01-04" in warned[0]


def test_front_desk_tab_accepts_and_refers(qtbot, sqlite_district: District, errors: list[str]) -> None:
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    hid = make_household(d.db, d.regions["八泉社区"], "周芳", 3)
    page = ApplicationsPage(ctx)
    qtbot.addWidget(page)
    form = page.front_desk
    form.inputs.household.set_household(hid)
    form.inputs.category.setCurrentIndex(form.inputs.category.findData("temporary"))
    form.inputs.temporary_kind.setCurrentIndex(form.inputs.temporary_kind.findData("emergency"))
    check, need = form.departments["medical_insurance"]
    check.setChecked(True)
    need.setText("住院费用医疗救助")
    form.departments["education"][0].setChecked(True)
    assert not form.save() and "转介教育未填写需要该部门解决的问题" in errors[0]  # a letter asking nothing
    assert svc.application_ids_for_household(d.db, d.admin, hid) == []
    errors.clear()
    form.departments["education"][1].setText("子女学费减免")
    assert form.save() and errors == []
    assert form.result is not None and len(form.result.referral_ids) == 2
    detail = svc.get_detail(d.db, d.admin, form.result.application_id)
    assert detail.row.category_label == "临时救助(急难型)"
    assert sorted(r.department_label for r in detail.referrals) == sorted(["医保", "教育"])
    dialog = ApplicationDetailDialog(ctx, form.result.application_id)
    qtbot.addWidget(dialog)
    assert dialog.referrals.topLevelItemCount() == 2
    assert "decision" in dialog.action_buttons  # emergency: help first


def test_front_desk_fields_each_have_an_alt_key(qtbot, qapp, sqlite_district: District) -> None:  # noqa: ANN001
    """一门受理's list of departments, the households a search matched and the commitment's signer, date
    and text had no Alt key: a keyboard user tabbed through the whole form to reach them."""
    from PySide6.QtTest import QTest

    from desktop import i18n
    from tests.mnemonics import duplicate_mnemonics, fields_without_alt_key

    d = sqlite_district
    hid = make_household(d.db, d.regions["八泉社区"], "周芳", 3)
    i18n.install(qapp, "zh_CN")
    try:
        page = ApplicationsPage(AppContext(d.db, d.admin))
        qtbot.addWidget(page)
        page.tabs.setCurrentWidget(page.tabs.widget(2))
        page.show()
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)  # the Alt keys go to the active window
        form = page.front_desk
        form.inputs.household.set_household(hid)
        for track in ("regular", "commitment"):  # the commitment's fields are shown on its track only
            form.inputs.track.setCurrentIndex(form.inputs.track.findData(track))
            assert fields_without_alt_key(form) == [] and duplicate_mnemonics(page) == {}, track
        first = next(iter(form.departments.values()))[0]
        for key, field in ((Qt.Key.Key_D, first), (Qt.Key.Key_M, form.inputs.household.combo),
                           (Qt.Key.Key_B, form.inputs.signer), (Qt.Key.Key_O, form.inputs.signed_on),
                           (Qt.Key.Key_X, form.inputs.commitment_text)):
            QTest.keyClick(page, key, Qt.KeyboardModifier.AltModifier)
            assert field.hasFocus() or field.isAncestorOf(QApplication.focusWidget()), key
    finally:
        i18n.install(qapp, "en")


def test_publicity_documents(qtbot, sqlite_district: District, errors: list[str], tmp_path: Path) -> None:
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    hid = make_household(d.db, d.regions["八泉社区"], "张三", 3)
    on = date.today() - timedelta(days=1)
    app_id = svc.accept(d.db, d.admin, household_id=hid, category="temporary", temporary_kind="emergency",
                        accepted_on=on)
    svc.decide(d.db, d.admin, app_id, approve=True, on=on, amount="1200")
    page = ApplicationsPage(ctx)
    qtbot.addWidget(page)
    xlsx = tmp_path / "公示.xlsx"
    page.export_publicity("xlsx", str(xlsx), (on, on))
    wait_for_background()
    rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    assert rows[1] == ("序号", "姓名", "家庭人口", "一次性救助金额(元)") and rows[2] == (1, "张三", 3, 1200)
    pdf = tmp_path / "公示.pdf"
    page.export_publicity("pdf", str(pdf), (on, on))
    assert wait_for_background()
    assert pdf.read_bytes().startswith(b"%PDF") and errors == []


def test_the_list_is_exported_under_the_filters_shown(qtbot, sqlite_district: District, errors: list[str],  # noqa: ANN001
                                                     tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    d = sqlite_district
    for name in ("张一", "张二"):
        svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"], name, 2), category="dibao",
                   accepted_on=date.today())
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    wait_for_background()
    page.name.setText("张二")
    page.refresh()
    wait_for_background()
    assert page.model.rowCount() == 1
    path = tmp_path / "list.xlsx"
    assert page.export_list(str(path)) is not None
    assert wait_for_background()
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("申请").to_python()
    assert [r[1] for r in rows[2:]] == ["张二"] and errors == [] and page.list_export_button.isEnabled()


def test_a_list_cut_at_its_limit_says_so(qtbot, sqlite_district: District, errors: list[str],  # noqa: ANN001
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """At 5,000 rows the list stops; the count read "5000 application(s)" as if that were all."""
    d = sqlite_district
    for name in ("甲", "乙", "丙"):
        svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"], name, 1), category="dibao",
                   accepted_on=date.today())
    monkeypatch.setattr(svc, "LIST_LIMIT", 2)
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    wait_for_background()
    assert page.model.rowCount() == 2
    assert page.count_label.text() == page.tr("the first {n} of {total} application(s) only ({overdue} overdue among "
                                              "them): narrow the filters, or export the list for all").format(
        n="2", total="3", overdue=0)
    assert "3" in page.count_label.text()


def test_monthly_payments_dialog_shows_due_and_records(qtbot, sqlite_district: District, errors: list[str],
                                                       tmp_path: Path) -> None:
    from tests.test_applications import run_regular

    d = sqlite_district
    for region in ("八泉社区", "闸口社区"):  # 低保 650 a month from April, April–June written on approval
        run_regular(d, make_household(d.db, d.regions[region]))
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    page.as_of = date(2026, 7, 15)
    page.refresh()
    assert wait_for_background()
    assert not page.monthly_due.isHidden() and "2" in page.monthly_due.text()  # July still to record
    dialog = forms.MonthlyAssistanceDialog(AppContext(d.db, d.admin), today=date(2026, 7, 15))
    qtbot.addWidget(dialog)
    # the month cannot go past this month
    set_date(dialog.month, date(2026, 9, 1))
    assert dialog.selected_month() == date(2026, 7, 1)
    set_date(dialog.month, date(2026, 6, 3))
    assert (dialog.state.due, dialog.state.recorded) == (0, 2) and not dialog.record_button.isEnabled()
    set_date(dialog.month, date(2026, 7, 3))
    assert (dialog.state.due, dialog.state.due_amount) == (2, Decimal("1300.00"))
    assert "1,300.00" in dialog.summary.text() and "2" in dialog.record_button.text()
    assert dialog.record_button.isEnabled()
    dialog.record_button.click()  # confirmed Yes by the fixture
    assert wait_for_background()
    assert errors == [] and dialog.recorded == 2
    assert (dialog.state.recorded, dialog.state.recorded_amount, dialog.state.due) == (2, Decimal("1300.00"), 0)
    assert not dialog.record_button.isEnabled()
    # the month's payment roster for the finance office, with a total line
    assert dialog.roster_button.isEnabled()
    roster = tmp_path / "roster.xlsx"
    dialog.export_roster(str(roster))
    assert wait_for_background() and errors == []
    assert "1,300.00" in dialog.summary.text() and str(roster) in dialog.summary.text()
    rows = openpyxl.load_workbook(roster).active.values
    rows = [list(r) for r in rows]
    assert rows[0][0] == "2026年07月社会救助资金发放花名册" and rows[1][:3] == ["序号", "街道(镇)", "社区(村)"]
    assert sorted((r[1], r[2], r[8]) for r in rows[2:4]) == [("八泉街道", "八泉社区", 650), ("河口镇", "闸口社区", 650)]
    assert rows[4][0] == "合计" and rows[4][8] == 1300 and rows[4][7] == 6  # two families of three
    # a caseworker sees the month of the sub-district but cannot record it
    caseworker = forms.MonthlyAssistanceDialog(AppContext(d.db, d.actor("subdistrict_caseworker")),
                                               today=date(2026, 8, 15))
    qtbot.addWidget(caseworker)
    assert caseworker.state.due == 1 and not caseworker.record_button.isEnabled()
    assert not caseworker.roster_button.isEnabled()  # nothing recorded for August yet
    worker = forms.MonthlyAssistanceDialog(AppContext(d.db, d.actor("community_worker")), today=date(2026, 7, 15))
    qtbot.addWidget(worker)
    assert not worker.roster_button.isEnabled()  # names, ID numbers and amounts: not a community's screen


def test_monthly_payments_dialog_records_only_what_was_confirmed(qtbot, sqlite_district: District,
                                                                 errors: list[str]) -> None:
    """The month recorded on another workstation while the dialog was open: the confirmation asked for
    2 households, 1,300.00 yuan, and the dialog then said nothing; now the refusal says what changed and
    the dialog shows the month as it is."""
    d = sqlite_district
    for region in ("八泉社区", "闸口社区"):  # 低保 650 a month from April, April–June written on approval
        run_regular(d, make_household(d.db, d.regions[region]))
    dialog = forms.MonthlyAssistanceDialog(AppContext(d.db, d.admin), today=date(2026, 7, 15))
    qtbot.addWidget(dialog)
    assert (dialog.state.due, dialog.state.due_amount) == (2, Decimal("1300.00"))
    svc.record_monthly_assistance(d.db, d.admin, date(2026, 7, 1), today=date(2026, 7, 15))  # the other one
    dialog.record_button.click()
    assert wait_for_background()
    assert len(errors) == 1 and "确认时是 2 户,合计 1,300.00 元,现在是 0 户" in errors[0]
    assert dialog.recorded == 0 and (dialog.state.recorded, dialog.state.due) == (2, 0)
    assert not dialog.record_button.isEnabled()


def test_stop_dialog_offers_the_gradual_exit_for_dibao(qtbot, sqlite_district: District, errors: list[str]) -> None:
    from desktop.rules.procedure import gradual_exit_end
    from tests.test_applications import approved_dibao, set_gradual_exit_months

    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    _hid, app_id = approved_dibao(d, "周九")
    set_gradual_exit_months(d, 6)
    today = date.today()
    last_day = gradual_exit_end(today, 6)
    dialog = ApplicationDetailDialog(ctx, app_id)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: dict[str, str] = {}

    def fill_stop(w: forms.StopAssistanceDialog) -> None:
        assert w.gradual.isEnabled() and not w.gradual.isChecked() and w.plan_label.text() == ""
        w.gradual.setChecked(True)
        seen["plan"] = w.plan_label.text()
        w.stage.setCurrentIndex(1)  # 二类库
        w.reason.setPlainText("户主就业,月收入超过低保标准")
        w.accept()

    script = ModalScript([(forms.StopAssistanceDialog, fill_stop)])
    click_action(qtbot, dialog, "stop", script)
    assert script.done() and errors == [], errors
    assert "6 " in seen["plan"] and f"{last_day:%Y-%m-%d}" in seen["plan"]
    detail = svc.get_detail(d.db, d.admin, app_id)
    assert detail.stopped_on == last_day and detail.exit_stage == "class_2" and detail.gradual_exit_from == today
    assert f"就业渐退至 {last_day:%Y-%m-%d}" in dialog.header.text()

    def check_running_exit(w: forms.StopAssistanceDialog) -> None:  # stopping again ends the exit early
        seen["again"] = w.plan_label.text()
        assert not w.gradual.isEnabled()
        w.reject()

    script = ModalScript([(forms.StopAssistanceDialog, check_running_exit)])
    click_action(qtbot, dialog, "stop", script)
    assert script.done() and f"{last_day:%Y-%m-%d}" in seen["again"]


def test_enter_in_the_household_search_finds_and_does_not_accept(qtbot, sqlite_district: District,
                                                                  errors: list[str]) -> None:
    """A clerk types a name and presses Enter to search: the matches are listed, and nothing is
    accepted until they press Accept (Enter used to also press the dialog's default button and
    accept an application for whichever household matched first)."""
    d = sqlite_district
    make_household(d.db, d.regions["八泉社区"], "张三", 3)
    dialog = forms.AcceptDialog(AppContext(d.db, d.admin))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    search = dialog.inputs.household.search
    search.setFocus()
    search.setText("张三")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert dialog.inputs.household.combo.count() == 1  # found
    assert dialog.isVisible() and dialog.application_id is None and errors == []
    assert svc.application_ids_for_household(d.db, d.admin, dialog.inputs.household.household_id()) == []


def test_the_commitment_signer_defaults_to_the_head_of_household(qtbot, sqlite_district: District,
                                                                   errors: list[str]) -> None:
    """The applicant who signs is most often the head: the clerk typed the name the dialog already shows."""
    d = sqlite_district
    first = make_household(d.db, d.regions["八泉社区"], "韩六", 2)
    make_household(d.db, d.regions["八泉社区"], "韩七", 2)
    dialog = forms.AcceptDialog(AppContext(d.db, d.admin), household_id=first)
    qtbot.addWidget(dialog)
    inputs = dialog.inputs
    assert inputs.signer.text() == "韩六"
    inputs.household.search.setText("韩")
    inputs.household.find()
    inputs.household.combo.setCurrentIndex(inputs.household.combo.findText("韩七", Qt.MatchFlag.MatchStartsWith))
    assert inputs.signer.text() == "韩七"  # follows the household while nobody typed another name
    inputs.signer.setText("韩小六(户主之子)")
    inputs.household.combo.setCurrentIndex(0)
    assert inputs.signer.text() == "韩小六(户主之子)"  # a name typed is kept


def test_procedure_dialogs_ask_before_esc_throws_away_what_was_typed(qtbot, sqlite_district: District,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A reviewer halfway through a decision (an amount, the reasons) or a step (investigators, a
    note) who presses Esc used to lose it all without a word; now the form asks, and No keeps it.
    A form opened and closed untouched closes without a question."""
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    app_id = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"]), category="dibao",
                        accepted_on=date.today() - timedelta(days=3))
    detail = svc.get_detail(d.db, d.admin, app_id)
    cases: list[Case] = [
        (lambda: forms.StepDialog(ctx, detail, "investigation"), lambda w: w.investigators[0].setText("胡刚波")),
        (lambda: forms.StepDialog(ctx, detail, "check"), lambda w: w.failed.setChecked(True)),
        (lambda: forms.DecisionDialog(ctx, detail), lambda w: w.amount.setText("650")),
        (lambda: forms.DecisionDialog(ctx, detail), lambda w: (w.refuse.setChecked(True),
                                                              w.reason.setPlainText("收入超过标准"))),
        (lambda: forms.StopAssistanceDialog(ctx, detail), lambda w: w.reason.setPlainText("户主就业")),
        (lambda: forms.AcceptDialog(ctx), lambda w: w.inputs.note.setText("电话预约")),
        # a seed typed to repeat a draw (it makes the sample verifiable) was lost on Esc
        (lambda: forms.SpotCheckDialog(ctx), lambda w: w.seed.setText("20261130")),
        (lambda: forms.TraceBackDialog(ctx, detail, svc.RevocationInfo(1, 1, app_id, None, "x", Decimal(0),
                                                                        Decimal(0), "open", None)),
         lambda w: w.note.setPlainText("经办人员按规定核对")),
    ]
    check_discard_question(qtbot, monkeypatch, cases)
    assert svc.get_detail(d.db, d.admin, app_id).steps == detail.steps


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_procedure_forms_give_each_alt_key_to_one_field(qtbot, qapp, sqlite_district: District,  # noqa: ANN001
                                                        language: str) -> None:
    """批准(&A) and 月救助金额(&A), 不予批准(&R) and 不予批准理由(&R), 查找(&S) and 附加扫描件(&S) shared
    their Alt keys (Alt only moved between the two); the household label's Alt key led nowhere."""
    from desktop import i18n
    from tests.mnemonics import duplicate_mnemonics, fields_without_alt_key

    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    app_id = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"]), category="dibao",
                        accepted_on=date.today() - timedelta(days=3), track="commitment",
                        commitment=svc.CommitmentInput("申请人", date.today() - timedelta(days=3), "", None, None))
    detail = svc.get_detail(d.db, d.admin, app_id)
    i18n.install(qapp, language)
    try:
        accept = forms.AcceptDialog(ctx)
        accept.inputs.track.setCurrentIndex(accept.inputs.track.findData("commitment"))
        dialogs: list[QDialog] = [accept, forms.DecisionDialog(ctx, detail)]
        dialogs += [forms.StepDialog(ctx, detail, step) for step in ("check", "investigation", "publicity")]
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.show()
            assert duplicate_mnemonics(dialog) == {}, dialog.windowTitle()
        assert fields_without_alt_key(accept) == []  # the matching households, the commitment's signer…
    finally:
        i18n.install(qapp, "en")
    assert accept.inputs.household.focusProxy() is accept.inputs.household.search  # where "&Household:" sends Alt


def test_steps_only_the_county_records_are_not_offered_to_the_sub_district(qtbot, sqlite_district: District,
                                                                          errors: list[str]) -> None:
    """A sub-district caseworker's application showed 办理授权核对…, 作出决定…, 停止救助… and the
    post-check and recovery buttons as usable: the form opened, took the input and then refused it
    (only the district reviewer or an administrator may). They are disabled and say who does them."""
    d = sqlite_district
    caseworker = d.actor(Role.SUBDISTRICT_CASEWORKER)
    hid = make_household(d.db, d.regions["八泉社区"])
    app_id = svc.accept(d.db, caseworker, household_id=hid, category="dibao", accepted_on=date(2026, 2, 10))
    dialog = ApplicationDetailDialog(AppContext(d.db, caseworker), app_id)
    qtbot.addWidget(dialog)
    check = dialog.action_buttons["check"]
    assert not check.isEnabled() and "district reviewer" in check.toolTip()
    assert dialog.action_buttons["extend"].isEnabled()  # the sub-district may extend
    reviewer_dialog = ApplicationDetailDialog(AppContext(d.db, d.actor(Role.DISTRICT_REVIEWER)), app_id)
    qtbot.addWidget(reviewer_dialog)
    assert reviewer_dialog.action_buttons["check"].isEnabled()

    svc.complete_step(d.db, d.admin, app_id, "check", on=date(2026, 2, 12), result="passed")
    dialog.reload()
    assert dialog.action_buttons["investigation"].isEnabled()  # the sub-district's own step
    approved = run_regular(d, make_household(d.db, d.regions["八泉社区"], "李四"))
    dialog = ApplicationDetailDialog(AppContext(d.db, caseworker), approved)
    qtbot.addWidget(dialog)
    assert not dialog.action_buttons["stop"].isEnabled()
    assert dialog.action_buttons["notice"].isEnabled()
    buttons = {b.text(): b.isEnabled() for b in dialog.tabs.findChildren(QPushButton)}
    assert buttons == {"Record &result…": False, "Record department &outcome…": True, "&Trace back…": False,
                       "Record re&covery…": False}
    page = ApplicationsPage(AppContext(d.db, caseworker))
    qtbot.addWidget(page)
    assert not page.record_check_button.isEnabled() and not page.draw_button.isEnabled()
    assert errors == []


def test_refusal_reasons_in_the_application_header_are_in_chinese_and_shown_as_typed(
        qtbot, qapp, sqlite_district: District, errors: list[str]) -> None:  # noqa: ANN001
    """The header of a refused application read "Refusal reasons: …" in English (the label sat in an
    f-string, where lupdate does not look); a reason with < or & was read as markup."""
    from desktop import i18n

    d = sqlite_district
    hid = make_household(d.db, d.regions["八泉社区"])
    app_id = svc.accept(d.db, d.admin, household_id=hid, category="dibao", accepted_on=date(2026, 2, 10))
    svc.extend(d.db, d.admin, app_id, reason="需补充<b>病历</b>材料")
    svc.complete_step(d.db, d.admin, app_id, "check", on=date(2026, 2, 12), result="failed")
    svc.decide(d.db, d.admin, app_id, approve=False, on=date(2026, 2, 13), reason="名下有车辆 <2 辆> & 存款",
               today=date(2026, 2, 20))
    i18n.install(qapp, "zh_CN")
    try:
        dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), app_id)
        qtbot.addWidget(dialog)
        header = dialog.header.text()
    finally:
        i18n.install(qapp, "en")
    assert "Refusal" not in header and "Extension" not in header
    assert "不予批准理由:名下有车辆 &lt;2 辆&gt; &amp; 存款" in header.replace(": ", ":").replace(": ", ":")
    assert "延期理由:需补充&lt;b&gt;病历&lt;/b&gt;材料" in header.replace(": ", ":").replace(": ", ":")


def test_an_application_started_from_an_assessment_is_for_the_category_assessed(
        qtbot, sqlite_district: District, errors: list[str]) -> None:
    """Saving an assessment with 启动救助申请 (or a visit found eligible) opened the accept dialog on 低保
    whatever the assessment found, and the application did not keep the assessment it came from. The
    dialog now names the assessment, proposes its category and the application keeps the link."""
    from desktop.models import Application
    from desktop.rules import means_test as mt
    from desktop.services import assessment as asvc
    from desktop.services import policy
    from tests.test_assessment import _request, add_household

    d = sqlite_district
    policy.seed_default_policy(d.db)
    caseworker = d.actor(Role.SUBDISTRICT_CASEWORKER)
    hid = add_household(d.db, d.regions["八泉社区"], [{"name": "陆德立", "born": date(1986, 8, 4)},
                                                     {"name": "林莉媛", "born": date(1956, 8, 8)}],
                        incomes={"wages": "20000"}, stage="class_1")  # 20,000 × 95% / 12 / 2 = 791.67: 低保边缘
    inputs = asvc.load_household(d.db, caseworker, hid)
    saved = asvc.save_assessment(d.db, caseworker, _request(inputs, mt.APPLY, override_reason="单人保"))
    ctx = AppContext(d.db, caseworker)
    dialog = forms.AcceptDialog(ctx, None, hid)
    qtbot.addWidget(dialog)
    assert dialog.inputs.category.currentData() == "marginal"
    assert not dialog.basis_label.isHidden() and f"{saved.assessment_id}" in dialog.basis_label.text()
    assert "791.67" in dialog.basis_label.text()
    dialog.inputs.accepted_on.setDate(QDate(2026, 3, 2))
    dialog.accept()
    assert errors == [] and dialog.application_id is not None
    with d.db.session_factory() as s:
        app = s.get(Application, dialog.application_id)
        assert app.category == "marginal" and app.assessment_id == saved.assessment_id
    plain = forms.AcceptDialog(ctx)  # a new application with no household given: nothing assumed
    qtbot.addWidget(plain)
    assert plain.basis_label.isHidden() and plain.inputs.category.currentData() == "dibao"


def test_an_older_list_finishing_last_does_not_replace_the_filtered_one(
        qtbot, sqlite_district: District, errors: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Typing a name while the list was still loading (changing the status filter starts a load too):
    the earlier, unfiltered load finished after the filtered one and replaced it, so the list showed
    every application under a name filter (seen with 1,704 applications in the demo)."""
    import threading

    d = sqlite_district
    for name in ("张三", "李四"):
        svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"], name),
                   category="dibao", accepted_on=date(2026, 2, 10))
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    assert wait_for_background()
    release = threading.Event()
    real = svc.list_applications

    def slow_unfiltered(db, actor, **kw):  # noqa: ANN001, ANN003, ANN202
        if not kw.get("name"):
            release.wait(5)
        return real(db, actor, **kw)

    monkeypatch.setattr(svc, "list_applications", slow_unfiltered)
    page.refresh()  # the older load: no name
    page.name.setText("张三")
    page.refresh()
    qtbot.waitUntil(lambda: [r.head_name for r in page.model.rows] == ["张三"], timeout=5000)
    release.set()
    assert wait_for_background()
    assert [r.head_name for r in page.model.rows] == ["张三"]


def test_an_overdue_step_says_overdue_instead_of_a_negative_count(qtbot, qapp, sqlite_district: District,  # noqa: ANN001
                                                                  errors: list[str]) -> None:
    """The header said "剩余工作日:-11" and the next step's row "2026-11-13(-11)": a minus sign a clerk
    reads as a typing error. An overdue step now says how many working days it is overdue."""
    from desktop import i18n

    d = sqlite_district
    app_id = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"]), category="dibao",
                        accepted_on=date.today() - timedelta(days=30))
    i18n.install(qapp, "zh_CN")
    try:
        dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), app_id)
        qtbot.addWidget(dialog)
        header = dialog.header.text()
        next_row = dialog.timeline.topLevelItem(dialog.timeline.topLevelItemCount() - 1)
        left = -dialog.detail.row.working_days_left
    finally:
        i18n.install(qapp, "en")
    assert left > 0
    assert f"已逾期 {left} 个工作日" in header and "-" + str(left) not in header
    assert next_row.text(2).endswith(f"(已逾期 {left} 个工作日)")


def test_open_and_record_buttons_say_so_when_nothing_is_selected(qtbot, sqlite_district: District,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """打开…, 打开申请… and the 记录… buttons under the detail's lists did nothing at all without a row."""
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: told.append(text))
    d = sqlite_district
    app_id = run_regular(d, make_household(d.db, d.regions["八泉社区"]))
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    assert wait_for_background()
    page.table.setCurrentIndex(page.model.index(-1, 0))
    page.open_selected()
    page.open_post_check_application()
    dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), app_id)
    qtbot.addWidget(dialog)
    dialog.record_post_check()
    dialog.record_referral()
    from PySide6.QtCore import QCoreApplication

    row = QCoreApplication.translate("ApplicationDetailDialog", "Select a row in the list first.")
    assert told == [QCoreApplication.translate("ApplicationsPage", "Select an application in the list first."),
                    QCoreApplication.translate("ApplicationsPage", "Select a post-check first."), row, row]


def revoked_application(d: District) -> svc.ApplicationDetail:
    """A commitment-track 低保 of 钱进 approved on 2026-02-27, revoked when its centralised check failed."""
    from tests.test_applications import commitment_to_decision

    _hid, app_id = commitment_to_decision(d, "钱进", date(2026, 2, 10))
    svc.decide(d.db, d.admin, app_id, approve=True, on=date(2026, 2, 27), amount="500", today=date(2026, 3, 1))
    centralised = next(c for c in svc.get_detail(d.db, d.admin, app_id).post_checks if c.kind == "centralised")
    svc.record_post_check(d.db, d.admin, centralised.id, on=date(2026, 3, 20), passed=False, note="比对发现隐瞒车辆一台")
    return svc.get_detail(d.db, d.admin, app_id)


def test_recovery_asks_before_lowering_the_total_or_closing_with_money_owed(
        qtbot, sqlite_district: District, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """A lower "recovered so far" (a slip for the month's instalment: 100 typed over the 400 recorded) was
    saved without a word, and the case closed with money still owed likewise."""
    d = sqlite_district
    revocation = revoked_application(d).revocations[0]
    svc.record_recovery(d.db, d.admin, revocation.id, amount_recovered="400", on=date(2026, 4, 1),
                        today=date(2026, 4, 1))
    revocation = svc.get_detail(d.db, d.admin, revocation.application_id).revocations[0]
    asked: list[str] = []
    answers = [False, True, True]
    monkeypatch.setattr(forms, "asked_yes", lambda _p, _t, question: (asked.append(question), answers.pop(0))[1])
    dialog = forms.RecoveryDialog(AppContext(d.db, d.admin), revocation)
    qtbot.addWidget(dialog)
    dialog.amount.setText("100")
    dialog.accept()  # asked, and answered no: nothing saved, the dialog stays
    assert "已追回金额由 400.00 元改为 100.00 元,比已登记的少 300.00 元" in asked[0]
    assert svc.get_detail(d.db, d.admin, revocation.application_id).revocations[0].amount_recovered == 400
    dialog.amount.setText("450")  # more than before: nothing to ask
    dialog.accept()
    assert len(asked) == 1
    revocation = svc.get_detail(d.db, d.admin, revocation.application_id).revocations[0]
    assert revocation.amount_recovered == 450
    dialog = forms.RecoveryDialog(AppContext(d.db, d.admin), revocation)
    qtbot.addWidget(dialog)
    dialog.close_case.setChecked(True)
    dialog.accept()  # closed with money still owed: asked, and answered yes
    owed = revocation.amount_to_recover - 450
    assert f"还有 {owed:,.2f} 元未追回" in asked[1] and "结案后不再追回" in asked[1]
    assert svc.get_detail(d.db, d.admin, revocation.application_id).revocations[0].status == "closed"
    assert revocation.recovery_questions("not a number", True) == []  # the service says what is wrong


def test_trace_back_dialog_shows_who_handled_each_step_and_records_the_finding(
        qtbot, sqlite_district: District, errors: list[str]) -> None:
    """问题倒查 / 容错免责 (RULES.md §1.5), from the detail's revocation tab."""
    d = sqlite_district
    app_id = revoked_application(d).row.id
    dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), app_id)
    qtbot.addWidget(dialog)
    assert dialog.revocations.topLevelItem(0).text(5) == "not yet"
    dialog.revocations.setCurrentItem(dialog.revocations.topLevelItem(0))

    seen: dict[str, object] = {}

    def liable_without_saying_why(w: forms.TraceBackDialog) -> None:
        seen["by"] = [w.steps.topLevelItem(i).text(3) for i in range(w.steps.topLevelItemCount())]
        seen["exempt first"] = w.exempt.isChecked()
        w.liable.setChecked(True)
        set_date(w.on, date(2026, 3, 25))
        w.accept()  # refused: what was wrong must be said; the dialog stays open with what was typed
        seen["refused"] = list(errors)
        seen["still open"] = w.isVisible()
        w.note.setPlainText("入户调查未核实车辆信息")
        w.accept()
        if w.isVisible():  # refused again: close it so the test goes on to say so
            w.reject()

    script = ModalScript([(forms.TraceBackDialog, liable_without_saying_why)])
    dialog.trace_back()
    assert script.done()
    assert seen["by"] == ["测试admin"] * 5 and seen["exempt first"]
    assert len(seen["refused"]) == 1 and "须写明" in seen["refused"][0] and seen["still open"]
    assert errors == seen["refused"]
    assert dialog.revocations.topLevelItem(0).text(5) == "未依规履职,追究责任"
    rev = svc.get_detail(d.db, d.admin, app_id).revocations[0]
    assert (rev.trace_finding, rev.trace_note, rev.traced_on) == ("liable", "入户调查未核实车辆信息", date(2026, 3, 25))
    # a caseworker sees the finding but cannot record one
    caseworker = ApplicationDetailDialog(AppContext(d.db, d.actor("subdistrict_caseworker")), app_id)
    qtbot.addWidget(caseworker)
    button = next(b for b in caseworker.findChildren(QPushButton) if b.text() == "&Trace back…")
    assert not button.isEnabled()


def test_post_check_list_filters_by_kind_and_overdue_and_counts(qtbot, sqlite_district: District,
                                                                 errors: list[str]) -> None:
    """With the yearly review of every approval paid monthly the list grew long: by kind, overdue only."""
    from tests.test_applications import commitment_to_decision

    d = sqlite_district
    regular = run_regular(d, make_household(d.db, d.regions["八泉社区"]))  # review due 2027-03-10
    _hid, commitment = commitment_to_decision(d, "钱进", date(2026, 2, 10))
    svc.decide(d.db, d.admin, commitment, approve=True, on=date(2026, 2, 27), amount="500", today=date(2026, 3, 1))
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    page.as_of = date(2026, 6, 1)  # the centralised cross-check (due 2026-03-27) is overdue
    page.refresh()
    assert wait_for_background()
    kinds = lambda: [(c.application_id, c.kind) for c in page.checks_model.rows]  # noqa: E731
    assert sorted(kinds()) == [(regular, "periodic"), (commitment, "centralised"), (commitment, "periodic")]
    assert page.checks_count.text() == "3 check(s) to do, 1 overdue"
    page.check_kind.setCurrentIndex(page.check_kind.findData("periodic"))
    assert wait_for_background()  # the service filters: the list stops at the limit of the checks chosen
    assert sorted(kinds()) == [(regular, "periodic"), (commitment, "periodic")]
    page.check_kind.setCurrentIndex(0)
    page.checks_overdue.setChecked(True)
    assert wait_for_background()
    assert kinds() == [(commitment, "centralised")] and page.checks_count.text() == "1 check(s) to do, 1 overdue"
    page.refresh()  # a refresh keeps the filter
    assert wait_for_background()
    assert kinds() == [(commitment, "centralised")]
    assert errors == []


def detail_checked_elsewhere(qtbot, d: District, other) -> tuple[ApplicationDetailDialog, int]:  # noqa: ANN001
    """An administrator's window on a new application whose data check ``other`` then records elsewhere."""
    app_id = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"]), category="dibao",
                        accepted_on=date.today() - timedelta(days=3))
    dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), app_id)
    qtbot.addWidget(dialog)
    svc.complete_step(d.db, other, app_id, "check", on=date.today(), result="passed")
    return dialog, app_id


def test_a_step_saved_on_another_workstation_meanwhile_is_shown_after_the_refusal(
        qtbot, sqlite_district: District, errors: list[str]) -> None:
    """Two windows on one application: the second to record the data check was refused (another user
    saved first) and, the form cancelled, still offered 办理授权核对… on the stale application; every
    try was refused again until the window was closed. It now reads the application again."""
    d = sqlite_district
    dialog, app_id = detail_checked_elsewhere(qtbot, d, d.actor(Role.DISTRICT_REVIEWER))

    def record(w: forms.StepDialog) -> None:
        w.accept()  # refused: another user saved first
        QTimer.singleShot(0, w.reject)

    script = ModalScript([(forms.StepDialog, record)])
    click_action(qtbot, dialog, "check", script)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)
    assert len(errors) == 1 and "测试district_reviewer" in errors[0]
    assert "check" not in dialog.action_buttons and "investigation" in dialog.action_buttons


def test_a_refused_extension_or_stop_keeps_the_reason_typed(qtbot, sqlite_district: District, errors: list[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The extension's reason and the stop's reason were lost when the save was refused (another
    workstation saved the application meanwhile; a stop dated before the approval): the form is shown
    again with what was typed, on the application as it now is."""
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    dialog, app_id = detail_checked_elsewhere(qtbot, d, d.admin)
    shown: list[str] = []

    def type_reason(w: forms.ReasonDialog) -> bool:  # the user at the form, each time it is shown: OK
        shown.append(w.reason.toPlainText())
        if not shown[-1]:
            w.reason.setPlainText("需补充入户调查材料")
        return True

    monkeypatch.setattr(forms.ReasonDialog, "exec", type_reason)
    dialog.action_buttons["extend"].click()
    assert shown == ["", "需补充入户调查材料"] and len(errors) == 1  # refused once: shown again as typed
    detail = svc.get_detail(d.db, d.admin, app_id)
    assert detail.row.extended and detail.extension_reason == "需补充入户调查材料"

    approved = run_regular(d, make_household(d.db, d.regions["八泉社区"], "李四"))  # approved 2026-03-10
    dialog = ApplicationDetailDialog(ctx, approved)
    qtbot.addWidget(dialog)
    reasons: list[str] = []

    def stop(w: forms.StopAssistanceDialog) -> bool:
        reasons.append(w.reason.toPlainText())
        if not reasons[-1]:
            w.reason.setPlainText("户主就业,收入超过标准")
            set_date(w.on, date(2026, 3, 1))  # before the approval: refused
        else:
            set_date(w.on, date(2026, 6, 30))
        return True

    monkeypatch.setattr(forms.StopAssistanceDialog, "exec", stop)
    dialog.action_buttons["stop"].click()
    assert reasons == ["", "户主就业,收入超过标准"] and "早于批准日期" in errors[-1]
    assert svc.get_detail(d.db, d.admin, approved).stopped_on == date(2026, 6, 30)


def test_rebuilt_buttons_do_not_keep_their_alt_keys(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """The window rebuilds its buttons after each step; the old ones waited for deleteLater, still shown
    to Qt, so until the event loop came round (a step recorded from a nested dialog) Alt+S, Alt+P…
    each had two or three buttons and only moved between them."""
    from tests.mnemonics import duplicate_mnemonics

    d = sqlite_district
    app_id = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"]), category="dibao",
                        accepted_on=date.today() - timedelta(days=3))
    dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), app_id)
    qtbot.addWidget(dialog)
    dialog.show()
    before = duplicate_mnemonics(dialog)
    dialog._build_actions()
    QCoreApplication.sendPostedEvents(None, 0)  # the new buttons shown; Qt leaves deferred deletes
    assert dialog.action_buttons and before == {} and duplicate_mnemonics(dialog) == {}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_application_window_gives_each_button_its_own_alt_key(qtbot, qapp, sqlite_district: District,  # noqa: ANN001
                                                                  language: str) -> None:
    """办理授权核对… / 办理入户调查… / 办理公示… (the button used most) and the commitment scan's buttons had
    no Alt key: keyboard users tabbed through the timeline to reach them. 不予批准(&R) and the post-check
    tab's 记录结果(&R) shared one: Alt+R only moved between them. The tabs under the timeline had none."""
    from desktop import i18n
    from tests.mnemonics import duplicate_mnemonics, tabs_without_alt_key

    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    pending = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"]), category="dibao",
                         accepted_on=date.today() - timedelta(days=3))
    failed = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"], "李四"),
                        category="dibao", accepted_on=date.today() - timedelta(days=3))
    svc.complete_step(d.db, d.admin, failed, "check", on=date.today(), result="failed")
    _hid, committed = commitment_to_decision_view(d)
    svc.attach_commitment_file(d.db, d.admin, committed, file_name="承诺书.pdf", data=b"%PDF-1.4")
    i18n.install(qapp, language)
    try:
        for app_id in (pending, failed, committed):
            dialog = ApplicationDetailDialog(ctx, app_id)
            qtbot.addWidget(dialog)
            dialog.show()
            assert duplicate_mnemonics(dialog) == {}, app_id
            assert tabs_without_alt_key(dialog) == [], app_id  # 事后核查 / 转介 / 撤销追回 had none
            texts = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]
            assert all("&" in t for t in texts if not t.endswith(("关闭", "Close"))), texts
    finally:
        i18n.install(qapp, "en")


def commitment_to_decision_view(d: District) -> tuple[int, int]:
    """A commitment-track 低保 approved last month (running, with its centralised check)."""
    accepted = date.today() - timedelta(days=40)
    hid = make_household(d.db, d.regions["飞云社区"], "王五", 2)
    app_id = svc.accept(d.db, d.admin, household_id=hid, category="dibao", track="commitment", accepted_on=accepted,
                        commitment=svc.CommitmentInput("王五", accepted))
    svc.complete_step(d.db, d.admin, app_id, "check", on=accepted + timedelta(days=1), result="passed")
    svc.complete_step(d.db, d.admin, app_id, "investigation", on=accepted + timedelta(days=2),
                      investigators=["刘一", "陈二"])
    svc.complete_step(d.db, d.admin, app_id, "publicity", on=accepted + timedelta(days=10),
                      publicity_start=accepted + timedelta(days=3))
    svc.decide(d.db, d.admin, app_id, approve=True, on=accepted + timedelta(days=11), amount="650")
    return hid, app_id


def test_a_publicity_period_typed_backwards_is_said_in_the_dialog(qtbot, sqlite_district: District,
                                                                  errors: list[str]) -> None:
    """From 03-31 to 03-01: the dialog closed and the list was written empty, as if nobody had been
    approved. The dialog says the dates look reversed and stays open with them."""
    dialog = forms.PeriodDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    set_date(dialog.first, date(2026, 3, 31))
    set_date(dialog.last, date(2026, 3, 1))
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert errors == ["起始日期 2026-03-31 晚于截止日期 2026-03-01,请检查日期是否填反。"]
    set_date(dialog.last, date(2026, 4, 30))
    dialog.accept()
    assert not dialog.isVisible() and dialog.period() == (date(2026, 3, 31), date(2026, 4, 30))


def test_a_one_off_temporary_payment_is_not_called_monthly(qtbot, sqlite_district: District, errors: list[str]) -> None:
    """临时救助 is paid once: its application window and its approval notice said 月救助金额 … 自 … 起发放
    (a monthly amount from a month on) and asked the family to await periodic reviews it never has."""
    d = sqlite_district
    hid = make_household(d.db, d.regions["道仕袱村"], "孙大", 5)
    app_id = svc.accept(d.db, d.admin, household_id=hid, category="temporary", temporary_kind="emergency",
                        accepted_on=date(2026, 5, 6))
    svc.decide(d.db, d.admin, app_id, approve=True, on=date(2026, 5, 6), amount="3000元", today=date(2026, 8, 1))
    dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), app_id)
    qtbot.addWidget(dialog)
    i18n_text = dialog.header.text()
    assert "One-off amount 3,000.00 yuan, paid in 2026-06; 3,000.00 yuan paid so far." in i18n_text
    assert "Monthly" not in i18n_text
    html = svc.notice_document(d.db, d.admin, app_id).html
    assert "一次性救助金额 <b>3,000.00</b> 元,于 2026年06月 发放" in html
    assert "月救助金额" not in html and "定期复核" not in html
    assert errors == []


def test_a_very_long_name_does_not_push_the_deadlines_out_of_the_list(qtbot, sqlite_district: District,
                                                                      errors: list[str]) -> None:
    """A head of household's name of 64 characters made its column the whole width of the list: the
    deadlines and working days left were out of sight. It is cut short; its tool tip shows it whole."""
    d = sqlite_district
    name = "欧阳" + "长" * 62
    svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"], name), category="dibao",
               accepted_on=date.today() - timedelta(days=3))
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    wait_for_background()
    qtbot.waitUntil(lambda: len(page.model.rows) == 1, timeout=5000)
    table = page.table
    assert table.columnWidth(1) < table.fontMetrics().horizontalAdvance(name) / 2
    last = page.model.columnCount() - 1
    assert table.columnViewportPosition(last) + 20 < table.viewport().width()  # 剩余工作日 in sight
    assert page.model.data(page.model.index(0, 1), Qt.ItemDataRole.ToolTipRole) == name


def test_a_procedure_date_on_a_day_off_is_pointed_out(qtbot, sqlite_district: District, errors: list[str]) -> None:
    """A step, a decision or an acceptance dated on a Saturday or in the National Day holiday (a slip
    of the day: every deadline counts from it) was taken without a word. The form now says the day is
    a day off, and still records it; a make-up working day (2026-10-10, a Saturday) is no day off."""
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    app_id = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"]), category="dibao",
                        accepted_on=date(2026, 9, 28))
    detail = svc.get_detail(d.db, d.admin, app_id)
    step = forms.StepDialog(ctx, detail, "check")
    accept = forms.AcceptDialog(ctx)
    decision = forms.DecisionDialog(ctx, detail)
    for dialog, edit, hint in ((step, step.on, step.on_hint), (decision, decision.on, decision.on_hint),
                               (accept, accept.inputs.accepted_on, accept.inputs.accepted_hint)):
        qtbot.addWidget(dialog)
        dialog.show()
        for day, off in ((date(2026, 10, 3), True), (date(2026, 10, 5), True), (date(2026, 10, 8), False), (date(2026, 10, 10), False),
                         (date(2026, 10, 12), False), (date(2026, 10, 18), True)):
            set_date(edit, day)
            assert hint.isVisible() == off, (dialog, day)
            assert (day.isoformat() in hint.text()) == off
    set_date(step.on, date(2026, 10, 3))
    step.accept()  # a hint, not a refusal
    assert errors == [] and svc.get_detail(d.db, d.admin, app_id).row.step == "check"


def test_the_page_points_out_a_month_nobody_recorded(qtbot, sqlite_district: District) -> None:
    d = sqlite_district
    run_regular(d, make_household(d.db, d.regions["八泉社区"]))  # April–June recorded on approval
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    page.as_of = date(2026, 9, 15)
    page.refresh()
    assert wait_for_background()
    assert page.monthly_due.text() == "2026-09: 1 household(s) to record;not recorded: 2026-07、2026-08"
    assert not page.monthly_due.isHidden()


def test_the_written_refusal_is_served_from_the_application_window(qtbot, sqlite_district: District,
                                                                    errors: list[str]) -> None:
    d = sqlite_district
    app_id = run_regular(d, make_household(d.db, d.regions["八泉社区"], "李四"), approve=False)
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    page.as_of = date(2026, 3, 16)
    page.refresh()
    assert wait_for_background()
    assert "written refusals to serve: 1 (1 late)" in page.monthly_due.text()
    dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), app_id)
    qtbot.addWidget(dialog)
    assert "Written refusal due by 2026-03-13; not yet recorded as served." in dialog.header.text()

    def serve(w: forms.RefusalServedDialog) -> None:
        set_date(w.on, date(2026, 3, 12))
        w.method.setCurrentIndex(w.method.findData("left"))
        w.accept()

    script = ModalScript([(forms.RefusalServedDialog, serve)])
    dialog.action_buttons["served"].click()
    assert script.done() and errors == []
    assert "served on 2026-03-12 (留置送达)" in dialog.header.text()
    supervisor = ApplicationDetailDialog(AppContext(d.db, d.actor("supervisor")), app_id)
    qtbot.addWidget(supervisor)
    assert not supervisor.action_buttons["served"].isEnabled()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_steps_due_date_says_what_its_number_is(qapp, language: str) -> None:  # noqa: ANN001
    """The next step's due date read "2026-11-30(0)": a bare number nobody could place."""
    from PySide6.QtCore import QLocale

    from desktop import i18n

    locale = QLocale()
    i18n.install(qapp, language)
    try:
        day = date(2026, 12, 1)
        texts = [detail_mod.due_text(svc.Due(day, n, n < 0)) for n in (3, 0, -2)]
        want = {"en": ["2026-12-01 (3 working days left)", "2026-12-01 (due today)", "2026-12-01 (overdue by 2)"],
                "zh_CN": ["2026-12-01(剩 3 个工作日)", "2026-12-01(今天到期)", "2026-12-01(已逾期 2 个工作日)"]}
        assert texts == want[language]
    finally:
        i18n.install(qapp, "en")
        QLocale.setDefault(locale)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_application_list_filters_have_alt_keys_and_an_empty_list_says_why(  # noqa: ANN201
        qtbot, qapp, sqlite_district: District, language: str):  # noqa: ANN001
    """The list's filters (状态:, 办理方式:, 待办步骤:, 区划:) had no Alt key, and 只看逾期(&O) shared
    its key with 打开(&O); a community worker with no open application saw a blank table."""
    from PySide6.QtWidgets import QLabel

    from desktop import i18n
    from desktop.views.table_model import EmptyHint
    from tests.mnemonics import duplicate_mnemonics

    d = sqlite_district
    i18n.install(qapp, language)
    try:
        page = ApplicationsPage(AppContext(d.db, d.actor(Role.COMMUNITY_WORKER)))
        qtbot.addWidget(page)
        page.resize(1200, 600)
        page.show()
        window = page.window()
        assert duplicate_mnemonics(window) == {}
        filters = (page.status, page.track, page.step, page.region)
        labels = {label.buddy(): label.text() for label in page.findChildren(QLabel) if label.buddy() in filters}
        assert len(labels) == 4 and all("&" in text for text in labels.values()), labels
        hint = page.table.findChild(EmptyHint)
        assert wait_for_background() and hint is not None
        qtbot.waitUntil(hint.isVisible)  # the list is read in the background
        assert page.model.rowCount() == 0
        assert ("受理新申请" if language == "zh_CN" else "New application") in hint.text()
    finally:
        i18n.install(qapp, "en")


def test_the_calendar_note_stays_a_line_and_the_list_takes_the_height(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """The note above the years list took a share of the tab's height: a line of text in a band of
    empty space above and below it, and a shorter list."""
    from PySide6.QtWidgets import QLabel, QSplitter

    tab = CalendarSettingsTab(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    note = next(label for label in tab.findChildren(QLabel) if label.wordWrap())
    splitter = tab.findChild(QSplitter)
    assert note.height() <= note.heightForWidth(note.width()) + 4
    assert splitter.height() >= 700 - note.height() - 40


def test_the_post_check_buttons_wait_for_a_check_to_act_on(qtbot, sqlite_district: District,  # noqa: ANN001
                                                            errors: list[str]) -> None:
    """记录结果 and 打开申请 were enabled over an empty list and only then said to select a row."""
    d = sqlite_district
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    wait_for_background()
    assert page.checks_model.rowCount() == 0
    assert not page.record_check_button.isEnabled() and not page.open_check_button.isEnabled()
    run_regular(d, make_household(d.db, d.regions["八泉社区"], "王五"))  # a yearly review to do
    page.refresh()
    wait_for_background()
    assert page.checks_model.rowCount() >= 1
    assert page.record_check_button.isEnabled() and page.open_check_button.isEnabled()
    assert errors == []


def test_the_stop_confirmation_says_the_month_of_the_stop_is_still_paid(
        qtbot, sqlite_district: District, errors: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A stop dated 08-01 still pays August (a stop pays the month it falls in); the confirmation said only
    "payments end", and a clerk stopping on the 1st expected August unpaid."""
    d = sqlite_district
    approved = run_regular(d, make_household(d.db, d.regions["八泉社区"], "李四"))  # paid from April
    dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), approved)
    qtbot.addWidget(dialog)

    def stop(w: forms.StopAssistanceDialog) -> bool:
        w.reason.setPlainText("户主就业")
        set_date(w.on, date(2026, 8, 1))
        return True

    asked: list[str] = []
    monkeypatch.setattr(forms.StopAssistanceDialog, "exec", stop)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    dialog.action_buttons["stop"].click()
    assert errors == [] and len(asked) == 1
    assert asked[0] == dialog.tr("Stop the assistance of {name}? {month} is still paid (the month of the stop "
                                 "date), then payments end and the family leaves the assisted column.").format(
        name="李四", month="2026-08")
    assert svc.monthly_assistance(d.db, d.admin, date(2026, 8, 1), today=date(2026, 8, 2)).due == 1


def test_the_applicant_withdraws_from_the_application_window(qtbot, sqlite_district: District, errors: list[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """撤回申请… on an application being handled: the form takes the date, the library and the reason, asks
    before closing the application, and a refused save (a date before the last step) keeps what was typed."""
    d = sqlite_district
    hid = make_household(d.db, d.regions["八泉社区"], "周七")
    accepted = date.today() - timedelta(days=3)
    app_id = svc.accept(d.db, d.admin, household_id=hid, category="dibao", accepted_on=accepted)
    dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), app_id)
    qtbot.addWidget(dialog)
    asked: list[str] = []

    def answer(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN002, ANN003, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    shown: list[str] = []

    def fill(w: forms.ReasonDialog) -> bool:
        shown.append(w.reason.toPlainText())
        if not shown[-1]:
            w.reason.setPlainText("申请人书面申请撤回")
            w.stage.setCurrentIndex(w.stage.findData("class_2"))
            set_date(w.on, accepted - timedelta(days=1))  # before the acceptance: refused, shown again
        else:
            set_date(w.on, date.today())
        return True

    monkeypatch.setattr(forms.ReasonDialog, "exec", fill)
    dialog.action_buttons["withdraw"].click()  # answered No: nothing happens
    assert svc.get_detail(d.db, d.admin, app_id).row.status == "open" and "周七" in asked[0] and "二类库" in asked[0]
    shown.clear()
    dialog.action_buttons["withdraw"].click()
    assert shown == ["", "申请人书面申请撤回"] and len(errors) == 1 and "早于该申请上一步骤" in errors[0]
    detail = svc.get_detail(d.db, d.admin, app_id)
    assert detail.row.status == "withdrawn" and detail.withdrawal is not None
    assert "withdraw" not in dialog.action_buttons and "已撤回" in dialog.header.text()
    assert "申请人书面申请撤回" in dialog.header.text()
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    page.status.setCurrentIndex(page.status.findData("withdrawn"))
    wait_for_background()
    qtbot.waitUntil(lambda: [r.id for r in page.model.rows] == [app_id], timeout=5000)


def pending_application_window(qtbot, d: District) -> ApplicationDetailDialog:  # noqa: ANN001
    """The window of a 低保 application accepted three days ago (its data check next), shown."""
    app_id = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"]), category="dibao",
                        accepted_on=date.today() - timedelta(days=3))
    dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), app_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_enter_in_the_application_window_presses_no_action_button(qtbot, sqlite_district: District,
                                                           errors: list[str]) -> None:
    """Enter pressed in the step timeline pressed the window's first button as its default: the hidden
    post-check tab's 记录结果 (a "select a row" box), or on another application a step's form. It closes
    the window, as Esc does, and records nothing."""
    dialog = pending_application_window(qtbot, sqlite_district)
    pressed: list[str] = []
    for button in dialog.findChildren(QPushButton):
        button.clicked.connect(lambda _=False, b=button: pressed.append(b.text()))
    dialog.timeline.setFocus()
    qtbot.keyClick(dialog.timeline, Qt.Key.Key_Return)
    assert pressed == ["Close"] and not dialog.isVisible()  # Enter closes the window, as Esc does
    assert [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()] == ["Close"]


def test_a_spot_check_seed_typed_wrongly_is_said_in_the_dialog(qtbot, sqlite_district: District,
                                                               errors: list[str]) -> None:
    """A seed such as ² passed the dialog's isdigit() and int() raised (a crash report); one too large for
    the database failed when saved. Both are now a plain message, the dialog stays open as typed."""
    d = sqlite_district
    commitment_to_decision_view(d)
    dialog = forms.SpotCheckDialog(AppContext(d.db, d.admin))
    qtbot.addWidget(dialog)
    for typed in ("²", "99999999999", "0"):
        dialog.seed.setText(typed)
        dialog.accept()
        assert dialog.sample is None and dialog.seed.text() == typed
    assert len(errors) == 3 and all("应为 1 到 2147483647 之间的整数" in e for e in errors), errors
    dialog.seed.setText("２０２６")
    dialog.accept()
    assert dialog.sample is not None and dialog.sample.seed == 2026


def test_a_form_refused_because_another_workstation_saved_first_saves_on_a_second_ok(
        qtbot, sqlite_district: District, errors: list[str]) -> None:
    """Another workstation extended the application while the home survey's form was being filled in: OK
    was refused (another user saved first) and every further OK was refused again on the stale version,
    so the investigators and the note typed were lost with the form. The form now reads the application
    again: a second OK saves what was typed. The same for the decision's form."""
    d = sqlite_district
    reviewer = d.actor(Role.DISTRICT_REVIEWER)
    app_id = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"]), category="dibao",
                        accepted_on=date.today() - timedelta(days=20))
    svc.complete_step(d.db, d.admin, app_id, "check", on=date.today() - timedelta(days=18), result="passed")
    form = forms.StepDialog(AppContext(d.db, d.admin), svc.get_detail(d.db, d.admin, app_id), "investigation")
    qtbot.addWidget(form)
    set_date(form.on, date.today() - timedelta(days=15))
    form.investigators[0].setText("刘一")
    form.investigators[1].setText("陈二")
    form.note.setPlainText("户主在家,已查看住房")
    svc.extend(d.db, reviewer, app_id, reason="需向外地核实赡养人收入")  # on another workstation
    form.accept()
    assert len(errors) == 1 and "测试district_reviewer" in errors[0] and form.result() != QDialog.DialogCode.Accepted
    form.accept()
    assert len(errors) == 1 and form.result() == QDialog.DialogCode.Accepted
    step = svc.get_detail(d.db, d.admin, app_id).steps[-1]
    assert (step.step, step.data["investigators"], step.note) == ("investigation", ["刘一", "陈二"], "户主在家,已查看住房")

    failed = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"], "李四"),
                        category="dibao", accepted_on=date.today() - timedelta(days=3))
    svc.complete_step(d.db, d.admin, failed, "check", on=date.today(), result="failed")
    decision = forms.DecisionDialog(AppContext(d.db, d.admin), svc.get_detail(d.db, d.admin, failed), False)
    qtbot.addWidget(decision)
    decision.reason.setPlainText("家庭人均收入高于低保标准")
    svc.extend(d.db, reviewer, failed, reason="核实收入")
    decision.accept()
    assert len(errors) == 2 and "测试district_reviewer" in errors[1]
    decision.accept()
    assert len(errors) == 2 and svc.get_detail(d.db, d.admin, failed).refusal_reason == "家庭人均收入高于低保标准"
    # the same step recorded on the other workstation meanwhile: the second OK names it, nothing twice
    other = forms.StepDialog(AppContext(d.db, d.admin), svc.get_detail(d.db, d.admin, app_id), "publicity")
    qtbot.addWidget(other)
    set_date(other.publicity_start, date.today() - timedelta(days=14))
    svc.complete_step(d.db, reviewer, app_id, "publicity", on=date.today(),
                      publicity_start=date.today() - timedelta(days=15))
    other.accept()
    other.accept()
    assert len(errors) == 4 and "“公示”已经办理,不能重复办理" in errors[3], errors
    assert [s.step for s in svc.get_detail(d.db, d.admin, app_id).steps].count("publicity") == 1


def test_a_stop_decided_ahead_is_shown_as_such(qtbot, sqlite_district: District, errors: list[str]) -> None:  # noqa: ANN001
    """The window said a stop decided ahead was a gradual exit "decided on None"; it now says when
    assistance stops and where the family goes, and the stop form says the day can only come forward."""
    d = sqlite_district
    app_id = run_regular(d, make_household(d.db, d.regions["八泉社区"], "郑十二"))
    ahead = date.today() + timedelta(days=20)
    svc.stop_assistance(d.db, d.admin, app_id, on=ahead, reason="迁往外地", to_stage="class_2")
    ctx = AppContext(d.db, d.admin)
    dialog = ApplicationDetailDialog(ctx, app_id)
    qtbot.addWidget(dialog)
    assert dialog.tr("Stop decided ahead: assisted up to {day}, then to {stage}.").format(
        day=ahead.isoformat(), stage="二类库") in dialog.header.text()
    assert "Gradual exit" not in dialog.header.text() and "None" not in dialog.header.text()
    stop = forms.StopAssistanceDialog(ctx, svc.get_detail(d.db, d.admin, app_id))
    qtbot.addWidget(stop)
    assert not stop.gradual.isEnabled()
    assert stop.plan_label.text() == stop.tr(
        "Assistance is already to stop on {day}; a new stop can only bring that day forward.").format(day=ahead.isoformat())
    assert errors == []


def test_the_post_check_form_of_a_revoked_approval_records_the_finding_only(
        qtbot, district: District, errors: list[str], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """After one check revoked the approval, the form of the next still offered "revoke and recover" with
    an amount and asked to confirm a revocation that no longer opens (the service records the finding only)."""
    d = district
    app_id = _commitment_approved(d)
    svc.draw_spot_check(d.db, d.admin, on=date(2026, 3, 1), count=1, seed=5)
    checks = {c.kind: c for c in svc.get_detail(d.db, d.admin, app_id).post_checks}
    svc.record_post_check(d.db, d.admin, checks["centralised"].id, on=date(2026, 3, 5), passed=False, note="隐瞒收入")
    spot = next(c for c in svc.get_detail(d.db, d.admin, app_id).post_checks if c.kind == "spot")
    assert spot.revoked
    dialog = forms.PostCheckDialog(AppContext(d.db, d.admin), spot)
    qtbot.addWidget(dialog)
    assert dialog.failed.text() == dialog.tr("&Not passed: record the finding (the approval is revoked already)")
    assert dialog.amount.parent() is None  # no amount to recover is asked for
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    dialog.failed.setChecked(True)
    dialog.note.setPlainText("抽查同样发现")
    set_date(dialog.on, date(2026, 3, 6))
    dialog.accept()
    assert errors == [] and dialog.revocation_id is None
    assert asked == [dialog.tr("Record the check as failed? The approval is revoked already and what was paid is "
                               "recovered under that revocation; this check records its finding only.")]
    assert len(svc.get_detail(d.db, d.admin, app_id).revocations) == 1


def test_each_list_of_the_application_window_says_why_it_is_empty(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """The post-check, referral and revocation tabs of an application without any were blank boxes under
    buttons still offered (问题倒查… on an empty list said only "select a row"): each now says why it
    is empty, and the note goes when the list has rows."""
    from desktop.views.table_model import EmptyHint

    d = sqlite_district
    dialog = pending_application_window(qtbot, d)
    notes = {}
    for index, tree in enumerate((dialog.post_checks, dialog.referrals, dialog.revocations)):
        dialog.tabs.setCurrentIndex(index)
        hint = tree.findChild(EmptyHint)
        assert hint is not None and hint.isVisible(), index
        notes[index] = hint.text()
    assert len(set(notes.values())) == 3 and all(len(text) > 20 for text in notes.values()), notes
    _hid, approved = commitment_to_decision_view(d)  # approved: its centralised check is scheduled
    dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), approved)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.post_checks.topLevelItemCount() > 0
    assert not dialog.post_checks.findChild(EmptyHint).isVisible()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_spot_check_form_shows_its_seed_note_whole_and_gives_each_field_an_alt_key(
        qtbot, qapp, sqlite_district: District, language: str) -> None:  # noqa: ANN001
    """The seed box cut its note to "留空则生成新的随…" (the part saying the seed is kept with the
    sample was lost), and 按街道(镇)分层抽取 was the form's one field without an Alt key."""
    from desktop import i18n
    from tests.mnemonics import duplicate_mnemonics

    i18n.install(qapp, language)
    try:
        dialog = forms.SpotCheckDialog(AppContext(sqlite_district.db, sqlite_district.admin))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        seed = dialog.seed
        assert seed.width() >= seed.fontMetrics().horizontalAdvance(seed.placeholderText()) + 12
        assert "&" in dialog.stratified.text() and duplicate_mnemonics(dialog) == {}
    finally:
        i18n.install(qapp, "en")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_field_of_the_step_and_check_forms_has_an_alt_key(qtbot, qapp, sqlite_district: District,  # noqa: ANN001
                                                                 errors: list[str], language: str) -> None:
    """The step forms' result buttons (通过 / 核查未通过, 同意 / 不同意), the three 调查人员 boxes, the
    objection box, the post-check form's 通过 / 未通过 and 家庭转入 (also on 停止救助), 问题倒查's 倒查结论
    and 追回's 结案 had no Alt key: the decision form had 批准(&A) / 不予批准(&R), these were reached
    only by tabbing through the form."""
    from desktop import i18n
    from tests.mnemonics import duplicate_mnemonics, fields_without_alt_key

    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    pending = svc.get_detail(d.db, d.admin, svc.accept(
        d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"]), category="dibao",
        accepted_on=date.today() - timedelta(days=3)))
    regular = svc.get_detail(d.db, d.admin, run_regular(d, make_household(d.db, d.regions["八泉社区"], "李四")))
    _hid, committed = commitment_to_decision_view(d)
    checks = [regular.post_checks[0], svc.get_detail(d.db, d.admin, committed).post_checks[0]]
    i18n.install(qapp, language)
    try:
        dialogs: list[QDialog] = [forms.StepDialog(ctx, pending, step)
                                  for step in ("check", "investigation", "publicity", "appraisal")]
        dialogs += [forms.PostCheckDialog(ctx, check) for check in checks]
        dialogs.append(forms.DecisionDialog(ctx, pending))  # its 收入不固定 box had none either
        dialogs.append(forms.StopAssistanceDialog(ctx, regular))
        revoked = revoked_application(d)
        dialogs += [forms.TraceBackDialog(ctx, revoked, revoked.revocations[0]),
                    forms.RecoveryDialog(ctx, revoked.revocations[0])]
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.show()
            if isinstance(dialog, forms.PostCheckDialog):
                dialog.failed.setChecked(True)  # what it asks for a failed check
            assert fields_without_alt_key(dialog) == [], dialog.windowTitle()
            assert duplicate_mnemonics(dialog) == {}, dialog.windowTitle()
    finally:
        i18n.install(qapp, "en")


def test_tab_goes_from_the_timeline_through_its_buttons_to_the_tabs(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """The buttons under the timeline (办理授权核对…, 停止救助…, 打印通知书… — made when the application is
    read) came last in the Tab order, after 关闭: from the timeline Tab jumped over them to the tabs
    below, and reached them only after the window's last control."""
    from PySide6.QtWidgets import QTabBar

    d = sqlite_district
    for app_id in (run_regular(d, make_household(d.db, d.regions["八泉社区"])),
                   svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"], "李四"),
                              category="dibao", accepted_on=date.today() - timedelta(days=3))):
        dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), app_id)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.reload()  # read again, as after each step recorded: the buttons are made anew
        qtbot.wait(50)  # they show once the window has processed its events
        buttons = [b for b in dialog.findChildren(QPushButton)
                   if b.isVisible() and b.isEnabled() and dialog.actions_bar.indexOf(b) >= 0]
        buttons.sort(key=lambda b: dialog.actions_bar.indexOf(b))
        assert buttons, app_id
        stops: list[QWidget] = []
        widget: QWidget = dialog.timeline
        while len(stops) <= len(buttons):
            widget = widget.nextInFocusChain()
            if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus \
                    and widget.focusProxy() is None:  # the tab widget hands the focus to its tab bar
                stops.append(widget)
        assert stops[:-1] == buttons and isinstance(stops[-1], QTabBar), [type(w).__name__ for w in stops]


def test_the_grey_notes_of_the_procedure_forms_are_shown_whole(qtbot, qapp, sqlite_district: District) -> None:  # noqa: ANN001
    """通知书送达's 说明 box cut its note to "例如:申请人配偶代…" (what to write was lost), as the spot
    check's seed box did; the post-check's amount to recover likewise."""
    from PySide6.QtWidgets import QLineEdit

    from desktop import i18n

    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    refused = run_regular(d, make_household(d.db, d.regions["八泉社区"]), approve=False)
    _hid, committed = commitment_to_decision_view(d)
    i18n.install(qapp, "zh_CN")
    try:
        dialogs = [forms.RefusalServedDialog(ctx, svc.get_detail(d.db, d.admin, refused)), forms.SpotCheckDialog(ctx),
                   forms.PostCheckDialog(ctx, svc.get_detail(d.db, d.admin, committed).post_checks[0])]
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            boxes = [e for e in dialog.findChildren(QLineEdit) if e.isVisible() and e.placeholderText()]
            assert boxes, dialog.windowTitle()
            for box in boxes:
                assert box.width() >= box.fontMetrics().horizontalAdvance(box.placeholderText()) + 12, \
                    (dialog.windowTitle(), box.placeholderText())
    finally:
        i18n.install(qapp, "en")


def test_the_post_check_tab_says_when_its_list_is_cut(qtbot, sqlite_district: District, chinese: None,  # noqa: ANN001
                                                      monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The tab lists the earliest 5,000 checks and cut silently: a line under the list says how many there
    are and how to see the rest; the kind and overdue filters narrow it in the service, and the export
    writes every check (a small limit stands in for 5,000)."""
    d = sqlite_district
    regular, commitment = three_checks(d)
    monkeypatch.setattr(svc, "LIST_LIMIT", 2)
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    page.as_of = AS_OF
    page.refresh()
    assert wait_for_background()
    assert page.checks_model.rowCount() == 2 and not page.checks_cut.isHidden()
    assert page.checks_cut.text() == ("仅显示最早到期的 2 项,共 3 项;可按类型或“只看逾期”缩小范围,"
                                      "或用“导出核查清单”取得全部。")
    assert page.checks_count.text() == "只显示前 2 项,共 3 项(其中逾期 1 项)"
    # narrowed by kind: both reviews fit, nothing is cut, nothing said
    page.check_kind.setCurrentIndex(page.check_kind.findData("periodic"))
    assert wait_for_background()
    assert sorted(c.application_id for c in page.checks_model.rows) == sorted([regular, commitment])
    assert page.checks_cut.isHidden() and page.checks_count.text() == "待核查 2 项,逾期 0 项"
    # a refresh of the whole page keeps the filter and its answer
    page.refresh()
    assert wait_for_background()
    assert {c.kind for c in page.checks_model.rows} == {"periodic"} and page.checks_cut.isHidden()
    # every kind again: cut again, and the export writes every check the filters choose
    page.check_kind.setCurrentIndex(0)
    assert wait_for_background()
    assert not page.checks_cut.isHidden()
    monkeypatch.setattr("desktop.views.applications.QMessageBox.information", lambda *a: None)
    out = tmp_path / "核查.xlsx"
    page.export_checks(str(out))
    assert wait_for_background()
    assert len(CalamineWorkbook.from_path(str(out)).get_sheet_by_name("事后核查").to_python()) == 2 + 3
    assert page.checks_export_button.text() == "导出核查清单(&X)…" and page.checks_export_button.isEnabled()


def test_the_applications_list_columns_are_the_users_to_choose(qtbot, sqlite_district: District,  # noqa: ANN001
                                                               chinese: None, own_settings: Path) -> None:
    """编号 and 户主 stay. The columns fit their contents: a refresh that widens them, or a wider window
    that stretches the last, is no choice of the user's and saves nothing."""
    d = sqlite_district
    svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"], "欧阳一"), category="dibao",
               accepted_on=date.today())
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    assert wait_for_background()
    assert page.model.rowCount() == 1 and page.columns_button.text() == "列(&C)…"
    page.resize(1500, 600)
    QApplication.processEvents()
    qtbot.wait(ColumnChooser.SAVE_DELAY_MS + 100)
    assert not page.columns.chosen and config.view_state("admin", "applications") is None
    actions = menu_actions(page.columns)
    assert [name for name, action in actions.items() if not action.isEnabled()] == ["编号", "户主"]
    actions["办理方式"].trigger()
    menu_actions(page.columns)["剩余工作日"].trigger()  # the last column: the one before it stretches now
    shown = shown_columns(page.table)
    assert "办理方式" not in shown and "剩余工作日" not in shown and shown[:2] == ["编号", "户主"]
    assert config.view_state("admin", "applications")["hidden"] == [4, 9]
    page.refresh()
    assert wait_for_background()
    assert shown_columns(page.table) == shown
    again = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(again)
    assert shown_columns(again.table) == shown and len(ApplicationsTableModel.COLUMNS) == 10


def test_the_household_picker_says_when_it_lists_only_the_first_matches(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                         chinese: None, errors: list[str],
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The picker's drop-down stops at the first 50 matches: a clerk looking for the 51st 韩 scrolled it
    to the end and took the household for unregistered. Typing more narrows them, and the line goes."""
    d = sqlite_district
    for name in ("韩一", "韩二", "韩三"):
        make_household(d.db, d.regions["八泉社区"], name, 2)
    monkeypatch.setattr(svc, "CHOICES_LIMIT", 2)
    dialog = forms.AcceptDialog(AppContext(d.db, d.admin))
    qtbot.addWidget(dialog)
    dialog.show()
    picker = dialog.inputs.household
    picker.search.setText("韩")
    picker.find()
    assert picker.combo.count() == 2
    assert picker.cut_note.isVisible()
    assert picker.cut_note.text() == "仅列出前 2 户,共 3 户符合:多输入几个字或输入户编号,可缩小范围。"
    picker.search.setText("韩三")
    picker.find()
    assert picker.combo.count() == 1 and not picker.cut_note.isVisible()
    monkeypatch.setattr(svc, "CHOICES_LIMIT", 3)  # exactly full: nothing cut, nothing said
    picker.search.setText("韩")
    picker.find()
    assert picker.combo.count() == 3 and not picker.cut_note.isVisible() and errors == []


def test_refusing_and_stopping_ask_with_no_as_the_default_answer(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                 chinese: None, errors: list[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The questions before refusing an application and before stopping assistance were asked with
    QMessageBox's own default, Yes: an Enter pressed out of habit after the form refused or stopped.
    No is the default now, and No changes nothing."""
    from tests.test_applications import approved_dibao

    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    asked: list[tuple[str, object]] = []

    def answer_default(_parent, title, _text, buttons=None, default=None):  # noqa: ANN001, ANN202
        asked.append((title, default))
        return default if default is not None else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer_default))
    pending = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["闸口社区"]),
                         category="temporary", temporary_kind="emergency", accepted_on=date(2026, 5, 6))
    decide = forms.DecisionDialog(ctx, svc.get_detail(d.db, d.admin, pending))
    qtbot.addWidget(decide)
    decide.refuse.setChecked(True)
    decide.reason.setPlainText("家庭人均收入高于标准")
    decide.accept()
    assert asked == [("不予批准", QMessageBox.StandardButton.No)]
    assert svc.get_detail(d.db, d.admin, pending).row.status == "open"

    _hid, app_id = approved_dibao(d, "周九")
    dialog = ApplicationDetailDialog(ctx, app_id)
    qtbot.addWidget(dialog)
    dialog.show()

    def fill_stop(w: forms.StopAssistanceDialog) -> None:
        w.reason.setPlainText("户主就业")
        w.accept()

    script = ModalScript([(forms.StopAssistanceDialog, fill_stop)])
    click_action(qtbot, dialog, "stop", script)
    assert script.done() and errors == [], errors
    assert asked[1:] == [("停止救助", QMessageBox.StandardButton.No)]
    assert svc.get_detail(d.db, d.admin, app_id).stopped_on is None


def test_a_refusal_without_reasons_is_said_before_the_question(
        qtbot, sqlite_district: District, errors: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Session 38: 不予批准 with no reasons asked 确定不予批准该申请吗? first and said 须写明理由 only after 是."""
    from tests.test_applications import regular_steps

    d = sqlite_district
    app_id = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["飞云社区"], "钟六"),
                        category="dibao", accepted_on=date(2026, 6, 1))
    regular_steps(d, app_id, date(2026, 6, 1))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *_a, **_k: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    dialog = forms.DecisionDialog(AppContext(d.db, d.admin), svc.get_detail(d.db, d.admin, app_id))
    qtbot.addWidget(dialog)
    set_date(dialog.on, date(2026, 6, 16))
    dialog.refuse.setChecked(True)
    dialog.accept()
    assert errors == ["不予批准须写明理由。"] and asked == []
    dialog.approve.setChecked(True)
    dialog.accept()
    assert errors[-1] == "批准须填写救助金额。" and asked == []
    dialog.refuse.setChecked(True)
    dialog.reason.setPlainText("家庭人均收入高于低保标准")
    dialog.accept()
    assert len(asked) == 1 and dialog.result() == QDialog.DialogCode.Accepted
    assert svc.get_detail(d.db, d.admin, app_id).row.status == "refused"


def test_a_supervisor_is_offered_nothing_to_fill_in(qtbot, sqlite_district: District, errors: list[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Session 38: the supervisor (统计查看, read-only) could open the 受理申请 form, the 一门受理 form and
    attach a commitment scan; the services refused on save, and what was typed was lost."""
    d = sqlite_district
    app_id = _commitment_approved(d)
    ctx = AppContext(d.db, d.actor("supervisor"))
    page = ApplicationsPage(ctx)
    qtbot.addWidget(page)
    opened: list[object] = []
    monkeypatch.setattr(forms.AcceptDialog, "exec", lambda self: opened.append(self) or 0)
    assert page.front_desk is None and page.tabs.count() == 2
    new = next(b for b in page.findChildren(QPushButton) if b.text().replace("&", "").startswith("New application"))
    assert not new.isEnabled()
    assert page.new_application() is None and opened == []  # Ctrl+N too
    dialog = ApplicationDetailDialog(ctx, app_id)
    qtbot.addWidget(dialog)
    attach = next(b for b in dialog.findChildren(QPushButton) if "commitment scan" in b.text())
    assert not attach.isEnabled()
    worker = ApplicationsPage(AppContext(d.db, d.actor("community_worker")))
    qtbot.addWidget(worker)
    assert worker.front_desk is not None and worker.tabs.count() == 3


def test_working_days_left_says_to_which_day(qtbot, sqlite_district: District, chinese) -> None:  # noqa: ANN001
    """Session 38: 剩余工作日 was 3 (to the next step's deadline) and, a step later, 10 (to the procedure's),
    with nothing saying which: the header's tool tip, the cell's and the detail name the day counted to."""
    from desktop.services import calendar as cal_svc

    d = sqlite_district
    for year in (date.today().year + 1, date.today().year + 2):  # entered: no estimate warning in the cell
        if not cal_svc.year_info(d.db, d.admin, year).known:
            cal_svc.set_year(d.db, d.admin, year, days_off=[date(year, 1, 1)], workdays=[])
    app_id = svc.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["飞云社区"], "钟七"),
                        category="dibao", accepted_on=date.today())
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    page.refresh()
    wait_for_background()
    model = page.model
    assert model.headerData(9, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == \
        "距两个期限中较早者(待办步骤期限、办结期限)的工作日数"
    row = next(i for i, r in enumerate(model.rows) if r.id == app_id)
    due = model.rows[row].effective_due_on
    assert model.data(model.index(row, 9), Qt.ItemDataRole.ToolTipRole) == \
        f"至 {due.isoformat()}(待办步骤期限与办结期限中较早者)"
    dialog = ApplicationDetailDialog(AppContext(d.db, d.admin), app_id)
    qtbot.addWidget(dialog)
    assert f"(至 {due.isoformat()},两个期限中较早者)" in dialog.header.text()
