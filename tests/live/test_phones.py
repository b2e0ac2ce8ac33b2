"""A misspelt phone on a real Asterisk: right after login the panel (here the monitor) names
the endpoint the PBX does not know — chan_sip has no such peer, chan_pjsip no such endpoint —
and goes on serving the phone that exists."""

from __future__ import annotations

from labkit.lab import Lab
from labkit.sipp import SippLab

from .conftest import MonitorFactory


def test_a_phone_the_pbx_does_not_know_is_named_at_login(
    lab: Lab, endpoint: str, sipp: SippLab, monitor: MonitorFactory
) -> None:
    wrong = f"{lab.tech}/999"
    m = monitor("--endpoint", wrong)  # the operator's 101 and a misspelt 999
    said = m.wait("Connection", status="connected", missing_phones=[wrong])
    assert endpoint not in said["missing_phones"]
    assert f"no such phone on 127.0.0.1:{lab.ports.ami}: {wrong}" in m.log_path.read_text()
    # the phone that exists works as usual
    phone = sipp.phone("101", ring_ms=300)
    caller = sipp.call(hangup_ms=300)
    ring = m.wait("RingStarted")
    m.wait("CommutationStarted", call=ring["call"])
    m.wait("RingFinished", call=ring["call"])
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()
