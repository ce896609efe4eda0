"""Against a real LanguageTool, when one is here: a server named by AMENDS_TEST_LANGUAGETOOL_URL
(e.g. a container on localhost), or a local install (Java 17+ and a downloaded LanguageTool).
Skipped otherwise, and the skip says exactly what was missing."""

from __future__ import annotations

import os

import pytest

from desktop.grammar import GrammarUnavailableError
from desktop.grammar.languagetool import LanguageToolChecker
from desktop.grammar.languagetool_local import find_jar, find_java
from desktop.settings import GrammarSettings
from tests.grammar.conftest import TARGET


@pytest.fixture(scope="module")
def real_lt():
    url = os.environ.get("AMENDS_TEST_LANGUAGETOOL_URL", "")
    if not url:
        try:
            find_java()
            find_jar("")
        except GrammarUnavailableError as exc:
            pytest.skip(f"no real LanguageTool here (set AMENDS_TEST_LANGUAGETOOL_URL to run "
                        f"against a server): {exc}")
    checker = LanguageToolChecker(GrammarSettings(engine="languagetool", languagetool_url=url,
                                                  timeout_seconds=30))
    checker.start()
    yield checker
    checker.close()


@pytest.mark.slow
def test_real_languagetool_finds_the_target_errors_with_exact_spans(real_lt):
    findings = real_lt.check(TARGET)
    flagged = {TARGET[f.start:f.end] for f in findings}
    assert {"i", "Their"} <= {word for text in flagged for word in text.split()}
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(TARGET)
        assert finding.rule and finding.message


@pytest.mark.slow
def test_real_languagetool_offsets_after_emoji(real_lt):
    prefix = "😀👍🏽 "
    plain = real_lt.check(TARGET)
    shifted = real_lt.check(prefix + TARGET)
    assert [(f.start - len(prefix), f.end - len(prefix), f.rule) for f in shifted] == [
        (f.start, f.end, f.rule) for f in plain]
