"""Account lockout after password guessing (登录失败处理, 等保 practice). Pure.

After ``MAX_FAILED_LOGINS`` wrong passwords in a row an account is locked for ``LOCK_MINUTES``;
while locked, no password is tried and nothing counts (a lock is never lengthened by the guesser).
Failures more than ``FAILURE_WINDOW_MINUTES`` apart do not add up (Windows' "reset account lockout
counter after"), nor do those before a lock that has run out: the next failure is the first again.
A successful login, an administrator's unlock and a password reset start over from nothing.

The same steps are taken for an account (its state kept in the database) and, without keeping
anything, for a name that is no account (its state read back from the failed logins logged): a
guesser cannot tell the two apart from the answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 30
FAILURE_WINDOW_MINUTES = 30


@dataclass(frozen=True)
class LoginState:
    failures: int = 0  # wrong passwords in a row
    last_failed_at: datetime | None = None
    locked_until: datetime | None = None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def tries_left(self, now: datetime) -> int:
        """Wrong passwords still allowed before the lock (0 while locked)."""
        if self.locked(now):
            return 0
        return MAX_FAILED_LOGINS - (0 if _starts_over(self, now) else self.failures)


def _starts_over(state: LoginState, now: datetime) -> bool:
    return (state.last_failed_at is None or state.locked_until is not None
            or now - state.last_failed_at >= timedelta(minutes=FAILURE_WINDOW_MINUTES))


def after_failure(state: LoginState, now: datetime) -> LoginState:
    """The state after a wrong password at ``now``."""
    if state.locked(now):
        return state
    failures = 1 if _starts_over(state, now) else state.failures + 1
    until = now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILED_LOGINS else None
    return LoginState(failures, now, until)


def replay(failed_at: Iterable[datetime]) -> LoginState:
    """The state a run of failures (oldest first) leaves, for a name no account has."""
    state = LoginState()
    for at in failed_at:
        state = after_failure(state, at)
    return state
