"""Export and import carry everything: needs, practice attempts, and each commitment's
schedule and kept/missed marks, all inside the sealed file."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.vault import ArchiveError, Vault
from desktop.vault.archive import write_archive
from desktop.vault.transfer import PAYLOAD_FORMAT, dump

SECRETS = ("Counsellor every Tuesday", "Phone face up on the table", "weekly:tue",
           "Please answer my questions", "No contact with Sam", "I hid the messages",
           "Honesty about my brother", "2026-11-03", "2026-11-10")


def _fill(vault: Vault) -> dict[str, int]:
    letter = vault.add_draft("Letter", "I hid the messages from you.")
    vault.add_need("Please answer my questions straight.")
    vault.add_need("No contact with Sam, at all.", kind="boundary")
    vault.add_practice("why-01", "I hid the messages because I was scared.",
                       {"approval_share": 0.25, "situation": "why",
                        "reflection": {"id": "values-01", "text": "Honesty about my brother."}})
    weekly = vault.add_commitment("Counsellor every Tuesday", draft_id=letter,
                                  repeat="weekly:tue")
    vault.mark_commitment(weekly, "kept", dt.date(2026, 11, 3))
    vault.mark_commitment(weekly, "missed", dt.date(2026, 11, 10))
    vault.mark_commitment(weekly, "kept")  # no date given
    phone = vault.add_commitment("Phone face up on the table", due=dt.date(2026, 11, 20))
    vault.mark_commitment(phone, "missed", dt.date(2026, 11, 10))
    vault.add_commitment("Home by six")  # open, no date, no schedule
    return {"weekly": weekly, "phone": phone}


def _everything(vault: Vault) -> dict[str, object]:
    """Every record by its text, with ids (which differ between vaults) left out."""
    states = vault.commitment_states()
    titles = {d.id: d.title for d in vault.drafts()}
    return {
        "needs": sorted((n.kind, n.text, n.created, n.updated) for n in vault.needs()),
        "practice": sorted((a.prompt_id, a.answer, repr(a.report), a.created)
                           for a in vault.practice_attempts()),
        "commitments": sorted(
            (c.text, c.status, c.due, titles.get(c.draft_id) if c.draft_id else None,
             c.created, c.updated, states[c.id].repeat,
             tuple((m.status, m.on, m.marked) for m in states[c.id].marks))
            for c in vault.commitments()),
    }


def test_a_round_trip_keeps_needs_practice_and_every_mark(tmp_path):
    export = tmp_path / "move.amends"
    with Vault.open(tmp_path / "laptop" / "vault.sqlite3") as vault:
        _fill(vault)
        vault.export(export, "moving day")
        expected = _everything(vault)
    with Vault.open(tmp_path / "desktop" / "vault.sqlite3") as vault:
        added = vault.import_(export, "moving day")
        assert added == {"drafts": 1, "needs": 2, "practice": 1, "commitments": 3}
        assert _everything(vault) == expected
        weekly = next(c for c in vault.commitments() if c.text.startswith("Counsellor"))
        state = vault.commitment_state(weekly.id)
        assert state.repeat == "weekly:tue"
        assert [(m.status, m.on) for m in state.marks] == [
            ("kept", dt.date(2026, 11, 3)), ("missed", dt.date(2026, 11, 10)), ("kept", None)]
        assert weekly.status == "kept"
        # marks keep adding up after the move
        vault.mark_commitment(weekly.id, "missed", dt.date(2026, 11, 17))
        assert len(vault.commitment_state(weekly.id).marks) == 4
        assert vault.import_(export, "moving day") == dict.fromkeys(added, 0)


def test_the_export_holds_none_of_it_in_plain_text(tmp_path, vault_path):
    export = tmp_path / "backup.amends"
    with Vault.open(vault_path) as vault:
        _fill(vault)
        vault.export(export, "pw")
    data = export.read_bytes()
    for secret in SECRETS:
        assert secret.encode() not in data, secret


def test_the_dump_carries_the_schedule_and_marks(vault_path):
    with Vault.open(vault_path) as vault:
        ids = _fill(vault)
        payload = dump(vault)
    assert payload["format"] == PAYLOAD_FORMAT == 2
    weekly = next(c for c in payload["commitments"] if c["text"].startswith("Counsellor"))
    assert weekly["repeat"] == "weekly:tue"
    assert [(m["status"], m["on"]) for m in weekly["marks"]] == [
        ("kept", "2026-11-03"), ("missed", "2026-11-10"), ("kept", None)]
    plain = next(c for c in payload["commitments"] if c["text"] == "Home by six")
    assert plain["repeat"] is None and plain["marks"] == []
    assert ids  # the fixture made them


def _old_export(path, commitments):
    """A file as the previous Amends wrote it: payload format 1, no repeat, no marks."""
    write_archive(path, {"format": 1, "vault_id": "old", "drafts": [], "needs": [],
                         "practice": [], "commitments": commitments}, "pw")


def test_an_export_from_before_marks_still_imports(tmp_path, vault_path):
    export = tmp_path / "old.amends"
    _old_export(export, [
        {"uid": "c1", "text": "Call at lunch", "status": "kept", "due": "2026-10-01",
         "draft_uid": None, "created": 1.0e9, "updated": 1.1e9},
        {"uid": "c2", "text": "Home by six", "status": "open", "due": None,
         "draft_uid": "gone", "created": 1.0e9, "updated": 1.0e9}])
    with Vault.open(vault_path) as vault:
        assert vault.import_(export, "pw")["commitments"] == 2
        kept = next(c for c in vault.commitments() if c.text == "Call at lunch")
        assert kept.status == "kept" and kept.due == dt.date(2026, 10, 1)
        assert vault.commitment_state(kept.id).marks == ()
        vault.mark_commitment(kept.id, "missed", dt.date(2026, 11, 2))  # and it can be marked
        assert vault.commitment(kept.id).status == "missed"


@pytest.mark.parametrize("change, fragment", [
    ({"repeat": ""}, "repeat is not a schedule"),
    ({"repeat": 7}, "repeat is missing or of the wrong type"),
    ({"marks": "kept"}, "marks is missing or of the wrong type"),
    ({"marks": [{"status": "open", "on": None}]}, "status is not one of"),
    ({"marks": [{"status": "kept", "on": "last Tuesday"}]}, "on is not a date"),
    ({"marks": [{"status": "kept", "on": None, "marked": "soon"}]}, "marked is missing"),
])
def test_bad_marks_in_an_export_import_nothing(tmp_path, vault_path, change, fragment):
    export = tmp_path / "bad.amends"
    item = {"uid": "c1", "text": "Call at lunch", "status": "open", "due": None,
            "draft_uid": None, "created": 1.0e9, "updated": 1.0e9, **change}
    write_archive(export, {"format": 2, "commitments": [item],
                           "needs": [{"uid": "n1", "kind": "need", "text": "space",
                                      "created": 1.0, "updated": 1.0}]}, "pw")
    with Vault.open(vault_path) as vault:
        with pytest.raises(ArchiveError, match=fragment) as caught:
            vault.import_(export, "pw")
        assert "nothing was imported" in str(caught.value)
        assert vault.needs() == [] and vault.commitments() == []


def test_a_payload_from_a_newer_amends_is_named_as_such(tmp_path, vault_path):
    export = tmp_path / "newer.amends"
    write_archive(export, {"format": PAYLOAD_FORMAT + 1, "needs": []}, "pw")
    with Vault.open(vault_path) as vault, pytest.raises(
            ArchiveError, match=r"newer Amends \(payload format 3\).*Nothing was imported"):
        vault.import_(export, "pw")


def test_five_hundred_needs_go_across_whole_and_sealed(tmp_path):
    needs = [f"Need number {n}: please give me space about topic-{n:03d}" for n in range(500)]
    export = tmp_path / "needs.amends"
    source = tmp_path / "laptop" / "vault.sqlite3"
    with Vault.open(source) as vault:
        for n, text in enumerate(needs):
            vault.add_need(text, kind="boundary" if n % 5 == 0 else "need")
        vault.export(export, "pw")
    with Vault.open(tmp_path / "desktop" / "vault.sqlite3") as vault:
        assert vault.import_(export, "pw")["needs"] == 500
        assert [n.text for n in vault.needs()] == needs
        assert len(vault.needs("boundary")) == 100
    for path in [export, *(p for p in tmp_path.rglob("*") if p.is_file())]:
        content = path.read_bytes()
        assert b"topic-" not in content and b"give me space" not in content, path
