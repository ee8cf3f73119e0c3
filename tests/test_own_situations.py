"""Two fictional situations written for sitrep (tests/situations/*): behaviours it already gets right.

Each folder holds original wire/newspaper-style articles plus an analyst key (EXPECTED.md,
expected.json) that is never fed to the engine: only the .txt files are copied and analysed,
cold, once per module. These tests pin behaviours an analyst needs and that sitrep gets right
today; what it still gets wrong shows in the scorer's output against each expected.json
(`python3 ../shared/tools/score_report.py REPORT.json tests/situations/NAME/expected.json`)
and is not asserted here.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from sitrep.config import Config
from sitrep.engine import Engine

SITUATIONS = Path(__file__).with_name("situations")
VELMORA = "velmora_2031_junta_takeover"
TARVONIA = "tarvonia_2032_gas_terminal_hostages"


@pytest.fixture(scope="module")
def engine() -> Engine:
    config = Config()
    config.cache.enabled = False
    return Engine(config)


def _analyse(engine: Engine, name: str, tmp: Path) -> dict[str, Any]:
    """Copy only the articles (never the key files) and analyse them; the report as a dict."""
    folder = tmp / name
    folder.mkdir()
    for path in sorted((SITUATIONS / name).glob("*.txt")):
        shutil.copy2(path, folder / path.name)
    return engine.analyse(folder).to_dict()


@pytest.fixture(scope="module")
def velmora(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _analyse(engine, VELMORA, tmp_path_factory.mktemp("own"))


@pytest.fixture(scope="module")
def tarvonia(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _analyse(engine, TARVONIA, tmp_path_factory.mktemp("own"))


def actor(report: dict[str, Any], name: str) -> dict[str, Any]:
    found = [a for a in report["actors"] if a["name"] == name]
    assert found, f"no actor {name!r} in {[a['name'] for a in report['actors']]}"
    return found[0]


def article(report: dict[str, Any], stem: str) -> dict[str, Any]:
    return next(a for a in report["articles"] if a["path"].startswith(stem))


def stated_lines(report: dict[str, Any]) -> list[str]:
    return [line["text"] for line in report["status"] if line["certainty"] == "stated"]


def numeric_claims(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for d in report["disputes"] if d["kind"] == "numeric" for c in d["claims"]]


# --------------------------------------------------------------------------------------------
# Velmora 2031: a junta detains the president, claims the whole country, frees him a week later


def test_velmora_byline_block_dated_article_and_undated_article_read_as_such(velmora: dict[str, Any]) -> None:
    assert article(velmora, "coastal_herald_04-03")["date"].startswith("2031-04-03")
    assert article(velmora, "daily_ledger_04-10")["date"] == "2031-04-10"
    assert article(velmora, "velmora_voice_")["date"] is None
    assert article(velmora, "meridian_04-01")["outlet"] == "Meridian Wire"


def test_velmora_junta_claim_of_controlling_the_whole_country_is_never_stated(
    velmora: dict[str, Any],
) -> None:
    phrases = ("whole country", "entire country", "every town", "whole of velmora",
               "no longer any resistance")
    assert not [t for t in stated_lines(velmora) if any(p in t.lower() for p in phrases)]
    claim = [line for line in velmora["status"] if "controlled the whole country" in line["text"]]
    assert claim and all(line["certainty"] == "alleged" for line in claim)


def test_velmora_resignation_claim_is_a_dispute_spokesman_against_president(velmora: dict[str, Any]) -> None:
    disputes = [d for d in velmora["disputes"] if "resign" in d["subject"].lower()]
    assert disputes
    stances = {(c["source"], c["stance"]) for c in disputes[0]["claims"]}
    assert ("Piet Santar", "hedges") in stances
    assert ("Teodor Halvass", "denies") in stances


def test_velmora_resignation_is_never_stated_about_halvass(velmora: dict[str, Any]) -> None:
    halvass = actor(velmora, "Teodor Halvass")
    assert not [s for s in halvass["state"] if s["slot"] == "office" and s["certainty"] == "stated"]
    assert not [t for t in stated_lines(velmora) if "resigned" in t.lower()]


def test_velmora_release_on_tuesday_resolves_to_april_8_and_is_stated(velmora: dict[str, Any]) -> None:
    releases = [s for s in actor(velmora, "Teodor Halvass")["state"]
                if s["value"].startswith("released") and s["certainty"] == "stated"]
    assert [s["as_of"] for s in releases] == ["2031-04-08"]


def test_velmora_coup_years_are_history_context_not_status(velmora: dict[str, Any]) -> None:
    history = [c for c in velmora["context"] if c["kind"] == "history"]
    assert any({2009, 2019} <= set(c["years"]) for c in history)
    assert any({2014, 2016} <= set(c["years"]) for c in history)
    for a in velmora["actors"]:
        for s in a["state"]:
            if any(year in s["value"] for year in ("2009", "2014", "2016", "2019")):
                assert s["history"], (a["name"], s["value"])
    assert not [line["text"] for line in velmora["status"]
                if any(year in line["text"] for year in ("2009", "2014", "2016", "2019"))]


def test_velmora_verbatim_wire_paragraph_gives_one_context_item_citing_both_outlets(
    velmora: dict[str, Any],
) -> None:
    items = [c for c in velmora["context"] if c["kind"] == "history" and 2009 in c["years"]]
    assert len(items) == 1
    files = {e["file"] for e in items[0]["evidence"]}
    assert {
        "meridian_04-01_soldiers-detain-president.txt",
        "coastal_herald_04-03_junta-claims-control.txt",
    } <= files


def test_velmora_2019_coup_toll_is_not_in_any_numeric_dispute(velmora: dict[str, Any]) -> None:
    for claim in numeric_claims(velmora):
        assert "27" not in str(claim["value"]) and "2019" not in claim["sentence"]


def test_velmora_officials_get_their_roles(velmora: dict[str, Any]) -> None:
    assert any("governor" in r.lower() for r in actor(velmora, "Aurel Kost")["roles"])  # "civilian governor"
    assert "Prime Minister" in actor(velmora, "Ilse Varden")["roles"]
    assert any("spokesman" in r for r in actor(velmora, "Piet Santar")["roles"])
    assert "Colonel" in actor(velmora, "Arvid Moresco")["roles"]


# --------------------------------------------------------------------------------------------
# Tarvonia 2032: militants besiege a gas terminal; the army says all hostages were freed


def test_tarvonia_byline_block_published_header_and_undated_article_read_as_such(
    tarvonia: dict[str, Any],
) -> None:
    assert article(tarvonia, "globe_courier_03-11")["date"].startswith("2032-03-11")
    assert article(tarvonia, "harbour_times_03-22")["date"] == "2032-03-22"
    assert article(tarvonia, "tarvonia_today_")["date"] is None
    assert article(tarvonia, "northstar_03-09")["outlet"] == "Northstar Press"


def test_tarvonia_discharged_engineer_status_starts_with_his_discharge(tarvonia: dict[str, Any]) -> None:
    keller = actor(tarvonia, "Jonas Keller")
    assert keller["status"].startswith("discharged from St Aldric")
    current = [s for s in keller["state"] if s["value"].startswith("discharged") and not s["superseded_by"]]
    assert [(s["slot"], s["value"], s["as_of"]) for s in current] == \
        [("life", "discharged from St Aldric's Hospital", "2032-03-19")]


def test_tarvonia_militants_claim_is_alleged_and_its_figures_never_stated(tarvonia: dict[str, Any]) -> None:
    claim = [line for line in tarvonia["status"] if "claimed responsibility" in line["text"]]
    assert claim and all(line["certainty"] == "alleged" for line in claim)
    assert not [t for t in stated_lines(tarvonia) if "60 foreign" in t or "20 soldiers" in t]


def test_tarvonia_soldier_toll_is_a_numeric_dispute_army_six_against_group_twenty(
    tarvonia: dict[str, Any],
) -> None:
    disputes = [d for d in tarvonia["disputes"] if d["kind"] == "numeric" and "soldiers" in d["subject"]]
    assert len(disputes) == 1
    values = {tuple(c["value"]) for c in disputes[0]["claims"]}
    assert values == {(6.0, 6.0), (20.0, 20.0)}
    assert any(c["source"] == "the army" for c in disputes[0]["claims"])


def test_tarvonia_accusation_against_lusenia_and_its_denial_are_a_dispute(tarvonia: dict[str, Any]) -> None:
    pairs = [{(c["source"], c["stance"]) for c in d["claims"]} for d in tarvonia["disputes"]
             if d["kind"] == "contradiction"]
    assert {("Anton Brund", "asserts"), ("Lusenia", "denies")} in pairs


def test_tarvonia_2008_bombing_is_history_and_its_toll_is_not_disputed(tarvonia: dict[str, Any]) -> None:
    assert any(c["kind"] == "history" and 2008 in c["years"] and "Kell" in c["text"]
               for c in tarvonia["context"])
    for claim in numeric_claims(tarvonia):
        assert "40" not in str(claim["value"]) and "2008" not in claim["sentence"]


def test_tarvonia_operator_status_gives_the_latest_missing_count(tarvonia: dict[str, Any]) -> None:
    status = actor(tarvonia, "Halden-Sorvik Energy")["status"]
    assert "Four workers" in status and "Six" not in status
