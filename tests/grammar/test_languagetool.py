"""LanguageToolChecker against a fake LanguageTool over real loopback HTTP: the protocol,
UTF-16 offsets, the remote-server rule, and every way a server can fail."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import desktop.grammar
from desktop.grammar import GrammarUnavailableError, create_checker
from desktop.grammar.languagetool_http import is_loopback_host, server_for_url, utf16_to_index
from desktop.grammar.preferences import ignore_finding
from desktop.settings import GrammarSettings
from tests.grammar.conftest import TARGET
from tests.grammar.fake_languagetool import FakeLanguageTool


def checker_for(url: str, **settings):
    checker = create_checker("languagetool", GrammarSettings(
        engine="languagetool", languagetool_url=url, **settings))
    checker.start()
    return checker


def found(checker, text):
    return [(text[f.start:f.end], f.rule) for f in checker.check(text)]


def test_findings_have_exact_spans_and_meaning_by_category(fake_lt):
    checker = checker_for(fake_lt.url)
    findings = checker.check(TARGET)
    assert [(f.start, f.end, TARGET[f.start:f.end], f.rule) for f in findings] == [
        (0, 1, "i", "I_LOWERCASE"),
        (0, 4, "i is", "FAKE_I_IS"),
        (20, 21, "i", "I_LOWERCASE"),
        (28, 33, "Their", "FAKE_THEIR_WAS"),
    ]
    # GRAMMAR and CONFUSED_WORDS change meaning; CASING does not.
    assert [f.changes_meaning for f in findings] == [False, True, False, True]
    assert findings[1].replacements == ("I am",)
    assert findings[1].message.startswith("The pronoun")
    request = fake_lt.requests[-1]
    assert request["text"] == TARGET and request["language"] == "en-US"
    assert "disabledRules" not in request
    checker.close()


def test_utf16_offsets_map_to_code_points_with_emoji(fake_lt):
    text = "😀 i know 👍🏽👨‍👩‍👧. Their was 𝒜 tommorow, i is 🇬🇧 sorry."
    checker = checker_for(fake_lt.url)
    assert found(checker, text) == [
        ("i", "I_LOWERCASE"), ("Their", "FAKE_THEIR_WAS"), ("tommorow", "MORFOLOGIK_RULE_EN_US"),
        ("i", "I_LOWERCASE"), ("i is", "FAKE_I_IS")]


def test_utf16_index_rounds_a_split_pair_outwards():
    to_index = utf16_to_index("a😀b")  # units: a, hi, lo, b
    assert [to_index(u, False) for u in range(5)] == [0, 1, 1, 2, 3]
    assert [to_index(u, True) for u in range(5)] == [0, 1, 2, 2, 3]
    with pytest.raises(IndexError):
        to_index(5, True)
    with pytest.raises(IndexError):
        utf16_to_index("abc")(4, True)


@pytest.mark.parametrize(("dialect", "code"), [
    ("british", "en-GB"), ("canadian", "en-CA"), ("australian", "en-AU")])
def test_dialect_is_sent_as_language(fake_lt, dialect, code):
    checker_for(fake_lt.url, dialect=dialect).check("Hello.")
    assert fake_lt.requests[-1]["language"] == code


def test_ignored_rules_are_sent_and_filtered(fake_lt):
    checker = checker_for(fake_lt.url, ignored_rules=["I_LOWERCASE", "FAKE_I_IS"])
    assert found(checker, TARGET) == [("Their", "FAKE_THEIR_WAS")]
    assert set(fake_lt.requests[-1]["disabledRules"].split(",")) == {"I_LOWERCASE",
                                                                       "FAKE_I_IS"}


def test_ignored_finding_and_personal_words(fake_lt, tmp_path: Path):
    text = "I met Jerilyn tommorow. " + TARGET
    settings = GrammarSettings(languagetool_url=fake_lt.url, dictionary=["Jerilyn"])
    first = checker_for(fake_lt.url).check(text)
    their = next(f for f in first if f.rule == "FAKE_THEIR_WAS")
    ignore_finding(settings, text, their)
    checker = create_checker("languagetool", settings)
    assert [text[f.start:f.end] for f in checker.check(text)] == [
        "tommorow", "i", "i is", "i"]


@pytest.mark.parametrize("form", ["{url}", "{url}/", "{url}/v2", "{url}/v2/check",
                                  "127.0.0.1:{port}"])
def test_url_forms(fake_lt, form):
    url = form.format(url=fake_lt.url, port=fake_lt.port)
    assert found(checker_for(url), "Their was no excuse.") == [("Their", "FAKE_THEIR_WAS")]


def test_loopback_server_is_reached_without_any_proxy(fake_lt, monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    assert found(checker_for(fake_lt.url), "Their was no excuse.") == [
        ("Their", "FAKE_THEIR_WAS")]


@pytest.mark.parametrize(("host", "loopback"), [
    ("localhost", True), ("LOCALHOST.", True), ("lt.localhost", True), ("127.0.0.1", True),
    ("127.8.9.10", True), ("::1", True), ("[::1]", True),
    ("api.languagetool.org", False), ("10.0.0.5", False), ("192.168.1.20", False),
    ("127.0.0.1.example.com", False), ("localhost.example.com", False), ("::ffff:8.8.8.8", False),
])
def test_what_counts_as_this_computer(host, loopback):
    assert is_loopback_host(host) is loopback


def test_remote_server_needs_the_opt_in():
    for url in ("https://api.languagetool.org", "http://192.168.1.20:8081/v2",
                "lt.example.com:8081"):
        checker = checker_for(url)
        with pytest.raises(GrammarUnavailableError) as caught:
            checker.check("Hello.")
        message = str(caught.value)
        assert "drafts would be sent to that server" in message
        assert "grammar.allow_remote_server = true" in message
    server = server_for_url("https://lt.example.com:8443/api/v2/", allow_remote=True)
    assert server.base == "https://lt.example.com:8443/api" and server.loopback is False


def test_public_api_is_never_a_default():
    settings = GrammarSettings()
    assert settings.languagetool_url == "" and settings.allow_remote_server is False
    package = Path(desktop.grammar.__file__).parent
    for source in package.glob("*.py"):
        assert "languagetool.org" not in source.read_text(encoding="utf-8"), source


def test_credentials_in_the_url_stay_out_of_messages():
    checker = checker_for("http://me:s3cret@127.0.0.1:9/")
    with pytest.raises(GrammarUnavailableError) as caught:
        checker.check("Hello.")
    assert "s3cret" not in str(caught.value) and "127.0.0.1:9" in str(caught.value)


def test_nothing_listening_is_one_clear_line():
    checker = checker_for("http://127.0.0.1:9")
    clock = time.monotonic()
    with pytest.raises(GrammarUnavailableError, match=re.escape("Nothing is listening at http://127.0.0.1:9")):
        checker.check("Hello.")
    assert time.monotonic() - clock < 2


def test_wrong_path_is_one_clear_line(fake_lt):
    with pytest.raises(GrammarUnavailableError, match=r"no LanguageTool API at .*HTTP 404"):
        checker_for(fake_lt.url + "/not-languagetool").check("Hello.")


@pytest.mark.parametrize("bad", ["ftp://127.0.0.1/", "http://", "http://127.0.0.1:99999/"])
def test_malformed_url(bad):
    with pytest.raises(GrammarUnavailableError, match=r"grammar.languagetool_url"):
        checker_for(bad).check("Hello.")


@pytest.mark.parametrize(("mode", "fragment"), [
    ("garbage", "did not answer like LanguageTool"),
    ("redirect", "does not follow redirects with drafts"),
    ("error", "refused the check (HTTP 500: Error: Internal Error"),
])
def test_misbehaving_server(mode, fragment):
    with FakeLanguageTool(mode) as server, pytest.raises(GrammarUnavailableError) as caught:
        checker_for(server.url).check("Their was no excuse.")
    assert fragment in str(caught.value) and "\n" not in str(caught.value)


def test_a_hanging_server_is_given_up_on_time():
    with FakeLanguageTool("hang") as server:
        checker = checker_for(server.url, timeout_seconds=1)
        clock = time.monotonic()
        with pytest.raises(GrammarUnavailableError, match="did not answer within 1 seconds"):
            checker.check("Their was no excuse.")
        assert time.monotonic() - clock < 2.5


def test_unknown_dialect_and_engine_fail_on_check():
    checker = checker_for("http://127.0.0.1:9", dialect="martian")
    with pytest.raises(GrammarUnavailableError, match="Unknown dialect 'martian'"):
        checker.check("Hello.")
    unknown = create_checker("grammarly", GrammarSettings())
    unknown.start()
    with pytest.raises(GrammarUnavailableError, match="Unknown grammar engine 'grammarly'"):
        unknown.check("Hello.")
    assert create_checker("off", GrammarSettings()) is None
