"""``callpanel monitor --tls --fingerprint SHA256``: parsed, validated before connecting, and a
pinned self-signed server connects without being reported as insecure."""

from __future__ import annotations

from pathlib import Path

import pytest

from callpanel.asterisk.errors import InvalidInput
from callpanel.monitor import SECRET_ENV, build_parser, configs, main

from .amiserver import AmiServer
from .test_monitor import spawn
from .tls_certs import OPENSSL, make_cert, openssl_fingerprint, server_context

pytestmark = pytest.mark.timeout(60)

BASE = "--host pbx --user op --endpoint SIP/101"
PIN = ":".join(["0F"] * 32)


def test_fingerprint_argument_is_normalised_and_pins() -> None:
    args = build_parser().parse_args(f"{BASE} --tls --fingerprint {'0f' * 32}".split())
    conn, _client = configs(args, "s3cret")
    assert conn.tls and conn.port == 5039 and conn.tls_fingerprint == PIN
    assert not conn.insecure
    pinned_insecure = build_parser().parse_args(
        f"{BASE} --tls --insecure --fingerprint {PIN}".split()
    )
    assert not configs(pinned_insecure, "x")[0].insecure  # the pin is still checked
    assert (
        configs(build_parser().parse_args(f"{BASE} --tls".split()), "x")[0].tls_fingerprint is None
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (f"--fingerprint {PIN}", "need --tls"),
        ("--tls --fingerprint AB:CD", "invalid SHA-256 certificate fingerprint"),
        (f"--tls --fingerprint {'0f' * 31}zz", "64 hex digits"),
    ],
)
def test_bad_fingerprint_arguments_are_refused(extra: str, message: str) -> None:
    args = build_parser().parse_args(f"{BASE} {extra}".split())
    with pytest.raises(InvalidInput, match=message):
        configs(args, "x")


def test_main_exits_2_with_the_reason_before_connecting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(SECRET_ENV, "s3cret")
    # Refused while building the config: no event loop, no connection, nothing on stdout.
    code = main(f"{BASE} --port 9 --tls --fingerprint nothex".split())
    assert code == 2
    captured = capsys.readouterr()
    assert "invalid SHA-256 certificate fingerprint 'nothex'" in captured.err
    assert captured.out == "" and "s3cret" not in captured.err


@pytest.mark.asyncio
async def test_monitor_connects_to_a_pinned_self_signed_server(tmp_path: Path) -> None:
    if OPENSSL is None:
        pytest.skip("openssl is not installed")
    cert, key = make_cert(tmp_path, "ami-monitor", "IP:127.0.0.1")
    typed = openssl_fingerprint(cert).split("=", 1)[1]  # AB:CD:… as openssl prints it
    async with AmiServer(tls=server_context(cert, key)) as server:
        mon = await spawn(server.port, "--tls", "--fingerprint", typed)
        connected = await mon.until(event="Connection", status="connected")
        assert "insecure" not in connected
        assert server.md5_logins == 1 and server.plain_secret_uses == 0
        assert mon.proc.stdin is not None
        mon.proc.stdin.close()
        code, err = await mon.finish()
        assert code == 0, err
