"""Actors in one article: named entities and collective groups, with kinds, aliases and roles.

Names are merged inside the article ("Dembele" = "General Abass Dembele", "CNRDR" = the long
name it abbreviates); roles come from titles before a name ("former Prime Ministers Moussa Mara
and Choguel Maiga" gives both the title) and from appositions ("Philippe Sands, a QC").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span, Token

from ..model import ActorKind, ActorMention
from ..nlp.components import nickname_start
from ..nlp.gazetteer import demonym_countries, load_gazetteer
from ..nlp.pattern_files import bundled_patterns
from ..text import name_key
from .base import (
    HONORIFICS,
    PEERAGES,
    ParsedArticle,
    clean_span_text,
    span_text,
    strip_determiner,
)
from .roles import (
    _appositive_roles,
    _bare_office_titles,
    _distribute_titles,
    _lower_modifiers,
    _prefix_roles,
    _title_index,
    _title_words,
    _Titles,
    caption_position,
    role_key,
)

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_ARMED_WORDS = {"movement", "movements", "front", "brigade", "brigades", "militia", "militias", "rebels",
                "mujahideen", "mujahedeen", "jihad", "liberation", "insurgents", "army"}
_NOT_NAMES = {"source", "sources", "title", "date", "author", "category", "tags", "slug", "update", "updated",
              "photo", "video", "reuters/", "getty", "images", "mr", "mrs", "ms", "dr", "sir", "lord", "lady",
              "highlight", "read more", "advertisement", "click", "copyright", "january", "february", "march",
              "april", "may", "june", "july", "august", "september", "october", "november", "december",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
              "yesterday"}
_ACRONYM_AFTER = re.compile(r"^\s*(?:\(\s*|,\s*or\s+|,\s*known as\s+)([A-Z][A-Z0-9-]{1,9})\b")


@dataclass
class ActorTable:
    """The actors of one article and which tokens refer to which actor."""

    actors: dict[str, ActorMention] = field(default_factory=dict)
    """Canonical name -> the actor as seen in this article."""
    token_actor: dict[int, str] = field(default_factory=dict)
    """Token index -> canonical name, for every token inside an actor's mention."""
    person_roles: dict[str, set[str]] = field(default_factory=dict)
    """Folded title word ("president") -> persons holding it, for "the president" coreference."""

    def actor_at(self, token: Token) -> str | None:
        """The actor a token belongs to, if any."""
        return self.token_actor.get(token.i)

    def names_in(self, span: Span) -> list[str]:
        """The names of the actors a span mentions by name, in the order it first names them."""
        at = range(span.start, span.end)
        keys = dict.fromkeys(self.token_actor[i] for i in at if i in self.token_actor)
        return [self.actors[k].name for k in keys]


@dataclass
class _Candidate:
    span: Span
    kind: ActorKind
    canonical: str | None
    """A fixed canonical name from a pattern id (countries, known groups), else None."""
    agency: bool = False


def _kind_of(ent: Span, titles: _Titles) -> tuple[ActorKind | None, str | None, bool]:
    """Kind, fixed canonical name and whether it is a news agency, for an entity (None kind: not an actor)."""
    ident = ent.id_ or ""
    prefix, _, name = ident.partition(":")
    if prefix == "country":
        return "country", name, False
    if prefix == "ethnic" and ent.root.dep_ not in ("compound", "amod", "nmod", "npadvmod", "poss") \
            and ent.root.pos_ in ("PROPN", "NOUN"):
        return "collective", name, False  # "nearly 500 Rohingya landed": the people as a group
    if prefix in ("place", "demonym", "ethnic"):
        return None, None, False
    if prefix == "armed group":
        return "armed group", name, False
    if not ident and ent[-1].lower_ in _WORK_TAILS:
        return None, None, False  # "the Andrew Marr Show": a programme, not an actor
    if prefix == "organisation":
        return "organisation", name, False
    if prefix in ("agency", "outlet"):
        return "organisation", name, True
    if ent.label_ == "PERSON":
        return "person", None, False
    if ent.label_ == "GPE":
        gaz = load_gazetteer()
        if gaz.is_country(span_text(ent)):
            return "country", gaz.canonical_country(span_text(ent)), False
        return None, None, False  # cities and regions are context, not actors
    if ent.label_ == "NORP":
        root = ent.root
        if not span_text(ent)[:1].isupper() or root.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss"):
            return None, None, False  # "Tory MP", "ethnic Tuareg separatists": a modifier, not a group
        return "collective", None, False
    if ent.label_ == "ORG":
        if titles.reach.get(ent.start, 0) > ent.end:
            return None, None, False  # "Interior" of "Interior Minister Antoine Diome" is part of a title
        if len(ent) == 1 and ent.text.lower() in _GENERIC_ORG_WORDS:
            return None, None, False  # "the Restoration of the State": a common noun in capitals
        if _named_as_nickname(ent) or _names_a_work(ent):
            return None, None, False
        if ent[-1].lower_ in _EVENT_NOUNS:
            return None, None, False  # "the General Election" is an event, not a body
        words = {t.lower_ for t in ent}
        return ("armed group" if words & _ARMED_WORDS else "organisation"), None, False
    return None, None, False


_GENERIC_ORG_WORDS = {"state", "government", "committee", "council", "ministry", "army", "assembly",
                      "parliament", "court", "party", "union", "office", "department", "agency", "police",
                      "military", "navy", "senate", "congress", "commission", "bank", "republic", "cabinet",
                      "administration", "hospital", "university", "school", "prison", "embassy", "museum",
                      "intelligence"}


def _named_as_nickname(ent: Span) -> bool:
    """"the nickname 'Soldier of Democracy'", "dubbed 'the Lion'": a nickname, not an organisation."""
    before = ent.doc[max(0, ent.start - 3) : ent.start]
    return any(
        t.lemma_.lower() in ("nickname", "dub", "call", "title", "entitle", "nicknamed") for t in before
    ) and any(t.is_quote for t in before)


_WORK_TAILS = {"show", "programme", "program", "podcast", "documentary", "series"}
_EVENT_NOUNS = {"election", "elections", "summit", "referendum", "war", "campaign", "games", "olympics",
                "cup", "conference", "festival", "day"}
_WORK_NOUNS = {"book", "novel", "memoir", "film", "documentary", "album", "song", "play", "programme",
               "program", "series", "report", "study", "paper"}


def _names_a_work(ent: Span) -> bool:
    """"his new book, Lawless World": the title of a work, not an organisation."""
    i = ent.start - 1
    while i >= 0 and (ent.doc[i].is_punct or ent.doc[i].is_quote):
        i -= 1
    return i >= 0 and ent.doc[i].lemma_.lower() in _WORK_NOUNS


def _is_junk(text: str) -> bool:
    """Names that are metadata, numbers, titles or fragments rather than actors."""
    key = text.lower().strip()
    if key in _title_words() or (key.endswith("s") and key[:-1] in _title_words()):
        return True  # "MPs", "Generals"
    if len(key) < 2 or key in _NOT_NAMES or any(c.isdigit() for c in key):
        return True
    if not any(c.isalpha() for c in key) or not text[:1].isupper() and not text[:1].isdigit():
        return True
    if (
        "@" in text
        or "http" in key
        or "/" in text
        or '"' in text
        or "“" in text
        or "¿" in text
        or "?" in text
    ):
        return True
    return False


def _core_name(span: Span, titles: set[int]) -> tuple[str, list[str]]:
    """A person's name without leading titles (starting at a token in `titles`) or honorifics,
    and the honorifics removed."""
    tokens = list(span)
    removed: list[str] = []
    while len(tokens) > 1 and (tokens[0].lower_ in HONORIFICS or tokens[0].i in titles):
        removed.append(tokens[0].text)
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].i in titles or tokens[-1].text in ("QC", "MP", "KC")):
        tokens = tokens[:-1]
    start = span.start
    while start > 0 and span.doc[start - 1].lower_ in PEERAGES and span.doc[start - 1].is_title:
        removed.insert(0, span.doc[start - 1].text)  # "Lord" left outside the entity by NER
        start -= 1
    text = clean_span_text("".join(t.text_with_ws for t in tokens))
    return text, removed


_LONG_NAME = re.compile(
    r"((?:[A-Z][\w'’-]+|of|for|the|and|de|du|des|al|el|la|le)(?:\s+(?:[A-Z][\w'’-]+|of|for|the|and|de|du|des|al|el|la|le)){1,14})"
    r"\s*(?:\(\s*|,\s*or\s+|,\s*known as\s+)([A-Z][A-Z0-9-]{1,9})\b"
)


def _acronyms(parsed: ParsedArticle) -> dict[str, list[str]]:
    """Acronym -> the long names it stands for, from "Long Name (ACR)" or "Long Name, or ACR"."""
    out: dict[str, list[str]] = {}
    for match in _LONG_NAME.finditer(parsed.text):
        long = re.sub(r"^(?:(?:of|for|the|and)\s+)+", "", match.group(1))
        acronym = match.group(2)
        if len(long.split()) >= 2 and long != acronym and long not in out.get(acronym, []):
            out.setdefault(acronym, []).append(long)
    return out


def _long_name_owner(cand: _Candidate, acronyms: dict[str, list[str]]) -> str | None:
    """The acronym whose long name contains this organisation's name, if any."""
    text = span_text(cand.span)
    for acronym, longs in acronyms.items():
        if any(text in long and len(text.split()) >= 2 for long in longs):
            return acronym
    return None


def _collective_candidates(parsed: ParsedArticle, taken: set[int]) -> list[_Candidate]:
    """Collective actors ("the junta", "soldiers") where the word heads a noun phrase."""
    out = []
    scenes: dict[int, str] | None = None
    spans = sorted(parsed.doc.spans.get("collectives", []), key=lambda s: (-(s.end - s.start), s.start))
    for span in spans:
        root = span[-1]
        if any(t.i in taken for t in span) or root.pos_ not in ("NOUN", "PROPN"):
            continue
        taken.update(range(span.start, span.end))
        if root.dep_ in ("compound", "amod", "nmod", "npadvmod") and root.head.pos_ in ("NOUN", "PROPN"):
            continue  # "government forces", "army vehicles": a modifier, not the group
        group, _, canonical = span.id_.partition(":")
        canonical = canonical or span.text.lower()
        # "the US military", "the Malian army", "Iraq's defence ministry": a country or people
        # before the group names it.
        owner = [c for c in root.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                 and c.ent_type_ in ("GPE", "NORP") and c.i < span.start]
        if group == "institution":
            country = _owner_country(owner[0]) if owner else None
            if country is None:
                continue  # "the ministry" with no state named is too vague to be an actor
            out.append(_Candidate(parsed.doc[owner[0].left_edge.i : span.end], "organisation",
                                  f"{country} {canonical}"))
            continue
        if not owner and canonical in _STATE_GROUPS:
            # "Meanwhile in Syria, ... clashes with government forces": the scene's state's, in an
            # article about another country
            if scenes is None:
                scenes = scene_people(parsed)
            scene = scenes.get(root.sent.start)
            if scene is not None:
                canonical = f"{scene} {canonical.removeprefix('the ')}"
        irregular = [c for c in root.children if c.dep_ in ("amod", "compound")
                     and c.lower_ in _NOT_THE_STATES and c.i < span.start]
        if irregular and canonical in _STATE_GROUPS:
            # "the private army", "mercenary soldiers", "rebel soldiers": a force of its own, not the state's
            canonical = f"{'the ' if canonical.startswith('the ') else ''}{irregular[0].lower_} " \
                        f"{canonical.removeprefix('the ')}"
            span = parsed.doc[irregular[0].i : span.end]
        elif owner and canonical in ("the army", "soldiers", "the government", "police", "authorities",
                                     "rebels"):
            start = owner[0].left_edge.i
            while start < owner[0].i and parsed.doc[start].is_lower:
                start += 1  # "ethnic Tuareg rebels" is the "Tuareg rebels"
            mod = parsed.doc[start : owner[-1].i + 1].text
            canonical = f"{mod} {canonical.removeprefix('the ')}"
            span = parsed.doc[owner[0].left_edge.i : span.end]
        out.append(_Candidate(span, "collective", canonical))
    return out


_STATE_GROUPS = frozenset({"the army", "soldiers", "the government", "police", "authorities"})
"""Collectives that are some state's: whose a sentence's scene may say."""
_NOT_THE_STATES = frozenset({"private", "mercenary", "rebel", "insurgent", "separatist", "breakaway", "rogue",
                             "irregular"})
"""Words that make an army, soldiers or a government no state's own ("the private army")."""
SCENE_REACH = 2
"""Sentences after one that opens on another country ("Meanwhile in Syria, ...") still set there."""
_SCENE_OPENERS = frozenset({"meanwhile", "elsewhere", "separately"})


def scene_people(parsed: ParsedArticle) -> dict[int, str]:
    """The people (demonym: "Syrian") of the country each sentence is set in, by the sentence's
    start, where the article turns to a country its title does not name: a sentence opening "In
    Syria, ..." or "Meanwhile in neighbouring Syria, ...", and the `SCENE_REACH` after it until one
    opens on another country or names one the title names."""
    title = parsed.article.title.lower()
    sentences = parsed.sentences
    out: dict[int, str] = {}
    for at, sent in enumerate(sentences):
        country = _opening_country(sent)
        if country is None:
            continue
        people = _demonym(country)
        if people is None or country.lower() in title or people.lower() in title:
            continue  # the article's own country: "the army" is already its army
        for later in sentences[at : at + 1 + SCENE_REACH]:
            if later is not sent and (_opening_country(later) is not None
                                      or any(c.lower() in title for c in _countries_in(later))):
                break  # the story moves on, or back ("Government forces in Iraq have pushed ...")
            out[later.start] = people
    return out


def _countries_in(sent: Span) -> set[str]:
    """The countries a sentence names."""
    gazetteer = load_gazetteer()
    out = set()
    for ent in sent.ents:
        if ent.label_ == "GPE":
            country = _owner_country(ent.root)
            if country is not None and gazetteer.is_country(country):
                out.add(country)
    return out


def _opening_country(sent: Span) -> str | None:
    """The country a sentence opens on: "In Syria, ...", "Meanwhile, in neighbouring Syria, ..."."""
    doc, at = sent.doc, sent.start
    while at < sent.end and (doc[at].lower_ in _SCENE_OPENERS or doc[at].text == ","):
        at += 1
    if at >= sent.end or doc[at].lower_ != "in" or doc[at].dep_ != "prep":
        return None
    pobj = next((c for c in doc[at].children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.ent_type_ != "GPE":
        return None
    after = pobj.right_edge.i + 1
    if after >= sent.end or doc[after].text != ",":
        return None  # "In Syria the war goes on" is read as a scene only with its comma
    country = _owner_country(pobj)
    return country if country is not None and load_gazetteer().is_country(country) else None


@lru_cache(maxsize=512)
def _demonym(country: str) -> str | None:
    """"Syrian" for Syria: the bundled demonym for its people, one person's form."""
    forms = [d for d, c in demonym_countries().items() if c == country]
    singular = [d for d in forms if not d.endswith("s")] or forms
    return min(singular, key=len).title() if singular else None


def _owner_country(token: Token) -> str | None:
    """The country a modifier names: "Iraq's", "Iraqi", "the US" (None for other names)."""
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if ent is None:
        return None
    group, _, canonical = ent.id_.partition(":")
    if group in ("demonym", "country") and canonical:
        return canonical
    return load_gazetteer().canonical_country(ent.text)


_PLACE_HEADS = {"site", "scene", "town", "city", "village", "district", "province", "region", "area",
                "valley", "plateau", "territory", "enclave", "county", "suburb", "neighbourhood",
                "neighborhood", "island", "port", "capital", "hamlet", "oasis"}
"""Heads of an apposition that make the name before it a place: a person is no "site of the
clashes" or "village near the border"."""


_FIGHTER_NOUNS = {"warrior", "fighter", "militant", "gunman", "guerrilla", "insurgent", "rebel", "jihadist",
                  "militia", "militiaman", "extremist", "soldier", "mercenary", "paramilitary"}


def _read_in_apposition(parsed: ParsedArticle) -> tuple[set[str], dict[str, ActorKind]]:
    """What the article itself says names the parser read as people (or bodies) are, in an
    apposition after them: the names of places, every mention of which is that place ("Aksai
    Chin, the site of the latest tensions", "Omar Dara, a village near the border"; people only),
    and the kind of group of names it calls many people ("the Mujahideen (Muslim guerrilla
    warriors)", "Ansaru, local militia fighters"): an armed group when they are fighters, else
    (people only) a collective; a body called people who are no fighters stays a body."""
    places: set[str] = set()
    groups: dict[str, ActorKind] = {}
    for ent in parsed.entities:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        person = ent.label_ == "PERSON"
        for child in ent.root.children:
            if child.dep_ != "appos" or child.i < ent.end:
                continue
            if person and _a_place(child):
                places.add(span_text(ent))
            if child.tag_ in ("NNS", "NNPS"):
                if child.lemma_.lower() in _FIGHTER_NOUNS or \
                        any(t.lower_ in _ARMED_WORDS for t in (*ent, *child.subtree)):
                    groups[span_text(ent)] = "armed group"
                elif person:
                    groups[span_text(ent)] = "collective"
    return places, groups


def _a_place(noun: Token) -> bool:
    """Whether an apposition's head names a place: "a village near the border", "the site of the
    clashes" (a "site" or "scene" only with its "of": "a site that tracks Twitter" is a website)."""
    lemma = noun.lemma_.lower()
    if lemma in ("site", "scene"):
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    return lemma in _PLACE_HEADS


def extract_actors(parsed: ParsedArticle) -> ActorTable:
    """Every actor in the article, merged by name, with roles, aliases and evidence."""
    doc = parsed.doc
    candidates: list[_Candidate] = []
    taken: set[int] = set()
    titles = _title_index(parsed)
    places, groups = _read_in_apposition(parsed)
    for ent in parsed.entities:
        if ent.label_ not in ACTOR_LABELS:
            continue
        kind, canonical, agency = _kind_of(ent, titles)
        if kind is None or (canonical is None and _is_junk(span_text(ent))):
            continue
        if kind == "person" and span_text(ent) in places:
            continue  # "Aksai Chin, the site of the latest tensions": a place, not a person
        if kind in ("person", "organisation") and span_text(ent) in groups:
            kind = groups[span_text(ent)]  # "the Mujahideen (Muslim guerrilla warriors)": a group
        candidates.append(_Candidate(ent, kind, canonical, agency))
        taken.update(range(ent.start, ent.end))
    candidates += _collective_candidates(parsed, taken)
    acronyms = _acronyms(parsed)
    title_starts = titles.starts

    # First pass: full names. Persons merge on their core name; others on their canonical or text.
    table = ActorTable()
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, ActorKind] = {}
    person_cores: dict[str, str] = {}  # name_key of a multi-word person name -> key
    resolved: list[tuple[_Candidate, str]] = []
    person_at = {cand.span.start: cand.span for cand in candidates if cand.kind == "person"}
    for cand in candidates:
        if cand.kind == "person":
            core, _removed = _core_name(cand.span, title_starts)
            if _is_junk(core) or core.lower() in HONORIFICS:
                continue
            end = cand.span.end
            partner = person_at.get(end + 1) if end < len(doc) and doc[end].lower_ == "and" else None
            if " " not in core and partner is not None and len(partner) >= 2:
                core = f"{core} {partner[-1].text}"  # "Sergei and Yulia Skripal": both are Skripals
            key = name_key(core)
            if len(key.split()) >= 2:
                person_cores[key] = key
            surface[key][core] += 1
        elif cand.canonical:
            key = name_key(cand.canonical)
            surface[key][cand.canonical] += 100  # the canonical spelling always wins
            if span_text(cand.span) != cand.canonical:
                surface[key][span_text(cand.span)] += 1
        else:
            text = strip_determiner(clean_span_text(span_text(cand.span)))
            if cand.kind == "collective" and text.endswith("s") and name_key(text[:-1]) in surface:
                text = text[:-1]  # "Tuaregs" is "Tuareg"
            owner = _long_name_owner(cand, acronyms) if cand.kind != "collective" else None
            if owner:
                key = name_key(owner)
                surface[key][owner] += 0  # the acronym names the actor; the long form is an alias
                for long in acronyms[owner]:
                    surface[key][long] += 0
            else:
                key = name_key(text)
            surface[key][text] += 1
        if cand.kind in ("country", "armed group") or key not in kinds:
            kinds[key] = cand.kind  # a gazetteer or pattern reading beats an earlier statistical guess
        resolved.append((cand, key))

    # Second pass: a surname (or last two words) alone is the full name that ends with it; not two
    # words that end a name given to someone's kin ("his son General Mahamat Idriss Deby": Idriss
    # Deby is the father; "his mother Anna Nowak-Lis" is still Mrs Nowak-Lis).
    kin = {key for cand, key in resolved if cand.kind == "person" and _named_as_kin(cand.span)}
    tails: dict[str, list[str]] = defaultdict(list)
    for full in sorted(person_cores, key=lambda k: -sum(surface[k].values())):
        words = full.split()
        for n in (1, 2):
            if len(words) > n:
                tails[" ".join(words[-n:])].append(full)
    starts: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (sentence start, token) of each mention
    for cand, key in resolved:
        starts[key].append((cand.span.sent.start, cand.span.start))
    # "Faki" = "Moussa Faki Mahamat", "General Oligui" = "Brice Oligui Nguema": a middle name of
    # one full name only (many cultures put the name used alone there)
    middles: dict[str, set[str]] = defaultdict(set)
    for full in person_cores:
        for word in full.split()[1:-1]:
            middles[word].add(full)
    merged_key = {}
    for key in list(surface):
        apart = " " in key and any(" " in text for text in surface[key])  # two words, not "Nowak-Lis"
        targets = [t for t in tails.get(key, ()) if t != key and not (apart and t in kin)]
        if not targets and " " not in key and len(middles.get(key, ())) == 1:
            targets = list(middles[key])
        if targets and kinds.get(key) in ("person", "organisation", "collective"):
            merged_key[key] = _nearest_before(targets, starts, min(starts[key], default=(0, 0))[1])
    # "Mohamed Hamdan Dagalo, known as Hemedti": the nickname is the same person.
    by_start = {cand.span.start: key for cand, key in resolved if cand.kind == "person"}
    for cand, key in resolved:
        if cand.kind == "person":
            start = nickname_start(doc, cand.span.end)
            nick = by_start.get(start) if start is not None else None
            if nick and nick != key:
                merged_key[nick] = merged_key.get(key, key)
    # A first name alone is the one full name that starts with it ("Gordon" = "Gordon Brown").
    heads: dict[str, list[str]] = defaultdict(list)
    for full in person_cores:
        heads[full.split()[0]].append(full)
    for key in list(surface):
        # ("Ruben stood with the people", said his wife: the model may read a first name as a body)
        if kinds.get(key) in ("person", "organisation") and " " not in key and len(heads.get(key, [])) == 1:
            merged_key.setdefault(key, heads[key][0])

    merged_into: dict[str, list[str]] = defaultdict(list)
    for other, target in merged_key.items():
        merged_into[target].append(other)
    mentions_seen: dict[str, set[int]] = defaultdict(set)
    for cand, key in resolved:
        key = merged_key.get(key, key)
        counts = surface[key]
        for other in merged_into.get(key, ()):
            counts = counts + surface[other]
        actor = table.actors.get(key)
        if actor is None:
            actor_kind = kinds.get(key, cand.kind)
            actor = ActorMention(name=_display_name(counts, actor_kind), kind=actor_kind)
            table.actors[key] = actor
        alias = span_text(cand.span) if cand.kind != "person" else _core_name(cand.span, title_starts)[0]
        alias = clean_span_text(strip_determiner(alias))
        for name_ in [alias, *[n for n, c in counts.items() if c == 0]]:
            if name_ and name_ != actor.name and name_ not in actor.aliases and not _is_junk(name_):
                actor.aliases.append(name_)
        for i in range(cand.span.start, cand.span.end):
            table.token_actor[i] = key
        sent = cand.span.sent
        if sent.start not in mentions_seen[key]:
            mentions_seen[key].add(sent.start)
            actor.evidence.append(parsed.evidence(sent))
        if cand.kind == "person":
            _, removed = _core_name(cand.span, title_starts)
            for role in _prefix_roles(cand.span, titles) + _appositive_roles(cand.span, titles):
                role = _lower_modifiers(role)
                if role not in actor.roles and not caption_position(role):
                    actor.roles.append(role)
            _peerage(actor, removed)
        if cand.agency:
            actor.cited_as_source = actor.cited_as_source or _cited(cand.span)
    _distribute_titles(parsed, table, titles.by_end)
    _bare_office_titles(parsed, table)
    for key, actor in table.actors.items():
        if actor.cited_as_source and not any(r.startswith("news ") for r in actor.roles):
            actor.roles.insert(0, "news agency" if key in _wire_keys() else "news outlet")
        if actor.kind == "person":
            for role in actor.roles:
                table.person_roles.setdefault(role_key(role), set()).add(key)
    _propagate_names(parsed, table)
    # Re-key by display name for the outside world.
    table.actors = dict(table.actors.items())
    return table


_KIN = frozenset({"son", "daughter", "brother", "sister", "father", "mother", "wife", "husband", "widow",
                  "nephew", "niece", "cousin", "uncle", "grandson", "granddaughter", "stepson"})
"""Nouns that give a person as someone's kin, who often bears part of that someone's name."""


def _named_as_kin(name: Span) -> bool:
    """Whether a person's name comes right after a noun of kinship ("his 37-year-old son General
    Mahamat Idriss Deby", "his wife, Sylvia Bongo")."""
    start = max(name.sent.start, name.start - 4)
    return any(t.lemma_.lower() in _KIN for t in name.doc[start : name.start])


def _nearest_before(fulls: list[str], starts: dict[str, list[tuple[int, int]]], at: int) -> str:
    """Of the full names a short one may stand for (most named first), the one named in the last
    sentence before token `at` that names any: "his wife Sylvia Bongo Valentin. Mrs Bongo Valentin
    is under house arrest" is Sylvia, not the son named two paragraphs before; the most named when
    none comes before, or when that sentence names two ("Sergei and Yulia Skripal")."""
    if len(fulls) == 1:
        return fulls[0]
    last = {full: max((sent for sent, tok in starts.get(full, ()) if tok < at), default=-1) for full in fulls}
    latest = max(last.values())
    nearest = [full for full in fulls if last[full] == latest]
    return nearest[0] if latest >= 0 and len(nearest) == 1 else fulls[0]


def _propagate_names(parsed: ParsedArticle, table: ActorTable) -> None:
    """A person named once is the same person wherever the article writes that name again, even
    where the statistical model missed it ("Alexei Navalny, Putin's arch-rival, has been
    discharged"): capitalised tokens spelling a person's full name, or a surname only one person
    in the article has, are mapped to that person for the event and attribution rules."""
    full: dict[tuple[str, ...], str] = {}
    surnames: dict[str, set[str]] = defaultdict(set)
    for key, actor in table.actors.items():
        if actor.kind != "person":
            continue
        for name in (actor.name, *actor.aliases):
            words = tuple(name_key(name).split())
            if len(words) >= 2:
                full.setdefault(words, key)
                surnames[words[-1]].add(key)
            elif len(words) == 1:
                surnames[words[0]].add(key)
    if not full and not surnames:
        return
    doc = parsed.doc
    tokens, poses = parsed.tokens, parsed.poses
    firsts = {words[0] for words in full}  # a full name is tried only where one can start
    keys: dict[str, str] = {}

    def key_of(text: str) -> str:
        found = keys.get(text)
        if found is None:
            found = keys[text] = name_key(text)
        return found

    i = 0
    while i < len(doc):
        if i in table.token_actor or poses[i] not in ("PROPN", "NOUN", "ADJ") or not tokens[i].is_title:
            i += 1
            continue
        tok = tokens[i]
        first = key_of(tok.text)
        matched = 0
        for size in (3, 2) if first in firsts else ():
            words = tuple(key_of(t.text) for t in tokens[i : i + size])
            if len(words) == size and words in full and not any(j in table.token_actor
                                                                for j in range(i, i + size)):
                for j in range(i, i + size):
                    table.token_actor[j] = full[words]
                matched = size
                break
        if not matched:
            owners = surnames.get(first, set())
            nxt = tokens[i + 1] if i + 1 < len(doc) else None
            if (
                len(owners) == 1
                and tok.pos_ == "PROPN"
                and not (nxt is not None and nxt.is_title and nxt.pos_ == "PROPN")
            ):
                table.token_actor[i] = next(iter(owners))
            matched = 1
        i += matched


@lru_cache(maxsize=1)
def _wire_keys() -> set[str]:
    """Name keys of the wire agencies in the bundled patterns."""
    rows = bundled_patterns("agencies")
    return {name_key(r["id"].partition(":")[2]) for r in rows if r["id"].startswith("agency:")}


def _display_name(counts: Counter[str], kind: ActorKind) -> str:
    """The name to show: the canonical spelling, else the longest common full form."""
    if not counts:
        return ""
    counts = Counter({n: c for n, c in counts.items() if c > 0}) or counts
    best, top = counts.most_common(1)[0]
    if top >= 100:
        return best
    if kind == "person":
        return max(counts, key=lambda n: (len(n.split()), counts[n]))
    if kind in ("organisation", "armed group"):
        acronyms = [n for n in counts if n.isupper() and len(n) <= 10]
        if acronyms and sum(counts[a] for a in acronyms) >= 1:
            return max(acronyms, key=lambda n: counts[n])
    return best


def _peerage(actor: ActorMention, removed: list[str]) -> None:
    """"Lord Goldsmith": a one-word name keeps its peerage title in the display name."""
    peer = [w for w in removed if w.lower() in PEERAGES]
    if peer and len(actor.name.split()) == 1:
        actor.aliases.append(actor.name)
        actor.name = f"{peer[0]} {actor.name}"


def _cited(span: Span) -> bool:
    """Whether a news agency is cited as a source here ("told AFP", "AFP said", "the AFP news agency")."""
    root = span.root
    head = root.head
    if root.dep_ in ("nsubj",) and head.lemma_ in ("say", "report", "claim", "tell", "quote", "cite"):
        return True
    if root.dep_ == "compound" and head.lower_ in ("agency", "news", "reported", "report"):
        return True
    if root.dep_ in ("dobj", "dative", "pobj") and head.lemma_ in ("tell", "to", "according"):
        return True
    return any(t.lower_ in ("agency", "told", "according")
               for t in span.sent[max(0, root.i - span.sent.start - 3) :][:8])


__all__ = ["ActorTable", "extract_actors", "role_key"]
