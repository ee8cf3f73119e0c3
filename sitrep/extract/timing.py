"""When the events of a clause held: its tense, reported speech, past perfect and dates, read
against the article's day."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date

from spacy.tokens import Span, Token

from ..dates import When, resolve
from .attribution import (
    DENYING,
    HEDGE_NOUNS,
    HEDGING_REPORTING,
    NEUTRAL_REPORTING,
    UNCONFIRMING,
)
from .base import (
    clean_span_text,
    span_text,
    subtree_span,
)

_REL_PRONOUNS = {"who", "that", "which", "whom"}


_TIMES = {"time", "times", "occasion", "occasions"}


_EARLIER = {"repeatedly", "previously", "formerly", "once", "twice", "earlier", "before", "already", "often"}


_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)


HISTORY_DAYS = 90


"""An event dated this long before its article is background to the news, not news."""


def _clause_verb(tok: Token) -> Token:
    """The verb whose clause holds `tok` (the token itself when it is a verb)."""
    node = tok
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    return node


def _past(verb: Token) -> bool:
    """Simple past or past perfect: "resigned", "was arrested", "had been held"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxes:
        return any(a.tag_ == "VBD" for a in auxes)
    return verb.tag_ == "VBD"


_REPORTING = NEUTRAL_REPORTING | HEDGING_REPORTING | HEDGE_NOUNS | DENYING | UNCONFIRMING


def _reported(verb: Token) -> bool:
    """Reported speech: "said X had killed Y" puts the past perfect there by backshift, not as history.

    Only a main-clause past perfect ("He had been arrested twice before") is read as background;
    in a subordinate clause it is mostly backshift or the parser hanging a claim on a nearby noun."""
    node = verb
    for _ in range(4):
        if node.head.i == node.i:
            return False
        if (
            node.dep_ in ("ccomp", "acl", "relcl", "xcomp", "advcl", "conj")
            and node.head.lemma_.lower() in _REPORTING
        ):
            return True
        node = node.head
    return False


def _pluperfect(verb: Token) -> bool:
    """"had been held", "had fled": a past before the article's own time."""
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "had" and c.tag_ == "VBD"
                                                for c in verb.children)


def told_later(verb: Token, before: Sequence[Span], anchor: date | None) -> bool:
    """Whether a past event told with "later" follows a past the sentences just `before` it date
    well before the article ("... were seized on the night of April 14. Fifty-seven escaped and
    the leader later vowed to sell the rest": the vow came after April 14, not on the article's
    day)."""
    if anchor is None or verb.tag_ not in ("VBD", "VBN") or not any(
            c.dep_ == "advmod" and c.lower_ == "later" for c in verb.children):
        return False
    return any((anchor - when.end).days > HISTORY_DAYS for sent in before
               for when in [resolve(sent.text, anchor)] if when is not None)


def _own_words(verb: Token) -> str | None:
    """The text of the verb's clause without a participle hung on it that tells why or how ("took
    over on Monday, citing fraud in the vote of 2020"; not one that tells when: "died while visiting
    troops on Sunday") or a date that owns a noun ("seized power
    claiming fraud in last November's election": November dates the election, not the seizure);
    None when there is nothing to leave out."""
    aside = [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > verb.i
             and not any(m.dep_ == "mark" and m.lower_ in ("while", "when") for m in c.children)]
    # "in last November's election": a date that owns a noun in a phrase dates that noun ("Wednesday's
    # fighting killed 28", its subject, dates the killing)
    aside += [t for t in verb.subtree if t.dep_ == "poss" and t.ent_type_ == "DATE" and t.head.dep_ == "pobj"]
    # "Damiba, who came to power through a coup in January, was ousted": the clause dates him, not this
    aside += [t for t in verb.subtree if t.dep_ == "relcl" and t.head.i != verb.i and t.i != verb.i]
    if not aside:
        return None
    return _words_without(verb, {t.i for c in aside for t in c.subtree})


def _words_without(head: Token, cut: Collection[int]) -> str:
    """The text of `head`'s subtree without the tokens at the indices in `cut`."""
    return "".join(t.text_with_ws for t in head.subtree if t.i not in cut)


_LAPSE_UNITS = {"day", "week", "month", "year", "decade"}
_VAGUE_LAPSES = {"months", "years", "decades"}
"""Lapses not counted: "years after the war"."""


def _lapse_after(tok: Token, verb: Token) -> tuple[str, Token] | None:
    """How long after the event at `tok` its clause (or noun) is told to have come before, and the
    token whose subtree says so ("a week after Deby's death": "a week", on "week"; "a year after
    unrest toppled X": "a year", on "toppled"); None when no lapse of time is hung on "after"."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "after":
        after = tok.head
        if after.head.dep_ == "npadvmod" and after.head.lemma_.lower() in _LAPSE_UNITS:
            return _lapse_words(after.head), after.head  # "a week after Deby's death"
        holders, whole = [after], after  # "two months after the coup", the lapse on "after"
    elif verb.pos_ in ("VERB", "AUX") and verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "after" for c in verb.children):
        mark = next(c for c in verb.children if c.dep_ == "mark" and c.lower_ == "after")
        holders, whole = [verb, mark], verb
        # "the vote comes years after protesters toppled him": the parse may hang the lapse on
        # the clause the "after" clause hangs on, just before "after"
        before = next((c for c in verb.head.children if c.dep_ == "npadvmod" and c.i == mark.i - 1
                       and c.lemma_.lower() in _LAPSE_UNITS), None)
        if before is not None:
            return _lapse_words(before), verb
    else:
        return None
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "npadvmod" and child.lemma_.lower() in _LAPSE_UNITS:
                return _lapse_words(child), whole
    return None


_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def _lapse_days(words: str) -> int:
    """Days in a lapse ("a year": 365, "18 months": 540); a lapse not counted ("years") is at least
    two of its unit."""
    *count, unit = words.split()
    days = _UNIT_DAYS.get(unit.rstrip("s"), 0)
    number = count[-1] if count else ""
    return days * (_COUNTS.get(number) or (int(number) if number.isdigit() else 2))


def _lapse_words(noun: Token) -> str:
    """"a year", "two months", "years": a lapse noun with the words before it that count it."""
    return " ".join(t.lower_ for t in noun.subtree if t.i <= noun.i)


def _object_gap(verb: Token) -> bool:
    """Whether a relative clause with no relative word leaves its verb's object to the noun it is
    hung on ("the office he seized in 1990": he seized the office): a true relative clause, unlike
    a content clause the parse hangs on a noun ("claims he had been killed", "reports he stole it")."""
    return any(c.dep_ == "nsubj" for c in verb.children) and not any(
        c.dep_ in ("dobj", "nsubjpass", "ccomp", "xcomp", "attr", "acomp") for c in verb.children)


def event_time(tok: Token, anchor: date | None) -> tuple[When | None, bool]:
    """When the event at `tok` happened, and whether it is told as background.

    The date is the first date expression in the trigger's own clause, resolved against the
    article's day. Background: a past-tense relative clause ("X, who resigned over the war,
    said"; not "the junta that has ruled since 2021"), past perfect ("had been arrested"),
    "former", or a date well before the article."""
    verb = _clause_verb(tok)
    clause = clean_span_text(span_text(subtree_span(verb))) if verb.pos_ in ("VERB", "AUX") else ""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("after", "before", "following") and verb.i != tok.i:
        # "named a prime minister on Monday, a week after Deby's death": the clause's day is when
        # it was named; the death is dated only by its own words ("after Monday's death")
        clause = clean_span_text(span_text(subtree_span(tok)))
    when = resolve(clause, anchor) if clause else None
    if when is not None:
        own = _own_words(verb)  # looked for only when there is a date it may have misplaced
        if own is not None:
            clause = clean_span_text(own)
            when = resolve(clause, anchor)
    lapse = _lapse_after(tok, verb) if when is None else None
    lapsed = False
    if lapse is not None:
        # "a year after unrest toppled the president", "named on Monday, a week after Deby's
        # death": that long before the clause it is hung on (its day, else the article's)
        words, told = lapse
        outer = told.head
        while outer.pos_ not in ("VERB", "AUX") and outer.head.i != outer.i:
            outer = outer.head
        hung = _words_without(outer, range(told.left_edge.i, told.right_edge.i + 1)) \
            if outer.pos_ in ("VERB", "AUX") else ""
        outer_when = resolve(clean_span_text(hung), anchor) if hung else None
        base = outer_when.start if outer_when is not None and outer_when.precision == "day" else anchor
        when = resolve(f"{words} ago", base) if base is not None else None
        if _lapse_days(words) > HISTORY_DAYS:
            lapsed = True  # "a year after": background, however the calendar year reads
        if when is None and words in _VAGUE_LAPSES:
            return None, True  # "years after the war": long before, when unknown
    if when is None and verb.dep_ == "advcl" and any(
            (c.dep_ == "mark" and c.lower_ in ("after", "when", "as"))
            or (c.dep_ == "advmod" and c.lower_ == "when") for c in verb.children):
        # "X was chosen by parliament in 1993 after Y was assassinated": no later than the clause it
        # is hung on, which gives the date ("took over on 24 January, when he overthrew X": that day)
        outer = verb.head
        while outer.pos_ not in ("VERB", "AUX") and outer.head.i != outer.i:
            outer = outer.head  # "chosen uncontested in 1993 after ...": the parse may hang it on a word
        words = _words_without(outer, range(verb.left_edge.i, verb.right_edge.i + 1))
        when = resolve(clean_span_text(words), anchor) if outer.pos_ in ("VERB", "AUX") else None
    # "since a brawl left 20 dead in June": a clause that is itself the "since" clause keeps its date.
    own_since = verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ == "since"
                                                     for c in verb.children)
    if when is not None and when.precision != "range" and _SINCE.search(clause) and not (
            own_since and len(_SINCE.findall(clause)) == 1):
        # "killed since the offensive began on Tuesday": from then until the article; in an
        # undated article "in power since 2021" holds now, and now is unknown.
        when = When(when.start, anchor, "range") if anchor is not None and when.start <= anchor else None
    background = False
    node, hops = tok, 0
    while node.head.i != node.i and hops < 4:
        if node.dep_ == "relcl":
            # Only a true relative clause ("who resigned"): a misattached content clause has no
            # relative word ("no information to corroborate claims X had been killed").
            background = _past(node) and (any(c.lower_ in _REL_PRONOUNS
                                              or c.tag_ in ("WDT", "WP", "WP$", "WRB")
                                              for c in subtree_span(node)[:3]) or _object_gap(node))
            break
        if node.pos_ in ("VERB", "AUX"):
            break
        node, hops = node.head, hops + 1
    if verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children) \
            and verb.dep_ in ("ROOT", "conj") and not _reported(verb):
        background = True
    if any(c.lower_ in ("former", "ex", "late") for c in tok.children):
        background = True
    if when is None and tok.dep_ == "pobj" and tok.head.lower_ == "since" and tok.pos_ == "NOUN":
        background = True  # "leading the opposition since his ouster": before what the article tells
    if verb.pos_ in ("VERB", "AUX") and any((c.dep_ == "advmod" and c.lower_ in _EARLIER)
                                            or (c.dep_ in ("npadvmod", "advmod", "dobj")
                                                and c.lemma_.lower() in _TIMES)
                                            for c in verb.children):
        # "has been repeatedly detained", "arrested multiple times", "was previously jailed"
        background = True
    if when is not None and anchor is not None and (anchor - when.end).days > HISTORY_DAYS:
        background = True
    return when, background or lapsed
