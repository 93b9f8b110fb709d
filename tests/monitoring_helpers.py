"""Small helpers for the board, visit and referral tests: households inserted with Core."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert, select

from desktop.models import Household
from desktop.rules import idcard
from desktop.services.database import Database

_counter = [0]


def add_households(db: Database, region_id: int, stage: str | None, n: int = 1, *, category: str = "none",
                   name: str = "张", last_visited_on: date | None = None, next_visit_due: date | None = None,
                   stage_since: date | None = None) -> list[int]:
    rows = []
    for _ in range(n):
        _counter[0] += 1
        k = _counter[0]
        number = idcard.make("420203", date(1960 + k % 40, 1 + k % 12, 1 + k % 28), k % 1000)
        rows.append({
            "region_id": region_id, "head_name": f"{name}{k}", "head_id_number": number,
            "head_id_reversed": number[::-1], "member_count": 1 + k % 4, "category": category, "stage": stage,
            "stage_since": stage_since, "last_visited_on": last_visited_on, "next_visit_due": next_visit_due,
            "address": f"测试路{k}号", "phone": f"138{k:08d}",
        })
    with db.engine.begin() as conn:
        first = conn.execute(select(Household.id).order_by(Household.id.desc()).limit(1)).scalar() or 0
        conn.execute(insert(Household), rows)
        ids = list(conn.execute(select(Household.id).where(Household.id > first).order_by(Household.id)).scalars())
    return ids


def household(db: Database, household_id: int) -> Household:
    with db.session_factory() as session:
        obj = session.get(Household, household_id)
        assert obj is not None
        session.expunge(obj)
        return obj
