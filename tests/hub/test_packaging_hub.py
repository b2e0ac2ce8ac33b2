"""The shipped hub files (packaging/hub) work: the broker starts with the mosquitto.conf
template, the ACL template is what provision writes, the example hub.toml is read."""

from __future__ import annotations

import tomllib
from pathlib import Path

import aiomqtt
import pytest

from callpanel.asterisk.config import HoldStrategy
from callpanel.hub import config as hub_config
from callpanel.hub import provision

from .broker import Broker

PACKAGING = Path(__file__).resolve().parents[2] / "packaging" / "hub"


def test_the_acl_template_is_what_provision_writes() -> None:
    text = (PACKAGING / "callpanel.acl").read_text(encoding="utf-8")
    blocks = [b.strip() for b in text.split("\n\n") if b.startswith("# callpanel ")]
    assert blocks == [
        "\n".join(provision.hub_acl("callpanel-hub")),
        "\n".join(provision.operator_acl("alice")),
    ]


def test_the_example_hub_toml_is_read() -> None:
    data = tomllib.loads((PACKAGING / "hub.toml").read_text(encoding="utf-8"))
    del data["broker"]["cafile"]  # the example's CA is not on this machine
    env = {"CALLPANEL_SECRET": "s", "CALLPANEL_BROKER_PASSWORD": "p"}
    config = hub_config.parse(data, env)
    assert sorted(config.operators) == ["alice", "bob"]
    assert config.operators["bob"].hold_strategy is HoldStrategy.PBX_MOH
    assert config.broker.tls and config.broker.port == 8883
    assert config.ami.secret == "s" and config.broker.password == "p"
    assert config.colleague_context == "internal"
    alice = config.centre_of("alice")  # queue identity from her phone unless set
    assert (alice.queue_interface, alice.member_name, alice.extension) == (
        "PJSIP/101",
        "PJSIP/101",
        "101",
    )


def test_an_operators_queue_identity_is_read() -> None:
    data = {
        "operators": {
            "alice": {
                "endpoints": ["PJSIP/101"],
                "queue_interface": "Local/101@from-queue/n",
                "member_name": "Алиса",
                "state_interface": "PJSIP/101",
                "extension": "101",
            }
        }
    }
    config = hub_config.parse(data, {"CALLPANEL_SECRET": "s"})
    alice = config.centre_of("alice")
    assert (alice.queue_interface, alice.member_name, alice.state_interface) == (
        "Local/101@from-queue/n",
        "Алиса",
        "PJSIP/101",
    )


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"operators": {}}, "serves no one"),
        ({"operators": {"Alice": {"endpoints": ["SIP/1"]}}}, "lower-case"),
        ({"operators": {"a": {"endpoints": []}}}, "non-empty list"),
        ({"operators": {"a": {"endpoints": ["SIP/1"]}, "b": {"endpoints": ["SIP/1"]}}}, "both"),
        ({"operators": {"a": {"endpoints": ["SIP/1\r\nAction: Originate"]}}}, "operators.a"),
        ({"defaults": {"secret": "x"}}, "does not know"),
        ({"operators": {"a": {"endpoints": ["SIP/1"], "colour": "red"}}}, "does not know"),
        (
            {"operators": {"a": {"endpoints": ["SIP/1"], "member_name": "A\r\nAction: X"}}},
            "operators.a",
        ),
        ({"centre": {"colleague_contex": "internal"}}, "does not know"),
        ({"centre": {"colleague_context": "in ternal"}}, "[centre]"),
    ],
)
def test_configuration_errors_name_the_setting(change: dict[str, object], error: str) -> None:
    data: dict[str, object] = {
        "operators": {"a": {"endpoints": ["SIP/1"]}},
        "broker": {"tls": False},
    }
    data.update(change)
    with pytest.raises(hub_config.HubConfigError, match=error):
        hub_config.parse(data, {"CALLPANEL_SECRET": "s"})


def test_no_ami_secret_is_an_error() -> None:
    data = {"operators": {"a": {"endpoints": ["SIP/1"]}}, "broker": {"tls": False}}
    with pytest.raises(hub_config.HubConfigError, match="no AMI secret"):
        hub_config.parse(data, {})


@pytest.mark.asyncio
@pytest.mark.timeout(60)
async def test_the_broker_starts_with_the_shipped_mosquitto_conf(tmp_path: Path) -> None:
    broker = Broker(tmp_path / "b")
    broker.add_operator("alice")
    assert broker.cafile is not None
    template = (PACKAGING / "mosquitto.conf").read_text(encoding="utf-8")
    text = (
        template.replace("/etc/mosquitto/certs/broker.crt", str(broker.certfile))
        .replace("/etc/mosquitto/certs/broker.key", str(broker.keyfile))
        .replace("/etc/mosquitto/certs/ca.crt", str(broker.cafile))
        .replace("/etc/mosquitto/callpanel.passwd", str(broker.passwd))
        .replace("/etc/mosquitto/callpanel.acl", str(broker.acl))
    )
    import os

    if os.geteuid() == 0:
        text += "user root\n"
    broker.config_text = lambda port: text.replace("listener 8883", f"listener {port} 127.0.0.1")
    await broker.start()
    try:
        async with aiomqtt.Client(identifier="t", **broker.config_for("alice").client_kwargs()):
            pass
        with pytest.raises(aiomqtt.MqttError):  # no plain-text listener, no anonymous login
            async with aiomqtt.Client("127.0.0.1", broker.port, identifier="anon", timeout=3):
                pass
    finally:
        broker.stop()
