"""Values given on the command line: a bad date, year, month or count is refused before anything is
opened or written, with a plain message naming the argument and what is wrong (never 内部错误)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop import cli
from desktop.models import AuditEntry
from desktop.models.discovery import Clue
from tests.district import District


def url_of(district: District) -> str:
    return district.db.url.render_as_string(hide_password=False)


def refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run a command that must be refused by its arguments; return what it said."""
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse refuses with exit status 2
        code = exc.code
    err = capsys.readouterr().err
    assert code not in (0, None), err
    assert "Traceback" not in err and "内部错误" not in err, err
    return err


@pytest.mark.parametrize(("argv", "expected"), [
    (["deadlines", "--as-of", "9999-12-31"], "超出范围"),
    (["deadlines", "--as-of", "0001-01-01"], "超出范围"),
    (["deadlines", "--as-of", "2026-02-30"], "不存在"),
    (["audit", "--from", "20260105"], "格式不正确"),
    (["audit", "--to", "2026/1/5"], "格式不正确"),
    (["audit", "--from", "2026-W01-1"], "格式不正确"),
    (["audit", "--from", ""], "格式不正确"),
    (["audit", "--limit", "-3"], "大于 0"),
    (["policy", "show", "--date", "2026-13-01"], "月份应为 01–12"),
    (["reassess", "--as-of", "20260105", "--out", "x.xlsx"], "格式不正确"),
    (["assistance-month", "0001-01"], "超出范围"),
    (["assistance-month", "202601"], "格式不正确"),
    (["calendar", "show", "99999"], "年份"),
    (["calendar", "show", "-1"], "年份"),
    (["calendar", "clear-year", "99999"], "年份"),
    (["calendar", "set-year", "2027", "--off", "20270101"], "格式不正确"),
    (["quarterly-report", "--year", "99999", "--out", "q.xlsx"], "年份"),
    (["quarterly-report", "--year", "0", "--out", "q.xlsx"], "年份"),
    (["clue", "list", "--limit", "-1"], "大于 0"),
    (["clue", "add", "--name", "张三", "--source", "building_head", "--description", "x", "--date", "2026-02-30"],
     "不存在"),
    (["import", "department", "x.xlsx", "--department", "人社", "--header-row", "0"], "大于 0"),
    # what is written is an .xlsx workbook: a name that says otherwise is refused
    (["audit", "--out", "日志.csv"], ".xlsx"),
    (["quarterly-report", "--out", "q.xls"], ".xlsx"),
    (["referral-list", "人社", "--out", "r.txt"], ".xlsx"),
    (["deadlines", "--out", "d.txt"], ".xlsx"),
    (["visit-list", "--out", "v.csv"], ".xlsx"),
    (["clue", "export", "--out", "c.xls"], ".xlsx"),
    (["clue", "list", "--source", "nosuch"], "nosuch"),
    (["reassess", "--out", "r.csv"], ".xlsx"),
    (["import", "department", "x.csv", "--department", "人社", "--errors", "错误.csv"], ".xlsx"),
    (["import", "households", "x.xlsx", "--errors", "错误"], ".xlsx"),
    # numbers no database column holds were an SQL error (内部错误) on both databases
    (["audit", "--limit", "99999999999999999999"], "太大"),
    (["clue", "assign", "99999999999999999999", "--region", "八泉街道"], "太大"),
    (["clue", "assign", "0", "--region", "八泉街道"], "大于 0"),
    # a batch number no column holds was an OverflowError (内部错误, exit 3) on SQLite
    (["import", "undo", "99999999999999999999", "--reason", "误导入"], "太大"),
    (["import", "undo", "-1", "--reason", "误导入"], "大于 0"),
    # one setting given twice: the last one was taken silently
    (["policy", "set", "--effective", "2026-01-01", "--area", "城市", "dibao_standard=800", "dibao_standard=900"],
     "参数 dibao_standard 给出了不止一次"),
    # a quarter that has not begun was exported with every monitored household as not visited
    (["quarterly-report", "--year", "2100", "--quarter", "1", "--out", "q.xlsx"], "2100年第一季度还没有开始,不能上报"),
    # nothing to change was reported as 已修改用户
    (["user", "set", "admin"], "没有给出要修改的内容"),
    (["post-checks", "--within", "-1"], "天数应在 0 到 3660 之间"),
    (["post-checks", "--within", "七"], "不是整数天数"),
    (["post-checks", "--as-of", "2027-02-29"], "不存在"),
])
def test_bad_values_are_refused_before_the_database_is_opened(argv: list[str], expected: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "untouched.sqlite3"
    err = refused([*argv, "--database-url", f"sqlite:///{path}"], capsys)
    assert expected in err
    assert list(tmp_path.iterdir()) == []


def test_the_template_is_written_as_xlsx_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ".xlsx" in refused(["import", "template", str(tmp_path / "模板.xls")], capsys)
    assert list(tmp_path.iterdir()) == []
    assert cli.main(["import", "template", str(tmp_path / "模板.XLSX")]) == 0


def test_good_dates_still_work(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    url = url_of(district)
    assert cli.main(["deadlines", "--as-of", "2026-02-28", "--database-url", url]) == 0
    assert cli.main(["audit", "--from", "2026-01-01", "--to", "2100-12-31", "--limit", "1", "--database-url", url]) == 0
    assert cli.main(["calendar", "show", "2027", "--database-url", url]) == 0
    assert "2027 年" in capsys.readouterr().out


def test_negative_clue_limit_changes_nothing(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    """A negative LIMIT was an SQL error on PostgreSQL (and no limit at all on SQLite)."""
    with district.db.session_factory() as s:
        before = s.scalar(select(func.count()).select_from(Clue))
    refused(["clue", "list", "--limit", "-1", "--database-url", url_of(district)], capsys)
    refused(["clue", "add", "--name", "张三", "--source", "building_head", "--description", "x", "--date", "2026-02-30",
             "--database-url", url_of(district)], capsys)
    with district.db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Clue)) == before


@pytest.mark.parametrize(("argv", "expected"), [
    (["user", "add"], "缺少必需的参数:username, --role"),
    (["user", "add", "x", "--role", "bogus"], "参数 --role:无效的取值“bogus”,可选:admin、"),
    (["quarterly-report", "--quarter", "5", "--out", "q.xlsx"], "参数 --quarter:无效的取值“5”,可选:1、2、3、4"),
    (["audit", "--limit", "abc"], "参数 --limit:“abc”不是整数"),
    (["clue", "assign", "abc", "--region", "八泉街道"], "参数 ids:“abc”不是整数"),
    (["board", "--bogus"], "无法识别的参数:--bogus"),
    (["bogus-command"], "无效的取值“bogus-command”"),
    (["audit", "--from"], "参数 --from:缺少值"),
    (["policy", "set", "--effective", "2026-01-01", "--area", "城市"], "缺少必需的参数:NAME=VALUE"),
    (["audit", "--from", "2026-02-30"], "参数 --from:日期“2026-02-30”不存在"),
    (["audit", "--kind", ""], "参数 --kind:无效的取值“”,可选:login、access"),
    # --smoke-test was ignored when a command was given
    (["--smoke-test", "board"], "--smoke-test 只用于检查窗口程序能否启动,不能与命令 board 同时使用"),
])
def test_argument_errors_are_in_chinese(argv: list[str], expected: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    err = refused(argv, capsys)
    last = err.strip().splitlines()[-1]
    assert last.startswith("错误:") and expected in last, err
    for english in ("error:", "usage:", "invalid", "required", "unrecognized", "expected"):
        assert english not in err, err
    assert "用法:relief-desk" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("argv", "usage"), [
    (["db", "current", "extra"], "用法:relief-desk db current"),
    (["assistance-month", "2026-01", "2026-02"], "用法:relief-desk assistance-month"),
    (["board", "--bogus"], "用法:relief-desk board"),
])
def test_an_extra_argument_is_refused_by_its_command(argv: list[str], usage: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """An extra value after a command was refused with the usage and -h of relief-desk as a whole."""
    monkeypatch.chdir(tmp_path)
    err = refused(argv, capsys)
    assert err.startswith(usage), err
    assert err.strip().splitlines()[-1].startswith(f"错误:无法识别的参数:{argv[-1]}")
    assert f"查看说明:{usage.removeprefix('用法:')} -h" in err
    assert list(tmp_path.iterdir()) == []

LONG = "长" * 300


@pytest.mark.parametrize(("argv", "expected"), [
    (["user", "add", LONG, "--role", "admin", "--password", "secret99"], "用户名过长(最多64个字)"),
    (["user", "add", "zz", "--name", LONG, "--role", "admin", "--password", "secret99"], "姓名过长(最多64个字)"),
    (["user", "set", "admin", "--name", LONG], "姓名过长(最多64个字)"),
    (["calendar", "set-year", "2027", "--off", "2027-01-01", "--note", LONG], "依据过长(最多256个字)"),
    (["policy", "set", "--effective", "2026-01-01", "--area", "城市", "dibao_standard=800", "--note", LONG],
     "备注过长(最多256个字)"),
    (["clue", "add", "--name", "张三", "--source", "building_head", "--description", "x", "--reported-by", LONG],
     "报告人过长(最多64个字)"),
])
def test_text_too_long_for_its_column(argv: list[str], expected: str, district: District,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """PostgreSQL refused these with an SQL error (内部错误); SQLite kept the long text or cut it silently."""
    with district.db.session_factory() as s:
        audit_before = s.scalar(select(func.count()).select_from(AuditEntry))
    err = refused([*argv, "--database-url", url_of(district)], capsys)
    assert err.startswith("错误:") and expected in err
    with district.db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audit_before
        assert s.scalar(select(func.count()).select_from(Clue).where(Clue.reported_by == LONG)) == 0


def test_help_headings_are_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["import", "department", "-h"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert out.startswith("用法:") and "\n位置参数:\n" in out and "\n选项:\n" in out and "显示本说明并退出" in out
    assert "usage:" not in out and "options:" not in out and "positional arguments" not in out


def test_referral_list_help_says_what_each_status_is(capsys: pytest.CaptureFixture[str]) -> None:
    """--status listed open, overdue, sent … with only 状态(默认未办结): the codes were not explained."""
    with pytest.raises(SystemExit):
        cli.main(["referral-list", "-h"])
    out = " ".join(capsys.readouterr().out.split())
    for words in ("open=未办结(默认)", "overdue=已逾期", "all=全部", "declined=未受理", "--out FILE.xlsx"):
        assert words in out, out
