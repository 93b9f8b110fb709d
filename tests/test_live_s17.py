"""Live updates between two workstations (issue 6), adversarially: workstation A works through the
services on its own engine, workstation B is a real main window on another engine, on PostgreSQL
(LISTEN/NOTIFY) and SQLite (``PRAGMA data_version``). B's open page follows without 刷新, once per burst
of changes (not once per record), keeping B's selection and typed filter; a page B does not show
is read again only when B shows it; a bulk change notifies every topic it touched."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from desktop.services import clues
from desktop.services import department_import as di
from desktop.services.database import Database, open_database
from desktop.services.live import ChangeWatcher
from desktop.views.context import AppContext
from desktop.views.discovery import DiscoveryPage
from desktop.views.main_window import MainWindow
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_busy_views2 import CSV
from tests.test_discovery_views import SAMPLES, needs_samples


@dataclass
class Office:
    a: District  # workstation A: the district's own engine
    b_db: Database  # workstation B's own engine
    window: MainWindow  # workstation B

    @property
    def inbox(self):  # noqa: ANN201
        page = self.window.page("discovery")
        assert isinstance(page, DiscoveryPage)
        return page.inbox


@pytest.fixture
def office(qtbot, district: District) -> Iterator[Office]:  # noqa: ANN001
    b_db = open_database(district.db.url.render_as_string(hide_password=False))
    window = MainWindow(AppContext(b_db, district.admin))
    qtbot.addWidget(window, before_close_func=lambda _w: wait_for_background())
    window.show()
    window.resize(1366, 740)
    assert window.live.watcher.wait_ready(5)
    yield Office(district, b_db, window)
    window.close()
    wait_for_background()
    b_db.dispose()


def _unassigned_clues(d: District) -> list[clues.ClueInfo]:
    di.import_department_list(d.db, d.admin, SAMPLES / CSV, "残联")
    found = clues.list_clues(d.db, d.admin, clues.ClueFilter(unassigned_only=True), limit=500)
    assert len(found) > 60
    return found


def _count_calls(monkeypatch: pytest.MonkeyPatch, obj: object, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(obj, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(obj, name, counted)
    return calls


@needs_samples
def test_a_bulk_assignment_of_many_clues_notifies_every_topic_it_touched(district: District) -> None:
    """More than 50 changes in one transaction: PostgreSQL was sent the first 50 ``topic:id`` in sorted
    order and nothing else, so assigning 60 clues of a department list never told other workstations
    that the batch's counts changed (``import_batches`` sorts after ``clues``)."""
    d = district
    found = _unassigned_clues(d)
    batch = di.list_batches(d.db, d.admin)[0]
    other = open_database(d.db.url.render_as_string(hide_password=False))
    heard: queue.Queue = queue.Queue()
    watcher = ChangeWatcher(other, lambda topic, ident: heard.put((topic, ident)), interval=0.1)
    watcher.start(wait_ready=5)
    try:
        clues.assign_clues(d.db, d.admin, [c.id for c in found[:60]], d.regions["飞云社区"])
        topics: set[str] = set()
        deadline = time.monotonic() + 2.0
        want = {"*"} if d.db.is_sqlite else {"clues", "import_batches"}
        while not want <= topics and time.monotonic() < deadline:
            try:
                topics.add(heard.get(timeout=0.05)[0])
            except queue.Empty:
                pass
        assert want <= topics, topics
        assert di.count_batch_rows(other, d.admin, batch.id)["unassigned"] == len(found) - 60
    finally:
        watcher.stop()
        other.dispose()


@needs_samples
def test_the_open_inbox_follows_a_bulk_assignment_once_keeping_selection_and_filter(
        qtbot, office: Office, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """A assigns 40 clues at once; B's inbox showed each of the 40 notifications as a full re-read of
    the list on the UI thread (PostgreSQL). Now: one burst, one re-read, within 2 s."""
    d = office.a
    found = _unassigned_clues(d)
    office.window.show_page("discovery")
    inbox = office.inbox
    inbox.text.setText(found[0].person_name[:1])  # B typed a filter
    qtbot.waitUntil(lambda: any(c.id == found[0].id for c in inbox.model.rows), timeout=3000)
    typed = inbox.text.text()
    row = next(r for r, c in enumerate(inbox.model.rows) if c.id == found[0].id)
    inbox.table.selectRow(row)
    assert [c.id for c in inbox.selected()] == [found[0].id]
    qtbot.wait(700)  # the import's own notification has been handled
    refreshes = _count_calls(monkeypatch, inbox, "refresh")
    started = time.monotonic()
    clues.assign_clues(d.db, d.admin, [c.id for c in found[:40]], d.regions["飞云社区"])
    qtbot.waitUntil(lambda: next(c for c in inbox.model.rows if c.id == found[0].id).region_name == "飞云社区",
                    timeout=2000)
    assert time.monotonic() - started < 2.0
    qtbot.wait(700)  # any further refreshes of the same burst would have come by now
    assert 1 <= len(refreshes) <= 2, len(refreshes)
    assert inbox.text.text() == typed
    assert [c.id for c in inbox.selected()] == [found[0].id]
