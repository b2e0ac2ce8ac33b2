"""One panel per user: the first instance listens on a local socket, later ones hand it their
``tel:`` link (or "show") and exit.

Protocol: the client sends one UTF-8 line (at most ``MAX_MESSAGE`` bytes), the server answers
``ok\\n`` once it has emitted ``messageReceived``, so ``send_to_running`` returns True only when
the running instance really got the message. The socket is private to the user
(``UserAccessOption``) and its name carries the user id, so another user cannot make this panel
dial. A socket file left behind by a crashed instance (SIGKILL) is detected — nobody answers on
it — and removed before listening.
"""

from __future__ import annotations

import getpass
import logging
import os
import re

from PySide6.QtCore import QDir, QLockFile, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MAX_MESSAGE = 4096
ACK = b"ok\n"
PROBE_TIMEOUT_MS = 500
LOCK_TIMEOUT_MS = 3000


def default_name() -> str:
    """``callpanel-<uid>`` on POSIX, ``callpanel-<user>`` elsewhere (safe characters only)."""
    if hasattr(os, "getuid"):
        owner = str(os.getuid())
    else:
        try:
            owner = getpass.getuser()
        except Exception:  # no login name (service account, odd env): still one per session
            owner = "user"
    return "callpanel-" + re.sub(r"[^A-Za-z0-9_.-]", "_", owner)


def unfit_reason(message: str) -> str | None:
    """Why ``message`` cannot be handed to the running panel (None: it can)."""
    try:
        data = message.encode("utf-8")
    except UnicodeEncodeError:
        return "it is not valid text"
    if b"\n" in data or b"\r" in data:
        return "it contains a line break"
    if len(data) > MAX_MESSAGE:
        return f"it is longer than {MAX_MESSAGE} bytes"
    return None


class SingleInstance(QObject):
    """``listen()`` in the first instance; ``send_to_running()`` from a later one."""

    messageReceived = Signal(str)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or default_name()
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def server_path(self) -> str:
        """The socket's full path (for diagnostics), empty when not listening."""
        return self._server.fullServerName() if self._server is not None else ""

    def is_running(self, timeout_ms: int = PROBE_TIMEOUT_MS) -> bool:
        """Whether another instance answers on our name right now."""
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        alive = probe.waitForConnected(timeout_ms)
        if alive:
            probe.disconnectFromServer()
        probe.abort()
        return alive

    def listen(self) -> bool:
        """Become the running instance. False if another one is alive (send it the argv then)."""
        if self.listening:
            return True
        # Two instances started at the same moment must not both see "nobody answers" and then
        # remove each other's fresh socket: probe, remove and listen under one lock file.
        # QLockFile takes over a lock whose owner process has died (a crash while starting).
        lock = QLockFile(os.path.join(QDir.tempPath(), f"{self.name}.lock"))
        if not lock.tryLock(LOCK_TIMEOUT_MS):
            log.warning("single instance: another instance is starting; not listening")
            return False
        try:
            return self._listen_locked()
        finally:
            lock.unlock()

    def _listen_locked(self) -> bool:
        if self.is_running():
            return False
        # Nobody answered: whatever is at the name is a stale socket from a crashed instance.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.setMaxPendingConnections(8)
        if not server.listen(self.name):
            log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
            server.deleteLater()
            return False
        server.newConnection.connect(self._on_new_connection)
        self._server = server
        return True

    def close(self) -> None:
        """Stop listening and remove the socket (a clean exit)."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        for sock in list(self._buffers):
            sock.abort()
        self._buffers.clear()

    # --- server side ---------------------------------------------------------------------------

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while (sock := self._server.nextPendingConnection()) is not None:
            self._buffers[sock] = b""
            sock.readyRead.connect(self._on_ready_read)
            sock.disconnected.connect(self._on_disconnected)
            if sock.bytesAvailable():
                self._read(sock)

    @Slot()
    def _on_ready_read(self) -> None:
        sock = self.sender()
        if isinstance(sock, QLocalSocket):
            self._read(sock)

    @Slot()
    def _on_disconnected(self) -> None:
        sock = self.sender()
        if isinstance(sock, QLocalSocket):
            self._forget(sock)

    def _read(self, sock: QLocalSocket) -> None:
        if sock not in self._buffers:
            return
        data = self._buffers[sock] + bytes(sock.readAll().data())
        line, newline, _rest = data.partition(b"\n")
        if not newline:
            if len(data) > MAX_MESSAGE:
                log.warning("single instance: message too long, connection dropped")
                self._forget(sock)
            else:
                self._buffers[sock] = data
            return
        self._buffers[sock] = b""
        if len(line) > MAX_MESSAGE:
            log.warning("single instance: message too long, ignored")
            self._forget(sock)
            return
        try:
            message = line.decode("utf-8")
        except UnicodeDecodeError:
            log.warning("single instance: message is not UTF-8, ignored")
            self._forget(sock)
            return
        self.messageReceived.emit(message)
        sock.write(ACK)
        sock.flush()
        sock.disconnectFromServer()

    def _forget(self, sock: QLocalSocket) -> None:
        if self._buffers.pop(sock, None) is not None:
            sock.abort()
            sock.deleteLater()

    # --- client side ---------------------------------------------------------------------------

    def send_to_running(self, message: str, timeout_ms: int = 2000) -> bool:
        """Hand ``message`` (one line) to the running instance; True once it acknowledged.

        Blocking (it runs before the second instance has an event loop); False when nobody
        listens, the message is unfit, or no acknowledgement came within ``timeout_ms``.
        """
        if unfit_reason(message) is not None:
            log.warning("single instance: refusing to send a multi-line or oversized message")
            return False
        data = message.encode("utf-8")
        sock = QLocalSocket()
        try:
            sock.connectToServer(self.name)
            if not sock.waitForConnected(timeout_ms):
                return False
            sock.write(data + b"\n")
            if not sock.waitForBytesWritten(timeout_ms):
                return False
            reply = b""
            while len(reply) < len(ACK) and sock.waitForReadyRead(timeout_ms):
                reply += bytes(sock.readAll().data())
            if not reply and sock.bytesAvailable():  # data arrived together with the close
                reply = bytes(sock.readAll().data())
            return reply.startswith(ACK)
        finally:
            sock.abort()
