"""Monthly payments checked as an auditor would: no month paid twice, no payment recorded after the
assistance stopped, the month's summary and its roster agreeing, and what is written being what the
user confirmed. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop.models import AssistanceRecord
from desktop.rules.codes import Role
from desktop.services import applications as svc
from desktop.services.errors import ValidationFailed
from tests.district import District
from tests.test_applications import (
    approved_dibao,
    commitment_to_decision,
    make_household,
    regular_steps,
    run_regular,
    set_gradual_exit_months,
)


def paid(district: District, hid: int) -> list[tuple[int, str, str]]:
    with district.db.session_factory() as session:
        return [(a, f"{m:%Y-%m}", str(v)) for a, m, v in session.execute(
            select(AssistanceRecord.application_id, AssistanceRecord.month, AssistanceRecord.amount)
            .where(AssistanceRecord.household_id == hid).order_by(AssistanceRecord.month, AssistanceRecord.id))]


def records(district: District) -> int:
    with district.db.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(AssistanceRecord)))


def test_a_new_approval_in_a_month_the_stopped_one_still_pays_is_refused(district: District) -> None:
    """低保 stopped on 2026-07-20 (entered ahead, on 06-15) is paid for July; a 低保边缘 approved on 06-12
    starts in July. Nothing refused it: July was recorded twice, 650 + 300, for one family."""
    db, admin = district.db, district.admin
    hid, dibao = approved_dibao(district, "甲")  # 650 from April, April–June recorded
    svc.stop_assistance(db, admin, dibao, on=date(2026, 7, 20), reason="户主就业", today=date(2026, 6, 15))
    marginal = svc.accept(db, admin, household_id=hid, category="marginal", accepted_on=date(2026, 5, 20))
    regular_steps(district, marginal, date(2026, 5, 20))
    with pytest.raises(ValidationFailed, match=rf"低保\(申请编号 {dibao}\)发放到 2026-07-20 为止.*同一个月会发放两次.*"
                                               "决定日期定在 2026年07月 或以后"):
        svc.decide(db, admin, marginal, approve=True, on=date(2026, 6, 12), amount="300", today=date(2026, 6, 15))
    assert svc.get_detail(db, admin, marginal).row.status == "open"
    # decided in July it starts in August: one payment a month
    svc.decide(db, admin, marginal, approve=True, on=date(2026, 7, 21), amount="300", today=date(2026, 8, 3))
    svc.record_monthly_assistance(db, admin, date(2026, 7, 1), today=date(2026, 8, 3))
    assert [m for _a, m, _v in paid(district, hid)] == ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08"]


def test_a_stop_dated_before_a_recorded_month_is_refused(district: District) -> None:
    """April–June recorded, then a stop dated 04-10: May and June stayed recorded (and on the roster) after
    the last day assisted, while the month's summary no longer counted them."""
    db, admin = district.db, district.admin
    hid, dibao = approved_dibao(district, "乙")  # April–June recorded on 2026-06-15
    with pytest.raises(ValidationFailed, match="已登记 2026年06月 的救助发放.*停止日期不能早于 2026-06-01"):
        svc.stop_assistance(db, admin, dibao, on=date(2026, 4, 10), reason="户主四月就业", today=date(2026, 6, 15))
    set_gradual_exit_months(district, 1)  # a gradual exit from April ends with May: before June, refused too
    with pytest.raises(ValidationFailed, match="就业渐退到 2026-05-31 为止,早于这个月"):
        svc.stop_assistance(db, admin, dibao, on=date(2026, 4, 10), reason="户主就业", gradual=True,
                            today=date(2026, 6, 15))
    detail = svc.get_detail(db, admin, dibao)
    assert detail.stopped_on is None and detail.can_stop
    # from May, the exit pays June: allowed
    svc.stop_assistance(db, admin, dibao, on=date(2026, 5, 10), reason="户主就业", gradual=True, today=date(2026, 6, 15))
    assert svc.get_detail(db, admin, dibao).stopped_on == date(2026, 6, 30)
    # a stop within the last month recorded is fine
    _hid, other = approved_dibao(district, "丙")
    svc.stop_assistance(db, admin, other, on=date(2026, 6, 1), reason="户主就业", today=date(2026, 6, 15))
    assert [m for _a, m, _v in paid(district, hid)] == ["2026-04", "2026-05", "2026-06"]


def test_the_month_summary_counts_what_the_roster_lists(district: District) -> None:
    """A 低保 revoked after June was recorded: June's roster listed the family (it was paid), while the month's
    summary, which counted running approvals only, said June had nothing recorded."""
    db, admin = district.db, district.admin
    _hid, app_id = commitment_to_decision(district, "丁", date(2026, 2, 10))
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 2, 27), amount="650.50", today=date(2026, 6, 15))
    check = next(p for p in svc.get_detail(db, admin, app_id).post_checks if p.kind == "centralised")
    svc.record_post_check(db, admin, check.id, on=date(2026, 6, 20), passed=False, note="隐瞒收入",
                          today=date(2026, 6, 20))
    roster = svc.payment_roster(db, admin, date(2026, 6, 1))
    june = svc.monthly_assistance(db, admin, date(2026, 6, 1), today=date(2026, 6, 20))
    assert (june.recorded, june.recorded_amount, june.due) == (len(roster), sum(r.amount for r in roster), 0)
    assert (june.recorded, june.recorded_amount) == (1, Decimal("650.50"))
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)  # 八泉街道: 飞云社区's family is theirs
    assert svc.monthly_assistance(db, caseworker, date(2026, 6, 1), today=date(2026, 6, 20)).recorded == 1
    assert svc.monthly_assistance(db, district.actor(Role.COMMUNITY_WORKER), date(2026, 5, 1)).recorded == 1
    hekou = make_household(db, district.regions["闸口社区"], "戊")
    temporary = svc.accept(db, admin, household_id=hekou, category="temporary", temporary_kind="emergency",
                           accepted_on=date(2026, 5, 6))
    svc.decide(db, admin, temporary, approve=True, on=date(2026, 5, 6), amount="0.10", today=date(2026, 6, 20))
    assert svc.monthly_assistance(db, admin, date(2026, 6, 1), today=date(2026, 6, 20)).recorded_amount \
        == Decimal("650.60")
    assert svc.monthly_assistance(db, caseworker, date(2026, 6, 1), today=date(2026, 6, 20)).recorded == 1


def test_recording_writes_only_what_was_confirmed(district: District) -> None:
    """The dialog asked "record July for 1 household, 650.00 yuan?" and the service wrote whatever was due by
    then: another approval since, or the month recorded on another workstation meanwhile, was written (or
    nothing was) under the user's confirmation of other numbers."""
    db, admin = district.db, district.admin
    approved_dibao(district, "己")
    seen = svc.monthly_assistance(db, admin, date(2026, 7, 1), today=date(2026, 7, 15))
    assert (seen.due, seen.due_amount) == (1, Decimal("650.00"))
    # meanwhile a second family is approved (paid from July)
    second = svc.accept(db, admin, household_id=make_household(db, district.regions["八泉社区"], "庚"),
                        category="dibao", accepted_on=date(2026, 6, 1))
    regular_steps(district, second, date(2026, 6, 1))
    svc.decide(db, admin, second, approve=True, on=date(2026, 6, 16), amount="480", today=date(2026, 6, 16))
    before = records(district)
    with pytest.raises(ValidationFailed, match="确认时是 1 户,合计 650.00 元,现在是 2 户,合计 1,130.00 元.*没有写入"):
        svc.record_monthly_assistance(db, admin, date(2026, 7, 1), today=date(2026, 7, 15),
                                      expected=(seen.due, seen.due_amount))
    assert records(district) == before
    seen = svc.monthly_assistance(db, admin, date(2026, 7, 1), today=date(2026, 7, 15))
    assert svc.record_monthly_assistance(db, admin, date(2026, 7, 1), today=date(2026, 7, 15),
                                         expected=(seen.due, seen.due_amount)) == 2
    # confirmed again after another workstation recorded it: refused, not "0 recorded" in silence
    with pytest.raises(ValidationFailed, match="现在是 0 户"):
        svc.record_monthly_assistance(db, admin, date(2026, 7, 1), today=date(2026, 7, 15),
                                      expected=(seen.due, seen.due_amount))
    assert records(district) == before + 2


def test_a_caseworkers_roster_says_whose_it_is(district: District, tmp_path: Path) -> None:
    """A caseworker's roster holds the sub-district only, but its title read as the district's
    ("2026年05月社会救助资金发放花名册"): sent on, it passes for the whole district's payments."""
    db, admin = district.db, district.admin
    svc.decide(db, admin, commitment_to_decision(district, "辛", date(2026, 2, 10))[1], approve=True,  # 飞云社区
               on=date(2026, 2, 27), amount="500", today=date(2026, 6, 15))
    run_regular(district, make_household(db, district.regions["闸口社区"], "壬"))  # 河口镇
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)  # 八泉街道
    out = tmp_path / "cw.xlsx"
    assert svc.export_payment_roster_xlsx(db, caseworker, out, date(2026, 5, 1)) == (1, Decimal("500.00"))
    assert openpyxl.load_workbook(out).active["A1"].value == "八泉街道2026年05月社会救助资金发放花名册"
    svc.export_payment_roster_xlsx(db, admin, out, date(2026, 5, 1))
    assert openpyxl.load_workbook(out).active["A1"].value == "2026年05月社会救助资金发放花名册"


def test_the_month_and_roster_commands_answer_in_json(district: District, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main as cli_main

    url = district.db.url.render_as_string(hide_password=False)
    approved_dibao(district, "癸")  # 650 from April, April–June recorded
    assert cli_main(["assistance-month", "2026-07", "--dry-run", "--json", "--database-url", url]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "month": "2026-07", "dry_run": True, "written": 0, "gradual_exits_ended": 0, "recorded": 0,
        "recorded_amount": "0.00", "due": 1, "due_amount": "650.00"}
    assert cli_main(["assistance-month", "2026-07", "--json", "--database-url", url]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["written"], out["recorded"], out["recorded_amount"], out["due"]) == (1, 1, "650.00", 0)
    assert cli_main(["assistance-month", "2026-07", "--database-url", url]) == 0
    assert "已写入 2026年07月 救助发放记录 0 户;本月共登记 1 户,合计 650.00 元" in capsys.readouterr().out
    ahead = date.today().replace(day=1) + (date(2000, 3, 1) - date(2000, 1, 1))
    assert cli_main(["assistance-month", f"{ahead:%Y-%m}", "--json", "--database-url", url]) == 1
    assert json.loads(capsys.readouterr().out) == {
        "error": f"{ahead:%Y年%m月}还没有到,不能登记这个月的救助发放。", "code": "invalid_input"}
    roster = tmp_path / "r.xlsx"
    assert cli_main(["payment-roster", "2026-07", "--out", str(roster), "--json", "--database-url", url]) == 0
    assert json.loads(capsys.readouterr().out) == {"month": "2026-07", "households": 1, "amount": "650.00",
                                                   "out": str(roster)}
    assert cli_main(["payment-roster", "2026-08", "--out", str(roster), "--json", "--region", "没有这里",
                     "--database-url", url]) == 1
    assert json.loads(capsys.readouterr().out)["error"] == "找不到区划“没有这里”(可写名称或区划代码)。"


def test_an_amount_finer_than_a_fen_is_refused_not_rounded(district: District) -> None:
    """"650.005" typed as the monthly amount was approved as 650.01: the notice, the roster and every month
    paid carried an amount nobody typed. Amounts paid or recovered are refused below the fen."""
    db, admin = district.db, district.admin
    _hid, app_id = commitment_to_decision(district, "子", date(2026, 2, 10))
    for typed in ("650.005", "650.001", "１２.３４５"):
        with pytest.raises(ValidationFailed, match=f"救助金额“{typed}”最多只能到分"):
            svc.decide(db, admin, app_id, approve=True, on=date(2026, 2, 27), amount=typed, today=date(2026, 3, 1))
    assert svc.get_detail(db, admin, app_id).row.status == "open"
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 2, 27), amount="650.50", today=date(2026, 3, 1))
    assert svc.get_detail(db, admin, app_id).row.amount == Decimal("650.50")


def test_a_failed_review_dated_before_a_recorded_month_names_the_check_date(district: District) -> None:
    """A failed yearly review stops the assistance on the day of the check: dated before a month already
    recorded it is refused like any stop, in the words of the form the user is at (核查日期)."""
    db, admin = district.db, district.admin
    _hid, app_id = approved_dibao(district, "丑")  # decided 2026-03-10, April–June recorded
    check = next(p for p in svc.get_detail(db, admin, app_id).post_checks if p.kind == "periodic")
    svc.record_monthly_assistance(db, admin, date(2027, 3, 1), today=date(2027, 3, 20))
    with pytest.raises(ValidationFailed, match="已登记 2027年03月 的救助发放.*核查日期\\(即停止日期\\)不能早于 2027-03-01"):
        svc.record_post_check(db, admin, check.id, on=date(2027, 2, 26), passed=False, note="收入超过标准",
                              today=date(2027, 3, 20))
    assert svc.get_detail(db, admin, app_id).post_checks[0].done_on is None
    svc.record_post_check(db, admin, check.id, on=date(2027, 3, 12), passed=False, note="收入超过标准",
                          today=date(2027, 3, 20))
    assert svc.get_detail(db, admin, app_id).stopped_on == date(2027, 3, 12)
