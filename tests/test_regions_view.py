"""系统设置 → 区划管理: the administrator sets up the district's regions in the window; others only look."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.rules.codes import Role
from desktop.services import regions
from desktop.services.errors import ServiceError
from desktop.views import regions as regions_view
from desktop.views.context import AppContext
from desktop.views.regions import AddRegionDialog, RegionsTab, RenameRegionDialog
from tests.district import District
from tests.mnemonics import duplicate_mnemonics
from tests.test_regions import write_list


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []

    def fake_show_error(_parent: QWidget | None, exc: BaseException) -> None:
        messages.append(exc.message if isinstance(exc, ServiceError) else str(exc))

    def box(*args: object, **_k: object) -> QMessageBox.StandardButton:
        messages.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(regions_view, "show_error", fake_show_error)
    for name in ("question", "information", "warning"):
        monkeypatch.setattr(QMessageBox, name, box)
    return messages


def names_in(tab: RegionsTab) -> list[str]:
    out: list[str] = []

    def walk(item, depth: int) -> None:  # noqa: ANN001
        out.append("  " * depth + item.text(0))
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)
    for i in range(tab.tree.topLevelItemCount()):
        walk(tab.tree.topLevelItem(i), 0)
    return out


def test_the_administrator_adds_and_renames_regions(qtbot, sqlite_district: District,  # noqa: ANN001
                                                    shown: list[str]) -> None:
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    tab = RegionsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    assert names_in(tab)[:3] == ["西塞山区", "  八泉街道", "    八泉社区"]
    assert tab.add_button.isVisible() and tab.rename_button.isVisible() and tab.import_button.isVisible()
    assert duplicate_mnemonics(tab) == {}
    # a community has no sub-regions
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0).child(0).child(0))
    assert not tab.add_button.isEnabled()
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0).child(1))  # 河口镇
    dialog = AddRegionDialog(ctx, tab.current(), tab)
    qtbot.addWidget(dialog)
    assert duplicate_mnemonics(dialog) == {}
    dialog.name.setText("道仕袱村")  # already there
    dialog.save()
    assert shown == ["“河口镇”下已有名为“道仕袱村”的区划。"] and dialog.result() != AddRegionDialog.DialogCode.Accepted
    dialog.name.setText("黄荆山村")
    dialog.save()
    assert dialog.result() == AddRegionDialog.DialogCode.Accepted
    added = regions.find_region(d.db, d.admin, "黄荆山村")
    assert (added.code, added.area_type) == ("420203002003", "rural")
    assert "    黄荆山村" in names_in(tab)  # the tab follows the change
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    rename = RenameRegionDialog(ctx, tab.current(), tab)
    qtbot.addWidget(rename)
    rename.name.setText("黄石港区")
    rename.code.setText("420202")
    rename.save()
    assert rename.result() == RenameRegionDialog.DialogCode.Accepted
    assert names_in(tab)[0] == "黄石港区" and tab.tree.topLevelItem(0).text(3) == "420202"


def test_import_checks_first_and_writes_nothing_on_errors(qtbot, sqlite_district: District,  # noqa: ANN001
                                                          shown: list[str], tmp_path: Path) -> None:
    d = sqlite_district
    tab = RegionsTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    bad = write_list(tmp_path / "bad.xlsx", [["街道(镇)", "社区(村)", "城乡类别"], ["新港街道", "新港社区", "郊区"]])
    tab.import_file(str(bad))
    assert len(shown) == 1 and "第 2 行" in shown[0] and "城乡类别" in shown[0]
    assert "新港街道" not in [r.name for r in regions.list_regions(d.db, d.admin)]
    good = write_list(tmp_path / "good.xlsx", [["街道(镇)", "社区(村)"], ["新港街道", "新港社区"], ["八泉街道", "八泉社区"]])
    tab.import_file(str(good))
    assert "  新港街道" in names_in(tab) and "    新港社区" in names_in(tab)
    missing = tmp_path / "missing.xlsx"
    tab.import_file(str(missing))
    assert "找不到文件" in shown[-1]


def test_others_see_the_tree_read_only(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    d = sqlite_district
    tab = RegionsTab(AppContext(d.db, d.actor(Role.SUBDISTRICT_CASEWORKER)))
    qtbot.addWidget(tab)
    tab.show()
    assert not tab.add_button.isVisible() and not tab.rename_button.isVisible() and not tab.import_button.isVisible()
    assert names_in(tab) == ["八泉街道", "  八泉社区", "  飞云社区"]


def test_the_administrator_deletes_a_region_nothing_uses(qtbot, sqlite_district: District,  # noqa: ANN001
                                                          shown: list[str]) -> None:
    d = sqlite_district
    tab = RegionsTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    tab.show()
    assert tab.delete_button.isVisible() and not tab.delete_button.isEnabled()  # the district is chosen
    assert duplicate_mnemonics(tab) == {}
    wrong = regions.add_region(d.db, d.admin, parent_id=d.regions["八泉街道"], name="加错社区")
    tab.refresh(select=wrong)
    assert tab.delete_button.isEnabled()
    tab.delete_region()
    assert shown == [tab.tr("Delete {level} {name} (code {code})? Nothing refers to it; the audit log keeps "
                            "that it was there.").format(level="社区(村)", name="加错社区", code="420203001003")]
    assert "    加错社区" not in names_in(tab) and tab.current().name == "八泉街道"
    tab.refresh(select=d.regions["飞云社区"])  # the community worker's account belongs to it
    tab.delete_region()
    assert shown[-1].startswith("不能删除社区(村)“飞云社区”:还有用户账号 1 个属于它。")
    assert "    飞云社区" in names_in(tab)


def test_the_administrator_moves_a_community_to_another_town(qtbot, sqlite_district: District,  # noqa: ANN001
                                                              shown: list[str]) -> None:
    from desktop.services import households as hs

    d = sqlite_district
    hs.create_household(d.db, d.admin, region_id=d.regions["飞云社区"], address="飞云路1号",
                        head={"name": "张三", "id_number": "420203199001011238"})
    ctx = AppContext(d.db, d.admin)
    tab = RegionsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh(select=d.regions["八泉街道"])
    assert not tab.move_button.isEnabled()  # only a community or village moves
    tab.refresh(select=d.regions["飞云社区"])
    assert tab.move_button.isEnabled()
    dialog = regions_view.MoveRegionDialog(ctx, tab.current(), list(tab.rows.values()), tab)
    qtbot.addWidget(dialog)
    assert duplicate_mnemonics(dialog) == {}
    assert [dialog.target.itemText(i) for i in range(dialog.target.count())] == ["河口镇"]  # not its own
    dialog.save()  # nothing chosen
    assert shown == [dialog.tr("Choose the sub-district or town to move it under.")]
    dialog.target.setCurrentIndex(0)
    dialog.save()
    assert shown[-1] == (dialog.tr("Move {name} from {old} to {new}?\n\n{households} household(s) and their records "
                                   "will belong to {new}: its caseworkers will see them, those of {old} no longer.")
                         .format(name="飞云社区", old="八泉街道", new="河口镇", households=1) + "\n"
                         + dialog.tr("The {n} account(s) of {name} must log in again.").format(n=1, name="飞云社区"))
    assert dialog.result() == regions_view.MoveRegionDialog.DialogCode.Accepted
    assert names_in(tab) == ["西塞山区", "  八泉街道", "    八泉社区", "  河口镇", "    飞云社区", "    闸口社区", "    道仕袱村"]
    assert tab.current().name == "飞云社区"


def test_the_households_page_tree_follows_a_move(qtbot, sqlite_district: District,  # noqa: ANN001
                                                 shown: list[str]) -> None:
    """The households page's region tree showed a moved (or added) community under its old place
    until the program was started again."""
    from desktop.views.households import HouseholdsPage

    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    page = HouseholdsPage(ctx)
    qtbot.addWidget(page)
    tab = RegionsTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh(select=d.regions["飞云社区"])
    dialog = regions_view.MoveRegionDialog(ctx, tab.current(), list(tab.rows.values()), tab)
    qtbot.addWidget(dialog)
    dialog.target.setCurrentIndex(0)
    dialog.save()
    town = page.regions._items[d.regions["河口镇"]]
    assert [town.child(i).text(0) for i in range(town.childCount())] == ["飞云社区", "闸口社区", "道仕袱村"]


def test_the_board_and_clue_inbox_region_filters_follow_added_and_deleted_regions(
        qtbot, sqlite_district: District, shown: list[str]) -> None:  # noqa: ANN001
    """The region filters of the board, the visits tab and the clue inbox were filled once: a community
    added in 区划管理 could not be chosen until the program was started again; one deleted stayed."""
    from desktop.views.board import RegionCombo
    from desktop.views.discovery import ClueInboxTab

    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    combo = RegionCombo(ctx, None)
    qtbot.addWidget(combo)
    inbox = ClueInboxTab(ctx)
    qtbot.addWidget(inbox)
    combo.setCurrentIndex(combo.findData(d.regions["飞云社区"]))
    inbox.region.setCurrentIndex(inbox.region.findData(d.regions["飞云社区"]))
    new_id = regions.add_region(d.db, d.admin, parent_id=d.regions["八泉街道"], name="新建社区")
    ctx.changes.publish("regions", new_id)  # as 区划管理 (or the live feed from another workstation) does
    assert combo.findData(new_id) >= 0 and inbox.region.findData(new_id) >= 0
    assert combo.currentData() == d.regions["飞云社区"] and inbox.region.currentData() == d.regions["飞云社区"]
    assert inbox.region.itemData(1) == -1  # 未分派 stays second
    combo.setCurrentIndex(combo.findData(new_id))
    inbox.region.setCurrentIndex(inbox.region.findData(new_id))
    fallen_back: list[int] = []
    combo.currentIndexChanged.connect(fallen_back.append)
    regions.delete_region(d.db, d.admin, new_id)
    ctx.changes.publish("regions", new_id)
    assert combo.findData(new_id) < 0 and inbox.region.findData(new_id) < 0
    assert combo.currentData() is None and fallen_back == [0]  # all regions again, and the tab told
    assert inbox.region.currentData() is None and inbox.current_filter().region_id is None
