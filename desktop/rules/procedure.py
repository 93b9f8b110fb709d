"""The application procedure (RULES.md §1.5–1.6): steps, their order per track and category,
their deadlines, and which transitions are allowed. Pure: no database, no Qt.

Step codes (stored in ``Application.step`` and ``ApplicationStep.step``; the demo generator and
the statistics use the same codes):

    accepted → check → investigation → [appraisal] → publicity → decision → done

``Application.step`` holds the **last completed step**: "accepted" right after acceptance,
"check" once the authorised data check is recorded, …, and "done" once the decision is made
(and, for emergency temporary assistance decided first, once the steps left are completed
afterwards: then "decision" is stored until they are).

- check: authorised economic data check (授权比对 / 家庭经济状况核对), result passed/not passed;
  due 3 working days after the previous step ("county starts the data check after the request").
- investigation: home survey (入户调查) by at least two investigators; due 3 working days after
  acceptance ("sub-district starts the investigation after acceptance"), not after the data check
  recorded before it (:func:`step_start`).
- appraisal: democratic appraisal (民主评议), only when someone objected; never on the
  commitment track. No limit of its own: the whole-procedure deadline applies.
- publicity: the initial opinion is publicised for 7 calendar days; it cannot end earlier.
- decision: approve (monthly amount, payment from the month after approval) or refuse with
  reasons; due 10 working days after the file is received (publicity ended). A written refusal
  with reasons is due 3 working days after the decision.
- whole procedure: 30 working days from acceptance (45 with a recorded reason) on the regular
  track; 10 working days on the commitment track (告知承诺制, no extension).
- emergency temporary assistance (临时救助 急难型) may be decided right after acceptance (help
  first) and the data check and home survey are completed afterwards; publicity may be skipped.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from desktop.rules.codes import Category, Track
from desktop.rules.workdays import Deadline, WorkCalendar


class Step(StrEnum):
    ACCEPTED = "accepted"
    CHECK = "check"
    INVESTIGATION = "investigation"
    APPRAISAL = "appraisal"
    PUBLICITY = "publicity"
    DECISION = "decision"
    DONE = "done"


STEP_LABELS = {
    Step.ACCEPTED: "受理",
    Step.CHECK: "授权核对",
    Step.INVESTIGATION: "入户调查",
    Step.APPRAISAL: "民主评议",
    Step.PUBLICITY: "公示",
    Step.DECISION: "审批决定",
    Step.DONE: "办结",
}

STATUS_LABELS = {
    "open": "办理中",
    "approved": "已批准",
    "refused": "不予批准",
    "withdrawn": "已撤回",
    "revoked": "已撤销",
}


def status_label(app: Any) -> str:
    """An application's status as lists show it; an approval that stops or has stopped says when (an
    approval stopped long ago read 已批准, like one still paid)."""
    label = STATUS_LABELS.get(app.status, app.status)
    if app.status == "approved" and app.stopped_on is not None:
        if app.exit_stage is None:  # set while it is still paid, cleared once it has stopped
            label += f"(已于 {app.stopped_on:%Y-%m-%d} 停止)"
        else:
            label += (f"(就业渐退至 {app.stopped_on:%Y-%m-%d})" if app.gradual_exit_from is not None
                      else f"(定于 {app.stopped_on:%Y-%m-%d} 停止)")
    return label


TEMPORARY_KIND_LABELS = {"emergency": "急难型", "expenditure": "支出型"}

# Categories an application may be for (RULES.md §1.3).
APPLICABLE_CATEGORIES = (Category.DIBAO, Category.TEKUN, Category.MARGINAL, Category.EXPENDITURE,
                         Category.TEMPORARY)

# The names of the rules a refusal cites.
RULE_PROCEDURE = "《最低生活保障审核确认办法》规定的办理程序"
RULE_COMMITMENT = "湖北省告知承诺制规定"
RULE_EMERGENCY = "临时救助急难型“先行救助、事后补办”规定"
RULE_PUBLICITY = "公示期不少于7个自然日的规定"
RULE_INVESTIGATORS = "入户调查不少于2名调查人员的规定"
RULE_START_MONTH = "“自批准之次月起发放”的规定"
RULE_EXTENSION = "办理时限30个工作日、特殊情况可延长至45个工作日的规定"

# Working-day limits of each step, counted from the completion of the step before (RULES.md §1.5).
STEP_WORKING_DAYS = {Step.CHECK: 3, Step.INVESTIGATION: 3, Step.DECISION: 10}
PUBLICITY_CALENDAR_DAYS = 7
REFUSAL_NOTICE_WORKING_DAYS = 3
WHOLE_WORKING_DAYS = {Track.REGULAR: 30, Track.COMMITMENT: 10}
EXTENDED_WORKING_DAYS = 45
MIN_INVESTIGATORS = 2


class ProcedureRefused(ValueError):
    """A step that the rules do not allow now; the message names the rule (Chinese)."""

    def __init__(self, message: str, rule: str) -> None:
        super().__init__(message)
        self.message = message
        self.rule = rule


@dataclass(frozen=True)
class State:
    """What the procedure needs to know about an application."""

    track: str
    category: str
    temporary_kind: str | None = None
    completed: tuple[str, ...] = ()  # step codes completed, in order ("accepted" first)
    objection: bool = False
    check_passed: bool | None = None
    status: str = "open"

    @property
    def emergency(self) -> bool:
        return is_emergency(self.category, self.temporary_kind)

    @property
    def decided(self) -> bool:
        return Step.DECISION in self.completed


@dataclass(frozen=True)
class Transition:
    step: Step
    after_decision: bool = False  # completing paperwork after emergency help
    approve_allowed: bool = True  # for the decision: may it approve?


@dataclass(frozen=True)
class StepDue:
    step: Step
    start: date
    due: date | None
    calendar_days: bool = False
    unknown_years: tuple[int, ...] = field(default=())


def is_emergency(category: str, temporary_kind: str | None) -> bool:
    return category == Category.TEMPORARY and temporary_kind == "emergency"


def appraisal_needed(state: State) -> bool:
    return state.track == Track.REGULAR and state.objection


def whole_working_days(track: str, extended: bool) -> int:
    if track == Track.COMMITMENT:
        return WHOLE_WORKING_DAYS[Track.COMMITMENT]
    return EXTENDED_WORKING_DAYS if extended else WHOLE_WORKING_DAYS[Track.REGULAR]


def required_before_decision(state: State) -> tuple[Step, ...]:
    """The steps that must be complete before a (non-emergency) decision, in order."""
    steps = [Step.CHECK, Step.INVESTIGATION]
    if appraisal_needed(state):
        steps.append(Step.APPRAISAL)
    steps.append(Step.PUBLICITY)
    return tuple(steps)


def last_step(state: State) -> str:
    """The value stored in ``Application.step`` for this state."""
    if state.decided:
        return Step.DONE if not remaining_after_decision(state) else Step.DECISION
    return state.completed[-1] if state.completed else Step.ACCEPTED


def remaining_after_decision(state: State) -> tuple[Step, ...]:
    """Emergency help decided first: the paperwork still to complete afterwards."""
    if not state.decided or not state.emergency:
        return ()
    return tuple(s for s in (Step.CHECK, Step.INVESTIGATION) if s not in state.completed)


def allowed_next(state: State) -> list[Transition]:
    """The steps that may be completed now, in the order offered to the user."""
    if state.status not in ("open", "approved") or (state.status == "approved" and not state.emergency):
        return []
    if state.decided:
        rest = remaining_after_decision(state)
        return [Transition(rest[0], after_decision=True)] if rest else []
    done = set(state.completed)
    out: list[Transition] = []
    for step in required_before_decision(state):
        if step not in done:
            # Appraisal after publicity (an objection raised during publicity) is allowed.
            out.append(Transition(step))
            break
    if not out:
        out.append(Transition(Step.DECISION, approve_allowed=state.check_passed is not False))
    elif state.emergency and Step.DECISION not in done:
        out.append(Transition(Step.DECISION, approve_allowed=state.check_passed is not False))
    elif state.check_passed is False and Step.CHECK in done:
        # A failed data check may be refused at once without going on.
        out.append(Transition(Step.DECISION, approve_allowed=False))
    return out


def require_allowed(state: State, step: str, *, approve: bool | None = None) -> Transition:
    """Raise :class:`ProcedureRefused` naming the rule when ``step`` may not be done now."""
    try:
        wanted = Step(step)
    except ValueError as exc:
        raise ProcedureRefused(f"未知的办理步骤“{step}”。", RULE_PROCEDURE) from exc
    if state.status not in ("open", "approved"):
        raise ProcedureRefused(f"该申请已{STATUS_LABELS.get(state.status, state.status)},不能再办理“{STEP_LABELS[wanted]}”。",
                               RULE_PROCEDURE)
    if wanted in (Step.ACCEPTED, Step.DONE):
        raise ProcedureRefused(f"“{STEP_LABELS[wanted]}”不是可单独办理的步骤。", RULE_PROCEDURE)
    if wanted == Step.APPRAISAL and state.track == Track.COMMITMENT:
        raise ProcedureRefused("告知承诺制申请不进行民主评议,依据" + RULE_COMMITMENT + "。", RULE_COMMITMENT)
    if wanted == Step.APPRAISAL and not state.objection:
        raise ProcedureRefused("民主评议仅在有人提出异议时进行;本申请没有记录异议,依据" + RULE_PROCEDURE + "。",
                               RULE_PROCEDURE)
    if wanted in state.completed:
        raise ProcedureRefused(f"“{STEP_LABELS[wanted]}”已经办理,不能重复办理。", RULE_PROCEDURE)
    allowed = allowed_next(state)
    for transition in allowed:
        if transition.step == wanted:
            if wanted == Step.DECISION and approve and not transition.approve_allowed:
                raise ProcedureRefused("授权核对未通过,不能批准,只能作出不予批准的决定,依据" + RULE_PROCEDURE + "。",
                                       RULE_PROCEDURE)
            return transition
    if not allowed:
        raise ProcedureRefused(f"该申请当前没有可办理的步骤,不能办理“{STEP_LABELS[wanted]}”。", RULE_PROCEDURE)
    names = "、".join(f"“{STEP_LABELS[t.step]}”" for t in allowed)
    missing = _first_missing_before(state, wanted)
    why = f"须先完成“{STEP_LABELS[missing]}”" if missing else "步骤不能跳过或颠倒"
    rule = RULE_PROCEDURE
    extra = ""
    if wanted == Step.DECISION and not state.emergency:
        extra = "(仅临时救助急难型可先行救助、事后补办)"
        rule = RULE_PROCEDURE
    raise ProcedureRefused(
        f"不能办理“{STEP_LABELS[wanted]}”:{why}{extra}。当前可办理:{names}。依据{rule}。", rule)


def _first_missing_before(state: State, wanted: Step) -> Step | None:
    order = list(required_before_decision(state)) + [Step.DECISION]
    if wanted not in order:
        return None
    for step in order[: order.index(wanted)]:
        if step not in state.completed:
            return step
    return None


def validate_step_data(step: str, *, on: date, previous_on: date, result: str = "",
                       investigators: Sequence[str] = (), publicity_start: date | None = None) -> None:
    """Check what a step records (refusals name the rule)."""
    if on < previous_on:
        raise ProcedureRefused(
            f"办理日期 {on.isoformat()} 早于上一步骤的完成日期 {previous_on.isoformat()},步骤不能颠倒。", RULE_PROCEDURE)
    if step == Step.CHECK and result not in ("passed", "failed"):
        raise ProcedureRefused("授权核对须记录结果:通过或未通过。", RULE_PROCEDURE)
    if step == Step.INVESTIGATION:
        names = [n.strip() for n in investigators if n and n.strip()]
        if len(set(names)) < MIN_INVESTIGATORS:
            raise ProcedureRefused(
                f"入户调查须由至少{MIN_INVESTIGATORS}名调查人员进行(已填写{len(set(names))}名),依据{RULE_INVESTIGATORS}。",
                RULE_INVESTIGATORS)
    if step == Step.APPRAISAL and result not in ("agreed", "disagreed"):
        raise ProcedureRefused("民主评议须记录结论:同意或不同意。", RULE_PROCEDURE)
    if step == Step.PUBLICITY:
        start = publicity_start or previous_on
        if start < previous_on:
            raise ProcedureRefused("公示开始日期不能早于上一步骤的完成日期。", RULE_PROCEDURE)
        end = publicity_end(start)
        if on < end:
            raise ProcedureRefused(
                f"公示自 {start.isoformat()} 开始,须满7个自然日,{end.isoformat()} 起方可结束,依据{RULE_PUBLICITY}。",
                RULE_PUBLICITY)


def publicity_end(start: date) -> date:
    """The first day the publicity may be closed: 7 full calendar days after it starts."""
    return start + timedelta(days=PUBLICITY_CALENDAR_DAYS)


def finished_late(step: str, due_on: date | None, completed_on: date | None) -> bool:
    """A step completed after its deadline. A publicity's date is no deadline but the first day it may
    close (7 calendar days are a minimum): closing it later is not late (the decision's own deadline
    counts from then)."""
    return bool(due_on and completed_on and completed_on > due_on and step != Step.PUBLICITY)


def start_month_after(decided_on: date) -> date:
    """Payment starts the month after approval (first day of that month)."""
    if decided_on.month == 12:
        return date(decided_on.year + 1, 1, 1)
    return date(decided_on.year, decided_on.month + 1, 1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month (1-31 → 2-28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def gradual_exit_end(decided_on: date, months: int) -> date:
    """The last day assisted when a gradual exit after employment (就业渐退, RULES.md §1.5) of
    ``months`` is decided on ``decided_on``: the end of the month ``months`` after the decision's
    month, so that many more monthly payments follow the decision's own month. 0 months is an
    ordinary stop on the decision day."""
    if months <= 0:
        return decided_on
    first = add_months(date(decided_on.year, decided_on.month, 1), months)
    return date(first.year, first.month, _calendar.monthrange(first.year, first.month)[1])


def months_between(first: date, last: date) -> list[date]:
    """First days of the months from ``first``'s month to ``last``'s month inclusive."""
    out: list[date] = []
    current = date(first.year, first.month, 1)
    end = date(last.year, last.month, 1)
    while current <= end:
        out.append(current)
        current = add_months(current, 1)
    return out


PAID_ONCE = frozenset({Category.TEMPORARY})


def paid_once(category: str) -> bool:
    """临时救助 is one payment, in the month after approval; every other category is paid monthly
    until the assistance stops."""
    return category in PAID_ONCE


# Checks after an approval (RULES.md §1.5): a commitment-track approval has a centralised data
# cross-check within one month; every approval paid monthly is reviewed yearly (every six months
# where income is irregular), on either track.
CENTRALISED_CHECK_MONTHS = 1  # centralised data cross-check within one month of approval
PERIODIC_CHECK_MONTHS = 12  # periodic re-check yearly (6 where income is irregular)
IRREGULAR_INCOME_CHECK_MONTHS = 6


# Tracing a revoked approval back (问题倒查, RULES.md §1.5): the county's finding on the staff who
# handled it. Staff who followed the procedure in good faith are exempt from liability (容错免责).
TRACE_FINDINGS = {"exempt": "依规履职,容错免责", "liable": "未依规履职,追究责任"}


def failure_stops(track: str, kind: str) -> bool:
    """Whether a failed check stops the assistance (a regular-track periodic re-check: the family no
    longer qualifies) rather than revoking the approval and recovering what was paid (a commitment
    that was not true)."""
    return track == Track.REGULAR and kind == "periodic"


def post_checks_after_approval(track: str, category: str) -> tuple[str, ...]:
    """The kinds of check an approval schedules when it is decided."""
    kinds = ("centralised",) if track == Track.COMMITMENT else ()
    return kinds + (() if paid_once(category) else ("periodic",))

POST_CHECK_LABELS = {"centralised": "集中比对核查", "periodic": "定期复核", "spot": "随机抽查",
                     "after_help": "先行救助后复查"}
# Emergency help decided first (急难型, help first, paperwork later) whose data check afterwards did not
# pass: the help stands until the county decides, after looking into it, whether to revoke and
# recover it — a check of its own, due within a month like the centralised cross-check.
AFTER_HELP_CHECK_MONTHS = 1


def periodic_check_months(irregular_income: bool) -> int:
    """Months between periodic re-checks: yearly, every six months where income is irregular."""
    return IRREGULAR_INCOME_CHECK_MONTHS if irregular_income else PERIODIC_CHECK_MONTHS


def periodic_interval(decided_on: date, first_periodic_due: date) -> int:
    """The re-check interval an approval was given, read back from its first periodic re-check
    (scheduled ``periodic_check_months`` after the decision): every later re-check keeps it."""
    months = (first_periodic_due.year - decided_on.year) * 12 + first_periodic_due.month - decided_on.month
    return IRREGULAR_INCOME_CHECK_MONTHS if months == IRREGULAR_INCOME_CHECK_MONTHS else PERIODIC_CHECK_MONTHS


def step_start(step: str, accepted_on: date, last_on: date, *, after_decision: bool = False) -> date:
    """The event a step's own deadline counts from (RULES.md §1.5): the investigation from acceptance
    ("the sub-district starts the investigation after acceptance"), though the data check is recorded
    before it; the data check from its request, made on acceptance (it is the first step); the decision
    from receiving the file (the step before it done); paperwork completed after emergency help from the
    step before (the decision came first)."""
    if Step(step) == Step.INVESTIGATION and not after_decision:
        return accepted_on
    return last_on


def step_due(work_calendar: WorkCalendar, step: str, start: date) -> StepDue:
    """The deadline of ``step`` counted from ``start`` (:func:`step_start`)."""
    wanted = Step(step)
    if wanted == Step.PUBLICITY:
        return StepDue(wanted, start, publicity_end(start), calendar_days=True)
    days = STEP_WORKING_DAYS.get(wanted)
    if days is None:
        return StepDue(wanted, start, None)
    deadline = work_calendar.add_working_days(start, days)
    return StepDue(wanted, start, deadline.due, unknown_years=deadline.unknown_years)


def whole_deadline(work_calendar: WorkCalendar, track: str, accepted_on: date, extended: bool) -> Deadline:
    return work_calendar.add_working_days(accepted_on, whole_working_days(track, extended))


def due_by(own: date | None, whole: date | None, *, after_decision: bool = False) -> date | None:
    """The day a step must be done by: its own deadline or the whole procedure's, whichever comes first;
    paperwork completed after emergency help (the procedure decided) by its own only."""
    if after_decision:
        return own
    days = [d for d in (own, whole) if d is not None]
    return min(days) if days else None


# How a written refusal reached the applicant (送达方式).
SERVICE_METHODS = {"in_person": "直接送达", "post": "邮寄送达", "left": "留置送达", "other": "其他方式"}


def refusal_notice_due(work_calendar: WorkCalendar, decided_on: date) -> Deadline:
    return work_calendar.add_working_days(decided_on, REFUSAL_NOTICE_WORKING_DAYS)
