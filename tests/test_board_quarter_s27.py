"""Issue 6 at a change of year: one office through 2026 Q4 → 2027 Q1 (RULES.md §1.4: every household in
一类库, 二类库 or 救助中 is visited once a calendar quarter; the quarter is reported per community).

Nine households, built on an empty district and taken through the services in date order; the
commands (`board`, `visit-list`, `quarterly-report`, `referral-list`) are read back on 12-31 and 01-01.

    hh  community  on 12-31 before the day's work               then
    A   八泉社区   一类库 since 07-01, visited 07-15               visited late on 12-31 (entered the same day)
    B   八泉社区   二类库 since 07-01, visited 08-01               not visited in Q4; visited on 01-01
    C   飞云社区   一类库 since 07-01, visited 10-20               moved 一类库 → 二类库 on 12-31
    D   飞云社区   二类库 since 09-01, never visited (overdue)     leaves 二类库 → 申请中 on 01-01, Q4's visit missed
    E   闸口社区   申请中 since 11-01                              back 申请中 → 一类库 on 12-31 (owes Q4's visit)
    F   闸口社区   待核对 since 11-15                              placed 待核对 → 二类库 on 01-01
    G   道仕袱村   救助中 since 06-01, visited 08-20               a visit meant for H recorded on G on 12-31,
                                                                 withdrawn on 01-01
    H   道仕袱村   一类库 since 01-01, visited 09-05               its visit of 12-31 entered on 01-01 (补录)
    I   八泉社区   一类库 since 07-01, visited 07-05 and 10-10     moved to 飞云社区 on 11-20, visited 12-01

Referrals: RA A 医保 sent 12-10 due 12-31; RB B 教育 sent 12-20 due Monday 2027-01-04; RC C 医保 sent
11-01 due 11-30, received 11-05, done 12-31.

Definitions followed (as the earlier acceptance rounds fixed them): overdue = the due date (the end of
the quarter a visit is owed in) has passed; a household entering a library owes that quarter's visit;
a visit in a later quarter clears a missed one for the due date, but the report keeps the quarter's
miss; the report counts a household under the community it belongs to now.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop import cli
from desktop.rules import monitoring as rules
from desktop.services import audit, households, monitoring, referrals
from desktop.services.database import open_database
from desktop.services.errors import ValidationFailed
from desktop.services.live import ChangeWatcher
from tests.district import District
from tests.monitoring_helpers import add_households, household

D = date.fromisoformat
DEC31, JAN1 = D("2026-12-31"), D("2027-01-01")


class Office:
    def __init__(self, district: District) -> None:
        self.d, self.db, self.admin = district, district.db, district.admin
        self.ids: dict[str, int] = {}
        self.visits: dict[str, int] = {}
        self.refs: dict[str, int] = {}

    def add(self, key: str, community: str, stage: str, since: str) -> None:
        self.ids[key] = add_households(self.db, self.d.regions[community], stage, name=key + "户",
                                       stage_since=D(since))[0]

    def visit(self, key: str, on: str, entered: str | None = None, who: str = "王社工") -> int:
        info = monitoring.record_visit(self.db, self.admin, self.ids[key], visited_on=D(on), visitors=who,
                                       findings="情况无变化", today=D(entered or on))
        return info.id

    def move(self, key: str, to: str, on: date, reason: str) -> None:
        version = household(self.db, self.ids[key]).version
        monitoring.move_card(self.db, self.admin, self.ids[key], to, reason, expected_version=version, today=on)

    def url(self) -> str:
        return self.db.url.render_as_string(hide_password=False)


def build(district: District) -> Office:
    o = Office(district)
    o.add("A", "八泉社区", "class_1", "2026-07-01")
    o.add("B", "八泉社区", "class_2", "2026-07-01")
    o.add("C", "飞云社区", "class_1", "2026-07-01")
    o.add("D", "飞云社区", "class_2", "2026-09-01")
    o.add("E", "闸口社区", "applying", "2026-11-01")
    o.add("F", "闸口社区", "to_check", "2026-11-15")
    o.add("G", "道仕袱村", "assisted", "2026-06-01")
    o.add("H", "道仕袱村", "class_1", "2026-01-01")
    o.add("I", "八泉社区", "class_1", "2026-07-01")
    o.visit("I", "2026-07-05")
    o.visit("A", "2026-07-15")
    o.visit("B", "2026-08-01")
    o.visit("G", "2026-08-20")
    o.visit("H", "2026-09-05")
    o.visit("I", "2026-10-10")
    o.visit("C", "2026-10-20")
    o.refs["RC"] = referrals.create_referral(o.db, o.admin, o.ids["C"], department="medical_insurance", need="住院费用报销",
                                             due_on=D("2026-11-30"), today=D("2026-11-01")).id
    referrals.update_status(o.db, o.admin, o.refs["RC"], "received", today=D("2026-11-05"))
    version = household(o.db, o.ids["I"]).version
    households.save_household(o.db, o.admin, o.ids["I"], version, {"region_id": district.regions["飞云社区"]})
    o.visit("I", "2026-12-01")
    o.refs["RA"] = referrals.create_referral(o.db, o.admin, o.ids["A"], department="medical_insurance", need="慢病门诊",
                                             due_on=DEC31, today=D("2026-12-10")).id
    o.refs["RB"] = referrals.create_referral(o.db, o.admin, o.ids["B"], department="education", need="子女助学",
                                             due_on=D("2027-01-04"), today=D("2026-12-20")).id
    return o


def last_day(o: Office) -> None:
    """12-31: A's visit late in the day; C to 二类库; E back from 申请中; H's visit written on G's card."""
    o.visit("A", "2026-12-31")
    o.move("C", "class_2", DEC31, "走访发现收入增加")
    o.move("E", "class_1", DEC31, "申请撤回")
    o.visits["G-wrong"] = o.visit("G", "2026-12-31", who="李社工")
    referrals.update_status(o.db, o.admin, o.refs["RC"], "done", feedback="已报销", today=DEC31)


def first_day(o: Office) -> monitoring.VisitInfo:
    """01-01: the wrong visit withdrawn and entered for H (dated 12-31); B visited; D and F moved."""
    withdrawn = monitoring.withdraw_visit(o.db, o.admin, o.visits["G-wrong"], reason="误录:应为H户", today=JAN1)
    o.visit("H", "2026-12-31", entered="2027-01-01", who="李社工")
    o.visit("B", "2027-01-01")
    o.move("D", "applying", JAN1, "符合条件,启动申请")
    o.move("F", "class_2", JAN1, "核对完毕,暂不符合")
    return withdrawn


def run(o: Office, capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> str:
    try:
        got = cli.main([*argv, "--database-url", o.url()])
    except SystemExit as exc:
        got = exc.code
    out, err = capsys.readouterr()
    assert int(got or 0) == code and "Traceback" not in out + err, err
    return out + err


def board(o: Office, capsys: pytest.CaptureFixture[str], as_of: date) -> dict[str, Any]:
    return json.loads(run(o, capsys, "board", "--json", "--as-of", as_of.isoformat()))


def cols(*counts: int) -> dict[str, int]:
    return dict(zip(("to_investigate", "to_check", "class_1", "class_2", "applying", "assisted"), counts, strict=True))


def sheet(path: Path, name: str | None = None) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(path, read_only=True)
    ws = book[name] if name else book.worksheets[0]
    rows = [tuple(c for c in row) for row in ws.iter_rows(values_only=True)]
    book.close()
    return rows


def data_rows(rows: list[tuple[Any, ...]], header_first: str) -> list[tuple[Any, ...]]:
    start = next(i for i, r in enumerate(rows) if r and r[0] == header_first) + 1
    return [r for r in rows[start:] if any(v not in (None, "") for v in r)]


def _day(value: Any) -> str | None:
    return None if value in (None, "") else str(value)[:10]


# -- the board on both days ------------------------------------------------------------------------

def test_the_board_on_new_years_eve_and_new_years_day(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    o = build(district)
    last_day(o)
    # 12-31: A, I, C visited in Q4 (and G, wrongly); not: B, D (overdue since 09-30), E (entered today,
    # owes Q4: due today, not yet overdue), H. F is 待核对.
    assert board(o, capsys, DEC31) == {"columns": cols(0, 1, 4, 3, 0, 1), "overdue": cols(0, 0, 0, 1, 0, 0),
                                       "visits": {"all": 8, "due": 4, "overdue": 1}}
    first_day(o)
    # 01-01: only B is visited in Q1 2027. Overdue: E (Q4's visit, due 12-31, never made) and G (its only
    # Q4 visit withdrawn: due 12-31 again). D left for 申请中 with its visit missed: no longer counted.
    assert board(o, capsys, JAN1) == {"columns": cols(0, 0, 4, 3, 1, 1), "overdue": cols(0, 0, 1, 0, 0, 1),
                                      "visits": {"all": 8, "due": 7, "overdue": 2}}
    assert run(o, capsys, "board", "--as-of", "2027-01-01").splitlines()[-1] == \
        "2027年第一季度:需走访 8 户,未访 7 户,逾期 2 户"
    # by region: 飞云社区 now holds I (moved in from 八泉社区 in November) beside C and D
    assert json.loads(run(o, capsys, "board", "--json", "--as-of", "2027-01-01", "--region", "飞云社区")) == {
        "columns": cols(0, 0, 1, 1, 1, 0), "overdue": cols(0, 0, 0, 0, 0, 0),
        "visits": {"all": 2, "due": 2, "overdue": 0}}
    assert json.loads(run(o, capsys, "board", "--json", "--as-of", "2027-01-01", "--region", "河口镇")) == {
        "columns": cols(0, 0, 2, 1, 0, 1), "overdue": cols(0, 0, 1, 0, 0, 1),
        "visits": {"all": 4, "due": 4, "overdue": 2}}


def test_due_dates_and_lists_across_the_year_boundary(district: District, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    o = build(district)
    last_day(o)
    due = {k: household(o.db, o.ids[k]).next_visit_due for k in "ABCEGHI"}
    assert due == {"A": D("2027-03-31"), "B": D("2026-12-31"), "C": D("2027-03-31"), "E": DEC31,
                   "G": D("2027-03-31"), "H": DEC31, "I": D("2027-03-31")}
    names = {hid: key for key, hid in o.ids.items()}
    assert [names[r.household_id] for r in monitoring.visit_due_page(o.db, o.admin, state="due", today=DEC31)] == \
        ["B", "D", "E", "H"]
    assert [names[r.household_id] for r in monitoring.visit_due_page(o.db, o.admin, state="overdue", today=DEC31)] \
        == ["D"]
    first_day(o)
    h = household(o.db, o.ids["H"])
    assert (h.last_visited_on, h.next_visit_due) == (DEC31, D("2027-03-31"))  # 补录 of 12-31 satisfies Q4
    b = household(o.db, o.ids["B"])
    assert (b.last_visited_on, b.next_visit_due) == (JAN1, D("2027-06-30"))  # Q1 done; Q4 stays missed in the report
    assert household(o.db, o.ids["D"]).next_visit_due is None
    rows = monitoring.visit_due_page(o.db, o.admin, state="all", today=JAN1)
    got = {names[r.household_id]: (r.visited_this_quarter, r.overdue, r.visit_due) for r in rows}
    assert got == {"A": (False, False, D("2027-03-31")), "B": (True, False, D("2027-06-30")),
                   "C": (False, False, D("2027-03-31")), "I": (False, False, D("2027-03-31")),
                   "E": (False, True, DEC31), "F": (False, False, D("2027-03-31")),
                   "G": (False, True, DEC31), "H": (False, False, D("2027-03-31"))}
    assert [names[r.household_id] for r in rows] == ["A", "B", "C", "I", "E", "F", "G", "H"]  # community, then id
    out = tmp_path / "overdue.xlsx"
    run(o, capsys, "visit-list", "--state", "overdue", "--as-of", "2027-01-01", "--out", str(out))
    listed = data_rows(sheet(out), "街道(镇)")
    assert [(r[0], r[1], r[3], r[7], _day(r[9]), _day(r[10]), r[11]) for r in listed] == [
        ("河口镇", "闸口社区", household(o.db, o.ids["E"]).head_name, "一类库", None, "2026-12-31", "逾期"),
        ("河口镇", "道仕袱村", household(o.db, o.ids["G"]).head_name, "救助中", "2026-08-20", "2026-12-31", "逾期")]
    assert "2027年第一季度" in str(sheet(out)[0][0])


# -- the wrong household's visit -------------------------------------------------------------------

def test_a_visit_recorded_for_the_wrong_household_is_withdrawn_and_recorded_again(district: District) -> None:
    o = build(district)
    last_day(o)
    g = household(o.db, o.ids["G"])
    assert (g.last_visited_on, g.next_visit_due) == (DEC31, D("2027-03-31"))
    with pytest.raises(ValidationFailed, match="原因"):
        monitoring.withdraw_visit(o.db, o.admin, o.visits["G-wrong"], reason="  ", today=JAN1)
    withdrawn = first_day(o)
    assert (withdrawn.visited_on, withdrawn.visitors) == (DEC31, "李社工")
    assert (withdrawn.last_visited_on, withdrawn.next_visit_due) == (D("2026-08-20"), DEC31)
    g = household(o.db, o.ids["G"])
    assert (g.last_visited_on, g.next_visit_due) == (D("2026-08-20"), DEC31)
    assert [v.visited_on for v in monitoring.household_visits(o.db, o.admin, o.ids["G"])] == [D("2026-08-20")]
    assert [v.visited_on for v in monitoring.household_visits(o.db, o.admin, o.ids["H"])] == [DEC31, D("2026-09-05")]
    [entry] = audit.list_entries(o.db, o.admin, audit.AuditFilter(text="误录:应为H户"))
    assert (entry.action, entry.action_label, entry.household_id) == ("withdraw_visit", "撤销走访记录", o.ids["G"])
    assert entry.before is not None and entry.before["visitors"] == "李社工"  # the visit as it was is kept


def test_withdrawing_an_older_visit_keeps_the_later_one(district: District) -> None:
    o = build(district)
    o.visit("A", "2026-12-31")
    first = monitoring.household_visits(o.db, o.admin, o.ids["A"])[-1]  # 07-15
    monitoring.withdraw_visit(o.db, o.admin, first.id, reason="重复登记", today=JAN1)
    a = household(o.db, o.ids["A"])
    assert (a.last_visited_on, a.next_visit_due) == (DEC31, D("2027-03-31"))
    # the only visit of a household moved between libraries: the due date is that of its entry's quarter
    only = monitoring.household_visits(o.db, o.admin, o.ids["C"])[0]  # 10-20
    o.move("C", "class_2", DEC31, "收入增加")
    monitoring.withdraw_visit(o.db, o.admin, only.id, reason="误录", today=JAN1)
    c = household(o.db, o.ids["C"])
    # (no move recorded C's entry, 07-01, and the move of 12-31 overwrote it: at the latest it owed the
    # visit of that move's quarter)
    assert (c.last_visited_on, c.next_visit_due) == (None, DEC31)


def test_due_from_visits_agrees_with_the_step_by_step_rules() -> None:
    # entered 一类库 on 11-01 (no visit): due at Q4's end, as due_after_move gives
    assert rules.due_from_visits("class_1", D("2026-11-01"), None, JAN1) == \
        rules.due_after_move("applying", "class_1", None, None, None, D("2026-11-01"))
    # a visit before the entry's quarter does not count; one in it does
    assert rules.due_from_visits("class_1", D("2026-11-01"), D("2026-09-30"), JAN1) == DEC31
    assert rules.due_from_visits("class_1", D("2026-11-01"), D("2026-10-02"), JAN1) == D("2027-03-31")
    assert rules.due_from_visits("class_2", D("2026-11-01"), DEC31, JAN1) == D("2027-03-31")
    assert rules.due_from_visits("applying", D("2026-11-01"), DEC31, JAN1) is None


# -- the quarterly reports -------------------------------------------------------------------------

Q4 = {  # community: (due, done, missing, visits, moves, referrals opened, closed)
    "八泉社区": (2, 1, 1, 1, 0, 2, 0),   # A (12-31) done, B missed; I moved away; RA, RB opened
    "飞云社区": (3, 2, 1, 3, 1, 1, 1),   # C, I done (I's 10-10 visit made in 八泉 counts here), D missed;
                                          # C's move; RC opened and closed
    "闸口社区": (1, 0, 1, 0, 1, 0, 0),   # E entered 12-31 and missed; F was 待核对; E's move
    "道仕袱村": (2, 1, 1, 1, 0, 0, 0),   # H done (entered 01-01), G's only visit withdrawn
}
Q1 = {  # as of 01-01: progress
    "八泉社区": (2, 1, 1, 1, 0, 0, 0),
    "飞云社区": (2, 0, 2, 0, 1, 0, 0),   # C, I; D is 申请中 now; D's move
    "闸口社区": (2, 0, 2, 0, 1, 0, 0),   # E, F; F's move
    "道仕袱村": (2, 0, 2, 0, 0, 0, 0),   # H's 12-31 visit belongs to Q4
}


def test_the_quarterly_reports_of_both_quarters_read_back(district: District, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    o = build(district)
    last_day(o)
    first_day(o)
    out = tmp_path / "q4.xlsx"
    run(o, capsys, "quarterly-report", "--year", "2026", "--quarter", "4", "--as-of", "2027-01-01", "--out", str(out))
    summary = data_rows(sheet(out, "季度汇总"), "街道(镇)")
    assert {r[1]: tuple(r[2:9]) for r in summary[:-1]} == Q4
    assert summary[-1][0] == "合计" and tuple(summary[-1][2:9]) == (8, 4, 4, 5, 2, 3, 1)
    assert "截至" not in str(sheet(out, "季度汇总")[0][0])  # Q4 is over: the quarter's figures
    missing = data_rows(sheet(out, "未访家庭"), "街道(镇)")
    name = {k: household(o.db, hid).head_name for k, hid in o.ids.items()}
    assert [(r[1], r[2], r[4], _day(r[6])) for r in missing] == [
        ("八泉社区", name["B"], "二类库", "2026-08-01"), ("飞云社区", name["D"], "二类库", None),
        ("闸口社区", name["E"], "一类库", None), ("道仕袱村", name["G"], "救助中", "2026-08-20")]
    moves = data_rows(sheet(out, "库别调整"), "调整日期")
    assert [(_day(r[0]), r[2], r[3], r[4], r[5]) for r in moves] == [
        ("2026-12-31", "飞云社区", name["C"], "一类库", "二类库"), ("2026-12-31", "闸口社区", name["E"], "申请中", "一类库")]

    q1 = monitoring.quarterly_report(o.db, o.admin, 2027, 1, today=JAN1)
    assert not q1.finished and q1.as_of == JAN1
    assert {r.community: (r.due, r.done, r.missing, r.visits, r.moves, r.referrals_opened, r.referrals_closed)
            for r in q1.rows} == Q1


def test_the_department_lists_on_both_days(district: District, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    o = build(district)
    last_day(o)
    first_day(o)
    name = {k: household(o.db, hid).head_name for k, hid in o.ids.items()}

    def listed(dept: str, status: str, as_of: str, expect: bool = True) -> list[dict[str, Any]]:
        out = tmp_path / f"{dept}-{status}-{as_of}.xlsx"
        args = ("referral-list", dept, "--status", status, "--as-of", as_of, "--out", str(out))
        if not expect:
            assert "没有符合条件的转介" in run(o, capsys, *args, code=1) and not out.exists()
            return []
        run(o, capsys, *args)
        rows = sheet(out)
        header = next(r for r in rows if r and "户主" in r)
        return [dict(zip(header, r, strict=False)) for r in data_rows(rows, header[0])]

    # 医保 on 12-31: RA due today, not yet overdue; RC closed today
    open_dec = listed("医保", "open", "2026-12-31")
    assert [r["户主"] for r in open_dec] == [name["A"]]
    assert listed("医保", "overdue", "2026-12-31", expect=False) == []
    # on 01-01 RA is overdue (its due day, a working day, has passed)
    assert [r["户主"] for r in listed("医保", "overdue", "2027-01-01")] == [name["A"]]
    done = listed("医保", "done", "2027-01-01")
    assert [(r["户主"], r.get("部门反馈", r.get("反馈"))) for r in done] == [(name["C"], "已报销")]
    # 教育: RB due Monday 01-04: open, not overdue on 01-04, overdue on 01-05
    assert [r["户主"] for r in listed("教育", "open", "2027-01-04")] == [name["B"]]
    assert listed("教育", "overdue", "2027-01-04", expect=False) == []
    assert [r["户主"] for r in listed("教育", "overdue", "2027-01-05")] == [name["B"]]


# -- two workstations ------------------------------------------------------------------------------

def _hear(q: queue.Queue, want: set[tuple[str, int]], timeout: float = 2.0) -> set[tuple[str, int]]:
    seen: set[tuple[str, int]] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not want <= seen:
        try:
            seen.add(q.get(timeout=0.05))
        except queue.Empty:
            pass
    return seen


def test_two_workstations_move_the_same_card_on_new_years_eve(district: District) -> None:
    """Two workstations (each its own engine) read C's card in 一类库 and move it at once: one move is
    saved, the other is told where the card is now and, moving it again from there, is saved too —
    nothing lost, the history in order; the second workstation hears the first's moves within 2 s."""
    o = build(district)
    hid = o.ids["C"]
    other = open_database(o.url())
    heard: queue.Queue = queue.Queue()
    watcher = ChangeWatcher(other, lambda topic, ident: heard.put((topic, ident)), interval=0.2)
    watcher.start(wait_ready=5)
    try:
        version = household(o.db, hid).version
        barrier = threading.Barrier(2)
        results: dict[str, Any] = {}

        def move(who: str, db: Any, to: str) -> None:
            barrier.wait()
            try:
                results[who] = monitoring.move_card(db, o.admin, hid, to, f"{who}调整", expected_version=version,
                                                    today=DEC31)
            except monitoring.MoveConflict as exc:
                results[who] = exc

        threads = [threading.Thread(target=move, args=("甲", o.db, "class_2")),
                   threading.Thread(target=move, args=("乙", other, "applying"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        [won] = [w for w, r in results.items() if isinstance(r, monitoring.MoveResult)]
        [lost] = [w for w, r in results.items() if isinstance(r, monitoring.MoveConflict)]
        winner, conflict = results[won], results[lost]
        assert f"它现在在“{rules.stage_label(winner.to_stage)}”" in conflict.message
        assert conflict.card is not None and (conflict.card.stage, conflict.card.version) == \
            (winner.to_stage, winner.card.version)
        # the loser, shown the card where it is, moves it again (二类库 ↔ 申请中 both allowed)
        again = "applying" if winner.to_stage == "class_2" else "class_2"
        db_of = {"甲": o.db, "乙": other}
        monitoring.move_card(db_of[lost], o.admin, hid, again, f"{lost}重新调整", expected_version=conflict.card.version,
                             today=DEC31)
        moves = monitoring.household_moves(o.db, o.admin, hid)[::-1]
        assert [(m.from_label, m.to_label, m.reason) for m in moves] == [
            ("一类库", rules.stage_label(winner.to_stage), f"{won}调整"),
            (rules.stage_label(winner.to_stage), rules.stage_label(again), f"{lost}重新调整")]
        # the other workstation hears a move made on the first
        while not heard.empty():
            heard.get()
        started = time.monotonic()
        monitoring.move_card(o.db, o.admin, o.ids["B"], "class_1", "情况好转", expected_version=None, today=DEC31)
        want = {("board", o.ids["B"])} if not o.db.is_sqlite else {("*", 0)}
        assert want <= _hear(heard, want)
        assert time.monotonic() - started < 2.0
        assert monitoring.cards_by_id(other, o.admin, [o.ids["B"]], today=DEC31)[0].stage == "class_1"
    finally:
        watcher.stop()
        other.dispose()


# -- the window ------------------------------------------------------------------------------------

def test_the_household_window_withdraws_a_visit_recorded_in_error(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QDialog, QLabel

    from desktop.views.confirm import ReasonDialog
    from desktop.views.context import AppContext
    from desktop.views.household_detail import HouseholdDetailDialog

    db, admin = sqlite_district.db, sqlite_district.admin
    [hid] = add_households(db, sqlite_district.regions["道仕袱村"], "assisted", stage_since=D("2026-06-01"))
    monitoring.record_visit(db, admin, hid, visited_on=D("2026-08-20"), visitors="王社工", findings="无变化",
                            today=D("2026-08-20"))
    wrong = date.today()
    monitoring.record_visit(db, admin, hid, visited_on=wrong, visitors="李社工", findings="应为另一户")
    window = HouseholdDetailDialog(AppContext(db, admin), hid)
    qtbot.addWidget(window)
    window.show()
    visits = next(window.history.topLevelItem(i) for i in range(window.history.topLevelItemCount())
                  if window.history.topLevelItem(i).text(0).startswith("Visits"))
    assert visits.childCount() == 2 and not window.withdraw_button.isEnabled()
    window.history.setCurrentItem(visits.child(0))  # the newest first: today's
    assert window.withdraw_button.isEnabled()
    asked: list[str] = []

    def answer(dialog: ReasonDialog) -> int:
        asked.append(next(w.text() for w in dialog.findChildren(QLabel) if "Withdraw the visit" in w.text()))
        assert not dialog.ok_button.isEnabled()  # no reason, no OK
        dialog.reason_edit.setPlainText("误录为其他家庭")
        assert dialog.ok_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReasonDialog, "exec", answer)
    window.withdraw_button.click()
    assert wrong.isoformat() in asked[0]
    h = household(db, hid)
    assert (h.last_visited_on, h.next_visit_due) == (D("2026-08-20"), DEC31)
    visits = next(window.history.topLevelItem(i) for i in range(window.history.topLevelItemCount())
                  if window.history.topLevelItem(i).text(0).startswith("Visits"))
    assert visits.text(0) == "Visits (1)" and visits.child(0).text(2) == "王社工"
    # a line that is no visit (the move history, a referral) withdraws nothing
    window.history.setCurrentItem(window.history.topLevelItem(0))
    assert not window.withdraw_button.isEnabled()


def test_two_board_windows_on_one_database_follow_each_other(qtbot, district: District) -> None:  # noqa: ANN001
    """Two workstations' boards (each its own engine, user and live updates) on New Year's Eve: the first
    moves a card; the second, its screen not yet refreshed, drags the same card and is told who moved it
    and where it is now (its board shows it there; the first's move stands); then a move on the first
    reaches the second's board within the live-update time, its selection kept."""
    from desktop.rules.codes import Role
    from desktop.views.board import BoardPage
    from desktop.views.conflict import ConflictDialog
    from desktop.views.context import AppContext
    from desktop.views.live import LiveUpdates
    from desktop.views.operations import wait_for_background
    from tests.test_monitoring_views import _answer_conflict, _drop

    db = district.db
    x, y, z = add_households(db, district.regions["八泉社区"], "class_1", 3, stage_since=D("2026-10-01"))
    other = open_database(db.url.render_as_string(hide_password=False))
    pages = []
    for ctx in (AppContext(db, district.admin), AppContext(other, district.actor(Role.SUBDISTRICT_CASEWORKER))):
        page = BoardPage(ctx)
        qtbot.addWidget(page, before_close_func=lambda _w: wait_for_background())
        page.resize(1300, 800)
        page.show()
        pages.append(page)
    first, second = pages
    live = LiveUpdates(second.ctx, second, interval=0.2)
    try:
        second.board.columns["class_1"].select(y)
        def drag(page: BoardPage, to: str, reason: str) -> Any:
            """Drag card x to ``to`` on ``page``: the move dialog, its reason typed."""
            _drop(page, x, to)
            qtbot.waitUntil(lambda: page.board.move_dialog is not None)
            page.board.move_dialog.reason_edit.insertPlainText(reason)
            return page.board.move_dialog

        drag(first, "class_2", "年底走访:收入增加").ok_button.click()
        qtbot.waitUntil(lambda: first.board.columns["class_2"].model.row_of(x) == 0)
        late = drag(second, "applying", "符合条件")  # its card still shows 一类库
        seen: list = []
        _answer_conflict(second.board, ConflictDialog.RELOAD, seen)
        late.ok_button.click()
        qtbot.waitUntil(lambda: bool(seen))
        message, rows, _keep = seen[0]
        assert district.admin.display_name in message  # who moved it first; the rows say where it is now
        assert ("库别", "二类库", "申请中") in rows  # now (the other's) beside what this one wanted
        assert second.board.columns["class_2"].model.row_of(x) == 0
        assert second.board.columns["class_1"].model.row_of(x) == -1
        assert household(db, x).stage == "class_2"
        assert [m.reason for m in monitoring.household_moves(db, district.admin, x)] == ["年底走访:收入增加"]
        live.start()
        assert live.watcher.wait_ready(5)
        monitoring.move_card(db, district.admin, z, "class_2", "情况变化", expected_version=None)
        qtbot.waitUntil(lambda: second.board.columns["class_2"].model.row_of(z) >= 0, timeout=5000)
        assert second.board.columns["class_1"].model.row_of(z) == -1
        assert second.board.columns["class_1"].current_card().id == y  # selection kept
        assert (second.board.columns["class_1"].count, second.board.columns["class_2"].count) == (1, 2)
    finally:
        live.stop()
        other.dispose()


def test_the_fourth_quarter_asked_for_in_january_is_last_years(district: District, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """`quarterly-report --quarter 4` on 01-05 reports 2026 Q4 (it said 2027 Q4 had not begun); with neither
    --year nor --quarter it is the quarter due, as the window's dialog opens on: 2026 Q4 in January (its report
    is made then), the quarter under way from February; --year alone is that year's current quarter."""
    o = build(district)
    last_day(o)
    first_day(o)
    out = tmp_path / "q4.xlsx"
    text = run(o, capsys, "quarterly-report", "--quarter", "4", "--as-of", "2027-01-05", "--out", str(out))
    assert "2026年第四季度" in str(sheet(out, "季度汇总")[0][0]) and "2026年第四季度" in text
    assert data_rows(sheet(out, "季度汇总"), "街道(镇)")[-1][2:9] == (8, 4, 4, 5, 2, 3, 1)
    out = tmp_path / "now.xlsx"
    run(o, capsys, "quarterly-report", "--as-of", "2027-01-05", "--out", str(out))
    assert "2026年第四季度" in str(sheet(out, "季度汇总")[0][0])
    run(o, capsys, "quarterly-report", "--year", "2027", "--as-of", "2027-01-05", "--out", str(out))
    assert "2027年第一季度" in str(sheet(out, "季度汇总")[0][0])
    run(o, capsys, "quarterly-report", "--as-of", "2027-02-01", "--out", str(out))
    assert "2027年第一季度" in str(sheet(out, "季度汇总")[0][0])
    assert (rules.latest_year_of(4, JAN1), rules.latest_year_of(1, JAN1), rules.latest_year_of(4, DEC31)) == \
        (2026, 2027, 2026)
