"""A followed call is made of frozen parts with one writer (the call tracker); channel records
have one writer (the channel registry); no module writes another object's private fields."""

from __future__ import annotations

import ast
import dataclasses
import itertools
from pathlib import Path

import pytest

from callpanel.asterisk.callctx import (
    CallChannels,
    CallCtx,
    EndClues,
    HoldSign,
    Origin,
    Party,
    Stage,
    TransferLinks,
    who_holds,
)
from callpanel.asterisk.channels import ChannelRecord
from callpanel.calls import CallState, Direction, HoldBy
from tests.asterisk.test_adapter_cases import _consultation
from tests.asterisk.test_adapter_support import OP, FakePbx, T, adapter, feed, notation

PACKAGE = Path(__file__).resolve().parents[2] / "callpanel"
ASTERISK = PACKAGE / "asterisk"
CALL_PARTS = {"stage", "party", "channels", "signs", "clues", "links", "origin"}
CHANNEL_FIELDS = {f.name for f in dataclasses.fields(ChannelRecord)}


def _writes(tree: ast.AST) -> list[tuple[int, ast.Attribute]]:
    """Every attribute written in a module: assigned (also augmented, annotated, as a loop or
    ``with`` target, unpacked), deleted, or set by ``setattr``/``delattr`` with a literal name
    (returned as a synthetic Attribute)."""
    found: list[tuple[int, ast.Attribute]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store | ast.Del):
            found.append((node.lineno, node))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("setattr", "delattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            found.append((node.lineno, ast.Attribute(node.args[0], node.args[1].value)))
    return found


def _root(attr: ast.Attribute) -> str | None:
    """The name an attribute chain starts from (``self`` in ``self.a.b``), None for others."""
    node: ast.expr = attr.value
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _own(attr: ast.Attribute) -> bool:
    """``self.x`` / ``cls.x``: an object writing its own attribute."""
    return isinstance(attr.value, ast.Name) and attr.value.id in ("self", "cls")


def _scan(base: Path) -> dict[Path, list[tuple[int, ast.Attribute]]]:
    return {p: _writes(ast.parse(p.read_text(), str(p))) for p in sorted(base.rglob("*.py"))}


def test_no_module_writes_another_objects_private_attributes() -> None:
    offences = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {ast.unparse(attr)}"
        for path, writes in _scan(PACKAGE).items()
        for line, attr in writes
        if attr.attr.startswith("_") and not attr.attr.startswith("__") and not _own(attr)
    ]
    assert offences == []


def test_the_scan_sees_private_writes_in_every_form() -> None:
    source = (
        "a._x = 1\nb.c._y += 1\ndel d._z\nsetattr(e, '_w', 2)\n"
        "self._fine = 3\nf.public = 4\nfor g._v in (): pass\nh._u, i = 1, 2\n"
    )
    private = sorted(a.attr for _, a in _writes(ast.parse(source)) if a.attr.startswith("_"))
    assert private == ["_fine", "_u", "_v", "_w", "_x", "_y", "_z"]
    assert [a.attr for _, a in _writes(ast.parse(source)) if not _own(a)].count("_fine") == 0


def test_call_parts_have_one_writer_the_tracker_and_channels_one_the_registry() -> None:
    offences = []
    for path, writes in _scan(ASTERISK).items():
        for line, attr in writes:
            if _own(attr):
                continue
            where = f"{path.name}:{line}: {ast.unparse(attr)}"
            if attr.attr in CALL_PARTS and path.name != "tracking.py":
                offences.append(where)
            if attr.attr in CHANNEL_FIELDS and path.name != "registry.py":
                offences.append(where)
    assert offences == []


@pytest.mark.parametrize("name", ["adapter.py", "holds.py", "resync.py"])
def test_the_handlers_change_calls_and_channels_only_through_methods(name: str) -> None:
    writes = _writes(ast.parse((ASTERISK / name).read_text()))
    assert [ast.unparse(a) for _, a in writes if _root(a) != "self"] == []


@pytest.mark.parametrize(
    "part", [Party(), CallChannels(), EndClues(), TransferLinks(), Origin()], ids=repr
)
def test_every_part_is_frozen(part: object) -> None:
    field = dataclasses.fields(part)[0].name  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(part, field, None)


def test_a_call_has_its_parts_and_nothing_else() -> None:
    ctx = CallCtx(
        "c1", Direction.INCOMING, 0.0, {},
        party=Party(), channels=CallChannels(), origin=Origin(),
    )  # fmt: skip
    assert not hasattr(ctx, "__dict__")  # slots: no field can be added by mistake
    assert set(CallCtx.__slots__) == CALL_PARTS | {
        "_store_calls",
        "call_id",
        "direction",
        "started_at",
    }
    assert ctx.stage is Stage.NEW and ctx.call is None and ctx.state is CallState.RINGING


def test_who_holds_reads_the_signs_of_both_sides() -> None:
    operator = {HoldSign.OPERATOR_HOLD, HoldSign.REMOTE_MUSIC, HoldSign.REMOTE_PARKED}
    for size in range(len(HoldSign) + 1):
        for combo in itertools.combinations(HoldSign, size):
            signs = frozenset(combo)
            if signs & operator:
                expected: HoldBy | None = HoldBy.OPERATOR  # the operator's own hold wins
            elif signs:
                expected = HoldBy.REMOTE  # their Hold, or the music the operator hears
            else:
                expected = None
            assert who_holds(signs) is expected, signs


def test_a_consultation_links_both_calls_and_unlinks_them_when_it_ends() -> None:
    pbx, a, labels = FakePbx(), adapter(), {}
    l1, l2 = _consultation(pbx, a, labels)
    held, consult = a.tracker.calls[OP], a.tracker.calls[f"{OP}/{l1}"]
    assert held.links == TransferLinks(consult=consult.call_id)
    assert consult.links == TransferLinks(parent=OP)
    assert held.channels == CallChannels(frozenset(), T, "b1")
    assert consult.channels == CallChannels(frozenset({OP}), l1, "b2")
    assert held.signs == {HoldSign.OPERATOR_HOLD, HoldSign.REMOTE_MUSIC}
    assert consult.party == Party("102", "", internal=True)
    assert consult.stage is Stage.ANNOUNCED
    out = feed(a, [pbx.state(l1, 6), pbx.leave(l1, "b2"), pbx.hangup(l1), pbx.hangup(l2)])
    assert notation(out, labels)[-1] == ("RingFinished", "c2", "completed")
    assert consult.stage is Stage.ENDED
    assert held.links == TransferLinks()
    assert held.channels.operator_legs == {OP}  # the operator is back on the held call
    assert a.tracker.channels[OP].call_id == OP


def test_a_hangup_leaves_its_cause_as_an_end_clue() -> None:
    pbx, a = FakePbx(), adapter()
    feed(a, pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov"))
    ctx = a.tracker.calls[OP]
    assert ctx.clues == EndClues() and ctx.party.number == "+79161234567"
    feed(a, [pbx.hangup(OP, cause=21)])
    assert ctx.clues.operator_cause == 21 and ctx.stage is Stage.ENDED
