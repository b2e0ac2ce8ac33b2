"""R8 (event flood) and R4 (slow server, UI side) through the real connector and the bridge.

Correctness only: timing figures are ``bench/bench_flood.py``'s job. Sync tests on the
already-running qasync loop (tests/ui/conftest.py); waits are qtbot.waitUntil/waitSignal.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
import qasync
from PySide6.QtCore import QTimer

from callpanel.ami import Action
from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.connection import AsteriskConnection
from callpanel.asterisk.manager import AsteriskManager
from callpanel.asterisk.status import LinkState
from callpanel.calls.events import (
    ActiveCallSnapshot,
    CallEvent,
    CallState,
    CommutationStarted,
    EndReason,
    RingFinished,
    RingStarted,
)
from callpanel.calls.store import CallStore
from callpanel.store.history import History
from callpanel.ui.bridge import (
    Connector,
    QtConnector,
    StatusCallback,
    default_centre_factory,
    default_client_factory,
)
from callpanel.ui.history import SHOWN, HistoryPanel

from ..asterisk.amiserver import (
    AmiServer,
    ClientAction,
    ServerOptions,
    ServerSession,
    ThreadedServer,
)
from ..asterisk.floodstream import ENDPOINT, expected_call_events, flood_events, without_waits
from .conftest import make_call, run

pytestmark = pytest.mark.timeout(60)

COPIES = 12  # ~21 000 AMI events, 216 calls
TICK_MS = 100


class Panel:
    """A QtConnector on the real AsteriskManager/AsteriskConnection that also records what the
    manager hands to it and which connections it opened."""

    def __init__(self) -> None:
        self.received: list[CallEvent] = []
        self.connections: list[AsteriskConnection] = []
        self.bridge = QtConnector(
            connector=Connector(self._manager, default_client_factory, default_centre_factory)
        )

    def _connection(self, config: ConnectionConfig, *, on_event: Any) -> AsteriskConnection:
        self.connections.append(AsteriskConnection(config, on_event=on_event))
        return self.connections[-1]

    def _manager(
        self,
        conn: ConnectionConfig,
        client: ClientConfig,
        on_status: StatusCallback,
        store: CallStore,
    ) -> AsteriskManager:
        return AsteriskManager(
            conn,
            client,
            on_status=on_status,
            on_call_event=self.received.append,
            store=store,
            connection_factory=self._connection,
        )

    def start(self, qtbot: Any, port: int, **config: Any) -> None:
        self.bridge.start(
            ConnectionConfig(host="127.0.0.1", port=port, secret="callpanel-secret", **config),
            ClientConfig(endpoints=(ENDPOINT,)),
        )
        qtbot.waitUntil(lambda: self.bridge.status.state is LinkState.CONNECTED, timeout=5000)

    def call_events(self) -> list[CallEvent]:
        return [e for e in self.received if not isinstance(e, ActiveCallSnapshot)]


def test_r8_flood_delivers_every_call_event_in_order(qtbot: Any, aloop: qasync.QEventLoop) -> None:
    messages = flood_events(COPIES)
    expected = expected_call_events(messages).call_events
    panel = Panel()
    added: list[str] = []
    ended: list[str] = []
    panel.bridge.callAdded.connect(lambda call: added.append(call.call_id))
    panel.bridge.callEnded.connect(lambda call: ended.append(call.call_id))
    threaded = ThreadedServer()  # floods from its own thread while our loop works
    run(qtbot, threaded.__aenter__())
    try:
        panel.start(qtbot, threaded.server.port, ping_interval=0)
        session = threaded.server.sessions[0]
        conn = panel.connections[0]
        before = conn.events_delivered + conn.parser.ignored

        async def flood() -> None:
            await session.send_raw(b"".join(messages))

        run(qtbot, threaded.call(flood()), timeout=20_000)
        qtbot.waitUntil(lambda: len(panel.call_events()) >= len(expected), timeout=30_000)
        # a Ping answered after the flood: every flood byte has been read by then
        run(qtbot, conn.send(Action.create("Ping"), timeout=10))

        assert conn.events_delivered + conn.parser.ignored - before == len(messages)
        assert without_waits(panel.call_events()) == without_waits(
            expected
        )  # nothing lost or reordered
        per_call: dict[str, list[str]] = {}
        for event in panel.call_events():
            per_call.setdefault(event.call_id, []).append(type(event).__name__)
        assert len(per_call) >= 200
        for kinds in per_call.values():
            assert kinds[0] == RingStarted.__name__
            assert kinds[-1] == RingFinished.__name__
            assert kinds.count(RingFinished.__name__) == 1
            if CommutationStarted.__name__ in kinds:
                assert 0 < kinds.index(CommutationStarted.__name__) < len(kinds) - 1
        assert sorted(added) == sorted(ended) == sorted(per_call)
        assert panel.bridge.calls() == []  # nothing left active
        manager = panel.bridge.manager
        assert isinstance(manager, AsteriskManager)
        assert manager.adapter.calls == {}
        assert panel.bridge.status.state is LinkState.CONNECTED
    finally:
        run(qtbot, panel.bridge.stop())
        run(qtbot, threaded.__aexit__(None, None, None))


def test_r8_back_to_back_fully_booted_refreshes_lose_nothing(
    qtbot: Any, aloop: qasync.QEventLoop
) -> None:
    """Each FullyBooted starts a resync; two at once used to share (and drop) held events."""
    messages = flood_events(2)
    booted = b"Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n"
    # a FullyBooted before every recording-sized stretch, several landing in one resync
    stream = b"".join(booted + m if i % 50 == 0 else m for i, m in enumerate(messages))
    expected = expected_call_events(messages).call_events
    panel = Panel()

    async def serve() -> AmiServer:
        server = AmiServer()
        await server.start()
        return server

    server = run(qtbot, serve())
    try:
        panel.start(qtbot, server.port, ping_interval=0)
        run(qtbot, server.sessions[0].send_raw(stream))
        qtbot.waitUntil(lambda: len(panel.call_events()) >= len(expected), timeout=20_000)
        run(qtbot, panel.connections[0].send(Action.create("Ping"), timeout=10))
        refreshes = [a for _n, a in server.all_actions() if a.name == "CoreShowChannels"]
        assert len(refreshes) >= 2  # the login's resync and at least one refresh
        assert without_waits(panel.call_events()) == without_waits(expected)
        assert panel.bridge.status.state is LinkState.CONNECTED
    finally:
        run(qtbot, panel.bridge.stop())
        run(qtbot, server.stop())


def test_r4_ui_keeps_ticking_while_an_action_times_out(
    qtbot: Any, aloop: qasync.QEventLoop
) -> None:
    held: list[tuple[ServerSession, ClientAction]] = []

    async def withhold(session: ServerSession, action: ClientAction) -> bool:
        held.append((session, action))  # no response until the panel has given up
        return True

    async def serve() -> AmiServer:
        server = AmiServer(ServerOptions(handlers={"originate": withhold}))
        await server.start()
        return server

    server = run(qtbot, serve())
    panel = Panel()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(1))
    try:
        panel.start(qtbot, server.port, ping_interval=0, action_timeout=1.0)
        errors: list[str] = []
        panel.bridge.errorOccurred.connect(errors.append)
        timer.start()
        with qtbot.waitSignal(panel.bridge.actionFinished, timeout=10_000) as finished:
            panel.bridge.dial("5551234")
        timer.stop()
        assert finished.args == ["dial", False]
        assert errors and "did not answer in time" in errors[-1]
        assert held and held[0][1].name == "Originate"
        # ~10 ticks fit in the 1 s timeout; 5 is a generous floor, not a timing bound
        assert len(ticks) >= 5
        session, action = held[0]
        run(qtbot, session.respond(action, "Success", ("Message", "late")))  # dropped
        pong = run(qtbot, panel.connections[0].send(Action.create("Ping"), timeout=5))
        assert pong.get("Ping") == "Pong"
        assert panel.bridge.status.state is LinkState.CONNECTED
    finally:
        timer.stop()
        run(qtbot, panel.bridge.stop())
        run(qtbot, server.stop())


def test_flood_stream_copies_never_share_a_call() -> None:
    def calls(copies: int) -> list[str]:
        events = expected_call_events(flood_events(copies)).call_events
        return [e.call_id for e in events if isinstance(e, RingStarted)]

    one, three = calls(1), calls(3)
    assert len(one) > 10
    assert len(three) == len(set(three)) == 3 * len(one)


def test_history_after_a_burst_of_ended_calls_equals_a_fresh_list(
    qtbot: Any, aloop: qasync.QEventLoop
) -> None:
    """The history adds new rows on top instead of rebuilding them (R8); what it shows after
    a burst must be exactly what a freshly built list shows."""
    panel = HistoryPanel(History(":memory:"))
    qtbot.addWidget(panel)
    for n in range(SHOWN + 7):
        call = make_call(
            f"h{n}", state=CallState.ENDED, number=f"+7916000{n:04d}", started_at=1e6 + n
        )
        ended = replace(call, ended_at=1e6 + n + 1, end_reason=EndReason.MISSED)
        panel.record(ended)
        if n % 5 == 0:
            panel.rows()  # sometimes read in between: the deferred rows catch up first
    shown = [(row.entry, row.who.text(), row.meta.text()) for row in panel.rows()]
    fresh = HistoryPanel(panel.store)
    qtbot.addWidget(fresh)
    assert shown == [(row.entry, row.who.text(), row.meta.text()) for row in fresh.rows()]
    assert len(shown) == SHOWN
    assert shown[0][0].call_id == f"h{SHOWN + 6}"  # newest first
    assert panel.unseen() == SHOWN + 7
