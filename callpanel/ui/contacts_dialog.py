"""The address book window: search as you type, call, add, edit, delete, import a file."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..directory.contacts import Contact, ContactError, ContactNumber, ContactProblem
from ..directory.importers import import_bytes
from ..store.contacts import ContactsError, ContactsStore
from .directory_words import contact_error_text, import_problem_text
from .format import format_number

log = logging.getLogger(__name__)

SHOWN_PROBLEMS = 10
MAX_IMPORT_BYTES = 200 * 1024 * 1024


def contact_line(contact: Contact) -> str:
    """'Иван Петров — ООО Ромашка · +7 916 123-45-67' (plain text)."""
    text = contact.name
    if contact.company and contact.company != contact.name:
        text += " — " + contact.company
    if contact.numbers:
        text += " · " + format_number(contact.numbers[0].number)
        if len(contact.numbers) > 1:
            text += f" (+{len(contact.numbers) - 1})"
    return text


class ContactEditor(QDialog):
    """Add or edit one contact; numbers one a line, optionally "label: number"."""

    saved = Signal(object)  # Contact (with the id it had, or None for a new one)

    def __init__(self, contact: Contact | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ContactEditor")
        self.setWindowTitle(self.tr("Edit contact") if contact and contact.id else
                            self.tr("New contact"))
        self._id = contact.id if contact else None
        self.name = QLineEdit(contact.name if contact else "")
        self.name.setObjectName("ContactName")
        self.company = QLineEdit(contact.company if contact else "")
        self.company.setObjectName("ContactCompany")
        self.numbers = QPlainTextEdit(
            "\n".join(f"{n.label}: {n.number}" if n.label else n.number
                      for n in (contact.numbers if contact else ()))
        )
        self.numbers.setObjectName("ContactNumbers")
        self.numbers.setPlaceholderText(self.tr("One number a line, e.g. mobile: +7 916 123-45-67"))
        self.numbers.setFixedHeight(80)
        self.email = QLineEdit(contact.email if contact else "")
        self.link = QLineEdit(contact.link if contact else "")
        self.link.setPlaceholderText("https://crm.example.com/contact/42")
        self.note = QPlainTextEdit(contact.note if contact else "")
        self.note.setObjectName("ContactNote")
        self.note.setFixedHeight(70)
        self.error = QLabel()
        self.error.setObjectName("ContactError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c92a2a;")
        self.error.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Company"), self.company)
        form.addRow(self.tr("Numbers"), self.numbers)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Link"), self.link)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(420, 0)

    def collect(self) -> Contact:
        """The contact typed in; ``ContactError`` names what is wrong."""
        numbers: list[ContactNumber] = []
        for line in self.numbers.toPlainText().splitlines():
            if not line.strip():
                continue
            label, colon, number = line.rpartition(":")
            if not colon or not number.strip():
                label, number = "", line
            numbers.append(ContactNumber(number.strip(), label.strip()))
        if not numbers:
            raise ContactError("type at least one number", ContactProblem.NO_NUMBER)
        return Contact(
            self.name.text(),
            self.company.text(),
            tuple(numbers),
            self.note.toPlainText(),
            self.email.text(),
            self.link.text(),
            id=self._id,
        )

    def accept(self) -> None:
        try:
            contact = self.collect()
        except ContactError as exc:
            self.error.setText(contact_error_text(exc))
            self.error.setVisible(True)
            return
        super().accept()
        self.saved.emit(contact)


class ContactsDialog(QDialog):
    callRequested = Signal(str)

    def __init__(self, book: ContactsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ContactsDialog")
        self.setWindowTitle(self.tr("Contacts"))
        self.book = book
        self.editor: ContactEditor | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("ContactsSearch")
        self.search.setPlaceholderText(self.tr("Search by name, company, number or note"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("ContactsList")
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        # long names and companies end in "…" (the whole line is the tooltip), no side scrolling
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.count = QLabel(self)
        self.count.setObjectName("ContactsCount")
        self.call_button = QPushButton(self.tr("Call"), self)
        self.call_button.setObjectName("ContactCall")
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setToolTip(self.tr("CSV (Excel, Outlook, Google) or vCard files"))
        buttons = QHBoxLayout()
        for button in (self.call_button, self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addLayout(buttons)
        self.search.textChanged.connect(self.refresh)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.call_selected())
        self.call_button.clicked.connect(self.call_selected)
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self.selected()))
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self._choose_file)
        self.resize(480, 520)
        self.refresh()

    # -- list ------------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            found = self.book.search(self.search.text())
            total = len(self.book)
        except (sqlite3.Error, ContactsError) as exc:
            log.warning("contacts: %s", exc)
            found, total = [], 0
        self.list.clear()
        for contact in found:
            item = QListWidgetItem(contact_line(contact))
            item.setData(Qt.ItemDataRole.UserRole, contact)
            item.setToolTip(contact_line(contact))
            self.list.addItem(item)
        if found:
            self.list.setCurrentRow(0)
        self.count.setText(self.tr("%d shown of %d contacts") % (len(found), total))
        self._update_buttons()

    def selected(self) -> Contact | None:
        item = self.list.currentItem()
        if item is None:
            return None
        contact = item.data(Qt.ItemDataRole.UserRole)
        return contact if isinstance(contact, Contact) else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.call_button, self.edit_button, self.delete_button):
            button.setEnabled(chosen)

    # -- actions ---------------------------------------------------------------------------

    def call_selected(self) -> None:
        contact = self.selected()
        if contact is None or not contact.numbers:
            return
        if len(contact.numbers) == 1:
            self.callRequested.emit(contact.numbers[0].number)
            return
        menu = QMenu(self)
        menu.setObjectName("ContactNumbersMenu")
        for number in contact.numbers:
            label = f"{number.label}: " if number.label else ""
            action = menu.addAction(label + format_number(number.number))
            action.triggered.connect(
                lambda _checked=False, n=number.number: self.callRequested.emit(n)
            )
        menu.popup(self.call_button.mapToGlobal(self.call_button.rect().bottomLeft()))

    def edit(self, contact: Contact | None) -> ContactEditor:
        editor = ContactEditor(contact, self)
        editor.saved.connect(self.save)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = editor
        editor.open()
        return editor

    def save(self, contact: Contact) -> None:
        try:
            if contact.id is None:
                self.book.add(contact)
            else:
                self.book.update(contact)
        except (sqlite3.Error, ContactsError) as exc:
            QMessageBox.warning(self, self.tr("Contacts"), self.tr("Not saved: %s") % exc)
            return
        self.refresh()

    def delete_selected(self) -> None:
        contact = self.selected()
        if contact is None or contact.id is None:
            return
        try:
            self.book.delete(contact.id)
        except (sqlite3.Error, ContactsError) as exc:
            log.warning("contacts: %s", exc)
        self.refresh()

    def _choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Import contacts"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [self.tr("Contacts (*.csv *.vcf *.vcard *.txt)"), self.tr("All files (*)")]
        )
        dialog.fileSelected.connect(lambda path: self.import_file(Path(path)))
        dialog.open()

    def import_file(self, path: Path) -> str:
        """Import ``path``; returns (and shows) the report."""
        try:
            if path.stat().st_size > MAX_IMPORT_BYTES:
                raise OSError(self.tr("the file is too large"))
            data = path.read_bytes()
        except OSError as exc:
            report = self.tr("Cannot read %s: %s") % (path.name, exc.strerror or exc)
        else:
            result = import_bytes(data, name=path.name)
            try:
                self.book.add_many(result.contacts)
            except (sqlite3.Error, ContactsError) as exc:
                report = self.tr("Not saved: %s") % exc
            else:
                count = len(result.contacts)
                report = self.tr("Imported %d contacts from %s.") % (count, path.name)
                if result.encoding not in ("utf-8", "utf-8-sig"):
                    # a guess (cp1251 when the bytes are not UTF-8): say it, so that a wrong
                    # guess is noticed
                    report += " " + self.tr("Read as %s.") % result.encoding
                if result.problems:
                    report += "\n" + self.tr("Not imported or changed (%d):") % len(
                        result.problems
                    )
                    report += "".join(
                        "\n" + import_problem_text(p) for p in result.problems[:SHOWN_PROBLEMS]
                    )
        self.refresh()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import contacts"), report,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("ImportReport")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return report
