"""Session 38 acceptance, small things: the demo's summary named its tables in English; the driver's
warnings reached the screen; a conflict on the command line spoke of a window."""
from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import pytest

from desktop import config, logs
from desktop.cli import main as cli_main
from desktop.services import auth, clues, demo, households
from desktop.services.errors import ConflictError, ConflictInfo, ValidationFailed
from tests.district import District
from tests.test_applications import make_household


def test_every_demo_table_has_a_chinese_name() -> None:
    assert set(demo.COLUMNS) <= set(demo.TABLE_LABELS)
    assert all(not any("a" <= ch <= "z" for ch in label) for label in demo.TABLE_LABELS.values())


def test_the_drivers_warnings_go_to_the_log_not_the_screen(tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    """A connection killed during a PostgreSQL import printed psycopg's English warning on stderr."""
    monkeypatch.setattr(config, "log_dir", lambda: tmp_path)
    relief, driver = logging.getLogger("relief_desk"), logging.getLogger("psycopg")
    monkeypatch.setattr(relief, "handlers", [])
    monkeypatch.setattr(driver, "handlers", [])
    path = logs.setup_logging()
    logging.getLogger("psycopg").warning("error ignored terminating %s: %s", "<psycopg.Pipeline [BAD]>", "gone")
    for handler in driver.handlers:
        handler.flush()
    assert capsys.readouterr().err == ""
    assert "error ignored terminating" in path.read_text(encoding="utf-8")
    for handler in driver.handlers:
        handler.close()


def test_a_conflict_on_the_command_line_speaks_of_no_window(district: District, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Two `clue assign` of one clue at once: the second said 您填写的内容仍在窗口中;请刷新 … (no window)."""
    def conflict(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise ConflictError(ConflictInfo("线索", 241, "另一位用户", datetime(2026, 12, 6, 3, 0, tzinfo=UTC)))

    monkeypatch.setattr(clues, "assign_clues", conflict)
    url = district.db.url.render_as_string(hide_password=False)
    assert cli_main(["clue", "assign", "241", "--region", "飞云社区", "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert "仍在窗口中" not in err and "“线索”(编号 241)刚在另一台电脑、另一个窗口或另一条命令中于 2026-12-06" in err
    assert "本次没有保存(没有做任何改动);请重新查看后再执行。" in err


@pytest.mark.parametrize(("typed", "said"), [
    ("1.234", "最多只能到分"), ("12.345", "最多只能到分"), ("1e5", "不要用科学计数法"), ("2E+3", "不要用科学计数法"),
    ("", "请填写金额"), ("  ", "请填写金额")])
def test_an_amount_typed_by_hand_is_not_rounded_or_read_as_a_power(sqlite_district: District, typed: str,
                                                                  said: str) -> None:
    """Session 38: 1.234 was kept as 1.23 and 12.345 as 12.35 without a word, 1e5 as 100,000 yuan; an empty
    amount said 金额“”不是有效的数字."""
    d = sqlite_district
    hid = make_household(d.db, d.regions["飞云社区"], "钱八")
    version = households.get_household(d.db, d.admin, hid).version
    with pytest.raises(ValidationFailed, match=said):
        households.add_income(d.db, d.admin, hid, version, {"kind": "wages", "amount": typed,
                                                            "period_end": date(2026, 10, 31)})
    households.add_income(d.db, d.admin, hid, version, {"kind": "wages", "amount": "1,234.50",
                                                        "period_end": date(2026, 10, 31)})


@pytest.mark.parametrize("password", ["111111", "123456", "654321", "abcdefg", "Zhang01x", "zhang01x"])
def test_a_password_anyone_would_try_first_is_refused(district: District, password: str) -> None:
    """Session 38: `user add zhang1 --password 111111` was accepted (at least 6 characters was the only rule)."""
    with pytest.raises(ValidationFailed, match="太容易被猜到"):
        auth.add_user(district.db, district.admin, username="zhang01x", password=password, role="community_worker",
                      region_id=district.regions["飞云社区"], display_name="张一")
    assert not auth.guessable("Fy2026!x") and not auth.guessable("worker123")
