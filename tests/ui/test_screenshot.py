"""Under a real X server (Xvfb, xcb platform): the window draws its marks; docs/screenshot.png."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from tests.ui.conftest import REPO, docs_image


@pytest.fixture
def xvfb():
    assert shutil.which("Xvfb"), "Xvfb is needed (apt-get install xvfb; .ci/run does)"
    server = subprocess.Popen(["Xvfb", ":99", "-screen", "0", "1280x800x24"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    yield ":99"
    server.terminate()
    server.wait(10)


def test_screenshot_under_xvfb(xvfb, amends_dirs, tmp_path):
    target = docs_image("screenshot.png", tmp_path)
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run(
        [sys.executable, str(REPO / "tests" / "ui" / "screenshot_script.py"), str(target),
         str(REPO)], env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert target.stat().st_size > 20_000
    assert time.time() - target.stat().st_mtime < 170
