"""How calls are answered, as the operator meets it: on the first start (and from the ☰ menu) a
dialog explains the methods, greys out what the PBX cannot do with the reason, rings the phone
for a test call and saves the choice — here against the demo PBX."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import qasync

from callpanel.asterisk.answer_trial import TrialSession, TrialState
from callpanel.asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig
from callpanel.asterisk.status import LinkState
from callpanel.sim import SimConfig, SimPbx, SimUser
from callpanel.ui.answer_dialog import AnswerMethodDialog
from callpanel.ui.bridge import QtConnector

from .conftest import run
from .test_controller import make_panel

NARROW = SimUser("narrow", "narrow-secret", write=frozenset({"call", "originate", "reporting"}))
WAIT = 5000


@pytest.fixture
def sim(qtbot: Any, aloop: qasync.QEventLoop) -> Iterator[SimPbx]:
    pbx = SimPbx(SimConfig(time_scale=0.01, extra_users=(NARROW,), originate_answer_delay=None))
    run(qtbot, pbx.start(host="127.0.0.1", port=0))
    yield pbx
    run(qtbot, pbx.stop())


def dialog_for(
    qtbot: Any, sim: SimPbx, user: str = "callpanel", **client: Any
) -> tuple[AnswerMethodDialog, QtConnector]:
    secret = "callpanel-secret" if user == "callpanel" else "narrow-secret"
    connection = ConnectionConfig(port=sim.port, username=user, secret=secret)
    spawner = QtConnector()
    dialog = AnswerMethodDialog(
        AnswerStrategy.NONE,
        session_source=lambda: TrialSession(
            connection, ClientConfig(endpoints=("SIP/101",), **client)
        ),
        spawn=lambda coro: spawner.spawn(coro, name="test"),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.assessment is not None, timeout=WAIT)
    return dialog, spawner


def close(qtbot: Any, dialog: AnswerMethodDialog) -> None:
    dialog.reject()
    qtbot.waitUntil(lambda: dialog.session is None, timeout=WAIT)


def test_what_the_pbx_cannot_do_is_greyed_out_with_the_reason(qtbot: Any, sim: SimPbx) -> None:
    dialog, _spawner = dialog_for(qtbot, sim, "narrow", autoanswer_context="no-such-context")
    notify = dialog.radios[AnswerStrategy.PHONE_NOTIFY]
    bridge = dialog.radios[AnswerStrategy.PBX_BRIDGE]
    assert not notify.isEnabled() and not bridge.isEnabled()
    assert dialog.radios[AnswerStrategy.NONE].isEnabled()
    assert dialog.reasons[AnswerStrategy.PHONE_NOTIFY].text() == (
        "Not possible here: this AMI user may not run SIPnotify (write class “system” in "
        "manager.conf). Ask the PBX administrator."
    )
    assert "“no-such-context”" in dialog.reasons[AnswerStrategy.PBX_BRIDGE].text()
    assert dialog.reasons[AnswerStrategy.PBX_BRIDGE].isVisible()
    assert not dialog.reasons[AnswerStrategy.NONE].isVisible()
    assert dialog.test_button.isEnabled()  # the handset method can still be tried
    close(qtbot, dialog)


def test_a_test_call_answered_from_the_panel_then_the_choice(qtbot: Any, sim: SimPbx) -> None:
    dialog, _spawner = dialog_for(qtbot, sim)
    assert all(radio.isEnabled() for radio in dialog.radios.values())
    dialog.radios[AnswerStrategy.PHONE_NOTIFY].setChecked(True)
    assert not dialog.answer_button.isVisible()
    qtbot.mouseClick(dialog.test_button, qtbot_left())
    qtbot.waitUntil(lambda: dialog.answer_button.isEnabled(), timeout=WAIT)
    assert dialog.status.text() == "Your phone rings: press “Answer from the panel”."
    assert sim.pbx.ringing_leg("SIP/101") is not None  # a real call to the phone
    assert not dialog.radios[AnswerStrategy.NONE].isEnabled()  # no switching mid-test
    qtbot.mouseClick(dialog.answer_button, qtbot_left())
    assert dialog.trial is not None
    qtbot.waitUntil(lambda: dialog.trial.status.state is TrialState.ANSWERED, timeout=WAIT)  # type: ignore[union-attr]
    assert dialog.status.text().startswith("Your phone picked up when the panel told it to")
    qtbot.mouseClick(dialog.end_button, qtbot_left())
    qtbot.waitUntil(lambda: dialog.trial.status.state is TrialState.ENDED, timeout=WAIT)  # type: ignore[union-attr]
    assert dialog.status.text() == "The test call has ended."
    assert dialog.test_button.isEnabled() and not dialog.end_button.isVisible()
    with qtbot.waitSignal(dialog.chosen) as chosen:
        qtbot.mouseClick(dialog.use_button, qtbot_left())
    assert chosen.args == [AnswerStrategy.PHONE_NOTIFY]
    qtbot.waitUntil(lambda: dialog.session is None, timeout=WAIT)


def test_closing_during_a_test_call_hangs_it_up(qtbot: Any, sim: SimPbx) -> None:
    dialog, _spawner = dialog_for(qtbot, sim)
    qtbot.mouseClick(dialog.test_button, qtbot_left())
    qtbot.waitUntil(lambda: dialog.status.text() == "Your phone rings: pick it up.", timeout=WAIT)
    assert sim.pbx.ringing_leg("SIP/101") is not None
    close(qtbot, dialog)
    qtbot.waitUntil(lambda: sim.pbx.ringing_leg("SIP/101") is None, timeout=WAIT)


def test_first_start_asks_and_the_choice_is_saved(qtbot: Any, sim: SimPbx) -> None:
    sessions: list[tuple[ConnectionConfig, ClientConfig]] = []

    def factory(connection: ConnectionConfig, client: ClientConfig) -> TrialSession:
        sessions.append((connection, client))  # the panel's (fake) server is not the sim's
        return TrialSession(ConnectionConfig(port=sim.port, secret="callpanel-secret"), client)

    panel = make_panel(qtbot, first_run=True, trial_factory=factory)
    panel.start()
    qtbot.waitUntil(lambda: panel.answer_dialog is not None, timeout=WAIT)
    dialog = panel.answer_dialog
    assert dialog is not None and dialog.radios[AnswerStrategy.NONE].isChecked()
    assert sessions[0][1].endpoints == panel.settings.endpoints
    assert sessions[0][0].secret == "s3cret"
    qtbot.waitUntil(lambda: dialog.assessment is not None, timeout=WAIT)
    dialog.radios[AnswerStrategy.PBX_BRIDGE].setChecked(True)
    dialog.use_button.click()
    assert panel.settings.answer_strategy is AnswerStrategy.PBX_BRIDGE
    assert panel.settings.answer_method_chosen is True
    qtbot.waitUntil(lambda: panel.answer_dialog is None, timeout=WAIT)
    # asked once: a reconnect does not ask again; the menu does
    panel.bridge.manager.publish(LinkState.CONNECTED)  # type: ignore[union-attr]
    assert panel.answer_dialog is None
    panel.window.desk_actions.answer_method.trigger()
    assert panel.answer_dialog is not None
    assert panel.answer_dialog.radios[AnswerStrategy.PBX_BRIDGE].isChecked()
    run(qtbot, panel.shutdown(timeout=1))
    assert panel.answer_dialog is None or panel.answer_dialog.session is None


def qtbot_left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
