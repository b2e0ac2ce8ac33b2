"""The pure parts of the manager: backoff delays and version parsing."""

from __future__ import annotations

import random

import pytest

from callpanel.asterisk.backoff import backoff
from callpanel.asterisk.manager import parse_version


def test_first_retry_is_fast() -> None:
    assert backoff(0, rng=lambda: 1.0) == 0.5
    assert backoff(0, rng=lambda: 0.0) == 0.0
    assert all(backoff(0) <= 0.5 for _ in range(100))


def test_delays_grow_exponentially_within_jitter_bounds() -> None:
    for attempt in range(1, 6):
        nominal = 0.5 * 2**attempt
        assert backoff(attempt, rng=lambda: 0.0) == pytest.approx(nominal / 2)
        assert backoff(attempt, rng=lambda: 1.0) == pytest.approx(nominal)
    lows = [backoff(a, rng=lambda: 0.0) for a in range(1, 6)]
    assert lows == sorted(lows) and lows[-1] > lows[0] * 8


def test_delays_are_capped_even_for_huge_attempts() -> None:
    assert backoff(10, rng=lambda: 1.0) == 30.0
    assert backoff(10_000, rng=lambda: 1.0) == 30.0
    assert backoff(10_000, rng=lambda: 0.0) == 15.0
    assert backoff(3, base=1.0, cap=5.0, rng=lambda: 1.0) == 5.0


def test_jitter_spreads_clients() -> None:
    rng = random.Random(42)
    delays = {round(backoff(4, rng=rng.random), 6) for _ in range(50)}
    assert len(delays) > 40
    assert all(4.0 <= d <= 8.0 for d in delays)


def test_rng_out_of_range_is_clamped() -> None:
    assert backoff(2, rng=lambda: 7.0) == 2.0
    assert backoff(2, rng=lambda: -1.0) == 1.0


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        backoff(-1)
    with pytest.raises(ValueError):
        backoff(1, base=0)


def test_total_wait_over_a_minute_outage_is_a_handful_of_attempts() -> None:
    # R9: with the defaults a 60 s outage costs few attempts, not a storm
    elapsed, attempts = 0.0, 0
    while elapsed < 60.0:
        elapsed += backoff(attempts, rng=lambda: 0.5)
        attempts += 1
    assert attempts <= 10


def test_parse_version() -> None:
    assert parse_version("18.26.4") == (18, 26, 4)
    assert parse_version("certified/18.9-cert5") == (18, 9)
    assert parse_version("GIT-master-abc") is None
    assert parse_version(None) is None
    assert parse_version("") is None
