"""The date fields of forms and filters: a calendar to pick from, written yyyy-MM-dd, and no day before
2000-01-01 offered (a date edit's own oldest day is 1752; the services refuse such a day, EARLIEST_DAY)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from desktop.rules.workdays import EARLIEST_DAY

EARLIEST = QDate(EARLIEST_DAY.year, EARLIEST_DAY.month, EARLIEST_DAY.day)


def day_edit(value: date | QDate | None = None) -> QDateEdit:
    """A date field showing ``value`` (default today)."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(EARLIEST)
    edit.setDate(QDate.currentDate() if value is None else QDate(value))
    return edit
