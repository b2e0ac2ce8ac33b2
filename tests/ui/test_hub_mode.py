"""The same operator loop as test_operator_loop, with the panel in hub mode: the real panel
(controller, bridge, window) → HubLink/HubClient → real Mosquitto (TLS, password, ACL) → the
hub (one AMI session) → the demo PBX. What the operator sees and does is the same."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtCore import Qt

from callpanel.asterisk.config import AnswerStrategy, ClientConfig, HoldStrategy
from callpanel.asterisk.status import LinkState
from callpanel.centre import AgentState, ColleagueState
from callpanel.hub.service import Hub
from callpanel.sim import SimConfig, SimPbx
from callpanel.store.history import History
from callpanel.store.settings import ConnectionMode, Settings
from callpanel.ui.bridge import QtConnector
from callpanel.ui.controller import PanelController
from callpanel.ui.hub_link import ModeConnector

from ..hub.broker import Broker
from ..hub.support import hub_config
from .conftest import run

pytestmark = pytest.mark.timeout(90)

CALLER = "+79161234567"
WAIT = 8000


@dataclass
class HubWorld:
    sim: SimPbx
    broker: Broker
    hub: Hub
    panel: PanelController
    qtbot: Any


@pytest.fixture
def world(qtbot: Any, aloop: qasync.QEventLoop, tmp_path: Path) -> Iterator[HubWorld]:
    sim = SimPbx(SimConfig(time_scale=0.01, dial_timeout=600.0))
    run(qtbot, sim.start(host="127.0.0.1", port=0))
    broker = Broker(tmp_path / "broker")
    broker.add_hub()
    password = broker.add_operator("alice")
    broker.add_operator("bob")
    run(qtbot, broker.start(), timeout=15000)
    config = hub_config(sim, broker)
    config = type(config)(
        config.ami,
        config.broker,
        {
            "alice": ClientConfig(
                endpoints=("SIP/101",),
                answer_strategy=AnswerStrategy.PHONE_NOTIFY,
                hold_strategy=HoldStrategy.PHONE_NOTIFY,
            )
        },
    )
    hub = Hub(config, backoff_base=0.05, backoff_cap=0.3)
    run(qtbot, hub.start())
    assert broker.cafile is not None
    settings = Settings(
        connection=ConnectionMode.HUB,
        host="127.0.0.1",
        port=broker.port,
        tls=True,
        cafile=str(broker.cafile),
        username="alice",
        # the panel's own phone settings do not matter in hub mode: the hub's do
        region="RU",
    )
    links = ModeConnector()
    panel = PanelController(
        bridge=QtConnector(connector=links),
        settings=settings,
        secret=password,
        history=History(":memory:"),
        use_tray=False,
        persist=False,
    )
    links.mode = lambda: panel.settings.connection
    panel.window.show()
    panel.start()
    yield HubWorld(sim, broker, hub, panel, qtbot)
    run(qtbot, panel.shutdown(timeout=2))
    run(qtbot, hub.stop())
    run(qtbot, sim.stop())
    broker.stop()
    panel.window.close()
    panel.window.deleteLater()


def test_the_operator_loop_through_the_hub(world: HubWorld) -> None:
    qtbot, window = world.qtbot, world.panel.window
    bridge = world.panel.bridge
    qtbot.waitUntil(lambda: bridge.status.state is LinkState.CONNECTED, timeout=WAIT)
    assert window.conn_bar.text.text() == (
        f"Connected to callpanel hub via 127.0.0.1:{world.broker.port} · Asterisk 18.26.4"
    )
    run(qtbot, world.sim.incoming_call(number=CALLER, name="Ivan Petrov", to="SIP/101"))
    found: list[Any] = []

    def present() -> bool:
        found[:] = [w for w in window.call_widgets.values() if w.call.number == CALLER]
        return bool(found)

    qtbot.waitUntil(present, timeout=WAIT)
    widget = found[0]
    assert widget.state_label.text() == "Incoming call ringing"
    assert widget.name_label.text() == "Ivan Petrov"

    def click(button: Any) -> None:
        qtbot.waitUntil(button.isEnabled, timeout=WAIT)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def wait_state(text: str) -> None:
        qtbot.waitUntil(lambda: widget.state_label.text() == text, timeout=WAIT)

    click(widget.answer_button)
    wait_state("Talking")
    click(widget.hold_button)
    wait_state("On hold — by you")
    click(widget.hold_button)
    wait_state("Talking")
    click(widget.hangup_button)
    qtbot.waitUntil(lambda: widget.call_id not in window.call_widgets, timeout=WAIT)
    assert not window.error_bar.isVisibleTo(window), window.error_bar.text()
    rows = window.history.rows()
    assert [r.who.text() for r in rows] == ["Ivan Petrov"]
    assert rows[0].entry.end_reason == "completed"

    # The hub goes away: the panel says so, and a button press is refused with the reason.
    run(qtbot, world.hub.stop())
    qtbot.waitUntil(lambda: bridge.status.state is LinkState.RECONNECTING, timeout=WAIT)
    assert "hub" in window.conn_bar.text.text()


def test_queues_status_and_colleagues_through_the_hub(world: HubWorld) -> None:
    """The call-centre part of the window, in hub mode: the same rows, words and controls."""
    qtbot, window = world.qtbot, world.panel.window
    qtbot.waitUntil(lambda: world.panel.bridge.status.state is LinkState.CONNECTED, timeout=WAIT)
    queues = window.queues
    qtbot.waitUntil(lambda: queues.table.topLevelItemCount() == 1, timeout=WAIT)
    item = queues.table.topLevelItem(0)
    assert item is not None and item.text(0) == "support" and item.text(3) == "Permanent"
    assert not queues.logout_button.isEnabled()  # static: only the admin
    assert "only the PBX administrator" in queues.logout_button.toolTip()
    assert window.agent_status.text() == "Available"

    queues._pause("Lunch")
    qtbot.waitUntil(lambda: window.agent_status.text() == "Paused: Lunch", timeout=WAIT)
    qtbot.waitUntil(queues.resume_button.isEnabled, timeout=WAIT)
    queues.resume_button.click()
    qtbot.waitUntil(lambda: window.agent_status.text() == "Available", timeout=WAIT)
    window.centre.login("sales")
    qtbot.waitUntil(lambda: queues.table.topLevelItemCount() == 2, timeout=WAIT)
    window.agent_status.status_menu.dnd.trigger()
    qtbot.waitUntil(lambda: window.centre.status.state is AgentState.DND, timeout=WAIT)
    assert window.agent_status.text() == "Do not disturb"
    window.agent_status.status_menu.available.trigger()
    qtbot.waitUntil(lambda: window.centre.status.state is AgentState.AVAILABLE, timeout=WAIT)

    proxy = window.colleagues.proxy

    def rows() -> list[str]:
        return [str(proxy.data(proxy.index(i, 0))) for i in range(proxy.rowCount())]

    qtbot.waitUntil(lambda: len(rows()) == 5, timeout=WAIT)  # 102-106; not alice herself
    assert rows()[1] == "103  Мария Соколова · Free"
    world.sim.pbx.centre.set_colleague("104", "RINGING")
    model = window.colleagues.model
    qtbot.waitUntil(
        lambda: (c := model.colleague("104")) is not None and c.state is ColleagueState.RINGING,
        timeout=WAIT,
    )
    menu = window.colleagues.menu_for(model.colleague("104"))
    pickup = next(a for a in menu.actions() if a.text() == "Pick up the ringing call")
    assert pickup.isEnabled()
    idle = window.colleagues.menu_for(model.colleague("105"))
    refused = next(a for a in idle.actions() if a.text() == "Pick up the ringing call")
    assert not refused.isEnabled() and refused.toolTip() == "Nothing is ringing at 105"
    assert not window.error_bar.isVisibleTo(window), window.error_bar.text()

    # the hub goes away: the controls say why, as they do when AMI is down in direct mode
    run(qtbot, world.hub.stop())
    qtbot.waitUntil(lambda: world.panel.bridge.status.state is LinkState.RECONNECTING, timeout=WAIT)
    qtbot.waitUntil(lambda: not queues.pause_button.isEnabled(), timeout=WAIT)


def test_the_settings_dialog_switches_to_the_hub(qtbot: Any) -> None:
    from callpanel.store.secrets import KeyringStatus
    from callpanel.store.settings import SettingsError
    from callpanel.ui.settings_dialog import SettingsDialog

    def spawn(coro: Any, *, name: str) -> Any:
        raise AssertionError(f"nothing is started: {name}")

    dialog = SettingsDialog(
        Settings(username="alice"),
        keyring=KeyringStatus(True, "test.Keyring"),
        has_secret=True,
        spawn=spawn,
    )
    qtbot.addWidget(dialog)
    assert dialog.connection.currentData() is ConnectionMode.AMI
    assert dialog.test_button.isEnabled()
    dialog.connection.setCurrentIndex(dialog.connection.findText("callpanel hub"))
    assert (dialog.port.value(), dialog.tls.isChecked()) == (8883, True)
    assert not dialog.test_button.isEnabled() and not dialog.endpoints.isEnabled()
    assert dialog.client_cert.isEnabled() and dialog.client_key.isEnabled()
    dialog.client_cert.setText("/etc/callpanel/alice.pem")
    dialog.client_key.setText("/etc/callpanel/alice.key")
    collected = dialog.collect()
    assert collected.connection is ConnectionMode.HUB and collected.tls
    assert (collected.client_cert, collected.client_key) == (
        "/etc/callpanel/alice.pem",
        "/etc/callpanel/alice.key",
    )
    dialog.tls.setChecked(False)
    assert not dialog.client_cert.isEnabled()  # a certificate needs TLS
    dialog.tls.setChecked(True)
    dialog.username.setText("Alice Smith")
    with pytest.raises(SettingsError) as bad:
        dialog.collect()
    assert bad.value.field == "username"
    dialog.connection.setCurrentIndex(0)
    assert dialog.port.value() == 5039 and dialog.test_button.isEnabled()  # TLS still on
    assert not dialog.client_cert.isEnabled()  # Asterisk's AMI never asks for one
