"""S8: a second instance forwards its tel: link and exits 0; after a SIGKILL of the first one the
next instance listens again (the stale socket is removed). Real second processes, no sleeps."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket

from callpanel.ui.single_instance import MAX_MESSAGE, SingleInstance, default_name

ROOT = Path(__file__).resolve().parents[2]

SECOND_INSTANCE = """
import sys
from PySide6.QtCore import QCoreApplication
from callpanel.ui.single_instance import SingleInstance
app = QCoreApplication([])
si = SingleInstance(sys.argv[1])
if si.listen():
    print("listening", flush=True)
    sys.exit(3)
sys.exit(0 if si.send_to_running(sys.argv[2], timeout_ms=10000) else 1)
"""

CRASHING_INSTANCE = """
import os, signal, sys
from PySide6.QtCore import QCoreApplication
from callpanel.ui.single_instance import SingleInstance
app = QCoreApplication([])
si = SingleInstance(sys.argv[1])
assert si.listen()
print(si.server_path(), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def run(script: str, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def name() -> str:
    return f"callpanel-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def instance(qtbot: object, name: str) -> Iterator[SingleInstance]:
    si = SingleInstance(name)
    yield si
    si.close()


def test_default_name_is_per_user() -> None:
    assert default_name() == f"callpanel-{os.getuid()}"


def test_second_instance_forwards_and_exits_0(qtbot, instance: SingleInstance) -> None:
    assert instance.listen() and instance.listening
    with qtbot.waitSignal(instance.messageReceived, timeout=15000) as blocker:
        proc = run(SECOND_INSTANCE, instance.name, "dial +74951234567")
    assert blocker.args == ["dial +74951234567"]
    out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, (out, err)
    assert "listening" not in out


def test_second_listener_in_the_same_session_is_refused(qtbot, instance: SingleInstance) -> None:
    assert instance.listen()
    other = SingleInstance(instance.name)
    assert other.is_running()
    assert not other.listen()
    assert instance.listening  # the running one was not disturbed
    other.close()


def test_socket_is_private_to_the_user(qtbot, instance: SingleInstance) -> None:
    assert instance.listen()
    path = Path(instance.server_path())
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_after_a_crash_the_next_instance_listens(qtbot, name: str) -> None:
    crashed = run(CRASHING_INSTANCE, name)
    out, err = crashed.communicate(timeout=15)
    assert crashed.returncode == -signal.SIGKILL, err
    stale = Path(out.strip())
    assert stale.exists()  # the crash left its socket file behind
    fresh = SingleInstance(name)
    try:
        assert not fresh.is_running()
        assert fresh.listen()  # stale socket removed, listening again
        with qtbot.waitSignal(fresh.messageReceived, timeout=15000) as blocker:
            proc = run(SECOND_INSTANCE, name, "dial tel:+7-912")
        assert blocker.args == ["dial tel:+7-912"]
        assert proc.wait(timeout=15) == 0
    finally:
        fresh.close()
    assert not stale.exists()  # a clean close removes the socket


def test_nobody_listening_returns_false_quickly(qtbot, name: str) -> None:
    assert not SingleInstance(name).send_to_running("show", timeout_ms=200)


@pytest.mark.parametrize("message", ["dial 1\nquit", "x\r", "x" * (MAX_MESSAGE + 1)])
def test_unfit_messages_are_not_sent(qtbot, instance: SingleInstance, message: str) -> None:
    assert instance.listen()
    received: list[str] = []
    instance.messageReceived.connect(received.append)
    assert not SingleInstance(instance.name).send_to_running(message, timeout_ms=200)
    assert received == []


def test_garbage_from_a_client_is_dropped_and_the_server_goes_on(
    qtbot, instance: SingleInstance
) -> None:
    assert instance.listen()
    received: list[str] = []
    instance.messageReceived.connect(received.append)
    for payload in (b"\xff\xfe not utf-8\n", b"y" * (MAX_MESSAGE + 10)):
        sock = QLocalSocket()
        sock.connectToServer(instance.name)
        assert sock.waitForConnected(2000)
        sock.write(payload)
        sock.flush()
        qtbot.waitUntil(
            lambda s=sock: s.state() == QLocalSocket.LocalSocketState.UnconnectedState,
            timeout=5000,
        )
        sock.abort()
    assert received == []
    with qtbot.waitSignal(instance.messageReceived, timeout=15000) as blocker:
        proc = run(SECOND_INSTANCE, instance.name, "show")
    assert blocker.args == ["show"] and proc.wait(timeout=15) == 0


def test_listen_twice_and_close_twice(qtbot, instance: SingleInstance) -> None:
    assert instance.listen() and instance.listen()
    instance.close()
    instance.close()
    assert not instance.listening and instance.server_path() == ""


RACING_INSTANCE = """
import sys
from PySide6.QtCore import QCoreApplication
from callpanel.ui.single_instance import SingleInstance
app = QCoreApplication([])
si = SingleInstance(sys.argv[1])
print("listening" if si.listen() else "second", flush=True)
sys.stdin.read()  # stay alive (and listening) until the test closes stdin
"""


def test_simultaneous_starts_give_exactly_one_listener(qtbot, name: str) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACING_INSTANCE, name],
            cwd=ROOT,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    try:
        assert procs[0].stdout is not None
        lines = [p.stdout.readline().strip() for p in procs if p.stdout is not None]
        assert sorted(lines) == ["listening", "second", "second", "second"]
        assert SingleInstance(name).is_running()
    finally:
        for p in procs:
            p.communicate(input="", timeout=15)
