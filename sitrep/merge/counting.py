"""Source counts remembered between merges: most items rest on the same mentions as last time."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..model import Claim, StatusEvent
from ..sourcing import SourceCounter


class MemoCounter(SourceCounter):
    """A `SourceCounter` that remembers its counts by everything they are computed from: the
    events (by id, with the key of their sentence, the files it was read in and those files'
    outlets) or the claims (source, sentence, article and its outlet). `new_merge` starts a
    merge; counts the last merge did not ask for are forgotten."""

    def __init__(self, remember: bool = True) -> None:
        super().__init__(())
        self.remember = remember
        """False: count every time (for one merge only)."""
        self.sentence_keys: dict[int, str] = {}
        """The sentence key of each merged event, by id (set by the merge)."""
        self._last: dict[tuple[object, ...], tuple[tuple[int, int], tuple[StatusEvent, ...]]] = {}
        self._now: dict[tuple[object, ...], tuple[tuple[int, int], tuple[StatusEvent, ...]]] = {}

    def new_merge(self) -> None:
        """Forget the counts the last merge did not use."""
        self._last, self._now = self._now, {}

    def _remember(self, key: tuple[object, ...], count: Callable[[], tuple[int, int]],
                  keep: tuple[StatusEvent, ...] = ()) -> tuple[int, int]:
        """The count under `key`, counted only when no merge has asked for it (`keep`: the
        events whose ids are in the key, held while it is remembered)."""
        found = self._now.get(key)
        if found is None:
            found = self._last.get(key) or (count(), keep)
            self._now[key] = found
        return found[0]

    def events(self, events: Iterable[StatusEvent]) -> tuple[int, int]:
        """(independent sources, articles) behind some events, wire copies counted as articles."""
        group = tuple(events)
        if not self.remember:
            return super().events(group)
        files: list[tuple[str, ...]] = []
        for event in group:
            sentence = self.sentence_keys.get(id(event))
            if sentence is None or sentence not in self.copies:
                return super().events(group)  # not an event of this merge: count it
            files.append(tuple(self.copies[sentence]))
        key = ("events", *map(id, group), *files, *[self.outlet_of.get(f) for fs in files for f in fs])
        return self._remember(key, lambda: super(MemoCounter, self).events(group), group)

    def claims(self, claims: Iterable[Claim]) -> tuple[int, int]:
        """(independent sources, articles) behind some dispute claims."""
        group = list(claims)
        if not self.remember:
            return super().claims(group)
        key = ("claims", *[(c.source, c.sentence, c.article, self.outlet_of.get(c.article)) for c in group])
        return self._remember(key, lambda: super(MemoCounter, self).claims(group))
