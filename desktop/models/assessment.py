from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Created, Versioned


class PolicySetting(Versioned, Created, Base):
    """One named policy number in force from ``effective_from`` for an area (urban/rural)."""

    __tablename__ = "policy_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(48))
    area_type: Mapped[str] = mapped_column(String(8))  # rules.codes.AreaType
    effective_from: Mapped[date] = mapped_column(Date)
    value: Mapped[str] = mapped_column(String(32))  # decimal text, parsed by rules
    note: Mapped[str] = mapped_column(String(256), default="")

    __table_args__ = (Index(None, "name", "area_type", "effective_from", unique=True),)


class Assessment(Created, Base):
    """A frozen assessment: inputs, the settings used, the result and its explanation.

    Never edited after saving; later edits of the household do not touch it."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    assessed_on: Mapped[date] = mapped_column(Date)
    inputs: Mapped[dict] = mapped_column(JSON)
    settings: Mapped[dict] = mapped_column(JSON)
    per_capita_income: Mapped[Decimal]
    result_category: Mapped[str] = mapped_column(String(16))  # rules.codes.Category or "ineligible"
    urgent: Mapped[bool] = mapped_column(default=False)
    result: Mapped[dict] = mapped_column(JSON)  # candidates, referrals suggested, figures
    explanation: Mapped[str] = mapped_column(Text)
    verification_methods: Mapped[list] = mapped_column(JSON, default=list)
    investigators: Mapped[list] = mapped_column(JSON, default=list)
    suggested_placement: Mapped[str] = mapped_column(String(16))
    placement: Mapped[str] = mapped_column(String(16))
    override_reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index(None, "household_id", "assessed_on"),)
