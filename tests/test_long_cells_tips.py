"""A long cell of the import windows' tables (a reason saying how to put a row right, an address, a
file name) is cut short in its column: its tool tip holds the whole of it, wrapped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.views.context import AppContext
from desktop.views.import_wizard import RowsTableModel, long_text_tip
from desktop.views.operations import wait_for_background
from tests.district import District

DATA = Path(__file__).parent / "data" / "import"
TIP = Qt.ItemDataRole.ToolTipRole


def test_only_a_long_cell_has_a_tip_and_it_is_escaped(qtbot) -> None:  # noqa: ANN001
    model = RowsTableModel(["行号", "问题"], numbers=(0,))
    model.set_rows(["行号", "问题"], [[3, "身份证号为空"], [4, "“<1,200>”不是金额(逗号只能用作千位分隔,如 1,200.50)"]])
    assert model.data(model.index(0, 0), TIP) is None and model.data(model.index(0, 1), TIP) is None
    assert model.data(model.index(1, 1), TIP) == "<p>“&lt;1,200&gt;”不是金额(逗号只能用作千位分隔,如 1,200.50)</p>"
    assert long_text_tip("短") is None


def test_the_registers_errors_can_be_read_in_full(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    from desktop.views.register_import import RegisterImportDialog

    dialog = RegisterImportDialog(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(DATA / "家庭台账_金额列设成日期格式_LibreOffice.xlsx"))
    dialog.run(dry_run=True)
    assert wait_for_background()
    model = dialog.errors
    tips = [model.data(model.index(r, 2), TIP) for r in range(model.rowCount())]
    assert tips and all(t.startswith("<p>“") and t.endswith("核对金额后重新保存再导入</p>") for t in tips)
