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

from ..dates import publication_day, years_in
from ..model import Claim, Dispute, StatusEvent
from ..names import name_key
from .actors import ActorTable
from .attribution import (
    ACCUSING,
    DENYING,
    HEDGE_NOUNS,
    HEDGE_WORDS,
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
    _an_opinion,
    _anonymous,
    _content_lemmas,
    _denies_a_claim,
    _past_possibility,
)
from .events import Resolver
from .figures import _ACCOUNT_VERBS, figure_disputes
from .happenings import _NAMING, _happening_noun, _happening_phrase, _refutation

_SILENCE = re.compile(
    r"\b(refrain(?:ed|s)? from comment\w*|(?:refus|declin)(?:ed|es|e) to "
    r"(?:comment|confirm|say|disclose|publish|answer|give)"
    r"\w*|(?:has|have|had) not (?:disclosed|commented|confirmed|responded|said)|did not (?:respond|comment)|"
    r"no official (?:figure|comment|confirmation|word)|not yet (?:known|clear)|(?:remains?|is|was|were) "
    r"unknown|"
    r"(?:could|can) not be (?:independently )?(?:confirmed|verified)|no information to corroborate|"
    r"silent on|kept confidential|not (?:immediately )?(?:available|reachable) for comment)\b",
    re.I,
)
_UNCONFIRMED = re.compile(r"(could|can) ?not be (independently )?(confirmed|verified)|no information to "
                          r"corroborate|"
                          r"unconfirmed|not (been )?(independently )?verified", re.I)

class DisputeFinder:
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
        anchor = publication_day(self.parsed.article.date)
        limit = anchor.year - 1 if anchor is not None else 10_000  # undated: the merge weighs the year
        old = [y for y in years_in(sent.text) if y < limit]
        if not old and previous is not None and any(
                t.lower_ in ("that", "those") and t.dep_ == "det" and _happening_noun(t.head) for t in sent):
            old = [y for y in years_in(previous.text) if y < limit]
        return f"{max(old):04d}" if old else ""

    def _versions(self, sentences: list[Span]) -> list[Dispute]:
        """"In India's telling, Chinese troops crossed the line. In China's version, Indian troops
        fired first": two sides' versions told next to each other are competing accounts."""
        told: list[tuple[int, str, Span]] = []
        for n, sent in enumerate(sentences):
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
        for tok in sent:
            if tok.lemma_.lower() not in _ACCOUNT_VERBS or not any(
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
        if speaker_verb.lemma_.lower() in _NAMING | DENYING:
            who = describe_source(_subject(speaker_verb), self.names, self.pronoun_names)[0]
        else:
            who = attribute(verb, self.names, self.pronoun_names).source
        noun = _happening_noun(happening)
        phrase = _happening_phrase(happening)
        question = "succeeded" if word == "failed" else "happened"
        claims = [self._claim(sent, who, "denies", text=f"the {phrase}: {word}")]
        for prior in reversed(before):
            if any(_happening_noun(t) == noun or (t.pos_ == "VERB" and t.lemma_.lower() == noun)
                   for t in prior):
                prior_who = self._speaker(prior)
                if name_key(prior_who) != name_key(who):
                    claims.insert(0, self._claim(prior, prior_who, "asserts"))
                    break
        return [Dispute(subject=f"whether the {phrase} {question}", kind="contradiction", claims=claims,
                        actors=self._actors_in(sent))]

    def _claim_owner(self, verb: Token) -> str | None:
        """Who made the claims a denial answers, when the sentence names them ("claims by X", "X's
        claims")."""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None or obj.lemma_.lower() not in HEDGE_NOUNS:
            return None
        for child in obj.children:
            if child.dep_ == "poss":
                return describe_source(child, self.names, self.pronoun_names)[0]
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return describe_source(pobj, self.names, self.pronoun_names)[0]
        return None

    @staticmethod
    def _unknown_thing(sent: Span, pattern: re.Pattern[str] | None = None) -> str:
        """What is unknown: "the death toll" in "... and that the death toll was not yet known";
        for "it was not yet clear if the CMA had casualties", the "if" clause."""
        found = (pattern or _SILENCE).search(sent.text)
        if not found:
            return ""
        at = sent.start_char + found.start()
        # "no information to corroborate claims Afari had been killed": the claims say what is unconfirmed.
        for tok in sent:
            if tok.idx >= at and tok.pos_ == "NOUN" and tok.lemma_.lower() in HEDGE_NOUNS:
                content = DisputeFinder._claim_content(tok)
                if content is None:
                    # The parser often hangs the content clause elsewhere: take the clause starting right
                    # after.
                    clause = next((v for v in sent if v.pos_ in ("VERB", "AUX") and v.left_edge.i == tok.i + 1
                                   and any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)), None)
                    content = subtree_span(clause) if clause is not None else None
                if content is not None:
                    return short_phrase(content, 12)
                break
        token = next((t for t in sent if t.idx >= at), None)
        while token is not None and token.pos_ not in ("VERB", "AUX", "ADJ") and token.head.i != token.i:
            token = token.head
        if token is None:
            return ""
        for head in (token, token.head):
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ not in ("it", "this", "that") and subj.pos_ != "PRON":
                return strip_determiner(short_phrase(subtree_span(subj), 10))
            clause = next((c for c in head.children if c.dep_ in ("ccomp", "advcl") and c.i > token.i), None)
            if subj is not None and clause is not None:
                return re.sub(r"^(if|whether)\s+", "whether ", short_phrase(subtree_span(clause), 12))
        return ""

    def _claim(self, sent: Span, source: str, stance: str, value: tuple[float, float] | None = None,
               text: str | None = None) -> Claim:
        evidence = self.parsed.evidence(sent)
        return Claim(text=text or evidence.sentence, source=source or "the article", stance=stance,  # type: ignore[arg-type]
                     article=self.parsed.article.path, sentence=evidence.sentence, value=value)

    def _actors_in(self, span: Span) -> list[str]:
        keys = dict.fromkeys(self.table.token_actor[t.i] for t in span if t.i in self.table.token_actor)
        keys.update(dict.fromkeys(k for t in span if t.i in self.resolver.pronouns
                                  for k in self.resolver.pronouns[t.i].split("|")))
        return [self.table.actors[k].name for k in keys]

    def _denials(self, sent: Span, before: list[Span]) -> list[Dispute]:
        """"Downing Street has denied the claims": the denial, what it denies, and the claim it answers."""
        tail = self._denied_tail(sent)
        if tail:
            return tail
        out = []
        for tok in sent:
            lemma = tok.lemma_.lower()
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
            subj = next((c for c in tok.children if c.dep_ in ("nsubj",)), None) or (
                _subject(tok) if tok.dep_ in ("xcomp", "advcl") else None)  # "the Kremlin continues to deny"
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
                # "denied claims by Iraq's government that ...": the claimant is named right there.
                claims.insert(0, self._claim(sent, owner, "asserts"))
            elif claimant is not None and name_key(claimant) != name_key(who):
                # "X's allies blamed the president, but the Kremlin dismissed the claims": both sides here
                claims.insert(0, self._claim(sent, claimant, "asserts"))
            elif prior is not None:
                claims.insert(0, self._claim(prior, self._speaker(prior), "asserts"))
            elif who == "unnamed sources" and content is None:
                break  # "That claim was again contradicted": no one named, nothing said that is denied
            out.append(Dispute(subject=subject, kind="contradiction", claims=claims,
                               actors=self._actors_in(sent)))
            break
        return out

    def _doubts(self, sent: Span) -> list[Dispute]:
        """"..., the company said, casting doubt on the army's statement that all the hostages had
        been freed": whoever casts doubt disputes the statement's content with its owner."""
        for tok in sent:
            if tok.lemma_.lower() not in ("cast", "throw", "pour") or not any(
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
        match = _DENIED_TAIL.search(sent.text)
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
            for v in (root, *root.conjuncts))
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
        if obj.pos_ == "PRON" or (obj.pos_ == "NOUN" and obj.lemma_.lower() in HEDGE_NOUNS):
            own = self._claim_content(obj) if obj.pos_ == "NOUN" else None
            if own is not None:
                return own
            # "denied the claims" / "denied them": the claims named in the sentences before.
            for prior in reversed(before[-4:]):
                for noun in reversed([t for t in prior if t.pos_ == "NOUN"
                                      and t.lemma_.lower() in HEDGE_NOUNS]):
                    content = self._claim_content(noun)
                    if content is not None:
                        return content
            if before and before[-1].root.lemma_.lower() in ACCUSING | HEDGING_REPORTING | {"blame"}:
                # "The council accused the Guard of shelling the district. The Guard denied it." /
                # "Officials claimed that troops had shelled the market. The ministry denied the claims."
                prior = before[-1]
                said = next((c for c in prior.root.children if c.dep_ == "ccomp"), None)
                if said is not None:
                    return subtree_span(said)  # what was claimed, not "Local officials claimed"
                end = prior.end
                while end > prior.start and prior.doc[end - 1].is_punct:
                    end -= 1
                return prior.doc[prior.start : end]
            return None
        # "denied [his statement to Parliament ... was drafted by officials]": up to the clause's end.
        end = max((t.i for t in verb.subtree if t.i >= obj.i and not t.is_punct), default=obj.i) + 1
        return verb.doc[obj.left_edge.i : end]

    def _speaker(self, sent: Span) -> str:
        """Who makes the claims in a sentence: the subject of its reporting verb ("The Tories say
        ... claims that"), the owner of a claim noun ("Sands's claims"), else its attribution."""
        root = sent.root
        for noun in sent:
            # "amid fresh claims that Mr Brown was seething": the claims are the source, unnamed.
            if (
                noun.pos_ == "NOUN"
                and noun.lemma_.lower() in HEDGE_NOUNS
                and self._claim_content(noun) is not None
            ):
                owner = next((c for c in noun.children if c.dep_ == "poss"), None)
                if owner is not None:
                    return describe_source(owner, self.names, self.pronoun_names)[0]
                if root.lemma_.lower() not in NEUTRAL_REPORTING | HEDGING_REPORTING:
                    return strip_determiner(short_phrase(subtree_span(noun), 3)).lower() or "unnamed sources"
        if root.lemma_.lower() in NEUTRAL_REPORTING | HEDGING_REPORTING:
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return describe_source(subj, self.names, self.pronoun_names)[0]
        return attribute(root, self.names, self.pronoun_names).source

    @staticmethod
    def _claim_content(noun: Token) -> Span | None:
        """"claims that the advice was drawn up at Number 10": the content clause, if it has one."""
        for clause in noun.children:
            if clause.dep_ not in ("acl", "ccomp", "relcl"):
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "who", "that")
                   for c in clause.children):
                continue  # "claims which are denied": a relative clause about the claims, not their content
            if any(c.dep_ in ("nsubj", "nsubjpass") or c.lower_ == "that" for c in clause.children):
                return subtree_span(clause)
        return None

    def _asserting_sentence(self, content: Span | None, before: list[Span], denial: Span) -> Span | None:
        """The earlier sentence that most plausibly makes the denied claim: it reports or claims
        something and shares the most content words with what is denied."""
        if content is not None and content.sent.start != denial.start:
            return content.sent  # the claim was found in an earlier sentence
        words = _content_lemmas(content) if content is not None else set()
        best, best_overlap = None, 2
        for prior in before[-12:]:
            if not any(t.lemma_.lower() in HEDGE_NOUNS | HEDGING_VERBS for t in prior):
                continue
            overlap = len(words & _content_lemmas(prior))
            if overlap > best_overlap:
                best, best_overlap = prior, overlap
        return best

    @staticmethod
    def _quoted_or_reported(tok: Token) -> bool:
        """A negated statement inside a quotation or report ("did not purport to be a summary")."""
        return '"' in tok.sent.text or "“" in tok.sent.text or tok.dep_ == "ccomp"

    def _hedges(self, sent: Span) -> list[Dispute]:
        """Claims resting on a hedge: "the alleged rift", "fresh claims that ...", "reportedly"."""
        out = []
        text = self.parsed.evidence(sent).sentence
        if _UNCONFIRMED.search(text):
            subj = next((t for t in sent if t.dep_ in ("nsubjpass", "nsubj")), None)
            subject = self._unknown_thing(sent, _UNCONFIRMED) or (
                strip_determiner(short_phrase(subtree_span(subj), 10)) if subj is not None
                else short_phrase(sent, 10))
            att = attribute(sent.root, self.names, self.pronoun_names)
            out.append(Dispute(subject=subject, kind="thin sourcing",
                               claims=[self._claim(sent, att.source, "unconfirmed")],
                               actors=self._actors_in(sent)))
            return out
        for tok in sent:
            low = tok.lower_
            if low in _HEDGE_ADVERBS and tok.dep_ == "advmod" and tok.head.pos_ in ("VERB", "AUX"):
                # "after reportedly being turned away by the navy": the clause rests on a hedge
                verb = tok.head
                subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                words = [t for t in verb.subtree if t.i > tok.i and t.dep_ not in ("aux", "auxpass", "punct")]
                said = (
                    short_phrase(sent.doc[words[0].i : words[-1].i + 1], 12).rstrip(" .,;") if words else ""
                )
                if len(said.split()) < 3:
                    continue  # "supposedly to": nothing a reader could weigh
                if subj is not None and subj.i < tok.i and subj.pos_ != "PRON":
                    said = f"{strip_determiner(short_phrase(subtree_span(subj), 5))} {said}"
                out.append(Dispute(subject=said, kind="thin sourcing",
                                   claims=[self._claim(sent, "unnamed sources", "hedges")],
                                   actors=self._actors_in(sent)))
                break
            if (
                low in HEDGE_WORDS
                and tok.dep_ == "amod"
                and tok.head.pos_ == "NOUN"
                and low in ("alleged", "claimed", "purported", "suspected", "reported")
            ):
                subject = strip_determiner(short_phrase(subtree_span(tok.head), 8))
                out.append(Dispute(subject=subject, kind="thin sourcing",
                                   claims=[self._claim(sent, "unnamed sources", "hedges")],
                                   actors=self._actors_in(sent)))
                break
            if (
                tok.lemma_.lower() in ("claim", "allegation", "suggestion", "rumour")
                and tok.pos_ == "NOUN"
                and any(c.dep_ in ("acl", "ccomp", "relcl") for c in tok.children)
            ):
                content = self._claim_content(tok)
                # "amid claims that agents had warned of the attacks": what is claimed, not "claims"
                said = re.sub(r"^(that|whether)\s+|\s+(but|and|or|as)$", "", short_phrase(content, 14)) \
                    if content is not None else ""
                subject = (
                    said if len(said.split()) >= 3 else strip_determiner(short_phrase(subtree_span(tok), 12))
                )
                out.append(Dispute(subject=subject, kind="thin sourcing",
                                   claims=[self._claim(sent, "unnamed sources", "hedges")],
                                   actors=self._actors_in(sent)))
                break
            if tok.pos_ == "VERB" and _past_possibility(tok):
                # "which, according to Kenyan sources, could have been carried out by up to 15 gunmen":
                # a guess about what happened, resting on whoever makes it
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and subj.lower_ in ("which", "that", "who") and tok.dep_ == "relcl":
                    subj = tok.head
                att = attribute(tok, self.names, self.pronoun_names)
                if subj is None or subj.pos_ == "PRON" or self._guessed:
                    continue  # "could have escaped": whose guess about whom is not said; one guess an article
                self._guessed.add(att.source)
                start = min(c.i for c in tok.children if c.dep_ in ("aux", "auxpass"))  # "could have been"
                words = [t for t in tok.subtree if t.i >= tok.i and not t.is_punct]
                said = short_phrase(tok.doc[start : words[-1].i + 1], 16) if words else tok.text
                said = f"{strip_determiner(short_phrase(subtree_span(subj), 5))} {said}"
                out.append(Dispute(subject=said, kind="thin sourcing",
                                   claims=[self._claim(sent, att.source, "hedges")],
                                   actors=self._actors_in(sent)))
                break
            believed = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if tok.lemma_.lower() == "believe" and believed is not None and _an_opinion(believed):
                continue  # "I believe it deserves a thorough examination": a view of what ought to be
            if tok.lemma_.lower() == "believe" and tok.pos_ == "VERB":
                att = attribute(next((c for c in tok.children if c.dep_ == "ccomp"), tok), self.names,
                                self.pronoun_names)
                subject = short_phrase(
                    subtree_span(next((c for c in tok.children if c.dep_ == "ccomp"), tok)), 12
                )
                out.append(Dispute(subject=subject, kind="thin sourcing",
                                   claims=[self._claim(sent, att.source, "hedges")],
                                   actors=self._actors_in(sent)))
                break
        return out

    def _silence(self, sent: Span) -> list[Dispute]:
        """"The authorities have refrained from commenting": official silence on the matter."""
        text = self.parsed.evidence(sent).sentence
        match = _SILENCE.search(text)
        if not match or _UNCONFIRMED.search(text):
            return []
        subj = next((t for t in sent if t.dep_ == "nsubj" and t.head.i >= sent.root.i - 8), None)
        if re.search(r"unknown|not yet (known|clear)|not be (independently )?(confirmed|verified)",
                     match.group(0), re.I):
            # "The whereabouts of X are unknown": the writer says what nobody knows; no one is silent.
            what = self._unknown_thing(sent) or (
                strip_determiner(short_phrase(subtree_span(subj), 10)) if subj is not None
                else short_phrase(sent, 10))
            return [Dispute(subject=f"{what}: {match.group(0)}", kind="silence",
                            claims=[self._claim(sent, "the article", "unconfirmed")],
                            actors=self._actors_in(sent))]
        who, _ = (
            describe_source(subj, self.names, self.pronoun_names)
            if subj is not None
            else ("unnamed sources", True)
        )
        return [Dispute(subject=f"{who}: {match.group(0)}{self._withheld(sent, match)}", kind="silence",
                        claims=[self._claim(sent, who, "silent")], actors=self._actors_in(sent))]

    def _withheld(self, sent: Span, match: re.Match[str]) -> str:
        """What is withheld: " Lord Goldsmith's advice" in "refused to publish Lord Goldsmith's advice
        on the legality of the war" (the object of the last verb of the match), else ""."""
        end = sent.start_char + match.end()
        verb = next((t for t in sent if t.idx < end <= t.idx + len(t.text) + 1 and t.pos_ == "VERB"), None)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None) if verb is not None else None
        if obj is None or obj.pos_ == "PRON":
            return ""
        return " " + short_phrase(subtree_span(obj), 10)

    def _thin_events(self) -> list[Dispute]:
        """An important event resting only on unnamed or hedged sources."""
        out = []
        for event in self.events:
            if event.event in _ROUTINE_EVENTS or event.polarity == "denied":
                continue  # "the ministers met, officials said": nothing anyone contests
            if event.certainty in ("alleged",) or (event.certainty == "reported"
                                                   and _anonymous(event.source)):
                claim = Claim(text=event.evidence.sentence, source=event.source, stance="hedges",
                              article=self.parsed.article.path, sentence=event.evidence.sentence)
                out.append(Dispute(subject=f"{event.actor} {event.event}", kind="thin sourcing",
                                   claims=[claim], actors=[event.actor]))
        return out


_ROUTINE_EVENTS = {"says", "met", "agreed", "hosts", "negotiates", "warned", "demands", "criticised",
                   "condemned", "plans"}
"""Events of diplomacy and talk: told by "officials said" they are routine, not thinly sourced claims."""
_CHARGING = NEUTRAL_REPORTING | HEDGING_REPORTING | ACCUSING | {"point", "blame", "hold", "link", "tie"}
"""Verbs of a first clause whose subject makes the claim a "but ... denied" answers."""
_HEDGE_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly"}
_UNCERTAIN_WORDS = {"clear", "known", "certain", "sure", "possible", "immediately", "available"}
HEDGING_VERBS = {"claim", "suggest", "allege", "accuse", "report"}


VERSION_GAP = 2
"""Versions told at most this many sentences apart answer each other."""


def extract_disputes(parsed: ParsedArticle, table: ActorTable, events: list[StatusEvent],
                     resolver: Resolver | None = None) -> list[Dispute]:
    """The disputes one article contributes (see the module docstring; `resolver`: one already
    built for this table and article)."""
    return DisputeFinder(parsed, table, events, resolver).run()
