"""The detail an event carries in a few words: its date, its place or partner ("in Bamako",
"with France"), its object."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .base import (
    short_phrase,
    span_text,
    subtree_span,
)


def _date_detail(token: Token) -> str:
    """A date phrase hanging off the trigger ("since 2021", "in 2020 and 2021")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("since", "in", "on", "until"):
            objs = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ == "DATE"]
            if objs:
                phrase = short_phrase(subtree_span(child), 6)
                # "On the same day, X was detained": no capital once it follows the event's words
                return phrase[0].lower() + phrase[1:] if child.is_sent_start and phrase else phrase
    return ""


def _prep_detail(verb: Token, preps: tuple[str, ...], words: int = 6) -> str:
    """A short prepositional phrase on the trigger ("from hospital", "with Boko Haram")."""
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in preps
            and any(c.dep_ in ("pobj", "pcomp") for c in child.children)
        ):
            return short_phrase(subtree_span(child), words)
    return ""


_QUOTE_MARKS = ('"', "\u201c", "\u201d", "``", "''")


def _quotation_before(clause: Token, verb: Token) -> Span | None:
    """The quotation that holds the clause, when it comes ahead of its speaker's verb ('"Brace
    yourselves," the gang leader warned'): the words between its marks."""
    sent = clause.sent
    marks = [t.i for t in sent if t.text in _QUOTE_MARKS]
    for opening, closing in zip(marks[::2], marks[1::2], strict=False):  # an odd mark left open
        if opening < clause.i < closing < verb.i:
            return clause.doc[opening + 1:closing]
    return None


def _quotation(words_span: Span, max_words: int = 14) -> str:
    """The quoted words in marks, at most `max_words`: a speaker's own words are never shown as
    if they were the writer's."""
    words = span_text(words_span).replace('"', "'").split()
    text = " ".join(words[:max_words]).rstrip(" ,;:.")
    return f'"{text}..."' if len(words) > max_words else f'"{text}"'


def _object_detail(verb: Token, names: dict[int, str]) -> str:
    """A short object for agent events ("leads the junta", "denies the claims")."""
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i < verb.i and any(
                t.tag_ == "``" or t.text == "\u201c" for t in verb.doc[child.right_edge.i + 1:verb.i]):
            continue  # 'The ambassador responded, writing: "The US rejects ...': the frame, not the object
        if child.dep_ in ("dobj", "xcomp", "ccomp") or (child.dep_ == "nsubjpass" and verb.dep_ != "acl"):
            clause = child.dep_ == "ccomp" or any(c.dep_ == "mark" for c in child.children)
            if child.i in names and not clause:  # a clause ("that their troops ...") is no one name
                # "met Lord Falconer and Downing Street adviser Baroness Morgan": each one met
                named = list(dict.fromkeys(names[c.i] for c in (child, *child.conjuncts) if c.i in names))
                return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
            if child.lower_ in ("that", "which") and verb.dep_ in ("relcl", "acl") \
                    and verb.head.pos_ == "NOUN":
                # "allegations that Frelimo denies": denies the allegations
                return "the " + verb.head.lower_ if verb.head.tag_ == "NNS" else verb.head.lower_
            if child.pos_ == "PRON":
                return ""
            relative = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")
                             and c.lower_ in ("which", "that") and c.i < verb.i), None)
            if relative is not None and verb.dep_ == "relcl" and verb.head.pos_ == "NOUN":
                # "his ouster, which he claimed was part of a plot": claims his ouster was part of a plot
                noun = verb.head
                owner = " ".join(t.text for t in noun.subtree if t.i <= noun.i)
                rest = short_phrase(verb.doc[verb.i + 1:child.right_edge.i + 1], 8)
                return f"{owner} {rest}" if rest else ""
            quoted = _quotation_before(child, verb) if child.dep_ == "ccomp" else None
            if quoted is not None:
                return _quotation(quoted)
            return short_phrase(subtree_span(child), 8)
    if verb.dep_ == "acl" and verb.head.i in names:
        return names[verb.head.i]
    return ""
