"""The settings tabs through the window: the holiday calendar, the policy values, the accounts."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.rules.workdays import library_schedule
from desktop.services import calendar as cal_svc
from desktop.services.calendar import DeadlinesMoved, load_calendar
from desktop.services.errors import ServiceError
from desktop.views import calendar_settings
from desktop.views.calendar_settings import CalendarSettingsTab
from desktop.views.context import AppContext
from desktop.views.operations import wait_for_background
from tests.district import District


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """QMessageBox.question answers with answers["reply"] (Yes unless set) and records the texts;
    errors, and what the tab tells (information, warning), are recorded, not shown."""
    seen: dict[str, object] = {"reply": QMessageBox.StandardButton.Yes, "asked": [], "errors": [], "told": []}

    def question(_parent: QWidget | None, _title: str, text: str, *_a: object, **_k: object) -> object:
        seen["asked"].append(text)  # type: ignore[union-attr]
        return seen["reply"]

    def show_error(_parent: QWidget | None, exc: BaseException) -> None:
        seen["errors"].append(exc.message if isinstance(exc, ServiceError) else str(exc))  # type: ignore[union-attr]

    def tell(_parent: QWidget | None, _title: str, text: str, *_a: object, **_k: object) -> object:
        seen["told"].append(text)  # type: ignore[union-attr]
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", tell)
    monkeypatch.setattr(QMessageBox, "warning", tell)
    monkeypatch.setattr(calendar_settings, "show_error", show_error)
    return seen


def test_a_library_year_shows_its_published_days() -> None:
    """2026 (RULES.md §2): 33 days off in seven breaks, six make-up working days."""
    off, work = library_schedule(2026)
    assert len(off) == 33 and (date(2026, 2, 15) in off) and (date(2026, 10, 7) in off)
    assert work == (date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9), date(2026, 9, 20),
                    date(2026, 10, 10))
    assert library_schedule(2099) == ((), ())


def test_calendar_tab_counts_and_keeps_a_library_years_holidays(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                answers: dict) -> None:
    """The list said 放假天数 0 / 调休上班天数 0 for the library's years and the editor showed them
    empty: an administrator correcting one day of 2026 and saving would have entered a year with
    that day alone, and every deadline in 2026 lost the Spring Festival and National Day."""
    d = sqlite_district
    info = cal_svc.year_info(d.db, d.admin, 2026)
    assert len(info.schedule) == 39 and info.days == ()
    tab = CalendarSettingsTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    tab.model.set_rows([info, cal_svc.year_info(d.db, d.admin, 2099)])
    assert [tab.model.data(tab.model.index(0, c)) for c in (2, 3)] == ["33", "6"]
    assert [tab.model.data(tab.model.index(1, c)) for c in (2, 3)] == ["0", "0"]
    tab.table.selectRow(0)
    assert tab.year.value() == 2026
    assert "2026-02-15..2026-02-23" in tab.days_off.toPlainText().splitlines()
    assert tab.workdays.toPlainText().splitlines()[0] == "2026-01-04"
    tab.workdays.setPlainText(tab.workdays.toPlainText() + "\n2026-12-26")  # one correction, then save
    assert tab.save() and wait_for_background() and answers["errors"] == []
    cal = load_calendar(d.db)
    assert not cal.is_workday(date(2026, 2, 16)) and not cal.is_workday(date(2026, 10, 5))  # holidays kept
    assert cal.is_workday(date(2026, 12, 26)) and cal.is_workday(date(2026, 2, 14))


def test_calendar_tab_asks_before_replacing_days_typed(qtbot, sqlite_district: District,  # noqa: ANN001
                                                       answers: dict) -> None:
    """Days typed for 2027 and not saved were replaced without a word by the year clicked next."""
    d = sqlite_district
    tab = CalendarSettingsTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    tab.model.set_rows([cal_svc.year_info(d.db, d.admin, y) for y in (2026, 2027)])
    tab.table.selectRow(1)
    typed = "2027-01-01\n2027-02-06..2027-02-12"
    tab.days_off.setPlainText(typed)
    answers["reply"] = QMessageBox.StandardButton.No
    tab.table.selectRow(0)
    assert len(answers["asked"]) == 1 and "2027" in answers["asked"][0]
    assert tab.days_off.toPlainText() == typed and tab.year.value() == 2027
    assert tab.table.currentIndex().row() == 1
    answers["reply"] = QMessageBox.StandardButton.Yes
    tab.table.selectRow(0)
    assert tab.year.value() == 2026 and tab.days_off.toPlainText().startswith("2026-01-01..2026-01-03")
    tab.table.selectRow(1)  # nothing typed since: no question
    assert len(answers["asked"]) == 2


def test_calendar_tab_names_only_the_kinds_of_deadline_that_moved(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    tab = CalendarSettingsTab(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(tab)
    said = tab.moved_text(DeadlinesMoved(procedure=3, steps=0, refusal_notices=0, application_ids=(7, 8, 9)))
    assert said == tab.tr("Deadlines still open that moved: {total} ({kinds}), in {apps} application(s).").format(
        total=3, kinds=tab.tr("whole procedure {n}").format(n=3), apps=3)
    assert tab.tr("next step {n}").format(n=0) not in said  # no "本步期限 0 个"
    two = tab.moved_text(DeadlinesMoved(procedure=0, steps=2, refusal_notices=1, application_ids=(1, 2)))
    assert tab.tr("next step {n}").format(n=2) + tab.tr(", ") + tab.tr("written refusal {n}").format(n=1) in two
    assert "0" not in two


def test_calendar_tab_says_how_many_open_deadlines_moved(qtbot, sqlite_district: District,  # noqa: ANN001
                                                          answers: dict) -> None:
    """cal9: saving or removing a year recomputes the deadlines still open that run through it; the tab
    says how many moved. Days are read as on the command line: 02-05..02-13 is a range of the year."""
    from tests.test_calendar import _running_into_2027

    d = sqlite_district
    _running_into_2027(d)
    tab = CalendarSettingsTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    tab.year.setValue(2027)
    tab.days_off.setPlainText("01-01\n02-05..02-13")
    tab.workdays.setPlainText("02-20")
    assert tab.save() and wait_for_background() and answers["errors"] == []
    assert load_calendar(d.db).is_workday(date(2027, 2, 20)) and not load_calendar(d.db).is_workday(date(2027, 2, 8))
    moved = tab.moved_text(DeadlinesMoved(procedure=2, steps=2, refusal_notices=1, application_ids=(1, 2, 3, 4)))
    assert answers["told"] == [tab.tr("The holidays of {year} are saved.").format(year=2027) + "\n" + moved]
    tab.save()  # the same again: nothing moves
    assert wait_for_background()
    assert answers["told"][-1].endswith("\n" + tab.tr("No deadline still open moved."))
    tab.clear()
    assert wait_for_background()
    assert answers["told"][-1] == tab.tr("The entries of {year} are removed.").format(year=2027) + "\n" + moved


def test_calendar_tab_refuses_a_wrong_day_as_the_command_line_does(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                   answers: dict,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """cal9: the tab and `calendar set-year` had a parser each, with their own words; now one message."""
    from desktop import cli

    d = sqlite_district
    tab = CalendarSettingsTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    tab.year.setValue(2027)
    tab.days_off.setPlainText("2027-01-01 2027-02-29")
    assert not tab.save() and answers["told"] == []
    url = d.db.url.render_as_string(hide_password=False)
    assert cli.main(["calendar", "set-year", "2027", "--off", "2027-01-01", "2027-02-29", "--database-url", url]) == 1
    assert answers["errors"] == ["放假日期“2027-02-29”不存在:2027 年 2 月只有 28 天。"]
    assert capsys.readouterr().err == f"错误:{answers['errors'][0]}\n"
    assert not cal_svc.year_info(d.db, d.admin, 2027).entered


def test_new_policy_values_form_has_no_code_names(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """Two rows of the form read 刚性支出占收入比例(rigid_expense_ratio) and 扣减比例上限(deduct_cap):
    a setting without a unit showed its code name in place of one."""
    import re

    from PySide6.QtWidgets import QFormLayout, QLabel

    from desktop.rules import policy as rules
    from desktop.views.policy_settings import SetValuesDialog

    dialog = SetValuesDialog(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(dialog)
    labels = {}
    for form in dialog.findChildren(QFormLayout):
        for name, edit in dialog.fields.items():
            label = form.labelForField(edit)
            if isinstance(label, QLabel):
                labels[name] = label.text()
    assert set(labels) == set(dialog.fields)
    assert labels["rigid_expense_ratio"] == rules.SPEC_BY_NAME["rigid_expense_ratio"].label + ":"
    assert not [text for text in labels.values() if re.search(r"[a-z]{3}", text)]


def test_policy_values_in_force_show_the_defaults_used(qtbot) -> None:  # noqa: ANN001
    """A setting with a default (低保边缘倍数 1.5, issue 5) and none entered was shown 未设置 in red, as
    if assessments could not run; it reads as `policy show` does, and only what is missing is red."""
    from PySide6.QtCore import Qt

    from desktop.services import policy
    from desktop.views.policy_settings import InForceTableModel

    def unset(name: str, default: str) -> policy.InForceRow:
        return policy.InForceRow(name, name, "urban", "城市", None,
                                 f"未设置(按默认值“{default}”)" if default else "未设置", None)

    model = InForceTableModel()
    model.set_rows([unset("marginal_multiplier", "1.5"), unset("dibao_standard", "")])
    rows = {model.index(i, 1).data(): i for i in range(model.rowCount())}
    shown = model.index(rows["marginal_multiplier"], 2)
    assert shown.data() == "未设置(按默认值“1.5”)" and shown.data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(rows["dibao_standard"], 2).data(Qt.ItemDataRole.ForegroundRole) is not None
