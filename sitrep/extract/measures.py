"""Measures: what a government, a junta or the parties did to the state of things, rather than
to a person ("suspended the constitution", "a nationwide curfew was imposed", "the borders were
closed", "talks took place in neighbouring Chad").

A constitution, a curfew or a round of talks has no actor to carry its state, so the ledger never
shows it; yet "what has been suspended, imposed, closed, who is talking" is much of what an analyst
asks first of a coup or a hostage crisis. Each measure keeps who says so and how sure, like a lede,
and the merge shows the newest ones in Status.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..dates import When, publication_day, years_before, years_in
from ..model import Lead
from .actors import ActorTable
from .attribution import attribute
from .base import ParsedArticle, clean_span_text
from .endings import _aside_speaker, _real

_INSTITUTIONS = frozenset({"constitution", "parliament", "assembly", "institution", "government", "cabinet",
                           "senate", "congress", "legislature", "court"})
_RESTRICTIONS = frozenset({"curfew", "emergency", "law", "blackout", "lockdown"})
_CROSSINGS = frozenset({"border", "airport", "frontier", "airspace", "crossing"})
_TALKS = frozenset({"talks", "negotiations"})
"""The words of a round of talks (plural only: "talk" and "a negotiation" are something else)."""

_MEASURE_VERBS: dict[str, tuple[str, frozenset[str]]] = {
    "suspend": ("suspended", _INSTITUTIONS),
    "dissolve": ("dissolved", _INSTITUTIONS),
    "disband": ("dissolved", _INSTITUTIONS),
    "impose": ("imposed", _RESTRICTIONS),
    "declare": ("declared", _RESTRICTIONS),
    "close": ("closed", _CROSSINGS),
    "shut": ("closed", _CROSSINGS),
    "seal": ("closed", _CROSSINGS),
}
"""Per verb: what a measure it takes says was done, and the nouns it takes as its object."""

_TALK_VERBS = frozenset({"hold", "open", "begin", "start", "resume", "conduct"})
"""Verbs whose object is talks held ("held direct talks", "talks were held")."""
_TALK_HAPPENING = frozenset({"begin", "start", "resume", "continue", "open"})
"""Verbs whose subject is talks held ("talks began on Monday")."""

_OBJECT_NOUNS = _INSTITUTIONS | _RESTRICTIONS | _CROSSINGS | {"talk", "negotiation"}
"""Lemmas of every noun a measure turns on: the pass looks no further at any other token."""


def _restriction(noun: Token) -> str | None:
    """"curfew", "state of emergency", "martial law": the restriction a noun names, else None."""
    lemma = noun.lemma_.lower()
    if lemma == "law":
        return "martial law" if any(c.lower_ == "martial" for c in noun.children) else None
    if lemma == "emergency":
        # "a state of emergency" hangs the word off "state"; "declared an emergency" is one on its own
        return "state of emergency"
    return lemma


def _noun_phrase(noun: Token) -> str:
    """The noun with the words before it that say which: "Mali's constitution", "nationwide
    curfew" (no article, no possessive pronoun: "its institutions" says nothing without its
    sentence)."""
    start = noun.i
    for child in noun.children:
        if child.i < noun.i and child.dep_ in ("compound", "amod", "nmod", "poss") and child.pos_ != "PRON":
            start = min(start, child.left_edge.i)
    words = clean_span_text(noun.doc[start : noun.i + 1].text).replace(" - ", "-").replace(" 's", "'s")
    # "Talks between the two sides began": a sentence's capital is no part of the name
    return words[0].lower() + words[1:] if noun.doc[start].pos_ != "PROPN" else words


def _measure(noun: Token) -> tuple[Token, str] | None:
    """The verb that carries a measure on `noun` and the measure's words, if the sentence says it
    was taken: "suspending Mali's constitution" -> "Mali's constitution suspended"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() == "state" \
            and noun.lemma_.lower() == "emergency":
        noun, head = head.head, head.head.head  # "declared a state of emergency"
        if noun.dep_ not in ("dobj", "nsubjpass"):
            return None
        restriction = "state of emergency"
    elif noun.dep_ in ("dobj", "nsubjpass"):
        restriction = None
    else:
        return None
    if head.pos_ != "VERB":
        return None
    done = _MEASURE_VERBS.get(head.lemma_.lower())
    if done is None:
        return None
    participle, objects = done
    lemma = noun.lemma_.lower()
    if restriction is None:
        if lemma not in objects:
            return None
        if objects is _RESTRICTIONS:
            restriction = _restriction(noun)
            if restriction is None:
                return None
    # "state of emergency", "martial law" as named; a curfew or a constitution with its words
    words = restriction if restriction not in (None, lemma) else _noun_phrase(noun)
    return head, f"{words} {participle}"


def _partners(noun: Token) -> str:
    """Who the talks are with or between, as the sentence says it: " with Russia's foreign
    minister", " between the two sides" (empty when it does not say)."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("with", "between")), None)
    if prep is None:
        return ""
    return " " + clean_span_text(noun.doc[prep.i : prep.right_edge.i + 1].text).replace(" 's", "'s")


def _talks(noun: Token, names: dict[int, str]) -> tuple[Token, str] | None:
    """The verb that says talks were held, and the measure's words: "direct negotiations held",
    "talks held in neighbouring Chad", "talks held between the two sides in Doha", "talks held by
    Wang with Russia's foreign minister" (`names`: the actor each named token stands for)."""
    if noun.lower_ not in _TALKS:
        return None
    head = noun.head
    held = (
        (noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in _TALK_VERBS)
        or (noun.dep_ == "nsubj" and head.lemma_.lower() in _TALK_HAPPENING)
        # "the talks took place in Chad"
        or (noun.dep_ == "nsubj" and head.lemma_.lower() == "take"
            and any(c.lower_ == "place" and c.dep_ == "dobj" for c in head.children))
        # "there had been direct negotiations"
        or (noun.dep_ == "attr" and head.lemma_.lower() == "be"
            and any(c.dep_ == "expl" for c in head.children))
    )
    if not held or head.pos_ not in ("VERB", "AUX"):
        return None
    partners = _partners(noun)
    holder = next((c for c in head.children if c.dep_ == "nsubj"), None) if noun.dep_ == "dobj" else None
    by = f" by {names[holder.i]}" if holder is not None and holder.i in names else ""
    words = f"{_noun_phrase(noun)} held{by}{partners}"  # "talks held by Wang with Russia's foreign minister"
    if " in " in partners:
        return head, words  # "with Russia's foreign minister in Moscow" says where too
    # "in Chad" hangs from the verb, from "place" ("took place in Chad") or from the talks
    holders = [head, noun, *(c for c in head.children if c.dep_ == "dobj" and c.lower_ == "place")]
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "in"):
        place = next((t for t in prep.subtree if t.ent_type_ in ("GPE", "LOC")), None)
        if place is not None:  # "in neighbouring Chad", "in Doha"
            end = place.i + 1
            while end < prep.right_edge.i + 1 and noun.doc[end].ent_iob_ == "I":
                end += 1
            words += " in " + clean_span_text(noun.doc[prep.i + 1 : end].text)
            break
    return head, words


def _dated_before(verb: Token, year: int) -> bool:
    """Whether the verb is dated to a year before `year` ("in 2013 he declared a state of
    emergency", told in 2014): the year before the article's is history for a measure, whose
    news is that it was just taken."""
    for child in verb.children:
        if (child.dep_ == "prep" and child.lower_ in ("in", "during", "since")) or child.dep_ == "npadvmod":
            if any(y < year for y in years_in(child.doc[child.left_edge.i : child.right_edge.i + 1].text)):
                return True
    return False


def extract_measures(parsed: ParsedArticle, table: ActorTable, names: dict[int, str],
                     resolve: dict[int, str]) -> list[Lead]:
    """Every measure the article says was taken, once each, with who says so; a measure of a year
    well before the article ("suspended the constitution in 1991") is history, and one not taken
    ("refused to impose a curfew", "could close the border", "did not suspend") is none."""
    anchor = publication_day(parsed.article.date)
    dated = When.from_iso(parsed.article.date) if parsed.article.date else None
    out: list[Lead] = []
    seen: set[str] = set()
    lemmas, poses, tokens = parsed.lemmas, parsed.poses, parsed.tokens
    for sent in parsed.sentences:
        if _OBJECT_NOUNS.isdisjoint(parsed.lemmas_of(sent)):
            continue  # the set is the context pass's, made already: most sentences end here
        for i in range(sent.start, sent.end):
            if poses[i] not in ("NOUN", "PROPN") or lemmas[i] not in _OBJECT_NOUNS:
                continue
            tok = tokens[i]
            found = _talks(tok, names) or _measure(tok)
            if found is None:
                continue
            verb, words = found
            if not _real(verb) or words.lower() in seen:
                continue
            if anchor is not None and years_before(parsed.text_of(sent), anchor):
                break
            if dated is not None and _dated_before(verb, dated.start.year):
                continue
            # "declared a state of emergency and closed the borders": the first verb of the
            # run says who tells them all (read from "closed", "declared" is its speaker)
            first = verb
            while first.dep_ == "conj" and first.head.pos_ == "VERB":
                first = first.head
            att = _aside_speaker(first, names, resolve) or attribute(first, names, resolve)
            if att.polarity == "denied":
                continue
            seen.add(words.lower())
            out.append(Lead(text=words, certainty=att.certainty, source=att.source,
                            evidence=parsed.evidence(sent), actors=table.names_in(sent)))
    return out
