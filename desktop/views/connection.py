"""Connection settings: the local database or the shared PostgreSQL, with "test connection"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import config
from desktop.services import connection
from desktop.views.context import AppContext


class ConnectionForm(QWidget):
    """The choice itself; used by the first-run dialog and the settings tab."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.local = QRadioButton(self.tr("Use a &local database on this computer (one office working alone)"))
        self.shared = QRadioButton(self.tr("Connect to the &shared database server (PostgreSQL)"))
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.shared)
        layout.addWidget(self.local)
        hint = QLabel(self.tr("Local file: {path}").format(path=config.default_sqlite_path()))
        hint.setStyleSheet("color: #666; margin-left: 22px;")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.shared)
        self.box = QGroupBox(self.tr("Server"))
        form = QFormLayout(self.box)
        self.host = QLineEdit()
        self.host.setPlaceholderText("192.168.1.10")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.name = QLineEdit("relief_desk")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Host:"), self.host)
        form.addRow(self.tr("P&ort:"), self.port)
        form.addRow(self.tr("&Database:"), self.name)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        layout.addWidget(self.box)
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.clicked.connect(self.test)
        layout.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.result = QLabel()
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.local.toggled.connect(self._sync)
        kind, url = connection.current_choice()
        if kind == "sqlite":
            self.local.setChecked(True)
        else:
            self.shared.setChecked(True)
            assert url is not None
            self.host.setText(url.host or "")
            self.port.setValue(url.port or 5432)
            self.name.setText(url.database or "")
            self.user.setText(url.username or "")
        self._sync()

    def _sync(self) -> None:
        self.box.setEnabled(self.shared.isChecked())
        self.test_button.setEnabled(self.shared.isChecked())

    def url(self):  # noqa: ANN201
        return connection.postgres_url(self.host.text().strip(), self.port.value(), self.name.text().strip(),
                                       self.user.text().strip(), self.password.text())

    def test(self) -> bool:
        if not self.host.text().strip():
            self.result.setText(self.tr("Enter the server's name or address."))
            self.result.setStyleSheet("color: #b00020;")
            return False
        outcome = connection.check(self.url())
        self.result.setText(outcome.message)
        self.result.setStyleSheet("color: #1b5e20;" if outcome.ok else "color: #b00020;")
        return outcome.ok

    def save(self) -> bool:
        """Test (for the server) and save. Returns False and says why when it cannot."""
        if self.local.isChecked():
            connection.save(None)
            self.result.setText(self.tr("Saved: this computer uses its local database."))
            return True
        if not self.test():
            return False
        url = self.url()
        stored = connection.store_password(url, self.password.text()) if self.password.text() else True
        connection.save(url)
        if stored:
            self.result.setText(self.tr("Saved. The password is kept in the system credential store."))
        else:
            self.result.setText(self.tr("Saved. This computer has no credential store: the password was not "
                                        "saved and will be asked for again."))
        return True


class ConnectionDialog(QDialog):
    """Shown on a workstation's first start, and when the database cannot be opened."""

    def __init__(self, parent: QWidget | None = None, problem: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Relief Desk — database connection"))
        layout = QVBoxLayout(self)
        if problem:
            warning = QLabel(problem)
            warning.setWordWrap(True)
            warning.setStyleSheet("color: #b00020;")
            layout.addWidget(warning)
        self.form = ConnectionForm(self)
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _save(self) -> None:
        if self.form.save():
            self.accept()


class ConnectionTab(QWidget):
    """Settings tab: this workstation's database; takes effect at the next start."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Now using: {where}").format(where=ctx.db.describe())))
        self.form = ConnectionForm(self)
        layout.addWidget(self.form)
        save = QPushButton(self.tr("&Save (takes effect at the next start)"))
        save.clicked.connect(self.form.save)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
