"""A made-up situation with dated events, for the timeline, export and certainty-mix tests.

Invented for these tests (no article behind it): the fictional Velmora junta, a president
detained on 1 April 2031 and freed on the 8th, protesters killed on the 6th (reported, and
denied by the junta), a port seized by the army some day in April, and a minister's arrest
known only from an article of 10 April. Every certainty a dated event can have appears.
"""

from __future__ import annotations

from sitrep.model import Actor, ArticleInfo, Evidence, Situation, StatusEvent, StatusLine

A1 = "meridian_04-01.txt"
A2 = "herald_04-06.txt"
A3 = "ledger_04-10.txt"

S_DETAINED = "Soldiers detained President Teodor Halvass at the palace on 1 April, the Meridian Wire saw."
S_KILLED = "Witnesses said soldiers killed at least 12 protesters in Brevna on 6 April."
S_DENY = "The junta denied that protesters were killed in Brevna on 6 April."
S_FREED = "Teodor Halvass was freed on 8 April, his lawyer said."
S_PORT = "The army allegedly seized the port of Kessa in April."
S_MINISTER = "Finance minister Ilse Varro has been arrested, officials said."


def _event(actor: str, event: str, certainty: str, source: str, sentence: str, file: str, when: str = "",
           article_date: str = "", polarity: str = "affirmed", detail: str = "") -> StatusEvent:
    return StatusEvent(actor, event, polarity, certainty, source, Evidence(file, sentence),  # type: ignore[arg-type]
                       detail, when=when, article_date=article_date)


def dated_situation() -> Situation:
    """Four actors and five dated events over April 2031, from three articles."""
    halvass = Actor(
        "Teodor Halvass", "person", ["Halvass", "President Halvass"], ["President"], "freed (his lawyer)",
        [_event("Teodor Halvass", "detained", "stated", "the article", S_DETAINED, A1, "2031-04-01",
                "2031-04-01"),
         _event("Teodor Halvass", "released", "reported", "his lawyer", S_FREED, A3, "2031-04-08",
                "2031-04-10")],
        5, [A1, A3], [Evidence(A1, S_DETAINED), Evidence(A3, S_FREED)], 9.0)
    protesters = Actor(
        "protesters", "collective", [], [], "reported killed (witnesses); denied by the junta",
        [_event("protesters", "killed", "reported", "witnesses", S_KILLED, A2, "2031-04-06", "2031-04-06",
                detail="at least 12"),
         _event("protesters", "killed", "stated", "the junta", S_DENY, A2, "2031-04-06", "2031-04-06",
                polarity="denied")],
        3, [A2], [Evidence(A2, S_KILLED), Evidence(A2, S_DENY)], 7.0)
    army = Actor(
        "the army", "collective", ["army", "soldiers"], [], "alleged seized the port",
        [_event("the army", "seized", "alleged", "the article", S_PORT, A3, "2031-04", "2031-04-10",
                detail="the port of Kessa")],
        4, [A1, A2, A3], [Evidence(A1, S_DETAINED), Evidence(A2, S_KILLED), Evidence(A3, S_PORT)], 6.0)
    varro = Actor(
        "Ilse Varro", "person", ["Varro"], ["finance minister"], "unclear arrested",
        [_event("Ilse Varro", "arrested", "unclear", "officials", S_MINISTER, A3, "", "2031-04-10")],
        1, [A3], [Evidence(A3, S_MINISTER)], 5.0)
    status = [StatusLine("President Teodor Halvass detained, then freed", "stated", ["the article"],
                         [Evidence(A1, S_DETAINED)], ["Teodor Halvass"])]
    articles = [ArticleInfo(A1, "Soldiers detain the president", "Meridian Wire", "2031-04-01",
                            1_933_000_000, 300),
                ArticleInfo(A2, "Protesters killed in Brevna", "Coastal Herald", "2031-04-06", 1_933_400_000,
                            280),
                ArticleInfo(A3, "Halvass freed", "The Daily Ledger", "2031-04-10", 1_933_800_000, 310)]
    return Situation("velmora", "Velmora: junta takes power", "Velmora", status,
                     [halvass, protesters, army, varro], [], [], articles, [])
