"""The Markdown report: a SITREP an analyst can hand to a colleague.

Certainty is always written out ("reported", "alleged", "denied"), never implied by layout,
and every item points at the file it came from. Article text is escaped so it cannot break
the Markdown structure (a `|` in a sentence does not split a table cell), and a file name is a
code span nothing in the name can close, so a backtick, a newline or a `|` in a name makes no
HTML, heading or extra table cell. Both are cleaned by `text.clean` first.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..datefmt import article_sort_key, article_when, as_of_label, claims_in_time_order
from ..model import Actor, Dispute, Provenance, Situation, sourcing_phrase
from ..reader.own_reports import TITLE_PREFIX
from ..text import clean
from .mermaid import mermaid_sections

CERTAINTY_LABEL = {"stated": "STATED", "reported": "REPORTED", "alleged": "ALLEGED", "unclear": "UNCLEAR",
                   "denied": "DENIED"}
STANCE_LABEL = {"asserts": "asserts", "denies": "denies", "hedges": "hedged claim",
                "unconfirmed": "unconfirmed", "silent": "no comment", "figure": "figure"}


_ESCAPED = str.maketrans({c: "\\" + c for c in "\\|`*_[]<>#"})
"""Markdown's markup characters, each escaped with a backslash (one pass: no escape is escaped)."""


def _md(text: str) -> str:
    """Escape text for Markdown: no control characters, no table breaks, no accidental markup."""
    if not (text.isascii() and text.isprintable()):  # printable ASCII is what `clean` leaves as it is
        text = clean(text)
    return " ".join(text.translate(_ESCAPED).split())


_BACKTICKS = re.compile("`+")


def _path(name: str, in_table: bool = False) -> str:
    """A file name as a code span: fenced by more backticks than any run in the name, on one line.

    In a table a `|` is written `\\|`, which GFM turns back into `|` even inside a code span.
    """
    text = name if name.isascii() and name.isprintable() else clean(name)  # as in `_md`
    fence = "`" * (max(map(len, _BACKTICKS.findall(text)), default=0) + 1) if "`" in text else "`"
    if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ")):
        text = f" {text} "  # CommonMark strips one space from each end of such a span
    if in_table:
        text = text.replace("|", "\\|")
    return f"{fence}{text}{fence}"


def _files(files: list[str], in_table: bool = False) -> str:
    names = list(dict.fromkeys(filter(None, files)))  # an actor's thousands of files: in C
    return ", ".join(_path(n, in_table) for n in names[:3]) + (f" +{len(names) - 3}" if len(names) > 3
                                                               else "")


def _dispute(d: Dispute, n: int) -> list[str]:
    counts = "; ".join(f"{STANCE_LABEL.get(stance, stance)}: {sourcing_phrase(k, 0)}"
                       for stance, k in d.independent_sources.items() if k)
    lines = [f"{n}. **{_md(d.subject)}** ({d.kind}" + (f"; {counts}" if counts else "") + ")"]
    for claim in d.claims[:6]:
        src = _md(claim.source) if claim.source else "the article"
        said = _md(claim.text)[:300]
        if claim.sentence and claim.sentence not in claim.text:
            said += f": “{_md(claim.sentence)[:300]}”"
        lines.append(f"    - *{STANCE_LABEL.get(claim.stance, claim.stance)}*, {src} "
                     f"({_files([claim.article])}): {said}")
    if len(d.claims) > 6:
        lines.append(f"    - ... and {len(d.claims) - 6} more")
    return lines


CLAIM_ACTORS = 10
CLAIMS_PER_ACTOR = 8


def _claims_over_time(actors: list[Actor]) -> list[str]:
    """Each main actor's claim ledger in time order: what held when, who says so, what overturned it."""
    out: list[str] = []
    for actor in [a for a in actors if a.state][:CLAIM_ACTORS]:
        rows = claims_in_time_order(actor.state)
        out.append(f"- **{_md(actor.name)}**")
        for entry in rows[:CLAIMS_PER_ACTOR]:
            when = as_of_label(entry.as_of) if entry.as_of else "undated"
            notes = []
            if entry.claimed_by:
                notes.append(f"claimed by {_md(entry.claimed_by)}")
            if entry.superseded_by:
                notes.append(f"superseded: {_md(entry.superseded_by)}")
            if entry.history:
                notes.append("history")
            srcs = ", ".join(_md(x) for x in entry.sources[:3]) or "the article"
            if entry.independent_sources:
                srcs += f"; {sourcing_phrase(entry.independent_sources, entry.article_count)}"
            files = _files([e.file for e in entry.evidence])
            tail = f"; {'; '.join(notes)}" if notes else ""
            out.append(f"    - {when}: {entry.slot}: {_md(entry.value)}, *{entry.certainty}* "
                       f"({srcs}{tail}) {files}")
        if len(rows) > CLAIMS_PER_ACTOR:
            out.append(f"    - ... and {len(rows) - CLAIMS_PER_ACTOR} more (see the JSON report)")
    return ["", "### Claims over time", "", *out] if out else []


def _provenance(given: Provenance) -> str:
    """" by Jane Doe; dateline Bamako (AFP); `https://...`" for a Sources line ("" when none)."""
    parts = [f"by {_md(given.author)}"] if given.author else []
    if given.dateline or given.agency:
        parts.append("dateline " + " ".join(filter(None, [_md(given.dateline),
                                                          f"({_md(given.agency)})" if given.agency else ""])))
    if given.url:
        parts.append(_path(given.url))
    return f"; {'; '.join(parts)}" if parts else ""


def to_markdown(situation: Situation, max_actors: int = 40) -> str:
    """The situation as a Markdown SITREP."""
    s = situation
    out: list[str] = [f"{TITLE_PREFIX}{_md(s.title)}", ""]
    outlets = ", ".join(_md(o) for o in s.outlets) or "unknown outlets"
    out.append(f"*{len(s.articles)} article(s) from {outlets}; focus: {_md(s.focus or 'none detected')}.*")
    out.append("")
    out.append("## Status")
    if not s.status:
        out.append("No status events found.")
    for line in s.status:
        srcs = "; ".join(_md(x) for x in line.sources) or "the articles"
        when = f"as of {as_of_label(line.as_of)}; " if line.as_of else ""
        count = f"; {line.sourcing}" if line.sourcing else ""
        out.append(f"- **{CERTAINTY_LABEL[line.certainty]}**: {_md(line.text)} "
                   f"({when}sources: {srcs}{count})")
    out += ["", "## Actors", "", "| Actor | Kind | Role | Status | Mentions | Files |",
            "|---|---|---|---|---|---|"]
    main = [a for a in s.actors if not a.minor][:max_actors]
    for a in main:
        aliases = f" (also: {', '.join(_md(x) for x in a.aliases[:3])})" if a.aliases else ""
        out.append(f"| {_md(a.name)}{aliases} | {a.kind} | {_md('; '.join(a.roles[:2]))} | "
                   f"{_md(a.status) or '-'} | {a.mentions} | {_files(a.articles, in_table=True)} |")
    out += _claims_over_time(main)
    minor = [a for a in s.actors if a.minor or a not in main]
    if minor:
        out += ["", f"Also mentioned: {', '.join(_md(a.name) for a in minor[:60])}"
                + (f" and {len(minor) - 60} more." if len(minor) > 60 else ".")]
    out += ["", "## Disputed facts", ""]
    live = [d for d in s.disputes if not d.settled_by]
    settled = [d for d in s.disputes if d.settled_by]
    if not live:
        out.append("None found.")
    for n, d in enumerate(live[:25], 1):
        out += _dispute(d, n)
    if len(live) > 25:
        out.append(f"\n... and {len(live) - 25} lesser disputes (see the JSON report).")
    if settled:
        out += ["", "Settled by a later claim:", ""]
        out += [f"- {_md(d.subject)}: settled by {_md(d.settled_by)}" for d in settled[:10]]
    out += ["", "## Regional context", ""]
    by_kind: dict[str, list[str]] = defaultdict(list)
    for item in s.context:
        years = f"{', '.join(str(y) for y in item.years)}: " if item.years else ""
        files = _files([e.file for e in item.evidence])
        by_kind[item.kind].append(f"- {years}{_md(item.text)}" + (f" ({files})" if files else ""))
    titles = {"history": "History", "alliance": "Alliances", "rupture": "Ruptures",
              "pattern": "Regional patterns", "organisation": "Organisations", "background": "Background",
              "neighbour": "Neighbours", "place": "Places"}
    for kind, title in titles.items():
        if by_kind.get(kind):
            out += [f"### {title}", *by_kind[kind][:20], ""]
    out += mermaid_sections(s)
    out += ["## Sources", ""]
    for art in sorted(s.articles, key=article_sort_key):
        dup = (f", {art.duplicates_removed} repeated paragraph(s) counted once" if art.duplicates_removed
               else "")
        out.append(f"- {_path(art.path)}: {_md(art.title)} ({_md(art.outlet) or 'outlet unknown'}, "
                   f"{_md(article_when(art))}; {art.words} words{dup}){_provenance(art.provenance)}")
    for bad in s.bad_files:
        out.append(f"- {_path(bad.path)}: NOT READ: {_md(bad.reason)}")
    return "\n".join(out).rstrip() + "\n"
