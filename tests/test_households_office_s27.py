"""An office day in the household records (session 27): a clerk opens a household and starts its
assessment from there, searches by an old 15-digit ID, and reads the wizard's explanation as a clerk
would write it."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget

from desktop.rules import means_test as mt
from desktop.rules.codes import Role
from desktop.services import households as hs
from desktop.services import policy
from desktop.views.context import AppContext
from desktop.views.household_detail import HouseholdDetailDialog
from desktop.views.households import HouseholdsPage
from tests.district import District
from tests.test_assessment import add_household
from tests.test_households_view import page_in_its_search_box
from tests.test_means_test import demo_settings, person

ON = date(2026, 3, 1)


def _mnemonics(widget: HouseholdDetailDialog) -> list[str]:
    """The Alt letters (as translated) a user can press on the shown tab of the household window."""
    texts = [b.text() for b in widget.findChildren(QAbstractButton) if b.isVisibleTo(widget)]
    texts += [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]
    tabs = widget.findChild(QTabWidget)
    texts += [tabs.tabText(i) for i in range(tabs.count())]
    return [m.upper() for text in texts for m in re.findall(r"&([A-Za-z])", text)]


@pytest.mark.usefixtures("chinese")
def test_a_household_window_starts_the_assessment_of_that_household(qtbot, district: District) -> None:  # noqa: ANN001
    """A clerk who had corrected a member's income in the household window had no way to assess the
    household from there: 救助评估, search it again, pick it out. 新建评估(G) opens the wizard with the
    household chosen, on both databases."""
    from desktop.views.main_window import MainWindow

    d = district
    policy.seed_default_policy(d.db)
    hid = add_household(d.db, d.regions["飞云社区"], [
        {"name": "欧阳·建国", "born": date(1958, 4, 2)},
        {"name": "欧阳小红", "born": date(2013, 9, 1), "schooling": "compulsory"}],
        incomes={"wages": "15000"})
    ctx = AppContext(d.db, d.actor(Role.COMMUNITY_WORKER))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show_page("households")
    page = window.page("households")
    assert isinstance(page, HouseholdsPage)
    detail = page.open_household(hid)
    assert isinstance(detail, HouseholdDetailDialog)
    button = detail.assess_button
    assert button.text() == "新建评估(&G)…" and button.isEnabled() and button.isVisibleTo(detail)
    # G is its own Alt key on every tab of the window (no field, button or tab answers it too)
    for tab in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(tab)
        letters = _mnemonics(detail)
        assert letters.count("G") == 1, (tab, letters)
    button.click()
    wizard = window.page("assessment").wizard
    qtbot.waitUntil(wizard.isVisible)
    assert wizard.choose.selected_id() == hid
    wizard.next()
    assert wizard.currentPage() is wizard.members and len(wizard.members.rows) == 2
    wizard.reject()
    detail.close()


def test_an_old_fifteen_digit_id_finds_the_household_through_the_page(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """A clerk copies a 15-digit number from an old paper register: the household whose head has the
    18-digit form is found, and the line under the box says which number was looked for."""
    d = sqlite_district
    hid = hs.create_household(d.db, d.admin, region_id=d.regions["八泉社区"], address="八泉路3号",
                              head={"name": "阿依古丽·买买提", "id_number": "420203199001011238"})
    hs.create_household(d.db, d.admin, region_id=d.regions["八泉社区"], address="八泉路4号",
                        head={"name": "阿依", "id_number": "420203199001011246"})
    page = HouseholdsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    page.search.setText("420203900101123")
    page.apply_filter()
    assert page.model.rowCount() == 1 and page.model.household_id(0) == hid
    assert "420203199001011238" in page.hint_label.text()
    page.search.setText("阿依古丽·买")  # a name with its middle dot, typed as far as the clerk knows it
    page.apply_filter()
    assert page.model.rowCount() == 1 and page.model.household_id(0) == hid


def _explanation(members: list[mt.MemberInput], wages: str) -> str:
    f = mt.HouseholdFacts(tuple(members), (mt.IncomeItem("wages", D(wages)),), ())
    return mt.assess(f, demo_settings(), ON).explanation


def test_the_explanation_reads_as_a_clerk_writes_it() -> None:
    """The conclusion read "结论:不符合 低保、低保边缘、支出型困难 条件。" and "认定为 低保" (spaces between
    Chinese words, as no clerk writes them), and the suggestion nested brackets in brackets:
    "纳入二类库(暂不符合但存在困难因素(60周岁以上老年成员 2 人))"."""
    elderly = [person("甲", date(1950, 1, 1)), person("乙", date(1952, 1, 1))]
    text = _explanation(elderly, "200000")
    assert "结论:不符合低保、低保边缘、支出型困难条件。" in text, text
    assert "暂不符合,但存在困难因素:60周岁以上老年成员 2 人)。" in text, text
    last = text.splitlines()[-1]
    assert "建议去向:" in last and last.count("(") == 1 and last.count(")") == 1, last
    poor = _explanation([person("丙")], "3000")
    assert "认定为低保。" in poor, poor
    assert "认定为低保还须家庭财产状况符合当地规定" in poor, poor
    for line in (text + "\n" + poor).splitlines():  # no word of Chinese set apart by spaces in a verdict
        assert not re.search(r"(认定为|不符合|属于) [\u4e00-\u9fff]", line), line


@pytest.mark.usefixtures("chinese")
def test_from_the_search_box_to_the_assessment_by_keys_alone(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """Ctrl+F, the last four digits of the ID, Enter (to the first row), Enter (the household window),
    Alt+G (its assessment), Esc closes the window: a whole task without the mouse."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    d = sqlite_district
    hid = hs.create_household(d.db, d.admin, region_id=d.regions["飞云社区"], address="飞云路5号",
                              head={"name": "钱五", "id_number": "11010519491231002X"})
    ctx = AppContext(d.db, d.actor(Role.DISTRICT_REVIEWER))
    asked: list[int] = []
    ctx.nav.assessHousehold.connect(asked.append)
    page = page_in_its_search_box(qtbot, ctx)
    qtbot.keyClicks(page.search, "002x")  # a small x, as typed
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.table and page.selected_household() == hid
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    detail = page.details[hid]
    qtbot.waitExposed(detail)
    detail.activateWindow()  # as the window manager does for a window just shown
    qtbot.waitUntil(lambda: QApplication.activeWindow() is detail)
    qtbot.keyClick(detail.code, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: asked == [hid])  # an Alt key presses its button as a click shown (100 ms)
    qtbot.keyClick(detail, Qt.Key.Key_Escape)
    assert not detail.isVisible()


def test_removing_a_member_another_workstation_changed_meanwhile_says_nothing_was_deleted(district: District) -> None:
    """A removal refused because someone saved the member meanwhile said "本次没有保存。您填写的内容仍在窗口中"
    (nothing had been typed); it names the member and says nothing was deleted."""
    from desktop.services.errors import ConflictError

    db = district.db
    hid = add_household(db, district.regions["飞云社区"], [{"name": "王五"}, {"name": "王小五", "relation": "child"}])
    member = next(m for m in hs.get_household(db, district.admin, hid).members if m.name == "王小五")
    hs.update_member(db, district.admin, member.id, member.version, {"phone": "13800000009"})
    with pytest.raises(ConflictError) as info:
        hs.remove_member(db, district.admin, member.id, member.version)
    assert "“成员 王小五”" in info.value.message and "本次没有删除" in info.value.message
    assert "仍在窗口中" not in info.value.message
