"""A real Asterisk for tests: build it once into a cache, configure a lab, start and stop it.

Stdlib only, so ``scripts/lab`` runs with any Python 3.11 and the live tests import it too.

* Builds live in ``$CALLPANEL_LAB_CACHE/asterisk/VERSION`` (default
  ``$HOME/.cache/callpanel-lab``), made by ``build-asterisk`` from ``../shared/asterisk`` beside
  the checkout (``$CALLPANEL_BUILD_ASTERISK`` overrides). Missing versions are built, present
  ones are used as they are; a lock file keeps two labs from building the same version.
* A lab is one directory (config, run, log, spool) and one Asterisk process started in the
  foreground (``asterisk -f``), stopped by its PID. Every port (AMI, SIP, the sipp phones and
  trunk, RTP) is chosen by the OS on 127.0.0.1 and reserved with a lock file in the cache for
  as long as the lab lives, so labs on one machine never pick the same port.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
TEMPLATES = HERE / "templates"
PACKAGING = REPO / "packaging" / "asterisk"

CACHE_ENV = "CALLPANEL_LAB_CACHE"
BUILD_ENV = "CALLPANEL_BUILD_ASTERISK"
DEFAULT_VERSIONS = ("18.26.4", "22.10.1")
ALL_VERSIONS = ("13.38.3", "16.30.1", "18.26.4", "20.15.0", "22.10.1")

CALLPANEL_USER = "callpanel"
NOTIFY_USER = "callpanel_notify"  # the same user with write class system (phone-notify)
LAB_USER = "lab"
RTP_PORTS = 40


class LabError(RuntimeError):
    pass


def log(message: str) -> None:
    print(f"[lab {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------ cache, build


def cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path.home() / ".cache" / "callpanel-lab"


def prefix(version: str) -> Path:
    return cache_dir() / "asterisk" / version


def drivers(version: str) -> tuple[str, ...]:
    """Channel drivers a build-asterisk build of this version has."""
    major = int(version.split(".")[0])
    if major <= 18:
        return ("sip",)
    if major <= 20:
        return ("sip", "pjsip")
    return ("pjsip",)


def installed(version: str) -> bool:
    binary = prefix(version) / "sbin" / "asterisk"
    if not binary.exists():
        return False
    try:
        out = subprocess.run(
            [str(binary), "-V"], capture_output=True, text=True, timeout=20, check=False
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return False
    modules = prefix(version) / "lib" / "asterisk" / "modules"
    wanted = {"sip": ["chan_sip.so"], "pjsip": ["chan_pjsip.so", "res_pjsip.so"]}
    return out == f"Asterisk {version}" and all(
        (modules / m).exists() for d in drivers(version) for m in wanted[d]
    )


def build_script() -> Path:
    env = os.environ.get(BUILD_ENV)
    if env:
        return Path(env)
    return REPO.parent / "shared" / "asterisk" / "build-asterisk"


def _foreign_build_running(version: str) -> bool:
    """A build-asterisk of this version into our prefix started by someone else (no lock)."""
    target = str(prefix(version))
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        words = [a.decode(errors="replace") for a in argv if a]
        if any(w.endswith("build-asterisk") for w in words) and version in words:
            if any(w.rstrip("/") == target for w in words):
                return True
    return False


@contextlib.contextmanager
def _flock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(version: str) -> float:
    """Build ``version`` unless the cache has it. Returns the seconds spent building."""
    if installed(version):
        return 0.0
    script = build_script()
    if not script.exists():
        raise LabError(f"cannot build Asterisk {version}: {script} not found ({BUILD_ENV})")
    with _flock(cache_dir() / "locks" / f"build-{version}.lock"):
        while _foreign_build_running(version):  # the same build started without our lock
            log(f"another build-asterisk {version} is running; waiting for it")
            time.sleep(10)
        if installed(version):
            return 0.0
        logs = cache_dir() / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        logfile = logs / f"build-{version}.log"
        log(f"building Asterisk {version} into {prefix(version)} (log: {logfile})")
        started = time.monotonic()
        with open(logfile, "a") as out:
            result = subprocess.run(
                [str(script), version, str(prefix(version))],
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
        took = time.monotonic() - started
        if result.returncode != 0 or not installed(version):
            tail = logfile.read_text(errors="replace").splitlines()[-30:]
            raise LabError(f"build of Asterisk {version} failed:\n" + "\n".join(tail))
        log(f"Asterisk {version} built in {took:.0f} s")
        return took


def ensure_sipp() -> str:
    found = shutil.which("sipp")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise LabError("sipp is missing: apt-get install -y sip-tester")
    log("installing sipp (apt-get install -y sip-tester)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    cmd = ["apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "-q", "sip-tester"]
    if subprocess.run(cmd, env=env, check=False, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "-q", "update"], env=env, check=False, capture_output=True)
        subprocess.run(cmd, env=env, check=True, capture_output=True)
    found = shutil.which("sipp")
    if not found:
        raise LabError("sip-tester installed but sipp is not on PATH")
    return found


# ------------------------------------------------------------------------------ ports


class PortBook:
    """Ports chosen by the OS and held with lock files until ``release``."""

    def __init__(self) -> None:
        self._dir = cache_dir() / "ports"
        self._dir.mkdir(parents=True, exist_ok=True)
        self._held: list[int] = []  # fds

    def _lock(self, port: int) -> bool:
        fd = os.open(self._dir / f"{port}.lock", os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._held.append(fd)
        return True

    @staticmethod
    def _free(port: int, kind: int) -> bool:
        with socket.socket(socket.AF_INET, kind) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                return False
        return True

    def take(self, kind: int = socket.SOCK_DGRAM) -> int:
        for _ in range(200):
            with socket.socket(socket.AF_INET, kind) as s:
                s.bind(("127.0.0.1", 0))
                port = int(s.getsockname()[1])
            other = socket.SOCK_STREAM if kind == socket.SOCK_DGRAM else socket.SOCK_DGRAM
            if self._free(port, other) and self._lock(port):
                return port
        raise LabError("no free port on 127.0.0.1")

    def take_range(self, count: int) -> int:
        """``count`` consecutive free UDP ports (RTP); returns the first."""
        for _ in range(200):
            base = self.take() & ~1
            if base + count > 65000:
                continue
            ports = range(base, base + count)
            if all(self._free(p, socket.SOCK_DGRAM) for p in ports):
                if all(p == base or self._lock(p) for p in ports):
                    self._lock(base)
                    return base
        raise LabError(f"no {count} consecutive free UDP ports on 127.0.0.1")

    def release(self) -> None:
        for fd in self._held:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._held.clear()


@dataclass
class Ports:
    ami: int
    sip: int
    phone101: int
    phone102: int
    trunk: int  # the trunk's UAS (calls out of the PBX go here)
    trunk_callers: tuple[int, ...]  # sources of calls into the PBX
    rtp_start: int
    rtp_end: int


# ------------------------------------------------------------------------------ sounds


def write_tone(path: Path, seconds: float, freqs: tuple[float, ...], rate: int = 8000) -> None:
    """A 16-bit mono WAV of ``freqs`` (music on hold, prompts); no sound packages needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = bytearray()
    for i in range(int(seconds * rate)):
        t = i / rate
        value = sum(math.sin(2 * math.pi * f * t) for f in freqs) / len(freqs)
        frames += struct.pack("<h", int(value * 8000))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))


PROMPTS = (
    "beep",
    "beeperr",
    "pbx-transfer",
    "pbx-invalid",
    "pbx-parkingfailed",
    "auth-thankyou",
    "agent-loginok",
    "agent-loggedoff",
    *(f"digits/{d}" for d in range(10)),
)


# ------------------------------------------------------------------------------ configuration


def callpanel_user_section(secret: str, *, notify: bool = False) -> str:
    """The ``[callpanel]`` section of packaging/asterisk/manager.conf with ``secret``; with
    ``notify``, as ``[callpanel_notify]`` with the commented phone-notify ``write`` line (class
    ``system``) switched on instead, as an admin using phone-notify would."""
    text = (PACKAGING / "manager.conf").read_text()
    found = re.search(r"^\[callpanel\][^\n]*\n(.*?)(?=^\[|\Z)", text, re.M | re.S)
    if found is None:
        raise LabError("packaging/asterisk/manager.conf has no [callpanel] section")
    body = re.sub(r"^secret\s*=.*$", f"secret = {secret}", found.group(1), flags=re.M)
    if not notify:
        return f"[{CALLPANEL_USER}]\n" + body
    with_system = re.search(r"^;(write\s*=.*\bsystem\b.*)$", body, re.M)
    if with_system is None:
        raise LabError("packaging/asterisk/manager.conf has no commented write line with system")
    body = re.sub(r"^write\s*=.*$", with_system.group(1), body, count=1, flags=re.M)
    return f"[{NOTIFY_USER}]\n" + body


def packaging_dialplan(driver: str) -> str:
    """packaging/asterisk/extensions.conf with the Dial line of this driver switched on."""
    lines = []
    for line in (PACKAGING / "extensions.conf").read_text().splitlines():
        stripped = line.lstrip(" ;")
        if stripped.startswith("same => n,Dial(PJSIP/${EXTEN}"):
            line = (" " if driver == "pjsip" else ";") + stripped
        elif stripped.startswith("same => n,Dial(SIP/${EXTEN}"):
            line = (" " if driver == "sip" else ";") + stripped
        lines.append(line)
    return "\n".join(lines) + "\n"


def fill(template: str, values: dict[str, str]) -> str:
    out = template
    for key, value in values.items():
        out = out.replace(f"@{key}@", value)
    left = re.findall(r"@[A-Z0-9_]+@", out)
    if left:
        raise LabError(f"template placeholders left: {sorted(set(left))}")
    return out


@dataclass
class LabInfo:
    """What a test or a person needs to use a running lab (``scripts/lab start`` prints it)."""

    version: str
    driver: str
    tech: str  # "SIP" or "PJSIP"
    directory: str
    pid: int
    ports: Ports
    ami_user: str
    ami_secret: str
    lab_user: str
    lab_secret: str
    extra: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)


class Lab:
    """One Asterisk with its own directory and ports. ``start()``, ``stop()``, ``restart()``."""

    def __init__(self, version: str, driver: str, directory: Path | None = None) -> None:
        if driver not in drivers(version):
            raise LabError(
                f"Asterisk {version} has no {driver} (has {', '.join(drivers(version))})"
            )
        self.version = version
        self.driver = driver
        self.tech = "PJSIP" if driver == "pjsip" else "SIP"
        self.prefix = prefix(version)
        self._own_dir = directory is None
        self.dir = directory or Path(
            tempfile.mkdtemp(prefix=f"callpanel-lab-{version}-{driver}-", dir="/tmp")
        )
        self.secret = secrets.token_hex(12)
        self.lab_secret = secrets.token_hex(12)
        self._book = PortBook()
        self.ports: Ports | None = None
        self.process: subprocess.Popen[bytes] | None = None

    # -------------------------------------------------------------- config

    def _choose_ports(self) -> Ports:
        book = self._book
        rtp = book.take_range(RTP_PORTS)
        return Ports(
            ami=book.take(socket.SOCK_STREAM),
            sip=book.take(),
            phone101=book.take(),
            phone102=book.take(),
            trunk=book.take(),
            trunk_callers=(book.take(), book.take(), book.take()),
            rtp_start=rtp,
            rtp_end=rtp + RTP_PORTS - 1,
        )

    def configure(self) -> None:
        if self.ports is None:
            self.ports = self._choose_ports()
        p = self.ports
        etc = self.dir / "etc"
        for sub in ("etc", "var/lib/moh", "var/run", "var/log", "var/spool", "var/cache"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        docs = self.prefix / "var" / "lib" / "asterisk" / "documentation"
        link = self.dir / "var" / "lib" / "documentation"
        if docs.exists() and not link.exists():
            link.symlink_to(docs)  # 20+ will not start without the XML documentation
        noload = []
        if self.driver == "pjsip" and "sip" in drivers(self.version):
            noload.append("noload => chan_sip.so")
        trunk_dial = "SIP/trunk/${EXTEN}" if self.driver == "sip" else "PJSIP/${EXTEN}@trunk"
        values = {
            "LAB": str(self.dir),
            "PREFIX": str(self.prefix),
            "TECH": self.tech,
            "TRUNK_DIAL": trunk_dial,
            "AMI_PORT": str(p.ami),
            "SIP_PORT": str(p.sip),
            "P101": str(p.phone101),
            "P102": str(p.phone102),
            "PTRUNK": str(p.trunk),
            "TRUNK_MATCH": "\n".join(f"match = 127.0.0.1:{c}" for c in p.trunk_callers),
            "RTP_START": str(p.rtp_start),
            "RTP_END": str(p.rtp_end),
            "LAB_SECRET": self.lab_secret,
            "CALLPANEL_USER": callpanel_user_section(self.secret),
            "NOTIFY_USER": callpanel_user_section(self.secret, notify=True),
            "NOLOAD": "\n".join(noload),
        }
        skip = {"sip.conf"} if self.driver == "pjsip" else {"pjsip.conf"}
        for template in sorted(TEMPLATES.glob("*.conf")):
            if template.name in skip:
                continue
            text = fill(template.read_text(), values)
            if template.name == "extensions.conf":
                text += packaging_dialplan(self.driver)
            (etc / template.name).write_text(text)
        # What an admin copies from packaging/asterisk, unchanged: the tests prove these files.
        notify = "sip_notify.conf" if self.driver == "sip" else "pjsip_notify.conf"
        for name in ("features.conf", "res_parking.conf", "musiconhold.conf", notify):
            shutil.copy(PACKAGING / name, etc / name)
        sounds = self.dir / "var" / "lib" / "sounds" / "en"
        for name in PROMPTS:
            if not (sounds / f"{name}.wav").exists():
                write_tone(sounds / f"{name}.wav", 0.3, (660.0,))
        moh = self.dir / "var" / "lib" / "moh"  # musiconhold.conf: directory = moh (astdatadir)
        for i, freqs in enumerate(((440.0,), (523.25, 659.25))):
            if not (moh / f"tone{i}.wav").exists():
                write_tone(moh / f"tone{i}.wav", 4.0, freqs)

    # -------------------------------------------------------------- life

    @property
    def conf(self) -> Path:
        return self.dir / "etc" / "asterisk.conf"

    @property
    def ctl(self) -> Path:
        return self.dir / "var" / "run" / "asterisk.ctl"

    def cli(self, command: str, timeout: float = 30.0) -> str:
        binary = self.prefix / "sbin" / "asterisk"
        result = subprocess.run(
            [str(binary), "-C", str(self.conf), "-rx", command],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        return result.stdout

    def start(self, timeout: float = 90.0) -> None:
        """Start Asterisk and return once it is fully booted with AMI and SIP listening."""
        if not installed(self.version):
            raise LabError(
                f"Asterisk {self.version} is not built: scripts/lab build {self.version}"
            )
        for attempt in range(3):
            self.configure()
            try:
                self._start_once(timeout)
                return
            except LabError as exc:
                log(
                    f"lab {self.version}/{self.driver}: start failed ({exc}); attempt {attempt + 1}"
                )
                self.kill()
                if "port" not in str(exc):
                    raise
                self._book.release()  # someone else took a port meanwhile: new ports
                self.ports = None
        raise LabError(f"Asterisk {self.version} would not start in {self.dir}")

    def _start_once(self, timeout: float) -> None:
        assert self.ports is not None
        with contextlib.suppress(FileNotFoundError):
            self.ctl.unlink()
        console = open(self.dir / "var" / "log" / "console.log", "ab")
        self.process = subprocess.Popen(
            [str(self.prefix / "sbin" / "asterisk"), "-C", str(self.conf), "-f", "-n", "-g"],
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C in the terminal is for the lab script, not it
        )
        console.close()
        deadline = time.monotonic() + timeout
        while not self.ctl.exists():  # Asterisk makes its control socket early in start-up
            if self.process.poll() is not None:
                raise LabError(
                    f"asterisk exited with {self.process.returncode}; see {self.dir}/var/log"
                )
            if time.monotonic() > deadline:
                raise LabError("no control socket")
            time.sleep(0.05)
        left = max(1.0, deadline - time.monotonic())
        self.cli("core waitfullybooted", timeout=left)
        if self.process.poll() is not None:
            raise LabError(f"asterisk exited with {self.process.returncode}")
        if not self._listening_tcp(self.ports.ami):
            raise LabError(f"AMI port {self.ports.ami} is not Asterisk's")
        if PortBook._free(self.ports.sip, socket.SOCK_DGRAM):
            raise LabError(f"SIP port {self.ports.sip} is not Asterisk's")

    @staticmethod
    def _listening_tcp(port: int) -> bool:
        with socket.socket() as s:
            s.settimeout(5)
            try:
                s.connect(("127.0.0.1", port))
                return s.recv(64).startswith(b"Asterisk Call Manager")
            except OSError:
                return False

    def stop(self, timeout: float = 20.0) -> None:
        """``core stop now`` through the control socket, then SIGTERM/SIGKILL by PID."""
        proc = self.process
        if proc is None or proc.poll() is not None:
            self.process = None
            return
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            self.cli("core stop now", timeout=5)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.process = None

    def kill(self) -> None:
        """SIGKILL: Asterisk dies without a Shutdown event (a crash, a power cut)."""
        proc = self.process
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        self.process = None

    def restart(self) -> None:
        """Stop and start on the same ports and config (the panel's settings stay valid)."""
        self.stop()
        self.start()

    def close(self) -> None:
        self.stop()
        self._book.release()
        if self._own_dir and not os.environ.get("CALLPANEL_LAB_KEEP"):
            shutil.rmtree(self.dir, ignore_errors=True)

    def info(self) -> LabInfo:
        assert self.ports is not None
        return LabInfo(
            version=self.version,
            driver=self.driver,
            tech=self.tech,
            directory=str(self.dir),
            pid=self.process.pid if self.process else 0,
            ports=self.ports,
            ami_user=CALLPANEL_USER,
            ami_secret=self.secret,
            lab_user=LAB_USER,
            lab_secret=self.lab_secret,
        )
