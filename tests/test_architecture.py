"""House rules that keep the project shippable: a Qt-free core and an honest CI line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

from tests.conftest import REPO

BLOCK_QT_AND_RUN = textwrap.dedent("""
    import importlib, pkgutil, sys
    sys.modules["PySide6"] = None  # any import of Qt now fails
    import desktop
    for module in pkgutil.walk_packages(desktop.__path__, "desktop."):
        if module.name.startswith("desktop.ui") or module.name == "desktop.__main__":
            continue
        importlib.import_module(module.name)
    from desktop.cli.main import main
    sys.exit(main(["check", "--grammar", "off", sys.argv[1]]))
""")


def test_core_never_imports_qt():
    sample = REPO / "resources" / "samples" / "update.txt"
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT_AND_RUN, str(sample)], capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "ready to send" in result.stdout


def test_ci_runs_the_readme_test_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^(?:\$ )?(pip install .+)$", quick_start, re.MULTILINE)
    assert len(commands) == 2, "the Quick start has exactly two command lines"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].removeprefix("$ ") in ci.splitlines()


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "desktop", "tests"],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout
