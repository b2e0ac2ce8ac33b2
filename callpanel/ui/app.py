"""`callpanel` (the GUI) and `callpanel dial NUMBER`.

The panel runs on qasync's loop (``asyncio.Runner(loop_factory=QEventLoop)``): Qt's event loop
is the asyncio loop. Quitting sets an event; ``amain`` then shuts down (bounded) and returns.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

import qasync
from PySide6.QtWidgets import QApplication

from .. import __version__
from ..store.contacts import ContactsError, ContactsStore
from ..store.history import History, HistoryError
from ..store.logfile import setup_logging
from ..store.secrets import SecretStore
from ..store.settings import Language, Settings, SettingsStore
from .bridge import QtConnector
from .controller import DO_PREFIX, PanelController, install_error_hooks
from .diagnostics_action import record_traffic
from .glyphs import app_icon
from .hub_link import ModeConnector
from .i18n import Translations
from .single_instance import SingleInstance, unfit_reason
from .uri import dial_uri_from_argv, is_dial_uri, parse_dial_uri

if TYPE_CHECKING:
    from ..sim import SimPbx

log = logging.getLogger(__name__)

INSTANCE_ENV = "CALLPANEL_INSTANCE"  # another single-instance name (a second profile, tests)
DEMO_USER = "callpanel"
DEMO_SECRET = "callpanel-secret"


def demo_contacts() -> ContactsStore:
    """A throw-away book that knows two of the demo's callers (saved under other numbers'
    forms, to show the matching) and whose company the lookup then shows on the card."""
    from ..directory.contacts import Contact, ContactNumber

    book = ContactsStore(":memory:", region="RU")
    book.add(Contact("Иван Петров", "ООО «Вектор»", (ContactNumber("8 916 123-45-67", "mobile"),),
                     note="Постоянный клиент"))
    book.add(Contact("Анна Кузнецова", "АО «Научно-производственное объединение»",
                     (ContactNumber("+7 985 777-88-99", "work"),)))
    return book


def demo_settings(port: int) -> Settings:
    from ..asterisk.config import AnswerStrategy, HoldStrategy

    return Settings(
        host="127.0.0.1",
        port=port,
        username=DEMO_USER,
        endpoints=("SIP/101",),
        answer_strategy=AnswerStrategy.PHONE_NOTIFY,
        hold_strategy=HoldStrategy.PHONE_NOTIFY,
        # The demo's trunk takes Russian numbers as 8XXXXXXXXXX (callers arrive as +7…).
        region="RU",
        dial_rules=("+7=8",),
        answer_method_chosen=True,  # the demo's phones obey NOTIFY: nothing to try first
    )


async def start_demo_pbx(*, script: bool = True) -> SimPbx:
    """The built-in demo PBX on a free loopback port, optionally playing its demo script."""
    from ..sim import SimConfig, SimPbx

    sim = SimPbx(SimConfig(username=DEMO_USER, secret=DEMO_SECRET))
    await sim.start(host="127.0.0.1", port=0)
    if script:
        await sim.run_demo()
    return sim


async def stop_demo_pbx(sim: SimPbx) -> None:
    sim.stop_demo()
    await asyncio.wait_for(sim.stop(), 3)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="callpanel", add_help=True)
    parser.add_argument("--demo", action="store_true", help="run against the built-in demo PBX")
    parser.add_argument("--demo-idle", action="store_true", help="with --demo: no scripted calls")
    parser.add_argument(
        "--lang", choices=("en", "ru"), help="the panel's language for this run (not saved)"
    )
    parser.add_argument(
        "--minimized", action="store_true", help="start in the tray (also a setting)"
    )
    parser.add_argument(
        "--do",
        choices=("answer", "hangup", "hold", "dial"),
        help="tell the running panel to act on the current call (for a desktop shortcut)",
    )
    parser.add_argument("link", nargs="?", help="tel:, callto: or sip: link, or a number")
    return parser


async def amain(
    app: QApplication,
    demo: bool,
    demo_script: bool,
    link: str | None,
    instance: SingleInstance | None,
    *,
    lang: str | None = None,
    minimized: bool = False,
) -> int:
    loop = asyncio.get_running_loop()
    sim: SimPbx | None = None
    store: SettingsStore | None = None
    secrets: SecretStore | None = None
    secret: str | None
    repairs: list[str] = []  # what loading had to fix, shown once in the error bar
    if demo:
        sim = await start_demo_pbx(script=demo_script)
        settings, secret = demo_settings(sim.port), DEMO_SECRET
        history = History(":memory:")
        contacts: ContactsStore | None = demo_contacts()
    else:
        store = SettingsStore()
        first_run = not store.path.exists()
        settings = store.load()
        repairs.extend(store.warnings)
        secrets = SecretStore()
        stored = secrets.get(
            settings.username, settings.host, allow_file=settings.store_secret_in_file
        )
        secret = None if first_run or stored is None else stored.reveal()
        try:
            history = History(on_warning=repairs.append)
        except HistoryError as exc:
            log.warning("call history unavailable: %s", exc)
            history = History(":memory:")
        try:
            contacts = ContactsStore(on_warning=repairs.append)
        except (ContactsError, OSError, sqlite3.Error) as exc:
            log.warning("address book unavailable: %s", exc)
            contacts = None
    if lang is not None:  # --lang: this run only; the saved setting stays
        settings = settings.replace(language=Language(lang))
    translations = Translations(app)
    translations.install(settings.language)
    links = ModeConnector()  # AMI or the callpanel hub, by the "connection" setting
    controller = PanelController(
        bridge=QtConnector(connector=links),
        settings=settings,
        secret=secret,
        settings_store=store,
        secret_store=secrets,
        history=history,
        contacts=contacts,
        translations=translations,
        persist=not demo,
    )
    links.mode = lambda: controller.settings.connection
    install_error_hooks(loop, lambda text: controller.window.error_bar.show_error(text))
    if instance is not None:
        instance.messageReceived.connect(controller.handle_message)
    app.aboutToQuit.connect(controller.request_quit)
    _quit_on_signals(controller)
    if (minimized or settings.start_minimized) and controller.tray is not None:
        log.info("started in the tray")  # the tray icon shows it; a click opens the window
    else:
        controller.window.show()
    if repairs:
        controller.window.error_bar.show_error("; ".join(repairs))
    controller.start()
    if link:
        controller.handle_message(link)
    await controller.quit_event.wait()
    await controller.shutdown()
    if sim is not None:
        await stop_demo_pbx(sim)
    if instance is not None:
        instance.close()
    return 0


def _quit_on_signals(controller: PanelController) -> None:
    """Ctrl+C / SIGTERM quit like the Quit menu: log off, then exit (the handler runs when the
    interpreter next gets control, at the latest on the window's 1 s tick)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda _sig, _frame: controller.request_quit())


def run_gui(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    link = args.link
    if link is not None:
        parsed = dial_uri_from_argv([link])
        unfit = unfit_reason(link)  # a running panel could not even be handed it
        if parsed is not None and not parsed.ok and (unfit or not is_dial_uri(link)):
            print(f"callpanel: the link was refused: {parsed.reason}", file=sys.stderr)
            return 2
        if parsed is not None and parsed.ok:
            link = link.strip()  # a trailing newline from a script must not stop the hand-over
    setup_logging(logging.INFO)
    record_traffic()
    app = QApplication.instance() or QApplication(["callpanel"])
    assert isinstance(app, QApplication)
    app.setApplicationName("callpanel")
    app.setDesktopFileName("callpanel")
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)  # quitting goes through amain's bounded shutdown
    instance: SingleInstance | None = SingleInstance(os.environ.get(INSTANCE_ENV) or None)
    assert instance is not None
    if not instance.listen():
        message = f"{DO_PREFIX}{args.do}" if args.do else link or "show"
        if instance.send_to_running(message):
            return 0
        print("callpanel: another panel runs but did not answer", file=sys.stderr)
        return 1
    if args.do:
        instance.close()
        print("callpanel: no panel is running", file=sys.stderr)
        return 1
    log.info(
        "callpanel %s started%s; links go to %s",
        __version__,
        " (demo)" * args.demo,
        instance.server_path(),
    )
    main_task = amain(
        app,
        args.demo,
        not args.demo_idle,
        link,
        instance,
        lang=args.lang,
        minimized=args.minimized,
    )
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        try:
            return runner.run(main_task)
        except RuntimeError as exc:
            # Qt's loop was ended from outside (session logout calling quit()) before amain
            # could finish its shutdown; nothing is left to save, so exit quietly.
            log.warning("the event loop stopped early: %s", exc)
            return 0
        finally:
            instance.close()


def main(argv: Sequence[str] | None = None) -> int:
    return run_gui(sys.argv[1:] if argv is None else argv)


def dial_main(argv: Sequence[str] | None = None) -> int:
    """`callpanel dial NUMBER`: hand the number to the running panel, or start one with it."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print("usage: callpanel dial NUMBER", file=sys.stderr if len(args) != 1 else sys.stdout)
        return 0 if args and args[0] in ("-h", "--help") else 2
    parsed = parse_dial_uri(args[0])
    if not parsed.ok or parsed.number is None:
        print(f"callpanel dial: {parsed.reason}", file=sys.stderr)
        return 2
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is None:
        QApplication(["callpanel"])
    if SingleInstance(os.environ.get(INSTANCE_ENV) or None).send_to_running(parsed.number):
        return 0
    return run_gui([parsed.number])
