"""Merging articles into one Situation: focus, cross-article disputes, wire copies."""

from pathlib import Path

from extract_support import situation

WIRE = ("Initial reports said General Abass Dembele was detained in Bamako on Sunday.\n\n"
        "A source close to Dembele denied his arrest, saying he is in good health.")


def test_focus_counts_a_countrys_institutions_and_towns(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Sudan army retakes Omdurman\n\nSudan's army said it retook a district of Omdurman. "
                      "Egypt and the United Arab Emirates were accused of backing opposing sides."}
    assert situation(texts, tmp_path).focus == "Sudan"


def test_arrest_reported_in_one_article_and_denied_in_another_is_a_contradiction(tmp_path: Path) -> None:
    texts = {"afp.txt": "Title: Arrests in Mali\n\nInitial reports said General Abass Dembele was detained in Bamako.",
             "bbc.txt": "Title: General denies arrest\n\nA source close to General Abass Dembele denied his arrest."}
    found = situation(texts, tmp_path)
    [dispute] = [d for d in found.disputes if d.kind == "contradiction" and "Dembele" in d.subject]
    assert {c.article for c in dispute.claims} == {"afp.txt", "bbc.txt"}


def test_figures_from_two_articles_are_one_numeric_dispute(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Ambush\n\nOfficials said eight soldiers were killed in the ambush.",
             "b.txt": "Title: Ambush toll\n\nA local source said 10 soldiers were killed in the ambush."}
    [numeric] = [d for d in situation(texts, tmp_path).disputes if d.kind == "numeric"]
    assert {c.article for c in numeric.claims} == {"a.txt", "b.txt"}


def test_same_wire_copy_in_two_outlets_counts_its_mentions_once(tmp_path: Path) -> None:
    texts = {"a.txt": f"Title: Mali arrests\n\n{WIRE}", "b.txt": f"Title: Mali general held?\n\n{WIRE}"}
    found = situation(texts, tmp_path)
    dembele = next(a for a in found.actors if a.name == "Abass Dembele")
    assert dembele.mentions == 2  # two sentences, not four
    assert len(dembele.articles) == 2


def test_status_line_never_states_a_denied_arrest_as_fact(tmp_path: Path) -> None:
    found = situation({"a.txt": f"Title: Mali arrests\n\n{WIRE}"}, tmp_path)
    dembele = next(a for a in found.actors if a.name == "Abass Dembele")
    assert dembele.status.startswith(("reportedly", "reported"))
    assert "denied" in dembele.status
    [line] = [s for s in found.status if "Dembele" in s.text]
    assert line.certainty != "stated"


def test_merging_twice_leaves_the_inputs_as_extracted(tmp_path: Path) -> None:
    from extract_support import analyse
    from sitrep.merge import merge

    # Two outlets resting the same claim on different hedged sources: merged into one item.
    texts = {"a.txt": "Title: Arrests\n\nSources indicate that soldiers have been arrested in Mali.",
             "b.txt": "Title: More arrests\n\nThe AFP news agency claimed that soldiers were arrested in Bamako."}
    results = [analyse(text, tmp_path, name) for name, text in texts.items()]
    before = [[(d.subject, len(d.claims), list(d.actors)) for d in r.disputes] for r in results]
    first = merge(results, [], tmp_path).to_dict()
    second = merge(results, [], tmp_path).to_dict()
    assert [[(d.subject, len(d.claims), list(d.actors)) for d in r.disputes] for r in results] == before
    assert first["disputes"] == second["disputes"]
