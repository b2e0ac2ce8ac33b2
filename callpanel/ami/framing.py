"""Line endings: Asterisk writes CRLF; proxies and test servers may write bare LF."""

from __future__ import annotations

import enum


class LineEnding(enum.Enum):
    CRLF = "\r\n"
    LF = "\n"

    @classmethod
    def parse(cls, text: str) -> LineEnding:
        key = text.strip().lower()
        if key in ("crlf", "\r\n"):
            return cls.CRLF
        if key in ("lf", "\n"):
            return cls.LF
        raise ValueError(f"unknown line ending {text!r}: use 'crlf' or 'lf'")
