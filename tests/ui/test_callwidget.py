from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from callpanel.calls.events import CallState, Capability, Direction, HoldBy
from callpanel.ui.callwidget import CallWidget
from callpanel.ui.strings import (
    COLOR_DIALING,
    COLOR_HOLD_THEM,
    COLOR_HOLD_YOU,
    COLOR_RINGING,
    COLOR_TALKING,
)

from .conftest import FakeClock, make_call

ALL = frozenset(Capability)


def widget(qtbot: Any, clock: FakeClock, **kw: Any) -> CallWidget:
    offered = kw.pop("offered", ALL)
    why_not = kw.pop("why_not", None)
    w = CallWidget(make_call(**kw), offered=offered, why_not=why_not, clock=clock)
    qtbot.addWidget(w)
    return w


def test_incoming_ringing(qtbot: Any, clock: FakeClock) -> None:
    w = widget(qtbot, clock)
    assert w.state_label.text() == "Incoming call ringing"
    assert w.direction_label.text() == "↙ Incoming"
    assert not w.origin_label.isVisibleTo(w)  # no queue, nothing dialled: no origin line
    assert COLOR_RINGING in w.styleSheet()
    assert w.name_label.text() == "Ivan Petrov"
    assert w.number_label.text() == "+7 916 123-45-67"
    assert w.answer_button.isEnabled() and not w.answer_button.isHidden()
    assert w.hangup_button.isEnabled()
    assert not w.hold_button.isEnabled()
    assert not w.transfer_button.isEnabled()
    assert not w.keypad_button.isEnabled()
    assert "in conversation" in w.hold_button.toolTip()


def test_outgoing_dialing(qtbot: Any, clock: FakeClock) -> None:
    w = widget(qtbot, clock, direction=Direction.OUTGOING, state=CallState.DIALING)
    assert w.state_label.text() == "Calling…"
    assert w.direction_label.text() == "↗ Outgoing"
    assert COLOR_DIALING in w.styleSheet()
    assert w.answer_button.isHidden()
    assert w.hangup_button.isEnabled()


def test_talking_and_hold_states(qtbot: Any, clock: FakeClock) -> None:
    w = widget(qtbot, clock, state=CallState.TALKING, answered_at=clock.now)
    assert w.state_label.text() == "Talking"
    assert COLOR_TALKING in w.styleSheet()
    assert w.hold_button.text() == "Hold" and w.hold_button.isEnabled()
    assert w.transfer_button.isEnabled() and w.keypad_button.isEnabled()
    assert w.answer_button.isHidden()

    w.set_call(make_call(state=CallState.HOLD, answered_at=clock.now, held_by=HoldBy.OPERATOR))
    assert w.state_label.text() == "On hold — by you"
    assert COLOR_HOLD_YOU in w.styleSheet()
    assert w.hold_button.text() == "Unhold" and w.hold_button.isEnabled()
    assert not w.keypad_button.isEnabled()

    w.set_call(make_call(state=CallState.HOLD, answered_at=clock.now, held_by=HoldBy.REMOTE))
    assert w.state_label.text() == "On hold — by the other side"
    assert COLOR_HOLD_THEM in w.styleSheet()
    # the other side holds: we can still put our side on hold, not "unhold" theirs
    assert w.hold_button.text() == "Hold"


def test_buttons_emit_intents(qtbot: Any, clock: FakeClock) -> None:
    w = widget(qtbot, clock)
    with qtbot.waitSignal(w.answerRequested) as sig:
        qtbot.mouseClick(w.answer_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["c1"]
    w.set_call(make_call(state=CallState.TALKING, answered_at=clock.now))
    with qtbot.waitSignal(w.holdRequested) as sig:
        qtbot.mouseClick(w.hold_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["c1"]
    with qtbot.waitSignal(w.transferRequested):
        qtbot.mouseClick(w.transfer_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.keypad_button, Qt.MouseButton.LeftButton)
    assert not w.keypad.isHidden()
    with qtbot.waitSignal(w.dtmfRequested) as sig:
        qtbot.mouseClick(w.keypad.buttons["5"], Qt.MouseButton.LeftButton)
    assert sig.args == ["c1", "5"]
    with qtbot.waitSignal(w.hangupRequested):
        qtbot.mouseClick(w.hangup_button, Qt.MouseButton.LeftButton)
    w.set_call(make_call(state=CallState.HOLD, answered_at=clock.now, held_by=HoldBy.OPERATOR))
    with qtbot.waitSignal(w.unholdRequested):
        qtbot.mouseClick(w.hold_button, Qt.MouseButton.LeftButton)


def test_disabled_answer_explains_why(qtbot: Any, clock: FakeClock) -> None:
    reason = "Pick up the handset to answer"
    offered = ALL - {Capability.ANSWER}
    w = widget(qtbot, clock, offered=offered, why_not={Capability.ANSWER: reason})
    assert not w.answer_button.isEnabled()
    assert w.answer_button.toolTip() == reason
    assert w.hangup_button.isEnabled()
    # nothing offered (not connected): every button disabled
    w.set_offered(frozenset(), {c: "Not connected to Asterisk" for c in Capability})
    assert not any(b.isEnabled() for b in (w.answer_button, w.hangup_button, w.hold_button))
    assert w.hangup_button.toolTip() == "Not connected to Asterisk"


def test_timer_ringing_then_talk_time(qtbot: Any, clock: FakeClock) -> None:
    w = widget(qtbot, clock)
    clock.advance(12)
    w.refresh_timer()
    assert w.timer_label.text() == "0:12"
    w.set_call(make_call(state=CallState.TALKING, answered_at=clock.now))
    assert w.timer_label.text() == "0:00"
    clock.advance(75)
    w.refresh_timer()
    assert w.timer_label.text() == "1:15"


def test_untrusted_name_is_plain_text(qtbot: Any, clock: FakeClock) -> None:
    evil = "<b>x</b><img src=http://127.0.0.1:9/track.png>"
    w = widget(qtbot, clock, name=evil, number="‮+79161234567")
    assert w.name_label.textFormat() == Qt.TextFormat.PlainText
    assert w.number_label.textFormat() == Qt.TextFormat.PlainText
    assert w.name_label.text() == evil
    w.show()
    qtbot.waitExposed(w)
    # rendered as text: the label is as wide as the literal markup, not an image
    assert w.name_label.sizeHint().width() > w.fontMetrics().horizontalAdvance("<b>x</b><img")


def test_cyrillic_name(qtbot: Any, clock: FakeClock) -> None:
    w = widget(qtbot, clock, name="Иван Петров")
    assert w.name_label.text() == "Иван Петров"
