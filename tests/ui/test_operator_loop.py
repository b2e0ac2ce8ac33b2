"""The operator's whole loop: the real panel (controller, bridge, window), the real connector
(AsteriskManager + AsteriskClient + adapter) and the demo PBX over a loopback socket.

Sync tests on an already-running qasync loop; every wait is qtbot.waitUntil/waitSignal with a
timeout, never a sleep. The PBX runs at 1/100 of real time (rings time out after 6 s).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.manager import AsteriskManager
from callpanel.asterisk.status import LinkState
from callpanel.calls.store import CallStore
from callpanel.sim import SimConfig, SimPbx, SimUser
from callpanel.store.history import History
from callpanel.ui.app import demo_settings
from callpanel.ui.bridge import (
    Connector,
    QtConnector,
    StatusCallback,
    default_centre_factory,
    default_client_factory,
)
from callpanel.ui.callwidget import CallWidget
from callpanel.ui.controller import PanelController
from callpanel.ui.format import caller_line
from callpanel.ui.single_instance import SingleInstance

from .conftest import run

pytestmark = pytest.mark.timeout(60)

CALLER = "+79161234567"
WAIT = 5000  # ms
ROOT = Path(__file__).resolve().parents[2]


def fast_manager(
    conn: ConnectionConfig, client: ClientConfig, on_status: StatusCallback, store: CallStore
) -> AsteriskManager:
    return AsteriskManager(
        conn, client, on_status=on_status, store=store,
        backoff_base=0.05, backoff_cap=0.2,
    )  # fmt: skip


@dataclass
class Live:
    sim: SimPbx
    panel: PanelController
    qtbot: Any

    @property
    def window(self) -> Any:
        return self.panel.window

    def widget(self, number: str) -> CallWidget:
        found: list[CallWidget] = []

        def present() -> bool:
            found[:] = [w for w in self.window.call_widgets.values() if w.call.number == number]
            return bool(found)

        self.qtbot.waitUntil(present, timeout=WAIT)
        return found[0]

    def wait_state(self, widget: CallWidget, text: str) -> None:
        self.qtbot.waitUntil(lambda: widget.state_label.text() == text, timeout=WAIT)

    def wait_enabled(self, button: QPushButton) -> None:
        self.qtbot.waitUntil(button.isEnabled, timeout=WAIT)

    def click(self, button: QPushButton) -> None:
        self.wait_enabled(button)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def wait_gone(self, widget: CallWidget) -> None:
        self.qtbot.waitUntil(lambda: widget.call_id not in self.window.call_widgets, timeout=WAIT)


def start_live(qtbot: Any, secret: str = "callpanel-secret", **sim_options: Any) -> Live:
    options: dict[str, Any] = {"time_scale": 0.01, "dial_timeout": 600.0}
    options.update(sim_options)
    sim = SimPbx(SimConfig(**options))
    run(qtbot, sim.start(host="127.0.0.1", port=0))
    panel = PanelController(
        bridge=QtConnector(
            connector=Connector(fast_manager, default_client_factory, default_centre_factory)
        ),
        settings=demo_settings(sim.port),
        secret=secret,
        history=History(":memory:"),
        use_tray=False,
        persist=False,
    )
    panel.window.show()
    panel.start()
    return Live(sim, panel, qtbot)


@pytest.fixture
def live(qtbot: Any, aloop: qasync.QEventLoop) -> Iterator[Live]:
    world = start_live(qtbot)
    qtbot.waitUntil(lambda: world.panel.bridge.status.state is LinkState.CONNECTED, timeout=WAIT)
    yield world
    stop_live(qtbot, world)


def stop_live(qtbot: Any, world: Live) -> None:
    run(qtbot, world.panel.shutdown(timeout=2))
    run(qtbot, world.sim.stop())
    world.window.close()
    world.window.deleteLater()


def test_incoming_answer_hold_unhold_transfer(live: Live) -> None:
    window = live.window
    assert window.conn_bar.text.text() == (
        f"Connected to 127.0.0.1:{live.sim.port} · Asterisk 18.26.4"
    )
    run(live.qtbot, live.sim.incoming_call(number=CALLER, name="Ivan Petrov", to="SIP/101"))
    widget = live.widget(CALLER)
    assert widget.state_label.text() == "Incoming call ringing"
    assert widget.name_label.text() == "Ivan Petrov"
    assert widget.number_label.text() == "+7 916 123-45-67"
    # the window is the active one: the ringing card is the notification, no banner repeats it
    assert window.isActiveWindow() and not window.banner.isVisibleTo(window)

    live.click(widget.answer_button)
    live.wait_state(widget, "Talking")
    assert not window.banner.isVisibleTo(window)

    live.click(widget.hold_button)
    live.wait_state(widget, "On hold — by you")
    assert widget.hold_button.text() == "Unhold"

    live.click(widget.hold_button)
    live.wait_state(widget, "Talking")

    live.click(widget.transfer_button)
    dialog = window.transfer_dialog
    assert dialog is not None
    live.qtbot.keyClicks(dialog.number_edit, "102")
    assert dialog.blind_radio.isChecked()
    live.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    live.wait_gone(widget)
    assert not window.error_bar.isVisibleTo(window), window.error_bar.text()
    rows = window.history.rows()
    assert [r.who.text() for r in rows] == ["Ivan Petrov"]
    assert "Transferred" in rows[0].meta.text()


def test_caller_hangs_up_while_ringing_is_missed(live: Live) -> None:
    live.window.showMinimized()  # the operator is in another program
    live.qtbot.waitUntil(live.window.isMinimized)
    call = run(live.qtbot, live.sim.incoming_call(number=CALLER, name="Ivan Petrov"))
    widget = live.widget(CALLER)
    run(live.qtbot, live.sim.remote_hangup(call))
    live.wait_gone(widget)
    assert not live.window.banner.isVisibleTo(live.window)
    history = live.window.history
    assert "Missed" in history.rows()[0].meta.text()
    assert history.badge.text() == "1 missed"


def test_click_to_call_from_dial_box(live: Live) -> None:
    window = live.window
    window.dial_box.edit.setFocus()
    live.qtbot.keyClicks(window.dial_box.edit, "7 (499) 765-43-21")
    assert window.dial_box.number() == "74997654321"
    live.qtbot.keyClick(window.dial_box.edit, Qt.Key.Key_Return)
    widget = live.widget("84997654321")  # the demo's dialling rule +7=8
    assert widget.call.direction.value == "outgoing"
    live.wait_state(widget, "Talking")  # the phone picks up, then the remote party answers
    live.click(widget.hangup_button)
    live.wait_gone(widget)
    rows = window.history.rows()
    assert rows[0].entry.direction == "outgoing"
    assert rows[0].entry.end_reason == "completed"


def test_callpanel_dial_hands_the_number_to_the_running_panel(live: Live) -> None:
    name = f"callpanel-test-{uuid.uuid4().hex[:8]}"
    instance = SingleInstance(name)
    assert instance.listen()
    instance.messageReceived.connect(live.panel.handle_message)
    try:
        env = dict(os.environ, CALLPANEL_INSTANCE=name, QT_QPA_PLATFORM="offscreen")
        proc = subprocess.Popen(
            [sys.executable, "-m", "callpanel", "dial", "tel:8-499-765-43-21"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        live.qtbot.waitUntil(lambda: proc.poll() is not None, timeout=15000)
        _out, err = proc.communicate()
        assert proc.returncode == 0, err.decode()
    finally:
        instance.close()
    window = live.window
    assert window.dial_box.number() == "84997654321"
    prompt = window.external_prompt
    assert prompt is not None and prompt.isVisible()  # asks before dialling
    assert window.call_widgets == {}
    confirm = prompt.findChild(QPushButton, "ConfirmCall")
    live.qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    widget = live.widget("84997654321")
    live.wait_state(widget, "Talking")
    live.click(widget.hangup_button)
    live.wait_gone(widget)


def test_call_waiting_two_calls(live: Live) -> None:
    window = live.window
    first = run(live.qtbot, live.sim.incoming_call(number=CALLER, name="Ivan Petrov"))
    w1 = live.widget(CALLER)
    live.click(w1.answer_button)
    live.wait_state(w1, "Talking")
    second = run(live.qtbot, live.sim.incoming_call(number="+79031112233", name="Olga Smirnova"))
    w2 = live.widget("+79031112233")
    assert w2.state_label.text() == "Incoming call ringing"
    assert [w.call_id for w in window.ordered_widgets()] == [w2.call_id, w1.call_id]
    assert not window.banner.isVisibleTo(window)  # the active window shows the card itself
    live.click(w1.hold_button)
    live.wait_state(w1, "On hold — by you")
    live.click(w2.answer_button)
    live.wait_state(w2, "Talking")
    assert w1.state_label.text() == "On hold — by you"
    run(live.qtbot, live.sim.remote_hangup(second))
    live.wait_gone(w2)
    live.click(w1.hold_button)
    live.wait_state(w1, "Talking")
    run(live.qtbot, live.sim.remote_hangup(first))
    live.wait_gone(w1)
    assert len(window.history.rows()) == 2


def test_connection_lost_and_restored_keeps_the_call(live: Live) -> None:
    window = live.window
    run(live.qtbot, live.sim.incoming_call(number=CALLER, name="Ivan Petrov"))
    widget = live.widget(CALLER)
    live.click(widget.answer_button)
    live.wait_state(widget, "Talking")
    states: list[LinkState] = []
    live.panel.bridge.statusChanged.connect(lambda s: states.append(s.state))
    run(live.qtbot, live.sim.drop_clients())
    live.qtbot.waitUntil(lambda: LinkState.RECONNECTING in states, timeout=WAIT)
    live.qtbot.waitUntil(
        lambda: live.panel.bridge.status.state is LinkState.CONNECTED, timeout=WAIT
    )
    # after the resync the same call is still there, still talking, buttons live again
    live.qtbot.waitUntil(lambda: len(window.call_widgets) == 1, timeout=WAIT)
    (again,) = window.call_widgets.values()
    assert again.call.number == CALLER
    live.wait_state(again, "Talking")
    live.wait_enabled(again.hangup_button)
    live.click(again.hangup_button)
    live.wait_gone(again)


def test_wrong_password(qtbot: Any, aloop: qasync.QEventLoop) -> None:
    world = start_live(qtbot, secret="not-the-secret")
    try:
        bar = world.window.conn_bar
        qtbot.waitUntil(
            lambda: world.panel.bridge.status.state is LinkState.AUTH_FAILED, timeout=WAIT
        )
        text = bar.text.text()
        assert "refused the login. Check the user name and the secret" in text
        assert "permit/deny" in text
        assert text.count("Authentication failed") == 0  # said once, in words
        assert "Authentication failed" in bar.text.toolTip()  # Asterisk's reply, for the admin
        assert bar.settings_button.isVisibleTo(world.window)
        qtbot.mouseClick(bar.settings_button, Qt.MouseButton.LeftButton)
        dialog = world.panel.settings_dialog
        assert dialog is not None and dialog.isVisible()
        # the right secret in the dialog: saved and reconnected
        dialog.secret.setText("callpanel-secret")
        dialog.accept()
        qtbot.waitUntil(
            lambda: world.panel.bridge.status.state is LinkState.CONNECTED, timeout=WAIT
        )
    finally:
        stop_live(qtbot, world)


def test_settings_test_connection(live: Live) -> None:
    dialog = live.panel.open_settings()
    # nothing typed: the secret in use is tested
    with live.qtbot.waitSignal(dialog.testFinished, timeout=WAIT) as sig:
        live.qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert sig.args == [True, "Connected: Asterisk 18.26.4"]
    dialog.secret.setText("wrong")
    with live.qtbot.waitSignal(dialog.testFinished, timeout=WAIT) as sig:
        live.qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    ok, text = sig.args
    assert not ok and text.startswith("Asterisk at 127.0.0.1:") and "refused the login" in text
    dialog.port.setValue(1)
    with live.qtbot.waitSignal(dialog.testFinished, timeout=WAIT) as sig:
        live.qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    ok, text = sig.args
    assert not ok
    # in words, naming what to check (not Python's "Connect call failed (...)")
    assert text.startswith("Nothing answers at 127.0.0.1:1.") and "firewall" in text, text
    assert "AMI is enabled" in text and "Connect call failed" not in text
    dialog.reject()


def answered(live: Live) -> tuple[Any, CallWidget]:
    call = run(live.qtbot, live.sim.incoming_call(number=CALLER, name="Ivan Petrov"))
    widget = live.widget(CALLER)
    live.click(widget.answer_button)
    live.wait_state(widget, "Talking")
    return call, widget


def test_hold_by_the_other_side(live: Live) -> None:
    call, widget = answered(live)
    run(live.qtbot, live.sim.remote_hold(call))
    live.wait_state(widget, "On hold — by the other side")
    assert widget.hold_button.text() == "Hold"  # nothing of ours to take back
    run(live.qtbot, live.sim.remote_unhold(call))
    live.wait_state(widget, "Talking")
    run(live.qtbot, live.sim.remote_hangup(call))
    live.wait_gone(widget)


def attended_to_102(live: Live, widget: CallWidget) -> CallWidget:
    live.click(widget.transfer_button)
    dialog = live.window.transfer_dialog
    assert dialog is not None
    dialog.number_edit.setText("102")
    dialog.attended_radio.setChecked(True)
    live.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    live.wait_state(widget, "On hold — by you")
    live.qtbot.waitUntil(lambda: widget.hold_button.text() == "Cancel transfer", timeout=WAIT)
    consult = live.widget("102")  # the consultation call to the colleague
    live.wait_state(consult, "Talking")
    return consult


def test_attended_transfer_completed_by_hanging_up(live: Live) -> None:
    _call, widget = answered(live)
    consult = attended_to_102(live, widget)
    live.click(consult.hangup_button)  # hanging up hands the caller over
    live.wait_gone(widget)
    live.wait_gone(consult)
    reasons = {r.entry.number: r.entry.end_reason for r in live.window.history.rows()}
    assert reasons[CALLER] == "transferred"


def test_attended_transfer_cancelled(live: Live) -> None:
    call, widget = answered(live)
    consult = attended_to_102(live, widget)
    live.click(widget.hold_button)  # "Cancel transfer"
    live.wait_gone(consult)
    live.wait_state(widget, "Talking")
    assert widget.hold_button.text() == "Hold"
    run(live.qtbot, live.sim.remote_hangup(call))
    live.wait_gone(widget)


def test_untrusted_caller_name_stays_text(live: Live) -> None:
    evil = "<b>x</b><img src=http://127.0.0.1:9/t.png>"
    call = run(live.qtbot, live.sim.incoming_call(number=CALLER, name=evil))
    widget = live.widget(CALLER)
    assert widget.name_label.text() == evil
    assert widget.name_label.textFormat() == Qt.TextFormat.PlainText
    banner = live.window.banner
    assert banner.label.textFormat() == Qt.TextFormat.PlainText
    live.window.notifications.banner.notify(  # as when the window is not the active one
        widget.call_id, "Incoming call", caller_line(widget.call.name, widget.call.number)
    )
    assert evil in banner.text()
    run(live.qtbot, live.sim.remote_hangup(call))
    live.wait_gone(widget)
    (row,) = live.window.history.rows()
    assert row.who.text() == evil
    assert row.who.textFormat() == Qt.TextFormat.PlainText


def test_least_privilege_user_gets_explained_disabled_buttons(
    qtbot: Any, aloop: qasync.QEventLoop
) -> None:
    """S6: Asterisk says "Permission denied": the panel shows it and disables what cannot work."""
    world = start_live(
        qtbot,
        secret="nodial-secret",
        extra_users=(SimUser("callpanel", "nodial-secret", write=frozenset({"call"})),),
    )
    try:
        qtbot.waitUntil(
            lambda: world.panel.bridge.status.state is LinkState.CONNECTED, timeout=WAIT
        )
        window = world.window
        window.dial_box.set_number("84997654321")
        world.click(window.dial_box.call_button)
        qtbot.waitUntil(lambda: not window.dial_box.call_button.isEnabled(), timeout=WAIT)
        assert "may not originate" in window.dial_box.call_button.toolTip()
        assert "denied permission" in window.error_bar.text()
        assert window.call_widgets == {}  # nothing was dialled
    finally:
        stop_live(qtbot, world)


def test_limited_user_cannot_hang_up_and_is_told_why(qtbot: Any, aloop: qasync.QEventLoop) -> None:
    world = start_live(qtbot, secret="callpanel-limited-secret")
    world.panel.settings = world.panel.settings.replace(username="callpanel_limited")
    run(qtbot, world.panel.bridge.stop())
    world.panel.start()
    try:
        qtbot.waitUntil(
            lambda: world.panel.bridge.status.state is LinkState.CONNECTED, timeout=WAIT
        )
        run(qtbot, world.sim.incoming_call(number=CALLER, name="Ivan Petrov"))
        widget = world.widget(CALLER)
        run(qtbot, world.sim.phone("SIP/101").answer())  # on the handset
        world.wait_state(widget, "Talking")
        world.click(widget.hangup_button)
        qtbot.waitUntil(lambda: not widget.hangup_button.isEnabled(), timeout=WAIT)
        assert "may not do this" in widget.hangup_button.toolTip()
        assert "denied permission" in world.window.error_bar.text()
    finally:
        stop_live(qtbot, world)


def test_click_to_call_to_a_busy_number_tells_the_operator(live: Live) -> None:
    from callpanel.sim import RemoteBehaviour

    live.sim.set_remote("84997654321", RemoteBehaviour.BUSY)  # typed +7…, dialled 8…
    window = live.window
    live.qtbot.keyClicks(window.dial_box.edit, "+74997654321")
    live.qtbot.keyClick(window.dial_box.edit, Qt.Key.Key_Return)
    live.qtbot.waitUntil(lambda: window.error_bar.isVisibleTo(window), timeout=10000)
    assert window.error_bar.text() == "Call to 8 (499) 765-43-21: Busy"
    rows = window.history.rows()
    assert (rows[0].entry.direction, rows[0].entry.end_reason) == ("outgoing", "busy")


def test_click_to_call_while_the_phone_is_full_is_not_silent(live: Live) -> None:
    """Both lines of the phone in use (call-limit 2): Asterisk refuses before any channel."""
    for number in ("+79161234567", "+79031112233"):
        run(live.qtbot, live.sim.incoming_call(number=number, name="Caller", to="SIP/101"))
        live.widget(number)
        run(live.qtbot, live.sim.phone("SIP/101").answer())
        live.wait_state(live.widget(number), "Talking")
    window = live.window
    live.qtbot.keyClicks(window.dial_box.edit, "84991234567")
    live.qtbot.keyClick(window.dial_box.edit, Qt.Key.Key_Return)
    live.qtbot.waitUntil(lambda: window.error_bar.isVisibleTo(window), timeout=10000)
    assert window.error_bar.text() == "Call to 8 (499) 123-45-67: Failed"
    assert window.history.rows()[0].entry.end_reason == "failed"
