# ruff: noqa: F821, F722, E402
# (dbus-fast reads D-Bus signatures from string annotations; it is imported after the skip)
"""Desktop notifications over a real D-Bus: a private session bus (dbus-daemon) and a small
org.freedesktop.Notifications server made here stand in for the desktop. The panel finds the
service, shows each ringing call with Answer and Decline, answers when Answer is invoked,
replaces the notification when the caller's name changes and withdraws it when the call stops
ringing; caller text is escaped for a server that renders markup."""

import asyncio
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
import qasync

from callpanel.asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig
from callpanel.asterisk.status import LinkState
from callpanel.calls.events import CommutationStarted, Direction, RingStarted
from callpanel.store.settings import Settings
from callpanel.ui.controller import PanelController

from .conftest import run
from .fakes import fake_bridge

dbus_fast = pytest.importorskip("dbus_fast")

# Generous: each step is a D-Bus round trip through a real daemon, slow on a loaded machine.
WAIT_MS = 20_000
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal


class StubNotificationServer(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.notes: dict[int, dict[str, Any]] = {}
        self.closed: list[int] = []
        self._next = 1

    @method()
    def GetCapabilities(self) -> "as":
        return ["actions", "body", "body-markup"]

    @method()
    def GetServerInformation(self) -> "ssss":
        return ["stub", "callpanel tests", "1", "1.2"]

    @method()
    def Notify(
        self,
        app_name: "s",
        replaces_id: "u",
        app_icon: "s",
        summary: "s",
        body: "s",
        actions: "as",
        hints: "a{sv}",
        expire_timeout: "i",
    ) -> "u":
        nid = self._next
        self._next += 1
        pairs = dict(zip(actions[::2], actions[1::2], strict=True))
        self.notes[nid] = {
            "app": app_name, "summary": summary, "body": body, "actions": pairs,
            "urgency": hints["urgency"].value, "timeout": expire_timeout,
        }  # fmt: skip
        return nid

    @method()
    def CloseNotification(self, nid: "u") -> None:
        self.closed.append(nid)
        self.NotificationClosed(nid, 3)

    @signal()
    def NotificationClosed(self, nid: "u", reason: "u") -> "uu":
        return [nid, reason]

    @signal()
    def ActionInvoked(self, nid: "u", key: "s") -> "us":
        return [nid, key]

    def key_of(self, nid: int, title: str) -> str:
        return next(k for k, t in self.notes[nid]["actions"].items() if t == title)


@pytest.fixture
def session_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    address = proc.stdout.readline().decode().strip()  # printed once it listens
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    try:
        yield address
    finally:
        proc.terminate()
        proc.wait(10)


async def serve(stub: StubNotificationServer) -> Any:
    bus = await MessageBus().connect()
    bus.export("/org/freedesktop/Notifications", stub)
    await bus.request_name("org.freedesktop.Notifications")
    return bus


def test_ringing_calls_on_the_desktop_with_answer_and_decline(
    qtbot: Any, aloop: qasync.QEventLoop, clock: Any, session_bus: str
) -> None:
    stub = StubNotificationServer()
    server = run(qtbot, serve(stub))
    bridge, client = fake_bridge(clock)
    panel = PanelController(
        bridge=bridge, settings=Settings(answer_method_chosen=True), secret="s", use_tray=False
    )
    qtbot.addWidget(panel.window)
    panel.start()
    qtbot.waitUntil(lambda: bridge.status.state is LinkState.CONNECTED)
    qtbot.waitUntil(panel.desk.notifier.available, timeout=WAIT_MS)
    assert panel.desk.notifier.markup
    try:
        bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "Smith & Co <b>"))
        # the panel must have the server's id before an action on it can be matched
        qtbot.waitUntil(lambda: "c1" in panel.desk.notifier.shown(), timeout=WAIT_MS)
        note = stub.notes[1]
        assert note["summary"] == "Incoming call" and note["app"] == "callpanel"
        assert note["body"].startswith("Smith &amp; Co &lt;b&gt;, ")  # reads as typed
        assert {"Answer", "Decline"} <= set(note["actions"].values())
        assert note["urgency"] == 2 and note["timeout"] == -1  # stays while it rings
        assert not panel.window.banner.isVisibleTo(panel.window)  # the desktop shows it
        # Answer pressed on the desktop
        with qtbot.waitSignal(bridge.actionFinished, timeout=WAIT_MS):
            stub.ActionInvoked(1, stub.key_of(1, "Answer"))
        assert client.calls[-1] == ("answer", "c1")
        bridge.store.apply(CommutationStarted("c1"))
        # a second caller: its name is found later (replaced), then it is answered (withdrawn)
        bridge.store.apply(RingStarted("c2", Direction.INCOMING, "+79031112233", ""))
        qtbot.waitUntil(lambda: len(stub.notes) == 2, timeout=WAIT_MS)
        bridge.store.apply(RingStarted("c2", Direction.INCOMING, "+79031112233", "Olga"))
        qtbot.waitUntil(lambda: len(stub.notes) == 3 and 2 in stub.closed, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: "c2" in panel.desk.notifier.shown(), timeout=WAIT_MS)
        assert stub.notes[3]["body"].startswith("Olga, ")
        with qtbot.waitSignal(bridge.actionFinished, timeout=WAIT_MS):
            stub.ActionInvoked(3, stub.key_of(3, "Decline"))
        assert client.calls[-1] == ("hangup", "c2")
        bridge.store.apply(RingStarted("c3", Direction.INCOMING, "+79035550011", "Anna"))
        qtbot.waitUntil(lambda: len(stub.notes) == 4, timeout=WAIT_MS)
        bridge.store.apply(CommutationStarted("c3"))
        qtbot.waitUntil(lambda: 4 in stub.closed, timeout=WAIT_MS)
    finally:
        run(qtbot, panel.shutdown(timeout=1))
        server.disconnect()
        run(qtbot, asyncio.sleep(0))


def test_no_service_keeps_the_fallbacks(qtbot: Any, aloop: qasync.QEventLoop, clock: Any) -> None:
    bridge, _client = fake_bridge(clock)
    panel = PanelController(
        bridge=bridge, settings=Settings(answer_method_chosen=True), secret="s", use_tray=False
    )
    qtbot.addWidget(panel.window)
    bridge.start(ConnectionConfig(), ClientConfig(answer_strategy=AnswerStrategy.PHONE_NOTIFY))
    run(qtbot, panel.desk.notifier.probe())
    assert not panel.desk.notifier.available() and panel.desk.notifier.problem
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "Ivan"))
    assert panel.window.banner.isVisibleTo(panel.window)
    run(qtbot, panel.shutdown(timeout=1))
