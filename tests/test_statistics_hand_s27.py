"""Acceptance round 27: a hand-built district over 2026 Q4 → 2027 Q1 (a year end and the 2027 Spring
Festival), every approval-time and pass-rate figure counted on paper, on SQLite and PostgreSQL.

2027's holidays are entered by an administrator (calendar service): days off 1/1, 2/6–2/14 (春节),
4/3–4/5; make-up working day Saturday 2/20. 2026 as RULES.md §2 (10/1–7 off, make-up Saturday 10/10).

PERIOD = 2026-10-01 … 2027-03-31; TODAY = 2027-04-20; commitment track from 2026-03-01.

app hh (community, sub-district)        track       accepted    decided     wd  status     check
Z   Z 八泉社区 (八泉)                    commitment  2026-09-30  2026-10-10   3  approved   ✓  (before the period)
A   A 八泉社区 (八泉)                    regular     2026-10-12  2026-11-09  20  approved   ✓
I   I 飞云社区 (八泉)                    regular     2026-11-02  2026-11-16  10  refused    ✗
K   K 八泉社区 (八泉)                    regular     2026-11-20  -            -  withdrawn  ✗
C   C 飞云社区 (moved from 道仕袱村)      commitment  2026-12-24  2026-12-31   5  approved   ✓
D   D 飞云社区 (八泉)                    commitment  2026-12-28  2027-01-12  10  approved   ✓  (1/1 off)
J   J 道仕袱村 (河口)                    commitment  2027-01-18  2027-02-20  20  approved   ✓  (春节; make-up Sat)
E   E 闸口社区 (河口)                    regular     2027-01-29  2027-03-04  20  refused    ✗  (春节)
L   L 闸口社区 (河口)                    commitment  2027-02-01  -            -  withdrawn  -  (never checked)
F   F 道仕袱村 (河口)                    commitment  2027-02-03  2027-02-23  10  approved   ✓  (春节)
M   M 飞云社区 (八泉)                    regular     2027-03-10  -            -  open       ✓
G   G 八泉社区 (八泉)                    regular     2027-03-24  2027-03-31   5  approved   ✓  (the period's last day)
H   H 闸口社区 (河口)                    regular     2027-03-25  2027-04-01   5  refused    ✗  (a day after it)
N   N 八泉社区 (八泉)                    commitment  2027-03-29  -            -  open       -

Approval time (decided applications accepted in the period, decided whenever):
  regular    A20 I10 E20 G5 H5  → 5 decided, median 10, mean 12, 90% within 20, range 5–20
  commitment C5 D10 J20 F10     → 4 decided, median 10, mean 11.25, 90% within 20, range 5–20
Pass rate (applications accepted in the period whose data check has a result, whatever became of them):
  11 checked (A I K C D J E F M G H), 7 passed (A C D J F M G) → 63.6%; L and N have no result: not counted.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop import models
from desktop.io.xlsx_writer import sheet_name
from desktop.rules import idcard
from desktop.rules.codes import Role
from desktop.services import auth, monitoring
from desktop.services import calendar as calendar_service
from desktop.services import statistics as st
from desktop.services.errors import ServiceError
from tests.district import PASSWORD, District

TODAY = date(2027, 4, 20)
PERIOD = st.StatsFilter(date(2026, 10, 1), date(2027, 3, 31))
Q4 = st.StatsFilter(date(2026, 10, 1), date(2026, 12, 31))
Q1 = st.StatsFilter(date(2027, 1, 1), date(2027, 3, 31))

OFF = ({date(2026, 10, d) for d in range(1, 8)} | {date(2027, 1, 1)}
       | {date(2027, 2, 6) + timedelta(days=i) for i in range(9)} | {date(2027, 4, 3) + timedelta(days=i) for i in range(3)})
MAKE_UP = {date(2026, 10, 10), date(2027, 2, 20)}

# name: (household, community at the start, track, category, accepted, decided, status, check)
APPS = {
    "Z": ("八泉社区", "commitment", "dibao", date(2026, 9, 30), date(2026, 10, 10), "approved", True),
    "A": ("八泉社区", "regular", "dibao", date(2026, 10, 12), date(2026, 11, 9), "approved", True),
    "I": ("飞云社区", "regular", "dibao", date(2026, 11, 2), date(2026, 11, 16), "refused", False),
    "K": ("八泉社区", "regular", "dibao", date(2026, 11, 20), None, "withdrawn", False),
    "C": ("道仕袱村", "commitment", "dibao", date(2026, 12, 24), date(2026, 12, 31), "approved", True),
    "D": ("飞云社区", "commitment", "temporary", date(2026, 12, 28), date(2027, 1, 12), "approved", True),
    "J": ("道仕袱村", "commitment", "dibao", date(2027, 1, 18), date(2027, 2, 20), "approved", True),
    "E": ("闸口社区", "regular", "dibao", date(2027, 1, 29), date(2027, 3, 4), "refused", False),
    "L": ("闸口社区", "commitment", "dibao", date(2027, 2, 1), None, "withdrawn", None),
    "F": ("道仕袱村", "commitment", "dibao", date(2027, 2, 3), date(2027, 2, 23), "approved", True),
    "M": ("飞云社区", "regular", "dibao", date(2027, 3, 10), None, "open", True),
    "G": ("八泉社区", "regular", "marginal", date(2027, 3, 24), date(2027, 3, 31), "approved", True),
    "H": ("闸口社区", "regular", "dibao", date(2027, 3, 25), date(2027, 4, 1), "refused", False),
    "N": ("八泉社区", "commitment", "dibao", date(2027, 3, 29), None, "open", None),
}
HAND_DAYS = {"Z": 3, "A": 20, "I": 10, "C": 5, "D": 10, "J": 20, "E": 20, "F": 10, "G": 5, "H": 5}
BAQUAN = {"八泉社区", "飞云社区"}
# The monitoring library: P, Q, R besides A and C (assisted on approval); R joined class I and left it again.
LIBRARY = [("P", "八泉社区", "class_1", date(2026, 9, 1)), ("Q", "闸口社区", "class_2", date(2026, 8, 1)),
           ("R", "道仕袱村", None, date(2027, 2, 1))]
MOVES = [("P", None, "class_1", date(2026, 9, 1)), ("Q", None, "class_2", date(2026, 8, 1)),
         ("A", "applying", "assisted", date(2026, 11, 9)), ("C", "applying", "assisted", date(2026, 12, 31)),
         ("R", None, "class_1", date(2027, 1, 5)), ("R", "class_1", None, date(2027, 2, 1))]
VISITS = [("P", date(2026, 11, 5)), ("A", date(2026, 12, 15)), ("Q", date(2027, 1, 10)), ("R", date(2027, 1, 20)),
          ("A", date(2027, 3, 31)), ("C", date(2027, 4, 1))]
# Clues, closed each way (the outcome decides nothing in the statistics): P and Q were discovered before the
# period; A, C, E, R in it (A reported again on 2027-02-01: no new discovery); x has no household.
CLUES = [("P", "department", "hrss", None, date(2026, 8, 20), "not_passed", date(2026, 9, 1)),
         ("Q", "informant", "volunteer", "home_visit", date(2026, 7, 15), "class_2", date(2026, 8, 1)),
         ("A", "informant", "volunteer", "home_visit", date(2026, 10, 5), "passed", date(2026, 10, 12)),
         ("C", "vertical", "grid", "phone", date(2026, 12, 1), "passed", date(2026, 12, 24)),
         ("R", "informant", "building_head", "walk_in", date(2027, 1, 2), "not_passed", date(2027, 1, 5)),
         ("E", "department", "health", None, date(2027, 1, 20), "passed", date(2027, 1, 29)),
         ("A", "vertical", "community", "wechat", date(2027, 2, 1), "not_hardship", date(2027, 2, 3)),
         ("x", "department", "education", None, date(2027, 2, 10), "not_hardship", date(2027, 2, 15))]
# The funnel as at each period's end (discovered, assessed by then, in class I/II then or applied by then,
# approved by then): PERIOD A C E R → 4, 2 (A R), 3 (A C E; R left class I on 02-01), 2 (A 11-09, C 12-31);
# Q4 A C → 2, 1, 2, 2 (C approved on the quarter's last day); Q1 E R → 2, 1, 1 (E), 0.
HAND_FUNNEL = {PERIOD: [4, 2, 3, 2], Q4: [2, 1, 2, 2], Q1: [2, 1, 1, 0]}
# Due (in the library at the quarter's end) / visited in the quarter, per community, by hand:
#   2026 Q4: 八泉社区 P A 2/2; 飞云社区 C (assisted on 12-31, moved here from 道仕袱村) 1/0; 闸口社区 Q 1/0.
#   2027 Q1: 八泉社区 P A 2/1 (A on 03-31); 飞云社区 C 1/0 (visited 04-01: the next quarter); 闸口社区 Q 1/1;
#            道仕袱村 R left before the end: 0/0 (its visit is no visit of a household due).
HAND_VISITS = {(2026, 4): {"八泉社区": (2, 2), "飞云社区": (1, 0), "闸口社区": (1, 0), "道仕袱村": (0, 0)},
               (2027, 1): {"八泉社区": (2, 1), "飞云社区": (1, 0), "闸口社区": (1, 1), "道仕袱村": (0, 0)}}
HAND_MOVES = {(2026, 4): {"八泉社区": 1, "飞云社区": 1}, (2027, 1): {"道仕袱村": 2}}
HAND_VISIT_COUNT = {(2026, 4): {"八泉社区": 2}, (2027, 1): {"八泉社区": 1, "闸口社区": 1, "道仕袱村": 1}}
LEGACY_15 = "420203750203021"  # household A's head, written with a legacy 15-digit number


def working_days(start: date, end: date) -> int:
    """RULES.md §2 by hand: the days after ``start`` up to ``end`` that are make-up days or weekdays not off."""
    n, day = 0, start
    while day < end:
        day += timedelta(days=1)
        n += day in MAKE_UP or (day.weekday() < 5 and day not in OFF)
    return n


def build(district: District) -> dict[str, int]:
    calendar_service.set_year(district.db, district.admin, 2027, workdays=[date(2027, 2, 20)],
                              days_off=sorted(d for d in OFF if d.year == 2027))
    r = district.regions
    ids: dict[str, int] = {}
    with district.db.session_factory() as s:
        for n, (name, (home, track, category, accepted, decided, status, passed)) in enumerate(APPS.items(), start=1):
            number = str(idcard.parse(LEGACY_15).number) if name == "A" else idcard.make("420203", date(1970, 1, n), 30 + n)
            h = models.Household(code=f"HH{name}", region_id=r[home], head_name=f"户主{name}", head_id_number=number,
                                 head_id_reversed=number[::-1], member_count=2, stage="applying")
            s.add(h)
            s.flush()
            a = models.Application(household_id=h.id, category=category, track=track, accepted_on=accepted,
                                   due_on=accepted, status=status, check_passed=passed, decided_on=decided)
            s.add(a)
            s.flush()
            ids[name] = a.id
            ids["hh" + name] = h.id
        s.add(models.AppSetting(key="commitment_track_start", value={"date": "2026-03-01"}))
        for name, home, stage, since in LIBRARY:
            h = models.Household(code=f"HH{name}", region_id=r[home], head_name=f"户主{name}", member_count=1,
                                 head_id_number=idcard.make("420203", date(1960, 2, len(name)), 77),
                                 head_id_reversed="", stage=stage, stage_since=since)
            s.add(h)
            s.flush()
            ids["hh" + name] = h.id
        for name, stage, since in (("A", "assisted", date(2026, 11, 9)), ("C", "assisted", date(2026, 12, 31))):
            h = s.get(models.Household, ids["hh" + name])
            h.stage, h.stage_since = stage, since
        for name, a, b, on in MOVES:
            s.add(models.LibraryMove(household_id=ids["hh" + name], from_stage=a, to_stage=b, moved_on=on))
        for name, level, source, channel, on, outcome, closed in CLUES:
            hid = ids["hh" + name] if name != "x" else None
            s.add(models.Clue(household_id=hid, source_level=level, source=source, channel=channel, reported_on=on,
                              status="closed", outcome=outcome, closed_on=closed, person_name=f"线索{name}",
                              region_id=r["道仕袱村" if name == "C" else "闸口社区"] if name in "Cx" else None))
        for name, on in (("A", date(2026, 10, 8)), ("R", date(2027, 1, 4))):
            s.add(models.Assessment(household_id=ids["hh" + name], assessed_on=on, inputs={}, settings={},
                                    per_capita_income=Decimal("400"), result_category="dibao", result={},
                                    explanation="", suggested_placement="class_1", placement="class_1"))
            s.get(models.Household, ids["hh" + name]).last_assessed_on = on
        for name, on in VISITS:
            s.add(models.Visit(household_id=ids["hh" + name], visited_on=on))
            h = s.get(models.Household, ids["hh" + name])
            h.last_visited_on = max(filter(None, (h.last_visited_on, on)))
        s.flush()
        s.get(models.Household, ids["hhC"]).region_id = r["飞云社区"]  # C moved to 八泉街道 with its records
        s.commit()
    return ids


@pytest.fixture
def town(district: District) -> dict[str, int]:
    return build(district)


def compute(district: District, f: st.StatsFilter = PERIOD, actor: object = None) -> st.Statistics:
    return st.compute(district.db, actor or district.actor(Role.SUPERVISOR), f, today=TODAY)  # type: ignore[arg-type]


def in_area(names: set[str], area: set[str] | None) -> set[str]:
    """The applications of ``names`` whose household is now in one of the communities ``area``."""
    now = {k: ("飞云社区" if k == "C" else v[0]) for k, v in APPS.items()}
    return {n for n in names if area is None or now[n] in area}


def hand_summary(names: set[str]) -> dict[str, tuple[int, float | None, float | None, int | None, int | None]]:
    out = {}
    for track in ("regular", "commitment"):
        days = sorted(HAND_DAYS[n] for n in names if n in HAND_DAYS and APPS[n][1] == track)
        if not days:
            out[track] = (0, None, None, None, None)
            continue
        mid = len(days) // 2
        median = days[mid] if len(days) % 2 else (days[mid - 1] + days[mid]) / 2
        out[track] = (len(days), median, sum(days) / len(days), days[0], days[-1])
    return out


def in_period(f: st.StatsFilter) -> set[str]:
    return {n for n, v in APPS.items() if f.date_from <= v[3] <= f.date_to}  # type: ignore[operator]


# -- the hand count itself --------------------------------------------------------------------------------

def test_the_hand_working_days_follow_rules_md_and_the_entered_2027() -> None:
    for name, days in HAND_DAYS.items():
        accepted, decided = APPS[name][3], APPS[name][4]
        assert decided is not None and working_days(accepted, decided) == days, name
    assert working_days(date(2026, 9, 28), date(2026, 10, 8)) == 3  # RULES.md §2 vector: 09-28 + 3 → 10-08


# -- approval time -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("f, area", [(PERIOD, None), (Q4, None), (Q1, None), (PERIOD, BAQUAN),
                                     (PERIOD, {"闸口社区", "道仕袱村"})])
def test_approval_time_across_the_year_end_and_the_spring_festival(district: District, town: dict[str, int],
                                                                   f: st.StatsFilter, area: set[str] | None) -> None:
    if area is not None:
        f = st.with_region(f, district.regions["八泉街道" if area == BAQUAN else "河口镇"])
    ap = compute(district, f).approval
    assert ap.unknown_years == () and ap.warning() == ""  # 2027 entered: no estimate
    names = in_area(in_period(f), area)
    for track, (count, median, mean, lo, hi) in hand_summary(names).items():
        s = ap.summary[track]
        assert (s.count, s.median, s.minimum, s.maximum) == (count, median, lo, hi), (track, names)
        assert s.mean == pytest.approx(mean) if mean is not None else s.mean is None
        assert sum(ap.histogram[track]) == count
        for d in set(HAND_DAYS.values()):
            assert ap.histogram[track][d] == sum(1 for n in names if HAND_DAYS.get(n) == d and APPS[n][1] == track)


def test_the_whole_period_by_hand(district: District, town: dict[str, int]) -> None:
    ap = compute(district).approval
    reg, com = ap.summary["regular"], ap.summary["commitment"]
    assert (reg.count, reg.median, reg.mean, reg.p90, reg.within_10, reg.within_30) == (5, 10, 12, 20, 3, 5)
    assert (com.count, com.median, com.mean, com.p90, com.within_10, com.within_30) == (4, 10, 11.25, 20, 3, 4)
    monthly = {(st.month_key(m.month), m.track): (m.median, m.count) for m in ap.monthly}
    assert monthly == {("2026-10", "regular"): (20, 1), ("2026-11", "regular"): (10, 1),
                       ("2026-12", "commitment"): (7.5, 2), ("2027-01", "commitment"): (20, 1),
                       ("2027-01", "regular"): (20, 1), ("2027-02", "commitment"): (10, 1),
                       ("2027-03", "regular"): (5, 2)}
    # the quarters add up to the period; the track filter gives the same as the track's summary
    q4, q1 = compute(district, Q4).approval.summary, compute(district, Q1).approval.summary
    for track in ("regular", "commitment"):
        assert q4[track].count + q1[track].count == ap.summary[track].count
        only = compute(district, st.StatsFilter(PERIOD.date_from, PERIOD.date_to, track=track)).approval.summary
        assert only[track] == ap.summary[track]
        assert only["regular" if track == "commitment" else "commitment"].count == 0


def test_the_decision_a_day_after_the_period_counts_for_its_cohort_and_the_page_says_so(
        district: District, town: dict[str, int]) -> None:
    s = compute(district, Q1)
    assert s.as_of == date(2027, 3, 31)
    drill = st.records_behind(district.db, district.actor(Role.SUPERVISOR), Q1, "approval_hist", "5", "regular",
                              today=TODAY)
    assert sorted(r.household_code for r in drill.rows) == ["HHG", "HHH"]  # G decided 03-31, H 04-01


# -- pass rate ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("track", [None, "regular", "commitment"])
@pytest.mark.parametrize("region", [None, "八泉街道", "河口镇"])
def test_pass_rate_denominators(district: District, town: dict[str, int], track: str | None,
                                region: str | None) -> None:
    f = st.StatsFilter(PERIOD.date_from, PERIOD.date_to, track=track)
    area = None if region is None else (BAQUAN if region == "八泉街道" else {"闸口社区", "道仕袱村"})
    if region is not None:
        f = st.with_region(f, district.regions[region])
    pr = compute(district, f).pass_rates
    names = {n for n in in_area(in_period(f), area) if APPS[n][6] is not None and (track is None or APPS[n][1] == track)}
    passed = {n for n in names if APPS[n][6]}
    assert (pr.after_checked, pr.after_passed, pr.before_checked) == (len(names), len(passed), 0)
    assert sum(m.checked for m in pr.months) == len(names) and sum(m.passed for m in pr.months) == len(passed)


def test_pass_rate_by_month_and_what_it_counts(district: District, town: dict[str, int]) -> None:
    pr = compute(district).pass_rates
    assert {st.month_key(m.month): (m.checked, m.passed) for m in pr.months} == {
        "2026-10": (1, 1), "2026-11": (2, 0), "2026-12": (2, 2), "2027-01": (2, 1), "2027-02": (1, 1),
        "2027-03": (3, 2)}
    assert st.pct(pr.after_rate) == "63.6%"
    headline = dict(compute(district).headline())
    assert (headline["承诺制实施前授权合格率"], headline["承诺制实施后授权合格率"]) == ("—(0/0)", "63.6%(7/11)")


# -- who sees what -----------------------------------------------------------------------------------------

def test_a_supervisor_of_one_sub_district_sees_only_its_applications(district: District, town: dict[str, int]) -> None:
    auth.add_user(district.db, district.admin, username="hk_supervisor", password=PASSWORD, role=Role.SUPERVISOR,
                  region_id=district.regions["河口镇"], display_name="河口督导")
    hekou = auth.login(district.db, "hk_supervisor", PASSWORD)
    mine = compute(district, PERIOD, hekou)
    theirs = compute(district, st.with_region(PERIOD, district.regions["河口镇"]))
    assert mine.approval.summary == theirs.approval.summary
    assert mine.pass_rates == theirs.pass_rates
    assert (mine.pass_rates.after_checked, mine.approval.summary["regular"].count) == (4, 2)  # E H J F; E H
    with pytest.raises(ServiceError):
        compute(district, st.with_region(PERIOD, district.regions["八泉街道"]), hekou)
    assert [c.name for c in st.regions(district.db, hekou)][:1] == ["河口镇"]
    drill = st.records_behind(district.db, hekou, PERIOD, "pass_rate", "2027-03", "checked", today=TODAY)
    assert sorted(r.household_code for r in drill.rows) == ["HHH"]
    visits = st.visit_completion(district.db, hekou, PERIOD, 2027, 1, today=TODAY)
    assert {r.name for r in visits.rows} <= {"闸口社区", "道仕袱村"} and (visits.monitored, visits.visited) == (1, 1)
    report = monitoring.quarterly_report(district.db, hekou, 2027, 1, today=TODAY)
    assert sorted((r.community, r.due, r.done) for r in report.rows) == [("道仕袱村", 0, 0), ("闸口社区", 1, 1)]


def test_a_legacy_15_digit_number_is_listed_masked_as_its_18_digit_form(district: District,
                                                                       town: dict[str, int]) -> None:
    parsed = idcard.parse(LEGACY_15)
    full = parsed.number
    assert parsed.converted_from_15 and full is not None and len(full) == 18 and full.startswith("42020319750203")
    drill = st.records_behind(district.db, district.actor(Role.SUPERVISOR), PERIOD, "approval_hist", "20",
                              "regular", today=TODAY)
    rows = {r.household_code: r for r in drill.rows}
    assert sorted(rows) == ["HHA", "HHE"]
    assert rows["HHA"].id_masked == idcard.mask(full) and full not in repr(drill)


# -- the page and its workbook -----------------------------------------------------------------------------

def test_the_page_and_its_workbook_say_the_hand_figures_and_their_definitions(
        qtbot, sqlite_district: District, chinese: None, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtCore import QDate

    from desktop.views.context import AppContext
    from desktop.views.operations import wait_for_background
    from desktop.views.statistics import StatisticsPage

    build(sqlite_district)
    page = StatisticsPage(AppContext(sqlite_district.db, sqlite_district.actor(Role.SUPERVISOR)))
    qtbot.addWidget(page)
    page.period.setCurrentIndex(page.period.findData("custom"))  # before the first computing starts
    page.date_from.setDate(QDate(2026, 10, 1))
    page.date_to.setDate(QDate(2027, 3, 31))
    page.resize(1366, 768)
    page.show()
    try:
        qtbot.waitUntil(lambda: page.stats is not None and page.stats.filter.date_to == date(2027, 3, 31),
                        timeout=20000)
        assert wait_for_background(20000)
        s = page.stats
        assert s is not None
        _, rows = page.charts["approval_hist"].table()
        assert {r[0]: (r[1], r[2]) for r in rows if r[1] or r[2]} == {"5": (2, 1), "10": (1, 2), "20": (2, 1)}
        _, rows = page.charts["pass_rate"].table()
        assert {r[0]: (r[2], r[3]) for r in rows if r[2]} == {
            "2026-10": (1, 1), "2026-11": (2, 0), "2026-12": (2, 2), "2027-01": (2, 1), "2027-02": (1, 1),
            "2027-03": (3, 2)}
        hist = page.charts["approval_hist"]
        import pyqtgraph as pg

        limits = sorted(i.value() for i in hist.plot.getPlotItem().items if isinstance(i, pg.InfiniteLine))
        assert limits == [10.5, 30.5]  # after the bars of 10 and 30 days: those decided on the last day are within
        ticks = hist.plot.getAxis("left")._tickLevels
        assert ticks is not None and [label for _, label in ticks[0]] == ["0", "1", "2"]  # no half applications
        note = page.charts["approval_hist"].note_label.text()
        assert "中位数 10" in note and "平均 12" in note and "平均 11.3" in note
        out = tmp_path / "all.xlsx"
        page.export_xlsx(list(page.charts.values()), str(out))
        assert wait_for_background(20000)
        book = openpyxl.load_workbook(out, read_only=True)
        sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}
        key = sheets[page.tr("Key figures")]
        figures = {r[0]: r[1] for r in key if r and r[0]}
        assert figures["承诺制实施后授权合格率"] == "63.6%(7/11)"
        assert "实行后:63.6%(11 件中通过 7 件)" in page.charts["pass_rate"].note_label.text()
        assert figures["常规程序审批用时中位数"] == "10 个工作日(5 件)"
        assert figures["告知承诺制审批用时中位数"] == "10 个工作日(4 件)"
        for chart in page.charts.values():
            headers, rows = chart.table()
            sheet = next(v for k, v in sheets.items() if k.startswith(sheet_name(chart.title)[:20]))
            header_at = next(i for i, r in enumerate(sheet) if r[:len(headers)] == headers)
            assert [r[:len(headers)] for r in sheet[header_at + 1:header_at + 1 + len(rows)]] == rows, chart.title
            # the definition shown under the chart is written under its numbers
            text = chart.note_label.text()
            if text:
                assert any(r and r[0] == "说明" and r[1] == text for r in sheet[header_at + 1 + len(rows):]), chart.title
        approval = next(v for k, v in sheets.items() if k.startswith("审批用时"))
        assert any(r and r[0] == "说明" and "撤回的申请(没有审批决定)也不计入" in str(r[1]) for r in approval)
        # the pass rate's denominator: every application with a check result, withdrawn ones too (K here)
        rates = next(v for k, v in sheets.items() if k.startswith("各月授权"))
        assert any(r and r[0] == "说明" and "11 件中通过 7 件" in str(r[1]) and "含已撤回" in str(r[1]) for r in rates)
        book.close()
    finally:
        page._refresh_timer.stop()
        assert wait_for_background(20000)


# -- visits: the statistics page and the quarterly report ------------------------------------------------

def test_visit_completion_and_the_quarterly_report_across_the_year_end(
        district: District, town: dict[str, int], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from desktop import cli

    url = district.db.url.render_as_string(hide_password=False)
    sub = {"八泉社区": "八泉街道", "飞云社区": "八泉街道", "闸口社区": "河口镇", "道仕袱村": "河口镇"}
    for (year, quarter), hand in HAND_VISITS.items():
        stats = st.visit_completion(district.db, district.actor(Role.SUPERVISOR), PERIOD, year, quarter, today=TODAY)
        got = {r.name: (r.monitored, r.visited) for r in stats.rows}
        assert {k: v for k, v in got.items() if v != (0, 0)} == {k: v for k, v in hand.items() if v != (0, 0)}
        out = tmp_path / f"{year}Q{quarter}.xlsx"
        code = cli.main(["quarterly-report", "--year", str(year), "--quarter", str(quarter), "--as-of",
                         TODAY.isoformat(), "--out", str(out), "--database-url", url])
        text = capsys.readouterr().out
        due, done = (sum(v[i] for v in hand.values()) for i in (0, 1))
        moves = sum(HAND_MOVES[(year, quarter)].values())
        assert code == 0 and f"应访 {due} 户,已访 {done} 户,未访 {due - done} 户,库别调整 {moves} 次" in text
        book = openpyxl.load_workbook(out, read_only=True)
        summary = [list(r) for r in book["季度汇总"].iter_rows(min_row=3, values_only=True)]
        expected = [[sub[c], c, d, v, d - v, HAND_VISIT_COUNT[(year, quarter)].get(c, 0),
                     HAND_MOVES[(year, quarter)].get(c, 0), 0, 0] for c, (d, v) in hand.items()]
        assert sorted(row[:9] for row in summary[:-1]) == sorted(expected)
        assert summary[-1][2:9] == [due, done, due - done, sum(HAND_VISIT_COUNT[(year, quarter)].values()), moves, 0, 0]
        missing = sorted(r[2] for r in book["未访家庭"].iter_rows(min_row=3, values_only=True) if r[2])
        assert missing == {(2026, 4): ["户主C", "户主Q"], (2027, 1): ["户主C", "户主P"]}[(year, quarter)]
        book.close()


# -- discoveries and the funnel ---------------------------------------------------------------------------

def test_the_funnel_and_the_clues_by_hand(district: District, town: dict[str, int]) -> None:
    for f, hand in HAND_FUNNEL.items():
        d = compute(district, f).discoveries
        assert [b.value for b in d.funnel] == hand and d.households == hand[0]
    d = compute(district).discoveries
    assert d.clues == 6  # A A C R E x: each clue reported in the period, x without a household too
    assert {b.key: b.value for b in d.by_level if b.value} == {"informant": 2, "vertical": 2, "department": 2}
    # the sub-districts add up to the district, C counted where it lives now
    baquan = compute(district, st.with_region(PERIOD, district.regions["八泉街道"])).discoveries.funnel
    hekou = compute(district, st.with_region(PERIOD, district.regions["河口镇"])).discoveries.funnel
    assert [b.value for b in baquan] == [2, 1, 2, 2] and [b.value for b in hekou] == [2, 1, 1, 0]
    drill = st.records_behind(district.db, district.actor(Role.SUPERVISOR), PERIOD, "funnel", "approved", "",
                              today=TODAY)
    assert sorted(r.household_code for r in drill.rows) == ["HHA", "HHC"]


# -- the board and the visit list say what the statistics say -----------------------------------------------

def test_the_board_and_the_visit_list_agree_with_the_statistics(district: District, town: dict[str, int],
                                                                capsys: pytest.CaptureFixture[str],
                                                                tmp_path: Path) -> None:
    import json

    from desktop import cli

    url = district.db.url.render_as_string(hide_password=False)
    assert cli.main(["board", "--json", "--as-of", TODAY.isoformat(), "--database-url", url]) == 0
    board = json.loads(capsys.readouterr().out)
    library = {b.key: b.value for b in compute(district).library.now}
    assert {k: board["columns"][k] for k in ("class_1", "class_2", "assisted")} == library == {
        "class_1": 1, "class_2": 1, "assisted": 2}  # P; Q; A C
    # 2027 Q2 as at 04-20: P, Q, A due; C visited on 04-01
    assert (board["visits"]["all"], board["visits"]["due"]) == (4, 3)
    out = tmp_path / "visits.xlsx"
    assert cli.main(["visit-list", "--state", "due", "--as-of", TODAY.isoformat(), "--out", str(out),
                     "--database-url", url]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    text = [" ".join(str(v) for v in row if v is not None) for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    assert sorted(n for n in ("户主P", "户主Q", "户主A", "户主C") if any(n in line for line in text)) == [
        "户主A", "户主P", "户主Q"]
    # household A's head was written with a legacy 15-digit number: listed as its 18-digit form, masked or not
    full = str(idcard.parse(LEGACY_15).number)
    assert any(full in line or idcard.mask(full) in line for line in text)
    assert not any(LEGACY_15 in line.replace(full, "") for line in text)


def test_the_categories_add_up_to_the_whole(district: District, town: dict[str, int]) -> None:
    whole = compute(district)
    parts = {c: compute(district, st.StatsFilter(PERIOD.date_from, PERIOD.date_to, category=c))
             for c in ("dibao", "temporary", "marginal")}
    for track in ("regular", "commitment"):
        assert sum(p.approval.summary[track].count for p in parts.values()) == whole.approval.summary[track].count
    assert sum(p.pass_rates.after_checked for p in parts.values()) == whole.pass_rates.after_checked == 11
    assert sum(p.pass_rates.after_passed for p in parts.values()) == whole.pass_rates.after_passed == 7
    # D is the only temporary application (10 days), G the only marginal one (5 days)
    assert parts["temporary"].approval.summary["commitment"].median == 10
    assert parts["marginal"].approval.summary["regular"].median == 5
