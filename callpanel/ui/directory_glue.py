"""Joins who-is-calling to the window: the caller lookup fills each card after it appears, the
screen pop gets the book's contact, the ☰ menu opens the contacts and the history, and a card
or a recent call's context menu adds a note, an outcome or a contact, and opens the
looked-up contact's page (a CRM record) when the source gave one.

The card never waits: it shows the Caller ID at once; the lookup's answer (the local book is
instant, a CRM or LDAP at most 1.5 s later) is added when it comes. A lookup that fails says
nothing on screen (the sources log it).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QInputDialog, QListWidget, QMenu, QWidget

from ..calls.model import Call
from ..directory.contacts import Contact, ContactError, ContactNumber, is_dialable
from ..directory.lookup import CallerLookup, LookupResult
from ..store.contacts import ContactsError, ContactsStore
from ..store.history import History, HistoryError
from .contacts_dialog import ContactEditor, ContactsDialog
from .history import HistoryRow
from .history_view import HistoryDialog
from .window import MainWindow

log = logging.getLogger(__name__)


def callee_names(book: ContactsStore | None, history: History) -> Callable[[str], str]:
    """The name the operator's phone shows with a number before a call out: the contact's,
    else who called from it last (the lookup's name, else their Caller ID); "" when unknown."""

    def name_of(number: str) -> str:
        try:
            contact = book.find_by_number(number) if book is not None else None
            if contact is not None:
                return contact.name
            for entry in history.query(number, limit=20):
                if entry.number == number and entry.direction == "incoming":
                    name = entry.contact or entry.name
                    if name and name != number:
                        return name
        except (ContactsError, HistoryError, sqlite3.Error) as exc:
            log.warning("no name for the number dialled: %s", exc)
        return ""

    return name_of


class DirectoryGlue(QObject):
    def __init__(
        self,
        window: MainWindow,
        *,
        history: History,
        book: ContactsStore | None,
        lookup: CallerLookup,
        region: str,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.history = history
        self.book = book
        self.lookup = lookup
        self.region = region
        self.results: dict[str, LookupResult] = {}  # call id -> who the lookup says it is
        self.pending: dict[str, tuple[str, str]] = {}  # call id -> (note, outcome) mid-call
        self.contacts_dialog: ContactsDialog | None = None
        self.history_dialog: HistoryDialog | None = None
        self.editor: ContactEditor | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        bridge = window.bridge
        # after the window's own slots: the card exists, the ended call is in the history
        bridge.callAdded.connect(self._call_added)
        bridge.callEnded.connect(self._call_ended)
        bridge.callDropped.connect(self._call_dropped)  # (bound methods: no lambda keeps
        # an old window alive after the language switch rebuilds it)
        # (the screen pop's hooks are set by the controller: a reference from the window's
        # screen pop back to this glue would keep a discarded window alive)
        window.desk_actions.contactsRequested.connect(self.open_contacts)
        window.desk_actions.historyRequested.connect(self.open_history)
        # (a closure over the stores only: the window must not keep this glue alive)
        window.callee_name = callee_names(book, history)
        recent = window.history.list
        recent.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        recent.customContextMenuRequested.connect(self._recent_menu)

    # -- lookups ---------------------------------------------------------------------------

    def _call_added(self, call: Call) -> None:
        widget = self.window.call_widgets.get(call.call_id)
        if widget is not None:
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            widget.customContextMenuRequested.connect(
                lambda pos, w=widget, cid=call.call_id: self._card_menu(w, cid, pos)
            )
        if not is_dialable(call.number):
            return  # "anonymous": nothing to look up
        task = asyncio.ensure_future(self._look_up(call))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _look_up(self, call: Call) -> None:
        try:
            result = await self.lookup.lookup(call.number)
        except Exception as exc:  # the chain logs its sources; this is a last guard
            log.warning("lookup for call %s failed: %r", call.call_id, exc)
            return
        if result is None:
            return
        self.results[call.call_id] = result
        widget = self.window.call_widgets.get(call.call_id)
        if widget is not None:
            widget.set_contact(result.display, self._contact_tip(result))
            self.window._fit_calls()  # the card grew by a line
        elif self.history.get(call.call_id) is not None:  # it ended while we looked
            self._store_contact(call.call_id)

    def _contact_tip(self, result: LookupResult) -> str:
        source = {
            "contacts": self.tr("from the address book"),
            "http": self.tr("from the CRM"),
            "ldap": self.tr("from the company directory"),
        }.get(result.source, "")
        lines = [source] if source else []
        if result.link:
            lines.append(self.tr("Right-click to open the contact's page: %s") % result.link)
        return "\n".join(lines)

    def open_link(self, call_id: str) -> bool:
        """Open the looked-up contact's page (a CRM record) in the browser."""
        result = self.results.get(call_id)
        if result is None or not result.link:
            return False
        return QDesktopServices.openUrl(QUrl(result.link, QUrl.ParsingMode.StrictMode))

    def _call_ended(self, call: Call) -> None:
        window = self.window
        if window.isVisible() and window.isActiveWindow() and not window.isMinimized():
            # The operator is looking at the list the missed call just landed in: seen. (No
            # activation event comes when the window already had the focus.)
            window.history.mark_seen()
        if call.call_id in self.results:
            self._store_contact(call.call_id)
        note, outcome = self.pending.pop(call.call_id, ("", ""))
        try:
            if note:
                self.history.set_note(call.call_id, note)
            if outcome:
                self.history.set_outcome(call.call_id, outcome)
        except (HistoryError, sqlite3.Error) as exc:
            log.warning("history note for %s: %s", call.call_id, exc)
        self.results.pop(call.call_id, None)

    def _store_contact(self, call_id: str) -> None:
        result = self.results.get(call_id)
        if result is None:
            return
        try:
            self.history.set_contact(call_id, result.display)
        except (HistoryError, sqlite3.Error) as exc:
            log.warning("history contact for %s: %s", call_id, exc)

    def _call_dropped(self, call: Call) -> None:
        self.results.pop(call.call_id, None)
        self.pending.pop(call.call_id, None)

    def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    # -- menus -----------------------------------------------------------------------------

    def _card_menu(self, widget: QWidget, call_id: str, pos: QPoint) -> QMenu:
        card = self.window.call_widgets.get(call_id)
        number = card.call.number if card is not None else ""
        menu = QMenu(widget)
        menu.setObjectName("CardMenu")
        menu.addAction(self.tr("Note and outcome…"), lambda: self.edit_note(call_id))
        result = self.results.get(call_id)
        if result is not None and result.link:
            menu.addAction(self.tr("Open the contact's page"), lambda: self.open_link(call_id))
        if is_dialable(number):
            menu.addAction(self._contact_action_text(number),
                           lambda: self.edit_contact(number, card.call.name if card else ""))
            menu.addAction(self.tr("Copy number"),
                           lambda: QGuiApplication.clipboard().setText(number))
        menu.popup(widget.mapToGlobal(pos))
        return menu

    def _recent_menu(self, pos: QPoint) -> QMenu | None:
        recent: QListWidget = self.window.history.list
        item = recent.itemAt(pos)
        row = recent.itemWidget(item) if item is not None else None
        if not isinstance(row, HistoryRow):
            return None
        entry = row.entry
        menu = QMenu(recent)
        menu.setObjectName("RecentMenu")
        if is_dialable(entry.number):
            menu.addAction(self.tr("Call back"),
                           lambda: self.window.history.callBackRequested.emit(entry.number))
            menu.addAction(self.tr("Copy number"),
                           lambda: QGuiApplication.clipboard().setText(entry.number))
            menu.addAction(self._contact_action_text(entry.number),
                           lambda: self.edit_contact(entry.number, entry.contact or entry.name))
        menu.addAction(self.tr("Note and outcome…"), lambda: self.edit_note(entry.call_id))
        menu.popup(recent.viewport().mapToGlobal(pos))
        return menu

    def _contact_action_text(self, number: str) -> str:
        known = self.book is not None and self.book.find_by_number(number) is not None
        return self.tr("Edit contact…") if known else self.tr("Add to contacts…")

    # -- notes and contacts ----------------------------------------------------------------

    def edit_note(self, call_id: str) -> None:
        """A note for a call during it (kept until it ends) or after it (in the history)."""
        entry = self.history.get(call_id)
        note, outcome = self.pending.get(call_id, ("", ""))
        if entry is not None:
            note, outcome = entry.note, entry.outcome
        dialog = QInputDialog(self.window)
        dialog.setObjectName("NoteDialog")
        dialog.setWindowTitle(self.tr("Note and outcome"))
        dialog.setLabelText(self.tr("Outcome on the first line, then the note:"))
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setTextValue(f"{outcome}\n{note}" if outcome or note else "")
        dialog.textValueSelected.connect(lambda text: self.save_note(call_id, text))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def save_note(self, call_id: str, text: str) -> None:
        outcome, _, note = text.partition("\n")
        outcome, note = outcome.strip(), note.strip()
        if call_id in self.window.call_widgets:  # still going: written when it ends
            self.pending[call_id] = (note, outcome)
            return
        try:
            self.history.set_note(call_id, note)
            self.history.set_outcome(call_id, outcome)
        except (HistoryError, sqlite3.Error) as exc:
            self.window.error_bar.show_error(self.tr("Note not saved: %s") % exc)

    def edit_contact(self, number: str, name: str) -> ContactEditor | None:
        """The caller's contact in the editor: the stored one, or a new one with the number."""
        if self.book is None:
            return None
        existing = self.book.find_by_number(number)
        if existing is None:
            try:
                existing = Contact(name or number, numbers=(ContactNumber(number),))
            except ContactError:
                return None
        editor = ContactEditor(existing, self.window)
        editor.saved.connect(self._save_contact)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = editor
        editor.open()
        return editor

    def _save_contact(self, contact: Contact) -> None:
        if self.book is None:
            return
        try:
            if contact.id is None:
                self.book.add(contact)
            else:
                self.book.update(contact)
        except (sqlite3.Error, ContactsError) as exc:
            self.window.error_bar.show_error(self.tr("Contact not saved: %s") % exc)
            return
        self.lookup.forget()  # the next call from this number sees the new name
        if self.contacts_dialog is not None:
            self.contacts_dialog.refresh()

    # -- windows ---------------------------------------------------------------------------

    def open_contacts(self) -> ContactsDialog | None:
        if self.book is None:
            self.window.error_bar.show_error(self.tr("The address book is unavailable"))
            return None
        if self.contacts_dialog is None:
            dialog = ContactsDialog(self.book, self.window)
            dialog.callRequested.connect(self.window.history.callBackRequested)
            dialog.finished.connect(lambda _r: self.lookup.forget())
            self.contacts_dialog = dialog
        self.contacts_dialog.show()
        self.contacts_dialog.raise_()
        self.contacts_dialog.search.setFocus()
        return self.contacts_dialog

    def open_history(self) -> HistoryDialog:
        if self.history_dialog is None:
            dialog = HistoryDialog(self.history, parent=self.window)
            dialog.callRequested.connect(self.window.history.callBackRequested)
            dialog.contactRequested.connect(self.edit_contact)
            self.history_dialog = dialog
        else:
            self.history_dialog.refresh()
        self.history_dialog.show()
        self.history_dialog.raise_()
        return self.history_dialog


def book_result(book: ContactsStore | None, call: Call) -> LookupResult | None:
    """The local book's answer for a call, at once (for the screen pop)."""
    if book is None or not is_dialable(call.number):
        return None
    try:
        contact = book.find_by_number(call.number)
    except (sqlite3.Error, ContactsError) as exc:
        log.warning("contacts: %s", exc)
        return None
    return None if contact is None else LookupResult.from_contact(contact)
