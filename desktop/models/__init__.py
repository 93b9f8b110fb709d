"""The tables. Import this package to register every model on ``Base.metadata``."""

from desktop.models.application import (
    Application,
    ApplicationStep,
    AssistanceRecord,
    Commitment,
    Notice,
    PostCheck,
    Revocation,
    SpotCheckSample,
)
from desktop.models.assessment import Assessment, PolicySetting
from desktop.models.base import Base
from desktop.models.discovery import Clue, ColumnMapping, ImportBatch, ImportRow
from desktop.models.household import Expense, Household, Income, Member
from desktop.models.monitoring import LibraryMove, Referral, Visit
from desktop.models.region import Region
from desktop.models.system import AppSetting, AuditEntry, CalendarDay, CalendarYear
from desktop.models.user import User

__all__ = [
    "AppSetting", "Application", "ApplicationStep", "Assessment", "AssistanceRecord", "AuditEntry",
    "Base", "CalendarDay", "CalendarYear", "Clue", "ColumnMapping", "Commitment", "Expense",
    "Household", "ImportBatch", "ImportRow", "Income", "LibraryMove", "Member", "Notice",
    "PolicySetting", "PostCheck", "Referral", "Region", "Revocation", "SpotCheckSample", "User", "Visit",
]
