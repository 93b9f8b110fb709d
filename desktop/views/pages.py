"""The areas of the main window, in navigation order.

Each entry names the class that builds the page: ``"module:Class"``, constructed as
``Class(ctx, parent)``. An entry whose class is None shows an honest "not available yet" page.
Add a settings tab by adding an entry to SETTINGS_TABS in the same form.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.rules.codes import Role

# key, label (translated in context "Pages"), "module:Class" or None, roles that may open it (None = all)
PAGES: list[tuple[str, str, str | None, frozenset[Role] | None]] = [
    ("today", QT_TRANSLATE_NOOP("Pages", "Today's work"), "desktop.views.today:TodayPage", None),
    ("households", QT_TRANSLATE_NOOP("Pages", "Households"), "desktop.views.households:HouseholdsPage", None),
    ("discovery", QT_TRANSLATE_NOOP("Pages", "Discovery"), "desktop.views.discovery:DiscoveryPage", None),
    ("assessment", QT_TRANSLATE_NOOP("Pages", "Assessment"), "desktop.views.assessment:AssessmentPage", None),
    ("board", QT_TRANSLATE_NOOP("Pages", "Monitoring board"), "desktop.views.board:BoardPage", None),
    ("applications", QT_TRANSLATE_NOOP("Pages", "Applications"), "desktop.views.applications:ApplicationsPage",
     None),
    ("statistics", QT_TRANSLATE_NOOP("Pages", "Statistics"), "desktop.views.statistics:StatisticsPage", None),
    ("settings", QT_TRANSLATE_NOOP("Pages", "Settings"), "desktop.views.settings:SettingsPage", None),
]

# The supervisor sees statistics only (no screen that shows full ID numbers or personal detail).
SUPERVISOR_PAGES = frozenset({"statistics"})

# key, label (context "Pages"), "module:Class", roles that may open it (None = all). A tab's Alt key works
# whichever tab is shown: its letter must be free on every tab (and the menu bar's F, V, H), in Chinese
# too (the translations choose their own letters).
SETTINGS_TABS: list[tuple[str, str, str, frozenset[Role] | None]] = [
    ("users", QT_TRANSLATE_NOOP("Pages", "Use&rs"), "desktop.views.users:UsersTab", frozenset({Role.ADMIN})),
    ("regions", QT_TRANSLATE_NOOP("Pages", "Re&gions"), "desktop.views.regions:RegionsTab", None),
    ("policy", QT_TRANSLATE_NOOP("Pages", "Poli&cy settings"), "desktop.views.policy_settings:PolicySettingsTab", None),
    ("calendar", QT_TRANSLATE_NOOP("Pages", "Holiday cal&endar"), "desktop.views.calendar_settings:CalendarSettingsTab",
     None),
    ("connection", QT_TRANSLATE_NOOP("Pages", "Data&base connection"), "desktop.views.connection:ConnectionTab", None),
    ("audit", QT_TRANSLATE_NOOP("Pages", "&Audit log"), "desktop.views.audit_log:AuditLogTab", frozenset({Role.ADMIN})),
]
