"""Hostile values in every argument of every command: each is refused (exit 1, or 2 for a bad argument) or
done (0), never an internal error (3) or a traceback, and with --json stdout is exactly one JSON document.

The command tree is walked as tests/test_cli_json_errors.py does, so a new command or argument is fuzzed
without touching this file (its valid arguments, BASE below, are checked to cover every command)."""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop import cli
from desktop.rules.codes import SourceLevel
from desktop.services import clues
from tests.district import District
from tests.test_cli_database import run
from tests.test_cli_json_errors import url_of
from tests.test_import_department import write_list
from tests.test_import_register import small_register

# Valid arguments of each command (the fuzzed one replaced in turn); files are made in the test's folder.
BASE: dict[str, list[str]] = {
    "db upgrade": [],
    "db current": [],
    "db backup": ["备份.sqlite3"],
    "db auto-backup": [],
    "db restore": ["备份.sqlite3"],
    "user add": ["newuser", "--role", "supervisor", "--password", "secret999"],
    "user list": [],
    "user set": ["supervisor", "--name", "新名字"],
    "user password": ["supervisor", "--password", "secret999"],
    "user unlock": ["supervisor"],
    "region list": [],
    "region add": ["新社区", "--parent", "八泉街道"],
    "region rename": ["飞云社区", "飞云新社区"],
    "region delete": ["闸口社区"],
    "region move": ["飞云社区", "--parent", "河口镇"],
    "region import": ["区划.xlsx", "--dry-run"],
    "clue list": [],
    "clue export": ["--out", "线索.xlsx"],
    "clue add": ["--name", "张三", "--source", "building_head", "--description", "独居老人"],
    "clue assign": ["1", "--region", "飞云社区"],
    "clue show": ["1"],
    "clue edit": ["1", "--phone", "13800001111"],
    "clue investigate": ["1"],
    "clue close": ["1", "--outcome", "not_hardship"],
    "clue reopen": ["1", "--reason", "误办结"],
    "demo": [],
    "import department": ["名单.csv", "--department", "人社", "--dry-run"],
    "import households": ["台账.xlsx", "--dry-run"],
    "import template": ["模板.xlsx"],
    "import batches": [],
    "import undo": ["1", "--reason", "误导入"],
    "policy set": ["--effective", "2026-01-01", "--area", "城市", "dibao_standard=800"],
    "policy show": [],
    "policy seed": [],
    "reassess": ["--out", "重新评估.xlsx"],
    "deadlines": [],
    "post-checks": [],
    "assistance-month": ["2026-07", "--dry-run"],
    "payment-roster": ["2026-07", "--out", "花名册.xlsx"],
    "publicity": ["--from", "2026-07-01", "--to", "2026-07-31", "--out", "公示.xlsx"],
    "calendar set-year": ["2027", "--off", "10-01..10-07"],
    "calendar show": ["2027"],
    "calendar clear-year": ["2027"],
    "board": [],
    "today": [],
    "visit-list": ["--out", "走访.xlsx"],
    "quarterly-report": ["--year", "2026", "--quarter", "1", "--out", "季报.xlsx"],
    "referral-list": ["人社", "--out", "转介.xlsx"],
    "audit": [],
}

NUMBER_TOO_BIG = "99999999999999999999"
# Values that, to an argument of plain text looked up in the database, differ from "-1" or "火星街道" only
# for a file's name (PATHS); days only for a typed argument (those are read before the database is opened).
PLAIN_TEXT_ALIKE = {"feb30", "year0", "year9999", "zero", "directory", "no-folder", "read-only", "fake-xlsx"}
PATHS = {"file", "out", "errors", "folder"}


def hostile_values(folder: Path, read_only: Path) -> dict[str, str]:
    """The values each argument is given in turn, by a short name."""
    (folder / "文件夹").mkdir(exist_ok=True)
    (folder / "假的.xlsx").write_text("这不是表格\n", encoding="utf-8")
    return {
        "empty": "",
        "whitespace": " \t ",
        "long": "长" * 10_000,
        "nul": "a\x00b",
        "control": "\x01\x1b[31m\x7f\n",
        "emoji": "🏠😀",
        "feb30": "2026-02-30",
        "year0": "0000-01-01",
        "year9999": "9999-12-31",
        "minus1": "-1",
        "zero": "0",
        "huge": NUMBER_TOO_BIG,
        "directory": str(folder / "文件夹"),
        "no-folder": str(folder / "没有的文件夹" / "x.xlsx"),
        "read-only": str(read_only / "x.xlsx"),
        "fake-xlsx": str(folder / "假的.xlsx"),
        "no-region": "火星街道",
        "no-id": "424242",
    }


def commands() -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found[" ".join(path)] = parser
        for action in subs:
            for name, sub in action.choices.items():
                walk(sub, [*path, name])

    walk(cli.build_parser(), [])
    return found


def fuzzed_arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The arguments that take a value (not -h, --json, --yes and the like; --database-url apart)."""
    return [a for a in parser._actions
            if a.nargs != 0 and not isinstance(a, argparse._HelpAction) and a.dest != "sub_database_url"]


def with_value(base: list[str], action: argparse.Action, value: str) -> list[str]:
    """``base`` with ``action`` given ``value`` (in place of the value it had, else added)."""
    argv = list(base)
    if action.option_strings:
        for option in action.option_strings:
            if option in argv:
                i = argv.index(option)
                end = i + 1
                while end < len(argv) and not argv[end].startswith("--"):
                    end += 1
                return [*argv[:i], f"{option}={value}", *argv[end:]]
        return [*argv, f"{action.option_strings[0]}={value}"]
    # the n-th positional: the n-th word of base that is no option nor an option's value
    index = [a for a in _parent_of[id(action)]._actions if not a.option_strings].index(action)
    spots = [i for i, word in enumerate(argv) if not word.startswith("--") and (i == 0 or not argv[i - 1].startswith("--"))]
    if index < len(spots):
        argv[spots[index]] = value
        return argv
    return [*argv, value]


def one_json_document(out: str) -> object:
    assert out.endswith("\n") and out.count("\n") == 1, out[:500]
    return json.loads(out)


def prepare(folder: Path, district: District) -> None:
    write_list(folder / "名单.csv")
    small_register(folder / "台账.xlsx")
    clues.add_clue(district.db, district.admin, clues.ClueInput(
        source_level=SourceLevel.INFORMANT, source="building_head", reported_on=date(2026, 3, 2),
        description="独居老人", person_name="甲"))


COMMANDS = commands()
_parent_of: dict[int, argparse.ArgumentParser] = {}  # an argument's id -> the parser it belongs to
for _parser in COMMANDS.values():
    for _action in _parser._actions:
        _parent_of[id(_action)] = _parser


def test_every_command_has_valid_arguments_here() -> None:
    assert sorted(COMMANDS) == sorted(BASE)


GROUPS = sorted({command.split()[0] for command in COMMANDS})  # one database per group keeps the test fast


@pytest.mark.parametrize("group", GROUPS)
def test_hostile_values(group: str, district: District, tmp_path: Path, read_only_dir: Path,
                        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    prepare(tmp_path, district)
    if group == "demo":  # into a database with households: refused after its arguments are read, not run
        assert run(["import", "households", "台账.xlsx", "--database-url", url_of(district)], capsys)[0] == 0
    values = hostile_values(tmp_path, read_only_dir)
    failures: list[str] = []
    for command in sorted(c for c in COMMANDS if c.split()[0] == group):
        failures += hostile_runs(command, district, values, capsys)
    assert not failures, "\n".join(failures)


def hostile_runs(command: str, district: District, values: dict[str, str],
                 capsys: pytest.CaptureFixture[str]) -> list[str]:
    """What went wrong giving each argument of ``command`` each value in turn."""
    parser = COMMANDS[command]
    has_json = "--json" in parser._option_string_actions
    url = ["--database-url", url_of(district)]
    cases: list[tuple[str, list[str]]] = []
    for action in fuzzed_arguments(parser):
        for name, value in values.items():
            if action.choices is not None and name not in ("empty", "long", "nul", "emoji"):
                continue  # argparse refuses the others alike
            if action.type is None and action.choices is None and name in PLAIN_TEXT_ALIKE and (
                    action.dest not in PATHS or name in ("feb30", "year0", "year9999")):
                continue  # text read from the database: to it these are words like "-1" (keeps the test fast)
            cases.append((f"{command} {action.dest}={name}", with_value(BASE[command], action, value)))
    if command == "board":
        cases += [(f"board database-url={name}", ["--database-url", value]) for name, value in values.items()]
    failures: list[str] = []
    for label, argv in cases:
        full = [*command.split(), *argv, *([] if "database-url=" in label else url),
                *(["--json"] if has_json else [])]
        try:
            code, out, err = run(full, capsys)
        except BaseException as exc:  # noqa: BLE001 - what escaped main() is the finding
            failures.append(f"{label}: escaped {type(exc).__name__}: {exc!s:.200}")
            capsys.readouterr()
            continue
        if code not in (0, 1, 2):
            failures.append(f"{label}: exit {code}: {err.strip()[-300:]}")
            continue
        if code:
            last = err.strip().splitlines()[-1] if err.strip() else ""
            if not last.startswith("错误:") or err.count("错误:") != 1:
                failures.append(f"{label}: exit {code} without 错误: line: {err[-300:]!r}")
        if has_json:
            try:
                value = one_json_document(out)
            except (AssertionError, ValueError):
                failures.append(f"{label}: stdout not one JSON document: {out[:200]!r}")
                continue
            if code and not (isinstance(value, dict) and {"error", "code"} <= set(value)):
                failures.append(f"{label}: refused without error and code: {out[:200]!r}")
    return failures


# -- what the fuzzing found -------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["import", "department", "名\x00单.csv", "--department", "人社", "--json"],  # was ValueError: embedded null byte, exit 3
    ["db", "backup", "备\x00份.sqlite3"],
    ["clue", "list", "--text", "独\x00居", "--json"],  # PostgreSQL refused the NUL: an internal error
    ["clue", "edit", "1", "--address", "a\x00b", "--json"],
])
def test_a_nul_in_an_argument_is_refused_naming_it(argv: list[str], district: District, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "工作"
    folder.mkdir()
    monkeypatch.chdir(folder)
    code, out, err = run([*argv, "--database-url", url_of(district)], capsys)
    name = {"import": "file", "db": "out", "clue": "--text" if "--text" in argv else "--address"}[argv[0]]
    message = f"参数 {name}:含有空字符(NUL,\\x00),不是有效的值。查看说明:relief-desk {' '.join(argv[:2])} -h"
    assert code == 2 and err.splitlines()[-1] == "错误:" + message
    assert out == ("" if "--json" not in argv else
                   json.dumps({"error": message, "code": "invalid_arguments"}, ensure_ascii=False) + "\n")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(("argv", "shown"), [
    (["audit", "--json", "--from", "\x1b[31m红\n"], "日期“\\x1b[31m红\\n”格式不正确"),  # argparse's refusal
    (["clue", "list", "--json", "--region", "火星\r\n街道\x07"], "找不到区划“火星\\r\\n街道\\x07”"),  # a service's
])
def test_control_characters_in_a_refusal_are_shown_not_sent(argv: list[str], shown: str, district: District,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The value quoted in the message went to the terminal as it was: a line break split the one line
    错误:…, an escape sequence recoloured the terminal, a BEL rang it."""
    code, out, err = run([*argv, "--database-url", url_of(district)], capsys)
    assert code in (1, 2) and shown in err.splitlines()[-1]
    assert err.count("\n") == err.count("\n", 0, err.index("错误:")) + 1  # the refusal is one line, the last
    assert not {"\x1b", "\r", "\x07"} & set(err)
    assert json.loads(out)["error"] == err.splitlines()[-1].removeprefix("错误:")


def test_an_output_name_too_long_for_the_system(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    """Checking whether a 10,000-character --out was a folder raised OSError (File name too long) out of
    argparse: a traceback."""
    code, out, err = run(["audit", "--out", "长" * 10_000, "--json", "--database-url", url_of(district)], capsys)
    assert code == 2 and err.splitlines()[-1].startswith("错误:参数 --out:输出文件“长长")
    assert "应以 .xlsx 结尾" in json.loads(out)["error"]


ENTRY_POINT = shutil.which("relief-desk", path=Path(sys.executable).parent) or shutil.which("relief-desk")
SOURCE = str(Path(cli.__file__).parents[1])  # the entry point runs the code the test imported


@pytest.mark.parametrize("argv", [  # a region name, a file to read, a file to write: each spawn costs a second
    ["board", "--json", "--region", "{}"],
    ["import", "department", "{}", "--department", "人社", "--json"],
    ["audit", "--out", "{}"],
])
def test_the_entry_point_behaves_as_in_process(argv: list[str], sqlite_district: District, tmp_path: Path,
                                               read_only_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The same values through the installed ``relief-desk`` (NUL aside: no program can be given it); on
    one database, what differs between the two is the database's, fuzzed in-process above."""
    district = sqlite_district
    monkeypatch.chdir(tmp_path)
    prepare(tmp_path, district)
    values = hostile_values(tmp_path, read_only_dir)
    for name in ("empty", "long", "control", "feb30", "directory", "fake-xlsx", "no-id"):
        full = [a.replace("{}", values[name]) for a in argv] + ["--database-url", url_of(district)]
        done = subprocess.run([str(ENTRY_POINT), *full], capture_output=True, text=True, encoding="utf-8",
                              env={**os.environ, "PYTHONPATH": SOURCE}, timeout=60)
        expected, out, err = run(full, capsys)
        assert (done.returncode, done.stderr) == (expected, err), name  # stdout: one more audit entry
        assert done.returncode in (0, 1, 2) and "Traceback" not in done.stderr, (name, done.stderr)
        if "--json" in argv:
            one_json_document(done.stdout)


@pytest.mark.parametrize("argv", [
    ["region", "add", "坏\x1b[31m\n名", "--parent", "西塞山区"],
    ["region", "rename", "飞云社区", "飞云\t社区"],
])
def test_a_region_name_with_control_characters_is_refused(argv: list[str], district: District,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """It was added: a 街道 whose name broke every list it was printed in and recoloured the terminal."""
    code, out, err = run([*argv, "--database-url", url_of(district)], capsys)
    assert code == 1 and "含有控制字符(显示为 ?)" in err.splitlines()[-1]
    code, out, err = run(["region", "list", "--json", "--database-url", url_of(district)], capsys)
    assert not any(ch in out for ch in "\x1b\t") and "\\n" not in out
