"""A low-rank adapter (LoRA) trained on the exemplars, merged into the base model at load.

Frozen MiniLM embeddings separate stance poorly, so training adjusts every linear layer of
the encoder by a rank-r update ``W += scale * B @ A``. Only A and B are stored (a few hundred
kilobytes, not a copy of the model); merging them at load makes inference cost exactly
what the bare model costs.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

ADAPTER_FILE = "adapter.npz"


class AdapterError(Exception):
    """The stored adapter does not fit the model it is applied to."""


@dataclass(frozen=True)
class LoraAdapter:
    factors: dict[str, tuple[np.ndarray, np.ndarray]]
    """Module path inside the transformer → (A, B) with A: rank×in and B: out×rank."""
    scale: float
    fingerprint: str

    @classmethod
    def load(cls, path: Path) -> LoraAdapter:
        with np.load(path, allow_pickle=False) as data:
            scale = float(data["__scale__"])
            names = sorted({key.rsplit("::", 1)[0] for key in data.files if "::" in key})
            factors = {n: (data[f"{n}::A"].astype(np.float32), data[f"{n}::B"].astype(np.float32))
                       for n in names}
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        return cls(factors, scale, digest)

    def save(self, path: Path) -> None:
        arrays: dict[str, Any] = {"__scale__": np.float32(self.scale)}
        for name, (a, b) in self.factors.items():
            arrays[f"{name}::A"] = a.astype(np.float16)
            arrays[f"{name}::B"] = b.astype(np.float16)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, **arrays)

    def merge_into(self, model: Any) -> None:
        """Add the low-rank updates to the weights of a loaded SentenceTransformer."""
        import torch

        transformer = model[0].auto_model
        modules = dict(transformer.named_modules())
        with torch.no_grad():
            for name, (a, b) in self.factors.items():
                linear = modules.get(name)
                weight = getattr(linear, "weight", None)
                if weight is None or weight.shape != (b.shape[0], a.shape[1]):
                    raise AdapterError(
                        f"The trained adapter does not fit this model (layer {name}); "
                        "use the bundled model or retrain with `python -m desktop.analysis.train`."
                    )
                delta = torch.from_numpy(b @ a) * self.scale
                weight.add_(delta.to(weight.dtype))
        log.info("Merged adapter %s into %d layers", self.fingerprint, len(self.factors))
