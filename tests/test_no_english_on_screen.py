"""No English left on screen: the program in Simplified Chinese, logged in on the demo district, every
page and every dialog it offers opened, and every text a user can read collected (titles, labels,
buttons, placeholders, tool tips, table headers and cells, combo items, tabs, group boxes, menus,
wizard pages). A text with an English word in it is a string that missed the translation.

By hand (screenshots of a few pages into FOLDER as well)::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python tests/test_no_english_on_screen.py [FOLDER]
"""

from __future__ import annotations

import html
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

if __name__ == "__main__":  # run by hand: the checkout's code, fast password hashes, a data folder of its own
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ["RELIEF_DESK_FAST_PASSWORD_HASH"] = "1"
    os.environ.setdefault("RELIEF_DESK_DATA_DIR", tempfile.mkdtemp(prefix="relief-english-"))

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy import text as sql

from desktop.rules.codes import Role
from desktop.services import applications, auth, clues, demo, referrals
from desktop.services.base import Actor
from desktop.services.database import Database, open_database
from desktop.views.context import AppContext
from desktop.views.operations import wait_for_background

# Words that are not English to translate: formats, encodings and products the office knows by these
# names; data shown as typed: the demo's user names, "system" (the account the command line writes the
# audit log under) and "demo" (the workstation the demo was made on); key names of shortcuts.
ALLOWED = {
    "excel", "wps", "csv", "pdf", "png", "html", "mht", "xml", "postgresql", "sqlite", "xlsx", "xls", "ods",
    "utf", "gbk", "jpg", "jpeg", "opendocument",
    "admin", "reviewer", "caseworker", "worker", "supervisor", "system", "demo",
    "ctrl", "shift", "alt", "enter", "esc", "tab", "del", "home", "end", "pgup", "pgdown", "space",
    "return", "backspace", "delete", "ins", "insert", "left", "right", "up", "down",
}
_WORD = re.compile(r"[A-Za-z]{3,}")
_NOT_WORDS = [
    re.compile(r"<[^>]*>"),  # rich-text markup
    re.compile(r"\b(?:https?|file|postgresql(?:\+\w+)?|sqlite)://\S*"),  # URLs, database URLs
    re.compile(r"[\w./\\:~-]*[\w-]+\.(?:xlsx|xls|ods|csv|pdf|png|html?|mht|xml|sqlite3?|db|log|json|dump|ts|qm)\b",
               re.IGNORECASE),  # file names and paths
    re.compile(r"(?:/[\w.~-]+){2,}/?"),  # folder paths
    re.compile(r"\b[A-Z]:\\\S*"),  # Windows paths
    re.compile(r"\b[\w.-]+@[\w.-]+\b"),  # user@host
    re.compile(r"\b[A-Z]{2,}[-_]?\d[\w-]*\b"),  # ID-like codes (batch and referral numbers)
    re.compile(r"\bpolicy set\b"),  # a command of the command line, named as typed
    re.compile(r"(?<![\w-])--[a-z][\w-]*"),  # a command-line option, named as typed (--database-url)
]
# Table columns that show codes on purpose, for IT and the command line: (model, column, role).
CODES_ON_PURPOSE = {
    ("AuditTableModel", 3, Qt.ItemDataRole.ToolTipRole),  # the action's code (audit_log.role_data)
    ("AuditTableModel", 4, Qt.ItemDataRole.ToolTipRole),  # the record's table and id
    ("InForceTableModel", 1, Qt.ItemDataRole.DisplayRole),  # the setting's code, for relief-desk policy set
}


def english_words(text: str) -> list[str]:
    """The English words of a text shown on screen, leaving out allowed terms, markup, file names, URLs."""
    text = html.unescape(text).replace("&", "")
    for pattern in _NOT_WORDS:
        text = pattern.sub(" ", text)
    return [w for w in _WORD.findall(text) if w.lower() not in ALLOWED]


class Collector:
    """Gathers every readable text of a window and its children, and the findings among them."""

    def __init__(self) -> None:
        self.findings: list[str] = []
        self.texts = 0

    def note(self, where: str, widget: object, what: str, value: object) -> None:
        if not isinstance(value, str) or not value.strip():
            return
        self.texts += 1
        if english_words(value):
            name = type(widget).__name__
            obj = getattr(widget, "objectName", lambda: "")()
            self.findings.append(f"{where} | {name}{'#' + obj if obj else ''} | {what}: {value[:160]!r}")

    def model(self, where: str, view: QWidget, model: QAbstractItemModel | None, rows: int = 40) -> None:
        if model is None:
            return
        for column in range(_columns(model, QModelIndex())):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                self.note(where, model, f"header {column}", model.headerData(column, Qt.Orientation.Horizontal, role))
        for row in range(min(model.rowCount(QModelIndex()), rows)):
            self.note(where, model, f"row header {row}", model.headerData(row, Qt.Orientation.Vertical))
        self._rows(where, model, QModelIndex(), rows, depth=0)

    def _rows(self, where: str, model: QAbstractItemModel, parent: QModelIndex, rows: int, depth: int) -> None:
        flat = isinstance(model, (QAbstractTableModel, QAbstractListModel))
        for row in range(min(model.rowCount(parent), rows)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    if (type(model).__name__, column, role) not in CODES_ON_PURPOSE:
                        self.note(where, model, f"cell {row},{column}", model.data(index, role))
                if column == 0 and depth < 3 and not flat and model.rowCount(index):
                    self._rows(where, model, index, rows, depth + 1)

    def actions(self, where: str, widget: QWidget, seen: set[int]) -> None:
        for action in widget.actions():
            if id(action) in seen:
                continue
            seen.add(id(action))
            self.note(where, action, "action", action.text())
            self.note(where, action, "action tip", action.toolTip() if action.toolTip() != action.text().replace(
                "&", "") else "")
            if action.menu() is not None:
                self.actions(where, action.menu(), seen)

    def window(self, where: str, top: QWidget) -> None:
        """Every text of ``top`` and its shown children (pages of tabs, stacks and wizards count as shown)."""
        seen: set[int] = set()
        self.note(where, top, "window title", top.windowTitle())
        for widget in [top, *top.findChildren(QWidget)]:
            if not _shown(widget, top) and not isinstance(widget, QMenu):
                continue
            self.widget(where, widget, seen)

    def widget(self, where: str, w: QWidget, seen: set[int]) -> None:
        self.note(where, w, "tool tip", w.toolTip())
        self.note(where, w, "whats this", w.whatsThis())
        if w.isWindow() and w.windowTitle():
            self.note(where, w, "window title", w.windowTitle())
        if isinstance(w, (QLabel, QAbstractButton)):
            self.note(where, w, "text", w.text())
        if isinstance(w, QLineEdit):
            self.note(where, w, "placeholder", w.placeholderText())
            if w.isReadOnly():
                self.note(where, w, "text", w.text())
        if isinstance(w, (QTextEdit, QPlainTextEdit)):
            self.note(where, w, "placeholder", w.placeholderText())
            if w.isReadOnly():
                self.note(where, w, "text", w.toPlainText())
        if isinstance(w, QAbstractSpinBox):
            self.note(where, w, "special value", w.specialValueText())
            for part in ("prefix", "suffix"):
                if hasattr(w, part):
                    self.note(where, w, part, getattr(w, part)())
        if isinstance(w, QComboBox):
            self.note(where, w, "placeholder", w.placeholderText())
            for i in range(w.count()):
                self.note(where, w, f"item {i}", w.itemText(i))
                self.note(where, w, f"item tip {i}", w.itemData(i, Qt.ItemDataRole.ToolTipRole))
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                self.note(where, w, f"tab {i}", w.tabText(i))
                self.note(where, w, f"tab tip {i}", w.tabToolTip(i))
        if isinstance(w, QGroupBox):
            self.note(where, w, "title", w.title())
        if isinstance(w, QWizardPage):
            self.note(where, w, "page title", w.title())
            self.note(where, w, "page subtitle", w.subTitle())
        if isinstance(w, QAbstractItemView) and not isinstance(w.model(), type(None)):
            if w.model() is not None and type(w).__name__ != "QComboBoxListView":
                self.model(where, w, w.model())
        if isinstance(w, QGraphicsView) and w.scene() is not None:
            self.scene(where, w)
        self.actions(where, w, seen)

    def scene(self, where: str, view: QGraphicsView) -> None:
        """A chart's texts: axis labels and tick labels, legend entries, values written on it."""
        for item in view.scene().items():
            if isinstance(item, QGraphicsTextItem):
                self.note(where, item, "chart text", item.toPlainText())
            elif isinstance(item, QGraphicsSimpleTextItem):
                self.note(where, item, "chart text", item.text())
            for level in getattr(item, "_tickLevels", None) or []:  # pyqtgraph axes with ticks of their own
                for _value, label in level:
                    self.note(where, item, "axis tick", label)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)


def _shown(widget: QWidget, top: QWidget) -> bool:
    """Shown, or would be once its tab, stack page or wizard page is chosen."""
    w: QWidget | None = widget
    while w is not None and w is not top:
        parent = w.parentWidget()
        if w.isHidden() and not isinstance(parent, QStackedWidget) and not isinstance(w, QWizardPage):
            return False
        w = parent
    return True


@contextmanager
def no_modal_boxes(collector: Collector) -> Iterator[None]:
    """A message box or modal dialog asked for while visiting: its text is collected and it answers Cancel."""
    saved = {name: getattr(QMessageBox, name) for name in ("warning", "critical", "information", "question")}

    def box(name: str) -> Callable:
        def answer(_parent: object, title: str = "", message: str = "", *_a: object, **_k: object) -> object:
            collector.note("message box", QMessageBox, "title", title)
            collector.note("message box", QMessageBox, "text", message)
            return QMessageBox.StandardButton.Cancel if name == "question" else QMessageBox.StandardButton.Ok
        return staticmethod(answer)

    exec_ = QDialog.exec

    def dialog_exec(self: QDialog) -> int:
        collector.window(f"modal {type(self).__name__}", self)
        return QDialog.DialogCode.Rejected

    for name in saved:
        setattr(QMessageBox, name, box(name))
    QDialog.exec = dialog_exec
    try:
        yield
    finally:
        for name, original in saved.items():
            setattr(QMessageBox, name, original)
        QDialog.exec = exec_


def _context_menus(collector: Collector, where: str, page: QWidget) -> None:
    """Each custom context menu of a page asked for (on its first row, or on a column header): read while
    it is open, then closed without choosing."""

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        if menu is not None:
            collector.window(f"{where} context menu", menu)
            menu.close()

    for widget in page.findChildren(QWidget):
        if widget.contextMenuPolicy() != Qt.ContextMenuPolicy.CustomContextMenu:
            continue
        view = widget if isinstance(widget, QAbstractItemView) else None
        if view is not None and view.model() is not None and view.model().rowCount(QModelIndex()):
            view.setCurrentIndex(view.model().index(0, 0))
        QTimer.singleShot(100, read_and_close)
        widget.customContextMenuRequested.emit(QPoint(5, 5))
        QApplication.processEvents()


def _visit_pages(collector: Collector, ctx: AppContext, who: str, shots: Path | None = None) -> QWidget:
    """The main window of ``ctx``'s user: each page, each of its tabs, each context menu it offers."""
    from desktop.views.main_window import MainWindow

    window = MainWindow(ctx)
    window.show()
    for key in window.page_keys():
        window.show_page(key)
        _settle()
        page = window.page(key)
        for tabs in page.findChildren(QTabWidget):
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                _settle()
                if shots is not None and key in ("households", "discovery", "applications", "statistics",
                                                 "board") and i == 0:
                    window.grab().save(str(shots / f"page_{key}.png"))
        if shots is not None and not page.findChildren(QTabWidget):
            window.grab().save(str(shots / f"page_{key}.png"))
        collector.window(f"{who}page {key}", page)
        _context_menus(collector, f"{who}page {key}", page)
    return window


def _settle() -> None:
    """Until the work a page started (after a short delay, as a page that waits for typing to stop) has ended."""
    for _ in range(2):
        QTest.qWait(120)
        wait_for_background()


def _first(db: Database, query: str) -> int | None:
    with db.engine.connect() as conn:
        value = conn.execute(sql(query)).scalar()
    return None if value is None else int(value)


def _visit(collector: Collector, where: str, make: Callable[[], QWidget], shots: Path | None = None) -> None:
    try:
        widget = make()
    except Exception as exc:  # noqa: BLE001 - a dialog the demo cannot build is reported, not fatal
        collector.findings.append(f"{where} | could not be built: {type(exc).__name__}: {exc}")
        return
    widget.show()
    wait_for_background()
    QApplication.processEvents()
    pages = [widget.page(i) for i in widget.pageIds()] if isinstance(widget, QWizard) else []
    for tabs in widget.findChildren(QTabWidget):  # each tab once (a tab may load its rows when first shown)
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            wait_for_background()
    collector.window(where, widget)
    for page in pages:
        collector.note(where, page, "page title", page.title())
    if shots is not None:
        widget.grab().save(str(shots / f"{where.replace(' ', '_')}.png"))
    widget.close()
    widget.deleteLater()
    wait_for_background()


SAMPLES = Path("/work/shared/samples")


def _walk(collector: Collector, where: str, make: Callable[[], QWidget], start: Callable[[QWidget], None],
          step: Callable[[QWidget], bool], shots: Path | None = None) -> None:
    """A dialog taken through its stages: each stage's texts are read; ``step`` goes on (False: no further)."""
    try:
        widget = make()
        widget.show()
        start(widget)
        wait_for_background()
        for stage in range(8):
            QApplication.processEvents()
            collector.window(f"{where} {stage}", widget)
            if shots is not None:
                widget.grab().save(str(shots / f"{where.replace(' ', '_')}_{stage}.png"))
            if not step(widget):
                break
            wait_for_background()
    except Exception as exc:  # noqa: BLE001 - reported as a finding, the walk goes on
        collector.findings.append(f"{where} | could not be walked through: {type(exc).__name__}: {exc}")
        return
    widget.close()
    widget.deleteLater()
    wait_for_background()


def _wizard_next(wizard: QWidget) -> bool:
    assert isinstance(wizard, QWizard)
    page = wizard.currentPage()
    if wizard.currentId() == wizard.pageIds()[-1] or not wizard.button(QWizard.WizardButton.NextButton).isEnabled():
        return False
    wizard.next()
    wait_for_background()  # a page may read the file first
    return wizard.currentPage() is not page


def _staged_walks(collector: Collector, ctx: AppContext, window: QWidget, household: int,
                  shots: Path | None) -> None:
    """The wizards and the register import with a file read: the texts that only then appear."""
    from desktop.views.assessment_wizard import AssessmentWizard
    from desktop.views.import_wizard import DepartmentImportWizard
    from desktop.views.register_import import RegisterImportDialog

    for sample in ("人社局_失业登记人员_2026年第三季度.xlsx", "残联_持证残疾人名单_2026.csv"):
        def choose(wizard: QWidget, path: Path = SAMPLES / sample) -> None:
            wizard.file_page.path.setText(str(path))  # type: ignore[attr-defined]
            if wizard.file_page.department.currentIndex() <= 0:  # type: ignore[attr-defined]
                wizard.file_page.department.setCurrentIndex(1)  # type: ignore[attr-defined]

        _walk(collector, f"import wizard {sample}", lambda: DepartmentImportWizard(ctx, window), choose,
              _wizard_next, shots if sample.endswith(".csv") else None)
    _walk(collector, "assessment wizard walked", lambda: AssessmentWizard(ctx, window, household),
          lambda _w: None, _wizard_next)

    def dry_run(dialog: QWidget) -> None:
        dialog.path.setText(str(SAMPLES / "家庭台账_导入示例.xlsx"))  # type: ignore[attr-defined]
        dialog.run(dry_run=True)  # type: ignore[attr-defined]

    _walk(collector, "register import dry run", lambda: RegisterImportDialog(ctx, window), dry_run,
          lambda _d: False)


def visit_everything(db: Database, actor: Actor, shots: Path | None = None) -> Collector:
    """Log-in window, the main window's pages (each tab) and every dialog they offer, on ``db``."""
    from desktop.views import application_forms as forms
    from desktop.views.application_detail import ApplicationDetailDialog
    from desktop.views.assessment import ReassessDialog
    from desktop.views.assessment_wizard import AssessmentWizard
    from desktop.views.board import QuarterDialog
    from desktop.views.clue_form import AssignDialog, CloseClueDialog, ClueForm
    from desktop.views.connection import ConnectionDialog
    from desktop.views.household_detail import HouseholdDetailDialog, MemberDialog, MoneyDialog
    from desktop.views.import_wizard import DepartmentImportWizard
    from desktop.views.login import FirstRunDialog, LoginDialog
    from desktop.views.policy_settings import SetValuesDialog
    from desktop.views.referral_form import ReferralForm, ReferralResultDialog
    from desktop.views.register_import import RegisterImportDialog
    from desktop.views.users import PasswordDialog, UserDialog

    collector = Collector()
    ctx = AppContext(db, actor)
    with no_modal_boxes(collector):
        _visit(collector, "login", lambda: LoginDialog(db, "admin"))
        _visit(collector, "first run", lambda: FirstRunDialog(db))
        window = _visit_pages(collector, ctx, "", shots)
        collector.window("main window", window)

        household = _first(db, "SELECT id FROM households ORDER BY id")
        application = _first(db, "SELECT id FROM applications ORDER BY id")
        clue = _first(db, "SELECT id FROM clues ORDER BY id")
        referral = _first(db, "SELECT id FROM referrals ORDER BY id")
        assert household and application and clue and referral, "the demo has households, applications, clues"
        detail_dialog: list[HouseholdDetailDialog] = []

        def household_detail() -> HouseholdDetailDialog:
            detail_dialog.append(HouseholdDetailDialog(ctx, household, window))
            return detail_dialog[-1]

        app_detail = applications.get_detail(db, actor, application)
        dialogs: list[tuple[str, Callable[[], QWidget]]] = [
            ("household detail", household_detail),
            ("member form", lambda: MemberDialog(detail_dialog[0], None)),
            ("income form", lambda: MoneyDialog(detail_dialog[0], "income", None)),
            ("expense form", lambda: MoneyDialog(detail_dialog[0], "expense", None)),
            ("clue form", lambda: ClueForm(ctx, window)),
            ("clue edit form", lambda: ClueForm(ctx, window, clue)),
            ("close clue", lambda: CloseClueDialog(clues.get_clue(db, actor, clue), window)),
            ("assign dialog", lambda: AssignDialog(ctx, 3, window)),
            ("import wizard", lambda: DepartmentImportWizard(ctx, window)),
            ("register import", lambda: RegisterImportDialog(ctx, window)),
            ("assessment wizard", lambda: AssessmentWizard(ctx, window, household)),
            ("reassess dialog", lambda: ReassessDialog(ctx, window)),
            ("application detail", lambda: ApplicationDetailDialog(ctx, application, window)),
            ("accept application", lambda: forms.AcceptDialog(ctx, window, household)),
            ("decision dialog", lambda: forms.DecisionDialog(ctx, app_detail, True, window)),
            ("stop assistance", lambda: forms.StopAssistanceDialog(ctx, app_detail, window)),
            ("spot check", lambda: forms.SpotCheckDialog(ctx, window)),
            ("period dialog", lambda: forms.PeriodDialog(window)),
            ("monthly assistance", lambda: forms.MonthlyAssistanceDialog(ctx, window)),
            ("visit form", lambda: _visit_form(ctx, household, window)),
            ("referral form", lambda: ReferralForm(ctx, household, window)),
            ("referral result", lambda: ReferralResultDialog(ctx, referrals.get_referral(db, actor, referral), window)),
            ("quarter dialog", lambda: QuarterDialog(window)),
            ("policy values", lambda: SetValuesDialog(ctx, window)),
            ("user form", lambda: UserDialog(ctx, window)),
            ("password form", lambda: PasswordDialog(ctx, window, auth.find_user(db, actor, "worker"))),
            ("connection dialog", lambda: ConnectionDialog(window)),
        ]
        dialogs += _more_dialogs(ctx, window)
        for where, make in dialogs:
            _visit(collector, where, make, shots if where in ("household detail", "assessment wizard") else None)
        _staged_walks(collector, ctx, window, household, shots)
        window.close()
        window.deleteLater()
        wait_for_background()
        for login in demo.LOGINS:  # what other roles see differs: buttons they may not use say why
            if login.role != Role.ADMIN:
                other = _visit_pages(collector, AppContext(db, auth.login(db, login.username, login.password)),
                                     f"{login.username}: ")
                other.close()
                other.deleteLater()
                wait_for_background()
    return collector


def _more_dialogs(ctx: AppContext, window: QWidget) -> list[tuple[str, Callable[[], QWidget]]]:
    """The dialogs opened from an application's detail (each kind the demo has), a batch's rows, regions."""
    from desktop.services import department_import, regions
    from desktop.services.errors import ConflictError, ConflictInfo
    from desktop.views import application_forms as forms
    from desktop.views.application_detail import ApplicationDetailDialog
    from desktop.views.board import MoveDialog
    from desktop.views.conflict import ConflictDialog
    from desktop.views.discovery import BatchRowsDialog
    from desktop.views.errors import CrashDialog
    from desktop.views.regions import AddRegionDialog, MoveRegionDialog, RenameRegionDialog
    from desktop.views.startup import StartupWindow

    db, actor = ctx.db, ctx.actor
    out: list[tuple[str, Callable[[], QWidget]]] = []
    picks = {
        "revoked": "SELECT application_id FROM revocations ORDER BY id",
        "post-checked": "SELECT application_id FROM post_checks ORDER BY id",
        "referred": "SELECT a.id FROM applications a JOIN referrals r ON r.household_id = a.household_id ORDER BY a.id",
        "open": "SELECT id FROM applications WHERE decided_on IS NULL ORDER BY id",
        "approved": "SELECT id FROM applications WHERE status = 'approved' ORDER BY id",
        "refused": "SELECT id FROM applications WHERE status = 'refused' ORDER BY id",
        "withdrawn": "SELECT id FROM applications WHERE status = 'withdrawn' ORDER BY id",
    }
    for kind, query in picks.items():
        try:
            app_id = _first(db, query)
        except Exception:  # noqa: BLE001 - a column of another name: that kind is left out
            app_id = None
        if app_id is None:
            continue
        detail = applications.get_detail(db, actor, app_id)
        out.append((f"application detail {kind}", lambda a=app_id: ApplicationDetailDialog(ctx, a, window)))
        for action in detail.actions:
            if action.step and action.step != "decision":
                out.append((f"step {action.step}", lambda d=detail, s=action.step: forms.StepDialog(ctx, d, s, window)))
        for check in detail.post_checks[:1]:
            out.append(("post check", lambda c=check: forms.PostCheckDialog(ctx, c, window)))
        for ref in detail.referrals[:1]:
            out.append(("referral outcome", lambda r=ref: forms.ReferralOutcomeDialog(ctx, r, window)))
        for rev in detail.revocations[:1]:
            out.append(("recovery", lambda r=rev: forms.RecoveryDialog(ctx, r, window)))
            out.append(("trace back", lambda d=detail, r=rev: forms.TraceBackDialog(ctx, d, r, window)))
        out.append((f"refusal served {kind}", lambda d=detail: forms.RefusalServedDialog(ctx, d, window)))
    batch = _first(db, "SELECT id FROM import_batches ORDER BY id")
    if batch is not None:
        out.append(("batch rows", lambda: BatchRowsDialog(ctx, department_import.get_batch(db, actor, batch), window)))
    rows = regions.list_regions(db, actor)
    subs = [r for r in rows if r.level == "subdistrict"]
    community = next(r for r in rows if r.level == "community")
    out += [("add region", lambda: AddRegionDialog(ctx, rows[0], window)),
            ("rename region", lambda: RenameRegionDialog(ctx, community, window)),
            ("move region", lambda: MoveRegionDialog(ctx, community, subs, window)),
            ("move on board", lambda: MoveDialog("王芳", "class_2", "class_1", window)),
            # the report itself is a Python traceback for IT, English on purpose: a stand-in here
            ("crash dialog", lambda: CrashDialog(window, "(错误报告)", "/tmp/relief.log")),
            ("conflict dialog", lambda: ConflictDialog(window, ConflictError(ConflictInfo("household", 1, "worker", None)),
                                                       [("address", "地址")], {"address": "八泉路20号"},
                                                       {"address": "八泉路30号"})),
            ("startup window", lambda: StartupWindow("sqlite:///demo.sqlite3"))]
    return out


def _visit_form(ctx: AppContext, household: int, parent: QWidget) -> QWidget:
    from desktop.views.visit_form import VisitForm

    return VisitForm(ctx, household, parent)


def demo_database(folder: Path, template: Path | None = None) -> Database:
    """A small demo district (the program's own demo, as ``relief-desk demo`` makes) in ``folder``."""
    path = folder / "demo.sqlite3"
    if template is not None:
        shutil.copy(template, path)
    db = open_database(f"sqlite:///{path}")
    if template is None:
        from desktop.services.database import migrate

        migrate(db)
    demo.build_demo(db, households=demo.MIN_HOUSEHOLDS, seed=3)
    return db


def demo_admin(db: Database) -> Actor:
    login = next(x for x in demo.LOGINS if x.role == Role.ADMIN)
    return auth.login(db, login.username, login.password)


# The window's own code, not the database's: SQLite is enough (the texts are the same on PostgreSQL).
@pytest.mark.usefixtures("chinese")
def test_every_text_on_screen_is_chinese(qapp: QApplication, tmp_path: Path, sqlite_template: Path,
                                         own_settings: Path) -> None:
    db = demo_database(tmp_path, sqlite_template)
    try:
        collector = visit_everything(db, demo_admin(db))
    finally:
        db.dispose()
    assert collector.texts > 1500, collector.texts  # the walk really read the windows
    assert collector.findings == [], "\n".join(collector.findings)


def test_the_walk_flags_a_window_left_in_english(qapp: QApplication, sqlite_db: Database) -> None:
    """Without the translators (conftest: every test starts in English) the log-in window is all findings."""
    from desktop.views.login import LoginDialog

    collector = Collector()
    _visit(collector, "login", lambda: LoginDialog(sqlite_db, "admin"))
    flagged = "\n".join(collector.findings)
    assert "login | LoginDialog | window title" in flagged and "QPushButton" in flagged, flagged


def test_no_translation_is_left_in_english() -> None:
    """The texts the walk cannot reach (a state the demo lacks, an error's wording) are checked in the
    catalogues: no Chinese translation keeps an English word (placeholders such as {name} aside)."""
    import xml.etree.ElementTree as ET

    found = []
    for ts in sorted((Path(__file__).resolve().parents[1] / "desktop" / "i18n").glob("*_zh_CN.ts")):
        for context in ET.parse(ts).getroot().iter("context"):
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") in ("vanished", "obsolete"):
                    continue
                forms = translation.findall("numerusform") or [translation]
                for form in forms:
                    words = english_words(re.sub(r"\{[^}]*\}|%\d|%\w", " ", form.text or ""))
                    if words:
                        found.append(f"{ts.name} {context.findtext('name')}: {form.text!r} {words}")
    assert found == [], "\n".join(found)


def test_the_check_finds_english() -> None:
    assert english_words("&Save") == ["Save"]
    assert english_words("保存为 Excel 文件 (*.xlsx) 到 /tmp/a/b.xlsx,Ctrl+S") == []
    assert english_words("批次 DI-2026-0001,连接 postgresql://u@h/db") == []
    assert english_words("<b>姓名</b> Household") == ["Household"]


if __name__ == "__main__":
    from desktop.app import make_application

    app = make_application([sys.argv[0]])
    shots_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    if shots_dir is not None:
        shots_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        database = demo_database(Path(folder))
        found = visit_everything(database, demo_admin(database), shots_dir)
        database.dispose()
    print("\n".join(found.findings))
    print(f"{found.texts} texts read, {len(found.findings)} with English")
    sys.exit(1 if found.findings else 0)
