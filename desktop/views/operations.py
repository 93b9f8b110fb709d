"""Run service calls off the UI thread (after Anki's aqt/operations).

``run_in_background(parent, work, on_done=...)`` runs ``work(progress)`` in a thread pool; a
progress dialog with a Cancel button appears only if the work takes longer than half a second;
the result or the error comes back on the main thread. Errors from services are shown as plain
messages; anything else goes to the crash dialog.

``run_busy(parent, button, "Logging in…", work, on_done)`` is for one service call of about a second
started by a button (a password checked, open deadlines recomputed): no progress dialog, the button
off and saying what is going on, the wait cursor; :class:`BusyDialog` is a dialog whose button does
that, and which closes only once the call has ended when it is closed meanwhile.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from desktop.services.progress import Cancelled, Progress
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


class _ProgressDialog(QProgressDialog):
    """Closed by its operation only. Esc and the title bar's close button ask the work to cancel
    (when it still may be) instead of hiding the dialog, which would leave the window usable while
    the work goes on."""

    def __init__(self, operation: BackgroundOperation, label: str, parent: QWidget | None) -> None:
        super().__init__(label, "", 0, 0, parent)
        self.operation = operation
        self.finished_work = False

    def reject(self) -> None:
        if self.finished_work:
            super().reject()
        else:
            self.operation.cancel()

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001
        if self.finished_work:
            super().closeEvent(event)
        else:
            event.ignore()
            self.operation.cancel()


class BackgroundOperation(QObject):
    """A handle on running work: ``cancel()`` asks it to stop; ``done`` fires at the end either way."""

    done = Signal()

    def __init__(self, parent: QWidget | None, label: str, cancellable: bool, delay_ms: int | None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.label = label
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
        dialog.canceled.connect(self.cancel)
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

    def cancel(self) -> None:
        """Ask the work to stop; nothing happens when it may not be cancelled (or no longer)."""
        dialog = self.dialog
        if dialog is not None and not dialog.isVisible():
            dialog.show()  # QProgressDialog hides itself on Cancel: it stays until the work has stopped
        if not self.cancellable or not self.progress.cancel():
            return
        if dialog is not None:
            dialog.setLabelText(self.tr("Cancelling…"))

    def finish(self) -> None:
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


_running: set[BackgroundOperation] = set()


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
) -> BackgroundOperation:
    op = BackgroundOperation(parent, label or "…", cancellable, delay_ms)
    _running.add(op)

    def finished(result: Any) -> None:
        _running.discard(op)
        if not isValid(op):  # its window was closed meanwhile: nobody is left to tell
            return
        op.finish()
        if on_done is not None:
            on_done(result)

    def failed(exc: BaseException) -> None:
        _running.discard(op)
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

    op.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    op.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(_Job(work, op.signals, op.progress))
    return op


_TEXT_BOXES = (QLineEdit, QPlainTextEdit, QTextEdit)


def run_busy(
    parent: QWidget,
    button: QAbstractButton,
    busy_text: str,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    *,
    on_error: Callable[[BaseException], None] | None = None,
    hold: Iterable[QWidget] = (),
) -> BackgroundOperation:
    """``work()`` (one service call of about a second) off the UI thread, without a progress dialog:
    until it ends ``button`` is off and says ``busy_text``, the wait cursor is over ``parent``, and the
    widgets in ``hold`` cannot be changed (text boxes read-only, others off), so that what is shown
    stays what was sent. Everything is put back before ``on_done(result)`` or ``on_error(exc)`` runs
    (without ``on_error`` the error is shown as :func:`run_in_background` shows it).

    A text box keeps the keyboard focus (read-only, not disabled): Enter pressed again reaches the
    dialog's default button, which is off, not the next button in the tab order (Cancel)."""
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

    op = run_in_background(parent, lambda _progress: work(), on_done, on_error=on_error, label=busy_text,
                           cancellable=False, delay_ms=None)
    op.done.connect(restore)
    return op


class BusyDialog(QDialog):
    """A dialog whose button runs one service call with :meth:`run_busy` (a login, a password change).

    Closing it while the call runs (Cancel, Esc, the title bar's close button) does not leave the call
    running for a window that is gone, nor end the program under it: the Cancel button says the dialog
    is closing, and it closes once the call has ended. What the call did is then told only when
    :attr:`tell_after_closing` says so (a password that was changed is told; a login the user gave
    up on is not used)."""

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

    def run_busy(self, button: QAbstractButton, busy_text: str, work: Callable[[], Any],
                 on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 hold: Iterable[QWidget] = ()) -> None:
        """As :func:`run_busy`; nothing when a call is already running (Enter pressed twice)."""
        if self.operation is not None:
            return
        self.closing = False
        self.setResult(QDialog.DialogCode.Rejected)  # Accepted afterwards: on_done accepted

        def done(result: Any) -> None:
            self.operation = None
            if not self.closing or self.tell_after_closing:
                on_done(result)
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

        self.operation = run_busy(self, button, busy_text, work, done, on_error=failed, hold=hold)

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
        if self.cancel_button is not None:
            self._cancel_text = self.cancel_button.text()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(QCoreApplication.translate("BusyDialog", "Closing…"))


def wait_for_background(timeout_ms: int = 30000) -> bool:
    """For tests: wait until no background work is running."""
    from PySide6.QtCore import QCoreApplication, QElapsedTimer

    timer = QElapsedTimer()
    timer.start()
    while _running and timer.elapsed() < timeout_ms:
        QThreadPool.globalInstance().waitForDone(20)
        QCoreApplication.processEvents()
    return not _running
