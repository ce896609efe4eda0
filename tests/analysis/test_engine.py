"""The engine on the real model: labels for the taxonomy's hard cases, report invariants,
caching, and odd input."""

from __future__ import annotations

import json

import pytest

from desktop.analysis import Analyzer, InputError
from desktop.analysis.engine import MAX_CHARS
from desktop.analysis.taxonomy import FAMILIES, LABELS

# The hard cases of TAXONOMY.md, verbatim. None of them is an exemplar.
HARD_CASES = [
    ("I'm sorry I hurt you.", "remorse"),
    ("I'm sorry if I hurt you.", "conditional_apology"),
    ("Take the time you need.", "partner_needs"),
    ("Take the time you need, but it's been a year.", "forgiveness_pressure"),
    ("I feel terrible about what I did to you.", "remorse"),
    ("I feel so terrible I can't function.", "self_pity"),
    ("I've started therapy.", "change"),
    ("I've started therapy, so you should trust me now.", "scorekeeping"),
    ("Leaving work now, home by 6.", "transparency"),
    ("I'm not asking you to forgive me.", "partner_needs"),
]


@pytest.mark.parametrize("sentence, label", HARD_CASES)
def test_hard_cases_of_the_taxonomy(analyzer, sentence, label):
    report = analyzer.analyze(sentence)
    assert [s.label for s in report.sentences] == [label]


def test_report_matches_the_interface(analyzer):
    text = ("I lied to you about the trip to Leeds. I'm sorry if you were upset.\n"
            "Can we just move on now? I see my counsellor every Tuesday.")
    data = json.loads(json.dumps(analyzer.analyze(text).to_dict()))
    assert {"ready", "reasons", "scores", "sentences", "grammar", "timings_ms"} <= set(data)
    assert "id" not in data
    assert set(data["scores"]) == {"accountable", "approval", "partner_focus"}
    assert set(data["timings_ms"]) >= {"segment", "embed", "classify", "grammar"}
    assert data["ready"] is False
    assert len(data["sentences"]) == 4
    for sentence in data["sentences"]:
        assert text[sentence["start"]:sentence["end"]] == sentence["text"]
        assert sentence["label"] in LABELS
        assert sentence["family"] == LABELS[sentence["label"]].family
        assert sentence["family"] in FAMILIES
        assert 0.0 <= sentence["confidence"] <= 1.0
        similarities = [e["similarity"] for e in sentence["evidence"]]
        assert len(similarities) == 3 and similarities == sorted(similarities, reverse=True)
        assert all(e["label"] in LABELS for e in sentence["evidence"])
        if sentence["family"] == "accountable":
            assert sentence["suggestions"] == []
        for suggestion in sentence["suggestions"]:
            assert set(suggestion) == {"replacement", "rule", "explanation", "source"}
            assert suggestion["source"] in {"rule", "exemplar", "needs"}
    flagged = [s for s in data["sentences"] if s["family"] == "approval"]
    assert flagged and all(s["suggestions"] for s in flagged)


def test_verdict_and_reasons(analyzer):
    ready = analyzer.analyze(
        "I lied to you for months about where I was. You stopped feeling safe in our home "
        "because of me. I'm sorry I did that. What would help you this week?")
    assert ready.ready
    assert ready.reasons == ["No sentence asks your partner for approval."]
    assert ready.checklist["owns_what_happened"] and ready.checklist["asks_for_nothing_back"]
    revise = analyzer.analyze("I'm sorry if you were hurt. Please tell me you still love me.")
    assert not revise.ready
    assert any("reassurance" in reason for reason in revise.reasons)
    assert any("conditional" in reason for reason in revise.reasons)
    assert revise.scores["approval"] == 1.0


def test_id_is_echoed_first(analyzer):
    data = analyzer.analyze("Home by six.", id="msg-7").to_dict()
    assert next(iter(data)) == "id" and data["id"] == "msg-7"


def test_an_edit_reanalyses_only_the_changed_sentence(analyzer):
    sentences = [f"I told you I was at the gym on day {n} when I was with Dana." for n in range(40)]
    text = " ".join(sentences)
    analyzer.analyze(text)
    embedder = analyzer._loaded().embedder
    before = embedder.encoded_count
    edited = text.replace("day 17", "day 71")
    report = analyzer.analyze(edited)
    assert embedder.encoded_count - before == 1
    assert report.sentences[17].text.endswith("day 71 when I was with Dana.")


def test_the_products_own_rewrites_are_judged_without_encoding_them(analyzer):
    """A fresh draft pays for its own sentences and the rule rewrites that quote them; the
    product's fixed rewrites (pairs, general moves) were encoded once, at load."""
    sentence = "Can you just forgive me?"
    analyzer.warm_up()
    analyzer.forget_results()
    embedder = analyzer._loaded().embedder
    before = embedder.encoded_count
    [judged] = analyzer.analyze(sentence).sentences
    assert judged.flagged
    assert any(s.rule.startswith(("Pairs.", "General.")) for s in judged.suggestions)
    quoting = analyzer._rewrites().advisor.suggester.rules.rewrites(sentence)
    assert embedder.encoded_count - before <= 2 * (1 + len(quoting))  # each with its clause


def test_empty_and_whitespace_drafts(analyzer):
    for text in ("", "   \n\t  ", "\u200b\u200b"):
        report = analyzer.analyze(text)
        assert report.sentences == [] and report.ready is False
        assert report.reasons == ["There is nothing to check yet."]


@pytest.mark.parametrize("text", [
    "i'm so sorry 😔😔 i know i broke us 💔 I lied about the gym",
    "أنا آسف لأنني كذبت عليك. I lied to you.",
    "我对不起你。I lied to you about the weekend.",
    "I\u200b lied\u200d to you. I\u0301'm sorry I hurt you.",
    "I lied to you.\r\nI'm sorry I hurt you.\r\n",
])
def test_odd_scripts_and_characters_give_exact_offsets(analyzer, text):
    report = analyzer.analyze(text)
    assert report.sentences
    for sentence in report.sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_a_huge_sentence_without_full_stops(analyzer):
    text = " ".join(["i know i hurt you and i keep thinking about it"] * 2000)
    report = analyzer.analyze(text)
    assert sum(len(s.text.split()) for s in report.sentences) == len(text.split())


def test_bad_input_raises_input_error():
    engine = Analyzer(grammar="off")
    with pytest.raises(InputError, match="Expected text"):
        engine.analyze(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="checks up to"):
        engine.analyze("a" * (MAX_CHARS + 1))
    assert not engine.ready, "rejecting input must not load the model"


def test_rewrites_are_judged_like_draft_sentences_but_kept_out_of_its_results(analyzer):
    """Re-checking a candidate rewrite needs only its decision; its evidence is never shown."""
    from desktop.analysis.engine import model_text

    candidates = ["Please, I just need you to say we're okay.",
                  "I hid the messages from you for months, and that was my choice.",
                  "I'm sorry if you took it the wrong way, but can we move on?"]
    still_flagged = analyzer._still_flagged(candidates)
    assert not any(model_text(c) in analyzer._results for c in candidates)
    assert still_flagged == [analyzer.analyze(c).sentences[0].flagged for c in candidates]
    assert still_flagged == [True, False, True]


def test_numpy_leaves_the_cores_to_torch(analyzer):
    """OpenBLAS threads spinning after a numpy product slowed the next encode 2-3 times."""
    from threadpoolctl import threadpool_info

    analyzer.warm_up()
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)
