"""Editing a clue's ID number (session 27): an unassigned clue whose new number is in the registry goes to
that household's community, as a clue filed with that number does; ``clue edit`` says which household the
clue is now about (or that it is about nobody in the registry now) and names a different name; ``clue show``
names the household by its number and head; the form shows the new link before it is saved."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.cli import main as cli_main
from desktop.rules import idcard
from desktop.services import clues
from desktop.services.database import Database
from desktop.views import clue_form
from desktop.views.context import AppContext
from tests.district import District
from tests.test_clue_acceptance_s22 import _registry_person

ID_A = idcard.make("420203", date(1958, 3, 17), 90)  # 王凤霞, in the registry (飞云社区)
ID_C = idcard.make("420203", date(1961, 11, 12), 75)  # 方宁帆, in the registry (八泉社区)
ID_B = idcard.make("420203", date(1985, 3, 3), 77)  # nobody in it


def _cli(db: Database, *args: str) -> int:
    return cli_main([*args, "--database-url", db.url.render_as_string(hide_password=False)])


def _unassigned_clue(db: Database, district: District, name: str = "蔡浩帆") -> int:
    return clues.add_clue(db, district.admin, clues.ClueInput(
        source_level="informant", source="group_leader", reported_on=date.today(), description="走访发现",
        person_name=name, id_number=ID_B))


def test_an_unassigned_clue_given_a_registry_number_goes_to_the_households_community(
        db: Database, district: District, capsys: pytest.CaptureFixture[str]) -> None:
    d = district
    household = _registry_person(db, d.regions["飞云社区"], "王凤霞", ID_A)
    clue_id = _unassigned_clue(db, d)
    assert clues.get_clue(db, d.admin, clue_id).region_id is None
    capsys.readouterr()
    assert _cli(db, "clue", "edit", str(clue_id), "--id-number", ID_A) == 0
    out = capsys.readouterr().out
    edited = clues.get_clue(db, d.admin, clue_id)
    assert (edited.household_id, edited.region_name) == (household, "飞云社区")  # was: linked, still 未分派
    assert "已关联台账中飞云社区“王凤霞”户(不在看板上)。" in out
    assert "注意:台账中该身份证号登记的姓名是“王凤霞”,线索写的是“蔡浩帆”。" in out
    assert f"家庭:#{household}(户主 王凤霞),不在看板上" in out  # the household by its head, not "#1 不在库 无"
    # a number nobody in the registry has: the clue is about nobody there now, and says so
    assert _cli(db, "clue", "edit", str(clue_id), "--id-number", ID_B, "--json") == 0
    captured = capsys.readouterr()
    assert '"household_id": null' in captured.out and "线索不再关联原来的家庭" in captured.err
    assert clues.get_clue(db, d.admin, clue_id).region_name == "飞云社区"  # an assigned clue stays where it is


def test_an_assigned_clue_relinked_elsewhere_stays_and_the_command_says_where_the_household_is(
        db: Database, district: District, capsys: pytest.CaptureFixture[str]) -> None:
    d = district
    _registry_person(db, d.regions["飞云社区"], "王凤霞", ID_A)
    other = _registry_person(db, d.regions["八泉社区"], "方宁帆", ID_C)
    assert _cli(db, "clue", "add", "--name", "王凤霞", "--id-number", ID_A, "--source", "grid",
                "--description", "网格员报告") == 0
    clue_id = clues.list_clues(db, d.admin)[0].id
    capsys.readouterr()
    assert _cli(db, "clue", "edit", str(clue_id), "--id-number", ID_C, "--name", "方宁帆") == 0
    out = capsys.readouterr().out
    edited = clues.get_clue(db, d.admin, clue_id)
    assert (edited.household_id, edited.region_name) == (other, "飞云社区")
    assert "已关联台账中八泉社区“方宁帆”户" in out and "注意:台账中该身份证号" not in out
    assert "注意:该家庭在八泉社区,线索仍分派在飞云社区;如需改派,请加 --region。" in out


def test_the_form_shows_the_new_link_before_saving_and_the_old_one_when_the_number_comes_back(
        db: Database, district: District, qtbot) -> None:  # noqa: ANN001
    d = district
    first = _registry_person(db, d.regions["飞云社区"], "王凤霞", ID_A)
    other = _registry_person(db, d.regions["八泉社区"], "方宁帆", ID_C)
    clue_id = clues.add_clue(db, d.admin, clues.ClueInput(
        source_level="informant", source="group_leader", reported_on=date.today(), description="走访发现",
        person_name="王凤霞", id_number=ID_A, household_id=first))
    form = clue_form.ClueForm(AppContext(db, d.admin), clue_id=clue_id)
    qtbot.addWidget(form)
    loaded = form.link_label.text()
    assert "王凤霞" in loaded and form.household_id == first and "under the name" not in loaded
    form.id_number.setText(ID_C)  # typed over: the household of 方宁帆 (八泉社区)
    assert form.household_id == other and "方宁帆" in form.link_label.text() and "八泉社区" in form.link_label.text()
    assert "under the name 方宁帆" in form.link_label.text()  # the clue still says 王凤霞
    form.id_number.setText(ID_B)  # nobody in the registry
    assert form.household_id is None and "entered as new" in form.link_label.text()
    form.id_number.setText(ID_A)  # back to the number as loaded: the link as loaded
    assert form.household_id == first and form.link_label.text() == loaded
    form.id_number.setText(ID_C)
    form.save()
    assert form.result() == 1
    saved = clues.get_clue(db, d.admin, clue_id)
    assert (saved.id_number, saved.household_id) == (ID_C, other)
