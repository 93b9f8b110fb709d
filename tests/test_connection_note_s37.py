"""Session 37: started with --database-url, the 数据库连接 tab said "当前使用 X" above a form naming
another database (the saved one), and nothing said which counts."""
from __future__ import annotations

from pathlib import Path

import pytest

from desktop import config
from desktop.services import connection


def test_a_database_given_at_start_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(config.ENV_DATABASE_URL, raising=False)
    monkeypatch.setattr(config, "preconfigured_url", lambda: "")
    saved = tmp_path / "本机.sqlite3"
    monkeypatch.setattr(config, "default_sqlite_path", lambda: saved)
    monkeypatch.setattr(config.Settings, "load", classmethod(lambda cls: cls()))
    assert connection.given_at_start_note(str(saved)) == ""
    note = connection.given_at_start_note(str(tmp_path / "演示.db"))
    assert "--database-url" in note and "演示.db" in note and str(saved) in note
