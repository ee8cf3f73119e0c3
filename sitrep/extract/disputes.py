"""Disputed facts inside one article: denials, hedged or unconfirmed claims, silence, and figures.

Contradictions between events on the same actor (reported arrested vs arrest denied) are found
when articles are merged; here each article contributes the claims only it can see: who denied
what, which claims rest on a hedge ("alleged rift", "could not be independently confirmed"),
who refused to comment, and every figure given for a count of people (merged and compared
across articles later).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..dates import publication_day, years_before
from ..model import Dispute, StatusEvent
from ..text import name_key
from .actors import ActorTable
from .attribution import (
    ACCUSING,
    DENYING,
    HEDGE_NOUNS,
    HEDGING_REPORTING,
    NEUTRAL_REPORTING,
    _subject,
    attribute,
    describe_source,
    version_owner,
)
from .base import ParsedArticle, clean_span_text, short_phrase, strip_determiner, subtree_span
from .clauses import (
    _CLAIM_NOUNS,
    _DENIED_TAIL,
    _accusation_text,
    _after_opening,
    _content_lemmas,
    _denies_a_claim,
)
from .events import Resolver
from .figures import _ACCOUNT_VERBS, figure_disputes
from .happenings import _HAPPENINGS, _NAMING, _happening_noun, _happening_phrase, _refutation
from .thin import ThinSourcing

OPENING_SENTENCES = 2
"""The article's opening (its lede and the sentence after): the claims a later "the claims" may
answer when none is named nearer."""
_CLAIMING = ACCUSING | HEDGING_REPORTING | {"blame"}
"""Verbs whose clause is a claim a later "denied that claim" answers."""


def _plural(noun: Token) -> bool:
    """Whether a happening is told in the plural ("coup attempts"), its head or the head of its compound."""
    head = noun.head if noun.dep_ == "compound" else noun
    return head.tag_ in ("NNS", "NNPS")


def _that_clauses(verb: Token) -> list[Token]:
    """What a claiming verb says: its clause ("claimed that X"), or a "that" clause the parser hung
    on a noun inside its phrase ("claimed without evidence that X")."""
    said = [c for c in verb.children if c.dep_ == "ccomp"]
    if said:
        return said
    return [t for t in verb.subtree if t.dep_ in ("acl", "ccomp") and t.i > verb.i
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)][:1]


_SUSPICION_REACH = 6
"""Words a "that" clause may stand after the suspicion it gives ("suspicions among opposition
figures that")."""
_DOUBT_NOUNS = {"doubt", "fear", "question", "belief", "theory"}
"""Nouns besides the hedges whose "that" clause is what someone holds, not what the writer states."""


_SAID_NOUNS = frozenset({"statement", "assertion", "announcement", "remark", "version", "account"})
"""Nouns for what someone said that a denial may name ("denied the statement")."""
_REL_WORDS = frozenset({"which", "who", "that"})


def _anaphoric(noun: Token) -> bool:
    """"the statement", "that statement": a noun that points back at what was said, with nothing of
    its own ("his statement to Parliament ... was drafted by officials" tells its content)."""
    deps = {(c.dep_, c.lower_) for c in noun.children}
    pointing = any(("det", word) in deps for word in ("the", "this", "that", "these", "those"))
    return pointing and not {dep for dep, _ in deps} & {"poss", "prep", "acl", "relcl", "amod", "compound"}


class DisputeFinder(ThinSourcing):
    """Collects the disputes one article contributes."""

    def __init__(self, parsed: ParsedArticle, table: ActorTable, events: list[StatusEvent],
                 resolver: Resolver | None = None) -> None:
        self.parsed = parsed
        self.table = table
        self.events = events
        self.resolver = resolver or Resolver(table, parsed)
        self.names = self.resolver.names()
        self.pronoun_names = self.resolver.resolved_names()
        self._guessed: set[str] = set()
        """Whose guess about the past ("could have been") is listed for this article: one is enough,
        a speaker's second guess is the same speculation told again."""

    def run(self) -> list[Dispute]:
        """Every dispute in the article."""
        out: list[Dispute] = []
        sentences = self.parsed.sentences
        for n, sent in enumerate(sentences):
            refuted = self._refuted_happening(sent, sentences[:n])
            denials = refuted or self._denials(sent, sentences[max(0, n - 3) : n]) or self._doubts(sent)
            past = self._past_affair(sent, sentences[n - 1] if n else None)
            for dispute in denials if past else []:
                for claim in dispute.claims:
                    claim.when = claim.when or past
            out += denials
            out += self._hedges(sent)
            out += self._silence(sent)
            out += self._competing_accounts(sent)
        out += self._versions(sentences)
        out += self._thin_events()
        out += figure_disputes(self)
        return out

    def _past_affair(self, sent: Span, previous: Span | None) -> str:
        """The year of an old affair a sentence's dispute is about (ISO), or "": a year well
        before the article in the sentence, or in the sentence before when this one points back
        to its happening ("the 2019 coup ... Many still blame him for that shooting")."""
        anchor = publication_day(self.parsed.article.date)  # undated: every year, the merge weighs it
        parsed = self.parsed
        old = years_before(parsed.text_of(sent), anchor)
        if not old and previous is not None and any(
                parsed.lowers[i] in ("that", "those") and parsed.tokens[i].dep_ == "det"
                and _happening_noun(parsed.tokens[i].head) for i in range(sent.start, sent.end)):
            old = years_before(parsed.text_of(previous), anchor)
        return f"{max(old):04d}" if old else ""

    def _versions(self, sentences: list[Span]) -> list[Dispute]:
        """"In India's telling, Chinese troops crossed the line. In China's version, Indian troops
        fired first": two sides' versions told next to each other are competing accounts."""
        told: list[tuple[int, str, Span]] = []
        for n, sent in enumerate(sentences):
            if "in" not in self.parsed.words_of(sent):
                continue  # `version_owner` needs an "in" child of the sentence's root
            owner = version_owner(sent)
            if owner is not None:
                told.append((n, describe_source(owner, self.names, self.pronoun_names)[0], sent))
        out = []
        for (n, first, a), (m, second, b) in zip(told, told[1:], strict=False):
            if m - n > VERSION_GAP or name_key(first) == name_key(second):
                continue
            claims = [self._claim(sent, who, "asserts", text=_after_opening(sent))
                      for who, sent in ((first, a), (second, b))]
            out.append(Dispute(subject=f"competing versions: {first} and {second}", kind="contradiction",
                               claims=claims, actors=self._actors_in(a) + [x for x in self._actors_in(b)
                                                                             if x not in self._actors_in(a)]))
        return out

    def _competing_accounts(self, sent: Span) -> list[Dispute]:
        """ "State TV reported that 400 civilians had been killed, while activists said 300 troops
        were": two named sources set side by side by "while" or "whereas" give competing accounts."""
        lemmas, tokens = self.parsed.lemmas, self.parsed.tokens
        for i in range(sent.start, sent.end):
            if lemmas[i] not in _ACCOUNT_VERBS:
                continue
            tok = tokens[i]
            if not any(
                    c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in tok.children):
                continue
            first = tok.head
            hops = 0
            while first.lemma_.lower() not in _ACCOUNT_VERBS and first.head.i != first.i and hops < 2:
                first, hops = first.head, hops + 1
            if first.lemma_.lower() not in _ACCOUNT_VERBS or first.i == tok.i:
                continue
            who = [describe_source(_subject(v), self.names, self.pronoun_names) for v in (first, tok)]
            if any(anonymous and name == "unnamed sources" for name, anonymous in who) or \
                    name_key(who[0][0]) == name_key(who[1][0]):
                continue
            said = [next((c for c in v.children if c.dep_ == "ccomp"), None) for v in (first, tok)]
            if None in said:
                continue
            first_text = clean_span_text(" ".join(t.text for t in subtree_span(said[0])
                                                  if not (tok.left_edge.i <= t.i <= tok.right_edge.i)))
            texts = [short_phrase(sent.doc[said[0].left_edge.i: said[0].right_edge.i + 1], 14)
                     if not first_text else " ".join(first_text.split()[:16]).rstrip(" ,"),
                     short_phrase(subtree_span(said[1]), 16)]
            claims = [
                self._claim(sent, name, "asserts", text=text)
                for (name, _), text in zip(who, texts, strict=False)
            ]
            subject = f"competing accounts: {who[0][0]} and {who[1][0]}"
            return [Dispute(subject=subject, kind="contradiction", claims=claims,
                            actors=self._actors_in(sent))]
        return []

    def _refuted_happening(self, sent: Span, before: list[Span]) -> list[Dispute]:
        """"Moscow called the poisoning a provocation", "the attack was staged", "no attack took
        place", "the coup attempt failed": one side says a happening did not happen (or failed).
        The other side is the article's earlier sentence that tells of it from another source;
        without one the refutation stands alone, for the merge to pair across articles."""
        if self.parsed.lemmas_of(sent).isdisjoint(_HAPPENINGS):
            return []  # `_refutation` needs a happening's lemma, on a noun or a compound child of one
        found = _refutation(sent)
        if found is None:
            return []
        happening, verb, word = found
        speaker_verb = verb
        while (
            speaker_verb.dep_ in ("ccomp", "conj", "xcomp")
            and speaker_verb.head.lemma_.lower() not in _NAMING
            and speaker_verb.lemma_.lower() not in _NAMING
        ):
            speaker_verb = speaker_verb.head
        suspected = self._suspected_by(verb)
        if suspected is not None:
            who = suspected
        elif speaker_verb.lemma_.lower() in _NAMING | DENYING:
            who = describe_source(_subject(speaker_verb), self.names, self.pronoun_names)[0]
        else:
            who = attribute(verb, self.names, self.pronoun_names).source
        noun = _happening_noun(happening)
        phrase = _happening_phrase(happening)
        question = "succeeded" if word == "failed" else "happened"
        claims = [self._claim(sent, who, "denies", text=f"the {phrase}: {word}")]
        plural = _plural(happening)  # "fabricating coup attempts" doubts others than "the coup"
        anchor = publication_day(self.parsed.article.date)
        dated = bool(years_before(self.parsed.text_of(sent), anchor))
        for prior in reversed(before):
            if not dated and years_before(self.parsed.text_of(prior), anchor):
                continue  # "at least nine coups since 1974" is history, not the happening doubted now
            if any((_happening_noun(t) == noun and _plural(t) == plural)
                   or (t.pos_ == "VERB" and t.lemma_.lower() == noun)
                   for t in prior) and (self.parsed.lemmas_of(prior).isdisjoint(_HAPPENINGS)
                                        or _refutation(prior) is None):
                # a sentence that itself doubts the happening never tells of it
                prior_who = self._speaker(prior)
                if name_key(prior_who) != name_key(who):
                    claims.insert(0, self._claim(prior, prior_who, "asserts"))
                    break
        return [Dispute(subject=f"whether the {phrase} {question}", kind="contradiction", claims=claims,
                        actors=self._actors_in(sent))]

    def _suspected_by(self, verb: Token) -> str | None:
        """Who holds the suspicion a "that" clause gives ("raising suspicions among opposition
        figures that the coup was staged", "doubts that the attack took place"): the noun's
        holder ("among", "by", "from" or an owner), else unnamed sources; None when the clause
        follows no such noun (the parser may hang it anywhere, so the words before it are read)."""
        mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "that"), None)
        if mark is None:
            return None
        doc, start = verb.doc, max(verb.sent.start, mark.i - _SUSPICION_REACH)
        noun = next((t for t in reversed(doc[start : mark.i])
                     if t.pos_ == "NOUN" and t.lemma_.lower() in HEDGE_NOUNS | _DOUBT_NOUNS), None)
        if noun is None:
            return None
        for t in doc[noun.i + 1 : mark.i]:
            if t.dep_ == "prep" and t.lower_ in ("among", "by", "from"):
                holder = next((c for c in t.children if c.dep_ == "pobj"), None)
                if holder is not None:
                    return describe_source(holder, self.names, self.pronoun_names)[0]
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None:
            return describe_source(owner, self.names, self.pronoun_names)[0]
        return "unnamed sources"

    def _claim_owner(self, verb: Token) -> str | None:
        """Who made the claims a denial answers, when the sentence names them ("claims by X", "X's
        claims", "the claims, made in a new book")."""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None or obj.lemma_.lower() not in HEDGE_NOUNS:
            return None
        return self._maker(obj)

    def _maker(self, noun: Token) -> str | None:
        """Who or what a claim noun says made the claims: "X's claims", "claims by X", "the claims,
        made in a new book", "allegations published by the Guardian"."""
        for child in noun.children:
            if child.dep_ == "poss":
                return describe_source(child, self.names, self.pronoun_names)[0]
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return describe_source(pobj, self.names, self.pronoun_names)[0]
            if child.dep_ == "acl" and child.lemma_.lower() in _MAKING:
                for prep in child.children:
                    if prep.dep_ in ("agent", "prep") and prep.lower_ in ("by", "in"):
                        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                        if pobj is None:
                            continue
                        if pobj.i in self.names or pobj.i in self.pronoun_names:
                            return describe_source(pobj, self.names, self.pronoun_names)[0]
                        # "a new book about the Attorney General's advice": the book, not what it is about
                        return clean_span_text(pobj.doc[pobj.left_edge.i : pobj.i + 1].text)
        return None

    def _maker_after(self, sent: Span) -> str | None:
        """The maker of "the claims" as the next sentences name it ("The Tories want answers to
        claims that ... Downing Street has denied the claims, made in a new book ...")."""
        sentences = self.parsed.sentences
        at = next((i for i, s in enumerate(sentences) if s.start == sent.start), None)
        if at is None:
            return None
        for later in sentences[at + 1 : at + 1 + MAKER_AHEAD]:
            for noun in later:
                if noun.pos_ == "NOUN" and noun.lemma_.lower() in HEDGE_NOUNS and any(
                        c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in noun.children):
                    maker = self._maker(noun)
                    if maker is not None:
                        return maker
        return None

    def _denials(self, sent: Span, before: list[Span]) -> list[Dispute]:
        """"Downing Street has denied the claims": the denial, what it denies, and the claim it answers."""
        tail = self._denied_tail(sent)
        if tail:
            return tail
        out = []
        lemmas, tokens = self.parsed.lemmas, self.parsed.tokens
        for i in range(sent.start, sent.end):
            lemma = lemmas[i]
            if lemma not in _DENIAL_LEMMAS:
                continue  # neither `negated_claim` nor `is_denial` below can hold
            tok = tokens[i]
            negated_claim = (
                lemma in ("play", "purport", "lean", "be")
                and any(c.dep_ == "neg" for c in tok.children)
                and not any(c.dep_ == "acomp" and c.lower_ in _UNCERTAIN_WORDS for c in tok.children)
                and (
                    lemma != "be"
                    or any(c.dep_ == "attr" for c in tok.children)  # "was not a summary"
                    and any(
                        c.dep_ == "nsubj" and c.lemma_.lower() in HEDGE_NOUNS | _CLAIM_NOUNS
                        for c in tok.children
                    )
                )
            )
            is_denial = tok.pos_ == "VERB" and lemma in DENYING and _denies_a_claim(tok)
            if not is_denial and not (negated_claim and self._quoted_or_reported(tok)):
                continue
            if (
                is_denial
                and lemma == "dismiss"
                and not any(c.lower_ in ("claim", "claims", "reports", "allegations") for c in tok.subtree)
            ):
                continue
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if is_denial and lemma != "deny" and obj is not None and obj.pos_ == "NOUN" \
                    and obj.lemma_.lower() not in HEDGE_NOUNS | _CLAIM_NOUNS:
                continue  # "rejected any negotiation", "rejected the offer": a refusal, not a contradiction
            # "the Kremlin continues to deny", "we condemn and reject the statement"
            subj = next((c for c in tok.children if c.dep_ in ("nsubj",)), None) or (
                _subject(tok) if tok.dep_ in ("xcomp", "advcl", "conj") else None)
            if is_denial:
                who, _ = describe_source(subj, self.names, self.pronoun_names)
            else:
                who = attribute(tok, self.names, self.pronoun_names).source
            content = self._denied_content(tok, before) if is_denial else subtree_span(tok)
            subject = (
                strip_determiner(short_phrase(content, 16)) if content is not None else short_phrase(sent, 20)
            )
            subject = re.sub(r"^(that|whether)\s+", "", subject)
            charged = content.root if content is not None else sent.root
            if charged.lemma_.lower() in ACCUSING | {"blame"}:
                subject = _accusation_text(charged) or subject  # "council accused the Guard of shelling ..."
            claims = [self._claim(sent, who, "denies")]
            owner = self._claim_owner(tok) if is_denial else None
            prior = self._asserting_sentence(content, before, sent) if owner is None else None
            first = tok.head if is_denial and tok.dep_ == "conj" and tok.head.pos_ == "VERB" else \
                sent.root if is_denial and tok.dep_ == "relcl" and sent.root.i < tok.i else None
            # "X accused Y of Z, but Y denied it" / "X accused Y of shelling the town, which Y denies"
            claimant = (
                describe_source(_subject(first), self.names, self.pronoun_names)[0]
                if first is not None and first.lemma_.lower() in _CHARGING and _subject(first) is not None
                else None
            )
            if owner is not None:
                # "denied claims by Iraq's government that ...": the claimant is named right there;
                # what they claim may have been told before ("... denied the claims, made in a book").
                told = content.sent if content is not None and content.sent.start != sent.start else sent
                claims.insert(0, self._claim(told, owner, "asserts"))
            elif claimant is not None and name_key(claimant) != name_key(who):
                # "X's allies blamed the president, but the Kremlin dismissed the claims": both sides here
                claims.insert(0, self._claim(sent, claimant, "asserts"))
            elif prior is not None:
                claimer = self._claimer(content) or self._speaker(prior)
                claims.insert(0, self._claim(prior, claimer, "asserts"))
            elif who == "unnamed sources" and content is None:
                break  # "That claim was again contradicted": no one named, nothing said that is denied
            out.append(Dispute(subject=subject, kind="contradiction", claims=claims,
                               actors=self._actors_in(sent)))
            break
        return out

    def _doubts(self, sent: Span) -> list[Dispute]:
        """"..., the company said, casting doubt on the army's statement that all the hostages had
        been freed": whoever casts doubt disputes the statement's content with its owner."""
        lemmas, tokens = self.parsed.lemmas, self.parsed.tokens
        for i in range(sent.start, sent.end):
            if lemmas[i] not in ("cast", "throw", "pour"):
                continue
            tok = tokens[i]
            if not any(
                    c.dep_ == "dobj" and c.lemma_.lower() in ("doubt", "cold water") for c in tok.children):
                continue
            target = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "over")
                           for g in c.children if g.dep_ == "pobj"), None)
            if target is None or target.lemma_.lower() not in HEDGE_NOUNS | _CLAIM_NOUNS:
                continue  # "cast doubt on the future of the talks": no claim to dispute
            content = self._claim_content(target)
            if content is None:
                continue
            owner = next((c for c in target.children if c.dep_ == "poss"), None)
            doubter = _subject(tok)
            if owner is None or doubter is None:
                continue
            claimant = describe_source(owner, self.names, self.pronoun_names)[0]
            who = describe_source(doubter, self.names, self.pronoun_names)[0]
            subject = re.sub(r"^(that|whether)\s+", "", short_phrase(content, 16))
            return [Dispute(subject=subject, kind="contradiction",
                            claims=[self._claim(sent, claimant, "asserts"), self._claim(sent, who, "denies")],
                            actors=self._actors_in(sent))]
        return []

    def _denied_tail(self, sent: Span) -> list[Dispute]:
        """"PASTEF accused the government of X, a claim officials rejected" / "..., charges both deny":
        the sentence before the tail is the claim, its subject the claimant, the tail's subject the denier."""
        match = _DENIED_TAIL.search(self.parsed.text_of(sent))
        if not match:
            return []
        cut = sent.start_char + match.start()
        claim_tokens = [t for t in sent if t.idx < cut]
        if len(claim_tokens) < 4:
            return []
        claim = sent.doc[claim_tokens[0].i : claim_tokens[-1].i + 1]
        root = next((t for t in claim if t.head.i == t.i or t.head.i >= claim.end), claim.root)
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        passive = subj is not None and subj.dep_ == "nsubjpass"
        # "X accused Y of ...": X claims; "Y were accused of ...": someone unnamed claims, about Y;
        # "The case against the men follows ... allegations ..., claims which are denied": the subject
        # of a verb that neither says nor accuses is no claimant.
        says = any(v.lemma_.lower() in NEUTRAL_REPORTING | HEDGING_REPORTING | ACCUSING or any(
            # "repeated his accusation"
            c.dep_ == "dobj" and c.lemma_.lower() in HEDGE_NOUNS | _CLAIM_NOUNS for c in v.children)
            # a conjunct counts only as a verb: in "..., claims which are denied" the parser may
            # join the tail's noun "claims" to the main verb
            for v in (root, *root.conjuncts) if v is root or v.pos_ == "VERB")
        claimant = ("unnamed sources" if passive or subj is None or not says
                    else describe_source(subj, self.names, self.pronoun_names)[0])
        who = match.group("who").strip()
        at = sent.start_char + match.start("who")
        who_tok = next((t for t in sent if t.idx >= at), None)
        # "a charge he has always rejected": the denier is the first word; adverbs are not names.
        first = who.split()[0].lower() if who else ""
        blamed = next((c for c in root.children if c.dep_ == "dobj" and c.i in self.names), None) \
            if root.lemma_.lower() in ACCUSING | {"blame"} else None
        if first in ("he", "she") and blamed is not None:
            who = self.names[blamed.i]  # "blame X for that shooting, a charge he has always rejected": X
        elif first in ("he", "she", "they", "it") and who_tok is not None and who_tok.i in self.pronoun_names:
            who = self.pronoun_names[who_tok.i]
        elif first in ("he", "she"):
            who = first
        if who.lower() in ("both", "all", "each", "they", "it", "he", "she"):
            accused = [subj, *subj.conjuncts] if passive and subj is not None else []
            named = [self.names[t.i] for t in accused if t.i in self.names]
            denier = ", ".join(dict.fromkeys(named)) or "those accused"
        elif who.lower() in ("was", "were", "is", "are", "been", "be", ""):
            denier = "unnamed sources"
        elif who_tok is not None and who_tok.i in self.names:
            denier = self.names[who_tok.i]
        else:
            denier = who
        said = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if root.lemma_.lower() in NEUTRAL_REPORTING | HEDGING_REPORTING and said is not None:
            inner = [t for t in subtree_span(said) if t.idx < cut]  # "the army said [it had recaptured ...]"
            if inner:
                claim = sent.doc[inner[0].i : inner[-1].i + 1]
        named = next((t for t in claim if t.pos_ == "NOUN" and t.lemma_.lower() in HEDGE_NOUNS), None)
        against = next((g for t in (named.subtree if named is not None else []) if t.lower_ == "against"
                        for g in t.children if g.dep_ == "pobj"), None)
        if denier == "unnamed sources" and against is not None:
            # "allegations made against three councillors, claims which are denied": they deny them
            denier = strip_determiner(short_phrase(sent.doc[against.left_edge.i : against.i + 1], 6))
        if not says and named is not None:
            # "... a hearing into postal fraud allegations made against three councillors, claims which
            # are denied": what is denied is the allegations, not the sentence around them
            claim = subtree_span(named)
        words = clean_span_text(claim.text).rstrip(" ,").split()
        subject = strip_determiner(" ".join(words[:18]) + ("..." if len(words) > 18 else ""))
        claims = [self._claim(sent, claimant, "asserts"), self._claim(sent, denier, "denies")]
        return [Dispute(subject=subject, kind="contradiction", claims=claims, actors=self._actors_in(sent))]

    def _denied_content(self, verb: Token, before: list[Span]) -> Span | None:
        """What a denial denies: its clause ("denied [his statement ... was drafted by No 10]"), the
        content of the claims it names ("denied the claims [that ...]"), or, for "denied them", the
        latest claims named before."""
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp")), None)
        if (
            verb.dep_ in ("relcl", "acl")
            and verb.head.pos_ == "NOUN"
            and verb.head.lemma_.lower() in HEDGE_NOUNS
        ):
            # "allegations made against three councillors, claims which are denied"
            target = verb.head.head if verb.head.dep_ == "appos" else verb.head
            if target.i == verb.head.i:
                # A loose ", claims which are denied" tail: the claim is the earlier claim noun.
                earlier = [t for t in verb.sent if t.i < target.i and t.pos_ == "NOUN"
                           and t.lemma_.lower() in HEDGE_NOUNS]
                target = earlier[-1] if earlier else target
            content = self._claim_content(target)
            return content if content is not None else subtree_span(target)
        if obj is None:
            return None
        said_noun = obj.pos_ == "NOUN" and obj.lemma_.lower() in _SAID_NOUNS and _anaphoric(obj)
        if said_noun:
            # "RSF said that it had seized the camp, a camp of the army, which has denied the
            # statement": what was said before the denial in the same sentence
            said = next((c for t in verb.sent if t.i < verb.i and t.pos_ == "VERB"
                         and t.lemma_.lower() in NEUTRAL_REPORTING | HEDGING_REPORTING
                         for c in t.children if c.dep_ == "ccomp" and c.i < verb.i), None)
            if said is not None:
                end = min(said.right_edge.i + 1, verb.left_edge.i)
                while end > said.left_edge.i + 1 and (verb.doc[end - 1].is_punct
                                                     or verb.doc[end - 1].lower_ in _REL_WORDS):
                    end -= 1
                return verb.doc[said.left_edge.i : end]
        if obj.pos_ == "NOUN" and obj.lemma_.lower() in _SAID_NOUNS | HEDGE_NOUNS:
            # "reject the statement of X on the alleged 'ethnic cleansing' of residents": what it is about
            topic = next((o for c in (*obj.children, *verb.children)  # the parser may hang it on the verb
                          if c.dep_ == "prep" and c.lower_ in ("on", "about", "regarding")
                          for o in c.children if o.dep_ == "pobj" and not o.ent_type_), None)
            end = topic.right_edge.i + 1 if topic is not None else len(verb.doc)
            # "denied his statement about X was drafted by officials": X is no topic but a clause's subject
            clause_goes_on = end < len(verb.doc) and verb.doc[end].pos_ in ("AUX", "VERB")
            if topic is not None and self._claim_content(obj) is None and not clause_goes_on:
                return subtree_span(topic)
        if obj.pos_ == "PRON" or said_noun or (obj.pos_ == "NOUN" and obj.lemma_.lower() in HEDGE_NOUNS):
            own = self._claim_content(obj) if obj.pos_ == "NOUN" else None
            if own is not None:
                return own
            first = verb.head
            if verb.dep_ == "conj" and first.lemma_.lower() in NEUTRAL_REPORTING | HEDGING_REPORTING:
                # "The army claimed he had been killed, but the rebels denied it": what was claimed
                said = next((c for c in first.children if c.dep_ == "ccomp"), None)
                if said is not None:
                    return subtree_span(said)
            # "denied the claims" / "denied them": the claims named in the sentences before, else
            # those the article opened with ("The prime minister's spokesman also rejected the
            # claims", paragraphs after the lede named them).
            opening = [o for o in self.parsed.sentences[:OPENING_SENTENCES]
                       if o.start < verb.sent.start and all(o.start != b.start for b in before[-4:])]
            for prior in [*reversed(before[-4:]), *opening]:
                for noun in reversed([t for t in prior if t.pos_ == "NOUN"
                                      and t.lemma_.lower() in HEDGE_NOUNS]):
                    content = self._claim_content(noun)
                    if content is not None:
                        return content
            if not before:
                return None
            prior = before[-1]
            if prior.root.lemma_.lower() in _CLAIMING:
                # "The council accused the Guard of shelling the district. The Guard denied it." /
                # "Officials claimed that troops had shelled the market. The ministry denied the claims."
                said = next((c for c in prior.root.children if c.dep_ == "ccomp"), None)
                if said is not None:
                    return subtree_span(said)  # what was claimed, not "Local officials claimed"
                end = prior.end
                while end > prior.start and prior.doc[end - 1].is_punct:
                    end -= 1
                return prior.doc[prior.start : end]
            # "... for Zúñiga, who claimed without evidence that Arce had asked him ... The
            # government denied that claim.": a claim told in a clause of the sentence before
            said = next((c for t in prior if t.pos_ == "VERB" and t.lemma_.lower() in _CLAIMING
                         for c in _that_clauses(t)), None)
            if said is None and obj.pos_ == "PRON":
                # "The government condemned his appointment, saying that it was engineered by Russia.
                # Moscow denied that.": what the sentence before said
                said = next((c for t in prior if t.pos_ == "VERB" and t.lemma_.lower() in NEUTRAL_REPORTING
                             for c in _that_clauses(t)), None)
            return subtree_span(said) if said is not None else None
        # "denied [his statement to Parliament ... was drafted by officials]": up to the clause's end,
        # without a clause of its own after it ("denied any knowledge of it [when asked ...]").
        aside = {t.i for c in verb.children if c.dep_ == "advcl" and c.i > obj.i for t in c.subtree}
        end = max((t.i for t in verb.subtree
                   if t.i >= obj.i and not (t.is_punct or t.is_space) and t.i not in aside),
                  default=obj.i) + 1
        return verb.doc[obj.left_edge.i : end]

    def _claimer(self, content: Span | None) -> str | None:
        """Who claims what a denial denies, when it is the clause of a claiming verb ("Zúñiga, who
        claimed that ...": Zúñiga, not the sentence's "Prosecutors said")."""
        if content is None:
            return None
        verb = next((a for a in content.root.ancestors if a.pos_ == "VERB"), None)
        if verb is None or verb.lemma_.lower() not in _CLAIMING | NEUTRAL_REPORTING:
            return None
        subject = _subject(verb)
        if subject is None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
            subject = _subject(verb.head)  # "The government condemned it, saying that ...": the government
        return describe_source(subject, self.names, self.pronoun_names)[0] if subject is not None else None

    def _speaker(self, sent: Span) -> str:
        """Who makes the claims in a sentence: the maker of a claim noun ("Sands's claims", "claims
        made in a book"); claims a reporting verb's subject only tells of ("The opposition says
        ministers must answer claims that ...") are their maker's as the next sentences name it,
        else unnamed; else the subject of its reporting verb, else its attribution."""
        root = sent.root
        for noun in sent:
            # "amid fresh claims that Mr Brown was seething": the claims are the source, unnamed.
            if (
                noun.pos_ == "NOUN"
                and noun.lemma_.lower() in HEDGE_NOUNS
                and self._claim_content(noun) is not None
            ):
                owner = self._maker(noun)
                if owner is not None:
                    return owner
                if root.lemma_.lower() not in NEUTRAL_REPORTING | HEDGING_REPORTING:
                    return strip_determiner(short_phrase(subtree_span(noun), 3)).lower() or "unnamed sources"
                if not _within_subject(noun, root):
                    # "The Tories say ministers must respond to claims that ...": they tell of the
                    # claims, not make them; the next sentences may name who did.
                    return self._maker_after(sent) or "unnamed sources"
        if root.lemma_.lower() in NEUTRAL_REPORTING | HEDGING_REPORTING:
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return describe_source(subj, self.names, self.pronoun_names)[0]
        return attribute(root, self.names, self.pronoun_names).source

    def _asserting_sentence(self, content: Span | None, before: list[Span], denial: Span) -> Span | None:
        """The earlier sentence that most plausibly makes the denied claim: it reports or claims
        something and shares the most content words with what is denied."""
        if content is not None and content.sent.start != denial.start:
            return content.sent  # the claim was found in an earlier sentence
        words = _content_lemmas(content) if content is not None else set()
        best, best_overlap = None, 2
        for prior in before[-12:]:
            if self.parsed.lemmas_of(prior).isdisjoint(HEDGE_NOUNS | HEDGING_VERBS):
                continue
            overlap = len(words & _content_lemmas(prior))
            if overlap > best_overlap:
                best, best_overlap = prior, overlap
        return best

    @staticmethod
    def _quoted_or_reported(tok: Token) -> bool:
        """A negated statement inside a quotation or report ("did not purport to be a summary")."""
        return '"' in tok.sent.text or "“" in tok.sent.text or tok.dep_ == "ccomp"



_MAKING = frozenset({"make", "publish", "contain", "print", "air", "broadcast", "level", "raise", "carry"})
"""Verbs of a participle on a claim noun that name who or what made the claims ("the claims, made in
a new book", "allegations published by the Guardian")."""
MAKER_AHEAD = 2
"""Sentences after one that tells of claims where "the claims, made in ..." may name their maker."""


def _within_subject(token: Token, verb: Token) -> bool:
    """Whether `token` is in the subject of `verb` ("Claims that ... are false, he said" is not;
    "Claims that ... were dismissed" is)."""
    return any(token in c.subtree for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))


_CHARGING = NEUTRAL_REPORTING | HEDGING_REPORTING | ACCUSING | {"point", "blame", "hold", "link", "tie"}
"""Verbs of a first clause whose subject makes the claim a "but ... denied" answers."""
_UNCERTAIN_WORDS = {"clear", "known", "certain", "sure", "possible", "immediately", "available"}
HEDGING_VERBS = {"claim", "suggest", "allege", "accuse", "report"}
_DENIAL_LEMMAS = frozenset({"play", "purport", "lean", "be"} | DENYING)
"""Lemmas `_denials` tests further: a negated claim's verb or a verb of denial."""


VERSION_GAP = 2
"""Versions told at most this many sentences apart answer each other."""


def extract_disputes(parsed: ParsedArticle, table: ActorTable, events: list[StatusEvent],
                     resolver: Resolver | None = None) -> list[Dispute]:
    """The disputes one article contributes (see the module docstring; `resolver`: one already
    built for this table and article)."""
    return DisputeFinder(parsed, table, events, resolver).run()
