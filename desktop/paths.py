"""Where Amends keeps and finds things.

Every folder can be overridden by an environment variable (as Picard does), so tests and
portable installs never touch the user's real data. Resources are found both in a source
checkout and inside an installed wheel.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "amends"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """A folder shipped with the app: inside the wheel, or beside the package in a checkout."""
    installed = _PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def resources_dir() -> Path:
    return _bundled("resources")


def rewrite_rules_dir() -> Path:
    return _bundled("rewrite_rules")


def exemplars_dir() -> Path:
    return resources_dir() / "exemplars"


def trained_model_dir() -> Path:
    """The small trained parts (adapter and head) that sit on top of the base model."""
    return resources_dir() / "model"


def _env_or(variable: str, default: str) -> Path:
    value = os.environ.get(variable)
    return Path(value).expanduser() if value else Path(default)


def data_dir() -> Path:
    return _env_or("AMENDS_DATA_DIR", platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return _env_or("AMENDS_CONFIG_DIR", platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Derived, disposable files (exemplar embeddings); safe to delete at any time."""
    return _env_or("AMENDS_CACHE_DIR", platformdirs.user_cache_dir(APP_NAME, appauthor=False))
