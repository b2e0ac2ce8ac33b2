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
from .format import format_duration, format_number
from .keypad import Keypad
from .strings import direction_text, state_color, state_text


class CallWidget(QFrame):
    answerRequested = Signal(str)
    holdRequested = Signal(str)
    unholdRequested = Signal(str)
    hangupRequested = Signal(str)
    transferRequested = Signal(str)
    cancelTransferRequested = Signal(str)
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
        # Names and numbers come from the PBX, i.e. from strangers: never rich text (S9).
        self.name_label = QLabel(self)
        self.name_label.setObjectName("CallName")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number_label = QLabel(self)
        self.number_label.setObjectName("CallNumber")
        self.number_label.setTextFormat(Qt.TextFormat.PlainText)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.answer_button = QPushButton(self.tr("Answer"), self)
        self.answer_button.setObjectName("AnswerButton")
        self.hold_button = QPushButton(self.tr("Hold"), self)
        self.hold_button.setObjectName("HoldButton")
        self.transfer_button = QPushButton(self.tr("Transfer"), self)
        self.transfer_button.setObjectName("TransferButton")
        self.keypad_button = QPushButton("⌨", self)  # a glyph: the row must fit in Russian too
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
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.keypad_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.keypad_button.setFixedWidth(36)

        self.keypad = Keypad(self)
        self.keypad.setVisible(False)

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.state_label)
        top.addWidget(self.direction_label)
        top.addStretch(1)
        top.addWidget(self.timer_label)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (
            self.answer_button,
            self.hold_button,
            self.transfer_button,
            self.keypad_button,
            self.hangup_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 10, 8)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.name_label)
        layout.addWidget(self.number_label)
        layout.addSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.keypad)

        self.answer_button.clicked.connect(lambda: self.answerRequested.emit(self.call_id))
        self.hold_button.clicked.connect(self._hold_clicked)
        self.hangup_button.clicked.connect(lambda: self.hangupRequested.emit(self.call_id))
        self.transfer_button.clicked.connect(lambda: self.transferRequested.emit(self.call_id))
        self.keypad_button.toggled.connect(self.keypad.setVisible)
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

    def elapsed(self) -> float:
        """Ringing time while it rings, then talk time."""
        call = self._call
        end = call.ended_at if call.ended_at is not None else self._clock()
        start = call.answered_at if call.answered_at is not None else call.started_at
        return max(0.0, end - start)

    def refresh_timer(self) -> None:
        self.timer_label.setText(format_duration(self.elapsed()))

    # -- internals ---------------------------------------------------------------------------

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
            self.setStyleSheet(
                f"QFrame#CallWidget {{ border-left: 5px solid {color}; }}"
                f"QLabel#CallState {{ color: white; background: {color}; border-radius: 8px;"
                f" padding: 1px 8px; font-weight: 600; }}"
            )
        self.setProperty("callState", call.state.value)
        self.state_label.setText(state_text(call))
        arrow = "↙" if call.direction is Direction.INCOMING else "↗"
        internal = " · " + self.tr("internal") if call.internal else ""
        self.direction_label.setText(f"{arrow} {direction_text(call.direction)}{internal}")
        self.name_label.setText(call.name.strip() or self.tr("Unknown caller"))
        self.number_label.setText(format_number(call.number))
        self.number_label.setToolTip(call.number)
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
        self.transfer_button.setEnabled(transfer_ok)
        self.transfer_button.setToolTip(
            self.tr("Transfer the call to another number")
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
        self.keypad.setEnabled(dtmf_ok)
        self.refresh_timer()

    def _enable(self, button: QPushButton, cap: Capability, text: str) -> None:
        button.setText(text)
        enabled = cap in self._caps
        button.setEnabled(enabled)
        hint = f"{text} ({self._shortcuts[cap]})" if cap in self._shortcuts else text
        button.setToolTip(hint if enabled else self._reason(cap))

    def _reason(self, cap: Capability) -> str:
        """Why an action cannot work now: the configuration first, then the call's state."""
        if cap not in self._offered:
            configured = self._why_not.get(cap)
            if configured:
                return configured
            return self.tr("The panel's configuration does not allow this")
        texts = {
            Capability.ANSWER: self.tr("Only a ringing incoming call can be answered"),
            Capability.HOLD: self.tr("Only a call in conversation can be put on hold"),
            Capability.UNHOLD: self.tr("Only a call you put on hold can be taken back"),
            Capability.HANGUP: self.tr("This call cannot be hung up now"),
            Capability.TRANSFER: self.tr(
                "Only a call in conversation or on hold can be transferred"
            ),
            Capability.ATTENDED_TRANSFER: self.tr(
                "Only a call in conversation or on hold can be transferred"
            ),
            Capability.DTMF: self.tr("Tones can be sent only during a conversation"),
        }
        return texts[cap]
