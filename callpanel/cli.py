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
    "check": "callpanel.check:main",
    "diagnostics": "callpanel.diagnostics:main",
    "history": "callpanel.directory_cli:history_main",
}
GUI = "callpanel.ui.app:main"

USAGE = """usage: callpanel [--demo] [--minimized] [--lang en|ru] [tel:NUMBER | callto: | sip:]
       callpanel --do answer|hangup|hold|dial
       callpanel --version
       callpanel replay PATH [--messages] [--endpoint SIP/101 ...]
       callpanel monitor --host H [--port P] --user U [--tls [--cafile F]] --endpoint SIP/101
                         [--record FILE.jsonl]
       callpanel sim [--port 5038] [--dialect 18] [--lf] [--script demo|idle]
       callpanel dial NUMBER
       callpanel dial-rules NUMBER [--demo] [-v]
       callpanel contacts import FILE [--encoding cp1251] | contacts search TEXT
       callpanel lookup NUMBER
       callpanel hub run|check [--config /etc/callpanel/hub.toml]
       callpanel hub provision OPERATOR [--passwd FILE] [--acl FILE] [--hub]
       callpanel check [--demo] [--host H] [--user U] [--endpoint SIP/101 ...] [--lang ru]
       callpanel diagnostics [--mask] [--minutes 10] [-o FILE.zip]
       callpanel history export FILE.csv [--delimiter ';']
"""
# The rest of `callpanel --help`; scripts/package turns the whole text into the man page.
HELP = """
A desktop call panel for Asterisk operators: it connects to the Asterisk Manager Interface
(AMI), shows your calls as they ring, talk, hold and end, and answers, holds, transfers, hangs
up and dials them.

commands:
  (none)       the panel; the first start opens the settings
  --demo       the panel against the built-in demo PBX (no Asterisk needed)
  --minimized  start in the tray;  --lang en|ru  the language for this run
  --do ACTION  tell the running panel to answer, hang up, hold or focus the dial box
  tel:NUMBER   hand a number to the running panel (or start one); it asks before dialling
  replay       print the messages or call events of a recorded AMI stream (.ami or .jsonl)
  monitor      the panel without a window: JSON lines out, commands on stdin; --record
               keeps its AMI traffic (no secret) for replay
  sim          the demo PBX alone, an AMI server for other clients
  dial         like tel:NUMBER
  dial-rules   show how a number is rewritten before dialling (the dialling rules)
  contacts     import contacts (CSV, vCard) or search them
  lookup       who a number belongs to (contacts, a CRM endpoint, LDAP) and which source said so
  history      export the call history to CSV
  hub          one AMI session for a whole call centre, served to the panels over MQTT
               (run, check its config, provision an operator)
  check        log in and report what the panel needs from the PBX and what is missing,
               with the manager.conf / extensions.conf line that fixes each
  diagnostics  a zip for a bug report: versions, settings (no secret), the recent log and the
               last minutes of AMI traffic (replay reads it); --mask hides numbers and names
  Each command has its own --help.

files:
  ~/.config/callpanel/settings.toml        settings (never the AMI secret: that is in the
                                           system keyring)
  ~/.local/share/callpanel/history.sqlite3 call history
  ~/.local/share/callpanel/contacts.sqlite3 the address book
  ~/.local/state/callpanel/log/            the log (callpanel.log, rotated) and the recent
                                           AMI traffic (ami-traffic.jsonl, no secret)

environment:
  CALLPANEL_CONFIG_DIR, CALLPANEL_DATA_DIR, CALLPANEL_LOG_DIR   move the files above
  CALLPANEL_SECRET                         the AMI secret for `monitor`
"""


def _load(target: str) -> Callable[[list[str]], int]:
    module_name, _, func = target.partition(":")
    entry: Callable[[list[str]], int] = getattr(import_module(module_name), func)
    return entry


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help"):
        print(USAGE + HELP, end="")
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
