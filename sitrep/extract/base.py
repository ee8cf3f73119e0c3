"""What every extractor shares: the parsed article, evidence for a sentence, name handling."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token

from ..model import Article, Evidence
from ..reader import fingerprint

HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady", "baroness",
              "baron", "madam", "mme", "m.", "prof", "prof."}
PEERAGES = {"lord", "lady", "baroness", "baron"}
PERSONAL_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}


_DOC_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per doc (spaCy joins every token's text on each access)."""
    text = _DOC_TEXTS.get(doc)
    if text is None:
        text = _DOC_TEXTS[doc] = doc.text
    return text


def span_text(span: Span) -> str:
    """`span.text`, sliced from its doc's text instead of joined token by token (the same string:
    a span's text is its tokens' texts with the whitespace between them, and `end_char` stops
    before the last one's)."""
    return doc_text(span.doc)[span.start_char : span.end_char] if span.end > span.start else ""


def clean_span_text(text: str) -> str:
    """Collapse whitespace in text taken from a span (and trim spaces and ",;:" at either end).

    `str.split` breaks at exactly the characters `re`'s `\\s` matches (`str.isspace`), and the
    ends lose their spaces either way, so this is `re.sub(r"\\s+", " ", text).strip(" ,;:")`
    without the regex (a twentieth of extraction's own time went there)."""
    return " ".join(text.split()).strip(" ,;:")


@dataclass
class ParsedArticle:
    """A parsed article with cheap lookups from a token to its sentence, paragraph and evidence."""

    doc: Doc
    article: Article
    _evidence: dict[int, Evidence] = field(default_factory=dict)
    _sets: dict[tuple[str, int, int], frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The doc is the parse of the article's text, and spaCy's tokenizer loses nothing
        # (`doc.text` is that text again): joining every token's text back up cost some 0.2 ms an
        # article. The last token's end is checked, so a doc of other text is joined as before.
        text, doc = self.article.text, self.doc
        if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text) \
                and text.startswith(doc[0].text):
            _DOC_TEXTS.setdefault(doc, text)

    @cached_property
    def paragraph_starts(self) -> list[int]:
        """Character offset where each paragraph starts in `doc.text`."""
        starts, offset = [], 0
        for paragraph in self.article.paragraphs:
            starts.append(offset)
            offset += len(paragraph) + 2
        return starts

    @cached_property
    def fingerprints(self) -> list[str]:
        """Fingerprint of each paragraph."""
        return [fingerprint(p) for p in self.article.paragraphs]

    @cached_property
    def sentences(self) -> list[Span]:
        """The doc's sentences (spaCy recomputes them on every access otherwise)."""
        return [s for s in self.doc.sents if self.text_of(s).strip()]

    # spaCy makes a new `Token` on every `doc[i]` and every step of `for tok in span`, and joins
    # every token's text for each `span.text`: with a dozen extractors walking every sentence that
    # was a quarter of extraction. These are made once per doc and shared.

    @cached_property
    def text(self) -> str:
        """`doc.text`, joined once."""
        return doc_text(self.doc)

    def text_of(self, span: Span) -> str:
        """`span.text` (see `span_text`)."""
        return self.text[span.start_char : span.end_char] if span.end > span.start else ""

    @cached_property
    def tokens(self) -> list[Token]:
        """Every token of the doc, made once (`doc[i]` is `tokens[i]`)."""
        return list(self.doc)

    def tokens_of(self, span: Span) -> list[Token]:
        """The tokens of a span (`list(span)`), without making them anew."""
        return self.tokens[span.start : span.end]

    @cached_property
    def lowers(self) -> list[str]:
        """`tok.lower_` of every token, by index."""
        return [t.lower_ for t in self.tokens]

    @cached_property
    def lemmas(self) -> list[str]:
        """`tok.lemma_.lower()` of every token, by index."""
        return [t.lemma_.lower() for t in self.tokens]

    @cached_property
    def poses(self) -> list[str]:
        """`tok.pos_` of every token, by index."""
        return [t.pos_ for t in self.tokens]

    @cached_property
    def like_nums(self) -> list[bool]:
        """`tok.like_num` of every token, by index."""
        return [t.like_num for t in self.tokens]

    def words_of(self, span: Span) -> frozenset[str]:
        """The lower-cased words of a span (every `tok.lower_`), for a cheap test before a walk."""
        key = ("w", span.start, span.end)
        hit = self._sets.get(key)
        if hit is None:
            hit = self._sets[key] = frozenset(self.lowers[span.start : span.end])
        return hit

    def lemmas_of(self, span: Span) -> frozenset[str]:
        """The lower-cased lemmas of a span (every `tok.lemma_.lower()`), for a cheap test before a walk."""
        key = ("l", span.start, span.end)
        hit = self._sets.get(key)
        if hit is None:
            hit = self._sets[key] = frozenset(self.lemmas[span.start : span.end])
        return hit

    @cached_property
    def entities(self) -> list[Span]:
        """The doc's entities in order (`doc.ents` builds them anew on every access)."""
        return list(self.doc.ents)

    @cached_property
    def _entity_starts(self) -> list[int]:
        return [ent.start for ent in self.entities]

    def ents_in(self, span: Span) -> list[Span]:
        """The entities wholly inside `span`, as `span.ents` gives them, without a pass over the doc."""
        found = []
        at = bisect.bisect_left(self._entity_starts, span.start)
        while at < len(self.entities) and self.entities[at].start < span.end:
            if self.entities[at].end <= span.end:
                found.append(self.entities[at])
            at += 1
        return found

    def paragraph_of(self, char: int) -> int:
        """Index of the paragraph holding character offset `char`."""
        return max(0, bisect.bisect_right(self.paragraph_starts, char) - 1)

    def evidence(self, sent: Span) -> Evidence:
        """Evidence for a sentence: the file, the sentence text, its paragraph fingerprint."""
        hit = self._evidence.get(sent.start)
        if hit is None:
            index = self.paragraph_of(sent.start_char)
            fp = self.fingerprints[index] if index < len(self.fingerprints) else ""
            hit = Evidence(self.article.path, clean_span_text(self.text_of(sent)), fp)
            self._evidence[sent.start] = hit
        return hit


def subtree_span(token: Token) -> Span:
    """The contiguous span covered by a token's subtree."""
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


_DANGLING = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX"})
"""Parts of speech a phrase cut at its word limit must not end on ("girls captured by")."""


_NOUN_MODIFIERS = frozenset({"poss", "compound", "amod", "nummod", "det", "quantmod", "nmod", "case"})
"""Dependents that sit before the noun they modify ("Nigeria's Islamic extremist rebels")."""
_CLAUSE_OPENERS = frozenset({"WDT", "WP", "WP$", "WRB"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_VERB_OBJECTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"})
_JOINING = frozenset({"CCONJ", "SCONJ", "DET"})
"""Words that join or open what follows them: a phrase never ends on one ("ambushed the army' and"),
nor on a preposition of a noun ("a team of experts from the"; "is over", "according to" stay)."""
SUBORDINATORS = frozenset({"when", "while", "if", "although", "though", "because", "after", "before",
                           "since", "unless", "whereas", "once", "until"})
"""Words that open a subordinate clause."""
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
"""Tags of a finite verb: a name right before one is its subject, whatever the parse says."""
_WOULD_BE_SUBJECT = frozenset({"NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM", "PUNCT"})
_NOUN_TAIL = 3
"""Words a phrase cut inside a noun phrase may run past its limit to reach the noun."""


def _clause_read_as_preposition(tok: Token, cut: int) -> bool:
    """A subordinator the parser read as a preposition, its clause's subject as its object and
    the clause's verb, past `cut`, as a verb of its own with no subject ("the chaos as senior
    officials in northern regions were arrested")."""
    if tok.dep_ != "prep" or tok.lower_ not in SUBORDINATORS | {"as"}:
        return False
    after = tok.right_edge.i + 1
    if after <= cut or after >= len(tok.doc) or tok.doc[after].tag_ not in FINITE:
        return False
    verb = tok.doc[after].head if tok.doc[after].dep_ in ("aux", "auxpass") else tok.doc[after]
    return not any(c.dep_ in _SUBJECTS for c in verb.children)


def _whole_at_the_cut(kept: list[Token], span: Span) -> list[Token]:
    """`kept`, cut at its word limit, ending on whole words of sense: a clause opened before the
    cut whose verb lies past it goes ("the school where the students", "the capital even as
    senior officers"), a noun phrase cut before its noun is finished when the noun is near ("by
    Nigeria's Islamic extremist rebels") or dropped (never "carried out by Nigeria"), and no
    phrase ends on a preposition, determiner, auxiliary or a subject whose verb was cut
    ("girls captured by", "treated well ... we"). A question ("we don't know when ...") is no
    relative clause and stays."""
    cut = kept[-1].i
    opener = next((i for i, t in enumerate(kept) if i > 0 and t.head.i > cut and t.head.dep_ == "relcl"
                   and (t.tag_ in _CLAUSE_OPENERS or (t.lower_ == "that" and t.dep_ != "det"))), None)
    # A clause opened before the cut whose verb lies past it, or at it with its object past it
    # ("as officers seek"): it goes, from its first word.
    clause = next((t.head for t in kept if t.dep_ == "mark" and t.head.dep_ == "advcl" and (
        t.head.i > cut or (t.head.i == cut and any(c.i > cut and c.dep_ in _VERB_OBJECTS
                                                   for c in t.head.children)))), None)
    if clause is not None:  # "... even as ground commanders": from the clause's first word
        opener = min(opener if opener is not None else len(kept),
                     next(i for i, t in enumerate(kept) if t.i >= clause.left_edge.i))
    misread = next((i for i, t in enumerate(kept) if i > 0 and _clause_read_as_preposition(t, cut)), None)
    if misread is not None:
        opener = min(opener if opener is not None else len(kept), misread)
    if opener:
        kept = kept[:opener]
    kept = _without_verb_cut_from_its_object(kept, cut)
    last = kept[-1] if kept[-1].dep_ != "case" else kept[-1].head  # "Nigeria 's": the possessor
    noun = last.head
    if kept[-1].i == cut and last.dep_ in _NOUN_MODIFIERS and cut < noun.i <= cut + _NOUN_TAIL \
            and noun.i < span.end and noun.pos_ in ("NOUN", "PROPN"):
        between = span.doc[cut + 1 : noun.i]
        if all(t.head.i == noun.i or t.dep_ in _NOUN_MODIFIERS for t in between):
            return [*kept, *between, noun]
    while len(kept) > 1 and ((kept[-1].pos_ in _DANGLING and kept[-1].dep_ != "prt")  # "carried out"
                             or kept[-1].tag_ == "PRP$"
                             or (kept[-1].head.i > cut and kept[-1].dep_ in _NOUN_MODIFIERS)
                             or (kept[-1].dep_ in _SUBJECTS and cut < kept[-1].head.i < span.end)):
        kept.pop()  # "... treated well ... we": a subject whose verb was cut goes too
    return kept


def _without_verb_cut_from_its_object(kept: list[Token], cut: int) -> list[Token]:
    """`kept` without a verb at the cut whose object lies past it, when the verb opens a part of
    its own: a second verb ("found a silver car ... and identified" goes from "and") or a clause
    the parser hung on a preposition ("held under anti-terrorism laws as officers 'seek" goes
    from "as")."""
    verb = kept[-1]
    if len(kept) < 3 or verb.i != cut or verb.pos_ != "VERB" or not any(
            c.i > cut and c.dep_ in (*_VERB_OBJECTS, "prep") for c in verb.children):
        return kept
    if verb.dep_ == "conj":
        return [t for t in kept if t.i < verb.i and not (t.dep_ == "cc" and t.head.i == verb.head.i
                                                           and t.i > verb.head.i)] \
            if verb.head.i < verb.i else kept
    opener = next((i for i in range(len(kept) - 2, 0, -1)
                   if kept[i].lower_ in SUBORDINATORS | {"as"} and kept[i].dep_ in ("prep", "mark")
                   and all(t.pos_ in _WOULD_BE_SUBJECT for t in kept[i + 1:-1])), None)
    return kept[:opener] if opener else kept


def _without_open_clause(kept: list[Token]) -> list[Token]:
    """`kept` without a subordinate clause it opens but does not finish: "along the border after
    Spain yesterday", where the sentence goes on "accused ...", ends at "border" (the parser
    hangs such a clause's subject on the phrase and its verb elsewhere)."""
    if not kept or kept[-1].i + 1 >= len(kept[-1].doc) or kept[-1].doc[kept[-1].i + 1].tag_ not in FINITE:
        return kept
    after = kept[-1].doc[kept[-1].i + 1]
    verb = after.head if after.dep_ in ("aux", "auxpass") else after
    # "the girls taken after the raid were freed": the verb has its subject before the phrase
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    for at in range(len(kept) - 1, 0, -1):
        tok = kept[at]
        if tok.lower_ in SUBORDINATORS and (subject is None or subject.i > tok.i) and any(
                t.pos_ in ("NOUN", "PROPN", "PRON") and t.ent_type_ not in ("DATE", "TIME")
                for t in kept[at + 1:]):
            return kept[:at]  # "in power since 2021 has ..." keeps its date
        if tok.pos_ not in _WOULD_BE_SUBJECT and tok.dep_ != "npadvmod":
            break
    return kept


def _between_modifiers(comma: Token) -> bool:
    """Whether a comma sits between two modifiers of a noun that follows them ("a full, accurate
    summary", "a long, bloody war", "free, fair and credible elections"): no end of a phrase."""
    doc = comma.doc
    if comma.i == 0 or comma.i + 1 >= len(doc):
        return False
    before, after = doc[comma.i - 1], doc[comma.i + 1]
    if before.dep_ == "amod" and after.pos_ == "ADJ" and after.dep_ == "conj" and after.head.i == before.i:
        return True  # "free, transparent and credible elections": a list of the noun's adjectives
    return before.dep_ == "amod" and after.dep_ == "amod" and before.head.i == after.head.i > after.i


_INDEFINITES = {"anything", "nothing", "something", "everything"}


def short_phrase(span: Span, max_words: int = 10) -> str:
    """Span text cut at a relative clause, parenthesis or dash, at most `max_words` words.

    A phrase cut at the word limit drops the words left hanging at its end ("more than 270 girls
    captured by" -> "... captured"), and a quotation mark whose partner was cut off goes too."""
    kept: list[Token] = []
    capped = False
    words = 0
    for tok in span:
        spaced_dash = tok.text in ("-", "—", "–") and (tok.whitespace_
                                                       or (tok.i > 0 and tok.doc[tok.i - 1].whitespace_))
        # (not an infinitive on "anything": "anything to do with his disappearance" is one phrase)
        inner_relcl = tok.dep_ == "relcl" and span.start <= tok.head.i < span.end \
            and not (tok.head.lower_ in _INDEFINITES and any(c.dep_ == "aux" and c.lower_ == "to"
                                                             for c in tok.children))
        if inner_relcl:
            # "a water bottle he drank from": the relative clause began before its verb
            kept = [t for t in kept if t.i < tok.left_edge.i]
            break
        if tok.text in ("(", ";") or spaced_dash \
                or (tok.text == "," and kept and not _between_modifiers(tok)):
            break
        if tok.lower_ in ("who", "which", "that") and kept:
            break
        if tok.dep_ == "cc" and kept and _finite_after_gerund(tok):
            break
        kept.append(tok)
        words += not tok.is_punct  # "mall-massacre" is one word, not three
        if words >= max_words:
            capped = True
            break
    if capped:
        kept = _whole_at_the_cut(kept, span)
    kept = _without_open_clause(kept)
    while len(kept) > 1 and (kept[-1].text in (".", "...", "…") or kept[-1].pos_ in _JOINING
                             or (kept[-1].pos_ == "ADP" and kept[-1].dep_ != "prt"
                                 and (kept[-1].head.pos_ in ("NOUN", "PROPN", "PRON")
                                      or any(c.dep_ in ("pobj", "pcomp", "prep")
                                             for c in kept[-1].children)))):
        kept.pop()  # no full stop or ellipsis, no "and", "experts from the" or "unite around" left open
    return phrase_text(kept)


def _finite_after_gerund(cc: Token) -> bool:
    """"of mounting a coup and cut off ties": a gerund joined to a verb of another form, which the
    parser hung on it but which goes with the clause's own verb (whoever accused also cut off ties).
    A bare verb may still share a gerund's "to" ("trying to mount a coup and seize power")."""
    head = cc.head
    if head.tag_ != "VBG":
        return False
    joined = next((c for c in head.children if c.dep_ == "conj" and c.i > cc.i), None)
    if joined is None or joined.pos_ not in ("VERB", "AUX"):
        return False
    return joined.tag_ in ("VBD", "VBZ", "VBP") or (
        joined.tag_ == "VB" and not any(c.dep_ == "xcomp" for c in head.children))


def on_verb_or_object(verb: Token, wanted: Callable[[Token], bool]) -> Token | None:
    """The first child of `verb`, or of its direct object, that is `wanted`: what a verb makes of
    its object, which the parser hangs on either ("dismissed [the opposition as stooges]", "called
    the poisoning [a provocation]")."""
    for holder in (verb, *(c for c in verb.children if c.dep_ == "dobj")):
        found = next((c for c in holder.children if wanted(c)), None)
        if found is not None:
            return found
    return None


def phrase_text(tokens: list[Token]) -> str:
    """The tokens' text, without their quotation marks when one's partner was cut off ("President
    of the Republic”" is "President of the Republic")."""
    if sum(1 for t in tokens if t.is_quote and t.tag_ != "POS") % 2:  # keep the space a dropped mark had
        return clean_span_text("".join(t.whitespace_ if t.is_quote and t.tag_ != "POS" else t.text_with_ws
                                       for t in tokens))
    return clean_span_text("".join(t.text_with_ws for t in tokens))


_DETERMINER = re.compile(r"^(the|a|an|his|her|their|its)\s+", re.I)


def strip_determiner(text: str) -> str:
    """Drop a leading article or possessive pronoun ("a former paratrooper" -> "former paratrooper")."""
    return _DETERMINER.sub("", text, count=1)


def sentence_index(parsed: ParsedArticle) -> dict[int, int]:
    """Token index -> sentence number, for every token."""
    index: dict[int, int] = {}
    for n, sent in enumerate(parsed.sentences):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index
