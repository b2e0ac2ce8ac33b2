"""Panel credentials and ACL lines: the format Mosquitto reads, proved against a real broker."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from pathlib import Path

import aiomqtt
import pytest

from callpanel.hub import provision, topics
from callpanel.hub.cli import main as hub_main
from callpanel.hub.mqtt import is_auth_error

from .broker import Broker

pytestmark = pytest.mark.timeout(60)


def test_the_hash_is_mosquittos_pbkdf2_sha512_format() -> None:
    # A line made by Debian's mosquitto_passwd 2.0.11 for the password "secret1".
    stored = (
        "$7$101$dNkxmojTPQ2nvTCb$UhIqMlmZRNZMx/5R4hBdoWLx+vVE8xeBCzSB0+cKYUX/dHHXOzQ/EBMmxlMmzk"
        "hD5P6hg7Iq9ctpZCNtn39wlQ=="
    )
    assert provision.verify_password("secret1", stored)
    assert not provision.verify_password("secret2", stored)
    salt = "dNkxmojTPQ2nvTCb"
    import base64

    assert provision.hash_password("secret1", salt=base64.b64decode(salt)) == stored
    mine = provision.hash_password("пароль")
    assert mine.startswith("$7$101$") and provision.verify_password("пароль", mine)


def test_set_password_replaces_the_users_line_and_keeps_others(tmp_path: Path) -> None:
    passwd = tmp_path / "passwd"
    provision.set_password(passwd, "alice", "one")
    provision.set_password(passwd, "bob", "two")
    provision.set_password(passwd, "alice", "three")
    lines = passwd.read_text().splitlines()
    assert [line.split(":")[0] for line in lines] == ["bob", "alice"]
    assert provision.verify_password("three", lines[1].split(":", 1)[1])
    assert passwd.stat().st_mode & 0o777 == 0o600


def test_set_acl_replaces_a_block(tmp_path: Path) -> None:
    acl = tmp_path / "acl"
    provision.set_acl(acl, provision.hub_acl())
    provision.set_acl(acl, provision.operator_acl("alice"))
    provision.set_acl(acl, provision.operator_acl("alice"))
    text = acl.read_text()
    assert text.count("user alice") == 1 and text.count("user callpanel-hub") == 1
    assert "topic write callpanel/v1/op/alice/cmd" in text
    assert "topic read callpanel/v1/op/alice/calls" in text
    assert "readwrite" not in text.split("user alice")[1]


@pytest.mark.parametrize("name", ["Alice", "a/b", "a+b", "#", "", "a b", "x" * 65, "a:b", "-a"])
def test_unsafe_operator_names_are_refused(name: str, tmp_path: Path) -> None:
    with pytest.raises(topics.BadOperatorName):
        provision.operator_acl(name)
    assert hub_main(["provision", "--passwd", str(tmp_path / "p"), "--", name]) == 2
    assert not (tmp_path / "p").exists()


def test_the_cli_writes_both_files_and_shows_the_password_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    passwd, acl = tmp_path / "passwd", tmp_path / "acl"
    assert hub_main(["provision", "alice", "--passwd", str(passwd), "--acl", str(acl)]) == 0
    out = capsys.readouterr().out.splitlines()
    password = out[out.index(next(x for x in out if x.startswith("# the password"))) + 1]
    stored = passwd.read_text().strip().split(":", 1)[1]
    assert provision.verify_password(password, stored)
    assert password not in passwd.read_text() and password not in acl.read_text()


needs_passwd_tool = pytest.mark.skipif(
    shutil.which("mosquitto_passwd") is None, reason="mosquitto-clients/mosquitto not installed"
)


@needs_passwd_tool
def test_mosquitto_passwd_and_we_write_the_same_kind_of_file(tmp_path: Path) -> None:
    tool = shutil.which("mosquitto_passwd")
    assert tool is not None
    theirs = tmp_path / "theirs"
    subprocess.run([tool, "-c", "-b", str(theirs), "alice", "s3cret"], check=True, timeout=30)
    stored = theirs.read_text().strip().split(":", 1)[1]
    assert provision.verify_password("s3cret", stored)


# -- against a real broker --------------------------------------------------------------------


async def _connect(broker: Broker, user: str, password: str | None = None) -> aiomqtt.Client:
    client = aiomqtt.Client(
        identifier=f"test-{user}", **broker.config_for(user, password=password).client_kwargs()
    )
    await client.__aenter__()
    return client


@pytest.mark.asyncio
async def test_broker_accepts_provisioned_credentials_and_refuses_others(broker: Broker) -> None:
    client = await _connect(broker, "alice")
    await client.__aexit__(None, None, None)
    with pytest.raises(aiomqtt.MqttError) as refused:
        await _connect(broker, "alice", password="wrong")
    assert is_auth_error(refused.value)


@pytest.mark.asyncio
async def test_the_acl_keeps_each_panel_to_its_own_topics(broker: Broker) -> None:
    """alice cannot read bob's calls or results, cannot command for bob, cannot forge calls
    or the hub's status; she reads her own topics and the shared presence topic."""
    hub = await _connect(broker, "callpanel-hub")
    alice = await _connect(broker, "alice")
    try:
        await hub.subscribe(f"{topics.ROOT}/#", qos=1)
        await alice.subscribe(topics.calls("bob"), qos=1)
        await alice.subscribe(topics.result("bob"), qos=1)
        await alice.subscribe(topics.calls("alice"), qos=1)
        await alice.subscribe(topics.PRESENCE, qos=1)
        # what alice tries to write where she may not
        for topic in (
            topics.command("bob"),
            topics.calls("alice"),
            topics.HUB_STATUS,
            topics.PRESENCE,
        ):
            await alice.publish(topic, b'{"forged": true}', qos=1)
        await alice.publish(topics.command("alice"), b'{"mine": true}', qos=1)
        # what the hub publishes
        for topic in (
            topics.calls("bob"),
            topics.result("bob"),
            topics.calls("alice"),
            topics.PRESENCE,
        ):
            await hub.publish(topic, json.dumps({"to": topic}).encode(), qos=1)

        await hub.publish(topics.PRESENCE, b'{"end": true}', qos=1)
        hub_got: list[tuple[str, bytes]] = []
        alice_got: list[tuple[str, bytes]] = []

        async def read(client: aiomqtt.Client, into: list[tuple[str, bytes]]) -> None:
            async for message in client.messages:
                assert isinstance(message.payload, bytes)
                into.append((str(message.topic), message.payload))
                if message.payload == b'{"end": true}':
                    return

        # Every client gets its messages in order: the hub's last one comes after all above.
        async with asyncio.timeout(5):
            await asyncio.gather(read(hub, hub_got), read(alice, alice_got))
        assert [t for t, _ in alice_got] == [
            topics.calls("alice"),
            topics.PRESENCE,
            topics.PRESENCE,
        ]
        assert (topics.command("alice"), b'{"mine": true}') in hub_got
        assert not [t for t, p in hub_got + alice_got if b"forged" in p]
    finally:
        await alice.__aexit__(None, None, None)
        await hub.__aexit__(None, None, None)
