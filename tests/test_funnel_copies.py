"""The date of a household's first clue and the best of its applications (migration 0003) are kept
by the database, on both, whatever writes the clues and applications: row by row, in bulk, by
moving them to another household, changing them or deleting them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, delete, insert, select, update

from desktop.models import Application, Clue, Household
from desktop.services.database import Database
from tests.district import District
from tests.test_region_copies import add_household


def copies(db: Database | Connection, *hids: int) -> list[tuple[date | None, int | None]]:
    """(discovered_on, best_application) of each household, read on ``db`` or in a transaction."""
    if isinstance(db, Database):
        with db.engine.connect() as conn:
            return copies(conn, *hids)
    return [tuple(db.execute(select(Household.discovered_on, Household.best_application)
                             .where(Household.id == hid)).one()) for hid in hids]  # type: ignore[misc]


def clue(hid: int | None, day: date, region_id: int) -> dict:
    return {"household_id": hid, "source_level": "informant", "source": "volunteer", "reported_on": day,
            "region_id": region_id, "scope_region_id": region_id, "status": "new", "version": 1}


def application(hid: int, status: str) -> dict:
    return {"household_id": hid, "category": "dibao", "track": "regular", "accepted_on": date(2026, 3, 1),
            "due_on": date(2026, 4, 15), "status": status, "version": 1}


def test_first_clue_date_follows_the_clues(db: Database, district: District) -> None:
    region = district.regions["八泉社区"]
    a, b = add_household(db, region, "F1"), add_household(db, region, "F2")
    assert copies(db, a, b) == [(None, None), (None, None)]
    with db.session_factory() as s:  # one at a time, through the ORM
        s.add(Clue(**clue(a, date(2026, 3, 5), region)))
        s.commit()
        s.add(Clue(**clue(a, date(2026, 4, 1), region)))  # a later clue does not move the date
        s.commit()
    assert copies(db, a)[0][0] == date(2026, 3, 5)
    with db.engine.begin() as conn:  # several in one statement, one of them earlier
        conn.execute(insert(Clue), [clue(a, date(2026, 2, 1), region), clue(b, date(2026, 5, 9), region),
                                    clue(None, date(2026, 1, 1), region)])
    assert [c[0] for c in copies(db, a, b)] == [date(2026, 2, 1), date(2026, 5, 9)]
    with db.engine.begin() as conn:
        earliest = conn.execute(select(Clue.id).where(Clue.household_id == a, Clue.reported_on == date(2026, 2, 1))).scalar()
        conn.execute(update(Clue).where(Clue.id == earliest).values(household_id=b))  # moved to b
    assert [c[0] for c in copies(db, a, b)] == [date(2026, 3, 5), date(2026, 2, 1)]
    with db.engine.begin() as conn:
        conn.execute(update(Clue).where(Clue.id == earliest).values(reported_on=date(2026, 6, 1)))  # re-dated
    assert [c[0] for c in copies(db, a, b)] == [date(2026, 3, 5), date(2026, 5, 9)]
    with db.engine.begin() as conn:
        conn.execute(delete(Clue).where(Clue.household_id == b))
        conn.execute(update(Clue).where(Clue.household_id.is_(None)).values(household_id=a))  # linked later
    assert [c[0] for c in copies(db, a, b)] == [date(2026, 1, 1), None]


def test_best_application_follows_the_applications(db: Database, district: District) -> None:
    region = district.regions["道仕袱村"]
    a, b = add_household(db, region, "F3"), add_household(db, region, "F4")
    with db.session_factory() as s:
        s.add(Application(**application(a, "open")))
        s.commit()
    assert copies(db, a)[0][1] == 1
    with db.engine.begin() as conn:
        conn.execute(insert(Application), [application(a, "refused"), application(b, "approved"),
                                           application(b, "refused")])
        assert [c[1] for c in copies(conn, a, b)] == [1, 2]
        conn.execute(update(Application).where(Application.household_id == a, Application.status == "open")
                     .values(status="approved"))
        assert [c[1] for c in copies(conn, a, b)] == [2, 2]
        conn.execute(update(Application).where(Application.household_id == b, Application.status == "approved")
                     .values(status="revoked"))
        assert [c[1] for c in copies(conn, a, b)] == [2, 1]
        conn.execute(update(Application).where(Application.household_id == a, Application.status == "approved")
                     .values(household_id=b))
        assert [c[1] for c in copies(conn, a, b)] == [1, 2]
        conn.execute(delete(Application).where(Application.household_id == a))
        conn.execute(delete(Application).where(Application.status == "approved", Application.household_id == b))
    assert [c[1] for c in copies(db, a, b)] == [None, 1]
