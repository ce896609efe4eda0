"""Vault speed on this machine: open and list 10,000 drafts (target under a second).

Run with ``python -m pytest tests/benchmarks/test_vault_speed.py -s``; every figure measured
is printed. The vault is built by importing one export file, which is timed as well.
"""

from __future__ import annotations

import statistics
import sys
import time
from concurrent.futures import Future

import pytest

from desktop.vault import Vault, VaultWriter
from desktop.vault.archive import write_archive
from desktop.vault.transfer import PAYLOAD_FORMAT
from tests.benchmarks.helpers import best_of, run_process
from tests.conftest import REPO
from tests.vault.secret_service import secret_service, use_in_process

DRAFTS = 10_000
PARAGRAPH = ("I know that what I did broke your trust, and I am not asking you to move past "
             "it on my schedule. I lied about where I was on Friday, and I kept lying. ")


@pytest.fixture(scope="module")
def keyring_env(tmp_path_factory):
    with secret_service(tmp_path_factory.mktemp("secret-service")) as env, \
            use_in_process(env):
        yield env


@pytest.fixture(scope="module")
def big_export(tmp_path_factory):
    drafts = [{
        "uid": f"{i:032x}", "created": 1.7e9 + i, "updated": 1.7e9 + i,
        "versions": [{"number": 1, "saved": 1.7e9 + i, "title": f"Letter {i} to Ana",
                      "text": f"Draft {i}. " + PARAGRAPH * 6, "ready": i % 3 == 0}]}
        for i in range(DRAFTS)]
    path = tmp_path_factory.mktemp("export") / "big.amends"
    write_archive(path, {"format": PAYLOAD_FORMAT, "drafts": drafts}, "bench")
    return path


def _build(path, export, **open_args) -> float:
    with Vault.open(path, **open_args) as vault:
        start = time.perf_counter()
        assert vault.import_(export, "bench")["drafts"] == DRAFTS
        return time.perf_counter() - start


@pytest.mark.parametrize("mode", ["keyring", "passphrase"])
def test_open_and_list_10000_drafts(keyring_env, big_export, tmp_path, mode):
    path = tmp_path / "data" / "vault.sqlite3"
    open_args = {"passphrase": "pw"} if mode == "passphrase" else {}
    if mode == "passphrase":
        Vault.create(path, passphrase="pw").close()
    built = _build(path, big_export, **open_args)
    size_mb = path.stat().st_size / 1e6

    def open_and_list() -> None:
        with Vault.open(path, **open_args) as vault:
            assert len(vault.drafts()) == DRAFTS

    in_process = best_of(5, open_and_list)
    env = {"AMENDS_DATA_DIR": str(path.parent), "PYTHONPATH": str(REPO),
           **({"AMENDS_PASSPHRASE": "pw"} if mode == "passphrase" else {})}
    cli = min(run_process([sys.executable, "-m", "desktop", "drafts", "list"], env)[0]
              for _ in range(3))
    bare = min(run_process([sys.executable, "-m", "desktop", "drafts", "--help"], env)[0]
               for _ in range(3))
    print(f"\n[{mode}] {DRAFTS:,} drafts, {size_mb:.1f} MB file: import {built:.2f} s; "
          f"open + list {in_process * 1000:.0f} ms (target < 1000 ms); `amends drafts list` "
          f"process {cli * 1000:.0f} ms (of which start-up, `amends drafts --help`, "
          f"{bare * 1000:.0f} ms)")
    assert in_process < 1.0


def test_save_latency_and_export(keyring_env, big_export, tmp_path):
    path = tmp_path / "data" / "vault.sqlite3"
    _build(path, big_export)
    with Vault.open(path) as vault:
        draft_id = vault.add_draft("Latency", "start")
        direct = []
        for i in range(100):
            start = time.perf_counter()
            vault.save_version(draft_id, f"version {i} " + PARAGRAPH * 6)
            direct.append(time.perf_counter() - start)
        with VaultWriter(vault) as writer:
            acks: list[float] = []
            futures: list[Future[int]] = []
            for i in range(100):
                sent = time.perf_counter()
                future = writer.save_version(draft_id, f"queued {i} " + PARAGRAPH * 6)
                future.add_done_callback(lambda _f, sent=sent: acks.append(
                    time.perf_counter() - sent))
                futures.append(future)
                time.sleep(0.01)
            for future in futures:
                future.result(timeout=60)
        backup = best_of(3, vault.backup)
        export = tmp_path / "all.amends"
        start = time.perf_counter()
        vault.export(export, "bench")
        exported = time.perf_counter() - start
    print(f"\nsave_version (commit + fsync): median {statistics.median(direct) * 1000:.1f} ms, "
          f"max {max(direct) * 1000:.1f} ms; writer-thread ack: median "
          f"{statistics.median(acks) * 1000:.1f} ms, p95 "
          f"{sorted(acks)[94] * 1000:.1f} ms; backup copy {backup * 1000:.0f} ms; "
          f"export of {DRAFTS:,} drafts {exported:.2f} s ({export.stat().st_size / 1e6:.1f} MB)")
