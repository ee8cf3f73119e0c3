"""Roles and titles: a title before a name ("former Prime Ministers Moussa Mara and Choguel
Maiga"), a role in apposition ("Philippe Sands, a QC"), a title spread over a list, and "the
president" for the one person who holds the office."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..lexicon import lexicon
from ..nlp.pattern_files import bundled_patterns
from .base import (
    HONORIFICS,
    ParsedArticle,
    clean_span_text,
    phrase_text,
    strip_determiner,
    subtree_span,
)

if TYPE_CHECKING:
    from .actors import ActorTable

_PLURAL_TITLE = re.compile(
    r"(Minister|General|Secretar|President|Leader|Officer|Commander|MP|Judge|Senator)(s|ies)\b"
)


_TITLE_WORDS: set[str] = set()


def _title_words() -> set[str]:
    """Lower-cased title phrases from the bundled patterns ("solicitor general")."""
    if not _TITLE_WORDS:
        for row in bundled_patterns("titles", check_tokens=False):
            if isinstance(row["pattern"], str):
                _TITLE_WORDS.add(row["pattern"].lower())
    return _TITLE_WORDS


def _singular_title(text: str) -> str:
    """"former Prime Ministers" -> "former Prime Minister", "Gov." -> "Governor"."""
    text = _PLURAL_TITLE.sub(lambda m: m.group(1) + ("y" if m.group(2) == "ies" else ""), text)
    return " ".join(_SPELLED_OUT.get(word, word) for word in text.split())


_SPELLED_OUT = {"Gen.": "General", "Gen": "General", "Col.": "Colonel", "Col": "Colonel", "Capt.": "Captain",
                "Capt": "Captain", "Lt.": "Lieutenant", "Lt": "Lieutenant", "Sgt.": "Sergeant",
                "Sgt": "Sergeant", "Gov.": "Governor", "Gov": "Governor", "Sen.": "Senator",
                "Rep.": "Representative", "Adm.": "Admiral", "Brig.": "Brigadier", "Cpl.": "Corporal",
                "Supt.": "Superintendent", "Insp.": "Inspector", "Amb.": "Ambassador"}


"""Abbreviated titles, spelled out in roles: "Gov. Kashim Shettima" is the Governor."""


@dataclass(frozen=True)
class _Titles:
    """The article's title spans, indexed once: every mention looks them up, and rescanning
    them all per mention made an article's cost grow with the square of its length."""

    by_end: dict[int, Span]
    """Title spans by their end token, longest first (overlapping matches dropped)."""
    starts: set[int]
    """The first token of every title span."""
    kept_tokens: set[int]
    """Tokens inside the spans of `by_end`."""
    kept_lasts: set[int]
    """The last token of each span of `by_end`, except modifiers (TITLE_MOD)."""
    title_tokens: set[int]
    """Tokens inside the title spans labelled TITLE."""
    reach: dict[int, int]
    """Token -> the furthest end of a title span that covers it."""


def _title_index(parsed: ParsedArticle) -> _Titles:
    """Index the article's title spans (see `_Titles`)."""
    titles = list(parsed.doc.spans.get("titles", []))
    taken: set[int] = set()
    by_end: dict[int, Span] = {}
    for span in sorted(titles, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        by_end[span.end] = span
    reach: dict[int, int] = {}
    for span in titles:
        for i in range(span.start, span.end):
            reach[i] = max(reach.get(i, 0), span.end)
    return _Titles(
        by_end=by_end,
        starts={s.start for s in titles},
        kept_tokens={i for s in by_end.values() for i in range(s.start, s.end)},
        kept_lasts={s.end - 1 for s in by_end.values() if s.label_ != "TITLE_MOD"},
        title_tokens={i for s in titles if s.label_ == "TITLE" for i in range(s.start, s.end)},
        reach=reach,
    )


_STATE_ADJECTIVES = {"emotional", "embattled", "beleaguered", "besieged", "tearful", "defiant", "ailing",
                     "frail", "angry", "furious", "jubilant", "smiling", "shaken", "tired", "exhausted",
                     "visibly", "elderly", "ageing", "aging", "old", "young", "rival", "controversial",
                     "powerful", "influential", "popular", "unpopular", "flamboyant", "outspoken",
                     "reclusive", "charismatic", "fiery", "disgraced", "beloved", "veteran", "grim"}
"""Adjectives before a title that tell how someone is or is seen ("an emotional Prime Minister",
"the embattled president", "his rival General"), not what office they hold: the title starts
after them."""


def _prefix_roles(span: Span, titles: _Titles) -> list[str]:
    """Titles standing right before a name: "former Prime Ministers", "Tory leader", "General"."""
    doc = span.doc
    titles_by_end = titles.by_end
    roles: list[str] = []
    end = span.start
    # Titles NER swallowed into the entity ("General Abass Dembele" as one PERSON span).
    inner = [t for t in span if t.i in titles.kept_tokens]
    for tok in inner:
        if tok.lower_ not in HONORIFICS:
            roles.append(_SPELLED_OUT.get(tok.text, tok.text))
    while end > 0:
        title = titles_by_end.get(end)
        if title is None:
            break
        start = title.start
        if title.label_ == "TITLE_MOD":
            break
        # Attach modifiers and organisation words before the title ("then Home Office Minister").
        while start > 0:
            prev = doc[start - 1]
            if prev.text == "-" and start >= 2 and not prev.whitespace_ and not doc[start - 2].whitespace_:
                start -= 2  # "six-time Prime Minister": the hyphened word is one
                continue
            if (
                prev.is_punct
                or prev.pos_ in ("DET", "VERB", "AUX", "ADP", "PRON", "CCONJ", "NUM")
                or prev.is_sent_start
            ):
                if prev.is_sent_start and prev.pos_ in ("PROPN", "ADJ", "NOUN") and not prev.is_punct:
                    start -= 1
                break
            if (start - 1) in titles.kept_lasts:
                break
            inside = start <= prev.head.i < title.end or prev.head.i in range(start, span.end)
            if prev.pos_ == "NOUN" and not (inside and prev.dep_ in ("compound", "amod", "nmod")):
                break  # "their cabinet colleagues Foreign Secretary ...": not part of the title
            if prev.pos_ == "ADJ" and prev.lower_ in _STATE_ADJECTIVES:
                break  # "an emotional Prime Minister", "the embattled president": a state, not the role
            if prev.pos_ in ("PROPN", "NOUN", "ADJ") or prev.lower_ in ("ex", "then"):
                start -= 1
                continue
            break
        text = clean_span_text(doc[start : title.end].text)
        if title.text.lower() not in HONORIFICS:
            roles.insert(0, _singular_title(text))
        end = start
    return roles


def _appositive_roles(span: Span, titles: _Titles) -> list[str]:
    """Roles from an apposition: "Philippe Sands, a QC" or "the then Lord Chancellor, Lord Irvine"."""
    root = span.root
    roles = []
    for child in root.children:
        if (
            _role_apposition(child)
            and child.i > root.i
            and not _describes_the_prep_object(root, child)
            # "General X; the deputy chief of staff, General Y": past a semicolon, the next one's
            and not any(t.text == ";" for t in root.doc[span.end : child.left_edge.i])
            # "X and Y, a candidate from the party": after a list of names, the last one's
            and not any(c.dep_ == "conj" and root.i < c.i < child.i for c in root.children)
        ):
            phrase = _role_phrase(child)
            if phrase:
                roles.append(phrase)
    if root.dep_ == "conj" and root.head.i < root.i and not any(c.dep_ == "conj" and c.i > root.i
                                                                for c in root.head.children):
        # "Elvino Dias and Paulo Guambe, a candidate from the party": the parser hung the
        # apposition on the first name; it is the last one's
        for child in root.head.children:
            if _role_apposition(child) and child.i > root.i:
                phrase = _role_phrase(child)
                if phrase:
                    roles.append(phrase)
    if (root.dep_ == "appos" or root.dep_ == "conj" and _listed_after_its_role(root.head, span)) \
            and root.head.i < span.start and root.head.i in titles.title_tokens \
            and not root.head.ent_type_:
        phrase = _role_phrase(root.head, stop=span.start)
        # "associates of opposition leader Venancio Mondlane - lawyer Elvino Dias": a phrase that
        # names another person is that person's, not a role of this one
        if phrase and not any(t.ent_type_ == "PERSON" for t in root.doc[root.head.left_edge.i : span.start]):
            roles.append(phrase)
    return roles


_NO_ROLES = frozenset(lexicon().happenings) | {
    "crisis", "situation", "conflict", "war", "violence", "unrest", "tension", "turmoil", "standoff",
    "dispute", "vacuum", "chaos", "protest", "fighting", "day", "week", "month", "year", "night"}
"""What an apposition the parser hung on a name may be that no person is ("the assassination of
President X, the political crisis in Haiti does not dissipate")."""


def _role_apposition(child: Token) -> bool:
    """Whether a token is an apposition that may be a role: a noun, never a person or a place,
    nor an event or a state of affairs (`_NO_ROLES`)."""
    return child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") \
        and child.ent_type_ not in ("PERSON", "GPE") and child.lemma_.lower() not in _NO_ROLES


def _listed_after_its_role(role: Token, span: Span) -> bool:
    """"...; the deputy chief of staff, General Mamadou Touré; ...": a name the parser joined to
    the role before it as a conjunct, the two set apart by a comma alone (no "and", no "or")."""
    doc = span.doc
    between = doc[role.i + 1 : span.start]
    return any(t.text == "," for t in between) and not any(t.dep_ == "cc" or t.text == ";" for t in between)


def _describes_the_prep_object(root: Token, appos: Token) -> bool:
    """"Nasser, of the Palmyra Media Centre - a monitoring group on the ground -": an apposition
    set off by dashes right after the person's "of ..." phrase describes that phrase's noun (the
    parser hangs it on the person)."""
    left = appos.left_edge.i
    after_dash = left > 0 and root.doc[left - 1].text in ("-", "—", "–")
    return after_dash and any(c.dep_ == "prep" and root.i < c.i < appos.i for c in root.children)


def _role_phrase(head: Token, stop: int | None = None) -> str:
    """A short role phrase for an apposition head, without relative clauses or the name itself."""
    sub = subtree_span(head)
    words = []
    for tok in sub:
        if stop is not None and tok.i >= stop:
            break
        if tok.dep_ == "relcl" or tok.lower_ in ("who", "which", "whose") or tok.text in ("(", ";", "—", "–"):
            break
        if tok.text == "," and tok.i > head.i:
            break
        words.append(tok)
    if words and words[-1].pos_ == "ADP":
        return ""  # "a transitional period, the length of which he did not stipulate": no role
    while words and (words[0].dep_ == "det" or words[0].lower_ in _STATE_ADJECTIVES) and len(words) > 1:
        words.pop(0)  # "an emotional Prime Minister, Fumio Kishida": the title, not his state
    text = strip_determiner(phrase_text(words))  # '"The President of the Republic", X': no lone mark
    if not text or len(text.split()) > 12 or text[0].isdigit():
        return ""
    return text


def _distribute_titles(parsed: ParsedArticle, table: ActorTable, titles_by_end: dict[int, Span]) -> None:
    """"former Prime Ministers A and B": B, coordinated with A, shares A's plural title."""
    doc = parsed.doc
    for i in sorted(table.token_actor):  # only a named actor's tokens can share a title
        tok = parsed.tokens[i]
        if tok.dep_ != "conj":
            continue
        first = tok.head
        first_key, key = table.token_actor.get(first.i), table.token_actor[tok.i]
        if first_key is None or first_key == key:
            continue
        if table.actors[key].kind != "person" or table.actors[first_key].kind != "person":
            continue
        # The title is plural when the first conjunct's prefix title ends in "s".
        near = range(max(0, first.i - 5), first.i + 6)
        ent_start = min(i for i in near if table.token_actor.get(i) == first_key)
        title = titles_by_end.get(ent_start)
        if title is not None and _PLURAL_TITLE.search(doc[title.start : title.end].text):
            for role in table.actors[first_key].roles:
                if role not in table.actors[key].roles:
                    table.actors[key].roles.append(role)


# Offices with one holder at a time, so "the prime minister" names a single person.


_SOLE_OFFICES = ("prime minister", "president", "chancellor", "attorney general", "foreign secretary",
                 "home secretary", "foreign minister", "defence minister", "defense minister", "premier",
                 "interior minister", "finance minister", "army chief", "chief of staff", "speaker")


_BARE_OFFICE = re.compile(r"\bthe (" + "|".join(_SOLE_OFFICES) + r")(?:'s)?\b(?!\s+[A-Z])")


def _bare_office_titles(parsed: ParsedArticle, table: ActorTable) -> None:
    """"It dominated the prime minister's news conference, which saw Mr Blair start...": when a
    sentence uses a sole office without a name and names exactly one untitled person, that
    person holds the office, unless someone else in the article already does."""
    if not any(office in parsed.text for office in _SOLE_OFFICES):
        return  # every match names one
    held = {role_key(r) for a in table.actors.values() if a.kind == "person" for r in a.roles}
    for sent in parsed.doc.sents:
        for match in _BARE_OFFICE.finditer(parsed.text_of(sent)):
            office = match.group(1)
            if office in held:
                continue
            persons = {table.token_actor[t.i] for t in sent if t.i in table.token_actor
                       and table.actors[table.token_actor[t.i]].kind == "person"}
            untitled = [k for k in persons if not table.actors[k].roles
                        and not _lower_title_before(sent, table, k)]
            office_tok = next((t for t in sent if t.idx >= sent.start_char + match.start(1)), None)
            if len(persons) == 1 and len(untitled) == 1 and office_tok is not None \
                    and not _speaks_of(sent, table, untitled[0], office_tok):
                table.actors[untitled[0]].roles.append(office.title())
                held.add(office)


def _lower_title_before(sent: Span, table: ActorTable, key: str) -> bool:
    """"former Tory lord chancellor Lord Mackay": a title in lower case already names his office."""
    for tok in sent:
        if table.token_actor.get(tok.i) == key and (tok.i == 0 or table.token_actor.get(tok.i - 1) != key):
            before = " ".join(t.lower_ for t in tok.doc[max(sent.start, tok.i - 2) : tok.i])
            if any(before.endswith(title) for title in _title_words() if len(title) > 3):
                return True
    return False


def _speaks_of(sent: Span, table: ActorTable, key: str, office: Token) -> bool:
    """Whether the person is the subject of a verb governing the office ("Blair dismissed
    questions about the attorney general's advice": Blair is not the attorney general)."""
    if office.head.dep_ == "agent":
        return True  # "a coup led by the army chief": the doer of something told of, not the one named
    for tok in sent:
        if table.token_actor.get(tok.i) == key and tok.dep_ in ("nsubj", "nsubjpass", "poss", "pobj", "dobj"):
            if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
                pass
            elif tok.dep_ == "dobj" and tok.head.lemma_.lower() in _QUOTING:
                pass  # "quoted Embaló as saying ... the army chief": the one quoted speaks of the office
            elif tok.dep_ in ("poss", "pobj", "dobj"):
                continue
            if tok.head in office.ancestors:
                return True
    return False


_QUOTING = {"quote", "cite"}
"""Verbs whose object is the one speaking ("quoted X as saying")."""

_PAST_MODIFIERS = {"former", "then", "ex", "late"}
"""Words before a role that make it another time's ("the president" is no former president)."""
_STANDING_IN = {"acting", "interim"}
"""Words before a role that leave it the role ("the president" is the interim president)."""
_ROLE_MODIFIERS = _PAST_MODIFIERS | _STANDING_IN

_CAPTION_WORDS = {"pictured", "centre", "center", "left", "right", "far", "second", "third", "from", "front",
                  "back", "top", "bottom", "above", "below", "inset", "middle", "foreground", "background",
                  "seated", "standing", "here"}
"""Where a photo shows someone, which a caption puts beside the name: "Abubakar Shekau (centre)",
"Mike Omeri, center", "Alexei Navalny - pictured, centre -"."""


def caption_position(role: str) -> bool:
    """Whether a role phrase only says where a photo shows someone ("centre", "pictured, far left")."""
    words = [w.strip(",.;:()-") for w in role.lower().split()]
    return bool(words) and all(w in _CAPTION_WORDS for w in words if w)


def _lower_modifiers(role: str) -> str:
    """"Former Prime Minister" at a sentence start is the "former Prime Minister"."""
    words = role.split()
    for i, word in enumerate(words):
        if word.lower() not in _ROLE_MODIFIERS | {"deputy", "transitional", "self-declared"}:
            break
        if word.lower() != "deputy":
            words[i] = word.lower()
    return " ".join(words)


def role_key(role: str) -> str:
    """A role without modifiers, lower-cased ("the then Lord Chancellor" -> "lord chancellor")."""
    words = [w for w in role.lower().split() if w not in _ROLE_MODIFIERS and w not in ("the", "a", "an")]
    return " ".join(words)


def current_office(role: str) -> str | None:
    """The office a role is held as now, lower-cased ("Interim President" -> "president"); None for
    one held before ("former Prime Minister", "the outgoing president")."""
    words = role.lower().removeprefix("the ").split()
    if not _PAST_MODIFIERS.isdisjoint(words) or "outgoing" in words:
        return None
    return " ".join(w for w in words if w not in _STANDING_IN and w != "transitional")
