"""Session 38 acceptance: a step recorded showed its own deadline only (审批决定 due 10 working days after
the publicity) though the application's was earlier, and a decision made after the application's deadline
was not marked late. A step is due by the earlier of the two (paperwork after emergency help and the
publicity's 7 calendar days keep their own)."""
from __future__ import annotations

from datetime import date

from desktop.services import applications as svc
from tests.district import District
from tests.test_applications import make_household

D = date.fromisoformat
LATER = date(2027, 6, 30)


def _commitment(district: District, accepted: str) -> int:
    db = district.db
    return svc.accept(db, district.admin, household_id=make_household(db, district.regions["飞云社区"]),
                      category="dibao", track="commitment", accepted_on=D(accepted),
                      commitment=svc.CommitmentInput("申请人", D(accepted)), today=LATER)


def _steps(district: District, app_id: int) -> dict:
    return {s.step: s for s in svc.get_detail(district.db, district.admin, app_id, as_of=LATER).steps}


def test_a_decision_is_due_by_the_applications_deadline(district: District) -> None:
    db, admin = district.db, district.admin
    app_id = _commitment(district, "2026-11-02")  # commitment track: 10 working days, due 11-16
    svc.complete_step(db, admin, app_id, "check", on=D("2026-11-03"), result="passed", today=LATER)
    svc.complete_step(db, admin, app_id, "investigation", on=D("2026-11-04"), investigators=["李四", "王五"],
                      today=LATER)
    svc.complete_step(db, admin, app_id, "publicity", on=D("2026-11-12"), publicity_start=D("2026-11-05"),
                      today=LATER)
    svc.decide(db, admin, app_id, approve=True, amount="300", on=D("2026-11-18"), today=LATER)
    steps = _steps(district, app_id)
    assert steps["decision"].due_on == D("2026-11-16") and steps["decision"].late  # its own: 11-26
    assert steps["publicity"].due_on == D("2026-11-12") and not steps["publicity"].late
    assert steps["check"].due_on == D("2026-11-05") and not steps["check"].late


def test_a_decision_in_time_keeps_its_own_deadline(district: District) -> None:
    db, admin = district.db, district.admin
    app_id = svc.accept(db, admin, household_id=make_household(db, district.regions["飞云社区"]), category="dibao",
                        accepted_on=D("2026-03-06"), today=LATER)
    svc.complete_step(db, admin, app_id, "check", on=D("2026-03-09"), result="passed", today=LATER)
    svc.complete_step(db, admin, app_id, "investigation", on=D("2026-03-11"), investigators=["李四", "王五"],
                      today=LATER)
    svc.complete_step(db, admin, app_id, "publicity", on=D("2026-03-19"), publicity_start=D("2026-03-12"),
                      today=LATER)
    svc.decide(db, admin, app_id, approve=False, on=D("2026-04-01"), reason="收入高于标准", today=LATER)
    assert _steps(district, app_id)["decision"].due_on == D("2026-04-02")  # before the whole one (04-20)
