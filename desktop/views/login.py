"""Log in, or on an empty database create the first administrator."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.services import auth
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.services.errors import ServiceError


class LoginDialog(QDialog):
    def __init__(self, db: Database, last_username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Relief Desk — log in"))
        layout = QVBoxLayout(self)
        where = QLabel(self.tr("Database: {where}").format(where=db.describe()))
        where.setStyleSheet("color: #555;")
        layout.addWidget(where)
        form = QFormLayout()
        self.username = QLineEdit(last_username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if last_username else self.username).setFocus()
        self.setMinimumWidth(380)

    def try_login(self) -> None:
        try:
            self.actor = auth.login(self.db, self.username.text(), self.password.text())
        except ServiceError as exc:
            self.message.setText(exc.message)
            self.password.selectAll()
            self.password.setFocus()
            return
        self.accept()


class FirstRunDialog(QDialog):
    """The database has no users yet: create the administrator."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Relief Desk — first run"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("This database has no users yet. Create the administrator account; "
                               "the administrator then adds the other staff."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.username = QLineEdit("admin")
        self.display_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Full name:"), self.display_name)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&Repeat password:"), self.password2)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create and log in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def create(self) -> None:
        if self.password.text() != self.password2.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        try:
            self.actor = auth.create_first_admin(self.db, username=self.username.text(),
                                                 password=self.password.text(),
                                                 display_name=self.display_name.text())
        except ServiceError as exc:
            self.message.setText(exc.message)
            return
        self.accept()
