"""Every real recording parses the same whole, byte by byte, in random chunks and as LF.

LF conversion (``\\r\\n`` -> ``\\n``) legitimately differs only where a CRLF-framed value holds a
bare ``\\n`` in its middle: in LF framing that ``\\n`` ends the line. A bare ``\\n`` at the end
of a value (``Park successful\\n``) or inside 13's command output gives the same result. The
recordings hold bare LFs only in 13's command output, so here the results must be equal.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callpanel.ami import AmiParser, Banner, Event, LineEnding, RemoteProtocolError, Response
from tests.ami.util import (
    comparable,
    count_frames,
    parse_bytewise,
    parse_chunks,
    parse_split,
    parse_whole,
)
from tests.conftest import CAPTURES, capture_paths, read_jsonl_in


def _readme_table() -> dict[tuple[str, str], tuple[int, int]]:
    """(version, scenario) -> (bytes, AMI msgs) from the README's per-version tables."""
    table: dict[tuple[str, str], tuple[int, int]] = {}
    version = ""
    for line in (CAPTURES / "README.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"## Asterisk (\d+\.\d+\.\d+)\s*$", line)
        if heading:
            version = heading.group(1)
            continue
        row = re.match(r"\| (\d\d_\w+) \| (\d+) \| (\d+) \|", line)
        if row and version:
            table[(version, row.group(1))] = (int(row.group(2)), int(row.group(3)))
    return table


README = _readme_table()


def test_readme_table_covers_every_recording() -> None:
    keys = {(p.parent.name, p.stem) for p in capture_paths()}
    assert len(keys) == 36
    assert keys <= README.keys()


def test_parses_whole_without_error(capture: Path) -> None:
    data = capture.read_bytes()
    out = parse_whole(data)
    assert not [o for o in out if isinstance(o, RemoteProtocolError)]
    assert isinstance(out[0], Banner)
    assert out[0].text.startswith("Asterisk Call Manager/")
    assert all(isinstance(o, Event | Response) for o in out[1:])
    # counted independently of the parser, and against the README's "AMI msgs" (+ banner)
    assert len(out) == count_frames(data)
    size, ami_msgs = README[(capture.parent.name, capture.stem)]
    assert len(data) == size
    assert len(out) == ami_msgs + 1


@pytest.mark.parametrize(
    ("version", "scenario", "expected"),
    [
        ("18.26.4", "01_incoming_answered_caller_hangs_up", 103),
        ("13.38.3", "16_resync_snapshot", 109),
        ("18.26.4", "17_login_md5_challenge_and_ping", 8),
        ("13.38.3", "18_login_failure", 2),
    ],
)
def test_known_message_counts(version: str, scenario: str, expected: int) -> None:
    data = (CAPTURES / version / f"{scenario}.ami").read_bytes()
    assert len(parse_whole(data)) == expected


def test_same_messages_byte_by_byte(capture: Path) -> None:
    data = capture.read_bytes()
    assert parse_bytewise(data) == parse_whole(data)


def test_jsonl_chunks_as_recorded_match_the_ami_file(capture: Path) -> None:
    jsonl = capture.with_suffix(".jsonl")
    chunks = []
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        if '"dir": "in"' in line:
            chunks.append(json.loads(line)["data"].encode("utf-8"))
    assert b"".join(chunks) == read_jsonl_in(jsonl) == capture.read_bytes()
    assert parse_chunks(chunks) == parse_whole(capture.read_bytes())


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_same_messages_in_random_chunks(capture: Path, data: st.DataObject) -> None:
    raw = capture.read_bytes()
    cuts = data.draw(st.lists(st.integers(0, len(raw)), max_size=60), label="cuts")
    assert parse_split(raw, cuts) == parse_whole(raw)


@settings(max_examples=30, deadline=None)
@given(cuts=st.lists(st.integers(0, 2000), max_size=40))
def test_random_chunks_with_small_pieces(cuts: list[int]) -> None:
    """R5: 1-7 byte pieces and arbitrary splits near 13's command output and the banner."""
    raw = (CAPTURES / "13.38.3" / "17_login_md5_challenge_and_ping.ami").read_bytes()
    assert parse_split(raw, cuts) == parse_whole(raw)
    assert parse_split(raw, range(0, len(raw), 7)) == parse_whole(raw)


def test_lf_framing_gives_the_same_headers(capture: Path) -> None:
    raw = capture.read_bytes()
    crlf = parse_whole(raw)
    lf_data = raw.replace(b"\r\n", b"\n")
    lf = parse_whole(lf_data)
    assert comparable(lf) == comparable(crlf)
    assert parse_bytewise(lf_data) == lf


def test_line_ending_detected_from_the_banner(capture: Path) -> None:
    raw = capture.read_bytes()
    for data, ending in ((raw, LineEnding.CRLF), (raw.replace(b"\r\n", b"\n"), LineEnding.LF)):
        parser = AmiParser()
        parser.feed(data)
        assert parser.line_ending is ending
