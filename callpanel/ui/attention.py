"""Getting a busy or minimized operator's attention when a call rings: a ringtone (QtMultimedia,
the bundled resources/sounds/ring.wav, on the chosen output at the chosen volume), the window
flagged urgent (``QApplication.alert``: a blinking task-bar entry) and, if chosen, raised.

The ringtone plays while at least one incoming call rings and stops when the last one is
answered, rejected or gone. It is silent when muted and in Do Not Disturb (``set_dnd``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtWidgets import QApplication, QWidget

from ..calls.events import CallState, Direction
from ..calls.model import Call

log = logging.getLogger(__name__)

RING_WAV = Path(__file__).resolve().parents[2] / "resources" / "sounds" / "ring.wav"
BEEP_INTERVAL_MS = 2000


@dataclass(frozen=True)
class AttentionSettings:
    sound: bool = True
    volume: int = 80  # percent
    device: str = ""  # QAudioDevice id; "" = the default output
    raise_window: bool = False


class Ringer(Protocol):
    def configure(self, volume: int, device: str) -> None: ...
    def start(self) -> None: ...
    def stop(self) -> None: ...
    def playing(self) -> bool: ...


def audio_outputs() -> list[tuple[str, str]]:
    """(id, description) of the sound outputs; [] without QtMultimedia or sound devices."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return []
    return [
        (bytes(device.id().data()).decode("utf-8", "replace"), device.description())
        for device in QMediaDevices.audioOutputs()
    ]


def multimedia_problem() -> str | None:
    """Why the ringtone cannot play through QtMultimedia here, or None."""
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError as exc:
        return str(exc)
    return None


class SoundRinger:
    """QSoundEffect looping the bundled WAV (low latency, no decoding at ring time)."""

    def __init__(self, parent: QObject | None = None, source: Path = RING_WAV) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        self.effect = QSoundEffect(parent)
        self.effect.setSource(QUrl.fromLocalFile(str(source)))
        self.effect.setLoopCount(QSoundEffect.Loop.Infinite.value)
        self._wanted = False

    def configure(self, volume: int, device: str) -> None:
        from PySide6.QtMultimedia import QMediaDevices

        self.effect.setVolume(max(0, min(100, volume)) / 100)
        for output in QMediaDevices.audioOutputs():
            if bytes(output.id().data()).decode("utf-8", "replace") == device:
                self.effect.setAudioDevice(output)
                break
        else:
            self.effect.setAudioDevice(QMediaDevices.defaultAudioOutput())

    def start(self) -> None:
        self._wanted = True
        self.effect.play()

    def stop(self) -> None:
        self._wanted = False
        self.effect.stop()

    def playing(self) -> bool:
        """Asked to ring (the effect itself stays silent without a sound device)."""
        return self._wanted


class BeepRinger:
    """Without QtMultimedia: the desktop's bell every two seconds."""

    def __init__(self, parent: QObject | None = None) -> None:
        self.timer = QTimer(parent)
        self.timer.setInterval(BEEP_INTERVAL_MS)
        self.timer.timeout.connect(QApplication.beep)

    def configure(self, volume: int, device: str) -> None:
        pass  # the bell has neither

    def start(self) -> None:
        QApplication.beep()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def playing(self) -> bool:
        return self.timer.isActive()


def default_ringer(parent: QObject | None = None) -> Ringer:
    problem = multimedia_problem()
    if problem is None:
        try:
            return SoundRinger(parent)
        except Exception as exc:  # a broken multimedia backend must not stop the panel
            problem = str(exc)
    log.warning("no QtMultimedia (%s): the ringtone is the system bell", problem)
    return BeepRinger(parent)


class Attention(QObject):
    ringingChanged = Signal(bool)

    def __init__(
        self,
        window: QWidget,
        *,
        settings: AttentionSettings | None = None,
        ringer: Ringer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or window)
        self.window = window
        self._ringer = ringer  # made at the first ring: QtMultimedia loads only when needed
        self._settings = AttentionSettings()
        self._ringing: set[str] = set()
        self._dnd = False
        self.configure(settings or AttentionSettings())

    @property
    def settings(self) -> AttentionSettings:
        return self._settings

    @property
    def ringer(self) -> Ringer:
        if self._ringer is None:
            self._ringer = default_ringer(self)
            self._ringer.configure(self._settings.volume, self._settings.device)
        return self._ringer

    def configure(self, settings: AttentionSettings) -> None:
        self._settings = settings
        if self._ringer is not None:
            self._ringer.configure(settings.volume, settings.device)
        self._update_sound()

    def set_dnd(self, on: bool) -> None:
        """Do Not Disturb (the agent status): no ringtone, no raising; the card still shows."""
        self._dnd = on
        self._update_sound()

    @property
    def dnd(self) -> bool:
        return self._dnd

    def ringing(self) -> frozenset[str]:
        return frozenset(self._ringing)

    def call_changed(self, call: Call) -> None:
        """Every call update: an incoming call that rings wants attention, anything else not."""
        rings = call.state is CallState.RINGING and call.direction is Direction.INCOMING
        if rings and call.call_id not in self._ringing:
            self._ringing.add(call.call_id)
            self._new_ring()
        elif not rings and call.call_id in self._ringing:
            self._ringing.discard(call.call_id)
        self._update_sound()

    def call_gone(self, call: Call) -> None:
        self._ringing.discard(call.call_id)
        self._update_sound()

    def stop_all(self) -> None:
        self._ringing.clear()
        self._update_sound()

    def _new_ring(self) -> None:
        window = self.window
        if self._dnd:
            return
        if self._settings.raise_window:
            window.showNormal()
            window.raise_()
            window.activateWindow()
        if not window.isActiveWindow():
            # a blinking task-bar entry until the operator looks (0: until activated)
            QApplication.alert(window, 0)

    def _update_sound(self) -> None:
        want = bool(self._ringing) and self._settings.sound and not self._dnd
        if not want and self._ringer is None:
            return
        if want and not self.ringer.playing():
            self.ringer.start()
            self.ringingChanged.emit(True)
        elif not want and self.ringer.playing():
            self.ringer.stop()
            self.ringingChanged.emit(False)
