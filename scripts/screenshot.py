#!/usr/bin/env python3
"""Screenshots of the panel under Xvfb against the demo PBX.

    .venv/bin/python scripts/screenshot.py [--out screenshots] [--lang en|ru]

Starts ``Xvfb`` on a free display, runs the real panel (controller, bridge, manager, client)
against ``SimPbx`` in this process, plays a few calls (one missed, one answered and talking,
one ringing as call waiting) and saves ``incoming.png`` (and ``settings.png``) with
``QWidget.grab()``. Needs the apt packages xvfb xauth libxkbcommon-x11-0 libxcb-cursor0
libxcb-icccm4 libxcb-keysyms1 libxcb-shape0.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    for number in range(99, 120):
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            continue
        proc = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", "1280x1000x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                return proc, f":{number}"
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        proc.kill()
    raise SystemExit("could not start Xvfb (apt-get install -y xvfb xauth)")


async def until(what: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not what():
        if time.monotonic() > deadline:
            raise TimeoutError("the panel did not get there in time")
        await asyncio.sleep(0.05)


async def shoot(out: Path, lang: str) -> None:
    from PySide6.QtWidgets import QApplication

    from callpanel.asterisk.status import LinkState
    from callpanel.sim import SimConfig, SimPbx
    from callpanel.store.history import History
    from callpanel.store.settings import Language
    from callpanel.ui.app import DEMO_SECRET, demo_settings
    from callpanel.ui.bridge import Bridge
    from callpanel.ui.controller import PanelController
    from callpanel.ui.i18n import Translations

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    language = Language.RU if lang == "ru" else Language.EN
    Translations(app).install(language)
    sim = SimPbx(SimConfig(time_scale=0.05, dial_timeout=600.0))
    await sim.start(host="127.0.0.1", port=0)
    panel = PanelController(
        bridge=Bridge(),
        settings=demo_settings(sim.port).replace(language=language),
        secret=DEMO_SECRET,
        history=History(":memory:"),
        use_tray=False,
        persist=False,
    )
    window = panel.window
    window.resize(440, 760)
    window.show()
    panel.start()
    await until(lambda: panel.bridge.status.state is LinkState.CONNECTED)

    def number_shown(number: str) -> Callable[[], bool]:
        return lambda: any(w.call.number == number for w in window.call_widgets.values())

    # history: a missed call and a finished outgoing one
    missed = await sim.incoming_call(number="+79035550011", name="Анна Смирнова")
    await until(number_shown("+79035550011"))
    await sim.remote_hangup(missed)
    await until(lambda: not window.call_widgets)
    panel.bridge.dial("84997654321")
    await until(lambda: any(w.call.state.value == "talking" for w in window.call_widgets.values()))
    for widget in list(window.call_widgets.values()):
        panel.bridge.hangup(widget.call_id)
    await until(lambda: not window.call_widgets)
    # now: Ivan answered and talking, Olga ringing on top (call waiting)
    await sim.incoming_call(number="+79161234567", name="Ivan Petrov")
    await until(number_shown("+79161234567"))
    (ivan,) = window.call_widgets.values()
    panel.bridge.answer(ivan.call_id)
    await until(lambda: ivan.call.state.value == "talking")
    await sim.incoming_call(number="+79031112233", name="Olga Smirnova")
    await until(number_shown("+79031112233"))
    await asyncio.sleep(1.2)  # let the talk timer tick once so the screenshot shows it running
    window.tick()
    app.processEvents()
    out.mkdir(parents=True, exist_ok=True)
    target = out / ("incoming.png" if lang == "en" else f"incoming-{lang}.png")
    if not window.grab().save(str(target)):
        raise SystemExit(f"could not write {target}")
    print(target)
    dialog = panel.open_settings()
    app.processEvents()
    await asyncio.sleep(0.2)
    settings_png = out / ("settings.png" if lang == "en" else f"settings-{lang}.png")
    dialog.grab().save(str(settings_png))
    print(settings_png)
    dialog.reject()
    await panel.shutdown(timeout=2)
    window.close()
    # a wrong password: the message and the button to open the settings
    wrong = PanelController(
        bridge=Bridge(),
        settings=demo_settings(sim.port).replace(language=language),
        secret="not-the-secret",
        history=History(":memory:"),
        use_tray=False,
        persist=False,
    )
    wrong.window.resize(440, 360)
    wrong.window.show()
    wrong.start()
    await until(lambda: wrong.bridge.status.state is LinkState.AUTH_FAILED)
    app.processEvents()
    auth_png = out / ("auth-failed.png" if lang == "en" else f"auth-failed-{lang}.png")
    wrong.window.grab().save(str(auth_png))
    print(auth_png)
    await wrong.shutdown(timeout=2)
    await sim.stop()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--lang", choices=("en", "ru"), default="en")
    args = parser.parse_args()
    xvfb, display = start_xvfb()
    try:
        os.environ["DISPLAY"] = display
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        import qasync
        from PySide6.QtWidgets import QApplication

        app = QApplication(["callpanel"])
        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
            runner.run(shoot(args.out, args.lang))
        return 0
    finally:
        xvfb.terminate()
        xvfb.wait(5)


if __name__ == "__main__":
    raise SystemExit(main())
