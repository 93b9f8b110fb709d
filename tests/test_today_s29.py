"""Today's work (今日工作): the window's first page and ``relief-desk today`` gather what waits across the loop.
Every figure must be the one its own list gives, within the user's regions, and open that list."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop import cli
from desktop.rules.codes import Role, SourceLevel
from desktop.services import applications as apps
from desktop.services import calendar, clues, monitoring, referrals, workbench
from desktop.views.context import AppContext
from desktop.views.main_window import MainWindow
from desktop.views.operations import wait_for_background
from desktop.views.today import TodayPage
from tests.district import District
from tests.test_applications import make_household, run_regular

DAY = date(2026, 12, 3)  # a Thursday; 2027's holidays not entered yet


def _clue(district: District, name: str, region: str | None = None) -> int:
    return clues.add_clue(district.db, district.admin, clues.ClueInput(
        source_level=SourceLevel.INFORMANT, source="building_head", reported_on=date(2026, 11, 20),
        description="独居老人,无人照料", person_name=name,
        region_id=district.regions[region] if region else None))


def _office(district: District, today: date = DAY) -> dict[str, int]:
    """A district office's week: clues at each stage, applications on time and late, referrals, monitored
    households in two sub-districts. ``today``: the week ending then (a window counts on the computer's date)."""
    db, admin = district.db, district.admin

    def on(day: date) -> date:
        return day + (today - DAY)
    _clue(district, "甲")  # new, unassigned
    _clue(district, "乙")
    assigned = _clue(district, "丙")
    clues.assign_clues(db, admin, [assigned], district.regions["八泉社区"])
    taken = _clue(district, "丁")
    clues.assign_clues(db, admin, [taken], district.regions["闸口社区"])
    clues.start_investigation(db, admin, taken)
    baquan = make_household(db, district.regions["八泉社区"], "王一", 3)
    zhakou = make_household(db, district.regions["闸口社区"], "李二", 2)
    make_household(db, district.regions["八泉社区"], "孙四", 1)  # in 一类库, to visit this quarter
    make_household(db, district.regions["道仕袱村"], "周五", 4)
    late = apps.accept(db, admin, household_id=baquan, category="dibao", track="regular",
                       accepted_on=on(date(2026, 11, 2)))  # its investigation was due within 3 working days
    fresh = apps.accept(db, admin, household_id=zhakou, category="dibao", track="regular",
                        accepted_on=on(date(2026, 12, 2)))  # its data check is due in the next 3 working days
    old = referrals.create_referral(db, admin, baquan, department="housing", need="租房补贴",
                                    due_on=on(date(2026, 11, 16)), today=on(date(2026, 11, 1)))
    referrals.create_referral(db, admin, zhakou, department="education", need="学费减免",
                              due_on=on(date(2026, 12, 18)), today=on(date(2026, 12, 1)))
    return {"late": late, "fresh": fresh, "old_referral": old.id}


def test_every_figure_is_the_one_its_own_list_gives(district: District) -> None:
    _office(district)
    db, admin = district.db, district.admin
    work = workbench.todays_work(db, admin, today=DAY)
    figures = {i.key: (i.count, i.late) for i in work.items}
    assert figures["clues_new"] == (2, 0)
    assert figures["clues_assigned"] == (1, 0)
    assert figures["clues_investigating"] == (1, 0)
    assert figures["applications"] == (2, 1)
    assert work.item("applications").note == "3 个工作日内到期 1 件"
    assert figures["referrals"] == (2, 1)
    visits = monitoring.visit_counts(db, admin, today=DAY)
    assert figures["visits"] == (visits["due"], visits["overdue"]) and visits["all"] == 2
    assert work.item("visits").note == "2026年第四季度:监测家庭 2 户"
    checks = apps.post_check_queue(db, admin, as_of=DAY, due_within_days=workbench.CHECKS_WITHIN_DAYS)
    assert figures["post_checks"][0] == checks.total
    assert work.late == 1 + 1 + visits["overdue"]
    # the list each figure opens shows as many
    assert len(clues.list_clues(db, admin, clues.ClueFilter(statuses=("assigned",)))) == 1
    assert apps.deadlines(db, admin, as_of=DAY, overdue_only=True).total == 1
    assert len(referrals.list_referrals(db, admin, status="overdue", today=DAY)) == 1


def test_each_user_sees_the_work_of_their_own_regions(district: District) -> None:
    _office(district)
    db = district.db
    caseworker = workbench.todays_work(db, district.actor(Role.SUBDISTRICT_CASEWORKER), today=DAY)  # 八泉街道
    assert caseworker.scope == "八泉街道"
    figures = {i.key: (i.count, i.late) for i in caseworker.items}
    assert "clues_new" not in figures  # the district assigns new clues; a sub-district never sees them
    assert figures["clues_assigned"] == (1, 0) and figures["clues_investigating"] == (0, 0)  # 丁 is 河口镇's
    assert figures["applications"] == (1, 1)
    assert figures["referrals"] == (1, 1)
    assert "payments" not in figures  # the county records the month's payments
    assert "refusals" in figures  # the sub-district serves written refusals
    worker = workbench.todays_work(db, district.actor(Role.COMMUNITY_WORKER), today=DAY)  # 飞云社区
    assert {i.key: i.count for i in worker.items}["applications"] == 0
    assert "refusals" not in {i.key for i in worker.items}


def test_a_month_nobody_recorded_and_this_months_payments(district: District) -> None:
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["飞云社区"], "赵三", 2)
    run_regular(district, hid)  # approved 2026-03-10, paid from April
    apps.record_monthly_assistance(db, admin, date(2026, 10, 1), today=DAY)
    work = workbench.todays_work(db, admin, today=DAY)
    payments = work.item("payments")
    assert payments is not None and payments.count == 1  # December's, still to record
    assert payments.urgent and "以前月份未登记:" in payments.note and "2026年11月" in payments.note
    assert "2026年10月" not in payments.note


def test_next_years_holidays_are_asked_for_late_in_the_year(district: District) -> None:
    db, admin = district.db, district.admin
    if calendar.year_info(db, admin, 2027).known:
        pytest.skip("this computer's holiday library already knows 2027")
    item = workbench.todays_work(db, admin, today=DAY).item("calendar")
    assert item is not None and item.waiting and not item.urgent  # this year's are known: a warning, not late
    assert item.note.startswith("2027 年的法定节假日安排尚未录入") and "请在“系统设置 › 节假日安排”录入" in item.note
    reviewer = workbench.todays_work(db, district.actor(Role.DISTRICT_REVIEWER), today=DAY).item("calendar")
    assert "请系统管理员在" in reviewer.note
    assert not workbench.todays_work(db, admin, today=date(2026, 6, 1)).item("calendar").waiting  # too early
    calendar.set_year(db, admin, 2027, days_off=[date(2027, 1, 1)], workdays=[])
    assert not workbench.todays_work(db, admin, today=DAY).item("calendar").waiting


def test_the_command_prints_todays_work(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    _office(district)
    url = district.db.url.render_as_string(hide_password=False)
    assert cli.main(["today", "--json", "--database-url", url]) == 0
    value = json.loads(capsys.readouterr().out)
    items = {i["key"]: i for i in value["items"]}
    assert value["scope"] == "全区" and value["today"] == date.today().isoformat()
    assert items["clues_new"]["count"] == 2 and items["clues_assigned"]["where"] == "主动发现 › 线索收件箱(已分派)"
    assert items["referrals"]["count"] == 2
    assert cli.main(["today", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"今日工作 {date.today().isoformat()}(全区)\n主动发现\n  新线索待分派:2\n")
    assert "  办理中的转介:2" in out and out.rstrip().endswith("各项在窗口的“今日工作”页可直接打开对应列表。")
    # one sub-district's work (its staff's page), for a morning e-mail; a region that is not there is said
    assert cli.main(["today", "--region", "八泉街道", "--json", "--database-url", url]) == 0
    value = json.loads(capsys.readouterr().out)
    items = {i["key"]: i for i in value["items"]}
    assert value["scope"] == "八泉街道"
    assert items["referrals"]["count"] == 1 and items["clues_assigned"]["count"] == 1
    assert items["clues_investigating"]["count"] == 0  # 丁 is in 闸口社区
    assert items["applications"]["count"] == 1  # 王一's; 李二's is in 闸口社区
    assert "clues_new" not in items  # the district assigns new clues, not the sub-district
    assert cli.main(["today", "--region", "闸口社区", "--json", "--database-url", url]) == 0
    items = {i["key"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    assert items["clues_investigating"]["count"] == 1 and "payments" not in items
    assert cli.main(["today", "--region", "无此街道", "--database-url", url]) != 0
    assert "无此街道" in capsys.readouterr().err


def test_the_first_page_opens_each_list_it_counts(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    district = sqlite_district
    _office(district, date.today())
    window = MainWindow(AppContext(district.db, district.admin))
    qtbot.addWidget(window)
    assert window.page_keys()[0] == "today"
    page = window.current_page()
    assert isinstance(page, TodayPage)
    assert wait_for_background()
    qtbot.waitUntil(lambda: page.work is not None)
    work = workbench.todays_work(district.db, district.admin)
    for item in work.items:
        if item.key != "calendar":
            assert page.count_buttons[item.key].text() == f"{item.count:,}"
            assert page.late_buttons[item.key].isVisibleTo(page) == bool(item.late)
    # the late referrals: the board's referral tab, overdue only, whatever its filters were
    board = window.page("board")
    board.referrals.search.setText("无此人")
    qtbot.mouseClick(page.late_buttons["referrals"], Qt.MouseButton.LeftButton)
    assert window.current_page() is board and board.tabs.currentWidget() is board.referrals
    assert board.referrals.state.currentData() == "overdue" and board.referrals.search.text() == ""
    assert [r.need for r in board.referrals.model.rows] == ["租房补贴"]
    # the clues assigned and not yet taken up
    window.show_page("today")
    qtbot.mouseClick(page.count_buttons["clues_assigned"], Qt.MouseButton.LeftButton)
    discovery = window.page("discovery")
    assert window.current_page() is discovery and discovery.tabs.currentWidget() is discovery.inbox
    assert discovery.inbox.status.currentData() == ("assigned",)
    assert [c.person_name for c in discovery.inbox.model.rows] == ["丙"]
    # the late applications
    window.show_page("today")
    qtbot.mouseClick(page.late_buttons["applications"], Qt.MouseButton.LeftButton)
    applications = window.page("applications")
    assert window.current_page() is applications and applications.overdue.isChecked()
    assert wait_for_background()
    assert [r.head_name for r in applications.model.rows] == ["王一"]
    # a change made elsewhere shows on the page when it is seen again
    clues.start_investigation(district.db, district.admin, discovery.inbox.model.rows[0].id)
    window.ctx.changes.publish("clues")
    window.show_page("today")
    assert wait_for_background()
    qtbot.waitUntil(lambda: page.count_buttons["clues_investigating"].text() == "2")
