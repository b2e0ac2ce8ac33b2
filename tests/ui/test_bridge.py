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
)
from callpanel.asterisk.status import LinkState
from callpanel.calls.events import Direction, RingStarted
from callpanel.ui.bridge import (
    Bridge,
    default_client_factory,
    default_manager_factory,
    error_text,
)

from .conftest import FakeClock, run
from .fakes import FakeClient, FakeManager


class HangingManager(FakeManager):
    async def stop(self) -> None:
        await asyncio.Event().wait()  # a logoff that never completes


def test_stop_is_bounded_even_if_logoff_hangs(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> None:
    bridge = Bridge(manager_factory=HangingManager, client_factory=lambda _m, _c: FakeClient())
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
    bridge = Bridge(manager_factory=FakeManager, client_factory=lambda _m, _c: client)
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
    bridge = Bridge(manager_factory=FakeManager, client_factory=lambda _m, _c: FakeClient())
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
    bridge = Bridge(manager_factory=FakeManager, client_factory=lambda _m, _c: FakeClient())
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
    bridge = Bridge()
    manager = default_manager_factory(
        ConnectionConfig(host="127.0.0.1", port=1),
        ClientConfig(endpoints=("SIP/101",)),
        bridge.handle_status,
        bridge.store,
    )
    client = default_client_factory(manager, ClientConfig(endpoints=("SIP/101",)))
    assert manager.adapter.calls is bridge.store  # type: ignore[attr-defined]
    assert client._adapter.calls is bridge.store  # type: ignore[attr-defined]
