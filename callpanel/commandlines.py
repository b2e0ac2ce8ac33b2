"""Commands typed or piped into ``callpanel monitor``: split the way a person expects.

A command ends at CR, LF or CRLF (a CRLF split between two reads still ends one command). Any
other control character inside a command (U+2028, U+0085 NEL, a vertical tab …) is not taken
as a line break and not passed on: the command is refused naming the character, so
``dial 101<U+2028>102`` never dials 101102. A tab counts as a space. An over-long command
is refused as a whole, without holding more than ``max_length`` characters of it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .ami.controls import CONTROL

MAX_COMMAND_LENGTH = 4096


@dataclass(frozen=True)
class Refused:
    """A line that is not a command; ``reason`` says why (shown in its CommandResult)."""

    text: str  # the start of the line, controls escaped, for the CommandResult
    reason: str


def describe_character(char: str) -> str:
    """``U+2028 LINE SEPARATOR``; C0/C1 controls have no name, so ``U+0085``."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


def check_command(line: str) -> str | Refused:
    """The command with tabs as spaces, or Refused naming its first control character."""
    line = line.replace("\t", " ")
    bad = CONTROL.search(line)
    if bad is None:
        return line
    char = bad.group()
    shown = CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", line[:80])
    return Refused(shown, f"the command contains {describe_character(char)}; one command per line")


class CommandSplitter:
    """Feed text as it arrives; get back complete lines (or Refused for over-long ones)."""

    def __init__(self, max_length: int = MAX_COMMAND_LENGTH) -> None:
        self.max_length = max_length
        self._part: list[str] = []
        self._size = 0
        self._too_long = False
        self._after_cr = False  # the last chunk ended in CR: a leading LF belongs to it

    def feed(self, text: str) -> list[str | Refused]:
        out: list[str | Refused] = []
        start = 0
        if self._after_cr and text.startswith("\n"):
            start = 1
        self._after_cr = False
        size = len(text)
        while start <= size:
            cr = text.find("\r", start)
            lf = text.find("\n", start)
            ends = [i for i in (cr, lf) if i >= 0]
            if not ends:
                self._keep(text[start:])
                break
            end = min(ends)
            self._keep(text[start:end])
            out.append(self._take())
            if text[end] == "\r":
                if end + 1 < size and text[end + 1] == "\n":
                    end += 1
                elif end + 1 == size:
                    self._after_cr = True
            start = end + 1
        return out

    def finish(self) -> list[str | Refused]:
        """End of input: a last command without a line break still counts."""
        if self._part or self._too_long:
            return [self._take()]
        return []

    def _keep(self, piece: str) -> None:
        if not piece or self._too_long:
            return
        if self._size + len(piece) > self.max_length:
            self._too_long, self._part, self._size = True, [], 0
            return
        self._part.append(piece)
        self._size += len(piece)

    def _take(self) -> str | Refused:
        if self._too_long:
            line: str | Refused = Refused(
                "", f"the command is longer than {self.max_length} characters"
            )
        else:
            line = "".join(self._part)
        self._part, self._size, self._too_long = [], 0, False
        return line
