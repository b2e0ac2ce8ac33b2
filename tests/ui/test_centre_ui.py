"""The call centre in the window: the real panel, connector and demo PBX (as test_operator_loop).

Queue panel (memberships, pause with a reason, resume, log in), the agent-status control,
the colleague list (live states, search as you type, call, pick up refused when idle), the
queue on a ringing card, and the colleague model on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import qasync
from PySide6.QtWidgets import QTreeWidgetItem

from callpanel.asterisk.status import LinkState
from callpanel.centre import AgentState, Colleague, ColleagueState
from callpanel.sim.config import PhoneAnswer
from callpanel.ui.centre_words import incoming_title
from callpanel.ui.colleagues import ColleagueRole, ColleaguesFilter, ColleaguesModel
from callpanel.ui.format import format_duration
from callpanel.ui.queues_panel import MembershipTable

from .conftest import run
from .test_operator_loop import WAIT, Live, start_live, stop_live

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def live(qtbot: Any, aloop: qasync.QEventLoop) -> Iterator[Live]:
    world = start_live(qtbot)
    qtbot.waitUntil(lambda: world.panel.bridge.status.state is LinkState.CONNECTED, timeout=WAIT)
    yield world
    stop_live(qtbot, world)


def colleague_rows(window: Any) -> list[str]:
    proxy = window.colleagues.proxy
    return [str(proxy.data(proxy.index(i, 0))) for i in range(proxy.rowCount())]


def test_queues_status_and_colleagues_in_the_window(live: Live) -> None:
    window, qtbot = live.window, live.qtbot
    queues = window.queues
    qtbot.waitUntil(lambda: queues.table.topLevelItemCount() == 1, timeout=WAIT)
    item = queues.table.topLevelItem(0)
    assert item is not None and item.text(0) == "support" and item.text(3) == "Permanent"
    tip = item.toolTip(0)  # everything Asterisk said about it, on every column
    assert "Penalty: 0" in tip and "Calls taken: 0" in tip and tip == item.toolTip(3)
    assert not queues.logout_button.isEnabled()  # static: only the admin
    assert "only the PBX administrator" in queues.logout_button.toolTip()
    assert window.agent_status.text() == "Available"

    queues._pause("Lunch")  # the first reason of the menu
    qtbot.waitUntil(lambda: window.agent_status.text() == "Paused: Lunch", timeout=WAIT)
    item = queues.table.topLevelItem(0)
    assert item is not None and item.text(1) == "Paused: Lunch"
    qtbot.waitUntil(queues.resume_button.isEnabled, timeout=WAIT)
    queues.resume_button.click()
    qtbot.waitUntil(lambda: window.agent_status.text() == "Available", timeout=WAIT)

    window.centre.login("sales")
    qtbot.waitUntil(lambda: queues.table.topLevelItemCount() == 2, timeout=WAIT)
    window.agent_status.status_menu.dnd.trigger()
    qtbot.waitUntil(lambda: window.centre.status.state is AgentState.DND, timeout=WAIT)
    assert window.agent_status.text() == "Do not disturb"
    window.agent_status.status_menu.available.trigger()
    qtbot.waitUntil(lambda: window.centre.status.state is AgentState.AVAILABLE, timeout=WAIT)

    # colleagues: the demo's hints, live
    qtbot.waitUntil(lambda: len(colleague_rows(window)) == 5, timeout=WAIT)
    assert colleague_rows(window)[1] == "103  Мария Соколова · Free"
    window.colleagues.search.setText("мари")
    assert colleague_rows(window) == ["103  Мария Соколова · Free"]
    window.colleagues.search.setText("")
    live.sim.pbx.centre.set_colleague("104", "RINGING")
    model = window.colleagues.model
    qtbot.waitUntil(
        lambda: (
            model.colleague("104") is not None
            and model.colleague("104").state is ColleagueState.RINGING
        ),
        timeout=WAIT,
    )
    menu = window.colleagues.menu_for(model.colleague("104"))
    pickup = next(a for a in menu.actions() if a.text() == "Pick up the ringing call")
    assert pickup.isEnabled()
    idle = window.colleagues.menu_for(model.colleague("105"))
    refused = next(a for a in idle.actions() if a.text() == "Pick up the ringing call")
    assert not refused.isEnabled() and refused.toolTip() == "Nothing is ringing at 105"
    assert not window.error_bar.isVisibleTo(window), window.error_bar.text()


def test_a_queue_call_card_names_its_queue(live: Live) -> None:
    """Item 2: the queue on the ringing card, in the notification and in the history; the
    card keeps it after answering."""
    live.sim.phone("102").set_answer(PhoneAnswer.MANUAL)  # the colleague does not take it
    run(live.qtbot, live.sim.incoming_call("+79161234567", "Ivan Petrov", to="Queue/support"))
    widget = live.widget("+79161234567")
    assert "queue support" in widget.origin_label.text()
    assert widget.origin_label.isVisibleTo(widget)  # its own line, never cut behind the timer
    # the notification (shown when the window is not the active one) names the queue too
    assert incoming_title(widget.call).startswith("Incoming call from queue support")
    assert widget.call.queue == "support" and widget.call.waited_s is not None
    live.click(widget.answer_button)
    live.wait_state(widget, "Talking")
    assert "queue support" in widget.origin_label.text()  # kept after answering
    live.click(widget.hangup_button)
    live.wait_gone(widget)
    history = live.window.history
    live.qtbot.waitUntil(lambda: bool(history.rows()), timeout=WAIT)
    row = history.rows()[0]
    assert row.entry.queue == "support" and row.entry.waited_s == widget.call.waited_s
    assert "queue support" in row.meta.text()
    # how the call went comes first, where it came from last (a narrow window cuts the end)
    meta = row.meta.text().split(" · ")
    assert meta.index(format_duration(row.entry.duration or 0)) < meta.index("queue support")


def test_a_ring_group_call_names_the_number_dialled(live: Live) -> None:
    """Item 2 without a queue: the ring group's (the line's) number the caller dialled."""
    live.sim.phone("102").set_answer(PhoneAnswer.MANUAL)  # 101 takes it, not 102
    run(live.qtbot, live.sim.incoming_call("+79031112233", "Olga", to="SIP/101&SIP/102",
                                           did="74951234501"))
    widget = live.widget("+79031112233")
    assert widget.call.dialled == "74951234501" and widget.call.queue is None
    assert "to +7 495 123-45-01" in widget.origin_label.text()
    assert incoming_title(widget.call) == "Incoming call to +7 495 123-45-01"
    live.click(widget.answer_button)
    live.wait_state(widget, "Talking")
    assert "to +7 495 123-45-01" in widget.origin_label.text()
    live.click(widget.hangup_button)
    live.wait_gone(widget)
    history = live.window.history
    live.qtbot.waitUntil(lambda: bool(history.rows()), timeout=WAIT)
    assert history.rows()[0].entry.dialled == "74951234501"
    assert history.rows()[0].meta.text().endswith(" · to +7 495 123-45-01")


def colleague(ext: str, name: str = "", state: ColleagueState = ColleagueState.IDLE) -> Colleague:
    return Colleague(ext, "internal", name, (f"SIP/{ext}",), state)


def test_model_updates_rows_in_place_and_filters(qtbot: Any) -> None:
    model = ColleaguesModel()
    proxy = ColleaguesFilter()
    proxy.setSourceModel(model)
    model.reset((colleague("1000", "Zoe"), colleague("99", "Борис")))
    assert [proxy.data(proxy.index(i, 0), ColleagueRole).extension for i in range(2)] == [
        "99",
        "1000",
    ]
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))
    model.put(colleague("99", "Борис", ColleagueState.IN_CALL))
    assert changed == [0] and model.rowCount() == 2  # the model keeps extension order itself
    model.put(colleague("5"))
    model.remove("1000")
    assert model.rowCount() == 2 and model.colleague("1000") is None
    assert model.colleague("5") is not None
    proxy.set_text("бор")
    assert proxy.rowCount() == 1
    tip = model.data(model.index(0), 3)  # ToolTipRole: a name from the PBX is never markup
    assert isinstance(tip, str) and tip.startswith("<qt>")
    model.put(colleague("7", "<b>bold</b>"))
    row = [model.data(model.index(i), ColleagueRole).extension for i in range(3)].index("7")
    assert "&lt;b&gt;" in str(model.data(model.index(row), 3))


def test_call_centre_words_in_russian(qapp: Any) -> None:
    from callpanel.calls.policy import Command, Denial, Reason
    from callpanel.centre import AgentStatus
    from callpanel.store.settings import Language
    from callpanel.ui.centre_words import status_button_text, status_text
    from callpanel.ui.i18n import Translations
    from callpanel.ui.reasons import denial_text

    autopaused = AgentStatus(AgentState.PAUSED, "Auto-Pause", autopaused=True)
    translations = Translations(qapp)
    try:
        translations.install(Language.RU)
        static = Denial(Command.QUEUE_LOGOUT, Reason.STATIC_MEMBER, (("queue", "support"),))
        assert denial_text(static) == (
            "Вы постоянный участник очереди support: изменить это может только администратор АТС"
        )
        assert status_text(AgentStatus(AgentState.PAUSED, "Обед")) == "Пауза: Обед"
        assert status_text(AgentStatus(AgentState.DND)) == "Не беспокоить"
        # the header's status control: two words for Asterisk's own pause, the why in its tip
        assert status_button_text(autopaused) == "Автопауза"
    finally:
        translations.install(Language.EN)
    assert status_text(AgentStatus(AgentState.DND)) == "Do not disturb"
    assert status_button_text(autopaused) == "Paused automatically"
    assert status_text(autopaused) == "Paused automatically (a call was not answered)"
    assert status_button_text(AgentStatus(AgentState.PAUSED, "Lunch")) == "Paused: Lunch"


def test_refusals_are_said_in_the_operators_language(qtbot: Any, aloop: qasync.QEventLoop) -> None:
    """Item 8 in Russian: Asterisk's "No such queue" in words (its own text kept), and a reason
    over 79 bytes refused before anything is sent."""
    from PySide6.QtWidgets import QApplication

    from callpanel.store.settings import Language
    from callpanel.ui.i18n import Translations

    translations = Translations(QApplication.instance())  # type: ignore[arg-type]
    translations.install(Language.RU)
    try:
        world = start_live(qtbot)
        try:
            qtbot.waitUntil(
                lambda: world.panel.bridge.status.state is LinkState.CONNECTED, timeout=WAIT
            )
            bar = world.window.error_bar
            world.window.centre.login("nosuch")
            expected = (
                "Вход в очередь: такой очереди нет на АТС "
                "(Unable to add interface to queue: No such queue)"
            )
            qtbot.waitUntil(lambda: bar.text() == expected, timeout=WAIT)
            world.window.centre.pause("support", "я" * 40)  # 80 bytes
            qtbot.waitUntil(lambda: bar.text() == "Пауза: причина паузы длиннее 79 байт",
                            timeout=WAIT)
            member = world.window.centre.state.membership("support")
            assert member is not None and not member.paused  # nothing was sent
        finally:
            stop_live(qtbot, world)
    finally:
        translations.install(Language.EN)


def test_a_membership_state_gets_its_room_before_a_long_queue_name(qtbot: Any) -> None:
    """At 440 px the state ("Paused automatically") was cut while the queue's name took all
    it wanted; now the name gives way, down to half of what the two share."""
    table = MembershipTable()
    qtbot.addWidget(table)
    table.setHeaderLabels(["Queue", "State", "Calls", "Membership"])
    table.addTopLevelItem(
        QTreeWidgetItem(["corporate-clients-moscow", "Paused automatically", "3", "Dynamic"])
    )
    table.resize(416, 300)
    table.show()
    qtbot.waitExposed(table)
    header = table.header()
    qtbot.waitUntil(  # the state, whole; the name gives way
        lambda: header.sectionSize(1) >= table.sizeHintForColumn(1)
        and 0 < header.sectionSize(0) < table.sizeHintForColumn(0),
        timeout=WAIT,
    )
    table.resize(250, 300)  # very narrow: the two share what is left
    qtbot.waitUntil(
        lambda: abs(header.sectionSize(0) - header.sectionSize(1)) <= 1, timeout=WAIT
    )
    table.topLevelItem(0).setText(0, "sales")
    table.resize(416, 300)
    qtbot.waitUntil(lambda: header.sectionSize(0) >= table.sizeHintForColumn(0), timeout=WAIT)
