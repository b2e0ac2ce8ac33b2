"""The operator's desk: long and right-to-left names, stable buttons, the menu while connected,
Complete transfer, the tones keypad (issue 15, majors 1-4)."""

from __future__ import annotations

from typing import Any

import pytest
import qasync
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from callpanel.asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig
from callpanel.asterisk.status import LinkState
from callpanel.calls.events import (
    CommutationStarted,
    Direction,
    EndReason,
    HoldBy,
    PutHoldAction,
    RingFinished,
    RingStarted,
)
from callpanel.ui.bridge import QtConnector
from callpanel.ui.elided import ElidedLabel
from callpanel.ui.format import caller_line, format_number
from callpanel.ui.style import STYLE
from callpanel.ui.window import MainWindow

from .conftest import FakeClock
from .fakes import FakeClient, fake_bridge

LONG = "ИП Константинопольский Александр Владимирович"
ARABIC = "محمد عبد الله الهاشمي"


@pytest.fixture
def desk(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> tuple[MainWindow, QtConnector, FakeClient]:
    bridge, client = fake_bridge(clock)
    window = MainWindow(bridge, clock=clock)
    window.setStyleSheet(STYLE)
    qtbot.addWidget(window)
    bridge.start(ConnectionConfig(), ClientConfig(answer_strategy=AnswerStrategy.PHONE_NOTIFY))
    qtbot.waitUntil(lambda: bridge.status.state is LinkState.CONNECTED)
    window.resize(440, 680)
    window.show()
    qtbot.waitExposed(window)
    return window, bridge, client


def inside(widget: QWidget, window: QWidget) -> bool:
    """The whole widget lies within the window's visible area."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return (
        widget.isVisible()
        and top_left.x() >= 0
        and top_left.x() + widget.width() <= window.width()
        and widget.visibleRegion().boundingRect().width() == widget.width()
    )


def test_long_name_never_cuts_timer_or_hang_up(desk: Any, qtbot: Any) -> None:
    window, bridge, _client = desk
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", LONG))
    bridge.store.apply(CommutationStarted("c1"))
    card = window.call_widgets["c1"]
    qtbot.waitUntil(lambda: card.isVisible() and card.name_label.width() > 0)
    assert window.width() == 440
    assert inside(card, window)
    assert inside(card.timer_label, window) and inside(card.hangup_button, window)
    assert card.name_label.text() == LONG  # the full text is kept…
    assert card.name_label.is_elided() and card.name_label.shown_text().endswith("…")
    assert card.name_label.toolTip() == LONG  # …and shown in the tooltip


def test_right_to_left_name_is_shown(desk: Any, qtbot: Any) -> None:
    window, bridge, _client = desk
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+971501234567", ARABIC))
    card = window.call_widgets["c1"]
    qtbot.waitUntil(lambda: card.name_label.width() > 0)
    label = card.name_label
    assert label.shown_text() == ARABIC and not label.is_elided()
    assert label.layoutDirection() is Qt.LayoutDirection.RightToLeft
    assert inside(label, window)
    # notifications keep the number whole next to an Arabic name (bidi isolate)
    assert caller_line(ARABIC, "+971501234567").startswith("\u2068" + ARABIC + "\u2069, +971")


def test_hang_up_keeps_its_place_and_buttons_do_not_stretch(desk: Any, qtbot: Any) -> None:
    window, bridge, _client = desk
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "Ivan Petrov"))
    card = window.call_widgets["c1"]
    qtbot.waitUntil(lambda: card.hangup_button.width() > 0)
    ringing_right = card.hangup_button.geometry().right()
    bridge.store.apply(CommutationStarted("c1"))
    qtbot.waitUntil(lambda: card.answer_button.isHidden())
    assert card.hangup_button.geometry().right() == ringing_right
    window.resize(1400, 680)
    qtbot.waitUntil(lambda: card.width() > 1000)
    for button in (card.hold_button, card.transfer_button, card.hangup_button):
        assert button.width() <= 150


def test_history_row_with_a_long_name_keeps_call_button_in_view(desk: Any, qtbot: Any) -> None:
    window, bridge, _client = desk
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", LONG * 2))
    bridge.store.apply(RingFinished("c1", EndReason.MISSED))
    qtbot.waitUntil(lambda: len(window.history.rows()) == 1)
    (row,) = window.history.rows()
    qtbot.waitUntil(lambda: row.isVisible() and row.call_back.width() > 0)
    viewport = window.history.list.viewport()
    right = row.call_back.mapTo(viewport, QPoint(row.call_back.width(), 0)).x()
    assert right <= viewport.width()
    assert not window.history.list.horizontalScrollBar().isVisible()
    assert row.who.is_elided() and row.who.toolTip().startswith(LONG)


def test_menu_reachable_while_connected(desk: Any, qtbot: Any) -> None:
    window, _bridge, _client = desk
    assert window.menu_button.isVisible()
    texts = [a.text() for a in window.menu_button.panel_menu.actions() if a.text()]
    assert texts == [
        "Contacts…", "Call history…", "Settings…", "How calls are answered…", "Help",
        "About callpanel", "Copy diagnostics", "Quit",
    ]
    with qtbot.waitSignal(window.settingsRequested):
        window.desk_actions.settings.trigger()
    window.desk_actions.about.trigger()
    about = window.findChild(QWidget, "AboutBox")
    assert about is not None and about.isVisible()
    about.close()


def test_attended_transfer_can_be_completed(desk: Any, qtbot: Any) -> None:
    window, bridge, client = desk
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "Ivan Petrov"))
    bridge.store.apply(CommutationStarted("c1"))
    card = window.call_widgets["c1"]
    plain_tip = card.transfer_button.toolTip()
    with qtbot.waitSignal(bridge.actionFinished):
        bridge.transfer("c1", "102", attended=True)
    bridge.store.apply(PutHoldAction("c1", HoldBy.OPERATOR))
    assert card.transfer_button.text() == "Complete transfer" and card.transfer_button.isEnabled()
    assert card.hold_button.text() == "Cancel transfer"
    tips = {plain_tip, card.transfer_button.toolTip(), card.hold_button.toolTip()}
    assert len(tips) == 3  # each says what it does
    with qtbot.waitSignal(bridge.actionFinished) as finished:
        qtbot.mouseClick(card.transfer_button, Qt.MouseButton.LeftButton)
    assert finished.args == ["complete_atxfer", True]
    assert client.calls[-1] == ("complete_atxfer", "c1")
    assert card.transfer_button.text() == "Transfer"


def test_tones_keypad_shows_digits_and_takes_the_keyboard(desk: Any, qtbot: Any) -> None:
    window, bridge, client = desk
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "Ivan Petrov"))
    bridge.store.apply(CommutationStarted("c1"))
    card = window.call_widgets["c1"]
    qtbot.mouseClick(card.keypad_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(card.keypad.hasFocus)
    for key in ("1", "#"):
        with qtbot.waitSignal(bridge.actionFinished):
            qtbot.keyClick(card.keypad, key)
    sent = [c for c in client.calls if c[0] == "dtmf"]
    assert sent == [("dtmf", "c1", "1"), ("dtmf", "c1", "#")]
    assert card.keypad.sent() == "1#"
    assert card.keypad.sent_label.text() == "Sent: 1#"


def test_outgoing_call_without_a_name_shows_the_number(desk: Any) -> None:
    window, bridge, _client = desk
    bridge.store.apply(RingStarted("c1", Direction.OUTGOING, "84997654321", ""))
    card = window.call_widgets["c1"]
    assert card.name_label.text() == format_number("84997654321")
    assert card.number_label.isHidden()


def test_elided_label_is_plain_one_line_text(qtbot: Any) -> None:
    label = ElidedLabel("<b>a</b>\nb")
    qtbot.addWidget(label)
    assert label.textFormat() is Qt.TextFormat.PlainText
    assert label.text() == "<b>a</b> b"


def test_closing_with_calls_asks_first(desk: Any, qtbot: Any) -> None:
    window, bridge, _client = desk
    quits: list[bool] = []
    window.quitRequested.connect(lambda: quits.append(True))
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "Ivan Petrov"))
    bridge.store.apply(CommutationStarted("c1"))
    window.close()
    prompt = window.quit_prompt
    assert prompt is not None and prompt.isVisible() and window.isVisible() and not quits
    assert "Calls in progress: 1" in prompt.text()
    prompt.reject()  # Cancel: the panel stays
    assert window.isVisible() and not quits and window.quit_prompt is None
    window.close()
    prompt = window.quit_prompt
    assert prompt is not None
    confirm = prompt.findChild(QWidget, "ConfirmQuit")
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    assert quits == [True]


def test_tray_host_gone_closing_quits_instead_of_hiding(desk: Any) -> None:
    window, _bridge, _client = desk
    quits: list[bool] = []
    window.quitRequested.connect(lambda: quits.append(True))
    window.hide_to_tray = True
    window.tray_alive = lambda: False  # the desktop's panel went away
    window.close()
    assert quits == [True]


def test_transfer_dialog_separates_colleagues_and_filters_as_you_type(qtbot: Any) -> None:
    from callpanel.ui.transfer import TransferDialog

    recent = [("Anna Smirnova", "+79035550011"), ("Operator 102", "102"), ("Olga", "103")]
    dialog = TransferDialog("c1", "Ivan", recent)
    qtbot.addWidget(dialog)
    assert dialog.shown(dialog.colleague_list) == ["102", "103"]
    assert dialog.shown(dialog.recent_list) == ["+79035550011"]
    qtbot.keyClicks(dialog.number_edit, "ol")
    assert dialog.shown(dialog.colleague_list) == ["103"] and dialog.shown(dialog.recent_list) == []
    dialog.number_edit.clear()
    qtbot.keyClicks(dialog.number_edit, "555")
    assert dialog.shown(dialog.recent_list) == ["+79035550011"]
    assert not dialog.windowFlags() & Qt.WindowType.WindowMaximizeButtonHint


def test_history_right_click_menu(desk: Any, qtbot: Any) -> None:
    from PySide6.QtGui import QGuiApplication

    window, bridge, _client = desk
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "Ivan Petrov"))
    bridge.store.apply(RingFinished("c1", EndReason.MISSED))
    qtbot.waitUntil(lambda: len(window.history.rows()) == 1)
    (row,) = window.history.rows()
    menu = window.history.row_menu(row)
    actions = {a.text(): a for a in menu.actions()}
    assert list(actions) == ["Call back", "Copy number", "Copy name"]
    actions["Copy number"].trigger()
    assert QGuiApplication.clipboard().text() == "+79161234567"
    actions["Copy name"].trigger()
    assert QGuiApplication.clipboard().text() == "Ivan Petrov"
    with qtbot.waitSignal(window.history.callBackRequested) as asked:
        actions["Call back"].trigger()
    assert asked.args == ["+79161234567"]


def test_window_fits_a_small_screen(desk: Any, qtbot: Any) -> None:
    window, _bridge, _client = desk
    free = window.screen().availableGeometry()
    window.resize(440, free.height() + 400)
    window.fit_screen()
    assert window.height() <= free.height()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_card_state_fits_440_px_in_both_languages(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock, qapp: Any, language: str
) -> None:
    from callpanel.store.settings import Language
    from callpanel.ui.i18n import Translations

    translations = Translations(qapp)
    translations.install(Language(language))
    try:
        bridge, _client = fake_bridge(clock)
        window = MainWindow(bridge, clock=clock)
        window.setStyleSheet(STYLE)
        qtbot.addWidget(window)
        bridge.start(ConnectionConfig(), ClientConfig(answer_strategy=AnswerStrategy.PHONE_NOTIFY))
        qtbot.waitUntil(lambda: bridge.status.state is LinkState.CONNECTED)
        window.resize(440, 680)
        window.show()
        qtbot.waitExposed(window)
        store = bridge.store
        store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", LONG))
        card = window.call_widgets["c1"]

        def fits() -> bool:
            return all(
                inside(w, window) for w in (card, card.timer_label, card.hangup_button)
            )

        qtbot.waitUntil(fits)  # ringing
        store.apply(CommutationStarted("c1"))
        qtbot.waitUntil(fits)  # talking
        store.apply(PutHoldAction("c1", HoldBy.OPERATOR))
        qtbot.waitUntil(fits)  # on hold
        card.set_consulting(True)  # an attended transfer: Cancel and Complete
        qtbot.waitUntil(fits)
        assert inside(card.transfer_button, window) and inside(card.hold_button, window)
    finally:
        translations.install(Language.EN)


def test_reasons_are_russian_in_russian(qapp: Any) -> None:
    from callpanel.calls.policy import Command, Denial, Reason
    from callpanel.store.settings import Language
    from callpanel.ui.i18n import Translations
    from callpanel.ui.reasons import denial_text

    translations = Translations(qapp)
    translations.install(Language.RU)
    try:
        assert denial_text(Denial(Command.ANSWER, Reason.NOT_CONNECTED)) == "Нет связи с Asterisk"
        text = denial_text(Denial(Command.ANSWER, Reason.NO_ANSWER_STRATEGY))
        assert text.startswith("Снимите трубку")
    finally:
        translations.install(Language.EN)
