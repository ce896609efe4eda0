"""`amends doctor` names the grammar engine, says why it is in use, and what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli.doctor import _grammar
from desktop.grammar import GrammarUnavailableError


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AMENDS_CONFIG_DIR", str(tmp_path))
    return tmp_path / "settings.toml"


def test_default_is_harper(config):
    line = _grammar()
    assert line.startswith("harper (the default); dialect american; offline, in-process")


def test_engine_set_in_settings(config):
    config.write_text('[grammar]\nengine = "harper"\ndialect = "british"\n'
                      'dictionary = ["Jerilyn"]\n', encoding="utf-8")
    assert _grammar().startswith(f"harper (set in {config}); dialect british")
    assert "1 personal word, 0 ignored rules" in _grammar()


def test_languagetool_server_is_reported_reachable(config, fake_lt):
    config.write_text(f'[grammar]\nengine = "languagetool"\nlanguagetool_url = "{fake_lt.url}"\n',
                      encoding="utf-8")
    line = _grammar()
    assert line.startswith(f"languagetool (set in {config}); LanguageTool 6.4 server at "
                           f"{fake_lt.url} on this computer (reachable)")


def test_languagetool_unreachable_says_what_and_why(config):
    config.write_text('[grammar]\nengine = "languagetool"\nlanguagetool_url = '
                      '"http://127.0.0.1:9"\n', encoding="utf-8")
    with pytest.raises(GrammarUnavailableError) as caught:
        _grammar()
    assert str(caught.value).startswith(
        f"languagetool (set in {config}) cannot run: Nothing is listening at http://127.0.0.1:9")


def test_local_languagetool_missing(config, tmp_path, monkeypatch):
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "none"))
    config.write_text('[grammar]\nengine = "languagetool"\n', encoding="utf-8")
    with pytest.raises(GrammarUnavailableError, match=r"cannot run: (LanguageTool is not "
                                                       r"installed|LanguageTool needs Java)"):
        _grammar()


def test_off(config):
    config.write_text('[grammar]\nengine = "off"\n', encoding="utf-8")
    assert _grammar() == f"off (set in {config}); no grammar or spelling marks"
