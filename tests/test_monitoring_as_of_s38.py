"""Session 38 acceptance: `board --as-of`, `visit-list --as-of` and `quarterly-report --as-of` counted
the visits (and moves, referrals) made after that day: the position "as of 10-15" was today's."""
from __future__ import annotations

from datetime import date

from desktop.services import monitoring
from tests.district import District
from tests.monitoring_helpers import add_households


def test_a_day_in_the_past_counts_only_what_was_done_by_then(district: District) -> None:
    db, admin = district.db, district.admin
    hids = add_households(db, district.regions["飞云社区"], "class_1", 3, stage_since=date(2025, 6, 1))
    day = date(2026, 10, 20)
    monitoring.record_visit(db, admin, hids[0], visited_on=date(2026, 10, 10), visitors="甲", findings="无变化", today=day)
    monitoring.record_visit(db, admin, hids[1], visited_on=date(2026, 10, 20), visitors="甲", findings="无变化", today=day)
    as_of = date(2026, 10, 15)
    assert monitoring.visit_counts(db, admin, today=as_of)["due"] == 2  # the visit of 10-20 not yet made
    rows = monitoring.visit_due_page(db, admin, state="due", today=as_of)
    assert {r.household_id for r in rows} == {hids[1], hids[2]}
    report = monitoring.quarterly_report(db, admin, 2026, 4, today=as_of)
    total = report.total()
    assert (total.due, total.done, total.missing, total.visits) == (3, 1, 2, 1)
