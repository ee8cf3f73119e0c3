"""Thin sourcing and silence in one article: claims resting on a hedge ("the alleged rift",
"reportedly", "could have been"), on a claim noun or an unnamed source, and officials who decline
to say; with the helpers every dispute finder uses to write a claim down."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..model import Claim, Dispute, StatusEvent
from .actors import ActorTable
from .attribution import (
    _QUOTES,
    BASELESS,
    HEDGE_NOUNS,
    HEDGE_WORDS,
    _subject,
    attribute,
    describe_source,
    passive_agents,
)
from .base import ParsedArticle, short_phrase, strip_determiner, subtree_span
from .clauses import (
    QUESTION_WORDS,
    _an_opinion,
    _anonymous,
    _past_possibility,
)
from .resolver import Resolver
from .timing import _REL_PRONOUNS

_SILENCE = re.compile(
    r"\b(refrain(?:ed|s)? from comment\w*|(?:refus|declin)(?:ed|es|e) to "
    r"(?:comment|confirm|say|disclose|publish|answer|give(?= (?:any |further |more |an? |the |no )?"
    r"(?:details?|figures?|information|estimates?|numbers?|reasons?|specifics|names?|timeline|"
    r"explanation|comment|interviews?|time ?frames?|timetables?|dates?|deadlines?|breakdown|account)\b))"
    # (not "refused to give ground")
    r"\w*|(?:has|have|had) not (?:disclosed|commented|confirmed|responded|said)|did not (?:respond|comment)|"
    r"no official (?:figure|comment|confirmation|word)s?|not yet (?:known|clear)|(?:remains?|is|was|were) "
    r"unknown(?! (?:in|to|among|outside)\b)|"  # not "he is unknown in political circles": obscure
    r"(?:could|can) not be (?:independently )?(?:confirmed|verified)|no information to corroborate|"
    r"silent on|(?:was|were|is|are|remained|remains|kept) mum on|"
    r"did not (?:say|disclose|reveal|specify|explain)(?= (?:whether|if|how|who|why|when|where)\b)|"
    r"kept confidential|not (?:immediately )?(?:available|reachable) for comment)\b",
    re.I,
)
_DANGLING = frozenset({"or", "and", "those", "these", "that", "the", "a", "an", "of", "to", "in", "with",
                       "for", "on", "by"})
"""Words a phrase cut short must not end on."""
_UNCONFIRMED = re.compile(r"(could|can) ?not be (independently )?(confirmed|verified)|no information to "
                          r"corroborate|"
                          r"unconfirmed|not (been )?(independently )?verified", re.I)
_ROUTINE_EVENTS = {"says", "met", "agreed", "hosts", "negotiates", "warned", "demands", "criticised",
                   "condemned", "plans"}
"""Events of diplomacy and talk: told by "officials said" they are routine, not thinly sourced claims."""
_HEDGE_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly"}
_HEDGE_PARTICIPLES = ("alleged", "claimed", "purported", "suspected", "reported")
_HOLDING = frozenset({"arrest", "detain", "hold", "charge", "question", "interrogate", "jail", "sentence",
                      "convict", "extradite", "deport", "prosecute", "try", "release", "free"})
"""What is done to people held on suspicion: "suspected smugglers were arrested" is no thin
sourcing, only the law's word for people not yet tried."""
_LOOSE_END = re.compile(r"\s+(?:but|and|or|as)$")
"""A conjunction a clause's span may end on when the parser hung the next clause elsewhere."""
_CLAIM_LEMMAS = ("claim", "allegation", "suggestion", "rumour")
_HEDGE_LOWERS = frozenset(_HEDGE_ADVERBS | set(_HEDGE_PARTICIPLES))
_HEDGE_LEMMAS = frozenset({*_CLAIM_LEMMAS, "believe"})
"""The words and lemmas `_hedges` looks further at (with the verbs of a guess about the past)."""


class ThinSourcing:
    """The thin-sourcing half of `DisputeFinder` (which sets these attributes)."""

    parsed: ParsedArticle
    table: ActorTable
    resolver: Resolver
    names: dict[int, str]
    pronoun_names: dict[int, str]
    events: list[StatusEvent]
    _guessed: set[str]

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
                content = ThinSourcing._claim_content(tok)
                if content is None:
                    # The parser often hangs the content clause elsewhere: take the clause starting right
                    # after.
                    clause = next((v for v in sent if v.pos_ in ("VERB", "AUX") and v.left_edge.i == tok.i + 1
                                   and any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)), None)
                    content = subtree_span(clause) if clause is not None else None
                if content is not None:
                    return _standalone(short_phrase(content, 12), content[0])
                break
        token = next((t for t in sent if t.idx >= at), None)
        while token is not None and token.pos_ not in ("VERB", "AUX", "ADJ") and token.head.i != token.i:
            token = token.head
        if token is None:
            return ""
        if token.dep_ == "conj" and token.i > sent.start \
                and token.doc[token.i - 1].pos_ in ("NOUN", "PROPN") \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            # "... a military presence at the airport and Mugabe's whereabouts were unknown": the
            # parser hung the subject on the noun before it; it is the words since "and"
            start = next((t.i + 1 for t in reversed(token.doc[sent.start:token.i])
                          if t.lower_ in ("and", "but", ",", ";")), sent.start)
            return strip_determiner(short_phrase(token.doc[start:token.i], 10))
        for head in (token, token.head):
            # The subject nearest the predicate: "20 were killed and many injured (the number of
            # enemy casualties is unknown)" hangs both "many" and "number" on "is".
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            before = [c for c in subjects if c.i < token.i]
            subj = before[-1] if before else next(iter(subjects), None)
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
        at = range(span.start, span.end)
        keys = dict.fromkeys(self.table.token_actor[i] for i in at if i in self.table.token_actor)
        keys.update(dict.fromkeys(k for i in at if i in self.resolver.pronouns
                                  for k in self.resolver.pronouns[i].split("|")))
        return [self.table.actors[k].name for k in keys]

    @staticmethod
    def _claim_content(noun: Token) -> Span | None:
        """"claims that the advice was drawn up at Number 10", "claims about taking control of the
        palace": the content clause, if it has one."""
        for clause in noun.children:
            if clause.dep_ not in ("acl", "ccomp", "relcl"):
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "who", "that")
                   for c in clause.children):
                continue  # "claims which are denied": a relative clause about the claims, not their content
            if any(c.dep_ in ("nsubj", "nsubjpass") or c.lower_ == "that" for c in clause.children):
                return subtree_span(clause)
        # "the claims made by the RSF about taking control of the palace": what they are about
        for holder in (noun, *(c for c in noun.children if c.dep_ == "acl")):
            about = next((c for c in holder.children if c.dep_ == "prep" and c.lower_ == "about"), None)
            said = next((c for c in about.children if c.dep_ in ("pcomp", "pobj")), None) if about else None
            if said is not None and said.pos_ in ("VERB", "AUX"):
                return subtree_span(said)
        return ThinSourcing._content_after_aside(noun)

    @staticmethod
    def _content_after_aside(noun: Token) -> Span | None:
        """"his suggestion - made in a phone call - that he could have swallowed it": a content
        clause after an aside in dashes, which the parser hangs on the sentence's verb instead."""
        doc = noun.doc
        after = noun.i + 1
        if after >= len(doc) or doc[after].text not in ("-", "—", "–"):
            return None
        close = next((t for t in doc[after + 1 : noun.sent.end] if t.text in ("-", "—", "–")), None)
        if close is None or close.i + 1 >= noun.sent.end or doc[close.i + 1].lower_ != "that":
            return None
        clause = doc[close.i + 1]
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head  # "that" may hang on the clause's subject ("that Navalny could ...")
        if clause.dep_ not in ("ccomp", "acl", "advcl", "conj") or clause.i <= close.i:
            return None
        span = subtree_span(clause)
        end = span.end
        while end > span.start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1  # the sentence's full stop may hang on the clause
        return doc[span.start : end]

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
        parsed = self.parsed
        lowers, lemmas, poses, tokens = parsed.lowers, parsed.lemmas, parsed.poses, parsed.tokens
        in_sent = parsed.words_of(sent)
        # `_past_possibility` needs "have" and a modal among the verb's children (in its sentence).
        guessing = "have" in in_sent and not in_sent.isdisjoint(("could", "may", "might"))
        for i in range(sent.start, sent.end):
            low, lemma = lowers[i], lemmas[i]
            if not (low in _HEDGE_LOWERS or lemma in _HEDGE_LEMMAS or (guessing and poses[i] == "VERB")):
                continue  # none of the tests below can pass
            tok = tokens[i]
            if low in _HEDGE_ADVERBS and tok.dep_ == "advmod" and tok.head.pos_ in ("VERB", "AUX"):
                # "after reportedly being turned away by the navy": the clause rests on a hedge
                verb = tok.head
                if verb.dep_ in ("acl", "relcl") and _held_on_suspicion(verb.head):
                    continue  # "charges against two officials allegedly involved": the law's word
                subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                words = [t for t in verb.subtree if t.i > tok.i and t.dep_ not in ("aux", "auxpass", "punct")]
                said = (
                    short_phrase(sent.doc[words[0].i : words[-1].i + 1], 12).rstrip(" .,;") if words else ""
                )
                if len(said.split()) < 3:
                    continue  # "supposedly to": nothing a reader could weigh
                if subj is not None and subj.lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
                    subj = verb.head  # "pictures that reportedly show ...": the pictures do
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
                and low in _HEDGE_PARTICIPLES
            ):
                if low in ("suspected", "alleged") and _held_on_suspicion(tok.head):
                    continue  # "suspected traffickers were arrested": the arrest is the news
                subject = strip_determiner(short_phrase(_unbroken(tok.head), 8))
                # "Vela said six suspected gang members were killed": the word is the named speaker's
                holder = attribute(tok.head, self.names, self.pronoun_names)
                named = holder.certainty in ("reported", "alleged") and not holder.anonymous \
                    and any(a.name == holder.source for a in self.table.actors.values())
                out.append(Dispute(subject=subject, kind="thin sourcing",
                                   claims=[self._claim(sent, holder.source if named else "unnamed sources",
                                                       "hedges")],
                                   actors=self._actors_in(sent)))
                break
            if (
                lemma in _CLAIM_LEMMAS
                and tok.pos_ == "NOUN"
                and any(c.dep_ in ("acl", "ccomp", "relcl") for c in tok.children)
            ):
                content = self._claim_content(tok)
                # "amid claims that agents had warned of the attacks": what is claimed, not "claims"
                said = _LOOSE_END.sub("", re.sub(r"^(that|whether)\s+", "", short_phrase(content, 14))) \
                    if content is not None else ""
                subject = (
                    said if len(said.split()) >= 3 else strip_determiner(short_phrase(subtree_span(tok), 12))
                )
                # "the claims made by the RSF": whoever made them holds them
                maker = next((g for c in tok.children if c.dep_ == "acl" for g in passive_agents(c)), None)
                made_by = describe_source(maker, self.names, self.pronoun_names)[0] if maker is not None \
                    else "unnamed sources"
                rebutter = _called_baseless(tok)
                if rebutter is not None:
                    # "Saudi Arabia called the allegation it abducted or harmed Khashoggi 'baseless'":
                    # one side's claim, the other's denial
                    who = describe_source(rebutter, self.names, self.pronoun_names)[0]
                    claimed = subject.split()
                    while claimed and claimed[-1].strip("\"'“”‘’.,").lower() in BASELESS | {""}:
                        claimed.pop()
                    out.append(Dispute(subject=" ".join(claimed), kind="contradiction",
                                       claims=[self._claim(sent, made_by, "asserts"),
                                               self._claim(sent, who, "denies")],
                                       actors=self._actors_in(sent)))
                    break
                out.append(Dispute(subject=subject, kind="thin sourcing",
                                   claims=[self._claim(sent, made_by, "hedges")],
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
            if lemma != "believe":
                continue
            if _quoted_others_belief(tok):
                continue  # '"These groups believe that we will give in," Noboa said': his view of them
            if _named_by_belief(tok):
                continue  # "celebrated what they believed to be a successful coup": a thing named, no claim
            believed = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if believed is not None and _an_opinion(believed):
                continue  # "I believe it deserves a thorough examination": a view of what ought to be
            if believed is None and any(c.dep_ == "prep" and c.lower_ == "in" for c in tok.children):
                continue  # "I never believed in a power higher than the people": a conviction, no claim
            if believed is not None and _own_forecast(tok, believed):
                continue  # '"I certainly believe that coup plotters will not succeed"': one's own forecast
            if tok.pos_ == "VERB":
                att = attribute(next((c for c in tok.children if c.dep_ == "ccomp"), tok), self.names,
                                self.pronoun_names)
                clause = next((c for c in tok.children if c.dep_ == "ccomp"), tok)
                subject = _raised(tok) or _standalone(short_phrase(subtree_span(clause), 12),
                                                      clause.left_edge)
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
        subj = self._silent_one(sent, match) or next(
            (t for t in sent if t.dep_ == "nsubj" and t.head.i >= sent.root.i - 8
             and t.lower_ not in _REL_PRONOUNS), None)
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

    @staticmethod
    def _silent_one(sent: Span, match: re.Match[str]) -> Token | None:
        """The subject of the words that keep silent ("both the military high command and the
        state government were silent on that": the command), when the parse gives one."""
        start = sent.start_char + match.start()
        word = next((t for t in sent if t.idx >= start), None)
        for node in (word, word.head if word is not None else None):
            if node is None:
                continue
            # a passive's subject ("such papers were kept confidential") is what is withheld
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in _REL_PRONOUNS:
                return subject
        return None

    def _withheld(self, sent: Span, match: re.Match[str]) -> str:
        """What is withheld: " Lord Goldsmith's advice" in "refused to publish Lord Goldsmith's advice
        on the legality of the war" (the object of the last verb of the match), the question left
        open in "declined to say whether troops would be sent", or the matter in "refused to comment
        on the report"; else ""."""
        end = sent.start_char + match.end()
        verb = next((t for t in sent if t.idx < end <= t.idx + len(t.text) + 1 and t.pos_ == "VERB"), None)
        if verb is None:
            if match.group(0).lower().endswith(" on") or match.group(0).lower().startswith("no official"):
                # "was mum on how the students were freed", "no official figures on the number of
                # people killed": the matter is what follows
                after = [t for t in sent if t.idx >= end and not t.is_space]
                while after and after[-1].is_punct:
                    after.pop()
                if not after:
                    return ""
                words = short_phrase(sent.doc[after[0].i : after[-1].i + 1], 12).split()
                while words and words[-1].lower() in _DANGLING:
                    words.pop()  # "... the number of people killed or those": cut where the phrase is whole
                return " " + " ".join(words) if words else ""
            return ""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return "" if obj.pos_ == "PRON" else " " + short_phrase(subtree_span(obj), 10)
        question = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i
                         and c.left_edge.lower_ in QUESTION_WORDS), None)
        if question is not None:
            # the question word, then its clause ("whether that ..." is no relative clause)
            asked = subtree_span(question)
            return f" {asked[0].text} {short_phrase(asked[1:], 9)}".rstrip() if len(asked) > 1 else ""
        matter = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "about")
                       and any(g.dep_ == "pobj" and g.pos_ != "PRON" for g in c.children)), None)
        return " " + short_phrase(subtree_span(matter), 10) if matter is not None else ""

    def _thin_events(self) -> list[Dispute]:
        """An important event resting only on unnamed or hedged sources."""
        out = []
        for event in self.events:
            if event.event in _ROUTINE_EVENTS or event.polarity == "denied":
                continue  # "the ministers met, officials said": nothing anyone contests
            if event.event == "accused" and not _anonymous(event.source):
                continue  # one side's charge, told as theirs: no claim resting on a hedge
            if event.certainty in ("alleged",) or (event.certainty == "reported"
                                                   and _anonymous(event.source)):
                claim = Claim(text=event.evidence.sentence, source=event.source, stance="hedges",
                              article=self.parsed.article.path, sentence=event.evidence.sentence)
                # what happened to what ("rebels: seized the city of Oru"); a count stays in the
                # claim, so that two tellings of one toll ("eight", "at least eight") stay one item
                told = event.event if event.count else event.fact
                out.append(Dispute(subject=f"{event.actor}: {told}", kind="thin sourcing",
                                   claims=[claim], actors=[event.actor]))
        return out


def _unbroken(noun: Token) -> Span:
    """The noun's phrase up to the first word that is not its own: "the alleged rift is over who
    should take the credit", where the parser hung "who should take ..." on "rift", is "the
    alleged rift", not a rift that "is over" (a quotation mark or comma hung elsewhere is no gap)."""
    phrase = subtree_span(noun)
    own = {t.i for t in noun.subtree}
    end = next((t.i for t in phrase if t.i not in own and not t.is_punct), phrase.end)
    return noun.doc[phrase.start:end]


def _standalone(text: str, first: Token) -> str:
    """A claim's clause (`text`, which starts with the token `first`) as it reads on its own:
    without the "that" or "where" that tied it to its sentence ("that some of the girls were
    taken" -> "some of the girls were taken"), and with the noun a relative "who" or "which"
    stands for ("who were believed to have been kidnapped" -> "Indians were believed to have been
    kidnapped"). "that person may have died" keeps its "that", a determiner."""
    rest = text.partition(" ")[2]
    if not rest or not text.lower().startswith(first.lower_):
        return text
    clause = first.head
    if first.tag_ in ("WP", "WDT") and clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN"):
        noun = clause.head
        start = min((c.i for c in noun.children if c.i < noun.i and c.dep_ in ("compound", "amod")),
                    default=noun.i)
        return f"{noun.doc[start : noun.i + 1].text} {rest}"
    relative = first.tag_ == "WRB" and any(a.dep_ == "relcl" for a in list(first.ancestors)[:3])
    if (first.lower_ == "that" and first.dep_ == "mark") or relative:  # "where the girls were taken"
        return rest
    return text


_CALLING = {"call", "brand", "label", "describe", "term"}  # ("dismiss" denies already)


def _called_baseless(claim: Token) -> Token | None:
    """Who calls a claim baseless, false or unfounded ("X called the allegation ... 'baseless'",
    "branded the claims false"), if anyone does."""
    verb = claim.head
    if claim.dep_ != "dobj" or verb.lemma_.lower() not in _CALLING:
        return None
    if not any(t.lower_ in BASELESS for t in verb.subtree if t.i > claim.i):
        return None
    return _subject(verb)


def _own_forecast(believe: Token, believed: Token) -> bool:
    """"I believe", "we believe" that something will (or would) happen: the speaker's own view of
    what is to come, no claim of fact resting on a hedge."""
    return any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in believe.children) \
        and any(c.dep_ == "aux" and c.lower_ in ("will", "wo", "would", "'ll") for c in believed.children)


def _raised(believed: Token) -> str:
    """"Palmyra, a desert oasis, is believed to be home to 100,000 people": who or what is
    believed, then what (an aside after the subject left out): "Palmyra is believed to be home to
    some 100,000 people"; "" unless the sentence is built that way."""
    subj = next((c for c in believed.children if c.dep_ == "nsubjpass"), None)
    what = next((c for c in believed.children if c.dep_ == "xcomp" and c.i > believed.i), None)
    if subj is None or what is None or subj.pos_ == "PRON" or subj.i > believed.i:
        return ""
    doc = believed.doc
    start = min((c.i for c in believed.children if c.dep_ in ("aux", "auxpass") and c.i > subj.i),
                default=believed.i)
    said = _LOOSE_END.sub("", short_phrase(doc[start : what.right_edge.i + 1], 12).rstrip(" .,;"))
    return f"{short_phrase(subtree_span(subj), 6)} {said}" if len(said.split()) >= 4 else ""


def _named_by_belief(verb: Token) -> bool:
    """Whether "believe" heads a free relative that names a thing by what someone took it for
    ("celebrated what they believed to be a successful coup"), not a claim of its own."""
    if verb.dep_ == "ROOT":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    return subject is not None and subject.i > 0 and verb.doc[subject.i - 1].lower_ == "what"


def _quoted_others_belief(believe: Token) -> bool:
    """Whether "believe" is inside a quotation and tells what others believe of the speaker ('"These
    groups try to intimidate us and believe that we will give in," the president said'): the
    speaker's view of them, no claim resting on a hedge."""
    sent = believe.sent
    marks = sum(t.text in _QUOTES or t.tag_ in ("``", "''") for t in sent if t.i < believe.i)
    if marks % 2 == 0:
        return False
    subj = next((c for c in believe.children if c.dep_ == "nsubj"), None)
    if subj is None and believe.dep_ == "conj":
        subj = next((c for c in believe.head.children if c.dep_ == "nsubj"), None)
    believed = next((c for c in believe.children if c.dep_ == "ccomp"), None)
    of_speaker = believed is not None and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("i", "we")
                                              for c in believed.children)
    return subj is not None and subj.lower_ not in ("i", "we") and of_speaker


def _held_on_suspicion(noun: Token) -> bool:
    """Whether the people `noun` names are arrested, held, charged or freed in its clause
    ("Dozens of suspected traffickers have been arrested", "police detained three suspected
    militants")."""
    node = noun
    if node.dep_ == "pobj" and node.head.lower_ == "against" \
            and node.head.head.lemma_.lower() in ("charge", "case", "warrant", "indictment"):
        return True  # "filed charges against two officials allegedly involved in the escape"
    for _ in range(3):
        if node.dep_ in ("nsubjpass", "dobj") and node.head.pos_ == "VERB":
            return node.head.lemma_.lower() in _HOLDING
        if node.dep_ not in ("pobj", "prep") or node.head.i == node.i:
            return False
        node = node.head
    return False

