"""UI test set-up: a qasync loop that is 'already running' (Qt's nested loops in qtbot.wait*
drive it, TESTS.md §2.3), a controllable clock, and call factories."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from callpanel.calls.events import CallState, Direction, HoldBy
from callpanel.calls.model import Call

T = TypeVar("T")


class FakeClock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def aloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    # Nothing may outlive a test: cancel what is left and let it finish inside Qt's loop.
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        gathered = asyncio.gather(*pending, return_exceptions=True)
        deadline = loop.time() + 3
        while not gathered.done() and loop.time() < deadline:
            qapp.processEvents()
    asyncio.events._set_running_loop(None)
    try:
        qapp.aboutToQuit.disconnect(loop._after_run_forever)
    except (RuntimeError, TypeError):
        pass
    loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
    loop.close()
    asyncio.set_event_loop(None)


def run(qtbot: Any, coro: Coroutine[Any, Any, T], timeout: int = 5000) -> T:
    """Run a coroutine on the qasync loop from a sync test; Qt's loop drives it."""
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def make_call(
    call_id: str = "c1",
    *,
    direction: Direction = Direction.INCOMING,
    state: CallState = CallState.RINGING,
    number: str = "+79161234567",
    name: str = "Ivan Petrov",
    started_at: float = 1_000_000.0,
    answered_at: float | None = None,
    held_by: HoldBy | None = None,
) -> Call:
    return Call(
        call_id=call_id,
        direction=direction,
        state=state,
        number=number,
        name=name,
        internal=False,
        started_at=started_at,
        answered_at=answered_at,
        ended_at=None,
        end_reason=None,
        held_by=held_by,
    )


UI_DIR = __file__.rsplit("/", 1)[0]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The offscreen platform warns that it cannot propagate size hints or raise windows; that
    # is the test platform's limit, not a bug in the panel (qt_log_level_fail = WARNING).
    for item in items:
        if str(item.path).startswith(UI_DIR):
            item.add_marker(pytest.mark.qt_log_ignore(r"This plugin does not support"))


class SilentRinger:
    """Stands in for the ringtone: records what it was asked (no sound device in tests)."""

    def __init__(self) -> None:
        self.volume: int | None = None
        self.device: str | None = None
        self.starts = 0
        self._on = False

    def configure(self, volume: int, device: str) -> None:
        self.volume, self.device = volume, device

    def start(self) -> None:
        self.starts += 1
        self._on = True

    def stop(self) -> None:
        self._on = False

    def playing(self) -> bool:
        return self._on


@pytest.fixture(autouse=True)
def silent_ringer(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[SilentRinger]]:
    """Panels built by tests ring into a SilentRinger (the made ones are listed)."""
    made: list[SilentRinger] = []

    def make(_parent: object = None) -> SilentRinger:
        made.append(SilentRinger())
        return made[-1]

    monkeypatch.setattr("callpanel.ui.attention.default_ringer", make)
    yield made


@pytest.fixture(autouse=True)
def no_session_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never notify the developer's real desktop: the session bus is one that does not
    exist (test_desktop_notify starts a private one)."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/callpanel-test-bus")
