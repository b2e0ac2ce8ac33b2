"""Shared test set-up: headless Qt, the real AMI recordings, and helpers."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# panels started by the tests log here, not into the user's own log directory
os.environ.setdefault("CALLPANEL_LOG_DIR", tempfile.mkdtemp(prefix="callpanel-test-log-"))

import pytest

TESTS = Path(__file__).resolve().parent
CAPTURES = TESTS / "data" / "ami-captures"
VERSIONS = ("13.38.3", "18.26.4")


def capture_paths(suffix: str = ".ami") -> list[Path]:
    return sorted(CAPTURES.glob(f"*/*{suffix}"))


def read_jsonl_in(path: Path) -> bytes:
    """The bytes the server sent, from a .jsonl recording (only "in" chunks)."""
    chunks: list[bytes] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if rec["dir"] == "in":
                    chunks.append(rec["data"].encode("utf-8"))
    return b"".join(chunks)


@pytest.fixture(params=capture_paths(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def capture(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path
