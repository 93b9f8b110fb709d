"""Clues as an outside acceptance suite would try them (session 22): the form and the command give the
same clue for the same input, and the command reads the issue's own words for outcomes and sources."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from desktop.cli import main as cli_main
from desktop.models import Household, Member
from desktop.rules import idcard
from desktop.rules.codes import Role
from desktop.services import clues
from desktop.services.database import Database
from desktop.views import clue_form
from desktop.views.context import AppContext
from tests.district import District

ID_REG = idcard.make("420203", date(1980, 5, 5), 51)
ID_OTHER = idcard.make("420203", date(1990, 1, 1), 123)


def _registry_person(db: Database, region_id: int, name: str, number: str) -> int:
    with db.session_factory() as s:
        h = Household(region_id=region_id, head_name=name, head_id_number=number, head_id_reversed=number[::-1],
                      member_count=1, category="none", address="飞云路5号", phone="13800000005")
        s.add(h)
        s.flush()
        s.add(Member(household_id=h.id, name=name, id_number=number, id_reversed=number[::-1], relation="self"))
        s.commit()
        return h.id


def test_form_links_a_registry_person_whose_id_number_is_typed_as_the_command_does(
        qtbot, district: District) -> None:
    d = district
    household = _registry_person(d.db, d.regions["飞云社区"], "钱七", ID_REG)
    form = clue_form.ClueForm(AppContext(d.db, d.admin))
    qtbot.addWidget(form)
    form.name.setText("钱七")
    form.id_number.setText(ID_REG)  # typed, not looked up with the search
    assert form.household_id == household
    assert form.region.currentData() == d.regions["飞云社区"]
    form.id_number.setText(ID_OTHER)  # changed to somebody not in the registry: the link goes
    assert form.household_id is None
    form.id_number.setText(ID_REG)
    form.level.setCurrentIndex(form.level.findData("vertical"))
    form.source.setCurrentIndex(form.source.findData("grid"))
    form.description.setPlainText("手输身份证号")
    form.save()
    assert form.result() == 1
    by_form = clues.get_clue(d.db, d.admin, form.saved_id)

    run = subprocess.run([sys.executable, "-m", "desktop", "clue", "add", "--name", "钱七", "--id-number", ID_REG,
                          "--source", "grid", "--description", "命令行", "--database-url",
                          d.db.url.render_as_string(hide_password=False)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    by_command = clues.list_clues(d.db, d.admin)[0]
    assert by_command.id != by_form.id
    for clue in (by_form, by_command):
        assert (clue.household_id, clue.status, clue.region_name) == (household, "assigned", "飞云社区")


def _cli(db: Database, *args: str) -> int:
    return cli_main([*args, "--database-url", db.url.render_as_string(hide_password=False)])


@pytest.mark.parametrize(("words", "outcome", "stage"), [
    ("class II", "class_2", "class_2"), ("二类库", "class_2", "class_2"),
    ("check passed", "passed", "applying"), ("application", "passed", "applying"),
    ("check not passed", "not_passed", "class_1"), ("class I", "not_passed", "class_1"),
    ("一类库", "not_passed", "class_1"), ("not a hardship case", "not_hardship", None)])
def test_clue_close_reads_the_issues_words_for_each_outcome(db: Database, district: District, words: str,
                                                             outcome: str, stage: str | None) -> None:
    household = _registry_person(db, district.regions["飞云社区"], "钱七", ID_REG)
    assert _cli(db, "clue", "add", "--name", "钱七", "--id-number", ID_REG, "--source", "志愿者",
                "--channel", "walk-in", "--description", "走访发现") == 0
    clue_id = clues.list_clues(db, district.admin)[0].id
    assert _cli(db, "clue", "investigate", str(clue_id)) == 0
    assert _cli(db, "clue", "close", str(clue_id), "--outcome", words) == 0
    closed = clues.get_clue(db, district.admin, clue_id)
    assert (closed.status, closed.outcome) == ("closed", outcome)
    with db.session_factory() as s:
        assert s.get(Household, household).stage == stage


@pytest.mark.parametrize("words", ["四级信息员", "informant", "纵向来源", "Vertical", "部门推送", "部门", "department"])
def test_clue_add_refuses_a_source_category_for_a_source(db: Database, district: District, words: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _cli(db, "clue", "add", "--name", "测试", "--source", words, "--description", "x")
    assert "是线索来源的类别,不是具体来源" in capsys.readouterr().err
    assert clues.list_clues(db, district.admin) == []  # it was kept as a department named 四级信息员
    assert _cli(db, "clue", "add", "--name", "测试", "--source", "公安局", "--description", "x") == 0


@pytest.mark.usefixtures("chinese")
def test_a_number_registered_outside_the_users_area_is_not_called_new(qtbot, district: District) -> None:
    """Session 38: a caseworker typing the number of a person registered in another sub-district's household
    was told 当事人将作为新对象登记; closing the clue later was refused for that household."""
    d = district
    _registry_person(d.db, d.regions["闸口社区"], "李四", ID_REG)
    caseworker = d.actor(Role.SUBDISTRICT_CASEWORKER)  # 八泉街道's
    form = clue_form.ClueForm(AppContext(d.db, caseworker))
    qtbot.addWidget(form)
    form.id_number.setText(ID_REG)
    assert form.household_id is None
    assert form.link_label.text().startswith("该身份证号已登记在您辖区以外的")
    assert "新对象" not in form.link_label.text() and "区级人员" in form.link_label.text()
    form.id_number.setText(ID_OTHER)
    assert "新对象" in form.link_label.text()
