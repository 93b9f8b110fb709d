"""The monitoring board's rules (先预警): which library moves are allowed, and quarterly visits.

Board moves (库别调整) allowed by hand, from the board, with a written reason:

============  ======================================================  =============================
from          to                                                      why
============  ======================================================  =============================
待调查         待核对, 二类库                                          investigated: preliminarily
                                                                      eligible → data check;
                                                                      obviously ineligible → 二类库
待核对         一类库, 二类库, 申请中, 待调查                          check passed → application;
                                                                      not yet → 一类库; clearly
                                                                      not → 二类库; incomplete →
                                                                      back to investigation
一类库         二类库, 申请中, 待核对                                  circumstances changed; now
                                                                      eligible; needs a new check
二类库         一类库, 申请中, 待核对                                  as above
申请中         一类库, 二类库                                          application refused or
                                                                      withdrawn
============  ======================================================  =============================

Refused, each with its rule named (``MoveRule``):

* nobody enters 救助中 from the board: only an approved application puts a household there
  (the applications service sets the stage on approval) — rule ``enter_assisted``;
* nobody leaves 救助中 from the board: only a decision to stop assistance does — ``leave_assisted``;
* an investigated household does not go back to 待调查 except from 待核对 — ``back_to_investigate``;
* 待调查 cannot skip the investigation straight to 一类库 or 申请中 — ``skip_investigation``;
* 申请中 leaves only when the application ends (refused/withdrawn → library) — ``applying_exit``;
* a move to the column the card is already in is no move — ``same_stage``;
* a household not on the board (no stage) is placed by discovery/assessment — ``not_on_board``.

Quarterly visits (一季度一访问): every household in 一类库, 二类库 or 救助中 needs one visit per
calendar quarter. ``next_visit_due`` is the last day of the current quarter when the household has
not been visited this quarter, otherwise the last day of the next quarter. A household is overdue
when its due date has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop.rules.codes import STAGE_LABELS, Stage
from desktop.rules.workdays import DEFAULT_CALENDAR, WorkCalendar

# Stages whose households need a visit every quarter.
MONITORED_STAGES: frozenset[str] = frozenset({Stage.CLASS_I, Stage.CLASS_II, Stage.ASSISTED})

BOARD_ORDER: tuple[Stage, ...] = (
    Stage.TO_INVESTIGATE, Stage.TO_CHECK, Stage.CLASS_I, Stage.CLASS_II, Stage.APPLYING, Stage.ASSISTED,
)

ALLOWED_MOVES: dict[str, frozenset[str]] = {
    Stage.TO_INVESTIGATE: frozenset({Stage.TO_CHECK, Stage.CLASS_II}),
    Stage.TO_CHECK: frozenset({Stage.CLASS_I, Stage.CLASS_II, Stage.APPLYING, Stage.TO_INVESTIGATE}),
    Stage.CLASS_I: frozenset({Stage.CLASS_II, Stage.APPLYING, Stage.TO_CHECK}),
    Stage.CLASS_II: frozenset({Stage.CLASS_I, Stage.APPLYING, Stage.TO_CHECK}),
    Stage.APPLYING: frozenset({Stage.CLASS_I, Stage.CLASS_II}),
    Stage.ASSISTED: frozenset(),
}


@dataclass(frozen=True)
class MoveRule:
    """A rule of the loop that refuses a move: a stable code and the sentence shown to the user."""

    code: str
    name: str
    text: str


RULES: dict[str, MoveRule] = {
    rule.code: rule
    for rule in (
        MoveRule("enter_assisted", "只有审批通过的申请才能进入救助中",
                 "家庭只能通过审批通过的救助申请进入“救助中”,不能在看板上直接拖入。请在“申请”中办理。"),
        MoveRule("leave_assisted", "只有停止救助的决定才能离开救助中",
                 "“救助中”的家庭只能通过停止救助(退出)的决定离开,不能在看板上直接移出。"),
        MoveRule("back_to_investigate", "已调查的家庭不退回待调查",
                 "已完成调查的家庭不能退回“待调查”;只有“待核对”中资料不全的家庭可以退回补充调查。"),
        MoveRule("skip_investigation", "待调查的家庭须先调查",
                 "“待调查”的家庭须先入户调查:初步符合条件的转“待核对”,明显不符合的转“二类库”。"),
        MoveRule("applying_exit", "申请中的家庭待申请结束后才能调整",
                 "“申请中”的家庭只有在申请未获批准或撤回后才能转回一类库或二类库。"),
        MoveRule("same_stage", "家庭已在该库", "该家庭已经在这一列中,无需调整。"),
        MoveRule("not_on_board", "家庭不在监测预警库中",
                 "该家庭尚未列入监测预警看板,须经发现或评估环节列入后才能调整。"),
        MoveRule("unknown_stage", "未知的库别", "目标库别不存在。"),
    )
}


@dataclass(frozen=True)
class MoveCheck:
    allowed: bool
    rule: MoveRule | None = None

    @property
    def message(self) -> str:
        if self.rule is None:
            return ""
        return f"不允许此调整(规则:{self.rule.name}):{self.rule.text}"


def check_move(from_stage: str | None, to_stage: str) -> MoveCheck:
    """May a household be moved by hand from one board column to another?"""
    stages = {s.value for s in Stage}
    if to_stage not in stages:
        return MoveCheck(False, RULES["unknown_stage"])
    if from_stage is None or from_stage not in stages:
        return MoveCheck(False, RULES["not_on_board"])
    if from_stage == to_stage:
        return MoveCheck(False, RULES["same_stage"])
    if from_stage == Stage.ASSISTED:
        return MoveCheck(False, RULES["leave_assisted"])
    if to_stage == Stage.ASSISTED:
        return MoveCheck(False, RULES["enter_assisted"])
    if to_stage in ALLOWED_MOVES[from_stage]:
        return MoveCheck(True)
    if to_stage == Stage.TO_INVESTIGATE:
        return MoveCheck(False, RULES["back_to_investigate"])
    if from_stage == Stage.TO_INVESTIGATE:
        return MoveCheck(False, RULES["skip_investigation"])
    return MoveCheck(False, RULES["applying_exit"])


def allowed_targets(from_stage: str | None) -> list[str]:
    """The columns a card may be moved to, in board order."""
    if from_stage is None:
        return []
    return [s.value for s in BOARD_ORDER if check_move(from_stage, s).allowed]


def stage_label(stage: str | None) -> str:
    if not stage:
        return "不在库"
    return STAGE_LABELS.get(Stage(stage), stage) if stage in {s.value for s in Stage} else stage


# -- quarters and visits -------------------------------------------------------------------------

def quarter_of(day: date) -> tuple[int, int]:
    """(year, quarter 1..4) of a date."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_start(year: int, quarter: int) -> date:
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1..4, not {quarter}")
    return date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> date:
    if quarter == 4:
        return date(year, 12, 31)
    return quarter_start(year, quarter + 1) - timedelta(days=1)


def next_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def latest_year_of(quarter: int, today: date) -> int:
    """The year of the latest ``quarter`` begun by ``today``: on 5 January "the fourth quarter" is last
    year's (this year's has not begun), "the first quarter" this year's."""
    this_year, this_quarter = quarter_of(today)
    return this_year if quarter <= this_quarter else this_year - 1


REPORT_MONTHS = 1  # the report of a quarter is made in the first month after it (一季度一上报)


def quarter_to_report(today: date) -> tuple[int, int]:
    """The quarter a report made ``today`` is most likely for: in the first month of a quarter the one just
    over (its final figures: on 5 January, last year's fourth quarter), else the one under way (progress)."""
    this = quarter_of(today)
    return previous_quarter(*this) if (today.month - 1) % 3 < REPORT_MONTHS else this


def quarter_label(year: int, quarter: int) -> str:
    return f"{year}年第{'一二三四'[quarter - 1]}季度"


def needs_visits(stage: str | None) -> bool:
    return stage in MONITORED_STAGES


def visited_in_quarter(last_visited_on: date | None, today: date) -> bool:
    return last_visited_on is not None and quarter_of(last_visited_on) == quarter_of(today) \
        and last_visited_on <= today


def next_visit_due(stage: str | None, last_visited_on: date | None, today: date) -> date | None:
    """The last day by which the next visit is due; None when the stage needs no visits."""
    if not needs_visits(stage):
        return None
    year, quarter = quarter_of(today)
    if last_visited_on is not None and last_visited_on >= quarter_start(year, quarter):
        return quarter_end(*next_quarter(year, quarter))
    return quarter_end(year, quarter)


def effective_due(stage: str | None, last_visited_on: date | None, stored_due: date | None,
                  stage_since: date | None, today: date) -> date | None:
    """The due date to show: the stored one, else derived from the last visit or the day the
    household entered its stage (a household placed by another service may have none stored)."""
    if not needs_visits(stage):
        return None
    if stored_due is not None:
        return stored_due
    anchor = last_visited_on or stage_since
    if anchor is None:
        return next_visit_due(stage, None, today)
    if last_visited_on is not None:
        return quarter_end(*next_quarter(*quarter_of(last_visited_on)))
    return quarter_end(*quarter_of(anchor))


def due_after_move(from_stage: str | None, to_stage: str | None, last_visited_on: date | None,
                   stored_due: date | None, stage_since: date | None, on: date) -> date | None:
    """The due date after a household moves from one stage to another on ``on``.

    Entering the visited stages starts afresh (:func:`next_visit_due`). A move between two of them
    (一类库 ↔ 二类库, 救助中 → a library) is not a visit: the household was monitored all along, so a
    visit it has missed stays missed (the earlier of the due date it had and a fresh one)."""
    fresh = next_visit_due(to_stage, last_visited_on, on)
    if fresh is None or not needs_visits(from_stage):
        return fresh
    kept = effective_due(from_stage, last_visited_on, stored_due, stage_since, on)
    return min(fresh, kept) if kept is not None else fresh


def due_after_visit(stage: str | None, last_visited_on: date | None, stored_due: date | None,
                    stage_since: date | None, visited_on: date, today: date) -> date | None:
    """The due date after a visit on ``visited_on`` is recorded on ``today`` (``last_visited_on``,
    ``stored_due`` and ``stage_since`` as they were before it).

    The visit due by a quarter's end is a visit in that quarter (or later): an older visit entered
    late (补录) does not satisfy it and leaves the due date as it was. A visit that does satisfy it
    makes the next one due at the end of the quarter after the latest visit (at the latest the end
    of the next quarter from today: quarters missed since then stay missed)."""
    fresh_last = max(last_visited_on, visited_on) if last_visited_on is not None else visited_on
    fresh = next_visit_due(stage, fresh_last, today)
    if fresh is None:
        return None
    pending = effective_due(stage, last_visited_on, stored_due, stage_since, today)
    if pending is not None and visited_on < quarter_start(*quarter_of(pending)):
        return min(pending, fresh)
    return min(fresh, quarter_end(*next_quarter(*quarter_of(fresh_last))))


def due_from_visits(stage: str | None, entered_on: date | None, latest_visit: date | None,
                    today: date) -> date | None:
    """The due date a monitored household has from its history alone: it entered the visited stages
    on ``entered_on`` (from outside them: moves among 一类库/二类库/救助中 do not start afresh) and was
    last visited on ``latest_visit``. The end of the quarter after that visit when it was made in the
    entry's quarter or later, else the end of the entry's quarter (what :func:`due_after_move` and
    :func:`due_after_visit` give step by step; used when a visit recorded in error is withdrawn)."""
    if not needs_visits(stage):
        return None
    entered_on = entered_on or today
    if latest_visit is not None and latest_visit >= quarter_start(*quarter_of(entered_on)):
        return quarter_end(*next_quarter(*quarter_of(latest_visit)))
    return quarter_end(*quarter_of(entered_on))


def is_overdue(stage: str | None, last_visited_on: date | None, stored_due: date | None,
               stage_since: date | None, today: date) -> bool:
    due = effective_due(stage, last_visited_on, stored_due, stage_since, today)
    return due is not None and due < today


def days_since(day: date | None, today: date) -> int | None:
    return None if day is None else (today - day).days


VISIT_OUTCOMES = {"unchanged": "无变化", "changed": "有变化(重新评估)", "eligible": "符合条件(启动申请)"}

REFERRAL_STATUSES = {"sent": "已转介", "received": "已接收", "done": "已办结", "declined": "未受理"}
OPEN_REFERRAL_STATUSES: frozenset[str] = frozenset({"sent", "received"})
REFERRAL_TRANSITIONS: dict[str, frozenset[str]] = {
    "sent": frozenset({"received", "done", "declined"}),
    "received": frozenset({"done", "declined"}),
    "done": frozenset(),
    "declined": frozenset(),
}


def check_referral_status(current: str, new: str) -> str | None:
    """None when allowed, else the reason (Chinese)."""
    if new not in REFERRAL_STATUSES:
        return f"未知的转介状态:{new}"
    if new not in REFERRAL_TRANSITIONS.get(current, frozenset()):
        return (f"转介当前状态为“{REFERRAL_STATUSES.get(current, current)}”,"
                f"不能改为“{REFERRAL_STATUSES[new]}”(顺序:已转介 → 已接收 → 已办结/未受理)。")
    return None


def referral_overdue_cutoff(today: date, calendar: WorkCalendar = DEFAULT_CALENDAR) -> date:
    """The latest due date an open referral is overdue with today: the last working day before today.

    A due date that falls on a weekend or a holiday runs to the next working day (a period ending on
    a day off ends on the first working day after it), so a referral due on 1 October is not overdue
    while the department is closed for National Day, and becomes so after 8 October, its first
    working day, has passed. Overdue is then ``due_on <= cutoff`` (one comparison, also in SQL)."""
    day = today - timedelta(days=1)
    for _ in range(60):  # no break in the calendar is this long; a bound instead of a loop for ever
        if calendar.is_workday(day):
            return day
        day -= timedelta(days=1)
    return today - timedelta(days=1)


def referral_overdue(status: str, due_on: date | None, today: date,
                     calendar: WorkCalendar = DEFAULT_CALENDAR) -> bool:
    return referral_overdue_by(status, due_on, referral_overdue_cutoff(today, calendar))


def referral_overdue_by(status: str, due_on: date | None, cutoff: date) -> bool:
    """Overdue given :func:`referral_overdue_cutoff` (a list computes the cutoff once)."""
    return status in OPEN_REFERRAL_STATUSES and due_on is not None and due_on <= cutoff


REFERRAL_DUE_DAYS = 15  # a new referral's due date: this many days after it is sent, moved off a day off


def referral_due_on(sent_on: date, calendar: WorkCalendar = DEFAULT_CALENDAR) -> date:
    """The due date a referral gets when none is typed (the form's suggestion, the front desk's and an
    assessment's referrals): 15 days after it is sent, or the first working day after when that is a
    weekend or a holiday (a letter must not ask a department closed for National Day to act by 1 October)."""
    return first_working_day(sent_on + timedelta(days=REFERRAL_DUE_DAYS), calendar)


def first_working_day(day: date, calendar: WorkCalendar = DEFAULT_CALENDAR) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    for _ in range(60):
        if calendar.is_workday(day):
            return day
        day += timedelta(days=1)
    return day
