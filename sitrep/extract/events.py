"""Status events per actor (arrested, denied, killed, in power, ...) read from the parse.

For every trigger word (a verb, noun or adjective from the lexicon below) the actor it is
about is found through the dependency tree: the passive subject or object for things done to
an actor ("soldiers have been arrested", "killed Abu Alaa al-Afari"), the possessor or "of"
object of an event noun ("his arrest", "the whereabouts of President Toure"), the subject for
things an actor does ("Goldsmith denied", "the junta that has ruled since 2021"); coordination
is followed ("Mara and Maiga"), pronouns and "the president" are resolved to the actor meant.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from ..dates import publication_day
from ..lexicon import lexicon
from ..model import MEMBERS, StatusEvent
from .actors import ActorTable
from .attribution import (
    BASELESS,
    DENYING,
    HEDGE_NOUNS,
    HEDGE_WORDS,
    HEDGING_REPORTING,
    NEUTRAL_REPORTING,
    UNNAMED_PASSIVES,
    Attribution,
    _speaker_goes_on,
    _subject,
    attribute,
    describe_source,
    passive_agents,
    relative_inside,
    withholds,
)
from .base import (
    SUBORDINATORS,
    ParsedArticle,
    doc_text,
    on_verb_or_object,
    short_phrase,
    span_text,
    strip_determiner,
    subtree_span,
)
from .clauses import QUESTION_WORDS
from .details import _date_detail, _object_detail, _prep_detail
from .intents import (
    _FUTURE_MODALS,
    _action_of,
    _irrealis_intent,
    _named_them,
    _own_intent,
    _pledged,
    _to_be_done,
)
from .resolver import _LED_BODIES, SPEECH_VERBS, Resolver, _place_like
from .timing import _EARLIER, _REL_PRONOUNS, _clause_verb, _pluperfect, _reported, event_time, told_later

_LEXICON = lexicon()
VERB_EVENTS: dict[str, tuple[str, str]] = _LEXICON.verbs
"""verb lemma -> (event, who it is about: "patient" = the one it happens to, "agent" = the one acting)."""
NOUN_EVENTS: dict[str, str] = _LEXICON.nouns
ADJ_EVENTS: dict[str, str] = _LEXICON.adjectives
LOW_PRIORITY = _LEXICON.minor
"""Things said *about* an actor's action that matter less than what happens to it."""
_POWER_NOUNS = {"power", "control"}
_POWER_VERBS = _LEXICON.power_verbs
_ATTACK_NOUNS = {"attack", "attacks", "assault", "bombing", "raid", "ambush", "massacre", "strike", "killing",
                 "killings", "kidnapping", "abduction", "operation", "siege", "shooting", "coup"}
_INTENT_VERBS = {"plan", "prepare", "vow", "pledge", "promise", "threaten", "intend", "aim"}
_PLAN_NOUNS = {"plan", "preparation"}


_CONVENING = {"host", "hold", "chair", "convene", "organise", "organize"}


_SPEAKER_PRONOUNS = {"they", "it", "we", "he", "she", "i"}


_ROLE_HEADS = {"head", "leader", "chief", "commander", "chairman", "president"}
_COPULAS = {"be", "remain", "stay"}
_DEMANDING = {"demand", "order", "urge", "call", "ask", "insist", "propose", "recommend", "want", "wish"}
"""Verbs whose content clause is wanted, not done: "demands that he resign"."""
_REPORTING_TOO = {"insist"}
"""Demanding verbs that also report: "insisted he had been arrested" (tensed) against "insisted he
be released" (wanted)."""
_CONDITIONAL = {"if", "unless", "whether", "once"}
_WANTING = _DEMANDING | {"seek", "press", "push", "secure", "negotiate", "win", "plead", "appeal", "campaign",
                         "await", "expect", "hope", "promise", "pledge", "vow", "offer", "discuss"}
"""Verbs whose object event is wanted or promised, not done: "called for his release"."""
_IRREALIS_HEADS = {"plan", "plot", "conspire", "try", "attempt", "seek", "want", "aim", "threaten", "vow",
                   "pledge", "promise", "intend", "hope", "refuse", "fail", "due", "able", "allegation",
                   "bid", "include", "involve", "require", "entail"}


_SEEMING = frozenset({"look", "seem", "appear", "sound", "feel"})


_ALOFT = frozenset({"aloft", "overhead", "high", "up"})
"""Where a crowd holds someone it carries: "held him aloft", "held her high"."""
_CARRIED_ON = frozenset({"shoulder", "shoulders", "arm", "arms", "head", "heads"})


def _held_up(verb: Token) -> bool:
    """`verb` ("hold") carries its object rather than keeping it in custody: "soldiers holding the
    general aloft", "supporters held him on their shoulders"."""
    for child in verb.children:
        if child.dep_ in ("advmod", "prt") and child.lower_ in _ALOFT:
            return True
        if child.dep_ == "prep" and child.lower_ in ("on", "above", "onto") and any(
                g.dep_ == "pobj" and g.lower_ in _CARRIED_ON for g in child.children):
            return True
    return False


def _dismissed_as_a_kind(verb: Token) -> bool:
    """"dismissed the opposition as Western stooges", "dismissed him as a traitor", "... as
    baseless": calling someone something, not removing them ("was dismissed as prime minister")."""
    prep = on_verb_or_object(verb, lambda c: c.dep_ == "prep" and c.lower_ == "as")
    if prep is None:
        return False
    what = next((c for c in prep.children if c.dep_ in ("pobj", "amod", "acomp")), None)
    return what is None or what.tag_ in ("NNS", "NNPS") or what.pos_ == "ADJ" \
        or any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in what.children)


def _irrealis(tok: Token) -> bool:
    """"conspiring to overthrow the junta", "due to step down": an event that has not happened."""
    if tok.pos_ != "VERB":
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and not _said_to_have(tok):
        return True
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in tok.children):
        return True  # "if convicted", "unless released": a condition, not an event
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_MODALS for c in tok.children):
        return True  # "would be released when ...", "will be tried": not (yet) an event
    head = tok.head
    if (
        tok.dep_ == "ccomp"
        and head.lemma_.lower() in _DEMANDING
        and not (head.lemma_.lower() in _REPORTING_TOO and _tensed(tok))
    ):
        return True
    if tok.dep_ == "pcomp" and head.dep_ == "prep" and _held_back(head):
        return True
    if tok.dep_ in ("advcl", "ccomp") and head.lemma_.lower() in _SEEMING \
            and any(c.dep_ == "mark" and c.lower_ in ("like", "if", "though") for c in tok.children):
        return True  # "to make him look like he was fleeing": how it looks, not what happened
    if tok.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass")
                                      for c in tok.children):
        # "a deadline to release and reinstate him": the second is as unreal as the first (which
        # the tagger may take for a noun)
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) and not _said_to_have(head):
            return True
        if head.pos_ == "VERB" and _irrealis(head):
            return True
        # the parse may hang the second anywhere: a bare verb right after "to X and"
        doc = tok.doc
        if tok.tag_ == "VB" and tok.i >= 3 and doc[tok.i - 1].lower_ in ("and", "or") \
                and doc[tok.i - 3].lower_ == "to":
            return True
    return tok.dep_ in ("xcomp", "pcomp") and head.lemma_.lower() in _IRREALIS_HEADS


_REBUTTING = DENYING | {"protest", "condemn", "decry", "denounce", "slam", "rebuff", "deplore"}


def _rebutted(noun: Token) -> bool:
    """Accusations told as rebutted: called baseless, or what a verb of denial takes ("protested
    'unfounded accusations against Russia'", "rejected the allegations against him")."""
    if any(c.dep_ == "amod" and c.lower_ in BASELESS for c in noun.children):
        return True
    head = noun.head
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return noun.dep_ in ("dobj", "conj") and head.pos_ == "VERB" and head.lemma_.lower() in _REBUTTING


def _denies_what_was_said(verb: Token) -> bool:
    """A clause with a subject of its own that denies what the clause before said: "the rebels
    denied it", "the rebels later issued video denials"."""
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_.lower() in DENYING:
        return all(o.pos_ == "PRON" for o in objects)
    return verb.lemma_.lower() in ("issue", "make", "release", "post") and any(
        o.lemma_.lower() == "denial" for o in objects)


_ANNOUNCING = {"announce", "confirm", "declare"}
"""Verbs whose subject, announcing its own resignation, resigns by saying so."""
_LEVELLING = {"make", "level", "raise", "repeat", "press", "file", "bring"}
"""Verbs whose subject makes the accusations they take: "made allegations against him"."""
_HOLDING_BACK = {"refrain", "abstain", "desist", "shy", "back"}
"""Verbs whose "from" gerund is not done: "refrained from accusing Moscow"."""


_ASKING = re.compile(r"^\W*(?:did|do|does|is|are|was|were|has|have|had|will|would|can|could|should|shall|"
                     r"may|might)\b[^?]*\?\W*$", re.IGNORECASE)


def _yes_no_question(text: str) -> bool:
    """"Did they detain him?", '"Was he arrested?"': a question that asks whether something happened
    tells nothing (a "why" or "when" question takes it as known, and is not one of these)."""
    return _ASKING.match(text) is not None


def _held_back(prep: Token) -> bool:
    """A preposition whose gerund is what was not done: "without accusing", "stopped short of
    blaming Moscow", "refrained from accusing the rebels", "rather than toppling him", "instead of
    fleeing"."""
    word, head = prep.lower_, prep.head
    return word == "without" or (word == "of" and head.lower_ == "short") \
        or (word == "from" and head.lemma_.lower() in _HOLDING_BACK) \
        or any((word, c.lower_) in (("than", "rather"), ("of", "instead")) for c in prep.children)


def _said_to_have(verb: Token) -> bool:
    """"is thought to have been killed", "was said to have fled": a past event nobody named
    vouches for (its attribution says so), not a plan."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in UNNAMED_PASSIVES \
        and any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children)


def _unnamed_passive(verb: Token) -> bool:
    """"was reported", "is feared", "is thought": a passive that tells what nobody named holds."""
    return verb.lemma_.lower() in UNNAMED_PASSIVES and _is_passive(verb)


def _tensed(verb: Token) -> bool:
    """Whether a clause carries tense ("had been arrested", "was killed"), not a bare wish ("be released")."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass")
                                                     and c.tag_ in ("VBD", "VBZ", "VBP")
                                                     for c in verb.children)


_BLAME_WORDS = {"responsible", "guilty", "culpable", "accountable"}


def _blames(be: Token) -> bool:
    """"X was behind the attack", "X is responsible for it", "X is to blame": a charge against X;
    not a warning ("Germany will be guilty of a provocation if it fails to ...")."""
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_MODALS for c in be.children) \
            or any(c.dep_ in ("advcl", "mark") and (c.lower_ in _CONDITIONAL or any(
                g.dep_ == "mark" and g.lower_ in _CONDITIONAL for g in c.children)) for c in be.children):
        return False
    for child in be.children:
        if (
            child.dep_ == "prep"
            and child.lower_ == "behind"
            and any(g.dep_ == "pobj" for g in child.children)
        ):
            return True
        if child.dep_ == "acomp" and child.lower_ in _BLAME_WORDS:
            return True
        if child.dep_ == "xcomp" and child.lower_ == "blame":
            return True
    return False


def _count_of(noun: Token) -> str:
    """How many a group is, as the sentence counts it: "eight suspects" -> "(eight)"."""
    number = _numeral(noun)
    return f"({number.text})" if number is not None else ""


def _numeral(noun: Token) -> Span | None:
    """The number a noun is counted by ("at least 28 troops" -> "at least 28"), if any."""
    nums = [c for c in noun.children if c.dep_ == "nummod" or (c.dep_ == "amod" and c.like_num)]
    return subtree_span(nums[0]) if nums else None


def _members(noun: Token) -> str:
    """"107 of its militants", "some of its fighters": the members an event befell."""
    number = _numeral(noun)
    how_many = number.text.lower() if number is not None else "one" if noun.tag_ == "NN" else "some"
    return f"{how_many}{MEMBERS}{noun.lower_ if noun.tag_ == 'NNS' else noun.lemma_.lower() + 's'}"


def _each_other(verb: Token) -> bool:
    """ "accused each other", "blamed one another"."""
    return any(c.dep_ == "dobj" and c.lower_ in ("other", "another")
               and any(d.lower_ in ("each", "one") for d in c.children) for c in verb.children)


def _wanted(noun: Token) -> bool:
    """An event noun that is demanded, sought or promised: the object of "call for", "demand",
    "secure", or of a noun of demand ("calls for the release of"); also one further down a list of
    what is demanded ("demanding his freedom, the resignation of the president and ...")."""
    while noun.dep_ in ("conj", "appos") and noun.head.pos_ in ("NOUN", "PROPN") and noun.head is not noun:
        noun = noun.head
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head  # "called for his release", "calls for the release"
    if noun.dep_ not in ("dobj", "pobj", "nsubjpass"):
        return False
    lemma = head.lemma_.lower()
    return lemma in _WANTING or (head.pos_ == "NOUN" and lemma in {"call", "demand", "plea", "appeal", "bid",
                                                                 "deal", "talks", "negotiation", "hope"})


_QUOTATIONS = (re.compile(r'"([^"]*)"'), re.compile(r"“([^”]*)”"),
               # a single mark opens after a space or bracket, not after a letter ("Weapons' (OPCW's)")
               re.compile(r"(?:^|(?<=[\s(\[]))'(?=\S)(.*?\S)'(?!\w)"))


_WEEKDAY_OPENING = re.compile(r"^(?:on )?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b,? (?=\S)")
"""A day that a parse hangs on what was said ("said Tuesday the group was ready")."""


def _quoted(sent: Span) -> str:
    """The first quotation in a sentence, cut to 14 words (without the stop or comma it ends on)."""
    text = span_text(sent)
    for pattern in _QUOTATIONS:
        found = pattern.search(text)
        if found is not None and len(found.group(1)) > 7:
            words = found.group(1).split()
            quote = " ".join(words[:14]).rstrip(" ,;:")
            return quote.rstrip(" .…") + "..." if len(words) > 14 or quote.endswith(("...", "…")) else quote
    return ""


_POLL_NOUNS = frozenset({"seat", "vote", "percent", "majority", "ballot", "constituency", "district"})


_ACTIVITIES = frozenset({"operation", "operations", "situation", "investigation", "inquiry", "negotiation",
                         "negotiations", "talks", "campaign", "response", "rescue", "search", "security"})
"""What one takes control of by taking charge, not by seizing anything ("control of operations")."""


def _control_of_an_activity(verb: Token) -> bool:
    """Whether the verb takes "control of" an activity ("took control of operations during the
    combat", "seized control of the investigation"): taking charge, not taking power or ground."""
    return any(c.dep_ == "dobj" and c.lower_ == "control" and any(
        p.dep_ == "prep" and p.lower_ == "of" and any(g.dep_ == "pobj" and g.lower_ in _ACTIVITIES
                                                     for g in p.children) for p in c.children)
               for c in verb.children)


def _won_at_the_polls(verb: Token) -> bool:
    """Whether what the verb took is seats or votes ("captured 396 out of 476 seats", "took 64
    percent of the vote")."""
    for child in verb.children:
        # the seats may hang on the number taken or, "out of" them, on the verb
        if child.dep_ == "dobj":
            around = [child, *(g for p in child.children if p.dep_ == "prep" for g in p.subtree)]
        elif child.dep_ == "prep" and child.lower_ in ("out", "of"):
            around = list(child.subtree)
        else:
            continue
        if any(t.lemma_.lower() in _POLL_NOUNS for t in around):
            return True
    return False


_EFFECTIVE_LATER = re.compile(r"\beffective (?:after|upon|once|when|from|at)\b(?:\s+[^\s,;.]+){0,12}", re.I)
"""A resignation set for later ("effective after the appointment of a transition team")."""


def _presupposed(noun: Token) -> bool:
    """Whether an event noun is told as a known fact inside a phrase ("by those behind the
    assassination of X", "in the aftermath of the president's assassination"): "the" or an owner
    before it, no hedge of its own ("the alleged killing"), in a prepositional phrase."""
    if noun.dep_ != "pobj" or noun.head.lower_ in ("of", "for") and noun.head.head.pos_ == "VERB":
        return False  # "accused him of the killing": the charge itself
    if noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in HEDGE_NOUNS:
        return False  # "rumours of his detention", "reports of the killing": what they tell
    children = list(noun.children)
    definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in children)
    return definite and not any(c.lower_ in HEDGE_WORDS for c in children)


def _set_free(free: Token) -> bool:
    """Whether "free" tells of a release: "was set free", "walked free", "is now free to move about"
    (a change of state), not "are free to campaign"."""
    head = free.head
    return head.lemma_.lower() in ("set", "walk") or any(
        c.lower_ == "now" and c.dep_ == "advmod" for c in (*head.children, *free.children))


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"
    ) or _captioned(verb)


def _captioned(verb: Token) -> bool:
    """A participle with a subject and a "by" agent but no "was": a caption's reduced passive
    ("Jane Smith surrounded by children in Africa", "A convoy attacked by rebels near Gao"),
    whose subject is who it happened to."""
    return verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children) and any(
        c.dep_ == "nsubj" for c in verb.children)


def _told_before(verb: Token) -> bool:
    """Whether the report a clause is told in was made back then ("has twice claimed he had been
    killed", "had previously said"): a word of repetition or an earlier time on a verb above it."""
    node = verb
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        if any(c.dep_ in ("advmod", "npadvmod") and c.lower_ in _EARLIER for c in node.children):
            return True
    return False


def _set_apart(verb: Token, obj: Token) -> bool:
    """Whether a comma stands between a verb and what the parser took for its object ("... Kaduna
    State kidnapped recently, the Defence Headquarters, on Thursday, vowed"): English never sets a
    direct object off from its verb so; that phrase is the subject of a clause of its own."""
    return verb.i < obj.left_edge.i and any(t.text == "," for t in verb.doc[verb.i + 1 : obj.left_edge.i])


def _arguments(verb: Token, role: str) -> list[Token]:
    """The tokens naming who a verb event is about."""
    passive, caption = _is_passive(verb), _captioned(verb)
    out: list[Token] = []
    if role == "patient":
        for child in verb.children:
            if child.dep_ == "dobj" and _set_apart(verb, child):
                continue
            if (passive and child.dep_ == "nsubjpass") or (not passive
                                                           and child.dep_ in ("dobj", "nsubjpass")) \
                    or (caption and child.dep_ == "nsubj"):
                out.append(child)
        if passive and verb.dep_ in ("acl", "relcl") and not out:
            out.append(verb.head)  # "soldiers arrested on Monday", "detainees held by ..."
        if not out and verb.dep_ == "xcomp" and verb.tag_ == "VBN" and _unnamed_passive(verb.head):
            # "X was reported killed", "X is thought to have been killed": X is who it is about
            out += [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    else:
        for child in verb.children:
            if (child.dep_ == "nsubj" and not caption) or (passive and child.dep_ == "agent"):
                out.extend(
                    c for c in child.children if c.dep_ == "pobj"
                ) if child.dep_ == "agent" else out.append(child)
        if not out and _speaker_goes_on(verb):
            out += [c for c in verb.head.head.children if c.dep_ == "nsubj"]  # "said ... and demanded"
        told = _passive_told_before(verb) if not out and verb.dep_ == "conj" else None
        if told is not None:
            # "Jibril confirmed that Gaddafi was taken alive, but died of a bullet wound": the parse
            # joins "died" to "confirmed"; it goes on with what was confirmed
            out += [c for c in told.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not out and verb.dep_ in ("xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
            split = relative_inside(verb.head)  # "Deby, who the authorities say died": Deby died
            # "He was wounded during the fighting and died": a joined verb shares the passive's subject too
            shared = ("nsubj", "nsubjpass") if verb.dep_ == "conj" else ("nsubj",)
            out += [split[0]] if split is not None else [c for c in verb.head.children if c.dep_ in shared]
        if not out and verb.dep_ == "relcl" and not passive \
                and not any(c.tag_ == "WRB" and c.lower_ in ("where", "when") for c in verb.children):
            # "the group, which vowed to ...": the group ("Ukraine, where ..." is a place)
            out.append(verb.head)
    return out


def _passive_told_before(verb: Token) -> Token | None:
    """The passive clause a verb of saying tells, right before a subjectless verb the parse joined
    to the saying ("confirmed that X was taken alive, but died"): whose subject the joined verb has."""
    head = verb.head
    if head.lemma_.lower() not in NEUTRAL_REPORTING | HEDGING_REPORTING \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    # only a passive told ("that X was taken alive, but died"): "said the talks had failed, and
    # resigned" is the speaker's resignation
    told = next((c for c in head.children if c.dep_ == "ccomp" and c.i < verb.i
                 and any(g.dep_ == "nsubjpass" for g in c.children)), None)
    if told is None or not all(t.is_punct or t.dep_ == "cc"
                               for t in head.doc[told.right_edge.i + 1 : verb.i]):
        return None  # only ", but" or "and" between what was told and the joined verb
    return told


_CARE = re.compile(r"\b(hospital|clinic|care|treatment|infirmary|ward)\b", re.I)
_CUSTODY = re.compile(r"\b(custody|prison|jail|gaol|detention|captivity|captors?|kidnappers?|bail|cell)\b",
                      re.I)
_PLEDGE_AUX = frozenset({"would", "will", "'ll"})
_NOUN_TRIGGERS = frozenset(_ROLE_HEADS | _PLAN_NOUNS | NOUN_EVENTS.keys())
_PROPN_TRIGGERS = frozenset(NOUN_EVENTS)
_AUX_TRIGGERS = frozenset({"be"} | _POWER_VERBS.keys())
_OUTCOMES = frozenset({"released", "killed", "dead", "ousted", "resigned", "dismissed", "fled"})
"""Events that end a state and hold from then on: one told in reported speech in the past perfect
("officials said the hostages had been freed") holds as of the article that tells it."""
_CHARGING_VERBS = frozenset({"face", "bring", "file", "level", "press"})
"""Verbs whose object "charges" is a legal charge ("face charges of", "brought charges against")."""
_LETTING = frozenset({"allow", "permit", "let"})
"""Verbs whose passive over a departure frees its subject: "was allowed to leave for Senegal"."""
_DEPARTING = frozenset({"leave", "go", "travel", "fly", "return", "depart"})
_WHEN_WORDS = frozenset({"after", "later", "soon", "shortly", "afterwards", "then", "now", "quickly"})

_VERB_TRIGGERS = frozenset({"be", "carry"} | _INTENT_VERBS | _CONVENING | SPEECH_VERBS | VERB_EVENTS.keys()
                           | _POWER_VERBS.keys() | _LETTING)


def _may_fire(pos: str, lemma: str, lower: str, pledging: bool) -> bool:
    """Whether `EventExtractor._events_at` can find anything at a token, from its part of speech,
    lemma and lower-case form alone (every branch there first asks for one of these): false for
    most tokens, which are then never made. `pledging`: the sentence has a word `_pledged` needs."""
    if pos == "VERB":
        return lemma in _VERB_TRIGGERS or lower in ADJ_EVENTS or pledging
    if pos == "NOUN":
        return lemma in _NOUN_TRIGGERS
    if pos == "PROPN":
        return lemma in _PROPN_TRIGGERS
    if pos == "ADJ":
        return lower in ADJ_EVENTS
    if pos == "AUX":
        return lemma in _AUX_TRIGGERS
    return False


_HANGING = frozenset({"is", "was", "are", "were", "am", "be", "been", "being", "that", "which", "who",
                      "says", "said", "say", "reported", "told"})


def _fragment(text: str) -> bool:
    """Whether words cut from a quotation say nothing on their own: a subordinate clause without
    its main one ("When the police arrived there") or a clause left hanging on its verb ("What
    you are saying is", "The West often says")."""
    words = text.lower().strip("\"'\u2018\u2019\u201c\u201d( ").split()
    return bool(words) and (words[0] in SUBORDINATORS or words[-1].rstrip(".,;:") in _HANGING)


class EventExtractor:
    """Finds status events in one parsed article."""

    def __init__(self, parsed: ParsedArticle, table: ActorTable, resolver: Resolver | None = None) -> None:
        self.parsed = parsed
        self.table = table
        self.resolver = resolver or Resolver(table, parsed)
        self.names = self.resolver.names()
        self.pronoun_names = self.resolver.resolved_names()

    def run(self) -> list[StatusEvent]:
        """All events in the article, one per (actor, event, sentence, polarity)."""
        events: list[StatusEvent] = []
        seen: set[tuple[str, str, int, str]] = set()
        anchor = publication_day(self.parsed.article.date)
        article_date = anchor.isoformat() if anchor else ""
        parsed = self.parsed
        poses, lemmas, lowers, tokens = parsed.poses, parsed.lemmas, parsed.lowers, parsed.tokens
        for n, sent in enumerate(parsed.sentences):
            if _yes_no_question(parsed.text_of(sent)):
                continue  # "Did they detain him?": asked, not told
            # `_pledged` needs a "would"/"will"/"'ll" child of the verb or of its head, both in
            # the verb's sentence (a sentence is one parse tree).
            pledging = not _PLEDGE_AUX.isdisjoint(parsed.words_of(sent))
            for i in range(sent.start, sent.end):
                if not _may_fire(poses[i], lemmas[i], lowers[i], pledging):
                    continue  # `_events_at` would find nothing
                tok = tokens[i]
                found = self._events_at(tok, sent)
                if not found or _asked_of_the_silent(tok):
                    continue
                found += self._answered(tok, found)
                when, background = event_time(tok, anchor)
                clause = _clause_verb(tok)
                prior = when is None and _pluperfect(clause)
                # a plan too: "later vowed to sell them" after a dated past is a vow made back then
                retold = when is None and told_later(clause, parsed.sentences[max(0, n - 2):n], anchor)
                backshifted = prior and _reported(clause) and not _told_before(clause)
                for key, event, detail, attribution in found:
                    mark = (key, event, sent.start, attribution.polarity)
                    if mark in seen:
                        continue
                    seen.add(mark)
                    # "the army said 137 hostages had been freed": an outcome told in reported
                    # speech is the article's news, as of its day; "he said he had been held" is not
                    own_prior = prior and not (backshifted and event in _OUTCOMES)
                    events.append(
                        StatusEvent(
                            actor=self.table.actors[key].name,
                            event=event,
                            polarity=attribution.polarity,
                            certainty=attribution.certainty,
                            source=attribution.source,
                            evidence=self.parsed.evidence(sent),
                            detail=detail,
                            # A plan's date is when it is to happen, and dates resolve into the past
                            # ("on May 29" before a May 18 article is last year's): a plan holds as of
                            # its article, its date stays in its words.
                            when=when.iso if when and event != "plans" else "",
                            article_date=article_date,
                            # A vow told in the past perfect ("had vowed to sell them") was made
                            # back then, as was one told "later" than a dated past.
                            background=(background if event != "plans" else own_prior) or retold,
                            prior=own_prior or retold,
                        )
                    )
        return _wounded_then_dead(_released_patients(events))

    def _charges(self, tok: Token) -> list[tuple[str, str, str, Attribution]]:
        """"Zúñiga and two officers now face charges of terrorism": charged, with what; "brought
        charges against X" charges X. A charge in any other sense ("in charge of") is none."""
        verb = tok.head
        if tok.dep_ != "dobj" or verb.lemma_.lower() not in _CHARGING_VERBS or _irrealis(verb):
            return []
        what = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "over")), None)
        # "charges of terrorism": charged with terrorism
        charged_with = subtree_span(what)[1:] if what is not None else None
        detail = "with " + short_phrase(charged_with, 8) if charged_with is not None and len(charged_with) \
            else ""
        if verb.lemma_.lower() == "face":
            targets = [c for c in verb.children if c.dep_ == "nsubj"]
        else:
            targets = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "against"
                       for g in c.children if g.dep_ == "pobj"]
        att = self._attribute(verb)
        return [(key, "charged", detail, att) for target in targets
                for key in self.resolver.actors(target, strict=True)]

    def _let_go(self, tok: Token) -> list[tuple[str, str, str, Attribution]]:
        """"The president was allowed to leave for Senegal": a detainee let go abroad or home is
        released (the departure is the detail). Only the passive: "the army allowed journalists to
        leave" tells of no one held."""
        if not _is_passive(tok) or _irrealis(tok) or any(c.dep_ == "neg" for c in tok.children):
            return []  # "was not allowed to leave the country" may be a travel ban on someone free
        going = next((c for c in tok.children if c.dep_ == "xcomp" and c.lemma_.lower() in _DEPARTING), None)
        if going is None:
            return []
        # "and allowed to leave for Senegal": where to, not when ("shortly after")
        where = [short_phrase(subtree_span(c), 6) for c in going.children
                 if c.dep_ in ("prep", "dobj", "advmod") and c.lower_ not in _WHEN_WORDS]
        detail = " ".join(["and allowed to", going.lower_, *where])
        att = self._attribute(tok)
        return [(key, "released", detail, att) for subj in tok.children if subj.dep_ == "nsubjpass"
                for key in self.resolver.actors(subj, strict=True)]

    def _attribute(self, tok: Token) -> Attribution:
        return attribute(tok, self.names, self.pronoun_names)

    def _answered(self, tok: Token, found: list[tuple[str, str, str, Attribution]],
                  ) -> list[tuple[str, str, str, Attribution]]:
        """The same events denied, when what `tok` tells is claimed in a clause that the next one,
        joined to it, denies: "The army claimed the rebel leader had been killed, but the rebels
        denied it" (the rebels deny his death, as "a source close to him denied his arrest")."""
        node = tok
        while node.dep_ != "ccomp" and node.head.i != node.i:
            node = node.head
        claim = node.head
        if node.dep_ != "ccomp" or claim.lemma_.lower() not in NEUTRAL_REPORTING | HEDGING_REPORTING:
            return []
        denial = next((c for c in claim.children if c.dep_ == "conj" and _denies_what_was_said(c)), None)
        if denial is None:
            return []
        denier = next(g for g in denial.children if g.dep_ == "nsubj")
        source, anonymous = describe_source(denier, self.names, self.pronoun_names)
        answer = Attribution(source, "denied", "denied", anonymous)
        return [(key, event, detail, answer) for key, event, detail, att in found
                if att.polarity == "affirmed" and event not in ("says", "claims", "denies")]

    def _events_at(self, tok: Token, sent: Span) -> list[tuple[str, str, str, Attribution]]:
        lemma = self.parsed.lemmas[tok.i]
        out: list[tuple[str, str, str, Attribution]] = []
        pos = self.parsed.poses[tok.i]
        if pos in ("AUX", "VERB") and lemma == "be" and _blames(tok):
            # "Navalny alleged that Putin was behind the plot": the subject is accused, by whoever says so
            att = self._attribute(tok)
            if att.certainty == "stated" and att.source == "the article":
                return out  # a finding in the writer's voice is rare; precision first
            for subj in (c for c in tok.children if c.dep_ == "nsubj"):
                for key in self.resolver.actors(subj, strict=True):
                    out.append((key, "accused", "", att))
            return out
        if (
            pos == "NOUN"
            and lemma in _ROLE_HEADS
            and tok.dep_ == "attr"
            and tok.head.lemma_.lower() in _COPULAS
        ):
            return self._holds_a_role(tok)
        if ((pos == "VERB" and lemma in _INTENT_VERBS) or (pos == "NOUN" and lemma in _PLAN_NOUNS)) \
                and _action_of(tok) is not None:
            # "threatened to ...": the plan; "threatened the capitals" goes on below
            return self._intends(tok)
        if pos == "VERB" and _pledged(tok):
            return self._pledge(tok)
        if pos == "VERB" and lemma in _LETTING:
            return self._let_go(tok)
        if pos == "VERB" and lemma in _CONVENING and tok.dep_ in ("acl", "relcl") and _to_be_done(tok):
            # "a conference to be hosted by Thailand on May 29": the host plans it
            hosts = passive_agents(tok)
            what = short_phrase(tok.doc[tok.head.left_edge.i : tok.head.i + 1], 6)
            when = _date_detail(tok)
            detail = f"to {lemma} {what} {when}".strip()
            att = self._attribute(tok)
            return [(key, "plans", detail, att) for h in hosts
                    for key in self.resolver.actors(h, strict=True)]
        if not ((pos == "VERB" and (lemma in SPEECH_VERBS or lemma in VERB_EVENTS or lemma == "carry"))
                or (pos in ("VERB", "AUX") and lemma in _POWER_VERBS)
                or (pos in ("NOUN", "PROPN") and lemma in NOUN_EVENTS)
                or (pos in ("ADJ", "VERB") and tok.lower_ in ADJ_EVENTS)):
            return out  # most tokens: none of the branches below can fire
        if _irrealis(tok):
            return out
        if tok.pos_ == "VERB" and lemma in SPEECH_VERBS:
            return self._statement(tok)
        if tok.pos_ in ("VERB", "AUX") and lemma in _POWER_VERBS:
            if _control_of_an_activity(tok):
                return out  # "took control of operations during the combat": commanded, seized nothing
            if any((c.dep_ == "dobj" and c.lower_ in _POWER_NOUNS)
                   or (c.dep_ == "prep"
                       and any(g.dep_ == "pobj" and g.lower_ in _POWER_NOUNS for g in c.children))
                   for c in tok.children):
                att = self._attribute(tok)
                detail = _date_detail(tok) or self._any_date(tok)
                event = _POWER_VERBS[lemma]
                place = self._controlled_place(tok)
                if place is not None:
                    # "took full control of the city": a place taken, not power over a country
                    event, detail = "seized", f"{short_phrase(subtree_span(place), 8)} {detail}".strip()
                for arg in _arguments(tok, "agent"):
                    for key in self.resolver.actors(arg, strict=True):
                        out.append((key, event, detail, att))
                return out
        if tok.pos_ == "VERB" and lemma == "carry" and any(c.dep_ == "prt" and c.lower_ == "out"
                                                           for c in tok.children):
            # "the extremists who carried out the attack": the one who did it
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.lemma_.lower() in _ATTACK_NOUNS:
                att = self._attribute(tok)
                for arg in _arguments(tok, "agent"):
                    for key in self.resolver.actors(arg, strict=True):
                        out.append((key, "carried out", short_phrase(subtree_span(obj), 6), att))
            return out
        if tok.pos_ == "VERB" and lemma in VERB_EVENTS:
            event, role = VERB_EVENTS[lemma]
            if lemma in ("seize", "take") and any(c.lower_ in _POWER_NOUNS for c in tok.children):
                event, role = "seized power", "agent"
            if lemma == "rule" and any(c.dep_ in ("ccomp", "mark") or (c.dep_ == "prep" and c.lower_ in
                                       ("on", "against")) for c in tok.children):
                return out  # "the court ruled that ...", "ruled against him": a ruling, not being in power
            if lemma == "hold" and not _is_passive(tok) and any(_place_like(c) for c in tok.children
                                                                   if c.dep_ == "dobj"):
                event, role = "controls", "agent"  # "the army still holds the airport"
            elif lemma == "hold" and not _is_passive(tok) and not any(
                    self.resolver.actors(c, strict=True) for c in tok.children if c.dep_ == "nsubj"):
                return out  # "boats holding 2,000 migrants", "held talks": holding by no one is no detention
            elif lemma == "hold" and _held_up(tok):
                return out  # "soldiers holding the general aloft", "held him on their shoulders": carried
            if event == "accused" and _each_other(tok):
                return self._mutual_blame(tok)
            if event == "leads" and not self._leads_a_body(tok):
                return out  # "leads calls for help", "led the talks": not an office
            if event == "leads" and tok.tag_ == "VBD" and tok.dep_ == "advcl" and any(
                    c.dep_ in ("mark", "advmod") and c.lower_ in ("as", "when", "while")
                    for c in tok.children):
                return out  # "died from injuries sustained as he led his troops": a moment, not an office
            if event == "leads" and tok.dep_ == "acl" and any(
                    c.dep_ == "acl" and c.i < tok.i and any(g.dep_ == "agent" for g in c.children)
                    for c in tok.head.children):
                return out  # "the army, headed by X, and the RSF, headed by Y": the second is the RSF's
            if event == "dismissed" and _dismissed_as_a_kind(tok):
                return out  # "dismissed the opposition as Western stooges": called, not removed
            if event == "seized" and _won_at_the_polls(tok):
                return out  # "captured 396 out of 476 seats": an election won, not ground taken
            if event == "denies" and withholds(tok):
                return out
            att = self._attribute(tok)
            detail = _date_detail(tok)
            if event == "accused" and role == "patient" and att.polarity != "denied" \
                    and att.certainty in ("stated", "reported"):  # a report of an accusation: the accuser's
                att, detail = self._accusation(tok, att, detail)
            if role == "agent" and event in ("leads", "denies", "rejects", "claims", "cut ties", "allied",
                                             "demands", "refuses", "criticised", "condemned", "warned",
                                             "threatened", "occupied", "seized", "controls", "attacked",
                                             "surrounded", "agreed", "met",
                                             "hosts", "negotiates", "retracted"):
                detail = _object_detail(tok, self.names) or _prep_detail(tok, ("with", "on", "to")) or detail
                if event in _WHERE_EVENTS and detail:
                    detail += _where(tok)  # "seized more territory in the central province of Homs"
            elif event == "sworn in":
                detail = _prep_detail(tok, ("as",)) or detail  # "sworn in as transitional head of state"
            elif event in ("released", "fled", "resigned", "dismissed", "discharged"):
                # "discharged from hospital", "fled to Sudan", "resigned from the cabinet"
                detail = _prep_detail(tok, ("from", "to")) or detail
                if event == "released" and (_CARE.search(detail)
                                            or _CARE.search(_prep_detail(tok, ("after",), 8))):
                    # "released from a German hospital", "released after 32 days of treatment": a
                    # patient, not a prisoner
                    event = "discharged"
            if event == "abducted" and role == "patient":
                out += self._kidnappers(tok, detail)
            for arg in _arguments(tok, role):
                for key in self.resolver.actors(arg, strict=True):
                    kind = self.table.actors[key].kind
                    # "killed 28 government troops and about 20 fighters": each group its own count
                    counted = next(
                        (t for t in (arg, *arg.conjuncts) if self.table.token_actor.get(t.i) == key), arg
                    )
                    count = _count_of(counted) if kind == "collective" else ""
                    named = next(
                        (t for t in (arg, *arg.conjuncts) if self.resolver.group_of_members(t) == key), None
                    )
                    if role == "patient" and kind in ("armed group", "organisation") and named is not None:
                        # "107 Boko Haram militants killed": members, not the group
                        out.append((key, event, f"{_members(named)} {detail}".strip(), att))
                        continue
                    out.append((key, event, detail or count, att))
            return out
        if tok.pos_ in ("NOUN", "PROPN") and lemma in NOUN_EVENTS:
            if _wanted(tok):
                return out  # "called for his release", "to secure the release of the girls"
            if tok.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "aux" and c.lower_ in _FUTURE_MODALS
                                                         for c in tok.head.children):
                return out  # "his resignation will occur before April 28": yet to come
            event = NOUN_EVENTS[lemma]
            if lemma == "charge":
                return self._charges(tok)
            targets: list[Token] = []
            for child in tok.children:
                if child.dep_ == "poss":
                    targets.append(child)
                elif child.dep_ == "prep" and child.lower_ in ("of", "against", "including"):
                    targets += [c for c in child.children if c.dep_ == "pobj"]
            charging = event == "accused" and lemma != "case"
            if charging or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                # "Russia's arrests of Navalny", "Berlin's accusations against Moscow": the possessor
                # did it; the "of" or "against" object is who it happened to. An accusation's owner
                # makes it, whatever it accuses ("repeated his accusation that his rivals ...").
                targets = [t for t in targets if t.dep_ != "poss"]
            elif _LEXICON.slot.get(_LEXICON.family.get(event, "")) == "liberty":
                # "Guinea's military release Conde" read as a noun: a country is never held or freed
                # itself; its possessive names who holds, not who is held
                targets = [t for t in targets if not (t.dep_ == "poss" and t.ent_type_ == "GPE")]
            if lemma == "detainee" or lemma == "custody":
                targets += [c for c in tok.children if c.dep_ == "appos"]
            if lemma == "run" and not (tok.dep_ == "pobj" and tok.head.lower_ == "on"):
                return out  # only "on the run" is a state; "the run-up", "a bank run" are not
            if tok.dep_ == "pobj" and ((tok.head.lower_ in ("under", "in", "into")
                                        and lemma in ("arrest", "custody", "detention"))
                                       or (tok.head.lower_ == "on" and lemma == "run")):
                # "he was under arrest", "remains in custody": the subject of the copula; "placed him
                # under house arrest", "took him into custody": who was placed there.
                verb = tok.head.head
                placed = [c for c in verb.children if c.dep_ == "dobj"] if verb.pos_ == "VERB" else []
                targets += placed or [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not targets:
                return out
            held_in = tok.dep_ == "pobj" and tok.head.lower_ in ("under", "in", "into")
            att = self._attribute(tok.head.head if held_in else tok)
            if att.certainty == "alleged" and _presupposed(tok):
                # "associates suggested he was duped by those behind the assassination of President
                # X": what is suggested is the duping; the assassination is told as known
                att = Attribution("the article", "stated", att.polarity, False)
            if event == "resigned" and self._own_announcement(tok, att):
                # "Diab addressed the nation, announcing his resignation": saying it is doing it, so
                # the resignation rests on whoever tells of the announcing
                att = self._attribute(tok.head)
            if charging:
                if _rebutted(tok):
                    return out  # "protested 'unfounded accusations against Russia'": Russia's answer
                # "warned of accusations against Russia": who speaks of the accusations is not who
                # makes them; a possessor is ("Berlin's accusations").
                owner = next((c for c in tok.children if c.dep_ == "poss"), None)
                if owner is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _LEVELLING:
                    owner = _subject(tok.head)  # "the opposition made allegations against him"
                source, anonymous = describe_source(owner, self.names, self.pronoun_names)
                att = Attribution(source, "alleged", att.polarity, anonymous)
            elif event == "accused" and tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in _LEVELLING:
                # "The case against the men is being brought by local party supporters": whoever
                # brings it accuses; a case with no one named bringing it stays the article's
                bringer = next(iter(passive_agents(tok.head)), None)
                if bringer is not None:
                    source, anonymous = describe_source(bringer, self.names, self.pronoun_names)
                    att = Attribution(source, "alleged", att.polarity, anonymous)
            if lemma == "whereabouts":
                if not any(t.lower_ in ("unknown", "unclear") for t in sent):
                    return out
                att = Attribution(att.source, "unclear", "affirmed", att.anonymous)
            detail = ""
            later = _EFFECTIVE_LATER.search(doc_text(tok.doc)[tok.idx:tok.sent.end_char]) \
                if event == "resigned" else None
            if later is not None:
                # "announced his resignation, effective after the appointment of a transition team":
                # a resignation to come, not one made
                words = later.group(0).split()
                while words[-1].lower() in ("a", "an", "the", "and", "or", "of", "to"):
                    words.pop()
                event, detail = "plans", "to resign " + " ".join(words)
            for target in targets:
                members = {self.resolver.group_of_members(t): t for t in (target, *target.conjuncts)}
                for key in self.resolver.actors(target, strict=True):
                    if key in members and self.table.actors[key].kind in ("armed group", "organisation"):
                        # "the killing of a Podemos official": one of its members, not the party
                        out.append((key, event, _members(members[key]), att))
                        continue
                    out.append((key, event, detail, att))
        if tok.lower_ in ADJ_EVENTS and tok.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in tok.children):
            # "with many of them still unaccounted for": the state has its own subject
            att = self._attribute(tok)
            return [(key, ADJ_EVENTS[tok.lower_], "", att) for s in tok.children if s.dep_ == "nsubj"
                    for key in self.resolver.actors(s, strict=True)]
        if tok.pos_ == "ADJ" and tok.lower_ in ADJ_EVENTS and tok.dep_ in ("acomp", "oprd"):
            # "was found dead", "remain missing", "are still unaccounted for"
            if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in tok.head.children):
                return out  # "if the hostages weren't already dead": a condition, as for a verb (`_irrealis`)
            if tok.lower_ == "free" and not _set_free(tok):
                return out  # "candidates are free to campaign": no one was held
            if tok.lower_ == "alive" and tok.head.tag_ == "VBD" and any(
                    c.dep_ == "advcl" and any(m.lower_ == "when" and m.dep_ in ("advmod", "mark")
                                              for m in c.children) for c in tok.head.children):
                return out  # "was still alive when he was captured": alive then, which says nothing of now
            subj = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            att = self._attribute(tok.head)
            if _unnamed_passive(tok.head):
                # "is feared dead", "was presumed dead", "were reported missing": nobody vouches
                unnamed = att.source == "the article"
                att = Attribution("unnamed sources" if unnamed else att.source, "alleged", att.polarity,
                                  unnamed or att.anonymous)
            for s in subj:
                for key in self.resolver.actors(s, strict=True):
                    out.append((key, ADJ_EVENTS[tok.lower_], "", att))
        return out

    def _accusation(self, verb: Token, att: Attribution, detail: str) -> tuple[Attribution, str]:
        """ "Prosecutors accused X of fraud", "X was accused of fraud by the opposition": the
        accusation is the accuser's claim, not the article's finding (with what X is accused of);
        "X is accused of fraud", with no accuser named, stays as the article tells it."""
        accusers = _arguments(verb, "agent")
        if not accusers:
            return att, detail
        source, anonymous = describe_source(accusers[0], self.names, self.pronoun_names)
        if accusers[0].pos_ == "NOUN" and accusers[0].left_edge.is_sent_start and source[:1].isupper():
            source = source[0].lower() + source[1:]  # "Parents accused the army": parents, not a name
        # The parser hangs "of fraud" on the verb or on the accused ("accused [X of fraud]").
        charge = next(filter(None, (_prep_detail(t, ("of", "for"), 12)
                                    for t in (verb, *_arguments(verb, "patient")))), "")
        return Attribution(source, "alleged", att.polarity, anonymous), charge or detail

    def _mutual_blame(self, verb: Token) -> list[tuple[str, str, str, Attribution]]:
        """"India and China accused each other of firing first": each accuses the other."""
        subj = _subject(verb)
        if subj is None:
            return []
        sides = list(self.resolver.actors(subj, strict=True))
        if len(sides) != 2:
            return []
        charge = _prep_detail(verb, ("of", "for"), 12)
        out = []
        for accused, accuser in ((sides[0], sides[1]), (sides[1], sides[0])):
            att = Attribution(self.table.actors[accuser].name, "alleged", "affirmed")
            out.append((accused, "accused", charge, att))
        return out

    def _intends(self, tok: Token) -> list[tuple[str, str, str, Attribution]]:
        """"vowed to sell the girls", "is preparing to retake the town", "plans from the government
        forces to launch a counterattack": what an actor means to do next ("plans ...")."""
        action = _action_of(tok)
        if action is None or _irrealis_intent(tok):
            return []
        words = [t for t in action.subtree if t.dep_ != "punct"]
        detail = short_phrase(tok.doc[words[0].i : words[-1].i + 1], 12) if words else ""
        if tok.pos_ == "NOUN":
            owners = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
                      for g in c.children if g.dep_ == "pobj"] + [c for c in tok.children if c.dep_ == "poss"]
            att = self._attribute(tok.head if tok.dep_ == "attr" else tok)
        else:
            owners = _arguments(tok, "agent")
            att = self._attribute(tok)
        keys = [key for owner in owners for key in self.resolver.actors(owner, strict=True)]
        return [(key, "plans", detail, _own_intent(att, self.table.actors[key].name)) for key in keys]

    def _pledge(self, verb: Token) -> list[tuple[str, str, str, Attribution]]:
        """"a statement saying they would offer them temporary shelter": what a side says it will
        do is its plan ("plans to offer them temporary shelter"), claimed by whoever says it."""
        clause = (
            verb.head if verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children) else verb
        )
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        words = [verb] + [t for t in verb.subtree if t.i > verb.i and t.dep_ not in ("punct",)]
        rest = short_phrase(verb.doc[verb.i + 1 : words[-1].i + 1], 10) if len(words) > 1 else ""
        detail = _named_them(f"to {verb.lemma_.lower()} {rest}".strip(), verb)
        att = self._attribute(clause)
        keys = [key for subj in subjects for key in self.resolver.actors(subj, strict=True)]
        if not keys and subjects and all(s.lower_ in _SPEAKER_PRONOUNS for s in subjects):
            # "X said they would ...", "X issued a statement saying it will ...": the speaker pledges
            said = clause.head
            speaker = _subject(said) or (_subject(said.head.head) if said.dep_ == "acl"
                                         and said.head.dep_ == "dobj" else None)
            keys = self.resolver.actors(speaker, strict=True) if speaker is not None else []
            if keys and att.source == "unnamed sources":
                att = Attribution(" and ".join(self.table.actors[k].name for k in keys), "reported",
                                  att.polarity, False)  # the statement's issuers say so
        return [(key, "plans", detail, att) for key in keys]

    def _controlled_place(self, verb: Token) -> Token | None:
        """What "control of X" is over when X is not a whole country: "control of the city",
        "control of Palmyra", "control of almost half of the country"; None for "control of Mali"."""
        for noun in verb.subtree:
            if noun.lower_ not in _POWER_NOUNS or noun.head.i != verb.i and noun.head.head.i != verb.i:
                continue
            target = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj"), None)
            if target is None:
                return None
            key = self.table.token_actor.get(target.i)
            whole_country = key is not None and "|" not in key and self.table.actors[key].kind == "country"
            return None if whole_country else target
        return None

    def _kidnappers(self, verb: Token, when: str) -> list[tuple[str, str, str, Attribution]]:
        """"Boko Haram abducted more than 200 schoolgirls": the group that did it "kidnapped" them,
        with whom (so the captors' line says what they hold, not only the captives' line)."""
        victims = _arguments(verb, "patient")
        agents = _arguments(verb, "agent")
        if not victims or not agents:
            return []
        whom = strip_determiner(short_phrase(subtree_span(victims[0]), 8))
        if victims[0].pos_ == "PRON":
            whom = self.names.get(victims[0].i) or self.pronoun_names.get(victims[0].i, "")
        if not whom:
            return []
        att = self._attribute(verb)
        detail = f"{whom} {when}".strip()
        return [(key, "kidnapped", detail, att) for arg in agents
                for key in self.resolver.actors(arg, strict=True) if self.table.actors[key].kind != "country"]

    def _holds_a_role(self, role: Token) -> list[tuple[str, str, str, Attribution]]:
        """"Colonel X remains the head of the army", "X is the leader of the junta": X leads that body."""
        body = next((g for c in role.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), None)
        verb = role.head
        if (
            body is None
            or not (body.i in self.names or body.lemma_.lower() in _LED_BODIES)
            or _irrealis(verb)
        ):
            return []
        att = self._attribute(verb)
        detail = self.names.get(body.i) or short_phrase(subtree_span(body), 6)
        return [(key, "leads", detail, att) for subj in (c for c in verb.children if c.dep_ == "nsubj")
                for key in self.resolver.actors(subj, strict=True)]

    def _own_announcement(self, noun: Token, att: Attribution) -> bool:
        """"X announced his resignation": a resignation its own subject announces (and whose word
        `att` rests on), which the announcing makes; not one someone else announces or reports."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() not in _ANNOUNCING or att.certainty != "reported":
            return False
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        subject = _subject(verb)
        if owner is None or subject is None:
            return False
        said_by = describe_source(subject, self.names, self.pronoun_names)[0]
        return said_by == att.source and set(self.resolver.actors(owner)) == set(
            self.resolver.actors(subject))

    def _leads_a_body(self, verb: Token) -> bool:
        """"leads the junta", "headed by General X" (an actor or a body led): an office; "leads
        calls for help", "led the talks": an action, not an office."""
        if verb.dep_ == "acl" and verb.head.ent_type_ == "PERSON":
            return False  # "General X and the RSF, headed by his rival Y": the parse hung it on a person
        if any(c.dep_ == "prep" and c.lower_ in ("to", "for", "towards", "toward", "into", "home")
               for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
            return False  # "may be headed to a safer location", "headed for the border": going there
        if _is_passive(verb) or verb.dep_ in ("acl", "relcl"):
            return True  # "the government led by X", "the junta that X heads"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return False
        return obj.i in self.names or obj.lemma_.lower() in _LED_BODIES

    def _statement(self, verb: Token) -> list[tuple[str, str, str, Attribution]]:
        """"Blair said his statement had been a fair summary": a named actor's own words."""
        subj = _subject(verb)
        if subj is None or any(c.dep_ == "neg" for c in verb.children):
            return []  # "has not said whether": silence, not a statement
        keys = [k for k in self.resolver.actors(subj, strict=True)
                if self.table.actors[k].kind in ("person", "organisation", "country", "armed group")]
        if not keys:
            return []  # no one to credit: what was said does not matter
        # "told his French counterpart: ...": the object of "tell" is who hears it, not what is said.
        said_deps = ("ccomp",) if verb.lemma_.lower() == "tell" else ("ccomp", "dobj")
        said = next((c for c in verb.children if c.dep_ in said_deps), None)
        quote = _quoted(verb.sent)
        if said is not None and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _REL_PRONOUNS
                                    for c in said.children):
            said = None  # "the meeting, which Thailand says must tackle ...": no clause of its own to quote
        if said is not None and said.lemma_.lower() not in ("claim", "it", "that", "this"):
            text = short_phrase(subtree_span(said), 14)
            if said.pos_ in ("VERB", "AUX") and not re.search(rf"\b{re.escape(said.text)}\b", text):
                # cut before its verb ("said Lord Goldsmith's admission that ... suggested ..." read
                # "Lord Goldsmith's admission"): not what was said
                text = quote or ""
        elif quote:
            text = quote
        else:
            return []
        text = _WEEKDAY_OPENING.sub("", text)  # the day it was said is no part of it
        if len(text.split()) < 3 or _fragment(text):
            return []
        att = Attribution(self.table.actors[keys[0]].name if keys else "", "stated", "affirmed")
        # Quoted as a whole: a quotation inside it takes single marks ("is 'revenge on ...'").
        text = text.replace('"', "'").replace("\u201c", "\u2018").replace("\u201d", "\u2019")
        return [(k, "says", f'"{text}"', att) for k in keys]

    @staticmethod
    def _any_date(tok: Token) -> str:
        for child in tok.children:
            if child.dep_ == "prep":
                for obj in child.children:
                    if obj.ent_type_ == "DATE":
                        return short_phrase(subtree_span(child), 6)
        return ""


def _released_patients(events: list[StatusEvent]) -> list[StatusEvent]:
    """An article that tells of someone's discharge from hospital means it again when it says they
    were "released" and nothing of custody ("The news that Brandt has been released comes five
    days after ..."): a patient, not a prisoner."""
    patients = {e.actor for e in events if e.event == "discharged"}
    if not patients:
        return events
    out: list[StatusEvent] = []
    seen: set[tuple[str, str, str, str]] = set()
    for event in events:
        if event.event == "released" and event.actor in patients \
                and not _CUSTODY.search(event.detail + " " + event.evidence.sentence):
            event = replace(event, event="discharged")
        mark = (event.actor, event.event, event.evidence.sentence, event.polarity)
        if mark not in seen:
            seen.add(mark)
            out.append(event)
    return out


_DEATHS = frozenset({"dead", "killed"})


def _wounded_then_dead(events: list[StatusEvent]) -> list[StatusEvent]:
    """Without the wounding, or the being alive, of someone whose death the same sentence tells ("He
    was wounded during the fighting and died once repatriated", "was taken alive, but died of a bullet
    wound"): one story of how he died, no rival of his death."""
    dead = {(e.actor, e.evidence.sentence) for e in events if e.event in _DEATHS and e.polarity == "affirmed"}
    if not dead:
        return events
    return [e for e in events
            if not (e.event in ("injured", "alive") and (e.actor, e.evidence.sentence) in dead)]


_WHERE_EVENTS = frozenset({"seized", "occupied", "attacked", "controls", "surrounded"})
"""Events whose place is half their news: what was seized is told with where."""


def _where(verb: Token) -> str:
    """" in the central province of Homs": the verb's own phrase of place, when it names one (a
    phrase of time, "in May", or of manner is none); empty otherwise."""
    for child in verb.children:
        # after the verb: "Meanwhile in Syria, ISIL seized ..." sets the scene, it is not the spot
        if child.dep_ == "prep" and child.i > verb.i and child.lower_ in ("in", "near", "outside", "around") \
                and any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in child.subtree):
            return " " + short_phrase(subtree_span(child), 8)
    return ""


_SILENT_VERBS = frozenset({"decline", "refuse", "fail"})


def _asked_of_the_silent(tok: Token) -> bool:
    """Whether `tok` tells what someone would not say: "The army did not say how many soldiers
    were killed", "police declined to say whether anyone was arrested". The question is no one's
    claim; the silence is a dispute of its own ("No official word")."""
    clause = _clause_verb(tok)
    if clause.dep_ != "ccomp" or clause.left_edge.lower_ not in QUESTION_WORDS:
        return False
    asker = clause.head
    if any(c.dep_ == "neg" for c in asker.children):
        return True  # "did not say how many", "has not disclosed how many"
    return asker.dep_ == "xcomp" and asker.head.lemma_.lower() in _SILENT_VERBS  # "declined to say"


def extract_events(parsed: ParsedArticle, table: ActorTable,
                   resolver: Resolver | None = None) -> list[StatusEvent]:
    """Status events for the actors of one article (`resolver`: one already built for them)."""
    return EventExtractor(parsed, table, resolver).run()
