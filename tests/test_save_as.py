"""The save dialog every export opens."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.views.save_as import ask_save_path


def test_suggests_a_dated_name_at_home_and_adds_the_suffix(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    asked: list[str] = []
    answers = iter(["/tmp/名单", "/tmp/名单.XLSX", ""])

    def fake(_parent, _title, suggested, _filter):  # noqa: ANN001, ANN202
        asked.append(suggested)
        return next(answers), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    assert ask_save_path(parent, "导出", "线索清单-{date}.xlsx") == "/tmp/名单.xlsx"  # typed without the suffix
    assert asked == [str(Path.home() / f"线索清单-{date.today():%Y%m%d}.xlsx")]
    assert ask_save_path(parent, "导出", "季度上报_2026Q4.xlsx") == "/tmp/名单.XLSX"
    assert ask_save_path(parent, "导出", "x.xlsx") is None  # cancelled
