"""A throw-away real Asterisk for the hub benchmark: a lab build (PREFIX/sbin/asterisk), a
config made in a temporary directory (AMI on a free port, Local-channel load through call
files so the load itself holds no AMI session), its process CPU read from /proc."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DEFAULT_PREFIX = Path("/root/.cache/callpanel-lab/asterisk/18.26.4")
USER, SECRET = "bench", "bench-secret"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LabAsterisk:
    def __init__(self, prefix: Path = DEFAULT_PREFIX) -> None:
        self.prefix = prefix
        self.dir = Path(tempfile.mkdtemp(prefix="callpanel-bench-ast-"))
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._seq = 0

    def _write(self) -> None:
        d = self.dir
        for sub in ("etc", "run", "log", "lib", "spool/outgoing", "db", "tmp"):
            (d / sub).mkdir(parents=True, exist_ok=True)
        (d / "etc/asterisk.conf").write_text(
            f"""[directories]
astetcdir => {d}/etc
astmoddir => {self.prefix}/lib/asterisk/modules
astvarlibdir => {d}/lib
astdbdir => {d}/db
astkeydir => {d}/lib
astdatadir => {self.prefix}/var/lib/asterisk
astagidir => {d}/lib
astspooldir => {d}/spool
astrundir => {d}/run
astlogdir => {d}/log
astsbindir => {self.prefix}/sbin
[options]
nofork = yes
"""
        )
        (d / "etc/modules.conf").write_text(
            "[modules]\nautoload = no\nload => pbx_config.so\nload => bridge_simple.so\n"
            "load => pbx_spool.so\nload => app_dial.so\n"
        )
        (d / "etc/manager.conf").write_text(
            f"[general]\nenabled = yes\nport = {self.port}\nbindaddr = 127.0.0.1\n"
            "timestampevents = yes\n"
            f"[{USER}]\nsecret = {SECRET}\nread = call,system\nwrite = call,originate,system\n"
        )
        # An operator's phone is Local/NNNN@agents: it "rings" 1 s, answers, talks 2 s.
        (d / "etc/extensions.conf").write_text(
            "[agents]\nexten => _X.,1,Ringing()\n same => n,Wait(1)\n same => n,Answer()\n"
            " same => n,Wait(2)\n"
            " same => n,Hangup()\n"
            "[caller]\nexten => s,1,Wait(4)\n same => n,Hangup()\n"
        )
        (d / "etc/logger.conf").write_text("[logfiles]\nmessages => error\n")

    def start(self) -> None:
        self._write()
        env = dict(os.environ, LD_LIBRARY_PATH=str(self.prefix / "lib"))
        self.process = subprocess.Popen(
            [str(self.prefix / "sbin/asterisk"), "-C", str(self.dir / "etc/asterisk.conf"), "-f"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    if sock.recv(100).startswith(b"Asterisk Call Manager"):
                        time.sleep(1.0)  # let the modules finish loading
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("Asterisk did not start")

    def cpu_seconds(self) -> float:
        assert self.process is not None
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def call(self, extension: str) -> None:
        """One call: a caller leg in [caller] and the operator's Local/EXT@agents leg."""
        self._seq += 1
        tmp = self.dir / "tmp" / f"c{self._seq}.call"
        tmp.write_text(
            f"Channel: Local/{extension}@agents\nContext: caller\nExtension: s\nPriority: 1\n"
            f'CallerID: "Bench {self._seq}" <{900000 + self._seq}>\nMaxRetries: 0\n'
        )
        os.replace(tmp, self.dir / "spool/outgoing" / tmp.name)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
            self.process = None
        shutil.rmtree(self.dir, ignore_errors=True)
