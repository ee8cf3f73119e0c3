"""Regional context in one article: dated history, alliances and ruptures, organisations, places,
background events and regional patterns, each with its sentence.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..dates import publication_day
from ..model import ContextItem
from ..nlp.gazetteer import load_gazetteer
from .actors import ActorTable
from .attribution import DENYING, HEDGING_REPORTING, NEUTRAL_REPORTING
from .base import ParsedArticle, clean_span_text, short_phrase, span_text, subtree_span

HISTORY_WORDS = {"coup", "coups", "insurgency", "war", "rebellion", "uprising", "independence", "election",
                 "elections", "invasion", "occupation", "conflict", "crisis", "revolution", "massacre",
                 "genocide", "agreement", "accord", "treaty", "ceasefire", "referendum", "raid", "attack",
                 "attacks", "mutiny", "junta", "power", "intervention", "offensive", "deal", "resolution",
                 "vote", "ruled", "seized", "tsunami", "earthquake", "famine", "drought", "floods",
                 "epidemic", "inquiry", "sanctions"}
BACKGROUND_NOUNS = {"war", "insurgency", "rebellion", "uprising", "tsunami", "earthquake", "famine",
                    "drought", "flood", "epidemic", "election", "referendum", "sanction", "ceasefire",
                    "crisis", "conflict", "turmoil", "coup", "revolution", "inquiry", "resolution",
                    "dossier", "campaign", "threat", "violence", "siege", "occupation", "invasion"}
ALLY_WORDS = {"ally", "alliance", "alliances", "partnership", "partner", "cooperation", "ties", "relations",
              "support", "backing", "pact", "allied"}
FACILITY_HEADS = {"prison", "jail", "camp", "airport", "airbase", "barracks", "mall", "museum", "stadium",
                  "mosque", "temple", "church", "palace", "refinery", "dam", "port", "hospital", "university"}
"""Common nouns that, after a name, make a named site a place ("Tadmor prison", "Westgate mall")."""
NEUTRAL_TIES = {"relation", "relations", "tie", "ties"}
"""Nouns of an alliance only with a verb or word that makes them closer ("strengthen ties with")."""
_WARMING_VERBS = {"seek", "strengthen", "deepen", "build", "forge", "establish", "improve", "restore",
                  "boost", "expand", "cement", "normalise", "normalize", "develop", "renew", "resume",
                  "upgrade"}
_WARM_WORDS = {"close", "closer", "warm", "warmer", "strong", "stronger", "good", "friendly", "deep",
               "deeper", "strategic", "special"}


def _warming(noun: Token) -> bool:
    """Whether ties or relations are told as being made closer ("forged close ties with Russia")."""
    return noun.head.lemma_.lower() in _WARMING_VERBS or any(
        c.dep_ == "amod" and c.lower_ in _WARM_WORDS for c in noun.children)


BREAK_WORDS = {"sever", "cut", "break", "end", "suspend", "expel", "withdraw", "rupture", "downgrade", "sour"}
PATTERN_RE = re.compile(r"\b(neighbou?ring (countries|states|nations)|across the region|regional "
                        r"(struggle|trend|"
                        r"pattern|instability)|similar (security )?(dilemmas|problems|challenges|coups)|"
                        r"(wave|string|spate|series) of coups)\b", re.I)
YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
HASHTAG = re.compile(r"#[A-Za-z]\w{3,}")
NAMED_DAY = re.compile(r"(?:[1-9]|[12]\d|3[01])/(?:[1-9]|1[0-2])")
""""7/7", "9/11", "26/11": an event known by its day and month (a token of its own, never a date
with a year or a fraction in a figure)."""
INTERNATIONAL = {"United Nations", "UN Security Council", "African Union", "ECOWAS", "European Union", "NATO",
                 "MINUSMA", "Alliance of Sahel States", "G5 Sahel", "G8", "G7", "G20",
                 "International Criminal Court", "Red Cross"}


def _years(parsed: ParsedArticle, span: Span) -> list[int]:
    """Years named in a span's DATE entities ("2020 and 2021", "since 2012")."""
    years: set[int] = set()
    for ent in parsed.ents_in(span):
        if ent.label_ == "DATE":
            years.update(int(y) for y in YEAR_RE.findall(span_text(ent)))
    return sorted(years)


def _clause_with(token: Token, limit: int = 28) -> str:
    """The clause around a token: its verb's subtree, cut to `limit` words."""
    node = token
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    span = subtree_span(node) if node.pos_ in ("VERB", "AUX") else token.sent
    if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN"):
        # "the insurgency that has plagued Mali since 2012", not just "that has plagued ..."
        span = token.doc[node.head.left_edge.i : max(span.end, node.head.i + 1)]
    words = clean_span_text(span_text(span)).split()
    return " ".join(words[:limit]) + ("..." if len(words) > limit else "")


_GOVERNMENT_ACTS = frozenset(NEUTRAL_REPORTING | HEDGING_REPORTING | DENYING
                             | {"accuse", "blame", "condemn", "warn", "reject", "demand", "urge", "vow"})
"""What a capital does when it stands for its government ("Kyiv denied", "Moscow warned")."""


class ContextFinder:
    """Collects context items from one parsed article."""

    def __init__(self, parsed: ParsedArticle, table: ActorTable) -> None:
        self.parsed = parsed
        self.table = table

    def _item(self, kind: str, text: str, sent: Span, years: list[int] | None = None,
              actors: list[str] | None = None) -> ContextItem:
        return ContextItem(kind=kind, text=text, years=years or [], evidence=[self.parsed.evidence(sent)],  # type: ignore[arg-type]
                           actors=actors or self.table.names_in(sent))

    def run(self) -> list[ContextItem]:
        """Every context item in the article."""
        items: list[ContextItem] = []
        seen_background: set[str] = set()
        seen_places: set[str] = set()
        seen_orgs: set[str] = set()
        seen_days: set[str] = set()
        parsed = self.parsed
        lemmas, poses, tokens = parsed.lemmas, parsed.poses, parsed.tokens
        for sent in parsed.sentences:
            items += self._history(sent)
            items += self._alliances(sent)
            if PATTERN_RE.search(parsed.text_of(sent)):
                items.append(self._item("pattern", short_phrase(sent, 30), sent))
            for i in range(sent.start, sent.end):
                lemma = lemmas[i]
                if poses[i] == "NOUN" and lemma in BACKGROUND_NOUNS and lemma not in seen_background:
                    seen_background.add(lemma)
                    tok = tokens[i]
                    phrase = clean_span_text(span_text(tok.doc[tok.left_edge.i : tok.i + 1]))
                    items.append(self._item("background", f"{phrase}: {_clause_with(tok)}", sent))
            items += self._places(sent, seen_places)
            items += self._organisations(sent, seen_orgs)
            items += self._named_days(sent, seen_days)
            items += self._hashtags(sent, seen_days)
        return items

    def _hashtags(self, sent: Span, seen: set[str]) -> list[ContextItem]:
        """"a #BringBackOurGirls Twitter campaign": a campaign known by its hashtag, once."""
        out: list[ContextItem] = []
        if "#" not in self.parsed.text_of(sent):  # a "#" token is in the sentence's text
            return out
        for tok in self.parsed.tokens_of(sent):
            if tok.text != "#" or tok.i + 1 >= sent.end:
                continue
            tag = "#" + tok.doc[tok.i + 1].text  # the tokenizer splits "#BringBackOurGirls" after the "#"
            if HASHTAG.fullmatch(tag) and tag.lower() not in seen:
                seen.add(tag.lower())
                out.append(self._item("background", f"{tag}: {_clause_with(tok)}", sent))
        return out

    def _named_days(self, sent: Span, seen: set[str]) -> list[ContextItem]:
        """"the widow of 7/7 bomber Jermaine Lindsay", "since the 9/11 attacks": a past event known
        by its day and month is history, though no year is written."""
        out: list[ContextItem] = []
        if "/" not in self.parsed.text_of(sent):  # every named day has one
            return out
        for tok in self.parsed.tokens_of(sent):
            if (
                not NAMED_DAY.fullmatch(tok.text)
                or tok.text in seen
                or tok.head.pos_ not in ("NOUN", "PROPN")
                or tok.head.i == tok.i
            ):
                continue
            seen.add(tok.text)
            phrase = short_phrase(tok.doc[tok.i : tok.head.right_edge.i + 1], 8)
            out.append(self._item("history", phrase, sent))
        return out

    def _history(self, sent: Span) -> list[ContextItem]:
        years = _years(self.parsed, sent)
        if not years:
            return []
        words = self.parsed.words_of(sent) | self.parsed.lemmas_of(sent)
        if not words & HISTORY_WORDS and not self._told_as_past(sent, years):
            return []
        anchor = next(
            (e.root for e in self.parsed.ents_in(sent)
             if e.label_ == "DATE" and YEAR_RE.search(span_text(e))),
            sent.root,
        )
        return [self._item("history", _clause_with(anchor, 30), sent, years)]

    def _told_as_past(self, sent: Span, years: list[int]) -> bool:
        """"The group was founded in 2012": a past-tense sentence about a year two or more years
        before the article is history, whatever its verb."""
        day = publication_day(self.parsed.article.date)
        if day is None or min(years) > day.year - 2:
            return False
        root = sent.root
        aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
        return root.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux)

    def _alliances(self, sent: Span) -> list[ContextItem]:
        """"seek alliances with Russia ... after severing ties with France"."""
        out: list[ContextItem] = []
        lowers, tokens = self.parsed.lowers, self.parsed.tokens
        for i in range(sent.start, sent.end):
            if lowers[i] != "with":
                continue
            tok = tokens[i]
            if tok.dep_ != "prep":
                continue
            objs = [c for c in tok.children if c.dep_ == "pobj"]
            objs += [c for o in objs for c in o.conjuncts]
            names = [self.table.actors[self.table.token_actor[o.i]] for o in objs
                     if o.i in self.table.token_actor]
            names = [a for a in names if a.kind in ("country", "organisation", "armed group")]
            if not names:
                continue
            head = tok.head
            path = {head.lemma_.lower(), head.lower_, head.head.lemma_.lower()}
            if not path & (ALLY_WORDS | BREAK_WORDS):
                continue
            rupture = bool(path & BREAK_WORDS)
            if not rupture and head.lemma_.lower() in NEUTRAL_TIES and not _warming(head):
                continue  # "in our relations with China", "Relations with Pakistan": neither way
            verb = head if head.pos_ == "VERB" else head.head
            phrase = clean_span_text(tok.doc[min(verb.i, head.i) : tok.right_edge.i + 1].text)
            clause = subtree_span(verb) if verb.pos_ in ("VERB", "AUX") else sent
            for actor in names:
                kind = "rupture" if rupture else "alliance"
                out.append(self._item(kind, f"{actor.name}: {phrase}", sent, _years(self.parsed, clause),
                                      [actor.name]))
        return out

    def _places(self, sent: Span, seen: set[str]) -> list[ContextItem]:
        gaz = load_gazetteer()
        out = []
        ents = [e for e in self.parsed.ents_in(sent) if e.label_ in ("GPE", "LOC", "FAC")]
        for at, ent in enumerate(ents):
            if ent[-1].pos_ in ("ADP", "DET") and at + 1 < len(ents) and ents[at + 1].start == ent.end:
                # "the Strait of" + "Malacca": one name the model cut in two
                ent = ent.doc[ent.start : ents[at + 1].end]
                ents[at + 1] = ent
                continue
            if ent[-1].pos_ in ("ADP", "DET") or all(t.pos_ in ("VERB", "AUX", "ADV", "ADP", "DET", "PRON")
                                                      for t in ent):
                continue  # "Strait of", "Starving": no name of a place ("Yarmouk", tagged an adjective, is)
            if any(c.dep_ == "poss" and c.ent_type_ == "ORG" for c in ent.root.children):
                continue  # "Al Jazeera's Step Vaessen reported": a reporter, not a place
            if ent.root.dep_ == "nsubj" and ent.root.head.lemma_.lower() in _GOVERNMENT_ACTS:
                continue  # "Kyiv strongly denied any involvement": the government, not a place of the story
            name = clean_span_text(span_text(ent)).removeprefix("the ")
            if name in seen or not name[:1].isupper():
                continue
            seen.add(name)
            country = gaz.country_of(name)
            if country is None and name.isupper() and len(name) <= 3:
                continue  # "QC", "MP": initials the model took for a place
            if gaz.is_country(name):
                continue  # countries are actors; the focus country's neighbours come at merge
            text = f"{name} ({country})" if country and country != name else name
            out.append(self._item("place", text, sent))
        lemmas, tokens = self.parsed.lemmas, self.parsed.tokens
        for i in range(sent.start, sent.end):
            if lemmas[i] not in FACILITY_HEADS:
                continue
            tok = tokens[i]
            if tok.pos_ != "NOUN":
                continue
            # "the notorious Tadmor prison", "the Westgate mall": a named site (the model may give
            # the name any label, or none)
            names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
            if not names or any(self.table.actors[self.table.token_actor[c.i]].kind == "person"
                                for c in names if c.i in self.table.token_actor):
                continue  # "the Putin palace" is whose, not where
            if gaz.locate(clean_span_text(tok.doc[names[0].left_edge.i : tok.i].text)) is not None:
                continue  # "a Berlin hospital", "the Nairobi mall": a site in a town, named by the town
            name = clean_span_text(tok.doc[names[0].left_edge.i : tok.i + 1].text).removeprefix("the ")
            if name in seen or not name[:1].isupper():
                continue
            seen.add(name)
            out.append(self._item("place", name, sent))
        return out

    def _organisations(self, sent: Span, seen: set[str]) -> list[ContextItem]:
        out = []
        described: set[int] = set()
        for i in range(sent.start, sent.end):
            key = self.table.token_actor.get(i)
            if not key or key in seen or i in described:
                continue
            tok = self.parsed.tokens[i]
            actor = self.table.actors[key]
            is_inquiry = actor.kind == "organisation" and actor.name.split()[-1].lower() in (
                "inquiry",
                "commission",
                "court",
                "tribunal",
            )
            if actor.name in INTERNATIONAL or is_inquiry:
                seen.add(key)
                # "MINUSMA, the United Nations peacekeeping mission in Mali": the apposition says what it is.
                root = tok
                while root.head.i != root.i and self.table.token_actor.get(root.head.i) == key:
                    root = root.head
                appos = next((c for c in root.children if c.dep_ == "appos"), None)
                about = short_phrase(subtree_span(appos), 16) if appos is not None else _clause_with(root, 24)
                if appos is not None:
                    described.update(range(appos.left_edge.i, appos.right_edge.i + 1))
                out.append(self._item("organisation", f"{actor.name}: {about}", sent, actors=[actor.name]))
        return out


def extract_context(parsed: ParsedArticle, table: ActorTable) -> list[ContextItem]:
    """Regional context items of one article."""
    return ContextFinder(parsed, table).run()
