"""The phone check after login: Asterisk's DEVICE_STATE says INVALID for a phone it does not
know; the manager then publishes a second CONNECTED status naming it (and the monitor prints
it), while the calls of the phones it knows go on as usual."""

from __future__ import annotations

import pytest

from callpanel.ami import Action, Response
from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.errors import ActionFailed, InvalidInput, PermissionDenied
from callpanel.asterisk.manager import AsteriskManager
from callpanel.asterisk.phones import device_state_action, missing_phones
from callpanel.asterisk.status import ConnectionStatus, LinkState
from callpanel.sim import SimConfig, SimPbx

from .amiserver import Recorder

pytestmark = pytest.mark.timeout(30)

STATES = {"SIP/101": "NOT_INUSE", "SIP/102": "UNAVAILABLE", "SIP/103": "UNKNOWN",
          "SIP/999": "INVALID", "PJSIP/9": "invalid"}  # fmt: skip


async def fake_send(action: Action) -> Response:
    variable = action.get("Variable") or ""
    device = variable.removeprefix("DEVICE_STATE(").removesuffix(")")
    if device == "SIP/555":
        raise PermissionDenied("Getvar", "Permission denied")
    if device == "SIP/556":
        raise ActionFailed("Getvar", "timed out")
    headers = (("Response", "Success"), ("Variable", variable), ("Value", STATES[device]))
    return Response.build(headers)


def test_the_action_names_the_device_and_refuses_a_dial_string() -> None:
    assert device_state_action("PJSIP/101").get("Variable") == "DEVICE_STATE(PJSIP/101)"
    with pytest.raises(InvalidInput):
        device_state_action("SIP/101&SIP/102")


@pytest.mark.asyncio
async def test_only_invalid_means_no_such_phone() -> None:
    phones = ("SIP/101", "SIP/999", "SIP/102", "SIP/103", "PJSIP/9", "SIP/555", "SIP/556")
    # unregistered and unknown-state phones exist; a refused or failed read proves nothing
    assert await missing_phones(fake_send, phones) == ("SIP/999", "PJSIP/9")


@pytest.mark.asyncio
async def test_the_manager_names_the_phone_the_pbx_does_not_know() -> None:
    sim = SimPbx(SimConfig(dialect="18", time_scale=0.01))
    await sim.start()
    rec = Recorder()
    tech = sim.config.tech
    manager = AsteriskManager(
        ConnectionConfig(host="127.0.0.1", port=sim.port, secret="callpanel-secret",
                         connect_timeout=2.0, action_timeout=2.0),
        ClientConfig(endpoints=(f"{tech}/101", f"{tech}/999")),
        on_status=rec.on_status,
        on_call_event=rec.on_call_event,
    )  # fmt: skip
    try:
        await manager.start()
        await rec.until(lambda: any(s.missing_phones for s in statuses(rec)))
        first, second = statuses(rec)[-2:]
        assert first.state is second.state is LinkState.CONNECTED
        assert first.missing_phones == () and second.missing_phones == (f"{tech}/999",)
        assert second.to_json()["missing_phones"] == [f"{tech}/999"]
        assert manager.status.missing_phones == (f"{tech}/999",)
        await manager.send(Action.create("Ping"))  # the link is up as usual
    finally:
        await manager.stop()
        await sim.stop()
    assert manager.status.state is LinkState.DISCONNECTED and manager.status.missing_phones == ()


def statuses(rec: Recorder) -> list[ConnectionStatus]:
    return [s for s in rec.statuses if isinstance(s, ConnectionStatus)]
