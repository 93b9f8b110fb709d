"""Monthly payments over 2027 checked as the finance office would: a re-assessment that follows a stop
decided ahead (no gap, no double month), a month recorded before an earlier one. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from datetime import date as D
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.models import AssistanceRecord
from desktop.services import applications as svc
from desktop.services.errors import ValidationFailed
from tests.district import District
from tests.test_applications import make_household, regular_steps


class _Clock(datetime.date):
    now = D(2026, 12, 1)

    @classmethod
    def today(cls) -> datetime.date:  # type: ignore[override]
        return cls.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> type[_Clock]:
    monkeypatch.setattr(svc, "date", _Clock)
    _Clock.now = D(2026, 12, 1)
    return _Clock


def _approve(district: District, hid: int, accepted: D, decided: D, amount: str) -> int:
    _Clock.now = max(_Clock.now, decided)
    app = svc.accept(district.db, district.admin, household_id=hid, category="dibao", accepted_on=accepted)
    regular_steps(district, app, accepted)
    svc.decide(district.db, district.admin, app, approve=True, on=decided, amount=amount)
    return app


def _paid(district: District, hid: int) -> list[tuple[str, str]]:
    with district.db.session_factory() as session:
        return [(f"{m:%Y-%m}", f"{a:.2f}") for m, a in session.execute(
            select(AssistanceRecord.month, AssistanceRecord.amount)
            .where(AssistanceRecord.household_id == hid).order_by(AssistanceRecord.month))]


def _record(district: District, *months: int) -> None:
    for m in months:
        _Clock.now = max(_Clock.now, D(2027, m, 3))
        svc.end_gradual_exits(district.db, district.admin)
        svc.record_monthly_assistance(district.db, district.admin, D(2027, m, 1))


def test_a_reassessment_follows_a_stop_decided_ahead_without_a_gap(district: District, clock: type[_Clock]) -> None:
    """Re-assessed in March at 1,000 instead of 900: the clerk stops the old 低保 at the end of March (decided
    ahead, on 03-05) so that the new amount runs from April. The new application was refused ("正在享受低保 …
    请先停止原救助") though the old one was stopped: stopped today instead, the family left 救助中, and a
    new decision after March left a month unpaid."""
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["八泉社区"], "甲", 3)
    old = _approve(district, hid, D(2026, 12, 1), D(2026, 12, 20), "900")  # from January
    _record(district, 1, 2)
    clock.now = D(2027, 3, 5)
    svc.stop_assistance(db, admin, old, on=D(2027, 3, 31), reason="重新核定家庭收入")
    new = _approve(district, hid, D(2027, 3, 5), D(2027, 3, 22), "1000")  # from April
    _record(district, 3, 4, 5)
    assert _paid(district, hid) == [("2027-01", "900.00"), ("2027-02", "900.00"), ("2027-03", "900.00"),
                                    ("2027-04", "1000.00"), ("2027-05", "1000.00")]
    assert svc.get_detail(db, admin, new).row.status == "approved"
    assert svc.monthly_assistance(db, admin, D(2027, 4, 1)).recorded_amount == Decimal("1000.00")
    # a running one with no end decided still refuses the same category, and a decision paying a month the
    # old one still pays is refused
    with pytest.raises(ValidationFailed, match="不能重复申请同一类别"):
        svc.accept(db, admin, household_id=hid, category="dibao", accepted_on=D(2027, 5, 3))
    other = make_household(db, district.regions["飞云社区"], "乙", 2)
    first = _approve(district, other, D(2027, 4, 1), D(2027, 4, 20), "500")  # from May
    svc.stop_assistance(db, admin, first, on=D(2027, 6, 30), reason="重新核定家庭收入")
    again = svc.accept(db, admin, household_id=other, category="dibao", accepted_on=D(2027, 4, 21))
    regular_steps(district, again, D(2027, 4, 21))
    with pytest.raises(ValidationFailed, match="2027-06-30 为止.*同一个月会发放两次"):
        svc.decide(db, admin, again, approve=True, on=D(2027, 5, 2), amount="600")  # from June


def test_a_month_recorded_before_an_earlier_one_says_so(qtbot, district: District, clock: type[_Clock],  # noqa: ANN001
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """February recorded on 2027-02-03 while January was never recorded: the command and the dialog said
    "2 households, 1,400.00 yuan" and nothing of January, whose families were never paid."""
    from desktop.cli import main as cli_main
    from desktop.views import application_forms as forms
    from desktop.views.context import AppContext

    db = district.db
    for name, region, amount in (("丙", "八泉社区", "900"), ("丁", "闸口社区", "500")):
        _approve(district, make_household(db, district.regions[region], name, 2), D(2026, 11, 20), D(2026, 12, 10),
                 amount)  # from January 2027
    clock.now = D(2027, 2, 3)
    dialog = forms.MonthlyAssistanceDialog(AppContext(db, district.admin), today=clock.now)
    qtbot.addWidget(dialog)
    assert "Still to record: 2 household(s), 1,400.00 yuan" in dialog.summary.text()
    assert "Earlier months not recorded: 2027-01 (families not paid" in dialog.summary.text()
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["assistance-month", "2027-02", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "注意:以前月份未登记:2027年01月(这些家庭没有发放,或已发放但没有登记),请补登。" in out
    assert "已写入 2027年02月 救助发放记录 2 户" in out
    # January recorded late (补发): the same families and amounts, nothing more said
    assert cli_main(["assistance-month", "2027-01", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "注意" not in out and "本月共登记 2 户,合计 1,400.00 元" in out
    assert cli_main(["assistance-month", "2027-02", "--dry-run", "--database-url", url]) == 0
    assert "注意" not in capsys.readouterr().out
    dialog.load()
    assert "Earlier months" not in dialog.summary.text()


def test_a_past_months_roster_lists_the_household_as_it_was_paid(district: District, clock: type[_Clock]) -> None:
    """January paid to 蒋一 (3 people) in 八泉社区; in February the family moved to 闸口社区 and the head
    changed to 蒋二 with 2 people. January's roster printed again named 闸口社区, 蒋二 and 2: the finance
    office's copy no longer matched the bank's, and January's total moved to the other sub-district."""
    from desktop.models import Household

    d = district
    hid = make_household(d.db, d.regions["八泉社区"], "蒋一", 3)
    _approve(d, hid, D(2026, 11, 2), D(2026, 12, 10), "900")
    _record(d, 1)
    with d.db.session_factory() as session:
        hh = session.get(Household, hid)
        hh.region_id, hh.head_name, hh.member_count = d.regions["闸口社区"], "蒋二", 2
        session.commit()
    _record(d, 2)
    [january] = svc.payment_roster(d.db, d.admin, D(2027, 1, 1))
    [february] = svc.payment_roster(d.db, d.admin, D(2027, 2, 1))
    assert (january.community, january.head_name, january.member_count) == ("八泉社区", "蒋一", 3)
    assert (february.community, february.head_name, february.member_count) == ("闸口社区", "蒋二", 2)
    # by sub-district: January is 八泉街道's, February 河口镇's
    assert [r.head_name for r in svc.payment_roster(d.db, d.admin, D(2027, 1, 1),
                                                    region_id=d.regions["八泉街道"])] == ["蒋一"]
    with pytest.raises(ValidationFailed):
        svc.payment_roster(d.db, d.admin, D(2027, 2, 1), region_id=d.regions["八泉街道"])
