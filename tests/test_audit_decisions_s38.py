"""Session 38 acceptance: the audit log's 审批决定 entry of an approval said nothing (its text was the
refusal's reasons, empty), the 授权核对 entry not whether the check passed, and the 对象 column named
申请(编号 63) without its household."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli import main as cli_main
from desktop.services import applications as svc
from desktop.services import audit
from desktop.services.errors import NotFound
from tests.district import District
from tests.test_applications import make_household, run_steps_and_approve
from tests.test_cli_json_errors import check_refused


def _entries(district: District) -> dict[str, audit.AuditRow]:
    rows = audit.list_entries(district.db, district.admin, audit.AuditFilter(group="applications"))
    return {r.action: r for r in reversed(rows)}


def test_decisions_and_checks_say_their_outcome_and_household(district: District, tmp_path: Path) -> None:
    db, admin = district.db, district.admin
    approved = svc.accept(db, admin, household_id=make_household(db, district.regions["飞云社区"], "韩梅"),
                          category="dibao", accepted_on=date(2026, 2, 10))
    run_steps_and_approve(district, approved)
    rows = _entries(district)
    decided = rows["application.decide"]
    assert decided.detail == "批准低保,月救助金额 650.00 元,自 2026年04月 起发放"
    assert decided.target.startswith(f"申请(编号 {approved}) 韩梅户(户编号 T")
    assert rows["application.step.check"].detail == "通过"
    refused = svc.accept(db, admin, household_id=make_household(db, district.regions["飞云社区"], "李雷"),
                         category="dibao", accepted_on=date(2026, 2, 10))
    svc.complete_step(db, admin, refused, "check", on=date(2026, 2, 12), result="failed", note="存款超过规定")
    svc.decide(db, admin, refused, approve=False, on=date(2026, 2, 13), reason="核对未通过:存款超过规定",
               today=date(2026, 6, 15))
    rows = _entries(district)
    assert rows["application.step.check"].detail == "未通过;存款超过规定"
    assert rows["application.decide"].detail == "不予批准低保:核对未通过:存款超过规定"
    assert "李雷户" in rows["application.decide"].target
    out = tmp_path / "日志.xlsx"
    audit.export_xlsx(db, admin, audit.AuditFilter(group="applications"), out)
    sheet = load_workbook(out).active
    targets = [c.value for c in sheet["E"]]
    assert any(isinstance(t, str) and t.startswith(f"申请(编号 {refused}) 李雷户") for t in targets), targets


def test_a_user_filter_naming_nobody_is_said(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    """`audit --user 不存在的人` said 没有符合条件的操作记录 (exit 0): as if that person did nothing."""
    with pytest.raises(NotFound, match="找不到用户“不存在的人”"):
        audit.list_entries(district.db, district.admin, audit.AuditFilter(username="不存在的人"))
    url = district.db.url.render_as_string(hide_password=False)
    check_refused(["audit", "--user", "不存在的人", "--json", "--database-url", url], capsys, "not_found")
    for known in ("system", "系统", "admin"):
        audit.list_entries(district.db, district.admin, audit.AuditFilter(username=known))


def test_an_export_is_logged_with_where_it_went(district: District, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """`publicity --out p.xlsx` was logged as 通知书 with the bare name p.xlsx: the list's own name and
    the whole path (a file of personal data's place; the command ran in some folder)."""
    db, admin = district.db, district.admin
    app_id = svc.accept(db, admin, household_id=make_household(db, district.regions["飞云社区"], "韩梅"),
                        category="dibao", accepted_on=date(2026, 2, 10))
    run_steps_and_approve(district, app_id)
    monkeypatch.chdir(tmp_path)
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["publicity", "--from", "2026-01-01", "--to", "2026-12-31", "--out", "p.xlsx",
                     "--database-url", url]) == 0
    capsys.readouterr()
    row = next(r for r in audit.list_entries(db, admin, audit.AuditFilter(group="access"))
               if r.action == "publicity.export")
    assert row.target == "公示名单" and row.detail.endswith(str(tmp_path / "p.xlsx"))
