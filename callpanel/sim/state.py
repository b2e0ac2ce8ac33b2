"""The simulated PBX's mutable state: channels and bridges (owned by :class:`PbxCore`)."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field

STATE_DESC = {
    0: "Down", 1: "Rsrvd", 2: "OffHook", 3: "Dialing", 4: "Ring", 5: "Ringing", 6: "Up",
    7: "Busy", 8: "Dialing Offhook", 9: "Pre-ring",
}  # fmt: skip

CAUSE_TEXT = {
    0: "Unknown", 16: "Normal Clearing", 17: "User busy", 18: "No user responding",
    19: "User alerting, no answer", 21: "Call Rejected", 26: "Answered elsewhere",
    34: "Circuit/channel congestion", 127: "Interworking, unspecified",
}  # fmt: skip


@dataclass(eq=False)
class Bridge:
    uniqueid: str = field(default_factory=lambda: str(uuid.uuid4()))
    channels: list[Channel] = field(default_factory=list)
    technology: str = "simple_bridge"
    bridge_type: str = "basic"
    created: float = field(default_factory=time.monotonic)


@dataclass(eq=False)
class Channel:
    """One channel. Empty caller/connected fields are shown as ``<unknown>`` on the wire."""

    name: str
    uniqueid: str
    linkedid: str
    endpoint: str  # "SIP/101", "SIP/trunk", "Local/102@internal"
    cid_num: str = ""
    cid_name: str = ""
    con_num: str = ""
    con_name: str = ""
    state: int = 0
    context: str = "internal"
    exten: str = "s"
    priority: int = 1
    application: str = ""
    app_data: str = ""
    dnid: str = ""
    bridge: Bridge | None = None
    # runs dialplan (a caller, an originated leg): ends with SoftHangupRequest when it hangs up
    dialplan: bool = False
    held: bool = False  # this channel put its peer on hold (Hold event)
    moh: bool = False  # this channel hears music on hold
    parked_space: int | None = None
    parker_dial: str = ""  # parked: the endpoint of who parked it (ParkerDialString)
    call_id: str = field(default_factory=lambda: f"{uuid.uuid4().hex[:16]}@127.0.0.1")
    local_partner: Channel | None = None  # the other half of a Local channel pair
    created: float = field(default_factory=time.monotonic)
    gone: bool = False
    tech_cause: int | None = None  # the SIP final response that ended it (Hangup TechCause)

    @property
    def tech(self) -> str:
        return self.name.split("/", 1)[0]

    @property
    def state_desc(self) -> str:
        return STATE_DESC.get(self.state, f"Unknown ({self.state})")

    @property
    def is_local(self) -> bool:
        return self.tech == "Local"

    def duration(self) -> int:
        return int(time.monotonic() - self.created)
