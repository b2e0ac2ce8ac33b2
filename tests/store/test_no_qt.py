from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_store_imports_no_qt() -> None:
    code = (
        "import sys, callpanel.store, callpanel.store.settings, callpanel.store.history\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'qasync')))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
