"""Issue 8's acceptance, end to end on an empty database (SQLite and PostgreSQL): a small district built by
hand through the command line and the services, each event on its own business date, and every figure the
statistics give — the service, the commands (``quarterly-report``, ``board``) and the page with its exports
— compared with figures worked out by hand from RULES.md and the issue text, before the program ran.

Regions (``relief-desk region add``): 八泉街道 {八泉社区, 飞云社区}, 河口镇 {闸口社区, 道仕袱村}, 澄月街道 {澄月社区,
磁湖社区 — nothing ever happens there}. Users (``relief-desk user add``): adm (admin), sup (supervisor). Policy
``relief-desk policy seed``. Clues by ``relief-desk clue add`` / ``clue close`` (closing builds the household
from the ID number); the rest through the services. No commitment-track start date is set anywhere: nothing a
user can do sets one (only the demo generator writes it).

hh  community          clues (reported; closed → stage)                      applications (✓/✗ data check)
H   道仕袱村            c0 informant/civil_affairs_director/home_visit         -
                       2025-12-10, 12-15 not_passed → class_1; assessed
                       2026-01-12 → class_2
I   八泉社区            - (registered directly: never discovered)               I1 regular dibao 2025-12-29 ✓ → 02-10 approved
A   八泉社区            c1 informant/volunteer/home_visit 01-05, 01-06 passed  A1 regular dibao 01-06 ✓ → 02-27 approved
                       c9 vertical/city_bureau/phone 04-15 (a second clue)        (over the Spring Festival); stopped 08-31
                                                                                  → class_2
B   飞云社区            c2 department/hrss 01-20, 01-22 not_passed → class_1   B1 regular dibao 02-02 ✗ → 02-05 refused;
                       assessed 01-26 (class_1 kept)                          B2 commitment dibao 03-30 ✓ → 04-10 approved
                                                                                  (refused, then re-applied)
D   道仕袱村            c4 informant/building_head/walk_in 02-25, 02-26 passed D1 commitment temporary (支出型) 03-02 ✓
                                                                                  → 03-13 approved (one payment: class_1)
C   闸口社区            c3 vertical/grid/phone 03-02, 03-03 passed             C1 commitment dibao 03-18 ✓ → 03-31 approved
                                                                                  (last day of Q1); spot check failed
                                                                                  05-15 → revoked, class_1
E   八泉社区, then      c5 department/health 04-01, 04-02 class_2; assessed    E1 regular marginal 06-01 ✓ → 06-30 approved
    澄月社区            05-15 (class_2 kept); transferred in July                 (last day of Q2)
G   闸口社区            c7 informant/group_leader/screening 04-20, 04-21 passed G1 regular temporary (急难型) 04-30, help
                                                                                  first 05-06; check ✗ 05-11; after-help
                                                                                  check failed 06-05 → revoked
F   飞云社区            c6 vertical/community/wechat 05-06, 05-07 passed       F1 regular dibao 05-08 ✓, withdrawn 05-12
                                                                                  → class_2; F2 regular dibao 09-28 open
-   闸口社区            c10 department/education 05-20, no household, open
-   飞云社区            c11 informant/volunteer/phone 06-10, closed 06-12 not_hardship (no household)

Visits: I 01-15, A 03-05, H 03-31, D 04-01, B 04-20, E 05-10, A 05-20, G 05-20, C 06-15, G 06-30, H 07-01, E 08-15,
I 09-30.
Referrals: R1 A medical_insurance sent 03-10, received 03-12, done 04-02; R2 G hrss at the front desk with G1 04-30,
received 05-06; R3 C education sent 06-20, declined 06-25; R4 E housing sent 06-30.
Post-checks done: D1 centralised ✓ 04-10; C1 centralised ✓ 04-28; spot-check sample drawn 05-04 (all three running
commitment approvals: D1, C1, B2); B2 centralised ✓ 05-08; C1 spot ✗ 05-15; B2 spot ✓ 05-20; D1 spot ✓ 05-25; G1
after-help ✗ 06-05. Payments: July 2026 recorded (A1, B2, I1, E1).

Stages over time (moves): H -→1 2025-12-15, 1→2 01-12; I -→applying 2025-12-29, →assisted 02-10; A -→applying
01-06, →assisted 02-27, →2 08-31; B -→1 01-22, →applying 02-02, →1 02-05, →applying 03-30, →assisted 04-10;
D -→applying 02-26, →1 03-13; C -→applying 03-03, →assisted 03-31, →1 05-15; E -→2 04-02, →applying 06-01,
→assisted 06-30; G -→applying 04-21, →1 05-06; F -→applying 05-07, →2 05-12, →applying 09-28.

Decisions made by hand:
* the commitment track started on the day the district's first commitment-track application was accepted (D1,
  2026-03-02) when no date is kept in the settings; the pass rate splits there by day of acceptance (both tracks);
* "90% within N working days" is the smallest N within which at least 90% of the decisions came (nearest rank):
  a claim about applications, never a day count between two of them;
* approval time counts working days after acceptance up to the decision (RULES.md §2), refusals included; the
  calendar days are only noted below (RULES.md puts no approval figure in calendar days: only publicity is);
* "last 12 months" on the page is this month and the eleven before it.

TODAY (for the service) = 2026-11-30; nothing in the district is dated after 2026-09-30.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop import cli
from desktop.rules import idcard
from desktop.rules import means_test as mt
from desktop.services import applications as apps
from desktop.services import assessment, auth, households, monitoring, referrals
from desktop.services import clues as clue_svc
from desktop.services import statistics as st
from desktop.services.base import Actor
from desktop.services.database import Database, open_database
from tests.conftest import new_pg_database

D = date.fromisoformat
TODAY = date(2026, 11, 30)
PASSWORD = "secret123"
COMMUNITIES = {"八泉街道": ("八泉社区", "飞云社区"), "河口镇": ("闸口社区", "道仕袱村"), "澄月街道": ("澄月社区", "磁湖社区")}
ALL = st.StatsFilter()
Q1 = st.StatsFilter(D("2026-01-01"), D("2026-03-31"))
Q2 = st.StatsFilter(D("2026-04-01"), D("2026-06-30"))
Q3 = st.StatsFilter(D("2026-07-01"), D("2026-09-30"))


@dataclass
class Loop:
    db: Database
    url: str
    regions: dict[str, int] = field(default_factory=dict)
    households: dict[str, int] = field(default_factory=dict)
    applications: dict[str, int] = field(default_factory=dict)
    clues: dict[str, int] = field(default_factory=dict)
    referrals: dict[str, int] = field(default_factory=dict)
    admin: Actor | None = None
    supervisor: Actor | None = None


def url_of(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def run(loop: Loop, *argv: str) -> str:
    """``relief-desk ARGV --database-url …`` in this process; its standard output (it must succeed)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([*argv, "--database-url", loop.url])
        except SystemExit as exc:
            code = exc.code
    assert "Traceback" not in out.getvalue() + err.getvalue() and "内部错误" not in err.getvalue(), err.getvalue()
    assert int(code or 0) == 0 and err.getvalue() == "", (argv, out.getvalue(), err.getvalue())
    return out.getvalue()


def person(n: int) -> str:
    return idcard.make("420203", date(1966, 3, n), 30 + n)


def build_loop(db: Database, folder: Path) -> Loop:
    loop = Loop(db, url_of(db))
    for sub, communities in COMMUNITIES.items():
        run(loop, "region", "add", sub, "--parent", "西塞山区")
        for community in communities:
            run(loop, "region", "add", community, "--parent", sub)
    rows = json.loads(run(loop, "region", "list", "--json"))
    loop.regions = {r["name"]: r["id"] for r in rows}
    run(loop, "user", "add", "adm", "--role", "admin", "--password", PASSWORD, "--name", "管理员")
    run(loop, "user", "add", "sup", "--role", "supervisor", "--password", PASSWORD, "--name", "督导")
    run(loop, "policy", "seed")
    loop.admin = admin = auth.login(db, "adm", PASSWORD)
    loop.supervisor = auth.login(db, "sup", PASSWORD)
    h, a = loop.households, loop.applications

    def clue(key: str, who: int | None, name: str, source: str, on: str, community: str, channel: str | None = None,
             ) -> int:
        args = ["clue", "add", "--name", name, "--source", source, "--date", on, "--description", "生活困难",
                "--region", community, "--json"]
        if who is not None:
            args += ["--id-number", person(who)]
        if channel:
            args += ["--channel", channel]
        loop.clues[key] = json.loads(run(loop, *args))["id"]
        return loop.clues[key]

    def close(key: str, outcome: str, on: str, household: str | None = None) -> None:
        out = json.loads(run(loop, "clue", "close", str(loop.clues[key]), "--outcome", outcome, "--date", on,
                             "--json"))
        if household is not None:
            h[household] = out["household_id"]

    def assess(hh: str, on: str, placement: str) -> None:
        inputs = assessment.load_household(db, admin, h[hh])
        assessment.save_assessment(db, admin, assessment.SaveRequest(
            household_id=h[hh], assessed_on=D(on), facts=inputs.facts(), verification_methods=["data_check"],
            investigators=["王调查", "李调查"], placement=placement, override_reason="按调查结论确定去向",
            household_version=inputs.version))

    def accept(key: str, hh: str, on: str, category: str = "dibao", track: str = "regular",
               temporary_kind: str | None = None, referral: str | None = None) -> None:
        commitment = apps.CommitmentInput(f"户主{hh}", D(on)) if track == "commitment" else None
        if referral:
            done = apps.front_desk(db, admin, household_id=h[hh], category=category, track=track, accepted_on=D(on),
                                   temporary_kind=temporary_kind, commitment=commitment,
                                   referrals=[apps.ReferralInput(referral, "就业帮扶")])
            a[key], loop.referrals[key] = done.application_id, done.referral_ids[0]
        else:
            a[key] = apps.accept(db, admin, household_id=h[hh], category=category, track=track, accepted_on=D(on),
                                 temporary_kind=temporary_kind, commitment=commitment)

    def steps(key: str, check: tuple[str, bool], investigation: str | None = None,
              publicity: tuple[str, str] | None = None) -> None:
        apps.complete_step(db, admin, a[key], "check", on=D(check[0]), result="passed" if check[1] else "failed")
        if investigation:
            apps.complete_step(db, admin, a[key], "investigation", on=D(investigation), investigators=["张三", "李四"])
        if publicity:
            apps.complete_step(db, admin, a[key], "publicity", on=D(publicity[1]), publicity_start=D(publicity[0]))

    def decide(key: str, on: str, approve: bool = True, amount: str = "600") -> None:
        apps.decide(db, admin, a[key], approve=approve, on=D(on), amount=Decimal(amount) if approve else None,
                    reason="" if approve else "家庭人均收入高于低保标准", today=D(on))

    def visit(hh: str, on: str) -> None:
        monitoring.record_visit(db, admin, h[hh], visited_on=D(on), visitors="张三、李四", findings="无变化")

    # -- discovery, 2025-12 to 2026-06 ------------------------------------------------------------------
    clue("c0", 10, "户主H", "civil_affairs_director", "2025-12-10", "道仕袱村", "home_visit")
    close("c0", "not_passed", "2025-12-15", "H")
    hid = households.create_household(db, admin, region_id=loop.regions["八泉社区"], address="八泉路1号",
                                      head={"name": "户主I", "id_number": person(9)})
    h["I"] = hid
    accept("I1", "I", "2025-12-29")
    steps("I1", ("2025-12-30", True), "2025-12-31", ("2026-01-01", "2026-01-08"))
    clue("c1", 1, "户主A", "volunteer", "2026-01-05", "八泉社区", "home_visit")
    close("c1", "passed", "2026-01-06", "A")
    accept("A1", "A", "2026-01-06")
    steps("A1", ("2026-01-08", True), "2026-01-09", ("2026-01-12", "2026-01-19"))
    assess("H", "2026-01-12", mt.CLASS_2)
    visit("I", "2026-01-15")
    clue("c2", 2, "户主B", "hrss", "2026-01-20", "飞云社区")
    close("c2", "not_passed", "2026-01-22", "B")
    assess("B", "2026-01-26", mt.CLASS_1)
    accept("B1", "B", "2026-02-02")
    steps("B1", ("2026-02-04", False))
    decide("B1", "2026-02-05", approve=False)
    decide("I1", "2026-02-10")
    clue("c4", 4, "户主D", "building_head", "2026-02-25", "道仕袱村", "walk_in")
    close("c4", "passed", "2026-02-26", "D")
    decide("A1", "2026-02-27")
    accept("D1", "D", "2026-03-02", "temporary", "commitment", temporary_kind="expenditure")
    clue("c3", 3, "户主C", "grid", "2026-03-02", "闸口社区", "phone")
    close("c3", "passed", "2026-03-03", "C")
    steps("D1", ("2026-03-03", True), "2026-03-04", ("2026-03-05", "2026-03-12"))
    visit("A", "2026-03-05")
    referral = referrals.create_referral(db, admin, h["A"], department="medical_insurance", need="大病医疗救助",
                                         due_on=None, today=D("2026-03-10"))
    referrals.update_status(db, admin, referral.id, "received", today=D("2026-03-12"))
    decide("D1", "2026-03-13", amount="2000")
    accept("C1", "C", "2026-03-18", track="commitment")
    steps("C1", ("2026-03-18", True), "2026-03-18", ("2026-03-19", "2026-03-26"))
    accept("B2", "B", "2026-03-30", track="commitment")
    steps("B2", ("2026-03-31", True), "2026-03-31", ("2026-03-31", "2026-04-07"))
    decide("C1", "2026-03-31")
    visit("H", "2026-03-31")
    visit("D", "2026-04-01")
    clue("c5", 5, "户主E", "health", "2026-04-01", "八泉社区")
    close("c5", "class_2", "2026-04-02", "E")
    referrals.update_status(db, admin, referral.id, "done", feedback="已纳入医疗救助", today=D("2026-04-02"))
    decide("B2", "2026-04-10")
    checks = {(c.application_id, c.kind): c.id for c in apps.post_check_queue(db, admin, include_done=True)}
    apps.record_post_check(db, admin, checks[(a["D1"], "centralised")], on=D("2026-04-10"), passed=True)
    clue("c9", None, "户主A", "city_bureau", "2026-04-15", "八泉社区", "phone")
    _link(loop, "c9", "A")
    clue("c7", 7, "户主G", "group_leader", "2026-04-20", "闸口社区", "screening")
    close("c7", "passed", "2026-04-21", "G")
    visit("B", "2026-04-20")
    apps.record_post_check(db, admin, checks[(a["C1"], "centralised")], on=D("2026-04-28"), passed=True)
    accept("G1", "G", "2026-04-30", "temporary", temporary_kind="emergency", referral="hrss")
    sample = apps.draw_spot_check(db, admin, on=D("2026-05-04"), count=3, seed=7, due_on=D("2026-06-04"))
    assert sorted(r.application_id for r in sample.rows) == sorted([a["D1"], a["C1"], a["B2"]])
    decide("G1", "2026-05-06", amount="1500")
    referrals.update_status(db, admin, loop.referrals["G1"], "received", today=D("2026-05-06"))
    clue("c6", 6, "户主F", "community", "2026-05-06", "飞云社区", "wechat")
    close("c6", "passed", "2026-05-07", "F")
    accept("F1", "F", "2026-05-08")
    checks = {(c.application_id, c.kind): c.id for c in apps.post_check_queue(db, admin, include_done=True)}
    apps.record_post_check(db, admin, checks[(a["B2"], "centralised")], on=D("2026-05-08"), passed=True)
    visit("E", "2026-05-10")
    apps.complete_step(db, admin, a["G1"], "check", on=D("2026-05-11"), result="failed")
    steps("F1", ("2026-05-11", True))
    apps.withdraw(db, admin, a["F1"], on=D("2026-05-12"), reason="申请人书面撤回", to_stage="class_2")
    apps.record_post_check(db, admin, checks[(a["C1"], "spot")], on=D("2026-05-15"), passed=False,
                           note="隐瞒房产收入")
    assess("E", "2026-05-15", mt.CLASS_2)
    apps.record_post_check(db, admin, checks[(a["B2"], "spot")], on=D("2026-05-20"), passed=True)
    clue("c10", None, "线索甲", "education", "2026-05-20", "闸口社区")
    visit("A", "2026-05-20")
    visit("G", "2026-05-20")  # G is visited twice in Q2: two visits, one household visited
    apps.record_post_check(db, admin, checks[(a["D1"], "spot")], on=D("2026-05-25"), passed=True)
    accept("E1", "E", "2026-06-01", "marginal")
    steps("E1", ("2026-06-02", True), "2026-06-03", ("2026-06-04", "2026-06-11"))
    checks = {(c.application_id, c.kind): c.id for c in apps.post_check_queue(db, admin, include_done=True)}
    apps.record_post_check(db, admin, checks[(a["G1"], "after_help")], on=D("2026-06-05"), passed=False,
                           note="核对发现有存款未申报")
    clue("c11", None, "线索乙", "volunteer", "2026-06-10", "飞云社区", "phone")
    close("c11", "not_hardship", "2026-06-12")
    visit("C", "2026-06-15")
    ref = referrals.create_referral(db, admin, h["C"], department="education", need="助学", due_on=None,
                                    today=D("2026-06-20"))
    referrals.update_status(db, admin, ref.id, "declined", feedback="不符合助学条件", today=D("2026-06-25"))
    decide("E1", "2026-06-30", amount="300")
    referrals.create_referral(db, admin, h["E"], department="housing", need="住房困难", due_on=None,
                              today=D("2026-06-30"))
    visit("G", "2026-06-30")
    visit("H", "2026-07-01")
    detail = households.get_household(db, admin, h["E"])
    households.save_household(db, admin, h["E"], detail.version, {"region_id": loop.regions["澄月社区"]})
    # July's payments (the four monthly approvals running then: A1, B2, I1 at 600, E1 at 300), recorded and
    # exported as the office does each month
    paid = json.loads(run(loop, "assistance-month", "2026-07", "--json"))
    assert (paid["written"], paid["recorded"], paid["recorded_amount"]) == (4, 4, "2100.00")
    roster = json.loads(run(loop, "payment-roster", "2026-07", "--out", str(folder / "花名册.xlsx"), "--json"))
    assert (roster["households"], roster["amount"]) == (4, "2100.00")
    visit("E", "2026-08-15")
    apps.stop_assistance(db, admin, a["A1"], on=D("2026-08-31"), reason="就业后收入超过标准", to_stage="class_2")
    accept("F2", "F", "2026-09-28")
    visit("I", "2026-09-30")
    return loop


def _link(loop: Loop, clue_key: str, household: str) -> None:
    """The clue about a person already in the registry, linked to their household (as the clue form
    does when the person is picked from the registry)."""
    db, admin = loop.db, loop.admin
    assert admin is not None
    info = clue_svc.get_clue(db, admin, loop.clues[clue_key])
    clue_svc.update_clue(db, admin, info.id, clue_svc.ClueInput(
        source_level=info.source_level, source=info.source, reported_on=info.reported_on,
        description=info.description, person_name=info.person_name, channel=info.channel,
        household_id=loop.households[household], region_id=info.region_id), expected_version=info.version)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def loop(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loop]:
    """The district above, built once per database on an empty database of its own (read-only afterwards)."""
    folder = tmp_path_factory.mktemp("loop")
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            path = folder / "loop.sqlite3"
            shutil.copy(request.getfixturevalue("sqlite_template"), path)
            url = f"sqlite:///{path}"
        else:
            url = stack.enter_context(new_pg_database("relief_test_loop"))
        db = open_database(url)
        stack.callback(db.dispose)
        yield build_loop(db, folder)


# -- working days by hand (RULES.md §2), independently of the program's calendar ------------------------------

OFF_2026 = {date(2026, m, d0) + timedelta(days=i) for m, d0, n in (
    (1, 1, 3), (2, 15, 9), (4, 4, 3), (5, 1, 5), (6, 19, 3), (9, 25, 3), (10, 1, 7)) for i in range(n)}
MAKE_UP_2026 = {D("2026-01-04"), D("2026-02-14"), D("2026-02-28"), D("2026-05-09"), D("2026-09-20"), D("2026-10-10")}


def working_days(accepted: str, decided: str) -> int:
    """Days after acceptance up to and including the decision that are working days (the last days of
    December 2025 are ordinary weekdays; 2026 as RULES.md lists it)."""
    n, day, end = 0, D(accepted), D(decided)
    while day < end:
        day += timedelta(days=1)
        assert day.year == 2026 or (day.year == 2025 and day.month == 12)
        n += day in MAKE_UP_2026 or (day.weekday() < 5 and day not in OFF_2026)
    return n


# application: (track, accepted, decided, working days by hand, calendar days) — decided ones only
DECIDED = {
    "I1": ("regular", "2025-12-29", "2026-02-10", 30, 43),  # 12/30, 12/31, make-up Sun 1/4, 1/5 … 2/10
    "A1": ("regular", "2026-01-06", "2026-02-27", 33, 52),  # 28 to 2/13, make-up Sat 2/14, 2/15–23 off, 2/24–27
    "B1": ("regular", "2026-02-02", "2026-02-05", 3, 3),  # refused at once on the failed check
    "D1": ("commitment", "2026-03-02", "2026-03-13", 9, 11),
    "C1": ("commitment", "2026-03-18", "2026-03-31", 9, 13),  # approved on the last day of Q1, revoked later
    "B2": ("commitment", "2026-03-30", "2026-04-10", 8, 11),  # 4/4–6 off
    "G1": ("regular", "2026-04-30", "2026-05-06", 1, 6),  # help first; 5/1–5 off
    "E1": ("regular", "2026-06-01", "2026-06-30", 20, 29),  # 6/19 off; approved on the last day of Q2
}


def test_the_hand_counted_working_days_follow_rules_md() -> None:
    for key, (_track, accepted, decided, days, calendar_days) in DECIDED.items():
        assert working_days(accepted, decided) == days, key
        assert (D(decided) - D(accepted)).days == calendar_days, key


def compute(loop: Loop, f: st.StatsFilter = ALL) -> st.Statistics:
    assert loop.supervisor is not None
    return st.compute(loop.db, loop.supervisor, f, today=TODAY)


def in_region(loop: Loop, name: str, f: st.StatsFilter = ALL) -> st.StatsFilter:
    return st.with_region(f, loop.regions[name])


def bars(items: tuple[st.Bar, ...]) -> dict[str, int]:
    return {b.key: b.value for b in items if b.value}


# -- the headline figures ------------------------------------------------------------------------------------------

def test_headline_of_the_whole_district(loop: Loop) -> None:
    assert compute(loop).headline() == [
        ("主动发现家庭", "8 户"),  # H A B D C E G F (I has no clue)
        ("一类库", "3 户"), ("二类库", "2 户"), ("救助中", "3 户"),  # C D G; A H; B E I
        ("承诺制实施前授权合格率", "66.7%(2/3)"),  # I1 ✓ A1 ✓ B1 ✗
        ("承诺制实施后授权合格率", "83.3%(5/6)"),  # D1 C1 B2 F1 E1 ✓, G1 ✗
        ("常规程序审批用时中位数", "20 个工作日(5 件)"),  # 1 3 20 30 33
        ("告知承诺制审批用时中位数", "9 个工作日(3 件)"),  # 8 9 9
        ("2026年第4季度走访完成率", "0.0%(0/8)"),  # the library now but F (applying); nobody visited since 10-01
        ("转介办结", "1/4 件"),
        ("事后核查未通过率", "28.6%(2/7)"),
    ]


def test_headline_of_the_first_and_second_quarters(loop: Loop) -> None:
    """A quarter that is over: the library on its last day; the pass rate and approval time of the
    applications accepted in it."""
    assert compute(loop, Q1).headline() == [
        ("主动发现家庭", "4 户"),  # A B D C
        ("一类库(2026-03月末)", "1 户"), ("二类库(2026-03月末)", "1 户"), ("救助中(2026-03月末)", "3 户"),  # D; H; A C I
        ("承诺制实施前授权合格率", "50.0%(1/2)"),  # A1 ✓ B1 ✗
        ("承诺制实施后授权合格率", "100.0%(3/3)"),  # D1 C1 B2
        ("常规程序审批用时中位数", "18 个工作日(2 件)"),  # 3 and 33
        ("告知承诺制审批用时中位数", "9 个工作日(3 件)"),
        ("2026年第1季度走访完成率", "60.0%(3/5)"),
        ("转介办结", "0/1 件"),  # R1 received on 03-12, done only on 04-02
        ("事后核查未通过率", "—(0/0)"),
    ]
    assert compute(loop, Q2).headline() == [
        ("主动发现家庭", "3 户"),  # E G F (A's April clue is no new discovery)
        ("一类库(2026-06月末)", "3 户"), ("二类库(2026-06月末)", "2 户"), ("救助中(2026-06月末)", "4 户"),
        ("承诺制实施前授权合格率", "—(0/0)"),
        ("承诺制实施后授权合格率", "66.7%(2/3)"),  # G1 ✗ F1 ✓ E1 ✓
        ("常规程序审批用时中位数", "10.5 个工作日(2 件)"),  # 1 and 20
        ("2026年第2季度走访完成率", "66.7%(6/9)"),
        ("转介办结", "0/3 件"),  # R2 received, R3 declined, R4 sent
        ("事后核查未通过率", "28.6%(2/7)"),
    ]


# -- discovery and the funnel ------------------------------------------------------------------------------------

def test_discoveries_and_the_funnel(loop: Loop) -> None:
    d = compute(loop).discoveries
    assert (d.clues, d.households) == (11, 8)
    assert bars(d.by_level) == {"informant": 5, "vertical": 3, "department": 3}
    assert bars(d.by_channel) == {"home_visit": 2, "walk_in": 1, "phone": 3, "screening": 1, "wechat": 1, "": 3}
    assert bars(d.by_department) == {"hrss": 1, "health": 1, "education": 1}
    # discovered, assessed (H B E), in a library or applying (all), approved now (A B D E: C1 and G1 revoked)
    assert [b.value for b in d.funnel] == [8, 3, 8, 4]
    q1 = compute(loop, Q1).discoveries
    assert (q1.clues, q1.households, bars(q1.by_level)) == (4, 4, {"informant": 2, "vertical": 1, "department": 1})
    # at 03-31: B assessed; A B D C placed; A (02-27), D (03-13), C (03-31, revoked only in May) approved
    assert [b.value for b in q1.funnel] == [4, 1, 4, 3]
    q2 = compute(loop, Q2).discoveries
    assert (q2.clues, q2.households, bars(q2.by_level)) == (6, 3, {"informant": 2, "vertical": 2, "department": 2})
    # at 06-30: E assessed; E G F applied; E approved that very day, G1 revoked on 06-05
    assert [b.value for b in q2.funnel] == [3, 1, 3, 1]
    assert compute(loop, Q3).discoveries.households == 0
    # the steps about applications under a track or a category
    expected = {("commitment", None): [8, 3, 6, 2], ("regular", None): [8, 3, 8, 2],
                (None, "dibao"): [8, 3, 7, 2], (None, "temporary"): [8, 3, 5, 1]}
    for (track, category), funnel in expected.items():
        got = compute(loop, st.StatsFilter(track=track, category=category)).discoveries.funnel
        assert [b.value for b in got] == funnel, (track, category)
    q1_commitment = compute(loop, st.StatsFilter(Q1.date_from, Q1.date_to, track="commitment")).discoveries.funnel
    assert [b.value for b in q1_commitment] == [4, 1, 3, 2]  # D C B applied on it by 03-31; D1 C1 approved


# -- library sizes -----------------------------------------------------------------------------------------------

def test_library_sizes_now_and_at_each_month_end(loop: Loop) -> None:
    lib = compute(loop).library
    assert bars(lib.now) == {"class_1": 3, "class_2": 2, "assisted": 3}
    assert {st.month_key(m.month): (m.class_1, m.class_2, m.assisted) for m in lib.months} == {
        "2025-12": (1, 0, 0), "2026-01": (1, 1, 0), "2026-02": (1, 1, 2), "2026-03": (1, 1, 3),
        "2026-04": (1, 2, 4), "2026-05": (3, 3, 3), "2026-06": (3, 2, 4), "2026-07": (3, 2, 4),
        "2026-08": (3, 3, 3), "2026-09": (3, 2, 3), "2026-10": (3, 2, 3), "2026-11": (3, 2, 3)}
    for f, at_end in ((Q1, (1, 1, 3)), (Q2, (3, 2, 4)), (Q3, (3, 2, 3))):
        got = compute(loop, f).library.at_end
        assert got is not None and tuple(b.value for b in got) == at_end, f
    # the command line's board counts today's stages the same way
    board = json.loads(run(loop, "board", "--json"))["columns"]
    assert (board["class_1"], board["class_2"], board["assisted"], board["applying"]) == (3, 2, 3, 1)


# -- authorisation pass rate ---------------------------------------------------------------------------------------

def test_pass_rate_splits_on_the_day_the_first_commitment_application_was_accepted(loop: Loop) -> None:
    """No start date was kept anywhere (nothing a user does keeps one): the track started with D1 on
    2026-03-02. It showed the overall rate only, and the page said the date had not been set."""
    pr = compute(loop).pass_rates
    assert pr.track_start == D("2026-03-02")
    assert [(st.month_key(m.month), m.checked, m.passed) for m in pr.months] == [
        ("2025-12", 1, 1), ("2026-01", 1, 1), ("2026-02", 1, 0), ("2026-03", 3, 3), ("2026-04", 1, 0),
        ("2026-05", 1, 1), ("2026-06", 1, 1)]  # F1 checked ✓ and withdrawn counts; F2 has no check yet
    assert (pr.before_checked, pr.before_passed, pr.after_checked, pr.after_passed) == (3, 2, 6, 5)
    by_filter = {("commitment", None): (0, 0, 3, 3), ("regular", None): (3, 2, 3, 2),
                 (None, "dibao"): (3, 2, 3, 3), (None, "temporary"): (0, 0, 2, 1)}
    for (track, category), split in by_filter.items():
        got = compute(loop, st.StatsFilter(track=track, category=category)).pass_rates
        assert got.track_start == D("2026-03-02")  # the district's, whatever the filter
        assert (got.before_checked, got.before_passed, got.after_checked, got.after_passed) == split
    hekou = compute(loop, in_region(loop, "河口镇")).pass_rates  # D1 ✓ C1 ✓ G1 ✗
    assert (hekou.track_start, hekou.before_checked, hekou.after_checked, hekou.after_passed) == (
        D("2026-03-02"), 0, 3, 2)


# -- approval time ---------------------------------------------------------------------------------------------------

def test_approval_time_in_working_days(loop: Loop) -> None:
    ap = compute(loop).approval
    for track in ("regular", "commitment"):
        hand = [days for t, _a, _d, days, _c in DECIDED.values() if t == track]
        assert {d: n for d, n in enumerate(ap.histogram[track]) if n} == {d: hand.count(d) for d in hand}
    reg, com = ap.summary["regular"], ap.summary["commitment"]
    # regular 1 3 20 30 33: 90% of five is 4.5 applications, so all five: 33 (it said 31.8, which four kept)
    assert (reg.count, reg.median, reg.p90, reg.minimum, reg.maximum, reg.within_10, reg.within_30) == (
        5, 20, 33, 1, 33, 2, 4)
    assert (com.count, com.median, com.p90, com.minimum, com.maximum, com.within_10, com.within_30) == (
        3, 9, 9, 8, 9, 3, 3)
    assert [(st.month_key(m.month), m.track, m.median, m.count) for m in ap.monthly] == [
        ("2025-12", "regular", 30, 1), ("2026-01", "regular", 33, 1), ("2026-02", "regular", 3, 1),
        ("2026-03", "commitment", 9, 3), ("2026-04", "regular", 1, 1), ("2026-06", "regular", 20, 1)]
    assert ap.unknown_years == () and ap.warning() == ""
    q1 = compute(loop, Q1).approval.summary["regular"]  # 3 and 33: both must be within the figure
    assert (q1.count, q1.median, q1.p90) == (2, 18, 33)
    dibao = compute(loop, st.StatsFilter(category="dibao")).approval.summary  # I1 A1 B1; C1 B2
    assert (dibao["regular"].median, dibao["commitment"].median, dibao["commitment"].p90) == (30, 8.5, 9)


# -- visits and the quarterly report ---------------------------------------------------------------------------------

VISITS = {  # community: (households in the library at the quarter's end, visited in the quarter)
    (2026, 1): {"八泉社区": (2, 2), "闸口社区": (1, 0), "道仕袱村": (2, 1)},  # A I; C; D H (D visited 04-01)
    (2026, 2): {"八泉社区": (2, 1), "飞云社区": (2, 1), "澄月社区": (1, 1), "闸口社区": (2, 2), "道仕袱村": (2, 1)},
    (2026, 3): {"八泉社区": (2, 1), "飞云社区": (1, 0), "澄月社区": (1, 1), "闸口社区": (2, 0), "道仕袱村": (2, 1)},
}
# the quarterly report's summary: (due, done, missing, visit records, library moves, referrals opened, closed)
REPORT = {
    1: {"八泉社区": (2, 2, 0, 2, 3, 1, 0), "飞云社区": (0, 0, 0, 0, 4, 0, 0), "闸口社区": (1, 0, 1, 0, 2, 0, 0),
        "道仕袱村": (2, 1, 1, 1, 3, 0, 0), "澄月社区": (0, 0, 0, 0, 0, 0, 0), "磁湖社区": (0, 0, 0, 0, 0, 0, 0)},
    2: {"八泉社区": (2, 1, 1, 1, 0, 0, 1), "飞云社区": (2, 1, 1, 1, 3, 0, 0), "闸口社区": (2, 2, 0, 3, 3, 2, 1),
        "道仕袱村": (2, 1, 1, 1, 0, 0, 0), "澄月社区": (1, 1, 0, 1, 3, 1, 0), "磁湖社区": (0, 0, 0, 0, 0, 0, 0)},
    3: {"八泉社区": (2, 1, 1, 1, 1, 0, 0), "飞云社区": (1, 0, 1, 0, 1, 0, 0), "闸口社区": (2, 0, 2, 0, 0, 0, 0),
        "道仕袱村": (2, 1, 1, 1, 0, 0, 0), "澄月社区": (1, 1, 0, 1, 0, 0, 0), "磁湖社区": (0, 0, 0, 0, 0, 0, 0)},
}


def test_visit_completion_and_the_quarterly_report_say_the_same(loop: Loop, tmp_path: Path) -> None:
    """H visited on the last day of Q1 counts; D visited on the first day of Q2 does not count for Q1; E (moved
    to 澄月社区 in July) counts in the community it belongs to now, with its rows; 磁湖社区 has nothing."""
    assert loop.supervisor is not None
    for (year, quarter), hand in VISITS.items():
        v = st.visit_completion(loop.db, loop.supervisor, ALL, year, quarter, today=TODAY)
        assert {r.name: (r.monitored, r.visited) for r in v.rows} == hand, quarter
        shown = compute(loop, [Q1, Q2, Q3][quarter - 1]).visits  # the quarter a period ends in
        assert (shown.year, shown.quarter, shown.monitored, shown.visited) == (
            year, quarter, sum(n for n, _ in hand.values()), sum(n for _, n in hand.values()))
        out = tmp_path / f"季度上报{quarter}.xlsx"
        said = run(loop, "quarterly-report", "--year", str(year), "--quarter", str(quarter), "--out", str(out))
        rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(min_row=3, values_only=True))
        table = {r[1]: tuple(r[2:]) for r in rows if r[1]}
        assert table == REPORT[quarter], quarter
        total = tuple(sum(col) for col in zip(*REPORT[quarter].values(), strict=True))
        assert rows[-1][0] == "合计" and tuple(rows[-1][2:]) == total
        due, done, missing, _visits, moves, opened, closed = total
        assert (f"6 个社区(村),应访 {due} 户,已访 {done} 户,未访 {missing} 户,库别调整 {moves} 次,"
                f"新开转介 {opened} 件,办结 {closed} 件。") in said
        assert (due, done) == (shown.monitored, shown.visited)
    missing = openpyxl.load_workbook(tmp_path / "季度上报1.xlsx").worksheets[1]
    assert sorted((r[1], r[2], r[4]) for r in missing.iter_rows(min_row=3, values_only=True)) == [
        ("道仕袱村", "户主D", "一类库"), ("闸口社区", "户主C", "救助中")]
    zero = run(loop, "quarterly-report", "--year", "2026", "--quarter", "2", "--region", "磁湖社区",
               "--out", str(tmp_path / "磁湖.xlsx"))
    assert "1 个社区(村),应访 0 户,已访 0 户,未访 0 户,库别调整 0 次,新开转介 0 件,办结 0 件。" in zero


# -- referrals and post-checks ---------------------------------------------------------------------------------------

def test_referrals_and_post_checks(loop: Loop) -> None:
    def referrals_of(f: st.StatsFilter) -> dict[str, dict[str, int]]:
        return {r.department: {s: n for s, n in r.counts.items() if n} for r in compute(loop, f).referrals.rows
                if r.total}

    assert referrals_of(ALL) == {"medical_insurance": {"done": 1}, "hrss": {"received": 1},
                                 "education": {"declined": 1}, "housing": {"sent": 1}}
    assert referrals_of(Q1) == {"medical_insurance": {"received": 1}}  # as it stood on 03-31
    assert referrals_of(Q2) == {"hrss": {"received": 1}, "education": {"declined": 1}, "housing": {"sent": 1}}
    pc = compute(loop).post_checks
    assert (pc.done, pc.failed) == (7, 2)
    assert [(st.month_key(m.month), m.done, m.failed) for m in pc.months] == [
        ("2026-04", 2, 0), ("2026-05", 4, 1), ("2026-06", 1, 1)]
    assert pc.by_kind == {"centralised": (3, 0), "spot": (3, 1), "after_help": (1, 1)}
    for f, done_failed in ((st.StatsFilter(track="commitment"), (6, 1)), (st.StatsFilter(track="regular"), (1, 1)),
                           (st.StatsFilter(category="dibao"), (4, 1)), (st.StatsFilter(category="temporary"), (3, 1)),
                           (Q1, (0, 0)), (Q2, (7, 2))):
        got = compute(loop, f).post_checks
        assert (got.done, got.failed) == done_failed, f


# -- regions: a town, a household that moved in, a community with nothing ------------------------------------------

def test_regions(loop: Loop) -> None:
    hekou = compute(loop, in_region(loop, "河口镇"))
    assert (hekou.discoveries.households, hekou.discoveries.clues) == (4, 5)  # H D C G; and c10 with no household
    assert [b.value for b in hekou.discoveries.funnel] == [4, 1, 4, 1]  # only D1 still approved
    assert bars(hekou.library.now) == {"class_1": 3, "class_2": 1}
    assert {st.month_key(m.month): (m.class_1, m.class_2, m.assisted) for m in hekou.library.months
            if m.month <= D("2026-05-01")} == {"2025-12": (1, 0, 0), "2026-01": (0, 1, 0), "2026-02": (0, 1, 0),
                                               "2026-03": (1, 1, 1), "2026-04": (1, 1, 1), "2026-05": (3, 1, 0)}
    assert (hekou.approval.summary["regular"].count, hekou.approval.summary["commitment"].median) == (1, 9)
    assert (hekou.post_checks.done, hekou.post_checks.failed) == (5, 2)
    assert dict(hekou.headline())["事后核查未通过率"] == "40.0%(2/5)"
    # E moved from 八泉社区 to 澄月社区 after its approval: its clue, application, moves and referral went along
    chengyue = compute(loop, in_region(loop, "澄月街道"))
    assert (chengyue.discoveries.households, chengyue.discoveries.clues) == (1, 1)
    assert [b.value for b in chengyue.discoveries.funnel] == [1, 1, 1, 1]
    assert bars(chengyue.library.now) == {"assisted": 1}
    assert (chengyue.approval.summary["regular"].count, chengyue.approval.summary["regular"].median) == (1, 20)
    assert chengyue.referrals.total() == 1
    assert {r.name: (r.monitored, r.visited) for r in compute(loop, in_region(loop, "澄月街道", Q2)).visits.rows} == {
        "澄月社区": (1, 1)}
    bachuan = compute(loop, in_region(loop, "八泉社区"))
    assert (bachuan.discoveries.households, bachuan.discoveries.clues) == (1, 2)  # A, twice reported
    assert bars(bachuan.library.now) == {"class_2": 1, "assisted": 1}  # A; I
    # a community where nothing ever happened: zeros, an empty visits chart, no months, no rates
    cihu = compute(loop, in_region(loop, "磁湖社区"))
    assert [b.value for b in cihu.discoveries.funnel] == [0, 0, 0, 0] and cihu.discoveries.clues == 0
    assert cihu.library.months == () and not bars(cihu.library.now)
    assert (cihu.visits.rows, cihu.referrals.total(), cihu.post_checks.done, cihu.pass_rates.months) == ((), 0, 0, ())
    assert cihu.approval.summary["regular"].count == 0 and cihu.approval.monthly == ()
    headline = dict(cihu.headline())
    assert (headline["主动发现家庭"], headline["承诺制实施后授权合格率"], headline["2026年第4季度走访完成率"]) == (
        "0 户", "—(0/0)", "—(0/0)")


# -- every bar's list is as long as the bar ---------------------------------------------------------------------------

def test_every_list_is_as_long_as_its_figure(loop: Loop) -> None:
    assert loop.supervisor is not None
    for f in (ALL, Q1, Q2, st.StatsFilter(track="commitment"), st.StatsFilter(category="dibao"),
              in_region(loop, "河口镇"), in_region(loop, "澄月街道", Q2)):
        s = compute(loop, f)
        shown: list[tuple[str, str, str, int]] = [("discovered", "", "", s.discoveries.households)]
        for chart, items in (("level", s.discoveries.by_level), ("channel", s.discoveries.by_channel),
                             ("department", s.discoveries.by_department), ("funnel", s.discoveries.funnel),
                             ("library_now", s.library.now)):
            shown += [(chart, b.key, "", b.value) for b in items]
        for m in s.library.months:
            key = st.month_key(m.month)
            shown += [("library_month", key, "class_1", m.class_1), ("library_month", key, "class_2", m.class_2),
                      ("library_month", key, "assisted", m.assisted)]
        for pm in s.pass_rates.months:
            key = st.month_key(pm.month)
            shown += [("pass_rate", key, "passed", pm.passed), ("pass_rate", key, "failed", pm.checked - pm.passed)]
        for track, counts in s.approval.histogram.items():
            shown += [("approval_hist", str(d), track, n) for d, n in enumerate(counts) if n]
        shown += [("approval_month", st.month_key(m.month), m.track, m.count) for m in s.approval.monthly]
        for r in s.visits.rows:
            shown += [("visits", str(r.region_id), "visited", r.visited),
                      ("visits", str(r.region_id), "missing", r.monitored - r.visited)]
        for dept in s.referrals.rows:
            shown += [("referrals", dept.department, status, n) for status, n in dept.counts.items()]
        for cm in s.post_checks.months:
            key = st.month_key(cm.month)
            shown += [("post_checks", key, "done", cm.done), ("post_checks", key, "failed", cm.failed)]
        for chart, key, series, n in shown:
            drill = st.records_behind(loop.db, loop.supervisor, f, chart, key, series, today=TODAY)
            assert (drill.total, len(drill.rows)) == (n, n), (f, chart, key, series)
            assert all("*" in r.id_masked for r in drill.rows if r.id_masked)


# -- the page, headless, and its exports ------------------------------------------------------------------------------

def test_the_page_shows_and_exports_the_hand_figures(qtbot, loop: Loop, chinese: None,  # noqa: ANN001
                                                     tmp_path: Path) -> None:
    from PySide6.QtCore import QDate

    from desktop.views.context import AppContext
    from desktop.views.operations import wait_for_background
    from desktop.views.statistics import StatisticsPage

    assert loop.supervisor is not None
    page = StatisticsPage(AppContext(loop.db, loop.supervisor))
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitUntil(lambda: page.stats is not None, timeout=20000)
    try:
        # "last 12 months" is this month and the eleven before it (it began a year before the 1st: 13 months)
        page.period.setCurrentIndex(page.period.findData("12m"))
        twelve = page.current_filter(TODAY)
        assert (twelve.date_from, twelve.date_to) == (D("2025-12-01"), TODAY)
        assert len(st.months_between(twelve.date_from, twelve.date_to)) == 12
        shown = page.current_filter()  # the greyed dates say which days are counted
        assert (page.date_from.date().toPython(), page.date_to.date().toPython()) == (shown.date_from, shown.date_to)
        january = page.current_filter(D("2027-01-15"))
        assert (january.date_from, january.date_to) == (D("2026-02-01"), D("2027-01-15"))
        # the first quarter, chosen on the page (its figures do not depend on the day it is run: it is over)
        page.period.setCurrentIndex(page.period.findData("custom"))
        page.date_from.setDate(QDate(2026, 1, 1))
        page.date_to.setDate(QDate(2026, 3, 31))
        page._refresh_timer.stop()  # the filters' own delayed refresh: this one instead
        page.refresh()
        assert wait_for_background(20000)
        qtbot.waitUntil(lambda: page.stats is not None and page.stats.filter.date_to == Q1.date_to, timeout=20000)
        s = page.stats
        assert s is not None and (s.filter.date_from, s.filter.date_to) == (Q1.date_from, Q1.date_to)
        assert s.headline() == compute(loop, Q1).headline()
        cells = [page.headline_layout.itemAt(i).widget().text() for i in range(page.headline_layout.count())]
        assert any("承诺制实施后授权合格率" in c and "100.0%" in c for c in cells)

        def table(key: str) -> dict[str, tuple]:
            return {str(r[0]): tuple(r[1:]) for r in page.charts[key].table()[1]}

        assert {k: v for k, v in table("approval_hist").items() if any(v)} == {
            "3": (1, 0), "8": (0, 1), "9": (0, 2), "33": (1, 0)}
        assert table("approval_month") == {"2026-01": (33, None), "2026-02": (3, None), "2026-03": (None, 9)}
        assert table("pass_rate") == {"2026-01": (100.0, 1, 1), "2026-02": (0.0, 1, 0), "2026-03": (100.0, 3, 3)}
        assert table("library_month") == {"2026-01": (1, 1, 0), "2026-02": (1, 1, 2), "2026-03": (1, 1, 3)}
        assert table("funnel") == {"发现线索": (4,), "已评估": (1,), "入库或申请": (4,), "获批救助": (3,)}
        assert table("visits") == {"闸口社区": (0.0, 1, 0), "道仕袱村": (50.0, 2, 1), "八泉社区": (100.0, 2, 2)}
        notes = {k: c.note_label.text() for k, c in page.charts.items()}
        assert "实行告知承诺制(2026-03-02)前:50.0%(2 件中通过 1 件);实行后:100.0%(3 件中通过 3 件)" in notes["pass_rate"]
        assert "常规程序:已审批 2 件;中位数 18 个工作日;平均 18 个工作日;90% 在 33 个工作日以内;最短 3、最长 33 个工作日" in \
            notes["approval_hist"]
        everything = tmp_path / "统计.xlsx"
        page.export_xlsx(list(page.charts.values()), str(everything))
        assert wait_for_background(20000)
        book = openpyxl.load_workbook(everything)
        key_rows = {r[0]: r[1] for r in book.worksheets[0].iter_rows(min_row=3, values_only=True)}
        assert {k: key_rows[k] for k, _ in s.headline()} == dict(s.headline())
        sheet = {ws.title: ws for ws in book.worksheets}[page.charts["funnel"].title]
        assert [r[1] for r in sheet.iter_rows(min_row=3, max_row=6, values_only=True)] == [4, 1, 4, 3]
    finally:
        page._refresh_timer.stop()
        assert wait_for_background(20000)
