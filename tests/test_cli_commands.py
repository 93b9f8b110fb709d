"""Commands run from scripts: what they print and log when they succeed."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from desktop import cli
from desktop.rules.codes import SourceLevel
from desktop.services import auth, clues, policy
from tests.district import District
from tests.monitoring_helpers import add_households


def url_of(district: District) -> str:
    return district.db.url.render_as_string(hide_password=False)


def test_the_quarterly_export_is_named_in_the_audit_log(district: District, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The log showed the code export_quarterly_report, and 导出与查看完整身份证号 left it out although
    the workbook lists the households not visited with their ID numbers."""
    url = url_of(district)
    assert cli.main(["quarterly-report", "--year", "2026", "--quarter", "1", "--out", str(tmp_path / "季报.xlsx"),
                     "--database-url", url]) == 0
    capsys.readouterr()
    assert cli.main(["audit", "--kind", "access", "--json", "--database-url", url]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    [entry] = [e for e in json.loads(out) if e["action"] == "export_quarterly_report"]
    assert entry["action_label"] == "导出季度上报表"


def test_a_password_piped_in_by_a_script(district: District, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Without a terminal getpass printed English warnings (GetPassWarning, "Password input may be
    echoed") before reading the line."""
    monkeypatch.setattr("sys.stdin", io.StringIO("secret123\n"))
    assert cli.main(["user", "add", "piped", "--role", "supervisor", "--database-url", url_of(district)]) == 0
    out, err = capsys.readouterr()
    assert "已添加用户 piped" in out and err == ""
    assert auth.login(district.db, "piped", "secret123").username == "piped"
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.main(["user", "password", "piped", "--database-url", url_of(district)]) == 1
    out, err = capsys.readouterr()
    assert err == "错误:没有读到密码:请在命令行用 --password 给出密码,或在终端中运行以便输入。\n"


@pytest.mark.parametrize(("given", "role", "region"), [
    ("administrator", "admin", []), ("District Reviewer", "district_reviewer", []),
    ("sub-district caseworker", "subdistrict_caseworker", ["--region", "八泉街道"]), ("统计查看(领导)", "supervisor", [])])
def test_a_role_by_the_issue_s_words_or_its_chinese_name(given: str, role: str, region: list[str], district: District,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The foundation issue names the roles administrator, district reviewer, sub-district caseworker …;
    --role took only the codes (admin …) and refused those and the Chinese names with 'invalid value'."""
    assert cli.main(["user", "add", "worded", "--role", given, *region, "--password", "secret123",
                     "--database-url", url_of(district)]) == 0
    assert auth.login(district.db, "worded", "secret123").role == role
    capsys.readouterr()


@pytest.mark.parametrize("argv", [
    ["clue", "list", "--json"], ["board", "--json"], ["deadlines", "--json"], ["post-checks", "--json"], ["audit", "--json"],
    ["policy", "show", "--json"], ["reassess", "--json", "--out", "重新评估.xlsx"],
    ["audit", "--json", "--out", "日志.xlsx"],
])
def test_json_output_is_one_json_document(argv: list[str], district: District, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """clue list --json printed one object per line: with two clues or more stdout was not JSON."""
    monkeypatch.chdir(tmp_path)
    for name in ("甲", "乙"):
        clues.add_clue(district.db, district.admin, clues.ClueInput(
            source_level=SourceLevel.INFORMANT, source="building_head", reported_on=date(2026, 3, 2),
            description="独居老人", person_name=name))
    if argv[0] == "reassess":  # with no household to re-assess the export is refused (nothing to export)
        add_households(district.db, district.regions["飞云社区"], None, 2)
        policy.seed_default_policy(district.db)
    assert cli.main([*argv, "--database-url", url_of(district)]) == 0
    out, err = capsys.readouterr()
    value = json.loads(out)
    assert err == ""
    if argv[:2] == ["clue", "list"]:
        assert sorted(c["name"] for c in value) == ["乙", "甲"]


def test_a_file_name_too_long_is_said_in_chinese(district: District, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The reason was the system's English words: 系统提示“File name too long”."""
    folder = tmp_path / "导出"
    folder.mkdir()
    out = folder / ("季" * 200 + ".xlsx")
    code = cli.main(["quarterly-report", "--year", "2026", "--quarter", "1", "--out", str(out),
                     "--database-url", url_of(district)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("错误:无法写入文件") and "文件名或路径太长" in err
    assert list(folder.iterdir()) == []


def test_clue_export_takes_the_inbox_filters(district: District, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from python_calamine import CalamineWorkbook

    d = district
    for name, source, level, region in (("钱一", "hrss", SourceLevel.DEPARTMENT, "飞云社区"),
                                        ("钱二", "grid", SourceLevel.VERTICAL, "飞云社区"),
                                        ("钱三", "hrss", SourceLevel.DEPARTMENT, None)):
        clues.add_clue(d.db, d.admin, clues.ClueInput(source_level=level, source=source, reported_on=date.today(),
                                                      description="x", person_name=name,
                                                      region_id=d.regions[region] if region else None))
    out = tmp_path / "hrss.xlsx"
    url = url_of(d)
    assert cli.main(["--database-url", url, "clue", "export", "--source", "hrss", "--out", str(out)]) == 0
    assert "已导出 2 条线索" in capsys.readouterr().out
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("线索").to_python()
    assert sorted(r[3] for r in rows[2:]) == ["钱一", "钱三"]
    assert cli.main(["--database-url", url, "clue", "list", "--unassigned", "--json"]) == 0
    assert [c["name"] for c in json.loads(capsys.readouterr().out)] == ["钱三"]
    assert cli.main(["--database-url", url, "clue", "export", "--text", "无此人", "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "没有符合筛选条件的线索" in capsys.readouterr().err and not (tmp_path / "x.xlsx").exists()
    assert cli.main(["--database-url", url, "clue", "list", "--from", "2026-05-02", "--to", "2026-05-01"]) == 1
    assert "晚于" in capsys.readouterr().err
    assert cli.main(["audit", "--kind", "access", "--json", "--database-url", url]) == 0
    [entry] = [e for e in json.loads(capsys.readouterr().out) if e["action"] == "clues.export"]
    assert entry["action_label"] == "导出线索清单"


def test_deadlines_out_writes_the_open_applications(district: District, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from python_calamine import CalamineWorkbook

    from desktop.services import applications
    from tests.test_applications import make_household

    d = district
    applications.accept(d.db, d.admin, household_id=make_household(d.db, d.regions["八泉社区"], "孙甲"),
                        category="dibao", accepted_on=date.today())
    out = tmp_path / "期限.xlsx"
    assert cli.main(["deadlines", "--out", str(out), "--database-url", url_of(d)]) == 0
    assert "已导出办理中及待补办申请 1 件" in capsys.readouterr().out
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("申请").to_python()
    assert [r[1] for r in rows[2:]] == ["孙甲"]


def test_command_line_actions_name_the_computer_and_account_that_ran_them(
        district: District, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The command line has no login: its actions were logged as "system" at the computer's name, so
    nobody could tell who imported a list by script. The workstation now names the operating-system
    account too, and that it was the command line."""
    monkeypatch.setenv("USERNAME", "zhangsan")  # what Windows sets; getpass reads it after LOGNAME and USER
    monkeypatch.delenv("LOGNAME", raising=False)
    monkeypatch.delenv("USER", raising=False)
    monkeypatch.delenv("LNAME", raising=False)
    url = url_of(district)
    assert cli.main(["clue", "add", "--name", "张三", "--source", "building_head", "--description", "独居老人",
                     "--database-url", url]) == 0
    capsys.readouterr()
    assert cli.main(["audit", "--json", "--database-url", url]) == 0
    [entry] = [e for e in json.loads(capsys.readouterr().out) if e["action"] == "clue.add"]
    assert entry["user"] == "system"
    assert entry["workstation"].endswith(" 命令行(zhangsan)")
