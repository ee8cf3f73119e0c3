"""Source counts remembered between merges: most items rest on the same mentions as last time."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..model import Claim, StatusEvent
from ..sourcing import Mention, SourceCounter, count_sources
from ..text import sentence_key


class MemoCounter(SourceCounter):
    """A `SourceCounter` that remembers its counts by everything they are computed from: the
    events (by id, with the list of the files each one's sentence was read in, by id: the merge
    makes a new list whenever those files or their outlets change) or the claims (source,
    sentence, article and its outlet). `new_merge` starts a merge; counts the last merge did not
    ask for are forgotten."""

    def __init__(self, remember: bool = True) -> None:
        super().__init__(())
        self.remember = remember
        """False: count every time (for one merge only)."""
        self.sentence_keys: dict[int, str] = {}
        """The sentence key of each merged event, by id (set by the merge)."""
        self.stale_leads: dict[str, bool] = {}
        """The keys of the ledes whose mentions (`leads`) may have changed since they were listed,
        each with whether they need a new list even if equal (a file of theirs moved to another
        outlet); listed again by `lede_mentions` when a count asks for them."""
        self.lede_mentions: Callable[[str], list[Mention]] = lambda _key: []
        """The mentions of the ledes with a key (set by the merge)."""
        self._last: dict[tuple[object, ...], tuple[tuple[int, int], tuple[object, ...]]] = {}
        self._now: dict[tuple[object, ...], tuple[tuple[int, int], tuple[object, ...]]] = {}

    def new_merge(self) -> None:
        """Forget the counts the last merge did not use."""
        self._last, self._now = self._now, {}

    def _remember(self, key: tuple[object, ...], count: Callable[[], tuple[int, int]],
                  keep: tuple[object, ...] = ()) -> tuple[int, int]:
        """The count under `key`, counted only when no merge has asked for it (`keep`: the
        objects whose ids are in the key, held while it is remembered)."""
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
        files: list[list[str]] = []
        for event in group:
            sentence = self.sentence_keys.get(id(event))
            found = None if sentence is None else self.copies.get(sentence)
            if found is None:
                return super().events(group)  # not an event of this merge: count it
            files.append(found)
        # Each list of files by its identity: the merge makes a new one whenever the files a
        # sentence was read in, or the outlet of one of them, change (`IncrementalMerge._count`),
        # and never changes one in place. Kept with the events, so no id is reused meanwhile.
        key = ("events", *map(id, group), None, *map(id, files))
        return self._remember(key, lambda: self._count_events(group, files), (*group, *files))

    def _count_events(self, group: tuple[StatusEvent, ...], files: list[list[str]]) -> tuple[int, int]:
        """`SourceCounter.events` of the events (`files`: the files each one's sentence was read
        in), through `_count_per_outlet`."""
        return self._count_per_outlet((event.source, event.evidence.sentence, path)
                                      for event, paths in zip(group, files, strict=True) for path in paths)

    def _listed_leads(self, key: str) -> list[Mention] | None:
        """The mentions of the ledes with this key, listed again if stale: in a new list only when
        they changed (or must, `stale_leads`), so that counts kept by the list's identity stand."""
        renew = self.stale_leads.pop(key, None)
        if renew is not None:
            mentions = self.lede_mentions(key)
            if not mentions:
                self.leads.pop(key, None)
            elif renew or self.leads.get(key) != mentions:
                self.leads[key] = mentions
        return self.leads.get(key)

    def lead(self, text: str) -> tuple[int, int]:
        """(independent sources, articles) behind a lede, counting every article that opens with it."""
        mentions = self._listed_leads(sentence_key(text))
        if not self.remember or mentions is None:
            return super().lead(text)

        def count() -> tuple[int, int]:
            return self._count_per_outlet((m.source, m.sentence, m.file) for m in mentions)

        # By the list's identity, as the events' files: a new list whenever the ledes or the
        # outlet of one of their files change.
        return self._remember(("lead", id(mentions)), count, (mentions,))

    def _count_per_outlet(self, mentions: Iterable[tuple[str, str, str]]) -> tuple[int, int]:
        """`count_sources` of the mentions (source, sentence, file), those of one source and
        sentence in files of one outlet counted as one: they give the same keys to join on, so
        the count is the same (and the articles are still every file). A wire sentence is read
        in hundreds of files of a few outlets."""
        kept: dict[tuple[str, str, str], Mention] = {}
        read: dict[str, None] = {}
        outlet_of = self.outlet_of
        for source, sentence, file in mentions:
            read[file] = None
            key = (source, sentence, outlet_of.get(file) or file)
            if key not in kept:
                kept[key] = Mention(source, sentence, file)
        return count_sources(kept.values(), outlet_of)[0], len(read)

    def claims(self, claims: Iterable[Claim]) -> tuple[int, int]:
        """(independent sources, articles) behind some dispute claims."""
        group = list(claims)
        if not self.remember:
            return super().claims(group)
        key = ("claims", *[(c.source, c.sentence, c.article, self.outlet_of.get(c.article)) for c in group])
        return self._remember(key, lambda: super(MemoCounter, self).claims(group))
