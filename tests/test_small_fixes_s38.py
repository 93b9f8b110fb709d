"""Session 38 acceptance, small things: the demo's summary named its tables in English."""
from __future__ import annotations

from desktop.services import demo


def test_every_demo_table_has_a_chinese_name() -> None:
    assert set(demo.COLUMNS) <= set(demo.TABLE_LABELS)
    assert all(not any("a" <= ch <= "z" for ch in label) for label in demo.TABLE_LABELS.values())


def test_the_drivers_warnings_go_to_the_log_not_the_screen(tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    """A connection killed during a PostgreSQL import printed psycopg's English warning on stderr."""
    import logging

    from desktop import config, logs

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
