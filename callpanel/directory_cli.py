"""Scripting and checks for who-is-calling: ``callpanel dial-rules``, ``contacts``, ``lookup``
and ``history``. No Qt; each reads the same settings and files the panel uses."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .asterisk.errors import InvalidInput
from .asterisk.validate import normalize_number
from .directory.phone import display
from .store.settings import Settings, SettingsStore, to_dial_rules


def _settings(demo: bool) -> Settings:
    if demo:
        # the demo PBX's own settings (the panel's --demo), without starting Qt
        return Settings(region="RU", dial_rules=("+7=8",))
    store = SettingsStore()
    settings = store.load()
    for warning in store.warnings:
        print(f"callpanel: settings: {warning}", file=sys.stderr)
    return settings


def dial_rules_main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="callpanel dial-rules",
        description="Print what the panel would dial for NUMBER under the dialling rules.",
    )
    parser.add_argument("number")
    parser.add_argument("--demo", action="store_true", help="the demo PBX's settings")
    parser.add_argument("-v", "--verbose", action="store_true", help="explain on stderr")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    rules = to_dial_rules(_settings(args.demo))
    try:
        clean = normalize_number(args.number)
        dialled = normalize_number(rules.apply(clean))
    except InvalidInput as exc:
        print(f"callpanel dial-rules: {exc}", file=sys.stderr)
        return 2
    if args.verbose:
        print(
            f"{display(clean, rules.region)} will be dialled as {dialled} (region {rules.region})",
            file=sys.stderr,
        )
    print(dialled)
    return 0
