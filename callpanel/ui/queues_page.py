"""The settings page of the call centre: who the operator is in the queues (the member
interface and name that ``QueueAdd`` puts there) and the pause reasons offered everywhere.

Each field is checked here, in the operator's language, before the settings are built: a bad
interface, a name with control characters or a reason over app_queue's 79 bytes is refused
with the field named, and nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ..asterisk.errors import InvalidInput
from ..asterisk.validate import (
    MAX_CALLERID_LENGTH,
    MAX_PAUSE_REASON_BYTES,
    check_caller_id,
    check_pause_reason,
    check_queue_interface,
)
from ..store.settings import Settings, SettingsError
from .queues_panel import DEFAULT_REASONS, MAX_REASONS, shown_reasons


class QueuesPage(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QueuesPage")
        self.interface = QLineEdit(settings.queue_interface)
        self.interface.setObjectName("QueueInterface")
        self.interface.setPlaceholderText(self.tr("Your phone, e.g. SIP/101"))
        self.interface.setToolTip(
            self.tr(
                "What the PBX calls when a queue offers you a call: your phone (SIP/101, "
                "PJSIP/101) or a Local channel such as Local/101@from-queue/n. Empty: your "
                "first phone."
            )
        )
        self.member_name = QLineEdit(settings.agent_name)
        self.member_name.setObjectName("QueueMemberName")
        self.member_name.setMaxLength(MAX_CALLERID_LENGTH)
        self.member_name.setPlaceholderText(self.tr("Empty: the PBX shows the interface"))
        self.member_name.setToolTip(
            self.tr("The name supervisors see for you in the queue (QueueAdd MemberName)")
        )
        self.reasons = QPlainTextEdit("\n".join(shown_reasons(settings.pause_reasons)))
        self.reasons.setObjectName("PauseReasonsEdit")
        self.reasons.setFixedHeight(110)
        self.reasons.setToolTip(
            self.tr("One reason a line, at most %d; each at most %d bytes")
            % (MAX_REASONS, MAX_PAUSE_REASON_BYTES)
        )
        self.note = QLabel(
            self.tr(
                "Logging in to and out of a queue uses this interface and name. A permanent "
                "member (queues.conf) can be changed only by the PBX administrator."
            )
        )
        self.note.setObjectName("QueuesNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout(self)
        form.addRow(self.tr("Queue interface"), self.interface)
        form.addRow(self.tr("Member name"), self.member_name)
        form.addRow(self.tr("Pause reasons"), self.reasons)
        form.addRow("", self.note)

    def values(self) -> dict[str, Any]:
        """The fields for ``Settings(...)``; a bad one raises ``SettingsError`` in words."""
        interface = self.interface.text().strip()
        if interface:
            try:
                check_queue_interface(interface)
            except InvalidInput:
                raise SettingsError(
                    self.tr("Queue interface"),
                    self.tr("%s is not an interface such as SIP/101 or Local/101@from-queue/n")
                    % interface,
                ) from None
        name = self.member_name.text().strip()
        if name:
            try:
                check_caller_id(name)
            except InvalidInput:
                raise SettingsError(
                    self.tr("Member name"),
                    self.tr("no control characters, at most %d characters")
                    % MAX_CALLERID_LENGTH,
                ) from None
        reasons: list[str] = []
        for number, line in enumerate(self.reasons.toPlainText().splitlines(), 1):
            if not line.strip():
                continue
            try:
                reason = check_pause_reason(line)
            except InvalidInput:
                raise SettingsError(
                    self.tr("Pause reasons"),
                    self.tr("line %d: no control characters, at most %d bytes")
                    % (number, MAX_PAUSE_REASON_BYTES),
                ) from None
            if reason not in reasons:
                reasons.append(reason)
        if len(reasons) > MAX_REASONS:
            raise SettingsError(
                self.tr("Pause reasons"), self.tr("at most %d reasons") % MAX_REASONS
            )
        kept = tuple(reasons)
        if not kept or kept == shown_reasons(()):  # the stock list: it follows the language
            kept = DEFAULT_REASONS
        return {"queue_interface": interface, "agent_name": name, "pause_reasons": kept}
