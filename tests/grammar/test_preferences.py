"""Ignored findings, ignored rules and the personal dictionary, kept in settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.analysis.report import GrammarFinding
from desktop.grammar import GrammarUnavailableError, create_checker
from desktop.grammar.preferences import (
    MAX_DICTIONARY_BYTES,
    Preferences,
    add_word,
    finding_hash,
    ignore_finding,
    ignore_rule,
    read_dictionary,
)
from desktop.settings import (
    GrammarSettings,
    Settings,
    SettingsError,
    dialect_of_locale,
    load_settings,
    save_settings,
)

DRAFT = "I lied about the trip to Lisbon with Jerilyn. Their was no excuse."


def their() -> GrammarFinding:
    start = DRAFT.index("Their")
    return GrammarFinding(start, start + 5, "Did you mean `there`?", "TheirToThere", ("There",),
                          True)


def test_ignored_findings_in_settings_hold_no_draft_text(tmp_path: Path):
    settings = Settings()
    entry = ignore_finding(settings.grammar, DRAFT, their())
    ignore_finding(settings.grammar, DRAFT, their())  # twice is once
    path = tmp_path / "settings.toml"
    save_settings(settings, path)
    stored = path.read_text(encoding="utf-8")
    assert settings.grammar.ignored_findings == [entry]
    assert len(entry) == 32 and int(entry, 16) >= 0
    for word in ("Their", "Lisbon", "Jerilyn", "excuse", "lied"):
        assert word not in stored
    loaded = load_settings(path).grammar
    assert loaded.ignored_findings == [entry] and loaded.ignore_key == settings.grammar.ignore_key


def test_hash_is_keyed_and_specific_to_its_place():
    key = b"k" * 32
    base = finding_hash(DRAFT, their(), key)
    assert finding_hash(DRAFT, their(), b"another install") != base
    other = DRAFT.replace("no excuse", "a reason")
    start = other.index("Their")
    moved = GrammarFinding(start, start + 5, "", "TheirToThere")
    assert finding_hash(other, moved, key) != base
    longer = "A new first sentence. " + DRAFT + " And a new last one."
    start = longer.index("Their")
    assert finding_hash(longer, GrammarFinding(start, start + 5, "", "TheirToThere"), key) == base


def test_apply_filters_rules_findings_and_personal_words():
    spelling = GrammarFinding(DRAFT.index("Jerilyn"), DRAFT.index("Jerilyn") + 7,
                              "Possible spelling mistake.", "SpellCheck")
    settings = GrammarSettings()
    everything = [their(), spelling]
    assert Preferences.load(settings).apply(DRAFT, everything, lambda f: True) == [
        spelling, their()]
    add_word(settings, "jerilyn")  # case does not matter
    assert Preferences.load(settings).apply(DRAFT, everything,
                                            lambda f: f.rule == "SpellCheck") == [their()]
    # A personal word only silences spelling rules, never grammar.
    assert Preferences.load(settings).apply(DRAFT, everything, lambda f: False) == [
        spelling, their()]
    ignore_rule(settings, "TheirToThere")
    ignore_rule(settings, "TheirToThere")
    assert settings.ignored_rules == ["TheirToThere"]
    assert Preferences.load(settings).apply(DRAFT, everything, lambda f: False) == [spelling]


def test_add_word_takes_one_word():
    settings = GrammarSettings()
    add_word(settings, "  Okonkwo-Baines ")
    add_word(settings, "Okonkwo-Baines")
    assert settings.dictionary == ["Okonkwo-Baines"]
    for bad in ("", "  ", "two words", "tab\there"):
        with pytest.raises(ValueError, match="one word"):
            add_word(settings, bad)


def test_dictionary_file_words_and_comments(tmp_path: Path):
    path = tmp_path / "words.txt"
    path.write_bytes("\ufeff# people\nJerilyn\n\n  Nuño  \r\nOkonkwo\n".encode())
    assert read_dictionary(path) == ["Jerilyn", "Nuño", "Okonkwo"]


@pytest.mark.parametrize(("content", "fragment"), [
    (b"Jerilyn\n\xff\xfe\xfa\n", "is not UTF-8 text"),
    (b"Jerilyn\nbad\x00word\n", "Line 2 of the personal dictionary"),
    (b"x" * (MAX_DICTIONARY_BYTES + 1), "too large"),
])
def test_corrupt_dictionary_file_is_one_line(tmp_path: Path, content: bytes, fragment: str):
    path = tmp_path / "words.txt"
    path.write_bytes(content)
    with pytest.raises(GrammarUnavailableError) as caught:
        Preferences.load(GrammarSettings(dictionary_path=str(path)))
    assert fragment in str(caught.value) and "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_or_unreadable_dictionary_file(tmp_path: Path):
    with pytest.raises(GrammarUnavailableError, match="does not exist"):
        read_dictionary(tmp_path / "nowhere.txt")
    with pytest.raises(GrammarUnavailableError, match="Cannot read the personal dictionary"):
        read_dictionary(tmp_path)


def test_settings_lists_must_hold_strings(tmp_path: Path):
    path = tmp_path / "settings.toml"
    path.write_text("[grammar]\ndictionary = [\"ok\", 3]\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"grammar.dictionary"):
        load_settings(path)
    path.write_text("[grammar]\ntimeout_seconds = 2.5\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"grammar.timeout_seconds"):
        load_settings(path)


def test_remote_opt_in_is_documented_where_it_is_declared():
    import inspect

    import desktop.settings

    source = inspect.getsource(desktop.settings.GrammarSettings)
    opt_in = source[source.index("allow_remote_server"):source.index("timeout_seconds")]
    assert "Drafts then leave this" in opt_in and "machine" in opt_in
    assert GrammarSettings().allow_remote_server is False
    assert GrammarSettings().languagetool_url == ""


@pytest.mark.parametrize(("environ", "dialect"), [
    ({"LANG": "en_GB.UTF-8"}, "british"),
    ({"LANG": "en_AU.UTF-8"}, "australian"),
    ({"LANG": "en_CA"}, "canadian"),
    ({"LC_ALL": "en_IE.UTF-8", "LANG": "en_US.UTF-8"}, "british"),
    ({"LANG": "en_US.UTF-8"}, "american"),
    ({"LANG": "C.UTF-8"}, "american"),
    ({"LANG": "de_DE.UTF-8"}, "american"),
    ({}, "american"),
])
def test_the_default_dialect_follows_the_locale(environ, dialect):
    assert dialect_of_locale(environ) == dialect


def test_a_british_locale_leaves_british_spelling_alone(monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    checker = create_checker("harper", GrammarSettings())
    text = "I have booked the counsellor for Tuesday."
    assert [text[f.start:f.end] for f in checker.check(text)] == []
