"""Export and import: one passphrase-protected file for backups and moving machines."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.vault import ArchiveError, Vault
from desktop.vault.archive import MAGIC, read_archive, write_archive
from tests.vault.test_keys import fingerprint


def _fill(vault: Vault) -> int:
    draft_id = vault.add_draft("Letter to Ana", "I was wrong to hide it.")
    vault.save_version(draft_id, "I hid it, and that was a choice.", ready=True)
    vault.add_draft("Note", "Home by six.")
    vault.add_need("Honesty first, even when it is hard.")
    vault.add_need("No contact with him.", kind="boundary")
    vault.add_practice("repair/01", "I lied.", {"ready": False, "labels": ["minimizing"]})
    vault.add_commitment("Share my location", due=dt.date(2025, 1, 31), draft_id=draft_id)
    return draft_id


def _snapshot(vault: Vault) -> dict:
    return {
        "drafts": sorted((d.title, d.versions, d.ready) for d in vault.drafts()),
        "history": sorted(tuple((v.number, v.title, v.text, v.ready) for v in vault.history(d.id))
                          for d in vault.drafts()),
        "needs": [(n.kind, n.text) for n in vault.needs()],
        "practice": [(a.prompt_id, a.answer, a.report) for a in vault.practice_attempts()],
        "commitments": [(c.text, c.status, c.due) for c in vault.commitments()],
    }


def test_export_then_import_on_another_machine(tmp_path):
    source = tmp_path / "laptop" / "vault.sqlite3"
    target = tmp_path / "desktop" / "vault.sqlite3"
    export = tmp_path / "move.amends"
    with Vault.open(source) as vault:
        _fill(vault)
        assert vault.export(export, "moving day") == 2
        expected = _snapshot(vault)
    with Vault.open(target) as vault:
        added = vault.import_(export, "moving day")
        assert added == {"drafts": 2, "needs": 2, "practice": 1, "commitments": 1}
        assert _snapshot(vault) == expected
        letter = next(d for d in vault.drafts() if d.title == "Letter to Ana")
        assert vault.commitments()[0].draft_id == letter.id
        assert vault.import_(export, "moving day") == dict.fromkeys(added, 0)  # no doubles
        assert _snapshot(vault) == expected


def test_the_export_file_holds_no_readable_text(tmp_path, vault_path):
    export = tmp_path / "backup.amends"
    with Vault.open(vault_path) as vault:
        _fill(vault)
        vault.export(export, "pw")
    data = export.read_bytes()
    assert data.startswith(MAGIC)
    for text in ("Ana", "hide", "Honesty", "him.", "lied", "location", "repair/01"):
        assert text.encode() not in data
    assert oct(export.stat().st_mode & 0o777) == "0o600"


def test_a_wrong_passphrase_imports_nothing(tmp_path, vault_path):
    export = tmp_path / "backup.amends"
    with Vault.open(tmp_path / "other.sqlite3") as other:
        _fill(other)
        other.export(export, "right")
    with Vault.open(vault_path) as vault:
        vault.add_draft("mine", "text")
    before = fingerprint(vault_path.parent)
    with Vault.open(vault_path, backup_spacing=1e9) as vault:
        with pytest.raises(ArchiveError, match="Wrong passphrase"):
            vault.import_(export, "wrong")
        assert [d.title for d in vault.drafts()] == ["mine"]
    assert fingerprint(vault_path.parent) == before


@pytest.mark.parametrize("damage", ["flip", "truncate", "header", "magic", "empty"])
def test_a_damaged_export_is_refused(tmp_path, vault_path, damage):
    export = tmp_path / "backup.amends"
    with Vault.open(vault_path) as vault:
        _fill(vault)
        vault.export(export, "pw")
        data = bytearray(export.read_bytes())
        if damage == "flip":
            data[-40] ^= 0x80
        elif damage == "truncate":
            data = data[:len(data) // 2]
        elif damage == "header":
            data = data.replace(b'"p": 1', b'"p": 2')
        elif damage == "magic":
            data[0:6] = b"PKZIP!"
        else:
            data = bytearray()
        export.write_bytes(bytes(data))
        with pytest.raises(ArchiveError) as caught:
            vault.import_(export, "pw")
        assert "\n" not in str(caught.value) and str(export) in str(caught.value)
        assert len(vault.drafts()) == 2


def test_an_export_from_a_newer_amends_is_named_as_such(tmp_path):
    export = tmp_path / "new.amends"
    write_archive(export, {"format": 1}, "pw")
    data = export.read_bytes().replace(b'"format": 1', b'"format": 9')
    export.write_bytes(data)
    with pytest.raises(ArchiveError, match="newer Amends"):
        read_archive(export, "pw")


@pytest.mark.parametrize("payload, fragment", [
    ({"format": 1, "drafts": [{"uid": "a", "created": 1, "updated": 1, "versions": []}]},
     "no versions"),
    ({"format": 1, "drafts": [{"uid": "a", "created": 1, "updated": 1,
                               "versions": [{"number": 1, "saved": 1, "title": 3, "text": ""}]}]},
     "title"),
    ({"format": 1, "needs": [{"uid": "n", "kind": "wish", "text": "x", "created": 1,
                              "updated": 1}]}, "kind"),
    ({"format": 1, "commitments": "nope"}, "not a list"),
    ({"format": 0}, "format"),
])
def test_a_well_sealed_but_malformed_export_imports_nothing(tmp_path, vault_path, payload,
                                                            fragment):
    export = tmp_path / "odd.amends"
    write_archive(export, payload, "pw")
    with Vault.open(vault_path) as vault:
        with pytest.raises(ArchiveError, match=fragment):
            vault.import_(export, "pw")
        assert vault.drafts() == []


def test_missing_and_folder_paths(tmp_path, vault_path):
    with Vault.open(vault_path) as vault:
        with pytest.raises(ArchiveError, match="no such file"):
            vault.import_(tmp_path / "nope.amends", "pw")
        with pytest.raises(ArchiveError, match="folder"):
            vault.import_(tmp_path, "pw")


def test_the_payload_is_inside_the_seal(tmp_path):
    export = tmp_path / "x.amends"
    write_archive(export, {"format": 1, "drafts": []}, "pw")
    assert read_archive(export, "pw") == {"format": 1, "drafts": []}
    assert b"drafts" not in export.read_bytes()
