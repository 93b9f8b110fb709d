"""Live updates between workstations: PostgreSQL LISTEN/NOTIFY and SQLite data_version."""

from __future__ import annotations

import queue
import time
from datetime import date

import pytest

from desktop.rules.codes import Role
from desktop.services import monitoring
from desktop.services.database import Database, open_database
from desktop.services.live import ChangeWatcher, parse_payload
from tests.district import District
from tests.monitoring_helpers import add_households


def _collect(q: queue.Queue, want: set[tuple[str, int]] | None, timeout: float = 2.0) -> set[tuple[str, int]]:
    seen: set[tuple[str, int]] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            seen.add(q.get(timeout=0.05))
        except queue.Empty:
            pass
        if want is not None and want <= seen:
            break
    return seen


def test_parse_payload() -> None:
    assert parse_payload("board:17") == ("board", 17)
    assert parse_payload("policy:") == ("policy", 0)
    assert parse_payload("odd:x") == ("odd", 0)
    assert parse_payload("") == ("*", 0)


def test_two_engines_see_each_others_changes(district: District) -> None:
    """Workstation A moves a card and records a visit; workstation B's watcher hears it within 2 s."""
    db = district.db
    other: Database = open_database(db.url.render_as_string(hide_password=False))  # a second workstation
    [hid] = add_households(db, district.regions["飞云社区"], "class_2")
    received: queue.Queue = queue.Queue()
    watcher = ChangeWatcher(other, lambda topic, ident: received.put((topic, ident)), interval=0.2)
    watcher.start(wait_ready=5)
    try:
        assert watcher.running
        _collect(received, None, 0.5)  # drain anything from the set-up
        while not received.empty():
            received.get()
        started = time.monotonic()
        monitoring.move_card(db, district.actor(Role.COMMUNITY_WORKER), hid, "class_1", "收入减少",
                             expected_version=None)
        want = {("board", hid)} if not db.is_sqlite else {("*", 0)}
        seen = _collect(received, want)
        assert want <= seen, seen
        assert time.monotonic() - started < 2.0
        # And the second workstation reads the new state.
        assert monitoring.cards_by_id(other, district.admin, [hid])[0].stage == "class_1"
        monitoring.record_visit(other, district.admin, hid, visited_on=date.today(), visitors="甲", findings="无变化")
        # The first workstation's own watcher hears the other's visit too.
        back: queue.Queue = queue.Queue()
        watcher_a = ChangeWatcher(db, lambda t, i: back.put((t, i)), interval=0.2)
        watcher_a.start(wait_ready=5)
        try:
            monitoring.record_visit(other, district.admin, hid, visited_on=date.today(), visitors="乙",
                                    findings="复访")
            want = {("visits", hid), ("board", hid)} if not db.is_sqlite else {("*", 0)}
            assert want <= _collect(back, want)
        finally:
            watcher_a.stop()
    finally:
        watcher.stop()
        other.dispose()
    assert not watcher.running


def test_sqlite_data_version_across_connections(sqlite_district: District) -> None:
    db = sqlite_district.db
    got: queue.Queue = queue.Queue()
    watcher = ChangeWatcher(db, lambda t, i: got.put((t, i)), interval=0.1)
    watcher.start(wait_ready=5)
    try:
        assert _collect(got, None, 0.4) == set()  # nothing changes, nothing reported
        add_households(db, sqlite_district.regions["八泉社区"], "to_check")
        assert _collect(got, {("*", 0)}, 2.0) == {("*", 0)}
        assert _collect(got, None, 0.4) == set()  # reported once per change
    finally:
        watcher.stop()


def test_rollback_sends_nothing_on_postgresql(district: District) -> None:
    db = district.db
    if db.is_sqlite:
        pytest.skip("NOTIFY is PostgreSQL only; SQLite has no uncommitted change to see")
    got: queue.Queue = queue.Queue()
    watcher = ChangeWatcher(db, lambda t, i: got.put((t, i)), interval=0.1)
    watcher.start(wait_ready=5)
    try:
        [hid] = add_households(db, district.regions["八泉社区"], "assisted")
        with pytest.raises(monitoring.MoveRefused):
            monitoring.move_card(db, district.admin, hid, "class_1", "想移出", expected_version=None)
        assert _collect(got, None, 0.6) == set()
    finally:
        watcher.stop()


def test_watcher_survives_bad_callback_and_stops_quickly(sqlite_district: District) -> None:
    db = sqlite_district.db
    calls: list[int] = []

    def bad(topic: str, ident: int) -> None:
        calls.append(1)
        raise RuntimeError("receiver bug")

    watcher = ChangeWatcher(db, bad, interval=0.1)
    watcher.start(wait_ready=5)
    add_households(db, sqlite_district.regions["八泉社区"], "to_check")
    deadline = time.monotonic() + 2
    while not calls and time.monotonic() < deadline:
        time.sleep(0.05)
    add_households(db, sqlite_district.regions["八泉社区"], "to_check")
    deadline = time.monotonic() + 2
    while len(calls) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    started = time.monotonic()
    watcher.stop()
    assert len(calls) >= 2 and not watcher.running and time.monotonic() - started < 1.0
