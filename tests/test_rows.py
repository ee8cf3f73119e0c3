"""Tests for `sitrep.rows`, the compact row layout: every result comes back equal, each sentence
is stored once per row, and records that name one evidence share it when decoded.

The real results come from the engine run over `seeds/` and an article written for these tests
(cache disabled), so the rows hold what the extractors really produce.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from sitrep.cache import decode_result, encode_result
from sitrep.config import parse_config
from sitrep.engine import Engine
from sitrep.model import (
    ActorMention,
    ArticleResult,
    Claim,
    ContextItem,
    Dispute,
    Evidence,
    Lead,
    Provenance,
    StatusEvent,
)
from sitrep.rows import decode_row, decode_stored, encode_row, encode_stored, stored_dictionary


def row_data(result: ArticleResult) -> dict[str, Any]:
    """The row of `result` as plain data, as any JSON reader sees it."""
    return json.loads(encode_row(result))


ROOT = Path(__file__).resolve().parents[1]
WRITTEN = (
    "Soldiers Held After Clash Near Gao\n\n"
    "GAO (AFP) - Soldiers arrested General Musa Kabiru in Gao on Sunday, the army said. "
    "A source close to Kabiru denied that he had been arrested.\n\n"
    "Jihadists killed eight soldiers near Timbuktu on Saturday, a military source said. "
    "A local official said dozens of soldiers were killed.\n\n"
    "Mali has had coups in 2012, 2020 and 2021. The junta did not comment.\n"
)


@pytest.fixture(scope="module")
def real_results(tmp_path_factory: pytest.TempPathFactory) -> list[ArticleResult]:
    """The engine's results for `seeds/` plus the written article, parsed with the cache off."""
    folder = tmp_path_factory.mktemp("rows") / "articles"
    shutil.copytree(ROOT / "seeds", folder)
    (folder / "written.txt").write_text(WRITTEN, encoding="utf-8")
    engine = Engine(parse_config({"cache": {"enabled": False}}))
    try:
        engine.analyse(folder)
    finally:
        engine.close()
    assert len(engine.results) == 2 and all(r.events and r.actors for r in engine.results)
    return engine.results


def every_field_result() -> ArticleResult:
    """A result with every field away from its default, evidence from a second file and a claim
    about a third article among them."""
    here = Evidence("a.txt", "Kabiru was arrested, AFP said.", "p1")
    there = Evidence("b.txt", "Kabiru was freed.", "p2")
    return ArticleResult(
        "a.txt", "Title", "AFP", "2025-08-10T09:30:00+00:00", "f" * 64, 1754800000.25, 42,
        actors=[ActorMention("Musa Kabiru", "person", ["Kabiru"], ["General"], [here, there, here], True)],
        events=[StatusEvent("Musa Kabiru", "arrested", "denied", "alleged", "a friend", here, "in Gao",
                            "2025-08-10", "2025-08-11", True, True)],
        disputes=[Dispute("toll", "numeric",
                          [Claim("eight", "the army", "figure", "c.txt", there.sentence, (8.0, 8.0),
                                 "2025-08", "mali"),
                           Claim(here.sentence, "AFP", "asserts", "a.txt")],
                          ["Musa Kabiru"], 1.23456, {"figure": 2}, "freed")],
        context=[ContextItem("history", "Coups in 2012.", [2012, 2020], [there], ["Mali"])],
        sentences=7, duplicates_removed=1,
        leads=[Lead(here.sentence, "reported", "AFP", here, ["Musa Kabiru"], also=["residents"])],
        provenance=Provenance("https://example.org/a", "J. Doe", "Gao", "AFP"),
        endings=[Lead("siege", "reported", "the army", there, ["the army"])],
        measures=[Lead("nationwide curfew imposed", "reported", "soldiers", here, ["soldiers"])],
        calls=[Lead("an immediate ceasefire", "stated", "United Nations", there, ["United Nations"])],
    )


def test_real_analysed_articles_come_back_equal_from_the_cache(real_results: list[ArticleResult]) -> None:
    for result in real_results:
        assert decode_result(encode_result(result), result.content_hash) == result


def test_real_analysed_articles_come_back_equal_after_another_json_tool_rewrote_the_row(
    real_results: list[ArticleResult],
) -> None:
    for result in real_results:
        assert decode_row(json.dumps(json.loads(encode_row(result)), indent=1)) == result


def test_every_field_comes_back_equal() -> None:
    result = every_field_result()
    assert decode_row(encode_row(result)) == result


def test_every_field_comes_back_equal_from_the_layout_the_cache_stores() -> None:
    result = every_field_result()
    assert decode_stored(encode_stored(result), result.content_hash) == result


def test_the_cache_stores_each_record_as_an_array_of_its_fields_in_order() -> None:
    stored = json.loads(encode_stored(every_field_result()))
    assert stored[:3] == ["a.txt", "Title", "AFP"] and stored[4] == ""  # no content hash
    assert stored[13][0][:2] == ["Musa Kabiru", "person"]  # the first actor


def test_the_stored_rows_dictionary_is_made_of_sitreps_own_word_lists_not_of_articles() -> None:
    words = set(stored_dictionary().decode().split(" "))
    outlets = json.loads((ROOT / "sitrep" / "outlets.json").read_text(encoding="utf-8"))
    assert "Reuters" in json.dumps(outlets) and "Reuters" in words
    assert "Kabiru" not in stored_dictionary().decode() and "Dembele" not in stored_dictionary().decode()


def strings(data: object) -> list[str]:
    """Every string value in plain data (dict keys left out), in order."""
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list):
        return [s for item in data for s in strings(item)]
    return [data] if isinstance(data, str) else []


def test_each_sentence_is_stored_once_per_row(real_results: list[ArticleResult]) -> None:
    for result in real_results:
        stored = strings(row_data(result))
        sentences = ({e.sentence for a in result.actors for e in a.evidence}
                     | {e.evidence.sentence for e in result.events})
        assert sentences and all(stored.count(sentence) == 1 for sentence in sentences)
        named = sum(len(a.evidence) for a in result.actors) + len(result.events)
        assert named > len(sentences)  # the old layout wrote a sentence out for each of these


def test_a_row_refers_to_evidence_by_index() -> None:
    row = row_data(every_field_result())
    assert row["files"] == ["a.txt", "b.txt", "c.txt"]
    assert row["texts"][:2] == ["Kabiru was arrested, AFP said.", "Kabiru was freed."]
    assert row["evidence"] == [[0, 0, "p1"], [1, 1, "p2"]]
    assert row["actors"][0]["evidence"] == [0, 1, 0]
    assert row["leads"][0]["text"] == 0 and row["disputes"][0]["claims"][1]["text"] == 0


def test_records_naming_one_evidence_share_one_object_when_decoded() -> None:
    result = decode_row(encode_row(every_field_result()))
    assert result.actors[0].evidence[0] is result.events[0].evidence is result.leads[0].evidence


def test_fields_at_their_default_are_left_out_of_a_row() -> None:
    result = every_field_result()
    result.events[0] = StatusEvent("Musa Kabiru", "arrested", "affirmed", "stated", "the article",
                                   result.events[0].evidence)
    written = set(row_data(result)["events"][0])
    assert written == {"actor", "event", "polarity", "certainty", "source", "evidence"}


def test_an_index_past_its_table_is_a_value_error_not_an_index_error() -> None:
    row = row_data(every_field_result())
    row["events"][0]["evidence"] = 2
    with pytest.raises(ValueError, match="past its table"):
        decode_row(json.dumps(row))


def test_a_file_name_that_is_not_utf8_comes_back_equal() -> None:
    name = b"caf\xe9 report.txt".decode("utf-8", "surrogateescape")
    here = Evidence(name, "Kabiru was arrested, AFP said.", "p1")
    result = ArticleResult(name, name, "", "2031-03-02", "h", 1.0, 6,
                           leads=[Lead(here.sentence, "reported", "AFP", here, [])])
    assert decode_row(encode_row(result)) == result


def test_decoded_evidence_is_what_its_constructor_makes() -> None:
    # `from_row` puts an evidence's fields in place without its `__init__`.
    original = every_field_result().actors[0].evidence[1]
    decoded = decode_row(encode_row(every_field_result())).actors[0].evidence[1]
    assert vars(decoded) == vars(original) and list(vars(decoded)) == list(vars(original))
    assert decoded == original and hash(decoded) == hash(original) and repr(decoded) == repr(original)
    with pytest.raises(dataclasses.FrozenInstanceError):
        decoded.file = "c.txt"  # type: ignore[misc]


def test_decoded_records_with_no_aliases_roles_or_actors_have_lists_of_their_own() -> None:
    here = Evidence("a.txt", "Kabiru met Toure.", "p1")
    result = ArticleResult("a.txt", "Title", "", None, "h", 1.0, 4,
                           actors=[ActorMention("Kabiru", "person", evidence=[here]),
                                   ActorMention("Toure", "person", evidence=[here])],
                           leads=[Lead(here.sentence, "stated", "AFP", here),
                                  Lead("x", "stated", "AFP", here)])
    decoded = decode_row(encode_row(result))
    decoded.actors[0].aliases.append("Musa Kabiru")
    decoded.actors[0].roles.append("General")
    decoded.leads[0].actors.append("Kabiru")
    decoded.leads[0].also.append("residents")
    assert decoded.actors[1].aliases == [] and decoded.actors[1].roles == [] and decoded.leads[1].actors == []
    assert decoded.leads[1].also == []
    assert decoded.actors[1].aliases is not decoded.actors[1].roles
