"""The floors of ARCHITECTURE.md: only callpanel/ui may import Qt; callpanel/ami is stdlib only."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "callpanel"
QT = ("PySide6", "shiboken6", "qasync")
NO_QT_PACKAGES = ("ami", "calls", "directory", "asterisk", "sim", "store")


def _modules(package: str) -> list[str]:
    base = PACKAGE / package
    names = [f"callpanel.{package}"]
    for path in sorted(base.rglob("*.py")):
        if path.name != "__init__.py":
            names.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return names


def _imports_in_fresh_interpreter(modules: list[str]) -> dict[str, list[str]]:
    """module -> the Qt modules that importing it (alone, in a new process) pulled in."""
    script = """
import importlib, json, sys
module = sys.argv[1]
before = set(sys.modules)
importlib.import_module(module)
qt = sorted(m for m in set(sys.modules) - before if m.split(".")[0] in {qt!r})
print(json.dumps(qt))
""".replace("{qt!r}", repr(set(QT)))
    found: dict[str, list[str]] = {}
    for module in modules:
        done = subprocess.run(
            [sys.executable, "-c", script, module],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, f"importing {module} failed:\n{done.stderr}"
        found[module] = json.loads(done.stdout)
    return found


@pytest.mark.parametrize("package", ["ami", "calls", "directory", "asterisk"])
def test_lower_floors_never_import_qt(package: str) -> None:
    modules = _modules(package)
    assert modules
    leaks = {m: qt for m, qt in _imports_in_fresh_interpreter(modules).items() if qt}
    assert leaks == {}


def test_replay_module_never_imports_qt() -> None:
    assert _imports_in_fresh_interpreter(["callpanel.replay", "callpanel.cli"]) == {
        "callpanel.replay": [],
        "callpanel.cli": [],
    }


def _imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                parts = path.relative_to(ROOT).with_suffix("").parts[: -node.level]
                names.add(".".join([*parts, node.module] if node.module else parts))
            elif node.module:
                names.add(node.module)
    return names


def test_ami_imports_only_the_standard_library_and_itself() -> None:
    for path in sorted((PACKAGE / "ami").glob("*.py")):
        for name in _imported_names(path):
            top = name.split(".")[0]
            assert name.startswith("callpanel.ami") or top in sys.stdlib_module_names, (
                f"{path.name} imports {name}"
            )


@pytest.mark.parametrize("package", NO_QT_PACKAGES)
def test_no_qt_import_statements_below_ui(package: str) -> None:
    for path in sorted((PACKAGE / package).rglob("*.py")):
        for name in _imported_names(path):
            assert name.split(".")[0] not in QT, f"{path.relative_to(ROOT)} imports {name}"
            assert not name.startswith("callpanel.ui"), f"{path.relative_to(ROOT)} imports {name}"


def test_calls_does_not_import_asterisk_or_asyncio() -> None:
    for path in sorted((PACKAGE / "calls").rglob("*.py")):
        for name in _imported_names(path):
            assert not name.startswith(("callpanel.asterisk", "asyncio")), f"{path.name}: {name}"


def test_directory_is_pbx_neutral() -> None:
    """Contacts, numbers and lookups know nothing of Asterisk, storage or the UI."""
    for path in sorted((PACKAGE / "directory").rglob("*.py")):
        for name in _imported_names(path):
            assert not name.startswith(
                ("callpanel.asterisk", "callpanel.ami", "callpanel.store", "callpanel.ui")
            ), f"{path.name}: {name}"
