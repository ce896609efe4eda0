from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher

import pytest

from desktop import paths
from desktop.analysis.classifier import HEAD_FILE, Head
from desktop.analysis.evaluate import DATA_DIR, DevSet
from desktop.analysis.exemplars import ExemplarError, load_library
from desktop.analysis.taxonomy import LABELS


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_one_file_per_label_with_at_least_40_exemplars(library):
    files = {p.stem for p in paths.exemplars_dir().glob("*.yml")}
    assert files == set(LABELS)
    counts = Counter(library.labels)
    assert min(counts[label] for label in LABELS) >= 40, counts


def test_contrast_pairs_link_two_different_labels(library):
    halves = defaultdict(list)
    for exemplar in library.exemplars:
        if exemplar.pair:
            halves[exemplar.pair].append(exemplar.label)
    assert halves
    for pair, labels in halves.items():
        assert len(labels) == 2 and labels[0] != labels[1], pair


@pytest.mark.parametrize("first, second", [
    ("remorse", "conditional_apology"),       # "sorry I" vs "sorry if"
    ("partner_needs", "forgiveness_pressure"),  # the clause after "but" decides; negation
    ("remorse", "self_pity"),                 # "I feel terrible about what I did" vs "... I can't"
    ("change", "scorekeeping"),               # therapy vs "therapy, so trust me"
    ("transparency", "neutral"),              # whereabouts updates
    ("ownership", "blame_shifting"),
    ("ownership", "minimizing"),
    ("change", "grand_gesture"),
])
def test_every_hard_case_has_contrast_pairs(library, first, second):
    halves = defaultdict(set)
    for exemplar in library.exemplars:
        if exemplar.pair:
            halves[exemplar.pair].add(exemplar.label)
    assert sum(labels == {first, second} for labels in halves.values()) >= 10


def test_shipped_classifier_was_trained_on_these_exemplars(library):
    head = Head.load(paths.trained_model_dir() / HEAD_FILE)
    assert head.meta["exemplars"] == library.fingerprint, (
        "resources/exemplars changed since training: run `python -m desktop.analysis.train`")


STOCK_PHRASE_WORDS = 3
"""'I'm sorry.', 'Morning.': phrases this short are everyone's, in any set."""
NEAR_COPY = 0.9
"""Character similarity at which two sentences differ only by a word or a contraction."""


def _words(text):
    return frozenset(re.findall(r"[a-z']+", text.lower()))


@pytest.mark.parametrize("held_out", ["dev", "test"])
def test_no_exemplar_repeats_a_held_out_sentence(library, held_out):
    """Not word for word, and not with a word or a contraction changed either."""
    candidates = [(text, _words(text)) for text in library.texts
                  if len(text.split()) > STOCK_PHRASE_WORDS]
    repeated = []
    for sentence, _ in DevSet.load(DATA_DIR / held_out).sentences:
        if len(sentence.split()) <= STOCK_PHRASE_WORDS:
            continue
        words = _words(sentence)
        repeated += [
            (sentence, text) for text, other in candidates
            if 2 * len(words & other) >= len(words | other)  # cheap first pass
            and SequenceMatcher(None, sentence.lower(), text.lower()).ratio() >= NEAR_COPY]
    assert repeated == []


def test_malformed_files_are_named(tmp_path):
    (tmp_path / "remorse.yml").write_text("label: remorse\nexemplars: [unclosed\n")
    with pytest.raises(ExemplarError, match=r"remorse\.yml"):
        load_library(tmp_path)


def test_unknown_label_and_duplicates_are_rejected(tmp_path):
    (tmp_path / "regret.yml").write_text("label: regret\nexemplars: [a]\n")
    with pytest.raises(ExemplarError, match="unknown label"):
        load_library(tmp_path)
    (tmp_path / "regret.yml").unlink()
    (tmp_path / "remorse.yml").write_text("label: remorse\nexemplars: [I lied.]\n")
    (tmp_path / "ownership.yml").write_text("label: ownership\nexemplars: [i lied.]\n")
    with pytest.raises(ExemplarError, match="already appears"):
        load_library(tmp_path)
