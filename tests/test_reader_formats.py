"""Input formats the reader takes: YAML and TOML front matter, inline Markdown, web pages, and the
files it lists as skipped. Every article here is written for its test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from sitrep.config import Config
from sitrep.engine import Engine
from sitrep.model import Article, BadFile
from sitrep.reader import BadFileError, read_article, scan
from sitrep.reader.html import HTML_EXTRA

ROOT = Path(__file__).resolve().parents[1]

BODY = ("Negotiators from both sides met again in the capital on Monday, a spokesman said.\n\n"
        "The talks had stalled for a month after a dispute over the ceasefire line.\n")


def read(folder: Path, name: str, content: str) -> Article:
    """Write `content` as `name` in `folder` and read it back."""
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return read_article(path, folder)


# --- YAML front matter ------------------------------------------------------------------------


def test_yaml_front_matter_becomes_metadata_and_leaves_the_body(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md", "---\ntitle: Talks resume\nauthor: Jane Roe\n---\n" + BODY)
    assert (article.title, article.metadata["author"]) == ("Talks resume", "Jane Roe")
    assert article.paragraphs[0].startswith("Negotiators")


def test_yaml_values_are_kept_as_written(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md",
                   "---\ntitle: Talks resume\ndate: 2015-05-18\ndraft: no\nid: 007\n---\n" + BODY)
    assert {k: article.metadata[k] for k in ("date", "draft", "id")} == {"date": "2015-05-18", "draft": "no",
                                                                        "id": "007"}


def test_yaml_lists_become_comma_separated_values(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md", "---\ntitle: Talks resume\ntags:\n  - mali\n  - talks\nauthors: [A, "
                                     "B]\n---\n"
                   + BODY)
    assert (article.metadata["tags"], article.metadata["authors"]) == ("mali, talks", "A, B")


def test_yaml_quoting_escapes_and_comments_are_read_as_yaml(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md", '---\ntitle: "Envoy: \\"no deal\\" yet"  # from the wire\n---\n' + BODY)
    assert article.title == 'Envoy: "no deal" yet'


def test_a_yaml_block_scalar_is_one_line_of_metadata(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md",
                   "---\ntitle: Talks resume\nsummary: >\n  Both sides\n  met again.\n---\n" + BODY)
    assert article.metadata["summary"] == "Both sides met again."


def test_indented_yaml_survives_cleaning(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md", "---\ntitle: Talks resume\nauthor:\n  name: Jane Roe\n  desk: "
                                     "Africa\n---\n" + BODY)
    assert (article.metadata["author"], article.metadata["desk"]) == ("Jane Roe, Africa", "Africa")


def test_a_nested_yaml_table_gives_its_keys(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md", "---\ntitle: Talks resume\nparams:\n  author: Jane Roe\n---\n" + BODY)
    assert article.metadata["author"] == "Jane Roe"


def test_front_matter_that_is_not_valid_yaml_is_read_line_by_line(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md", "---\ntitle: Mali: talks resume\nauthor: Jane Roe\n---\n" + BODY)
    assert (article.title, article.metadata["author"]) == ("Mali: talks resume", "Jane Roe")


def test_a_yaml_alias_bomb_is_not_expanded(tmp_path: Path) -> None:
    bomb = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9))
    article = read(tmp_path, "a.md", f"---\nl0: &l0 lol\n{bomb}title: Talks resume\n---\n" + BODY)
    assert max(len(value) for value in article.metadata.values()) < 1000


def test_a_rule_over_prose_is_not_front_matter(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md",
                   "---\nSoldiers closed the road to the airport on Sunday.\n---\n\n" + BODY)
    assert article.metadata == {}
    assert "Soldiers closed the road to the airport on Sunday." in article.text


def test_an_unclosed_rule_at_the_top_is_not_front_matter(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md", "---\nauthor: Jane Roe\n\n" + BODY)
    assert "author" not in article.metadata and article.paragraphs[-1].startswith("The talks")


def test_a_rule_after_the_first_paragraph_is_not_front_matter(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md", "Talks resume\n\n" + BODY + "\n---\nauthor: Jane Roe\n---\n")
    assert "author" not in article.metadata


# --- Hugo TOML front matter -------------------------------------------------------------------

HUGO = """+++
title = "Talks resume in the capital"
date = 2015-05-18T10:00:00Z
tags = ["mali", "talks"]
draft = false

[params]
author = "Jane Roe"
+++
"""


def test_toml_front_matter_gives_the_title_and_date(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md", HUGO + BODY)
    assert article.title == "Talks resume in the capital"
    assert (article.date or "").startswith("2015-05-18T10:00")


def test_toml_values_become_text(tmp_path: Path) -> None:
    meta = read(tmp_path, "a.md", HUGO + BODY).metadata
    assert (meta["tags"], meta["draft"], meta["author"]) == ("mali, talks", "false", "Jane Roe")


def test_toml_front_matter_is_not_in_the_body(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md", HUGO + BODY)
    assert "+++" not in article.text and "title =" not in article.text


def test_a_plus_block_that_is_not_toml_is_not_metadata(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md", "+++\nThe talks are off = for now\n+++\n\n" + BODY)
    assert article.metadata == {} and "The talks are off = for now" in article.text


# --- inline Markdown --------------------------------------------------------------------------


def body_of(tmp_path: Path, line: str) -> str:
    """The first paragraph read from an article whose body starts with `line`."""
    return read(tmp_path, "a.md", f"Title: Talks resume\n\n{line}\n\n{BODY}").paragraphs[0]


def test_emphasis_marks_are_removed(tmp_path: Path) -> None:
    assert body_of(tmp_path, "The *delegates* met **again** on _Monday_, ~~he~~ she said.") == \
        "The delegates met again on Monday, he she said."


def test_a_link_keeps_its_text(tmp_path: Path) -> None:
    assert (
        body_of(tmp_path, "A [statement](https://example.org/a(1)) was issued.") == "A statement was issued."
    )


def test_an_image_goes(tmp_path: Path) -> None:
    assert (
        body_of(tmp_path, "Delegates ![a photo of the hall](hall.jpg) met again.") == "Delegates met again."
    )


def test_inline_code_keeps_its_text(tmp_path: Path) -> None:
    assert body_of(tmp_path, "The `ceasefire` text was signed.") == "The ceasefire text was signed."


def test_a_reference_link_keeps_its_text(tmp_path: Path) -> None:
    article = read(tmp_path, "a.md",
                   f"Title: Talks\n\nA [statement][1] was issued.\n\n[1]: https://example.org\n\n{BODY}")
    assert article.paragraphs[0] == "A statement was issued."


def test_brackets_that_are_no_link_stay(tmp_path: Path) -> None:
    assert body_of(tmp_path, "The minister [of defence] said so.") == "The minister [of defence] said so."


def test_underscores_and_a_lone_asterisk_inside_words_stay(tmp_path: Path) -> None:
    assert body_of(tmp_path, "The file_name_here and Mr Roe* were cited.") == \
        "The file_name_here and Mr Roe* were cited."


def test_known_html_tags_go_and_other_angle_brackets_stay(tmp_path: Path) -> None:
    assert body_of(tmp_path, "The <b>talks</b> resumed <Reuters>.") == "The talks resumed <Reuters>."


def test_a_javascript_link_in_a_title_header_reads_as_its_text(tmp_path: Path) -> None:
    article = read(tmp_path, "a.txt", f"Title: [x](javascript:alert(1))\n\n{BODY}")
    assert article.title == "x"


def test_a_heading_mark_in_a_title_header_goes(tmp_path: Path) -> None:
    assert read(tmp_path, "a.txt", f"Title: ## Talks *resume*\n\n{BODY}").title == "Talks resume"


def test_a_markdown_heading_is_the_title(tmp_path: Path) -> None:
    assert read(tmp_path, "a.md", f"# Talks [resume](https://example.org)\n\n{BODY}").title == "Talks resume"


# --- web pages ----------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Talks resume in the capital - Example News</title>
<meta name="author" content="Jane Roe"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2015-05-18">
<link rel="canonical" href="https://news.example.org/talks-resume"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Talks resume in the capital</h1>
<p>Negotiators from both sides met again in the capital on Monday, a spokesman for the mediators said.</p>
<p>The talks had stalled for a month after a dispute over the ceasefire line, according to a
<a href="https://example.org/statement">statement</a> issued after the meeting.</p>
</article><footer>Copyright 2015 Example News. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""


@pytest.fixture
def trafilatura() -> None:
    pytest.importorskip("trafilatura", reason="the html extra is not installed")


@pytest.mark.usefixtures("trafilatura")
def test_a_web_page_gives_its_article_text_without_the_page_chrome(tmp_path: Path) -> None:
    article = read(tmp_path, "page.html", PAGE)
    assert article.paragraphs[0].startswith("Negotiators from both sides")
    assert not any(word in article.text for word in ("Home", "Copyright", "newsletter"))


@pytest.mark.usefixtures("trafilatura")
def test_a_web_page_gives_its_title_date_outlet_and_address(tmp_path: Path) -> None:
    article = read(tmp_path, "page.htm", PAGE)
    assert (article.title, article.date, article.outlet) == ("Talks resume in the capital", "2015-05-18",
                                                             "Example News")
    assert (article.metadata["author"], article.metadata["url"]) == ("Jane Roe",
                                                                     "https://news.example.org/talks-resume")


@pytest.mark.usefixtures("trafilatura")
def test_a_web_page_headline_is_not_counted_as_a_repeat(tmp_path: Path) -> None:
    assert read(tmp_path, "page.html", PAGE).duplicates_removed == 0


@pytest.mark.usefixtures("trafilatura")
def test_a_web_page_with_no_text_is_bad(tmp_path: Path) -> None:
    with pytest.raises(BadFileError, match="no article text found in the web page"):
        read(tmp_path, "page.html", "<html><head><title>Live</title></head><body><script>x = "
                                    "1;</script></body></html>")


def test_without_the_html_extra_a_page_is_skipped_naming_the_extra(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura now raises ImportError
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [bad] = scan(tmp_path).bad_files
    assert bad.path == "page.html" and HTML_EXTRA in bad.reason


# --- other files --------------------------------------------------------------------------------


def test_other_file_types_are_listed_as_skipped_with_their_format(tmp_path: Path) -> None:
    for name in ("brief.pdf", "notes.docx", "data.json"):
        (tmp_path / name).write_bytes(b"%PDF-1.4 not an article")
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    result = scan(tmp_path)
    assert [a.path for a in result.articles] == ["a.txt"]
    assert [(b.path, b.reason.split(" (")[0]) for b in result.bad_files] == [
        ("brief.pdf", "not an article format: .pdf"), ("data.json", "not an article format: .json"),
        ("notes.docx", "not an article format: .docx")]


def test_a_file_without_an_extension_is_listed_as_skipped(tmp_path: Path) -> None:
    (tmp_path / "README").write_text(BODY, encoding="utf-8")
    [bad] = scan(tmp_path).bad_files
    assert bad.reason.startswith("not an article format: no file extension")


def test_hidden_backup_and_desktop_files_are_not_listed(tmp_path: Path) -> None:
    for name in (".DS_Store", "Thumbs.db", "desktop.ini", "brief.pdf~", "brief.pdf.part", "#notes.odt#"):
        (tmp_path / name).write_bytes(b"x")
    assert scan(tmp_path).bad_files == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_skipped_file_is_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "stream.pdf")  # opening a pipe with no writer would hang the scan
    [bad] = scan(tmp_path).bad_files
    assert bad.reason.startswith("not an article format: .pdf")


def test_a_report_sitrep_wrote_is_still_skipped_as_its_own(tmp_path: Path) -> None:
    (tmp_path / "report.md").write_text("# SITREP: x\n\n## Status\n\n## Actors\n\n## Sources\n",
                                        encoding="utf-8")
    [bad] = scan(tmp_path).bad_files
    assert bad.reason.startswith("a report written by sitrep")


def test_the_engine_reports_skipped_files_too(tmp_path: Path) -> None:
    (tmp_path / "brief.pdf").write_bytes(b"%PDF-1.4")
    config = Config(base_dir=ROOT)
    config.cache.enabled = False
    engine = Engine(config)
    try:
        situation = engine.analyse(tmp_path)
    finally:
        engine.close()
    assert situation.bad_files == [BadFile("brief.pdf", scan(tmp_path).bad_files[0].reason)]


def test_the_watcher_lists_web_pages_as_articles_and_not_other_files(tmp_path: Path) -> None:
    from sitrep import watch

    for name in ("a.txt", "page.html", "old.htm", "brief.pdf"):
        (tmp_path / name).write_text(BODY, encoding="utf-8")
    assert sorted(watch.list_articles(tmp_path)) == ["a.txt", "old.htm", "page.html"]


def test_a_byline_standing_alone_after_the_lede_is_metadata_not_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Army storms the terminal\n\nSpecial forces stormed the terminal on Friday, the army "
                    "said.\n\nBy Petra Vallin in Merrow Bay\n\nThe operation is over, the spokesman said.\n",
                    encoding="utf-8")
    article = read_article(path, tmp_path)
    assert "Petra Vallin" not in article.text
    assert article.metadata["author"] == "Petra Vallin"
    assert article.metadata["dateline"] == "Merrow Bay"


def test_a_sentence_starting_with_by_and_a_day_is_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Army storms the terminal\n\nSpecial forces stormed the terminal on Friday, the army "
                    "said.\n\nBy Tuesday Evening\n\nThe operation is over, the spokesman said.\n",
                    encoding="utf-8")
    assert "By Tuesday Evening" in read_article(path, tmp_path).text


# --- A headline over header lines -------------------------------------------------------------


def test_a_headline_over_header_lines_is_the_title_and_the_headers_count(tmp_path: Path) -> None:
    article = read(tmp_path, "a.txt", "BREAKING: Talks resume in the capital\nPublished: 2031-04-02\n"
                                      "Source: https://www.example-courier.net/talks-resume\n\n" + BODY)
    assert article.title == "BREAKING: Talks resume in the capital"
    assert article.date == "2031-04-02"
    assert article.paragraphs[0].startswith("Negotiators")


def test_a_source_site_the_outlet_table_does_not_know_is_the_outlet(tmp_path: Path) -> None:
    article = read(tmp_path, "guardian_copy.txt", "Source: https://www.example-courier.ng/talks\n\n" + BODY)
    assert article.outlet == "example-courier.ng"
