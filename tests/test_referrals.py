"""Referrals: creation, status flow with feedback, overdue, department list read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from desktop.models import AuditEntry
from desktop.rules.codes import Role
from desktop.services import referrals
from desktop.services.errors import ConflictError, PermissionDenied, ValidationFailed
from tests.district import District
from tests.monitoring_helpers import add_households, household

TODAY = date(2026, 5, 20)


def test_status_flow_and_feedback(district: District) -> None:
    db = district.db
    worker = district.actor(Role.COMMUNITY_WORKER)
    [hid] = add_households(db, district.regions["飞云社区"], "class_1", category="dibao")
    ref = referrals.create_referral(db, worker, hid, department="education", need="孩子学费减免",
                                    due_on=date(2026, 6, 30), today=TODAY)
    assert (ref.status, ref.status_label, ref.department_label, ref.sent_on) == ("sent", "已转介", "教育", TODAY)
    assert ref.created_by == "测试community_worker" and not ref.overdue
    with pytest.raises(ValidationFailed):  # done needs the department's feedback
        referrals.update_status(db, worker, ref.id, "done", today=TODAY)
    ref = referrals.update_status(db, worker, ref.id, "received", expected_version=ref.version, today=TODAY)
    assert ref.status == "received"
    with pytest.raises(ValidationFailed) as caught:
        referrals.update_status(db, worker, ref.id, "sent", today=TODAY)
    assert "已接收" in caught.value.message
    ref = referrals.update_status(db, worker, ref.id, "done", feedback="已减免学费 1200 元",
                                  expected_version=ref.version, today=date(2026, 6, 2))
    assert ref.status == "done" and ref.closed_on == date(2026, 6, 2) and "1200" in ref.feedback
    with pytest.raises(ValidationFailed):
        referrals.update_status(db, worker, ref.id, "declined", feedback="x", today=TODAY)
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.entity == "referral")) == 3


def test_the_time_received_is_on_the_day_recorded(district: District) -> None:
    """received_at is the day the referral was received (a past month's statistics read its status
    then from it): the business day given, not the moment it was typed in; today's, the moment."""
    from desktop.models import Referral

    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], "class_1", category="dibao")
    past = referrals.create_referral(db, district.admin, hid, department="education", need="学费减免", due_on=None,
                                     today=TODAY)
    referrals.update_status(db, district.admin, past.id, "received", today=date(2026, 5, 22))
    now = referrals.create_referral(db, district.admin, hid, department="health", need="医疗救助", due_on=None)
    referrals.update_status(db, district.admin, now.id, "received")
    with db.session_factory() as s:
        assert s.get(Referral, past.id).received_at.astimezone().date() == date(2026, 5, 22)
        assert s.get(Referral, now.id).received_at.astimezone().date() == date.today()


def test_stale_status_update_conflicts(district: District) -> None:
    db = district.db
    [hid] = add_households(db, district.regions["八泉社区"], "class_2")
    ref = referrals.create_referral(db, district.admin, hid, department="hrss", need="就业", due_on=None, today=TODAY)
    referrals.update_status(db, district.admin, ref.id, "received", expected_version=ref.version, today=TODAY)
    with pytest.raises(ConflictError):
        referrals.update_status(db, district.admin, ref.id, "declined", feedback="不符合",
                                expected_version=ref.version, today=TODAY)


def test_validation_and_scope(district: District) -> None:
    db = district.db
    [hid] = add_households(db, district.regions["闸口社区"], "class_1")
    with pytest.raises(ValidationFailed) as caught:
        referrals.create_referral(db, district.admin, hid, department="nowhere", need=" ",
                                  due_on=date(2026, 1, 1), today=TODAY)
    assert set(caught.value.problems) == {"department", "need", "due_on"}
    with pytest.raises(PermissionDenied):
        referrals.create_referral(db, district.actor(Role.COMMUNITY_WORKER), hid, department="health",
                                  need="体检", due_on=None, today=TODAY)


def test_overdue_listing_and_counts(district: District) -> None:
    db = district.db
    [a, b] = add_households(db, district.regions["飞云社区"], "assisted", 2)
    late = referrals.create_referral(db, district.admin, a, department="medical_insurance", need="大病报销",
                                     due_on=date(2026, 5, 1), today=date(2026, 4, 1))
    referrals.create_referral(db, district.admin, b, department="housing", need="危房改造",
                              due_on=date(2026, 7, 1), today=date(2026, 4, 1))
    closed = referrals.create_referral(db, district.admin, b, department="justice", need="法律援助",
                                       due_on=date(2026, 4, 10), today=date(2026, 4, 1))
    referrals.update_status(db, district.admin, closed.id, "declined", feedback="非本部门职责", today=TODAY)
    overdue = referrals.list_referrals(db, district.admin, status="overdue", today=TODAY)
    assert [r.id for r in overdue] == [late.id] and overdue[0].overdue
    assert len(referrals.list_referrals(db, district.admin, status="open", today=TODAY)) == 2
    everything = referrals.list_referrals(db, district.admin, status="all", today=TODAY)
    assert [r.id for r in everything] == sorted((r.id for r in everything), reverse=True)
    page2 = referrals.list_referrals(db, district.admin, status="all", after_id=everything[0].id, today=TODAY)
    assert len(page2) == 2
    assert referrals.referral_counts(db, district.admin, today=TODAY) == {"open": 2, "overdue": 1}
    assert len(referrals.list_referrals(db, district.admin, household_id=b, status="all", today=TODAY)) == 2
    assert referrals.list_referrals(db, district.admin, department="housing", today=TODAY)[0].need == "危房改造"


def test_department_list_and_letter(district: District, tmp_path: Path) -> None:
    db = district.db
    hids = add_households(db, district.regions["道仕袱村"], "class_1", 3, category="tekun")
    for hid in hids:
        referrals.create_referral(db, district.admin, hid, department="disabled_federation", need="辅具适配",
                                  due_on=date(2026, 5, 10), today=date(2026, 5, 1))
    referrals.create_referral(db, district.admin, hids[0], department="health", need="家庭医生", due_on=None,
                              today=TODAY)
    path = tmp_path / "残联.xlsx"
    assert referrals.export_department_list(db, district.admin, "disabled_federation", path, today=TODAY) == 3
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("残联").to_python()
    assert "转介残联名单" in rows[0][0]
    assert rows[1] == referrals.DEPARTMENT_HEADERS
    first = household(db, hids[0])
    assert rows[2][6] == first.head_name and rows[2][7] == first.head_id_number  # admin sees full numbers
    assert rows[2][11] == "辅具适配" and rows[2][13] == "逾期" and rows[2][4] == "河口镇"
    letter = referrals.referral_letter(db, district.admin, referrals.list_referrals(
        db, district.admin, department="health", today=TODAY)[0].id)
    # the list names each referral as its letter does, so the department can match the two
    sent = referrals.list_referrals(db, district.admin, department="disabled_federation", today=TODAY)
    assert sorted(r[0] for r in rows[2:5]) == sorted(referrals.referral_code(r.id) for r in sent)
    assert f"编号:{referrals.referral_code(letter.referral_id)}" in referrals.letter_html(letter)
    assert letter.department_label == "卫健" and letter.head_name == first.head_name
    assert letter.community == "道仕袱村" and letter.subdistrict == "河口镇" and letter.category_label == "特困"
    with db.session_factory() as s:
        actions = set(s.scalars(select(AuditEntry.action)))
    assert {"export_referrals", "print_referral_letter"} <= actions


def test_the_letter_and_list_say_an_application_is_being_handled(district: District, tmp_path: Path) -> None:
    """A family referred at the front desk while its 低保 application is handled was "救助类别:无" on the letter
    and the department's list: read as a family civil affairs had turned away."""
    from desktop.services import applications as apps

    db, admin = district.db, district.admin
    tekun, applying = add_households(db, district.regions["道仕袱村"], "class_1", 2)
    apps.accept(db, admin, household_id=applying, category="dibao", accepted_on=date(2026, 5, 4))
    sent = [referrals.create_referral(db, admin, hid, department="education", need="学费减免", due_on=None,
                                      today=date(2026, 5, 6)) for hid in (tekun, applying)]
    assert referrals.referral_letter(db, admin, sent[0].id).category_label == "无"
    letter = referrals.referral_letter(db, admin, sent[1].id)
    assert letter.category_label == "无(低保申请办理中)"
    assert "<td colspan=\"3\">无(低保申请办理中)</td>" in referrals.letter_html(letter)
    path = tmp_path / "教育.xlsx"
    assert referrals.export_department_list(db, admin, "education", path, today=date(2026, 5, 6)) == 2
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("教育").to_python()
    assert sorted(r[10] for r in rows[2:4]) == ["无", "无(低保申请办理中)"]


# (due date, the last day it is not yet overdue): 2026 — 10/1–7 off, 10/10 (Sat) a make-up working day;
# 2/15–23 off, 2/14 and 2/28 (Sat) make-up working days.
HOLIDAY_VECTORS = [
    (date(2026, 9, 30), date(2026, 9, 30)),   # a working day: overdue the day after, in the holiday
    (date(2026, 10, 1), date(2026, 10, 8)),   # National Day: runs to the first working day after
    (date(2026, 10, 3), date(2026, 10, 8)),   # a Saturday inside the break
    (date(2026, 10, 10), date(2026, 10, 10)),  # a Saturday that is a make-up working day
    (date(2026, 10, 11), date(2026, 10, 12)),  # a plain Sunday: Monday
    (date(2026, 2, 15), date(2026, 2, 24)),   # Spring Festival
    (date(2026, 2, 14), date(2026, 2, 14)),   # the make-up Saturday before it
]


@pytest.mark.parametrize(("due", "last_day"), HOLIDAY_VECTORS)
def test_a_referral_due_on_a_day_off_is_overdue_after_the_next_working_day(due: date, last_day: date) -> None:
    from datetime import timedelta

    from desktop.rules import monitoring as rules

    assert not rules.referral_overdue("sent", due, last_day)
    assert rules.referral_overdue("received", due, last_day + timedelta(days=1))
    assert not rules.referral_overdue("done", due, last_day + timedelta(days=1))


def test_overdue_referrals_across_national_day(district: District, tmp_path: Path) -> None:
    """A referral due on 1 October was overdue from 2 October: in the list, its count, the board card's
    badge and the department's list, while the department was closed for the whole week."""
    from desktop.services import monitoring

    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], "class_1")
    ref = referrals.create_referral(db, district.admin, hid, department="housing", need="危房",
                                    due_on=date(2026, 10, 1), today=date(2026, 9, 16))
    for day, late in ((date(2026, 10, 2), False), (date(2026, 10, 8), False), (date(2026, 10, 9), True)):
        assert referrals.get_referral(db, district.admin, ref.id, today=day).overdue is late
        assert [r.id for r in referrals.list_referrals(db, district.admin, status="overdue", today=day)] == \
            ([ref.id] if late else [])
        assert referrals.referral_counts(db, district.admin, today=day) == {"open": 1, "overdue": int(late)}
        [card] = monitoring.cards_by_id(db, district.admin, [hid], today=day)
        assert card.overdue_referrals == int(late)
        path = tmp_path / f"{day}.xlsx"
        referrals.export_department_list(db, district.admin, "housing", path, today=day)
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("住保").to_python()
        assert rows[-1][-1] == ("逾期" if late else "")


def test_the_suggested_due_date_is_a_working_day(district: District) -> None:
    """Fifteen days from 16 September 2026 is 1 October: the form suggested a day the department is closed."""
    assert referrals.suggested_due_on(district.db, date(2026, 9, 16)) == date(2026, 10, 8)
    assert referrals.suggested_due_on(district.db, date(2026, 5, 5)) == date(2026, 5, 20)  # a Wednesday
    assert referrals.suggested_due_on(district.db, date(2026, 5, 9)) == date(2026, 5, 25)  # 24th a Sunday


def test_the_form_is_told_when_a_due_date_is_a_day_off_or_in_a_year_not_entered(district: District) -> None:
    assert "顺延至下一个工作日 2026-10-08" in referrals.due_note(district.db, date(2026, 10, 1))
    assert referrals.due_note(district.db, date(2026, 10, 9)) == ""
    assert referrals.due_note(district.db, None) == ""
    assert "2099年的法定节假日安排尚未录入" in referrals.due_note(district.db, date(2099, 1, 5))
