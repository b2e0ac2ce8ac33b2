"""Reconnect delays: exponential backoff with jitter, as a pure function (easy to test)."""

from __future__ import annotations

import random
from collections.abc import Callable

DEFAULT_BASE = 0.5
DEFAULT_CAP = 30.0


def backoff(
    attempt: int,
    base: float = DEFAULT_BASE,
    cap: float = DEFAULT_CAP,
    rng: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait before reconnect attempt number ``attempt`` (0 = the first retry).

    The first retry is fast (at most ``base``, jittered from 0 so that many panels dropped by
    the same Asterisk restart do not all come back in the same millisecond). Later delays
    double each time and are capped; each is jittered between half and all of its nominal
    value ("equal jitter"), so the sequence still grows while clients spread out.
    """
    if attempt < 0:
        raise ValueError(f"attempt must be >= 0, not {attempt}")
    if base <= 0 or cap <= 0:
        raise ValueError("base and cap must be positive")
    draw = min(max(rng(), 0.0), 1.0)
    if attempt == 0:
        return min(base, cap) * draw
    # 2**attempt overflows float for absurd attempts; the cap applies long before that.
    nominal = cap if attempt >= 64 else min(cap, base * 2.0**attempt)
    return nominal * (0.5 + 0.5 * draw)
