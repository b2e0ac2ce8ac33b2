from __future__ import annotations

import asyncio
from typing import Any

import pytest
import qasync

from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.errors import (
    ActionTimeout,
    ConnectionLost,
    InvalidInput,
    NotSupported,
    PermissionDenied,
)
from callpanel.asterisk.status import ConnectionStatus, LinkState
from callpanel.calls.events import Capability, Direction, RingStarted
from callpanel.calls.policy import Command, Denial, Reason
from callpanel.ui.bridge import (
    Connector,
    QtConnector,
    default_client_factory,
    default_manager_factory,
    error_text,
)

from .conftest import FakeClock, run
from .fakes import FakeClient, FakeManager, fake_connector


class HangingManager(FakeManager):
    async def stop(self) -> None:
        await asyncio.Event().wait()  # a logoff that never completes


def test_stop_is_bounded_even_if_logoff_hangs(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> None:
    bridge = QtConnector(connector=Connector(HangingManager, lambda _m, _c: FakeClient()))
    bridge.start(ConnectionConfig(), ClientConfig())
    qtbot.waitUntil(lambda: bridge.status.state is LinkState.CONNECTED)
    start = aloop.time()
    run(qtbot, bridge.stop(timeout=0.2))
    assert aloop.time() - start < 2
    assert bridge.status.state is LinkState.DISCONNECTED
    assert bridge.tasks == frozenset()


def test_tasks_are_owned_and_released(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> None:
    client = FakeClient()
    bridge = QtConnector(connector=fake_connector(client))
    bridge.start(ConnectionConfig(), ClientConfig())
    with pytest.raises(RuntimeError):
        bridge.start(ConnectionConfig(), ClientConfig())
    task = bridge.dial("101")
    assert task in bridge.tasks
    qtbot.waitUntil(task.done)
    assert task not in bridge.tasks
    run(qtbot, bridge.stop())


def test_intent_without_connection_is_reported(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> None:
    bridge = QtConnector(connector=fake_connector())
    with qtbot.waitSignal(bridge.errorOccurred) as sig:
        bridge.answer("c1")
    assert sig.args == ["Answer: not connected to Asterisk; try again when the connection is back"]


def test_error_texts() -> None:
    assert error_text("Call", InvalidInput("invalid number 'x'")) == (
        "Call: the input is not valid: invalid number 'x'"
    )
    assert error_text("Hold", NotSupported("no hold")) == "Hold is not possible: no hold"
    assert "did not answer in time" in error_text("Answer", ActionTimeout("t"))
    assert "not connected" in error_text("Answer", ConnectionLost("x"))
    assert error_text("Call", ValueError("boom")) == "Call failed unexpectedly: boom"


def test_stop_drops_calls_without_ending_them(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> None:
    bridge = QtConnector(connector=fake_connector())
    bridge.start(ConnectionConfig(), ClientConfig())
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "1", ""))
    ended: list[Any] = []
    dropped: list[Any] = []
    bridge.callEnded.connect(ended.append)
    bridge.callDropped.connect(dropped.append)
    run(qtbot, bridge.stop())
    assert ended == [] and [c.call_id for c in dropped] == ["c1"]
    assert bridge.calls() == []


def test_the_client_and_the_window_read_one_store() -> None:
    """The real connector writes the bridge's store: the client checks what the window shows."""
    bridge = QtConnector()
    manager = default_manager_factory(
        ConnectionConfig(host="127.0.0.1", port=1),
        ClientConfig(endpoints=("SIP/101",)),
        bridge.handle_status,
        bridge.store,
    )
    client = default_client_factory(manager, ClientConfig(endpoints=("SIP/101",)))
    assert manager.adapter.calls is bridge.store
    assert client._adapter.calls is bridge.store  # type: ignore[attr-defined]


def test_a_permission_refusal_is_forgotten_after_a_reconnect(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> None:
    """The admin may widen the AMI user's rights: a new session tries again (the GUI too)."""
    client = FakeClient()
    bridge = QtConnector(connector=fake_connector(client))
    bridge.start(ConnectionConfig(), ClientConfig())
    qtbot.waitUntil(lambda: bridge.status.state is LinkState.CONNECTED)
    client.fail = PermissionDenied("Originate", "Permission denied")
    with qtbot.waitSignal(bridge.actionFinished):
        bridge.dial("101")
    allowed, why = bridge.dial_allowed()
    assert not allowed and "may not originate" in why
    client.fail = None
    bridge.handle_status(ConnectionStatus(LinkState.RECONNECTING, retry_in=1.0))
    assert bridge.dial_allowed()[0] is False  # not connected now
    bridge.handle_status(ConnectionStatus(LinkState.CONNECTED))
    assert bridge.dial_allowed() == (True, "")


def test_why_not_comes_from_the_policy_in_the_operators_words(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> None:
    limits = {Command.CANCEL_ATXFER: Denial(Command.CANCEL_ATXFER, Reason.NEEDS_VERSION)}
    limits[Command.HOLD] = Denial(Command.HOLD, Reason.NO_HOLD_STRATEGY)
    client = FakeClient(limits=limits)
    bridge = QtConnector(connector=fake_connector(client))
    bridge.start(ConnectionConfig(), ClientConfig())
    qtbot.waitUntil(lambda: bridge.status.state is LinkState.CONNECTED)
    assert Capability.HOLD not in bridge.offered and Capability.ANSWER in bridge.offered
    assert bridge.why_not[Capability.HOLD] == (
        "Use the phone's hold key. To hold from the panel, choose how in Settings, Phone, Hold"
    )
    denial = Denial(Command.HOLD, Reason.CALL_STATE, (("state", "ringing"),))
    assert error_text("Hold", NotSupported.because(denial)) == (
        "Hold is not possible: Only a call in conversation can be put on hold"
    )
