"""app_queue's AMI in, call-centre values out: members, and where a ringing call comes from.

Field names, as Asterisk 13 to 22 write them (apps/app_queue.c):

* ``QueueStatus`` list items ``QueueMember`` name the member ``Name`` and ``Location``; the
  events ``QueueMemberAdded/Removed/Pause/Status/Penalty/Ringinuse`` name it ``MemberName`` and
  ``Interface``. Both carry ``StateInterface``, ``Membership`` (dynamic / static / realtime),
  ``Penalty``, ``CallsTaken``, ``LastCall``, ``InCall``, ``Status`` (a device state 0..8),
  ``Paused`` (0/1) and ``PausedReason``. 13 lacks ``LastPause``, ``LoginTime``, ``Wrapuptime``
  (we read none of them).
* Asterisk's own pause after an unanswered call (``autopause``) has the reason ``Auto-Pause``.
* ``AgentCalled`` comes before the ``DialBegin`` to the member; its ``DestUniqueid`` is the
  member's channel. A member reached through a Local channel (``Local/101@from-queue/n``)
  is rung as ``Local/…;1``; its ``;2`` half then dials the phone, which is what the operator's
  call is made of, so the origin follows ``DialBegin`` from ``…;2`` one hop further.
* ``QueueCallerJoin`` marks the moment the caller started waiting; ``QueueEntry`` (in
  ``QueueStatus``) gives ``Wait`` seconds for callers already waiting when we logged in.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..ami import Event
from ..centre import Membership, MemberStatus

MEMBER_EVENTS = frozenset(
    {
        "QueueMemberAdded",
        "QueueMemberRemoved",
        "QueueMemberPause",
        "QueueMemberStatus",
        "QueueMemberPenalty",
        "QueueMemberRinginuse",
    }
)
ORIGIN_EVENTS = frozenset({"QueueCallerJoin", "QueueCallerLeave", "AgentCalled", "DialBegin"})
_STATUS = tuple(MemberStatus)  # app_queue's numbering: 0 unknown … 8 on hold
_MAX_ORIGINS = 1024
_LOCAL_MEMBER = re.compile(r"local/([^@/]+)@", re.IGNORECASE)
_HINT_MEMBER = re.compile(r"hint:([^@/]+)@", re.IGNORECASE)


def _int(text: str | None) -> int:
    try:
        return int((text or "0").strip())
    except ValueError:
        return 0


def member_from(event: Event) -> Membership | None:
    """A ``QueueMember`` list item or a ``QueueMember*`` event; None without queue/interface."""
    queue = event.get("Queue") or ""
    interface = event.get("Interface") or event.get("Location") or ""
    if not queue or not interface:
        return None
    status = _int(event.get("Status"))
    return Membership(
        queue=queue,
        interface=interface,
        name=event.get("MemberName") or event.get("Name") or "",
        state_interface=event.get("StateInterface") or interface,
        dynamic=(event.get("Membership") or "").lower() == "dynamic",
        paused=(event.get("Paused") or "0").strip() in ("1", "true", "yes"),
        reason=event.get("PausedReason") or "",
        penalty=_int(event.get("Penalty")),
        calls_taken=_int(event.get("CallsTaken")),
        last_call=_int(event.get("LastCall")),
        status=_STATUS[status] if 0 <= status < len(_STATUS) else MemberStatus.UNKNOWN,
        in_call=_int(event.get("InCall")) > 0,
    )


class OwnMembers:
    """Decides which members are the operator: the configured interface, the endpoints, or a
    Local/hint member named after the operator's extension (``Local/101@from-queue/n``)."""

    def __init__(self, interfaces: Sequence[str], extension: str) -> None:
        self._interfaces = {i.casefold() for i in interfaces if i}
        self._extension = extension.casefold()

    def __call__(self, m: Membership) -> bool:
        for device in (m.interface, m.state_interface):
            folded = device.casefold()
            if folded in self._interfaces:
                return True
            if self._extension:
                found = _LOCAL_MEMBER.match(folded) or _HINT_MEMBER.match(folded)
                if found and found.group(1) == self._extension:
                    return True
        return False


@dataclass(frozen=True, slots=True)
class Origin:
    queue: str
    joined_at: float


class QueueOrigins:
    """Remembers which queue each waiting caller is in, and which channels it rings."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._callers: OrderedDict[str, Origin] = OrderedDict()  # caller Uniqueid
        self._rung: OrderedDict[str, Origin] = OrderedDict()  # member channel Uniqueid / name

    def handle(self, event: Event) -> None:
        name = event.name
        if name == "QueueCallerJoin":
            uid, queue = event.get("Uniqueid"), event.get("Queue")
            if uid and queue:
                self._remember(self._callers, uid, Origin(queue, self._time(event)))
        elif name == "QueueCallerLeave":
            pass  # still needed: AgentConnect and the member's ring come around this time
        elif name == "AgentCalled":
            origin = self._caller_origin(event)
            for key in (event.get("DestUniqueid"), event.get("DestChannel")):
                if key and origin is not None:
                    self._remember(self._rung, key, origin)
        elif name == "DialBegin":
            self._follow_local(event)

    def queue_entry(self, item: Event) -> None:
        """A ``QueueEntry`` of a QueueStatus snapshot: a caller already waiting."""
        uid, queue = item.get("Uniqueid"), item.get("Queue")
        if uid and queue:
            joined = self._clock() - max(0, _int(item.get("Wait")))
            self._remember(self._callers, uid, Origin(queue, joined))

    def forget(self, uniqueid: str, channel: str = "") -> None:
        self._callers.pop(uniqueid, None)
        self._rung.pop(uniqueid, None)
        if channel:
            self._rung.pop(channel, None)

    def origin_of(self, channel_uid: str, caller_uid: str | None = None) -> Origin | None:
        """The queue behind a ringing member channel (or, failing that, behind its caller)."""
        found = self._rung.get(channel_uid)
        if found is None and caller_uid:
            found = self._callers.get(caller_uid)
        return found

    def waited(self, origin: Origin, event: Event | None = None) -> int:
        now = self._time(event) if event is not None else self._clock()
        return max(0, round(now - origin.joined_at))

    def _caller_origin(self, event: Event) -> Origin | None:
        uid = event.get("Uniqueid") or ""
        known = self._callers.get(uid)
        queue = event.get("Queue") or ""
        if known is not None and known.queue == queue:
            return known
        return Origin(queue, self._time(event)) if queue else known  # joined before we looked

    def _follow_local(self, event: Event) -> None:
        channel = event.get("Channel") or ""
        if not channel.endswith(";2"):
            return
        origin = self._rung.get(channel[:-1] + "1")
        if origin is None:
            return
        for key in (event.get("DestUniqueid"), event.get("DestChannel")):
            if key:
                self._remember(self._rung, key, origin)

    def _time(self, event: Event | None) -> float:
        # With ``timestampevents = yes`` Asterisk stamps every event: better than our clock.
        stamp = event.get("Timestamp") if event is not None else None
        if stamp:
            try:
                return float(stamp)
            except ValueError:
                pass
        return self._clock()

    @staticmethod
    def _remember(table: OrderedDict[str, Origin], key: str, origin: Origin) -> None:
        table[key] = origin
        table.move_to_end(key)
        while len(table) > _MAX_ORIGINS:
            table.popitem(last=False)
