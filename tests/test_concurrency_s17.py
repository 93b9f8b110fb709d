"""Two workstations pressing the same button at the same moment, on one database (session 17): two
real sessions, each with its own engine, released together by a barrier (``_at_once``). One wins; the
other is told plainly what happened and what to do; nothing of it is written, and the audit log holds
exactly what was done."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from desktop.models import AuditEntry, Clue, Household, ImportBatch, Member, Region, User
from desktop.rules.codes import Role, SourceLevel
from desktop.services import applications, auth, clues, regions
from desktop.services import department_import as di
from desktop.services import register_import as ri
from desktop.services.clues import ClueInput
from desktop.services.database import Database
from desktop.services.errors import ALREADY_IMPORTED, ConflictError, ServiceError, ValidationFailed
from tests.conftest import ShownErrors
from tests.district import District
from tests.monitoring_helpers import add_households
from tests.test_applications import regular_steps
from tests.test_import_department import write_list
from tests.test_import_register import small_register
from tests.test_workstations import _at_once, _other_workstation


def count(db: Database, model: type, *where: object) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def logged(db: Database, action: str) -> int:
    return count(db, AuditEntry, AuditEntry.action == action)


def on_two_workstations(db: Database, call: Callable[[Database], object]) -> tuple[object, object]:
    """``call`` run at the same moment on this workstation and on another one (its own engine)."""
    other = _other_workstation(db)
    try:
        first, second = _at_once(lambda: call(db), lambda: call(other))
    finally:
        other.dispose()
    return first, second


def one_refused(outcomes: tuple[object, object]) -> tuple[object, ServiceError]:
    """The result of the one that won and the refusal of the other (never a crash, never both)."""
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ServiceError), outcomes
    return next(o for o in outcomes if not isinstance(o, Exception)), refused[0]


def test_the_same_department_list_imported_on_two_workstations_at_once(district: District, tmp_path: Path) -> None:
    """Both found the file not imported yet; the database refused the second batch, and that was said as
    “the same content was just saved elsewhere, refresh and decide how to change it” (an input error).
    It is now the refusal any later import of the file gets: imported, by whom, when, which batch."""
    db = district.db
    path = write_list(tmp_path / "公安名单.csv")
    result, refused = one_refused(on_two_workstations(
        db, lambda on: di.import_department_list(on, district.admin, path, "公安")))
    assert refused.code == ALREADY_IMPORTED
    assert "已于 20" in refused.message and f"导入过(批次 {result.batch_id}" in refused.message
    assert "不再重复导入" in refused.message and "测试admin(admin)" in refused.message
    assert count(db, ImportBatch) == 1
    assert count(db, Clue) == count(db, Clue, Clue.batch_id == result.batch_id) == result.clues_created
    assert logged(db, "import.department") == 1


def test_the_same_register_imported_on_two_workstations_at_once(district: District, tmp_path: Path) -> None:
    """Both checked the register against the households before either had written: the second was refused
    as “this household code was just used by a household saved elsewhere”, though the whole file had
    been imported. Registers now take turns: the second finds the file imported and says so."""
    db = district.db
    path = small_register(tmp_path / "台账.xlsx")
    result, refused = one_refused(on_two_workstations(db, lambda on: ri.import_households(on, district.admin, path)))
    assert refused.code == ALREADY_IMPORTED
    assert f"导入过(批次 {result.batch_id}" in refused.message and "不再重复导入" in refused.message
    assert (count(db, ImportBatch), count(db, Household), count(db, Member)) == (1, 2, 4)
    assert result.households_created == 2 and logged(db, "import.households") == 1


def test_two_usernames_differing_in_case_added_at_once(district: District) -> None:
    """“Zhang” and “zhang” added at the same moment: each found no such name and the unique username
    (which sees case) let both in; one would log in as the other by a slip of the Shift key."""
    db = district.db
    users = count(db, User)
    names = iter(["Zhang", "zhang"])
    picked = {}

    def add(on: Database) -> int:
        name = picked.setdefault(id(on), next(names))
        return auth.add_user(on, district.admin, username=name, password="secret12345",
                             role=Role.COMMUNITY_WORKER, region_id=district.regions["八泉社区"])

    _, refused = one_refused(on_two_workstations(db, add))
    assert isinstance(refused, ValidationFailed) and "只差大小写" in refused.message
    assert count(db, User) == users + 1 and logged(db, "user.add") == users + 1


def test_the_same_region_added_twice_at_once(district: District) -> None:
    db = district.db
    parent = district.regions["八泉街道"]
    _, refused = one_refused(on_two_workstations(
        db, lambda on: regions.add_region(on, district.admin, parent_id=parent, name="新港社区")))
    assert isinstance(refused, ValidationFailed) and "已有名为“新港社区”的区划" in refused.message
    assert count(db, Region, Region.name == "新港社区") == 1


def test_the_same_step_recorded_on_two_workstations_at_once(district: District) -> None:
    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], "class_1")
    app_id = applications.accept(db, district.admin, household_id=hid, category="dibao", accepted_on=date(2026, 3, 2))
    _, refused = one_refused(on_two_workstations(db, lambda on: applications.complete_step(
        on, district.admin, app_id, "check", on=date(2026, 3, 3), result="passed")))
    # refused on reading it done, or on writing it when the other's was saved after this one read
    assert "已经办理,不能重复办理" in refused.message or "测试admin(admin) 于 20" in refused.message
    assert logged(db, "application.step.check") == 1


def test_a_decision_saved_meanwhile_without_a_version_names_who_saved_it(district: District) -> None:
    """A decision given without the version the form read (the command line): another workstation's
    decision reaching the application first was “saved by another user at an unknown time”. The
    version read is now the one checked, and the conflict names who decided and when."""
    db = district.db
    other = _other_workstation(db)
    [hid] = add_households(db, district.regions["飞云社区"], "class_1")
    app_id = applications.accept(db, district.admin, household_id=hid, category="dibao", accepted_on=date(2026, 3, 2))
    regular_steps(district, app_id, date(2026, 3, 2))
    reviewer = district.actor(Role.DISTRICT_REVIEWER)

    def the_other_decides_first(*_: object) -> None:
        applications.decide(other, reviewer, app_id, approve=True, on=date(2026, 3, 20), amount="500",
                            today=date(2026, 3, 25))

    # Between this decision's reading of the application and its writing: the other's is saved first.
    event.listen(db.session_factory, "before_flush", the_other_decides_first, once=True)
    try:
        with pytest.raises(ConflictError) as conflict:
            applications.decide(db, district.admin, app_id, approve=False, on=date(2026, 3, 20), reason="不符合",
                                today=date(2026, 3, 25))
    finally:
        other.dispose()
    assert "测试district_reviewer(district_reviewer) 于 20" in conflict.value.message
    assert conflict.value.info.entity == "申请"
    assert applications.get_detail(db, district.admin, app_id).row.status == "approved"
    assert logged(db, "application.decide") == 1


def test_the_same_clues_assigned_on_two_workstations_at_once(district: District) -> None:
    db = district.db
    ids = [clues.add_clue(db, district.admin, ClueInput(
        source_level=SourceLevel.INFORMANT, source="building_head", reported_on=date.today(),
        description="独居老人", person_name=f"人{i}", address="八泉街道1号", channel="home_visit"))
        for i in range(3)]
    targets = iter([district.regions["八泉街道"], district.regions["河口镇"]])
    chosen: dict[int, int] = {}

    def assign(on: Database) -> int:
        return clues.assign_clues(on, district.admin, ids, chosen.setdefault(id(on), next(targets)))

    outcomes = on_two_workstations(db, assign)
    done = [o for o in outcomes if not isinstance(o, Exception)]
    # SQLite: the second may have read the clues only once the first had saved, and assigns them again
    if len(done) == 1:
        _, refused = one_refused(outcomes)
        assert isinstance(refused, ConflictError) and "测试admin(admin) 于 20" in refused.message
    assert len({c.region_id for c in clues.list_clues(db, district.admin)}) == 1  # all or nothing
    assert logged(db, "clue.assign") == len(ids) * len(done)



def test_a_batch_undone_elsewhere_and_its_number_reused_is_not_undone_in_its_place(
        qtbot, district: District, tmp_path: Path, shown_errors: ShownErrors,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The import history shows batch N (one file); another workstation undoes it and imports another
    file, which SQLite numbers N again (the newest row deleted, its number is given anew). Undoing
    “batch N” from the list removed the other file's batch and its clues. The batch the user saw is
    now checked: nothing is undone and the message says what happened."""
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from desktop.views.context import AppContext
    from desktop.views.discovery import ImportHistoryTab
    from desktop.views.operations import wait_for_background

    db = district.db
    first = di.import_department_list(db, district.admin, write_list(tmp_path / "民政.csv"), "公安")
    tab = ImportHistoryTab(AppContext(db, district.admin))
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    other_file = tmp_path / "教育.csv"
    other_file.write_text((tmp_path / "民政.csv").read_text(encoding="gbk").replace("甲", "子"), encoding="gbk")
    other = _other_workstation(db)
    try:
        di.undo_batch(other, district.admin, first.batch_id, "导错了文件")
        second = di.import_department_list(other, district.admin, other_file, "教育")
    finally:
        other.dispose()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("导错了文件", True)))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Ok))
    tab.undo_button.click()
    assert wait_for_background()
    assert len(shown_errors.plain) == 1 and not shown_errors.crashes
    if second.batch_id == first.batch_id:  # SQLite; PostgreSQL never gives a number twice: 找不到导入批次
        assert "那一批刚刚已在另一台电脑上撤销" in shown_errors.plain[0] and "《教育.csv》" in shown_errors.plain[0]
    assert count(db, ImportBatch) == 1 and count(db, Clue) == second.clues_created
    assert logged(db, "import.undo") == 1


def test_the_same_household_moved_on_two_workstations_at_once(district: District) -> None:
    from desktop.models import LibraryMove
    from desktop.services import monitoring
    from tests.monitoring_helpers import household

    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], "class_1")
    version = household(db, hid).version
    _, refused = one_refused(on_two_workstations(db, lambda on: monitoring.move_card(
        on, district.admin, hid, "class_2", "收入下降", expected_version=version)))
    assert "测试admin(admin)" in refused.message and "二类库" in refused.message
    assert count(db, LibraryMove, LibraryMove.household_id == hid) == 1 and household(db, hid).stage == "class_2"
