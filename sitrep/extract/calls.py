"""Calls: what a named side asks for ("Michael Howard reiterated calls for the publication of the
advice", "the UN called for an immediate ceasefire", "opposition leaders demanded the release of
the journalists", "the US urged both sides to show restraint").

What each side demands is half of a political crisis, and no actor's state says it. Each call
keeps whose call it is (the `Lead`'s source) and how sure the article is that it was made; the
merge shows the newest ones in Status.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..dates import When, publication_day, years_before
from ..model import Lead
from .actors import ActorTable
from .attribution import a_time, attribute, describe_source
from .base import ParsedArticle, clean_span_text
from .endings import _real
from .measures import _dated_before

_CALL_VERBS = frozenset({"call", "demand", "urge"})
_MAKING_A_CALL = frozenset({"reiterate", "repeat", "renew", "issue", "make", "lead", "echo", "join", "voice",
                            "step", "add"})
"""Verbs whose subject makes the call that is their object ("repeated his party's calls for ...");
"resisted calls", "rejected calls" or "faced a call" are the other side's."""

CALL_WORDS = 20
"""A call longer than this many words is cut at its last whole phrase that fits."""


_ENDS_A_CALL = frozenset({"-", "\u2013", "\u2014", ";", ":", "("})
"""Punctuation after which a sentence goes on to something else ("publish the text - the
suggestion was rejected")."""
_ASIDE_STARTS = frozenset({"which", "who", "whose", "where", "a", "an"})
"""Words that open an aside after a comma ("the Kremlin, which has denied ...", "the project, a
pipeline beneath the Baltic")."""
_DANGLING = frozenset({"the", "a", "an", "to", "of", "in", "on", "for", "and", "or", "with", "by", "at",
                       "from"})


def _joins_a_word(tok: Token) -> bool:
    """A hyphen inside a word ("non-violent", "re-run"), which ends no phrase."""
    return tok.text == "-" and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and not tok.whitespace_


def _span(first: Token, last: Token) -> str:
    """The words from `first` to `last`, up to an aside or a dash, at most `CALL_WORDS` of them
    (cut after a whole word that ends a phrase, and marked cut)."""
    doc, end = first.doc, last.i + 1
    for i in range(first.i + 1, end):
        if (doc[i].text in _ENDS_A_CALL and not _joins_a_word(doc[i])) or (
                doc[i].text == "," and i + 1 < end and doc[i + 1].lower_ in _ASIDE_STARTS) or (
                # "an immediate ceasefire on Sunday": when it was asked, not what
                doc[i].dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME")
                                              for c in doc[i].children)):
            end = i
            break
    words = clean_span_text(doc[first.i : end].text).replace(" 's", "'s").replace(" - ", "-").split()
    if len(words) > 1 and words[-1].lower().rstrip(".,") in _REFLEXIVES:
        words.pop()  # "called for the meeting himself": who called, not what for
    # too long, or a parse that cut it short ("to save the")
    if len(words) > CALL_WORDS or (words and words[-1].lower() in _DANGLING):
        words = words[:CALL_WORDS]
        while words and words[-1].lower() in _DANGLING:
            words.pop()
        words.append("...")
    text = " ".join(words)
    # a quotation cut open by the span ("an 'international response") is no quotation
    if text.count('"') % 2:
        text = text.replace('"', "")
    if text.count("\u201c") != text.count("\u201d"):
        text = text.replace("\u201c", "").replace("\u201d", "")
    if sum(w.startswith(("'", "\u2018")) for w in words) > sum(w.endswith(("'", "\u2019")) for w in words):
        text = " ".join(w.lstrip("'\u2018") for w in text.split())
    return text


def _asked_for(noun_or_verb: Token) -> str | None:
    """What the call asks for: its "for" object, with a "to" clause after it ("calls for the
    advice to be made public"), or what is urged on whom ("both sides to show restraint")."""
    prep = next((c for c in noun_or_verb.children if c.dep_ == "prep" and c.lower_ == "for"), None)
    if prep is not None:
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or obj.ent_type_ in ("DATE", "TIME", "CARDINAL", "QUANTITY") or obj.like_num:
            return None  # "for 45 years" is how long, not what for
        last = obj.right_edge
        clause = next((c for c in noun_or_verb.children if c.dep_ in ("relcl", "acl", "xcomp")
                       and c.i > last.i and any(a.lower_ == "to" for a in c.children)), None)
        return _span(obj.left_edge, clause.right_edge if clause is not None else last)
    # "called on both sides to end the fighting", "a call by X to publish the text"
    clause = next((c for c in noun_or_verb.children if c.dep_ in ("xcomp", "acl", "advcl", "relcl")
                   and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)), None)
    # "on the day of the re-run, Odinga called on the country to ...": the "on" of whom, not of when
    on = next((c for c in noun_or_verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
               and not any(g.dep_ == "pobj" and a_time(g) for g in c.children)), None)
    whom = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
    if clause is None:
        return None
    # "both sides to end the fighting"; with nobody named, what to do: "publish the text"
    if whom is not None:
        return _span(whom.left_edge, clause.right_edge)
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "for"), None)
    if mark is not None:  # "calls for the report to be published", read as one clause
        return _span(mark.doc[mark.i + 1], clause.right_edge)
    return _span(clause, clause.right_edge)


_REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves"})


def _call(tok: Token) -> tuple[Token, Token, str] | None:
    """(the verb that says the call was made, who makes it, what it asks for) of a call word."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.left_edge.lower_ in _REFLEXIVES and tok.dep_ in ("ccomp", "conj"):
            # "X declared himself interim president, called for new elections": the parse made the
            # declared title the caller; a reflexive is never a subject, and X makes the call
            subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        if lemma == "call":
            if any(c.dep_ in ("dobj", "oprd", "ccomp") for c in tok.children) and \
                    not any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in tok.children):
                return None  # naming, not asking: "what Beijing called the first exchange of fire for years"
            asked = _asked_for(tok)
        elif lemma == "demand":
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            asked = _span(obj.left_edge, obj.right_edge) if obj is not None and obj.pos_ == "NOUN" else None
        else:  # "urge": whom, and what to do
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            clause = next((c for c in tok.children if c.dep_ == "xcomp"), None)
            asked = _span(obj.left_edge, clause.right_edge) \
                if obj is not None and clause is not None else None
        return (tok, subject, asked) if asked else None
    if lemma != "call" or tok.dep_ != "dobj":
        return None
    # the noun: "reiterated calls for ...", "faced a call by Lord Mackay to publish ..."
    by = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
               for p in c.children if p.dep_ == "pobj"), None)
    verb = tok.head
    maker = by if by is not None else next((c for c in verb.children if c.dep_ == "nsubj"), None) \
        if verb.lemma_.lower() in _MAKING_A_CALL else None
    if maker is None:
        return None
    asked = _asked_for(tok)
    return (verb, maker, asked) if asked else None


def extract_calls(parsed: ParsedArticle, table: ActorTable, names: dict[int, str],
                  resolve: dict[int, str]) -> list[Lead]:
    """Every call a named side makes in the article, once each, whose it is and how sure; one
    not made ("may call for", "did not demand"), denied, of an earlier year or by nobody named
    ("resisted calls to publish") is none."""
    anchor = publication_day(parsed.article.date)
    dated = When.from_iso(parsed.article.date) if parsed.article.date else None
    out: list[Lead] = []
    seen: set[tuple[str, str]] = set()
    lemmas, tokens = parsed.lemmas, parsed.tokens
    for sent in parsed.sentences:
        if _CALL_VERBS.isdisjoint(parsed.lemmas_of(sent)):
            continue
        for i in range(sent.start, sent.end):
            if lemmas[i] not in _CALL_VERBS:
                continue
            found = _call(tokens[i])
            if found is None:
                continue
            verb, maker, asked = found
            who, anonymous = describe_source(maker, names, resolve)
            if anonymous or not who or not _real(verb) or (who, asked.lower()) in seen:
                continue
            if anchor is not None and years_before(parsed.text_of(sent), anchor):
                break
            if dated is not None and _dated_before(verb, dated.start.year):
                continue
            att = attribute(verb, names, resolve)
            if att.polarity == "denied":
                continue
            seen.add((who, asked.lower()))
            out.append(Lead(text=asked, certainty=att.certainty, source=who,
                            evidence=parsed.evidence(sent), actors=table.names_in(sent)))
    return out
