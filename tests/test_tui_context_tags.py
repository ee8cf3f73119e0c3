"""The Regional context pane's tags: a relation's kind is a word, and the word is right."""

from rich.console import Console

from sitrep.model import ContextItem, Evidence
from sitrep.tui.context_pane import context_prompt


def _drawn(item: ContextItem) -> str:
    console = Console(width=80, record=True, color_system=None)
    console.print(context_prompt(item, new=False))
    return console.export_text()


def test_an_international_body_in_the_story_is_tagged_a_body_not_a_membership() -> None:
    item = ContextItem("organisation", "United Nations: called for a return to constitutional rule.", [],
                       [Evidence("a.txt", "The United Nations called for a return to constitutional rule.")],
                       ["United Nations"])
    drawn = _drawn(item)
    assert "body" in drawn and "member" not in drawn
