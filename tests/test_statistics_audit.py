"""An independent audit of the statistics page: a small district whose every figure was counted by hand
from the definitions (RULES.md §1, §2 and issue 8), on SQLite and PostgreSQL.

The awkward cases a supervisor's figures must survive are all here: an application accepted on the last
day of a month and decided on the first of the next; a decision on a make-up Saturday; one decided in a
year whose holidays nobody has entered; open, withdrawn, refused and revoked applications; a household
that moved to another community (its rows go with it); one that left the library; clues without a household, and one without a region either.

TODAY = 2027-01-20. Commitment track from 2026-03-01.

hh  region           stage now (since)        clues (reported)                          applications
A   八泉社区          assisted (2026-04-01)    c1 informant/volunteer/home_visit 03-31  R1 regular dibao 2026-03-31 → 04-01 approved ✓
B   飞云社区 (moved   class_1 (2026-02-10)     c2 department/hrss 2025-12-30            R2 regular dibao 2025-12-29 → 2026-02-10 refused ✗
    from 道仕袱村)                              c7 vertical/community/wechat 2026-01-15
C   闸口社区          class_2 (2026-05-20)     c3 department/health/screening 05-10     -

D   道仕袱村          class_1 (2026-11-20)     c4 informant/building_head/walk_in 09-01 C1 commitment dibao 09-30 → 10-10 (Sat, make-up) revoked ✓
E   道仕袱村          assisted (2027-01-08)    -                                         C2 commitment temporary 2026-12-25 → 2027-01-08 approved ✓
F   八泉社区          applying                 c5 vertical/grid/phone 12-01             C3 commitment dibao 12-28 open (no check)
G   八泉社区          -                        -                                         R3 regular marginal 06-01 withdrawn ✗
H   飞云社区          - (left 2026-07-01)      c6 informant/volunteer/home_visit 01-05  -
x1  (no household)   闸口社区                  department/education 2026-07-07
x2  (no household, no region)                  vertical/city_bureau/phone 2026-07-08
(✓/✗: the authorised data check passed / failed)

Moves: A -→assisted 04-01; B -→class_1 02-10; D -→class_2 06-01, →assisted 10-10, →class_1 11-20;
E -→assisted 2027-01-08; H -→class_1 01-10, class_1→- 07-01.  Assessed: A, B, D, H.
Visits: H 2026-02-14, B 04-03, A 05-05, C 05-25, D 11-25, E 2027-01-15.
Referrals: A hrss done 04-05; D health sent 10-12; B education declined 2025-12-31.
Post-checks: R1 periodic done 09-28 passed; C1 spot done 11-20 failed; C2 centralised due 2027-02-08 not done.

Working days (RULES.md §2: days after acceptance up to the decision, weekends and 2026 holidays off,
make-up days on): R1 03-31 → 04-01 = 1; R2 2025-12-29 → 2026-02-10 = 2 (Dec 30, 31) + 21 (January:
22 weekdays − 1/1 − 1/2 + make-up 1/4) + 7 (Feb 2–6, 9, 10) = 30; C1 09-30 → 10-10 = 3 (10/1–7 off,
10/8, 10/9, make-up Saturday 10/10), ten calendar days; C2 2026-12-25 → 2027-01-08 = 4 (Dec 28–31)
+ 5 (Jan 4–8; 1 January off by the fixed-holiday estimate, 2027 not entered) = 9.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from desktop import models
from desktop.rules import idcard
from desktop.rules.codes import Role
from desktop.services import statistics as st
from tests.district import District

TODAY = date(2027, 1, 20)
ALL = st.StatsFilter()
MONTH = st.StatsFilter(date(2026, 3, 1), date(2026, 3, 31))
QUARTER = st.StatsFilter(date(2026, 4, 1), date(2026, 6, 30))
YEAR_2025 = st.StatsFilter(date(2025, 1, 1), date(2025, 12, 31))
ACROSS = st.StatsFilter(date(2025, 12, 1), date(2026, 1, 31))  # crosses the year end
EMPTY = st.StatsFilter(date(2010, 1, 1), date(2010, 12, 31))


def _id(n: int) -> str:
    return idcard.make("420203", date(1975, 2, n), 20 + n)


@pytest.fixture
def town(district: District) -> dict[str, int]:
    return build_town(district)


def build_town(district: District) -> dict[str, int]:
    r = district.regions
    ids: dict[str, int] = {}
    with district.db.session_factory() as s:
        homes = [("A", "八泉社区", "assisted", date(2026, 4, 1)), ("B", "道仕袱村", "class_1", date(2026, 2, 10)),
                 ("C", "闸口社区", "class_2", date(2026, 5, 20)), ("D", "道仕袱村", "class_1", date(2026, 11, 20)),
                 ("E", "道仕袱村", "assisted", date(2027, 1, 8)), ("F", "八泉社区", "applying", date(2026, 12, 28)),
                 ("G", "八泉社区", None, None), ("H", "飞云社区", None, date(2026, 7, 1))]
        for n, (name, region, stage, since) in enumerate(homes, start=1):
            h = models.Household(code=f"HH{name}", region_id=r[region], head_name=f"户主{name}", head_id_number=_id(n),
                          head_id_reversed=_id(n)[::-1], member_count=2, stage=stage, stage_since=since)
            s.add(h)
            s.flush()
            ids[name] = h.id
        h = ids
        for hh, level, source, channel, on in [
                ("A", "informant", "volunteer", "home_visit", date(2026, 3, 31)),
                ("B", "department", "hrss", None, date(2025, 12, 30)),
                ("C", "department", "health", "screening", date(2026, 5, 10)),
                ("D", "informant", "building_head", "walk_in", date(2026, 9, 1)),
                ("F", "vertical", "grid", "phone", date(2026, 12, 1)),
                ("H", "informant", "volunteer", "home_visit", date(2026, 1, 5)),
                ("B", "vertical", "community", "wechat", date(2026, 1, 15))]:
            s.add(models.Clue(household_id=h[hh], source_level=level, source=source, channel=channel, reported_on=on,
                       region_id=r["道仕袱村"] if hh == "B" else None))
        s.add(models.Clue(household_id=None, source_level="department", source="education", channel=None,
                   reported_on=date(2026, 7, 7), region_id=r["闸口社区"], person_name="线索甲"))
        s.add(models.Clue(household_id=None, source_level="vertical", source="city_bureau", channel="phone",
                   reported_on=date(2026, 7, 8), region_id=None, person_name="线索乙"))
        for hh, on in (("A", date(2026, 3, 31)), ("B", date(2026, 1, 5)), ("D", date(2026, 8, 20)),
                       ("H", date(2026, 1, 8))):
            s.add(models.Assessment(household_id=h[hh], assessed_on=on, inputs={}, settings={},
                             per_capita_income=Decimal("400"), result_category="dibao", result={},
                             explanation="", suggested_placement="class_1", placement="class_1"))
            s.get(models.Household, h[hh]).last_assessed_on = on

        def app(name: str, hh: str, track: str, category: str, accepted: date, decided: date | None,
                status: str, passed: bool | None) -> None:
            a = models.Application(household_id=h[hh], category=category, track=track, accepted_on=accepted,
                            due_on=accepted, status=status, check_passed=passed, decided_on=decided)
            s.add(a)
            s.flush()
            ids[name] = a.id

        app("R1", "A", "regular", "dibao", date(2026, 3, 31), date(2026, 4, 1), "approved", True)
        app("R2", "B", "regular", "dibao", date(2025, 12, 29), date(2026, 2, 10), "refused", False)
        app("C1", "D", "commitment", "dibao", date(2026, 9, 30), date(2026, 10, 10), "revoked", True)
        app("C2", "E", "commitment", "temporary", date(2026, 12, 25), date(2027, 1, 8), "approved", True)
        app("C3", "F", "commitment", "dibao", date(2026, 12, 28), None, "open", None)
        app("R3", "G", "regular", "marginal", date(2026, 6, 1), None, "withdrawn", False)
        s.add(models.AppSetting(key="commitment_track_start", value={"date": "2026-03-01"}))
        for hh, a, b, on in [("A", None, "assisted", date(2026, 4, 1)), ("B", None, "class_1", date(2026, 2, 10)),
                             ("C", None, "class_2", date(2026, 5, 20)), ("D", None, "class_2", date(2026, 6, 1)),
                             ("D", "class_2", "assisted", date(2026, 10, 10)),
                             ("D", "assisted", "class_1", date(2026, 11, 20)), ("E", None, "assisted", date(2027, 1, 8)),
                             ("H", None, "class_1", date(2026, 1, 10)), ("H", "class_1", None, date(2026, 7, 1))]:
            s.add(models.LibraryMove(household_id=h[hh], from_stage=a, to_stage=b, moved_on=on))
        for hh, on in [("H", date(2026, 2, 14)), ("B", date(2026, 4, 3)), ("A", date(2026, 5, 5)),
                       ("C", date(2026, 5, 25)), ("D", date(2026, 11, 25)), ("E", date(2027, 1, 15))]:
            s.add(models.Visit(household_id=h[hh], visited_on=on))
            s.get(models.Household, h[hh]).last_visited_on = on  # as monitoring.record_visit keeps it
        for hh, dept, status, on in [("A", "hrss", "done", date(2026, 4, 5)), ("D", "health", "sent", date(2026, 10, 12)),
                                     ("B", "education", "declined", date(2025, 12, 31))]:
            s.add(models.Referral(household_id=h[hh], department=dept, status=status, sent_on=on))
        for a, kind, due, done, result in [("R1", "periodic", date(2026, 10, 1), date(2026, 9, 28), "passed"),
                                           ("C1", "spot", date(2026, 11, 30), date(2026, 11, 20), "failed"),
                                           ("C2", "centralised", date(2027, 2, 8), None, None)]:
            s.add(models.PostCheck(application_id=ids[a], kind=kind, due_on=due, done_on=done, result=result))
        s.flush()
        s.get(models.Household, h["B"]).region_id = r["飞云社区"]  # B moved; its rows follow it
        s.commit()
    return ids


def compute(district: District, f: st.StatsFilter = ALL, role: Role = Role.SUPERVISOR) -> st.Statistics:
    return st.compute(district.db, district.actor(role), f, today=TODAY)


def region(district: District, name: str, f: st.StatsFilter = ALL) -> st.StatsFilter:
    return st.with_region(f, district.regions[name])


def listed(district: District, chart: str, key: str, series: str = "", f: st.StatsFilter = ALL,
           role: Role = Role.SUPERVISOR) -> list[str]:
    drill = st.records_behind(district.db, district.actor(role), f, chart, key, series, today=TODAY)
    assert drill.total == len(drill.rows)
    return sorted(r.household_code for r in drill.rows)


def nonzero(items: tuple[st.Bar, ...]) -> dict[str, int]:
    return {b.key: b.value for b in items if b.value}


# -- working days, independently of the program's calendar (RULES.md §2) -----------------------------

OFF_2026 = {date(2026, 1, 1) + timedelta(days=i) for i in range(3)} | {
    date(2026, m, d0) + timedelta(days=i) for m, d0, n in ((2, 15, 9), (4, 4, 3), (5, 1, 5), (6, 19, 3), (9, 25, 3),
                                                          (10, 1, 7)) for i in range(n)}
MAKE_UP_2026 = {date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9), date(2026, 9, 20),
                date(2026, 10, 10)}


def rules_working_days(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``, for 2026 as RULES.md lists it."""
    n, day = 0, start
    while day < end:
        day += timedelta(days=1)
        assert day.year == 2026
        n += day in MAKE_UP_2026 or (day.weekday() < 5 and day not in OFF_2026)
    return n


def test_rules_vectors_by_the_independent_count() -> None:
    """The hand-written count reproduces RULES.md's vectors, so it can judge the program's."""
    for start, n, due in [(date(2026, 2, 10), 30, date(2026, 3, 30)), (date(2026, 2, 10), 45, date(2026, 4, 21)),
                          (date(2026, 9, 28), 3, date(2026, 10, 8)), (date(2026, 9, 28), 20, date(2026, 10, 30))]:
        assert rules_working_days(start, due) == n
        assert rules_working_days(start, due - timedelta(days=1)) == n - 1
    assert rules_working_days(date(2026, 3, 31), date(2026, 4, 1)) == 1  # R1
    assert rules_working_days(date(2026, 9, 30), date(2026, 10, 10)) == 3  # C1, on a make-up Saturday


# -- the whole district, all dates ------------------------------------------------------------------------

def test_discoveries_and_funnel(district: District, town: dict[str, int]) -> None:
    d = compute(district).discoveries
    assert (d.households, d.clues) == (6, 9)  # A B C D F H; c1–c7, x1, x2
    assert nonzero(d.by_level) == {"informant": 3, "department": 3, "vertical": 3}
    assert nonzero(d.by_channel) == {"home_visit": 2, "walk_in": 1, "screening": 1, "phone": 2, "wechat": 1, "": 2}
    assert nonzero(d.by_department) == {"hrss": 1, "health": 1, "education": 1}
    # assessed A B D H; placed: B D (class I), C (class II), A F (applications) — H left the library,
    # so it is not "in a library or applying" now; approved: A only (D's approval was revoked)
    assert [(b.key, b.value) for b in d.funnel] == [("discovered", 6), ("assessed", 4), ("placed", 5),
                                                    ("approved", 1)]
    assert listed(district, "funnel", "placed") == ["HHA", "HHB", "HHC", "HHD", "HHF"]
    assert listed(district, "funnel", "approved") == ["HHA"]
    assert listed(district, "level", "vertical") == ["", "HHB", "HHF"]  # x2 has neither household nor region
    assert sum(b.value for b in d.by_level) == sum(b.value for b in d.by_channel) == d.clues


def test_library_month_ends_follow_each_household(district: District, town: dict[str, int]) -> None:
    """Each month end counts the households in each stage then, as their moves say: C entered class II
    on 20 May and is not in the library before May, neither in the chart nor in its lists."""
    lib = compute(district).library
    assert nonzero(lib.now) == {"class_1": 2, "class_2": 1, "assisted": 2}
    sizes = {st.month_key(m.month): (m.class_1, m.class_2, m.assisted) for m in lib.months}
    assert sizes == {"2026-01": (1, 0, 0), "2026-02": (2, 0, 0), "2026-03": (2, 0, 0), "2026-04": (2, 0, 1),
                     "2026-05": (2, 1, 1), "2026-06": (2, 2, 1), "2026-07": (1, 2, 1), "2026-08": (1, 2, 1),
                     "2026-09": (1, 2, 1), "2026-10": (1, 1, 2), "2026-11": (2, 1, 1), "2026-12": (2, 1, 1),
                     "2027-01": (2, 1, 2)}
    assert listed(district, "library_month", "2026-04", "class_2") == []
    assert listed(district, "library_month", "2026-05", "class_2") == ["HHC"]
    assert listed(district, "library_month", "2026-06", "class_1") == ["HHB", "HHH"]
    assert listed(district, "library_month", "2026-10", "assisted") == ["HHA", "HHD"]
    head = dict(compute(district, MONTH).headline())
    assert (head["一类库(2026-03月末)"], head["二类库(2026-03月末)"], head["救助中(2026-03月末)"]) == ("2 户", "0 户", "0 户")
    spring = st.StatsFilter(date(2026, 4, 1), date(2026, 5, 31), district.regions["闸口社区"])
    assert [(m.class_1, m.class_2, m.assisted) for m in compute(district, spring).library.months] == [
        (0, 0, 0), (0, 1, 0)]


def test_pass_rates(district: District, town: dict[str, int]) -> None:
    """Every application whose data check has a result counts, whatever became of it (withdrawn R3,
    revoked C1); the open C3 without a result does not. Split by acceptance before 2026-03-01."""
    pr = compute(district).pass_rates
    assert [(st.month_key(m.month), m.checked, m.passed) for m in pr.months] == [
        ("2025-12", 1, 0), ("2026-03", 1, 1), ("2026-06", 1, 0), ("2026-09", 1, 1), ("2026-12", 1, 1)]
    assert (pr.before_checked, pr.before_passed, pr.after_checked, pr.after_passed) == (1, 0, 4, 3)
    assert st.pct(pr.after_rate) == "75.0%"
    assert listed(district, "pass_rate", "2026-06", "failed") == ["HHG"]


def test_approval_time_in_working_days(district: District, town: dict[str, int]) -> None:
    ap = compute(district).approval
    reg, com = ap.summary["regular"], ap.summary["commitment"]
    # regular: R1 1, R2 30 (refused: a decision too); commitment: C1 3 (revoked later), C2 9; C3 still open
    # "90% within N": of two applications both must be within N (the 27.1 of an interpolation held for one)
    assert (reg.count, reg.median, reg.p90, reg.minimum, reg.maximum) == (2, 15.5, 30, 1, 30)
    assert (reg.within_10, reg.within_30) == (1, 2)
    assert (com.count, com.median, com.p90, com.minimum, com.maximum) == (2, 6.0, 9, 3, 9)
    assert {d: n for d, n in enumerate(ap.histogram["regular"]) if n} == {1: 1, 30: 1}
    assert {d: n for d, n in enumerate(ap.histogram["commitment"]) if n} == {3: 1, 9: 1}
    assert [(st.month_key(m.month), m.track, m.median, m.count) for m in ap.monthly] == [
        ("2025-12", "regular", 30.0, 1), ("2026-03", "regular", 1.0, 1), ("2026-09", "commitment", 3.0, 1),
        ("2026-12", "commitment", 9.0, 1)]
    assert ap.unknown_years == (2027,) and "2027年" in ap.warning()
    assert listed(district, "approval_hist", "30", "regular") == ["HHB"]
    assert listed(district, "approval_month", "2026-12", "commitment") == ["HHE"]


def test_visits_referrals_post_checks(district: District, town: dict[str, int]) -> None:
    s = compute(district)
    assert (s.visits.year, s.visits.quarter) == (2027, 1)
    assert {c.name: (c.monitored, c.visited) for c in s.visits.rows} == {
        "八泉社区": (1, 0), "飞云社区": (1, 0), "闸口社区": (1, 0), "道仕袱村": (2, 1)}
    q1 = st.visit_completion(district.db, district.actor(Role.SUPERVISOR), ALL, 2026, 1, today=TODAY)
    assert {c.name: (c.monitored, c.visited) for c in q1.rows} == {"飞云社区": (2, 1)}  # B and H; H visited
    q2 = st.visit_completion(district.db, district.actor(Role.SUPERVISOR), ALL, 2026, 2, today=TODAY)
    assert {c.name: (c.monitored, c.visited) for c in q2.rows} == {
        "八泉社区": (1, 1), "飞云社区": (2, 1), "闸口社区": (1, 1), "道仕袱村": (1, 0)}
    got = {r.department: {k: v for k, v in r.counts.items() if v} for r in s.referrals.rows if r.total}
    assert got == {"hrss": {"done": 1}, "health": {"sent": 1}, "education": {"declined": 1}}
    pc = s.post_checks
    assert (pc.done, pc.failed) == (2, 1)  # C2's check is not done yet: not in the denominator
    assert [(st.month_key(m.month), m.done, m.failed) for m in pc.months] == [("2026-09", 1, 0), ("2026-11", 1, 1)]
    assert pc.by_kind == {"periodic": (1, 0), "spot": (1, 1)}


# -- periods --------------------------------------------------------------------------------------------

def test_a_month_counts_what_was_accepted_in_it(district: District, town: dict[str, int]) -> None:
    """R1, accepted on 31 March and decided on 1 April, belongs to March (the month of acceptance),
    also in the March report run after March: approval time is a cohort figure, counting the
    decisions made up to the run (cut at 31 March, R1 would be in no report at all)."""
    s = compute(district, MONTH)
    assert (s.discoveries.households, s.discoveries.clues) == (1, 1)  # A by c1 on the last day
    assert (s.pass_rates.after_checked, s.pass_rates.after_passed, s.pass_rates.before_checked) == (1, 1, 0)
    assert (s.approval.summary["regular"].count, s.approval.summary["regular"].median) == (1, 1.0)
    assert s.approval.summary["commitment"].count == 0
    assert s.referrals.total() == 0 and s.post_checks.done == 0
    assert (s.visits.year, s.visits.quarter) == (2026, 1)


def test_a_quarter(district: District, town: dict[str, int]) -> None:
    s = compute(district, QUARTER)
    assert (s.discoveries.households, s.discoveries.clues) == (1, 1)  # C by c3
    assert (s.pass_rates.after_checked, s.pass_rates.after_passed) == (1, 0)  # R3 (withdrawn)
    assert s.approval.summary["regular"].count == 0  # R1 was decided in April but accepted in March
    assert s.referrals.total() == 1
    assert [(st.month_key(m.month), m.class_1, m.class_2, m.assisted) for m in s.library.months] == [
        ("2026-04", 2, 0, 1), ("2026-05", 2, 1, 1), ("2026-06", 2, 2, 1)]


def test_a_year_and_a_period_across_the_year_end(district: District, town: dict[str, int]) -> None:
    y = compute(district, YEAR_2025)
    assert (y.discoveries.households, y.discoveries.clues) == (1, 1)  # B by c2
    assert (y.pass_rates.before_checked, y.pass_rates.before_passed) == (1, 0)
    assert (y.approval.summary["regular"].count, y.approval.summary["regular"].median) == (1, 30.0)
    assert all((m.class_1, m.class_2, m.assisted) == (0, 0, 0) for m in y.library.months)
    assert len(y.library.months) == 12 and y.visits.rows == () and y.visits.rate is None
    a = compute(district, ACROSS)
    assert (a.discoveries.households, a.discoveries.clues) == (2, 3)  # B H; c2 c6 c7 (B's second clue)
    assert [(st.month_key(m.month), m.class_1) for m in a.library.months] == [("2025-12", 0), ("2026-01", 1)]
    assert a.referrals.total() == 1
    # consecutive periods add up
    parts = [st.StatsFilter(None, date(2025, 12, 31)), st.StatsFilter(date(2026, 1, 1), date(2026, 6, 30)),
             st.StatsFilter(date(2026, 7, 1), None)]
    whole = compute(district)
    for figure in (lambda s: s.discoveries.households, lambda s: s.discoveries.clues,
                   lambda s: s.pass_rates.before_checked + s.pass_rates.after_checked,
                   lambda s: s.approval.summary["regular"].count + s.approval.summary["commitment"].count,
                   lambda s: s.referrals.total(), lambda s: s.post_checks.done):
        assert sum(figure(compute(district, f)) for f in parts) == figure(whole)


def test_a_period_with_nothing_in_it(district: District, town: dict[str, int]) -> None:
    s = compute(district, EMPTY)
    assert (s.discoveries.households, s.discoveries.clues) == (0, 0)
    assert [b.value for b in s.discoveries.funnel] == [0, 0, 0, 0]
    assert s.pass_rates.before_rate is None and s.pass_rates.after_rate is None
    assert s.approval.summary["regular"].median is None and s.post_checks.rate is None
    head = dict(s.headline())
    assert head["承诺制实施后授权合格率"] == "—(0/0)" and head["事后核查未通过率"] == "—(0/0)"
    assert (head["一类库(2010-12月末)"], head["二类库(2010-12月末)"]) == ("0 户", "0 户")  # C came in 2026


# -- regions and roles ------------------------------------------------------------------------------------

def test_regions_and_a_household_that_moved(district: District, town: dict[str, int]) -> None:
    """B moved from 道仕袱村 to 飞云社区: its clues, application and referral now count there."""
    baquan = compute(district, region(district, "八泉街道"))
    assert (baquan.discoveries.households, baquan.discoveries.clues) == (4, 5)  # A B F H
    assert nonzero(baquan.library.now) == {"class_1": 1, "assisted": 1}
    assert (baquan.pass_rates.before_checked + baquan.pass_rates.after_checked) == 3  # R1 R2 R3
    assert baquan.approval.summary["regular"].count == 2 and baquan.approval.summary["commitment"].count == 0
    hekou = compute(district, region(district, "河口镇"))
    assert (hekou.discoveries.households, hekou.discoveries.clues) == (2, 3)  # C D; c3 c4 x1
    assert nonzero(hekou.library.now) == {"class_1": 1, "class_2": 1, "assisted": 1}
    assert hekou.approval.summary["commitment"].count == 2 and (hekou.post_checks.done, hekou.post_checks.failed) == (1, 1)
    village = compute(district, region(district, "道仕袱村"))
    assert (village.discoveries.households, village.discoveries.clues) == (1, 1)  # D; not B's c2 any more
    assert nonzero(village.library.now) == {"class_1": 1, "assisted": 1}
    assert village.referrals.total() == 1  # D's; B's went with it
    # the district is the sum of its sub-districts, but for x2 (a clue with no region at all)
    whole = compute(district)
    assert baquan.discoveries.households + hekou.discoveries.households == whole.discoveries.households
    assert baquan.discoveries.clues + hekou.discoveries.clues == whole.discoveries.clues - 1
    assert [a.value + b.value for a, b in zip(baquan.library.now, hekou.library.now, strict=True)] == [
        b.value for b in whole.library.now]


def test_a_community_worker_sees_their_community(district: District, town: dict[str, int]) -> None:
    own = compute(district, role=Role.COMMUNITY_WORKER)  # 飞云社区
    chosen = compute(district, region(district, "飞云社区"))
    assert own.scope_name == "飞云社区"
    assert (own.discoveries.households, own.discoveries.clues) == (2, 3)  # B H; c2 c6 c7
    assert [b.value for b in own.discoveries.funnel] == [2, 2, 1, 0]  # placed: B (H left)
    assert nonzero(own.library.now) == {"class_1": 1}
    assert own.approval.summary["regular"].median == 30.0 and own.approval.summary["commitment"].count == 0
    assert own.referrals.total() == 1
    for a, b in ((own.discoveries, chosen.discoveries), (own.library, chosen.library),
                 (own.pass_rates, chosen.pass_rates), (own.approval.summary, chosen.approval.summary),
                 (own.visits, chosen.visits), (own.referrals, chosen.referrals), (own.post_checks, chosen.post_checks)):
        assert a == b
    assert listed(district, "discovered", "", role=Role.COMMUNITY_WORKER) == ["HHB", "HHH"]


def test_every_list_is_as_long_as_its_figure(district: District, town: dict[str, int]) -> None:
    """A click lists as many records as the bar or point says, for every series of every chart."""
    for f in (ALL, MONTH, ACROSS, region(district, "河口镇")):
        s = compute(district, f)
        d = s.discoveries
        checks: list[tuple[str, str, str, int]] = [("discovered", "", "", d.households)]
        checks += [("funnel", b.key, "", b.value) for b in d.funnel]
        for chart, items in (("level", d.by_level), ("channel", d.by_channel), ("department", d.by_department)):
            checks += [(chart, b.key, "", b.value) for b in items]
        checks += [("library_now", b.key, "", b.value) for b in s.library.now]
        for m in s.library.months:
            checks += [("library_month", st.month_key(m.month), stage, getattr(m, attr)) for stage, attr in
                       (("class_1", "class_1"), ("class_2", "class_2"), ("assisted", "assisted"))]
        for pm in s.pass_rates.months:
            checks += [("pass_rate", st.month_key(pm.month), "checked", pm.checked),
                       ("pass_rate", st.month_key(pm.month), "passed", pm.passed),
                       ("pass_rate", st.month_key(pm.month), "failed", pm.checked - pm.passed)]
        for track, hist in s.approval.histogram.items():
            checks += [("approval_hist", str(days), track, n) for days, n in enumerate(hist) if n]
        checks += [("approval_month", st.month_key(m.month), m.track, m.count) for m in s.approval.monthly]
        for c in s.visits.rows:
            checks += [("visits", str(c.region_id), "monitored", c.monitored), ("visits", str(c.region_id), "visited", c.visited)]
        for r in s.referrals.rows:
            checks += [("referrals", r.department, status, n) for status, n in r.counts.items() if n]
        for pcm in s.post_checks.months:
            checks += [("post_checks", st.month_key(pcm.month), "done", pcm.done),
                       ("post_checks", st.month_key(pcm.month), "failed", pcm.failed)]
        for chart, key, series, n in checks:
            drill = st.records_behind(district.db, district.actor(Role.SUPERVISOR), f, chart, key, series, today=TODAY)
            assert (drill.total, len(drill.rows)) == (n, n), (f, chart, key, series)


def test_an_approval_list_honours_the_limit_asked_for(district: District, town: dict[str, int],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The approval lists were cut at DRILL_LIMIT whatever limit the caller asked for."""
    monkeypatch.setattr(st, "DRILL_LIMIT", 1)
    drill = st.records_behind(district.db, district.actor(Role.SUPERVISOR), ALL, "approval_month", "2026-12",
                              "commitment", limit=5, today=TODAY)
    assert (drill.total, len(drill.rows)) == (1, 1)
    both = st.records_behind(district.db, district.actor(Role.SUPERVISOR), st.StatsFilter(track="regular"),
                             "approval_month", "2025-12", "regular", limit=5, today=TODAY)
    assert (both.total, len(both.rows)) == (1, 1)
    monkeypatch.setattr(st, "DRILL_LIMIT", 1000)
    with district.db.session_factory() as s:  # a second regular application accepted in December 2025
        s.add(models.Application(household_id=town["A"], category="dibao",
                          track="regular", accepted_on=date(2025, 12, 30), due_on=date(2025, 12, 30),
                          status="refused", check_passed=False, decided_on=date(2026, 1, 6)))
        s.commit()
    monkeypatch.setattr(st, "DRILL_LIMIT", 1)
    drill = st.records_behind(district.db, district.actor(Role.SUPERVISOR), ALL, "approval_month", "2025-12",
                              "regular", limit=5, today=TODAY)
    assert (drill.total, len(drill.rows)) == (2, 2)
    drill = st.records_behind(district.db, district.actor(Role.SUPERVISOR), ALL, "approval_month", "2025-12",
                              "regular", limit=1, today=TODAY)
    assert (drill.total, len(drill.rows)) == (2, 1) and drill.truncated


# -- what the page shows and exports ------------------------------------------------------------------------

def test_the_page_exports_the_service_figures_and_says_what_it_counts(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                      chinese: None) -> None:
    """Each chart's xlsx table carries the service's figures; the notes say in Chinese what is counted."""
    from desktop.views.context import AppContext
    from desktop.views.operations import wait_for_background
    from desktop.views.statistics import StatisticsPage

    build_town(sqlite_district)
    page = StatisticsPage(AppContext(sqlite_district.db, sqlite_district.actor(Role.SUPERVISOR)))
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitUntil(lambda: page.stats is not None, timeout=20000)
    try:
        s = page.stats
        assert s is not None
        _, rows = page.charts["funnel"].table()
        assert [r[1] for r in rows] == [b.value for b in s.discoveries.funnel] == [6, 4, 5, 1]
        _, rows = page.charts["pass_rate"].table()
        checked = {r[0]: (r[2], r[3]) for r in rows if r[2]}
        assert checked == {st.month_key(m.month): (m.checked, m.passed) for m in s.pass_rates.months}
        _, rows = page.charts["approval_hist"].table()
        assert {r[0]: (r[1], r[2]) for r in rows if r[1] or r[2]} == {"1": (1, 0), "3": (0, 1), "9": (0, 1),
                                                                      "30": (1, 0)}
        _, rows = page.charts["library_month"].table()
        table = {r[0]: tuple(r[1:4]) for r in rows}
        assert {k: table[k] for k in ("2026-01", "2026-04", "2026-05")} == {
            "2026-01": (1, 0, 0), "2026-04": (2, 0, 1), "2026-05": (2, 1, 1)}
        _, rows = page.charts["post_checks"].table()
        assert {r[0]: (r[2], r[3]) for r in rows if r[2]} == {"2026-09": (1, 0), "2026-11": (1, 1)}
        notes = {k: c.note_label.text() for k, c in page.charts.items()}
        assert "尚在办理中的申请不计入" in notes["approval_hist"]
        assert "按受理月份统计" in notes["pass_rate"]
        assert "不逐级包含" in notes["funnel"] and "未被撤销" in notes["funnel"]
        assert "按核查完成日期统计" in notes["post_checks"]
        assert "现在所属的社区" in page.subdistrict.toolTip()
    finally:
        page._refresh_timer.stop()
        assert wait_for_background(20000)
