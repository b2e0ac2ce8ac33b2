"""What both benchmarks share: the real recordings as one stream, socket-sized chunks, our bare
parser, panoramisk 1.4's parser driven exactly as asyncio drives it, and a CPU-time clock."""

from __future__ import annotations

import gc
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from callpanel.ami import AmiParser  # noqa: E402

CAPTURES = ROOT / "tests" / "data" / "ami-captures"
MIN_MESSAGES = 100_000


def load_body() -> tuple[bytes, int]:
    """All .ami recordings without their banner line, and how many messages they hold."""
    parts = []
    for path in sorted(CAPTURES.glob("*/*.ami")):
        data = path.read_bytes()
        parts.append(data[data.index(b"\r\n") + 2 :])
    body = b"".join(parts)
    # Every message in these recordings ends in CRLF CRLF (13's command output included).
    return body, body.count(b"\r\n\r\n")


def make_chunks(stream: bytes, seed: int = 20261127) -> list[bytes]:
    """4-64 KB pieces, as a socket would deliver them (fixed seed: every run the same)."""
    rng = random.Random(seed)
    chunks: list[bytes] = []
    pos = 0
    while pos < len(stream):
        size = rng.randint(4 * 1024, 64 * 1024)
        chunks.append(stream[pos : pos + size])
        pos += size
    return chunks


def run_parse_all(chunks: list[bytes]) -> int:
    """Our parser alone, every message built."""
    parser = AmiParser(expect_banner=False)
    receive, next_message = parser.receive_data, parser.next_message
    count = 0
    for chunk in chunks:
        receive(chunk)
        while next_message() is not None:
            count += 1
    return count


def make_panoramisk_runner() -> Callable[[list[bytes]], int]:
    """panoramisk's ``AMIProtocol.data_received`` on a dummy transport, counting messages
    (its ``handle_message`` needs a live Manager to dispatch to). ImportError if not installed."""
    from panoramisk.ami_protocol import AMIProtocol

    class DummyTransport:
        def write(self, data: bytes) -> None:
            pass

        def close(self) -> None:
            pass

    class CountingProtocol(AMIProtocol):  # type: ignore[misc]
        count = 0

        def handle_message(self, message: Any) -> None:
            self.count += 1

    def run_panoramisk(chunks: list[bytes]) -> int:
        protocol = CountingProtocol()
        protocol.connection_made(DummyTransport())
        receive = protocol.data_received
        for chunk in chunks:
            receive(chunk)
        return int(protocol.count)

    return run_panoramisk


def panoramisk_or_none() -> Callable[[list[bytes]], int] | None:
    """The panoramisk runner, or None after telling how to install it."""
    try:
        return make_panoramisk_runner()
    except ImportError:
        print("panoramisk is not installed: pip install 'panoramisk==1.4'", file=sys.stderr)
        return None


def timed(func: Callable[[list[bytes]], int], chunks: list[bytes]) -> tuple[float, int]:
    """CPU seconds of this process: on a shared machine, time spent descheduled is not ours."""
    gc.collect()
    start = time.process_time()
    count = func(chunks)
    return time.process_time() - start, count
