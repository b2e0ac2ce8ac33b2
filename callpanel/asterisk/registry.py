"""The channel registry: every live channel by Uniqueid, bridges by id, Local pairs by name.

It is the one owner of these maps (the call tracking in ``tracking.py`` reads them; a resync
replaces their contents through :meth:`ChannelRegistry.replace`). What it keeps is bounded:

* a channel is forgotten at its Hangup; hung-up Uniqueids are remembered (at most
  ``GONE_KEPT``) only so that late events cannot bring them back;
* channels that are not the operator's matter only while they may still join one of the
  operator's calls. At most ``MAX_OTHER_CHANNELS`` of them are kept: past that, the oldest ones
  no call refers to are dropped (a server that announces channels and never hangs them up, or
  a PBX far busier than one panel follows, cannot grow the panel's memory). A dropped channel
  that shows up again in a later event is simply tracked again from that event's fields.
* every text kept about a channel is cut to ``channels.MAX_TEXT`` characters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from ..ami import Event
from .channels import (
    CONNECTED,
    EVERYTHING,
    MAX_TEXT,
    PLACE,
    TEST_CALL_PREFIX,
    ChannelRecord,
    EndpointMatcher,
    block_keys,
    cap,
    local_base,
)

GONE_KEPT = 1024
MAX_OTHER_CHANNELS = 4096
_EVICT_TO = MAX_OTHER_CHANNELS * 3 // 4  # drop in batches: the scan for references is O(n)


class ChannelRegistry:
    def __init__(self, match: EndpointMatcher, in_use: Callable[[], set[str]]) -> None:
        self._match = match
        self._in_use = in_use  # Uniqueids a call still refers to (never dropped)
        self.channels: dict[str, ChannelRecord] = {}
        self.bridges: dict[str, set[str]] = {}
        self.locals: dict[str, list[str]] = {}  # Local pair base name -> Uniqueids
        self.gone: dict[str, None] = {}
        self._others: dict[str, None] = {}  # not the operator's, oldest first

    def get(self, uid: str | None) -> ChannelRecord | None:
        return self.channels.get(uid) if uid else None

    def track(self, event: Event, prefix: str = "", what: int = EVERYTHING) -> ChannelRecord | None:
        """The channel an event's block (``prefix`` e.g. ``Dest``) describes, created or
        refreshed; None without a Uniqueid or when it already hung up."""
        keys = block_keys(prefix)
        uid = event.by_key(keys.uniqueid)
        if not uid or len(uid) > MAX_TEXT:  # Asterisk's are under 150 characters
            return None
        ch = self.channels.get(uid)
        if ch is None:
            if uid in self.gone:
                return None
            name = event.by_key(keys.channel) or ""
            test_call = (event.by_key(keys.linkedid) or "").startswith(TEST_CALL_PREFIX)
            operator = self._match.is_operator(name) and not test_call
            ch = ChannelRecord.from_event(event, uid, operator, prefix)
            self._add(ch)
        elif ch.operator:
            ch.update(event, prefix, what)
        else:
            # Others matter only for who they are (caller id, name) and their state.
            ch.update(event, prefix, what & ~CONNECTED & ~PLACE if what != EVERYTHING else what)
        return ch

    def _add(self, ch: ChannelRecord) -> None:
        self.channels[ch.uniqueid] = ch
        base = local_base(ch.name)
        if base is not None:
            self.locals.setdefault(base, []).append(ch.uniqueid)
        if not ch.operator:
            self._others[ch.uniqueid] = None
            if len(self._others) > MAX_OTHER_CHANNELS:
                self._drop_unused_others()

    def _drop_unused_others(self) -> None:
        in_use = self._in_use()
        for uid in list(self._others):
            if len(self._others) <= _EVICT_TO:
                break
            ch = self.channels.get(uid)
            if ch is None:
                del self._others[uid]
            elif not ch.operator and not ch.leads_to_operator and uid not in in_use:
                self._unlink(ch)

    def forget(self, uid: str) -> ChannelRecord | None:
        """A Hangup: the channel leaves every map; its Uniqueid is remembered as gone."""
        self.gone[uid] = None
        if len(self.gone) > GONE_KEPT:
            del self.gone[next(iter(self.gone))]
        ch = self.channels.get(uid)
        if ch is not None:
            self._unlink(ch)
        return ch

    def _unlink(self, ch: ChannelRecord) -> None:
        uid = ch.uniqueid
        self.channels.pop(uid, None)
        self._others.pop(uid, None)
        if ch.bridge is not None:
            self.leave_bridge(uid, ch.bridge)
        base = local_base(ch.name)
        pair = self.locals.get(base) if base is not None else None
        if pair is not None:
            if uid in pair:
                pair.remove(uid)
            if not pair:
                del self.locals[base]  # type: ignore[arg-type]

    def enter_bridge(self, ch: ChannelRecord, bridge: str, swap: str | None) -> set[str]:
        members = self.bridges.setdefault(bridge, set())
        if swap:
            members.discard(swap)
        members.add(ch.uniqueid)
        ch.bridge = bridge
        return members

    def leave_bridge(self, uid: str, bridge: str) -> None:
        members = self.bridges.get(bridge)
        if members is not None:
            members.discard(uid)
            if not members:
                del self.bridges[bridge]
        ch = self.channels.get(uid)
        if ch is not None and ch.bridge == bridge:
            ch.bridge = None

    def destroy_bridge(self, bridge: str) -> None:
        self.bridges.pop(bridge, None)

    # -- what the call tracking and the handlers learn about a channel ---------------------

    def dialled(self, dest: ChannelRecord, by: str) -> None:
        """``dest`` was created by the Dial() of channel ``by`` ("" for nobody: Originate)."""
        dest.dialled_by = by

    def claim(self, ch: ChannelRecord) -> None:
        """A channel of ours that its name does not tell (an expect_originate leg)."""
        ch.operator = True

    def rename(self, ch: ChannelRecord, name: str) -> None:
        ch.name = cap(name)

    def assign(self, ch: ChannelRecord, call_id: str | None) -> None:
        """The call an operator channel now belongs to (None: to be found again)."""
        ch.call_id = call_id

    def call_over(self, ch: ChannelRecord) -> None:
        """An operator channel whose call ended (a transfer, say): it makes no call again."""
        ch.call_id = None
        ch.call_over = True

    def leads_to_operator(self, ch: ChannelRecord) -> None:
        """A Local half on the way to one of our real channels (kept, never shown)."""
        ch.leads_to_operator = True

    def partner(self, uid: str) -> ChannelRecord | None:
        """The other half of a Local pair."""
        ch = self.channels.get(uid)
        base = local_base(ch.name) if ch else None
        if base is None:
            return None
        for other in self.locals.get(base, ()):
            if other != uid:
                return self.channels.get(other)
        return None

    def from_listing(self, items: Iterable[Event]) -> dict[str, ChannelRecord]:
        """Channel records made from a ``CoreShowChannel`` listing, keeping from the ones we
        knew what a listing cannot tell (who dialled whom, the call, a Local pair's role)."""
        fresh: dict[str, ChannelRecord] = {}
        for item in items:
            uid = item.get("Uniqueid")
            if not uid:
                continue
            old = self.channels.get(uid)
            name = item.get("Channel") or ""
            ch = ChannelRecord.from_event(item, uid, self._match.is_operator(name))
            if old is not None:
                ch.operator = ch.operator or old.operator
                ch.dialled_by, ch.call_id = old.dialled_by, old.call_id
                ch.call_over, ch.leads_to_operator = old.call_over, old.leads_to_operator
            ch.application = item.get("Application") or ""
            ch.bridge = item.get("BridgeId") or None
            fresh[uid] = ch
        return fresh

    def replace(self, fresh: Mapping[str, ChannelRecord]) -> None:
        """A resync's full listing becomes the registry (maps rebuilt in place)."""
        self.channels.clear()
        self.bridges.clear()
        self.locals.clear()
        self._others.clear()
        for ch in fresh.values():
            self.channels[ch.uniqueid] = ch
            if ch.bridge:
                self.bridges.setdefault(ch.bridge, set()).add(ch.uniqueid)
            base = local_base(ch.name)
            if base is not None:
                self.locals.setdefault(base, []).append(ch.uniqueid)
            if not ch.operator:
                self._others[ch.uniqueid] = None

    def clear(self) -> None:
        self.replace({})
        self.gone.clear()
