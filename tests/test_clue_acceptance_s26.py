"""Clues as an outside acceptance suite tried them in session 26, as a district office works over a few
weeks (both databases): a number typed over a clue's number, or added to a clue filed with none, links
whoever has it in the registry and no longer the old number's household; a whole old 15-digit number
finds the clue filed with it; closing one of two reports of a person names the other one still open."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.cli import main as cli_main
from desktop.models import Household, LibraryMove
from desktop.rules import idcard
from desktop.services import clues
from desktop.services.database import Database
from desktop.views import clue_form
from desktop.views.context import AppContext
from desktop.views.discovery import DiscoveryPage
from tests.district import District
from tests.test_clue_acceptance_s22 import _registry_person

ID_A = idcard.make("420203", date(1958, 3, 17), 90)  # 王凤霞, in the registry
ID_B = idcard.make("420203", date(1985, 3, 3), 77)  # 新人, not in it
ID_A_15 = ID_A[:6] + ID_A[8:17]  # the old 15-digit form of ID_A


def _cli(db: Database, *args: str) -> int:
    return cli_main([*args, "--database-url", db.url.render_as_string(hide_password=False)])


def _stage(db: Database, household_id: int) -> str | None:
    with db.session_factory() as s:
        return s.get(Household, household_id).stage


def _moves(db: Database, household_id: int) -> int:
    with db.session_factory() as s:
        return s.query(LibraryMove).filter(LibraryMove.household_id == household_id).count()


def test_a_number_typed_over_a_linked_clues_number_unlinks_the_old_household(
        db: Database, district: District, capsys: pytest.CaptureFixture[str]) -> None:
    """Was: ``clue edit --id-number`` of somebody else kept the link to the first person's household,
    and closing the clue moved that household (王凤霞's) into class II for 新人."""
    d = district
    household = _registry_person(db, d.regions["飞云社区"], "王凤霞", ID_A)
    assert _cli(db, "clue", "add", "--name", "王凤霞", "--id-number", ID_A, "--source", "grid",
                "--description", "网格员报告") == 0
    clue_id = clues.list_clues(db, d.admin)[0].id
    assert clues.get_clue(db, d.admin, clue_id).household_id == household
    assert _cli(db, "clue", "edit", str(clue_id), "--id-number", ID_B, "--name", "新人") == 0
    edited = clues.get_clue(db, d.admin, clue_id)
    assert (edited.id_number, edited.household_id, edited.region_name) == (ID_B, None, "飞云社区")
    capsys.readouterr()
    assert _cli(db, "clue", "close", str(clue_id), "--outcome", "class_2") == 0
    assert "据线索新建家庭档案" in capsys.readouterr().out
    closed = clues.get_clue(db, d.admin, clue_id)
    assert closed.household_id not in (None, household)
    assert (_stage(db, household), _moves(db, household)) == (None, 0)  # 王凤霞's household not moved
    assert _stage(db, closed.household_id) == "class_2"


def test_a_clue_filed_without_a_number_is_matched_when_the_number_is_added(
        db: Database, district: District, qtbot) -> None:  # noqa: ANN001
    """A clue with a name and an address only, later given a registry person's number (as the old
    15-digit one, from the command line or the form), is about that person's household."""
    d = district
    household = _registry_person(db, d.regions["八泉社区"], "王凤霞", ID_A)
    assert _cli(db, "clue", "add", "--name", "王大姐", "--address", "飞云路8号3栋201", "--source", "volunteer",
                "--description", "独居老人", "--region", "飞云社区") == 0
    clue_id = clues.list_clues(db, d.admin)[0].id
    assert clues.get_clue(db, d.admin, clue_id).household_id is None
    assert _cli(db, "clue", "edit", str(clue_id), "--id-number", ID_A_15.lower(), "--name", "王凤霞") == 0
    matched = clues.get_clue(db, d.admin, clue_id)
    assert (matched.id_number, matched.household_id, matched.region_name) == (ID_A, household, "飞云社区")
    # Other edits keep the link, and so does "无" for the number (it only takes the number away).
    assert _cli(db, "clue", "edit", str(clue_id), "--phone", "13800000001") == 0
    assert clues.get_clue(db, d.admin, clue_id).household_id == household
    assert _cli(db, "clue", "edit", str(clue_id), "--id-number", "无") == 0
    assert (clues.get_clue(db, d.admin, clue_id).id_number, clues.get_clue(db, d.admin, clue_id).household_id) == (
        "", household)

    second = clues.add_clue(db, d.admin, clues.ClueInput(
        source_level="informant", source="group_leader", reported_on=date.today(), description="无号",
        person_name="王凤霞", region_id=d.regions["飞云社区"]))
    form = clue_form.ClueForm(AppContext(db, d.admin), clue_id=second)
    qtbot.addWidget(form)
    form.id_number.setText(ID_A)
    form.save()
    assert form.result() == 1
    assert clues.get_clue(db, d.admin, second).household_id == household


def test_a_whole_15_digit_number_finds_the_clue_it_was_filed_with(
        db: Database, district: District, capsys: pytest.CaptureFixture[str], qtbot) -> None:  # noqa: ANN001
    """Was: ``clue list --text`` (and the inbox's search) with the number as reported, in its old
    15-digit form, found nothing: the clue is kept with the 18-digit number."""
    d = district
    assert _cli(db, "clue", "add", "--name", "王凤霞", "--id-number", ID_A_15, "--source", "grid",
                "--description", "15位号码", "--region", "飞云社区") == 0
    assert _cli(db, "clue", "add", "--name", "别人", "--id-number", ID_B, "--source", "grid",
                "--description", "另一人", "--region", "飞云社区") == 0
    capsys.readouterr()
    assert _cli(db, "clue", "list", "--text", ID_A_15, "--json") == 0
    assert '"id_number": "' + ID_A + '"' in capsys.readouterr().out
    for text in (ID_A_15, ID_A, ID_A[-4:], ID_A.lower()):
        assert [c.person_name for c in clues.list_clues(db, d.admin, clues.ClueFilter(text=text))] == ["王凤霞"]
    page = DiscoveryPage(AppContext(db, d.actor("community_worker")))
    qtbot.addWidget(page)
    page.inbox.text.setText(ID_A_15)
    page.inbox.refresh()
    assert [c.person_name for c in page.inbox.model.rows] == ["王凤霞"]


def test_closing_one_of_two_reports_of_a_person_names_the_other_still_open(
        db: Database, district: District, capsys: pytest.CaptureFixture[str], qtbot, chinese,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same person reported by two informants: the second report says the first is open, and
    closing one (command line, or the inbox) says the other is still open."""
    d = district
    _registry_person(db, d.regions["飞云社区"], "王凤霞", ID_A)
    assert _cli(db, "clue", "add", "--name", "王凤霞", "--id-number", ID_A, "--source", "volunteer",
                "--reported-by", "张志愿", "--description", "生病") == 0
    assert _cli(db, "clue", "add", "--name", "王凤霞", "--id-number", ID_A_15, "--source", "building_head",
                "--reported-by", "李楼长", "--description", "生病住院") == 0
    first, second = sorted(c.id for c in clues.list_clues(db, d.admin))
    assert f"另有未办结的线索 #{first}" in capsys.readouterr().out
    assert _cli(db, "clue", "close", str(first), "--outcome", "not_hardship") == 0
    assert f"注意:该当事人另有未办结的线索 #{second}。" in capsys.readouterr().out
    assert clues.get_clue(db, d.admin, second).status == "assigned"

    assert _cli(db, "clue", "reopen", str(first), "--reason", "办结有误") == 0
    page = DiscoveryPage(AppContext(db, d.admin))
    qtbot.addWidget(page)
    inbox = page.inbox
    inbox.text.setText(ID_A)
    inbox.refresh()

    def answer(dialog) -> int:  # noqa: ANN001
        dialog.choices["not_hardship"].setChecked(True)
        return 1

    monkeypatch.setattr(clue_form.CloseClueDialog, "exec", answer)
    inbox.table.selectRow(next(r for r, c in enumerate(inbox.model.rows) if c.id == second))
    inbox.close_clue()
    assert clues.get_clue(db, d.admin, second).status == "closed"
    assert f"该当事人另有未办结的线索 #{first}。" in inbox.last_message
    capsys.readouterr()
    assert _cli(db, "clue", "close", str(first), "--outcome", "not_hardship") == 0
    assert "另有未办结" not in capsys.readouterr().out  # none left open
