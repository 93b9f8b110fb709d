"""A month of referrals (转介) at a district office: the front desk (一门受理), an assessment's suggested
referrals, the board's referral form, overdue lists over 春节 (round 28 acceptance)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.models import Application, Referral
from desktop.rules import means_test as mt
from desktop.rules.codes import Role
from desktop.services import applications as apps
from desktop.services import assessment as assess
from desktop.services import policy, referrals
from desktop.services.errors import ValidationFailed
from tests.district import District
from tests.test_applications import make_household
from tests.test_assessment import _request, add_household


def test_front_desk_referrals_get_a_due_date_and_fall_overdue_after_spring_festival(district: District) -> None:
    """The front desk sent its referrals with no due date: the letter said "尽快" and they were never
    overdue, so the overdue list and counts missed every referral made at the front desk."""
    db = district.db
    worker = district.actor(Role.COMMUNITY_WORKER)  # 飞云社区
    hid = make_household(db, district.regions["飞云社区"], "周芳", 3)
    result = apps.front_desk(db, worker, household_id=hid, category="dibao", accepted_on=date(2026, 2, 1),
                             referrals=[apps.ReferralInput("medical_insurance", "住院费用医疗救助"),
                                        apps.ReferralInput("education", "子女学费减免"),
                                        apps.ReferralInput("hrss", "就业帮扶", due_on=date(2026, 3, 2))],
                             today=date(2026, 2, 1))
    ins, edu, hrss = (referrals.get_referral(db, worker, i, today=date(2026, 2, 1)) for i in result.referral_ids)
    # 1 February + 15 days is 16 February, in the Spring Festival days off: due the first working day after
    assert ins.due_on == edu.due_on == date(2026, 2, 24) and hrss.due_on == date(2026, 3, 2)
    assert referrals.referral_letter(db, worker, ins.id).due_on == date(2026, 2, 24)
    apps.record_referral_outcome(db, worker, ins.id, status="done", feedback="已纳入医疗救助", on=date(2026, 2, 10),
                                 today=date(2026, 2, 25))
    assert referrals.referral_counts(db, worker, today=date(2026, 2, 24)) == {"open": 2, "overdue": 0}
    assert referrals.referral_counts(db, worker, today=date(2026, 2, 25)) == {"open": 2, "overdue": 1}
    late = referrals.list_referrals(db, worker, status="overdue", today=date(2026, 2, 25))
    assert [(r.department_label, r.overdue) for r in late] == [("教育", True)]


def test_a_department_is_not_sent_the_same_family_twice_while_its_referral_is_open(district: District) -> None:
    db = district.db
    worker = district.actor(Role.COMMUNITY_WORKER)
    hid = make_household(db, district.regions["飞云社区"], "吴敏", 2)
    first = referrals.create_referral(db, worker, hid, department="housing", need="租房补贴", due_on=None,
                                      today=date(2026, 4, 1))
    with pytest.raises(ValidationFailed, match=re.escape(f"已转介住保({referrals.referral_code(first.id)},"
                                                         "2026-04-01 转介,已转介),尚未办结")):
        referrals.create_referral(db, worker, hid, department="housing", need="租房补贴", due_on=None,
                                  today=date(2026, 4, 2))
    # the front desk refuses too, and accepts nothing (no application half-written)
    with pytest.raises(ValidationFailed, match="已转介住保"):
        apps.front_desk(db, worker, household_id=hid, category="dibao", accepted_on=date(2026, 4, 2),
                        referrals=[apps.ReferralInput("education", "学费"), apps.ReferralInput("housing", "租房")],
                        today=date(2026, 4, 2))
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Application).where(Application.household_id == hid)) == 0
        assert s.scalar(select(func.count()).select_from(Referral).where(Referral.household_id == hid)) == 1
    # once the department has answered, the family may be referred there again
    referrals.update_status(db, worker, first.id, "declined", feedback="不符合条件", today=date(2026, 4, 3))
    again = referrals.create_referral(db, worker, hid, department="housing", need="公租房", due_on=None,
                                      today=date(2026, 5, 6))
    assert again.status == "sent"


def test_saving_an_assessment_again_does_not_refer_twice(district: District) -> None:
    """Each save of an assessment sent its suggested referrals again (and with no due date)."""
    assert policy.seed_default_policy(district.db) > 0
    db, actor = district.db, district.actor(Role.SUBDISTRICT_CASEWORKER)
    hid = add_household(db, district.regions["八泉社区"], [
        {"name": "赵大", "born": date(1960, 2, 1), "health": "serious"},
        {"name": "赵二", "born": date(2015, 5, 5), "schooling": "compulsory"}],
        incomes={"wages": "12000"}, expenses={"medical": "9000"})
    depts = ["medical_insurance", "education"]
    first = assess.save_assessment(db, actor, _request(assess.load_household(db, actor, hid), mt.CLASS_1,
                                                       refer_departments=depts, override_reason="待复核"))
    second = assess.save_assessment(db, actor, _request(assess.load_household(db, actor, hid), mt.CLASS_1,
                                                        refer_departments=depts, override_reason="待复核"))
    assert (first.referrals, second.referrals) == (2, 0)
    rows = referrals.list_referrals(db, actor, household_id=hid, status="all")
    assert sorted(r.department_label for r in rows) == ["医保", "教育"]
    assert {r.due_on for r in rows} == {referrals.suggested_due_on(db)}
    assert {r.assessment_id for r in rows} == {first.assessment_id}
