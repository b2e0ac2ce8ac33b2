"""The Linux desktop files: they parse with the keys desktops need, the external validators
accept them (when installed: apt packages desktop-file-utils, appstream), and the icons exist
at the right sizes, rendered from their SVG sources."""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

import callpanel

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"
DESKTOP = LINUX / "callpanel.desktop"
METAINFO = LINUX / "io.github.callpanel.CallPanel.metainfo.xml"
SCHEMES = {"x-scheme-handler/tel", "x-scheme-handler/callto", "x-scheme-handler/sip"}
MAIN_CATEGORIES = {"Network", "Office"}


def pyproject() -> dict[str, object]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert isinstance(project, dict)
    return project


def render_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_icons", LINUX / "render_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["render_icons"] = module
    spec.loader.exec_module(module)
    return module


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def split_list(value: str) -> list[str]:
    return [item for item in value.split(";") if item]


def test_desktop_entry_keys() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] and entry["Comment"]
    assert entry["Exec"] == "callpanel %u"  # one URL at a time, passed to callpanel's argv
    assert entry["Icon"] == "callpanel"
    assert entry["Terminal"] == "false"
    assert set(split_list(entry["MimeType"])) == SCHEMES
    assert entry["MimeType"].endswith(";") and entry["Categories"].endswith(";")
    categories = set(split_list(entry["Categories"]))
    assert "Telephony" in categories and categories & MAIN_CATEGORIES


def test_desktop_exec_matches_the_console_script() -> None:
    scripts = pyproject()["scripts"]
    assert isinstance(scripts, dict)
    assert desktop_entry()["Exec"].split()[0] in scripts


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate not installed (apt package desktop-file-utils)",
)
def test_desktop_file_validate() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


def test_metainfo_keys() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    component_id = root.findtext("id")
    assert component_id and re.fullmatch(r"[a-z][a-z0-9]*(\.[A-Za-z0-9_-]+){2,}", component_id)
    assert root.findtext("metadata_license") in ("CC0-1.0", "FSFAP", "MIT")
    assert root.findtext("project_license") == pyproject()["license"]
    assert root.findtext("name") and root.findtext("summary")
    description = root.find("description")
    assert description is not None and description.find("p") is not None
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.find("content_rating") is not None
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == callpanel.__version__
    provided = {m.text for m in root.findall("provides/mediatype")}
    assert provided == set(split_list(desktop_entry()["MimeType"]))
    assert root.findtext("provides/binary") == "callpanel"
    assert root.findtext("icon") == desktop_entry()["Icon"]


@pytest.mark.skipif(
    shutil.which("appstreamcli") is None,
    reason="appstreamcli not installed (apt package appstream)",
)
def test_appstreamcli_validate() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "name", ["callpanel", "callpanel-connected", "callpanel-disconnected", "callpanel-missed"]
)
def test_svg_icons_parse(name: str) -> None:
    root = ET.parse(ICONS / f"{name}.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    width, height = root.get("width"), root.get("height")
    assert width == height and root.get("viewBox") == f"0 0 {width} {height}"


def test_png_icons_exist_at_every_size() -> None:
    icons = render_icons()
    for _svg, png, size in icons.targets():
        assert icons.png_size(png) == (size, size), png
    assert {size for _s, _p, size in icons.targets()} >= {64, 128, 256}


def test_pngs_are_renderings_of_the_svgs(qapp: object) -> None:
    """Re-render each icon in memory and compare: the shipped PNGs match their SVG sources."""
    from PySide6.QtGui import QImage

    icons = render_icons()
    for svg, png, size in icons.targets():
        fresh = png.parent / f".check-{os.getpid()}.png"
        try:
            icons.render(svg, fresh, size)
            a, b = QImage(str(png)), QImage(str(fresh))
        finally:
            fresh.unlink(missing_ok=True)
        assert (a.width(), a.height()) == (b.width(), b.height()) == (size, size)
        step = max(1, size // 32)
        diff = total = 0
        for y in range(0, size, step):
            for x in range(0, size, step):
                pa, pb = a.pixelColor(x, y), b.pixelColor(x, y)
                diff += sum(
                    abs(u - v)
                    for u, v in zip(pa.getRgb(), pb.getRgb(), strict=True)
                    if u is not None and v is not None
                )
                total += 4 * 255
        assert diff / total < 0.02, f"{png} differs from {svg}: re-run render_icons.py"


@pytest.mark.skipif(shutil.which("sh") is None or os.name != "posix", reason="needs a POSIX sh")
def test_install_script_installs_and_uninstalls(tmp_path: Path) -> None:
    env = dict(os.environ, DATA_DIR=str(tmp_path))
    script = str(LINUX / "install-desktop.sh")
    subprocess.run(["sh", script], env=env, check=True, capture_output=True, timeout=60)
    expected = [
        "applications/callpanel.desktop",
        f"metainfo/{METAINFO.name}",
        "icons/hicolor/scalable/apps/callpanel.svg",
        *(f"icons/hicolor/{s}x{s}/apps/callpanel.png" for s in (64, 128, 256)),
    ]
    for rel in expected:
        assert (tmp_path / rel).is_file(), rel
    assert (tmp_path / "applications/callpanel.desktop").read_bytes() == DESKTOP.read_bytes()
    subprocess.run(
        ["sh", script, "--uninstall"], env=env, check=True, capture_output=True, timeout=60
    )
    assert not any((tmp_path / rel).exists() for rel in expected)
    bad = subprocess.run(["sh", script, "--bogus"], env=env, capture_output=True, timeout=60)
    assert bad.returncode == 2


def test_the_version_is_written_in_one_place(capsys: pytest.CaptureFixture[str]) -> None:
    from callpanel.cli import main

    project = pyproject()
    assert "version" not in project and project["dynamic"] == ["version"]
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "callpanel.__version__"}
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"callpanel {callpanel.__version__}\n"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {callpanel.__version__} " in changelog


def test_metainfo_names_no_invented_host() -> None:
    """No homepage/bug-tracker URL until the project has a real one (a made-up host would send
    users to whoever registers it)."""
    text = METAINFO.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text


def test_help_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`callpanel --help` (and so the man page made from it) tells the truth about commands."""
    from callpanel.cli import SUBCOMMANDS, main

    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    usage, _, rest = text.partition("\n\n")
    for name in SUBCOMMANDS:
        assert f"callpanel {name}" in usage, name
        assert f"\n  {name} " in rest, name
    assert "--version" in usage and "--demo" in rest
