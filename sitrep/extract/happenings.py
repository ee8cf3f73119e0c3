"""Happenings and their refutations: "the poisoning", "the coup attempt", and the words that say
one did not happen as told ("staged", "a provocation", "failed", "never took place")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import lexicon
from .attribution import DENYING

_HAPPENINGS = lexicon().happenings
_REFUTATIONS = lexicon().refutations
_NAMING = {"call", "describe", "brand", "term", "label", "dismiss", "deride", "denounce", "decry"}
"""Verbs that name a thing as something: "called the poisoning a provocation"."""
_INVENTING = {"stage", "fake", "fabricate", "invent"}
_INVENTED = {"staged", "faked", "fabricated", "invented"}
"""spaCy lemmatises "staged" as "stag"."""
_OCCURRING = {"happen", "occur"}


def _happening_noun(tok: Token) -> str:
    """The happening a token names ("coup" for "coup" and for "coup attempt"), or ""."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("NOUN", "PROPN"):
        return ""
    if lemma in _HAPPENINGS:
        return lemma
    return next(
        (c.lemma_.lower() for c in tok.children if c.dep_ == "compound" and c.lemma_.lower() in _HAPPENINGS),
        "",
    )


_STAGING = {"stage", "stages", "staged", "staging"}
_NEW_TO_THE_STORY = {"a", "an", "another"}


def _carried_out(verb: Token, holder: Token) -> bool:
    """"soldiers who staged a mutiny", "staged protests across the country": staging a happening
    not told before (an indefinite object, or a bare one) is carrying it out. "Staged the attack",
    the one the story tells, still says it was made up."""
    if verb.lower_ not in _STAGING or holder.dep_ != "dobj":
        return False
    return all(c.lower_ in _NEW_TO_THE_STORY for c in holder.children if c.dep_ in ("det", "poss"))


def _occurrence_denied(verb: Token, happening: Token) -> bool:
    """"no attack took place", "the shelling never happened", "denied that any shelling had happened"."""
    takes_place = verb.lemma_.lower() == "take" and any(c.dep_ == "dobj" and c.lower_ == "place"
                                                        for c in verb.children)
    if not (takes_place or verb.lemma_.lower() in _OCCURRING):
        return False
    negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children) \
        or any(c.dep_ == "det" and c.lower_ == "no" for c in happening.children)
    return negated or (verb.dep_ == "ccomp" and verb.head.lemma_.lower() in DENYING)


def _refutation(sent: Span) -> tuple[Token, Token, str] | None:
    """The happening a sentence calls untrue or failed, the verb that says so and the word it uses."""
    for tok in sent:
        if not _happening_noun(tok) or _of_a_kind(tok):
            continue
        head = tok.head
        # "talk of a coup", "reports of an attack": the claim noun stands for the happening.
        holder = (
            head.head if head.dep_ == "prep" and head.lower_ == "of" and head.head.pos_ == "NOUN" else tok
        )
        verb = holder.head
        lemma = verb.lemma_.lower()
        if holder.dep_ in ("nsubjpass", "dobj") and (lemma in _INVENTING or verb.lower_ in _INVENTED) \
                and not _carried_out(verb, holder):
            return tok, verb, verb.text.lower()  # "the attack was staged", "faked the poisoning"
        if tok.dep_ in ("nsubj", "nsubjpass") and (lemma == "fail" or lemma in ("foil", "thwart")):
            return tok, verb, "failed"
        if tok.dep_ in ("nsubj", "nsubjpass") and _occurrence_denied(verb, tok):
            return tok, verb, "did not happen"
        if holder.dep_ == "dobj" and lemma in _NAMING:
            # "called the poisoning a provocation", "dismissed talk of a coup as a joke"
            word = next((t for t in verb.subtree if t.i > tok.i and _refuting(t)), None)
            if word is not None:
                return tok, verb, word.lemma_.lower() if word.pos_ == "NOUN" else word.lower_
        if tok.dep_ == "nsubj" and lemma == "be":
            word = next((c for c in verb.children if c.dep_ in ("attr", "acomp") and _refuting(c)), None)
            if word is not None:
                return tok, verb, word.lemma_.lower() if word.pos_ == "NOUN" else word.lower_
    return None


def _of_a_kind(noun: Token) -> bool:
    """"All coup attempts that did not receive royal endorsements have failed": what holds of every
    happening of a kind, not a claim about one."""
    return noun.tag_ in ("NNS", "NNPS") and any(c.dep_ == "det" and c.lower_ in ("all", "every", "most")
                                                for c in noun.children) \
        and any(c.dep_ == "relcl" for c in noun.children)


def _happening_phrase(tok: Token) -> str:
    """"attack on the convoy", "coup attempt": the happening's name, without "no"/"any" and
    without the words that refute it."""
    keep = [tok]
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") or (
            child.dep_ == "prep" and child.lower_ in _OF_WHAT
        ):
            keep += list(child.subtree)
    words = sorted(keep, key=lambda t: t.i)[:8]
    return " ".join(t.text for t in words)


_OF_WHAT = {"of", "on", "against", "in", "near"}


def _refuting(tok: Token) -> bool:
    return (tok.lower_ in _REFUTATIONS or tok.lemma_.lower() in _REFUTATIONS) and tok.pos_ in (
        "NOUN",
        "ADJ",
        "VERB",
    )
