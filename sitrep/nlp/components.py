"""sitrep's registered spaCy components: fixes for the small model's entity errors.

`en_core_web_sm` alone reads a country as a PERSON, a Title Case headline as one ORG, and a
surname on its own ("Dembele") as an ORG. These components fix those classes of error in
general: gazetteer kinds win over the statistical guess, headline-like spans are not names,
and a surname alone takes the kind of the full name it abbreviates.
"""

from __future__ import annotations

import re

from spacy.attrs import IS_SPACE, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.symbols import PROPN  # type: ignore[import-not-found]  # compiled, without stubs
from spacy.tokens import Doc, Span, Token

from .gazetteer import fold, load_gazetteer

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
# Function words that a proper name rarely holds but a Title Case headline often does.
_HEADLINE_WORDS = {"amid", "as", "after", "over", "faces", "says", "say", "claims", "denies", "to", "is",
                   "are", "was", "were", "has", "have", "will", "with", "against", "into", "on", "in", "at"}
_DROP_TEXT = {"i", "he", "she", "we", "they", "it", "you", "him", "her", "them", "us'",
              # kin words a quoted speaker capitalises ("call Mummy"): never a name on their own
              "mummy", "mum", "mom", "mommy", "mama", "dad", "daddy", "papa", "granny", "grandma", "grandpa"}
_HONORIFIC_WORDS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Mme", "Mx"}
_DASHES = {"-", "–", "—"}


def _proper_nouns(doc: Doc) -> list[int]:
    """Indices of the doc's PROPN tokens, in order, read in one call (a loop over every token makes
    a `Token` for each)."""
    return [i for i, pos in enumerate(doc.to_array(POS).tolist()) if pos == PROPN] if len(doc) else []


def _is_headline_like(span: Span) -> bool:
    """A long Title Case run with verbs or headline function words is a headline, not a name."""
    words = [t for t in span if t.is_alpha]
    if len(words) < 5:
        return False
    capitalised = sum(1 for t in words if t.text[0].isupper())
    if capitalised < 0.7 * len(words):
        return False
    return any(t.lower_ in _HEADLINE_WORDS or t.pos_ in ("VERB", "AUX") for t in words[1:])


def _trim(span: Span, title_tokens: set[int]) -> Span | None:
    """The span without a leading "the" or trailing possessive; None if nothing name-like is left.
    A PERSON also loses leading tokens inside a title (`title_tokens`: the doc's title tokens)."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct
                           or (span.label_ == "PERSON" and start in title_tokens and end - start > 1)
                           or (span.label_ == "PERSON" and doc[start].lower_ in _ROLE_WORDS
                               and end - start > 2)
                           or (doc[start].lower_ in _OPENING_WORDS and end - start > 1)):
        # "Lawyer Elvino Dias" opening a sentence: the lawyer is Elvino Dias; "Following Morales,
        # the vice-president resigned": the capital of a sentence's first word glued it on
        start += 1
    dash = next((i for i in range(start + 1, end) if doc[i].text in _DASHES and doc[i - 1].whitespace_), None)
    if dash is not None:
        end = dash  # "Yulia Skripal - another victim": a spaced dash ends the name
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].lower_ in ("and", "or", "&")):
        end -= 1
    opened = [i for i in range(start, end) if doc[i].text == "("]
    if opened and not any(doc[i].text == ")" for i in range(opened[-1], end)):
        end = opened[-1]  # "National Council for the Homeland (CNSP": the bracket is not the name
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_, span_id=span.id_)


_OPENING_WORDS = {"following", "according", "including", "after", "before", "despite", "during", "amid",
                  "unlike", "like", "since", "meanwhile", "however", "besides", "beyond", "against"}
"""Words that open a sentence before a name ("Following Morales, ...") and are no part of it."""

_ROLE_WORDS = {"lawyer", "spokesman", "spokeswoman", "spokesperson", "journalist", "reporter", "activist",
               "witness", "resident", "survivor", "farmer", "teacher", "doctor", "nurse", "pastor", "imam",
               "businessman", "businesswoman", "student", "villager", "analyst", "researcher", "candidate"}
"""Common nouns for someone that a sentence's capital can glue onto a name ("Lawyer Elvino Dias")."""

_PLACE_PREPOSITIONS = {"in", "near", "outside", "of", "to", "from", "at", "around", "between", "into",
                       "towards"}
_STREET_WORDS = {"Road", "Street", "Avenue", "Lane", "Boulevard", "Drive", "Square", "Rd", "St"}
_AREA_NOUNS = {"ward", "constituency", "county", "neighbourhood", "neighborhood", "suburb", "borough", "area",
               "governorate", "prefecture", "municipality", "commune"}
_PLACE_NOUNS = {"town", "city", "capital", "province", "region", "village", "district", "state", "port",
                "camp"}


def _reads_as_place(ent: Span, known: bool) -> bool:
    """Whether a name is used as a place here ("outside Palmyra", "Kidal, Timbuktu and Gao").

    A town the gazetteer knows needs only a place-like preposition; an unknown name needs a
    place noun before it ("the city of Palmyra") or a preposition only places take.
    """
    if any(t.text in _STREET_WORDS for t in ent[1:]):
        return True  # "Birch Road East" is an address, not an organisation
    if len(ent) > 2:
        return False
    root = ent.root
    head = root.head
    before = ent.doc[max(0, ent.start - 3) : ent.start]
    if root.dep_ == "compound" and head.lemma_.lower() in _AREA_NOUNS:
        return True  # "the Aston ward"
    if not known:
        return any(t.lower_ in _PLACE_NOUNS for t in before) or (
            root.dep_ == "pobj"
            and head.lower_ in ("outside", "near", "northwest", "northeast", "southwest", "southeast")
        )
    if root.dep_ == "pobj" and head.lower_ in _PLACE_PREPOSITIONS:
        return True
    if root.dep_ == "compound" and head.lemma_.lower() in _PLACE_NOUNS | _AREA_NOUNS:
        return True  # "the Aston ward", "the Kidal region"
    if root.dep_ == "conj":
        # "the capitals of Kidal, Timbuktu and Gao": the list's first item decides.
        first = head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.ent_type_ == "GPE" or head.ent_type_ == "GPE" or (
                first.dep_ == "pobj" and first.head.lower_ in _PLACE_PREPOSITIONS):
            return True
    return any(t.lower_ in _PLACE_NOUNS for t in before)


_THING_NOUNS = {"toxin", "poison", "substance", "drug", "chemical", "virus", "vaccine", "missile", "rocket",
                "weapon", "rifle", "pesticide", "nerve agent", "chemical agent", "festival", "holiday",
                "feast", "birth", "birthday", "anniversary", "ceremony"}
"""What a name can be when it is not an actor: "the nerve agent Veltrax", "a toxin, Veltrax",
"Maulud, the birth of Prophet Muhammad"."""
_MEDIA_NOUNS = {"magazine", "newspaper", "daily", "weekly", "tabloid", "broadcaster", "channel", "website",
                "blog", "outlet", "network"}
"""What names an outlet: "German magazine Die Zeit", "the broadcaster Kanal 5"."""
_BODY_DESCRIPTORS = {"group", "organisation", "organization", "party", "movement", "coalition", "alliance",
                     "charity", "ngo", "platform", "association", "foundation", "union", "monitor",
                     "observatory", "watchdog", "company", "firm"}
"""Nouns that name a body right before its name: "local monitoring group Plataforma Decide"."""
_PERSON_TITLES_AFTER = {"Minister", "Secretary", "Commissioner", "Minister's", "Ministers"}


def _noun_phrase(tok: Token) -> str:
    """A noun with a compound before it, lower case ("nerve agent"), or the noun alone."""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    if before is not None and before.dep_ == "compound" and before.head.i == tok.i:
        return f"{before.lower_} {tok.lemma_.lower()}"
    return tok.lemma_.lower()


_DOSING_VERBS = {"poison", "lace", "contaminate", "spike", "dose", "inject", "treat"}
"""Verbs whose "with" names what was used: "poisoned with Veltrax" is a substance, not a people."""


def _used_with(ent: Span) -> bool:
    """"poisoned with Veltrax", "treated with Zolvex": a name that is what someone was dosed with."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ == "with" \
        and root.head.head.lemma_.lower() in _DOSING_VERBS


_WEAPON_HEADS = {"launcher", "missile", "rocket", "rifle", "howitzer", "drone", "warplane", "jet", "tank",
                 "gun", "system"}
_WEAPON_WORDS = _WEAPON_HEADS - {"system"} | {"defense", "defence", "weapon", "weapons", "artillery", "air"}


def _names_a_weapon(ent: Span) -> bool:
    """"a Buk launcher", "the Buk missile system", "Buk air defense systems": a name read as a person
    that modifies a weapon is that weapon's make, not an actor ("system" only with a weapon word
    beside it)."""
    root = ent.root
    if root.dep_ == "compound" and root.head.i >= ent.end:
        if ent.label_ != "PERSON":
            return False  # "a Hamas rocket", "Russian drones": whose weapon, not its make
        head, between = root.head, ent.doc[ent.end:root.head.i]
    else:
        head, between = root, ent[:-1]  # "Buk air defense systems" read as one name
    if head.lemma_.lower() not in _WEAPON_HEADS:
        return False
    return head.lemma_.lower() != "system" or any(t.lower_ in _WEAPON_WORDS for t in between)


def _described_as(ent: Span, nouns: set[str]) -> bool:
    """Whether a common noun right before the name, or in apposition to it, is one of `nouns`
    ("the nerve agent Veltrax", "Veltrax, a toxin")."""
    doc = ent.doc
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and prev.pos_ == "NOUN" and (_noun_phrase(prev) in nouns
                                                     or prev.lemma_.lower() in nouns):
        return True
    root = ent.root
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < ent.start:
        return _noun_phrase(root.head) in nouns or root.head.lemma_.lower() in nouns
    return any(c.dep_ == "appos" and c.pos_ == "NOUN"
               and (_noun_phrase(c) in nouns or c.lemma_.lower() in nouns) for c in root.children)


_BODY_WORDS = {"office", "ministry", "department", "council", "committee", "court", "command", "staff",
               "agency", "service", "assembly", "election", "motors", "electric", "headquarters",
               "secretariat", "hospital"}
"""Words that make "General ..." a body or an event, not a general: "General Prosecutor's Office"."""

_TERRITORY_NOUNS = {"annexation", "occupation", "invasion", "liberation", "outskirts", "partition",
                    "recapture"}


_ARMED_ADJECTIVES = {"extremist", "militant", "jihadist", "rebel", "armed", "terrorist", "insurgent",
                     "islamist", "separatist", "paramilitary"}
_GROUP_NOUNS = {"group", "movement", "faction", "organisation", "organization", "outfit", "militia",
                "network"}


def _armed_descriptor(ent: Span) -> bool:
    """"the extremist group X", "X, a jihadist movement": a name described as an armed group."""
    doc = ent.doc
    if ent.start >= 2 and doc[ent.start - 1].lemma_.lower() in _GROUP_NOUNS \
            and doc[ent.start - 2].lower_ in _ARMED_ADJECTIVES:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in _GROUP_NOUNS
               and any(a.lower_ in _ARMED_ADJECTIVES for a in c.children) for c in ent.root.children)


def _territory_of(ent: Span) -> bool:
    """"the annexation of Crimea", "the outskirts of Tadmur": what is annexed or has outskirts is land."""
    root = ent.root
    return (root.dep_ == "pobj" and root.head.lower_ == "of"
            and root.head.head.lemma_.lower() in _TERRITORY_NOUNS)


def _alias_of_place(ent: Span) -> bool:
    """"the city, also known as Tadmur": another name of a place is a place."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 2].lower_ != "known" or doc[ent.start - 1].lower_ != "as":
        return False
    i = ent.start - 3
    while i >= 0 and (doc[i].is_punct or doc[i].lower_ in ("also", "locally", "widely", "better")):
        i -= 1
    return i >= 0 and (doc[i].lemma_.lower() in _PLACE_NOUNS or doc[i].ent_type_ in ("GPE", "LOC"))


_FINITE_TAGS = {"VBD", "VBZ", "VBP"}


def _not_a_name(ent: Span) -> bool:
    """Spans the small model takes for names that no actor's name looks like: a fragment ending
    in a preposition ("Teach for"), a word before a minister's title ("Education" of "Education
    Minister"), a one-word adjective ("Unfounded smears"), one word after "the" ("the Desert"), a
    quoted word opening a "that" clause ("'Proof that I am OK'")."""
    doc = ent.doc
    if ent.label_ not in ("PERSON", "ORG") or ent.id_:
        return False
    if any(t.is_lower and t.pos_ == "VERB" and t.tag_ in _FINITE_TAGS for t in ent[1:-1]):
        return True  # "Zúñiga accused Arce": two names and the verb between them, not one name
    if ent[-1].pos_ in ("ADP", "CCONJ", "SCONJ", "DET") or ent[-1].text in _PERSON_TITLES_AFTER:
        return True  # "Teach for", "Education Minister" (the name comes after the title)
    if len(ent) <= 2 and ent.end < len(doc) and doc[ent.end].text in _PERSON_TITLES_AFTER:
        return True
    if ent.root.dep_ == "amod" and (ent.label_ == "PERSON" or len(ent) == 1 and ent.root.head.pos_ == "NOUN"):
        return True  # "Unfounded smears", "Greco-Roman ruins": a person is never an adjective
    if ent.label_ == "PERSON" and len(ent) == 1 and ent.end < len(doc) and doc[ent.end].lower_ == "that" \
            and doc[ent.end].dep_ == "mark" and ent.start > 0 and doc[ent.start - 1].is_quote:
        return True  # "'Proof that I am OK'": a quoted noun and its clause, not a name
    return ent.label_ == "PERSON" and len(ent) == 1 and ent.start > 0 and doc[ent.start - 1].lower_ == "the"


_GEO_FEATURES = {"Forest", "Mountains", "Mountain", "Hills", "River", "Lake", "Desert", "Valley", "Island",
                 "Islands", "Sea", "Strait", "Straits", "Bay", "Gulf", "Coast", "Plateau", "Peninsula",
                 "Delta", "Basin", "Highlands", "Plains", "Swamp", "Canyon", "Range", "Pass", "Area",
                 "District", "Province", "County", "Square", "Plaza", "Street", "Avenue", "Boulevard"}
"""A name ending in a landform or an administrative area is a place, never a body: "the Sambisa
Forest", "the Malacca Straits", "Igabi Local Government Area"."""
_PLACE_HEADS = {"Plaza", "Piazza", "Place", "Avenue", "Rue", "Calle", "Lake", "Mount", "Camp", "Fort"}
"""Words that open a place's name: "Plaza Murillo", "Mount Kenya", "Camp Bastion"."""
_ROLE_NOUNS = {"leader", "minister", "spokesman", "spokeswoman", "spokesperson", "official", "principal",
               "chief", "commander", "governor", "president", "secretary", "director", "head", "mayor",
               "envoy", "ambassador", "general", "colonel", "captain", "officer", "lawyer", "adviser",
               "advisor", "activist", "resident"}


_STATE_NOUNS = {"capital", "president", "constitution", "parliament", "embassy", "ambassador", "border",
                "borders", "airspace", "economy", "currency", "coast", "coastline", "provinces",
                "independence"}
"""What only a country has: "Velmora's president", "Tarvonia's capital"."""
_LOCATIVE = {"in", "across", "throughout", "into", "inside"}


def _reads_as_state(ent: Span) -> bool:
    """A one- or two-word name that owns what only a country owns ("Velmora's capital",
    "Tarvonia's interior minister") or is a neighbour ("neighbouring Lusenia"); a body may have
    a president or a parliament too, so an organisation needs the rest."""
    root = ent.root
    if len(ent) > 2 or not all(t.is_title for t in ent):
        return False
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("neighbouring", "neighboring"):
        return True
    if root.dep_ != "poss":
        return False
    head = root.head
    nouns = _STATE_NOUNS - _BODY_HAS if ent.label_ == "ORG" else _STATE_NOUNS
    return head.lemma_.lower() in nouns or (head.lemma_.lower() in ("minister", "ministry") and any(
        c.dep_ in ("compound", "amod") and c.lower_ in _CABINET for c in head.children))


_CABINET = {"interior", "foreign", "defence", "defense", "finance", "justice", "home", "prime"}


_BODY_HAS = {"president", "parliament", "economy", "independence"}


def _located_in(ent: Span) -> bool:
    """A one-word "person" that things happen in ("troops clashed in Ladakh"): a place. Not
    "faith in Erdogan", where the preposition hangs from a noun."""
    root = ent.root
    return len(ent) == 1 and root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE \
        and root.head.head.pos_ in ("VERB", "AUX")


def _titled_person(ent: Span, title_ends: set[int]) -> bool:
    """A two- or three-word name the model took for a place, but that follows a title ("Secretary
    of State John Kerry") or stands in apposition to a role ("a town leader, Pogu Bitrus"): a person."""
    if not 2 <= len(ent) <= 3 or not all(t.is_title and t.is_alpha for t in ent):
        return False
    if ent.start in title_ends:
        return True
    root = ent.root
    return (root.dep_ == "appos" and root.head.lemma_.lower() in _ROLE_NOUNS) or any(
        c.dep_ == "appos" and c.lemma_.lower() in _ROLE_NOUNS for c in root.children)


_POST_NOMINALS = {"QC", "KC", "MP", "MEP", "MSP", "PhD"}
_BODY_NOUNS = {"inquiry", "commission", "committee", "tribunal", "panel", "council"}

_INSTITUTION_NOUNS = {"hospital", "clinic", "university", "institute", "academy", "prison", "seminary"}
"""Nouns that make the name before them an institution's: "Charite hospital", "Evin prison"."""


def _institution(ent: Span) -> Span | None:
    """A name NER read as a nationality ("Charite"), a person, a body of its own or a place no
    gazetteer knows, with an institution noun after it: the institution's name ("Charite
    hospital"), an organisation. None otherwise."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].lower_ in _INSTITUTION_NOUNS and ent.root.head.i == ent.end:
        return Span(doc, ent.start, ent.end + 1, label="ORG")
    return None


def _joined_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Two person names the model split with nothing between them are one ("José Adolfo" "Macías
    Villamar": a Spanish name with both surnames)."""
    out: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        last = out[-1] if out else None
        if last is not None and ent.label_ == last.label_ == "PERSON" and last.end == ent.start \
                and not ent.id_ and not last.id_ and doc[last.end - 1].whitespace_:
            out[-1] = Span(doc, last.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def nickname_start(doc: Doc, end: int) -> int | None:
    """Where a nickname starts after a name ending at `end` (", known as X", "nicknamed X", "known by
    the alias "X""), or None."""
    i = end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i < len(doc) and doc[i].lower_ in ("better", "popularly", "widely", "commonly"):
        i += 1
    start = None
    if i + 1 < len(doc) and doc[i].lower_ == "known" and doc[i + 1].lower_ == "as":
        start = i + 2
    elif i + 3 < len(doc) and doc[i].lower_ == "known" and doc[i + 1].lower_ == "by" \
            and doc[i + 3].lower_ in ("alias", "nickname", "name", "nom"):
        start = i + 4  # "known by the alias "Fito""
    elif i < len(doc) and doc[i].lower_ in ("nicknamed", "alias", "aka", "dubbed"):
        start = i + 1
    if start is not None and start < len(doc) and doc[start].text in ('"', "\u201c", "'", "\u2018", "``"):
        start += 1  # known as "Fito"
    return start


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
"""One word of a name: letters, joined by an apostrophe or a hyphen ("N'Tam", "Al-Bashir")."""


def _titled_run(doc: Doc, head: Token, taken: set[int], title_ends: set[int],
                title_tokens: set[int]) -> Span | None:
    """"President Umaro Sissoco Embaló", "General Horta N'Tam": one to four capitalised proper
    nouns the model left unlabelled, the last heading the others, right after a title: a person.
    None when the words are no such run or one of them names a body or a landform ("General
    Assembly")."""
    start = head.i
    while start > 0:
        prev = doc[start - 1]
        if prev.text == "-" and start >= 2 and not prev.whitespace_ and not doc[start - 2].whitespace_ \
                and doc[start - 2].pos_ == "PROPN" and start - 2 not in taken:
            start -= 2  # "Kassym-Jomart": a hyphened first name
            continue
        if prev.dep_ == "compound" and start <= prev.head.i <= head.i and prev.pos_ == "PROPN" \
                and start - 1 not in taken and start - 1 not in title_tokens:
            start -= 1
            continue
        break
    span = doc[start : head.i + 1]
    words = [t for t in span if t.text != "-"]
    if start not in title_ends or not 1 <= len(words) <= 4:
        return None
    if not all(t.text[:1].isupper() and _NAME_WORD.fullmatch(t.text) and t.lower_ not in _BODY_WORDS
               and t.text not in _GEO_FEATURES for t in words):
        return None
    return Span(doc, span.start, span.end, label="PERSON")


_SPEAKING = {"say", "tell", "add", "claim", "deny", "insist", "explain", "write", "warn", "recall",
             "describe", "denounce", "urge", "vow", "pledge", "allege"}
"""What only someone does: "Nasser, a journalist, told Al Jazeera" names a person (WordNet lists
famous people among its nouns)."""


def _a_noun(word: str, nouns: frozenset[str]) -> bool:
    """Whether a lower-case word is one of `nouns` or a plural of one ("reports", "medics", "witnesses")."""
    return word in nouns or (word.endswith("s") and word[:-1] in nouns) \
        or (word.endswith("es") and word[:-2] in nouns) or (word.endswith("ies") and word[:-3] + "y" in nouns)


def _next_to_proper_noun(doc: Doc, i: int) -> bool:
    """Whether the token at `i` is one word of a longer name (a proper noun right before or after it)."""
    return (i > 0 and doc[i - 1].pos_ == "PROPN") or (i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN")


def _acts_as_someone(tok: Token) -> bool:
    """Whether a word reads as a person's name by what the sentence says of it: a role in
    apposition ("Nasser, a journalist in Palmyra") or the subject of a speech verb ("Nasser told")."""
    if any(c.dep_ == "appos" for c in tok.children):
        return True
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _SPEAKING


def _extend_body(ent: Span) -> Span:
    """"the Butler inquiry": the lower-case body noun after a name belongs to the name."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].lower_ in _BODY_NOUNS and doc[ent.end].head.i != ent.root.i:
        return Span(doc, ent.start, ent.end + 1, label=ent.label_)
    if ent.end < len(doc) and doc[ent.end].lower_ in _BODY_NOUNS and ent.root.head.i == ent.end:
        return Span(doc, ent.start, ent.end + 1, label=ent.label_)
    return ent


def _extend_name(ent: Span) -> Span:
    """"Amadou Toumani" + "Toure": a PERSON runs on over capitalised proper nouns NER left out."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and end - ent.start < 5:
        tok = doc[end]
        if tok.pos_ != "PROPN" or not tok.is_title or tok.ent_type_ or tok.is_sent_start:
            break
        if doc[end - 1].whitespace_ == "":
            break
        end += 1
    return ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Drop spans that overlap an earlier kept one (extensions can run into a neighbour)."""
    kept: list[Span] = []
    last_end = -1
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start >= last_end:
            kept.append(span)
            last_end = span.end
    return kept


class EntityFixer:
    """Fix entity labels and boundaries after the statistical NER (see the module docstring)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self._nlp = nlp
        self._nouns: frozenset[str] | None = None
        """`lemmas.common_nouns` of the pipeline, read on the first doc (the lemmatizer is set up
        after this component is made)."""

    def __call__(self, doc: Doc) -> Doc:
        """Return `doc` with its entities fixed."""
        gaz = load_gazetteer()
        fixed: list[Span] = []
        things: set[str] = set()
        titles = doc.spans.get("titles", [])
        title_ends = {span.end for span in titles}
        title_tokens = {i for span in titles for i in range(span.start, span.end)}
        title_starts = {span.start for span in titles}
        for ent in doc.ents:
            if "\n" in ent.text:
                continue  # a name never runs over a line break; it is two lines glued together
            if ent.start > 0 and doc[ent.start - 1].text == "#":
                continue  # "#BringBackOurGirls": a hashtag, not a name
            if ent.label_ in ("GPE", "LOC", "ORG") and not ent.id_ \
                    and _titled_person(ent, title_ends if ent.label_ != "ORG" else set()) \
                    and gaz.country_of(ent.text) is None:
                # "His lawyer, Ruben Castellane, said": a person; an organisation only by a role beside
                # it, never by a title before it ("then Home Office Minister Lord Falconer")
                ent = Span(doc, ent.start, ent.end, label="PERSON")
            if ent.label_ in ("ORG", "PERSON", "FAC", "GPE") and not ent.id_ and len(ent) >= 2 \
                    and (ent[-1].text in _GEO_FEATURES or ent[0].text in _PLACE_HEADS):
                ent = Span(doc, ent.start, ent.end, label="LOC", span_id="place:")  # "the Sambisa Forest"
            if ent.label_ in NAME_LABELS and not ent.id_ and _is_headline_like(ent):
                continue
            if ent.label_ in NAME_LABELS:
                trimmed = _trim(ent, title_tokens)
                if trimmed is None or trimmed.text.lower() in _DROP_TEXT:
                    continue
                ent = trimmed
                if _not_a_name(ent):
                    continue
                if (ent.label_ in ("PERSON", "ORG", "NORP", "GPE") and not ent.id_
                        and (_described_as(ent, _THING_NOUNS) or _used_with(ent) or _names_a_weapon(ent))):
                    things.add(ent.text)
                    continue
            if ent.label_ == "ORG" and not ent.id_ and len(ent) >= 2 and (
                    ent[0].text in _HONORIFIC_WORDS or ent.start in title_starts and len(ent) >= 3
                    and all((t.is_title or not t.is_alpha) and t.lower_ not in _BODY_WORDS for t in ent[1:])):
                ent = Span(doc, ent.start, ent.end, label="PERSON")  # "Mr Ostrov", "General Bipin Rawat"
            if ent.label_ == "NORP" and not ent.id_ and 2 <= len(ent) <= 4 \
                    and all(t.tag_ == "NNP" and t.is_title for t in ent):
                # "Ruben Vardanyan" read as a nationality: proper names in the singular, no people
                ent = Span(doc, ent.start, ent.end, label="PERSON")
            if ent.label_ in ("PERSON", "NORP") and not ent.id_ and len(ent) >= 2 \
                    and ent[0].text in ("Los", "Las"):
                ent = Span(doc, ent.start, ent.end, label="ORG")  # "Los Choneros": a plural article, a group
            if ent.label_ in ("PERSON", "ORG", "NORP") and not ent.id_ and len(ent) <= 2 \
                    and (_alias_of_place(ent) or _territory_of(ent)):
                ent = Span(doc, ent.start, ent.end, label="GPE", span_id="place:")
            if ent.label_ in ("PERSON", "ORG", "NORP") and not ent.id_ and _armed_descriptor(ent):
                # "the extremist group X"
                ent = Span(doc, ent.start, ent.end, label="ORG", span_id="armed group:")
            if (ent.label_ in ("PERSON", "NORP", "ORG")
                    or ent.label_ == "GPE" and gaz.country_of(ent.text) is None
                    and ent.text not in gaz.major_cities and not gaz.is_country(ent.text)) and not ent.id_ \
                    and (institution := _institution(ent)) is not None:
                ent = institution  # "Charite hospital", not the nationality "Charite"
            if ent.label_ in ("PERSON", "GPE", "NORP") and not ent.id_ and (
                    _described_as(ent, _MEDIA_NOUNS) or _described_as(ent, _BODY_DESCRIPTORS)):
                # "German magazine Die Zeit": an outlet; "monitoring group Plataforma Decide": a body
                ent = Span(doc, ent.start, ent.end, label="ORG")
            if ent.label_ in ("PERSON", "ORG", "NORP", "FAC", "LOC") and not ent.id_:
                if gaz.is_country(ent.text):
                    ent = Span(doc, ent.start, ent.end, label="GPE",
                               span_id=f"country:{gaz.canonical_country(ent.text)}")
                elif ent.text in gaz.major_cities and ent.label_ != "LOC":
                    ent = Span(doc, ent.start, ent.end, label="GPE", span_id="place:")
                elif ent.label_ != "LOC" and not _titled_person(ent, title_ends) \
                        and _reads_as_place(ent, known=gaz.country_of(ent.text) is not None):
                    ent = Span(doc, ent.start, ent.end, label="GPE", span_id="place:")
                elif ent.label_ == "PERSON" and ent.start not in title_ends and _located_in(ent) \
                        and gaz.country_of(ent.text) is None:
                    ent = Span(doc, ent.start, ent.end, label="GPE", span_id="place:")  # "clashed in Ladakh"
            if ent.label_ in ("PERSON", "GPE", "ORG") and not ent.id_ and ent.start not in title_ends \
                    and _reads_as_state(ent):
                # "Velmora's president", "Tarvonia's capital": a country the gazetteer does not know
                ent = Span(doc, ent.start, ent.end, label="GPE", span_id=f"country:{ent.text}")
            if ent.label_ == "PERSON" and len(ent) == 1 and ent.text.isupper() and len(ent.text) >= 3 \
                    and ent.text.isalpha():
                ent = Span(doc, ent.start, ent.end, label="ORG")  # "PASTEF": an acronym, not a name
            if ent.label_ == "ORG" and not ent.id_ and len(ent) > 1 and ent[-1].text in _POST_NOMINALS:
                # "Philippe Sands QC" is a person
                ent = Span(doc, ent.start, ent.end, label="PERSON", span_id="person:")
            if ent.label_ == "ORG" and not ent.id_:
                ent = _extend_body(ent)
            if ent.label_ == "PERSON":
                ent = _extend_name(ent)
            fixed.append(ent)
        if things:  # "the nerve agent Veltrax" once: "Veltrax" is that substance all through the article
            fixed = [e for e in fixed if e.text not in things]
        fixed = self._without_capitalised_nouns(doc, fixed)
        speakers = self._unlabelled_speakers(doc, fixed)
        if speakers:
            # the same word the model read as a place or a body elsewhere ("Mondlane's lawyer")
            said = {span.text for span in speakers}
            fixed = [Span(doc, e.start, e.end, label="PERSON", span_id="person:")
                     if e.text in said and not e.id_ and e.label_ in ("GPE", "ORG", "NORP") else e
                     for e in fixed]
        fixed = self._city_surnames(doc, _without_overlaps(fixed + self._unlabelled_titled(doc, fixed)
                                                           + speakers))
        fixed = self._places_everywhere(doc, fixed, title_ends)
        fixed = _joined_names(doc, fixed)
        fixed = self._nicknames(doc, fixed)
        fixed = self._first_names(doc, fixed)
        fixed = self._surnames(doc, fixed)
        doc.ents = fixed
        return doc

    def _common_nouns(self) -> frozenset[str]:
        """`lemmas.common_nouns` of the pipeline, read once, on the first doc."""
        if self._nouns is None:
            from .lemmas import common_nouns

            self._nouns = common_nouns(self._nlp)
        return self._nouns

    def _without_capitalised_nouns(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """"Gunfire was heard near the palace": a one-word PERSON opening its sentence that is an
        English noun, and that the article never writes capitalised anywhere else nor as the end
        of a longer name ("Tony Blair ... Blair said"), is that noun."""
        nouns = self._common_nouns()
        suspects = [e for e in ents if e.label_ == "PERSON" and not e.id_ and len(e) == 1
                    and e[0].is_sent_start and e[0].lower_ in nouns and not _acts_as_someone(e[0])]
        if not suspects:
            return ents
        named = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) >= 2}
        named |= {doc[i].text for i in _proper_nouns(doc) if not doc[i].is_sent_start}
        dropped = {e.start for e in suspects if e.text not in named}
        return [e for e in ents if e.start not in dropped] if dropped else ents

    @staticmethod
    def _city_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
        """"IOM spokesman Steve Hamilton ... Hamilton said": a place name right after a first name is
        that person's surname, and the same word alone later in the article is the person too."""
        out: list[Span] = []
        surnames: set[str] = set()
        for ent in ents:
            prev = out[-1] if out else None
            if prev is not None and prev.label_ == "PERSON" and prev.end == ent.start \
                    and ent.label_ == "GPE" and ent.id_ == "place:" and len(ent) == 1:
                out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
                surnames.add(ent.text)
                continue
            out.append(ent)
        return [Span(doc, e.start, e.end, label="PERSON") if e.label_ == "GPE" and e.id_ == "place:"
                and e.text in surnames else e for e in out]

    def _unlabelled_speakers(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """""I have been deposed," Embaló told France 24': a one-word capitalised name the model
        left unlabelled that is the subject of a speech verb is a person (no English noun: "Police
        said" is no name), and so is the same word standing alone elsewhere in the article."""
        nouns = self._common_nouns()
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        names: set[str] = set()
        alone = [i for i in _proper_nouns(doc) if i not in taken and doc[i].text[:1].isupper()
                 and _NAME_WORD.fullmatch(doc[i].text) and not _next_to_proper_noun(doc, i)]
        for i in alone:
            tok = doc[i]
            if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _SPEAKING \
                    and not _a_noun(tok.lower_, nouns):
                names.add(tok.text)
        return [Span(doc, i, i + 1, label="PERSON", span_id="person:") for i in alone if doc[i].text in names]

    @staticmethod
    def _unlabelled_titled(doc: Doc, ents: list[Span]) -> list[Span]:
        """"Mutea Iringo, principal secretary in the Ministry of Interior, said", "the principal of the
        school, Asabe Kwambura": a two- or three-word name the model left unlabelled, with a role in
        apposition, is a person."""
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        titles = doc.spans.get("titles", [])
        title_ends = {span.end for span in titles}
        title_tokens = {i for span in titles for i in range(span.start, span.end)}
        # "President of Kazakhstan Kassym-Jomart Tokayev": the title with its country
        places = {ent.start: ent.end for ent in ents if ent.label_ == "GPE"}
        title_ends |= {places[end + 1] for end in list(title_ends)
                       if end < len(doc) and doc[end].lower_ == "of" and end + 1 in places}
        out = []
        for i in _proper_nouns(doc):
            if i in taken:
                continue
            tok = doc[i]
            if tok.dep_ == "compound":
                continue
            titled = _titled_run(doc, tok, taken, title_ends, title_tokens)
            if titled is not None:
                out.append(titled)  # "President Umaro Sissoco Embaló was arrested"
                continue
            role_after = any(c.dep_ == "appos" and c.lemma_.lower() in _ROLE_NOUNS and c.i > tok.i
                             for c in tok.children)
            # "according to the principal of the school, Asabe Kwambura": the name after its role
            head = tok.head
            if head.dep_ == "pobj" and head.head.lower_ == "of":
                head = head.head.head  # "the principal of the school, X": the role owns the "of" phrase
            role_before = tok.dep_ == "appos" and tok.head.i < tok.i and head.lemma_.lower() in _ROLE_NOUNS
            if not (role_after or role_before):
                continue
            start = tok.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == tok.i \
                    and doc[start - 1].pos_ == "PROPN" and doc[start - 1].i not in taken:
                start -= 1
            span = doc[start : tok.i + 1]
            if 2 <= len(span) <= 3 and all(t.is_title and t.is_alpha for t in span) \
                    and not _not_a_name(Span(doc, span.start, span.end, label="PERSON")):
                out.append(Span(doc, span.start, span.end, label="PERSON"))
        return out

    @staticmethod
    def _first_names(doc: Doc, ents: list[Span]) -> list[Span]:
        """"Salem Bazoum", "Paris Jackson": a place right before a person's name or a capitalised
        surname of a known person is a first name, and the two are one person."""
        surnames = {e[-1].text for e in ents if e.label_ == "PERSON"}
        out: list[Span] = []
        skip: set[int] = set()
        for n, ent in enumerate(ents):
            if n in skip:
                continue
            nxt = ents[n + 1] if n + 1 < len(ents) else None
            if (ent.label_ == "GPE" and not ent.id_.startswith("country:") and len(ent) == 1
                    and ent.end < len(doc)):
                after = doc[ent.end]
                if nxt is not None and nxt.start == ent.end and nxt.label_ == "PERSON":
                    out.append(Span(doc, ent.start, nxt.end, label="PERSON", span_id="person:"))
                    skip.add(n + 1)
                    continue
                if (after.pos_ == "PROPN" and after.is_title and after.text in surnames
                        and (nxt is None or nxt.start > ent.end)):
                    out.append(Span(doc, ent.start, ent.end + 1, label="PERSON", span_id="person:"))
                    continue
            out.append(ent)
        return out

    @staticmethod
    def _nicknames(doc: Doc, ents: list[Span]) -> list[Span]:
        """"Mohamed Hamdan Dagalo, known as Hemedti": the nickname is a person wherever it stands."""
        names: set[str] = set()
        for ent in ents:
            if ent.label_ != "PERSON":
                continue
            start = nickname_start(doc, ent.end)
            if start is None:
                continue
            end = start
            while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
                end += 1
            if end > start:
                names.add(doc[start:end].text)
        if not names:
            return ents
        out = [e for e in ents if e.text not in names]
        covered = {i for e in out for i in range(e.start, e.end)}
        for name in names:
            words = name.split()
            for i in range(len(doc) - len(words) + 1):
                span = range(i, i + len(words))
                if [t.text for t in doc[i : i + len(words)]] == words and not covered & set(span):
                    out.append(Span(doc, i, i + len(words), label="PERSON", span_id="person:"))
                    covered.update(range(i, i + len(words)))
        return sorted(out, key=lambda e: e.start)

    @staticmethod
    def _places_everywhere(doc: Doc, ents: list[Span], title_ends: set[int]) -> list[Span]:
        """A name read as a place once ("the Aston ward") is that place elsewhere ("the Aston petition");
        one read as a person after a title (`title_ends`: where the doc's titles end) is that person
        everywhere."""
        def a_place(e: Span) -> bool:
            return e.label_ == "GPE" and not e.id_.startswith("country:")

        places = {e.text for e in ents if a_place(e)}
        if not places:
            return ents
        # A name read as a person after a title, and no place the gazetteer knows, is that person
        # ("Prime Minister Sheikh Hasina resigned ... Hasina, who won re-election"): one misreading
        # must not take the article's main actor away. (Not by a count of readings: the model
        # reads "Palmyra" as a person more often than as a place.)
        gaz = load_gazetteer()
        titled = {e.text for e in ents if e.label_ == "PERSON" and e.start in title_ends}
        people = {text for text in places & titled
                  if text not in gaz.major_cities and not gaz.is_country(text)}
        places -= people
        out = []
        for e in ents:
            if a_place(e) and e.text in people:
                e = Span(doc, e.start, e.end, label="PERSON", span_id="person:")
            elif e.label_ in ("PERSON", "ORG") and not e.id_ and e.text in places and len(e) <= 2:
                e = Span(doc, e.start, e.end, label="GPE", span_id="place:")
            out.append(e)
        return out

    @staticmethod
    def _surnames(doc: Doc, ents: list[Span]) -> list[Span]:
        """A name that is the tail of a PERSON's full name in this doc is that PERSON too."""
        tails: set[str] = set()
        for ent in ents:
            words = [fold(t.text) for t in ent if t.is_alpha]
            if ent.label_ == "PERSON" and len(words) >= 2:
                tails.add(words[-1])
                tails.add(" ".join(words[-2:]))
        if not tails:
            return ents
        out = []
        covered: set[int] = set()
        for ent in ents:
            key = " ".join(fold(t.text) for t in ent if t.is_alpha)
            if ent.label_ in ("ORG", "NORP", "GPE", "FAC") and not ent.id_ and key in tails:
                ent = Span(doc, ent.start, ent.end, label="PERSON", span_id="person:")
            out.append(ent)
            covered.update(range(ent.start, ent.end))
        # The model sometimes misses a surname on its own ("a source close to Dembele").
        for i in _proper_nouns(doc):
            if i in covered:
                continue
            tok = doc[i]
            if (tok.is_title and fold(tok.text) in tails
                    and not (tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN" and doc[tok.i - 1].i not in covered)
                    and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN")):
                out.append(Span(doc, tok.i, tok.i + 1, label="PERSON", span_id="person:"))
        return sorted(out, key=lambda e: e.start)


@Language.factory(
    "sitrep_entity_fixes",
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    requires=["doc.ents", "doc.spans", "token.pos"],  # the ner's guesses, the title spans, the tags
)
def make_entity_fixes(nlp: Language, name: str) -> EntityFixer:
    """Factory for `EntityFixer` (see the module docstring)."""
    return EntityFixer(nlp, name)


@Language.component("sitrep_paragraph_breaks", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence: a photo caption with no full stop ("An army
    convoy moves on the highway") is never read as the start of the next paragraph's sentence.
    Runs before the parser, which keeps boundaries set before it."""
    starts: list[int] = []
    after_break = False
    strings = doc.vocab.strings
    # Read from one array rather than a `Token` made for every token of the doc.
    for i, (space, orth) in enumerate(doc.to_array([IS_SPACE, ORTH]).tolist() if len(doc) else []):
        if space and "\n\n" in strings[orth]:
            after_break = True
        elif after_break and not space:
            starts.append(i)
            after_break = False
    if starts:
        # One write for the whole doc: each `token.is_sent_start = True` first scans every token
        # for a parse, which made this step grow with the square of the paragraphs.
        values = doc.to_array(SENT_START)
        values[starts] = 1
        doc.from_array([SENT_START], values)  # type: ignore[arg-type]  # spaCy's stubs say float
    return doc
