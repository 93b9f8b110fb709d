"""What a later day brings (found by running the suite under libfaketime at 2027-01-01, 06-30 and 10-01): an
office that has not recorded its payments for months had the list of those months in one line on 申请审批,
and the page needed 949 pixels of a 1024-pixel screen (today's work said them all too)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services import applications as svc
from desktop.services import auth, demo, workbench
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.views.context import AppContext
from desktop.views.main_window import MainWindow
from tests.test_narrow_screens import _problems, _settle

MONTHS = [date(2026, 12, 1)] + [date(2027, m, 1) for m in range(1, 10)]  # ten in a row


def test_months_stay_a_short_line() -> None:
    assert svc.months_text([]) == ""
    assert svc.months_text(MONTHS[:3]) == "2026-12、2027-01、2027-02"
    assert svc.months_text(MONTHS) == "2026-12 至 2027-09 共 10 个月"
    gaps = [MONTHS[0], MONTHS[2], MONTHS[5], MONTHS[9]]
    assert svc.months_text(gaps) == "2026-12、2027-02、2027-05、2027-09"
    gaps = [MONTHS[0], MONTHS[2], MONTHS[3], MONTHS[5], MONTHS[7], MONTHS[9]]
    assert svc.months_text(gaps) == "2026-12、2027-02……2027-09 共 6 个月"
    assert svc.months_text(MONTHS, lambda m: f"{m.year}年{m.month:02d}月") == "2026年12月 至 2027年09月 共 10 个月"


def test_months_not_recorded_keep_the_applications_page_within_a_1024_pixel_screen(
        qtbot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    demo.build_demo(sqlite_db, households=300, seed=1)
    monkeypatch.setattr(svc, "unrecorded_months", lambda *_a, **_k: list(MONTHS))
    admin = auth.login(sqlite_db, "admin", "admin123")
    window = MainWindow(AppContext(sqlite_db, admin))
    qtbot.addWidget(window)
    window.show()
    window.resize(1024, 740)
    window.show_page("applications")
    _settle()
    page = window.page("applications")
    assert page.monthly_due.text().endswith("not recorded: 2026-12 至 2027-09 共 10 个月")
    assert "2027-05" in page.monthly_due.toolTip()  # each month, where there is room
    assert _problems(window, "applications", "applications") == []
    note = workbench.todays_work(sqlite_db, admin).item("payments").note
    assert note == "以前月份未登记:2026年12月 至 2027年09月 共 10 个月"


def test_the_day_off_hint_never_flashes_up_as_a_window_of_its_own(qtbot, sqlite_db: Database) -> None:  # noqa: ANN001
    """On a weekend or holiday the hint under a date was shown before its form placed it: a window of its own
    flashed up and took the focus from the main window (F5 and other keys then went nowhere)."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QApplication, QDateEdit, QVBoxLayout, QWidget

    from desktop.views.application_forms import DayOffHint

    ctx = AppContext(sqlite_db, Actor.system())
    form = QWidget()
    qtbot.addWidget(form)
    form.show()
    for day, off in ((date(2026, 12, 5), True), (date(2026, 12, 7), False)):  # a Saturday, a Monday
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        hint = DayOffHint(ctx, edit)
        assert not hint.isVisible()
        assert not any(isinstance(w, DayOffHint) and w.isVisible() for w in QApplication.topLevelWidgets())
        layout = form.layout() or QVBoxLayout(form)
        layout.addWidget(edit)
        layout.addWidget(hint)
        qtbot.waitUntil(edit.isVisible)
        QApplication.processEvents()
        assert hint.isVisible() == off and ("day off" in hint.text()) == off
        edit.setDate(QDate(2026, 12, 6 if not off else 7))  # and it follows the date once placed
        assert hint.isVisible() != off
