"""Domain audit of the means test (RULES.md §1.2–1.4): every figure the explanation shows is the one the
comparison used, boundary words (Civil Code art. 1259, 202), net incomes below zero, and properties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from desktop.rules import idcard
from desktop.rules import means_test as mt
from tests.test_means_test import ON, demo_settings, facts, person

# -- the lines shown are the lines used ---------------------------------------------------------------

def test_marginal_line_used_is_the_one_shown() -> None:
    """1.55 × 777.77 = 1,205.5435: the explanation shows the line 1,205.54 元, so a per-capita income of
    exactly 1,205.54 is not below it (RULES §1.3 "<"): the household is not 低保边缘."""
    s = demo_settings(dibao_standard="777.77", marginal_multiplier="1.55")
    r = mt.assess(facts([person()], str(D("1205.54") * 12)), s, ON)
    assert r.marginal_line == D("1205.54") and r.per_capita_monthly == D("1205.54")
    assert r.category == mt.INELIGIBLE
    assert "1,205.54 元 ≥ 1,205.54 元,不属于低保边缘" in r.explanation
    below = mt.assess(facts([person()], str(D("1205.53") * 12)), s, ON)
    assert below.category == "marginal"


def test_disposable_income_comparison_uses_the_figure_shown() -> None:
    """Three members, 139,499.99 a year: 46,499.996 6… a person, shown as 46,500.00 元 — which is not below
    last year's 46,500.00 元; the explanation must not read "46,500.00 元 < 46,500.00 元"."""
    s = demo_settings()
    r = mt.assess(facts([person(), person("乙"), person("丙")], "139499.99", medical="100000"), s, ON)
    assert r.category == mt.INELIGIBLE
    assert "人均年认定收入 46,500.00 元 ≥ 上年人均可支配收入 46,500.00 元" in r.explanation
    assert "46,500.00 元 < 46,500.00 元" not in r.explanation


def test_rigid_ratio_explained_in_yuan() -> None:
    """50,000.01 ÷ 100,000 = 50.00001%: the explanation shows the comparison in yuan, never "50% > 50%"."""
    s = demo_settings(dibao_standard="1", disposable_income_last_year="9999999")
    r = mt.assess(facts([person()], "100000", medical="50000.01"), s, ON)
    assert r.category == "expenditure"
    assert "50% > 50%" not in r.explanation
    assert "刚性支出 50,000.01 元 > 家庭总收入 100,000.00 元 × 50% = 50,000.00 元" in r.explanation
    at = mt.assess(facts([person()], "100000", medical="50000"), s, ON)
    assert at.category == mt.INELIGIBLE
    assert "刚性支出 50,000.00 元 ≤ 家庭总收入 100,000.00 元 × 50% = 50,000.00 元" in at.explanation


# -- 29 February (Civil Code art. 202: no corresponding day → the last day of the month) ------------

@pytest.mark.parametrize(("on", "age"), [
    (date(2026, 2, 27), 17), (date(2026, 2, 28), 18), (date(2026, 3, 1), 18),
    (date(2028, 2, 28), 19), (date(2028, 2, 29), 20),
])
def test_age_of_a_29_february_birthday(on: date, age: int) -> None:
    assert idcard.age_on(date(2008, 2, 29), on) == age


def test_29_february_minor_age_18_in_a_common_year() -> None:
    """特困 with the minor age set to 18: born 2008-02-29, she is 18 周岁 on 2026-02-28 (not 未满 18)."""
    s = demo_settings(tekun_minor_age="18")
    f = mt.HouseholdFacts((mt.MemberInput(1, "甲", birth_date=date(2008, 2, 29)),), (), ())
    day_before = mt.assess(f, s, date(2026, 2, 27))
    assert day_before.tekun_candidates and "17周岁,未满18周岁" in day_before.tekun_candidates[0].no_labour_reasons
    assert not mt.assess(f, s, date(2026, 2, 28)).tekun_candidates
    brief = mt.assess_brief([(date(2008, 2, 29), "healthy", "none", 0, "甲")], D(0), D(0), D(0), False, s,
                            date(2026, 2, 28))
    assert brief.tekun_candidates == []


# -- net incomes below zero ------------------------------------------------------------------------------

def test_a_deduction_never_raises_a_negative_total_income() -> None:
    """A business loss above the wages leaves a negative total: a "reduction" of 5% must not turn
    −12,000 into −11,400 (which would raise the income); the explanation says what is wrong."""
    old = person(born=date(1950, 1, 1))
    f = facts([old], "8000", extra=[mt.IncomeItem("business", D("-20000"))])
    r = mt.assess(f, demo_settings(), ON)
    assert r.total_income == D("-12000")
    assert r.counted_income == D("-12000") and r.per_capita_monthly == D("-1000.00")
    assert r.category == "dibao"
    assert "家庭总收入为负数" in r.explanation and "请核实" in r.explanation
    assert "认定收入 = -12,000.00 元 × (1 − 5%)" not in r.explanation
    brief = mt.assess_brief([(old.birth_date, "healthy", "none", 0, "甲")], D("-12000"), D(0), D(0), False,
                            demo_settings(), ON)
    assert brief.counted_income == D("-12000") and brief.per_capita_monthly == D("-1000.00")
