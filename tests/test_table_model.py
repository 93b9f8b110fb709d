"""The shared row-list table model: every converted view model passes Qt's model tester and keeps its
headers, display text and extra roles (translated in its own context)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace as NS

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication

from desktop import config, i18n
from desktop.views.applications import ApplicationsTableModel, PostChecksTableModel
from desktop.views.assessment import AssessmentsTableModel
from desktop.views.assessment_wizard import HouseholdHitsTableModel
from desktop.views.calendar_settings import YearsTableModel
from desktop.views.policy_settings import HistoryTableModel, InForceTableModel
from desktop.views.statistics import RecordTableModel
from desktop.views.table_model import ColumnChooser, RowListTableModel, read_only_table
from desktop.views.users import UsersTableModel

HORIZONTAL = Qt.Orientation.Horizontal


def _headers(model) -> list[str]:  # noqa: ANN001
    return [model.headerData(i, HORIZONTAL) for i in range(model.columnCount())]


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    locale = QLocale()
    i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "en")  # removes the translators again
    QLocale.setDefault(locale)


def test_models_pass_the_model_tester_and_show_the_same_values(chinese: None, qtmodeltester) -> None:  # noqa: ANN001

    users = UsersTableModel()
    locked = datetime.now().astimezone().replace(hour=14, minute=35, second=0, microsecond=0)
    users.set_rows([NS(username="zhang", display_name="张三", role_label="管理员", region_name="西塞山区", active=True,
                       problem="", locked_until=None),
                    NS(username="li", display_name="李四", role_label="社区", region_name="八泉街道", active=False,
                       problem="社区工作人员须属于一个社区或村", locked_until=None),
                    NS(username="wang", display_name="王五", role_label="社区", region_name="飞云社区", active=True,
                       problem="", locked_until=locked)])
    qtmodeltester.check(users)
    assert _headers(users) == ["用户名", "姓名", "角色", "所属区划", "启用", "提示"]
    assert [users.data(users.index(r, 4)) for r in (0, 1, 2)] == ["是", "否", "是(已锁定至 14:35)"]
    assert users.data(users.index(1, 5)) == "社区工作人员须属于一个社区或村"

    apps = ApplicationsTableModel()
    apps.set_rows([NS(id=7, head_name="王五", region_name="闸口社区", category_label="低保", track_label="常规",
                      status="open", status_label="办理中", extended=True, next_step_label="入户调查",
                      step_due_on=date(2027, 1, 8), due_on=date(2027, 2, 1), working_days_left=3,
                      warning="2027 年节假日未录入", overdue=True)])
    qtmodeltester.check(apps)
    assert apps.columnCount() == 10
    assert apps.data(apps.index(0, 0)) == "7"
    assert apps.data(apps.index(0, 9)) == "3 *"
    assert apps.data(apps.index(0, 5)).startswith("办理中") and apps.data(apps.index(0, 5)) != "办理中"
    assert isinstance(apps.data(apps.index(0, 1), Qt.ItemDataRole.ForegroundRole), QBrush)
    assert apps.data(apps.index(0, 1), Qt.ItemDataRole.BackgroundRole) is None
    assert isinstance(apps.data(apps.index(0, 8), Qt.ItemDataRole.BackgroundRole), QBrush)
    assert apps.data(apps.index(0, 2), Qt.ItemDataRole.ToolTipRole) == "2027 年节假日未录入"
    assert apps.data(apps.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    # the last column fills the table's width: its number sits in the middle, under its heading
    assert apps.data(apps.index(0, 9), Qt.ItemDataRole.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignCenter)
    apps.set_rows([NS(**{**vars(apps.rows[0]), "working_days_left": -11, "warning": ""})])
    assert apps.data(apps.index(0, 9)) == "已逾期 11"  # not "-11", as the detail says it

    checks = PostChecksTableModel()
    checks.set_rows([NS(application_id=7, head_name="王五", region_name="闸口社区", kind_label="复核",
                        due_on=date(2027, 3, 1), sample_id=None, overdue=False)])
    qtmodeltester.check(checks)
    assert [checks.data(checks.index(0, c)) for c in range(6)] == ["7", "王五", "闸口社区", "复核", "2027-03-01", ""]
    assert checks.data(checks.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None

    assessments = AssessmentsTableModel()
    assessments.set_rows([NS(id=3, assessed_on=date(2026, 11, 2), head_name="王五", region_name="闸口社区",
                             category_label="低保", per_capita_income=Decimal("1234.5"), urgent=True,
                             placement_label="一类", overridden=False, assessor="张三")])
    qtmodeltester.check(assessments)
    assert assessments.data(assessments.index(0, 0)) == 3  # a plain number, as before
    assert assessments.data(assessments.index(0, 5)) == "1,234.50"
    assert assessments.data(assessments.index(0, 6)) == "是"

    hits = HouseholdHitsTableModel()
    hits.set_rows([NS(code="H1", head_name="王五", head_id="420***", region_name="闸口社区", member_count=3,
                      category_label="低保", stage_label="一类", last_assessed_on=None)])
    qtmodeltester.check(hits)
    assert hits.data(hits.index(0, 4)) == 3 and hits.data(hits.index(0, 7)) == ""

    years = YearsTableModel()
    entered = [NS(workday=False), NS(workday=True)]
    years.set_rows([NS(year=2027, entered=False, in_library=False, known=False, note="", days=entered,
                       schedule=entered)])
    qtmodeltester.check(years)
    assert [years.data(years.index(0, c)) for c in (0, 2, 3)] == ["2027", "1", "1"]
    assert isinstance(years.data(years.index(0, 0), Qt.ItemDataRole.ForegroundRole), QBrush)

    in_force = InForceTableModel()
    in_force.set_rows([])
    qtmodeltester.check(in_force)
    assert in_force.rowCount() > 0
    assert in_force.data(in_force.index(0, 2)) == "未设置"
    assert isinstance(in_force.data(in_force.index(0, 2), Qt.ItemDataRole.ForegroundRole), QColor)
    assert in_force.data(in_force.index(0, 0), Qt.ItemDataRole.ToolTipRole)

    history = HistoryTableModel()
    history.set_rows([NS(area_label="城市", label="低保标准", display="800.00", effective_from=date(2027, 1, 1),
                         note="", changed="2026-12-03 09:15 王五(admin)")])
    qtmodeltester.check(history)
    assert _headers(history) == ["城乡", "参数", "数值", "生效日期", "录入或更正", "备注"]

    records = RecordTableModel()
    records.set_rows((NS(household_code="H1", head_name="王五", id_masked="420***", region="闸口社区", on=None,
                         detail="说明"),))
    qtmodeltester.check(records)
    assert _headers(records) == ["户编号", "户主", "身份证号(脱敏)", "所属社区", "日期", "说明"]
    assert records.data(records.index(0, 5), Qt.ItemDataRole.ToolTipRole) == "说明"
    assert records.data(records.index(0, 4)) == ""


def test_an_empty_table_says_why_once_it_has_been_filled(qtbot) -> None:  # noqa: ANN001
    """An empty list was a blank white box: nothing said whether there were no records, the filter was
    too narrow, or the list was still loading. The note shows when the model is filled and empty, is
    hidden while the list has rows and before its first filling, and covers the visible area."""
    from desktop.views.table_model import EmptyHint, read_only_table

    model = UsersTableModel()
    table = read_only_table(model, empty="没有符合条件的用户。")
    qtbot.addWidget(table)
    table.resize(600, 300)
    table.show()
    hint = table.findChild(EmptyHint)
    assert hint is not None and hint.text() == "没有符合条件的用户。"
    assert not hint.isVisible()  # not filled yet: a list loading in the background is not empty
    model.set_rows([])
    assert hint.isVisible() and hint.geometry() == table.viewport().rect()
    model.set_rows([NS(username="wang", display_name="王", role_label="社区工作人员", region_name="飞云社区",
                       active=True, problem="")])
    assert not hint.isVisible()
    model.set_rows([])
    assert hint.isVisible()
    assert read_only_table(UsersTableModel()).findChild(EmptyHint) is None  # only where a note is given


def test_an_empty_note_in_a_short_list_is_not_cut(qtbot) -> None:  # noqa: ANN001
    """In the application window at 150 % the list of data checks is about 50 pixels tall: the note's
    padding of 24 pixels above and below left its text 2 pixels, cut through the middle."""
    from desktop.views.table_model import EmptyHint, read_only_table

    model = UsersTableModel()
    table = read_only_table(model, empty="暂无事后核查。")
    qtbot.addWidget(table)
    table.show()
    table.resize(600, table.height() - table.viewport().height() + 50)
    model.set_rows([])
    hint = table.findChild(EmptyHint)
    assert hint.isVisible() and hint.height() == 50
    assert hint.contentsRect().height() >= hint.fontMetrics().height()


class _Rows(RowListTableModel[tuple[str, str, str]]):
    COLUMNS = ("A", "B", "C")

    def display(self, row: tuple[str, str, str], column: int) -> str:
        return row[column]


def test_a_stretched_last_column_is_no_choice_of_the_users(qtbot, own_settings: Path) -> None:  # noqa: ANN001
    """On a list whose last column takes the width left (read_only_table), a wider window widened that
    column and the chooser took it for the user's drag: the choice was saved, and the defaults no longer
    applied. A drag of another column's edge is still the user's."""
    model = _Rows()
    model.set_rows([("1", "2", "3")])
    table = read_only_table(model, widths=(60, 60))
    qtbot.addWidget(table)
    table.resize(400, 200)
    table.show()
    chooser = ColumnChooser(table, "test_rows", "someone")
    table.resize(700, 200)
    QApplication.processEvents()
    assert table.columnWidth(2) > 300 and not chooser.chosen and not chooser._timer.isActive()
    table.horizontalHeader().resizeSection(1, 90)  # a drag
    assert chooser.chosen
    chooser.save()
    assert config.view_state("someone", "test_rows")["widths"] == {"0": table.columnWidth(0), "1": 90,
                                                                   "2": chooser.defaults[2]}
