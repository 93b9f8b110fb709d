"""Background work and its owner: work that ends after its window was closed is dropped quietly."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from desktop.views import operations
from desktop.views.operations import run_in_background, wait_for_background


def _closed_while_running(qtbot, work_result: object) -> list[object]:  # noqa: ANN001
    release = threading.Event()
    told: list[object] = []
    owner = QWidget()

    def work(_progress: object) -> object:
        release.wait(10)
        if isinstance(work_result, BaseException):
            raise work_result
        return work_result

    shown: list[object] = []
    original = operations.show_error
    operations.show_error = lambda parent, exc: shown.append(exc)  # type: ignore[assignment]
    try:
        run_in_background(owner, work, told.append, delay_ms=0)
        qtbot.wait(50)  # the progress dialog is up
        owner.deleteLater()
        qtbot.waitUntil(lambda: not _alive(owner), timeout=5000)
        release.set()
        assert wait_for_background(10000)
        qtbot.wait(20)
    finally:
        operations.show_error = original  # type: ignore[assignment]
    return told + shown


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)


def test_work_that_finishes_after_its_window_closed_is_dropped(qtbot) -> None:  # noqa: ANN001
    assert _closed_while_running(qtbot, 42) == []


def test_work_that_fails_after_its_window_closed_is_logged_not_shown(qtbot, caplog) -> None:  # noqa: ANN001
    assert _closed_while_running(qtbot, ValueError("boom")) == []
    assert "boom" in caplog.text


def test_work_tells_its_window_when_it_is_still_open(qtbot) -> None:  # noqa: ANN001
    owner = QWidget()
    qtbot.addWidget(owner)
    told: list[object] = []
    run_in_background(owner, lambda _p: 7, told.append, delay_ms=0)
    assert wait_for_background(10000)
    qtbot.waitUntil(lambda: told == [7], timeout=5000)


def test_cyclic_garbage_is_collected_on_the_gui_thread_only(qapp) -> None:  # noqa: ANN001
    """A background job that allocates past the collector's thresholds does not collect: a closed
    dialog caught in a reference cycle would otherwise be destroyed off the GUI thread (a crash).
    The GUI thread's timer collects it by the same thresholds."""
    import gc
    import weakref

    collector = operations.collect_garbage_on_gui_thread(qapp)
    assert operations.collect_garbage_on_gui_thread(qapp) is collector and not gc.isenabled()
    gc.collect()

    class Node:
        pass

    node = Node()
    node.me = node  # type: ignore[attr-defined]
    cycle = weakref.ref(node)
    del node
    kept: list[list[int]] = []
    worker = threading.Thread(target=lambda: kept.extend([] for _ in range(5 * gc.get_threshold()[0])))
    worker.start()
    worker.join()
    assert cycle() is not None and gc.get_count()[0] > gc.get_threshold()[0]
    collector.check()
    assert cycle() is None
