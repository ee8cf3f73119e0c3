"""Per-article extraction: a parsed spaCy `Doc` and its `Article` in, an `ArticleResult` out.

Each extractor reads the parse and adds one kind of item: actors (`actors`), their status
events (`events`), disputed facts (`disputes`) and regional context (`context`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, ArticleResult, Provenance
from .actors import extract_actors
from .base import ParsedArticle
from .calls import extract_calls
from .context import extract_context
from .disputes import extract_disputes
from .endings import extract_endings
from .events import Resolver, extract_events
from .lede import extract_leads
from .measures import extract_measures


def extract_article(doc: Doc, article: Article) -> ArticleResult:
    """Everything sitrep extracts from one article."""
    parsed = ParsedArticle(doc, article)
    table = extract_actors(parsed)
    resolver = Resolver(table, parsed)  # pronouns and "the president", worked out once for both
    events = extract_events(parsed, table, resolver)
    disputes = extract_disputes(parsed, table, events, resolver)
    context = extract_context(parsed, table)
    leads = extract_leads(parsed, table, resolver.names(), resolver.resolved_names())
    return ArticleResult(
        path=article.path,
        title=article.title,
        outlet=article.outlet,
        date=article.date,
        content_hash=article.content_hash,
        mtime=article.mtime,
        words=article.words,
        actors=list(table.actors.values()),
        events=events,
        disputes=disputes,
        context=context,
        sentences=len(parsed.sentences),
        duplicates_removed=article.duplicates_removed,
        leads=leads,
        provenance=Provenance.from_metadata(article.metadata),
        endings=extract_endings(parsed, table, resolver.names(), resolver.resolved_names()),
        measures=extract_measures(parsed, table, resolver.names(), resolver.resolved_names()),
        calls=extract_calls(parsed, table, resolver.names(), resolver.resolved_names()),
    )


__all__ = ["extract_article"]
