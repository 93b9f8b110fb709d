"""Reopening a closed clue: who may, where it goes back to, what happens to the household's class,
and why a clue that led to an application still handled stays closed (both databases)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from desktop.cli import main as cli_main
from desktop.models import AuditEntry, Household, LibraryMove
from desktop.rules import idcard
from desktop.rules.codes import Role, SourceLevel, Stage
from desktop.services import applications, clues
from desktop.services.clues import ClueFilter, ClueInput
from desktop.services.errors import ConflictError, PermissionDenied, ValidationFailed
from tests.district import District

TODAY = date.today()
ID_A = idcard.make("420203", date(1970, 5, 1), 11)


def _clue(district: District, *, region: str | None = "飞云社区", investigate: bool = True,
          household_id: int | None = None) -> int:
    db, admin = district.db, district.admin
    clue_id = clues.add_clue(db, admin, ClueInput(
        source_level=SourceLevel.INFORMANT, source="building_head", reported_on=TODAY - timedelta(days=3),
        description="独居老人,无收入", person_name="" if household_id else "张三",
        id_number="" if household_id else ID_A, household_id=household_id))
    if region is not None:
        clues.assign_clues(db, admin, [clue_id], district.regions[region])
        if investigate:
            clues.start_investigation(db, admin, clue_id)
    return clue_id


def _moves(db, household_id: int) -> list[tuple[str | None, str | None, str]]:  # noqa: ANN001
    with db.session_factory() as s:
        return [(m.from_stage, m.to_stage, m.reason) for m in s.scalars(
            select(LibraryMove).where(LibraryMove.household_id == household_id).order_by(LibraryMove.id))]


def _stage(db, household_id: int) -> str | None:  # noqa: ANN001
    with db.session_factory() as s:
        h = s.get(Household, household_id)
        assert h is not None
        return h.stage


def test_a_clue_closed_as_not_hardship_is_reopened_to_investigation_with_its_history(
        db, district: District) -> None:  # noqa: ANN001
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)
    clue_id = _clue(district)
    clues.close_clue(db, caseworker, clue_id, "not_hardship", note="子女赡养")
    version = clues.get_clue(db, caseworker, clue_id).version
    with pytest.raises(ValidationFailed) as caught:  # the reason is required; nothing is written
        clues.reopen_clue(db, caseworker, clue_id, reason="   ", expected_version=version)
    assert "理由" in caught.value.message
    assert clues.get_clue(db, caseworker, clue_id).status == "closed"

    plan = clues.reopen_clue(db, caseworker, clue_id, reason="家属反映子女已失业,无力赡养",
                             expected_version=version)
    assert (plan.returns_to, plan.household_id, plan.moves_household) == ("investigating", None, False)
    info = clues.get_clue(db, caseworker, clue_id)
    assert (info.status, info.outcome, info.closed_on, info.version) == ("investigating", None, None, plan.version)
    assert clues.clue_closing(db, caseworker, clue_id) is None
    reopening = clues.clue_reopening(db, district.admin, clue_id)
    assert reopening is not None
    assert reopening.reason == "家属反映子女已失业,无力赡养" and reopening.closed_on == TODAY
    assert reopening.outcome_label == clues.OUTCOME_LABELS["not_hardship"]
    assert reopening.reopened_by == f"{caseworker.display_name}({caseworker.username})"
    with db.session_factory() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(
            AuditEntry.entity == "clues", AuditEntry.entity_id == clue_id).order_by(AuditEntry.id)))
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "clue.reopen"))
        assert entry is not None and entry.before is not None and entry.after is not None
        assert (entry.before["outcome"], entry.after["status"]) == ("not_hardship", "investigating")
    assert actions == ["clue.add", "clue.assign", "clue.investigate", "clue.close", "clue.reopen"]

    # the list and the counts see it open again
    assert clue_id in {c.id for c in clues.list_clues(db, caseworker, ClueFilter(statuses=("investigating",)))}
    assert clue_id not in {c.id for c in clues.list_clues(db, caseworker, ClueFilter(statuses=("closed",)))}
    counts = clues.count_clues(db, caseworker)
    assert (counts.by_status["investigating"], counts.by_status["closed"], counts.open) == (1, 0, 1)
    assert clues.find_open_clue(db, caseworker, ID_A) == clue_id

    with pytest.raises(ValidationFailed) as caught:  # open now: nothing to reopen
        clues.reopen_clue(db, caseworker, clue_id, reason="再次")
    assert "没有办结" in caught.value.message
    result = clues.close_clue(db, caseworker, clue_id, "class_2")  # and closed again with the new finding
    assert result.to_stage == Stage.CLASS_II and clues.clue_reopening(db, caseworker, clue_id) is None


def test_a_clue_never_investigated_goes_back_to_where_it_was(db, district: District) -> None:  # noqa: ANN001
    assigned = _clue(district, investigate=False)
    unassigned = _clue(district, region=None)
    for clue_id in (assigned, unassigned):
        clues.close_clue(db, district.admin, clue_id, "not_hardship")
    assert clues.reopen_plan(db, district.admin, assigned).returns_to == "assigned"
    assert clues.reopen_clue(db, district.admin, assigned, reason="办结有误").returns_to == "assigned"
    assert clues.reopen_clue(db, district.admin, unassigned, reason="办结有误").returns_to == "new"
    counts = clues.count_clues(db, district.admin)
    assert (counts.by_status["assigned"], counts.by_status["new"], counts.unassigned) == (1, 1, 1)


def test_reopening_keeps_the_class_the_closing_gave_and_says_so(db, district: District) -> None:  # noqa: ANN001
    clue_id = _clue(district)
    closed = clues.close_clue(db, district.admin, clue_id, "class_2")
    hid = closed.household_id
    assert hid is not None and closed.household_created
    plan = clues.reopen_plan(db, district.admin, clue_id)
    assert not plan.refusal and not plan.moves_household and plan.to_stage == Stage.CLASS_II
    assert "二类库" in plan.effect and "本线索办结时调入" in plan.effect and "不改变库别" in plan.effect
    clues.reopen_clue(db, district.admin, clue_id, reason="调查不充分")
    assert _stage(db, hid) == Stage.CLASS_II and len(_moves(db, hid)) == 1  # nothing undone behind one's back
    assert clues.get_clue(db, district.admin, clue_id).household_id == hid  # the household made stays linked
    clues.close_clue(db, district.admin, clue_id, "not_passed")  # the next closing moves it
    assert _stage(db, hid) == Stage.CLASS_I


def test_a_class_moved_since_the_closing_is_not_called_the_clues(db, district: District) -> None:  # noqa: ANN001
    clue_id = _clue(district)
    hid = clues.close_clue(db, district.admin, clue_id, "class_2").household_id
    assert hid is not None
    applications.accept(db, district.admin, household_id=hid, category="dibao", accepted_on=TODAY)
    plan = clues.reopen_plan(db, district.admin, clue_id)  # class_2 is no "passed": allowed, the stage named
    assert not plan.refusal and plan.to_stage == Stage.APPLYING and "本线索办结时调入" not in plan.effect
    assert "申请中" in plan.effect


def test_a_clue_whose_application_is_handled_stays_closed(db, district: District) -> None:  # noqa: ANN001
    clue_id = _clue(district)
    hid = clues.close_clue(db, district.admin, clue_id, "passed").household_id
    assert hid is not None
    app_id = applications.accept(db, district.admin, household_id=hid, category="dibao", accepted_on=TODAY)
    with pytest.raises(ValidationFailed) as caught:
        clues.reopen_clue(db, district.admin, clue_id, reason="重新调查")
    assert f"申请 #{app_id}" in caught.value.message and "办理中" in caught.value.message
    assert clues.get_clue(db, district.admin, clue_id).status == "closed"

    # withdrawn: the application has ended, the clue may be investigated again; the class the
    # withdrawal chose stays
    applications.withdraw(db, district.admin, app_id, on=TODAY, reason="申请人书面撤回", to_stage=Stage.CLASS_II)
    plan = clues.reopen_clue(db, district.admin, clue_id, reason="申请人撤回后情况有变")
    assert f"申请 #{app_id}" in plan.effect and "已撤回" in plan.effect
    assert not plan.moves_household and _stage(db, hid) == Stage.CLASS_II
    assert clues.get_clue(db, district.admin, clue_id).status == "investigating"


def test_applying_with_no_application_goes_back_to_the_stage_before_the_closing(
        db, district: District) -> None:  # noqa: ANN001
    with db.session_factory() as s:
        h = Household(region_id=district.regions["飞云社区"], head_name="王五", head_id_number=ID_A,
                      head_id_reversed=ID_A[::-1], member_count=1, stage=Stage.TO_INVESTIGATE,
                      stage_since=TODAY - timedelta(days=30))
        s.add(h)
        s.commit()
        hid = h.id
    clue_id = _clue(district, household_id=hid)
    clues.close_clue(db, district.admin, clue_id, "passed")  # the application was never accepted
    assert _stage(db, hid) == Stage.APPLYING
    plan = clues.reopen_plan(db, district.admin, clue_id)
    assert plan.moves_household and plan.to_stage == Stage.TO_INVESTIGATE and "申请中" in plan.effect
    clues.reopen_clue(db, district.admin, clue_id, reason="核对结果有误")
    assert _stage(db, hid) == Stage.TO_INVESTIGATE
    assert _moves(db, hid)[-1] == (Stage.APPLYING, Stage.TO_INVESTIGATE, f"线索 #{clue_id} 重新打开:核对结果有误")
    clues.close_clue(db, district.admin, clue_id, "class_2")  # no longer stuck in 申请中
    assert _stage(db, hid) == Stage.CLASS_II


def test_who_may_reopen_is_who_may_close(db, district: District) -> None:  # noqa: ANN001
    clue_id = _clue(district, region="八泉社区")
    clues.close_clue(db, district.admin, clue_id, "not_hardship")
    for role in (Role.COMMUNITY_WORKER, Role.SUPERVISOR):  # 飞云社区's worker; the read-only role
        with pytest.raises(PermissionDenied):
            clues.reopen_clue(db, district.actor(role), clue_id, reason="误办结")
    version = clues.get_clue(db, district.admin, clue_id).version
    clues.reopen_clue(db, district.actor(Role.SUBDISTRICT_CASEWORKER), clue_id, reason="误办结",
                      expected_version=version)
    clues.close_clue(db, district.admin, clue_id, "not_hardship")
    with pytest.raises(ConflictError):  # reopened and closed again since it was read
        clues.reopen_clue(db, district.admin, clue_id, reason="误办结", expected_version=version)
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "clue.reopen")) == 1


def test_a_newer_open_clue_about_the_person_is_named(db, district: District) -> None:  # noqa: ANN001
    first = _clue(district)
    clues.close_clue(db, district.admin, first, "not_hardship")
    second = _clue(district)
    assert clues.reopen_plan(db, district.admin, first).other_open_clue_id == second


def test_the_command_line_reopens_with_a_reason(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop import cli

    db = district.db
    url = db.url.render_as_string(hide_password=False)
    clue_id = _clue(district)
    hid = clues.close_clue(db, district.admin, clue_id, "passed").household_id
    app_id = applications.accept(db, district.admin, household_id=hid, category="dibao", accepted_on=TODAY)
    capsys.readouterr()
    assert cli.main(["--database-url", url, "clue", "reopen", str(clue_id), "--reason", "误办结", "--json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["code"] == "invalid_input" and f"申请 #{app_id}" in err
    applications.withdraw(db, district.admin, app_id, on=TODAY, reason="撤回")
    assert cli.main(["--database-url", url, "clue", "reopen", str(clue_id), "--reason", "误办结", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["id"], result["status"], result["previous_outcome"]) == (clue_id, "investigating", "passed")
    assert result["household_id"] == hid and result["stage"] == Stage.CLASS_I and "已撤回" in result["class_note"]
    clues.close_clue(db, district.admin, clue_id, "not_hardship")
    assert cli.main(["--database-url", url, "clue", "reopen", str(clue_id), "--reason", "情况有变"]) == 0
    out = capsys.readouterr().out
    assert f"已重新打开线索 #{clue_id}(张三),原办结结果:非困难对象,现为“调查中”。" in out
    assert cli.main(["--database-url", url, "clue", "reopen", str(clue_id), "--reason", " "]) == 1
    assert "理由" in capsys.readouterr().err
    with db.session_factory() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "clue.reopen").order_by(AuditEntry.id.desc()))
        assert entry is not None and (entry.username, entry.detail) == ("system", "情况有变")


def test_closing_again_as_not_hardship_takes_back_the_earlier_closings_class(db, district: District,  # noqa: ANN001
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Session 38: closed as 核对未通过 (一类库), reopened, closed as 非困难对象: the household stayed in 一类库,
    which the clue's detail showed beside 非困难对象, though the reopening promised the new outcome would decide."""
    clue_id = _clue(district)
    hid = clues.close_clue(db, district.admin, clue_id, "not_passed").household_id
    assert hid is not None and _stage(db, hid) == Stage.CLASS_I
    clues.reopen_clue(db, district.admin, clue_id, reason="核对有误")
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["clue", "close", str(clue_id), "--outcome", "not_hardship", "--database-url", url]) == 0
    assert "由“一类库”调入“未入库(不在看板上)”" in capsys.readouterr().out
    assert _stage(db, hid) is None
    assert "撤回上次办结时的调入" in _moves(db, hid)[-1][2]
    # a class given since by someone else is not the clue's to take back
    other = _clue(district, household_id=hid)
    clues.close_clue(db, district.admin, other, "class_2")
    clues.reopen_clue(db, district.admin, other, reason="再核")
    applications.accept(db, district.admin, household_id=hid, category="dibao", accepted_on=TODAY)
    clues.close_clue(db, district.admin, other, "not_hardship")
    assert _stage(db, hid) == Stage.APPLYING
