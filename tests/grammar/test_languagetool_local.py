"""Running LanguageTool here: Java checks, finding LanguageTool, and a JVM that is started
in the background, bounded, and killed. A stand-in `java` script plays the JVM (real
processes, real ports); it serves the fake LanguageTool when asked to start the server."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop.grammar import GrammarUnavailableError, create_checker
from desktop.grammar.languagetool_local import HEAP_MB, SERVER_CLASS, find_java, java_major
from desktop.settings import GrammarSettings
from tests.grammar.conftest import TARGET, alive, java_runs, make_java


@pytest.fixture
def java_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """JAVA_HOME at a folder the test fills with a stand-in java."""
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def fake_install(tmp_path: Path) -> Path:
    folder = tmp_path / "LanguageTool-6.4"
    folder.mkdir()
    (folder / "languagetool-server.jar").write_bytes(b"PK\x03\x04 not a real jar")
    return folder


def local_checker(path: Path | str = "", **settings):
    checker = create_checker("languagetool", GrammarSettings(
        engine="languagetool", languagetool_path=str(path), **settings))
    clock = time.monotonic()
    checker.start()
    assert time.monotonic() - clock < 0.2, "start() must not block"
    return checker


def test_local_server_starts_checks_and_is_killed_on_close(java_home, fake_install):
    make_java(java_home, "serve")
    checker = local_checker(fake_install)
    findings = checker.check(TARGET)
    assert [TARGET[f.start:f.end] for f in findings] == ["i", "i is", "i", "Their"]
    assert "run here from" in checker.describe() and "Java 17" in checker.describe()
    [(pid, args)] = java_runs(java_home)
    assert args[0] == f"-Xmx{HEAP_MB}m"
    assert args[1:5] == ["-cp", str(fake_install / "languagetool-server.jar"), SERVER_CLASS,
                         "--port"]
    assert alive(pid)
    checker.close()
    assert not alive(pid)
    checker.close()  # twice is fine


def test_a_jvm_that_dies_at_start_is_one_clear_line(java_home, fake_install):
    make_java(java_home, "crash")
    checker = local_checker(fake_install)
    clock = time.monotonic()
    with pytest.raises(GrammarUnavailableError) as caught:
        checker.check("Hello.")
    assert time.monotonic() - clock < 5
    message = str(caught.value)
    assert "LanguageTool stopped while starting (exit code 1" in message
    assert "Could not find or load main class" in message and "\n" not in message
    assert len(java_runs(java_home)) == 1, "one attempt, not a hunt through ports"


def test_a_jvm_that_never_gets_ready_is_stopped_at_the_start_limit(java_home, fake_install):
    make_java(java_home, "stuck")
    checker = local_checker(fake_install, languagetool_start_seconds=2)
    clock = time.monotonic()
    with pytest.raises(GrammarUnavailableError, match="did not start within 2 seconds"):
        checker.check("Hello.")
    assert time.monotonic() - clock < 5
    [(pid, _)] = java_runs(java_home)
    assert not alive(pid)


def test_close_while_starting_kills_the_jvm(java_home, fake_install):
    make_java(java_home, "stuck")
    checker = local_checker(fake_install, languagetool_start_seconds=30)
    deadline = time.monotonic() + 5
    while not java_runs(java_home) and time.monotonic() < deadline:
        time.sleep(0.05)
    [(pid, _)] = java_runs(java_home)
    checker.close()
    assert not alive(pid)
    with pytest.raises(GrammarUnavailableError, match="closed"):
        checker.check("Hello.")


def test_java_too_old(java_home, fake_install):
    make_java(java_home, "serve", version="11.0.2")
    with pytest.raises(GrammarUnavailableError, match=r"needs Java 17 or newer but .* is Java 11"):
        local_checker(fake_install).check("Hello.")
    assert java_runs(java_home) == []


def test_java_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_install):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(GrammarUnavailableError) as caught:
        local_checker(fake_install).check("Hello.")
    assert "needs Java 17 or newer and no java was found" in str(caught.value)
    assert "grammar.languagetool_url" in str(caught.value)


def test_languagetool_missing_with_the_real_java(tmp_path: Path, monkeypatch):
    """This machine has Java 17 and no LanguageTool: the message says so, and how to fix."""
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "lt-downloads"))
    with pytest.raises(GrammarUnavailableError) as caught:
        local_checker().check("Hello.")
    message = str(caught.value)
    assert message.startswith("LanguageTool is not installed (nothing in ")
    assert "download_lt()" in message and "grammar.languagetool_path" in message
    assert "grammar.languagetool_url" in message and "\n" not in message
    assert not (tmp_path / "lt-downloads").exists(), "finding nothing creates nothing"


def test_download_folder_is_searched(java_home, tmp_path, monkeypatch, fake_install):
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    make_java(java_home, "serve")
    checker = local_checker()
    assert [TARGET[f.start:f.end] for f in checker.check(TARGET)][-1] == "Their"
    checker.close()


def test_named_folder_without_languagetool(tmp_path: Path):
    with pytest.raises(GrammarUnavailableError, match="is not a LanguageTool folder"):
        local_checker(tmp_path).check("Hello.")


@pytest.mark.parametrize(("output", "major"), [
    ('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment', 17),
    ('java version "1.8.0_292"\nJava(TM) SE Runtime Environment', 8),
    ('openjdk version "21" 2023-09-19', 21),
    ("openjdk 22.0.1 2024-04-16", 22),
    ("no version here", None),
])
def test_java_versions(output, major):
    assert java_major(output) == major


def test_the_real_java_here_is_found():
    import shutil

    if shutil.which("java") is None:
        pytest.skip("no java on this machine")
    java, major = find_java()
    assert java.name == "java" and major >= 8
