"""Phones and a trunk played by sipp (Debian's ``sip-tester``) against a lab.

Each helper writes a sipp scenario, starts sipp on the agent's own reserved port and returns an
:class:`Agent`. A scenario paces itself (a phone rings ``ring_ms`` before it answers); a
conversation then lasts until the other side hangs up (``BYE``), unless ``hangup_ms`` says the
agent hangs up itself. Tests wait for what the panel reports, never for sipp's clock.
"""

from __future__ import annotations

import contextlib
import re
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from .lab import Lab, LabError, ensure_sipp

SDP = """v=0
o=lab 53655765 {version} IN IP4 [local_ip]
s=-
c=IN IP4 [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0
a=rtpmap:0 PCMU/8000
a={direction}
"""


def _sdp(version: int, direction: str = "sendrecv") -> str:
    return SDP.format(version=version, direction=direction)


def _send(text: str, retrans: bool = False) -> str:
    attr = ' retrans="500"' if retrans else ""
    body = "\n".join(line.strip() for line in text.strip("\n").splitlines())
    return f"<send{attr}><![CDATA[\n{body}\n]]></send>\n"


def _response(code: str, user: str, *, sdp: str | None = None, cseq: str = "[last_CSeq:]") -> str:
    lines = [
        f"SIP/2.0 {code}",
        "[last_Via:]",
        "[last_From:]",
        "[last_To:];tag=[pid]SIPpTag01[call_number]",
        "[last_Call-ID:]",
        cseq,
        f"Contact: <sip:{user}@[local_ip]:[local_port]>",
    ]
    if sdp is None:
        lines += ["Content-Length: 0", ""]
    else:
        lines += ["Content-Type: application/sdp", "Content-Length: [len]", "", sdp]
    return _send("\n".join(lines), retrans=code.startswith("200") and sdp is not None)


def _ok_plain() -> str:
    return _send(
        "SIP/2.0 200 OK\n[last_Via:]\n[last_From:]\n[last_To:]\n[last_Call-ID:]\n[last_CSeq:]\n"
        "Content-Length: 0\n"
    )


def _wait_bye() -> str:
    return '<recv request="BYE"/>\n' + _ok_plain()


def _recv_notify(event: str) -> str:
    """A NOTIFY that must carry ``Event: <event>`` (sipp fails the call otherwise)."""
    return (
        '<recv request="NOTIFY">\n<action>\n'
        f'<ereg regexp="{event}" search_in="hdr" header="Event:" check_it="true"'
        ' assign_to="event"/>\n</action>\n</recv>\n'
    )


def _scenario(name: str, body: str) -> str:
    # sipp refuses a scenario with a variable set but never read: mark the ones kept only
    # for some paths (the INVITE's Contact, a checked NOTIFY's Event) as used
    kept = [v for v in ("rcontact", "event") if f'assign_to="{v}"' in body]
    if kept:
        body += f'<Reference variables="{",".join(kept)}"/>\n'
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<scenario name="{escape(name)}">\n{body}</scenario>\n'
    )


# ------------------------------------------------------------------------------ phone (UAS)


def phone_scenario(
    user: str,
    *,
    answer: bool = True,
    busy: bool = False,
    ring_ms: int = 300,
    hold_ms: int | None = None,
    hangup_ms: int | None = None,
    notify_answer: bool = False,
    notify_hold: bool = False,
    audio: Path | None = None,
) -> str:
    """A phone that rings, then answers / declines busy / rings until CANCEL.

    ``audio``: once answered, the phone streams that raw PCMU file (looped) as RTP, as a real
    phone sends its microphone. Asterisk reads DTMF queued by the AMI (``Atxfer``,
    ``CancelAtxfer``) only when something wakes the channel up: with a silent phone and a busy
    machine the queued digits can sit unread past ``transferdigittimeout``.

    ``hold_ms``: after answering, the phone puts the call on hold (re-INVITE sendonly) after
    that long, resumes (sendrecv) after as long again, then waits for BYE (or ``hangup_ms``).
    ``notify_answer``: it rings until a NOTIFY with ``Event: talk`` comes (the panel's
    phone-notify answer), accepts it and answers. ``notify_hold``: once talking, a NOTIFY
    ``Event: hold`` makes it hold (re-INVITE sendonly), the next ``Event: talk`` resume.
    """
    remote_control = notify_answer or notify_hold
    invite = '<recv request="INVITE">\n'
    if hold_ms is not None or hangup_ms is not None or remote_control:
        invite += (
            "<action>\n"
            '<ereg regexp=".*" search_in="hdr" header="From:" assign_to="rfrom"/>\n'
            '<ereg regexp=".*" search_in="hdr" header="To:" assign_to="lto"/>\n'
            '<ereg regexp="sip:[^&gt;;]*" search_in="hdr" header="Contact:"'
            ' assign_to="rcontact"/>\n'
        )
        if notify_answer:  # kept for the 200 OK sent after the NOTIFY
            invite += (
                '<ereg regexp=".*" search_in="hdr" header="Via:" assign_to="ivia"/>\n'
                '<ereg regexp=".*" search_in="hdr" header="CSeq:" assign_to="icseq"/>\n'
            )
        invite += "</action>\n"
    invite += "</recv>\n"
    body = invite + _response("180 Ringing", user)
    if not answer and not busy:  # rings until the caller gives up
        body += '<recv request="CANCEL"/>\n' + _ok_plain()
        body += _response("487 Request Terminated", user, cseq="CSeq: [last_cseq_number] INVITE")
        body += '<recv request="ACK"/>\n'
        return _scenario(f"phone {user} rings", body)
    if not notify_answer:  # (a remote-controlled phone rings until told to answer)
        body += f'<pause milliseconds="{ring_ms}"/>\n'
    if busy:
        body += _response("486 Busy Here", user) + '<recv request="ACK"/>\n'
        return _scenario(f"phone {user} busy", body)
    if notify_answer:
        # the NOTIFY is the last message now: answer the INVITE from what was kept of it
        body += _recv_notify("talk") + _ok_plain()
        body += _send(
            "SIP/2.0 200 OK\nVia:[$ivia]\nFrom:[$rfrom]\n"
            "To:[$lto];tag=[pid]SIPpTag01[call_number]\n[last_Call-ID:]\nCSeq:[$icseq]\n"
            f"Contact: <sip:{user}@[local_ip]:[local_port]>\n"
            "Content-Type: application/sdp\nContent-Length: [len]\n\n" + _sdp(1),
            retrans=True,
        )
    else:
        body += _response("200 OK", user, sdp=_sdp(1))
    body += '<recv request="ACK" crlf="true"/>\n'
    if audio is not None:
        body += f'<nop><action><exec rtp_stream="{escape(str(audio))},-1,0"/></action></nop>\n'
    cseq = 100

    def in_dialog(method: str, sdp: str | None) -> str:
        nonlocal cseq
        if method == "INVITE":
            cseq += 1
        lines = [
            f"{method} [$rcontact] SIP/2.0",
            "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]",
            "From:[$lto];tag=[pid]SIPpTag01[call_number]",
            "To:[$rfrom]",
            "Call-ID: [call_id]",
            f"CSeq: {cseq} {method}",
            f"Contact: <sip:{user}@[local_ip]:[local_port]>",
            "Max-Forwards: 70",
        ]
        if sdp is None:
            lines += ["Content-Length: 0", ""]
        else:
            lines += ["Content-Type: application/sdp", "Content-Length: [len]", "", sdp]
        return _send("\n".join(lines), retrans=method != "ACK")

    if notify_hold:
        for version, direction, event in ((2, "sendonly", "hold"), (3, "sendrecv", "talk")):
            body += _recv_notify(event) + _ok_plain()
            body += in_dialog("INVITE", _sdp(version, direction))
            body += '<recv response="100" optional="true"/>\n<recv response="200"/>\n'
            body += in_dialog("ACK", None)
    if hold_ms is not None:
        for version, direction in ((2, "sendonly"), (3, "sendrecv")):
            body += f'<pause milliseconds="{hold_ms}"/>\n'
            body += in_dialog("INVITE", _sdp(version, direction))
            body += '<recv response="100" optional="true"/>\n<recv response="200"/>\n'
            body += in_dialog("ACK", None)
    if hangup_ms is not None:
        body += f'<pause milliseconds="{hangup_ms}"/>\n'
        body += in_dialog("BYE", None) + '<recv response="200"/>\n'
    else:
        body += _wait_bye()
    return _scenario(f"phone {user}", body)


# ------------------------------------------------------------------------------ caller (UAC)


def caller_scenario(
    *,
    name: str,
    number: str,
    answer_expected: bool = True,
    cancel_ms: int | None = None,
    hangup_ms: int | None = None,
    hold_ms: int | None = None,
) -> str:
    """An outside caller through the trunk (or phone 102 calling with ``number`` 102).

    Without ``hangup_ms`` the call lasts until the PBX sends BYE. ``cancel_ms``: gives up
    that long after the ringing starts. ``answer_expected=False``: a busy/declined call
    (any of 486, 480, 603, 404, 503) is the success path.
    """
    display = f'"{escape(name)}" ' if name else ""
    branch = "z9hG4bK-[pid]-[call_number]-invite"
    head = (
        "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch={branch}\n"
        f"From: {display}<sip:{number}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]\n"
        "To: <sip:[service]@[remote_ip]:[remote_port]>{to_tag}\n"
        "Call-ID: [call_id]\n"
    )
    invite = _send(
        "INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0\n"
        + head.format(branch=branch, to_tag="")
        + "CSeq: 1 INVITE\n"
        f"Contact: <sip:{number}@[local_ip]:[local_port]>\n"
        "Max-Forwards: 70\nContent-Type: application/sdp\nContent-Length: [len]\n\n" + _sdp(1),
        retrans=True,
    )
    body = invite + '<recv response="100" optional="true"/>\n'
    if cancel_ms is not None:
        body += '<recv response="183" optional="true"/>\n<recv response="180"/>\n'
        body += f'<pause milliseconds="{cancel_ms}"/>\n'
        body += _send(
            "CANCEL sip:[service]@[remote_ip]:[remote_port] SIP/2.0\n"
            + head.format(branch=branch, to_tag="")
            + "CSeq: 1 CANCEL\nMax-Forwards: 70\nContent-Length: 0\n",
            retrans=True,
        )
        body += '<recv response="200" optional="true"/>\n<recv response="487"/>\n'
        body += _send(
            "ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0\n"
            + head.format(branch=branch, to_tag="[peer_tag_param]")
            + "CSeq: 1 ACK\nMax-Forwards: 70\nContent-Length: 0\n"
        )
        return _scenario("caller cancels", body)
    body += '<recv response="180" optional="true"/>\n<recv response="183" optional="true"/>\n'
    if not answer_expected:
        for code in ("480", "603", "404", "503"):
            body += f'<recv response="{code}" optional="true" next="ack"/>\n'
        body += '<recv response="486"/>\n<label id="ack"/>\n'
        body += _send(
            "ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0\n"
            + head.format(branch=branch, to_tag="[peer_tag_param]")
            + "CSeq: 1 ACK\nMax-Forwards: 70\nContent-Length: 0\n"
        )
        return _scenario("caller declined", body)
    body += '<recv response="200" rtd="true"/>\n'
    cseq = 1

    def request(method: str, sdp: str | None = None) -> str:
        nonlocal cseq
        if method != "ACK":
            cseq += 1
        text = (
            f"{method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0\n"
            + head.format(branch="[branch]", to_tag="[peer_tag_param]")
            + f"CSeq: {cseq} {method}\n"
            f"Contact: <sip:{number}@[local_ip]:[local_port]>\nMax-Forwards: 70\n"
        )
        if sdp is None:
            text += "Content-Length: 0\n"
        else:
            text += "Content-Type: application/sdp\nContent-Length: [len]\n\n" + sdp
        return _send(text, retrans=method != "ACK")

    body += request("ACK")
    if hold_ms is not None:
        for version, direction in ((2, "sendonly"), (3, "sendrecv")):
            body += f'<pause milliseconds="{hold_ms}"/>\n'
            body += request("INVITE", _sdp(version, direction))
            body += '<recv response="100" optional="true"/>\n<recv response="200"/>\n'
            body += request("ACK")
    if hangup_ms is not None:
        body += f'<pause milliseconds="{hangup_ms}"/>\n'
        body += request("BYE") + '<recv response="200"/>\n'
    else:
        body += _wait_bye()
    return _scenario("caller", body)


# ------------------------------------------------------------------------------ running


@dataclass
class Message:
    direction: str  # "sent" or "received"
    text: str

    @property
    def first_line(self) -> str:
        return self.text.split("\n", 1)[0].strip()

    def header(self, name: str) -> str | None:
        wanted = name.lower() + ":"
        for line in self.text.splitlines()[1:]:
            if not line.strip():
                break
            if line.lower().startswith(wanted):
                return line.split(":", 1)[1].strip()
        return None


class Agent:
    """One running sipp process."""

    def __init__(self, role: str, argv: list[str], workdir: Path) -> None:
        self.role = role
        self.workdir = workdir
        self.messages_file = workdir / f"{role}.messages.log"
        self.errors_file = workdir / f"{role}.errors.log"
        self.screen = open(workdir / f"{role}.out", "wb")
        argv = [
            *argv,
            "-trace_msg",
            "-message_file",
            str(self.messages_file),
            "-trace_err",
            "-error_file",
            str(self.errors_file),
        ]
        self.argv = argv
        self.process = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=self.screen, stderr=subprocess.STDOUT
        )

    def wait(self, timeout: float = 30.0) -> int:
        """sipp's exit code: 0 when every call of the scenario went as written."""
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.screen.flush()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        with contextlib.suppress(OSError):
            self.screen.close()

    def messages(self) -> list[Message]:
        try:
            text = self.messages_file.read_text(errors="replace")
        except FileNotFoundError:
            return []
        out = []
        parts = re.split(r"^-{20,}[^\n]*\n", text, flags=re.M)
        for part in parts:
            found = re.match(r"\s*UDP message (sent|received)[^\n]*\n\n?(.*)", part, re.S)
            if found:
                out.append(Message(found.group(1), found.group(2).replace("\r", "")))
        return out

    def received(self, method: str) -> list[Message]:
        return [
            m
            for m in self.messages()
            if m.direction == "received" and m.first_line.startswith(method + " ")
        ]

    def describe(self) -> str:
        """For a failure message: what sipp said."""
        tail = ""
        for path in (self.workdir / f"{self.role}.out", self.errors_file):
            with contextlib.suppress(OSError):
                tail += f"--- {path.name}\n" + path.read_text(errors="replace")[-1500:]
        return f"sipp {self.role}: {' '.join(self.argv)}\n{tail}"


class SippLab:
    """The lab's sipp agents: phones 101/102, the trunk's callee and callers."""

    def __init__(self, lab: Lab, workdir: Path) -> None:
        self.lab = lab
        self.workdir = workdir
        self.sipp = ensure_sipp()
        self.agents: list[Agent] = []
        self._seq = 0
        self._callers = 0

    def _run(
        self, role: str, scenario: str, port: int, extra: list[str], *, answer_notify: bool = True
    ) -> Agent:
        assert self.lab.ports is not None
        self._seq += 1
        role = f"{self._seq:02d}-{role}"
        path = self.workdir / f"{role}.xml"
        path.write_text(scenario, encoding="utf-8")
        argv = [
            self.sipp,
            "-sf",
            str(path),
            "-i",
            "127.0.0.1",
            "-p",
            str(port),
            "-t",
            "u1",
            "-nostdin",
            # -aa: sipp itself answers INFO/NOTIFY/OPTIONS/UPDATE (off when the scenario does)
            *(["-aa"] if answer_notify else []),
            "-max_recv_loops",
            "100",
            *extra,
        ]
        agent = Agent(role, argv, self.workdir)
        self.agents.append(agent)
        return agent

    def phone(self, user: str = "101", *, calls: int = 1, **behaviour: object) -> Agent:
        """Phone ``user`` (101 or 102) answering ``calls`` calls as ``phone_scenario`` says."""
        assert self.lab.ports is not None
        port = {"101": self.lab.ports.phone101, "102": self.lab.ports.phone102}[user]
        if behaviour.pop("audio", False):
            behaviour["audio"] = self._silence()
        scenario = phone_scenario(user, **behaviour)  # type: ignore[arg-type]
        remote_control = bool(behaviour.get("notify_answer") or behaviour.get("notify_hold"))
        agent = self._run(
            f"phone{user}", scenario, port, ["-m", str(calls)], answer_notify=not remote_control
        )
        self._wait_bound(agent, port)
        return agent

    def trunk(self, *, calls: int = 1, **behaviour: object) -> Agent:
        """The outside world's side of calls out through the trunk (click-to-call)."""
        assert self.lab.ports is not None
        scenario = phone_scenario("trunk", **behaviour)  # type: ignore[arg-type]
        agent = self._run("trunk", scenario, self.lab.ports.trunk, ["-m", str(calls)])
        self._wait_bound(agent, self.lab.ports.trunk)
        return agent

    def call(
        self,
        to: str = "74951234567",
        *,
        name: str = "Ivan Petrov",
        number: str = "+79161234567",
        source: str = "trunk",
        **behaviour: object,
    ) -> Agent:
        """An incoming call: from the trunk (a caller port of its own) or from phone 102."""
        assert self.lab.ports is not None
        if source == "trunk":
            port = self.lab.ports.trunk_callers[self._callers % len(self.lab.ports.trunk_callers)]
            self._callers += 1
        else:
            port = {"101": self.lab.ports.phone101, "102": self.lab.ports.phone102}[source]
        scenario = caller_scenario(name=name, number=number, **behaviour)  # type: ignore[arg-type]
        remote = f"127.0.0.1:{self.lab.ports.sip}"
        return self._run(f"caller-{source}", scenario, port, ["-s", to, "-m", "1", remote])

    def _silence(self) -> Path:
        """One second of PCMU silence (0xFF), what a phone with a quiet microphone sends."""
        path = self.workdir / "silence.pcmu"
        if not path.exists():
            path.write_bytes(b"\xff" * 8000)
        return path

    @staticmethod
    def _wait_bound(agent: Agent, port: int, timeout: float = 10.0) -> None:
        """A UAS must be listening before Asterisk sends it an INVITE."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if agent.process.poll() is not None:
                raise LabError(agent.describe())
            if _udp_bound(port):
                return
            time.sleep(0.02)
        raise LabError(f"sipp did not bind 127.0.0.1:{port}\n{agent.describe()}")

    def stop_all(self) -> None:
        for agent in self.agents:
            agent.stop()


def _udp_bound(port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False
