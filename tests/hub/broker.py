"""A real Mosquitto for the tests: TLS with a certificate made at test time, password file and
ACL written by ``callpanel.hub.provision``, on a port the OS picked, started and stopped (or
killed) by the test. In CI (CI=true) a missing mosquitto fails the test instead of skipping
it: scripts/install --test installs it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from callpanel.hub import provision
from callpanel.hub.mqtt import BrokerConfig

from ..asterisk.tls_certs import make_cert

MOSQUITTO = shutil.which("mosquitto") or (
    "/usr/sbin/mosquitto" if Path("/usr/sbin/mosquitto").exists() else None
)


def require_mosquitto() -> str:
    if MOSQUITTO is None:
        if os.environ.get("CI"):
            pytest.fail("mosquitto is not installed (scripts/install --test installs it)")
        pytest.skip("mosquitto is not installed (apt-get install mosquitto)")
    return MOSQUITTO


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM it if the test process dies (a timeout's os._exit),
    so no broker outlives its test."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Broker:
    directory: Path
    tls: bool = True
    port: int = 0
    users: dict[str, str] = field(default_factory=dict)  # name -> password
    process: subprocess.Popen[bytes] | None = None
    cafile: Path | None = None
    # the whole mosquitto.conf for a port, instead of the one written below (packaging test)
    config_text: Callable[[int], str] | None = None
    # panels and the hub log in by client certificate signed by this CA (its CN is the user
    # name the ACL knows); a client without one is refused at the TLS handshake
    client_ca: Path | None = None

    def __post_init__(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.tls:
            cert, key = make_cert(self.directory, "broker", "IP:127.0.0.1,DNS:localhost")
            self.cafile, self.certfile, self.keyfile = cert, cert, key

    @property
    def passwd(self) -> Path:
        return self.directory / "passwd"

    @property
    def acl(self) -> Path:
        return self.directory / "acl"

    @property
    def log(self) -> Path:
        return self.directory / "mosquitto.log"

    def add_operator(self, name: str, password: str | None = None) -> str:
        password = password or provision.new_password()
        provision.set_password(self.passwd, name, password)
        provision.set_acl(self.acl, provision.operator_acl(name))
        self.users[name] = password
        return password

    def add_hub(self, name: str = "callpanel-hub") -> str:
        password = provision.new_password()
        provision.set_password(self.passwd, name, password)
        provision.set_acl(self.acl, provision.hub_acl(name))
        self.users[name] = password
        return password

    def config_for(self, user: str, *, password: str | None = None) -> BrokerConfig:
        return BrokerConfig(
            host="127.0.0.1",
            port=self.port,
            username=user,
            password=self.users[user] if password is None else password,
            tls=self.tls,
            cafile=str(self.cafile) if self.cafile else None,
            keepalive=5,
        )

    def _write_config(self) -> Path:
        conf = self.directory / "mosquitto.conf"
        if self.config_text is not None:
            conf.write_text(self.config_text(self.port), encoding="utf-8")
            return conf
        lines = [
            f"listener {self.port} 127.0.0.1",
            "allow_anonymous false",
            f"password_file {self.passwd}",
            f"acl_file {self.acl}",
            "persistence false",
            f"log_dest file {self.log}",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            "max_keepalive 60",
        ]
        if self.tls:
            lines += [f"certfile {self.certfile}", f"keyfile {self.keyfile}"]
        if self.client_ca is not None:
            lines += [
                f"cafile {self.client_ca}",
                "require_certificate true",
                "use_identity_as_username true",
            ]
        if os.geteuid() == 0:
            lines.append("user root")  # read the test's 0600 files instead of dropping to mosquitto
        conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return conf

    async def start(self) -> None:
        binary = require_mosquitto()
        pinned = self.port != 0
        for _attempt in range(5):
            if not pinned:
                self.port = _free_port()
            conf = self._write_config()
            self.log.write_text("", encoding="utf-8")
            self.process = subprocess.Popen(
                [binary, "-c", str(conf)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
            if await self._listening():
                return
            self.stop()
            if pinned:
                break
        raise RuntimeError(f"mosquitto did not start:\n{self.log.read_text(errors='replace')}")

    async def _listening(self, timeout: float = 10.0) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            if self.process is None or self.process.poll() is not None:
                return False
            try:
                _reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
            except OSError:
                await asyncio.sleep(0.02)
                continue
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
            return True
        return False

    def reload(self) -> None:
        """SIGHUP: Mosquitto reads the password and ACL files again."""
        assert self.process is not None
        self.process.send_signal(signal.SIGHUP)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        if process.stderr is not None:
            process.stderr.close()

    def kill(self) -> None:
        """Die at once (SIGKILL): no goodbye to anyone."""
        process, self.process = self.process, None
        if process is not None:
            process.kill()
            process.wait(5)
            if process.stderr is not None:
                process.stderr.close()


def operators(broker: Broker, names: Iterable[str]) -> dict[str, str]:
    return {name: broker.add_operator(name) for name in names}
