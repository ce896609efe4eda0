"""`amends drafts` as users and scripts run it: real processes, a real keyring, real files."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.runner import run_amends
from tests.conftest import REPO

UPDATE = REPO / "resources" / "samples" / "update.txt"


@pytest.fixture
def amends(keyring_env, data):
    """Run ``amends drafts`` in a fresh process, with no terminal to prompt on."""

    def run(*args: str, stdin: bytes | None = None, folder: Path | None = None,
            **options: Any) -> subprocess.CompletedProcess:
        return run_amends(keyring_env, folder or data, "drafts", *args, stdin=stdin,
                          **options)

    return run


def ok(result) -> str:
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def one_line_error(result, fragment: str) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    err = result.stderr.decode()
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert fragment in lines[0], lines[0]
    return lines[0]


def hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_add_list_show_history_delete(amends, tmp_path):
    first = tmp_path / "first.txt"
    first.write_text("I'm sorry I lied about Friday.\n", encoding="utf-8")
    assert ok(amends("add", "--title", "To Ana", "--no-check", str(first))) == "1\n"
    assert ok(amends("add", "--no-check", stdin=b"Home by six.\nLove, J")) == "2\n"
    assert ok(amends("save", "1", "--no-check", "--title", "To Ana, v2",
                     stdin=b"I lied about Friday. I was with her.")) == "draft 1 version 2\n"

    listed = ok(amends("list")).splitlines()
    assert [line.split()[0] for line in listed] == ["1", "2"]
    assert listed[0].endswith("unchecked  To Ana, v2") and listed[1].endswith("Home by six.")
    rows = json.loads(ok(amends("list", "--format", "json")))
    assert [(r["id"], r["title"], r["ready"], r["versions"]) for r in rows] == [
        (1, "To Ana, v2", None, 2), (2, "Home by six.", None, 1)]
    assert rows[0]["updated"] >= rows[0]["created"]

    assert ok(amends("show", "1")) == "I lied about Friday. I was with her."
    history = json.loads(ok(amends("history", "1", "--format", "json")))
    assert [(v["number"], v["title"], v["text"]) for v in history] == [
        (1, "To Ana", "I'm sorry I lied about Friday.\n"),
        (2, "To Ana, v2", "I lied about Friday. I was with her.")]
    text = ok(amends("history", "1"))
    assert text.index("version 1") < text.index("Friday.\n") < text.index("version 2")

    assert ok(amends("delete", "1")) == "deleted draft 1 and its 2 versions\n"
    assert [r["id"] for r in json.loads(ok(amends("list", "--format", "json")))] == [2]
    one_line_error(amends("show", "1"), "There is no draft 1")
    one_line_error(amends("delete", "1"), "There is no draft 1")


@pytest.mark.slow
def test_add_records_whether_the_draft_is_ready(amends):
    """The one test that loads the model: `drafts add` checks readiness unless told not to."""
    assert ok(amends("add", "--title", "Update", str(UPDATE))) == "1\n"
    assert json.loads(ok(amends("list", "--format", "json")))[0]["ready"] is True
    assert "ready " in ok(amends("list"))


def test_no_draft_text_or_title_is_readable_in_the_data_folder(amends, data):
    title, body = "Zanzibar-Title-Sentinel", "Quetzal-Body-Sentinel-Text"
    ok(amends("add", "--title", title, "--no-check", stdin=body.encode()))
    ok(amends("save", "1", "--no-check", stdin=f"{body} again".encode()))
    for path in (p for p in data.rglob("*") if p.is_file()):
        content = path.read_bytes()
        for secret in (title, body):
            assert secret.encode() not in content, path
            assert secret.encode("utf-16-le") not in content, path
    assert ok(amends("show", "1")) == f"{body} again"


def test_export_and_import_between_machines(amends, tmp_path):
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    export = tmp_path / "backup.amends"
    secret = {"AMENDS_EXPORT_PASSPHRASE": "moving day"}
    ok(amends("add", "--title", "A", "--no-check", stdin=b"one", folder=laptop))
    ok(amends("add", "--title", "B", "--no-check", stdin=b"two", folder=laptop))
    assert ok(amends("export", "--out", str(export), folder=laptop, **secret)) == \
        f"exported 2 drafts to {export}\n"
    one_line_error(amends("export", "--out", str(export), folder=laptop, **secret),
                   "already exists")
    ok(amends("export", "--out", str(export), "--force", folder=laptop, **secret))
    assert b"one" not in export.read_bytes()

    ok(amends("add", "--title", "C", "--no-check", stdin=b"three", folder=desktop))
    before = hashes(desktop)
    one_line_error(amends("import", str(export), folder=desktop,
                          AMENDS_EXPORT_PASSPHRASE="not it"), "Wrong passphrase")
    assert hashes(desktop) == before
    one_line_error(amends("import", str(export), folder=desktop), "export passphrase")
    out = ok(amends("import", str(export), folder=desktop, **secret))
    assert out.startswith("imported 2 drafts, 0 needs")
    titles = [r["title"] for r in json.loads(ok(amends("list", "--format", "json",
                                                       folder=desktop)))]
    assert sorted(titles) == ["A", "B", "C"]
    one_line_error(amends("import", str(tmp_path / "missing.amends"), folder=desktop),
                   "no such file")


def test_passphrase_vault_without_a_keyring(amends, data):
    one_line_error(amends("add", "--no-check", stdin=b"text", keyring=False),
                   "AMENDS_PASSPHRASE")
    assert not (data / "vault.sqlite3").exists()
    ok(amends("add", "--title", "Locked", "--no-check", stdin=b"text", keyring=False,
              AMENDS_PASSPHRASE="correct horse"))
    before = hashes(data)
    line = one_line_error(amends("list", keyring=False, AMENDS_PASSPHRASE="wrong horse"),
                          "Wrong passphrase")
    assert "nothing was changed" in line
    one_line_error(amends("list", keyring=False), "AMENDS_PASSPHRASE")
    assert hashes(data) == before
    assert "Locked" in ok(amends("list", keyring=False, AMENDS_PASSPHRASE="correct horse"))


def test_switching_between_passphrase_and_keyring(amends, data):
    ok(amends("add", "--title", "T", "--no-check", stdin=b"text"))
    ok(amends("passphrase", AMENDS_NEW_PASSPHRASE="first"))
    one_line_error(amends("list"), "AMENDS_PASSPHRASE")
    ok(amends("passphrase", AMENDS_PASSPHRASE="first", AMENDS_NEW_PASSPHRASE="second"))
    one_line_error(amends("list", AMENDS_PASSPHRASE="first"), "Wrong passphrase")
    ok(amends("keyring", AMENDS_PASSPHRASE="second"))
    assert "T" in ok(amends("list"))


def test_a_damaged_vault_names_the_backup_and_restore_brings_it_back(amends, data):
    ok(amends("add", "--title", "Kept", "--no-check", stdin=b"text"))
    vault = data / "vault.sqlite3"
    vault.write_bytes(b"\x00garbage" * 512)
    before = hashes(data)
    line = one_line_error(amends("list"), "damaged")
    assert "backups" in line and "amends drafts restore" in line
    assert hashes(data) == before
    out = ok(amends("restore"))
    assert "kept as" in out
    assert "Kept" in ok(amends("list"))
    assert any(p.name.startswith("vault.sqlite3.replaced-") for p in data.iterdir())


def test_a_tampered_title_is_listed_as_unreadable_and_named(amends, data):
    for title in ("First", "Second"):
        ok(amends("add", "--title", title, "--no-check", stdin=b"text"))
    conn = sqlite3.connect(data / "vault.sqlite3")
    with conn:
        blob = bytearray(conn.execute("SELECT title FROM drafts WHERE id = 1").fetchone()[0])
        blob[-1] ^= 1
        conn.execute("UPDATE drafts SET title = ? WHERE id = 1", (bytes(blob),))
    conn.close()
    result = amends("list")
    line = one_line_error(result, "Draft 1 cannot be decrypted")
    assert "backup" in line
    assert "(cannot be read)" in result.stdout.decode() and "Second" in result.stdout.decode()
    assert ok(amends("show", "2")) == "text"


def test_a_vault_from_a_newer_amends(amends, data):
    ok(amends("add", "--title", "T", "--no-check", stdin=b"text"))
    conn = sqlite3.connect(data / "vault.sqlite3")
    conn.execute("PRAGMA user_version = 42")
    conn.close()
    before = hashes(data)
    one_line_error(amends("list"), "newer Amends")
    assert hashes(data) == before


def test_a_vanished_keyring_entry(amends, data, keyring_env):
    ok(amends("add", "--title", "T", "--no-check", stdin=b"text"))
    conn = sqlite3.connect(data / "vault.sqlite3")
    vault_id = conn.execute("SELECT vault_id FROM keys").fetchone()[0]
    conn.close()
    subprocess.run([sys.executable, "-c", "import keyring, sys; "
                    "keyring.delete_password('amends', sys.argv[1])", f"vault-{vault_id}"],
                   env={**os.environ, **keyring_env}, check=True, timeout=60)
    before = hashes(data)
    one_line_error(amends("list"), "no longer in the OS keyring")
    assert hashes(data) == before


@pytest.mark.parametrize("make, fragment", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "is a folder"),
    (lambda d: _write(d / "empty.txt", b" \n"), "is empty"),
    (lambda d: _write(d / "binary.bin", bytes(range(256))), "binary"),
    (lambda d: _write(d / "latin1.txt", "Zoë".encode("latin-1")), "not valid UTF-8"),
])
def test_bad_input_files_are_one_line(amends, tmp_path, make, fragment):
    one_line_error(amends("add", "--no-check", str(make(tmp_path))), fragment)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
