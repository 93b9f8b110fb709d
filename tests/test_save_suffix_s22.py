"""Every save dialog adds the file's suffix to a name typed without it (名单 → 名单.xlsx), as the
command line asks for it: the Qt dialog (not the Windows one) saved the bare name, a file nothing opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.views.context import AppContext
from desktop.views.operations import wait_for_background
from desktop.views.statistics import StatisticsPage
from tests.district import District
from tests.test_discovery_views import SAMPLES, _run_wizard, needs_samples


def _typed(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(path), "")))


@pytest.mark.parametrize(("suggested", "pattern"), [("图表.png", "PNG (*.png)"), ("统计数据.xlsx", "Excel (*.xlsx)"),
                                                    ("统计摘要.pdf", "PDF (*.pdf)")])
def test_statistics_exports_get_the_suggested_suffix(qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,  # noqa: ANN001
                                                     suggested: str, pattern: str) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    _typed(monkeypatch, tmp_path / "我的图表")
    suffix = Path(suggested).suffix
    assert StatisticsPage._ask_path(parent, "保存", suggested, pattern) == str(tmp_path / f"我的图表{suffix}")
    _typed(monkeypatch, tmp_path)  # a folder stays a folder: the writer says to choose a file name
    assert StatisticsPage._ask_path(parent, "保存", suggested, pattern) == str(tmp_path)


@needs_samples
def test_department_wizard_error_workbook_typed_without_suffix(qtbot, sqlite_district: District,  # noqa: ANN001
                                                               monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    wizard = _run_wizard(qtbot, AppContext(sqlite_district.db, sqlite_district.admin),
                         SAMPLES / "医保局_大病患者名单_2026.xlsx")
    wizard.next()  # import
    assert wait_for_background()
    _typed(monkeypatch, tmp_path / "退回医保")
    wizard.result_page.save_errors()
    assert wait_for_background()
    assert (tmp_path / "退回医保.xlsx").is_file()
    assert not (tmp_path / "退回医保").exists()
