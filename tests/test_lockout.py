"""The lockout steps (rules.lockout): five wrong passwords in a row lock for thirty minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.rules.lockout import (
    FAILURE_WINDOW_MINUTES,
    LOCK_MINUTES,
    MAX_FAILED_LOGINS,
    LoginState,
    after_failure,
    replay,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def minutes(n: float) -> datetime:
    return T0 + timedelta(minutes=n)


def test_five_in_a_row_lock_for_thirty_minutes() -> None:
    assert (MAX_FAILED_LOGINS, LOCK_MINUTES) == (5, 30)
    state = LoginState()
    assert state.tries_left(T0) == 5
    for n in range(1, 5):
        state = after_failure(state, minutes(n))
        assert (state.failures, state.tries_left(minutes(n)), state.locked(minutes(n))) == (n, 5 - n, False)
    state = after_failure(state, minutes(5))
    assert state.locked_until == minutes(35) and state.locked(minutes(34.99)) and state.tries_left(minutes(6)) == 0
    # guessing on while locked neither counts nor lengthens the lock
    assert after_failure(state, minutes(20)) == state
    # the lock runs out: the next wrong password is the first of a new run
    assert not state.locked(minutes(35)) and state.tries_left(minutes(35)) == 5
    again = after_failure(state, minutes(36))
    assert (again.failures, again.locked_until, again.tries_left(minutes(36))) == (1, None, 4)


def test_failures_far_apart_do_not_add_up() -> None:
    state = after_failure(after_failure(LoginState(), minutes(0)), minutes(FAILURE_WINDOW_MINUTES - 1))
    assert state.failures == 2
    assert state.tries_left(minutes(2 * FAILURE_WINDOW_MINUTES)) == 5  # half an hour after the last one
    state = after_failure(state, minutes(2 * FAILURE_WINDOW_MINUTES))
    assert state.failures == 1


def test_replay_of_a_name_that_is_no_account_gives_the_same_steps() -> None:
    times = [minutes(n) for n in (0, 1, 2, 3, 4, 10, 20, 40)]  # 10 and 20 while locked, 40 after
    state = LoginState()
    for at in times:
        state = after_failure(state, at)
    assert replay(times) == state
    assert (state.failures, state.locked_until) == (1, None)
    assert replay(times[:5]).locked_until == minutes(34) and replay([]) == LoginState()
