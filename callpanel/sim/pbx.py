"""``SimPbx``: the simulated Asterisk as one object — AMI server, PBX model, phones, demo."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from . import events as ev
from .actions import ActionContext
from .config import PhoneAnswer, RemoteBehaviour, SimConfig
from .events import SimEvent
from .flows import MAIN_NUMBER, PhoneSettings
from .model import SimError
from .server import AmiServer
from .state import Channel
from .transfers import Pbx

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SimCall:
    """An external call into the PBX: its trunk channel at creation."""

    number: str
    name: str
    uniqueid: str
    channel: str


class SimPhone:
    """A handset: what its user does (answer, reject, hold, hang up, dial)."""

    def __init__(self, sim: SimPbx, endpoint: str) -> None:
        self.sim = sim
        self.endpoint = endpoint

    @property
    def settings(self) -> PhoneSettings:
        return self.sim.pbx.phones[self.endpoint]

    def set_answer(self, mode: PhoneAnswer, delay: float = 2.0) -> None:
        """How the person at this phone reacts to a ring (before time_scale)."""
        self.settings.answer, self.settings.delay = mode, delay

    def channels(self) -> list[Channel]:
        return self.sim.pbx.channels_of(self.endpoint)

    def _talking(self) -> Channel:
        up = [c for c in self.channels() if c.state == 6]
        active = [c for c in up if not c.held]
        if active:
            return active[-1]
        if up:
            return up[-1]
        raise SimError(f"{self.endpoint} has no call")

    async def answer(self) -> None:
        leg = self.sim.pbx.ringing_leg(self.endpoint)
        if leg is None:
            raise SimError(f"{self.endpoint} is not ringing")
        self.sim.pbx.answer_leg(leg)

    async def reject(self) -> None:
        leg = self.sim.pbx.ringing_leg(self.endpoint)
        if leg is None:
            raise SimError(f"{self.endpoint} is not ringing")
        self.sim.pbx.reject_leg(leg, 17)

    async def hold(self) -> None:
        active = [c for c in self.channels() if c.state == 6 and not c.held]
        if not active:
            raise SimError(f"{self.endpoint} has no call to hold")
        self.sim.pbx.hold(active[-1])

    async def unhold(self) -> None:
        held = [c for c in self.channels() if c.held]
        if not held:
            raise SimError(f"{self.endpoint} has no held call")
        self.sim.pbx.unhold(held[-1])

    async def hangup(self) -> None:
        """Hang up the active call (a ringing-only phone declines with 486 instead)."""
        try:
            ch = self._talking()
        except SimError:
            await self.reject()
            return
        self.sim.pbx.hangup(ch, 16)

    async def dial(self, exten: str) -> Channel:
        """The phone calls ``exten`` in context ``internal`` (recording 14)."""
        pbx = self.sim.pbx
        number = self.endpoint.split("/", 1)[1]
        ch = pbx.new_inbound(
            self.endpoint, cid_num=number, cid_name=f"Operator {number}", exten=exten
        )
        ch.dnid = exten
        pbx.run_exten(ch, "internal", exten)
        return ch


class _Timer:
    """A model timer; cancelling it also forgets it (long demo runs must not pile them up)."""

    def __init__(self, registry: set[_Timer]) -> None:
        self.registry = registry
        self.handle: asyncio.Handle | None = None

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
        self.registry.discard(self)


class SimPbx:
    def __init__(self, config: SimConfig | None = None) -> None:
        self.config = config or SimConfig()
        self.dialect = self.config.dialect_info
        self._timers: set[_Timer] = set()
        self.pbx = self._new_pbx()
        self.server = AmiServer(self.config, self._context, self._run_model, self._uptime)
        self.event_log: list[SimEvent] = []  # every broadcast, for tests and debugging
        self._demo: asyncio.Task[None] | None = None
        self._booted = time.monotonic()
        self._loop: asyncio.AbstractEventLoop | None = None

    def _new_pbx(self) -> Pbx:
        return Pbx(self.config, self._broadcast, self._schedule)

    # -- plumbing -------------------------------------------------------------------------------

    def _broadcast(self, event: SimEvent) -> None:
        self.event_log.append(event)
        if len(self.event_log) > 20000:
            del self.event_log[:10000]
        self.server.broadcast(event)

    def _schedule(self, delay: float, fn: Callable[[], None]) -> _Timer:
        timer = _Timer(self._timers)
        loop = asyncio.get_running_loop()

        def act() -> None:
            self._timers.discard(timer)
            self._run_model(fn)

        def fire() -> None:
            # One more turn of the loop first. A scenario's step due earlier (its
            # asyncio.sleep ended in this same turn, because the loop was late on a busy
            # machine) resumes only in the next turn; acting now would let the later deadline
            # win (e.g. a ring timing out before the caller's scripted hang-up).
            timer.handle = loop.call_soon(act)

        timer.handle = loop.call_later(delay, fire)
        self._timers.add(timer)
        return timer

    def _run_model(self, fn: Callable[[], None]) -> None:
        """A model step must never kill a session or the loop: log and carry on."""
        try:
            fn()
        except SimError as exc:
            log.info("sim: %s", exc)
        except Exception:
            log.exception("sim: model step failed")

    @property
    def pending_timers(self) -> int:
        """Model timers not yet fired or cancelled (0 once everything is quiet)."""
        return len(self._timers)

    def _context(self) -> ActionContext:
        return ActionContext(self.pbx, self.dialect, self.config.line_ending.value)

    def _uptime(self) -> int:
        return max(1, int(time.monotonic() - self._booted))

    def _cancel_timers(self) -> None:
        for handle in list(self._timers):
            handle.cancel()
        self._timers.clear()

    # -- life cycle -----------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._loop = asyncio.get_running_loop()
        await self.server.start(host, port)

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def host(self) -> str:
        return self.server.host

    async def stop(self) -> None:
        self.stop_demo()
        if self._demo is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._demo
        self._cancel_timers()
        await self.server.close()

    async def drop_clients(self) -> None:
        """Cut every AMI connection at once (no Goodbye, no Shutdown)."""
        self.server.drop_clients()
        await asyncio.sleep(0)

    async def shutdown_restart(self) -> None:
        """``Event: Shutdown``, close, refuse connections for restart_delay, boot again."""
        self.server.broadcast(ev.shutdown(restart=True))
        self.server.shutting_down = True
        await asyncio.sleep(0)
        host, port = self.server.host, self.server.port
        self.stop_demo()
        self._cancel_timers()
        await self.server.close(graceful=True)  # the Shutdown event is flushed first
        await asyncio.sleep(self.config.delay(self.config.restart_delay))
        self.pbx = self._new_pbx()  # a fresh Asterisk: no channels, counters from zero
        self._booted = time.monotonic()
        await self.server.start(host, port)

    # -- the outside world ----------------------------------------------------------------------

    def phone(self, name: str) -> SimPhone:
        """``"101"``, ``"SIP/101"`` or ``"PJSIP/101"`` (mapped to the configured technology)."""
        endpoint = self._endpoint(name)
        if endpoint not in self.pbx.phones:
            raise SimError(f"no phone {name}")
        return SimPhone(self, endpoint)

    async def incoming_call(
        self, number: str, name: str, to: str = "SIP/101", *, did: str = MAIN_NUMBER
    ) -> SimCall:
        """An external caller dials in; ``to``: endpoint, ``A&B`` ring group, ``Queue/support``."""
        targets = (
            "&".join(self._endpoint(t) for t in to.split("&"))
            if not to.startswith("Queue/")
            else to
        )
        ch = self.pbx.incoming(number, name, targets, did)
        return SimCall(number, name, ch.uniqueid, ch.name)

    def _endpoint(self, name: str) -> str:
        tech, _, rest = name.partition("/")
        if rest and tech in ("SIP", "PJSIP"):
            return self.pbx.phone_endpoint(rest)
        return self.pbx.phone_endpoint(name)

    def _remote(self, call: SimCall | str) -> Channel:
        pbx = self.pbx
        if isinstance(call, SimCall):
            ch = pbx.channels.get(call.uniqueid)
        else:
            ch = pbx.find(call)
            if ch is None:  # an external number: its trunk channel
                trunk = [
                    c for c in pbx.channels_of(pbx.trunk_endpoint()) if call in (c.cid_num, c.exten)
                ]
                ch = trunk[-1] if trunk else None
        if ch is None:
            raise SimError(f"no such call: {call}")
        return ch

    async def remote_hangup(self, call: SimCall | str) -> None:
        """The external party hangs up (CANCEL while it rings, BYE when talking)."""
        ch = self._remote(call)
        if ch.uniqueid in self.pbx.caller_dials:
            self.pbx.remote_cancel(ch)
        elif ch.uniqueid in self.pbx.dials:
            self.pbx.reject_leg(ch, 16)
        else:
            self.pbx.hangup(ch, 16)

    async def remote_hold(self, call: SimCall | str) -> None:
        self.pbx.hold(self._remote(call))

    async def remote_unhold(self, call: SimCall | str) -> None:
        self.pbx.unhold(self._remote(call))

    def set_remote(self, number: str, behaviour: RemoteBehaviour) -> None:
        """What an external number does when the PBX dials it (default: answers)."""
        self.pbx.remote[number] = behaviour

    async def wait_idle(self, timeout: float = 5.0) -> None:
        """Until no channel is left (for tests)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while self.pbx.channels:
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(
                    f"channels still up: {[c.name for c in self.pbx.channels.values()]}"
                )
            await asyncio.sleep(0.005)

    # -- scripts --------------------------------------------------------------------------------

    async def play_scenario(self, name: str) -> None:
        from .scenarios import play

        await play(self, name)

    async def run_demo(self, *, interval: float | None = None, seed: int | None = None) -> None:
        """Start the demo loop in the background (stop with :meth:`stop_demo`): a call every
        ``interval`` seconds (default 12, times time_scale)."""
        from .demo import demo_loop

        if self._demo is None or self._demo.done():
            self._demo = asyncio.create_task(
                demo_loop(self, interval=interval, seed=seed), name="callpanel-sim-demo"
            )

    def stop_demo(self) -> None:
        if self._demo is not None and not self._demo.done():
            self._demo.cancel()
