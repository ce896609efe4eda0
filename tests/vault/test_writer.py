"""The writer thread: ordered commits, acknowledgements only after commit, autosave, kill -9."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from desktop.vault import NotFoundError, Vault, VaultWriter
from tests.conftest import REPO


@pytest.fixture
def vault(vault_path):
    with Vault.open(vault_path) as opened:
        yield opened


def _committed_versions(path, draft_id: int) -> int:
    """Seen through another connection: only committed rows are visible there."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM versions WHERE draft_id = ?",
                            (draft_id,)).fetchone()[0]
    finally:
        conn.close()


def test_saves_commit_in_submission_order(vault, vault_path):
    draft_id = vault.add_draft("t", "v1")
    with VaultWriter(vault) as writer:
        futures = [writer.save_version(draft_id, f"v{i}") for i in range(2, 102)]
        assert [f.result(timeout=30) for f in futures] == list(range(2, 102))
    assert [v.text for v in vault.history(draft_id)] == [f"v{i}" for i in range(1, 102)]


def test_a_future_resolves_only_after_the_commit(vault, vault_path):
    writer = VaultWriter(vault)
    seen: list[tuple[int, int]] = []
    draft_id = writer.add_draft("t", "first").result(timeout=10)
    futures = []
    for i in range(20):
        future = writer.save_version(draft_id, f"text {i}")
        future.add_done_callback(lambda f: seen.append(
            (f.result(), _committed_versions(vault_path, draft_id))))
        futures.append(future)
    for future in futures:
        future.result(timeout=30)
    writer.close()
    assert len(seen) == 20
    assert all(committed >= number for number, committed in seen)


def test_a_failed_write_reports_its_error_and_the_queue_goes_on(vault):
    with VaultWriter(vault) as writer:
        bad = writer.save_version(12345, "nowhere")
        good = writer.add_draft("t", "fine")
        assert isinstance(bad.exception(timeout=10), NotFoundError)
        assert good.result(timeout=10) >= 1


def test_autosave_waits_for_typing_to_stop_and_saves_the_last_text(vault):
    draft_id = vault.add_draft("t", "start")
    with VaultWriter(vault, autosave_delay=0.3) as writer:
        futures = [writer.autosave(draft_id, "start" + "!" * i) for i in range(1, 6)]
        numbers = {f.result(timeout=10) for f in futures}
    assert numbers == {2}
    assert [v.text for v in vault.history(draft_id)] == ["start", "start!!!!!"]


def test_an_explicit_save_settles_a_waiting_autosave(vault):
    draft_id = vault.add_draft("t", "start")
    with VaultWriter(vault, autosave_delay=60) as writer:
        typing = writer.autosave(draft_id, "half typed")
        saved = writer.save_version(draft_id, "finished", title="Final")
        assert typing.result(timeout=10) == saved.result(timeout=10) == 2
    assert [v.text for v in vault.history(draft_id)] == ["start", "finished"]
    assert vault.draft(draft_id).title == "Final"


def test_flush_writes_waiting_autosaves_now_and_close_refuses_more(vault):
    draft_id = vault.add_draft("t", "start")
    writer = VaultWriter(vault, autosave_delay=3600)
    pending = writer.autosave(draft_id, "typed")
    assert writer.pending() == 1 and not pending.done()
    writer.flush(timeout=10)
    assert pending.result(timeout=0) == 2 and writer.pending() == 0
    other = writer.autosave(draft_id, "more")
    writer.close(timeout=10)
    assert other.result(timeout=0) == 3
    with pytest.raises(RuntimeError, match="closed"):
        writer.autosave(draft_id, "late")


def test_deleting_a_draft_cancels_its_waiting_autosave(vault):
    draft_id = vault.add_draft("t", "start")
    with VaultWriter(vault, autosave_delay=3600) as writer:
        pending = writer.autosave(draft_id, "typed")
        assert writer.delete_draft(draft_id).result(timeout=10) == 1
        assert pending.cancelled()
    assert vault.drafts() == []


SAVE_STREAM = textwrap.dedent("""
    import sys
    from desktop.vault import Vault, VaultWriter

    vault = Vault.open(sys.argv[1])
    writer = VaultWriter(vault)
    draft = writer.add_draft("stream", "save 0").result()
    print(f"draft {draft}", flush=True)

    def acknowledge(number):
        def done(future):
            future.result()
            print(f"ack {number}", flush=True)
        return done

    number = 0
    while True:
        number += 1
        writer.save_version(draft, f"save {number} " + "x" * 3000).add_done_callback(
            acknowledge(number))
        while writer.pending() > 20:
            pass
""")


@pytest.mark.parametrize("acks_before_kill", [1, 40, 150])
def test_kill_9_during_a_stream_of_saves_loses_no_acknowledged_save(vault_path, acks_before_kill):
    process = subprocess.Popen(
        [sys.executable, "-c", SAVE_STREAM, str(vault_path)], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=REPO)
    assert process.stdout is not None
    acked: list[int] = []
    draft_id = None
    try:
        for line in process.stdout:
            word, value = line.decode().split()
            if word == "draft":
                draft_id = int(value)
            else:
                acked.append(int(value))
            if len(acked) >= acks_before_kill:
                break
    finally:
        os.kill(process.pid, signal.SIGKILL)
        rest, errors = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL, errors.decode()
    acked += [int(line.split()[1]) for line in rest.decode().splitlines() if line.strip()]
    assert draft_id is not None and acked == list(range(1, len(acked) + 1))

    conn = sqlite3.connect(vault_path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    with Vault.open(vault_path) as vault:
        texts = [v.text.split(" x")[0].strip() for v in vault.history(draft_id)]
        assert vault.check() == []
    assert texts[0] == "save 0"
    assert texts[:len(acked) + 1] == [f"save {n}" for n in range(len(acked) + 1)]
    assert texts == [f"save {n}" for n in range(len(texts))]  # in order, no gaps
