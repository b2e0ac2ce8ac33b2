"""Helpers for the live tests: ``callpanel monitor`` as a subprocess, a TCP proxy, a raw AMI client.

Nothing here sleeps to wait for something to happen: every wait is a queue read or an
``Event.wait`` with a deadline, and a timeout fails the test with what was seen so far.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = float(os.environ.get("CALLPANEL_LIVE_TIMEOUT", "30"))

JsonEvent = dict[str, Any]


class WaitTimeout(AssertionError):
    pass


class MonitorProcess:
    """``callpanel monitor`` against a lab: JSON lines in, commands out.

    ``wait()`` reads the event stream in order: it returns the first event after the previous
    ``wait()``'s match that fits, so a sequence of waits checks the order of events too.
    """

    def __init__(self, argv: list[str], env: dict[str, str], log_path: Path) -> None:
        self.argv = argv
        self._stderr = open(log_path, "wb")
        self.process = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self.log_path = log_path
        self.events: list[JsonEvent] = []  # everything seen, in order
        self._cursor = 0
        self._arrived = threading.Condition()
        self._closed = False
        self._reader = threading.Thread(target=self._read, name="monitor-reader", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            line = line.strip()
            if not line:
                continue
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                event = {"event": "<not json>", "line": line}
            with self._arrived:
                self.events.append(event)
                self._arrived.notify_all()
        with self._arrived:
            self._closed = True
            self._arrived.notify_all()

    # ------------------------------------------------------------------ waiting

    def _match(
        self, predicate: Callable[[JsonEvent], bool], timeout: float, what: str
    ) -> JsonEvent:
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                while self._cursor < len(self.events):
                    event = self.events[self._cursor]
                    self._cursor += 1
                    if predicate(event):
                        return event
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    state = "monitor exited" if self._closed else f"{timeout:.0f} s passed"
                    raise WaitTimeout(f"{what}: not seen ({state}); events:\n{self.dump()}")
                self._arrived.wait(left)

    def wait(self, name: str, timeout: float = TIMEOUT, **fields: Any) -> JsonEvent:
        """The next event called ``name`` whose fields equal ``fields`` (``call=...`` etc.)."""

        def fits(event: JsonEvent) -> bool:
            return event.get("event") == name and all(event.get(k) == v for k, v in fields.items())

        return self._match(fits, timeout, f"{name} {fields or ''}")

    def wait_unordered(
        self, *wanted: tuple[str, dict[str, Any]], timeout: float = TIMEOUT
    ) -> list[JsonEvent]:
        """Each ``(name, fields)`` once, in whatever order they come; the cursor ends after
        the last of them."""
        start = self._cursor
        found: list[JsonEvent] = []
        end = start
        for name, fields in wanted:
            self._cursor = start
            found.append(self.wait(name, timeout, **fields))
            end = max(end, self._cursor)
        self._cursor = end
        return found

    def wait_connected(self, timeout: float = TIMEOUT) -> JsonEvent:
        return self.wait("Connection", timeout, status="connected")

    def command(self, line: str, timeout: float = TIMEOUT) -> JsonEvent:
        """Send a command line; return its CommandResult (the cursor does not move)."""
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        deadline = time.monotonic() + timeout
        with self._arrived:
            start = 0
            while True:
                for event in self.events[start:]:
                    if event.get("event") == "CommandResult" and event.get("command") == line:
                        return event
                start = len(self.events)
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise WaitTimeout(f"no result for {line!r}; events:\n{self.dump()}")
                self._arrived.wait(left)

    def ok(self, line: str, timeout: float = TIMEOUT) -> JsonEvent:
        result = self.command(line, timeout)
        assert result.get("ok"), f"{line!r} failed: {result}\n{self.dump()}"
        return result

    def of_call(self, call: str) -> list[str]:
        """Names of the call events of ``call`` seen so far, in order."""
        return [
            e["event"]
            for e in self.events
            if e.get("call") == call and e["event"] != "CommandResult"
        ]

    def dump(self) -> str:
        lines = [json.dumps(e, ensure_ascii=False) for e in self.events[-60:]]
        with contextlib.suppress(OSError):
            lines.append("--- stderr: " + self.log_path.read_text(errors="replace")[-2000:])
        return "\n".join(lines)

    def close(self) -> int:
        if self.process.poll() is None:
            with contextlib.suppress(OSError, ValueError):
                assert self.process.stdin is not None
                self.process.stdin.close()  # EOF: the monitor logs off and exits 0
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=5)
        self._stderr.close()
        return self.process.returncode


def monitor_argv(port: int, user: str, endpoint: str, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "callpanel.cli",
        "monitor",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--user",
        user,
        "--endpoint",
        endpoint,
        *extra,
    ]


# ---------------------------------------------------------------------------------- TCP proxy


class TcpProxy:
    """127.0.0.1:<OS port> → the lab's AMI; ``drop()`` cuts every open connection (a lost link)."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.server.getsockname()[1])
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self.accepted = threading.Semaphore(0)
        self._thread = threading.Thread(target=self._accept, name="tcp-proxy", daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=10)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._pairs.append((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()
            self.accepted.release()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def drop(self) -> None:
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            for s in pair:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    def close(self) -> None:
        self.server.close()
        self.drop()


# ---------------------------------------------------------------------------------- raw AMI


class RawAmi:
    """A plain AMI session for set-up and checks (the lab's all-powerful ``lab`` user).

    Independent of the panel's own connection code on purpose: what the tests check is
    the panel, not this.
    """

    def __init__(self, port: int, user: str, secret: str) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.settimeout(None)
        self.banner = b""
        self._buffer = b""
        self._messages: queue.Queue[dict[str, str]] = queue.Queue()
        self.events: list[dict[str, str]] = []
        self._seq = 0
        self._pending: dict[str, queue.Queue[dict[str, str]]] = {}
        self._lock = threading.Lock()
        self._event_arrived = threading.Condition()
        self._thread = threading.Thread(target=self._read, name="raw-ami", daemon=True)
        self._thread.start()
        reply = self.action("Login", Username=user, Secret=secret)
        if reply.get("Response") != "Success":
            raise RuntimeError(f"lab AMI login failed: {reply}")

    def _read(self) -> None:
        while True:
            try:
                data = self.sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            self._buffer += data
            if not self.banner and b"\r\n" in self._buffer:
                self.banner, self._buffer = self._buffer.split(b"\r\n", 1)
            while b"\r\n\r\n" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
                message: dict[str, str] = {}
                for line in raw.decode("utf-8", "replace").split("\r\n"):
                    key, _, value = line.partition(":")
                    message.setdefault(key.strip(), value.strip())
                action_id = message.get("ActionID", "")
                if "Response" in message and action_id in self._pending:
                    self._pending[action_id].put(message)
                elif "Event" in message:
                    with self._event_arrived:
                        self.events.append(message)
                        self._event_arrived.notify_all()

    def action(self, name: str, timeout: float = TIMEOUT, **fields: str) -> dict[str, str]:
        with self._lock:
            self._seq += 1
            action_id = f"lab-{self._seq}"
            box: queue.Queue[dict[str, str]] = queue.Queue()
            self._pending[action_id] = box
        text = f"Action: {name}\r\nActionID: {action_id}\r\n"
        for key, value in fields.items():
            text += f"{key}: {value}\r\n"
        self.sock.sendall((text + "\r\n").encode())
        try:
            return box.get(timeout=timeout)
        finally:
            self._pending.pop(action_id, None)

    def command(self, command: str) -> str:
        reply = self.action("Command", Command=command)
        return reply.get("Output", "") if isinstance(reply.get("Output"), str) else ""

    def wait_event(
        self, predicate: Callable[[dict[str, str]], bool], timeout: float = TIMEOUT, since: int = 0
    ) -> dict[str, str]:
        deadline = time.monotonic() + timeout
        with self._event_arrived:
            index = since
            while True:
                for event in self.events[index:]:
                    if predicate(event):
                        return event
                index = len(self.events)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise WaitTimeout("AMI event not seen")
                self._event_arrived.wait(left)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.sendall(b"Action: Logoff\r\n\r\n")
        with contextlib.suppress(OSError):
            self.sock.close()


@contextlib.contextmanager
def raw_ami(port: int, user: str, secret: str) -> Iterator[RawAmi]:
    ami = RawAmi(port, user, secret)
    try:
        yield ami
    finally:
        ami.close()


def sip_user(header: str | None) -> str:
    """The user part of a From header: ``"Name" <sip:USER@host>;tag=…`` → ``USER``."""
    assert header is not None
    return header.split("sip:", 1)[1].split("@", 1)[0]


def sip_display(header: str | None) -> str:
    """The display name of a From header (``""`` without one)."""
    assert header is not None
    return header.split("<", 1)[0].strip().strip('"')
