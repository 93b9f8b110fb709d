"""Exports to a path that cannot be written (pytest-qt): a folder given as the file, a read-only
folder, a full disk. Every view shows the one plain message of desktop.views.errors naming the file
and what to do, never the crash dialog nor a "saved" message, and leaves no half-written file."""

from __future__ import annotations

import errno
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox
from xlsxwriter.exceptions import FileCreateError

from desktop.io import files, xlsx_writer
from desktop.rules.codes import Role
from desktop.services import applications as svc
from desktop.services import referrals
from desktop.views import board as board_module
from desktop.views.applications import ApplicationsPage
from desktop.views.board import BoardPage
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.households import HouseholdsPage
from desktop.views.operations import wait_for_background
from tests.conftest import ShownErrors
from tests.district import District
from tests.monitoring_helpers import add_households
from tests.test_applications import make_household

FOLDER = "这是一个文件夹,请选择或输入文件名"
NO_PERMISSION = "没有在此处写入的权限,或该文件正在其他程序(如 Excel/WPS)中打开;请先关闭该文件,或换一个文件名或文件夹保存"
DISK_FULL = "磁盘空间已满;请清理出空间,或保存到其他磁盘"


# Run in Simplified Chinese, as users see it (conftest's fixture: no translator left behind).
pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def targets(tmp_path: Path, read_only_dir: Path) -> list[tuple[Path, str]]:
    """(the path chosen in the save dialog, the reason the message must give)."""
    folder = tmp_path / "导出.xlsx"  # a folder, even with a file name's ending
    folder.mkdir()
    return [(folder, FOLDER), (read_only_dir / "导出.xlsx", NO_PERMISSION)]


def assert_told(shown: ShownErrors, target: Path, reason: str) -> None:
    assert shown.crashes == [], shown.crashes
    assert len(shown.plain) == 1, shown.plain
    assert shown.plain[0] == f"无法保存“{target}”:{reason}。本次没有保存任何内容。"


def assert_nothing_written(tmp_path: Path, read_only_dir: Path) -> None:
    assert list(read_only_dir.iterdir()) == []
    assert not list(tmp_path.rglob(".relief-*")), "a temporary file was left behind"


def test_household_list_export(qtbot, sqlite_district: District, targets: list[tuple[Path, str]],  # noqa: ANN001
                               shown_errors: ShownErrors, tmp_path: Path, read_only_dir: Path) -> None:
    d = sqlite_district
    add_households(d.db, d.regions["飞云社区"], "class_1", 3)
    page = HouseholdsPage(AppContext(d.db, d.actor(Role.COMMUNITY_WORKER)))
    qtbot.addWidget(page, before_close_func=lambda _w: wait_for_background())
    before = page.hint_label.text()
    for target, reason in targets:
        shown_errors.clear()
        op = page.start_export(page.current_filter(), str(target))
        with qtbot.waitSignal(op.done):
            pass
        assert wait_for_background()
        assert_told(shown_errors, target, reason)
        assert page.hint_label.text() == before  # no "exported" message
        assert page.export_button.isEnabled()
    assert_nothing_written(tmp_path, read_only_dir)


def test_quarterly_report_and_referral_list(qtbot, sqlite_district: District,  # noqa: ANN001
                                            targets: list[tuple[Path, str]], shown_errors: ShownErrors,
                                            tmp_path: Path, read_only_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    d = sqlite_district
    [hid, *_] = add_households(d.db, d.regions["飞云社区"], "class_1", 3)
    # a list with a row in it: an empty one is refused before the target is looked at (nothing to export)
    referrals.create_referral(d.db, d.admin, hid, department="housing", need="住房困难", due_on=None)
    saved: list[str] = []
    monkeypatch.setattr(board_module.QMessageBox, "information", lambda _p, _t, text: saved.append(text))
    page = BoardPage(AppContext(d.db, d.actor(Role.SUBDISTRICT_CASEWORKER)))
    qtbot.addWidget(page, before_close_func=lambda _w: wait_for_background())
    for target, reason in targets:
        for export in (lambda t=target: page.visits.export_quarterly_report(2026, 4, str(t)),
                       lambda t=target: page.referrals.export_department("housing", str(t))):
            shown_errors.clear()
            export()
            assert wait_for_background()
            assert_told(shown_errors, target, reason)
    assert saved == []  # never "Saved …"
    assert_nothing_written(tmp_path, read_only_dir)


def test_publicity_list_xlsx_and_pdf(qtbot, sqlite_district: District,  # noqa: ANN001
                                     targets: list[tuple[Path, str]], shown_errors: ShownErrors,
                                     tmp_path: Path, read_only_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = sqlite_district
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    hid = make_household(d.db, d.regions["八泉社区"], "张三", 3)
    on = date.today() - timedelta(days=1)
    app_id = svc.accept(d.db, d.admin, household_id=hid, category="temporary", temporary_kind="emergency",
                        accepted_on=on)
    svc.decide(d.db, d.admin, app_id, approve=True, on=on, amount="1200")
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page, before_close_func=lambda _w: wait_for_background())
    for target, reason in targets:
        for kind in ("xlsx", "pdf"):
            shown_errors.clear()
            page.export_publicity(kind, str(target), (on, on))
            assert wait_for_background()
            assert_told(shown_errors, target, reason)
            assert "已保存" not in page.count_label.text()
    assert_nothing_written(tmp_path, read_only_dir)


def test_a_full_disk_leaves_the_old_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   shown_errors: ShownErrors) -> None:
    """xlsxwriter reports a failed write as its own FileCreateError: the writer raises the OSError
    inside, naming the file, and the earlier file stays whole."""
    target = tmp_path / "名单.xlsx"
    xlsx_writer.write_table(target, ["姓名"], [["张三"]])

    def full(_book: object) -> None:
        raise FileCreateError(OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(xlsx_writer.xlsxwriter.Workbook, "close", full)
    with pytest.raises(OSError) as caught:
        xlsx_writer.write_table(target, ["姓名"], [["李四"]])
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(target)
    assert [r for r in openpyxl.load_workbook(target).active.iter_rows(values_only=True)] == [("姓名",), ("张三",)]
    assert [p.name for p in tmp_path.iterdir()] == ["名单.xlsx"]
    show_error(None, caught.value)
    assert_told(shown_errors, target, DISK_FULL)


def test_a_failed_byte_write_names_the_chosen_file(tmp_path: Path) -> None:
    target = tmp_path / "通知书.pdf"
    files.write_bytes(target, b"old")
    with pytest.raises(OSError) as caught, files.replacing(target) as tmp:
        tmp.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp))
    assert caught.value.filename == str(target)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["通知书.pdf"]


def test_a_saved_file_is_readable_like_any_other(tmp_path: Path) -> None:
    """The temporary file is private to its owner; what it becomes is not (a new file: rw-r--r--;
    a replaced file keeps its mode)."""
    new = files.write_bytes(tmp_path / "模板.xlsx", b"new")
    assert new.stat().st_mode & 0o777 == 0o644
    shared = tmp_path / "共享.xlsx"
    shared.write_bytes(b"old")
    shared.chmod(0o664)
    files.write_bytes(shared, b"again")
    assert shared.stat().st_mode & 0o777 == 0o664 and shared.read_bytes() == b"again"
