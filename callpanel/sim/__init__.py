"""The built-in demo PBX: an asyncio AMI server that behaves like Asterisk (13/16/18/20/22).

Built from the real recordings in ``tests/data/ami-captures``; see ``SimPbx``.
"""

from .config import DIALECTS, PhoneAnswer, RemoteBehaviour, SimConfig, SimUser
from .model import SimError
from .pbx import SimCall, SimPbx, SimPhone

__all__ = [
    "DIALECTS",
    "PhoneAnswer",
    "RemoteBehaviour",
    "SimCall",
    "SimConfig",
    "SimError",
    "SimPbx",
    "SimPhone",
    "SimUser",
]
