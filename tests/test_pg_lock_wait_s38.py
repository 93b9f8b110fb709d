"""Session 38: on PostgreSQL a save waited without limit and without a word for a row another
workstation held (SQLite stops after its 30 s busy timeout and says the database is busy). Rows are
now waited for as long as the lock timeout, then the save stops with "try again"; taking turns on
purpose (one register import, one month's recording at a time) still waits as long as the other takes."""
from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from sqlalchemy import text

from desktop.services import clues
from desktop.services import database as database_module
from desktop.services.base import unit_of_work
from desktop.services.database import Database, open_database
from desktop.services.errors import DatabaseBusy
from tests.district import District


@pytest.fixture
def quick(db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    if db.is_sqlite:
        pytest.skip("PostgreSQL's lock timeout")
    assert database_module.PG_LOCK_TIMEOUT == "-c lock_timeout=30s"
    monkeypatch.setattr(database_module, "PG_LOCK_TIMEOUT", "-c lock_timeout=1s")
    other = open_database(db.url.render_as_string(hide_password=False))
    yield other
    other.dispose()


def test_a_row_held_elsewhere_stops_the_save_with_try_again(district: District, quick: Database) -> None:
    clue_id = clues.add_clue(district.db, district.admin, clues.ClueInput(
        source_level="informant", source="building_head", reported_on=date(2026, 11, 20),
        description="楼栋长反映", person_name="吴七"))
    with district.db.engine.connect() as holder:
        holder.execute(text("SELECT id FROM clues WHERE id = :i FOR UPDATE"), {"i": clue_id})
        started = time.monotonic()
        with pytest.raises(DatabaseBusy, match="请稍后再试"):
            clues.assign_clues(quick, district.admin, [clue_id], district.regions["飞云社区"])
        assert time.monotonic() - started < 10
        holder.rollback()
    assert clues.assign_clues(quick, district.admin, [clue_id], district.regions["飞云社区"]) == 1


def test_taking_turns_waits_as_long_as_the_other_takes(district: District, quick: Database) -> None:
    key = 0x52454C54
    held = threading.Event()

    def other_turn() -> None:
        with district.db.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
            held.set()
            time.sleep(2.5)  # longer than the lock timeout
            conn.commit()

    thread = threading.Thread(target=other_turn)
    thread.start()
    held.wait(5)
    started = time.monotonic()
    with unit_of_work(quick, district.admin, write=True) as uow:
        uow.take_turns(key)
        assert uow.session.scalar(text("SHOW lock_timeout")) == "1s"  # rows again as before
    thread.join()
    assert time.monotonic() - started >= 1.5
