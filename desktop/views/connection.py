"""Connection settings: the local database or the shared PostgreSQL, with "test connection".

Testing connects to the server off the UI thread: a server that does not answer takes the
connection's timeout (seconds) to say so."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
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
from desktop.views.errors import show_error
from desktop.views.operations import BackgroundOperation, BusyDialog, run_busy


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
        self.local_box = QWidget()
        row = QHBoxLayout(self.local_box)
        row.setContentsMargins(22, 0, 0, 0)
        label = QLabel(self.tr("F&ile:"))
        self.file = QLineEdit(str(connection.local_path()))
        self.file.setPlaceholderText(str(config.default_sqlite_path()))
        self.file.setToolTip(self.tr("An existing database file, or a new one made at the next start. "
                                     "Empty: the default file {path}").format(path=config.default_sqlite_path()))
        label.setBuddy(self.file)
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self.browse)
        self.default_button = QPushButton(self.tr("Bac&k to the default"))
        self.default_button.clicked.connect(lambda: self.file.setText(str(config.default_sqlite_path())))
        row.addWidget(label)
        row.addWidget(self.file, 1)
        row.addWidget(self.browse_button)
        row.addWidget(self.default_button)
        layout.addWidget(self.local_box)
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
        self.test_button.clicked.connect(lambda: self.test())
        layout.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.result = QLabel()
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.local.toggled.connect(self._sync)
        self.operation: BackgroundOperation | None = None  # a test running
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
        self.local_box.setEnabled(self.local.isChecked())

    def browse(self) -> None:
        """Choose another local database file: an existing one or a new one (made at the next start)."""
        start = self.local_file()
        if not start.parent.is_dir():
            # A first start has no data folder yet: the dialog opened in the current folder (often the
            # program's own, which an uninstall removes). The data folder is made at the first start anyway.
            start = config.default_sqlite_path()
            try:
                start.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                start = Path.home() / start.name
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Local database file"), str(start),
            self.tr("Relief Desk database (*.sqlite3 *.sqlite *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.file.setText(str(Path(path)))

    def local_file(self) -> Path:
        """The local database file as the form shows it (empty: the default one)."""
        text = self.file.text().strip().strip('"')
        return Path(text).expanduser().absolute() if text else config.default_sqlite_path()

    def url(self):  # noqa: ANN201
        if self.local.isChecked():
            return connection.sqlite_url(self.local_file())
        return connection.postgres_url(self.host.text().strip(), self.port.value(), self.name.text().strip(),
                                       self.user.text().strip(), self.password.text())

    @property
    def busy(self) -> bool:
        return self.operation is not None

    def test(self, then: Callable[[bool], None] | None = None, hold: Iterable[QWidget] = ()) -> None:
        """Connect to the server off the UI thread and say how it went; ``then(ok)`` afterwards. The
        form (and the widgets in ``hold``) cannot be changed meanwhile."""
        if self.busy:
            return
        if self.shared.isChecked() and not self.host.text().strip():
            self.result.setText(self.tr("Enter the server's name or address."))
            self.result.setStyleSheet("color: #b00020;")
            if then is not None:
                then(False)
            return
        url = self.url()
        self.result.clear()

        def done(outcome: connection.ConnectionCheck) -> None:
            self.operation = None
            self.result.setText(outcome.message)
            self.result.setStyleSheet("color: #1b5e20;" if outcome.ok else "color: #b00020;")
            if then is not None:
                then(outcome.ok)

        def failed(exc: BaseException) -> None:
            self.operation = None
            show_error(self, exc)
            if then is not None:
                then(False)

        self.operation = run_busy(self, self.test_button, self.tr("Testing the connection…"),
                                  lambda: connection.check(url), done, on_error=failed,
                                  hold=(self.local, self.shared, self.box, self.local_box, *hold))

    def save(self, then: Callable[[bool], None] | None = None, hold: Iterable[QWidget] = ()) -> None:
        """Test (the server or the local file) and save; ``then(saved)`` afterwards. Says why when it cannot."""
        if self.busy:
            return

        def tested(ok: bool) -> None:
            if ok:
                self.store()
            if then is not None:
                then(ok)

        self.test(tested, hold)

    def store(self) -> None:
        """Save the choice as the form shows it (the server's tested first: :meth:`save`)."""
        if self.local.isChecked():
            connection.save_local(self.local_file())
            self.result.setText(self.tr("Saved: this computer uses its local database {path}.").format(
                path=self.local_file()))
            return
        url = self.url()
        stored = connection.store_password(url, self.password.text()) if self.password.text() else True
        connection.save(url)
        if stored:
            self.result.setText(self.tr("Saved. The password is kept in the system credential store."))
        else:
            self.result.setText(self.tr("Saved. This computer has no credential store: the password was not "
                                        "saved and will be asked for again."))


class ConnectionDialog(BusyDialog):
    """Shown on a workstation's first start, and when the database cannot be opened. Closed while the
    server is being tested, it closes when the test has ended, saving nothing."""

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
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _save(self) -> None:
        if self.busy or self.form.busy:
            return
        self.closing = False
        self.setResult(BusyDialog.DialogCode.Rejected)

        def tested(ok: bool) -> None:
            self.operation = None
            if self.closing:  # closed meanwhile: nothing is saved
                self._close_if_asked()
            elif ok:
                self.form.store()
                self.accept()

        self.form.test(tested, hold=(self.save_button,))
        self.operation = self.form.operation


class ConnectionTab(QWidget):
    """Settings tab: this workstation's database; takes effect at the next start."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Now using: {where}").format(where=ctx.db.describe())))
        # IT's address, or one given at start, comes before a choice saved here
        # (made in the tab: shown while it had no parent, it flashed up as a window of its own and took the focus)
        self.preconfigured = QLabel(connection.preconfigured_note() or connection.given_at_start_note(ctx.db), self)
        self.preconfigured.setWordWrap(True)
        self.preconfigured.setStyleSheet("color: #b00020;")
        self.preconfigured.setVisible(bool(self.preconfigured.text()))
        layout.addWidget(self.preconfigured)
        self.form = ConnectionForm(self)
        layout.addWidget(self.form)
        save = QPushButton(self.tr("&Save (takes effect at the next start)"))
        save.clicked.connect(lambda: self.form.save(hold=(save,)))
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
