"""``callpanel hub run --config FILE`` and ``callpanel hub provision OPERATOR``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from pathlib import Path

from . import provision, topics

EXIT_OK, EXIT_USAGE, EXIT_CONFIG = 0, 2, 4
DEFAULT_CONFIG = "/etc/callpanel/hub.toml"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callpanel hub",
        description="One AMI session for every operator, served to the panels through an "
        "MQTT broker (Mosquitto).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the hub (in the foreground; systemd runs it so)")
    run.add_argument("--config", default=DEFAULT_CONFIG, help=f"default {DEFAULT_CONFIG}")
    run.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    check = sub.add_parser("check", help="read the configuration and say what is wrong")
    check.add_argument("--config", default=DEFAULT_CONFIG)
    prov = sub.add_parser(
        "provision",
        help="create a panel's broker password and ACL lines (or the hub's, with --hub)",
    )
    prov.add_argument("operator", help="the operator's name: broker user name and topic level")
    prov.add_argument("--hub", action="store_true", help="the hub's own user (all topics)")
    prov.add_argument(
        "--passwd", type=Path, help="Mosquitto password file to add the user to (password_file)"
    )
    prov.add_argument("--acl", type=Path, help="Mosquitto ACL file to add the lines to (acl_file)")
    prov.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from stdin instead of generating one",
    )
    return parser


def _provision(args: argparse.Namespace) -> int:
    try:
        block = (
            provision.hub_acl(args.operator) if args.hub else provision.operator_acl(args.operator)
        )
    except topics.BadOperatorName as exc:
        print(f"callpanel hub provision: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password or any(ord(c) < 32 for c in password):
            print("callpanel hub provision: empty or unprintable password", file=sys.stderr)
            return EXIT_USAGE
    else:
        password = provision.new_password()
    try:
        if args.passwd is not None:
            provision.set_password(args.passwd, args.operator, password)
        if args.acl is not None:
            provision.set_acl(args.acl, block)
    except OSError as exc:
        print(f"callpanel hub provision: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    if args.passwd is None:
        print(f"# password file line ({'hub' if args.hub else 'panel'} {args.operator}):")
        print(f"{args.operator}:{provision.hash_password(password)}")
    if args.acl is None:
        print("# ACL lines:")
        print("\n".join(block))
    if not args.password_stdin:
        print(
            f"# the password (shown once; enter it in the {'hub' if args.hub else 'panel'}'s "
            "settings, it is not stored here):"
        )
        print(password)
    if args.passwd is not None or args.acl is not None:
        print("# then make Mosquitto read the files again: systemctl reload mosquitto")
    return EXIT_OK


async def _run(config_path: str) -> int:
    from .config import load
    from .service import Hub

    hub = Hub(load(config_path))
    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, done.set)
    await hub.start()
    logging.getLogger(__name__).info(
        "hub %s serving %d operators", hub.epoch, len(hub.config.operators)
    )
    try:
        await done.wait()
    finally:
        await hub.stop()
    return EXIT_OK


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.command == "provision":
        return _provision(args)
    from .config import HubConfigError, load

    if args.command == "check":
        try:
            config = load(args.config)
        except HubConfigError as exc:
            print(f"callpanel hub: {exc}", file=sys.stderr)
            return EXIT_CONFIG
        print(
            f"{args.config}: {len(config.operators)} operators, AMI {config.ami.host}:"
            f"{config.ami.port}, broker {config.broker.server}"
        )
        return EXIT_OK
    from ..store.logfile import SafeFormatter

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, handlers=[handler])
    try:
        return asyncio.run(_run(args.config))
    except HubConfigError as exc:
        print(f"callpanel hub: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return EXIT_OK
