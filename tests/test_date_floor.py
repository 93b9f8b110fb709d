"""Days users type are refused before 2000-01-01 (1900 or 0001 for 2026 is a slip of the year, or a
date edit's oldest day): clues, visits, applications and their steps, assessments, policy dates and
income periods each said nothing and kept the day. Now each refuses it naming the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from desktop.rules import means_test as mt
from desktop.rules.codes import SourceLevel
from desktop.rules.workdays import EARLIEST_DAY
from desktop.services import applications, assessment, clues, households, monitoring, policy
from desktop.services.base import Actor, check_day, too_early
from desktop.services.database import Database
from desktop.services.errors import ValidationFailed
from tests.district import District
from tests.test_applications import make_household

OLD = date(1900, 1, 1)
ZERO = date(1, 1, 1)


def test_the_floor() -> None:
    assert EARLIEST_DAY == date(2000, 1, 1)
    assert too_early(date(2000, 1, 1), "走访日期") is None
    assert too_early(date(1999, 12, 31), "走访日期") == "走访日期 1999-12-31 早于 2000-01-01,应是年份输入有误,请核对"
    check_day(date(2000, 1, 1), "决定日期", date(2026, 1, 5))
    with pytest.raises(ValidationFailed, match="决定日期 0001-01-01 早于 2000-01-01"):
        check_day(ZERO, "决定日期", date(2026, 1, 5))
    with pytest.raises(ValidationFailed, match="决定日期 2026-01-06 不能晚于今天"):
        check_day(date(2026, 1, 6), "决定日期", date(2026, 1, 5))
    check_day(date(2030, 1, 1), "停止日期", date(2026, 1, 5), future=True)


Call = Callable[[Database, Actor, int], Any]

CASES: list[tuple[str, Call]] = [
    ("发现日期", lambda db, a, hid: clues.add_clue(db, a, clues.ClueInput(
        source_level=SourceLevel.INFORMANT, source="building_head", reported_on=OLD, description="独居老人",
        person_name="甲"))),
    ("办结日期", lambda db, a, hid: clues.close_clue(db, a, 1, "not_hardship", closed_on=ZERO)),
    ("走访日期", lambda db, a, hid: monitoring.record_visit(db, a, hid, visited_on=OLD, visitors="王、李",
                                                          findings="无变化")),
    ("受理日期", lambda db, a, hid: applications.accept(db, a, household_id=hid, category="dibao", accepted_on=OLD)),
    ("承诺书签署日期", lambda db, a, hid: applications.accept(
        db, a, household_id=hid, category="dibao", track="commitment", accepted_on=date(2026, 1, 5),
        commitment=applications.CommitmentInput("张三", ZERO))),
    ("办理日期", lambda db, a, hid: applications.complete_step(db, a, 1, "check", on=OLD, result="passed")),
    ("公示开始日期", lambda db, a, hid: applications.complete_step(db, a, 1, "publicity", on=date(2026, 1, 5),
                                                               publicity_start=OLD)),
    ("决定日期", lambda db, a, hid: applications.decide(db, a, 1, approve=True, on=OLD, amount="500")),
    ("停止日期", lambda db, a, hid: applications.stop_assistance(db, a, 1, on=OLD, reason="收入超标")),
    ("核查日期", lambda db, a, hid: applications.record_post_check(db, a, 1, on=OLD, passed=True)),
    ("部门办理日期", lambda db, a, hid: applications.record_referral_outcome(db, a, 1, status="received", on=OLD)),
    ("送达日期", lambda db, a, hid: applications.record_refusal_served(db, a, 1, on=OLD, method="in_person")),
    ("抽查日期", lambda db, a, hid: applications.draw_spot_check(db, a, on=OLD, rate="10")),
    ("核查期限", lambda db, a, hid: applications.draw_spot_check(db, a, on=date(2026, 1, 5), rate="10", due_on=OLD)),
    ("评估日期", lambda db, a, hid: assessment.save_assessment(db, a, assessment.SaveRequest(
        household_id=hid, assessed_on=OLD, facts=mt.HouseholdFacts(members=()), verification_methods=["data_check"],
        investigators=["王调查"], placement="keep"))),
    ("生效日期", lambda db, a, hid: policy.set_settings(db, a, effective_from=date(1999, 12, 31), area_type="城市",
                                                      values={"dibao_standard": "800"})),
    ("统计截止日期", lambda db, a, hid: households.add_income(
        db, a, hid, households.get_household(db, a, hid).version,
        {"kind": "wages", "amount": "1000", "period_end": OLD})),
]


@pytest.mark.parametrize(("field", "call"), CASES, ids=[c[0] for c in CASES])
def test_a_day_before_2000_is_refused_naming_the_field(field: str, call: Call, sqlite_district: District) -> None:
    d = sqlite_district
    hid = make_household(d.db, d.regions["八泉社区"])
    with pytest.raises(ValidationFailed) as refused:
        call(d.db, d.admin, hid)
    assert field in refused.value.message and "早于 2000-01-01" in refused.value.message, refused.value.message


def test_date_fields_offer_no_day_before_2000(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """A date edit's oldest day was 1752-09-14: a slip of the year field went to 1900 unseen. Every date
    field of the pages and of the forms typed into most stops at 2000-01-01, as the services do."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit

    from desktop.views import application_forms, clue_form
    from desktop.views.context import AppContext
    from desktop.views.main_window import MainWindow
    from desktop.views.operations import wait_for_background
    from desktop.views.visit_form import VisitForm

    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    forms = [clue_form.ClueForm(ctx), application_forms.AcceptDialog(ctx),
             VisitForm(ctx, make_household(d.db, d.regions["八泉社区"]))]
    for form in forms:
        qtbot.addWidget(form)
    edits = [e for key in window.page_keys() for e in window.page(key).findChildren(QDateEdit)]
    wait_for_background()
    edits += [e for form in forms for e in form.findChildren(QDateEdit)]
    assert len(edits) >= 12
    floor = QDate(2000, 1, 1)
    assert [e.objectName() or type(e.window()).__name__ for e in edits if e.minimumDate() < floor] == []
