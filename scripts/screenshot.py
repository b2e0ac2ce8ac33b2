#!/usr/bin/env python3
"""Screenshots of every state of the panel, in English and Russian, at 1x and 2x, under Xvfb.

    .venv/bin/python scripts/screenshot.py [--out screenshots] [--lang en ru] [--scale 1 2]

Starts a private ``Xvfb`` (a 1366x768 laptop screen; its number chosen by the server), then
for each language and scale runs this script again (``--one``) with ``QT_SCALE_FACTOR`` set,
so the whole Qt stack sees that scale. The panel is the real one (controller, window, tray
and dialogs) over the test suite's fake connector, driven through the call store with the
events a PBX would send: a long Cyrillic name, a right-to-left (Arabic) name, call waiting,
holds, an attended transfer, tones, an outgoing call, missed calls, a lost link, a refused
login, the menu, the settings pages, the transfer dialog, the quit question. Each state is
saved as ``NN-state-LANG-Sx.png`` (window grab, 440 px wide) and every run also writes a
``sheet-LANG-Sx.png`` with all of them side by side, to look at quickly.

Needs the apt packages xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
libxcb-keysyms1 libxcb-shape0 (scripts/install brings them).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LONG = "ИП Константинопольский Александр Владимирович"
# The call centre: colleagues and queues as a Russian PBX names them, long names included.
COLLEAGUES = (
    ("102", "Константинопольская Александра Владимировна", 0),  # idle
    ("103", "Мария Соколова", 8),  # ringing
    ("104", "Преображенский Вячеслав Эдуардович (старший смены)", 1),  # in a call
    ("105", "Анна Кузнецова", 16),  # on hold
    ("106", "Сергей Иванов", 4),  # unavailable
    ("107", "Екатерина Рождественская-Оболенская", 0),  # DND below
)
QUEUES = (  # queue, membership, paused, reason, calls taken
    ("поддержка", "static", "1", "Обед", 14),
    ("corporate-clients-moscow", "dynamic", "1", "Auto-Pause", 3),
    ("продажи", "dynamic", "0", "", 27),
)
ARABIC = "محمد عبد الله الهاشمي"
SCREEN = "1366x768x24"


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        proc.kill()
        raise SystemExit("could not start Xvfb (apt-get install -y xvfb xauth)")
    return proc, f":{number}"


async def settle(app: Any, seconds: float = 0.4) -> None:
    """Let layouts and paints run: Qt's loop turns while we sleep (qasync). A screenshot
    script may wait; tests may not."""
    await asyncio.sleep(seconds)


async def shoot_all(out: Path, lang: str, scale: str) -> list[Path]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QWidget

    from callpanel.asterisk.problems import LinkProblem
    from callpanel.asterisk.status import LinkState
    from callpanel.calls.events import (
        CommutationStarted,
        Direction,
        EndHoldAction,
        EndReason,
        HoldBy,
        PutHoldAction,
        RingFinished,
        RingStarted,
    )
    from callpanel.store.history import History
    from callpanel.store.settings import AnswerStrategy, HoldStrategy, Language, Settings
    from callpanel.ui.bridge import Connector, QtConnector
    from callpanel.ui.controller import PanelController
    from callpanel.ui.i18n import Translations
    from tests.ui.fakes import FakeClient, FakeManager

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    language = Language.RU if lang == "ru" else Language.EN
    Translations(app).install(language)
    now = [1_700_000_000.0]
    centre_events: list[Any] = []
    connector = Connector(
        FakeManager,
        lambda _m, _c: FakeClient(),
        lambda _m, client, _centre, on_event: screenshot_centre(client, on_event, centre_events),
    )
    bridge = QtConnector(connector=connector, clock=lambda: now[0])
    settings = Settings(
        host="pbx.example.com",
        endpoints=("PJSIP/101",),
        answer_strategy=AnswerStrategy.PHONE_NOTIFY,
        hold_strategy=HoldStrategy.PBX_MOH,
        language=language,
        answer_method_chosen=True,  # its dialog is shown below, opened from the menu
    )
    panel = PanelController(
        bridge=bridge,
        settings=settings,
        secret="secret",
        history=History(":memory:"),
        use_tray=False,
        persist=False,
        trial_factory=lambda _connection, _client: ShotSession(),
    )
    window = panel.window
    window._clock = lambda: now[0]  # timers from the same clock as the calls
    window.resize(440, 720)
    window.show()
    panel.start()
    await settle(app)
    store = bridge.store
    shots: list[Path] = []

    async def shot(name: str, widget: QWidget | None = None) -> None:
        await settle(app)
        target = out / f"{len(shots) + 1:02d}-{name}-{lang}-{scale}x.png"
        image = (widget or window).grab()
        if not image.save(str(target)):
            raise SystemExit(f"could not write {target}")
        shots.append(target)
        print(target)

    def tick(seconds: float) -> None:
        now[0] += seconds
        window.tick()

    manager: Any = bridge.manager
    manager.publish(LinkState.CONNECTING)
    await shot("connecting")
    manager.publish(LinkState.CONNECTED, server_version="18.26.4")
    await shot("idle")
    manager.publish(
        LinkState.CONNECTED, server_version="18.26.4", missing_phones=("PJSIP/101",)
    )
    await shot("no-such-phone")
    manager.publish(LinkState.CONNECTED, server_version="18.26.4")
    store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", LONG))
    tick(4)
    await shot("ringing-long-name")
    store.apply(CommutationStarted("c1"))
    tick(65)
    store.apply(RingStarted("c2", Direction.INCOMING, "+971501234567", ARABIC))
    tick(3)
    await shot("call-waiting-rtl")
    store.apply(PutHoldAction("c1", HoldBy.OPERATOR))
    store.apply(CommutationStarted("c2"))
    tick(12)
    await shot("one-held-one-talking")
    store.apply(PutHoldAction("c2", HoldBy.REMOTE))
    await shot("held-by-the-other-side")
    store.apply(EndHoldAction("c2"))
    widget = window.call_widgets["c2"]
    widget.keypad_button.setChecked(True)
    for key in "12#":
        widget.keypad.buttons[key].click()
    await shot("tones-keypad")
    widget.keypad_button.setChecked(False)
    store.apply(RingFinished("c2", EndReason.COMPLETED))
    store.apply(EndHoldAction("c1"))
    window.call_widgets["c1"].set_consulting(True)
    store.apply(PutHoldAction("c1", HoldBy.OPERATOR))
    await shot("attended-transfer")
    window.call_widgets["c1"].set_consulting(False)
    store.apply(RingFinished("c1", EndReason.TRANSFERRED))
    store.apply(RingStarted("c3", Direction.OUTGOING, "84997654321", ""))
    tick(2)
    await shot("outgoing")
    store.apply(RingFinished("c3", EndReason.BUSY))
    store.apply(RingStarted("c4", Direction.INCOMING, "+79035550011", LONG + " " + LONG))
    store.apply(RingFinished("c4", EndReason.MISSED))
    window.history.refresh()
    await shot("history-and-error-bar")
    window.error_bar.dismiss()
    window.notifications.banner.notify(  # as shown while the window is not the active one
        "c9", window.tr("Incoming call"), f"\u2068{ARABIC}\u2069, +971 50 123 4567"
    )
    store.apply(RingStarted("c9", Direction.INCOMING, "+971501234567", ARABIC))
    await shot("banner")
    store.apply(RingFinished("c9", EndReason.ANSWERED_ELSEWHERE))
    # the call centre: a queue call (its queue and the wait), colleagues, queues, the status
    feed_centre(centre_events)
    await settle(app)
    store.apply(RingStarted("c10", Direction.INCOMING, "+79161234567", LONG,
                            queue="поддержка", waited_s=72, dialled="74951234500"))
    tick(3)
    await shot("queue-call-ringing")
    store.apply(CommutationStarted("c10"))
    tick(40)
    await shot("queue-call-answered")
    store.apply(RingFinished("c10", EndReason.COMPLETED))
    store.apply(RingStarted("c11", Direction.INCOMING, "+79031112233", "Ольга Смирнова",
                            dialled="74951234501"))
    tick(5)
    await shot("ring-group-call")
    store.apply(RingFinished("c11", EndReason.ANSWERED_ELSEWHERE))
    window.history.refresh()
    window.side_tabs.setCurrentWidget(window.colleagues)
    await shot("colleagues")
    window.side_tabs.setCurrentWidget(window.queues)
    await shot("queues")
    window.agent_status.status_menu.popup(
        window.agent_status.mapToGlobal(window.agent_status.rect().bottomLeft())
    )
    await shot("agent-status-menu", window.agent_status.status_menu)
    window.agent_status.status_menu.hide()
    autopause_all(centre_events)  # Asterisk paused the operator everywhere: the status says so
    await shot("agent-autopaused")
    window.side_tabs.setCurrentWidget(window.history)
    menu = window.menu_button.panel_menu
    menu.popup(window.menu_button.mapToGlobal(window.menu_button.rect().bottomLeft()))
    await shot("menu", menu)
    menu.hide()
    (row, *_rest) = window.history.rows()
    history_menu = window.history.row_menu(row)
    history_menu.popup(row.mapToGlobal(row.rect().center()))
    await shot("history-menu", history_menu)
    history_menu.hide()
    manager.publish(
        LinkState.RECONNECTING, retry_in=8.0, error="cannot connect", problem=LinkProblem.REFUSED
    )
    await shot("reconnecting")
    manager.publish(
        LinkState.AUTH_FAILED,
        error="Asterisk refused the login of 'callpanel': Authentication failed",
        problem=LinkProblem.LOGIN,
    )
    await shot("auth-failed")
    manager.publish(LinkState.CONNECTED, server_version="18.26.4")
    store.apply(RingStarted("c5", Direction.INCOMING, "+79161234567", LONG))
    store.apply(CommutationStarted("c5"))
    window.open_transfer("c5")
    dialog = window.transfer_dialog
    assert dialog is not None
    await shot("transfer-dialog", dialog)
    dialog.reject()
    # the PBX's transfer context does not set our caller ID: the dialog says what an outside
    # number would see (the connector found that with ShowDialPlan on connect)
    bridge.transfer_lines = False
    window.open_transfer("c5")
    dialog = window.transfer_dialog
    assert dialog is not None
    dialog.number_edit.setText("84997654321")
    await shot("transfer-caller-id-note", dialog)
    dialog.reject()
    bridge.transfer_lines = None
    window.close()  # a call is in progress: the panel asks first
    prompt = window.quit_prompt
    assert prompt is not None
    await shot("quit-question", prompt)
    prompt.reject()
    settings_dialog = panel.open_settings()
    for index in range(settings_dialog.tabs.count()):
        settings_dialog.tabs.setCurrentIndex(index)
        await shot(f"settings-{index + 1}", settings_dialog)
    settings_dialog.reject()
    await shoot_answer_dialog(panel, shot)
    window.show_help()
    await settle(app)
    help_box = window.findChild(QWidget, "HelpBox")
    if help_box is not None:
        await shot("help", help_box)
        help_box.close()
    sheet(out / f"sheet-{lang}-{scale}x.png", shots)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    await panel.shutdown(timeout=1)
    return shots


class ShotSession:
    """The answer-method dialog's PBX side, as a PBX whose AMI user may not send NOTIFY and
    whose dialplan lacks the auto-answer context; its test call is stepped by hand below."""

    async def open(self) -> Any:
        from callpanel.asterisk.answer_trial import Assessment, Lack, MethodCheck
        from callpanel.asterisk.config import AnswerStrategy

        return Assessment(
            (
                MethodCheck(AnswerStrategy.NONE),
                MethodCheck(AnswerStrategy.PHONE_NOTIFY),
                MethodCheck(AnswerStrategy.PBX_BRIDGE, Lack.NO_CONTEXT, context="panel-aa"),
            ),
            can_test=True,
        )

    def trial(self, strategy: Any, *, caller_name: str, on_change: Any) -> Any:
        from callpanel.asterisk.answer_trial import TrialState, TrialStatus

        class Trial:
            def __init__(self) -> None:
                self.strategy = strategy
                self.status = TrialStatus(TrialState.IDLE)

            def step(self, state: Any) -> None:
                self.status = TrialStatus(state, phone_channel="PJSIP/101-00000001")
                on_change(self.status)

            async def ring(self) -> None:
                self.step(TrialState.CALLING)
                self.step(TrialState.RINGING)

            async def answer(self) -> None:
                self.step(TrialState.ANSWERED)

            async def end(self) -> None:
                self.step(TrialState.ENDED)

        return Trial()

    async def close(self) -> None:
        pass


async def shoot_answer_dialog(panel: Any, shot: Any) -> None:
    """How calls are answered: the methods (one greyed out with the reason), the test call
    ringing, answered from the panel."""
    from callpanel.asterisk.config import AnswerStrategy

    dialog = panel.open_answer_dialog()
    await shot("answer-method", dialog)
    dialog.radios[AnswerStrategy.PHONE_NOTIFY].setChecked(True)
    dialog.test_button.click()
    await shot("answer-method-ringing", dialog)
    dialog.answer_button.click()
    await shot("answer-method-answered", dialog)
    dialog.reject()


def screenshot_centre(client: Any, on_event: Any, sink: list[Any]) -> Any:
    """The real call-centre part over no PBX: the pictures show what real events make."""
    from callpanel.asterisk.centre import AsteriskCentre, CentreConfig
    from callpanel.asterisk.centre_client import CentreClient
    from callpanel.asterisk.errors import ConnectionLost

    class NoPbx:
        async def send(self, action: Any) -> Any:
            raise ConnectionLost("a screenshot has no PBX")

        def expect_originate(self, channel_id: str, number: str) -> None:
            pass

    names = {ext: name for ext, name, _status in COLLEAGUES}  # the colleague names setting
    config = CentreConfig.from_client(client, member_name="Оператор 101", colleague_names=names)
    part = AsteriskCentre(config)
    sink[:] = [part, on_event]
    return CentreClient(NoPbx(), part, NoPbx(), client)  # type: ignore[arg-type]


def feed_centre(sink: list[Any]) -> None:
    """QueueStatus, ExtensionStateList and DeviceStateList answers, as Asterisk writes them."""
    from callpanel.ami import Event

    part, on_event = sink
    me = part.config.endpoints[0]
    members = [
        Event.build([("Event", "QueueMember"), ("Queue", queue), ("Name", "Оператор 101"),
                     ("Location", me), ("StateInterface", me), ("Membership", kind),
                     ("Penalty", "0"), ("CallsTaken", str(calls)), ("LastCall", "1699999000"),
                     ("InCall", "0"), ("Status", "1"), ("Paused", paused),
                     ("PausedReason", reason)])
        for queue, kind, paused, reason, calls in QUEUES
    ]
    members.append(Event.build([("Event", "QueueParams"), ("Queue", "vip-линия")]))
    hints = [
        Event.build([("Event", "ExtensionStatus"), ("Exten", ext), ("Context", "internal"),
                     ("Hint", f"PJSIP/{ext}"), ("Status", str(status)),
                     ("StatusText", "x")])
        for ext, _name, status in COLLEAGUES
    ]
    devices = [Event.build([("Event", "DeviceStateChange"), ("Device", "Custom:DND107"),
                            ("State", "BUSY")])]
    for action, items in (("DeviceStateList", devices), ("QueueStatus", members),
                          ("ExtensionStateList", hints)):
        for event in part.apply_snapshot(action, items):
            on_event(event)


def autopause_all(sink: list[Any]) -> None:
    """QueueMemberPause with app_queue's own reason in every queue of the operator."""
    from callpanel.ami import Event

    part, on_event = sink
    me = part.config.endpoints[0]
    for queue, kind, _paused, _reason, calls in QUEUES:
        pause = Event.build([("Event", "QueueMemberPause"), ("Queue", queue),
                             ("MemberName", "Оператор 101"), ("Interface", me),
                             ("StateInterface", me), ("Membership", kind), ("Penalty", "0"),
                             ("CallsTaken", str(calls)), ("LastCall", "1699999000"),
                             ("InCall", "0"), ("Status", "1"), ("Paused", "1"),
                             ("PausedReason", "Auto-Pause")])  # fmt: skip
        for event in part.handle(pause):
            on_event(event)


def sheet(target: Path, shots: list[Path]) -> None:
    """All the pictures of one run side by side, four to a row."""
    from PySide6.QtGui import QColor, QImage, QPainter

    images = [QImage(str(p)) for p in shots]
    columns = 4
    cell_w = max(i.width() for i in images) + 16
    rows = [images[i : i + columns] for i in range(0, len(images), columns)]
    heights = [max(i.height() for i in row) + 16 for row in rows]
    canvas = QImage(cell_w * columns, sum(heights), QImage.Format.Format_RGB32)
    canvas.fill(QColor("#ced4da"))
    painter = QPainter(canvas)
    y = 0
    for row, height in zip(rows, heights, strict=True):
        for col, image in enumerate(row):
            painter.drawImage(col * cell_w + 8, y + 8, image)
        y += height
    painter.end()
    canvas.save(str(target))
    print(target)


def one(out: Path, lang: str, scale: str) -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication(["callpanel"])
    app.setApplicationName("callpanel")
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    out.mkdir(parents=True, exist_ok=True)
    with loop:
        loop.run_until_complete(shoot_all(out, lang, scale))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--lang", nargs="+", choices=("en", "ru"), default=["en", "ru"])
    parser.add_argument("--scale", nargs="+", choices=("1", "2"), default=["1", "2"])
    parser.add_argument("--one", nargs=2, metavar=("LANG", "SCALE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return one(args.out, args.one[0], args.one[1])
    xvfb, display = start_xvfb()
    try:
        for lang in args.lang:
            for scale in args.scale:
                env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
                env["QT_SCALE_FACTOR"] = scale
                env.pop("WAYLAND_DISPLAY", None)
                env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent"  # no real desktop
                command = [sys.executable, __file__, "--out", str(args.out), "--one", lang, scale]
                subprocess.run(command, env=env, check=True, timeout=300)
    finally:
        xvfb.terminate()
        xvfb.wait(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
