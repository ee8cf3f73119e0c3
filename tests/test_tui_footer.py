"""The dashboard's footer (`sitrep.tui.footer`): Textual's keys, rebuilt only when they change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from sitrep.tui.footer import SitrepFooter


class Alpha(Static, can_focus=True):
    BINDINGS = [Binding("a", "app.bell", "Alpha")]


class Beta(Static, can_focus=True):
    BINDINGS = [Binding("b", "app.bell", "Beta")]


class Keys(App[None]):
    def compose(self) -> ComposeResult:
        yield Alpha("alpha", id="alpha")
        yield Beta("beta", id="beta")
        yield SitrepFooter()


class CountedFooter(SitrepFooter):
    """Counts its rebuilds."""

    built = 0

    def compose(self) -> ComposeResult:
        self.built += 1
        yield from super().compose()


class Counted(Keys):
    def compose(self) -> ComposeResult:
        yield Alpha("alpha", id="alpha")
        yield Beta("beta", id="beta")
        yield CountedFooter()


async def focus(pilot: Pilot[None], selector: str) -> None:
    """Focus a widget and let the footer hear of it (the bindings signal, then its rebuild)."""
    pilot.app.query_one(selector).focus()
    await pilot.pause()
    await pilot.pause()


def _shown(app: App[None]) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


def _keys_per_frame(app: App[None]) -> list[list[str]]:
    """The footer's keys in each frame the app draws from now on (filled as it draws)."""
    frames: list[list[str]] = []
    display = app._display

    def recorded(screen: object, update: object) -> None:
        frames.append(_shown(app))
        display(screen, update)  # type: ignore[arg-type]

    app._display = recorded  # type: ignore[method-assign]
    return frames


async def test_the_footer_shows_the_keys_of_what_has_focus_as_focus_moves() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        await focus(pilot, "#alpha")
        assert "Alpha" in _shown(app) and "Beta" not in _shown(app)
        await focus(pilot, "#beta")
        assert "Beta" in _shown(app) and "Alpha" not in _shown(app)


async def test_the_footer_keeps_its_key_widgets_when_told_of_bindings_that_did_not_change() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        await focus(pilot, "#alpha")
        before = list(app.screen.query(FooterKey))
        app.screen.bindings_updated_signal.publish(app.screen)
        await pilot.pause()
        await pilot.pause()
        after = list(app.screen.query(FooterKey))
        assert before and len(after) == len(before)
        assert all(a is b for a, b in zip(after, before, strict=True))


async def test_two_notices_before_the_footer_rebuilds_build_its_keys_once() -> None:
    app = Counted()
    async with app.run_test() as pilot:
        await focus(pilot, "#alpha")
        footer = app.query_one(CountedFooter)
        built = footer.built
        app.screen.set_focus(app.query_one("#beta"))
        for _notice in range(2):  # the second before the first one's rebuild ran
            app.screen.bindings_updated_signal.publish(app.screen)
        await pilot.pause()
        await pilot.pause()
        assert footer.built == built + 1
        assert "Beta" in _shown(app)


async def test_a_rebuild_queued_by_an_earlier_notice_shows_the_keys_of_the_later_focus() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        await focus(pilot, "#alpha")
        app.query_one("#beta").focus()
        app.query_one("#alpha").focus()
        app.query_one("#beta").focus()
        await pilot.pause()
        await pilot.pause()
        assert "Beta" in _shown(app) and "Alpha" not in _shown(app)


class Late(App[None]):
    """A footer mounted after the app started (as the dashboard's first keys come after its report)."""

    def compose(self) -> ComposeResult:
        yield Alpha("alpha", id="alpha")


async def test_the_first_keys_are_in_the_first_frame_after_the_footer_hears_of_them() -> None:
    """Textual's footer builds its keys after the next frame: on the dashboard that frame was the
    first report's, and the keys cost it a layout and a frame more."""
    app = Late()
    async with app.run_test() as pilot:
        app.query_one("#alpha").focus()
        await pilot.pause()
        frames = _keys_per_frame(app)
        await app.mount(SitrepFooter())
        app.screen.bindings_updated_signal.publish(app.screen)
        await pilot.pause()
        await pilot.pause()
        assert frames and "Alpha" in frames[0]


class AppKeys(App[None]):
    """Shown keys of the app's own, as the dashboard's are, and panes with hidden keys of theirs."""

    BINDINGS = [Binding("r", "app.bell", "Reload")]

    def compose(self) -> ComposeResult:
        yield Hidden("hidden", id="hidden")
        yield OtherHidden("other", id="other")
        yield SitrepFooter()


class Hidden(Static, can_focus=True):
    BINDINGS = [Binding("h", "app.bell", "Hidden", show=False)]


class OtherHidden(Static, can_focus=True):
    BINDINGS = [Binding("j", "app.bell", "Other hidden", show=False)]


async def test_the_keys_the_screen_has_are_in_the_footers_first_frame() -> None:
    """Textual's footer waits for its screen's first bindings notice, which comes after the first
    frames: on the dashboard its keys then came with the first report, a layout and frames more."""
    app = AppKeys()
    frames = _keys_per_frame(app)
    async with app.run_test():
        pass
    assert frames and "Reload" in frames[0]


async def test_a_change_of_keys_the_footer_does_not_show_leaves_its_keys_as_they_are() -> None:
    app = AppKeys()
    async with app.run_test() as pilot:
        await focus(pilot, "#hidden")
        before = list(app.screen.query(FooterKey))
        await focus(pilot, "#other")
        assert before and list(app.screen.query(FooterKey)) == before
        assert "Hidden" not in _shown(app)
