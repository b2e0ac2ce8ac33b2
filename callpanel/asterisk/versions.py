"""Every Asterisk 13/16/18/20/22 difference the adapter cares about, in one place.

Header lookups are already case-insensitive (``DestUniqueid`` vs ``DestUniqueId``), so only
real differences live here:

* 13 never sends ``DialState``: ringing comes from ``DialBegin`` or ``Newstate`` 5 (all versions
  send those, so the adapter never waits for DialState).
* ``AttendedTransfer`` carries ``TransferTarget*`` only from 18 on; the adapter reads only the
  ``OrigTransferer*``/``SecondTransferer*`` blocks present everywhere.
* ``Hangup`` gains ``TechCause`` in 20.17/22.7; only ``Cause`` (Q.850) is used.
* ``Newexten`` moved from class call (13) to dialplan (16+): irrelevant, it is ignored by name.
* ``ParkedCall`` names the parked channel ``Parkee*`` (12+); older ``Channel`` is an alias.
"""

from __future__ import annotations

from types import MappingProxyType

from ..ami import Event
from ..calls import EndReason

# Alias lists: the first header present wins.
HEADER_ALIASES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "parkee_uniqueid": ("ParkeeUniqueid", "Uniqueid"),
        "parkee_channel": ("ParkeeChannel", "Channel"),
        "dest_uniqueid": ("DestUniqueid",),
        "swap_uniqueid": ("SwapUniqueid",),
        "bridge_id": ("BridgeUniqueid", "BridgeId"),
        "local_one_uniqueid": ("LocalOneUniqueid",),
        "local_two_uniqueid": ("LocalTwoUniqueid",),
    }
)


def header(event: Event, key: str) -> str | None:
    """The first non-empty header among the aliases of ``key``."""
    for name in HEADER_ALIASES[key]:
        value = event.get(name)
        if value:
            return value
    return None


# Q.850 Hangup causes an unanswered leg of ours can end with (docs/AMI.md §4.2).
CAUSE_BUSY = 17
CAUSE_ANSWERED_ELSEWHERE = 26
REJECT_CAUSES = frozenset({17, 21})
NO_ANSWER_CAUSES = frozenset({18, 19, 20})
NORMAL_CAUSES = frozenset({0, 16, 31})

# DialEnd DialStatus of a leg that rang the operator's phone (incoming calls).
INCOMING_DIAL_STATUS: MappingProxyType[str, EndReason] = MappingProxyType(
    {
        "CANCEL": EndReason.MISSED,
        "NOANSWER": EndReason.MISSED,
        "BUSY": EndReason.REJECTED,
        "CONGESTION": EndReason.FAILED,
        "CHANUNAVAIL": EndReason.FAILED,
    }
)
# DialEnd DialStatus of a leg the operator dialled (outgoing calls).
OUTGOING_DIAL_STATUS: MappingProxyType[str, EndReason] = MappingProxyType(
    {
        "BUSY": EndReason.BUSY,
        "NOANSWER": EndReason.NO_ANSWER,
        "CANCEL": EndReason.NO_ANSWER,  # the operator gave up while it rang
        "CONGESTION": EndReason.FAILED,
        "CHANUNAVAIL": EndReason.FAILED,
    }
)
# DialEnd for the operator's own phone in a click-to-call (Originate dials the operator first).
ORIGINATE_DIAL_STATUS: MappingProxyType[str, EndReason] = MappingProxyType(
    {
        "BUSY": EndReason.REJECTED,
        "NOANSWER": EndReason.NO_ANSWER,
        "CANCEL": EndReason.NO_ANSWER,
        "CONGESTION": EndReason.FAILED,
        "CHANUNAVAIL": EndReason.FAILED,
    }
)


def parse_cause(text: str | None) -> int | None:
    if text is None:
        return None
    text = text.strip()
    return int(text) if text.isdigit() else None
