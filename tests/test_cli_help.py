"""`relief-desk --help` and each command's help: every option explained in Chinese, and the README's
command list names exactly the commands there are, with options that exist."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import cli

README = Path(__file__).resolve().parents[1] / "README.md"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    sub = _subparsers(parser)
    if sub is not None:
        for name, child in sub.choices.items():
            yield from _walk(child, (*path, name))


PARSERS = dict(_walk(cli.build_parser()))
LEAVES = {path for path, parser in PARSERS.items() if path and _subparsers(parser) is None}


@pytest.mark.parametrize("path", sorted(PARSERS), ids=lambda p: " ".join(p) or "relief-desk")
def test_every_argument_and_command_is_explained_in_chinese(path: tuple[str, ...]) -> None:
    parser = PARSERS[path]
    unexplained = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            unexplained += [name for name in action.choices if not CHINESE.search(helps.get(name) or "")]
            continue
        if not CHINESE.search(action.help or ""):
            unexplained.append("/".join(action.option_strings) or action.dest)
    assert not unexplained, f"relief-desk {' '.join(path)}: no Chinese help for {unexplained}"
    assert CHINESE.search(parser.format_help())


def _readme_command_lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("\nA command refused", 1)[0]
    return [line.strip()[len("relief-desk"):] for line in block.splitlines() if line.strip().startswith("relief-desk")]


def _alternatives(line: str) -> list[str]:
    """`a [--x | --y] | b` → ["a [--x | --y]", "b"]: split at the | outside brackets."""
    parts, depth, current = [], 0, ""
    for index, char in enumerate(line):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "|" and depth == 0 and line[index - 1:index + 2] == " | ":
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def _command_of(words: list[str]) -> tuple[tuple[str, ...], argparse.ArgumentParser]:
    path: tuple[str, ...] = ()
    parser = PARSERS[path]
    for word in words:
        sub = _subparsers(parser)
        if sub is None or word not in sub.choices:
            break
        path, parser = (*path, word), sub.choices[word]
    return path, parser


def _readme_commands() -> dict[tuple[str, ...], set[str]]:
    """The commands README's command list names, each with the options it shows."""
    commands: dict[tuple[str, ...], set[str]] = {}
    for line in _readme_command_lines():
        previous: tuple[str, ...] = ()
        for alternative in _alternatives(line):
            words = alternative.split()
            path, _ = _command_of(words)
            if not path and previous and words:  # "clue add …" written as "add …" after "clue list"
                path, _ = _command_of([previous[0], *words])
            if not path:
                continue
            commands.setdefault(path, set()).update(re.findall(r"(?<![\w-])--[a-z][a-z-]*", alternative))
            previous = path
    return commands


def test_readme_lists_every_command_and_only_commands_that_exist() -> None:
    listed = _readme_commands()
    assert LEAVES - set(listed) == set(), "commands missing from README's command list"
    assert set(listed) - LEAVES == set(), "README lists commands that are not whole commands"


def test_readme_shows_only_options_the_commands_have() -> None:
    wrong = {}
    for path, options in _readme_commands().items():
        known = {o for action in PARSERS[path]._actions for o in action.option_strings}
        if options - known:
            wrong[" ".join(path)] = sorted(options - known)
    assert not wrong, f"README shows options these commands do not have: {wrong}"


def test_readme_command_list_is_read() -> None:  # the checks above would pass on an empty list
    listed = _readme_commands()
    assert ("db", "restore") in listed and "--yes" in listed[("db", "restore")]
    assert ("clue", "assign") in listed and ("import", "undo") in listed and len(listed) >= 30


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """relief-desk --version: the version, for a support call or an IT script (there was none)."""
    from desktop import __version__

    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out == f"救助工作台 Relief Desk {__version__}\n"
