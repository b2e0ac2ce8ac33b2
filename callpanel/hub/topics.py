"""The MQTT topics of the hub protocol (version 1) and the operator names that go into them.

An operator's name is also its broker username, so the broker's ACL can tie a panel to its own
topics. Everything lives under one root so that one ACL line gives the hub all of it::

    callpanel/v1/hub                 retained: is the hub up, and its AMI link   (panels: read)
    callpanel/v1/presence            retained: colleagues' state, shared         (panels: read)
    callpanel/v1/op/NAME/calls       retained: the operator's live calls + last event (read)
    callpanel/v1/op/NAME/client      retained: what the operator's buttons can do now (read)
    callpanel/v1/op/NAME/queues      retained: queue memberships and agent status   (read)
    callpanel/v1/op/NAME/cmd         a command from the panel                      (write)
    callpanel/v1/op/NAME/result      the hub's CommandResult for it                 (read)
"""

from __future__ import annotations

import re

ROOT = "callpanel/v1"
HUB_STATUS = f"{ROOT}/hub"
PRESENCE = f"{ROOT}/presence"
DEFAULT_HUB_USER = "callpanel-hub"

# Lower-case letters, digits, dot, dash, underscore: no MQTT wildcard (+ #), no level separator
# (/), nothing a shell or the password file (":") would read differently.
_OPERATOR = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")

# The panel's topics, by what the panel may do with them (the ACL template follows this).
PANEL_READS = ("calls", "client", "queues", "result")
PANEL_WRITES = ("cmd",)


class BadOperatorName(ValueError):
    pass


def check_operator(name: str) -> str:
    """``name`` if it can be an operator's topic level and broker username; else raises."""
    if not isinstance(name, str) or _OPERATOR.fullmatch(name) is None:
        raise BadOperatorName(
            f"operator name {name!r} must be 1-64 lower-case letters, digits, '.', '-' or '_', "
            "starting with a letter or digit"
        )
    return name


def operator_topic(operator: str, leaf: str) -> str:
    return f"{ROOT}/op/{check_operator(operator)}/{leaf}"


def calls(operator: str) -> str:
    return operator_topic(operator, "calls")


def client(operator: str) -> str:
    return operator_topic(operator, "client")


def queues(operator: str) -> str:
    return operator_topic(operator, "queues")


def command(operator: str) -> str:
    return operator_topic(operator, "cmd")


def result(operator: str) -> str:
    return operator_topic(operator, "result")


COMMAND_WILDCARD = f"{ROOT}/op/+/cmd"


def operator_of_command_topic(topic: str) -> str | None:
    """``callpanel/v1/op/NAME/cmd`` → ``NAME`` (None for anything else)."""
    parts = topic.split("/")
    if len(parts) != 5 or "/".join(parts[:3]) != f"{ROOT}/op" or parts[4] != "cmd":
        return None
    try:
        return check_operator(parts[3])
    except BadOperatorName:
        return None
