"""relief-desk clue show|edit|investigate|close: the clue inbox's actions on the command line, through the
services the window calls, with the window's audit entries and a clear refusal for an unknown clue, a
clue in the wrong state and an acting user without the right (both databases)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from desktop.commands import clues as clue_commands
from desktop.models import AuditEntry, Household
from desktop.rules import idcard
from desktop.rules.codes import Role, SourceLevel, Stage
from desktop.services import clues
from desktop.services.base import Actor
from desktop.services.clues import ClueInput
from tests.district import District
from tests.test_cli_database import run

TODAY = date.today()
FOUND = TODAY - timedelta(days=3)
ID_A = idcard.make("420203", date(1970, 5, 1), 11)


@pytest.fixture
def clue(district: District, capsys: pytest.CaptureFixture[str]) -> int:
    """A new clue, not yet assigned, recorded in the window's way."""
    clue_id = clues.add_clue(district.db, district.admin, ClueInput(
        source_level=SourceLevel.INFORMANT, source="building_head", reported_on=FOUND,
        description="独居老人,无收入\n房屋漏雨", person_name="张三", id_number=ID_A, phone="13800000000",
        address="飞云社区 3 栋", channel="home_visit", reported_by="楼栋长 李四"))
    capsys.readouterr()
    return clue_id


class Cli:
    """``relief-desk clue …`` on the district's database: (exit status, stdout, stderr)."""

    def __init__(self, district: District, capsys: pytest.CaptureFixture[str]) -> None:
        self.url = district.db.url.render_as_string(hide_password=False)
        self.capsys = capsys

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        return run(["--database-url", self.url, "clue", *argv], self.capsys)

    def json(self, *argv: str) -> Any:
        code, out, err = self(*argv, "--json")
        assert code == 0, err
        return json.loads(out)

    def refused(self, *argv: str, code: str) -> str:
        """The refusal's message, checked to be the same with and without --json; nothing on stdout without it."""
        status, out, err = self(*argv)
        assert status == 1 and out == "", out
        message = err.strip().splitlines()[-1].removeprefix("错误:")
        status, out, err = self(*argv, "--json")
        assert status == 1 and json.loads(out) == {"error": message, "code": code}
        return message


@pytest.fixture
def cli(district: District, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(district, capsys)


def _audit(district: District, clue_id: int) -> list[AuditEntry]:
    """What was done to the clue (the views of its whole number printed are logged too:
    tests/test_full_id_views_s33.py)."""
    with district.db.session_factory() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.entity == "clues", AuditEntry.entity_id == clue_id,
                                                       AuditEntry.action != "clue.view_full_id")
                              .order_by(AuditEntry.id)))


def _stage(district: District, household_id: int) -> str | None:
    with district.db.session_factory() as s:
        household = s.get(Household, household_id)
        assert household is not None
        return household.stage


def test_show_is_what_the_inbox_detail_shows(district: District, cli: Cli, clue: int) -> None:
    shown = cli.json("show", str(clue))
    assert shown["id"] == clue and shown["status"] == "new" and shown["status_label"] == "新线索"
    assert (shown["name"], shown["id_number"], shown["phone"], shown["address"]) == (
        "张三", ID_A, "13800000000", "飞云社区 3 栋")
    assert (shown["source_label"], shown["channel_label"], shown["reported_by"]) == ("楼栋长", "走访调查", "楼栋长 李四")
    assert shown["reported_on"] == FOUND.isoformat() and shown["region"] == "" and shown["region_id"] is None
    assert shown["closing"] is None and shown["reopening"] is None and shown["household_id"] is None
    code, out, _ = cli("show", str(clue))
    assert code == 0
    assert out.splitlines()[:3] == [f"线索 #{clue} · 发现日期 {FOUND}", "状态:新线索", f"当事人:张三 {ID_A}"]
    assert "线索来源:楼栋长(四级信息员)" in out and "区划:未分派" in out
    assert out.endswith("发现的情况:\n独居老人,无收入\n房屋漏雨\n")



def test_add_and_assign_as_json(district: District, cli: Cli, clue: int) -> None:
    """clue add --json prints the new clue as clue show --json does; clue assign --json how many were
    assigned, where, and the clues as they are now (same shape); without --json the sentence as before."""
    added = cli.json("add", "--name", "李四", "--id-number", ID_A, "--source", "网格", "--channel", "home_visit",
                     "--date", FOUND.isoformat(), "--description", "失业在家", "--reported-by", "网格员 王五")
    assert added == cli.json("show", str(added["id"]))
    assert (added["status"], added["name"], added["id_number"], added["source_label"], added["reported_on"]) == (
        "new", "李四", ID_A, "网格", FOUND.isoformat())
    code, out, err = cli("add", "--name", "赵六", "--source", "grid", "--description", "独居")
    assert code == 0 and out == f"已登记线索 #{added['id'] + 1}。\n", err

    result = cli.json("assign", str(added["id"]), str(clue), str(clue), "--region", "飞云社区")
    assert (result["assigned"], result["region_id"], result["region"]) == (2, district.regions["飞云社区"], "飞云社区")
    assert [c["id"] for c in result["clues"]] == sorted([clue, added["id"]])
    assert result["clues"] == [cli.json("show", str(c)) for c in sorted([clue, added["id"]])]
    assert {(c["status"], c["region"]) for c in result["clues"]} == {("assigned", "飞云社区")}
    assert cli("assign", str(clue), "--region", "八泉社区")[1] == "已将 1 条线索分派到八泉社区。\n"
    # the numbers as a list copied from a spreadsheet or a message: "12,13", "12、13"
    assert cli("assign", f"{clue},{added['id']}", "--region", "八泉社区")[1] == "已将 2 条线索分派到八泉社区。\n"
    assert cli("assign", f"{clue}、{added['id']}", "--region", "飞云社区")[1] == "已将 2 条线索分派到飞云社区。\n"
    # refused: the same message and code with --json as without, nothing assigned
    assert cli.refused("assign", str(clue), "--region", "火星街道", code="not_found") == \
        "找不到区划“火星街道”(可写名称或区划代码)。"
    assert "不能晚于今天" in cli.refused("add", "--name", "钱七", "--source", "grid", "--description", "x", "--date",
                                         (TODAY + timedelta(days=1)).isoformat(), code="invalid_input")
    assert [e.action for e in _audit(district, clue)] == ["clue.add"] + ["clue.assign"] * 4

def test_investigate_after_assigning_and_again(district: District, cli: Cli, clue: int) -> None:
    message = cli.refused("investigate", str(clue), code="invalid_input")
    assert message == f"线索 #{clue} 尚未分派到街道或社区,请先分派。"
    assert [e.action for e in _audit(district, clue)] == ["clue.add"]  # nothing written

    assert cli("assign", str(clue), "--region", "飞云社区")[0] == 0
    code, out, err = cli("investigate", str(clue))
    assert code == 0, err
    assert out == f"线索 #{clue}(张三)已开始调查,现为“调查中”。\n"
    entry = _audit(district, clue)[-1]
    assert (entry.action, entry.before, entry.after) == ("clue.investigate", {"status": "assigned"},
                                                         {"status": "investigating"})
    assert entry.username == "system" and "命令行" in entry.workstation
    again = cli.json("investigate", str(clue))  # a script run twice: nothing more happens, and it says so
    assert (again["status"], again["started"]) == ("investigating", False)
    assert cli("investigate", str(clue))[1] == f"线索 #{clue}(张三)已在调查中,没有改动。\n"
    assert [e.action for e in _audit(district, clue)].count("clue.investigate") == 1


def test_assign_then_close_makes_the_household(district: District, cli: Cli, clue: int) -> None:
    message = cli.refused("close", str(clue), "--outcome", "class_2", code="invalid_input")
    assert "尚未分派到社区,无法建立家庭档案" in message
    assert cli.json("show", str(clue))["status"] == "new"

    assert cli("assign", str(clue), "--region", "飞云社区")[0] == 0
    code, out, err = cli("close", str(clue), "--outcome", "class_2", "--reason", "有子女赡养,但身体差")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"已办结线索 #{clue}(张三):明显不符合,纳入二类库,办结日期 {TODAY}。"
    household_id = cli.json("show", str(clue))["household_id"]
    assert lines[1] == f"据线索新建家庭档案 #{household_id}:由“不在库”调入“二类库”。" and len(lines) == 2
    assert _stage(district, household_id) == Stage.CLASS_II
    with district.db.session_factory() as s:
        household = s.get(Household, household_id)
        assert household is not None and household.region_id == district.regions["飞云社区"]
    close = _audit(district, clue)[-1]
    assert (close.action, close.detail, close.username) == ("clue.close", "有子女赡养,但身体差", "system")
    assert (close.before["status"], close.after["status"], close.after["outcome"]) == ("assigned", "closed", "class_2")

    shown = cli.json("show", str(clue))
    assert (shown["status"], shown["outcome"], shown["closed_on"]) == ("closed", "class_2", TODAY.isoformat())
    assert shown["closing"]["note"] == "有子女赡养,但身体差" and shown["closing"]["closed_by"] == "系统"
    assert shown["household_stage_label"] == "二类库"
    assert datetime.fromisoformat(shown["closing"]["closed_at"]).tzinfo is not None  # as audit --json writes times
    assert datetime.fromisoformat(shown["assigned_at"]) <= datetime.fromisoformat(shown["closing"]["closed_at"])
    out = cli("show", str(clue))[1]
    assert "办结说明:有子女赡养,但身体差" in out and f"家庭:#{household_id}(户主 张三),二类库" in out


def test_close_then_reopen_then_close_again(district: District, cli: Cli, clue: int) -> None:
    clues.assign_clues(district.db, district.admin, [clue], district.regions["飞云社区"])
    assert cli("investigate", str(clue))[0] == 0
    closed = cli.json("close", str(clue), "--outcome", "not_passed", "--note", "收入略高", "--date",
                      (TODAY - timedelta(days=1)).isoformat())
    assert closed["status"] == "closed" and closed["closed_on"] == (TODAY - timedelta(days=1)).isoformat()
    assert (closed["household_created"], closed["stage_before"], closed["stage"]) == (True, None, Stage.CLASS_I)
    assert closed["start_application"] is False
    household_id = closed["household_id"]

    reopened = cli.json("reopen", str(clue), "--reason", "家属补交失业证明")
    assert (reopened["status"], reopened["previous_outcome"]) == ("investigating", "not_passed")
    shown = cli.json("show", str(clue))
    assert shown["status"] == "investigating" and shown["outcome"] is None and shown["closing"] is None
    assert shown["reopening"]["reason"] == "家属补交失业证明" and shown["reopening"]["reopened_by"] == "系统"
    assert shown["reopening"]["previous_outcome_label"] == "核对暂未通过,纳入一类库"
    out = cli("show", str(clue))[1]
    assert "重新打开的理由:家属补交失业证明" in out and "原办结结果:核对暂未通过,纳入一类库" in out

    code, out, err = cli("close", str(clue), "--outcome", "passed")
    assert code == 0, err
    assert out.splitlines()[1:] == [f"家庭 #{household_id}:由“一类库”调入“申请中”。",
                                    f"家庭 #{household_id} 在“申请中”,等待受理申请:{clues.AWAITING_ADVICE}"]
    assert _stage(district, household_id) == Stage.APPLYING
    assert [e.action for e in _audit(district, clue)] == [
        "clue.add", "clue.assign", "clue.investigate", "clue.close", "clue.reopen", "clue.close"]


def test_closing_as_not_hardship_names_the_linked_household_and_moves_nothing(district: District, cli: Cli,
                                                                               clue: int) -> None:
    """非困难对象 moves no household, but the clue stays linked to the registered one: --json gives
    its id (stage fields None: nothing moved) and the text says nothing about a household."""
    clues.assign_clues(district.db, district.admin, [clue], district.regions["飞云社区"])
    made = cli.json("close", str(clue), "--outcome", "class_2")
    household_id = made["household_id"]
    assert isinstance(household_id, int) and made["household_created"] is True
    again = clues.add_clue(district.db, district.admin, ClueInput(
        source_level=SourceLevel.VERTICAL, source="grid", reported_on=FOUND, description="再次反映",
        person_name="张三", id_number=ID_A, region_id=district.regions["飞云社区"], household_id=household_id))
    assert cli.json("show", str(again))["household_id"] == household_id  # filed on the registered household
    closed = cli.json("close", str(again), "--outcome", "not_hardship")
    assert (closed["outcome"], closed["household_id"], closed["household_created"]) == \
        ("not_hardship", household_id, False)
    assert (closed["stage_before"], closed["stage"], closed["start_application"]) == (None, None, False)
    assert _stage(district, household_id) == Stage.CLASS_II  # nothing moved
    assert cli.json("show", str(again))["household_id"] == household_id
    third = clues.add_clue(district.db, district.admin, ClueInput(
        source_level=SourceLevel.VERTICAL, source="grid", reported_on=FOUND, description="第三次反映",
        person_name="张三", id_number=ID_A, region_id=district.regions["飞云社区"], household_id=household_id))
    code, out, err = cli("close", str(third), "--outcome", "not_hardship")
    assert code == 0 and out.splitlines() == [f"已办结线索 #{third}(张三):非困难对象,办结日期 {TODAY}。"], err
    assert _stage(district, household_id) == Stage.CLASS_II


def test_edit_changes_only_what_is_given(district: District, cli: Cli, clue: int) -> None:
    clues.assign_clues(district.db, district.admin, [clue], district.regions["飞云社区"])
    version = cli.json("show", str(clue))["version"]
    code, out, err = cli("edit", str(clue), "--phone", "13900000000", "--description", "独居,右腿残疾")
    assert code == 0, err
    assert out.startswith(f"已更正线索 #{clue}(张三)。\n线索 #{clue} · ") and "联系电话:13900000000" in out
    shown = cli.json("show", str(clue))
    assert (shown["phone"], shown["description"], shown["version"]) == ("13900000000", "独居,右腿残疾", version + 1)
    assert (shown["name"], shown["id_number"], shown["address"], shown["reported_by"], shown["channel"]) == (
        "张三", ID_A, "飞云社区 3 栋", "楼栋长 李四", "home_visit")
    assert (shown["region"], shown["status"], shown["source"]) == ("飞云社区", "assigned", "building_head")
    entry = _audit(district, clue)[-1]
    assert entry.action == "clue.update" and entry.username == "system"
    assert (entry.before["phone"], entry.after["phone"]) == ("13800000000", "13900000000")

    edited = cli.json("edit", str(clue), "--region", "八泉社区", "--source", "人社", "--date",
                      (FOUND - timedelta(days=1)).isoformat(), "--name", "张叁")
    assert (edited["region"], edited["source_level"], edited["source"]) == ("八泉社区", "department", "hrss")
    assert (edited["name"], edited["reported_on"], edited["phone"]) == (
        "张叁", (FOUND - timedelta(days=1)).isoformat(), "13900000000")


def test_edit_refusals(district: District, cli: Cli, clue: int) -> None:
    assert "没有给出要更正的内容" in cli.refused("edit", str(clue), code="invalid_input")
    assert "线索不能改回未分派" in cli.refused("edit", str(clue), "--region", "西塞山区", code="invalid_input")
    assert "找不到区划“火星街道”" in cli.refused("edit", str(clue), "--region", "火星街道", code="not_found")
    message = cli.refused("edit", str(clue), "--id-number", "420203197005011234", code="invalid_input")
    assert message.startswith("线索信息有误:")
    clues.close_clue(district.db, district.admin, clue, "not_hardship")
    assert cli.refused("edit", str(clue), "--phone", "13900000000", code="invalid_input") == \
        f"线索 #{clue} 已办结,不能再修改。"
    assert [e.action for e in _audit(district, clue)] == ["clue.add", "clue.close"]


@pytest.mark.parametrize("argv", [["show"], ["edit", "--phone", "13900000000"], ["investigate"],
                                  ["close", "--outcome", "not_hardship"], ["reopen", "--reason", "误办结"]])
def test_an_unknown_clue(cli: Cli, clue: int, argv: list[str]) -> None:
    assert cli.refused(argv[0], str(clue + 100), *argv[1:], code="not_found") == \
        f"找不到线索(编号 {clue + 100}),可能已被删除。"


def test_close_refusals_of_a_clue_in_the_wrong_state_or_a_wrong_day(district: District, cli: Cli, clue: int) -> None:
    before, after = FOUND - timedelta(days=1), TODAY + timedelta(days=1)
    assert cli.refused("close", str(clue), "--outcome", "not_hardship", "--date", before.isoformat(),
                       code="invalid_input") == \
        f"线索 #{clue} 未办结:办结日期 {before} 早于发现日期 {FOUND},请把办结日期改为 {FOUND} 或以后。"
    assert cli.refused("close", str(clue), "--outcome", "not_hardship", "--date", after.isoformat(),
                       code="invalid_input") == f"办结日期 {after} 不能晚于今天({TODAY})。"
    assert cli.json("close", str(clue), "--outcome", "not_hardship")["household_id"] is None
    assert cli.refused("close", str(clue), "--outcome", "class_2", code="invalid_input") == \
        f"线索 #{clue} 已于 {TODAY} 办结。"
    assert cli.refused("investigate", str(clue), code="invalid_input") == f"线索 #{clue} 已办结。"
    assert [e.action for e in _audit(district, clue)] == ["clue.add", "clue.close"]


def test_a_bad_outcome_is_an_argument_error(cli: Cli, clue: int) -> None:
    code, out, err = cli("close", str(clue), "--outcome", "二类", "--json")
    assert code == 2 and json.loads(out)["code"] == "invalid_arguments"
    assert "无效的取值“二类”,可选:class_2、passed、not_passed、not_hardship" in err


@pytest.mark.parametrize("role", [Role.COMMUNITY_WORKER, Role.SUPERVISOR])
def test_an_acting_user_without_the_right(district: District, cli: Cli, clue: int, role: Role,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line acts as the system (whole district, cli_actor), so these refusals come only from
    the services' own checks; they are refused, with their code, and nothing is written."""
    clues.assign_clues(district.db, district.admin, [clue], district.regions["八泉社区"])
    actor: Actor = district.actor(role)
    monkeypatch.setattr(clue_commands, "cli_actor", lambda: actor)
    writes = [["edit", str(clue), "--phone", "13900000000"], ["investigate", str(clue)],
              ["close", str(clue), "--outcome", "not_hardship"]]
    if role == Role.COMMUNITY_WORKER:  # 飞云社区's worker: the clue is in 八泉社区
        for argv in [["show", str(clue)], *writes]:
            assert cli.refused(*argv, code="permission") == f"线索 #{clue}不在您(飞云社区)的管辖范围内。"
    else:  # the supervisor reads everything and writes nothing
        assert cli.json("show", str(clue))["id_number"] == idcard.mask(ID_A)
        for argv in writes:
            assert "统计查看人员无权修改数据" in cli.refused(*argv, code="permission")
    assert [e.action for e in _audit(district, clue)] == ["clue.add", "clue.assign"]
    assert clues.get_clue(district.db, district.admin, clue).status == "assigned"


def test_channel_outcome_and_status_by_their_chinese_names(district: District, cli: Cli, clue: int) -> None:
    """The discovery issue names channels, outcomes and states in words (电话沟通, walk-in, 非困难对象,
    新线索); they were refused as 'invalid value' unless written as codes, while --source took 楼栋长."""
    added = cli.json("add", "--name", "王五", "--source", "楼栋长", "--channel", "电话沟通", "--description", "x")
    assert (added["channel"], added["source"]) == ("phone", "building_head")
    assert cli.json("add", "--name", "王六", "--source", "网格", "--channel", "Walk-In", "--description", "x")[
        "channel"] == "walk_in"
    assert cli.json("edit", str(clue), "--channel", "visit")["channel"] == "home_visit"
    assert {c["id"] for c in cli.json("list", "--status", "新线索")} == {clue, added["id"]} | {added["id"] + 1}
    assert cli.json("close", str(clue), "--outcome", "非困难对象")["outcome"] == "not_hardship"
    code, out, err = cli("add", "--name", "赵", "--source", "楼栋长", "--channel", "短信", "--description", "x", "--json")
    assert code == 2 and json.loads(out)["code"] == "invalid_arguments"
    assert "无效的取值“短信”,可选:home_visit、screening、phone、wechat、walk_in、petition(也可写中文名称:走访调查" in err
