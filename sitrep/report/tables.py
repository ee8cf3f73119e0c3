"""The situation as spreadsheet tables: actors, claims, disputes and sources.

`sitrep report --format csv -o FOLDER` writes each table as FOLDER/NAME.csv; `--table NAME`
writes one table to a file or standard output. Rows join on plain columns: `claims.actor`
and `disputes.actors` hold `actors.name`; every `file` or `article` column holds
`sources.path`.

- actors: one row per actor, in report order.
- claims: the claim ledger (`actor.state`), one row per entry, with its dates as ISO text
  (`as_of`) and as the first and last day it covers (`from`, `to`), for sorting and filtering.
- disputes: one row per side: a dispute's claims grouped by stance, each side with its
  sources, wordings and independent-source count.
- sources: every article with its provenance (URL, author, dateline, agency), and every file
  that could not be read, with the reason.
"""

from __future__ import annotations

from collections import defaultdict

from ..datefmt import article_when
from ..dates import When
from ..model import Claim, Evidence, Situation
from .csv_text import Cell, joined, to_csv


def evidence_cell(evidence: list[Evidence], limit: int = 5) -> str:
    """Evidence in one cell: "file: sentence" entries separated by " | " (at most `limit`)."""
    return " | ".join(f"{e.file}: {e.sentence}" for e in evidence[:limit])


def actors_table(situation: Situation) -> str:
    """One row per actor."""
    header = ["name", "aliases", "kind", "roles", "status", "mentions", "articles", "score", "minor", "files"]
    rows: list[list[Cell]] = [
        [
            a.name,
            joined(a.aliases),
            a.kind,
            joined(a.roles),
            a.status,
            a.mentions,
            len(a.articles),
            round(a.score, 3),
            a.minor,
            joined(a.articles),
        ]
        for a in situation.actors
    ]
    return to_csv(header, rows)


def claims_table(situation: Situation) -> str:
    """One row per claim-ledger entry of every actor."""
    header = [
        "actor",
        "slot",
        "family",
        "value",
        "certainty",
        "as_of",
        "from",
        "to",
        "sources",
        "independent_sources",
        "articles",
        "superseded_by",
        "claimed_by",
        "history",
        "relation",
        "evidence",
    ]
    rows: list[list[Cell]] = []
    for actor in situation.actors:
        for entry in actor.state:
            held = When.from_iso(entry.as_of) if entry.as_of else None
            rows.append(
                [
                    actor.name,
                    entry.slot,
                    entry.family,
                    entry.value,
                    entry.certainty,
                    entry.as_of,
                    held.start.isoformat() if held else "",
                    held.end.isoformat() if held else "",
                    joined(entry.sources),
                    entry.independent_sources,
                    entry.article_count,
                    entry.superseded_by,
                    entry.claimed_by,
                    entry.history,
                    entry.relation,
                    evidence_cell(entry.evidence),
                ]
            )
    return to_csv(header, rows)


def _figures(claims: list[Claim]) -> tuple[float | None, float | None]:
    values = [c.value for c in claims if c.value]
    if not values:
        return None, None
    return min(v[0] for v in values), max(v[1] for v in values)


def disputes_table(situation: Situation) -> str:
    """One row per side of every dispute (`dispute` numbers the disputes from 1, by weight)."""
    header = [
        "dispute",
        "subject",
        "kind",
        "weight",
        "actors",
        "stance",
        "sources",
        "independent_sources",
        "claims",
        "says",
        "figure_low",
        "figure_high",
        "when",
        "articles",
        "evidence",
    ]
    rows: list[list[Cell]] = []
    for number, dispute in enumerate(situation.disputes, 1):
        sides: dict[str, list[Claim]] = defaultdict(list)
        for claim in dispute.claims:
            sides[claim.stance].append(claim)
        for stance, claims in sides.items():
            low, high = _figures(claims)
            rows.append(
                [
                    number,
                    dispute.subject,
                    dispute.kind,
                    round(dispute.weight, 3),
                    joined(dispute.actors),
                    stance,
                    joined(c.source or "the article" for c in claims),
                    dispute.independent_sources.get(stance),
                    len(claims),
                    joined((c.text for c in claims), " | "),
                    low,
                    high,
                    joined(c.when for c in claims),
                    joined(c.article for c in claims),
                    " | ".join(f"{c.article}: {c.sentence}" for c in claims if c.sentence),
                ]
            )
    return to_csv(header, rows)


def sources_table(situation: Situation) -> str:
    """One row per article, then one per file that was not read."""
    header = [
        "path",
        "read",
        "title",
        "outlet",
        "date",
        "when",
        "words",
        "duplicates_removed",
        "url",
        "author",
        "dateline",
        "agency",
        "reason",
    ]
    rows = [
        [
            a.path,
            True,
            a.title,
            a.outlet,
            a.date,
            article_when(a),
            a.words,
            a.duplicates_removed,
            a.provenance.url,
            a.provenance.author,
            a.provenance.dateline,
            a.provenance.agency,
            "",
        ]
        for a in situation.articles
    ]
    rows += [
        [b.path, False, "", "", None, "", None, None, "", "", "", "", b.reason] for b in situation.bad_files
    ]
    return to_csv(header, rows)


TABLES = {
    "actors": actors_table,
    "claims": claims_table,
    "disputes": disputes_table,
    "sources": sources_table,
}
"""Each table's writer by name, in the order they are written."""
