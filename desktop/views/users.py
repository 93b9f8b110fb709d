"""Settings tab: the staff accounts (administrator only)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.rules.codes import ROLE_LABELS
from desktop.services import auth
from desktop.services.errors import ServiceError
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.table_model import RowListTableModel


class UsersTableModel(RowListTableModel[auth.UserInfo]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("UsersTableModel", "User name"),
        QT_TRANSLATE_NOOP("UsersTableModel", "Full name"),
        QT_TRANSLATE_NOOP("UsersTableModel", "Role"),
        QT_TRANSLATE_NOOP("UsersTableModel", "Region"),
        QT_TRANSLATE_NOOP("UsersTableModel", "Active"),
    )

    def display(self, u: auth.UserInfo, column: int) -> str:
        return (u.username, u.display_name, u.role_label, u.region_name,
                self.tr("Yes") if u.active else self.tr("No"))[column]


class AddUserDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Add user"))
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox()
        for code, label in ROLE_LABELS.items():
            self.role.addItem(label, code.value)
        self.region = QComboBox()
        for region in auth.list_regions(ctx.db, ctx.actor):
            depth = region.path.count("/") - 2
            self.region.addItem("    " * depth + region.name, region.id)
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Full name:"), self.display_name)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("Region:"), self.region)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        try:
            auth.add_user(self.ctx.db, self.ctx.actor, username=self.username.text(), password=self.password.text(),
                          role=self.role.currentData(), region_id=self.region.currentData(),
                          display_name=self.display_name.text())
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.accept()


class UsersTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        add = QPushButton(self.tr("&Add user…"))
        add.clicked.connect(self.add_user)
        bar.addWidget(add)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = UsersTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.model.set_rows(auth.list_users(self.ctx.db, self.ctx.actor))
        except ServiceError as exc:
            show_error(self, exc)

    def add_user(self) -> None:
        if AddUserDialog(self.ctx, self).exec():
            self.refresh()
