"""Log in, or on an empty database create the first administrator.

The password check is slow on purpose (argon2) and a shared database answers over the network: both
run off the UI thread (operations.BusyDialog), the button saying what is going on meanwhile."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.services import auth
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.services.errors import ServiceError
from desktop.views.errors import show_error
from desktop.views.operations import BusyDialog


class LoginDialog(BusyDialog):
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
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Log in"))
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Cancel"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if last_username else self.username).setFocus()
        self.setMinimumWidth(380)

    def try_login(self) -> None:
        """Check the password off the UI thread; the dialog closes logged in, or says why not."""
        if self.busy:
            return
        db, username, password = self.db, self.username.text(), self.password.text()
        self.message.clear()  # the last refusal is not this attempt's answer

        def done(actor: Actor) -> None:
            self.actor = actor
            self.accept()

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, ServiceError):
                show_error(self, exc)
                return
            self.message.setText(exc.message)
            self.password.selectAll()
            self.password.setFocus()

        # closed meanwhile, the login is cancelled: not logged in, nor recorded as a login
        self.run_busy(self.ok_button, self.tr("Logging in…"), lambda progress: auth.login(db, username, password,
                                                                                         progress),
                      done, failed, hold=(self.username, self.password), cancellable=True)


class FirstRunDialog(BusyDialog):
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
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Create and log in"))
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Cancel"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def create(self) -> None:
        if self.busy:
            return
        if self.password.text() != self.password2.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        db, username, password = self.db, self.username.text(), self.password.text()
        display_name = self.display_name.text()
        self.message.clear()

        def done(actor: Actor) -> None:
            self.actor = actor
            self.accept()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ServiceError):
                self.message.setText(exc.message)
            else:
                show_error(self, exc)

        self.run_busy(self.ok_button, self.tr("Creating the administrator…"),
                      lambda progress: auth.create_first_admin(db, username=username, password=password,
                                                               display_name=display_name, progress=progress),
                      done, failed, hold=(self.username, self.display_name, self.password, self.password2),
                      cancellable=True)
