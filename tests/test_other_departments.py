"""Lists from departments outside the nine horizontal sources of RULES.md §1.1 (公安局, 法院, 农业农村局,
退役军人事务局 …): accepted, screened like any list, and kept and shown under their own name wherever a
department appears (batches, clue source, filters, statistics, audit, --json), on both databases."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main as cli_main
from desktop.models import AuditEntry, Clue, ColumnMapping, ImportBatch
from desktop.rules import codes
from desktop.services import clues, households
from desktop.services import department_import as di
from desktop.services import statistics as st
from desktop.services.database import Database
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.views.context import AppContext
from desktop.views.discovery import DiscoveryPage
from desktop.views.import_wizard import DepartmentImportWizard
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_discovery_views import messages  # noqa: F401  (a fixture: message boxes recorded, not shown)
from tests.test_import_department import C, D, E, count, registry, write_list  # noqa: F401  (registry: a fixture)


def url_of(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


# -- the name ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("given", "key"), [
    ("公安局", "公安局"), (" 公安 局 ", "公安局"), ("区人民法院", "区人民法院"), ("农业农村局(乡村振兴局)", "农业农村局(乡村振兴局)"),
    ("退役军人事务局", "退役军人事务局"), ("税务局", "税务局"), ("红十字会", "红十字会"), ("民政局(殡葬)", "民政局(殡葬)"),
    ("Red  Cross", "Red Cross"), ("公安\u200b局", "公安局"), ("ＡＢＣ公安", "ABC公安"),
    # 住房公积金 is not 住保 (housing security), though its name holds 住房
    ("住房公积金管理中心", "住房公积金管理中心"),
    # the nine and their longer names are kept as their codes, as before
    ("人社局", "hrss"), ("医保局", "medical_insurance"), ("区住房保障中心", "housing"), ("社保局", "hrss"), ("HRSS", "hrss"),
])
def test_any_department_is_kept_by_code_or_by_its_own_name(given: str, key: str) -> None:
    assert codes.department_key(given) == key
    assert codes.department_key(key) == key  # the name kept names the same department again
    assert codes.is_other_department(key) == (key not in codes.DEPARTMENT_LABELS)
    assert codes.department_label(key) == codes.DEPARTMENT_LABELS.get(key, key)


@pytest.mark.parametrize(("given", "source"), [
    ("grid", ("vertical", "grid")), ("网格", ("vertical", "grid")), ("楼栋长", ("informant", "building_head")),
    ("市社会救助局", ("vertical", "city_bureau")), ("人社局", ("department", "hrss")),
    ("公安局", ("department", "公安局")),
])
def test_a_source_is_read_from_its_code_or_its_chinese_name(given: str, source: tuple[str, str]) -> None:
    """--source 网格 is the grid, as --source grid is, not a department called 网格."""
    from desktop.commands.clues import read_source

    assert read_source(given) == source


@pytest.mark.parametrize(("given", "message"), [
    ("", "请填写"), (" \u3000\t", "请填写"), ("公" * 33, "最多 32 个字"), ("公安\x07局", "控制字符"),
])
def test_a_blank_too_long_or_garbled_name_is_refused_with_a_reason(given: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        codes.department_key(given)
    assert len(codes.department_key("公" * codes.MAX_DEPARTMENT_NAME)) == 32  # the columns' length, accepted


# -- the service and the command --------------------------------------------------------------------

def test_a_list_from_an_other_department_is_screened_and_kept_under_its_name(
        db: Database, district: District, registry: dict[str, int], tmp_path: Path,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    path = write_list(tmp_path / "户籍注销名单.csv")
    same = di.import_department_list(db, district.admin, path, "人社", dry_run=True)
    url = url_of(db)
    assert cli_main(["import", "department", str(path), "--department", " 公安 局 ", "--json",
                     "--database-url", url]) == 0
    got = json.loads(capsys.readouterr().out)
    # the counts are those of the same list sent by one of the nine
    for key in ("data_rows", "valid", "invalid", "duplicates", "in_assistance", "known", "new", "clues_created",
                "unassigned"):
        assert got[key] == same.counts()[key], key
    assert got["clues_created"] == 4 and got["batch_id"] is not None
    with db.session_factory() as s:
        batch = s.get(ImportBatch, got["batch_id"])
        assert batch is not None and batch.department == "公安局"
        made = s.scalars(select(Clue).where(Clue.batch_id == batch.id).order_by(Clue.id)).all()
        assert {(c.source_level, c.source, c.reported_by) for c in made} == {("department", "公安局", "公安局")}
        assert made[0].description.startswith("公安局名单《户籍注销名单.csv》第 ")
        assert s.scalar(select(ColumnMapping.department)) == "公安局"
        audit = s.scalar(select(AuditEntry.detail).where(AuditEntry.action == "import.department"))
        assert audit == "导入公安局名单《户籍注销名单.csv》"

    assert cli_main(["import", "batches", "--json", "--database-url", url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert (listed[0]["department"], listed[0]["department_label"]) == ("公安局", "公安局")
    assert cli_main(["import", "batches", "--database-url", url]) == 0
    assert "\t公安局\t户籍注销名单.csv\t" in capsys.readouterr().out
    assert cli_main(["import", "department", str(tmp_path / "户籍注销名单.csv"), "--department", "公安局", "--dry-run",
                     "--database-url", url]) == 0
    assert capsys.readouterr().out.startswith("公安局名单《户籍注销名单.csv》:试运行")

    # the clue list filters by the department's name, and shows it
    assert cli_main(["clue", "list", "--source", "公安局", "--json", "--database-url", url]) == 0
    found = json.loads(capsys.readouterr().out)
    assert len(found) == 4 and {(c["source_level"], c["source"]) for c in found} == {("department", "公安局")}
    assert cli_main(["clue", "list", "--source", "法院", "--json", "--database-url", url]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert cli_main(["clue", "list", "--source", "公安局", "--database-url", url]) == 0
    assert "\t公安局\t" in capsys.readouterr().out
    assert di.other_departments(db, district.admin) == ["公安局"]


def test_a_bad_department_name_is_refused_and_nothing_is_written(db: Database, district: District, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = write_list(tmp_path / "l.csv")
    assert cli_main(["import", "department", str(path), "--department", "农" * 40, "--json",
                     "--database-url", url_of(db)]) == 1
    captured = capsys.readouterr()
    answer = json.loads(captured.out)
    assert answer["code"] == "invalid_input" and "最多 32 个字" in answer["error"] and "Traceback" not in captured.err
    assert cli_main(["import", "department", str(path), "--department", "", "--database-url", url_of(db)]) == 1
    assert "请填写报送名单的部门名称" in capsys.readouterr().err
    assert count(db, ImportBatch) == 0 and count(db, Clue) == 0


def test_mapping_is_remembered_for_an_other_department(db: Database, district: District, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text(f"序号,姓名,备用号码,身份证号\n1,张三,{C},{D}\n", encoding="utf-8")
    di.import_department_list(db, district.admin, first, "退役军人事务局", mapping={"name": 1, "id_number": 2})
    second = tmp_path / "second.csv"
    second.write_text(f"身份证号,姓名,备用号码\n{D},李四,{E}\n", encoding="utf-8")
    p = di.preview(second, " 退役军人 事务局", db=db)
    assert p.remembered and p.mapping == {"name": 1, "id_number": 2}
    assert di.preview(second, "公安局", db=db).remembered is False  # each department its own
    assert di.preview(second, "人社", db=db).remembered is False


def test_clues_from_an_other_department(db: Database, district: District, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A clue from 公安局 by phone is recorded like one from the nine; correcting a clue of its list
    keeps its source (the form's combo offered only the nine: saving refused or changed it)."""
    assert cli_main(["clue", "add", "--name", "钱七", "--source", "公安局", "--description", "户籍注销后独居",
                     "--database-url", url_of(db)]) == 0
    capsys.readouterr()
    with db.session_factory() as s:
        clue = s.scalars(select(Clue)).one()
        assert (clue.source_level, clue.source) == ("department", "公安局")
    info = clues.get_clue(db, district.admin, clue.id)
    assert info.source_label == "公安局"
    clues.update_clue(db, district.admin, clue.id, clues.ClueInput(
        source_level="department", source=info.source, reported_on=info.reported_on, description="户籍注销后独居,无收入",
        person_name=info.person_name), expected_version=info.version)
    assert clues.get_clue(db, district.admin, clue.id).source == "公安局"
    with pytest.raises(ValidationFailed, match="最多 32 个字"):
        clues.add_clue(db, district.admin, clues.ClueInput(source_level="department", source="公" * 33,
                                                           reported_on=date.today(), description="x", person_name="孙"))
    with pytest.raises(ValidationFailed, match="请选择具体的线索来源"):  # informants and vertical sources stay a list
        clues.add_clue(db, district.admin, clues.ClueInput(source_level="vertical", source="公安局",
                                                           reported_on=date.today(), description="x", person_name="孙"))


def test_statistics_show_each_other_department_by_name(db: Database, district: District,
                                                       registry: dict[str, int], tmp_path: Path) -> None:  # noqa: F811
    """By name, not one 其他部门 bar: the chart is there to tell which departments' lists find people,
    and an office screening a new department's lists wants to see that one."""
    di.import_department_list(db, district.admin, write_list(tmp_path / "a.csv"), "公安局")
    more = tmp_path / "b.csv"
    more.write_text(f"身份证号\n{E}\n", encoding="utf-8")
    with db.session_factory() as s:  # the 公安 clues are closed: 法院's list about one of them makes one again
        s.execute(Clue.__table__.update().values(status="closed"))
        s.commit()
    di.import_department_list(db, district.admin, more, "区人民法院")
    found = st.compute(db, district.admin, st.StatsFilter()).discoveries.by_department
    keys = [b.key for b in found]
    assert keys[:9] == list(codes.DEPARTMENT_LABELS)
    assert [(b.key, b.label, b.value) for b in found[9:]] == [("公安局", "公安局", 4), ("区人民法院", "区人民法院", 1)]
    drill = st.records_behind(db, district.admin, st.StatsFilter(), "department", "公安局", "")
    assert drill.total == 4 and drill.title == "线索来源:公安局"


def test_the_household_timeline_names_the_department(db: Database, district: District,
                                                     registry: dict[str, int], tmp_path: Path) -> None:  # noqa: F811
    clues.add_clue(db, district.admin, clues.ClueInput(source_level="department", source="农业农村局",
                                                       reported_on=date.today(), description="防返贫监测",
                                                       household_id=registry["B"]))
    detail = households.get_household(db, district.admin, registry["B"])
    assert [e.title for e in detail.clues] == ["线索:农业农村局"]


# -- the views --------------------------------------------------------------------------------------

def test_wizard_takes_a_typed_department_name(qtbot, district: District, registry: dict[str, int],  # noqa: F811
                                             messages: list[str], tmp_path: Path) -> None:  # noqa: F811
    d = district
    wizard = DepartmentImportWizard(AppContext(d.db, d.admin))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    assert page.department.isEditable()
    assert [page.department.itemText(i) for i in range(1, 10)] == list(codes.DEPARTMENT_LABELS.values())
    assert page.department_hint.text() == page.tr(
        "Lists from other departments are accepted too (公安, 法院, 农业农村局 …): type the department's name.")
    page.path.setText(str(write_list(tmp_path / "名单.csv")))
    assert not page.isComplete()  # no department yet
    page.department.setEditText("农" * 40)
    assert page.isComplete()
    wizard.next()
    assert wizard.currentPage() is page and "最多 32 个字" in messages[-1]
    page.department.setEditText("区人社局")
    assert page.department_hint.text() == page.tr("Filed as {label}, one of the nine departments that send lists."
                                                  ).format(label="人社")
    page.department.setEditText(" 公安 局")
    assert page.department_hint.text() == page.tr(
        "Other department: the list is kept and shown under the name “{name}”.").format(name="公安局")
    wizard.next()
    assert wait_for_background()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    wizard.next()
    assert wait_for_background()
    assert wizard.currentPage() is wizard.dry_run_page
    wizard.next()
    assert wait_for_background()
    assert wizard.result is not None and wizard.result.batch_id is not None
    assert wizard.result.department == "公安局" and wizard.result.department_label == "公安局"
    with d.db.session_factory() as s:
        assert s.scalar(select(ImportBatch.department)) == "公安局"

    again = DepartmentImportWizard(AppContext(d.db, d.admin))
    qtbot.addWidget(again)
    assert again.file_page.department.itemText(10) == "公安局"  # offered after the nine the next time


def test_inbox_shows_and_filters_an_other_departments_clues(qtbot, district: District,
                                                             registry: dict[str, int], tmp_path: Path) -> None:  # noqa: F811
    d = district
    page = DiscoveryPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    inbox = page.inbox
    assert inbox.source.findText("    公安局") == -1
    result = di.import_department_list(d.db, d.admin, write_list(tmp_path / "名单.csv"), "公安局")
    page.ctx.changes.publish("import_batches", result.batch_id or 0)  # as the wizard does
    page.ctx.changes.publish("clues", 0)
    index = inbox.source.findText("    公安局")
    assert index > inbox.source.findText("    残联") > 0
    inbox.source.setCurrentIndex(index)
    assert inbox.current_filter().source == "公安局"
    assert inbox.model.rowCount() == result.clues_created == 4
    assert {inbox.model.index(r, 4).data() for r in range(inbox.model.rowCount())} == {"公安局"}
    inbox.table.selectRow(0)
    assert "公安局(部门推送)" in inbox.detail.toPlainText()
    history = page.history
    history.refresh()
    assert history.model.index(0, 2).data() == history.tr("Department list: {dept}").format(dept="公安局")


def test_clue_form_keeps_an_other_departments_source(qtbot, district: District, registry: dict[str, int],  # noqa: F811
                                                     tmp_path: Path) -> None:
    from desktop.views.clue_form import ClueForm

    d = district
    di.import_department_list(d.db, d.admin, write_list(tmp_path / "名单.csv"), "公安局")
    with d.db.session_factory() as s:
        clue_id = s.scalar(select(Clue.id).order_by(Clue.id))
    form = ClueForm(AppContext(d.db, d.admin), clue_id=clue_id)
    qtbot.addWidget(form)
    assert form.source.currentText() == "公安局" and form.source.currentData() == "公安局"
    form.description.setPlainText("户籍注销后独居,已电话核实")
    form.save()
    info = clues.get_clue(d.db, d.admin, clue_id)
    assert (info.source, info.description) == ("公安局", "户籍注销后独居,已电话核实")


def test_the_nine_are_unchanged(db: Database, district: District, tmp_path: Path) -> None:
    result = di.import_department_list(db, district.admin, write_list(tmp_path / "l.csv"), "区医疗保障局", dry_run=True)
    assert (result.department, result.department_label) == ("medical_insurance", "医保")
    with pytest.raises(ServiceError):
        di.import_department_list(db, district.admin, tmp_path / "none.csv", "公安局")
