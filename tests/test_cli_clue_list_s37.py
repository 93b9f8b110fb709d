"""Session 37: `clue list --json` printed the newest 50 clues without a word when more matched."""
from __future__ import annotations

import json

import pytest

from desktop import cli
from tests.district import District
from tests.test_cli_commands import url_of


def test_a_cut_json_list_says_so_beside_it(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    url = url_of(district)
    for i in range(3):
        assert cli.main(["clue", "add", "--name", f"张{i}", "--source", "building_head", "--description", "独居老人",
                         "--database-url", url]) == 0
    capsys.readouterr()
    assert cli.main(["clue", "list", "--json", "--limit", "2", "--database-url", url]) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 2
    assert "只输出了最新的 2 条,共 3 条符合条件" in err
    assert cli.main(["clue", "list", "--json", "--database-url", url]) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 3 and err == ""
