"""How a clause words a claim: an opinion or a guess rather than a fact, an accusation in few
words, a denial verb used as one, and the words a claim is compared by."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .attribution import DENYING, HEDGE_NOUNS, _subject, withholds
from .base import clean_span_text, short_phrase, strip_determiner, subtree_span

_CLAIM_NOUNS = {"charge", "account", "version", "finding", "figure", "statement", "assertion", "story",
                "idea", "notion", "suggestion", "characterisation", "characterization", "description",
                "interpretation"}


QUESTION_WORDS = frozenset({"whether", "if", "how", "who", "what", "when", "where", "why", "which"})
"""Words that open the question a clause leaves open ("declined to say whether ...", "did not say
how many ...")."""

_OUGHT = {"deserve", "merit", "warrant", "need", "require"}


def _an_opinion(verb: Token) -> bool:
    """What ought to be rather than what is: "it deserves a thorough examination", "they should
    resign", "the world must act"."""
    return verb.lemma_.lower() in _OUGHT or any(
        c.dep_ == "aux" and c.lower_ in ("should", "must", "ought") for c in verb.children)


def _past_possibility(verb: Token) -> bool:
    """"could have been carried out", "may have been shot down": a guess about the past (a modal
    with "have"), not a plan or a forecast ("could end within days")."""
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(a in ("could", "may", "might") for a in aux) and "have" in aux \
        and not any(c.dep_ == "neg" for c in verb.children)


def _accusation_text(verb: Token) -> str:
    """An accusation in a few words, its asides left out: "The council accused the Presidential
    Guard, the elite unit that ..., of shelling the district" -> "council accused the Presidential
    Guard of shelling the district"; "" when it names no one accused or no charge."""
    accuser = _subject(verb)
    accused = next((c for c in verb.children if c.dep_ == "dobj"), None)
    charge = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
    if accuser is None or accused is None or charge is None:
        return ""
    asides = {t.i for c in accused.children if c.dep_ in ("appos", "relcl", "acl", "punct")
              for t in c.subtree}
    who = " ".join(t.text for t in accused.subtree if t.i not in asides and not t.is_punct)
    by = strip_determiner(short_phrase(subtree_span(accuser), 5))
    what = short_phrase(subtree_span(charge), 12).rstrip(" ,.")
    return f"{by} {verb.text} {who} {what}"


def _denies_a_claim(verb: Token) -> bool:
    """A denial verb used as one: not "the disputed border" or "a contested election", and a
    passive only when what is denied is a claim ("the claims were rejected")."""
    if verb.dep_ in ("amod", "compound") or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return False
    doc = verb.doc
    if verb.dep_ == "conj" and (verb.head.dep_ in ("amod", "compound")
                                or verb.i >= 2 and doc[verb.i - 1].dep_ == "cc"
                                and doc[verb.i - 2].pos_ == "ADJ"):
        return False  # "the hazy and disputed border", however the parser hangs it
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() not in HEDGE_NOUNS | _CLAIM_NOUNS \
            and not any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return False  # "areas it had never contested": the head noun is what is contested, not a claim
    if withholds(verb):
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False  # "We can't deny that there were problems": an admission; "did not deny": no denial
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is not None:
        return passive.lemma_.lower() in HEDGE_NOUNS | _CLAIM_NOUNS
    return True


def _after_opening(sent: Span) -> str:
    """The sentence without its "In X's telling," opening."""
    root = sent.root
    opening = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "in" and c.i < root.i), None)
    start = opening.right_edge.i + 1 if opening is not None else sent.start
    while start < sent.end and sent.doc[start].is_punct:
        start += 1
    text = clean_span_text(sent.doc[start:sent.end].text)
    return text[:1].upper() + text[1:]


def _content_lemmas(span: Span) -> set[str]:
    """Content-word lemmas of a span, for matching a denial with the claim it answers."""
    return {t.lemma_.lower() for t in span if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
            and not t.is_stop and t.lemma_.lower() not in HEDGE_NOUNS | DENYING | {"say"}}


def _anonymous(source: str) -> bool:
    """Whether a source description names nobody in particular."""
    words = source.lower().split()
    return not words or words[0] in ("a", "an", "unnamed", "sources", "source", "reports", "initial",
                                     "officials",
                                      "activists", "witnesses", "residents", "diplomats", "one", "some")


# ", a claim officials rejected", ", charges both deny", ", an accusation Moscow denies"
# An article only before a claim noun: ", an army spokesman denied that ..." is a denial of its own.
_DENIED_TAIL = re.compile(
    r",\s+(?:(?:a|an|the)\s+(?:claim|charge|allegation|accusation|assertion|account|version)s?|claims?|charges?|"
    r"allegations?|accusations?)\s+(?:which\s+|that\s+)?(?P<who>(?:[A-Za-z][\w'’.-]*\s+){0,4}?)"
    r"(?:has\s+|have\s+|had\s+)?(?:strongly\s+|flatly\s+)?(?:rejected|denied|dismissed|disputed|deny|denies|"
    r"reject|rejects|dispute|disputes)\b",
    re.I,
)
