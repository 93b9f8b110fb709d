"""The procedure rules (pure): order per track and category, deadlines, refusals naming the rule."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.rules import procedure as proc
from desktop.rules.procedure import ProcedureRefused, State, Step
from desktop.rules.workdays import DEFAULT_CALENDAR


def nexts(state: State) -> list[str]:
    return [t.step.value for t in proc.allowed_next(state)]


def test_regular_order_without_objection() -> None:
    s = State("regular", "dibao", completed=("accepted",))
    assert nexts(s) == ["check"]
    s = State("regular", "dibao", completed=("accepted", "check"), check_passed=True)
    assert nexts(s) == ["investigation"]
    s = State("regular", "dibao", completed=("accepted", "check", "investigation"), check_passed=True)
    assert nexts(s) == ["publicity"]
    s = State("regular", "dibao", completed=("accepted", "check", "investigation", "publicity"), check_passed=True)
    assert nexts(s) == ["decision"]
    done = State("regular", "dibao", completed=("accepted", "check", "investigation", "publicity", "decision"),
                 check_passed=True, status="approved")
    assert nexts(done) == [] and proc.last_step(done) == "done"


def test_objection_requires_appraisal_on_regular_track_only() -> None:
    s = State("regular", "dibao", completed=("accepted", "check", "investigation"), objection=True, check_passed=True)
    assert nexts(s) == ["appraisal"]
    c = State("commitment", "dibao", completed=("accepted", "check", "investigation"), objection=True,
              check_passed=True)
    assert nexts(c) == ["publicity"]
    with pytest.raises(ProcedureRefused) as info:
        proc.require_allowed(c, "appraisal")
    assert info.value.rule == proc.RULE_COMMITMENT
    # objection raised during publicity: appraisal after publicity, then decision
    p = State("regular", "dibao", completed=("accepted", "check", "investigation", "publicity"), objection=True,
              check_passed=True)
    assert nexts(p) == ["appraisal"]


@pytest.mark.parametrize("step", ["investigation", "publicity", "decision"])
def test_skipping_is_refused_with_the_rule_named(step: str) -> None:
    s = State("regular", "dibao", completed=("accepted",))
    with pytest.raises(ProcedureRefused) as info:
        proc.require_allowed(s, step)
    assert "须先完成“授权核对”" in info.value.message
    assert info.value.rule in info.value.message


def test_failed_check_may_only_be_refused() -> None:
    s = State("regular", "dibao", completed=("accepted", "check"), check_passed=False)
    assert nexts(s) == ["investigation", "decision"]
    with pytest.raises(ProcedureRefused, match="不能批准"):
        proc.require_allowed(s, "decision", approve=True)
    assert proc.require_allowed(s, "decision", approve=False).step == Step.DECISION


def test_emergency_help_first_then_paperwork() -> None:
    s = State("regular", "temporary", "emergency", completed=("accepted",))
    assert nexts(s) == ["check", "decision"]
    after = State("regular", "temporary", "emergency", completed=("accepted", "decision"), status="approved")
    assert nexts(after) == ["check"] and proc.allowed_next(after)[0].after_decision
    assert proc.last_step(after) == "decision"
    finished = State("regular", "temporary", "emergency", completed=("accepted", "decision", "check", "investigation"),
                     status="approved")
    assert nexts(finished) == [] and proc.last_step(finished) == "done"
    # expenditure-type temporary assistance follows the full procedure
    assert nexts(State("regular", "temporary", "expenditure", completed=("accepted",))) == ["check"]


def test_closed_application_refuses_everything() -> None:
    s = State("regular", "dibao", completed=("accepted",), status="refused")
    with pytest.raises(ProcedureRefused, match="不予批准"):
        proc.require_allowed(s, "check")
    with pytest.raises(ProcedureRefused):
        proc.require_allowed(State("regular", "dibao"), "done")


def test_step_data_rules() -> None:
    with pytest.raises(ProcedureRefused) as info:
        proc.validate_step_data("investigation", on=date(2026, 3, 3), previous_on=date(2026, 3, 2),
                                investigators=["甲", " "])
    assert info.value.rule == proc.RULE_INVESTIGATORS
    with pytest.raises(ProcedureRefused) as info:
        proc.validate_step_data("publicity", on=date(2026, 3, 8), previous_on=date(2026, 3, 2),
                                publicity_start=date(2026, 3, 2))
    assert info.value.rule == proc.RULE_PUBLICITY
    proc.validate_step_data("publicity", on=date(2026, 3, 9), previous_on=date(2026, 3, 2))
    with pytest.raises(ProcedureRefused):
        proc.validate_step_data("check", on=date(2026, 3, 3), previous_on=date(2026, 3, 2), result="maybe")


def test_deadlines_and_months() -> None:
    assert proc.whole_deadline(DEFAULT_CALENDAR, "regular", date(2026, 2, 10), False).due == date(2026, 3, 30)
    assert proc.whole_deadline(DEFAULT_CALENDAR, "regular", date(2026, 2, 10), True).due == date(2026, 4, 21)
    assert proc.whole_deadline(DEFAULT_CALENDAR, "commitment", date(2026, 2, 10), True).due == date(2026, 3, 2)
    assert proc.step_due(DEFAULT_CALENDAR, "check", date(2026, 9, 28)).due == date(2026, 10, 8)
    assert proc.step_due(DEFAULT_CALENDAR, "publicity", date(2026, 9, 28)).due == date(2026, 10, 5)
    assert proc.step_due(DEFAULT_CALENDAR, "appraisal", date(2026, 9, 28)).due is None
    assert proc.refusal_notice_due(DEFAULT_CALENDAR, date(2026, 9, 30)).due == date(2026, 10, 10)  # Saturday make-up day
    assert proc.start_month_after(date(2026, 12, 31)) == date(2027, 1, 1)
    assert proc.start_month_after(date(2026, 3, 1)) == date(2026, 4, 1)
    assert proc.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert proc.months_between(date(2026, 11, 1), date(2027, 1, 15)) == [date(2026, 11, 1), date(2026, 12, 1),
                                                                          date(2027, 1, 1)]
    straddle = proc.whole_deadline(DEFAULT_CALENDAR, "regular", date(2026, 12, 20), False)
    assert straddle.unknown_years == (2027,) and "2027" in straddle.warning()


def test_periodic_recheck_interval() -> None:
    """RULES.md §1.5: review yearly, every six months where income is irregular."""
    assert proc.periodic_check_months(False) == 12
    assert proc.periodic_check_months(True) == 6
    # read back from the first re-check, also when the month end was clamped (08-31 + 6 → 02-28)
    assert proc.periodic_interval(date(2026, 8, 31), proc.add_months(date(2026, 8, 31), 6)) == 6
    assert proc.periodic_interval(date(2026, 8, 31), proc.add_months(date(2026, 8, 31), 12)) == 12


def test_rules_step_limits() -> None:
    """RULES.md §1.5: 3 / 3 working days to start, 7 calendar days of publicity, 10 to decide, 3 to
    notify a refusal, 30 (45) for the whole, 10 on the commitment track."""
    cal = DEFAULT_CALENDAR
    assert proc.step_due(cal, "check", date(2026, 2, 10)).due == date(2026, 2, 13)
    assert proc.step_due(cal, "investigation", date(2026, 2, 11)).due == date(2026, 2, 14)  # Saturday make-up day
    publicity = proc.step_due(cal, "publicity", date(2026, 9, 30))
    assert publicity.calendar_days and publicity.due == date(2026, 10, 7)  # calendar days, holiday or not
    assert proc.publicity_end(date(2026, 12, 28)) == date(2027, 1, 4)
    assert proc.step_due(cal, "decision", date(2026, 9, 28)).due == date(2026, 10, 16)
    assert proc.refusal_notice_due(cal, date(2026, 2, 12)).due == date(2026, 2, 24)  # over the Spring Festival
    assert proc.whole_deadline(cal, "commitment", date(2026, 9, 28), False).due == date(2026, 10, 16)
    assert proc.whole_deadline(cal, "commitment", date(2026, 9, 28), True).due == date(2026, 10, 16)  # no extension
    assert proc.whole_deadline(cal, "regular", date(2026, 9, 28), True).due == date(2026, 12, 4)
    assert proc.start_month_after(date(2026, 1, 31)) == date(2026, 2, 1)
    assert proc.start_month_after(date(2028, 2, 29)) == date(2028, 3, 1)


def test_only_a_deadline_can_be_missed() -> None:
    """A step completed after its due date is late; a publicity's date is the first day it may close."""
    due, after = date(2026, 11, 6), date(2026, 11, 9)
    assert proc.finished_late(Step.INVESTIGATION, due, after)
    assert not proc.finished_late(Step.INVESTIGATION, due, due) and not proc.finished_late(Step.DECISION, None, after)
    assert not proc.finished_late(Step.PUBLICITY, due, after)


def test_each_step_counts_from_its_own_start_event() -> None:
    """RULES.md §1.5: "the sub-district starts the investigation after acceptance" — 3 working days from
    acceptance even though the data check is recorded first; the data check and the decision from the step
    before; paperwork after emergency help from the decision."""
    accepted, check_done = date(2026, 3, 6), date(2026, 3, 9)
    assert proc.step_start(Step.INVESTIGATION, accepted, check_done) == accepted
    assert proc.step_due(DEFAULT_CALENDAR, Step.INVESTIGATION, proc.step_start(
        Step.INVESTIGATION, accepted, check_done)).due == date(2026, 3, 11)
    assert proc.step_start(Step.CHECK, accepted, accepted) == accepted
    assert proc.step_start(Step.DECISION, accepted, date(2026, 3, 19)) == date(2026, 3, 19)
    assert proc.step_start(Step.INVESTIGATION, accepted, check_done, after_decision=True) == check_done
