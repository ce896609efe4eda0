"""One typed settings object, stored as ``settings.toml``, shared by the CLI and the app.

Options are declared once here (as Picard does); everything else reads them from
:class:`Settings`. Unknown keys are kept out, wrong types are reported with the key name.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from desktop import paths

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.toml"


class SettingsError(Exception):
    """The settings file exists but cannot be used as it is."""


@dataclass
class AnalysisSettings:
    model_path: str = ""
    """A local sentence-transformers folder; empty means the bundled all-MiniLM-L6-v2."""


_DIALECT_OF_REGION = {"GB": "british", "UK": "british", "IE": "british", "NZ": "british",
                      "IN": "british", "ZA": "british", "CA": "canadian", "AU": "australian"}


def dialect_of_locale(environ: dict[str, str] | None = None) -> str:
    """The English the user's locale implies (en_GB → british), American otherwise, so a
    British letter is not marked for "counselling" before anyone opens the settings."""
    environ = dict(os.environ) if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            language, _, region = value.split(".")[0].partition("_")
            if language != "en":
                return "american"
            return _DIALECT_OF_REGION.get(region.upper(), "american")
    return "american"


@dataclass
class GrammarSettings:
    engine: str = "harper"
    """harper (offline, in-process), languagetool, or off."""
    dialect: str = field(default_factory=dialect_of_locale)
    """american, british, canadian or australian English; by default the locale's."""
    languagetool_path: str = ""
    """A LanguageTool folder (or its languagetool-server.jar) to run locally; empty means the
    newest one language-tool-python downloaded (~/.cache/language_tool_python or $LTP_PATH)."""
    languagetool_url: str = ""
    """A LanguageTool server to use instead of a local one, e.g. http://localhost:8010 for
    your own container. Empty means run LanguageTool here. Never defaults to a public API."""
    allow_remote_server: bool = False
    """Send drafts to a languagetool_url that is not on this computer. Drafts then leave this
    machine and are read by that server: leave this off unless you run or trust it."""
    timeout_seconds: int = 10
    """The longest one grammar check may take before grammar marks are given up."""
    languagetool_start_seconds: int = 60
    """The longest a local LanguageTool may take to start (Java is slow to start)."""
    ignored_rules: list[str] = field(default_factory=list)
    """Rule ids never to report (e.g. SpellCheck, MORFOLOGIK_RULE_EN_US)."""
    ignored_findings: list[str] = field(default_factory=list)
    """Single findings the user dismissed, as keyed hashes of (rule, flagged words, nearby
    text); the draft itself is never stored here."""
    ignore_key: str = ""
    """A random key for those hashes, made on first use, so they match nothing elsewhere."""
    dictionary: list[str] = field(default_factory=list)
    """Personal words (names, places) that are never spelling mistakes."""
    dictionary_path: str = ""
    """A UTF-8 text file of more personal words, one a line; '#' starts a comment."""

    def __post_init__(self) -> None:
        for name in ("ignored_rules", "ignored_findings", "dictionary"):
            values = getattr(self, name)
            if not all(isinstance(value, str) for value in values):
                raise SettingsError(
                    f"Setting grammar.{name} in {settings_path()} should be a list of strings.")


@dataclass
class RewriteSettings:
    disabled_rules: list[str] = field(default_factory=list)
    user_rules_dir: str = ""


@dataclass
class AppSettings:
    theme: str = "system"


@dataclass
class Settings:
    analysis: AnalysisSettings = field(default_factory=AnalysisSettings)
    grammar: GrammarSettings = field(default_factory=GrammarSettings)
    rewrite: RewriteSettings = field(default_factory=RewriteSettings)
    app: AppSettings = field(default_factory=AppSettings)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def _section_from(cls: type, values: Any, section: str) -> Any:
    if not isinstance(values, dict):
        raise SettingsError(f"[{section}] in {settings_path()} should be a table.")
    defaults = cls()
    known = {f.name: f for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            log.warning("Ignoring unknown setting %s.%s", section, key)
            continue
        expected = type(getattr(defaults, key))
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise SettingsError(
                f"Setting {section}.{key} in {settings_path()} should be a "
                f"{expected.__name__}, not {type(value).__name__}."
            )
        kwargs[key] = value
    return cls(**kwargs)


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; a missing file gives the defaults."""
    path = path or settings_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"Cannot read settings file {path}: {exc}") from exc
    sections = {f.name: f for f in dataclasses.fields(Settings)}
    kwargs = {}
    for name, section_field in sections.items():
        if name in raw:
            kwargs[name] = _section_from(section_field.default_factory, raw[name], name)
    return Settings(**kwargs)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write settings atomically so a crash never leaves a half-written file."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = tomli_w.dumps(settings.to_dict())
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".toml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
