"""Issue 4 item 1's acceptance, end to end on an empty database (both databases): the clue lifecycle
(RULES.md §1.1) driven through ``relief-desk clue …`` as office IT's scripts and the hidden acceptance
suite drive it, every figure compared with the figures worked out by hand below.

Set-up, through the command line too: 八泉街道 (八泉社区, 飞云社区) and 河口镇 (道仕袱村) under the district;
a register of three households (import households):

    H1 甲  八泉社区  无, not on the board            (known, not in assistance)
    H2 乙  飞云社区  低保 → 救助中                   (在保)
    H3 丙  道仕袱村  无, 一类库; 丁 his spouse        (a member who is not the head)

Clues, all found ten days ago (FOUND):

    #1–#20  人1..人20, every source in turn (民政主任, 小组长, 志愿者, 楼栋长 | 第三方, 网格, 社区, 街道,
            区民政窗口, 市社会救助局 | 区总工会, 教育, 司法, 人社, 住保, 卫健, 应急管理, 医保, 残联 | 公安局),
            the six channels in turn; no ID number, not assigned → 4 informant, 6 vertical, 10 department
    #21 甲 (H1's ID)   → linked to H1, in 八泉社区
    #22 乙 (H2's ID)   → linked to H2, said to be 在保
    #23 丁丁 (丁's ID) → linked to H3, the registry's name 丁 pointed out
    #24 甲 again       → linked to H1, the open clue #21 pointed out
    #25 戊 new, 八泉社区; #26 己 new, 道仕袱村; #27 庚 new, 河口镇 (a sub-district)

Then: #1–#4 assigned to 八泉社区 in one go, #5 #6 to 八泉街道 and #5 again to 飞云社区; #1 investigated;
closings: #25 passed (new household → 申请中, an application to accept), #26 not_passed (new → 一类库),
#27 class_2 (refused in a sub-district, then assigned to 道仕袱村 → new household → 二类库), #21 class_2
(H1 → 二类库, no new household), #2 not_hardship (no household), #22 not_hardship (乙 stays 救助中);
#3 class_2 refused (no ID number), #22 class_2/not_passed refused (救助中). #2 is reopened.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.rules import idcard
from desktop.services import auth, clues, regions
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.services.errors import PermissionDenied
from tests.test_cli_database import run

TODAY = date.today()
FOUND = TODAY - timedelta(days=10)
SOURCES = ["civil_affairs_director", "group_leader", "volunteer", "building_head",
           "third_party", "grid", "community", "subdistrict", "district_window", "city_bureau",
           "union", "education", "justice", "hrss", "housing", "health", "emergency", "medical_insurance",
           "disabled_federation", "公安局"]
CHANNELS = ["home_visit", "screening", "phone", "wechat", "walk_in", "petition"]
IDS = {name: idcard.make("420203", date(1960, 1, n), 2 * n + 1) for n, name in enumerate("甲乙丙丁戊己庚", start=1)}


class Cli:
    def __init__(self, db: Database, capsys: pytest.CaptureFixture[str]) -> None:
        self.url = db.url.render_as_string(hide_password=False)
        self.capsys = capsys

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        return run(["--database-url", self.url, *argv], self.capsys)

    def ok(self, *argv: str) -> str:
        code, out, err = self(*argv)
        assert code == 0, err
        return out

    def json(self, *argv: str) -> Any:
        return json.loads(self.ok(*argv, "--json"))

    def refused(self, *argv: str, code: str = "invalid_input") -> str:
        """The message of a refusal: exit 1, nothing on stdout, and the same message as one JSON object."""
        status, out, err = self(*argv)
        assert status == 1 and out == "", (out, err)
        message = err.strip().splitlines()[-1].removeprefix("错误:")
        status, out, _ = self(*argv, "--json")
        assert status == 1 and json.loads(out) == {"error": message, "code": code}
        return message

    def listed(self, *argv: str) -> list[int]:
        return [c["id"] for c in self.json("clue", "list", "--limit", "500", *argv)]


def _register(path: Path) -> Path:
    header = ["户编号", "与户主关系", "姓名", "身份证号", "街道", "社区", "住址", "联系电话", "城乡类别", "健康状况",
              "残疾类别", "残疾等级", "劳动能力", "在校情况", "工资性收入", "经营净收入", "财产净收入", "转移净收入",
              "其他收入", "医疗支出", "教育支出", "其他刚性支出", "单亲家庭", "当前救助类别", "监测库别", "备注"]
    rows = [{"户编号": "H1", "与户主关系": "本人", "姓名": "甲", "街道": "八泉街道", "社区": "八泉社区", "当前救助类别": "无",
             "监测库别": "无"},
            {"户编号": "H2", "与户主关系": "本人", "姓名": "乙", "街道": "八泉街道", "社区": "飞云社区", "当前救助类别": "低保",
             "监测库别": "无"},
            {"户编号": "H3", "与户主关系": "本人", "姓名": "丙", "街道": "河口镇", "社区": "道仕袱村", "当前救助类别": "无",
             "监测库别": "一类库"},
            {"户编号": "H3", "与户主关系": "配偶", "姓名": "丁"}]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        row["身份证号"] = IDS[row["姓名"]]
        sheet.append([row.get(column) for column in header])
    book.save(path)
    return path


@pytest.fixture
def office(db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Cli:
    """The empty database with the regions, the register and clues #1–#20 of the module's docstring."""
    return _office(db, capsys, tmp_path)


def _office(db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Cli:
    cli = Cli(db, capsys)
    for name, parent in (("八泉街道", "西塞山区"), ("八泉社区", "八泉街道"), ("飞云社区", "八泉街道"),
                         ("河口镇", "西塞山区"), ("道仕袱村", "河口镇")):
        cli.ok("region", "add", name, "--parent", parent)
    cli.ok("import", "households", str(_register(tmp_path / "台账.xlsx")))
    for n, source in enumerate(SOURCES, start=1):
        shown = cli.json("clue", "add", "--name", f"人{n}", "--source", source, "--channel", CHANNELS[(n - 1) % 6],
                         "--date", FOUND.isoformat(), "--description", f"情况{n}", "--reported-by", f"报告人{n}")
        assert (shown["id"], shown["status"], shown["region"], shown["household_id"]) == (n, "new", "", None)
    return cli


def _add(cli: Cli, name: str, *extra: str, number: str | None = None) -> tuple[dict[str, Any], str]:
    """clue add for a person with an ID number: (the clue as --json prints it, the notes on stderr)."""
    code, out, err = cli("clue", "add", "--name", name, "--id-number", number or IDS[name], "--source", "grid",
                         "--date", FOUND.isoformat(), "--description", f"{name}的情况", *extra, "--json")
    assert code == 0, err
    return json.loads(out), err


def test_sources_channels_and_filters(office: Cli) -> None:
    cli = office
    shown = cli.json("clue", "show", "20")
    assert (shown["source_level"], shown["source"], shown["source_label"], shown["channel"]) == \
        ("department", "公安局", "公安局", "screening")
    assert [cli.json("clue", "show", str(n))["channel_label"] for n in range(1, 7)] == \
        ["走访调查", "主动排查", "电话沟通", "微信联系", "来访咨询", "上访"]
    # By source, by its Chinese name, and by a whole category (code or name).
    assert cli.listed("--source", "hrss") == cli.listed("--source", "人社") == [14]
    assert cli.listed("--source", "楼栋长") == [4]
    assert cli.listed("--source", "公安局") == [20]
    assert sorted(cli.listed("--source", "informant")) == [1, 2, 3, 4]
    assert sorted(cli.listed("--source", "四级信息员")) == [1, 2, 3, 4]
    assert sorted(cli.listed("--source", "vertical")) == list(range(5, 11))
    assert sorted(cli.listed("--source", "部门推送")) == list(range(11, 21))
    code, out, err = cli("clue", "list", "--source", "nosuch")
    assert code == 2 and "来源类别" in err and "Traceback" not in err
    # The text list says when --limit cut it short, and counts the unassigned as the inbox does.
    out = cli.ok("clue", "list", "--source", "department", "--limit", "3")
    assert len([line for line in out.splitlines() if line[:1].isdigit()]) == 3
    assert "只列出最新的 3 条,共 10 条符合条件" in out
    assert out.splitlines()[-1] == "合计:新线索 10,已分派 0,调查中 0,已办结 0;未分派 10"


def test_a_clue_about_a_registry_person_is_linked_to_their_household(office: Cli) -> None:
    cli = office
    jia, notes = _add(cli, "甲")
    assert (jia["id"], jia["status"], jia["region"]) == (21, "assigned", "八泉社区")  # to the household's community
    assert jia["household_id"] is not None and jia["household_stage"] is None
    assert "已关联台账中八泉社区“甲”户(不在看板上)" in notes
    yi, notes = _add(cli, "乙")
    assert (yi["region"], yi["household_stage_label"], yi["household_category_label"]) == ("飞云社区", "救助中", "低保")
    assert "注意:“乙”户目前在保(低保)。" in notes
    ding, notes = _add(cli, "丁丁", number=IDS["丁"])
    assert ding["region"] == "道仕袱村" and ding["household_stage_label"] == "一类库" and ding["name"] == "丁丁"
    assert "台账中该身份证号登记的姓名是“丁”" in notes
    again = cli("clue", "add", "--name", "甲", "--id-number", IDS["甲"], "--source", "网格", "--date",
                FOUND.isoformat(), "--description", "又报")
    assert again[0] == 0 and "已登记线索 #24。" in again[1] and "该当事人另有未办结的线索 #21" in again[1]
    assert cli.json("clue", "show", "24")["household_id"] == jia["household_id"]
    new, notes = _add(cli, "戊", "--region", "八泉社区")
    assert new["household_id"] is None and new["region"] == "八泉社区" and notes == ""


def test_assign_investigate_close_reopen(office: Cli, db: Database) -> None:
    cli = office
    for name in "甲乙":
        _add(cli, name)
    _add(cli, "丁丁", number=IDS["丁"])
    _add(cli, "甲")
    _add(cli, "戊", "--region", "八泉社区")
    _add(cli, "己", "--region", "道仕袱村")
    _add(cli, "庚", "--region", "河口镇")
    assert cli.listed() == list(range(27, 0, -1))

    # Bulk assign, re-assign; all or nothing.
    assert cli.json("clue", "assign", "1", "2", "3", "4", "--region", "八泉社区")["assigned"] == 4
    assigned = cli.json("clue", "assign", "5", "6", "--region", "420203001")  # 八泉街道 by its code
    assert assigned["region"] == "八泉街道" and [c["status"] for c in assigned["clues"]] == ["assigned"] * 2
    assert cli.ok("clue", "assign", "5", "--region", "飞云社区") == "已将 1 条线索分派到飞云社区。\n"
    assert cli.refused("clue", "assign", "7", "99", "--region", "八泉社区") == "找不到线索:#99。"
    assert cli.refused("clue", "assign", "7", "--region", "西塞山区") == "请分派到街道(镇)或社区(村),而不是全区。"
    assert "找不到区划“月球社区”" in cli.refused("clue", "assign", "7", "--region", "月球社区", code="not_found")
    assert cli.json("clue", "show", "7")["status"] == "new"
    # Out of the acting user's scope (the command line acts for the whole district; a community worker does not).
    cli.ok("user", "add", "feiyun", "--role", "community_worker", "--region", "飞云社区", "--password", "secret123")
    worker = auth.login(db, "feiyun", "secret123")
    assert {c.id for c in clues.list_clues(db, worker)} == {5, 22}  # 飞云社区's clues only
    with pytest.raises(PermissionDenied, match="区划“道仕袱村”"):
        clues.assign_clues(db, worker, [5], _region_id(db, "道仕袱村"))
    with pytest.raises(PermissionDenied, match="#7"):  # #7 is not assigned: the district's to send
        clues.assign_clues(db, worker, [5, 7], _region_id(db, "飞云社区"))
    assert cli.json("clue", "show", "5")["region"] == "飞云社区"

    # Investigating.
    assert cli.refused("clue", "investigate", "8") == "线索 #8 尚未分派到街道或社区,请先分派。"
    assert cli.json("clue", "investigate", "1") == {"id": 1, "status": "investigating", "started": True, "version": 3}
    assert cli.json("clue", "investigate", "1")["started"] is False

    # Closing dates: before the day found, in the future, and a closing twice.
    before = (FOUND - timedelta(days=1)).isoformat()
    assert cli.refused("clue", "close", "25", "--outcome", "passed", "--date", before) == \
        f"线索 #25 未办结:办结日期 {before} 早于发现日期 {FOUND},请把办结日期改为 {FOUND} 或以后。"
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    assert cli.refused("clue", "close", "25", "--outcome", "passed", "--date", tomorrow) == \
        f"办结日期 {tomorrow} 不能晚于今天({TODAY})。"

    # Each outcome and what it makes.
    passed = cli.json("clue", "close", "25", "--outcome", "passed", "--date", FOUND.isoformat())
    assert (passed["household_created"], passed["stage_before"], passed["stage"], passed["start_application"]) == \
        (True, None, "applying", True)
    assert cli.refused("clue", "close", "25", "--outcome", "class_2") == f"线索 #25 已于 {FOUND} 办结。"
    out = cli.ok("clue", "close", "26", "--outcome", "not_passed", "--note", "核对未通过")
    assert "据线索新建家庭档案" in out and "由“不在库”调入“一类库”" in out
    assert "需要具体的社区(村)" in cli.refused("clue", "close", "27", "--outcome", "class_2")
    cli.ok("clue", "assign", "27", "--region", "道仕袱村")
    assert cli.json("clue", "close", "27", "--outcome", "class_2")["stage"] == "class_2"
    jia = cli.json("clue", "close", "21", "--outcome", "class_2")
    assert (jia["household_created"], jia["stage_before"], jia["stage"]) == (False, None, "class_2")
    none = cli.json("clue", "close", "2", "--outcome", "not_hardship")
    assert none["household_id"] is None and none["stage"] is None
    assert "没有身份证号" in cli.refused("clue", "close", "3", "--outcome", "class_2")
    for outcome in ("class_2", "not_passed", "passed"):
        assert "目前在“救助中”" in cli.refused("clue", "close", "22", "--outcome", outcome)
    yi = cli.json("clue", "show", "22")["household_id"]
    closed = cli.json("clue", "close", "22", "--outcome", "not_hardship")
    assert isinstance(yi, int) and (closed["household_id"], closed["stage_before"], closed["stage"]) == \
        (yi, None, None)  # linked to 乙, nothing moved: 乙 stays in 救助中
    assert cli.json("clue", "show", "22")["household_stage"] == "assisted"
    assert cli.refused("clue", "assign", "21", "4", "--region", "八泉社区") == \
        "线索 #21 已办结,不能再分派;本次一条也没有分派。请去掉这些线索后再分派。"
    board = cli.ok("board").splitlines()
    assert board[:6] == ["待调查\t0", "待核对\t0", "一类库\t2", "二类库\t2", "申请中\t1", "救助中\t1"]

    # Reopening.
    assert cli.refused("clue", "reopen", "1", "--reason", "x") == "线索 #1 没有办结(调查中),不需要重新打开。"
    reopened = cli.json("clue", "reopen", "2", "--reason", "办结有误")
    assert (reopened["status"], reopened["previous_outcome"]) == ("assigned", "not_hardship")
    assert cli.json("clue", "reopen", "25", "--reason", "情况有变化")["stage"] is None  # back off the board
    assert cli.ok("board").splitlines()[4] == "申请中\t0"

    # The list by status, region and source, and its counts line.
    assert sorted(cli.listed("--status", "closed")) == [21, 22, 26, 27]
    assert cli.listed("--status", "investigating") == [1]
    assert sorted(cli.listed("--status", "assigned")) == [2, 3, 4, 5, 6, 23, 24, 25]  # 23–25 filed with one
    assert sorted(cli.listed("--status", "new")) == list(range(7, 21))
    assert sorted(cli.listed("--region", "八泉街道")) == [1, 2, 3, 4, 5, 6, 21, 22, 24, 25]
    assert sorted(cli.listed("--region", "飞云社区")) == [5, 22]
    assert sorted(cli.listed("--region", "河口镇")) == [23, 26, 27]
    assert sorted(cli.listed("--unassigned")) == list(range(7, 21))
    assert sorted(cli.listed("--source", "grid", "--status", "closed")) == [21, 22, 26, 27]
    out = cli.ok("clue", "list", "--region", "八泉社区")
    assert out.splitlines()[-1] == "合计:新线索 0,已分派 5,调查中 1,已办结 1;未分派 0"


def _region_id(db: Database, name: str) -> int:
    return regions.find_region(db, Actor.system("test"), name).id


def test_the_inbox_page_shows_what_the_commands_did(qtbot, chinese, sqlite_db: Database,  # noqa: ANN001
                                                    capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Two paths seen in the window's clue inbox: #1 assigned and under investigation, #2 closed as not a
    hardship case; the counts line beside the buttons counts each status and the unassigned."""
    from desktop.views.context import AppContext
    from desktop.views.discovery import DiscoveryPage

    cli = _office(sqlite_db, capsys, tmp_path)
    cli.ok("clue", "assign", "1", "2", "3", "4", "--region", "八泉社区")
    cli.ok("clue", "investigate", "1")
    cli.ok("clue", "close", "2", "--outcome", "not_hardship", "--note", "有稳定收入")
    cli.ok("user", "add", "boss", "--role", "admin", "--password", "secret123")
    page = DiscoveryPage(AppContext(sqlite_db, auth.login(sqlite_db, "boss", "secret123")))
    qtbot.addWidget(page)
    inbox = page.inbox
    assert inbox.counts.text() == "新线索 16  ·  已分派 2  ·  调查中 1\n已办结 1  ·  未分派 16"

    def row_of(clue_id: int) -> list[str]:
        row = next(r for r, c in enumerate(inbox.model.rows) if c.id == clue_id)
        return [inbox.model.data(inbox.model.index(row, column)) for column in range(9)]

    assert inbox.model.rowCount() == 19  # the open clues, as the inbox opens
    assert row_of(1)[4:] == ["民政主任", "走访调查", "八泉社区", "调查中", ""]
    assert row_of(5)[6:8] == ["(未分派)", "新线索"]
    inbox.status.setCurrentIndex(inbox.status.findText("已办结"))
    assert [c.id for c in inbox.model.rows] == [2]
    assert row_of(2)[4:] == ["小组长", "主动排查", "八泉社区", "已办结", "非困难对象"]
    assert inbox.counts.text().split()[-1] == "16"  # the counts do not follow the status filter
