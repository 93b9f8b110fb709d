"""Setting up a district's regions (desktop/services/regions.py): a new office must be able to add
its sub-districts and communities itself, not only through `relief-desk demo`."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from sqlalchemy import select

from desktop.models import AuditEntry
from desktop.rules.codes import Role
from desktop.services import auth, regions
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.services.errors import NotFound, PermissionDenied, ServiceError, ValidationFailed
from tests.district import District


@pytest.fixture
def fresh(db: Database) -> tuple[Database, Actor, int]:
    """A first run: only the root district, and the first administrator."""
    root = auth.ensure_district(db)
    actor = auth.create_first_admin(db, username="boss", password="secret123")
    return db, actor, root


def write_list(path: Path, rows: list[list[Any]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return path


def audit_actions(db: Database) -> list[str]:
    with db.session_factory() as s:
        return list(s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("region.%"))
                              .order_by(AuditEntry.id)))


def test_a_new_office_adds_its_towns_and_villages(fresh: tuple[Database, Actor, int]) -> None:
    db, admin, root = fresh
    sub = regions.add_region(db, admin, parent_id=root, name="八泉街道")
    town = regions.add_region(db, admin, parent_id=root, name="河口镇")
    community = regions.add_region(db, admin, parent_id=sub, name="飞云社区")
    village = regions.add_region(db, admin, parent_id=town, name="道仕袱村", code="420203002005")
    rows = {r.name: r for r in regions.list_regions(db, admin)}
    assert rows["八泉街道"].level == "subdistrict" and rows["八泉街道"].area_type == "urban"
    assert rows["八泉街道"].code == "420203001" and rows["河口镇"].code == "420203002"
    assert rows["河口镇"].area_type == "rural"  # a town's people are rural
    assert rows["飞云社区"].level == "community" and rows["飞云社区"].code == "420203001001"
    assert rows["道仕袱村"].area_type == "rural" and rows["道仕袱村"].code == "420203002005"
    assert rows["飞云社区"].path == f"/{root:08d}/{sub:08d}/{community:08d}/"
    assert [r.name for r in regions.list_regions(db, admin)] == ["西塞山区", "八泉街道", "飞云社区", "河口镇", "道仕袱村"]
    assert audit_actions(db) == ["region.add"] * 4
    # The new community can now hold a community worker's account.
    auth.add_user(db, admin, username="w1", password="secret123", role=Role.COMMUNITY_WORKER, region_id=village)


def test_adding_refuses_what_would_break_the_tree(fresh: tuple[Database, Actor, int]) -> None:
    db, admin, root = fresh
    sub = regions.add_region(db, admin, parent_id=root, name="八泉街道")
    community = regions.add_region(db, admin, parent_id=sub, name="飞云社区")
    with pytest.raises(ValidationFailed, match="已有名为“飞云社区”"):
        regions.add_region(db, admin, parent_id=sub, name=" 飞云社区 ")
    with pytest.raises(ValidationFailed, match="不能再添加下级"):
        regions.add_region(db, admin, parent_id=community, name="一组")
    with pytest.raises(ValidationFailed, match="下级应是街道"):
        regions.add_region(db, admin, parent_id=root, name="某村", kind="村")
    with pytest.raises(ValidationFailed, match="已被“飞云社区”使用"):
        regions.add_region(db, admin, parent_id=sub, name="八泉社区", code="420203001001")
    with pytest.raises(ValidationFailed, match="只能由数字"):
        regions.add_region(db, admin, parent_id=sub, name="八泉社区", code="A1")
    with pytest.raises(ValidationFailed, match="名称不能为空"):
        regions.add_region(db, admin, parent_id=sub, name="  ")
    with pytest.raises(ValidationFailed, match="城乡类别"):
        regions.add_region(db, admin, parent_id=sub, name="八泉社区", area_type="郊区")
    # The same name under another sub-district is a different community.
    other = regions.add_region(db, admin, parent_id=root, name="黄思湾街道")
    regions.add_region(db, admin, parent_id=other, name="飞云社区", kind="社区", area_type="农村")
    assert len([r for r in regions.list_regions(db, admin) if r.name == "飞云社区"]) == 2
    with pytest.raises(ValidationFailed, match="请写区划代码或“上级/名称”"):
        regions.find_region(db, admin, "飞云社区")
    assert regions.find_region(db, admin, "黄思湾街道/飞云社区").area_type == "rural"


def test_only_an_administrator_changes_regions(district: District) -> None:
    worker = district.actor(Role.SUBDISTRICT_CASEWORKER)
    with pytest.raises(PermissionDenied):
        regions.add_region(district.db, worker, parent_id=district.regions["八泉街道"], name="新社区")
    with pytest.raises(PermissionDenied):
        regions.rename_region(district.db, worker, district.regions["八泉社区"], "新名")
    # Others see their own part of the tree.
    assert [r.name for r in regions.list_regions(district.db, worker)] == ["八泉街道", "八泉社区", "飞云社区"]


def test_renaming_the_district_lets_another_district_use_the_program(fresh: tuple[Database, Actor, int]) -> None:
    db, admin, root = fresh
    regions.rename_region(db, admin, root, "黄石港区", code="420202")
    sub = regions.add_region(db, admin, parent_id=root, name="江北管理区")
    rows = {r.id: r for r in regions.list_regions(db, admin)}
    assert (rows[root].name, rows[root].code) == ("黄石港区", "420202")
    assert rows[sub].code == "420202001"
    assert audit_actions(db) == ["region.rename", "region.add"]
    assert auth.ensure_district(db) == root  # the renamed root stays the district


def test_renaming_refuses_a_name_or_code_in_use(fresh: tuple[Database, Actor, int]) -> None:
    db, admin, root = fresh
    a = regions.add_region(db, admin, parent_id=root, name="八泉街道")
    regions.add_region(db, admin, parent_id=root, name="河口镇")
    with pytest.raises(ValidationFailed, match="已有名为“河口镇”"):
        regions.rename_region(db, admin, a, "河口镇")
    with pytest.raises(ValidationFailed, match="已被“西塞山区”使用"):
        regions.rename_region(db, admin, a, "八泉", code="420203")
    with pytest.raises(ValidationFailed, match="没有变化"):
        regions.rename_region(db, admin, a, "八泉街道")
    regions.rename_region(db, admin, a, "八泉街道办事处")
    assert regions.find_region(db, admin, "420203001").name == "八泉街道办事处"


def test_importing_a_list_creates_what_is_missing(fresh: tuple[Database, Actor, int], tmp_path: Path) -> None:
    db, admin, root = fresh
    regions.add_region(db, admin, parent_id=root, name="八泉街道")
    path = write_list(tmp_path / "区划.xlsx", [
        ["街道(镇)", "社区(村)", "城乡类别", "区划代码"],
        ["八泉街道", "飞云社区", "", ""],
        ["八泉街道", "八泉社区", "城市", "420203001777"],
        ["河口镇", "道仕袱村", "", ""],
        ["河口镇", "闸口社区", "城市", ""],
        ["", "", "", ""],
        ["河口镇", "道仕袱村", "", ""],  # listed twice: counted once
    ])
    trial = regions.import_regions(db, admin, path, dry_run=True)
    assert (trial.created_subdistricts, trial.created_communities, trial.existing, trial.errors) == (1, 4, 1, [])
    assert [r.name for r in regions.list_regions(db, admin)] == ["西塞山区", "八泉街道"]  # a dry run writes nothing
    result = regions.import_regions(db, admin, path)
    assert (result.created_subdistricts, result.created_communities, result.existing) == (1, 4, 1)
    rows = {r.name: r for r in regions.list_regions(db, admin)}
    assert rows["八泉社区"].code == "420203001777"
    assert rows["道仕袱村"].area_type == "rural" and rows["闸口社区"].area_type == "urban"
    assert rows["河口镇"].area_type == "rural"
    assert audit_actions(db).count("region.add") == 6 and audit_actions(db)[-1] == "region.import"
    again = regions.import_regions(db, admin, path)  # run twice: nothing new
    assert (again.created, again.existing) == (0, 6)


def test_an_import_with_a_bad_row_writes_nothing_and_names_row_and_column(
        fresh: tuple[Database, Actor, int], tmp_path: Path) -> None:
    db, admin, _root = fresh
    path = write_list(tmp_path / "区划.xlsx", [
        ["序号", "乡镇/街道", "村/社区", "城乡类别"],
        [1, "八泉街道", "飞云社区", "城市"],
        [2, "", "八泉社区", "城市"],
        [3, "河口镇", "道仕袱村", "郊区"],
    ])
    result = regions.import_regions(db, admin, path)
    assert [str(e) for e in result.errors] == [
        "第 3 行“乡镇/街道”列:街道(镇)不能为空",
        "第 4 行“城乡类别”列:“郊区”不认识,应为 城市 或 农村",
    ]
    assert not result.written
    assert [r.name for r in regions.list_regions(db, admin)] == ["西塞山区"]
    assert audit_actions(db) == []


def test_an_import_without_the_columns_says_which_are_needed(fresh: tuple[Database, Actor, int], tmp_path: Path) -> None:
    db, admin, _root = fresh
    path = write_list(tmp_path / "x.xlsx", [["姓名", "身份证号"], ["张三", "1"]])
    with pytest.raises(ServiceError, match="找不到“街道\\(镇\\)”和“社区\\(村\\)”两列"):
        regions.import_regions(db, admin, path)
    with pytest.raises(ServiceError, match="找不到文件"):
        regions.import_regions(db, admin, tmp_path / "missing.xlsx")


# -- deleting and moving ------------------------------------------------------------------------

def test_a_region_nothing_uses_is_deleted_and_the_district_is_not(fresh: tuple[Database, Actor, int]) -> None:
    db, admin, root = fresh
    sub = regions.add_region(db, admin, parent_id=root, name="八泉街道")
    wrong = regions.add_region(db, admin, parent_id=sub, name="飞去社区")  # a slip of the keyboard
    info = regions.deletion_info(db, admin, sub)
    assert info.refusal == ("不能删除街道(镇)“八泉街道”:还有下级区划 1 个属于它。只有没有任何下级区划、家庭、账号和"
                            "业务记录的区划才能删除(例如刚刚加错的区划);区划更名请用重命名,撤并社区请先把它的家庭和账号调整到其他区划。")
    with pytest.raises(ServiceError, match="下级区划 1 个") as refused:
        regions.delete_region(db, admin, sub)
    assert refused.value.code == "refused"
    assert regions.deletion_info(db, admin, wrong).refusal == ""
    done = regions.delete_region(db, admin, wrong, expected_version=regions.find_region(db, admin, "飞去社区").version)
    assert done.region.name == "飞去社区"
    assert [r.name for r in regions.list_regions(db, admin)] == ["西塞山区", "八泉街道"]
    regions.delete_region(db, admin, sub)
    with pytest.raises(ServiceError, match="是区本身,不能删除"):
        regions.delete_region(db, admin, root)
    with pytest.raises(NotFound):
        regions.delete_region(db, admin, wrong)
    assert audit_actions(db)[-2:] == ["region.delete", "region.delete"]
    with db.session_factory() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "region.delete").order_by(AuditEntry.id)).first()
        assert entry is not None and entry.before["name"] == "飞去社区" and "420203001001" in entry.detail


def test_only_an_administrator_deletes_or_moves_regions(district: District) -> None:
    worker = district.actor(Role.SUBDISTRICT_CASEWORKER)
    with pytest.raises(PermissionDenied):
        regions.delete_region(district.db, worker, district.regions["八泉社区"])
    with pytest.raises(PermissionDenied):
        regions.move_region(district.db, worker, district.regions["八泉社区"], district.regions["河口镇"])


def test_every_reference_to_a_region_is_counted_in_words() -> None:
    """A table that gets a foreign key to regions must be named in the refusal (not as its table name)."""
    assert set(regions.references()) == set(regions.USES)
    assert regions.references()["clues"] == ["region_id", "scope_region_id"]


def test_a_region_in_use_is_not_deleted_and_the_message_counts_what_uses_it(district: District) -> None:
    from desktop.services import applications, clues
    from desktop.services import households as hs

    d = district
    home = d.regions["闸口社区"]
    hid = hs.create_household(d.db, d.admin, region_id=home, address="闸口路1号",
                              head={"name": "张三", "id_number": "420203199001011238"})
    hs.add_member(d.db, d.admin, hid, hs.get_household(d.db, d.admin, hid).version,
                  {"name": "张小", "id_number": "11010519491231002X", "relation": "child"})
    applications.accept(d.db, d.admin, household_id=hid, category="dibao", accepted_on=date(2026, 2, 10))
    clues.add_clue(d.db, d.admin, clues.ClueInput(source_level="department", source="hrss", reported_on=date(2026, 2, 1),
                                                  description="人社名单", person_name="李四", region_id=home))
    user = auth.add_user(d.db, d.admin, username="zk", password="secret123", role=Role.COMMUNITY_WORKER, region_id=home)
    auth.update_user(d.db, d.admin, user, active=False)
    info = regions.deletion_info(d.db, d.admin, home)
    assert [str(u) for u in info.uses] == ["家庭 1 户(成员 2 人)", "用户账号 1 个(其中已停用 1 个)", "线索 1 条",
                                           "申请 1 份", "库别调整记录 1 条"]  # accepting moved the household
    with pytest.raises(ServiceError, match=re.escape("还有家庭 1 户(成员 2 人)、用户账号 1 个(其中已停用 1 个)、线索 1 条、"
                                                     "申请 1 份、库别调整记录 1 条属于它")):
        regions.delete_region(d.db, d.admin, home)
    assert "闸口社区" in [r.name for r in regions.list_regions(d.db, d.admin)]
    assert "region.delete" not in audit_actions(d.db)


def test_moving_a_community_takes_its_households_and_records_along(district: District) -> None:
    """行政区划调整: 飞云社区 moves from 八泉街道 to 河口镇. Its households keep their community; who
    sees them follows the tree: the new sub-district's caseworker does, the old one's no longer, and
    the community worker, logged in before, logs in again and sees the same households."""
    from desktop.services import clues, monitoring
    from desktop.services import households as hs
    from desktop.services.errors import AccountChanged

    d = district
    feiyun, hekou = d.regions["飞云社区"], d.regions["河口镇"]
    homes = [hs.create_household(d.db, d.admin, region_id=feiyun, address=f"飞云路{n}号", stage="class_1",
                                 head={"name": name, "id_number": number})
             for n, (name, number) in enumerate((("张三", "420203199001011238"), ("李娟", "11010519491231002X")), 1)]
    clues.add_clue(d.db, d.admin, clues.ClueInput(source_level="informant", source="civil_affairs_director", reported_on=date(2026, 2, 1),
                                                  description="走访发现", household_id=homes[0]))
    old_caseworker, worker = d.actor(Role.SUBDISTRICT_CASEWORKER), d.actor(Role.COMMUNITY_WORKER)
    auth.add_user(d.db, d.admin, username="hk", password="secret123", role=Role.SUBDISTRICT_CASEWORKER, region_id=hekou)
    new_caseworker = auth.login(d.db, "hk", "secret123")

    def seen(actor: Actor) -> int:
        return hs.count_households(d.db, actor, hs.HouseholdFilter())
    assert (seen(old_caseworker), seen(new_caseworker), seen(worker)) == (2, 0, 2)

    info = regions.move_info(d.db, d.admin, feiyun, hekou)
    assert (info.region.name, info.old_parent.name, info.new_parent.name, info.households, info.accounts) == (
        "飞云社区", "八泉街道", "河口镇", 2, 1)
    assert [r.name for r in regions.list_regions(d.db, d.admin)][1:4] == ["八泉街道", "八泉社区", "飞云社区"]  # nothing yet
    regions.move_region(d.db, d.admin, feiyun, hekou, expected_version=regions.find_region(d.db, d.admin, "飞云社区").version)

    moved = regions.find_region(d.db, d.admin, "飞云社区")
    assert (moved.parent_id, moved.path, moved.code) == (hekou, f"/{d.root_id:08d}/{hekou:08d}/{feiyun:08d}/", "420203001002")
    assert [r.name for r in regions.list_regions(d.db, new_caseworker)] == ["河口镇", "飞云社区", "闸口社区", "道仕袱村"]
    assert (seen(old_caseworker), seen(new_caseworker)) == (0, 2)
    assert monitoring.column_counts(d.db, new_caseworker)["class_1"] == 2
    assert clues.count_clues(d.db, new_caseworker).total == 1 and clues.count_clues(d.db, old_caseworker).total == 0
    with pytest.raises(AccountChanged, match="“飞云社区”已被系统管理员调整到其他上级区划,请重新登录"):
        seen(worker)
    again = auth.login(d.db, worker.username, "secret123")
    assert seen(again) == 2 and clues.count_clues(d.db, again).total == 1
    assert [r.name for r in regions.list_regions(d.db, again)] == ["飞云社区"]
    with d.db.session_factory() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "region.move")).one()
    assert entry.before["parent_id"] == d.regions["八泉街道"] and entry.after["parent_id"] == hekou
    assert entry.detail == "将社区(村)“飞云社区”从“八泉街道”调整到“河口镇”,家庭 2 户随之调整"


def test_a_move_that_would_break_the_tree_is_refused(district: District) -> None:
    d = district
    with pytest.raises(ValidationFailed, match="只有社区\\(村\\)可以调整"):
        regions.move_region(d.db, d.admin, d.regions["八泉街道"], d.regions["河口镇"])
    with pytest.raises(ValidationFailed, match="只能调整到街道\\(镇\\)下,“闸口社区”是社区\\(村\\)"):
        regions.move_region(d.db, d.admin, d.regions["飞云社区"], d.regions["闸口社区"])
    with pytest.raises(ValidationFailed, match="已在“八泉街道”下,不用调整"):
        regions.move_region(d.db, d.admin, d.regions["飞云社区"], d.regions["八泉街道"])
    regions.add_region(d.db, d.admin, parent_id=d.regions["河口镇"], name="飞云社区")
    with pytest.raises(ValidationFailed, match="“河口镇”下已有名为“飞云社区”的区划"):
        regions.move_info(d.db, d.admin, d.regions["飞云社区"], d.regions["河口镇"])
    assert regions.find_region(d.db, d.admin, "420203001002").parent_id == d.regions["八泉街道"]
    assert "region.move" not in audit_actions(d.db)


# -- the command line ----------------------------------------------------------------------------

def run(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> tuple[int, str, str]:
    from desktop import cli
    code = cli.main([*argv, "--database-url", url])
    out, err = capsys.readouterr()
    return code, out, err


def test_region_commands_set_up_a_district(fresh: tuple[Database, Actor, int], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db, admin, _root = fresh
    url = db.url.render_as_string(hide_password=False)
    code, out, _ = run(capsys, url, "region", "list")
    assert code == 0 and "还没有街道/镇和社区/村" in out
    code, out, _ = run(capsys, url, "region", "add", "河口镇", "--parent", "西塞山区")
    assert code == 0 and out == "已在“西塞山区”下添加街道(镇)“河口镇”(代码 420203001,农村)。\n"
    code, out, _ = run(capsys, url, "region", "add", "闸口社区", "--parent", "420203001", "--level", "社区",
                       "--area", "城市", "--code", "420203001009")
    assert code == 0 and "代码 420203001009,城市" in out
    code, out, err = run(capsys, url, "region", "add", "某组", "--parent", "闸口社区")
    assert code == 1 and out == "" and err == "错误:“闸口社区”是社区(村),不能再添加下级区划。\n"
    code, out, err = run(capsys, url, "region", "add", "某村", "--parent", "没有的镇")
    assert code == 1 and err == "错误:找不到区划“没有的镇”(可写名称或区划代码)。\n"
    code, out, err = run(capsys, url, "region", "rename", "西塞山区", "黄石港区", "--code", "420202")
    assert code == 0 and out == "已将“西塞山区”改名为“黄石港区”,代码 420202。\n"
    code, out, _ = run(capsys, url, "region", "list")
    assert out.splitlines() == ["420202\t黄石港区\t区\t城市", "420203001\t  河口镇\t街道(镇)\t农村",
                                "420203001009\t    闸口社区\t社区(村)\t城市"]


def test_every_command_finds_a_region_the_same_way(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    """--region of any command is found as `region add --parent` is: a name two parents share is refused
    naming both (it took the first one silently), and "上级/名称" picks one (it was not found)."""
    d = district
    url = d.db.url.render_as_string(hide_password=False)
    other = regions.add_region(d.db, d.admin, parent_id=d.regions["河口镇"], name="飞云社区")
    code, _, err = run(capsys, url, "user", "add", "w2", "--role", "community_worker", "--region", "飞云社区",
                       "--password", "secret123")
    assert code == 1 and "有 2 个区划名为“飞云社区”" in err and "河口镇/飞云社区" in err and "八泉街道/飞云社区" in err
    code, _, err = run(capsys, url, "user", "add", "w2", "--role", "community_worker", "--region", "河口镇/飞云社区",
                       "--password", "secret123")
    assert code == 0, err
    assert next(u for u in auth.list_users(d.db, d.admin) if u.username == "w2").region_id == other
    code, out, _ = run(capsys, url, "board", "--json", "--region", "420203001002")  # by code: 八泉街道's 飞云社区
    assert code == 0 and "error" not in json.loads(out)


def test_region_delete_and_move_commands(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.services import households as hs

    d = district
    url = d.db.url.render_as_string(hide_password=False)
    hs.create_household(d.db, d.admin, region_id=d.regions["飞云社区"], address="飞云路1号",
                        head={"name": "张三", "id_number": "420203199001011238"})
    code, out, err = run(capsys, url, "region", "move", "飞云社区", "--parent", "河口镇")
    assert code == 0 and out == ("将把社区(村)“飞云社区”从“八泉街道”调整到“河口镇”下,其家庭 1 户及其线索、申请、走访等记录随之调整"
                                 "(区划代码不变,如需更改请用 region rename)。确认请加 --yes。\n")
    assert regions.find_region(d.db, d.admin, "飞云社区").parent_id == d.regions["八泉街道"]  # not without --yes
    code, out, err = run(capsys, url, "region", "move", "飞云社区", "--parent", "河口镇", "--yes")
    assert code == 0 and out.startswith("已将社区(村)“飞云社区”从“八泉街道”调整到“河口镇”下,其家庭 1 户")
    assert "1 个账号如正在使用,需要重新登录" in out
    assert regions.find_region(d.db, d.admin, "河口镇/飞云社区").parent_id == d.regions["河口镇"]
    code, out, err = run(capsys, url, "region", "move", "河口镇", "--parent", "八泉街道", "--yes")
    assert code == 1 and err.startswith("错误:街道(镇)“河口镇”不能调整:只有社区(村)可以调整")

    code, out, err = run(capsys, url, "region", "delete", "飞云社区", "--yes")
    assert code == 1 and out == "" and err.startswith("错误:不能删除社区(村)“飞云社区”:还有家庭 1 户(成员 1 人)、用户账号 1 个")
    code, out, err = run(capsys, url, "region", "delete", "飞云社区", "--json")
    assert code == 1 and json.loads(out)["code"] == "refused" and "家庭 1 户" in json.loads(out)["error"]
    code, out, err = run(capsys, url, "region", "delete", "西塞山区", "--yes")
    assert code == 1 and "是区本身,不能删除" in err
    regions.add_region(d.db, d.admin, parent_id=d.regions["八泉街道"], name="加错社区")
    code, out, err = run(capsys, url, "region", "delete", "加错社区")
    assert code == 0 and out.startswith("将删除社区(村)“加错社区”(代码 420203001003)") and out.endswith("确认请加 --yes。\n")
    code, out, err = run(capsys, url, "region", "delete", "420203001003", "--yes", "--json")
    assert code == 0 and json.loads(out) | {"id": 0} == {"id": 0, "name": "加错社区", "region_code": "420203001003",
                                                       "level": "community", "area_type": "urban", "deleted": True}
    code, out, err = run(capsys, url, "region", "delete", "加错社区")
    assert code == 1 and err == "错误:找不到区划“加错社区”(可写名称或区划代码)。\n"


def test_region_import_command(fresh: tuple[Database, Actor, int], tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    db, admin, _root = fresh
    url = db.url.render_as_string(hide_password=False)
    good = write_list(tmp_path / "good.xlsx", [["街道(镇)", "社区(村)"], ["八泉街道", "飞云社区"], ["河口镇", "道仕袱村"]])
    code, out, _ = run(capsys, url, "region", "import", str(good), "--dry-run")
    assert code == 0 and out.startswith("试运行(未写入数据库)") and "将新增街道(镇)2 个、社区(村)2 个" in out
    code, out, _ = run(capsys, url, "region", "import", str(good), "--json")
    assert code == 0
    assert json.loads(out) | {"file": ""} == {
        "file": "", "dry_run": False, "written": True, "rows": 2, "created_subdistricts": 2,
        "created_communities": 2, "existing": 0, "errors": []}
    bad = write_list(tmp_path / "bad.xlsx", [["街道(镇)", "社区(村)", "城乡类别"], ["八泉街道", "新社区", "郊区"]])
    code, out, err = run(capsys, url, "region", "import", str(bad))
    assert code == 1 and "第 2 行“城乡类别”列:“郊区”不认识" in out
    assert err == "错误:区划清单有 1 处错误(见上),没有写入任何区划;请改正后重新导入。\n"
    code, out, err = run(capsys, url, "region", "import", str(bad), "--json")
    document = json.loads(out)
    assert code == 1 and document["code"] == "invalid_input" and document["errors"][0]["column"] == "城乡类别"
    code, out, err = run(capsys, url, "region", "import", str(tmp_path / "none.xlsx"), "--json")
    assert code == 1 and json.loads(out)["code"] == "invalid_file"
    assert "新社区" not in [r.name for r in regions.list_regions(db, admin)]


def test_a_database_just_made_takes_a_region_list_and_then_a_register(db: Database, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A new office on the command line: `db upgrade` makes no district (the window does at first run),
    and `region import` told it to run `relief-desk db init`, a command that does not exist."""
    from desktop.cli import main as cli_main
    from tests.test_import_register import SAMPLE

    url = db.url.render_as_string(hide_password=False)
    listing = write_list(tmp_path / "区划.xlsx", [["街道(镇)", "社区(村)"], ["八泉街道", "飞云社区"],
                                                   ["牧羊湖街道", "胡家湾社区"]])
    assert cli_main(["region", "import", str(listing), "--json", "--database-url", url]) == 0
    assert "error" not in json.loads(capsys.readouterr().out)
    names = {r.name for r in regions.list_regions(db, Actor.system())}
    assert {"西塞山区", "八泉街道", "飞云社区", "牧羊湖街道", "胡家湾社区"} <= names
    if SAMPLE.exists():  # the regions a register names are there to import it into (its rows name others too)
        assert cli_main(["import", "households", str(SAMPLE), "--dry-run", "--json", "--database-url", url]) == 0
        assert json.loads(capsys.readouterr().out)["households_created"] > 0
