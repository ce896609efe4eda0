"""Promises in sent messages: what counts, what does not, spans, dates and schedules."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.commitments import extract_promises
from desktop.commitments.dataset import DatasetError, load_set, set_path
from desktop.commitments.evaluate import main as evaluate_main
from desktop.commitments.evaluate import score

NOW = dt.datetime(2026, 11, 2, 18, 0)  # a Monday evening


def texts(message: str) -> list[str]:
    return [p.text for p in extract_promises(message, NOW)]


@pytest.mark.parametrize(("message", "expected"), [
    ("I will ring the landlord in the morning.", ["I will ring the landlord in the morning"]),
    ("I'll walk the dog and I'll do the dishes.", ["I'll walk the dog", "I'll do the dishes"]),
    ("I’m going to cancel the trip.", ["I’m going to cancel the trip"]),
    ("From now on, I tell you first.", ["From now on, I tell you first"]),
    ("Starting Friday, I'll cycle to work so the car stays with you.",
     ["Starting Friday, I'll cycle to work"]),
    ("I won't see him again.", ["I won't see him again"]),
    ("I promise to keep the receipts.", ["I promise to keep the receipts"]),
    ("I promise I'll hand over the keys.", ["I promise I'll hand over the keys"]),
    ("im gonna fix the gate tmrw", ["im gonna fix the gate tmrw"]),
    ("Every Saturday I'll make the kids breakfast.",
     ["Every Saturday I'll make the kids breakfast"]),
    ("That will never happen again.", ["That will never happen again"]),
])
def test_promises_are_found(message, expected):
    assert texts(message) == expected


@pytest.mark.parametrize("message", [
    "I will never understand why I did it.",
    "Will you call me when you land?",
    "I'll be honest, I was scared.",
    "I'll admit it: I was jealous.",
    "You said you'd stop asking.",
    "He told me I'll regret it.",
    "If I'd told you sooner none of this would have happened.",
    "I'd give anything to undo it.",
    "I'll always regret that summer.",
    "I'm going to Glasgow on Friday.",
    "I can't promise I'll never slip.",
    "She wrote \"I'll wait for you\" in the card.",
    "I promise I didn't see her again.",
    "It will take a long time.",
    "I'm going to be sick.",
])
def test_things_that_are_not_promises(message):
    assert texts(message) == []


@pytest.mark.parametrize(("message", "expected"), [
    ("back in 10\nbought the wrong milk, sorry", ["back in 10"]),  # a line ends a promise
    ("I won't go to the drinks, and the party is cancelled anyway.",
     ["I won't go to the drinks"]),
    ("I'll pay it on the 1st. Dr. Ames has the forms.", ["I'll pay it on the 1st"]),
    ("I haven't answered her and I won't.", ["I won't"]),  # the verb is in the sentence
    ("I won't.", []),  # a bare "I won't" promises something we cannot show
    ("I've found a counsellor and I see her every Friday at 9.",
     ["I see her every Friday at 9"]),
    ("I saw her every Friday.", []),
])
def test_clause_edges(message, expected):
    assert texts(message) == expected


def test_spans_are_code_point_offsets_into_the_message():
    message = "🙏 sorry 💔\nI’ll pick the kids up at 3 😊 and I won’t be late."
    promises = extract_promises(message, NOW)
    assert [message[p.start:p.end] for p in promises] == [p.text for p in promises]
    assert [p.text for p in promises] == ["I’ll pick the kids up at 3", "I won’t be late"]


def test_due_dates_and_schedules_are_read_relative_to_now():
    found = extract_promises(
        "Tomorrow I'll book the counsellor. I'll see her every Thursday. "
        "I'll send you the invoice by Friday. I'll keep my phone unlocked.", NOW)
    assert [(p.due, str(p.repeat) if p.repeat else None) for p in found] == [
        (dt.date(2026, 11, 3), None), (None, "weekly:thu"), (dt.date(2026, 11, 6), None),
        (None, None)]


def test_a_date_elsewhere_in_the_sentence_applies():
    (promise,) = extract_promises("The hearing is on the 19th; I'll drive you there.", NOW)
    assert promise.due == dt.date(2026, 11, 19)


def test_bad_input():
    assert extract_promises("", NOW) == []
    assert extract_promises("   \n", NOW) == []
    with pytest.raises(TypeError):
        extract_promises(None, NOW)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="characters"):
        extract_promises("I'll call. " * 30_000, NOW)


def test_both_labelled_sets_are_well_formed():
    dev, held_out = load_set(set_path("dev")), load_set(set_path("test"))
    assert len(dev) >= 60 and sum(len(m.promises) for m in dev) >= 150
    assert len(held_out) >= 25
    assert sum(not m.promises for m in dev) >= 5  # messages with no promise at all
    assert {m.id for m in dev}.isdisjoint({m.id for m in held_out})
    assert {m.text for m in dev}.isdisjoint({m.text for m in held_out})


def test_a_mislabelled_span_is_named(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("messages:\n  - id: x1\n    text: I'll call.\n    promises:\n"
                   "      - span: I will call\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"bad.yml: x1: promises\[0\].*not in the text"):
        load_set(bad)


def test_dev_set_meets_the_targets():
    result = score(load_set(set_path("dev")))
    assert result.recall >= 0.90, result.misses
    assert result.precision >= 0.90, result.false


def test_evaluate_command_prints_the_figures(capsys):
    assert evaluate_main(["--set", "dev"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "recall" in out
    assert evaluate_main(["--set", "test", "--show"]) == 2  # the held-out set stays unread
