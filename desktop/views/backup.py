"""File menu: back up the local database, restore it from a backup (administrator, SQLite only)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

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
