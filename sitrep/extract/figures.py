"""Figures in one article: every count of people given (killed, injured, detained, abducted,
missing, stranded, escaped, released) and the countries at a meeting, with who gives it and the
date it holds at; figures told as background, capacities and the people who did the act are
left out. The merge compares them across articles (`sitrep.merge.disputes`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..dates import When, publication_day, resolve, years_before
from ..lexicon import lexicon
from ..model import Claim, Dispute
from .actors import scene_people
from .attribution import attribute
from .base import span_text, subtree_span
from .events import ADJ_EVENTS, VERB_EVENTS, event_time

if TYPE_CHECKING:
    from .disputes import DisputeFinder

WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "hundred": 100, "a dozen": 12, "dozen": 12}
VAGUE = {"dozens": (24.0, 99.0), "scores": (40.0, 99.0), "hundreds": (200.0, 999.0),
         "thousands": (2000.0, 9999.0)}
"""Vague quantities that are still figures. "several", "multiple", "many", "some", "a handful" say
only "more than one": never a figure to set against another."""
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
OPEN = 1e9
"""The upper bound of "at least N"."""
_PEOPLE_CLASSES = {"soldier": "soldiers", "troop": "soldiers", "serviceman": "soldiers",
                   "officer": "officers", "fighter": "fighters", "militant": "fighters", "rebel": "fighters",
                   "jihadist": "fighters", "insurgent": "fighters", "civilian": "people", "people": "people",
                   "person": "people", "resident": "people", "protester": "protesters",
                   "demonstrator": "protesters", "detainee": "detainees", "prisoner": "prisoners",
                   "hostage": "hostages", "police": "police", "policeman": "police", "child": "children",
                   "boy": "children", "girl": "girls", "schoolgirl": "girls", "pupil": "students",
                   "fisherman": "fishermen", "passenger": "passengers", "tourist": "tourists",
                   "villager": "people", "miner": "miners", "sailor": "sailors", "crew": "crew",
                   "woman": "women", "migrant": "migrants", "refugee": "refugees", "student": "students",
                   "worker": "workers", "journalist": "journalists", "minister": "ministers",
                   "official": "officials", "councillor": "councillors", "attacker": "attackers",
                   "gunman": "attackers", "gunmen": "attackers", "assailant": "attackers",
                   "terrorist": "attackers", "hijacker": "attackers", "kidnapper": "attackers"}
_CROWDS = {"protesters", "students", "passengers", "migrants", "refugees", "workers", "hostages",
           "worshippers", "girls", "children", "fishermen", "miners", "tourists"}
"""Classes of people a toll of "people" in the very next sentence can only be a count of."""
_WIDER = re.compile(r"\b(across|throughout|nationwide|in all|in total|altogether|including|among them|so far|"
                    r"since|(days|weeks|months) of)\b", re.I)
"""Words that make a toll of "people" wider than the crowd counted before it."""
_REFERRING = {"other", "others", "number", "numbers", "figure", "figures", "toll", "total"}
_CATEGORY = lexicon().figure
"""event value -> the category its counts join ("jailed" -> "detained")."""


def _quantity(tok: Token) -> tuple[str, tuple[float, float]] | None:
    """The wording and (low, high) value of a quantity token, or None if it is not one."""
    low = tok.lower_
    if low in VAGUE and tok.pos_ in ("NOUN", "ADJ", "DET", "NUM"):
        return tok.text, VAGUE[low]
    if tok.like_num and tok.dep_ in ("quantmod", "compound") and tok.head.like_num:
        # the "20" of "20 to 50" is read with the "50", the "Fifty" of "Fifty-three" with the "three"
        return None
    if tok.like_num and tok.ent_type_ in ("CARDINAL", ""):
        number = _number(tok.text)
        doc = tok.doc
        if number is not None and number < 10 and tok.i >= 2 and doc[tok.i - 1].text == "-" \
                and doc[tok.i - 2].lower_ in _TENS:
            # "Fifty-three" is split by the tokenizer into "Fifty", "-", "three"
            number += _TENS[doc[tok.i - 2].lower_]
            return doc[tok.i - 2 : tok.i + 1].text, (number, number)
        if number is None or not 1 < number < 1_000_000 or (1900 <= number <= 2100
                                                            and tok.ent_type_ != "CARDINAL"):
            return None
        children = {c.lower_: c for c in tok.children}
        words = [c for c in tok.children if c.i < tok.i and (c.dep_ in ("quantmod", "advmod") or (
            c.dep_ == "amod" and c.lower_ in ("more", "fewer", "less")))]  # "more than 300"
        # "at least eight": the modifier with its own children ("at" hangs off "least").
        prefix = tok.doc[min(w.left_edge.i for w in words) : tok.i].text if words else ""
        # "20 to 50": spaCy hangs the first number and "to" off the second.
        first = next((c for c in tok.children if c.dep_ == "quantmod" and c.like_num), None)
        if first is not None and "to" in children or (first is not None
                                                      and tok.doc[first.i + 1].lower_ in ("to", "-", "and")):
            lo = _number(first.text)
            if lo is not None:
                return f"{first.text} to {tok.text}", (float(lo), float(number))
        if "least" in prefix.lower() or "more than" in prefix.lower() or "over" in prefix.lower():
            return f"{prefix} {tok.text}".strip(), (float(number), OPEN)
        if any(w in prefix.lower()
               for w in ("about", "around", "some", "roughly", "nearly", "almost", "approximately")):
            return f"{prefix} {tok.text}".strip(), (float(number) * 0.8, float(number) * 1.2)
        return tok.text, (float(number), float(number))
    return None


_TAKING_THE_TOLL = re.compile(r"\b(?:taking|bringing|raising|pushing)\b.{0,40}\b(?:toll|number|total|tally)\b"
                              r".{0,40}\bto\b", re.I)
"""'killed four more people on Friday, taking the number of deaths to 328': the more are an increment."""


def _more_of_them(tok: Token) -> bool:
    """Whether a number counts people added to an earlier count ("20 more deaths", "another 20
    people", "a further 20", "20 additional deaths"), not a count of its own."""
    doc = tok.doc
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    before = doc[tok.i - 1] if tok.i > 0 else None
    return (after is not None and after.lower_ in ("more", "additional", "further", "other")) or (
        before is not None and before.lower_ in ("another", "further"))


def _number(text: str) -> float | None:
    """"1,200" -> 1200, "eight" -> 8."""
    key = text.lower().replace(",", "")
    if key in WORD_NUMBERS:
        return float(WORD_NUMBERS[key])
    try:
        return float(key)
    except ValueError:
        return None


def _counted_noun(tok: Token) -> Token | None:
    """The noun a quantity counts: "eight soldiers" -> soldiers, "dozens of soldiers" -> soldiers."""
    if tok.dep_ in ("nummod", "amod", "quantmod", "det") and tok.head.pos_ in ("NOUN", "PROPN"):
        noun = tok.head
    elif tok.pos_ in ("NOUN", "NUM"):
        noun = tok
    else:
        return None
    if noun.lemma_.lower() in _PEOPLE_CLASSES:
        return noun  # "90 villagers of Tudun Biri": the villagers, not the village
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in ("from", "between"):
        # "numbers ranging from 20 to 50": the referring noun the range describes.
        verb = noun.head.head
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
            return verb.head
        return noun
    return noun


def _a_part(noun: Token) -> bool:
    """Whether a counted noun is a part of a group counted around it: "including two senior
    officers", "among them three children", and each one listed after the first ("including 45
    officers, seven police officers and 13 civilians")."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    head = noun.head
    return noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("including", "among")


def _named_with_others(noun: Token | None, names: dict[int, str]) -> int | None:
    """How many named people "N others" joins ("General X and 21 others": one), or None."""
    if noun is None or noun.lemma_.lower() not in ("other", "others") or noun.dep_ != "conj":
        return None
    named = {names[t.i] for t in (noun.head, *noun.head.conjuncts) if t.i in names and t.i != noun.i}
    return len(named) or None


def _category(tok: Token) -> str:
    """What happened to the counted people, from the nearest event verb above the quantity."""
    node, below = tok, None
    for _ in range(6):
        if _stranded(node):
            return "stranded"
        lemma = node.lemma_.lower()
        if node.pos_ == "VERB" and lemma in VERB_EVENTS and VERB_EVENTS[lemma][1] == "patient" \
                and below is not None and below.dep_ == "nsubj":
            return ""  # "15 gunmen killed 67 people", "troops holding spears": the counted did it
        if node.pos_ == "NOUN" or (node.pos_ == "NUM" and node.i == tok.i):
            # "10 others injured": the participle on the counted noun says what happened to them
            # ("20 killed and nearly 300 wounded": on the number, when it stands alone).
            for child in node.children:
                if child.dep_ in ("acl", "amod") and child.lemma_.lower() in VERB_EVENTS:
                    return _CATEGORY.get(VERB_EVENTS[child.lemma_.lower()][0], "")
                if child.dep_ == "amod" and child.lower_ in ("dead", "wounded", "injured"):
                    return {"dead": "killed"}.get(child.lower_, "injured")
        if node.pos_ in ("VERB", "ADJ") and lemma in VERB_EVENTS:
            return _CATEGORY.get(VERB_EVENTS[lemma][0], "")
        if node.pos_ in ("VERB", "AUX"):
            state = next(
                (c for c in node.children if c.dep_ in ("acomp", "oprd") and c.lower_ in ADJ_EVENTS), None
            )
            if state is not None:  # "276 remain missing", "12 are still unaccounted for"
                return _CATEGORY.get(ADJ_EVENTS[state.lower_], ADJ_EVENTS[state.lower_])
        if node.pos_ == "VERB":
            # "50 girls managed to escape": the event is the verb's complement (not "tried to flee")
            done = next((c for c in node.children if c.dep_ == "xcomp" and c.lemma_.lower() in VERB_EVENTS
                         and lemma == "manage"), None)
            if done is not None:
                return _CATEGORY.get(VERB_EVENTS[done.lemma_.lower()][0], "")
        if node.pos_ == "NOUN" and lemma in _DEATH_NOUNS:
            return "killed"  # "the bodies of 15 people", "a death toll of 40"
        if node.pos_ == "VERB" and lemma == "lose" \
                and any(c.dep_ == "dobj" and c.lemma_.lower() in ("life", "lives") for c in node.children):
            return "killed"  # "around 30 people lost their lives"
        if node.pos_ == "VERB" and any(c.dep_ in ("oprd", "acomp", "xcomp") and c.lower_ == "dead"
                                       for c in node.children):
            return "killed"  # "left 67 people dead"
        if node.lower_ in ("dead", "wounded", "injured"):
            return {"dead": "killed"}.get(node.lower_, "injured")
        if node.head.i == node.i or (node.dep_ == "conj" and node.pos_ in ("VERB", "AUX")):
            break  # "53 escaped and 276 remain missing": a conjoined clause has its own event
        node, below = node.head, node
    return ""


_MEMBERS = {"nation", "country", "state", "government", "delegation"}
_MEETING_VERBS = {"include", "meet", "attend", "gather", "participate", "join", "represent", "convene"}
_MEETING_NOUNS = {"conference", "meeting", "summit", "talks", "forum", "gathering"}


def _at_a_meeting(noun: Token) -> bool:
    """Whether a counted noun counts the countries at a meeting: "a conference that is to include
    15 Asian nations", "representatives from 17 nations are meeting in Bangkok"."""
    if noun.lemma_.lower() not in _MEMBERS:
        return False
    node = noun
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        lemma = node.lemma_.lower()
        if lemma == "represent" and node.tag_ != "VBN":
            return False  # "the bloc represents 15 member countries": its members, at no meeting
        if node.pos_ == "VERB" and lemma in _MEETING_VERBS or node.pos_ == "NOUN" and lemma in _MEETING_NOUNS:
            return True
    return False


def _nation_of(noun: Token | None) -> str:
    """Whose people a counted noun names, as written: "Cameroonian" in "eight Cameroonian soldiers"."""
    if noun is None:
        return ""
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ("NORP", "GPE"):
            return child.text
    return ""


_STRANDED = {"stranded", "adrift", "trapped", "drifting", "marooned", "parked", "stuck", "afloat"}


def _stranded(node: Token) -> bool:
    """"7,000 migrants still at sea", "2,500 more trapped at sea", "thousands stranded": people
    stuck where they cannot leave, counted as a stock that changes from day to day."""
    if node.lower_ in _STRANDED:
        return True
    return any((c.lower_ in _STRANDED and c.dep_ in ("acl", "amod", "acomp", "advmod"))
               or (c.dep_ == "prep" and c.lower_ == "at" and any(g.lower_ == "sea" for g in c.children))
               for c in node.children)


def _class_of(noun: Token | None, previous: str) -> str:
    """The class of people counted ("soldiers", "fighters"), inheriting from "others"/"numbers"."""
    if noun is None:
        return previous
    lemma = noun.lemma_.lower()
    if lemma in _REFERRING or noun.lower_ in _REFERRING or noun.pos_ == "NUM":
        return previous  # "... while 2,500 more are at sea": the number names no noun of its own
    return _PEOPLE_CLASSES.get(lemma, "")


_PERIOD = re.compile(r"\b(since|so far|to date|this year|last year|this month|in the (past|last)|over the "
                     r"(past|last)|"
                     r"(over|in) the course of|"
                     r"altogether|in total|between \d{4} and)\b", re.I)
_ACCOUNT_VERBS = {"say", "report", "claim", "tell", "insist", "state", "announce", "allege"}
_DEATH_NOUNS = {"body", "corpse", "remains", "fatality", "toll"}
_PERIOD_DEPS = ("prep", "advmod", "npadvmod", "advcl")


def _verb_of(tok: Token) -> Token:
    """The verb a figure hangs from (the root when none is above it)."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


OLD_EVENT_DAYS = 14
"""A toll of an event this much older than its article is that event's toll, dated by it; a
fresher one ("the attack last week left 67 dead") holds as of the article."""


def _infinitive(verb: Token) -> bool:
    """"big enough to hold 300 people", "plans to free 20 prisoners": not an event ("its claim
    to have killed 20 soldiers" tells one)."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return "to" in aux and "have" not in aux


def _period_of(verb: Token) -> str:
    """The period a count runs over, from the phrases on its verb: "since the offensive began
    on Tuesday", "so far this year", "in the past five years"; "" for a count at one time."""
    for child in verb.children:
        if child.dep_ in _PERIOD_DEPS:
            text = span_text(subtree_span(child))
            if _PERIOD.match(text) or _PERIOD.search(text[:20]):
                return text
    return ""


_NARRATIVE_MARKS = {"when", "as", "after", "before", "while"}


def _told_as_past(verb: Token, anchor: date | None) -> bool:
    """A figure from another story: its verb's clause names a year well before the article ("the
    2008 attacks left 173 dead"), or it sits in a past-tense "when" clause of a past-tense
    sentence ("she was pregnant when her husband blew himself up, killing 26")."""
    clause = span_text(subtree_span(verb))
    if verb.dep_ == "conj":  # "The 2008 attacks stunned the world and left 173 dead": the shared subject
        clause += " " + " ".join(span_text(subtree_span(c)) for c in verb.head.children
                                 if c.dep_ in ("nsubj", "nsubjpass"))
    relative = verb.head if verb.dep_ == "conj" else verb
    if relative.dep_ == "relcl":  # "the attack in Mumbai in 2008, which left 160 dead and injured 600"
        clause += " " + span_text(subtree_span(relative.head))
    if anchor is not None and years_before(clause, anchor):
        return True
    node = verb
    for _ in range(3):
        if node.dep_ == "advcl" and node.tag_ == "VBD" and node.head.tag_ == "VBD" \
                and any(c.dep_ in ("mark", "advmod") and c.lower_ in _NARRATIVE_MARKS for c in node.children):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


_STATE_PEOPLE = frozenset({"soldiers", "troops", "police", "policemen", "police officers"})
"""Counted people who serve some state: whose, a sentence's scene may say."""


def figure_disputes(finder: DisputeFinder) -> list[Dispute]:
    """Every figure given for a count of people, grouped by what happened to whom, each with
    the date it holds at; figures told as background ("the 2005 bombings, which killed 26")
    are left out."""
    groups: dict[str, list[Claim]] = {}
    anchor = publication_day(finder.parsed.article.date)
    told: dict[str, tuple[str, str]] = {}  # category -> (class, source) counted in the sentence before
    like_nums, lowers, tokens = finder.parsed.like_nums, finder.parsed.lowers, finder.parsed.tokens
    scenes: dict[int, str] | None = None
    for sent in finder.parsed.sentences:
        previous = ""
        before, told = told, {}
        counted_here: set[str] = set()
        for i in range(sent.start, sent.end):
            if not like_nums[i] and lowers[i] not in VAGUE:
                continue  # `_quantity` is None for all but these
            tok = tokens[i]
            found = _quantity(tok)
            if found is None:
                continue
            wording, value = found
            noun = _counted_noun(tok)
            if noun is not None and _a_part(noun):
                continue  # "22 people, including two senior officers": the two are among those counted
            people = _class_of(noun, previous)
            joined = _named_with_others(noun, finder.names)
            if joined is not None and not people:
                # "Zúñiga and 21 others were arrested": 22 people
                people, value = "people", (value[0] + joined, value[1] + joined)
                wording = f"{value[0]:.0f}" if value[0] == value[1] else wording
            attending = not people and noun is not None and _at_a_meeting(noun)
            if attending:
                # "a conference that is to include 15 nations", "delegates from 17 nations"
                people = "nations"
            if not people:
                continue
            previous = people
            category = "at the meeting" if attending else \
                (_category(tok) or _category(noun) if noun is not None else _category(tok))
            if not category:
                continue
            if _more_of_them(tok) and (category in counted_here or _TAKING_THE_TOLL.search(span_text(sent))):
                # "dozens killed ... and at least 20 more people were killed on Monday": added to
                # a count ("killed 62 and injured over 170 more" counts the injured)
                continue
            counted_here.add(category)
            when, background = event_time(tok, anchor)
            verb = _verb_of(tok)
            if background or _told_as_past(verb, anchor) \
                    or _infinitive(verb) and not (category == "stranded" and verb.lower_ not in _STRANDED
                                                  or category == "at the meeting"):
                # background, another story, or a capacity ("big enough to hold 300"); people
                # stranded are stranded whatever a plan does about them ("to help 7,000 still at sea")
                continue
            att = attribute(tok.head, finder.names, finder.pronoun_names)
            other = before.get(category)
            if people == "people" and other is not None and other[0] in _CROWDS and other[1] != att.source \
                    and not _WIDER.search(span_text(sent)):
                # "Police said eight protesters had been killed. The hospital received the bodies
                # of 15 people": the next sentence's people are those protesters, counted by another
                people = other[0]
            if noun is None or not any(c.dep_ == "prep" and c.lower_ == "among" for c in noun.children):
                told[category] = (people, att.source)  # "three children among 74 killed": a part, no crowd
            subject = f"number of {people} {category}"
            claim = finder._claim(sent, att.source, "figure", value, text=wording)
            claim.group = _nation_of(noun)
            if not claim.group and people in _STATE_PEOPLE:
                # "Meanwhile in Syria, ...": soldiers counted there are Syria's (`scene_people`)
                if scenes is None:
                    scenes = scene_people(finder.parsed)
                claim.group = scenes.get(sent.start, "")
            # A toll holds as of its report, unless it counts over a period ("since Tuesday",
            # "this year"): then it is compared only with counts over the same period.
            period = _period_of(verb)
            if period:
                span = resolve(period, anchor)
                if (
                    span is None
                    or anchor is None
                    or span.precision == "day"
                    and "since" not in period.lower()
                ):
                    continue  # a count over a period we cannot place ("in the past five years")
                end = anchor if period.lower().startswith("since") else min(span.end, anchor)
                claim.when = When(span.start, max(span.start, end), "range").iso
            elif when is not None and anchor is not None and (anchor - when.end).days > OLD_EVENT_DAYS:
                claim.when = when.iso  # "20 soldiers were killed in June": the toll of June
            else:
                claim.when = anchor.isoformat() if anchor else ""
            groups.setdefault(subject, []).append(claim)
    return [Dispute(subject=s, kind="numeric", claims=c) for s, c in groups.items()]


