"""The hand-written `to_dict`/`from_dict` of the model: same JSON as the generic `asdict` route,
and a lossless round trip (the cache and the JSON report rely on both)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import pytest

from sitrep.model import (
    ActorMention,
    ArticleInfo,
    ArticleResult,
    BadFile,
    Claim,
    ContextItem,
    Dispute,
    Evidence,
    Lead,
    Provenance,
    Situation,
    StatusEvent,
)


def _evidence(n: int) -> Evidence:
    return Evidence(f"{n:03d}-mali.txt", f"Sentence {n} with “quotes” and ümlauts.", f"para{n}")


def full_result() -> ArticleResult:
    """An article result with every field set to something other than its default."""
    return ArticleResult(
        path="a/001-mali.txt", title="Coup in Bamako", outlet="AFP", date="2024-05-01", content_hash="abc123",
        mtime=1714550400.25, words=412,
        actors=[ActorMention("Assimi Goïta", "person", ["Goita", "Col. Goïta"], ["president"],
                             [_evidence(1), _evidence(2)], cited_as_source=True),
                ActorMention("AFP", "organisation")],
        events=[StatusEvent("Assimi Goïta", "arrested", "denied", "reported", "a source close to him",
                            _evidence(3), detail="since 2021", when="2021", article_date="2024-05-01",
                            background=True, prior=True)],
        disputes=[Dispute("death toll", "numeric",
                          [Claim("12 dead", "AFP", "figure", "a/001-mali.txt", "Twelve died.", (12.0, 12.0)),
                           Claim("dozens dead", "Reuters", "asserts", "b/002.txt")],
                          actors=["Assimi Goïta"], weight=1.25)],  # to_dict rounds to 3 places
        context=[ContextItem("history", "The 2012 coup.", [2012, 2020], [_evidence(4)], ["Mali"])],
        sentences=31, duplicates_removed=2,
        leads=[Lead("Dozens of soldiers were arrested, sources say.", "reported", "sources", _evidence(5),
                  ["Assimi Goïta"])],
        provenance=Provenance("https://example.org/mali", "Jane Doe", "Bamako", "AFP"),
        endings=[Lead("four-day siege", "reported", "the army", _evidence(6), ["the army"])],
        measures=[Lead("Mali's constitution suspended", "reported", "soldiers", _evidence(7), ["Mali"])],
        calls=[Lead("a return to constitutional rule", "stated", "ECOWAS", _evidence(8), ["ECOWAS"])],
    )


def old_result_dict(r: ArticleResult) -> dict[str, Any]:
    """`ArticleResult.to_dict` as it was written with `asdict` (the cache format)."""
    def event(e: StatusEvent) -> dict[str, Any]:
        return asdict(e)

    def dispute(d: Dispute) -> dict[str, Any]:
        claims = []
        for c in d.claims:
            cd = asdict(c)
            cd["value"] = list(c.value) if c.value else None
            claims.append(cd)
        return {"subject": d.subject, "kind": d.kind, "actors": list(d.actors), "weight": round(d.weight, 3),
                "claims": claims}

    return {
        "path": r.path, "title": r.title, "outlet": r.outlet, "date": r.date, "content_hash": r.content_hash,
        "mtime": r.mtime, "words": r.words, "sentences": r.sentences,
        "duplicates_removed": r.duplicates_removed,
        "actors": [asdict(a) for a in r.actors],
        "events": [event(e) for e in r.events],
        "disputes": [dispute(d) for d in r.disputes],
        "context": [asdict(c) for c in r.context],
        "leads": [asdict(lead) for lead in r.leads],
        "provenance": asdict(r.provenance),
        "endings": [asdict(lead) for lead in r.endings],
        "measures": [asdict(lead) for lead in r.measures],
        "calls": [asdict(lead) for lead in r.calls],
    }


def test_cache_json_is_byte_for_byte_the_generic_encoding() -> None:
    result = full_result()
    assert json.dumps(result.to_dict()) == json.dumps(old_result_dict(result))


def test_report_json_of_the_parts_is_the_generic_encoding() -> None:
    event = full_result().events[0]
    expected = asdict(event)
    expected["evidence"] = {"file": event.evidence.file, "sentence": event.evidence.sentence}
    assert json.dumps(event.to_dict()) == json.dumps(expected)
    info = ArticleInfo("a.txt", "T", "AFP", None, 1.5, 10, 3, Provenance("https://example.org/a", "Jane Doe"))
    assert json.dumps(info.to_dict()) == json.dumps(asdict(info))
    bad = BadFile("b.txt", "not UTF-8")
    assert json.dumps(bad.to_dict()) == json.dumps(asdict(bad))
    situation = Situation("f", "T", articles=[info], bad_files=[bad])
    assert json.loads(json.dumps(situation.to_dict()))["articles"] == [asdict(info)]


def test_round_trip_through_json_rebuilds_equal_objects() -> None:
    result = full_result()
    back = ArticleResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert back == result
    assert back.events[0].evidence.paragraph == "para3"
    assert back.actors[0].evidence[1] == _evidence(2)
    assert back.disputes[0].claims[0].value == (12.0, 12.0)
    assert isinstance(back.disputes[0].claims[0].value, tuple)
    assert back.disputes[0].claims[1].value is None
    assert back.to_dict() == result.to_dict()


def test_a_rebuilt_result_shares_no_list_with_the_original() -> None:
    result = full_result()
    clone = ArticleResult.from_dict(result.to_dict())
    clone.actors[0].aliases.append("x")
    clone.context[0].years.append(1999)
    clone.disputes[0].actors.append("y")
    assert result == full_result()


def test_unknown_keys_are_ignored_and_missing_optional_ones_default() -> None:
    data = {"path": "p.txt", "title": "T", "outlet": "", "date": None, "content_hash": "h", "mtime": 1.0,
            "words": 3, "future_field": 1,
            "actors": [{"name": "X", "kind": "person", "extra": True}],
            "events": [{"actor": "X", "event": "killed", "polarity": "affirmed", "certainty": "stated",
                        "source": "the article", "evidence": {"file": "p.txt", "sentence": "S."}}],
            "disputes": [{"subject": "s", "kind": "silence", "claims": [
                {"text": "t", "source": "AFP", "stance": "silent", "article": "p.txt"}]}],
            "context": [{"kind": "place", "text": "Gao"}]}
    result = ArticleResult.from_dict(data)
    assert result.actors == [ActorMention("X", "person")]
    assert result.events[0].evidence == Evidence("p.txt", "S.") and result.events[0].detail == ""
    assert result.disputes[0].claims[0] == Claim("t", "AFP", "silent", "p.txt")
    assert result.disputes[0].actors == [] and result.disputes[0].weight == 0.0
    assert result.context == [ContextItem("place", "Gao")]
    assert result.sentences == 0 and result.duplicates_removed == 0


@pytest.mark.parametrize("missing", ["path", "content_hash", "words"])
def test_a_record_without_a_required_field_is_refused(missing: str) -> None:
    data = full_result().to_dict()
    del data[missing]
    with pytest.raises((KeyError, TypeError)):
        ArticleResult.from_dict(data)
