"""Statistics: every aggregate against hand-computed values on a small fixed dataset, both databases.

The dataset (see ``build_dataset``), in 西塞山区 from tests/district.py:

households  region    stage        clues (reported)                              assessed  applications
h1          八泉社区   class_1      c1 informant/volunteer/home_visit 2026-01-10    yes       a2 regular refused
                                    c2 department/hrss 2026-02-05
h2          八泉社区   class_2      c3 department/health/screening 2026-03-01      yes       a3 regular open
h3          飞云社区   class_2      -                                              no        a7 commitment refused
h4          飞云社区   assisted     c4 vertical/grid/phone 2026-01-20              yes       a1 regular approved
h5          闸口社区   class_1      c5 department/hrss 2026-04-02                  no        a6 commitment open
h6          闸口社区   (none)       -                                              no        -
h7          道仕袱村   assisted     c6 informant/building_head/walk_in 2025-12-15  yes       a4, a5 commitment approved
h8          道仕袱村   to_investigate -                                            no        -
(c7: no household, 闸口社区, department/education 2026-02-10)
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from sqlalchemy import select

from desktop.models import (
    Application,
    AppSetting,
    Assessment,
    AuditEntry,
    Clue,
    Household,
    LibraryMove,
    PostCheck,
    Referral,
    Visit,
)
from desktop.rules import idcard, workdays
from desktop.rules.codes import Role
from desktop.rules.workdays import DEFAULT_CALENDAR
from desktop.services import calendar
from desktop.services import statistics as st
from desktop.services.errors import PermissionDenied, ValidationFailed
from tests.district import District

TODAY = date(2026, 12, 31)
# 2026's days off on weekdays and make-up working days (RULES.md §2), as an administrator enters them
DEFAULT_CALENDAR_2026_OFF = [date(2026, 1, d) for d in (1, 2)] + [date(2026, 2, d) for d in range(16, 21)] + [
    date(2026, 2, 23), date(2026, 4, 6), *(date(2026, 5, d) for d in range(1, 6)), date(2026, 6, 19),
    date(2026, 9, 25), *(date(2026, 10, d) for d in range(1, 8))]
DEFAULT_CALENDAR_2026_WORK = [date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9),
                              date(2026, 9, 20), date(2026, 10, 10)]
ALL = st.StatsFilter()
H1 = st.StatsFilter(date(2026, 1, 1), date(2026, 6, 30))  # first half of 2026


def head_id(n: int) -> str:
    return idcard.make("420203", date(1970, 1, n), 10 + n)


def build_dataset(district: District) -> dict[str, int]:
    r = district.regions
    ids: dict[str, int] = {}
    with district.db.session_factory() as s:
        homes = [("h1", "八泉社区", "class_1"), ("h2", "八泉社区", "class_2"), ("h3", "飞云社区", "class_2"),
                 ("h4", "飞云社区", "assisted"), ("h5", "闸口社区", "class_1"), ("h6", "闸口社区", None),
                 ("h7", "道仕袱村", "assisted"), ("h8", "道仕袱村", "to_investigate")]
        for n, (name, region, stage) in enumerate(homes, start=1):
            h = Household(code=f"H{n:03d}", region_id=r[region], head_name=f"户主{n}", head_id_number=head_id(n),
                          head_id_reversed=head_id(n)[::-1], member_count=1, stage=stage)
            s.add(h)
            s.flush()
            ids[name] = h.id
        h = ids

        def clue(hid: int | None, level: str, source: str, channel: str | None, on: date, region: str) -> None:
            s.add(Clue(household_id=hid, source_level=level, source=source, channel=channel, reported_on=on,
                       region_id=r[region]))

        clue(h["h1"], "informant", "volunteer", "home_visit", date(2026, 1, 10), "八泉社区")
        clue(h["h1"], "department", "hrss", None, date(2026, 2, 5), "八泉社区")
        clue(h["h2"], "department", "health", "screening", date(2026, 3, 1), "八泉社区")
        clue(h["h4"], "vertical", "grid", "phone", date(2026, 1, 20), "飞云社区")
        clue(h["h5"], "department", "hrss", None, date(2026, 4, 2), "闸口社区")
        clue(h["h7"], "informant", "building_head", "walk_in", date(2025, 12, 15), "道仕袱村")
        clue(None, "department", "education", None, date(2026, 2, 10), "闸口社区")

        for name in ("h1", "h2", "h4", "h7"):
            s.add(Assessment(household_id=h[name], assessed_on=date(2026, 2, 1), inputs={}, settings={},
                             per_capita_income=Decimal("500"), result_category="dibao", result={},
                             explanation="", suggested_placement="class_1", placement="class_1"))
            s.get(Household, h[name]).last_assessed_on = date(2026, 2, 1)  # as assessment.save keeps it

        def app(name: str, hh: str, track: str, category: str, accepted: date, decided: date | None,
                status: str, passed: bool | None) -> None:
            a = Application(household_id=h[hh], category=category, track=track, accepted_on=accepted,
                            due_on=accepted, status=status, check_passed=passed, decided_on=decided)
            s.add(a)
            s.flush()
            ids[name] = a.id

        app("a1", "h4", "regular", "dibao", date(2026, 2, 10), date(2026, 3, 30), "approved", True)  # 30 wd
        app("a2", "h1", "regular", "dibao", date(2026, 2, 10), date(2026, 3, 16), "refused", False)  # 20 wd
        app("a3", "h2", "regular", "marginal", date(2026, 2, 20), None, "open", False)
        app("a4", "h7", "commitment", "dibao", date(2026, 9, 28), date(2026, 10, 16), "approved", True)  # 10 wd
        app("a5", "h7", "commitment", "temporary", date(2026, 3, 2), date(2026, 3, 5), "approved", True)  # 3 wd
        app("a6", "h5", "commitment", "dibao", date(2026, 3, 10), None, "open", None)
        app("a7", "h3", "commitment", "dibao", date(2026, 4, 1), date(2026, 4, 8), "refused", False)  # 4 wd
        s.add(AppSetting(key="commitment_track_start", value={"date": "2026-03-01"}))

        moves = [("h1", None, "class_1", date(2026, 1, 15)), ("h2", None, "class_2", date(2026, 3, 5)),
                 ("h3", None, "class_1", date(2026, 1, 20)), ("h3", "class_1", "class_2", date(2026, 4, 10)),
                 ("h4", None, "class_1", date(2026, 1, 25)), ("h4", "class_1", "assisted", date(2026, 3, 31)),
                 ("h5", None, "class_1", date(2026, 4, 5)), ("h7", None, "class_2", date(2025, 12, 20)),
                 ("h7", "class_2", "assisted", date(2026, 3, 6))]
        for hh, a, b, on in moves:
            s.add(LibraryMove(household_id=h[hh], from_stage=a, to_stage=b, moved_on=on))

        # h5's visit after the quarters asked about makes those quarters look at the visits themselves
        for hh, on in [("h1", date(2026, 5, 10)), ("h1", date(2026, 6, 1)), ("h3", date(2026, 4, 15)),
                       ("h5", date(2026, 3, 30)), ("h5", date(2026, 7, 2)), ("h7", date(2026, 6, 30)),
                       ("h6", date(2026, 5, 5))]:
            s.add(Visit(household_id=h[hh], visited_on=on))
            household = s.get(Household, h[hh])
            if household.last_visited_on is None or on > household.last_visited_on:
                household.last_visited_on = on  # as monitoring.record_visit keeps it

        for hh, dept, status, on in [("h1", "hrss", "done", date(2026, 2, 1)), ("h2", "hrss", "received", date(2026, 3, 1)),
                                     ("h4", "health", "sent", date(2026, 5, 1)),
                                     ("h7", "education", "declined", date(2025, 11, 1)),
                                     ("h5", "hrss", "done", date(2026, 4, 10))]:
            s.add(Referral(household_id=h[hh], department=dept, status=status, sent_on=on))

        for a, kind, due, done, result in [("a5", "centralised", date(2026, 4, 1), date(2026, 3, 28), "passed"),
                                           ("a5", "spot", date(2026, 6, 30), date(2026, 6, 10), "failed"),
                                           ("a4", "centralised", date(2026, 11, 16), None, None),
                                           ("a7", "periodic", date(2026, 5, 1), date(2026, 5, 2), "passed")]:
            s.add(PostCheck(application_id=ids[a], kind=kind, due_on=due, done_on=done, result=result))
        s.commit()
    return ids


@pytest.fixture
def data(district: District) -> dict[str, int]:
    return build_dataset(district)


def supervisor(district: District):  # noqa: ANN201
    return district.actor(Role.SUPERVISOR)


def bars(items: tuple[st.Bar, ...]) -> dict[str, int]:
    return {b.key: b.value for b in items if b.value}


def compute(district: District, f: st.StatsFilter = ALL, role: Role = Role.SUPERVISOR) -> st.Statistics:
    return st.compute(district.db, district.actor(role), f, today=TODAY)


# -- discoveries and funnel ---------------------------------------------------------------------------

def test_discoveries_all_dates(district: District, data: dict[str, int]) -> None:
    d = compute(district).discoveries
    assert d.households == 5  # h1 h2 h4 h5 h7
    assert d.clues == 7
    assert bars(d.by_level) == {"informant": 2, "vertical": 1, "department": 4}
    assert bars(d.by_channel) == {"home_visit": 1, "screening": 1, "phone": 1, "walk_in": 1, "": 3}
    assert bars(d.by_department) == {"hrss": 2, "health": 1, "education": 1}
    assert [b.label for b in d.by_level] == ["四级信息员", "纵向来源", "部门推送"]
    # placed: h1 h5 (class I), h2 (class II), h4 h7 (applications); approved: h4 h7
    assert [(b.key, b.value) for b in d.funnel] == [("discovered", 5), ("assessed", 4), ("placed", 5),
                                                    ("approved", 2)]


def test_discoveries_date_range_region_and_track(district: District, data: dict[str, int]) -> None:
    d = compute(district, H1).discoveries
    assert (d.households, d.clues) == (4, 6)  # c6 (2025) is out
    sub = st.StatsFilter(region_id=district.regions["八泉街道"])
    d = compute(district, sub).discoveries
    assert (d.households, d.clues) == (3, 4)  # h1 h2 h4; c1 c2 c3 c4
    d = compute(district, st.StatsFilter(region_id=district.regions["闸口社区"])).discoveries
    assert (d.households, d.clues) == (1, 2)  # h5; c5 and the clue without a household (c7)
    funnel = compute(district, st.StatsFilter(track="commitment")).discoveries.funnel
    # placed: h1 h5 class I, h2 class II, h7 commitment application (h4 has only a regular one)
    assert [b.value for b in funnel] == [5, 4, 4, 1]


def test_a_household_is_discovered_once_by_its_first_clue(district: District, data: dict[str, int]) -> None:
    """h1 was first reported in January: its February clue counts as a clue, not as a discovery."""
    d = compute(district, st.StatsFilter(date(2026, 2, 1), date(2026, 6, 30))).discoveries
    assert (d.households, d.clues) == (2, 4)  # h2 h5; c2 c3 c5 c7
    assert codes(drill(district, "discovered", "", f=st.StatsFilter(date(2026, 2, 1), date(2026, 6, 30)))) == [
        "H002", "H005"]
    periods = [st.StatsFilter(None, date(2025, 12, 31)), st.StatsFilter(date(2026, 1, 1), date(2026, 1, 31)),
               st.StatsFilter(date(2026, 2, 1), None)]
    found = [compute(district, f).discoveries.households for f in periods]
    assert found == [1, 2, 2]  # h7; h1 h4; h2 h5
    assert sum(found) == compute(district).discoveries.households  # the periods add up


def test_a_past_periods_funnel_is_as_at_its_end(district: District, data: dict[str, int]) -> None:
    """The funnel of a period that is over counts each household as it stood at the period's end:
    its report does not change when a household moves, is assessed or applies afterwards. h9 was in
    class II at the end of Q1 and left the library this week; h10 was still being investigated and
    entered class I, was assessed and applied this week."""
    q1 = st.StatsFilter(date(2026, 1, 1), date(2026, 3, 31))
    r = district.regions
    with district.db.session_factory() as s:
        h9 = Household(code="H009", region_id=r["八泉社区"], head_name="户主9", head_id_number=head_id(9),
                       head_id_reversed=head_id(9)[::-1], member_count=1, stage="class_2",
                       stage_since=date(2026, 2, 20))
        h10 = Household(code="H010", region_id=r["飞云社区"], head_name="户主10", head_id_number=head_id(10),
                        head_id_reversed=head_id(10)[::-1], member_count=1, stage="to_investigate",
                        stage_since=date(2026, 3, 20))
        s.add_all([h9, h10])
        s.flush()
        s.add_all([Clue(household_id=h9.id, source_level="vertical", source="grid", reported_on=date(2026, 2, 15),
                        region_id=r["八泉社区"]),
                   Clue(household_id=h10.id, source_level="vertical", source="grid", reported_on=date(2026, 3, 20),
                        region_id=r["飞云社区"]),
                   LibraryMove(household_id=h9.id, from_stage="to_investigate", to_stage="class_2",
                               moved_on=date(2026, 2, 20))])
        s.commit()
        ids = (h9.id, h10.id)
    before = [(b.key, b.value) for b in compute(district, q1).discoveries.funnel]
    # h1 h2 h4 h9 h10 discovered; h1 h2 h4 assessed; h1 h2 h4 (library or application) and h9 (class II)
    assert before == [("discovered", 5), ("assessed", 3), ("placed", 4), ("approved", 1)]
    with district.db.session_factory() as s:  # this week, after the period
        h9, h10 = (s.get(Household, i) for i in ids)
        h9.stage, h9.stage_since = "to_investigate", date(2026, 12, 28)
        h10.stage, h10.stage_since, h10.last_assessed_on = "class_1", date(2026, 12, 29), date(2026, 12, 29)
        s.add_all([LibraryMove(household_id=h9.id, from_stage="class_2", to_stage="to_investigate",
                               moved_on=date(2026, 12, 28)),
                   LibraryMove(household_id=h10.id, from_stage="to_investigate", to_stage="class_1",
                               moved_on=date(2026, 12, 29)),
                   Assessment(household_id=h10.id, assessed_on=date(2026, 12, 29), inputs={}, settings={},
                              per_capita_income=Decimal("500"), result_category="dibao", result={},
                              explanation="", suggested_placement="class_1", placement="class_1"),
                   Application(household_id=h10.id, category="dibao", track="regular", accepted_on=date(2026, 12, 30),
                               due_on=date(2026, 12, 30), status="open")])
        s.commit()
    assert [(b.key, b.value) for b in compute(district, q1).discoveries.funnel] == before
    assert codes(drill(district, "funnel", "placed", f=q1)) == ["H001", "H002", "H004", "H009"]
    assert codes(drill(district, "funnel", "assessed", f=q1)) == ["H001", "H002", "H004"]
    assert codes(drill(district, "funnel", "approved", f=q1)) == ["H004"]
    # with a track: h4's regular application does not count, its class I stage at the end does not either
    # (it was in assistance by then); h9 is placed by its stage at the end
    commitment = replace(q1, track="commitment")
    assert codes(drill(district, "funnel", "placed", f=commitment)) == ["H001", "H002", "H009"]
    assert [b.value for b in compute(district, commitment).discoveries.funnel] == [5, 3, 3, 0]
    # a period running to today counts each step as it stands today
    to_today = st.StatsFilter(date(2026, 1, 1), TODAY)
    assert codes(drill(district, "funnel", "placed", f=to_today)) == ["H001", "H002", "H004", "H005", "H010"]
    assert [b.value for b in compute(district, to_today).discoveries.funnel] == [6, 4, 5, 1]


# -- library -----------------------------------------------------------------------------------------

def test_library_now_and_month_ends(district: District, data: dict[str, int]) -> None:
    lib = compute(district).library
    assert bars(lib.now) == {"class_1": 2, "class_2": 2, "assisted": 2}
    sizes = {st.month_key(m.month): (m.class_1, m.class_2, m.assisted) for m in lib.months}
    assert list(sizes)[0] == "2025-12" and list(sizes)[-1] == "2026-12"
    assert sizes["2025-12"] == (0, 1, 0)
    assert sizes["2026-01"] == (3, 1, 0)
    assert sizes["2026-02"] == (3, 1, 0)
    assert sizes["2026-03"] == (2, 1, 2)
    assert sizes["2026-04"] == (2, 2, 2)
    assert sizes["2026-12"] == (2, 2, 2)
    # a past period's headline gives the library at its end, and says so; the current one today's
    headline = dict(compute(district, st.StatsFilter(date(2026, 1, 1), date(2026, 2, 28))).headline())
    assert (headline["一类库(2026-02月末)"], headline["二类库(2026-02月末)"], headline["救助中(2026-02月末)"]) == (
        "3 户", "1 户", "0 户")
    assert dict(compute(district).headline())["一类库"] == "2 户"
    ranged = compute(district, H1).library
    assert [st.month_key(m.month) for m in ranged.months] == [f"2026-0{i}" for i in range(1, 7)]
    sub = compute(district, st.StatsFilter(region_id=district.regions["飞云社区"])).library
    assert bars(sub.now) == {"class_2": 1, "assisted": 1}
    fy = {st.month_key(m.month): (m.class_1, m.class_2, m.assisted) for m in sub.months}
    assert fy["2026-01"] == (2, 0, 0) and fy["2026-03"] == (1, 0, 1) and fy["2026-04"] == (0, 1, 1)


def test_the_headline_of_a_period_that_is_over_gives_the_library_on_its_last_day(district: District,
                                                                               data: dict[str, int]) -> None:
    """A period ending inside a month, or this month before today, showed the sizes at the end of
    that month (moves after the period counted) or today's sizes unlabelled; it gives the sizes on
    its last day, so labelled. h3 went back from class II to class I on 2026-12-20, this month;
    h4 entered assistance on 2026-03-31."""
    with district.db.session_factory() as s:
        s.add(LibraryMove(household_id=data["h3"], from_stage="class_2", to_stage="class_1",
                          moved_on=date(2026, 12, 20)))
        h3 = s.get(Household, data["h3"])
        h3.stage, h3.stage_since = "class_1", date(2026, 12, 20)
        s.commit()
    now = dict(compute(district).headline())
    assert (now["一类库"], now["二类库"], now["救助中"]) == ("3 户", "1 户", "2 户")
    this_month = dict(compute(district, st.StatsFilter(date(2026, 12, 1), date(2026, 12, 15))).headline())
    assert (this_month["一类库(截至2026-12-15)"], this_month["二类库(截至2026-12-15)"]) == ("2 户", "2 户")
    feb = dict(compute(district, st.StatsFilter(date(2026, 1, 1), date(2026, 2, 10))).headline())
    assert (feb["一类库(截至2026-02-10)"], feb["二类库(截至2026-02-10)"], feb["救助中(截至2026-02-10)"]) == (
        "3 户", "1 户", "0 户")
    day = dict(compute(district, st.StatsFilter(date(2026, 3, 31), date(2026, 3, 31))).headline())
    assert (day["一类库(2026-03月末)"], day["救助中(2026-03月末)"]) == ("2 户", "2 户")  # h4 and h7 assisted
    before_h4 = dict(compute(district, st.StatsFilter(date(2026, 3, 30), date(2026, 3, 30))).headline())
    assert (before_h4["一类库(截至2026-03-30)"], before_h4["救助中(截至2026-03-30)"]) == ("3 户", "1 户")
    ending_today = dict(compute(district, st.StatsFilter(date(2026, 12, 1), TODAY)).headline())
    assert ending_today["一类库"] == "3 户"


# -- pass rate and approval time ----------------------------------------------------------------------

def test_pass_rates_before_and_after_commitment_start(district: District, data: dict[str, int]) -> None:
    pr = compute(district).pass_rates
    assert pr.track_start == date(2026, 3, 1)
    assert (pr.before_checked, pr.before_passed, pr.after_checked, pr.after_passed) == (3, 1, 3, 2)
    assert pr.before_rate == pytest.approx(1 / 3) and pr.after_rate == pytest.approx(2 / 3)
    assert [(st.month_key(m.month), m.checked, m.passed) for m in pr.months] == [
        ("2026-02", 3, 1), ("2026-03", 1, 1), ("2026-04", 1, 0), ("2026-09", 1, 1)]
    pr = compute(district, st.StatsFilter(track="commitment")).pass_rates
    assert (pr.before_checked, pr.after_checked, pr.after_passed) == (0, 3, 2)
    pr = compute(district, st.StatsFilter(category="dibao")).pass_rates
    assert (pr.before_checked, pr.before_passed, pr.after_checked, pr.after_passed) == (2, 1, 2, 1)


def test_approval_times(district: District, data: dict[str, int]) -> None:
    ap = compute(district).approval
    reg, com = ap.summary["regular"], ap.summary["commitment"]
    assert (reg.count, reg.median, reg.minimum, reg.maximum) == (2, 25.0, 20, 30)
    assert (com.count, com.median, com.minimum, com.maximum) == (3, 4.0, 3, 10)
    assert (com.within_10, reg.within_30, reg.within_10) == (3, 2, 0)
    hist_reg = {d: n for d, n in enumerate(ap.histogram["regular"]) if n}
    hist_com = {d: n for d, n in enumerate(ap.histogram["commitment"]) if n}
    assert hist_reg == {20: 1, 30: 1} and hist_com == {3: 1, 4: 1, 10: 1}
    assert [(st.month_key(m.month), m.track, m.median, m.count) for m in ap.monthly] == [
        ("2026-02", "regular", 25.0, 2), ("2026-03", "commitment", 3.0, 1), ("2026-04", "commitment", 4.0, 1),
        ("2026-09", "commitment", 10.0, 1)]
    sub = compute(district, st.StatsFilter(region_id=district.regions["河口镇"])).approval
    assert sub.summary["regular"].count == 0 and sub.summary["commitment"].count == 2  # a4, a5 (h7)


def test_approval_figures_over_a_year_without_its_holidays_say_they_are_estimates(
        district: District, data: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """Working days of a year whose holidays nobody has entered are estimates (RULES.md §2): the
    headline's approval-time figures say so and a warning closes the headline (the window, the
    xlsx and the PDF print that list), until an administrator enters the year."""
    assert not compute(district).approval.unknown_years
    assert st.HEADLINE_WARNING not in dict(compute(district).headline())
    monkeypatch.setattr(workdays, "library_knows", lambda year: year != 2026)  # as 2027 is today
    head = dict(compute(district).headline())
    assert head["常规程序审批用时中位数"].startswith("约 ") and head["常规程序审批用时中位数"].endswith("(2 件)")
    assert head["告知承诺制审批用时中位数"].startswith("约 ")
    assert "2026年的法定节假日安排尚未录入" in head[st.HEADLINE_WARNING]
    assert head[st.HEADLINE_WARNING].startswith("审批用时")
    assert list(head)[-1] == st.HEADLINE_WARNING
    # no application decided in the period: no figure, nothing to warn about
    quiet = dict(compute(district, st.StatsFilter(date(2026, 11, 1), date(2026, 11, 30))).headline())
    assert st.HEADLINE_WARNING not in quiet and "常规程序审批用时中位数" not in quiet
    calendar.set_year(district.db, district.admin, 2026, days_off=DEFAULT_CALENDAR_2026_OFF,
                      workdays=DEFAULT_CALENDAR_2026_WORK)
    head = dict(compute(district).headline())
    assert st.HEADLINE_WARNING not in head and head["常规程序审批用时中位数"] == "25 个工作日(2 件)"


def test_approval_warning_names_consecutive_unknown_years_as_a_range(
        district: District, data: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """The deadlines warning names runs of unknown years as ranges (2027–2100年); the statistics page's
    approval-time warning still listed them one by one (2025、2026)."""
    with district.db.session_factory() as s:  # accepted in 2025, decided in 2026
        s.add(Application(household_id=data["h5"], category="dibao", track="regular", accepted_on=date(2025, 12, 1),
                          due_on=date(2026, 1, 13), status="approved", check_passed=True,
                          decided_on=date(2026, 1, 12)))
        s.commit()
    monkeypatch.setattr(workdays, "library_knows", lambda year: False)
    approval = compute(district).approval
    assert approval.unknown_years == (2025, 2026)
    assert approval.warning().startswith("2025–2026年的法定节假日安排尚未录入")
    assert dict(compute(district).headline())[st.HEADLINE_WARNING].startswith("审批用时2025–2026年的法定节假日")


def test_workday_index_matches_calendar() -> None:
    index = st.WorkdayIndex(DEFAULT_CALENDAR, date(2025, 12, 1), date(2027, 2, 1))
    rng = np.random.default_rng(7)
    base = date(2025, 12, 1).toordinal()
    for _ in range(300):
        a = int(rng.integers(0, 400))
        b = min(a + int(rng.integers(0, 60)), 427)
        start, end = date.fromordinal(base + a), date.fromordinal(base + b)
        assert index.count(start.toordinal(), end.toordinal()) == DEFAULT_CALENDAR.working_days_between(start, end)
    assert index.unknown_years == tuple(y for y in (2025, 2026, 2027) if not DEFAULT_CALENDAR.knows(y))


# -- visits, referrals, post-checks -------------------------------------------------------------------

def test_visit_completion_by_community(district: District, data: dict[str, int]) -> None:
    v = compute(district, H1).visits
    assert (v.year, v.quarter) == (2026, 2)
    got = {c.name: (c.monitored, c.visited) for c in v.rows}
    assert got == {"八泉社区": (2, 1), "飞云社区": (2, 1), "闸口社区": (1, 0), "道仕袱村": (1, 1)}
    assert (v.monitored, v.visited) == (6, 3)
    assert v.rows[0].name == "闸口社区"  # worst first
    # h5 came into the library on 5 April: it was not to be visited in the first quarter (its visit on
    # 30 March was not a library visit), so 闸口社区 had nobody to visit then.
    q1 = st.visit_completion(district.db, supervisor(district), ALL, 2026, 1, today=TODAY)
    assert {c.name: (c.monitored, c.visited) for c in q1.rows} == {"八泉社区": (2, 0), "飞云社区": (2, 0),
                                                                   "道仕袱村": (1, 0)}


def test_visit_completion_of_a_past_quarter_counts_the_library_of_then(district: District,
                                                                        data: dict[str, int]) -> None:
    """A past quarter's households to visit are those in the library at its end: one that has left
    since still counts, one that came in later (by a move, or by a register import without one) not."""
    r = district.regions
    with district.db.session_factory() as s:
        left = Household(code="H009", region_id=r["闸口社区"], head_name="户主9", head_id_number=head_id(9),
                         head_id_reversed=head_id(9)[::-1], member_count=1, stage=None)
        imported = Household(code="H010", region_id=r["闸口社区"], head_name="户主10", head_id_number=head_id(10),
                             head_id_reversed=head_id(10)[::-1], member_count=1, stage="class_2",
                             stage_since=date(2026, 5, 1))
        s.add_all([left, imported])
        s.flush()
        s.add_all([LibraryMove(household_id=left.id, from_stage=None, to_stage="class_1", moved_on=date(2026, 1, 5)),
                   LibraryMove(household_id=left.id, from_stage="class_1", to_stage=None, moved_on=date(2026, 5, 20)),
                   Visit(household_id=left.id, visited_on=date(2026, 2, 14))])
        left.last_visited_on = date(2026, 2, 14)
        s.commit()
    q1 = st.visit_completion(district.db, supervisor(district), ALL, 2026, 1, today=TODAY)
    assert {c.name: (c.monitored, c.visited) for c in q1.rows}["闸口社区"] == (1, 1)
    assert codes(drill(district, "visits", str(r["闸口社区"]), "monitored@2026-Q1")) == ["H009"]
    assert codes(drill(district, "visits", str(r["闸口社区"]), "visited@2026-Q1")) == ["H009"]
    q2 = st.visit_completion(district.db, supervisor(district), ALL, 2026, 2, today=TODAY)
    assert {c.name: (c.monitored, c.visited) for c in q2.rows}["闸口社区"] == (2, 0)  # h5 and H010, not H009
    now = st.visit_completion(district.db, supervisor(district), ALL, 2026, 4, today=TODAY)
    assert {c.name: c.monitored for c in now.rows}["闸口社区"] == 2  # today's library: h5 and H010


def test_referrals_by_department_and_status(district: District, data: dict[str, int]) -> None:
    ref = compute(district).referrals
    got = {r.department: {k: v for k, v in r.counts.items() if v} for r in ref.rows if r.total}
    assert got == {"hrss": {"done": 2, "received": 1}, "health": {"sent": 1}, "education": {"declined": 1}}
    assert (ref.total(), ref.total("done")) == (5, 2)
    sub = compute(district, st.StatsFilter(date(2026, 1, 1), None, district.regions["八泉街道"])).referrals
    assert {r.department: r.total for r in sub.rows if r.total} == {"hrss": 2, "health": 1}


def test_post_check_failure_rate(district: District, data: dict[str, int]) -> None:
    pc = compute(district).post_checks
    assert (pc.done, pc.failed) == (3, 1)
    assert pc.rate == pytest.approx(1 / 3)
    assert [(st.month_key(m.month), m.done, m.failed) for m in pc.months] == [
        ("2026-03", 1, 0), ("2026-05", 1, 0), ("2026-06", 1, 1)]
    assert pc.by_kind == {"centralised": (1, 0), "spot": (1, 1), "periodic": (1, 0)}
    sub = compute(district, st.StatsFilter(region_id=district.regions["八泉街道"])).post_checks
    assert (sub.done, sub.failed) == (1, 0)
    only_temporary = compute(district, st.StatsFilter(category="temporary")).post_checks
    assert (only_temporary.done, only_temporary.failed) == (2, 1)


def test_headline_in_chinese(district: District, data: dict[str, int]) -> None:
    head = dict(compute(district).headline())
    assert head["主动发现家庭"] == "5 户"
    assert head["一类库"] == "2 户"
    assert head["承诺制实施前授权合格率"] == "33.3%(1/3)"
    assert head["承诺制实施后授权合格率"] == "66.7%(2/3)"
    assert head["常规程序审批用时中位数"].startswith("25 个工作日")
    assert head["事后核查未通过率"].startswith("33.3%")


# -- drill-down and roles -------------------------------------------------------------------------------

def codes(drill: st.Drill) -> list[str]:
    return sorted(r.household_code for r in drill.rows)


def drill(district: District, chart: str, key: str, series: str = "", f: st.StatsFilter = ALL,
          role: Role = Role.SUPERVISOR) -> st.Drill:
    return st.records_behind(district.db, district.actor(role), f, chart, key, series, today=TODAY)


def test_records_behind_a_clue_bar_are_its_clues(district: District, data: dict[str, int]) -> None:
    """A clue bar counts clues: its list has one row per clue, as many as the bar says, also a
    household's second clue and clues not yet linked to a household (their own person shown, the
    ID number masked)."""
    with district.db.session_factory() as s:
        s.add(Clue(household_id=None, person_name="线索人", id_number=head_id(9), source_level="vertical",
                   source="grid", channel="phone", reported_on=date(2026, 5, 6), region_id=district.regions["飞云社区"]))
        s.commit()
    d = compute(district).discoveries
    for chart, items in (("level", d.by_level), ("channel", d.by_channel), ("department", d.by_department)):
        for bar in items:
            listed = drill(district, chart, bar.key)
            assert listed.total == len(listed.rows) == bar.value, (chart, bar)
    department = drill(district, "level", "department")
    assert codes(department) == ["", "H001", "H002", "H005"]  # c7, c2, c3, c5
    c7 = next(r for r in department.rows if not r.household_code)
    assert c7.region == "闸口社区" and c7.on == date(2026, 2, 10) and "线索#" in c7.detail
    unlinked = next(r for r in drill(district, "channel", "phone").rows if not r.household_code)
    assert (unlinked.head_name, unlinked.id_masked, unlinked.region) == ("线索人", idcard.mask(head_id(9)), "飞云社区")
    by_half = drill(district, "level", "informant", f=H1)  # c1 only (c6 is from 2025)
    assert codes(by_half) == ["H001"] and by_half.total == bars(compute(district, H1).discoveries.by_level)["informant"]


def test_records_behind_each_chart(district: District, data: dict[str, int]) -> None:
    assert codes(drill(district, "discovered", "")) == ["H001", "H002", "H004", "H005", "H007"]
    assert codes(drill(district, "level", "informant")) == ["H001", "H007"]
    assert codes(drill(district, "department", "hrss")) == ["H001", "H005"]
    assert codes(drill(district, "channel", "")) == ["", "H001", "H005"]  # channel not filled in (c2, c5, c7)
    assert codes(drill(district, "funnel", "approved")) == ["H004", "H007"]
    assert codes(drill(district, "funnel", "assessed")) == ["H001", "H002", "H004", "H007"]
    assert codes(drill(district, "funnel", "placed")) == ["H001", "H002", "H004", "H005", "H007"]
    commitment = st.StatsFilter(track="commitment")  # h4 has only a regular application
    assert codes(drill(district, "funnel", "placed", f=commitment)) == ["H001", "H002", "H005", "H007"]
    assert codes(drill(district, "funnel", "approved", f=commitment)) == ["H007"]
    assert codes(drill(district, "library_now", "class_1")) == ["H001", "H005"]
    assert codes(drill(district, "library_month", "2026-02", "class_1")) == ["H001", "H003", "H004"]
    assert codes(drill(district, "library_month", "2026-03", "assisted")) == ["H004", "H007"]
    assert codes(drill(district, "library_month", "2025-12", "class_2")) == ["H007"]
    assert codes(drill(district, "pass_rate", "2026-02", "failed")) == ["H001", "H002"]
    assert codes(drill(district, "pass_rate", "2026-02", "checked")) == ["H001", "H002", "H004"]
    hist = drill(district, "approval_hist", "30", "regular")
    assert codes(hist) == ["H004"] and hist.total == 1
    assert hist.rows[0].detail == f"申请#{data['a1']} 用时30个工作日"
    assert codes(drill(district, "approval_month", "2026-03", "commitment")) == ["H007"]
    assert codes(drill(district, "visits", str(district.regions["八泉社区"]), "missing", H1)) == ["H002"]
    assert codes(drill(district, "visits", str(district.regions["闸口社区"]), "visited@2026-Q2")) == []
    assert codes(drill(district, "visits", str(district.regions["闸口社区"]), "missing@2026-Q2")) == ["H005"]
    assert codes(drill(district, "referrals", "hrss", "done")) == ["H001", "H005"]
    assert codes(drill(district, "post_checks", "2026-06", "failed")) == ["H007"]
    assert drill(district, "funnel", "approved", f=st.StatsFilter(region_id=district.regions["河口镇"])).total == 1


def test_drill_down_shows_masked_ids_only(district: District, data: dict[str, int]) -> None:
    for role in (Role.SUPERVISOR, Role.ADMIN):
        rows = drill(district, "library_now", "class_1", role=role).rows
        for row in rows:
            n = int(row.household_code[1:])
            assert row.id_masked == idcard.mask(head_id(n))
            assert row.id_masked != head_id(n) and "*" in row.id_masked
            assert head_id(n) not in repr(row)


def test_the_drill_down_export_writes_every_record_not_only_those_listed(
        district: District, data: dict[str, int], monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # noqa: ANN001
    """The window lists at most DRILL_LIMIT records and says so; the export has them all, in the
    list's order, masked, and its title gives the total without "only the first"."""
    import openpyxl

    monkeypatch.setattr(st, "DRILL_LIMIT", 1)
    monkeypatch.setattr(st, "_ID_CHUNK", 1)  # records picked in Python are selected a few at a time
    for chart, key, series in (("discovered", "", ""), ("level", "department", ""),
                               ("approval_month", "2026-02", "regular"), ("library_month", "2026-02", "class_1")):
        shown = drill(district, chart, key, series)
        every = \
            st.records_behind(district.db, supervisor(district), ALL, chart, key, series, limit=10_000, today=TODAY)
        assert len(every.rows) > 1 and shown.truncated and len(shown.rows) == 1, chart
        path = tmp_path / f"{chart}.xlsx"
        assert st.export_drill(district.db, supervisor(district), str(path), shown) == every.total
        sheet = openpyxl.load_workbook(path).worksheets[0]
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        assert values[0][0] == f"{shown.title}(共 {every.total:,} 条)" and "仅列出" not in values[0][0]
        assert values[1] == list(st.RECORD_HEADERS)
        assert [tuple(r[i] or "" for i in (0, 1, 2, 5)) for r in values[2:]] == \
            [(r.household_code, r.head_name, r.id_masked, r.detail) for r in every.rows], chart
        assert shown.rows == every.rows[:1]
        assert not any(head_id(n) in str(v) for row in values for v in row for n in range(1, 10))
        with district.db.session_factory() as s:  # the export of people's records is logged
            entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "statistics.export_drill")
                              .order_by(AuditEntry.id.desc())).first()
            assert entry.after == {"title": shown.title, "rows": every.total, "file": str(path)}, chart


def test_scope_of_the_actor(district: District, data: dict[str, int]) -> None:
    worker = district.actor(Role.COMMUNITY_WORKER)  # 飞云社区
    stats = st.compute(district.db, worker, ALL, today=TODAY)
    assert stats.discoveries.households == 1  # h4
    assert bars(stats.library.now) == {"class_2": 1, "assisted": 1}
    assert stats.scope_name == "飞云社区"
    with pytest.raises(PermissionDenied):
        st.compute(district.db, worker, st.StatsFilter(region_id=district.regions["八泉社区"]), today=TODAY)
    with pytest.raises(PermissionDenied):
        st.records_behind(district.db, worker, st.StatsFilter(region_id=district.regions["八泉社区"]),
                          "library_now", "class_1")
    assert [r.name for r in st.regions(district.db, worker)] == ["飞云社区"]
    names = [r.name for r in st.regions(district.db, supervisor(district))]
    assert names[0] == "西塞山区" and names[1:3] == ["八泉街道", "河口镇"]


def test_bad_filters_are_refused_in_chinese(district: District) -> None:
    with pytest.raises(ValidationFailed, match="开始日期晚于结束日期"):
        st.compute(district.db, supervisor(district), st.StatsFilter(date(2026, 2, 1), date(2026, 1, 1)))
    with pytest.raises(ValidationFailed):
        st.records_behind(district.db, supervisor(district), ALL, "nonsense", "x")
    with pytest.raises(ValidationFailed):
        st.records_behind(district.db, supervisor(district), ALL, "pass_rate", "2026/02")


def test_empty_database_gives_zeros(district: District) -> None:
    stats = compute(district)
    assert stats.discoveries.households == 0
    assert stats.library.months == ()
    assert stats.pass_rates.before_rate is None and stats.pass_rates.track_start is None
    assert stats.approval.summary["regular"].count == 0
    assert stats.post_checks.rate is None
    assert dict(stats.headline())["授权合格率"] == "—(0/0)"



def test_library_move_predicate_names_the_library_stages() -> None:
    """The partial indexes' predicate (written out in SQL) is the library stages of rules.codes."""
    from desktop.models.monitoring import LIBRARY_MOVE

    listed = "(" + ", ".join(f"'{s}'" for s in st.LIBRARY_STAGES) + ")"
    assert LIBRARY_MOVE == f"to_stage IN {listed} OR from_stage IN {listed}"


@pytest.mark.parametrize("limit", [1.0, 0.0], ids=["corrected", "direct"])
def test_visit_completion_agrees_with_its_lists_in_every_quarter(district: District, data: dict[str, int],
                                                                  limit: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chart counts today's library corrected by the households changed since; its lists apply the
    definition to every household: both agree, per community, for the current and past quarters, on
    either road the chart takes."""
    monkeypatch.setattr(st, "CORRECTION_LIMIT", limit)
    r = district.regions
    with district.db.session_factory() as s:  # one more kind: placed without a move, then moved
        h = Household(code="H011", region_id=r["八泉社区"], head_name="户主11", head_id_number=head_id(11),
                      head_id_reversed=head_id(11)[::-1], member_count=1, stage="assisted",
                      stage_since=date(2026, 8, 1))
        s.add(h)
        s.flush()
        s.add(LibraryMove(household_id=h.id, from_stage="class_2", to_stage="assisted", moved_on=date(2026, 8, 1)))
        s.add(Visit(household_id=h.id, visited_on=date(2026, 5, 3)))
        h.last_visited_on = date(2026, 5, 3)
        s.commit()
    for year, quarter in [(2025, 4), (2026, 1), (2026, 2), (2026, 3), (2026, 4)]:
        v = st.visit_completion(district.db, supervisor(district), ALL, year, quarter, today=TODAY)
        got = {c.region_id: (c.monitored, c.visited) for c in v.rows}
        for name in ("八泉社区", "飞云社区", "闸口社区", "道仕袱村"):
            key = str(r[name])
            listed = (drill(district, "visits", key, f"monitored@{year}-Q{quarter}").total,
                      drill(district, "visits", key, f"visited@{year}-Q{quarter}").total)
            assert got.get(r[name], (0, 0)) == listed, (year, quarter, name)
    q2 = st.visit_completion(district.db, supervisor(district), ALL, 2026, 2, today=TODAY)
    assert {c.name: c.visited for c in q2.rows}["八泉社区"] == 2  # h1 (May) and H011 (class II then)


def test_library_months_cover_the_whole_period_asked(district: District, data: dict[str, int]) -> None:
    """The library chart of a period starts at its first month even when the period's first moves
    come later, and a period without any move shows the sizes it had (not an empty chart); the
    headline of a past period gives those sizes at its end."""
    def sizes(f: st.StatsFilter) -> dict[str, tuple[int, int, int]]:
        return {st.month_key(m.month): (m.class_1, m.class_2, m.assisted) for m in compute(district, f).library.months}

    whole = sizes(ALL)
    # the period's first moves are in March: February still had a library (3, 1, 0)
    assert sizes(st.StatsFilter(date(2026, 2, 1), date(2026, 5, 31))) == {
        k: whole[k] for k in ("2026-02", "2026-03", "2026-04", "2026-05")}
    assert whole["2026-02"] == (3, 1, 0)
    quiet = st.StatsFilter(date(2026, 7, 1), date(2026, 9, 30))  # no move at all in the period
    assert sizes(quiet) == {k: (2, 2, 2) for k in ("2026-07", "2026-08", "2026-09")}
    headline = dict(compute(district, quiet).headline())
    assert (headline["一类库(2026-09月末)"], headline["二类库(2026-09月末)"], headline["救助中(2026-09月末)"]) == (
        "2 户", "2 户", "2 户")
    in_feiyun = st.StatsFilter(date(2026, 2, 1), date(2026, 4, 30), district.regions["飞云社区"])  # moves: Mar, Apr
    fy = sizes(st.StatsFilter(region_id=district.regions["飞云社区"]))
    assert fy["2026-02"] == (2, 0, 0)
    assert sizes(in_feiyun) == {k: fy[k] for k in ("2026-02", "2026-03", "2026-04")}


def test_visit_completion_of_a_period_ending_after_today_is_the_current_quarter(district: District,
                                                                                 data: dict[str, int]) -> None:
    """A period that runs past today shows the quarter under way, not a quarter that has not begun
    (whose completion would read 0%): the chart and its lists agree on it."""
    ahead = st.StatsFilter(date(2026, 1, 1), date(2027, 6, 30))
    v = compute(district, ahead).visits
    assert (v.year, v.quarter) == (2026, 4)  # TODAY is 2026-12-31
    assert v == st.visit_completion(district.db, supervisor(district), ALL, 2026, 4, today=TODAY)
    key = str(district.regions["闸口社区"])
    assert drill(district, "visits", key, "monitored", ahead).title.startswith("2026年第4季度")


def test_referral_statuses_read_as_on_the_referral_pages(district: District, data: dict[str, int]) -> None:
    """The chart's legend and lists name a referral's status as the referral pages do."""
    from desktop.rules.monitoring import REFERRAL_STATUSES

    assert st.REFERRAL_STATUS_LABELS == REFERRAL_STATUSES
    listed = drill(district, "referrals", "education", "declined")
    assert listed.title.endswith("未受理") and listed.rows[0].detail == "转介教育 未受理"
