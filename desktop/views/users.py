"""Settings tab: the staff accounts (administrator only)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.rules.codes import ROLE_LABELS, ROLE_REGION_LEVELS, Role
from desktop.services import auth, regions
from desktop.services.errors import ServiceError
from desktop.views.confirm import FormDialog, asked_yes
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.operations import BusyDialog
from desktop.views.table_model import RowListTableModel, read_only_table


class UsersTableModel(RowListTableModel[auth.UserInfo]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("UsersTableModel", "User name"),
        QT_TRANSLATE_NOOP("UsersTableModel", "Full name"),
        QT_TRANSLATE_NOOP("UsersTableModel", "Role"),
        QT_TRANSLATE_NOOP("UsersTableModel", "Region"),
        QT_TRANSLATE_NOOP("UsersTableModel", "Active"),
        QT_TRANSLATE_NOOP("UsersTableModel", "Check"),
    )

    def display(self, u: auth.UserInfo, column: int) -> str:
        active = self.tr("Yes") if u.active else self.tr("No")
        if u.locked_until is not None:
            active = self.tr("{active}, locked until {time}").format(active=active, time=auth.until_text(u.locked_until))
        return (u.username, u.display_name, u.role_label, u.region_name, active, u.problem)[column]


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
        self.regions = regions.list_regions(ctx.db, ctx.actor)
        self._fill_regions(user.region_id if user is not None else None)
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
            self.display_name.setFocus()  # the name cannot be changed: typing starts in the first field that can
            self.role.setCurrentIndex(self.role.findData(user.role))
            self._fill_regions(user.region_id)
            self.active.setChecked(user.active)
            form.addRow("", self.active)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.role.currentIndexChanged.connect(lambda _i: self._fill_regions(self.region.currentData()))

    def _fill_regions(self, chosen: int | None) -> None:
        """Only the regions of the level the chosen role belongs to (a community worker: the
        communities and villages), each under its sub-district; the choice is kept when it fits."""
        level = ROLE_REGION_LEVELS.get(Role(self.role.currentData()))
        self.region.clear()
        names = {r.id: r.name for r in self.regions}
        for region in self.regions:
            if level is not None and region.level != level:
                continue
            if level is None:
                text = "    " * (region.path.count("/") - 2) + region.name
            else:  # a flat list: the parent named, so that two villages of the same name differ
                parent = names.get(region.parent_id) if region.parent_id is not None else None
                text = f"{region.name}({parent})" if parent and level != "district" else region.name
            self.region.addItem(text, region.id)
        self.region.setPlaceholderText({
            "district": self.tr("Choose the district"), "subdistrict": self.tr("Choose a sub-district or town"),
            "community": self.tr("Choose a community or village")}.get(level or "", self.tr("Choose a region")))
        index = self.region.findData(chosen) if chosen is not None else -1
        self.region.setCurrentIndex(index if index >= 0 or self.user is not None else
                                    (0 if self.region.count() == 1 else -1))

    def save(self) -> None:
        if self.region.currentIndex() < 0 and self.user is None:
            show_error(self, ServiceError(self.tr("Choose the region the account belongs to.")))
            return
        try:
            if self.user is None:
                auth.add_user(self.ctx.db, self.ctx.actor, username=self.username.text(),
                              password=self.password.text(), role=self.role.currentData(),
                              region_id=self.region.currentData(), display_name=self.display_name.text())
            else:
                if not self.active.isChecked() and self.user.active and not asked_yes(
                        self, self.windowTitle(), self.tr(
                            "Stop account {name}? It can no longer log in; its records and history stay.").format(
                            name=self.user.username)):
                    return
                auth.update_user(self.ctx.db, self.ctx.actor, self.user.id, display_name=self.display_name.text(),
                                 role=self.role.currentData(), region_id=self.region.currentData(),
                                 active=self.active.isChecked())
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.ctx.changes.publish("users", self.user.id if self.user is not None else 0)
        self.accept()


class PasswordDialog(BusyDialog):
    """A new password typed twice: an administrator's reset (``user`` given) or the user's own
    change, which asks for the current password first. The new password is hashed (argon2, slow on
    purpose) and the current one checked off the UI thread; a password changed while the dialog was
    being closed is still told (the Cancel came too late to stop it)."""

    tell_after_closing = True

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
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        if self.busy:
            return
        if self.new.text() != self.again.text():
            show_error(self, ServiceError(self.tr("The two new passwords differ.")))
            return
        db, actor, user, old, new = self.ctx.db, self.ctx.actor, self.user, self.old.text(), self.new.text()

        def work() -> None:
            if user is None:
                auth.change_password(db, actor, old, new)
            else:
                auth.reset_password(db, actor, user.id, new)

        def done(_result: None) -> None:
            self.ctx.changes.publish("users", user.id if user is not None else actor.user_id or 0)
            self.accept()

        self.run_busy(self.ok_button, self.tr("Saving…"), work, done, lambda exc: show_error(self, exc),
                      hold=(self.old, self.new, self.again))


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
        unlock = QPushButton(self.tr("&Unlock"))
        unlock.setToolTip(self.tr("Let an account locked after wrong passwords log in again at once"))
        unlock.clicked.connect(self.unlock_user)
        for button in (add, edit, reset, unlock):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = UsersTableModel(self)
        self.table = read_only_table(self.model, fit_contents=True, single=True)
        self.table.doubleClicked.connect(lambda _index: self.edit_user())
        self.table.activated.connect(lambda _index: self.edit_user())
        layout.addWidget(self.table)
        ctx.changes.changed.connect(self._on_change)
        self.refresh()

    def _on_change(self, topic: str, _ident: int) -> None:
        """An account added or changed here or on another workstation (or a region added)."""
        if topic in ("users", "regions", "*"):
            self.refresh()

    def refresh(self) -> None:
        """Read the accounts again, keeping the selected one selected."""
        index = self.table.currentIndex()
        selected = self.model.rows[index.row()].id if index.isValid() else None
        try:
            self.model.set_rows(auth.list_users(self.ctx.db, self.ctx.actor))
        except ServiceError as exc:
            show_error(self, exc)
            return
        row = next((i for i, u in enumerate(self.model.rows) if u.id == selected), None)
        if row is not None:
            self.table.selectRow(row)

    def selected(self) -> auth.UserInfo | None:
        index = self.table.currentIndex()
        if not index.isValid():
            QMessageBox.information(self, self.tr("Users"), self.tr("Select a user first."))
            return None
        return self.model.rows[index.row()]

    def add_user(self) -> None:
        UserDialog(self.ctx, self).exec()  # a saved account is published on ctx.changes: the list follows

    def edit_user(self) -> None:
        user = self.selected()
        if user is not None:
            UserDialog(self.ctx, self, user).exec()

    def reset_password(self) -> None:
        user = self.selected()
        if user is not None and PasswordDialog(self.ctx, self, user).exec():
            QMessageBox.information(self, self.tr("Users"), self.tr(
                "The password of {name} was reset. Tell the user in person.").format(name=user.username))

    def unlock_user(self) -> None:
        user = self.selected()
        if user is None:
            return
        try:
            unlocked = auth.unlock_user(self.ctx.db, self.ctx.actor, user.id)
        except ServiceError as exc:
            show_error(self, exc)
            return
        if unlocked:
            self.ctx.changes.publish("users", user.id)
            QMessageBox.information(self, self.tr("Users"), self.tr("{name} is unlocked and may log in again.").format(
                name=user.username))
        else:
            self.refresh()  # it may have been unlocked elsewhere, or its lock ran out
            QMessageBox.information(self, self.tr("Users"), self.tr("{name} is not locked.").format(
                name=user.username))
