"""Household registers, acceptance round 36: a register re-sent over a household the system pays as
低保边缘 or 支出型困难 (a running monthly approval) keeps it 救助中 (it was taken off the board's
救助中 column while the approval ran on, since only 低保 and 特困 counted as in assistance)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models import Household
from desktop.services import applications as app_svc
from desktop.services.database import Database
from tests.district import District
from tests.test_applications import run_steps_and_approve
from tests.test_register_variants_s15 import families, import_json, table, write_xlsx
from tests.test_register_variants_s17 import register


@pytest.mark.parametrize("category,label", [("marginal", "低保边缘"), ("expenditure", "支出型困难")])
@pytest.mark.parametrize("written", ["blank", "stated"])
def test_a_running_marginal_or_expense_approval_stays_assisted(db: Database, district: District, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str], category: str,
                                                               label: str, written: str) -> None:
    status, _out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(families())))
    assert status == 0
    with db.session_factory() as s:
        hid = s.scalar(select(Household.id).where(Household.code == "H001"))
    approved = app_svc.accept(db, district.admin, household_id=hid, category=category, track="regular",
                              accepted_on=date(2026, 2, 10))
    run_steps_and_approve(district, approved)
    assert (register(db)["H001"]["category"], register(db)["H001"]["stage"]) == (category, "assisted")
    people = families()
    people[0]["工资性收入"] = 12000
    people[0]["当前救助类别"] = "" if written == "blank" else label
    people[0]["监测库别"] = ""
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账2.xlsx", table(people)))
    assert status == 0 and out["households_updated"] == 3 and out["households_rejected"] == 0
    after = register(db)["H001"]
    assert (after["category"], after["stage"]) == (category, "assisted")
    assert ("wages", 12000) in after["incomes"]
