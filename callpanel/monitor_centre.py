"""The monitor's call-centre commands (``queues``, ``login``, ``pause`` …) and their JSON.

::

    queues                      one QueueMembership line per membership, then CommandResult
    login QUEUE | logout QUEUE  QueueAdd / QueueRemove with the operator's interface
    pause QUEUE|all [REASON…]   QueuePause in one queue or every queue, with a reason
    unpause QUEUE|all
    dnd on|off                  do not disturb (custom device state + pause everywhere)
    colleagues                  one Colleague line per colleague, then CommandResult
    pickup EXT                  directed pickup of the call ringing at EXT
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .asterisk.centre_client import CentreClient
from .asterisk.errors import InvalidInput
from .centre.events import agent_status_to_json, colleague_to_json, membership_to_json

VERBS = ("queues", "login", "logout", "pause", "unpause", "dnd", "colleagues", "pickup")
ALL = "all"


@dataclass(frozen=True, slots=True)
class CentreLine:
    verb: str
    target: str | None  # queue (None = all), extension, "on"/"off"
    reason: str = ""


def is_centre_verb(line: str) -> bool:
    return line.strip().split(" ", 1)[0].lower() in VERBS


def parse(line: str) -> CentreLine:
    verb, _, rest = line.strip().partition(" ")
    verb, rest = verb.lower(), rest.strip()
    if verb in ("queues", "colleagues"):
        if rest:
            raise InvalidInput(f"{verb} takes no argument")
        return CentreLine(verb, None)
    if not rest:
        wants = {"dnd": "on or off", "pickup": "an extension"}.get(verb, "a queue name")
        raise InvalidInput(f"{verb} needs {wants}")
    first, _, after = rest.partition(" ")
    after = after.strip()
    if verb == "dnd":
        if first.lower() not in ("on", "off") or after:
            raise InvalidInput("dnd takes on or off")
        return CentreLine(verb, first.lower())
    if verb == "pause":
        return CentreLine(verb, None if first.lower() == ALL else first, after)
    if after:
        raise InvalidInput(f"{verb} takes one argument")
    if verb == "unpause":
        return CentreLine(verb, None if first.lower() == ALL else first)
    return CentreLine(verb, first)


async def execute(
    client: CentreClient, line: str, emit: Callable[[Mapping[str, object]], None]
) -> dict[str, object]:
    """Run one command; the caller writes the CommandResult with what this returns."""
    cmd = parse(line)
    state = client.centre.state
    if cmd.verb == "queues":
        for membership in state.memberships:
            emit(membership_to_json(membership))
        emit(agent_status_to_json(state.agent_status))
        return {"queues": len(state.memberships)}
    if cmd.verb == "colleagues":
        for colleague in state.colleagues:
            emit(colleague_to_json(colleague))
        return {"colleagues": len(state.colleagues)}
    if cmd.verb == "login" and cmd.target is not None:
        await client.login(cmd.target)
        return {"queue": cmd.target}
    if cmd.verb == "logout" and cmd.target is not None:
        await client.logout(cmd.target)
        return {"queue": cmd.target}
    if cmd.verb == "pause":
        await client.pause(cmd.target, cmd.reason)
        return {"queue": cmd.target or ALL, "reason": cmd.reason}
    if cmd.verb == "unpause":
        await client.unpause(cmd.target)
        return {"queue": cmd.target or ALL}
    if cmd.verb == "dnd":
        await client.set_dnd(cmd.target == "on")
        return {"dnd": cmd.target == "on"}
    assert cmd.verb == "pickup" and cmd.target is not None
    return {"call": await client.pickup(cmd.target), "extension": cmd.target}
