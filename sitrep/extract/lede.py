"""The lede: the sentence near the top of a news article that gives its main news.

News is written as an inverted pyramid, so the first full sentence of the body says what the
article is about ("Germany said today it has proof that Navalny was poisoned with Novichok").
The lede keeps who says it and how sure, read from the sentence's main verb: a lede whose
main verb reports speech is that speaker's claim, an accusation is alleged, a denial is denied,
a hedge or a modal lowers the certainty, and only a plain clause is the writer's statement.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..lexicon import lexicon
from ..model import Certainty, Lead
from .actors import ActorTable
from .attribution import (
    DENYING,
    HEDGE_WORDS,
    HEDGING_REPORTING,
    MODALS,
    NEUTRAL_REPORTING,
    _subject,
    describe_source,
    emerged,
    passive_agents,
    speaker_after,
    teller_before,
)
from .base import ParsedArticle, clean_span_text, on_verb_or_object, span_text

MIN_WORDS = 8
MAX_WORDS = 45
SEARCH_SENTENCES = 6
"""A lede sits in the first few sentences; a byline or a standfirst may come before it."""
_BYLINE = re.compile(r"^(by|from|updated|published|photo|image|picture|video|watch|read more)\b", re.I)
_DATELINE = re.compile(r"^(?:[A-Z][\w.'-]+(?:,? [A-Z][\w.'-]+){0,3} )?[-\u2013\u2014] ")
"""A dateline, or a dash left from a caption before the sentence ("... on January 29. - The ...")."""
_ACCUSING = {"accuse", "blame", "allege", "claim"}
_HEARD = {"hear"}
"""", an Election Court has heard": what a court or an inquiry hears is a party's case, not a finding."""
_REFUTING = {"unfounded", "untrue", "false", "baseless", "groundless", "nonsense", "fabricated", "wrong"}
_GOING = {"go", "turn", "run"}
"""Verbs whose "wrong" is a thing going badly ("the operation went terribly wrong"), no refutation."""
_CHARACTERISING = {"call", "describe", "brand", "label", "term", "dub", "dismiss"}
_CONJUNCTIONS = {"but", "and", "yet", "so", "or", "however"}
_GOING_ON = {"He", "She", "They", "His", "Her", "Their"}
"""Pronouns a sentence about someone told of before opens with ("He was arrested Saturday")."""
_TOLL_STATES = {"dead", "wounded", "injured", "homeless", "missing"}
"""The state a toll leaves people in: "the attack left 67 people dead"."""


def _speakers(subject: Token | None, names: dict[int, str], resolve: dict[int, str]) -> str:
    """Who speaks as the subject: "India and China have accused each other" is both of them, not
    the first alone (`describe_source` names the head of a phrase)."""
    source = describe_source(subject, names, resolve)[0]
    if subject is None or subject.i not in names:
        return source
    joint = [names[c.i] for c in subject.conjuncts if c.i in names]
    return " and ".join(dict.fromkeys([source, *joint])) if joint else source


def _finite_root(sent: Span) -> bool:
    root = sent.root
    return root.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "expl")
                                                for c in root.children) \
        or _inverted_speaker(sent) is not None


_CLAUSE_ENDS = {",", "\"", "”", "’"}


def _inverted_speaker(sent: Span) -> tuple[Token, Token] | None:
    """The speech verb and its speaker when the speaker follows the verb: "..., insisted a senior
    diplomat", "'...', fulminated the Global Times". spaCy reads such a speaker as an object."""
    root = sent.root
    joined = any(c.dep_ == "cc" for c in root.children)  # "... and fled": a second action, not a speaker
    for verb in (
        root,
        *(
            c
            for c in root.children
            if c.i > root.i and (c.dep_ in ("dep", "parataxis") or c.dep_ == "conj" and not joined)
        ),
    ):
        if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == sent.start \
                or verb.doc[verb.i - 1].text not in _CLAUSE_ENDS \
                or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        if verb is root and not any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
            continue  # the root speaks only when what is said comes before it
        speaker = speaker_after(verb)
        if speaker is not None:
            return verb, speaker
    return None


_PLACED = re.compile(r"\((?:C|L|R|L-R|R-L|2nd [LR]|centre|center|left|right|front|back)\)")
"""Where a person stands in a photograph: "Michel Kafando (C) attends a ceremony"."""
_PICTURES = frozenset({"photo", "photograph", "picture", "portrait", "image", "poster"})
_STILL = frozenset({"be", "remain", "stay", "have", "continue", "follow", "come", "mark"})
"""Present-tense verbs a news sentence tells the state now with ("is", "remains"), or ties the
news to a day gone by ("The move follows a coup on July 26", "comes a week after")."""


def _a_caption(sent: Span) -> bool:
    """A photo caption in the body: a person's place in the picture, or a scene told in the simple
    present at a day gone by ("Police guard a government building in Yerevan on Tuesday", "Jeanine
    Anez wears the presidential sash ... on Nov. 12, 2019"). News tells a past day in the past
    tense; only a caption (or a headline) says "soldiers disperse reporters" of it."""
    if _PLACED.search(sent.text):
        return True
    root = sent.root
    present = root.tag_ in ("VBZ", "VBP") or any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP")
                                                 for c in root.children)
    if present and root.lemma_.lower() in ("picture", "photograph"):
        return True  # "Former minister Anderson Torres is pictured participating in a meeting"
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if present and subject is not None and subject.lemma_.lower() in _PICTURES \
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in subject.children):
        return True  # "A photo of Mahsa Amini is placed among candles"
    if root.pos_ != "VERB" or root.tag_ not in ("VBZ", "VBP") or root.lemma_.lower() in _STILL \
            or root.lemma_.lower() in NEUTRAL_REPORTING or root.lemma_.lower() in HEDGING_REPORTING \
            or any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return False
    doc = sent.doc
    return any(t.ent_type_ == "DATE" and t.ent_iob_ == "B" and _A_DAY.search(doc[t.i : t.i + 6].text)
               for t in sent)


_A_DAY = re.compile(r"^(?:yesterday|(?:last )?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
                    r"(?:\d{1,2} )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
                    r"(?: \d{1,2})?)\b")
"""A date that names a day gone by: "Tuesday", "yesterday", "Nov. 12", "8 July 2013"."""


def _is_lede(sent: Span) -> bool:
    text = span_text(sent).strip()
    words = text.split()
    if len(words) < MIN_WORDS or _BYLINE.match(text) or text.isupper():
        return False
    if not text.rstrip("\"'”’)").endswith((".", "!")):
        return False  # a caption or a heading has no full stop; a news sentence does
    if text[0] in "\"“'‘" or text.endswith("?") or words[0].lower().strip(",") in _CONJUNCTIONS \
            or words[0] in _GOING_ON:
        return False  # a quotation, a question, a "But ..." or a "He ..." opens a feature or goes on a story
    if words[0] == "It" and sent[0].dep_ == "nsubj" and sent[0].head.i == sent.root.i \
            and not any(c.dep_ in ("ccomp", "xcomp") for c in sent.root.children):
        return False  # "It did not specify the number": "it" was told of before ("It emerged that" is news)
    return _finite_root(sent) and not _a_caption(sent)


def _reporting_child(root: Token) -> Token | None:
    """"X happened, sources say", "..., it was claimed yesterday": a trailing reporting clause;
    "X announced on television: 'The move ...'": one before a quotation the parser made the root."""
    doc = root.doc
    for child in root.children:
        if child.dep_ in ("parataxis", "ccomp", "advcl") and child.pos_ == "VERB" \
                and child.lemma_.lower() in NEUTRAL_REPORTING | HEDGING_REPORTING | _HEARD \
                and (child.i > root.i or child.dep_ == "ccomp"
                     and any(t.text in _QUOTE_OPENERS for t in doc[child.i + 1 : root.i])):
            return child
    return None


def _quoting_speaker(root: Token) -> Token | None:
    """"X, head of the officers, announced on television: 'The move ...'" parsed with the
    quotation's verb as the root, X its subject and "announced" a clause on X: the speaker X."""
    doc = root.doc
    for subject in (c for c in root.children if c.dep_ == "nsubj" and c.i < root.i):
        for verb in subject.children:
            if verb.dep_ == "acl" and verb.pos_ == "VERB" and verb.lemma_.lower() in NEUTRAL_REPORTING \
                    and any(t.text == ":" for t in doc[verb.i + 1 : root.i]):
                return subject
    return None


_QUOTE_OPENERS = {":", "\"", "\u201c"}
"""What stands between a speaker's verb and the quotation it opens."""


def _according_to(sent: Span) -> Token | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.doc[tok.i + 1].lower_ == "to":
            return next((c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
    return None


def _tells_an_event(sent: Span) -> bool:
    """Whether a sentence reports something happening or said (a trigger of the event lexicon,
    a reporting verb), not commentary ("The volatile situation is exacerbated by an insurgency")."""
    lex = lexicon()
    said = NEUTRAL_REPORTING | HEDGING_REPORTING | DENYING
    return any((t.pos_ in ("VERB", "AUX")
                and (t.lemma_.lower() in lex.verbs or t.lemma_.lower() in lex.power_verbs
                     or t.lemma_.lower() in said and _says_something(t)))
               or (t.pos_ == "NOUN" and t.lemma_.lower() in lex.nouns)
               or (t.lower_ in _TOLL_STATES and t.dep_ in ("oprd", "acomp", "xcomp")
                   and t.head.pos_ == "VERB")
               for t in sent)


def _says_something(verb: Token) -> bool:
    """Whether a reporting verb reports what was said, not only that something was ("Idris
    disclosed the information while briefing the press" tells nothing)."""
    return any(c.dep_ in ("ccomp", "xcomp", "parataxis", "dobj") and c.lemma_.lower() not in _GENERIC_SAID
               for c in verb.children) or any(t.is_quote for t in verb.sent)


_GENERIC_SAID = {"information", "detail", "news", "development", "matter"}
"""Objects of a reporting verb that say nothing of their own: "disclosed the information"."""

_CONTRASTING = {"while", "whereas"}
_SPEAKING = NEUTRAL_REPORTING | HEDGING_REPORTING | _ACCUSING | DENYING
_LEVELS: tuple[Certainty, ...] = ("stated", "reported", "alleged", "unclear")
"""Certainties from surest to least sure, for a sentence with more than one speaker."""


def _further_speakers(root: Token) -> list[Token]:
    """Speech verbs with a subject of their own after the main one: "X said A, but Y claimed B"
    (a conjunct, or a clause after a semicolon) and "X reported A, while Y said B" (a contrast,
    which spaCy may hang on A's verb). A clause of the speech itself ("X said Y said ...") or a
    second verb of the same subject ("X said A and added B") is no further speaker."""
    found = []
    for head in (root, *(c for c in root.children if c.dep_ == "ccomp")):
        for verb in head.children:
            if verb.i < root.i or verb.pos_ != "VERB" or verb.lemma_.lower() not in _SPEAKING \
                    or not any(c.dep_ == "nsubj" for c in verb.children):
                continue
            contrast = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRASTING
                                                    for c in verb.children)
            if contrast or (head is root and verb.dep_ in ("conj", "parataxis")):
                found.append(verb)
    return found


def _with_further_speakers(root: Token, level: Certainty, source: str, names: dict[int, str],
                           resolve: dict[int, str]) -> tuple[Certainty, str, list[str]]:
    """A lede's certainty and speakers once the further speakers are read: each claim keeps its
    own speaker, and the sentence is as sure as its least sure claim (a claim one side makes and
    another denies is unclear)."""
    levels, others = [level], []
    for verb in _further_speakers(root):
        who = describe_source(_subject(verb), names, resolve)[0]
        if who == "unnamed sources" or who.lower() == source.lower() or who in others:
            continue
        lemma = verb.lemma_.lower()
        levels.append("denied" if lemma in DENYING else "alleged" if lemma in HEDGING_REPORTING | _ACCUSING
                      else "reported")
        others.append(who)
    if not others:
        return level, source, []
    if "denied" in levels:
        return "unclear", source, others
    return max(levels, key=_LEVELS.index), source, others


def lede_attribution(sent: Span, names: dict[int, str],
                     resolve: dict[int, str]) -> tuple[Certainty, str, list[str]]:
    """How sure the lede is, who says it and who else has a claim in it ("..., while activists
    said ..."), from its main verb (see the module docstring)."""
    level, source = _main_attribution(sent, names, resolve)
    if sent.root.lemma_.lower() in _SPEAKING and source != "unnamed sources":
        return _with_further_speakers(sent.root, level, source, names, resolve)
    return level, source, []


_ACTS = frozenset({"emergency", "curfew", "war", "independence", "ceasefire", "truce", "holiday", "mourning",
                   "victory", "bankruptcy", "martial", "lockdown", "blockade"})
"""What one declares by declaring it ("declared a state of emergency", "declared war"): an act."""


def _an_act(verb: Token) -> bool:
    """Whether a reporting verb does what it names instead of telling something ("the acting
    president declared a state of emergency", "announced a curfew"): no clause of what was said,
    and its object is one of `_ACTS`."""
    doc = verb.doc
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if after is not None and after.lemma_.lower() in _ACTS and after.dep_ in ("nsubj", "dobj"):
        return True  # "has declared war on drugs gangs holding ...", which the parser reads as a clause
    if any(c.dep_ in ("ccomp", "parataxis", "xcomp") for c in verb.children):
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and any(t.lemma_.lower() in _ACTS for t in obj.subtree)


def _main_attribution(sent: Span, names: dict[int, str], resolve: dict[int, str]) -> tuple[Certainty, str]:
    """How sure the lede is and who says it, from its main verb alone."""
    root = sent.root
    lemma = root.lemma_.lower()
    passive_it = any(c.dep_ in ("nsubjpass", "nsubj") and c.lower_ == "it" for c in root.children)
    if lemma in DENYING:
        return "denied", _speakers(_subject(root), names, resolve)
    if emerged(root) and any(c.dep_ in ("ccomp", "parataxis") for c in root.children):
        return "reported", "unnamed sources"  # "X, it has emerged", "It emerged last night that X"
    inverted = _inverted_speaker(sent)
    if inverted is not None:
        verb, speaker = inverted
        level: Certainty = "alleged" if verb.lemma_.lower() in HEDGING_REPORTING | _ACCUSING else "reported"
        return level, describe_source(speaker, names, resolve)[0]
    if (lemma in HEDGING_REPORTING or lemma in _ACCUSING or lemma in _HEARD) \
            and any(c.dep_ in ("ccomp", "dobj", "xcomp", "prep") for c in root.children):
        if any(c.dep_ == "auxpass" for c in root.children):
            # "Gunfire was heard near the palace", "X is alleged to have ...": the subject is what
            # was heard or claimed; whoever heard or claims it is the "by" phrase, else unnamed.
            agents = passive_agents(root)
            who = describe_source(agents[0], names, resolve)[0] if agents else "unnamed sources"
            return ("reported" if lemma in _HEARD else "alleged"), who
        who = "unnamed sources" if passive_it else _speakers(_subject(root), names, resolve)
        return "alleged", who
    if any(t.dep_ in ("acomp", "attr", "oprd") and t.lower_ in _REFUTING
           and t.head.lemma_.lower() not in _GOING for t in sent):
        # "Claims X was drafted at No 10 were wholly unfounded, he insisted": a denial of the claim.
        return "denied", _speakers(_subject(root), names, resolve) if lemma in NEUTRAL_REPORTING \
            else "the article"
    if lemma in _CHARACTERISING and on_verb_or_object(
            root, lambda c: c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")) is not None:
        # "Moscow called the poisoning a provocation": the subject's characterisation, not a fact
        return "reported", _speakers(_subject(root), names, resolve)
    if lemma in NEUTRAL_REPORTING and not _an_act(root):
        if passive_it or any(c.dep_ == "auxpass" for c in root.children):  # "are said to have declared"
            return "alleged", "unnamed sources"
        return "reported", _speakers(_subject(root), names, resolve)
    quoting = _quoting_speaker(root)
    if quoting is not None:
        return "reported", describe_source(quoting, names, resolve)[0]
    trailing = _reporting_child(root)
    if trailing is not None:
        subj = _subject(trailing)
        passive = any(c.dep_ == "auxpass" for c in trailing.children)
        if subj is not None and subj.lower_ == "it" and not passive:
            # "The prosecutor's office has begun investigating her, it said": the body that is the
            # subject says it ("X, it was claimed" stays unnamed)
            subj = teller_before(trailing)
        if subj is None or subj.lower_ == "it":
            return "alleged", "unnamed sources"
        trailing_level: Certainty = "alleged" if trailing.lemma_.lower() in HEDGING_REPORTING | _HEARD \
            else "reported"
        return trailing_level, describe_source(subj, names, resolve)[0]
    # A hedge on the main verb ("has reportedly killed") or on its subject ("the alleged rift is
    # over..."), not one deeper inside a noun phrase ("retracted a report on suspected militants").
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    hedged = any(c.lower_ in HEDGE_WORDS and c.dep_ == "advmod" for c in root.children) or any(
        c.lower_ in HEDGE_WORDS and c.dep_ == "amod" for s in subjects for c in s.children)
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in root.children):
        return "unclear", "the article"
    according = _according_to(sent)
    if according is not None:
        return ("alleged" if hedged else "reported"), describe_source(according, names, resolve)[0]
    if hedged:
        return "alleged", "unnamed sources"
    return "stated", "the article"


LEADS = 2
"""The lede and the next news sentence: the second sentence of a news story usually carries the
rest of the main news (who else, where, the official response)."""


def extract_leads(parsed: ParsedArticle, table: ActorTable, names: dict[int, str],
                  resolve: dict[int, str]) -> list[Lead]:
    """The article's lede and the news sentence after it (fewer when the opening reads as no news)."""
    leads: list[Lead] = []
    for sent in parsed.sentences[:SEARCH_SENTENCES + LEADS]:
        if len(leads) >= LEADS:
            break
        if not _is_lede(sent):
            if leads:
                break  # the news sentences are consecutive: a caption or a quote ends them
            continue
        if leads and not _tells_an_event(sent):
            break  # after the lede, only a sentence that reports something happening is news
        certainty, source, also = lede_attribution(sent, names, resolve)
        text = _DATELINE.sub("", clean_span_text(span_text(sent)))
        words = text.split()
        if len(words) > MAX_WORDS:
            text = " ".join(words[:MAX_WORDS]) + "..."
        keys = dict.fromkeys(k for i in range(sent.start, sent.end) if i in table.token_actor
                             for k in table.token_actor[i].split("|"))
        actors = [table.actors[k].name for k in keys if k in table.actors]
        leads.append(Lead(text=text, certainty=certainty, source=source, evidence=parsed.evidence(sent),
                          actors=actors, also=also))
    return leads
