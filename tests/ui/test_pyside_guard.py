"""PySide6 6.12.0's ``SignalInstance.emit()`` returned True without a new reference: every
emit took one from True and a long-running panel aborted with ``bool_dealloc``. pyproject pins
a release without it; this fails if an installed PySide6 brings the bug back."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(int)


def test_signal_emit_keeps_the_reference_count_of_true(qapp: Any) -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(200):
        emitter.fired.emit(n)
    assert received == list(range(200))
    assert sys.getrefcount(True) - before > -50  # a leak would be -200
