"""Shared pieces of the action handlers: the parsed request, the result, the context."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from . import events as ev
from .config import Dialect
from .model import SimError
from .state import Channel
from .transfers import Pbx

Pairs = list[tuple[str, str]]


@dataclass(frozen=True)
class AmiRequest:
    name: str
    headers: tuple[tuple[str, str], ...]

    def get(self, key: str, default: str = "") -> str:
        wanted = key.lower()
        for name, value in self.headers:
            if name.lower() == wanted:
                return value.strip()
        return default

    def get_all(self, key: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == key.lower()]

    @property
    def action_id(self) -> str | None:
        value = self.get("ActionID")
        return value or None


@dataclass
class ActionResult:
    messages: list[Pairs]
    then: Callable[[], None] | None = None
    raw: bytes | None = None  # 13's Command output is not a header block
    close: bool = False
    deferred: asyncio.Future[Pairs] | None = None  # synchronous Originate
    extra_delay: float = 0.0


@dataclass
class ActionContext:
    pbx: Pbx
    dialect: Dialect
    eol: str
    started: float = field(default_factory=time.time)


Handler = Callable[[ActionContext, AmiRequest], ActionResult]


def ok(req: AmiRequest, message: str | None, *extra: tuple[str, str]) -> ActionResult:
    return ActionResult([ev.response("Success", req.action_id, message, *extra)])


def error(req: AmiRequest, message: str) -> ActionResult:
    return ActionResult([ev.response("Error", req.action_id, message)])


def aid(req: AmiRequest) -> Pairs:
    return [("ActionID", req.action_id)] if req.action_id else []


def channel_of(ctx: ActionContext, req: AmiRequest, header: str = "Channel") -> Channel:
    name = req.get(header)
    if not name:
        raise SimError("No channel specified")
    return ctx.pbx.require(name)
