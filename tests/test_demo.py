"""The demo district: consistent records whose figures match the district's (scaled), on both databases."""

from __future__ import annotations

import json
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.cli import main
from desktop.models import Base
from desktop.rules import idcard, sampling
from desktop.rules import means_test as mt
from desktop.rules import policy as policy_rules
from desktop.rules.codes import CHANNEL_LABELS, DEPARTMENT_LABELS, INFORMANT_LABELS, VERTICAL_LABELS, Role
from desktop.rules.workdays import DEFAULT_CALENDAR
from desktop.services import auth, demo, policy, statistics
from desktop.services.base import Actor
from desktop.services.database import Database, open_database
from desktop.services.errors import ValidationFailed
from tests.conftest import _empty_pg

SMALL = 600


def rows(db: Database, sql: str, **params: object) -> list:
    with db.engine.connect() as conn:
        return list(conn.execute(text(sql), params))


def scalar(db: Database, sql: str, **params: object) -> object:
    with db.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar_one()


def as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return date.fromisoformat(str(value)[:10])


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def small(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One small demo per database, shared by the read-only checks below."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("demo") / "small.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        database = open_database(f"sqlite:///{path}")
    else:
        database = open_database(request.getfixturevalue("pg_database_url"))
        _empty_pg(database)
    demo.build_demo(database, households=SMALL, seed=3)
    yield database
    database.dispose()


def test_plan_scales_the_headline_figures() -> None:
    full = demo.expected_figures()
    assert (full.households, full.discovered, full.class_1, full.class_2) == (6000, 1644, 1115, 1518)
    assert full.regular_pass_rate == pytest.approx(0.30, abs=0.005)
    assert full.commitment_pass_rate == pytest.approx(0.90, abs=0.005)
    small = demo.expected_figures(SMALL)
    assert (small.discovered, small.class_1, small.class_2) == (164, 112, 152)
    assert sum(demo.plan(12345).counts) == 12345
    with pytest.raises(ValidationFailed):
        demo.plan(50)
    with pytest.raises(ValidationFailed, match="最多"):  # 100,000,000 would fill the disk before it ended
        demo.plan(demo.MAX_HOUSEHOLDS + 1)


def test_headline_figures_come_out_of_the_records(small: Database) -> None:
    want = demo.expected_figures(SMALL)
    got = demo.measured_figures(small)
    assert got["households"] == SMALL
    assert got["discovered"] == want.discovered
    assert got["class_1"] == want.class_1
    assert got["class_2"] == want.class_2
    assert 0.27 <= got["pass_rate_before"] <= 0.33
    assert 0.87 <= got["pass_rate_after"] <= 0.93
    setting = rows(small, "SELECT value FROM app_settings WHERE key = 'commitment_track_start'")[0][0]
    assert (setting if isinstance(setting, dict) else json.loads(setting)) == {"date": "2025-12-01"}


def test_working_days_of_decided_applications(small: Database) -> None:
    apps = rows(small, "SELECT track, accepted_on, decided_on, status, extended, due_on FROM applications")
    assert {a[0] for a in apps} == {"regular", "commitment"}
    decided = 0
    for track, accepted, decided_on, status, extended, due in apps:
        accepted = as_date(accepted)
        if track == "regular":
            assert accepted < demo.SWITCH
        else:
            assert accepted >= demo.SWITCH
        assert accepted <= demo.END
        if decided_on is None:
            assert status == "open"
            continue
        decided += 1
        days = DEFAULT_CALENDAR.working_days_between(accepted, as_date(decided_on))
        if track == "regular":
            assert 30 <= days <= 45, (accepted, decided_on)
            assert bool(extended) == (days > 30)
        else:
            assert 0 <= days <= 10, (accepted, decided_on)
        assert days <= DEFAULT_CALENDAR.working_days_between(accepted, as_date(due))
    assert decided > 100


def test_id_numbers_and_heads(small: Database) -> None:
    members = rows(small, "SELECT household_id, name, id_number, id_reversed, relation, sex, birth_date FROM members")
    numbers = [m[2] for m in members]
    assert len(numbers) == len(set(numbers))
    areas = Counter()
    for _hid, name, number, reversed_, _relation, sex, born in members:
        parsed = idcard.parse(number)
        assert parsed.valid and parsed.number == number, number
        assert reversed_ == number[::-1]
        assert idcard.sex(number) == sex
        assert idcard.birth_date(number) == as_date(born)
        assert 2 <= len(name) <= 3
        areas[number[:6]] += 1
    assert areas.most_common(1)[0][0] == "420203"
    assert set(areas) >= {"420203", "420202", "420204", "420205"}
    heads = {m[0]: m for m in members if m[4] == "self"}
    counts = Counter(m[0] for m in members)
    households = rows(small, "SELECT id, head_name, head_id_number, head_id_reversed, member_count, address, phone, "
                             "region_id FROM households")
    assert len(households) == SMALL
    for hid, head_name, head_id, head_rev, count, address, phone, _region in households:
        head = heads[hid]
        assert (head_name, head_id, head_rev) == (head[1], head[2], head[3])
        assert count == counts[hid]
        assert address.startswith("黄石市西塞山区")
        assert len(phone) == 11 and phone.isdigit()
    assert sum(1 for m in members if m[4] == "self") == SMALL


def test_regions_and_logins(small: Database) -> None:
    regions = {r[0]: r for r in rows(small, "SELECT name, level, path, parent_id, id, area_type FROM regions")}
    assert regions["西塞山区"][1] == "district"
    for sub, area, communities in demo.SUBDISTRICTS:
        assert regions[sub][1] == "subdistrict" and regions[sub][5] == area
        for name in communities:
            r = regions[name]
            assert r[1] == "community"
            assert r[2] == f"/{regions['西塞山区'][4]:08d}/{regions[sub][4]:08d}/{r[4]:08d}/"
    for login in demo.LOGINS:
        actor = auth.login(small, login.username, login.password)
        assert actor.role == login.role
        assert actor.region_name == login.region
    assert auth.login(small, "worker", "worker123").region_name == "飞云社区"
    assert {login.role for login in demo.LOGINS} == set(Role)


def test_board_stages_follow_their_moves(small: Database) -> None:
    moves = defaultdict(list)
    for hid, frm, to, on in rows(small, "SELECT household_id, from_stage, to_stage, moved_on FROM library_moves "
                                        "ORDER BY household_id, moved_on, id"):
        moves[hid].append((frm, to, as_date(on)))
    households = rows(small, "SELECT id, stage, stage_since, category, next_visit_due, last_visited_on "
                             "FROM households")
    for hid, stage, since, category, due, last_visit in households:
        history = moves.get(hid, [])
        if history:
            previous = None
            for frm, to, _on in history:
                assert frm == previous, (hid, history)
                previous = to
            assert history[-1][1] == stage
            if stage is not None:
                assert history[-1][2] == as_date(since)
        else:
            assert stage is None
        assert (category != "none") == (stage == "assisted"), (hid, stage, category)
        if stage in ("class_1", "class_2", "assisted"):
            due = as_date(due)
            assert due is not None and due > demo.END - timedelta(days=120)
            assert (due.month, due.day) in {(3, 31), (6, 30), (9, 30), (12, 31)}
        else:
            assert due is None
        if last_visit is not None:
            assert as_date(last_visit) <= demo.END
    # Approved, running long-term applications are exactly the households in assistance.
    running = {r[0] for r in rows(small, "SELECT household_id FROM applications WHERE status = 'approved' "
                                         "AND stopped_on IS NULL AND category <> 'temporary'")}
    assisted = {r[0] for r in rows(small, "SELECT id FROM households WHERE stage = 'assisted'")}
    assert running == assisted
    applying = {r[0] for r in rows(small, "SELECT household_id FROM applications WHERE status = 'open'")}
    assert applying == {r[0] for r in rows(small, "SELECT id FROM households WHERE stage = 'applying'")}
    last_visits = dict(rows(small, "SELECT household_id, MAX(visited_on) FROM visits GROUP BY household_id"))
    for hid, *_rest, last_visit in households:
        assert as_date(last_visits.get(hid)) == as_date(last_visit)


def test_discovery_sources_channels_and_referrals(small: Database) -> None:
    clues = rows(small, "SELECT source_level, source, channel, batch_id, status, outcome, household_id FROM clues")
    by_level = defaultdict(set)
    for level, source, *_ in clues:
        by_level[level].add(source)
    assert by_level["informant"] == set(INFORMANT_LABELS)
    assert by_level["vertical"] == set(VERTICAL_LABELS)
    assert by_level["department"] == set(DEPARTMENT_LABELS)
    assert {c[2] for c in clues if c[2]} == set(CHANNEL_LABELS)
    assert all(c[3] is not None for c in clues if c[0] == "department")
    # a department list's clue came by screening (主动排查), as a real import writes it
    assert {c[2] for c in clues if c[0] == "department"} == {"screening"}
    assert {c[4] for c in clues} == {"new", "assigned", "investigating", "closed"}
    assert {c[5] for c in clues if c[5]} == {"class_2", "passed", "not_passed", "not_hardship"}
    assert any(c[6] is None for c in clues)  # a clue about someone not yet in the register
    referrals = rows(small, "SELECT department, status FROM referrals")
    assert {r[1] for r in referrals} == {"sent", "received", "done", "declined"}
    assert {r[0] for r in referrals} == set(DEPARTMENT_LABELS)
    batch_rows = scalar(small, "SELECT COUNT(*) FROM import_rows")
    assert batch_rows == sum(1 for c in clues if c[0] == "department") + scalar(
        small, "SELECT COUNT(*) FROM import_rows WHERE outcome = 'in_assistance'")


def test_applications_steps_payments_and_post_checks(small: Database) -> None:
    apps = {r[0]: r for r in rows(small, "SELECT id, track, status, check_passed, decided_on, start_month, amount, "
                                         "stopped_on, category, step FROM applications")}
    steps = defaultdict(list)
    for app_id, step, started, completed in rows(small, "SELECT application_id, step, started_on, completed_on "
                                                        "FROM application_steps ORDER BY id"):
        assert completed is not None and as_date(started) <= as_date(completed) <= demo.END
        steps[app_id].append((step, as_date(started), as_date(completed)))
    pay = defaultdict(list)
    for app_id, month, amount in rows(small, "SELECT application_id, month, amount FROM assistance_records"):
        pay[app_id].append((as_date(month), amount))
    checks = defaultdict(list)
    for app_id, kind, result in rows(small, "SELECT application_id, kind, result FROM post_checks"):
        checks[app_id].append((kind, result))
    revoked = 0
    for app_id, (_, track, status, passed, decided, start, amount, stopped, category, step) in apps.items():
        names = [s[0] for s in steps[app_id]]
        assert names[0] == "accepted"
        assert set(names) <= {"accepted", "check", "investigation", "appraisal", "publicity", "decision"}
        assert step == ("done" if status != "open" else names[-1])
        if status != "open":
            assert "decision" in names
            assert ("check" in names) == (passed is not None)
        if track == "commitment":
            assert "appraisal" not in names
        if status in ("approved", "revoked"):
            start = as_date(start)
            assert start.day == 1 and start > as_date(decided)
            months = [m for m, _ in pay[app_id]]
            assert all(m >= start for m in months)
            assert all(a == amount for _, a in pay[app_id])
            if category == "temporary":
                assert len(months) <= 1
            if track == "commitment":
                assert any(k == "centralised" for k, _ in checks[app_id])
        else:
            assert not pay[app_id]
        if status == "revoked":
            revoked += 1
            assert ("centralised", "failed") in checks[app_id]
            assert stopped is not None
    assert revoked >= 1
    assert scalar(small, "SELECT COUNT(*) FROM revocations") == revoked
    # a closed revocation was traced back (问题倒查) with its finding; an open one not yet
    assert scalar(small, "SELECT COUNT(*) FROM revocations WHERE (status = 'closed') <> (trace_finding IS NOT NULL)") == 0
    commitments = scalar(small, "SELECT COUNT(*) FROM commitments")
    assert commitments == sum(1 for a in apps.values() if a[1] == "commitment")
    kinds = {r[0] for r in rows(small, "SELECT kind FROM post_checks")}
    assert kinds == {"centralised", "periodic", "spot"}


def test_spot_check_samples_are_reproducible(small: Database) -> None:
    for sid, seed, rate, population in rows(small, "SELECT id, seed, rate, population FROM spot_check_samples"):
        pop = population if isinstance(population, dict) else json.loads(population)
        chosen = sampling.draw(pop["ids"], int(seed), rate=Decimal(str(rate)))
        stored = sorted(r[0] for r in rows(small, "SELECT application_id FROM post_checks WHERE sample_id = :s",
                                           s=sid))
        assert chosen == stored == pop["chosen"]


def as_json(value: object) -> object:
    return json.loads(value) if isinstance(value, str) else value


def test_policy_settings_for_both_areas(small: Database) -> None:
    """Seeded by the policy service: complete in both areas over the whole demo, marked to be confirmed."""
    actor = Actor.system("test")
    for on in (date(2024, 11, 1), demo.START, date(2026, 1, 1), demo.END):
        shown = policy.show(small, actor, on)
        assert {r.area_type for r in shown} == {"urban", "rural"}
        # the optional deductions (employment, illness/disability costs) await the district's own provision;
        # the pension exemption, not set, is its default (否: counted)
        waiting = (*policy_rules.OPTIONAL_DEDUCTIONS, policy_rules.PENSION_EXEMPT)
        assert all(r.value is not None for r in shown if r.name not in waiting), on
    assert policy.settings_in_force(small, actor, "urban", demo.END)["dibao_standard"] == Decimal("780.00")
    notes = rows(small, "SELECT DISTINCT note FROM policy_settings")
    assert notes == [(policy_rules.DEMO_NOTE,)]


def test_assessments_before_entries_and_applications(small: Database) -> None:
    assessments = {r[0]: (r[1], as_date(r[2]), r[3]) for r in rows(
        small, "SELECT id, household_id, assessed_on, placement FROM assessments")}
    by_household: dict[int, list[date]] = defaultdict(list)
    for hid, on, _placement in assessments.values():
        by_household[hid].append(on)
    households = rows(small, "SELECT id, stage, last_assessed_on FROM households")
    applicants = {r[0] for r in rows(small, "SELECT household_id FROM applications")}
    on_board = {hid for hid, stage, _ in households if stage in ("class_1", "class_2", "applying", "assisted")}
    assert len(on_board) > SMALL // 3 and applicants
    assert on_board | applicants <= set(by_household)
    for hid, _stage, last in households:
        assert as_date(last) == (max(by_household[hid]) if hid in by_household else None), hid
    # Every application refers to its household's assessment made before it was accepted.
    for hid, accepted, assessment_id in rows(small, "SELECT household_id, accepted_on, assessment_id "
                                                    "FROM applications"):
        a_hid, on, placement = assessments[assessment_id]
        assert a_hid == hid and on < as_date(accepted) and placement == "apply"
    # Every entry into class I/II from outside the library is preceded by an assessment placing it there.
    entries = rows(small, "SELECT household_id, to_stage, moved_on FROM library_moves WHERE to_stage IN "
                          "('class_1', 'class_2') AND (from_stage IS NULL OR from_stage IN "
                          "('to_investigate', 'to_check'))")
    assert entries
    placed = {(hid, placement): [] for hid, _on, placement in assessments.values()}
    for hid, on, placement in assessments.values():
        placed[(hid, placement)].append(on)
    for hid, to, moved in entries:
        assert any(on < as_date(moved) for on in placed.get((hid, to), ())), (hid, to, moved)


def test_assessments_are_the_means_test_of_their_inputs(small: Database) -> None:
    """Stored figures equal a fresh calculation on the stored inputs and settings; those settings are the
    ones in force on the assessment date; the inputs are the household's members and figures."""
    actor = Actor.system("test")
    members = defaultdict(set)
    for hid, mid in rows(small, "SELECT household_id, id FROM members"):
        members[hid].add(mid)
    incomes = defaultdict(Decimal)
    for hid, amount in rows(small, "SELECT household_id, amount FROM incomes WHERE exempt = :f", f=False):
        incomes[hid] += Decimal(str(amount))
    areas = dict(rows(small, "SELECT id, area_type FROM households"))
    in_force: dict[tuple[str, date], dict] = {}
    categories = Counter()
    for (hid, on, inputs, frozen, per_capita, category, urgent, result, explanation, suggested, placement,
         override, methods, investigators) in rows(
            small, "SELECT household_id, assessed_on, inputs, settings, per_capita_income, result_category, "
                   "urgent, result, explanation, suggested_placement, placement, override_reason, "
                   "verification_methods, investigators FROM assessments"):
        on = as_date(on)
        facts = mt.HouseholdFacts.from_json(as_json(inputs))
        frozen = as_json(frozen)
        settings = policy_rules.PolicySettings(
            areas[hid], on, {n: Decimal(v["value"]) for n, v in frozen.items()},
            {n: date.fromisoformat(v["effective_from"]) for n, v in frozen.items()})
        key = (areas[hid], on)
        if key not in in_force:
            in_force[key] = policy.settings_in_force(small, actor, areas[hid], on).frozen()
        assert frozen == in_force[key]
        # the household's category when assessed is frozen with the result (it decides the placement's words)
        r = mt.assess(facts, settings, on, current_category=as_json(result).get("current_category"))
        assert Decimal(str(per_capita)).quantize(mt.CENT) == r.per_capita_monthly
        assert category == r.category and bool(urgent) == r.urgent and suggested == r.suggested_placement
        assert as_json(result) == json.loads(json.dumps(r.summary()))
        assert explanation == r.explanation and f"评估日期 {on.isoformat()}" in explanation
        assert bool(override) == (placement != suggested)
        assert "home_survey" in as_json(methods) and len(as_json(investigators)) >= 2
        assert {m.member_id for m in facts.members} == members[hid]
        assert sum((i.amount for i in facts.incomes if not i.exempt), Decimal(0)) == incomes[hid]
        categories[category] += 1
    assert set(categories) == set(mt.RESULT_CATEGORIES), categories


def test_statistics_funnel_counts_the_assessed(small: Database) -> None:
    """Among discovered households, all but those still being investigated or closed as not a hardship."""
    found = statistics.chart(small, Actor.system("test"), "discoveries", statistics.StatsFilter())
    funnel = {bar.key: bar.value for bar in found.funnel}
    the_plan = demo.plan(SMALL)
    unassessed = sum(n for kind, n in zip(the_plan.kinds, the_plan.counts, strict=True)
                     if kind[0] in ("to_investigate", "to_check", "not_hardship"))
    assert funnel["discovered"] == the_plan.figures.discovered
    assert funnel["assessed"] == the_plan.figures.discovered - unassessed


def test_copies_the_database_keeps_hold(small: Database) -> None:
    """The PostgreSQL load runs with triggers off: the region copies (0002) and each household's
    first clue date and best application (0003) are written by the demo, and must be exact."""
    assert scalar(small, "SELECT COUNT(*) FROM households h WHERE h.discovered_on IS DISTINCT FROM "
                         "(SELECT min(reported_on) FROM clues c WHERE c.household_id = h.id)") == 0
    assert scalar(small, "SELECT COUNT(*) FROM households h WHERE h.best_application IS DISTINCT FROM "
                         "(SELECT max(CASE WHEN status = 'approved' THEN 2 ELSE 1 END) FROM applications a "
                         "WHERE a.household_id = h.id)") == 0
    assert scalar(small, "SELECT COUNT(*) FROM households WHERE best_application = 2") > 0
    for table in ("applications", "library_moves", "referrals"):
        assert scalar(small, f"SELECT COUNT(*) FROM {table} t JOIN households h ON h.id = t.household_id "
                             "WHERE t.region_id IS DISTINCT FROM h.region_id") == 0, table
    assert scalar(small, "SELECT COUNT(*) FROM clues c WHERE c.scope_region_id IS DISTINCT FROM "
                         "COALESCE((SELECT h.region_id FROM households h WHERE h.id = c.household_id), "
                         "c.region_id)") == 0


def test_foreign_keys_hold(small: Database) -> None:
    """The load skips per-row foreign-key checks; every reference must still resolve."""
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            parent = fk.column.table.name
            orphans = scalar(small, f"SELECT COUNT(*) FROM {table.name} t LEFT JOIN {parent} p "
                                    f"ON t.{fk.parent.name} = p.{fk.column.name} "
                                    f"WHERE t.{fk.parent.name} IS NOT NULL AND p.{fk.column.name} IS NULL")
            assert orphans == 0, (table.name, fk.parent.name)


def test_refuses_a_database_with_households(small: Database) -> None:
    with pytest.raises(ValidationFailed, match="已有 600 户"):
        demo.build_demo(small, households=SMALL)
    assert scalar(small, "SELECT COUNT(*) FROM households") == SMALL


def test_deterministic_and_integral_on_sqlite(tmp_path: Path, sqlite_template: Path) -> None:
    dumps = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.sqlite3"
        shutil.copy(sqlite_template, path)
        db = open_database(f"sqlite:///{path}")
        demo.build_demo(db, households=300, seed=11)
        assert rows(db, "PRAGMA foreign_key_check") == []
        dumps.append([rows(db, f"SELECT * FROM {t} ORDER BY id") for t in
                      ("households", "members", "clues", "applications", "visits", "assistance_records")]
                     + [rows(db, "SELECT household_id, assessed_on, inputs, settings, result, explanation "
                                 "FROM assessments ORDER BY id")])
        db.dispose()
    assert dumps[0] == dumps[1]


def test_default_size_figures_exactly(sqlite_db: Database) -> None:
    result = demo.build_demo(sqlite_db, seed=1)
    got = demo.measured_figures(sqlite_db)
    assert (got["households"], got["discovered"], got["class_1"], got["class_2"]) == (6000, 1644, 1115, 1518)
    assert got["pass_rate_before"] == pytest.approx(0.30, abs=0.01)
    assert got["pass_rate_after"] == pytest.approx(0.90, abs=0.01)
    assert result.rows["households"] == 6000


def test_command_line(tmp_path: Path, sqlite_template: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    assert main(["demo", "--households", "300", "--seed", "2", "--database-url", url]) == 0
    out = capsys.readouterr().out
    for login in demo.LOGINS:
        assert f"用户名 {login.username}" in out and login.password in out
    assert "主动发现 82 户" in out
    assert main(["demo", "--households", "300", "--database-url", url]) == 1
    assert "已有 300 户" in capsys.readouterr().err
    assert main(["demo", "--households", "10", "--database-url", url]) == 1

