from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Created, UTCDateTime, Versioned


class Application(Versioned, Created, Base):
    """An application for assistance, on the regular or the commitment track."""

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))
    category: Mapped[str] = mapped_column(String(16))  # rules.codes.Category
    temporary_kind: Mapped[str | None] = mapped_column(String(16))  # emergency / expenditure
    track: Mapped[str] = mapped_column(String(16))  # rules.codes.Track
    accepted_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    extended: Mapped[bool] = mapped_column(default=False)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    step: Mapped[str] = mapped_column(String(24), default="accepted")
    status: Mapped[str] = mapped_column(String(16), default="open")  # open/approved/refused/withdrawn/revoked
    check_passed: Mapped[bool | None]  # authorised data check (授权比对) result
    objection: Mapped[bool] = mapped_column(default=False)
    decided_on: Mapped[date | None] = mapped_column(Date)
    amount: Mapped[Decimal | None]  # monthly amount approved
    start_month: Mapped[date | None] = mapped_column(Date)  # first day of the first paid month
    refusal_reason: Mapped[str] = mapped_column(Text, default="")
    stopped_on: Mapped[date | None] = mapped_column(Date)  # the last day assisted (future during a gradual exit)
    # Gradual exit after employment (就业渐退, RULES.md §1.5): the day it was decided, and the library the
    # family goes to once it ends; exit_stage is cleared when the move is made.
    gradual_exit_from: Mapped[date | None] = mapped_column(Date)
    exit_stage: Mapped[str | None] = mapped_column(String(16))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))  # the household's (REGION_COPY)

    __table_args__ = (
        Index(None, "household_id", "status", "track", "category"),  # statistics: the funnel, index only
        Index(None, "status", "due_on"),
        Index(None, "decided_on"),
        Index(None, "exit_stage", "stopped_on"),  # gradual exits that have ended
        # statistics, read from the index alone: approval times grouped by (accepted, decided,
        # track) in index order; pass rate per day; both again per region
        Index(None, "accepted_on", "decided_on", "track", "category", "household_id"),
        Index(None, "accepted_on", "check_passed", "household_id"),
        Index(None, "region_id", "accepted_on", "decided_on", "track", "category", "check_passed"),
    )


class ApplicationStep(Created, Base):
    """A step of the procedure with its own deadline, who did it and when."""

    __tablename__ = "application_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    step: Mapped[str] = mapped_column(String(24))
    started_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    __table_args__ = (Index(None, "application_id", "started_on"),)


class Commitment(Created, Base):
    """The applicant's signed commitment (告知承诺书)."""

    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    signed_on: Mapped[date] = mapped_column(Date)
    signer_name: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str | None] = mapped_column(String(256))
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary)


class SpotCheckSample(Created, Base):
    """A reproducible random draw of approved commitment-track applications for spot checks."""

    __tablename__ = "spot_check_samples"

    id: Mapped[int] = mapped_column(primary_key=True)
    drawn_on: Mapped[date] = mapped_column(Date)
    seed: Mapped[int]
    rate: Mapped[Decimal | None]
    count: Mapped[int | None]
    stratified: Mapped[bool] = mapped_column(default=False)
    population: Mapped[dict] = mapped_column(JSON, default=dict)  # filter used and ids considered


class PostCheck(Versioned, Created, Base):
    """A check after a commitment-track approval: centralised, periodic or spot."""

    __tablename__ = "post_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # centralised / periodic / spot
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    result: Mapped[str | None] = mapped_column(String(16))  # passed / failed
    note: Mapped[str] = mapped_column(Text, default="")
    sample_id: Mapped[int | None] = mapped_column(ForeignKey("spot_check_samples.id"))

    __table_args__ = (Index(None, "due_on", "done_on"), Index(None, "application_id"))


class Revocation(Versioned, Created, Base):
    """Revocation and recovery (撤销 / 追回) opened by a failed post-check."""

    __tablename__ = "revocations"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    post_check_id: Mapped[int | None] = mapped_column(ForeignKey("post_checks.id"))
    reason: Mapped[str] = mapped_column(Text)
    amount_to_recover: Mapped[Decimal]
    amount_recovered: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open / closed
    closed_on: Mapped[date | None] = mapped_column(Date)
    # Tracing the problem back (问题倒查): whether the staff who handled the application followed the
    # procedure (exempt from liability, 容错免责) or not, recorded by the county.
    trace_finding: Mapped[str | None] = mapped_column(String(16))  # rules.procedure.TRACE_FINDINGS
    trace_note: Mapped[str] = mapped_column(Text, default="")
    traced_on: Mapped[date | None] = mapped_column(Date)
    traced_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # no FK, as updated_by_id


class AssistanceRecord(Created, Base):
    """One month of assistance paid to a household."""

    __tablename__ = "assistance_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    category: Mapped[str] = mapped_column(String(16))
    month: Mapped[date] = mapped_column(Date)  # first day of the month
    amount: Mapped[Decimal]
    method: Mapped[str] = mapped_column(String(16), default="cash")  # cash / in_kind / service
    # The household as it was paid (a roster printed again after a move, a head's death or a birth lists the
    # month as it was paid): its community, head and size when the month was recorded. NULL in records
    # older than migration 0015 that no household row could fill.
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    head_name: Mapped[str | None] = mapped_column(String(64))
    head_id_number: Mapped[str | None] = mapped_column(String(18))
    member_count: Mapped[int | None] = mapped_column()

    __table_args__ = (Index(None, "household_id", "month"), Index(None, "month"))


class Notice(Created, Base):
    """A document issued (approval/refusal notice, publicity list) kept for the file."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    data: Mapped[dict] = mapped_column(JSON, default=dict)
