"""Counting independent sources, so one wire story is never taken for corroboration.

Each item an analyst reads rests on mentions: who said it, in which sentence, in which file. Two mentions
are one source when they share a named speaker (a statement quoted by many outlets is its speaker's;
a name is the longer names it ends: "Erdogan", "Tayyip Erdogan", "Recep Tayyip Erdogan"), when
they are the same sentence (wire copy run by several outlets), when both are one outlet's own voice (its
writer, or "sources" it does not describe), or when both are one outlet's unnamed speaker described the
same way ("a military source"). What is left after joining them is the number of independent sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import ArticleResult, Claim, StatusEvent
from .text import ends_name, name_key, sentence_key

_UNNAMED = {"the article", "", "unnamed sources", "sources", "reports", "initial reports"}


@dataclass(frozen=True)
class Mention:
    """One mention behind an item: its source, its sentence and its file."""

    source: str
    sentence: str
    file: str


def count_sources(mentions: Iterable[Mention], outlet_of: dict[str, str]) -> tuple[int, int]:
    """(independent sources, articles) behind a group of mentions (see the module docstring)."""
    items = list(mentions)
    if not items:
        return 0, 0
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[b] = a

    first: dict[str, int] = {}
    speakers: dict[str, int] = {}
    for i, item in enumerate(items):
        keys = [f"text:{sentence_key(item.sentence)}"]
        source = item.source.lower()
        outlet = outlet_of.get(item.file) or item.file
        if source not in _UNNAMED and not source.startswith(("a ", "an ", "unnamed")):
            speaker = name_key(item.source)
            keys.append(f"speaker:{speaker}")
            speakers.setdefault(speaker, i)
        elif source in _UNNAMED or source.startswith("unnamed"):
            keys.append(f"voice:{outlet}")
        else:
            # "an official from a charity" beside "sources say": one outlet's two unnamed speakers
            keys.append(f"described:{outlet}:{name_key(item.source)}")
        for key in keys:
            if key in first:
                union(first[key], i)
            else:
                first[key] = i
    # "Tayyip Erdogan" and "Recep Tayyip Erdogan", "Putin" and "Vladimir Putin": one speaker named
    # shorter is one speaker
    if len(speakers) > 1:
        for short, i in speakers.items():
            for full, j in speakers.items():
                if ends_name(short, full):
                    union(i, j)
    return len({find(i) for i in range(len(items))}), len({item.file for item in items})


class SourceCounter:
    """Counts for one merge: knows each file's outlet and every file each event sentence was read
    in (the merge folds wire copies of one sentence into one event; their files still count as
    articles)."""

    def __init__(self, results: Iterable[ArticleResult]) -> None:
        self.outlet_of: dict[str, str] = {}
        self.copies: dict[str, list[str]] = {}
        self.leads: dict[str, list[Mention]] = {}
        for result in results:
            self.outlet_of[result.path] = result.outlet
            for event in result.events:
                files = self.copies.setdefault(sentence_key(event.evidence.sentence), [])
                if result.path not in files:
                    files.append(result.path)
            for lead in result.leads:
                mention = Mention(lead.source, lead.text, result.path)
                self.leads.setdefault(sentence_key(lead.text), []).append(mention)

    def events(self, events: Iterable[StatusEvent]) -> tuple[int, int]:
        """(independent sources, articles) behind some events, wire copies counted as articles."""
        mentions = []
        for e in events:
            files = self.copies.get(sentence_key(e.evidence.sentence), [e.evidence.file])
            mentions += [Mention(e.source, e.evidence.sentence, f) for f in files]
        return count_sources(mentions, self.outlet_of)

    def claims(self, claims: Iterable[Claim]) -> tuple[int, int]:
        """(independent sources, articles) behind some dispute claims."""
        return count_sources((Mention(c.source, c.sentence, c.article) for c in claims), self.outlet_of)

    def lead(self, text: str) -> tuple[int, int]:
        """(independent sources, articles) behind a lede, counting every article that opens with it."""
        return count_sources(self.leads.get(sentence_key(text), []), self.outlet_of)
