"""Session 38 acceptance: the assessment wizard shows one amount per member and kind; a household's
several lines of one kind (two wage slips, three hospital bills) saved unchanged were rewritten as one
line each (notes lost, logged as changed by the user). Unchanged sums write nothing."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from sqlalchemy import func, insert, select

from desktop.models import AuditEntry, Expense, Income
from desktop.rules import means_test as mt
from desktop.services import assessment as svc
from tests.district import District
from tests.test_assessment import _request, add_household, caseworker, seeded  # noqa: F401


def _wizard_sums(inputs: svc.HouseholdInputs) -> mt.HouseholdFacts:
    """The facts as the wizard gives them back: one amount per (member, kind)."""
    incomes: dict[tuple, D] = {}
    for i in inputs.incomes:
        key = (i.member_id, "exempt" if i.exempt else i.kind)
        incomes[key] = incomes.get(key, D(0)) + i.amount
    expenses: dict[tuple, D] = {}
    for e in inputs.expenses:
        expenses[(e.member_id, e.kind)] = expenses.get((e.member_id, e.kind), D(0)) + e.amount
    facts = inputs.facts()
    return replace(facts, incomes=tuple(mt.IncomeItem("other" if k == "exempt" else k, v, k == "exempt", m)
                                        for (m, k), v in incomes.items()),
                   expenses=tuple(mt.ExpenseItem(k, v, m) for (m, k), v in expenses.items()))


def test_an_assessment_saved_with_the_figures_unchanged_writes_none(seeded: District) -> None:  # noqa: F811
    db, actor = seeded.db, caseworker(seeded)
    hid = add_household(db, seeded.regions["八泉社区"], [{"name": "史老汉", "born": date(1966, 1, 1)}],
                        incomes={"wages": "12000"})
    with db.engine.begin() as conn:
        conn.execute(insert(Income), [{"household_id": hid, "member_id": None, "kind": "wages", "amount": D("18000"),
                                       "period_end": date(2026, 1, 31), "exempt": False, "version": 1}])
        conn.execute(insert(Expense), [{"household_id": hid, "member_id": None, "kind": "medical", "amount": D(a),
                                        "period_end": date(2026, 1, 31), "note": f"第{i}张单据", "version": 1}
                                       for i, a in enumerate(("12.35", "100000", "50000.50"), 1)])
    inputs = svc.load_household(db, actor, hid)
    request = _request(inputs, "class_1", override_reason="测试")
    svc.save_assessment(db, actor, replace(request, facts=_wizard_sums(inputs)))
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Income).where(Income.household_id == hid)) == 2
        notes = sorted(s.scalars(select(Expense.note).where(Expense.household_id == hid)))
        assert notes == ["第1张单据", "第2张单据", "第3张单据"]
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "household_figures")) == 0
