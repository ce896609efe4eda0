"""Train the adapter and head once for a model of the user's own, and cache them.

The shipped parts fit the bundled all-MiniLM-L6-v2 only. When settings point at another
local sentence-transformers model, the same training runs on this machine the first time
(a few minutes, with progress) and the result is kept in the cache folder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from desktop import paths
from desktop.analysis.adapter import ADAPTER_FILE, LoraAdapter
from desktop.analysis.classifier import HEAD_FILE, Head, HeadError
from desktop.analysis.embedder import resolve_model_path
from desktop.analysis.exemplars import load_library


def trained_for_model(
    model_path: str, progress: Callable[[str], None] | None = None
) -> tuple[LoraAdapter, Head]:
    library = load_library()
    resolved = resolve_model_path(model_path).resolve()
    key = hashlib.sha256(f"{resolved}|{library.fingerprint}".encode()).hexdigest()[:20]
    folder = paths.cache_dir() / "trained" / key
    try:
        return LoraAdapter.load(folder / ADAPTER_FILE), Head.load(folder / HEAD_FILE)
    except (FileNotFoundError, OSError):
        pass
    from desktop.analysis.train import TrainConfig, train

    if progress:
        progress(f"training Amends for the model in {resolved} (once; a few minutes)")
    adapter, head, _ = train(library.texts, library.labels, TrainConfig(), progress, str(resolved))
    head.flag_threshold = shipped_threshold()
    head.meta = {"exemplars": library.fingerprint, "base_model": str(resolved)}
    _save(folder, adapter, head)
    return LoraAdapter.load(folder / ADAPTER_FILE), head


def shipped_threshold() -> float:
    """The bundled model's cross-validated approval threshold. The same training on the same
    exemplars gives another model much the same calibration, so it is a far better start than
    an even 0.5; cross-validating here would keep the user waiting for the best part of an
    hour."""
    try:
        return Head.load(paths.trained_model_dir() / HEAD_FILE).flag_threshold
    except (OSError, HeadError):
        return Head.flag_threshold


def _save(folder: Path, adapter: LoraAdapter, head: Head) -> None:
    adapter.save(folder / ADAPTER_FILE)
    head.save(folder / HEAD_FILE)
