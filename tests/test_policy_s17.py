"""Adversarial pass on the versioned policy settings (issue 5): values the administrator may type, the
settings changing between the result shown and the assessment saved, and the new-values form — on SQLite
and PostgreSQL where a database is involved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from desktop.models import Assessment, PolicySetting
from desktop.rules import means_test as mt
from desktop.rules import policy as rules
from desktop.services import assessment as svc
from desktop.services import policy
from desktop.services.errors import ValidationFailed
from desktop.views.assessment import AssessmentPage
from desktop.views.context import AppContext
from desktop.views.policy_settings import SetValuesDialog
from tests.district import District
from tests.test_assessment import ON, _request, add_household, caseworker, seeded  # noqa: F401
from tests.test_assessment_views import messages, world  # noqa: F401


def _count(db, **where) -> int:  # noqa: ANN001
    with db.session_factory() as s:
        query = select(func.count()).select_from(PolicySetting)
        for key, value in where.items():
            query = query.where(getattr(PolicySetting, key) == value)
        return s.execute(query).scalar_one()


@pytest.mark.parametrize(("name", "text", "words"), [
    # 57 characters once normalised: PostgreSQL's varchar(32) refused it with 内部错误 (SQLite kept it)
    ("deduct_cap", "0.0000000000000000000000000001234567890123456789012345678", "最多 6 位小数"),
    ("deduct_elderly", "1e-30", "最多 6 位小数"),
    ("rigid_expense_ratio", "12.34567%", "写成百分数最多 4 位"),
    # was rounded to 1 without a word: the value stored was not the value typed
    ("marginal_multiplier", "1.00000000000000000000000000001", "最多 4 位小数"),
])
def test_too_many_decimals_are_refused_naming_the_setting(seeded: District, name: str,  # noqa: F811
                                                          text: str, words: str) -> None:
    db, admin = seeded.db, seeded.admin
    before = _count(db)
    with pytest.raises(ValidationFailed) as refused:
        policy.set_settings(db, admin, effective_from=date(2026, 3, 2), area_type="城市", values={name: text})
    assert rules.SPEC_BY_NAME[name].label in refused.value.message and words in refused.value.message
    assert name in refused.value.problems
    assert _count(db) == before


def test_full_width_digits_and_yuan_are_read_as_typed(seeded: District) -> None:  # noqa: F811
    """A Chinese input method types ７８０．５ and 30％; a standard is often written "800元"."""
    db, admin = seeded.db, seeded.admin
    policy.set_settings(db, admin, effective_from=date(2026, 3, 2), area_type="城市",
                        values={"dibao_standard": "７８０．５", "disposable_income_last_year": "47000 元",
                                "deduct_cap": "３０％", "rigid_expense_ratio": "12.3456%"})
    s = policy.settings_in_force(db, admin, "城市", date(2026, 3, 2))
    assert s["dibao_standard"] == D("780.50") and s["disposable_income_last_year"] == D("47000.00")
    assert s["deduct_cap"] == D("0.3") and s["rigid_expense_ratio"] == D("0.123456")
    with pytest.raises(ValidationFailed, match="不是数字"):  # 元 is a unit of money only
        policy.set_settings(db, admin, effective_from=date(2026, 3, 2), area_type="城市",
                            values={"elderly_age": "60元"})


def test_a_setting_corrected_after_the_result_was_shown_is_not_saved_unseen(seeded: District) -> None:  # noqa: F811
    """The wizard showed 低保 at 780 元; an administrator corrected the standard in force on the
    assessment date to 810 before the caseworker saved: the save recalculated with 810 and froze an
    explanation the caseworker never saw. Now it is refused, naming what changed."""
    db, actor = seeded.db, caseworker(seeded)
    hid = add_household(db, seeded.regions["八泉社区"], [{"name": "钱甲"}], incomes={"wages": "9000"})
    inputs = svc.load_household(db, actor, hid)
    pv = svc.preview(db, actor, hid, inputs.facts(), ON)
    assert pv.result.category == "dibao" and "780.00 元/人·月(2026-01-01 起执行)" in pv.result.explanation
    policy.set_settings(db, seeded.admin, effective_from=date(2026, 1, 1), area_type="城市",
                        values={"dibao_standard": "810"})
    with pytest.raises(svc.PolicyChanged) as refused:
        svc.save_assessment(db, actor, _request(inputs, mt.APPLY, settings_seen=pv.settings.frozen()))
    assert "低保标准 780.00 → 810.00(自 2026-01-01 起)" in refused.value.message
    with db.session_factory() as s:
        assert s.execute(select(func.count()).select_from(Assessment)).scalar_one() == 0
    pv2 = svc.preview(db, actor, hid, inputs.facts(), ON)
    saved = svc.save_assessment(db, actor, _request(inputs, mt.APPLY, settings_seen=pv2.settings.frozen()))
    detail = svc.get_assessment(db, actor, saved.assessment_id)
    assert detail.settings["dibao_standard"]["value"] == "810.00"
    assert "810.00 元/人·月(2026-01-01 起执行)" in detail.explanation


def test_the_wizard_shows_the_new_result_when_the_settings_changed(qtbot, world, messages) -> None:  # noqa: ANN001, F811
    d, ctx, hid = world
    page = AssessmentPage(ctx)
    qtbot.addWidget(page)
    wiz = page.assess_household(hid)
    for _ in range(4):
        wiz.next()
    wiz.verification.methods["data_check"].setChecked(True)
    wiz.verification.investigators.setText("王芳")
    wiz.next()
    assert wiz.currentPage() is wiz.result
    on = wiz.assessment_date()
    standard = wiz.preview.settings["dibao_standard"]
    since = date.fromisoformat(wiz.preview.settings.frozen()["dibao_standard"]["effective_from"])
    policy.set_settings(d.db, d.admin, effective_from=since, area_type="城市", values={"dibao_standard": "1200"})
    wiz.accept()
    assert messages and f"低保标准 {standard} → 1200.00" in messages[-1]
    with d.db.session_factory() as s:
        assert s.execute(select(func.count()).select_from(Assessment)).scalar_one() == 0
    assert wiz.preview.settings["dibao_standard"] == D("1200.00")  # recalculated and shown
    assert "1,200.00 元/人·月" in wiz.result.explanation.toPlainText()
    wiz.accept()
    assert wiz.result_saved is not None
    detail = svc.get_assessment(d.db, ctx.actor, wiz.result_saved.assessment_id)
    assert detail.assessed_on == on and detail.settings["dibao_standard"]["value"] == "1200.00"


def test_a_corrected_field_is_no_longer_marked_wrong(qtbot, sqlite_district: District, messages) -> None:  # noqa: ANN001, F811
    policy.seed_default_policy(sqlite_district.db)
    dialog = SetValuesDialog(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(dialog)
    dialog.fields["deduct_cap"].setText("150%")
    dialog.save()
    assert "0 到 1" in messages[-1] and dialog.fields["deduct_cap"].styleSheet()
    dialog.fields["deduct_cap"].setText("40%")
    dialog.fields["dibao_standard"].setText("abc")
    dialog.save()
    assert "不是数字" in messages[-1]
    assert "低保标准的值" in messages[-1] and "dibao_standard" not in messages[-1]  # the label, not the code
    assert dialog.fields["deduct_cap"].styleSheet() == "" and dialog.fields["dibao_standard"].styleSheet()
