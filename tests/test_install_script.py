"""scripts/install: without root and sudo it names the apt-get command to run; a second run with
nothing new touches neither apt nor pip (so it works offline)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ("sh", "grep", "cat", "cksum", "dirname", "rm")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="a POSIX sh script")


def fake_checkout(
    tmp_path: Path, *, uid: int, installed: bool
) -> tuple[Path, Path, dict[str, str]]:
    """A checkout with only scripts/install and pyproject.toml, and a PATH of fakes: dpkg-query
    says every package is missing (or installed), apt-get/pip calls are logged."""
    checkout, bin_dir, calls = tmp_path / "checkout", tmp_path / "bin", tmp_path / "calls.log"
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "install", checkout / "scripts" / "install")
    shutil.copy(ROOT / "pyproject.toml", checkout / "pyproject.toml")
    bin_dir.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).symlink_to(found)

    def fake(name: str, body: str) -> None:
        path = bin_dir / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)

    fake("id", f"echo {uid}")
    fake("apt-get", f'echo "apt-get $*" >> {calls}')
    status = "install ok installed" if installed else "unknown ok not-installed"
    fake("dpkg-query", f"printf '{status}'")
    venv_bin = checkout / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    # the venv's python: logs pip runs, imports always work
    (venv_bin / "python").write_text(
        f'#!/bin/sh\ncase "$*" in *pip*) echo "pip $*" >> {calls};; esac\nexit 0\n'
    )
    (venv_bin / "python").chmod(0o755)
    (venv_bin / "callpanel").write_text("#!/bin/sh\n")
    (venv_bin / "callpanel").chmod(0o755)
    env = {"PATH": str(bin_dir), "PYTHON": sys.executable, "HOME": str(tmp_path)}
    return checkout, calls, env


def run(checkout: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(checkout / "scripts" / "install"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_root_or_sudo_it_names_the_packages_and_the_command(tmp_path: Path) -> None:
    checkout, calls, env = fake_checkout(tmp_path, uid=1000, installed=False)
    done = run(checkout, env)
    assert done.returncode == 1
    assert "sudo: not found" not in done.stderr
    assert "not root and sudo is not installed" in done.stderr
    command = next(line for line in done.stderr.splitlines() if "apt-get install" in line)
    assert command.strip().startswith("apt-get update && apt-get install -y")
    for package in ("libxcb-cursor0", "libegl1", "libxkbcommon-x11-0", "fonts-dejavu-core"):
        assert package in command.split()
    assert "appstream" not in command.split()  # only --test needs the validators
    assert not calls.exists()  # nothing was attempted


def test_second_run_needs_neither_apt_nor_pip(tmp_path: Path) -> None:
    checkout, calls, env = fake_checkout(tmp_path, uid=1000, installed=True)
    first = run(checkout, env, "--test")
    assert first.returncode == 0, first.stderr
    assert calls.read_text().count("pip install") == 1
    assert "--upgrade" not in calls.read_text()  # pip itself is never upgraded (needs network)
    for args in (("--test",), ()):  # the app alone is part of what --test installed
        again = run(checkout, env, *args)
        assert again.returncode == 0, again.stderr
        assert "nothing to do" in again.stdout
    assert calls.read_text().count("pip install") == 1
    assert "apt-get" not in calls.read_text()
    # a changed pyproject.toml (a new dependency) installs again
    with (checkout / "pyproject.toml").open("a") as fh:
        fh.write("\n# changed\n")
    assert run(checkout, env).returncode == 0
    assert calls.read_text().count("pip install") == 2
