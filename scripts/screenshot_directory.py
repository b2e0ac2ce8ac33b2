#!/usr/bin/env python3
"""Screenshots of who-is-calling: a ringing card with the caller found in the book, the
contacts window and the call history window, against the demo PBX. Run under Xvfb:

    xvfb-run -a .venv/bin/python scripts/screenshot_directory.py [--out DIR] [--lang ru|en]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LONG = "Константинопольская-Щедрина Александра Вячеславовна"


async def until(what: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not what():
        if time.monotonic() > deadline:
            raise TimeoutError("the panel did not get there in time")
        await asyncio.sleep(0.05)


async def shoot(out: Path, lang: str) -> None:
    from PySide6.QtWidgets import QApplication

    from callpanel.asterisk.status import LinkState
    from callpanel.directory.contacts import Contact, ContactNumber
    from callpanel.sim import SimConfig, SimPbx
    from callpanel.store.history import History
    from callpanel.store.settings import Language
    from callpanel.ui.app import DEMO_SECRET, demo_contacts, demo_settings
    from callpanel.ui.bridge import QtConnector
    from callpanel.ui.controller import PanelController
    from callpanel.ui.i18n import Translations

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    language = Language.RU if lang == "ru" else Language.EN
    Translations(app).install(language)
    sim = SimPbx(SimConfig(time_scale=0.05, dial_timeout=600.0))
    await sim.start(host="127.0.0.1", port=0)
    book = demo_contacts()
    book.add(Contact(LONG, "АО «Научно-производственное объединение «Энергомашстрой»»",
                     (ContactNumber("+7 (495) 765-43-21", "рабочий"),
                      ContactNumber("8 903 111-22-33", "мобильный")),
                     note="Главный бухгалтер; звонить после 15:00"))
    book.add(Contact("Emily Clarke", "Clarke & Sons Ltd", (ContactNumber("+44 20 7123 4567"),)))
    history = History(":memory:")
    panel = PanelController(
        bridge=QtConnector(),
        settings=demo_settings(sim.port).replace(language=language),
        secret=DEMO_SECRET,
        history=history,
        contacts=book,
        use_tray=False,
        persist=False,
    )
    window = panel.window
    window.resize(440, 760)
    window.show()
    panel.start()
    await until(lambda: panel.bridge.status.state is LinkState.CONNECTED)

    def card(number: str) -> Callable[[], bool]:
        return lambda: any(w.call.number == number for w in window.call_widgets.values())

    # history: a missed call, a withheld one, an answered one with a note, an outgoing one
    missed = await sim.incoming_call(number="+74957654321", name="OOO KONSTANTINOPOL")
    await until(card("+74957654321"))
    await sim.remote_hangup(missed)
    await until(lambda: not window.call_widgets)
    hidden = await sim.incoming_call(number="anonymous", name="")
    await until(card("anonymous"))
    await sim.remote_hangup(hidden)
    await until(lambda: not window.call_widgets)
    await sim.incoming_call(number="+79161234567", name="IVAN PETROV")
    await until(card("+79161234567"))
    (ivan,) = window.call_widgets.values()
    panel.bridge.answer(ivan.call_id)
    await until(lambda: ivan.call.state.value == "talking")
    panel.directory.save_note(ivan.call_id, "Продажа\nДве лицензии, счёт на e-mail")
    panel.bridge.hangup(ivan.call_id)
    await until(lambda: not window.call_widgets)
    # now: the long-named caller rings; the card shows the book's name under the Caller ID
    await sim.incoming_call(number="+79031112233", name="+79031112233")
    await until(card("+79031112233"))
    (ring,) = window.call_widgets.values()
    await until(lambda: bool(ring.contact_label.text()))
    app.processEvents()
    out.mkdir(parents=True, exist_ok=True)
    shots = {f"card-{lang}.png": window}
    contacts = panel.directory.open_contacts()
    assert contacts is not None
    shots[f"contacts-{lang}.png"] = contacts
    history_view = panel.directory.open_history()
    shots[f"history-{lang}.png"] = history_view
    await asyncio.sleep(0.3)
    app.processEvents()
    for name, widget in shots.items():
        target = out / name
        if not widget.grab().save(str(target)):
            raise SystemExit(f"could not write {target}")
        print(target)
    await panel.shutdown(timeout=2)
    await sim.stop()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--lang", choices=("en", "ru"), default="ru")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        raise SystemExit("run under Xvfb: xvfb-run -a .venv/bin/python scripts/...")
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication(["callpanel"])
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(shoot(args.out, args.lang))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
