"""Run service calls off the UI thread (after Anki's aqt/operations).

``run_in_background(parent, work, on_done=...)`` runs ``work(progress)`` in a thread pool; a
progress dialog with a Cancel button appears only if the work takes longer than half a second;
the result or the error comes back on the main thread. Errors from services are shown as plain
messages; anything else goes to the crash dialog. Work that would lose something when stopped (an
import: the rows read so far) is given a :class:`CancelQuestion`, asked before the user's Cancel
stops it.

``run_busy(parent, button, "Logging in…", work, on_done)`` is for one service call of about a second
started by a button (a password checked, open deadlines recomputed): no progress dialog, the button
off and saying what is going on, the wait cursor; :class:`BusyDialog` is a dialog whose button does
that, and which closes only once the call has ended when it is closed meanwhile.

:class:`ExitGuard` keeps the program from exiting under work still running (closing the main window,
文件 → 退出, the application asked to quit): it asks whether to wait for the work or cancel it, and
exits once it has ended.
"""

from __future__ import annotations

import gc
import logging
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import SIGNAL, SLOT, QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from desktop.services.progress import Cancelled, Progress
from desktop.views.confirm import confirmed
from desktop.views.errors import plain_message, show_error

log = logging.getLogger(__name__)


class GuiThreadGarbageCollector(QObject):
    """Python's cyclic garbage collector, run on the GUI thread only (after calibre's).

    Left to itself the collector runs in whichever thread happens to allocate. When that is a
    background worker (an import, an export) and the garbage holds Qt objects (a closed dialog in a
    reference cycle), Qt destroys them off the GUI thread and the program crashes. Automatic
    collection is turned off; a timer does the same work, by the same thresholds, on the GUI thread.
    Reference counting frees everything else at once, as before."""

    def __init__(self, parent: QObject, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect the generations whose thresholds are passed, as the automatic collector would."""
        c0, c1, c2 = gc.get_count()
        if c0 > self.threshold[0]:
            gc.collect(0)
            if c1 > self.threshold[1]:
                gc.collect(1)
                if c2 > self.threshold[2]:
                    gc.collect(2)


def collect_garbage_on_gui_thread(app: QObject) -> GuiThreadGarbageCollector:
    """Install the collector once for the application (see :class:`GuiThreadGarbageCollector`)."""
    found = app.findChild(GuiThreadGarbageCollector)
    return found if isinstance(found, GuiThreadGarbageCollector) else GuiThreadGarbageCollector(app)


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals, progress: Progress) -> None:
        super().__init__()
        self.work = work
        self.signals = signals
        self.progress = progress
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except BaseException as exc:  # delivered to the main thread
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


@dataclass(frozen=True)
class CancelQuestion:
    """Asked before the user's Cancel stops work that would lose something (an import: what it read
    so far): ``cancel`` stops it, ``go_on`` (the default, and Esc's) lets it go on."""

    text: str
    cancel: str
    go_on: str


class _ProgressDialog(QProgressDialog):
    """Closed by its operation only. Its Cancel button, Esc and the title bar's close button are the
    user's Cancel (:meth:`BackgroundOperation.ask_cancel`); the dialog stays, neither hidden (the
    window would be usable while the work goes on) nor reset, until the work has ended."""

    def __init__(self, operation: BackgroundOperation, label: str, parent: QWidget | None) -> None:
        super().__init__(label, "", 0, 0, parent)
        self.operation = operation
        self.finished_work = False
        # QProgressDialog hides and resets itself on Cancel: the work may go on (the user is asked first)
        QObject.disconnect(self, SIGNAL("canceled()"), self, SLOT("cancel()"))

    def reject(self) -> None:
        if self.finished_work:
            super().reject()
        else:
            self.operation.ask_cancel()

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001
        if self.finished_work:
            super().closeEvent(event)
        else:
            event.ignore()
            self.operation.ask_cancel()


class BackgroundOperation(QObject):
    """A handle on running work: ``cancel()`` asks it to stop; ``done`` fires at the end either way."""

    done = Signal()

    def __init__(self, parent: QWidget | None, label: str, cancellable: bool, delay_ms: int | None,
                 cancel_question: CancelQuestion | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.label = label
        self.cancel_question = cancel_question
        self.asking = False  # the cancel question is on screen
        self.ended = False
        self.signals = _Signals()
        self.dialog: _ProgressDialog | None = None
        self.progress = Progress(self._report_from_worker)
        self.cancellable = cancellable
        self._last = (0, 0, label)
        self._updating = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self.signals.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        if delay_ms is None:
            pass  # no dialog: the caller shows that it is busy (run_busy)
        elif delay_ms <= 0:
            self._show_dialog()  # at once: the window is not usable for a moment without it
        else:
            self._timer.start(delay_ms)

    def _report_from_worker(self, done: int, total: int, text: str) -> None:
        self.signals.progressed.emit(done, total, text)

    def _show_dialog(self) -> None:
        dialog = _ProgressDialog(self, self.label, self.parent_widget)
        if self.cancellable:
            dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.setWindowTitle(self.tr("Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not self.cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self.ask_cancel)
        self.dialog = dialog
        self._on_progress(*self._last)
        dialog.show()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self._last = (done, total, text)
        dialog = self.dialog
        if dialog is None or self._updating:
            return
        # A modal QProgressDialog.setValue() processes events: the work may finish in there, so
        # finish() must not delete the dialog under our feet (it defers to the end of this call).
        self._updating = True
        try:
            if self.cancellable and not self.progress.cancellable:  # past the point of no return
                self.cancellable = False
                dialog.setCancelButton(None)
            if text:
                dialog.setLabelText(text)
            dialog.setMaximum(max(total, 0))
            if total and self.dialog is dialog:
                dialog.setValue(min(done, total))
        finally:
            self._updating = False
            if self.dialog is not dialog:
                dialog.close()
                dialog.deleteLater()

    @property
    def named(self) -> bool:
        """Started with a label saying what it does (not a quiet refresh), from a window still there."""
        return isValid(self) and self.label != "…"

    @property
    def can_cancel(self) -> bool:
        """It may still be cancelled (it has not passed the point of no return)."""
        return self.cancellable and self.progress.cancellable

    def show_progress(self, title: str = "") -> None:
        """The progress dialog at once (also for :func:`run_busy`'s calls, which have none)."""
        self._timer.stop()
        if self.dialog is None:
            self._show_dialog()
        if self.dialog is not None:
            if title:
                self.dialog.setWindowTitle(title)
            self.dialog.show()
            self.dialog.raise_()

    def ask_cancel(self) -> None:
        """The user's Cancel (the progress dialog's button, Esc or close button, or the window's own
        while the work runs): the :attr:`cancel_question` asked first, if any, then :meth:`cancel`.
        The question goes away unanswered when the work ends meanwhile."""
        if self.asking or self.ended or not self.can_cancel:
            return
        question = self.cancel_question
        if question is not None:
            parent = self.parent_widget if self.parent_widget is not None and isValid(self.parent_widget) else None
            title = parent.window().windowTitle() if parent is not None else self.label
            self.asking = True
            try:
                if not confirmed(parent, title, question.text, question.cancel, question.go_on, ends=self.done):
                    return
            finally:
                if isValid(self):
                    self.asking = False
            if not isValid(self) or self.ended:
                return
        self.cancel()

    def cancel(self) -> None:
        """Ask the work to stop, without a question (the exit guard's 取消并退出, whose user has chosen
        already); nothing happens when it may not be cancelled (or no longer)."""
        dialog = self.dialog
        if dialog is not None and not dialog.isVisible():
            dialog.show()
        if not self.cancellable or not self.progress.cancel():
            return
        if dialog is not None:
            dialog.setLabelText(self.tr("Cancelling…"))

    def finish(self) -> None:
        self.ended = True
        if isValid(self._timer):  # deleted with its window a moment before (seen once in a test run)
            self._timer.stop()
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.finished_work = True
            if self._updating:
                dialog.hide()  # closed and deleted when _on_progress returns
            else:
                dialog.close()
                dialog.deleteLater()
        self.done.emit()


_running: dict[BackgroundOperation, None] = {}  # in the order started
_guards: weakref.WeakSet[ExitGuard] = weakref.WeakSet()  # told after each operation has ended and its callbacks ran


def running_operations() -> list[BackgroundOperation]:
    """The background work whose worker has not ended yet, oldest first."""
    return list(_running)


def _ended() -> None:
    for guard in list(_guards):
        if isValid(guard):
            guard._ended()


def run_in_background(
    parent: QWidget | None,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None] | None = None,
    *,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    label: str = "",
    cancellable: bool = True,
    delay_ms: int | None = 500,
    cancel_question: CancelQuestion | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> BackgroundOperation:
    """``on_progress`` hears every report, connected before the work starts (connected after, it
    could miss what a quick worker reported first)."""
    op = BackgroundOperation(parent, label or "…", cancellable, delay_ms, cancel_question)
    _running[op] = None
    if on_progress is not None:
        op.signals.progressed.connect(on_progress, Qt.ConnectionType.QueuedConnection)

    def finished(result: Any) -> None:
        _running.pop(op, None)
        try:
            if not isValid(op):  # its window was closed meanwhile: nobody is left to tell
                return
            op.finish()
            if on_done is not None:
                on_done(result)
        finally:
            _ended()

    def failed(exc: BaseException) -> None:
        _running.pop(op, None)
        try:
            if not isValid(op):
                if not isinstance(exc, Cancelled):
                    log.warning("background work failed after its window was closed: %r", exc)
                return
            op.finish()
            if isinstance(exc, Cancelled):
                if on_cancelled is not None:
                    on_cancelled()
                return
            if on_error is not None:
                on_error(exc)
            else:
                show_error(parent, exc)
        finally:
            _ended()

    op.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    op.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(_Job(work, op.signals, op.progress))
    return op


_TEXT_BOXES = (QLineEdit, QPlainTextEdit, QTextEdit)


def run_busy(
    parent: QWidget,
    button: QAbstractButton,
    busy_text: str,
    work: Callable[..., Any],
    on_done: Callable[[Any], None],
    *,
    on_error: Callable[[BaseException], None] | None = None,
    hold: Iterable[QWidget] = (),
    cancellable: bool = False,
    on_cancelled: Callable[[], None] | None = None,
) -> BackgroundOperation:
    """``work()`` (one service call of about a second) off the UI thread, without a progress dialog:
    until it ends ``button`` is off and says ``busy_text``, the wait cursor is over ``parent``, and the
    widgets in ``hold`` cannot be changed (text boxes read-only, others off), so that what is shown
    stays what was sent. Everything is put back before ``on_done(result)`` or ``on_error(exc)`` runs
    (without ``on_error`` the error is shown as :func:`run_in_background` shows it).

    A text box keeps the keyboard focus (read-only, not disabled): Enter pressed again reaches the
    dialog's default button, which is off, not the next button in the tab order (Cancel).

    ``cancellable``: ``work(progress)`` is given the operation's :class:`Progress`, which its
    ``cancel()`` sets; ``on_cancelled()`` runs when the work stopped for it."""
    held = [w for w in hold if w is not button]
    boxes = [w for w in held if isinstance(w, _TEXT_BOXES) and not w.isReadOnly()]
    switched = [(w, w.isEnabled()) for w in [button, *(w for w in held if not isinstance(w, _TEXT_BOXES))]]
    focused = QApplication.focusWidget()
    text = button.text()
    button.setText(busy_text)
    for box in boxes:
        box.setReadOnly(True)
    for widget, _enabled in switched:
        widget.setEnabled(False)
    moved = focused is not None and any(focused is w for w, _e in switched)
    if moved:
        (boxes[0] if boxes else parent).setFocus()  # not on to the next button
    parent.setCursor(Qt.CursorShape.WaitCursor)

    def restore() -> None:
        button.setText(text)
        for box in boxes:
            box.setReadOnly(False)
        for widget, enabled in switched:
            widget.setEnabled(enabled)
        parent.unsetCursor()
        if moved and focused is not None and isValid(focused) and focused.isEnabled():
            focused.setFocus()

    op = run_in_background(parent, work if cancellable else lambda _progress: work(), on_done, on_error=on_error,
                           on_cancelled=on_cancelled, label=busy_text, cancellable=cancellable, delay_ms=None)
    op.done.connect(restore)
    return op


class BusyDialog(QDialog):
    """A dialog whose button runs one service call with :meth:`run_busy` (a login, a password change).

    Closing it while the call runs (Cancel, Esc, the title bar's close button) does not leave the call
    running for a window that is gone, nor end the program under it: the Cancel button says the dialog
    is closing, and it closes once the call has ended. What the call did is then told only when
    :attr:`tell_after_closing` says so (a password that was changed is told).

    A call run ``cancellable`` (a login) is cancelled when the dialog is closed: what it did is rolled
    back and not told. Closed too late (the call had committed, its cancel refused), it stands and is
    told, as though the dialog had not been closed (the user is logged in, as the audit log says)."""

    tell_after_closing = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operation: BackgroundOperation | None = None
        self.closing = False
        self.cancel_button: QAbstractButton | None = None  # set by the dialog: says it is closing
        self._cancel_text = ""

    @property
    def busy(self) -> bool:
        return self.operation is not None

    def run_busy(self, button: QAbstractButton, busy_text: str, work: Callable[..., Any],
                 on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 hold: Iterable[QWidget] = (), cancellable: bool = False) -> None:
        """As :func:`run_busy`; nothing when a call is already running (Enter pressed twice)."""
        if self.operation is not None:
            return
        self.closing = False
        self.setResult(QDialog.DialogCode.Rejected)  # Accepted afterwards: on_done accepted

        def done(result: Any) -> None:
            op, self.operation = self.operation, None
            stands = op is not None and op.cancellable and not op.progress.cancelled  # closed too late to cancel
            if not self.closing or self.tell_after_closing or stands:
                on_done(result)
            self._close_if_asked()

        def cancelled() -> None:
            self.operation = None
            self._close_if_asked()

        def failed(exc: BaseException) -> None:
            self.operation = None
            if not self.closing:
                on_error(exc)
            elif plain_message(exc) is None:  # a bug all the same
                log.warning("%s: closed while working, then failed", type(self).__name__, exc_info=exc)
            else:
                log.info("%s: closed while working, then: %s", type(self).__name__, plain_message(exc))
            self._close_if_asked()

        self.operation = run_busy(self, button, busy_text, work, done, on_error=failed, hold=hold,
                                  cancellable=cancellable, on_cancelled=cancelled)

    def _close_if_asked(self) -> None:
        if not self.closing:
            return
        self.closing = False
        if self.cancel_button is not None:
            self.cancel_button.setText(self._cancel_text)
            self.cancel_button.setEnabled(True)
        if self.result() != QDialog.DialogCode.Accepted:
            super().reject()

    def reject(self) -> None:
        if self.operation is None:
            super().reject()
            return
        if self.closing:
            return
        self.closing = True
        self.operation.cancel()  # a cancellable call is rolled back; another is waited for
        if self.cancel_button is not None:
            self._cancel_text = self.cancel_button.text()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(QCoreApplication.translate("BusyDialog", "Closing…"))


class ExitGuard(QObject):
    """Exiting while background work runs (an import, an export, a save): the program asks first.

    :meth:`allows` is asked before the window closes or the application quits. With nothing running
    it says yes. Otherwise it says no for now, gives work about to end a moment to do so, and then asks
    which of these the user wants: wait until the work is done, cancel it (only work that may still be
    cancelled; it is rolled back, nothing is left half-written) or go back. Waiting or cancelling shows
    the work's progress dialog; once every worker has ended (a cancelled one after its rollback), the
    exit is tried again. Quiet refreshes without a label are waited for without asking. The program
    never exits with a worker thread still writing to the database."""

    WAIT, CANCEL, BACK = "wait", "cancel", "back"

    def __init__(self, parent: QObject, grace_ms: int = 400) -> None:
        super().__init__(parent)
        self.grace_ms = grace_ms
        self.mode: str | None = None  # waiting to exit: WAIT or CANCEL
        self.box: QMessageBox | None = None  # the question, while it is on screen
        self.buttons: dict[str, QAbstractButton] = {}
        self._then: Callable[[], Any] | None = None
        self._parent: QWidget | None = None
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        self._grace.timeout.connect(self._after_grace)
        _guards.add(self)

    def allows(self, then: Callable[[], Any], parent: QWidget | None) -> bool:
        """True when no work is running: exit now. Otherwise False, and ``then()`` (the exit tried
        again) is called once the user has chosen to wait or cancel and the work has ended."""
        if not _running:
            self._reset()
            return True
        self._then, self._parent = then, parent
        if self.box is not None:
            self.box.raise_()
        elif self.mode is not None:  # already waiting: asked again (a second close, a quit), keep waiting
            self._follow(running_operations())
        elif not self._grace.isActive():
            self._grace.start(self.grace_ms)
        return False

    def _after_grace(self) -> None:
        ops = running_operations()
        if not ops:
            self._exit()
        elif not any(op.named for op in ops):
            self._start(self.WAIT)  # quiet refreshes only: nothing to ask about
        else:
            self._ask()

    def question(self, ops: list[BackgroundOperation]) -> tuple[str, str, bool]:
        """The question's text, its explanation and whether cancelling is offered."""
        labels = list(dict.fromkeys(op.label for op in ops if op.named))
        if len(labels) == 1:
            text = self.tr("Work is still running: {work}").format(work=labels[0])
        else:
            text = self.tr("Work is still running:") + "".join(f"\n• {label}" for label in labels)
        cancellable = [op.can_cancel for op in ops if op.named]
        if all(cancellable):
            more = self.tr("Wait until it is done and then exit, or cancel it and exit: what it did is rolled "
                           "back, nothing is left half-written.")
        elif any(cancellable):
            more = self.tr("Wait until it is done and then exit, or cancel what can be cancelled and exit: that "
                           "is rolled back, nothing is left half-written; the rest cannot be stopped and is "
                           "waited for.")
        else:
            more = self.tr("It cannot be stopped half-way: wait until it is done and then exit, or go back.")
        return text, more, any(cancellable)

    def _ask(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Exit Relief Desk"), "",
                          QMessageBox.StandardButton.NoButton, self._parent)
        self.buttons = {
            self.WAIT: box.addButton(self.tr("&Wait until done"), QMessageBox.ButtonRole.AcceptRole),
            self.CANCEL: box.addButton(self.tr("Cancel and e&xit"), QMessageBox.ButtonRole.DestructiveRole),
            self.BACK: box.addButton(self.tr("&Go back"), QMessageBox.ButtonRole.RejectRole),
        }
        box.setDefaultButton(self.buttons[self.WAIT])  # type: ignore[arg-type]
        box.setEscapeButton(self.buttons[self.BACK])
        self.box = box
        self._update_question(running_operations())
        box.finished.connect(self._answered)
        box.open()

    def _update_question(self, ops: list[BackgroundOperation]) -> None:
        assert self.box is not None
        text, more, can_cancel = self.question(ops)
        self.box.setText(text)
        self.box.setInformativeText(more)
        self.buttons[self.CANCEL].setVisible(can_cancel)

    def _answered(self) -> None:
        box, self.box = self.box, None
        if box is None:
            return
        clicked = box.clickedButton()
        box.deleteLater()
        choice = next((key for key, button in self.buttons.items() if button is clicked), self.BACK)
        self.buttons = {}
        if choice == self.BACK:
            self._reset()
        else:
            self._start(choice)

    def _start(self, mode: str) -> None:
        self.mode = mode
        ops = running_operations()
        if ops:
            self._follow(ops)
        else:
            self._exit()

    def _follow(self, ops: list[BackgroundOperation]) -> None:
        """Each named operation's progress dialog shown (and the work asked to stop when cancelling)."""
        for op in ops:
            if not op.named:
                continue
            op.show_progress(self.tr("Exiting when done"))
            if self.mode == self.CANCEL:
                op.cancel()

    def _ended(self) -> None:
        ops = running_operations()
        if self.box is not None:  # the work ended while the question was on screen
            if not any(op.named for op in ops):
                box, self.box = self.box, None
                box.finished.disconnect(self._answered)
                box.close()
                box.deleteLater()
                self.buttons = {}
                self._start(self.WAIT)  # nothing left to ask about: exit as asked
            else:
                self._update_question(ops)
            return
        if self.mode is None:
            return
        if ops:
            self._follow(ops)  # the work that ended started more
        else:
            QTimer.singleShot(0, self, self._exit)  # after the last one's callbacks; not if the window has gone

    def _exit(self) -> None:
        if _running:
            return
        then = self._then
        self._reset()
        if then is not None:
            then()

    def _reset(self) -> None:
        self._grace.stop()
        self.mode = None
        self._then = None
        self._parent = None


def exit_guard() -> ExitGuard | None:
    """The guard of the main window (a top-level window holding one), if it is open."""
    for widget in QApplication.topLevelWidgets():
        found = widget.findChild(ExitGuard, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if isinstance(found, ExitGuard):
            return found
    return None


def quit_allowed() -> bool:
    """Whether the application may quit now (its Quit event, before any window is closed: a modal
    dialog closed first would cancel its work without asking). Asked through the main window's
    :class:`ExitGuard`, which quits again once the work has ended."""
    guard = exit_guard()
    if guard is None:
        return True
    parent = QApplication.activeModalWidget() or guard.parent()
    return guard.allows(QApplication.quit, parent if isinstance(parent, QWidget) else None)


def wait_for_workers() -> None:
    """At the very end, after the event loop: no worker may still be writing when the database is
    closed and the program exits (work started after the window was closed, an exit not asked)."""
    if _running:
        log.warning("exiting: waiting for background work still running: %s",
                    ", ".join(op.label for op in _running))
    QThreadPool.globalInstance().waitForDone()


def wait_for_background(timeout_ms: int = 30000) -> bool:
    """For tests: wait until no background work is running."""
    from PySide6.QtCore import QCoreApplication, QElapsedTimer

    timer = QElapsedTimer()
    timer.start()
    while _running and timer.elapsed() < timeout_ms:
        QThreadPool.globalInstance().waitForDone(20)
        QCoreApplication.processEvents()
    return not _running
