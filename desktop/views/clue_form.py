"""The clue form (线索登记), and the small dialogs of the clue inbox: assign and close."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.rules import idcard, spelling
from desktop.rules.codes import (
    CHANNEL_LABELS,
    STAGE_LABELS,
    SourceLevel,
    department_key,
    department_label,
    is_other_department,
)
from desktop.services import clues
from desktop.services import department_import as di
from desktop.services import households as hs
from desktop.services.clues import ClueInfo, ClueInput, PersonMatch
from desktop.services.errors import ConflictError, ServiceError, ValidationFailed
from desktop.views.combos import refill
from desktop.views.confirm import FormDialog, asked_yes
from desktop.views.context import AppContext
from desktop.views.dates import day_edit
from desktop.views.errors import show_error
from desktop.views.keys import enter_runs, text_box
from desktop.views.screens import resize_to_fit, scrolling_body

ERROR_STYLE = "border: 1px solid #c0392b; background: #fdecea;"


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def fill_regions(combo: QComboBox, ctx: AppContext, *, blank: str | None = None,
                 extra: tuple[str, object] | None = None) -> bool:
    """Sub-districts and communities the user may choose, indented under their parents (``extra``:
    an item after the blank one), keeping the choice when filled again. False when the region
    chosen is no longer there (the first item is chosen instead)."""
    items: list[tuple[str, object]] = [(blank, None)] if blank is not None else []
    if extra is not None:
        items.append(extra)
    items += [("    " * max(depth - 1, 0) + name, region_id)
              for region_id, name, depth in clues.region_choices(ctx.db, ctx.actor)]
    return refill(combo, items)


class ClueForm(FormDialog):
    """Record a new clue or correct an open one. Keeps the user's input on any error."""

    def state(self) -> object:  # what closing without saving would throw away
        return self.value()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, clue_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.clue_id = clue_id
        self.version: int | None = None
        self.household_id: int | None = None
        self.member_id: int | None = None  # the registry member picked (their number, not the head's)
        self._typed_link: str | None = None  # the ID number typed by hand that linked the household
        # An edited clue: its number and its link as loaded (the link comes back when the number does).
        self._loaded_number: str | None = None
        self._loaded_link: tuple[int | None, str] = (None, "")
        self._relinked = False
        self.saved_id: int | None = None
        self._masked_number = ""
        self.setWindowTitle(self.tr("New clue") if clue_id is None else self.tr("Edit clue #{id}").format(id=clue_id))
        resize_to_fit(self, 720, 640)
        outer = QVBoxLayout(self)
        layout = scrolling_body(outer)  # the fields scroll on a small screen; message and buttons stay

        # -- the person ---------------------------------------------------------------------
        person = QGroupBox(self.tr("Person or household"))
        pform = QVBoxLayout(person)
        search_row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the registry by name or ID number (or its last digits)"))
        enter_runs(self.search, self.run_search)
        self.search_button = QPushButton(self.tr("&Search"))
        self.search_button.clicked.connect(self.run_search)
        # The box has its own Alt key (Alt+S presses 查找, a click, and took nobody to the box)
        search_label = QLabel(self.tr("&Look up:"))
        search_label.setBuddy(self.search)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.search_button)
        pform.addLayout(search_row)
        self.results = QListWidget()
        self.results.setMaximumHeight(110)
        self.results.itemActivated.connect(self.pick_result)
        self.results.itemDoubleClicked.connect(self.pick_result)
        enter_runs(self.results, self._pick_current)
        self.results.hide()
        pform.addWidget(self.results)
        link_row = QHBoxLayout()
        self.link_label = QLabel()
        self.link_label.setWordWrap(True)
        self.unlink_button = QPushButton(self.tr("&Unlink"))
        self.unlink_button.clicked.connect(self.unlink)
        link_row.addWidget(self.link_label, 1)
        link_row.addWidget(self.unlink_button)
        pform.addLayout(link_row)
        fields = QFormLayout()
        self.name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(24)
        self.id_number.textChanged.connect(self.check_id)
        self.id_hint = QLabel()
        self.id_hint.hide()  # shown with a word on the number typed: empty, its row left a gap in the form
        self.phone = QLineEdit()
        self.address = QLineEdit()
        for edit, length in ((self.name, 64), (self.phone, 32), (self.address, 256)):  # the columns' lengths
            edit.setMaxLength(length)
        fields.addRow(self.tr("&Name:"), self.name)
        fields.addRow(self.tr("&ID number:"), self.id_number)
        fields.addRow("", self.id_hint)
        fields.addRow(self.tr("&Phone:"), self.phone)
        fields.addRow(self.tr("A&ddress:"), self.address)
        pform.addLayout(fields)
        layout.addWidget(person)

        # -- where it came from -------------------------------------------------------------
        source = QGroupBox(self.tr("Source"))
        sform = QFormLayout(source)
        try:  # departments outside the nine that sent lists (公安局 …) are sources too
            self._other_departments = di.other_departments(ctx.db, ctx.actor)
        except ServiceError:
            self._other_departments = []
        self.level = QComboBox()
        for level, label, _ in clues.source_choices():
            self.level.addItem(label, str(level))
        self.level.currentIndexChanged.connect(self._fill_sources)
        self.source = QComboBox()
        self.source.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # a typed department is not added to the list
        # A department outside the nine and those that sent lists (公安局, 法院 …) is typed in, as the
        # command takes it; the hint says what it is filed as (the rule the service checks it with).
        self.source_hint = QLabel()
        self.source_hint.setWordWrap(True)
        self.source_hint.setStyleSheet("color: #666;")
        self.source_hint.hide()
        self.source.editTextChanged.connect(self._source_typed)
        self.source.currentIndexChanged.connect(self._source_typed)
        self.channel = QComboBox()
        self.channel.addItem(self.tr("(not given)"), None)
        for code, label in CHANNEL_LABELS.items():
            self.channel.addItem(label, code)
        self.reported_on = day_edit()
        self.reported_on.setMaximumDate(_qdate(date.today()))
        self.reported_on.setDate(_qdate(date.today()))
        self.reported_by = QLineEdit()
        self.reported_by.setMaxLength(64)  # the column's length: longer was a database error on PostgreSQL
        self.reported_by.setPlaceholderText(self.tr("Who reported it (informant, department contact …)"))
        self.region = QComboBox()
        fill_regions(self.region, ctx, blank=self.tr("(not assigned yet)") if clues.sees_unassigned(ctx.actor)
                     else None)
        if not clues.sees_unassigned(ctx.actor):
            index = self.region.findData(ctx.actor.region_id)
            self.region.setCurrentIndex(max(index, 0))
        sform.addRow(self.tr("Source &type:"), self.level)
        sform.addRow(self.tr("S&ource:"), self.source)
        sform.addRow("", self.source_hint)
        sform.addRow(self.tr("&Channel:"), self.channel)
        sform.addRow(self.tr("&Found on:"), self.reported_on)
        sform.addRow(self.tr("&Reported by:"), self.reported_by)
        sform.addRow(self.tr("Re&gion:"), self.region)
        layout.addWidget(source)

        seen = QGroupBox(self.tr("What &was seen"))
        vl = QVBoxLayout(seen)
        self.description = text_box(lines=4)
        self.description.setPlaceholderText(self.tr("The situation found: income, health, housing, who lives there …"))
        vl.addWidget(self.description)
        layout.addWidget(seen, 1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        outer.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self._widgets = {"person_name": self.name, "id_number": self.id_number, "phone": self.phone,
                         "address": self.address, "source_level": self.level, "source": self.source,
                         "channel": self.channel, "reported_on": self.reported_on, "description": self.description,
                         "region_id": self.region}
        self._fill_sources()
        self._show_link(None)
        if clue_id is not None:
            self.load(clue_id)
        self.discard_question = self.tr("Discard what you entered in this clue form?")
        self.mark_unchanged()  # what closing without saving would throw away is compared with this
        self.search.setFocus()

    # -- filling ------------------------------------------------------------------------------
    def _fill_sources(self) -> None:
        level = self.level.currentData()
        department = level == SourceLevel.DEPARTMENT
        self.source.setEditable(department)  # before clear(): an editable combo keeps the typed text otherwise
        self.source.clear()
        for lvl, _label, sources in clues.source_choices(self._other_departments):
            if lvl == level:
                for code, label in sources:
                    self.source.addItem(label, code)
        if department:
            edit = self.source.lineEdit()
            edit.setPlaceholderText(self.tr("Choose, or type another department (公安局, 法院 …)"))
        self._source_typed()

    def source_value(self) -> str:
        """The source sent to the service: the code of the item chosen, or a department's name as typed
        (the service files 人社局 as 人社 and refuses a blank, too long or category name, as for the command)."""
        text = self.source.currentText().strip()
        index = self.source.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0 or not self.source.isEditable():
            data = self.source.itemData(index if index >= 0 else self.source.currentIndex())
            return data if isinstance(data, str) else ""
        return text

    def _source_typed(self, *_args: object) -> None:
        """Under a typed department's name: what it is filed as, or why it is refused."""
        if not self.source.isEditable():
            self.source_hint.hide()
            return
        text = self.source.currentText().strip()
        if not text or self.source.findText(text, Qt.MatchFlag.MatchFixedString) >= 0:
            self.source_hint.setText(self.tr("A department not in the list is typed in by its name "
                                             "(公安局, 法院 …)."))
            self.source_hint.setStyleSheet("color: #666;")
        else:
            try:
                key = department_key(text)
            except ValueError as exc:
                self.source_hint.setText(str(exc))
                self.source_hint.setStyleSheet("color: #c0392b;")
            else:
                if is_other_department(key):
                    hint = self.tr("Other department: the clue is kept under the name “{name}”.").format(name=key)
                else:
                    hint = self.tr("Filed as {label}, one of the nine departments.").format(
                        label=department_label(key))
                self.source_hint.setText(hint)
                self.source_hint.setStyleSheet("color: #1e7e34;")
        self.source_hint.show()

    def load(self, clue_id: int) -> None:
        info = clues.get_clue(self.ctx.db, self.ctx.actor, clue_id)
        self.version = info.version
        self.household_id = info.household_id
        self.name.setText(info.person_name)
        if self.ctx.actor.sees_full_id:
            self._loaded_number = clues.full_id_number(self.ctx.db, self.ctx.actor, clue_id)
            self.id_number.setText(self._loaded_number)
        else:
            self._masked_number = info.id_number
            self.id_number.setPlaceholderText(self.tr("{masked} (unchanged unless you type a new one)").format(
                masked=info.id_number))
        self.phone.setText(info.phone)
        self.address.setText(info.address)
        if info.source_level == SourceLevel.DEPARTMENT and info.source not in self._other_departments \
                and is_other_department(info.source):  # a department outside the nine, kept by its name
            self._other_departments.append(info.source)
        self.level.setCurrentIndex(max(self.level.findData(info.source_level), 0))
        self._fill_sources()
        self.source.setCurrentIndex(max(self.source.findData(info.source), 0))
        self._source_typed()
        self.channel.setCurrentIndex(max(self.channel.findData(info.channel), 0))
        self.reported_on.setDate(_qdate(info.reported_on))
        self.reported_by.setText(info.reported_by)
        self.description.setPlainText(info.description)
        index = self.region.findData(info.region_id)
        if index >= 0:
            self.region.setCurrentIndex(index)
        if info.household_id:
            # the household's number and head, not its database id ("#4337" told the user nothing)
            self.link_label.setText(self.tr("Linked to household {code} of {head} ({stage}).").format(
                code=info.household_code or f"#{info.household_id}", head=info.household_head,
                stage=info.household_stage_label or self.tr("not on the board")))
            self.unlink_button.show()
        self._loaded_link = (info.household_id, self.link_label.text())

    # -- the registry -------------------------------------------------------------------------
    def run_search(self) -> None:
        try:
            found = clues.search_people(self.ctx.db, self.ctx.actor, self.search.text())
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.results.clear()
        for person in found:
            extra = []
            if person.stage_label:
                extra.append(person.stage_label)
            if person.category_label and person.category_label != "无":
                extra.append(person.category_label)
            if person.open_clue_id:
                extra.append(self.tr("open clue #{id}").format(id=person.open_clue_id))
            text = f"{person.name}  {person.id_number}  {person.region_name}  {person.address}"
            if extra:
                text += "  [" + ", ".join(extra) + "]"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, person)
            self.results.addItem(item)
        if not found:
            item = QListWidgetItem(self.tr("Nobody found in the registry: enter the person below as new."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        self.results.show()
        if found:
            self.results.setCurrentRow(0)
            self.results.setFocus()

    def _pick_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.pick_result(item)

    def pick_result(self, item: QListWidgetItem) -> None:
        person: PersonMatch | None = item.data(Qt.ItemDataRole.UserRole)
        if person is None:
            return
        self.household_id = person.household_id
        self.member_id = person.member_id
        self.name.setText(person.name)
        self.id_number.clear()
        self.id_number.setPlaceholderText(person.id_number)
        self.phone.setText(person.phone)
        self.address.setText(person.address)
        index = self.region.findData(person.region_id)
        if index >= 0:
            self.region.setCurrentIndex(index)
        self._show_link(person)
        self.results.hide()
        self.level.setFocus()

    def _show_link(self, person: PersonMatch | None) -> None:
        if person is None:
            self.link_label.setText(self.tr("Not linked to a registry household: the person is entered as new."))
            self.unlink_button.hide()
            return
        stage = STAGE_LABELS.get(person.stage, self.tr("not on the board")) if person.stage else \
            self.tr("not on the board")
        text = self.tr("Linked to the household of {head} in {region} ({stage}).").format(
            head=person.head_name, region=person.region_name, stage=stage)
        typed = self.name.text().strip()
        if typed and spelling.person_name(typed) != person.name:  # a number typed under another person's name
            text += " " + self.tr("Note: the registry has this ID number under the name {name}.").format(
                name=person.name)
        self.link_label.setText(text)
        self.unlink_button.show()

    def _link_typed_number(self, number: str | None) -> None:
        """A new clue's ID number typed by hand that is in the registry links its household, as picking
        the person from the search does and as ``clue add --id-number`` does: the form said "entered as
        new" and filed it unassigned where the command linked it and assigned it to the community. A
        link made so goes again when the number is changed."""
        if self.clue_id is not None:
            self._relink_edited(number)
            return
        if self._typed_link is not None and self._typed_link != number:
            self._typed_link = None
            self.unlink()
        if number is None or self.household_id is not None:
            return
        try:
            found = clues.search_people(self.ctx.db, self.ctx.actor, number, limit=1)
            owner = None if found else hs.find_id_owner(self.ctx.db, self.ctx.actor, number)
        except ServiceError:
            return  # looked up again, with its message, when saved
        if not found:
            if owner is not None and not owner.in_scope:  # not "entered as new": the registry has them elsewhere
                self.link_label.setText(self.tr(
                    "This ID number is registered in household {code} outside your area: the clue can be entered, "
                    "but its closing moves that household and is for the district staff.").format(
                    code=owner.household_code))
            else:
                self._show_link(None)
            return
        person = found[0]
        self._typed_link = number
        self.household_id = person.household_id
        self.member_id = person.member_id
        for box, value in ((self.name, person.name), (self.phone, person.phone), (self.address, person.address)):
            if not box.text().strip():
                box.setText(value)
        self._follow_household(person)
        self._show_link(person)

    def _follow_household(self, person: PersonMatch) -> None:
        """A clue not yet assigned further than the user's own area goes where the linked household is."""
        if self.region.currentData() in (None, self.ctx.actor.region_id):
            index = self.region.findData(person.region_id)
            if index >= 0:
                self.region.setCurrentIndex(index)

    def _relink_edited(self, number: str | None) -> None:
        """An edited clue's ID number typed over the one it had is, once saved, about whoever has the new
        number in the registry, or nobody there (``clues.update_clue`` links so): the form shows that
        link before saving, not the old household's. The link as loaded comes back with the number."""
        if number is None or number == self._loaded_number:
            if self._relinked:
                self._relinked = False
                self.household_id, label = self._loaded_link
                self.member_id = None
                if self.household_id is None:
                    self._show_link(None)
                else:
                    self.link_label.setText(label)
                    self.unlink_button.show()
            return
        try:
            found = clues.search_people(self.ctx.db, self.ctx.actor, number, limit=1)
        except ServiceError:
            return  # looked up again, with its message, when saved
        self._relinked = True
        person = found[0] if found else None
        self.household_id = person.household_id if person else None
        self.member_id = person.member_id if person else None
        if person is not None:
            self._follow_household(person)
        self._show_link(person)

    def unlink(self) -> None:
        self._typed_link = None
        self.household_id = None
        self.member_id = None
        self.id_number.setPlaceholderText("")
        self._show_link(None)

    def check_id(self, text: str) -> None:
        self.id_hint.setHidden(not text.strip())
        if not text.strip():
            self.id_hint.setText("")
            self.id_number.setStyleSheet("")
            return
        parsed = idcard.parse(text, today=date.today())
        self._link_typed_number(parsed.number if parsed.valid else None)
        if parsed.valid and parsed.number:
            born = idcard.birth_date(parsed.number)
            note = self.tr("Valid: {sex}, born {born}").format(sex=idcard.sex(parsed.number), born=born.isoformat())
            if parsed.converted_from_15:
                note += self.tr(" (15 digits converted to {number})").format(number=parsed.number)
            self.id_hint.setText(note)
            self.id_hint.setStyleSheet("color: #1e7e34;")
            self.id_number.setStyleSheet("")
        else:
            self.id_hint.setText(parsed.message)
            self.id_hint.setStyleSheet("color: #c0392b;")
            self.id_number.setStyleSheet(ERROR_STYLE)

    # -- saving -------------------------------------------------------------------------------
    def value(self) -> ClueInput:
        return ClueInput(
            source_level=self.level.currentData() or "", source=self.source_value(),
            reported_on=_pydate(self.reported_on.date()), description=self.description.toPlainText(),
            person_name=self.name.text(), id_number=self.id_number.text(), phone=self.phone.text(),
            address=self.address.text(), channel=self.channel.currentData(), reported_by=self.reported_by.text(),
            household_id=self.household_id, region_id=self.region.currentData(), member_id=self.member_id)

    def _mark(self, problems: dict[str, str]) -> None:
        for key, widget in self._widgets.items():
            widget.setStyleSheet(ERROR_STYLE if key in problems else "")
            widget.setToolTip(problems.get(key, ""))
        for key in self._widgets:
            if key in problems:
                self._widgets[key].setFocus()
                break

    def save(self) -> None:
        data = self.value()
        try:
            if self.clue_id is None:
                if data.id_number.strip():
                    existing = clues.find_open_clue(self.ctx.db, self.ctx.actor, data.id_number)
                    if existing is not None and not asked_yes(
                            self, self.tr("Open clue exists"),
                            self.tr("Clue #{id} about this person is still open. Record another clue anyway?")
                            .format(id=existing)):
                        return
                self.saved_id = clues.add_clue(self.ctx.db, self.ctx.actor, data)
            else:
                assert self.version is not None
                self.version = clues.update_clue(self.ctx.db, self.ctx.actor, self.clue_id, data,
                                                 expected_version=self.version)
                self.saved_id = self.clue_id
        except ValidationFailed as exc:
            self._mark(exc.problems)
            self.message.setText(exc.message)
            return
        except ConflictError as exc:
            self.message.setText(exc.message)
            show_error(self, exc)
            return
        except ServiceError as exc:
            self.message.setText(exc.message)
            show_error(self, exc)
            return
        self._mark({})
        self.ctx.changes.publish("clues", self.saved_id or 0)
        self.accept()


class AssignDialog(QDialog):
    """Choose the sub-district or community for one or many clues."""

    def __init__(self, ctx: AppContext, count: int, parent: QWidget | None = None, *, now_in: int | None = None,
                 last: int | None = None) -> None:
        """``now_in``: the region the clues are all in now; ``last``: the region chosen the last time.
        The list starts on ``last``, or else on the first region other than ``now_in``: it used to start on
        the caseworker's own sub-district, where new clues already are, so Enter assigned them nowhere."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign clues"))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Assign {n} selected clue(s) to:").format(n=count)))
        self.region = QComboBox()
        fill_regions(self.region, ctx)
        ids = [self.region.itemData(i) for i in range(self.region.count())]
        start = last if last in ids else next((i for i in ids if i != now_in), None)
        if start is not None:
            self.region.setCurrentIndex(ids.index(start))
        form.addRow(self.tr("&Region:"), self.region)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        # Qt's own size was the buttons' width (about 200 px): a sliver of a window whose list cut
        # "西塞山区 / 八泉街道 / 飞云社区"-long region names.
        self.setMinimumWidth(360)

    def region_id(self) -> int | None:
        return self.region.currentData()


class CloseClueDialog(FormDialog):
    """Close a clue with its outcome (what the investigation found)."""

    def __init__(self, clue: ClueInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Close clue #{id}").format(id=clue.id))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("{name}, found {date}: what did the investigation find?").format(
            name=clue.person_name, date=clue.reported_on.isoformat())))
        self.choices: dict[str, QRadioButton] = {}
        hints = {
            "class_2": self.tr("Obviously not eligible now, but vulnerable: the household goes to class II."),
            "passed": self.tr("Authorised economic check passed: the household is marked as applying and an "
                              "application opens."),
            "not_passed": self.tr("Eligible in principle, check not passed yet: the household goes to class I."),
            "not_hardship": self.tr("Not a hardship case: the clue is closed, nothing else changes."),
        }
        for number, outcome in enumerate(clues.OUTCOMES, start=1):
            button = QRadioButton(f"&{number} {clues.OUTCOME_LABELS[outcome]}")
            button.setToolTip(hints[outcome])
            self.choices[outcome] = button
            layout.addWidget(button)
            hint = QLabel("     " + hints[outcome])
            hint.setStyleSheet("color: #666;")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        if clue.household_id is None:
            # not assigned to a community, the first three outcomes are refused only after the whole dialog is
            # filled in: say so now
            if clue.in_community:
                text = self.tr("This clue has no household yet: for the first three outcomes one is created "
                               "from the person's details in the assigned region.")
            elif clue.region_id is None:
                text = self.tr("This clue has no household and is not assigned yet: the first three outcomes "
                               "create a household in the clue's community, so assign the clue to a community "
                               "first (“Assign…”), unless the person is in the registry already. “Not a "
                               "hardship case” can be chosen now.")
            else:
                text = self.tr("This clue has no household and is assigned to {region}, not to a community: the "
                               "first three outcomes create a household in the clue's community, so assign the clue "
                               "to a community first (“Assign…”), unless the person is in the registry already. "
                               "“Not a hardship case” can be chosen now.").format(region=clue.region_name)
            note = QLabel(text)
            note.setWordWrap(True)
            note.setStyleSheet("color: #8a6d3b;")
            layout.addWidget(note)
        form = QFormLayout()
        self.closed_on = day_edit()
        self.closed_on.setMaximumDate(_qdate(date.today()))
        self.closed_on.setMinimumDate(_qdate(clue.reported_on))
        self.closed_on.setDate(_qdate(date.today()))
        self.note = QLineEdit()
        form.addRow(self.tr("Closed &on:"), self.closed_on)
        form.addRow(self.tr("&Note:"), self.note)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Close clue"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def outcome(self) -> str | None:
        for outcome, button in self.choices.items():
            if button.isChecked():
                return outcome
        return None

    def closed_date(self) -> date:
        return _pydate(self.closed_on.date())

    def _accept(self) -> None:
        if self.outcome() is None:
            QMessageBox.information(self, self.windowTitle(), self.tr("Please choose an outcome."))
            return
        self.accept()


class ReopenClueDialog(FormDialog):
    """Reopen a closed clue: what happens (where it goes back to, the household's class) and why."""

    def __init__(self, plan: clues.ReopenPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reopen clue #{id}").format(id=plan.clue_id))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        closed = self.tr("{name}: closed on {date} as “{outcome}”.").format(
            name=plan.person_name, date=plan.closed_on.isoformat() if plan.closed_on else "—",
            outcome=plan.outcome_label or self.tr("(no outcome recorded)"))
        goes = self.tr("Reopened, it goes back to “{status}”; its outcome is cleared and the closing stays "
                       "in its history.").format(status=plan.returns_to_label)
        for text, style in ((closed, ""), (goes, ""), (plan.effect, "color: #8a6d3b;")):
            label = QLabel(text)
            label.setWordWrap(True)
            label.setStyleSheet(style)
            layout.addWidget(label)
        if plan.other_open_clue_id is not None:
            other = QLabel(self.tr("Clue #{id} about this person is still open: the work may go on there "
                                   "instead.").format(id=plan.other_open_clue_id))
            other.setWordWrap(True)
            other.setStyleSheet("color: #c0392b;")
            layout.addWidget(other)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. closed by mistake; the family's situation has changed"))
        form.addRow(self.tr("&Reason (kept in the log):"), self.reason)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Reopen clue"))
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
