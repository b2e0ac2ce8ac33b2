"""``callpanel sim``: run the simulated Asterisk until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys

from ..ami import LineEnding
from .config import DIALECTS, SimConfig
from .pbx import SimPbx


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="callpanel sim", description="A simulated Asterisk AMI server."
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=5038, help="TCP port (default 5038, 0 = any)")
    p.add_argument("--dialect", choices=sorted(DIALECTS), default="18", help="Asterisk version")
    p.add_argument("--lf", action="store_true", help="end lines with LF instead of CRLF")
    p.add_argument("--script", choices=("demo", "idle"), default="demo", help="what happens")
    p.add_argument("--user", default="callpanel", help="AMI user name")
    p.add_argument("--secret", default="callpanel-secret", help="AMI secret")
    p.add_argument("--pjsip", action="store_true", help="PJSIP/101 channels instead of SIP/101")
    p.add_argument("--time-scale", type=float, default=1.0, help="multiply every delay")
    return p


async def serve(config: SimConfig, host: str, port: int, script: str) -> int:
    sim = SimPbx(config)
    try:
        await sim.start(host, port)
    except OSError as exc:
        print(f"callpanel sim: cannot listen on {host}:{port}: {exc}", file=sys.stderr)
        return 2
    print(
        f"callpanel sim: Asterisk {config.dialect_info.version} ({config.tech}) AMI on "
        f"{sim.host}:{sim.port}, user {config.username}, script {script}; Ctrl-C stops",
        flush=True,
    )
    if script == "demo":
        await sim.run_demo()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await sim.stop()
    return 0


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if not 0 <= args.port <= 65535:
        print("callpanel sim: --port must be 0..65535", file=sys.stderr)
        return 2
    if args.time_scale <= 0:
        print("callpanel sim: --time-scale must be positive", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    config = SimConfig(
        dialect=args.dialect,
        line_ending=LineEnding.LF if args.lf else LineEnding.CRLF,
        username=args.user,
        secret=args.secret,
        pjsip=args.pjsip,
        time_scale=args.time_scale,
    )
    try:
        return asyncio.run(serve(config, args.host, args.port, args.script))
    except KeyboardInterrupt:
        return 0
