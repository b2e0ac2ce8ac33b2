"""Fixtures for tests against a real Asterisk (marker ``live``; tests/live/README.md).

One lab per target (``VERSION/DRIVER``, from ``CALLPANEL_LAB_TARGETS``, default
``18.26.4/sip,22.10.1/pjsip``) lives for the whole session on its own ports; every test gets a
freshly restarted Asterisk (no channels, queues and parking as configured, channel numbers
from 0), its own sipp agents and as many ``callpanel monitor`` processes as it starts.

A target whose Asterisk is not built is skipped — except under ``CI=true`` or
``CALLPANEL_LAB_REQUIRE=1`` (what ``scripts/test`` sets after building), where it fails.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .support import MonitorProcess, RawAmi, TcpProxy, monitor_argv

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from labkit.lab import Lab, LabError, installed  # noqa: E402
from labkit.sipp import SippLab  # noqa: E402

DEFAULT_TARGETS = "18.26.4/sip,22.10.1/pjsip"
LIVE_DIR = Path(__file__).resolve().parent


def targets() -> list[str]:
    raw = os.environ.get("CALLPANEL_LAB_TARGETS", DEFAULT_TARGETS)
    return [t.strip() for t in raw.split(",") if t.strip()]


def _required() -> bool:
    return (
        os.environ.get("CI", "").lower() == "true" or os.environ.get("CALLPANEL_LAB_REQUIRE") == "1"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if LIVE_DIR in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.live)


@pytest.fixture(scope="session", params=targets())
def lab_server(request: pytest.FixtureRequest) -> Iterator[Lab]:
    """The lab of one target, for the whole session (ports and config stay)."""
    version, _, driver = str(request.param).partition("/")
    if not installed(version):
        message = f"Asterisk {version} is not built: run scripts/lab build {version}"
        if _required():
            pytest.fail(message)
        pytest.skip(message)
    lab = Lab(version, driver or "sip")
    try:
        lab.start()
    except LabError as exc:
        lab.close()
        pytest.fail(str(exc))
    yield lab
    lab.close()


@pytest.fixture
def lab(lab_server: Lab) -> Lab:
    """The target's lab, freshly restarted for this test."""
    lab_server.stop()
    lab_server.start()
    return lab_server


@pytest.fixture
def sipp(lab: Lab, tmp_path: Path) -> Iterator[SippLab]:
    agents = SippLab(lab, tmp_path)
    yield agents
    agents.stop_all()


@pytest.fixture
def endpoint(lab: Lab) -> str:
    """The operator's endpoint on this lab: SIP/101 or PJSIP/101."""
    return f"{lab.tech}/101"


MonitorFactory = Callable[..., MonitorProcess]


@pytest.fixture
def monitor(lab: Lab, endpoint: str, tmp_path: Path) -> Iterator[MonitorFactory]:
    """``monitor(*args, port=None, user="callpanel")`` starts ``callpanel monitor`` (logged in
    as the packaging/asterisk AMI user; ``callpanel_notify`` is that user with write class
    ``system`` for phone-notify) and waits until it is connected."""
    started: list[MonitorProcess] = []

    def start(
        *extra: str, port: int | None = None, wait: bool = True, user: str = "callpanel"
    ) -> MonitorProcess:
        assert lab.ports is not None
        env = dict(os.environ, CALLPANEL_SECRET=lab.secret, PYTHONUNBUFFERED="1")
        argv = monitor_argv(port or lab.ports.ami, user, endpoint, *extra)
        proc = MonitorProcess(argv, env, tmp_path / f"monitor{len(started)}.stderr")
        started.append(proc)
        if wait:
            proc.wait_connected()
        return proc

    yield start
    for proc in started:
        proc.close()


@pytest.fixture
def ami(lab: Lab) -> Iterator[RawAmi]:
    """A raw AMI session as the lab's ``lab`` user (read/write all) for set-up and checks."""
    assert lab.ports is not None
    session = RawAmi(lab.ports.ami, "lab", lab.lab_secret)
    yield session
    session.close()


@pytest.fixture
def ami_proxy(lab: Lab) -> Iterator[TcpProxy]:
    """A TCP proxy in front of the lab's AMI port; ``drop()`` cuts the panel's link."""
    assert lab.ports is not None
    proxy = TcpProxy(lab.ports.ami)
    yield proxy
    proxy.close()
