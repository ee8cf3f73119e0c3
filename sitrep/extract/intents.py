"""Plans and pledges: what a side means to do ("vowed to sell the girls", "would offer them
shelter"), always its own claim."""

from __future__ import annotations

import re

from spacy.tokens import Token

from .attribution import (
    Attribution,
)

_NOT_ACTIONS = {"be", "have", "continue", "welcome", "like", "love", "prefer", "support", "appreciate",
                "consider", "need", "want", "hope", "expect", "see", "find", "get", "make", "take", "do"}
"""Verbs that say how a side feels or what it finds, not what it will do ("would welcome his recovery")."""
_SAYING = {"say", "announce", "pledge", "promise", "agree", "insist", "state", "declare", "confirm", "tell"}
_FUTURE_MODALS = {"would", "will", "should", "must", "shall", "'ll", "wo"}


def _to_be_done(verb: Token) -> bool:
    """"to be hosted", "to be held": a passive infinitive, something scheduled."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return "to" in aux and "be" in aux


def _pledged(verb: Token) -> bool:
    """"said they would offer shelter", "announced it will withdraw its troops": an action with an
    object that a speaker says will be done (not "would be difficult")."""
    if verb.lemma_.lower() in _NOT_ACTIONS or not any(c.dep_ == "dobj" for c in verb.children):
        return False
    if verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBZ", "VBP"):
        return False  # "said he will continue to protect it and urged them": done, in its own tense
    clause = verb.head if verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children) else verb
    if not any(c.dep_ == "aux" and c.lower_ in ("would", "will", "'ll") for c in clause.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children):
        return False  # "would offer shelter if ...": a condition, not a pledge
    head = clause.head
    if any(c.dep_ == "neg" for c in head.children):
        return False  # "the statement did not say that Thailand would join": no pledge at all
    return clause.dep_ == "ccomp" and head.lemma_.lower() in _SAYING


def _own_intent(att: Attribution, actor: str) -> Attribution:
    """An intention told in the writer's voice ("Shekau vowed to sell the girls") is still only
    what the actor says it will do: its own claim, never a stated fact."""
    if att.source == "the article" and att.certainty == "stated":
        return Attribution(actor, "reported", att.polarity, False)
    return att


def _action_of(tok: Token) -> Token | None:
    """The "to" clause an intention names: "vowed [to sell the girls]", "plans [to retake it]"."""
    return next((c for c in tok.children if c.dep_ in ("xcomp", "acl") and c.pos_ == "VERB"
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


def _named_them(detail: str, verb: Token) -> str:
    """A plan's "them" named by the plural noun it stands for, the nearest before the verb in its
    sentence ("provide help to 7,000 migrants and offer them shelter": "offer the migrants shelter")."""
    if not re.search(r"\bthem\b", detail):
        return detail
    antecedent = next(
        (
            t
            for t in reversed(list(verb.sent))
            if t.i < verb.i
            and t.tag_ == "NNS"
            and t.pos_ == "NOUN"
            and t.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "appos")
        ),
        None,
    )
    return (
        re.sub(r"\bthem\b", f"the {antecedent.text}", detail, count=1) if antecedent is not None else detail
    )


def _irrealis_intent(tok: Token) -> bool:
    """"would vow", "may plan": a hedged or conditional intention is no plan yet."""
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE_MODALS | {"may", "might", "could"}
               for c in tok.children) \
        or any(c.dep_ == "neg" for c in tok.children)
