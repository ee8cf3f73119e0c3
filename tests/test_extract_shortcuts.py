"""The shortcuts extraction takes to avoid spaCy's per-access costs give what the slow way gives."""

from __future__ import annotations

from pathlib import Path

from sitrep.extract.actors import extract_actors
from sitrep.extract.base import ParsedArticle, span_text, subtree_span
from sitrep.extract.events import EventExtractor, _may_fire
from sitrep.nlp.pipeline import doc_texts
from sitrep.reader import read_article

from extract_support import pipeline

SEED = Path("seeds/mali_2025_coup_plot_soldiers_arrested.txt")

PLEDGES = (
    "Title: Test article\n\n"
    "Thailand said it would offer shelter to the migrants. Malaysia announced it will accept 7,000 migrants. "
    "Officials could have been warned, Reuters reported.\n\n"
    "The general was arrested on Monday, and his deputy fled to Niger, where he remains in custody."
)


def _parsed(text: str, tmp_path: Path) -> ParsedArticle:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(path, tmp_path)
    return ParsedArticle(pipeline()(next(iter(doc_texts([article])))), article)


def test_span_text_is_the_spans_own_text(tmp_path: Path) -> None:
    parsed = _parsed(SEED.read_text(encoding="utf-8"), tmp_path)
    spans = [*parsed.doc.sents, *parsed.doc.ents, *(subtree_span(t) for t in parsed.doc)]
    assert parsed.text == parsed.doc.text
    assert all(span_text(s) == s.text and parsed.text_of(s) == s.text for s in spans)


def test_token_lists_hold_each_tokens_own_attributes(tmp_path: Path) -> None:
    parsed = _parsed(SEED.read_text(encoding="utf-8"), tmp_path)
    doc = parsed.doc
    assert parsed.lowers == [t.lower_ for t in doc]
    assert parsed.lemmas == [t.lemma_.lower() for t in doc]
    assert parsed.poses == [t.pos_ for t in doc]
    assert parsed.like_nums == [t.like_num for t in doc]
    assert [t.i for t in parsed.tokens] == list(range(len(doc)))
    sent = parsed.sentences[0]
    assert parsed.words_of(sent) == {t.lower_ for t in sent}
    assert parsed.lemmas_of(sent) == {t.lemma_.lower() for t in sent}


def test_dependency_arcs_stay_inside_their_sentence(tmp_path: Path) -> None:
    """The word-set tests before a walk look for a token's children in its own sentence."""
    for text in (SEED.read_text(encoding="utf-8"), PLEDGES):
        doc = _parsed(text, tmp_path).doc
        assert all(t.head.sent.start == t.sent.start for t in doc)


def test_tokens_the_event_gate_skips_have_no_events(tmp_path: Path) -> None:
    for text in (SEED.read_text(encoding="utf-8"), PLEDGES):
        parsed = _parsed(text, tmp_path)
        extractor = EventExtractor(parsed, extract_actors(parsed))
        fired = 0
        for sent in parsed.sentences:
            pledging = bool({"would", "will", "'ll"} & {t.lower_ for t in sent})
            for tok in sent:
                found = extractor._events_at(tok, sent)
                fired += bool(found)
                if not _may_fire(tok.pos_, tok.lemma_.lower(), tok.lower_, pledging):
                    assert found == [], tok.text
        assert fired  # the texts do have events, so a gate that skipped them would fail above


def test_a_doc_of_other_text_than_its_article_keeps_its_own_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(PLEDGES, encoding="utf-8")
    article = read_article(path, tmp_path)
    doc = pipeline()("Troops withdrew from the border town.")
    parsed = ParsedArticle(doc, article)
    assert parsed.text == "Troops withdrew from the border town."
    assert span_text(doc[0:2]) == "Troops withdrew"
