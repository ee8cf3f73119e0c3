"""The export formats on a situation built by hand: each read back with its own ecosystem's parser.

CSV tables and ACLED rows are read with `csv`, the JSON report and GeoJSON with `json` (the
GeoJSON then checked against RFC 7946's structure), the Mermaid blocks as Mermaid would tokenise
them. No spaCy: the situation is made of model objects; the gazetteer is the real one.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest

from sitrep.model import (
    Actor,
    ArticleInfo,
    BadFile,
    Claim,
    Dispute,
    Evidence,
    Provenance,
    Situation,
    StateEntry,
    StatusEvent,
)
from sitrep.report import to_json, to_markdown
from sitrep.report.acled import COLUMNS, acled_rows, to_acled
from sitrep.report.events import dated_events
from sitrep.report.formats import FORMATS, render
from sitrep.report.geojson_report import to_geojson
from sitrep.report.mermaid import mermaid_text, relation_graph, timeline
from sitrep.report.tables import TABLES

AFP = "afp_0811.txt"
BBC = "bbc_0812.txt"
ARREST = "Soldiers arrested General Abass Dembele in Bamako on Sunday, AFP reported."
AMBUSH = "Jihadists killed eight soldiers near Timbuktu on Monday."
DENIAL = "A source close to Dembele denied that he had been arrested."
ACCUSATION = "The junta accused Abass Dembele of plotting a coup."


def event(actor: str, value: str, file: str, sentence: str, **fields: Any) -> StatusEvent:
    """A status event with its evidence."""
    fields.setdefault("polarity", "affirmed")
    fields.setdefault("certainty", "stated")
    fields.setdefault("source", "the article")
    return StatusEvent(actor, value, evidence=Evidence(file, sentence), **fields)


def mali() -> Situation:
    """Two articles: an arrest in Bamako (one denial), an ambush near Timbuktu, an accusation."""
    dembele = Actor(
        "Abass Dembele",
        "person",
        aliases=["Dembele", "General Abass Dembele"],
        roles=["General"],
        status="reported arrested",
        mentions=3,
        articles=[AFP, BBC],
        score=9.0,
        evidence=[Evidence(AFP, ARREST), Evidence(BBC, DENIAL), Evidence(AFP, ACCUSATION)],
        events=[
            event(
                "Abass Dembele",
                "arrested",
                AFP,
                ARREST,
                certainty="reported",
                source="AFP",
                when="2025-08-10",
                article_date="2025-08-11",
            ),
            event(
                "Abass Dembele",
                "arrested",
                BBC,
                DENIAL,
                polarity="denied",
                certainty="denied",
                source="a source close to Dembele",
                article_date="2025-08-12",
            ),
            event(
                "Abass Dembele",
                "accused",
                AFP,
                ACCUSATION,
                certainty="reported",
                source="the junta",
                article_date="2025-08-11",
            ),
        ],
        state=[
            StateEntry(
                "liberty",
                "arrested",
                "reported",
                ["AFP"],
                as_of="2025-08-10",
                evidence=[Evidence(AFP, ARREST)],
                independent_sources=1,
                article_count=1,
                family="detained",
            )
        ],
    )
    soldiers = Actor(
        "eight soldiers",
        "collective",
        mentions=1,
        articles=[BBC],
        score=4.0,
        evidence=[Evidence(BBC, AMBUSH)],
        events=[event("eight soldiers", "killed", BBC, AMBUSH, when="2025-08-11", article_date="2025-08-12")],
    )
    junta = Actor(
        "the junta",
        "collective",
        mentions=1,
        articles=[AFP],
        score=3.0,
        evidence=[Evidence(AFP, ACCUSATION)],
        events=[event("the junta", "in power", AFP, ACCUSATION, article_date="2025-08-11")],
    )
    places = [
        Actor(
            "Mali", "country", mentions=2, articles=[AFP, BBC], score=2.0, evidence=[Evidence(AFP, ARREST)]
        ),
        Actor("Bamako", "place", mentions=1, articles=[AFP], score=1.0, evidence=[Evidence(AFP, ARREST)]),
        Actor("Timbuktu", "place", mentions=1, articles=[BBC], score=1.0, evidence=[Evidence(BBC, AMBUSH)]),
    ]
    dispute = Dispute(
        "Abass Dembele: arrested",
        "contradiction",
        actors=["Abass Dembele"],
        weight=2.5,
        claims=[
            Claim("arrested", "AFP", "asserts", AFP, ARREST),
            Claim("not arrested", "a source close to Dembele", "denies", BBC, DENIAL),
        ],
        independent_sources={"asserts": 1, "denies": 1},
    )
    return Situation(
        folder="/articles",
        title="Coup plot in Mali",
        focus="Mali",
        actors=[dembele, soldiers, junta, *places],
        disputes=[dispute],
        articles=[
            ArticleInfo(
                AFP,
                "General arrested",
                "AFP",
                "2025-08-11",
                0.0,
                300,
                provenance=Provenance("https://example.org/afp?a=1&b=2", "Jane Doe", "Bamako", "AFP"),
            ),
            ArticleInfo(BBC, "Ambush near Timbuktu", "BBC", "2025-08-12", 0.0, 200),
        ],
        bad_files=[BadFile("broken.txt", "empty file")],
    )


def read_csv(text: str) -> list[dict[str, str]]:
    """CSV text read back as a spreadsheet would, one dict per row."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


# ---------------------------------------------------------------- JSON


def test_json_starts_with_its_schema_version_generator_and_time() -> None:
    data = json.loads(to_json(mali()))
    assert list(data)[:3] == ["schema_version", "generator", "generated_at"]
    assert data["schema_version"] == 2 and data["generator"].startswith("sitrep")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["generated_at"])


def test_json_keeps_every_key_it_had() -> None:
    data = json.loads(to_json(mali()))
    assert set(mali().to_dict()) <= set(data)


def test_source_date_epoch_fixes_the_generation_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1754870400")
    assert json.loads(to_json(mali()))["generated_at"] == "2025-08-11T00:00:00Z"


def test_json_articles_carry_their_provenance() -> None:
    articles = json.loads(to_json(mali()))["articles"]
    assert articles[0]["provenance"] == {
        "url": "https://example.org/afp?a=1&b=2",
        "author": "Jane Doe",
        "dateline": "Bamako",
        "agency": "AFP",
    }
    assert articles[1]["provenance"] == {"url": "", "author": "", "dateline": "", "agency": ""}


# ---------------------------------------------------------------- provenance


def test_provenance_is_read_from_the_readers_metadata_keys() -> None:
    given = Provenance.from_metadata(
        {
            "src": "http://aljazeera.com/x.html",
            "author": "jarvis",
            "dateline": "Bamako",
            "dateline_agency": "AFP",
            "source": "github:x/y",
        }
    )
    assert given == Provenance("http://aljazeera.com/x.html", "jarvis", "Bamako", "AFP")


def test_a_source_that_is_not_a_web_address_is_no_url() -> None:
    assert Provenance.from_metadata({"source": "Harbour Times", "url": "javascript:alert(1)"}).url == ""


def test_markdown_sources_show_author_dateline_and_address() -> None:
    line = next(x for x in to_markdown(mali()).splitlines() if x.startswith(f"- `{AFP}`"))
    assert line.endswith("; by Jane Doe; dateline Bamako (AFP); `https://example.org/afp?a=1&b=2`")


# ---------------------------------------------------------------- CSV tables


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_reads_back_with_its_header(name: str) -> None:
    text = TABLES[name](mali())
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows and all(len(row) == len(rows[0]) for row in rows)


def test_the_actors_table_has_one_row_per_actor() -> None:
    rows = read_csv(TABLES["actors"](mali()))
    assert [r["name"] for r in rows] == [a.name for a in mali().actors]
    assert rows[0]["aliases"] == "Dembele; General Abass Dembele" and rows[0]["mentions"] == "3"


def test_the_claims_table_is_the_ledger_with_its_dates() -> None:
    [row] = read_csv(TABLES["claims"](mali()))
    assert (row["actor"], row["slot"], row["value"], row["certainty"]) == (
        "Abass Dembele",
        "liberty",
        "arrested",
        "reported",
    )
    assert (row["as_of"], row["from"], row["to"]) == ("2025-08-10", "2025-08-10", "2025-08-10")
    assert row["evidence"] == f"{AFP}: {ARREST}"


def test_the_disputes_table_has_one_row_per_side() -> None:
    rows = read_csv(TABLES["disputes"](mali()))
    assert [(r["dispute"], r["stance"], r["sources"], r["independent_sources"]) for r in rows] == [
        ("1", "asserts", "AFP", "1"),
        ("1", "denies", "a source close to Dembele", "1"),
    ]


def test_the_sources_table_lists_articles_with_provenance_and_unread_files() -> None:
    rows = read_csv(TABLES["sources"](mali()))
    assert [(r["path"], r["read"]) for r in rows] == [(AFP, "yes"), (BBC, "yes"), ("broken.txt", "no")]
    assert (rows[0]["url"], rows[0]["author"], rows[0]["dateline"], rows[0]["agency"]) == (
        "https://example.org/afp?a=1&b=2",
        "Jane Doe",
        "Bamako",
        "AFP",
    )
    assert rows[2]["reason"] == "empty file"


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_text() -> None:
    situation = mali()
    situation.articles[0].title = '=HYPERLINK("http://evil.example","click")'
    situation.actors[0].name = "@SUM(A1)\x1b]0;T\x07"
    assert read_csv(TABLES["sources"](situation))[0]["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert read_csv(TABLES["actors"](situation))[0]["name"] == "'@SUM(A1)"


def test_csv_files_carry_a_byte_order_mark_and_standard_output_does_not() -> None:
    [document] = render(mali(), "csv", table="actors")
    assert document.data(to_file=True).startswith(b"\xef\xbb\xbfname,")
    assert document.data(to_file=False).startswith(b"name,")


# ---------------------------------------------------------------- ACLED rows


def test_acled_rows_carry_every_column() -> None:
    rows = read_csv(to_acled(mali()))
    assert rows and list(rows[0]) == list(COLUMNS)
    assert {
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "country",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
        "fatalities",
        "certainty",
        "independent_sources",
        "evidence",
    } == set(COLUMNS)


def test_an_arrest_is_a_strategic_development_in_the_town_named() -> None:
    arrest = next(r for r in acled_rows(mali()) if r["sub_event_type"] == "Arrests")
    assert (arrest["event_date"], arrest["time_precision"]) == ("2025-08-10", 1)
    assert (arrest["event_type"], arrest["actor1"], arrest["actor2"]) == (
        "Strategic developments",
        "",
        "Abass Dembele",
    )
    assert (arrest["location"], arrest["country"], arrest["geo_precision"]) == ("Bamako", "Mali", 1)
    assert arrest["latitude"] == pytest.approx(12.61, abs=0.01) and arrest["longitude"] == pytest.approx(
        -7.98, abs=0.01
    )
    assert (arrest["certainty"], arrest["source"], arrest["fatalities"]) == ("reported", "AFP", 0)
    assert "Denied by a source close to Dembele" in str(arrest["notes"])


def test_soldiers_killed_are_an_armed_clash_with_their_toll() -> None:
    killing = next(r for r in acled_rows(mali()) if r["actor2"] == "eight soldiers")
    assert (killing["event_type"], killing["sub_event_type"], killing["fatalities"]) == (
        "Battles",
        "Armed clash",
        8,
    )
    assert (killing["location"], killing["geo_precision"]) == ("Timbuktu", 1)


def test_speech_states_and_accusations_are_no_acled_rows() -> None:
    subjects = [(r["actor1"], r["actor2"]) for r in acled_rows(mali())]
    assert subjects == [("", "Abass Dembele"), ("", "eight soldiers")]


def test_an_event_dated_only_by_its_article_has_a_weeks_precision() -> None:
    situation = mali()
    situation.actors[0].events[0].when = ""
    arrest = next(r for r in acled_rows(situation) if r["sub_event_type"] == "Arrests")
    assert (arrest["event_date"], arrest["time_precision"]) == ("2025-08-11", 2)


def test_a_denied_event_alone_is_no_event() -> None:
    situation = mali()
    situation.actors[0].events = [situation.actors[0].events[1]]
    assert [e.event for e in dated_events(situation)] == ["killed"]


# ---------------------------------------------------------------- GeoJSON


def assert_rfc7946(data: dict[str, Any]) -> None:
    """The structure RFC 7946 requires of a FeatureCollection of Points."""
    assert data["type"] == "FeatureCollection" and isinstance(data["features"], list)
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]  # [longitude, latitude], no altitude here
        assert isinstance(lon, float) and isinstance(lat, float)
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert "id" not in feature or isinstance(feature["id"], (str, int))


def test_geojson_is_a_valid_feature_collection() -> None:
    assert_rfc7946(json.loads(to_geojson(mali())))


def test_each_place_is_one_point_with_its_geonameid_country_and_actors() -> None:
    features = {f["properties"]["name"]: f for f in json.loads(to_geojson(mali()))["features"]}
    assert set(features) == {"Mali", "Bamako", "Timbuktu"}
    bamako = features["Bamako"]
    assert bamako["geometry"]["coordinates"] == [
        pytest.approx(-7.975, abs=0.01),
        pytest.approx(12.61, abs=0.01),
    ]
    assert bamako["properties"]["geonameid"] == 2460596 and bamako["properties"]["country"] == "Mali"
    assert bamako["properties"]["actors"] == ["Abass Dembele"]
    assert (bamako["properties"]["articles"], bamako["properties"]["events"]) == (1, 2)  # + AFP's dateline
    assert bamako["properties"]["certainty"] == "reported"
    assert features["Mali"]["properties"]["feature"] == "country"


def test_a_place_the_gazetteer_does_not_know_is_left_off_the_map() -> None:
    situation = mali()
    situation.actors.append(Actor("Oskarine", "place", mentions=4, articles=[AFP]))
    names = [f["properties"]["name"] for f in json.loads(to_geojson(situation))["features"]]
    assert "Oskarine" not in names


# ---------------------------------------------------------------- Mermaid


def test_the_timeline_lists_dated_events_by_day() -> None:
    block = timeline(dated_events(mali()))
    assert block[:2] == ["```mermaid", "timeline"] and block[-1] == "```"
    assert block[2:] == [
        "    10 August 2025 : Abass Dembele - arrested (reported)",
        "    by 11 August 2025 : Abass Dembele - accused (reported)",
        "    11 August 2025 : eight soldiers - killed (stated)",
        "```",
    ]


def test_the_graph_draws_who_accuses_whom() -> None:
    block = relation_graph(mali())
    assert '    a1["the junta"]' in block and '    a2["Abass Dembele"]' in block
    assert '    a1 -->|"accuses"| a2' in block


HOSTILE = 'Evil"] --> x[click x "javascript:alert(1)"]; %%\n`#:'


def test_a_name_cannot_break_out_of_a_mermaid_label() -> None:
    text = mermaid_text(HOSTILE)
    assert "#35;" in text and "#34;" in text  # entity codes, which Mermaid decodes after parsing
    assert re.fullmatch(r"[\w .,'()/-]*", re.sub(r"#\d+;", "", text))


def test_hostile_names_in_the_markdown_diagrams_stay_inside_their_labels() -> None:
    situation = mali()
    situation.actors[2].name = HOSTILE
    situation.actors[0].events[2].source = HOSTILE
    situation.actors[0].events[0].detail = HOSTILE
    markdown = to_markdown(situation)
    blocks = re.findall(r"```mermaid\n(.*?)\n```", markdown, re.S)
    assert len(blocks) == 2
    for block in blocks:
        for line in block.splitlines()[1:]:
            assert re.fullmatch(
                r'    (\S[^:"]* : [^:"]*|a\d+\["[^"]*"\]|a\d+ -->\|"[^"]*"\| a\d+|\s+: [^:"]*)', line
            ), line


def test_markdown_without_dated_events_has_no_diagrams() -> None:
    situation = mali()
    for actor in situation.actors:
        actor.events = []
    assert "```mermaid" not in to_markdown(situation)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_situation(fmt: str) -> None:
    documents = render(Situation("/empty", "Nothing"), fmt)
    assert documents and all(d.text for d in documents)
