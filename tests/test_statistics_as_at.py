"""A past period's funnel, library sizes and referral outcomes are as at its end: run later, they do
not change. Approval time and the pass rate stay cohort figures: the period's applications by the
decisions and data checks made up to the day of the run.

Supervisors compare monthly reports; the March report run on 1 April and again in July gives the
same funnel and referral outcomes although, in between, an approval made in March was revoked,
another was stopped and a referral sent in March was done. An application accepted in March had
its data check and its decision in April, another its refusal: the July run counts them in March's
approval time and pass rate (cut at 31 March, they would be in no report, and March's median would
leave out exactly its slow applications). Every history here is written through the services that
keep it (the steps, the decision, the stop, the failed post-check and its revocation, the
referral's status), on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from itertools import count

from desktop.models import Clue, Household
from desktop.rules import idcard
from desktop.rules.codes import Role
from desktop.services import applications as svc
from desktop.services import referrals
from desktop.services import statistics as st
from tests.district import District

MARCH = st.StatsFilter(date(2026, 3, 1), date(2026, 3, 31))
_numbers = count(1)


def household_reported(district: District, code: str, reported: date) -> int:
    """A household in 飞云社区 first reported (a clue) on ``reported``."""
    n = next(_numbers)
    id_number = idcard.make("420203", date(1980, 1, n), 20 + n)
    with district.db.session_factory() as s:
        hh = Household(code=code, region_id=district.regions["飞云社区"], head_name=f"户主{code}",
                       head_id_number=id_number, head_id_reversed=id_number[::-1], member_count=2, stage="class_1",
                       stage_since=reported)
        s.add(hh)
        s.flush()
        s.add(Clue(household_id=hh.id, source_level="vertical", source="grid", channel="phone", reported_on=reported,
                   region_id=hh.region_id))
        s.commit()
        return hh.id


def commitment_accepted(district: District, hid: int, accepted: date) -> int:
    return svc.accept(district.db, district.admin, household_id=hid, category="dibao", track="commitment",
                      accepted_on=accepted, commitment=svc.CommitmentInput("申请人", accepted), today=accepted)


def steps_to_decision(district: District, app_id: int, checked: date, *, passed: bool = True) -> None:
    """The data check on ``checked``, the investigation the next day, publicity for 7 days after."""
    db, admin = district.db, district.admin
    svc.complete_step(db, admin, app_id, "check", on=checked, result="passed" if passed else "failed",
                      today=checked)
    svc.complete_step(db, admin, app_id, "investigation", on=checked + timedelta(days=1),
                      investigators=["刘一", "陈二"], today=checked + timedelta(days=1))
    svc.complete_step(db, admin, app_id, "publicity", on=checked + timedelta(days=9),
                      publicity_start=checked + timedelta(days=2), today=checked + timedelta(days=9))


def approve(district: District, app_id: int, on: date) -> None:
    svc.decide(district.db, district.admin, app_id, approve=True, on=on, amount=Decimal("600"), today=on)


def build_march(district: District) -> dict[str, int]:
    """What happened in March 2026 (households H_A … H_D, all reported in March)."""
    ids: dict[str, int] = {}
    ids["A"] = household_reported(district, "H_A", date(2026, 3, 1))
    ids["D"] = household_reported(district, "H_D", date(2026, 3, 2))
    ids["C"] = household_reported(district, "H_C", date(2026, 3, 8))
    ids["B"] = household_reported(district, "H_B", date(2026, 3, 19))
    # A and D: approved in March (10 working days each)
    ids["a"] = commitment_accepted(district, ids["A"], date(2026, 3, 2))
    steps_to_decision(district, ids["a"], date(2026, 3, 3))
    approve(district, ids["a"], date(2026, 3, 16))
    ids["d"] = commitment_accepted(district, ids["D"], date(2026, 3, 3))
    steps_to_decision(district, ids["d"], date(2026, 3, 4))
    approve(district, ids["d"], date(2026, 3, 17))
    # C: its data check failed in March, not decided yet
    ids["c"] = commitment_accepted(district, ids["C"], date(2026, 3, 9))
    steps_to_decision(district, ids["c"], date(2026, 3, 10), passed=False)
    # B: accepted at the end of March, nothing else yet
    ids["b"] = commitment_accepted(district, ids["B"], date(2026, 3, 20))
    # referrals of A: one received in March, one done in March
    ids["r1"] = referrals.create_referral(district.db, district.admin, ids["A"], department="hrss", need="就业援助",
                                          due_on=None, today=date(2026, 3, 18)).id
    referrals.update_status(district.db, district.admin, ids["r1"], "received", today=date(2026, 3, 25))
    ids["r2"] = referrals.create_referral(district.db, district.admin, ids["D"], department="health", need="医疗救助",
                                          due_on=None, today=date(2026, 3, 18)).id
    referrals.update_status(district.db, district.admin, ids["r2"], "done", feedback="已办理医疗救助",
                            today=date(2026, 3, 28))
    return ids


def after_march(district: District, ids: dict[str, int]) -> None:
    """April to June: B checked and approved, C refused, the referral done, D stopped, A revoked."""
    db, admin = district.db, district.admin
    steps_to_decision(district, ids["b"], date(2026, 4, 2))
    approve(district, ids["b"], date(2026, 4, 14))
    svc.decide(db, admin, ids["c"], approve=False, on=date(2026, 4, 8), reason="家庭人均收入高于低保标准",
               today=date(2026, 4, 8))
    referrals.update_status(db, admin, ids["r1"], "done", feedback="已推荐就业岗位", today=date(2026, 4, 20))
    svc.stop_assistance(db, admin, ids["d"], on=date(2026, 6, 15), reason="家庭成员就业,收入超过标准",
                        today=date(2026, 6, 15))
    centralised = next(c for c in svc.get_detail(db, admin, ids["a"]).post_checks if c.kind == "centralised")
    assert svc.record_post_check(db, admin, centralised.id, on=date(2026, 6, 10), passed=False,
                                 note="比对发现隐瞒工资收入", today=date(2026, 6, 10)) is not None


def figures(stats: st.Statistics) -> dict[str, object]:
    """Every figure reported for the period as at its end (not today's library, which the page labels
    "now"; not the cohort figures approval time and pass rate)."""
    return {"discoveries": stats.discoveries, "library_months": stats.library.months,
            "library_at_end": stats.library.at_end, "visits": stats.visits, "referrals": stats.referrals,
            "post_checks": stats.post_checks}


def compute(district: District, today: date, f: st.StatsFilter = MARCH) -> st.Statistics:
    return st.compute(district.db, district.actor(Role.SUPERVISOR), f, today=today)


def listed(district: District, today: date, chart: str, key: str, series: str = "",
           f: st.StatsFilter = MARCH) -> list[str]:
    drill = st.records_behind(district.db, district.actor(Role.SUPERVISOR), f, chart, key, series, today=today)
    assert drill.total == len(drill.rows)
    return sorted(r.household_code for r in drill.rows)


def march_lists(district: District, today: date) -> dict[str, list[str]]:
    return {"approved": listed(district, today, "funnel", "approved"),
            "checked": listed(district, today, "pass_rate", "2026-03", "checked"),
            "passed": listed(district, today, "pass_rate", "2026-03", "passed"),
            "decided": listed(district, today, "approval_month", "2026-03", "commitment"),
            "took 10 days": listed(district, today, "approval_hist", "10", "commitment"),
            "hrss received": listed(district, today, "referrals", "hrss", "received"),
            "hrss done": listed(district, today, "referrals", "hrss", "done"),
            "health done": listed(district, today, "referrals", "health", "done")}


def test_the_march_report_run_in_july_keeps_march_s_end_and_adds_later_decisions(district: District) -> None:
    ids = build_march(district)
    on_the_day = compute(district, date(2026, 3, 31))  # "this month", on its last day
    first_of_april = compute(district, date(2026, 4, 1))  # "last month", the next day
    lists = march_lists(district, date(2026, 4, 1))
    # what March was: A and D approved (10 working days each), C's check failed, B open and unchecked,
    # one referral received and one done
    assert [(b.key, b.value) for b in first_of_april.discoveries.funnel] == [
        ("discovered", 4), ("assessed", 0), ("placed", 4), ("approved", 2)]
    assert [(m.month, m.checked, m.passed) for m in first_of_april.pass_rates.months] == [(date(2026, 3, 1), 3, 2)]
    s = first_of_april.approval.summary["commitment"]
    assert (s.count, s.median, s.minimum, s.maximum) == (2, 10.0, 10, 10)
    counts = {r.department: {k: v for k, v in r.counts.items() if v} for r in first_of_april.referrals.rows if r.total}
    assert counts == {"hrss": {"received": 1}, "health": {"done": 1}}
    assert lists == {"approved": ["H_A", "H_D"], "checked": ["H_A", "H_C", "H_D"], "passed": ["H_A", "H_D"],
                     "decided": ["H_A", "H_D"], "took 10 days": ["H_A", "H_D"], "hrss received": ["H_A"],
                     "hrss done": [], "health done": ["H_D"]}
    assert figures(on_the_day) == figures(replace(first_of_april, library=replace(
        first_of_april.library, at_end=None)))
    assert (on_the_day.pass_rates, on_the_day.approval) == (first_of_april.pass_rates, first_of_april.approval)

    after_march(district, ids)
    in_july = compute(district, date(2026, 7, 15))
    assert figures(in_july) == figures(first_of_april)
    # the cohort figures count what was decided and checked since: B checked (passed) on 2 April and
    # approved on 14 April after 16 working days, C refused on 8 April after 21 (4–6 April are off)
    assert [(m.month, m.checked, m.passed) for m in in_july.pass_rates.months] == [(date(2026, 3, 1), 4, 3)]
    s = in_july.approval.summary["commitment"]
    assert (s.count, s.median, s.minimum, s.maximum) == (4, 13.0, 10, 21)
    assert [(m.month, m.track, m.count, m.median) for m in in_july.approval.monthly] == [
        (date(2026, 3, 1), "commitment", 4, 13.0)]
    assert in_july.approval.histogram["commitment"][16] == 1 and in_july.approval.histogram["commitment"][21] == 1
    april, july = dict(first_of_april.headline()), dict(in_july.headline())
    # every application here is on the commitment track: the track started with the first of them
    assert {k for k in april if april[k] != july[k]} == {"承诺制实施后授权合格率", "告知承诺制审批用时中位数"}
    assert (april["承诺制实施后授权合格率"], july["承诺制实施后授权合格率"]) == ("66.7%(2/3)", "75.0%(3/4)")
    assert (april["告知承诺制审批用时中位数"], july["告知承诺制审批用时中位数"]) == ("10 个工作日(2 件)",
                                                                    "13 个工作日(4 件)")
    assert march_lists(district, date(2026, 7, 15)) == {
        **lists, "checked": ["H_A", "H_B", "H_C", "H_D"], "passed": ["H_A", "H_B", "H_D"],
        "decided": ["H_A", "H_B", "H_C", "H_D"]}


def test_a_period_running_to_today_counts_what_stands_today(district: District) -> None:
    """The same records, asked about March to today: A's approval is revoked, B was approved and its
    check passed, the hrss referral is done."""
    ids = build_march(district)
    after_march(district, ids)
    today = date(2026, 7, 15)
    to_today = st.StatsFilter(date(2026, 3, 1), today)
    stats = compute(district, today, to_today)
    assert [b.value for b in stats.discoveries.funnel] == [4, 0, 4, 2]  # approved: B and D (A revoked)
    assert listed(district, today, "funnel", "approved", f=to_today) == ["H_B", "H_D"]
    assert [(m.checked, m.passed) for m in stats.pass_rates.months] == [(4, 3)]
    assert stats.approval.summary["commitment"].count == 4  # A, B, D approved, C refused
    assert stats.referrals.total("done") == 2


def test_a_referral_received_on_a_day_entered_afterwards_was_received_that_month(district: District) -> None:
    """The application window records a department's answer with the day it was given: received on
    25 March, entered in April, it was received at the end of March (the time kept is that day's)."""
    hid = household_reported(district, "H_R", date(2026, 3, 2))
    ref = referrals.create_referral(district.db, district.admin, hid, department="education", need="助学",
                                    due_on=None, today=date(2026, 3, 18))
    svc.record_referral_outcome(district.db, district.admin, ref.id, status="received", on=date(2026, 3, 25),
                                today=date(2026, 4, 3))
    stats = compute(district, date(2026, 4, 3))
    assert {k: v for k, v in next(r for r in stats.referrals.rows if r.department == "education").counts.items()
            if v} == {"received": 1}
    assert listed(district, date(2026, 4, 3), "referrals", "education", "received") == ["H_R"]
    # in a report to 24 March it was sent, not yet received
    assert compute(district, date(2026, 4, 3), st.StatsFilter(date(2026, 3, 1), date(2026, 3, 24))).referrals.total(
        "sent") == 1
