"""A day's work through the window with the keyboard: what a community worker, a sub-district
caseworker and a district reviewer met when walking their day without the mouse (Tab, Enter, arrows)."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QScrollArea, QWidget

from desktop.rules import idcard
from desktop.rules.codes import Role, Track
from desktop.services import clues, monitoring, policy
from desktop.views import application_forms as forms
from desktop.views import clue_form
from desktop.views.assessment_wizard import AssessmentWizard
from desktop.views.board import BoardPage
from desktop.views.context import AppContext
from desktop.views.discovery import DiscoveryPage
from desktop.views.main_window import MainWindow
from desktop.views.operations import wait_for_background
from desktop.views.visit_form import VisitForm
from tests.district import District
from tests.monitoring_helpers import add_households
from tests.test_assessment import add_household

VIEWS = Path(__file__).resolve().parents[1] / "desktop" / "views"


def _show(qtbot, widget: QWidget) -> QWidget:  # noqa: ANN001
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def test_tab_leaves_the_commitment_text_of_an_application(qtbot, sqlite_district: District,  # noqa: ANN001
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """受理申请 on the commitment track: Tab in 承诺内容 typed a tab character and stayed there; the scan
    button and 受理 below it could not be reached from the keyboard."""
    # closing the dialog at the end throws away what was typed without asking
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes))
    dialog = forms.AcceptDialog(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(dialog)
    _show(qtbot, dialog)
    dialog.inputs.track.setCurrentIndex(dialog.inputs.track.findData(Track.COMMITMENT.value))
    box = dialog.inputs.commitment_text
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.toPlainText() == ""
    assert dialog.focusWidget() is not box


def test_every_box_of_several_lines_in_a_form_lets_tab_move_on() -> None:
    """The same trap was in ten forms (step note, decision reasons, stop reason, post-check findings,
    department feedback, trace-back explanation, override reason, household note, holiday lists): every
    editable box of several lines is now made by keys.text_box."""
    made_directly = []
    for path in sorted(VIEWS.glob("*.py")):
        if path.name == "keys.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QPlainTextEdit":
                made_directly.append(f"{path.name}:{path.read_text(encoding='utf-8').splitlines()[node.lineno - 1].strip()}")
    # only the read-only crash report, which nobody types into
    assert made_directly == ["errors.py:self.text = QPlainTextEdit(report)"]


def test_tab_leaves_a_list_for_the_buttons_beside_it(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """Tab in a list (走访, 线索收件箱, 申请…) walked from cell to cell of every row and never left it."""
    db = sqlite_district.db
    add_households(db, sqlite_district.regions["飞云社区"], "class_1", 3, last_visited_on=date(2026, 1, 5))
    page = BoardPage(AppContext(db, sqlite_district.actor(Role.SUBDISTRICT_CASEWORKER)))
    qtbot.addWidget(page, before_close_func=lambda _w: wait_for_background())
    _show(qtbot, page)
    page.tabs.setCurrentWidget(page.visits)
    table = page.visits.table
    assert table.model().rowCount() == 3
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert page.focusWidget() is not table


def test_after_a_visit_the_next_household_in_the_list_is_selected(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """本季度未走访: the household just visited leaves the list, and the list was left with no row
    selected; Enter then opened nothing, or the first row without showing it. The row that took its
    place is selected, so the worker goes on with Enter."""
    db = sqlite_district.db
    ids = add_households(db, sqlite_district.regions["飞云社区"], "class_1", 3, last_visited_on=date(2026, 1, 5))
    ctx = AppContext(db, sqlite_district.actor(Role.COMMUNITY_WORKER))
    page = BoardPage(ctx)
    qtbot.addWidget(page, before_close_func=lambda _w: wait_for_background())
    _show(qtbot, page)
    page.tabs.setCurrentWidget(page.visits)
    table = page.visits.table
    table.setCurrentIndex(table.model().index(1, 0))

    def fill_and_save(form: VisitForm) -> int:
        form.visitors.setText("陈晓琴、李明")
        form.findings.setPlainText("情况稳定")
        form.save()
        return int(form.result() or 0)

    monkeypatch.setattr(VisitForm, "exec", fill_and_save)
    page.visits.visit_selected()
    rows = page.visits.model.rows
    assert [r.household_id for r in rows] == [ids[0], ids[2]]
    assert table.currentIndex().row() == 1
    assert [i.row() for i in table.selectionModel().selectedRows()] == [1]


def test_the_visit_form_starts_with_the_names_of_the_last_visit(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """Three visits in a row, each time typing the same two names: the form now starts with the
    visitors of this user's last visit, and the cursor in the findings."""
    db = sqlite_district.db
    first, second = add_households(db, sqlite_district.regions["飞云社区"], "class_1", 2)
    worker = sqlite_district.actor(Role.COMMUNITY_WORKER)
    ctx = AppContext(db, worker)
    form = VisitForm(ctx, first)
    qtbot.addWidget(form)
    assert form.visitors.text() == ""
    monitoring.record_visit(db, worker, first, visited_on=date.today(), visitors="陈晓琴、李明", findings="稳定")
    monitoring.record_visit(db, sqlite_district.admin, first, visited_on=date.today(), visitors="管理员",
                            findings="复核")  # someone else's visit does not count
    form = VisitForm(ctx, second)
    qtbot.addWidget(form)
    _show(qtbot, form)
    assert form.visitors.text() == "陈晓琴、李明"
    assert form.focusWidget() is form.findings
    assert form.state() == form._opened  # Esc on it, untouched, asks nothing


def test_the_money_pages_of_the_assessment_start_in_the_first_amount(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """近12个月刚性支出 opened with the keyboard in 住房困难 below the grid (and 收入 at times in the Next
    button); the amounts come first, row by row, then the check boxes."""
    d = sqlite_district
    policy.seed_default_policy(d.db)
    hid = add_household(d.db, d.regions["八泉社区"], [{"name": "刘建国", "born": date(1958, 4, 2)}],
                        incomes={"wages": "15000"})
    wiz = AssessmentWizard(AppContext(d.db, d.actor(Role.SUBDISTRICT_CASEWORKER)), household_id=hid)
    qtbot.addWidget(wiz)
    _show(qtbot, wiz)
    wiz.next()
    wiz.next()
    assert wiz.focusWidget() is next(iter(wiz.incomes.fields.values()))
    wiz.next()
    fields = list(wiz.expenses.fields.values())
    assert wiz.focusWidget() is fields[0]
    for field in fields[1:] + [wiz.expenses.housing]:
        qtbot.keyClick(wiz.focusWidget(), Qt.Key.Key_Tab)
        assert wiz.focusWidget() is field


def test_the_frame_around_a_page_is_not_a_tab_stop(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """From the list of pages, Tab stopped once on nothing (the scroll area round the page) before the
    page's first field; so did the members page of the assessment before the first member."""
    window = MainWindow(AppContext(sqlite_district.db, sqlite_district.actor(Role.SUBDISTRICT_CASEWORKER)))
    qtbot.addWidget(window, before_close_func=lambda _w: wait_for_background())
    _show(qtbot, window)
    window.show_page("board")
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Tab)
    assert not isinstance(window.focusWidget(), QScrollArea)
    wiz = AssessmentWizard(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(wiz)
    assert all(area.focusPolicy() == Qt.FocusPolicy.NoFocus for area in wiz.members.findChildren(QScrollArea))


def test_the_assign_dialog_starts_on_a_community_and_then_on_the_last_one(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A caseworker bulk-assigning new clues of 八泉街道: the dialog started on 八泉街道 itself (Enter
    assigned them where they already were), and forgot the community chosen a moment before."""
    d = sqlite_district
    caseworker = d.actor(Role.SUBDISTRICT_CASEWORKER)
    for i in range(2):
        clues.add_clue(d.db, caseworker, clues.ClueInput(
            source_level="vertical", source="subdistrict", reported_on=date.today(), description=f"来电{i}",
            person_name=f"周{i}", id_number=idcard.make("420203", date(1950, 2, 1 + i), 60 + i), channel="phone"))
    page = DiscoveryPage(AppContext(d.db, caseworker))
    qtbot.addWidget(page)
    inbox = page.inbox
    seen: list[int | None] = []

    def choose(dialog: clue_form.AssignDialog) -> int:
        seen.append(dialog.region_id())
        dialog.region.setCurrentIndex(dialog.region.findData(d.regions["飞云社区"]))
        return 1

    monkeypatch.setattr(clue_form.AssignDialog, "exec", choose)
    for _ in range(2):
        row = next(r for r, c in enumerate(inbox.model.rows) if c.status == "new")
        inbox.table.clearSelection()
        inbox.table.selectRow(row)
        inbox.assign()
        assert wait_for_background()
    assert seen[0] not in (None, d.regions["八泉街道"])
    assert seen[1] == d.regions["飞云社区"]



def test_the_verification_and_result_fields_of_the_assessment_take_alt_keys(qtbot, qapp,  # noqa: ANN001
                                                                            sqlite_district: District) -> None:
    """评估日期, 核查方式, 调查人员, 去向, 理由 and 转介部门 had no Alt letter: the keyboard user tabbed to them."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QLabel

    from desktop import i18n
    from tests.mnemonics import duplicate_mnemonics

    locale = QLocale()
    i18n.install(qapp, "zh_CN")
    try:
        d = sqlite_district
        wiz = AssessmentWizard(AppContext(d.db, d.admin))
        qtbot.addWidget(wiz)
        for page in (wiz.verification, wiz.result):
            labels = [w for w in page.findChildren(QLabel) if "(&" in w.text()]
            assert len(labels) == 3 and all(w.buddy() is not None for w in labels), [w.text() for w in labels]
            assert duplicate_mnemonics(page) == {}
        methods = next(w for w in wiz.verification.findChildren(QLabel) if w.text() == "核查方式(&M):")
        assert methods.buddy().focusProxy() is next(iter(wiz.verification.methods.values()))
    finally:
        i18n.install(qapp, "en")
        QLocale.setDefault(locale)


def test_the_assessment_starts_with_the_investigators_of_the_users_last_one(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """Every survey asked for the same two names again."""
    from desktop.services import assessment as assessment_svc
    from tests.test_assessment import _request

    d = sqlite_district
    policy.seed_default_policy(d.db)
    worker = d.actor(Role.SUBDISTRICT_CASEWORKER)
    assert assessment_svc.last_investigators(d.db, worker) == ""  # before the first
    first = add_household(d.db, d.regions["八泉社区"], [{"name": "刘一"}], incomes={"wages": "60000"})
    inputs = assessment_svc.load_household(d.db, worker, first)
    assessment_svc.save_assessment(d.db, worker, _request(inputs, "class_2", investigators=["王芳", "李强"],
                                                          override_reason="邻里反映家庭困难"))
    assert assessment_svc.last_investigators(d.db, worker) == "王芳、李强"
    assert assessment_svc.last_investigators(d.db, d.admin) == ""  # another user's own
    wiz = AssessmentWizard(AppContext(d.db, worker))
    qtbot.addWidget(wiz)
    assert wiz.verification.investigators.text() == "王芳、李强"
    assert wiz.verification.names() == ["王芳", "李强"]


def test_a_list_reached_with_tab_shows_the_row_enter_acts_on(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """Nothing selected, Tab into a list: Qt made the first row current without highlighting it, so
    Enter opened a row the user could not see. The row is selected; a click still picks its own."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QFocusEvent

    from desktop.views.table_model import RowListTableModel, read_only_table

    class Model(RowListTableModel[tuple]):
        COLUMNS = ("A",)

        def display(self, row: tuple, column: int) -> str:
            return row[column]

    model = Model()
    model.set_rows([("一",), ("二",)])
    table = read_only_table(model)
    qtbot.addWidget(table)
    QCoreApplication.sendEvent(table, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.MouseFocusReason))
    assert not table.selectionModel().hasSelection()  # a click selects what it clicks
    QCoreApplication.sendEvent(table, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason))
    assert [i.row() for i in table.selectionModel().selectedRows()] == [0]
    table.selectRow(1)
    QCoreApplication.sendEvent(table, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason))
    assert [i.row() for i in table.selectionModel().selectedRows()] == [1]  # a selection is kept
