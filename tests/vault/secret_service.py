"""A private D-Bus session bus with GNOME Keyring's Secret Service, for real keyring tests.

The vault keeps its key in the OS keyring, so tests talk to a real Secret Service: a
``dbus-daemon`` on a socket in a temporary folder and ``gnome-keyring-daemon --unlock``
with a throw-away login keyring. Nothing touches the user's own session or keyrings.
Where the daemons are missing the tests skip, except in CI (``CI`` set, or
``AMENDS_REQUIRE_KEYRING=1``), where a missing daemon fails the run.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

LOGIN_PASSWORD = b"amends-test-login"
BACKEND = "keyring.backends.SecretService.Keyring"


def required() -> bool:
    return bool(os.environ.get("CI")) or os.environ.get("AMENDS_REQUIRE_KEYRING") == "1"


def unavailable(reason: str) -> None:
    if required():
        pytest.fail(f"{reason}; CI needs a real Secret Service (see .ci/run)", pytrace=False)
    pytest.skip(reason)


BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
"""A session bus with no service folders.

The standard session config lets D-Bus start a second gnome-keyring-daemon on the first
Secret Service call if ours has not claimed the name yet (a loaded machine); that one's
login keyring is locked and every test fails with KeyringLocked. Without service folders
nothing is ever auto-started, so the probe simply waits for our daemon.
"""


def _read_line(process: subprocess.Popen, timeout: float) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    return process.stdout.readline().decode().strip() if ready else ""


def _probe(env: dict[str, str], timeout: float) -> str:
    """Wait until the login collection stores and returns a secret; '' or the last error."""
    from keyring.backends import SecretService

    error = "no answer"
    deadline = time.monotonic() + timeout
    saved = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = env["DBUS_SESSION_BUS_ADDRESS"]
    try:
        while time.monotonic() < deadline:
            try:
                backend = SecretService.Keyring()
                backend.set_password("amends-test", "probe", "ok")
                if backend.get_password("amends-test", "probe") == "ok":
                    backend.delete_password("amends-test", "probe")
                    return ""
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
            time.sleep(0.1)
        return error
    finally:
        if saved is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = saved


@contextlib.contextmanager
def secret_service(base: Path) -> Iterator[dict[str, str]]:
    """Start the bus and the keyring daemon; yields the environment that reaches them."""
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            unavailable(f"{tool} is not installed (Debian packages dbus and gnome-keyring)")
    folders = {name: base / name for name in ("run", "home", "data", "config")}
    for folder in folders.values():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = {
        "XDG_RUNTIME_DIR": str(folders["run"]),
        "HOME": str(folders["home"]),
        "XDG_DATA_HOME": str(folders["data"]),
        "XDG_CONFIG_HOME": str(folders["config"]),
    }
    processes: list[subprocess.Popen] = []
    try:
        config = folders["run"] / "bus.conf"
        config.write_text(BUS_CONFIG.format(socket=folders["run"] / "bus"))
        bus = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, **env})
        processes.append(bus)
        address = _read_line(bus, 10)
        if not address:
            unavailable("dbus-daemon did not start a session bus")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, **env})
        processes.append(daemon)
        assert daemon.stdin is not None
        daemon.stdin.write(LOGIN_PASSWORD)
        daemon.stdin.close()
        problem = _probe(env, 60)  # generous: a loaded CI machine starts daemons slowly
        if problem:
            unavailable(f"gnome-keyring-daemon did not answer on the private bus ({problem})")
        env["PYTHON_KEYRING_BACKEND"] = BACKEND
        yield env
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def use_in_process(env: dict[str, str]) -> Iterator[None]:
    """Point this process (and its children) at the private Secret Service."""
    import keyring
    from keyring.backends import SecretService

    names = ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND")
    saved = {name: os.environ.get(name) for name in names}
    previous = keyring.get_keyring()
    os.environ.update({name: env[name] for name in names})
    keyring.set_keyring(SecretService.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


NO_BUS = "unix:path=/nonexistent/amends-no-bus"


def headless_env(env: dict[str, str]) -> dict[str, str]:
    """``env`` as on a machine without any keyring: no session bus, keyring left to choose."""
    clean = {k: v for k, v in env.items() if k != "PYTHON_KEYRING_BACKEND"}
    return {**clean, "DBUS_SESSION_BUS_ADDRESS": NO_BUS}
