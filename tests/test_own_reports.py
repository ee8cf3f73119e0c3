"""Tests for `sitrep.reader.own_reports`: sitrep knows its own reports and never reads one as an article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.model import ArticleInfo, Situation
from sitrep.reader import BadFileError, read_article
from sitrep.reader.own_reports import JSON_KEYS, OWN_REPORT, is_sitrep_report
from sitrep.report import to_json, to_markdown

SITUATION = Situation(folder="/articles", title="Coup plot in Mali",
                      articles=[ArticleInfo("a.txt", "Soldiers arrested", "AFP", None, 0.0, 40)])


def test_a_markdown_report_is_recognised() -> None:
    assert is_sitrep_report(to_markdown(SITUATION))


def test_a_json_report_is_recognised() -> None:
    assert is_sitrep_report(to_json(SITUATION) + "\n")


def test_a_report_with_windows_line_endings_and_a_bom_is_recognised() -> None:
    assert is_sitrep_report("\ufeff" + to_markdown(SITUATION).replace("\n", "\r\n"))


def test_a_report_the_user_added_a_note_to_is_still_recognised() -> None:
    markdown = to_markdown(SITUATION).replace("## Status", "Note: sent to the desk.\n\n## Status")
    assert is_sitrep_report(markdown)


@pytest.mark.parametrize("text", [
    "# SITREP: Mali\n\nSoldiers were arrested in Bamako on Monday, the army said.\n",
    "SITREP: Mali\n\n## Status\n\n## Actors\n\n## Sources\n",
    '{"title": "not a report", "status": []}',
    "{" * 100_000,
    '{"a": ' * 50_000 + "1" + "}" * 50_000,
    "Soldiers were arrested.\n\n## Status\n## Actors\n## Sources\n",
])
def test_an_article_that_only_looks_a_little_like_a_report_is_not_one(text: str) -> None:
    assert not is_sitrep_report(text)


@pytest.mark.parametrize("render", [to_markdown, to_json], ids=["md", "json"])
def test_the_reader_refuses_a_report_with_the_reason(tmp_path: Path, render: object) -> None:
    path = tmp_path / "report.txt"
    path.write_text(render(SITUATION), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(BadFileError) as info:
        read_article(path, tmp_path)
    assert str(info.value) == OWN_REPORT


def test_an_article_about_a_sitrep_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# SITREP: the army's daily note\n\nThe army said soldiers were arrested in Bamako.\n",
                    encoding="utf-8")
    assert read_article(path, tmp_path).paragraphs


def test_json_keys_are_the_json_report_keys_reports_before_schema_version_had_too() -> None:
    assert set(json.loads(to_json(SITUATION))) - JSON_KEYS == {"schema_version", "generator", "generated_at"}
