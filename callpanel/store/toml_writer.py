"""A tiny TOML writer for flat tables of strings, integers, booleans, floats and string lists.

The standard library reads TOML (``tomllib``) but cannot write it; settings are one flat table,
so this is all we need and keeps us free of an extra dependency. Output is valid TOML 1.0 that
``tomllib`` reads back to the same values (a property test checks it).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

TomlScalar = str | int | float | bool
TomlValue = TomlScalar | Sequence[TomlScalar]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+", re.ASCII)
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _string(value: str) -> str:
    out: list[str] = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        elif 0xD800 <= ord(char) <= 0xDFFF:
            raise ValueError("a lone surrogate cannot be written to TOML")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def format_value(value: TomlValue) -> str:
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Sequence):
        return "[" + ", ".join(format_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def dumps(table: Mapping[str, TomlValue], header: str = "") -> str:
    """One flat table; ``header`` lines are written as ``#`` comments first."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines.extend(f"{_key(key)} = {format_value(value)}" for key, value in table.items())
    return "\n".join(lines) + "\n"
