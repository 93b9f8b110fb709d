"""今日工作 over an office's working day, for every role that gets the page: each figure opens a list of as
many rows (whatever filters were set on that list before), the figures follow the work done here and on
another workstation, the page works from the keyboard and says nothing in English, and the command line
agrees with it."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from desktop import cli
from desktop.rules.codes import Role
from desktop.services import applications as apps
from desktop.services import clues, referrals, workbench
from desktop.services.base import Actor
from desktop.views.application_forms import MonthlyAssistanceDialog
from desktop.views.context import AppContext
from desktop.views.main_window import MainWindow
from desktop.views.operations import wait_for_background
from desktop.views.today import TodayPage
from tests.district import District
from tests.test_applications import make_household, run_regular
from tests.test_today_s29 import _office

ROLES = [Role.ADMIN, Role.DISTRICT_REVIEWER, Role.SUBDISTRICT_CASEWORKER, Role.COMMUNITY_WORKER]


def _working_day(district: District) -> dict[str, int]:
    """The office of test_today_s29 plus what the rest of the loop leaves: a refusal whose written notice
    nobody served (八泉社区), a running approval with its checks and payments (飞云社区)."""
    ids = _office(district)
    ids["refused"] = run_regular(district, make_household(district.db, district.regions["八泉社区"], "钱六", 2),
                                 approve=False)
    ids["approved"] = run_regular(district, make_household(district.db, district.regions["飞云社区"], "赵三", 2))
    return ids


# -- the services -------------------------------------------------------------------------------------

def test_the_refusals_to_serve_are_a_list_of_their_own(district: District) -> None:
    ids = _working_day(district)
    db, admin = district.db, district.admin
    day = date(2026, 12, 3)
    rows = apps.list_applications(db, admin, as_of=day, status=apps.TO_SERVE)
    assert [r.id for r in rows] == [r.application_id for r in apps.refusals_to_serve(db, admin, as_of=day)] \
        == [ids["refused"]]
    row = rows[0]
    # the written refusal is due 3 working days after the decision of 2026-03-10 and is late
    assert row.next_step_label == apps.SERVE_STEP_LABEL and row.step_due_on == date(2026, 3, 13) and row.overdue
    assert apps.list_applications(db, admin, as_of=day, status=apps.TO_SERVE, overdue_only=True).total == 1
    assert workbench.todays_work(db, admin, today=day).item("refusals").late == 1
    # the community worker does not serve; the caseworker of 八泉街道 does, the one of another region sees none
    assert apps.list_applications(db, district.actor(Role.SUBDISTRICT_CASEWORKER), as_of=day,
                                  status=apps.TO_SERVE).total == 1
    apps.record_refusal_served(db, district.actor(Role.SUBDISTRICT_CASEWORKER), ids["refused"], on=date(2026, 3, 12),
                               method=next(iter(apps.proc.SERVICE_METHODS)), today=day)
    assert apps.list_applications(db, admin, as_of=day, status=apps.TO_SERVE).total == 0
    assert workbench.todays_work(db, admin, today=day).item("refusals").count == 0
    # the plain refused list keeps it
    assert [r.id for r in apps.list_applications(db, admin, as_of=day, status="refused")] == [ids["refused"]]


def test_the_post_check_figure_is_the_lists_due_within_filter(district: District, tmp_path) -> None:  # noqa: ANN001
    _working_day(district)
    db, admin = district.db, district.admin
    # the yearly review of the approval of 2026-03-10 falls due on 2027-03-10
    assert apps.post_check_queue(db, admin, as_of=date(2026, 12, 3)).total == 1
    for day, soon in ((date(2026, 12, 3), 0), (date(2027, 2, 20), 1)):
        listed = apps.post_check_queue(db, admin, as_of=day, due_within_days=apps.CHECKS_DUE_SOON_DAYS)
        work = workbench.todays_work(db, admin, today=day)
        assert work.item("post_checks").count == listed.total == soon
    assert work.item("post_checks").where == "申请审批 › 事后核查(30 天内到期)"
    # the export of that list writes as many, and says which list it is
    assert apps.export_post_checks_xlsx(db, admin, tmp_path / "核查.xlsx", as_of=date(2027, 2, 20),
                                        due_within_days=apps.CHECKS_DUE_SOON_DAYS) == 1
    with pytest.raises(apps.ServiceError, match="没有"):
        apps.export_post_checks_xlsx(db, admin, tmp_path / "无.xlsx", as_of=date(2026, 12, 3),
                                     due_within_days=apps.CHECKS_DUE_SOON_DAYS)


def test_the_command_line_says_what_the_service_counts(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    _working_day(district)
    url = district.db.url.render_as_string(hide_password=False)
    assert cli.main(["today", "--json", "--database-url", url]) == 0
    told = {i["key"]: (i["count"], i["late"], i["note"]) for i in json.loads(capsys.readouterr().out)["items"]}
    work = workbench.todays_work(district.db, Actor.system("test"))
    assert told == {i.key: (i.count, i.late, i.note) for i in work.items}
    assert cli.main(["today", "--database-url", url]) == 0
    out = capsys.readouterr().out
    for item in work.items:
        if item.key != "calendar":
            line = f"  {item.label}:{item.count:,}" + (f"  逾期 {item.late:,}" if item.late else "")
            assert line in out, line


# -- the page -----------------------------------------------------------------------------------------

def _settle(qtbot) -> None:  # noqa: ANN001
    for _ in range(3):
        assert wait_for_background()
        QApplication.processEvents()
    qtbot.wait(10)


def _window(qtbot, district: District, role: Role) -> tuple[MainWindow, TodayPage]:  # noqa: ANN001
    window = MainWindow(AppContext(district.db, district.actor(role)))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    page = window.current_page()
    assert isinstance(page, TodayPage)
    qtbot.waitUntil(lambda: page.work is not None)
    _settle(qtbot)
    return window, page


def _all_rows(model) -> int:  # noqa: ANN001
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return model.rowCount()


def _shown(window: MainWindow, key: str) -> int:
    """The rows of the list the figure opened."""
    if key.startswith("clues"):
        return _all_rows(window.page("discovery").inbox.model)
    if key in ("applications", "refusals"):
        return _all_rows(window.page("applications").model)
    if key == "post_checks":
        return _all_rows(window.page("applications").checks_model)
    if key == "awaiting_acceptance":
        button = window.page("applications").awaiting_button
        if not button.isVisibleTo(window):
            return 0
        assert button.menu().isVisible()  # the households themselves, each to accept (session 37)
        button.menu().hide()
        return int(re.sub(r"\D", "", button.text()))
    board = window.page("board")
    return _all_rows(board.visits.model if key == "visits" else board.referrals.model)


def _set_other_filters(window: MainWindow) -> None:
    """A user's earlier filters on the lists the page opens."""
    inbox = window.page("discovery").inbox
    inbox.text.setText("无此人")
    applications = window.page("applications")
    applications.name.setText("无此人")
    applications.check_kind.setCurrentIndex(applications.check_kind.count() - 1)
    applications.checks_overdue.setChecked(True)
    board = window.page("board")
    board.referrals.search.setText("无此人")
    board.visits.search.setText("无此人")


def _english(widget) -> list[str]:  # noqa: ANN001
    texts = [w.text() for kind in (QLabel, QPushButton) for w in widget.findChildren(kind) if w.isVisibleTo(widget)]
    texts += [w.toolTip() for w in widget.findChildren(QPushButton) if w.isVisibleTo(widget)]
    return [t for t in texts if re.search(r"[A-Za-z]{3,}", t)]


@pytest.mark.parametrize("role", ROLES)
def test_every_figure_opens_as_many_rows_for_every_role(qtbot, sqlite_district: District, chinese,  # noqa: ANN001
                                                        role: Role) -> None:
    district = sqlite_district
    _working_day(district)
    window, page = _window(qtbot, district, role)
    assert not _english(page), _english(page)
    _set_other_filters(window)
    _settle(qtbot)
    opened = 0
    for item in page.work.items:
        if item.key in ("calendar", "payments"):
            continue
        for late in (False, True):
            if late and not item.late:
                continue
            window.show_page("today")
            button = (page.late_buttons if late else page.count_buttons)[item.key]
            if not late and not item.count and item.key == "awaiting_acceptance":
                # no list of its own: 0 opened the applications instead (session 38)
                assert not button.isEnabled()
                opened += 1
                continue
            assert button.isEnabled(), item.key
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            _settle(qtbot)
            assert _shown(window, item.key) == (item.late if late else item.count), (role, item.key, late)
            opened += 1
    assert opened >= 8
    applications = window.page("applications")  # the filters the figures set, in Chinese
    assert applications.checks_soon.text() == "30 天内到期(&W)"
    assert applications.status.itemText(applications.status.findData(apps.TO_SERVE)) == "不予批准、书面通知待送达"
    if role in (Role.SUBDISTRICT_CASEWORKER, Role.ADMIN):
        assert page.work.item("refusals").count == 1 and page.work.item("refusals").late == 1
    # the month's payments: the dialog the figure opens says as many households to record
    if page.work.item("payments") is not None:
        seen: list[int] = []

        def read() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, MonthlyAssistanceDialog)
            seen.append(dialog.state.due)
            dialog.reject()

        window.show_page("today")
        QTimer.singleShot(0, read)
        qtbot.mouseClick(page.count_buttons["payments"], Qt.MouseButton.LeftButton)
        assert seen == [page.work.item("payments").count]


def test_the_supervisor_gets_no_page_of_work(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    window = MainWindow(AppContext(sqlite_district.db, sqlite_district.actor(Role.SUPERVISOR)))
    qtbot.addWidget(window)
    assert "today" not in window.page_keys()


def test_the_figures_follow_the_days_work(qtbot, sqlite_district: District, chinese) -> None:  # noqa: ANN001
    district = sqlite_district
    ids = _working_day(district)
    db, admin = district.db, district.admin
    window, page = _window(qtbot, district, Role.ADMIN)

    def figure(key: str) -> int:
        return int(page.count_buttons[key].text().replace(",", ""))

    def after(change) -> None:  # noqa: ANN001
        change()
        window.show_page("today")
        assert wait_for_background()
        qtbot.waitUntil(lambda: page.work == workbench.todays_work(db, admin, today=page.work.today), timeout=3000)
        for item in page.work.items:
            if item.key != "calendar":
                assert figure(item.key) == item.count, item.key

    new = figure("clues_new")
    # the district assigns a new clue in the discovery page (here): it moves from "new" to "assigned"
    clue = next(c for c in clues.list_clues(db, admin, clues.ClueFilter(statuses=("new",))))
    after(lambda: (clues.assign_clues(db, admin, [clue.id], district.regions["八泉社区"]),
                   window.ctx.changes.publish("clues", clue.id)))
    assert figure("clues_new") == new - 1 and figure("clues_assigned") == 2
    # the sub-district, on its own workstation, serves the written refusal and answers a referral: the
    # change watcher delivers the change to this window
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)
    assert page.late_buttons["refusals"].isVisible()
    after(lambda: (apps.record_refusal_served(db, caseworker, ids["refused"], on=date(2026, 3, 12),
                                              method=next(iter(apps.proc.SERVICE_METHODS))),
                   window.ctx.changes.publish("applications", ids["refused"])))
    assert figure("refusals") == 0 and not page.late_buttons["refusals"].isVisible()
    open_referrals = figure("referrals")
    after(lambda: (referrals.update_status(db, caseworker, ids["old_referral"], "done", feedback="已办理租房补贴"),
                   window.ctx.changes.publish("*", 0)))
    assert figure("referrals") == open_referrals - 1
    # the month's payments recorded: nothing left this month
    if figure("payments"):
        after(lambda: (apps.record_monthly_assistance(db, admin, date.today().replace(day=1)),
                       window.ctx.changes.publish("applications", 0)))
        assert figure("payments") == 0


def test_the_page_works_from_the_keyboard(qtbot, sqlite_district: District, chinese) -> None:  # noqa: ANN001
    district = sqlite_district
    _working_day(district)
    window, page = _window(qtbot, district, Role.DISTRICT_REVIEWER)
    # Tab goes through the figures in the order they are shown, each area after the other
    first = page.count_buttons["clues_new"]
    first.setFocus()
    order = [first]
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        w = QApplication.focusWidget()
        if w in order:
            break
        order.append(w)
    keys = [k for w in order for k, b in page.count_buttons.items() if b is w]
    shown = [i.key for i in page.work.items if i.key in page.count_buttons and page.count_buttons[i.key].isEnabled()]
    assert keys == shown
    late_in_order = [w for w in order if w in page.late_buttons.values()]
    assert late_in_order == [page.late_buttons[k] for k in shown if page.work.item(k).late]
    # Space (and Enter) on a figure opens its list
    page.count_buttons["referrals"].setFocus()
    qtbot.keyClick(page.count_buttons["referrals"], Qt.Key.Key_Space)
    _settle(qtbot)
    assert window.current_page() is window.page("board")
    window.show_page("today")
    page.count_buttons["clues_assigned"].setFocus()
    qtbot.keyClick(page.count_buttons["clues_assigned"], Qt.Key.Key_Return)
    _settle(qtbot)
    assert window.current_page() is window.page("discovery")
    # F5 loads the page again (a clue added meanwhile with no change heard)
    window.show_page("today")
    _settle(qtbot)
    before = page.work.item("clues_new").count
    clues.add_clue(district.db, district.admin, clues.ClueInput(
        source_level="informant", source="building_head", reported_on=date(2026, 11, 20),
        description="新来的线索", person_name="吴七"))
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F5)
    _settle(qtbot)
    qtbot.waitUntil(lambda: page.work.item("clues_new").count == before + 1)
    assert page.count_buttons["clues_new"].text() == f"{before + 1:,}"
