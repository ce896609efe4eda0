"""Nearest exemplars for a sentence: the evidence a report shows for its label.

Exemplar vectors are computed once per (model weights, exemplar files) and kept in the
cache folder, so a command-line run does not re-encode the library every time.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

import numpy as np

from desktop import paths
from desktop.analysis.embedder import Embedder
from desktop.analysis.exemplars import ExemplarLibrary
from desktop.analysis.report import Evidence

log = logging.getLogger(__name__)

EVIDENCE_COUNT = 3


class ExemplarIndex:
    def __init__(self, library: ExemplarLibrary, vectors: np.ndarray) -> None:
        self.library = library
        self.vectors = vectors

    @classmethod
    def build(cls, library: ExemplarLibrary, embedder: Embedder,
              cache_folder: Path | None = None) -> ExemplarIndex:
        vectors = cached_vectors(library.texts, embedder, "exemplars", cache_folder)
        return cls(library, vectors)

    def nearest(
        self, vectors: np.ndarray, count: int = EVIDENCE_COUNT
    ) -> list[tuple[Evidence, ...]]:
        if len(vectors) == 0:
            return []
        similarities = vectors @ self.vectors.T
        top = np.argsort(-similarities, axis=1)[:, :count]
        exemplars = self.library.exemplars
        return [
            tuple(Evidence(exemplars[j].text, exemplars[j].label, round(float(row[j]), 3))
                  for j in indices)
            for row, indices in zip(similarities, top, strict=True)
        ]


def cached_vectors(texts: list[str], embedder: Embedder, name: str,
                   cache_folder: Path | None = None) -> np.ndarray:
    """Vectors of a fixed list of texts, computed once per model and kept on disk."""
    digest = hashlib.sha256(f"{embedder.identity}|{name}".encode())
    for text in texts:
        digest.update(text.encode() + b"\0")
    key = digest.hexdigest()
    cache_file = (cache_folder or paths.cache_dir()) / f"vectors-{key[:24]}.npy"
    vectors = _read_cache(cache_file, len(texts))
    if vectors is None:
        log.info("Encoding %d fixed sentences for %s (cached afterwards)", len(texts), name)
        vectors = embedder.encode_uncached(texts)
        _write_cache(cache_file, vectors)
    return vectors


def _read_cache(path: Path, expected_rows: int) -> np.ndarray | None:
    try:
        vectors = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    if vectors.ndim != 2 or vectors.shape[0] != expected_rows:
        return None
    return vectors.astype(np.float32, copy=False)


def _write_cache(path: Path, vectors: np.ndarray) -> None:
    """Best effort: a read-only or full cache folder only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npy.tmp")
        with os.fdopen(fd, "wb") as handle:
            np.save(handle, vectors)
        Path(tmp).replace(path)
    except OSError as exc:
        log.warning("Could not cache exemplar vectors: %s", exc)
