"""The monitoring board: move rules, conflicts, visits and quarter boundaries, the quarterly report."""

from __future__ import annotations

import contextlib
import threading
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from desktop.models import AuditEntry, LibraryMove, Visit
from desktop.rules import monitoring as rules
from desktop.rules.codes import Role, Stage
from desktop.services import applications, clues, households, monitoring, referrals
from desktop.services.errors import ConflictError, NotFound, PermissionDenied, ValidationFailed
from tests.district import District
from tests.monitoring_helpers import add_households, household

TODAY = date(2026, 5, 20)  # Q2 2026


# -- pure rules ------------------------------------------------------------------------------------

ALLOWED = [
    ("to_investigate", "to_check"), ("to_investigate", "class_2"),
    ("to_check", "class_1"), ("to_check", "class_2"), ("to_check", "applying"), ("to_check", "to_investigate"),
    ("class_1", "class_2"), ("class_2", "class_1"), ("class_1", "applying"), ("class_2", "applying"),
    ("class_1", "to_check"), ("applying", "class_1"), ("applying", "class_2"),
]
REFUSED = [
    ("class_1", "assisted", "enter_assisted"), ("applying", "assisted", "enter_assisted"),
    ("to_check", "assisted", "enter_assisted"),
    ("assisted", "class_1", "leave_assisted"), ("assisted", "applying", "leave_assisted"),
    ("class_1", "to_investigate", "back_to_investigate"), ("applying", "to_investigate", "back_to_investigate"),
    ("to_investigate", "class_1", "skip_investigation"), ("to_investigate", "applying", "skip_investigation"),
    ("applying", "to_check", "applying_exit"),
    ("class_1", "class_1", "same_stage"), (None, "class_1", "not_on_board"), ("class_1", "nowhere", "unknown_stage"),
]


@pytest.mark.parametrize(("src", "dst"), ALLOWED)
def test_rule_allows(src: str, dst: str) -> None:
    assert rules.check_move(src, dst).allowed
    assert dst in rules.allowed_targets(src)


@pytest.mark.parametrize(("src", "dst", "rule"), REFUSED)
def test_rule_refuses_with_name(src: str | None, dst: str, rule: str) -> None:
    check = rules.check_move(src, dst)
    assert not check.allowed
    assert check.rule is not None and check.rule.code == rule
    assert check.rule.name in check.message


def test_every_pair_is_decided_and_assisted_is_closed() -> None:
    for src in rules.BOARD_ORDER:
        for dst in rules.BOARD_ORDER:
            check = rules.check_move(src, dst)
            assert check.allowed or check.rule is not None
    assert rules.allowed_targets("assisted") == []
    assert all("assisted" not in rules.allowed_targets(s) for s in rules.BOARD_ORDER)


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 1, 1), (2026, 1)), (date(2026, 3, 31), (2026, 1)), (date(2026, 4, 1), (2026, 2)),
    (date(2026, 9, 30), (2026, 3)), (date(2026, 10, 1), (2026, 4)), (date(2026, 12, 31), (2026, 4)),
])
def test_quarter_of(day: date, expected: tuple[int, int]) -> None:
    assert rules.quarter_of(day) == expected
    assert rules.quarter_start(*expected) <= day <= rules.quarter_end(*expected)


@pytest.mark.parametrize(("stage", "last", "today", "due"), [
    ("class_1", None, date(2026, 3, 31), date(2026, 3, 31)),  # not visited: end of this quarter
    ("class_1", date(2026, 3, 31), date(2026, 3, 31), date(2026, 6, 30)),  # visited this quarter: next
    ("class_1", date(2026, 3, 31), date(2026, 4, 1), date(2026, 6, 30)),  # new quarter: due again
    ("class_2", date(2026, 1, 1), date(2026, 3, 15), date(2026, 6, 30)),
    ("assisted", date(2026, 12, 31), date(2026, 12, 31), date(2027, 3, 31)),  # across the year
    ("assisted", date(2026, 12, 31), date(2027, 1, 1), date(2027, 3, 31)),
    ("class_1", date(2025, 11, 3), date(2026, 2, 10), date(2026, 3, 31)),
    ("applying", None, date(2026, 2, 10), None), ("to_check", date(2026, 2, 1), date(2026, 2, 10), None),
])
def test_next_visit_due_across_quarters(stage: str, last: date | None, today: date, due: date | None) -> None:
    assert rules.next_visit_due(stage, last, today) == due


def test_effective_due_and_overdue_without_stored_due() -> None:
    # Placed by another service in Q1 and never visited: overdue once Q2 begins.
    assert rules.is_overdue("class_1", None, None, date(2026, 2, 1), date(2026, 3, 31)) is False
    assert rules.is_overdue("class_1", None, None, date(2026, 2, 1), date(2026, 4, 1)) is True
    # Last visited in Q4 2025: Q1 2026 visit due by 03-31.
    assert rules.effective_due("class_2", date(2025, 12, 1), None, None, date(2026, 2, 1)) == date(2026, 3, 31)
    assert rules.is_overdue("class_2", date(2025, 12, 1), None, None, date(2026, 4, 1))
    assert not rules.is_overdue("applying", None, None, date(2020, 1, 1), date(2026, 4, 1))


# -- moves through the service --------------------------------------------------------------------

def test_allowed_move_records_library_move_audit_and_dates(district: District) -> None:
    db = district.db
    worker = district.actor(Role.COMMUNITY_WORKER)
    [hid] = add_households(db, district.regions["飞云社区"], "to_check", stage_since=date(2026, 1, 5))
    before = household(db, hid)
    result = monitoring.move_card(db, worker, hid, "class_1", "核对未通过,列入一类库", expected_version=before.version,
                                  today=TODAY)
    assert (result.from_stage, result.to_stage) == ("to_check", "class_1")
    assert result.card.stage == "class_1" and result.card.version == before.version + 1
    after = household(db, hid)
    assert after.stage == "class_1" and after.stage_since == TODAY
    assert after.next_visit_due == date(2026, 6, 30)
    assert after.updated_by_id == worker.user_id
    with db.session_factory() as s:
        move = s.scalars(select(LibraryMove).where(LibraryMove.household_id == hid)).one()
        assert (move.from_stage, move.to_stage, move.moved_on) == ("to_check", "class_1", TODAY)
        assert move.reason == "核对未通过,列入一类库" and move.created_by_id == worker.user_id
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "library_move")).one()
        assert audit.household_id == hid and audit.before["stage"] == "to_check" and audit.after["stage"] == "class_1"
    history = monitoring.household_moves(db, worker, hid)
    assert history[0].to_label == "一类库" and history[0].moved_by.startswith("测试")


@pytest.mark.parametrize(("src", "dst", "rule"), [
    ("class_1", "assisted", "只有审批通过的申请才能进入救助中"),
    ("assisted", "class_2", "只有停止救助的决定才能离开救助中"),
    ("class_2", "to_investigate", "已调查的家庭不退回待调查"),
])
def test_refused_move_names_rule_and_changes_nothing(district: District, src: str, dst: str, rule: str) -> None:
    db = district.db
    [hid] = add_households(db, district.regions["八泉社区"], src)
    version = household(db, hid).version
    with pytest.raises(monitoring.MoveRefused) as caught:
        monitoring.move_card(db, district.admin, hid, dst, "试试看", expected_version=version, today=TODAY)
    assert rule in caught.value.message
    assert household(db, hid).stage == src and household(db, hid).version == version
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(LibraryMove)) == 0


def test_move_needs_reason_scope_and_writer(district: District) -> None:
    db = district.db
    [hid] = add_households(db, district.regions["闸口社区"], "class_1")
    with pytest.raises(ValidationFailed):
        monitoring.move_card(db, district.admin, hid, "class_2", "   ", expected_version=None, today=TODAY)
    # The community worker of 飞云社区 cannot touch a household of 闸口社区.
    with pytest.raises(PermissionDenied):
        monitoring.move_card(db, district.actor(Role.COMMUNITY_WORKER), hid, "class_2", "变化", expected_version=None)
    with pytest.raises(PermissionDenied):
        monitoring.move_card(db, district.actor(Role.SUPERVISOR), hid, "class_2", "变化", expected_version=None)


def test_conflicting_move_is_refused_with_clear_message(district: District) -> None:
    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], "class_2")
    version = household(db, hid).version
    first = district.actor(Role.SUBDISTRICT_CASEWORKER)
    second = district.actor(Role.COMMUNITY_WORKER)
    monitoring.move_card(db, first, hid, "class_1", "收入下降", expected_version=version, today=TODAY)
    with pytest.raises(ConflictError) as caught:
        monitoring.move_card(db, second, hid, "applying", "符合条件", expected_version=version, today=TODAY)
    exc = caught.value
    assert isinstance(exc, monitoring.MoveConflict)
    assert "测试subdistrict_caseworker" in exc.message and "一类库" in exc.message
    assert exc.card is not None and exc.card.stage == "class_1"
    assert household(db, hid).stage == "class_1"


def test_simultaneous_moves_one_wins(district: District) -> None:
    """Two threads move the same card from the same version at once: exactly one wins."""
    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], "class_1")
    version = household(db, hid).version
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def mover(actor_role: Role, target: str) -> None:
        barrier.wait()
        try:
            outcomes.append(monitoring.move_card(db, district.actor(actor_role), hid, target, "同时调整",
                                                 expected_version=version, today=TODAY))
        except ConflictError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=mover, args=(Role.SUBDISTRICT_CASEWORKER, "class_2")),
               threading.Thread(target=mover, args=(Role.COMMUNITY_WORKER, "applying"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    wins = [o for o in outcomes if isinstance(o, monitoring.MoveResult)]
    losses = [o for o in outcomes if isinstance(o, ConflictError)]
    assert len(wins) == 1 and len(losses) == 1
    assert household(db, hid).stage == wins[0].to_stage
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(LibraryMove)) == 1


# -- the board -------------------------------------------------------------------------------------

def test_board_counts_pages_and_filters(district: District) -> None:
    db = district.db
    feiyun, zhakou = district.regions["飞云社区"], district.regions["闸口社区"]
    a = add_households(db, feiyun, "class_1", 5, category="dibao", name="王")
    add_households(db, zhakou, "class_1", 3, category="marginal", name="李")
    add_households(db, feiyun, "to_investigate", 2)
    late = add_households(db, zhakou, "class_2", 2, last_visited_on=date(2025, 12, 1))  # missed Q1 2026
    add_households(db, feiyun, None, 4)  # not on the board

    counts = monitoring.column_counts(db, district.admin, today=TODAY)
    assert counts == {"to_investigate": 2, "to_check": 0, "class_1": 8, "class_2": 2, "applying": 0, "assisted": 0}
    first = monitoring.column_page(db, district.admin, "class_1", limit=3, today=TODAY)
    rest = monitoring.column_page(db, district.admin, "class_1", after_id=first[-1].id, limit=10, today=TODAY)
    assert [c.id for c in first + rest] == sorted(c.id for c in first + rest) and len(first + rest) == 8
    assert first[0].community == "飞云社区" and first[0].category_label == "低保"

    flt = monitoring.BoardFilter(region_id=district.regions["八泉街道"])
    assert monitoring.column_counts(db, district.admin, flt, today=TODAY)["class_1"] == 5
    assert monitoring.column_counts(db, district.admin, monitoring.BoardFilter(category="marginal"),
                                    today=TODAY)["class_1"] == 3
    overdue = monitoring.column_counts(db, district.admin, monitoring.BoardFilter(overdue_only=True), today=TODAY)
    assert overdue["class_2"] == 2 and sum(overdue.values()) == 2
    cards = monitoring.column_page(db, district.admin, "class_2", today=TODAY)
    assert {c.id for c in cards} == set(late) and all(c.overdue for c in cards)
    assert cards[0].days_since_visit == (TODAY - date(2025, 12, 1)).days
    by_name = monitoring.column_counts(db, district.admin, monitoring.BoardFilter(search="王"), today=TODAY)
    assert by_name["class_1"] == 5
    number = household(db, a[0]).head_id_number
    assert number is not None
    by_id = monitoring.column_page(db, district.admin, "class_1", monitoring.BoardFilter(search=number[-6:]),
                                   today=TODAY)
    assert a[0] in [c.id for c in by_id]
    # The community worker sees only 飞云社区, with masked ID numbers.
    worker = district.actor(Role.COMMUNITY_WORKER)
    assert monitoring.column_counts(db, worker, today=TODAY)["class_1"] == 5
    card = monitoring.column_page(db, worker, "class_1", limit=1, today=TODAY)[0]
    assert "*" in card.head_id_masked
    # Cards are masked for every role (full numbers belong to the logged household detail).
    assert "*" in monitoring.column_page(db, district.admin, "class_1", limit=1, today=TODAY)[0].head_id_masked


def test_card_badges(district: District) -> None:
    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], "class_1", last_visited_on=date(2026, 4, 2),
                           next_visit_due=date(2026, 9, 30))
    referrals.create_referral(db, district.admin, hid, department="medical_insurance", need="住院报销",
                              due_on=date(2026, 5, 25), today=date(2026, 5, 1))
    [card] = monitoring.cards_by_id(db, district.admin, [hid], today=TODAY)
    assert card.open_referrals == 1 and card.overdue_referrals == 0 and not card.overdue
    assert card.days_since_visit == 48
    [card] = monitoring.cards_by_id(db, district.admin, [hid], today=date(2026, 5, 26))
    assert card.overdue_referrals == 1


# -- visits ----------------------------------------------------------------------------------------

def test_visit_updates_due_date_across_quarter_boundary(district: District) -> None:
    db = district.db
    worker = district.actor(Role.COMMUNITY_WORKER)
    [hid] = add_households(db, district.regions["飞云社区"], "class_2", last_visited_on=date(2026, 1, 10),
                           next_visit_due=date(2026, 6, 30))
    # Q1 visit recorded late, on 04-01 (Q2): still due by the end of Q2.
    info = monitoring.record_visit(db, worker, hid, visited_on=date(2026, 3, 31), visitors="李四、王五",
                                   findings="无变化", today=date(2026, 4, 1))
    assert info.next_visit_due == date(2026, 6, 30) and info.last_visited_on == date(2026, 3, 31)
    # Visited in Q2: next due at the end of Q3.
    info = monitoring.record_visit(db, worker, hid, visited_on=date(2026, 4, 1), visitors="李四",
                                   findings="收入减少", outcome="changed", today=date(2026, 4, 1))
    assert info.next_visit_due == date(2026, 9, 30) and info.outcome_label.startswith("有变化")
    # An older visit entered afterwards does not move last_visited_on back.
    monitoring.record_visit(db, worker, hid, visited_on=date(2026, 2, 1), visitors="李四", findings="补录",
                            today=date(2026, 4, 2))
    h = household(db, hid)
    assert h.last_visited_on == date(2026, 4, 1) and h.next_visit_due == date(2026, 9, 30)
    # Year boundary.
    info = monitoring.record_visit(db, worker, hid, visited_on=date(2026, 12, 31), visitors="李四",
                                   findings="无变化", today=date(2026, 12, 31))
    assert info.next_visit_due == date(2027, 3, 31)
    assert [v.visited_on for v in monitoring.household_visits(db, worker, hid)][0] == date(2026, 12, 31)


def test_visit_validation(district: District) -> None:
    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], "class_1")
    with pytest.raises(ValidationFailed) as caught:
        monitoring.record_visit(db, district.admin, hid, visited_on=date(2026, 6, 1), visitors="", findings="",
                                outcome="maybe", today=TODAY)
    assert set(caught.value.problems) == {"visited_on", "visitors", "findings", "outcome"}
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Visit)) == 0


def test_a_visit_before_the_household_was_discovered_is_refused(district: District) -> None:
    from desktop.rules.codes import SourceLevel
    from desktop.services import clues

    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], "class_1", stage_since=date(2026, 3, 5))
    clues.add_clue(db, district.admin, clues.ClueInput(
        source_level=SourceLevel.INFORMANT, source="building_head", reported_on=date(2026, 3, 1),
        description="独居老人", household_id=hid))
    assert monitoring.household_summary(db, district.admin, hid, today=TODAY).known_since == date(2026, 3, 1)
    with pytest.raises(ValidationFailed) as caught:
        monitoring.record_visit(db, district.admin, hid, visited_on=date(2026, 2, 28), visitors="李四",
                                findings="无变化", today=TODAY)
    assert "2026-03-01" in caught.value.problems["visited_on"] and "早于" in caught.value.message
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Visit)) == 0
    monitoring.record_visit(db, district.admin, hid, visited_on=date(2026, 3, 1), visitors="李四",
                            findings="无变化", today=TODAY)


def test_visit_list_due_and_overdue(district: District) -> None:
    db = district.db
    r = district.regions["道仕袱村"]
    done = add_households(db, r, "class_1", 2, last_visited_on=date(2026, 4, 15), next_visit_due=date(2026, 9, 30))
    due = add_households(db, r, "assisted", 3, last_visited_on=date(2026, 2, 1), next_visit_due=date(2026, 6, 30))
    late = add_households(db, r, "class_2", 1, last_visited_on=date(2025, 10, 1), next_visit_due=date(2026, 3, 31))
    add_households(db, r, "applying", 2)
    counts = monitoring.visit_counts(db, district.admin, today=TODAY)
    assert counts == {"all": 6, "due": 4, "overdue": 1}
    rows = monitoring.visit_due_page(db, district.admin, state="due", today=TODAY)
    assert {x.household_id for x in rows} == set(due + late)
    rows = monitoring.visit_due_page(db, district.admin, state="overdue", today=TODAY)
    assert [x.household_id for x in rows] == late and rows[0].overdue
    rows = monitoring.visit_due_page(db, district.admin, state="all", limit=2, today=TODAY)
    assert [x.household_id for x in rows] == done and rows[0].visited_this_quarter


# -- quarterly report ------------------------------------------------------------------------------

def test_quarterly_report_read_back(district: District, tmp_path: Path) -> None:
    db = district.db
    admin = district.admin
    feiyun, bq = district.regions["飞云社区"], district.regions["八泉社区"]
    f = add_households(db, feiyun, "class_1", 3, stage_since=date(2026, 1, 2))
    b = add_households(db, bq, "assisted", 2, stage_since=date(2025, 6, 1))
    add_households(db, bq, "to_check", 4)  # not monitored: not due
    q1 = date(2026, 3, 20)
    monitoring.record_visit(db, admin, f[0], visited_on=date(2026, 2, 3), visitors="甲", findings="无变化", today=q1)
    monitoring.record_visit(db, admin, f[0], visited_on=date(2026, 3, 3), visitors="甲", findings="再访", today=q1)
    monitoring.record_visit(db, admin, b[0], visited_on=date(2026, 1, 9), visitors="乙", findings="无变化", today=q1)
    monitoring.record_visit(db, admin, b[1], visited_on=date(2025, 12, 30), visitors="乙", findings="上季度",
                            today=q1)
    monitoring.record_visit(db, admin, b[1], visited_on=date(2026, 4, 8), visitors="乙", findings="下季度",
                            today=date(2026, 4, 8))
    monitoring.move_card(db, admin, f[2], "class_2", "情况好转", expected_version=None, today=date(2026, 3, 1))
    # Moved out of the library after the quarter ended: still due in Q1 (it was in 一类库 on 03-31).
    monitoring.move_card(db, admin, f[1], "applying", "符合条件", expected_version=None, today=date(2026, 4, 3))
    ref = referrals.create_referral(db, admin, b[0], department="education", need="助学", due_on=None, today=q1)
    referrals.update_status(db, admin, ref.id, "done", feedback="已资助", today=date(2026, 3, 28))
    referrals.create_referral(db, admin, f[0], department="health", need="慢病", due_on=None,
                              today=date(2026, 4, 2))

    path = tmp_path / "季度上报.xlsx"
    report = monitoring.export_quarterly_report(db, admin, 2026, 1, path)
    assert path.exists()
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["季度汇总", "未访家庭", "库别调整"]
    summary = book.get_sheet_by_name("季度汇总").to_python()
    assert "2026年第一季度" in summary[0][0]
    assert summary[1][:5] == ["街道(镇)", "社区(村)", "应访户数", "已访户数", "未访户数"]
    rows = {r[1]: r for r in summary[2:]}
    assert rows["飞云社区"][2:9] == [3, 1, 2, 2, 1, 0, 0]
    assert rows["八泉社区"][2:9] == [2, 1, 1, 1, 0, 1, 1]
    assert rows["闸口社区"][2:9] == [0, 0, 0, 0, 0, 0, 0]
    assert summary[-1][0] == "合计" and summary[-1][2:9] == [5, 2, 3, 3, 1, 1, 1]
    missing = book.get_sheet_by_name("未访家庭").to_python()[2:]
    names = {household(db, h).head_name for h in (f[1], f[2], b[1])}
    assert {r[2] for r in missing} == names
    assert {r[4] for r in missing} == {"一类库", "二类库", "救助中"}
    # 最近走访 as the quarter ended: 2025-12-30, not the visit of 2026-04-08 made in the next quarter
    assert {r[2]: r[6] for r in missing}[household(db, b[1]).head_name] == date(2025, 12, 30)
    moves = book.get_sheet_by_name("库别调整").to_python()[2:]
    assert len(moves) == 1 and moves[0][4:7] == ["一类库", "二类库", "情况好转"]
    assert report.total().missing == 3
    q2 = monitoring.quarterly_report(db, admin, 2026, 2)
    assert {r.community: r.referrals_opened for r in q2.rows}["飞云社区"] == 1
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "export_quarterly_report")) == 1


def test_quarterly_report_scoped_to_actor(district: District) -> None:
    db = district.db
    add_households(db, district.regions["闸口社区"], "class_1", 2)
    report = monitoring.quarterly_report(db, district.actor(Role.COMMUNITY_WORKER), 2026, 2)
    assert [r.community for r in report.rows] == ["飞云社区"]
    assert monitoring.quarterly_report(db, district.admin, 2026, 2).total().due == 2


def test_stage_enums_match_board() -> None:
    assert monitoring.BOARD_STAGES == [s.value for s in Stage]


def test_report_command_to_a_path_that_cannot_be_written(district: District, tmp_path: Path, read_only_dir: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The command line says which file could not be written and why, like the window; no traceback."""
    from desktop.cli import EXIT_USER_ERROR
    from desktop.cli import main as cli_main

    url = district.db.url.render_as_string(hide_password=False)
    assert cli_main(["quarterly-report", "--out", str(tmp_path), "--database-url", url]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert f"无法写入文件“{tmp_path}”:这是一个文件夹,请给出文件名。" in err and "Traceback" not in err
    target = read_only_dir / "季度报表.xlsx"
    assert cli_main(["quarterly-report", "--out", str(target), "--database-url", url]) == EXIT_USER_ERROR
    assert f"无法写入文件“{target}”:没有在此处写入的权限" in capsys.readouterr().err
    assert list(read_only_dir.iterdir()) == []


# -- due dates when other services move a household -------------------------------------------------

def test_household_back_from_an_application_is_not_overdue_at_once(district: District) -> None:
    """In 一类库 until an application was accepted on 03-23 (not visited in Q1, due 03-31); refused on
    04-10 it is back in 一类库 for Q2 only: it was not in the library at the end of Q1, so its visit is
    due by 06-30, not the stale 03-31 of before the application."""
    from desktop.services import applications

    db, admin = district.db, district.admin
    [hid] = add_households(db, district.regions["飞云社区"], "class_1", last_visited_on=date(2025, 11, 1),
                           next_visit_due=date(2026, 3, 31), stage_since=date(2025, 6, 1))
    app_id = applications.accept(db, admin, household_id=hid, category="dibao", accepted_on=date(2026, 3, 23))
    assert household(db, hid).next_visit_due is None  # applying: not visited
    applications.complete_step(db, admin, app_id, "check", on=date(2026, 3, 25), result="passed")
    applications.complete_step(db, admin, app_id, "investigation", on=date(2026, 3, 31),
                               investigators=["李四", "王五"])
    applications.complete_step(db, admin, app_id, "publicity", on=date(2026, 4, 8),
                               publicity_start=date(2026, 4, 1))
    applications.decide(db, admin, app_id, approve=False, on=date(2026, 4, 10), reason="收入高于标准",
                        today=date(2026, 4, 10))
    assert household(db, hid).next_visit_due == date(2026, 6, 30)
    [card] = monitoring.cards_by_id(db, admin, [hid], today=date(2026, 4, 11))
    assert card.stage == "class_1" and card.visit_due == date(2026, 6, 30) and not card.overdue
    assert monitoring.visit_counts(db, admin, today=date(2026, 4, 11))["overdue"] == 0
    assert monitoring.quarterly_report(db, admin, 2026, 1).total().due == 0


def test_move_between_libraries_keeps_the_missed_visit(district: District) -> None:
    """一类库, last visited in Q4 2025, no visit in Q1 2026: overdue since 04-01. Moving it to 二类库
    on 05-01 is not a visit: it stays overdue (due 03-31) until someone visits it."""
    db, admin = district.db, district.admin
    [hid] = add_households(db, district.regions["飞云社区"], "class_1", last_visited_on=date(2025, 11, 1),
                           next_visit_due=date(2026, 3, 31), stage_since=date(2025, 6, 1))
    day = date(2026, 5, 1)
    assert monitoring.cards_by_id(db, admin, [hid], today=day)[0].overdue
    result = monitoring.move_card(db, admin, hid, "class_2", "情况好转", expected_version=None, today=day)
    assert result.card.overdue and result.card.visit_due == date(2026, 3, 31)
    assert monitoring.visit_counts(db, admin, today=day)["overdue"] == 1
    # Visited on 05-02: due again by the end of Q3.
    info = monitoring.record_visit(db, admin, hid, visited_on=date(2026, 5, 2), visitors="甲", findings="无变化",
                                   today=date(2026, 5, 2))
    assert info.next_visit_due == date(2026, 9, 30)
    # Not overdue, visited this quarter: a move keeps the Q3 due date.
    result = monitoring.move_card(db, admin, hid, "class_1", "收入下降", expected_version=None,
                                  today=date(2026, 5, 3))
    assert result.card.visit_due == date(2026, 9, 30) and not result.card.overdue
    # Entering the library from 待核对 starts afresh (due by the end of the quarter of entry).
    [other] = add_households(db, district.regions["飞云社区"], "to_check", last_visited_on=date(2025, 1, 5))
    result = monitoring.move_card(db, admin, other, "class_2", "核对不符合", expected_version=None, today=day)
    assert result.card.visit_due == date(2026, 6, 30) and not result.card.overdue


@pytest.mark.parametrize(("src", "dst", "last", "stored", "on", "due"), [
    ("class_1", "class_2", date(2025, 11, 1), date(2026, 3, 31), date(2026, 5, 1), date(2026, 3, 31)),
    ("class_1", "class_2", date(2025, 11, 1), None, date(2026, 5, 1), date(2026, 3, 31)),  # derived
    ("class_2", "class_1", date(2026, 4, 2), date(2026, 9, 30), date(2026, 5, 1), date(2026, 9, 30)),
    ("assisted", "class_2", date(2026, 1, 3), date(2026, 6, 30), date(2026, 5, 1), date(2026, 6, 30)),
    ("applying", "class_1", date(2025, 11, 1), date(2026, 3, 31), date(2026, 5, 1), date(2026, 6, 30)),
    ("to_check", "class_1", None, None, date(2026, 12, 31), date(2026, 12, 31)),
    ("class_1", "applying", date(2025, 11, 1), date(2026, 3, 31), date(2026, 5, 1), None),
])
def test_due_after_move(src: str, dst: str, last: date | None, stored: date | None, on: date,
                        due: date | None) -> None:
    assert rules.due_after_move(src, dst, last, stored, date(2025, 6, 1), on) == due


def test_recording_an_old_visit_does_not_clear_a_missed_one(district: District) -> None:
    """一类库, last visited 2025-11-01: the Q1 2026 visit was missed (due 03-31). On 05-10 a worker
    enters an older visit (2025-10-05) or one from Q4 2025 after the last: neither is a Q1 visit,
    so the household stays overdue; a Q1 visit entered late satisfies it (due again by 06-30)."""
    db, admin = district.db, district.admin
    [hid] = add_households(db, district.regions["飞云社区"], "class_1", last_visited_on=date(2025, 11, 1),
                           next_visit_due=date(2026, 3, 31), stage_since=date(2025, 6, 1))
    day = date(2026, 5, 10)
    info = monitoring.record_visit(db, admin, hid, visited_on=date(2025, 10, 5), visitors="甲", findings="补录",
                                   today=day)
    assert info.last_visited_on == date(2025, 11, 1) and info.next_visit_due == date(2026, 3, 31)
    info = monitoring.record_visit(db, admin, hid, visited_on=date(2025, 12, 20), visitors="甲", findings="补录",
                                   today=day)
    assert info.last_visited_on == date(2025, 12, 20) and info.next_visit_due == date(2026, 3, 31)
    assert monitoring.cards_by_id(db, admin, [hid], today=day)[0].overdue
    info = monitoring.record_visit(db, admin, hid, visited_on=date(2026, 3, 15), visitors="甲", findings="补录",
                                   today=day)
    assert info.next_visit_due == date(2026, 6, 30)
    assert not monitoring.cards_by_id(db, admin, [hid], today=day)[0].overdue


@pytest.mark.parametrize(("last", "stored", "since", "visited", "today", "due"), [
    (date(2025, 11, 1), date(2026, 3, 31), None, date(2025, 10, 5), date(2026, 5, 10), date(2026, 3, 31)),
    (date(2025, 11, 1), date(2026, 3, 31), None, date(2026, 3, 31), date(2026, 4, 1), date(2026, 6, 30)),
    (date(2025, 7, 1), date(2025, 12, 31), None, date(2025, 11, 1), date(2026, 5, 10), date(2026, 3, 31)),
    (None, None, date(2026, 5, 1), date(2026, 4, 15), date(2026, 5, 10), date(2026, 9, 30)),
    (date(2025, 1, 1), date(2026, 6, 30), date(2026, 5, 1), date(2025, 2, 1), date(2026, 5, 10), date(2026, 6, 30)),
    (date(2026, 9, 1), date(2026, 12, 31), None, date(2026, 12, 31), date(2026, 12, 31), date(2027, 3, 31)),
    (date(2026, 12, 31), date(2027, 3, 31), None, date(2027, 1, 1), date(2027, 1, 1), date(2027, 6, 30)),
])
def test_due_after_visit(last: date | None, stored: date | None, since: date | None, visited: date, today: date,
                         due: date) -> None:
    assert rules.due_after_visit("class_2", last, stored, since, visited, today) == due
    assert rules.due_after_visit("to_check", last, stored, since, visited, today) is None


def test_household_created_in_a_library_is_due_from_today(district: District) -> None:
    """A household created with a library class enters it today: it is due a visit this quarter and
    is not counted in the reports of earlier quarters."""
    from desktop.services import households as hs

    db, admin = district.db, district.admin
    today = date.today()
    year, quarter = rules.quarter_of(today)
    hid = hs.create_household(db, admin, region_id=district.regions["飞云社区"], address="飞云路1号",
                              head={"name": "新户", "id_number": "420203199001011238"}, stage="class_1")
    h = household(db, hid)
    assert h.stage_since == today and h.next_visit_due == rules.quarter_end(year, quarter)
    assert monitoring.quarterly_report(db, admin, year, quarter).total().due == 1
    assert monitoring.quarterly_report(db, admin, *rules.previous_quarter(year, quarter)).total().due == 0


def test_a_quarter_that_does_not_exist_is_refused_plainly(district: District) -> None:
    for year, quarter in ((2026, 5), (2026, 0), (1999, 1)):
        with pytest.raises(ValidationFailed, match="季度应为 1–4"):
            monitoring.quarterly_report(district.db, district.admin, year, quarter)


def test_a_quarter_not_yet_begun_is_not_reported(district: District, tmp_path: Path) -> None:
    """The report's dialog let 2027 Q1 be chosen in 2026 Q2: a report of nobody visited was written."""
    with pytest.raises(ValidationFailed, match="2026年第三季度还没有开始"):
        monitoring.export_quarterly_report(district.db, district.admin, 2026, 3, tmp_path / "q.xlsx", today=TODAY)
    assert not (tmp_path / "q.xlsx").exists()
    assert monitoring.quarterly_report(district.db, district.admin, 2026, 2, today=TODAY).quarter == 2


def test_a_move_conflict_says_what_the_other_workstation_changed(district: District) -> None:
    """The household was saved elsewhere after this workstation read its card: the conflict names
    who and when and carries the household as read and as saved now, for the conflict dialog."""
    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], "class_1")
    version = household(db, hid).version
    other = district.actor(Role.DISTRICT_REVIEWER)
    households.save_household(db, other, hid, version, {"phone": "13912345678", "address": "新地址1号"})
    with pytest.raises(monitoring.MoveConflict) as caught:
        monitoring.move_card(db, district.admin, hid, "class_2", "收入增加", expected_version=version, today=TODAY)
    exc = caught.value
    assert exc.info.saved_by == f"{other.display_name}({other.username})" and exc.info.saved_at is not None
    assert exc.then is not None
    assert exc.now["phone"] == "13912345678"
    assert exc.then["phone"].startswith("138") and exc.then["address"] != exc.now["address"] == "新地址1号"
    assert exc.then["stage"] == exc.now["stage"] == "一类库" and exc.now["head_name"] == exc.then["head_name"]
    assert household(db, hid).stage == "class_1"


def test_two_workstations_recording_visits_of_one_household_at_once_both_save(
        district: District, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers enter a visit of the same household at the same moment (each with its own
    connection). A visit adds a record; neither overwrites the other: both are kept and the due date
    reflects the later one. (Both read the household, then both wrote it: the second save was refused
    with "该记录已被 另一位用户 于 未知时间 修改并保存", and its visit was lost.)"""
    from tests.test_workstations import _at_once, _other_workstation

    db = district.db
    other = _other_workstation(db)
    [hid] = add_households(db, district.regions["飞云社区"], "class_1", stage_since=date(2026, 1, 5),
                           next_visit_due=date(2026, 6, 30))
    both_read = threading.Barrier(2)
    due_after_visit = rules.due_after_visit

    def read_then_wait(*args: object) -> object:  # both have read the household before either writes
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait(timeout=3)
        return due_after_visit(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(rules, "due_after_visit", read_then_wait)
    try:
        outcomes = _at_once(
            lambda: monitoring.record_visit(db, district.admin, hid, visited_on=date(2026, 5, 19), visitors="甲",
                                            findings="无变化", today=TODAY),
            lambda: monitoring.record_visit(other, district.actor(Role.COMMUNITY_WORKER), hid,
                                            visited_on=date(2026, 5, 20), visitors="乙", findings="无变化",
                                            today=TODAY))
    finally:
        other.dispose()
    assert all(isinstance(o, monitoring.VisitInfo) for o in outcomes), outcomes
    with db.session_factory() as s:
        assert sorted(s.scalars(select(Visit.visitors)).all()) == ["乙", "甲"]
    h = household(db, hid)
    assert (h.last_visited_on, h.next_visit_due) == (date(2026, 5, 20), date(2026, 9, 30))


def test_a_report_of_a_quarter_not_yet_over_says_it_is_progress(district: District, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The report of the current quarter (what the dialog and the command offer first) was titled like
    a finished one, its households not visited yet listed as 未走访 although they had weeks left: a
    community's report made on 20 May read as a quarter half missed. It now says how far it runs."""
    db = district.db
    add_households(db, district.regions["飞云社区"], "class_1", 2, stage_since=date(2026, 1, 5))
    path = tmp_path / "q2.xlsx"
    report = monitoring.export_quarterly_report(db, district.admin, 2026, 2, path, today=TODAY)
    assert not report.finished and report.as_of == TODAY
    assert "截至 2026-05-20" in report.title and "季度未结束" in report.title
    assert "2026-06-30 才结束" in report.interim_note() and "重新导出" in report.interim_note()
    book = CalamineWorkbook.from_path(str(path))
    assert "截至 2026-05-20" in book.get_sheet_by_name("季度汇总").to_python()[0][0]
    missing = book.get_sheet_by_name("未访家庭").to_python()
    assert "尚未走访" in missing[0][0] and missing[1][4] == "当前库别" and len(missing) == 4
    # The last day of the quarter is still in it; the day after, the report is the quarter's.
    assert not monitoring.quarterly_report(db, district.admin, 2026, 2, today=date(2026, 6, 30)).finished
    over = monitoring.quarterly_report(db, district.admin, 2026, 2, today=date(2026, 7, 1))
    assert over.finished and over.interim_note() == "" and "截至" not in over.title
    # The command line says so too (the current quarter: --year alone).
    from desktop import cli

    year, quarter = rules.quarter_of(date.today())
    assert cli.main(["quarterly-report", "--year", str(year), "--out", str(tmp_path / "now.xlsx"),
                     "--database-url", db.url.render_as_string(hide_password=False)]) == 0
    out = capsys.readouterr().out
    assert f"注意:{rules.quarter_label(year, quarter)}到 {rules.quarter_end(year, quarter)} 才结束" in out
    assert cli.main(["quarterly-report", "--year", "2026", "--quarter", "1", "--out", str(tmp_path / "q1.xlsx"),
                     "--database-url", db.url.render_as_string(hide_password=False)]) == 0
    assert "注意" not in capsys.readouterr().out


def test_visit_counts_follow_the_whole_board_filter(district: District) -> None:
    db = district.db
    r = district.regions["飞云社区"]
    add_households(db, r, "class_1", 2, name="欧阳", stage_since=date(2026, 4, 5))
    add_households(db, r, "assisted", 1, name="司马", category="dibao", stage_since=date(2026, 4, 5))
    assert monitoring.visit_counts(db, district.admin, today=TODAY) == {"all": 3, "due": 3, "overdue": 0}
    assert monitoring.visit_counts(db, district.admin, flt=monitoring.BoardFilter(search="司马"), today=TODAY) == \
        {"all": 1, "due": 1, "overdue": 0}
    assert monitoring.visit_counts(db, district.admin, flt=monitoring.BoardFilter(category="dibao"),
                                   today=TODAY)["all"] == 1


def test_a_community_worker_sees_only_their_community_everywhere(district: District, tmp_path: Path) -> None:
    """飞云社区's worker: the board, visit list and its export, the referrals and the department's list,
    the quarterly report and every household-level read or write of the page stop at the community,
    also when asked for a neighbouring community by id."""
    db, admin = district.db, district.admin
    worker = district.actor(Role.COMMUNITY_WORKER)
    mine = add_households(db, district.regions["飞云社区"], "class_1", 2, name="本社区", stage_since=date(2026, 4, 2))
    theirs = add_households(db, district.regions["八泉社区"], "class_1", 3, name="邻社区", stage_since=date(2026, 4, 2))
    [far] = add_households(db, district.regions["道仕袱村"], "class_2", name="外村", stage_since=date(2026, 4, 2))
    for hid in (mine[0], theirs[0], far):
        referrals.create_referral(db, admin, hid, department="housing", need="危房", due_on=date(2026, 5, 1),
                                  today=date(2026, 4, 3))
    neighbour = district.regions["八泉社区"]
    assert monitoring.column_counts(db, worker, today=TODAY)["class_1"] == 2
    assert monitoring.column_counts(db, worker, monitoring.BoardFilter(region_id=neighbour), today=TODAY)["class_1"] == 0
    assert {c.id for c in monitoring.column_page(db, worker, "class_1", today=TODAY)} == set(mine)
    assert [c.id for c in monitoring.cards_by_id(db, worker, [*mine, *theirs, far], today=TODAY)] == mine
    assert monitoring.visit_counts(db, worker, today=TODAY) == {"all": 2, "due": 2, "overdue": 0}
    for state in monitoring.VISIT_STATES:
        rows = monitoring.visit_due_page(db, worker, state=state, today=TODAY)
        assert {r.household_id for r in rows} <= set(mine)
    assert monitoring.visit_due_page(db, worker, state="all", region_id=neighbour, today=TODAY) == []
    path = tmp_path / "走访名单.xlsx"
    assert monitoring.export_visit_list(db, worker, path, state="all", today=TODAY) == 2
    listed = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("走访名单").to_python()[2:]
    assert {r[1] for r in listed} == {"飞云社区"}
    shown = referrals.list_referrals(db, worker, status="all", today=TODAY)
    assert [r.household_id for r in shown] == [mine[0]]
    assert referrals.list_referrals(db, worker, status="all", region_id=neighbour, today=TODAY) == []
    assert referrals.referral_counts(db, worker, today=TODAY) == {"open": 1, "overdue": 1}
    assert referrals.export_department_list(db, worker, "housing", tmp_path / "住保.xlsx", today=TODAY) == 1
    other_ref = referrals.list_referrals(db, admin, household_id=theirs[0], status="all", today=TODAY)[0]
    with pytest.raises(NotFound, match="不在您的管辖范围内"):
        referrals.get_referral(db, worker, other_ref.id, today=TODAY)
    for call in (lambda: referrals.update_status(db, worker, other_ref.id, "received", today=TODAY),
                 lambda: referrals.referral_letter(db, worker, other_ref.id),
                 lambda: monitoring.record_visit(db, worker, theirs[0], visited_on=TODAY, visitors="甲",
                                                 findings="无变化", today=TODAY),
                 lambda: monitoring.household_summary(db, worker, theirs[0], today=TODAY),
                 lambda: monitoring.household_visits(db, worker, theirs[0]),
                 lambda: monitoring.household_moves(db, worker, theirs[0]),
                 lambda: referrals.create_referral(db, worker, far, department="health", need="x", due_on=None)):
        with pytest.raises(PermissionDenied):
            call()
    report = monitoring.quarterly_report(db, worker, 2026, 2, today=TODAY)
    assert [(r.community, r.due) for r in report.rows] == [("飞云社区", 2)]
    assert [(r.community, r.due) for r in monitoring.quarterly_report(db, worker, 2026, 2, region_id=neighbour,
                                                                      today=TODAY).rows] == []


def test_visit_list_page_is_in_the_exported_lists_order_and_pages_by_path_and_id(district: District,
                                                                                   tmp_path: Path) -> None:
    """The Visits tab listed households by id while the exported visit list goes community by community
    (sub-district, then community in the tree's order): households added to a later community first
    came first on the page. Both now read alike, and a page following (path, id) neither skips nor
    repeats a household where one community ends and the next begins."""
    db = district.db
    r = district.regions
    late = add_households(db, r["道仕袱村"], "class_1", 3)  # 河口镇, added second: its communities come last
    early = add_households(db, r["飞云社区"], "class_2", 2)
    first = add_households(db, r["八泉社区"], "assisted", 2)
    middle = add_households(db, r["闸口社区"], "class_1", 1)
    expected = first + early + middle + late
    rows = monitoring.visit_due_page(db, district.admin, state="all", today=TODAY)
    assert [x.household_id for x in rows] == expected
    paths = [x.region_path for x in rows]
    assert paths == sorted(paths) and all(p.startswith("/") for p in paths)
    # the exported list: the same households in the same order
    out = tmp_path / "visits.xlsx"
    assert monitoring.export_visit_list(db, district.admin, out, state="all", today=TODAY) == len(expected)
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    names = {x.head_name: x.household_id for x in rows}
    assert [names[row[3]] for row in sheet[2:]] == expected
    # the tab's rows name the sub-district (街道(镇)) and the community, as the exported list does
    assert [(x.subdistrict, x.community) for x in rows] == [(row[0], row[1]) for row in sheet[2:]]
    assert {x.subdistrict for x in rows} == {"八泉街道", "河口镇"}
    # a page at a time, of every size, through the keyset (path, id)
    for size in (1, 2, 3):
        seen: list[int] = []
        after = None
        while True:
            page = monitoring.visit_due_page(db, district.admin, state="all", after=after, limit=size, today=TODAY)
            seen += [x.household_id for x in page]
            if len(page) < size:
                break
            after = (page[-1].region_path, page[-1].household_id)
        assert seen == expected, size
    # within a sub-district's filter too
    rows = monitoring.visit_due_page(db, district.admin, state="all", region_id=r["河口镇"], limit=2, today=TODAY)
    assert [x.household_id for x in rows] == middle + late[:1]
    rest = monitoring.visit_due_page(db, district.admin, state="all", region_id=r["河口镇"],
                                     after=(rows[-1].region_path, rows[-1].household_id), today=TODAY)
    assert [x.household_id for x in rest] == late[1:]


@pytest.mark.parametrize("mover", ["application", "clue"])
def test_a_move_conflict_after_a_move_made_elsewhere_says_where_the_card_was(district: District, mover: str) -> None:
    """Moved by an application or a clue after the card was read: the conflict dialog shows the household as
    read, as after a board move (those moves audited no snapshot of the household, so it had nothing)."""
    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], "class_1", stage_since=date(2026, 1, 5))
    version = household(db, hid).version
    if mover == "application":
        applications.accept_application(db, district.admin, household_id=hid, category="dibao", accepted_on=TODAY)
    else:
        clue_id = clues.add_clue(db, district.admin, clues.ClueInput(
            source_level="informant", source="building_head", reported_on=TODAY, description="收入减少",
            household_id=hid))
        clues.close_clue(db, district.admin, clue_id, "class_2", closed_on=TODAY)
    with pytest.raises(monitoring.MoveConflict) as caught:
        monitoring.move_card(db, district.admin, hid, "to_check", "复核", expected_version=version, today=TODAY)
    exc = caught.value
    assert exc.now["stage"] == ("申请中" if mover == "application" else "二类库")
    assert exc.then is not None and exc.then["stage"] == "一类库" and exc.then["head_name"] == exc.now["head_name"]


def test_a_board_move_dated_before_the_last_move_is_refused(district: District) -> None:
    """A workstation whose clock is behind another's does not move a household back past the other's
    move (the household's history would run backwards); it is told the date to check."""
    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], "class_1", stage_since=date(2026, 1, 5))
    monitoring.move_card(db, district.admin, hid, "class_2", "收入增加", expected_version=None, today=TODAY)
    with pytest.raises(ValidationFailed, match="调整为 二类库,晚于调整日期 2026-05-10;请核对本机的日期"):
        monitoring.move_card(db, district.admin, hid, "class_1", "复核", expected_version=None,
                             today=date(2026, 5, 10))
    assert household(db, hid).stage == "class_2"
