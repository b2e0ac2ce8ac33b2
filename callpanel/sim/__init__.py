"""The built-in demo PBX: an asyncio AMI server on loopback that behaves like Asterisk.

Built from the real recordings in ``tests/data/ami-captures`` (chan_sip, 13.38.3 and 18.26.4),
the lab's in ``tests/data/lab-captures`` (PJSIP, 20.15.0 and 22.10.1) and docs/AMI.md;
``tests/sim/test_fidelity.py`` replays every recorded call scenario on it and compares, channel
by channel, the events, their order, ChannelState, connected line, causes, dial results,
hold/MOH, transfer and queue events with the recording; ``tests/sim/test_fidelity_lab.py``
compares the PJSIP dialects of 20 and 22 with the lab's recordings (parking included).

    sim = SimPbx(SimConfig(dialect="18", time_scale=0.01))
    await sim.start("127.0.0.1", 0)                  # sim.port
    call = await sim.incoming_call("+79161234567", "Ivan Petrov")        # rings SIP/101
    await sim.phone("SIP/101").answer()              # .reject() .hold() .unhold() .hangup()
    await sim.remote_hold(call); await sim.remote_unhold(call); await sim.remote_hangup(call)
    await sim.play_scenario("05")                    # any recording's scenario (name or number)
    await sim.run_demo(); sim.stop_demo()
    await sim.drop_clients(); await sim.shutdown_restart(); await sim.stop()

Dialects "13", "16", "18", "20", "22" (banner, CoreSettings, DialState, FullyBooted, Command
output, Status block, QueueMemberStatus, AttendedTransfer target block, Newexten class,
TechCause, no chan_sip on 22). Phones SIP/101 (operator) and SIP/102 (colleague), the trunk,
call-limit 2; contexts internal, from-trunk, panel-aa (auto-answer), panel-hold (MOH),
panel-park-op (wait), parkedcalls. Users ``callpanel`` (all) and ``callpanel_limited``
(read call,agent; write originate).
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
