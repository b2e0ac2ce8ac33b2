"""The AMI traffic capture for diagnostics: tapped from the real connection, bounded, never the
secret or the MD5 exchange, masking on request, and `callpanel replay` reads it back."""

from __future__ import annotations

import asyncio
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from callpanel import diagnostics
from callpanel.asterisk import traffic
from callpanel.asterisk.config import ConnectionConfig
from callpanel.asterisk.connection import AsteriskConnection
from callpanel.replay import main as replay_main
from callpanel.sim import SimConfig, SimPbx
from callpanel.store import paths

SECRET = "callpanel-secret"


@pytest.fixture
def recorder() -> Iterator[traffic.TrafficRecorder]:
    rec = traffic.TrafficRecorder()
    remove = traffic.add_tap(rec)
    yield rec
    remove()


def everything(rec: traffic.TrafficRecorder) -> bytes:
    return b"".join(data for _t, _d, data in rec.chunks())


@pytest.mark.asyncio
@pytest.mark.timeout(30)
async def test_a_real_session_is_captured_without_the_secret_or_the_md5_exchange(
    recorder: traffic.TrafficRecorder,
) -> None:
    sim = SimPbx(SimConfig(time_scale=0.005))
    await sim.start("127.0.0.1", 0)
    try:
        conn = AsteriskConnection(
            ConnectionConfig(port=sim.port, secret=SECRET), on_event=lambda _e: None
        )
        await conn.open()
        assert conn.used_md5
        await sim.incoming_call("+79161234567", "Ivan Petrov")
        await asyncio.sleep(0)
        await conn.close()
    finally:
        await sim.stop()
    data = everything(recorder)
    directions = {d for _t, d, _data in recorder.chunks()}
    assert directions == {"in", "out"}
    assert b"Action: Login" in data and b"Asterisk Call Manager/" in data
    assert SECRET.encode() not in data
    assert b"Key: ********" in data and b"Challenge: ********" in data
    # nothing in the capture looks like a challenge or an MD5 answer any more
    for line in data.splitlines():
        if line.lower().startswith((b"key:", b"challenge:", b"secret:")):
            assert line.endswith(b"********"), line


def test_a_secret_split_across_reads_is_still_removed() -> None:
    rec = traffic.TrafficRecorder()
    rec("out", b"Action: Login\r\nUsername: op\r\nSecret: hunter22\r\n\r\n")
    rec("in", b"Response: Success\r\nChallenge: 8412")
    rec("in", b"33791\r\n\r\nEvent: Newchannel\r\nCallerIDNum: 101\r\n\r\nEvent: Ha")
    assert len(rec.chunks()) == 2  # the half-read "Event: Ha…" waits for its end
    data = everything(rec)
    assert b"hunter22" not in data and b"841233791" not in data and b"8412" not in data
    assert b"Secret: ********" in data and b"Challenge: ********" in data
    rec("in", b"ngup\r\n\r\n")
    assert everything(rec).endswith(b"Event: Hangup\r\n\r\n")


def test_the_ring_keeps_the_last_minutes_and_a_bounded_size() -> None:
    clock = [1000.0]
    rec = traffic.TrafficRecorder(max_age=60, max_bytes=1000, clock=lambda: clock[0])
    for i in range(10):
        clock[0] += 20
        rec("in", f"Event: Newstate\r\nN: {i}\r\n\r\n".encode())
    assert [t for t, _d, _data in rec.chunks()] == [1140.0, 1160.0, 1180.0, 1200.0]
    rec("in", b"Event: Big\r\nX: " + b"x" * 2000 + b"\r\n\r\n")
    assert sum(len(d) for _t, _d, d in rec.chunks()) <= 1000 or len(rec.chunks()) == 1


def test_masking_is_consistent_and_replay_reads_the_recording() -> None:
    capture = Path(__file__).parents[1] / "data" / "ami-captures" / "18.26.4"
    recording = sorted(capture.glob("01_*.jsonl"))[0]
    chunks = traffic.read_records(recording.read_text(encoding="utf-8").splitlines())
    assert chunks
    plain, masked = traffic.to_jsonl(chunks), traffic.to_jsonl(chunks, mask=True)
    assert "callpanel-secret" not in plain and "Secret: ********" in plain
    original = recording.read_text(encoding="utf-8")
    numbers = {n for n in re.findall(r"\+?\d{5,}", original) if len(n) >= 10}
    names = set(re.findall(r"CallerIDName: ([^\\]+)\\r", original)) - {"<unknown>"}
    for secret in numbers | names:
        assert secret not in masked, secret
    for text in (plain, masked):
        out = io.StringIO()
        assert _replay(text, ["--endpoint", "SIP/101"], out) == 0
        events = [json.loads(line)["event"] for line in out.getvalue().splitlines()]
        assert "RingStarted" in events and "RingFinished" in events
    # the same caller is the same stand-in in every message of the masked recording
    stand_ins = {
        json.loads(line)["number"]
        for line in _replay_lines(masked, ["--endpoint", "SIP/101"])
        if json.loads(line)["event"] == "RingStarted"
    }
    assert len(stand_ins) == 1


def _replay(text: str, args: list[str], out: io.StringIO) -> int:
    import sys

    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    try:
        return replay_main(["-", *args], stdout=out, stderr=io.StringIO())
    finally:
        sys.stdin = saved


def _replay_lines(text: str, args: list[str]) -> list[str]:
    out = io.StringIO()
    assert _replay(text, args, out) == 0
    return out.getvalue().splitlines()


def test_the_traffic_file_rotates_and_reads_back_the_last_minutes(tmp_path: Path) -> None:
    path = tmp_path / "ami-traffic.jsonl"
    sink = traffic.TrafficFile(path, max_bytes=400, flush_every=0)
    clock = [5000.0]
    rec = traffic.TrafficRecorder(clock=lambda: clock[0], sink=sink)
    for i in range(20):
        clock[0] += 60
        rec("in", f"Event: Newstate\r\nUniqueid: {i}\r\n\r\n".encode())
    sink.close()
    assert path.exists() and path.with_name("ami-traffic.jsonl.1").exists()
    recent = traffic.recent_traffic(path, minutes=3, now=clock[0])
    assert [t for t, _d, _data in recent] == [
        clock[0] - 180,
        clock[0] - 120,
        clock[0] - 60,
        clock[0],
    ]


def test_diagnostics_zip_has_the_report_log_and_traffic_without_the_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.LOG_DIR_ENV, str(tmp_path / "log"))
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(tmp_path / "config"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    sink = traffic.TrafficFile(diagnostics.traffic_path(), flush_every=0)
    rec = traffic.TrafficRecorder(sink=sink)
    rec("out", b"Action: Login\r\nUsername: callpanel\r\nSecret: s3cret-x\r\n\r\n")
    rec("in", b"Response: Success\r\nAsteriskVersion: 18.26.4\r\n\r\n")
    rec("in", b"Event: Newchannel\r\nCallerIDNum: 79161234567\r\nCallerIDName: Ivan\r\n\r\n")
    sink.close()
    for mask in (False, True):
        out = io.StringIO()
        target = tmp_path / f"d-{mask}.zip"
        args = ["-o", str(target), *(["--mask"] if mask else [])]
        assert diagnostics.main(args, out=out) == 0
        with zipfile.ZipFile(target) as archive:
            assert sorted(archive.namelist()) == [
                "ami-traffic.jsonl",
                "callpanel.log",
                "report.txt",
            ]
            blob = b"".join(archive.read(name) for name in archive.namelist())
            report = archive.read("report.txt").decode()
            recording = archive.read("ami-traffic.jsonl").decode()
        assert b"s3cret-x" not in blob
        assert "Asterisk 18.26.4" in report and "callpanel " in report
        assert "host = " in report and "username = 'callpanel'" in report
        assert ("79161234567" in recording) is (not mask)
        assert ("Ivan" in recording) is (not mask)
        assert len(_replay_lines(recording, ["--messages"])) == 2  # replay feeds "in" only
