"""``scripts/lab``: build Asterisk versions into the cache, start a lab by hand."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time

from .lab import (
    ALL_VERSIONS,
    DEFAULT_VERSIONS,
    Lab,
    LabError,
    build,
    cache_dir,
    drivers,
    ensure_sipp,
    installed,
    log,
    prefix,
)


def default_versions() -> list[str]:
    """The versions of ``$CALLPANEL_LAB_TARGETS`` (what the live suite runs), else the CI ones."""
    targets = os.environ.get("CALLPANEL_LAB_TARGETS", "")
    versions = [t.split("/")[0].strip() for t in targets.split(",") if t.strip()]
    return list(dict.fromkeys(versions)) or list(DEFAULT_VERSIONS)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/lab", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build what is missing (default: the CI versions)")
    p_build.add_argument("versions", nargs="*", default=default_versions())
    sub.add_parser("status", help="which versions are in the cache")
    p_start = sub.add_parser("start", help="run a lab in the foreground until Ctrl-C")
    p_start.add_argument("version")
    p_start.add_argument("driver", nargs="?", choices=["sip", "pjsip"])
    p_rec = sub.add_parser("record", help="record AMI captures of the lab scenarios")
    p_rec.add_argument("version")
    p_rec.add_argument("driver", choices=["sip", "pjsip"])
    p_rec.add_argument("out_dir")
    p_rec.add_argument("only", nargs="*", help="scenario name prefixes (default: all)")
    args = parser.parse_args(argv)

    try:
        if args.command == "build":
            ensure_sipp()
            started = time.monotonic()
            for version in args.versions:
                if version not in ALL_VERSIONS:
                    parser.error(f"unknown version {version} (known: {', '.join(ALL_VERSIONS)})")
                took = build(version)
                state = f"built in {took:.0f} s" if took else "already built"
                log(f"Asterisk {version}: {state} ({prefix(version)})")
            log(f"build: done in {time.monotonic() - started:.0f} s")
            return 0
        if args.command == "record":
            from pathlib import Path

            from .record import record

            build(args.version)
            return 1 if record(args.version, args.driver, Path(args.out_dir), args.only) else 0
        if args.command == "status":
            print(f"cache: {cache_dir()}")
            for version in ALL_VERSIONS:
                state = "built" if installed(version) else "missing"
                print(f"{version}  {state:8} drivers: {', '.join(drivers(version))}")
            return 0
        driver = args.driver or drivers(args.version)[-1]
        build(args.version)
        lab = Lab(args.version, driver)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        try:
            lab.start()
            print(lab.info().to_json(), flush=True)
            log(f"CLI: {prefix(args.version)}/sbin/asterisk -C {lab.conf} -r ; Ctrl-C stops")
            while not stop.wait(1.0):
                if lab.process is None or lab.process.poll() is not None:
                    log("asterisk exited")
                    return 1
        finally:
            lab.close()
        return 0
    except LabError as exc:
        print(f"scripts/lab: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
