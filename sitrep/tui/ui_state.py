"""The dashboard's remembered choices: the last theme picked, in the user's state folder.

State, not config: it lives in platformdirs' user state folder (`~/.local/state/sitrep/ui.json`
on Linux), never in `config.toml`, which belongs to the user. It also keeps the `ui.theme` of
the config at the time of the choice: when the config names another theme later, the config is
the newer word and wins.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from ..report.save import save_report

log = logging.getLogger(__name__)


def default_state_path() -> Path:
    """`ui.json` in the user state folder."""
    from platformdirs import user_state_dir

    return Path(user_state_dir("sitrep")) / "ui.json"


@dataclass
class UiState:
    """The last theme chosen in the dashboard, and the config's `ui.theme` when it was."""

    theme: str = ""
    config_theme: str = ""


class UiStateStore:
    """Reads and writes `UiState` in one small JSON file; a missing or broken file is no state."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> UiState:
        """The remembered state (empty when there is none or it cannot be read)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return UiState()
        if not isinstance(data, dict):
            return UiState()
        theme, config_theme = data.get("theme", ""), data.get("config_theme", "")
        return UiState(theme if isinstance(theme, str) else "",
                       config_theme if isinstance(config_theme, str) else "")

    def save(self, state: UiState) -> None:
        """Write `state` whole (a failure is logged: forgetting a theme is no reason to stop)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            data = {"theme": state.theme, "config_theme": state.config_theme}
            save_report(self.path, (json.dumps(data) + "\n").encode("utf-8"))
        except OSError as exc:
            log.warning("could not remember the theme in %s: %s", self.path, exc)


def starting_theme(cli_theme: str | None, config_theme: str, remembered: UiState) -> str | None:
    """The theme to start with: `--theme`, else the last one chosen (unless the config's `ui.theme`
    changed since), else `ui.theme`, else None (Textual's default)."""
    if cli_theme:
        return cli_theme
    if remembered.theme and (not config_theme or remembered.config_theme == config_theme):
        return remembered.theme
    return config_theme or None
