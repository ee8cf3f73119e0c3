"""`--focus COUNTRY`: the articles of an archive that concern one country.

An article concerns a country when it names it, a place in it or its people: an actor that is the
country ("Mali", "the Republic of Mali") or a town in it ("Gao"), an actor owned by it by its
first word ("Malian soldiers", "Mali's army"), or a place the article's context puts in it
("Kidal (Mali)"). Naming is enough: an article on a neighbour's coup that names Mali as an ally
concerns Mali too, as a search of the archive for Mali would find it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .model import ArticleResult
from .nlp.gazetteer import Gazetteer, demonym_countries, load_gazetteer
from .text import fold


@dataclass
class Focus:
    """One country to keep articles about, with the gazetteer that places names in it."""

    country: str
    """The country's canonical name ("Mali")."""
    gazetteer: Gazetteer

    @classmethod
    def named(cls, name: str, gazetteer: Gazetteer | None = None) -> Focus | None:
        """The focus on the country `name` names (any of its names, any case), or None."""
        gaz = gazetteer or load_gazetteer()
        country = gaz.canonical_country(name.strip())
        return cls(country, gaz) if country else None

    @cached_property
    def _demonyms(self) -> frozenset[str]:
        return frozenset(key for key, country in demonym_countries().items() if country == self.country)

    def _owns(self, name: str) -> bool:
        """Whether `name` is the country, a place in it, or something its first word ties to it."""
        bare = name.removeprefix("the ").strip()
        if self.gazetteer.country_of(bare) == self.country:
            return True
        first = bare.split(" ", 1)[0].removesuffix("'s").removesuffix("\u2019s")
        return self.gazetteer.canonical_country(first) == self.country or fold(first) in self._demonyms

    def concerns(self, result: ArticleResult) -> bool:
        """Whether the article names the country, a place in it or its people."""
        for actor in result.actors:
            if any(self._owns(name) for name in (actor.name, *actor.aliases)):
                return True
        for item in result.context:
            if item.kind == "place" and item.text.endswith(")"):
                if self.gazetteer.canonical_country(item.text.rsplit("(", 1)[-1].rstrip(")")) == self.country:
                    return True
        return False
