"""What every page is given: the open database, the person logged in, a navigator to ask for
other screens, and a change feed. Passed explicitly; there is no global registry."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from desktop.services.base import Actor
from desktop.services.database import Database


class Navigator(QObject):
    """Pages ask for other screens through these signals; the main window answers them."""

    showPage = Signal(str)  # page key, e.g. "households"
    openHousehold = Signal(int)  # household id: open its detail
    assessHousehold = Signal(int)  # start the assessment wizard
    applyForHousehold = Signal(int)  # start an application
    referHousehold = Signal(int)  # open a referral form
    showList = Signal(str, str)  # page key and one of the lists it offers (its show_list): "board", "visits_due"


class ChangeFeed(QObject):
    """Something changed in the database: here or on another workstation.

    ``changed`` carries a topic ("households", "board", "visits", "referrals", "applications",
    "clues", "assessments", "policy", "*") and an id (0 when many). Pages refresh what they show
    without losing the user's selection or scroll position."""

    changed = Signal(str, int)

    def publish(self, topic: str, ident: int = 0) -> None:
        self.changed.emit(topic, ident)


@dataclass
class AppContext:
    db: Database
    actor: Actor
    nav: Navigator = field(default_factory=Navigator)
    changes: ChangeFeed = field(default_factory=ChangeFeed)
