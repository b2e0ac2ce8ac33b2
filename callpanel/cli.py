"""Command-line entry point. Subcommands import lazily so that ``replay`` never loads Qt."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib import import_module

# name -> "module:function"; each takes argv (without the subcommand), returns an exit code
SUBCOMMANDS: dict[str, str] = {
    "replay": "callpanel.replay:main",
    "monitor": "callpanel.monitor:main",
    "sim": "callpanel.sim.cli:main",
    "dial": "callpanel.ui.app:dial_main",
    "dial-rules": "callpanel.directory_cli:dial_rules_main",
    "contacts": "callpanel.directory_cli:contacts_main",
    "lookup": "callpanel.directory_cli:lookup_main",
    "hub": "callpanel.hub.cli:main",
}
GUI = "callpanel.ui.app:main"

USAGE = """usage: callpanel [--demo] [tel:NUMBER | callto:NUMBER | sip:NUMBER]
       callpanel --version
       callpanel replay PATH [--messages] [--endpoint SIP/101 ...]
       callpanel monitor --host H [--port P] --user U [--tls [--cafile F]] --endpoint SIP/101
       callpanel sim [--port 5038] [--dialect 18] [--lf] [--script demo|idle]
       callpanel dial NUMBER
       callpanel dial-rules NUMBER [--demo] [-v]
       callpanel contacts import FILE [--encoding cp1251] | contacts search TEXT
       callpanel lookup NUMBER
       callpanel hub run|check [--config /etc/callpanel/hub.toml]
       callpanel hub provision OPERATOR [--passwd FILE] [--acl FILE] [--hub]
"""


def _load(target: str) -> Callable[[list[str]], int]:
    module_name, _, func = target.partition(":")
    entry: Callable[[list[str]], int] = getattr(import_module(module_name), func)
    return entry


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help"):
        print(USAGE, end="")
        return 0
    if args and args[0] in ("-V", "--version"):
        from . import __version__

        print(f"callpanel {__version__}")
        return 0
    if args and args[0] in SUBCOMMANDS:
        return _load(SUBCOMMANDS[args[0]])(args[1:])
    return _load(GUI)(args)


if __name__ == "__main__":
    raise SystemExit(main())
