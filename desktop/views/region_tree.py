"""A region filter tree (district → sub-district/town → community/village), reusable by any page.

Fed by ``regions.list_regions`` (only the regions the actor may see). ``regionChanged`` carries the
chosen region id, or None when the actor's whole area is chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from desktop.services import regions
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.services.errors import ServiceError
from desktop.views.errors import show_error

ID_ROLE = Qt.ItemDataRole.UserRole
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1


class RegionTree(QTreeWidget):
    regionChanged = Signal(object)  # int | None

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setMinimumWidth(150)
        self.setAccessibleName(self.tr("Regions"))
        self._items: dict[int, QTreeWidgetItem] = {}
        self._top_ids: set[int] = set()
        self.reload()
        self.currentItemChanged.connect(self._changed)

    def reload(self) -> None:
        """(Re)read the regions; keeps the current choice when it still exists."""
        chosen = self.current_region()
        self.blockSignals(True)
        self.clear()
        self._items.clear()
        try:
            rows = regions.list_regions(self.db, self.actor)
        except ServiceError as exc:
            self.blockSignals(False)
            show_error(self, exc)
            return
        for region in rows:
            parent = self._items.get(region.parent_id) if region.parent_id is not None else None
            item = QTreeWidgetItem([region.name])
            item.setData(0, ID_ROLE, region.id)
            item.setData(0, LEVEL_ROLE, region.level)
            item.setToolTip(0, region.name)
            if parent is None:
                self.addTopLevelItem(item)
                self._top_ids.add(region.id)
            else:
                parent.addChild(item)
            self._items[region.id] = item
        for index in range(self.topLevelItemCount()):
            self.topLevelItem(index).setExpanded(True)
        target = self._items.get(chosen) if chosen is not None else None
        self.setCurrentItem(target or self.topLevelItem(0))
        self.blockSignals(False)

    def current_region(self) -> int | None:
        """The chosen region id; None for the actor's whole area."""
        item = self.currentItem()
        if item is None:
            return None
        region_id = item.data(0, ID_ROLE)
        if region_id in self._top_ids and self.topLevelItemCount() == 1:
            return None
        return int(region_id)

    def select_region(self, region_id: int | None) -> None:
        item = self._items.get(region_id) if region_id is not None else self.topLevelItem(0)
        if item is not None:
            self.setCurrentItem(item)

    def names(self, level: str) -> list[str]:
        """The names of the regions of ``level`` ("subdistrict", "community") the tree lists."""
        return [item.text(0) for item in self._items.values() if item.data(0, LEVEL_ROLE) == level]

    def region_name(self, region_id: int | None) -> str:
        item = self._items.get(region_id) if region_id is not None else self.topLevelItem(0)
        return item.text(0) if item is not None else ""

    def _changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.regionChanged.emit(self.current_region())
