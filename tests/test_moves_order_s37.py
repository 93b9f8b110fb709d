"""Session 37 acceptance: a decision entered late (dated before a later board move) wrote its move dated
before that move, from the stage the later move made: the history read "待核对 → 一类库" on a day the
household was in 一类库, and a finished quarter's report counted it out of the library."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop.models import Household, LibraryMove
from desktop.rules.codes import Stage
from desktop.services import monitoring
from desktop.services.base import unit_of_work
from desktop.services.monitoring import move_household
from tests.district import District
from tests.monitoring_helpers import add_households


def test_a_late_fact_is_recorded_after_the_later_move(district: District, tmp_path) -> None:  # noqa: ANN001
    d = district
    [hid] = add_households(d.db, d.regions["飞云社区"], Stage.CLASS_I, stage_since=date(2026, 9, 24))
    with unit_of_work(d.db, d.admin, write=True) as uow:
        move_household(uow, uow.session.get(Household, hid), Stage.TO_CHECK, date(2026, 12, 6), "核对")
    with unit_of_work(d.db, d.admin, write=True) as uow:
        assert move_household(uow, uow.session.get(Household, hid), Stage.ASSISTED, date(2026, 12, 4), "批准",
                              guard=False) is None
    with d.db.session_factory() as s:
        moves = [(m.from_stage, m.to_stage, m.moved_on, m.reason) for m in s.scalars(
            select(LibraryMove).where(LibraryMove.household_id == hid).order_by(LibraryMove.id))]
        assert s.get(Household, hid).stage == Stage.ASSISTED
    assert moves[-2][:3] == (Stage.CLASS_I, Stage.TO_CHECK, date(2026, 12, 6))
    assert moves[-1][:3] == (Stage.TO_CHECK, Stage.ASSISTED, date(2026, 12, 6))
    assert "办理日期 2026-12-04" in moves[-1][3]
    # the third quarter still counts it in the library at its end
    report = monitoring.quarterly_report(d.db, d.admin, 2026, 3, region_id=d.regions["飞云社区"],
                                         today=date(2026, 12, 6))
    assert report.total().due == 1
