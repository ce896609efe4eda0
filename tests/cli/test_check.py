"""`amends check` as users and scripts run it: a real process, real model, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

SAMPLE = REPO / "resources" / "samples" / "letter.txt"
UPDATE = REPO / "resources" / "samples" / "update.txt"


def amends(*args: str, stdin: bytes | None = None, timeout: float = 300):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "desktop", *args], input=stdin,
                          capture_output=True, env=env, timeout=timeout, cwd=REPO)


def assert_one_line_error(result, fragment: str):
    assert result.returncode == 2, result.stderr
    err = result.stderr.decode()
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert fragment in lines[0]
    assert result.stdout == b""


def test_text_report_on_the_sample_letter():
    result = amends("check", "--grammar", "off", str(SAMPLE))
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode()
    assert out.startswith(f"{SAMPLE}: needs revision")
    assert "conditional_apology" in out and "repair checklist" in out
    assert result.stderr == b""


def test_json_for_several_files_is_an_array_and_exit_code_follows_the_worst():
    result = amends("check", "--format", "json", "--grammar", "off", str(UPDATE), str(SAMPLE))
    assert result.returncode == 1
    reports = json.loads(result.stdout)
    assert [r["file"] for r in reports] == [str(UPDATE), str(SAMPLE)]
    assert reports[0]["ready"] is True and reports[1]["ready"] is False
    text = UPDATE.read_text()
    for sentence in reports[0]["sentences"]:
        assert text[sentence["start"]:sentence["end"]] == sentence["text"]


def test_ready_draft_from_standard_input_exits_0():
    result = amends("check", "--format", "json", "--grammar", "off", "-",
                    stdin=UPDATE.read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ready"] is True


def test_jsonl_batch_keeps_going_past_bad_lines():
    lines = [
        json.dumps({"id": 1, "text": "I'm sorry if you were hurt."}),
        "this is not json",
        json.dumps({"id": "no-text"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": 5, "text": "   "}),
        json.dumps({"id": 6, "text": "Leaving work now, home by 6."}),
    ]
    stdin = ("\n".join(lines) + "\n").encode() + b'{"id": 7, "text": "caf\xe9"}\n'
    result = amends("check", "--jsonl", "--grammar", "off", stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == [1, None, "no-text", None, 5, 6, None]
    assert out[0]["ready"] is False and out[0]["sentences"][0]["label"] == "conditional_apology"
    assert "not valid JSON" in out[1]["error"]
    assert '"text"' in out[2]["error"]
    assert "JSON object" in out[3]["error"]
    assert "empty" in out[4]["error"]
    assert out[5]["ready"] is True
    assert "UTF-8" in out[6]["error"]


@pytest.mark.parametrize("make, fragment", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "is a folder"),
    (lambda d: _write(d / "empty.txt", b""), "is empty"),
    (lambda d: _write(d / "blank.txt", b"  \r\n\t\n"), "is empty"),
    (lambda d: _write(d / "binary.bin", bytes(range(256)) * 4), "binary"),
    (lambda d: _write(d / "latin1.txt", "I'm sorry, Zoë.".encode("latin-1")), "not valid UTF-8"),
    (lambda d: _write(d / "huge.txt", b"I lied to you. " * 300_000), "Amends checks"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, make, fragment):
    result = amends("check", str(make(tmp_path)))
    assert_one_line_error(result, fragment)


def test_jsonl_with_files_is_a_usage_error(tmp_path):
    assert_one_line_error(amends("check", "--jsonl", str(SAMPLE)), "--jsonl reads standard input")


def test_broken_settings_are_one_line(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.toml").write_text("[analysis]\nmodel_path = 3\n")
    env = {**os.environ, "PYTHONPATH": str(REPO), "AMENDS_CONFIG_DIR": str(config)}
    result = subprocess.run([sys.executable, "-m", "desktop", "check", str(SAMPLE)],
                            capture_output=True, env=env, timeout=120)
    assert_one_line_error(result, "model_path")


def test_a_missing_model_folder_is_one_line(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.toml").write_text(f'[analysis]\nmodel_path = "{tmp_path / "nope"}"\n')
    env = {**os.environ, "PYTHONPATH": str(REPO), "AMENDS_CONFIG_DIR": str(config)}
    result = subprocess.run([sys.executable, "-m", "desktop", "check", "--grammar", "off",
                             str(SAMPLE)], capture_output=True, env=env, timeout=120)
    assert_one_line_error(result, "No sentence-transformers model found")


def test_doctor_names_model_grammar_keyring_and_folders():
    result = amends("doctor")
    out = result.stdout.decode()
    assert result.returncode == 0, out + result.stderr.decode()
    for name in ("model", "grammar", "keyring", "folders", "exemplars"):
        assert f" {name} " in out
    assert "harper" in out


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
