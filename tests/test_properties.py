"""Property tests: hostile input never crashes the reader, the pipeline, extraction or the reports.

Random bytes, random Unicode, huge lines, Rich markup, terminal escapes (CSI, OSC 52), RTL and
non-English text go through `read_article`/`clean_text`/`scan`, then the real spaCy pipeline and
`extract_article`, `merge` and both report writers. Every bad file gets a reason; cleaned text
holds no escape or control character. Examples are few and the model is loaded once, so the
whole file stays well under a minute.
"""

from __future__ import annotations

import json
import os
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from markdown_it import MarkdownIt

from sitrep.config import Config
from sitrep.engine import Engine, parse_batch
from sitrep.merge import merge
from sitrep.model import Article, ArticleResult, Situation
from sitrep.reader import BadFileError, clean_text, read_article, scan
from sitrep.reader.files import is_listed_name
from sitrep.report import to_json, to_markdown
from sitrep.text import clean, without_surrogates
from sitrep.tui.marks import safe
from sitrep.watch import FolderChange, describe_change

if TYPE_CHECKING:
    from spacy.language import Language

FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])
SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])

HOSTILE = [
    "\x1b[31mred\x1b[0m", "\x1b[2J\x1b[H", "\x1b]52;c;ZXZpbCBjbGlwYm9hcmQ=\x07", "\x1b]52;c;aGk=\x1b\\",
    "\x1b]0;window title\x07", "\x1b]8;;http://evil.example\x07link\x1b]8;;\x07", "\x9b31m", "\x1bP1$r\x1b\\",
    "\x1b[?1049h", "\x1b(0", "\x07", "\x08\x08\x08", "\r", "\x00", "\x7f", "\x85", "\u2028", "\u2029",
    "[bold red]markup[/]", "[link=https://evil.example]click[/link]", "[/]", "[", "]", "\\[escaped]",
    "\u202eevil\u202c", "\u2066isolate\u2069", "\u200b", "\ufeff", "\ufffd", "\ue000",
    "مرحبا بالعالم، قال المتحدث إن الجنود اعتقلوا", "שלום עולם, אמר הדובר", "الجيش المالي",
    "Премьер-министр заявил, что армия", "军方表示，政变已经失败。", "兵士たちは首都を占拠した。",
    "Der Präsident wurde am Donnerstag festgenommen.", "Le général Goïta a démenti l'arrestation.",
    "GoÃ¯ta", "pr&#233;cis &amp; &lt;b&gt;", "👮‍♂️🇲🇱", "e\u0301\u0301\u0301", "ﬁ ligature",
    "General Abass Dembele was arrested, a source said.", "The AFP news agency claimed 20 to 50 soldiers.",
    "Mali", "Bamako", "\t", "    ", "\n\n\n", "# Heading", "> quote", "* item", "Source: x", "Title: y",
]
"""Pieces that have broken text tools before; examples are built from these and random text."""

pieces = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(["the", "army", "said", "on", "Monday", "soldiers", "denied", "reports", ".", ",",
                     "\n\n"]),
)
hostile_text = st.lists(pieces, max_size=40).map(" ".join)


def assert_clean(text: str) -> None:
    """No escape, control (except newline), bidi-override or other invisible formatting character."""
    for char in text:
        if char == "\n":
            continue
        category = unicodedata.category(char)
        assert category != "Cc", f"control character {char!r} in {text[:80]!r}"
        assert char not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", f"bidi {char!r}"
    assert "\x1b" not in text and "\x9b" not in text


def check_article(article: Article) -> None:
    """A read article: cleaned everywhere, with text to analyse."""
    assert article.paragraphs
    for part in [article.title, article.outlet, *article.paragraphs, *article.metadata.values()]:
        assert_clean(part)


@cache
def pipeline() -> Language:
    """The real sitrep pipeline, loaded once for the whole module."""
    from sitrep.nlp.pipeline import load_pipeline

    return load_pipeline(Config())


def write_reports(situation: Situation) -> None:
    """Both writers survive the situation; JSON parses back; Markdown holds no escape."""
    data = json.loads(to_json(situation))
    assert isinstance(data["actors"], list)
    text = to_markdown(situation, 40)
    assert "\x1b" not in text and "\x9b" not in text


# ------------------------------------------------------------------------------------------ reader


@SOME
@given(text=hostile_text)
def test_clean_text_leaves_no_control_characters(text: str) -> None:
    """Whatever comes in, cleaned text is printable: no ESC, no C0/C1 control, no bidi override."""
    cleaned = clean_text(text)
    assert_clean(cleaned)
    assert clean_text(cleaned) == cleaned  # idempotent: cleaning twice changes nothing more


def read_or_reason(path: Path, data: bytes) -> None:
    """Write `data` to `path` and read it: a clean article, or a `BadFileError` with a reason."""
    path.write_bytes(data)
    try:
        article = read_article(path, path.parent)
    except BadFileError as exc:
        assert str(exc).strip()
    else:
        check_article(article)


@SOME
@given(data=st.binary(max_size=3000))
def test_random_bytes_are_an_article_or_a_reason(tmp_path: Path, data: bytes) -> None:
    """Random bytes give a clean article or a `BadFileError` with a reason, nothing else."""
    read_or_reason(tmp_path / "random.txt", data)


@SOME
@given(text=hostile_text, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_hostile_text_files_read_clean(tmp_path: Path, text: str, encoding: str) -> None:
    """Hostile text in any supported encoding reads as a clean article or a reason."""
    read_or_reason(tmp_path / "hostile.md", text.encode(encoding, errors="surrogatepass"))


@FEW
@given(files=st.lists(st.one_of(st.binary(max_size=400), hostile_text.map(str.encode)), min_size=1,
                      max_size=8))
def test_scan_gives_every_bad_file_a_reason(tmp_path_factory: pytest.TempPathFactory,
                                            files: list[bytes]) -> None:
    """Every file `scan` lists ends up an article or a bad file with a reason, never lost."""
    folder = tmp_path_factory.mktemp("scan")
    for index, data in enumerate(files):
        (folder / f"{index:02d}.txt").write_bytes(data)
    result = scan(folder)
    assert len(result.articles) + len(result.bad_files) == len(files)
    assert all(bad.reason.strip() for bad in result.bad_files)
    for article in result.articles:
        check_article(article)


def test_huge_lines_are_read(tmp_path: Path) -> None:
    """A 2 MB single line (with escapes sprinkled in) reads clean, without choking."""
    line = ("The army said \x1b[1mnothing\x1b[0m on Monday. " * 50_000)[:2_000_000]
    path = tmp_path / "huge.txt"
    path.write_text("Headline\n\n" + line + "\n", encoding="utf-8")
    article = read_article(path, tmp_path)
    check_article(article)
    assert article.words > 100_000


def test_text_too_long_for_the_model_is_a_bad_file(tmp_path: Path) -> None:
    """An article longer than spaCy reads at once is skipped with a reason, not a failed run."""
    (tmp_path / "huge.txt").write_text("Headline\n\n" + "Soldiers were arrested. " * 60_000, encoding="utf-8")
    config = Config()
    config.cache.enabled = False
    situation = Engine(config).analyse(tmp_path)
    assert [b.path for b in situation.bad_files] == ["huge.txt"]
    assert "too long" in situation.bad_files[0].reason


# ------------------------------------------------------------------------ pipeline and extraction


def _analyse_text(folder: Path, name: str, text: str) -> Situation | None:
    """Write, read, parse, extract and merge one article (None when the reader rejects it)."""
    path = folder / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        article = read_article(path, folder)
    except BadFileError as exc:
        assert str(exc).strip()
        return None
    check_article(article)
    results = parse_batch(pipeline(), [article], 8)
    assert len(results) == 1 and isinstance(results[0], ArticleResult)
    # The cache round trip keeps everything.
    assert (
        ArticleResult.from_dict(json.loads(json.dumps(results[0].to_dict()))).to_dict()
        == results[0].to_dict()
    )
    return merge(results, [], folder)


@FEW
@given(text=hostile_text)
def test_pipeline_extract_and_reports_survive_hostile_text(tmp_path_factory: pytest.TempPathFactory,
                                                          text: str) -> None:
    """Hostile text through the real pipeline, the extractors, merge and both writers."""
    folder = tmp_path_factory.mktemp("nlp")
    situation = _analyse_text(folder, "hostile.txt", "Soldiers arrested in Bamako\n\n" + text)
    if situation is not None:
        write_reports(situation)


@FEW
@given(lines=st.lists(st.sampled_from(HOSTILE[20:48]), min_size=1, max_size=30))
def test_pipeline_on_rtl_and_non_english_text(tmp_path_factory: pytest.TempPathFactory,
                                              lines: list[str]) -> None:
    """Arabic, Hebrew, Cyrillic, CJK and mixed-direction paragraphs analyse without error."""
    folder = tmp_path_factory.mktemp("intl")
    situation = _analyse_text(folder, "intl.txt", "\n\n".join(["Headline", *lines]))
    if situation is not None:
        write_reports(situation)


def test_pipeline_on_a_long_line(tmp_path: Path) -> None:
    """One long line (no paragraph breaks, 60,000 characters) goes through the whole chain."""
    line = " ".join(
        ["General Abass Dembele was arrested in Bamako, a source said, but the army denied it."] * 700
    )
    situation = _analyse_text(tmp_path, "long.txt", "Headline\n\n" + line)
    assert situation is not None
    write_reports(situation)


def test_many_hostile_files_in_one_situation(tmp_path: Path) -> None:
    """All the hostile pieces at once, one file each, merged into one situation and reported."""
    for index, piece in enumerate(HOSTILE):
        (tmp_path / f"{index:02d}.txt").write_text(f"Headline {index}\n\n{piece} soldiers in Mali said "
                                                   f"{piece}.",
                                                   encoding="utf-8", errors="surrogatepass")
    scanned = scan(tmp_path)
    assert len(scanned.articles) + len(scanned.bad_files) == len(HOSTILE)
    results = parse_batch(pipeline(), scanned.articles, 16)
    situation = merge(results, scanned.bad_files, tmp_path)
    write_reports(situation)
    for actor in situation.actors:
        assert_clean(actor.name)


# ------------------------------------------------------------------------------ hostile file names

NAME_PIECES = [
    "\x1b]52;c;UFdORUQ=\x07", "\x1b]0;title\x1b\\", "\x1b[2J", "\x9b31m", "\x9d0;C1TITLE\x07", "\x85",
    "\x01", "\x7f", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", b"\xff\xfe", b"\xc3", "\n# INJECTED\n",
    "\r", "\t", "`", "```", "|", "\\|", "<img src=x onerror=alert(1)>", "[red]", "*", "#", "Goïta", "مرحبا",
    "👮‍♂️",
]
"""Pieces of file names: C0, C1, bidi, zero-width, bytes that are not UTF-8, newlines, backticks, pipes."""

hostile_names = st.lists(st.sampled_from(NAME_PIECES) | st.text(max_size=8), min_size=1, max_size=6).map(
    lambda parts: b"".join(p if isinstance(p, bytes) else os.fsencode(p) for p in parts).replace(b"/", b"_")
    .replace(b"\x00", b"_")[:200] + b".txt"
)
"""A file name (bytes, as on disk) built from the pieces and random text."""


def printable(text: str) -> bool:
    """No control (but newline), bidi, invisible format character or lone surrogate."""
    return all(c == "\n" or unicodedata.category(c) not in ("Cc", "Cf", "Cs") for c in text)


@FEW
@given(names=st.lists(hostile_names, min_size=1, max_size=4, unique=True))
def test_hostile_file_names_leave_every_output_inert(tmp_path_factory: pytest.TempPathFactory,
                                                    names: list[bytes]) -> None:
    """Hostile names through scan, the pipeline and merge: the Markdown renders no HTML, heading
    or extra table cell from a name; the JSON is valid UTF-8; the toast, stderr and panes get
    only printable text."""
    folder = tmp_path_factory.mktemp("names")
    for index, name in enumerate(names):
        with open(os.path.join(os.fsencode(folder), b"a" + name), "wb") as handle:
            handle.write("Soldiers arrested in Bamako\n\nGeneral Abass Dembele was arrested, AFP said "
                         f"({index}).\n"
                         .encode())
    (folder / "empty.txt").write_bytes(b"")
    scanned = scan(folder)
    situation = merge(parse_batch(pipeline(), scanned.articles, 8), scanned.bad_files, folder)
    paths = [a.path for a in situation.articles] + [b.path for b in situation.bad_files]
    # swap, backup and temp names ("a.TMP.txt") are the listing's to leave out; every other is shown
    listed = [n for n in names if is_listed_name(os.fsdecode(b"a" + n))]
    assert len(paths) == len(listed) + 1
    markdown = to_markdown(situation, 40)
    assert printable(markdown)
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    assert "<img" not in html and html.count("<h1>") == 1 and "<h1>INJECTED" not in html
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:] if "<tbody>" in html else []
    assert all(row.count("<td>") == 6 for row in rows)
    text = to_json(situation)
    assert printable(text)
    report = json.loads(text.encode("utf-8").decode("utf-8"))
    shown_paths = sorted(without_surrogates(a.path) for a in situation.articles)
    # the name reads back, bad bytes as U+FFFD
    assert sorted(a["path"] for a in report["articles"]) == shown_paths
    for path in paths:
        for shown in (clean(path), safe(path).plain, describe_change(FolderChange(added=(path,)))):
            assert printable(shown) and "\n" not in shown


@given(st.lists(st.sampled_from(["a", "B", "", ".", "bak", "BAK", "swp", "txt", "md", "part", " ", "~", "#",
                                 "thumbs", "db"]), min_size=1, max_size=6).map(".".join))
def test_a_name_is_listed_unless_one_of_its_path_suffixes_is_a_backup_suffix(name: str) -> None:
    """The listing reads suffixes from the string; `Path.suffixes` is the definition it keeps."""
    from sitrep.reader.files import _BACKUP_SUFFIXES, _DESKTOP_FILES

    hidden = name.startswith((".", "#", "~")) or name.endswith(("~", "#")) or name.lower() in _DESKTOP_FILES
    by_path = not hidden and not any(s.lower() in _BACKUP_SUFFIXES for s in Path(name).suffixes)
    assert is_listed_name(name) == by_path
