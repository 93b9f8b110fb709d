"""File menu: back up the local database, restore it from a backup (administrator, SQLite only)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop.config import Settings
from desktop.services import backup as svc
from desktop.services.errors import ServiceError
from desktop.services.progress import Progress
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.operations import run_in_background


def file_filter() -> str:
    """The file dialogs' filter, in the user's language (it read "SQLite" and a bare "*")."""
    return QCoreApplication.translate("Backup", "Database backups (*.sqlite3 *.db *.sqlite);;All files (*)")


def _describe(info: svc.BackupInfo) -> str:
    when = info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M") if info.taken_at else "-"
    return QCoreApplication.translate("Backup", "{households} household(s), {size} MB, last change {when}, schema {revision}").format(
        households=f"{info.households:,}", size=f"{info.size / 1048576:,.1f}", when=when,
        revision=info.revision or "-")


def backup_database(parent: QWidget, ctx: AppContext, path: str | None = None) -> None:
    """Ask where (a dated name by default), then copy in the background with progress."""
    if not path:
        suggested = f"救助工作台备份_{datetime.now():%Y%m%d-%H%M}.sqlite3"
        path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("Backup", "Back up the database"), suggested,
                                              file_filter())
        if not path:
            return
    db, actor, target = ctx.db, ctx.actor, path

    def work(progress):  # noqa: ANN001, ANN202
        return svc.backup(db, actor, target, lambda done, total: progress.report(done, total, QCoreApplication.translate("Backup", "Copying…")))

    def done(info: svc.BackupInfo) -> None:
        QMessageBox.information(parent, QCoreApplication.translate("Backup", "Back up the database"), QCoreApplication.translate("Backup",
            "The database was backed up to {path}\n({what}).\n\nKeep backups on another disk or computer: "
            "they hold everyone's personal data.").format(path=str(info.path), what=_describe(info)))

    run_in_background(parent, work, done, label=QCoreApplication.translate("Backup", "Backing up the database…"))


def restore_database(parent: QWidget, ctx: AppContext, path: str | None = None,
                     then: Callable[[Path | None], None] | None = None) -> None:
    """Choose a backup, say what it holds and ask; then replace the database in the background, the
    window blocked by a progress dialog. Cancel is offered while nothing has changed yet (the backup
    is checked, the database as it is copied aside); not once the backup is being copied in.

    ``then(kept)`` is called once at the end: where the database as it was is kept (the program
    must then be started again), or None if nothing was done."""
    finish = then or (lambda _kept: None)
    if not path:
        path, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("Backup", "Restore from a backup"), "",
                                              file_filter())
        if not path:
            finish(None)
            return
    try:
        info = svc.inspect_backup(path)
        svc.check_restorable(info)
    except ServiceError as exc:
        show_error(parent, exc)
        finish(None)
        return
    answer = QMessageBox.warning(
        parent, QCoreApplication.translate("Backup", "Restore from a backup"), QCoreApplication.translate("Backup",
            "Replace the whole database with the backup {name}?\n{what}\n\nEverything recorded since that backup "
            "is replaced. The database as it is now is kept beside it first. The program closes afterwards "
            "and must be started again.").format(name=Path(path).name, what=_describe(info)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Yes:
        finish(None)
        return
    db, actor, source = ctx.db, ctx.actor, path

    def work(progress: Progress) -> Path:
        return svc.restore(db, actor, source, progress)

    def done(kept: Path) -> None:
        QMessageBox.information(parent, QCoreApplication.translate("Backup", "Restore from a backup"), QCoreApplication.translate("Backup",
            "The database was restored from {name}. The database as it was is kept in {kept}.\n\n"
            "The program closes now; start it again.").format(name=Path(source).name, kept=str(kept)))
        finish(kept)

    def failed(exc: BaseException) -> None:
        show_error(parent, exc)  # an OSError names the file that could not be written
        finish(None)

    def cancelled() -> None:
        QMessageBox.information(parent, QCoreApplication.translate("Backup", "Restore from a backup"),
                                QCoreApplication.translate("Backup", "The restore was cancelled. The database was not changed."))
        finish(None)

    run_in_background(parent, work, done, on_error=failed, on_cancelled=cancelled, delay_ms=0,
                      label=QCoreApplication.translate("Backup", "Restoring the database from {name}…").format(
                          name=Path(source).name))


# -- the day's automatic copy --------------------------------------------------------------------------------

def auto_backup_choice() -> tuple[bool, str, int]:
    """This workstation's choice: on or off (on unless an administrator turned it off), the folder ("" = 自动备份
    beside the database) and how many copies are kept."""
    raw = Settings.load().auto_backup
    raw = raw if isinstance(raw, dict) else {}
    folder = raw.get("folder") if isinstance(raw.get("folder"), str) else ""
    keep = raw.get("keep")
    low, high = svc.AUTO_KEEP_RANGE
    keep = keep if isinstance(keep, int) and low <= keep <= high else svc.AUTO_KEEP
    return raw.get("enabled") is not False, folder or "", keep


def run_auto_backup(parent: QWidget, ctx: AppContext, said: Callable[[str, str, bool], None]) -> None:
    """The day's copy of the local database, quietly in the background (nothing for the shared database, or
    when turned off). ``said(text, tip, failed)`` gives the status bar's line: done today (where), or why not."""
    enabled, folder, keep = auto_backup_choice()
    if not ctx.db.is_sqlite or not enabled:
        return
    db, station = ctx.db, ctx.actor.workstation
    where = Path(folder) if folder else svc.auto_backup_folder(db)

    def done(made: svc.AutoBackup | None) -> None:
        assert where is not None  # a local database
        path = made.path if made is not None else svc.auto_backup_path(where, date.today())
        if made is not None and made.clock_note:
            said(QCoreApplication.translate("Backup", "Backed up today — check the computer's date"),
                 made.clock_note, True)
            return
        said(QCoreApplication.translate("Backup", "Backed up today"),
             QCoreApplication.translate("Backup", "Today's automatic backup: {path}").format(path=str(path)), False)

    def failed(exc: BaseException) -> None:
        text = exc.message if isinstance(exc, ServiceError) else f"{type(exc).__name__}: {exc}"
        said(QCoreApplication.translate("Backup", "Automatic backup failed: {why}").format(why=text), text, True)

    run_in_background(parent, lambda _progress: svc.auto_backup(db, folder=folder or None, keep=keep,
                                                               workstation=station),
                      done, on_error=failed, cancellable=False, delay_ms=None)


class AutoBackupDialog(QDialog):
    """File → Automatic backup: on or off, the folder, how many copies are kept (this workstation's settings)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Automatic backup"))
        enabled, folder, keep = auto_backup_choice()
        self.default_folder = svc.auto_backup_folder(ctx.db)
        form = QFormLayout(self)
        self.enabled = QCheckBox(self.tr("Back up the database the first time the program is started each &day"))
        self.enabled.setChecked(enabled)
        form.addRow(self.enabled)
        self.folder = QLineEdit(folder)
        self.folder.setPlaceholderText(str(self.default_folder or ""))
        self.folder.setMinimumWidth(self.folder.fontMetrics().horizontalAdvance("长" * 30))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        label = QLabel(self.tr("&Folder:"))
        label.setBuddy(self.folder)
        form.addRow(label, row)
        self.keep = QSpinBox()
        self.keep.setRange(*svc.AUTO_KEEP_RANGE)
        self.keep.setValue(keep)
        self.keep.setSuffix(self.tr(" copies"))
        form.addRow(self.tr("&Keep the newest:"), self.keep)
        self.existing = QLabel()
        self.existing.setWordWrap(True)
        form.addRow(self.existing)
        note = QLabel(self.tr("A backup holds everyone's personal data. Choose a folder on another disk or the "
                              "office's shared folder, where a broken disk cannot take both; older copies are "
                              "deleted once there are more than the number kept."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #757575;")
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.folder.textChanged.connect(self._say_existing)
        self._say_existing()

    def chosen_folder(self) -> Path | None:
        text = self.folder.text().strip()
        return Path(text) if text else self.default_folder

    def _browse(self) -> None:
        start = str(self.chosen_folder() or "")
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the automatic backups"), start)
        if path:
            self.folder.setText(path)

    def _say_existing(self) -> None:
        where = self.chosen_folder()
        copies = svc.auto_backups(where) if where is not None else []
        if not copies:
            self.existing.setText(self.tr("No automatic backup in this folder yet."))
            return
        newest = copies[-1]
        self.existing.setText(self.tr("{n} automatic backup(s) in this folder; the newest: {name} ({size} MB).").format(
            n=len(copies), name=newest.name, size=f"{newest.stat().st_size / 1048576:,.1f}"))

    def accept(self) -> None:
        text = self.folder.text().strip()
        if text and not Path(text).is_absolute():
            QMessageBox.warning(self, self.windowTitle(), self.tr(
                "Give the folder in full, with its drive (for example D:\\救助工作台备份), or leave it empty for "
                "the folder beside the database."))
            return
        settings = Settings.load()
        settings.auto_backup = {"enabled": self.enabled.isChecked(), "folder": text, "keep": self.keep.value()}
        settings.save()
        super().accept()
