"""Payments after approval checked end to end against figures worked out by hand (RULES.md §1.5).

A designed set of approvals in an empty district, the months recorded through the command line
(``relief-desk assistance-month``) as the office would run them, month after month, and the payment
roster (``relief-desk payment-roster``) and the publicity list read back. Every figure below was worked
out by hand from the rules, not read from the program: payment starts the month after approval; a
one-off 临时救助 is paid once, in that month; a stop pays the month it falls in and nothing after; a
gradual exit after employment pays N more months after the month of the decision (N the setting, here
2); a change of amount of the same category (re-assessed: the old approval stopped, a new one approved)
pays the old amount for the month of the stop and the new one from the month after the new approval;
a revoked approval pays nothing after the revocation. A month is paid whole (no part months).

The hand figures, month by month (yuan):

    household           2026-04  05       06       07       08       09      10      11      12       2027-01
    A 城市低保 3人 03-31  1950.00  1950.00  1950.00  1950.00  1950.00  1950.00 1950.00 1950.00 1950.00  1950.00
    B 农村低保 2人 04-01           880.50   880.50   880.50   880.50   880.50  880.50  880.50  880.50   880.50
    C 特困     1人 04-30           1234.56  1234.56  1234.56  1234.56  1234.56 1234.56 1234.56 1234.56  1234.56
    D 临时救助 4人 05-15                    3000.00
    E 低保 停止 06-20     700.00   700.00   700.00
    F 低保 渐退2月 07-10  600.00   600.00   600.00   600.00   600.00   600.00
    G 低保 500→800 07-20  500.00   500.00   500.00   500.00   800.00   800.00  800.00  800.00  800.00   800.00
    H 承诺制低保 撤销08-12          450.00   450.00   450.00   450.00
    K 特困 11-30                                                                        999.99   999.99
    J 城市低保 12-01                                                                                  1000.00
    I 农村低保 12-31                                                                                  720.00
    households          4        7        8        6        6        5       4       4       5        7
    total               3750.00  6315.06  9315.06  5615.06  5915.06  5465.06 4865.06 4865.06 5865.05  7585.05

H's August was recorded (08-03) before the spot check failed (08-12): it counts as paid and is what the
revocation recovers, with May to July: 1800.00. SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from itertools import count
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from desktop.cli import main as cli_main
from desktop.models import Application, AssistanceRecord, Household, PostCheck
from desktop.rules import idcard
from desktop.rules.codes import Role
from desktop.services import applications as svc
from desktop.services.errors import ServiceError
from tests.district import District
from tests.test_applications import regular_steps, set_gradual_exit_months

D = date.fromisoformat
_sequence = count(101)


class _Clock(date):
    now = D("2026-03-01")

    @classmethod
    def today(cls) -> date:  # type: ignore[override]
        return cls.now


def _household(district: District, community: str, name: str, members: int, born: str) -> int:
    area = "rural" if community in ("闸口社区", "道仕袱村") else "urban"
    with district.db.session_factory() as session:
        hh = Household(region_id=district.regions[community], head_name=name, member_count=members,
                       code=f"P{next(_sequence):05d}", stage="class_1", area_type=area,
                       head_id_number=idcard.make("420203", D(born), next(_sequence) % 1000))
        session.add(hh)
        session.commit()
        return hh.id


class Office:
    """The district office, acting on the day the clock says."""

    def __init__(self, district: District, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
        self.district, self.capsys = district, capsys
        self.url = district.db.url.render_as_string(hide_password=False)
        monkeypatch.setattr(svc, "date", _Clock)
        _Clock.now = D("2026-03-01")

    def on(self, day: str) -> Office:
        assert D(day) >= _Clock.now, "the clock only goes forward"
        _Clock.now = D(day)
        return self

    def approve(self, hid: int, category: str, accepted: str, decided: str, amount: str, *,
                track: str = "regular", kind: str | None = None, replace: bool = False) -> int:
        db, admin = self.district.db, self.district.admin
        self.on(decided)
        commitment = svc.CommitmentInput("申请人", D(accepted)) if track == "commitment" else None
        app = svc.accept(db, admin, household_id=hid, category=category, track=track, accepted_on=D(accepted),
                         temporary_kind=kind, commitment=commitment)
        regular_steps(self.district, app, D(accepted))
        svc.decide(db, admin, app, approve=True, on=D(decided), amount=amount, replace_running=replace)
        return app

    def cli(self, *args: str) -> tuple[int, str]:
        code = cli_main([*args, "--database-url", self.url])
        return code, self.capsys.readouterr().out

    def month(self, month: str) -> dict:
        code, out = self.cli("assistance-month", month, "--json")
        assert code == 0, out
        return json.loads(out)

    def roster(self, month: str, path: Path, *extra: str) -> tuple[int, dict]:
        code, out = self.cli("payment-roster", month, "--out", str(path), "--json", *extra)
        return code, json.loads(out)


def paid(district: District) -> dict[str, dict[str, str]]:
    """month -> {head name: amount}, as recorded."""
    out: dict[str, dict[str, str]] = {}
    with district.db.session_factory() as session:
        for month, name, amount in session.execute(
                select(AssistanceRecord.month, Household.head_name, AssistanceRecord.amount)
                .join(Household, Household.id == AssistanceRecord.household_id)):
            assert name not in out.setdefault(f"{month:%Y-%m}", {}), f"{name} paid twice in {month:%Y-%m}"
            out[f"{month:%Y-%m}"][name] = f"{Decimal(str(amount)):.2f}"
    return out


HAND = {  # month -> head -> amount (the table in the module's docstring)
    "2026-04": {"甲": "1950.00", "戊": "700.00", "己": "600.00", "庚": "500.00"},
    "2026-05": {"甲": "1950.00", "乙": "880.50", "丙": "1234.56", "戊": "700.00", "己": "600.00", "庚": "500.00",
                "辛": "450.00"},
    "2026-06": {"甲": "1950.00", "乙": "880.50", "丙": "1234.56", "丁": "3000.00", "戊": "700.00", "己": "600.00",
                "庚": "500.00", "辛": "450.00"},
    "2026-07": {"甲": "1950.00", "乙": "880.50", "丙": "1234.56", "己": "600.00", "庚": "500.00", "辛": "450.00"},
    "2026-08": {"甲": "1950.00", "乙": "880.50", "丙": "1234.56", "己": "600.00", "庚": "800.00", "辛": "450.00"},
    "2026-09": {"甲": "1950.00", "乙": "880.50", "丙": "1234.56", "己": "600.00", "庚": "800.00"},
    "2026-10": {"甲": "1950.00", "乙": "880.50", "丙": "1234.56", "庚": "800.00"},
    "2026-11": {"甲": "1950.00", "乙": "880.50", "丙": "1234.56", "庚": "800.00"},
    "2026-12": {"甲": "1950.00", "乙": "880.50", "丙": "1234.56", "庚": "800.00", "癸": "999.99"},
    "2027-01": {"甲": "1950.00", "乙": "880.50", "丙": "1234.56", "庚": "800.00", "癸": "999.99", "壬": "1000.00",
                "子": "720.00"},
}
TOTALS = {"2026-04": (4, "3750.00"), "2026-05": (7, "6315.06"), "2026-06": (8, "9315.06"),
          "2026-07": (6, "5615.06"), "2026-08": (6, "5915.06"), "2026-09": (5, "5465.06"),
          "2026-10": (4, "4865.06"), "2026-11": (4, "4865.06"), "2026-12": (5, "5865.05"),
          "2027-01": (7, "7585.05")}


def run_the_year(district: District, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
                 tmp_path: Path) -> tuple[Office, dict[str, int]]:
    """The year of approvals, stops and months recorded, checked against the hand figures on the way."""
    db, admin = district.db, district.admin
    office = Office(district, monkeypatch, capsys)
    set_gradual_exit_months(district, 2)
    hh = {name: _household(district, community, name, size, born) for name, community, size, born in [
        ("甲", "八泉社区", 3, "1970-05-06"), ("乙", "道仕袱村", 2, "1965-01-01"), ("丙", "闸口社区", 1, "1950-02-03"),
        ("丁", "飞云社区", 4, "1980-07-08"), ("戊", "八泉社区", 2, "1975-03-04"), ("己", "飞云社区", 2, "1985-09-10"),
        ("庚", "八泉社区", 2, "1972-11-12"), ("辛", "飞云社区", 2, "1968-06-30"), ("壬", "飞云社区", 2, "1977-04-04"),
        ("子", "道仕袱村", 3, "1960-12-31"), ("癸", "闸口社区", 1, "1945-08-08")]}

    # March: decisions in March start in April; nothing is paid for March
    e = office.approve(hh["戊"], "dibao", "2026-02-25", "2026-03-10", "700")
    f = office.approve(hh["己"], "dibao", "2026-03-03", "2026-03-15", "600")
    g = office.approve(hh["庚"], "dibao", "2026-03-04", "2026-03-20", "500")
    office.approve(hh["甲"], "dibao", "2026-03-16", "2026-03-31", "1950")  # the last day of March
    assert office.month("2026-03") == {"month": "2026-03", "dry_run": False, "written": 0, "gradual_exits_ended": 0,
                                       "recorded": 0, "recorded_amount": "0.00", "due": 0, "due_amount": "0.00"}
    code, out = office.roster("2026-03", tmp_path / "march.xlsx")
    assert code == 1 and "2026年03月还没有登记救助发放" in out["error"]
    assert not (tmp_path / "march.xlsx").exists()
    # a month not begun is refused, and writes nothing
    code, out = office.cli("assistance-month", "2026-04", "--json")
    assert code == 1 and json.loads(out)["error"] == "2026年04月还没有到,不能登记这个月的救助发放。"

    office.approve(hh["乙"], "dibao", "2026-03-17", "2026-04-01", "880.50")  # the 1st: from May
    office.on("2026-04-02")
    assert office.month("2026-04")["written"] == 4
    office.approve(hh["辛"], "dibao", "2026-03-30", "2026-04-10", "450", track="commitment")
    office.approve(hh["丙"], "tekun", "2026-04-13", "2026-04-30", "1234.56")
    office.approve(hh["丁"], "temporary", "2026-04-20", "2026-05-15", "3000", kind="expenditure")
    office.on("2026-05-20")
    assert office.month("2026-05")["written"] == 7
    office.on("2026-06-01")
    assert office.month("2026-06")["written"] == 8
    office.on("2026-06-20")
    svc.stop_assistance(db, admin, e, on=D("2026-06-20"), reason="户主外出务工,收入超过标准")
    # re-assessed at 800: the same category is not applied for twice while it runs (the refusal says to stop
    # it first); stopped on 07-05 it pays July at 500, the new approval of 07-20 pays 800 from August
    office.on("2026-07-05")
    svc.stop_assistance(db, admin, g, on=D("2026-07-05"), reason="重新核定:家庭收入减少,重新申请")
    office.on("2026-07-10")
    svc.stop_assistance(db, admin, f, on=D("2026-07-10"), reason="户主就业", gradual=True)  # pays to September
    regraded = office.approve(hh["庚"], "dibao", "2026-07-06", "2026-07-20", "800")
    july = office.month("2026-07")
    assert (july["written"], july["recorded"], july["recorded_amount"]) == (6, 6, "5615.06")
    # the same month again: nothing doubled
    again = office.month("2026-07")
    assert (again["written"], again["recorded"], again["recorded_amount"], again["due"]) == (0, 6, "5615.06", 0)
    office.on("2026-08-03")
    assert office.month("2026-08")["written"] == 6
    # the spot check of the commitment-track approval fails: revoked, what was paid is to be recovered
    sample = svc.draw_spot_check(db, admin, on=D("2026-08-05"), count=1, seed=7)
    assert [r.application_id for r in sample.rows] == [hh_app(district, hh["辛"])]
    office.on("2026-08-12")
    with db.session_factory() as session:
        spot = session.scalar(select(PostCheck.id).where(PostCheck.kind == "spot"))
    revocation = svc.record_post_check(db, admin, spot, on=D("2026-08-12"), passed=False, note="隐瞒经营收入")
    assert revocation is not None
    assert svc.get_detail(db, admin, hh_app(district, hh["辛"])).revocations[0].amount_to_recover == Decimal("1800.00")
    ended = {}
    for month, day in (("2026-09", "2026-09-01"), ("2026-10", "2026-10-08"), ("2026-11", "2026-11-02")):
        office.on(day)
        ended[month] = office.month(month)["gradual_exits_ended"]
    assert ended == {"2026-09": 0, "2026-10": 1, "2026-11": 0}  # 己's exit ran to 09-30: leaves 救助中 after it
    office.approve(hh["癸"], "tekun", "2026-11-10", "2026-11-30", "999.99")  # the last day of November
    office.on("2026-12-01")
    office.approve(hh["壬"], "dibao", "2026-11-16", "2026-12-01", "1000")  # the 1st of December: from January
    office.month("2026-12")
    office.approve(hh["子"], "dibao", "2026-12-14", "2026-12-31", "720")  # the last day of the year
    office.on("2027-01-05")
    january = office.month("2027-01")
    assert (january["written"], january["recorded_amount"], january["gradual_exits_ended"]) == (7, "7585.05", 0)
    code, out = office.cli("assistance-month", "2027-02", "--json")  # not begun
    assert code == 1 and "2027年02月还没有到" in json.loads(out)["error"]

    assert paid(district) == HAND
    for month, (households, total) in TOTALS.items():
        assert sum(Decimal(v) for v in HAND[month].values()) == Decimal(total)
        state = svc.monthly_assistance(db, admin, D(f"{month}-01"))
        assert (state.recorded, f"{state.recorded_amount:.2f}", state.due) == (households, total, 0), month
    # the families stopped, exited and revoked have left 救助中
    assert svc.get_detail(db, admin, e).stopped_on == D("2026-06-20")
    assert svc.get_detail(db, admin, f).stopped_on == D("2026-09-30")
    assert svc.get_detail(db, admin, g).stopped_on == D("2026-07-05")
    assert svc.get_detail(db, admin, regraded).row.status == "approved"
    stages = {name: household_stage(district, hid) for name, hid in hh.items()}
    assert stages["戊"] == stages["己"] == stages["辛"] == "class_1" and stages["庚"] == "assisted"
    return office, hh


def test_the_hand_figures_hold_month_by_month(district: District, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    run_the_year(district, monkeypatch, capsys, tmp_path)


def hh_app(district: District, hid: int) -> int:
    """The household's only (or first) application."""
    with district.db.session_factory() as session:
        return int(session.scalar(select(Application.id).where(Application.household_id == hid)
                                  .order_by(Application.id).limit(1)))


def household_stage(district: District, hid: int) -> str | None:
    with district.db.session_factory() as session:
        return session.get(Household, hid).stage



def _sheet(path: Path) -> list[tuple]:
    return [tuple(c for c in row) for row in openpyxl.load_workbook(path).active.iter_rows()]


def test_the_roster_read_back_agrees_with_the_hand_figures(district: District, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    """Rows in the order the regions were added (sub-district, then community: 闸口社区 before 道仕袱村, as
    everywhere else; the roster listed them by name), one a household; amounts as numbers shown with two
    decimals adding up to the total line; full ID numbers, only for the roles whose duties need them."""
    office, hh = run_the_year(district, monkeypatch, capsys, tmp_path)
    db = district.db
    for month, (households, total) in TOTALS.items():
        path = tmp_path / f"{month}.xlsx"
        code, out = office.roster(month, path)
        assert (code, out["households"], out["amount"]) == (0, households, total), month
        rows = _sheet(path)
        assert rows[0][0].value == f"{D(month + '-01'):%Y年%m月}社会救助资金发放花名册"
        assert [c.value for c in rows[1]] == list(svc.ROSTER_HEADERS)
        body, last = rows[2:-1], rows[-1]
        assert {r[4].value: f"{Decimal(str(r[8].value)):.2f}" for r in body} == HAND[month]
        assert [r[0].value for r in body] == list(range(1, households + 1))
        assert all(r[8].number_format == "#,##0.00" and r[8].data_type == "n" for r in [*body, last])
        assert (last[0].value, last[4].value, f"{Decimal(str(last[8].value)):.2f}") == ("合计", f"{households} 户", total)
        assert last[7].value == sum(r[7].value for r in body)
        with db.session_factory() as session:
            numbers = dict(session.execute(select(Household.head_name, Household.head_id_number)).all())
        assert all(r[5].value == numbers[r[4].value] and r[5].data_type == "s" for r in body)
    january = _sheet(tmp_path / "2027-01.xlsx")[2:-1]
    assert [(r[1].value, r[2].value, r[4].value) for r in january] == [
        ("八泉街道", "八泉社区", "甲"), ("八泉街道", "八泉社区", "庚"), ("八泉街道", "飞云社区", "壬"),
        ("河口镇", "闸口社区", "丙"), ("河口镇", "闸口社区", "癸"), ("河口镇", "道仕袱村", "乙"),
        ("河口镇", "道仕袱村", "子")]
    june = {r[4].value: r[6].value for r in _sheet(tmp_path / "2026-06.xlsx")[2:-1]}
    assert june["丁"] == "临时救助(支出型)" and june["丙"] == "特困" and june["甲"] == "低保"
    # one sub-district
    code, out = office.roster("2027-01", tmp_path / "hekou.xlsx", "--region", "河口镇")
    assert (code, out["households"], out["amount"]) == (0, 4, "3835.05")
    rows = _sheet(tmp_path / "hekou.xlsx")
    assert rows[0][0].value == "河口镇2027年01月社会救助资金发放花名册" and len(rows) == 2 + 4 + 1
    # a sub-district's caseworker gets the sub-district's roster; the community worker and the supervisor none
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)
    assert svc.export_payment_roster_xlsx(db, caseworker, tmp_path / "baquan.xlsx", D("2027-01-01")) == \
        (3, Decimal("3750.00"))
    rows = _sheet(tmp_path / "baquan.xlsx")
    assert rows[0][0].value == "八泉街道2027年01月社会救助资金发放花名册"
    assert [r[4].value for r in rows[2:-1]] == ["甲", "庚", "壬"]
    for role in (Role.COMMUNITY_WORKER, Role.SUPERVISOR):
        with pytest.raises(ServiceError):
            svc.export_payment_roster_xlsx(db, district.actor(role), tmp_path / f"{role}.xlsx", D("2027-01-01"))
        assert not (tmp_path / f"{role}.xlsx").exists()


def test_the_publicity_list_shows_name_family_size_and_amount_of_approvals_standing(
        district: District, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    """Only name, family size and amount (RULES.md §1.5), of every approval decided in the period and not
    revoked: 辛's approval, revoked after the spot check, was still published as receiving 450 a month.
    Stopped ones stay: the decision stood when made."""
    office, _hh = run_the_year(district, monkeypatch, capsys, tmp_path)
    db, admin = district.db, district.admin
    path = tmp_path / "publicity.xlsx"
    svc.export_publicity_xlsx(db, admin, path, decided_from=D("2026-03-01"), decided_to=D("2026-12-31"))
    rows = [r for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]
    # The command writes the same list.
    by_command = tmp_path / "公示.xlsx"
    code, out = office.cli("publicity", "--from", "2026-03-01", "--to", "2026-12-31", "--out", str(by_command), "--json")
    assert code == 0 and json.loads(out)["households"] == 11, out
    assert [r for r in openpyxl.load_workbook(by_command).active.iter_rows(values_only=True)] == rows
    code, out = office.cli("publicity", "--from", "2026-04-01", "--to", "2026-04-30", "--region", "闸口社区",
                           "--out", str(tmp_path / "闸口.xlsx"))
    assert code == 0 and "1 户" in out and "2026年04月01日至2026年04月30日" in out, out
    code, _out = office.cli("publicity", "--from", "2026-05-01", "--to", "2026-04-01", "--out", str(tmp_path / "x.xlsx"))
    assert code == 1 and not (tmp_path / "x.xlsx").exists()
    assert rows[1] == ("序号", "姓名", "家庭人口", "救助金额(元)")
    assert rows[2:] == [
        (1, "戊", 2, "700.00(每月)"), (2, "己", 2, "600.00(每月)"), (3, "庚", 2, "500.00(每月)"),
        (4, "甲", 3, "1,950.00(每月)"), (5, "乙", 2, "880.50(每月)"), (6, "丙", 1, "1,234.56(每月)"),
        (7, "丁", 4, "3,000.00(一次性)"), (8, "庚", 2, "800.00(每月)"), (9, "癸", 1, "999.99(每月)"),
        (10, "壬", 2, "1,000.00(每月)"), (11, "子", 3, "720.00(每月)")]
    with db.session_factory() as session:
        numbers = [n for n in session.scalars(select(Household.head_id_number))]
    flat = " ".join(str(v) for r in rows for v in r)
    assert not any(n in flat or n[-4:] in flat for n in numbers) and "P00" not in flat
    html = svc.publicity_html(db, admin, decided_from=D("2026-04-01"), decided_to=D("2026-04-30"))
    assert "辛" not in html and "共 2 户" in html and "880.50" in html and "1,234.56" in html
