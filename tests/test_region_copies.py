"""The region copied onto applications, library moves and referrals (migration 0002) follows the
household, on both databases, whatever the writer gives."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from desktop.models import Application, Household, LibraryMove, Referral
from desktop.services import households
from desktop.services.database import Database
from tests.district import District


def add_household(db: Database, region_id: int, code: str) -> int:
    with db.session_factory() as s:
        h = Household(code=code, region_id=region_id, head_name="甲", member_count=1, category="none")
        s.add(h)
        s.commit()
        return h.id


def regions_of(db: Database, household_id: int) -> set[int | None]:
    with db.session_factory() as s:
        found: set[int | None] = set()
        for model in (Application, LibraryMove, Referral):
            found |= set(s.scalars(select(model.region_id).where(model.household_id == household_id)))
        return found


def test_rows_take_and_follow_their_households_region(db: Database, district: District) -> None:
    first, second = district.regions["八泉社区"], district.regions["道仕袱村"]
    hid = add_household(db, first, "R1")
    other = add_household(db, second, "R2")
    with db.session_factory() as s:
        s.add(Application(household_id=hid, category="dibao", track="regular", accepted_on=date(2026, 3, 1),
                          due_on=date(2026, 4, 15)))
        s.add(LibraryMove(household_id=hid, from_stage=None, to_stage="class_1", moved_on=date(2026, 3, 1)))
        # a wrong region given by the writer is corrected
        s.add(Referral(household_id=hid, department="hrss", sent_on=date(2026, 3, 2), region_id=second))
        s.commit()
    assert regions_of(db, hid) == {first}

    detail = households.get_household(db, district.admin, hid)
    households.save_household(db, district.admin, hid, detail.version, {"region_id": second})
    assert regions_of(db, hid) == {second}

    with db.engine.begin() as conn:  # a row moved to another household takes that household's region
        conn.execute(update(Household).where(Household.id == other).values(region_id=first))
        conn.execute(update(LibraryMove).where(LibraryMove.household_id == hid).values(household_id=other))
    assert regions_of(db, other) == {first}
    assert regions_of(db, hid) == {second}


def test_clue_scope_is_the_households_region_or_its_own(db: Database, district: District) -> None:
    from desktop.models import Clue

    first, second = district.regions["八泉社区"], district.regions["道仕袱村"]
    hid = add_household(db, first, "R3")
    with db.session_factory() as s:
        with_household = Clue(household_id=hid, source_level="informant", source="volunteer",
                              reported_on=date(2026, 3, 1), region_id=second, scope_region_id=second)
        alone = Clue(source_level="department", source="hrss", reported_on=date(2026, 3, 1), region_id=second)
        s.add_all([with_household, alone])
        s.commit()
        ids = with_household.id, alone.id

    def scopes() -> tuple[int | None, int | None]:
        with db.session_factory() as s:
            return tuple(s.scalar(select(Clue.scope_region_id).where(Clue.id == i)) for i in ids)  # type: ignore[return-value]

    assert scopes() == (first, second)
    with db.engine.begin() as conn:
        conn.execute(update(Household).where(Household.id == hid).values(region_id=second))
        conn.execute(update(Clue).where(Clue.id == ids[1]).values(household_id=hid))
    assert scopes() == (second, second)
    with db.engine.begin() as conn:
        conn.execute(update(Clue).where(Clue.id == ids[0]).values(household_id=None, region_id=first))
    assert scopes() == (first, second)
