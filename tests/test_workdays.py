from datetime import date

import pytest

from desktop.rules.workdays import DEFAULT_CALENDAR, WorkCalendar


@pytest.mark.parametrize(
    ("accepted", "expected"),
    [
        (date(2026, 2, 10), ["2026-02-13", "2026-03-02", "2026-03-16", "2026-03-30", "2026-04-21"]),
        (date(2026, 9, 28), ["2026-10-08", "2026-10-16", "2026-10-30", "2026-11-13", "2026-12-04"]),
    ],
)
def test_rules_vectors(accepted: date, expected: list[str]) -> None:
    got = [DEFAULT_CALENDAR.add_working_days(accepted, n) for n in (3, 10, 20, 30, 45)]
    assert [d.due.isoformat() for d in got] == expected
    assert all(d.certain for d in got)


def test_makeup_days_count_and_holidays_skip() -> None:
    assert DEFAULT_CALENDAR.is_workday(date(2026, 2, 14))  # Saturday make-up day
    assert not DEFAULT_CALENDAR.is_workday(date(2026, 10, 5))
    assert DEFAULT_CALENDAR.working_days_between(date(2026, 2, 10), date(2026, 3, 2)) == 10


def test_unknown_year_is_said_loudly() -> None:
    result = DEFAULT_CALENDAR.add_working_days(date(2026, 12, 20), 30)
    assert result.unknown_years == (2027,)
    assert "2027" in result.warning()
    assert not DEFAULT_CALENDAR.is_workday(date(2027, 1, 1))  # fixed holiday still skipped


def test_administrator_entries_make_a_year_known() -> None:
    cal = WorkCalendar.from_entries([(date(2027, 2, 8), False), (date(2027, 2, 6), True)], [2027])
    assert cal.knows(2027)
    assert not cal.is_workday(date(2027, 2, 8))
    assert cal.is_workday(date(2027, 2, 6))
    assert cal.add_working_days(date(2027, 2, 5), 1).certain
