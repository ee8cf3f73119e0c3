"""Which actor a token refers to: names, pronouns, "the president", groups and their members,
worked out once per article."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .actors import ActorTable, role_key
from .attribution import (
    ANONYMOUS_HEADS,
    DENYING,
    HEDGING_REPORTING,
    NEUTRAL_REPORTING,
    describe_source,
    speaker_after,
)
from .base import (
    FINITE,
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    ParsedArticle,
    short_phrase,
    subtree_span,
)
from .roles import _title_words, current_office
from .timing import _REL_PRONOUNS

_NAMING_VERBS = {"know", "identify", "name", "call"}
_MEMBER_NOUNS = {"fighter", "militant", "extremist", "gunman", "gunmen", "member", "soldier", "troop",
                 "rebel", "jihadist", "insurgent", "supporter", "commander", "official", "spokesman",
                 "leader"}
_BODY_VERBS = {"announce", "claim", "confirm", "insist", "deny", "report", "declare", "believe", "warn",
               "admit"}
_STATE_BODIES = {"government", "authority", "leader", "navy", "army", "president", "foreign minister"}
SPEECH_VERBS = {"say", "tell", "insist", "add", "argue", "write", "state"}


_PLACE_NOUNS = {"airport", "town", "city", "village", "base", "broadcaster", "palace", "port", "bridge",
                "road", "district", "province", "capital", "region", "territory", "station", "building",
                "parliament", "border", "crossing", "airbase", "barracks", "headquarters", "hill", "ridge",
                "peak", "valley", "highway", "oilfield", "mine", "dam", "prison", "camp", "mall", "hospital",
                "compound", "outpost"}


_PERSON_ROLES = {"officer", "prosecutor", "lawyer", "attorney", "negotiator", "mediator", "investigator",
                 "magistrate", "coroner", "judge", "ombudsman"}
"""Nouns for one person by office beyond the title list ("the country's top law officer")."""
# Not "sheikh": in South Asia it is part of women's names too ("Sheikh Hasina ... her resignation").
_MASCULINE = {"king", "prince", "spokesman", "chairman", "sultan", "emir", "lord", "baron",
              "duke", "ombudsman", "father", "son", "brother", "husband", "man"}
_FEMININE = {"queen", "princess", "spokeswoman", "chairwoman", "baroness", "lady", "dame", "duchess",
             "mother", "daughter", "sister", "wife", "woman"}
_PRONOUN_GENDER = {"he": _FEMININE, "she": _MASCULINE}
"""A pronoun and the role words it cannot stand for ("she" is no spokesman)."""
_GENDER_WORDS = {
    **dict.fromkeys(_FEMININE | {"mrs", "ms", "miss", "madam", "widow", "girl", "grandmother", "aunt",
                                 "niece", "actress", "businesswoman", "congresswoman", "sister-in-law"}, "f"),
    **dict.fromkeys(_MASCULINE | {"mr", "sir", "widower", "boy", "grandfather", "uncle", "nephew",
                                  "businessman", "congressman", "brother-in-law"}, "m"),
}
"""Words right before a name that say whether the person is a woman or a man ("his daughter
Elaine Dang", "Mrs Halvass"): the role words above, titles and kin."""
_FEMININE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_SOMEONE_NOUNS = frozenset(_MEMBER_NOUNS | _PERSON_ROLES | _MASCULINE | _FEMININE | ANONYMOUS_HEADS | {
    "boy", "girl", "commando", "worker", "journalist", "reporter", "doctor", "nurse", "student",
    "survivor", "victim", "relative", "refugee", "migrant", "hostage", "suspect", "policeman",
    "policewoman", "guard", "pilot", "driver", "citizen", "villager", "prisoner", "veteran", "adviser",
    "advisor", "analyst", "expert", "engineer", "businessman", "businesswoman", "priest", "cleric",
    "associate", "friend", "neighbour", "neighbor", "colleague"})
"""Nouns for one person: "a member of a special forces unit" as a sentence's subject is someone
the story now tells of, whom a later "he" may mean."""
_PRONOUN_WORDS = frozenset(PERSONAL_PRONOUNS | PLURAL_PRONOUNS | {"it", "its"})
"""The pronouns `Resolver` resolves."""
_SUBORDINATORS = frozenset({"as", "when", "while", "after", "before", "although", "though", "since", "once",
                            "because", "until", "whilst"})
"""Words opening a subordinate clause that may come before the person it speaks of."""


@dataclass(frozen=True)
class _RoleSubject:
    """A person a sentence made its subject by office alone ("The attorney general has denied ..."),
    for a later "he insisted" that finds no name."""

    name: str
    """How a source names them: an actor's key when one person holds the office, else the phrase."""
    actor: bool
    """`name` is an actor's key."""
    words: frozenset[str]
    """The office's words, for the pronouns that cannot mean it ("the spokeswoman" is no "he")."""
    paragraph: int
    """The paragraph it was last spoken of in; a pronoun reaches it only from there or the next."""


def _someone_unnamed(sent: Span, token_actor: dict[int, str], offices: dict[int, str]) -> bool:
    """Whether the sentence's main subject is one person it does not name ("a member of a special
    forces unit", "one witness"): an indefinite singular noun for a person, with no actor in its
    phrase ("said a town leader, Pogu Bitrus" names him); or such a person told of before who
    speaks ('"...," the officer said'), unless the article names whoever holds that office
    (`offices`)."""
    root = sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.tag_ != "NN" or subject.lemma_.lower() not in _SOMEONE_NOUNS \
            or any(t.i in token_actor for t in subject.subtree):
        return False
    dets = {c.lower_ for c in subject.children if c.dep_ == "det"}
    return bool(dets & {"a", "an", "one", "another"}) or (
        "the" in dets and root.lemma_.lower() in SPEECH_VERBS and subject.i not in offices)


def _inside_an_of_phrase(noun: Token, name: Token) -> bool:
    """"the exiled son of Yemen's former president Ali Abdullah Saleh", the name hung on "son":
    a name after the noun's own "of" phrase with no comma before it is the end of that phrase,
    not the noun's apposition ("the prime minister of the government-in-exile, Lobsang Sangay" is)."""
    return name.dep_ == "appos" and any(c.dep_ == "prep" and noun.i < c.i < name.i for c in noun.children) \
        and noun.doc[name.left_edge.i - 1].text != ","


def _unnamed_main_subject(pronoun: Token, sent: Span) -> Token | None:
    """The one person the sentence's main clause has for its subject without a name ("The head of
    the council stepped down a day after he led a coup"), when the pronoun is the subject of a
    clause hung on that main verb, or of what that person says if an office holder ("The president
    said he remains in control"): whom the pronoun means."""
    root = sent.root
    said = pronoun.head.dep_ == "ccomp" and root.lemma_.lower() in NEUTRAL_REPORTING
    if pronoun.head.dep_ != "advcl" and not said or pronoun.head.head.i != root.i:
        return None
    main = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if main is None or main.i > pronoun.i or main.tag_ != "NN" or main.ent_type_ \
            or main.lemma_.lower() not in (_PRINCIPALS if said else _ONE_PERSON_NOUNS):
        return None  # "his spokesman said he was safe" is most likely about the one he speaks for
    return main


def _object_doer(pronoun: Token) -> Token | None:
    """The subject of the verb a pronoun is the direct object of ("police arrested them"), or of
    the verb that receives the act the pronoun owns ("Aoun has yet to accept his resignation"), if
    any: whom the pronoun cannot stand for."""
    act = _owned_act(pronoun)
    if act is not None and act.head.lemma_.lower() in _RECEIVING:
        verb = act.head
        while verb.dep_ in ("xcomp", "conj") and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head  # "has yet to formally accept": the subject is the one who has yet to
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if act is not None and act.head.dep_ == "acl" and act.head.head.lemma_.lower() in _REQUESTS:
        # "a request from President Aoun to postpone his resignation": the one asked resigns
        request = act.head.head
        return next((p for c in request.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                     for p in c.children if p.dep_ == "pobj"),
                    next((c for c in request.children if c.dep_ == "poss"), None))
    if pronoun.dep_ != "dobj":
        return None
    return next((c for c in pronoun.head.children if c.dep_ == "nsubj"), None)


def _whose_clause(pronoun: Token) -> Token | None:
    """The noun a "whose" clause holding the pronoun is hung on ("a rival whose supporters freed him
    from jail"): whom the pronoun means; None when the pronoun is in no such clause."""
    node = pronoun
    for _ in range(6):
        if node.head.i == node.i:
            return None
        if node.dep_ == "relcl":
            whose = any(t.tag_ == "WP$" for t in node.doc[node.left_edge.i : node.i])
            return node.head if whose else None
        node = node.head
    return None


_TIME_NOUNS = frozenset({"death", "killing", "assassination", "arrest", "detention", "resignation", "ouster",
                         "overthrow", "release", "return", "departure", "inauguration", "election"})
"""What befalls someone and dates what was done before or after it ("two days before his death")."""


def _owner_of_a_time(pronoun: Token) -> Token | None:
    """The subject of a verb dated by the pronoun owner's fate ("Moise had appointed Henry prime
    minister two days before his death", "X named a successor days after his release"), when it
    names someone: the one whose fate it is. None otherwise."""
    noun = pronoun.head
    if pronoun.dep_ != "poss" or noun.lemma_.lower() not in _TIME_NOUNS or noun.dep_ != "pobj":
        return None
    prep = noun.head
    if prep.lower_ not in ("before", "after", "since", "until", "following"):
        return None
    verb = prep.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # "two days before": the parse hangs the preposition on "days"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and subject.pos_ == "PROPN" else None


def _named_after_a_fronted_phrase(pronoun: Token) -> Token | None:
    """The person the main clause names right after a phrase or clause put before it that holds the
    pronoun ("After his death, Gaddafi's body was taken to a mosque", "Before he fled, Vasko burned
    the papers"): whom the pronoun most likely means; None otherwise."""
    root = pronoun.sent.root
    node = pronoun
    while node.head.i != node.i and node.head.i != root.i:
        node = node.head
    if node.head.i != root.i or node.dep_ not in ("prep", "advcl") or node.right_edge.i > root.i:
        return None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > node.right_edge.i),
                   None)
    if subject is None or subject.lemma_.lower() in _ONE_PERSON_NOUNS:
        return None  # "In his speech, the spokesman said": the speaker's own speech
    if subject.pos_ == "PROPN":
        return subject
    return next((c for c in subject.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)


_WH_WORDS = frozenset({"where", "how", "why", "when", "whether", "if"})


def _questioned_object(pronoun: Token) -> Token | None:
    """The person a verb names before an indirect question joined to it ("without mentioning Conde
    by name or where he was being held", "did not name the minister or say why she had resigned"),
    when the pronoun is that question's subject: whom the pronoun means."""
    clause = pronoun.head
    if clause.dep_ != "conj" or not any(c.lower_ in _WH_WORDS and c.dep_ in ("advmod", "mark")
                                        for c in clause.children if c.i < pronoun.i):
        return None
    return next((c for c in clause.head.children if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)


_REQUESTS = {"request", "call", "demand", "plea", "appeal", "invitation", "order", "ultimatum"}
"""Nouns of asking someone to do something: the asker is not the one asked."""
_RECEIVING = {"accept", "reject", "receive", "refuse", "approve", "decline"}
"""Verbs whose subject takes another's act: one does not accept one's own resignation."""


_PERSON_NOUNS = {"official", "minister", "secretary", "spokesman", "spokeswoman", "chief", "commander",
                 "leader", "president", "director", "officer", "ambassador", "envoy", "governor", "mayor",
                 "premier", "chairman", "general"}
_ONE_PERSON_NOUNS = frozenset(_SOMEONE_NOUNS | _PERSON_NOUNS | {"head"})
"""Nouns a sentence may name one person by ("the head of the council", "a witness")."""
_PRINCIPALS = frozenset({"president", "minister", "premier", "leader", "general", "chairman", "governor",
                         "king", "queen", "commander", "chief", "mayor", "head"})
"""Nouns of an office whose holder speaks for himself ("the president said he remains in control"),
unlike a spokesman's or an official's "he"."""


_OWN_ACTS = {"resignation", "retirement", "candidacy"}
"""Nouns whose owner is, as a rule, the one who announces them ("announced his resignation")."""


def _owned_act(pronoun: Token) -> Token | None:
    """The resignation (retirement, candidacy) a possessive pronoun owns in the object of a verb
    ("announced his resignation"), or None."""
    act = pronoun.head
    if pronoun.dep_ == "poss" and act.dep_ == "dobj" and act.lemma_.lower() in _OWN_ACTS:
        return act
    return None


def _an_unnamed_owner(pronoun: Token, named: dict[int, str]) -> bool:
    """Whether "his"/"her" on a resignation in the object of a verb belongs to its subject, a person
    told by a common noun and named nowhere here ("Sri Lanka's top defence official announced his
    resignation"): whoever that is, not the last person named."""
    act = _owned_act(pronoun)
    if act is None:
        return False  # ("the minister announced his release": the release is someone else's)
    doer = next((c for c in act.head.children if c.dep_ == "nsubj"), None)
    return doer is not None and doer.tag_ == "NN" and doer.lemma_.lower() in _PERSON_NOUNS \
        and doer.i not in named


def _led_by_its_own(noun: Token) -> bool:
    """Whether a noun has a "by" participle of its own ("between the army led by X and the RSF
    commanded by Y": the RSF is the other side, not one more who leads the army)."""
    return any(c.dep_ == "acl" and any(g.dep_ == "agent" for g in c.children) for c in noun.children)


def _names_the_doer(subject: Token, name: Token) -> bool:
    """Whether `name` (a token of a person's name) names who the subject is or who leads it: the
    subject itself, its apposition ("the general, X,"), or the "by" agent of a participle on it
    ("the military, led by General X,")."""
    if not subject.left_edge.i <= name.i <= subject.right_edge.i:
        return False
    head = name
    while head.dep_ in ("compound", "flat") and head.head.i != head.i:
        head = head.head
    if head.i == subject.i or (head.dep_ == "appos" and head.head.i == subject.i):
        return True
    return head.dep_ == "pobj" and head.head.dep_ == "agent" and head.head.head.head.i == subject.i


def _plural_phrase(noun: Token, phrases: dict[int, str]) -> str:
    """The short phrase a plural noun heads ("supporters of the junta"), remembered in `phrases`."""
    phrase = phrases.get(noun.i)
    if phrase is None:
        phrase = phrases[noun.i] = short_phrase(subtree_span(noun), 6)
    return phrase


def _place_like(tok: Token) -> bool:
    """A place one side can hold: a named place or a noun for one ("the airport", "the state broadcaster")."""
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in _PLACE_NOUNS


_LED_BODIES = {"junta", "government", "party", "movement", "group", "army", "country", "nation", "coalition",
               "council", "committee", "military", "regime", "administration", "opposition", "faction",
               "militia", "force", "forces", "alliance", "organisation", "organization", "ministry", "state",
               "cabinet", "team", "delegation", "rebels", "rebellion", "insurgency", "uprising", "coup"}


_GROUP_NOUNS = {"group", "movement", "militia", "alliance", "faction", "organisation", "organization",
                "rebels"}


# "dozens of soldiers" are soldiers; "the son of President Bazoum" is not Bazoum.
_PARTITIVES = {"dozen", "dozens", "score", "scores", "hundred", "hundreds", "thousand", "thousands", "number",
               "group", "groups", "member", "members", "some", "many", "most", "several", "all", "each",
               "few", "handful", "majority", "rest", "unit", "units", "contingent", "band", "batch", "couple"}


@dataclass
class Resolver:
    """Resolves a token to the actor it refers to: names, pronouns, "the president"."""

    table: ActorTable
    parsed: ParsedArticle

    def __post_init__(self) -> None:
        self._offices: dict[int, str] | None = None
        """`_office_holders`, once worked out: token index -> actor key."""
        self.pronouns: dict[int, str] = {}
        self.ambiguous: set[int] = set()
        """Pronouns with two fitting people before them (the subject so far and a later-named person)."""
        self.plural_phrases: dict[int, str] = {}
        """Plural pronoun -> the noun phrase it stands for when that is not an actor ("officials")."""
        last_person: str | None = None
        last_person_at = -1
        """Where `last_person` was last named."""
        named_at: dict[str, int] = {}
        """Where each person was last named."""
        recent: dict[str, None] = {}
        """The people named so far, the most recently named last."""
        gender: dict[str, str] = {}
        """Person key -> "f" or "m", from a word before their name or a pronoun that stood for them."""
        last_subject: str | None = None
        """The last person who was a sentence subject: "he said" usually means them, not the last name."""
        last_group: list[str] = []
        last_plural_noun: Token | None = None
        """The last plural noun that is no actor; its phrase is worked out only when a "they" needs it."""
        phrases: dict[int, str] = {}
        plural_subject = ""
        """The last plural subject, an actor group ("group:KEY") or a phrase ("phrase:migrants")."""
        self.role_speakers: dict[int, str] = {}
        """Pronoun -> the office that speaks through it when no name came before ("attorney general")."""
        role_subject: _RoleSubject | None = None
        names = self.names()
        lowers, poses, tokens = self.parsed.lowers, self.parsed.poses, self.parsed.tokens
        last_body: tuple[str, int] | None = None
        prior_body: tuple[str, int] | None = None
        """The last body (no person) that was a sentence's main subject, and that sentence's start."""
        previous_start = 0
        for sent in self.parsed.sentences:
            sent_subject: str | None = None
            """A person subject earlier in this sentence: "Mr Brown was seething that he had been
            excluded"."""
            agent: str | None = None
            """A person this sentence names as the doer of a passive ("made in a book published by
            Philippe Sands"): its topic when no person is the subject of its main clause."""
            main_subject = False
            named_here: str | None = None
            """The last person named in this sentence so far."""
            topic: str | None = None
            """Whom a subordinate clause's "he" in this sentence went back to (see below)."""
            fronted = self._fronted_clause(sent)
            for i in range(sent.start, sent.end):
                key = self.table.token_actor.get(i)
                low = lowers[i]
                if not key and low not in _PRONOUN_WORDS and poses[i] != "NOUN":
                    continue  # neither a name, a pronoun nor a plural noun: nothing below applies
                tok = tokens[i]
                if fronted is not None and fronted[0] <= i <= fronted[1] and low in PERSONAL_PRONOUNS:
                    # "As he was being arrested, Zúñiga alleged ...": the main clause's subject
                    self.pronouns[i] = fronted[2]
                    continue
                if key:
                    actor = self.table.actors[key]
                    if actor.kind == "person":
                        last_person = named_here = key
                        last_person_at = named_at[key] = i
                        recent.pop(key, None)
                        recent[key] = None  # the most recently named last
                        word = lowers[i - 1].rstrip(".") if i > sent.start else ""
                        if word in _GENDER_WORDS and self.table.token_actor.get(i - 1) != key:
                            gender.setdefault(key, _GENDER_WORDS[word])
                        main_clause = tok.head.i == sent.root.i or (
                            tok.head.dep_ == "conj" and tok.head.head.i == sent.root.i
                        )
                        if tok.dep_ in ("nsubj", "nsubjpass") and main_clause:
                            last_subject = key  # a main-clause subject, not one inside "the claim that X did"
                            main_subject = True
                        if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
                            agent = key
                        if tok.dep_ in ("nsubj", "nsubjpass"):
                            sent_subject = key
                        if tok.dep_ == "conj" and self.table.token_actor.get(tok.head.i):
                            last_group = [*self.table.token_actor[tok.head.i].split("|"), key]
                    elif tok.tag_ in ("NN", "NNP") and tok.dep_ == "nsubj" and tok.head.i == sent.root.i:
                        if last_body is None or last_body[0] != key:
                            prior_body = last_body
                        last_body = (key, sent.start)  # "The military charged ...": whose "its" comes next
                    elif tok.tag_ in ("NNS", "NNPS") and actor.kind in ("collective", "armed group"):
                        last_group = [key]
                        if tok.dep_ in ("nsubj", "nsubjpass"):
                            plural_subject = "group:" + key
                    continue
                if low in PERSONAL_PRONOUNS and not last_person and role_subject is not None:
                    if self._speaks_as(tok, role_subject):
                        # "The attorney general has denied it. ..., he insisted": the office speaks.
                        if role_subject.actor:
                            self.pronouns[tok.i] = role_subject.name
                        else:
                            self.role_speakers[tok.i] = role_subject.name
                        role_subject = _RoleSubject(role_subject.name, role_subject.actor, role_subject.words,
                                                    self.parsed.paragraph_of(tok.idx))
                elif low in PERSONAL_PRONOUNS and last_person:
                    # "His detention came as ...": an owner in a subject goes on with whom the last
                    # sentence was about, as a subject pronoun does
                    owner_opening = tok.dep_ == "poss" and tok.i == sent.start \
                        and tok.head.dep_ in ("nsubj", "nsubjpass")
                    subject = tok.dep_ in ("nsubj", "nsubjpass") or owner_opening
                    chosen = (sent_subject or last_subject or last_person) if subject else last_person
                    unnamed = _unnamed_main_subject(tok, sent) if subject and sent_subject is None else None
                    if unnamed is not None:
                        # "The head of the council stepped down a day after he led a coup": the head
                        holder = self._office_holders().get(unnamed.i)
                        if holder is None:
                            continue
                        chosen = holder
                    if subject and sent_subject is None and named_here is not None \
                            and tok.head.dep_ in ("advcl", "relcl", "acl"):
                        # "the ouster of Pedro Castillo after he tried to dissolve Congress": a clause
                        # on a sentence with no person for its subject is about the person just named
                        # (not what a speaker said: "the lawyer of X said he ..."), and so is the next
                        # sentence's "He"
                        chosen = topic = named_here
                    if _an_unnamed_owner(tok, self.table.token_actor):
                        continue  # "the top defence official announced his resignation": his own
                    bound = False
                    doer = _object_doer(tok)
                    if doer is not None and _names_the_doer(doer, tokens[last_person_at]):
                        # "the military, led by General X, overthrew him": not X, the doer, but the
                        # person named before ("critics of X accuse him" is X)
                        earlier = [k for k in recent if k != last_person]
                        if not earlier:
                            continue
                        chosen = earlier[-1]
                        bound = named_at[chosen] >= sent.start  # named in this sentence: no doubt left
                    whose = _whose_clause(tok)
                    if whose is not None:
                        # "leaving power to a rival whose supporters freed him from jail": the rival
                        chosen = self._person_at(whose) or ""
                        if not chosen:
                            continue
                        bound = True
                    owner = self._person_at(_owner_of_a_time(tok))
                    if owner is not None:
                        # "Moise had appointed Henry prime minister two days before his death": Moise
                        chosen, bound = owner, True
                    ahead = self._person_at(_named_after_a_fronted_phrase(tok))
                    if ahead is not None:
                        # "After his death, Gaddafi's body was ...": the person the main clause names next
                        chosen, bound = ahead, True
                    asked = self._person_at(_questioned_object(tok) if subject else None)
                    if asked is not None:
                        # "said, without mentioning Conde by name or where he was being held": Conde
                        chosen, bound = asked, True
                    if self._own_quotes_speaker(sent, tok, chosen):
                        continue  # '"His arrest is a sign ...", a quote going on from "..., Goodwin said"'
                    sex = "f" if low in _FEMININE_PRONOUNS else "m"
                    only_fit = False
                    if gender.get(chosen, sex) != sex:
                        # "his daughter Elaine Dang ... he said": "he" is not her; the one man
                        # named is, and with none or two, nobody.
                        fits = [k for k in recent if gender.get(k, sex) == sex]
                        if len(fits) != 1:
                            continue
                        chosen, only_fit = fits[0], True
                    gender.setdefault(chosen, sex)
                    self.pronouns[tok.i] = chosen
                    if chosen != last_person and sent_subject is None and not only_fit and not bound:
                        self.ambiguous.add(tok.i)
                elif low == "its" and tok.dep_ == "poss" and last_body is not None:
                    # "The military charged there was fraud. The commission rejected its allegations":
                    # a body that was the subject of this sentence's main clause or the last one's,
                    # never the subject of the verb its noun hangs on
                    verb = tok.head.head
                    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                    own = doer is not None and self.table.token_actor.get(doer.i) == last_body[0]
                    body = prior_body if own else last_body
                    if body is not None and body[1] >= previous_start:
                        self.pronouns[tok.i] = body[0]
                elif low == "it" and tok.dep_ in ("nsubj", "nsubjpass"):
                    # "The committee said it had seized power": "it" in what a body says is that body.
                    speaker = self._speaking_body(tok)
                    if speaker:
                        self.pronouns[tok.i] = speaker
                elif low in PLURAL_PRONOUNS:
                    doer = _object_doer(tok)
                    if doer is not None and self.table.token_actor.get(doer.i) in last_group:
                        # "before police arrested them": not the police, whom "themselves" would be
                        if last_plural_noun is not None and last_plural_noun.i < doer.i:
                            self.plural_phrases[tok.i] = _plural_phrase(last_plural_noun, phrases)
                    elif last_group:
                        self.pronouns[tok.i] = "|".join(last_group)
                        # "Migrants said they had been turned away by the authorities. They say
                        # they were held": the subject "they" may be the migrants, not the group.
                        if tok.dep_ in ("nsubj", "nsubjpass") and plural_subject \
                                and plural_subject != "group:" + "|".join(last_group):
                            self.ambiguous.add(tok.i)
                            if tok.i == sent.start and plural_subject.startswith("group:"):
                                # "Soldiers said they had seized control after an uprising of
                                # Gaddafi fighters. They ousted the president": a "They" opening
                                # a sentence goes on with the group that was the subject.
                                self.pronouns[tok.i] = plural_subject.removeprefix("group:")
                    elif last_plural_noun is not None:
                        phrase = _plural_phrase(last_plural_noun, phrases)
                        if phrase:
                            self.plural_phrases[tok.i] = phrase
                elif (
                    tok.tag_ == "NNS"
                    and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj")
                    and tok.pos_ == "NOUN"
                ):
                    # A plural noun that is no actor ("supporters"): "they" now means them, not an earlier
                    # group.
                    last_group = []
                    last_plural_noun = tok
                    if tok.dep_ in ("nsubj", "nsubjpass"):
                        plural_subject = "phrase:" + _plural_phrase(tok, phrases)
            if topic is not None and not main_subject:
                last_subject = topic
            elif agent is not None and not main_subject:
                # "The claims were made in a book published by Philippe Sands. He also says ...":
                # the passive's doer is whom the next "he" most likely means.
                last_subject = agent
            if '"' in self.parsed.text_of(sent) or "\u201c" in self.parsed.text_of(sent):
                self._quoted_first_person(sent)
            role_subject = self._next_role_subject(sent, role_subject, names)
            previous_start = sent.start
            if _someone_unnamed(sent, self.table.token_actor, self._office_holders()):
                # "Separately, a member of a special forces unit ... was cremated. His death ...":
                # the named person before is no longer whom "he" most likely means.
                last_person = last_subject = None

    def _quoted_first_person(self, sent: Span) -> None:
        """'"I have been deposed," Embaló told France 24': an "I" or "me" inside a quotation is
        the person who speaks it, the named subject (or the speaker after the verb) of the
        sentence's speech verb outside the quotation; a "we" or "us" is the body that speaks it
        ('"We reject the statement," the foreign ministry said')."""
        inside: set[int] = set()
        opened: int | None = None
        for tok in sent:
            if tok.is_quote and tok.text not in ("'", "\u2019"):
                if opened is None:
                    opened = tok.i
                else:
                    inside.update(range(opened + 1, tok.i))
                    opened = None
        if not inside:
            return
        speaker = None
        for verb in sent:
            if verb.i in inside or verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH_VERBS:
                continue
            who = next((c for c in verb.children if c.dep_ == "nsubj"), None) or speaker_after(verb)
            key = self.table.token_actor.get(who.i) if who is not None else None
            if key and "|" not in key:
                speaker = key
                break
        if speaker is None:
            return
        # '"We reject the statement," the foreign ministry said': a body speaks as "we"
        words = ("i", "me", "myself") if self.table.actors[speaker].kind == "person" else ("we", "us")
        for i in inside:
            if self.parsed.lowers[i] in words and i not in self.pronouns:
                self.pronouns[i] = speaker

    def _fronted_clause(self, sent: Span) -> tuple[int, int, str] | None:
        """A subordinate clause opening the sentence before its subject, when that subject is a
        named person ("As he was being arrested, Zúñiga alleged ..."): the tokens from the
        sentence start to just before the person, and the person's key, whom a "he" or "she"
        there means. Read from the words (the parser often hangs such a sentence on the wrong
        verb): an opening subordinator, then the first person named, a subject of its verb."""
        if sent.start >= sent.end or self.parsed.lowers[sent.start] not in _SUBORDINATORS:
            return None
        for i in range(sent.start + 1, sent.end):
            key = self.table.token_actor.get(i)
            if not key:
                continue
            if "|" in key or self.table.actors[key].kind != "person":
                return None
            last = i
            while last + 1 < sent.end and self.table.token_actor.get(last + 1) == key:
                last += 1
            tok = self.parsed.tokens[last]
            after = self.parsed.tokens[last + 1] if last + 1 < sent.end else None
            # a subject by its parse, or by a finite verb right after it ("... arrested Zúñiga alleged")
            subject = tok.dep_ in ("nsubj", "nsubjpass") or (after is not None and after.tag_ in FINITE) or (
                # "As he was being arrested Zúñiga alleged": read as the object of a passive, which
                # has none, with the participle after it its own verb
                after is not None and after.tag_ == "VBN" and tok.dep_ == "dobj"
                and any(c.dep_ == "nsubjpass" for c in tok.head.children))
            return (sent.start, i - 1, key) if subject else None
        return None

    def _next_role_subject(self, sent: Span, current: _RoleSubject | None,
                           names: dict[int, str]) -> _RoleSubject | None:
        """The person by office that a later pronoun may mean, after `sent`: its main subject when
        that is one ("The attorney general ..."), still `current` when it has no subject or a
        personal pronoun goes on about them, and nobody after any other subject (a name, a body,
        a thing), which takes over the story."""
        subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in ("he", "she"):
            return current
        if subject.i in self.table.token_actor or subject.tag_ not in ("NN", "NNP") or subject.conjuncts:
            return None
        definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in subject.children)
        compounds = [c.lower_ for c in subject.children if c.dep_ == "compound" and c.i < subject.i]
        office = " ".join([*compounds, subject.lower_])
        titles = _title_words()
        if not definite or not (office in titles or subject.lower_ in titles
                                or subject.lemma_.lower() in _PERSON_ROLES):
            return None
        paragraph = self.parsed.paragraph_of(subject.idx)
        words = frozenset(office.split())
        holders = self.table.person_roles.get(role_key(office), set())
        if len(holders) == 1:
            return _RoleSubject(next(iter(holders)), True, words, paragraph)
        name, anonymous = describe_source(subject, names)
        if anonymous or name == "unnamed sources":
            return None
        return _RoleSubject(name, False, words, paragraph)

    def _speaks_as(self, pronoun: Token, role: _RoleSubject) -> bool:
        """Whether a pronoun is the subject of a speech verb that can mean the person by office:
        "he"/"she" of a reporting verb, in the office's paragraph or the next, of a fitting gender."""
        return (
            pronoun.lower_ in _PRONOUN_GENDER
            and pronoun.dep_ == "nsubj"
            and pronoun.head.lemma_.lower() in NEUTRAL_REPORTING | HEDGING_REPORTING | DENYING
            and self.parsed.paragraph_of(pronoun.idx) - role.paragraph <= 1
            and not role.words & _PRONOUN_GENDER[pronoun.lower_]
        )

    def group_of_members(self, token: Token) -> str | None:
        """"Al Shabaab extremists", "ISIL fighters": members named by their group are the group."""
        if token.lemma_.lower() not in _MEMBER_NOUNS:
            return None
        for child in token.children:
            if child.dep_ == "compound":
                key = self.table.token_actor.get(child.i)
                if key and "|" not in key and self.table.actors[key].kind in ("armed group", "organisation"):
                    return key
        return None

    def _speaking_body(self, pronoun: Token) -> str | None:
        """The body (not a person) that is the subject of the reporting verb over `pronoun`'s clause."""
        clause = pronoun.head
        if (
            clause.dep_ not in ("ccomp", "xcomp")
            or clause.head.lemma_.lower() not in SPEECH_VERBS | _BODY_VERBS
        ):
            return None
        subj = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        key = self.table.token_actor.get(subj.i) if subj is not None else None
        if key and "|" not in key and self.table.actors[key].kind != "person":
            return key
        return None

    def actors(self, token: Token, strict: bool = False) -> list[str]:
        """Actor keys a token refers to, following "of" phrases and coordination.

        `strict`: precision first, for facts about an actor: a pronoun with two fitting people
        before it refers to nobody."""
        if strict and token.i in self.ambiguous:
            return []
        keys = self._direct(token)
        if not keys and (token.pos_ in ("NUM", "PRON") or token.lemma_.lower() in _PARTITIVES):
            # "dozens of soldiers", "scores of soldiers": the group is in the "of" phrase.
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            keys = self._collective_before(obj) if obj.pos_ == "PRON" else self._direct(obj)
        by_phrase = token.dep_ == "pobj" and token.head.dep_ == "agent"
        for conj in token.conjuncts:
            if conj.i > token.i and not (by_phrase and _led_by_its_own(conj)):
                more = [k for k in self._direct(conj) if k not in keys]
                if by_phrase and keys and more and self._persons(keys) != self._persons(more):
                    continue  # "the army led by General X and the RSF": a side, not a second leader
                keys += more
        return keys

    def _own_quotes_speaker(self, sent: Span, pronoun: Token, chosen: str) -> bool:
        """Whether the pronoun is inside a quotation that goes on from the sentence before, whose
        speaker is `chosen`: one speaks of oneself as "I", never as "he" or "his" (the "she" of
        '"...," she said' is outside the quotation)."""
        text = self.parsed.text_of(sent)
        if sent.start == 0 or not text.lstrip().startswith(('"', "\u201c")):
            return False
        before = text[: pronoun.idx - sent.start_char]
        if sum(before.count(mark) for mark in ('"', "\u201c", "\u201d")) % 2 == 0:
            return False  # outside the quotation
        told = sent.doc[sent.start - 1].sent
        return any(t.dep_ == "nsubj" and t.head.lemma_.lower() in NEUTRAL_REPORTING
                   and self.table.token_actor.get(t.i) == chosen for t in told)

    def _person_at(self, token: Token | None) -> str | None:
        """The one person named at `token`, if any."""
        key = self.table.token_actor.get(token.i) if token is not None else None
        return key if key and "|" not in key and self.table.actors[key].kind == "person" else None

    def _persons(self, keys: list[str]) -> bool:
        """Whether the first of these actors is a person."""
        return self.table.actors[keys[0]].kind == "person"

    def _direct(self, token: Token) -> list[str]:
        if token.pos_ == "NOUN" and token.lemma_.lower() in _STATE_BODIES:
            objects = [o for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                       for o in c.children if o.dep_ == "pobj"]
            # the parser hangs the name on the office or on its country ("of Peru, Pedro Castillo")
            for child in (c for t in (token, *objects) for c in t.children):
                holder = self._person_at(child) if child.dep_ == "appos" else None
                if holder is not None:
                    return [holder]  # "the president of Peru, Pedro Castillo, was arrested": the man named
            # "the governments of Malaysia and Indonesia": the countries whose governments they are
            owners = [g for o in objects for g in (o, *o.conjuncts)]
            keys = [k for g in owners if (k := self.table.token_actor.get(g.i)) and "|" not in k
                    and self.table.actors[k].kind == "country"]
            if keys:
                return list(dict.fromkeys(keys))
        key = self.table.token_actor.get(token.i)
        if key is None and token.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubjpass"):
            # "Chad's President Idriss Deby died": the parser may make the name the title's apposition
            apposed = next((c for c in token.children if c.dep_ == "appos"
                            and "|" not in self.table.token_actor.get(c.i, "|")), None)
            holder = self._person_at(apposed)
            if holder is not None:
                return [holder]
        if key and self.table.actors[key.split("|")[0]].kind == "collective":
            group = self.group_of_members(token)
            if group:
                return [group]  # "Red Hand Brigade gunmen": the brigade, not gunmen in general
        if key:
            return [key]
        if token.i in self.pronouns:
            return self.pronouns[token.i].split("|")
        if token.lower_ in _REL_PRONOUNS and token.head.dep_ == "relcl":
            return self._direct(token.head.head)
        if token.lower_ in _REL_PRONOUNS and token.head.dep_ == "ccomp" and token.head.head.dep_ == "relcl" \
                and token.i < token.head.head.i:
            # "Deby, who the authorities say died": the relative opens the clause of saying
            return self._direct(token.head.head.head)
        if token.pos_ == "NOUN":
            for child in token.children:
                # "a convert known as Omar", "a suspect identified as Ali Hassan": the name given.
                if child.dep_ == "acl" and child.lemma_.lower() in _NAMING_VERBS:
                    named = [g for p in child.children if p.dep_ == "prep" and p.lower_ == "as"
                             for g in p.children if g.dep_ == "pobj" and g.i in self.table.token_actor]
                    if named:
                        return [self.table.token_actor[named[0].i]]
            group = self.group_of_members(token)
            if group:
                return [group]
        if token.pos_ in ("NOUN", "PROPN") and any(c.lower_ == "the" for c in token.children):
            holder = self._office_holders().get(token.i)
            if holder is not None:
                return [holder]  # "the president was sworn in", never "the former president"
            if token.lemma_.lower() in _GROUP_NOUNS and token.dep_ in ("nsubj", "nsubjpass", "dobj"):
                # "the rebel movement had ambushed the army": the last armed group named.
                group = self._last_group_before(token)
                if group:
                    return [group]
        return []

    def _collective_before(self, pronoun: Token) -> list[str]:
        """"30 hostages were taken, with many of them still unaccounted for": "them" in a
        partitive is the one group of people named earlier in its sentence."""
        if pronoun.lower_ not in ("them", "those"):
            return self._direct(pronoun)
        sent = pronoun.sent
        subject = {t.i for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        before = [t for t in sent if t.i < pronoun.i and t.i in self.table.token_actor
                  and self.table.actors[self.table.token_actor[t.i].split("|")[0]].kind == "collective"]
        for pool in ([t for t in before if t.i in subject], before):  # the sentence's subject first
            found = {self.table.token_actor[t.i] for t in pool}
            if found:
                return list(found) if len(found) == 1 else []
        return []

    def _last_group_before(self, token: Token) -> str | None:
        """The armed group named last before `token`, looking back at most 120 tokens before its sentence."""
        start = max(0, token.sent.start - 120)
        for i in range(token.i - 1, start - 1, -1):
            key = self.table.token_actor.get(i)
            if key and self.table.actors[key].kind in ("armed group",):
                return key
        return None

    def names(self) -> dict[int, str]:
        """Token index -> display name, for describing sources."""
        return {i: self.table.actors[k].name for i, k in self.table.token_actor.items()}

    def resolved_names(self) -> dict[int, str]:
        """Pronoun token index -> display name (for "he said"); and a plain office one named
        person holds now -> that person's name (for "the prime minister said", see `_office_holders`)."""
        out = dict(self.plural_phrases) | self.role_speakers
        for i, key in self._office_holders().items():
            out[i] = self.table.actors[key].name
        for i, keys in self.pronouns.items():
            out[i] = " and ".join(self.table.actors[k].name for k in keys.split("|"))
        return out

    def _office_holders(self) -> dict[int, str]:
        """"The prime minister denied all that" in an article that names Prime Minister Tony Blair:
        each "the" + office with nothing that makes it another's (`_plain_office`) that exactly one
        named person holds now (not as a "former" one), to that person's key; and "the former
        governor Ousmane Diallo", "the prime minister of the government-in-exile, Lobsang Sangay"
        to the person the phrase names."""
        if self._offices is None:
            self._offices = self._find_office_holders() if self.table.person_roles else {}
        return self._offices

    @staticmethod
    def _plain_office(noun: Token, actors: dict[int, str]) -> bool:
        """Whether "the" + `noun` names the office and nothing else about whose or when: no
        adjective ("the Russian president", "the former president"), owner ("Russia's president"),
        number or word after it in the compound, and no "of" a named body ("the president of
        Ruritania"); "the leader of the terrorist network" or "the governor of the region, who
        visited the town" still are the office."""
        for child in noun.children:
            dep = child.dep_
            if dep in ("amod", "poss", "nummod", "nmod", "quantmod") \
                    or (dep == "det" and child.lower_ != "the") or (dep == "compound" and child.i > noun.i):
                return False
            if dep == "prep" and any(g.i in actors for o in child.children if o.dep_ == "pobj"
                                     for g in (o, *o.conjuncts)):
                return False
        return True

    def _find_office_holders(self) -> dict[int, str]:
        out: dict[int, str] = {}
        tokens, poses, actors = self.parsed.tokens, self.parsed.poses, self.table.token_actor
        # From each "the": an office always has one, and there are far fewer of them than nouns.
        for at, low in enumerate(self.parsed.lowers):
            if low != "the" or tokens[at].dep_ != "det":
                continue
            token = tokens[at].head
            i = token.i
            if i == at or poses[i] not in ("NOUN", "PROPN") or i in actors or i in out:
                continue
            # "the (former) opposition leader Ousmane Diallo": the phrase names the person itself
            # (a name before the noun is no such thing: "the Navalny case").
            named = {actors[c.i] for c in token.children
                     if c.i in actors and c.i > i and c.dep_ in ("compound", "appos")
                     and not _inside_an_of_phrase(token, c)}
            if len(named) == 1 and self.table.actors[next(iter(named))].kind == "person":
                out[i] = next(iter(named))
                continue
            if named or not self._plain_office(token, actors):
                continue
            office = " ".join([*(c.lower_ for c in token.children if c.dep_ == "compound" and c.i < i),
                               token.lower_])
            holders = self.table.person_roles.get(role_key(office), set())
            if len(holders) == 1:
                key = next(iter(holders))
                if any(current_office(role) == office for role in self.table.actors[key].roles):
                    out[i] = key
        return out
