"""Themes: the certainty colours taken from the theme, readable on it, and theme names checked.

Each tone of `marks` (a certainty, or "neutral" for marks that are not one) comes from a
variable of the Textual theme: stated from $success, reported from $warning, alleged halfway
from $warning to $error, unclear from $secondary, denied and contested from $error, neutral
from $primary. A colour with less than `MIN_CONTRAST` (WCAG AA for text) against the pane
background ($surface) or the screen ($background) is moved towards white on a dark theme, or
black on a light one, until it has it: textual-light's $warning on $surface was 1.96:1.

The ANSI themes name the terminal's own 16 colours, whose values only the terminal knows: their
tones stay ANSI colours, so the terminal's palette (chosen by the user for it) applies.
"""

from __future__ import annotations

from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme

MIN_CONTRAST = 4.5
"""WCAG 2 AA contrast for normal text."""
AIM = 4.6
"""What a moved colour aims at: a little over the minimum, so rounding and the focused pane's
3% tint do not take it under."""
DEFAULT_THEME = "textual-dark"

SOURCES: dict[str, tuple[str, str | None]] = {
    "stated": ("success", None),
    "reported": ("warning", None),
    "alleged": ("warning", "error"),
    "unclear": ("secondary", None),
    "denied": ("error", None),
    "contested": ("error", None),
    "neutral": ("primary", None),
}
"""tone -> the theme variable it comes from (and a second one to take it halfway towards)."""

ANSI_TONES: dict[str, str] = {
    "stated": "ansi_green",
    "reported": "ansi_yellow",
    "alleged": "ansi_bright_red",
    "unclear": "ansi_magenta",
    "denied": "ansi_red",
    "contested": "ansi_red",
    "neutral": "ansi_cyan",
}
"""The tones on an ANSI theme: the terminal's colours."""


def luminance(colour: Color) -> float:
    """WCAG relative luminance of an opaque colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(colour: Color, backgrounds: list[Color]) -> Color:
    """`colour`, or the nearest mix of it with white (dark backgrounds) or black (light ones)
    that has `MIN_CONTRAST` against every background."""
    if all(contrast(colour, bg) >= MIN_CONTRAST for bg in backgrounds):
        return colour
    dark = sum(luminance(bg) for bg in backgrounds) / len(backgrounds) < 0.18
    target = Color(255, 255, 255) if dark else Color(0, 0, 0)
    for step in range(1, 101):
        mixed = colour.blend(target, step / 100)
        if all(contrast(mixed, bg) >= AIM for bg in backgrounds):
            return mixed
    return target


def is_ansi(theme: Theme) -> bool:
    """Whether a theme names the terminal's colours rather than colours of its own."""
    return theme.primary.startswith("ansi_")


def backgrounds(variables: dict[str, str]) -> list[Color]:
    """The backgrounds text sits on: the panes' $surface and the screen's $background."""
    return [Color.parse(variables["surface"]), Color.parse(variables["background"])]


def tones(theme: Theme) -> dict[str, str]:
    """Each tone's colour on `theme`, as a colour Rich and Textual CSS both read ("#8ad4a1")."""
    if is_ansi(theme):
        return dict(ANSI_TONES)
    variables = theme.to_color_system().generate()
    under = backgrounds(variables)
    colours: dict[str, str] = {}
    for key, (name, towards) in SOURCES.items():
        colour = Color.parse(variables[name])
        if towards is not None:
            colour = colour.blend(Color.parse(variables[towards]), 0.5)
        colours[key] = readable(colour, under).hex6.lower()
    return colours


def rich_tones(theme: Theme) -> dict[str, str]:
    """`tones` as Rich colour names ("ansi_green" is "green" to Rich)."""
    return {key: value.removeprefix("ansi_") for key, value in tones(theme).items()}


def css_variables(theme: Theme) -> dict[str, str]:
    """The tones as CSS variables for sitrep.tcss: $certainty-stated ... $certainty-neutral."""
    return {f"certainty-{key}": value for key, value in tones(theme).items()}


def theme_names() -> list[str]:
    """The names `--theme` and `ui.theme` take: Textual's built-in themes."""
    return sorted(BUILTIN_THEMES)


def unknown_theme(name: str) -> str | None:
    """Why `name` is not a theme ("unknown theme 'x' (one of: ...)"), or None when it is one."""
    if name in BUILTIN_THEMES:
        return None
    return f"unknown theme {name!r} (one of: {', '.join(theme_names())})"
