"""Dialogs and the screen they open on, with Python's garbage collected among them.

Two dialogs that had each asked which screen they open on (``window.screen()``, for their size) and
then went in one collection of Python's garbage (each in a reference cycle, as a dialog with its slots
is) damaged Qt's screen: the next dialog built crashed the program in QScreen::virtualSiblings
(PySide makes the screen's one Python object the child of the widget that asked for it last). The
timer that runs the collector on the GUI thread made this happen at whatever moment it fired: the
test suite crashed now and then on a busy machine, and the program could have too. The screen is now
found through QGuiApplication's own functions."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import shiboken6
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMainWindow

from desktop.views import screens

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent("""
    import gc
    from PySide6.QtWidgets import QApplication, QDialog
    from desktop.views.screens import resize_to_fit

    app = QApplication([])
    gc.disable()

    class Form(QDialog):
        def __init__(self):
            super().__init__()
            resize_to_fit(self, 720, 640)  # as every form of the program does
            self.itself = self  # a reference cycle, as a dialog's connected slots make

    for _ in range(50):
        first, second = Form(), Form()
        del first, second
        gc.collect()
        QDialog().deleteLater()  # the next dialog's constructor asks for the screen again
    print("ok")
""")


def test_dialogs_sized_for_their_screen_and_collected_together_leave_the_screen_whole() -> None:
    """Run apart: the defect killed the process (segfault), which would take the test run with it."""
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-X", "faulthandler", "-c", SCRIPT], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_asking_for_the_room_ties_the_screen_to_no_widget(qtbot) -> None:  # noqa: ANN001
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    screen = QGuiApplication.primaryScreen()
    assert screens.screen_of(dialog) is screen  # the parent's window's screen (the one there is, offscreen)
    assert screens.screen_of(QDialog()) is screen  # no parent: the primary screen
    assert screens.available_room(dialog) == screen.availableGeometry().size()
    assert "parent" not in shiboken6.Shiboken.dump(screen).split("reference count")[-1]
