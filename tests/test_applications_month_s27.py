"""Issue 7 accepted from outside: a sub-district office's winter, December 2026 – February 2027.

Year end, 元旦, 春节 2027 with its make-up working days, in a year the calendar library does not know
yet (chinesecalendar 1.11 stops at 2026). Drawn through the commands (``deadlines``, ``post-checks``,
``assistance-month``, ``payment-roster``, ``publicity``, ``calendar``) and the services, on SQLite and
PostgreSQL, with a clock that moves forward through the winter. Earlier acceptance files
(test_applications_acceptance.py, test_deadlines_acceptance.py, test_payment_acceptance.py …) cover the
autumn of 2026 and the 2026 vectors; nothing of theirs is repeated here.

The 2027 schedule the administrator enters is an assumed one (the State Council's is not in the library):
days off 1/1–1/3 and 2/5–2/13 (除夕 Fri 2/5 to Sat 2/13), make-up working days Sun 1/31 and Sat 2/20.
Until it is entered, a deadline reaching into 2027 is counted by weekends and 1 January only, and says so.

Every figure below was worked out by hand (a deadline of N working days counts from the day after its
start; publicity is 7 calendar days; payment from the month after approval):

- 甲 (八泉, 3, commitment 低保) accepted Thu 2026-12-24: 10 working days = 12/25, 12/28–12/31 (5), 1/1 off,
  1/4–1/8 (10) → 2027-01-08, both before and after 2027 is entered (1/2–1/3 a weekend anyway); before, it
  carries the warning "2027年的法定节假日安排尚未录入".
- 乙 (闸口, 2, regular 低保) accepted Mon 2026-12-21: 30 working days = 12/22–12/25 (4), 12/28–12/31 (8),
  1/4–1/29 (28), then unknown 2027: 2/1 (29), 2/2 (30) → 2027-02-02 estimated; with 2027 entered Sun 1/31
  is a working day → 2027-02-01. The set-year command says one open deadline moved.
- 丙 (八泉, 3, regular 低保) accepted Mon 2027-01-18: check due 1/21; whole due 1/19–1/22 (4), 1/25–1/29 (9),
  Sun 1/31 (10), 2/1–2/4 (14), 2/15–2/19 (19), Sat 2/20 (20), 2/22–2/26 (25), 3/1–3/5 (30) → 2027-03-05.
  Publicity 1/21 → may close 1/28; decision due 10 working days after 1/28: 1/29, 1/31, 2/1–2/4 (6),
  2/15–2/18 (10) → 2027-02-18. Refused on Thu 2/4, the last working day before 春节: written refusal due
  3 working days after: 2/15, 2/16, 2/17 → 2027-02-17 (with 2027 unknown it would be 2/5, 2/8, 2/9).
  Re-applies (a new application after the refusal) on Mon 2/22: accepted, the household back to 申请中.
- 丁 (飞云, 1, commitment 低保) accepted Mon 2027-01-25: 1/26–1/29 (4), Sun 1/31 (5), 2/1–2/4 (9), 2/15 (10)
  → 2027-02-15; publicity 1/27 → 2/3. Approved on Thu 2/4 at 780 (1 × (780 − 0)): paid from March, centralised check due
  2027-03-04, yearly re-check 2028-02-04.
- 戊 (飞云, 3 → 4, regular 低保) accepted Tue 2026-12-01, a baby born 12/02 entered 12/10, during the application;
  approved 12/22 at 4 × (780 − 500) = 1120 (urban 2026 standard 780, per-capita income 500 after the birth).
- 己 (道仕袱村, 2, rural regular 低保) approved 12/31 at 2 × (620 − 400) = 440 (rural 2026 standard 620).
- 庚 (八泉, 1, commitment 低保) approved 12/15 at 780: centralised check due 2027-01-15.
- 辛 (飞云, 2, temporary 急难型) accepted and helped first on Wed 2026-12-30 with 3000 (one-off, January 2027):
  the data check, done after the help, is due 3 working days after the decision: 12/31, 1/1 off, 1/4, 1/5
  → 2027-01-05 (estimated until 2027 is entered, then the same day).
- 壬 (闸口, 2, regular 低保) accepted 12/28, withdrawn 2027-01-04: not listed, not paid.

January 2027 roster: 戊 1120.00, 己 440.00, 庚 780.00, 辛 3000.00 → 4 households, 5340.00 yuan (乙, 甲 are
decided later in January and paid from February). Publicity of decisions 2026-12-01 … 12-31: 庚 1/780.00,
戊 4/1120.00, 辛 2/3000.00, 己 2/440.00 in the order of decision.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from decimal import Decimal
from itertools import count
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from desktop import cli
from desktop.models import Application, Household, Member, PostCheck, Region
from desktop.rules import idcard
from desktop.services import applications as svc
from desktop.services import base as service_base
from desktop.services import households
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.services.policy import seed_default_policy, settings_in_force
from tests.district import District

D = date.fromisoformat
_codes = count(1)
WARNING_2027 = "2027年的法定节假日安排尚未录入"
SCHEDULE_2027 = ["calendar", "set-year", "2027", "--off", "01-01..01-03", "02-05..02-13",
                 "--workday", "01-31", "02-20", "--note", "假定的2027年安排(测试)"]


class _Clock(date):
    now = D("2026-12-01")

    @classmethod
    def today(cls) -> date:  # type: ignore[override]
        return cls.now


class Office:
    """The sub-district office, acting on the day the clock says (the services' idea of today)."""

    def __init__(self, district: District, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
        self.d, self.db, self.admin, self.capsys = district, district.db, district.admin, capsys
        self.url = district.db.url.render_as_string(hide_password=False)
        monkeypatch.setattr(svc, "date", _Clock)
        real_check_day = service_base.check_day
        monkeypatch.setattr(svc, "check_day", lambda day, label, today=None, **kw: real_check_day(
            day, label, today or _Clock.now, **kw))
        _Clock.now = D("2026-12-01")
        self.hid: dict[str, int] = {}
        self.app: dict[str, int] = {}

    def on(self, day: str) -> Office:
        assert D(day) >= _Clock.now, "the clock only goes forward"
        _Clock.now = D(day)
        return self

    def household(self, name: str, community: str, members: int) -> int:
        area = "rural" if community in ("闸口社区", "道仕袱村") else "urban"
        with self.db.session_factory() as session:
            hh = Household(region_id=self.d.regions[community], head_name=name, member_count=members,
                           code=f"W{next(_codes):05d}", stage="class_1", area_type=area)
            session.add(hh)
            session.flush()
            for i in range(members):  # real members: a change of members recounts them
                number = idcard.make("420203", D("1980-01-01") if i == 0 else D("2010-01-01"), next(_codes) % 1000)
                session.add(Member(household_id=hh.id, name=name if i == 0 else f"{name}{i}",
                                   relation="self" if i == 0 else "child", id_number=number,
                                   id_reversed=number[::-1]))
            session.commit()
            self.hid[name] = hh.id
        return self.hid[name]

    def accept(self, name: str, on: str, track: str = "regular", category: str = "dibao",
               kind: str | None = None) -> int:
        self.on(on)
        commitment = svc.CommitmentInput(name, D(on)) if track == "commitment" else None
        self.app[name] = svc.accept(self.db, self.admin, household_id=self.hid[name], category=category,
                                    track=track, accepted_on=D(on), commitment=commitment, temporary_kind=kind)
        return self.app[name]

    def steps(self, name: str, check: str, survey: str, publicity_from: str, publicity_closed: str) -> None:
        app = self.app[name]
        self.on(max(publicity_closed, _Clock.now.isoformat()))  # entered that day or later
        svc.complete_step(self.db, self.admin, app, "check", on=D(check), result="passed")
        svc.complete_step(self.db, self.admin, app, "investigation", on=D(survey), investigators=["刘调查", "陈调查"])
        svc.complete_step(self.db, self.admin, app, "publicity", on=D(publicity_closed),
                          publicity_start=D(publicity_from))

    def commitment_approvals(self, accepted: str, amounts: dict[str, str]) -> None:
        """Commitment-track applications accepted on a Monday (those not open yet), checked and surveyed the
        next day, publicised from then for 7 days and approved the day after (Tuesday + 8): all in one week
        of working days, with no holiday in it."""
        start = D(accepted)
        day = [(start + timedelta(days=n)).isoformat() for n in (1, 8, 9)]
        for name in amounts:
            if self.app.get(name) is None or svc.get_detail(self.db, self.admin, self.app[name]).row.status != "open":
                self.accept(name, accepted, "commitment")
        for name in amounts:
            self.steps(name, day[0], day[0], day[0], day[1])
        for name, amount in amounts.items():
            self.approve(name, day[2], amount)

    def approve(self, name: str, on: str, amount: str) -> None:
        self.on(on)
        svc.decide(self.db, self.admin, self.app[name], approve=True, on=D(on), amount=amount)

    def cli(self, *argv: str) -> tuple[int, str]:
        try:
            code = cli.main([*argv, "--database-url", self.url])
        except SystemExit as exc:
            code = exc.code
        out, err = self.capsys.readouterr()
        assert "Traceback" not in out + err and "内部错误" not in err, err
        return int(code or 0), out + err

    def json(self, *argv: str) -> object:
        code, out = self.cli(*argv, "--json")
        assert code == 0, out
        return json.loads(out)

    def deadlines(self, as_of: str) -> dict[str, dict]:
        by_app = {v: k for k, v in self.app.items()}
        rows = self.json("deadlines", "--as-of", as_of)
        assert isinstance(rows, list)
        return {by_app.get(r["id"], str(r["id"])): r for r in rows}

    def stage(self, name: str) -> str | None:
        with self.db.session_factory() as session:
            return session.get(Household, self.hid[name]).stage


@pytest.fixture
def office(district: District, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> Office:
    return Office(district, monkeypatch, capsys)


def test_deadlines_into_an_unknown_2027_are_estimated_said_so_and_move_when_the_year_is_entered(
        office: Office) -> None:
    o = office
    o.household("甲", "八泉社区", 3)
    o.household("乙", "闸口社区", 2)
    o.accept("乙", "2026-12-21")
    o.accept("甲", "2026-12-24", "commitment")
    code, out = o.cli("calendar", "show", "2027")
    assert code == 0 and "2027 年:未知(仅按周末和固定节日估算)" in out and "2027年的法定节假日安排尚未录入" in out
    rows = o.deadlines("2026-12-24")
    assert (rows["甲"]["due_on"], rows["乙"]["due_on"]) == ("2027-01-08", "2027-02-02")
    assert WARNING_2027 in rows["甲"]["warning"] and WARNING_2027 in rows["乙"]["warning"]
    # the check of 乙 is due 3 working days after acceptance: 12/22–12/24, within the known 2026
    assert rows["乙"]["next_step"] == "check" and rows["乙"]["step_due_on"] == "2026-12-24"
    assert rows["乙"]["working_days_left"] == 0 and not rows["乙"]["overdue"]
    # the text for people says it too, beside the deadline
    code, text = o.cli("deadlines", "--as-of", "2026-12-24")
    assert code == 0 and WARNING_2027 in text

    # the administrator enters 2027: 乙's whole deadline moves a day earlier (Sun 1/31 is worked), 甲's stays
    o.on("2026-12-28")
    result = o.json(*SCHEDULE_2027)
    assert isinstance(result, dict)
    assert (result["days_off"], result["workdays"], result["warning"]) == (12, 2, "")
    assert (result["procedure"], result["steps"], result["refusal_notices"], result["application_ids"]) == (
        1, 0, 0, [o.app["乙"]])
    rows = o.deadlines("2026-12-28")
    assert (rows["甲"]["due_on"], rows["乙"]["due_on"]) == ("2027-01-08", "2027-02-01")
    assert rows["甲"]["warning"] == rows["乙"]["warning"] == ""
    code, text = o.cli("deadlines", "--as-of", "2026-12-28")
    assert WARNING_2027 not in text
    code, out = o.cli("calendar", "show", "2027")
    assert code == 0 and "2027-02-20" in out and "2027-01-31" in out


def test_spring_festival_refusal_approval_and_reapplication(office: Office) -> None:
    o = office
    seed_default_policy(o.db, o.admin)
    o.household("丙", "八泉社区", 3)
    o.household("丁", "飞云社区", 1)
    o.json(*SCHEDULE_2027)
    o.accept("丙", "2027-01-18")
    rows = o.deadlines("2027-01-18")
    assert (rows["丙"]["step_due_on"], rows["丙"]["due_on"], rows["丙"]["warning"]) == (
        "2027-01-21", "2027-03-05", "")
    o.accept("丁", "2027-01-25", "commitment")
    assert o.deadlines("2027-01-25")["丁"]["due_on"] == "2027-02-15"
    o.steps("丙", "2027-01-19", "2027-01-20", "2027-01-21", "2027-01-28")
    rows = o.deadlines("2027-01-28")
    assert (rows["丙"]["next_step"], rows["丙"]["step_due_on"]) == ("decision", "2027-02-18")
    # as seen on Thu 2/4 before the holiday: 2/15, 2/16, 2/17, 2/18 are left
    assert o.deadlines("2027-02-04")["丙"]["working_days_left"] == 4
    # during the holiday no working day passes
    assert o.deadlines("2027-02-12")["丙"]["working_days_left"] == 4
    # 丁's data check was due 3 working days after acceptance (1/28); not yet recorded on 2/4 it is 6 working
    # days late (1/29, Sun 1/31, 2/1–2/4), the whole procedure still due 2/15
    late = o.deadlines("2027-02-04")["丁"]
    assert (late["step_due_on"], late["working_days_left"], late["overdue"], late["due_on"]) == (
        "2027-01-28", -6, True, "2027-02-15")
    o.steps("丁", "2027-01-26", "2027-01-26", "2027-01-27", "2027-02-03")
    o.approve("丁", "2027-02-04", "780")
    svc.decide(o.db, o.admin, o.app["丙"], approve=False, on=D("2027-02-04"), reason="家庭人均收入高于低保标准")
    refusal = svc.get_detail(o.db, o.admin, o.app["丙"], as_of=D("2027-02-04")).refusal_notice
    assert (refusal.due_on, refusal.warning, refusal.overdue) == (D("2027-02-17"), "", False)
    assert not svc.get_detail(o.db, o.admin, o.app["丙"], as_of=D("2027-02-17")).refusal_notice.overdue
    assert svc.get_detail(o.db, o.admin, o.app["丙"], as_of=D("2027-02-18")).refusal_notice.overdue
    assert o.stage("丙") == "class_1"

    with o.db.session_factory() as session:
        assert session.get(Application, o.app["丁"]).start_month == D("2027-03-01")
    checks = o.json("post-checks", "--as-of", "2027-02-04")
    assert isinstance(checks, list)
    mine = sorted((c["kind"], c["due_on"]) for c in checks if c["application_id"] == o.app["丁"])
    assert mine == [("centralised", "2027-03-04"), ("periodic", "2028-02-04")]
    # the standard the amount was worked from: urban 2027 is still the 2026 one (780) unless re-set
    assert settings_in_force(o.db, o.admin, "urban", D("2027-02-04"))["dibao_standard"] == Decimal("780")

    # re-application after the refusal (复核/重新申请): a new application is accepted
    refused = o.app["丙"]
    again = o.accept("丙", "2027-02-22")
    assert again != refused and o.stage("丙") == "applying"
    assert o.deadlines("2027-02-22")["丙"]["status"] == "open"


def test_written_refusal_counted_over_spring_festival_before_2027_is_entered(office: Office) -> None:
    """Decided while 2027 was unknown: estimated 2/9, said so; once entered, 2/17 without a warning."""
    o = office
    o.household("丙", "八泉社区", 3)
    o.accept("丙", "2027-01-18")
    o.steps("丙", "2027-01-19", "2027-01-20", "2027-01-21", "2027-01-28")
    o.on("2027-02-04")
    svc.decide(o.db, o.admin, o.app["丙"], approve=False, on=D("2027-02-04"), reason="家庭人均收入高于低保标准")
    owed = [r for r in svc.refusals_to_serve(o.db, o.admin, as_of=D("2027-02-04")) if r.application_id == o.app["丙"]]
    assert [(r.due_on, WARNING_2027 in r.warning) for r in owed] == [(D("2027-02-09"), True)]
    result = o.json(*SCHEDULE_2027)
    assert isinstance(result, dict)
    assert (result["refusal_notices"], result["application_ids"]) == (1, [o.app["丙"]])
    owed = [r for r in svc.refusals_to_serve(o.db, o.admin, as_of=D("2027-02-04")) if r.application_id == o.app["丙"]]
    assert [(r.due_on, r.warning) for r in owed] == [(D("2027-02-17"), "")]


def test_help_first_at_year_end_and_its_paperwork_in_january(office: Office) -> None:
    o = office
    o.household("辛", "飞云社区", 2)
    o.accept("辛", "2026-12-30", category="temporary", kind="emergency")
    o.approve("辛", "2026-12-30", "3000")
    rows = o.deadlines("2026-12-30")
    assert rows["辛"]["after_help"] and rows["辛"]["due_on"] is None
    assert rows["辛"]["step_due_on"] == "2027-01-05" and WARNING_2027 in rows["辛"]["warning"]
    o.json(*SCHEDULE_2027)
    rows = o.deadlines("2027-01-04")
    assert (rows["辛"]["step_due_on"], rows["辛"]["warning"], rows["辛"]["working_days_left"]) == ("2027-01-05", "", 1)
    # the data check after the help fails: a check opens to decide on revocation and recovery
    o.on("2027-01-06")
    svc.complete_step(o.db, o.admin, o.app["辛"], "check", on=D("2027-01-06"), result="failed")
    checks = o.json("post-checks", "--as-of", "2027-01-06")
    assert isinstance(checks, list)
    assert [(c["kind"], c["due_on"]) for c in checks if c["application_id"] == o.app["辛"]] == [
        ("after_help", "2027-02-06")]


def _winter_approvals(o: Office) -> None:
    seed_default_policy(o.db, o.admin)
    for name, community, members in [("戊", "飞云社区", 3), ("己", "道仕袱村", 2), ("庚", "八泉社区", 1),
                                      ("辛", "飞云社区", 2), ("壬", "闸口社区", 2), ("甲", "八泉社区", 3),
                                      ("乙", "闸口社区", 2)]:
        o.household(name, community, members)
    o.accept("戊", "2026-12-01")
    o.accept("庚", "2026-12-02", "commitment")
    o.on("2026-12-10")
    with o.db.session_factory() as session:  # a baby born during the application, entered at the desk
        version = session.get(Household, o.hid["戊"]).version
    households.add_member(o.db, o.admin, o.hid["戊"], version, {
        "name": "戊女", "relation": "child", "id_number": idcard.make("420203", D("2026-12-02"), 2)})
    with o.db.session_factory() as session:
        assert session.get(Household, o.hid["戊"]).member_count == 4
    o.accept("己", "2026-12-14")
    o.steps("庚", "2026-12-03", "2026-12-04", "2026-12-07", "2026-12-14")
    o.approve("庚", "2026-12-15", "780")
    o.steps("戊", "2026-12-02", "2026-12-03", "2026-12-14", "2026-12-21")
    o.approve("戊", "2026-12-22", "1120")
    o.steps("己", "2026-12-15", "2026-12-16", "2026-12-17", "2026-12-24")
    o.accept("壬", "2026-12-28")
    o.accept("辛", "2026-12-30", category="temporary", kind="emergency")
    o.approve("辛", "2026-12-30", "3000")
    o.approve("己", "2026-12-31", "440")
    o.on("2027-01-04")
    svc.withdraw(o.db, o.admin, o.app["壬"], on=D("2027-01-04"), reason="申请人书面撤回")
    o.commitment_approvals("2027-01-04", {"甲": "600", "乙": "500"})


def test_january_roster_and_december_publicity_as_counted_by_hand(office: Office, tmp_path: Path) -> None:
    o = office
    _winter_approvals(o)
    assert settings_in_force(o.db, o.admin, "urban", D("2026-12-22"))["dibao_standard"] == Decimal("780")
    assert settings_in_force(o.db, o.admin, "rural", D("2026-12-31"))["dibao_standard"] == Decimal("620")
    assert "壬" not in o.deadlines("2027-01-04")
    o.on("2027-01-14")
    december = o.json("assistance-month", "2026-12")
    assert isinstance(december, dict) and december["recorded"] == 0  # decided in December: paid from January
    january = o.json("assistance-month", "2027-01")
    assert isinstance(january, dict)
    assert (january["recorded"], january["recorded_amount"]) == (4, "5340.00")
    code, out = o.cli("payment-roster", "2027-01", "--out", str(tmp_path / "roster.xlsx"), "--json")
    assert code == 0, out
    assert (json.loads(out)["households"], json.loads(out)["amount"]) == (4, "5340.00")
    cells = [[str(c) for c in row] for row in CalamineWorkbook.from_path(str(tmp_path / "roster.xlsx"))
             .get_sheet_by_index(0).to_python()]
    flat = "\n".join("|".join(r) for r in cells)
    for name, amount in (("戊", "1120"), ("己", "440"), ("庚", "780"), ("辛", "3000")):
        assert any(name in r and any(c.replace(",", "").startswith(amount) for c in r) for r in cells), (name, flat)
    for name in ("壬", "甲", "乙"):
        assert not any(name in r for r in cells), (name, flat)

    publicity = svc.publicity_list(o.db, o.admin, decided_from=D("2026-12-01"), decided_to=D("2026-12-31"))
    assert [(r.name, r.member_count, f"{r.amount:.2f}") for r in publicity] == [
        ("庚", 1, "780.00"), ("戊", 4, "1120.00"), ("辛", 2, "3000.00"), ("己", 2, "440.00")]
    code, out = o.cli("publicity", "--from", "2026-12-01", "--to", "2026-12-31",
                      "--out", str(tmp_path / "pub.xlsx"), "--json")
    assert code == 0 and json.loads(out)["households"] == 4, out
    sheet = CalamineWorkbook.from_path(str(tmp_path / "pub.xlsx")).get_sheet_by_index(0).to_python()
    text = json.dumps(sheet, ensure_ascii=False, default=str)
    assert "壬" not in text and "甲" not in text and "道仕袱村" not in text  # name, size, amount only

    checks = o.json("post-checks", "--as-of", "2027-01-14")
    assert isinstance(checks, list)
    by_app = {v: k for k, v in o.app.items()}
    centralised = sorted((by_app[c["application_id"]], c["due_on"]) for c in checks if c["kind"] == "centralised")
    assert centralised == [("乙", "2027-02-13"), ("庚", "2027-01-15"), ("甲", "2027-02-13")]


def test_a_january_spot_check_is_reproducible_and_recorded(office: Office) -> None:
    o = office
    _winter_approvals(o)
    o.on("2027-01-14")
    seen = svc.latest_sample(o.db, o.admin)
    sample = svc.draw_spot_check(o.db, o.admin, on=D("2027-01-14"), rate="50%", stratified=True, seed=20270114,
                                 seen_latest=seen)
    # the population: the running commitment approvals 庚, 甲 (八泉街道) and 乙 (河口镇); by the documented
    # rule each stratum draws ceil(n × 50%) with random.Random(f"{seed}/{sub-district id}")
    assert sample.population_size == 3 and sample.seed == 20270114
    with o.db.session_factory() as session:
        paths = {name: session.get(Region, session.get(Household, o.hid[name]).region_id).path
                 for name in ("庚", "甲", "乙")}
    strata: dict[str, list[int]] = {}
    for name in ("庚", "甲", "乙"):
        sub = [p for p in paths[name].split("/") if p][1]
        strata.setdefault(sub, []).append(o.app[name])
    expected = sorted(x for key in sorted(strata)
                      for x in random.Random(f"20270114/{key}").sample(sorted(strata[key]), -(-len(strata[key]) // 2)))
    assert [r.application_id for r in sample.rows] == expected and len(expected) == 2
    assert svc.verify_sample(o.db, o.admin, sample.id)
    # a second draw by someone who had not seen this one is refused in words, nothing saved
    with pytest.raises(ServiceError) as refused:
        svc.draw_spot_check(o.db, o.admin, on=D("2027-01-14"), rate="50%", stratified=True, seen_latest=seen)
    assert "抽" in str(refused.value)
    assert [s[0] for s in svc.list_samples(o.db, o.admin)] == [sample.id]
    with o.db.session_factory() as session:
        spot = session.scalars(select(PostCheck).where(PostCheck.kind == "spot")).all()
    assert sorted(p.application_id for p in spot) == expected
    assert {p.due_on for p in spot} == {D("2027-02-14")}
    with pytest.raises(ValidationFailed):
        svc.draw_spot_check(o.db, o.admin, on=D("2027-01-14"), rate="0", seed=1)


def test_the_publicity_list_and_approval_notice_keep_the_family_as_decided(office: Office, tmp_path: Path) -> None:
    """戊 was approved on 12/22 for 4 people at 1120 (4 × 280). On 2027-01-20 a son moves out: the December
    list printed again, and the approval notice reprinted, showed 3 people beside the amount decided for 4,
    a list the public could not square with the decision. They now show the size it was decided for."""
    o = office
    _winter_approvals(o)
    o.on("2027-01-20")
    with o.db.session_factory() as session:
        son = session.scalars(select(Member).where(Member.household_id == o.hid["戊"], Member.name == "戊1")).one()
        son_id, version = son.id, son.version
    households.remove_member(o.db, o.admin, son_id, version)
    with o.db.session_factory() as session:
        assert session.get(Household, o.hid["戊"]).member_count == 3
    publicity = svc.publicity_list(o.db, o.admin, decided_from=D("2026-12-01"), decided_to=D("2026-12-31"))
    assert [(r.name, r.member_count, f"{r.amount:.2f}") for r in publicity] == [
        ("庚", 1, "780.00"), ("戊", 4, "1120.00"), ("辛", 2, "3000.00"), ("己", 2, "440.00")]
    html = svc.publicity_html(o.db, o.admin, decided_from=D("2026-12-01"), decided_to=D("2026-12-31"))
    assert "<td>戊</td><td class='right'>4</td><td class='right'>1,120.00(每月)</td>" in html, html
    notice = svc.notice_document(o.db, o.admin, o.app["戊"])
    assert "家庭人口 4 人" in notice.html and "1,120.00" in notice.html
    # a household whose size has not changed reads as before
    assert "家庭人口 2 人" in svc.notice_document(o.db, o.admin, o.app["己"]).html
    # 戊 dies in February and 戊's spouse becomes head: the December list and notice still name 戊
    o.on("2027-02-20")
    with o.db.session_factory() as session:
        others = session.scalars(select(Member).where(Member.household_id == o.hid["戊"], Member.relation != "self")
                                 .order_by(Member.id)).all()
        version = session.get(Household, o.hid["戊"]).version
    households.change_head(o.db, o.admin, o.hid["戊"], version, others[0].id, "other")
    with o.db.session_factory() as session:
        assert session.get(Household, o.hid["戊"]).head_name == others[0].name != "戊"
    publicity = svc.publicity_list(o.db, o.admin, decided_from=D("2026-12-01"), decided_to=D("2026-12-31"))
    assert ("戊", 4) in [(r.name, r.member_count) for r in publicity]
    assert "<p>戊:</p>" in svc.notice_document(o.db, o.admin, o.app["戊"]).html  # not the new head's name


def test_a_family_changing_category_is_one_family_in_the_spot_check_population(office: Office) -> None:
    """癸 (八泉, 1) on commitment 低保 since 12/16 is re-approved as commitment 特困 on 2027-01-13 (a change of
    category: the 低保 stops on 01-31, the day before the 特困's first month). Drawn on 01-14, both approvals
    were running and both went into the population: one family counted twice (the 50 % share taken of 4
    "approvals" where 3 families run) and able to be drawn twice in one sample. The population holds each
    family once, by the approval that goes on: 庚, 癸's 特困 (八泉街道) → ceil(2 × 50 %) = 1, and 乙 (河口镇) → 1."""
    o = office
    seed_default_policy(o.db, o.admin)
    for name, community, members in [("庚", "八泉社区", 1), ("癸", "八泉社区", 1), ("乙", "闸口社区", 2)]:
        o.household(name, community, members)
    o.commitment_approvals("2026-12-07", {"庚": "780", "癸": "780"})  # approved 12/16
    dibao = o.app["癸"]
    o.accept("癸", "2027-01-04", "commitment", category="tekun")
    o.commitment_approvals("2027-01-04", {"乙": "500"})
    o.steps("癸", "2027-01-05", "2027-01-05", "2027-01-05", "2027-01-12")
    svc.decide(o.db, o.admin, o.app["癸"], approve=True, on=D("2027-01-13"), amount="1100", replace_running=True)
    assert svc.get_detail(o.db, o.admin, dibao).stopped_on == D("2027-01-31")
    o.on("2027-01-14")
    sample = svc.draw_spot_check(o.db, o.admin, on=D("2027-01-14"), rate="50%", stratified=True, seed=7)
    assert sample.population_size == 3 and len(sample.rows) == 2
    drawn = [r.application_id for r in sample.rows]
    assert dibao not in drawn and len({r.head_name for r in sample.rows}) == 2
    assert svc.verify_sample(o.db, o.admin, sample.id)
