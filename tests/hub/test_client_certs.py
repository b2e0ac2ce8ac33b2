"""Panels and the hub log in to a real Mosquitto by client certificate (``require_certificate``,
the certificate's CN is the user the ACL knows): the right certificate works end to end, a
certificate from another CA, none at all, or a colleague's certificate get nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from callpanel.asterisk.errors import ActionTimeout, ConnectionLost
from callpanel.asterisk.status import LinkState
from callpanel.calls.events import CallState
from callpanel.hub.mqtt import BrokerConfig
from callpanel.hub.service import Hub
from callpanel.sim import SimPbx

from .broker import Broker
from .client_certs import Authority
from .support import OPERATORS, Panel, hub_config, make_panel

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(60)]


@pytest.fixture
def authority(tmp_path: Path) -> Authority:
    return Authority(tmp_path / "pki", "callpanel-panels")


@pytest_asyncio.fixture
async def cert_broker(tmp_path: Path, authority: Authority) -> AsyncIterator[Broker]:
    b = Broker(tmp_path / "broker", client_ca=authority.path)
    b.add_hub()
    for name in OPERATORS:
        b.add_operator(name)  # the ACL lines; the password file is not used for these clients
    await b.start()
    try:
        yield b
    finally:
        b.stop()


def by_cert(broker: Broker, user: str, cert: tuple[Path, Path]) -> BrokerConfig:
    """The broker settings of ``user`` with a certificate and no password at all."""
    return dataclasses.replace(
        broker.config_for(user), password="", certfile=str(cert[0]), keyfile=str(cert[1])
    )


@pytest_asyncio.fixture
async def cert_hub(sim: SimPbx, cert_broker: Broker, authority: Authority) -> AsyncIterator[Hub]:
    config = hub_config(sim, cert_broker)
    config = dataclasses.replace(
        config, broker=by_cert(cert_broker, "callpanel-hub", authority.client("callpanel-hub"))
    )
    hub = Hub(config, backoff_base=0.05, backoff_cap=0.5)
    await hub.start()
    try:
        yield hub
    finally:
        await hub.stop()


def panel_with(
    broker: Broker, operator: str, config: BrokerConfig, *, command_timeout: float = 10.0
) -> Panel:
    panel = make_panel(broker, operator, command_timeout=command_timeout)
    panel.link.broker = config
    return panel


async def test_a_panel_with_its_certificate_works_through_the_hub(
    sim: SimPbx, cert_broker: Broker, cert_hub: Hub, authority: Authority
) -> None:
    alice = panel_with(
        cert_broker, "alice", by_cert(cert_broker, "alice", authority.client("alice"))
    )
    await alice.link.start()
    try:
        await alice.until_connected()
        await sim.incoming_call(number="+79161234567", name="Caller", to="SIP/101")
        await alice.until(lambda: len(alice.calls()) == 1)
        call = alice.one()
        await alice.client.answer(call.call_id)
        await alice.until_state(call.call_id, CallState.TALKING)
    finally:
        await alice.link.stop()


async def test_the_panels_settings_carry_the_certificate_to_the_broker(
    sim: SimPbx, cert_broker: Broker, cert_hub: Hub, authority: Authority
) -> None:
    """Settings → Connection: callpanel hub, a client certificate and key, no password."""
    from callpanel.hubclient import broker_config
    from callpanel.store.settings import ConnectionMode, Settings, to_connection_config

    cert, key = authority.client("alice")
    settings = Settings(
        connection=ConnectionMode.HUB,
        host="127.0.0.1",
        port=cert_broker.port,
        tls=True,
        cafile=str(cert_broker.cafile),
        client_cert=str(cert),
        client_key=str(key),
        username="alice",
    )
    config = broker_config(to_connection_config(settings, ""))
    assert (config.certfile, config.keyfile, config.password) == (str(cert), str(key), "")
    alice = panel_with(cert_broker, "alice", config)
    await alice.link.start()
    try:
        await alice.until_connected()
    finally:
        await alice.link.stop()


@pytest.mark.parametrize("case", ["another CA", "no certificate"])
async def test_a_panel_without_a_good_certificate_is_refused(
    tmp_path: Path, cert_broker: Broker, cert_hub: Hub, case: str
) -> None:
    if case == "another CA":
        stranger = Authority(tmp_path / "stranger", "somebody-else")
        config = by_cert(cert_broker, "alice", stranger.client("alice"))  # the right name
        why = "certificate verify failed"
    else:
        config = cert_broker.config_for("alice")  # the right password, but no certificate
        why = "peer did not return a certificate"
    panel = panel_with(cert_broker, "alice", config)
    await panel.link.start()
    try:
        await panel.until(
            lambda: any(s.error and "broker" in s.error for s in panel.statuses), timeout=10
        )
        assert panel.link.status.state is not LinkState.CONNECTED
        assert panel.calls() == []
        with pytest.raises(ConnectionLost, match="nothing was sent"):
            await panel.client.hangup("any")
    finally:
        await panel.link.stop()
    assert cert_hub.commands_run == 0
    assert why in cert_broker.log.read_text()  # refused at the TLS handshake


async def test_a_colleagues_certificate_reads_only_the_colleagues_topics(
    sim: SimPbx, cert_broker: Broker, cert_hub: Hub, authority: Authority
) -> None:
    """Bob's certificate in a panel set up as alice: the broker knows it as bob, and bob's ACL
    gives no read of alice's topics and no write to her command topic."""
    alice = panel_with(
        cert_broker, "alice", by_cert(cert_broker, "alice", authority.client("alice"))
    )
    bobs = by_cert(cert_broker, "alice", authority.client("bob"))
    mallory = panel_with(cert_broker, "alice", bobs, command_timeout=1.0)
    await alice.link.start()
    await mallory.link.start()
    try:
        await alice.until_connected()
        await sim.incoming_call(number="+79161234567", name="Caller", to="SIP/101")
        await alice.until(lambda: len(alice.calls()) == 1)
        # mallory hears the hub (shared, read-only) but none of alice's calls or buttons
        await mallory.until(lambda: mallory.link.hub is not None)
        assert mallory.calls() == [] and not mallory.client.offered()
        # a command on alice's topic is dropped by the broker: the hub never hears it
        with pytest.raises(ActionTimeout):
            await mallory.link.command("hangup", alice.one().call_id, None)
        assert cert_hub.commands_run == 0
        assert alice.one().state is CallState.RINGING
    finally:
        await mallory.link.stop()
        await alice.link.stop()
