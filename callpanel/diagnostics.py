"""What an admin attaches to a bug report: `callpanel diagnostics` and the panel's menu entry
**Copy diagnostics**.

A zip with ``report.txt`` (versions of callpanel, Python, Qt and Asterisk; the settings —
there is no secret in them; where the secret is kept, never its value), ``callpanel.log``
(the recent log) and ``ami-traffic.jsonl`` (the last minutes of AMI traffic, which
`callpanel replay` reads back). The secret, the MD5 challenge and its answer are never in it;
``mask`` also replaces phone numbers and caller names with stand-ins. Loads Qt only to ask
its version.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import platform
import re
import sys
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .asterisk.traffic import Masker, recent_traffic, to_jsonl
from .store import logfile, paths

TRAFFIC_FILE = "ami-traffic.jsonl"
DEFAULT_MINUTES = 10.0
_ASTERISK_IN_LOG = re.compile(r"\(Asterisk ([^,)]+)")
_ASTERISK_IN_TRAFFIC = re.compile(r"AsteriskVersion: ([^\r\n]+)")


def traffic_path() -> Path:
    return paths.log_dir() / TRAFFIC_FILE


def qt_versions() -> str:
    try:
        import PySide6
        from PySide6 import QtCore

        return f"Qt {QtCore.qVersion()}, PySide6 {PySide6.__version__}"
    except Exception as exc:  # no Qt (a server install): say so
        return f"Qt not available ({exc.__class__.__name__})"


def _settings_lines() -> list[str]:
    try:
        from .store.settings import SettingsStore

        store = SettingsStore()
        settings = store.load()
    except Exception as exc:
        return [f"settings could not be read: {exc}"]
    lines = [f"file: {store.path}{'' if store.path.exists() else ' (not there: defaults)'}"]
    for field in dataclasses.fields(settings):
        value = getattr(settings, field.name)
        if isinstance(value, enum.Enum):
            value = value.value
        lines.append(f"{field.name} = {value!r}")
    try:
        from .store.secrets import SecretStore

        status = SecretStore().status()
        lines.append(f"secret storage: {status}")
    except Exception as exc:
        lines.append(f"secret storage: unknown ({exc})")
    return lines


def asterisk_version(log_text: str, traffic_text: str) -> str:
    found = _ASTERISK_IN_TRAFFIC.findall(traffic_text) or _ASTERISK_IN_LOG.findall(log_text)
    return found[-1].strip() if found else "unknown (no session in the recent log or traffic)"


@dataclasses.dataclass(frozen=True)
class Diagnostics:
    report: str
    log: str
    traffic: str  # .jsonl

    def write_zip(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("report.txt", self.report)
            archive.writestr("callpanel.log", self.log)
            archive.writestr(TRAFFIC_FILE, self.traffic)
        return path


def collect(*, mask: bool = False, minutes: float = DEFAULT_MINUTES) -> Diagnostics:
    masker = Masker() if mask else None
    log_text = logfile.recent_log(max_bytes=200_000)
    traffic = to_jsonl(recent_traffic(traffic_path(), minutes), mask=mask)
    if masker is not None:
        log_text = masker(log_text)
    chunks = traffic.count("\n")
    lines = [
        f"callpanel {__version__}" + (" (frozen build)" if getattr(sys, "frozen", False) else ""),
        f"Python {platform.python_version()} on {platform.platform()}",
        qt_versions(),
        f"Asterisk {asterisk_version(log_text, traffic)}",
        f"generated {time.strftime('%Y-%m-%d %H:%M:%S %z')}"
        + ("; numbers and names masked" if mask else ""),
        "",
        "settings:",
        *(f"  {line}" for line in _settings_lines()),
        "",
        f"log: {logfile.log_path()} (recent part in callpanel.log)",
        f"AMI traffic: last {minutes:g} min, {chunks} chunks in {TRAFFIC_FILE} "
        "(the secret and the MD5 exchange removed; `callpanel replay ami-traffic.jsonl`)",
    ]
    report = "\n".join(lines) + "\n"
    if masker is not None:
        report = masker(report)
    return Diagnostics(report=logfile.redact(report), log=log_text, traffic=traffic)


def default_zip_name() -> str:
    return time.strftime("callpanel-diagnostics-%Y%m%d-%H%M%S.zip")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="callpanel diagnostics",
        description="Collect what a bug report needs into a zip: versions, settings (no "
        "secret), the recent log and the last minutes of AMI traffic.",
    )
    parser.add_argument("--mask", action="store_true", help="replace numbers and names")
    parser.add_argument("--minutes", type=float, default=DEFAULT_MINUTES)
    parser.add_argument("-o", "--output", help="the zip to write (default: in this directory)")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    stream = out or sys.stdout
    found = collect(mask=args.mask, minutes=args.minutes)
    target = found.write_zip(Path(args.output or default_zip_name()))
    print(found.report, end="", file=stream)
    print(f"\nwritten: {target}", file=stream)
    return 0
