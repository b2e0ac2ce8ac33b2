"""`callpanel check`: log in like the panel and report, line by line, what the panel needs from
this PBX and what is missing, each with the line that would fix it (manager.conf,
extensions.conf). Uses the saved settings (and the secret from the keyring or
``CALLPANEL_SECRET``); the options override them. ``--demo`` checks the built-in demo PBX.

The report is in the panel's language (the saved setting, else the system's); ``--lang en|ru``
chooses for this run. The words come from Qt's translations (``callpanel/ui/check_words.py``,
QtCore only: no display needed).

Exit status: 0 nothing missing (warnings allowed), 1 something missing, 2 bad options or
settings, 3 no secret.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from .asterisk.config import AnswerStrategy, HoldStrategy
from .asterisk.selfcheck import CheckLine, SelfCheck, Status
from .store.secrets import SecretStore
from .store.settings import (
    Language,
    Settings,
    SettingsError,
    SettingsStore,
    to_client_config,
    to_connection_config,
)

if TYPE_CHECKING:
    from .ui.i18n import Translations

SECRET_ENV = "CALLPANEL_SECRET"
DEMO_USER, DEMO_SECRET = "callpanel", "callpanel-secret"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callpanel check",
        description="Check the PBX's AMI set-up for the panel: read and write classes, event "
        "filter, phone, dialplan contexts, TLS — with the line that fixes each.",
    )
    parser.add_argument("--demo", action="store_true", help="check the built-in demo PBX")
    parser.add_argument("--host")
    parser.add_argument("--port", type=int)
    parser.add_argument("--user", help="AMI username (manager.conf section)")
    parser.add_argument("--endpoint", action="append", help="the operator's phone, e.g. SIP/101")
    parser.add_argument("--tls", action="store_true", default=None)
    parser.add_argument("--cafile")
    parser.add_argument("--answer", choices=[s.value for s in AnswerStrategy])
    parser.add_argument("--hold", choices=[s.value for s in HoldStrategy])
    parser.add_argument(
        "--caller-id", help='the panel\'s Caller ID, e.g. "Example Ltd" <74951234567>'
    )
    parser.add_argument(
        "--lang", choices=("en", "ru"), help="the report's language (default: the panel's)"
    )
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    base = Settings() if args.demo else SettingsStore().load()
    changes: dict[str, object] = {}
    for name, key in (("host", "host"), ("port", "port"), ("user", "username"),
                      ("tls", "tls"), ("cafile", "cafile")):  # fmt: skip
        value = getattr(args, name)
        if value is not None:
            changes[key] = value
    if args.endpoint:
        changes["endpoints"] = tuple(args.endpoint)
    if args.answer:
        changes["answer_strategy"] = AnswerStrategy(args.answer)
    if args.hold:
        changes["hold_strategy"] = HoldStrategy(args.hold)
    if args.caller_id is not None:
        changes["caller_id"] = args.caller_id
    return base.replace(**changes) if changes else base


def _secret(settings: Settings, env: dict[str, str]) -> str | None:
    if env.get(SECRET_ENV):
        return env[SECRET_ENV]
    stored = SecretStore().get(
        settings.username, settings.host, allow_file=settings.store_secret_in_file
    )
    return stored.reveal() if stored is not None else None


def install_language(language: Language) -> Translations:
    """Qt's translations for this process (a QCoreApplication when there is no application)."""
    from PySide6.QtCore import QCoreApplication

    from .ui.i18n import Translations

    app = QCoreApplication.instance() or QCoreApplication([])
    translations = Translations(app)
    translations.install(language)
    return translations


async def run_check(settings: Settings, secret: str, out: TextIO) -> list[CheckLine]:
    from .ui.check_words import line_text, summary_text

    def show(line: CheckLine) -> None:
        print(line_text(line), file=out, flush=True)

    check = SelfCheck(
        to_connection_config(settings, secret), to_client_config(settings), on_line=show
    )
    lines = await check.run()
    print(summary_text(lines), file=out)
    return lines


async def _run_demo(settings: Settings, out: TextIO) -> list[CheckLine]:
    from .sim import SimConfig, SimPbx

    sim = SimPbx(SimConfig(username=DEMO_USER, secret=DEMO_SECRET))
    await sim.start(host="127.0.0.1", port=0)
    try:
        demo = settings.replace(host="127.0.0.1", port=sim.port, username=settings.username)
        return await run_check(demo, DEMO_SECRET, out)
    finally:
        await asyncio.wait_for(sim.stop(), 3)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    out = out or sys.stdout
    try:
        settings = _settings(args)
    except (SettingsError, ValueError) as exc:
        install_language(Language(args.lang) if args.lang else Language.SYSTEM)
        from .ui.check_words import bad_settings_text

        print(f"callpanel check: {bad_settings_text(str(exc))}", file=sys.stderr)
        return 2
    install_language(Language(args.lang) if args.lang else settings.language)
    if args.demo:
        lines = asyncio.run(_run_demo(settings, out))
    else:
        secret = _secret(settings, dict(os.environ))
        if secret is None:
            from .ui.check_words import no_secret_text

            account = f"{settings.username}@{settings.host}"
            print(f"callpanel check: {no_secret_text(account, SECRET_ENV)}", file=sys.stderr)
            return 3
        lines = asyncio.run(run_check(settings, secret, out))
    return 1 if any(line.status is Status.MISSING for line in lines) else 0
