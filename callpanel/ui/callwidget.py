"""One active call: state in words and colour, who, a running timer, and the actions.

The widget only emits intents (``answerRequested(call_id)`` …); the window forwards them to the
bridge. A button is enabled only when ``capabilities(call, offered)`` says the action can work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..calls.events import CallState, Capability, Direction, HoldBy
from ..calls.model import Call, capabilities
from ..calls.policy import Command, Denial, Reason, state_denial
from .centre_words import origin_text
from .elided import ElidedLabel
from .format import format_duration, format_number
from .glyphs import tones_icon
from .keypad import Keypad
from .reasons import denial_text
from .strings import direction_text, state_color, state_text

BUTTON_MAX_WIDTH = 150


_COMMAND_OF = {
    Capability.ANSWER: Command.ANSWER,
    Capability.HOLD: Command.HOLD,
    Capability.UNHOLD: Command.UNHOLD,
    Capability.HANGUP: Command.HANGUP,
    Capability.TRANSFER: Command.TRANSFER,
    Capability.ATTENDED_TRANSFER: Command.ATXFER,
    Capability.DTMF: Command.DTMF,
}


class CallWidget(QFrame):
    answerRequested = Signal(str)
    holdRequested = Signal(str)
    unholdRequested = Signal(str)
    hangupRequested = Signal(str)
    transferRequested = Signal(str)
    cancelTransferRequested = Signal(str)
    completeTransferRequested = Signal(str)
    dtmfRequested = Signal(str, str)

    def __init__(
        self,
        call: Call,
        *,
        offered: frozenset[Capability],
        why_not: Mapping[Capability, str] | None = None,
        clock: Callable[[], float],
        shortcuts: Mapping[Capability, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CallWidget")
        self._clock = clock
        self._call = call
        self._offered = offered
        self._why_not: Mapping[Capability, str] = why_not or {}
        self._shortcuts: Mapping[Capability, str] = shortcuts or {}
        self._caps: frozenset[Capability] = frozenset()
        self._consulting = False  # an attended transfer of this call is in progress
        self._color: str | None = None  # the state colour of the current style sheet

        self.state_label = QLabel(self)
        self.state_label.setObjectName("CallState")
        self.state_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.direction_label = QLabel(self)
        self.direction_label.setObjectName("CallDirection")
        self.timer_label = QLabel(self)
        self.timer_label.setObjectName("CallTimer")
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.timer_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.direction_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # Names and numbers come from the PBX, i.e. from strangers: plain text, one line,
        # cut with "…" (full text in the tooltip) so a long name never pushes the timer and
        # Hang up out of the card.
        self.name_label = ElidedLabel(parent=self)
        self.name_label.setObjectName("CallName")
        self.number_label = ElidedLabel(parent=self)
        self.number_label.setObjectName("CallNumber")
        # Who the caller lookup says it is (the book, a CRM, LDAP); arrives after the card.
        self.contact_label = ElidedLabel(parent=self)
        self.contact_label.setObjectName("CallContact")
        self.contact_label.setVisible(False)
        # Where the call came from: its queue and the caller's wait, or the number dialled (a
        # ring group, a line). Its own line, so it is never cut behind the state and the timer.
        self.origin_label = ElidedLabel(parent=self)
        self.origin_label.setObjectName("CallOrigin")
        self.origin_label.setVisible(False)
        self.current_label = QLabel(self.tr("keys act here"), self)
        self.current_label.setObjectName("CurrentCall")
        self.current_label.setToolTip(
            self.tr("The keyboard shortcuts answer, hold and hang up this call")
        )
        self.current_label.setVisible(False)
        self._current = False
        self._marked = False

        self.answer_button = QPushButton(self.tr("Answer"), self)
        self.answer_button.setObjectName("AnswerButton")
        self.hold_button = QPushButton(self.tr("Hold"), self)
        self.hold_button.setObjectName("HoldButton")
        self.transfer_button = QPushButton(self.tr("Transfer"), self)
        self.transfer_button.setObjectName("TransferButton")
        self.keypad_button = QPushButton(self)  # an icon: the row must fit in Russian too
        self.keypad_button.setIcon(tones_icon())
        self.keypad_button.setObjectName("KeypadButton")
        self.keypad_button.setAccessibleName(self.tr("Keypad"))
        self.keypad_button.setCheckable(True)
        self.hangup_button = QPushButton(self.tr("Hang up"), self)
        self.hangup_button.setObjectName("HangupButton")
        for button in (
            self.answer_button,
            self.hold_button,
            self.transfer_button,
            self.hangup_button,
        ):
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            # Wide enough for the Russian words, never stretched across a wide window.
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.setMaximumWidth(BUTTON_MAX_WIDTH)
        self.keypad_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.keypad_button.setFixedWidth(36)

        self.keypad = Keypad(self, show_sent=True)
        self.keypad.setVisible(False)

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.state_label)
        top.addWidget(self.direction_label, 1)
        top.addWidget(self.current_label)
        top.addWidget(self.timer_label)
        # Hang up keeps its place at the right end whether Answer is shown or not.
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (
            self.answer_button,
            self.hold_button,
            self.transfer_button,
            self.keypad_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.hangup_button)
        self.state_bar = QFrame(self)
        self.state_bar.setObjectName("StateBar")
        self.state_bar.setFixedWidth(4)
        layout = QVBoxLayout()
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.name_label)
        layout.addWidget(self.contact_label)
        layout.addWidget(self.number_label)
        layout.addWidget(self.origin_label)
        layout.addSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.keypad)
        card = QHBoxLayout(self)
        card.setContentsMargins(6, 8, 10, 8)
        card.setSpacing(10)
        card.addWidget(self.state_bar)
        card.addLayout(layout, 1)

        self.answer_button.clicked.connect(lambda: self.answerRequested.emit(self.call_id))
        self.hold_button.clicked.connect(self._hold_clicked)
        self.hangup_button.clicked.connect(lambda: self.hangupRequested.emit(self.call_id))
        self.transfer_button.clicked.connect(self._transfer_clicked)
        self.keypad_button.toggled.connect(self._keypad_toggled)
        self.keypad.keyPressed.connect(lambda key: self.dtmfRequested.emit(self.call_id, key))
        self._render()

    # -- public --------------------------------------------------------------------------------

    @property
    def call_id(self) -> str:
        return self._call.call_id

    @property
    def call(self) -> Call:
        return self._call

    @property
    def caps(self) -> frozenset[Capability]:
        return self._caps

    def set_contact(self, text: str, tooltip: str = "") -> None:
        """The looked-up name and company under the Caller ID (plain text; "" hides it);
        ``tooltip`` follows the full text (where the name came from, the contact's page)."""
        self.contact_label.set_full_text(text, tooltip)
        self.contact_label.setVisible(bool(text))

    def set_call(self, call: Call) -> None:
        self._call = call
        self._render()

    def set_offered(
        self, offered: frozenset[Capability], why_not: Mapping[Capability, str] | None = None
    ) -> None:
        self._offered = offered
        if why_not is not None:
            self._why_not = why_not
        self._render()

    def set_consulting(self, consulting: bool) -> None:
        """While an attended transfer runs, the hold button cancels it instead of unholding."""
        self._consulting = consulting
        self._render()

    @property
    def consulting(self) -> bool:
        return self._consulting

    def set_current(self, current: bool, *, marked: bool = False) -> None:
        """This is the call the keyboard shortcuts act on (its tooltips name them); ``marked``
        shows it, when there are several calls to tell apart."""
        if current == self._current and marked == self._marked:
            return
        self._current = current
        self._marked = marked
        self.current_label.setVisible(marked)
        self.setProperty("current", marked)
        self.style().unpolish(self)
        self.style().polish(self)
        self._render()

    @property
    def current(self) -> bool:
        return self._current

    def elapsed(self) -> float:
        """Ringing time while it rings, then talk time."""
        call = self._call
        end = call.ended_at if call.ended_at is not None else self._clock()
        start = call.answered_at if call.answered_at is not None else call.started_at
        return max(0.0, end - start)

    def refresh_timer(self) -> None:
        self.timer_label.setText(format_duration(self.elapsed()))

    # -- internals ---------------------------------------------------------------------------

    def _keypad_toggled(self, on: bool) -> None:
        self.keypad.setVisible(on)
        if on:  # typed digits go to the keypad at once
            self.keypad.setFocus(Qt.FocusReason.OtherFocusReason)

    def _transfer_clicked(self) -> None:
        if self._consulting:
            self.completeTransferRequested.emit(self.call_id)
        else:
            self.transferRequested.emit(self.call_id)

    def _hold_clicked(self) -> None:
        if self._consulting:
            self.cancelTransferRequested.emit(self.call_id)
        elif self._held_by_me():
            self.unholdRequested.emit(self.call_id)
        else:
            self.holdRequested.emit(self.call_id)

    def _held_by_me(self) -> bool:
        return self._call.state is CallState.HOLD and self._call.held_by is not HoldBy.REMOTE

    def _render(self) -> None:
        call = self._call
        color = state_color(call)
        if color != self._color:  # a new style sheet re-polishes every child (~0.5 ms)
            self._color = color
            # The state colour is a straight bar (StateBar), not a border: a rounded card
            # would bend a thick left border.
            self.setStyleSheet(
                f"QFrame#StateBar {{ background: {color}; border-radius: 2px; }}"
                f"QLabel#CallState {{ color: white; background: {color}; border-radius: 8px;"
                f" padding: 1px 8px; font-weight: 600; }}"
            )
        self.setProperty("callState", call.state.value)
        self.state_label.setText(state_text(call))
        arrow = "↙" if call.direction is Direction.INCOMING else "↗"
        internal = " · " + self.tr("internal") if call.internal else ""
        self.direction_label.setText(f"{arrow} {direction_text(call.direction)}{internal}")
        # Where it came from (a queue and the wait, or the dialled number): kept after answering.
        origin = origin_text(call.queue, call.waited_s, call.dialled)
        self.origin_label.set_full_text(origin)
        self.origin_label.setVisible(bool(origin))
        headline = self._name_text()
        self.name_label.set_full_text(headline)
        number = format_number(call.number)
        self.number_label.set_full_text(number if number != headline else "", call.number)
        self.number_label.setVisible(bool(self.number_label.text()))
        self._caps = capabilities(call, self._offered)
        self._enable(self.answer_button, Capability.ANSWER, self.tr("Answer"))
        self.answer_button.setVisible(
            call.direction is Direction.INCOMING and call.state is CallState.RINGING
        )
        if self._consulting and call.state is not CallState.ENDED:
            self.hold_button.setText(self.tr("Cancel transfer"))
            self.hold_button.setEnabled(True)
            self.hold_button.setToolTip(
                self.tr("Go back to this caller and end the consultation call")
            )
        elif self._held_by_me():
            self._enable(self.hold_button, Capability.UNHOLD, self.tr("Unhold"))
        else:
            self._enable(self.hold_button, Capability.HOLD, self.tr("Hold"))
        transfer_ok = bool(self._caps & {Capability.TRANSFER, Capability.ATTENDED_TRANSFER})
        if self._consulting and call.state is not CallState.ENDED:
            # Asterisk completes an attended transfer when the operator's side hangs up.
            self.transfer_button.setText(self.tr("Complete transfer"))
            self.transfer_button.setEnabled(True)
            self.transfer_button.setToolTip(
                self.tr("Leave the call: this caller and the person you consulted stay connected")
            )
        else:
            self.transfer_button.setText(self.tr("Transfer"))
            self.transfer_button.setEnabled(transfer_ok)
            self.transfer_button.setToolTip(
                self.tr("Transfer this caller to another number, at once or after talking first")
                if transfer_ok
                else self._reason(Capability.TRANSFER)
            )
        self._enable(self.hangup_button, Capability.HANGUP, self.tr("Hang up"))
        dtmf_ok = Capability.DTMF in self._caps
        self.keypad_button.setEnabled(dtmf_ok)
        self.keypad_button.setToolTip(
            self.tr("Send tones (DTMF) to the other side")
            if dtmf_ok
            else self._reason(Capability.DTMF)
        )
        if not dtmf_ok:
            self.keypad_button.setChecked(False)
        # during a consultation the two transfer buttons need the room (Russian words are long)
        self.keypad_button.setVisible(not (self._consulting and call.state is not CallState.ENDED))
        self.keypad.setEnabled(dtmf_ok)
        self.refresh_timer()

    def _name_text(self) -> str:
        """The name; without one the number itself is the headline (an outgoing call has
        no "unknown caller": we know whom we called)."""
        name = self._call.name.strip()
        if name and name != self._call.number and name.lower() not in ("unknown", "<unknown>"):
            return name
        if self._call.number:
            return format_number(self._call.number)
        return self.tr("Unknown caller")

    def _enable(self, button: QPushButton, cap: Capability, text: str) -> None:
        button.setText(text)
        enabled = cap in self._caps
        button.setEnabled(enabled)
        # the shortcut is named on the call it acts on
        shortcut = self._shortcuts.get(cap) if self._current else None
        hint = f"{text} ({shortcut})" if shortcut else text
        button.setToolTip(hint if enabled else self._reason(cap))

    def _reason(self, cap: Capability) -> str:
        """Why an action cannot work now: the configuration first, then the call's state (both
        decided by ``calls.policy``; only the words are made here)."""
        if cap not in self._offered:
            configured = self._why_not.get(cap)
            if configured:
                return configured
            return self.tr("The panel's configuration does not allow this")
        command = _COMMAND_OF[cap]
        denial = state_denial(command, self._call) or Denial(command, Reason.CALL_STATE)
        return denial_text(denial)
