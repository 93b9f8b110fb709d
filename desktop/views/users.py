"""Settings tab: the staff accounts (administrator only)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.rules.codes import ROLE_LABELS
from desktop.services import auth
from desktop.services.errors import ServiceError
from desktop.views.confirm import FormDialog
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.table_model import RowListTableModel, read_only_table


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


class UserDialog(FormDialog):
    """Add an account, or change one (``user`` given): name, role, region, and whether it may log in."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, user: auth.UserInfo | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.setWindowTitle(self.tr("Add user") if user is None else self.tr("Edit user {name}").format(
            name=user.username))
        self.setMinimumWidth(380)
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
        self.active = QCheckBox(self.tr("&May log in"))
        self.active.setChecked(True)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("Full &name:"), self.display_name)
        if user is None:
            form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow(self.tr("Re&gion:"), self.region)
        if user is not None:
            self.username.setText(user.username)
            self.username.setReadOnly(True)
            self.display_name.setText(user.display_name)
            self.role.setCurrentIndex(self.role.findData(user.role))
            self.region.setCurrentIndex(self.region.findData(user.region_id))
            self.active.setChecked(user.active)
            form.addRow("", self.active)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        try:
            if self.user is None:
                auth.add_user(self.ctx.db, self.ctx.actor, username=self.username.text(),
                              password=self.password.text(), role=self.role.currentData(),
                              region_id=self.region.currentData(), display_name=self.display_name.text())
            else:
                if not self.active.isChecked() and self.user.active and QMessageBox.question(
                        self, self.windowTitle(), self.tr(
                            "Stop account {name}? It can no longer log in; its records and history stay.").format(
                            name=self.user.username)) != QMessageBox.StandardButton.Yes:
                    return
                auth.update_user(self.ctx.db, self.ctx.actor, self.user.id, display_name=self.display_name.text(),
                                 role=self.role.currentData(), region_id=self.region.currentData(),
                                 active=self.active.isChecked())
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.accept()


class PasswordDialog(QDialog):
    """A new password typed twice: an administrator's reset (``user`` given) or the user's own
    change, which asks for the current password first."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, user: auth.UserInfo | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.setWindowTitle(self.tr("Change my password") if user is None else self.tr(
            "Reset the password of {name}").format(name=user.username))
        self.setMinimumWidth(360)
        form = QFormLayout(self)
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.again = QLineEdit()
        for edit in (self.old, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        if user is None:
            form.addRow(self.tr("&Current password:"), self.old)
        form.addRow(self.tr("&New password:"), self.new)
        form.addRow(self.tr("&Repeat it:"), self.again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        if self.new.text() != self.again.text():
            show_error(self, ServiceError(self.tr("The two new passwords differ.")))
            return
        try:
            if self.user is None:
                auth.change_password(self.ctx.db, self.ctx.actor, self.old.text(), self.new.text())
            else:
                auth.reset_password(self.ctx.db, self.ctx.actor, self.user.id, self.new.text())
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
        edit = QPushButton(self.tr("&Edit…"))
        edit.clicked.connect(self.edit_user)
        reset = QPushButton(self.tr("Reset &password…"))
        reset.clicked.connect(self.reset_password)
        for button in (add, edit, reset):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = UsersTableModel(self)
        self.table = read_only_table(self.model, fit_contents=True, single=True)
        self.table.doubleClicked.connect(lambda _index: self.edit_user())
        self.table.activated.connect(lambda _index: self.edit_user())
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.model.set_rows(auth.list_users(self.ctx.db, self.ctx.actor))
        except ServiceError as exc:
            show_error(self, exc)

    def selected(self) -> auth.UserInfo | None:
        index = self.table.currentIndex()
        if not index.isValid():
            QMessageBox.information(self, self.tr("Users"), self.tr("Select a user first."))
            return None
        return self.model.rows[index.row()]

    def add_user(self) -> None:
        if UserDialog(self.ctx, self).exec():
            self.refresh()

    def edit_user(self) -> None:
        user = self.selected()
        if user is not None and UserDialog(self.ctx, self, user).exec():
            self.refresh()

    def reset_password(self) -> None:
        user = self.selected()
        if user is not None and PasswordDialog(self.ctx, self, user).exec():
            QMessageBox.information(self, self.tr("Users"), self.tr(
                "The password of {name} was reset. Tell the user in person.").format(name=user.username))
