"""Tests for the reports under hostile file names: inert Markdown, valid UTF-8 JSON, the same name in both.

A situation is built by hand with one file name in every place a report prints one (Sources,
a bad file, the Actors table, a claim, a context item), then rendered. The Markdown is checked
the way a viewer would show it: markdown-it-py (a Rich dependency) in CommonMark mode with raw
HTML on and tables enabled.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st
from markdown_it import MarkdownIt

from sitrep.model import Actor, ArticleInfo, BadFile, Claim, ContextItem, Dispute, Evidence, Situation
from sitrep.report import to_json, to_markdown

INJECTIONS = {
    "backtick": "x`<img src=x onerror=alert(1)>`.txt",
    "newline": "nl\n# INJECTED HEADING\n<img src=x onerror=alert(2)>.txt",
    "pipe": "pipe|col|break.txt",
    "backtick run": "``a```b`.txt",
    "spaces and backticks": " ` edge ` .txt",
}
TERMINAL = {
    "osc 52": "\x1b]52;c;UFdORUQ=\x07osc52.txt",
    "osc title": "\x1b]0;PWNED-TITLE\x07t.txt",
    "8-bit osc": "\x9d0;C1TITLE\x07c1.txt",
    "8-bit csi": "c1\x9b31mred_title.txt",
    "bidi": "\u202eevil\u202c.txt",
    "zero width": "zero\u200bwidth.txt",
}
NOT_UTF8 = "bad\udcff\udcfename.txt"
"""`bad\\xff\\xfename.txt` as `os.fsdecode` gives it."""


def situation_naming(name: str, title: str = "Coup in Bamako") -> Situation:
    """A small situation that cites `name` wherever a report prints a file name."""
    evidence = Evidence(file=name, sentence="Soldiers were arrested.")
    actor = Actor(name="Abass Dembele", kind="person", mentions=2, articles=[name, "other.txt"],
                  evidence=[evidence])
    claim = Claim(text="20 soldiers were arrested", source="AFP", stance="asserts", article=name)
    denial = Claim(text="no one was arrested", source="the army", stance="denies", article="other.txt")
    return Situation(
        folder="/articles",
        title=title,
        actors=[actor],
        disputes=[Dispute(subject="the arrests", kind="contradiction", claims=[claim, denial])],
        context=[ContextItem(kind="history", text="A coup in 2012.", years=[2012], evidence=[evidence])],
        articles=[ArticleInfo(path=name, title=title, outlet="AFP", date="2025-08-11", mtime=0.0, words=40),
                  ArticleInfo(path="other.txt", title="Other", outlet="", date=None, mtime=0.0, words=10)],
        bad_files=[BadFile(path=name, reason="empty file")],
    )


def render(markdown: str) -> str:
    """HTML as a viewer that allows raw HTML and GFM tables would show the Markdown."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def actor_rows(html: str) -> list[str]:
    """The body rows of the Actors table."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return body.split("<tr>")[1:]


def printable(text: str) -> bool:
    """No control (except newline), bidi, invisible format character or lone surrogate."""
    return all(c == "\n" or unicodedata.category(c) not in ("Cc", "Cf", "Cs") for c in text)


# --- Markdown ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", INJECTIONS.values(), ids=INJECTIONS.keys())
def test_a_file_name_makes_no_html_in_the_markdown(name: str) -> None:
    html = render(to_markdown(situation_naming(name)))
    assert "<img" not in html


@pytest.mark.parametrize("name", INJECTIONS.values(), ids=INJECTIONS.keys())
def test_a_file_name_makes_no_heading_in_the_markdown(name: str) -> None:
    html = render(to_markdown(situation_naming(name)))
    assert html.count("<h1>") == 1 and "<h1>INJECTED" not in html


@pytest.mark.parametrize("name", INJECTIONS.values(), ids=INJECTIONS.keys())
def test_a_file_name_keeps_its_actors_row_whole(name: str) -> None:
    rows = actor_rows(render(to_markdown(situation_naming(name))))
    assert len(rows) == 1 and rows[0].count("<td>") == 6
    assert "<code>" in rows[0].split("<td>")[6]


@pytest.mark.parametrize("name", INJECTIONS.values(), ids=INJECTIONS.keys())
def test_a_file_name_shows_in_a_code_span_as_it_is(name: str) -> None:
    html = render(to_markdown(situation_naming(name)))
    shown = " ".join(name.split("\n")).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    shown = shown.replace('"', "&quot;")
    assert f"<code>{shown}</code>" in html


@pytest.mark.parametrize("name", TERMINAL.values(), ids=TERMINAL.keys())
def test_a_file_name_reaches_the_markdown_without_escapes_or_controls(name: str) -> None:
    markdown = to_markdown(situation_naming(name, title=name.removesuffix(".txt")))
    assert printable(markdown)
    for payload in ("52;", "TITLE", "31m"):
        assert payload not in markdown


def test_a_name_that_is_not_utf8_shows_replacement_characters_in_the_markdown() -> None:
    markdown = to_markdown(situation_naming(NOT_UTF8, title="bad\udcff\udcfename"))
    assert "`bad\ufffd\ufffdname.txt`" in markdown
    markdown.encode("utf-8")  # strict: no lone surrogate left


# --- JSON --------------------------------------------------------------------------------------


def test_the_json_report_is_valid_utf8_when_a_name_is_not() -> None:
    data = to_json(situation_naming(NOT_UTF8)).encode("utf-8")
    report = json.loads(data.decode("utf-8"))
    assert report["articles"][0]["path"] == "bad\ufffd\ufffdname.txt"
    assert report["bad_files"][0]["path"] == "bad\ufffd\ufffdname.txt"


def test_json_and_markdown_show_a_name_that_is_not_utf8_the_same_way() -> None:
    situation = situation_naming(NOT_UTF8)
    shown = json.loads(to_json(situation))["articles"][0]["path"]
    assert f"`{shown}`" in to_markdown(situation)


@pytest.mark.parametrize("name", TERMINAL.values(), ids=TERMINAL.keys())
def test_the_json_report_escapes_controls_and_bidi_but_keeps_the_name(name: str) -> None:
    text = to_json(situation_naming(name))
    assert printable(text)
    assert json.loads(text)["articles"][0]["path"] == name


def test_the_json_report_keeps_ordinary_non_ascii_text_as_it_is() -> None:
    text = to_json(situation_naming("Goïta_مرحبا_军方.txt", title="Goïta arrêté"))
    assert "Goïta_مرحبا_军方.txt" in text and "Goïta arrêté" in text


@settings(max_examples=400)
@given(st.text())
def test_markdown_escaping_is_clean_then_markup_escaped_then_spaces_collapsed(text: str) -> None:
    import re

    from sitrep.report.markdown import _md
    from sitrep.text import clean

    spec = clean(text).replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
    spec = re.sub(r"\s+", " ", re.sub(r"([*_\[\]<>#])", r"\\\1", spec)).strip()
    assert _md(text) == spec
