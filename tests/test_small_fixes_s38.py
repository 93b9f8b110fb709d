"""Session 38 acceptance, small things: the demo's summary named its tables in English."""
from __future__ import annotations

from desktop.services import demo


def test_every_demo_table_has_a_chinese_name() -> None:
    assert set(demo.COLUMNS) <= set(demo.TABLE_LABELS)
    assert all(not any("a" <= ch <= "z" for ch in label) for label in demo.TABLE_LABELS.values())
