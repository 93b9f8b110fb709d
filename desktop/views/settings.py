"""Settings: one tab per area (users, policy, calendar, connection), from pages.SETTINGS_TABS."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.views.context import AppContext
from desktop.views.pages import SETTINGS_TABS


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop.views.main_window import load_class

        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self._keys: list[str] = []  # of the tabs shown, in their order
        for key, label, target, roles in SETTINGS_TABS:
            if roles is not None and ctx.actor.role not in roles:
                continue
            self.tabs.addTab(load_class(target)(ctx, self), QCoreApplication.translate("Pages", label))
            self._keys.append(key)
        if self.tabs.count() == 0:
            layout.addWidget(QLabel(self.tr("Your role has no settings to change.")))
        layout.addWidget(self.tabs)

    def show_list(self, key: str) -> None:
        """The tab of ``key`` ("calendar": from 今日工作, a year's holidays not entered)."""
        if key in self._keys:
            self.tabs.setCurrentIndex(self._keys.index(key))
