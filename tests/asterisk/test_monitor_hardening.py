"""Issue 11 on ``callpanel monitor``: stdin commands split on CR/LF/CRLF only, other controls
refused by name; JSON lines escape U+2028/U+2029/U+0085; distinct exit code for our own
configuration problems; plain-text login only with ``--plain-login``."""

from __future__ import annotations

import asyncio
import io
import json
import os

import pytest

from callpanel.commandlines import CommandSplitter, Refused, check_command
from callpanel.monitor import EXIT_CONFIG, SECRET_ENV, Monitor

from .amiserver import AmiServer, ServerOptions
from .test_monitor import spawn

pytestmark = pytest.mark.timeout(60)


def split(*chunks: str) -> list[str | Refused]:
    splitter = CommandSplitter(max_length=20)
    out: list[str | Refused] = []
    for chunk in chunks:
        out.extend(splitter.feed(chunk))
    return out + splitter.finish()


def test_commands_end_at_cr_lf_and_crlf_however_reads_split() -> None:
    assert split("hold\rhangup\nanswer\r\nquit") == ["hold", "hangup", "answer", "quit"]
    assert split("hold\r", "\nhangup\r", "\n") == ["hold", "hangup"]
    assert split("ho", "ld\r\r\nx") == ["hold", "", "x"]


def test_an_over_long_command_is_refused_without_being_kept() -> None:
    out = split("dial " + "1" * 50, "1" * 10_000, "\nhold\n")
    assert isinstance(out[0], Refused) and "longer than 20" in out[0].reason
    assert out[1:] == ["hold"]


@pytest.mark.parametrize(
    ("char", "named"),
    [
        ("\u2028", "U+2028 LINE SEPARATOR"),
        ("\u2029", "U+2029 PARAGRAPH SEPARATOR"),
        ("\x85", "U+0085"),
        ("\x0b", "U+000B"),
        ("\x00", "U+0000"),
    ],
)
def test_other_line_breaks_are_refused_by_name(char: str, named: str) -> None:
    checked = check_command(f"dial 101{char}102")
    assert isinstance(checked, Refused)
    assert named in checked.reason
    assert char not in checked.text


def test_json_lines_escape_unicode_line_breaks() -> None:
    out = io.StringIO()
    Monitor(out, lambda _code: None).emit({"name": "Ivan\u2028Petrov\x85\u2029", "n": "é"})
    text = out.getvalue()
    assert text.count("\n") == 1 and len(text.splitlines()) == 1
    assert "\u2028" not in text and "\x85" not in text and "\u2029" not in text
    assert json.loads(text) == {"name": "Ivan\u2028Petrov\x85\u2029", "n": "é"}
    assert "é" in text  # everything else stays readable


@pytest.mark.asyncio
async def test_monitor_splits_stdin_on_cr_and_refuses_u2028() -> None:
    async with AmiServer() as server:
        mon = await spawn(server.port)
        await mon.until(event="Connection", status="connected")
        assert mon.proc.stdin is not None
        mon.proc.stdin.write("hold\rdial 101\u2028102\r\n".encode())
        await mon.proc.stdin.drain()
        first = await mon.until(event="CommandResult")
        assert first["command"] == "hold" and first["ok"] is False  # no active call: its own
        second = await mon.until(event="CommandResult")
        assert second["ok"] is False
        assert "U+2028 LINE SEPARATOR" in str(second["error"])
        mon.proc.stdin.close()
        code, err = await mon.finish()
        assert code == 0, err
        assert not [a for s in server.sessions for a in s.actions if a.name == "Originate"]


@pytest.mark.asyncio
async def test_monitor_md5_refused_exits_4_unless_plain_login() -> None:
    async with AmiServer(ServerOptions(offer_md5=False)) as server:
        mon = await spawn(server.port)
        code, err = await mon.finish()
        assert code == EXIT_CONFIG, err
        failed = [x for x in mon.lines if x.get("status") == "auth_failed"]
        assert failed and failed[0]["setting"] == "plain_login"
        assert "plain-text login is off" in str(failed[0]["error"])
        assert server.plain_secret_uses == 0

        mon = await spawn(server.port, "--plain-login")
        connected = await mon.until(event="Connection", status="connected")
        assert connected["insecure"] is True and connected["plain_login"] is True
        assert mon.proc.stdin is not None
        mon.proc.stdin.close()
        code, err = await mon.finish()
        assert code == 0, err
        assert server.plain_secret_uses == 1


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("extra", "secret", "says"),
    [
        (("--tls", "--cafile", "/nonexistent/ca.pem"), "callpanel-secret", "CA file"),
        (("--user", "callpanel\rAction: Originate"), "callpanel-secret", "user name"),
        ((), "bad\udcff", "not valid UTF-8"),  # the environment's bytes b"bad\xff"
    ],
)
async def test_monitor_local_configuration_errors_exit_at_once(
    extra: tuple[str, ...], secret: str, says: str
) -> None:
    async with AmiServer() as server:
        env = {**os.environ, SECRET_ENV: secret}
        mon = await spawn(server.port, *extra, env=env)
        code, err = await asyncio.wait_for(mon.finish(), 20)
        assert code == EXIT_CONFIG, err
        assert says in err
        assert "\r" not in err.rstrip("\n").replace("\\r", "")
        assert server.sessions == []
