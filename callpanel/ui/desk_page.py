"""The settings page of the desk: the ringtone (sound, output, volume, a test), raising the
window, starting in the tray and at login, and the global hotkeys with what stops them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QSlider,
    QWidget,
)

from ..store.settings import Settings
from .attention import Ringer, audio_outputs, multimedia_problem
from .hotkeys import HotkeyAction, check_conflicts, platform_support

HOTKEY_FIELDS = {
    HotkeyAction.ANSWER: "hotkey_answer",
    HotkeyAction.HANGUP: "hotkey_hangup",
    HotkeyAction.HOLD: "hotkey_hold",
    HotkeyAction.DIAL: "hotkey_dial",
}


class DeskPage(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DeskPage")
        self._preview: Ringer | None = None  # the test sound while it plays
        self.ring_sound = QCheckBox(self.tr("Ring when a call comes in"))
        self.ring_sound.setObjectName("RingSound")
        self.ring_sound.setChecked(settings.ring_sound)
        self.ring_device = QComboBox()
        self.ring_device.setObjectName("RingDevice")
        self.ring_device.addItem(self.tr("System default"), "")
        if settings.ring_device:
            self.ring_device.addItem(settings.ring_device, settings.ring_device)
            self.ring_device.setCurrentIndex(1)
        self._devices_listed = False  # asked when the page is first shown (it wakes the sound
        # system, which takes a moment and is not needed to change a host name)
        self.ring_volume = QSlider(Qt.Orientation.Horizontal)
        self.ring_volume.setObjectName("RingVolume")
        self.ring_volume.setRange(0, 100)
        self.ring_volume.setValue(settings.ring_volume)
        self.volume_label = QLabel()
        self.volume_label.setMinimumWidth(40)
        self.test_sound = QPushButton(self.tr("Play"))
        self.test_sound.setObjectName("TestSound")
        self.test_sound.setCheckable(True)
        self.test_sound.setToolTip(self.tr("Play the ringtone on this output at this volume"))
        self.sound_note = QLabel()
        self.sound_note.setObjectName("SoundNote")
        self.sound_note.setWordWrap(True)
        self.sound_note.setTextFormat(Qt.TextFormat.PlainText)
        self.sound_note.setVisible(False)
        self.raise_on_ring = QCheckBox(self.tr("Bring the window to the front when a call rings"))
        self.raise_on_ring.setObjectName("RaiseOnRing")
        self.raise_on_ring.setChecked(settings.raise_on_ring)
        self.start_minimized = QCheckBox(self.tr("Start in the tray"))
        self.start_minimized.setObjectName("StartMinimized")
        self.start_minimized.setChecked(settings.start_minimized)
        self.start_at_login = QCheckBox(self.tr("Start when I log in"))
        self.start_at_login.setObjectName("StartAtLogin")
        self.start_at_login.setChecked(settings.start_at_login)

        possible, why_not = platform_support()
        self.global_hotkeys = QCheckBox(
            self.tr("Global hotkeys, also while you use another program")
        )
        self.global_hotkeys.setObjectName("GlobalHotkeys")
        self.global_hotkeys.setChecked(settings.global_hotkeys and possible)
        self.global_hotkeys.setEnabled(possible)
        self.hotkey_note = QLabel(why_not)
        self.hotkey_note.setObjectName("HotkeyNote")
        self.hotkey_note.setWordWrap(True)
        self.hotkey_note.setTextFormat(Qt.TextFormat.PlainText)
        self.hotkey_note.setVisible(bool(why_not))
        self.hotkey_edits: dict[HotkeyAction, QKeySequenceEdit] = {}
        for action, field in HOTKEY_FIELDS.items():
            edit = QKeySequenceEdit(QKeySequence(getattr(settings, field)))
            edit.setObjectName(f"Hotkey_{action.value}")
            edit.setMaximumSequenceLength(1)
            edit.setClearButtonEnabled(True)
            edit.keySequenceChanged.connect(self._check_hotkeys)
            self.hotkey_edits[action] = edit
        self.hotkey_conflicts = QLabel()
        self.hotkey_conflicts.setObjectName("HotkeyConflicts")
        self.hotkey_conflicts.setStyleSheet("color: #c92a2a;")
        self.hotkey_conflicts.setWordWrap(True)
        self.hotkey_conflicts.setTextFormat(Qt.TextFormat.PlainText)

        volume_row = QHBoxLayout()
        volume_row.addWidget(self.ring_volume, 1)
        volume_row.addWidget(self.volume_label)
        volume_row.addWidget(self.test_sound)
        form = QFormLayout(self)
        form.addRow("", self.ring_sound)
        form.addRow(self.tr("Sound output"), self.ring_device)
        form.addRow(self.tr("Volume"), volume_row)
        form.addRow("", self.sound_note)
        form.addRow("", self.raise_on_ring)
        form.addRow("", self.start_minimized)
        form.addRow("", self.start_at_login)
        form.addRow("", self.global_hotkeys)
        form.addRow("", self.hotkey_note)
        names = {
            HotkeyAction.ANSWER: self.tr("Answer"),
            HotkeyAction.HANGUP: self.tr("Hang up"),
            HotkeyAction.HOLD: self.tr("Hold / take back"),
            HotkeyAction.DIAL: self.tr("Number to call"),
        }
        for action, edit in self.hotkey_edits.items():
            form.addRow(names[action], edit)
        form.addRow("", self.hotkey_conflicts)

        self.ring_volume.valueChanged.connect(self._volume_changed)
        self.ring_sound.toggled.connect(self._update)
        self.global_hotkeys.toggled.connect(self._update)
        self.test_sound.toggled.connect(self._play)
        self._volume_changed(self.ring_volume.value())
        self._update()
        self._check_hotkeys()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._devices_listed:
            self._devices_listed = True
            problem = multimedia_problem()
            if problem is not None:
                self.sound_note.setText(
                    self.tr("No sound library (%s): the system bell rings instead") % problem
                )
            self.sound_note.setVisible(problem is not None)
            self.list_devices(audio_outputs())

    def list_devices(self, devices: list[tuple[str, str]]) -> None:
        chosen = self.ring_device.currentData() or ""
        self.ring_device.clear()
        self.ring_device.addItem(self.tr("System default"), "")
        for device_id, description in devices:
            self.ring_device.addItem(description, device_id)
        if chosen and self.ring_device.findData(chosen) < 0:
            self.ring_device.addItem(self.tr("%s (not connected)") % chosen, chosen)
        self.ring_device.setCurrentIndex(max(0, self.ring_device.findData(chosen)))

    def hotkeys(self) -> dict[HotkeyAction, str]:
        return {
            action: edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
            for action, edit in self.hotkey_edits.items()
        }

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ring_sound": self.ring_sound.isChecked(),
            "ring_volume": self.ring_volume.value(),
            "ring_device": self.ring_device.currentData() or "",
            "raise_on_ring": self.raise_on_ring.isChecked(),
            "start_minimized": self.start_minimized.isChecked(),
            "start_at_login": self.start_at_login.isChecked(),
            "global_hotkeys": self.global_hotkeys.isChecked(),
        }
        for action, keys in self.hotkeys().items():
            out[HOTKEY_FIELDS[action]] = keys
        return out

    def stop_preview(self) -> None:
        if self.test_sound.isChecked():
            self.test_sound.setChecked(False)

    def _volume_changed(self, value: int) -> None:
        self.volume_label.setText(f"{value} %")
        if self._preview is not None:
            self._preview.configure(value, self.ring_device.currentData() or "")

    def _update(self) -> None:
        sound = self.ring_sound.isChecked()
        for widget in (self.ring_device, self.ring_volume, self.test_sound):
            widget.setEnabled(sound)
        hotkeys = self.global_hotkeys.isChecked()
        for edit in self.hotkey_edits.values():
            edit.setEnabled(hotkeys)

    def _check_hotkeys(self) -> None:
        problems = check_conflicts(self.hotkeys())
        self.hotkey_conflicts.setText("\n".join(problems.values()))
        self.hotkey_conflicts.setVisible(bool(problems))

    def _play(self, on: bool) -> None:
        from .attention import default_ringer

        if on:
            self._preview = default_ringer(self)
            self._preview.configure(self.ring_volume.value(), self.ring_device.currentData() or "")
            self._preview.start()
            self.test_sound.setText(self.tr("Stop"))
        else:
            if self._preview is not None:
                self._preview.stop()
            self._preview = None
            self.test_sound.setText(self.tr("Play"))
