"""The key bar at the bottom of the dashboard: Textual's `Footer`, redrawn only when its keys change.

Textual's footer mounts a widget per key and builds them all again whenever its screen says its
bindings were updated, which it says whenever focus moves, a screen opens over it or closes: the
same keys each time. Over 2,000 articles that rebuild was most of a keypress that opens or
closes the help screen (about 80 ms of the 95 ms that Esc took).

Each notice also queues a rebuild of its own, so two notices before the first rebuild ran (as
when the dashboard starts and focus lands on a pane) built the same keys twice: a queued rebuild
is skipped when the one before it built the keys it would build. Only what the footer draws
counts: the keys shown, and the command palette's.

Textual's footer builds no key until its screen first says its bindings were updated, which
comes after the first frames; on the dashboard the keys then came with the first report, and
laying them out cost that report a layout and two frames more. This footer builds the keys it
can already see as it is first composed (the dashboard's shown keys are the app's own, the same
whichever pane gets focus), and the notice that follows changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


class SitrepFooter(Footer):
    """A `Footer` that rebuilds its keys only when what it would show changed."""

    def __init__(self, *children: Widget, **kwargs: Any) -> None:
        super().__init__(*children, **kwargs)
        self._composed: tuple[object, ...] | None = None
        """What the keys were built from (`_shown`), None before they first were."""

    def _shown(self, screen: Screen[Any]) -> tuple[object, ...]:
        """Everything of the screen's bindings that the footer draws (`Footer.compose`): the
        bindings shown, and the command palette's."""
        palette = self.app.COMMAND_PALETTE_BINDING if self.show_command_palette else None
        return tuple((binding.key, binding.key_display, binding.description, binding.action, binding.show,
                      binding.group, enabled, tooltip)
                     for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
                     if binding.show or key == palette)

    def compose(self) -> Iterable[Widget]:
        """Textual's keys, remembering what they were built from; on the first compose, the keys
        the screen has already (see the module docstring)."""
        if not self._bindings_ready and self._composed is None and self.is_attached:
            self._bindings_ready = True
        self._composed = self._shown(self.screen) if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Rebuild the keys (as `Footer` does) unless they would be the same."""
        if self._built_already() and screen is self.screen:
            return
        if self._composed is None and self.is_attached and screen is self.screen and screen.app.app_focus:
            # The first keys are built at once, not after the next frame as `Footer` builds them:
            # that frame is usually the first report's, and a footer built after it cost the
            # dashboard's first paint a layout and a frame more.
            self._bindings_ready = True
            self.call_next(self.recompose)
            return
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        """Rebuild the keys (a rebuild `bindings_changed` queued), unless the last one built these."""
        if not self._built_already():
            await super().recompose()

    def _built_already(self) -> bool:
        """Whether the keys on screen were built from the bindings as they are now."""
        return self._composed is not None and self.is_attached and self._shown(self.screen) == self._composed
