"""The one event lexicon: every table reads it, and a broken file is refused with the entry named."""

import pytest

from sitrep.extract.events import NOUN_EVENTS, VERB_EVENTS
from sitrep.lexicon import LexiconError, lexicon, parse_lexicon
from sitrep.merge import FAMILY

GOOD = {"values": {"detained": {"family": "detained", "slot": "liberty", "noun": "arrest"},
                   "arrested": {"family": "detained", "slot": "liberty"},
                   "released": {"family": "released", "slot": "liberty"}},
        "verbs": {"arrest": {"value": "arrested", "about": "patient"}},
        "nouns": {"arrest": "arrested"},
        "excludes": [["detained", "released"]]}


def test_extraction_and_merging_read_the_same_tables() -> None:
    assert VERB_EVENTS is lexicon().verbs and NOUN_EVENTS is lexicon().nouns and FAMILY is lexicon().family


def test_every_trigger_gives_a_value_with_a_family_or_a_minor_mark() -> None:
    lex = lexicon()
    for value, _role in lex.verbs.values():
        assert (
            value in lex.family
            or value in lex.minor
            or value in lex.figure
            or value.endswith(("s", "ed", "ties"))
        )


def test_an_abduction_is_in_the_detained_family_everywhere() -> None:
    assert lexicon().family["abducted"] == "detained"
    assert lexicon().slot["detained"] == "liberty"


def test_exclusions_hold_both_ways() -> None:
    lex = lexicon()
    assert lex.excluded("detained", "released") and lex.excluded("released", "detained")
    assert not lex.excluded("detained", "killed")


def test_a_trigger_naming_an_unknown_value_is_refused_with_its_name() -> None:
    bad = {**GOOD, "verbs": {"nab": {"value": "nabbed", "about": "patient"}}}
    with pytest.raises(LexiconError, match="'nab'.*'nabbed'"):
        parse_lexicon(bad)


def test_an_unknown_slot_is_refused() -> None:
    bad = {**GOOD, "values": {**GOOD["values"], "jailed": {"family": "detained", "slot": "prison"}}}
    with pytest.raises(LexiconError, match="'jailed'.*slot 'prison'"):
        parse_lexicon(bad)


def test_an_exclusion_between_non_families_is_refused() -> None:
    with pytest.raises(LexiconError, match="exclusion"):
        parse_lexicon({**GOOD, "excludes": [["arrested", "released"]]})
