"""Who says so, and how sure: the source and certainty of a clause, read from the parse.

A clause is in the article's own voice ("stated") unless it is the complement of a reporting
verb ("AFP claimed that ..."), sits under a hedging noun ("claims Afari had been killed") or an
"it has emerged" (what unnamed sources gave the paper), carries a hedge ("reportedly", "may",
"is believed to"), or is denied ("denied his arrest").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile

from spacy.tokens import Span, Token

from ..model import Certainty, Polarity
from .base import (
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    clean_span_text,
    short_phrase,
    span_text,
    strip_determiner,
    subtree_span,
)

NEUTRAL_REPORTING = {"say", "tell", "report", "state", "announce", "add", "confirm", "insist", "write",
                     "explain", "quote", "cite", "declare", "acknowledge", "admit", "warn", "note",
                     "testify", "stress", "estimate", "disclose", "reveal"}
HEDGING_REPORTING = {"claim", "allege", "contend", "suggest", "indicate", "believe", "accuse", "speculate",
                     "suspect", "rumour", "rumor", "assert", "purport", "think", "understand", "fear",
                     "presume"}
UNNAMED_PASSIVES = frozenset({"say", "believe", "think", "report", "understand", "suspect", "fear", "presume",
                              "allege", "rumour", "rumor"})
"""Verbs whose passive tells what nobody named holds: "is said to have", "was reported killed",
"is feared dead", "is presumed dead"."""
EMERGING = {"emerge", "transpire"}
"""Verbs of what became known, with "it" for subject: "X, it has emerged", "It emerged last night
that X" tell what unnamed sources gave the paper, not what it found itself."""
DENYING = {"deny", "reject", "refute", "dispute", "dismiss", "contest", "contradict"}
BASELESS = {"unfounded", "baseless", "false", "groundless", "absurd", "fabricated", "spurious"}
"""What a claim is called when it is rebutted: "called the allegations baseless"."""
UNCONFIRMING = {"corroborate", "confirm", "verify"}
ACCUSING = {"accuse", "blame", "charge", "suspect"}
"""Verbs whose "of"/"for" phrase is their subject's accusation: "India accused China of kidnapping"."""
HEDGE_NOUNS = {"claim", "report", "allegation", "suggestion", "rumour", "rumor", "accusation", "speculation",
               "suspicion", "indication"}
HEDGE_WORDS = {"reportedly", "allegedly", "apparently", "purportedly", "possibly", "probably", "supposedly",
               "alleged", "suspected", "purported", "presumed", "likely", "perhaps", "seemingly"}
MODALS = {"may", "might", "could", "can"}
SCENE_MARKS = {"as", "when", "while", "whilst", "after", "before", "once", "until", "since"}
"""Words that open a clause setting the scene of a report ("As the siege drew to a close, a
witness said ..."): the writer tells that clause, the speaker only what follows."""
SILENT = {"disclose", "reveal", "comment", "say", "confirm", "announce", "specify"}
ANONYMOUS_HEADS = {"source", "sources", "official", "officials", "report", "reports", "witness", "witnesses",
                   "resident", "residents", "activist", "activists", "diplomat", "diplomats", "people",
                   "someone", "observers", "analysts", "insiders", "aide", "aides"}

_ARTICLE = "the article"


@dataclass(frozen=True)
class Attribution:
    """The source and certainty of one clause."""

    source: str
    certainty: Certainty
    polarity: Polarity
    anonymous: bool = False
    """The source is unnamed ("sources", "a source close to him", "reports")."""

    @property
    def hedged(self) -> bool:
        """Whether the clause is anything but a plain statement in the article's voice."""
        return self.certainty != "stated" or self.polarity == "denied"


def _is_negated(token: Token) -> bool:
    """A verb with "not"/"never", or a noun with "no" ("no information")."""
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children)


def _patient(verb: Token) -> str | None:
    """Whom a verb's act befalls, as a word: a passive's subject, else its object."""
    for dep in ("nsubjpass", "dobj"):
        found = next((c for c in verb.children if c.dep_ == dep), None)
        if found is not None:
            return found.lower_
    return None


def _told_again_otherwise(verb: Token) -> bool:
    """"He was not killed today but in fact he was killed yesterday", "... not killed in that moment
    but at another time": the same act befalling the same one told again after "but" without the
    negation, or only another time or place after it, denies only when or where it happened.
    ("Police did not arrest the leader but arrested his deputy" still denies the leader's arrest.)"""
    after = verb.sent[verb.i + 1 - verb.sent.start:]
    but = next((t for t in after if t.lower_ == "but" and t.dep_ == "cc"), None)
    if but is None:
        return False
    rest = verb.doc[but.i + 1:verb.sent.end]
    phrase = list(takewhile(lambda t: not t.is_punct, rest))  # up to '," he said'
    if phrase and (phrase[0].pos_ == "ADP" or phrase[0].ent_type_ in ("DATE", "TIME")) \
            and not any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return True  # "he was not killed in that moment but at another time"
    patient = _patient(verb)
    return patient is not None and any(
        t.lemma_ == verb.lemma_ and t.pos_ == verb.pos_ and not _is_negated(t) and _patient(t) == patient
        for t in rest)


def emerged(verb: Token) -> bool:
    """Whether `verb` is "it (has) emerged" over a clause (`EMERGING`): "X, it has emerged"."""
    return verb.lemma_.lower() in EMERGING and any(c.dep_ == "nsubj" and c.lower_ == "it"
                                                   for c in verb.children)


_TIME_NOUNS = frozenset({"day", "week", "month", "year", "night", "morning", "afternoon", "evening",
                         "weekend", "hour", "decade", "eve", "anniversary"})


def a_time(tok: Token) -> bool:
    """Whether a noun names a stretch of time ("the day after ...", "on the eve of the vote",
    "Friday"): never who speaks, nor whom a call is made on."""
    return tok.lemma_.lower() in _TIME_NOUNS or tok.ent_type_ in ("DATE", "TIME")


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, looking through conjoined verbs ("said ... and denied")."""
    if _speaker_goes_on(verb):
        # "The army said that India was violating the border and demanded that its troops
        # withdraw": the parser joins "demanded" to the reported clause; the speaker demands.
        return _subject(verb.head.head)
    split = relative_inside(verb)
    if split is not None:
        return split[1]
    for tok in (verb, verb.head if verb.dep_ in ("conj", "xcomp", "advcl") else verb):
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.lemma_.lower() in _UTTERANCES:
        # "X issued a statement saying ...", "X's statement saying ...": the statement's owner speaks.
        noun = verb.head
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _ISSUING:
            owner = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        return owner
    return None


def withholds(verb: Token) -> bool:
    """"Denied his people freedom", "denied him access": a verb of denial with an indirect object
    withholds something; it disputes no claim."""
    return any(c.dep_ == "dative" for c in verb.children)


_TIME_MARKS = {"after", "before", "since", "until", "till", "once"}
_INVOLVEMENT = {"involve", "involvement", "responsibility", "responsible", "role", "complicity", "complicit",
                "link", "connection", "behind"}


def relative_inside(verb: Token) -> tuple[Token, Token] | None:
    """"Deby, who the authorities say died": a relative pronoun and a speaker the parser both hangs
    on the verb of saying, as (the relative, who is the subject of what is said; the speaker)."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) != 2 or verb.dep_ != "relcl":
        return None
    relative = next((c for c in subjects if c.tag_ in ("WP", "WDT")), None)
    speaker = next((c for c in subjects if c.tag_ not in ("WP", "WDT")), None)
    return (relative, speaker) if relative is not None and speaker is not None else None


def passive_agents(verb: Token) -> list[Token]:
    """Who a passive's "by" names as the doer ("was brought by local party supporters")."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


_SPEECH_ACTS = {"demand", "urge", "call", "warn", "say", "add", "insist", "vow", "threaten", "ask", "deny",
                "accuse", "announce", "claim"}


def _speaker_goes_on(verb: Token) -> bool:
    """A speech act in the simple past conjoined to a reported clause in the progressive or the
    present, after a reporting verb in the simple past ("said that India was violating ... and
    demanded ..."): the two tenses do not join, so the reporter demands. ("said that India had
    violated ... and demanded" may be either, and stays as parsed.)"""
    clause = verb.head
    if verb.dep_ != "conj" or clause.dep_ != "ccomp" or verb.lemma_.lower() not in _SPEECH_ACTS:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    reporting = clause.head
    return reporting.lemma_.lower() in NEUTRAL_REPORTING | HEDGING_REPORTING \
        and verb.tag_ == reporting.tag_ == "VBD" and clause.tag_ in ("VBG", "VBZ", "VBP")


def _answering_voice(verb: Token) -> bool:
    """A clause joined by "but" or "yet" in which a subject of its own denies, says or claims:
    "..., but the Kremlin strenuously denies any involvement"."""
    return (verb.lemma_.lower() in DENYING | NEUTRAL_REPORTING | HEDGING_REPORTING
            and any(c.dep_ == "nsubj" for c in verb.children)
            and any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in verb.head.children))


_EVIDENCE_NOUNS = {"admission", "evidence", "finding", "findings", "data", "study", "analysis", "result",
                   "test", "document", "footage", "video", "letter", "remark", "comment", "move", "decision",
                   "silence", "timing", "fact"}
"""Things that "suggest" or "indicate" what whoever tells of them infers."""


def _told_by_evidence(verb: Token, subj: Token | None) -> bool:
    """"[Cook said] Goldsmith's admission suggested ...": a thing as the subject of a verb of
    inference, inside what someone else says, who is then the source."""
    return (verb.lemma_.lower() in ("suggest", "indicate", "show", "imply") and subj is not None
            and subj.pos_ == "NOUN" and subj.lemma_.lower() in _EVIDENCE_NOUNS and verb.dep_ == "ccomp"
            and verb.head.lemma_.lower() in NEUTRAL_REPORTING | HEDGING_REPORTING)


_UTTERANCES = {"statement", "communique", "communiqué", "announcement", "letter", "message", "note",
               "declaration"}
_ISSUING = {"issue", "release", "publish", "put", "send", "post", "make"}


def teller_before(verb: Token) -> Token | None:
    """The body that an "it" speaking after its own news stands for: "The army has arrested him,
    it said", "The prosecutor's office has begun investigating her, it said" (the subject of the
    clause told before the verb)."""
    if verb.dep_ == "parataxis":
        clause: Token | None = verb.head
    else:
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if clause is None or clause.i > verb.i:
        return None
    told = next((c for c in clause.children if c.dep_ == "nsubj"), None)  # a doer, not who it befell
    if told is None or told.pos_ not in ("NOUN", "PROPN") or told.ent_type_ == "PERSON":
        return None  # a person is a "he" or "she"
    return told


def _body_just_before(it: Token) -> Token | None:
    """The body an "it" opening a sentence goes on with: the subject of the sentence before
    ("Thailand's army declared martial law. But it denied that it was staging a coup")."""
    sent = it.sent
    if it.i - sent.start > 1 or sent.start == 0 or it.head.i != sent.root.i:
        return None
    before = it.doc[sent.start - 1].sent
    # the last subject: "Bangkok – Thailand's army declared ..." has its dateline for a first one
    told = next((c for c in reversed(list(before.root.children)) if c.dep_ == "nsubj"), None)
    if told is None or told.tag_ not in ("NN", "NNP") or told.ent_type_ == "PERSON":
        return None  # a person is a "he" or "she"; "they" stands for a plural
    if told.i + 1 < len(it.doc) and it.doc[told.i + 1].text in ("-", "\u2013", "\u2014"):
        # "Bangkok – Thailand's army declared ...": a dateline the parse made the subject, the
        # army hung on it
        return next((c for c in told.children if c.dep_ == "appos" and c.i > told.i + 1), None)
    return told


def describe_source(token: Token | None, names: dict[int, str],
                    resolve: dict[int, str] | None = None) -> tuple[str, bool]:
    """A short name for who is speaking: an actor's name, or the noun phrase ("a source close to X")."""
    if token is None:
        return "unnamed sources", True
    resolve = resolve or {}
    if (
        token.lower_ in ("which", "who", "that")
        and token.head.dep_ == "relcl"
        and token.head.head.i != token.i
    ):
        antecedent = token.head.head
        if token.lower_ == "who" and antecedent.ent_type_ in ("GPE", "LOC", "FAC"):
            # "followers of Morales, exiled in Mexico, who demand ...": "who" is never a place; the
            # parse hung the clause on the nearest name, and who it is goes unsaid
            return "unnamed sources", True
        token = antecedent  # "Moscow, which has denied any involvement": Moscow denies
    elif token.lower_ in ("which", "who", "that") and token.dep_ == "nsubj" and token.head.dep_ == "conj":
        # "the protests that add up to 14 deaths and that call for ...": the second relative word
        # repeats the first's antecedent, wherever the parse hung its clause
        before = token.sent[: token.i - token.sent.start]
        first = next((t for t in reversed(before) if t.lower_ == token.lower_ and t.dep_ == "nsubj"
                      and t.head.dep_ == "relcl"), None)
        if first is None:
            return "unnamed sources", True
        token = first.head.head
    if token.i in resolve:
        return resolve[token.i], False
    if token.lower_ == "it" and token.dep_ == "nsubj":
        told = teller_before(token.head) or _body_just_before(token)
        if told is not None:
            return describe_source(told, names, resolve)
    if token.lower_ in ("we", "i"):
        speaker = _first_person_speaker(token)
        if speaker is not None:
            # '"We strongly condemn and reject the statement of X," the ministry said': who says "we"
            return describe_source(speaker, names, resolve)
    if token.lower_ in PERSONAL_PRONOUNS | PLURAL_PRONOUNS | {"it", "i", "we"}:
        return "unnamed sources", True
    span = _without_medium(token, _with_stranded_object(subtree_span(token), names))
    if token.dep_ == "poss" and span[-1].dep_ == "case":
        span = span[:-1]  # "India's telling": the owner is "India", not "India's"
    # "a claim officials rejected" parsed as one phrase: the claim noun is not part of the source.
    while len(span) > 1 and (span[0].lower_ in ("a", "an", "the") or span[0].lemma_.lower() in HEDGE_NOUNS) \
            and span[0].i != token.i and any(t.lemma_.lower() in HEDGE_NOUNS
                                             for t in span[: token.i - span.start]):
        span = span[1:]
    head_actor = names.get(token.i)
    if head_actor and token.lower_ not in ANONYMOUS_HEADS:
        return head_actor, False
    # "The AFP news agency", "Iraq's defence ministry": the actor inside the phrase names it.
    inner = [names[t.i] for t in span if t.i in names]
    lemma = token.lemma_.lower()
    if inner and lemma in ("agency", "ministry", "spokesman", "spokeswoman", "spokesperson", "office",
                           "government", "military", "army", "presidency", "statement", "newspaper",
                           "station", "channel"):
        phrase = strip_determiner(short_phrase(span, 8))
        return (phrase if lemma not in ("agency", "newspaper", "station", "channel") else inner[0]), False
    if lemma in _UTTERANCES and len(span) <= 2:
        # "..., the country's Foreign Ministry said in a statement. '...', the statement said.": a
        # statement no one is told to have made names nobody
        earlier = _statement_before(token)
        return describe_source(earlier, names, resolve) if earlier is not None else ("unnamed sources", True)
    phrase = _owned(strip_determiner(short_phrase(span, 9)), token, span, resolve)
    # "a Malian officer", "one diplomat": an indefinite source names nobody in particular.
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "one", "some") for c in token.children)
    anonymous = lemma in ANONYMOUS_HEADS or token.lower_ in ANONYMOUS_HEADS or indefinite
    if anonymous and not any(t.ent_type_ == "PERSON" and t.head == token for t in span):
        if indefinite:
            phrase = short_phrase(span, 10)  # keep "a": "a Malian officer in Kidal" names nobody
        if phrase and phrase[1:2].islower():
            phrase = phrase[0].lower() + phrase[1:]
        return (phrase or "unnamed sources"), True
    return clean_span_text(phrase) or "unnamed sources", anonymous


def _first_person_speaker(pronoun: Token) -> Token | None:
    """Who says "we" or "I" in a quotation the sentence's own reporting verb tells ('"We reject
    it," the ministry said'): the subject of that verb, when the pronoun's clause hangs on it."""
    node = pronoun.head
    for _ in range(4):
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in NEUTRAL_REPORTING:
            speaker = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
            return speaker if speaker is not None and speaker.lower_ not in ("we", "i") else None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


_STATEMENT_REACH = 3
"""Sentences back that "the statement" may name a statement told of."""


def _statement_before(noun: Token) -> Token | None:
    """Who made the statement "the statement" (with nothing else to say whose) stands for: the
    subject of the verb told "in a statement" (or that issued one) in the sentences just before."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return None
    doc, sent = noun.doc, noun.sent
    start = sent.start
    for _ in range(_STATEMENT_REACH):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    for tok in reversed(doc[start : sent.start]):
        if tok.lemma_.lower() != noun.lemma_.lower():
            continue
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "in" else (
            tok.head if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _ISSUING else None)
        maker = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        if maker is not None:
            return maker
    return None


_OWNER_PRONOUNS = {"his", "her"}
"""Owners read from the person a pronoun stands for; "their" may stand for a phrase ("the
barracks"), so "their lawyers" stays as it is."""


def _owned(phrase: str, token: Token, span: Span, resolve: dict[int, str]) -> str:
    """`phrase` with its owner named when a possessive pronoun opens the source and the article
    named whom it stands for: "his lawyer said" is "Daniel Korvan's lawyer", not any lawyer."""
    first = span[0]
    if phrase and first.dep_ == "poss" and first.head.i == token.i and first.lower_ in _OWNER_PRONOUNS \
            and first.i in resolve:
        return f"{resolve[first.i]}'s {phrase}"
    return phrase


_MEDIA = _UTTERANCES | {"tweet", "post", "interview", "speech", "broadcast", "video", "address", "briefing",
                        "twitter", "facebook", "television", "radio", "telegram", "x"}
"""What words are said in or on ("in a tweet", "on state television")."""


def _without_medium(speaker: Token, span: Span) -> Span:
    """`span` without where the words were said, when the parser hung it on the speaker after the
    verb ('"...," said the Nobel laureate in a tweet'): the source is the laureate."""
    for child in speaker.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "via") and child.i > speaker.i \
                and speaker.i > speaker.head.i \
                and any(o.dep_ == "pobj" and o.lemma_.lower() in _MEDIA for o in child.children):
            return span.doc[span.start:child.i]
    return span


def _with_stranded_object(span: Span, names: dict[int, str]) -> Span:
    """`span` with the name its last word was left waiting for: in "A source close to the rebel
    commander Musa Idris said ...", the parser makes the name a second subject of "said" and
    leaves "close to" with no object, so the source read "A source close to"."""
    last = span[-1]
    if last.dep_ != "prep" or any(c.dep_ == "pobj" for c in last.children) or span.end >= last.sent.end:
        return span
    start = span.end
    # The phrase that starts right after it and ends on a name: "the rebel commander Musa Idris".
    for tok in last.doc[start : last.sent.end]:
        if tok.left_edge.i == start and tok.i in names \
                and tok.dep_ in ("nsubj", "nsubjpass", "appos", "dobj"):
            return last.doc[span.start : tok.right_edge.i + 1]
        if tok.i > start + 8:
            break
    return span


VERSION_NOUNS = {"telling", "version", "account", "narrative", "retelling", "story"}


def version_owner(sent: Span) -> Token | None:
    """Whose version a sentence tells when it opens "In X's telling/version/account, ...": X."""
    root = sent.root
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i < root.i:
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in VERSION_NOUNS:
                    return next((c for c in noun.children if c.dep_ == "poss"), None)
    return None


def speaker_after(verb: Token) -> Token | None:
    """The speaker of "..., insisted a senior diplomat": with what is said before the verb, spaCy
    reads the speaker that follows it as an object."""
    return next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i > verb.i
                 and c.pos_ in ("NOUN", "PROPN")), None)


def _noun_before_clause(clause: Token) -> Token | None:
    """A hedge noun ("claims", "reports") standing right before a clause that has a subject."""
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return None
    left = clause.left_edge
    if left.i == 0:
        return None
    prev = left.doc[left.i - 1]
    if prev.lower_ == "that" and prev.i > 0:
        prev = left.doc[prev.i - 1]
    if prev.pos_ == "NOUN" and prev.lemma_.lower() in HEDGE_NOUNS:
        return prev
    return None


def _sets_the_scene(clause: Token) -> bool:
    """Whether the adverbial clause headed by `clause` opens with a word of time ("As the siege
    drew to a close", "When the blockade ended", "After the occupation ended")."""
    first = clause.left_edge
    return first.lower_ in SCENE_MARKS and first.dep_ in ("mark", "advmod") and first.head.i == clause.i


def attribute(trigger: Token, names: dict[int, str], resolve: dict[int, str] | None = None) -> Attribution:
    """The attribution of the clause `trigger` belongs to (see the module docstring)."""
    certainty: Certainty = "stated"
    polarity: Polarity = "affirmed"
    source, anonymous = _ARTICLE, False
    if _is_negated(trigger) and not _told_again_otherwise(trigger):
        polarity = "denied"
    for child in trigger.children:
        if child.lower_ in HEDGE_WORDS and child.dep_ in ("advmod", "amod"):
            certainty = "alleged"
        elif child.dep_ == "aux" and child.lower_ in MODALS:
            certainty = "unclear"
    # "is believed to be", "was said to have": a raising verb above the trigger.
    token = trigger
    hops = 0
    timed = False  # the climb went through a clause of time ("after he resigned")
    part = False  # ... or through one's part in it ("being involved with his death")
    while token.head.i != token.i and hops < 8:
        hops += 1
        dep, head = token.dep_, token.head
        timed = timed or (dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS
                                                 for c in token.children))
        part = part or token.lemma_.lower() in _INVOLVEMENT
        if dep in ("relcl", "acl") and head.pos_ == "NOUN" and head.lemma_.lower() in HEDGE_NOUNS \
                and any(c.lower_ in ("that", "which") and c.dep_ in ("dobj", "nsubj", "nsubjpass")
                        for c in token.children):
            # "allegations that Frelimo denies": a relative clause tells of the claims in the
            # writer's voice; it is no content of the claims ("allegations that X had been killed")
            break
        before = _noun_before_clause(token)
        if before is not None and before.i != head.i and dep in ("relcl", "acl", "ccomp"):
            # "no information to corroborate claims Afari had been killed": the parser often hangs
            # the content clause on an earlier noun; the hedge noun right before it owns it.
            certainty = "alleged"
            source, anonymous = (
                strip_determiner(short_phrase(subtree_span(before), 4)).lower() or "reports",
                True,
            )
            token = before
            continue
        lemma = head.lemma_.lower()
        if head.pos_ == "VERB" and lemma in ACCUSING and dep == "prep" and token.lower_ in ("of", "for"):
            # The accused act is the accuser's claim, never a fact: "accused China of kidnapping five".
            if _is_negated(head):
                return Attribution(_ARTICLE, "stated", polarity, False)
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)
            agent = next(iter(passive_agents(head)), None)
            who, anonymous = describe_source(agent if passive else _subject(head), names, resolve) \
                if (agent is not None or not passive) else ("unnamed sources", True)
            return Attribution(who, "alleged", polarity, anonymous)
        if (
            head.pos_ in ("VERB", "AUX")
            and lemma in DENYING
            and dep in ("dobj", "ccomp", "xcomp", "nsubjpass")
            # "denied being involved with his death": a denial of one's part in it, not of the death
            and not part
        ):
            who, anonymous = describe_source(_subject(head), names, resolve)
            return Attribution(who, "denied", "denied", anonymous)
        if head.pos_ == "VERB" and lemma in UNCONFIRMING and (_is_negated(head) or _is_negated(head.head)):
            who, anonymous = describe_source(_subject(head) or _subject(head.head.head), names, resolve)
            return Attribution(who, "unclear", "denied", anonymous)
        if (
            head.pos_ == "NOUN"
            and lemma in HEDGE_NOUNS
            and dep in ("acl", "relcl", "ccomp", "prep", "pobj", "appos")
        ):
            certainty = "alleged"
            owner = next((c for c in head.children if c.dep_ in ("poss",)), None)
            if owner is not None:
                source, anonymous = describe_source(owner, names, resolve)
            elif source == _ARTICLE:
                source, anonymous = (
                    strip_determiner(short_phrase(subtree_span(head), 4)).lower() or "reports",
                    True,
                )
        if dep == "relcl" and not (head.pos_ == "NOUN" and lemma in HEDGE_NOUNS):
            # a relative clause is background in the writer's voice ("the junta that has ruled since 2021")
            break
        if head.pos_ == "VERB" and lemma in SILENT and _is_negated(head) and not timed:
            # (what a side did not specify is never the time it is told against: "did not specify
            # the number killed after the prime minister resigned")
            who, anonymous = describe_source(_subject(head), names, resolve)
            return Attribution(who, "unclear", polarity, anonymous)
        if dep == "advcl" and _sets_the_scene(token):
            break  # "As the siege drew to a close, a witness said ...": the writer's own words
        if head.pos_ == "VERB" and dep in ("ccomp", "parataxis") and emerged(head):
            return Attribution("unnamed sources", "alleged" if certainty == "alleged" else "reported",
                               polarity, True)
        if dep == "conj" and _answering_voice(token):
            # "The army claimed he had been killed, but the rebels denied it": another voice's own
            # clause, no part of what the first one reports ("Police said the rebels fled and two
            # soldiers were injured" goes on with the police's report)
            break
        if dep == "conj" and any(c.dep_ == "nsubjpass" for c in head.children) \
                and (lemma in NEUTRAL_REPORTING or lemma in HEDGING_REPORTING) \
                and head.dep_ in ("ccomp", "parataxis") \
                and head.head.lemma_.lower() in NEUTRAL_REPORTING | HEDGING_REPORTING:
            # "explosions were reported in several cities, and police officers were killed, Reuters
            # reports": a clause beside what was reported, not part of it; whoever tells both does
            token = head
            continue
        if (
            head.pos_ in ("VERB", "AUX")
            and dep in ("ccomp", "xcomp", "dobj", "parataxis", "advcl", "conj", "oprd")
            and (lemma in NEUTRAL_REPORTING or lemma in HEDGING_REPORTING)
            # "was declared winner just before he was killed": declaring someone something names
            # them; it says nothing of the clauses hung on it
            and not any(c.dep_ == "oprd" for c in head.children)
        ):
            subj = _subject(head) or (speaker_after(head) if token.i < head.i else None)
            if subj is not None and a_time(subj):
                # "fled on Friday, the day after the worst violence claimed dozens of lives": a
                # time claims no words (the parse took "the day" for who claimed the clause)
                token = head
                continue
            if _told_by_evidence(head, subj):
                # "Cook said Goldsmith's admission suggested Parliament may have been misled": the
                # admission suggests nothing; Cook draws the inference.
                certainty = "alleged"
                token = head
                continue
            passive = any(c.dep_ == "auxpass" for c in head.children)
            if passive and lemma in UNNAMED_PASSIVES:
                return Attribution("unnamed sources", "alleged", polarity, True)
            who, anonymous = describe_source(subj, names, resolve)
            if lemma in HEDGING_REPORTING or certainty == "alleged":
                level: Certainty = "alleged"
            else:
                level = "unclear" if certainty == "unclear" else "reported"
            if _is_negated(head) and lemma in NEUTRAL_REPORTING:
                return Attribution(who, "unclear", polarity, anonymous)
            return Attribution(who, level, polarity, anonymous)
        token = head
    owner = version_owner(trigger.sent)
    if owner is not None:
        # "In India's telling, it was Chinese troops who crossed the line": one side's version.
        who, anonymous = describe_source(owner, names, resolve)
        return Attribution(who, "alleged" if certainty == "stated" else certainty, polarity, anonymous)
    # "according to X" anywhere in the sentence.
    sent = trigger.sent
    if "according" in span_text(sent).lower():  # else no token's `lower_` is "according"
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
                obj = next((c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
                if obj is not None and (a_time(obj) or obj.lemma_.lower() == "time"):
                    continue  # "at 3:00 am, according to local time": when, not who says so
                who, anonymous = describe_source(obj, names, resolve)
                return Attribution(who, "reported" if certainty == "stated" else certainty, polarity,
                                   anonymous)
    cited = _cited_source(sent, names)
    if cited is not None:
        # "... have been killed, citing eyewitness reports": what the sentence tells rests on them
        who, anonymous = describe_source(cited, names, resolve)
        return Attribution(who, "reported" if certainty == "stated" else certainty, polarity, anonymous)
    if source == _ARTICLE:
        speaker = _quote_speaker(trigger, names, resolve)
        if speaker is not None:
            return Attribution(speaker, "reported" if certainty == "stated" else certainty, polarity, False)
    return Attribution(source, certainty, polarity, anonymous)


_CITED = frozenset({"report", "source", "witness", "eyewitness", "official", "resident", "account",
                    "statement", "survivor", "activist", "medic", "doctor", "spokesman", "spokeswoman",
                    "testimony"})
"""What a sentence that is "citing" something rests on, when it is one of these ("citing eyewitness
reports"); not a reason ("took over, citing fraud in the vote")."""


def _cited_source(sent: Span, names: dict[int, str]) -> Token | None:
    """Whom a sentence says it cites ("..., citing eyewitness reports", "citing security sources"),
    or None."""
    if "citing" not in span_text(sent).lower():
        return None
    for tok in sent:
        if tok.lower_ == "citing" and tok.dep_ in ("advcl", "xcomp", "conj", "acl"):
            cited = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if cited is not None and (cited.lemma_.lower() in _CITED or cited.i in names):
                return cited
    return None


_QUOTES = ('"', "\u201c", "\u201d")


def _quote_speaker(trigger: Token, names: dict[int, str], resolve: dict[int, str] | None) -> str | None:
    """The speaker of a quotation split from its "X said:" ("Lord Goldsmith said: [...] "It was not a
    view..."), or followed by a bare "he said." sentence: quoted words are the speaker's, not the
    writer's."""
    sent = trigger.sent
    text = span_text(sent)
    inside = sum(text.count(q) for q in _QUOTES) % 2 == 1 or text.lstrip().startswith(_QUOTES)
    if not inside:
        return None
    doc = sent.doc
    neighbours = []
    if sent.start > 0:
        neighbours.append(doc[sent.start - 1].sent)
    if sent.end < len(doc):
        neighbours.append(doc[sent.end].sent)
    for other in neighbours:
        root = other.root
        if root.lemma_.lower() not in NEUTRAL_REPORTING | HEDGING_REPORTING:
            continue
        other_text = span_text(other)
        before_colon = other.start < sent.start and (
            other_text.rstrip(' "\u201c').endswith(":")
            # '"...," he said.' then another quotation: the same speaker goes on.
            or (any(q in other_text for q in _QUOTES)
                and other_text.rstrip().endswith(("said.", "added.", "says.")))
            # 'X said: "...". "...": the quotation runs on over the next sentence.
            or (any(q in other_text for q in _QUOTES)
                and re.search(r"\b(said|says|added|stated|told \w+):", other_text)))
        bare = other.start > sent.start and len(other) <= 8
        if before_colon or bare:
            subj = _subject(root)
            if subj is not None:
                who, anonymous = describe_source(subj, names, resolve)
                if who != "unnamed sources":
                    return who
    return None
