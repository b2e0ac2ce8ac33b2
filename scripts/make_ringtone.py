#!/usr/bin/env python3
"""Writes resources/sounds/ring.wav, the panel's ringtone: two short soft chimes (E6 over
C6, with a fade so nothing clicks) and a pause, 2 s, 16 kHz mono 16-bit, ~64 KB. Made with the
standard library only, so the sound is ours (MIT) and can be regenerated:

    python3 scripts/make_ringtone.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 16000
OUT = Path(__file__).resolve().parents[1] / "resources" / "sounds" / "ring.wav"


def chime(seconds: float, freqs: tuple[float, ...], volume: float) -> list[float]:
    n = int(RATE * seconds)
    out = []
    for i in range(n):
        t = i / RATE
        attack = min(1.0, t / 0.01)
        decay = math.exp(-4.0 * t / seconds)
        release = min(1.0, (n - i) / (RATE * 0.02))
        value = sum(math.sin(2 * math.pi * f * t) for f in freqs) / len(freqs)
        out.append(volume * attack * decay * release * value)
    return out


def main() -> int:
    samples: list[float] = []
    for _ in range(2):
        samples += chime(0.32, (1318.5, 2637.0), 0.55)  # E6 with its octave
        samples += chime(0.38, (1046.5, 2093.0), 0.55)  # C6 with its octave
        samples += [0.0] * int(RATE * 0.1)
    samples += [0.0] * int(RATE * 0.5)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(struct.pack("<h", int(v * 32767)) for v in samples))
    print(OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
