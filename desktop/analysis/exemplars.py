"""The exemplar library: labelled sentences in ``resources/exemplars/<label>.yml``.

Exemplars train the classifier and are shown to the user as evidence ("this sentence reads
like ..."). Entries are plain strings or mappings with ``text`` and an optional ``pair`` id
that links the two halves of a contrast pair (near-identical sentences with different labels).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from desktop import paths
from desktop.analysis.taxonomy import LABELS

try:  # the C loader reads the library several times faster
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class ExemplarError(Exception):
    """An exemplar file is malformed."""


@dataclass(frozen=True)
class Exemplar:
    text: str
    label: str
    pair: str | None = None


@dataclass(frozen=True)
class ExemplarLibrary:
    exemplars: tuple[Exemplar, ...]
    fingerprint: str
    """Hash of the files' bytes: caches built from the exemplars are keyed by it."""

    @property
    def texts(self) -> list[str]:
        return [e.text for e in self.exemplars]

    @property
    def labels(self) -> list[str]:
        return [e.label for e in self.exemplars]

    def by_label(self, label: str) -> list[Exemplar]:
        return [e for e in self.exemplars if e.label == label]


def _entry(item: object, path: Path, index: int, label: str) -> Exemplar:
    if isinstance(item, str):
        text, pair = item, None
    elif isinstance(item, dict) and isinstance(item.get("text"), str):
        text, pair = item["text"], item.get("pair")
        unknown = set(item) - {"text", "pair"}
        if unknown:
            raise ExemplarError(f"{path.name}: exemplar {index + 1} has unknown keys {unknown}")
        if pair is not None and not isinstance(pair, str):
            raise ExemplarError(f"{path.name}: exemplar {index + 1} 'pair' must be text")
    else:
        raise ExemplarError(f"{path.name}: exemplar {index + 1} must be text or have 'text'")
    text = " ".join(text.split())
    if not text:
        raise ExemplarError(f"{path.name}: exemplar {index + 1} is empty")
    return Exemplar(text=text, label=label, pair=pair)


def load_file(path: Path) -> list[Exemplar]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ExemplarError(f"{path.name}: cannot read: {exc}") from exc
    if not isinstance(data, dict) or "label" not in data or "exemplars" not in data:
        raise ExemplarError(f"{path.name}: needs the keys 'label' and 'exemplars'")
    label = data["label"]
    if label not in LABELS:
        raise ExemplarError(f"{path.name}: unknown label {label!r}")
    if path.stem != label:
        raise ExemplarError(f"{path.name}: the file of label {label!r} must be {label}.yml")
    items = data["exemplars"]
    if not isinstance(items, list):
        raise ExemplarError(f"{path.name}: 'exemplars' must be a list")
    return [_entry(item, path, i, label) for i, item in enumerate(items)]


def load_library(folder: Path | None = None) -> ExemplarLibrary:
    """Load and validate every label file; duplicates across labels are an error."""
    folder = folder or paths.exemplars_dir()
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise ExemplarError(f"No exemplar files in {folder}")
    digest = hashlib.sha256()
    exemplars: list[Exemplar] = []
    seen: dict[str, str] = {}
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
        for exemplar in load_file(path):
            key = exemplar.text.casefold()
            if key in seen:
                raise ExemplarError(
                    f"{path.name}: {exemplar.text!r} already appears under {seen[key]!r}"
                )
            seen[key] = exemplar.label
            exemplars.append(exemplar)
    return ExemplarLibrary(tuple(exemplars), digest.hexdigest()[:16])
