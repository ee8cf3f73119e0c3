"""The places of a situation as GeoJSON (RFC 7946), for QGIS, kepler.gl or geojson.io.

A FeatureCollection with one Point per place the gazetteer knows (see `places.py`), its
coordinates `[longitude, latitude]` in WGS 84 as RFC 7946 requires, rounded to 5 decimals (about
a metre). Each feature's properties:

- `name`, `names` (every name the articles use for it), `feature` ("city" or "country"; a
  country's point is its capital's), `geonameid`, `country`, `country_code`;
- `actors`: the other actors named with it or in events placed there, most prominent first;
- `articles` (how many articles name it or tell an event there), `mentions`;
- `events` (dated events placed there) and `certainty` (the surest of them; null when none).

Names are cleaned with `text.clean`; the JSON is written as `to_json` writes the report.
"""

from __future__ import annotations

from typing import Any

from ..model import Situation
from ..text import clean
from .events import dated_events
from .json_report import dumps, safe_json
from .places import Locator, map_places


def geojson_document(situation: Situation) -> dict[str, Any]:
    """The FeatureCollection as a dict."""
    locator = Locator(situation)
    features = []
    for point in map_places(situation, dated_events(situation), locator):
        place = point.place
        assert place.latitude is not None and place.longitude is not None  # map places have a point
        features.append(
            {
                "type": "Feature",
                "id": place.geonameid,
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(place.longitude, 5), round(place.latitude, 5)],
                },
                "properties": {
                    "name": clean(point.names[0]),
                    "names": [clean(n) for n in point.names],
                    "feature": place.feature,
                    "geonameid": place.geonameid,
                    "country": clean(place.country),
                    "country_code": place.country_code,
                    "actors": [clean(a) for a in point.actors[:20]],
                    "articles": len(point.files),
                    "mentions": point.mentions,
                    "events": point.events,
                    "certainty": point.certainty,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def to_geojson(situation: Situation) -> str:
    """The FeatureCollection as JSON text (UTF-8 safe, two-space indent, final newline)."""
    return safe_json(dumps(geojson_document(situation))) + "\n"
