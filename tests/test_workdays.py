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


def _span(first: date, last: date) -> list[date]:
    return [date.fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1)]


def test_2026_schedule_is_exactly_the_published_one() -> None:
    """RULES.md §2: the 2026 days off and make-up working days, and nothing else, differ from weekdays."""
    off = {d for a, b in [((1, 1), (1, 3)), ((2, 15), (2, 23)), ((4, 4), (4, 6)), ((5, 1), (5, 5)),
                          ((6, 19), (6, 21)), ((9, 25), (9, 27)), ((10, 1), (10, 7))]
           for d in _span(date(2026, *a), date(2026, *b))}
    makeup = {date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9), date(2026, 9, 20),
              date(2026, 10, 10)}
    assert all(d.weekday() >= 5 for d in makeup)
    for day in _span(date(2026, 1, 1), date(2026, 12, 31)):
        expected = day in makeup or (day.weekday() < 5 and day not in off)
        assert DEFAULT_CALENDAR.is_workday(day) is expected, day
    assert DEFAULT_CALENDAR.knows(2026)


@pytest.mark.parametrize(("start", "days", "due"), [
    (date(2026, 2, 11), 3, date(2026, 2, 14)),  # lands on the Saturday make-up day
    (date(2026, 2, 27), 1, date(2026, 2, 28)),  # Saturday make-up day
    (date(2026, 9, 17), 2, date(2026, 9, 20)),  # Sunday make-up day
    (date(2026, 10, 9), 1, date(2026, 10, 10)),  # Saturday make-up day after National Day
    (date(2026, 5, 8), 1, date(2026, 5, 9)),
    (date(2026, 1, 2), 1, date(2026, 1, 4)),  # accepted on a day off: the Sunday make-up day counts
    (date(2026, 10, 1), 1, date(2026, 10, 8)),  # accepted during the holiday
    (date(2026, 2, 13), 1, date(2026, 2, 14)),
    (date(2026, 2, 14), 1, date(2026, 2, 24)),  # from the make-up day across the Spring Festival
    (date(2026, 3, 2), 0, date(2026, 3, 2)),  # the start day itself is never counted
    (date(2026, 12, 30), 1, date(2026, 12, 31)),
])
def test_deadlines_on_make_up_days_and_holidays(start: date, days: int, due: date) -> None:
    result = DEFAULT_CALENDAR.add_working_days(start, days)
    assert result.due == due and result.certain
    if days:
        assert DEFAULT_CALENDAR.working_days_between(start, due) == days
        assert DEFAULT_CALENDAR.working_days_between(due, start) == -days


def test_deadline_crossing_into_an_unknown_year() -> None:
    """2026 → 2027: the first 2027 working day is estimated (1 January off, weekend) and flagged."""
    result = DEFAULT_CALENDAR.add_working_days(date(2026, 12, 31), 1)
    assert result.due == date(2027, 1, 4)
    assert result.unknown_years == (2027,) and not result.certain
    assert "2027年的法定节假日安排尚未录入" in result.warning()
    assert DEFAULT_CALENDAR.unknown_years_between(date(2026, 12, 1), date(2027, 1, 4)) == (2027,)
    # fixed-date holidays are skipped in an unknown year: never plain weekdays
    for day in (date(2027, 1, 1), date(2027, 10, 1)):
        assert day.weekday() < 5 and not DEFAULT_CALENDAR.is_workday(day)
    entered = WorkCalendar.from_entries([(date(2027, 1, 1), False)], [2027])
    assert entered.add_working_days(date(2026, 12, 31), 1).certain
    with pytest.raises(ValueError):
        DEFAULT_CALENDAR.add_working_days(date(2026, 3, 2), -1)


def test_unknown_year_keeps_every_fixed_date_statutory_holiday() -> None:
    """Since 2025 Labour Day is 1 and 2 May (全国年节及纪念日放假办法); 2028-05-02 is a Tuesday."""
    assert not DEFAULT_CALENDAR.knows(2028)
    assert date(2028, 5, 2).weekday() == 1
    assert not DEFAULT_CALENDAR.is_workday(date(2028, 5, 2))
    assert not DEFAULT_CALENDAR.is_workday(date(2028, 5, 1))
    assert DEFAULT_CALENDAR.add_working_days(date(2028, 4, 28), 1).due == date(2028, 5, 3)


def test_working_days_left_is_zero_only_on_the_due_day() -> None:
    """The weekend after a Friday due day is past it: -1 (overdue), not the due day's 0."""
    friday = date(2026, 3, 6)
    left = {d: DEFAULT_CALENDAR.working_days_left(date(2026, 3, d), friday) for d in range(4, 11)}
    assert left == {4: 2, 5: 1, 6: 0, 7: -1, 8: -1, 9: -1, 10: -2}
    # before a Monday due day the weekend still has it ahead: 1 working day left
    assert DEFAULT_CALENDAR.working_days_left(date(2026, 3, 8), date(2026, 3, 9)) == 1


def test_unknown_years_are_named_in_ranges() -> None:
    from desktop.rules.workdays import unknown_years_warning, years_text

    assert years_text([2027]) == "2027"
    assert years_text([2030, 2027, 2028, 2029, 2032]) == "2027–2030、2032"
    assert unknown_years_warning([]) == ""
    assert unknown_years_warning(range(2027, 2101)).startswith("2027–2100年的法定节假日安排尚未录入")
