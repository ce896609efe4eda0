"""No practice answer, reflection, need or commitment is readable anywhere in the data folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.commitments import Ledger, extract_promises
from desktop.practice import load_library, practise
from desktop.vault import Vault

SECRETS = {
    "answer": "Tangerine-Practice-Answer-19",
    "reflection": "Saxophone-Reflection-Notes-52",
    "need": "Lighthouse-Partner-Need-08",
    "commitment": "Walrus-Promise-Text-77",
}


def _scan(folder: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes().lower()
        for name, secret in SECRETS.items():
            variants = (secret.encode(), secret.encode("utf-16-le"), secret.encode("utf-16-be"))
            if any(v.lower() in data for v in variants):
                found.setdefault(name, []).append(path.name)
    return found


def test_nothing_typed_is_readable_at_rest(analyzer, data_dir, vault_path):
    library = load_library()
    vault = Vault.open(vault_path)
    practise(analyzer, library.prompt("why-01"), f"I lied to you. {SECRETS['answer']}.",
             vault=vault, reflection=(library.reflection[0], SECRETS["reflection"]),
             needs=[SECRETS["need"]])
    vault.add_need(SECRETS["need"])
    ledger = Ledger(vault)
    (promise,) = extract_promises(f"I'll bring {SECRETS['commitment']} every Tuesday.",
                                  dt.date(2026, 11, 2))
    promise_id = ledger.confirm(promise)
    ledger.mark(promise_id, "missed", dt.date(2026, 11, 3))
    vault.backup()
    assert _scan(data_dir) == {}  # while the WAL holds the data
    vault.close()
    assert _scan(data_dir) == {}
    with Vault.open(vault_path) as vault:  # and all of it is still there
        (attempt,) = vault.practice_attempts()
        assert SECRETS["answer"] in attempt.answer
        assert attempt.report["reflection"]["text"] == SECRETS["reflection"]
        assert SECRETS["commitment"] in Ledger(vault).entries()[0].text
