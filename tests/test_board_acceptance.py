"""Issue 6's acceptance, end to end on an empty database: thirteen households built by hand through the
services in date order (placed in the monitoring library by the means test's own placement, visited,
moved on the board, referred, one moved to another community, one leaving the library), and at four
moments — the last day of Q1 2026, the first two days of Q2 and a day in mid-May — every figure of
`relief-desk board` (text and --json), `visit-list` (read back with openpyxl), `referral-list`,
`quarterly-report` and the board page's models checked against figures worked out by hand below
(RULES.md §1.4: one visit per calendar quarter for 一类库, 二类库 and 救助中).

The services are given each event's day as "today", the commands --as-of; assessments may not be
dated after the real today, so the machine's clock must be past 2026-05-18.

Policy: the demo values (城市 2026 standard 780, 低保边缘 line 1170; 农村 620, line 930). Every head
is one person, born 1986, healthy unless said; wages are a year's.

    hh   community          placed (by the means test)              later
    H1   八泉社区   01-05   wages 12000 → 1000/month 边缘 → 一类库    visited 03-31
    H2   八泉社区   01-05   same → 一类库                            visited 04-01
    H3   飞云社区   02-10   wages 36000, 重病 → 2700 不符合, vulnerable → 二类库; never visited
    H4   飞云社区   01-20   as H3 → 二类库                           visited 02-15; moved to 闸口社区 in
                                                                   April; visited 05-10
    H5   道仕袱村   03-31   rural wages 8400 → 700 边缘 → 一类库 (on the quarter's last day)
    H6   闸口社区   01-15   rural wages 8400 → 一类库                visited 03-10; re-assessed 04-10 with
                                                                   wages 60000 → 5000 不符合, not
                                                                   vulnerable → 不纳入监测 (leaves)
    H7   八泉社区   02-02   no income → 低保 → 申请中; commitment application accepted 02-03, approved
                            02-13 → 救助中 (needs visits); visited 04-15 and 05-18
    H8   飞云社区   05-06   no income → 申请中
    H9   八泉社区   03-02   category 低保, wages 12000 → 边缘 → 在保对象复核 → 待核对; board move
                            05-12 → 待调查 (papers incomplete)
    H10  八泉社区   01-08   as H3 → 二类库                           visited 01-20; board move 04-08
                                                                   二类库 → 一类库
    H11  八泉社区   03-02   as H9 → 待核对
    H12  闸口社区   01-10   rural wages 24000, 重病 → 1800 不符合, vulnerable → 二类库; its visit of 03-31
                            is entered on 04-02 (补录)
    H13  道仕袱村   04-01   as H12 → 二类库 (on the quarter's first day)

Referrals: R1 H3 医保 sent 03-20 due 04-04 (Saturday in the Qingming days off 04-04..06: runs to
Tuesday 04-07, overdue from 04-08); R3 H7 残联 sent 03-25 due 04-30, declined 04-03; R2 H1 教育 sent
04-02 due 06-30, received 04-10, done 05-08; R4 H2 医保 sent 05-15 due Tuesday 05-19 (overdue on 05-20).

Definitions this check follows (see the report of this pass):
* "not visited this quarter" (本季度未走访) includes the overdue; overdue = the due date has passed, the
  due date being the end of the quarter a visit is owed in. A household placed on 03-31 owes Q1's
  visit: it is due that day and overdue on 04-01 (a placement is not a visit).
* A household is due in a quarter's report when it is in 一类库/二类库/救助中 at the quarter's end (from
  the move history); it is reported under the community it belongs to now (the register keeps no
  history of a household's community), with its visits, moves and referrals.
* The report's moves are every recorded move of the quarter, placements into the board included.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop import cli
from desktop.rules import idcard
from desktop.rules import means_test as mt
from desktop.services import applications, assessment, households, monitoring, policy, referrals
from tests.district import District

D = date.fromisoformat
Q1_END, Q2_START, Q2_SECOND, MID_MAY = D("2026-03-31"), D("2026-04-01"), D("2026-04-02"), D("2026-05-20")


@dataclass
class Scenario:
    district: District
    ids: dict[str, int] = field(default_factory=dict)  # H1.. → household id
    refs: dict[str, int] = field(default_factory=dict)  # R1.. → referral id
    events: list[tuple[str, Any]] = field(default_factory=list)  # (day, what happens), in date order

    def advance(self, until: date) -> Scenario:
        """Run the events up to and including ``until`` (those not yet run)."""
        while self.events and D(self.events[0][0]) <= until:
            self.events.pop(0)[1]()
        return self

    @property
    def db(self):  # noqa: ANN201
        return self.district.db

    @property
    def admin(self):  # noqa: ANN201
        return self.district.admin

    def url(self) -> str:
        return self.db.url.render_as_string(hide_password=False)


HEADS = {"H1": "甲一", "H2": "乙二", "H3": "丙三", "H4": "丁四", "H5": "戊五", "H6": "己六", "H7": "庚七",
         "H8": "辛八", "H9": "壬九", "H10": "癸十", "H11": "子十一", "H12": "丑十二", "H13": "寅十三"}


def _household(s: Scenario, key: str, community: str, wages: str | None, *, ill: bool = False,
               category: str = "none") -> int:
    number = idcard.make("420203", date(1986, 3, 3), 2 * len(s.ids) + 1)
    head: dict[str, Any] = {"name": HEADS[key], "id_number": number}
    if ill:
        head["health"] = "serious"
    hid = households.create_household(s.db, s.admin, region_id=s.district.regions[community],
                                      address=f"{community}{key}号", phone=f"1380000{int(key[1:]):04d}",
                                      head=head, category=category)
    if wages is not None:
        _wages(s, hid, wages, D("2025-12-31"))
    s.ids[key] = hid
    return hid


def _wages(s: Scenario, hid: int, amount: str, period_end: date) -> None:
    inputs = assessment.load_household(s.db, s.admin, hid)
    households.add_income(s.db, s.admin, hid, inputs.version,
                          {"kind": "wages", "amount": amount, "period_end": period_end,
                           "member_id": inputs.members[0].id})


def _assess(s: Scenario, key: str, on: str, expected_placement: str) -> None:
    """Saved with the placement the means test suggests (checked to be the one worked out by hand)."""
    hid = s.ids[key]
    inputs = assessment.load_household(s.db, s.admin, hid)
    preview = assessment.preview(s.db, s.admin, hid, inputs.facts(), D(on))
    assert preview.result.suggested_placement == expected_placement, (key, preview.result.summary())
    assessment.save_assessment(s.db, s.admin, assessment.SaveRequest(
        household_id=hid, assessed_on=D(on), facts=inputs.facts(), verification_methods=["data_check"],
        investigators=["王调查"], placement=expected_placement, household_version=inputs.version))


def _visit(s: Scenario, key: str, on: str, recorded: str | None = None) -> None:
    monitoring.record_visit(s.db, s.admin, s.ids[key], visited_on=D(on), visitors="李走访、张走访",
                            findings="家庭情况无变化", today=D(recorded or on))


def _move(s: Scenario, key: str, to_stage: str, on: str, reason: str) -> None:
    monitoring.move_card(s.db, s.admin, s.ids[key], to_stage, reason, expected_version=None, today=D(on))


def _refer(s: Scenario, key: str, ref: str, department: str, on: str, due: str) -> None:
    s.refs[ref] = referrals.create_referral(s.db, s.admin, s.ids[key], department=department, need=f"{ref}的需求",
                                            due_on=D(due), today=D(on)).id


def _answer(s: Scenario, ref: str, status: str, on: str) -> None:
    referrals.update_status(s.db, s.admin, s.refs[ref], status, feedback=f"{ref} {status}", today=D(on))


def build(district: District) -> Scenario:
    """The households, no event yet: :meth:`Scenario.advance` runs the events above in date order."""
    assert policy.seed_default_policy(district.db) > 0
    s = Scenario(district)
    _household(s, "H1", "八泉社区", "12000")
    _household(s, "H2", "八泉社区", "12000")
    _household(s, "H3", "飞云社区", "36000", ill=True)
    _household(s, "H4", "飞云社区", "36000", ill=True)
    _household(s, "H5", "道仕袱村", "8400")
    _household(s, "H6", "闸口社区", "8400")
    _household(s, "H7", "八泉社区", None)
    _household(s, "H8", "飞云社区", None)
    _household(s, "H9", "八泉社区", "12000", category="dibao")
    _household(s, "H10", "八泉社区", "36000", ill=True)
    _household(s, "H11", "八泉社区", "12000", category="dibao")
    _household(s, "H12", "闸口社区", "24000", ill=True)
    _household(s, "H13", "道仕袱村", "24000", ill=True)

    def h7_approved() -> None:
        app_id = applications.accept(s.db, s.admin, household_id=s.ids["H7"], category="dibao", track="commitment",
                                     accepted_on=D("2026-02-03"),
                                     commitment=applications.CommitmentInput(HEADS["H7"], D("2026-02-03")),
                                     today=D("2026-02-03"))
        applications.complete_step(s.db, s.admin, app_id, "check", on=D("2026-02-04"), result="passed",
                                   today=D("2026-02-04"))
        applications.complete_step(s.db, s.admin, app_id, "investigation", on=D("2026-02-05"),
                                   investigators=["刘一", "陈二"], today=D("2026-02-05"))
        applications.complete_step(s.db, s.admin, app_id, "publicity", on=D("2026-02-13"),
                                   publicity_start=D("2026-02-06"), today=D("2026-02-13"))
        applications.decide(s.db, s.admin, app_id, approve=True, on=D("2026-02-13"), amount="780",
                            today=D("2026-02-13"))

    def h4_moves_community() -> None:
        version = households.get_household(s.db, s.admin, s.ids["H4"]).version
        households.save_household(s.db, s.admin, s.ids["H4"], version,
                                  {"region_id": district.regions["闸口社区"], "address": "闸口社区新住址"})

    s.events = [
        ("2026-01-05", lambda: (_assess(s, "H1", "2026-01-05", mt.CLASS_1), _assess(s, "H2", "2026-01-05", mt.CLASS_1))),
        ("2026-01-08", lambda: _assess(s, "H10", "2026-01-08", mt.CLASS_2)),
        ("2026-01-10", lambda: _assess(s, "H12", "2026-01-10", mt.CLASS_2)),
        ("2026-01-15", lambda: _assess(s, "H6", "2026-01-15", mt.CLASS_1)),
        ("2026-01-20", lambda: (_assess(s, "H4", "2026-01-20", mt.CLASS_2), _visit(s, "H10", "2026-01-20"))),
        ("2026-02-02", lambda: _assess(s, "H7", "2026-02-02", mt.APPLY)),
        ("2026-02-03", h7_approved),  # through to the approval on 02-13 (nothing else happens in between)
        ("2026-02-10", lambda: _assess(s, "H3", "2026-02-10", mt.CLASS_2)),
        ("2026-02-15", lambda: _visit(s, "H4", "2026-02-15")),
        ("2026-03-02", lambda: (_assess(s, "H9", "2026-03-02", mt.REVIEW), _assess(s, "H11", "2026-03-02", mt.REVIEW))),
        ("2026-03-10", lambda: _visit(s, "H6", "2026-03-10")),
        ("2026-03-20", lambda: _refer(s, "H3", "R1", "medical_insurance", "2026-03-20", "2026-04-04")),
        ("2026-03-25", lambda: _refer(s, "H7", "R3", "disabled_federation", "2026-03-25", "2026-04-30")),
        ("2026-03-31", lambda: (_visit(s, "H1", "2026-03-31"), _assess(s, "H5", "2026-03-31", mt.CLASS_1))),
        ("2026-04-01", lambda: (_visit(s, "H2", "2026-04-01"), _assess(s, "H13", "2026-04-01", mt.CLASS_2))),
        ("2026-04-02", lambda: (_visit(s, "H12", "2026-03-31", recorded="2026-04-02"),  # entered late (补录)
                                _refer(s, "H1", "R2", "education", "2026-04-02", "2026-06-30"))),
        ("2026-04-03", lambda: _answer(s, "R3", "declined", "2026-04-03")),
        ("2026-04-08", lambda: _move(s, "H10", "class_1", "2026-04-08", "走访发现收入下降")),
        ("2026-04-10", lambda: (_wages(s, s.ids["H6"], "60000", D("2026-03-31")),
                                _assess(s, "H6", "2026-04-10", mt.NOT_MONITORED),
                                _answer(s, "R2", "received", "2026-04-10"))),
        ("2026-04-15", lambda: _visit(s, "H7", "2026-04-15")),
        ("2026-04-20", h4_moves_community),
        ("2026-05-06", lambda: _assess(s, "H8", "2026-05-06", mt.APPLY)),
        ("2026-05-08", lambda: _answer(s, "R2", "done", "2026-05-08")),
        ("2026-05-10", lambda: _visit(s, "H4", "2026-05-10")),
        ("2026-05-12", lambda: _move(s, "H9", "to_investigate", "2026-05-12", "资料不全,退回补充调查")),
        ("2026-05-15", lambda: _refer(s, "H2", "R4", "medical_insurance", "2026-05-15", "2026-05-19")),
        ("2026-05-18", lambda: _visit(s, "H7", "2026-05-18")),  # a second visit in the quarter
    ]
    return s


# -- the command line --------------------------------------------------------------------------------

def run(s: Scenario, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main([*argv, "--database-url", s.url()])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "内部错误" not in err, err
    return int(code or 0), out, err


def board_json(s: Scenario, capsys: pytest.CaptureFixture[str], as_of: date, *extra: str) -> dict[str, Any]:
    code, out, err = run(s, capsys, "board", "--json", "--as-of", as_of.isoformat(), *extra)
    assert code == 0 and err == "", err
    return json.loads(out)


STAGES = ("to_investigate", "to_check", "class_1", "class_2", "applying", "assisted")


def columns(*counts: int) -> dict[str, int]:
    return dict(zip(STAGES, counts, strict=True))


def board_text(s: Scenario, capsys: pytest.CaptureFixture[str], as_of: date, *extra: str) -> list[str]:
    code, out, err = run(s, capsys, "board", "--as-of", as_of.isoformat(), *extra)
    assert code == 0 and err == "", err
    return out.splitlines()


# (as of, region or None) → (columns, overdue per column, visits {all, due, overdue}), worked out by hand
BOARD = {
    # 03-31: H4 still in 飞云社区, H6 still in 一类库, H8 and H13 not yet assessed, H9 in 待核对, H10 in
    # 二类库. Visited in Q1: H1 (03-31), H4, H6, H10; not: H2, H3, H5 (placed today), H7, H12 (its visit
    # today is entered on 04-02). Nobody overdue: every due date is 03-31 or later.
    (Q1_END, None): (columns(0, 2, 4, 4, 0, 1), columns(0, 0, 0, 0, 0, 0), {"all": 9, "due": 5, "overdue": 0}),
    (Q1_END, "飞云社区"): (columns(0, 0, 0, 2, 0, 0), columns(0, 0, 0, 0, 0, 0), {"all": 2, "due": 1, "overdue": 0}),
    # 04-01: a new quarter, only H2 visited in it (04-01); H13 placed, owing Q2's visit. Owed Q1's visit
    # and overdue: H3, H5 (placed on 03-31), H7, H12 (as far as the program knows); H1 (visited 03-31),
    # H4, H6, H10 owe Q2's by 06-30.
    (Q2_START, None): (columns(0, 2, 4, 5, 0, 1), columns(0, 0, 1, 2, 0, 1), {"all": 10, "due": 9, "overdue": 4}),
    (Q2_START, "八泉社区"): (columns(0, 2, 2, 1, 0, 1), columns(0, 0, 0, 0, 0, 1), {"all": 4, "due": 3, "overdue": 1}),
    # 04-02: H12's visit of 03-31 entered: Q1's visit made, not overdue; it still owes Q2's
    (Q2_SECOND, None): (columns(0, 2, 4, 5, 0, 1), columns(0, 0, 1, 1, 0, 1), {"all": 10, "due": 9, "overdue": 3}),
    # 05-20: H6 has left, H8 applies, H9 back to 待调查, H10 in 一类库, H4 in 闸口社区. Visited in Q2: H2, H4
    # (05-10), H7 (04-15, 05-18); not: H1, H3, H5, H10, H12, H13; overdue still: H3, H5.
    (MID_MAY, None): (columns(1, 1, 4, 4, 1, 1), columns(0, 0, 1, 1, 0, 0), {"all": 9, "due": 6, "overdue": 2}),
    (MID_MAY, "八泉社区"): (columns(1, 1, 3, 0, 0, 1), columns(0, 0, 0, 0, 0, 0), {"all": 4, "due": 2, "overdue": 0}),
    (MID_MAY, "飞云社区"): (columns(0, 0, 0, 1, 1, 0), columns(0, 0, 0, 1, 0, 0), {"all": 1, "due": 1, "overdue": 1}),
    (MID_MAY, "闸口社区"): (columns(0, 0, 0, 2, 0, 0), columns(0, 0, 0, 0, 0, 0), {"all": 2, "due": 1, "overdue": 0}),
    (MID_MAY, "河口镇"): (columns(0, 0, 1, 3, 0, 0), columns(0, 0, 1, 0, 0, 0), {"all": 4, "due": 3, "overdue": 1}),
}

TEXT = {  # the whole district, as `relief-desk board` prints it
    Q1_END: ["待调查\t0", "待核对\t2", "一类库\t4", "二类库\t4", "申请中\t0", "救助中\t1",
             "2026年第一季度:需走访 9 户,未访 5 户,逾期 0 户"],
    Q2_START: ["待调查\t0", "待核对\t2", "一类库\t4(走访逾期 1)", "二类库\t5(走访逾期 2)", "申请中\t0",
               "救助中\t1(走访逾期 1)", "2026年第二季度:需走访 10 户,未访 9 户,逾期 4 户"],
    Q2_SECOND: ["待调查\t0", "待核对\t2", "一类库\t4(走访逾期 1)", "二类库\t5(走访逾期 1)", "申请中\t0",
                "救助中\t1(走访逾期 1)", "2026年第二季度:需走访 10 户,未访 9 户,逾期 3 户"],
    MID_MAY: ["待调查\t1", "待核对\t1", "一类库\t4(走访逾期 1)", "二类库\t4(走访逾期 1)", "申请中\t1", "救助中\t1",
              "2026年第二季度:需走访 9 户,未访 6 户,逾期 2 户"],
}


def test_the_board_at_the_quarter_boundary_and_after(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    s = build(district)
    for as_of in (Q1_END, Q2_START, Q2_SECOND, MID_MAY):
        s.advance(as_of)
        for (day, region), (cols, overdue, visits) in BOARD.items():
            if day != as_of:
                continue
            extra = ("--region", region) if region else ()
            got = board_json(s, capsys, as_of, *extra)
            assert got == {"columns": cols, "overdue": overdue, "visits": visits}, (as_of, region)
        assert board_text(s, capsys, as_of) == TEXT[as_of], as_of


@dataclass(frozen=True)
class HandCard:
    stage: str
    community: str
    category: str
    last_visit: str | None
    days: int | None
    due: str | None
    overdue: bool
    referrals: tuple[int, int] = (0, 0)  # open, of them overdue


# The cards on 05-20 (days since the last visit counted by hand: 03-31 → 05-20 is 50 days).
CARDS = {
    "H1": HandCard("class_1", "八泉社区", "低保边缘", "2026-03-31", 50, "2026-06-30", False),  # R2 done
    "H2": HandCard("class_1", "八泉社区", "低保边缘", "2026-04-01", 49, "2026-09-30", False, (1, 1)),  # R4
    "H3": HandCard("class_2", "飞云社区", "无", None, None, "2026-03-31", True, (1, 1)),  # R1
    "H4": HandCard("class_2", "闸口社区", "无", "2026-05-10", 10, "2026-09-30", False),
    "H5": HandCard("class_1", "道仕袱村", "低保边缘", None, None, "2026-03-31", True),
    "H7": HandCard("assisted", "八泉社区", "低保", "2026-05-18", 2, "2026-09-30", False),  # R3 declined
    "H8": HandCard("applying", "飞云社区", "无", None, None, None, False),
    "H9": HandCard("to_investigate", "八泉社区", "低保", None, None, None, False),
    "H10": HandCard("class_1", "八泉社区", "无", "2026-01-20", 120, "2026-06-30", False),
    "H11": HandCard("to_check", "八泉社区", "低保", None, None, None, False),
    "H12": HandCard("class_2", "闸口社区", "无", "2026-03-31", 50, "2026-06-30", False),
    "H13": HandCard("class_2", "道仕袱村", "无", None, None, "2026-06-30", False),
}


def hand_card(card: monitoring.Card) -> HandCard:
    return HandCard(card.stage, card.community, card.category_label,
                    card.last_visited_on.isoformat() if card.last_visited_on else None, card.days_since_visit,
                    card.visit_due.isoformat() if card.visit_due else None, card.overdue,
                    (card.open_referrals, card.overdue_referrals))


def test_the_cards_in_mid_may(district: District) -> None:
    s = build(district).advance(MID_MAY)
    board = monitoring.open_board(s.db, s.admin, today=MID_MAY)
    got = {key: hand_card(card) for col in board for card in col.cards for key, hid in s.ids.items()
           if card.id == hid}
    assert got == CARDS
    assert s.ids["H6"] not in {card.id for col in board for card in col.cards}  # left the library
    overdue = monitoring.open_board(s.db, s.admin, monitoring.BoardFilter(overdue_only=True), today=MID_MAY)
    assert {card.head_name for col in overdue for card in col.cards} == {HEADS["H3"], HEADS["H5"]}


def read_sheets(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet as rows of values (dates as dates, empty cells dropped from the end of a row)."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        out = {}
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                values = [v.date() if hasattr(v, "date") and callable(v.date) else v for v in row]
                while values and values[-1] is None:
                    values.pop()
                rows.append(values)
            out[sheet.title] = rows
        return out
    finally:
        book.close()


VISIT_HEADERS = ["街道(镇)", "社区(村)", "户编号", "户主", "身份证号", "联系电话", "住址", "库别", "救助类别",
                 "最近走访", "应访日期", "逾期", "走访记录(手写)"]


def visit_row(s: Scenario, key: str) -> list[Any]:
    """A row of the visit list on 05-20 as worked out by hand from CARDS."""
    card = CARDS[key]
    sub = "河口镇" if card.community in ("闸口社区", "道仕袱村") else "八泉街道"
    with s.db.session_factory() as session:
        from desktop.models import Household

        h = session.get(Household, s.ids[key])
        code, number, phone, address = h.code, h.head_id_number, h.phone, h.address
    assert code == f"H{s.ids[key]:07d}"
    row = [sub, card.community, code, HEADS[key], number, phone, address,
           {"class_1": "一类库", "class_2": "二类库", "assisted": "救助中"}[card.stage], card.category,
           D(card.last_visit) if card.last_visit else None, D(card.due) if card.due else None,
           "逾期" if card.overdue else None]
    while row[-1] is None:
        row.pop()
    return row


# state, region, search → households, in the list's order (sub-district, community, then as entered)
VISIT_LISTS = {
    ("due", None, ""): ["H1", "H10", "H3", "H12", "H5", "H13"],  # 八泉社区, 飞云社区, 闸口社区, 道仕袱村
    ("overdue", None, ""): ["H3", "H5"],
    ("all", None, ""): ["H1", "H2", "H7", "H10", "H3", "H4", "H12", "H5", "H13"],
    ("all", "河口镇", ""): ["H4", "H12", "H5", "H13"],  # H4 in 闸口社区 since April
    ("due", "八泉社区", ""): ["H1", "H10"],
    ("all", None, "丙三"): ["H3"],
}


def test_the_visit_list_read_back(district: District, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    s = build(district).advance(MID_MAY)
    for n, ((state, region, search), keys) in enumerate(VISIT_LISTS.items()):
        out = tmp_path / f"走访{n}.xlsx"
        argv = ["visit-list", "--state", state, "--as-of", MID_MAY.isoformat(), "--out", str(out)]
        argv += ["--region", region] if region else []
        argv += ["--search", search] if search else []
        code, text, err = run(s, capsys, *argv)
        label = {"due": "本季度未走访", "overdue": "已逾期", "all": "全部监测家庭"}[state]
        assert code == 0 and err == "" and text == f"已导出走访名单({label}){len(keys)} 户 → {out}\n", err
        [(name, rows)] = read_sheets(out).items()
        assert name == "走访名单"
        assert rows[0][0].startswith(f"走访名单 2026年第二季度 · {label}") and f"共 {len(keys)} 户" in rows[0][0]
        # worked out for 05-20, made today: the title says both (it said “2026-05-20 导出”)
        assert f"按 2026-05-20 计算,{date.today():%Y-%m-%d} 导出" in rows[0][0]
        assert rows[1] == VISIT_HEADERS
        assert rows[2:] == [visit_row(s, key) for key in keys], (state, region, search)
    # the page's list says the same (its "this quarter" column: visited, overdue or due)
    for state in ("due", "overdue", "all"):
        rows = monitoring.visit_due_page(s.db, s.admin, state=state, today=MID_MAY)
        keys = {k for k in s.ids if s.ids[k] in {r.household_id for r in rows}}
        assert keys == set(VISIT_LISTS[(state, None, "")])
    # nothing to list: said, and no file
    code, _, err = run(s, capsys, "visit-list", "--state", "overdue", "--region", "八泉社区", "--as-of",
                       MID_MAY.isoformat(), "--out", str(tmp_path / "none.xlsx"))
    assert code == 1 and "没有符合条件的家庭(已逾期)" in err and not (tmp_path / "none.xlsx").exists()


QUARTER_HEADERS = ["街道(镇)", "社区(村)", "应访户数", "已访户数", "未访户数", "走访次数", "库别调整次数",
                   "新开转介", "办结转介"]
# Per community: due, visited, missing, visits made, moves, referrals opened, closed (by hand; see the
# module's docstring for what each counts).
Q1 = {
    # due H1, H2, H7 (救助中), H10; visited H1 (03-31), H10 (01-20); missing H2 (its visit is 04-01), H7.
    # Moves: placements of H1, H2, H10, H7 (申请中) and its approval (→ 救助中), H9, H11 = 7. Opened: R3.
    ("八泉街道", "八泉社区"): [4, 2, 2, 2, 7, 1, 0],
    ("八泉街道", "飞云社区"): [1, 0, 1, 0, 1, 1, 0],  # H3 (R1); H4 is reported in 闸口社区 now
    ("河口镇", "闸口社区"): [3, 3, 0, 3, 3, 0, 0],  # H4, H6 (it left in Q2: due in Q1), H12 (entered late)
    ("河口镇", "道仕袱村"): [1, 0, 1, 0, 1, 0, 0],  # H5 placed on 03-31: due in Q1, not visited
}
Q2 = {
    # due H1, H2, H7, H10; visited H2 (04-01), H7 (twice: 2 households, 3 visits); moves H10 (二类→一类),
    # H9 (待核对→待调查); opened R2, R4; closed R3 (declined 04-03, sent in Q1), R2 (done 05-08)
    ("八泉街道", "八泉社区"): [4, 2, 2, 3, 2, 2, 2],
    ("八泉街道", "飞云社区"): [1, 0, 1, 0, 1, 0, 0],  # H3 missing; H8 placed in 申请中 (not visited)
    # H4 visited 05-10, H12 not yet (its 03-31 visit was Q1's); H6 left (not due): its move counts
    ("河口镇", "闸口社区"): [2, 1, 1, 1, 1, 0, 0],
    ("河口镇", "道仕袱村"): [2, 0, 2, 0, 1, 0, 0],  # H5, H13 (placed 04-01)
}


def summary_rows(table: dict[tuple[str, str], list[int]]) -> list[list[Any]]:
    rows = [[sub, com, *figures] for (sub, com), figures in table.items()]
    total = [sum(f[i] for f in table.values()) for i in range(7)]
    return [*rows, ["合计", None, *total]]


def quarterly(s: Scenario, capsys: pytest.CaptureFixture[str], tmp_path: Path, quarter: int, as_of: date,
              *extra: str) -> tuple[str, dict[str, list[list[Any]]]]:
    out = tmp_path / f"季报Q{quarter}_{as_of}.xlsx"
    code, text, err = run(s, capsys, "quarterly-report", "--year", "2026", "--quarter", str(quarter), "--as-of",
                          as_of.isoformat(), "--out", str(out), *extra)
    assert code == 0 and err == "", err
    return text, read_sheets(out)


def test_the_quarterly_report_read_back(district: District, capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    s = build(district).advance(MID_MAY)
    text, book = quarterly(s, capsys, tmp_path, 1, MID_MAY)
    assert text == (f"已导出 监测预警季度上报 2026年第一季度(2026-01-01 至 2026-03-31) 到 {tmp_path / '季报Q1_2026-05-20.xlsx'}:"
                    "4 个社区(村),应访 9 户,已访 5 户,未访 4 户,库别调整 12 次,新开转介 2 件,办结 0 件。\n")
    assert list(book) == ["季度汇总", "未访家庭", "库别调整"]
    assert book["季度汇总"][0] == ["监测预警季度上报 2026年第一季度(2026-01-01 至 2026-03-31)"]
    assert book["季度汇总"][1] == QUARTER_HEADERS and book["季度汇总"][2:] == summary_rows(Q1)
    # not visited in Q1, with the library at the quarter's end and the last visit before it ended
    assert book["未访家庭"][1] == ["街道(镇)", "社区(村)", "户主", "身份证号", "季度末库别", "救助类别", "最近走访"]
    assert [row[:3] + row[4:6] + row[6:] for row in book["未访家庭"][2:]] == [
        ["八泉街道", "八泉社区", HEADS["H2"], "一类库", "低保边缘"],  # its 04-01 visit is Q2's
        ["八泉街道", "八泉社区", HEADS["H7"], "救助中", "低保"],
        ["八泉街道", "飞云社区", HEADS["H3"], "二类库", "无"],
        ["河口镇", "道仕袱村", HEADS["H5"], "一类库", "低保边缘"],
    ]
    admin = "测试admin"
    assert [row[:1] + row[2:6] + row[7:] for row in book["库别调整"][2:]] == [
        [D("2026-01-05"), "八泉社区", HEADS["H1"], "不在库", "一类库", admin],
        [D("2026-01-05"), "八泉社区", HEADS["H2"], "不在库", "一类库", admin],
        [D("2026-01-08"), "八泉社区", HEADS["H10"], "不在库", "二类库", admin],
        [D("2026-01-10"), "闸口社区", HEADS["H12"], "不在库", "二类库", admin],
        [D("2026-01-15"), "闸口社区", HEADS["H6"], "不在库", "一类库", admin],
        [D("2026-01-20"), "闸口社区", HEADS["H4"], "不在库", "二类库", admin],
        [D("2026-02-02"), "八泉社区", HEADS["H7"], "不在库", "申请中", admin],
        [D("2026-02-10"), "飞云社区", HEADS["H3"], "不在库", "二类库", admin],
        [D("2026-02-13"), "八泉社区", HEADS["H7"], "申请中", "救助中", admin],
        [D("2026-03-02"), "八泉社区", HEADS["H9"], "不在库", "待核对", admin],
        [D("2026-03-02"), "八泉社区", HEADS["H11"], "不在库", "待核对", admin],
        [D("2026-03-31"), "道仕袱村", HEADS["H5"], "不在库", "一类库", admin],
    ]

    # Q2 in mid-May: progress so far, said so; at 07-01 the quarter's figures (nothing happened since)
    text, book = quarterly(s, capsys, tmp_path, 2, MID_MAY)
    assert "应访 9 户,已访 3 户,未访 6 户,库别调整 5 次,新开转介 2 件,办结 2 件。" in text
    assert "注意:2026年第二季度到 2026-06-30 才结束:这是截至 2026-05-20 的进度" in text
    assert book["季度汇总"][0] == ["监测预警季度上报 2026年第二季度(2026-04-01 至 2026-06-30) 截至 2026-05-20 的进度"
                                  "(季度未结束,未访户数不是最终结果)"]
    assert book["季度汇总"][2:] == summary_rows(Q2)
    assert book["未访家庭"][1][4] == "当前库别"
    assert [row[2] for row in book["未访家庭"][2:]] == [HEADS[k] for k in ("H1", "H10", "H3", "H12", "H5", "H13")]
    assert [row[2:6] for row in book["库别调整"][2:]] == [
        ["道仕袱村", HEADS["H13"], "不在库", "二类库"], ["八泉社区", HEADS["H10"], "二类库", "一类库"], ["闸口社区", HEADS["H6"], "一类库", "不在库"],
        ["飞云社区", HEADS["H8"], "不在库", "申请中"], ["八泉社区", HEADS["H9"], "待核对", "待调查"]]
    text, book = quarterly(s, capsys, tmp_path, 2, D("2026-07-01"))
    assert "注意" not in text and book["季度汇总"][2:] == summary_rows(Q2)
    assert book["未访家庭"][1][4] == "季度末库别"
    # one sub-district
    text, book = quarterly(s, capsys, tmp_path, 1, MID_MAY, "--region", "河口镇")
    assert book["季度汇总"][2:] == summary_rows({k: v for k, v in Q1.items() if k[0] == "河口镇"})
    # a quarter not begun on the day given
    code, _, err = run(s, capsys, "quarterly-report", "--year", "2026", "--quarter", "3", "--as-of",
                       MID_MAY.isoformat(), "--out", str(tmp_path / "q3.xlsx"))
    assert code == 1 and "2026年第三季度还没有开始" in err


REFERRAL_HEADERS = ["转介编号", "转介日期", "办理期限", "状态", "街道(镇)", "社区(村)", "户主", "身份证号",
                    "联系电话", "地址", "救助类别", "需求", "部门反馈", "是否逾期"]


def test_the_referral_lists(district: District, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    s = build(district).advance(MID_MAY)

    def listed(department: str, status: str, as_of: str) -> list[list[Any]]:
        out = tmp_path / f"{department}{status}{as_of}.xlsx"
        code, text, err = run(s, capsys, "referral-list", department, "--status", status, "--as-of", as_of,
                              "--out", str(out))
        if code == 1:  # an empty list is refused, no file written (the one rule of the exports)
            assert err == f"错误:没有符合条件的转介{department}的记录,没有导出文件。\n" and not out.exists()
            return []
        assert code == 0 and err == "", err
        [(sheet, rows)] = read_sheets(out).items()
        assert sheet == department and rows[1] == REFERRAL_HEADERS
        assert rows[0][0] == f"转介{department}名单(按 {as_of} 计算,{date.today():%Y-%m-%d} 导出)"
        data = rows[2:]
        assert text == f"已导出 {department} 转介名单 {len(data)} 件到 {out}。\n"
        padded = [row + [None] * (14 - len(row)) for row in data]
        return [[row[0], row[1], row[2], row[3], row[6], row[11], row[12], row[13]] for row in padded]

    def code(ref: str) -> str:
        return f"ZJ{s.refs[ref]:06d}"

    r1 = [code("R1"), D("2026-03-20"), D("2026-04-04"), "已转介", HEADS["H3"], "R1的需求", None]
    r4 = [code("R4"), D("2026-05-15"), D("2026-05-19"), "已转介", HEADS["H2"], "R4的需求", None]
    # R1 is due on Saturday 04-04 in the Qingming days off: it runs to Tuesday 04-07 and is overdue after it
    assert listed("医保", "overdue", "2026-04-07") == []
    assert listed("医保", "overdue", "2026-04-08") == [[*r1, "逾期"]]
    # R4 is due on Tuesday 05-19: not overdue that day, overdue the day after
    assert listed("医保", "open", "2026-05-19") == [[*r1, "逾期"], [*r4, None]]
    assert listed("医保", "open", "2026-05-20") == [[*r1, "逾期"], [*r4, "逾期"]]
    assert listed("医保", "overdue", "2026-05-20") == [[*r1, "逾期"], [*r4, "逾期"]]
    assert listed("教育", "all", "2026-05-20") == [
        [code("R2"), D("2026-04-02"), D("2026-06-30"), "已办结", HEADS["H1"], "R2的需求", "R2 received\nR2 done", None]]
    assert listed("残联", "open", "2026-05-20") == []
    assert listed("残联", "declined", "2026-05-20") == [
        [code("R3"), D("2026-03-25"), D("2026-04-30"), "未受理", HEADS["H7"], "R3的需求", "R3 declined", None]]
    counts = referrals.referral_counts(s.db, s.admin, today=MID_MAY)
    assert counts == {"open": 2, "overdue": 2}
    # of one department, of a search: as the list is filtered
    assert referrals.referral_counts(s.db, s.admin, department="education", today=MID_MAY) == {"open": 0, "overdue": 0}
    assert referrals.referral_counts(s.db, s.admin, search=HEADS["H3"], today=MID_MAY) == {"open": 1, "overdue": 1}
    assert referrals.referral_counts(s.db, s.admin, search="R4的", today=D("2026-05-19")) == {"open": 1, "overdue": 0}


# -- the board page, headless ----------------------------------------------------------------------

class _FrozenDate(date):
    day = MID_MAY

    @classmethod
    def today(cls) -> date:  # type: ignore[override]
        return cls.day


def _freeze(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    """The page reads the services without a day (today); here today is ``day``."""
    from desktop.views import board as board_module

    _FrozenDate.day = day
    monkeypatch.setattr(monitoring, "_today", lambda today: today or day)
    monkeypatch.setattr(referrals, "_today", lambda today: today or day)
    monkeypatch.setattr(board_module, "date", _FrozenDate)


def test_the_board_page_says_the_same(qtbot, qapp, sqlite_district: District,  # noqa: ANN001
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import i18n
    from desktop.rules.codes import Role
    from desktop.views.board import BoardPage
    from desktop.views.board_column import card_tooltip
    from desktop.views.context import AppContext
    from desktop.views.operations import wait_for_background

    i18n.install(qapp, "zh_CN")  # the shipped language (whatever an earlier test left installed)
    s = build(sqlite_district).advance(MID_MAY)
    _freeze(monkeypatch, MID_MAY)

    def page_for(actor) -> BoardPage:  # noqa: ANN001
        page = BoardPage(AppContext(s.db, actor))
        qtbot.addWidget(page, before_close_func=lambda _w: wait_for_background())
        page.resize(1300, 800)
        page.show()
        qtbot.waitExposed(page)
        return page

    def counts(page: BoardPage) -> dict[str, int]:
        return {stage: column.count for stage, column in page.board.columns.items()}

    def key_of(hid: int) -> str:
        return next(k for k, v in s.ids.items() if v == hid)

    page = page_for(s.admin)
    board = page.board
    cols, _overdue, visits = BOARD[(MID_MAY, None)]
    assert counts(page) == cols
    cards = {key_of(card.id): card for column in board.columns.values() for card in column.model.cards}
    assert {key: hand_card(card) for key, card in cards.items()} == CARDS
    assert board.summary.text() == "看板共 12 户 · 需季度走访 9 户 · 本季度未访 6 户 · 逾期 2 户"
    assert card_tooltip(cards["H2"]).splitlines()[1:] == [
        "八泉社区 · 低保边缘", "最近走访:2026-04-01(49 天前)", "下次走访期限:2026-09-30", "未办结转介:1 件(逾期 1 件)"]
    assert card_tooltip(cards["H5"]).splitlines()[2:] == ["从未走访", "下次走访期限:2026-03-31"]

    board.overdue.setChecked(True)
    assert counts(page) == columns(0, 0, 1, 1, 0, 0)
    assert {key_of(c.id) for column in board.columns.values() for c in column.model.cards} == {"H3", "H5"}
    assert board.summary.text() == "看板共 2 户 · 需季度走访 2 户 · 本季度未访 2 户 · 逾期 2 户"
    board.overdue.setChecked(False)
    board.region.setCurrentIndex(board.region.findData(s.district.regions["河口镇"]))
    assert counts(page) == BOARD[(MID_MAY, "河口镇")][0]
    assert board.summary.text() == "看板共 4 户 · 需季度走访 4 户 · 本季度未访 3 户 · 逾期 1 户"

    page.tabs.setCurrentWidget(page.visits)
    tab = page.visits
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    status = {"due": "待走访", "overdue": "逾期", "visited": "已走访"}
    for state, keys in (("due", VISIT_LISTS[("due", None, "")]), ("overdue", VISIT_LISTS[("overdue", None, "")]),
                        ("all", VISIT_LISTS[("all", None, "")])):
        tab.state.setCurrentIndex(tab.state.findData(state))
        shown = {key_of(r.household_id): [tab.model.data(tab.model.index(i, c)) for c in (6, 7, 8)]
                 for i, r in enumerate(tab.model.rows)}
        expected = {}
        for key in keys:
            card = CARDS[key]
            visited = card.last_visit is not None and D(card.last_visit) >= Q2_START
            expected[key] = [card.last_visit or "从未走访", card.due,
                             status["visited" if visited else "overdue" if card.overdue else "due"]]
        assert shown == expected, state
    assert tab.summary.text() == "2026年第二季度:监测家庭 9 户,未走访 6 户,逾期 2 户"
    # the figures under the list are those of the households it lists: its region and search (the state
    # chosen only picks which of them are listed)
    tab.region.setCurrentIndex(tab.region.findData(s.district.regions["河口镇"]))
    assert tab.summary.text() == "2026年第二季度:监测家庭 4 户,未走访 3 户,逾期 1 户"
    tab.search.setText(HEADS["H5"])
    tab.reload()
    assert [key_of(r.household_id) for r in tab.model.rows] == ["H5"]
    assert tab.summary.text() == "2026年第二季度:监测家庭 1 户,未走访 1 户,逾期 1 户"

    page.tabs.setCurrentWidget(page.referrals)
    tab = page.referrals
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    assert [(r.id, tab.model.data(tab.model.index(i, 7))) for i, r in enumerate(tab.model.rows)] == [
        (s.refs["R4"], "已转介(逾期)"), (s.refs["R1"], "已转介(逾期)")]
    assert tab.summary.text() == "未办结转介 2 件,其中逾期 2 件"
    tab.department.setCurrentIndex(tab.department.findData("education"))  # R2, done
    assert tab.model.rowCount() == 0 and tab.summary.text() == "未办结转介 0 件,其中逾期 0 件"
    tab.state.setCurrentIndex(tab.state.findData("all"))
    assert [r.id for r in tab.model.rows] == [s.refs["R2"]] and tab.summary.text() == "未办结转介 0 件,其中逾期 0 件"
    tab.department.setCurrentIndex(tab.department.findData(None))
    tab.search.setText(HEADS["H3"])
    tab.reload()
    assert [r.id for r in tab.model.rows] == [s.refs["R1"]] and tab.summary.text() == "未办结转介 1 件,其中逾期 1 件"

    # a community worker of 飞云社区: H3 and H8 only (H4 moved to 闸口社区 in April)
    page = page_for(s.district.actor(Role.COMMUNITY_WORKER))
    assert counts(page) == BOARD[(MID_MAY, "飞云社区")][0]
    assert page.board.summary.text() == "看板共 2 户 · 需季度走访 1 户 · 本季度未访 1 户 · 逾期 1 户"
    page.tabs.setCurrentWidget(page.referrals)
    qtbot.waitUntil(lambda: page.referrals.model.rowCount() > 0)
    assert [r.id for r in page.referrals.model.rows] == [s.refs["R1"]]
    assert page.referrals.summary.text() == "未办结转介 1 件,其中逾期 1 件"
