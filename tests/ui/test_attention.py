"""Attention for a busy or minimized operator (issue 15, major 5): the ringtone plays while an
incoming call rings and stops when none does, the window is flagged urgent or raised, DND and
mute keep it silent; changed settings reconnect only when the link needs it."""

from __future__ import annotations

import wave
from typing import Any

import pytest
import qasync
from PySide6.QtWidgets import QApplication, QWidget

from callpanel.asterisk.status import LinkState
from callpanel.calls.events import (
    CallState,
    CommutationStarted,
    Direction,
    EndReason,
    RingFinished,
    RingStarted,
)
from callpanel.store.settings import Settings
from callpanel.ui.attention import RING_WAV, Attention, AttentionSettings

from .conftest import SilentRinger, make_call, run
from .test_controller import make_panel


@pytest.fixture
def alerts(monkeypatch: pytest.MonkeyPatch) -> list[QWidget]:
    flagged: list[QWidget] = []
    monkeypatch.setattr(QApplication, "alert", lambda w, _ms=0: flagged.append(w))
    return flagged


def test_bundled_ringtone_is_short_and_valid() -> None:
    with wave.open(str(RING_WAV)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
    assert 1.0 <= seconds <= 3.0
    assert RING_WAV.stat().st_size < 100_000


def test_rings_while_any_incoming_call_rings(qtbot: Any, alerts: list[QWidget]) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    ringer = SilentRinger()
    attention = Attention(window, settings=AttentionSettings(volume=40), ringer=ringer)
    assert ringer.volume == 40
    attention.call_changed(make_call("c1"))
    attention.call_changed(make_call("c2", number="+79031112233"))
    assert ringer.playing() and ringer.starts == 1
    assert alerts == [window, window]  # each new ring flags the window (not active)
    attention.call_changed(make_call("c1", state=CallState.TALKING, answered_at=1.0))
    assert ringer.playing()  # c2 still rings
    attention.call_gone(make_call("c2"))
    assert not ringer.playing()
    # an outgoing call that rings at the other end is not ours to answer
    attention.call_changed(make_call("c3", direction=Direction.OUTGOING))
    assert not ringer.playing()


def test_mute_and_do_not_disturb_keep_it_silent(qtbot: Any, alerts: list[QWidget]) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    ringer = SilentRinger()
    attention = Attention(window, settings=AttentionSettings(sound=False), ringer=ringer)
    attention.call_changed(make_call("c1"))
    assert not ringer.playing() and alerts == [window]  # muted: still flagged
    attention.configure(AttentionSettings(sound=True))
    assert ringer.playing()
    attention.set_dnd(True)
    assert not ringer.playing()
    attention.call_changed(make_call("c2", number="+79031112233"))
    assert not ringer.playing() and alerts == [window]  # DND: not even flagged
    attention.set_dnd(False)
    assert ringer.playing()


def test_raise_on_ring(qtbot: Any, alerts: list[QWidget]) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    attention = Attention(
        window, settings=AttentionSettings(raise_window=True), ringer=SilentRinger()
    )
    assert not window.isVisible()
    attention.call_changed(make_call("c1"))
    assert window.isVisible()


def test_panel_rings_through_the_bridge(
    qtbot: Any, aloop: qasync.QEventLoop, alerts: list[QWidget], silent_ringer: list[SilentRinger]
) -> None:
    panel = make_panel(qtbot, settings=Settings(ring_volume=30))
    panel.start()
    qtbot.waitUntil(lambda: panel.bridge.status.state is LinkState.CONNECTED)
    assert silent_ringer == []  # nothing loaded before the first ring
    panel.bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "Ivan"))
    (ringer,) = silent_ringer
    assert ringer.playing() and ringer.volume == 30
    assert alerts == [panel.window]
    panel.bridge.store.apply(CommutationStarted("c1"))
    assert not ringer.playing()
    panel.bridge.store.apply(RingStarted("c2", Direction.INCOMING, "+79031112233", "Olga"))
    assert ringer.playing()
    panel.bridge.store.apply(RingFinished("c2", EndReason.MISSED))
    assert not ringer.playing()
    run(qtbot, panel.shutdown(timeout=1))


def test_settings_reconnect_only_when_the_link_needs_it(
    qtbot: Any, aloop: qasync.QEventLoop
) -> None:
    panel = make_panel(qtbot)
    panel.start()
    qtbot.waitUntil(lambda: panel.bridge.status.state is LinkState.CONNECTED)
    manager = panel.bridge.manager
    panel.bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "Ivan"))
    panel.bridge.store.apply(CommutationStarted("c1"))
    panel.apply_settings(panel.settings.replace(ring_volume=10, raise_on_ring=True), None)
    assert panel.bridge.manager is manager and len(panel.window.call_widgets) == 1
    assert panel.desk.attention is not None and panel.desk.attention.settings.volume == 10
    panel.apply_settings(panel.settings.replace(endpoints=("PJSIP/202",)), None)
    qtbot.waitUntil(lambda: panel.bridge.manager not in (None, manager))
    qtbot.waitUntil(lambda: panel.bridge.status.state is LinkState.CONNECTED)
    assert panel.window.conn_bar.endpoint.text() == "Your phone: PJSIP/202"
    run(qtbot, panel.shutdown(timeout=1))


@pytest.mark.qt_log_ignore(r".*")  # no sound device here: QtMultimedia says so
def test_sound_ringer_loops_the_bundled_wav(qtbot: Any) -> None:
    pytest.importorskip("PySide6.QtMultimedia", exc_type=ImportError)
    from PySide6.QtMultimedia import QSoundEffect

    from callpanel.ui.attention import SoundRinger

    ringer = SoundRinger()
    ringer.configure(50, "no-such-device")
    assert ringer.effect.source().toLocalFile() == str(RING_WAV)
    assert ringer.effect.loopCount() == QSoundEffect.Loop.Infinite.value
    assert ringer.effect.volume() == pytest.approx(0.5)
    ringer.start()
    assert ringer.playing()
    ringer.stop()
    assert not ringer.playing()
