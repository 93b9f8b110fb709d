"""The audit log read back: filters, pages, export, logins; the command and the settings tab."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from python_calamine import CalamineWorkbook

from desktop.cli import main as cli_main
from desktop.rules.codes import Role
from desktop.services import audit, auth
from desktop.services import calendar as cal_svc
from desktop.services.errors import PermissionDenied, ValidationFailed
from tests.district import PASSWORD, District

TODAY = date.today()


def _activity(district: District) -> None:
    auth.login(district.db, "community_worker", PASSWORD)
    with pytest.raises(PermissionDenied):
        auth.login(district.db, "community_worker", "wrong")
    worker = auth.find_user(district.db, district.admin, "community_worker")
    auth.update_user(district.db, district.admin, worker.id, display_name="陈晓琴")
    auth.reset_password(district.db, district.admin, worker.id, "temporary1")


def test_filters_pages_and_labels(district: District) -> None:
    db, admin = district.db, district.admin
    _activity(district)
    everything = audit.list_entries(db, admin)
    actions = [r.action for r in everything]
    assert actions[:4] == ["user.password_reset", "user.update", "user.login_failed", "user.login"]
    assert [r.id for r in everything] == sorted((r.id for r in everything), reverse=True)
    failed = everything[2]
    assert (failed.username, failed.action_label, failed.detail) == ("community_worker", "登录失败", "登录失败:密码不正确(连续第 1 次)")
    added = [r.detail for r in everything if r.action == "user.add"]
    assert any(d.startswith("添加用户 community_worker(测试community_worker,社区工作人员,") for d in added)  # its names
    # a page after an entry
    assert [r.id for r in audit.list_entries(db, admin, before_id=everything[1].id, limit=2)] == \
        [everything[2].id, everything[3].id]
    # by user, kind, text and period
    mine = audit.list_entries(db, admin, audit.AuditFilter(username="community_worker"))
    assert {r.action for r in mine} == {"user.login", "user.login_failed"}
    logins = audit.list_entries(db, admin, audit.AuditFilter(group="login"))
    assert {"user.login", "user.update", "user.password_reset", "user.add"} <= {r.action for r in logins}
    assert [r.action for r in audit.list_entries(db, admin, audit.AuditFilter(text="重置"))] == ["user.password_reset"]
    assert audit.list_entries(db, admin, audit.AuditFilter(TODAY, TODAY))
    assert audit.list_entries(db, admin, audit.AuditFilter(TODAY + timedelta(days=1))) == []
    assert audit.list_entries(db, admin, audit.AuditFilter(date_to=TODAY - timedelta(days=1))) == []
    with pytest.raises(ValidationFailed, match="晚于"):
        audit.list_entries(db, admin, audit.AuditFilter(TODAY, TODAY - timedelta(days=1)))
    assert "community_worker" in {name for _label, name in audit.usernames(db, admin)}
    with pytest.raises(PermissionDenied):
        audit.list_entries(db, district.actor(Role.DISTRICT_REVIEWER))


def test_export_is_itself_logged(district: District, tmp_path: Path) -> None:
    db, admin = district.db, district.admin
    _activity(district)
    out = tmp_path / "log.xlsx"
    n = audit.export_xlsx(db, admin, audit.AuditFilter(group="login"), out)
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[1] == audit.EXPORT_HEADERS and len(rows) == n + 2 and rows[2][3] == "重置密码"
    latest = audit.list_entries(db, admin, limit=1)[0]
    assert latest.action == "audit.export" and f"{n} 条(最早 至 今天;类别 登录、账号与区划)" in latest.detail, latest.detail
    assert audit.list_entries(db, admin, audit.AuditFilter(group="access"))[0].action == "audit.export"


def test_audit_command(district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _activity(district)
    url = district.db.url.render_as_string(hide_password=False)
    assert cli_main(["audit", "--user", "community_worker", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "登录失败" in out and "\t陈晓琴(community_worker)\t" in out
    assert cli_main(["audit", "--kind", "login", "--json", "--limit", "2", "--database-url", url]) == 0
    import json

    got = json.loads(capsys.readouterr().out)
    assert [g["action"] for g in got] == ["user.password_reset", "user.update"]
    out_file = tmp_path / "审计.xlsx"
    assert cli_main(["audit", "--out", str(out_file), "--database-url", url]) == 0
    assert out_file.exists() and "已导出操作日志" in capsys.readouterr().out
    assert cli_main(["audit", "--from", "2026-12-01", "--to", "2026-11-01", "--database-url", url]) == 1
    assert "晚于" in capsys.readouterr().err


def test_settings_tab(qtbot, sqlite_district: District, tmp_path: Path) -> None:  # noqa: ANN001
    from desktop.views.audit_log import AuditLogTab
    from desktop.views.context import AppContext
    from desktop.views.operations import wait_for_background

    d = sqlite_district
    _activity(d)
    tab = AuditLogTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 0  # nothing is read until the tab is shown
    tab.show()
    assert tab.model.rowCount() >= 4 and tab.model.rows[0].action == "user.password_reset"
    tab.user.setCurrentIndex(tab.user.findData("community_worker"))
    tab.search()
    assert {r.action for r in tab.model.rows} == {"user.login", "user.login_failed"}
    tab.table.selectRow(0)
    assert tab.details.toPlainText().startswith("登录")
    tab.user.setCurrentIndex(0)
    tab.kind.setCurrentIndex(tab.kind.findData("login"))
    tab.search()
    row = next(i for i, r in enumerate(tab.model.rows) if r.action == "user.update")
    tab.table.selectRow(row)
    assert "陈晓琴" in tab.details.toPlainText()  # the value after
    out = tmp_path / "log.xlsx"
    tab.export(str(out))
    assert wait_for_background()
    assert out.exists() and audit.list_entries(d.db, d.admin, limit=1)[0].action == "audit.export"


def test_text_search_takes_percent_and_underscore_literally(district: District) -> None:
    db, admin = district.db, district.admin
    worker = auth.find_user(db, admin, "community_worker")
    auth.update_user(db, admin, worker.id, display_name="陈晓琴")
    everything = audit.list_entries(db, admin)
    assert audit.list_entries(db, admin, audit.AuditFilter(text="%")) == []
    assert audit.list_entries(db, admin, audit.AuditFilter(text="100%")) == []
    # "_" is in community_worker's user name, which user.update's description names
    found = audit.list_entries(db, admin, audit.AuditFilter(text="_"))
    assert found and len(found) < len(everything) and all("_" in r.detail + r.action + r.workstation for r in found)


def test_an_export_too_long_for_one_sheet_is_refused_not_cut(district: District, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _activity(district)
    monkeypatch.setattr(audit, "EXPORT_LIMIT", 3)
    target = tmp_path / "操作日志.xlsx"
    with pytest.raises(ValidationFailed, match="缩小"):
        audit.export_xlsx(district.db, district.admin, audit.AuditFilter(), target)
    assert not target.exists()
    assert audit.export_xlsx(district.db, district.admin, audit.AuditFilter(text="重置"), target) == 1


def test_backups_are_named_and_counted_with_what_left_the_program(sqlite_district: District, tmp_path: Path) -> None:
    from desktop.services import backup

    d = sqlite_district
    backup.backup(d.db, d.admin, tmp_path / "b.sqlite3")
    rows = audit.list_entries(d.db, d.admin, audit.AuditFilter(group="access"))
    assert [r.action_label for r in rows] == ["备份数据库"]


def test_user_filter_lists_accounts_and_names_typed_at_failed_logins(district: District) -> None:
    with pytest.raises(PermissionDenied):
        auth.login(district.db, "nobody-here", "wrong")
    names = dict(audit.usernames(district.db, district.admin))
    assert {"admin", "community_worker", "system", "nobody-here"} <= set(names.values())
    # as people know them: no account code alone (session 38: "system" was shown as it is stored)
    assert names["系统"] == "system" and names["nobody-here(登录时输入,无此账号)"] == "nobody-here"
    assert all(not re.fullmatch(r"[a-z_]+", label) or label == login for label, login in names.items())
    found = audit.list_entries(district.db, district.admin, audit.AuditFilter(username="nobody-here"))
    assert [r.action for r in found] == ["user.login_failed"]


def test_audit_command_export_with_json(district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--json with --out says what was exported as JSON (it printed the text line, which is not JSON)."""
    import json

    _activity(district)
    url = district.db.url.render_as_string(hide_password=False)
    out_file = tmp_path / "审计.xlsx"
    assert cli_main(["audit", "--out", str(out_file), "--json", "--database-url", url]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["out"] == str(out_file) and got["exported"] > 0 and out_file.exists()


def test_audit_tab_lists_what_was_done_while_it_was_hidden(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """The tab read the log once, when first shown: an administrator who saved 2027's holidays on the
    calendar tab and came back found the log without it until they pressed 查询."""
    from datetime import date

    from desktop.services import calendar as cal_svc
    from desktop.views.audit_log import AuditLogTab
    from desktop.views.context import AppContext

    d = sqlite_district
    _activity(d)
    tab = AuditLogTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    tab.show()
    tab.user.setCurrentIndex(tab.user.findData("admin"))
    tab.search()
    tab.table.selectRow(1)
    chosen = tab.model.rows[1].id
    tab.hide()
    cal_svc.set_year(d.db, d.admin, 2027, days_off=[date(2027, 1, 1)], workdays=[])
    auth.add_user(d.db, d.admin, username="newcomer", password="newcomer123", role="community_worker",
                  region_id=d.regions["飞云社区"], display_name="新同事")
    tab.show()
    assert tab.model.rows[0].action == "user.add" and tab.model.rows[1].action == "calendar.set_year"
    assert tab.user.currentData() == "admin" and tab.user.findData("newcomer") >= 0  # filter kept, list fresh
    assert tab.model.rows[tab.table.currentIndex().row()].id == chosen  # the entry being read stays selected


def test_entries_read_in_chinese_with_the_codes_kept_for_it(district: District) -> None:
    """The log showed action codes (登录(user.login)), table names (users #1) and the English keys of the
    values before and after (days_off, workdays …): readers answer "who changed what" from it."""
    db, admin = district.db, district.admin
    worker = auth.find_user(db, admin, "community_worker")
    auth.update_user(db, admin, worker.id, display_name="陈晓琴", region_id=district.regions["八泉社区"])
    cal_svc.set_year(db, admin, 2027, days_off=[date(2027, 1, 1)], workdays=[date(2027, 2, 7)], note="元旦")
    calendar, update = audit.list_entries(db, admin, limit=2)
    assert update.target == "用户 陈晓琴(community_worker)" and update.entity_label == "用户"
    assert [(c.label, c.before, c.after) for c in update.changes] == [
        ("姓名", "测试community_worker", "陈晓琴"), ("所属区划", "飞云社区", "八泉社区")]
    assert (update.action, update.entity, update.entity_id) == ("user.update", "users", worker.id)  # for IT
    assert calendar.target == "2027 年节假日安排"
    assert {c.label: c.after for c in calendar.changes} == {"放假日期": "2027-01-01", "调休上班日期": "2027-02-07",
                                                         "依据": "元旦"}
    added = next(r for r in audit.list_entries(db, admin, audit.AuditFilter(text="添加用户"))
                 if r.entity_id == worker.id)
    shown = {c.label: c.after for c in added.changes}
    assert shown["角色"] == "社区工作人员" and shown["可以登录"] == "是" and shown["所属区划"] == "飞云社区"
    assert not {"版本", "version", "updated_at", "修改时间", "id"} & set(shown)
    region = next(r for r in audit.list_entries(db, admin, audit.AuditFilter(text="新增区划"))
                  if r.entity_id == district.regions["河口镇"])
    assert region.target == "区划 河口镇" and {c.label: c.after for c in region.changes}["级别"] == "街道(镇)"


def test_values_as_a_reader_reads_them(district: District) -> None:
    from desktop.services.audit_text import Names, changes, target
    from desktop.services.base import unit_of_work

    with unit_of_work(district.db, district.admin) as uow:
        names = Names(uow.session)
        household = changes("household", {"stage": "class_2", "category": "none", "single_parent": False,
                                           "next_visit_due": "2026-12-01", "version": 3},
                            {"stage": "class_1", "category": "dibao", "single_parent": True,
                             "next_visit_due": "2027-03-01", "version": 4}, names)
        assert [(c.label, c.before, c.after) for c in household] == [
            ("库别", "二类库", "一类库"), ("救助类别", "无", "低保"), ("单亲家庭", "否", "是"),
            ("下次走访日期", "2026-12-01", "2027-03-01")]
        income = changes("incomes", None, {"member_id": None, "kind": "wages", "amount": "12000.00",
                                           "exempt": False, "period_end": "2026-10-31"}, names)
        assert [(c.label, c.after) for c in income] == [("成员", "全户"), ("收入类型", "工资性收入"),
                                                       ("金额(元/12个月)", "12000.00"), ("统计截止日期", "2026-10-31")]
        member = changes("members", None, {"name": "张三", "id_number": "420203198001011234"}, names)
        assert member[1].after == "420203********1234"  # masked for every reader of the log
        assert target("members", 5, None, {"name": "张三"}, names) == "家庭成员 张三"
        assert target("applications", 7, None, None, names) == "申请(编号 7)"


def test_the_export_matches_the_screen(district: District, tmp_path: Path) -> None:
    db, admin = district.db, district.admin
    worker = auth.find_user(db, admin, "community_worker")
    auth.update_user(db, admin, worker.id, display_name="陈晓琴")
    out = tmp_path / "log.xlsx"
    audit.export_xlsx(db, admin, audit.AuditFilter(group="login"), out)
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    header = rows[1]
    row = dict(zip(header, rows[2], strict=True))
    assert (row["操作"], row["对象"], row["修改内容"]) == ("修改用户", "用户 陈晓琴(community_worker)",
                                                     "姓名:测试community_worker → 陈晓琴")
    assert (row["操作代码"], row["数据表"], row["记录编号"]) == ("user.update", "users", worker.id)


def test_the_detail_pane_reads_in_chinese_and_shows_codes_on_request(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                     chinese) -> None:  # noqa: ANN001
    from desktop.views.audit_log import AuditLogTab
    from desktop.views.context import AppContext

    d = sqlite_district
    worker = auth.find_user(d.db, d.admin, "community_worker")
    auth.update_user(d.db, d.admin, worker.id, display_name="陈晓琴", active=False)
    tab = AuditLogTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    tab.show()
    tab.table.selectRow(0)
    text = tab.details.toPlainText()
    assert text.startswith("修改用户") and "用户 陈晓琴(community_worker)" in text
    assert "姓名" in text and "可以登录" in text and "否" in text
    for internal in ("user.update", "users #", "display_name", "active", "updated_at"):
        assert internal not in text
    assert tab.model.data(tab.model.index(0, 4)) == "用户 陈晓琴(community_worker)"
    # the whole text (a narrow column cuts it), then the code
    assert tab.model.data(tab.model.index(0, 3), Qt.ItemDataRole.ToolTipRole) == "修改用户\n操作代码(供信息管理员):user.update"
    assert tab.model.data(tab.model.index(0, 5), Qt.ItemDataRole.ToolTipRole) == tab.model.data(tab.model.index(0, 5))
    tab.technical.setChecked(True)
    text = tab.details.toPlainText()
    assert "user.update" in text and f"users #{worker.id}" in text and '"display_name": "陈晓琴"' in text


def test_every_action_the_services_write_has_a_label_and_a_kind() -> None:
    """An action without a label reads as its code in the log, and one outside every kind cannot be
    filtered for — an export missing from 导出与查看完整身份证号 hides personal data leaving the program."""
    import re

    services = Path(audit.__file__).parent
    written = {m for f in services.glob("*.py")
               for m in re.findall(r'(?:uow\.audit|log_access)\((?:db, actor, )?"([a-z_.]+)"', f.read_text("utf-8"))}
    assert {"clues.export", "payments.roster", "households.export", "visit_list.export"} <= written
    assert sorted(a for a in written if a not in audit.ACTION_LABELS) == []
    prefixes = [p for _label, codes in audit.GROUPS.values() for p in codes]
    assert sorted(a for a in written if not any(a == p or (p[-1] in "._" and a.startswith(p)) for p in prefixes)) == []
    exports = [a for a in written if "export" in a or a in ("payments.roster",)]
    assert sorted(a for a in exports if a not in audit.GROUPS["access"][1]) == []


def test_a_read_only_role_exports_and_the_export_is_logged(district: District, tmp_path: Path) -> None:
    """统计查看人员 may export the household list: the file is written and the export logged. Before,
    the export wrote its file and then failed with 无权修改数据 when logging it."""
    from desktop.services import households as hs
    from tests.monitoring_helpers import add_households

    add_households(district.db, district.regions["八泉社区"], "class_1", 2)
    supervisor = district.actor(Role.SUPERVISOR)
    path = tmp_path / "户.xlsx"
    assert hs.export_households(district.db, supervisor, hs.HouseholdFilter(), path) == 2 and path.exists()
    rows = audit.list_entries(district.db, district.actor(Role.ADMIN), audit.AuditFilter(group="access"))
    entry = next(e for e in rows if e.action == "households.export")
    assert entry.username == supervisor.username and "户.xlsx" in entry.detail


def test_a_households_code_or_head_id_number_finds_every_entry_about_it(district: District) -> None:
    """The household detail lists its latest changes only and sends the reader to the log: typed in
    包含, the household's code or its head's ID number gives that household's entries (also those
    whose description does not name it), and none of another household's."""
    from desktop.services import households as hs

    def make(name: str, number: str, code: str) -> int:
        hid = hs.create_household(district.db, district.admin, region_id=district.regions["八泉社区"],
                                  address="八泉路1号", head={"name": name, "id_number": number}, code=code)
        version = hs.get_household(district.db, district.admin, hid).version
        hs.save_household(district.db, district.admin, hid, version, {"phone": "13800001111"})
        return hid

    zhang = make("张三", "420203199001011238", "XS-0001")
    make("李四", "11010519491231002X", "XS-0002")
    admin = district.actor(Role.ADMIN)
    for text in ("XS-0001", "420203199001011238"):
        rows = audit.list_entries(district.db, admin, audit.AuditFilter(text=text))
        assert {r.action for r in rows} == {"household.add", "member.add", "household.update"}, text
        assert {r.household_id for r in rows} == {zhang}, text
    lowercase_x = audit.list_entries(district.db, admin, audit.AuditFilter(text="11010519491231002x"))
    assert zhang not in {r.household_id for r in lowercase_x} and lowercase_x


def test_the_log_shows_id_numbers_masked_to_every_reader(qtbot, district: District, tmp_path: Path,  # noqa: ANN001
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Reading the log is not a full-number view (RULES.md §4): the administrator reads who did what,
    with ID numbers masked on screen, in the technical details, on the command line and in the export;
    a whole number typed in a note is masked too. Searching by the whole number still finds them."""
    from desktop.services import households as hs
    from desktop.views.audit_log import AuditLogTab
    from desktop.views.context import AppContext

    d = district
    number, masked = "420203199001011238", "420203********1238"
    hid = hs.create_household(d.db, d.admin, region_id=d.regions["八泉社区"], address="八泉路1号",
                              head={"name": "张三", "id_number": number})
    version = hs.get_household(d.db, d.admin, hid).version
    hs.save_household(d.db, d.admin, hid, version, {"note": f"邻居 {number} 反映"})
    rows = audit.list_entries(d.db, d.admin, audit.AuditFilter(text=number))
    assert {r.action for r in rows} >= {"household.add", "member.add", "household.update"}
    for r in rows:
        shown = repr((r.detail, r.target, r.before, r.after, r.changes))
        assert number not in shown, shown
    assert any(masked in repr(r.changes) for r in rows) and any(masked in repr(r.after) for r in rows)

    tab = AuditLogTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    tab.show()
    tab.technical.setChecked(True)
    for row in range(tab.model.rowCount()):
        tab.table.selectRow(row)
        assert number not in tab.details.toPlainText()

    url = d.db.url.render_as_string(hide_password=False)
    assert cli_main(["--database-url", url, "audit", "--text", number, "--json"]) == 0
    out = capsys.readouterr().out
    assert number not in out and masked in out
    path = tmp_path / "log.xlsx"
    assert audit.export_xlsx(d.db, d.admin, audit.AuditFilter(text=number), path) == len(rows)
    cells = repr(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())
    assert number not in cells and masked in cells


def test_a_whole_name_finds_the_entries_about_that_person(district: District) -> None:
    """Typed whole in 包含, a head's name gives the entries about that household, and a person's name
    those about the clues on him (their values name him, their descriptions do not); part of a name
    finds only the entries whose text holds it."""
    from desktop.rules.codes import SourceLevel
    from desktop.services import clues
    from desktop.services import households as hs

    d = district
    zhang = hs.create_household(d.db, d.admin, region_id=d.regions["八泉社区"], address="八泉路1号",
                                head={"name": "张三丰", "id_number": "420203199001011238"})
    clue = clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level=SourceLevel.DEPARTMENT, source="civil_affairs", reported_on=TODAY, description="独居",
        person_name="李四光"))
    clues.assign_clues(d.db, d.admin, [clue], d.regions["八泉社区"])
    found = audit.list_entries(d.db, d.admin, audit.AuditFilter(text="张三丰"))
    assert {r.action for r in found} == {"household.add", "member.add"} and {r.household_id for r in found} == {zhang}
    found = audit.list_entries(d.db, d.admin, audit.AuditFilter(text="李四光"))
    assert [(r.action, r.entity_id) for r in found] == [("clue.assign", clue), ("clue.add", clue)]
    assert audit.list_entries(d.db, d.admin, audit.AuditFilter(text="李四")) == []  # part of a name
    url = d.db.url.render_as_string(hide_password=False)
    assert cli_main(["--database-url", url, "audit", "--text", "李四光", "--json"]) == 0
