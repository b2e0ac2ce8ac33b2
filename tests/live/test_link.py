"""The AMI link on a real Asterisk: a lost connection, an Asterisk restart and crash."""

from __future__ import annotations

from labkit.lab import Lab
from labkit.sipp import SippLab

from .conftest import MonitorFactory
from .support import TcpProxy


def test_resync_after_a_reconnect(
    sipp: SippLab, monitor: MonitorFactory, ami_proxy: TcpProxy
) -> None:
    m = monitor(port=ami_proxy.port)
    phone = sipp.phone("101", ring_ms=200)
    caller = sipp.call()
    ring = m.wait("RingStarted")
    m.wait("CommutationStarted", call=ring["call"])
    ami_proxy.drop()  # the network drops; Asterisk keeps the call
    m.wait("Connection", status="reconnecting")
    snapshot = m.wait("ActiveCallSnapshot")
    m.wait_connected()
    mine = [c for c in snapshot["calls"] if c["call"] == ring["call"]]
    assert mine, m.dump()
    assert (mine[0]["state"], mine[0]["number"]) == ("talking", "+79161234567")
    # the rebuilt call can still be driven
    m.ok(f"hangup {ring['call']}")
    assert m.wait("RingFinished", call=ring["call"])["reason"] == "completed"
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()


def test_asterisk_restarted_while_a_call_rings(
    lab: Lab, sipp: SippLab, monitor: MonitorFactory
) -> None:
    m = monitor()
    sipp.phone("101", answer=False)
    sipp.call()
    ring = m.wait("RingStarted")
    lab.restart()  # core stop now: Asterisk says Shutdown and hangs up the call
    end, _ = m.wait_unordered(
        ("RingFinished", {"call": ring["call"]}), ("Connection", {"status": "connected"})
    )
    assert end["reason"] == "missed"
    assert [e for e in m.events if e.get("event") == "RingStarted"] == [ring]


def test_asterisk_killed_while_a_call_rings(
    lab: Lab, sipp: SippLab, monitor: MonitorFactory
) -> None:
    m = monitor()
    sipp.phone("101", answer=False)
    sipp.call()
    ring = m.wait("RingStarted")
    lab.kill()  # no Shutdown, no Hangup: the link just drops
    m.wait("Connection", status="reconnecting")
    lab.start()
    # The restarted Asterisk has no such channel: the resync ends the call.
    end, _ = m.wait_unordered(
        ("RingFinished", {"call": ring["call"]}), ("Connection", {"status": "connected"})
    )
    assert end["reason"] == "missed"
