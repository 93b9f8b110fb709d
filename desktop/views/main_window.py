"""The main window: navigation on the left, one page at a time, status bar at the bottom."""

from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.config import Settings
from desktop.logs import log_file
from desktop.rules.codes import ROLE_LABELS, Role
from desktop.services import applications, database
from desktop.services.errors import ServiceError
from desktop.views import backup
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.live import LiveUpdates
from desktop.views.operations import ExitGuard
from desktop.views.pages import PAGES, SUPERVISOR_PAGES
from desktop.views.screens import fit_size
from desktop.views.timing import on_new_day
from desktop.views.users import PasswordDialog


def load_class(path: str) -> type:
    module_name, _, class_name = path.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


class NotAvailablePage(QWidget):
    """An honest placeholder for an area that a later version fills."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("{title}\n\nThis area is not available yet in this version.").format(title=title))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #666; font-size: 16px;")
        layout.addWidget(label)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Relief Desk") + f" {__version__}")
        # 1280×800, or less on a smaller screen: on a 1366×768 laptop (whose taskbar leaves about 728
        # pixels) a taller window hung past the bottom edge, its status bar (with the lost-connection
        # warning) and the lowest buttons of a page out of sight.
        self.resize(fit_size(self, QSize(1280, 800)))

        self.nav = QListWidget()
        self.nav.setMaximumWidth(180)
        self.nav.setStyleSheet("QListWidget { font-size: 15px; } QListWidget::item { padding: 10px 8px; }")
        self.stack = QStackedWidget()
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        splitter.setSizes([180, 1100])  # the list is at most 180 wide: no empty strip beside it
        self.setCentralWidget(splitter)

        self._entries: list[tuple[str, str, str | None]] = []
        self._built: dict[str, QWidget] = {}
        self._holders: dict[str, QScrollArea] = {}  # each built page sits in a scroll area of the stack
        for key, label, target, roles in PAGES:
            if ctx.actor.role == Role.SUPERVISOR and key not in SUPERVISOR_PAGES:
                continue
            if roles is not None and ctx.actor.role not in roles:
                continue
            title = QCoreApplication.translate("Pages", label)
            self._entries.append((key, title, target))
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # replaced by the real page on first visit
        self.nav.currentRowChanged.connect(self._show_row)

        self._build_menu()
        self._build_status_bar()
        self.exit_guard = ExitGuard(self)  # asks before the window closes under work still running
        self.live = LiveUpdates(ctx, self)  # other workstations' changes → ctx.changes
        self.live.connectionChanged.connect(self._connection_changed)
        self.live.start()
        ctx.nav.showPage.connect(self.show_page)
        # Requests from one page for another: build the target page if needed, then ask it.
        ctx.nav.openHousehold.connect(lambda hid: self._ask("households", "open_household", hid))
        ctx.nav.assessHousehold.connect(lambda hid: self._ask("assessment", "assess_household", hid))
        ctx.nav.applyForHousehold.connect(lambda hid: self._ask("applications", "apply_for_household", hid))
        ctx.nav.referHousehold.connect(lambda hid: self._ask("board", "refer_household", hid))
        ctx.nav.showList.connect(lambda key, what: self._ask(key, "show_list", what))
        if self._entries:
            self.nav.setCurrentRow(0)
        QTimer.singleShot(0, self, self._end_gradual_exits)

    # -- pages --------------------------------------------------------------------------------
    def page_keys(self) -> list[str]:
        return [key for key, _, _ in self._entries]

    def page(self, key: str) -> QWidget:
        """The page widget for a key, built on first use."""
        if key in self._built:
            return self._built[key]
        index = self.page_keys().index(key)
        _, title, target = self._entries[index]
        widget: QWidget = NotAvailablePage(title) if target is None else load_class(target)(self.ctx, self)
        # A page taller or wider than the screen (statistics on a 1366×768 laptop) scrolls instead
        # of pushing the window past the screen's edge; a page that fits fills the area as before.
        holder = QScrollArea()
        holder.setWidgetResizable(True)
        holder.setFrameShape(QFrame.Shape.NoFrame)
        holder.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own before the page's first field
        holder.setWidget(widget)
        old = self.stack.widget(index)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.stack.insertWidget(index, holder)
        self._built[key] = widget
        self._holders[key] = holder
        return widget

    def current_page(self) -> QWidget | None:
        holder = self.stack.currentWidget()
        return holder.widget() if isinstance(holder, QScrollArea) else None

    def _ask(self, key: str, method: str, ident: int | str) -> None:
        if key not in self.page_keys():
            QMessageBox.information(self, self.tr("Relief Desk"), self.tr("Your role cannot open this area."))
            return
        self.show_page(key)
        handler = getattr(self.page(key), method, None)
        if handler is None:
            QMessageBox.information(self, self.tr("Relief Desk"), self.tr("This area is not available yet."))
            return
        handler(ident)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self._entries[row][0]
        self.page(key)
        self.stack.setCurrentWidget(self._holders[key])

    def show_page(self, key: str) -> None:
        if key in self.page_keys():
            self.nav.setCurrentRow(self.page_keys().index(key))

    # -- chrome -------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        password_action = QAction(self.tr("Change my &password…"), self)
        password_action.triggered.connect(self.change_password)
        password_action.setEnabled(self.ctx.actor.user_id is not None)
        file_menu.addAction(password_action)
        file_menu.addSeparator()
        local = self.ctx.db.is_sqlite
        admin = self.ctx.actor.role == Role.ADMIN
        for text, slot in ((self.tr("&Back up the database…"), self.backup_database),
                           (self.tr("&Restore from a backup…"), self.restore_database)):
            action = QAction(text, self)
            action.triggered.connect(slot)
            action.setEnabled(local and admin)
            if not local:
                action.setToolTip(self.tr("The shared database is backed up on its server"))
            file_menu.addAction(action)
        auto = QAction(self.tr("A&utomatic backup…"), self)
        auto.triggered.connect(self.auto_backup_settings)
        auto.setEnabled(local and admin)
        file_menu.addAction(auto)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("E&xit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for number, (key, title, _) in enumerate(self._entries, start=1):
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, k=key: self.show_page(k))
            view_menu.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Relief Desk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        actor = self.ctx.actor
        revision = database.current_revision(self.ctx.db) or "-"
        self.db_label = QLabel(self.tr("Database: {where}").format(where=self.ctx.db.describe()))
        self.user_label = QLabel(self.tr("User: {name} ({role}, {region})").format(
            name=actor.display_name, role=ROLE_LABELS[actor.role], region=actor.region_name))
        self.schema_label = QLabel(self.tr("Schema: {rev}").format(rev=revision))
        self.connection_label = QLabel()
        self.connection_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.connection_label.setWordWrap(True)
        self.connection_label.hide()
        self.backup_label = QLabel()  # the day's automatic backup: done (where), or why not
        self._backup_new_day: QTimer | None = None
        self.backup_label.setWordWrap(True)
        self.backup_label.hide()
        bar = self.statusBar()
        bar.addWidget(self.connection_label, 2)
        bar.addWidget(self.backup_label, 1)
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.schema_label)
        for warning in self.ctx.db.warnings:
            bar.showMessage(warning)

    def _connection_changed(self, connected: bool) -> None:
        """The database was lost or is back (the change watcher noticed). While it is lost, what the
        pages show may be out of date and saving fails; the pages refresh by themselves when it is back."""
        if connected:
            self.connection_label.hide()
            self.statusBar().showMessage(self.tr("Connected to the database again; the lists have been refreshed."),
                                         15000)
            return
        self.connection_label.setText(self.tr(
            "The connection to the database is lost; reconnecting by itself. Until it is back, changes made on "
            "other computers are not shown and nothing can be saved."))
        self.connection_label.show()

    def _end_gradual_exits(self) -> None:
        """Families whose gradual exit after employment (就业渐退) ended yesterday or before leave the
        assisted column now: the program has no other daily moment to do it."""
        try:
            n = applications.end_gradual_exits(self.ctx.db, self.ctx.actor)
        except ServiceError as exc:
            show_error(self, exc)
            return
        if n:
            self.statusBar().showMessage(self.tr(
                "{n} families' gradual exit after employment has ended: their assistance stopped and they moved "
                "to the library chosen at the decision.").format(n=n), 30000)

    def back_up_today(self) -> None:
        """The day's automatic copy of the local database, in the background (the program's start asks it, once
        the window is up; a window made for a test does not)."""
        backup.run_auto_backup(self, self.ctx, self._backup_said)
        if self._backup_new_day is None:  # left open overnight, the window backs up the new day too
            self._backup_new_day = on_new_day(self, self.back_up_today)

    def _backup_said(self, text: str, tip: str, failed: bool) -> None:
        self.backup_label.setText(text)
        self.backup_label.setToolTip(tip)
        self.backup_label.setStyleSheet("color: #b00020; font-weight: bold;" if failed else "color: #2e7d32;")
        self.backup_label.show()

    def auto_backup_settings(self) -> None:
        if backup.AutoBackupDialog(self.ctx, self).exec():
            self.back_up_today()  # today's copy in the folder chosen, if it has none yet

    def backup_database(self) -> None:
        backup.backup_database(self, self.ctx)

    def restore_database(self) -> None:
        self.live.stop()  # its connection would count as another user of the file

        def then(kept: Path | None) -> None:
            if kept is not None:
                QApplication.quit()  # what the window holds is of the database as it was
            else:
                self.live.start()

        backup.restore_database(self, self.ctx, then=then)

    def change_password(self) -> None:
        if PasswordDialog(self.ctx, self).exec():
            QMessageBox.information(self, self.tr("Relief Desk"), self.tr("Your password was changed."))

    def about_text(self) -> str:
        """The about box: the version and where this workstation keeps its data, log and settings
        (what IT and the help desk ask for first)."""
        return self.tr(
            "Relief Desk {version}\nSocial-assistance work for the district civil-affairs office:\n"
            "discover first, assess first, warn first, commit early, assist early.\n\n"
            "Database: {database}\nLog file: {log}\nSettings file: {settings}").format(
            version=__version__, database=self.ctx.db.describe(), log=log_file(), settings=Settings.path())

    def _about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About Relief Desk"), self.about_text(),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # paths can be copied
        box.exec()

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001
        if not self.exit_guard.allows(self.close, self):  # work still running: closes again once it has ended
            event.ignore()
            return
        for widget in self._built.values():
            if hasattr(widget, "maybe_close") and not widget.maybe_close():
                event.ignore()
                return
        self.live.stop()
        event.accept()
