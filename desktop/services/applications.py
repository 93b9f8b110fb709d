"""Applications (早承诺 · 早救助): accept, advance the steps, decide, pay, check afterwards.

The order of steps and what each records come from :mod:`desktop.rules.procedure`; deadlines
from the working-day calendar in the database (:func:`desktop.services.calendar.load_calendar`).
Every step records who (``ApplicationStep.created_by_id``) and when (``completed_on`` — the
business date — and ``created_at``).

Household board moves made here (each with a ``LibraryMove`` row):
acceptance → "applying" (not when the household was moved after the acceptance date: an acceptance
entered late, from paper, is saved and the household keeps its place); approval → "assisted" (``Household.category`` = the application's
category); refusal → "class_1"; stopping assistance or a revocation → "class_1" (or "class_2"
when the caseworker says so) and ``category`` back to "none". Stopping (:func:`stop_assistance`)
or a revocation is the only way out of "assisted". A household already assisted under another
approval (a 低保 family applying for 临时救助) stays "assisted" through all of these.

Assistance records: approval writes one ``AssistanceRecord`` per month from the start month
(the month after approval) up to and including the current month (nothing yet when approved this
month); :func:`record_monthly_assistance` adds a month for every running assistance afterwards.
临时救助 is paid once, in the start month (:func:`desktop.rules.procedure.paid_once`): its
approval moves the family to "class_1" to go on being watched, and it never "runs".

Checks after approval: a commitment-track approval has a centralised data cross-check due one
month after approval; every approval paid monthly, on either track, a periodic re-check 12 months
after approval (6 months when the caseworker marks the income irregular), each periodic re-check
passed schedules the next at the same interval; random spot checks come from :func:`draw_spot_check`.
A failed periodic re-check of a regular-track approval means the family no longer qualifies: the
assistance stops (as :func:`stop_assistance`, gradual exit included). Any other failed check opens a
``Revocation`` (撤销 / 追回), stops the assistance and records the amount to recover (by default
everything paid on the application); on an application revoked already it records its finding only (the
money is recovered once).

Withdrawal (:func:`withdraw`): the applicant withdraws an application still being handled (撤回);
it closes without a decision and the family leaves "applying" for class I or II.
"""

from __future__ import annotations

import heapq
import itertools
import re
import secrets
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from html import escape
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from desktop.models import (
    Application,
    ApplicationStep,
    Assessment,
    AssistanceRecord,
    Commitment,
    Household,
    LibraryMove,
    Notice,
    PostCheck,
    Referral,
    Region,
    Revocation,
    SpotCheckSample,
    User,
)
from desktop.models.base import now_utc
from desktop.rules import means_test, sampling, spelling
from desktop.rules import monitoring as monitoring_rules
from desktop.rules import procedure as proc
from desktop.rules.codes import (
    CATEGORY_LABELS,
    DEPARTMENT_LABELS,
    ROLES_SEEING_FULL_ID,
    STAGE_LABELS,
    TRACK_LABELS,
    Category,
    RegionLevel,
    Role,
    Stage,
    Track,
)
from desktop.rules.procedure import STATUS_LABELS, STEP_LABELS, ProcedureRefused, Step
from desktop.rules.workdays import WorkCalendar, unknown_years_warning
from desktop.services import referrals as referral_svc
from desktop.services.base import (
    Actor,
    CutList,
    UnitOfWork,
    check_day,
    log_access,
    matched_in_all,
    moment_on,
    read_amount,
    require_role,
    snapshot,
    too_early,
    too_long,
    unit_of_work,
)
from desktop.services.calendar import DeadlinesMoved, load_calendar
from desktop.services.database import Database
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.services.files import export_place, nothing_to_export
from desktop.services.monitoring import move_household
from desktop.services.policy import dibao_standard_session, gradual_exit_months_session
from desktop.services.progress import NO_PROGRESS, Progress

DECIDERS = (Role.ADMIN, Role.DISTRICT_REVIEWER)  # county-level decision (审核确认)
ACCEPT_LOCK = 0x52454C50 << 32  # + household id ("RELP"): one acceptance of a family at a time
CHECKERS = (Role.ADMIN, Role.DISTRICT_REVIEWER)  # authorised data check is done by the county
LIST_LIMIT = 5000
CHECKS_DUE_SOON_DAYS = 30  # the post-check list's "due within" filter (and 今日工作's figure): the month ahead

REFERRAL_STATUS_LABELS = monitoring_rules.REFERRAL_STATUSES  # as the referral pages name them

# A status filter of the list and of the deadlines command: the open applications and, with them, emergency
# help given first (临时救助 急难型, RULES.md §1.3) whose data check or home survey is still to complete
# afterwards — stored as approved, its paperwork has deadlines too, and a clerk looks for it among the work
# still to do (先行救助、待补办).
TO_DO = "to_do"
AFTER_HELP_MARKER = "先行救助、待补办"
# Another status filter: the refused applications whose written refusal (due 3 working days after the decision,
# RULES.md §1.5) is not recorded as served, each with that notice's due day and whether it is late.
TO_SERVE = "to_serve"
SERVE_STEP_LABEL = "送达不予批准书面通知"
STATUS_FILTER_LABELS = {**STATUS_LABELS, TO_DO: "办理中及待补办", TO_SERVE: "不予批准、书面通知待送达"}


class StepRefused(ServiceError):
    """A step the procedure does not allow now; ``rule`` names the rule cited."""

    def __init__(self, refused: ProcedureRefused) -> None:
        super().__init__(refused.message)
        self.rule = refused.rule


# -- plain results -----------------------------------------------------------------------------
@dataclass(frozen=True)
class AllowanceBasis:
    """What a 低保 decision's monthly amount is reckoned from: the household's latest assessment. The
    allowance is the difference to the standard times the members (:func:`means_test.dibao_allowance`);
    the full amount (the standard times the members) is what no allowance by the difference exceeds."""

    assessed_on: date
    standard: Decimal
    per_capita_income: Decimal
    members: int  # as assessed
    members_now: int  # the household as it is now (differs after a birth or a move since)
    allowance: Decimal
    full: Decimal
    # the standard in force in the first month paid, when it is not the one assessed (a raise since, or one
    # to come on 1 January), and the day it took effect: the amount is to be reckoned again
    standard_paid: Decimal | None = None
    standard_since: date | None = None

    def exceeded_by(self, typed: str) -> bool:
        """Whether a typed monthly amount is more than the full amount (False when it cannot be read:
        :func:`decide` says what is wrong with it)."""
        try:
            return read_amount(typed, to_the_fen=True) > self.full
        except ValueError:
            return False


@dataclass(frozen=True)
class ApplicationBasis:
    """The household's latest assessment, on which an application is accepted."""

    assessment_id: int
    household_id: int
    assessed_on: date
    category: str | None  # the assessed category when one can be applied for, else None
    category_label: str
    per_capita_income: Decimal


@dataclass(frozen=True)
class CommitmentInput:
    signer_name: str
    signed_on: date
    text: str = ""
    file_name: str | None = None
    file_data: bytes | None = None


@dataclass(frozen=True)
class ReferralInput:
    department: str  # key of codes.DEPARTMENT_LABELS
    need: str = ""
    due_on: date | None = None


@dataclass(frozen=True)
class Due:
    """A deadline as shown: the date, working days left and the unknown-calendar warning."""

    due_on: date | None
    working_days_left: int | None
    overdue: bool
    warning: str = ""
    calendar_days: bool = False


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    version: int
    household_id: int
    head_name: str
    member_count: int
    region_id: int
    region_name: str
    subdistrict_name: str
    category: str
    category_label: str
    temporary_kind: str | None
    track: str
    track_label: str
    accepted_on: date
    step: str
    step_label: str
    next_step: str | None
    next_step_label: str
    status: str
    status_label: str
    extended: bool
    due_on: date  # whole procedure
    step_due_on: date | None  # the next step's own deadline
    effective_due_on: date | None  # the earlier of the two
    working_days_left: int | None
    overdue: bool
    warning: str
    check_passed: bool | None
    decided_on: date | None
    amount: Decimal | None
    after_help: bool = False  # emergency help given first, its next step is paperwork (AFTER_HELP_MARKER)

    @property
    def uncertain(self) -> bool:
        return bool(self.warning)


@dataclass(frozen=True)
class StepInfo:
    step: str
    label: str
    started_on: date
    due_on: date | None
    completed_on: date | None
    result: str
    result_label: str
    note: str
    data: dict[str, Any]
    by: str
    recorded_at: object
    late: bool = False


@dataclass(frozen=True)
class ActionInfo:
    step: str
    label: str
    after_decision: bool
    approve_allowed: bool
    due: Due


@dataclass(frozen=True)
class CommitmentInfo:
    signer_name: str
    signed_on: date
    text: str
    file_name: str | None
    has_file: bool


@dataclass(frozen=True)
class PostCheckInfo:
    id: int
    version: int
    application_id: int
    head_name: str
    region_name: str
    kind: str
    kind_label: str
    due_on: date
    done_on: date | None
    result: str | None
    note: str
    sample_id: int | None
    overdue: bool
    stops_when_failed: bool = False  # a failed check stops the assistance instead of revoking it
    gradual_exit_allowed: bool = False  # … and may stop it by a gradual exit (低保)
    revoked: bool = False  # the approval is revoked already: a failed check only records its finding
    subdistrict_name: str = ""  # of the household's community (in the post-check list and its export)
    # The approval's last day assisted when it has one (stopped, or set to stop: a gradual exit, a stop
    # decided ahead); ``assistance_ended``: that day is before the list's day. The list keeps a check of an
    # ending or ended approval only when it falls due before that day (:func:`post_check_queue`).
    assistance_ends: date | None = None
    assistance_ended: bool = False

    @property
    def assistance_note(self) -> str:
        """"救助已于 2026-12-01 停止" / "救助发放至 2027-05-31" / "" (the list's 救助 column)."""
        if self.assistance_ends is None:
            return ""
        return (f"救助已于 {self.assistance_ends:%Y-%m-%d} 停止" if self.assistance_ended
                else f"救助发放至 {self.assistance_ends:%Y-%m-%d}")


@dataclass(frozen=True)
class RevocationInfo:
    id: int
    version: int
    application_id: int
    post_check_id: int | None
    reason: str
    amount_to_recover: Decimal
    amount_recovered: Decimal
    status: str
    closed_on: date | None
    trace_finding: str | None = None  # rules.procedure.TRACE_FINDINGS (问题倒查)
    trace_label: str = ""
    trace_note: str = ""
    traced_on: date | None = None
    traced_by: str = ""
    opened_on: date | None = None  # the day the failed check was recorded

    def recovery_questions(self, typed: str, close: bool) -> list[str]:
        """What to ask before recording ``typed`` as the amount recovered so far (and closing the case):
        a total lower than the one recorded (it corrects an error, or is a slip), a case closed with money
        still to recover. None when ``typed`` cannot be read: :func:`record_recovery` says what is wrong."""
        try:
            value = read_amount(typed, to_the_fen=True)
        except ValueError:
            return []
        asks = []
        if value < self.amount_recovered:
            asks.append(f"已追回金额由 {self.amount_recovered:,.2f} 元改为 {value:,.2f} 元,比已登记的少 "
                        f"{self.amount_recovered - value:,.2f} 元。填的是到今天为止共追回的金额,只有更正以前登记的错误时才会减少。")
        if close and 0 <= value < self.amount_to_recover:
            asks.append(f"还有 {self.amount_to_recover - value:,.2f} 元未追回(应追回 {self.amount_to_recover:,.2f} 元)。"
                        "结案后不再追回。")
        return asks


@dataclass(frozen=True)
class ReferralInfo:
    id: int
    version: int
    department: str
    department_label: str
    need: str
    status: str
    status_label: str
    sent_on: date
    due_on: date | None
    closed_on: date | None
    feedback: str


@dataclass(frozen=True)
class NoticeInfo:
    id: int
    kind: str
    issued_at: object
    data: dict[str, Any]


@dataclass(frozen=True)
class RefusalNotice:
    """The written refusal of a refused application: due within 3 working days, served or not."""
    due_on: date | None
    served_on: date | None
    served_how: str  # label (SERVICE_METHODS)
    overdue: bool  # not served and past its due day
    warning: str = ""  # not served and due in a year whose holidays nobody has entered: an estimate


def _refusal_notice(data: dict | None, as_of: date, cal: WorkCalendar) -> RefusalNotice:
    data = data or {}
    due = date.fromisoformat(data["notice_due"]) if data.get("notice_due") else None
    served = date.fromisoformat(data["served_on"]) if data.get("served_on") else None
    # 3 working days counted into a year nobody has entered the holidays of (RULES.md §2): said so
    warning = unknown_years_warning((due.year,)) if served is None and due is not None and not cal.knows(due.year) else ""
    return RefusalNotice(due, served, proc.SERVICE_METHODS.get(data.get("served_how", ""), ""),
                         served is None and due is not None and due < as_of, warning)


@dataclass(frozen=True)
class ApplicationDetail:
    row: ApplicationRow
    household_code: str
    address: str
    steps: tuple[StepInfo, ...]
    actions: tuple[ActionInfo, ...]
    extension_reason: str
    refusal_reason: str
    start_month: date | None
    stopped_on: date | None
    commitment: CommitmentInfo | None
    post_checks: tuple[PostCheckInfo, ...]
    revocations: tuple[RevocationInfo, ...]
    referrals: tuple[ReferralInfo, ...]
    notices: tuple[NoticeInfo, ...]
    months_paid: int
    total_paid: Decimal
    can_extend: bool
    can_stop: bool
    gradual_exit_from: date | None = None  # a gradual exit after employment decided that day
    exit_stage: str | None = None  # while it runs: the library the family goes to after stopped_on
    refusal_notice: RefusalNotice | None = None  # a refused application's written refusal
    # An open application for monthly assistance while another monthly approval of the family runs:
    # the running one, as the decision dialog names it (approving replaces it, as a change of category).
    replaces: str | None = None
    can_withdraw: bool = False  # still being handled: the applicant may withdraw it
    allowance: AllowanceBasis | None = None  # an open 低保 application: the amount by the latest assessment
    withdrawal: Withdrawal | None = None  # a withdrawn application's date and reason


@dataclass(frozen=True)
class Withdrawal:
    withdrawn_on: date | None
    reason: str


@dataclass(frozen=True)
class FrontDeskResult:
    application_id: int
    referral_ids: tuple[int, ...]
    stage_kept: str = ""  # "该户在 … 库别保持不变。" when the household keeps its place (see Accepted)


@dataclass(frozen=True)
class Accepted:
    application_id: int
    # Said to the user when the household was moved on the board after the acceptance date and stays
    # there ("申请已受理。该户在 … 已由 … 调整为 …,晚于本次受理日期 …,库别保持不变。"), else "".
    stage_kept: str = ""


@dataclass(frozen=True)
class SampleRow:
    application_id: int
    post_check_id: int
    head_name: str
    subdistrict_name: str
    region_name: str
    decided_on: date | None
    result: str | None


@dataclass(frozen=True)
class SampleInfo:
    id: int
    seed: int
    drawn_on: date
    rate: Decimal | None
    count: int | None
    stratified: bool
    population_size: int
    rows: tuple[SampleRow, ...]
    under_check: int = 0  # families left out of the population: their spot check of an earlier sample is open


@dataclass(frozen=True)
class PublicityRow:
    """Only what publicity may show (RULES.md §1.5): name, family size and amount."""

    name: str
    member_count: int
    amount: Decimal
    once: bool = False  # 临时救助: the amount is paid once, not each month (says how to head the amount)


@dataclass(frozen=True)
class NoticeDocument:
    kind: str
    title: str
    html: str
    household_id: int | None = None


# -- helpers -------------------------------------------------------------------------------------
def _refuse(exc: ProcedureRefused) -> StepRefused:
    return StepRefused(exc)


def _state(app: Any, completed: Sequence[str]) -> proc.State:
    return proc.State(track=app.track, category=app.category, temporary_kind=app.temporary_kind,
                      completed=tuple(completed), objection=bool(app.objection), check_passed=app.check_passed,
                      status=app.status)


def _inferred_completed(app: Any) -> list[str]:
    """Steps done when an application carries no step rows (e.g. imported): up to ``app.step``."""
    order = [Step.ACCEPTED, Step.CHECK, Step.INVESTIGATION, Step.APPRAISAL, Step.PUBLICITY, Step.DECISION]
    if app.step == Step.DONE:
        return [s for s in order if s != Step.APPRAISAL or (app.objection and app.track == Track.REGULAR)]
    if app.step not in order:
        return [Step.ACCEPTED]
    done = order[: order.index(Step(app.step)) + 1]
    return [s for s in done if s != Step.APPRAISAL or (app.objection and app.track == Track.REGULAR)]


def _load_steps(uow: UnitOfWork, app_ids: Sequence[int]) -> dict[int, list[tuple[str, date | None]]]:
    out: dict[int, list[tuple[str, date | None]]] = defaultdict(list)
    if not app_ids:
        return out
    for chunk_start in range(0, len(app_ids), 900):
        chunk = app_ids[chunk_start:chunk_start + 900]
        rows = uow.session.execute(
            select(ApplicationStep.application_id, ApplicationStep.step, ApplicationStep.completed_on)
            .where(ApplicationStep.application_id.in_(chunk))
            .order_by(ApplicationStep.application_id, ApplicationStep.completed_on, ApplicationStep.id))
        for app_id, step, completed_on in rows:
            out[app_id].append((step, completed_on))
    return out


def _due(cal: WorkCalendar, as_of: date, due_on: date | None, start: date, *, calendar_days: bool = False) -> Due:
    if due_on is None:
        return Due(None, None, False)
    # the working days left are counted between as_of and due_on: as_of's year matters as much
    unknown = cal.unknown_years_between(min(start, as_of, due_on), max(as_of, due_on))
    warning = unknown_years_warning(unknown)
    left = cal.working_days_left(as_of, due_on)
    return Due(due_on, left, as_of > due_on, warning, calendar_days)


def _step_deadline(cal: WorkCalendar, transition: proc.Transition, accepted_on: date, last_on: date) -> proc.StepDue:
    """The deadline of the next step, counted from its start event (:func:`desktop.rules.procedure.step_start`:
    the last step done, or acceptance for the investigation). A publicity has none of its own:
    its 7 calendar days are a minimum (:func:`desktop.rules.procedure.finished_late`), so an application
    whose publicity is still running is not overdue; the whole procedure's deadline applies to it."""
    start = proc.step_start(transition.step, accepted_on, last_on, after_decision=transition.after_decision)
    sd = proc.step_due(cal, transition.step, start)
    return proc.StepDue(sd.step, sd.start, None) if sd.calendar_days else sd


def _binding_due(cal: WorkCalendar, app: Any, sd: proc.StepDue, *, after_decision: bool = False) -> date | None:
    """The day a step recorded was due (:func:`desktop.rules.procedure.due_by`: a decision due 10 working
    days after the file is still due by the application's deadline); a publicity's is its 7 calendar days
    (a minimum, never late)."""
    if sd.calendar_days:
        return sd.due
    whole = proc.whole_deadline(cal, app.track, app.accepted_on, app.extended).due
    return proc.due_by(sd.due, whole, after_decision=after_decision)


def _progress(app: Any, steps: list[tuple[str, date | None]]) -> tuple[list[proc.Transition], date]:
    """What may be done next (none once handled) and the day the last step was done, from which the
    next step's own deadline counts."""
    completed = [s for s, _ in steps] or _inferred_completed(app)
    last_on = max([d for _, d in steps if d is not None], default=app.accepted_on)
    actions = proc.allowed_next(_state(app, completed)) if app.status in ("open", "approved") else []
    return actions, last_on


def _row(cal: WorkCalendar, as_of: date, app: Any, hh: Any, region_name: str, sub_name: str,
         steps: list[tuple[str, date | None]]) -> ApplicationRow:
    actions, last_on = _progress(app, steps)
    whole = proc.whole_deadline(cal, app.track, app.accepted_on, app.extended)
    next_step = actions[0].step if actions else None
    step_due: date | None = None
    effective: date | None = None
    due = Due(None, None, False)
    if next_step is not None:
        sd = _step_deadline(cal, actions[0], app.accepted_on, last_on)
        step_due = sd.due
        # paperwork completed after emergency help: the procedure is decided, its whole deadline is past use
        whole_unknown = () if actions[0].after_decision else whole.unknown_years
        effective = proc.due_by(sd.due, whole.due, after_decision=actions[0].after_decision)
        due = _due(cal, as_of, effective, app.accepted_on)
        if not due.warning and (whole_unknown or sd.unknown_years):
            due = Due(due.due_on, due.working_days_left, due.overdue, unknown_years_warning(whole_unknown + sd.unknown_years))
    elif app.status == "open":
        due = _due(cal, as_of, whole.due, app.accepted_on)
        effective = whole.due
    warning = due.warning
    if not warning and app.status == "open" and whole.unknown_years:
        warning = unknown_years_warning(whole.unknown_years)
    after_help = bool(actions) and actions[0].after_decision
    status_label = proc.status_label(app) + (f"({AFTER_HELP_MARKER})" if after_help else "")
    return ApplicationRow(
        id=app.id, version=app.version, household_id=hh.id, head_name=hh.head_name, member_count=hh.member_count,
        region_id=hh.region_id, region_name=region_name, subdistrict_name=sub_name, category=app.category,
        category_label=_category_label(app.category, app.temporary_kind), temporary_kind=app.temporary_kind,
        track=app.track, track_label=TRACK_LABELS.get(Track(app.track), app.track), accepted_on=app.accepted_on,
        step=app.step, step_label=STEP_LABELS.get(Step(app.step), app.step) if app.step in Step._value2member_map_
        else app.step, next_step=next_step, next_step_label=STEP_LABELS[next_step] if next_step else "",
        status=app.status, status_label=status_label, extended=app.extended,
        due_on=whole.due, step_due_on=step_due, effective_due_on=effective,
        working_days_left=due.working_days_left, overdue=due.overdue, warning=warning,
        check_passed=app.check_passed, decided_on=app.decided_on, amount=app.amount, after_help=after_help)


def move_open_deadlines(uow: UnitOfWork, was: WorkCalendar, now: WorkCalendar, year: int) -> DeadlinesMoved:
    """After ``year``'s holidays changed (``was`` → ``now``, inside the change's unit of work): the deadlines
    still open that fall on another day now. The stored ones are saved anew — an open application's whole
    procedure (``Application.due_on``: the list is ordered by it) and an unserved written refusal's (kept
    with the decision) — and the next step's own deadline, computed whenever it is shown, is counted.

    Only deadlines counted across ``year`` can move: ≤ 45 working days from a day of the year before or of
    ``year`` itself (acceptance, the last step done, a refusal)."""
    first, last = date(year - 1, 1, 1), date(year, 12, 31)
    steps_moved = 0
    moved: set[int] = set()
    handled = (Application.status == "open") | _after_help_due()
    recent = select(ApplicationStep.application_id).where(ApplicationStep.completed_on.between(first, last))
    cols = [Application.id, Application.status, Application.step, Application.track, Application.category,
            Application.temporary_kind, Application.objection, Application.check_passed, Application.accepted_on,
            Application.extended, Application.due_on]
    apps = [SimpleNamespace(**{c.key: v for c, v in zip(cols, values, strict=True)})  # plain rows: thousands
            for values in uow.session.execute(select(*cols).where(
                handled, Application.accepted_on <= last,
                Application.accepted_on.between(first, last) | Application.id.in_(recent)))]
    done = _load_steps(uow, [a.id for a in apps])
    stored: list[dict[str, Any]] = []
    for app in apps:
        if app.status == "open":
            due = proc.whole_deadline(now, app.track, app.accepted_on, app.extended).due
            if app.due_on != due:
                stored.append({"app_id": app.id, "new_due": due})
                moved.add(app.id)
        actions, last_on = _progress(app, done.get(app.id, []))
        if actions and (_step_deadline(was, actions[0], app.accepted_on, last_on).due
                        != _step_deadline(now, actions[0], app.accepted_on, last_on).due):
            steps_moved += 1
            moved.add(app.id)
    if stored:  # one statement for them all (the first entry of a year may move thousands); saved as by
        # the administrator, as an edit would be: one who has an application open is told, not overwritten
        table = Application.__table__
        uow.session.execute(
            update(table).where(table.c.id == bindparam("app_id")).values(
                due_on=bindparam("new_due"), version=table.c.version + 1, updated_at=now_utc(),
                updated_by_id=uow.actor.user_id),
            stored)
    procedure = len(stored)
    refusals = uow.session.execute(
        select(Application.id, Application.decided_on, Notice)
        .join(Notice, (Notice.application_id == Application.id) & (Notice.kind == "refusal"))
        .where(Application.status == "refused", Application.decided_on.between(first, last))).all()
    notice_due: dict[int, str] = {}  # application → the written refusal's new deadline
    for app_id, decided_on, notice in refusals:
        data = dict(notice.data or {})
        due = proc.refusal_notice_due(now, decided_on).due.isoformat()
        if data.get("served_on") or not data.get("notice_due") or data["notice_due"] == due:
            continue
        notice.data = {**data, "notice_due": due}  # a new dict: the JSON column sees the change
        notice_due[app_id] = due
    if notice_due:  # the same deadline kept with each decision, read in one query
        for decision in uow.session.scalars(select(ApplicationStep).where(
                ApplicationStep.application_id.in_(notice_due), ApplicationStep.step == Step.DECISION)):
            if (decision.data or {}).get("notice_due"):
                decision.data = {**decision.data, "notice_due": notice_due[decision.application_id]}
    notices = len(notice_due)
    moved.update(notice_due)
    if moved:
        uow.notify("applications", 0)
    return DeadlinesMoved(procedure, steps_moved, notices, tuple(sorted(moved)))


def _category_label(category: str, temporary_kind: str | None) -> str:
    label = CATEGORY_LABELS.get(Category(category), category) if category in Category._value2member_map_ else category
    if category == Category.TEMPORARY and temporary_kind:
        label += f"({proc.TEMPORARY_KIND_LABELS.get(temporary_kind, temporary_kind)})"
    return label


def _regions(uow: UnitOfWork, region_ids: Iterable[int]) -> dict[int, tuple[str, str, int | None]]:
    """region id → (name, sub-district name, sub-district id)."""
    ids = set(region_ids)
    if not ids:
        return {}
    parent = aliased(Region)
    rows = uow.session.execute(
        select(Region.id, Region.name, Region.level, parent.id, parent.name, parent.level)
        .outerjoin(parent, parent.id == Region.parent_id).where(Region.id.in_(ids)))
    out: dict[int, tuple[str, str, int | None]] = {}
    for rid, name, level, pid, pname, _plevel in rows:
        if level == "subdistrict":
            out[rid] = (name, name, rid)
        else:
            out[rid] = (name, pname or "", pid)
    return out


def _move(uow: UnitOfWork, hh: Household, to_stage: str | None, on: date, reason: str,
          category: str | None = None) -> None:
    """A decision, withdrawal or stop moves the household whatever was moved since: the assistance it
    starts or ends is a fact (an acceptance dated before the last move keeps the stage: _accept)."""
    move_household(uow, hh, to_stage, on, reason, category=category, guard=False)


def _get_app(uow: UnitOfWork, application_id: int) -> tuple[Application, Household]:
    app = uow.get(Application, application_id, "申请")
    hh = uow.get(Household, app.household_id, "家庭")
    uow.require_scope(hh.region_id, "该申请")
    return app, hh


def _completed(uow: UnitOfWork, app: Application) -> tuple[list[str], date]:
    steps = _load_steps(uow, [app.id]).get(app.id, [])
    completed = [s for s, _ in steps] or _inferred_completed(app)
    last_on = max([d for _, d in steps if d is not None], default=app.accepted_on)
    return completed, last_on


def _money(value: Decimal | str | int | float | None, what: str, *, negative: bool = False) -> Decimal:
    """An amount as typed ("1,200", full-width digits); refused with a plain message when it is no
    number, too large for the database, or negative (unless ``negative``)."""
    try:
        amount = read_amount(value, to_the_fen=True)
    except ValueError as exc:
        raise ValidationFailed(f"{what}“{value}”" + (f"{exc}。" if str(exc) else "不是有效的金额。"),
                               {what: str(value)}) from exc
    if amount < 0 and not negative:
        raise ValidationFailed(f"{what}不能为负数。", {what: str(value)})
    return amount


# -- accepting -----------------------------------------------------------------------------------
def _accept(uow: UnitOfWork, cal: WorkCalendar, *, household_id: int, category: str, track: str, accepted_on: date,
            temporary_kind: str | None, assessment_id: int | None, commitment: CommitmentInput | None,
            note: str, today: date | None) -> tuple[Application, str]:
    """The application accepted, and what the user is told when the household keeps its place on the
    board ("该户在 … 库别保持不变。"; "" when it moves to 申请中 or is in it already)."""
    problems: dict[str, str] = {}
    if message := too_early(accepted_on, "受理日期"):
        problems["accepted_on"] = message + "。"
    elif accepted_on > (today or date.today()):
        problems["accepted_on"] = f"受理日期 {accepted_on.isoformat()} 晚于今天,受理日期须是实际受理申请的日期。"
    if category not in {c.value for c in proc.APPLICABLE_CATEGORIES}:
        problems["category"] = f"救助类别“{category}”不能申请。"
    if track not in {t.value for t in Track}:
        problems["track"] = f"办理方式“{track}”无效。"
    if category == Category.TEMPORARY and temporary_kind not in proc.TEMPORARY_KIND_LABELS:
        problems["temporary_kind"] = "临时救助须选择急难型或支出型。"
    if category != Category.TEMPORARY:
        temporary_kind = None
    if track == Track.COMMITMENT:
        if commitment is None or not commitment.signer_name.strip():
            problems["commitment"] = "告知承诺制须记录申请人签署的承诺书(签署人姓名和签署日期)。"
        elif message := too_early(commitment.signed_on, "承诺书签署日期"):
            problems["commitment"] = message + "。"
        elif commitment.signed_on > accepted_on:
            problems["commitment"] = "承诺书签署日期不能晚于受理日期。"
        elif message := too_long(Commitment.signer_name, commitment.signer_name.strip(), "承诺书签署人姓名"):
            problems["commitment"] = message + "。"
    if problems:
        raise ValidationFailed("申请信息有误:" + ";".join(problems.values()), problems)
    hh = uow.get(Household, household_id, "家庭")
    uow.require_scope(hh.region_id, "该家庭")
    uow.take_turns(ACCEPT_LOCK + hh.id)  # two workstations accepting the family at once: one finds the other's
    open_id = uow.session.scalar(select(Application.id).where(Application.household_id == hh.id,
                                                              Application.status == "open"))
    if open_id is not None:
        raise ValidationFailed(f"该家庭已有办理中的申请(编号 {open_id}),不能重复受理。")
    if not proc.paid_once(category):
        # one whose end is decided (a stop ahead of its day, a gradual exit) may be followed by a new one
        # of the same category (re-assessed: a new amount from the month after): the decision refuses
        # a first month it still pays (_refuse_overlap)
        same = _running_approval(uow, hh.id, category=category, open_ended=True)
        if same is not None:
            raise ValidationFailed(f"该家庭正在享受{_approval_text(same)},不能重复申请同一类别;"
                                   "如需重新核定,请先停止原救助再受理新的申请。")
    whole = proc.whole_deadline(cal, track, accepted_on, False)
    app: Application = uow.add(Application(household_id=hh.id, assessment_id=assessment_id, category=category,
                              temporary_kind=temporary_kind, track=track, accepted_on=accepted_on, due_on=whole.due,
                              step=Step.ACCEPTED, status="open"))
    uow.flush()
    uow.add(ApplicationStep(application_id=app.id, step=Step.ACCEPTED, started_on=accepted_on, due_on=None,
                            completed_on=accepted_on, result="accepted", note=note,
                            data={"track": track, "category": category}))
    if track == Track.COMMITMENT and commitment is not None:
        uow.add(Commitment(application_id=app.id, signed_on=commitment.signed_on,
                           signer_name=commitment.signer_name.strip(), text=commitment.text,
                           file_name=commitment.file_name, file_data=commitment.file_data))
    kept = ""
    if not _assisted_elsewhere(uow, hh, app.id) and hh.stage != Stage.APPLYING:
        newer = move_household(uow, hh, Stage.APPLYING, accepted_on, f"受理{_category_label(category, temporary_kind)}"
                               f"申请({TRACK_LABELS[Track(track)]})")
        if newer is not None:  # an acceptance entered late, from paper, does not undo the household's later move
            kept = f"{newer.words()},晚于本次受理日期 {accepted_on.isoformat()},库别保持不变"
    uow.flush()
    uow.audit("application.accept", "applications", app.id, after=snapshot(app), household_id=hh.id,
              detail=";".join(x for x in (note, kept) if x))
    uow.notify("applications", app.id)
    return app, f"{kept}。" if kept else ""


def accept(db: Database, actor: Actor, *, household_id: int, category: str, track: str = Track.REGULAR,
           accepted_on: date, temporary_kind: str | None = None, assessment_id: int | None = None,
           commitment: CommitmentInput | None = None, note: str = "", today: date | None = None) -> int:
    """Accept an application (受理). On the commitment track the signed commitment is required. Returns its id
    (:func:`accept_application` also says when the household keeps its place on the board)."""
    return accept_application(db, actor, household_id=household_id, category=category, track=track,
                              accepted_on=accepted_on, temporary_kind=temporary_kind, assessment_id=assessment_id,
                              commitment=commitment, note=note, today=today).application_id


def accept_application(db: Database, actor: Actor, *, household_id: int, category: str,
                       track: str = Track.REGULAR, accepted_on: date, temporary_kind: str | None = None,
                       assessment_id: int | None = None, commitment: CommitmentInput | None = None,
                       note: str = "", today: date | None = None) -> Accepted:
    """Accept an application (受理) and move the household to 申请中, unless it was moved on the board after
    ``accepted_on``: then the application is saved, the household stays, and ``stage_kept`` says so."""
    cal = load_calendar(db)
    with unit_of_work(db, actor, write=True) as uow:
        app, kept = _accept(uow, cal, household_id=household_id, category=category, track=track,
                            accepted_on=accepted_on, temporary_kind=temporary_kind, assessment_id=assessment_id,
                            commitment=commitment, note=note, today=today)
        return Accepted(int(app.id), f"申请已受理。{kept}" if kept else "")


# -- households awaiting acceptance --------------------------------------------------------------------

AWAITING_LABEL = "待受理申请"


def awaiting_acceptance_clause() -> ColumnElement[bool]:
    """A household in 申请中 with no application being handled: put there by a clue closed as "check
    passed" (or an assessment's placement, or a move on the board) and its application not accepted yet."""
    return (Household.stage == Stage.APPLYING) & ~select(Application.id).where(
        Application.household_id == Household.id, Application.status == "open").exists()


@dataclass(frozen=True)
class AwaitingAcceptance:
    """A household waiting for its application to be accepted (受理)."""

    household_id: int
    code: str  # 户编号
    head_name: str
    region_name: str
    subdistrict_name: str
    since: date | None  # when it was put in 申请中
    reason: str  # why (the move's reason: "线索 #12 办结:授权核对通过,启动申请")
    clue_id: int | None  # the clue whose closing put it there, if one did


def awaiting_acceptance(db: Database, actor: Actor, *, limit: int | None = None) -> CutList:
    """The households in the actor's regions in 申请中 with no application being handled, the longest
    waiting first. Each is to be accepted (受理), or, if the family no longer applies, its clue reopened
    (it goes back where it was) or it is moved back to a library on the board."""
    limit = LIST_LIMIT if limit is None else limit
    with unit_of_work(db, actor) as uow:
        into = aliased(LibraryMove)  # the latest move into 申请中
        since = (select(func.max(into.id)).where(into.household_id == Household.id, into.to_stage == Stage.APPLYING)
                 .correlate(Household).scalar_subquery())
        query = (select(Household.id, Household.code, Household.head_name, Household.region_id,
                        LibraryMove.moved_on, LibraryMove.reason)
                 .outerjoin(LibraryMove, LibraryMove.id == since).where(awaiting_acceptance_clause()))
        ids = uow.region_ids()
        if ids is not None:
            query = query.where(Household.region_id.in_(ids))
        found = list(uow.session.execute(query.order_by(LibraryMove.moved_on, Household.id).limit(limit)))
        total = matched_in_all(uow.session, query, Household.id, len(found), limit)
        regions = _regions(uow, [r.region_id for r in found])
        out = []
        for hid, code, head, region_id, moved_on, reason in found:
            name, sub, _ = regions.get(region_id, ("", "", None))
            clue = re.match(r"线索 #(\d+) 办结", reason or "")
            out.append(AwaitingAcceptance(int(hid), code or "", head, name, sub, moved_on, reason or "",
                                          int(clue.group(1)) if clue else None))
        return CutList(out, total)


def awaits_acceptance(db: Database, actor: Actor, household_id: int) -> bool:
    """Whether the household is in 申请中 with no application being handled (see :func:`awaiting_acceptance`)."""
    with unit_of_work(db, actor) as uow:
        return uow.session.scalar(select(Household.id).where(
            Household.id == household_id, awaiting_acceptance_clause())) is not None


def front_desk(db: Database, actor: Actor, *, household_id: int, category: str, track: str = Track.REGULAR,
               accepted_on: date, referrals: Sequence[ReferralInput], temporary_kind: str | None = None,
               commitment: CommitmentInput | None = None, note: str = "", today: date | None = None) -> FrontDeskResult:
    """One door accepts (一门受理): the application and the referrals to other departments together."""
    problems = {}
    seen = set()
    for i, ref in enumerate(referrals, start=1):
        if ref.department not in DEPARTMENT_LABELS:
            problems[f"referral {i}"] = f"第{i}项转介的部门“{ref.department}”无效。"
        elif ref.department in seen:
            problems[f"referral {i}"] = f"部门“{DEPARTMENT_LABELS[ref.department]}”重复。"
        elif not ref.need.strip():  # a letter asking the department for nothing said
            problems[f"referral {i}"] = f"转介{DEPARTMENT_LABELS[ref.department]}未填写需要该部门解决的问题。"
        seen.add(ref.department)
    if problems:
        raise ValidationFailed("转介信息有误:" + ";".join(problems.values()), problems)
    cal = load_calendar(db)
    with unit_of_work(db, actor, write=True) as uow:
        app, kept = _accept(uow, cal, household_id=household_id, category=category, track=track,
                            accepted_on=accepted_on, temporary_kind=temporary_kind, assessment_id=None,
                            commitment=commitment, note=note, today=today)
        ids = []
        for ref in referrals:
            refusal = referral_svc.open_referral_refusal(uow, app.household_id, ref.department)
            if refusal:  # the whole acceptance is undone: the clerk unticks that department
                raise ValidationFailed(refusal, {"referral": refusal})
            due_on = ref.due_on or monitoring_rules.referral_due_on(accepted_on, cal)  # never "no deadline"
            referral = uow.add(Referral(household_id=app.household_id, application_id=app.id,
                                        department=ref.department, need=ref.need.strip(), due_on=due_on,
                                        status="sent", sent_on=accepted_on))
            uow.flush()
            ids.append(int(referral.id))
            uow.audit("referral.add", "referrals", referral.id, after=snapshot(referral),
                      household_id=app.household_id, detail="一门受理")
        uow.notify("referrals", app.household_id)
        return FrontDeskResult(int(app.id), tuple(ids), kept)


def record_referral_outcome(db: Database, actor: Actor, referral_id: int, *, status: str, feedback: str = "",
                            on: date, expected_version: int | None = None,
                            today: date | None = None) -> ReferralInfo:
    """A department's outcome on a referral (协同办理): received, done or declined."""
    if status not in REFERRAL_STATUS_LABELS:
        raise ValidationFailed(f"转介状态“{status}”无效。")
    if status in ("done", "declined") and not feedback.strip():
        raise ValidationFailed("办结或不予办理须填写部门反馈。", {"feedback": "必填"})
    check_day(on, "部门办理日期", today)
    with unit_of_work(db, actor, write=True) as uow:
        ref = uow.get(Referral, referral_id, "转介")
        hh = uow.get(Household, ref.household_id, "家庭")
        uow.require_scope(hh.region_id, "该转介")
        uow.check_version(ref, expected_version, "转介")
        if on < ref.sent_on:
            raise ValidationFailed(f"部门办理日期不能早于转介日期 {ref.sent_on.isoformat()}。")
        if status == "received" and ref.status in ("done", "declined"):
            # a closed referral does not go back (its closing day would be lost to the statistics of
            # the months in between); a wrong outcome is corrected by recording the right one
            raise ValidationFailed(f"该转介已{REFERRAL_STATUS_LABELS[ref.status]},不能改回“已接收”;"
                                   "如结果记错,请直接记录正确的办理结果(已办结或未受理)。", {"status": "不能退回"})
        before = snapshot(ref)
        ref.status = status
        ref.feedback = feedback.strip()
        if ref.received_at is None:
            # the day the department received it, as entered (also when the first answer is the outcome)
            ref.received_at = moment_on(on)
        ref.closed_on = on if status in ("done", "declined") else None
        uow.touch(ref)
        uow.flush()
        uow.audit("referral.outcome", "referrals", ref.id, before=before, after=snapshot(ref), household_id=hh.id)
        uow.notify("referrals", hh.id)
        return _referral_info(ref)


def _referral_info(ref: Referral) -> ReferralInfo:
    return ReferralInfo(ref.id, ref.version, ref.department, DEPARTMENT_LABELS.get(ref.department, ref.department),
                        ref.need, ref.status, REFERRAL_STATUS_LABELS.get(ref.status, ref.status), ref.sent_on,
                        ref.due_on, ref.closed_on, ref.feedback)


def attach_commitment_file(db: Database, actor: Actor, application_id: int, *, file_name: str, data: bytes) -> None:
    """Attach (or replace) the scanned signed commitment."""
    if not data:
        raise ValidationFailed(f"文件“{file_name}”是空的。")
    if len(data) > 20 * 1024 * 1024:
        raise ValidationFailed(f"文件“{file_name}”超过 20 MB,请压缩后再附加。")
    with unit_of_work(db, actor, write=True) as uow:
        app, hh = _get_app(uow, application_id)
        commitment = uow.session.scalar(select(Commitment).where(Commitment.application_id == app.id))
        if commitment is None:
            raise ValidationFailed("该申请不是告知承诺制申请,没有承诺书。")
        commitment.file_name = Path(file_name).name
        commitment.file_data = data
        uow.audit("commitment.attach", "commitments", commitment.id, household_id=hh.id,
                  detail=f"{Path(file_name).name}({len(data)} 字节)")
        uow.notify("applications", app.id)


def commitment_file(db: Database, actor: Actor, application_id: int) -> tuple[str, bytes] | None:
    with unit_of_work(db, actor) as uow:
        app, hh = _get_app(uow, application_id)
        commitment = uow.session.scalar(select(Commitment).where(Commitment.application_id == app.id))
        if commitment is None or commitment.file_data is None:
            return None
        return commitment.file_name or "commitment", bytes(commitment.file_data)


# -- steps ---------------------------------------------------------------------------------------
def complete_step(db: Database, actor: Actor, application_id: int, step: str, *, on: date,
                  expected_version: int | None = None, result: str = "", note: str = "",
                  investigators: Sequence[str] = (), objection: bool | None = None,
                  publicity_start: date | None = None, today: date | None = None) -> int:
    """Record a step as done on ``on`` (business date). Returns the application's new version.

    check: ``result`` "passed"/"failed"; investigation: ``investigators`` (≥ 2), may record an
    ``objection``; appraisal: ``result`` "agreed"/"disagreed"; publicity: ``publicity_start``
    (default: the completion of the step before), may record an ``objection`` raised during it."""
    if step == Step.DECISION:
        raise ValidationFailed("审批决定请使用“作出决定”。")
    if step == Step.CHECK:
        require_role(actor, *CHECKERS, doing="记录授权核对结果")
    today = today or date.today()
    label = STEP_LABELS.get(Step(step), step) if step in Step._value2member_map_ else step
    check_day(on, f"“{label}”的办理日期", future=True)
    if on > today:
        raise ValidationFailed(f"“{label}”的办理日期 {on.isoformat()} 晚于今天,只能记录已经办理完成的步骤。")
    if publicity_start is not None:
        check_day(publicity_start, "公示开始日期", future=True)
        if publicity_start > today:
            raise ValidationFailed(f"公示开始日期 {publicity_start.isoformat()} 晚于今天。")
    cal = load_calendar(db)
    with unit_of_work(db, actor, write=True) as uow:
        app, hh = _get_app(uow, application_id)
        uow.check_version(app, expected_version, "申请")
        completed, last_on = _completed(uow, app)
        state = _state(app, completed)
        try:
            transition = proc.require_allowed(state, step)
            proc.validate_step_data(step, on=on, previous_on=last_on, result=result, investigators=investigators,
                                    publicity_start=publicity_start)
        except ProcedureRefused as exc:
            raise _refuse(exc) from exc
        before = snapshot(app)
        if objection and step in (Step.INVESTIGATION, Step.PUBLICITY):
            app.objection = True  # someone objected: a democratic appraisal follows (regular track)
        started = (publicity_start or last_on if step == Step.PUBLICITY
                   else proc.step_start(step, app.accepted_on, last_on, after_decision=transition.after_decision))
        sd = proc.step_due(cal, step, started)
        data: dict[str, Any] = {}
        if step == Step.INVESTIGATION:
            data["investigators"] = [n.strip() for n in investigators if n and n.strip()]
        if step in (Step.INVESTIGATION, Step.PUBLICITY) and objection:
            data["objection"] = True
        if step == Step.PUBLICITY:
            data["publicity_from"] = started.isoformat()
            data["publicity_until"] = proc.publicity_end(started).isoformat()
        if transition.after_decision:
            data["after_decision"] = True
        if step == Step.CHECK:
            result_code = result
            app.check_passed = result == "passed"
        elif step == Step.APPRAISAL:
            result_code = result
        elif step == Step.INVESTIGATION:
            result_code = "done"
        else:
            result_code = "done"
        uow.add(ApplicationStep(application_id=app.id, step=step, started_on=started,
                                due_on=_binding_due(cal, app, sd, after_decision=transition.after_decision),
                                completed_on=on, result=result_code, note=note.strip(), data=data))
        if step == Step.CHECK and result == "failed" and transition.after_decision and app.status == "approved":
            uow.add(PostCheck(application_id=app.id, kind="after_help",
                              due_on=proc.add_months(on, proc.AFTER_HELP_CHECK_MONTHS),
                              note="先行救助后授权核对未通过:请核实情况,决定是否撤销救助、追回已发放的金额"))
            uow.notify("post_checks", app.id)
        new_state = _state(app, completed + [step])
        app.step = proc.last_step(new_state)
        uow.touch(app)
        uow.flush()
        outcome = _result_label(step, result_code) if step in (Step.CHECK, Step.APPRAISAL) else ""
        uow.audit(f"application.step.{step}", "applications", app.id, before=before, after=snapshot(app),
                  household_id=hh.id, detail=";".join(t for t in (outcome, note.strip()) if t))
        uow.notify("applications", app.id)
        return int(app.version)


def extend(db: Database, actor: Actor, application_id: int, *, reason: str,
           expected_version: int | None = None) -> int:
    """Extend the whole procedure to 45 working days with a recorded reason (regular track only)."""
    if not reason.strip():
        raise ValidationFailed("延期须记录理由。", {"reason": "必填"})
    cal = load_calendar(db)
    with unit_of_work(db, actor, write=True) as uow:
        app, hh = _get_app(uow, application_id)
        uow.check_version(app, expected_version, "申请")
        if app.status != "open":
            raise StepRefused(ProcedureRefused("只有办理中的申请可以延期。", proc.RULE_EXTENSION))
        if app.track == Track.COMMITMENT:
            raise StepRefused(ProcedureRefused(
                "告知承诺制申请须在10个工作日内办结,不能延期,依据" + proc.RULE_COMMITMENT + "。", proc.RULE_COMMITMENT))
        if app.extended:
            raise StepRefused(ProcedureRefused("该申请已经延期到45个工作日,不能再次延期,依据" + proc.RULE_EXTENSION + "。",
                                               proc.RULE_EXTENSION))
        before = snapshot(app)
        app.extended = True
        app.extension_reason = reason.strip()
        app.due_on = proc.whole_deadline(cal, app.track, app.accepted_on, True).due
        uow.touch(app)
        uow.flush()
        uow.audit("application.extend", "applications", app.id, before=before, after=snapshot(app),
                  household_id=hh.id, detail=reason)
        uow.notify("applications", app.id)
        return int(app.version)


def withdraw(db: Database, actor: Actor, application_id: int, *, on: date, reason: str,
             to_stage: str = Stage.CLASS_I, expected_version: int | None = None, today: date | None = None) -> int:
    """The applicant withdraws (撤回) an application still being handled: it is closed without a decision,
    the family leaves "applying" for ``to_stage`` (一类库 or 二类库) unless assisted under another
    approval, and a new application may be accepted later. An application decided (approved, refused,
    or emergency help given first) is not withdrawn: assistance ends by stopping it. Returns the
    application's new version."""
    if not reason.strip():
        raise ValidationFailed("撤回申请须写明理由(如申请人书面提出撤回)。", {"reason": "必填"})
    if to_stage not in (Stage.CLASS_I, Stage.CLASS_II):
        raise ValidationFailed("撤回申请后家庭只能转入一类库或二类库。", {"to_stage": "一类库或二类库"})
    check_day(on, "撤回日期", today)
    with unit_of_work(db, actor, write=True) as uow:
        app, hh = _get_app(uow, application_id)
        uow.check_version(app, expected_version, "申请")
        if app.status == "approved":
            raise StepRefused(ProcedureRefused(
                "该申请已批准,不能撤回;如申请人不再需要救助,请使用“停止救助”。", proc.RULE_PROCEDURE))
        if app.status != "open":
            raise StepRefused(ProcedureRefused(
                f"该申请已{STATUS_LABELS.get(app.status, app.status)},不能撤回。", proc.RULE_PROCEDURE))
        _completed_steps, last_on = _completed(uow, app)
        if on < last_on:
            raise ValidationFailed(f"撤回日期 {on.isoformat()} 早于该申请上一步骤的办理日期 {last_on.isoformat()}。",
                                   {"on": f"不能早于 {last_on.isoformat()}"})
        before = snapshot(app)
        app.status = "withdrawn"
        uow.touch(app)
        uow.add(Notice(application_id=app.id, kind="withdrawal", issued_at=now_utc(),
                       data={"withdrawn_on": on.isoformat(), "reason": reason.strip()}))
        if not _assisted_elsewhere(uow, hh, app.id):
            _move(uow, hh, to_stage, on, f"申请人撤回{_category_label(app.category, app.temporary_kind)}申请:"
                  f"{reason.strip()}")
        uow.flush()
        uow.audit("application.withdraw", "applications", app.id, before=before, after=snapshot(app),
                  household_id=hh.id, detail=reason.strip())
        uow.notify("applications", app.id)
        return int(app.version)


def checked_decision(approve: bool, amount: Decimal | str | None, reason: str) -> Decimal | None:
    """The amount approved (None for a refusal), or ValidationFailed: an approval without an amount
    above 0, a refusal without its reasons. The window checks before it asks to confirm."""
    if not approve:
        if not reason.strip():
            raise ValidationFailed("不予批准须写明理由。", {"reason": "必填"})
        return None
    what = "救助金额"  # 临时救助 is one payment; others are paid monthly
    if amount is None or str(amount).strip() == "":
        raise ValidationFailed(f"批准须填写{what}。", {"amount": "必填"})
    value = _money(amount, what)
    if value <= 0:
        raise ValidationFailed(f"{what}须大于0。", {"amount": str(amount)})
    return value


def decide(db: Database, actor: Actor, application_id: int, *, approve: bool, on: date,
           amount: Decimal | str | None = None, reason: str = "", expected_version: int | None = None,
           today: date | None = None, irregular_income: bool = False, replace_running: bool = False) -> int:
    """Approve (monthly amount; payment from the month after approval) or refuse with reasons.

    A family is paid one monthly assistance at a time. Approving monthly assistance while another
    approval of the family runs is refused, unless ``replace_running`` (a change of category, such as
    低保 to 特困, or of amount): the running approval then stops on the last day before this one's
    first month, so the months follow each other without a gap or a double payment."""
    require_role(actor, *DECIDERS, doing="作出审批决定")
    today = today or date.today()
    check_day(on, "决定日期", today)
    value = checked_decision(approve, amount, reason)
    cal = load_calendar(db)
    with unit_of_work(db, actor, write=True) as uow:
        app, hh = _get_app(uow, application_id)
        uow.check_version(app, expected_version, "申请")
        completed, last_on = _completed(uow, app)
        state = _state(app, completed)
        try:
            proc.require_allowed(state, Step.DECISION, approve=approve)
            proc.validate_step_data(Step.DECISION, on=on, previous_on=last_on)
        except ProcedureRefused as exc:
            raise _refuse(exc) from exc
        replaced = None
        if approve and not proc.paid_once(app.category):
            # the months another approval is paid for, read below, are not being recorded meanwhile
            uow.take_turns(MONTHLY_LOCK)
            if replace_running:
                other = _running_approval(uow, hh.id, exclude=app.id)
                if other is not None:
                    replaced = uow.get(Application, other[0], "申请")
            # one that is to end (a gradual exit, a stop decided ahead) may be followed: _refuse_overlap
            # below says whether its last month and this one's first overlap
            elif (other := _running_approval(uow, hh.id, exclude=app.id, open_ended=True)) is not None:
                raise ValidationFailed(f"该家庭正在享受{_approval_text(other)},同一家庭不能同时按月领取两项救助;"
                                       "请先停止原救助,或在批准时选择转换救助类别(停止原救助)。")
            _refuse_overlap(uow, hh.id, app.id, proc.start_month_after(on),
                            skip=replaced.id if replaced is not None else None)
        before = snapshot(app)
        sd = proc.step_due(cal, Step.DECISION, last_on)
        # the family as decided: the publicity list and the notice, printed again after a member moved out
        # or the head died, show the size the amount was decided for and the head it was decided for
        data: dict[str, Any] = {"approve": approve, "member_count": hh.member_count, "head_name": hh.head_name}
        app.decided_on = on
        if approve:
            assert value is not None
            app.status = "approved"
            app.amount = value
            app.start_month = proc.start_month_after(on)
            data.update(amount=str(value), start_month=app.start_month.isoformat())
            if replaced is not None:
                _replace(uow, replaced, hh, app)
                data["replaces"] = replaced.id
        else:
            app.status = "refused"
            app.refusal_reason = reason.strip()
            notice_due = proc.refusal_notice_due(cal, on)
            data.update(reason=app.refusal_reason, notice_due=notice_due.due.isoformat())
        if state.emergency and (Step.CHECK not in completed or Step.INVESTIGATION not in completed):
            data["help_first"] = True
        uow.add(ApplicationStep(application_id=app.id, step=Step.DECISION, started_on=last_on,
                                due_on=_binding_due(cal, app, sd),
                                completed_on=on, result="approved" if approve else "refused",
                                note=reason.strip(), data=data))
        app.step = proc.last_step(_state(app, completed + [Step.DECISION]))
        uow.touch(app)
        assisted_elsewhere = _assisted_elsewhere(uow, hh, app.id)
        label = _category_label(app.category, app.temporary_kind)
        once = proc.paid_once(app.category)
        # the decision in words: the board move's reason and the audit entry's
        said = (f"不予批准{label}:{reason.strip()}" if not approve else f"批准{label},一次性发放 {value} 元" if once
                else f"批准{label},月救助金额 {value} 元,自 {app.start_month:%Y年%m月} 起发放")
        if approve:
            assert app.start_month is not None and value is not None
            if once:
                if not assisted_elsewhere:
                    _move(uow, hh, Stage.CLASS_I, on, f"{said}({app.start_month:%Y年%m月}),转入一类库继续监测")
            else:
                _move(uow, hh, Stage.ASSISTED, on, said, app.category)
            months = proc.months_between(app.start_month, today) if app.start_month <= today else []
            if once:
                months = months[:1]
            if months:
                uow.session.execute(insert(AssistanceRecord), [
                    {"household_id": hh.id, "application_id": app.id, "category": app.category, "month": m,
                     "amount": value, "method": "cash", "created_at": now_utc(), "created_by_id": actor.user_id,
                     **{key: getattr(hh, key) for key in PAID_KEYS}}
                    for m in months])
            _schedule_post_checks(uow, app, on, irregular_income)
        elif not assisted_elsewhere:
            _move(uow, hh, Stage.CLASS_I, on, f"申请不予批准:{app.refusal_reason}")
        uow.add(Notice(application_id=app.id, kind="approval" if approve else "refusal", issued_at=now_utc(),
                       data={"decided_on": on.isoformat(), **{k: v for k, v in data.items() if k != "approve"}}))
        uow.flush()
        uow.audit("application.decide", "applications", app.id, before=before, after=snapshot(app),
                  household_id=hh.id, detail=said)
        uow.notify("applications", app.id)
        return int(app.version)


def _refuse_overlap(uow: UnitOfWork, household_id: int, app_id: int, start: date, *, skip: int | None) -> None:
    """Refuse a monthly approval whose first month ``start`` is a month another monthly approval of the
    family is still paid for: one stopped on a day in or after that month (a stop dated ahead, or one
    entered before a re-approval dated back) would be paid alongside it, the family paid twice."""
    query = (select(Application.id, Application.category, Application.stopped_on)
             .where(Application.household_id == household_id, Application.id != app_id,
                    Application.status == "approved", Application.category.not_in(proc.PAID_ONCE),
                    Application.stopped_on >= start)
             .order_by(Application.stopped_on.desc()).limit(1))
    if skip is not None:
        query = query.where(Application.id != skip)
    row = uow.session.execute(query).first()
    if row is not None:
        other_id, category, stopped_on = row
        raise ValidationFailed(
            f"该家庭的{_category_label(category, None)}(申请编号 {other_id})发放到 {stopped_on:%Y-%m-%d} 为止,"
            f"{stopped_on:%Y年%m月}仍按原救助发放;本申请自 {start:%Y年%m月} 起发放,同一个月会发放两次。"
            f"请把决定日期定在 {stopped_on:%Y年%m月} 或以后。", {"on": "与原救助的发放月份重叠"})


def _replace(uow: UnitOfWork, old: Application, hh: Household, new: Application) -> None:
    """Stop ``old`` where ``new`` (being approved) takes over: its last day is the day before the new
    first month. The family stays assisted; a gradual exit under way ends there too."""
    assert new.start_month is not None
    last_day = new.start_month - timedelta(days=1)
    recorded = uow.session.scalar(select(func.max(AssistanceRecord.month)).where(
        AssistanceRecord.application_id == old.id, AssistanceRecord.month >= new.start_month))
    if recorded is not None:
        raise ValidationFailed(f"原救助(申请编号 {old.id})已登记 {recorded:%Y年%m月} 的发放,本申请自 "
                               f"{new.start_month:%Y年%m月} 起发放会重复;请把决定日期定在 {recorded:%Y年%m月} 或以后。")
    if old.stopped_on is not None and old.stopped_on < last_day:  # a gradual exit ending earlier
        last_day = old.stopped_on
    before = snapshot(old)
    old.stopped_on = last_day
    old.exit_stage = None
    uow.touch(old)
    label = _category_label(new.category, new.temporary_kind)
    reason = f"转为{label}(申请编号 {new.id}),自 {new.start_month:%Y年%m月} 起按新决定发放"
    uow.add(Notice(application_id=old.id, kind="stop", issued_at=now_utc(),
                   data={"stopped_on": last_day.isoformat(), "reason": reason}))
    uow.flush()
    uow.audit("application.stop", "applications", old.id, before=before, after=snapshot(old),
              household_id=hh.id, detail=reason)


def _schedule_post_checks(uow: UnitOfWork, app: Application, on: date, irregular_income: bool) -> None:
    kinds = proc.post_checks_after_approval(app.track, app.category)
    if "centralised" in kinds:
        uow.add(PostCheck(application_id=app.id, kind="centralised",
                          due_on=proc.add_months(on, proc.CENTRALISED_CHECK_MONTHS), note="审批后一个月内集中比对核查"))
    if "periodic" in kinds:
        months = proc.periodic_check_months(irregular_income)
        uow.add(PostCheck(application_id=app.id, kind="periodic", due_on=proc.add_months(on, months),
                          note=f"每{months}个月定期复核"))
    if kinds:
        uow.notify("post_checks", app.id)


@dataclass(frozen=True)
class MonthlyAssistance:
    """One month of assistance: the running approvals already recorded and those still to record."""

    month: date  # first day
    recorded: int
    recorded_amount: Decimal
    due: int
    due_amount: Decimal


MONTHLY_LOCK = 0x52454C4D  # pg_advisory_xact_lock key ("RELM"): one month's recording at a time


def _month_start(month: date, today: date | None = None, doing: str = "登记这个月的救助发放") -> date:
    """The first day of ``month``, refused ("cannot ``doing``") for a month that has not begun."""
    first = date(month.year, month.month, 1)
    today = today or date.today()
    if first > date(today.year, today.month, 1):
        raise ValidationFailed(f"{first:%Y年%m月}还没有到,不能{doing}。")
    return first


def _running_in(uow: UnitOfWork, first: date) -> Any:
    """Approvals running in the month (started, not stopped before it), in the actor's regions."""
    query = (select(Application.id, Application.household_id, Application.category, Application.amount)
             .join(Household, Household.id == Application.household_id)
             .where(Application.status == "approved", Application.start_month <= first,
                    Application.stopped_on.is_(None) | (Application.stopped_on >= first),
                    Application.category.not_in(proc.PAID_ONCE) | (Application.start_month == first)))
    ids = uow.region_ids()
    if ids is not None:
        query = query.where(Household.region_id.in_(ids))
    return query


# The household's columns a month's record keeps as it was paid: a roster printed again after a move, a death
# or a birth lists the month as it was paid (records from before migration 0015 read the household's own).
AS_PAID = (Household.region_id, Household.head_name, Household.head_id_number, Household.member_count)
PAID_KEYS = tuple(c.key for c in AS_PAID)


def _as_paid(column: Any) -> Any:
    """A record's kept value of the household's ``column`` (its own where the record has none)."""
    return func.coalesce(getattr(AssistanceRecord, column.key), column)


def _recorded_in(first: date) -> Any:
    return select(AssistanceRecord.application_id).where(AssistanceRecord.month == first,
                                                         AssistanceRecord.application_id.is_not(None))


def _yuan(value: Any) -> Decimal:
    """A sum read from the database (None when nothing was summed) as yuan and fen."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def monthly_assistance(db: Database, actor: Actor, month: date, *, today: date | None = None) -> MonthlyAssistance:
    """How far a month's assistance is recorded: the payments recorded (what the month's roster lists,
    :func:`payment_roster`) and the running approvals still to record."""
    first = _month_start(month, today)
    with unit_of_work(db, actor) as uow:
        running = _running_in(uow, first).where(Application.id.not_in(_recorded_in(first))).subquery()
        due, due_amount = uow.session.execute(select(func.count(running.c.id), func.sum(running.c.amount))).one()
        paid = (select(func.count(AssistanceRecord.id), func.sum(AssistanceRecord.amount))
                .join(Household, Household.id == AssistanceRecord.household_id)
                .where(AssistanceRecord.month == first))
        ids = uow.region_ids()
        if ids is not None:
            paid = paid.where(_as_paid(Household.region_id).in_(ids))
        recorded, recorded_amount = uow.session.execute(paid).one()
    return MonthlyAssistance(first, int(recorded or 0), _yuan(recorded_amount), int(due or 0), _yuan(due_amount))


def unrecorded_months(db: Database, actor: Actor, *, today: date | None = None, back: int = 12) -> list[date]:
    """The months before this one, of the last ``back``, in which a running approval has no assistance
    record: a month nobody recorded (the page flags this month's already). Oldest first."""
    today = today or date.today()
    this_month = date(today.year, today.month, 1)
    months = [proc.add_months(this_month, -k) for k in range(back, 0, -1)]
    with unit_of_work(db, actor) as uow:
        return [m for m in months
                if uow.session.scalar(select(func.count()).select_from(
                    _running_in(uow, m).where(Application.id.not_in(_recorded_in(m))).subquery()))]


def months_text(months: list[date], label: Callable[[date], str] = lambda m: f"{m:%Y-%m}") -> str:
    """Months in a line that stays short (a page's status line must fit a 1024-pixel screen): three named, or
    up to five that do not follow each other; more than three in a row as a span ("2026-12 至 2027-09 共 10
    个月"); else the first two and the last."""
    consecutive = all(proc.add_months(a, 1) == b for a, b in itertools.pairwise(months))
    if len(months) <= 3 or (len(months) <= 5 and not consecutive):
        return "、".join(map(label, months))
    if consecutive:
        return f"{label(months[0])} 至 {label(months[-1])} 共 {len(months)} 个月"
    return f"{label(months[0])}、{label(months[1])}……{label(months[-1])} 共 {len(months)} 个月"


def record_monthly_assistance(db: Database, actor: Actor, month: date, *, today: date | None = None,
                              expected: tuple[int, Decimal] | None = None) -> int:
    """Write the month's assistance record for every running approval that has none yet.

    Recording payments is the county's decision (like approval); a month that has not begun is
    refused. Two workstations recording the same month at once take turns (:meth:`UnitOfWork.take_turns`),
    so no approval is recorded twice. ``expected``: the households and amount the user confirmed
    (:attr:`MonthlyAssistance.due`, ``due_amount``); when what is due no longer is that (recorded on
    another workstation meanwhile, an approval since), nothing is written and the refusal says so."""
    require_role(actor, *DECIDERS, doing="登记月度救助发放")
    first = _month_start(month, today)
    with unit_of_work(db, actor, write=True) as uow:
        uow.take_turns(MONTHLY_LOCK)
        # each record keeps the household as it is paid (see AS_PAID)
        query = _running_in(uow, first).where(Application.id.not_in(_recorded_in(first))).add_columns(*AS_PAID)
        now = now_utc()
        rows = [{"household_id": h, "application_id": a, "category": c, "month": first, "amount": amt,
                 "method": "cash", "created_at": now, "created_by_id": actor.user_id,
                 **dict(zip(PAID_KEYS, kept, strict=True))}
                for a, h, c, amt, *kept in uow.session.execute(query)]
        total = sum((_yuan(r["amount"]) for r in rows), Decimal("0.00"))
        if expected is not None and (len(rows), total) != (expected[0], _yuan(expected[1])):
            raise ValidationFailed(
                f"{first:%Y年%m月}待登记的发放已经变了:确认时是 {expected[0]} 户,合计 {_yuan(expected[1]):,.2f} 元,"
                f"现在是 {len(rows)} 户,合计 {total:,.2f} 元(可能另一台电脑刚刚登记了这个月,或批准、停止了救助)。"
                "没有写入任何记录;请核对新的数字后再登记。")
        if rows:
            uow.session.execute(insert(AssistanceRecord), rows)
        uow.audit("assistance.month", "assistance_records", None, after={"households": len(rows), "amount": str(total)},
                  detail=f"{first:%Y-%m}:{len(rows)} 户,合计 {total} 元")
        uow.notify("applications", 0)
        return len(rows)


@dataclass(frozen=True)
class RosterRow:
    """One household paid in a month, as the payment roster (发放花名册) lists it."""

    subdistrict: str
    community: str
    household_code: str
    head_name: str
    id_number: str  # in full: only roles whose duties need it read the roster (RULES.md §4)
    category_label: str
    member_count: int
    amount: Decimal
    application_id: int | None


# Names, full ID numbers and amounts: the roles whose duties need the full number (RULES.md §4).
ROSTER_READERS = tuple(sorted(ROLES_SEEING_FULL_ID))
ROSTER_HEADERS = ("序号", "街道(镇)", "社区(村)", "户编号", "户主姓名", "身份证号", "救助类别", "家庭人口",
                  "发放金额(元)", "申请编号")


def payment_roster(db: Database, actor: Actor, month: date, *, region_id: int | None = None) -> list[RosterRow]:
    """The month's recorded payments, household by household, by sub-district and community (in the order
    they were added, a sub-district's own households before its communities'): what the
    office sends the finance office or the bank. Refused for a month with nothing recorded."""
    require_role(actor, *ROSTER_READERS, doing="查看救助发放花名册")
    first = _month_start(month, doing="导出这个月的发放花名册")
    with unit_of_work(db, actor) as uow:
        community, parent = aliased(Region), aliased(Region)
        query = (select(parent.name, parent.level, community.name, community.level, Household.code,
                        _as_paid(Household.head_name), _as_paid(Household.head_id_number), AssistanceRecord.category,
                        _as_paid(Household.member_count), AssistanceRecord.amount, AssistanceRecord.application_id,
                        Application.temporary_kind)
                 .join(Household, Household.id == AssistanceRecord.household_id)
                 .join(community, community.id == _as_paid(Household.region_id))
                 .outerjoin(parent, parent.id == community.parent_id)
                 .outerjoin(Application, Application.id == AssistanceRecord.application_id)
                 .where(AssistanceRecord.month == first)
                 # regions in the order they were added, as every other list (by name, 道仕袱村 came
                 # before 闸口社区 and 第10社区 before 第7社区, and PostgreSQL's collation could reorder it)
                 .order_by(community.path, Household.code, AssistanceRecord.id))
        if region_id is not None:
            region = uow.get(Region, region_id, "区划")
            uow.require_scope(region.id, "该区划")
            query = query.where(community.path.like(region.path + "%"))
        ids = uow.region_ids()
        if ids is not None:
            query = query.where(community.id.in_(ids))
        rows = []
        for p_name, p_level, c_name, c_level, code, head, number, category, size, amount, app_id, kind in \
                uow.session.execute(query):
            if c_level != RegionLevel.COMMUNITY:  # a household filed under its sub-district itself
                p_name, c_name = (c_name if c_level == RegionLevel.SUBDISTRICT else ""), ""
            elif p_level != RegionLevel.SUBDISTRICT:
                p_name = ""
            rows.append(RosterRow(p_name or "", c_name or "", code or "", head or "", number or "",
                                  _category_label(category, kind), int(size or 0), _yuan(amount), app_id))
        # empty only within the region or the actor's scope: the month was recorded, not for anyone there
        recorded_elsewhere = not rows and (region_id is not None or ids is not None) and uow.session.scalar(
            select(AssistanceRecord.id).where(AssistanceRecord.month == first).limit(1)) is not None
        where = region.name if region_id is not None else uow.actor.region_name
    if recorded_elsewhere:
        raise nothing_to_export(f"发放记录({first:%Y年%m月}已登记发放,但{where}没有发放给任何家庭)")
    if not rows:
        raise ValidationFailed(f"{first:%Y年%m月}还没有登记救助发放,没有花名册可导出;请先登记这个月的发放。")
    return rows


def roster_title(month: date, region_name: str = "") -> str:
    return f"{region_name}{month:%Y年%m月}社会救助资金发放花名册"


def export_payment_roster_xlsx(db: Database, actor: Actor, path: str | Path, month: date, *,
                               region_id: int | None = None, progress: Progress = NO_PROGRESS) -> tuple[int, Decimal]:
    """Write the month's payment roster, with a total line; returns (households, total). Logged: the
    roster carries ID numbers (RULES.md §4). Cancelled (``progress``) before it is complete: no file."""
    from desktop.io.xlsx_writer import write_table

    rows = payment_roster(db, actor, month, region_id=region_id)
    total = sum((r.amount for r in rows), Decimal("0.00"))
    region_name = ""
    # the region asked for, or else the actor's own below the district (a caseworker's roster covers the
    # sub-district only, and its title says so rather than passing for the district's)
    shown = region_id if region_id is not None else actor.region_id
    if shown is not None:
        with unit_of_work(db, actor) as uow:
            region = uow.get(Region, shown, "区划")
            if region_id is not None or region.parent_id is not None:
                region_name = region.name
    table = [(i, r.subdistrict, r.community, r.household_code, r.head_name, r.id_number, r.category_label,
              r.member_count, r.amount, r.application_id) for i, r in enumerate(rows, start=1)]
    table.append(("合计", "", "", "", f"{len(rows)} 户", "", "", sum(r.member_count for r in rows), total, None))
    write_table(path, ROSTER_HEADERS, table, sheet="发放花名册", title=roster_title(month, region_name),
                text_columns=(3, 5), **progress.writing(len(table), "户"))
    log_access(db, actor, "payments.roster", "assistance_records", None,
               after={"month": f"{month:%Y-%m}", "households": len(rows), "amount": str(total)},
               detail=f"导出{roster_title(month, region_name)}:{len(rows)} 户,合计 {total} 元,{export_place(path)}")
    return len(rows), total


def _leave_assistance(uow: UnitOfWork, app: Application, hh: Household, on: date, to_stage: str, reason: str) -> None:
    app.stopped_on = on
    app.exit_stage = None  # a gradual exit still running ends here
    uow.touch(app)
    if not _assisted_elsewhere(uow, hh, app.id):
        _move(uow, hh, to_stage, on, reason, Category.NONE)


def _running(app: Application) -> bool:
    """Approved and still assisted: not stopped, or stopped at the end of a gradual exit still under
    way. A one-off payment (临时救助) never runs."""
    return (app.status == "approved" and not proc.paid_once(app.category)
            and (app.stopped_on is None or app.exit_stage is not None))


def _assisted_elsewhere(uow: UnitOfWork, hh: Household, app_id: int) -> bool:
    """Whether the household is assisted under an approval other than ``app_id`` (as :func:`_running`)."""
    return _running_approval(uow, hh.id, exclude=app_id) is not None


def _running_approval(uow: UnitOfWork, household_id: int, *, category: str | None = None,
                      exclude: int | None = None, open_ended: bool = False) -> tuple[int, date, str] | None:
    """A monthly approval of the household still running (as :func:`_running`): (id, decided on, category).
    ``open_ended``: only one with no end decided (not in a gradual exit nor stopped ahead of its day)."""
    query = (select(Application.id, Application.decided_on, Application.category)
             .where(Application.household_id == household_id, Application.status == "approved",
                    Application.category.not_in(proc.PAID_ONCE),
                    Application.stopped_on.is_(None) if open_ended
                    else Application.stopped_on.is_(None) | Application.exit_stage.is_not(None))
             .order_by(Application.id).limit(1))
    if category is not None:
        query = query.where(Application.category == category)
    if exclude is not None:
        query = query.where(Application.id != exclude)
    row = uow.session.execute(query).first()
    return None if row is None else (int(row[0]), row[1], row[2])


def _approval_text(approval: tuple[int, date | None, str]) -> str:
    """A running approval as a refusal names it: "低保(申请编号 12,2026-03-10 批准)"."""
    app_id, decided_on, category = approval
    when = f",{decided_on:%Y-%m-%d} 批准" if decided_on else ""
    return f"{_category_label(category, None)}(申请编号 {app_id}{when})"


@dataclass(frozen=True)
class GradualExitPlan:
    """What a gradual exit decided on a day would mean: the months in force and the last day assisted."""
    months: int
    last_day: date


def gradual_exit_plan(db: Database, actor: Actor, application_id: int, on: date) -> GradualExitPlan:
    """For the stop dialog: the gradual exit period in force for this family on ``on`` (raises
    NoPolicyInForce when none is set) and the last day it would be assisted."""
    with unit_of_work(db, actor) as uow:
        _app, hh = _get_app(uow, application_id)
        months = gradual_exit_months_session(uow.session, hh.area_type, on)
        return GradualExitPlan(months, proc.gradual_exit_end(on, months))


def stop_assistance(db: Database, actor: Actor, application_id: int, *, on: date, reason: str,
                    to_stage: str = Stage.CLASS_I, gradual: bool = False,
                    expected_version: int | None = None, today: date | None = None) -> int:
    """Decide to stop assistance (停止救助): the only way out of "assisted" besides a revocation.

    ``gradual``: a gradual exit after employment (就业渐退, RULES.md §1.5) for 低保: payments go on for
    the months the setting gives after the decision's month and the family leaves "assisted" when
    they end (:func:`end_gradual_exits`). Stopping again during those months ends it on that day."""
    require_role(actor, *DECIDERS, doing="作出停止救助决定")
    if not reason.strip():
        raise ValidationFailed("停止救助须写明理由。", {"reason": "必填"})
    check_day(on, "停止日期", future=True)  # not refused after today before either; 1900 is
    with unit_of_work(db, actor, write=True) as uow:
        app, hh = _get_app(uow, application_id)
        uow.check_version(app, expected_version, "申请")
        _stop(uow, app, hh, on=on, reason=reason, to_stage=to_stage, gradual=gradual, today=today)
        uow.notify("applications", app.id)
        return int(app.version)


def _stop(uow: UnitOfWork, app: Application, hh: Household, *, on: date, reason: str, to_stage: str,
          gradual: bool, today: date | None, on_label: str = "停止日期") -> None:
    """Stop a running approval (:func:`stop_assistance`), with its notice and audit. Takes turns with the
    monthly recording (:data:`MONTHLY_LOCK`): a month being recorded on another workstation is seen
    before the check that no month is recorded after the last day."""
    uow.take_turns(MONTHLY_LOCK)
    if to_stage not in (Stage.CLASS_I, Stage.CLASS_II):
        raise ValidationFailed("停止救助后只能转入一类库或二类库。")
    if not _running(app):
        raise ValidationFailed("只有正在救助中的申请可以停止救助。")
    if app.decided_on and on < app.decided_on:
        raise ValidationFailed("停止日期不能早于批准日期。")
    in_exit = app.exit_stage is not None  # in a gradual exit, or a stop decided ahead of its day
    ending = "" if not in_exit else (f"就业渐退期到 {app.stopped_on:%Y-%m-%d} 结束" if app.gradual_exit_from
                                      else f"已定于 {app.stopped_on:%Y-%m-%d} 停止救助")
    if in_exit and gradual:
        raise ValidationFailed(f"该申请已在就业渐退期内(发放至 {app.stopped_on:%Y-%m-%d})。"
                               if app.gradual_exit_from is not None else f"该申请{ending}。")
    if in_exit and app.stopped_on is not None and on > app.stopped_on:
        raise ValidationFailed(f"{ending},停止日期不能晚于这一天。")
    last_day = on
    if gradual:
        if app.category != Category.DIBAO:
            raise ValidationFailed("就业渐退只适用于低保。")
        last_day = proc.gradual_exit_end(on, gradual_exit_months_session(uow.session, hh.area_type, on))
    recorded = uow.session.scalar(select(func.max(AssistanceRecord.month)).where(
        AssistanceRecord.application_id == app.id, AssistanceRecord.month > last_day))
    if recorded is not None:  # the months recorded count as paid: a stop before them would leave them paid after it
        until = (f"就业渐退到 {last_day:%Y-%m-%d} 为止,早于这个月" if last_day > on
                 else f"{on_label}不能早于 {recorded:%Y-%m-%d}")
        raise ValidationFailed(
            f"该申请已登记 {recorded:%Y年%m月} 的救助发放(登记即视为已发放),停止之后不能还有发放:{until}。"
            "如该户更早就已不符合条件,请在停止理由中写明实际日期,多发的金额另行追回。", {"on": "早于已登记发放的月份"})
    before = snapshot(app)
    data = {"stopped_on": on.isoformat(), "reason": reason.strip()}
    if last_day > on:
        app.stopped_on = last_day
        app.gradual_exit_from = on
        app.exit_stage = to_stage
        uow.touch(app)
        data["gradual_until"] = last_day.isoformat()
        detail = f"就业渐退,发放至 {last_day:%Y-%m-%d}:{reason.strip()}"
    elif on > (today or date.today()):
        # decided ahead of the day: the family stays assisted (and paid) up to it and leaves the day
        # after, as at the end of a gradual exit (:func:`end_gradual_exits`)
        app.stopped_on = on
        app.exit_stage = to_stage
        uow.touch(app)
        data["scheduled"] = True
        detail = f"定于 {on:%Y-%m-%d} 停止救助:{reason.strip()}"
    else:
        _leave_assistance(uow, app, hh, on, to_stage, f"停止救助:{reason.strip()}")
        detail = reason
    uow.add(Notice(application_id=app.id, kind="stop", issued_at=now_utc(), data=data))
    uow.flush()
    uow.audit("application.stop", "applications", app.id, before=before, after=snapshot(app),
              household_id=hh.id, detail=detail)
    if app.exit_stage is not None and last_day < (today or date.today()):  # decided after the period ran out
        _end_gradual_exit(uow, app, hh)


def _end_gradual_exit(uow: UnitOfWork, app: Application, hh: Household) -> None:
    assert app.stopped_on is not None and app.exit_stage is not None
    before = snapshot(app)
    if app.gradual_exit_from is not None:
        reason = f"就业渐退期满(自 {app.gradual_exit_from:%Y-%m-%d} 起),停止救助"
        detail = f"就业渐退期满,{app.stopped_on:%Y-%m-%d} 停止救助"
    else:  # a stop decided ahead of its day
        reason = detail = f"按停止救助决定,{app.stopped_on:%Y-%m-%d} 停止救助"
    _leave_assistance(uow, app, hh, app.stopped_on, app.exit_stage, reason)
    uow.flush()
    uow.audit("application.exit_end", "applications", app.id, before=before, after=snapshot(app),
              household_id=hh.id, detail=detail)


def end_gradual_exits(db: Database, actor: Actor, as_of: date | None = None) -> int:
    """Make the move for every gradual exit whose last day is before ``as_of`` (today): the family
    leaves "assisted" for the library chosen when the exit was decided. Run at the window's start
    and by the monthly recording; any account may trigger it, the log names it as the system's."""
    as_of = as_of or date.today()
    due = (Application.exit_stage.is_not(None), Application.stopped_on < as_of)
    with unit_of_work(db, actor) as uow:  # almost always nothing: no write transaction for that
        if not uow.session.scalar(select(func.count()).select_from(Application).where(*due)):
            return 0
    with unit_of_work(db, Actor.system(actor.workstation), write=True) as uow:
        apps = uow.session.execute(select(Application).where(*due).order_by(Application.id)
                                   .with_for_update()).scalars().all()
        for app in apps:
            _end_gradual_exit(uow, app, uow.get(Household, app.household_id, "家庭"))
        if apps:
            uow.notify("applications", 0)
        return len(apps)


# -- post-checks, spot checks, revocations ---------------------------------------------------------
def record_post_check(db: Database, actor: Actor, post_check_id: int, *, on: date, passed: bool, note: str = "",
                      amount_to_recover: Decimal | str | None = None, to_stage: str = Stage.CLASS_I,
                      gradual: bool = False, expected_version: int | None = None,
                      today: date | None = None) -> int | None:
    """Record a post-check result; a passed periodic re-check schedules the next. A failed regular-track
    periodic re-check stops the assistance (``to_stage``, ``gradual`` as :func:`stop_assistance`); any other
    failed check opens a revocation (撤销/追回), stops the assistance and returns the revocation id."""
    require_role(actor, *DECIDERS, doing="记录事后核查结果")
    if not passed and not note.strip():
        raise ValidationFailed("核查未通过须写明发现的问题。", {"note": "必填"})
    check_day(on, "核查日期", today)
    with unit_of_work(db, actor, write=True) as uow:
        check = uow.get(PostCheck, post_check_id, "事后核查")
        app, hh = _get_app(uow, check.application_id)
        uow.check_version(check, expected_version, "事后核查")
        if check.done_on is not None:
            raise ValidationFailed("该核查已经记录结果。")
        if app.decided_on and on < app.decided_on:
            raise ValidationFailed(f"核查日期不能早于批准日期 {app.decided_on.isoformat()}。")
        before = snapshot(check)
        check.done_on = on
        check.result = "passed" if passed else "failed"
        check.note = note.strip() or check.note
        uow.touch(check)
        revocation_id = None
        if passed and check.kind == "periodic" and app.status == "approved" and app.stopped_on is None:
            first_due = uow.session.scalar(select(func.min(PostCheck.due_on)).where(
                PostCheck.application_id == app.id, PostCheck.kind == "periodic"))
            months = proc.periodic_interval(app.decided_on, first_due) if app.decided_on and first_due \
                else proc.PERIODIC_CHECK_MONTHS
            uow.add(PostCheck(application_id=app.id, kind="periodic",
                              due_on=proc.add_months(check.due_on, months),
                              note=f"每{months}个月定期复核"))
        if not passed and proc.failure_stops(app.track, check.kind):
            if _running(app):
                _stop(uow, app, hh, on=on, reason=f"定期复核不再符合条件:{note.strip()}", to_stage=to_stage,
                      gradual=gradual, today=today, on_label="核查日期(即停止日期)")
        elif not passed and app.status == "revoked":
            # Revoked already (by another check): what was paid is being recovered under that revocation; a
            # second one would claim the same money again. The finding is recorded with this check.
            pass
        elif not passed:
            paid = uow.session.scalar(select(func.coalesce(func.sum(AssistanceRecord.amount), 0))
                                      .where(AssistanceRecord.application_id == app.id))
            recover = _money(amount_to_recover, "追回金额") if amount_to_recover not in (None, "") \
                else Decimal(str(paid or 0)).quantize(Decimal("0.01"))
            revocation = uow.add(Revocation(application_id=app.id, post_check_id=check.id, reason=note.strip(),
                                            amount_to_recover=recover, status="open"))
            if app.status == "approved":
                app_before = snapshot(app)
                running = _running(app)  # a gradual exit under way ends here too
                app.status = "revoked"
                if running:
                    _leave_assistance(uow, app, hh, on, Stage.CLASS_I,
                                      f"{proc.POST_CHECK_LABELS.get(check.kind, check.kind)}未通过,撤销救助")
                uow.flush()
                uow.audit("application.revoke", "applications", app.id, before=app_before, after=snapshot(app),
                          household_id=hh.id, detail=note)
            uow.flush()
            revocation_id = int(revocation.id)
            uow.audit("revocation.open", "revocations", revocation.id, after=snapshot(revocation), household_id=hh.id)
        uow.flush()
        uow.audit("post_check.record", "post_checks", check.id, before=before, after=snapshot(check),
                  household_id=hh.id)
        uow.notify("post_checks", app.id)
        uow.notify("applications", app.id)
        return revocation_id


def record_recovery(db: Database, actor: Actor, revocation_id: int, *, amount_recovered: Decimal | str,
                    on: date, close: bool = False, expected_version: int | None = None,
                    today: date | None = None) -> None:
    """Record the amount recovered so far (追回); ``close`` ends the revocation case."""
    require_role(actor, *DECIDERS, doing="记录追回")
    value = _money(amount_recovered, "已追回金额")
    if value < 0:
        raise ValidationFailed("已追回金额不能为负数。")
    check_day(on, "追回日期", today)
    with unit_of_work(db, actor, write=True) as uow:
        rev, app, hh = _revocation_on(uow, revocation_id, expected_version, on, "追回日期")
        if value > rev.amount_to_recover:
            raise ValidationFailed(f"已追回金额 {value} 元超过应追回金额 {rev.amount_to_recover} 元。")
        before = snapshot(rev)
        rev.amount_recovered = value
        if close:
            rev.status = "closed"
            rev.closed_on = on
        uow.touch(rev)
        uow.flush()
        uow.audit("revocation.recover", "revocations", rev.id, before=before, after=snapshot(rev), household_id=hh.id)
        uow.notify("applications", app.id)


def record_trace_finding(db: Database, actor: Actor, revocation_id: int, *, finding: str, note: str, on: date,
                         expected_version: int | None = None, today: date | None = None) -> None:
    """Record what tracing the revoked approval back found (问题倒查): the staff who handled it followed
    the procedure (exempt from liability, 容错免责) or did not (liable, with what they did wrong).
    Recorded again, the finding is replaced; the audit log keeps the earlier one."""
    require_role(actor, *DECIDERS, doing="记录问题倒查结论")
    if finding not in proc.TRACE_FINDINGS:
        raise ValidationFailed("请选择倒查结论:" + " 或 ".join(f"“{v}”" for v in proc.TRACE_FINDINGS.values()) + "。",
                               {"finding": "必选"})
    if finding == "liable" and not note.strip():
        raise ValidationFailed("认定未依规履职须写明哪个环节、哪位经办人、什么问题。", {"note": "必填"})
    check_day(on, "倒查日期", today)
    with unit_of_work(db, actor, write=True) as uow:
        rev, app, hh = _revocation_on(uow, revocation_id, expected_version, on, "倒查日期")
        before = snapshot(rev)
        rev.trace_finding = finding
        rev.trace_note = note.strip()
        rev.traced_on = on
        rev.traced_by_id = actor.user_id
        uow.touch(rev)
        uow.flush()
        uow.audit("revocation.trace", "revocations", rev.id, before=before, after=snapshot(rev), household_id=hh.id,
                  detail=f"{proc.TRACE_FINDINGS[finding]}:{note.strip()}" if note.strip() else proc.TRACE_FINDINGS[finding])
        uow.notify("applications", app.id)


def _revocation_on(uow: UnitOfWork, revocation_id: int, expected_version: int | None, on: date,
                   what: str) -> tuple[Revocation, Application, Household]:
    """The revocation to record something on ``on``: in the actor's scope, as read, and not dated
    before the failed check that opened it."""
    rev = uow.get(Revocation, revocation_id, "撤销追回记录")
    app, hh = _get_app(uow, rev.application_id)
    uow.check_version(rev, expected_version, "撤销追回记录")
    opened = None if rev.post_check_id is None else uow.session.scalar(
        select(PostCheck.done_on).where(PostCheck.id == rev.post_check_id))
    if opened is not None and on < opened:
        raise ValidationFailed(f"{what}不能早于核查未通过的日期 {opened.isoformat()}。")
    return rev, app, hh


def _revocations(uow: UnitOfWork, application_id: int) -> tuple[RevocationInfo, ...]:
    rows = uow.session.execute(
        select(Revocation, User.display_name, User.username, PostCheck.done_on)
        .outerjoin(User, User.id == Revocation.traced_by_id)
        .outerjoin(PostCheck, PostCheck.id == Revocation.post_check_id)
        .where(Revocation.application_id == application_id).order_by(Revocation.id)).all()
    return tuple(RevocationInfo(
        r.id, r.version, r.application_id, r.post_check_id, r.reason, r.amount_to_recover, r.amount_recovered,
        r.status, r.closed_on, r.trace_finding, proc.TRACE_FINDINGS.get(r.trace_finding or "", ""), r.trace_note or "",
        r.traced_on, display or username or "", opened) for r, display, username, opened in rows)


SERVERS = (Role.ADMIN, Role.DISTRICT_REVIEWER, Role.SUBDISTRICT_CASEWORKER)  # the sub-district delivers


def record_refusal_served(db: Database, actor: Actor, application_id: int, *, on: date, method: str,
                          note: str = "", today: date | None = None) -> None:
    """Record that the written refusal with its reasons reached the applicant (送达), due within 3 working
    days of the decision (RULES.md §1.5). Recorded again, it is corrected; the audit log keeps the first."""
    require_role(actor, *SERVERS, doing="登记不予批准通知书送达")
    if method not in proc.SERVICE_METHODS:
        raise ValidationFailed("请选择送达方式:" + "、".join(proc.SERVICE_METHODS.values()) + "。", {"method": "必选"})
    check_day(on, "送达日期", today)
    with unit_of_work(db, actor, write=True) as uow:
        app, hh = _get_app(uow, application_id)
        if app.status != "refused":
            raise ValidationFailed("只有不予批准的申请才有书面通知需要送达。")
        if app.decided_on and on < app.decided_on:
            raise ValidationFailed(f"送达日期不能早于决定日期 {app.decided_on.isoformat()}。")
        notice = uow.session.scalar(select(Notice).where(Notice.application_id == app.id, Notice.kind == "refusal")
                                    .order_by(Notice.id.desc()).limit(1))
        if notice is None:  # decided before notices were kept: one is made now
            notice = uow.add(Notice(application_id=app.id, kind="refusal", issued_at=now_utc(),
                                    data={"decided_on": app.decided_on.isoformat() if app.decided_on else None}))
        before = dict(notice.data or {})
        notice.data = {**before, "served_on": on.isoformat(), "served_how": method, "served_note": note.strip(),
                       "served_by": actor.display_name or actor.username}
        uow.flush()
        uow.audit("notice.served", "notices", notice.id, before=before, after=notice.data, household_id=hh.id,
                  detail=f"{proc.SERVICE_METHODS[method]},{on.isoformat()}")
        uow.notify("applications", app.id)


@dataclass(frozen=True)
class RefusalToServe:
    application_id: int
    head_name: str
    due_on: date | None
    overdue: bool
    warning: str = ""  # the due day is an estimate (its year's holidays are not entered)


def _unserved_refusals(uow: UnitOfWork, as_of: date, cal: WorkCalendar) -> dict[int, RefusalNotice]:
    """The refused applications (all regions: the caller limits them) whose latest written refusal is not
    recorded as served, with that notice."""
    latest: dict[int, dict | None] = {}
    for app_id, data in uow.session.execute(
            select(Notice.application_id, Notice.data).join(Application, Application.id == Notice.application_id)
            .where(Notice.kind == "refusal", Application.status == "refused").order_by(Notice.id)):
        latest[app_id] = data
    notices = {app_id: _refusal_notice(data, as_of, cal) for app_id, data in latest.items()}
    return {app_id: n for app_id, n in notices.items() if n.served_on is None}


def refusals_to_serve(db: Database, actor: Actor, *, as_of: date | None = None) -> list[RefusalToServe]:
    """Refused applications whose written refusal is not recorded as served, earliest due first (the rows
    the application list shows under :data:`TO_SERVE`)."""
    as_of = as_of or date.today()
    cal = load_calendar(db)
    with unit_of_work(db, actor) as uow:
        unserved = _unserved_refusals(uow, as_of, cal)
        query = select(Application.id, Household.head_name, Household.region_id).join(
            Household, Household.id == Application.household_id).where(Application.id.in_(unserved))
        ids = uow.region_ids()
        if ids is not None:
            query = query.where(Household.region_id.in_(ids))
        out = [RefusalToServe(app_id, name, unserved[app_id].due_on, unserved[app_id].overdue,
                              unserved[app_id].warning) for app_id, name, _rid in uow.session.execute(query)]
        return sorted(out, key=lambda r: (r.due_on or date.max, r.application_id))


def _subdistrict_of(path: str) -> int | None:
    parts = [p for p in path.split("/") if p]
    return int(parts[1]) if len(parts) >= 2 else None


SPOT_CHECK_LOCK = 0x52454C53  # pg_advisory_xact_lock key ("RELS"): one spot-check draw at a time


def latest_sample(db: Database, actor: Actor) -> int:
    """The newest spot-check sample's number (0 when none): what a draw is decided on, see
    ``seen_latest`` of :func:`draw_spot_check`."""
    with unit_of_work(db, actor) as uow:
        return int(uow.session.scalar(select(func.max(SpotCheckSample.id))) or 0)


def _drawn_meanwhile(uow: UnitOfWork, seen_latest: int) -> None:
    """Refuse a draw when another sample of the same scope was drawn after the user decided to draw
    (two workstations drawing at once): naming who drew it, when, and how many were drawn."""
    newer = uow.session.execute(
        select(SpotCheckSample, User.display_name, User.username)
        .outerjoin(User, User.id == SpotCheckSample.created_by_id)
        .where(SpotCheckSample.id > seen_latest).order_by(SpotCheckSample.id)).all()
    for sample, name, username in newer:
        if (sample.population or {}).get("scope") != uow.actor.region_name:
            continue  # another region's sample: drawn from other applications
        who = f"{name}({username})" if username else "另一位用户"
        at = sample.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if sample.created_at else "刚才"
        drawn = len((sample.population or {}).get("chosen") or [])
        raise ServiceError(
            f"{who} 已于 {at} 抽取了随机抽查样本 {sample.id}(抽取日期 {sample.drawn_on:%Y-%m-%d},"
            f"抽中 {drawn} 件),本次没有抽取。请先查看该样本;如确需再抽取一份样本,请重新打开“抽取随机抽查样本”。")


def draw_spot_check(db: Database, actor: Actor, *, on: date, rate: Decimal | str | None = None,
                    count: int | None = None, stratified: bool = False, seed: int | str | None = None,
                    due_on: date | None = None, seen_latest: int | None = None) -> SampleInfo:
    """Draw a reproducible random sample of running commitment-track approvals (随机抽查).

    The population (ids in ascending order, with each one's sub-district) and the seed are stored
    with the sample, so the same draw can be repeated and verified (:func:`verify_sample`).

    ``seen_latest`` is the newest sample the user knew of when deciding to draw
    (:func:`latest_sample`): if another workstation drew a sample of the same scope since, this draw
    is refused in plain words instead of saving a second sample (with the same applications checked
    twice). Draws take turns (PostgreSQL advisory lock; the write lock on SQLite), so two at once
    cannot both pass that check. None: no such check (a second sample on purpose)."""
    require_role(actor, *DECIDERS, doing="抽取随机抽查样本")
    # The sample is drawn now, from the approvals running now: a later date would not be the day it was drawn.
    check_day(on, "抽查日期")
    if due_on is not None:
        check_day(due_on, "核查期限", future=True)
        if due_on < on:
            raise ValidationFailed(f"核查期限 {due_on.isoformat()} 早于抽取日期 {on.isoformat()}。",
                                   {"due_on": f"不能早于 {on.isoformat()}"})
    rate_value = _rate(rate)
    count = _count(count)
    seed = secrets.randbelow(MAX_SEED) + 1 if seed is None else _seed(seed)
    with unit_of_work(db, actor, write=True) as uow:
        uow.take_turns(SPOT_CHECK_LOCK)  # the check below and the insert are one turn
        if seen_latest is not None:
            _drawn_meanwhile(uow, seen_latest)
        query = (select(Application.id, Region.path, Application.household_id, Application.category)
                 .join(Household, Household.id == Application.household_id)
                 .join(Region, Region.id == Household.region_id)
                 .where(Application.track == Track.COMMITMENT, Application.status == "approved",
                        # a sample drawn (entered afterwards) on a day draws from the approvals running
                        # then: approved by that day and assisted after it (one stopped since included;
                        # one whose last day it is, not: its check would fall due after the assistance)
                        Application.decided_on <= on,
                        Application.stopped_on.is_(None) | (Application.stopped_on > on))
                 .order_by(Application.decided_on, Application.id))
        ids = uow.region_ids()
        if ids is not None:
            query = query.where(Household.region_id.in_(ids))
        # a family is checked once: one changing category (低保 to 特困) runs under both approvals until the
        # old one's last month, and would be counted twice and could be drawn twice. Its newest monthly
        # approval stands for it (a one-off 临时救助 only when it has no monthly one).
        rows = sorted(uow.session.execute(query), key=lambda r: not proc.paid_once(r[3]))  # stable: by decision
        family = {int(h): (int(a), _subdistrict_of(p)) for a, p, h, _c in rows}
        # a family whose spot check of an earlier sample was still to be done that day is not drawn again (it
        # would be checked twice at once): it is left out of this population and counted
        checking = set(uow.session.scalars(
            select(Application.household_id).join(PostCheck, PostCheck.application_id == Application.id)
            .join(SpotCheckSample, SpotCheckSample.id == PostCheck.sample_id)
            .where(PostCheck.kind == "spot", SpotCheckSample.drawn_on <= on,
                   PostCheck.done_on.is_(None) | (PostCheck.done_on > on)))) & family.keys()
        population = sorted(v for h, v in family.items() if h not in checking)
        if not population:
            raise ValidationFailed(f"截至抽取日期 {on.isoformat()},没有已批准且正在救助中的告知承诺制申请可供抽查"
                                   + (f"({len(checking)} 户的抽查尚未完成,不重复抽取)。" if checking else "。"))
        app_ids = [a for a, _ in population]
        strata = {a: str(s) for a, s in population} if stratified else None
        try:
            chosen = sampling.draw(app_ids, seed, rate=rate_value, count=count, strata=strata)
        except sampling.SamplingError as exc:
            raise ValidationFailed(exc.message) from exc
        # The rate column keeps two decimal places (money type): the exact rate the draw used is kept
        # with the population too, so that a rate such as 12.5% redraws the same sample.
        sample = uow.add(SpotCheckSample(drawn_on=on, seed=seed, rate=rate_value, count=count, stratified=stratified,
                                         population={"ids": app_ids, "strata": strata or {},
                                                     "scope": actor.region_name, "chosen": chosen,
                                                     "under_check": len(checking),
                                                     "rate": None if rate_value is None else str(rate_value)}))
        uow.flush()
        due = due_on or proc.add_months(on, 1)
        for app_id in chosen:
            uow.add(PostCheck(application_id=app_id, kind="spot", due_on=due, sample_id=sample.id,
                              note=f"随机抽查(样本 {sample.id},种子 {seed})"))
        uow.flush()
        uow.audit("spot_check.draw", "spot_check_samples", sample.id,
                  after={"seed": seed, "rate": rate_value, "count": count, "stratified": stratified,
                         "population": len(app_ids), "chosen": chosen})
        uow.notify("post_checks", 0)
        sample_id = int(sample.id)
    return sample_info(db, actor, sample_id)


MAX_SEED = 2**31 - 1  # the seed column is a 32-bit integer on PostgreSQL


def _seed(seed: int | str) -> int:
    """A seed given by the user (to redraw a sample, or to draw one in front of witnesses): a whole number
    from 1 to 2147483647, typed with full-width digits too; anything else refused in plain words."""
    value = _whole_number(seed)
    if value is None or not 1 <= value <= MAX_SEED:
        raise ValidationFailed(f"随机种子“{seed}”无效:应为 1 到 {MAX_SEED} 之间的整数。", {"seed": "1–2147483647"})
    return value


def _whole_number(value: object) -> int | None:
    """A whole number as typed (full-width digits of a Chinese input method too), or None for anything
    else: a sign, a decimal point, a letter, True."""
    typed = str(value).strip()
    text = unicodedata.normalize("NFKC", typed)
    if isinstance(value, bool) or not typed or not all(unicodedata.category(c) == "Nd" for c in typed) \
            or not text.isascii():
        return None
    return int(text)


def _rate(rate: Decimal | str | float | None) -> Decimal | None:
    """A sampling rate as given: 0.1, "0.1" or "10%"; anything else is refused in plain words."""
    if rate is None or (isinstance(rate, str) and not rate.strip()):
        return None
    text = str(rate).strip().replace("％", "%")
    try:
        value = Decimal(text[:-1]) / 100 if text.endswith("%") else Decimal(text)
    except InvalidOperation:
        raise ValidationFailed(f"抽查比例“{rate}”不是数字,应写成 0.1 或 10%。", {"rate": "不是数字"}) from None
    if not value.is_finite():
        raise ValidationFailed(f"抽查比例“{rate}”不是数字,应写成 0.1 或 10%。", {"rate": "不是数字"})
    return value


def _count(count: int | str | None) -> int | None:
    """A number of applications to sample as given: a whole number of at least 1 (typed with full-width
    digits too). 0 drew and kept an empty sample (the window's field starts at 1); anything else is
    refused in plain words."""
    if count is None or (isinstance(count, str) and not count.strip()):
        return None
    value = _whole_number(count)
    if value is None or value < 1:
        raise ValidationFailed(f"抽查数量“{count}”无效:应为至少 1 的整数。", {"count": "至少 1"})
    return value


def _sample_rate(sample: SpotCheckSample) -> Decimal | None:
    """The exact rate of a draw (kept with the population; the rate column is rounded to 0.01)."""
    exact = (sample.population or {}).get("rate")
    return Decimal(str(exact)) if exact not in (None, "") else sample.rate


def sample_info(db: Database, actor: Actor, sample_id: int) -> SampleInfo:
    with unit_of_work(db, actor) as uow:
        sample = uow.get(SpotCheckSample, sample_id, "抽查样本")
        rows = uow.session.execute(
            select(PostCheck, Application.decided_on, Household.head_name, Household.region_id)
            .join(Application, Application.id == PostCheck.application_id)
            .join(Household, Household.id == Application.household_id)
            .where(PostCheck.sample_id == sample.id).order_by(PostCheck.application_id)).all()
        visible = uow.region_ids()
        regions = _regions(uow, [r[3] for r in rows])
        out = tuple(SampleRow(pc.application_id, pc.id, name, regions.get(rid, ("", "", None))[1],
                              regions.get(rid, ("", "", None))[0], decided, pc.result)
                    for pc, decided, name, rid in rows if visible is None or rid in visible)
        return SampleInfo(sample.id, int(sample.seed), sample.drawn_on, _sample_rate(sample), sample.count,
                          sample.stratified, len(sample.population.get("ids", [])), out,
                          int(sample.population.get("under_check") or 0))


def verify_sample(db: Database, actor: Actor, sample_id: int) -> bool:
    """Redraw from the stored population and seed: True when it gives the same sample."""
    with unit_of_work(db, actor) as uow:
        sample = uow.get(SpotCheckSample, sample_id, "抽查样本")
        pop = sample.population
        strata = {int(k): v for k, v in pop.get("strata", {}).items()} if sample.stratified else None
        again = sampling.draw(pop.get("ids", []), int(sample.seed), rate=_sample_rate(sample), count=sample.count,
                              strata=strata)
        stored = sorted(uow.session.execute(select(PostCheck.application_id).where(
            PostCheck.sample_id == sample.id)).scalars())
        return again == stored == sorted(pop.get("chosen", stored))


def list_samples(db: Database, actor: Actor) -> list[tuple[int, date, int, int]]:
    """(id, drawn on, seed, number drawn), newest first."""
    with unit_of_work(db, actor) as uow:
        rows = uow.session.execute(
            select(SpotCheckSample.id, SpotCheckSample.drawn_on, SpotCheckSample.seed, func.count(PostCheck.id))
            .outerjoin(PostCheck, PostCheck.sample_id == SpotCheckSample.id)
            .group_by(SpotCheckSample.id, SpotCheckSample.drawn_on, SpotCheckSample.seed)
            .order_by(SpotCheckSample.id.desc()))
        return [(int(i), d, int(s), int(n)) for i, d, s, n in rows]


def export_sample_xlsx(db: Database, actor: Actor, sample_id: int, path: str | Path,
                       progress: Progress = NO_PROGRESS) -> int:
    from desktop.io.xlsx_writer import write_table

    info = sample_info(db, actor, sample_id)
    if not info.rows:  # none of the sample's households is in the actor's regions: no empty file
        raise nothing_to_export(f"抽查样本 {sample_id} 中在您管辖范围内的家庭")
    how = f"比例 {info.rate * 100:.1f}%" if info.rate is not None else f"数量 {info.count}"
    title = (f"随机抽查样本 {info.id}:抽取日期 {info.drawn_on.isoformat()},随机种子 {info.seed},{how},"
             f"{'按街道分层' if info.stratified else '不分层'},总体 {info.population_size} 户"
             + (f"(另有 {info.under_check} 户上次抽查尚未完成,未计入)" if info.under_check else ""))
    rows = [(r.application_id, r.head_name, r.subdistrict_name, r.region_name, r.decided_on,
             {"passed": "通过", "failed": "未通过"}.get(r.result or "", "待核查")) for r in info.rows]
    n = write_table(path, ["申请编号", "户主姓名", "街道(镇)", "社区(村)", "批准日期", "核查结果"], rows,
                    sheet="抽查样本", title=title, **progress.writing(len(rows), "户"))
    name = export_place(path)
    log_access(db, actor, "spot_check.export", "spot_check_samples", sample_id, after={"rows": len(rows), "file": name},
               detail=f"导出随机抽查样本 {sample_id}:{len(rows)} 户 → 《{name}》")
    return n


def post_check_queue(db: Database, actor: Actor, *, as_of: date | None = None, include_done: bool = False,
                     due_within_days: int | None = None, kind: str | None = None, overdue_only: bool = False,
                     limit: int | None = None) -> CutList:
    """Post-checks to do, earliest due first (not done, on approvals not revoked, due while still paid,
    unless ``include_done``; as of ``as_of``: approvals decided and samples drawn by then), of one
    ``kind`` or all, overdue only or not, at most ``limit`` (default :data:`LIST_LIMIT`); ``total`` of the
    answer counts every check that matched, so that a list cut at the limit can say so."""
    as_of = as_of or date.today()
    limit = LIST_LIMIT if limit is None else limit
    with unit_of_work(db, actor) as uow:
        query = (select(PostCheck, Household.head_name, Household.region_id, Application.track, Application.category,
                        Application.status, Application.stopped_on)
                 .join(Application, Application.id == PostCheck.application_id)
                 .join(Household, Household.id == Application.household_id)
                 .outerjoin(SpotCheckSample, SpotCheckSample.id == PostCheck.sample_id)
                 # as of a past day: the approvals made by then, the spot checks drawn by then
                 .where(Application.decided_on <= as_of,
                        PostCheck.sample_id.is_(None) | (SpotCheckSample.drawn_on <= as_of)))
        if not include_done:
            # An approval with a last day (stopped, in a gradual exit, stopped ahead of its day) keeps the
            # checks falling due before that day: still paid when they are due (and overdue while paid if
            # not done by then). One due on or after it checks assistance that has ended: moot.
            query = query.where(PostCheck.done_on.is_(None), Application.status == "approved",
                                Application.stopped_on.is_(None) | (PostCheck.due_on < Application.stopped_on))
        if due_within_days is not None:
            query = query.where(PostCheck.due_on <= date.fromordinal(as_of.toordinal() + due_within_days))
        if kind:
            query = query.where(PostCheck.kind == kind)
        if overdue_only:  # as PostCheckInfo.overdue says it
            query = query.where(PostCheck.done_on.is_(None), PostCheck.due_on < as_of)
        ids = uow.region_ids()
        if ids is not None:
            query = query.where(Household.region_id.in_(ids))
        rows = uow.session.execute(query.order_by(PostCheck.due_on, PostCheck.id).limit(limit)).all()
        total = matched_in_all(uow.session, query, PostCheck.id, len(rows), limit)
        regions = _regions(uow, [r[2] for r in rows])
        out = []
        for pc, name, rid, track, category, status, stopped_on in rows:
            region, subdistrict, _ = regions.get(rid, ("", "", None))
            out.append(_post_check_info(pc, name, region, as_of, track, category, status, subdistrict, stopped_on))
        return CutList(out, total)


POST_CHECK_HEADERS = ["申请编号", "户主", "街道(镇)", "社区(村)", "核查类型", "到期日", "逾期", "抽查样本", "救助"]


def export_post_checks_xlsx(db: Database, actor: Actor, path: str | Path, *, as_of: date | None = None,
                            kind: str | None = None, overdue_only: bool = False, due_within_days: int | None = None,
                            progress: Progress = NO_PROGRESS) -> int:
    """The post-check list under the same filters as on screen, every check of it (the screen shows the
    earliest :data:`LIST_LIMIT`), earliest due first, as xlsx. The export is logged."""
    from desktop.io.xlsx_writer import write_table

    as_of = as_of or date.today()
    checks = post_check_queue(db, actor, as_of=as_of, kind=kind, overdue_only=overdue_only,
                              due_within_days=due_within_days, limit=EXPORT_LIMIT)
    if not checks:
        raise nothing_to_export("符合筛选条件的事后核查")
    if checks.truncated:
        raise ValidationFailed(f"符合条件的事后核查有 {checks.total:,} 项,超过一个工作表能容纳的 "
                               f"{EXPORT_LIMIT:,} 项;请按类型或只看逾期分开导出。")
    table = [[c.application_id, c.head_name, c.subdistrict_name, c.region_name, c.kind_label, c.due_on,
              "逾期" if c.overdue else "", c.sample_id, c.assistance_note] for c in checks]
    what = ((proc.POST_CHECK_LABELS.get(kind, kind) if kind else "全部类型") + (",只看逾期" if overdue_only else "")
            + (f",{due_within_days} 天内到期" if due_within_days is not None and not overdue_only else ""))
    title = f"事后核查清单({what};{as_of:%Y-%m-%d})"
    n = write_table(path, POST_CHECK_HEADERS, table, sheet="事后核查", title=title,
                    **progress.writing(len(table), "项"))
    place = export_place(path)
    log_access(db, actor, "post_checks.export", "post_checks", None, after={"rows": n, "file": place},
               detail=f"导出事后核查清单 {n:,} 项({title})到《{place}》")
    return n


def _post_check_info(pc: PostCheck, name: str, region: str, as_of: date, track: str, category: str,
                     status: str, subdistrict: str = "", stopped_on: date | None = None) -> PostCheckInfo:
    stops = proc.failure_stops(track, pc.kind)
    return PostCheckInfo(pc.id, pc.version, pc.application_id, name, region, pc.kind,
                         proc.POST_CHECK_LABELS.get(pc.kind, pc.kind), pc.due_on, pc.done_on, pc.result, pc.note,
                         pc.sample_id, pc.done_on is None and pc.due_on < as_of, stops,
                         stops and category == Category.DIBAO, status == "revoked", subdistrict,
                         stopped_on, stopped_on is not None and stopped_on < as_of)


# -- reading ---------------------------------------------------------------------------------------
SCAN_CHUNK = 900  # applications evaluated at a time where a filter needs their computed deadlines


def _overdue_bound(cal: WorkCalendar, as_of: date) -> date:
    """The latest acceptance day of an application that can be overdue on ``as_of``. Every deadline it can
    miss (the next step's own, counted from acceptance or a later step; the whole procedure's, from
    acceptance) is at least the shortest of them, 3 working days, after a day not before acceptance, and
    adding working days never goes back: accepted after this day, it is overdue for nothing yet."""
    shortest = min([*proc.STEP_WORKING_DAYS.values(), *proc.WHOLE_WORKING_DAYS.values()])
    day = as_of - timedelta(days=1)
    while cal.add_working_days(day, shortest).due >= as_of:
        day -= timedelta(days=1)
    return day


def _to_serve(cal: WorkCalendar, as_of: date, row: ApplicationRow, notice: RefusalNotice) -> ApplicationRow:
    """A refused application's row whose next thing to do is serving the written refusal, due on its day."""
    left = cal.working_days_left(as_of, notice.due_on) if notice.due_on is not None else None
    return replace(row, next_step_label=SERVE_STEP_LABEL, step_due_on=notice.due_on, effective_due_on=notice.due_on,
                   working_days_left=left, overdue=notice.overdue, warning=row.warning or notice.warning)


def _key(row: ApplicationRow) -> tuple[date, int]:
    return (row.effective_due_on or date.max, row.id)


def list_applications(db: Database, actor: Actor, *, as_of: date | None = None, status: str | None = "open",
                      track: str | None = None, category: str | None = None, next_step: str | None = None,
                      region_id: int | None = None, overdue_only: bool = False, name: str = "",
                      limit: int | None = None) -> CutList:
    """Applications with their next step, due dates and working days left, soonest due first.

    ``status`` None lists every status; :data:`TO_DO` the open ones and the emergency help given whose
    paperwork is still to complete (``ApplicationRow.after_help``); :data:`TO_SERVE` the refused ones whose
    written refusal is not served, its due day as the next step's (overdue: the notice is late). ``region_id`` limits to a region's
    subtree. At most ``limit`` rows (default :data:`LIST_LIMIT`); ``total`` of the answer counts every
    application that matched. The filters on computed deadlines (``overdue_only``, ``next_step``) look at
    every candidate, a chunk at a time, not only at the first ``limit``: an application whose current step
    is late but whose whole procedure is due far off is listed as overdue however many are open."""
    as_of = as_of or date.today()
    limit = LIST_LIMIT if limit is None else limit
    cal = load_calendar(db)
    with unit_of_work(db, actor) as uow:
        app_cols = [Application.id, Application.version, Application.household_id, Application.category,
                    Application.temporary_kind, Application.track, Application.accepted_on, Application.extended,
                    Application.step, Application.status, Application.objection, Application.check_passed,
                    Application.decided_on, Application.amount, Application.stopped_on, Application.exit_stage,
                    Application.gradual_exit_from, Application.due_on]
        hh_cols = [Household.head_name, Household.member_count, Household.region_id]
        query = (select(*app_cols, *hh_cols)  # plain columns: no ORM identity map for thousands of rows
                 .join(Household, Household.id == Application.household_id)
                 # as of a past day: not those accepted after it (their working days left would exceed the limit)
                 .where(Application.accepted_on <= as_of))
        if track:
            query = query.where(Application.track == track)
        if category:
            query = query.where(Application.category == category)
        if name.strip():
            query = query.where(Household.head_name.contains(spelling.person_name(name.strip(), prefix=True),
                                                             autoescape=True))
        if region_id is not None:
            region = uow.get(Region, region_id, "区划")
            query = query.join(Region, Region.id == Household.region_id).where(Region.path.like(region.path + "%"))
        ids = uow.region_ids()
        if ids is not None:
            query = query.where(Household.region_id.in_(ids))
        if overdue_only:  # a safe bound in SQL: those accepted since cannot be overdue yet
            query = query.where(Application.accepted_on <= _overdue_bound(cal, as_of))
        # Two queries rather than one with OR: each walks the (status, due_on) index in order and stops at
        # ``limit``; an OR made SQLite sort every open application before taking the first ones. The emergency
        # help awaiting paperwork is few and always evaluated (whether paperwork is left is computed).
        computed = bool(overdue_only or next_step)
        unserved = _unserved_refusals(uow, as_of, cal) if status == TO_SERVE else {}
        parts = ([(query.where(Application.status == "open"), computed), (query.where(_after_help_due()), True)]
                 if status == TO_DO else [(query.where(Application.id.in_(unserved)), computed)]
                 if status == TO_SERVE else [(query.where(Application.status == status), computed)] if status
                 else [(query, computed)])

        def pairs_of(result: Iterable[Any]) -> list[tuple[Any, Any]]:
            out = []
            for values in result:
                app = SimpleNamespace(**{c.key: v for c, v in zip(app_cols, values, strict=False)})
                out.append((app, SimpleNamespace(id=app.household_id, head_name=values[-3], member_count=values[-2],
                                                 region_id=values[-1])))
            return out

        def rows_of(pairs: list[tuple[Any, Any]]) -> list[ApplicationRow]:
            steps = _load_steps(uow, [a.id for a, _ in pairs])
            regions = _regions(uow, [h.region_id for _, h in pairs])
            out = []
            for app, hh in pairs:
                name_, sub, _ = regions.get(hh.region_id, ("", "", None))
                row = _row(cal, as_of, app, hh, name_, sub, steps.get(app.id, []))
                if app.id in unserved:
                    row = _to_serve(cal, as_of, row, unserved[app.id])
                if status == TO_DO and row.status != "open" and not row.after_help:
                    continue
                if next_step and row.next_step != next_step:
                    continue
                if overdue_only and not row.overdue:
                    continue
                out.append(row)
            return out

        total = 0
        first: list[tuple[Any, Any]] = []  # the first ``limit`` of the parts needing no computed filter
        kept: list[ApplicationRow] = []  # the soonest due ``limit`` of those evaluated in chunks
        for one, chunked in parts:
            if not chunked:
                total += uow.session.scalar(select(func.count()).select_from(one.subquery())) or 0
                first += pairs_of(uow.session.execute(one.order_by(Application.due_on, Application.id).limit(limit)))
                continue
            # the candidates' ids at once (one scan), then their rows a chunk at a time: memory bounded
            found = uow.session.scalars(one.with_only_columns(Application.id).order_by(Application.id)).all()
            for start in range(0, len(found), SCAN_CHUNK):
                chunk = pairs_of(uow.session.execute(one.where(Application.id.in_(found[start:start + SCAN_CHUNK]))))
                matched = rows_of(chunk)
                total += len(matched)
                kept += matched
                if len(kept) >= 2 * limit:
                    kept = heapq.nsmallest(limit, kept, key=_key)
        if len(parts) > 1 and first:  # the first ``limit`` of both, as one query would have given them
            first = sorted(first, key=lambda p: (p[0].due_on, p[0].id))[:limit]
        out = heapq.nsmallest(limit, rows_of(first) + kept, key=_key)
        return CutList(out, total)


APPLICATION_HEADERS = ["申请编号", "户主", "人口", "街道(镇)", "社区(村)", "救助类别", "办理方式", "受理日期", "状态",
                       "下一步", "本步期限", "办结期限", "剩余工作日", "逾期", "决定日期", "月救助金额(元)", "提示"]
EXPORT_LIMIT = 1_000_000  # rows of one sheet


def export_applications_xlsx(db: Database, actor: Actor, path: str | Path, *, as_of: date | None = None,
                             status: str | None = "open", track: str | None = None, category: str | None = None,
                             next_step: str | None = None, region_id: int | None = None, overdue_only: bool = False,
                             name: str = "", progress: Progress = NO_PROGRESS) -> int:
    """The application list under the same filters as on screen, every row of it (the screen shows
    the first :data:`LIST_LIMIT`), soonest due first, as xlsx. The export is logged."""
    from desktop.io.xlsx_writer import write_table

    rows = list_applications(db, actor, as_of=as_of, status=status, track=track, category=category,
                             next_step=next_step, region_id=region_id, overdue_only=overdue_only, name=name,
                             limit=EXPORT_LIMIT)
    if not rows:
        raise nothing_to_export("符合筛选条件的申请")
    table = [[r.id, r.head_name, r.member_count, r.subdistrict_name, r.region_name, r.category_label, r.track_label,
              r.accepted_on, r.status_label + ("(已延期)" if r.extended and r.status == "open" else ""),
              r.next_step_label, r.step_due_on, r.due_on if r.status == "open" else None, r.working_days_left,
              "逾期" if r.overdue else "", r.decided_on, r.amount, r.warning] for r in rows]
    as_of = as_of or date.today()
    title = f"申请清单({STATUS_FILTER_LABELS.get(status or '', '全部状态')};{as_of:%Y-%m-%d})"
    n = write_table(path, APPLICATION_HEADERS, table, sheet="申请", title=title, **progress.writing(len(table), "条"))
    place = export_place(path)
    log_access(db, actor, "applications.export", "applications", None, after={"rows": n, "file": place},
               detail=f"导出申请清单 {n:,} 条({title})到《{place}》")
    return n


def deadlines(db: Database, actor: Actor, *, as_of: date | None = None, overdue_only: bool = False,
              limit: int | None = None) -> CutList:
    """Open applications with their next step, due date and working days left (for the CLI), and with them
    the emergency help given first whose paperwork is still to complete (``after_help``, :data:`TO_DO`).
    At most ``limit`` (default :data:`LIST_LIMIT`) soonest due; ``total`` counts them all."""
    return list_applications(db, actor, as_of=as_of, status=TO_DO, overdue_only=overdue_only, limit=limit)


def _after_help_due() -> Any:
    """Emergency help approved first whose steps are still to complete afterwards: stored with the decision
    as its last step until they are (:func:`desktop.rules.procedure.last_step`)."""
    return ((Application.status == "approved") & (Application.step == Step.DECISION)
            & (Application.category == Category.TEMPORARY) & (Application.temporary_kind == "emergency"))


def get_detail(db: Database, actor: Actor, application_id: int, *, as_of: date | None = None) -> ApplicationDetail:
    as_of = as_of or date.today()
    cal = load_calendar(db)
    with unit_of_work(db, actor) as uow:
        app, hh = _get_app(uow, application_id)
        step_rows = uow.session.execute(
            select(ApplicationStep, User.display_name)
            .outerjoin(User, User.id == ApplicationStep.created_by_id)
            .where(ApplicationStep.application_id == app.id)
            .order_by(ApplicationStep.completed_on, ApplicationStep.id)).all()
        regions = _regions(uow, [hh.region_id])
        rname, sub, _ = regions.get(hh.region_id, ("", "", None))
        simple = [(s.step, s.completed_on) for s, _ in step_rows]
        row = _row(cal, as_of, app, hh, rname, sub, simple)
        steps = tuple(StepInfo(
            s.step, STEP_LABELS.get(Step(s.step), s.step) if s.step in Step._value2member_map_ else s.step,
            s.started_on, s.due_on, s.completed_on, s.result, _result_label(s.step, s.result), s.note,
            dict(s.data or {}), by or "系统", s.created_at,
            late=proc.finished_late(s.step, s.due_on, s.completed_on)) for s, by in step_rows)
        transitions, last_on = _progress(app, simple)
        whole = proc.whole_deadline(cal, app.track, app.accepted_on, app.extended)
        actions = []
        for t in transitions:
            sd = _step_deadline(cal, t, app.accepted_on, last_on)
            due = _due(cal, as_of, proc.due_by(sd.due, whole.due, after_decision=t.after_decision), app.accepted_on)
            actions.append(ActionInfo(t.step, STEP_LABELS[t.step], t.after_decision, t.approve_allowed, due))
        commitment = uow.session.scalar(select(Commitment).where(Commitment.application_id == app.id))
        cinfo = None if commitment is None else CommitmentInfo(
            commitment.signer_name, commitment.signed_on, commitment.text, commitment.file_name,
            commitment.file_data is not None)
        checks = tuple(_post_check_info(pc, hh.head_name, rname, as_of, app.track, app.category, app.status)
                       for pc in uow.session.execute(
            select(PostCheck).where(PostCheck.application_id == app.id).order_by(PostCheck.due_on, PostCheck.id)
        ).scalars())
        revs = _revocations(uow, app.id)
        refs = tuple(_referral_info(r) for r in uow.session.execute(
            select(Referral).where(Referral.application_id == app.id).order_by(Referral.id)).scalars())
        notices = tuple(NoticeInfo(n.id, n.kind, n.issued_at, dict(n.data or {})) for n in uow.session.execute(
            select(Notice).where(Notice.application_id == app.id).order_by(Notice.id)).scalars())
        months, total = uow.session.execute(
            select(func.count(AssistanceRecord.id), func.coalesce(func.sum(AssistanceRecord.amount), 0))
            .where(AssistanceRecord.application_id == app.id)).one()
        return ApplicationDetail(
            row=row, household_code=hh.code or "", address=hh.address, steps=steps, actions=tuple(actions),
            extension_reason=app.extension_reason, refusal_reason=app.refusal_reason, start_month=app.start_month,
            stopped_on=app.stopped_on, commitment=cinfo, post_checks=checks, revocations=revs, referrals=refs,
            notices=notices, months_paid=int(months), total_paid=_yuan(total),
            can_extend=app.status == "open" and app.track == Track.REGULAR and not app.extended,
            can_stop=_running(app), gradual_exit_from=app.gradual_exit_from, exit_stage=app.exit_stage,
            refusal_notice=next((_refusal_notice(n.data, as_of, cal) for n in reversed(notices) if n.kind == "refusal"),
                                None) if app.status == "refused" else None,
            replaces=_approval_text(other) if app.status == "open" and not proc.paid_once(app.category) and (
                other := _running_approval(uow, hh.id, exclude=app.id)) is not None else None,
            can_withdraw=app.status == "open",
            allowance=_allowance_basis(uow, app, hh, as_of) if app.status == "open" else None,
            withdrawal=next((_withdrawal(n.data) for n in reversed(notices) if n.kind == "withdrawal"), None)
            if app.status == "withdrawn" else None)


def _allowance_basis(uow: UnitOfWork, app: Application, hh: Household, as_of: date) -> AllowanceBasis | None:
    """The latest assessment's figures for a 低保 application (None for another category, or without an
    assessment of the household), with the standard of the first month paid on a decision ``as_of``."""
    if app.category != Category.DIBAO:
        return None
    row = uow.session.execute(
        select(Assessment.assessed_on, Assessment.per_capita_income, Assessment.result)
        .where(Assessment.household_id == hh.id).order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
        .limit(1)).first()
    if row is None or not (row.result or {}).get("dibao_line"):
        return None
    standard, per_capita = Decimal(str(row.result["dibao_line"])), Decimal(str(row.per_capita_income))
    members = int(row.result.get("members") or hh.member_count)
    paid = dibao_standard_session(uow.session, hh.area_type, proc.start_month_after(as_of))
    changed = paid is not None and paid[0] != standard
    return AllowanceBasis(row.assessed_on, standard, per_capita, members, hh.member_count,
                          means_test.dibao_allowance(standard, per_capita, members),
                          means_test.round_cent(standard * members),
                          paid[0] if changed else None, paid[1] if changed else None)


def _withdrawal(data: dict) -> Withdrawal:
    day = data.get("withdrawn_on")
    return Withdrawal(date.fromisoformat(day) if day else None, str(data.get("reason") or ""))


def _result_label(step: str, result: str) -> str:
    return {"passed": "通过", "failed": "未通过", "agreed": "同意", "disagreed": "不同意", "approved": "批准",
            "refused": "不予批准", "accepted": "已受理", "done": "完成"}.get(result, result)


class HouseholdChoice(NamedTuple):
    """A household as the accept dialog's picker offers it."""

    id: int
    label: str  # 姓名(3人,编号,库别)
    head_name: str


def _household_choice(hid: int, name: str, size: int, code: str | None, stage: str | None) -> HouseholdChoice:
    where = STAGE_LABELS[Stage(stage)] if stage is not None and stage in Stage._value2member_map_ else "未入库"
    return HouseholdChoice(int(hid), f"{name}({size}人,{code or '无编号'},{where})", name or "")


CHOICES_LIMIT = 50  # households the accept dialog's picker lists


def household_choices(db: Database, actor: Actor, text: str = "", limit: int | None = None) -> CutList:
    """Households the actor may apply for, matching a name or household code (for the accept dialog's
    picker), at most ``limit`` (default :data:`CHOICES_LIMIT`); ``total`` of the answer counts every match,
    so that the picker can say when it lists only the first ones."""
    limit = CHOICES_LIMIT if limit is None else limit
    with unit_of_work(db, actor) as uow:
        query = select(Household.id, Household.head_name, Household.code, Household.member_count, Household.stage)
        if text.strip():
            typed = text.strip()  # % and _ are what was typed, not wildcards
            query = query.where(Household.head_name.contains(spelling.person_name(typed, prefix=True), autoescape=True)
                                | Household.code.contains(typed, autoescape=True))
        ids = uow.region_ids()
        if ids is not None:
            query = query.where(Household.region_id.in_(ids))
        rows = uow.session.execute(query.order_by(Household.head_name, Household.id).limit(limit)).all()
        total = matched_in_all(uow.session, query, Household.id, len(rows), limit)
        return CutList([_household_choice(hid, name, size, code, stage)
                        for hid, name, code, size, stage in rows], total)


# -- publicity and notices ---------------------------------------------------------------------------
def publicity_list(db: Database, actor: Actor, *, decided_from: date, decided_to: date,
                   region_id: int | None = None, category: str | None = None) -> list[PublicityRow]:
    """Approved applications decided in the period: only name, family size and amount (RULES.md §1.5).
    A revoked approval (撤销, after a failed post-check) is not listed: the list would tell the public the
    family receives an amount it no longer does, and publish a name with no decision standing behind it.
    One stopped since stays: the decision stood when it was made."""
    if decided_from > decided_to:
        raise ValidationFailed(f"公示名单的起始日期 {decided_from.isoformat()} 晚于截止日期 {decided_to.isoformat()},"
                               "请检查日期是否填反。", {"decided_from": decided_from.isoformat()})
    with unit_of_work(db, actor) as uow:
        query = (select(Household.head_name, Household.member_count, Application.amount, Application.category,
                        Notice.data)
                 .join(Household, Household.id == Application.household_id)
                 .outerjoin(Notice, (Notice.application_id == Application.id) & (Notice.kind == "approval"))
                 .where(Application.status == "approved", Application.decided_on >= decided_from,
                        Application.decided_on <= decided_to, Application.amount.is_not(None))
                 .order_by(Application.decided_on, Application.id))
        if category:
            query = query.where(Application.category == category)
        if region_id is not None:
            region = uow.get(Region, region_id, "区划")
            query = query.join(Region, Region.id == Household.region_id).where(Region.path.like(region.path + "%"))
        ids = uow.region_ids()
        if ids is not None:
            query = query.where(Household.region_id.in_(ids))
        return [PublicityRow((d or {}).get("head_name") or n, decided_size(d, s), Decimal(str(a)), proc.paid_once(c))
                for n, s, a, c, d in uow.session.execute(query)]


def decided_size(decision: dict | None, current: int | None) -> int:
    """The family size an approval was decided for (kept with it since the decision recorded it), else the
    household's size now (a decision recorded before it was kept). Its head's name is kept likewise."""
    kept = (decision or {}).get("member_count")
    return int(kept if kept is not None else current or 0)


PUBLICITY_HEADERS = ("序号", "姓名", "家庭人口", "月救助金额(元)")


def publicity_table(rows: Sequence[PublicityRow]) -> tuple[list[str], list[tuple]]:
    """Headers and rows of a publicity list. Its amounts are monthly (月救助金额), or all one-off (临时救助:
    一次性救助金额); a list holding both says of each amount which it is, as text."""
    once = {r.once for r in rows}
    if once == {True}:
        headers = [*PUBLICITY_HEADERS[:3], "一次性救助金额(元)"]
    elif once == {True, False}:
        headers = [*PUBLICITY_HEADERS[:3], "救助金额(元)"]
    else:
        headers = list(PUBLICITY_HEADERS)
    mixed = len(once) > 1

    def amount(r: PublicityRow) -> Decimal | str:
        return f"{r.amount:,.2f}({'一次性' if r.once else '每月'})" if mixed else r.amount

    return headers, [(i, r.name, r.member_count, amount(r)) for i, r in enumerate(rows, start=1)]


def publicity_title(decided_from: date, decided_to: date) -> str:
    return f"社会救助审批结果公示名单({decided_from:%Y年%m月%d日}至{decided_to:%Y年%m月%d日})"


def export_publicity_xlsx(db: Database, actor: Actor, path: str | Path, *, decided_from: date, decided_to: date,
                          region_id: int | None = None, progress: Progress = NO_PROGRESS) -> int:
    from desktop.io.xlsx_writer import write_table

    rows = publicity_list(db, actor, decided_from=decided_from, decided_to=decided_to, region_id=region_id)
    if not rows:
        raise nothing_to_export(_nothing_decided(decided_from, decided_to))
    headers, table = publicity_table(rows)
    n = write_table(path, headers, table, sheet="公示名单", title=publicity_title(decided_from, decided_to),
                    **progress.writing(len(table), "户"))
    _record_publicity(db, actor, decided_from, decided_to, len(rows), export_place(path))
    return n


def _nothing_decided(decided_from: date, decided_to: date) -> str:
    return f"{decided_from:%Y年%m月%d日}至{decided_to:%Y年%m月%d日}批准的救助(公示名单为空)"


def _record_publicity(db: Database, actor: Actor, decided_from: date, decided_to: date, n: int, where: str) -> None:
    with unit_of_work(db, actor, write=True) as uow:
        uow.add(Notice(application_id=None, kind="publicity", issued_at=now_utc(),
                       data={"from": decided_from.isoformat(), "to": decided_to.isoformat(), "rows": n,
                             "file": where}))
        uow.audit("publicity.export", "publicity", None, detail=f"{decided_from}~{decided_to},{n} 户,{where}")


def publicity_html(db: Database, actor: Actor, *, decided_from: date, decided_to: date,
                   region_id: int | None = None, record_as: str = "") -> str:
    """The publicity list as HTML for printing to PDF (the view renders it)."""
    rows = publicity_list(db, actor, decided_from=decided_from, decided_to=decided_to, region_id=region_id)
    headers, table = publicity_table(rows)
    body = "".join(f"<tr><td class='right'>{i}</td><td>{escape(name)}</td><td class='right'>{size}</td>"
                   f"<td class='right'>{amount if isinstance(amount, str) else f'{amount:,.2f}'}</td></tr>"
                   for i, name, size, amount in table)
    head = "".join(f"<th>{h}</th>" for h in headers)
    if record_as:
        if not rows:  # a file (PDF) is to be made of it: the export's rule
            raise nothing_to_export(_nothing_decided(decided_from, decided_to))
        _record_publicity(db, actor, decided_from, decided_to, len(rows), record_as)
    return (f"<h1>{escape(publicity_title(decided_from, decided_to))}</h1>"
            f"<table width='100%' border='1' cellspacing='0' cellpadding='4'><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>"
            f"<p class='muted'>共 {len(rows)} 户。公示内容仅包括姓名、家庭人口和救助金额。如有异议,请于公示期内向街道(镇)"
            f"或区民政局反映。</p>")


def notice_document(db: Database, actor: Actor, application_id: int) -> NoticeDocument:
    """The approval or refusal notice of a decided application (printable)."""
    detail = get_detail(db, actor, application_id)
    r = detail.row
    if r.status not in ("approved", "refused", "revoked"):
        raise ValidationFailed("该申请尚未作出决定,没有可打印的通知书。")
    decided = r.decided_on.strftime("%Y年%m月%d日") if r.decided_on else ""
    # addressed to the head the decision was made for (kept with it), printed again after a head's change
    decision = next((n.data for n in detail.notices if n.kind == ("refusal" if r.status == "refused" else "approval")),
                    None)
    head = (decision or {}).get("head_name") or r.head_name
    if r.status == "refused":
        kind, title = "refusal", "不予批准社会救助通知书"
        text = (f"<p>{escape(head)}:</p><p>您于 {r.accepted_on:%Y年%m月%d日} 提出的{escape(r.category_label)}申请"
                f"(申请编号 {r.id}),经审核,决定不予批准。</p><p><b>理由:</b>{escape(detail.refusal_reason)}</p>"
                "<p>如对本决定不服,可以自收到本通知之日起六十日内依法申请行政复议,或者在六个月内依法提起行政诉讼。</p>")
    else:
        kind, title = "approval", "社会救助审批通知书"
        start = detail.start_month.strftime("%Y年%m月") if detail.start_month else ""
        size = decided_size(decision, r.member_count)
        text = (f"<p>{escape(head)}:</p><p>您于 {r.accepted_on:%Y年%m月%d日} 提出的{escape(r.category_label)}申请"
                f"(申请编号 {r.id},{escape(r.track_label)}),经审核,决定予以批准。</p>"
                + (f"<p>家庭人口 {size} 人,一次性救助金额 <b>{r.amount:,.2f}</b> 元,于 {start} 发放。</p><p>"
                   if proc.paid_once(r.category) else
                   f"<p>家庭人口 {size} 人,月救助金额 <b>{r.amount:,.2f}</b> 元,自 {start} 起发放。</p>"
                   "<p>请如实报告家庭人口、收入和财产的变化情况,接受定期复核。"))
        if r.track == Track.COMMITMENT:
            text += "您已签署告知承诺书,民政部门将进行事后核查和随机抽查,如发现不实承诺将撤销救助并追回已发放资金。"
        text += "</p>"
    html = (f"<h1>{title}</h1>{text}<p style='text-align:right'>西塞山区民政局<br>{decided}</p>"
            f"<p class='muted'>{escape(r.subdistrict_name)} {escape(r.region_name)}</p>")
    return NoticeDocument(kind, title, html, r.household_id)


def log_notice_printed(db: Database, actor: Actor, application_id: int, doc: NoticeDocument, path: str | Path) -> None:
    """Record that a notice was printed to a file (it names the family and its decision): once written, with the
    file's name, not when the notice is only made (a save cancelled was logged as a print)."""
    name = export_place(path)
    log_access(db, actor, "notice.print", "applications", application_id, household_id=doc.household_id,
               after={"kind": doc.kind, "file": name}, detail=f"打印{doc.title}(申请编号 {application_id}):{name}")


def step_choices() -> list[tuple[str, str]]:
    return [(s.value, STEP_LABELS[s]) for s in Step]


def application_ids_for_household(db: Database, actor: Actor, household_id: int) -> list[int]:
    with unit_of_work(db, actor) as uow:
        hh = uow.get(Household, household_id, "家庭")
        uow.require_scope(hh.region_id, "该家庭")
        return list(uow.session.execute(select(Application.id).where(Application.household_id == hh.id)
                                        .order_by(Application.id.desc())).scalars())




def application_basis(db: Database, actor: Actor, household_id: int) -> ApplicationBasis | None:
    """The latest assessment of a household (None when it has none): an application started from the
    assessment wizard or a visit is accepted for the category assessed, and keeps the link to it."""
    with unit_of_work(db, actor) as uow:
        hh = uow.get(Household, household_id, "家庭")
        uow.require_scope(hh.region_id, "该家庭")
        row = uow.session.execute(
            select(Assessment.id, Assessment.assessed_on, Assessment.result_category, Assessment.per_capita_income)
            .where(Assessment.household_id == hh.id).order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
            .limit(1)).first()
        if row is None:
            return None
        applicable = {c.value for c in proc.APPLICABLE_CATEGORIES}
        category = row.result_category if row.result_category in applicable else None
        label = CATEGORY_LABELS[Category(category)] if category else "不符合救助条件"
        return ApplicationBasis(int(row.id), int(hh.id), row.assessed_on, category, label,
                                Decimal(str(row.per_capita_income)))


def household_choice(db: Database, actor: Actor, household_id: int) -> HouseholdChoice:
    """One household as the accept dialog shows it (for a prefilled dialog)."""
    with unit_of_work(db, actor) as uow:
        hh = uow.get(Household, household_id, "家庭")
        uow.require_scope(hh.region_id, "该家庭")
        return _household_choice(hh.id, hh.head_name, hh.member_count, hh.code, hh.stage)


def region_choices(db: Database, actor: Actor) -> list[tuple[int, str, int]]:
    """(id, name, depth) of the regions the actor may filter by, in tree order."""
    with unit_of_work(db, actor) as uow:
        query = select(Region.id, Region.name, Region.path).order_by(Region.path)
        if actor.region_path:
            query = query.where(Region.path.like(actor.region_path + "%"))
        return [(int(i), n, p.count("/") - 2) for i, n, p in uow.session.execute(query)]
