"""Acceptance round 28: district-office cases of the means test worked out by hand from RULES.md §1.2–1.3
before the program ran (settings as in round 26: 城市 低保 780.00, 边缘线 1,170.00; 重病 10%, 重残 10%,
单亲 5%, 老年 (60) 5%, cap 30%; minors under 16), and an assessment's life on a real database: saved,
the settings raised between two assessments, the household edited, the calculation read back from the
household's own history.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from desktop.rules import means_test as mt
from desktop.services import assessment as svc
from desktop.services import households as hs
from desktop.services import policy
from desktop.views.assessment_wizard import sheet_html
from tests.district import District
from tests.test_assessment import _request, add_household, caseworker, seeded  # noqa: F401
from tests.test_means_test_s26 import m, settings

ON = date(2026, 3, 1)


def facts(members: list[mt.MemberInput], incomes: list[tuple[str, str, bool]],
          expenses: dict[str, str] | None = None, single_parent: bool = False) -> mt.HouseholdFacts:
    return mt.HouseholdFacts(tuple(members), tuple(mt.IncomeItem(k, D(v), e) for k, v, e in incomes),
                             tuple(mt.ExpenseItem(k, D(v)) for k, v in (expenses or {}).items()), single_parent)


# (id, facts, category, per-capita, rate, 特困 candidates, 单人保 candidates, what the explanation says)
CASES = [
    # a business loss as large as the wages: total 0 → 0.00 a month, 低保; no ratio of a zero income
    ("loss-cancels-wages", facts([m("甲"), m("乙")], [("wages", "12000", False), ("business", "-12000", False)]),
     "dibao", "0.00", "0", [], [],
     ["工资性收入 12,000.00 元 − 经营净收入 12,000.00 元 = 0.00 元", "认定收入 = 0.00 元 × (1 − 0%) = 0.00 元",
      "占家庭总收入 —(家庭总收入不大于 0 元)", "不足低保标准 780.00 元 的一半"]),
    # only 优待抚恤金 6,000 and a scholarship 3,000: not income (art. 13), counted 0
    ("all-exempt", facts([m("甲"), m("乙")], [("other", "6000", True), ("other", "3000", True)]),
     "dibao", "0.00", "0", [], [],
     ["无计入收入,合计 0.00 元;另有不计入收入的项目(优待抚恤金、奖学金、社会救助金等)9,000.00 元,未计入"]),
    # 60 today (以上: included) and 16 today (未满 16: excluded): 6,000 × 95% / 12 / 2 = 237.50
    ("60-and-16-today", facts([m("父", date(1966, 3, 1)), m("子", date(2010, 3, 1))], [("wages", "6000", False)]),
     "dibao", "237.50", "0.05", ["父"], [], ["特困供养候选:父(60周岁,60周岁以上,无劳动能力"]),
    # no birth date, a legacy 15-digit ID 420203 500101 123 → born 1950-01-01, 76 on the date
    ("15-digit-id", facts([mt.MemberInput(None, "老", id_number="420203500101123"), m("子")],
                          [("wages", "6000", False)]),
     "dibao", "237.50", "0.05", ["老"], [], ["特困供养候选:老(76周岁"]),
    # a 60-year-old with his working-age son: a candidate; whether the son can support him is checked
    ("60-with-son", facts([m("父", date(1966, 3, 1)), m("子", date(1995, 1, 1), employed=True)],
                          [("wages", "14000", False)]),
     "dibao", "554.17", "0.05", ["父"], [], ["须由经办人核实"]),  # 14,000 × 95% / 24 = 554.166…
    # 10% + 10% + 5% + 5% = 30%, the cap exactly: not "over the cap"
    ("cap-exactly", facts([m("甲", health="serious"), m("乙", disability="physical", disability_grade=2),
                           m("丙", date(1950, 1, 1)), m("丁")], [("wages", "40000", False)], single_parent=True),
     "dibao", "583.33", "0.3", ["乙", "丙"], [], ["= 30%(上限 30%);扣减比例 30%"]),  # 28,000 / 48
    # 单人保 in a marginal family: the seriously ill 60-year-old (15%): 36,000 × 85% / 36 = 850.00
    ("single-person", facts([m("甲", date(1966, 1, 1), health="serious"), m("乙"), m("丙")],
                            [("wages", "36000", False)]),
     "marginal", "850.00", "0.15", [], ["甲"], ["单人保候选:甲(重病)"]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_district_cases_worked_by_hand(case: tuple) -> None:
    _, f, category, per_capita, rate, tekun, single, says = case
    r = mt.assess(f, settings(), ON)
    assert (r.category, r.per_capita_monthly, r.deduction_rate) == (category, D(per_capita), D(rate))
    assert [x.name for x in r.tekun_candidates] == tekun
    assert [x.name for x in r.single_person_candidates] == single
    for words in says:
        assert words in r.explanation
    assert "超过上限" not in r.explanation


def test_two_assessments_around_a_raise_and_the_household_history(seeded: District) -> None:  # noqa: F811
    """By hand: wages 20,000 − business loss 5,000 = 15,000 (优待抚恤金 3,000 not counted); 钱父 (15-digit
    ID, no birth date) is 60 on 2026-03-01: 5%; 14,250 / 12 / 3 = 395.83 < 780 → 低保, not urgent; after
    the standard is raised to 900 from 2026-04-01, the same figures on 04-15: < 900 and < 450 → urgent.
    The first assessment keeps 780 after the raise and after the household is edited; the household's
    history shows both with their calculation and who saved them."""
    db, actor = seeded.db, caseworker(seeded)
    hid = add_household(db, seeded.regions["八泉社区"], [
        {"name": "钱子", "born": date(1990, 5, 5), "employed": True},
        {"name": "钱孙", "born": date(2010, 3, 1), "no_birth_date": True}],
        incomes={"wages": "20000", "business": "-5000"}, exempt="3000", expenses={"medical": "1000"})
    version = hs.get_household(db, actor, hid).version
    hs.add_member(db, actor, hid, version, {"name": "钱父", "id_number": "420203660301123", "relation": "parent"})
    inputs = svc.load_household(db, actor, hid)
    assert {x.name: x.birth_date for x in inputs.members}["钱父"] == date(1966, 3, 1)
    first = svc.save_assessment(db, actor, _request(inputs, mt.APPLY))

    policy.set_settings(db, seeded.admin, effective_from=date(2026, 4, 1), area_type="城市",
                        values={"dibao_standard": "900"})
    inputs = svc.load_household(db, actor, hid)
    req = _request(inputs, mt.APPLY)
    req.assessed_on = date(2026, 4, 15)
    second = svc.save_assessment(db, actor, req)
    father = next(x for x in inputs.members if x.name == "钱父")
    svc.update_members(db, actor, hid, [svc.MemberEdit(father.id, father.version, "serious", "none", 0, "none",
                                                       "none", False, False)])

    old = svc.get_assessment(db, actor, first.assessment_id)
    new = svc.get_assessment(db, actor, second.assessment_id)
    assert (old.result["per_capita_monthly"], old.result["dibao_line"], old.result["urgent"]) == ("395.83", "780.00",
                                                                                                  False)
    assert (new.result["per_capita_monthly"], new.result["dibao_line"], new.result["urgent"]) == ("395.83", "900.00",
                                                                                                  True)
    assert next(x for x in old.facts.members if x.name == "钱父").health == "healthy"
    for d, line in ((old, "780.00"), (new, "900.00")):
        assert "工资性收入 20,000.00 元 − 经营净收入 5,000.00 元 = 15,000.00 元" in d.explanation
        assert "14,250.00 元 ÷ 12 ÷ 3 = 395.83 元" in d.explanation
        assert f"月人均收入 395.83 元 < {line} 元,认定为低保" in d.explanation
        assert "特困供养候选:钱父(60周岁" in d.explanation and "钱孙" not in d.explanation.split("特困")[1]
        assert f"{line} 元/人·月" in sheet_html(d)
    assert "不足低保标准 900.00 元 的一半" in new.explanation

    # The household's window lists both; each says who saved it and carries its calculation (the
    # assessments page sends the user here for assessments past its list).
    later, earlier = hs.get_household(db, actor, hid).assessments
    assert (later.when, earlier.when) == (date(2026, 4, 15), ON)
    assert earlier.title == "评估:低保,月人均收入 395.83 元"
    assert earlier.by == later.by == actor.display_name
    assert earlier.detail == f"去向:{mt.PLACEMENT_LABELS[mt.APPLY]}\n计算过程:\n{old.explanation}"
    assert "900.00 元" in later.detail and "900.00 元" not in earlier.detail
