"""A source named by its office alone ("denied by prime minister", "sources: attorney general") is
the one person of the situation who holds that office and whom the same article names."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ..model import Actor, Dispute, StatusLine
from ..text import name_key


def _office_key(text: str) -> str:
    """An office as a source names it: "the Prime Minister" and "prime minister" are one."""
    return name_key(text).removeprefix("the ")


class OfficeHolders:
    """Who holds each office the situation's people hold, where one person alone holds it."""

    def __init__(self, actors: list[Actor]) -> None:
        holders: dict[str, set[str]] = defaultdict(set)
        files: dict[str, frozenset[str]] = {}
        for actor in actors:
            if actor.kind != "person":
                continue
            for role in actor.roles:
                holders[_office_key(role)].add(actor.name)
            files[actor.name] = frozenset(actor.articles)
        self._holder = {key: next(iter(names)) for key, names in holders.items() if len(names) == 1 and key}
        self._files = files

    def name(self, source: str, article: str) -> str:
        """The person `source` means when it is an office that one person holds and `article`
        names them; else `source` as it is."""
        holder = self._holder.get(_office_key(source))
        return holder if holder is not None and article in self._files[holder] else source

    def disputes(self, disputes: list[Dispute]) -> list[Dispute]:
        """The disputes with each side an office speaks for named by its holder (new disputes
        where a side changes: the ones given may be kept for the next merge)."""
        out = []
        for dispute in disputes:
            claims = [replace(c, source=named) if (named := self.name(c.source, c.article)) != c.source else c
                      for c in dispute.claims]
            changed = any(new is not old for new, old in zip(claims, dispute.claims, strict=True))
            out.append(replace(dispute, claims=claims) if changed else dispute)
        return out

    def lines(self, lines: list[StatusLine]) -> list[StatusLine]:
        """The status lines with each source that is an office named by its holder, when the
        line's first piece of evidence comes from an article that names them."""
        out = []
        for line in lines:
            article = line.evidence[0].file if line.evidence else ""
            sources = [self.name(s, article) for s in line.sources]
            changed = sources != line.sources
            out.append(replace(line, sources=list(dict.fromkeys(sources))) if changed else line)
        return out
