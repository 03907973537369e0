"""The Qt-free core (models, services, sync) imports no PySide6, so its rules are testable
with plain pytest and usable headless."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import desktop_crm

CORE_PACKAGES = ("models", "services", "sync")


def core_modules() -> list[str]:
    root = Path(desktop_crm.__file__).parent
    names = []
    for package in CORE_PACKAGES:
        if not (root / package).is_dir():
            continue
        names.append(f"desktop_crm.{package}")
        for info in pkgutil.walk_packages([str(root / package)], f"desktop_crm.{package}."):
            if ".migrations" not in info.name:
                names.append(info.name)
    return names


def test_core_packages_import_no_qt() -> None:
    modules = core_modules()
    assert "desktop_crm.models.journal" in modules
    assert "desktop_crm.services.undo" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
