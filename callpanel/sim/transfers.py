"""Blind and attended transfer, Redirect, Bridge and Park: recordings 09 and 10, docs/AMI.md §5.

:class:`Pbx` is the complete simulated PBX model (synchronous; the asyncio layer drives it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import events as ev
from .config import SimConfig
from .dialplan import Dialplan
from .events import SimEvent
from .model import Schedule, SimError
from .state import Bridge, Channel


@dataclass(eq=False)
class Consultation:
    """An Atxfer in progress: the transferer talks to the target in its own bridge."""

    transferer: Channel
    held_bridge: Bridge  # the transferee waits here with music on hold
    consult_bridge: Bridge
    one: Channel  # Local/<target>@<context>;1, in the consultation bridge
    two: Channel


@dataclass(frozen=True)
class RedirectTarget:
    channel: Channel
    context: str
    exten: str
    priority: int = 1


class Pbx(Dialplan):
    def __init__(self, config: SimConfig, emit: Callable[[SimEvent], None], schedule: Schedule):
        super().__init__(config, emit, schedule)
        self.consultations: dict[str, Consultation] = {}  # by transferer Uniqueid

    # -- blind transfer ---------------------------------------------------------------------------

    def check_blind_transfer(self, ch: Channel, context: str, exten: str) -> None:
        if not self.peers(ch):
            raise SimError("Transfer invalid")
        if not self.exists(context, exten):
            raise SimError("Transfer failed")

    def blind_transfer(self, ch: Channel, context: str, exten: str) -> None:
        """The transferer leaves; its peers run ``exten@context`` (recording 09)."""
        br = ch.bridge
        peers = self.peers(ch)
        if br is None or not peers or ch.gone:
            return
        ch.held = False
        self.emit(ev.call_event("Unhold", ch))  # Asterisk unholds the transferee first
        transferee = peers[0]
        self.emit(
            SimEvent(
                "BlindTransfer",
                "call",
                (
                    ("Result", "Success"),
                    *ev.channel_block(ch, "Transferer"),
                    *ev.channel_block(transferee, "Transferee"),
                    *ev.bridge_block(br),
                    ("IsExternal", "Yes"),
                    ("Context", context),
                    ("Extension", exten),
                ),
            )
        )
        self.leave(ch)
        ch.gone = True
        self.emit(ev.hangup(ch, 16, self.dialect))
        self.channels.pop(ch.uniqueid, None)
        self.update_device(ch.endpoint)
        super().channel_gone(ch, 16)
        for peer in peers:
            self.stop_moh(peer)
            self.goto(peer, context, exten)
            self.leave(peer)
        self.destroy_bridge(br)
        for peer in peers:
            self.run_exten(peer, context, exten)

    # -- attended transfer ------------------------------------------------------------------------

    def atxfer(self, ch: Channel, context: str, exten: str) -> None:
        """Emulated ``*2`` + digits: hold the peer, consult ``exten`` over a Local channel (10)."""
        held = ch.bridge
        if held is None or ch.gone or ch.uniqueid in self.consultations:
            return  # without a bridge the feature digits are plain DTMF
        for digit in "*2":
            self.emit(ev.dtmf_end(ch, digit))
        ch.held = True
        self.emit(ev.call_event("Hold", ch))
        for peer in self.peers(ch):
            self.start_moh(peer)
        for digit in exten:
            self.emit(ev.dtmf_end(ch, digit))
        one, two = self.new_local_pair(exten, context, ch.linkedid, None, None)
        consult = self.create_bridge()
        self.set_callerid(two, ch.cid_num, ch.cid_name)
        self.emit(
            SimEvent(
                "LocalBridge",
                "call",
                (
                    *ev.channel_block(one, "LocalOne"),
                    *ev.channel_block(two, "LocalTwo"),
                    ("Context", context),
                    ("Exten", exten),
                    ("LocalOptimization", "Yes"),
                ),
            )
        )
        self.consultations[ch.uniqueid] = Consultation(ch, held, consult, one, two)
        self.set_connected(one, ch.cid_num, ch.cid_name)
        self.enter(consult, one)
        self.leave(ch)  # no dissolve: the transferee stays in its bridge with music
        self.enter(consult, ch)
        self.set_connected(ch, "", "")
        self.goto(two, context, exten)
        two.dialplan = True
        if exten in ("101", "102") and context == "internal":
            target = self.phone_endpoint(exten)

            def answered(first: Channel) -> None:
                """The target answered: the transferer already shows it as connected."""

            self.local_dial(
                one,
                two,
                target,
                auto=None,
                timeout=None,
                answered=answered,
                failed=lambda s, c: None,
                announce=self.dialect.dial_state,  # 13 shows no DialEnd for the ;1 half
                mirror_callerid=True,
            )
            if not one.gone:
                callee = next(
                    (c for c in self.channels_of(target) if c.linkedid == ch.linkedid), None
                )
                if callee is not None:
                    self.set_connected(ch, callee.cid_num, callee.cid_name)
        else:
            self.run_exten(two, context, exten)
            self.set_state(one, 6)

    def cancel_atxfer(self, ch: Channel) -> None:
        """``atxferabort``: the consultation ends and the transferer returns to the held party."""
        consult = self.consultations.get(ch.uniqueid)
        if consult is None:
            return
        for digit in "*1":
            self.emit(ev.dtmf_end(ch, digit))
        self.hangup(consult.one, 16, request=True)

    def hangup(
        self, ch: Channel, cause: int = 16, *, request: bool = True, request_cause: int | None = 16
    ) -> None:
        consult = self.consultations.get(ch.uniqueid)
        done: Channel | None = None
        if consult is not None and not ch.gone and ch.bridge is consult.consult_bridge:
            if request:
                self.emit(ev.hangup_request(ch, request_cause))
            done = self._complete_atxfer(consult)
            request = False
        super().hangup(ch, cause, request=request, request_cause=request_cause)
        if done is not None and consult is not None:  # identities travel after the merge
            target = next((p for p in self.peers(consult.two) if not p.gone), None)
            if target is not None:
                self.set_connected(target, done.cid_num, done.cid_name)
            if not consult.two.gone:
                self.set_callerid(consult.two, done.cid_num, done.cid_name)

    def _complete_atxfer(self, c: Consultation) -> Channel | None:
        """The transferer hangs up: merge the consultation into the held bridge (recording 10)."""
        del self.consultations[c.transferer.uniqueid]
        op = c.transferer
        self.leave(op)
        op.held = False
        transferees = [t for t in c.held_bridge.channels if not t.gone]
        if not transferees or c.one.gone:
            self.dissolve(c.consult_bridge)
            return None
        for peer in transferees:
            self.stop_moh(peer)
        self.emit(
            SimEvent(
                "BridgeMerge",
                "call",
                (*ev.bridge_block(c.held_bridge, "To"), *ev.bridge_block(c.consult_bridge, "From")),
            )
        )
        self.enter(c.held_bridge, c.one)  # leaves the consultation bridge first
        transferee = transferees[0]
        self.set_connected(c.one, transferee.cid_num, transferee.cid_name)
        self.set_connected(transferee, c.two.con_num, c.two.con_name)
        target = (
            ev.channel_block(c.one, "TransferTarget") if self.dialect.transfer_target_block else []
        )
        self.emit(
            SimEvent(
                "AttendedTransfer",
                "call",
                (
                    ("Result", "Success"),
                    *ev.channel_block(op, "OrigTransferer"),
                    *ev.bridge_block(c.held_bridge, "Orig"),
                    *ev.channel_block(op, "SecondTransferer"),
                    *ev.bridge_block(c.consult_bridge, "Second"),
                    *ev.channel_block(transferee, "Transferee"),
                    *target,
                    ("IsExternal", "No"),
                    ("DestType", "Bridge"),
                    ("DestBridgeUniqueid", c.held_bridge.uniqueid),
                ),
            )
        )
        self.destroy_bridge(c.consult_bridge)
        return transferee

    def after_bridge(self, ch: Channel) -> None:
        consult = self.consultations.pop(ch.uniqueid, None)
        if consult is not None and consult.held_bridge.channels:
            self.enter(consult.held_bridge, ch)  # the consultation ended: back to the caller
            if ch.held:
                self.unhold(ch)
            return
        super().after_bridge(ch)

    # -- Redirect ---------------------------------------------------------------------------------

    def check_redirect(self, target: RedirectTarget) -> None:
        if target.channel.uniqueid in self.dials:
            raise SimError("Redirect failed, channel not up.")

    def redirect(self, targets: list[RedirectTarget]) -> None:
        """Move one or two channels to new dialplan; a bridge they leave dissolves (§5.3)."""
        movers = [t for t in targets if not t.channel.gone]
        left: list[Bridge] = []
        for t in movers:
            ch = t.channel
            self.consultations.pop(ch.uniqueid, None)
            self.cancel_dial(ch, 26)
            self.stop_moh(ch)
            if ch.parked_space is not None:
                self.parked.pop(ch.parked_space, None)
                ch.parked_space = None
            br = self.leave(ch)
            if br is not None and br not in left:
                left.append(br)
        for br in left:
            self.dissolve(br)
        for t in movers:
            t.channel.held = False
            self.run_exten(t.channel, t.context, t.exten, t.priority)
