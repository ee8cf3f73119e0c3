"""Endings: sentences that say a happening is over ("the four-day siege drew to a close",
"freed all the hostages, ending a four-day siege", "the army declared the operation over").

A siege, a stand-off or an operation has no actor to carry its state, so the ledger never says
it ended; yet "is it over?" is the first thing an analyst asks. Each ending keeps who says so
and how sure, like a lede, and the merge shows the newest one in Status.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..dates import publication_day, years_before
from ..lexicon import lexicon
from ..model import Lead
from .actors import ActorTable
from .attribution import (
    HEDGING_REPORTING,
    MODALS,
    NEUTRAL_REPORTING,
    Attribution,
    _subject,
    attribute,
    describe_source,
)
from .base import ParsedArticle, clean_span_text

_ENDABLE = set(lexicon().happenings) | {"siege", "standoff", "stand-off", "operation", "fighting",
                                        "occupation", "blockade", "crisis", "uprising", "offensive",
                                        "hostage-taking", "battle"}
"""Happenings that run for a while and then end."""
_ENDING_VERBS = {"end", "finish", "conclude"}
_CLOSING = re.compile(
    r"^\s*(?:drew|draws|drawn|drawing|came|comes|come|coming)\s+to\s+an?\s+(?:close|end)\b", re.I
)
_FUTURE = MODALS | {"will", "would", "shall", "should", "must"}


def _happening(tok: Token) -> bool:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.lower_ == "off" and any(c.lower_ == "stand" for c in tok.children):
        return True  # "stand-off", split by the tokenizer
    return tok.lemma_.lower() in _ENDABLE or tok.lower_ in _ENDABLE


def _phrase(tok: Token) -> str:
    """The happening with the words before it that say which: "four-day siege", "stand-off"."""
    start = min((c.left_edge.i for c in tok.children if c.i < tok.i
                 and c.dep_ in ("compound", "amod", "nummod")),
                default=tok.i)
    return clean_span_text(tok.doc[start : tok.i + 1].text).replace(" - ", "-")


def _real(verb: Token) -> bool:
    """Not negated, not hedged into the future, not a plan ("is not over", "could end", "agreed to end")."""
    return not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _FUTURE | {"to"})
                   for c in verb.children)


def _ending_verb(tok: Token) -> Token | None:
    """The verb that ends the happening `tok`, if the sentence says it ended."""
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass"):
        if head.lemma_.lower() in _ENDING_VERBS and head.pos_ == "VERB":
            return head if _real(head) else None
        if _CLOSING.match(tok.doc[head.i :].text) and head.i > tok.i:
            return head if _real(head) else None  # "the siege drew to a close"
        if head.lemma_.lower() == "be" and any(c.lower_ == "over"
                                               and not any(g.dep_ == "pobj" for g in c.children)
                                               for c in head.children):
            return head if _real(head) else None  # "the siege is over", not "the standoff is over land"
    if tok.dep_ == "dobj" and head.pos_ == "VERB":
        if head.lemma_.lower() in _ENDING_VERBS:
            return head if _real(head) else None  # "ending a four-day siege", "troops ended the siege"
        if head.lemma_.lower() == "declare" and any(c.lower_ == "over" for c in head.children):
            return head if _real(head) else None  # "declared the operation over"
    return None


def extract_endings(parsed: ParsedArticle, table: ActorTable, names: dict[int, str],
                    resolve: dict[int, str]) -> list[Lead]:
    """Every sentence of the article that says a happening ended, one per happening, with who
    says so; a happening of a year well before the article ("the 2019 siege ended") is history."""
    anchor = publication_day(parsed.article.date)
    out: list[Lead] = []
    seen: set[str] = set()
    lowers, lemmas, poses, tokens = parsed.lowers, parsed.lemmas, parsed.poses, parsed.tokens
    for sent in parsed.sentences:
        if anchor is not None and years_before(parsed.text_of(sent), anchor):
            continue
        for i in range(sent.start, sent.end):
            if poses[i] not in ("NOUN", "PROPN") or not (
                    lowers[i] == "off" or lemmas[i] in _ENDABLE or lowers[i] in _ENDABLE):
                continue  # `_happening` is false
            tok = tokens[i]
            if not _happening(tok):
                continue
            verb = _ending_verb(tok)
            if verb is None:
                continue
            phrase = _phrase(tok)
            if phrase.lower() in seen:
                continue
            seen.add(phrase.lower())
            att = _aside_speaker(verb, names, resolve) or attribute(verb, names, resolve)
            if att.polarity == "denied":
                continue
            out.append(Lead(text=phrase, certainty=att.certainty, source=att.source,
                            evidence=parsed.evidence(sent), actors=table.names_in(sent)))
    return out


def _aside_speaker(verb: Token, names: dict[int, str], resolve: dict[int, str]) -> Attribution | None:
    """"... and, the army said, freed all the hostages, ending a four-day siege": a speaker told as
    an aside (a parenthetical "X said" hanging from a verb above) says the whole clause."""
    node = verb
    for _ in range(4):
        aside = next((c for c in node.children if c.dep_ == "parataxis"
                      and c.lemma_.lower() in NEUTRAL_REPORTING | HEDGING_REPORTING), None)
        if aside is not None and _subject(aside) is not None:
            who, anonymous = describe_source(_subject(aside), names, resolve)
            return Attribution(who, "alleged" if aside.lemma_.lower() in HEDGING_REPORTING else "reported",
                               "affirmed", anonymous)
        if node.head.i == node.i:
            break
        node = node.head
    return None
