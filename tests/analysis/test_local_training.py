"""Parts trained on the user's machine for a model of their own."""

from __future__ import annotations

from desktop import paths
from desktop.analysis.classifier import HEAD_FILE, Head
from desktop.analysis.local_training import shipped_threshold


def test_a_model_of_the_users_own_starts_from_the_shipped_threshold(monkeypatch, tmp_path):
    shipped = Head.load(paths.trained_model_dir() / HEAD_FILE).flag_threshold
    assert shipped_threshold() == shipped != Head.flag_threshold
    monkeypatch.setattr(paths, "trained_model_dir", lambda: tmp_path)
    assert shipped_threshold() == Head.flag_threshold
