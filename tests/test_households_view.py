"""Household browser views (pytest-qt): the table model under Qt's model tester, search and filters
through the widgets, live updates, keyboard, export off the UI thread, and the conflict dialog when two
workstations edit the same household."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from python_calamine import CalamineWorkbook

from desktop import i18n
from desktop.rules import idcard
from desktop.rules.codes import Role, Stage
from desktop.services import households as hs
from desktop.views.conflict import ConflictDialog
from desktop.views.context import AppContext
from desktop.views.household_detail import HouseholdDetailDialog, MemberDialog
from desktop.views.households import HouseholdsPage, HouseholdTableModel
from desktop.views.operations import wait_for_background
from tests.columns import menu_actions, shown_columns
from tests.discard import check_discard_question
from tests.district import District

# Run in Simplified Chinese, as users see it (conftest's fixture: no translator left behind).
pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def homes(sqlite_district: District) -> dict[str, int]:
    d = sqlite_district

    def add(community: str, name: str, number: str, **extra) -> int:  # noqa: ANN003
        return hs.create_household(d.db, d.admin, region_id=d.regions[community], address=extra.pop("address", "八泉路1号"),
                                   head={"name": name, "id_number": number}, **extra)

    ids = {"zhang": add("八泉社区", "张三", "420203199001011238", stage=Stage.CLASS_I, address="八泉路12号")}
    for i in range(1, 250):  # more than two pages of the model
        community = ("八泉社区", "飞云社区", "闸口社区", "道仕袱村")[i % 4]
        ids[f"h{i}"] = add(community, f"{'王李赵钱'[i % 4]}{i}", idcard.make("420203", date(1960, 1, 1), i),
                           address=f"{'颐阳路' if i % 2 else '磁湖路'}{i}号",
                           stage=Stage.CLASS_II if i % 5 == 0 else None)
    ids["li"] = add("飞云社区", "李四", "11010519491231002X", address="飞云路8号")
    return ids


def test_table_model_passes_qt_model_tester(qtmodeltester, sqlite_district: District, homes: dict[str, int]) -> None:  # noqa: ANN001
    model = HouseholdTableModel(sqlite_district.db, sqlite_district.admin)
    model.set_filter(hs.HouseholdFilter())
    assert model.rowCount() == 100 and model.counting  # the first page at once, the count from a worker
    assert model.wait_for_count() and model.rowCount() == 251
    qtmodeltester.check(model, force_py=True)
    # The tester keeps watching: sorting (reset) and live reloads that add or remove rows.
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.wait_for_count()
    assert model.data(model.index(250, 1)) == "张三"
    d = sqlite_district
    hs.create_household(d.db, d.admin, region_id=d.regions["八泉社区"], address="新户1号",
                        head={"name": "新户", "id_number": idcard.make("420203", date(1999, 9, 9), 9)})
    model.reload()
    model.wait_for_count()
    assert model.rowCount() == 252
    model.set_filter(hs.HouseholdFilter(search="王"))
    assert model.rowCount() == 62 and {model.data(model.index(r, 1))[0] for r in range(62)} == {"王"}
    # Only the pages looked at are held, never the whole table (a model the tester does not read).
    plain = HouseholdTableModel(sqlite_district.db, sqlite_district.admin)
    plain.set_filter(hs.HouseholdFilter())
    plain.wait_for_count()
    plain.data(plain.index(250, 0))
    assert plain.rowCount() == 252 and plain.cached_pages() == 2  # the first page and the last


def test_search_and_filters_through_the_page(qtbot, sqlite_district: District, homes: dict[str, int]) -> None:  # noqa: ANN001
    ctx = AppContext(sqlite_district.db, sqlite_district.actor(Role.COMMUNITY_WORKER))  # 飞云社区 only, masked IDs
    page = HouseholdsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.model.wait_for_count()
    assert page.model.rowCount() == 64  # 63 numbered + 李四
    assert "64" in page.count_label.text()
    page.search.setText("31002x")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.data(page.model.index(0, 1)) == "李四"
    assert page.model.data(page.model.index(0, 2)) == "110105********002X"
    assert "002X" in page.hint_label.text()
    page.search.clear()
    page.stage.setCurrentIndex(page.stage.findData(Stage.CLASS_II))
    qtbot.waitUntil(lambda: page.model.rowCount() == 13)  # i % 5 == 0 and i % 4 == 1 → 5, 25, …, 245
    page.stage.setCurrentIndex(0)
    admin_page = HouseholdsPage(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(admin_page)
    admin_page.regions.select_region(sqlite_district.regions["河口镇"])
    admin_page.model.wait_for_count()
    assert admin_page.model.rowCount() == 124
    admin_page.search.setText("颐阳路1")
    admin_page.apply_filter()  # a piece of the address: searched off the UI thread
    assert wait_for_background()
    admin_page.model.wait_for_count()
    names = {admin_page.model.data(admin_page.model.index(r, 5)) for r in range(admin_page.model.rowCount())}
    assert names and all(n.startswith("颐阳路1") for n in names)
    admin_page.search.setText("张")
    admin_page.apply_filter()
    assert admin_page.model.rowCount() == 0  # 张三 lives in 八泉社区, not 河口镇
    admin_page.regions.select_region(None)
    admin_page.model.wait_for_count()
    assert admin_page.model.rowCount() == 1


def page_in_its_search_box(qtbot, ctx: AppContext) -> HouseholdsPage:  # noqa: ANN001
    """The household list shown and active, the user in the table pressing Ctrl+F (the search box takes it)."""
    page = HouseholdsPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search
    return page


def test_keyboard_and_live_updates(qtbot, sqlite_district: District, homes: dict[str, int]) -> None:  # noqa: ANN001
    ctx = AppContext(sqlite_district.db, sqlite_district.admin)
    page = page_in_its_search_box(qtbot, ctx)
    page.search.setText("李四")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.table and page.selected_household() == homes["li"]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.details[homes["li"]]
    assert isinstance(dialog, HouseholdDetailDialog) and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    # Another workstation changes the selected household: the row updates in place, still selected.
    page.search.clear()
    page.apply_filter()
    page.model.wait_for_count()
    page.table.selectRow(200)
    chosen = page.selected_household()
    assert chosen is not None
    page.table.scrollTo(page.model.index(200, 0))
    scroll = page.table.verticalScrollBar().value()
    d = hs.get_household(ctx.db, sqlite_district.admin, chosen)
    hs.save_household(ctx.db, sqlite_district.actor(Role.DISTRICT_REVIEWER), chosen, d.version, {"address": "新地址1号"})
    ctx.changes.publish("households", chosen)
    qtbot.waitUntil(lambda: page.model.data(page.model.index(200, 5)) == "新地址1号")
    assert page.selected_household() == chosen and page.table.verticalScrollBar().value() == scroll


def test_export_runs_in_background_and_reads_back(qtbot, sqlite_district: District, homes: dict[str, int],  # noqa: ANN001
                                                  tmp_path: Path) -> None:
    page = HouseholdsPage(AppContext(sqlite_district.db, sqlite_district.actor(Role.COMMUNITY_WORKER)))
    qtbot.addWidget(page)
    page.search.setText("李")
    page.apply_filter()
    path = tmp_path / "export.xlsx"
    page.start_export(page.current_filter(), str(path))
    assert wait_for_background()
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("家庭户").to_python()
    shown = [[page.model.data(page.model.index(r, c)) for c in (1, 2, 5)] for r in range(page.model.rowCount())]
    assert [[line[1], line[2], line[5]] for line in rows[1:]] == shown
    assert all("*" in line[2] for line in rows[1:]) and len(rows) - 1 == page.model.rowCount() > 0
    assert "导出" in page.hint_label.text() or "Exported" in page.hint_label.text()


def answer_dialog(qtbot, handler: Callable[[ConflictDialog], None], seen: list) -> None:  # noqa: ANN001
    """When the conflict dialog comes up (modal, inside exec()), hand it to ``handler``."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, ConflictDialog):
            seen.append((widget.message.text(), widget.rows()))  # read before it closes (and is deleted)
            handler(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def press_ctrl_s(qtbot, window: QWidget) -> None:  # noqa: ANN001
    """Ctrl+S as the user presses it: in the active window."""
    qtbot.wait(10)  # let a closed dialog go
    if not window.isActiveWindow():
        with qtbot.waitActive(window):
            window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_two_workstations_edit_the_same_household(qtbot, sqlite_district: District, homes: dict[str, int]) -> None:  # noqa: ANN001
    db = sqlite_district.db
    first = AppContext(db, sqlite_district.actor(Role.DISTRICT_REVIEWER))
    second = AppContext(db, sqlite_district.admin)
    hid = homes["zhang"]
    mine = HouseholdDetailDialog(second, hid)
    theirs = HouseholdDetailDialog(first, hid)
    qtbot.addWidget(mine)
    qtbot.addWidget(theirs)
    mine.show()
    theirs.show()
    try:
        check_two_workstations(qtbot, db, sqlite_district, hid, mine, theirs)
    finally:  # never leave a dirty window behind (closing it would ask, and wait)
        mine.revert()
        theirs.revert()


def check_two_workstations(qtbot, db, district: District, hid: int, mine: HouseholdDetailDialog,  # noqa: ANN001
                           theirs: HouseholdDetailDialog, phone_before: str = "—") -> None:
    """``phone_before``: the household's phone as both windows opened it (shown as — when empty)."""
    admin = district.admin
    # Both start typing; the reviewer saves first (Ctrl+S).
    theirs.address.setText("八泉路20号(审核员)")
    press_ctrl_s(qtbot, theirs)
    assert hs.get_household(db, admin, hid).address == "八泉路20号(审核员)"
    mine.address.setText("八泉路30号(管理员)")
    mine.phone.setText("13900000000")
    seen: list[tuple[str, list]] = []
    answer_dialog(qtbot, lambda dlg: dlg.keep_button.click(), seen)
    press_ctrl_s(qtbot, mine)
    assert len(seen) == 1
    message, rows = seen[0]
    assert "测试district_reviewer" in message
    assert ("地址", "八泉路20号(审核员)", "八泉路30号(管理员)") in rows
    assert ("联系电话", phone_before, "13900000000") in rows
    # Kept editing: the typing is still there, nothing was overwritten.
    assert mine.address.text() == "八泉路30号(管理员)" and mine.phone.text() == "13900000000"
    assert hs.get_household(db, admin, hid).address == "八泉路20号(审核员)"
    # Second try: re-apply mine on top of theirs.
    answer_dialog(qtbot, lambda dlg: dlg.reapply_button.click(), seen)
    press_ctrl_s(qtbot, mine)
    assert len(seen) == 2
    saved = hs.get_household(db, admin, hid)
    assert (saved.address, saved.phone) == ("八泉路30号(管理员)", "13900000000")
    assert not mine.is_dirty() and mine.version == saved.version
    # The reviewer's window is now stale; they choose to reload and see the admin's values.
    theirs.phone.setText("0714-6666666")
    answer_dialog(qtbot, lambda dlg: dlg.reload_button.click(), seen)
    assert theirs.save() is False
    assert len(seen) == 3
    assert theirs.address.text() == "八泉路30号(管理员)" and theirs.phone.text() == "13900000000"
    assert not theirs.is_dirty()
    actions = [e.title for e in hs.get_household(db, admin, hid).audit]
    assert actions.count("修改户信息") == 2


def test_member_dialog_checks_as_the_user_types(qtbot, sqlite_district: District, homes: dict[str, int]) -> None:  # noqa: ANN001
    ctx = AppContext(sqlite_district.db, sqlite_district.admin)
    detail = HouseholdDetailDialog(ctx, homes["zhang"])
    qtbot.addWidget(detail)
    dialog = MemberDialog(detail, None)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    dialog.name.setText("张小")
    qtbot.keyClicks(dialog.id_number, "420200199001011233")
    assert "校验码错误" in dialog.problems.text() and not save.isEnabled()
    dialog.id_number.setText("11010519491231002X")
    qtbot.waitUntil(lambda: "该身份证号已属于" in dialog.problems.text())
    li_code = hs.get_household(ctx.db, ctx.actor, homes["li"]).code
    assert f"该身份证号已属于 {li_code} 户(户主 李四),同一人不能重复登记;如已迁入本户,请先从该户删除此成员" in dialog.problems.text()
    child = idcard.make("420203", date(2016, 2, 29), 4)
    dialog.id_number.setText(child)
    dialog.birth_date.setText("2016-03-01")
    qtbot.waitUntil(lambda: "该身份证号已属于" not in dialog.problems.text())
    assert "2016-02-29" in dialog.problems.text()
    dialog.birth_date.clear()
    dialog.relation.setCurrentIndex(dialog.relation.findData("child"))
    assert dialog.problems.text() == "" and save.isEnabled()
    save.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [m.name for m in detail.current.members] == ["张三", "张小"]
    assert detail.version == hs.get_household(ctx.db, ctx.actor, homes["zhang"]).version


def test_main_window_opens_a_household_on_request(qtbot, sqlite_district: District, homes: dict[str, int]) -> None:  # noqa: ANN001
    from desktop.views.main_window import MainWindow

    ctx = AppContext(sqlite_district.db, sqlite_district.admin)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    ctx.nav.openHousehold.emit(homes["li"])
    page = window.page("households")
    assert isinstance(page, HouseholdsPage)
    dialog: QWidget = page.details[homes["li"]]
    assert dialog.isVisible() and "李四" in dialog.windowTitle()
    dialog.close()


def test_member_and_money_dialogs_ask_before_discarding_input(qtbot, sqlite_district: District,  # noqa: ANN001
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Esc in the member or the income/expense dialog with something typed asks first (the household
    form itself always did; the small dialogs closed at once and the typing was gone). Unchanged, they
    close without a question."""

    from desktop.views.household_detail import MoneyDialog

    d = sqlite_district
    hid = hs.create_household(d.db, d.admin, region_id=d.regions["八泉社区"], address="八泉路1号",
                              head={"name": "张三", "id_number": "420203199001011238"})
    detail = HouseholdDetailDialog(AppContext(d.db, d.admin), hid)
    qtbot.addWidget(detail)
    check_discard_question(qtbot, monkeypatch, [
        (lambda: MemberDialog(detail, None), lambda w: w.name.setText("张小")),
        (lambda: MemberDialog(detail, detail.current.members[0]), lambda w: w.phone.setText("139")),
        (lambda: MoneyDialog(detail, "income", None), lambda w: w.amount.setText("12000"))])
    assert len(hs.get_household(d.db, d.admin, hid).members) == 1


def test_household_fields_stop_at_the_column_length(qtbot, sqlite_district: District,  # noqa: ANN001
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A text longer than its column could not be saved on PostgreSQL (a database error in the crash
    dialog; SQLite stored it): the fields stop where the column does."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.models import Household, Income, Member
    from desktop.views.household_detail import MoneyDialog

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    d = sqlite_district
    hid = hs.create_household(d.db, d.admin, region_id=d.regions["八泉社区"], address="八泉路1号",
                              head={"name": "张三", "id_number": "420203199001011238"})
    detail = HouseholdDetailDialog(AppContext(d.db, d.admin), hid)
    qtbot.addWidget(detail)
    member = MemberDialog(detail, None)
    money = MoneyDialog(detail, "income", None)
    qtbot.addWidget(member)
    qtbot.addWidget(money)
    for edit, column in ((detail.code, Household.code), (detail.address, Household.address),
                         (detail.phone, Household.phone), (member.name, Member.name), (member.phone, Member.phone),
                         (money.note, Income.note)):
        edit.setText("长" * 400)
        assert len(edit.text()) == column.type.length, column


def test_a_new_income_line_joins_the_household_figures_date(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """An assessment counts the household's latest set of figures (the lines with the latest date). A
    line added today to figures dated earlier would start a set of its own and hide the others, so
    the dialog proposes the date of the figures there are (today when there are none)."""
    from datetime import date

    from desktop.views.household_detail import MoneyDialog

    d = sqlite_district
    hid = hs.create_household(d.db, d.admin, region_id=d.regions["八泉社区"], address="八泉路1号",
                              head={"name": "张三", "id_number": "420203199001011238"})
    detail = HouseholdDetailDialog(AppContext(d.db, d.admin), hid)
    qtbot.addWidget(detail)
    empty = MoneyDialog(detail, "income", None)
    qtbot.addWidget(empty)
    assert empty.period_end.date().toPython() == date.today()
    version = hs.get_household(d.db, d.admin, hid).version
    hs.add_income(d.db, d.admin, hid, version, {"kind": "wages", "amount": "24000", "period_end": "2026-03-31"})
    detail = HouseholdDetailDialog(AppContext(d.db, d.admin), hid)
    qtbot.addWidget(detail)
    income = MoneyDialog(detail, "income", None)
    expense = MoneyDialog(detail, "expense", None)
    qtbot.addWidget(income)
    qtbot.addWidget(expense)
    assert income.period_end.date().toPython() == date(2026, 3, 31)
    assert expense.period_end.date().toPython() == date.today()  # no expenses yet


def test_an_open_household_shows_a_visit_and_a_referral_made_meanwhile(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                       homes: dict[str, int]) -> None:
    """A visit recorded on the board while the household was open did not show in its history, and
    the household's next save met the conflict dialog over the user's own visit."""
    from desktop.services import monitoring, referrals

    db, admin, hid = sqlite_district.db, sqlite_district.admin, homes["zhang"]
    ctx = AppContext(db, admin)
    detail = HouseholdDetailDialog(ctx, hid)
    qtbot.addWidget(detail)
    detail.show()
    monitoring.record_visit(db, admin, hid, visited_on=date.today(), visitors="李明", findings="无变化")
    ctx.changes.publish("visits", hid)

    def visits_shown() -> str:
        return next(detail.history.topLevelItem(i).text(0) for i in range(detail.history.topLevelItemCount())
                    if detail.history.topLevelItem(i).text(0).startswith("走访"))

    assert visits_shown().endswith("(1)")
    assert detail.version == hs.get_household(db, admin, hid).version
    detail.phone.setText("13911112222")
    referrals.create_referral(db, admin, hid, department="housing", need="危房", due_on=None)
    ctx.changes.publish("referrals", hid)
    assert detail.phone.text() == "13911112222"  # what was typed stays
    assert any(detail.history.topLevelItem(i).text(0).startswith("转介")
               and detail.history.topLevelItem(i).text(0).endswith("(1)")
               for i in range(detail.history.topLevelItemCount()))
    assert detail.save() is not False
    assert hs.get_household(db, admin, hid).phone == "13911112222"


def test_number_columns_fit_a_whole_household_and_id_number(qtbot, sqlite_district: District,  # noqa: ANN001
                                                             homes: dict[str, int]) -> None:
    """The household number column was 90 px at any font: the district's 17-digit numbers read
    "420203001…". It and the ID number column are measured in the table's own font."""
    page = HouseholdsPage(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(page)
    metrics = page.table.fontMetrics()
    for column, text in ((0, "42020300100700001"), (2, "42020319830809114X")):
        assert page.table.columnWidth(column) >= metrics.horizontalAdvance(text) + 8, column


def test_every_column_fits_a_maximized_window_at_1366(qtbot, sqlite_district: District,  # noqa: ANN001
                                                       homes: dict[str, int]) -> None:
    """At 1366×768 maximized the table scrolled sideways (a 260-pixel address column): 救助类别,
    监测库别, 最近评估 and 下次走访 began off-screen. The columns are sized to their headers and contents
    and the address takes what is left, cut on the left (the building and room that tell rows apart)
    with the whole address in its tool tip; the numbers stay whole."""
    from PySide6.QtWidgets import QHeaderView, QScrollArea, QStyle, QStyleOptionViewItem

    from desktop.views.main_window import MainWindow

    window = MainWindow(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(window)
    window.resize(1366, 690)  # a maximized window's room above the taskbar
    window.show()
    window.show_page("households")
    page = window.page("households")
    qtbot.waitUntil(lambda: page.table.viewport().width() > 0 and page.model.rowCount() > 0)
    table, header = page.table, page.table.horizontalHeader()
    assert window.width() == 1366
    holder = page.parentWidget()
    while not isinstance(holder, QScrollArea):
        holder = holder.parentWidget()
    assert holder.horizontalScrollBar().maximum() == 0  # nor does the page: the search bar with its four lists fits
    assert table.viewport().width() >= header.length(), [header.sectionSize(c) for c in range(header.count())]
    assert table.horizontalScrollBar().maximum() == 0
    assert header.sectionResizeMode(5) == QHeaderView.ResizeMode.Stretch and header.sectionSize(5) >= 60
    # The ID number and the household number are not elided: their text with the cell's margins fits.
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    for row in range(5):
        text = page.model.data(page.model.index(row, 2))
        assert len(text) == 18 and table.fontMetrics().horizontalAdvance(text) + margin <= header.sectionSize(2)
    assert table.fontMetrics().horizontalAdvance("42020300100700001") + margin <= header.sectionSize(0)
    # The address is cut on the left, whole in its tool tip.
    option = QStyleOptionViewItem()
    index = page.model.index(0, 5)
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    assert option.textElideMode == Qt.TextElideMode.ElideLeft
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole) == page.model.data(index)


def zhang_window(qtbot, d: District) -> tuple[int, HouseholdDetailDialog]:  # noqa: ANN001
    """A new household of 张三 alone (no income, no expense) and its detail window, shown."""
    hid = hs.create_household(d.db, d.admin, region_id=d.regions["八泉社区"], address="八泉路1号",
                              head={"name": "张三", "id_number": "420203199001011238"})
    detail = HouseholdDetailDialog(AppContext(d.db, d.admin), hid)
    qtbot.addWidget(detail)
    detail.show()
    return hid, detail


def test_household_detail_gives_every_field_an_alt_key_and_says_who_saved_only_when_known(  # noqa: ANN201
        qtbot, sqlite_district: District):  # noqa: ANN001
    """城乡类别:, 备注:, 性别:, 成员:, 类型: … had no Alt key; the income and expense lists on one tab
    had two 添加…/修改…/删除 rows without any; a household saved by an import read "最后保存:…,—"."""
    from PySide6.QtWidgets import QFormLayout, QLabel

    from desktop.views.household_detail import MoneyDialog
    from tests.mnemonics import duplicate_mnemonics

    d = sqlite_district
    hid, detail = zhang_window(qtbot, d)
    assert "最后保存:" in detail.read_only.text() and "(" in detail.read_only.text()  # saved by 周… (admin)
    for tab in range(3):
        detail.tabs.setCurrentIndex(tab)
        assert duplicate_mnemonics(detail) == {}, tab
    detail.tabs.setCurrentIndex(2)
    buttons = [b.text() for b in detail.tabs.currentWidget().findChildren(QPushButton)]
    assert len(buttons) == 6 and all("&" in text for text in buttons), buttons
    forms = [detail, MemberDialog(detail, None), MoneyDialog(detail, "income", None)]
    for form in forms[1:]:
        qtbot.addWidget(form)
        form.show()
        assert duplicate_mnemonics(form) == {}, form.windowTitle()
    for form in forms:
        for layout in form.findChildren(QFormLayout):
            for row in range(layout.rowCount()):
                label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if label is not None and isinstance(label.widget(), QLabel) and label.widget().text():
                    assert "&" in label.widget().text(), label.widget().text()


def test_a_household_saved_by_nobody_known_shows_the_time_alone(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    from sqlalchemy import update

    from desktop.models import Household

    d = sqlite_district
    hid = hs.create_household(d.db, d.admin, region_id=d.regions["八泉社区"], address="八泉路1号",
                              head={"name": "张三", "id_number": "420203199001011238"})
    with d.db.session_factory() as s:  # as the register import and the demo leave it
        s.execute(update(Household).where(Household.id == hid).values(updated_by_id=None))
        s.commit()
    detail = HouseholdDetailDialog(AppContext(d.db, d.admin), hid)
    qtbot.addWidget(detail)
    saved = detail.read_only.text().splitlines()[-1]
    assert saved.startswith("最后保存:") and "—" not in saved and "," not in saved, saved


def test_an_empty_registry_says_what_to_do_first(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """A new office's households page was a blank white box: it now says how households come in, and
    a search that finds nothing says so instead."""
    page = HouseholdsPage(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(page)
    page.show()
    page.model.wait_for_count()
    qtbot.waitUntil(lambda: not page.empty_hint.isHidden())
    assert page.model.rowCount() == 0
    assert "还没有家庭档案" in page.empty_hint.text() and "导入家庭台账" in page.empty_hint.text()
    assert "区划管理" in page.empty_hint.text()  # where a new office sets up its sub-districts and communities
    page.search.setText("张")
    qtbot.waitUntil(lambda: "没有符合" in page.empty_hint.text())
    assert not page.empty_hint.isHidden()
    page.search.clear()
    qtbot.waitUntil(lambda: "还没有家庭档案" in page.empty_hint.text())


def test_the_empty_note_stays_away_while_households_are_listed(qtbot, sqlite_district: District,  # noqa: ANN001
                                                              homes: dict[str, int]) -> None:
    page = HouseholdsPage(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(page)
    page.show()
    page.model.wait_for_count()
    assert page.model.rowCount() > 0 and page.empty_hint.isHidden()


def test_removing_the_head_is_refused_before_asking_to_confirm(qtbot, sqlite_district: District,  # noqa: ANN001
                                                               homes: dict[str, int],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The window asked "remove 张三 and their income lines?" and only then said the head cannot be removed."""
    from PySide6.QtWidgets import QMessageBox

    detail = HouseholdDetailDialog(AppContext(sqlite_district.db, sqlite_district.admin), homes["zhang"])
    qtbot.addWidget(detail)
    head = next(m for m in detail.current.members if m.relation == "self")
    for i in range(detail.members.topLevelItemCount()):
        if detail.members.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == head.id:
            detail.members.setCurrentItem(detail.members.topLevelItem(i))
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    detail.remove_member()
    assert asked == [] and told == [hs.head_not_removed(head.name)]
    assert any(m.id == head.id for m in hs.get_household(sqlite_district.db, sqlite_district.admin,
                                                         homes["zhang"]).members)


def _family(d: District) -> int:
    """张三 (head), his wife 王芳 and their son 张小 in 八泉社区."""
    hid = hs.create_household(d.db, d.admin, region_id=d.regions["八泉社区"], address="八泉路1号",
                              head={"name": "张三", "id_number": "420203199001011238"})
    version = hs.get_household(d.db, d.admin, hid).version
    for name, number, relation in (("王芳", idcard.make("420203", date(1991, 2, 3), 22), "spouse"),
                                   ("张小", idcard.make("420203", date(2015, 6, 1), 31), "child")):
        _mid, version = hs.add_member(d.db, d.admin, hid, version, {"name": name, "id_number": number,
                                                                    "relation": relation})
    return hid


def _select_member(detail: HouseholdDetailDialog, name: str) -> hs.MemberInfo:
    member = next(m for m in detail.current.members if m.name == name)
    for i in range(detail.members.topLevelItemCount()):
        if detail.members.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == member.id:
            detail.members.setCurrentItem(detail.members.topLevelItem(i))
    return member


def test_member_dialog_keeps_one_head(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """The head's relation could be set to 子女 (a household with no head), or a member's to 本人."""
    detail = HouseholdDetailDialog(AppContext(sqlite_district.db, sqlite_district.admin), _family(sqlite_district))
    qtbot.addWidget(detail)
    head = MemberDialog(detail, _select_member(detail, "张三"))
    qtbot.addWidget(head)
    assert not head.relation.isEnabled() and head.relation.currentData() == "self"
    assert head.head_hint.text() == head.tr("The head's relation changes with “Change head…” on the Members tab, "
                                            "which chooses the new head in the same step.")
    head.show()
    assert head.head_hint.isVisible()
    son = MemberDialog(detail, _select_member(detail, "张小"))
    qtbot.addWidget(son)
    son.show()
    assert son.relation.isEnabled() and not son.head_hint.isVisible()
    save = son.buttons.button(son.buttons.StandardButton.Save)
    son.relation.setCurrentIndex(son.relation.findData("self"))
    assert hs.second_head("张三") in son.problems.text() and not save.isEnabled()
    son.relation.setCurrentIndex(son.relation.findData("grandchild"))
    assert son.problems.text() == "" and save.isEnabled()
    son.mark_unchanged()  # closed at the end without the question to discard


def test_change_head_dialog_suggests_relations_and_saves_in_one_step(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    from desktop.views.household_detail import ChangeHeadDialog

    d = sqlite_district
    hid = _family(d)
    detail = HouseholdDetailDialog(AppContext(d.db, d.admin), hid)
    qtbot.addWidget(detail)
    son = _select_member(detail, "张小")
    assert detail.change_head_button.isEnabled()
    dialog = ChangeHeadDialog(detail, son)
    qtbot.addWidget(dialog)
    dialog.show()
    ids = {m.name: m.id for m in detail.current.members}
    assert dialog.new_head.currentData() == ids["张小"]
    assert not dialog.combos[ids["张小"]].isVisible()  # the new head's relation is 本人
    assert dialog.combos[ids["张三"]].currentData() == "parent" and dialog.combos[ids["王芳"]].currentData() == "parent"
    assert all(c.findData("self") < 0 for c in dialog.combos.values())
    assert not dialog.check_note.isVisible()
    # the wife as head: the son stays her child, the former head is her spouse
    dialog.new_head.setCurrentIndex(dialog.new_head.findData(ids["王芳"]))
    assert dialog.combos[ids["张三"]].currentData() == "spouse" and dialog.combos[ids["张小"]].currentData() == "child"
    dialog.new_head.setCurrentIndex(dialog.new_head.findData(ids["张小"]))
    dialog.combos[ids["王芳"]].setCurrentIndex(dialog.combos[ids["王芳"]].findData("other"))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    fresh = hs.get_household(d.db, d.admin, hid)
    assert {m.name: m.relation for m in fresh.members} == {"张小": "self", "张三": "parent", "王芳": "other"}
    assert detail.version == fresh.version and "张小" in detail.windowTitle()
    assert detail.members.topLevelItem(0).text(0) == "张小"  # the head first


def test_change_head_dialog_names_relations_to_check(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """The former head's grandchild, when their child becomes head, is a child or a nephew: not guessed."""
    from desktop.views.household_detail import ChangeHeadDialog

    d = sqlite_district
    hid = _family(d)
    version = hs.get_household(d.db, d.admin, hid).version
    hs.add_member(d.db, d.admin, hid, version, {"name": "张孙", "relation": "grandchild",
                                                "id_number": idcard.make("420203", date(2020, 1, 1), 41)})
    detail = HouseholdDetailDialog(AppContext(d.db, d.admin), hid)
    qtbot.addWidget(detail)
    dialog = ChangeHeadDialog(detail, _select_member(detail, "张小"))
    qtbot.addWidget(dialog)
    dialog.show()
    grandchild = next(m for m in detail.current.members if m.name == "张孙")
    assert dialog.combos[grandchild.id].currentData() == "grandchild"  # kept, to be checked
    assert dialog.check_note.isVisible() and dialog.check_note.text() == dialog.tr(
        "Please check: {names} (not known from the relations to the former head)").format(names="张孙")


def test_a_household_without_a_head_says_so_and_gets_one(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """Households the old member editor left without a head: the window says so and 更换户主 picks one."""
    from sqlalchemy import update

    from desktop.models import Household, Member
    from desktop.views.household_detail import ChangeHeadDialog

    d = sqlite_district
    hid = _family(d)
    with d.db.engine.begin() as conn:
        conn.execute(update(Member).where(Member.household_id == hid, Member.relation == "self").values(relation="other"))
        conn.execute(update(Household).where(Household.id == hid).values(head_name="", head_id_number=None))
    detail = HouseholdDetailDialog(AppContext(d.db, d.admin), hid)
    qtbot.addWidget(detail)
    note = detail.tr("This household has no head: choose one with “Change head…” on the Members tab.")
    assert note in detail.heading.text()
    dialog = ChangeHeadDialog(detail, _select_member(detail, "张三"))
    qtbot.addWidget(dialog)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert hs.get_household(d.db, d.admin, hid).head_name == "张三"
    assert note not in detail.heading.text() and "张三" in detail.windowTitle()


def test_change_head_after_someone_else_saved_says_so_and_changes_nothing(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.views import household_detail
    from desktop.views.household_detail import ChangeHeadDialog

    d = sqlite_district
    hid = _family(d)
    detail = HouseholdDetailDialog(AppContext(d.db, d.admin), hid)
    qtbot.addWidget(detail)
    dialog = ChangeHeadDialog(detail, _select_member(detail, "张小"))
    qtbot.addWidget(dialog)
    dialog.show()
    wife = next(m for m in detail.current.members if m.name == "王芳")
    dialog.combos[wife.id].setCurrentIndex(dialog.combos[wife.id].findData("other"))  # typed: still no question
    other = d.actor(Role.DISTRICT_REVIEWER)
    hs.save_household(d.db, other, hid, detail.version, {"phone": "0714-1234567"})
    shown: list[str] = []
    monkeypatch.setattr(household_detail, "show_error", lambda _parent, exc: shown.append(str(exc)))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert len(shown) == 1 and "测试district_reviewer" in shown[0]
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    fresh = hs.get_household(d.db, d.admin, hid)
    assert fresh.head_name == "张三" and detail.current.phone == "0714-1234567"


def test_the_household_lists_say_why_they_are_empty(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """A household without incomes or expenses showed two blank boxes on 收入与支出: nothing said whether
    none were recorded or the list had failed to load. Each list now says so and what to do, and the
    note goes as soon as a line is recorded."""
    from desktop.views.table_model import EmptyHint

    d = sqlite_district
    hid, detail = zhang_window(qtbot, d)
    detail.tabs.setCurrentIndex(2)
    for table, words in ((detail.incomes, "添加收入"), (detail.expenses, "添加支出")):
        hint = table.findChild(EmptyHint)
        assert hint is not None and hint.isVisible() and words in hint.text()
    detail.tabs.setCurrentIndex(1)
    assert not detail.members.findChild(EmptyHint).isVisible()  # the head is listed
    version = hs.get_household(d.db, d.admin, hid).version
    hs.add_income(d.db, d.admin, hid, version, {"kind": "wages", "amount": "24000", "period_end": "2026-03-31"})
    detail.after_child_save(version + 1)
    detail.tabs.setCurrentIndex(2)
    assert detail.incomes.topLevelItemCount() == 1 and not detail.incomes.findChild(EmptyHint).isVisible()
    assert detail.expenses.findChild(EmptyHint).isVisible()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_each_tab_of_the_household_window_has_its_own_alt_key(qtbot, qapp: QApplication,  # noqa: ANN001
                                                              sqlite_district: District, language: str) -> None:
    """户信息, 家庭成员, 收入与支出 and 历史记录 had no Alt key (the pages' own tabs had: 线索收件箱(&J),
    看板(&B) …): Alt+letter reached every field of a tab but not the tab itself."""
    from tests.mnemonics import duplicate_mnemonics, tabs_without_alt_key

    i18n.install(qapp, language)
    try:
        _hid, detail = zhang_window(qtbot, sqlite_district)
        assert tabs_without_alt_key(detail) == []
        for tab in range(detail.tabs.count()):
            detail.tabs.setCurrentIndex(tab)
            assert duplicate_mnemonics(detail) == {}, tab
    finally:
        i18n.install(qapp, "zh_CN")


# -- the columns the user chooses (列…, a right click on the header) ------------------------------
def _menu_actions(page: HouseholdsPage) -> dict[str, QAction]:
    return menu_actions(page.columns)


def _shown(page: HouseholdsPage) -> list[str]:
    return shown_columns(page.table)


def test_columns_are_hidden_and_shown_from_the_header_menu(qtbot, sqlite_district: District,  # noqa: ANN001
                                                           homes: dict[str, int], own_settings: Path) -> None:
    """A right click on the header (or 列… with Alt+U) lists the columns with check marks: unticking
    地址 hides it, ticking it brings it back at its width. 户主姓名 and 身份证号 say whose row it is and
    are always shown; 恢复默认列 ends the menu."""
    page = HouseholdsPage(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(page)
    header = page.table.horizontalHeader()
    assert header.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    assert page.columns_button.text() == "列(&U)…"
    # The header's right click opens the menu there.
    seen: list[list[str]] = []

    def read_popup() -> None:
        popup = QApplication.activePopupWidget()
        seen.append([a.text() for a in popup.actions()] if popup else [])
        if popup:
            popup.close()

    QTimer.singleShot(50, read_popup)
    header.customContextMenuRequested.emit(header.rect().center())
    assert seen and seen[0][:3] == ["户编号", "户主姓名", "身份证号"] and seen[0][-1] == "恢复默认列(&R)"
    # So does the button (the keyboard's way: Alt+U).
    page.resize(1600, 600)  # room for every column (a narrow window hides 最近评估 until the user chooses)
    page.show()
    page.columns_button.click()
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    QApplication.activePopupWidget().close()

    actions = _menu_actions(page)
    assert all(actions[name].isChecked() for name in ("户编号", "地址", "最近评估", "下次走访"))
    for essential in ("户主姓名", "身份证号"):
        assert actions[essential].isChecked() and not actions[essential].isEnabled()
    width = header.sectionSize(7)
    actions["地址"].trigger()
    actions["救助类别"].trigger()
    assert "地址" not in _shown(page) and "救助类别" not in _shown(page) and header.isSectionHidden(5)
    assert not _menu_actions(page)["地址"].isChecked()
    page.columns.set_shown(1, False)  # refused even when asked directly
    page.columns.set_shown(2, False)
    assert {"户主姓名", "身份证号"} <= set(_shown(page))
    _menu_actions(page)["救助类别"].trigger()
    assert "救助类别" in _shown(page) and header.sectionSize(7) == width
    assert "地址" not in _shown(page)
    # The model is untouched: the data of a hidden column is still there (for the tool tip, the export).
    assert page.model.data(page.model.index(0, 5))


def test_restore_default_columns(qtbot, sqlite_district: District, homes: dict[str, int],  # noqa: ANN001
                                 own_settings: Path) -> None:
    """恢复默认列 undoes hiding, moving and sizing, and forgets the choice."""
    from desktop import config

    page = HouseholdsPage(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(page)
    header = page.table.horizontalHeader()
    defaults = [header.sectionSize(c) for c in range(header.count())]
    header.moveSection(header.visualIndex(10), 0)  # 下次走访 dragged to the front
    header.resizeSection(6, 200)
    _menu_actions(page)["社区(村)"].trigger()
    assert _shown(page)[0] == "下次走访" and "社区(村)" not in _shown(page)
    assert config.view_state("admin", "households") is not None
    _menu_actions(page)["恢复默认列(&R)"].trigger()
    assert _shown(page) == [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())]
    assert [header.visualIndex(c) for c in range(header.count())] == list(range(header.count()))
    assert [header.sectionSize(c) for c in range(header.count()) if c != 5] == defaults[:5] + defaults[6:]
    assert config.view_state("admin", "households") is None and not page.columns.chosen


def test_chosen_columns_come_back_for_the_same_user_only(qtbot, sqlite_district: District,  # noqa: ANN001
                                                         homes: dict[str, int], own_settings: Path) -> None:
    """Hidden columns, the order and the widths set by dragging are there again the next time the page is
    built (the next start) for the same staff account on this workstation; another account has its own."""
    d = sqlite_district
    page = HouseholdsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    header = page.table.horizontalHeader()
    _menu_actions(page)["最近评估"].trigger()
    header.moveSection(header.visualIndex(8), 1)  # 监测库别 next to the number
    header.resizeSection(7, 150)  # a drag: saved once it stops
    assert page.columns._timer.isActive()
    qtbot.waitUntil(lambda: not page.columns._timer.isActive(), timeout=3000)
    order, widths = _shown(page), [header.sectionSize(c) for c in range(header.count())]
    assert order[:3] == ["户编号", "监测库别", "户主姓名"] and "最近评估" not in order

    again = HouseholdsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(again)
    assert _shown(again) == order
    assert [again.table.horizontalHeader().sectionSize(c) for c in range(header.count())
            if c != 5] == widths[:5] + widths[6:]
    assert not _menu_actions(again)["最近评估"].isChecked()
    other = HouseholdsPage(AppContext(d.db, d.actor(Role.COMMUNITY_WORKER)))
    qtbot.addWidget(other)
    assert len(_shown(other)) == header.count() and _shown(other)[1] == "户主姓名"
    # The file keeps what the rest of the program wrote there.
    assert '"households"' in own_settings.read_text(encoding="utf-8")


def test_a_damaged_column_choice_gives_the_defaults(qtbot, sqlite_district: District,  # noqa: ANN001
                                                    homes: dict[str, int], own_settings: Path) -> None:
    """A settings file edited by hand, or written when the table had other columns, is not applied
    (no traceback); one hiding every column still shows the essential ones."""
    import json

    page_columns = len(HouseholdTableModel.COLUMNS)
    every = list(range(page_columns))
    for state, shown in (({"columns": page_columns, "order": "x"}, page_columns),
                         ({"columns": 3, "order": [0, 1, 2], "hidden": []}, page_columns),
                         ({"columns": page_columns, "order": every, "hidden": [1, 2, 4], "widths": {"4": "wide"}},
                          page_columns),
                         ({"columns": page_columns, "order": every, "hidden": every}, 2),
                         ([1, 2], page_columns)):
        own_settings.write_text(json.dumps({"views": {"admin": {"households": state}}}), encoding="utf-8")
        page = HouseholdsPage(AppContext(sqlite_district.db, sqlite_district.admin))
        qtbot.addWidget(page)
        assert {"户主姓名", "身份证号"} <= set(_shown(page)), state
        assert len(_shown(page)) == shown, state
    own_settings.write_text('{"views": {"admin": "x"}}', encoding="utf-8")
    page = HouseholdsPage(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(page)
    assert len(_shown(page)) == page_columns
    _menu_actions(page)["地址"].trigger()  # and the choice is saved over it
    from desktop import config

    assert config.view_state("admin", "households")["hidden"] == [5]


def test_export_writes_every_column_whatever_is_shown(qtbot, sqlite_district: District,  # noqa: ANN001
                                                      homes: dict[str, int], tmp_path: Path,
                                                      own_settings: Path) -> None:
    """The columns hidden on the screen are a way of looking: the export still writes all of them."""
    page = HouseholdsPage(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(page)
    page.search.setText("李")
    page.apply_filter()
    sheet = []
    for hide in ((), ("地址", "街道(镇)", "最近评估", "下次走访", "户编号")):
        for name in hide:
            _menu_actions(page)[name].trigger()
        path = tmp_path / f"export-{len(hide)}.xlsx"
        page.start_export(page.current_filter(), str(path))
        assert wait_for_background()
        sheet.append(CalamineWorkbook.from_path(str(path)).get_sheet_by_name("家庭户").to_python())
    assert len(_shown(page)) == len(HouseholdTableModel.COLUMNS) - 5
    assert sheet[0] == sheet[1] and len(sheet[1]) > 1
    assert "地址" in sheet[1][0] and [line[5] for line in sheet[1][1:]] == [
        page.model.data(page.model.index(r, 5)) for r in range(page.model.rowCount())]


def test_at_1280_the_page_fits_and_gives_way_only_until_the_user_chooses(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                         homes: dict[str, int],
                                                                         own_settings: Path,
                                                                         cjk_font: None) -> None:
    """At 1280 px (a common office laptop) the page scrolled sideways and the address had a few pixels:
    the search box gives up 60 px, and 最近评估 gives way while the window is narrow. Once the user has
    chosen, their columns stay whatever the width; wider again, it comes back."""
    from PySide6.QtWidgets import QScrollArea

    from desktop.views.main_window import MainWindow

    def open_window(width: int) -> tuple[MainWindow, HouseholdsPage, QScrollArea]:
        window = MainWindow(AppContext(sqlite_district.db, sqlite_district.admin))
        qtbot.addWidget(window)
        window.resize(width, 640)
        window.show()
        window.show_page("households")
        page = window.page("households")
        qtbot.waitUntil(lambda: page.table.viewport().width() > 0 and page.model.rowCount() > 0)
        holder = page.parentWidget()
        while not isinstance(holder, QScrollArea):
            holder = holder.parentWidget()
        return window, page, holder

    window, page, holder = open_window(1280)
    table, header = page.table, page.table.horizontalHeader()
    assert holder.horizontalScrollBar().maximum() == 0
    assert table.horizontalScrollBar().maximum() == 0
    assert "最近评估" not in _shown(page) and "下次走访" in _shown(page)
    assert header.sectionSize(5) >= page.columns.room
    assert not _menu_actions(page)["最近评估"].isChecked()
    window.resize(1600, 640)
    qtbot.waitUntil(lambda: "最近评估" in _shown(page))
    assert len(_shown(page)) == header.count()
    window.resize(1280, 640)
    qtbot.waitUntil(lambda: "最近评估" not in _shown(page))
    _menu_actions(page)["最近评估"].trigger()  # the user wants it even here
    window.resize(1300, 640)
    QApplication.processEvents()
    assert "最近评估" in _shown(page) and page.columns.chosen
    window.close()
    window, page, holder = open_window(1280)  # the next start, the same narrow window
    assert "最近评估" in _shown(page)


def test_the_history_says_when_it_shows_only_the_latest_changes(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                 homes: dict[str, int],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The change history lists a household's latest 500 changes: one changed more often read as if
    those were all, with no word of where the rest are (the audit log)."""
    from desktop.models import AuditEntry

    db, admin, hid = sqlite_district.db, sqlite_district.admin, homes["zhang"]
    monkeypatch.setattr(hs, "HISTORY_SHOWN", 2)
    with db.session_factory() as s:
        before = len(hs.get_household(db, admin, hid).audit)
        s.add_all(AuditEntry(action="household.update", entity="households", entity_id=hid, household_id=hid,
                             username="admin", detail=f"第 {i} 次修改") for i in range(3 - min(before, 3)))
        s.commit()
    total = hs.get_household(db, admin, hid).audit.total
    assert total >= 3
    detail = HouseholdDetailDialog(AppContext(db, admin), hid)
    qtbot.addWidget(detail)
    detail.show()
    detail.tabs.setCurrentIndex(detail.tabs.count() - 1)
    changes = next(detail.history.topLevelItem(i) for i in range(detail.history.topLevelItemCount())
                   if detail.history.topLevelItem(i).text(0).startswith("修改记录"))
    assert changes.childCount() == 2
    assert detail.history_cut.isVisible()
    assert detail.history_cut.text() == (f"修改记录仅显示最近的 2 条,共 {total} 条;"
                                         "更早的记录见 系统设置 → 操作日志(由管理员查看,在“包含”中输入户编号或户主身份证号)。")
    monkeypatch.setattr(hs, "HISTORY_SHOWN", 500)  # every change shown (opening it logged one more): nothing said
    detail.show_detail(hs.get_household(db, admin, hid), keep_form=True)
    assert not detail.history_cut.isVisible()


def test_enter_in_the_conflict_dialog_keeps_editing(qtbot) -> None:  # noqa: ANN001
    """The conflict dialog set “Keep editing” as its default before its buttons were in the dialog, so
    on showing it the button box made “Re-apply my changes” the default: Enter overwrote the other
    workstation's save."""
    from datetime import UTC, datetime

    from desktop.services.errors import ConflictError, ConflictInfo

    error = ConflictError(ConflictInfo("household", 1, "王芳", datetime(2026, 12, 1, 9, 30, tzinfo=UTC)))
    dialog = ConflictDialog(None, error, [("address", "地址")], {"address": "八泉路20号"}, {"address": "八泉路30号"})
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.keep_button.isDefault()
    assert not dialog.reapply_button.isDefault() and not dialog.reload_button.isDefault()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.choice == ConflictDialog.KEEP_EDITING and not dialog.isVisible()


def test_the_conflict_dialog_shows_a_cut_value_whole_on_hovering(qtbot) -> None:  # noqa: ANN001
    """A long address was cut to “黄石市西塞山区八泉街道飞云社区…” in both columns, with no way to see the rest."""
    from desktop.services.errors import ConflictError, ConflictInfo

    address = "黄石市西塞山区八泉街道飞云社区青龙阁路 12 号 3 栋 2 单元 501 室"
    dialog = ConflictDialog(None, ConflictError(ConflictInfo("household", 1, "王芳", None)), [("address", "地址")],
                            {"address": address}, {"address": address + "(东)"})
    qtbot.addWidget(dialog)
    assert [dialog.table.item(0, c).toolTip() for c in range(3)] == ["地址", address, address + "(东)"]
