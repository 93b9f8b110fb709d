"""Settings tab: the district's regions (区划管理). The administrator adds sub-districts/towns and
communities/villages, renames them (the district too), imports a list, deletes a region added by
mistake, or moves a community/village to another sub-district/town (行政区划调整); others see the tree."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.rules.codes import LEVEL_LABELS, RegionLevel, Role
from desktop.services import regions
from desktop.services.errors import ServiceError
from desktop.views.confirm import FormDialog, asked_yes
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.import_wizard import SPREADSHEET_FILTER

ID_ROLE = Qt.ItemDataRole.UserRole


class _RegionDialog(FormDialog):
    """A form about one region: OK saves through ``write`` (the id it changed), Cancel asks before
    throwing away what was typed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setMinimumWidth(420)

    def finish_form(self, form: QFormLayout) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def write(self) -> int:
        raise NotImplementedError

    def save(self) -> None:
        try:
            changed = self.write()
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("regions", changed)
        self.accept()


class AddRegionDialog(_RegionDialog):
    """A new region under ``parent``: its name, and optionally its code and area type."""

    def __init__(self, ctx: AppContext, parent_region: regions.RegionRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.parent_region = parent_region
        self.new_id: int | None = None
        level = regions.CHILD_LEVEL[RegionLevel(parent_region.level)]
        self.setWindowTitle(self.tr("Add a region under {name}").format(name=parent_region.name))
        form = QFormLayout(self)
        form.addRow(self.tr("Under:"), QLabel(f"{parent_region.name}({parent_region.level_label})"))
        form.addRow(self.tr("Level:"), QLabel(LEVEL_LABELS[level]))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 八泉街道, 河口镇") if level == RegionLevel.SUBDISTRICT
                                     else self.tr("e.g. 飞云社区, 道仕袱村"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Leave empty to number it from {code}").format(code=parent_region.code))
        self.area = QComboBox()
        self.area.addItem(self.tr("From the name (镇, 乡, 村: rural)"), "")
        self.area.addItem(self.tr("Urban"), "城市")
        self.area.addItem(self.tr("Rural"), "农村")
        for label, widget in ((self.tr("&Name:"), self.name), (self.tr("C&ode:"), self.code),
                              (self.tr("&Urban or rural:"), self.area)):
            form.addRow(label, widget)
        self.finish_form(form)

    def write(self) -> int:
        self.new_id = regions.add_region(self.ctx.db, self.ctx.actor, parent_id=self.parent_region.id,
                                         name=self.name.text(), code=self.code.text(),
                                         area_type=self.area.currentData())
        return self.new_id


class RenameRegionDialog(_RegionDialog):
    """A region's new name and code (the district's too: another district can use the program)."""

    def __init__(self, ctx: AppContext, region: regions.RegionRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.region = region
        self.setWindowTitle(self.tr("Rename {name}").format(name=region.name))
        form = QFormLayout(self)
        self.name = QLineEdit(region.name)
        self.code = QLineEdit(region.code)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("C&ode:"), self.code)
        self.finish_form(form)

    def write(self) -> int:
        regions.rename_region(self.ctx.db, self.ctx.actor, self.region.id, self.name.text(),
                              code=self.code.text(), expected_version=self.region.version)
        return self.region.id


class MoveRegionDialog(_RegionDialog):
    """A community/village's new sub-district/town; OK says how many households move and asks first."""

    def __init__(self, ctx: AppContext, region: regions.RegionRow, choices: list[regions.RegionRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.region = region
        self.setWindowTitle(self.tr("Move {name} to another sub-district or town").format(name=region.name))
        form = QFormLayout(self)
        form.addRow(self.tr("Region:"), QLabel(f"{region.name}({region.level_label})"))
        self.target = QComboBox()
        self.target.setPlaceholderText(self.tr("Choose a sub-district or town"))
        for row in choices:
            if row.level == RegionLevel.SUBDISTRICT and row.id != region.parent_id:
                self.target.addItem(row.name, row.id)
        self.target.setCurrentIndex(-1)
        form.addRow(self.tr("&Move under:"), self.target)
        note = QLabel(self.tr("Its households, and their clues, applications and visits, move with it; "
                              "its name and code stay (Rename changes them)."))
        note.setWordWrap(True)
        form.addRow(note)
        self.finish_form(form)

    def save(self) -> None:
        parent_id = self.target.currentData()
        if parent_id is None:
            QMessageBox.warning(self, self.windowTitle(), self.tr("Choose the sub-district or town to move it under."))
            return
        try:
            info = regions.move_info(self.ctx.db, self.ctx.actor, self.region.id, parent_id)
        except ServiceError as exc:
            show_error(self, exc)
            return
        question = self.tr("Move {name} from {old} to {new}?\n\n{households} household(s) and their records "
                           "will belong to {new}: its caseworkers will see them, those of {old} no longer.").format(
            name=info.region.name, old=info.old_parent.name, new=info.new_parent.name, households=info.households)
        if info.accounts:
            question += "\n" + self.tr("The {n} account(s) of {name} must log in again.").format(
                n=info.accounts, name=info.region.name)
        if not asked_yes(self, self.windowTitle(), question):
            return
        super().save()

    def write(self) -> int:
        regions.move_region(self.ctx.db, self.ctx.actor, self.region.id, self.target.currentData(),
                            expected_version=self.region.version)
        return self.region.id


class RegionsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.admin = ctx.actor.role == Role.ADMIN
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a &sub-region…"))
        self.add_button.clicked.connect(self.add_region)
        self.rename_button = QPushButton(self.tr("Re&name…"))
        self.rename_button.clicked.connect(self.rename_region)
        self.move_button = QPushButton(self.tr("&Move…"))
        self.move_button.setToolTip(self.tr("Move a community or village to another sub-district or town"))
        self.move_button.clicked.connect(self.move_region)
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_button.setToolTip(self.tr("Delete a region nothing uses (one added by mistake)"))
        self.delete_button.clicked.connect(self.delete_region)
        self.import_button = QPushButton(self.tr("&Import from a spreadsheet…"))
        self.import_button.clicked.connect(self.import_regions)
        for button in (self.add_button, self.rename_button, self.move_button, self.delete_button, self.import_button):
            bar.addWidget(button)
        self.note = QLabel(self.tr("Only the system administrator can change the regions.") if not self.admin else
                           self.tr("Under the district: sub-districts and towns; under those: communities and "
                                   "villages. A list to import has the columns 街道(镇) and 社区(村), "
                                   "and may have 城乡类别 and 区划代码."))
        self.note.setWordWrap(True)
        bar.addWidget(self.note, 1)
        layout.addLayout(bar)
        for button in (self.add_button, self.rename_button, self.move_button, self.delete_button, self.import_button):
            # Only once the bar is in the tab: shown while it had no parent yet, each button was a window
            # of its own for a moment, and took the main window's focus away (no field had it after Ctrl+7).
            button.setVisible(self.admin)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Level"), self.tr("Urban or rural"), self.tr("Code")])
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName(self.tr("Regions"))
        self.tree.header().setStretchLastSection(False)
        self.tree.setColumnWidth(0, 320)
        self.tree.currentItemChanged.connect(lambda *_a: self._enable())
        if self.admin:
            self.tree.itemActivated.connect(lambda *_a: self.rename_region())
        layout.addWidget(self.tree)
        self.rows: dict[int, regions.RegionRow] = {}
        ctx.changes.changed.connect(self._on_change)
        self.refresh()

    def _on_change(self, topic: str, _ident: int) -> None:
        if topic in ("regions", "*"):
            self.refresh()

    def refresh(self, select: int | None = None) -> None:
        """Read the regions again, keeping the chosen one chosen (or choosing ``select``)."""
        chosen = select if select is not None else self.current_id()
        try:
            rows = regions.list_regions(self.ctx.db, self.ctx.actor)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.tree.clear()
        self.rows = {r.id: r for r in rows}
        items: dict[int, QTreeWidgetItem] = {}
        for r in rows:
            item = QTreeWidgetItem([r.name, r.level_label, r.area_label, r.code])
            item.setData(0, ID_ROLE, r.id)
            holder = items.get(r.parent_id) if r.parent_id is not None else None
            if holder is None:
                self.tree.addTopLevelItem(item)
            else:
                holder.addChild(item)
            items[r.id] = item
        self.tree.expandAll()
        if chosen in items:
            self.tree.scrollToItem(items[chosen])
        self.tree.setCurrentItem(items.get(chosen) or self.tree.topLevelItem(0))
        for column in (1, 2, 3):
            self.tree.resizeColumnToContents(column)
        self._enable()

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        return int(item.data(0, ID_ROLE)) if item is not None else None

    def current(self) -> regions.RegionRow | None:
        region_id = self.current_id()
        return self.rows.get(region_id) if region_id is not None else None

    def _enable(self) -> None:
        region = self.current()
        self.add_button.setEnabled(region is not None and region.level != RegionLevel.COMMUNITY)
        self.rename_button.setEnabled(region is not None)
        self.move_button.setEnabled(region is not None and region.level == RegionLevel.COMMUNITY)
        self.delete_button.setEnabled(region is not None and region.parent_id is not None)

    def add_region(self) -> None:
        region = self.current()
        if region is None or region.level == RegionLevel.COMMUNITY:
            return
        dialog = AddRegionDialog(self.ctx, region, self)
        if dialog.exec() and dialog.new_id is not None:
            self.refresh(select=dialog.new_id)

    def rename_region(self) -> None:
        region = self.current()
        if region is not None and self.admin:
            RenameRegionDialog(self.ctx, region, self).exec()

    def move_region(self) -> None:
        region = self.current()
        if region is not None and self.admin and region.level == RegionLevel.COMMUNITY:
            MoveRegionDialog(self.ctx, region, list(self.rows.values()), self).exec()

    def delete_region(self) -> None:
        """Say what still uses the region (the service's counts), or ask before deleting it."""
        region = self.current()
        if region is None or not self.admin or region.parent_id is None:
            return
        title = self.tr("Delete a region")
        try:
            info = regions.deletion_info(self.ctx.db, self.ctx.actor, region.id)
            if info.refusal:
                QMessageBox.warning(self, title, info.refusal)
                return
            if QMessageBox.question(self, title, self.tr(
                    "Delete {level} {name} (code {code})? Nothing refers to it; the audit log keeps "
                    "that it was there.").format(level=region.level_label, name=region.name, code=region.code),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
                return
            regions.delete_region(self.ctx.db, self.ctx.actor, region.id, expected_version=region.version)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("regions", region.id)
        self.refresh(select=region.parent_id)

    def import_regions(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("List of regions"), "",
                                              self.tr("Spreadsheets ({patterns})").format(patterns=SPREADSHEET_FILTER))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        """Check the list first (a dry run); import only when it has no errors and the user agrees."""
        try:
            trial = regions.import_regions(self.ctx.db, self.ctx.actor, path, dry_run=True)
        except ServiceError as exc:
            show_error(self, exc)
            return
        counts = self.tr("{subs} sub-district(s)/town(s) and {communities} community(ies)/village(s) to add, "
                         "{existing} already there.").format(subs=trial.created_subdistricts,
                                                             communities=trial.created_communities,
                                                             existing=trial.existing)
        title = self.tr("Import regions")
        if trial.errors:
            shown = "\n".join(str(e) for e in trial.errors[:20])
            more = self.tr("\n… and {n} more.").format(n=len(trial.errors) - 20) if len(trial.errors) > 20 else ""
            QMessageBox.warning(self, title, self.tr(
                "{file}: {n} error(s); nothing was imported. Correct the list and import it again.\n\n"
                "{errors}{more}").format(file=trial.file_name, n=len(trial.errors), errors=shown, more=more))
            return
        if trial.created == 0:
            QMessageBox.information(self, title, self.tr("{file}: every region listed is already there.").format(
                file=trial.file_name))
            return
        if not asked_yes(self, title, self.tr("{file}: {counts}\n\nImport them?").format(
                file=trial.file_name, counts=counts)):
            return
        try:
            result = regions.import_regions(self.ctx.db, self.ctx.actor, path)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("regions", 0)
        QMessageBox.information(self, title, self.tr(
            "{file}: added {subs} sub-district(s)/town(s) and {communities} community(ies)/village(s).").format(
            file=result.file_name, subs=result.created_subdistricts, communities=result.created_communities))
