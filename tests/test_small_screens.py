"""Dialogs on a small screen: a 1366×768 laptop at 150 % has about 911×485 logical pixels above the
taskbar. The clue form (640 pixels tall, its fields alone 616), the policy values (592) and the member
form (464) hung past the bottom edge with their Save and Cancel buttons out of reach, and the household
and application windows, the wizards and the import dialogs opened at their designed size whatever the
screen. Now each opens within the screen's room; the long forms scroll their fields and keep their
message and buttons on screen; where the room is there, every field shows without scrolling."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QScrollArea, QWidget

from desktop.services import households as hs
from desktop.views import screens
from desktop.views.assessment_wizard import AssessmentWizard
from desktop.views.clue_form import ClueForm
from desktop.views.context import AppContext
from desktop.views.household_detail import HouseholdDetailDialog, MemberDialog
from desktop.views.import_wizard import DepartmentImportWizard
from desktop.views.policy_settings import SetValuesDialog
from desktop.views.register_import import RegisterImportDialog
from tests.district import District

pytestmark = pytest.mark.usefixtures("chinese")

LAPTOP_150 = QSize(911, 485)  # 1366×768 at 150 %, less the taskbar


def _household(d: District) -> int:
    return hs.create_household(d.db, d.admin, region_id=d.regions["八泉社区"], address="八泉路1号",
                               head={"name": "张三", "id_number": "420203199001011238"})


def _dialogs(d: District) -> dict[str, Callable[[], QDialog]]:
    ctx = AppContext(d.db, d.admin)
    hid = _household(d)

    def member() -> QDialog:
        detail = HouseholdDetailDialog(ctx, hid)
        return MemberDialog(detail, None)

    return {
        "clue form": lambda: ClueForm(ctx),
        "policy values": lambda: SetValuesDialog(ctx),
        "member": member,
        "household": lambda: HouseholdDetailDialog(ctx, hid),
        "assessment wizard": lambda: AssessmentWizard(ctx, household_id=hid),
        "department import": lambda: DepartmentImportWizard(ctx),
        "register import": lambda: RegisterImportDialog(ctx),
    }


def _scrolling_area(dialog: QWidget) -> QScrollArea | None:
    return next((a for a in dialog.findChildren(QScrollArea) if a.widget() is not None
                 and a.widget().objectName() == "scrollingBody"), None)


def _button_bottom(dialog: QWidget) -> int:
    boxes = [b for b in dialog.findChildren(QDialogButtonBox) if b.isVisible()]
    return max(b.mapTo(dialog, b.rect().bottomLeft()).y() for b in boxes) if boxes else 0


@pytest.mark.parametrize("name", ["clue form", "policy values", "member", "household", "assessment wizard",
                                  "department import", "register import"])
def test_each_dialog_opens_within_a_small_screen_with_its_buttons_in_reach(
        qtbot, sqlite_district: District, monkeypatch: pytest.MonkeyPatch, name: str) -> None:  # noqa: ANN001
    monkeypatch.setattr(screens, "available_room", lambda _w: LAPTOP_150)
    dialog = _dialogs(sqlite_district)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # The frame (title bar) comes on top: the window with it fits the room.
    assert dialog.height() <= LAPTOP_150.height() - screens.FRAME_EXTRA.height(), dialog.size()
    assert dialog.width() <= LAPTOP_150.width() - screens.FRAME_EXTRA.width(), dialog.size()
    assert dialog.minimumSizeHint().height() <= dialog.height()  # the layout can honour the size
    assert _button_bottom(dialog) <= dialog.height()  # Save / Cancel (or the wizard's) on screen
    area = _scrolling_area(dialog)
    if name in ("clue form", "policy values", "member"):
        assert area is not None and area.verticalScrollBar().maximum() > 0  # the fields scroll
    dialog.reject()


@pytest.mark.parametrize("name", ["clue form", "policy values", "member"])
def test_on_a_screen_with_the_room_every_field_shows_without_scrolling(
        qtbot, sqlite_district: District, monkeypatch: pytest.MonkeyPatch, name: str) -> None:  # noqa: ANN001
    monkeypatch.setattr(screens, "available_room", lambda _w: QSize(1366, 728))
    dialog = _dialogs(sqlite_district)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = _scrolling_area(dialog)
    assert area is not None
    assert area.verticalScrollBar().maximum() == 0
    assert area.horizontalScrollBar().maximum() == 0
    dialog.reject()


def test_fit_size_keeps_a_size_that_fits_and_bounds_one_that_does_not(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    widget = QWidget()
    qtbot.addWidget(widget)
    monkeypatch.setattr(screens, "available_room", lambda _w: LAPTOP_150)
    assert screens.fit_size(widget, QSize(600, 400)) == QSize(600, 400)
    assert screens.fit_size(widget, QSize(1000, 680)) == QSize(911 - 16, 485 - 40)
    monkeypatch.setattr(screens, "available_room", lambda _w: None)  # no screen at all
    assert screens.fit_size(widget, QSize(1000, 680)) == QSize(1000, 680)
