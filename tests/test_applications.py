"""The application procedure through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from itertools import count
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop.models import (
    Application,
    ApplicationStep,
    AssistanceRecord,
    AuditEntry,
    Household,
    LibraryMove,
    Notice,
    PostCheck,
    Referral,
    Revocation,
)
from desktop.rules.codes import Role
from desktop.services import applications as svc
from desktop.services import calendar as cal_svc
from desktop.services import monitoring
from desktop.services.calendar import load_calendar
from desktop.services.errors import PermissionDenied, ServiceError, ValidationFailed
from tests.district import District

_codes = count(1)


def make_household(db, region_id: int, name: str = "张三", members: int = 3, stage: str | None = "class_1") -> int:
    with db.session_factory() as session:
        hh = Household(region_id=region_id, head_name=name, member_count=members, code=f"T{next(_codes):05d}",
                       stage=stage)
        session.add(hh)
        session.commit()
        return hh.id


def household(db, hid: int) -> Household:
    with db.session_factory() as session:
        hh = session.get(Household, hid)
        session.expunge(hh)
        return hh


def run_regular(district: District, hid: int, *, accepted: date = date(2026, 2, 10), approve: bool = True) -> int:
    app_id = svc.accept(district.db, district.admin, household_id=hid, category="dibao", track="regular",
                        accepted_on=accepted)
    return run_steps_and_approve(district, app_id, approve=approve)


def run_steps_and_approve(district: District, app_id: int, *, approve: bool = True) -> int:
    """A regular-track application accepted by 2026-02-10 through its steps to the decision on 2026-03-10."""
    db, admin = district.db, district.admin
    svc.complete_step(db, admin, app_id, "check", on=date(2026, 2, 12), result="passed")
    svc.complete_step(db, admin, app_id, "investigation", on=date(2026, 2, 24), investigators=["李四", "王五"])
    svc.complete_step(db, admin, app_id, "publicity", on=date(2026, 3, 4), publicity_start=date(2026, 2, 25))
    svc.decide(db, admin, app_id, approve=approve, on=date(2026, 3, 10), amount=Decimal("650.00") if approve else None,
               reason="" if approve else "家庭人均收入高于低保标准", today=date(2026, 6, 15))
    return app_id


# -- RULES.md §2 vectors through the services ---------------------------------------------------------
@pytest.mark.parametrize(("accepted", "check_due", "commitment_due", "plus20", "regular_due", "extended_due"), [
    (date(2026, 2, 10), date(2026, 2, 13), date(2026, 3, 2), date(2026, 3, 16), date(2026, 3, 30), date(2026, 4, 21)),
    (date(2026, 9, 28), date(2026, 10, 8), date(2026, 10, 16), date(2026, 10, 30), date(2026, 11, 13),
     date(2026, 12, 4)),
])
def test_deadline_vectors(district: District, accepted, check_due, commitment_due, plus20, regular_due,
                          extended_due) -> None:
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["八泉社区"])
    regular = svc.accept(db, admin, household_id=hid, category="dibao", accepted_on=accepted)
    hid2 = make_household(db, district.regions["飞云社区"], "李梅")
    commit = svc.accept(db, admin, household_id=hid2, category="dibao", track="commitment", accepted_on=accepted,
                        commitment=svc.CommitmentInput("李梅", accepted))
    assert load_calendar(db).add_working_days(accepted, 20).due == plus20
    rows = {r.id: r for r in svc.deadlines(db, admin, as_of=accepted)}
    assert rows[regular].due_on == regular_due
    assert rows[regular].step_due_on == check_due
    assert rows[regular].effective_due_on == check_due
    assert rows[regular].working_days_left == 3
    assert rows[commit].due_on == commitment_due
    assert rows[regular].warning == "" and rows[commit].warning == ""
    svc.extend(db, admin, regular, reason="需要向外地核实赡养人收入")
    detail = svc.get_detail(db, admin, regular, as_of=accepted)
    assert detail.row.due_on == extended_due and detail.row.extended
    with db.session_factory() as session:
        assert session.get(Application, regular).due_on == extended_due


def test_full_regular_application(district: District) -> None:
    db = district.db
    hid = make_household(db, district.regions["八泉社区"], "张三", 3)
    app_id = run_regular(district, hid)
    detail = svc.get_detail(db, district.admin, app_id, as_of=date(2026, 6, 15))
    assert detail.row.status == "approved" and detail.row.step == "done"
    assert [s.step for s in detail.steps] == ["accepted", "check", "investigation", "publicity", "decision"]
    assert all(s.by == "测试admin" for s in detail.steps)
    assert detail.steps[2].data["investigators"] == ["李四", "王五"]
    assert detail.steps[3].data["publicity_from"] == "2026-02-25"
    assert detail.start_month == date(2026, 4, 1)
    assert detail.months_paid == 3 and detail.total_paid == Decimal("1950.00")
    assert detail.actions == ()
    # RULES.md §1.5: review yearly — on the regular track too (no centralised cross-check there)
    assert [(c.kind, c.due_on) for c in detail.post_checks] == [("periodic", date(2027, 3, 10))]
    hh = household(db, hid)
    assert hh.category == "dibao" and hh.stage == "assisted"
    with db.session_factory() as session:
        moves = session.execute(select(LibraryMove.from_stage, LibraryMove.to_stage)
                                .where(LibraryMove.household_id == hid).order_by(LibraryMove.id)).all()
        assert [tuple(m) for m in moves] == [("class_1", "applying"), ("applying", "assisted")]
        months = session.execute(select(AssistanceRecord.month).where(AssistanceRecord.application_id == app_id)
                                 .order_by(AssistanceRecord.month)).scalars().all()
        assert months == [date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)]
        assert session.scalar(select(Notice.kind).where(Notice.application_id == app_id)) == "approval"
        actions = set(session.execute(select(AuditEntry.action).where(AuditEntry.entity_id == app_id)).scalars())
        assert {"application.accept", "application.step.check", "application.decide"} <= actions
    # the next month is added once, and not twice
    assert svc.record_monthly_assistance(db, district.admin, date(2026, 7, 1)) == 1
    assert svc.record_monthly_assistance(db, district.admin, date(2026, 7, 1)) == 0
    # statistics read these: approval time in working days and the check result
    with db.session_factory() as session:
        app = session.get(Application, app_id)
        assert app.check_passed is True
        assert load_calendar(db).working_days_between(app.accepted_on, app.decided_on) == 16
    doc = svc.notice_document(db, district.admin, app_id)
    assert doc.kind == "approval" and "650.00" in doc.html and "2026年04月" in doc.html
    # stopping is the way out of "assisted"
    svc.stop_assistance(db, district.admin, app_id, on=date(2026, 7, 20), reason="家庭成员就业,收入超过标准",
                        to_stage="class_2")
    hh = household(db, hid)
    assert hh.stage == "class_2" and hh.category == "none"
    assert svc.record_monthly_assistance(db, district.admin, date(2026, 9, 1)) == 0


def test_refused_application_moves_back_and_prints_reasons(district: District) -> None:
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["闸口社区"], "王强", 2)
    app_id = svc.accept(db, admin, household_id=hid, category="dibao", accepted_on=date(2026, 3, 2))
    svc.complete_step(db, admin, app_id, "check", on=date(2026, 3, 4), result="failed")
    with pytest.raises(svc.StepRefused, match="授权核对未通过,不能批准"):
        svc.decide(db, admin, app_id, approve=True, on=date(2026, 3, 5), amount="500", today=date(2026, 3, 5))
    svc.decide(db, admin, app_id, approve=False, on=date(2026, 3, 5), reason="核对发现名下有两套住房",
               today=date(2026, 3, 5))
    detail = svc.get_detail(db, admin, app_id, as_of=date(2026, 3, 5))
    assert detail.row.status == "refused" and detail.row.check_passed is False
    assert detail.steps[-1].data["notice_due"] == "2026-03-10"  # written refusal: 3 working days
    assert household(db, hid).stage == "class_1"
    doc = svc.notice_document(db, admin, app_id)
    assert doc.kind == "refusal" and "名下有两套住房" in doc.html


def test_full_commitment_application_with_post_checks_and_revocation(district: District) -> None:
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["飞云社区"], "赵敏", 4)
    with pytest.raises(ValidationFailed, match="承诺书"):
        svc.accept(db, admin, household_id=hid, category="dibao", track="commitment", accepted_on=date(2026, 9, 28))
    app_id = svc.accept(db, admin, household_id=hid, category="dibao", track="commitment",
                        accepted_on=date(2026, 9, 28),
                        commitment=svc.CommitmentInput("赵敏", date(2026, 9, 28), "本人承诺所报信息真实"))
    svc.attach_commitment_file(db, admin, app_id, file_name="/scans/承诺书.pdf", data=b"%PDF-1.4 scan")
    assert svc.commitment_file(db, admin, app_id) == ("承诺书.pdf", b"%PDF-1.4 scan")
    row = svc.deadlines(db, admin, as_of=date(2026, 9, 28))[0]
    assert row.due_on == date(2026, 10, 16) and row.track_label == "告知承诺制"
    svc.complete_step(db, admin, app_id, "check", on=date(2026, 9, 29), result="passed")
    svc.complete_step(db, admin, app_id, "investigation", on=date(2026, 9, 30), investigators=["刘一", "陈二"],
                      objection=True)
    with pytest.raises(svc.StepRefused, match="告知承诺制申请不进行民主评议") as info:
        svc.complete_step(db, admin, app_id, "appraisal", on=date(2026, 10, 8), result="agreed")
    assert "告知承诺制" in info.value.rule
    svc.complete_step(db, admin, app_id, "publicity", on=date(2026, 10, 8), publicity_start=date(2026, 10, 1))
    with pytest.raises(svc.StepRefused):
        svc.extend(db, admin, app_id, reason="x")
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 10, 9), amount="820", today=date(2026, 11, 29))
    detail = svc.get_detail(db, admin, app_id, as_of=date(2026, 11, 29))
    assert detail.row.step == "done" and detail.commitment is not None and detail.commitment.has_file
    assert load_calendar(db).working_days_between(date(2026, 9, 28), date(2026, 10, 9)) <= 10
    kinds = {(p.kind, p.due_on) for p in detail.post_checks}
    assert kinds == {("centralised", date(2026, 11, 9)), ("periodic", date(2027, 10, 9))}
    assert detail.months_paid == 1 and detail.start_month == date(2026, 11, 1)  # the month after approval
    queue = svc.post_check_queue(db, admin, as_of=date(2026, 11, 29))
    centralised = next(p for p in queue if p.kind == "centralised")
    assert centralised.overdue
    svc.record_post_check(db, admin, centralised.id, on=date(2026, 11, 5), passed=True)
    # a spot check of the commitment-track approvals, then a failure opens a revocation
    sample = svc.draw_spot_check(db, admin, on=date(2026, 11, 20), count=1, seed=42)
    assert [r.application_id for r in sample.rows] == [app_id] and sample.seed == 42
    assert svc.verify_sample(db, admin, sample.id)
    spot = next(p for p in svc.post_check_queue(db, admin, as_of=date(2026, 11, 20)) if p.kind == "spot")
    rev_id = svc.record_post_check(db, admin, spot.id, on=date(2026, 11, 25), passed=False,
                                   note="抽查发现隐瞒经营收入")
    assert rev_id is not None
    with db.session_factory() as session:
        rev = session.get(Revocation, rev_id)
        assert rev.amount_to_recover == Decimal("820.00") and rev.status == "open"
        assert session.get(Application, app_id).status == "revoked"
    hh = household(db, hid)
    assert hh.stage == "class_1" and hh.category == "none"
    svc.record_recovery(db, admin, rev_id, amount_recovered="820", on=date(2026, 11, 28), close=True)
    detail = svc.get_detail(db, admin, app_id, as_of=date(2026, 11, 29))
    assert detail.revocations[0].status == "closed"
    assert svc.post_check_queue(db, admin, as_of=date(2026, 11, 29)) == []  # nothing left on a revoked one


def test_a_revoked_approval_is_traced_back_to_the_staff_who_handled_it(district: District) -> None:
    """RULES.md §1.5: tracing back problems (问题倒查); staff who acted in good faith are exempt (容错免责)."""
    db, admin = district.db, district.admin
    _hid, app_id = commitment_to_decision(district, "钱进", date(2026, 2, 10))
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 2, 27), amount="500", today=date(2026, 3, 1))
    centralised = next(c for c in svc.get_detail(db, admin, app_id).post_checks if c.kind == "centralised")
    rev_id = svc.record_post_check(db, admin, centralised.id, on=date(2026, 3, 20), passed=False,
                                   note="比对发现隐瞒车辆一台")
    rev = svc.get_detail(db, admin, app_id).revocations[0]
    assert (rev.id, rev.trace_finding, rev.opened_on) == (rev_id, None, date(2026, 3, 20))
    # the county records it; a finding of fault says what was wrong
    with pytest.raises(PermissionDenied):
        svc.record_trace_finding(db, district.actor(Role.SUBDISTRICT_CASEWORKER), rev_id, finding="exempt", note="",
                                 on=date(2026, 3, 25))
    with pytest.raises(ValidationFailed, match="须写明"):
        svc.record_trace_finding(db, admin, rev_id, finding="liable", note=" ", on=date(2026, 3, 25))
    with pytest.raises(ValidationFailed, match="倒查结论"):
        svc.record_trace_finding(db, admin, rev_id, finding="maybe", note="", on=date(2026, 3, 25))
    with pytest.raises(ValidationFailed, match="不能早于核查未通过的日期 2026-03-20"):
        svc.record_trace_finding(db, admin, rev_id, finding="exempt", note="", on=date(2026, 3, 19))
    with pytest.raises(ValidationFailed, match="不能晚于今天"):
        svc.record_trace_finding(db, admin, rev_id, finding="exempt", note="", on=date(2026, 3, 26),
                                 today=date(2026, 3, 25))
    svc.record_trace_finding(db, admin, rev_id, finding="exempt", note="申请人隐瞒车辆,经办人员按规定核对,无过错",
                             on=date(2026, 3, 25), expected_version=rev.version)
    rev = svc.get_detail(db, admin, app_id).revocations[0]
    assert (rev.trace_finding, rev.trace_label, rev.traced_on, rev.traced_by) == (
        "exempt", "依规履职,容错免责", date(2026, 3, 25), "测试admin")
    with pytest.raises(ServiceError, match="已被"):  # a form opened before the finding was saved
        svc.record_trace_finding(db, admin, rev_id, finding="liable", note="x", on=date(2026, 3, 25),
                                 expected_version=rev.version - 1)
    with db.session_factory() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.action == "revocation.trace")).scalar_one()
        assert "容错免责" in entry.detail
    from desktop.services import audit

    row = next(r for r in audit.list_entries(db, admin) if r.action == "revocation.trace")
    assert row.action_label == "记录问题倒查结论"
    assert {(c.label, c.after) for c in row.changes} >= {("倒查结论", "依规履职,容错免责"), ("倒查日期", "2026-03-25"),
                                                         ("倒查记录人", "测试admin(admin)")}


def commitment_to_decision(district: District, name: str, accepted: date) -> tuple[int, int]:
    """(household, application): a commitment-track 低保 application accepted on ``accepted`` with
    every step before the decision done (check +1 day, investigation +2, publicity from +3 to +10)."""
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["飞云社区"], name, 2)
    app_id = svc.accept(db, admin, household_id=hid, category="dibao", track="commitment", accepted_on=accepted,
                        commitment=svc.CommitmentInput(name, accepted))
    svc.complete_step(db, admin, app_id, "check", on=accepted + timedelta(days=1), result="passed")
    svc.complete_step(db, admin, app_id, "investigation", on=accepted + timedelta(days=2), investigators=["刘一", "陈二"])
    svc.complete_step(db, admin, app_id, "publicity", on=accepted + timedelta(days=10),
                      publicity_start=accepted + timedelta(days=3))
    return hid, app_id


def test_irregular_income_is_rechecked_every_six_months_each_time(district: District) -> None:
    """RULES.md §1.5: review yearly, every six months where income is irregular — not only the first time."""
    db, admin = district.db, district.admin
    _hid, app_id = commitment_to_decision(district, "钱进", date(2026, 2, 10))
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 2, 27), amount="500", today=date(2026, 3, 1),
               irregular_income=True)

    def periodic_dues() -> list[date]:
        with db.session_factory() as session:
            return list(session.execute(select(PostCheck.due_on).where(
                PostCheck.application_id == app_id, PostCheck.kind == "periodic")
                .order_by(PostCheck.due_on)).scalars())

    assert periodic_dues() == [date(2026, 8, 27)]
    with db.session_factory() as session:
        first = session.scalar(select(PostCheck.id).where(PostCheck.application_id == app_id,
                                                          PostCheck.kind == "periodic"))
    svc.record_post_check(db, admin, first, on=date(2026, 8, 20), passed=True)
    assert periodic_dues() == [date(2026, 8, 27), date(2027, 2, 27)]  # six months again, not twelve


def periodic_check(db, app_id: int) -> int:
    with db.session_factory() as session:
        return session.scalar(select(PostCheck.id).where(PostCheck.application_id == app_id, PostCheck.kind == "periodic",
                                                         PostCheck.done_on.is_(None)))


def test_regular_approval_is_reviewed_yearly_and_a_failed_review_stops_the_assistance(district: District) -> None:
    """RULES.md §1.5: review yearly — on the regular track too. A regular-track family that no longer
    qualifies has its assistance stopped (nothing to recover: it was entitled until then)."""
    db, admin = district.db, district.admin
    hid, app_id = approved_dibao(district, "郑一")  # decided 2026-03-10
    with pytest.raises(ValidationFailed, match="不能早于批准日期"):
        svc.record_post_check(db, admin, periodic_check(db, app_id), on=date(2026, 3, 9), passed=True)
    with pytest.raises(ValidationFailed, match="不能晚于今天"):
        svc.record_post_check(db, admin, periodic_check(db, app_id), on=date(2027, 3, 9), passed=True,
                              today=date(2027, 3, 8))
    svc.record_post_check(db, admin, periodic_check(db, app_id), on=date(2027, 3, 1), passed=True,
                          today=date(2027, 3, 1))
    queue = svc.post_check_queue(db, admin, as_of=date(2027, 3, 1))
    assert [(c.application_id, c.kind, c.due_on, c.stops_when_failed, c.gradual_exit_allowed) for c in queue] == [
        (app_id, "periodic", date(2028, 3, 10), True, True)]
    assert svc.record_post_check(db, admin, queue[0].id, on=date(2028, 3, 2), passed=False, note="家庭人均收入已超过低保标准",
                                 to_stage="class_2", today=date(2028, 3, 2)) is None
    detail = svc.get_detail(db, admin, app_id, as_of=date(2028, 3, 2))
    assert detail.row.status == "approved" and detail.stopped_on == date(2028, 3, 2) and not detail.can_stop
    assert detail.revocations == ()
    hh = household(db, hid)
    assert (hh.stage, hh.category) == ("class_2", "none")
    assert svc.post_check_queue(db, admin, as_of=date(2028, 3, 2)) == []  # no further review once stopped


def test_failed_review_of_dibao_may_stop_by_a_gradual_exit(district: District) -> None:
    db, admin = district.db, district.admin
    set_gradual_exit_months(district, 3)
    hid, app_id = approved_dibao(district, "王二")
    svc.record_post_check(db, admin, periodic_check(db, app_id), on=date(2027, 3, 5), passed=False,
                          note="户主就业,收入超过标准", gradual=True, today=date(2027, 3, 5))
    detail = svc.get_detail(db, admin, app_id, as_of=date(2027, 3, 5))
    assert detail.gradual_exit_from == date(2027, 3, 5) and detail.stopped_on == date(2027, 6, 30)
    assert household(db, hid).stage == "assisted"  # until the exit period ends


def test_upgrade_schedules_the_review_of_regular_approvals_made_before(district: District) -> None:
    """Migration 0006: running regular-track approvals made before reviews were scheduled get one, on the
    first anniversary of the decision on or after the upgrade; a one-off 临时救助 and a stopped one get none."""
    from sqlalchemy import delete

    from desktop.services import database

    db, admin = district.db, district.admin
    _hid, running = approved_dibao(district, "甲")
    _hid, stopped = approved_dibao(district, "乙")
    svc.stop_assistance(db, admin, stopped, on=date(2026, 6, 1), reason="收入超过标准", today=date(2026, 6, 1))
    temporary = svc.accept(db, admin, household_id=make_household(db, district.regions["闸口社区"]),
                           category="temporary", temporary_kind="emergency", accepted_on=date(2026, 5, 6))
    svc.decide(db, admin, temporary, approve=True, on=date(2026, 5, 6), amount="300", today=date(2026, 5, 6))
    with db.session_factory() as session:  # as a database of revision 0005 holds them
        session.execute(delete(PostCheck))
        session.commit()
    database.downgrade(db, "0005")
    database.migrate(db)
    assert database.current_revision(db) == database.head_revision()
    with db.session_factory() as session:
        rows = session.execute(select(PostCheck.application_id, PostCheck.kind, PostCheck.due_on)).all()
    today = date.today()
    expected = date(2027, 3, 10) if today <= date(2027, 3, 10) else None
    assert [(a, k) for a, k, _ in rows] == [(running, "periodic")]
    due = rows[0][2]
    assert due >= today and (due.month, due.day) == (3, 10) and (expected is None or due == expected)


def test_temporary_assistance_is_paid_once_and_the_family_goes_on_being_watched(district: District) -> None:
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["道仕袱村"], "孙大", 5)
    app_id = svc.accept(db, admin, household_id=hid, category="temporary", temporary_kind="emergency",
                        accepted_on=date(2026, 5, 6))
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 5, 6), amount="3000", today=date(2026, 8, 1))
    detail = svc.get_detail(db, admin, app_id, as_of=date(2026, 8, 1))
    assert (detail.months_paid, detail.total_paid) == (1, Decimal("3000.00"))  # June only, not June–August
    assert not detail.can_stop and detail.post_checks == ()  # nothing runs, nothing to review
    hh = household(db, hid)
    assert (hh.stage, hh.category) == ("class_1", "none")
    assert svc.monthly_assistance(db, admin, date(2026, 7, 1)).due == 0
    # on the commitment track: the centralised cross-check, no periodic review
    _hid2, app2 = commitment_to_decision(district, "钱进", date(2026, 2, 10))
    with db.session_factory() as session:
        session.get(Application, app2).category = "temporary"
        session.get(Application, app2).temporary_kind = "expenditure"
        session.commit()
    svc.decide(db, admin, app2, approve=True, on=date(2026, 2, 27), amount="2000", today=date(2026, 3, 1))
    assert [c.kind for c in svc.get_detail(db, admin, app2).post_checks] == ["centralised"]


def test_a_family_assisted_under_dibao_stays_assisted_through_a_temporary_application(district: District) -> None:
    db, admin = district.db, district.admin
    hid, dibao = approved_dibao(district, "冯三")
    assert household(db, hid).stage == "assisted"
    first = svc.accept(db, admin, household_id=hid, category="temporary", temporary_kind="emergency",
                       accepted_on=date(2026, 5, 6))
    assert (household(db, hid).stage, household(db, hid).category) == ("assisted", "dibao")
    svc.decide(db, admin, first, approve=False, on=date(2026, 5, 7), reason="已给予医疗救助", today=date(2026, 5, 7))
    assert household(db, hid).stage == "assisted"
    second = svc.accept(db, admin, household_id=hid, category="temporary", temporary_kind="emergency",
                        accepted_on=date(2026, 5, 8))
    svc.decide(db, admin, second, approve=True, on=date(2026, 5, 8), amount="2000", today=date(2026, 5, 8))
    assert (household(db, hid).stage, household(db, hid).category) == ("assisted", "dibao")
    # the one-off payment does not keep the family assisted once its 低保 stops
    svc.stop_assistance(db, admin, dibao, on=date(2026, 7, 1), reason="收入超过标准", today=date(2026, 7, 1))
    assert (household(db, hid).stage, household(db, hid).category) == ("class_1", "none")


def test_skipping_or_reordering_steps_is_refused_naming_the_rule(district: District) -> None:
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["八泉社区"])
    app_id = svc.accept(db, admin, household_id=hid, category="dibao", accepted_on=date(2026, 2, 10))
    with pytest.raises(svc.StepRefused, match="须先完成“授权核对”") as info:
        svc.complete_step(db, admin, app_id, "investigation", on=date(2026, 2, 11), investigators=["甲", "乙"])
    assert "最低生活保障审核确认办法" in str(info.value) and info.value.rule == svc.proc.RULE_PROCEDURE
    with pytest.raises(svc.StepRefused, match="仅临时救助急难型可先行救助"):
        svc.decide(db, admin, app_id, approve=True, on=date(2026, 2, 11), amount="500", today=date(2026, 2, 11))
    svc.complete_step(db, admin, app_id, "check", on=date(2026, 2, 11), result="passed")
    with pytest.raises(svc.StepRefused, match="已经办理"):
        svc.complete_step(db, admin, app_id, "check", on=date(2026, 2, 11), result="passed")
    with pytest.raises(svc.StepRefused, match="不少于2名调查人员"):
        svc.complete_step(db, admin, app_id, "investigation", on=date(2026, 2, 12), investigators=["甲", "甲"])
    with pytest.raises(svc.StepRefused, match="早于上一步骤"):
        svc.complete_step(db, admin, app_id, "investigation", on=date(2026, 2, 9), investigators=["甲", "乙"])
    with pytest.raises(svc.StepRefused, match="没有记录异议"):
        svc.complete_step(db, admin, app_id, "appraisal", on=date(2026, 2, 12), result="agreed")
    svc.complete_step(db, admin, app_id, "investigation", on=date(2026, 2, 12), investigators=["甲", "乙"])
    with pytest.raises(svc.StepRefused, match="须满7个自然日"):
        svc.complete_step(db, admin, app_id, "publicity", on=date(2026, 2, 18), publicity_start=date(2026, 2, 13))
    # an objection raised during publicity requires a democratic appraisal before the decision
    svc.complete_step(db, admin, app_id, "publicity", on=date(2026, 2, 20), publicity_start=date(2026, 2, 13),
                      objection=True)
    with pytest.raises(svc.StepRefused, match="须先完成“民主评议”"):
        svc.decide(db, admin, app_id, approve=True, on=date(2026, 2, 24), amount="500", today=date(2026, 2, 24))
    svc.complete_step(db, admin, app_id, "appraisal", on=date(2026, 2, 24), result="agreed")
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 2, 25), amount="500", today=date(2026, 2, 25))
    with db.session_factory() as session:
        steps = session.execute(select(ApplicationStep.step).where(ApplicationStep.application_id == app_id)
                                .order_by(ApplicationStep.id)).scalars().all()
    assert steps == ["accepted", "check", "investigation", "publicity", "appraisal", "decision"]


def test_emergency_helps_first_and_completes_the_steps_afterwards(district: District) -> None:
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["道仕袱村"], "孙大", 5)
    with pytest.raises(ValidationFailed, match="急难型或支出型"):
        svc.accept(db, admin, household_id=hid, category="temporary", accepted_on=date(2026, 5, 6))
    app_id = svc.accept(db, admin, household_id=hid, category="temporary", temporary_kind="emergency",
                        accepted_on=date(2026, 5, 6))
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 5, 6), amount="3000", today=date(2026, 5, 6))
    detail = svc.get_detail(db, admin, app_id, as_of=date(2026, 5, 6))
    assert detail.row.step == "decision" and detail.row.status == "approved"
    assert [a.step for a in detail.actions] == ["check"] and detail.actions[0].after_decision
    assert detail.row.category_label == "临时救助(急难型)"
    svc.complete_step(db, admin, app_id, "check", on=date(2026, 5, 8), result="passed")
    svc.complete_step(db, admin, app_id, "investigation", on=date(2026, 5, 11), investigators=["甲", "乙"])
    detail = svc.get_detail(db, admin, app_id, as_of=date(2026, 5, 11))
    assert detail.row.step == "done" and detail.actions == ()


def test_emergency_help_whose_check_fails_afterwards_comes_to_the_reviewer(district: District) -> None:
    """Help first, paperwork later: a data check that did not pass after the help was paid left the
    approval as it was, with nothing to tell the reviewer and no way to revoke it (revocations come
    from checks after approval). It now schedules one: passed keeps the help, not passed revokes it
    with the amount to recover the reviewer gives."""
    db, admin = district.db, district.admin
    apps = []
    for name in ("孙二", "孙三"):
        hid = make_household(db, district.regions["道仕袱村"], name, 3)
        app_id = svc.accept(db, admin, household_id=hid, category="temporary", temporary_kind="emergency",
                            accepted_on=date(2026, 5, 6))
        svc.decide(db, admin, app_id, approve=True, on=date(2026, 5, 6), amount="3000", today=date(2026, 5, 6))
        svc.complete_step(db, admin, app_id, "check", on=date(2026, 5, 8), result="failed", today=date(2026, 5, 8))
        apps.append(app_id)
    queue = [c for c in svc.post_check_queue(db, admin, as_of=date(2026, 5, 8)) if c.application_id in apps]
    assert [(c.kind, c.kind_label, c.due_on) for c in queue] == [("after_help", "先行救助后复查", date(2026, 6, 8))] * 2
    assert svc.get_detail(db, admin, apps[0], as_of=date(2026, 5, 8)).row.status == "approved"  # until decided
    # the family was in real need after all: the help stands
    assert svc.record_post_check(db, admin, queue[0].id, on=date(2026, 5, 20), passed=True,
                                 today=date(2026, 5, 20)) is None
    assert svc.get_detail(db, admin, apps[0], as_of=date(2026, 5, 20)).row.status == "approved"
    # it was not: revoked, part of it to recover
    revocation = svc.record_post_check(db, admin, queue[1].id, on=date(2026, 5, 20), passed=False,
                                       note="隐瞒了家庭存款", amount_to_recover="1500", today=date(2026, 5, 20))
    detail = svc.get_detail(db, admin, apps[1], as_of=date(2026, 5, 20))
    assert revocation is not None and detail.row.status == "revoked"
    assert [(r.amount_to_recover, r.reason) for r in detail.revocations] == [(Decimal("1500.00"), "隐瞒了家庭存款")]
    # a check that passes, and the regular procedure's check before a decision, schedule nothing
    hid = make_household(db, district.regions["道仕袱村"], "孙四", 3)
    passed = svc.accept(db, admin, household_id=hid, category="temporary", temporary_kind="emergency",
                        accepted_on=date(2026, 5, 6))
    svc.decide(db, admin, passed, approve=True, on=date(2026, 5, 6), amount="3000", today=date(2026, 5, 6))
    svc.complete_step(db, admin, passed, "check", on=date(2026, 5, 8), result="passed", today=date(2026, 5, 8))
    assert not [c for c in svc.post_check_queue(db, admin, as_of=date(2026, 5, 8)) if c.application_id == passed]


def test_unknown_2027_calendar_is_said_until_an_administrator_enters_it(district: District) -> None:
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["八泉社区"])
    app_id = svc.accept(db, admin, household_id=hid, category="dibao", accepted_on=date(2026, 12, 20),
                        today=date(2026, 12, 21))
    row = svc.deadlines(db, admin, as_of=date(2026, 12, 21))[0]
    assert "2027年的法定节假日安排尚未录入" in row.warning
    assert svc.get_detail(db, admin, app_id, as_of=date(2026, 12, 21)).row.warning == row.warning
    estimated = row.due_on
    with pytest.raises(PermissionDenied):
        cal_svc.set_year(db, district.actor(Role.DISTRICT_REVIEWER), 2027, days_off=[], workdays=[])
    with pytest.raises(ValidationFailed, match="不在 2027 年内"):
        cal_svc.set_year(db, admin, 2027, days_off=[date(2026, 12, 31)], workdays=[])
    # an administrator enters the year: a long spring festival moves the deadline and the warning goes
    spring = [date(2027, 2, d) for d in range(5, 14)]
    info = cal_svc.set_year(db, admin, 2027, days_off=[date(2027, 1, 1), *spring], workdays=[date(2027, 2, 20)],
                            note="国务院办公厅通知")
    assert info.entered and info.known and len(info.days) == 11
    row = svc.deadlines(db, admin, as_of=date(2026, 12, 21))[0]
    assert row.warning == ""
    with db.session_factory() as session:
        assert session.get(Application, app_id).due_on == row.due_on
    assert row.due_on >= estimated
    cal_svc.clear_year(db, admin, 2027)
    assert svc.deadlines(db, admin, as_of=date(2026, 12, 21))[0].warning


def test_front_desk_accepts_and_refers_in_one_go(district: District) -> None:
    db = district.db
    worker = district.actor(Role.COMMUNITY_WORKER)  # 飞云社区
    hid = make_household(db, district.regions["飞云社区"], "周芳", 3)
    other = make_household(db, district.regions["闸口社区"], "外区")
    with pytest.raises(PermissionDenied):
        svc.front_desk(db, worker, household_id=other, category="dibao", accepted_on=date(2026, 4, 1),
                       referrals=[svc.ReferralInput("education", "学费减免")])
    with pytest.raises(ValidationFailed, match="部门"):
        svc.front_desk(db, worker, household_id=hid, category="dibao", accepted_on=date(2026, 4, 1),
                       referrals=[svc.ReferralInput("nowhere")])
    with pytest.raises(ValidationFailed, match="转介教育未填写需要该部门解决的问题"):  # nothing accepted
        svc.front_desk(db, worker, household_id=hid, category="dibao", accepted_on=date(2026, 4, 1),
                       referrals=[svc.ReferralInput("medical_insurance", "住院费用医疗救助"),
                                  svc.ReferralInput("education", "  ")])
    assert svc.application_ids_for_household(db, worker, hid) == []
    result = svc.front_desk(db, worker, household_id=hid, category="dibao", accepted_on=date(2026, 4, 1),
                            referrals=[svc.ReferralInput("medical_insurance", "住院费用医疗救助"),
                                       svc.ReferralInput("education", "子女学费减免")])
    assert len(result.referral_ids) == 2
    with pytest.raises(ValidationFailed, match="部门反馈"):
        svc.record_referral_outcome(db, worker, result.referral_ids[0], status="done", on=date(2026, 4, 10))
    svc.record_referral_outcome(db, worker, result.referral_ids[0], status="done", feedback="已纳入医疗救助",
                                on=date(2026, 4, 10))
    # an outcome dated before the referral was sent, or after today (a slip of the date), is refused
    with pytest.raises(ValidationFailed, match="不能早于转介日期 2026-04-01"):
        svc.record_referral_outcome(db, worker, result.referral_ids[1], status="received", on=date(2026, 3, 30))
    with pytest.raises(ValidationFailed, match="部门办理日期 2026-04-04 不能晚于今天"):
        svc.record_referral_outcome(db, worker, result.referral_ids[1], status="received", on=date(2026, 4, 4),
                                    today=date(2026, 4, 3))
    svc.record_referral_outcome(db, worker, result.referral_ids[1], status="received", on=date(2026, 4, 3))
    detail = svc.get_detail(db, worker, result.application_id, as_of=date(2026, 4, 10))
    assert [(r.department_label, r.status_label) for r in detail.referrals] == [("医保", "已办结"), ("教育", "已接收")]
    with db.session_factory() as session:
        assert session.scalar(select(Referral.feedback).where(Referral.id == result.referral_ids[0])) == "已纳入医疗救助"
    # a community worker cannot decide
    with pytest.raises(PermissionDenied):
        svc.decide(db, worker, result.application_id, approve=False, on=date(2026, 4, 2), reason="x",
                   today=date(2026, 4, 2))
    with pytest.raises(ValidationFailed, match="已有办理中的申请"):
        svc.accept(db, worker, household_id=hid, category="dibao", accepted_on=date(2026, 4, 2))


def test_a_referral_outcome_keeps_its_received_and_closing_days(district: District) -> None:
    """An outcome recorded in the application window: a referral answered straight with its outcome
    was never 'received' (the statistics of the months before its closing read it as only sent), and
    a closed one could be set back to received, which erased its closing day."""
    db = district.db
    worker = district.actor(Role.COMMUNITY_WORKER)
    hid = make_household(db, district.regions["飞云社区"], "吴敏", 2)
    result = svc.front_desk(db, worker, household_id=hid, category="dibao", accepted_on=date(2026, 4, 1),
                            referrals=[svc.ReferralInput("medical_insurance", "住院费用医疗救助")])
    ref_id = result.referral_ids[0]
    svc.record_referral_outcome(db, worker, ref_id, status="done", feedback="已纳入医疗救助", on=date(2026, 4, 10),
                                today=date(2026, 4, 20))
    with db.session_factory() as session:
        ref = session.get(Referral, ref_id)
        assert ref.closed_on == date(2026, 4, 10)
        assert ref.received_at is not None and ref.received_at.astimezone().date() == date(2026, 4, 10)
    with pytest.raises(ValidationFailed, match="已办结,不能改回“已接收”"):
        svc.record_referral_outcome(db, worker, ref_id, status="received", on=date(2026, 4, 12),
                                    today=date(2026, 4, 20))
    # a wrong outcome is corrected by recording the right one
    svc.record_referral_outcome(db, worker, ref_id, status="declined", feedback="不符合医疗救助条件",
                                on=date(2026, 4, 11), today=date(2026, 4, 20))
    with db.session_factory() as session:
        ref = session.get(Referral, ref_id)
        assert (ref.status, ref.closed_on) == ("declined", date(2026, 4, 11))


def test_publicity_list_shows_only_name_size_and_amount(district: District, tmp_path: Path) -> None:
    db, admin = district.db, district.admin
    run_regular(district, make_household(db, district.regions["八泉社区"], "张三", 3))
    run_regular(district, make_household(db, district.regions["飞云社区"], "李四", 1), approve=False)
    rows = svc.publicity_list(db, admin, decided_from=date(2026, 3, 1), decided_to=date(2026, 3, 31))
    assert rows == [svc.PublicityRow("张三", 3, Decimal("650.00"), once=False)]
    target = tmp_path / "公示.xlsx"
    assert svc.export_publicity_xlsx(db, admin, target, decided_from=date(2026, 3, 1), decided_to=date(2026, 3, 31)) == 1
    sheet = openpyxl.load_workbook(target).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[1] == ["序号", "姓名", "家庭人口", "月救助金额(元)"]
    assert values[2] == [1, "张三", 3, 650]
    html = svc.publicity_html(db, admin, decided_from=date(2026, 3, 1), decided_to=date(2026, 3, 31))
    assert "张三" in html and "李四" not in html and "T0" not in html
    with db.session_factory() as session:
        assert session.scalar(select(Notice.kind).where(Notice.kind == "publicity")) == "publicity"


def test_publicity_list_says_whether_an_amount_is_monthly_or_paid_once(district: District, tmp_path: Path) -> None:
    """A 临时救助 one-off amount was listed under 月救助金额(元) beside the monthly ones."""
    db, admin = district.db, district.admin
    temporary = svc.accept(db, admin, household_id=make_household(db, district.regions["闸口社区"], "王五", 2),
                           category="temporary", temporary_kind="emergency", accepted_on=date(2026, 3, 20))
    svc.decide(db, admin, temporary, approve=True, on=date(2026, 3, 20), amount="3000", today=date(2026, 3, 20))

    def table(decided_from: date) -> tuple[list[str], list[tuple]]:
        return svc.publicity_table(svc.publicity_list(db, admin, decided_from=decided_from,
                                                      decided_to=date(2026, 3, 31)))

    assert table(date(2026, 3, 1)) == (["序号", "姓名", "家庭人口", "一次性救助金额(元)"], [(1, "王五", 2, Decimal("3000.00"))])
    run_regular(district, make_household(db, district.regions["八泉社区"], "张三", 3))  # 650 a month, 2026-03-10
    assert table(date(2026, 3, 1)) == (["序号", "姓名", "家庭人口", "救助金额(元)"],
                                       [(1, "张三", 3, "650.00(每月)"), (2, "王五", 2, "3,000.00(一次性)")])
    target = tmp_path / "公示.xlsx"
    svc.export_publicity_xlsx(db, admin, target, decided_from=date(2026, 3, 1), decided_to=date(2026, 3, 31))
    values = [list(r) for r in openpyxl.load_workbook(target).active.iter_rows(values_only=True)]
    assert values[1][3] == "救助金额(元)" and values[3] == [2, "王五", 2, "3,000.00(一次性)"]
    html = svc.publicity_html(db, admin, decided_from=date(2026, 3, 1), decided_to=date(2026, 3, 31))
    assert "<th>救助金额(元)</th>" in html and "3,000.00(一次性)" in html


def test_list_filters_and_scope(district: District) -> None:
    db, admin = district.db, district.admin
    a = svc.accept(db, admin, household_id=make_household(db, district.regions["八泉社区"], "甲"), category="dibao",
                   accepted_on=date(2026, 3, 2))
    b = svc.accept(db, admin, household_id=make_household(db, district.regions["闸口社区"], "乙"), category="tekun",
                   track="commitment", accepted_on=date(2026, 3, 2),
                   commitment=svc.CommitmentInput("乙", date(2026, 3, 2)))
    ids = lambda rows: [r.id for r in rows]  # noqa: E731
    assert set(ids(svc.list_applications(db, admin, as_of=date(2026, 3, 3)))) == {a, b}
    assert ids(svc.list_applications(db, admin, as_of=date(2026, 3, 3), track="commitment")) == [b]
    assert ids(svc.list_applications(db, admin, as_of=date(2026, 3, 3), region_id=district.regions["河口镇"])) == [b]
    assert ids(svc.list_applications(db, admin, as_of=date(2026, 3, 3), name="甲")) == [a]
    assert ids(svc.list_applications(db, admin, as_of=date(2026, 3, 3), next_step="check")) in ([a, b], [b, a])
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)  # 八泉街道
    assert ids(svc.list_applications(db, caseworker, as_of=date(2026, 3, 3))) == [a]
    with pytest.raises(PermissionDenied):
        svc.get_detail(db, caseworker, b)
    overdue = svc.deadlines(db, admin, as_of=date(2026, 3, 20), overdue_only=True)
    assert set(ids(overdue)) == {a, b} and all(r.working_days_left < 0 for r in overdue)


def test_the_list_exports_every_row_under_its_filters_and_is_logged(district: District, tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    db, admin = district.db, district.admin
    made = [svc.accept(db, admin, household_id=make_household(db, district.regions["八泉社区"], f"甲{i}"),
                       category="dibao", accepted_on=date(2026, 3, 2)) for i in range(3)]
    svc.accept(db, admin, household_id=make_household(db, district.regions["闸口社区"], "乙"), category="tekun",
               track="commitment", accepted_on=date(2026, 3, 2), commitment=svc.CommitmentInput("乙", date(2026, 3, 2)))
    path = tmp_path / "申请.xlsx"
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)  # 八泉街道: not 闸口
    assert svc.export_applications_xlsx(db, caseworker, path, as_of=date(2026, 3, 3), status="open") == 3
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("申请").to_python()
    assert rows[0][0] == "申请清单(办理中;2026-03-03)" and rows[1] == svc.APPLICATION_HEADERS
    assert sorted(int(r[0]) for r in rows[2:]) == sorted(made)
    assert {(r[3], r[4], r[5], r[8]) for r in rows[2:]} == {("八泉街道", "八泉社区", "低保", "办理中")}
    assert svc.export_applications_xlsx(db, admin, path, as_of=date(2026, 3, 20), status="open",
                                        overdue_only=True, track="commitment") == 1
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("申请").to_python()
    assert (rows[2][1], rows[2][6], rows[2][13]) == ("乙", "告知承诺制", "逾期") and rows[2][12] < 0
    with pytest.raises(ValidationFailed, match="没有符合筛选条件的申请"):
        svc.export_applications_xlsx(db, admin, tmp_path / "none.xlsx", status="refused")
    assert not (tmp_path / "none.xlsx").exists()
    with db.session_factory() as s:
        logged = s.scalars(select(AuditEntry.after).where(AuditEntry.action == "applications.export")).all()
    assert [entry["rows"] for entry in logged] == [3, 1]


def test_stale_version_is_refused(district: District) -> None:
    db, admin = district.db, district.admin
    app_id = svc.accept(db, admin, household_id=make_household(db, district.regions["八泉社区"]), category="dibao",
                        accepted_on=date(2026, 3, 2))
    version = svc.get_detail(db, admin, app_id).row.version
    svc.complete_step(db, admin, app_id, "check", on=date(2026, 3, 3), result="passed", expected_version=version)
    from desktop.services.errors import ConflictError

    with pytest.raises(ConflictError):
        svc.complete_step(db, admin, app_id, "investigation", on=date(2026, 3, 4), investigators=["甲", "乙"],
                          expected_version=version)


def test_spot_check_stratified_by_subdistrict(district: District) -> None:
    db, admin = district.db, district.admin
    ids = []
    for i, community in enumerate(["八泉社区"] * 6 + ["道仕袱村"] * 2):
        hid = make_household(db, district.regions[community], f"户{i}")
        app_id = svc.accept(db, admin, household_id=hid, category="dibao", track="commitment",
                            accepted_on=date(2026, 9, 1), commitment=svc.CommitmentInput(f"户{i}", date(2026, 9, 1)))
        with db.session_factory() as session:  # mark approved directly: the procedure is tested above
            app = session.get(Application, app_id)
            app.status, app.step, app.decided_on, app.amount = "approved", "done", date(2026, 9, 10), Decimal("500")
            session.commit()
        ids.append(app_id)
    sample = svc.draw_spot_check(db, admin, on=date(2026, 10, 1), rate="0.25", stratified=True, seed=7)
    by_sub = {}
    for r in sample.rows:
        by_sub[r.subdistrict_name] = by_sub.get(r.subdistrict_name, 0) + 1
    assert by_sub == {"八泉街道": 2, "河口镇": 1}  # ceil(6 × 25%) and ceil(2 × 25%)
    assert svc.verify_sample(db, admin, sample.id) and sample.population_size == 8
    # a second sample leaves out the families whose check of the first is still to be done
    again = svc.draw_spot_check(db, admin, on=date(2026, 10, 1), rate="0.25", stratified=True, seed=7)
    assert (again.population_size, again.under_check) == (5, 3)
    assert not {r.application_id for r in again.rows} & {r.application_id for r in sample.rows}
    with db.session_factory() as session:
        assert session.scalar(select(PostCheck.sample_id).where(PostCheck.sample_id == sample.id)) == sample.id
    with pytest.raises(ValidationFailed, match="比例"):
        svc.draw_spot_check(db, admin, on=date(2026, 10, 1), rate="1.5")
    # a rate may be written as a percentage; words are refused in plain Chinese
    percent = svc.draw_spot_check(db, admin, on=date(2026, 10, 1), rate="25%", stratified=True, seed=7)
    assert percent.rate == Decimal("0.25")
    with pytest.raises(ValidationFailed, match="不是数字"):
        svc.draw_spot_check(db, admin, on=date(2026, 10, 1), rate="百分之十")


def test_spot_check_rate_finer_than_a_percent_is_redrawn_exactly(district: District) -> None:
    """A rate of 12.5% draws ceil(8 × 0.125) = 1; the stored sample must redraw with 12.5%, not 13%."""
    db, admin = district.db, district.admin
    for i in range(8):
        hid = make_household(db, district.regions["八泉社区"], f"户{i}")
        app_id = svc.accept(db, admin, household_id=hid, category="dibao", track="commitment",
                            accepted_on=date(2026, 9, 1), commitment=svc.CommitmentInput(f"户{i}", date(2026, 9, 1)))
        with db.session_factory() as session:
            app = session.get(Application, app_id)
            app.status, app.step, app.decided_on, app.amount = "approved", "done", date(2026, 9, 10), Decimal("500")
            session.commit()
    sample = svc.draw_spot_check(db, admin, on=date(2026, 10, 1), rate="0.125", seed=7)
    assert len(sample.rows) == 1  # ceil(8 × 0.125); 13% would have drawn 2
    assert sample.rate == Decimal("0.125")
    assert svc.verify_sample(db, admin, sample.id)


def test_monthly_assistance_summary_and_recording(district: District) -> None:
    db, admin = district.db, district.admin
    _hid, dibao = approved_dibao(district, "赵六")  # 八泉社区: 650 a month from April, April–June written on approval
    temporary = svc.accept(db, admin, household_id=make_household(db, district.regions["闸口社区"]), category="temporary",
                           temporary_kind="emergency", accepted_on=date(2026, 5, 6))
    svc.decide(db, admin, temporary, approve=True, on=date(2026, 5, 6), amount="450.50", today=date(2026, 5, 6))
    june = svc.monthly_assistance(db, admin, date(2026, 6, 17))
    assert (june.month, june.recorded, june.recorded_amount, june.due, june.due_amount) == (
        date(2026, 6, 1), 1, Decimal("650.00"), 1, Decimal("450.50"))
    # before the assistance starts nothing is due
    assert svc.monthly_assistance(db, admin, date(2026, 3, 1)).due == 0
    # 临时救助 is paid once, in June: July is the 低保 alone
    july = svc.monthly_assistance(db, admin, date(2026, 7, 1))
    assert (july.due, july.due_amount) == (1, Decimal("650.00"))
    # a caseworker sees the month of the sub-district only; recording is the county's
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)
    assert svc.monthly_assistance(db, caseworker, date(2026, 6, 1)).due == 0
    assert svc.monthly_assistance(db, caseworker, date(2026, 7, 1)).due == 1
    with pytest.raises(PermissionDenied):
        svc.record_monthly_assistance(db, caseworker, date(2026, 7, 1))
    assert svc.record_monthly_assistance(db, admin, date(2026, 6, 1)) == 1
    june = svc.monthly_assistance(db, admin, date(2026, 6, 1))
    assert (june.recorded, june.recorded_amount, june.due, june.due_amount) == (2, Decimal("1100.50"), 0, Decimal("0.00"))
    assert svc.record_monthly_assistance(db, admin, date(2026, 7, 1)) == 1
    assert svc.get_detail(db, admin, temporary).months_paid == 1
    # stopped in August: still paid for August, not for September
    svc.stop_assistance(db, admin, dibao, on=date(2026, 8, 20), reason="家庭成员就业")
    assert svc.monthly_assistance(db, admin, date(2026, 8, 1)).due == 1
    assert svc.monthly_assistance(db, admin, date(2026, 9, 1)).due == 0
    # a month that has not begun is refused
    with pytest.raises(ServiceError, match="还没有到"):
        svc.record_monthly_assistance(db, admin, date(2026, 12, 1), today=date(2026, 11, 29))
    with pytest.raises(ServiceError, match="还没有到"):
        svc.monthly_assistance(db, admin, date(2026, 12, 1), today=date(2026, 11, 29))


# -- gradual exit after employment (就业渐退, RULES.md §1.5) ----------------------------------------------
def test_gradual_exit_end_is_the_end_of_the_set_months_after_the_decision_month() -> None:
    from desktop.rules.procedure import gradual_exit_end

    assert gradual_exit_end(date(2026, 7, 20), 6) == date(2027, 1, 31)
    assert gradual_exit_end(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert gradual_exit_end(date(2027, 8, 1), 6) == date(2028, 2, 29)
    assert gradual_exit_end(date(2026, 7, 20), 1) == date(2026, 8, 31)
    assert gradual_exit_end(date(2026, 7, 20), 0) == date(2026, 7, 20)


def test_gradual_exit_setting_is_optional_and_at_most_six_months() -> None:
    from desktop.rules import policy as rules

    assert rules.parse_value("gradual_exit_months", "6") == Decimal(6)
    assert rules.parse_value("gradual_exit_months", "0") == Decimal(0)
    for bad in ("7", "2.5", "-1"):
        with pytest.raises(rules.PolicyValueError, match="0 到 6"):
            rules.parse_value("gradual_exit_months", bad)
    assert "gradual_exit_months" not in rules.REQUIRED_NAMES  # the means test does not need it


def set_gradual_exit_months(district: District, months: int) -> None:
    from desktop.services import policy

    policy.set_settings(district.db, district.admin, effective_from=date(2024, 1, 1), area_type="城市",
                        values={"gradual_exit_months": str(months)})


def approved_dibao(district: District, name: str) -> tuple[int, int]:
    """(household, application): 低保 approved 2026-03-10, paid from April."""
    hid = make_household(district.db, district.regions["八泉社区"], name, 2)
    return hid, run_regular(district, hid)


def test_gradual_exit_pays_on_then_moves_the_family(district: District) -> None:
    db, admin = district.db, district.admin
    hid, app_id = approved_dibao(district, "赵六")  # 650 a month from April 2026
    # no period set: refused with a message saying where to set it
    with pytest.raises(ServiceError, match="就业渐退期"):
        svc.stop_assistance(db, admin, app_id, on=date(2026, 7, 20), reason="户主就业", gradual=True)
    set_gradual_exit_months(district, 3)
    assert svc.gradual_exit_plan(db, admin, app_id, date(2026, 7, 20)) == svc.GradualExitPlan(3, date(2026, 10, 31))
    svc.stop_assistance(db, admin, app_id, on=date(2026, 7, 20), reason="户主就业,月收入超过标准", to_stage="class_2",
                        gradual=True, today=date(2026, 7, 20))
    detail = svc.get_detail(db, admin, app_id, as_of=date(2026, 8, 1))
    assert detail.stopped_on == date(2026, 10, 31) and detail.gradual_exit_from == date(2026, 7, 20)
    assert detail.exit_stage == "class_2" and detail.can_stop
    assert "就业渐退至 2026-10-31" in detail.row.status_label
    hh = household(db, hid)
    assert hh.stage == "assisted" and hh.category == "dibao"  # still assisted (在保) during the period
    card = next(c for c in monitoring.column_page(db, admin, "assisted") if c.id == hid)
    assert card.exit_until == date(2026, 10, 31)  # the board's card says so
    # paid through October, not November
    assert svc.monthly_assistance(db, admin, date(2026, 10, 1)).due == 1
    assert svc.monthly_assistance(db, admin, date(2026, 11, 1)).due == 0
    with pytest.raises(ValidationFailed, match="已在就业渐退期内"):
        svc.stop_assistance(db, admin, app_id, on=date(2026, 8, 1), reason="再次", gradual=True, today=date(2026, 8, 1))
    # nothing happens before the last day has passed
    assert svc.end_gradual_exits(db, admin, as_of=date(2026, 10, 31)) == 0
    assert household(db, hid).stage == "assisted"
    assert svc.end_gradual_exits(db, admin, as_of=date(2026, 11, 1)) == 1
    hh = household(db, hid)
    assert hh.stage == "class_2" and hh.category == "none"
    card = next(c for c in monitoring.column_page(db, admin, "class_2") if c.id == hid)
    assert card.exit_until is None
    assert svc.end_gradual_exits(db, admin, as_of=date(2026, 11, 2)) == 0
    detail = svc.get_detail(db, admin, app_id)
    assert detail.exit_stage is None and not detail.can_stop and detail.stopped_on == date(2026, 10, 31)
    with db.session_factory() as session:
        move = session.execute(select(LibraryMove).where(LibraryMove.household_id == hid)
                               .order_by(LibraryMove.id.desc())).scalars().first()
        assert (move.from_stage, move.to_stage, move.moved_on) == ("assisted", "class_2", date(2026, 10, 31))
        entry = session.execute(select(AuditEntry).where(AuditEntry.action == "application.exit_end")).scalar_one()
        assert entry.entity_id == app_id and entry.username == "system"
        notice = session.execute(select(Notice).where(Notice.application_id == app_id, Notice.kind == "stop")
                                 ).scalar_one()
        assert notice.data["gradual_until"] == "2026-10-31"


def test_gradual_exit_can_be_cut_short_and_applies_to_dibao_only(district: District) -> None:
    db, admin = district.db, district.admin
    set_gradual_exit_months(district, 6)
    hid, app_id = approved_dibao(district, "钱七")
    svc.stop_assistance(db, admin, app_id, on=date(2026, 7, 20), reason="户主就业", gradual=True,
                        today=date(2026, 7, 20))
    with pytest.raises(ValidationFailed, match="不能晚于"):
        svc.stop_assistance(db, admin, app_id, on=date(2027, 2, 1), reason="收入大幅增加")
    svc.stop_assistance(db, admin, app_id, on=date(2026, 9, 5), reason="收入大幅增加")
    hh = household(db, hid)
    assert hh.stage == "class_1" and hh.category == "none"
    assert svc.get_detail(db, admin, app_id).stopped_on == date(2026, 9, 5)
    assert svc.monthly_assistance(db, admin, date(2026, 10, 1)).due == 0
    assert svc.end_gradual_exits(db, admin, as_of=date(2027, 6, 1)) == 0
    # 特困 has no gradual exit
    other = make_household(db, district.regions["八泉社区"], "吴十", 1)
    svc.accept(db, admin, household_id=other, category="tekun", accepted_on=date(2026, 2, 10))
    tekun = run_steps_and_approve(district, svc.application_ids_for_household(db, admin, other)[0])
    with pytest.raises(ValidationFailed, match="只适用于低保"):
        svc.stop_assistance(db, admin, tekun, on=date(2026, 7, 20), reason="就业", gradual=True)


def test_gradual_exit_decided_after_its_end_moves_at_once(district: District) -> None:
    db, admin = district.db, district.admin
    set_gradual_exit_months(district, 1)
    hid, app_id = commitment_to_decision(district, "孙八", date(2026, 2, 10))
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 2, 27), amount="650", today=date(2026, 4, 5))  # 3–4月
    svc.stop_assistance(db, admin, app_id, on=date(2026, 4, 10), reason="补录:户主四月就业", gradual=True)
    assert household(db, hid).stage == "class_1"
    assert svc.get_detail(db, admin, app_id).stopped_on == date(2026, 5, 31)


def test_a_failed_post_check_during_a_gradual_exit_revokes_at_once(district: District) -> None:
    db, admin = district.db, district.admin
    set_gradual_exit_months(district, 6)
    hid, app_id = commitment_to_decision(district, "吴十", date(2026, 9, 28))
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 10, 9), amount="500", today=date(2026, 10, 9))
    svc.stop_assistance(db, admin, app_id, on=date(2026, 10, 20), reason="户主就业", gradual=True,
                        today=date(2026, 10, 20))
    check = next(p for p in svc.get_detail(db, admin, app_id).post_checks if p.kind == "centralised")
    svc.record_post_check(db, admin, check.id, on=date(2026, 11, 9), passed=False, note="隐瞒房产")
    detail = svc.get_detail(db, admin, app_id)
    assert detail.row.status == "revoked" and detail.stopped_on == date(2026, 11, 9) and detail.exit_stage is None
    assert household(db, hid).stage == "class_1"
    assert svc.end_gradual_exits(db, admin, as_of=date(2027, 6, 1)) == 0


def test_amounts_typed_in_the_application_dialogs(district: District) -> None:
    """The monthly amount and the amounts to recover read "1,200" and full-width digits like the
    household's incomes do; a number too large for the column (an ID number in the wrong field) and a
    negative amount to recover are refused with a plain message (the first used to be a database error
    on PostgreSQL, the second was stored)."""
    db, admin = district.db, district.admin
    _hid, app_id = commitment_to_decision(district, "孙七", date(2026, 2, 10))
    version = svc.get_detail(db, admin, app_id).row.version
    with pytest.raises(ValidationFailed, match="420203199001011238"):
        svc.decide(db, admin, app_id, approve=True, on=date(2026, 3, 10), amount="420203199001011238",
                   today=date(2026, 6, 15), expected_version=version)
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 3, 10), amount="１，２００", today=date(2026, 6, 15),
               expected_version=version)
    detail = svc.get_detail(db, admin, app_id, as_of=date(2026, 6, 15))
    assert detail.row.amount == Decimal("1200.00")
    check = next(p for p in detail.post_checks if p.kind == "centralised")
    for typed in ("-5", "1e20"):
        with pytest.raises(ValidationFailed, match="追回金额"):
            svc.record_post_check(db, admin, check.id, on=date(2026, 6, 15), passed=False, note="隐瞒收入",
                                  amount_to_recover=typed)
    assert svc.get_detail(db, admin, app_id).row.status == "approved"
    rev_id = svc.record_post_check(db, admin, check.id, on=date(2026, 6, 15), passed=False, note="隐瞒收入",
                                   amount_to_recover="2,400")
    with db.session_factory() as session:
        assert session.get(Revocation, rev_id).amount_to_recover == Decimal("2400.00")
    svc.record_recovery(db, admin, rev_id, amount_recovered="１，２００", on=date(2026, 6, 16))
    with pytest.raises(ValidationFailed, match="已追回金额"):
        svc.record_recovery(db, admin, rev_id, amount_recovered="99999999999999999", on=date(2026, 6, 16))


def test_a_commitment_signer_name_too_long_is_refused_plainly(district: District) -> None:
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["飞云社区"], "长名", 2)
    with pytest.raises(ValidationFailed, match="签署人姓名过长"):
        svc.accept(db, admin, household_id=hid, category="dibao", track="commitment", accepted_on=date(2026, 9, 28),
                   commitment=svc.CommitmentInput("名" * 65, date(2026, 9, 28)))
    with db.session_factory() as session:
        assert session.scalar(select(Application.id).where(Application.household_id == hid)) is None


def test_a_publicity_closed_after_its_seven_days_is_not_late(district: District) -> None:
    """The publicity's due date is the first day it may be closed (7 calendar days is a minimum): closed
    on the Saturday after it, the step was shown in red as 'completed after its deadline'. A step closed
    after its real deadline still is."""
    db, admin = district.db, district.admin
    app_id = svc.accept(db, admin, household_id=make_household(db, district.regions["八泉社区"]), category="dibao",
                        accepted_on=date(2026, 10, 19))
    svc.complete_step(db, admin, app_id, "check", on=date(2026, 10, 20), result="passed")
    svc.complete_step(db, admin, app_id, "investigation", on=date(2026, 10, 29), investigators=["王芳", "李强"])
    svc.complete_step(db, admin, app_id, "publicity", on=date(2026, 11, 7), publicity_start=date(2026, 10, 30))
    steps = {s.step: s for s in svc.get_detail(db, admin, app_id, as_of=date(2026, 11, 9)).steps}
    assert steps["publicity"].due_on == date(2026, 11, 6) and not steps["publicity"].late
    assert steps["investigation"].late and not steps["check"].late  # due 3 working days after the check


def test_dates_after_today_are_refused_and_nothing_is_written(district: District) -> None:
    """An acceptance or a step dated after today (a slip of the year or month in the date field) was
    recorded, and its deadlines counted from a day that has not come."""
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["八泉社区"], "周明", 2)
    with pytest.raises(ValidationFailed, match="受理日期 2026-07-01 晚于今天"):
        svc.accept(db, admin, household_id=hid, category="dibao", accepted_on=date(2026, 7, 1), today=date(2026, 6, 1))
    with pytest.raises(ValidationFailed, match="受理日期 2026-07-01 晚于今天"):
        svc.front_desk(db, admin, household_id=hid, category="dibao", accepted_on=date(2026, 7, 1),
                       referrals=[svc.ReferralInput("education", "学费")], today=date(2026, 6, 1))
    assert svc.application_ids_for_household(db, admin, hid) == []
    app_id = svc.accept(db, admin, household_id=hid, category="dibao", accepted_on=date(2026, 6, 1),
                        today=date(2026, 6, 1))
    with pytest.raises(ValidationFailed, match="“授权核对”的办理日期 2026-06-03 晚于今天"):
        svc.complete_step(db, admin, app_id, "check", on=date(2026, 6, 3), result="passed", today=date(2026, 6, 2))
    svc.complete_step(db, admin, app_id, "check", on=date(2026, 6, 2), result="passed", today=date(2026, 6, 2))
    svc.complete_step(db, admin, app_id, "investigation", on=date(2026, 6, 3), investigators=["甲", "乙"],
                      today=date(2026, 6, 3))
    with pytest.raises(ValidationFailed, match="公示开始日期 2026-06-20 晚于今天"):
        svc.complete_step(db, admin, app_id, "publicity", on=date(2026, 6, 12), publicity_start=date(2026, 6, 20),
                          today=date(2026, 6, 12))
    assert [s.step for s in svc.get_detail(db, admin, app_id).steps] == ["accepted", "check", "investigation"]


def test_a_family_assisted_monthly_is_not_accepted_again_for_it_nor_paid_twice(district: District) -> None:
    """A 低保 family could be accepted for 低保 again and approved: two approvals running, two payments
    every month. Another monthly category may be applied for (the family's situation changed), but it
    is approved only once the first assistance has stopped; 临时救助 stays open to it."""
    db, admin = district.db, district.admin
    hid, dibao = approved_dibao(district, "褚大")  # decided 2026-03-10
    with pytest.raises(ValidationFailed, match=re.escape(f"正在享受低保(申请编号 {dibao},2026-03-10 批准),不能重复申请同一类别")):
        svc.accept(db, admin, household_id=hid, category="dibao", accepted_on=date(2026, 6, 1))
    assert svc.application_ids_for_household(db, admin, hid) == [dibao]
    marginal = svc.accept(db, admin, household_id=hid, category="marginal", accepted_on=date(2026, 6, 1))
    svc.complete_step(db, admin, marginal, "check", on=date(2026, 6, 2), result="passed")
    svc.complete_step(db, admin, marginal, "investigation", on=date(2026, 6, 3), investigators=["甲", "乙"])
    svc.complete_step(db, admin, marginal, "publicity", on=date(2026, 6, 11), publicity_start=date(2026, 6, 4))
    with pytest.raises(ValidationFailed, match="不能同时按月领取两项救助;请先停止原救助"):
        svc.decide(db, admin, marginal, approve=True, on=date(2026, 6, 12), amount="300", today=date(2026, 6, 15))
    assert svc.get_detail(db, admin, marginal).row.status == "open"
    svc.stop_assistance(db, admin, dibao, on=date(2026, 6, 12), reason="收入增加,转为低保边缘", today=date(2026, 6, 15))
    svc.decide(db, admin, marginal, approve=True, on=date(2026, 6, 12), amount="300", today=date(2026, 6, 15))
    assert (household(db, hid).stage, household(db, hid).category) == ("assisted", "marginal")
    # refusing needs no stop first
    other = approved_dibao(district, "卫二")[0]
    tekun = svc.accept(db, admin, household_id=other, category="tekun", accepted_on=date(2026, 6, 1))
    svc.complete_step(db, admin, tekun, "check", on=date(2026, 6, 2), result="failed")
    svc.decide(db, admin, tekun, approve=False, on=date(2026, 6, 2), reason="不符合特困条件", today=date(2026, 6, 2))


def regular_steps(district: District, app_id: int, start: date) -> None:
    """Check, home survey and a 7-day publicity from ``start``: ready for the decision on start + 14 days."""
    db, admin = district.db, district.admin
    svc.complete_step(db, admin, app_id, "check", on=start + timedelta(days=1), result="passed")
    svc.complete_step(db, admin, app_id, "investigation", on=start + timedelta(days=2), investigators=["甲", "乙"])
    svc.complete_step(db, admin, app_id, "publicity", on=start + timedelta(days=10),
                      publicity_start=start + timedelta(days=3))


def test_a_change_of_category_stops_the_running_assistance_where_the_new_one_starts(district: District) -> None:
    """低保 to 特困 (the head turned 60 and has nobody to support him): the 特困 approval was refused until
    someone stopped the 低保 by hand, which sent the family out of 救助中 to a library and back, and left a
    month unpaid or paid twice depending on the stop date chosen. Approving it as a change of category
    stops the 低保 on the last day before the 特困's first month; the family stays assisted."""
    db, admin = district.db, district.admin
    hid, dibao = approved_dibao(district, "韩大")  # 低保 650 from April 2026, recorded to June
    tekun = svc.accept(db, admin, household_id=hid, category="tekun", accepted_on=date(2026, 5, 4))
    regular_steps(district, tekun, date(2026, 5, 4))
    detail = svc.get_detail(db, admin, tekun, as_of=date(2026, 5, 20))
    assert detail.replaces == f"低保(申请编号 {dibao},2026-03-10 批准)"
    with pytest.raises(ValidationFailed, match="或在批准时选择转换救助类别"):
        svc.decide(db, admin, tekun, approve=True, on=date(2026, 6, 12), amount="900", today=date(2026, 6, 15))
    # June is already recorded under the 低保: a decision in May (特困 from June) would pay June twice
    with pytest.raises(ValidationFailed, match=r"已登记 2026年06月 的发放.*决定日期定在 2026年06月 或以后"):
        svc.decide(db, admin, tekun, approve=True, on=date(2026, 5, 20), amount="900", today=date(2026, 6, 15),
                   replace_running=True)
    with db.session_factory() as session:
        moves_before = session.scalar(select(func.count()).select_from(LibraryMove)
                                      .where(LibraryMove.household_id == hid))
    svc.decide(db, admin, tekun, approve=True, on=date(2026, 6, 12), amount="900", today=date(2026, 6, 15),
               replace_running=True)
    old = svc.get_detail(db, admin, dibao, as_of=date(2026, 6, 15))
    assert old.stopped_on == date(2026, 6, 30) and not old.can_stop
    assert old.notices[-1].kind == "stop"
    assert f"转为特困(申请编号 {tekun}),自 2026年07月 起按新决定发放" in old.notices[-1].data["reason"]
    assert svc.get_detail(db, admin, tekun, as_of=date(2026, 6, 15)).replaces is None
    hh = household(db, hid)
    assert (hh.stage, hh.category) == ("assisted", "tekun")
    with db.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(LibraryMove)
                              .where(LibraryMove.household_id == hid)) == moves_before  # never left 救助中
        assert "application.stop" in set(session.execute(
            select(AuditEntry.action).where(AuditEntry.entity_id == dibao)).scalars())
    # July onwards: one payment a month, the 特困's
    assert svc.record_monthly_assistance(db, admin, date(2026, 7, 1), today=date(2026, 7, 15)) == 1
    with db.session_factory() as session:
        paid = session.execute(select(AssistanceRecord.application_id, AssistanceRecord.month, AssistanceRecord.amount)
                               .where(AssistanceRecord.household_id == hid)
                               .order_by(AssistanceRecord.month)).all()
    assert [(a, m.month, str(v)) for a, m, v in paid] == [
        (dibao, 4, "650.00"), (dibao, 5, "650.00"), (dibao, 6, "650.00"), (tekun, 7, "900.00")]


def test_a_change_of_category_ends_a_gradual_exit_under_way(district: District) -> None:
    """A 低保 family in its gradual exit (paid to October) approved for 低保边缘 from August: the exit ends
    with July, and the family does not leave 救助中 when October is over."""
    db, admin = district.db, district.admin
    hid, dibao = approved_dibao(district, "韩二")
    set_gradual_exit_months(district, 3)
    svc.stop_assistance(db, admin, dibao, on=date(2026, 7, 1), reason="户主就业", gradual=True, today=date(2026, 7, 1))
    marginal = svc.accept(db, admin, household_id=hid, category="marginal", accepted_on=date(2026, 7, 1))
    regular_steps(district, marginal, date(2026, 7, 1))
    assert svc.get_detail(db, admin, marginal, as_of=date(2026, 7, 15)).replaces is not None
    svc.decide(db, admin, marginal, approve=True, on=date(2026, 7, 15), amount="300", today=date(2026, 7, 15),
               replace_running=True)
    old = svc.get_detail(db, admin, dibao, as_of=date(2026, 7, 15))
    assert old.stopped_on == date(2026, 7, 31) and old.exit_stage is None and not old.can_stop
    assert svc.end_gradual_exits(db, admin, as_of=date(2026, 11, 1)) == 0
    assert (household(db, hid).stage, household(db, hid).category) == ("assisted", "marginal")


def test_payment_roster_lists_the_month_recorded_by_sub_district_and_community(
        district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """发放花名册: what was recorded for a month, household by household, for the finance office or
    the bank; a caseworker's covers the sub-district; the export is in the log (it carries ID numbers)."""
    from desktop.cli import main as cli_main

    db, admin = district.db, district.admin
    a = make_household(db, district.regions["飞云社区"], "韩四", 2)
    b = make_household(db, district.regions["闸口社区"], "韩五", 4)
    with db.session_factory() as session:
        session.get(Household, a).head_id_number = "420203196001011238"
        session.commit()
    run_regular(district, a)
    run_regular(district, b)  # 650 a month from April, April–June recorded
    rows = svc.payment_roster(db, admin, date(2026, 5, 1))
    assert [(r.subdistrict, r.community, r.head_name, r.amount, r.category_label) for r in rows] == [
        ("八泉街道", "飞云社区", "韩四", Decimal("650.00"), "低保"), ("河口镇", "闸口社区", "韩五", Decimal("650.00"), "低保")]
    assert rows[0].id_number == "420203196001011238" and rows[0].member_count == 2
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)  # 八泉街道
    assert [r.head_name for r in svc.payment_roster(db, caseworker, date(2026, 5, 1))] == ["韩四"]
    assert [r.head_name for r in svc.payment_roster(db, admin, date(2026, 5, 1),
                                                    region_id=district.regions["河口镇"])] == ["韩五"]
    with pytest.raises(PermissionDenied):
        svc.payment_roster(db, district.actor(Role.COMMUNITY_WORKER), date(2026, 5, 1))
    with pytest.raises(ValidationFailed, match="2026年03月还没有登记救助发放"):
        svc.payment_roster(db, admin, date(2026, 3, 1))
    # recorded, but for nobody in the region asked for: said so, not "not recorded" (session 37)
    with pytest.raises(ValidationFailed, match="2026年05月已登记发放,但道仕袱村没有发放给任何家庭"):
        svc.payment_roster(db, admin, date(2026, 5, 1), region_id=district.regions["道仕袱村"])
    later = date.today().replace(day=1) + timedelta(days=40)
    with pytest.raises(ValidationFailed, match="还没有到"):
        svc.payment_roster(db, admin, later)
    out = tmp_path / "花名册.xlsx"
    assert cli_main(["--database-url", db.url.render_as_string(hide_password=False), "payment-roster", "2026-05",
                     "--out", str(out)]) == 0
    assert "2 户,合计 1,300.00 元" in capsys.readouterr().out
    sheet = [list(r) for r in openpyxl.load_workbook(out).active.iter_rows(values_only=True)]
    assert sheet[0][0] == "2026年05月社会救助资金发放花名册"
    assert sheet[-1][:1] == ["合计"] and sheet[-1][7:9] == [6, 1300]
    assert cli_main(["--database-url", db.url.render_as_string(hide_password=False), "payment-roster", "2026-03",
                     "--out", str(tmp_path / "none.xlsx")]) == 1
    assert not (tmp_path / "none.xlsx").exists()
    with db.session_factory() as session:
        logged = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "payments.roster")).all()
    assert len(logged) == 1 and "2 户,合计 1300.00 元" in logged[0]


def test_a_publicity_still_running_is_not_overdue(district: District) -> None:
    """The publicity's 7 calendar days are a minimum, not a deadline: an application whose publicity had
    run past the 7th day after the home survey was listed in red as overdue, while its procedure had
    weeks left. The whole procedure's deadline applies until the publicity is closed."""
    db, admin = district.db, district.admin
    app_id = svc.accept(db, admin, household_id=make_household(db, district.regions["八泉社区"]), category="dibao",
                        accepted_on=date(2026, 10, 19))
    svc.complete_step(db, admin, app_id, "check", on=date(2026, 10, 20), result="passed")
    svc.complete_step(db, admin, app_id, "investigation", on=date(2026, 10, 22), investigators=["王芳", "李强"])
    row = svc.list_applications(db, admin, as_of=date(2026, 11, 2))[0]  # publicity from 10-26 may close 11-02
    assert (row.next_step, row.due_on) == ("publicity", date(2026, 11, 30))
    assert not row.overdue and row.effective_due_on == date(2026, 11, 30) and row.step_due_on is None
    assert row.working_days_left == load_calendar(db).working_days_between(date(2026, 11, 2), date(2026, 11, 30))
    action = svc.get_detail(db, admin, app_id, as_of=date(2026, 11, 2)).actions[0]
    assert action.step == "publicity" and not action.due.overdue and action.due.due_on == date(2026, 11, 30)
    assert svc.deadlines(db, admin, as_of=date(2026, 11, 2), overdue_only=True) == []
    # once closed, the decision has its own 10 working days
    svc.complete_step(db, admin, app_id, "publicity", on=date(2026, 11, 2), publicity_start=date(2026, 10, 26))
    row = svc.list_applications(db, admin, as_of=date(2026, 11, 3))[0]
    assert (row.next_step, row.step_due_on) == ("decision", date(2026, 11, 16))


def test_amounts_with_the_unit_or_the_currency_sign(district: District) -> None:
    db, admin = district.db, district.admin
    _hid, app_id = commitment_to_decision(district, "蒋八", date(2026, 2, 10))
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 2, 27), amount="６５０元", today=date(2026, 3, 1))
    assert svc.get_detail(db, admin, app_id).row.amount == Decimal("650.00")
    _hid, second = commitment_to_decision(district, "沈九", date(2026, 2, 10))
    svc.decide(db, admin, second, approve=True, on=date(2026, 2, 27), amount="¥1,200.50", today=date(2026, 3, 1))
    assert svc.get_detail(db, admin, second).row.amount == Decimal("1200.50")


def test_a_publicity_list_period_given_backwards_is_refused(district: District, tmp_path: Path) -> None:
    """From after to: the list came out empty, as if nobody had been approved."""
    db, admin = district.db, district.admin
    run_regular(district, make_household(db, district.regions["八泉社区"], "韩十", 4))
    with pytest.raises(ValidationFailed, match="起始日期 2026-03-31 晚于截止日期 2026-03-01"):
        svc.export_publicity_xlsx(db, admin, tmp_path / "p.xlsx", decided_from=date(2026, 3, 31),
                                  decided_to=date(2026, 3, 1))
    assert not (tmp_path / "p.xlsx").exists()
    assert [r.name for r in svc.publicity_list(db, admin, decided_from=date(2026, 3, 1),
                                               decided_to=date(2026, 3, 31))] == ["韩十"]


def test_paperwork_after_emergency_help_is_not_warned_about_the_next_years_calendar(district: District) -> None:
    """Emergency help decided on 2026-11-27: the data check and home survey left are due in days, but
    the list and the window warned that 2027's holidays are not entered, because the whole procedure's
    30 working days (no longer in force once decided) would have reached into 2027."""
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["道仕袱村"], "孙大", 5)
    app_id = svc.accept(db, admin, household_id=hid, category="temporary", temporary_kind="emergency",
                        accepted_on=date(2026, 11, 27), today=date(2026, 11, 27))
    open_row = svc.list_applications(db, admin, as_of=date(2026, 11, 27))[0]
    assert "2027年" in open_row.warning  # before the decision the 30 working days do apply
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 11, 27), amount="3000", today=date(2026, 11, 27))
    row = svc.list_applications(db, admin, as_of=date(2026, 11, 30), status="approved")[0]
    assert (row.next_step, row.effective_due_on, row.warning) == ("check", date(2026, 12, 2), "")
    assert svc.get_detail(db, admin, app_id, as_of=date(2026, 11, 30)).row.warning == ""


def test_a_recovery_dated_in_the_future_or_before_the_failed_check_is_refused(district: District) -> None:
    """The recovery form's date was stored whatever it was: a case closed on a day to come, or before
    the check that opened it had failed."""
    db, admin = district.db, district.admin
    _hid, app_id = commitment_to_decision(district, "杨一", date(2026, 2, 10))
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 2, 27), amount="650", today=date(2026, 6, 15))
    check = next(p for p in svc.get_detail(db, admin, app_id).post_checks if p.kind == "centralised")
    rev_id = svc.record_post_check(db, admin, check.id, on=date(2026, 3, 20), passed=False, note="隐瞒收入",
                                   today=date(2026, 6, 15))
    assert rev_id is not None
    with pytest.raises(ValidationFailed, match="追回日期 2026-06-16 不能晚于今天"):
        svc.record_recovery(db, admin, rev_id, amount_recovered="650", on=date(2026, 6, 16), close=True,
                            today=date(2026, 6, 15))
    with pytest.raises(ValidationFailed, match="追回日期不能早于核查未通过的日期 2026-03-20"):
        svc.record_recovery(db, admin, rev_id, amount_recovered="650", on=date(2026, 3, 19), close=True,
                            today=date(2026, 6, 15))
    assert svc.get_detail(db, admin, app_id).revocations[0].status == "open"
    svc.record_recovery(db, admin, rev_id, amount_recovered="650", on=date(2026, 6, 15), close=True,
                        today=date(2026, 6, 15))
    assert svc.get_detail(db, admin, app_id).revocations[0].closed_on == date(2026, 6, 15)


def test_a_month_nobody_recorded_is_pointed_out(district: District) -> None:
    """Only this month's unrecorded payments were flagged: a month before that nobody recorded went unseen."""
    db, admin = district.db, district.admin
    approved_dibao(district, "甲")  # 650 a month from April; April–June written on approval (2026-06-15)
    assert svc.unrecorded_months(db, admin, today=date(2026, 7, 20)) == []  # July is this month: flagged apart
    assert svc.unrecorded_months(db, admin, today=date(2026, 9, 15)) == [date(2026, 7, 1), date(2026, 8, 1)]
    svc.record_monthly_assistance(db, admin, date(2026, 7, 1), today=date(2026, 9, 15))
    assert svc.unrecorded_months(db, admin, today=date(2026, 9, 15)) == [date(2026, 8, 1)]
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)  # 八泉街道: the family's
    assert svc.unrecorded_months(db, caseworker, today=date(2026, 9, 15)) == [date(2026, 8, 1)]
    assert svc.unrecorded_months(db, district.actor(Role.COMMUNITY_WORKER), today=date(2026, 9, 15)) == []


def test_the_written_refusal_is_recorded_as_served(district: District) -> None:
    """RULES.md §1.5: a written refusal with reasons within 3 working days of the decision. The due day was
    only a note in the timeline: nothing said whether the notice reached the applicant."""
    db, admin = district.db, district.admin
    app_id = run_regular(district, make_household(db, district.regions["八泉社区"], "李四"), approve=False)  # 03-10
    assert [(r.application_id, r.due_on, r.overdue) for r in svc.refusals_to_serve(db, admin, as_of=date(2026, 3, 12))] \
        == [(app_id, date(2026, 3, 13), False)]
    assert svc.refusals_to_serve(db, admin, as_of=date(2026, 3, 16))[0].overdue
    with pytest.raises(PermissionDenied):
        svc.record_refusal_served(db, district.actor(Role.COMMUNITY_WORKER), app_id, on=date(2026, 3, 12),
                                  method="in_person")
    with pytest.raises(ValidationFailed, match="送达方式"):
        svc.record_refusal_served(db, admin, app_id, on=date(2026, 3, 12), method="carrier pigeon")
    with pytest.raises(ValidationFailed, match="不能早于决定日期 2026-03-10"):
        svc.record_refusal_served(db, admin, app_id, on=date(2026, 3, 9), method="in_person")
    with pytest.raises(ValidationFailed, match="不能晚于今天"):
        svc.record_refusal_served(db, admin, app_id, on=date(2026, 3, 13), method="in_person", today=date(2026, 3, 12))
    approved = run_regular(district, make_household(db, district.regions["飞云社区"], "王五"))
    with pytest.raises(ValidationFailed, match="只有不予批准"):
        svc.record_refusal_served(db, admin, approved, on=date(2026, 3, 12), method="in_person")
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)  # 八泉街道 delivers it
    svc.record_refusal_served(db, caseworker, app_id, on=date(2026, 3, 12), method="post", note="挂号信 XA123")
    assert svc.refusals_to_serve(db, admin, as_of=date(2026, 3, 16)) == []
    refusal = next(n for n in svc.get_detail(db, admin, app_id).notices if n.kind == "refusal")
    assert (refusal.data["served_on"], refusal.data["served_how"], refusal.data["served_note"]) == (
        "2026-03-12", "post", "挂号信 XA123")
    assert refusal.data["notice_due"] == "2026-03-13"  # what the decision wrote is kept


def test_upgrade_takes_a_family_assisted_by_a_one_off_payment_back_to_class_1(district: District) -> None:
    """Migration 0006: 临时救助 approved by the program before was paid each month and kept the family in
    救助中, where nothing could take it out again; it goes to 一类库 with a move saying why. A family also
    under 低保 stays."""
    from sqlalchemy import delete, update

    from desktop.services import database

    db, admin = district.db, district.admin
    alone = make_household(db, district.regions["闸口社区"], "甲")
    both, _dibao = approved_dibao(district, "乙")
    for hid in (alone, both):
        app_id = svc.accept(db, admin, household_id=hid, category="temporary", temporary_kind="emergency",
                            accepted_on=date(2026, 5, 6))
        svc.decide(db, admin, app_id, approve=True, on=date(2026, 5, 6), amount="300", today=date(2026, 5, 6))
    with db.session_factory() as session:  # as the old program left them
        session.execute(update(Household).where(Household.id == alone).values(stage="assisted", category="temporary"))
        session.execute(delete(PostCheck))
        session.commit()
    database.downgrade(db, "0005")
    database.migrate(db)
    hh = household(db, alone)
    assert (hh.stage, hh.category, hh.stage_since) == ("class_1", "none", date.today())
    assert hh.next_visit_due is not None
    assert (household(db, both).stage, household(db, both).category) == ("assisted", "dibao")
    with db.session_factory() as session:
        reason, region = session.execute(select(LibraryMove.reason, LibraryMove.region_id)
                                         .where(LibraryMove.household_id == alone)
                                         .order_by(LibraryMove.id.desc()).limit(1)).one()
    assert "临时救助改为一次性发放" in reason and region == district.regions["闸口社区"]  # the statistics read it


# -- flow6: withdrawal, the board while applying, a second failed check, spot-check seeds ------------
def test_an_application_still_being_handled_is_withdrawn_and_the_family_leaves_applying(district: District) -> None:
    """A family that withdraws (撤回) its application: there was no way to record it, so the application ran
    on past its deadline, the family stayed in 申请中 and no new application could be accepted for it."""
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["八泉社区"], "周七")
    app_id = svc.accept(db, admin, household_id=hid, category="dibao", accepted_on=date(2026, 3, 2))
    svc.complete_step(db, admin, app_id, "check", on=date(2026, 3, 4), result="passed")
    version = svc.get_detail(db, admin, app_id).row.version
    assert svc.get_detail(db, admin, app_id).can_withdraw
    with pytest.raises(ValidationFailed, match="理由"):
        svc.withdraw(db, admin, app_id, on=date(2026, 3, 5), reason="  ")
    with pytest.raises(ValidationFailed, match="早于该申请上一步骤的办理日期 2026-03-04"):
        svc.withdraw(db, admin, app_id, on=date(2026, 3, 3), reason="申请人书面撤回")
    with pytest.raises(ValidationFailed, match="不能晚于今天"):
        svc.withdraw(db, admin, app_id, on=date(2026, 3, 5), reason="申请人书面撤回", today=date(2026, 3, 4))
    with pytest.raises(PermissionDenied):  # the 八泉街道 application is not 飞云社区's worker's
        other = make_household(db, district.regions["八泉社区"], "吴八")
        other_app = svc.accept(db, admin, household_id=other, category="dibao", accepted_on=date(2026, 3, 2))
        svc.withdraw(db, district.actor(Role.COMMUNITY_WORKER), other_app, on=date(2026, 3, 5), reason="撤回")
    svc.withdraw(db, admin, app_id, on=date(2026, 3, 5), reason="申请人外出务工,书面申请撤回", to_stage="class_2",
                 expected_version=version)
    detail = svc.get_detail(db, admin, app_id, as_of=date(2026, 6, 1))
    assert detail.row.status == "withdrawn" and detail.row.status_label == "已撤回"
    assert detail.actions == () and not detail.can_withdraw and not detail.row.overdue
    assert detail.withdrawal == svc.Withdrawal(date(2026, 3, 5), "申请人外出务工,书面申请撤回")
    assert app_id not in [r.id for r in svc.deadlines(db, admin, as_of=date(2026, 6, 1))]
    hh = household(db, hid)
    assert hh.stage == "class_2" and hh.stage_since == date(2026, 3, 5)
    with db.session_factory() as session:
        assert session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "application.withdraw")) \
            == "申请人外出务工,书面申请撤回"
        move = session.execute(select(LibraryMove).where(LibraryMove.household_id == hid)
                               .order_by(LibraryMove.id.desc())).scalars().first()
        assert (move.from_stage, move.to_stage, move.moved_on) == ("applying", "class_2", date(2026, 3, 5))
    with pytest.raises(svc.StepRefused, match="已撤回"):
        svc.withdraw(db, admin, app_id, on=date(2026, 3, 6), reason="再次撤回")
    with pytest.raises(svc.StepRefused, match="已撤回"):
        svc.complete_step(db, admin, app_id, "investigation", on=date(2026, 3, 6), investigators=["甲", "乙"])
    # the family may apply again later
    again = svc.accept(db, admin, household_id=hid, category="dibao", accepted_on=date(2026, 5, 6))
    assert household(db, hid).stage == "applying" and again != app_id


def test_an_approved_application_is_not_withdrawn_but_stopped(district: District) -> None:
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["八泉社区"])
    app_id = run_regular(district, hid)
    with pytest.raises(svc.StepRefused, match="已批准,不能撤回;.*停止救助"):
        svc.withdraw(db, admin, app_id, on=date(2026, 3, 11), reason="申请人不再需要")
    refused = run_regular(district, make_household(db, district.regions["八泉社区"], "李四"), approve=False)
    with pytest.raises(svc.StepRefused, match="不予批准,不能撤回"):
        svc.withdraw(db, admin, refused, on=date(2026, 3, 11), reason="x")
    assert household(db, hid).stage == "assisted"
    # emergency help given first: approved while its paperwork goes on, so not withdrawn either
    emergency = svc.accept(db, admin, household_id=make_household(db, district.regions["飞云社区"], "王"),
                           category="temporary", temporary_kind="emergency", accepted_on=date(2026, 3, 2))
    svc.decide(db, admin, emergency, approve=True, on=date(2026, 3, 2), amount="1000", today=date(2026, 3, 2))
    with pytest.raises(svc.StepRefused, match="已批准"):
        svc.withdraw(db, admin, emergency, on=date(2026, 3, 3), reason="x")


def test_the_board_does_not_move_a_family_off_applying_while_its_application_is_open(district: District) -> None:
    """The board let a card be dragged from 申请中 to 一类库 while the application ran on: the family then
    sat in 一类库 with an application open, and the approval later moved it to 救助中 from there."""
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["八泉社区"])
    app_id = svc.accept(db, admin, household_id=hid, category="dibao", accepted_on=date(2026, 3, 2))
    with pytest.raises(monitoring.MoveRefused, match=re.escape(f"申请(编号 {app_id})仍在办理中")) as info:
        monitoring.move_card(db, admin, hid, "class_1", "家属说不申请了", expected_version=None)
    assert info.value.rule is not None and info.value.rule.code == "applying_exit"
    assert household(db, hid).stage == "applying"
    svc.withdraw(db, admin, app_id, on=date(2026, 3, 3), reason="申请人撤回")
    assert household(db, hid).stage == "class_1"
    # with no application open (placed in 申请中 on the board), the card still moves
    monitoring.move_card(db, admin, hid, "applying", "核对通过,准备申请", expected_version=None)
    monitoring.move_card(db, admin, hid, "class_2", "本人暂不申请", expected_version=None)
    assert household(db, hid).stage == "class_2"


def _commitment_approved(district: District, name: str = "赵敏") -> int:
    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["飞云社区"], name)
    app_id = svc.accept(db, admin, household_id=hid, category="dibao", track="commitment",
                        accepted_on=date(2026, 2, 2), commitment=svc.CommitmentInput(name, date(2026, 2, 2)))
    svc.complete_step(db, admin, app_id, "check", on=date(2026, 2, 3), result="passed")
    svc.complete_step(db, admin, app_id, "investigation", on=date(2026, 2, 3), investigators=["甲", "乙"])
    svc.complete_step(db, admin, app_id, "publicity", on=date(2026, 2, 10))
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 2, 11), amount="600", today=date(2026, 6, 1))
    return app_id


def test_a_second_failed_check_of_a_revoked_approval_does_not_claim_the_money_twice(district: District) -> None:
    """The centralised cross-check failed (revoked, 2400 yuan to recover); the spot check drawn before it was
    then recorded as failed too, and opened a second revocation for the same 2400 yuan: 4800 to recover."""
    db, admin = district.db, district.admin
    app_id = _commitment_approved(district)
    svc.draw_spot_check(db, admin, on=date(2026, 3, 1), count=1, seed=5)
    checks = {c.kind: c for c in svc.get_detail(db, admin, app_id).post_checks}
    first = svc.record_post_check(db, admin, checks["centralised"].id, on=date(2026, 3, 5), passed=False,
                                  note="比对发现隐瞒经营收入")
    assert first is not None
    second = svc.record_post_check(db, admin, checks["spot"].id, on=date(2026, 3, 6), passed=False,
                                   note="抽查同样发现隐瞒经营收入")
    assert second is None
    detail = svc.get_detail(db, admin, app_id)
    assert detail.total_paid == Decimal("2400.00")
    assert [(r.id, r.amount_to_recover) for r in detail.revocations] == [(first, Decimal("2400.00"))]
    spot = next(c for c in detail.post_checks if c.kind == "spot")
    assert (spot.done_on, spot.result, spot.note) == (date(2026, 3, 6), "failed", "抽查同样发现隐瞒经营收入")


@pytest.mark.parametrize("seed", [2**31, 2**40, 2**70, 0, -5, "12a", "²", " "])
def test_a_spot_check_seed_out_of_range_is_refused_plainly(district: District, seed: object) -> None:
    """A seed typed too large crashed the draw (SQLite: OverflowError; PostgreSQL: integer out of range);
    0 and negative seeds were stored though the window asks for a positive one."""
    db, admin = district.db, district.admin
    _commitment_approved(district)
    with pytest.raises(ValidationFailed, match="随机种子.*应为 1 到 2147483647 之间的整数"):
        svc.draw_spot_check(db, admin, on=date(2026, 3, 1), count=1, seed=seed)
    assert svc.list_samples(db, admin) == []
    sample = svc.draw_spot_check(db, admin, on=date(2026, 3, 1), count=1, seed="２１４７４８３６４７")
    assert sample.seed == 2**31 - 1 and svc.verify_sample(db, admin, sample.id)


@pytest.mark.parametrize("count", [0, -1, "0", "2.5", "三", True, 2.5])
def test_a_spot_check_count_below_one_is_refused_plainly(district: District, count: object) -> None:
    """A count of 0 drew and kept an empty sample with its audit entry (a rate of 0 is refused, and the
    window's field starts at 1); -1 was refused only by the sampling rule, "2.5" or True reached it as is."""
    db, admin = district.db, district.admin
    _commitment_approved(district)
    with pytest.raises(ValidationFailed, match="抽查数量.*无效:应为至少 1 的整数"):
        svc.draw_spot_check(db, admin, on=date(2026, 3, 1), count=count, seed=7)
    assert svc.list_samples(db, admin) == []
    sample = svc.draw_spot_check(db, admin, on=date(2026, 3, 1), count="１", seed=7)
    assert (sample.count, len(sample.rows)) == (1, 1) and svc.verify_sample(db, admin, sample.id)


def test_a_spot_check_sample_is_dated_the_day_it_is_drawn(district: District) -> None:
    """The sample is drawn from the approvals running today: a draw dated next month (a slip in the date
    field) would say it was drawn from that day's population."""
    db, admin = district.db, district.admin
    _commitment_approved(district)
    with pytest.raises(ValidationFailed, match="抽查日期 .* 不能晚于今天"):
        svc.draw_spot_check(db, admin, on=date.today() + timedelta(days=30), count=1)
    with pytest.raises(ValidationFailed, match="核查期限 2026-02-28 早于抽取日期 2026-03-01"):
        svc.draw_spot_check(db, admin, on=date(2026, 3, 1), count=1, due_on=date(2026, 2, 28))
    assert svc.list_samples(db, admin) == []


def test_an_assessment_does_not_move_a_family_off_applying_or_assisted(district: District) -> None:
    """An assessment saved with the placement 二类库 moved a family from 申请中 while its application ran on
    (and a family being assisted out of 救助中 while it was still paid): the board's rules applying_exit and
    leave_assisted were bypassed. The assessment is saved with its placement; the stage stays."""
    from desktop.rules import means_test as mt
    from desktop.services import assessment, policy
    from tests.test_assessment import _request, add_household

    db, admin = district.db, district.admin
    policy.seed_default_policy(db)
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)
    applying = add_household(db, district.regions["八泉社区"], [{"name": "赵大"}], incomes={"wages": "12000"},
                             stage="class_1")
    app_id = svc.accept(db, admin, household_id=applying, category="dibao", accepted_on=date(2026, 2, 2))
    saved = assessment.save_assessment(db, caseworker, _request(assessment.load_household(db, caseworker, applying),
                                                                mt.CLASS_2, override_reason="收入有变化"))
    assert (saved.placement, saved.to_stage) == (mt.CLASS_2, "applying")
    assert household(db, applying).stage == "applying"
    assert svc.get_detail(db, admin, app_id).row.status == "open"
    assisted = add_household(db, district.regions["八泉社区"], [{"name": "钱二"}], incomes={"wages": "12000"},
                             stage="class_1")
    run_regular(district, assisted)
    saved = assessment.save_assessment(db, caseworker, _request(assessment.load_household(db, caseworker, assisted),
                                                                mt.CLASS_2, override_reason="收入有变化"))
    assert saved.to_stage == "assisted" and household(db, assisted).stage == "assisted"
    with db.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(LibraryMove).where(
            LibraryMove.household_id.in_([applying, assisted]), LibraryMove.to_stage == "class_2")) == 0
    # once the application is withdrawn, an assessment places the family again
    svc.withdraw(db, admin, app_id, on=date(2026, 2, 3), reason="申请人撤回")
    saved = assessment.save_assessment(db, caseworker, _request(assessment.load_household(db, caseworker, applying),
                                                                mt.CLASS_2, override_reason="收入有变化"))
    assert saved.to_stage == "class_2" and household(db, applying).stage == "class_2"


def test_a_stop_decided_ahead_keeps_the_family_assisted_until_its_day(district: District) -> None:
    """A stop may be dated ahead (a family moving away at the month's end). The family left 救助中 on
    the day it was entered, although it was still paid up to the stop date; it now stays assisted
    and leaves the day after, as at the end of a gradual exit."""
    db, admin = district.db, district.admin
    hid, app_id = approved_dibao(district, "周九")  # 650 a month from April 2026
    svc.stop_assistance(db, admin, app_id, on=date(2026, 8, 31), reason="迁往外地", to_stage="class_2",
                        today=date(2026, 8, 20))
    hh = household(db, hid)
    assert hh.stage == "assisted" and hh.category == "dibao"
    detail = svc.get_detail(db, admin, app_id, as_of=date(2026, 8, 21))
    assert detail.stopped_on == date(2026, 8, 31) and detail.exit_stage == "class_2" and detail.can_stop
    assert detail.gradual_exit_from is None and "定于 2026-08-31 停止" in detail.row.status_label
    rows = svc.list_applications(db, admin, status=None, as_of=date(2026, 8, 21))
    assert "定于 2026-08-31 停止" in next(r for r in rows if r.id == app_id).status_label
    assert next(c for c in monitoring.column_page(db, admin, "assisted") if c.id == hid).exit_until == date(2026, 8, 31)
    assert svc.monthly_assistance(db, admin, date(2026, 8, 1)).due == 1  # August is paid, September is not
    assert svc.monthly_assistance(db, admin, date(2026, 9, 1)).due == 0
    # a gradual exit cannot follow, and the day can be brought forward but not put off
    with pytest.raises(ValidationFailed, match="已定于 2026-08-31 停止救助"):
        svc.stop_assistance(db, admin, app_id, on=date(2026, 8, 25), reason="就业", gradual=True,
                            today=date(2026, 8, 21))
    with pytest.raises(ValidationFailed, match="已定于 2026-08-31 停止救助,停止日期不能晚于这一天"):
        svc.stop_assistance(db, admin, app_id, on=date(2026, 9, 30), reason="推迟", today=date(2026, 8, 21))
    assert svc.end_gradual_exits(db, admin, as_of=date(2026, 8, 31)) == 0
    assert svc.end_gradual_exits(db, admin, as_of=date(2026, 9, 1)) == 1
    hh = household(db, hid)
    assert hh.stage == "class_2" and hh.category == "none"
    with db.session_factory() as session:
        move = session.execute(select(LibraryMove).where(LibraryMove.household_id == hid)
                               .order_by(LibraryMove.id.desc())).scalars().first()
        assert (move.from_stage, move.to_stage, move.moved_on) == ("assisted", "class_2", date(2026, 8, 31))
        assert "按停止救助决定" in move.reason
        notice = session.execute(select(Notice).where(Notice.application_id == app_id, Notice.kind == "stop")
                                 ).scalar_one()
        assert notice.data == {"stopped_on": "2026-08-31", "reason": "迁往外地", "scheduled": True}


def test_a_stop_decided_ahead_can_be_brought_forward_to_today(district: District) -> None:
    db, admin = district.db, district.admin
    hid, app_id = approved_dibao(district, "吴十一")
    svc.stop_assistance(db, admin, app_id, on=date(2026, 8, 31), reason="迁往外地", today=date(2026, 8, 20))
    svc.stop_assistance(db, admin, app_id, on=date(2026, 8, 22), reason="提前迁走", today=date(2026, 8, 22))
    hh = household(db, hid)
    assert hh.stage == "class_1" and hh.category == "none"
    detail = svc.get_detail(db, admin, app_id)
    assert detail.stopped_on == date(2026, 8, 22) and detail.exit_stage is None and not detail.can_stop
