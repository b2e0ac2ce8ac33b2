"""The main window against synthetic call events (a fake connector behind the real bridge)."""

from __future__ import annotations

from typing import Any

import pytest
import qasync
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from callpanel.asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig
from callpanel.asterisk.errors import ActionFailed, PermissionDenied
from callpanel.asterisk.status import ConnectionStatus, LinkState
from callpanel.calls.events import (
    CallState,
    Capability,
    CommutationStarted,
    Direction,
    EndReason,
    HoldBy,
    PutHoldAction,
    RingFinished,
    RingStarted,
)
from callpanel.calls.policy import Command, Denial, Reason
from callpanel.ui.bridge import QtConnector
from callpanel.ui.screenpop import ScreenPop
from callpanel.ui.window import MainWindow

from .conftest import FakeClock
from .fakes import FakeClient, fake_bridge


@pytest.fixture
def panel(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> tuple[MainWindow, QtConnector, FakeClient]:
    bridge, client = fake_bridge(clock)
    window = MainWindow(bridge, clock=clock)
    qtbot.addWidget(window)
    bridge.start(ConnectionConfig(), ClientConfig(answer_strategy=AnswerStrategy.PHONE_NOTIFY))
    qtbot.waitUntil(lambda: bridge.status.state is LinkState.CONNECTED)
    return window, bridge, client


def ring(
    bridge: QtConnector,
    call_id: str = "c1",
    number: str = "+79161234567",
    name: str = "Ivan Petrov",
) -> None:
    bridge.store.apply(RingStarted(call_id, Direction.INCOMING, number, name))


def test_connected_status_and_endpoint(panel: Any) -> None:
    window, _bridge, _client = panel
    assert window.conn_bar.text.text() == "Connected to 127.0.0.1:5038 · Asterisk 18.26.4"
    assert window.conn_bar.endpoint.text() == "Your phone: SIP/101"
    assert window.conn_bar.settings_button.isHidden()


def test_incoming_call_widget_and_banner(panel: Any) -> None:
    window, bridge, _client = panel
    with_signal = []
    window.notifications.notified.connect(lambda *a: with_signal.append(a))
    ring(bridge)
    widget = window.call_widgets["c1"]
    assert widget.state_label.text() == "Incoming call ringing"
    assert not window.no_calls.isVisibleTo(window)
    # offscreen has no system tray: the in-window banner carries the notification
    assert window.banner.isVisibleTo(window)
    assert window.banner.text() == "Incoming call — Ivan Petrov, +7 916 123-45-67"
    assert with_signal == [("c1", "Incoming call", "Ivan Petrov, +7 916 123-45-67")]
    bridge.store.apply(CommutationStarted("c1"))
    assert widget.state_label.text() == "Talking"
    assert not window.banner.isVisibleTo(window)  # answered: the notification is withdrawn


def test_banner_click_raises_on_call(panel: Any, qtbot: Any) -> None:
    window, bridge, _client = panel
    ring(bridge, "c1")
    ring(bridge, "c2", "+79031112233", "Olga")
    with qtbot.waitSignal(window.notifications.activated) as sig:
        qtbot.mouseClick(window.banner.show_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["c2"]
    assert window.isVisible()


def test_call_waiting_cards_keep_their_place(panel: Any) -> None:
    """A card never moves under the mouse: the waiting call is added below, and answering
    it or holding the first moves nothing; the marked card is the one the shortcuts act on."""
    window, bridge, _client = panel

    def layout_order() -> list[str]:
        items = [window.calls_layout.itemAt(i).widget() for i in range(len(window.call_widgets))]
        return [w.call_id for w in items]  # type: ignore[union-attr]

    ring(bridge, "c1")
    bridge.store.apply(CommutationStarted("c1"))
    only = window.call_widgets["c1"]
    assert only.current and not only.current_label.isVisibleTo(only)  # one call: no marker
    ring(bridge, "c2", "+79031112233", "Olga Smirnova")
    order = [w.call_id for w in window.ordered_widgets()]
    assert order == ["c2", "c1"]  # what the shortcuts try first: the ringing call
    assert layout_order() == ["c1", "c2"]
    c1, c2 = window.call_widgets["c1"], window.call_widgets["c2"]
    assert c2.current and not c1.current
    assert c2.current_label.isVisibleTo(c2) and not c1.current_label.isVisibleTo(c1)
    assert c2.answer_button.toolTip() == "Answer (Ctrl+Shift+A)"
    assert c1.hangup_button.toolTip() == "Hang up"  # the shortcut is named on c2 only
    bridge.store.apply(PutHoldAction("c1", HoldBy.OPERATOR))
    bridge.store.apply(CommutationStarted("c2"))
    assert layout_order() == ["c1", "c2"]
    assert c2.current and c2.hangup_button.toolTip() == "Hang up (Ctrl+Shift+E)"
    assert window.call_widgets["c1"].state_label.text() == "On hold — by you"


def test_buttons_go_through_the_bridge(panel: Any, qtbot: Any) -> None:
    window, bridge, client = panel
    ring(bridge)
    widget = window.call_widgets["c1"]
    with qtbot.waitSignal(bridge.actionFinished) as sig:
        qtbot.mouseClick(widget.answer_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["answer", True]
    bridge.store.apply(CommutationStarted("c1"))
    with qtbot.waitSignal(bridge.actionFinished):
        qtbot.mouseClick(widget.hold_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(widget.keypad_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(bridge.actionFinished):
        qtbot.mouseClick(widget.keypad.buttons["#"], Qt.MouseButton.LeftButton)
    assert client.calls == [("answer", "c1"), ("hold", "c1"), ("dtmf", "c1", "#")]


def test_failed_action_shows_error_bar(panel: Any, qtbot: Any) -> None:
    window, bridge, client = panel
    ring(bridge)
    client.fail = ActionFailed("PJSIPNotify", "Endpoint not found")
    with qtbot.waitSignal(bridge.actionFinished) as sig:
        qtbot.mouseClick(window.call_widgets["c1"].answer_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["answer", False]
    assert window.error_bar.isVisibleTo(window)
    assert window.error_bar.text() == "Answer: Asterisk refused: Endpoint not found"


def test_permission_denied_disables_click_to_call(panel: Any, qtbot: Any) -> None:
    window, bridge, client = panel
    client.fail = PermissionDenied("Originate", "Permission denied")
    window.dial_box.set_number("101")
    with qtbot.waitSignal(bridge.actionFinished):
        qtbot.keyClick(window.dial_box.edit, Qt.Key.Key_Return)
    assert not window.dial_box.call_button.isEnabled()
    assert "may not originate" in window.dial_box.call_button.toolTip()
    assert "denied permission" in window.error_bar.text()


def test_dial_box_paste_and_enter(panel: Any, qtbot: Any) -> None:
    window, bridge, client = panel
    QGuiApplication.clipboard().setText("+7 (916) 123-45-67")
    window.dial_box.edit.setFocus()
    qtbot.keyClick(window.dial_box.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.dial_box.edit.text() == "+79161234567"
    with qtbot.waitSignal(bridge.actionFinished):
        qtbot.keyClick(window.dial_box.edit, Qt.Key.Key_Return)
    assert client.calls == [("dial", "+79161234567")]


@pytest.mark.parametrize(
    ("pasted", "named"),
    [("101/102", "«/»"), ("102\n103", "U+000A"), ("101&PJSIP/x", "«&»"), ("1O1", "«O»")],
)
def test_two_pasted_numbers_never_become_one(
    panel: Any, qtbot: Any, pasted: str, named: str
) -> None:
    window, _bridge, client = panel
    QGuiApplication.clipboard().setText(pasted)
    window.dial_box.edit.setFocus()
    qtbot.keyClick(window.dial_box.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.dial_box.edit, Qt.Key.Key_Return)
    assert client.calls == []  # nothing dialled: not 101102, not 102103
    assert not window.error_bar.isHidden() and named in window.error_bar.text()


def test_dial_pad_and_call_button(panel: Any, qtbot: Any) -> None:
    window, bridge, client = panel
    qtbot.mouseClick(window.dial_box.pad_button, Qt.MouseButton.LeftButton)
    for key in "102":
        qtbot.mouseClick(window.dial_box.keypad.buttons[key], Qt.MouseButton.LeftButton)
    assert window.dial_box.number() == "102"
    with qtbot.waitSignal(bridge.actionFinished):
        qtbot.mouseClick(window.dial_box.call_button, Qt.MouseButton.LeftButton)
    assert client.calls == [("dial", "102")]


def test_shortcuts(panel: Any, qtbot: Any) -> None:
    window, bridge, client = panel
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ring(bridge)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(bridge.actionFinished):
        qtbot.keyClick(window, Qt.Key.Key_A, ctrl_shift)
    bridge.store.apply(CommutationStarted("c1"))
    with qtbot.waitSignal(bridge.actionFinished):
        qtbot.keyClick(window, Qt.Key.Key_H, ctrl_shift)
    with qtbot.waitSignal(bridge.actionFinished):
        qtbot.keyClick(window, Qt.Key.Key_E, ctrl_shift)
    assert client.calls == [("answer", "c1"), ("hold", "c1"), ("hangup", "c1")]
    assert window.call_widgets["c1"].hangup_button.toolTip() == "Hang up (Ctrl+Shift+E)"
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.dial_box.edit.hasFocus)


def test_transfer_dialog_with_recent_calls(panel: Any, qtbot: Any) -> None:
    window, bridge, client = panel
    ring(bridge, "old", "102", "Operator 102")
    bridge.store.apply(RingFinished("old", EndReason.MISSED))
    ring(bridge, "c1")
    bridge.store.apply(CommutationStarted("c1"))
    qtbot.mouseClick(window.call_widgets["c1"].transfer_button, Qt.MouseButton.LeftButton)
    dialog = window.transfer_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.colleague_list.count() == 1  # from the history: an extension, a colleague
    assert dialog.recent_list.count() == 0
    assert dialog.colleague_list.item(0).text() == "Operator 102, 102"
    dialog.colleague_list.setCurrentRow(0)
    assert dialog.number_edit.text() == "102"
    dialog.attended_radio.setChecked(True)
    with qtbot.waitSignal(bridge.actionFinished) as sig:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["atxfer", True]
    assert client.calls[-1] == ("atxfer", "c1", "102")


def test_call_end_goes_to_history_and_missed_counts(panel: Any, qtbot: Any) -> None:
    window, bridge, _client = panel
    ring(bridge, "m1", "+79031112233", "Olga")
    bridge.store.apply(RingFinished("m1", EndReason.MISSED))
    ring(bridge, "a1")
    bridge.store.apply(CommutationStarted("a1"))
    bridge.store.apply(RingFinished("a1", EndReason.COMPLETED))
    assert window.call_widgets == {}
    assert window.no_calls.isVisibleTo(window)
    rows = window.history.rows()
    assert [r.who.text() for r in rows] == ["Ivan Petrov", "Olga"]
    assert "Missed" in rows[1].meta.text()
    assert window.history.unseen() == 1
    assert window.history.badge.text() == "1 missed"
    with qtbot.waitSignal(window.missedChanged) as sig:
        window.show()
    assert sig.args == [0]
    with qtbot.waitSignal(bridge.actionFinished):
        qtbot.mouseClick(rows[1].call_back, Qt.MouseButton.LeftButton)
    assert _client.calls[-1] == ("dial", "+79031112233")


def test_not_connected_disables_everything(panel: Any, qtbot: Any) -> None:
    window, bridge, _client = panel
    ring(bridge)
    bridge.handle_status(
        ConnectionStatus(
            LinkState.RECONNECTING, server="pbx:5038", retry_in=5, error="connection reset"
        )
    )
    widget = window.call_widgets["c1"]
    assert not widget.answer_button.isEnabled()
    assert widget.answer_button.toolTip() == "Not connected to Asterisk"
    assert not window.dial_box.call_button.isEnabled()
    assert window.conn_bar.text.text() == (
        "No connection to pbx:5038, reconnecting in 5 s (connection reset)"
    )


def test_auth_failed_offers_settings(panel: Any, qtbot: Any) -> None:
    window, bridge, _client = panel
    bridge.handle_status(
        ConnectionStatus(LinkState.AUTH_FAILED, server="pbx:5038", error="Authentication failed")
    )
    assert "wrong user name or password" in window.conn_bar.text.text()
    assert window.conn_bar.settings_button.isVisibleTo(window)
    with qtbot.waitSignal(window.settingsRequested):
        qtbot.mouseClick(window.conn_bar.settings_button, Qt.MouseButton.LeftButton)


def test_answer_tooltip_when_strategy_cannot(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> None:
    client = FakeClient(
        frozenset(Capability) - {Capability.ANSWER},
        {Command.ANSWER: Denial(Command.ANSWER, Reason.NO_ANSWER_STRATEGY)},
    )
    bridge, _ = fake_bridge(clock, client)
    window = MainWindow(bridge, clock=clock)
    qtbot.addWidget(window)
    bridge.start(ConnectionConfig(), ClientConfig(answer_strategy=AnswerStrategy.NONE))
    qtbot.waitUntil(lambda: bridge.status.state is LinkState.CONNECTED)
    ring(bridge)
    button = window.call_widgets["c1"].answer_button
    assert not button.isEnabled()
    assert button.toolTip() == (  # what to do, and where to change it; no jargon
        "Pick up the handset to answer. To answer from the panel, choose how in "
        "Settings, Phone, Answer"
    )


def test_external_dial_asks_first(panel: Any, qtbot: Any) -> None:
    window, bridge, client = panel
    window.dial_from_outside("+74951234567")
    assert window.dial_box.number() == "+74951234567"
    prompt = window.external_prompt
    assert prompt is not None and prompt.isVisible()
    assert "+7 495 123-45-67" in prompt.text()
    assert client.calls == []  # nothing dialled before the operator says so
    call_button = prompt.findChild(type(window.dial_box.call_button), "ConfirmCall")
    with qtbot.waitSignal(bridge.actionFinished):
        qtbot.mouseClick(call_button, Qt.MouseButton.LeftButton)
    assert client.calls == [("dial", "+74951234567")]


def test_external_dial_cancel(panel: Any, qtbot: Any) -> None:
    window, _bridge, client = panel
    window.dial_from_outside("101")
    prompt = window.external_prompt
    assert prompt is not None
    prompt.reject()
    qtbot.waitUntil(lambda: window.external_prompt is None)
    assert client.calls == []


def test_screen_pop_http_only(qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock) -> None:
    opened: list[QUrl] = []
    bridge, _ = fake_bridge(clock)
    pop = ScreenPop("https://crm.example.com/find?phone={number}&n={name}", opener=opened.append)
    window = MainWindow(bridge, clock=clock, screen_pop=pop)
    qtbot.addWidget(window)
    ring(bridge, name="a&b=c#")
    assert [u.toString() for u in opened] == [
        "https://crm.example.com/find?phone=%2B79161234567&n=a%26b%3Dc%23"
    ]
    pop.template = "file:///etc/passwd?{number}"
    ring(bridge, "c2")
    assert len(opened) == 1
    bridge.store.apply(RingStarted("out", Direction.OUTGOING, "101", ""))
    assert len(opened) == 1  # outgoing calls do not pop


def test_close_hides_to_tray_or_quits(panel: Any, qtbot: Any) -> None:
    window, _bridge, _client = panel
    window.show()
    window.hide_to_tray = True
    window.close()
    assert not window.isVisible()
    window.show()
    window.hide_to_tray = False
    with qtbot.waitSignal(window.quitRequested):
        window.close()


def test_timer_ticks(panel: Any, clock: FakeClock) -> None:
    window, bridge, _client = panel
    ring(bridge)
    clock.advance(7)
    window.tick()
    assert window.call_widgets["c1"].timer_label.text() == "0:07"
    assert QApplication.instance() is not None
    assert window.call_widgets["c1"].call.state is CallState.RINGING


def test_attended_transfer_button_cancels_then_reverts(panel: Any, qtbot: Any) -> None:
    window, bridge, client = panel
    ring(bridge)
    bridge.store.apply(CommutationStarted("c1"))
    with qtbot.waitSignal(bridge.actionFinished):
        bridge.transfer("c1", "102", attended=True)
    bridge.store.apply(PutHoldAction("c1", HoldBy.OPERATOR))
    widget = window.call_widgets["c1"]
    assert widget.hold_button.text() == "Cancel transfer"
    client.fail = ActionFailed("CancelAtxfer", "No active transfer")
    with qtbot.waitSignal(bridge.actionFinished) as sig:
        qtbot.mouseClick(widget.hold_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["cancel_atxfer", False]
    assert widget.hold_button.text() == "Unhold"  # back to a plain held call
    assert client.calls[-1] == ("cancel_atxfer", "c1")
