"""Record real AMI traffic from a lab: ``scripts/lab record VERSION DRIVER OUTDIR``.

Each scenario gets a freshly restarted Asterisk and one AMI session as the lab's ``lab`` user
(read all, no ``Events:`` header, so everything Asterisk sends is kept). Written per scenario:

* ``NAME.jsonl``: one object per socket read or write, ``{"t": seconds since connect,
  "dir": "in"|"out", "data": text}`` ("in" chunks exactly as ``recv()`` returned them);
* ``NAME.ami``: the "in" chunks joined, byte for byte.

Phones and the trunk are sipp agents (scripts/labkit/sipp.py); the recorder's own actions carry
``ActionID: NAME-k``. Waits are on events with deadlines, never fixed sleeps.
"""

from __future__ import annotations

import json
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .lab import Lab, log
from .sipp import SippLab

Message = dict[str, str]


class Recorder:
    def __init__(self, port: int, user: str, secret: str, name: str) -> None:
        self.name = name
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.settimeout(None)
        self.t0 = time.monotonic()
        self.chunks: list[dict[str, object]] = []
        self.messages: list[Message] = []
        self._buffer = b""
        self._cond = threading.Condition()
        self._seq = 0
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        reply = self.action("Login", Username=user, Secret=secret)
        if reply.get("Response") != "Success":
            raise RuntimeError(f"login failed: {reply}")

    def _read(self) -> None:
        banner_done = False
        while True:
            try:
                data = self.sock.recv(65536)
            except OSError:
                data = b""
            with self._cond:
                if not data:
                    self.chunks.append({"t": self._t(), "dir": "closed", "data": ""})
                    self._cond.notify_all()
                    return
                self.chunks.append({"t": self._t(), "dir": "in", "data": data.decode("utf-8")})
                self._buffer += data
                if not banner_done and b"\r\n" in self._buffer:
                    _, self._buffer = self._buffer.split(b"\r\n", 1)
                    banner_done = True
                while b"\r\n\r\n" in self._buffer:
                    raw, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
                    message: Message = {}
                    for line in raw.decode("utf-8", "replace").split("\r\n"):
                        key, _, value = line.partition(":")
                        message.setdefault(key.strip(), value.strip())
                    self.messages.append(message)
                self._cond.notify_all()

    def _t(self) -> float:
        return round(time.monotonic() - self.t0, 6)

    def send(self, name: str, **fields: str) -> str:
        self._seq += 1
        action_id = f"{self.name}-{self._seq}"
        text = f"Action: {name}\r\nActionID: {action_id}\r\n"
        text += "".join(f"{k}: {v}\r\n" for k, v in fields.items()) + "\r\n"
        with self._cond:
            self.chunks.append({"t": self._t(), "dir": "out", "data": text})
        self.sock.sendall(text.encode())
        return action_id

    def action(self, name: str, timeout: float = 20.0, **fields: str) -> Message:
        action_id = self.send(name, **fields)
        return self.wait(lambda m: "Response" in m and m.get("ActionID") == action_id, timeout)

    def wait(self, predicate: Callable[[Message], bool], timeout: float = 30.0) -> Message:
        deadline = time.monotonic() + timeout
        with self._cond:
            index = 0
            while True:
                for message in self.messages[index:]:
                    if predicate(message):
                        return message
                index = len(self.messages)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{self.name}: not seen in {timeout} s")
                self._cond.wait(left)

    def wait_after(
        self, index: int, predicate: Callable[[Message], bool], timeout: float = 30.0
    ) -> Message:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for message in self.messages[index:]:
                    if predicate(message):
                        return message
                index = len(self.messages)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{self.name}: not seen in {timeout} s")
                self._cond.wait(left)

    def event(self, name: str, timeout: float = 30.0, **fields: str) -> Message:
        def fits(m: Message) -> bool:
            return m.get("Event") == name and all(
                m.get(k, "").startswith(v) for k, v in fields.items()
            )

        return self.wait(fits, timeout)

    def finish(self, out_dir: Path) -> None:
        self.send("Logoff")
        with self._cond:
            deadline = time.monotonic() + 10
            while not self.chunks or self.chunks[-1]["dir"] != "closed":
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
        self.sock.close()
        chunks = [c for c in self.chunks if c["dir"] != "closed"]
        with open(out_dir / f"{self.name}.jsonl", "w", encoding="utf-8") as fh:
            for chunk in chunks:
                fh.write(json.dumps(chunk, ensure_ascii=False) + "\n")
        data = "".join(str(c["data"]) for c in chunks if c["dir"] == "in")
        (out_dir / f"{self.name}.ami").write_bytes(data.encode("utf-8"))


# ------------------------------------------------------------------------------ scenarios
# Each takes (lab, sipp agents, recorder) and drives one situation to its end.


def _quiet(rec: Recorder) -> None:
    """Wait until the scenario's channels are gone, then list them once (an empty list)."""
    deadline = time.monotonic() + 30
    while True:
        with rec._cond:
            seen = len(rec.messages)
        reply = rec.action("CoreShowChannels")
        done = rec.event("CoreShowChannelsComplete", ActionID=reply.get("ActionID", ""))
        if done.get("ListItems") == "0" or time.monotonic() > deadline:
            return
        # a Hangup after that listing, then ask again
        rec.wait_after(seen, lambda m: m.get("Event") == "Hangup", timeout=15)


def incoming_answered(lab: Lab, s: SippLab, rec: Recorder) -> None:
    s.phone("101", ring_ms=1000)
    s.call(hangup_ms=2000).wait()


def caller_cancels(lab: Lab, s: SippLab, rec: Recorder) -> None:
    s.phone("101", answer=False)
    s.call(cancel_ms=2000).wait()


def operator_busy(lab: Lab, s: SippLab, rec: Recorder) -> None:
    s.phone("101", busy=True, ring_ms=1000)
    s.call(answer_expected=False).wait()


def hold_by_remote(lab: Lab, s: SippLab, rec: Recorder) -> None:
    s.phone("101", ring_ms=500)
    s.call(hold_ms=1500, hangup_ms=1500).wait()


def _originate(lab: Lab, rec: Recorder) -> None:
    rec.action(
        "Originate",
        Channel=f"{lab.tech}/101",
        Context="internal",
        Exten="74997654321",
        Priority="1",
        Variable="CONNECTEDLINE(num,i)=74997654321",
        Timeout="30000",
        ChannelId="callpanel-rec-1",
        Async="true",
    )


def click_to_call(lab: Lab, s: SippLab, rec: Recorder) -> None:
    s.phone("101", ring_ms=500)
    trunk = s.trunk(ring_ms=1000, hangup_ms=2000)
    _originate(lab, rec)
    trunk.wait()


def click_to_call_busy(lab: Lab, s: SippLab, rec: Recorder) -> None:
    s.phone("101", ring_ms=500)
    trunk = s.trunk(busy=True, ring_ms=1000)
    _originate(lab, rec)
    trunk.wait()


def _operator_talking(lab: Lab, rec: Recorder) -> str:
    rec.event("BridgeEnter", BridgeNumChannels="2")
    return rec.event("Newchannel", Channel=f"{lab.tech}/101-")["Channel"]


def blind_transfer(lab: Lab, s: SippLab, rec: Recorder) -> None:
    s.phone("101", ring_ms=500)
    colleague = s.phone("102", ring_ms=1000, hangup_ms=2000)
    caller = s.call()
    channel = _operator_talking(lab, rec)
    rec.action("BlindTransfer", Channel=channel, Exten="102", Context="internal")
    colleague.wait()
    caller.wait()


def hangup_via_ami(lab: Lab, s: SippLab, rec: Recorder) -> None:
    s.phone("101", ring_ms=500)
    caller = s.call()
    channel = _operator_talking(lab, rec)
    rec.action("Hangup", Channel=channel)
    caller.wait()


def queue_answered_elsewhere(lab: Lab, s: SippLab, rec: Recorder) -> None:
    s.phone("101", answer=False)
    colleague = s.phone("102", ring_ms=1500, hangup_ms=2000)
    s.call("74951234500").wait()
    colleague.wait()


def ring_group(lab: Lab, s: SippLab, rec: Recorder) -> None:
    s.phone("101", ring_ms=1500)
    s.phone("102", answer=False)
    s.call("74951234501", hangup_ms=2000).wait()


def internal_call(lab: Lab, s: SippLab, rec: Recorder) -> None:
    s.phone("101", ring_ms=1000)
    s.call("101", name="", number="102", source="102", hangup_ms=2000).wait()


def queue_login_pause(lab: Lab, s: SippLab, rec: Recorder) -> None:
    member = f"{lab.tech}/101"
    rec.action("QueueStatus", Queue="sales")
    rec.action("QueueAdd", Queue="sales", Interface=member, MemberName="Operator 101")
    rec.action("QueuePause", Queue="sales", Interface=member, Paused="true", Reason="lunch")
    rec.action("QueueStatus", Queue="sales")
    rec.action("QueuePause", Queue="sales", Interface=member, Paused="false")
    rec.action("QueueRemove", Queue="sales", Interface=member)
    rec.action("QueueRemove", Queue="sales", Interface=member)  # "Not there"


def queue_autopause(lab: Lab, s: SippLab, rec: Recorder) -> None:
    rec.action("QueueAdd", Queue="sales", Interface=f"{lab.tech}/101", MemberName="Operator 101")
    s.phone("101", answer=False)
    caller = s.call("74951234502")
    trunk = rec.event("Newchannel", Channel=f"{lab.tech}/trunk-")["Channel"]
    rec.event("QueueMemberPause", Paused="1")
    rec.action("QueueStatus", Queue="sales")
    rec.action("Hangup", Channel=trunk)
    caller.wait()


def colleague_states(lab: Lab, s: SippLab, rec: Recorder) -> None:
    rec.action("ExtensionStateList")
    rec.action("DeviceStateList")
    s.phone("102", ring_ms=1500, hangup_ms=2000)
    s.call("102", name="", number="101", source="101").wait()
    rec.action("ExtensionState", Exten="102", Context="internal")


def directed_pickup(lab: Lab, s: SippLab, rec: Recorder) -> None:
    s.phone("101", answer=False)  # rings; 102's pickup cancels it
    caller = s.call()
    rec.event("Newstate", Channel=f"{lab.tech}/101-", ChannelState="5")
    s.call("**101", name="", number="102", source="102", hangup_ms=2000).wait()
    caller.wait()


def parking(lab: Lab, s: SippLab, rec: Recorder) -> None:
    phone = s.phone("101", calls=2, ring_ms=500)
    caller = s.call()
    channel = _operator_talking(lab, rec)
    trunk = rec.event("Newchannel", Channel=f"{lab.tech}/trunk-")["Channel"]
    rec.action("Park", Channel=trunk, TimeoutChannel=channel)
    parked = rec.event("ParkedCall")
    rec.action("ParkedCalls")
    rec.action(
        "Originate",
        Channel="Local/101@panel-aa",
        Application="ParkedCall",
        Data=f"{parked.get('ParkingLot', 'default')},{parked.get('ParkingSpace', '701')}",
        Timeout="30000",
        ChannelId="callpanel-rec-resume",
        Async="true",
    )
    rec.event("UnParkedCall")
    rec.wait(
        lambda m: (
            m.get("Event") == "BridgeEnter"
            and m.get("BridgeNumChannels") == "2"
            and m.get("Channel", "").startswith("Local/101@panel-aa")
        )
    )
    rec.action("Hangup", Channel=trunk)
    caller.wait()
    phone.wait()


SCENARIOS: dict[str, Callable[[Lab, SippLab, Recorder], None]] = {
    "01_incoming_answered_caller_hangs_up": incoming_answered,
    "02_incoming_caller_cancels_while_ringing": caller_cancels,
    "03_incoming_operator_rejects_busy": operator_busy,
    "06_hold_unhold_by_remote_party": hold_by_remote,
    "07_click_to_call_originate": click_to_call,
    "08_click_to_call_external_busy": click_to_call_busy,
    "09_blind_transfer_via_ami": blind_transfer,
    "11_hangup_via_ami": hangup_via_ami,
    "12_queue_answered_by_other_operator": queue_answered_elsewhere,
    "13_ring_group_answered_by_operator": ring_group,
    "14_internal_call_102_to_101": internal_call,
    "20_queue_member_login_pause_reason": queue_login_pause,
    "21_queue_autopause": queue_autopause,
    "22_colleague_extension_and_device_states": colleague_states,
    "23_directed_pickup": directed_pickup,
    "24_parking_hold_and_resume": parking,
}


def record(version: str, driver: str, out_dir: Path, only: list[str] | None = None) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    lab = Lab(version, driver)
    failures = 0
    try:
        lab.start()
        for name, scenario in SCENARIOS.items():
            if only and not any(name.startswith(o) for o in only):
                continue
            lab.restart()
            assert lab.ports is not None
            work = Path(tempfile.mkdtemp(prefix=f"rec-{name}-"))
            agents = SippLab(lab, work)
            rec = Recorder(lab.ports.ami, "lab", lab.lab_secret, name)
            try:
                rec.event("FullyBooted", timeout=10)
                scenario(lab, agents, rec)
                _quiet(rec)
                codes = {a.role: a.wait(30) for a in agents.agents}
                rec.finish(out_dir)
                log(f"{version}/{driver} {name}: recorded; sipp exit codes {codes}")
                if any(codes.values()):
                    failures += 1
            except Exception as exc:  # record what we can, say what failed
                failures += 1
                log(f"{version}/{driver} {name}: FAILED {exc!r} (agents in {work})")
            finally:
                agents.stop_all()
    finally:
        lab.close()
    return failures


if __name__ == "__main__":
    sys.exit(record(sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4:] or None))
