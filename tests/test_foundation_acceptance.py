"""End-to-end acceptance of the foundation (issue 2) and a workstation's first run (issue 9) through
the command line as a new office uses it: regions, accounts, the lock after wrong passwords, backup
and restore, `db current`, and the audit log that every change leaves behind."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.models import AuditEntry
from desktop.services import audit, auth, regions
from desktop.services.auth import LoginRefused
from desktop.services.base import Actor
from desktop.services.database import Database, head_revision, known_revisions
from tests.district import District
from tests.test_regions import fresh, run  # noqa: F401  (the fixture of a first run, the CLI runner)


def entries(db: Database) -> list[AuditEntry]:
    with db.session_factory() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def count(db: Database) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_each_change_on_the_command_line_leaves_one_entry_that_reads_in_chinese(
        fresh: tuple[Database, Actor, int], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """A new office sets up its regions and accounts; each command that changes something leaves
    exactly one audit entry with its action, and no entry shows a field by its code (an account's
    entry showed “failed_logins 0”)."""
    db, _admin, _root = fresh
    url = db.url.render_as_string(hide_password=False)
    steps = [
        (("region", "add", "八泉街道", "--parent", "西塞山区"), "region.add"),
        (("region", "add", "飞云社区", "--parent", "八泉街道"), "region.add"),
        (("region", "add", "加错社区", "--parent", "八泉街道"), "region.add"),
        (("region", "delete", "加错社区", "--yes"), "region.delete"),
        (("region", "rename", "飞云社区", "飞云新村社区"), "region.rename"),
        (("user", "add", "zhang", "--role", "community_worker", "--region", "飞云新村社区", "--password", "zhang123",
          "--name", "张三"), "user.add"),
        (("user", "add", "li", "--role", "subdistrict_caseworker", "--region", "八泉街道", "--password", "li123456"),
         "user.add"),
        (("user", "set", "zhang", "--active", "no"), "user.update"),
        (("user", "set", "zhang", "--active", "yes"), "user.update"),
        (("user", "password", "zhang", "--password", "newpass1"), "user.password_reset"),
    ]
    for argv, action in steps:
        before = count(db)
        code, _out, err = run(capsys, url, *argv)
        assert (code, err) == (0, ""), argv
        added = entries(db)[before:]
        assert [e.action for e in added] == [action], argv
    # The list says what changed without opening the entry (it said 修改用户 zhang, or the new name only).
    said = {e.action: e.detail for e in entries(db)}
    assert said["region.rename"] == "将“飞云社区”改名为“飞云新村社区”"
    assert [e.detail for e in entries(db) if e.action == "user.update"] == ["修改用户 zhang:停用账号",
                                                                           "修改用户 zhang:启用账号"]
    assert run(capsys, url, "user", "set", "li", "--name", "李四", "--role", "community_worker",
               "--region", "八泉街道/飞云新村社区")[0] == 0
    assert entries(db)[-1].detail == "修改用户 li:姓名改为李四、角色改为社区工作人员、所属区划改为飞云新村社区"
    assert run(capsys, url, "region", "rename", "西塞山区", "西塞山区", "--code", "420299")[0] == 0
    assert entries(db)[-1].detail == "“西塞山区”,区划代码 420203 改为 420299"
    # 包含 (--text) searches what the list shows: an added account or region by its names.
    code, out, _ = run(capsys, url, "audit", "--text", "张三")
    assert code == 0 and "添加用户 zhang(张三,社区工作人员,飞云新村社区)" in out
    code, out, _ = run(capsys, url, "audit", "--text", "加错")
    assert code == 0 and "在“八泉街道”下新增社区(村)“加错社区”" in out and "删除区划" in out
    # What only shows without --yes, a refusal and a listing change nothing and log nothing.
    before = count(db)
    for argv in (("region", "delete", "八泉街道"), ("user", "set", "nobody", "--active", "no"), ("user", "list"),
                 ("region", "list"), ("user", "unlock", "zhang"), ("db", "current")):
        run(capsys, url, *argv)
    assert count(db) == before
    # Five wrong passwords lock the account: five failures and one lock; unlocking is one entry.
    for _ in range(5):
        with pytest.raises(LoginRefused):
            auth.login(db, "zhang", "wrong-one")
    with pytest.raises(LoginRefused, match="已被锁定"):
        auth.login(db, "zhang", "newpass1")
    code, out, _ = run(capsys, url, "user", "list")
    assert "已锁定至" in out
    before = count(db)
    code, out, _ = run(capsys, url, "user", "unlock", "zhang")
    assert code == 0 and "已解锁" in out
    assert [e.action for e in entries(db)[before:]] == ["user.unlocked"]
    assert auth.login(db, "zhang", "newpass1").username == "zhang"

    rows = audit.list_entries(db, fresh[1], limit=1000)
    raw = {(r.action, c.label) for r in rows for c in r.changes if c.label == c.key}
    assert raw == set()
    added = next(r for r in rows if r.action == "user.add" and r.entity_id is not None and "zhang" in r.detail)
    assert "连续输错密码次数" in {c.label for c in added.changes}


def test_a_community_whose_name_without_its_level_word_ends_in_one_is_found_by_it(
        fresh: tuple[Database, Actor, int], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """飞云新村社区 is 飞云新村 as the README lets one write it; the short form was read as 飞云新 + 村
    and the region was not found."""
    db, _admin, _root = fresh
    url = db.url.render_as_string(hide_password=False)
    assert run(capsys, url, "region", "add", "八泉街道", "--parent", "西塞山区")[0] == 0
    assert run(capsys, url, "region", "add", "飞云新村社区", "--parent", "八泉")[0] == 0
    code, out, err = run(capsys, url, "user", "add", "zhang", "--role", "community_worker", "--region", "飞云新村",
                         "--password", "zhang123")
    assert (code, err) == (0, "") and "已添加用户 zhang" in out
    code, out, err = run(capsys, url, "region", "rename", "飞云新村", "飞云社区")
    assert (code, out) == (0, "已将“飞云新村社区”改名为“飞云社区”。\n")


def test_db_current_says_whether_the_program_or_the_database_is_behind(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A database of an older schema needs `db upgrade`; one of a newer schema needs a newer program:
    `db current` said “需要升级” for both, as if upgrading the database would help."""
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    assert run(capsys, url, "db", "upgrade")[0] == 0
    head = head_revision()
    code, out, _ = run(capsys, url, "db", "current")
    assert code == 0 and f"结构版本:{head}(本程序版本 {head},最新)" in out

    older = sorted(known_revisions() - {head})[-1]
    with sqlite3.connect(tmp_path / "desk.sqlite3") as con:
        con.execute("UPDATE alembic_version SET version_num = ?", (older,))
    code, out, _ = run(capsys, url, "db", "current")
    assert code == 0 and "需要升级:relief-desk db upgrade" in out

    with sqlite3.connect(tmp_path / "desk.sqlite3") as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    code, out, err = run(capsys, url, "db", "current")
    assert code == 1 and "需要升级" not in out and "比本程序新,请安装最新版本的程序" in out
    assert err.startswith("错误:数据库的结构版本(9999)比本程序更新")


def test_a_file_that_is_not_a_database_is_named_as_not_ours_in_chinese(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Every other message names the program 救助工作台; this one said “Relief Desk”."""
    bad = tmp_path / "乱码.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    code, out, err = run(capsys, f"sqlite:///{bad}", "db", "upgrade")
    assert (code, out) == (1, "")
    assert err == f"错误:文件“{bad}”不是救助工作台的数据库(也不是 SQLite 数据库文件)。请确认路径。\n"
    assert bad.read_bytes() == b"this is not a database" * 100


def test_backup_and_restore_end_to_end(sqlite_district: District, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Back up, change something, refuse a broken and a foreign file without changing anything, then
    restore: the change is gone; the backup and the restore each leave one entry."""
    d = sqlite_district
    url = d.db.url.render_as_string(hide_password=False)
    live = Path(d.db.url.database or "")
    logged = count(d.db)
    code, out, _ = run(capsys, url, "db", "backup", str(tmp_path / "备份.sqlite3"))
    assert code == 0 and out.startswith(f"已备份到:{tmp_path / '备份.sqlite3'}")
    assert [e.action for e in entries(d.db)[logged:]] == ["db.backup"]
    assert run(capsys, url, "user", "add", "later", "--role", "supervisor", "--password", "later123")[0] == 0

    broken = tmp_path / "坏的.sqlite3"
    broken.write_bytes(b"\0" * 4096)
    foreign = tmp_path / "别的.sqlite3"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE t (x)")
    d.db.dispose()
    before = live.read_bytes()
    for path, words in ((broken, "不是救助工作台的数据库备份"), (foreign, "不是救助工作台的数据库备份"),
                        (tmp_path / "没有.sqlite3", "找不到文件")):
        code, out, err = run(capsys, url, "db", "restore", str(path), "--yes")
        assert (code, out) == (1, "") and err.startswith("错误:") and words in err and "Traceback" not in err
        assert live.read_bytes() == before
    assert not list(tmp_path.glob("*before-restore*")) and not list(live.parent.glob("*before-restore*"))

    code, out, _ = run(capsys, url, "db", "restore", str(tmp_path / "备份.sqlite3"))
    assert code == 0 and "请加 --yes" in out and live.read_bytes() == before
    code, out, _ = run(capsys, url, "db", "restore", str(tmp_path / "备份.sqlite3"), "--yes")
    assert code == 0 and out.startswith("已从备份恢复。")
    code, out, _ = run(capsys, url, "user", "list")
    assert "later" not in out
    # The log is the backup's (taken before its own entry), and then the restore naming the file.
    code, out, _ = run(capsys, url, "audit", "--json")
    log = json.loads(out)
    assert [e["action"] for e in log].count("db.restore") == 1 and log[0]["action"] == "db.restore"
    assert "备份.sqlite3" in log[0]["detail"] and "user.add" not in {e["action"] for e in log[:2]}


def test_the_kind_that_takes_region_changes_says_so(district: District) -> None:
    """Region changes are filed with accounts; the kind was called 登录与账号, so no one would look
    for a renamed community there."""
    d = district
    regions.rename_region(d.db, d.admin, d.regions["飞云社区"], "飞云新村社区",
                          expected_version=regions.find_region(d.db, d.admin, "飞云社区").version)
    label, _codes = audit.GROUPS["login"]
    found = audit.list_entries(d.db, d.admin, audit.AuditFilter(group="login"), limit=1000)
    assert "region.rename" in {r.action for r in found} and "区划" in label


def test_a_missing_list_is_named_once(fresh: tuple[Database, Actor, int], tmp_path: Path,  # noqa: F811
                                      capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`region import 区划.xlsx` with no such file said 找不到文件“区划.xlsx”(区划.xlsx); the folder is
    added only when one was given."""
    url = fresh[0].url.render_as_string(hide_password=False)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, url, "region", "import", "区划.xlsx", "--json")
    assert code == 1 and err == "错误:找不到文件“区划.xlsx”。\n"
    assert json.loads(out) == {"error": "找不到文件“区划.xlsx”。", "code": "invalid_file"}
    code, out, err = run(capsys, url, "region", "import", str(tmp_path / "区划.xlsx"))
    assert code == 1 and err == f"错误:找不到文件“区划.xlsx”({tmp_path / '区划.xlsx'})。\n"
