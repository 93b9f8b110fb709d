"""The monitoring page in Qt: drag and drop with the reason dialog, refused and conflicting moves,
paging, live updates keeping the selection, the visit and referral forms."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from sqlalchemy import select

from desktop.models import Household, LibraryMove
from desktop.rules import monitoring as monitoring_rules
from desktop.rules.codes import Role
from desktop.services import households, monitoring, referrals
from desktop.services.database import open_database
from desktop.views import board as board_module
from desktop.views.board import BoardPage
from desktop.views.board_column import BoardListModel
from desktop.views.conflict import ConflictDialog
from desktop.views.context import AppContext
from desktop.views.live import LiveUpdates
from desktop.views.operations import wait_for_background
from desktop.views.referral_form import ReferralForm, ReferralResultDialog, print_letter
from desktop.views.visit_form import VisitForm
from tests.discard import check_discard_question
from tests.district import District
from tests.monitoring_helpers import add_households, household


@pytest.fixture
def ctx(sqlite_district: District) -> AppContext:
    return AppContext(sqlite_district.db, sqlite_district.actor(Role.SUBDISTRICT_CASEWORKER))


def _page(qtbot, ctx: AppContext) -> BoardPage:  # noqa: ANN001
    page = BoardPage(ctx)
    # No background reading may outlive the page (it would run into the next test).
    qtbot.addWidget(page, before_close_func=lambda _w: wait_for_background())
    page.resize(1300, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _drop(page: BoardPage, household_id: int, to_stage: str) -> None:
    """What a drag from one column to another does: the source's mime data dropped on the target."""
    source = next(c for c in page.board.columns.values() if c.model.row_of(household_id) >= 0)
    mime = source.model.mimeData([source.model.index(source.model.row_of(household_id))])
    target = page.board.columns[to_stage].model
    assert target.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert target.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex()) is False


def test_drag_and_drop_asks_reason_and_moves(qtbot, ctx: AppContext, sqlite_district: District) -> None:  # noqa: ANN001
    db = sqlite_district.db
    ids = add_households(db, sqlite_district.regions["飞云社区"], "class_2", 3)
    page = _page(qtbot, ctx)
    board = page.board
    assert board.columns["class_2"].count == 3 and board.columns["class_1"].count == 0
    _drop(page, ids[1], "class_1")
    qtbot.waitUntil(lambda: board.move_dialog is not None and board.move_dialog.isVisible())
    dialog = board.move_dialog
    assert dialog is not None
    assert not dialog.ok_button.isEnabled()  # no reason, no move
    qtbot.keyClicks(dialog.reason_edit, " ")
    assert not dialog.ok_button.isEnabled()  # blank is no reason
    dialog.reason_edit.insertPlainText("走访发现家庭成员患重病")  # (keyClicks takes ASCII only)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: board.columns["class_1"].model.row_of(ids[1]) == 0)
    assert board.columns["class_2"].model.row_of(ids[1]) == -1
    assert board.columns["class_1"].count == 1 and board.columns["class_2"].count == 2
    assert board.columns["class_1"].current_card().id == ids[1]  # the moved card is selected
    assert household(db, ids[1]).stage == "class_1"
    with db.session_factory() as s:
        move = s.scalars(select(LibraryMove)).one()
        assert move.reason == "走访发现家庭成员患重病" and move.created_by_id == ctx.actor.user_id


def test_cancelled_dialog_moves_nothing(qtbot, ctx: AppContext, sqlite_district: District) -> None:  # noqa: ANN001
    [hid] = add_households(sqlite_district.db, sqlite_district.regions["飞云社区"], "to_investigate")
    page = _page(qtbot, ctx)
    _drop(page, hid, "to_check")
    qtbot.waitUntil(lambda: page.board.move_dialog is not None)
    page.board.move_dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert household(sqlite_district.db, hid).stage == "to_investigate"
    assert page.board.columns["to_investigate"].model.row_of(hid) == 0


def test_refused_drop_names_rule(qtbot, ctx: AppContext, sqlite_district: District,  # noqa: ANN001
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    [hid] = add_households(sqlite_district.db, sqlite_district.regions["飞云社区"], "class_1")
    warnings: list[str] = []
    monkeypatch.setattr(board_module.QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    page = _page(qtbot, ctx)
    _drop(page, hid, "assisted")
    qtbot.waitUntil(lambda: bool(warnings))
    assert "只有审批通过的申请才能进入救助中" in warnings[0]
    assert page.board.move_dialog is None
    assert household(sqlite_district.db, hid).stage == "class_1"


def _answer_conflict(board: board_module.BoardTab, choice: int, seen: list) -> None:
    """When the conflict dialog comes up (modal, inside exec()), note what it shows and choose."""

    def poll() -> None:
        dialog = board.conflict_dialog
        if dialog is not None and dialog.isVisible():
            seen.append((dialog.message.text(), dialog.rows(), dialog.keep_button.isVisible()))
            dialog._choose(choice)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_conflicting_move_shows_where_card_is(qtbot, ctx: AppContext, sqlite_district: District) -> None:  # noqa: ANN001
    db = sqlite_district.db
    [hid] = add_households(db, sqlite_district.regions["飞云社区"], "class_1")
    page = _page(qtbot, ctx)
    # Another workstation moves the same card first.
    monitoring.move_card(db, sqlite_district.admin, hid, "class_2", "收入增加", expected_version=None)
    _drop(page, hid, "applying")  # the card on this screen is stale
    qtbot.waitUntil(lambda: page.board.move_dialog is not None)
    page.board.move_dialog.reason_edit.insertPlainText("符合条件")
    seen: list = []
    _answer_conflict(page.board, ConflictDialog.RELOAD, seen)
    page.board.move_dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(seen))
    message, rows, keep_shown = seen[0]
    assert sqlite_district.admin.display_name in message and not keep_shown
    assert ("库别", "二类库", "申请中") in rows
    assert page.board.columns["class_2"].model.row_of(hid) == 0  # shown where it is now
    assert page.board.columns["class_1"].model.row_of(hid) == -1
    assert household(db, hid).stage == "class_2"


def test_a_move_after_another_workstation_changed_the_household_names_who_and_what(
        qtbot, ctx: AppContext, sqlite_district: District, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """The board was loaded; another workstation then saved the household's phone number. The move
    is refused with the conflict dialog of the household form (who, when, what differs), not a
    message that cannot say what changed; re-applying moves it on top of their save."""
    db = sqlite_district.db
    [hid] = add_households(db, sqlite_district.regions["飞云社区"], "class_1")
    errors: list[str] = []
    monkeypatch.setattr(board_module, "show_error", lambda _p, exc: errors.append(exc.message))
    page = _page(qtbot, ctx)
    other_db = open_database(db.url.render_as_string(hide_password=False))  # the other workstation
    try:
        reviewer = sqlite_district.actor(Role.DISTRICT_REVIEWER)
        households.save_household(other_db, reviewer, hid, household(db, hid).version, {"phone": "13912345678"})
    finally:
        other_db.dispose()
    old_phone = "138"  # tests.monitoring_helpers gives every household a 138… number
    _drop(page, hid, "class_2")
    qtbot.waitUntil(lambda: page.board.move_dialog is not None)
    page.board.move_dialog.reason_edit.insertPlainText("收入增加")
    seen: list = []
    _answer_conflict(page.board, ConflictDialog.REAPPLY, seen)
    page.board.move_dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.board.columns["class_2"].model.row_of(hid) == 0)
    assert errors == []  # not a plain message: the conflict dialog
    message, rows, _keep = seen[0]
    assert reviewer.display_name in message and reviewer.username in message and "—" not in message
    by_field = {field: (theirs, mine) for field, theirs, mine in rows}
    assert by_field["联系电话"][0] == "13912345678" and by_field["联系电话"][1].startswith(old_phone)
    assert by_field["库别"] == ("一类库", "二类库")
    assert by_field["户主"][0] == by_field["户主"][1] != "—"
    assert household(db, hid).stage == "class_2"  # re-applied on top of their save
    assert household(db, hid).phone == "13912345678"


def test_columns_page_through_thousands(qtbot, ctx: AppContext, sqlite_district: District,  # noqa: ANN001
                                        qtmodeltester) -> None:  # noqa: ANN001
    add_households(sqlite_district.db, sqlite_district.regions["飞云社区"], "class_1", 450)
    page = _page(qtbot, ctx)
    column = page.board.columns["class_1"]
    assert column.count == 450 and column.model.rowCount() == 200 and column.model.canFetchMore()
    column.view.scrollToBottom()
    qtbot.waitUntil(lambda: column.model.rowCount() > 200)
    while column.model.canFetchMore():
        column.model.fetchMore()
    assert column.model.rowCount() == 450
    ids = [c.id for c in column.model.cards]
    assert ids == sorted(set(ids))
    qtmodeltester.check(column.model)


def test_a_whole_column_refreshed_after_many_arrive_reads_one_page_more(qtbot, ctx: AppContext,  # noqa: ANN001
                                                                         sqlite_district: District) -> None:
    """A column shown whole, then an import puts 1,000 households in it: a refresh reads the cards
    it holds and a page more, not the whole column; scrolling brings the rest."""
    region = sqlite_district.regions["飞云社区"]
    add_households(sqlite_district.db, region, "class_1", 5)
    page = _page(qtbot, ctx)
    column = page.board.columns["class_1"]
    assert column.model.rowCount() == 5 and not column.model.canFetchMore()
    add_households(sqlite_district.db, region, "class_1", 1000)
    page.board.refresh()
    assert column.count == 1005
    assert column.model.rowCount() == 5 + column.model.page_size and column.model.canFetchMore()
    while column.model.canFetchMore():
        column.model.fetchMore()
    ids = [c.id for c in column.model.cards]
    assert len(ids) == 1005 and ids == sorted(set(ids))
    # The same through the background refresh that live updates use.
    add_households(sqlite_district.db, region, "class_1", 300)
    page.board.live_refresh()
    qtbot.waitUntil(lambda: column.count == 1305, timeout=5000)
    assert column.model.rowCount() == 1005 + column.model.page_size and column.model.canFetchMore()


def test_filters_reload_counts(qtbot, ctx: AppContext, sqlite_district: District) -> None:  # noqa: ANN001
    db = sqlite_district.db
    add_households(db, sqlite_district.regions["飞云社区"], "class_1", 4, category="dibao", name="王")
    add_households(db, sqlite_district.regions["八泉社区"], "class_1", 2, category="tekun", name="李")
    page = _page(qtbot, ctx)
    board = page.board
    assert board.columns["class_1"].count == 6
    board.category.setCurrentIndex(board.category.findData("tekun"))
    assert board.columns["class_1"].count == 2
    board.category.setCurrentIndex(0)
    board.search.setText("王")
    qtbot.waitUntil(lambda: board.columns["class_1"].count == 4)
    assert "6" in board.summary.text() or "4" in board.summary.text()


def test_live_update_from_another_workstation_keeps_selection(qtbot, ctx: AppContext,  # noqa: ANN001
                                                              sqlite_district: District) -> None:
    db = sqlite_district.db
    ids = add_households(db, sqlite_district.regions["飞云社区"], "class_1", 60)
    page = _page(qtbot, ctx)
    live = LiveUpdates(ctx, page, interval=0.2)
    live.start()
    try:
        assert live.watcher.wait_ready(5)
        column = page.board.columns["class_1"]
        column.select(ids[40])
        scroll = column.view.verticalScrollBar().value()
        assert scroll > 0
        # Another workstation (its own engine) moves a card above the selection and records a visit.
        from desktop.services.database import open_database

        other = open_database(db.url.render_as_string(hide_password=False))
        try:
            monitoring.move_card(other, sqlite_district.admin, ids[5], "class_2", "情况变化", expected_version=None)
            monitoring.record_visit(other, sqlite_district.admin, ids[41], visited_on=date.today(), visitors="甲",
                                    findings="无变化")
        finally:
            other.dispose()
        qtbot.waitUntil(lambda: page.board.columns["class_2"].model.row_of(ids[5]) == 0, timeout=10000)
        assert column.model.row_of(ids[5]) == -1 and column.count == 59
        assert column.current_card().id == ids[40]  # selection kept
        card41 = column.model.cards[column.model.row_of(ids[41])]
        qtbot.waitUntil(lambda: column.model.cards[column.model.row_of(ids[41])].days_since_visit == 0,
                        timeout=10000)
        assert card41 is not None
        # Scroll position kept (one card of 76 px removed above it at most).
        assert abs(column.view.verticalScrollBar().value() - scroll) <= 80
    finally:
        live.stop()


def test_visit_form_changed_asks_for_assessment(qtbot, ctx: AppContext, sqlite_district: District) -> None:  # noqa: ANN001
    [hid] = add_households(sqlite_district.db, sqlite_district.regions["飞云社区"], "class_1")
    form = VisitForm(ctx, hid)
    qtbot.addWidget(form)
    form.show()
    form.save()  # empty: refused, input kept, form open
    assert "走访人员" in form.problem.text() and form.isVisible()
    form.visitors.setText("李明、王芳")
    form.findings.setPlainText("户主失业,收入下降")
    form.outcome_buttons["changed"].setChecked(True)
    with qtbot.waitSignal(ctx.nav.assessHousehold) as blocker:
        form.save()
    assert blocker.args == [hid]
    h = household(sqlite_district.db, hid)
    assert h.last_visited_on == date.today() and h.next_visit_due is not None


def test_visit_form_eligible_starts_application(qtbot, ctx: AppContext, sqlite_district: District) -> None:  # noqa: ANN001
    [hid] = add_households(sqlite_district.db, sqlite_district.regions["飞云社区"], "class_2")
    form = VisitForm(ctx, hid)
    qtbot.addWidget(form)
    form.visitors.setText("李明")
    form.findings.setPlainText("收入低于低保标准")
    form.outcome_buttons["eligible"].setChecked(True)
    with qtbot.waitSignal(ctx.nav.applyForHousehold) as blocker:
        form.save()
    assert blocker.args == [hid]


def test_referral_form_answer_and_letter(qtbot, ctx: AppContext, sqlite_district: District,  # noqa: ANN001
                                         tmp_path: Path) -> None:
    [hid] = add_households(sqlite_district.db, sqlite_district.regions["飞云社区"], "assisted")
    form = ReferralForm(ctx, hid)
    qtbot.addWidget(form)
    [plain] = add_households(sqlite_district.db, sqlite_district.regions["飞云社区"], "class_1")
    watched = ReferralForm(ctx, plain)  # no assistance: the header names its library, not "无"
    qtbot.addWidget(watched)
    head = watched.findChildren(QLabel)[0].text()
    assert head.endswith("· 一类库") and "· 无" not in head
    # the suggested due date is a working day (15 days on could be 1 October)
    assert form.due_on.date().toPython() == referrals.suggested_due_on(ctx.db)
    from datetime import timedelta

    from desktop.services.calendar import load_calendar

    calendar = load_calendar(ctx.db)
    day_off = next((d for d in (date.today() + timedelta(days=n) for n in range(1, 15))
                    if not calendar.is_workday(d) and calendar.knows(d.year)), None)
    if day_off is not None:  # none in the last days of the last year the calendar knows
        form.due_on.setDate(day_off)
        assert not form.due_note.isHidden() and "顺延至下一个工作日" in form.due_note.text()
    form.due_on.setDate(referrals.suggested_due_on(ctx.db))
    assert form.due_note.isHidden() == calendar.knows(form.due_on.date().year())
    form.save()
    assert "部门" in form.problem.text() and form.referral is None
    form.department.setCurrentIndex(form.department.findData("medical_insurance"))
    form.need.setPlainText("住院费用二次报销")
    form.save()
    assert form.referral is not None and form.referral.department_label == "医保"
    answer = ReferralResultDialog(ctx, form.referral)
    qtbot.addWidget(answer)
    answer.status.setCurrentIndex(answer.status.findData("done"))
    answer.feedback.setPlainText("已报销 3,200 元")
    answer.save()
    assert answer.updated is not None and answer.updated.status == "done"
    pdf = print_letter(ctx, form.referral.id, tmp_path / "转介函.pdf")
    assert pdf.read_bytes()[:4] == b"%PDF" and pdf.stat().st_size > 2000


def test_referral_tab_highlights_overdue_and_exports(qtbot, ctx: AppContext, sqlite_district: District,  # noqa: ANN001
                                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = sqlite_district.db
    [a, b] = add_households(db, sqlite_district.regions["八泉社区"], "class_1", 2)
    late = referrals.create_referral(db, ctx.actor, a, department="housing", need="危房", due_on=date(2026, 1, 10),
                                     today=date(2026, 1, 1))
    referrals.create_referral(db, ctx.actor, b, department="housing", need="租赁补贴", due_on=None)
    page = _page(qtbot, ctx)
    tab = page.referrals
    page.tabs.setCurrentWidget(tab)
    rows = {r.id: i for i, r in enumerate(tab.model.rows)}
    late_index = tab.model.index(rows[late.id], 7)
    assert tab.model.data(late_index, Qt.ItemDataRole.BackgroundRole) is not None
    assert "逾期" in tab.model.data(late_index) or "overdue" in tab.model.data(late_index)
    infos: list[str] = []
    monkeypatch.setattr(board_module.QMessageBox, "information", lambda _p, _t, text: infos.append(text))
    tab.department.setCurrentIndex(tab.department.findData("housing"))
    tab.export_department("housing", str(tmp_path / "住保.xlsx"))
    assert wait_for_background()
    assert (tmp_path / "住保.xlsx").exists() and infos


def test_quarterly_report_from_visits_tab(qtbot, ctx: AppContext, sqlite_district: District,  # noqa: ANN001
                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_households(sqlite_district.db, sqlite_district.regions["飞云社区"], "class_1", 3)
    infos: list[str] = []
    monkeypatch.setattr(board_module.QMessageBox, "information", lambda _p, _t, text: infos.append(text))
    page = _page(qtbot, ctx)
    page.tabs.setCurrentWidget(page.visits)
    assert page.visits.model.rowCount() == 3
    path = tmp_path / "q.xlsx"
    page.visits.export_quarterly_report(2026, 4, str(path))
    assert wait_for_background()
    assert path.exists() and infos and "3" in infos[0]


def test_the_quarterly_report_of_the_current_quarter_says_it_is_progress(  # noqa: ANN001
        qtbot, ctx: AppContext, sqlite_district: District, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dialog offers the current quarter first; its message gave the households not yet visited as
    missing, like a finished quarter's."""
    from desktop.rules import monitoring as rules

    add_households(sqlite_district.db, sqlite_district.regions["飞云社区"], "class_1", 2)
    infos: list[str] = []
    monkeypatch.setattr(board_module.QMessageBox, "information", lambda _p, _t, text: infos.append(text))
    page = _page(qtbot, ctx)
    year, quarter = rules.quarter_of(date.today())
    page.visits.export_quarterly_report(year, quarter, str(tmp_path / "now.xlsx"))
    assert wait_for_background()
    assert len(infos) == 1 and f"到 {rules.quarter_end(year, quarter)} 才结束" in infos[0] and "进度" in infos[0]
    page.visits.export_quarterly_report(*rules.previous_quarter(year, quarter), str(tmp_path / "last.xlsx"))
    assert wait_for_background()
    assert len(infos) == 2 and "才结束" not in infos[1]


def test_supervisor_cannot_drag(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    add_households(sqlite_district.db, sqlite_district.regions["飞云社区"], "class_1")
    page = _page(qtbot, AppContext(sqlite_district.db, sqlite_district.actor(Role.SUPERVISOR)))
    assert not page.board.columns["class_1"].view.dragEnabled()
    assert not page.board.act_move.isEnabled()


def test_model_decodes_only_cards() -> None:
    from PySide6.QtCore import QMimeData

    assert BoardListModel.decode(QMimeData()) is None


def test_household_stage_column_untouched_by_reads(sqlite_district: District) -> None:
    db = sqlite_district.db
    [hid] = add_households(db, sqlite_district.regions["飞云社区"], "class_1")
    monitoring.open_board(db, sqlite_district.admin)
    with db.session_factory() as s:
        assert s.get(Household, hid).version == 1


def test_main_window_runs_live_updates_and_stops_them(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    from desktop.views.main_window import MainWindow

    db = sqlite_district.db
    [hid] = add_households(db, sqlite_district.regions["飞云社区"], "class_1")
    ctx = AppContext(db, sqlite_district.admin)
    window = MainWindow(ctx)
    qtbot.addWidget(window, before_close_func=lambda _w: wait_for_background())
    window.show()
    window.show_page("board")
    page = window.page("board")
    assert isinstance(page, BoardPage)
    assert window.live.watcher.wait_ready(5)
    with qtbot.waitSignal(ctx.changes.changed, timeout=2000) as blocker:
        monitoring.record_visit(db, sqlite_district.admin, hid, visited_on=date.today(), visitors="甲",
                                findings="无变化")  # as if from another workstation
    assert blocker.args[0] in ("*", "visits", "board")
    qtbot.waitUntil(lambda: page.board.columns["class_1"].model.cards[0].days_since_visit == 0, timeout=2000)
    window.close()
    assert not window.live.watcher.running


def test_move_to_a_long_column_shows_card_without_skipping(qtbot, ctx: AppContext,  # noqa: ANN001
                                                           sqlite_district: District) -> None:
    db = sqlite_district.db
    add_households(db, sqlite_district.regions["飞云社区"], "class_1", 450)
    [hid] = add_households(db, sqlite_district.regions["飞云社区"], "class_2")  # sorts after all of them
    page = _page(qtbot, ctx)
    column = page.board.columns["class_1"]
    assert column.model.rowCount() == 200
    _drop(page, hid, "class_1")
    qtbot.waitUntil(lambda: page.board.move_dialog is not None)
    page.board.move_dialog.reason_edit.insertPlainText("收入下降")
    page.board.move_dialog.ok_button.click()
    qtbot.waitUntil(lambda: column.model.row_of(hid) >= 0)
    assert column.current_card().id == hid
    ids = [c.id for c in column.model.cards]
    assert len(ids) == 451 == column.count and ids == sorted(ids)  # nothing skipped on the way


def test_visit_and_referral_forms_ask_before_discarding_what_was_typed(qtbot, ctx: AppContext,  # noqa: ANN001
                                                                      sqlite_district: District,
                                                                      monkeypatch) -> None:  # noqa: ANN001
    """Esc, Cancel or the close button on a form with notes typed asks first; an untouched form closes."""
    [hid] = add_households(sqlite_district.db, sqlite_district.regions["飞云社区"], "class_1")
    check_discard_question(qtbot, monkeypatch, [
        (lambda: VisitForm(ctx, hid), lambda f: f.findings.setPlainText("户主住院,收入中断")),
        (lambda: ReferralForm(ctx, hid), lambda f: f.need.setPlainText("住院费用二次报销"))])


def test_move_answer_close_and_settings_dialogs_ask_before_discarding(qtbot, ctx: AppContext,  # noqa: ANN001
                                                                      sqlite_district: District,
                                                                      monkeypatch) -> None:  # noqa: ANN001
    """The reason of a library move, a department's feedback, a clue's outcome and note, new policy
    values and a new account were lost on Esc without a word; now the dialog asks, and No keeps them."""
    from desktop.rules.codes import SourceLevel
    from desktop.services import clues
    from desktop.views.clue_form import CloseClueDialog
    from desktop.views.policy_settings import SetValuesDialog
    from desktop.views.users import UserDialog

    d = sqlite_district
    [hid] = add_households(d.db, d.regions["飞云社区"], "class_1")
    referral = referrals.create_referral(d.db, d.admin, hid, department="medical_insurance", need="二次报销",
                                         due_on=date.today())
    clue_id = clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level=SourceLevel.INFORMANT, source="civil_affairs_director", reported_on=date.today(),
        description="独居老人", person_name="王五", region_id=d.regions["飞云社区"]))
    clue = clues.get_clue(d.db, d.admin, clue_id)
    admin_ctx = AppContext(d.db, d.admin)
    cases = [
        (lambda: board_module.MoveDialog("张三", "class_1", "class_2"),
         lambda f: f.reason_edit.setPlainText("收入增加")),
        (lambda: ReferralResultDialog(ctx, referral), lambda f: f.feedback.setPlainText("已报销 3,200 元")),
        (lambda: CloseClueDialog(clue), lambda f: f.choices["class_2"].setChecked(True)),
        (lambda: SetValuesDialog(admin_ctx), lambda f: next(iter(f.fields.values())).setText("800")),
        (lambda: UserDialog(admin_ctx), lambda f: f.username.setText("wangfang")),
    ]
    check_discard_question(qtbot, monkeypatch, cases)


def test_visit_and_referral_buttons_say_so_when_nothing_is_selected(qtbot, ctx: AppContext,  # noqa: ANN001
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """记录走访…, 登记部门办理结果… and 转介函(PDF)… did nothing at all when no row was selected."""
    from PySide6.QtWidgets import QMessageBox

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: told.append(text))
    page = _page(qtbot, ctx)
    page.visits.table.clearSelection()
    page.visits.table.setCurrentIndex(QModelIndex())
    page.visits.visit_button.click()
    page.referrals.table.setCurrentIndex(QModelIndex())
    page.referrals.answer_button.click()
    page.referrals.letter_button.click()
    from PySide6.QtCore import QCoreApplication

    referral = QCoreApplication.translate("ReferralsTab", "Select a referral in the list first.")
    assert told == [QCoreApplication.translate("VisitsTab", "Select a household in the list first."), referral,
                    referral]


def test_enter_on_the_visit_and_referral_lists_opens_the_form(qtbot, ctx: AppContext, sqlite_district: District,  # noqa: ANN001
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Keyboard first: Enter on a row of 走访 opened nothing (only a double-click did), nor on 转介."""
    db = sqlite_district.db
    [hid] = add_households(db, sqlite_district.regions["八泉社区"], "class_1")
    referrals.create_referral(db, ctx.actor, hid, department="housing", need="危房", due_on=None)
    opened: list[object] = []
    monkeypatch.setattr(VisitForm, "exec", lambda form: opened.append(form.household_id) or 0)
    monkeypatch.setattr(ReferralResultDialog, "exec", lambda dialog: opened.append("answer") or 0)
    page = _page(qtbot, ctx)
    for tab in (page.visits, page.referrals):
        page.tabs.setCurrentWidget(tab)
        tab.table.setFocus()
        tab.table.setCurrentIndex(tab.model.index(0, 0))
        qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert opened == [hid, "answer"]


def test_a_card_shortens_the_days_since_the_visit_beside_a_long_due_date(qtbot) -> None:  # noqa: ANN001
    """At 1366×768 a card due next year read “9 天未…  应访 2027-03-31”: the text was cut."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFont, QFontMetrics

    from desktop.views.board_column import visit_text

    card = monitoring.Card(1, 1, "class_1", "陆德立", "", "青龙阁社区", "none", "无", date(2026, 11, 21), 9,
                           date(2027, 3, 31), False, 0, 0, None)
    metrics = QFontMetrics(QFont())
    full = QCoreApplication.translate("BoardColumn", "{days} days since visit").format(days=9)
    assert visit_text(card, metrics, 1000) == full
    narrow = metrics.horizontalAdvance(full) - 1
    short = visit_text(card, metrics, narrow)
    assert "9" in short and metrics.horizontalAdvance(short) <= narrow
    # 1024×768, or 150 %: “9 天前” did not fit either and was cut to “9 …”, the number without its unit
    ago = QCoreApplication.translate("BoardColumn", "{days} days ago").format(days=9)
    narrower = metrics.horizontalAdvance(ago) - 1
    shortest = visit_text(card, metrics, narrower)
    assert shortest == QCoreApplication.translate("BoardColumn", "{days} d").format(days=9)
    assert metrics.horizontalAdvance(shortest) <= narrower


def test_a_card_says_next_or_last_year_in_a_word(qtbot) -> None:  # noqa: ANN001
    """“46 天前  应访 2027-03-31” was still cut on a column at 1366×768: the year is said in a word when
    it is next year or last year, and written out only further off."""
    from PySide6.QtCore import QCoreApplication

    from desktop.views.board_column import _short

    year = date.today().year
    assert _short(date(year, 3, 31)) == "03-31"
    assert _short(date(year + 1, 3, 31)) == QCoreApplication.translate("BoardColumn", "next year {md}").format(
        md="03-31")
    assert _short(date(year - 1, 12, 31)) == QCoreApplication.translate("BoardColumn", "last year {md}").format(
        md="12-31")
    assert _short(date(year + 2, 1, 5)) == f"{year + 2}-01-05"


def test_a_visit_can_refer_a_special_need_at_once(qtbot, ctx: AppContext, sqlite_district: District,  # noqa: ANN001
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """RULES §1.4 三及时: refer special needs at once. After a visit the referral had to be looked for
    again on the board; the visit form now offers it, the findings written as the need."""
    [hid] = add_households(sqlite_district.db, sqlite_district.regions["飞云社区"], "class_1")
    page = _page(qtbot, ctx)

    def fill_and_save(form: VisitForm) -> int:
        form.visitors.setText("李明")
        form.findings.setPlainText("房屋漏雨,需危房改造")
        form.refer_after.setChecked(True)
        form.save()
        return int(form.result() or 0)

    referred: list[tuple[int, str]] = []

    def refer(form: ReferralForm) -> int:
        referred.append((form.household_id, form.need.toPlainText()))
        form.department.setCurrentIndex(1)
        form.save()
        return int(form.result() or 0)

    monkeypatch.setattr(VisitForm, "exec", fill_and_save)
    monkeypatch.setattr(ReferralForm, "exec", refer)
    page.tabs.setCurrentWidget(page.visits)
    page.record_visit(hid)
    assert referred == [(hid, "房屋漏雨,需危房改造")]
    assert household(sqlite_district.db, hid).last_visited_on == date.today()
    # the worker's round goes on in the visit list; the referral is there when they look
    assert page.tabs.currentWidget() is page.visits
    assert len(referrals.list_referrals(sqlite_district.db, ctx.actor)) == 1


def test_the_quarterly_report_dialog_offers_no_future_year(qtbot) -> None:  # noqa: ANN001
    dialog = board_module.QuarterDialog()
    qtbot.addWidget(dialog)
    assert dialog.year.maximum() == date.today().year
    assert dialog.year.value() == monitoring_rules.quarter_to_report(date.today())[0]


@pytest.mark.parametrize(("today", "offered", "said"), [
    (date(2027, 1, 5), (2026, 4), "2026年第四季度已结束:报表为该季度的最终数。"),  # the report just due
    (date(2026, 10, 31), (2026, 3), "2026年第三季度已结束"),
    (date(2026, 11, 1), (2026, 4), "2026年第四季度到 2026-12-31 才结束:报表为截至今天的进度"),
    (date(2026, 12, 31), (2026, 4), "到 2026-12-31 才结束"),
])
def test_the_quarterly_report_dialog_opens_on_the_report_due(qtbot, chinese, today: date,  # noqa: ANN001
                                                             offered: tuple[int, int], said: str) -> None:
    """In early January the dialog offered the first quarter just begun (a report of nothing yet): the report due
    then is the fourth quarter's, and the dialog did not say whether its figures were final or progress."""
    dialog = board_module.QuarterDialog(today=today)
    qtbot.addWidget(dialog)
    assert (dialog.year.value(), dialog.quarter.currentData()) == offered
    assert dialog.note.text().startswith(said) or said in dialog.note.text()
    dialog.year.setValue(today.year)
    dialog.quarter.setCurrentIndex(3 if today.month < 10 else 0)
    assert ("尚未开始" in dialog.note.text()) == (today.month < 10)


def test_a_refused_reason_is_asked_again_as_written(qtbot, ctx: AppContext, sqlite_district: District,  # noqa: ANN001
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A reason the service refused (over 2,000 characters) was lost with the dialog."""
    told: list[str] = []
    monkeypatch.setattr(board_module, "show_error", lambda _p, exc: told.append(exc.message))
    [hid] = add_households(sqlite_district.db, sqlite_district.regions["飞云社区"], "class_2")
    page = _page(qtbot, ctx)
    board = page.board
    _drop(page, hid, "class_1")
    qtbot.waitUntil(lambda: board.move_dialog is not None and board.move_dialog.isVisible())
    first = board.move_dialog
    reason = "收入下降" * 501
    first.reason_edit.setPlainText(reason)
    first.ok_button.click()
    qtbot.waitUntil(lambda: board.move_dialog is not None and board.move_dialog is not first)
    assert told and "2000" in told[0]
    again = board.move_dialog
    assert again.reason() == reason and again.ok_button.isEnabled()
    assert household(sqlite_district.db, hid).stage == "class_2"
    again.reason_edit.setPlainText("收入下降")
    again.ok_button.click()
    qtbot.waitUntil(lambda: household(sqlite_district.db, hid).stage == "class_1")


def test_the_visit_list_exports_what_it_shows_with_address_and_phone(qtbot, ctx: AppContext,  # noqa: ANN001
                                                                     sqlite_district: District, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from python_calamine import CalamineWorkbook

    d = sqlite_district
    today = date.today()
    due = add_households(d.db, d.regions["飞云社区"], "class_1", 2, name="访")
    add_households(d.db, d.regions["飞云社区"], "class_2", 1, name="已", last_visited_on=today)  # visited: not due
    add_households(d.db, d.regions["闸口社区"], "class_1", 1, name="外")  # outside the caseworker's area
    infos: list[str] = []
    monkeypatch.setattr(board_module.QMessageBox, "information", lambda _p, _t, text: infos.append(text))
    page = _page(qtbot, ctx)
    page.tabs.setCurrentWidget(page.visits)
    path = tmp_path / "走访.xlsx"
    assert page.visits.export_visit_list(str(path)) is not None
    assert wait_for_background()
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("走访名单").to_python()
    assert rows[0][0].startswith("走访名单 ") and "本季度未走访" in rows[0][0]
    assert rows[1] == monitoring.VISIT_LIST_HEADERS
    with d.db.session_factory() as s:
        want = {(h.head_name, h.address, h.phone) for h in s.scalars(select(Household).where(Household.id.in_(due)))}
    assert {(r[3], r[6], r[5]) for r in rows[2:]} == want  # only the caseworker's households not yet visited
    assert {(r[0], r[1], r[7]) for r in rows[2:]} == {("八泉街道", "飞云社区", "一类库")}
    assert all("*" not in r[4] and len(r[4]) == 18 for r in rows[2:])  # a caseworker sees whole numbers
    assert infos and "2" in infos[-1] and str(path) in infos[-1]

    page.visits.search.setText("没有这个人")
    page.visits.reload()
    assert page.visits.export_visit_list(str(tmp_path / "none.xlsx")) is None
    assert not (tmp_path / "none.xlsx").exists()


def test_the_visits_tab_shows_the_sub_district_beside_the_community(qtbot, chinese, sqlite_district: District,  # noqa: ANN001
                                                                     tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The tab had only 社区(村) while the exported visit list also has 街道(镇): it now shows both."""
    from python_calamine import CalamineWorkbook

    infos: list[str] = []
    monkeypatch.setattr(board_module.QMessageBox, "information", lambda _p, _t, text: infos.append(text))

    d = sqlite_district
    add_households(d.db, d.regions["飞云社区"], "class_1", 1, name="城")
    add_households(d.db, d.regions["道仕袱村"], "class_2", 1, name="乡")
    page = _page(qtbot, AppContext(d.db, d.actor(Role.SUPERVISOR)))
    page.tabs.setCurrentWidget(page.visits)
    tab = page.visits
    tab.state.setCurrentIndex(tab.state.findData("all"))
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    model = tab.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:4] == ["户主", "身份证号", "街道(镇)", "社区(村)"]
    shown = [[model.data(model.index(i, c)) for c in (0, 2, 3)] for i in range(2)]
    assert [row[1:] for row in shown] == [["八泉街道", "飞云社区"], ["河口镇", "道仕袱村"]]
    path = tmp_path / "visits.xlsx"
    assert tab.export_visit_list(str(path)) is not None and wait_for_background()
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [[r[3], r[0], r[1]] for r in sheet[2:]] == shown  # the tab reads as the exported list
    assert infos and str(path) in infos[-1]


def test_visit_list_command_names_what_it_wrote(district: District, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    d = district
    add_households(d.db, d.regions["飞云社区"], "class_1", 2, name="访")
    url = d.db.url.render_as_string(hide_password=False)
    assert main(["visit-list", "--out", str(tmp_path / "v.xlsx"), "--region", "飞云社区", "--database-url", url]) == 0
    assert "已导出走访名单(本季度未走访)2 户" in capsys.readouterr().out
    assert main(["visit-list", "--state", "overdue", "--out", str(tmp_path / "o.xlsx"), "--database-url", url]) == 1
    assert "没有符合条件的家庭(已逾期)" in capsys.readouterr().err and not (tmp_path / "o.xlsx").exists()
    assert main(["audit", "--kind", "access", "--json", "--database-url", url]) == 0
    assert [e["action_label"] for e in json.loads(capsys.readouterr().out)
            if e["action"] == "visit_list.export"] == ["导出走访名单"]


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
def test_the_monitoring_page_fits_the_window_without_scrolling_sideways(qtbot, qapp, sqlite_district: District,  # noqa: ANN001
                                                                         size: tuple[int, int]) -> None:
    """At 1280×720 the referral list scrolled sideways (the department's feedback off screen) and the
    whole page did too, by the few pixels six board columns of 170 needed beyond the window."""
    from PySide6.QtWidgets import QScrollArea

    from desktop import i18n
    from desktop.views.main_window import MainWindow

    db = sqlite_district.db
    i18n.install(qapp, "zh_CN")
    try:
        [hid] = add_households(db, sqlite_district.regions["飞云社区"], "class_1", name="欧阳")
        admin = sqlite_district.admin
        ref = referrals.create_referral(db, admin, hid, department="medical_insurance", today=date(2026, 1, 1),
                                        need="住院自付费用较高,申请医疗救助并协调大病保险二次报销", due_on=date(2026, 1, 10))
        referrals.update_status(db, admin, ref.id, "received", feedback="已接收,正在核对住院票据与报销记录,预计两周内办结")
        window = MainWindow(AppContext(db, admin))
        qtbot.addWidget(window, before_close_func=lambda _w: wait_for_background())
        window.resize(*size)
        window.show()
        window.show_page("board")
        page = window.findChildren(BoardPage)[0]
        holder = page.parentWidget()
        while not isinstance(holder, QScrollArea):
            holder = holder.parentWidget()
        for tab in (page.board, page.visits, page.referrals):
            page.tabs.setCurrentWidget(tab)
            wait_for_background()
            qapp.processEvents()
            assert holder.horizontalScrollBar().maximum() == 0, tab
        table = page.referrals.table
        page.referrals.state.setCurrentIndex(page.referrals.state.findData("all"))
        qapp.processEvents()
        assert page.referrals.model.rowCount() == 1
        assert table.horizontalScrollBar().maximum() == 0
        assert min(table.columnWidth(5), table.columnWidth(8)) >= 150  # need and feedback readable
        assert table.model().data(table.model().index(0, 0)) == f"ZJ{ref.id:06d}"  # as on the letter
        # the date column is the day it was sent, not the status 已转介 (the filter's word for status "sent")
        assert table.model().headerData(1, Qt.Orientation.Horizontal) == "转介日期"
        assert page.referrals.state.itemText(page.referrals.state.findData("sent")) == "已转介"
        assert table.model().data(table.model().index(0, 5), Qt.ItemDataRole.ToolTipRole).startswith("住院")
    finally:
        i18n.install(qapp, "en")


def test_an_empty_board_column_says_why(qtbot, ctx: AppContext, sqlite_district: District) -> None:  # noqa: ANN001
    """An empty column was a bare grey box (no household, a filter too narrow, or still loading?), and
    the line under the board counted the district's visits while the board showed nobody."""
    db = sqlite_district.db
    add_households(db, sqlite_district.regions["飞云社区"], "class_1", 2, name="欧阳", stage_since=date(2026, 1, 5))
    page = _page(qtbot, ctx)
    columns = page.board.columns
    assert not columns["class_1"].empty_hint.isVisible()
    plain = columns["class_2"].empty_hint
    assert plain.isVisible() and plain.text() and "filter" not in plain.text()
    assert "2 need quarterly visits" in page.board.summary.text()
    page.board.search.setText("没有这个人")
    page.board.reload()
    assert all(c.empty_hint.isVisible() for c in columns.values())
    assert "filter" in columns["class_1"].empty_hint.text()
    assert page.board.summary.text().startswith("0 households on the board · 0 need quarterly visits")
    page.board.search.clear()
    page.board.reload()
    assert not columns["class_1"].empty_hint.isVisible() and "filter" not in columns["class_2"].empty_hint.text()


def test_an_empty_list_after_a_search_names_the_search(qtbot, ctx: AppContext, sqlite_district: District) -> None:  # noqa: ANN001
    """A search that found nothing left a note blaming "the department and status above" (or “Show”
    and the region), which the user had not changed."""
    from desktop.views.table_model import EmptyHint

    [hid] = add_households(sqlite_district.db, sqlite_district.regions["八泉社区"], "class_1")
    referrals.create_referral(sqlite_district.db, ctx.actor, hid, department="housing", need="危房", due_on=None)
    page = _page(qtbot, ctx)
    for tab in (page.visits, page.referrals):
        page.tabs.setCurrentWidget(tab)
        tab.search.setText("没有这个人")
        tab.reload()
        hint = tab.table.findChild(EmptyHint)
        assert tab.model.rowCount() == 0 and hint.isVisible() and "search" in hint.text()


def test_visits_tab_lists_community_by_community_as_the_exported_list(qtbot, ctx: AppContext,  # noqa: ANN001
                                                                       sqlite_district: District,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The tab listed households by id (飞云社区's, added first, above 八泉社区's) while the visit list
    it exports goes by community; scrolled a page at a time it keeps that order to the end."""
    monkeypatch.setattr(board_module.VisitTableModel, "PAGE_SIZE", 2)
    r = sqlite_district.regions
    later = add_households(sqlite_district.db, r["飞云社区"], "class_1", 3)
    first = add_households(sqlite_district.db, r["八泉社区"], "class_2", 2)
    page = _page(qtbot, ctx)
    page.tabs.setCurrentWidget(page.visits)
    page.visits.state.setCurrentIndex(page.visits.state.findData("all"))
    model = page.visits.model
    while model.canFetchMore():
        model.fetchMore()
    assert [row.household_id for row in model.rows] == first + later
    assert [model.index(i, 3).data() for i in range(model.rowCount())] == ["八泉社区"] * 2 + ["飞云社区"] * 3


def test_a_card_visited_today_says_so(qtbot, chinese) -> None:  # noqa: ANN001
    """Session 38: a card visited the same day read “0 天未走访” (not visited for 0 days)."""
    from PySide6.QtGui import QFont, QFontMetrics

    from desktop.views.board_column import card_tooltip, visit_text

    card = monitoring.Card(1, 1, "class_1", "孙玲月", "", "青龙阁社区", "none", "无", date.today(), 0,
                           date.today() + timedelta(days=90), False, 0, 0, None)
    assert visit_text(card, QFontMetrics(QFont()), 1000) == "今天已走访"
    assert f"最近走访:{date.today()}(今天)" in card_tooltip(card)
