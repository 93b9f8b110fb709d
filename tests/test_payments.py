"""Monthly payments checked as an auditor would: no month paid twice, no payment recorded after the
assistance stopped, the month's summary and its roster agreeing, and what is written being what the
user confirmed. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.models import AssistanceRecord
from desktop.services import applications as svc
from desktop.services.errors import ValidationFailed
from tests.district import District
from tests.test_applications import (
    approved_dibao,
    regular_steps,
    set_gradual_exit_months,
)


def paid(district: District, hid: int) -> list[tuple[int, str, str]]:
    with district.db.session_factory() as session:
        return [(a, f"{m:%Y-%m}", str(v)) for a, m, v in session.execute(
            select(AssistanceRecord.application_id, AssistanceRecord.month, AssistanceRecord.amount)
            .where(AssistanceRecord.household_id == hid).order_by(AssistanceRecord.month, AssistanceRecord.id))]


def records(district: District) -> int:
    with district.db.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(AssistanceRecord)))


def test_a_new_approval_in_a_month_the_stopped_one_still_pays_is_refused(district: District) -> None:
    """低保 stopped on 2026-07-20 (entered ahead, on 06-15) is paid for July; a 低保边缘 approved on 06-12
    starts in July. Nothing refused it: July was recorded twice, 650 + 300, for one family."""
    db, admin = district.db, district.admin
    hid, dibao = approved_dibao(district, "甲")  # 650 from April, April–June recorded
    svc.stop_assistance(db, admin, dibao, on=date(2026, 7, 20), reason="户主就业", today=date(2026, 6, 15))
    marginal = svc.accept(db, admin, household_id=hid, category="marginal", accepted_on=date(2026, 5, 20))
    regular_steps(district, marginal, date(2026, 5, 20))
    with pytest.raises(ValidationFailed, match=rf"低保\(申请编号 {dibao}\)发放到 2026-07-20 为止.*同一个月会发放两次.*"
                                               "决定日期定在 2026年07月 或以后"):
        svc.decide(db, admin, marginal, approve=True, on=date(2026, 6, 12), amount="300", today=date(2026, 6, 15))
    assert svc.get_detail(db, admin, marginal).row.status == "open"
    # decided in July it starts in August: one payment a month
    svc.decide(db, admin, marginal, approve=True, on=date(2026, 7, 21), amount="300", today=date(2026, 8, 3))
    svc.record_monthly_assistance(db, admin, date(2026, 7, 1), today=date(2026, 8, 3))
    assert [m for _a, m, _v in paid(district, hid)] == ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08"]


def test_a_stop_dated_before_a_recorded_month_is_refused(district: District) -> None:
    """April–June recorded, then a stop dated 04-10: May and June stayed recorded (and on the roster) after
    the last day assisted, while the month's summary no longer counted them."""
    db, admin = district.db, district.admin
    hid, dibao = approved_dibao(district, "乙")  # April–June recorded on 2026-06-15
    with pytest.raises(ValidationFailed, match="已登记 2026年06月 的救助发放.*停止日期不能早于 2026-06-01"):
        svc.stop_assistance(db, admin, dibao, on=date(2026, 4, 10), reason="户主四月就业", today=date(2026, 6, 15))
    set_gradual_exit_months(district, 1)  # a gradual exit from April ends with May: before June, refused too
    with pytest.raises(ValidationFailed, match="就业渐退到 2026-05-31 为止,早于这个月"):
        svc.stop_assistance(db, admin, dibao, on=date(2026, 4, 10), reason="户主就业", gradual=True,
                            today=date(2026, 6, 15))
    detail = svc.get_detail(db, admin, dibao)
    assert detail.stopped_on is None and detail.can_stop
    # from May, the exit pays June: allowed
    svc.stop_assistance(db, admin, dibao, on=date(2026, 5, 10), reason="户主就业", gradual=True, today=date(2026, 6, 15))
    assert svc.get_detail(db, admin, dibao).stopped_on == date(2026, 6, 30)
    # a stop within the last month recorded is fine
    _hid, other = approved_dibao(district, "丙")
    svc.stop_assistance(db, admin, other, on=date(2026, 6, 1), reason="户主就业", today=date(2026, 6, 15))
    assert [m for _a, m, _v in paid(district, hid)] == ["2026-04", "2026-05", "2026-06"]
